"""What the editing form's preview needs to show a case as its page shows it: ``rediger/forhandsvisning.json``.

The preview pane of the form at ``/rediger/`` (``content/rediger/skjema.js``, «Forhåndsvisning»)
draws the case with the case page's own words. Nothing here is written by hand: the fixed labels
come from ``builder/core/labels.py`` (both Bokmål and Nynorsk, as a case page follows the case's
``språk``), the choice lists' labels from ``vocabularies/`` (what ``vocab.label`` gives the case
page's templates), and the number and date formats from ``builder/core/formatting.py`` (separators read
off ``format_number`` itself, so a change there reaches the preview at the next build).
"""

from __future__ import annotations

import json

from builder.core.formatting import MONTHS, format_number
from builder.core.labels import LABELS
from builder.sources.vocabularies import Vocabularies
from builder.charts.specs import MIN_CHART_VALUES

PREVIEW_FILE = "rediger/forhandsvisning.json"
# The vocabularies a case page names by label (builder/templates/case*.html, sources.html).
LABELLED_VOCABULARIES = ("fylker", "kunnskapsgrunnlag", "programmer", "resultattyper", "sektorer",
                         "status", "temaer")


def number_format() -> dict[str, str]:
    """The separators of formatting.format_number, read from its output for −1234.5 («−1 234,5»)."""
    sample = format_number(-1234.5)
    minus, thousands, decimal = sample[0], sample[2], sample[-2]
    assert sample == f"{minus}1{thousands}234{decimal}5", sample  # the shape this reading relies on
    return {"minus": minus, "tusen": thousands, "desimal": decimal}


def preview_data(vocabularies: Vocabularies) -> dict:
    sources = {}
    for term in vocabularies["kilder"].terms:
        sources[term.id] = {"navn": term.navn, "utgiver": term.get("utgiver"), "år": term.get("år")}
    return {
        "etiketter": LABELS,
        "lister": {name: {t.id: t.navn for t in vocabularies[name].terms} for name in LABELLED_VOCABULARIES},
        "kilder": sources,
        "tall": number_format(),
        "måneder": list(MONTHS),
        "figur_fra_antall_verdier": MIN_CHART_VALUES,
    }


def preview_json(vocabularies: Vocabularies) -> str:
    """Deterministic: sorted keys, fixed indentation, one final line break."""
    return json.dumps(preview_data(vocabularies), ensure_ascii=False, sort_keys=True, indent=1) + "\n"

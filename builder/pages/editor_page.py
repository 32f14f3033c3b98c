"""The editing form at ``/rediger/``: Decap CMS, its generated configuration, and its licences.

Decap's bundle comes from ``node_modules/decap-cms/dist`` (installed by ``npm ci``) and is
copied into the site at build time, with its MIT licence; the YAML reader ``js-yaml`` likewise.
Only ``/rediger/`` loads them. When the bundle is missing (a machine without Node.js), the page
says so and how to get it, and the rest of the site builds as usual.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from builder.core.build_cache import digest
from builder.sources.catalog import Catalog
from builder.editing.cms_config import cms_config_yaml, github_repo
from builder.editing.form_checks import AJV_BUNDLE, AJV_LICENCE, sjekk_module
from builder.editing.form_preview import PREVIEW_FILE, preview_json
from builder.pages.page_inputs import shared_inputs_digest

PAGE_DIR = "rediger"
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"  # the self-contained build (React included)
DECAP_BUNDLE = "decap-cms.js"
JS_YAML = Path("node_modules") / "js-yaml" / "dist" / "js-yaml.min.js"
# decap-cms ships no LICENSE file of its own; its packages share the monorepo's MIT licence.
LICENCES = (("Decap CMS (MIT)", Path("node_modules") / "decap-cms-lib-auth" / "LICENSE"),
            ("Tredjepartskode i decap-cms.js",
             Path("node_modules") / "decap-cms" / "dist" / "decap-cms.js.LICENSE.txt"),
            ("js-yaml (MIT)", Path("node_modules") / "js-yaml" / "LICENSE"),
            ("ajv, i ajv2020.min.js (MIT)", AJV_LICENCE))  # an absolute path: root / path keeps it
TITLE = "Skjema for eksempler – Erfaringsbanken"


def _page(body: str) -> str:
    return f"""<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(TITLE)}</title>
<link rel="icon" href="../assets/favicon.svg">
<link rel="stylesheet" href="skjema.css">
</head>
<body>
{body}
</body>
</html>
"""


_MISSING = """<main class="eb-skjema-mangler">
<h1>Skjemaet er ikke med i denne utgaven av nettstedet</h1>
<p>Skjemaet for nye eksempler bruker Decap CMS, som installeres med Node.js. Nettstedet ble bygget
uten det. Kjør <code>npm ci</code> i prosjektmappen og bygg på nytt med <code>make site</code>.</p>
<p>Du kan også sende inn et eksempel som en YAML-fil; se <a href="../redaktorer/">For redaktører</a>.</p>
</main>"""

# A build without a GitHub repository (no REPO_URL, as `make site` builds): the form has nowhere to
# send a suggestion, so the page says how else to suggest an example. skjema.js starts the form
# instead only when a local decap-server answers (the page opened from this machine).
_NO_REPOSITORY = """<main class="eb-skjema-mangler" id="eb-uten-lager">
<h1>Foreslå et eksempel</h1>
<p>Denne utgaven av Erfaringsbanken er ikke koblet til et kodelager på GitHub, så skjemaet kan ikke
sende forslag herfra. Du kan likevel bidra på en av disse måtene:</p>
<h2>Fortell redaksjonen om eksempelet</h2>
<p>Gå til prosjektets kodelager på GitHub, velg <strong>Issues</strong>, så <strong>New issue</strong>
og malen <strong>Foreslå et nytt eksempel</strong>. Malen spør om kommune, sektor, hva kommunen
gjorde, hva det ga og hvor opplysningene kommer fra; en redaktør lager eksempelfilen. Har du ikke en
GitHub-konto, kan du sende de samme opplysningene til redaksjonen på e-post. Oppgi roller, ikke
navn på personer.</p>
<h2>Skriv eksempelfilen selv</h2>
<p>Et eksempel er én tekstfil i mappen <code>cases/</code>. Hvordan den skrives og kontrolleres,
står under <a href="../redaktorer/">For redaktører</a>.</p>
<h2>Bruk skjemaet på din egen maskin</h2>
<p>Har du en kopi av prosjektet, kan du bruke skjemaet mot den. Det lagrer da rett i mappen
<code>cases/</code> i kopien din. Kjør disse kommandoene i prosjektmappen, de to siste i hvert sitt
vindu:</p>
<pre><code>make site
npx decap-server
make serve</code></pre>
<p>Åpne så adressen <code>127.0.0.1:8000/rediger/</code> i nettleseren og velg <strong>Logg inn</strong>.</p>
<p>For den som drifter nettstedet: bygges nettstedet med miljøvariabelen <code>REPO_URL</code> satt til
adressen til kodelageret på GitHub, sender skjemaet forslag som endringsforespørsler (se
<code>CONTRIBUTING.md</code>).</p>
</main>
"""

_APP = """<noscript><p>Skjemaet trenger JavaScript. Du kan også sende inn et eksempel som en YAML-fil; se
<a href="../redaktorer/">For redaktører</a>.</p></noscript>
<script src="js-yaml.min.js"></script>
<script src="skjema.js"></script>
<script src="decap-cms.js"></script>"""


_CONFIG_MEMO: dict[str, str] = {}  # {inputs key: config.yml}, the last one made in this process


def _form_config(catalog: Catalog) -> str:
    """config.yml of the form. It is made from the schema and the vocabularies (and REPO_URL,
    CMS_BRANCH), not from the cases, so the rebuilds of `mkdocs serve` make it once."""
    key = digest("cms-config", shared_inputs_digest(catalog), os.environ.get("CMS_BRANCH"))
    if key not in _CONFIG_MEMO:
        _CONFIG_MEMO.clear()
        _CONFIG_MEMO[key] = cms_config_yaml(catalog.project, catalog.vocabularies)
    return _CONFIG_MEMO[key]


def editor_files(catalog: Catalog) -> dict[str, str | bytes]:
    root = catalog.project.root
    files: dict[str, str | bytes] = {
        f"{PAGE_DIR}/config.yml": _form_config(catalog),
    }
    dist = root / DECAP_DIST
    if not (dist / DECAP_BUNDLE).is_file() or not (root / JS_YAML).is_file() or not (root / AJV_BUNDLE).is_file():
        files[f"{PAGE_DIR}/index.html"] = _page(_MISSING)
        return files
    for part in sorted(dist.iterdir()):  # the bundle and the chunks it loads on demand
        if part.name == DECAP_BUNDLE or part.name.endswith("." + DECAP_BUNDLE) or part.suffix == ".wasm":
            files[f"{PAGE_DIR}/{part.name}"] = part.read_bytes()
    files[f"{PAGE_DIR}/js-yaml.min.js"] = (root / JS_YAML).read_bytes()
    # The checks of `validate` for one case, run by the form as the editor types and before saving.
    files[f"{PAGE_DIR}/ajv2020.min.js"] = (root / AJV_BUNDLE).read_bytes()
    files[f"{PAGE_DIR}/sjekk.js"] = sjekk_module(catalog.project, catalog.vocabularies, catalog.register)
    # The case page's labels and formats for the form's preview pane (skjema.js, «Forhåndsvisning»).
    files[PREVIEW_FILE] = preview_json(catalog.vocabularies)
    notices = []
    for name, path in LICENCES:
        notices.append(f"{name}\n{'=' * len(name)}\n\n{(root / path).read_text(encoding='utf-8').strip()}\n")
    files[f"{PAGE_DIR}/LISENSER.txt"] = ("Tredjepartskode i /rediger/ og lisensene den brukes under.\n\n"
                                         + "\n\n".join(notices))
    has_repository = github_repo(os.environ.get("REPO_URL")) is not None  # as cms_config decides
    files[f"{PAGE_DIR}/index.html"] = _page(_APP if has_repository else _NO_REPOSITORY + _APP)
    return files

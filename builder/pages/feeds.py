"""Atom feeds of new and updated cases: one for all cases, one per theme.

An entry's `updated` is the last git commit touching the case file (when the site is built from a
git checkout), otherwise its `sist_vurdert` date. Entries are sorted newest first, then by id.
"""

from __future__ import annotations

import os
import re
from xml.sax.saxutils import escape as _escape, quoteattr as _quoteattr

from builder.sources.catalog import Catalog
from builder.sources.model import Case

# Characters XML 1.0 cannot hold. The loader refuses them in every input; this keeps a feed
# well-formed even if one ever got through another way.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    return _escape(_NOT_XML.sub("", text))


def quoteattr(text: str) -> str:
    return _quoteattr(_NOT_XML.sub("", text))


MAX_ENTRIES = 50


def site_url() -> str | None:
    """The published address (SITE_URL, ending in «/»), or None when it is not set."""
    url = os.environ.get("SITE_URL")
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def case_updated(case: Case, catalog: Catalog) -> str:
    return max(catalog.last_changed.get(case.source_file, case.sist_vurdert), case.sist_vurdert)


def _summary(case: Case, catalog: Catalog) -> str:
    vocab = catalog.vocabularies
    text = " ".join(case.bakgrunn.split())
    if len(text) > 300:
        text = text[:297].rsplit(" ", 1)[0] + " …"
    return f"{case.municipality_names} · {vocab.label('sektorer', case.sektor)}. {text}"


def atom_feed(catalog: Catalog, cases: list[Case], *, feed_path: str, title: str, page_path: str) -> str:
    """Without SITE_URL, links are relative to the feed (feed readers resolve them against the feed's
    own address) and ids are URNs, so no made-up host is written."""
    published = site_url()
    base = published or "../" * feed_path.count("/")
    feed_id = published + feed_path if published else f"urn:erfaringsbanken:{feed_path}"
    entries = sorted(cases, key=lambda c: (case_updated(c, catalog), c.id), reverse=True)[:MAX_ENTRIES]
    updated = max((case_updated(c, catalog) for c in cases), default=catalog.today.isoformat())
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(published + feed_path if published else feed_path.rsplit('/', 1)[1])}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + page_path)}/>",
        "  <author><name>Erfaringsbanken</name></author>",
        "  <generator>Erfaringsbanken</generator>",
    ]
    for case in entries:
        url = base + case.url
        lines += [
            f"  <entry xml:lang=\"{case.språk}\">",
            f"    <id>{escape(url if published else f'urn:erfaringsbanken:{case.url}')}</id>",
            f"    <title>{escape(case.tittel)}</title>",
            f"    <updated>{case_updated(case, catalog)}T00:00:00Z</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url)}/>",
            *[f"    <category term={quoteattr(t)} label={quoteattr(catalog.vocabularies.label('temaer', t))}/>"
              for t in case.temaer],
            f"    <summary type=\"text\">{escape(_summary(case, catalog))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feed_files(catalog: Catalog) -> dict[str, str]:
    files = {"feed/eksempler.xml": atom_feed(catalog, catalog.cases, feed_path="feed/eksempler.xml",
                                             title="Erfaringsbanken: nye og oppdaterte eksempler",
                                             page_path="eksempler/")}
    for term in catalog.vocabularies["temaer"].terms:
        cases = catalog.cases_with_theme(term.id)
        if cases:
            path = f"feed/tema/{term.id}.xml"
            files[path] = atom_feed(catalog, cases, feed_path=path,
                                    title=f"Erfaringsbanken: {term.navn}", page_path=f"temaer/{term.id}/")
    return files

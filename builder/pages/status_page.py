"""Editors' status page: what needs review (stale cases, overdue theme pages, contacts to check)."""

from __future__ import annotations

from builder.sources.catalog import Catalog
from builder.sources.freshness import age_days, contact_status, is_stale
from builder.pages.front_matter import front_matter
from builder.pages.templating import render

PAGE_URL = "redaktorer/status/"


def stale_cases(catalog: Catalog):
    return sorted((c for c in catalog.cases if is_stale(c, catalog.settings, catalog.today)),
                  key=lambda c: (c.sist_vurdert, c.id))


def overdue_themes(catalog: Catalog):
    return [t for t in catalog.themes if t.is_overdue(catalog.today)]


def contacts_to_check(catalog: Catalog):
    rows = []
    for case in catalog.cases:
        for contact in case.kontakt:
            status = contact_status(contact, catalog.settings, catalog.today)
            if status != "ok":
                rows.append((case, contact, status))
    return rows


def render_status_page(catalog: Catalog) -> str:
    return front_matter({
        "title": "Status for innholdet",
        "description": "Eksempler og temasider som bør vurderes på nytt.",
    }) + render("status_page.html", page_url=PAGE_URL, stale=stale_cases(catalog),
                overdue=overdue_themes(catalog), contacts=contacts_to_check(catalog),
                settings=catalog.settings, today=catalog.today.isoformat(), total=len(catalog.cases),
                age_days=lambda iso: age_days(iso, catalog.today), vocab=catalog.vocabularies)

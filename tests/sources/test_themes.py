"""Theme pages' front matter (builder/sources/themes.py): problems name the line in the page itself."""

from __future__ import annotations

from builder.core.project import Project
from builder.sources.themes import check_theme_pages
from builder.sources.vocabularies import load_vocabularies


def test_a_theme_page_checked_again_reports_the_same_line(project_dir):
    """The loader remembers front matter by its bytes; moving its positions into the page's numbering
    must not move the remembered ones, or every later check (a preview rebuild) reports one line
    further down."""
    page = project_dir / "content" / "temaer" / "heltid-og-deltid.md"
    text = page.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("evidensgrad:"))
    page.write_text(text.replace("\nevidensgrad: ", "\nevidensgrad: ukjent-grad-", 1), encoding="utf-8")
    project = Project(project_dir)
    vocabularies, problems = load_vocabularies(project)
    assert problems == []
    reported = []
    for _ in range(3):
        _, found = check_theme_pages(project, vocabularies)
        ours = [p for p in found if p.file.endswith("heltid-og-deltid.md") and p.field == "evidensgrad"]
        assert len(ours) == 1, [p.format() for p in found]
        reported.append(ours[0].line)
    assert reported == [line, line, line]

"""Small, targeted fixes to Material for MkDocs markup that the Nu HTML Checker rejects.

Material 9.8 writes `autocomplete="off"` on its checkbox toggles, `tabindex=""` on navigation
labels, and a `<label for="__toc">` on pages without the matching toggle. Each rule below removes
exactly that markup; the fixes are applied to every page in the plugin's on_post_page.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r' tabindex=""')


def fix_theme_markup(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = html.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return html

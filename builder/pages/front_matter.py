"""Front matter for generated Markdown pages."""

from __future__ import annotations

import json
import re

from markupsafe import escape
import yaml

# Characters YAML does not allow raw inside a double-quoted scalar, or would fold as line breaks.
_NOT_RAW_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`: JSON's string syntax is a
    subset of YAML's, once the characters above are written as escapes too."""
    return _NOT_RAW_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def front_matter(meta: dict) -> str:
    """YAML front matter. Titles are HTML-escaped here because MkDocs themes print page.title
    unescaped (Material's templates do not autoescape). Strings are written as double-quoted
    scalars directly (a full YAML dump cost more than a millisecond per page); anything else goes
    through yaml.safe_dump."""
    safe = dict(meta)
    for key in ("title", "description"):
        if key in safe and safe[key] is not None:
            safe[key] = str(escape(safe[key]))
    lines = []
    for key in sorted(safe):
        value = safe[key]
        if isinstance(value, str) and re.fullmatch(r"[a-z_]+", key):
            lines.append(f"{key}: {_quoted(value)}\n")
        else:
            lines.append(yaml.safe_dump({key: value}, allow_unicode=True, width=1000))
    return "---\n" + "".join(lines) + "---\n\n"

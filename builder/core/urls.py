"""Relative links between generated pages, so the site works under any sub-path."""

from __future__ import annotations

import os
import posixpath
import unicodedata
from pathlib import Path

from builder.core.problems import Problem


def relative_url(from_page: str, to: str) -> str:
    """Link from the directory URL `from_page` (e.g. 'eksempler/x/') to the site path `to`.

    >>> relative_url("eksempler/x/", "temaer/ledelse/")
    '../../temaer/ledelse/'
    >>> relative_url("", "eksempler/")
    'eksempler/'
    """
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"
    target, slash = to.rstrip("/"), to.endswith("/")
    rel = _relpath(target or ".", base.rstrip("/") or ".")
    if rel == ".":
        return "./"
    return rel + ("/" if slash else "")


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for site paths, without its two calls to os.getcwd() (a build makes
    tens of thousands of links); paths that leave the site root or are absolute go to relpath."""
    if target.startswith(("/", "..")) or base.startswith(("/", "..")):
        return posixpath.relpath(target, base)
    t = [p for p in posixpath.normpath(target).split("/") if p not in ("", ".")]
    b = [p for p in posixpath.normpath(base).split("/") if p not in ("", ".")]
    if ".." in t or ".." in b:
        return posixpath.relpath(target, base)
    common = 0
    while common < min(len(t), len(b)) and t[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(b) - common) + t[common:]) or "."


def edit_url(source_file: str) -> str | None:
    """The «suggest a change» address of a source file in the repository (REPO_URL), or None."""
    repo = os.environ.get("REPO_URL")
    return f"{repo.rstrip('/')}/edit/main/{source_file}" if repo else None


# --- Where pages go, and the names no id or slug may take -------------------------------------
#
# Editors name pages in three folders: a case id names eksempler/<id>/, a municipality id (in the
# 2024 list or the register) names kommuner/<id>/, a theme id names temaer/<id>/. The builder and
# MkDocs put other pages and files in the same site; one of them must never take the other's place.

CASES_FOLDER = "eksempler"
MUNICIPALITIES_FOLDER = "kommuner"
THEMES_FOLDER = "temaer"

# Every page generate.py makes whose name no editor chooses (a test compares with a real run).
SITE_PAGES = ("eksempler/index.md", "kommuner/index.md", "kommuner/kart.md", "temaer/index.md", "tall/index.md", "finn/index.md",
              "sok/index.md", "redaktorer/felt.md", "redaktorer/status.md", "data/index.md")
# Folders and top-level files filled by the builder (exports, feeds, schemas, charts, the editing
# form), MkDocs and Material (assets, 404 page, sitemap) and Pagefind.
SITE_FOLDERS = ("assets", "data", "feed", "figurer", "pagefind", "rediger", "schema", "search",
                "kommuner/kart")  # the counties' map pictures (builder/charts/maps.py)
SITE_FILES = ("404.html", "robots.txt", "sitemap.xml", "sitemap.xml.gz")

# Names no id may take in any folder: pages and folders of the site's machinery, and names that
# Windows cannot hold as a file or folder (a site copied to or served from such a disk).
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
                           *(f"com{n}" for n in "0123456789¹²³"), *(f"lpt{n}" for n in "0123456789¹²³")})
ALWAYS_RESERVED = frozenset({"index", "readme", "404", "assets", "search", "sitemap", "pagefind", "robots",
                             "favicon"}) | WINDOWS_NAMES


def _folded(name: str) -> str:
    """A name as a case-insensitive file system compares it."""
    return unicodedata.normalize("NFC", name).casefold()


def reserved_names(folder: str, content_dir: Path | None = None, *, with_content: bool = True) -> frozenset[str]:
    """The names (case-folded, without extension) that pages or files other than the editors'
    own take in `folder`: the builder's fixed pages, the hand-written pages and files of
    content/<folder>/ (unless `with_content` is off: temaer/ holds the theme pages themselves),
    and the always reserved names."""
    taken = set(ALWAYS_RESERVED)
    prefix = f"{folder}/" if folder else ""
    listed = [*SITE_PAGES, *SITE_FILES, *(f"{f}/" for f in SITE_FOLDERS)]
    if with_content and content_dir is not None and (content_dir / folder).is_dir():
        listed += [f"{prefix}{p.name}" for p in (content_dir / folder).iterdir()]
    for path in listed:
        if path.startswith(prefix) and len(path) > len(prefix):
            first = path[len(prefix):].split("/", 1)[0]
            taken.add(_folded(first))
            taken.add(_folded(first.split(".", 1)[0]))
    return frozenset(taken)


def reserved_name_reason(name: str, folder: str, reserved: frozenset[str]) -> str | None:
    """Why `name` cannot name a page in `folder` (whose reserved names are `reserved`), or None."""
    if not name.strip():
        return "navnet er tomt"
    if name.startswith((".", "_")):
        return "navn som begynner med «.» eller «_», blir ikke publisert"
    folded = _folded(name)
    if folded.split(".", 1)[0] in WINDOWS_NAMES:
        return f"«{name}» er et navn Windows ikke tillater for filer, så siden kan ikke lagres der"
    if folded in reserved or folded.split(".", 1)[0] in reserved:
        return (f"navnet er reservert for en annen side eller fil i mappen {folder or 'øverst'}/ på nettstedet, "
                "og den ene ville erstattet den andre")
    return None


RESERVED_HINT = ("reserverte navn er blant annet index, 404, assets, search, sitemap, con, nul, aux, prn, "
                 "com1 og lpt1, navn på andre sider i samme mappe, og navn som begynner med «.» eller «_»")


def reserved_name_problems(names, folder: str, content_dir: Path | None, *, what: str, hint: str,
                           with_content: bool = True) -> list[Problem]:
    """A problem for each (name, file, line, column, field) whose name cannot name a page in
    `folder`; `what` says what the name is («id», «tema»), `hint` how to choose another."""
    reserved = reserved_names(folder, content_dir, with_content=with_content)
    problems = []
    for name, file, line, column, field in names:
        reason = reserved_name_reason(name, folder, reserved)
        if reason:
            problems.append(Problem(file, line, column, field, f"{what} «{name}» kan ikke brukes: {reason}",
                                    f"{hint} ({RESERVED_HINT})"))
    return problems


def output_path(src: str) -> str:
    """Where MkDocs (use_directory_urls) writes a source file: a page x/y.md at x/y/index.html,
    x/index.md (and x/README.md) at x/index.html, any other file at its own path."""
    if not src.lower().endswith(".md"):
        return src
    folder, _, name = src[:-3].rpartition("/")
    base = f"{folder}/" if folder else ""
    return f"{base}index.html" if name.lower() in ("index", "readme") else f"{base}{name}/index.html"


def output_collisions(sources: dict[str, str]) -> list[Problem]:
    """A problem for every two sources that would be written to the same place in the site (on a
    case-insensitive disk too), or where one's file would stand where the other needs a folder.
    `sources` maps each site-relative source path to the file it comes from, for the message."""
    by_output: dict[str, list[str]] = {}
    for src in sources:
        by_output.setdefault(_folded(output_path(src)), []).append(src)
    folders = {out.rsplit("/", 1)[0] for out in by_output if "/" in out}
    folders |= {f.rsplit("/", i)[0] for f in list(folders) for i in range(1, f.count("/") + 1)}
    problems = []
    for out, srcs in sorted(by_output.items()):
        if out in folders:  # a file where a folder must be
            srcs = srcs + sorted(s for o, ss in by_output.items() if o.startswith(out + "/") for s in ss)[:1]
        if len(srcs) > 1:
            first, *others = sorted(srcs)
            problems.append(Problem(
                sources[first], 1, 1, "",
                f"{len(srcs)} sider eller filer skal publiseres på samme sted i nettstedet ({out}): "
                + ", ".join(f"{s} (fra {sources[s]})" for s in sorted(srcs))
                + "; den ene ville erstattet den andre",
                "Gi den ene en annen id eller et annet filnavn"))
    return problems

"""Full-text search index: Pagefind over the built site, one combined Norwegian index.

Pagefind would index Bokmål and Nynorsk pages as separate languages (a query from an nb page would
not find nn cases). ``--force-language nb`` makes one index with the Norwegian Snowball stemmer.

Which Pagefind: the npm package pinned in ``package.json`` (1.6.0; ``npm ci``, run by ``make site``
and ``make test``, puts its binary in ``node_modules/@pagefind/<platform>/``). It writes the same
bytes for the same site. PyPI has no 1.6.0, so ``requirements.txt`` still pins 1.5.2, which writes
its filter files in hash-map order: used only when the npm binary is missing (a machine without
npm), and then the build says so. The search works the same with either.

Pagefind dies with the build: on Linux it is started with ``PR_SET_PDEATHSIG`` (SIGKILL), so the
kernel kills it when the build process dies, even by ``kill -9`` (the PyPI launcher ``python -m
pagefind`` execs the binary, which keeps the setting). A Pagefind that outlived its build would go on
writing into the ``site.tmp-*`` folder the next build removes.
"""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

# The checkout the builder runs from: where `npm ci` put node_modules (tools belong to the
# installation, like the Python packages in .venv, not to the project being built).
CHECKOUT = Path(__file__).resolve().parent.parent.parent

FALLBACK_NOTICE = (
    "MERK: Pagefind fra npm (festet i package.json) er ikke installert, så søkeindeksen lages med "
    "Pagefind fra PyPI (requirements.txt). Søket virker likt, men filene i pagefind/ blir ikke "
    "byte-identiske fra bygg til bygg. Kjør `npm ci` (det gjør `make site` når npm finnes) for å "
    "bruke den festede versjonen.")


class SearchIndexError(RuntimeError):
    pass


def npm_binary(checkout: Path = CHECKOUT) -> Path | None:
    """The Pagefind binary `npm ci` installed for this machine, or None."""
    system = {"linux": "linux", "darwin": "darwin", "win32": "windows"}.get(sys.platform, sys.platform)
    if system.startswith("freebsd"):
        system = "freebsd"
    machine = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower(), platform.machine().lower())
    folder = checkout / "node_modules" / "@pagefind" / f"{system}-{machine}" / "bin"
    for name in ("pagefind_extended", "pagefind"):  # the npm package ships the extended build
        binary = folder / (f"{name}.exe" if system == "windows" else name)
        if binary.is_file():
            return binary
    return None


def pagefind_command(checkout: Path = CHECKOUT) -> tuple[list[str], str | None]:
    """The command that runs Pagefind, and a notice for the build log when it is the fallback."""
    binary = npm_binary(checkout)
    if binary is not None:
        return [str(binary)], None
    return [sys.executable, "-m", "pagefind"], FALLBACK_NOTICE


def run_pagefind(site_dir: Path, checkout: Path = CHECKOUT) -> None:
    command, notice = pagefind_command(checkout)
    if notice:  # stderr, not a MkDocs warning: a missing optional tool must not fail a strict build
        print(notice, file=sys.stderr)
    result = subprocess.run(
        [*command, "--site", str(site_dir), "--force-language", "nb", "--silent"],
        capture_output=True, text=True, timeout=600, preexec_fn=die_with_parent(),
    )
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind feilet: {result.stderr.strip() or result.stdout.strip()}")


def die_with_parent():
    """A ``preexec_fn`` that makes the child die with this process (Linux ``PR_SET_PDEATHSIG``), or
    None elsewhere. Everything is looked up before the fork: the function the child runs only calls
    prctl and getppid. The setting belongs to the thread that starts the child, so call this and
    start the child from a thread that lives as long as the build (the main thread does)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return None
    parent, pr_set_pdeathsig, kill = os.getpid(), 1, int(signal.SIGKILL)

    def set_death_signal() -> None:
        prctl(pr_set_pdeathsig, kill)
        if os.getppid() != parent:  # the build died before prctl took effect
            os._exit(1)

    return set_death_signal

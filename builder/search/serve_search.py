"""The preview's search index, made in its own process after a rebuild has been served.

`python -m builder.search.serve_search SITE_DIR PROJECT_ROOT [WORDS_FILE]` writes the word list and the
Pagefind index of a built site, as a build does at its end; WORDS_FILE keeps the words of pages
parsed before, by their bytes' sha256, so only changed pages are parsed again. `mkdocs serve` starts it after each rebuild
(``SearchProcess``) instead of running it in a thread: the next rebuild then never waits for it
or shares the interpreter with it. When the editor saves again before it is done, the next
rebuild stops it (the folder it writes into is about to be replaced) and starts a new one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.search.search_index import die_with_parent


class SearchProcess:
    """At most one search-index process; `stop` ends it, `wait` lets it finish."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None

    def start(self, site_dir: Path, project_root: Path, words: Path | None = None) -> None:
        """Start from a thread that lives as long as the server (the child dies with it)."""
        self.stop()
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "builder.search.serve_search", str(site_dir), str(project_root),
             *([str(words)] if words else [])],
            stdout=subprocess.DEVNULL, stderr=self._errors, start_new_session=True,
            preexec_fn=die_with_parent())

    def stop(self) -> str | None:
        """End a running process (and Pagefind under it); what a finished one reported as failure."""
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            self._errors.close()
            return None
        return self._failure(process)

    def wait(self) -> str | None:
        """Let a running process finish; its failure, if any."""
        process, self._process = self._process, None
        if process is None:
            return None
        process.wait()
        return self._failure(process)

    def _failure(self, process: subprocess.Popen) -> str | None:
        self._errors.seek(0)
        error = self._errors.read().decode("utf-8", "replace").strip()[-2000:]
        self._errors.close()
        return (error or f"avsluttet med kode {process.returncode}") if process.returncode else None


def main(argv: list[str]) -> int:
    from builder.search.search_index_cache import build_search_index
    from builder.search.search_words import load_known_words, save_known_words, write_word_index

    site_dir, project_root = Path(argv[0]), Path(argv[1])
    words = Path(argv[2]) if len(argv) > 2 else None
    try:
        if words is not None:
            load_known_words(words)
        write_word_index(site_dir)
        if words is not None:
            save_known_words(words)
        build_search_index(site_dir, project_root)
    except Exception as exc:  # reported by the server's log at the next rebuild, never a traceback
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

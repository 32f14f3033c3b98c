"""What `mkdocs serve` does differently after an edit, so the changed page is served sooner.

MkDocs serves no page while a rebuild runs, and a rebuild starts by emptying the output folder
file by file; our build ends with Pagefind reading every page. In the preview both move out of
the editor's way: the old output is moved aside with one rename per top-level entry and removed in
a background thread, and the search index is made in a background thread after the pages are
written (the next rebuild waits for it before it touches the folder). What is built is the same as
before; only the order in time changes.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .file_tree import remove_tree


class BackgroundWork:
    """Work that runs after a rebuild has been served; the next rebuild waits for it first."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def start(self, work: Callable[[], None], name: str) -> None:
        def run() -> None:
            try:
                work()
            except BaseException as exc:  # reported by the next wait(), never lost silently
                self.errors.append(exc)

        thread = threading.Thread(target=run, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def wait(self) -> list[BaseException]:
        """Wait for everything started so far; the errors it raised, once."""
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        errors, self.errors = self.errors, []
        return errors


def empty_folder_soon(folder: Path, background: BackgroundWork) -> None:
    """Leave `folder` empty now and remove its old contents in the background: each top-level entry
    is renamed into a new sibling folder, which a thread then removes. An entry that cannot be
    moved stays (MkDocs' own cleaning removes it as before)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    if not entries:
        return
    try:
        trash = Path(tempfile.mkdtemp(prefix=f".{folder.name}.removed-", dir=folder.parent))
    except OSError:
        return
    for entry in entries:
        try:
            os.rename(entry.path, trash / entry.name)
        except OSError:
            pass
    background.start(lambda: remove_tree(trash), "eb-remove-old-output")

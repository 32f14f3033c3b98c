"""One build at a time per project: an exclusive lock on ``.cache/bygging.lock``.

The lock is an ``fcntl.flock`` on an open file, so the kernel releases it when the process ends in
any way (``kill -9`` included): a killed build never leaves a stale lock behind. A second build
started meanwhile says so and waits for the first one to finish.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked
    fcntl = None


def lock_path(root: Path) -> Path:
    return root / ".cache" / "bygging.lock"


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "ukjent"
                print(f"Venter: en annen bygging av dette prosjektet pågår (prosess {holder}). "
                      "Denne byggingen starter når den er ferdig.", file=sys.stderr, flush=True)
                fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)

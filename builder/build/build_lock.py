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
    """Hold the project's build lock. When ``.cache`` cannot hold the lock file (a file or a link
    in its place, read-only), the project folder itself is locked instead (the build then goes on
    without the cache, see build_cache.notice)."""
    from builder.core.build_cache import cache_folder

    path = lock_path(root)
    handle = None
    if cache_folder(path.parent, root) is not None:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
            handle = open(fd, "a+", encoding="utf-8")
        except OSError:
            handle = None
    if handle is None:
        with _folder_lock(root):
            yield
        return
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "ukjent"
                _say_waiting(holder)
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


def _say_waiting(holder: str) -> None:
    print(f"Venter: en annen bygging av dette prosjektet pågår (prosess {holder}). "
          "Denne byggingen starter når den er ferdig.", file=sys.stderr, flush=True)


@contextmanager
def _folder_lock(root: Path) -> Iterator[None]:
    """The lock on the project folder itself, for when ``.cache`` cannot be used."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                _say_waiting("ukjent")
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)

"""One writer at a time in a corpus folder: an exclusive lock, and who holds it.

The lock is ``filelock``'s OS lock (``flock`` on Unix, ``msvcrt`` on Windows), which the
kernel releases when the holding process dies, even by ``kill -9``: a stale lock never
blocks the next run. Beside it a small JSON file names the holder (pid, host, command,
since) so a waiting writer can say whom it waits for.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from khabar.errors import KhabarError
from khabar.manifest import atomic_write

__all__ = [
    "HOLDER_FILE",
    "LOCK_FILE",
    "CorpusBusyError",
    "CorpusBusyWarning",
    "Holder",
    "corpus_lock",
    "read_holder",
]

LOCK_FILE = ".khabar.lock"
HOLDER_FILE = ".khabar.lock.json"
_COMMAND_LIMIT = 200


class CorpusBusyError(KhabarError):
    """Another process holds the corpus lock and the caller chose not to wait."""


class CorpusBusyWarning(UserWarning):
    """Another process holds the corpus lock; this one waits for it."""


@dataclass(frozen=True)
class Holder:
    """Who holds a corpus lock: process id, host, command line and start (UTC, ISO 8601)."""

    pid: int
    host: str
    command: str
    since: str

    def describe(self) -> str:
        """``pid 123 on host (khabar ingest ...) since 2026-01-01T10:00:00Z``."""
        return f"pid {self.pid} on {self.host} ({self.command}) since {self.since}"


def _this_process() -> Holder:
    argv = sys.argv if sys.argv and sys.argv[0] else ["python"]
    program = Path(argv[0]).name
    command = " ".join([f"python {program}" if program == "-c" else program, *argv[1:]])
    if len(command) > _COMMAND_LIMIT:
        command = command[: _COMMAND_LIMIT - 1] + "…"
    since = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Holder(os.getpid(), socket.gethostname(), command, since)


def read_holder(folder: str | Path) -> Holder | None:
    """The holder recorded for ``folder``'s lock, or None when none is recorded or readable."""
    try:
        data = json.loads((Path(folder) / HOLDER_FILE).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["command"]), data["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _busy_message(folder: Path) -> str:
    holder = read_holder(folder)
    who = holder.describe() if holder else "another process"
    return f"{folder}: corpus is locked by {who}"


@contextmanager
def corpus_lock(folder: str | Path, *, wait: bool = True) -> Iterator[Holder]:
    """Hold the exclusive lock of a corpus folder for the duration of a ``with`` block.

    When another process (or thread) holds it, wait (after a ``CorpusBusyWarning`` naming
    the folder and the holder) or, with ``wait=False``, raise at once. The same thread may
    take it again inside the block (an ingest inside ``with corpus_lock(...)``).

    Raises:
        CorpusBusyError: the lock is held elsewhere and ``wait`` is False.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder.resolve() / LOCK_FILE, is_singleton=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        message = _busy_message(folder)
        if not wait:
            raise CorpusBusyError(message) from None
        warnings.warn(f"{message}; waiting", CorpusBusyWarning, stacklevel=3)
        lock.acquire()
    outermost = lock.lock_counter == 1
    holder = _this_process()
    try:
        if outermost:
            atomic_write(folder / HOLDER_FILE, json.dumps(asdict(holder), ensure_ascii=False))
        yield holder
    finally:
        if outermost:
            (folder / HOLDER_FILE).unlink(missing_ok=True)
        lock.release()

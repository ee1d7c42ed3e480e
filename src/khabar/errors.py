"""Errors that name the file (and line) at fault and the reason, for analysts to act on."""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "KhabarError"]


class KhabarError(Exception):
    """Base class for errors caused by input or usage, reported without a traceback."""


class InputError(KhabarError):
    """A file (or one line of it) that khabar cannot use, and why."""

    def __init__(
        self, reason: str, *, path: Path | str | None = None, line: int | None = None
    ) -> None:
        self.reason = reason
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else ""
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.reason}" if where else self.reason

"""What an ingest run did, told in a few lines: one per problem, not one per record."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from khabar.errors import InputError

__all__ = ["IngestReport"]

_SHOWN_PER_FILE = 5


@dataclass
class IngestReport:
    """Documents added, already present, inputs skipped (and why), mappings and odd dates."""

    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)
    unparsed_dates: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: counts of added, already present and skipped documents, and odd dates."""
        added, present, skipped = len(self.added), len(self.present), len(self.skipped)
        line = f"added {added}, already present {present}, skipped {skipped}"
        if self.unparsed_dates:
            example = Counter(self.unparsed_dates).most_common(1)[0][0]
            line += (
                f"; {len(self.unparsed_dates)} dates not understood, kept as written"
                f" (e.g. {example!r})"
            )
        return line

    def problems(self, *, per_file: int = _SHOWN_PER_FILE) -> list[str]:
        """One line per skipped input; per-record lines capped at ``per_file`` for each file."""
        lines: list[str] = []
        hidden: Counter[str] = Counter()
        shown: Counter[str] = Counter()
        for error in self.skipped:
            where = str(error.path)
            if error.line is not None and shown[where] >= per_file:
                hidden[where] += 1
                continue
            shown[where] += error.line is not None
            lines.append(str(error))
        for where, count in hidden.items():
            lines.append(f"{where}: … and {count} more")
        return lines

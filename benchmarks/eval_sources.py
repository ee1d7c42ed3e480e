"""Precision and recall of ``khabar.find_sources`` on a hand-labelled set of sentences.

Each sentence is analysed alone (one document per sentence). A found row matches a gold
source when their character spans overlap and their types agree; each gold source and each
found row is matched at most once. Groups: "named media" (agency, broadcaster, newspaper,
website; any two of these agree) and "people" (person).

    python benchmarks/eval_sources.py [tests/data/sources-dev.jsonl] [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import khabar
from khabar.lexicon import SOURCE_TYPES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "tests" / "data" / "sources-dev.jsonl"
TYPES = SOURCE_TYPES
GROUPS = {"named media": frozenset(TYPES[:4]), "people": frozenset({"person"})}


@dataclass(frozen=True)
class Span:
    """A source in one sentence: where it is, and its type."""

    start: int
    end: int
    source_type: str
    surface: str

    def overlaps(self, other: Span) -> bool:
        """True when the two character spans share at least one character."""
        return self.start < other.end and other.start < self.end


def gold_spans(record: dict) -> list[Span]:
    """Gold sources of a record located in its text; a repeated surface takes the next free
    occurrence, so ``العبدان`` after ``يوسف العبدان`` is the later mention."""
    spans: list[Span] = []
    for source in record["sources"]:
        surface, at = source["surface"], record["text"].find(source["surface"])
        while any(s.start < at + len(surface) and at < s.end for s in spans):
            at = record["text"].find(surface, at + 1)
        if at < 0:
            raise ValueError(f"{record['id']}: {surface!r} not in its text")
        spans.append(Span(at, at + len(surface), source["source_type"], surface))
    return spans


def found_spans(records: list[dict]) -> dict[str, list[Span]]:
    """Rows of ``find_sources`` per record id, each sentence a document of its own."""
    corpus = khabar.Corpus.from_texts([r["text"] for r in records], ids=[r["id"] for r in records])
    table = khabar.find_sources(corpus)
    found: dict[str, list[Span]] = {r["id"]: [] for r in records}
    for row in table.itertuples(index=False):
        found[row.doc_id].append(Span(row.start, row.end, row.source_type, row.surface))
    return found


def match(
    gold: list[Span], found: list[Span], *, agree: Callable[[str, str], bool]
) -> list[tuple[Span, Span]]:
    """One-to-one pairs (gold, found) that overlap and whose types agree, in text order."""
    pairs, used = [], set()
    for g in gold:
        for i, f in enumerate(found):
            if i not in used and g.overlaps(f) and agree(g.source_type, f.source_type):
                pairs.append((g, f))
                used.add(i)
                break
    return pairs


@dataclass
class Score:
    """Counts of gold sources, found rows and matches, with precision and recall."""

    gold: int = 0
    found: int = 0
    matched: int = 0

    def line(self, name: str) -> str:
        """A table line: name, counts, precision and recall (``-`` when undefined)."""
        p = f"{self.matched / self.found:.2f}" if self.found else "-"
        r = f"{self.matched / self.gold:.2f}" if self.gold else "-"
        return f"{name:<20}{self.gold:>6}{self.found:>7}{self.matched:>8}{p:>11}{r:>8}"


def score(
    gold: dict[str, list[Span]], found: dict[str, list[Span]], types: Iterable[str], *, exact: bool
) -> Score:
    """Score restricted to ``types``; ``exact`` requires the same type, else any in ``types``."""
    kept = frozenset(types)

    def agree(a: str, b: str) -> bool:
        return a == b if exact else True

    total = Score()
    for key, spans in gold.items():
        g = [s for s in spans if s.source_type in kept]
        f = [s for s in found[key] if s.source_type in kept]
        total.gold += len(g)
        total.found += len(f)
        total.matched += len(match(g, f, agree=agree))
    return total


def report(records: list[dict], *, errors: bool = False) -> str:
    """The table of precision and recall per type, per group and overall."""
    gold = {r["id"]: gold_spans(r) for r in records}
    found = found_spans(records)
    head = f"{'source_type':<20}{'gold':>6}{'found':>7}{'matched':>8}{'precision':>11}{'recall':>8}"
    lines = [f"{len(records)} sentences", head]
    lines += [score(gold, found, [t], exact=True).line(t) for t in TYPES]
    lines += [score(gold, found, g, exact=False).line(name) for name, g in GROUPS.items()]
    lines.append(score(gold, found, TYPES, exact=True).line("overall"))
    if errors:
        lines += _errors(records, gold, found)
    return "\n".join(lines)


def _errors(records: list[dict], gold: dict, found: dict) -> list[str]:
    lines = []
    for record in records:
        g, f = gold[record["id"]], found[record["id"]]
        pairs = match(g, f, agree=str.__eq__)
        missed = [s for s in g if all(s is not a for a, _ in pairs)]
        extra = [s for s in f if all(s is not b for _, b in pairs)]
        for tag, spans in (("missed", missed), ("extra", extra)):
            lines += [f"{record['id']} {tag} {s.source_type}: {s.surface}" for s in spans]
    return lines


def main() -> None:
    """Print the table for the set given (default: the development set)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_SET))
    parser.add_argument("--errors", action="store_true", help="list every miss and extra row")
    args = parser.parse_args()
    with open(args.path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    print(report(records, errors=args.errors))


if __name__ == "__main__":
    main()

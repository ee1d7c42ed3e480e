"""Precision and recall of khabar.find_actors against the hand-labelled development sets.

Each sentence of tests/data/{persons,actors}-dev.jsonl is analysed alone
(``find_actors(Corpus.from_texts([text]), discover=True)``), then its rows are compared with
the gold spans:

- a found row matches a gold span when the two spans overlap (and, for the actors set, the
  kinds agree); each row and each gold span is used at most once;
- ``traps`` scores only the sentences drawn for the wrong merges of issue 12 (ids ``t…``);
- the exact figure asks for the same span, allowing only attached proclitics (و ف ب ل ك, which
  khabar keeps in ``surface`` and the labels leave out) before the gold start.

The persons set scores rows of kind ``person``; the actors set scores every kind together and
each kind on its own. Gold spans are written without clitics or titles (tests/data/README.md).

Usage: python benchmarks/eval_actors.py [--set persons|actors] [--show N] [--path FILE]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from khabar import Corpus, find_actors

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
KINDS = ("person", "country", "place", "organization")
_PROCLITIC_PREFIXES = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})


@dataclass(frozen=True)
class Span:
    """One labelled or found mention inside one sentence."""

    sentence: str
    start: int
    end: int
    kind: str
    surface: str
    label: str = ""

    def overlaps(self, other: Span) -> bool:
        return max(self.start, other.start) < min(self.end, other.end)


@dataclass
class Score:
    """Counts behind precision and recall for one comparison."""

    gold: int = 0
    found: int = 0
    hits: int = 0
    exact: int = 0
    near_misses: int = 0
    misses: list[Span] = field(default_factory=list)
    false_positives: list[Span] = field(default_factory=list)

    def figures(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.found if self.found else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def load_set(path: Path) -> list[dict]:
    """Read a development set (one JSON object per line)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_spans(item: dict) -> list[Span]:
    """The labelled spans of one sentence (persons set: kind ``person``)."""
    labels = item.get("actors", item.get("persons", []))
    return [
        Span(
            item["id"],
            s["start"],
            s["end"],
            s.get("kind", "person"),
            s["surface"],
            s.get("en", ""),
        )
        for s in labels
    ]


def found_spans(item: dict) -> list[Span]:
    """What find_actors reports for the sentence analysed alone (with its outlet)."""
    corpus = Corpus.from_texts([item["text"]], outlet=[item["outlet"]])
    table = find_actors(corpus, discover=True)
    names = table["actor_en"] if "actor_en" in table else [""] * len(table)
    return [
        Span(item["id"], int(r.start), int(r.end), r.kind, r.surface, str(name))
        for r, name in zip(table.itertuples(index=False), names, strict=True)
    ]


def is_exact(gold: Span, found: Span, text: str) -> bool:
    """Same span, up to proclitics that khabar keeps in front of the name."""
    if found.end != gold.end or found.start > gold.start:
        return False
    prefix = text[found.start : gold.start]
    return prefix == "" or prefix in _PROCLITIC_PREFIXES


def compare(gold: list[Span], found: list[Span], text: str, score: Score) -> None:
    """Match one sentence's spans one to one (first overlapping unmatched row, same kind)."""
    score.gold += len(gold)
    score.found += len(found)
    unused = list(found)
    for span in gold:
        match = next((f for f in unused if f.kind == span.kind and f.overlaps(span)), None)
        if match is None:
            score.misses.append(span)
            continue
        unused.remove(match)
        score.hits += 1
        score.exact += is_exact(span, match, text)
    score.false_positives.extend(unused)
    score.near_misses += sum(any(f.overlaps(g) for g in gold) for f in unused)


def evaluate(items: list[dict], *, which: str) -> dict[str, Score]:
    """Scores per comparison: ``all``, one per kind (actors set) and ``traps`` (ids ``t…``)."""
    kinds = ("person",) if which == "persons" else KINDS
    scores = {"all": Score(), **{kind: Score() for kind in kinds}, "traps": Score()}
    for item in items:
        gold, found = gold_spans(item), found_spans(item)
        if which == "persons":
            found = [f for f in found if f.kind == "person"]
        compare(gold, found, item["text"], scores["all"])
        if item["id"].startswith("t"):
            compare(gold, found, item["text"], scores["traps"])
        for kind in kinds:
            compare(
                [g for g in gold if g.kind == kind],
                [f for f in found if f.kind == kind],
                item["text"],
                scores[kind],
            )
    if which == "persons":
        del scores["person"]
    if not scores["traps"].gold:
        del scores["traps"]
    return scores


def print_table(scores: dict[str, Score]) -> None:
    """Precision, recall and F1 with overlap and exact matching, one line per comparison."""
    header = f"{'':14}{'gold':>6}{'found':>7}  {'P':>5} {'R':>5} {'F1':>5}   exact P/R/F1"
    print(header)
    for name, score in scores.items():
        p, r, f = score.figures(score.hits)
        ep, er, ef = score.figures(score.exact)
        print(
            f"{name:14}{score.gold:>6}{score.found:>7}  {p:5.3f} {r:5.3f} {f:5.3f}"
            f"   {ep:5.3f} {er:5.3f} {ef:5.3f}"
        )


def print_examples(score: Score, texts: dict[str, str], *, show: int) -> None:
    """A few misses and false positives, each with a window of its sentence."""
    print(
        f"\n{score.near_misses} of {len(score.false_positives)} false positives overlap a gold"
        " span (another kind, or a second row for one name)"
    )
    for title, spans in (("misses", score.misses), ("false positives", score.false_positives)):
        print(f"\n{title} ({len(spans)}; first {min(show, len(spans))}):")
        for span in spans[:show]:
            text = texts[span.sentence]
            window = text[max(0, span.start - 25) : span.end + 25].replace("\n", " ")
            label = f" = {span.label}" if span.label else ""
            print(f"  {span.sentence} [{span.kind}] «{span.surface}»{label}   …{window}…")


def main(argv: list[str] | None = None) -> None:
    """Run the evaluation from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="which", choices=("persons", "actors"), default="persons")
    parser.add_argument("--show", type=int, default=10, help="examples of each error to print")
    parser.add_argument("--path", type=Path, help="a set file (default: tests/data/SET-dev.jsonl)")
    args = parser.parse_args(argv)
    items = load_set(args.path or DATA / f"{args.which}-dev.jsonl")
    scores = evaluate(items, which=args.which)
    print(f"{args.which} set: {len(items)} sentences, each analysed alone (discover=True)\n")
    print_table(scores)
    if args.show:
        print_examples(scores["all"], {i["id"]: i["text"] for i in items}, show=args.show)


if __name__ == "__main__":
    main()

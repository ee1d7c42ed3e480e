"""Draw the candidate sentences of the development sets from the SaudiNewsNet archive.

Usage: python tests/data/sample_sentences.py ARCHIVE.jsonl.gz {persons|actors|traps} > out.jsonl

The draw is fixed by SEED: the same archive always gives the same sentences. Persons takes
PER_OUTLET articles from each outlet and one sentence from each, then a second one (ids q…) from
each article that has another; actors takes 300 other articles
(never one used by persons) and one sentence from each, then a second one (ids b…) from each
article that has another; traps takes up to TRAP_SENTENCES
sentences containing each phrase of TRAPS (names the issue lists as wrong merges) from articles
used by neither. Labels are added by hand afterwards.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections import defaultdict

SEED = 2015
PER_OUTLET = 15
ACTOR_ARTICLES = 300
TRAP_SENTENCES = 3
MIN_CHARS, MAX_CHARS = 50, 220
TRAPS = (
    ("الشرق الأوسط", "aawsat"),
    ("الشرق الأوسط", ""),
    ("واشنطن بوست", ""),
    ("نيويورك تايمز", ""),
    ("جيب بوش", ""),
    ("مكتبة الكونغرس", ""),
    ("بحيرة تشاد", ""),
    ("كلية لندن", ""),
    ("جامعة لندن", ""),
    ("منصور هادي", ""),
)
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def sentences(text: str) -> list[str]:
    """Split an article into trimmed sentences of a labelable length."""
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if MIN_CHARS <= len(p) <= MAX_CHARS]


def _articles(path: str) -> dict[str, list[dict]]:
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if sentences(row["content"]):
                by_outlet[row["source"]].append(row)
    return by_outlet


def _persons_articles(by_outlet: dict[str, list[dict]], rng: random.Random) -> list[dict]:
    picked = []
    for outlet in sorted(by_outlet):
        picked += rng.sample(by_outlet[outlet], min(PER_OUTLET, len(by_outlet[outlet])))
    return picked


def _trap_sentences(pool: list[dict], rng: random.Random) -> list[dict]:
    """Sentences holding each trap phrase (an outlet of "" means any outlet but aawsat)."""
    items: list[dict] = []
    for phrase, outlet in TRAPS:
        found = [
            {"doc_url": row["url"], "outlet": row["source"], "text": text}
            for row in pool
            if (row["source"] == outlet) == bool(outlet)
            for text in sentences(row["content"])
            if phrase in text
        ]
        items += rng.sample(found, min(TRAP_SENTENCES, len(found)))
    return [{"id": f"t{i:03d}", **item} for i, item in enumerate(items)]


def draw(path: str, which: str) -> list[dict]:
    """Return the candidate sentences (id, doc_url, outlet, text) of one set."""
    rng = random.Random(SEED)
    by_outlet = _articles(path)
    persons = _persons_articles(by_outlet, rng)
    if which == "persons":
        articles, prefix = persons, "p"
    else:
        used = {row["url"] for row in persons}
        pool = [row for o in sorted(by_outlet) for row in by_outlet[o] if row["url"] not in used]
        articles, prefix = rng.sample(pool, ACTOR_ARTICLES), "a"
        if which == "traps":
            used |= {row["url"] for row in articles}
            return _trap_sentences([row for row in pool if row["url"] not in used], rng)
    first = [
        {
            "id": f"{prefix}{i:03d}",
            "doc_url": row["url"],
            "outlet": row["source"],
            "text": rng.choice(sentences(row["content"])),
        }
        for i, row in enumerate(articles)
    ]
    return first + _second_sentences(articles, first, rng, prefix="q" if prefix == "p" else "b")


def _second_sentences(
    articles: list[dict], first: list[dict], rng: random.Random, *, prefix: str
) -> list[dict]:
    """One more sentence from each article that has another one."""
    items = []
    for i, (row, drawn) in enumerate(zip(articles, first, strict=True)):
        others = [text for text in sentences(row["content"]) if text != drawn["text"]]
        if others:
            items.append({**drawn, "id": f"{prefix}{i:03d}", "text": rng.choice(others)})
    return items


if __name__ == "__main__":
    for item in draw(sys.argv[1], sys.argv[2]):
        print(json.dumps(item, ensure_ascii=False))

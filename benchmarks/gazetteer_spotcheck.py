"""Spot-check the gazetteers on real news: mentions per entry, with contexts to read.

    python benchmarks/gazetteer_spotcheck.py ../shared/bench/saudi-news-25mb.jsonl \
        --limit 2000 --ids riyadh_sa aden_ye kerry --contexts 5

Prints, for each actor id, the number of mentions found by ``find_actors`` in the first
``--limit`` articles, then ``--contexts`` mentions drawn at random (fixed seed) with the
words around them, so that a reader can judge whether the referent is right.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import khabar
from khabar import Corpus

DEFAULT_IDS = [
    "riyadh_sa",
    "jeddah_sa",
    "makkah_sa",
    "dammam_sa",
    "aden_ye",
    "vienna_at",
    "new_york_city_us",
    "sa_moi",
    "kerry",
    "rouhani",
    "hadi",
    "sanaa_ye",
    "taiz_ye",
    "khobar_sa",
    "tabuk_sa",
    "asir_province_sa",
    "saud_al_faisal",
    "adel_al_jubeir",
    "mohammed_bin_nayef",
    "ahmed_asiri",
    "ali_abdullah_saleh",
    "khaled_bahah",
    "abu_bakr_al_baghdadi",
    "arab_coalition",
    "al_qaeda",
    "pmf",
    "haider_al_abadi",
    "walid_muallem",
    "jeb_bush",
    "sepp_blatter",
]


def _texts(path: str, limit: int) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if len(texts) == limit:
                break
            texts.append(json.loads(line)["text"])
    return texts


def main() -> None:
    """Count and show mentions of the chosen ids."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--ids", nargs="*", default=DEFAULT_IDS)
    parser.add_argument("--contexts", type=int, default=4)
    args = parser.parse_args()
    texts = _texts(args.path, args.limit)
    started = time.perf_counter()
    table = khabar.find_actors(Corpus.from_texts(texts))
    print(f"{len(texts)} articles, {len(table)} mentions in {time.perf_counter() - started:.1f} s")
    rng = random.Random(0)
    for actor_id in args.ids:
        rows = table[table["actor_id"] == actor_id]
        print(f"\n== {actor_id}: {len(rows)} mentions in {rows['doc_id'].nunique()} articles")
        picks = rows.sample(min(args.contexts, len(rows)), random_state=rng.randrange(10**6))
        for row in picks.itertuples():
            print(f"   {row.surface!r}: …{_context(texts, row)}…")


def _context(texts: list[str], row: object) -> str:
    text = texts[int(row.doc_id.removeprefix("doc"))]
    return text[max(0, row.start - 45) : row.end + 35].replace("\n", " ")


if __name__ == "__main__":
    main()

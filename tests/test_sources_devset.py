"""The hand-labelled development sets are well-formed: every label can be found in its text."""

import json
from collections import Counter
from pathlib import Path

import pytest

import khabar.lexicon

DATA = Path(__file__).parent / "data"
SOURCE_TYPES = set(khabar.lexicon.SOURCE_TYPES)
SPEAKERS = {"person", "official"}


@pytest.fixture(scope="module")
def records():
    with (DATA / "sources-dev.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_every_gold_surface_occurs_in_its_sentence(records):
    missing = [
        (r["id"], s["surface"])
        for r in records
        for s in r["sources"]
        if s["surface"] not in r["text"]
    ]
    assert missing == []


def test_a_surface_named_twice_in_one_sentence_occurs_twice(records):
    for record in records:
        counts = Counter(s["surface"] for s in record["sources"])
        for surface, n in counts.items():
            assert record["text"].count(surface) >= n, (record["id"], surface)


def test_labels_use_the_documented_types_and_genders(records):
    assert len(records) >= 150
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert record["text"].strip() and record["doc_id"] and record["outlet"]
        for source in record["sources"]:
            assert source["source_type"] in SOURCE_TYPES, record["id"]
            if source["source_type"] in SPEAKERS:
                assert source["gender"] in {"female", "male", "unknown"}, record["id"]


def test_the_set_covers_every_kind_it_promises(records):
    types = Counter(s["source_type"] for r in records for s in r["sources"])
    assert all(types[t] > 0 for t in SOURCE_TYPES)
    assert sum(1 for r in records if not r["sources"]) >= 15  # negatives
    assert len({r["outlet"] for r in records}) >= 10

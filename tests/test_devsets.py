"""The hand-labelled development sets (tests/data/) are well formed; the evaluation counts right."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

DATA = Path(__file__).parent / "data"
EVAL = Path(__file__).parent.parent / "benchmarks" / "eval_actors.py"
SETS = {"persons": DATA / "persons-dev.jsonl", "actors": DATA / "actors-dev.jsonl"}
KINDS = {"person", "country", "place", "organization"}
LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3A-Za-z]")


def _items(name: str) -> list[dict]:
    with SETS[name].open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _spans(name: str, item: dict) -> list[dict]:
    return item[name]


@pytest.fixture(scope="module")
def evaluation():
    spec = importlib.util.spec_from_file_location("eval_actors", EVAL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_actors"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["eval_actors"]


@pytest.mark.parametrize("name", SETS)
def test_set_has_enough_distinct_sentences(name):
    items = _items(name)
    assert len(items) >= 150
    assert len({item["id"] for item in items}) == len(items)
    assert len({item["text"] for item in items}) == len(items)


@pytest.mark.parametrize("name", SETS)
def test_every_sentence_carries_its_source(name):
    for item in _items(name):
        assert item["doc_url"].startswith("http"), item["id"]
        assert item["outlet"], item["id"]
        assert item["text"].strip(), item["id"]


@pytest.mark.parametrize("name", SETS)
def test_offsets_give_back_the_surface_on_word_edges(name):
    for item in _items(name):
        text = item["text"]
        for span in _spans(name, item):
            assert text[span["start"] : span["end"]] == span["surface"], (item["id"], span)
            after = text[span["end"] : span["end"] + 1]
            assert not LETTER.match(after), (item["id"], span)


@pytest.mark.parametrize("name", SETS)
def test_spans_are_in_text_order_and_disjoint(name):
    for item in _items(name):
        spans = _spans(name, item)
        for left, right in itertools.pairwise(spans):
            assert left["end"] <= right["start"], (item["id"], left, right)


def test_actor_spans_have_a_kind_and_an_english_name():
    for item in _items("actors"):
        for span in item["actors"]:
            assert span["kind"] in KINDS, (item["id"], span)
            assert span["en"].strip(), (item["id"], span)


@pytest.mark.parametrize("name", SETS)
def test_set_mixes_sentences_with_and_without_names(name):
    items = _items(name)
    empty = sum(not _spans(name, item) for item in items)
    assert 0.2 * len(items) < empty < 0.8 * len(items)


def test_persons_set_spreads_over_the_outlets():
    assert len({item["outlet"] for item in _items("persons")}) == 14


def test_perfect_output_scores_one(evaluation):
    gold = [
        evaluation.Span("s", 0, 4, "person", "كيري"),
        evaluation.Span("s", 8, 13, "place", "عدن"),
    ]
    score = evaluation.Score()
    evaluation.compare(gold, list(gold), "كيري في عدن", score)
    assert score.figures(score.hits) == (1.0, 1.0, 1.0)
    assert score.exact == 2


def test_kind_must_agree_and_clitics_do_not_break_exactness(evaluation):
    text = "وقال لكيري إن واشنطن بوست"
    gold = [evaluation.Span("s", 6, 10, "person", "كيري")]
    found = [
        evaluation.Span("s", 5, 10, "person", "لكيري"),
        evaluation.Span("s", 14, 20, "place", "واشنطن"),
    ]
    score = evaluation.Score()
    evaluation.compare(gold, found, text, score)
    assert (score.hits, score.exact, len(score.false_positives)) == (1, 1, 1)
    assert score.figures(score.hits)[:2] == (0.5, 1.0)


@given(
    gold=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 5)), max_size=6),
    found=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 5)), max_size=6),
)
def test_hits_never_exceed_either_side(evaluation, gold, found):
    def spans(pairs):
        return [evaluation.Span("s", a, a + n, "person", "x") for a, n in pairs]

    score = evaluation.Score()
    evaluation.compare(spans(gold), spans(found), " " * 50, score)
    assert score.exact <= score.hits <= min(len(gold), len(found))
    assert score.hits + len(score.misses) == len(gold)
    assert score.hits + len(score.false_positives) == len(found)


def test_a_country_inside_a_lake_is_a_miss_and_a_false_positive(evaluation):
    text = "قرب بحيرة تشاد"
    gold = [evaluation.Span("s", 4, 14, "place", "بحيرة تشاد")]
    found = [evaluation.Span("s", 10, 14, "country", "تشاد")]
    score = evaluation.Score()
    evaluation.compare(gold, found, text, score)
    assert (score.hits, len(score.misses), score.near_misses) == (0, 1, 1)

"""Splitting texts into words over their UTF-8 bytes: exactly ``WORD_RE.findall``."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from khabar.counts.words import containing, split_words
from khabar.tokens import WORD_RE


def _findall(texts: list[str]) -> list[tuple[int, str]]:
    return [(i, w) for i, text in enumerate(texts) for w in WORD_RE.findall(text)]


def _split(texts: list[str] | pa.Array) -> list[tuple[int, str]]:
    array = texts if isinstance(texts, pa.Array) else pa.array(texts, type=pa.large_string())
    words, owner = split_words(array)
    return list(zip(owner.tolist(), words.to_pylist(), strict=True))


def test_every_code_point_is_classified_like_word_re():
    every = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    # each character between two letters: a word character joins them, any other splits
    texts = ["a" + c + "b" for c in every]
    assert _split(texts) == _findall(texts)


def test_texts_never_run_into_each_other():
    texts = ["قال بوتين", "وزير", "", "x", "y", "ab", "😀a𝐀b", "ﻻ ﷲ", "“هذا”", "\u200cكلمة\u200d"]
    assert _split(texts) == _findall(texts)
    assert _split(pa.array(texts).slice(3, 4)) == _findall(texts[3:7])


def test_nulls_and_empty_batches():
    assert _split(pa.array(["أ ب", None, "ج"])) == [(0, "أ"), (0, "ب"), (2, "ج")]
    assert _split([]) == []
    assert _split(["", " ،"]) == []


@given(texts=st.lists(st.text(), max_size=6))
def test_words_are_word_re_findall(texts):
    assert _split(texts) == _findall(texts)


arabic = st.text(alphabet="بوتين الكرملين،. «»\u064e\u0640\u200c٣x", max_size=40)


@given(texts=st.lists(arabic, max_size=6))
def test_arabic_words_are_word_re_findall(texts):
    assert _split(texts) == _findall(texts)


@given(texts=st.lists(st.text(), max_size=6), chars=st.frozensets(st.characters(), max_size=4))
def test_containing_finds_the_strings_with_one_of_the_characters(texts, chars):
    found = containing(pa.array(texts, type=pa.large_string()), frozenset(chars))
    assert found.tolist() == [any(c in chars for c in text) for text in texts]

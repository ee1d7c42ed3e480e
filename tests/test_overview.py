"""The article table and vocabulary growth: recounts of the texts, whatever the batching."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar.normalize import normalize
from khabar.overview import Overview, articles, vocabulary_growth
from khabar.tokens import WORD_RE

WORDS = ["بوتين", "لبوتين", "بوتين", "كِيم", "كيم", "ـــ", "Putin", "2023", "موسكو.", "\u200f"]
texts_strategy = st.lists(
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=1, max_size=12
)


def _recount(texts: list[str]) -> pd.DataFrame:
    seen: set[str] = set()
    words = 0
    rows = []
    for text in texts:
        found = WORD_RE.findall(text)
        words += len(found)
        seen.update(normalize(w) for w in found)
        rows.append((words, len(seen)))
    return pd.DataFrame(rows, columns=["words", "distinct_words"])


@settings(max_examples=60, deadline=None)
@given(texts=texts_strategy, size=st.integers(1, 5))
def test_growth_and_word_counts_equal_a_recount_for_any_batch_size(texts, size):
    corpus = khabar.Corpus.from_texts(texts)
    overview = Overview()
    for batch in corpus.iter_batches(size):
        overview.add(batch)
    expected = _recount(texts)
    growth = overview.growth()
    assert growth[["words", "distinct_words"]].values.tolist() == expected.values.tolist()
    words = [len(WORD_RE.findall(t)) for t in texts]
    assert overview.articles()["words"].tolist() == words


def test_the_functions_read_the_same_as_one_pass():
    corpus = khabar.load_corpus("corpus")
    overview = Overview.of(corpus)
    pd.testing.assert_frame_equal(articles(corpus), overview.articles())
    pd.testing.assert_frame_equal(vocabulary_growth(corpus), overview.growth())
    assert articles(corpus)["words"].sum() == vocabulary_growth(corpus)["words"].iloc[-1]


def test_an_empty_corpus_has_empty_tables():
    corpus = khabar.Corpus.from_texts([])
    assert articles(corpus).empty and vocabulary_growth(corpus).empty


def test_labels_read_html_entities_left_in_scraped_titles():
    corpus = khabar.Corpus.from_texts(["نص"], title=["الجبير: &quot;لا دور لإيران&quot; في اليمن"])
    label = articles(corpus)["label"].iloc[0]
    assert "&quot;" not in label and '"لا دور لإيران"' in label

"""Properties of term counts on random small corpora: exact doc counts, any batching."""

from __future__ import annotations

import contextlib

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Corpus, counts, term_frequency

# Words that fold into each other through clitics and spelling, and words that must not.
WORDS = [
    "لقاء", "للقاء", "إلقاء", "القاء", "ألقى", "بوتين", "وبوتين", "لبوتين", "الكرملين",
    "والكرملين", "كرملين", "وزير", "كان", "ان", "واحد", "احد", "بيت", "البيت", "للبيت", "وبالبيت",
]  # fmt: skip
documents = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    min_size=1,
    max_size=8,
)


def _by_term(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("term").sort_index()


@settings(max_examples=60, deadline=None)
@given(texts=documents, stopwords=st.booleans())
def test_doc_count_is_a_per_document_recount(texts, stopwords):
    corpus = Corpus.from_texts(texts)
    table = _by_term(term_frequency(corpus, stopwords=stopwords, progress=False))
    per_doc = term_frequency(corpus, by="doc", stopwords=stopwords, progress=False)
    recount = per_doc.groupby("term")["doc_id"].nunique().sort_index()
    assert table["doc_count"].to_dict() == recount.to_dict()
    assert table["count"].to_dict() == per_doc.groupby("term")["count"].sum().to_dict()


@settings(max_examples=30, deadline=None)
@given(texts=documents, size=st.integers(min_value=1, max_value=4), ngram=st.sampled_from([1, 2]))
def test_tables_do_not_depend_on_the_batch_size(texts, size, ngram):
    corpus = Corpus.from_texts(texts)
    whole = term_frequency(corpus, ngram=ngram, progress=False)
    with _batches_of(size):
        batched = term_frequency(corpus, ngram=ngram, progress=False)
    pd.testing.assert_frame_equal(whole, batched)


@contextlib.contextmanager
def _batches_of(size: int):
    """Make term counting cut the corpus into batches of ``size`` documents."""
    saved = counts._BATCH_DOCS
    counts._BATCH_DOCS = size
    try:
        yield
    finally:
        counts._BATCH_DOCS = saved


# Words built from clitic letters, the article and a few others: every peeling path occurs.
clitic_words = st.text(alphabet="وفبكلالقاءيت", min_size=1, max_size=8)


def _reference_fold(norms: list[str], totals: list[int], vocabulary: set[str]) -> dict[str, str]:
    from collections import Counter

    from khabar.clitics import Folder, stems
    from khabar.wordlists import arabic_stopwords, protected_words

    # a word written after the article more often than its remainder is written alone is a
    # word in its own right (الكلام outweighs لام: كلام is not ك + لام)
    seen: Counter = Counter()
    for norm, total in zip(norms, totals, strict=True):
        seen[norm] += total
    own = {
        w[2:]
        for w in seen
        if w.startswith("ال") and len(w) > 3 and not w.startswith("الال") and seen[w] > seen[w[3:]]
    }

    def stems_of(word: str) -> tuple[str, ...]:
        return stems(word, protected=protected_words() | own, function_words=arabic_stopwords())

    folder = Folder(vocabulary.__contains__, stems_of=stems_of)
    return {w: folder.fold(w) for w in norms}


@settings(max_examples=80, deadline=None)
@given(
    words=st.dictionaries(
        st.one_of(st.sampled_from([*WORDS, "للبق", "اللبق", "لبق", "ولقاء"]), clitic_words),
        st.integers(min_value=1, max_value=5),
        min_size=1,
    )
)
def test_folding_is_the_folder_rule(words):
    from khabar.counts.labels import WordFolds
    from khabar.lexicon import dictionary_words
    from khabar.wordlists import arabic_stopwords

    folds = WordFolds(list(words), list(words.values()))
    vocabulary = set(folds.norms.to_pylist()) | dictionary_words() | arabic_stopwords()
    expected = _reference_fold(folds.norms.to_pylist(), list(words.values()), vocabulary)
    assert dict(zip(folds.norms.to_pylist(), folds.folds.to_pylist(), strict=True)) == expected

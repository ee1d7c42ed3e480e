"""Term frequency that sees through clitics, document frequency, tf-idf and keyness.

Counting runs in two steps so that it can be split across batches and machines:
``tally_batch`` counts raw surface forms per document (numpy and Arrow kernels, integer
arrays) and ``finish_terms`` folds each distinct form once the whole vocabulary is known, then
sums per term and counts each document once per folded term.
"""

from __future__ import annotations

import math

import pandas as pd

from khabar.corpus import Corpus
from khabar.counts.table import TERM_COLUMNS, finish_terms
from khabar.counts.tally import Tally, merge_tallies, tally_batch
from khabar.engine import gc_paused, run_batches
from khabar.wordlists import arabic_stopwords

__all__ = [
    "FREQUENCIES",
    "TERM_COLUMNS",
    "Tally",
    "arabic_stopwords",
    "finish_terms",
    "keyness",
    "merge_tallies",
    "tally_batch",
    "term_frequency",
    "tfidf",
]

#: Periods ``term_frequency(by="date", freq=...)`` groups by: day, week (from Monday), month.
FREQUENCIES = ("D", "W", "M")
#: Documents counted at once: Arrow's kernels and the merges both gain from larger batches.
_BATCH_DOCS = 4000


def term_frequency(
    corpus: Corpus,
    *,
    ngram: int = 1,
    stopwords: bool = True,
    by: str | None = None,
    freq: str | None = None,
    engine: str = "local",
    progress: bool | None = None,
) -> pd.DataFrame:
    """How often each term occurs, with clitics folded (لبوتين and وبوتين count as بوتين).

    A clitic (و ف ب ل ك, ال and their combinations) is peeled only when what remains is itself
    a word of the corpus or of khabar's dictionaries, so وزير stays وزير; and never off a word
    the corpus writes after the article more often than it writes the remainder alone (الكلام
    makes كلام a word, not ك + لام).

    Args:
        corpus: The documents.
        ngram: 1 for words, 2 for bigrams (كوريا الشمالية) and so on; n-grams stay within sentences.
        stopwords: Drop stopwords (after folding; n-grams that begin or end with one, unless they
            are a dictionary name such as سي إن إن).
        by: None for one table; "doc" (or "doc_id") for one row per document and term; any other
            metadata column for one table per value.
        freq: With a date column as ``by``: group by period instead, "D" (day), "W" (week,
            from Monday) or "M" (month); the ``by`` column then holds each period's start.
        engine: "local" or "dask"; both give identical tables.
        progress: Show a progress bar (default: on in a terminal or notebook, off under CI).

    Returns:
        DataFrame with term (the most common way the term is written), count, doc_count
        (documents containing it), share (of all tokens in the group, stopwords included) and
        forms (the spellings counted together).
    """
    if ngram < 1:
        raise ValueError("ngram must be at least 1")
    if freq is not None and (freq not in FREQUENCIES or by is None):
        raise ValueError(f"freq needs a date column as by and one of {FREQUENCIES}, not {freq!r}")
    column = "doc_id" if by == "doc" else by
    with gc_paused():
        parts = run_batches(
            corpus,
            tally_batch,
            engine=engine,
            progress=progress,
            combine=merge_tallies,
            batch_size=_BATCH_DOCS,
            ngram=ngram,
            by=column,
            freq=freq,
        )
        per_doc = column == "doc_id"
        table = finish_terms(
            merge_tallies(parts), by=column, stopwords=stopwords, doc_counts=not per_doc
        )
    if per_doc:
        table = table.drop(columns="doc_count")
    return table


def tfidf(corpus: Corpus, *, top: int = 10, stopwords: bool = True) -> pd.DataFrame:
    """Most distinctive terms per document by tf-idf (term share x log(N / doc_count))."""
    per_doc = term_frequency(corpus, by="doc", stopwords=stopwords, progress=False)
    overall = term_frequency(corpus, stopwords=stopwords, progress=False)
    n_docs = len(corpus)
    idf = {
        t: math.log(n_docs / d) for t, d in zip(overall["term"], overall["doc_count"], strict=True)
    }
    per_doc["tfidf"] = per_doc["share"] * per_doc["term"].map(idf).fillna(0.0)
    ranked = per_doc.sort_values(
        ["doc_id", "tfidf", "term"], ascending=[True, False, True], kind="mergesort"
    )
    return (
        ranked.groupby("doc_id", sort=True)
        .head(top)
        .reset_index(drop=True)[["doc_id", "term", "count", "tfidf"]]
    )


def keyness(
    target: Corpus, reference: Corpus, *, top: int = 20, stopwords: bool = True
) -> pd.DataFrame:
    """Terms over-used in ``target`` relative to ``reference`` (log-likelihood G2, signed)."""
    a = term_frequency(target, stopwords=stopwords, progress=False).set_index("term")["count"]
    b = term_frequency(reference, stopwords=stopwords, progress=False).set_index("term")["count"]
    frame = pd.concat([a.rename("target"), b.rename("reference")], axis=1).fillna(0)
    total_a, total_b = frame["target"].sum(), frame["reference"].sum()
    expected_a = (frame.sum(axis=1)) * total_a / (total_a + total_b)
    expected_b = (frame.sum(axis=1)) * total_b / (total_a + total_b)

    def part(observed: pd.Series, expected: pd.Series) -> pd.Series:
        return (
            observed * (observed / expected).apply(lambda v: math.log(v) if v > 0 else 0.0)
        ).fillna(0.0)

    g2 = 2 * (part(frame["target"], expected_a) + part(frame["reference"], expected_b))
    sign = (frame["target"] / total_a >= frame["reference"] / total_b).map({True: 1, False: -1})
    frame["keyness"] = g2 * sign
    frame = frame.reset_index(names="term").sort_values(
        ["keyness", "term"], ascending=[False, True], kind="mergesort"
    )
    return frame.head(top).reset_index(drop=True)

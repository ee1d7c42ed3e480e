"""What is in a corpus: one row per article, and how the vocabulary grows with it."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar.corpus import Corpus
from khabar.counts.words import split_words
from khabar.normalize import normalize
from khabar.tokens import sentences

__all__ = ["Overview", "articles", "metadata_coverage", "short_label", "vocabulary_growth"]

_LABEL_WORDS = 6
_DOC_COLUMNS = ("doc_id", "title", "outlet", "date", "text")


def short_label(title: str, *, words: int = _LABEL_WORDS) -> str:
    """The first few words of a title, for chart labels (HTML entities such as &quot; read)."""
    parts = html.unescape(title).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def articles(corpus: Corpus) -> pd.DataFrame:
    """One row per document: doc_id, title, outlet, date, characters, words, sentences, label.

    ``label`` is the doc_id's leading part and the first words of the title, for charts. A
    lazy corpus is read batch by batch, never held whole.
    """
    return Overview.of(corpus).articles()


def _article_rows(docs: pd.DataFrame, words: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "title": docs["title"],
            "outlet": docs["outlet"],
            "date": docs["date"],
            "characters": docs["text"].str.len(),
            "words": words.astype("int64"),
            "sentences": [len(sentences(t)) for t in docs["text"]],
            "label": [
                f"{short_label(t)} ({d.split('_')[0]})"
                for d, t in zip(docs["doc_id"], docs["title"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def metadata_coverage(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """For outlet and date: how many articles have a value, and the values found.

    Takes a corpus or any table with outlet and date columns (such as :func:`articles`).
    """
    docs = corpus.docs if isinstance(corpus, Corpus) else corpus
    rows = []
    for column in ("outlet", "date"):
        values = docs[column].astype("string").fillna("").str.strip()
        known = values[values != ""]
        shown = ", ".join(sorted(known.unique())[:10]) if len(known) else "unknown"
        rows.append(
            {"field": column, "articles with a value": len(known), "of": len(docs), "values": shown}
        )
    return pd.DataFrame(rows)


def vocabulary_growth(corpus: Corpus) -> pd.DataFrame:
    """Distinct normalized words seen after each article, in corpus order.

    A curve that keeps rising means each new article brings new vocabulary; one that flattens
    means the coverage repeats itself.
    """
    return Overview.of(corpus).growth()


class Overview:
    """``articles`` and ``vocabulary_growth`` read in one pass, batch by batch (``add``).

    Words are split in Arrow and each distinct spelling is normalized once, so a batch costs
    no Python work per word.
    """

    def __init__(self) -> None:
        self._rows: list[pd.DataFrame] = []
        self._growth: list[pd.DataFrame] = []
        self._ids: dict[str, int] = {}  # normalized word -> id
        self._id_of: dict[str, int] = {}  # word as written -> id of its normalized form
        self._seen = np.zeros(0, dtype=bool)
        self._words = 0
        self._distinct = 0

    @classmethod
    def of(cls, corpus: Corpus) -> Overview:
        """The overview of every batch of ``corpus``."""
        overview = cls()
        for batch in corpus.iter_batches():
            overview.add(batch)
        return overview

    def add(self, batch: pd.DataFrame) -> None:
        """Take in the next documents (doc_id, title, outlet, date, text)."""
        words, owner = split_words(pa.array(batch["text"], type=pa.large_string()))
        ids = self._word_ids(words)
        counts = np.bincount(owner, minlength=len(batch))
        self._rows.append(_article_rows(batch, counts))
        new = self._first_seen(ids)
        fresh = np.bincount(owner[new], minlength=len(batch))
        self._growth.append(
            pd.DataFrame(
                {
                    "doc_id": batch["doc_id"].to_numpy(),
                    "words": self._words + np.cumsum(counts),
                    "distinct_words": self._distinct + np.cumsum(fresh),
                }
            )
        )
        self._words += int(counts.sum())
        self._distinct += int(fresh.sum())

    def articles(self) -> pd.DataFrame:
        """The ``articles`` table of what was added."""
        if not self._rows:
            self.add(pd.DataFrame({c: pd.Series(dtype=object) for c in _DOC_COLUMNS}))
        return pd.concat(self._rows, ignore_index=True)

    def growth(self) -> pd.DataFrame:
        """The ``vocabulary_growth`` table of what was added."""
        if not self._growth:
            self.articles()
        return pd.concat(self._growth, ignore_index=True).astype(
            {"words": "int64", "distinct_words": "int64"}
        )

    def _word_ids(self, words: pa.Array) -> np.ndarray:
        encoded = pc.dictionary_encode(words)
        spellings = encoded.dictionary.to_pylist()
        table = np.fromiter(map(self._spelling_id, spellings), dtype=np.int64, count=len(spellings))
        return table[encoded.indices.to_numpy(zero_copy_only=False)]

    def _spelling_id(self, surface: str) -> int:
        found = self._id_of.get(surface)
        if found is None:
            found = self._id_of[surface] = self._ids.setdefault(normalize(surface), len(self._ids))
        return found

    def _first_seen(self, ids: np.ndarray) -> np.ndarray:
        """Positions in ``ids`` where a normalized word occurs for the first time in the corpus."""
        if len(self._seen) < len(self._ids):
            self._seen = np.concatenate(
                [self._seen, np.zeros(len(self._ids) - len(self._seen), bool)]
            )
        unique, first = np.unique(ids, return_index=True)
        new = ~self._seen[unique]
        self._seen[unique[new]] = True
        return np.sort(first[new])

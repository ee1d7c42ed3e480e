"""What is in a corpus: one row per article, and how the vocabulary grows with it."""

from __future__ import annotations

import pandas as pd

from khabar.corpus import Corpus
from khabar.normalize import normalize
from khabar.tokens import WORD_RE, sentences

__all__ = ["articles", "metadata_coverage", "short_label", "vocabulary_growth"]

_LABEL_WORDS = 6


def short_label(title: str, *, words: int = _LABEL_WORDS) -> str:
    """The first few words of a title, for chart labels."""
    parts = title.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def articles(corpus: Corpus) -> pd.DataFrame:
    """One row per document: doc_id, title, outlet, date, characters, words, sentences, label.

    ``label`` is the doc_id's leading part and the first words of the title, for charts. A
    lazy corpus is read batch by batch, never held whole.
    """
    frames = [_article_rows(batch) for batch in corpus.iter_batches()]
    if not frames:
        return _article_rows(corpus.docs)
    return pd.concat(frames, ignore_index=True)


def _article_rows(docs: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "title": docs["title"],
            "outlet": docs["outlet"],
            "date": docs["date"],
            "characters": docs["text"].str.len(),
            "words": [len(WORD_RE.findall(t)) for t in docs["text"]],
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
    seen: set[str] = set()
    rows = []
    words_so_far = 0
    for batch in corpus.iter_batches():
        for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True):
            words = WORD_RE.findall(text)
            words_so_far += len(words)
            seen.update(map(normalize, words))
            rows.append({"doc_id": doc_id, "words": words_so_far, "distinct_words": len(seen)})
    return pd.DataFrame(rows, columns=["doc_id", "words", "distinct_words"])

"""Keyword in context: every occurrence of a word or phrase with the words around it."""

from __future__ import annotations

import pandas as pd

from khabar.corpus import Corpus
from khabar.lexicon import PhraseMatcher
from khabar.tokens import tokenize

__all__ = ["kwic"]

_COLUMNS = ["doc_id", "pre", "keyword", "post", "start", "end"]


def kwic(corpus: Corpus, pattern: str, *, window: int = 5) -> pd.DataFrame:
    """Occurrences of ``pattern`` (a word or phrase) with ``window`` words either side.

    Matching is normalization- and clitic-aware like term counting (بوتين finds لبوتين);
    ``keyword`` shows the text as written, ``start``/``end`` are offsets into the document.
    """
    matcher = PhraseMatcher([(pattern, pattern)])
    rows = []
    for batch in corpus.iter_batches():
        for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True):
            tokens = tokenize(text)
            for match in matcher.find(tokens, text):
                first, last = tokens[match.first], tokens[match.last]
                before = tokens[max(match.first - window, 0) : match.first]
                after = tokens[match.last + 1 : match.last + 1 + window]
                rows.append(
                    {
                        "doc_id": doc_id,
                        "pre": text[before[0].start : first.start].strip() if before else "",
                        "keyword": text[first.start : last.end],
                        "post": text[last.end : after[-1].end].strip() if after else "",
                        "start": first.start,
                        "end": last.end,
                    }
                )
    return pd.DataFrame(rows, columns=_COLUMNS)

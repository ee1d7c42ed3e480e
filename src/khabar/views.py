"""Views for notebooks: capped tables, and the first occurrences of a word or an actor.

A notebook shows a few rows of a table that may have millions; these helpers read only what
they show and say how much there is.
"""

from __future__ import annotations

import re

import pandas as pd

from khabar.corpus import Corpus
from khabar.kwic import kwic
from khabar.normalize import normalize

__all__ = ["actor_rows", "documents", "first_kwic", "shown"]

_KWIC_CHUNK = 25
#: Letters normalization or matching fold together, for a prefilter on raw text.
_FOLDED = {"ا": "اأإآٱ", "ي": "يىی", "ك": "كک", "ه": "هة", "ة": "هة"}
#: Text with presentation forms or Arabic-Indic digits is always read by kwic itself.
_UNFOLDED_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\u0660-\u0669\u06f0-\u06f9]")
_INVISIBLE = "\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_MARKS = f"[\u0610-\u061a\u064b-\u065f\u0670{_INVISIBLE}]*"
_GAP = f"[\\s\"'“”«»„\\-–—{_INVISIBLE}]+"


def shown(frame: pd.DataFrame, top: int) -> pd.DataFrame:
    """The first ``top`` rows of a table, printing how many there are when some are left out."""
    if len(frame) > top:
        print(f"{top:,} of {len(frame):,} rows")
    return frame.head(top)


def _prefilter(pattern: str) -> re.Pattern:
    """A regex any text containing ``pattern`` (in any spelling normalization folds) matches."""
    words = []
    for word in normalize(pattern).split():
        letters = [_letter(char) for char in word]
        if word.startswith("ال"):  # لل: the article's alef drops after the preposition ل
            letters[0] = f"(?:{letters[0]})?"
        words.append("".join(letters))
    return re.compile(_GAP.join(words), re.IGNORECASE)


def _letter(char: str) -> str:
    folded = _FOLDED.get(char, char)
    return (f"[{folded}]" if len(folded) > 1 else re.escape(char)) + _MARKS


def first_kwic(corpus: Corpus, pattern: str, *, window: int = 5, rows: int = 20) -> pd.DataFrame:
    """``kwic`` rows of ``pattern`` in the first articles using it, in corpus order.

    Reads only as many articles as it takes to fill ``rows`` rows (a streamed corpus batch by
    batch), so it stays fast on a large corpus; the counts of a term are in the term table.
    """
    found: list[pd.DataFrame] = []
    if pattern.strip():
        probe, total = _prefilter(pattern), 0
        for batch in corpus.iter_batches():
            hits = [
                i
                for i, text in enumerate(batch["text"])
                if probe.search(text) or _UNFOLDED_RE.search(text)
            ]
            for start in range(0, len(hits), _KWIC_CHUNK):
                chunk = Corpus(batch.iloc[hits[start : start + _KWIC_CHUNK]])
                found.append(kwic(chunk, pattern, window=window))
                total += len(found[-1])
                if total >= rows:
                    return pd.concat(found, ignore_index=True).head(rows)
    if not found:
        return kwic(Corpus.from_texts([]), pattern or "-", window=window)
    return pd.concat(found, ignore_index=True).head(rows)


def documents(corpus: Corpus, doc_ids: list[str]) -> Corpus:
    """The documents with these ids, in corpus order, read batch by batch from a streamed corpus."""
    wanted, parts = set(doc_ids), []
    for batch in corpus.iter_batches():
        parts.append(batch[batch["doc_id"].isin(wanted)])
        wanted -= set(parts[-1]["doc_id"])
        if not wanted:
            break
    kept = Corpus(pd.concat(parts, ignore_index=True)) if parts else Corpus.from_texts([])
    kept.path = corpus.path
    return kept


def actor_rows(mentions: pd.DataFrame, actor: str) -> pd.DataFrame:
    """The mention rows of one actor, given by id, Arabic name or English name."""
    return mentions[mentions[["actor_id", "actor_ar", "actor_en"]].eq(actor).any(axis=1)]

"""Raw counts of one batch of documents: surface forms per document, as integer arrays.

A batch is counted with C-level tools only (``re.findall`` and ``Counter``): each document
becomes the ids of its distinct surface forms and how often each occurs. Nothing is normalized
or folded here; that is done once per distinct form when the whole corpus has been counted,
which is what makes exact per-term document counts possible after folding.
"""

from __future__ import annotations

import contextlib
import gc
import re
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from khabar.tokens import WORD_RE

__all__ = ["Tally", "gc_paused", "merge_tallies", "tally_batch"]

_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟؛…\n]+")


class _Ids(dict):
    """surface -> id, giving the next id to a surface not seen before."""

    def __missing__(self, surface: Hashable) -> int:
        self[surface] = n = len(self)
        return n


@dataclass
class Tally:
    """Counts of a run of documents (mergeable with ``+=``, in corpus order).

    Per document: the ids of its distinct surfaces (``ids``, concatenated), how often each
    occurs (``counts``), how many distinct surfaces it has (``sizes``), its number of tokens
    (``tokens``) and its group (``groups``: the ``by`` value, or None).
    """

    vocab: _Ids = field(default_factory=_Ids)
    ids: list[np.ndarray] = field(default_factory=list)
    counts: list[np.ndarray] = field(default_factory=list)
    sizes: list[np.ndarray] = field(default_factory=list)
    tokens: list[np.ndarray] = field(default_factory=list)
    groups: list = field(default_factory=list)

    def __iadd__(self, other: Tally) -> Tally:
        get = self.vocab.__getitem__
        remap = np.fromiter(map(get, other.vocab), dtype=np.int32, count=len(other.vocab))
        self.ids.extend(remap[chunk] for chunk in other.ids)
        self.counts.extend(other.counts)
        self.sizes.extend(other.sizes)
        self.tokens.extend(other.tokens)
        self.groups.extend(other.groups)
        return self

    @property
    def docs(self) -> int:
        return len(self.groups)

    def surfaces(self) -> list:
        """Surface forms in id order."""
        return list(self.vocab)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(surface id, occurrences, document number) per document-surface pair, and tokens
        per document."""
        ids, counts = _joined(self.ids, np.int32), _joined(self.counts, np.int64)
        sizes, tokens = _joined(self.sizes, np.int64), _joined(self.tokens, np.int64)
        doc = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
        return ids, counts, doc, tokens


def _joined(chunks: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(chunks).astype(dtype, copy=False) if chunks else np.zeros(0, dtype)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Counting makes many small objects and no cycles: skip the cyclic GC meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _doc_grams(text: str, ngram: int) -> list:
    if ngram == 1:
        return WORD_RE.findall(text)
    grams: list = []
    for sentence in _SENTENCE_SPLIT_RE.split(text):
        words = WORD_RE.findall(sentence)
        grams.extend(zip(*(words[i:] for i in range(ngram)), strict=False))
    return grams


def group_labels(batch: pd.DataFrame, *, by: str | None, freq: str | None = None) -> list:
    """The group of each document: None, the ``by`` value as text, or its period start."""
    if by is None:
        return [None] * len(batch)
    if freq is not None:
        dates = pd.to_datetime(batch[by])
        return list(dates.dt.to_period(freq).dt.start_time)
    return batch[by].astype(str).tolist()


def tally_batch(
    batch: pd.DataFrame, *, ngram: int = 1, by: str | None = None, freq: str | None = None
) -> Tally:
    """Count one batch of documents (words, or n-grams within sentences)."""
    tally = Tally(groups=group_labels(batch, by=by, freq=freq))
    get = tally.vocab.__getitem__
    ids, counts, sizes, tokens = array("i"), array("q"), array("q"), array("q")
    with gc_paused():
        for text in batch["text"].tolist():
            grams = _doc_grams(text, ngram)
            seen = Counter(grams)
            ids.extend(map(get, seen))
            counts.extend(seen.values())
            sizes.append(len(seen))
            tokens.append(len(grams))
    for target, values in (
        (tally.ids, ids),
        (tally.counts, counts),
        (tally.sizes, sizes),
        (tally.tokens, tokens),
    ):
        target.append(np.frombuffer(values, dtype=np.int32 if values.typecode == "i" else np.int64))
    return tally


def merge_tallies(parts: Iterable[Tally]) -> Tally:
    """Sum tallies in corpus order (the first absorbs the rest, so do not reuse them)."""
    total: Tally | None = None
    for part in parts:
        if total is None:
            total = part
        else:
            total += part
    return total if total is not None else Tally()

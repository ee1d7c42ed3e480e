"""Raw counts of one batch of documents: surface forms per document, as integer arrays.

A batch is counted with C-level tools only (``re.findall`` and ``Counter``): each document
becomes the ids of its distinct surface forms and how often each occurs. Nothing is normalized
or folded here; that is done once per distinct form when the whole corpus has been counted,
which is what makes exact per-term document counts possible after folding.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar.counts.words import split_words
from khabar.engine import gc_paused
from khabar.tokens import WORD_RE

__all__ = ["Tally", "merge_tallies", "tally_batch"]

_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟؛…\n]+")


@dataclass
class Tally:
    """Counts of a run of documents (mergeable with ``+=``, in corpus order).

    ``vocab`` maps each distinct surface form to an id (unique, below ``next_id``, not
    necessarily contiguous). Per document: the ids of its distinct surfaces (``ids``,
    concatenated), how often each occurs (``counts``), how many distinct surfaces it has
    (``sizes``), its tokens (``tokens``) and its group (``groups``: the ``by`` value, or None).
    """

    vocab: dict = field(default_factory=dict)
    next_id: int = 0
    ids: list[np.ndarray] = field(default_factory=list)
    counts: list[np.ndarray] = field(default_factory=list)
    sizes: list[np.ndarray] = field(default_factory=list)
    tokens: list[np.ndarray] = field(default_factory=list)
    groups: list = field(default_factory=list)

    def __iadd__(self, other: Tally) -> Tally:
        # one C-level pass: a surface already known keeps its id, a new one gets the next
        theirs = list(other.vocab)
        ours = _first_ids(self.vocab, theirs, start=self.next_id)
        self.next_id += len(theirs)
        remap = np.zeros(other.next_id, dtype=np.int32)
        remap[np.fromiter(other.vocab.values(), dtype=np.int64, count=len(theirs))] = ours
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
        """Distinct surface forms, in order of their (compacted) ids."""
        return list(self.vocab)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per document-surface pair: (surface id, occurrences, document number), ids numbered
        like ``surfaces()``; and the tokens of each document."""
        compact = np.zeros(max(self.next_id, 1), dtype=np.int32)
        raw = np.fromiter(self.vocab.values(), dtype=np.int64, count=len(self.vocab))
        compact[raw] = np.arange(len(raw), dtype=np.int32)
        ids = compact[_joined(self.ids, np.int32)]
        counts = _joined(self.counts, np.int64)
        sizes, tokens = _joined(self.sizes, np.int64), _joined(self.tokens, np.int64)
        doc = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
        return ids, counts, doc, tokens


def _first_ids(index: dict, keys: list, *, start: int) -> np.ndarray:
    """The id of each key in ``index``, adding missing keys with ids ``start + position``."""
    ids = map(index.setdefault, keys, itertools.count(start))
    return np.fromiter(ids, dtype=np.int32, count=len(keys))


def _joined(chunks: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(chunks).astype(dtype, copy=False) if chunks else np.zeros(0, dtype)


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
    count = _count_words if ngram == 1 else _count_grams
    tally = count(batch["text"], ngram)
    tally.groups = group_labels(batch, by=by, freq=freq)
    return tally


def _count_words(texts: pd.Series, ngram: int) -> Tally:
    """Words counted in Arrow and numpy: no Python object per word."""
    words, owner = split_words(pa.array(texts, type=pa.large_string()))
    encoded = pc.dictionary_encode(words)
    vocab = dict(zip(encoded.dictionary.to_pylist(), itertools.count()))
    ids = encoded.indices.to_numpy()
    width = max(len(encoded.dictionary), 1)
    pairs, counts = np.unique(owner.astype(np.int64) * width + ids, return_counts=True)
    return Tally(
        vocab=vocab,
        next_id=width,
        ids=[(pairs % width).astype(np.int32)],
        counts=[counts.astype(np.int64)],
        sizes=[np.bincount(pairs // width, minlength=len(texts))],
        tokens=[np.bincount(owner, minlength=len(texts))],
    )


def _count_grams(texts: pd.Series, ngram: int) -> Tally:
    """N-grams (tuples of words) counted with Counter, one per document."""
    with gc_paused():
        seen = [Counter(_doc_grams(text, ngram)) for text in texts.tolist()]
        keys = list(itertools.chain.from_iterable(seen))
        vocab: dict = {}
        ids = _first_ids(vocab, keys, start=0)
        counts = list(itertools.chain.from_iterable(s.values() for s in seen))
    return Tally(
        vocab=vocab,
        next_id=len(keys),
        ids=[ids],
        counts=[np.array(counts, dtype=np.int64)],
        sizes=[np.fromiter(map(len, seen), dtype=np.int64, count=len(seen))],
        tokens=[np.fromiter((s.total() for s in seen), dtype=np.int64, count=len(seen))],
    )


def merge_tallies(parts: Iterable[Tally]) -> Tally:
    """Sum tallies in corpus order (the first absorbs the rest, so do not reuse them)."""
    total: Tally | None = None
    for part in parts:
        if total is None:
            total = part
        else:
            total += part
    return total if total is not None else Tally()

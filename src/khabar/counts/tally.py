"""Raw counts of one batch of documents: surface forms per document, as integer arrays.

Words are split in numpy (``counts.words``) and numbered by Arrow's dictionary encoding, with
no Python object per word (n-grams: ``re.findall`` and ``Counter`` per document): each
document becomes the ids of its distinct surface forms and how often each occurs. Nothing is
normalized or folded here; that is done once per distinct form when the whole corpus has been
counted, which is what makes exact per-term document counts possible after folding.
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

    The documents come in parts (a batch each), each with its own ``vocabs`` entry: its
    distinct surface forms (an Arrow string array for words, a list of tuples for n-grams).
    Per document: the numbers of its distinct surfaces in its part's vocabulary (``ids``,
    concatenated per part), how often each occurs (``counts``), how many distinct surfaces it
    has (``sizes``), its tokens (``tokens``) and its group (``groups``: the ``by`` value, or
    None). The parts' vocabularies are merged once, when the surfaces are first asked for.
    """

    vocabs: list = field(default_factory=list)
    ids: list[np.ndarray] = field(default_factory=list)
    counts: list[np.ndarray] = field(default_factory=list)
    sizes: list[np.ndarray] = field(default_factory=list)
    tokens: list[np.ndarray] = field(default_factory=list)
    groups: list = field(default_factory=list)
    _merge: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def __iadd__(self, other: Tally) -> Tally:
        self._merge = None
        self.vocabs.extend(other.vocabs)
        self.ids.extend(other.ids)
        self.counts.extend(other.counts)
        self.sizes.extend(other.sizes)
        self.tokens.extend(other.tokens)
        self.groups.extend(other.groups)
        return self

    @property
    def docs(self) -> int:
        return len(self.groups)

    def surfaces(self) -> pa.Array | list:
        """Distinct surface forms of the whole run, in order of first appearance."""
        return self._merged()[0]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per document-surface pair: (surface id, occurrences, document number), ids numbered
        like ``surfaces()``; and the tokens of each document."""
        numbers = self._merged()[1]
        ids = _joined([number[part] for number, part in zip(numbers, self.ids, strict=True)])
        counts = _joined(self.counts, np.int64)
        sizes, tokens = _joined(self.sizes, np.int64), _joined(self.tokens, np.int64)
        doc = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
        return ids, counts, doc, tokens

    def _merged(self) -> tuple[pa.Array | list, list[np.ndarray]]:
        if self._merge is None:
            self._merge = _merged(self.vocabs)
        return self._merge


def _merged(vocabs: list) -> tuple[pa.Array | list, list[np.ndarray]]:
    """The distinct surfaces of all parts, and for each part the number of each of its own."""
    if not vocabs:
        return [], []
    if len(vocabs) == 1 and isinstance(vocabs[0], pa.Array):  # already distinct
        return vocabs[0], [np.arange(len(vocabs[0]), dtype=np.int32)]
    if isinstance(vocabs[0], pa.Array):
        encoded = pc.dictionary_encode(pa.concat_arrays(vocabs))
        distinct, codes = encoded.dictionary, encoded.indices.to_numpy()
    else:
        every = list(itertools.chain.from_iterable(vocabs))
        codes, uniques = pd.factorize(
            np.fromiter(every, dtype=object, count=len(every)), use_na_sentinel=False
        )
        distinct = list(uniques)
    bounds = np.cumsum([0, *map(len, vocabs)])
    return distinct, [codes[a:b].astype(np.int32) for a, b in itertools.pairwise(bounds)]


def _joined(chunks: list[np.ndarray], dtype: type = np.int32) -> np.ndarray:
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
    ids = encoded.indices.to_numpy()
    width = max(len(encoded.dictionary), 1)
    pairs, counts = np.unique(owner.astype(np.int64) * width + ids, return_counts=True)
    return Tally(
        vocabs=[encoded.dictionary],
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
        counts = list(itertools.chain.from_iterable(s.values() for s in seen))
    return Tally(
        vocabs=[keys],
        ids=[np.arange(len(keys), dtype=np.int32)],
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

"""Folding a whole vocabulary at once: ``clitics.Folder`` run in Arrow's kernels.

A corpus has hundreds of thousands of distinct spellings. Peeling clitics word by word in
Python is the largest fixed cost of term counting, so the same walk is done here over all
words together: each step (peel و/ف, peel ب/ك/ل, read لل as ل + ال, drop ال) is a handful
of vectorized string operations on every word it applies to. The result is exactly
``Folder.fold`` with ``clitics.stems`` (a property test holds them equal).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from khabar.clitics import ARTICLE, CONJUNCTIONS, MIN_STEM, PREPOSITIONS

__all__ = ["fold_vocabulary", "own_words"]

_CONJ, _PREP, _ART = 1, 2, 3  # how far along و/ف + ب/ك/ل + ال a word has been peeled
_DOUBLE_LAM = "لل"  # ل + ال + X is written للX


def own_words(norms: Sequence[str] | pa.Array, totals: np.ndarray) -> pa.Array:
    """Words the corpus shows to be words in their own right: written after the article more
    often than what their first letter would leave is written alone.

    The article never stands before a proclitic, so الكلام (93 times) is evidence that كلام is
    a word and not ك + لام (لام: 8 times). The evidence must outweigh the other reading: البدون
    (4) does not make بدون a word against دون (1,535).

    Args:
        norms: Distinct normalized words.
        totals: How often each occurs.
    """
    words, counts = _strings(norms), pa.array(np.asarray(totals, dtype=np.int64))
    cut = len(ARTICLE)
    after = pc.and_(pc.starts_with(words, ARTICLE), pc.greater(pc.utf8_length(words), cut + 1))
    word = pc.utf8_slice_codeunits(words.filter(after), cut)
    rest = counts.take(pc.index_in(pc.utf8_slice_codeunits(word, 1), value_set=words))
    # الالحاد is إلحاد, not a second article: it says nothing about الحاد
    single = pc.invert(pc.starts_with(word, ARTICLE))
    return word.filter(pc.and_(single, pc.greater(counts.filter(after), rest.fill_null(0))))


def fold_vocabulary(
    words: Sequence[str] | pa.Array,
    *,
    vocabulary: Collection[str] | pa.Array,
    protected: Collection[str] | pa.Array,
    function_words: Collection[str] | pa.Array,
) -> pa.StringArray:
    """The form each normalized word counts under (the word itself when nothing is peeled).

    Args:
        words: Normalized words (repeats allowed).
        vocabulary: Forms that are words besides ``words`` themselves: a word folds to its
            shortest stem that is one of them or one of ``words``.
        protected: Words never peeled.
        function_words: Short words a clitic may leave behind although shorter than MIN_STEM.

    Returns:
        One folded form per word, in order.
    """
    array = _strings(words)
    owners, found = [], []
    for owner, stem in _walk(array, _strings(protected), _strings(function_words)):
        owners.append(owner)
        found.append(stem)
    if not owners:
        return array
    stems = pa.chunked_array(found, type=pa.string()).combine_chunks()
    known = pc.or_(pc.is_in(stems, array), pc.is_in(stems, _strings(vocabulary)))
    owner, stem = _shortest_words(array, np.concatenate(owners), stems, known)
    mask = np.zeros(len(array), dtype=bool)
    mask[owner] = True
    return pc.replace_with_mask(array, pa.array(mask), stem)


def _strings(values: Collection[str] | pa.Array) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    if isinstance(values, pa.Array):
        return values
    return pa.array(values if isinstance(values, list) else list(values), type=pa.string())


def _walk(
    words: pa.StringArray, protected: pa.Array, short: pa.Array
) -> Iterator[tuple[np.ndarray, pa.Array]]:
    """Every (word number, stem) that ``clitics.stems`` finds, one step kind at a time.

    Stems are found a generation (one clitic deeper) at a time, each generation's checks
    against the word lists made in one pass.
    """
    start = np.flatnonzero(_not_in(words, protected))
    frontier = [(start, words.take(pa.array(start)), 0)]
    while frontier:
        found = [step for owner, word, level in frontier for step in _steps(owner, word, level)]
        if not found:
            return
        stems = pa.concat_arrays([stem for _, stem, _ in found])
        kept = _mask(
            pc.or_(pc.greater_equal(pc.utf8_length(stems), MIN_STEM), pc.is_in(stems, short))
        )
        open_ = kept & _not_in(stems, protected)
        bounds = np.cumsum([0, *(len(stem) for _, stem, _ in found)])
        frontier = []
        for (owner, stem, level), a, b in zip(found, bounds[:-1], bounds[1:], strict=True):
            if kept[a:b].any():
                yield owner[kept[a:b]], stem.filter(pa.array(kept[a:b]))
            if open_[a:b].any():
                frontier.append((owner[open_[a:b]], stem.filter(pa.array(open_[a:b])), level))


def _steps(
    owner: np.ndarray, word: pa.Array, level: int
) -> Iterator[tuple[np.ndarray, pa.Array, int]]:
    """Forms one clitic shorter than each word, as ``clitics._one_step`` makes them."""
    length = pc.utf8_length(word)
    if level < _PREP:
        mask = _mask(pc.and_(pc.starts_with(word, _DOUBLE_LAM), pc.greater(length, 3)))
        if mask.any():
            chosen = word.filter(pa.array(mask))
            for cut in (2, 1):
                rest = pc.utf8_slice_codeunits(chosen, cut)
                yield owner[mask], pc.binary_join_element_wise(ARTICLE, rest, ""), _PREP
    if level < _ART:
        mask = _mask(pc.and_(pc.starts_with(word, ARTICLE), pc.greater_equal(length, 4)))
        yield from _peeled(owner, word, mask, cut=len(ARTICLE), level=_ART)
    first = pc.utf8_slice_codeunits(word, 0, 1)
    if level < _CONJ:
        mask = _mask(pc.is_in(first, pa.array(list(CONJUNCTIONS))))
        yield from _peeled(owner, word, mask, cut=1, level=_CONJ)
    if level < _PREP:
        mask = _mask(pc.is_in(first, pa.array(list(PREPOSITIONS))))
        yield from _peeled(owner, word, mask, cut=1, level=_PREP)


def _peeled(
    owner: np.ndarray, word: pa.Array, mask: np.ndarray, *, cut: int, level: int
) -> Iterator[tuple[np.ndarray, pa.Array, int]]:
    if mask.any():
        yield owner[mask], pc.utf8_slice_codeunits(word.filter(pa.array(mask)), cut), level


def _mask(condition: pa.Array) -> np.ndarray:
    return condition.fill_null(False).to_numpy(zero_copy_only=False)


def _not_in(values: pa.Array, members: pa.Array) -> np.ndarray:
    return ~pc.is_in(values, members).to_numpy(zero_copy_only=False)


def _shortest_words(
    words: pa.StringArray, owner: np.ndarray, stems: pa.Array, known: pa.Array
) -> tuple[np.ndarray, pa.Array]:
    """For each word with one, its shortest (then first in code point order) known stem that
    ranks before the word itself (``ل + الX`` is written ``للX``: a stem can be longer).

    Returns the word numbers (ascending) and their stems.
    """
    own = words.take(pa.array(owner))
    stem_len, own_len = pc.utf8_length(stems), pc.utf8_length(own)
    before = pc.or_(
        pc.less(stem_len, own_len), pc.and_(pc.equal(stem_len, own_len), pc.less(stems, own))
    )
    table = pa.table({"owner": owner, "length": stem_len, "stem": stems})
    table = table.filter(pc.and_(before, known))
    table = table.take(
        pc.sort_indices(table, sort_keys=[(k, "ascending") for k in ("owner", "length", "stem")])
    )
    ranked = table["owner"].to_numpy()
    first = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]]) if len(ranked) else ranked
    return ranked[first], table["stem"].combine_chunks().take(pa.array(first))

"""Folding a corpus's counted forms into terms, and how each term is shown.

Each distinct written word is normalized and folded once, after the whole corpus is counted: a
clitic is peeled only when what remains is a word of the corpus or of khabar's dictionaries, and
never off a word the corpus also writes after the article (كلام, seen as الكلام, is not ك + لام).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar.clitics import ARTICLE
from khabar.counts.folding import fold_vocabulary, own_words
from khabar.counts.order import sort_order
from khabar.counts.words import containing, from_text, to_text
from khabar.lexicon import dictionary_words
from khabar.normalize import DISPLAY_CHANGES, NORMALIZE_CHANGES, display_form, normalize
from khabar.wordlists import arabic_stopwords, protected_words

__all__ = ["Labels", "WordFolds"]

_FORMS_SHOWN = 4
_SEP = "\n"  # never inside a word: joins the words of an n-gram label

Surface = str | tuple[str, ...]


def _each(transform: Callable[[str], str], words: pa.Array, *, changes: frozenset[str]) -> pa.Array:
    """``transform`` of every word, in one call on the words joined by newlines; only words
    with a character in ``changes`` are transformed (``transform`` keeps newlines, joins
    nothing and leaves text without those characters as it is)."""
    some = containing(words, changes)
    if not some.any():
        return words
    mask = pa.array(some)
    chosen = words.filter(mask)
    done = from_text(transform(to_text(chosen)), len(chosen))
    return pc.replace_with_mask(words, mask, done.cast(words.type))


def _strings(words: Sequence[str] | pa.Array) -> pa.Array:
    if isinstance(words, pa.ChunkedArray):
        return words.combine_chunks()
    if isinstance(words, pa.Array):
        return words
    return pa.array(list(words), type=pa.large_string())


@cache
def _known_words() -> pa.Array:
    """Words by definition, whatever the corpus: dictionary entries and stopwords."""
    return pa.array(sorted(dictionary_words() | arabic_stopwords()), type=pa.string())


@cache
def _never_peeled() -> pa.Array:
    return pa.array(sorted(protected_words()), type=pa.string())


@cache
def _function_words() -> pa.Array:
    return pa.array(sorted(arabic_stopwords()), type=pa.string())


class WordFolds:
    """For every written word of the corpus: its normalized form and the form it counts under.

    ``norms[i]`` and ``folds[i]`` (Arrow arrays) belong to ``words[i]``, which occurs
    ``totals[i]`` times.
    """

    def __init__(self, words: Sequence[str] | pa.Array, totals: np.ndarray) -> None:
        self.words = _strings(words)
        self.norms = _each(normalize, self.words, changes=NORMALIZE_CHANGES).cast(pa.string())
        encoded = pc.dictionary_encode(self.norms)  # each distinct normalized word once
        distinct, code = encoded.dictionary, encoded.indices.to_numpy()
        seen = np.bincount(code, weights=totals, minlength=len(distinct)).astype(np.int64)
        folds = fold_vocabulary(
            distinct,
            vocabulary=_known_words(),
            protected=pa.concat_arrays([_never_peeled(), own_words(distinct, seen)]),
            function_words=_function_words(),
        )
        self.folds: pa.Array = folds.take(encoded.indices)

    def proclitics(self) -> np.ndarray:
        """True for each word carrying more than the article (والكرملين, not الكرملين)."""
        norms, folds = self.norms, self.folds
        with_article = pc.binary_join_element_wise(ARTICLE, folds, "")
        return pc.and_(pc.not_equal(norms, folds), pc.not_equal(norms, with_article)).to_numpy(
            zero_copy_only=False
        )


def _strip_word(word: str, stem: str) -> str:
    for i in range(len(word)):
        if normalize(word[i:]) == stem:
            return word[i:]
    return stem


class Labels:
    """The term each surface counts under, and each term's label and counted spellings.

    Terms are numbered: ``term_of[i]`` is the term of ``surfaces[i]``, ``terms[t]`` its folded
    form (an Arrow array of str for words, a list of tuples for n-grams), ``label[t]`` how it
    is shown (the form without proclitics first, then the most frequent, then alphabetical)
    and ``forms[t]`` the most common spellings counted under it (both Arrow arrays).

    Args:
        surfaces: Every distinct counted form of the corpus (words as an Arrow array, or
            n-gram tuples).
        totals: How often each occurs in the whole corpus.
    """

    def __init__(self, surfaces: Sequence[tuple[str, ...]] | pa.Array, totals: np.ndarray) -> None:
        grams = not isinstance(surfaces, pa.Array) and len(surfaces) > 0
        self.terms: pa.Array | list[tuple[str, ...]]
        if grams:
            self.term_of, self.terms, clitic, shown = _grams(surfaces, totals)
        else:
            self.term_of, self.terms, clitic, shown = _words(surfaces, totals)
        ranked = _rank_forms(self.term_of, shown, np.asarray(clitic, bool), totals)
        self.label, self.forms = self._names(*ranked)
        if grams:
            self.label = pc.replace_substring(self.label, _SEP, " ")
            self.forms = pc.replace_substring(self.forms, _SEP, " ")

    def _names(
        self, term: np.ndarray, shown: pa.Array, clitic: np.ndarray
    ) -> tuple[pa.Array, pa.Array]:
        """Label and forms of each term from its ranked spellings (rows grouped by term, every
        term has a row)."""
        starts = np.flatnonzero(np.r_[True, term[1:] != term[:-1]]) if len(term) else term
        sizes = np.diff(np.r_[starts, len(term)])
        label = shown.take(pa.array(starts))
        forms = _joined_firsts(shown, starts, sizes)
        bare = starts[clitic[starts]]
        if len(bare):
            terms = self.terms
            groups = (
                terms.take(pa.array(term[bare])).to_pylist()
                if isinstance(terms, pa.Array)
                else [terms[t] for t in term[bare].tolist()]
            )
            written = shown.take(pa.array(bare)).to_pylist()
            known = _Stripped()
            stripped = [_bare(s, g, known) for s, g in zip(written, groups, strict=True)]
            mask = np.zeros(len(label), dtype=bool)
            mask[term[bare]] = True
            label = pc.replace_with_mask(label, pa.array(mask), pa.array(stripped, label.type))
        return label, forms


def _joined_firsts(shown: pa.Array, starts: np.ndarray, sizes: np.ndarray) -> pa.Array:
    """For each run of rows, its first ``_FORMS_SHOWN`` spellings joined with " · "."""
    if not len(starts):
        return pa.array([], type=pa.large_string())
    shown_sizes = np.minimum(sizes, _FORMS_SHOWN)
    rank = np.arange(len(shown)) - np.repeat(starts, sizes)
    offsets = pa.array(np.r_[0, np.cumsum(shown_sizes)].astype(np.int32))
    firsts = shown.filter(pa.array(rank < _FORMS_SHOWN)).cast(pa.string())
    return pc.binary_join(pa.ListArray.from_arrays(offsets, firsts), " · ")


def _numbered(groups: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """A number per distinct group (in order of first appearance) and the distinct groups."""
    encoded = pc.dictionary_encode(groups)
    return encoded.indices.to_numpy().astype(np.int64), encoded.dictionary


def _numbered_rows(columns: np.ndarray) -> np.ndarray:
    """A number per distinct row of an integer matrix, in order of first appearance."""
    width = int(columns.max()) + 1 if columns.size else 1
    number = columns[:, 0]
    for column in columns[:, 1:].T:
        # numbers stay below the row count, so the combined key never overflows
        number, _ = pd.factorize(number * width + column)
    return np.asarray(number, dtype=np.int64)


def _objects(items: Sequence) -> np.ndarray:
    return np.fromiter(items, dtype=object, count=len(items))


def _rank_forms(
    term: np.ndarray, shown: pa.Array, clitic: np.ndarray, totals: np.ndarray
) -> tuple[np.ndarray, pa.Array, np.ndarray]:
    """One row per (term, shown form), occurrences summed, sorted by term then rank."""
    encoded = pc.dictionary_encode(shown)
    # Arrow sorts UTF-8 bytes, which orders strings by code point exactly like Python
    by_text = pc.sort_indices(encoded.dictionary).to_numpy()
    alphabetical = np.empty(len(by_text), dtype=np.int64)
    alphabetical[by_text] = np.arange(len(by_text))
    width = max(len(by_text), 1)
    keys = term * width + alphabetical[encoded.indices.to_numpy()]
    if len(by_text) == len(shown):  # every spelling shown once: nothing to add up
        first, summed = np.arange(len(keys)), totals
    else:
        keys, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        summed = np.bincount(inverse, weights=totals, minlength=len(keys))
    order = sort_order(keys % width, -summed, clitic[first], keys // width)
    in_order = encoded.dictionary.take(pa.array(by_text[(keys % width)[order]]))
    return (keys // width)[order], in_order, clitic[first][order]


def _words(
    surfaces: Sequence[str] | pa.Array, totals: np.ndarray
) -> tuple[np.ndarray, pa.Array, np.ndarray, pa.Array]:
    folds = WordFolds(surfaces, totals)
    term_of, terms = _numbered(folds.folds)
    shown = _each(display_form, folds.words, changes=DISPLAY_CHANGES)
    return term_of, terms, folds.proclitics(), shown


def _grams(
    surfaces: Sequence[tuple[str, ...]], totals: np.ndarray
) -> tuple[np.ndarray, list[tuple[str, ...]], np.ndarray, pa.Array]:
    every = list(itertools.chain.from_iterable(surfaces))
    codes, distinct = pd.factorize(_objects(every), use_na_sentinel=False)
    codes = codes.reshape(len(surfaces), -1)
    # a word's occurrences are about those of the n-grams it begins
    begun = np.bincount(codes[:, 0], weights=totals, minlength=len(distinct))
    folds = WordFolds(list(distinct), begun)
    fold_of, folded = _numbered(folds.folds)
    term_of = _numbered_rows(fold_of[codes])
    _, first = np.unique(term_of, return_index=True)
    folded = np.array(folded.to_pylist(), dtype=object)
    terms = list(map(tuple, folded[fold_of[codes[first]]].tolist()))
    shown = _each(display_form, folds.words, changes=DISPLAY_CHANGES)
    # joined with a character no display form contains, so words split back exactly
    shown = shown.cast(pa.large_string())
    separator = pa.scalar(_SEP, type=pa.large_string())
    joined = pc.binary_join_element_wise(*(shown.take(pa.array(c)) for c in codes.T), separator)
    return term_of, terms, folds.proclitics()[codes].any(axis=1), joined


class _Stripped(dict):
    """(written word, stem) -> the written word without its proclitics, each pair worked out
    once (the words of n-grams recur in many of them)."""

    def __missing__(self, key: tuple[str, str]) -> str:
        self[key] = bare = _strip_word(*key)
        return bare


def _bare(shown: str, group: Surface, known: _Stripped) -> str:
    """The written words with their proclitics removed (وقال -> قال), spelling kept."""
    if isinstance(group, str):
        return known[shown, group]
    return _SEP.join([known[pair] for pair in zip(shown.split(_SEP), group, strict=True)])

"""Folding a corpus's counted forms into terms, and how each term is shown.

Each distinct written word is normalized and folded once, after the whole corpus is counted: a
clitic is peeled only when what remains is a word of the corpus or of khabar's dictionaries, and
never off a word the corpus also writes after the article (كلام, seen as الكلام, is not ك + لام).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar.clitics import ARTICLE
from khabar.counts.folding import fold_vocabulary, own_words
from khabar.lexicon import dictionary_words
from khabar.normalize import display_form, normalize
from khabar.wordlists import arabic_stopwords, protected_words

__all__ = ["Labels", "WordFolds"]

_FORMS_SHOWN = 4
_SEP = "\n"  # never inside a word: lets one C-level pass normalize a whole vocabulary

Surface = str | tuple[str, ...]


def _each(transform, words: Sequence[str]) -> list[str]:
    """``[transform(w) for w in words]`` in one call (transform keeps newlines, joins nothing)."""
    return transform(_SEP.join(words)).split(_SEP) if words else []


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

    ``norms[i]`` and ``folds[i]`` belong to ``words[i]`` (``folds`` is an Arrow array), which
    occurs ``totals[i]`` times.
    """

    def __init__(self, words: Sequence[str], totals: np.ndarray) -> None:
        self.words = words
        self.norms = _each(normalize, words)
        self._norms = pa.array(self.norms, type=pa.string())
        encoded = pc.dictionary_encode(self._norms)  # each distinct normalized word once
        distinct, code = encoded.dictionary, encoded.indices.to_numpy()
        seen = np.bincount(code, weights=totals, minlength=len(distinct)).astype(np.int64)
        folds = fold_vocabulary(
            distinct,
            vocabulary=_known_words(),
            protected=pa.concat_arrays([_never_peeled(), own_words(distinct, seen)]),
            function_words=_function_words(),
        )
        self.folds: pa.StringArray = folds.take(encoded.indices)

    @property
    def fold(self) -> dict[str, str]:
        """Normalized word -> folded form, for the words that fold."""
        return {n: f for n, f in zip(self.norms, self.folds.to_pylist(), strict=True) if n != f}

    def proclitics(self) -> np.ndarray:
        """True for each word carrying more than the article (والكرملين, not الكرملين)."""
        norms, folds = self._norms, self.folds
        with_article = pc.binary_join_element_wise(ARTICLE, folds, "")
        return pc.and_(pc.not_equal(norms, folds), pc.not_equal(norms, with_article)).to_numpy(
            zero_copy_only=False
        )


def _shortest(word: str) -> tuple[int, str]:
    return len(word), word


def _strip_word(word: str, stem: str) -> str:
    for i in range(len(word)):
        if normalize(word[i:]) == stem:
            return word[i:]
    return stem


class Labels:
    """The term each surface counts under, and each term's label and counted spellings.

    Terms are numbered: ``term_of[i]`` is the term of ``surfaces[i]``, ``terms[t]`` its folded
    form (a str, or a tuple for n-grams), ``label[t]`` how it is shown (the form without
    proclitics first, then the most frequent, then alphabetical) and ``forms[t]`` the most
    common spellings counted under it.

    Args:
        surfaces: Every distinct counted form of the corpus (words, or n-gram tuples).
        totals: How often each occurs in the whole corpus.
    """

    def __init__(self, surfaces: Sequence[Surface], totals: np.ndarray) -> None:
        grams = bool(surfaces) and isinstance(surfaces[0], tuple)
        words = _grams if grams else _words
        groups, clitic, shown = words(surfaces, totals)
        self.term_of, self.terms = _numbered(groups)
        ranked = _rank_forms(self.term_of, shown, np.asarray(clitic, bool), totals)
        self.label, self.forms = self._names(*ranked)
        if grams:
            self.label = np.array([s.replace(_SEP, " ") for s in self.label], dtype=object)
            self.forms = np.array([s.replace(_SEP, " ") for s in self.forms], dtype=object)

    def _names(
        self, term: np.ndarray, shown: np.ndarray, clitic: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Label and forms of each term from its ranked spellings (rows grouped by term)."""
        starts = np.flatnonzero(np.r_[True, term[1:] != term[:-1]]) if len(term) else term
        sizes = np.diff(np.r_[starts, len(term)])
        label = np.empty(len(self.terms), dtype=object)
        label[term[starts]] = shown[starts]
        forms = np.empty(len(self.terms), dtype=object)
        forms[term[starts]] = _joined_firsts(shown, starts, sizes)
        for start in starts[clitic[starts]].tolist():
            label[term[start]] = _bare(shown[start], self.terms[term[start]])
        return label, forms


def _joined_firsts(shown: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """For each run of rows, its first ``_FORMS_SHOWN`` spellings joined with " · "."""
    if not len(starts):
        return np.empty(0, dtype=object)
    shown_sizes = np.minimum(sizes, _FORMS_SHOWN)
    rank = np.arange(len(shown)) - np.repeat(starts, sizes)
    offsets = pa.array(np.r_[0, np.cumsum(shown_sizes)].astype(np.int32))
    firsts = pa.array(shown[rank < _FORMS_SHOWN], type=pa.string())
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, firsts), " · ")
    return joined.to_numpy(zero_copy_only=False)


def _numbered(groups: pa.Array | list) -> tuple[np.ndarray, list]:
    """A number per distinct group (in order of first appearance) and the distinct groups."""
    if isinstance(groups, pa.Array):
        encoded = pc.dictionary_encode(groups)
        return encoded.indices.to_numpy().astype(np.int64), encoded.dictionary.to_pylist()
    codes, uniques = pd.factorize(_objects(groups), use_na_sentinel=False)
    return codes, list(uniques)


def _objects(items: Sequence) -> np.ndarray:
    return np.fromiter(items, dtype=object, count=len(items))


def _rank_forms(
    term: np.ndarray, shown: Sequence[str], clitic: np.ndarray, totals: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per (term, shown form), occurrences summed, sorted by term then rank."""
    encoded = pc.dictionary_encode(pa.array(shown, type=pa.string()))
    # Arrow sorts UTF-8 bytes, which orders strings by code point exactly like Python
    by_text = pc.sort_indices(encoded.dictionary).to_numpy()
    alphabetical = np.empty(len(by_text), dtype=np.int64)
    alphabetical[by_text] = np.arange(len(by_text))
    width = max(len(by_text), 1)
    keys, first, inverse = np.unique(
        term * width + alphabetical[encoded.indices.to_numpy()],
        return_index=True,
        return_inverse=True,
    )
    summed = np.bincount(inverse, weights=totals, minlength=len(keys))
    order = np.lexsort((keys % width, -summed, clitic[first], keys // width))
    in_order = encoded.dictionary.take(pa.array(by_text)).to_numpy(zero_copy_only=False)
    return (keys // width)[order], in_order[(keys % width)[order]], clitic[first][order]


def _words(surfaces: Sequence[str], totals: np.ndarray) -> tuple[pa.Array, np.ndarray, list]:
    folds = WordFolds(surfaces, totals)
    return folds.folds, folds.proclitics(), _each(display_form, surfaces)


def _grams(surfaces: Sequence[tuple[str, ...]], totals: np.ndarray) -> tuple[list, list, list]:
    first = pd.Series(totals).groupby([s[0] for s in surfaces], sort=False).sum()
    words = list({w for surface in surfaces for w in surface})
    # a word's occurrences are about those of the n-grams it begins
    folds = WordFolds(words, first.reindex(words, fill_value=0).to_numpy())
    shown = dict(zip(words, _each(display_form, words), strict=True))
    folded = dict(zip(words, folds.folds.to_pylist(), strict=True))
    proclitic = dict(zip(words, folds.proclitics().tolist(), strict=True))
    groups = [tuple(map(folded.__getitem__, s)) for s in surfaces]
    clitic = [any(map(proclitic.__getitem__, s)) for s in surfaces]
    # joined with a character no display form contains, so words split back exactly
    return groups, clitic, [_SEP.join(shown[w] for w in s) for s in surfaces]


def _bare(shown: str, group: Surface) -> str:
    """The written words with their proclitics removed (وقال -> قال), spelling kept."""
    if isinstance(group, str):
        return _strip_word(shown, group)
    return _SEP.join(_strip_word(w, g) for w, g in zip(shown.split(_SEP), group, strict=True))

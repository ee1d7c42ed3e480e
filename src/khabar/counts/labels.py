"""Folding a corpus's counted forms into terms, and how each term is shown.

Each distinct written word is normalized and folded once, after the whole corpus is counted: a
clitic is peeled only when what remains is a word of the corpus or of khabar's dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar.clitics import ARTICLE
from khabar.counts.folding import fold_vocabulary
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


class WordFolds:
    """For every written word of the corpus: its normalized form and the form it counts under."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = words
        self.norms = _each(normalize, words)
        distinct = list(set(self.norms))
        self.fold: dict[str, str] = fold_vocabulary(
            distinct,
            vocabulary=set(distinct) | dictionary_words() | arabic_stopwords(),
            protected=protected_words(),
            function_words=arabic_stopwords(),
        )

    @property
    def norm(self) -> dict[str, str]:
        """Written word -> normalized form."""
        return dict(zip(self.words, self.norms, strict=True))

    def folded(self, norm: str) -> str:
        """The form a normalized word counts under."""
        return self.fold.get(norm, norm)

    def has_proclitic(self, norm: str) -> bool:
        """True when a word carries more than the article (والكرملين, not الكرملين)."""
        folded = self.fold.get(norm, norm)
        return norm != folded and norm != ARTICLE + folded


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
        groups, clitic, shown = _grams(surfaces) if grams else _words(surfaces)
        self.term_of, uniques = pd.factorize(_objects(groups), use_na_sentinel=False)
        self.terms = list(uniques)
        ranked = _rank_forms(self.term_of, _objects(shown), np.asarray(clitic, bool), totals)
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
        forms = label.copy()
        spelled = shown.tolist()
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            forms[term[start]] = " · ".join(spelled[start : start + min(size, _FORMS_SHOWN)])
        for start in starts[clitic[starts]].tolist():
            label[term[start]] = _bare(shown[start], self.terms[term[start]])
        return label, forms


def _objects(items: Sequence) -> np.ndarray:
    return np.fromiter(items, dtype=object, count=len(items))


def _rank_forms(
    term: np.ndarray, shown: np.ndarray, clitic: np.ndarray, totals: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per (term, shown form), occurrences summed, sorted by term then rank."""
    shown_code, shown_forms = pd.factorize(shown)
    alphabetical = np.empty(len(shown_forms), dtype=np.int64)
    # Arrow sorts UTF-8 bytes, which orders strings by code point exactly like Python
    by_text = pc.sort_indices(pa.array(np.asarray(shown_forms, dtype=object), type=pa.string()))
    alphabetical[by_text.to_numpy()] = np.arange(len(shown_forms))
    width = max(len(shown_forms), 1)
    keys, first, inverse = np.unique(
        term * width + alphabetical[shown_code], return_index=True, return_inverse=True
    )
    summed = np.bincount(inverse, weights=totals, minlength=len(keys))
    order = np.lexsort((keys % width, -summed, clitic[first], keys // width))
    return (keys // width)[order], shown[first][order], clitic[first][order]


def _words(surfaces: Sequence[str]) -> tuple[list, np.ndarray, list]:
    folds = WordFolds(surfaces)
    norms = folds.norms
    groups = list(map(folds.fold.get, norms, norms))
    clitic = np.zeros(len(norms), dtype=bool)
    folded = np.flatnonzero(_objects(norms) != _objects(groups)).tolist()
    clitic[folded] = [norms[i] != ARTICLE + groups[i] for i in folded]
    return groups, clitic, _each(display_form, surfaces)


def _grams(surfaces: Sequence[tuple[str, ...]]) -> tuple[list, list, list]:
    words = list({w for surface in surfaces for w in surface})
    folds = WordFolds(words)
    shown = dict(zip(words, _each(display_form, words), strict=True))
    norm = folds.norm
    groups = [tuple(folds.folded(norm[w]) for w in s) for s in surfaces]
    clitic = [any(folds.has_proclitic(norm[w]) for w in s) for s in surfaces]
    # joined with a character no display form contains, so words split back exactly
    return groups, clitic, [_SEP.join(shown[w] for w in s) for s in surfaces]


def _bare(shown: str, group: Surface) -> str:
    """The written words with their proclitics removed (وقال -> قال), spelling kept."""
    if isinstance(group, str):
        return _strip_word(shown, group)
    return _SEP.join(_strip_word(w, g) for w, g in zip(shown.split(_SEP), group, strict=True))

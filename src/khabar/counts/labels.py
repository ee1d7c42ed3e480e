"""Folding a corpus's counted forms into terms, and how each term is shown.

Each distinct written word is normalized and folded once, after the whole corpus is counted: a
clitic is peeled only when what remains is a word of the corpus or of khabar's dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from khabar.clitics import ARTICLE, CLITIC_LETTERS, Folder, stems
from khabar.lexicon import dictionary_words
from khabar.normalize import display_form, normalize
from khabar.wordlists import arabic_stopwords, protected_words

__all__ = ["Labels", "WordFolds"]

_FORMS_SHOWN = 4
#: First letters of words that may carry a proclitic (a clitic letter or the article).
_PEELABLE = frozenset(CLITIC_LETTERS + ARTICLE[0])
_SEP = "\n"  # never inside a word: lets one C-level pass normalize a whole vocabulary

Surface = str | tuple[str, ...]


@cache
def _word_stems(norm: str) -> tuple[str, ...]:
    return stems(norm, protected=protected_words(), function_words=arabic_stopwords())


def _each(transform, words: Sequence[str]) -> list[str]:
    """``[transform(w) for w in words]`` in one call (transform keeps newlines, joins nothing)."""
    return transform(_SEP.join(words)).split(_SEP) if words else []


class WordFolds:
    """For every written word of the corpus: its normalized form and the form it counts under."""

    def __init__(self, words: Sequence[str]) -> None:
        self.norms = _each(normalize, words)
        self.norm = dict(zip(words, self.norms, strict=True))
        distinct = set(self.norms)
        vocabulary = distinct | dictionary_words() | arabic_stopwords()
        folder = Folder(vocabulary.__contains__, stems_of=_word_stems)
        self.fold = {n: folder.fold(n) for n in distinct if n[:1] in _PEELABLE}

    def folded(self, norm: str) -> str:
        """The form a normalized word counts under."""
        return self.fold.get(norm, norm)

    def has_proclitic(self, norm: str) -> bool:
        """True when a word carries more than the article (والكرملين, not الكرملين)."""
        folded = self.fold.get(norm, norm)
        return norm != folded and norm != ARTICLE + folded


def _strip_word(word: str, stem: str) -> str:
    for i in range(len(word)):
        if normalize(word[i:]) == stem:
            return word[i:]
    return stem


class Labels:
    """The term each surface counts under, and each term's label and counted spellings.

    Args:
        surfaces: Every distinct counted form of the corpus (words, or n-gram tuples).
        totals: How often each occurs in the whole corpus.
    """

    def __init__(self, surfaces: Sequence[Surface], totals: Sequence[int]) -> None:
        if surfaces and isinstance(surfaces[0], tuple):
            self._grams(surfaces)
        else:
            self._words(surfaces)
        forms: dict = {}  # term -> {shown form: [has a proclitic, occurrences]}
        for group, shown, clitic, n in zip(
            self.group_of, self._shown, self._clitic, totals, strict=True
        ):
            entries = forms.setdefault(group, {})
            entry = entries.get(shown)
            if entry is None:
                entries[shown] = [clitic, n]
            else:
                entry[1] += n
        self.label: dict = {}
        self.forms: dict = {}
        for group, entries in forms.items():
            ranked = sorted(entries, key=lambda s: (entries[s][0], -entries[s][1], s))
            best = ranked[0]
            label = self._bare(best, group) if entries[best][0] else best
            self.label[group] = label.replace(_SEP, " ")
            self.forms[group] = " · ".join(ranked[:_FORMS_SHOWN]).replace(_SEP, " ")
        del self._shown, self._clitic

    def _words(self, surfaces: Sequence[str]) -> None:
        folds = WordFolds(surfaces)
        self.group_of = [folds.folded(n) for n in folds.norms]
        self._clitic = [folds.has_proclitic(n) for n in folds.norms]
        self._shown = _each(display_form, surfaces)

    def _grams(self, surfaces: Sequence[tuple[str, ...]]) -> None:
        words = list({w for surface in surfaces for w in surface})
        folds = WordFolds(words)
        shown = dict(zip(words, _each(display_form, words), strict=True))
        norm = folds.norm
        self.group_of = [tuple(folds.folded(norm[w]) for w in s) for s in surfaces]
        self._clitic = [any(folds.has_proclitic(norm[w]) for w in s) for s in surfaces]
        # joined with a character no display form contains, so words split back exactly
        self._shown = [_SEP.join(shown[w] for w in s) for s in surfaces]

    def _bare(self, shown: str, group: Surface) -> str:
        """The written words with their proclitics removed (وقال -> قال), spelling kept."""
        if isinstance(group, str):
            return _strip_word(shown, group)
        return _SEP.join(_strip_word(w, g) for w, g in zip(shown.split(_SEP), group, strict=True))

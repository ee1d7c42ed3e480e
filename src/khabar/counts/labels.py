"""Folding a corpus's counted forms into terms, and how each term is shown.

Each distinct written word is normalized and folded once, after the whole corpus is counted: a
clitic is peeled only when what remains is a word of the corpus or of khabar's dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from khabar.clitics import ARTICLE, CLITIC_LETTERS, Folder, stems
from khabar.lexicon import dictionary_words
from khabar.normalize import display_form, normalize
from khabar.wordlists import arabic_stopwords, protected_words

__all__ = ["Labels", "WordFolds"]

_FORMS_SHOWN = 4
#: First letters of words that may carry a proclitic (a clitic letter or the article).
_PEELABLE = frozenset(CLITIC_LETTERS + ARTICLE[0])

Surface = str | tuple[str, ...]


@cache
def _word_stems(norm: str) -> tuple[str, ...]:
    if norm[:1] not in _PEELABLE:
        return ()
    return stems(norm, protected=protected_words(), function_words=arabic_stopwords())


def _as_tuple(surface: Surface) -> tuple[str, ...]:
    return surface if isinstance(surface, tuple) else (surface,)


def _words_of(surfaces: Iterable[Surface]) -> set[str]:
    words: set[str] = set()
    for surface in surfaces:
        if isinstance(surface, tuple):
            words.update(surface)
        else:
            words.add(surface)
    return words


class WordFolds:
    """For every written word of the corpus: its normalized form and the form it counts under."""

    def __init__(self, words: set[str]) -> None:
        self.norm = dict(zip(words, map(normalize, words), strict=True))
        norms = set(self.norm.values())
        vocabulary = norms | dictionary_words() | arabic_stopwords()
        folder = Folder(vocabulary.__contains__, stems_of=_word_stems)
        self.fold = {n: folder.fold(n) for n in norms}

    def group(self, surface: Surface) -> Surface:
        """The counted form: a str for a word, a tuple for an n-gram."""
        if isinstance(surface, str):
            return self.fold[self.norm[surface]]
        return tuple(self.fold[self.norm[w]] for w in surface)

    def has_proclitic(self, words: tuple[str, ...]) -> bool:
        """True when a word carries more than the article (والكرملين, not الكرملين)."""
        for word in words:
            norm = self.norm.get(word)
            if norm is None:
                norm = normalize(word)
            folded = self.fold.get(norm, norm)
            if norm != folded and norm != ARTICLE + folded:
                return True
        return False


def _shown(surface: Surface) -> tuple[str, ...]:
    """How a counted form is shown, word by word: as written, minus bidi controls and
    presentation forms (a ligature such as ﷺ may show as several words)."""
    return tuple(display_form(w) for w in _as_tuple(surface))


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
        self.folds = WordFolds(_words_of(surfaces))
        self.group_of = [self.folds.group(s) for s in surfaces]
        forms: dict = defaultdict(list)  # term -> [(shown words, occurrences)]
        for surface, group, n in zip(surfaces, self.group_of, totals, strict=True):
            forms[group].append((_shown(surface), n))
        self.label: dict = {}
        self.forms: dict = {}
        for group, entries in forms.items():
            ranked = self._ranked(entries) if len(entries) > 1 else entries
            best = ranked[0][0]
            words = best if self.folds.has_proclitic(best) is False else self._bare(best, group)
            self.label[group] = " ".join(words)
            self.forms[group] = " · ".join(" ".join(form) for form, _ in ranked[:_FORMS_SHOWN])

    def _ranked(self, entries: list) -> list[tuple[tuple[str, ...], int]]:
        """Forms without proclitics first, then the most frequent, then alphabetical."""
        merged: dict[tuple[str, ...], int] = defaultdict(int)
        for shown, n in entries:
            merged[shown] += n
        has = self.folds.has_proclitic
        return sorted(merged.items(), key=lambda item: (has(item[0]), -item[1], " ".join(item[0])))

    @staticmethod
    def _bare(words: tuple[str, ...], group: Surface) -> tuple[str, ...]:
        """The written words with their proclitics removed (وقال -> قال), spelling kept."""
        return tuple(_strip_word(w, g) for w, g in zip(words, _as_tuple(group), strict=True))

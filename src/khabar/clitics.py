"""Seeing through Arabic proclitics: و ف ب ل ك and the article ال.

A normalized word has a set of *stems*: what remains after peeling clitics off its front
(والكرملين -> الكرملين -> كرملين; للبيت -> البيت -> بيت). Stems are a property of the word
alone, so they can be computed anywhere (per batch, per Dask partition); which stem a word
folds to is decided once the vocabulary is known: the shortest stem that is itself a word.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

__all__ = ["CLITIC_LETTERS", "MIN_STEM", "Folder", "stems"]

CLITIC_LETTERS = "وفبلك"
#: Shortest remainder (in letters) a clitic may leave; shorter only for known function words.
MIN_STEM = 3
_ARTICLE = "ال"


def _one_step(word: str) -> list[str]:
    """Every form one clitic shorter than ``word``."""
    out = []
    if word.startswith("لل") and len(word) > 3:
        out.append(_ARTICLE + word[2:])  # ل + ال + X is written للX
        out.append(_ARTICLE + word[1:])  # ل + ال + لX is written للX as well
    if word.startswith(_ARTICLE) and len(word) - 2 >= 2:
        out.append(word[2:])
    if word[:1] in CLITIC_LETTERS:
        out.append(word[1:])
    return out


def stems(
    word: str, *, protected: Collection[str] = (), function_words: Collection[str] = ()
) -> tuple[str, ...]:
    """All forms reachable by peeling clitics off ``word`` (not including ``word``).

    Args:
        word: A normalized word.
        protected: Words that are never peeled (وزير, كما ...): they are words in their own right.
        function_words: Short words a clitic may leave behind although shorter than MIN_STEM.
    """
    found: list[str] = []
    frontier = [word]
    while frontier:
        current = frontier.pop()
        if current in protected:
            continue
        for stem in _one_step(current):
            if stem in found:
                continue
            if len(stem) >= MIN_STEM or stem in function_words:
                found.append(stem)
                frontier.append(stem)
    return tuple(found)


class Folder:
    """Maps normalized words to the form they are counted under, given a vocabulary.

    Args:
        is_word: True for forms that are words (seen standalone in the corpus, or in a lexicon).
        stems_of: The stems of a word (``stems`` with the protected and function words bound).
    """

    def __init__(
        self, is_word: Callable[[str], bool], *, stems_of: Callable[[str], tuple[str, ...]]
    ) -> None:
        self._is_word = is_word
        self._stems = stems_of

    def fold(self, word: str) -> str:
        """The shortest stem of ``word`` that is a word, else ``word`` itself."""
        best = word
        for stem in self._stems(word):
            if self._is_word(stem) and (len(stem), stem) < (len(best), best):
                best = stem
        return best

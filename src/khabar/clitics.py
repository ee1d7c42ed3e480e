"""Seeing through Arabic proclitics: و ف ب ل ك and the article ال.

A normalized word has a set of *stems*: what remains after peeling clitics off its front
(والكرملين -> الكرملين -> كرملين; للبيت -> البيت -> بيت). Stems are a property of the word
alone, so they can be computed anywhere (per batch, per Dask partition); which stem a word
folds to is decided once the vocabulary is known: the shortest stem that is itself a word.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

__all__ = [
    "ARTICLE",
    "ARTICLE_PREFIXES",
    "CLITIC_LETTERS",
    "CONJUNCTIONS",
    "MIN_STEM",
    "PREPOSITIONS",
    "PROCLITICS",
    "Folder",
    "stems",
]

#: The one clitic table of the package: every module that peels or recognises clitics uses these.
CONJUNCTIONS = "وف"
PREPOSITIONS = "بكل"
CLITIC_LETTERS = CONJUNCTIONS + PREPOSITIONS
ARTICLE = "ال"
#: Every proclitic cluster written before a word (without the article): و، ب، وب، فل ...
PROCLITICS = frozenset(
    [""] + list(CLITIC_LETTERS) + [c + p for c in CONJUNCTIONS for p in PREPOSITIONS]
)
#: The article with whatever may stand before it, longest first (ل + ال is written لل).
ARTICLE_PREFIXES = tuple(
    sorted(
        {p[:-1] + "لل" if p.endswith("ل") else p + ARTICLE for p in PROCLITICS},
        key=lambda prefix: (-len(prefix), prefix),
    )
)
#: Shortest remainder (in letters) a clitic may leave; shorter only for known function words.
MIN_STEM = 3
_ARTICLE = ARTICLE


_CONJ, _PREP, _ART = 1, 2, 3  # how far along و/ف + ب/ك/ل + ال a word has been peeled


def _one_step(word: str, level: int) -> list[tuple[str, int]]:
    """Forms one clitic shorter than ``word``, in the order Arabic attaches them."""
    out = []
    if level < _PREP and word.startswith("لل") and len(word) > 3:
        out.append((_ARTICLE + word[2:], _PREP))  # ل + ال + X is written للX
        out.append((_ARTICLE + word[1:], _PREP))  # ل + ال + لX is written للX as well
    if level < _ART and word.startswith(_ARTICLE) and len(word) - 2 >= 2:
        out.append((word[2:], _ART))
    if level < _CONJ and word[:1] in CONJUNCTIONS:
        out.append((word[1:], _CONJ))
    if level < _PREP and word[:1] in PREPOSITIONS:
        out.append((word[1:], _PREP))
    return out


def stems(
    word: str, *, protected: Collection[str] = (), function_words: Collection[str] = ()
) -> tuple[str, ...]:
    """All forms reachable by peeling clitics off ``word`` (not including ``word``).

    Clitics are peeled in the order Arabic writes them: a conjunction (و ف), then a
    preposition (ب ك ل), then the article (ال); nothing is peeled after the article.

    Args:
        word: A normalized word.
        protected: Words that are never peeled (وزير, كما ...): they are words in their own right.
        function_words: Short words a clitic may leave behind although shorter than MIN_STEM.
    """
    found: list[str] = []
    frontier = [(word, 0)]
    while frontier:
        current, level = frontier.pop()
        if current in protected:
            continue
        for stem, next_level in _one_step(current, level):
            if stem not in found and (len(stem) >= MIN_STEM or stem in function_words):
                found.append(stem)
                frontier.append((stem, next_level))
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

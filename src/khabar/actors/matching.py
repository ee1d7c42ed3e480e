"""Longest dictionary phrases in a document, looked up from the words that can start them.

The first word of a phrase may carry proclitics (وبوتين، لوكالة، للبيت الأبيض); the rest must
match as they stand, with only spaces, quotes and hyphens between. Which words can start a
phrase is decided once per distinct spelling, with the words that must follow it when it is
no phrase alone (علي، إن), so a document costs one dictionary lookup and one set lookup per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, repeat
from typing import Any, NamedTuple

from khabar.actors.document import Doc
from khabar.clitics import ARTICLE, stems
from khabar.lexicon import KEYS_SEEN
from khabar.wordlists import protected_words

__all__ = ["Match", "PhraseTrie", "soft_gap"]

_SOFT_GAP_RE = re.compile(r"[\s\"'“”«»„\-–—ـ]*")
_END = None  # trie key that marks a complete phrase
_STARTS, _WATCHED, _ALONE = 1, 2, 4  # _ALONE: a start that is a phrase by itself


def _peelable(key: str) -> list[str]:
    """Every form clitics could leave of ``key`` (a superset of ``clitics.stems``)."""
    out = [key[n:] for n in range(1, min(len(key) - 1, 5))]
    if key.startswith("لل"):
        out += [ARTICLE + key[2:], ARTICLE + key[1:]]
    return out


class Match(NamedTuple):
    """Words ``first`` to ``last`` (inclusive) hold a phrase standing for ``value``."""

    first: int
    last: int
    value: Any


def soft_gap(gap: str) -> bool:
    """Only spaces, quotes and hyphens: words on either side may belong to one name."""
    return gap == " " or _SOFT_GAP_RE.fullmatch(gap) is not None


class PhraseTrie:
    """Phrases (tuples of match keys) and what they stand for; the first value of a key wins."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], Any]]) -> None:
        self._trie: dict = {}
        for key, value in phrases:
            if key:
                node = self._trie
                for part in key:
                    node = node.setdefault(part, {})
                node.setdefault(_END, value)
        self._protected = protected_words()
        self._roots: dict[str, tuple[str, ...]] = {}
        # key -> _STARTS (a key with roots, of the first ``_seen`` of KEYS_SEEN) | _WATCHED
        self._marks: dict[str, int] = {}
        self._seen = 0
        self.watched: frozenset[str] = frozenset()
        # phrase-initial key -> the words that may follow it there (none read when it is a
        # phrase alone: _ALONE)
        self._next: dict[str, frozenset[str]] = {}

    def roots(self, key: str) -> tuple[str, ...]:
        """Phrase-initial words ``key`` is, clitics peeled (لبوتين -> بوتين)."""
        roots = self._roots.get(key)
        if roots is None:
            trie = self._trie
            if any(rest in trie for rest in _peelable(key)):
                # A clitic may leave a two-letter name (وري -> ري) when the dictionary has it.
                peeled = stems(key, protected=self._protected, function_words=trie.keys())
                roots = tuple(f for f in (key, *peeled) if f in trie)
            else:
                roots = (key,) if key in trie else ()
            self._roots[key] = roots
            if roots:
                nodes = [trie[root] for root in roots]
                ends = any(_END in node for node in nodes)
                self._next[key] = frozenset() if ends else frozenset().union(*nodes)
                self._marks[key] = self._marks.get(key, 0) | _STARTS | (_ALONE if ends else 0)
        return roots

    def _classify_new_keys(self) -> None:
        """Decide the roots of every key read since the last call (a set lookup per word
        afterwards, on a set small enough to stay in the processor's cache)."""
        seen = len(KEYS_SEEN)
        for key in KEYS_SEEN[self._seen : seen]:
            self.roots(key)
        self._seen = seen

    def watch(self, words: frozenset[str]) -> None:
        """Also report where ``words`` stand (``scan``), in the same pass over a document."""
        for word in self.watched:
            self._marks[word] &= ~_WATCHED
        for word in words:
            self._marks[word] = self._marks.get(word, 0) | _WATCHED
        self.watched = words

    def scan(self, doc: Doc) -> tuple[list[int], list[int]]:
        """Positions of the words that may start a phrase (and, when no phrase is that word
        alone, are followed by a word that continues one), and of the watched words."""
        if self._seen < len(KEYS_SEEN):
            self._classify_new_keys()
        keys, follow, last = doc.keys, self._next, len(doc.keys) - 1
        marks = list(map(self._marks.get, keys, repeat(0)))
        starts, watched = [], []
        for i in compress(range(len(keys)), marks):
            mark = marks[i]
            if mark & _WATCHED:
                watched.append(i)
            if mark & _ALONE or (mark & _STARTS and i < last and keys[i + 1] in follow[keys[i]]):
                starts.append(i)
        return starts, watched

    def starts(self, doc: Doc) -> list[int]:
        """Positions of the words that may start a phrase (see ``scan``)."""
        return self.scan(doc)[0]

    def longest_at(self, doc: Doc, i: int) -> Match | None:
        """The longest phrase starting at word ``i``."""
        keys, parts, last, best = doc.keys, doc.parts, len(doc.keys) - 1, None
        for root in self._roots[keys[i]]:
            node, j = self._trie[root], i
            while True:
                if _END in node and (best is None or j > best.last):
                    best = Match(i, j, node[_END])
                if j == last or (key := keys[j + 1]) not in node:
                    break
                gap = parts[2 * j + 2]
                if gap != " " and _SOFT_GAP_RE.fullmatch(gap) is None:
                    break
                node, j = node[key], j + 1
        return best

    def find(self, doc: Doc) -> list[Match]:
        """Non-overlapping longest matches, left to right."""
        return self.find_watched(doc)[0]

    def find_watched(self, doc: Doc) -> tuple[list[Match], list[int]]:
        """``find`` and the positions of the watched words."""
        found: list[Match] = []
        after = -1
        longest_at = self.longest_at
        starts, watched = self.scan(doc)
        for i in starts:
            if i > after and (match := longest_at(doc, i)) is not None:
                found.append(match)
                after = match.last
        return found, watched

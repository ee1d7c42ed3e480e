"""Longest dictionary phrases in a document, looked up from the words that can start them.

The first word of a phrase may carry proclitics (وبوتين، لوكالة، للبيت الأبيض); the rest must
match as they stand, with only spaces, quotes and hyphens between. Which words can start a
phrase is decided once per distinct spelling, so a document costs one set lookup per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from khabar.actors.document import Doc
from khabar.clitics import stems
from khabar.wordlists import protected_words

__all__ = ["Match", "PhraseTrie", "soft_gap"]

_SOFT_GAP_RE = re.compile(r"[\s\"'“”«»„\-–—ـ]*")
_END = None  # trie key that marks a complete phrase


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
        self._starts: set[str] = set()

    def roots(self, key: str) -> tuple[str, ...]:
        """Phrase-initial words ``key`` is, clitics peeled (لبوتين -> بوتين)."""
        roots = self._roots.get(key)
        if roots is None:
            # A clitic may leave a two-letter name (وري -> ري) when the dictionary has it.
            peeled = stems(key, protected=self._protected, function_words=self._trie.keys())
            roots = tuple(f for f in (key, *peeled) if f in self._trie)
            self._roots[key] = roots
            if roots:
                self._starts.add(key)
        return roots

    def starts(self, doc: Doc) -> list[int]:
        """Positions of the words that may start a phrase."""
        for key in set(doc.keys).difference(self._roots):
            self.roots(key)
        starts = self._starts
        return [i for i, key in enumerate(doc.keys) if key in starts]

    def longest_at(self, doc: Doc, i: int) -> Match | None:
        """The longest phrase starting at word ``i``."""
        keys, best = doc.keys, None
        for root in self.roots(keys[i]):
            node, j = self._trie[root], i
            while True:
                if _END in node and (best is None or j > best.last):
                    best = Match(i, j, node[_END])
                nxt = j + 1
                if nxt >= len(keys) or keys[nxt] not in node or not soft_gap(doc.gap(nxt)):
                    break
                node, j = node[keys[nxt]], nxt
        return best

    def find(self, doc: Doc) -> list[Match]:
        """Non-overlapping longest matches, left to right."""
        found: list[Match] = []
        after = -1
        for i in self.starts(doc):
            if i > after and (match := self.longest_at(doc, i)) is not None:
                found.append(match)
                after = match.last
        return found

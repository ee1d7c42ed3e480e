"""Tokens with character offsets, sentences and n-grams."""

from __future__ import annotations

import bisect
import contextlib
import functools
import operator
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from khabar.normalize import DIACRITICS, FORMAT_CHARS, normalize

__all__ = [
    "WORD_RE",
    "Span",
    "Token",
    "ngrams",
    "norm_of",
    "sentence_index",
    "sentence_numbers",
    "sentences",
    "shared_tokens",
    "tokenize",
]

_INNER = re.escape(DIACRITICS + FORMAT_CHARS)
#: A word: letters and digits of any script, with the marks and invisible characters that sit
#: inside Arabic words. Punctuation and hyphens separate words. (One character class keeps the
#: regex as fast as a bare ``\w+``.)
WORD_RE = re.compile(rf"[\w{_INNER}]+")
_NORMS_LIMIT = 2_000_000
#: One sentence per match: what is skipped before it (spaces, quotes, brackets, dashes), then
#: its text (group 1) up to a line break, or through its end mark: ! ? ؟ ؛ … or a full stop
#: that is not a decimal point.
_SENTENCE_RE = re.compile(
    r"[\s\"'“”«»)\]\-–—]*"
    r"([^!?؟؛….\n]*(?:\.(?=\d)[^!?؟؛….\n]*)*(?:[!?؟؛…]+|\.)?)"
)


class Token(NamedTuple):
    """A word as written (``text``), its normalized form and its offsets in the source."""

    text: str
    norm: str
    start: int
    end: int


class Span(NamedTuple):
    """A stretch of a text: ``text[start:end]``."""

    start: int
    end: int


class _Norms(dict[str, str]):
    """surface -> normalize(surface): words repeat, so each is normalized once."""

    def __missing__(self, surface: str) -> str:
        if len(self) > _NORMS_LIMIT:
            self.clear()
        self[surface] = norm = normalize(surface)
        return norm


_NORMS = _Norms()
#: The normalized form of a word as written, computed once per distinct spelling (one cache
#: for every analysis; a bound method, so that ``map`` runs it at C speed).
norm_of = _NORMS.__getitem__
_NEW_TOKEN = functools.partial(tuple.__new__, Token)
_NEW_SPAN = functools.partial(tuple.__new__, Span)
_SENTENCE = operator.methodcaller("span", 1)


_START = operator.itemgetter(2)  # Token.start
_SHARED: list[dict[str, list[Token]]] = []


@contextlib.contextmanager
def shared_tokens() -> Iterator[None]:
    """Tokenize each distinct text once while the block runs, for every analysis in it.

    For several analyses of one corpus in one process (``find_actors`` then ``find_sources``):
    later analyses get the token lists of the first. Holds every token of every text seen
    until the block ends (about 100 bytes per word), and the lists must not be modified.
    """
    _SHARED.append({})
    try:
        yield
    finally:
        _SHARED.pop()


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens; offsets index into ``text`` itself.

    Arabic, Latin and digits are all tokens (CNN, 2019); hyphens split (جونغ-أون). A token
    made only of Quranic annotation letters has an empty ``norm``.
    """
    if _SHARED:
        shared = _SHARED[-1]
        tokens = shared.get(text)
        if tokens is None:
            tokens = shared[text] = _split(text)
        return tokens
    return _split(text)


def _split(text: str) -> list[Token]:
    # C-level passes over the matches: no Python frame per token
    matches = list(WORD_RE.finditer(text))
    surfaces = list(map(re.Match.group, matches))
    norms = list(map(norm_of, surfaces))
    starts, ends = map(re.Match.start, matches), map(re.Match.end, matches)
    tokens = list(map(_NEW_TOKEN, zip(surfaces, norms, starts, ends, strict=True)))
    if "" in norms:  # a stray bidi mark is not a word; Quranic annotation letters are
        tokens = [t for t in tokens if t.norm or any(c.isalnum() for c in t.text)]
    return tokens


def sentences(text: str) -> list[Span]:
    """Sentence spans: ends at . ! ? ؟ ؛ … and line breaks (not at the Arabic comma ،)."""
    spans = list(map(_NEW_SPAN, map(_SENTENCE, _SENTENCE_RE.finditer(text))))
    while spans and spans[-1].start == spans[-1].end:  # only matches at the end are empty
        spans.pop()
    if spans and spans[-1].end == len(text):  # the last sentence has no end mark
        spans[-1] = Span(spans[-1].start, len(text.rstrip()))
    return spans


def sentence_numbers(tokens: Sequence[Token], spans: Sequence[Span]) -> list[int]:
    """The sentence number of every token (as ``sentence_index(spans)(token.start)``)."""
    starts = np.fromiter((s.start for s in spans), dtype=np.int64, count=len(spans))
    offsets = np.fromiter(map(_START, tokens), dtype=np.int64, count=len(tokens))
    return np.maximum(np.searchsorted(starts, offsets, side="right") - 1, 0).tolist()


def sentence_index(spans: Sequence[Span]) -> _SentenceLookup:
    """A lookup from character offset to sentence number."""
    return _SentenceLookup([s.start for s in spans])


class _SentenceLookup:
    def __init__(self, starts: list[int]) -> None:
        self._starts = starts

    def __call__(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)


def ngrams(items: Sequence[str], n: int) -> Iterator[tuple[str, ...]]:
    """Consecutive n-tuples of ``items``."""
    return zip(*(items[i:] for i in range(n)), strict=False)

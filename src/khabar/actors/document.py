"""One document as parallel lists: the words as written, their match keys, the text between.

The same words as ``khabar.tokenize``, read with one C-level regex split instead of a Python
object per token: ``parts`` alternates the text before a word and the word, so gaps are list
items and offsets a running sum. Keys and normalized forms come from the caches every analysis
shares (``lexicon.key_of``, ``tokens.norm_of``), once per distinct spelling.
"""

from __future__ import annotations

import bisect
import contextlib
import operator
import re
from collections.abc import Iterator
from itertools import accumulate, compress

from khabar.lexicon import key_of
from khabar.tokens import WORD_RE, norm_of

__all__ = ["Doc", "doc_of", "sentence_starts", "shared_doc", "shared_docs"]

_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
#: The sentence ends of ``khabar.sentences`` (. ! ? ؟ ؛ … and line breaks), found from their
#: first character so that the regex engine skips ahead at C speed, with what may follow an
#: end before the next sentence starts.
_SENTENCE_END_RE = re.compile(r"[!?؟؛….\n](?:(?<=[!?؟؛…])[!?؟؛…]*|(?<=\.)(?!\d)|(?<=\n)\s*)")
_SKIP_RE = re.compile(r"[\s\"'“”«»)\]\-–—]*")
_ENDS_AND_SKIP_RE = re.compile(_SENTENCE_END_RE.pattern + _SKIP_RE.pattern)
_SHARED_CHARS = 16_000_000  # text kept read in a shared_docs block (about 20 bytes a character)


class _Shared(dict[str, "Doc"]):
    """text -> Doc, with the characters held."""

    def __init__(self) -> None:
        super().__init__()
        self.chars = 0


_SHARED: list[_Shared] = []


def _stray(surface: str) -> bool:
    """A spelling that is no word (a lone bidi mark): part of the gap around it."""
    return not key_of(surface) and not any(c.isalnum() for c in surface)


def _without_strays(parts: list[str]) -> list[str]:
    """``parts`` with stray marks joined to the gaps around them."""
    out = [parts[0]]
    for n in range(1, len(parts), 2):
        if _stray(parts[n]):
            out[-1] += parts[n] + parts[n + 1]
        else:
            out += [parts[n], parts[n + 1]]
    return out


class Doc:
    """A document's words: ``surfaces`` (as written), ``keys`` (match keys) and gaps."""

    __slots__ = ("_cursor", "_ends", "_sentences", "keys", "parts", "strays", "surfaces", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _SPLIT_RE.split(text)
        words = parts[1::2]
        keys = list(map(key_of, words))
        # a stray's key is empty: the list scan is cheaper than testing every word
        self.strays = "" in keys and any(map(_stray, compress(words, map(operator.not_, keys))))
        if self.strays:
            parts = _without_strays(parts)
            words = parts[1::2]
            keys = list(map(key_of, words))
        self.parts, self.surfaces, self.keys = parts, words, keys
        self._cursor = (0, 0)  # (parts summed, their length)
        self._ends: list[int] | None = None
        self._sentences: _SentenceReader | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def norm(self, i: int) -> str:
        """Normalized form of word ``i`` (ة kept)."""
        return norm_of(self.surfaces[i])

    def gap(self, i: int) -> str:
        """The text right before word ``i``."""
        return self.parts[2 * i]

    def _offset(self, k: int) -> int:
        """Length of ``parts[:k]``: summed on from the last part asked about (rows ask in text
        order), else read once for every part."""
        if self._ends is not None:
            return self._ends[k - 1] if k else 0
        done, offset = self._cursor
        if k < done:
            self._ends = list(accumulate(map(len, self.parts)))
            return self._ends[k - 1] if k else 0
        offset += len("".join(self.parts[done:k]))  # faster than summing the lengths
        self._cursor = (k, offset)
        return offset

    def start(self, i: int) -> int:
        """Offset of word ``i`` in the text."""
        return self._offset(2 * i + 1)

    def end(self, i: int) -> int:
        """Offset just past word ``i``."""
        return self._offset(2 * i + 2)

    def bounds(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(start, end) offsets of each (first, last) span of words (text order is cheapest)."""
        return [(self.start(first), self.end(last)) for first, last in spans]

    def span(self, first: int, last: int) -> str:
        """The text from word ``first`` through word ``last``, as written."""
        return self.text[self.start(first) : self.end(last)]

    def _reader(self) -> _SentenceReader:
        if self._sentences is None:
            self._sentences = _SentenceReader(self.text)
        return self._sentences

    def sentence_of(self, offset: int) -> int:
        """Number of the sentence (``khabar.sentences``) holding ``offset``."""
        return self._reader().number(offset)

    def sentence_numbers(self, offsets: list[int]) -> list[int]:
        """``sentence_of`` each offset (where words start), the text read once."""
        if not offsets:
            return []
        last = max(offsets)
        reader = self._reader()
        reader.number(last)
        if reader.pos > last:  # every end up to the last offset read: no call per offset
            return [bisect.bisect_left(reader.ends, offset) for offset in offsets]
        return list(map(self.sentence_of, offsets))


class _SentenceReader:
    """Sentence numbers of the offsets where words start, the text read only as far as asked.

    A sentence end starts a new sentence unless it lies in the quotes, spaces and line breaks
    right after another end (a line break after «...»); so, with each end read together with
    what follows it, a word's sentence number is the count of ends before it.
    """

    __slots__ = ("ends", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends: list[int] = []
        self.pos = _skipped(text, 0)  # the first sentence starts here

    def number(self, offset: int) -> int:
        if offset >= self.pos:
            if WORD_RE.match(self.text, offset) is None:  # not a word: read the whole text
                starts = sentence_starts(self.text)
                return max(bisect.bisect_right(starts, offset) - 1, 0)
            # no end runs over a word, so reading through the word's first letter is enough
            found = _ENDS_AND_SKIP_RE.finditer(self.text, self.pos, offset + 1)
            self.ends.extend(map(re.Match.start, found))
            self.pos = offset + 1
        return bisect.bisect_left(self.ends, offset)


def _skipped(text: str, pos: int) -> int:
    """Where the spaces, quotes, brackets and dashes at ``pos`` end."""
    match = _SKIP_RE.match(text, pos)
    return pos if match is None else match.end()


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``khabar.sentences(text)`` starts (no span object per sentence).

    ``start`` is always past whitespace, so a sentence holds text exactly when it ends after
    its start.
    """
    starts = []
    start = _skipped(text, 0)
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.start() if text[match.start()] == "\n" else match.end()
        if start < end:
            starts.append(start)
        start = max(start, _skipped(text, match.end()))
    if start < len(text):
        starts.append(start)
    return starts


@contextlib.contextmanager
def shared_docs() -> Iterator[None]:
    """Read each distinct text once while the block runs (both passes of discovery).

    Holds the read documents (up to ``_SHARED_CHARS`` characters of text) until the block ends.
    """
    _SHARED.append(_Shared())
    try:
        yield
    finally:
        _SHARED.pop()


def shared_doc(text: str) -> Doc | None:
    """The document of ``text`` read once in the running ``shared_docs`` block, else None."""
    if not _SHARED:
        return None
    shared = _SHARED[-1]
    doc = shared.get(text)
    if doc is None:
        doc = Doc(text)
        if shared.chars < _SHARED_CHARS:
            shared[text] = doc
            shared.chars += len(text)
    return doc


def doc_of(text: str) -> Doc:
    """The document of ``text``, read once per ``shared_docs`` block."""
    doc = shared_doc(text)
    return Doc(text) if doc is None else doc

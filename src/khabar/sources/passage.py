"""A document as the cue rules see it: tokens, match keys, sentences, frames and mentions."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar, overload

from khabar.clitics import CONJUNCTIONS, PREPOSITIONS
from khabar.lexicon import Entry, key_of
from khabar.normalize import normalize
from khabar.sources.cuelist import Cues, Frame
from khabar.sources.speakerlists import Speakers, load_speakers
from khabar.tokens import WORD_RE, Span, Token, norm_of, sentences

__all__ = [
    "Cue",
    "Mention",
    "Passage",
    "TokenView",
    "complementizer",
    "find_mark",
    "skip_letters",
    "with_clitics",
]

T = TypeVar("T")
_PASSIVE_ENDINGS = ("يدعى", "تدعى")
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
_COMPLEMENTIZER_RE = re.compile(r"[وفبل]?ان(?:ه|ها|هم|هما|نا|ني|كم)?")
QUOTES = {"«": "»", "“": "”“", "”": "”“", '"': '"', "„": "“”"}
_MARK_RE = re.compile("[:" + "".join(QUOTES) + "]")


@dataclass
class Mention:
    """A source mention: tokens ``first`` to ``last``, a listed source or a back-reference."""

    first: int
    last: int
    entry: Entry | None
    ref: str = ""
    strict: bool = False  # a back-reference or a short name: only right after its cue
    country: str = ""
    clitic: str = ""  # ب ل ك before the name, attached or standing alone (لـ “واس”)
    trim: int = 0  # characters of attached clitics left out of the surface


@dataclass(frozen=True)
class Cue:
    """What makes a mention an attribution: the cue as written, the role, its tokens."""

    text: str
    role: str
    first: int
    last: int


@functools.lru_cache(maxsize=1 << 16)  # the same few verbs and clitics again and again
def skip_letters(word: str, letters: int) -> int:
    """Characters of ``word`` that hold its first ``letters`` letters and their marks."""
    seen = i = 0
    while i < len(word) and (seen < letters or not normalize(word[i])):
        seen += bool(normalize(word[i]))
        i += 1
    return i


_ANCHORS: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}


@functools.cache
def with_clitics(words: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Every way ``words`` are written with proclitics: written form -> (proclitics, word)."""
    return {
        conj + prep + word: (conj + prep, word)
        for word in words
        for conj in ("", *CONJUNCTIONS)
        for prep in ("", *PREPOSITIONS)
    }


def _anchor_words(cues: Cues, speakers: Speakers) -> frozenset[str]:
    """Match keys at which a rule starts: reporting verbs, frame heads, and the words that
    may open an unlisted outlet or government body (and the lone لـ)."""
    ident = (cues.trigger_forms, speakers.government_heads)
    words = _ANCHORS.get(ident)
    if words is None:
        opening = with_clitics(cues.outlet_heads).keys() | with_clitics(speakers.government_heads)
        words = cues.verb_forms | cues.frame_heads | opening | {"ل"}
        _ANCHORS[ident] = words = frozenset(words)
    return words


class _Kept(NamedTuple):
    """The words of a passage's sentences, as parallel lists."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    keys: list[str]
    sent: list[int]


def _cue_words(text: str, spans: list[Span], cues: Cues) -> _Kept:
    """Words (as ``tokenize``), with offsets, match keys and sentence numbers, of the
    sentences that may hold an attribution: those with a cue word, the first two and the
    last (datelines and credit lines)."""
    no_cue, last = cues.trigger_forms.isdisjoint, len(spans) - 1
    split = _SPLIT_RE.split
    kept = _Kept([], [], [], [], [])
    for n, span in enumerate(spans):
        # split keeps the words at odd places; their offsets are sums of the part lengths
        parts = split(text[span.start : span.end])
        words = parts[1::2]
        keys = list(map(key_of, words))
        if n < 2 or n == last or not no_cue(keys):
            offsets = list(itertools.accumulate(map(len, parts), initial=span.start))
            kept.words.extend(words)
            kept.keys.extend(keys)
            kept.starts.extend(offsets[1:-1:2])
            kept.ends.extend(offsets[2::2])
            kept.sent.extend([n] * len(words))
    if "" in kept.keys:  # as tokenize: a stray bidi mark is not a word
        pairs = zip(kept.words, kept.keys, strict=True)
        real = [bool(key) or any(c.isalnum() for c in word) for word, key in pairs]
        words, starts, ends, keys, sent = kept
        return _Kept(
            _picked(words, real), _picked(starts, real), _picked(ends, real),
            _picked(keys, real), _picked(sent, real),
        )  # fmt: skip
    return kept


def _picked(part: list[T], real: list[bool]) -> list[T]:
    return list(itertools.compress(part, real))


class TokenView(Sequence[Token]):
    """A passage's words (or a stretch of them) as ``Token`` objects, made only when asked
    for; a slice is a view too."""

    def __init__(self, passage: Passage, start: int = 0, stop: int | None = None) -> None:
        self._doc = passage
        self._start = start
        self._stop = len(passage.keys) if stop is None else stop

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> TokenView: ...
    def __getitem__(self, i: int | slice) -> Token | TokenView:
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            if step != 1:
                raise ValueError("a token view is sliced with step 1 only")
            return TokenView(self._doc, self._start + start, self._start + max(start, stop))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("token index out of range")
        doc, k = self._doc, self._start + i
        word = doc.words[k]
        return Token(word, norm_of(word), doc.starts[k], doc.ends[k])


def _frame_ends(
    cues: Cues, keys: list[str], sent: list[int], anchors: list[int]
) -> dict[int, list[tuple[int, Frame]]]:
    ends: dict[int, list[tuple[int, Frame]]] = {}
    index, size = cues.frame_index, len(keys)
    for i in anchors:
        indexed = index.get(keys[i])
        if indexed is None or (not indexed[1] and (i + 1 == size or keys[i + 1] not in indexed[0])):
            continue  # في، على ...: no frame goes on from here
        for frame, last in cues.frames_at(keys, i):
            if sent[last] == sent[i]:
                ends.setdefault(last, []).append((i, frame))
    return ends


class Passage:
    """A document as the cue rules see it: the tokens of its cue sentences, frames, mentions.

    Sentences without a cue word cannot hold an attribution and are left out; every rule
    compares sentence numbers, so tokens of far-apart sentences never join.
    """

    def __init__(self, text: str, cues: Cues) -> None:
        self.text = text
        self.cues = cues
        self.speakers = load_speakers()
        self.spans: list[Span] = sentences(text) or [Span(0, len(text))]
        kept = _cue_words(text, self.spans, cues)
        self.words, self.starts, self.ends, self.keys, self.sent = kept
        self.mentions: list[Mention] = []
        self.owner: set[int] = set()
        #: The mentions by their first token.
        self.mentions_by_first: dict[int, list[Mention]] = {}
        #: what lies before a token, as ``attribution.nearest_verb`` reads it (per token)
        self.verb_scans: dict[int, tuple[int | None, int | None, int | None]] = {}
        self._vocabulary: set[str] | None = None
        anchor = _anchor_words(cues, self.speakers).__contains__
        #: Tokens at which a rule starts (``_anchor_words``), in order.
        self.anchors = list(itertools.compress(range(len(self.keys)), map(anchor, self.keys)))
        #: Frames by their last token: (first token, frame) of each, within one sentence.
        self.frame_ends = _frame_ends(cues, self.keys, self.sent, self.anchors)

    @property
    def tokens(self) -> TokenView:
        """The words as ``Token`` objects (made when read; a stored view would be a cycle)."""
        return TokenView(self)

    @property
    def vocabulary(self) -> set[str]:
        """The match keys of the passage's words."""
        if self._vocabulary is None:
            self._vocabulary = set(self.keys)
        return self._vocabulary

    def set_mentions(self, mentions: list[Mention]) -> None:
        """The source mentions found in this passage, in text order."""
        self.mentions = mentions
        self.owner = {i for m in mentions for i in range(m.first, m.last + 1)}
        self.mentions_by_first = {}
        for m in mentions:
            self.mentions_by_first.setdefault(m.first, []).append(m)
        self.verb_scans.clear()

    def between(self, i: int) -> str:
        """The text between token ``i`` and the next one."""
        end = self.starts[i + 1] if i + 1 < len(self.keys) else len(self.text)
        return self.text[self.ends[i] : end]

    def gap_offsets(self, i: int) -> tuple[int, int] | None:
        """Offsets of the text between token ``i`` and the next; None for the one space most
        words stand apart by (the rules' shortcut)."""
        start = self.ends[i]
        end = self.starts[i + 1] if i + 1 < len(self.keys) else len(self.text)
        if end - start == 1 and self.text[start] == " ":
            return None
        return start, end

    def separator(self, i: int) -> str:
        """``between(i)`` stripped: "" for the spaces most words stand apart by."""
        gap = self.gap_offsets(i)
        return "" if gap is None else self.text[gap[0] : gap[1]].strip()

    def mark_after(self, i: int) -> int | None:
        """Offset of a colon or opening quotation mark between token ``i`` and the next."""
        gap = self.gap_offsets(i)
        return None if gap is None else find_mark(self.text, *gap)

    def verb(self, i: int) -> str | None:
        """Lemma of the reporting verb at token ``i``, None if none (or negated)."""
        hit = self.cues.verb_at(self.keys[i])
        if hit is None or (i > 0 and self.keys[i - 1] in self.cues.negators):
            return None
        if self.words[i].endswith(_PASSIVE_ENDINGS):
            return None  # يدعى (is called), not يدعي (claims)
        return hit[0]

    def verb_text(self, i: int) -> str:
        """The verb as written, without the conjunction و or ف."""
        word, hit = self.words[i], self.cues.verb_at(self.keys[i])
        if hit is not None and hit[1]:
            word = word[skip_letters(word, 1) :]
        return word

    def span_text(self, first: int, last: int, *, conjunction: bool, lam: bool = False) -> str:
        """Text of tokens ``first``..``last``, without a leading و or ف (+ لـ for frames)."""
        start = self.starts[first]
        if conjunction:
            start += skip_letters(self.words[first], 1)
        return self.text[start : self.ends[last]] + (" لـ" if lam else "")

    def sentence_of(self, i: int) -> Span:
        return self.spans[self.sent[i]]

    def first_of(self, i: int) -> int:
        """First token of the sentence of token ``i``."""
        return bisect.bisect_left(self.sent, self.sent[i], 0, i)

    def last_of(self, i: int) -> int:
        """Last token of the sentence of token ``i``."""
        return bisect.bisect_right(self.sent, self.sent[i], i) - 1


@functools.lru_cache(maxsize=1 << 16)  # asked of the same few words again and again
def complementizer(key: str) -> bool:
    """Whether a match key is إن / أن with its clitics and pronoun (وأنه، بأنها)."""
    return _COMPLEMENTIZER_RE.fullmatch(key) is not None


def find_mark(text: str, start: int, end: int) -> int | None:
    """Offset of the first colon or opening quotation mark in ``text[start:end]``.

    A quotation mark right after a word closes a quoted name (وكالة "رويترز" الإخبارية).
    """
    for match in _MARK_RE.finditer(text, start, end):
        at = match.start()
        if text[at] == ":" or at == 0 or not text[at - 1].isalnum():
            return at
    return None

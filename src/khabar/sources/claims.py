"""Claims: the clause or quotation a cited source is credited with."""

from __future__ import annotations

import bisect
import itertools
import operator

from khabar.lexicon import match_key
from khabar.normalize import normalize
from khabar.sources.passage import QUOTES, Cue, Mention, Passage, complementizer, find_mark
from khabar.tokens import Span

__all__ = ["claim", "claim_at"]

_BARE_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "فان", "لان"})
_TRIM = " \t\n\r،,.:؛;-–—…"
_SHORT_QUOTE = 3  # words: a quotation this short is a name or a term, not a claim
_TITLE_REACH = 3


def _quote(doc: Passage, at: int, span: Span) -> str:
    """The quotation opening at character ``at`` (to its closing mark, else the sentence end)."""
    closers = QUOTES[doc.text[at]]
    limit = doc.text.find("\n", at)
    limit = len(doc.text) if limit < 0 else limit
    ends = [e for e in (doc.text.find(c, at + 1, limit) for c in closers) if e >= 0]
    end = min(ends) if ends else max(span.end, at + 1)
    return doc.text[at + 1 : end].strip(_TRIM)


def _after_mark(doc: Passage, at: int, span: Span) -> str:
    if doc.text[at] != ":":
        return _quote(doc, at, span)
    rest = doc.text[at + 1 : span.end]
    body = rest.lstrip()
    if body[:1] in QUOTES:
        return _quote(doc, at + 1 + len(rest) - len(body), span)
    words = body.split(maxsplit=1)
    if words and match_key(normalize(words[0])) in _BARE_COMPLEMENTIZERS:
        body = words[1] if len(words) > 1 else ""
    return body.strip(_TRIM)


def _short_quote(doc: Passage, at: int) -> int | None:
    """End of a quoted name or term («جولدمان ساكس», “عين اليوم”) opening at ``at``, else None."""
    closers = QUOTES.get(doc.text[at], "")
    ends = [e for e in (doc.text.find(c, at + 1, at + 60) for c in closers) if e >= 0]
    if ends and len(doc.text[at + 1 : min(ends)].split()) <= _SHORT_QUOTE:
        return min(ends) + 1
    return None


def _marker_claim(doc: Passage, anchor: int, span: Span, *, near: int | None = None) -> str:
    """What follows the first colon, quotation mark or أن/إن after token ``anchor``.

    With ``near``, only a mark within that many words counts, and أن/إن only right after.
    """
    i, pos = anchor, doc.ends[anchor]
    text, starts = doc.text, doc.starts
    reach = bisect.bisect_left(starts, span.end, anchor + 1) - 1  # the sentence's last token
    if near is not None:
        reach = min(reach, anchor + near)
    while True:
        mark = find_mark(text, pos, span.end)  # no mark stands inside a word
        # the token right before the mark (or, with no mark, one past the reach)
        last = reach + 1 if mark is None else bisect.bisect_right(starts, mark, i + 1) - 1
        found = _complementizer(doc, i + 1, min(last, reach), anchor=anchor, near=near)
        if found is not None:
            start = doc.ends[found] if doc.keys[found] in _BARE_COMPLEMENTIZERS else starts[found]
            return text[start : span.end].strip(_TRIM)
        if mark is None or last > reach:
            return ""
        i = last
        skip = _short_quote(doc, mark)
        if skip is None:
            return _after_mark(doc, mark, span)
        while i + 1 < len(doc.keys) and doc.ends[i + 1] <= skip:
            i += 1
        pos = skip


def _complementizer(
    doc: Passage, first: int, last: int, *, anchor: int, near: int | None
) -> int | None:
    """The first token from ``first`` to ``last`` that is أن/إن (with ``near``: only the
    token right after ``anchor``) and no source's, else None."""
    if near is not None:
        first = last = anchor + 1 if first <= anchor + 1 <= last else -1
        if first < 0:
            return None
    keys, owner = doc.keys, doc.owner
    with_an = map(operator.contains, keys[first : last + 1], itertools.repeat("ان"))
    for j in itertools.compress(range(first, last + 1), with_an):  # every complementizer has ان
        if j not in owner and complementizer(keys[j]):
            return j
    return None


def claim(doc: Passage, m: Mention, cue: Cue) -> str:
    """The attributed clause or quotation, trimmed; empty when none."""
    return claim_at(doc, m.first, m.last, cue)


def claim_at(doc: Passage, first: int, last: int, cue: Cue) -> str:
    """``claim`` of a source at tokens ``first``..``last``."""
    span = doc.sentence_of(first)
    anchor = max(last, cue.last)
    if cue.role != "quoted_from":
        return _marker_claim(doc, anchor, span) or _object_claim(doc, anchor, span)
    quoted = _marker_claim(doc, anchor, span, near=_TITLE_REACH)
    if quoted:
        return quoted
    if cue.first - doc.first_of(cue.first) <= 1:
        return doc.text[doc.ends[last] : span.end].strip(_TRIM)
    return doc.text[span.start : doc.starts[cue.first]].strip(_TRIM)


def _object_claim(doc: Passage, anchor: int, span: Span) -> str:
    """أعلن ... عن تأجيل البطولة، أعرب ... عن قلقه: what follows عن right after the source."""
    nxt = anchor + 1
    if nxt >= len(doc.keys) or doc.sent[nxt] != doc.sent[anchor] or doc.keys[nxt] != "عن":
        return ""
    return doc.text[doc.ends[nxt] : span.end].strip(_TRIM)

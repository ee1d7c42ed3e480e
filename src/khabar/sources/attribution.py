"""Attribution: the cue that makes a source mention a citation.

A source mention is an attribution when a cue governs it in its sentence: a reporting verb
before it (ذكرت وكالة X) or just after it (البيت الأبيض أعلن), a frame before it (بحسب،
وفقا لـ، نقلا عن), or a told-to frame (قال ... لوكالة فرانس برس، في حديثه لشبكة CNN).
"""

from __future__ import annotations

import re

from khabar.lexicon import phrase_key
from khabar.sources.cuelist import MEDIA_TYPES
from khabar.sources.passage import QUOTES, Cue, Mention, Passage, complementizer, find_mark

__all__ = ["attribution", "nearest_verb"]

_VERB_REACH = 7  # a verb up to 6 words before its source (وقال دميتري بيسكوف المتحدث باسم الكرملين)
_AFTER_REACH = 5  # a verb up to 4 words after it (المتحدث باسم الكرملين ديمتري بيسكوف أكد)
_TOLD_REACH = 13  # قال مسؤول في وزارة الوحدة الكورية الجنوبية لوكالة فرانس برس
_FROM_REACH = 10  # نقلت وكالة الأنباء ... عن مسؤول
_WHAT_REACH = 3  # بحسب ما نقلته [اليوم] وكالة تاس
_TITLE_REACH = 3  # مسؤول كبير في وزارة
_MAX_REACH = max(_VERB_REACH, _TOLD_REACH, _FROM_REACH, _WHAT_REACH)
_OPENER_WORDS = "كان كانت وكان وكانت فكان لكن ولكن بينما فيما كما حيث إذ ثم قد وقد لقد فقد أما بل"
_OPENERS = frozenset(phrase_key(w)[0] for w in _OPENER_WORDS.split())
_DASHES = "-–—"
_DATELINE_CHARS = 200  # a dateline stands at the head of the article
_DATELINE_WORDS = 16  # place and date before the agency (الرياض 25 شوال 1436 هـ الموافق ...)
_CREDIT_CHARS = 40
_CREDIT_TAIL = " \t\n\r.)(/-–—انتهى0123456789:"  # what may follow a closing credit line
_WORD_RE = re.compile(r"\w+")
_QUOTE_MARKS = "".join(sorted({*QUOTES, *"".join(QUOTES.values())}))  # openers and closers
_QUOTE_MARK_RE = re.compile("[" + re.escape(_QUOTE_MARKS) + "]")
_PUNCT_RE = re.compile(r"[،,:؛;()\[\]\-–—\"'«»“”„]")


def nearest_verb(doc: Passage, s: int, *, reach: int, through_mentions: bool) -> int | None:
    """The closest reporting verb before token ``s`` in its clause, if nothing blocks it."""
    scan = doc.verb_scans.get(s)
    if scan is None:
        scan = doc.verb_scans[s] = _scan_back(doc, s)
    stop, verb, owned = scan
    nearest = s - reach  # the farthest token within reach
    if not through_mentions and owned is not None and owned >= nearest:
        return None
    if verb is not None and verb >= nearest and (stop is None or verb > stop):
        return verb if doc.verb(verb) else None
    return None


def _scan_back(doc: Passage, s: int) -> tuple[int | None, int | None, int | None]:
    """(token that ends the clause, first reporting verb, first token of a mention) going
    back from token ``s`` as far as any rule looks, each None if not met first."""
    owned = None
    text, sent, keys = doc.text, doc.sent, doc.keys
    owner, verbs, here = doc.owner, doc.cues.verb_index, sent[s]
    for v in range(s - 1, max(s - 1 - _MAX_REACH, -1), -1):
        key = keys[v]
        if sent[v] != here or ("ان" in key and complementizer(key)):
            return v, None, owned
        gap = doc.gap_offsets(v)  # the text between token v and the next, if not one space
        if gap is not None and (
            text.find(":", *gap) >= 0 or (v < s - 1 and find_mark(text, *gap) is not None)
        ):
            return v, None, owned
        if owned is None and v in owner:
            owned = v
        if key in verbs:
            return None, v, owned
    return None, None, owned


def _is_outlet(m: Mention) -> bool:
    """Media that can be told something: outlets, their back-references, unnamed media."""
    entry = m.entry
    if entry is None:  # a back-reference
        return m.ref != "any"
    return entry.kind in MEDIA_TYPES or (entry.kind == "unnamed" and entry.id.endswith("_media"))


def _frame_cue(doc: Passage, m: Mention) -> Cue | None:
    """بحسب X، وفقا لـX، نقلا عن X، نقلت ... عن X، في حديثه لـX، وفق ادعاءات X."""
    s = m.first
    end = s - 2 if m.clitic == "ل" and s > 0 and doc.keys[s - 1] == "ل" else s - 1
    cue = _frame_ending(doc, m, end, lam=m.clitic == "ل")
    if cue is None and not m.clitic and not m.strict and s > 1:
        noun = doc.keys[s - 1]
        lam = noun.startswith("ل") and noun[1:] in doc.cues.report_nouns
        if lam or (noun in doc.cues.report_nouns):
            cue = _frame_ending(doc, m, s - 2, lam=lam, through=s - 1)
    return cue or _what_cue(doc, m)


def _frame_ending(
    doc: Passage, m: Mention, end: int, *, lam: bool, through: int = -1
) -> Cue | None:
    """A frame whose last word is token ``end`` (its text runs to token ``through`` if later)."""
    for first, frame in doc.frame_ends.get(end, ()):
        if frame.what or frame.lam != lam or doc.sent[first] != doc.sent[m.first]:
            continue
        if frame.media_only and not _is_outlet(m):
            continue
        conjunction = doc.keys[first] != frame.key[0]
        if through > end:
            text = doc.span_text(first, through, conjunction=conjunction)
        else:
            text = doc.span_text(first, end, conjunction=conjunction, lam=frame.lam)
        if frame.after_verbs:
            v = nearest_verb(doc, first, reach=_FROM_REACH, through_mentions=True)
            if v is None or doc.verb(v) not in frame.after_verbs:
                continue
            text = f"{doc.verb_text(v)} {text}"
        return Cue(text, frame.role, first, max(end, through))
    return None


def _what_cue(doc: Passage, m: Mention) -> Cue | None:
    """بحسب ما نقلته وكالة تاس، حسبما أعلنت الوكالة، وفقا لما ذكرته وكالات الأنباء."""
    if m.clitic:
        return None
    v = nearest_verb(doc, m.first, reach=_WHAT_REACH, through_mentions=False)
    if v is None or (m.strict and v != m.first - 1):
        return None
    for first, frame in doc.frame_ends.get(v - 1, ()):
        if frame.what:
            return Cue(
                doc.span_text(first, v, conjunction=doc.keys[first] != frame.key[0]),
                "quoted_from",
                first,
                v,
            )
    return None


def _told_to_cue(doc: Passage, m: Mention) -> Cue | None:
    """قال لانكوف لوكالة أسوشيتد برس; أبلغ مسؤول أميركي رويترز."""
    if not _is_outlet(m):
        return None
    v = nearest_verb(doc, m.first, reach=_TOLD_REACH, through_mentions=True)
    if v is None:
        return None
    lemma = doc.verb(v)
    if m.clitic == "ل":
        told = lemma in doc.cues.told_to_lemmas
    else:
        told = not m.clitic and (lemma in doc.cues.listener_verbs or _after_speaker(doc, m, lemma))
    return Cue(doc.verb_text(v), "told_to", v, v) if told else None


def _after_speaker(doc: Passage, m: Mention, lemma: str | None) -> bool:
    """أفاد مسؤول محلي وكالة فرانس برس: an outlet right after a speaker is the listener."""
    before = [p for p in doc.mentions if p.last == m.first - 1]
    return lemma in doc.cues.told_to_lemmas and bool(before) and not _is_outlet(before[0])


def _object_marker(doc: Passage, i: int) -> bool:
    """مع، لدى، على ... (but not the من of عدد من وسائل الإعلام)."""
    if doc.keys[i] not in doc.cues.object_markers:
        return False
    return not (doc.keys[i] == "من" and i > 0 and doc.keys[i - 1] in doc.cues.partitives)


def _verb_before(doc: Passage, m: Mention) -> Cue | None:
    """ذكرت وكالة X، قال المتحدث باسم الكرملين، قال مسؤول في وزارة الوحدة."""
    s = m.first
    v = nearest_verb(doc, s, reach=_VERB_REACH, through_mentions=False)
    if v is None or (doc.verb(v) in doc.cues.media_verbs and not _is_outlet(m)):
        return None
    gap = s - v - 1
    if gap and (m.strict or any(_object_marker(doc, i) for i in range(v + 1, s))):
        return None
    if gap and doc.verb(v) in doc.cues.object_verbs and doc.keys[v + 1] not in doc.cues.titles:
        return None
    titled = any(doc.keys[i] in doc.cues.titles for i in range(max(v + 1, s - _TITLE_REACH), s))
    attached = m.clitic or (gap and doc.keys[s - 1] == "في")
    if attached and not titled:
        return None
    return Cue(doc.verb_text(v), "reported_by", v, v)


def _subject_position(doc: Passage, s: int) -> bool:
    """Whether a name at token ``s`` (with any title before it) opens its clause."""
    i = s - 1
    while i >= 0 and doc.sent[i] == doc.sent[s] and doc.keys[i] in doc.cues.titles:
        i -= 1
    if (
        i < 0
        or doc.sent[i] != doc.sent[s]
        or doc.keys[i] in _OPENERS
        or complementizer(doc.keys[i])
    ):
        return True
    return _PUNCT_RE.search(doc.between(i)) is not None


def _verb_after(doc: Passage, m: Mention) -> Cue | None:
    """البيت الأبيض أعلن; المتحدث باسم الكرملين ديمتري بيسكوف أكد."""
    if m.strict or m.clitic or not _subject_position(doc, m.first):
        return None
    for v in range(m.last + 1, min(m.last + 1 + _AFTER_REACH, len(doc.keys))):
        if doc.sent[v] != doc.sent[m.first] or v in doc.owner or complementizer(doc.keys[v]):
            return None
        if doc.mark_after(v - 1) is not None:
            return None
        if doc.cues.verb_at(doc.keys[v]):
            lemma = doc.verb(v)
            if lemma is None or (lemma in doc.cues.media_verbs and not _is_outlet(m)):
                return None
            return Cue(doc.verb_text(v), "reported_by", v, v)
    return None


def attribution(doc: Passage, m: Mention) -> Cue | None:
    """The cue that makes mention ``m`` an attribution, None if it has none.

    A source inside a quotation is what the quoted speaker talks about, never the speaker.
    """
    if inside_quotation(doc, m):
        return None
    return _frame_cue(doc, m) or _told_to_cue(doc, m) or _verb_before(doc, m) or _verb_after(doc, m)


def inside_quotation(doc: Passage, m: Mention) -> bool:
    """Whether mention ``m`` stands inside a quotation opened earlier in its sentence (a name
    in quotation marks of its own, «واشنطن بوست», is not inside one)."""
    span = doc.sentence_of(m.first)
    start, end = doc.starts[m.first], doc.ends[m.last]
    opened = _open_quote(doc.text, span.start, start)
    if opened is None:
        return False
    closers = QUOTES[doc.text[opened]]
    own = not doc.text[opened + 1 : start].strip() and doc.text[end : end + 1] in closers
    return not own


def _open_quote(text: str, start: int, end: int) -> int | None:
    """Offset of a quotation mark opened in ``text[start:end]`` and not closed there."""
    depth: list[int] = []
    for at in map(re.Match.start, _QUOTE_MARK_RE.finditer(text, start, end)):
        char = text[at]
        if depth and char in QUOTES[text[depth[-1]]]:
            depth.pop()
        elif char in QUOTES:
            depth.append(at)
    return depth[-1] if depth else None


def credit_cue(doc: Passage, m: Mention) -> Cue | None:
    """An agency in a dateline (الرياض - واس، (واس)، واس- at the start) or a credit line
    (an agency's name closing the article): the article comes from it."""
    if m.entry is None or m.entry.kind != "agency":
        return None
    start, end = doc.starts[m.first], doc.ends[m.last]
    line_start = doc.text.rfind("\n", 0, start) + 1
    before = doc.text[line_start:start]
    after = doc.text[end : end + _CREDIT_CHARS]
    if not doc.text[end:].strip(_CREDIT_TAIL) and _credit_frame(before, after, opening=False):
        return Cue("credit line", "credit", m.first, m.last)
    if start < _DATELINE_CHARS and _credit_frame(before, after, opening=True):
        return Cue("dateline", "credit", m.first, m.last)
    return None


def _credit_frame(before: str, after: str, *, opening: bool) -> bool:
    """The name set off as a credit: by a dash or brackets, or alone at a line's end."""
    left = before.rstrip()
    right = after.lstrip(" \t")
    if left.endswith("(") and right.startswith(")"):
        return True
    if left[-1:] in _DASHES or right[:1] in _DASHES:
        return len(_WORD_RE.findall(before)) <= _DATELINE_WORDS
    return opening and right[:1] == "\n" and len(_WORD_RE.findall(before)) <= _DATELINE_WORDS

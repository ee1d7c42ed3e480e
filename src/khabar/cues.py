"""Attribution cues: the cue lists (``data/cues.yaml``) and the rules that find them.

Everything is compared on match keys (normalized, ة = ه). Verbs are single words seen through
the conjunctions و ف only: a verb never carries the article, so التابع is not the verb تابع.
A source mention is an attribution when a cue governs it in its sentence: a reporting verb
before it (ذكرت وكالة X) or just after it (البيت الأبيض أعلن), a frame before it (بحسب،
وفقا لـ، نقلا عن), or a told-to frame (قال ... لوكالة فرانس برس، في حديثه لشبكة CNN).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from khabar.errors import InputError
from khabar.lexicon import Entry, match_key, phrase_key
from khabar.normalize import normalize
from khabar.tokens import Span, Token, sentence_index, sentences, tokenize

__all__ = [
    "MEDIA_TYPES",
    "Cue",
    "Cues",
    "Frame",
    "Mention",
    "Passage",
    "attribution",
    "claim",
    "load_cues",
    "skip_letters",
]

MEDIA_TYPES = frozenset({"agency", "broadcaster", "newspaper", "website"})
_VERB_REACH = 7  # a verb up to 6 words before its source (وقال دميتري بيسكوف المتحدث باسم الكرملين)
_AFTER_REACH = 5  # a verb up to 4 words after it (المتحدث باسم الكرملين ديمتري بيسكوف أكد)
_TOLD_REACH = 13  # قال مسؤول في وزارة الوحدة الكورية الجنوبية لوكالة فرانس برس
_FROM_REACH = 10  # نقلت وكالة الأنباء ... عن مسؤول
_WHAT_REACH = 3  # بحسب ما نقلته [اليوم] وكالة تاس
_TITLE_REACH = 3  # مسؤول كبير في وزارة
_COMPLEMENTIZER_RE = re.compile(r"[وفبل]?ان(?:ه|ها|هم|هما|نا|ني|كم)?")
_BARE_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "فان", "لان"})
_OPENER_WORDS = "كان كانت وكان وكانت فكان لكن ولكن بينما فيما كما حيث إذ ثم قد وقد لقد فقد أما بل"
_OPENERS = frozenset(phrase_key(w)[0] for w in _OPENER_WORDS.split())
_PUNCT_RE = re.compile(r"[،,:؛;()\[\]\-–—\"'«»“”„]")
_QUOTES = {"«": "»", "“": "”“", "”": "”“", '"': '"', "„": "“”"}
_MARK_RE = re.compile("[:" + "".join(_QUOTES) + "]")
_TRIM = " \t\n\r،,.:؛;-–—…"
_SHORT_QUOTE = 3  # words: a quotation this short is a name or a term, not a claim
_WHERE = "khabar/data/cues.yaml"
_CONJUNCTIONS = "وف"
_WHAT = {"ما", "لما", "حسبما"}
_LAM = "ل"


@dataclass(frozen=True)
class Frame:
    """A phrase that introduces a source: بحسب, وفقا ل, نقلا عن, في حديثه ل, في مقابلة مع."""

    phrase: str
    key: tuple[str, ...]
    en: str
    role: str
    lam: bool = False
    what: bool = False
    after_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cues:
    """The compiled cue lists."""

    verbs: Mapping[str, str]
    lemmas: Mapping[str, str]
    verb_en: Mapping[str, str]
    frames: Mapping[str, tuple[Frame, ...]]
    told_to_lemmas: frozenset[str]
    media_verbs: frozenset[str]
    object_verbs: frozenset[str]
    listener_verbs: frozenset[str]
    backrefs: tuple[tuple[str, str], ...]
    titles: frozenset[str]
    object_markers: frozenset[str]
    partitives: frozenset[str]
    report_nouns: frozenset[str]
    outlet_words: frozenset[str]
    not_after: frozenset[str]
    negators: frozenset[str]
    nationalities: Mapping[tuple[str, ...], str]

    def verb_at(self, key: str) -> tuple[str, bool] | None:
        """(lemma, conjunction attached) of a reporting-verb word, else None."""
        if key in self.verbs:
            return self.verbs[key], False
        if key[:1] in _CONJUNCTIONS and key[1:] in self.verbs:
            return self.verbs[key[1:]], True
        return None

    def frames_at(self, keys: Sequence[str], i: int) -> list[tuple[Frame, int]]:
        """Frames whose words start at token ``i``, longest first, with their last token."""
        key = keys[i]
        candidates = self.frames.get(key, ())
        if key[:1] in _CONJUNCTIONS:
            candidates += self.frames.get(key[1:], ())
        found = []
        for frame in candidates:
            last = i + len(frame.key) - 1
            if last < len(keys) and all(
                keys[i + k] == frame.key[k] for k in range(1, len(frame.key))
            ):
                found.append((frame, last))
        return sorted(found, key=lambda hit: (-len(hit[0].key), -hit[0].lam))

    def nationality_at(self, keys: Sequence[str], i: int) -> tuple[str, int] | None:
        """(country, last token) of a nationality adjective starting at token ``i``."""
        for size in (2, 1):
            phrase = tuple(keys[i : i + size])
            if len(phrase) == size and phrase in self.nationalities:
                return self.nationalities[phrase], i + size - 1
        return None


def _words(data: dict, name: str) -> frozenset[str]:
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"'{name}' must be a list of words", path=_WHERE)
    return frozenset(k for v in value for k in phrase_key(v)[:1])


def _verbs(raw: Any) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    if not isinstance(raw, list):
        raise InputError("'verbs' must be a list", path=_WHERE)
    forms: dict[str, str] = {}
    written: dict[str, str] = {}
    english: dict[str, str] = {}
    for item in raw:
        if not isinstance(item, dict) or not item.get("lemma") or not item.get("forms"):
            raise InputError(f"verb entry lacks lemma or forms: {item!r}", path=_WHERE)
        lemma = phrase_key(item["lemma"])[0]
        written[lemma] = str(item["lemma"])
        english[lemma] = str(item.get("en", ""))
        for form in item["forms"]:
            forms[phrase_key(form)[0]] = lemma
    return forms, written, english


def _frame(phrase: str, *, en: str, role: str, after: frozenset[str] = frozenset()) -> Frame:
    key = phrase_key(phrase)
    lam = len(key) > 1 and key[-1] == _LAM
    key = key[:-1] if lam else key
    shown = phrase[: -len(_LAM)].rstrip() + " لـ" if lam else phrase
    return Frame(
        phrase=shown, key=key, en=en, role=role, lam=lam, what=key[-1] in _WHAT, after_verbs=after
    )


def _frames(data: dict) -> dict[str, tuple[Frame, ...]]:
    frames = []
    for item in data.get("frames") or []:
        if not isinstance(item, dict) or not item.get("phrase"):
            raise InputError(f"frame entry lacks phrase: {item!r}", path=_WHERE)
        after = frozenset(phrase_key(v)[0] for v in item.get("after_verbs") or [])
        frames.append(
            _frame(item["phrase"], en=str(item.get("en", "")), role="quoted_from", after=after)
        )
    for phrase in (data.get("told_to") or {}).get("phrases") or []:
        frames.append(_frame(phrase, en="told to", role="told_to"))
    by_first: dict[str, tuple[Frame, ...]] = {}
    for frame in frames:
        by_first[frame.key[0]] = (*by_first.get(frame.key[0], ()), frame)
    return by_first


def _backrefs(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        raise InputError("'backrefs' must map a source type to words", path=_WHERE)
    return tuple((phrase, str(kind)) for kind, phrases in raw.items() for phrase in phrases)


def _nationalities(raw: Any) -> dict[tuple[str, ...], str]:
    if not isinstance(raw, dict):
        raise InputError("'nationalities' must map a country code to adjectives", path=_WHERE)
    return {
        phrase_key(adj): str(country) for country, adjectives in raw.items() for adj in adjectives
    }


def compile_cues(data: Any) -> Cues:
    """Cues from the parsed YAML mapping.

    Raises:
        InputError: a section is missing or malformed.
    """
    if not isinstance(data, dict) or "verbs" not in data or "frames" not in data:
        raise InputError("expected top-level 'verbs:' and 'frames:'", path=_WHERE)
    forms, written, english = _verbs(data["verbs"])
    told = data.get("told_to") or {}
    return Cues(
        verbs=forms,
        lemmas=written,
        verb_en=english,
        frames=_frames(data),
        told_to_lemmas=frozenset(phrase_key(v)[0] for v in told.get("verbs_lemmas") or []),
        media_verbs=frozenset(
            phrase_key(v["lemma"])[0]
            for v in data["verbs"]
            if isinstance(v, dict) and v.get("media_only")
        ),
        object_verbs=_words(data, "object_verbs"),
        listener_verbs=_words(data, "listener_verbs"),
        backrefs=_backrefs(data.get("backrefs") or {}),
        titles=_words(data, "titles"),
        object_markers=_words(data, "object_markers"),
        partitives=_words(data, "partitives"),
        report_nouns=_words(data, "report_nouns"),
        outlet_words=_words(data, "outlet_words"),
        not_after=_words(data, "not_after"),
        negators=_words(data, "negators"),
        nationalities=_nationalities(data.get("nationalities") or {}),
    )


@cache
def load_cues() -> Cues:
    """The packaged cue lists, compiled once per process."""
    text = resources.files("khabar.data").joinpath("cues.yaml").read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(f"invalid YAML ({err})", path=_WHERE) from None
    return compile_cues(data)


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


def skip_letters(word: str, letters: int) -> int:
    """Characters of ``word`` that hold its first ``letters`` letters and their marks."""
    seen = i = 0
    while i < len(word) and (seen < letters or not normalize(word[i])):
        seen += bool(normalize(word[i]))
        i += 1
    return i


class Passage:
    """A document as the cue rules see it: tokens, sentences, frames and source mentions."""

    def __init__(self, text: str, cues: Cues) -> None:
        self.text = text
        self.cues = cues
        self.tokens: list[Token] = tokenize(text)
        self.keys = [match_key(t.norm) for t in self.tokens]
        self.spans: list[Span] = sentences(text) or [Span(0, len(text))]
        lookup = sentence_index(self.spans)
        self.sent = [lookup(t.start) for t in self.tokens]
        self.mentions: list[Mention] = []
        self.owner: set[int] = set()
        self.frame_ends: dict[int, list[tuple[int, Frame]]] = {}
        for i in range(len(self.tokens)):
            for frame, last in cues.frames_at(self.keys, i):
                if self.sent[last] == self.sent[i]:
                    self.frame_ends.setdefault(last, []).append((i, frame))

    def set_mentions(self, mentions: list[Mention]) -> None:
        """The source mentions found in this passage, in text order."""
        self.mentions = mentions
        self.owner = {i for m in mentions for i in range(m.first, m.last + 1)}

    def between(self, i: int) -> str:
        """The text between token ``i`` and the next one."""
        end = self.tokens[i + 1].start if i + 1 < len(self.tokens) else len(self.text)
        return self.text[self.tokens[i].end : end]

    def mark_after(self, i: int) -> int | None:
        """Offset of a colon or opening quotation mark between token ``i`` and the next."""
        end = self.tokens[i + 1].start if i + 1 < len(self.tokens) else len(self.text)
        return _mark(self.text, self.tokens[i].end, end)

    def verb(self, i: int) -> str | None:
        """Lemma of the reporting verb at token ``i``, None if none (or negated)."""
        hit = self.cues.verb_at(self.keys[i])
        if hit is None or (i > 0 and self.keys[i - 1] in self.cues.negators):
            return None
        return hit[0]

    def verb_text(self, i: int) -> str:
        """The verb as written, without the conjunction و or ف."""
        word = self.tokens[i].text
        if self.cues.verb_at(self.keys[i])[1]:
            word = word[skip_letters(word, 1) :]
        return word

    def span_text(self, first: int, last: int, *, conjunction: bool, lam: bool = False) -> str:
        """Text of tokens ``first``..``last``, without a leading و or ف (+ لـ for frames)."""
        start = self.tokens[first].start
        if conjunction:
            start += skip_letters(self.tokens[first].text, 1)
        return self.text[start : self.tokens[last].end] + (" لـ" if lam else "")

    def sentence_of(self, i: int) -> Span:
        return self.spans[self.sent[i]]


def _complementizer(key: str) -> bool:
    return _COMPLEMENTIZER_RE.fullmatch(key) is not None


def _nearest_verb(doc: Passage, s: int, *, reach: int, through_mentions: bool) -> int | None:
    """The closest reporting verb before token ``s`` in its clause, if nothing blocks it."""
    for v in range(s - 1, max(s - 1 - reach, -1), -1):
        if doc.sent[v] != doc.sent[s] or _complementizer(doc.keys[v]):
            return None
        if ":" in doc.between(v) or (v < s - 1 and doc.mark_after(v) is not None):
            return None
        if v in doc.owner and not through_mentions:
            return None
        if doc.cues.verb_at(doc.keys[v]):
            return v if doc.verb(v) else None
    return None


def _is_outlet(m: Mention) -> bool:
    """Media that can be told something: outlets, their back-references, unnamed media."""
    if m.ref:
        return m.ref != "any"
    return m.entry.kind in MEDIA_TYPES or (
        m.entry.kind == "unnamed" and m.entry.id.endswith("_media")
    )


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
        conjunction = doc.keys[first] != frame.key[0]
        if through > end:
            text = doc.span_text(first, through, conjunction=conjunction)
        else:
            text = doc.span_text(first, end, conjunction=conjunction, lam=frame.lam)
        if frame.after_verbs:
            v = _nearest_verb(doc, first, reach=_FROM_REACH, through_mentions=True)
            if v is None or doc.verb(v) not in frame.after_verbs:
                continue
            text = f"{doc.verb_text(v)} {text}"
        return Cue(text, frame.role, first, max(end, through))
    return None


def _what_cue(doc: Passage, m: Mention) -> Cue | None:
    """بحسب ما نقلته وكالة تاس، حسبما أعلنت الوكالة، وفقا لما ذكرته وكالات الأنباء."""
    if m.clitic:
        return None
    v = _nearest_verb(doc, m.first, reach=_WHAT_REACH, through_mentions=False)
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
    v = _nearest_verb(doc, m.first, reach=_TOLD_REACH, through_mentions=True)
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
    v = _nearest_verb(doc, s, reach=_VERB_REACH, through_mentions=False)
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
        or _complementizer(doc.keys[i])
    ):
        return True
    return _PUNCT_RE.search(doc.between(i)) is not None


def _verb_after(doc: Passage, m: Mention) -> Cue | None:
    """البيت الأبيض أعلن; المتحدث باسم الكرملين ديمتري بيسكوف أكد."""
    if m.strict or m.clitic or not _subject_position(doc, m.first):
        return None
    for v in range(m.last + 1, min(m.last + 1 + _AFTER_REACH, len(doc.tokens))):
        if doc.sent[v] != doc.sent[m.first] or v in doc.owner or _complementizer(doc.keys[v]):
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
    """The cue that makes mention ``m`` an attribution, None if it has none."""
    return _frame_cue(doc, m) or _told_to_cue(doc, m) or _verb_before(doc, m) or _verb_after(doc, m)


def _quote(doc: Passage, at: int, span: Span) -> str:
    """The quotation opening at character ``at`` (to its closing mark, else the sentence end)."""
    closers = _QUOTES[doc.text[at]]
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
    if body[:1] in _QUOTES:
        return _quote(doc, at + 1 + len(rest) - len(body), span)
    words = body.split(maxsplit=1)
    if words and match_key(normalize(words[0])) in _BARE_COMPLEMENTIZERS:
        body = words[1] if len(words) > 1 else ""
    return body.strip(_TRIM)


def _mark(text: str, start: int, end: int) -> int | None:
    """Offset of the first colon or opening quotation mark in ``text[start:end]``.

    A quotation mark right after a word closes a quoted name (وكالة "رويترز" الإخبارية).
    """
    for match in _MARK_RE.finditer(text, start, end):
        at = match.start()
        if text[at] == ":" or at == 0 or not text[at - 1].isalnum():
            return at
    return None


def _short_quote(doc: Passage, at: int) -> int | None:
    """End of a quoted name or term («جولدمان ساكس», “عين اليوم”) opening at ``at``, else None."""
    closers = _QUOTES.get(doc.text[at], "")
    ends = [e for e in (doc.text.find(c, at + 1, at + 60) for c in closers) if e >= 0]
    if ends and len(doc.text[at + 1 : min(ends)].split()) <= _SHORT_QUOTE:
        return min(ends) + 1
    return None


def _marker_claim(doc: Passage, anchor: int, span: Span, *, near: int | None = None) -> str:
    """What follows the first colon, quotation mark or أن/إن after token ``anchor``.

    With ``near``, only a mark within that many words counts, and أن/إن only right after.
    """
    i, pos = anchor, doc.tokens[anchor].end
    while True:
        gap_end = doc.tokens[i + 1].start if i + 1 < len(doc.tokens) else len(doc.text)
        mark = _mark(doc.text, pos, min(gap_end, span.end))
        if mark is not None:
            skip = _short_quote(doc, mark)
            if skip is None:
                return _after_mark(doc, mark, span)
            while i + 1 < len(doc.tokens) and doc.tokens[i + 1].end <= skip:
                i += 1
            pos = skip
            continue
        i += 1
        if i >= len(doc.tokens) or doc.tokens[i].start >= span.end:
            return ""
        if near is not None and i - anchor > near:
            return ""
        if (
            (near is None or i == anchor + 1)
            and i not in doc.owner
            and _complementizer(doc.keys[i])
        ):
            start = (
                doc.tokens[i].end if doc.keys[i] in _BARE_COMPLEMENTIZERS else doc.tokens[i].start
            )
            return doc.text[start : span.end].strip(_TRIM)
        pos = doc.tokens[i].end


def claim(doc: Passage, m: Mention, cue: Cue) -> str:
    """The attributed clause or quotation, trimmed; empty when none."""
    span = doc.sentence_of(m.first)
    anchor = max(m.last, cue.last)
    if cue.role != "quoted_from":
        return _marker_claim(doc, anchor, span)
    quoted = _marker_claim(doc, anchor, span, near=_TITLE_REACH)
    if quoted:
        return quoted
    if cue.first - _sentence_first(doc, cue.first) <= 1:
        return doc.text[doc.tokens[m.last].end : span.end].strip(_TRIM)
    return doc.text[span.start : doc.tokens[cue.first].start].strip(_TRIM)


def _sentence_first(doc: Passage, i: int) -> int:
    """First token of the sentence of token ``i``."""
    while i > 0 and doc.sent[i - 1] == doc.sent[i]:
        i -= 1
    return i

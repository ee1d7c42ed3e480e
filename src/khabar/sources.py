"""Source attribution: who each article cites, with which cue, for which claim.

A source (``data/sources.yaml``, or a back-reference such as الوكالة) counts only with a cue in
its sentence: a reporting verb before it (ذكرت وكالة X) or just after it (البيت الأبيض أعلن),
a frame before it (بحسب، وفقا لـ، نقلا عن), or a told-to frame (قال ... لوكالة فرانس برس).
Favours precision: a bare mention of the UN in a sentence about sanctions is not a citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from khabar.clitics import CLITIC_LETTERS
from khabar.corpus import Corpus
from khabar.cues import Cues, load_cues
from khabar.engine import run_batches
from khabar.lexicon import Entry, PhraseMatcher, load_entries, match_key, phrase_key
from khabar.normalize import normalize
from khabar.tokens import Span, Token, sentence_index, sentences, tokenize

__all__ = ["COLUMNS", "SOURCE_TYPES", "cue_counts", "find_sources", "source_counts", "sources_batch", "sources_per_doc"]

COLUMNS = (
    "doc_id", "source_id", "source_en", "source_ar", "source_type", "cue", "role",
    "surface", "start", "end", "sentence_id", "claim", "resolved",
)  # fmt: skip
SOURCE_TYPES = ("agency", "broadcaster", "newspaper", "website", "government", "international_org", "unnamed")
MEDIA_TYPES = frozenset(SOURCE_TYPES[:4])
_BODY_TYPES = frozenset({"government", "international_org", "unnamed"})
_VERB_REACH = 7  # a verb up to 6 words before its source (وقال دميتري بيسكوف المتحدث باسم الكرملين)
_AFTER_REACH = 5  # a verb up to 4 words after it (المتحدث باسم الكرملين ديمتري بيسكوف أكد)
_TOLD_REACH = 13  # قال مسؤول في وزارة الوحدة الكورية الجنوبية لوكالة فرانس برس
_FROM_REACH = 10  # نقلت وكالة الأنباء ... عن مسؤول
_WHAT_REACH = 3  # بحسب ما نقلته [اليوم] وكالة تاس
_TITLE_REACH = 3  # مسؤول كبير في وزارة
_RECENT = 2  # sentences within which a back-reference may pick among several candidates
_COMPLEMENTIZER_RE = re.compile(r"[وفبل]?ان(?:ه|ها|هم|هما|نا|ني|كم)?")
_BARE_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "فان", "لان"})
_OPENER_WORDS = "كان كانت وكان وكانت فكان لكن ولكن بينما فيما كما حيث إذ ثم قد وقد لقد فقد أما بل"
_OPENERS = frozenset(phrase_key(w)[0] for w in _OPENER_WORDS.split())  # noqa: SIM905
_PUNCT_RE = re.compile(r"[،,:؛;()\[\]\-–—\"'«»“”„]")
_QUOTES = {"«": "»", "“": "”“", "”": "”“", '"': '"', "„": "“”"}
_MARK_RE = re.compile("[:" + "".join(_QUOTES) + "]")
_TRIM = " \t\n\r،,.:؛;-–—…"


@dataclass(frozen=True)
class _Ref:
    """A back-reference word: the last named source of ``kind`` (``any``: of any type)."""

    kind: str


@dataclass(frozen=True)
class _Lexicon:
    matcher: PhraseMatcher
    heads: frozenset[str]


@dataclass
class _Mention:
    first: int
    last: int
    entry: Entry | None
    ref: str = ""
    country: str = ""
    clitic: str = ""  # ب ل ك before the name, attached or standing alone (لـ “واس”)
    trim: int = 0  # characters of attached clitics left out of the surface


@dataclass(frozen=True)
class _Cue:
    text: str
    role: str
    first: int
    last: int


@lru_cache(maxsize=8)
def _lexicon(extra: str | None) -> _Lexicon:
    phrases: list[tuple[str, object]] = [(v, e) for e in load_entries("sources", extra=extra) for v in e.variants]
    phrases += [(phrase, _Ref(kind)) for phrase, kind in load_cues().backrefs]
    heads = frozenset(key[0] for key in (phrase_key(p) for p, _ in phrases) if key)
    return _Lexicon(PhraseMatcher(phrases), heads)


def _prefix(key: str, heads: frozenset[str]) -> tuple[str, bool]:
    """(proclitic letters on a mention's first word, whether the rest is written whole)."""
    if key in heads:
        return "", True
    for n in (1, 2):
        pre, rest = key[:n], key[n:]
        if any(c not in CLITIC_LETTERS for c in pre):
            break
        if rest in heads:
            return pre, True
        if pre.endswith("ل") and rest.startswith("ل") and "ا" + rest in heads:
            return pre, False  # للبيت = ل + البيت: the alef is not written
    return "", True


def _skip_letters(word: str, letters: int) -> int:
    """Characters of ``word`` that hold its first ``letters`` letters and their marks."""
    seen = i = 0
    while i < len(word) and (seen < letters or not normalize(word[i])):
        seen += bool(normalize(word[i]))
        i += 1
    return i


class _Doc:
    """One document's tokens, sentences, source mentions and frames."""

    def __init__(self, text: str, lex: _Lexicon, cues: Cues) -> None:
        self.text = text
        self.cues = cues
        self.tokens: list[Token] = tokenize(text)
        self.keys = [match_key(t.norm) for t in self.tokens]
        self.spans: list[Span] = sentences(text) or [Span(0, len(text))]
        lookup = sentence_index(self.spans)
        self.sent = [lookup(t.start) for t in self.tokens]
        self.mentions = self._mentions(lex)
        self.owner = {i for m in self.mentions for i in range(m.first, m.last + 1)}
        self.frame_ends: dict[int, list] = {}
        for i in range(len(self.tokens)):
            for frame, last in cues.frames_at(self.keys, i):
                if self.sent[last] == self.sent[i]:
                    self.frame_ends.setdefault(last, []).append((i, frame))

    def _mentions(self, lex: _Lexicon) -> list[_Mention]:
        found = []
        for match in lex.matcher.find(self.tokens, self.text):
            if match.first > 0 and self.keys[match.first - 1] in self.cues.not_after:
                continue
            mention = self._mention(match.first, match.last, match.value, lex)
            if mention is not None:
                found.append(mention)
        return found

    def _mention(self, first: int, last: int, value: object, lex: _Lexicon) -> _Mention | None:
        entry = value if isinstance(value, Entry) else None
        mention = _Mention(first, last, entry, ref="" if entry else value.kind)
        nationality = self.cues.nationality_at(self.keys, last + 1)
        if nationality and self.sent[nationality[1]] == self.sent[last]:
            if mention.ref:
                mention.country, mention.last = nationality
            elif entry.kind in _BODY_TYPES and entry.country not in ("", "INT", nationality[0]):
                return None  # مجلس الأمن القومي التركي is not the US NSC
        prefix, whole = _prefix(self.keys[first], lex.heads)
        mention.clitic = prefix[-1:] if prefix[-1:] in ("ب", "ل", "ك") else ""
        if whole and prefix:
            mention.trim = _skip_letters(self.tokens[first].text, len(prefix))
        if not prefix and first > 0 and self.keys[first - 1] in ("ل", "ب") and self.sent[first - 1] == self.sent[first]:
            mention.clitic = self.keys[first - 1]
        return mention

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
            word = word[_skip_letters(word, 1) :]
        return word

    def span_text(self, first: int, last: int, *, conjunction: bool, lam: bool = False) -> str:
        """Text of tokens ``first``..``last``, without a leading و or ف (+ لـ for frames)."""
        start = self.tokens[first].start
        if conjunction:
            start += _skip_letters(self.tokens[first].text, 1)
        return self.text[start : self.tokens[last].end] + (" لـ" if lam else "")

    def sentence_of(self, i: int) -> Span:
        return self.spans[self.sent[i]]


def _complementizer(key: str) -> bool:
    return _COMPLEMENTIZER_RE.fullmatch(key) is not None


def _nearest_verb(doc: _Doc, s: int, *, reach: int, through_mentions: bool) -> int | None:
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


def _is_outlet(m: _Mention) -> bool:
    """Media that can be told something: outlets, their back-references, unnamed media."""
    if m.ref:
        return m.ref != "any"
    return m.entry.kind in MEDIA_TYPES or (m.entry.kind == "unnamed" and m.entry.id.endswith("_media"))


def _frame_cue(doc: _Doc, m: _Mention) -> _Cue | None:
    """بحسب X، وفقا لـX، نقلا عن X، نقلت ... عن X، في حديثه لـX، في مقابلة مع X."""
    s = m.first
    end = s - 2 if m.clitic == "ل" and s > 0 and doc.keys[s - 1] == "ل" else s - 1
    for first, frame in doc.frame_ends.get(end, ()):
        if frame.what or frame.lam != (m.clitic == "ل") or doc.sent[first] != doc.sent[s]:
            continue
        text = doc.span_text(first, end, conjunction=doc.keys[first] != frame.key[0], lam=frame.lam)
        if frame.after_verbs:
            v = _nearest_verb(doc, first, reach=_FROM_REACH, through_mentions=True)
            if v is None or doc.verb(v) not in frame.after_verbs:
                continue
            text = f"{doc.verb_text(v)} {text}"
        return _Cue(text, frame.role, first, end)
    return _what_cue(doc, m)


def _what_cue(doc: _Doc, m: _Mention) -> _Cue | None:
    """بحسب ما نقلته وكالة تاس، حسبما أعلنت الوكالة، وفقا لما ذكرته وكالات الأنباء."""
    if m.clitic:
        return None
    v = _nearest_verb(doc, m.first, reach=_WHAT_REACH, through_mentions=False)
    if v is None or (m.ref and v != m.first - 1):
        return None
    for first, frame in doc.frame_ends.get(v - 1, ()):
        if frame.what:
            return _Cue(doc.span_text(first, v, conjunction=doc.keys[first] != frame.key[0]), "quoted_from", first, v)
    return None


def _told_to_cue(doc: _Doc, m: _Mention) -> _Cue | None:
    """قال لانكوف لوكالة أسوشيتد برس; أبلغ مسؤول أميركي رويترز."""
    if not _is_outlet(m):
        return None
    v = _nearest_verb(doc, m.first, reach=_TOLD_REACH, through_mentions=True)
    if v is None:
        return None
    lemma = doc.verb(v)
    told = (m.clitic == "ل" and lemma in doc.cues.told_to_lemmas) or (not m.clitic and lemma in doc.cues.listener_verbs)
    return _Cue(doc.verb_text(v), "told_to", v, v) if told else None


def _verb_before(doc: _Doc, m: _Mention) -> _Cue | None:
    """ذكرت وكالة X، قال المتحدث باسم الكرملين، قال مسؤول في وزارة الوحدة."""
    s = m.first
    v = _nearest_verb(doc, s, reach=_VERB_REACH, through_mentions=False)
    if v is None:
        return None
    gap = s - v - 1
    if gap and (m.ref or any(doc.keys[i] in doc.cues.object_markers for i in range(v + 1, s))):
        return None
    if gap and doc.verb(v) in doc.cues.object_verbs and doc.keys[v + 1] not in doc.cues.titles:
        return None
    titled = any(doc.keys[i] in doc.cues.titles for i in range(max(v + 1, s - _TITLE_REACH), s))
    attached = m.clitic or (gap and doc.keys[s - 1] == "في")
    if attached and not titled:
        return None
    return _Cue(doc.verb_text(v), "reported_by", v, v)


def _subject_position(doc: _Doc, s: int) -> bool:
    """Whether a name at token ``s`` (with any title before it) opens its clause."""
    i = s - 1
    while i >= 0 and doc.sent[i] == doc.sent[s] and doc.keys[i] in doc.cues.titles:
        i -= 1
    if i < 0 or doc.sent[i] != doc.sent[s] or doc.keys[i] in _OPENERS:
        return True
    return _PUNCT_RE.search(doc.between(i)) is not None


def _verb_after(doc: _Doc, m: _Mention) -> _Cue | None:
    """البيت الأبيض أعلن; المتحدث باسم الكرملين ديمتري بيسكوف أكد."""
    if m.ref or m.clitic or not _subject_position(doc, m.first):
        return None
    for v in range(m.last + 1, min(m.last + 1 + _AFTER_REACH, len(doc.tokens))):
        if doc.sent[v] != doc.sent[m.first] or v in doc.owner or _complementizer(doc.keys[v]):
            return None
        if doc.mark_after(v - 1) is not None:
            return None
        if doc.cues.verb_at(doc.keys[v]):
            return _Cue(doc.verb_text(v), "reported_by", v, v) if doc.verb(v) else None
    return None


def _attribution(doc: _Doc, m: _Mention) -> _Cue | None:
    return _frame_cue(doc, m) or _told_to_cue(doc, m) or _verb_before(doc, m) or _verb_after(doc, m)


def _head(doc: _Doc, m: _Mention, heads: frozenset[str]) -> str:
    """The first word of a mention without clitics or article (وكالة، شبكة، قناة)."""
    key = doc.keys[m.first]
    prefix, _ = _prefix(key, heads)
    word = key[len(prefix) :]
    return word[2:] if word.startswith("ال") else word


def _resolve(doc: _Doc, m: _Mention, history: list, heads: frozenset[str]) -> Entry | None:
    """The source a back-reference stands for, where that is unambiguous."""
    if m.ref == "any":
        cited = [h for h in history if h[3]]
        return cited[-1][1] if cited else None
    head = _head(doc, m, heads)
    candidates = [
        h for h in history
        if (h[1].kind == m.ref or h[2] == head) and (not m.country or h[1].country == m.country)
    ]  # fmt: skip
    if not candidates or candidates[-1][1].kind != m.ref:
        return None
    last = candidates[-1][1]
    recent = {h[1].id for h in candidates if doc.sent[m.first] - h[0] <= _RECENT}
    if {h[1].id for h in candidates} == {last.id} or recent == {last.id}:
        return last
    return None


def _quote(doc: _Doc, at: int, span: Span) -> str:
    """The quotation opening at character ``at`` (to its closing mark, else the sentence end)."""
    closers = _QUOTES[doc.text[at]]
    limit = doc.text.find("\n", at)
    limit = len(doc.text) if limit < 0 else limit
    ends = [e for e in (doc.text.find(c, at + 1, limit) for c in closers) if e >= 0]
    end = min(ends) if ends else max(span.end, at + 1)
    return doc.text[at + 1 : end].strip(_TRIM)


def _after_mark(doc: _Doc, at: int, span: Span) -> str:
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


def _marker_claim(doc: _Doc, anchor: int, span: Span, *, near: int | None = None) -> str:
    """What follows the first colon, quotation mark or أن/إن after token ``anchor``."""
    i = anchor
    while True:
        gap_end = doc.tokens[i + 1].start if i + 1 < len(doc.tokens) else len(doc.text)
        gap_end = min(gap_end, span.end)
        mark = _mark(doc.text, doc.tokens[i].end, gap_end)
        if mark is not None:
            return _after_mark(doc, mark, span)
        i += 1
        if i >= len(doc.tokens) or doc.tokens[i].start >= span.end or (near is not None and i - anchor > near):
            return ""
        if (near is None or i == anchor + 1) and i not in doc.owner and _complementizer(doc.keys[i]):
            start = doc.tokens[i].end if doc.keys[i] in _BARE_COMPLEMENTIZERS else doc.tokens[i].start
            return doc.text[start : span.end].strip(_TRIM)


def _claim(doc: _Doc, m: _Mention, cue: _Cue) -> str:
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


def _sentence_first(doc: _Doc, i: int) -> int:
    """First token of the sentence of token ``i``."""
    while i > 0 and doc.sent[i - 1] == doc.sent[i]:
        i -= 1
    return i


def _joins(previous: _Mention, m: _Mention) -> bool:
    """Whether ``m`` stands in apposition or coordination with the mention right before it."""
    return not m.ref and m.clitic == previous.clitic


def _doc_rows(doc_id: str, text: str, lex: _Lexicon, cues: Cues) -> list[tuple]:
    doc = _Doc(text, lex, cues)
    rows: list[tuple] = []
    history: list[tuple] = []  # (sentence, entry, head, cited) of named mentions so far
    previous: tuple[_Mention, _Cue | None] | None = None
    for m in doc.mentions:
        cue = _attribution(doc, m)
        if cue is None and previous and previous[1] and previous[0].last + 1 == m.first and _joins(previous[0], m):
            if previous[0].entry and m.entry and previous[0].entry.id == m.entry.id:
                previous = (m, None)
                continue  # وكالة الأنباء الكويتية (كونا): one citation
            cue = previous[1]  # apposition or coordination: بحسب رويترز وفرانس برس
        previous = (m, cue)
        entry = m.entry or (_resolve(doc, m, history, lex.heads) if cue else None)
        if m.entry:
            history.append((doc.sent[m.first], m.entry, _head(doc, m, lex.heads), cue is not None))
        if cue is None or entry is None:
            continue
        start, end = doc.tokens[m.first].start + m.trim, doc.tokens[m.last].end
        rows.append((
            doc_id, entry.id, entry.en, entry.ar, entry.kind, cue.text, cue.role, text[start:end],
            start, end, doc.sent[m.first], _claim(doc, m, cue), bool(m.ref),
        ))  # fmt: skip
    return rows


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "sentence_id": "int64", "resolved": "bool"})


def _frame(rows: list[tuple]) -> pd.DataFrame:
    if not rows:
        return _empty()
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    return frame.astype({"start": "int64", "end": "int64", "sentence_id": "int64", "resolved": "bool"})


def sources_batch(batch: pd.DataFrame, *, extra: str | Path | None = None) -> pd.DataFrame:
    """Attributions in one batch of documents (the per-batch work of ``find_sources``)."""
    lex = _lexicon(None if extra is None else str(extra))
    cues = load_cues()
    rows: list[tuple] = []
    for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True):
        rows.extend(_doc_rows(str(doc_id), str(text or ""), lex, cues))
    return _frame(rows)


def find_sources(
    corpus: Corpus, *, engine: str = "local", progress: bool | None = None, extra: str | Path | None = None
) -> pd.DataFrame:
    """One row per attribution: who is cited, with which cue and role, for which claim.

    Args:
        corpus: The documents.
        engine: ``"local"`` or ``"dask"`` (same rows either way).
        progress: Show a progress bar (default: for large corpora).
        extra: A YAML file of sources that extends or overrides the packaged ``sources.yaml``.

    Returns:
        Columns ``COLUMNS``, in document order then text order.
    """
    options = {} if extra is None else {"extra": str(extra)}
    parts = [p for p in run_batches(corpus, sources_batch, engine=engine, progress=progress, **options) if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def source_counts(corpus: Corpus, *, engine: str = "local") -> pd.DataFrame:
    """Attributions per source: count and number of documents, most cited first."""
    table = find_sources(corpus, engine=engine)
    keys = ["source_id", "source_en", "source_ar", "source_type"]
    if table.empty:
        return pd.DataFrame(columns=[*keys, "count", "doc_count"]).astype({"count": "int64", "doc_count": "int64"})
    grouped = table.groupby(keys, sort=False).agg(count=("doc_id", "size"), doc_count=("doc_id", "nunique"))
    grouped = grouped.reset_index().sort_values(["count", "source_en"], ascending=[False, True], kind="stable")
    return grouped.reset_index(drop=True)


def sources_per_doc(table: pd.DataFrame) -> pd.DataFrame:
    """Attributions per document and source type (index doc_id), for a stacked bar chart."""
    counts = pd.crosstab(table["doc_id"], table["source_type"]) if len(table) else pd.DataFrame()
    present = [t for t in SOURCE_TYPES if t in counts.columns]
    counts = counts.reindex(columns=present, fill_value=0).astype("int64")
    counts.columns.name = "source_type"
    counts.index.name = "doc_id"
    return counts


def cue_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Attributions per cue lemma (ذكر، قال، بحسب ...) and role, most used first."""
    cues = load_cues()
    lemmas = table["cue"].map(lambda cue: _cue_lemma(cue, cues)) if len(table) else pd.Series(dtype=object)
    frame = pd.DataFrame({"cue": lemmas, "role": table["role"] if len(table) else pd.Series(dtype=object)})
    counts = frame.groupby(["cue", "role"]).size().rename("count").reset_index()
    counts["count"] = counts["count"].astype("int64")
    return counts.sort_values(["count", "cue", "role"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def _cue_lemma(cue: str, cues: Cues) -> str:
    """A cue's dictionary form: the verb's lemma (وذكرت -> ذكر), a frame as listed (وفقا لـ)."""
    keys = [match_key(t.norm) for t in tokenize(cue.replace("لـ", " "))]
    if not keys:
        return cue
    verb = cues.verb_at(keys[0])
    if verb:
        return cues.lemmas[verb[0]] + (" عن" if keys[-1] == "عن" and len(keys) > 1 else "")
    frames = cues.frames_at(keys, 0)
    return frames[0][0].phrase if frames else cue

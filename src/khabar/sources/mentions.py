"""Source mentions: dictionary names and back-references found in a document's tokens."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from khabar.clitics import CONJUNCTIONS, PREPOSITIONS, PROCLITICS
from khabar.lexicon import Entry, PhraseMatcher, load_entries, phrase_key
from khabar.sources.cuelist import MEDIA_TYPES, Cues, load_cues
from khabar.sources.passage import Mention, Passage, skip_letters
from khabar.sources.unlisted import unlisted_mentions

__all__ = ["Lexicon", "head_word", "lexicon", "read_passage", "resolve"]

_BODY_TYPES = frozenset({"government", "international_org", "unnamed"})
_RECENT = 2  # sentences within which a back-reference may pick among several candidates


@dataclass(frozen=True)
class _Ref:
    """A back-reference word: the last named source of ``kind`` (``any``: of any type)."""

    kind: str


@dataclass(frozen=True)
class _Name:
    """A listed source; ``strict`` for a short form that is also a common word (الجزيرة)."""

    entry: Entry
    strict: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The sources dictionary compiled: phrases, their first words, and each listed outlet by
    its name without its kind word (عكاظ for صحيفة عكاظ)."""

    matcher: PhraseMatcher
    heads: frozenset[str]
    outlets: Mapping[tuple[str, ...], Entry]


@lru_cache(maxsize=8)
def lexicon(extra: str | None) -> Lexicon:
    entries = load_entries("sources", extra=extra)
    phrases: list[tuple[str, object]] = [(v, _Name(e)) for e in entries for v in e.variants]
    phrases += [(v, _Name(e, strict=True)) for e in entries for v in e.short]
    phrases += [(phrase, _Ref(kind)) for phrase, kind in load_cues().backrefs]
    heads = frozenset(key[0] for key in (phrase_key(p) for p, _ in phrases) if key)
    outlets = _outlets_by_name(entries, load_cues().outlet_words)
    return Lexicon(PhraseMatcher(phrases), heads | load_cues().outlet_words, outlets)


def _outlets_by_name(
    entries: list[Entry], kind_words: frozenset[str]
) -> dict[tuple[str, ...], Entry]:
    """Listed outlets by the words after their kind word (صحيفة الرياض -> الرياض)."""
    found: dict[tuple[str, ...], Entry] = {}
    for entry in entries:
        if entry.kind not in MEDIA_TYPES:
            continue
        for key in map(phrase_key, (*entry.variants, *entry.short)):
            if len(key) > 1 and key[0] in kind_words:
                found.setdefault(key[1:], entry)
            elif key:
                found.setdefault(key, entry)
    return found


def _prefix(key: str, heads: frozenset[str]) -> tuple[str, bool] | None:
    """(proclitics on a mention's first word, whether the rest is written whole).

    None when the word is no conjunction + preposition + article + a listed word: the
    matcher also peels ك after ال (الكافي -> افي = EFE), which Arabic never writes.
    """
    for conj in ("", *CONJUNCTIONS):
        for prep in ("", *PREPOSITIONS):
            pre = conj + prep
            if not key.startswith(pre):
                continue
            body = key[len(pre) :]
            if body in heads or (body.startswith("ال") and body[2:] in heads):
                return pre, True
            if prep == "ل" and body.startswith("ل") and ("ا" + body in heads or body[1:] in heads):
                return pre, False  # للبيت = ل + البيت: the alef is not written
    return None


def read_passage(text: str, lex: Lexicon, cues: Cues) -> Passage:
    """A document with its source mentions found."""
    doc = Passage(text, cues)
    found: list[Mention] = []
    for match in lex.matcher.find_words(doc.keys, doc.starts, doc.ends, text):
        if match.first > 0 and doc.keys[match.first - 1] in cues.not_after:
            continue
        first = match.first
        if _outlet_word_before(doc, first, match.value):
            first -= 1
            if found and found[-1].last == first:
                found.pop()  # الشبكة CNN: one mention
        mention = _mention(doc, first, match.last, match.value, lex)
        if mention is not None:
            found.append(mention)
    doc.set_mentions(found)
    extra = unlisted_mentions(doc, listed=lex.outlets)
    if extra:
        doc.set_mentions(sorted(found + extra, key=lambda m: m.first))
    return doc


def _outlet_word_before(doc: Passage, first: int, value: object) -> bool:
    """Whether the word before a listed outlet names its kind (جريدة الجارديان)."""
    if first == 0 or not isinstance(value, _Name) or value.entry.kind not in MEDIA_TYPES:
        return False
    words = doc.cues.outlet_words
    if doc.keys[first] in words or doc.sent[first - 1] != doc.sent[first]:
        return False
    key = doc.keys[first - 1]
    return any(key[len(pre) :] in words for pre in PROCLITICS if key.startswith(pre))


def _mention(doc: Passage, first: int, last: int, value: object, lex: Lexicon) -> Mention | None:
    """The mention a dictionary match makes, None where the match is spurious."""
    if isinstance(value, _Name):
        mention = Mention(first, last, value.entry, strict=value.strict)
    elif isinstance(value, _Ref):
        mention = Mention(first, last, None, ref=value.kind, strict=True)
    else:
        raise TypeError(f"not a source phrase: {value!r}")
    nationality = doc.cues.nationality_at(doc.keys, last + 1)
    if nationality and doc.sent[nationality[1]] == doc.sent[last]:
        if mention.ref:
            mention.country, mention.last = nationality
        elif mention.entry is not None and _other_country(mention.entry, nationality[0]):
            return None  # مجلس الأمن القومي التركي is not the US NSC
    split = _prefix(doc.keys[first], lex.heads)
    if split is None:
        return None
    prefix, whole = split
    mention.clitic = prefix[-1:] if prefix[-1:] in PREPOSITIONS else ""
    if whole and prefix:
        mention.trim = skip_letters(doc.words[first], len(prefix))
    alone = (
        first > 0 and doc.sent[first - 1] == doc.sent[first] and doc.keys[first - 1] in ("ل", "ب")
    )
    if not prefix and alone:
        mention.clitic = doc.keys[first - 1]  # لـ “واس”
    return mention


def _other_country(entry: Entry, country: str) -> bool:
    return entry.kind in _BODY_TYPES and entry.country not in ("", "INT", country)


def head_word(doc: Passage, m: Mention, heads: frozenset[str]) -> str:
    """The first word of a mention without clitics or article (وكالة، شبكة، قناة)."""
    key = doc.keys[m.first]
    prefix, _ = _prefix(key, heads) or ("", True)
    word = key[len(prefix) :]
    return word[2:] if word.startswith("ال") else word


def resolve(doc: Passage, m: Mention, history: list, heads: frozenset[str]) -> Entry | None:
    """The source a back-reference stands for, where that is unambiguous."""
    if m.ref == "any":
        cited = [h for h in history if h[3]]
        return cited[-1][1] if cited else None
    head = head_word(doc, m, heads)
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


def _joins(previous: Mention, m: Mention) -> bool:
    """Whether ``m`` stands in apposition or coordination with the mention right before it."""
    return not m.strict and m.clitic == previous.clitic

"""Discovery of people the actors dictionary lacks, from the words around their names.

A person is a run of 2-4 name-like words (the links بن/بنت and joined parts such as عبد الله or
آل سعود aside) standing next to a cue: after a title or role once the title's own words are
passed (الباحث سامي النجار، وزير الخارجية المصري سامح شكري), right after a reporting verb (وقال
سامي النجار), or before a comma and a title (سامي النجار، الباحث في ...). Later mentions of the
same full name in the article count too, and so does its last word right after a reporting verb
(وأضاف النجار).

Precision first, since an analyst reads the list: a word is name-like only if it is not a
stopword, a title, a reporting verb, a nationality adjective or a word of a listed country,
organization, place or outlet, and, unless it is a common given name, the batch never writes it
with the article (المسؤول makes مسؤول an ordinary word). The cue lists are data, in the
``discovery:`` section of ``data/discovery.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

import yaml

from khabar.cues import load_cues
from khabar.lexicon import load_entries, phrase_key
from khabar.normalize import is_arabic_letter
from khabar.tokens import Token
from khabar.wordlists import arabic_stopwords

__all__ = ["Found", "Hints", "Vocabulary", "discover", "load_hints"]

MIN_UNITS, MAX_UNITS = 2, 4
_TITLE_SPAN = 8  # words a title may run over before the name (وزير الدولة لشؤون ... فلان)
_NAME_GAP_RE = re.compile(r"[ \u00a0\-‐–]+")
_TITLE_GAP_RE = re.compile(r"[\s()،,]*")
_QUOTES = frozenset("\"'“”«»„")
_COMMA_GAP_RE = re.compile(r"\s*[،,]\s*")
_ARTICLE_FORMS = ("وال", "فال", "بال", "كال", "لل")
_CONJUNCTIONS = "وفبل"
_NISBA_ENDINGS = ("ي", "يه", "يون", "يين", "يان", "يتان")
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "كم", "تنا")
_PLURAL_ENDINGS = ("ات", "يون", "يين", "وا")
_TANWEEN = frozenset("\u064b\u064c\u064d")
_LINKS = frozenset({"بن", "بنت"})


class Found(NamedTuple):
    """A discovered mention: tokens ``first``..``last`` name the unlisted person ``key``.

    ``name`` is the normalized name and ``display`` the name as first written with a cue.
    """

    first: int
    last: int
    key: tuple[str, ...]
    name: str = ""
    display: str = ""


@dataclass(frozen=True)
class Hints:
    """The compiled cue lists (match keys)."""

    titles: frozenset[str]
    title_phrases: dict[str, tuple[tuple[str, ...], ...]]
    verbs: frozenset[str]
    links: frozenset[str]
    joiners: frozenset[str]
    given: frozenset[str]
    blocked: frozenset[str]
    things: frozenset[str]
    named_after: frozenset[str]
    cue_words: frozenset[str]  # every word that may start a cue, clitics included
    stopwords: frozenset[str]
    nisba: frozenset[str]

    def verb(self, k: str) -> bool:
        """A reporting verb, with or without و or ف in front."""
        return k in self.verbs or (k[:1] in "وف" and k[1:] in self.verbs)


@dataclass(frozen=True)
class Vocabulary:
    """What a batch of documents writes: words with the article (``definite``: مسؤول for
    المسؤول), words without it (``bare``), and given names (``given``: next to بن or بنت)."""

    definite: frozenset[str]
    bare: frozenset[str]
    given: frozenset[str]

    @classmethod
    def of(cls, docs: Iterable[Sequence[str]]) -> Vocabulary:
        """The vocabulary of documents given as lists of match keys."""
        words: set[str] = set()
        given: set[str] = set()
        for keys in docs:
            words.update(keys)
            for i in [i for i, k in enumerate(keys) if k in _LINKS]:
                given.update(keys[max(i - 1, 0) : i] + keys[i + 1 : i + 2])
        definite = {w[2:] for w in words if w.startswith("ال") and len(w) > 3}
        definite.update(w[3:] for w in words if w[:3] in _ARTICLE_FORMS[:4] and len(w) > 4)
        definite.update(w[2:] for w in words if w.startswith("لل") and len(w) > 4)
        given = {w for w in given if len(w) > 1 and not w.startswith("ال") and w.isalpha()}
        return cls(
            frozenset(definite),
            frozenset(w for w in words if not w.startswith("ال")),
            frozenset(given - arabic_stopwords() - definite),
        )


def _keys(words: Iterable[str]) -> set[str]:
    return {k for w in words for k in phrase_key(w)}


def _titles(raw: Sequence[str]) -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    single: set[str] = set()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for title in raw:
        key = phrase_key(title)
        if len(key) == 1:
            single.add(key[0])
            if not key[0].startswith("ال"):
                single.add("ال" + key[0])
        elif key:
            for first in {key[0], "ال" + key[0]} if not key[0].startswith("ال") else {key[0]}:
                phrases.setdefault(first, []).append(key[1:])
    return frozenset(single), {k: tuple(v) for k, v in phrases.items()}


def _dictionary_words() -> frozenset[str]:
    """Words of listed countries, organizations, places and outlets that no listed person uses."""
    actors = load_entries("actors")
    people = _keys(v for e in actors if e.kind == "person" for v in (*e.variants, *e.short))
    others = _keys(v for e in actors if e.kind != "person" for v in e.variants)
    others |= _keys(v for e in load_entries("sources") for v in e.variants)
    return frozenset(others - people)


def _cue_words(verbs: Iterable[str], titles: Iterable[str]) -> frozenset[str]:
    words = {p + v for v in verbs for p in ("", "و", "ف")}
    for title in titles:
        words.update(p + title for p in ("", *_CONJUNCTIONS))
        if title.startswith("ال"):
            words.add("لل" + title[2:])
    return frozenset(words)


@cache
def load_hints() -> Hints:
    """The discovery cues of ``data/discovery.yaml`` plus stopwords and dictionary words."""
    text = resources.files("khabar.data").joinpath("discovery.yaml").read_text(encoding="utf-8")
    raw = (yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}).get(
        "discovery", {}
    )
    titles, title_phrases = _titles(raw.get("titles", []))
    cues = load_cues()
    lemmas = _keys(raw.get("verbs", []))
    verbs = frozenset(form for form, lemma in cues.verbs.items() if lemma in lemmas)
    stems = {adj[0][2:-1] for adj in cues.nationalities if adj[0].endswith("ي")}
    nisba = frozenset(stem + end for stem in stems for end in _NISBA_ENDINGS)
    blocked = (
        arabic_stopwords() | _keys(raw.get("not_names", [])) | titles | verbs
    ) | _dictionary_words()
    return Hints(
        titles=titles,
        title_phrases=title_phrases,
        verbs=verbs,
        links=frozenset(_keys(raw.get("links", []))),
        joiners=frozenset(_keys(raw.get("joiners", []))),
        given=frozenset(_keys(raw.get("given_names", []))),
        blocked=frozenset(blocked),
        things=frozenset(_keys(raw.get("things", [])) | _keys(raw.get("named_after", []))),
        named_after=frozenset(_keys(raw.get("named_after", []))),
        cue_words=_cue_words(verbs, titles | set(title_phrases)),
        stopwords=arabic_stopwords(),
        nisba=nisba,
    )


class _Reader:
    """Reads names in one document."""

    def __init__(
        self,
        tokens: Sequence[Token],
        keys: Sequence[str],
        text: str,
        covered: Sequence[str | None],
        hints: Hints,
        vocab: Vocabulary,
    ) -> None:
        self.tokens, self.keys, self.text = tokens, keys, text
        self.covered, self.hints, self.vocab = covered, hints, vocab

    def gap(self, i: int) -> str:
        """The text between token ``i - 1`` and token ``i``."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def word(self, k: str) -> bool:
        """A stopword, a plain word of the batch or a given name (after a conjunction)."""
        if k in self.hints.stopwords:
            return True
        return len(k) >= 3 and (k in self.hints.given or k in self.vocab.bare)

    def given_key(self, k: str) -> bool:
        """A given name: listed, seen next to بن in the batch, or عبد joined to its second part."""
        return (
            k in self.hints.given or k in self.vocab.given or (k.startswith("عبد") and len(k) >= 6)
        )

    def given(self, i: int) -> bool:
        """Token ``i`` is a given name (not the stopword على written like علي)."""
        k = self.keys[i]
        if not self.given_key(k):
            return False
        # على (on) normalizes like علي (Ali): written with ى, the stopword is meant
        return not (k in self.hints.stopwords and self.tokens[i].text.endswith("ى"))

    def blocked(self, k: str) -> bool:
        hints = self.hints
        if len(k) < 2 or k in hints.blocked or not all(map(is_arabic_letter, k)):
            return True
        if k.startswith(_ARTICLE_FORMS) or (k[0] in _CONJUNCTIONS and self.word(k[1:])):
            return True  # والمسؤول، وسامي: a clitic in front makes it no name word
        return (k[2:] if k.startswith("ال") else k) in hints.nisba  # الروسي، أميركيون

    def pronoun(self, i: int) -> bool:
        """Ends in an attached pronoun (قطاره، رحلتها، أنهم)."""
        norm = self.tokens[i].norm
        if len(norm) >= 4 and norm.endswith("ه") and norm[-2] not in "يا":
            return True
        return len(norm) >= 4 and norm.endswith(_PRONOUN_ENDINGS)

    def plain(self, i: int) -> bool:
        """Shaped like an ordinary word: ة, a plural or pronoun ending, tanween, or an
        accusative ا on a word of the batch (مصدرا، هاتفيا)."""
        norm, k = self.tokens[i].norm, self.keys[i]
        if norm.endswith("ة") or self.pronoun(i) or _TANWEEN & set(self.tokens[i].text):
            return True
        if (len(norm) >= 5 and norm.endswith(_PLURAL_ENDINGS)) or norm.endswith(("ئا", "ءا")):
            return True  # أميركيون، مذكرات، شيئا
        stem = k[:-1]  # an accusative ا on a word of the batch: مصدرا، هاتفا
        return (
            k.endswith("ا")
            and len(k) >= 4
            and (stem in self.vocab.bare or stem in self.vocab.definite)
        )

    def first_ok(self, i: int) -> bool:
        """Can token ``i`` open a name?"""
        k = self.keys[i]
        if self.given(i):
            return True
        if self.blocked(k) or self.plain(i) or k.startswith("ال"):
            return False
        return k not in self.vocab.definite

    def rest_ok(self, i: int, *, arab: bool) -> bool:
        """Can token ``i`` continue a name (``arab``: one that opened with a given name)?"""
        k = self.keys[i]
        if self.given(i):
            return True
        if k.startswith("ال"):  # النجار، الفيصل: family names follow given names only
            base = k[2:]
            if self.given_key(base):
                return arab
            return arab and base not in self.vocab.bare and not (self.blocked(k) or self.plain(i))
        if self.blocked(k) or self.plain(i):
            return False
        return k not in self.vocab.definite

    def name_at(self, i: int) -> int | None:
        """Last token of a 2-4 word name that starts at token ``i``, else None."""
        keys, hints, n = self.keys, self.hints, len(self.keys)
        units, j, last, arab = 0, i, None, False
        while j < n and self.covered[j] is None:
            k = keys[j]
            if j > i and not _NAME_GAP_RE.fullmatch(self.gap(j)):
                break
            if k in hints.joiners and j + 1 < n and _NAME_GAP_RE.fullmatch(self.gap(j + 1)):
                arab = arab or units == 0
                units, last, j = units + 1, j + 1, j + 2
            elif k in hints.links and units and j + 1 < n:
                j += 1
                continue
            elif units == 0 and self.first_ok(j):
                arab = self.given(j)
                units, last, j = 1, j, j + 1
            elif units and self.rest_ok(j, arab=arab):
                if units == MAX_UNITS:
                    return None  # longer than a name: no telling where it ends
                units, last, j = units + 1, j, j + 1
            else:
                break
        if last is None or units < MIN_UNITS or keys[last] in hints.links:
            return None
        return last

    def name_from(self, i: int) -> Found | None:
        """The name starting at ``i``, restarted at a given name that follows a non-name."""
        last = self.name_at(i)
        if last is None:
            return None
        if not self.given(i):
            for j in range(i + 1, last + 1):
                if self.given(j) and self.keys[j - 1] not in self.hints.links:
                    inner = self.name_at(j)
                    return self._found(j, inner) if inner is not None else None
        return self._found(i, last)

    def _found(self, first: int, last: int) -> Found:
        tokens = self.tokens[first : last + 1]
        return Found(
            first,
            last,
            tuple(self.keys[first : last + 1]),
            " ".join(t.norm for t in tokens),
            self.text[tokens[0].start : tokens[-1].end],
        )

    def title_end(self, i: int) -> int | None:
        """Last token of a title starting at ``i`` (clitics seen through), else None."""
        k = self.keys[i]
        forms = (k, k[1:]) if k[:1] in _CONJUNCTIONS else (k,)
        for form in forms:
            for rest in self.hints.title_phrases.get(form, ()):
                end = i + len(rest)
                if end < len(self.keys) and tuple(self.keys[i + 1 : end + 1]) == rest:
                    return end
            if form in self.hints.titles or (
                form.startswith("لل") and "ال" + form[2:] in self.hints.titles
            ):
                return i
        return None

    def after_title(self, end: int) -> Found | None:
        """The name after a title ending at ``end``, past the title's own words."""
        j, steps = end + 1, 0
        while j < len(self.keys) and steps < _TITLE_SPAN:
            if not _TITLE_GAP_RE.fullmatch(self.gap(j)):
                return None
            kind = self.covered[j]
            if kind is None and self.first_ok(j):
                return self.name_from(j)
            if kind == "person" or self.keys[j] in self.hints.stopwords or self.pronoun(j):
                return None
            j, steps = j + 1, steps + 1
        return None

    def person(self, found: Found | None) -> Found | None:
        """``found`` unless it names a thing: in quotes («كونكت آدز») or after شركة, نادي ..."""
        if found is None or found.first == 0:
            return found
        if _QUOTES & set(self.gap(found.first)):
            return None
        before = self.keys[found.first - 1]
        if {before, before[1:]} & self.hints.things:
            return None
        return found

    def before_title(self, i: int) -> Found | None:
        """The name right before ``، <title>`` at token ``i``."""
        if i < MIN_UNITS or not _COMMA_GAP_RE.fullmatch(self.gap(i)):
            return None
        start = i - 1
        while start > 0 and i - start <= MAX_UNITS + 2 and self.covered[start - 1] is None:
            if not _NAME_GAP_RE.fullmatch(self.gap(start)):
                break
            k = self.keys[start - 1]
            if not (
                self.rest_ok(start - 1, arab=True) or k in self.hints.links | self.hints.joiners
            ):
                break
            start -= 1
        for s in range(start, i - 1):
            found = self.name_from(s) if self.covered[s] is None else None
            if found is not None and found.last == i - 1 and found.first == s:
                return found
        return None

    def cued(self) -> list[Found]:
        """Names next to a cue, in text order, without overlaps."""
        found: dict[int, Found] = {}
        cues = self.hints.cue_words
        for i in [i for i, k in enumerate(self.keys) if k in cues]:
            k = self.keys[i]
            if self.covered[i] is not None:
                continue
            hit = None
            if self.hints.verb(k) and i + 1 < len(self.keys):
                hit = self.name_from(i + 1) if self.gap(i + 1).isspace() else None
            elif (end := self.title_end(i)) is not None:
                hit = self.person(self.after_title(end)) or self.person(self.before_title(i))
            if hit is not None:
                found.setdefault(hit.first, hit)
        taken: list[Found] = []
        for hit in sorted(found.values()):
            if not taken or hit.first > taken[-1].last:
                taken.append(hit)
        return taken


def _occurrences(reader: _Reader, cued: dict[tuple[str, ...], Found]) -> list[Found]:
    """Every occurrence of the discovered full names (first word through a clitic)."""
    firsts = {name[0] for name in cued}
    keys, out = reader.keys, []
    for i in [i for i, k in enumerate(keys) if k in firsts or k[1:] in firsts]:
        for name, hit in cued.items():
            last = i + len(name) - 1
            if last >= len(keys) or any(reader.covered[j] for j in range(i, last + 1)):
                continue
            head = keys[i] == name[0] or (keys[i][0] in _CONJUNCTIONS and keys[i][1:] == name[0])
            if (
                head
                and tuple(keys[i + 1 : last + 1]) == name[1:]
                and all(_NAME_GAP_RE.fullmatch(reader.gap(j)) for j in range(i + 1, last + 1))
            ):
                out.append(hit._replace(first=i, last=last))
    return out


def _surnames(reader: _Reader, full: list[Found]) -> list[Found]:
    """A discovered name's last word right after a reporting verb, after its full mention."""
    first_seen: dict[str, Found] = {}
    for hit in full:
        surname = hit.key[-1]
        if len(hit.key) > 1 and not (reader.given_key(surname) or reader.blocked(surname)):
            first_seen.setdefault(surname, hit)
    keys, out = reader.keys, []
    for i in range(1, len(keys)):
        hit = first_seen.get(keys[i])
        if (
            hit is not None
            and i > hit.last
            and reader.covered[i] is None
            and reader.hints.verb(keys[i - 1])
            and reader.gap(i).isspace()
        ):
            out.append(hit._replace(first=i, last=i))
    return out


def discover(
    tokens: Sequence[Token],
    keys: Sequence[str],
    text: str,
    *,
    covered: Sequence[str | None],
    vocab: Vocabulary,
    hints: Hints | None = None,
) -> list[Found]:
    """Mentions of unlisted people in one document, in text order.

    Args:
        tokens: The document's tokens.
        keys: Their match keys.
        text: The document.
        covered: Per token, the kind of the listed actor whose mention covers it, else None.
        vocab: The vocabulary of the batch the document belongs to.
        hints: Cue lists (the packaged ones by default).
    """
    reader = _Reader(tokens, keys, text, covered, hints or load_hints(), vocab)
    cued: dict[tuple[str, ...], Found] = {}
    for hit in reader.cued():
        cued.setdefault(hit.key, hit)
    if not cued:
        return []
    full = _occurrences(reader, cued)
    seen = {(f.first, f.last) for f in full}
    rest = [f for f in _surnames(reader, full) if (f.first, f.last) not in seen]
    return sorted(full + rest)

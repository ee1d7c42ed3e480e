"""What discovery reads names with: cue lists (``data/discovery.yaml``) and the corpus vocabulary.

The vocabulary is a property of the whole corpus, never of a batch: ``Tally`` counts what each
batch writes, tallies merge in any order, and ``Vocabulary.of`` reads the merged tally, so the
people found do not depend on how the corpus is cut into batches or partitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import compress
from typing import Any

import yaml

from khabar.actors.document import shared_doc
from khabar.clitics import ARTICLE_PREFIXES, CONJUNCTIONS
from khabar.cues import load_cues
from khabar.lexicon import key_of, load_entries, phrase_key
from khabar.tokens import WORD_RE
from khabar.wordlists import arabic_stopwords, common_words

__all__ = ["Hints", "Tally", "Vocabulary", "common_words", "discovery_data", "load_hints"]

_NISBA_ENDINGS = ("ي", "يه", "يون", "يين", "يان", "يتان")
_LINKS = frozenset({"بن", "بنت"})
#: The article with a clitic in front (وال، بال، لل ...): never the start of a bare name word.
CLITIC_ARTICLES = tuple(p for p in ARTICLE_PREFIXES if p != "ال")


@cache
def discovery_data() -> dict[str, Any]:
    """The parsed ``data/discovery.yaml``."""
    text = resources.files("khabar.data").joinpath("discovery.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


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
    openers: frozenset[str]  # given names, also after و: where a name may start without a cue
    starts: frozenset[str]  # cue words and openers: the words discovery looks at
    stopwords: frozenset[str]
    nisba: frozenset[str]
    nationalities: frozenset[str]

    def verb(self, k: str) -> bool:
        """A reporting verb, with or without و or ف in front."""
        return k in self.verbs or (k[:1] in CONJUNCTIONS and k[1:] in self.verbs)


@dataclass
class Tally:
    """What some documents write: their words, and the words next to بن or بنت."""

    words: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)

    def add(self, keys: Sequence[str]) -> None:
        """Count one document given as match keys."""
        self.words.update(keys)
        if not _LINKS.isdisjoint(keys):
            for i in compress(range(len(keys)), map(_LINKS.__contains__, keys)):
                self.linked.update(keys[max(i - 1, 0) : i], keys[i + 1 : i + 2])

    def add_text(self, text: str) -> None:
        """Count one document given as text (read once if a ``shared_docs`` block runs)."""
        doc = shared_doc(text)
        if doc is None or doc.strays:  # the stray marks count as words here
            words = WORD_RE.findall(text)
            self.words.update(map(key_of, set(words)))
        else:
            words = doc.surfaces
            self.words.update(doc.keys)
        if "بن" in text:
            for i in compress(range(len(words)), map(_LINKS.__contains__, words)):
                self.linked.update(map(key_of, words[max(i - 1, 0) : i] + words[i + 1 : i + 2]))

    def merge(self, other: Tally) -> Tally:
        """Both tallies in one (in place)."""
        self.words |= other.words
        self.linked |= other.linked
        return self

    @staticmethod
    def merged(tallies: Iterable[Tally]) -> Tally:
        """One tally of many."""
        total = Tally()
        for tally in tallies:
            total.merge(tally)
        return total


@dataclass(frozen=True)
class Vocabulary:
    """What the corpus writes: words with the article (``definite``: مسؤول for المسؤول),
    words without it (``bare``), and given names (``given``: next to بن or بنت)."""

    definite: frozenset[str]
    bare: frozenset[str]
    given: frozenset[str]
    #: Per spelling, what reading names decided about it (a function of the spelling and this
    #: vocabulary, so kept with it).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, tally: Tally) -> Vocabulary:
        """The vocabulary of a (merged) tally, with the words general Arabic uses often."""
        common_definite, common_bare = _common_readings()
        definite, bare = _readings(tally.words - common_words().keys())
        given = {w for w in tally.linked if len(w) > 1 and not w.startswith("ال") and w.isalpha()}
        return cls(
            common_definite.union(definite),
            common_bare.union(bare),
            frozenset(given - arabic_stopwords() - definite - common_definite),
        )

    @classmethod
    def of_texts(cls, docs: Iterable[Sequence[str]]) -> Vocabulary:
        """The vocabulary of documents given as lists of match keys."""
        tally = Tally()
        for keys in docs:
            tally.add(keys)
        return cls.of(tally)


def _readings(words: set[str]) -> tuple[set[str], set[str]]:
    """Words seen with the article (its clitic-led forms too) and words written without it."""
    definite = {w[2:] for w in words if w.startswith("ال") and len(w) > 3}
    definite.update(w[3:] for w in words if w[:3] in ("وال", "فال", "بال", "كال") and len(w) > 4)
    definite.update(w[2:] for w in words if w.startswith("لل") and len(w) > 4)
    return definite, {w for w in words if not w.startswith("ال")}


@cache
def _common_readings() -> tuple[frozenset[str], frozenset[str]]:
    """``_readings`` of the common words, the same for every corpus."""
    definite, bare = _readings(set(common_words()))
    return frozenset(definite), frozenset(bare)


def keys_of(words: Iterable[str]) -> set[str]:
    """Match keys of every word of the phrases ``words``."""
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
    people = keys_of(v for e in actors if e.kind == "person" for v in (*e.variants, *e.short))
    others = keys_of(v for e in actors if e.kind != "person" for v in e.variants)
    others |= keys_of(v for e in load_entries("sources") for v in e.variants)
    return frozenset(others - people)


def _cue_words(verbs: Iterable[str], titles: Iterable[str]) -> frozenset[str]:
    words = {p + v for v in verbs for p in ("", *CONJUNCTIONS)}
    for title in titles:
        words.update(p + title for p in ("", "و", "ف", "ب", "ل"))
        if title.startswith("ال"):
            words.add("لل" + title[2:])
    return frozenset(words)


def _given_names(raw: dict, *, not_given: frozenset[str]) -> frozenset[str]:
    """Listed given names, Arab and foreign, and first words of listed people's full names."""
    people = [e for e in load_entries("actors") if e.kind == "person"]
    surnames = keys_of(s for e in people for s in e.short)  # كيم is a surname, not a given name
    learned = {
        key[0]
        for entry in people
        for key in map(phrase_key, entry.variants)
        if len(key) > 1 and not key[0].startswith("ال") and key[0].isalpha()
    } - surnames
    listed = keys_of([*raw.get("given_names", []), *raw.get("foreign_given_names", [])])
    return frozenset(listed | (learned - not_given))


@cache
def country_adjectives() -> frozenset[str]:
    """Nationality adjectives of the listed countries' one-word names (البرازيل -> البرازيلي,
    نيجيريا -> النيجيري, سويسرا -> السويسري)."""
    out: set[str] = set()
    for entry in load_entries("actors"):
        if entry.kind != "country":
            continue
        for key in map(phrase_key, entry.variants):
            if len(key) != 1 or not key[0].isalpha() or len(key[0]) < 3:
                continue
            stem = key[0].removeprefix("ال")
            out.add("ال" + stem + "ي")
            if stem.endswith("يا"):
                out.add("ال" + stem[:-2] + "ي")
            elif stem.endswith("ا"):
                out.add("ال" + stem[:-1] + "ي")
    return frozenset(out)


@cache
def load_hints() -> Hints:
    """The discovery cues of ``data/discovery.yaml`` plus stopwords and dictionary words."""
    raw = discovery_data().get("discovery", {})
    titles, title_phrases = _titles(raw.get("titles", []))
    cues = load_cues()
    lemmas = keys_of(raw.get("verbs", []))
    verbs = frozenset(form for form, lemma in cues.verbs.items() if lemma in lemmas)
    stems = {adj[0][2:-1] for adj in cues.nationalities if adj[0].endswith("ي")}
    stems |= {adjective[2:-1] for adjective in country_adjectives()}
    nisba = frozenset(stem + end for stem in stems for end in _NISBA_ENDINGS)
    nationalities = frozenset(adj[0] for adj in cues.nationalities if len(adj) == 1)
    nationalities |= country_adjectives()
    blocked = (
        arabic_stopwords() | keys_of(raw.get("not_names", [])) | titles | verbs
    ) | _dictionary_words()
    given = _given_names(raw, not_given=blocked | keys_of(raw.get("joiners", [])))
    cue_words = _cue_words(verbs, titles | set(title_phrases) | nationalities)
    openers = given | {"و" + name for name in given}
    return Hints(
        titles=titles,
        title_phrases=title_phrases,
        verbs=verbs,
        links=frozenset(keys_of(raw.get("links", []))),
        joiners=frozenset(keys_of(raw.get("joiners", []))),
        given=given,
        openers=openers,
        starts=cue_words | openers,
        blocked=frozenset(blocked),
        things=frozenset(keys_of(raw.get("things", [])) | keys_of(raw.get("named_after", []))),
        named_after=frozenset(keys_of(raw.get("named_after", []))),
        cue_words=cue_words,
        stopwords=arabic_stopwords(),
        nisba=nisba,
        nationalities=nationalities,
    )

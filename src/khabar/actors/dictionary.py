"""The actors dictionary compiled for matching, with what resolution needs beside it.

One trie holds every listed actor's spellings and, so that the longest match wins across
dictionaries, the outlet names of ``sources.yaml`` (واشنطن بوست is a newspaper, not
Washington). Compiled dictionaries are cached by the state of the files they come from: an
edited or deleted corpus ``actors.yaml`` takes effect on the next call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from khabar.actors.hints import discovery_data, keys_of, load_hints
from khabar.actors.matching import PhraseTrie
from khabar.clitics import PROCLITICS
from khabar.cues import load_cues
from khabar.errors import InputError
from khabar.lexicon import Entry, load_entries, match_key, phrase_key
from khabar.wordlists import arabic_stopwords

__all__ = ["OUTLET", "Lexicon", "Phrase", "lexicon", "mastheads_of"]

OUTLET = "outlet"  # the form of an outlet's name: it blocks the actors inside it
_OUTLET_TYPES = frozenset({"agency", "broadcaster", "newspaper", "website"})


class Phrase(NamedTuple):
    """What a dictionary phrase stands for: ``form`` name, short, descriptor or outlet."""

    form: str
    ids: tuple[str, ...]
    head: str  # the phrase's first word (match key)
    written: str  # the phrase as the dictionary writes it
    key: tuple[str, ...]


class Ministries(NamedTuple):
    """Body + portfolio + country adjective: وزارة الداخلية السعودية."""

    bodies: dict[str, str]  # وزاره -> ministry
    portfolios: dict[tuple[str, ...], tuple[str, str]]  # key -> (slug, as written)
    countries: dict[tuple[str, ...], str]  # adjective key -> country code
    body_forms: frozenset[str]  # وزاره، لوزاره، ووزاره ...: body words with every proclitic


@dataclass(frozen=True)
class Lexicon:
    """The compiled actors dictionary."""

    entries: dict[str, Entry]
    names: PhraseTrie  # variants, short forms and outlet names -> Phrase
    descriptors: PhraseTrie  # descriptors -> Phrase
    descriptor_keys: dict[str, tuple[tuple[str, ...], ...]]
    continues: frozenset[str]  # words that continue some listed name after a short form
    given: frozenset[str]  # given names: a surname after one is someone else's
    named_after: frozenset[str]  # مركز، جامعة ...: a person's name after one names a place
    institutions: frozenset[str]  # مكتبة، جامعة ...: a place after one is part of a name
    stopwords: frozenset[str]
    own_adjectives: dict[str, frozenset[str]]
    nationalities: frozenset[str]
    ministries: Ministries
    countries: dict[str, Entry]  # country code -> listed country
    #: what resolution derives from the entries, by actor ids: the words of their spellings,
    #: and whether one of them is a person
    own_words: dict[tuple[str, ...], frozenset[str]] = dataclasses.field(
        default_factory=dict, repr=False
    )
    names_person: dict[tuple[str, ...], bool] = dataclasses.field(default_factory=dict, repr=False)


def _phrases(
    entries: Sequence[Entry], fields: Sequence[str]
) -> dict[tuple[str, ...], tuple[str, str, list[str]]]:
    """phrase key -> (phrase, field, ids) for the entries' phrases; a key keeps its first field."""
    found: dict[tuple[str, ...], tuple[str, str, list[str]]] = {}
    for field in fields:
        for entry in entries:
            for phrase in getattr(entry, field):
                key = phrase_key(phrase)
                if key and (key not in found or found[key][1] == field):
                    found.setdefault(key, (phrase, field, []))[2].append(entry.id)
    return found


def _trie(entries: Sequence[Entry], fields: Sequence[str], outlets: Sequence[Entry]) -> PhraseTrie:
    form = {"variants": "name", "short": "short", "descriptors": "descriptor"}
    found = _phrases(entries, fields)
    items = [
        (key, Phrase(form[field], tuple(dict.fromkeys(ids)), key[0], phrase, key))
        for key, (phrase, field, ids) in found.items()
    ]
    for entry in outlets:
        for phrase in entry.variants:
            key = phrase_key(phrase)
            if key and key not in found:
                items.append((key, Phrase(OUTLET, (entry.id,), key[0], phrase, key)))
    return PhraseTrie(items)


def _continuations(entries: Sequence[Entry]) -> frozenset[str]:
    """Inner words of multi-word person names (جونغ، إيل، سونغ), stopwords and names aside."""
    inner: set[str] = set()
    single: set[str] = set()
    for entry in entries:
        for phrase in entry.variants:
            key = phrase_key(phrase)
            if len(key) == 1:
                single.add(key[0])
            elif entry.kind == "person":
                inner.update(key[1:])
    return frozenset(inner - single - arabic_stopwords())


def _own_adjectives(entries: Sequence[Entry], nationalities: frozenset[str]) -> dict:
    """Per entry, the nationality adjectives its variants end with (مجلس الأمن القومي الأميركي)."""
    own: dict[str, frozenset[str]] = {}
    for entry in entries:
        ends = {phrase_key(v)[-1] for v in entry.variants if len(phrase_key(v)) > 1}
        if ends & nationalities:
            own[entry.id] = frozenset(ends & nationalities)
    return own


def _ministries() -> Ministries:
    raw = discovery_data().get("ministries", {})
    bodies = {match_key(k): v for k, v in raw.get("bodies", {}).items()}
    return Ministries(
        bodies=bodies,
        portfolios={phrase_key(k): (v, k) for k, v in raw.get("portfolios", {}).items()},
        countries=dict(load_cues().nationalities),
        body_forms=frozenset(p + body for body in bodies for p in PROCLITICS),
    )


def _countries(entries: Sequence[Entry]) -> dict[str, Entry]:
    """Country code -> listed country, from the code's adjective (السعودية -> saudi_arabia)."""
    by_key = {phrase_key(v): e for e in entries if e.kind == "country" for v in e.variants}
    out: dict[str, Entry] = {}
    for adjective, code in load_cues().nationalities.items():
        if adjective in by_key:
            out.setdefault(code, by_key[adjective])
    return out


@lru_cache(maxsize=8)
def _compiled(extra: str | None, state: tuple[int, int] | None) -> Lexicon:
    entries = load_entries("actors", extra=extra)
    outlets = [e for e in load_entries("sources") if e.kind in _OUTLET_TYPES]
    nationalities = frozenset(key[0] for key in load_cues().nationalities)
    hints = load_hints()
    raw = discovery_data()
    return Lexicon(
        entries={e.id: e for e in entries},
        names=_trie(entries, ["variants", "short"], outlets),
        descriptors=_trie(entries, ["descriptors"], ()),
        descriptor_keys={
            e.id: tuple(phrase_key(d) for d in e.descriptors) for e in entries if e.descriptors
        },
        continues=_continuations(entries),
        given=hints.given | hints.joiners,
        named_after=hints.named_after,
        institutions=frozenset(keys_of(raw.get("institutions", []))),
        stopwords=frozenset(match_key(w) for w in arabic_stopwords()),
        own_adjectives=_own_adjectives(entries, nationalities),
        nationalities=nationalities,
        ministries=_ministries(),
        countries=_countries(entries),
    )


def lexicon(extra: str | Path | None = None) -> Lexicon:
    """The packaged actors dictionary, extended by the YAML file ``extra``.

    Raises:
        InputError: ``extra`` does not exist or is invalid.
    """
    if extra is None:
        return _compiled(None, None)
    path = Path(extra)
    if not path.is_file():
        raise InputError("actors dictionary not found", path=path)
    stat = path.stat()
    return _compiled(str(path), (stat.st_mtime_ns, stat.st_size))


@cache
def _outlets() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Outlet metadata value -> masthead phrases (outlets.yaml through sources.yaml)."""
    text = resources.files("khabar.data").joinpath("outlets.yaml").read_text(encoding="utf-8")
    raw = (yaml.safe_load(text) or {}).get("outlets", {})
    sources = {e.id: e for e in load_entries("sources")}
    outlet_words = load_cues().outlet_words
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for value, target in raw.items():
        if isinstance(target, str):
            if target not in sources:
                raise InputError(f"outlet {value!r}: no source {target!r}", path="outlets.yaml")
            target = [*sources[target].variants, *sources[target].short]
        phrases = {phrase_key(p) for p in target}
        phrases |= {key[1:] for key in phrases if len(key) > 1 and key[0] in outlet_words}
        out[str(value).casefold()] = tuple(sorted(phrases))
    return out


def mastheads_of(outlet: object) -> frozenset[tuple[str, ...]]:
    """The masthead phrases (match keys) of an outlet metadata value; empty if unknown."""
    if not isinstance(outlet, str) or not outlet:
        return frozenset()
    return _mastheads(outlet.strip().casefold().removeprefix("www."))


@lru_cache(maxsize=256)
def _mastheads(value: str) -> frozenset[tuple[str, ...]]:
    return frozenset(_outlets().get(value, ()))

"""YAML dictionaries (actors, sources): load, validate, merge corpus overrides, and match.

Matching works on normalized tokens. The first token of a phrase may carry proclitics
(وبوتين، لوكالة، للبيت الأبيض); the rest must match as they stand. Between the tokens of a
phrase only spaces, quotes and hyphens may stand. Longest match wins, left to right.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from khabar.clitics import ARTICLE, ARTICLE_PREFIXES, stems
from khabar.errors import InputError
from khabar.tokens import Token, norm_of, tokenize
from khabar.wordlists import protected_words

__all__ = [
    "KEYS_SEEN",
    "SOURCE_TYPES",
    "Entry",
    "Match",
    "PhraseMatcher",
    "key_of",
    "load_entries",
    "match_key",
    "match_keys",
    "phrase_key",
]

#: Types of source, in the order charts stack them. ``person`` (a named individual) and
#: ``official`` (cited by title only) are found in the text; the others are also listed in
#: sources.yaml.
SOURCE_TYPES = (
    "agency",
    "broadcaster",
    "newspaper",
    "website",
    "government",
    "international_org",
    "person",
    "official",
    "unnamed",
)
_KINDS = {"actors": {"person", "country", "organization", "place"}, "sources": set(SOURCE_TYPES)}
_SOFT_GAP_RE = re.compile(r"[\s\"'“”«»„\-–—ـ]*")
_END = None  # trie key that marks a complete phrase
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: an actor or a source."""

    id: str
    en: str
    ar: str
    kind: str
    variants: tuple[str, ...]
    short: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    role: str = ""
    affiliation: str = ""
    country: str = ""


@dataclass(frozen=True)
class Match:
    """A phrase found in a token list: tokens ``first`` to ``last`` inclusive."""

    first: int
    last: int
    value: Any


def match_key(word: str) -> str:
    """The form a normalized word is matched under (ة = ه, Latin case-folded)."""
    return word.replace("ة", "ه").casefold()


class _MatchKeys(dict[str, str]):
    """norm -> match_key(norm), computed once per distinct word."""

    def __missing__(self, norm: str) -> str:
        if len(self) > _KEYS_LIMIT:
            self.clear()
        self[norm] = key = match_key(norm)
        return key


class _SpellingKeys(dict[str, str]):
    """word as written -> its match key, computed once per distinct spelling."""

    def __missing__(self, surface: str) -> str:
        if len(self) > _KEYS_LIMIT:
            self.clear()
        self[surface] = key = _MATCH_KEYS[norm_of(surface)]
        KEYS_SEEN.append(key)
        return key


_KEYS_LIMIT = 2_000_000
_MAX_PREFIX = max(map(len, ARTICLE_PREFIXES))
_MATCH_KEYS = _MatchKeys()
#: Every match key in the order its spelling was first read (repeats allowed): what classifies
#: keys once per distinct key (the actors' ``PhraseTrie``) reads what is new since it last looked.
KEYS_SEEN: list[str] = []
#: The match key of a word as written (cached and shared by every analysis; a bound method, so
#: that ``map`` runs it at C speed).
key_of = _SpellingKeys().__getitem__
_NORM = operator.itemgetter(1)  # Token.norm, read at C speed


def match_keys(tokens: Sequence[Token]) -> list[str]:
    """``match_key`` of every token's norm (cached per distinct word)."""
    return list(map(_MATCH_KEYS.__getitem__, map(_NORM, tokens)))


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Match keys of a phrase's tokens."""
    return tuple(match_key(t.norm) for t in tokenize(phrase))


def _entry_from(raw: Any, *, kind_field: str, allowed: set[str], where: str) -> Entry:
    if not isinstance(raw, dict):
        raise InputError(f"entry is not a mapping: {raw!r}", path=where)
    missing = [k for k in ("id", "en", "ar", kind_field, "variants") if not raw.get(k)]
    if missing:
        raise InputError(f"entry {raw.get('id', '?')!r} lacks {', '.join(missing)}", path=where)
    if raw[kind_field] not in allowed:
        raise InputError(
            f"entry {raw['id']!r}: {kind_field} {raw[kind_field]!r} not in {sorted(allowed)}",
            path=where,
        )

    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key) or ()
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise InputError(f"entry {raw['id']!r}: {key} must be a list of strings", path=where)
        return tuple(value)

    return Entry(
        id=str(raw["id"]),
        en=str(raw["en"]),
        ar=str(raw["ar"]),
        kind=str(raw[kind_field]),
        variants=strings("variants"),
        short=strings("short"),
        descriptors=strings("descriptors"),
        role=str(raw.get("role") or ""),
        affiliation=str(raw.get("affiliation") or ""),
        country=str(raw.get("country") or ""),
    )


def _read_yaml(text: str, *, where: str, section: str) -> list:
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as err:
        raise InputError(f"invalid YAML ({err})", path=where) from None
    if not isinstance(data, dict) or not isinstance(data.get(section), list):
        raise InputError(f"expected a top-level '{section}:' list", path=where)
    return data[section]


def _parse(text: str, *, where: str, section: str) -> list[Entry]:
    kind_field = "kind" if section == "actors" else "type"
    entries = [
        _entry_from(raw, kind_field=kind_field, allowed=_KINDS[section], where=where)
        for raw in _read_yaml(text, where=where, section=section)
    ]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise InputError(f"duplicate id {entry.id!r}", path=where)
        seen.add(entry.id)
    return entries


@cache
def _packaged(section: str, *, gazetteers: bool = True) -> tuple[Entry, ...]:
    data = resources.files("khabar.data")
    names = [f"{section}.yaml"]
    if section == "actors" and gazetteers:  # actors-places.yaml, actors-people.yaml ...
        names += sorted(f.name for f in data.iterdir() if re.fullmatch(r"actors-.+\.yaml", f.name))
    entries: dict[str, tuple[Entry, str]] = {}
    for name in names:
        where = f"khabar/data/{name}"
        for entry in _parse(
            data.joinpath(name).read_text(encoding="utf-8"), where=where, section=section
        ):
            if entry.id in entries:
                raise InputError(
                    f"duplicate id {entry.id!r}, also in {entries[entry.id][1]}", path=where
                )
            entries[entry.id] = (entry, where)
    return tuple(entry for entry, _ in entries.values())


def load_entries(section: str, *, extra: str | Path | None = None) -> list[Entry]:
    """The packaged ``actors`` or ``sources`` dictionary, extended/overridden by ``extra``.

    Entries of ``extra`` (a YAML file of the same shape, e.g. ``corpus/actors.yaml``) replace
    packaged entries with the same id and add new ones.

    Raises:
        InputError: the file is invalid, naming it and the entry at fault.
    """
    if section not in _KINDS:
        raise ValueError(f"section must be one of {sorted(_KINDS)}")
    entries = {e.id: e for e in _packaged(section)}
    if extra is not None and Path(extra).exists():
        text = Path(extra).read_text(encoding="utf-8")
        for entry in _parse(text, where=str(extra), section=section):
            entries[entry.id] = entry
    return list(entries.values())


class PhraseMatcher:
    """Finds dictionary phrases in token lists, clitic-aware on the first token."""

    def __init__(self, phrases: Iterable[tuple[str, Any]]) -> None:
        self._trie: dict = {}
        for phrase, value in phrases:
            key = phrase_key(phrase)
            if key:
                node = self._trie
                for part in key:
                    node = node.setdefault(part, {})
                node.setdefault(_END, value)
        self._protected = protected_words()
        self._tails = set(self._trie) | {k[2:] for k in self._trie if k.startswith(ARTICLE)}
        self._roots = _Roots(self._root_keys)

    def _root_keys(self, key: str) -> tuple[str, ...]:
        # Proclitics take at most four letters (وبال), and a first word X is written after them
        # as X or, when it starts with the article, as its tail (للبيت, للقاء): a key with no
        # such ending cannot be a first word plus clitics, so stems() need not run.
        if not any(key[i:] in self._tails for i in range(1, min(len(key), _MAX_PREFIX + 1))):
            return (key,) if key in self._trie else ()
        # A clitic may leave a two-letter name (وري -> ري) when the dictionary has it.
        forms = (key, *stems(key, protected=self._protected, function_words=self._trie.keys()))
        return tuple(f for f in forms if f in self._trie)

    def find(
        self, tokens: Sequence[Token], text: str, *, keys: Sequence[str] | None = None
    ) -> list[Match]:
        """Non-overlapping longest matches, left to right.

        ``keys`` (``match_keys(tokens)``) may be passed when the caller already has them.
        """
        keys = match_keys(tokens) if keys is None else keys
        starts = [t.start for t in tokens]
        ends = [t.end for t in tokens]
        return self.find_words(keys, starts, ends, text)

    def find_words(
        self,
        keys: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        text: str,
        *,
        first: int = 0,
        last: int | None = None,
    ) -> list[Match]:
        """``find`` over words given by their match keys and offsets in ``text``, from word
        ``first`` through word ``last`` (default: all); matches keep the words' numbers."""
        last = len(keys) - 1 if last is None else last
        found: list[Match] = []
        free = first  # first word not inside a match already found
        roots = self._roots.__getitem__
        window = range(first, last + 1)
        for i in itertools.compress(window, map(roots, keys[first : last + 1])):
            if i >= free:
                best = self._longest_at(i, keys, starts, ends, last, text)
                if best is not None:
                    found.append(best)
                    free = best.last + 1
        return found

    def _longest_at(
        self,
        i: int,
        keys: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        last: int,
        text: str,
    ) -> Match | None:
        best: Match | None = None
        for root in self._roots[keys[i]]:
            node = self._trie[root]
            j = i
            while True:
                if _END in node and (best is None or j > best.last):
                    best = Match(i, j, node[_END])
                nxt = j + 1
                if nxt > last or keys[nxt] not in node:
                    break
                gap = text[ends[j] : starts[nxt]]
                if gap != " " and _SOFT_GAP_RE.fullmatch(gap) is None:
                    break
                node, j = node[keys[nxt]], nxt
        return best


class _Roots(dict):
    """match key -> the dictionary first words it can stand for (itself, or minus clitics)."""

    def __init__(self, compute: Callable[[str], tuple[str, ...]]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: str) -> tuple[str, ...]:
        self[key] = roots = self._compute(key)
        return roots


@cache
def dictionary_words() -> frozenset[str]:
    """Normalized tokens of every actor and source variant: words by definition.

    The gazetteers (actors-*.yaml) stay out: their thousands of tokens (جهة، بلاد، أفق) would
    let term counting peel و or ل off ordinary words (وافق -> افق).
    """
    words: set[str] = set()
    for section in _KINDS:
        for entry in _packaged(section, gazetteers=False):
            for phrase in (*entry.variants, *entry.short):
                words.update(t.norm for t in tokenize(phrase))
    return frozenset(words)


@cache
def dictionary_phrases() -> frozenset[tuple[str, ...]]:
    """Normalized token tuples of every multi-word actor and source variant (no gazetteers)."""
    phrases: set[tuple[str, ...]] = set()
    for section in _KINDS:
        for entry in _packaged(section, gazetteers=False):
            for phrase in entry.variants:
                key = tuple(t.norm for t in tokenize(phrase))
                if len(key) > 1:
                    phrases.add(key)
    return frozenset(phrases)

"""The speaker lists of ``data/speakers.yaml``, compiled: titles, honorifics, institutions,
given names and the words that are never names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from khabar.errors import InputError
from khabar.lexicon import phrase_key
from khabar.sources.cuelist import packaged_yaml
from khabar.wordlists import arabic_stopwords

__all__ = ["CATEGORIES", "Speakers", "Title", "load_speakers"]

#: Person categories, in the order a title's category wins over another's.
CATEGORIES = ("military_security", "official", "journalist", "expert", "citizen", "other")
_WHERE = "khabar/data/speakers.yaml"
_FEMININE = "ه"  # ة, as match keys write it


@dataclass(frozen=True)
class Title:
    """A title phrase: its category and the gender it marks (female, male or unknown)."""

    size: int
    category: str
    gender: str
    honorific: bool


@dataclass(frozen=True)
class Speakers:
    """The compiled speaker lists (all words as match keys)."""

    titles: Mapping[tuple[str, ...], Title]
    title_heads: frozenset[str]
    government: Mapping[tuple[str, ...], str]
    government_heads: frozenset[str]
    bodies: frozenset[str]
    portfolios: Mapping[tuple[str, ...], str]
    countries: Mapping[str, str]
    male: frozenset[str]
    female: frozenset[str]
    links: frozenset[str]
    not_names: frozenset[str]

    def title_at(self, keys: Sequence[str], i: int, end: int) -> Title | None:
        """The longest title starting at token ``i`` and ending by token ``end``."""
        if keys[i] not in self.title_heads:
            return None
        for size in range(min(4, end - i + 1), 0, -1):
            title = self.titles.get(tuple(keys[i : i + size]))
            if title is not None:
                return title
        return None

    def government_at(self, keys: Sequence[str], i: int) -> tuple[str, int] | None:
        """(English head, last token) of a government body word starting at token ``i``."""
        for size in (3, 2, 1):
            phrase = tuple(keys[i : i + size])
            head = self.government.get(phrase) if len(phrase) == size else None
            if head is not None:
                return head, i + size - 1
        return None

    def given_gender(self, key: str) -> str:
        """female / male for a listed given name, else unknown."""
        if key in self.female:
            return "female"
        return "male" if key in self.male else "unknown"


def _keys(values: Any, name: str) -> list[tuple[str, ...]]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError(f"'{name}' must be a list of words", path=_WHERE)
    return [key for key in (phrase_key(v) for v in values) if key]


def _titles(raw: Any, honorifics: set[tuple[str, ...]]) -> dict[tuple[str, ...], Title]:
    if not isinstance(raw, dict) or set(raw) - set(CATEGORIES):
        raise InputError(f"'titles' must map {', '.join(CATEGORIES)} to lists", path=_WHERE)
    found: dict[tuple[str, ...], str] = {}
    for category in reversed(CATEGORIES):  # a phrase listed twice keeps the stronger category
        for key in _keys(raw.get(category) or [], f"titles.{category}"):
            found[key] = category
    return {
        key: Title(len(key), category, _gender(key, found), key in honorifics)
        for key, category in found.items()
    }


def _gender(key: tuple[str, ...], titles: Mapping[tuple[str, ...], str]) -> str:
    """الوزيرة is female where الوزير is a title too; الوزير male where الوزيرة is."""
    head = key[0]
    if head.endswith(_FEMININE) and (head[:-1], *key[1:]) in titles:
        return "female"
    if (head + _FEMININE, *key[1:]) in titles:
        return "male"
    return "unknown"


def compile_speakers(data: Any) -> Speakers:
    """Speakers from the parsed YAML mapping.

    Raises:
        InputError: a section is missing or malformed.
    """
    if not isinstance(data, dict) or "titles" not in data or "bodies" not in data:
        raise InputError("expected top-level 'titles:' and 'bodies:'", path=_WHERE)
    honorifics = set(_keys(data.get("honorifics") or [], "honorifics"))
    titles = _titles(data["titles"], honorifics)
    bodies = data["bodies"]
    government = {phrase_key(k): str(v) for k, v in (bodies.get("government") or {}).items()}
    names = data.get("given_names") or {}
    male = {k[0] for k in _keys(names.get("male") or [], "given_names.male")}
    female = {k[0] for k in _keys(names.get("female") or [], "given_names.female")}
    stop = {k[0] for k in (phrase_key(w) for w in arabic_stopwords()) if len(k) == 1}
    not_names = {k[0] for k in _keys(data.get("not_names") or [], "not_names")}
    links = {k[0] for k in _keys(data.get("name_links") or [], "name_links")}
    return Speakers(
        titles=titles,
        title_heads=frozenset(key[0] for key in titles),
        government=government,
        government_heads=frozenset(key[0] for key in government),
        bodies=frozenset(k[0] for k in _keys(bodies.get("other") or [], "bodies.other"))
        | {key[0] for key in government},
        portfolios={phrase_key(k): str(v) for k, v in (data.get("portfolios") or {}).items()},
        countries={str(k): str(v) for k, v in (data.get("countries") or {}).items()},
        male=frozenset(male),
        female=frozenset(female),
        links=frozenset(links),
        not_names=frozenset((stop | not_names) - male - female - links),
    )


@cache
def load_speakers() -> Speakers:
    """The packaged speaker lists, compiled once per process."""
    return compile_speakers(packaged_yaml("speakers.yaml"))

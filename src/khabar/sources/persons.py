"""The people an article names: one record per person across the shorter and longer forms
of the name (أنتوني بلينكن، بلينكن), and the listed people a name is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.clitics import CONJUNCTIONS
from khabar.lexicon import Entry, PhraseMatcher, load_entries, phrase_key
from khabar.sources.passage import Passage

__all__ = ["Person", "actor_names", "listed_person", "name_entry", "person_heads", "person_of"]


@dataclass
class Person:
    """A person of the article: the name's keys (longest form so far) and what is known."""

    keys: tuple[str, ...]
    name: str
    entry: Entry | None = None
    title: str = ""
    affiliation: str = ""
    category: str = ""
    gender: str = "unknown"


@cache
def actor_names(extra: str | None = None) -> PhraseMatcher:
    """Every actor's full names: a person's give the entry; a country's or an organization's
    tell that the words are no person's name (وأكدت روسيا الزيارة)."""
    entries = load_entries("actors", extra=extra)
    return PhraseMatcher((v, e) for e in entries for v in e.variants)


@cache
def person_heads(extra: str | None = None) -> frozenset[str]:
    """First words of listed people's names, bare and after و / ف."""
    people = [e for e in load_entries("actors", extra=extra) if e.kind == "person"]
    heads = {key[0] for e in people for key in map(phrase_key, e.variants) if key}
    return frozenset(c + h for h in heads for c in ("", *CONJUNCTIONS))


def listed_person(doc: Passage, i: int, matcher: PhraseMatcher) -> int | None:
    """The last token of a listed person's full name starting at token ``i``, else None."""
    window = min(i + 3, len(doc.keys) - 1)
    found = matcher.find_words(doc.keys, doc.starts, doc.ends, doc.text, first=i, last=window)
    if found and found[0].first == i and found[0].value.kind == "person":
        return found[0].last
    return None


def name_entry(
    doc: Passage, first: int, last: int, matcher: PhraseMatcher
) -> tuple[int, Entry | None] | None:
    """(last token, listed person) of a name read at ``first``..``last``; None where the
    words are a listed country or organization. A listed name ends the name (كيم جونغ أون)."""
    words = (doc.keys, doc.starts, doc.ends)
    for match in matcher.find_words(*words, doc.text, first=first, last=last):
        if match.first == first:
            if match.value.kind != "person":
                return None
            return match.last, match.value
        return match.first - 1, None
    return last, None


def person_of(
    doc: Passage,
    first: int,
    last: int,
    entry: Entry | None,
    *,
    people: list[Person],
    known: set[str],
) -> Person:
    """The article's person for the name at tokens ``first``..``last``: an earlier, longer
    or shorter form of it in ``people``, or a new one (added, its words to ``known``)."""
    keys = tuple(doc.keys[first : last + 1])
    text = doc.text[doc.starts[first] : doc.ends[last]]
    for person in reversed(people):
        if (entry is not None and person.entry is entry) or _contains(person.keys, keys):
            return person
        if _contains(keys, person.keys):
            person.keys, person.name = keys, text
            person.entry = person.entry or entry
            known.update(keys)
            return person
    person = Person(keys, text, entry, affiliation=entry.affiliation if entry else "")
    people.append(person)
    known.update(k for k in keys if k not in doc.speakers.links)
    return person


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))

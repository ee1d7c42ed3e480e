"""Discovery of people the actors dictionary lacks, from the cues around their names.

A name (see ``khabar.actors.names``) counts as a person only next to a cue: after a title or
role once the title's own words are passed (الباحث سامي النجار، وزير الخارجية المصري سامح
شكري), after a nationality adjective (البرازيلي روبرتو كارلوس), right after a reporting verb
(وقال سامي النجار), or before a comma and a title (سامي النجار، الباحث في ...). Later mentions
of the same full name in the article count too, and so does its last word right after a
reporting verb (وأضاف النجار). A shorter form of a longer name found in the same article
(منصور هادي beside عبد ربه منصور هادي) is that person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from khabar.actors.document import Doc
from khabar.actors.hints import Hints, Vocabulary, common_words, load_hints
from khabar.actors.names import MAX_UNITS, MIN_UNITS, Found, NameReader, name_gap
from khabar.clitics import CONJUNCTIONS, PREPOSITIONS

__all__ = ["Found", "discover", "longest_forms"]

_TITLE_SPAN = 8  # words a title may run over before the name (وزير الدولة لشؤون ... فلان)
_TITLE_GAP_RE = re.compile(r"[\s()،,]*")
_QUOTES = frozenset("\"'“”«»„")
_COMMA_GAP_RE = re.compile(r"\s*[،,]\s*")
_CUE_CLITICS = CONJUNCTIONS + PREPOSITIONS
_LINKS = frozenset({"بن", "بنت", "ابن"})
#: Words inside a title before the name (المتحدث باسم البيت الأبيض، السفير لدى ...).
_TITLE_LINKS = frozenset({"باسم", "في", "لدي", "عن", "من", "ل"})


class _Cues:
    """Finds the names next to cues in one document."""

    def __init__(self, reader: NameReader) -> None:
        self.reader, self.keys, self.hints = reader, reader.keys, reader.hints

    def title_end(self, i: int) -> int | None:
        """Last word of a title (or nationality adjective) starting at ``i``, else None."""
        k, hints = self.keys[i], self.hints
        forms = (k, k[1:]) if k[:1] in _CUE_CLITICS else (k,)
        for form in forms:
            for rest in hints.title_phrases.get(form, ()):
                end = i + len(rest)
                if end < len(self.keys) and tuple(self.keys[i + 1 : end + 1]) == rest:
                    return end
            if form in hints.titles or form in hints.nationalities:
                return i
            if form.startswith("لل") and "ال" + form[2:] in hints.titles:
                return i
        return None

    def after_title(self, end: int) -> Found | None:
        """The name after a title ending at ``end``, past the title's own words."""
        reader, j, steps = self.reader, end + 1, 0
        while j < len(self.keys) and steps < _TITLE_SPAN:
            gap = reader.parts[2 * j]
            if gap != " " and not _TITLE_GAP_RE.fullmatch(gap):
                return None
            kind = reader.covered[j]
            if kind is None and reader.first_ok(j):
                return reader.name_from(j) or reader.single_at(j)
            k = self.keys[j]
            # الدكتور الخضير (الغاني after a title is an adjective)
            single = (
                reader.single_at(j)
                if kind is None
                and steps == 0
                and k.startswith("ال")
                and not k.endswith("ي")
                and not (j + 1 < len(self.keys) and reader.first_ok(j + 1))
                else None
            )  # الفنان الواعد محمد ...: an adjective before the name
            if single is not None:
                return single
            if kind == "person" or reader.pronoun(j):
                return None
            if k in self.hints.stopwords and k not in _TITLE_LINKS:
                return None
            j, steps = j + 1, steps + 1
        return None

    def person(self, found: Found | None) -> Found | None:
        """``found`` unless it names a thing: in quotes («كونكت آدز») or after شركة, نادي ..."""
        if found is None or found.first == 0:
            return found
        if _QUOTES & set(self.reader.gap(found.first)):
            return None
        before = self.keys[found.first - 1]
        if {before, before[1:]} & self.hints.things:
            return None
        return found

    def before_title(self, i: int) -> Found | None:
        """The name right before ``، <title>`` at word ``i``."""
        reader = self.reader
        if i < MIN_UNITS or not _COMMA_GAP_RE.fullmatch(reader.gap(i)):
            return None
        start = i - 1
        joining = self.hints.links | self.hints.joiners
        while start > 0 and i - start <= MAX_UNITS + 2 and reader.covered[start - 1] is None:
            if not name_gap(reader.gap(start)):
                break
            k = self.keys[start - 1]
            if not (reader.rest_ok(start - 1, arab=True) or k in joining):
                break
            start -= 1
        for s in range(start, i - 1):
            found = reader.name_from(s) if reader.covered[s] is None else None
            if found is not None and found.last == i - 1 and found.first == s:
                return found
        return None

    def at(self, i: int) -> Found | None:
        """The name a cue at word ``i`` points at."""
        k, reader = self.keys[i], self.reader
        if self.hints.verb(k):
            if i + 1 < len(self.keys) and reader.gap(i + 1).isspace():
                return reader.name_from(i + 1) or reader.single_at(i + 1)
            return None
        end = self.title_end(i)
        if end is None:
            return None
        return self.person(self.after_title(end)) or self.person(self.before_title(i))

    def shaped(self, i: int) -> Found | None:
        """A name that needs no cue: a plain given name and a surname no one uses as a word
        (عمر السومة، منصور البلوي), or a name joined by بن or آل (عبدالله بن سعد آل غانم)."""
        reader = self.reader
        if reader.covered[i] is not None:
            return None
        if self.keys[i] not in self.hints.given:  # وخالد العجيرب: a name in a list
            reader.opened = i
        try:
            found = reader.name_from(i)
        finally:
            reader.opened = None
        if found is None or found.first != i:
            return None
        rest = found.key[1:]
        if any(k in self.hints.links or k in self.hints.joiners for k in rest):
            return self.person(found)
        if all(_surname(reader, k) for k in rest):
            return self.person(found)
        return None

    def found(self) -> list[Found]:
        """Names next to a cue or of a telling shape, in text order, without overlaps."""
        found: dict[int, Found] = {}
        keys, hints, covered = self.keys, self.hints, self.reader.covered
        looked = list(compress(range(len(keys)), map(hints.starts.__contains__, keys)))
        for i in compress(looked, map(hints.cue_words.__contains__, map(keys.__getitem__, looked))):
            if covered[i] is None and (hit := self.at(i)) is not None:
                found.setdefault(hit.first, hit)
        for i in compress(looked, map(hints.openers.__contains__, map(keys.__getitem__, looked))):
            if i not in found and (hit := self.shaped(i)) is not None:
                found.setdefault(hit.first, hit)
        taken: list[Found] = []
        for hit in sorted(found.values()):
            if not taken or hit.first > taken[-1].last:
                taken.append(hit)
        return taken


def _surname(reader: NameReader, k: str) -> bool:
    """A word that can only be a name here: a given name, a family nisba (الحربي), or a word
    general Arabic does not use."""
    if reader.given_key(k) or (k.startswith("ال") and k.endswith("ي")):
        return True
    if k.endswith("ه"):
        return False  # ظنه: a pronoun
    return k not in common_words() and k not in reader.vocab.definite


def _occurrences(reader: NameReader, cued: dict[tuple[str, ...], Found]) -> list[Found]:
    """Every occurrence of the discovered full names (first word through a conjunction)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(cued, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    keys, covered, out = reader.keys, reader.covered, []
    firsts = set(by_first) | {c + k for k in by_first for c in CONJUNCTIONS}
    after = -1
    for i in compress(range(len(keys)), map(firsts.__contains__, keys)):
        if i <= after:
            continue
        k = keys[i]
        for name in by_first.get(k) or by_first.get(k[1:]) or ():
            last = i + len(name) - 1
            if (
                tuple(keys[i + 1 : last + 1]) == name[1:]
                and not any(covered[i : last + 1])
                and all(name_gap(reader.gap(j)) for j in range(i + 1, last + 1))
            ):
                out.append(reader.found(i, last)._replace(key=name))
                after = last
                break
    return out


def _surnames(reader: NameReader, full: list[Found]) -> list[Found]:
    """A discovered name's last word right after a reporting verb, after its full mention."""
    first_seen: dict[str, Found] = {}
    for hit in full:
        surname = hit.key[-1]
        if len(hit.key) > 1 and not (reader.given_key(surname) or reader.blocked(surname)):
            first_seen.setdefault(surname, hit)
    keys, out = reader.keys, []
    for i in compress(range(len(keys)), map(first_seen.__contains__, keys)):
        hit = first_seen[keys[i]]
        if (
            i > hit.last
            and reader.covered[i] is None
            and reader.hints.verb(keys[i - 1])
            and reader.gap(i).isspace()
        ):
            out.append(hit._replace(first=i, last=i, display=reader.doc.span(i, i)))
    return out


def longest_forms(
    names: Sequence[tuple[str, ...]], *, ends_only: bool = False
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """For each name, the one longest name that contains it word for word (else itself).

    A name inside two longer names that do not contain one another is left as it is.
    ``ends_only``: only as its last words (منصور هادي in عبد ربه منصور هادي), since a name
    read too far runs on at its end.
    """
    holders: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for name in set(names):
        for size in range(MIN_UNITS, len(name)):
            for s in range(len(name) - size, -1, -1):
                if s == 0 or name[s - 1] not in _LINKS:  # بندر بن عبدالله: not his father
                    holders.setdefault(name[s : s + size], set()).add(name)
                if ends_only:
                    break
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        longest = {out[other] for other in holders.get(name, ())}
        out[name] = longest.pop() if len(longest) == 1 else name
    return out


def discover(
    doc: Doc,
    *,
    covered: Sequence[str | None],
    vocab: Vocabulary,
    hints: Hints | None = None,
) -> list[Found]:
    """Mentions of unlisted people in one document, in text order.

    Args:
        doc: The document.
        covered: Per word, the kind of the listed actor whose mention covers it, else None.
        vocab: The vocabulary of the whole corpus.
        hints: Cue lists (the packaged ones by default).
    """
    reader = NameReader(doc, covered, hints or load_hints(), vocab)
    cued: dict[tuple[str, ...], Found] = {}
    for hit in _Cues(reader).found():
        cued.setdefault(hit.key, hit)
    if not cued:
        return []
    full = _occurrences(reader, cued)
    seen = {(f.first, f.last) for f in full}
    rest = [f for f in _surnames(reader, full) if (f.first, f.last) not in seen]
    merged = longest_forms(list(cued))
    return [
        f._replace(key=(key := merged[f.key]), name=cued[key].name, display=cued[key].display)
        for f in sorted(full + rest)
    ]

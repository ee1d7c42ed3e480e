"""Which listed actor a matched phrase names, if any.

Longest match wins across dictionaries (an outlet's name blocks the places inside it); a
place, country or organization right after an institution word is part of that institution's
name (مكتبة الكونغرس، بحيرة تشاد); the outlet's own masthead in quotes in its own articles is the
paper. A bare short form (كيم، بوش) counts only as the one person named in full earlier in the
article, or introduced by one of their descriptors right before it; a word of another listed
name after it (كيم جونغ ...), a different given name before it (جيب بوش) or الأب after it makes
it someone else. Ministries are read by shape: وزارة الداخلية السعودية is ``ministry_interior_sa``;
other organizations and named facilities too (``organizations``). A one-word match that reads
as a common word (جده "his grandfather", لصالح "in favour of") is no mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from khabar.actors.dictionary import OUTLET, Lexicon, Phrase
from khabar.actors.document import Doc
from khabar.actors.hints import common_words
from khabar.actors.matching import Match, soft_gap
from khabar.actors.organizations import Shaped, head_words, shaped_organizations
from khabar.clitics import PROCLITICS, stems
from khabar.lexicon import phrase_key
from khabar.wordlists import protected_words

__all__ = ["Mention", "Ministry", "forms", "mentions", "soft", "through_article"]

_NEXT_TO_RE = re.compile(r"[\s\"'“”«»„()\-–—،,]*")
_QUOTES = frozenset("\"'“”«»„")
_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل")
#: After a surname these make it someone else's: بوش الأب is not George W. Bush.
_OTHER_AFTER = frozenset(phrase_key("الأب"))


class Ministry(NamedTuple):
    """A ministry read by its shape (no dictionary entry needed)."""

    id: str
    en: str
    ar: str
    kind: str = "organization"


class Mention(NamedTuple):
    """Words ``first``..``last`` name ``actor_id`` (``form``: name, short, pattern ...)."""

    first: int
    last: int
    actor_id: str
    form: str
    shaped: Ministry | Shaped | None = None  # names and labels of an actor read by shape


@cache
def forms(key: str) -> tuple[str, ...]:
    """A word and what it is with its proclitics peeled (بنائب -> نائب)."""
    return (key, *stems(key, protected=protected_words()))


def soft(doc: Doc, i: int, *, pattern: re.Pattern | None = None) -> bool:
    """Whether only spaces, quotes and hyphens (or ``pattern``) stand before word ``i``."""
    if not 0 < i < len(doc.keys):
        return False
    gap = doc.parts[2 * i]
    if pattern is None:
        return gap == " " or soft_gap(gap)
    return pattern.fullmatch(gap) is not None


def through_article(doc: Doc, i: int, head: str) -> bool:
    """Whether a match saw through an article its phrase lacks (السورية is not سورية)."""
    if head.startswith("ال"):
        return False
    key = doc.keys[i]
    return not (key.endswith(head) and key[: len(key) - len(head)] in PROCLITICS)


def _quoted(doc: Doc, match: Match) -> bool:
    after = doc.gap(match.last + 1) if match.last + 1 < len(doc) else doc.parts[-1]
    return bool(_QUOTES & set(doc.gap(match.first))) and bool(_QUOTES & set(after))


def _someone_else(lex: Lexicon, doc: Doc, match: Match) -> bool:
    """A bare surname or short form that is part of another name or a plain adjective.

    كيم جونغ ... (a word of another listed name follows), بوش الأب, جيب بوش / آل عون (a
    different given name or آل before it), الرئيس السوداني (a nisba after a definite word).
    """
    phrase: Phrase = match.value
    if soft(doc, match.last + 1):
        following = doc.keys[match.last + 1]
        if following in lex.continues or following in _OTHER_AFTER:
            return True
    if not soft(doc, match.first):
        return False
    before = doc.keys[match.first - 1]
    if doc.keys[match.first] == phrase.head and _given_before(lex, phrase, doc, match.first - 1):
        return True
    head = phrase.head
    return head.startswith("ال") and head.endswith("ي") and before.startswith(_DEFINITE)


def _other_person(lex: Lexicon, doc: Doc, match: Match) -> bool:
    """A one-word listed name after a different given name, or before الأب: جيب بوش."""
    after = match.last + 1
    if soft(doc, after) and doc.keys[after] in _OTHER_AFTER:
        return True
    phrase: Phrase = match.value
    return (
        soft(doc, match.first)
        and doc.keys[match.first] == phrase.head
        and _given_before(lex, phrase, doc, match.first - 1)
    )


def _given_before(lex: Lexicon, phrase: Phrase, doc: Doc, i: int) -> bool:
    """Word ``i`` is a given name (not one of the person's own) before a surname: جيب بوش."""
    before = doc.keys[i]
    if not (before in lex.given or (before.startswith("عبد") and len(before) >= 6)):
        return False
    if before in lex.stopwords and doc.surfaces[i].endswith("ى"):
        return False  # على (on), not علي (Ali)
    return before not in _own_words(lex, phrase.ids)


def _own_words(lex: Lexicon, ids: tuple[str, ...]) -> frozenset[str]:
    """The words of every listed spelling of the actors ``ids`` (kept with the dictionary)."""
    words = lex.own_words.get(ids)
    if words is None:
        entries = [lex.entries[i] for i in ids]
        words = frozenset(w for e in entries for v in e.variants for w in phrase_key(v))
        lex.own_words[ids] = words
    return words


def _other_country(lex: Lexicon, actor_id: str, doc: Doc, last: int) -> bool:
    """A listed body followed by another country's adjective (مجلس الأمن القومي التركي)."""
    own = lex.own_adjectives.get(actor_id)
    if own is None or not soft(doc, last + 1):
        return False
    following = doc.keys[last + 1]
    return following in lex.nationalities and following not in own


def _descriptor_before(lex: Lexicon, actor_id: str, doc: Doc, first: int) -> bool:
    """Whether one of the actor's descriptors stands right before word ``first``."""
    for phrase in lex.descriptor_keys.get(actor_id, ()):
        start = first - len(phrase)
        if start < 0 or not soft(doc, first, pattern=_NEXT_TO_RE):
            continue
        keys = doc.keys[start:first]
        if keys[1:] == list(phrase[1:]) and phrase[0] in forms(keys[0]):
            return True
    return False


def _longest(keys: Sequence[str], i: int, table: Mapping[tuple[str, ...], object]) -> int:
    """Words (3 at most) of the longest phrase of ``table`` starting at ``i``, else 0."""
    for size in (3, 2, 1):
        if i + size <= len(keys) and tuple(keys[i : i + size]) in table:
            return size
    return 0


def _ministry_at(lex: Lexicon, doc: Doc, i: int) -> Match | None:
    """وزارة/هيئة + portfolio + country adjective starting at word ``i``."""
    table, keys = lex.ministries, doc.keys
    body = next((f for f in forms(keys[i]) if f in table.bodies), None)
    if body is None:
        return None
    size = _longest(keys, i + 1, table.portfolios)
    adjective = _longest(keys, i + 1 + size, table.countries) if size else 0
    last = i + size + adjective
    if not adjective or not all(soft(doc, j) for j in range(i + 1, last + 1)):
        return None
    slug, written = table.portfolios[tuple(keys[i + 1 : i + 1 + size])]
    code = table.countries[tuple(keys[i + 1 + size : last + 1])]
    country = lex.countries.get(code)
    name = " ".join(map(doc.norm, range(i + 1 + size, last + 1)))
    where = country.en if country else code
    en = f"{table.bodies[body].title()} of {slug.replace('_', ' ')} ({where})"
    ar = f"{_BODY_AR[table.bodies[body]]} {written} {name}"
    return Match(i, last, Ministry(f"{table.bodies[body]}_{slug}_{code.lower()}", en, ar))


_BODY_AR = {"ministry": "وزارة", "authority": "هيئة", "directorate": "مديرية"}


@cache
def _shape_words(bodies: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(words that open a name by its shape, those of them that open an organization's)."""
    heads = head_words()
    return bodies | heads, heads


def _matches(doc: Doc, lex: Lexicon) -> list[Match]:
    """Dictionary matches, ministries and organizations by shape, longest where they overlap."""
    keys, bodies = doc.keys, lex.ministries.body_forms
    openers, heads = _shape_words(bodies)
    if lex.names.watched is not openers:
        lex.names.watch(openers)
    found, at = lex.names.find_watched(doc)
    if not at:
        return found
    starts = [i for i in at if keys[i] in bodies]
    if starts:
        found = _overlaid(found, [m for i in starts if (m := _ministry_at(lex, doc, i))])
    shaped = shaped_organizations(doc, lex, found, at=[i for i in at if keys[i] in heads])
    return _overlaid(found, shaped)


def _overlaid(found: list[Match], shaped: list[Match]) -> list[Match]:
    """Shaped matches not inside a found one replace the found ones they overlap.

    Both lists are in text order: the furthest a match reaches among those starting at or
    before a word (one bisection) tells whether one contains or overlaps it.
    """
    if not shaped:
        return found
    within = _furthest(found)
    kept = [m for m in shaped if within(m.first) < m.last]
    if not kept:
        return found
    overlapping = _furthest(kept)
    return sorted([f for f in found if overlapping(f.last) < f.first] + kept)


def _furthest(matches: list[Match]) -> Callable[[int], int]:
    """For matches in text order: the furthest word reached by one starting at or before a
    word (-1 if none starts there)."""
    firsts, reach = [m.first for m in matches], list(accumulate((m.last for m in matches), max))

    def furthest(word: int) -> int:
        n = bisect.bisect_right(firsts, word) - 1
        return reach[n] if n >= 0 else -1

    return furthest


def _listed(lex: Lexicon, doc: Doc, match: Match, named: set[str]) -> str | None:
    """The listed actor a dictionary match names, else None."""
    phrase: Phrase = match.value
    if phrase.form == "name" and len(phrase.ids) == 1:
        actor_id = phrase.ids[0]
        kind = lex.entries[actor_id].kind
        if kind == "person" and len(phrase.key) == 1 and _other_person(lex, doc, match):
            return None
        return None if _other_country(lex, actor_id, doc, match.last) else actor_id
    if phrase.form == "short" and _someone_else(lex, doc, match):
        return None
    # a short form that is also a function word (لي، لولا) needs its descriptor before it
    earlier = [] if phrase.head in lex.stopwords else [i for i in phrase.ids if i in named]
    who = earlier or [i for i in phrase.ids if _descriptor_before(lex, i, doc, match.first)]
    return who[0] if len(who) == 1 else None


def _common_reading(doc: Doc, match: Match) -> bool:
    """A one-word match that reads as a common word: جده (his grandfather, not Jeddah: a name
    written with ة, a common word with a pronoun ه) or لصالح (in favour of, not Saleh: a short
    form fused with a preposition into a common word)."""
    phrase: Phrase = match.value
    if match.first != match.last:
        return False
    key, head = doc.keys[match.first], phrase.head
    if phrase.form == "short" and key != head and key[: len(key) - len(head)] in _PREPOSITIONS:
        return key in common_words()
    return (
        doc.surfaces[match.first].endswith("ه")
        and phrase.written.endswith("ة")
        and not head.startswith("ال")
        and head[:-1] in common_words()
    )


_PREPOSITIONS = frozenset({"ل", "ب", "ك"})


def _not_an_actor(lex: Lexicon, doc: Doc, match: Match, mastheads: frozenset) -> bool:
    phrase: Phrase = match.value
    first, head, keys = match.first, phrase.head, doc.keys
    if phrase.form == OUTLET or through_article(doc, first, head):
        return True
    if first == match.last and _common_reading(doc, match):
        return True
    if mastheads and phrase.key in mastheads and _quoted(doc, match):
        return True  # «الشرق الأوسط» in the paper's own articles
    if first == 0 or _names_a_person(lex, phrase.ids):
        return False
    # after an institution word: مكتبة الكونغرس
    return soft(doc, first) and not lex.institutions.isdisjoint(forms(keys[first - 1]))


def _names_a_person(lex: Lexicon, ids: tuple[str, ...]) -> bool:
    found = lex.names_person.get(ids)
    if found is None:
        found = lex.names_person[ids] = any(lex.entries[i].kind == "person" for i in ids)
    return found


def mentions(doc: Doc, lex: Lexicon, *, mastheads: frozenset = frozenset()) -> list[Mention]:
    """Name mentions of listed actors (and ministries by shape) in one document.

    Args:
        doc: The document.
        lex: The compiled dictionary.
        mastheads: Phrase keys of the document's own outlet.
    """
    named: set[str] = set()
    found: list[Mention] = []
    for match in _matches(doc, lex):
        if isinstance(match.value, (Ministry, Shaped)):
            found.append(Mention(match.first, match.last, match.value.id, "pattern", match.value))
            continue
        if _not_an_actor(lex, doc, match, mastheads):
            continue
        actor_id = _listed(lex, doc, match, named)
        if actor_id is not None:
            found.append(Mention(match.first, match.last, actor_id, match.value.form))
            if match.value.form == "name":
                named.add(actor_id)
    return found

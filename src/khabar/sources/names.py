"""Telling a person's name: which words may stand in one, where it ends, and whether a word
run is a name at all (after a title, a listed given name, a name already read, or a shape
that no noun phrase has).
"""

from __future__ import annotations

import re

from khabar.sources.cuelist import Cues
from khabar.sources.passage import Mention, Passage, complementizer
from khabar.sources.speakerlists import Speakers

__all__ = [
    "accept_name",
    "article_word",
    "body_word",
    "foreign_name",
    "joined",
    "may_start_name",
    "mentions_at",
    "name_end",
    "name_word",
    "no_name_at",
    "preposition_on_noun",
    "speech_follows",
]

_NAME_WORDS = 6  # words of a name (مضاوي بنت محمد بن عبد الله)
_HARD_GAP_RE = re.compile(r"[^\s\-ـ]|\s-|-\s")  # a mark, or a dash set off by spaces
_STOPS = frozenset({"في", "ل", "ب", "من", "عن", "خلال", "عبر", "امام", "لدي", "علي", "الي"})
#: A preposition or و + the article: no name starts so.
_PREFIXED = ("لل", "بال", "وال", "فال", "كال")
_GOD = "الله"
_TANWEEN = "\u064b"  # ـً: an accusative noun or adverb, never a name
#: Nouns for an occasion of speech: «X في تصريح/حديث/مؤتمر ...» ends a name.
_SPEECH_NOUNS = frozenset(
    {"تصريح", "تصريحات", "تصريحه", "حديث", "حديثه", "بيان", "مؤتمر", "لقاء", "مقابله", "كلمه"}
)
_JOINERS = frozenset({"عبد", "ابو", "ال"})  # join the next word: عبد الله، أبو بكر، آل سعود
_SURNAME_TITLES = frozenset({"السيد", "الشيخ"})  # أحمد السيد، محمد الشيخ: a family name
_IN_NAME, _STARTS_NAME, _NATIONALITY_HEAD = 1, 2, 4  # what the lists alone say of a key
_SEEN_LIMIT = 500_000


class _KeyFlags(dict):
    """match key -> what the speaker and cue lists alone say of it (``_IN_NAME``,
    ``_STARTS_NAME`` and ``_NATIONALITY_HEAD`` bits), computed once per distinct key."""

    def __init__(self, lists: Speakers, cues: Cues) -> None:
        super().__init__()
        self.lists, self.cues = lists, cues
        self.nationality_heads = {key[0] for key in cues.nationalities if len(key) > 1}

    def __missing__(self, key: str) -> int:
        if len(self) > _SEEN_LIMIT:
            self.clear()
        lists, cues = self.lists, self.cues
        listed = (lists.not_names, lists.title_heads, lists.bodies, cues.outlet_words)
        inside = not (
            len(key) < 2
            or any(key in words for words in listed)
            or key.startswith(_PREFIXED)
            or key in cues.verb_index
            or complementizer(key)
        )
        starts = inside and not (
            (key in lists.links and key not in _JOINERS)
            or (key,) in cues.nationalities
            or (key.startswith("و") and key not in lists.male and key not in lists.female)
        )
        heads = key in self.nationality_heads
        self[key] = flags = _IN_NAME * inside | _STARTS_NAME * starts | _NATIONALITY_HEAD * heads
        return flags


_FLAGS: list[_KeyFlags] = []  # of the lists asked last


def _key_flags(lists: Speakers, cues: Cues) -> _KeyFlags:
    flags = _FLAGS[-1] if _FLAGS else None  # one read: threads may swap the entry
    if flags is None or flags.lists is not lists or flags.cues is not cues:
        flags = _KeyFlags(lists, cues)
        _FLAGS[:] = [flags]
    return flags


def mentions_at(doc: Passage, i: int) -> list[Mention]:
    """The mentions that start at token ``i``."""
    return doc.mentions_by_first.get(i, [])


def may_start_name(doc: Passage, key: str) -> bool:
    """Whether the lists let a name start with match key ``key`` (``name_end`` tells more)."""
    return bool(_key_flags(doc.speakers, doc.cues)[key] & _STARTS_NAME)


def joined(doc: Passage, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 1`` stand in one clause with only spaces between."""
    nxt = i + 1
    if nxt >= len(doc.keys) or doc.sent[nxt] != doc.sent[i]:
        return False
    gap = doc.gap_offsets(i)
    return gap is None or _HARD_GAP_RE.search(doc.text, *gap) is None


def _ends_clause(doc: Passage, last: int) -> bool:
    """A name may end here: a complementizer, a mark, a preposition or a title follows."""
    if last + 1 >= len(doc.keys) or doc.sent[last + 1] != doc.sent[last]:
        return True
    if not joined(doc, last):
        return True
    key = doc.keys[last + 1]
    return (
        complementizer(key)
        or key in _STOPS
        or key.startswith(_PREFIXED[:2])
        or key in doc.speakers.title_heads
    )


def name_word(doc: Passage, i: int, lists: Speakers) -> bool:
    """Whether token ``i`` may stand inside a name."""
    key = doc.keys[i]
    return _fits_name(doc, i, key, _key_flags(lists, doc.cues)[key], lists)


def _fits_name(doc: Passage, i: int, key: str, flag: int, lists: Speakers) -> bool:
    """``name_word`` of token ``i`` (match key ``key``, its ``_KeyFlags`` ``flag``)."""
    if not flag & _IN_NAME:
        return False
    word = doc.words[i]
    return not (
        i in doc.owner
        or not word[:1].isalpha()
        or (key in _STOPS and "ى" in word)  # على، إلى are no علي
        or preposition_on_noun(doc, key, lists)
    )


def _honored(doc: Passage, i: int) -> bool:
    """Whether an honorific title (اللواء، الدكتور) stands right before token ``i``."""
    lists = doc.speakers
    for size in (1, 2):
        start = i - size
        if start >= 0:
            title = lists.title_at(doc.keys, start, i - 1)
            if title is not None and title.size == size and title.honorific:
                return True
    return False


def preposition_on_noun(doc: Passage, key: str, lists: Speakers) -> bool:
    """لوكالة، بجامعة، لخدمات: ل or ب on a word the passage (or a list) has without it."""
    if key[:1] not in "لب" or lists.given_gender(key) != "unknown":
        return False
    rest = key[1:]
    words = doc.vocabulary
    return (
        rest in doc.cues.outlet_words
        or rest in lists.bodies
        or rest in words
        or "ال" + rest in words
    )


def name_end(doc: Passage, i: int, limit: int, lists: Speakers) -> int | None:
    """Last token of a name starting at token ``i`` (None if no name starts there).

    A nationality adjective may end a name (منصور التركي) but never start one; a first word
    in ـه or with a preposition (حديثه، لخدمات) only where it is a given name.
    """
    keys, links = doc.keys, lists.links
    key = keys[i]
    flags = _key_flags(lists, doc.cues)
    flag = flags[key]
    if not flag & _STARTS_NAME or not _fits_name(doc, i, key, flag, lists):
        return None  # وقيادي: و + a word; بن; a nationality (التركي)
    if flag & _NATIONALITY_HEAD and doc.cues.nationality_at(keys, i) is not None:
        return None
    noun = key.endswith("ه") or _TANWEEN in doc.words[i]
    if noun and lists.given_gender(key) == "unknown" and not _honored(doc, i):
        return None  # حديثه، خياراً: a noun with a pronoun or an accusative, not a name
    last, words = i, 1
    while words < _NAME_WORDS and last < limit and joined(doc, last):
        nxt = last + 1
        if keys[nxt] in links:
            after = nxt + 1  # بن خالد، آل الشيخ: whatever the linked word is
            if after > limit or not joined(doc, nxt) or not doc.words[after][:1].isalpha():
                break
            last, words = after, words + 1
        elif keys[nxt] == _GOD:  # نصر الله، فتح الله
            last = nxt
        elif _next_name_word(doc, last, nxt, lists, flags):
            last, words = nxt, words + 1
        else:
            break
    while last > i and keys[last] in links:
        last -= 1  # a name does not end on بن or عبد
    if keys[last] in links or _body_follows(doc, last, lists):
        return None
    return last


def _next_name_word(
    doc: Passage, last: int, nxt: int, lists: Speakers, flags: dict[str, int]
) -> bool:
    """Whether token ``nxt`` goes on the name ending at ``last``: after a family name with
    the article only بن and the like do (عبدالله البدري | استقرار), and no adverb in ـا."""
    keys = doc.keys
    key = keys[nxt]
    family = keys[last].startswith("ال") and keys[last - 1] not in lists.links
    if family and not key.startswith("ال"):
        return False  # after a family name with the article
    if _TANWEEN in doc.words[nxt] or key in lists.not_names:
        return False  # مُعقباً، قائلاً: an adverb after the name
    return _fits_name(doc, nxt, key, flags[key], lists) or _surname_title(doc, nxt, lists)


def _body_follows(doc: Passage, last: int, lists: Speakers) -> bool:
    """مدير عام جمرك | مطار ...: a word run that an institution word goes on is its name."""
    nxt = last + 1
    return nxt < len(doc.keys) and joined(doc, last) and body_word(doc.keys[nxt], lists)


def _surname_title(doc: Passage, i: int, lists: Speakers) -> bool:
    """السيد or الشيخ closing a name (أحمد السيد إن ...), not opening a title."""
    if doc.keys[i] not in _SURNAME_TITLES:
        return False
    return not joined(doc, i) or not name_word(doc, i + 1, lists)


def accept_name(doc: Passage, first: int, last: int, *, titled: bool, known: set[str]) -> bool:
    """Whether a word run is a person's name: after a title, a listed given name, a name
    already seen in the article, or two words or more that end where a name ends."""
    key = doc.keys[first]
    if titled or key in known or doc.keys[last] in known:
        return True
    if key.startswith("ال") and last > first:
        return False
    if doc.speakers.given_gender(key) != "unknown":
        return last > first or _ends_clause(doc, last)
    if last == first:  # وقال مميش في ...، وأضاف العقيل أن ...: a family name alone
        return speech_follows(doc, last) and _surname_shape(doc, first)
    return speech_follows(doc, last) and foreign_name(doc, first, last)


def no_name_at(doc: Passage, first: int, limit: int, known: set[str]) -> bool:
    """Whether ``accept_name`` must turn down any untitled name starting at token ``first``
    and ending by ``limit``, wherever it ends: a word in ـه/ـا (حديثه، قائلا) or with the
    article (المرصد) that neither a list nor the article names, and no name seen before
    the end."""
    keys = doc.keys
    key = keys[first]
    if key in known or doc.speakers.given_gender(key) != "unknown":
        return False
    if not known.isdisjoint(keys[first + 1 : limit + 1]):
        return False
    if key.startswith("ال"):  # a family name alone, or nothing
        return not (speech_follows(doc, first) and _surname_shape(doc, first))
    return key.endswith(("ه", "ا"))


def _surname_shape(doc: Passage, i: int) -> bool:
    """A lone word that may be a family name: not a noun the lists or the passage know."""
    key = doc.keys[i]
    bare = key[2:] if key.startswith("ال") else key
    lists = doc.speakers
    if bare in lists.not_names or bare in lists.bodies or bare in doc.cues.outlet_words:
        return False
    if (
        key.endswith(("ه", "ا", "ون"))
        or bare in lists.title_heads
        or "ال" + bare in lists.title_heads
    ):
        return False  # حديثه، قائلا، متداولون: a noun, an adverb, a plural
    if key.startswith("ال"):
        # المرصد، التحالف، الجهات: nouns of place and action, plurals; المالكي passes
        if key.endswith("ات"):
            return False
        return key.endswith("ي") or not key.startswith(("الم", "الت", "الا"))
    return "ال" + key not in doc.vocabulary


def foreign_name(doc: Passage, first: int, last: int) -> bool:
    """Whether words no list knows look like a name (روجر برايس), not a noun phrase:
    no word ends in ة or ا, no later word starts with و, the article only on a family name
    in ـي (الهاشمي), and no word the article writes elsewhere with the article (مساحة)."""
    words = doc.keys[first : last + 1]
    vocabulary = doc.vocabulary
    for n, word in enumerate(words):
        if word.endswith(("ه", "ا")) or (n and word.startswith("و")):
            return False
        if word.startswith("ال") and not word.endswith("ي"):
            return False
        if not word.startswith("ال") and "ال" + word in vocabulary:
            return False
    return True


def speech_follows(doc: Passage, last: int) -> bool:
    """What follows a name is the speech: إن/أن, a colon or quotation, or a comma and a title."""
    if doc.mark_after(last) is not None:
        return True
    nxt = last + 1
    if nxt >= len(doc.keys) or doc.sent[nxt] != doc.sent[last]:
        return False
    key = doc.keys[nxt]
    if complementizer(key) or key in doc.speakers.title_heads:
        return True
    if doc.separator(last) in ("،", ","):
        return True
    after = doc.keys[nxt + 1] if nxt + 1 < len(doc.keys) else ""
    if key == "في" and after in _SPEECH_NOUNS:
        return True  # وأوضح النهاري في تصريح
    return key == "ل" or any(m.clitic == "ل" for m in mentions_at(doc, nxt))


def article_word(key: str) -> bool:
    return key.startswith(("ال", "لل", "بال", "وال")) and len(key) > 3


def body_word(key: str, lists: Speakers) -> bool:
    """An institution word, bare or with ب، ل، و (بجامعة، لوزارة)."""
    return key in lists.bodies or (key[:1] in "بلو" and key[1:] in lists.bodies)

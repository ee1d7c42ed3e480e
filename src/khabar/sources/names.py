"""Telling a person's name: which words may stand in one, where it ends, and whether a word
run is a name at all (after a title, a listed given name, a name already read, or a shape
that no noun phrase has).
"""

from __future__ import annotations

import re

from khabar.sources.passage import Passage, complementizer
from khabar.sources.speakerlists import Speakers

__all__ = [
    "accept_name",
    "article_word",
    "body_word",
    "foreign_name",
    "joined",
    "name_end",
    "name_word",
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


def joined(doc: Passage, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 1`` stand in one clause with only spaces between."""
    return (
        i + 1 < len(doc.keys)
        and doc.sent[i + 1] == doc.sent[i]
        and _HARD_GAP_RE.search(doc.text, doc.ends[i], doc.starts[i + 1]) is None
    )


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
    key, word = doc.keys[i], doc.words[i]
    return not (  # the cheap tests first
        len(key) < 2
        or key in lists.not_names
        or key in lists.title_heads
        or key in lists.bodies
        or key in doc.cues.outlet_words
        or key.startswith(_PREFIXED)
        or i in doc.owner
        or key in doc.cues.verb_index
        or not word[:1].isalpha()
        or (key in _STOPS and "ى" in word)  # على، إلى are no علي
        or complementizer(key)
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
    key = doc.keys[i]
    if not name_word(doc, i, lists) or (key in lists.links and key not in _JOINERS):
        return None
    if doc.cues.nationality_at(doc.keys, i) is not None:
        return None
    noun = key.endswith("ه") or _TANWEEN in doc.words[i]
    if noun and lists.given_gender(key) == "unknown" and not _honored(doc, i):
        return None  # حديثه، خياراً: a noun with a pronoun or an accusative, not a name
    if (
        key.startswith("و")
        and lists.given_gender(key) == "unknown"
        and key not in doc.speakers.male
    ):
        return None  # وقيادي: و + a word
    last, words = i, 1
    while words < _NAME_WORDS and last < limit and joined(doc, last):
        nxt = last + 1
        if doc.keys[nxt] in lists.links:
            after = nxt + 1  # بن خالد، آل الشيخ: whatever the linked word is
            if after > limit or not joined(doc, nxt) or not doc.words[after][:1].isalpha():
                break
            last, words = after, words + 1
        elif doc.keys[nxt] == _GOD:  # نصر الله، فتح الله
            last = nxt
        elif _next_name_word(doc, last, nxt, lists):
            last, words = nxt, words + 1
        else:
            break
    while last > i and doc.keys[last] in lists.links:
        last -= 1  # a name does not end on بن or عبد
    if doc.keys[last] in lists.links or _body_follows(doc, last, lists):
        return None
    return last


def _next_name_word(doc: Passage, last: int, nxt: int, lists: Speakers) -> bool:
    """Whether token ``nxt`` goes on the name ending at ``last``: after a family name with
    the article only بن and the like do (عبدالله البدري | استقرار), and no adverb in ـا."""
    key = doc.keys[nxt]
    after_family = doc.keys[last].startswith("ال") and doc.keys[last - 1] not in lists.links
    if after_family and not key.startswith("ال"):
        return False
    if _TANWEEN in doc.words[nxt] or key in doc.speakers.not_names:
        return False  # مُعقباً، قائلاً: an adverb after the name
    return name_word(doc, nxt, lists) or _surname_title(doc, nxt, lists)


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
    if doc.between(last).strip() in ("،", ","):
        return True
    after = doc.keys[nxt + 1] if nxt + 1 < len(doc.keys) else ""
    if key == "في" and after in _SPEECH_NOUNS:
        return True  # وأوضح النهاري في تصريح
    return key == "ل" or any(m.first == nxt and m.clitic == "ل" for m in doc.mentions)


def article_word(key: str) -> bool:
    return key.startswith(("ال", "لل", "بال", "وال")) and len(key) > 3


def body_word(key: str, lists: Speakers) -> bool:
    """An institution word, bare or with ب، ل، و (بجامعة، لوزارة)."""
    return key in lists.bodies or (key[:1] in "بلو" and key[1:] in lists.bodies)

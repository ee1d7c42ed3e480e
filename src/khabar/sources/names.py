"""Reading a speaker phrase: titles, the institution they name, and the person's name.

A speaker phrase is what stands as the subject of a cue: titles with their complements (وزير
الخارجية الأردني، المتحدث باسم وزارة الصحة، أستاذ الاقتصاد بجامعة القاهرة), a name (أيمن
الصفدي، محمد بن سلمان), and titles after the name (أيوب قاسم، المتحدث باسم البحرية الليبية).
It ends at a complementizer (إن، أن), a colon or quotation mark, a preposition or the clause's end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from khabar.sources.cuelist import MEDIA_TYPES
from khabar.sources.passage import Passage, complementizer
from khabar.sources.speakerlists import CATEGORIES, Speakers, Title

__all__ = ["Phrase", "read_phrase"]

_REACH = 14  # tokens a speaker phrase may run to (titles, institution, name)
_NAME_WORDS = 6  # words of a name (مضاوي بنت محمد بن عبد الله)
_HARD_GAP_RE = re.compile(r"[^\s\-ـ]|\s-|-\s")  # a mark, or a dash set off by spaces
_STOPS = frozenset({"في", "ل", "ب", "من", "عن", "خلال", "عبر", "امام", "لدي", "علي", "الي"})
_ROYAL = frozenset({"الملك", "الامير", "الاميره", "ولي"})
#: A preposition or و + the article: no name starts so.
_PREFIXED = ("لل", "بال", "وال", "فال", "كال")
_GOD = "الله"
_TANWEEN = "\u064b"  # ـً: an accusative noun or adverb, never a name
_CONNECTORS = frozenset({"باسم", "في", "لدي", "الي"})  # inside a title: المتحدث باسم ...
#: Nouns for an occasion of speech: «X في تصريح/حديث/مؤتمر ...» ends a name.
_SPEECH_NOUNS = frozenset(
    {"تصريح", "تصريحات", "تصريحه", "حديث", "حديثه", "بيان", "مؤتمر", "لقاء", "مقابله", "كلمه"}
)
_JOINERS = frozenset({"عبد", "ابو", "ال"})  # join the next word: عبد الله، أبو بكر، آل سعود
_SURNAME_TITLES = frozenset({"السيد", "الشيخ"})  # أحمد السيد، محمد الشيخ: a family name


@dataclass
class Phrase:
    """A speaker phrase: tokens ``first``..``last``; the name and titles inside it."""

    first: int
    last: int = -1
    name: tuple[int, int] | None = None
    titles: list[tuple[int, int, Title]] = field(default_factory=list)

    @property
    def category(self) -> str:
        """The strongest category among the titles (CATEGORIES order), else empty."""
        found = {t.category for _, _, t in self.titles}
        return next((c for c in CATEGORIES if c in found), "")

    @property
    def title_gender(self) -> str:
        genders = {t.gender for _, _, t in self.titles} - {"unknown"}
        return genders.pop() if len(genders) == 1 else "unknown"


def _joined(doc: Passage, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 1`` stand in one clause with only spaces between."""
    return (
        i + 1 < len(doc.tokens)
        and doc.sent[i + 1] == doc.sent[i]
        and _HARD_GAP_RE.search(doc.between(i)) is None
    )


def _ends_clause(doc: Passage, last: int) -> bool:
    """A name may end here: a complementizer, a mark, a preposition or a title follows."""
    if last + 1 >= len(doc.tokens) or doc.sent[last + 1] != doc.sent[last]:
        return True
    if not _joined(doc, last):
        return True
    key = doc.keys[last + 1]
    return (
        complementizer(key)
        or key in _STOPS
        or key.startswith(_PREFIXED[:2])
        or key in doc.speakers.title_heads
    )


def _name_word(doc: Passage, i: int, lists: Speakers) -> bool:
    """Whether token ``i`` may stand inside a name."""
    key, token = doc.keys[i], doc.tokens[i]
    return not (
        len(key) < 2
        or (key in _STOPS and "ى" in token.text)  # على، إلى are no علي
        or key in lists.not_names
        or key in lists.title_heads
        or key in lists.bodies
        or key in doc.cues.outlet_words
        or _preposition_on_noun(doc, key, lists)
        or complementizer(key)
        or doc.cues.verb_at(key)
        or key.startswith(_PREFIXED)
        or i in doc.owner
        or not token.text[:1].isalpha()
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


def _preposition_on_noun(doc: Passage, key: str, lists: Speakers) -> bool:
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


def _name_end(doc: Passage, i: int, limit: int, lists: Speakers) -> int | None:
    """Last token of a name starting at token ``i`` (None if no name starts there).

    A nationality adjective may end a name (منصور التركي) but never start one; a first word
    in ـه or with a preposition (حديثه، لخدمات) only where it is a given name.
    """
    key = doc.keys[i]
    if not _name_word(doc, i, lists) or key in lists.links - _JOINERS:
        return None
    if doc.cues.nationality_at(doc.keys, i) is not None:
        return None
    noun = key.endswith("ه") or _TANWEEN in doc.tokens[i].text
    if noun and lists.given_gender(key) == "unknown" and not _honored(doc, i):
        return None  # حديثه، خياراً: a noun with a pronoun or an accusative, not a name
    if (
        key.startswith("و")
        and lists.given_gender(key) == "unknown"
        and key not in doc.speakers.male
    ):
        return None  # وقيادي: و + a word
    last, words = i, 1
    while words < _NAME_WORDS and last < limit and _joined(doc, last):
        nxt = last + 1
        if doc.keys[nxt] in lists.links:
            after = nxt + 1  # بن خالد، آل الشيخ: whatever the linked word is
            if after > limit or not _joined(doc, nxt) or not doc.tokens[after].text[:1].isalpha():
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
    if _TANWEEN in doc.tokens[nxt].text or key in doc.speakers.not_names:
        return False  # مُعقباً، قائلاً: an adverb after the name
    return _name_word(doc, nxt, lists) or _surname_title(doc, nxt, lists)


def _body_follows(doc: Passage, last: int, lists: Speakers) -> bool:
    """مدير عام جمرك | مطار ...: a word run that an institution word goes on is its name."""
    nxt = last + 1
    return nxt < len(doc.tokens) and _joined(doc, last) and _body_word(doc.keys[nxt], lists)


def _surname_title(doc: Passage, i: int, lists: Speakers) -> bool:
    """السيد or الشيخ closing a name (أحمد السيد إن ...), not opening a title."""
    if doc.keys[i] not in _SURNAME_TITLES:
        return False
    return not _joined(doc, i) or not _name_word(doc, i + 1, lists)


def _accept_name(doc: Passage, first: int, last: int, *, titled: bool, known: set[str]) -> bool:
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
        return _speech_follows(doc, last) and _surname_shape(doc, first)
    return _speech_follows(doc, last) and _foreign_name(doc, first, last)


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


def _foreign_name(doc: Passage, first: int, last: int) -> bool:
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


def _speech_follows(doc: Passage, last: int) -> bool:
    """What follows a name is the speech: إن/أن, a colon or quotation, or a comma and a title."""
    if doc.mark_after(last) is not None:
        return True
    nxt = last + 1
    if nxt >= len(doc.tokens) or doc.sent[nxt] != doc.sent[last]:
        return False
    key = doc.keys[nxt]
    if complementizer(key) or key in doc.speakers.title_heads:
        return True
    if doc.between(last).strip() in ("،", ","):
        return True
    after = doc.keys[nxt + 1] if nxt + 1 < len(doc.tokens) else ""
    if key == "في" and after in _SPEECH_NOUNS:
        return True  # وأوضح النهاري في تصريح
    return key == "ل" or any(m.first == nxt and m.clitic == "ل" for m in doc.mentions)


def _complement_end(doc: Passage, i: int, limit: int, lists: Speakers) -> int:
    """Last token of a title's complement from token ``i`` (``i - 1`` if none): words with
    the article, institutions, listed sources, باسم/في/لدى + those."""
    last = i - 1
    after_body = i > 0 and _body_word(doc.keys[i - 1], lists)
    while last < limit and (last < i or _joined(doc, last)):
        j = last + 1
        key = doc.keys[j]
        if after_body and not _body_word(key, lists) and _institution_name(doc, j, lists):
            # شركة أبل، في عسير: the name of an institution or a place (not after النادي)
            last, after_body = j, False  # the institution's own name: كلية خدمة المجتمع
            continue
        if j == i and _indefinite_adjective(doc, j, lists):
            last = j  # ناشط اجتماعي، خبير اقتصادي
            continue
        if after_body and key in _ROYAL:
            end = _name_end(doc, j + 1, limit, lists) if j < limit else None
            last, after_body = (end if end is not None else j), False
            continue
        if j > i and lists.title_at(doc.keys, j, limit):
            break
        if last in doc.owner and j not in doc.owner and key.startswith("لل"):
            break  # المتحدث باسم الكرملين | للصحفيين
        if j in doc.owner and j > i and not after_body and _media_at(doc, j):
            break  # رئيس اتحاد الكاريبي | رويترز: the outlet is told, not the title's body
        if j not in doc.owner and _lam_word(key, lists) and _construct(doc, j, lists):
            last, after_body = j, True  # مدير عام | لجمرك المطار، لخدمات البترول
            continue
        body = _body_word(key, lists)
        if key in _CONNECTORS and j < limit:
            last, after_body = j, True  # باسم، في، لدى، إلى + what follows
            continue
        if body or j in doc.owner or _article_word(key):
            if key in lists.not_names or doc.cues.verb_at(key) or complementizer(key):
                break
            last, after_body = j, body and not key.startswith("ال")
            continue
        break
    return last


def _institution_name(doc: Passage, j: int, lists: Speakers) -> bool:
    """The word after an institution word that names it (كلية خدمة، هيئة قناة، شركة أبل)."""
    key = doc.keys[j]
    return (
        lists.given_gender(key) == "unknown"
        and key not in lists.title_heads
        and key not in lists.not_names
        and not complementizer(key)
        and doc.cues.verb_at(key) is None
        and doc.tokens[j].text[:1].isalpha()
    )


def _indefinite_adjective(doc: Passage, j: int, lists: Speakers) -> bool:
    """An adjective in ـي right after an indefinite title (ناشط اجتماعي), not a name."""
    key = doc.keys[j]
    title = doc.keys[j - 1] if j else ""
    return (
        not title.startswith("ال")
        and key.endswith("ي")
        and not key.startswith("ال")
        and lists.given_gender(key) == "unknown"
    )


def _media_at(doc: Passage, j: int) -> bool:
    return any(
        m.first <= j <= m.last and m.entry is not None and m.entry.kind in MEDIA_TYPES
        for m in doc.mentions
    )


def _construct(doc: Passage, j: int, lists: Speakers) -> bool:
    """لجمرك المطار، لخدمات البترول: ل + a noun the passage knows or that an article word
    follows; not ليندا توماس."""
    if _preposition_on_noun(doc, doc.keys[j], lists):
        return True
    nxt = j + 1
    return nxt < len(doc.tokens) and _joined(doc, j) and _article_word(doc.keys[nxt])


def _lam_word(key: str, lists: Speakers) -> bool:
    """لـ + a noun (لجمرك، لخدمات): what an office is of; not لل (the article) nor a name."""
    return (
        key.startswith("ل")
        and not key.startswith("لل")
        and len(key) > 3
        and lists.given_gender(key) == "unknown"
        and key[1:] not in lists.not_names
    )


def _article_word(key: str) -> bool:
    return key.startswith(("ال", "لل", "بال", "وال")) and len(key) > 3


def _body_word(key: str, lists: Speakers) -> bool:
    """An institution word, bare or with ب، ل، و (بجامعة، لوزارة)."""
    return key in lists.bodies or (key[:1] in "بلو" and key[1:] in lists.bodies)


def read_phrase(
    doc: Passage,
    i: int,
    *,
    known: set[str],
    listed: Callable[[int], int | None] = lambda i: None,
    limit: int | None = None,
) -> Phrase:
    """The speaker phrase starting at token ``i`` (``last`` < ``first`` when there is none).

    Args:
        doc: The passage.
        i: First token of the phrase.
        known: Match keys of the words of names already read in this article.
        listed: The last token of a listed person's name starting at a token, else None.
        limit: Last token the phrase may reach (default: ``_REACH`` tokens on, same sentence).
    """
    lists = doc.speakers
    end = min(len(doc.tokens) - 1, i + _REACH) if limit is None else limit
    while end > i and doc.sent[end] != doc.sent[i]:
        end -= 1
    phrase = Phrase(i)
    j = i
    while j <= end and (
        j == i or _joined(doc, j - 1) or _after_comma(doc, j, phrase, listed=listed)
    ):
        title = lists.title_at(doc.keys, j, end)
        if title is not None:
            t_last = j + title.size - 1
            phrase.titles.append((j, t_last, title))
            c_last = t_last if title.honorific else _complement_end(doc, t_last + 1, end, lists)
            phrase.last, j = c_last, c_last + 1
            continue
        if phrase.name is None:
            name = _read_name(doc, j, end, phrase, known=known, listed=listed)
            if name is not None:
                phrase.name = name
                phrase.last, j = name[1], name[1] + 1
                continue
        break
    return phrase


def _read_name(
    doc: Passage,
    j: int,
    end: int,
    phrase: Phrase,
    *,
    known: set[str],
    listed: Callable[[int], int | None],
) -> tuple[int, int] | None:
    """The name at token ``j`` of a phrase read so far, if one stands there."""
    listed_last = listed(j)
    if listed_last is not None and listed_last <= end:
        return j, listed_last
    lists = doc.speakers
    n_last = _name_end(doc, j, end, lists)
    if n_last is None:
        return None
    titled = bool(phrase.titles) and phrase.last == j - 1
    if titled and not phrase.titles[-1][2].honorific:
        j = _given_start(doc, j, n_last, lists)
        n_last = _name_end(doc, j, end, lists) or n_last
    if not titled and doc.keys[j] in known:
        n_last = _known_end(doc, j, n_last, known)
    if _accept_name(doc, j, n_last, titled=titled, known=known):
        return j, n_last
    return None


def _known_end(doc: Passage, first: int, last: int, known: set[str]) -> int:
    """A name already read (كتاينن) stands alone: it ends with the last word known."""
    end = first
    while end < last and doc.keys[end + 1] in known:
        end += 1
    return end


def _given_start(doc: Passage, first: int, last: int, lists: Speakers) -> int:
    """مدير فنون أبها أحمد ...: after a title, a name starts at a given name inside the run."""
    if lists.given_gender(doc.keys[first]) != "unknown":
        return first
    for k in range(first + 1, last + 1):
        if lists.given_gender(doc.keys[k]) != "unknown" and doc.keys[k - 1] not in lists.links:
            return k
    return first


def _after_comma(
    doc: Passage, j: int, phrase: Phrase, *, listed: Callable[[int], int | None]
) -> bool:
    """A title after a name and a comma (أيوب قاسم، المتحدث باسم البحرية الليبية), or a
    title or a name after titles and a comma (وزير الداخلية، اللواء عبده الحذيفي، ...)."""
    if not phrase.titles and phrase.name is None:
        return False
    if phrase.last != j - 1 or doc.sent[j] != doc.sent[j - 1]:
        return False
    if doc.between(j - 1).strip() not in ("،", ","):
        return False
    lists = doc.speakers
    if lists.title_at(doc.keys, j, j + 3) is not None:
        return True
    if phrase.name is not None:
        return False
    if lists.given_gender(doc.keys[j]) != "unknown" or listed(j) is not None:
        return True
    last = _name_end(doc, j, min(j + 3, len(doc.tokens) - 1), lists)
    return last is not None and _speech_follows(doc, last) and _foreign_name(doc, j, last)

"""Reading a speaker phrase: titles, the institution they name, and the person's name.

A speaker phrase is what stands as the subject of a cue: titles with their complements (وزير
الخارجية الأردني، المتحدث باسم وزارة الصحة، أستاذ الاقتصاد بجامعة القاهرة), a name (أيمن
الصفدي، محمد بن سلمان), and titles after the name (أيوب قاسم، المتحدث باسم البحرية الليبية).
It ends at a complementizer (إن، أن), a colon or quotation mark, a preposition or the clause's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from khabar.sources.cuelist import MEDIA_TYPES
from khabar.sources.names import (
    accept_name,
    article_word,
    body_word,
    foreign_name,
    joined,
    may_start_name,
    name_end,
    no_name_at,
    preposition_on_noun,
    speech_follows,
)
from khabar.sources.passage import Passage, complementizer
from khabar.sources.speakerlists import CATEGORIES, Speakers, Title

__all__ = ["Phrase", "opens_phrase", "read_phrase"]

_REACH = 14  # tokens a speaker phrase may run to (titles, institution, name)
_ROYAL = frozenset({"الملك", "الامير", "الاميره", "ولي"})
_CONNECTORS = frozenset({"باسم", "في", "لدي", "الي"})  # inside a title: المتحدث باسم ...


@dataclass(slots=True)
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


def _complement_end(doc: Passage, i: int, limit: int, lists: Speakers) -> int:
    """Last token of a title's complement from token ``i`` (``i - 1`` if none): words with
    the article, institutions, listed sources, باسم/في/لدى + those."""
    last = i - 1
    after_body = i > 0 and body_word(doc.keys[i - 1], lists)
    while last < limit and (last < i or joined(doc, last)):
        j = last + 1
        key = doc.keys[j]
        if after_body and not body_word(key, lists) and _institution_name(doc, j, lists):
            # شركة أبل، في عسير: the name of an institution or a place (not after النادي)
            last, after_body = j, False  # the institution's own name: كلية خدمة المجتمع
            continue
        if j == i and _indefinite_adjective(doc, j, lists):
            last = j  # ناشط اجتماعي، خبير اقتصادي
            continue
        if after_body and key in _ROYAL:
            end = name_end(doc, j + 1, limit, lists) if j < limit else None
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
        body = body_word(key, lists)
        if key in _CONNECTORS and j < limit:
            last, after_body = j, True  # باسم، في، لدى، إلى + what follows
            continue
        if body or j in doc.owner or article_word(key):
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
        and doc.words[j][:1].isalpha()
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
    if preposition_on_noun(doc, doc.keys[j], lists):
        return True
    nxt = j + 1
    return nxt < len(doc.keys) and joined(doc, j) and article_word(doc.keys[nxt])


def _lam_word(key: str, lists: Speakers) -> bool:
    """لـ + a noun (لجمرك، لخدمات): what an office is of; not لل (the article) nor a name."""
    return (
        key.startswith("ل")
        and not key.startswith("لل")
        and len(key) > 3
        and lists.given_gender(key) == "unknown"
        and key[1:] not in lists.not_names
    )


def opens_phrase(doc: Passage, i: int, *, listed: Callable[[int], int | None]) -> bool:
    """Whether a speaker phrase may start at token ``i`` (most words after a verb start
    none): a title, a listed person's name, or a word the lists let start a name."""
    key = doc.keys[i]
    return key in doc.speakers.title_heads or may_start_name(doc, key) or listed(i) is not None


def read_phrase(
    doc: Passage,
    i: int,
    *,
    known: set[str],
    listed: Callable[[int], int | None] = lambda i: None,
    limit: int | None = None,
) -> Phrase:
    """The speaker phrase starting at token ``i`` (``last`` < ``first`` when there is none).

    None starts where ``opens_phrase`` is False: callers ask it first, and skip those tokens.

    Args:
        doc: The passage.
        i: First token of the phrase.
        known: Match keys of the words of names already read in this article.
        listed: The last token of a listed person's name starting at a token, else None.
        limit: Last token the phrase may reach (default: ``_REACH`` tokens on, same sentence).
    """
    lists, keys = doc.speakers, doc.keys
    heads = lists.title_heads
    phrase = Phrase(i)
    end = min(len(keys) - 1, i + _REACH) if limit is None else limit
    if end > i:
        end = min(end, doc.last_of(i))
    j = i
    while j <= end and (
        j == i or joined(doc, j - 1) or _after_comma(doc, j, phrase, listed=listed)
    ):
        title = lists.title_at(keys, j, end) if keys[j] in heads else None
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
    titled = bool(phrase.titles) and phrase.last == j - 1
    if not titled and no_name_at(doc, j, end, known):
        return None
    lists = doc.speakers
    n_last = name_end(doc, j, end, lists)
    if n_last is None:
        return None
    if titled and not phrase.titles[-1][2].honorific:
        j = _given_start(doc, j, n_last, lists)
        n_last = name_end(doc, j, end, lists) or n_last
    if not titled and doc.keys[j] in known:
        n_last = _known_end(doc, j, n_last, known)
    if accept_name(doc, j, n_last, titled=titled, known=known):
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
    if doc.separator(j - 1) not in ("،", ","):
        return False
    lists = doc.speakers
    if lists.title_at(doc.keys, j, j + 3) is not None:
        return True
    if phrase.name is not None:
        return False
    if lists.given_gender(doc.keys[j]) != "unknown" or listed(j) is not None:
        return True
    last = name_end(doc, j, min(j + 3, len(doc.keys) - 1), lists)
    return last is not None and speech_follows(doc, last) and foreign_name(doc, j, last)

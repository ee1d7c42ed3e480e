"""Organizations named by their shape: an institution word and the proper part of its name.

جامعة جازان، غرفة الرياض (a place or country), مستشفى الملك فهد (a person), مجلس النواب
اللبناني، الحزب الشيوعي الصيني (a nationality adjective), حزب «النور» (a quoted name), شركة
Google (a Latin name), الهيئة العامة للسياحة (a naming adjective and a لل complement). A
listed organization keeps its own id; an unlisted one gets ``org:<normalized name>``. A head
word alone or with a common noun only (الجامعة، لجنة التحقيق) is not a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import compress
from typing import NamedTuple

from khabar.actors.dictionary import Lexicon, Phrase
from khabar.actors.document import Doc
from khabar.actors.hints import common_words
from khabar.actors.matching import Match, soft_gap
from khabar.clitics import PROCLITICS, stems
from khabar.lexicon import key_of
from khabar.wordlists import protected_words

__all__ = [
    "HEADS", "ORG_PREFIX", "PLACE_HEADS", "PLACE_PREFIX", "Shaped", "head_words",
    "shaped_organizations",
]  # fmt: skip

ORG_PREFIX = "org:"
PLACE_PREFIX = "place:"
#: Institution words that open an organization's name.
HEADS = (
    "جامعة", "شركة", "مستشفى", "نادي", "هيئة", "مجلس", "بنك", "مصرف", "مؤسسة", "جمعية",
    "غرفة", "لجنة", "اتحاد", "منظمة", "حزب", "جماعة", "كلية", "معهد", "مركز", "أكاديمية",
    "صندوق", "حركة", "جبهة", "مجموعة", "وزارة", "محكمة", "نقابة",
)  # fmt: skip
#: Words that open the name of a place (مطار عدن الدولي، منتزه الأمير سلطان).
PLACE_HEADS = ("مطار", "ميناء", "منتزه", "حديقة", "جسر", "شارع", "ملعب", "استاد", "قصر", "سد")
#: Adjectives of a region or of the world, which end a name as a nationality does.
_REGIONAL = (
    "الدولي", "الدولية", "العربي", "العربية", "الأوروبي", "الأوروبية", "الأفريقي", "الأفريقية",
    "الإفريقي", "الإفريقية", "الخليجي", "الخليجية", "الآسيوي", "الآسيوية", "الإسلامي",
    "الإسلامية", "العالمي", "العالمية",
)  # fmt: skip
#: Adjectives that make a head plus a لل complement a name (الهيئة العامة للسياحة).
_NAMING = ("العامة", "العام", "العليا", "الأعلى", "الوطنية", "الوطني", "الدولية", "الدولي")
_QUOTES = frozenset('"“”«»„')
_PROPER = frozenset({"place", "country", "person"})
_MAX_BETWEEN = 2  # definite words between a head and its nationality adjective
_MAX_QUOTED = 4
_RELATIVES = ("التي", "الذي", "اللذين", "اللتين", "الذين", "اللاتي", "اللواتي")
_ANY_NOUN = frozenset({"نادي", "بنك", "مصرف"})  # نادي الرائد، بنك البلاد
_NOT_BY_RARE = frozenset({"مركز"})  # مركز + a rare word is mostly a district (a place)
#: Shapes whose name goes on with its field (الشركة السعودية للكهرباء), unlike a proper
#: name (نقل إلى مستشفى حراء للعلاج: "for treatment").
_FIELDED = frozenset({"nationality", "naming", "fields"})
_TANWEEN = frozenset("ًٌٍ")


class Shaped(NamedTuple):
    """An organization (or a place) read by its shape (no dictionary entry needed)."""

    id: str
    en: str
    ar: str
    kind: str = "organization"


class _Head(NamedTuple):
    written: str  # as a dictionary writes it, clitics off: الجامعة
    definite: bool
    kind: str


@cache
def _head_forms() -> dict[str, _Head]:
    """Every spelling of a head word with its proclitics (وللجامعة) -> the head."""
    out: dict[str, _Head] = {}
    for kind, heads in (("organization", HEADS), ("place", PLACE_HEADS)):
        for head in heads:
            key = key_of(head)
            for p in PROCLITICS:
                out.setdefault(p + key, _Head(head, False, kind))
                out[p + "ال" + key] = _Head("ال" + head, True, kind)
            out["لل" + key] = _Head("ال" + head, True, kind)
    return out


@cache
def _relatives() -> frozenset[str]:
    return frozenset(map(key_of, _RELATIVES))


@cache
def _naming() -> frozenset[str]:
    return frozenset(map(key_of, _NAMING))


@cache
def _regional() -> frozenset[str]:
    return frozenset(map(key_of, _REGIONAL))


def _soft(doc: Doc, j: int) -> bool:
    return 0 < j < len(doc.keys) and ((gap := doc.parts[2 * j]) == " " or soft_gap(gap))


def _definite(key: str) -> bool:
    return key.startswith("ال") and len(key) > 3


def _nationality_end(doc: Doc, lex: Lexicon, j: int) -> int | None:
    """Last word of ``[definite words] nationality or regional adjective`` from ``j``."""
    keys, regional = doc.keys, _regional()
    window = keys[j : j + _MAX_BETWEEN + 1]
    k = next(
        (j + n for n, key in enumerate(window) if key in regional or key in lex.nationalities),
        None,
    )
    if k is None or not all(
        _soft(doc, m) and _definite(keys[m]) and keys[m] not in lex.stopwords
        for m in range(j, k + 1)
    ):
        return None
    if keys[k] in regional:
        return k
    table = lex.ministries.countries
    if tuple(keys[k : k + 2]) in table and _soft(doc, k + 1):
        return k + 1
    return k if (keys[k],) in table else None


def _quoted_end(doc: Doc, j: int) -> int | None:
    """Last word of a quoted name opening before word ``j``, else None."""
    if j >= len(doc.keys) or not _QUOTES & set(doc.gap(j)):
        return None
    for k in range(j, min(j + _MAX_QUOTED, len(doc.keys))):
        after = doc.gap(k + 1) if k + 1 < len(doc.keys) else doc.parts[-1]
        if _QUOTES & set(after):
            return k
        if k > j and doc.gap(k) != " ":
            return None
    return None


def _latin_end(doc: Doc, j: int) -> int | None:
    """Last word of a run of capitalised Latin words from ``j``, else None."""
    k = j
    while k < len(doc.keys) and (k == j or _soft(doc, k)) and doc.surfaces[k][:1].isupper():
        if not doc.surfaces[k].isascii():
            break
        k += 1
    return k - 1 if k > j else None


def _uncommon(lex: Lexicon, doc: Doc, j: int) -> bool:
    """An Arabic word without the article that general text rarely writes, nor its stems, and
    no feminine plural, nisba or tanween: a name (حراء), not للإشراف, تنقلات, وزارية or
    فائضًا."""
    key = doc.keys[j]
    return key not in lex.stopwords and _TANWEEN.isdisjoint(doc.surfaces[j]) and _rare(key)


@lru_cache(maxsize=200_000)
def _rare(key: str) -> bool:
    common = common_words()
    return (
        len(key) >= 3
        and not key.startswith("ال")
        and not key.endswith(("ات", "يه"))
        and key.isalpha()
        and not key.isascii()
        and key not in common
        and not any(stem in common for stem in stems(key, protected=protected_words()))
    )


def _portfolio_end(doc: Doc, lex: Lexicon, j: int) -> int | None:
    """Last word of a ministry's portfolio from ``j`` (الشؤون الاجتماعية), else None."""
    for size in (3, 2, 1):
        if tuple(doc.keys[j : j + size]) in lex.ministries.portfolios and all(
            _soft(doc, k) for k in range(j, j + size)
        ):
            return j + size - 1
    return None


def _coordinated(doc: Doc, lex: Lexicon, j: int) -> bool:
    """Words ``j`` and ``j + 1`` are two definite fields joined by و (التحقيق والادعاء)."""
    keys = doc.keys
    return (
        j + 1 < len(keys)
        and _definite(keys[j])
        and keys[j] not in lex.stopwords
        and keys[j + 1].startswith("وال")
        and len(keys[j + 1]) > 4
        and _soft(doc, j + 1)
    )


def _district(head: _Head, kinds: set[str]) -> bool:
    """مركز + a place is mostly a district or its seat (مركز محافظة لحج), not a body."""
    return head.written in _NOT_BY_RARE and not kinds.isdisjoint({"place", "country"})


def _proper_end(
    doc: Doc, lex: Lexicon, i: int, head: _Head, starts: dict[int, Match]
) -> tuple[int, str] | None:
    """(last word, how) of the proper part after the head at ``i``."""
    j = i + 1
    if j >= len(doc.keys):
        return None
    gap = doc.gap(j)
    if gap != " ":
        quoted = _quoted_end(doc, j)
        if quoted is not None:
            return quoted, "quoted"
        if not soft_gap(gap):
            return None
    if doc.surfaces[j].isascii():
        latin = _latin_end(doc, j)
        return None if latin is None else (latin, "latin")
    match = starts.get(j)
    if match is not None and isinstance(match.value, Phrase):
        kinds = {lex.entries[a].kind for a in match.value.ids if a in lex.entries}
        if kinds == {"organization"}:
            return None  # حركة حماس: the listed body itself
        if kinds & _PROPER and not head.definite and not _district(head, kinds):
            return match.last, "name"
    portfolio = _portfolio_end(doc, lex, j) if head.written == "وزارة" else None
    if portfolio is not None:
        return portfolio, "portfolio"  # وزارة العمل: a ministry named by its portfolio
    if head.written in _ANY_NOUN and _definite(doc.keys[j]):
        return j, "name"  # a club or bank is named by any noun
    if not head.definite and _coordinated(doc, lex, j):
        return j + 1, "fields"  # هيئة التحقيق والادعاء العام: two fields name a body
    if not head.definite and head.written not in _NOT_BY_RARE and _uncommon(lex, doc, j):
        return j, "name"
    if head.kind == "place":
        return None
    end = _nationality_end(doc, lex, j)
    if end is not None and not (head.definite and end == j):
        return end, "nationality"
    if end is not None and _soft(doc, j + 1) and doc.keys[j + 1].startswith("ل"):
        return end, "naming"  # المعهد السعودي للخطوط الحديدية, not النادي الإيطالي alone
    naming = head.definite and doc.keys[j] in _naming() and _soft(doc, j + 1)
    return (j, "naming") if naming and doc.keys[j + 1].startswith("لل") else None


def _adjectives_end(doc: Doc, lex: Lexicon, last: int) -> int:
    """Extend a name by nationality, regional or naming adjectives (نادي القادسية الكويتي،
    مستشفى جدة الوطني)."""
    table, regional, naming = lex.ministries.countries, _regional(), _naming()
    j = last + 1
    while _soft(doc, j) and (
        doc.keys[j] in regional or doc.keys[j] in naming or (doc.keys[j],) in table
    ):
        last, j = j, j + 1
    return last


def _complement_end(doc: Doc, last: int, *, field: bool) -> int:
    """Extend a name by a لل or ل complement with its adjective, genitive or conjunct
    (للطيران المدني، لكرة القدم، للسياحة والآثار); a lone complement after a proper name
    only with ``field`` (نقل إلى مستشفى حراء للعلاج: "for treatment")."""
    j = last + 1
    if not (_soft(doc, j) and doc.keys[j].startswith("ل") and len(doc.keys[j]) > 3):
        return last
    end = j
    for k in range(j + 1, min(j + 3, len(doc.keys))):
        key = doc.keys[k]
        joined = _definite(key) or key.startswith("وال")
        if not _soft(doc, k) or key in _relatives() or not joined:
            break
        genitive = k == j + 1 and not doc.keys[j].startswith("لل")  # لكرة القدم
        if not (genitive or key.endswith(("ي", "يه")) or key.startswith("وال")):
            break
        end = k
    if end == j and not (field and doc.keys[j].startswith("لل")):
        return last
    return end


def _shaped_at(doc: Doc, lex: Lexicon, i: int, starts: dict[int, Match]) -> Match | None:
    head = _head_forms()[doc.keys[i]]
    proper = _proper_end(doc, lex, i, head, starts)
    if proper is None:
        return None
    last, how = proper
    if how != "portfolio":  # وكيل وزارة الزراعة لشؤون الأبحاث: the deputy's remit
        last = _complement_end(doc, _adjectives_end(doc, lex, last), field=how in _FIELDED)
    if how == "naming" and last == proper[0]:
        return None
    name = " ".join([head.written, *map(doc.norm, range(i + 1, last + 1))])
    prefix = ORG_PREFIX if head.kind == "organization" else PLACE_PREFIX
    key = " ".join(key_of(w) for w in name.split())
    return Match(i, last, Shaped(prefix + key, "(unlisted)", name, head.kind))


def head_words() -> frozenset[str]:
    """The match keys of every head word with its proclitics (وللجامعة)."""
    return frozenset(_head_forms())


def shaped_organizations(
    doc: Doc, lex: Lexicon, found: Sequence[Match], *, at: Sequence[int] | None = None
) -> list[Match]:
    """Organizations (and places) read by their shape.

    Args:
        doc: The document.
        lex: The compiled dictionary.
        found: Dictionary matches (their places, countries and people may be proper parts).
        at: The positions of the document's head words (``head_words``), if known.

    Returns:
        Matches whose value is a ``Shaped`` actor, in text order.
    """
    if at is None:
        heads = _head_forms()
        at = list(compress(range(len(doc.keys)), map(heads.__contains__, doc.keys)))
    if not at:
        return []
    starts = {m.first: m for m in found}
    out: list[Match] = []
    after = -1
    for i in at:
        if i > after and (m := _shaped_at(doc, lex, i, starts)) is not None:
            out.append(m)
            after = m.last
    return out

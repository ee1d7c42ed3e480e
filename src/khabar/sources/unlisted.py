"""Sources the dictionary lacks: outlets named after their kind, and government bodies.

- An outlet: a kind word and a name (صحيفة عكاظ، مجلة «فوربس»، قناة فوكس سبورتس), or a quoted
  name after a lone لـ (قال لـ"اليوم"). Its id is ``unlisted:<name>``.
- A government body: وزارة/هيئة/مديرية ... + what it is for + a country adjective where written
  (وزارة الداخلية السعودية، المديرية العامة للدفاع المدني). Its id is ``gov:[<country>:]<name>``.
Both become mentions like listed sources; a cue must still govern them to count.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from khabar.clitics import PREPOSITIONS
from khabar.lexicon import Entry
from khabar.normalize import normalize
from khabar.sources.passage import (
    QUOTES,
    Mention,
    Passage,
    complementizer,
    skip_letters,
    with_clitics,
)

__all__ = ["unlisted_mentions"]

_NAME_WORDS = 3  # words of an unquoted outlet name
_BODY_WORDS = 4  # words after a government body's head word
_QUOTED_CHARS = 60
_ADJECTIVE_END = "يه"  # أمريكية، محلية: an adjective, not a name


def unlisted_mentions(
    doc: Passage, *, listed: Mapping[tuple[str, ...], Entry] | None = None
) -> list[Mention]:
    """Mentions of unlisted outlets and government bodies at tokens no listed source holds.

    Args:
        doc: The passage, its listed mentions found.
        listed: Listed outlets by name without kind word: لـ«عكاظ» is the listed صحيفة عكاظ.
    """
    listed = listed or {}
    found: list[Mention] = []
    heads = _heads(doc.cues.outlet_heads, doc.speakers.government_heads)
    after = -1
    keys = doc.keys
    for i in doc.anchors:
        if i <= after or keys[i] not in heads or i in doc.owner:
            continue
        mention = _outlet(doc, i, listed) or _government(doc, i)
        if mention is not None:
            found.append(mention)
            after = mention.last
    return found


def _split(doc: Passage, i: int, words: frozenset[str]) -> tuple[str, str] | None:
    """(proclitics, rest) of token ``i`` where the rest is one of ``words`` (لصحيفة -> ل, صحيفة)."""
    return with_clitics(words).get(doc.keys[i])


@cache
def _heads(outlets: frozenset[str], bodies: frozenset[str]) -> frozenset[str]:
    """Written forms that may open an unlisted outlet or body (and the lone لـ)."""
    return frozenset(with_clitics(outlets).keys() | with_clitics(bodies).keys() | {"ل"})


def _clitics(doc: Passage, m: Mention, prefix: str) -> Mention:
    """Record a preposition attached to (or standing before) the mention's first word."""
    m.clitic = prefix[-1:] if prefix[-1:] in PREPOSITIONS else ""
    if prefix:
        m.trim = skip_letters(doc.words[m.first], len(prefix))
    elif (
        m.first > 0
        and doc.sent[m.first - 1] == doc.sent[m.first]
        and doc.keys[m.first - 1] in ("ل", "ب")
    ):
        m.clitic = doc.keys[m.first - 1]
    return m


def _outlet(doc: Passage, i: int, listed: Mapping[tuple[str, ...], Entry]) -> Mention | None:
    """صحيفة عكاظ، «سبق»، لـ"اليوم": an outlet the dictionary lacks."""
    kinds = doc.cues.outlet_kinds
    split = _split(doc, i, doc.cues.outlet_heads)
    if split is None:
        return _lam_quoted(doc, i, listed)
    prefix, word = split
    if not prefix and i > 0 and _after_body(doc, i):
        return None  # هيئة قناة السويس: the kind word is part of another name
    last = i
    if (word, doc.keys[i + 1] if i + 1 < len(doc.keys) else "") in kinds:
        last = i + 1  # وكالة الأنباء
    kind = kinds.get((word, doc.keys[last]) if last > i else (word,))
    quoted = _quoted_name(doc, last)
    if quoted is not None:
        first_name, last_name = quoted
    else:
        if word in doc.cues.quoted_only and not _latin(doc, last + 1) and last == i:
            return None
        end = _plain_name(doc, last + 1)
        nationality = doc.cues.nationality_at(doc.keys, last + 1) if last > i else None
        if end is not None:
            first_name, last_name = last + 1, end
        elif nationality is not None:
            # وكالة الأنباء الليبية: the agency of a country, named by its kind and adjective
            first_name, last_name = i, nationality[1]
        else:
            return None
    if kind is None:
        return None  # a head word that names no kind alone (only in a longer kind phrase)
    mention = _outlet_mention(doc, (i, first_name, last_name), kind, listed, prefix=prefix)
    return _clitics(doc, mention, prefix)


def _after_body(doc: Passage, i: int) -> bool:
    key = doc.keys[i - 1]
    bodies = doc.speakers.bodies
    return doc.sent[i - 1] == doc.sent[i] and (key in bodies or key[1:] in bodies)


def _lam_quoted(doc: Passage, i: int, listed: Mapping[tuple[str, ...], Entry]) -> Mention | None:
    """لـ"اليوم"، لـ«عكاظ»: a quoted name after a lone لـ is an outlet (told to it)."""
    if doc.keys[i] != "ل":
        return None
    quoted = _quoted_name(doc, i)
    if quoted is None or any(k in doc.owner for k in range(quoted[0], quoted[1] + 1)):
        return None
    m = _outlet_mention(doc, (quoted[0], quoted[0], quoted[1]), "newspaper", listed)
    m.clitic = "ل"
    return m


def _outlet_mention(
    doc: Passage,
    span: tuple[int, int, int],
    kind: str,
    listed: Mapping[tuple[str, ...], Entry],
    *,
    prefix: str = "",
) -> Mention:
    """A mention of an outlet named by kind word and name (tokens: first, name's first, last):
    the listed outlet of that name, else an unlisted one with an id from its words."""
    first, name_first, name_last = span
    start = doc.starts[name_first]
    words = list(doc.keys[name_first : name_last + 1])
    if prefix and name_first == first:
        start += skip_letters(doc.words[first], len(prefix))
        words[0] = words[0][len(prefix) :]
    entry = listed.get(tuple(words))
    if entry is None:
        name = doc.text[start : doc.ends[name_last]]
        keys = " ".join(words)
        entry = Entry(id=f"unlisted:{keys}", en=name, ar=name, kind=kind, variants=())
    return Mention(first, name_last, entry)


def _quoted_name(doc: Passage, i: int) -> tuple[int, int] | None:
    """Tokens of a short quotation opening right after token ``i`` («فوربس»، "سبق")."""
    gap = doc.between(i)
    opener = next((c for c in gap if c in QUOTES), None)
    if opener is None or gap.strip() != opener:
        return None
    start = doc.ends[i] + gap.index(opener) + 1
    ends = [doc.text.find(c, start, start + _QUOTED_CHARS) for c in QUOTES[opener]]
    ends = [e for e in ends if e > start]
    if not ends:
        return None
    end = min(ends)
    inside = [k for k in range(i + 1, min(i + 6, len(doc.keys))) if doc.ends[k] <= end]
    if not inside or len(inside) > _NAME_WORDS + 1 or doc.sent[inside[-1]] != doc.sent[i]:
        return None
    return inside[0], inside[-1]


def _latin(doc: Passage, i: int) -> bool:
    return i < len(doc.keys) and doc.words[i][:1].isascii() and doc.keys[i] != ""


def _plain_name(doc: Passage, i: int) -> int | None:
    """Last token of an unquoted outlet name from token ``i`` (عكاظ، فوكس سبورتس)."""
    last = None
    for k in range(i, min(i + _NAME_WORDS, len(doc.keys))):
        if k > i and (doc.sent[k] != doc.sent[i] or doc.separator(k - 1)):
            break
        if k in doc.owner or not _outlet_word(doc, k):
            break
        last = k
    return last


def _outlet_word(doc: Passage, k: int) -> bool:
    key = doc.keys[k]
    cues = doc.cues
    return not (
        len(key) < 2
        or key in cues.outlet_descriptors
        or key in doc.speakers.not_names
        or key in doc.speakers.title_heads
        or cues.nationality_at(doc.keys, k) is not None
        or cues.verb_at(key) is not None
        or complementizer(key)
        or key.endswith(_ADJECTIVE_END)
        or key.startswith(("لل", "بال"))
        or not doc.words[k][:1].isalnum()
    )


def _government(doc: Passage, i: int) -> Mention | None:
    """وزارة الداخلية السعودية، هيئة الهلال الأحمر، مجلس الوزراء: a government body."""
    lists = doc.speakers
    split = _split(doc, i, lists.government_heads)
    if split is None:
        return None
    prefix, word = split
    keys = [word, *doc.keys[i + 1 : i + 3]]
    head = lists.government_at(keys, 0)
    if head is None:
        return None
    head_en, head_last = head[0], i + head[1]
    body_last = _body_end(doc, head_last)
    if body_last == head_last and head_en.endswith(" of"):
        return None  # a bare وزارة names no body
    country, last = "", body_last
    nationality = doc.cues.nationality_at(doc.keys, body_last + 1)
    if nationality and doc.sent[nationality[1]] == doc.sent[i]:
        country, last = nationality
    entry = _body_entry(doc, (i, head_last, body_last, last), prefix, head_en, country)
    return _clitics(doc, Mention(i, last, entry, country=country), prefix)


def _body_end(doc: Passage, head_last: int) -> int:
    """Last word of what a body is for: words with the article (الداخلية، للدفاع المدني)."""
    last = head_last
    while last - head_last < _BODY_WORDS and last + 1 < len(doc.keys):
        k = last + 1
        key = doc.keys[k]
        if doc.sent[k] != doc.sent[head_last] or doc.separator(last):
            break
        if k in doc.owner or key in doc.speakers.title_heads:
            break
        if doc.cues.nationality_at(doc.keys, k) is not None:
            break
        construct = k == head_last + 1 and _construct_noun(doc, head_last, k)
        if not (construct or key.startswith(("ال", "لل", "وال"))):
            break
        if key in doc.speakers.not_names:
            break
        last = k
    return last


def _construct_noun(doc: Passage, head_last: int, k: int) -> bool:
    """هيئة تنظيم الاتصالات، دائرة الأراضي: an indefinite head and a noun an article word
    follows."""
    if doc.keys[head_last].startswith("ال") or k + 1 >= len(doc.keys):
        return False
    nxt = doc.keys[k + 1]
    return (
        nxt.startswith("ال")
        and doc.speakers.given_gender(doc.keys[k]) == "unknown"
        and doc.cues.verb_at(doc.keys[k]) is None
        and not complementizer(doc.keys[k])
        and not doc.separator(k)
    )


def _body_entry(
    doc: Passage, span: tuple[int, int, int, int], prefix: str, head_en: str, country: str
) -> Entry:
    """The entry of a government body (tokens: first, head's last, body's last, last)."""
    first, head_last, body_last, last = span
    words = [doc.keys[first][len(prefix) :], *doc.keys[first + 1 : body_last + 1]]
    if words[0].startswith("ال") and len(words) > 1:
        words[0] = words[0][2:]
    start = doc.starts[first] + skip_letters(doc.words[first], len(prefix))
    ar = normalize(doc.text[start : doc.ends[last]])
    portfolio = _without_article_clitic(tuple(doc.keys[head_last + 1 : body_last + 1]))
    purpose = doc.speakers.portfolios.get(portfolio, "")
    if head_en.endswith(" of") and not purpose:
        english = ar
    else:
        parts = (doc.speakers.countries.get(country, ""), head_en, purpose)
        english = " ".join(p for p in parts if p)
    where = f"{country}:" if country else ""
    return Entry(
        id=f"gov:{where}{' '.join(words)}",
        en=english,
        ar=ar,
        kind="government",
        variants=(),
        country=country,
    )


def _without_article_clitic(keys: tuple[str, ...]) -> tuple[str, ...]:
    """للدفاع المدني -> الدفاع المدني: the portfolio as the lists write it."""
    if keys and keys[0].startswith("لل"):
        return ("ال" + keys[0][2:], *keys[1:])
    return keys

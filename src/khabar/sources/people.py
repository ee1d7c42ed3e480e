"""People as sources: the named person or the official that is the subject of a cue.

For each reporting verb (قال، أكدت ...) the speaker phrase after it (VSO, the usual order of
news) or before it at the head of its clause (SVO) is read; frames (بحسب، نقلا عن، على لسان)
take the phrase after them. A phrase with a name is a ``person``; with titles only (وزير
الخارجية، المتحدث باسم الوزارة) an ``official``. A verb followed at once by إن/أن, a colon or a
quotation (وقال: ...، وأضاف أن ...) speaks for the last named speaker of the article when that
speaker was the last subject read, within a few sentences, and the verb's gender agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress

from khabar.lexicon import PhraseMatcher
from khabar.sources.claims import claim_at
from khabar.sources.names import mentions_at
from khabar.sources.passage import Cue, Passage, complementizer
from khabar.sources.persons import (
    Person,
    actor_names,
    listed_person,
    name_entry,
    person_heads,
    person_of,
)
from khabar.sources.phrases import Phrase, opens_phrase, read_phrase
from khabar.wordlists import common_words

__all__ = ["Speech", "speeches"]

_PRONOUN_SENTENCES = 3  # a pronoun subject refers back at most this many sentences
_ADVERBS = frozenset({"ايضا", "كذلك", "امس", "اليوم", "بدوره", "بدورها", "مجددا", "ذلك"})
_OPENERS = frozenset({"كما", "فيما", "بينما", "ثم", "حيث", "اذ", "كذلك", "جهته", "جانبه", "قد"})
_SVO_REACH = 10  # tokens back from a verb to the head of its clause
#: Titles that name no office: an official so described is an unnamed source.
#: Surnames sit below this wordfreq zipf (الغامدي 3.7, الشمري 4.0); ordinary words that
#: reporting verbs take as subjects above it (تقارير 4.7, العلماء 4.9, آخر 5.8).
_COMMON_ZIPF = 4.5
_GENERIC = frozenset({"مسؤول", "المسؤول", "مسؤوله", "المسؤوله", "مسئول", "المسئول"})


@dataclass
class Speech:
    """One cited speaker: a person, or an official by title, with its cue and claim."""

    cue: Cue
    first: int
    last: int
    claim: str
    person: Person | None = None
    title: str = ""
    affiliation: str = ""
    category: str = ""
    gender: str = "unknown"
    pronoun: bool = False
    span: tuple[int, int] = (-1, -1)  # tokens of the whole speaker phrase


@dataclass
class _State:
    people: list[Person] = field(default_factory=list)
    known: set[str] = field(default_factory=set)
    last_subject: tuple[int, Person | None] = (-1, None)  # (sentence, person or None)
    listed: Callable[[int], int | None] = lambda i: None


def speeches(doc: Passage, *, actors_extra: str | None = None) -> list[Speech]:
    """The people and officials cited in a passage, in text order."""
    cues = _cue_tokens(doc)
    if not cues:
        return []
    matcher = actor_names(actors_extra)
    heads = person_heads(actors_extra)
    memo: dict[int, int | None] = {}  # phrases are read again at the same tokens

    def listed(i: int) -> int | None:
        if doc.keys[i] not in heads:
            return None
        if i not in memo:
            memo[i] = listed_person(doc, i, matcher)
        return memo[i]

    state = _State(listed=listed)
    found: list[Speech] = []
    read: set[tuple[int, int]] = set()
    for i in cues:
        for cue, phrase in _subjects_at(doc, i, state):
            if phrase is not None and (phrase.first, phrase.last) in read:
                continue  # وتابع الشيخ X يقول: one speaker, one citation
            speech = _speech(doc, cue, phrase, state, matcher)
            if speech is not None and (speech.claim or not _wants_claim(doc, cue)):
                found.append(speech)
                if phrase is not None:
                    read.add((phrase.first, phrase.last))
    for speech in found:  # later, longer forms of a name: every row shows the longest
        _inherit(speech)
    return found


def _wants_claim(doc: Passage, cue: Cue) -> bool:
    """نقل محمد ... إلى (a transfer), تابع المدرب (followed): such verbs cite only a claim."""
    return cue.role == "reported_by" and doc.verb(cue.first) in doc.cues.speaker_needs_claim


def _cue_tokens(doc: Passage) -> list[int]:
    """Tokens that are a reporting verb or end a frame, in order."""
    anchors = doc.anchors  # in order
    found = list(
        compress(anchors, map(doc.cues.verb_forms.__contains__, map(doc.keys.__getitem__, anchors)))
    )
    return sorted({*found, *doc.frame_ends}) if doc.frame_ends else found


def _subjects_at(doc: Passage, i: int, state: _State) -> list[tuple[Cue, Phrase | None]]:
    """(cue, speaker phrase) pairs a cue at token ``i`` gives; phrase None for a pronoun."""
    out = _frame_subjects(doc, i, state) if i in doc.frame_ends else []
    key = doc.keys[i]
    hit = doc.cues.verb_index.get(key)
    if hit is None:
        return out
    lemma = doc.verb(i)
    if lemma is None or lemma in doc.cues.media_verbs:
        return out
    conjunction = hit[1]
    verb = key[1:] if conjunction else key
    phrase = None if conjunction else _phrase_before(doc, i, state)
    if phrase is None and _pronoun_subject(doc, i, conjunction=conjunction):
        if verb in doc.cues.impersonal:
            return out
        return [*out, (Cue(doc.verb_text(i), "reported_by", i, i), None)]
    # قالوا، أبلغوا: a verb before its subject is singular; a plural one has it in itself
    if phrase is None and i + 1 < len(doc.keys) and not verb.endswith("وا"):
        start = _after_listener(doc, i)
        if opens_phrase(doc, start, listed=state.listed):
            phrase = read_phrase(doc, start, known=state.known, listed=state.listed)
    if phrase is None or phrase.last < phrase.first:
        state.last_subject = (doc.sent[i], None)  # someone else speaks: a pronoun can't skip it
        return out
    return [*out, (Cue(doc.verb_text(i), "reported_by", i, i), phrase)]


def _frame_subjects(doc: Passage, i: int, state: _State) -> list[tuple[Cue, Phrase | None]]:
    """بحسب وزير الخارجية، على لسان X: the speaker phrase after a frame ending at token ``i``."""
    out: list[tuple[Cue, Phrase | None]] = []
    for first, frame in doc.frame_ends[i]:
        if frame.lam or frame.what or frame.after_verbs or frame.media_only:
            continue
        text = doc.span_text(first, i, conjunction=doc.keys[first] != frame.key[0])
        phrase = (
            read_phrase(doc, i + 1, known=state.known, listed=state.listed)
            if i + 1 < len(doc.keys) and opens_phrase(doc, i + 1, listed=state.listed)
            else None
        )
        if phrase is not None and (phrase.titles or _sure_name(doc, phrase, state)):
            out.append((Cue(text, "quoted_from", first, i), phrase))
    return out


def _after_listener(doc: Passage, v: int) -> int:
    """Where the subject starts after a verb: past an outlet told (أكد لـ«عكاظ» مدير ...)
    and past an adverb (صرح بذلك محافظ ...، وقال أيضا وزير ...)."""
    keys, sent = doc.keys, doc.sent
    start, stop = v + 1, min(v + 3, len(keys) - 1)
    while start < stop and sent[start] == sent[start - 1] and _adverb(doc, keys[start]):
        start += 1
    if start > v + 1:
        return start
    told = mentions_at(doc, v + 1)
    if v + 2 < len(keys) and keys[v + 1] == "ل":
        told = [*told, *mentions_at(doc, v + 2)]  # in text order, as the mentions are
    for m in told:
        if m.clitic == "ل" and m.entry is not None and m.last + 1 < len(keys):
            return m.last + 1
    return v + 1


def _adverb(doc: Passage, key: str) -> bool:
    return key in _ADVERBS or (key[:1] == "ب" and key[1:] in doc.speakers.not_names)


def _pronoun_subject(doc: Passage, i: int, *, conjunction: bool) -> bool:
    """وقال: ... / وأضاف أن ... / وقالت «...»: the subject is only in the verb, which opens
    its clause (لكن دريك قال إن ...: دريك speaks, not the last speaker)."""
    keys, sent = doc.keys, doc.sent
    opens = conjunction or i == 0 or sent[i - 1] != sent[i]
    if not (opens or doc.separator(i - 1) or keys[i - 1] in _OPENERS):
        return False
    if doc.mark_after(i) is not None:
        return True
    nxt = i + 1
    return nxt < len(keys) and sent[nxt] == sent[i] and complementizer(keys[nxt])


def _phrase_before(doc: Passage, v: int, state: _State) -> Phrase | None:
    """A speaker phrase that opens the verb's clause and ends right before it (SVO).

    Only for a verb without و/ف: وقال opens a clause of its own.
    """
    if doc.separator(v - 1) not in ("", "،", ","):
        return None  # سبق- الدمام: قالت ...: a dateline, not a subject
    keys, sent, verbs = doc.keys, doc.sent, doc.cues.verb_index
    start, stop, here = v - 1, max(v - _SVO_REACH, 0), sent[v]
    while start > stop and sent[start - 1] == here:
        k = start - 1
        if doc.separator(k):
            break
        if keys[k] in verbs or ("ان" in keys[k] and complementizer(keys[k])):
            break
        start = k
    for first in dict.fromkeys((start, doc.first_of(v))):
        if first >= v or first in doc.owner or not opens_phrase(doc, first, listed=state.listed):
            continue
        phrase = read_phrase(doc, first, known=state.known, listed=state.listed, limit=v - 1)
        if phrase.last == v - 1 and (phrase.titles or _sure_name(doc, phrase, state)):
            return phrase
    return None


def _sure_name(doc: Passage, phrase: Phrase, state: _State) -> bool:
    """A name that stands without a title before its verb: listed, known or a given name."""
    if phrase.name is None:
        return False
    key = doc.keys[phrase.name[0]]
    return (
        key in state.known
        or doc.speakers.given_gender(key) != "unknown"
        or state.listed(phrase.name[0]) is not None
    )


def _speech(
    doc: Passage, cue: Cue, phrase: Phrase | None, state: _State, matcher: PhraseMatcher
) -> Speech | None:
    gender = doc.cues.verb_gender.get(_verb_key(doc, cue), "unknown")
    if phrase is None:
        return _pronoun_speech(doc, cue, state, gender)
    category = phrase.category
    if phrase.name is None:
        state.last_subject = (doc.sent[cue.first], None)
        if category not in ("official", "military_security") or _generic(doc, phrase):
            return None
        first, last = phrase.titles[0][0], phrase.last
        return Speech(
            cue, first, last, claim_at(doc, first, last, cue), None, _titles_text(doc, phrase),
            _affiliation(doc, phrase), category,
            gender if gender != "unknown" else phrase.title_gender,
            span=(phrase.first, phrase.last),
        )  # fmt: skip
    first, last = phrase.name
    named = name_entry(doc, first, last, matcher)
    if named is None:
        phrase.name = None
        return _speech(doc, cue, phrase, state, matcher) if phrase.titles else None
    last, entry = named
    person = person_of(doc, first, last, entry, people=state.people, known=state.known)
    if not phrase.titles and _no_one_in_particular(doc, person):
        return None  # وقال محمد، وقالت تقارير: a title would at least say what the speaker is
    gender = next((g for g in (gender, phrase.title_gender) if g != "unknown"), person.gender)
    if gender == "unknown":
        gender = doc.speakers.given_gender(doc.keys[first])
    title, affiliation = _titles_text(doc, phrase), _affiliation(doc, phrase)
    person.gender = person.gender if person.gender != "unknown" else gender
    person.title = person.title or title
    person.affiliation = person.affiliation or affiliation
    person.category = person.category or category
    state.last_subject = (doc.sent[cue.first], person)
    return Speech(
        cue, first, last, claim_at(doc, first, last, cue), person, title, affiliation,
        category, gender, span=(phrase.first, phrase.last),
    )  # fmt: skip


def _no_one_in_particular(doc: Passage, person: Person) -> bool:
    """One unlisted word the article never names more fully, and that is a given name (محمد)
    or a word general Arabic writes often (تقارير، العلماء، كبير): no reader could say who."""
    if person.entry is not None or len(person.keys) != 1:
        return False
    key = person.keys[0]
    return (
        doc.speakers.given_gender(key) != "unknown" or common_words().get(key, 0.0) >= _COMMON_ZIPF
    )


def _generic(doc: Passage, phrase: Phrase) -> bool:
    """مسؤول (في وزارة ...) says no more than an unnamed source does."""
    return doc.keys[phrase.titles[0][0]] in _GENERIC


def _verb_key(doc: Passage, cue: Cue) -> str:
    key = doc.keys[cue.first]
    hit = doc.cues.verb_at(key)
    return key[1:] if hit and hit[1] else key


def _pronoun_speech(doc: Passage, cue: Cue, state: _State, gender: str) -> Speech | None:
    sentence, person = state.last_subject
    if person is None or doc.sent[cue.first] - sentence > _PRONOUN_SENTENCES:
        return None
    if gender == "unknown":
        return None  # قالوا، فقالا: a plural or dual speaks for more than the last speaker
    if "unknown" not in (gender, person.gender) and gender != person.gender:
        return None
    state.last_subject = (doc.sent[cue.first], person)
    return Speech(
        cue, cue.first, cue.last, claim_at(doc, cue.first, cue.last, cue), person,
        gender=person.gender, pronoun=True,
    )  # fmt: skip


def _affiliation(doc: Passage, phrase: Phrase) -> str:
    """The id of the first listed source named inside the phrase's titles."""
    name = phrase.name or (-1, -1)
    for m in doc.mentions:
        inside = phrase.first <= m.first <= phrase.last and not name[0] <= m.first <= name[1]
        if m.entry is not None and inside and m.entry.kind != "unnamed":
            return m.entry.id
    return ""


def _titles_text(doc: Passage, phrase: Phrase) -> str:
    """The titles as written, with their complements (before and after the name)."""
    parts = []
    name = phrase.name or (phrase.last + 1, phrase.last)
    before = [t for t in phrase.titles if t[0] < name[0]]
    after = [t for t in phrase.titles if t[0] > name[1]]
    if before:
        parts.append(doc.text[doc.starts[before[0][0]] : doc.ends[name[0] - 1]])
    if after:
        parts.append(doc.text[doc.starts[after[0][0]] : doc.ends[phrase.last]])
    return "، ".join(p.strip(" ،,") for p in parts)


def _inherit(speech: Speech) -> None:
    """A short form (وأكد برايس) carries what the article said of the person elsewhere
    (unnamed speakers have no person)."""
    person = speech.person
    if person is None:
        return
    speech.title = speech.title or person.title
    speech.affiliation = speech.affiliation or person.affiliation
    speech.category = speech.category or person.category
    if speech.gender == "unknown":
        speech.gender = person.gender

"""The cue lists of ``data/cues.yaml``, compiled: reporting verbs, frames, titles, markers.

Everything is compared on match keys (normalized, ة = ه). Verbs are single words seen through
the conjunctions و ف only: a verb never carries the article, so التابع is not the verb تابع.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from khabar.clitics import CONJUNCTIONS
from khabar.errors import InputError
from khabar.lexicon import phrase_key

__all__ = ["MEDIA_TYPES", "Cues", "Frame", "compile_cues", "load_cues"]

MEDIA_TYPES = frozenset({"agency", "broadcaster", "newspaper", "website"})
_WHERE = "khabar/data/cues.yaml"
_WHAT = {"ما", "لما", "حسبما"}
_LAM = "ل"


@dataclass(frozen=True)
class Frame:
    """A phrase that introduces a source: بحسب, وفقا ل, نقلا عن, في حديثه ل, في مقابلة مع."""

    phrase: str
    key: tuple[str, ...]
    en: str
    role: str
    lam: bool = False
    what: bool = False
    after_verbs: frozenset[str] = frozenset()
    media_only: bool = False


@dataclass(frozen=True)
class Cues:
    """The compiled cue lists."""

    verbs: Mapping[str, str]
    lemmas: Mapping[str, str]
    verb_en: Mapping[str, str]
    frames: Mapping[str, tuple[Frame, ...]]
    told_to_lemmas: frozenset[str]
    media_verbs: frozenset[str]
    object_verbs: frozenset[str]
    listener_verbs: frozenset[str]
    backrefs: tuple[tuple[str, str], ...]
    titles: frozenset[str]
    object_markers: frozenset[str]
    partitives: frozenset[str]
    report_nouns: frozenset[str]
    outlet_words: frozenset[str]
    not_after: frozenset[str]
    negators: frozenset[str]
    nationalities: Mapping[tuple[str, ...], str]
    outlet_kinds: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    outlet_heads: frozenset[str] = frozenset()
    quoted_only: frozenset[str] = frozenset()
    needs_claim: frozenset[str] = frozenset()
    speaker_needs_claim: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()
    outlet_descriptors: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    trigger_forms: frozenset[str] = frozenset()
    verb_forms: frozenset[str] = frozenset()
    verb_gender: Mapping[str, str] = field(default_factory=dict)
    frame_heads: frozenset[str] = frozenset()
    #: verb_at of every reporting-verb word, bare and after و / ف
    verb_index: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    #: head word as written -> (its frames by their second word, its one-word frames)
    frame_index: Mapping[str, tuple[Mapping[str, tuple[Frame, ...]], tuple[Frame, ...]]] = field(
        default_factory=dict
    )

    def verb_at(self, key: str) -> tuple[str, bool] | None:
        """(lemma, conjunction attached) of a reporting-verb word, else None."""
        return self.verb_index.get(key)

    def frames_at(self, keys: Sequence[str], i: int) -> list[tuple[Frame, int]]:
        """Frames whose words start at token ``i``, longest first, with their last token."""
        indexed = self.frame_index.get(keys[i])
        if indexed is None:
            return []
        by_next, alone = indexed
        longer = by_next.get(keys[i + 1], ()) if i + 1 < len(keys) else ()
        if not longer:
            return [(frame, i) for frame in alone]
        found = [
            (frame, i + len(frame.key) - 1)
            for frame in longer
            if tuple(keys[i + 1 : i + len(frame.key)]) == frame.key[1:]
        ]
        if len(found) > 1:
            found.sort(key=lambda hit: (-len(hit[0].key), -hit[0].lam))
        return found + [(frame, i) for frame in alone]

    def nationality_at(self, keys: Sequence[str], i: int) -> tuple[str, int] | None:
        """(country, last token) of a nationality adjective starting at token ``i``."""
        for size in (2, 1):
            phrase = tuple(keys[i : i + size])
            if len(phrase) == size and phrase in self.nationalities:
                return self.nationalities[phrase], i + size - 1
        return None


def _words(data: dict, name: str) -> frozenset[str]:
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"'{name}' must be a list of words", path=_WHERE)
    return frozenset(k for v in value for k in phrase_key(v)[:1])


def _verbs(raw: Any) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    if not isinstance(raw, list):
        raise InputError("'verbs' must be a list", path=_WHERE)
    forms: dict[str, str] = {}
    written: dict[str, str] = {}
    english: dict[str, str] = {}
    for item in raw:
        if not isinstance(item, dict) or not item.get("lemma") or not item.get("forms"):
            raise InputError(f"verb entry lacks lemma or forms: {item!r}", path=_WHERE)
        lemma = phrase_key(item["lemma"])[0]
        written[lemma] = str(item["lemma"])
        english[lemma] = str(item.get("en", ""))
        for form in item["forms"]:
            forms[phrase_key(form)[0]] = lemma
    return forms, written, english


def _frame(
    phrase: str,
    *,
    en: str,
    role: str,
    after: frozenset[str] = frozenset(),
    media_only: bool = False,
) -> Frame:
    key = phrase_key(phrase)
    lam = len(key) > 1 and key[-1] == _LAM
    key = key[:-1] if lam else key
    shown = phrase[: -len(_LAM)].rstrip() + " لـ" if lam else phrase
    return Frame(
        phrase=shown,
        key=key,
        en=en,
        role=role,
        lam=lam,
        what=key[-1] in _WHAT,
        after_verbs=after,
        media_only=media_only,
    )


def _frames(data: dict) -> dict[str, tuple[Frame, ...]]:
    frames = []
    for item in data.get("frames") or []:
        if not isinstance(item, dict) or not item.get("phrase"):
            raise InputError(f"frame entry lacks phrase: {item!r}", path=_WHERE)
        after = frozenset(phrase_key(v)[0] for v in item.get("after_verbs") or [])
        frames.append(
            _frame(
                item["phrase"],
                en=str(item.get("en", "")),
                role="quoted_from",
                after=after,
                media_only=bool(item.get("media_only")),
            )
        )
    for phrase in (data.get("told_to") or {}).get("phrases") or []:
        frames.append(_frame(phrase, en="told to", role="told_to"))
    by_first: dict[str, tuple[Frame, ...]] = {}
    for frame in frames:
        by_first[frame.key[0]] = (*by_first.get(frame.key[0], ()), frame)
    return by_first


def _backrefs(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        raise InputError("'backrefs' must map a source type to words", path=_WHERE)
    return tuple((phrase, str(kind)) for kind, phrases in raw.items() for phrase in phrases)


def _nationalities(raw: Any) -> dict[tuple[str, ...], str]:
    if not isinstance(raw, dict):
        raise InputError("'nationalities' must map a country code to adjectives", path=_WHERE)
    return {
        phrase_key(adj): str(country) for country, adjectives in raw.items() for adj in adjectives
    }


def compile_cues(data: Any) -> Cues:
    """Cues from the parsed YAML mapping.

    Raises:
        InputError: a section is missing or malformed.
    """
    if not isinstance(data, dict) or "verbs" not in data or "frames" not in data:
        raise InputError("expected top-level 'verbs:' and 'frames:'", path=_WHERE)
    forms, written, english = _verbs(data["verbs"])
    told = data.get("told_to") or {}
    frames = _frames(data)
    return Cues(
        verbs=forms,
        lemmas=written,
        verb_en=english,
        frames=frames,
        told_to_lemmas=frozenset(phrase_key(v)[0] for v in told.get("verbs_lemmas") or []),
        media_verbs=frozenset(
            phrase_key(v["lemma"])[0]
            for v in data["verbs"]
            if isinstance(v, dict) and v.get("media_only")
        ),
        object_verbs=_words(data, "object_verbs"),
        listener_verbs=_words(data, "listener_verbs"),
        backrefs=_backrefs(data.get("backrefs") or {}),
        titles=_words(data, "titles"),
        object_markers=_words(data, "object_markers"),
        partitives=_words(data, "partitives"),
        report_nouns=_words(data, "report_nouns"),
        outlet_words=_words(data, "outlet_words"),
        not_after=_words(data, "not_after"),
        negators=_words(data, "negators"),
        nationalities=_nationalities(data.get("nationalities") or {}),
        outlet_kinds=_outlet_kinds(data.get("outlet_kinds") or {}),
        outlet_heads=frozenset(k[0] for k in _outlet_kinds(data.get("outlet_kinds") or {})),
        quoted_only=_words(data, "quoted_only"),
        needs_claim=_words(data, "needs_claim"),
        speaker_needs_claim=_words(data, "speaker_needs_claim"),
        impersonal=_words(data, "impersonal"),
        outlet_descriptors=_words(data, "outlet_descriptors"),
        triggers=_triggers(forms, frames, data),
        trigger_forms=_with_conjunctions(_triggers(forms, frames, data)),
        verb_forms=_with_conjunctions(forms),
        verb_gender=_verb_genders(forms),
        frame_heads=frozenset(c + k for k in frames for c in ("", *CONJUNCTIONS)),
        frame_index=_frame_index(frames),
        verb_index={
            **{c + form: (lemma, True) for form, lemma in forms.items() for c in CONJUNCTIONS},
            **{form: (lemma, False) for form, lemma in forms.items()},
        },
    )


def _frame_index(frames: Mapping[str, tuple[Frame, ...]]) -> dict[str, tuple[dict, tuple]]:
    """Frames by head word as written (with و / ف): by their second word, and the one-word
    frames (those ending in لـ first), each in list order."""
    index: dict[str, tuple[dict, tuple]] = {}
    for head in (c + k for k in frames for c in ("", *CONJUNCTIONS)):
        candidates = frames.get(head, ())
        if head[:1] in CONJUNCTIONS:
            candidates += frames.get(head[1:], ())
        by_next: dict[str, tuple[Frame, ...]] = {}
        for frame in candidates:
            if len(frame.key) > 1:
                by_next[frame.key[1]] = (*by_next.get(frame.key[1], ()), frame)
        alone = [frame for frame in candidates if len(frame.key) == 1]
        index[head] = (by_next, tuple(sorted(alone, key=lambda frame: -frame.lam)))
    return index


def _with_conjunctions(words) -> frozenset[str]:
    """The words as written bare or after و / ف."""
    return frozenset(c + w for w in words for c in ("", *CONJUNCTIONS))


def _outlet_kinds(raw: Any) -> dict[tuple[str, ...], str]:
    if not isinstance(raw, dict) or set(raw) - MEDIA_TYPES:
        raise InputError("'outlet_kinds' must map a media type to words", path=_WHERE)
    return {phrase_key(word): str(kind) for kind, words in raw.items() for word in words}


def _verb_genders(forms: Mapping[str, str]) -> dict[str, str]:
    """female for قالت/تقول, male for قال/يقول: a singular form and its other-gender twin."""
    genders = {}
    for form, lemma in forms.items():
        same = {f for f, lem in forms.items() if lem == lemma}
        if (form.endswith("ت") and form[:-1] in same) or (
            form.startswith("ت") and "ي" + form[1:] in same
        ):
            genders[form] = "female"
        elif form + "ت" in same or (form.startswith("ي") and "ت" + form[1:] in same):
            genders[form] = "male"
    return genders


def _triggers(
    verbs: Mapping[str, str], frames: Mapping[str, tuple[Frame, ...]], data: dict
) -> frozenset[str]:
    """Words without which a sentence holds no cue: verb forms and each frame's telling word."""
    words = set(verbs)
    for same_head in frames.values():
        for frame in same_head:
            if not frame.after_verbs:  # bare عن counts only after a verb
                words.add(max(reversed(frame.key), key=len))
    words |= _words(data, "data_nouns")
    return frozenset(words)


def packaged_yaml(name: str) -> Any:
    """A YAML file of the package's data folder, parsed (an error names the file)."""
    text = resources.files("khabar.data").joinpath(name).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(f"invalid YAML ({err})", path=f"khabar/data/{name}") from None


@cache
def load_cues() -> Cues:
    """The packaged cue lists, compiled once per process."""
    return compile_cues(packaged_yaml("cues.yaml"))

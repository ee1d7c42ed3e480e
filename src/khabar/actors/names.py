"""Reading a name span: which words may open or continue a person's name, and where it ends.

A name is a run of 2-4 name-like words (the links بن/بنت and joined parts such as عبد الله or
آل سعود aside). A word is name-like only if it is not a stopword, a title, a reporting verb, a
nationality adjective or a word of a listed country, organization, place or outlet, is not
shaped like an ordinary word (ة, plural and pronoun endings, tanween), is no verb the corpus
conjugates (يتفق beside اتفق), and, unless it is a known given name, the corpus never writes it
with the article (المسؤول makes مسؤول an ordinary word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from khabar.actors.document import Doc
from khabar.actors.hints import CLITIC_ARTICLES, Hints, Vocabulary, common_words
from khabar.clitics import CONJUNCTIONS
from khabar.normalize import is_arabic_letter

__all__ = ["MAX_UNITS", "MIN_UNITS", "NAME_GAP_RE", "Found", "NameReader", "name_gap"]

MIN_UNITS, MAX_UNITS = 2, 4
NAME_GAP_RE = re.compile(r"[ \u00a0]+|[\-‐–]")
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "كم", "تنا")
_PLURAL_ENDINGS = ("ات", "يون", "يين", "وا")
_TANWEEN = frozenset("\u064b\u064c\u064d")
#: Shapes of derived nouns and participles (متفرج، مستشار، استقبال، اختتام, انتخاب).
_DERIVED_PREFIXES = ("مت", "مست", "است", "اخت", "افت", "اجت", "اعت", "انت", "اقت", "ارت")
#: Verbal nouns and participles of derived forms: انشقاق، اجتماع، المبتعث، منتخب.
_DERIVED_RE = re.compile(r"ان..ا.|ا.ت.ا.|ا..ا.|(ال)?م.ت..")
_TENSE_PREFIXES = "يتنا"
#: A one-word name is no word this frequent in general Arabic (zipf, wordfreq's scale).
_EVERYDAY_ZIPF = 4.5  # يتفق، تتفق، نتفق، اتفق: one verb
#: Clitics that mark a word as no name when what follows is a word (وسامي، بحب); ك is left
#: out: names start with it (كمال، كيري) far more often than the clitic stands before one.
_CLITIC_INITIALS = CONJUNCTIONS + "بل"
#: What reading names decides per spelling (kept with the vocabulary).
_DECISIONS = ("pronoun", "first", "rest", "rest+")


def name_gap(gap: str) -> bool:
    """Text that may lie between two words of a name: spaces or one hyphen."""
    return gap == " " or NAME_GAP_RE.fullmatch(gap) is not None


class Found(NamedTuple):
    """A discovered mention: words ``first``..``last`` name the unlisted person ``key``.

    ``name`` is the normalized name and ``display`` the name as written there.
    """

    first: int
    last: int
    key: tuple[str, ...]
    name: str = ""
    display: str = ""


class NameReader:
    """Reads name spans in one document.

    Args:
        doc: The document.
        covered: Per word, the kind of the listed actor whose mention covers it, else None.
        hints: Cue lists.
        vocab: The corpus vocabulary.
    """

    def __init__(
        self, doc: Doc, covered: Sequence[str | None], hints: Hints, vocab: Vocabulary
    ) -> None:
        self.doc, self.keys, self.parts, self.surfaces = doc, doc.keys, doc.parts, doc.surfaces
        self.covered, self.hints, self.vocab = covered, hints, vocab
        self.opened: int | None = None  # a word read as a given name after its و (وخالد)
        memo = vocab.memo
        self._memos = {what: memo.setdefault(what, {}) for what in _DECISIONS}
        self._blocked: dict[str, bool] = memo.setdefault("blocked", {})  # per match key

    def gap(self, i: int) -> str:
        """The text between word ``i - 1`` and word ``i``."""
        return self.parts[2 * i]

    def word(self, k: str) -> bool:
        """A stopword, a plain word of the corpus or a given name (after a conjunction)."""
        if k in self.hints.stopwords:
            return True
        return len(k) >= 3 and (k in self.hints.given or k in self.vocab.bare)

    def given_key(self, k: str) -> bool:
        """A given name: listed, seen next to بن in the corpus, or عبد joined to its second part."""
        return (
            k in self.hints.given or k in self.vocab.given or (k.startswith("عبد") and len(k) >= 6)
        )

    def given(self, i: int) -> bool:
        """Word ``i`` is a given name (not the stopword على written like علي)."""
        k = self.keys[i]
        if i == self.opened:
            return True
        if not self.given_key(k):
            return False
        # على (on) normalizes like علي (Ali): written with ى, the stopword is meant
        return not (k in self.hints.stopwords and self.surfaces[i].endswith("ى"))

    def blocked(self, k: str) -> bool:
        """Never part of a name: a listed word, a clitic-led word, a nationality adjective."""
        found = self._blocked.get(k)
        if found is None:
            found = self._blocked[k] = self._blocked_key(k)
        return found

    def _blocked_key(self, k: str) -> bool:
        hints = self.hints
        if len(k) < 2 or k in hints.blocked or not all(map(is_arabic_letter, k)):
            return True
        if k.startswith(CLITIC_ARTICLES) or (k[0] in _CLITIC_INITIALS and self.word(k[1:])):
            return True  # والمسؤول، وسامي: a clitic in front makes it no name word
        return (k[2:] if k.startswith("ال") else k) in hints.nisba  # الروسي، أميركيون

    def verb(self, k: str) -> bool:
        """A verb the corpus conjugates: يتفق beside اتفق or تتفق, حظي beside يحظي."""
        if len(k) < 3 or self.given_key(k):
            return False
        bare = self.vocab.bare
        if k[0] == "س" and k[1:2] in ("ي", "ت", "ن") and len(k) >= 5:
            return True  # ستجمع: a future
        if k[0] in _TENSE_PREFIXES and len(k) >= 4:
            return any(p + k[1:] in bare for p in _TENSE_PREFIXES if p != k[0])
        return "ي" + k in bare and "ت" + k in bare

    def pronoun(self, i: int) -> bool:
        """Ends in an attached pronoun (قطاره، رحلتها، أنهم)."""
        return self._memo("pronoun", i, self._pronoun)

    def _pronoun(self, i: int) -> bool:
        norm = self.doc.norm(i)
        if len(norm) >= 4 and norm.endswith("ه") and norm[-2] not in "يا":
            return True
        return len(norm) >= 4 and norm.endswith(_PRONOUN_ENDINGS)

    def plain(self, i: int) -> bool:
        """Shaped like an ordinary word: ة, a plural or pronoun ending, tanween, or an
        accusative ا on a word of the corpus (مصدرا، هاتفيا)."""
        norm, k = self.doc.norm(i), self.keys[i]
        if norm.endswith("ة") or self.pronoun(i) or _TANWEEN & set(self.surfaces[i]):
            return True
        if (len(norm) >= 5 and norm.endswith(_PLURAL_ENDINGS)) or norm.endswith(("ئا", "ءا")):
            return True  # أميركيون، مذكرات، شيئا
        if len(k) >= 5 and k.endswith("ا") and (k[0] == "م" or k.endswith("يا")):
            return True  # adverbs: مجددا، مؤخرا، رسميا
        stem = k[:-1]
        return (
            k.endswith("ا")
            and len(k) >= 4
            and (stem in self.vocab.bare or stem in self.vocab.definite)
        )

    def _memo(self, what: str, i: int, decide) -> bool:
        if i == self.opened:
            return decide(i)
        memo, surface = self._memos[what], self.surfaces[i]
        found = memo.get(surface)
        if found is None:
            found = memo[surface] = decide(i)
        return found

    def first_ok(self, i: int) -> bool:
        """Can word ``i`` open a name?"""
        return self._memo("first", i, self._first_ok)

    def rest_ok(self, i: int, *, arab: bool) -> bool:
        """Can word ``i`` continue a name (``arab``: one that opened with a given name)?"""
        if arab:
            return self._memo("rest+", i, self._rest_arab)
        return self._memo("rest", i, self._rest_other)

    def _rest_arab(self, i: int) -> bool:
        return self._rest_ok(i, arab=True)

    def _rest_other(self, i: int) -> bool:
        return self._rest_ok(i, arab=False)

    def _first_ok(self, i: int) -> bool:
        k = self.keys[i]
        if self.given(i) or k in self.hints.joiners:  # عبد ربه، أبو مازن
            return True
        if self.blocked(k) or self.plain(i) or k.startswith("ال") or self.verb(k):
            return False
        return k not in self.vocab.definite

    def _rest_ok(self, i: int, *, arab: bool) -> bool:
        k = self.keys[i]
        if self.given(i):
            return True
        if k.startswith("ال"):  # النجار، الفيصل: family names follow given names only
            base = k[2:]
            if self.given_key(base):
                return arab
            if common_words().get(k, 0.0) >= _EVERYDAY_ZIPF:
                return False  # التاريخي، الواقع: everyday words, not family names
            return arab and not (self.blocked(k) or self.plain(i))
        if k[:1] == "و" or self.blocked(k) or self.plain(i) or self.verb(k):
            return False  # وويندي: a conjunction starts the next name
        return k not in self.vocab.definite

    def name_at(self, i: int) -> int | None:
        """Last word of a 2-4 word name that starts at word ``i``, else None."""
        keys, parts, hints, n = self.keys, self.parts, self.hints, len(self.keys)
        units, j, last, arab = 0, i, None, False
        while j < n and self.covered[j] is None:
            k = keys[j]
            if j > i and not name_gap(parts[2 * j]):
                break
            if k in hints.joiners and j + 1 < n and name_gap(parts[2 * j + 2]):
                arab = arab or units == 0
                units, last, j = units + 1, j + 1, j + 2
            elif k in hints.links and units and j + 1 < n:
                j += 1
                continue
            elif units == 0 and self.first_ok(j):
                arab = self.given(j)
                units, last, j = 1, j, j + 1
            elif units and self.rest_ok(j, arab=arab):
                if units == MAX_UNITS:
                    return None  # longer than a name: no telling where it ends
                units, last, j = units + 1, j, j + 1
            else:
                break
        if last is None or units < MIN_UNITS or keys[last] in hints.links:
            return None
        return last

    def name_from(self, i: int) -> Found | None:
        """The name starting at ``i``, restarted at a given name that follows a non-name."""
        last = self.name_at(i)
        if last is None:
            return None
        if not (self.given(i) or self.keys[i] in self.hints.joiners):
            for j in range(i + 1, last + 1):
                if self.given(j) and self.keys[j - 1] not in self.hints.links:
                    inner = self.name_at(j)
                    if inner is not None:
                        return self.found(j, inner)
                    break  # روبرتو كارلوس: a given name closing the name
        return self.found(i, last)

    def single_at(self, i: int) -> Found | None:
        """A one-word name at ``i`` (سميث، الشهراني، آل مجثل) where a cue points right at it.

        A bare word must be one general Arabic never writes with the article; a family name
        with the article one it does not use at all.
        """
        if i >= len(self.keys) or self.covered[i] is not None:
            return None
        k = self.keys[i]
        if k in self.hints.joiners and i + 1 < len(self.keys) and self.covered[i + 1] is None:
            joined = self.keys[i + 1]
            ok = name_gap(self.gap(i + 1)) and not self.blocked(joined)
            return self.found(i, i + 1) if ok and joined not in common_words() else None
        if len(k) < 3 or k in self.vocab.definite or self.plain(i) or self.given(i):
            return None
        if common_words().get(k, 0.0) >= _EVERYDAY_ZIPF or (
            k.endswith("ا") and k[:-1] in self.vocab.bare
        ):
            return None  # معظم، صاحب، نصا: everyday words (سميث، كارتر are rarer)
        if k.endswith(("ه", "تي")) or k.startswith(_DERIVED_PREFIXES) or k[0] in "وف":
            return None  # ناظريه، مرحلتي، متفرج، استقبال، واعيان: ordinary words
        if _DERIVED_RE.fullmatch(k) or (k.endswith("ت") and k[:-1] in self.vocab.bare):
            return None  # انشقاق، إجلال، المبتعث، هددت
        if k[0] in "يت" and any(p + k[1:] in self.vocab.bare for p in "يتنا" if p != k[0]):
            return None  # يصب beside نصب: a verb
        if k.startswith("ال"):
            base = k[2:]
            if len(base) < 3 or self.blocked(k) or k in common_words() or self.given_key(base):
                return None
            if not k.endswith("ي"):
                return None  # الداعم، الشيف: a family name alone is a nisba (الشهراني)
        elif not self.first_ok(i):
            return None
        nxt = i + 1
        if nxt < len(self.keys) and self.covered[nxt] == "person" and name_gap(self.gap(nxt)):
            return None  # a listed name goes on: not a name of its own
        return self.found(i, i)

    def found(self, first: int, last: int) -> Found:
        """The mention of words ``first``..``last``."""
        keys = list(self.keys[first : last + 1])
        norms = [self.doc.norm(j) for j in range(first, last + 1)]
        if first == self.opened:
            keys[0], norms[0] = keys[0][1:], norms[0][1:]
        return Found(first, last, tuple(keys), " ".join(norms), self.doc.span(first, last))

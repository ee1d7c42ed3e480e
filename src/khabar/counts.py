"""Term frequency that sees through clitics, document frequency, tf-idf and keyness.

Counting runs in two steps so that it can be split across batches and machines:
``tally_batch`` counts raw surface forms (and, per document, every form a word could fold to)
and ``finish_terms`` folds them once the whole vocabulary is known. Each distinct surface is
normalized and folded once, never each occurrence.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from khabar.clitics import Folder, stems
from khabar.corpus import Corpus
from khabar.engine import run_batches
from khabar.lexicon import dictionary_phrases, dictionary_words
from khabar.normalize import display_form, normalize
from khabar.tokens import WORD_RE
from khabar.wordlists import arabic_stopwords, protected_words

__all__ = ["Tally", "finish_terms", "keyness", "tally_batch", "term_frequency", "tfidf"]

_SENTENCE_SPLIT_RE = re.compile(r"[.!?؟؛…\n]+")
_FORMS_SHOWN = 4
_PEELABLE = frozenset("وفبكلا")  # first letters of words that may carry a clitic


@dataclass
class Tally:
    """Partial counts for one group of documents (mergeable with ``+``)."""

    surfaces: Counter = field(default_factory=Counter)
    doc_keys: Counter = field(default_factory=Counter)
    tokens: int = 0
    docs: int = 0

    def __iadd__(self, other: Tally) -> Tally:
        self.surfaces.update(other.surfaces)
        self.doc_keys.update(other.doc_keys)
        self.tokens += other.tokens
        self.docs += other.docs
        return self


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Counting makes millions of small objects and no cycles: skip the cyclic GC meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(protected words, function words) used to decide what may be peeled."""
    return protected_words(), arabic_stopwords()


@cache
def _word_stems(norm: str) -> tuple[str, ...]:
    protected, function_words = _lexicon()
    return stems(norm, protected=protected, function_words=function_words)


class _Keys(dict):
    """Cache: surface form -> every key it could be counted under (its norm and its stems)."""

    def __missing__(self, surface: str) -> tuple[str, ...]:
        norm = normalize(surface)
        keys = (norm, *_word_stems(norm)) if norm[:1] in _PEELABLE else (norm,)
        self[surface] = keys  # a tuple: a third of a frozenset's memory, unions just as well
        return keys


_KEYS = _Keys()


def _doc_grams(text: str, ngram: int) -> list:
    if ngram == 1:
        return WORD_RE.findall(text)
    grams: list = []
    for sentence in _SENTENCE_SPLIT_RE.split(text):
        words = WORD_RE.findall(sentence)
        grams.extend(zip(*(words[i:] for i in range(ngram)), strict=False))
    return grams


def _gram_keys(gram: tuple[str, ...], keys: _Keys) -> set[tuple[str, ...]]:
    return set(itertools.product(*(keys[w] for w in gram)))


def tally_batch(
    batch: pd.DataFrame, *, ngram: int = 1, by: str | None = None
) -> dict[Hashable, Tally]:
    """Count one batch of documents, per group (``by`` column value, or one group ``None``)."""
    with _gc_paused():
        return _tally(batch, ngram=ngram, by=by)


def _tally(batch: pd.DataFrame, *, ngram: int, by: str | None) -> dict[Hashable, Tally]:
    keys = _KEYS
    key_of = keys.__getitem__ if ngram == 1 else (lambda gram: _gram_keys(gram, keys))
    groups = batch[by].astype(str).tolist() if by else [None] * len(batch)
    tallies: dict[Hashable, Tally] = defaultdict(Tally)
    for text, group in zip(batch["text"].tolist(), groups, strict=True):
        grams = _doc_grams(text, ngram)
        tally = tallies[group]
        tally.surfaces.update(grams)
        tally.tokens += len(grams)
        tally.docs += 1
        # every key any of the document's words could fold to, once per document
        tally.doc_keys.update(frozenset().union(*map(key_of, set(grams))))
    return dict(tallies)


def merge_tallies(parts: Iterable[dict[Hashable, Tally]]) -> dict[Hashable, Tally]:
    """Sum per-batch tallies group by group.

    The parts are consumed: the largest tally of each group absorbs the others (adding a small
    Counter into a large one costs the small one's size), so do not reuse them.
    """
    total: dict[Hashable, Tally] = {}
    for part in parts:
        for group, tally in part.items():
            held = total.get(group)
            if held is None:
                total[group] = tally
            elif len(tally.surfaces) > len(held.surfaces):
                tally += held
                total[group] = tally
            else:
                held += tally
    return total


def _as_tuple(surface: str | tuple[str, ...]) -> tuple[str, ...]:
    return surface if isinstance(surface, tuple) else (surface,)


def _words_of(tallies: Iterable[Tally]) -> set[str]:
    words: set[str] = set()
    for tally in tallies:
        for surface in tally.surfaces:
            if isinstance(surface, tuple):
                words.update(surface)
            else:
                words.add(surface)
    return words


class _WordFolds:
    """For every written word of the corpus: its normalized form and the form it counts under."""

    def __init__(self, words: set[str]) -> None:
        self.norm = {w: normalize(w) for w in words}
        vocabulary = set(self.norm.values()) | dictionary_words() | arabic_stopwords()
        folder = Folder(vocabulary.__contains__, stems_of=_word_stems)
        self.fold = {n: folder.fold(n) for n in set(self.norm.values())}

    def group(self, surface: str | tuple[str, ...]) -> str | tuple[str, ...]:
        """The counted form: a str for a word, a tuple for an n-gram."""
        if isinstance(surface, str):
            return self.fold[self.norm[surface]]
        return tuple(self.fold[self.norm[w]] for w in surface)

    def has_proclitic(self, surface: str | tuple[str, ...]) -> bool:
        """True when a word carries more than the article (والكرملين, not الكرملين)."""
        for word in _as_tuple(surface):
            norm = self.norm.get(word) or normalize(word)
            folded = self.fold[norm]
            if norm != folded and norm != "ال" + folded:
                return True
        return False


def _is_stop(group: str | tuple[str, ...], stop: frozenset[str], phrases: frozenset) -> bool:
    if isinstance(group, str):
        return group in stop or not group
    if "" in group:
        return True
    return (group[0] in stop or group[-1] in stop) and group not in phrases


def _shown(surface: str | tuple[str, ...]) -> str:
    """How a counted form is shown: as written, minus bidi controls and presentation forms."""
    return display_form(surface if isinstance(surface, str) else " ".join(surface))


def _strip_word(word: str, stem: str) -> str:
    for i in range(len(word)):
        if normalize(word[i:]) == stem:
            return word[i:]
    return stem


def _without_proclitics(form: str, group: tuple[str, ...]) -> str:
    """The written form with its proclitics removed (وقال -> قال), spelling kept."""
    return " ".join(_strip_word(w, g) for w, g in zip(form.split(" "), group, strict=True))


class _Labels:
    """Display label and counted spellings of each folded term, from the whole corpus."""

    def __init__(self, tallies: list[Tally]) -> None:
        folds = _WordFolds(_words_of(tallies))
        surfaces = (
            tallies[0].surfaces
            if len(tallies) == 1
            else sum((t.surfaces for t in tallies), Counter())
        )
        self.group_of = {surface: folds.group(surface) for surface in surfaces}
        forms: dict = defaultdict(list)  # group -> [(shown form, occurrences)]
        for surface, n in surfaces.items():
            forms[self.group_of[surface]].append((_shown(surface), n))
        self.label, self.forms = {}, {}
        for group, entries in forms.items():
            ranked = self._ranked(entries, group, folds) if len(entries) > 1 else entries
            best = ranked[0][0]
            clitic = folds.has_proclitic(_words(best, group))
            self.label[group] = _without_proclitics(best, _as_tuple(group)) if clitic else best
            self.forms[group] = " · ".join(form for form, _ in ranked[:_FORMS_SHOWN])

    @staticmethod
    def _ranked(entries: list, group: str | tuple, folds: _WordFolds) -> list[tuple[str, int]]:
        """Forms without proclitics first, then the most frequent, then alphabetical."""
        merged: dict[str, int] = defaultdict(int)
        for shown, n in entries:
            merged[shown] += n
        key = lambda item: (folds.has_proclitic(_words(item[0], group)), -item[1], item[0])  # noqa: E731
        return sorted(merged.items(), key=key)


def _words(shown: str, group: str | tuple) -> tuple[str, ...]:
    return tuple(shown.split(" ")) if isinstance(group, tuple) else (shown,)


_TERM_COLUMNS = ["term", "count", "doc_count", "share", "forms"]


def _term_table(tally: Tally, labels: _Labels, *, stopwords: bool) -> pd.DataFrame:
    """One group's terms as a DataFrame (built column by column: far less memory than rows)."""
    stop = arabic_stopwords() if stopwords else frozenset()
    phrases = dictionary_phrases()
    counts: dict = {}
    group_of = labels.group_of
    for surface, n in tally.surfaces.items():
        group = group_of[surface]
        counts[group] = counts.get(group, 0) + n
    kept = [g for g in counts if not _is_stop(g, stop, phrases)]
    totals = [counts[g] for g in kept]
    return pd.DataFrame(
        {
            "term": [labels.label[g] for g in kept],
            "count": totals,
            "doc_count": [tally.doc_keys.get(g, 0) for g in kept],
            "share": [n / tally.tokens for n in totals] if tally.tokens else [0.0] * len(kept),
            "forms": [labels.forms[g] for g in kept],
        },
        columns=_TERM_COLUMNS,
    )


def finish_terms(
    tallies: dict[Hashable, Tally], *, by: str | None = None, stopwords: bool = True
) -> pd.DataFrame:
    """Fold merged tallies into the term table (sorted by count, ties by term)."""
    labels = _Labels(list(tallies.values()))
    frames = []
    for group in sorted(tallies, key=lambda g: (g is None, str(g))):
        frame = _term_table(tallies[group], labels, stopwords=stopwords)
        if by:
            frame.insert(0, by, group)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_TERM_COLUMNS)
    order = ([by] if by else []) + ["count", "term"]
    ascending = ([True] if by else []) + [False, True]
    table = table.sort_values(order, ascending=ascending, kind="mergesort").reset_index(drop=True)
    return table


def term_frequency(
    corpus: Corpus,
    *,
    ngram: int = 1,
    stopwords: bool = True,
    by: str | None = None,
    engine: str = "local",
    progress: bool | None = None,
) -> pd.DataFrame:
    """How often each term occurs, with clitics folded (لبوتين and وبوتين count as بوتين).

    A clitic (و ف ب ل ك, ال and their combinations) is peeled only when what remains is itself
    a word of the corpus or of khabar's dictionaries, so وزير stays وزير.

    Args:
        corpus: The documents.
        ngram: 1 for words, 2 for bigrams (كوريا الشمالية) and so on; n-grams stay within sentences.
        stopwords: Drop stopwords (after folding; n-grams that begin or end with one, unless they
            are a dictionary name such as سي إن إن).
        by: None for one table; "doc" (or "doc_id") for one row per document and term; any other
            metadata column for one table per value.
        engine: "local" or "dask"; both give identical tables.
        progress: Show a progress bar (default: on in a terminal or notebook, off under CI).

    Returns:
        DataFrame with term (the most common way the term is written), count, doc_count
        (documents containing it), share (of all tokens in the group, stopwords included) and
        forms (the spellings counted together).
    """
    if ngram < 1:
        raise ValueError("ngram must be at least 1")
    column = "doc_id" if by == "doc" else by
    with _gc_paused():
        parts = run_batches(
            corpus,
            tally_batch,
            engine=engine,
            progress=progress,
            combine=merge_tallies,
            ngram=ngram,
            by=column,
        )
        table = finish_terms(merge_tallies(parts), by=column, stopwords=stopwords)
    if column == "doc_id":
        table = table.drop(columns="doc_count")
    return table


def tfidf(corpus: Corpus, *, top: int = 10, stopwords: bool = True) -> pd.DataFrame:
    """Most distinctive terms per document by tf-idf (term share x log(N / doc_count))."""
    per_doc = term_frequency(corpus, by="doc", stopwords=stopwords, progress=False)
    overall = term_frequency(corpus, stopwords=stopwords, progress=False)
    n_docs = len(corpus)
    idf = {
        t: math.log(n_docs / d) for t, d in zip(overall["term"], overall["doc_count"], strict=True)
    }
    per_doc["tfidf"] = per_doc["share"] * per_doc["term"].map(idf).fillna(0.0)
    ranked = per_doc.sort_values(
        ["doc_id", "tfidf", "term"], ascending=[True, False, True], kind="mergesort"
    )
    return (
        ranked.groupby("doc_id", sort=True)
        .head(top)
        .reset_index(drop=True)[["doc_id", "term", "count", "tfidf"]]
    )


def keyness(
    target: Corpus, reference: Corpus, *, top: int = 20, stopwords: bool = True
) -> pd.DataFrame:
    """Terms over-used in ``target`` relative to ``reference`` (log-likelihood G2, signed)."""
    a = term_frequency(target, stopwords=stopwords, progress=False).set_index("term")["count"]
    b = term_frequency(reference, stopwords=stopwords, progress=False).set_index("term")["count"]
    frame = pd.concat([a.rename("target"), b.rename("reference")], axis=1).fillna(0)
    total_a, total_b = frame["target"].sum(), frame["reference"].sum()
    expected_a = (frame.sum(axis=1)) * total_a / (total_a + total_b)
    expected_b = (frame.sum(axis=1)) * total_b / (total_a + total_b)

    def part(observed: pd.Series, expected: pd.Series) -> pd.Series:
        return (
            observed * (observed / expected).apply(lambda v: math.log(v) if v > 0 else 0.0)
        ).fillna(0.0)

    g2 = 2 * (part(frame["target"], expected_a) + part(frame["reference"], expected_b))
    sign = (frame["target"] / total_a >= frame["reference"] / total_b).map({True: 1, False: -1})
    frame["keyness"] = g2 * sign
    frame = frame.reset_index(names="term").sort_values(
        ["keyness", "term"], ascending=[False, True], kind="mergesort"
    )
    return frame.head(top).reset_index(drop=True)

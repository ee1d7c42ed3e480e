"""Actor mentions: who is named, how often, in which articles, and alongside whom.

Names are matched on normalized tokens through clitics (لبوتين، وبوتين), longest match first,
with every listed spelling merged (كيم جونغ أون، كيم يونج أون، كيم جونغ-أون). A bare short form
(كيم، شين) counts only as the one person with that short form named in full earlier in the same
article, or introduced by one of their descriptors right before it (الزعيم الكوري الشمالي كيم);
followed by a word that continues another listed name (كيم جونغ ...), it is someone else.
Descriptors (الرئيس الروسي، زعيم كوريا الشمالية) are references, not names: ``find_descriptors``
reports them apart. People missing from the dictionary come from ``khabar.discovery``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from khabar import discovery
from khabar.clitics import stems
from khabar.corpus import Corpus
from khabar.cues import load_cues
from khabar.engine import concat_batches
from khabar.lexicon import Entry, Match, PhraseMatcher, load_entries, match_key, phrase_key
from khabar.tokens import Token, sentence_index, sentences, tokenize
from khabar.wordlists import arabic_stopwords, protected_words

__all__ = [
    "COLUMNS",
    "DESCRIPTOR_COLUMNS",
    "actor_counts",
    "actors_batch",
    "co_mention_matrix",
    "co_mentions",
    "count_co_mentions",
    "count_mentions",
    "descriptors_batch",
    "find_actors",
    "find_descriptors",
    "in_context",
    "mentions_per_doc",
]

COLUMNS = (
    "doc_id", "actor_id", "actor_en", "actor_ar", "kind", "surface", "start", "end",
    "sentence_id", "form",
)  # fmt: skip
DESCRIPTOR_COLUMNS = (
    "doc_id", "actor_id", "actor_en", "actor_ar", "descriptor", "surface", "start", "end",
    "sentence_id",
)  # fmt: skip
UNLISTED = "unlisted:"
_INT_COLUMNS = {"start": "int64", "end": "int64", "sentence_id": "int64"}
_PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل")
_SOFT_GAP_RE = re.compile(r"[\s\"'“”«»„\-–—ـ]*")
_NEXT_TO_RE = re.compile(r"[\s\"'“”«»„()\-–—،,]*")
#: A descriptor after these is part of a longer title (نائب رئيس الوزراء الصيني، ولي ولي العهد).
_TITLE_BEFORE = frozenset(phrase_key("نائب نائبة مساعد مساعدة وكيل ولي القائم"))
#: A descriptor before these names someone else (الرئيس الروسي السابق، الرئيس الكوري الجنوبي).
_TITLE_AFTER = frozenset(
    phrase_key("السابق السابقة الأسبق الراحل الراحلة المخلوع المعزول الجنوبي الجنوبية المنتخب")
)


class _Mention(NamedTuple):
    first: int
    last: int
    actor_id: str
    form: str


class _Phrase(NamedTuple):
    """What a dictionary phrase stands for: ``form`` name, short or descriptor, of ``ids``."""

    form: str
    ids: tuple[str, ...]
    head: str  # the phrase's first word (match key)
    written: str  # the phrase as the dictionary writes it


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, Entry]
    names: PhraseMatcher  # variants and short forms -> _Phrase
    descriptors: PhraseMatcher  # descriptors -> _Phrase
    descriptor_keys: dict[str, tuple[tuple[str, ...], ...]]
    continues: frozenset[str]  # words that continue some listed name after a short form
    given: frozenset[str]  # given names: a short form after one is someone else's surname
    named_after: frozenset[str]  # مركز، جامعة ...: a person's name after one names a place
    stopwords: frozenset[str]
    own_adjectives: dict[str, frozenset[str]]
    nationalities: frozenset[str]


def _phrases(entries: Sequence[Entry], fields: Sequence[str]) -> list[tuple[str, _Phrase]]:
    """(phrase, _Phrase) for the entries' phrases in ``fields``; a key keeps its first field."""
    found: dict[tuple[str, ...], tuple[str, str, list[str]]] = {}
    for field in fields:
        for entry in entries:
            for phrase in getattr(entry, field):
                key = phrase_key(phrase)
                if key and (key not in found or found[key][1] == field):
                    found.setdefault(key, (phrase, field, []))[2].append(entry.id)
    form = {"variants": "name", "short": "short", "descriptors": "descriptor"}
    return [
        (phrase, _Phrase(form[field], tuple(dict.fromkeys(ids)), key[0], phrase))
        for key, (phrase, field, ids) in found.items()
    ]


def _continuations(entries: Sequence[Entry]) -> frozenset[str]:
    """Inner words of multi-word person names (جونغ، إيل، سونغ), stopwords and names aside."""
    inner: set[str] = set()
    single: set[str] = set()
    for entry in entries:
        for phrase in entry.variants:
            key = phrase_key(phrase)
            if len(key) == 1:
                single.add(key[0])
            elif entry.kind == "person":
                inner.update(key[1:])
    return frozenset(inner - single - arabic_stopwords())


def _own_adjectives(entries: Sequence[Entry], nationalities: frozenset[str]) -> dict:
    """Per entry, the nationality adjectives its variants end with (مجلس الأمن القومي الأميركي)."""
    own: dict[str, frozenset[str]] = {}
    for entry in entries:
        ends = {phrase_key(v)[-1] for v in entry.variants if len(phrase_key(v)) > 1}
        if ends & nationalities:
            own[entry.id] = frozenset(ends & nationalities)
    return own


@cache
def _lexicon(extra: str | None) -> _Lexicon:
    entries = load_entries("actors", extra=extra)
    nationalities = frozenset(key[0] for key in load_cues().nationalities)
    hints = discovery.load_hints()
    return _Lexicon(
        entries={e.id: e for e in entries},
        names=PhraseMatcher(_phrases(entries, ["variants", "short"])),
        descriptors=PhraseMatcher(_phrases(entries, ["descriptors"])),
        descriptor_keys={
            e.id: tuple(phrase_key(d) for d in e.descriptors) for e in entries if e.descriptors
        },
        continues=_continuations(entries),
        given=hints.given | hints.joiners,
        named_after=hints.named_after,
        stopwords=frozenset(match_key(w) for w in arabic_stopwords()),
        own_adjectives=_own_adjectives(entries, nationalities),
        nationalities=nationalities,
    )


def _key(token: Token) -> str:
    return match_key(token.norm)


def _soft(
    text: str, tokens: Sequence[Token], i: int, *, pattern: re.Pattern = _SOFT_GAP_RE
) -> bool:
    """Whether only spaces, quotes and hyphens (or ``pattern``) stand before token ``i``."""
    return 0 < i < len(tokens) and bool(
        pattern.fullmatch(text[tokens[i - 1].end : tokens[i].start])
    )


def _forms(key: str) -> tuple[str, ...]:
    """A word and what it is with its proclitics peeled (بنائب -> نائب)."""
    return (key, *stems(key, protected=protected_words()))


def _other_country(
    lex: _Lexicon, actor_id: str, tokens: Sequence[Token], last: int, text: str
) -> bool:
    """A listed body followed by another country's adjective (مجلس الأمن القومي التركي)."""
    own = lex.own_adjectives.get(actor_id)
    if own is None or not _soft(text, tokens, last + 1):
        return False
    following = _key(tokens[last + 1])
    return following in lex.nationalities and following not in own


def _through_article(token: Token, head: str) -> bool:
    """Whether a match saw through an article its phrase lacks (السورية is not سورية)."""
    if head.startswith("ال"):
        return False
    key = _key(token)
    return not (key.endswith(head) and key[: len(key) - len(head)] in _PROCLITICS)


def _someone_else(lex: _Lexicon, tokens: Sequence[Token], match: Match, text: str) -> bool:
    """A bare short form that is part of another name or a plain adjective.

    كيم جونغ ... (a word of another listed name follows), ماهر الأسد / آل عون (a given name or
    آل before it), الرئيس السوداني (a nisba-shaped short form after a definite word).
    """
    if _soft(text, tokens, match.last + 1) and _key(tokens[match.last + 1]) in lex.continues:
        return True
    if not _soft(text, tokens, match.first):
        return False
    before = _key(tokens[match.first - 1])
    if before in lex.given or (before.startswith("عبد") and len(before) >= 6):
        return True
    head = match.value.head
    return head.startswith("ال") and head.endswith("ي") and before.startswith(_DEFINITE)


def _descriptor_before(
    lex: _Lexicon, actor_id: str, tokens: Sequence[Token], first: int, text: str
) -> bool:
    """Whether one of the actor's descriptors stands right before token ``first``."""
    for phrase in lex.descriptor_keys.get(actor_id, ()):
        start = first - len(phrase)
        if start < 0 or not _soft(text, tokens, first, pattern=_NEXT_TO_RE):
            continue
        keys = [_key(t) for t in tokens[start:first]]
        if keys[1:] == list(phrase[1:]) and phrase[0] in _forms(keys[0]):
            return True
    return False


def _mentions(text: str, tokens: Sequence[Token], lex: _Lexicon) -> list[_Mention]:
    """Name mentions of listed actors in one document, short forms resolved."""
    named: set[str] = set()
    found: list[_Mention] = []
    for match in lex.names.find(tokens, text):
        phrase: _Phrase = match.value
        if _through_article(tokens[match.first], phrase.head):
            continue
        if phrase.form == "name" and len(phrase.ids) == 1:
            if not _other_country(lex, phrase.ids[0], tokens, match.last, text):
                found.append(_Mention(match.first, match.last, phrase.ids[0], "name"))
                named.add(phrase.ids[0])
            continue
        if phrase.form == "short" and _someone_else(lex, tokens, match, text):
            continue
        # a short form that is also a function word (لي، لولا) needs its descriptor before it
        earlier = [] if phrase.head in lex.stopwords else [i for i in phrase.ids if i in named]
        who = earlier or [
            i for i in phrase.ids if _descriptor_before(lex, i, tokens, match.first, text)
        ]
        if len(who) == 1:
            found.append(_Mention(match.first, match.last, who[0], phrase.form))
    return found


def _covered(n: int, mentions: Iterable[_Mention], lex: _Lexicon) -> list[str | None]:
    covered: list[str | None] = [None] * n
    for m in mentions:
        kind = lex.entries[m.actor_id].kind if m.actor_id in lex.entries else "person"
        covered[m.first : m.last + 1] = [kind] * (m.last - m.first + 1)
    return covered


def _names_a_place(lex: _Lexicon, tokens: Sequence[Token], first: int, text: str) -> bool:
    """A person's name after مركز، جامعة ... (مركز الملك سلمان): the name of a place."""
    if not _soft(text, tokens, first):
        return False
    before = _key(tokens[first - 1])
    return before in lex.named_after or before[1:] in lex.named_after


def _discovered(
    text: str, tokens: list[Token], keys: list[str], mentions: list[_Mention], lex, vocab
) -> list[_Mention]:
    """Mentions of unlisted people (actor_id ``unlisted:<name>``, form ``discovered``)."""
    covered = _covered(len(tokens), mentions, lex)
    found = discovery.discover(tokens, keys, text, covered=covered, vocab=vocab)
    return [_Mention(f.first, f.last, UNLISTED + f.name, f.display) for f in found]


def _doc_rows(
    doc_id: str, text: str, tokens: list[Token], lex: _Lexicon, *, keys=None, vocab=None
) -> list[tuple]:
    sentence_of = sentence_index(sentences(text))
    mentions = _mentions(text, tokens, lex)
    if vocab is not None:
        mentions = sorted(mentions + _discovered(text, tokens, keys, mentions, lex, vocab))
    rows = []
    for m in mentions:
        entry = lex.entries.get(m.actor_id)
        kind = entry.kind if entry else "person"
        if kind == "person" and _names_a_place(lex, tokens, m.first, text):
            continue
        start, end = tokens[m.first].start, tokens[m.last].end
        if entry is None:  # discovered: the form field carries the name as first written
            head = (m.actor_id, "(unlisted)", m.form, "person")
            form = "discovered"
        else:
            head, form = (entry.id, entry.en, entry.ar, entry.kind), m.form
        rows.append((doc_id, *head, text[start:end], start, end, sentence_of(start), form))
    return rows


def _frame(rows: list[tuple], columns: Sequence[str]) -> pd.DataFrame:
    if not rows:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    else:
        frame = pd.DataFrame.from_records(rows, columns=list(columns))
    return frame.astype(_INT_COLUMNS)


def _docs(batch: pd.DataFrame) -> Iterable[tuple[str, str, list[Token]]]:
    for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True):
        text = str(text or "")
        yield str(doc_id), text, tokenize(text)


def actors_batch(
    batch: pd.DataFrame, *, discover: bool = False, extra: str | Path | None = None
) -> pd.DataFrame:
    """Name mentions in one batch of documents (the per-batch work of ``find_actors``)."""
    lex = _lexicon(None if extra is None else str(extra))
    docs = list(_docs(batch))
    keyed = [[_key(t) for t in tokens] for _, _, tokens in docs] if discover else []
    vocab = discovery.Vocabulary.of(keyed) if discover else None
    rows: list[tuple] = []
    for n, (doc_id, text, tokens) in enumerate(docs):
        keys = keyed[n] if discover else None
        rows.extend(_doc_rows(doc_id, text, tokens, lex, keys=keys, vocab=vocab))
    return _frame(rows, COLUMNS)


def _unify_display(table: pd.DataFrame) -> pd.DataFrame:
    """One display name per discovered person: the first one written."""
    unlisted = table["actor_id"].str.startswith(UNLISTED)
    if unlisted.any():
        first = table[unlisted].groupby("actor_id", sort=False)["actor_ar"].first()
        table.loc[unlisted, "actor_ar"] = table.loc[unlisted, "actor_id"].map(first)
    return table


def find_actors(
    corpus: Corpus,
    *,
    discover: bool = False,
    engine: str = "local",
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """One row per name mention of an actor (person, country, organization, place).

    Args:
        corpus: The documents.
        discover: Also find people the dictionary lacks (kind ``person``, ``actor_id``
            ``unlisted:<normalized name>``, form ``discovered``), from titles, reporting verbs
            and appositions around their names.
        engine: ``"local"`` or ``"dask"`` (same rows either way).
        progress: Show a progress bar (default: for large corpora).
        extra: A YAML file of actors (e.g. ``corpus/actors.yaml``) that extends or overrides the
            packaged ``actors.yaml``.

    Returns:
        Columns ``COLUMNS`` in document then text order; ``surface`` is ``text[start:end]`` as
        written, clitics included (لبوتين); ``form`` is ``name`` (a listed spelling), ``short``
        (a bare short form resolved to the person named earlier) or ``discovered``.
    """
    options = {"discover": discover} | corpus.dictionary_option("actors.yaml", extra)
    empty = _frame([], COLUMNS)
    table = concat_batches(
        corpus, actors_batch, empty=empty, engine=engine, progress=progress, **options
    )
    return _unify_display(table) if len(table) else table


def _descriptor_rows(doc_id: str, text: str, tokens: list[Token], lex: _Lexicon) -> list[tuple]:
    mentions = _mentions(text, tokens, lex)
    named = {m.actor_id for m in mentions}
    after = {m.last: m.actor_id for m in mentions}
    before = {m.first: m.actor_id for m in mentions}
    sentence_of = None
    rows = []
    for match in lex.descriptors.find(tokens, text):
        who = [i for i in match.value.ids if i in named]
        if len(who) != 1 or _through_article(tokens[match.first], match.value.head):
            continue
        if _inside_title(lex, tokens, match.first, match.last, text):
            continue
        nearby = (after.get(match.first - 1), before.get(match.last + 1))
        if (nearby[0] == who[0] and _soft(text, tokens, match.first, pattern=_NEXT_TO_RE)) or (
            nearby[1] == who[0] and _soft(text, tokens, match.last + 1, pattern=_NEXT_TO_RE)
        ):
            continue  # الرئيس الروسي فلاديمير بوتين: one mention, counted by name
        sentence_of = sentence_of or sentence_index(sentences(text))
        entry = lex.entries[who[0]]
        start, end = tokens[match.first].start, tokens[match.last].end
        rows.append((
            doc_id, entry.id, entry.en, entry.ar, match.value.written, text[start:end], start,
            end, sentence_of(start),
        ))  # fmt: skip
    return rows


def _inside_title(lex: _Lexicon, tokens: Sequence[Token], first: int, last: int, text: str) -> bool:
    """نائب رئيس الوزراء الصيني، الرئيس الروسي السابق: a longer title, someone else."""
    if _soft(text, tokens, first) and set(_forms(_key(tokens[first - 1]))) & _TITLE_BEFORE:
        return True
    if not _soft(text, tokens, last + 1):
        return False
    following = _key(tokens[last + 1])
    return following in _TITLE_AFTER or following in lex.nationalities


def descriptors_batch(batch: pd.DataFrame, *, extra: str | Path | None = None) -> pd.DataFrame:
    """Descriptor references in one batch of documents (the work of ``find_descriptors``)."""
    lex = _lexicon(None if extra is None else str(extra))
    rows: list[tuple] = []
    for doc_id, text, tokens in _docs(batch):
        rows.extend(_descriptor_rows(doc_id, text, tokens, lex))
    return _frame(rows, DESCRIPTOR_COLUMNS)


def find_descriptors(
    corpus: Corpus,
    *,
    engine: str = "local",
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """References to actors by role (زعيم كوريا الشمالية، الرئيس الروسي), apart from names.

    A descriptor counts for an actor only where the article names that actor too (roles change
    hands: الرئيس الأوكراني in 2015 is not Zelensky), and not when it stands right next to a
    name mention of the same actor (الرئيس الروسي فلاديمير بوتين is one mention), inside a
    longer title (نائب رئيس الوزراء الصيني) or before السابق and the like.

    Returns:
        Columns ``DESCRIPTOR_COLUMNS`` in document then text order: ``descriptor`` is the
        dictionary phrase, ``surface`` the text as written (للزعيم الكوري الشمالي).
    """
    options = corpus.dictionary_option("actors.yaml", extra)
    empty = _frame([], DESCRIPTOR_COLUMNS)
    return concat_batches(
        corpus, descriptors_batch, empty=empty, engine=engine, progress=progress, **options
    )


def count_mentions(table: pd.DataFrame) -> pd.DataFrame:
    """Mentions per actor from ``find_actors`` rows, most mentioned first (ties by English name).

    Returns:
        actor_id, actor_en, actor_ar, kind, mentions, doc_count (articles naming the actor).
    """
    keys = ["actor_id", "actor_en", "actor_ar", "kind"]
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in keys}).assign(
            mentions=pd.Series(dtype="int64"), doc_count=pd.Series(dtype="int64")
        )
    grouped = table.groupby("actor_id", sort=False).agg(
        actor_en=("actor_en", "first"),
        actor_ar=("actor_ar", "first"),
        kind=("kind", "first"),
        mentions=("doc_id", "size"),
        doc_count=("doc_id", "nunique"),
    )
    grouped = grouped.reset_index().sort_values(
        ["mentions", "actor_en", "actor_id"], ascending=[False, True, True], kind="mergesort"
    )
    return grouped.reset_index(drop=True)


def actor_counts(
    corpus: Corpus,
    *,
    engine: str = "local",
    discover: bool = False,
    progress: bool | None = None,
    extra: str | Path | None = None,
) -> pd.DataFrame:
    """Mentions per actor: actor_id, actor_en, actor_ar, kind, mentions, doc_count.

    Sorted by mentions (most first), then English name.
    """
    return count_mentions(
        find_actors(corpus, discover=discover, engine=engine, progress=progress, extra=extra)
    )


def _labels(table: pd.DataFrame) -> dict[str, str]:
    """Display label per actor id: the Arabic name, made unique where two actors share it."""
    names = table.drop_duplicates("actor_id").set_index("actor_id")["actor_ar"].to_dict()
    clash = Counter(names.values())
    return {i: name if clash[name] == 1 else f"{name} ({i})" for i, name in names.items()}


def mentions_per_doc(table: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Documents x actors (Arabic names) mention counts, most mentioned actors first.

    Args:
        table: Rows of ``find_actors``.
        top: Keep this many most mentioned actors; None keeps all.
    """
    if table.empty:
        return pd.DataFrame(index=pd.Index([], name="doc_id"))
    labels = _labels(table)
    counts = pd.crosstab(table["doc_id"], table["actor_id"])
    order = sorted(counts.columns, key=lambda i: (-int(counts[i].sum()), labels[i]))
    counts = counts[order[:top] if top is not None else order]
    docs = list(dict.fromkeys(table["doc_id"]))
    counts = counts.reindex(docs).rename(columns=labels)
    counts.columns.name = None
    return counts


def count_co_mentions(
    table: pd.DataFrame, *, level: str = "sentence", kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """Pairs of actors named in the same sentence (or document), from ``find_actors`` rows.

    Returns:
        One row per unordered pair: actor_a, actor_b (ids, a < b), count, actor_a_ar, actor_b_ar;
        most frequent pairs first.
    """
    if level not in ("sentence", "doc"):
        raise ValueError(f"level must be 'sentence' or 'doc', not {level!r}")
    columns = ["actor_a", "actor_b", "count", "actor_a_ar", "actor_b_ar"]
    if kinds is not None:
        table = table[table["kind"].isin(list(kinds))]
    group = ["doc_id", "sentence_id"] if level == "sentence" else ["doc_id"]
    pairs: Counter = Counter()
    for ids in table.groupby(group, sort=False)["actor_id"].agg(lambda s: sorted(set(s))):
        pairs.update(itertools.combinations(ids, 2))
    if not pairs:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c == "count" else object) for c in columns}
        )
    labels = _labels(table)
    frame = pd.DataFrame(
        [(a, b, n, labels[a], labels[b]) for (a, b), n in pairs.items()], columns=columns
    )
    return frame.sort_values(
        ["count", "actor_a_ar", "actor_b_ar"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def co_mentions(
    corpus: Corpus,
    *,
    level: str = "sentence",
    engine: str = "local",
    kinds: Iterable[str] | None = None,
    discover: bool = False,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Actor x actor counts: in how many sentences (``level="doc"``: documents) both are named.

    Args:
        corpus: The documents.
        level: ``"sentence"`` or ``"doc"``.
        engine: ``"local"`` or ``"dask"``.
        kinds: Keep only these actor kinds (e.g. ``["person"]``); all by default.
        discover: Include discovered unlisted people.
        progress: Show a progress bar (default: for large corpora).

    Returns:
        Long form, one row per pair: actor_a, actor_b, count, actor_a_ar, actor_b_ar.
        ``co_mention_matrix`` turns it into the square table for a heatmap.
    """
    table = find_actors(corpus, discover=discover, engine=engine, progress=progress)
    return count_co_mentions(table, level=level, kinds=kinds)


def co_mention_matrix(pairs: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """The symmetric actor x actor table (Arabic names) of ``co_mentions`` pairs.

    Args:
        pairs: Rows of ``co_mentions`` / ``count_co_mentions``.
        top: Keep the actors with the most co-mentions; None keeps all.
    """
    if pairs.empty:
        return pd.DataFrame()
    both = pd.concat([
        pairs.rename(columns={"actor_a_ar": "row", "actor_b_ar": "col"}),
        pairs.rename(columns={"actor_b_ar": "row", "actor_a_ar": "col"}),
    ])  # fmt: skip
    matrix = both.pivot_table(
        index="row", columns="col", values="count", aggfunc="sum", fill_value=0
    )
    totals = matrix.sum(axis=1)
    order = sorted(matrix.index, key=lambda name: (-int(totals[name]), name))
    order = order[:top] if top is not None else order
    matrix = matrix.reindex(index=order, columns=order, fill_value=0).astype("int64")
    matrix.index.name = matrix.columns.name = None
    return matrix


def in_context(corpus: Corpus, table: pd.DataFrame, actor: str, *, window: int = 5) -> pd.DataFrame:
    """Every counted mention of ``actor`` with ``window`` words either side.

    Built from ``find_actors`` rows, so it shows exactly what was counted: bare short forms
    resolved to the actor (كيم) are in, other people who share a word (كيم جونغ إيل) are out.

    Args:
        corpus: The documents ``table`` was found in.
        table: Rows of ``find_actors``.
        actor: The actor's id, Arabic name or English name (كيم جونغ أون, kim_jong_un).
        window: Words of context on each side.

    Returns:
        doc_id, pre, keyword, post, form, start, end.
    """
    columns = ["doc_id", "pre", "keyword", "post", "form", "start", "end"]
    rows = table[table[["actor_id", "actor_ar", "actor_en"]].eq(actor).any(axis=1)]
    wanted = set(rows["doc_id"])
    texts = {
        doc_id: text
        for batch in corpus.iter_batches()
        for doc_id, text in zip(batch["doc_id"], batch["text"], strict=True)
        if doc_id in wanted
    }
    starts = {doc_id: [t.start for t in tokenize(text)] for doc_id, text in texts.items()}
    ends = {doc_id: [t.end for t in tokenize(text)] for doc_id, text in texts.items()}
    out = []
    for row in rows.itertuples():
        text, first = texts[row.doc_id], bisect.bisect_left(starts[row.doc_id], row.start)
        last = bisect.bisect_left(ends[row.doc_id], row.end)
        before = starts[row.doc_id][max(first - window, 0)] if first else row.start
        after = ends[row.doc_id][min(last + window, len(ends[row.doc_id]) - 1)]
        out.append((
            row.doc_id, " ".join(text[before : row.start].split()), row.surface,
            " ".join(text[row.end : after].split()), row.form, row.start, row.end,
        ))  # fmt: skip
    return pd.DataFrame(out, columns=columns).astype({"start": "int64", "end": "int64"})

"""From a corpus tally to the term table: fold, sum per group, exact document counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from khabar.counts.labels import Labels
from khabar.counts.order import sort_order
from khabar.counts.tally import Tally
from khabar.lexicon import dictionary_phrases
from khabar.wordlists import arabic_stopwords

__all__ = ["TERM_COLUMNS", "finish_terms"]

TERM_COLUMNS = ["term", "count", "doc_count", "share", "forms"]


def _is_stop(group: str | tuple[str, ...], stop: frozenset[str], phrases: frozenset) -> bool:
    if isinstance(group, str):
        return group in stop or not group
    if "" in group:
        return True
    return (group[0] in stop or group[-1] in stop) and group not in phrases


def _codes(values: list) -> tuple[np.ndarray, list]:
    """Integer code of each value and the distinct values, in order of first appearance."""
    codes, uniques = pd.factorize(
        np.fromiter(values, dtype=object, count=len(values)), use_na_sentinel=False
    )
    return codes.astype(np.int64), list(uniques)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Distinct keys, sorted."""
    ordered = np.sort(keys)
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def _sums(keys: np.ndarray, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys (sorted) and the sum of (positive) weights, or the number of keys, per key."""
    if len(keys) and keys.max() < 50_000_000:  # small key space: one dense pass
        dense = np.bincount(keys, weights=weights)
        found = np.flatnonzero(dense)
        return found, dense[found].astype(np.int64)
    if weights is None:
        weights = np.ones(len(keys), dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(keys) else keys
    return ordered[starts], np.add.reduceat(weights[order], starts) if len(keys) else weights


def _doc_term_keys(
    doc: np.ndarray, term: np.ndarray, shared: np.ndarray, group_of_doc: np.ndarray, n_terms: int
) -> np.ndarray:
    """(group, term) key of every distinct (document, term) pair.

    Only a term written in several ways (``shared``) can occur twice in one document's pairs.
    """
    pairs = _distinct(doc[shared] * n_terms + term[shared])
    alone = group_of_doc[doc[~shared]] * n_terms + term[~shared]
    return np.concatenate([alone, group_of_doc[pairs // n_terms] * n_terms + pairs % n_terms])


def _group_order(groups: list) -> list[int]:
    """Group codes sorted as the table lists them (by value as text, None last)."""
    return sorted(range(len(groups)), key=lambda g: (groups[g] is None, str(groups[g])))


def finish_terms(
    tally: Tally, *, by: str | None = None, stopwords: bool = True, doc_counts: bool = True
) -> pd.DataFrame:
    """Fold a whole-corpus tally into the term table (sorted by count, ties by term)."""
    ids, counts, doc, tokens = tally.arrays()
    surfaces = tally.surfaces()
    totals = np.bincount(ids, weights=counts, minlength=len(surfaces)).astype(np.int64)
    labels = Labels(surfaces, totals)
    term_of, terms = labels.term_of, labels.terms
    stop = arabic_stopwords() if stopwords else frozenset()
    phrases = dictionary_phrases()
    if isinstance(terms, pa.Array):
        stop_words = pa.array(sorted(stop), type=pa.string())
        kept = pc.and_(
            pc.invert(pc.is_in(terms, stop_words)), pc.greater(pc.binary_length(terms), 0)
        )
        kept = kept.to_numpy(zero_copy_only=False)
    else:
        kept = np.array([not _is_stop(t, stop, phrases) for t in terms], dtype=bool)
    group_of_doc, groups = _codes(tally.groups)
    n_terms = max(len(terms), 1)
    term = term_of[ids] if len(ids) else np.zeros(0, np.int64)
    pair_group = group_of_doc[doc] if len(doc) else np.zeros(0, np.int64)
    keys, summed = _sums(pair_group * n_terms + term, counts)
    if doc_counts:
        shared = np.bincount(term_of, minlength=n_terms)[term] > 1
        _, docs_per_key = _sums(_doc_term_keys(doc, term, shared, group_of_doc, n_terms), None)
    else:
        docs_per_key = np.zeros(len(keys), dtype=np.int64)
    group_tokens = np.bincount(group_of_doc, weights=tokens, minlength=len(groups))
    row_group, row_term = keys // n_terms, keys % n_terms
    keep = kept[row_term] if len(keys) else np.zeros(0, dtype=bool)
    return _table(
        labels,
        terms,
        groups,
        by=by,
        group=row_group[keep],
        term=row_term[keep],
        count=summed[keep],
        doc_count=docs_per_key[keep],
        group_tokens=group_tokens,
    )


def _table(
    labels: Labels, terms: list, groups: list, *, by: str | None, **rows: np.ndarray
) -> pd.DataFrame:
    group, term, count = rows["group"], rows["term"], rows["count"]
    group_rank = np.empty(max(len(groups), 1), dtype=np.int64)
    group_rank[_group_order(groups)] = np.arange(len(groups))
    # by group, most frequent first, ties alphabetical (lexsort is stable, last key first)
    order = sort_order(_alphabetical(labels.label)[term], -count, group_rank[group])
    group, term, count = group[order], term[order], count[order]
    tokens = rows["group_tokens"][group]
    table = pd.DataFrame(
        {
            "term": _column(labels.label, term),
            "count": count,
            "doc_count": rows["doc_count"][order],
            "share": np.divide(count, tokens, out=np.zeros(len(count)), where=tokens > 0),
            "forms": _column(labels.forms, term),
        },
        columns=TERM_COLUMNS,
    )
    if by:
        table.insert(0, by, [groups[g] for g in group.tolist()])
    return table


def _column(texts: pa.Array, at: np.ndarray) -> pd.Series:
    """A string column of ``texts[at]``, held in Arrow as pandas holds text."""
    return pd.Series(texts.take(pa.array(at, type=pa.int64())), dtype="str")


def _alphabetical(texts: pa.Array) -> np.ndarray:
    """The rank of each string in code point order (Arrow sorts UTF-8 bytes: the same)."""
    rank = np.empty(len(texts), dtype=np.int64)
    rank[pc.sort_indices(texts).to_numpy()] = np.arange(len(texts))
    return rank

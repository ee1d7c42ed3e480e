"""The Dask engine: the same per-batch work on a dask.distributed cluster.

Uses the active Client when there is one (``Client("tcp://scheduler:8786")``), else starts a
LocalCluster sized to this machine once per process. A lazy JSONL corpus is split into byte
ranges that the workers read themselves; any other corpus is fed to the workers batch by batch
from here, with a bounded number in flight so memory stays flat. Results come back in corpus
order, so merged results equal the local engine's.
"""

from __future__ import annotations

import atexit
import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from khabar.corpus import Corpus, standardize
from khabar.engine import gc_paused

__all__ = ["PARTITION_BYTES", "dask_batches", "get_client"]

#: Size of the byte range one task reads from a lazy JSONL corpus.
PARTITION_BYTES = 4_000_000
_IN_FLIGHT_PER_WORKER = 2
_OWN: dict[str, Any] = {}


def get_client() -> Any:
    """The active dask.distributed Client, or one on a LocalCluster khabar starts (and reuses)."""
    try:
        from distributed import Client, LocalCluster
        from distributed import get_client as active
    except ImportError:
        raise ImportError("engine='dask' needs Dask: pip install 'khabar[scale]'") from None
    try:
        return active()
    except ValueError:
        pass
    if "client" not in _OWN:
        cluster = LocalCluster(
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
        _OWN["cluster"], _OWN["client"] = cluster, Client(cluster)
        atexit.register(_close_own)
    return _OWN["client"]


def _close_own() -> None:
    client, cluster = _OWN.pop("client", None), _OWN.pop("cluster", None)
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()


def _run_partition(
    read: Callable[..., Iterator[pd.DataFrame]],
    work: Callable[..., Any],
    combine: Callable[[list], Any] | None,
    size: int,
    options: dict,
) -> tuple[list, int, int]:
    """On a worker: read one part of the corpus, work batch by batch, combine the results."""
    results, docs, chars = [], 0, 0
    for raw in read(batch_size=size):
        batch = standardize(raw, first_index=0)
        with gc_paused():
            results.append(work(batch, **options))
        docs += len(batch)
        chars += int(batch["text"].str.len().sum())
    if combine is not None and results:
        results = [combine(results)]
    return results, docs, chars


def _run_batch(
    batch: pd.DataFrame, work: Callable[..., Any], options: dict
) -> tuple[list, int, int]:
    """On a worker: one batch sent from the client."""
    with gc_paused():
        result = work(batch, **options)
    return [result], len(batch), int(batch["text"].str.len().sum())


def _merge(left: tuple, right: tuple, combine: Callable[[list], Any]) -> tuple[list, int, int]:
    """On a worker: combine two neighbouring partial results, left before right."""
    return [combine([*left[0], *right[0]])], left[1] + right[1], left[2] + right[2]


def _run_partition_after(
    previous: tuple | None,
    read: Callable[..., Iterator[pd.DataFrame]],
    work: Callable[..., Any],
    combine: Callable[[list], Any],
    size: int,
    options: dict,
) -> tuple[list, int, int]:
    """On a worker: one partition, added to the running result of the partitions before it."""
    current = _run_partition(read, work, combine, size, options)
    return current if previous is None else _merge(previous, current, combine)


def _chained_reduce(
    client: Any,
    parts: list,
    work: Callable[..., Any],
    combine: Callable[[list], Any],
    size: int,
    options: dict,
    on_progress: Callable[[int, int], None],
    *,
    chains: int,
) -> Any:
    """Run the partitions as one chain per worker, each over a contiguous run of partitions.

    Each task adds its partition to its chain's running result (cheap: a small result into a
    large one), the chains run side by side, and their results are merged once, in corpus
    order, so this process receives a single result.
    """
    per_chain = -(-len(parts) // chains)
    tails: list[Any] = []  # each chain's last future (a chain has at least one partition)
    for start in range(0, len(parts), per_chain):
        running = None
        for read in parts[start : start + per_chain]:
            running = client.submit(
                _run_partition_after, running, read, work, combine, size, options, pure=False
            )
            chars = (read.keywords["end"] - read.keywords["start"]) // 2  # ~2 bytes per letter
            running.add_done_callback(lambda f, chars=chars: on_progress(0, chars))
        tails.append(running)
    result = tails[0]
    for tail in tails[1:]:
        result = client.submit(_merge, result, tail, combine, pure=False)
    results, docs, _ = result.result()
    on_progress(docs, 0)
    return results[0]


def _in_order(futures: Iterator[Any], limit: int) -> Iterator[Any]:
    """Results of futures in submission order, keeping at most ``limit`` in flight."""
    pending: deque = deque()
    for future in futures:
        pending.append(future)
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def dask_batches(
    corpus: Corpus,
    work: Callable[..., Any],
    *,
    size: int,
    on_progress: Callable[[int, int], None],
    combine: Callable[[list], Any] | None = None,
    **options: Any,
) -> Iterator[Any]:
    """Results of ``work(batch, **options)`` computed on the cluster, in corpus order.

    With ``combine``, each task merges the results of its own batches before returning them,
    which keeps the merging off this process.
    """
    client = get_client()
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    limit = workers * _IN_FLIGHT_PER_WORKER
    parts = corpus.partitions(PARTITION_BYTES, at_least=2 * workers) if corpus.lazy else None
    if parts and combine is not None:
        yield _chained_reduce(
            client, parts, work, combine, size, options, on_progress, chains=workers
        )
        return
    if parts:
        futures = (
            client.submit(_run_partition, read, work, combine, size, options, pure=False)
            for read in parts
        )
    else:
        batches = corpus.iter_batches(size)
        futures = (client.submit(_run_batch, batch, work, options, pure=False) for batch in batches)
    for results, docs, chars in _in_order(futures, limit):
        on_progress(docs, chars)
        yield from results

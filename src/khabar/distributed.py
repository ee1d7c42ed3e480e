"""The Dask engine: the same per-batch work on a dask.distributed cluster.

Uses the active Client when there is one (``Client("tcp://scheduler:8786")``), else starts a
LocalCluster sized to this machine once per process. Batches are submitted in corpus order
with a bounded number in flight, so memory stays flat however large the corpus is.
"""

from __future__ import annotations

import atexit
import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from khabar.corpus import Corpus

__all__ = ["dask_batches", "get_client"]

_IN_FLIGHT_PER_WORKER = 4
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


def dask_batches(
    corpus: Corpus,
    work: Callable[..., Any],
    *,
    size: int,
    on_batch: Callable[[Any], None],
    **options: Any,
) -> Iterator[Any]:
    """Results of ``work(batch, **options)`` computed on the cluster, in corpus order."""
    client = get_client()
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    limit = workers * _IN_FLIGHT_PER_WORKER
    pending: deque = deque()
    for batch in corpus.iter_batches(size):
        pending.append((client.submit(work, batch, pure=False, **options), batch))
        while len(pending) >= limit:
            future, done = pending.popleft()
            yield future.result()
            on_batch(done)
    while pending:
        future, done = pending.popleft()
        yield future.result()
        on_batch(done)

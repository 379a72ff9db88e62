"""Stage 2 (language, translation, NER) on all cores: a process pool fed in batches.

`enrich_stream(items)` takes an iterable of `(key, text)` pairs and yields
`(key, enrichment)` in input order. The input is consumed lazily: at most
`workers * AHEAD` batches are in flight, so memory stays bounded however large the
archive (the caller reads texts one by one from its cache and writes results back as
they come).

Workers are started with the "spawn" method, so they hold nothing of the parent: no
open SQLite connection, no Whoosh writer, no copy of the parent's memory. Each worker
loads the spaCy pipeline once, in its initializer, and runs `pipeline.enrich_texts`
(spaCy `nlp.pipe` inside) on whole batches. With one worker, or too little work to pay
for starting processes (spawn + model load is a few seconds), the batches run in this
process: the results are the same either way (tests/test_pool.py).
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

BATCH = 64  # texts per task: large enough for nlp.pipe and to amortise pickling
AHEAD = 3  # batches in flight per worker: keeps every core busy while the parent collects
MIN_PARALLEL = 4 * BATCH  # below this many texts, starting workers costs more than it saves


def default_workers() -> int:
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    env = os.environ.get("NEWSARCHIVE_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        n = int(env)
    return max(1, n)


def _init_worker() -> None:
    """Once per worker: load spaCy (about 1 s, 1 GB) and the translation model."""
    # Workers must not fight over cores with each other: one BLAS/OpenMP thread each.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from .entities import get_nlp
    from .translation.model import load_model

    get_nlp()
    load_model()


def _enrich_batch(texts: list[str]) -> list[dict[str, Any]]:
    from .pipeline import enrich_texts

    return enrich_texts(texts)


def _batches(items: Iterable[tuple[Any, str]], size: int) -> Iterator[tuple[list, list[str]]]:
    keys: list = []
    texts: list[str] = []
    for key, text in items:
        keys.append(key)
        texts.append(text)
        if len(keys) >= size:
            yield keys, texts
            keys, texts = [], []
    if keys:
        yield keys, texts


def enrich_stream(
    items: Iterable[tuple[Any, str]],
    *,
    total: int | None = None,
    workers: int | None = None,
    batch: int = BATCH,
    on_batch: Callable[[int], None] | None = None,
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Enrichments of `(key, text)` pairs, in input order.

    `total` (when known) lets a small job skip the pool; `on_batch(n)` is called after
    each finished batch with the number of texts done so far.
    """
    workers = default_workers() if workers is None else max(1, workers)
    done = 0
    if workers == 1 or (total is not None and total < MIN_PARALLEL):
        from .pipeline import enrich_texts

        for keys, texts in _batches(items, batch):
            yield from zip(keys, enrich_texts(texts))
            done += len(keys)
            if on_batch:
                on_batch(done)
        return

    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    pending: deque[tuple[list, Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as ex:
        try:
            for keys, texts in _batches(items, batch):
                pending.append((keys, ex.submit(_enrich_batch, texts)))
                del texts
                while len(pending) >= workers * AHEAD:
                    k, fut = pending.popleft()
                    yield from zip(k, fut.result())
                    done += len(k)
                    if on_batch:
                        on_batch(done)
            while pending:
                k, fut = pending.popleft()
                yield from zip(k, fut.result())
                done += len(k)
                if on_batch:
                    on_batch(done)
        finally:
            for _, fut in pending:
                fut.cancel()

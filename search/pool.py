"""Per-article work on all cores: a process pool fed in batches, shared by the stages of a run.

`Pool.map(fn, items)` takes an iterable of `(key, payload)` pairs and yields
`(key, result)` in input order, where `fn` (a module-level function, so that it can be
sent to a worker) turns a list of payloads into a list of results. The input is consumed
lazily: at most `workers * AHEAD` batches are in flight, so memory stays bounded however
large the archive (the caller reads payloads one by one and stores results as they come).

One pool serves a whole index run: stage 1 (cleaning, `clean_batch`) and stage 2
(language, translation, NER, `enrich_cached_batch`) both run in it, so the workers are
started once. Stage 2's workers read the NER model's cached output and the texts' cached
languages from the cache file themselves (SQLite in WAL mode: readers beside the run's one
writer) and send back what they computed. Workers are started with the "spawn" method, so they hold nothing of the
parent: no open SQLite connection, no Whoosh writer, no copy of the parent's memory. Each
worker loads the spaCy pipeline once, on its first text whose NER output is not in the
cache. Results come back as the JSON text the cache stores, so the parent only moves
strings. With one worker, or too little work to pay for starting processes
(spawn + model load is a few seconds), the batches run in this process: the results are
the same either way (tests/test_pool.py).
"""
from __future__ import annotations

import atexit
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

BATCH = 64  # texts per task: large enough for nlp.pipe and to amortise pickling
AHEAD = 3  # batches in flight per worker: keeps every core busy while the parent collects
MIN_PARALLEL = 4 * BATCH  # below this many items, starting workers costs more than it saves


WORKERS_VAR = "NEWSARCHIVE_WORKERS"


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def requested_workers(value: str | None = None) -> int | None:
    """The worker count NEWSARCHIVE_WORKERS asks for (`value`, else the environment's), read
    once for every user of it: None when unset or blank, ValueError saying what it must be
    when not a whole number of at least 1. The command line's check read " 2 " as 2 and the
    pool read it as unset (every CPU), silently."""
    from .settings import whole_number_setting

    return whole_number_setting(WORKERS_VAR, "a whole number of worker processes", value)


def workers_note(value: str | None = None) -> str | None:
    """What to tell a user whose NEWSARCHIVE_WORKERS is capped (None when it is not): more
    processes than CPUs only share them, and each holds a language model of about 1 GB
    (999 started 999 processes, which the machine's memory could not hold)."""
    try:
        asked = requested_workers(value)
    except ValueError:
        return None
    if asked is None or asked <= cpus():
        return None
    n = cpus()
    return (f"{WORKERS_VAR}={asked} is more than the {n} CPU{'s' if n != 1 else ''} this run may use: "
            f"{n} worker process{'es' if n != 1 else ''} (each holds a language model of about 1 GB)")


def default_workers() -> int:
    """NEWSARCHIVE_WORKERS (at most the CPUs this process may use), else every one of them; a
    bad value (refused by the command line before a run) counts as unset."""
    try:
        asked = requested_workers()
    except ValueError:
        asked = None
    return min(asked, cpus()) if asked is not None else cpus()


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """Ends this worker when the index run that started it is gone. After a `kill -9` of
    the run (the OOM killer, a systemd timeout) the workers, 300 MB each, went on waiting
    for work for ever, re-parented to init. A thread checking the parent's pid works
    whatever thread started the worker, which prctl(PR_SET_PDEATHSIG) does not. `parent` is
    the run's pid as the run saw it: the run may die before this worker has started."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _exit_without_teardown() -> None:
    """The worker's last act (atexit, after the executor's last task and the process's own
    end): its streams flushed, then os._exit. Python's teardown of a worker that loaded spaCy
    freed its objects one by one, about 0.6 s of CPU each while the run waited in pool.close()
    (its results are all sent by then). The pool reads a worker's end from its sentinel, never
    its exit code, which is 0 here."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # a closed or broken stream: nothing more to say on it
            pass
    os._exit(0)


def _init_worker(preload: bool = True, parent: int | None = None) -> None:
    """Once per worker: load the translation model, unless the pool is told not to (then the
    first stage-2 batch loads it). Not spaCy (2.8 s of CPU and 1 GB a worker): the first text
    whose NER output is not in the cache loads it (entities.ner.get_nlp), so a reindex after
    a translation or entity-rule change, which finds them all there, never does."""
    if parent is not None:
        _exit_with_parent(parent)
    atexit.register(_exit_without_teardown)
    # Workers must not fight over cores with each other: one BLAS/OpenMP thread each.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if not preload:
        return
    from .translation.model import load_model

    load_model()


# ------------------------------------------------------------- batch functions
def clean_batch(articles: list) -> list[tuple[str, str] | str]:
    """Stage 1 of a batch of Articles: per article the cache's JSON of its line keys and
    of its cleaning result, or the reason it failed (a cleaner bug must not stop the archive)."""
    from .clean.templates import line_keys
    from .pipeline import clean_article, not_an_article

    out: list[tuple[str, str] | str] = []
    for a in articles:
        try:
            data = clean_article(a)
        except Exception as exc:
            out.append(f"cleaning failed: {exc!r}")
            continue
        reason = not_an_article(data)  # nothing but boilerplate, or a bot check: reported and skipped
        if reason:
            out.append(reason)
            continue
        out.append((json.dumps(line_keys(data["text"])), json.dumps(data)))
    return out


def enrich_cached_batch(cache: str | None, model: str, language: str,
                        texts: list[str]) -> list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """Stage 2 of a batch of final texts, as the cache's JSON, with the NER model's output and the
    texts' languages read from the cache file `cache` (its `model` table under the model
    fingerprint `model`, its `language` table under language detection's `language`) where
    they are there (`cache` None: none is). Per text: its stage-2 JSON, and the model outputs and the languages this
    batch computed, all given with the batch's first text (the run's process writes them; the
    workers only read). Sent to the workers as functools.partial(enrich_cached_batch, cache,
    model, language)."""
    from .cache import Languages, ModelOutputs
    from .enrich import enrich_texts
    from .pipeline import text_hash

    outputs, languages = ModelOutputs(cache, model), Languages(cache, language)
    hashes = [text_hash(t) for t in texts]
    known = languages.get(hashes)
    try:
        computed = enrich_texts(texts, outputs, known)
    finally:
        outputs.close()
    for h, was, r in zip(hashes, known, computed):
        if was is None:
            languages.put(h, r["language"])
    results = [json.dumps(r) for r in computed]
    return [(r, outputs.new, languages.new) if i == 0 else (r, [], []) for i, r in enumerate(results)]


def _batches(items: Iterable[tuple[Any, Any]], size: int) -> Iterator[tuple[list, list]]:
    keys: list = []
    payloads: list = []
    for key, payload in items:
        keys.append(key)
        payloads.append(payload)
        if len(keys) >= size:
            yield keys, payloads
            keys, payloads = [], []
    if keys:
        yield keys, payloads


class Pool:
    """A process pool for one run, started on first need and shut down on close()."""

    def __init__(self, workers: int | None = None, preload: bool = True):
        self.workers = default_workers() if workers is None else max(1, workers)
        self.preload = preload  # load the translation model as each worker starts (spaCy: on a cache miss)
        self._ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def started(self) -> bool:
        return self._ex is not None

    def close(self) -> None:
        if self._ex is not None:
            self._ex.shutdown(wait=True, cancel_futures=True)
            self._ex = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._ex is None:
            import multiprocessing as mp

            self._ex = ProcessPoolExecutor(max_workers=self.workers, mp_context=mp.get_context("spawn"),
                                           initializer=_init_worker, initargs=(self.preload, os.getpid()))
        return self._ex

    def map(
        self,
        fn: Callable[[list], list],
        items: Iterable[tuple[Any, Any]],
        *,
        total: int | None = None,
        batch: int = BATCH,
        on_batch: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[Any, Any]]:
        """`(key, result)` for each `(key, payload)`, in input order.

        `total` (when known) lets a small job skip the workers; when it is not known, the
        first MIN_PARALLEL items are looked at first. `on_batch(n)` is called after each
        finished batch with the number of items done so far.
        """
        it = iter(items)
        serial = self.workers == 1
        if not serial and self._ex is None:  # workers not started yet: is the job worth it?
            if total is not None:
                serial = total < MIN_PARALLEL
            else:
                head = list(islice(it, MIN_PARALLEL))
                serial = len(head) < MIN_PARALLEL
                it = iter(head) if serial else _chain(head, it)
        batches = self._run(fn, it, batch, serial)
        done = 0
        try:
            for keys, results in batches:
                yield from zip(keys, results)
                done += len(keys)
                if on_batch:
                    on_batch(done)
        finally:
            batches.close()  # cancels what is still queued when the caller stops early

    def _run(self, fn: Callable[[list], list], it: Iterator, batch: int, serial: bool) -> Iterator[tuple[list, list]]:
        """(keys, results) per batch, in input order: here, or on the workers with at most
        AHEAD batches per worker in flight."""
        if serial:
            for keys, payloads in _batches(it, batch):
                yield keys, fn(payloads)
            return
        ex = self._executor()
        pending: deque[tuple[list, Future]] = deque()
        try:
            for keys, payloads in _batches(it, batch):
                pending.append((keys, ex.submit(fn, payloads)))
                del payloads
                while len(pending) >= self.workers * AHEAD:
                    k, fut = pending.popleft()
                    yield k, fut.result()
            while pending:
                k, fut = pending.popleft()
                yield k, fut.result()
        finally:
            for _, fut in pending:
                fut.cancel()


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    del head[:]
    yield from rest

"""The stage-2 process pool gives exactly the serial path's enrichments, in input order."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from search.pipeline import enrich_texts
from functools import partial

from search.pool import Pool, enrich_cached_batch

TEXTS = [
    "President Ibrahim Traore of Burkina Faso met officials in Ouagadougou on Monday.",
    "Shares of General Motors rose 3 pct on the New York Stock Exchange, traders said.",
    "",
    "Le gouvernement malien a annoncé mardi de nouvelles mesures à Bamako pour la sécurité.",
    "Assimi Goita arrived in Bamako after talks with the Economic Community of West African States.",
    "2020-08-28",
    "The Bank of Japan left interest rates unchanged in Tokyo, said Governor Satoshi Sumita.",
]


# stage 2 as an index run sends it to the workers, with no cache file to read from
enrich_batch = partial(enrich_cached_batch, None, "model-fp", "language-fp")


def _norm(results) -> list:
    return json.loads(json.dumps(results, sort_keys=True, default=str))


def test_pool_matches_serial_and_keeps_order():
    serial = enrich_texts(TEXTS)
    items = [(f"k{i}", t) for i, t in enumerate(TEXTS)]
    done: list[int] = []
    # two workers, batches of two: several batches in flight, finishing out of order is possible
    with Pool(2) as pool:
        out = list(pool.map(enrich_batch, iter(items), total=10_000, batch=2, on_batch=done.append))
        assert pool.started
    assert [k for k, _ in out] == [k for k, _ in items]
    assert _norm([json.loads(r) for _, (r, _, _) in out]) == _norm(serial)
    assert done and done[-1] == len(TEXTS)
    assert done == sorted(done)


def test_small_job_runs_in_process():
    items = [(i, t) for i, t in enumerate(TEXTS[:2])]
    with Pool(2) as pool:
        out = list(pool.map(enrich_batch, items, total=2))  # below MIN_PARALLEL: no workers started
        assert not pool.started
    assert _norm([json.loads(r) for _, (r, _, _) in out]) == _norm(enrich_texts(TEXTS[:2]))


def _articles(n: int):
    from search.article import Article

    arts = [Article(id=f"a{i}", url="", source="s", raw=f"Harbour note {i}\n\nShips waited at berth {i} on Monday, officials said.\n")
            for i in range(n)]
    arts.append(Article(id="html", url="http://example.com/x", source="s", kind="html",
                        raw="<html><head><title>Port</title></head><body><article><p>Cranes stood idle in the port of Tema all week, dockers said.</p></article></body></html>"))
    return arts


def test_stage1_on_workers_matches_serial():
    from search.clean.templates import line_keys
    from search.pipeline import clean_article
    from search.pool import Pool, clean_batch

    arts = _articles(9)
    serial = [(json.dumps(line_keys(d["text"])), json.dumps(d)) for d in map(clean_article, arts)]
    with Pool(2, preload=False) as pool:
        out = list(pool.map(clean_batch, ((a.id, a) for a in arts), total=10_000, batch=2))
        assert pool.started
        # the same workers serve the next stage of the run
        again = list(pool.map(clean_batch, ((a.id, a) for a in arts[:3]), total=3))
    assert [k for k, _ in out] == [a.id for a in arts]
    assert [r for _, r in out] == serial
    assert [r for _, r in again] == serial[:3]
    assert not pool.started


def test_unknown_total_small_job_starts_no_workers():
    from search.pool import Pool, clean_batch

    arts = _articles(5)
    with Pool(2) as pool:
        out = list(pool.map(clean_batch, ((a.id, a) for a in arts)))  # fewer than MIN_PARALLEL
        assert not pool.started
    assert [k for k, _ in out] == [a.id for a in arts]
    assert all(isinstance(r, tuple) for _, r in out)


def test_workers_end_when_the_run_is_killed(tmp_path):
    """`kill -9` of an index run (the OOM killer, a systemd timeout) left its workers, 300 MB
    each, waiting for work for ever under init (QA pass 4)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "run.py"
    script.write_text(
        "import os, time\n"
        "from search.pool import Pool\n"
        "if __name__ == '__main__':\n"
        "    ex = Pool(2, preload=False)._executor()\n"
        "    [f.result() for f in [ex.submit(os.getpid) for _ in range(4)]]\n"
        "    print(' '.join(map(str, sorted(ex._processes))), flush=True)\n"
        "    time.sleep(600)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert len(workers) == 2, workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if _alive(p)]
    for p in alive:  # leave nothing behind if the check fails
        os.kill(p, signal.SIGKILL)
    assert alive == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _spacy_loaded(texts: list[str]) -> list[bool]:
    from search.entities import ner

    return [ner._nlp is not None] * len(texts)


def test_the_model_output_kept_in_the_cache_gives_the_same_enrichments(tmp_path):
    """Stage 2 with the NER model's output read back from the enrichment cache (what a reindex
    after a translation or entity-rule change does): the same JSON as computing it, and the
    model runs on none of the texts, also in the pool's worker processes."""
    from search.cache import Cache
    from search.pool import enrich_cached_batch

    cache = Cache(tmp_path / "cache.sqlite")
    fn = partial(enrich_cached_batch, str(cache.path), "fp", "lang-fp")
    cold = fn(TEXTS)
    assert [r for r, _, _ in cold] == [json.dumps(r) for r in enrich_texts(TEXTS)]
    computed = [out for _, outs, _ in cold for out in outs]
    assert len(computed) == len(TEXTS) and not any(outs for _, outs, _ in cold[1:])
    for key, data in computed:
        cache.put_model_json(key, data)
    detected = [row for _, _, rows in cold for row in rows]
    assert len(detected) == len(TEXTS)
    for key, language in detected:
        cache.put_language(key, language)
    cache.commit()
    items = [(i, t) for i, t in enumerate(TEXTS)]
    with Pool(2) as pool:
        warm = list(pool.map(fn, iter(items), total=10_000, batch=3))
        assert pool.started
        # nor did the workers load spaCy (2.8 s of CPU and 1 GB each) for it
        loaded = [flag for _, flag in pool.map(_spacy_loaded, iter(items), total=10_000, batch=1)]
        assert loaded == [False] * len(TEXTS)
    assert [r for _, (r, _, _) in warm] == [r for r, _, _ in cold]
    # neither the model's output nor a language was computed again
    assert [(outs, langs) for _, (_, outs, langs) in warm] == [([], [])] * len(TEXTS)
    # under another model fingerprint (a new spaCy, ner.py changed) none of it is used
    assert len(enrich_cached_batch(str(cache.path), "other", "lang-fp", TEXTS)[0][1]) == len(TEXTS)
    # nor the languages under another fingerprint of language detection
    assert len(enrich_cached_batch(str(cache.path), "fp", "other", TEXTS)[0][2]) == len(TEXTS)
    cache.close()


def _say_and_echo(payloads: list) -> list:
    """A batch function that writes to stdout and stderr without flushing (a library's warning)."""
    print(f"out {len(payloads)}", end="")
    sys.stderr.write(f"err {len(payloads)}")
    return payloads


def test_what_a_worker_wrote_is_not_lost_when_it_exits(tmp_path):
    """Workers end without Python's teardown (pool._exit_without_teardown): what they wrote
    to buffered streams must still reach the run's stdout and stderr."""
    script = tmp_path / "run.py"
    script.write_text(
        "from tests.test_pool import _say_and_echo\n"
        "from search.pool import Pool, MIN_PARALLEL\n"
        "if __name__ == '__main__':\n"
        "    with Pool(2) as p:\n"
        "        items = [(i, i) for i in range(MIN_PARALLEL)]\n"
        "        assert p.started is False\n"
        "        out = [r for _, r in p.map(_say_and_echo, items, total=len(items))]\n"
        "        assert p.started and out == list(range(MIN_PARALLEL))\n")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("out 64") == 4
    assert done.stderr.count("err 64") == 4

"""The stage-2 process pool gives exactly the serial path's enrichments, in input order."""
from __future__ import annotations

import json

from search.pipeline import enrich_texts
from search.pool import Pool, enrich_batch

TEXTS = [
    "President Ibrahim Traore of Burkina Faso met officials in Ouagadougou on Monday.",
    "Shares of General Motors rose 3 pct on the New York Stock Exchange, traders said.",
    "",
    "Le gouvernement malien a annoncé mardi de nouvelles mesures à Bamako pour la sécurité.",
    "Assimi Goita arrived in Bamako after talks with the Economic Community of West African States.",
    "2020-08-28",
    "The Bank of Japan left interest rates unchanged in Tokyo, said Governor Satoshi Sumita.",
]


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
    assert _norm([json.loads(r) for _, r in out]) == _norm(serial)
    assert done and done[-1] == len(TEXTS)
    assert done == sorted(done)


def test_small_job_runs_in_process():
    items = [(i, t) for i, t in enumerate(TEXTS[:2])]
    with Pool(2) as pool:
        out = list(pool.map(enrich_batch, items, total=2))  # below MIN_PARALLEL: no workers started
        assert not pool.started
    assert _norm([json.loads(r) for _, r in out]) == _norm(enrich_texts(TEXTS[:2]))


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

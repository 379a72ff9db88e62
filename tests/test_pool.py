"""The stage-2 process pool gives exactly the serial path's enrichments, in input order."""
from __future__ import annotations

import json

from search.pipeline import enrich_texts
from search.pool import enrich_stream

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
    out = list(enrich_stream(iter(items), workers=2, batch=2, on_batch=done.append))
    assert [k for k, _ in out] == [k for k, _ in items]
    assert _norm([r for _, r in out]) == _norm(serial)
    assert done and done[-1] == len(TEXTS)
    assert done == sorted(done)


def test_small_job_runs_in_process():
    items = [(i, t) for i, t in enumerate(TEXTS[:2])]
    out = list(enrich_stream(items, total=2))  # below MIN_PARALLEL: no workers started
    assert _norm([r for _, r in out]) == _norm(enrich_texts(TEXTS[:2]))

"""Facet counting: the column pass against the by-document pass, by share of documents matched.

    python bench/facet_paths.py INDEX_DIR [--repeat 20] [--json]

Loads the live generation's facet table (`facets.npz`) of INDEX_DIR (e.g. the ~95k archive
bench/scale.py builds) and counts all 7 facets over seeded random match sets of growing
size with each method of `FacetTable.count`, checking that both give the same counts. It
prints milliseconds for the 7 facets per method and their ratio: where the ratio crosses 1
is where `facets.SPARSE` should sit.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.facets import SPARSE, FacetTable  # noqa: E402
from search.schema import FACETS  # noqa: E402
from search.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = ap.parse_args()
    table = FacetTable.load(Store(args.index).current_dir())
    if table is None:
        raise SystemExit(f"no facet table in {args.index}")
    n = table.doc_count
    rng = np.random.default_rng(0)
    say = (lambda *a: None) if args.json else print
    say(f"{n:,} documents; postings per facet: " + ", ".join(f"{f} {len(table.docs[f]):,}" for f in FACETS))
    for f in FACETS:  # the by-document layouts are built once per generation: not timed
        table._documents(f)
    say(f"{'matched':>10} {'columns ms':>11} {'documents ms':>13} {'ratio':>6}   (SPARSE = {SPARSE}: documents below {n // SPARSE:,})")
    rows = []
    for share in (0.0001, 0.001, 0.01, 0.03, 0.06, 0.1, 0.125, 0.15, 0.2, 0.3, 0.5):
        mask = rng.random(n) < share
        docnums = np.flatnonzero(mask)
        times = {}
        for method in ("columns", "documents"):
            best = float("inf")
            for _ in range(args.repeat):
                t = time.perf_counter()
                out = [table.count(f, mask, None, docnums, method) for f in FACETS]
                best = min(best, time.perf_counter() - t)
            times[method] = (best * 1000, out)
        assert times["columns"][1] == times["documents"][1], f"counts differ at {share}"
        c, d = times["columns"][0], times["documents"][0]
        say(f"{len(docnums):>10,} {c:>11.2f} {d:>13.2f} {d / c:>6.2f}")
        rows.append({"matched": len(docnums), "columns_ms": round(c, 3), "documents_ms": round(d, 3), "ratio": round(d / c, 3)})
    if args.json:
        print(json.dumps({"documents": n, "sparse": SPARSE, "rows": rows}))


if __name__ == "__main__":
    main()

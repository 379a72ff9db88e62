"""Indexing throughput on the Reuters-21578 file (issue 2): documents/second end to end.

Runs `search.indexer.run` (ingest → clean → language → translation → entities → Whoosh)
on ../shared/data/reuters21578.jsonl.gz into a fresh temporary index, with a cold
enrichment cache, and prints documents/second; `--json` prints one JSON object.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578.jsonl.gz"

from search import Store, indexer, open_index, run_search  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, help="index only the first N articles")
    ap.add_argument("--index", help="index directory (default: a temporary one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        src = REUTERS
        if args.limit:
            src = Path(tmp) / "reuters-sample.jsonl"
            with gzip.open(REUTERS, "rt") as fin, open(src, "w") as fout:
                for i, line in enumerate(fin):
                    if i >= args.limit:
                        break
                    fout.write(line)
        ix = Path(args.index) if args.index else Path(tmp) / "ix"
        started = time.perf_counter()
        result = indexer.run(Store(ix), [str(src)], full=True)
        seconds = time.perf_counter() - started
        hits = run_search(open_index(ix), "oil prices")
        out = {
            "articles": result["indexed"],
            "failed": len(result["failed"]),
            "seconds": round(seconds, 2),
            "docs_per_s": round(result["indexed"] / seconds, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "cores": os.cpu_count(),
            "oil_prices_total": hits.total,
        }
    if args.json:
        print(json.dumps(out))
    else:
        print(f"indexed {out['articles']} articles in {out['seconds']} s: {out['docs_per_s']} docs/s "
              f"(peak RSS {out['peak_rss_mb']} MB, {out['cores']} cores); 'oil prices' → {out['oil_prices_total']} hits")


if __name__ == "__main__":
    main()

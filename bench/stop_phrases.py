"""The cost of checking a quoted phrase's stop words (search/stop_phrases.py).

    python bench/stop_phrases.py INDEX_DIR [--repeat 5] [QUERY ...]

Runs each query (run_search, every facet, as the CLI does) with the check and with it
turned off (the phrase as the index holds it, without its stop words: the release before),
warm, and prints the median milliseconds of each, their ratio and the numbers of results.
"first" is a phrase's first search on a generation (each candidate's text read), "again"
the same search repeated (the answers kept with the searcher). Queries without a stop
word in a phrase take the same path either way.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import open_index, run_search, query as query_module  # noqa: E402

QUERIES = ['"rate of interest"', '"the bank of england"', '"out of"', '"bank of england" rates',
           '"rates of interest" OR "rate of inflation"', 'oil prices', '"crude oil"']


def timed(archive, q: str, repeat: int, first: bool = False) -> tuple[float, int]:
    run_search(archive, q)  # warm: term cache, analyzer memo
    times = []
    for _ in range(repeat):
        if first:
            for searcher in _searchers(archive):
                searcher.__dict__.pop("_stop_word_checks", None)
        t = time.perf_counter()
        r = run_search(archive, q)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, r.total


def _searchers(archive):
    _gen, searcher = archive.searcher()
    return [searcher] + [sub for sub, _ in searcher.subsearchers or []]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index")
    ap.add_argument("queries", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    archive = open_index(args.index)
    checked = query_module.checked
    print(f"{'query':45} {'first ms':>8} {'again ms':>8} {'unchecked':>9} {'ratios':>11}  results (unchecked)")
    for q in args.queries or QUERIES:
        query_module.checked = checked
        ms1, n = timed(archive, q, args.repeat, first=True)
        ms, _ = timed(archive, q, args.repeat)
        query_module.checked = lambda node, *_: node
        ms0, n0 = timed(archive, q, args.repeat)
        query_module.checked = checked
        print(f"{q:45} {ms1:8.1f} {ms:8.1f} {ms0:9.1f} {ms1 / ms0:5.2f} {ms / ms0:5.2f}  {n} ({n0})")


if __name__ == "__main__":
    main()

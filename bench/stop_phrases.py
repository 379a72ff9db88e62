"""The cost of checking a quoted phrase's stop words (search/stop_phrases.py).

    python bench/stop_phrases.py INDEX_DIR [--repeat 5] [QUERY ...]

Runs each query (run_search, every facet, as the CLI does) with the check and with it
turned off (the phrase as the index holds it, without its stop words: the release before),
warm, and prints the median milliseconds of each, their ratio and the numbers of results.
"first" is a phrase's first search on a generation (each candidate's text read), "again"
the same search repeated (the answers kept with the searcher). Queries without a stop
word in a phrase take the same path either way.

With --breakdown, where a first search's check goes, for each phrase it checks: its
candidates (the phrase's indexed words), the share of the corpus they are, and the time
reading their stored fields (decompressed, unpickled) and checking their texts
(stop_phrases.occurs), each as a ratio to the unchecked search, and the check's time with
its plain-word look (stop_phrases._plainly_not) against the same check without it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import open_index, run_search, query as query_module  # noqa: E402
from search import stop_phrases  # noqa: E402
from search.stop_phrases import occurs  # noqa: E402

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


def breakdown(archive, q: str, unchecked_ms: float) -> list[str]:
    """One line per checked phrase of `q`: candidates, and the stored-field reads' and the
    checks' time (ms, and ratio to `unchecked_ms`)."""
    gen, searcher = archive.searcher()
    lines = []
    for node in query_module._stop_word_nodes(query_module.read_query(q, gen)):
        ids = list(node.child.matcher(searcher).all_ids())
        analyzer = searcher.schema[node.fieldname].analyzer
        t = time.perf_counter()
        texts = [searcher.stored_fields(d).get(node.fieldname) or "" for d in ids]
        read = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        hits = sum(occurs(text, node.words, analyzer) for text in texts)
        check = (time.perf_counter() - t) * 1000
        quick, stop_phrases._plainly_not = stop_phrases._plainly_not, lambda *_: False  # the check before it
        t = time.perf_counter()
        hits_before = sum(occurs(text, node.words, analyzer) for text in texts)
        before = (time.perf_counter() - t) * 1000
        stop_phrases._plainly_not = quick
        chars = sum(map(len, texts))
        lines.append(f"  {node.fieldname}:{node.typed!r}: {len(ids)} candidates ({len(ids) / searcher.doc_count():.1%} of "
                     f"{searcher.doc_count()}), {hits} hold it, {chars / 1e6:.1f} M chars; read {read:.0f} ms "
                     f"({read / unchecked_ms:.1f}x unchecked), check {check:.0f} ms ({check / unchecked_ms:.1f}x); "
                     f"without the plain-word look {before:.0f} ms ({check / max(before, 1e-9):.2f} of it, "
                     f"{'same' if hits_before == hits else 'DIFFERENT'} answers)")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index")
    ap.add_argument("queries", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--breakdown", action="store_true", help="where each phrase's first check goes")
    args = ap.parse_intermixed_args()
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
        if args.breakdown:
            print("\n".join(breakdown(archive, q, ms0)))


if __name__ == "__main__":
    main()

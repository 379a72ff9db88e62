"""Boilerplate removal on the Dragnet dev pages: our cleaner vs trafilatura vs readability-lxml.

Data: ../shared/data/boilerplate-dev.jsonl.gz beside the checkout (never copied in).
Its `gold` field is the hand-corrected article text up to the Dragnet comments
separator line ("!@#$%^&*()  COMMENTS" and typo variants); the user comments after
it are in `gold_comments`. We score against `gold` only: comments count as
boilerplate, which is what our cleaner and trafilatura (include_comments=False)
are asked to drop.

Metric: bag of lowercase \\w+ tokens (multiset overlap). Precision is averaged over
pages where a system produced output, recall over all pages (no output = recall
0), F1 is the harmonic mean of the two means. Pages/second is wall time over the
pages, single process, the same pages for every system, in one run.

What each system outputs: trafilatura.extract(favor_precision=True,
include_comments=False) text; readability-lxml Document.summary() as text; ours
`clean_html(html, url)` as the record shows it: the title (unless derived from the
text's first sentence, which would count twice), the metadata lines it
lifted out of the text (byline/date lines, agency credit: reasons starting
"byline", "date prefix", "agency credit"), then the clean text. The gold (text
copied from the rendered page) usually holds the title and byline, and our record
keeps them as fields rather than in `text`. "ours (text only)" is printed too.

Timing: the systems take turns page by page, so a busy machine slows them alike.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "boilerplate-dev.jsonl.gz"
TOKEN = re.compile(r"\w+")
META_REASONS = ("byline", "date prefix", "agency credit")
SEPARATOR = "\x00"  # marks where the clean text starts in our output, for the text-only score


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text.lower()))


def load(path: Path, limit: int | None) -> list[dict]:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def systems() -> dict[str, Callable[[dict], str]]:
    import trafilatura
    from lxml import html as lxml_html
    from readability import Document

    from search.clean import clean_html

    def ours(row: dict) -> str:
        c = clean_html(row["html"], row.get("url"))
        lifted = [r["text"] for r in c.removed if r["reason"].startswith(META_REASONS)]
        # a title derived from the first sentence (no headline found) would count twice
        title = "" if c.text.startswith(c.title.rstrip("…")) else c.title
        return "\n\n".join([title, *lifted, SEPARATOR + c.text])

    def traf(row: dict) -> str:
        return trafilatura.extract(row["html"], url=row.get("url"), favor_precision=True,
                                   include_comments=False) or ""

    def readability(row: dict) -> str:
        summary = Document(row["html"]).summary()
        return lxml_html.fromstring(summary).text_content() if summary.strip() else ""

    return {"ours": ours, "trafilatura": traf, "readability": readability}


def score(outputs: list[str], rows: list[dict]) -> dict[str, float]:
    ps, rs = [], []
    for out, row in zip(outputs, rows):
        o, g = tokens(out), tokens(row["gold"])
        common = sum((o & g).values())
        if o:
            ps.append(common / sum(o.values()))
        rs.append(common / sum(g.values()) if g else 0.0)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pages_with_output": len(ps)}


def run(rows: list[dict]) -> dict[str, dict]:
    fns = systems()
    outputs: dict[str, list[str]] = {name: [] for name in fns}
    elapsed = dict.fromkeys(fns, 0.0)
    for row in rows:
        for name, fn in fns.items():
            start = time.perf_counter()
            try:
                out = fn(row)
            except Exception:  # a crash on one page counts as no output
                out = ""
            elapsed[name] += time.perf_counter() - start
            outputs[name].append(out)
    results: dict[str, dict] = {
        name: {**score(outputs[name], rows), "pages_per_second": len(rows) / elapsed[name]} for name in fns
    }
    results["ours (text only)"] = score([o.partition(SEPARATOR)[2] for o in outputs["ours"]], rows)
    results["speed_ratio_ours_vs_trafilatura"] = (
        results["ours"]["pages_per_second"] / results["trafilatura"]["pages_per_second"]
    )
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N pages only")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)
    rows = load(args.data, args.limit)
    results = run(rows)
    if args.json:
        print(json.dumps({"pages": len(rows), "data": str(args.data), **results}))
        return
    print(f"{len(rows)} pages from {args.data}")
    print(f"{'system':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pages/s':>8s}")
    for name, r in results.items():
        if isinstance(r, dict):
            pps = f"{r['pages_per_second']:8.1f}" if "pages_per_second" in r else f"{'':8s}"
            print(f"{name:18s} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {pps}")
    print(f"speed ratio ours/trafilatura: {results['speed_ratio_ours_vs_trafilatura']:.2f}")


if __name__ == "__main__":
    main()

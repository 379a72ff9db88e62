"""Listing pages (search/clean/listing.py) on the Dragnet dev pages, all of them articles: how
many the rule calls a list of links (each one an article lost, unless the cleaner had kept a
list of links of it anyway: its token precision and recall against the gold text are printed),
and what the test costs per page against the whole of clean_html, in one run.

Data: ../shared/data/boilerplate-dev.jsonl.gz beside the checkout (never copied in).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "boilerplate-dev.jsonl.gz"


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from search.clean import html as cleaner
    from search.clean import listing

    test = listing.is_listing
    spent = {"test": 0.0}

    def timed(*a):
        t = time.perf_counter()
        try:
            return test(*a)
        finally:
            spent["test"] += time.perf_counter() - t

    cleaner.is_listing = timed
    pages, flagged, total = 0, [], 0.0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            t = time.perf_counter()
            c = cleaner.clean_html(rec["html"], rec.get("url"))
            total += time.perf_counter() - t
            pages += 1
            if c.not_article:
                cleaner.is_listing = lambda *a: False  # what the page was indexed as without the rule
                kept = cleaner.clean_html(rec["html"], rec.get("url"))
                cleaner.is_listing = timed
                gold, out = _tokens(rec.get("gold") or ""), _tokens(kept.title + " " + kept.text)
                hit = sum((gold & out).values())
                flagged.append({"id": rec["id"], "precision": round(hit / max(1, sum(out.values())), 2),
                                "recall": round(hit / max(1, sum(gold.values())), 2)})
            if args.limit and pages >= args.limit:
                break
    result = {"pages": pages, "called_listings": len(flagged), "flagged": flagged,
              "test_share_of_clean_html": round(spent["test"] / total, 4)}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{pages} article pages, {len(flagged)} called a list of links; the test is "
          f"{result['test_share_of_clean_html']:.2%} of clean_html's time")
    for f in flagged:
        print(f"  {f['id']}: without the rule, precision {f['precision']:.2f}, recall {f['recall']:.2f}")


if __name__ == "__main__":
    main()

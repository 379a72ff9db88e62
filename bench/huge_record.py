"""One huge record through `index` and its document page: seconds per MB at several sizes.

    python bench/huge_record.py [--sizes 0.5 1 2 4] [--kind jsonl|txt|html] [--json]

A walkthrough indexed one JSON Lines record of 10 MB of prose: 3.5 minutes, and its /doc/ page
was 23 MB and took 10 s. Here a record (or a .txt or .html file) whose text is Reuters 1987
bodies joined by blank lines, cut at each size (millions of characters), is indexed into a
fresh index in this process (NEWSARCHIVE_WORKERS=1: the stages run here, one after the other,
and the run's own timings say which took what), then its /doc/ page, the page with ?q=oil and
its /api/doc/ twin, bare and with ?q=oil, are fetched through Flask's test client.

For each size it prints each stage's seconds per MB (scan: ingest and clean; templates;
enrich: language, spaCy, translation flags; entities: archive-wide resolution; diff; write:
Whoosh) and the pages' size and time. A stage whose cost grows with the size keeps its s/MB;
`ratio` is its s/MB at the largest size over that at the smallest (1.0: linear; a quadratic
stage doubles it with each doubling). The machine is shared: compare ratios within one run.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["NEWSARCHIVE_WORKERS"] = "1"  # serial, in this process: the run's timings are its stages'

from search import Store, indexer, open_index, run_search  # noqa: E402
from search.translation.corpora import REUTERS, read_jsonl  # noqa: E402

STAGES = ("scan", "templates", "enrich", "entities", "diff", "write")


def prose(size: int) -> str:
    """Reuters bodies as the archive holds them (hard-wrapped lines), blank lines between, cut at `size`."""
    out, n = [], 0
    for record in read_jsonl(REUTERS):
        out.append(record["body"])
        n += len(record["body"]) + 2
        if n >= size:
            break
    return "\n\n".join(out)[:size]


def write_record(folder: Path, kind: str, text: str) -> None:
    folder.mkdir(parents=True)
    if kind == "jsonl":
        record = {"id": "huge", "title": "Huge record", "text": text, "date": "1987-03-01"}
        (folder / "huge.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    elif kind == "txt":
        (folder / "huge.txt").write_text("Huge record\n\n" + text, encoding="utf-8")
    else:
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        (folder / "huge.html").write_text(f"<!doctype html><html lang=en><head><title>Huge record</title></head>"
                                          f"<body><article><h1>Huge record</h1>\n{body}\n</article></body></html>",
                                          encoding="utf-8")


def fetch(client, url: str) -> dict:
    t0 = time.perf_counter()
    r = client.get(url)
    return {"status": r.status_code, "mb": round(len(r.data) / 1e6, 2), "seconds": round(time.perf_counter() - t0, 2)}


def one_size(mb: float, kind: str, tmp: Path) -> dict:
    from web import create_app

    text = prose(int(mb * 1_000_000))
    src, ix = tmp / f"{mb}" / "news", tmp / f"{mb}" / "index"
    write_record(src, kind, text)
    cpu = time.process_time()
    result = indexer.run(Store(ix), [str(src)])
    cpu = time.process_time() - cpu
    doc_id = run_search(open_index(ix), "").hits[0].id
    client = create_app({"INDEX": str(ix)}).test_client()
    client.get("/api/stats")  # the archive opened before the clock starts
    from urllib.parse import quote

    path = quote(doc_id, safe="/")
    return {
        "mb": mb, "chars": len(text), "indexed": result["indexed"], "index_cpu_seconds": round(cpu, 2),
        "index_seconds": result["seconds"], "timings": {s: result["timings"].get(s, 0.0) for s in STAGES},
        "page": fetch(client, f"/doc/{path}"), "page_query": fetch(client, f"/doc/{path}?q=oil"),
        "api": fetch(client, f"/api/doc/{path}"), "api_query": fetch(client, f"/api/doc/{path}?q=oil"),
    }


def per_mb(row: dict, stage: str) -> float:
    value = row["index_cpu_seconds"] if stage == "index (CPU)" else row["timings"][stage]
    return value / row["mb"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4], help="MB of text (default 0.5 1 2 4)")
    ap.add_argument("--kind", choices=["jsonl", "txt", "html"], default="jsonl")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        one_size(0.002, args.kind, Path(tmp))  # spaCy and the tables load outside the timings
        for mb in args.sizes:
            rows.append(one_size(mb, args.kind, Path(tmp)))
            if not args.json:
                r = rows[-1]
                print(f"{mb:g} MB ({r['chars']:,} chars): index {r['index_seconds']:.1f} s, "
                      f"page {r['page']['mb']} MB {r['page']['seconds']} s, with ?q=oil {r['page_query']['seconds']} s, "
                      f"api {r['api']['mb']} MB {r['api']['seconds']} s, with ?q=oil {r['api_query']['seconds']} s", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    first, last = rows[0], rows[-1]
    print(f"\n{'s/MB':14s}" + "".join(f"{r['mb']:>9g}" for r in rows) + "    ratio")
    for stage in (*STAGES, "index (CPU)"):
        ratio = f"{per_mb(last, stage) / per_mb(first, stage):9.2f}" if per_mb(first, stage) else f"{'-':>9s}"
        print(f"{stage:14s}" + "".join(f"{per_mb(r, stage):9.3f}" for r in rows) + ratio)
    for page in ("page", "page_query", "api", "api_query"):
        ratio = (last[page]["seconds"] / last["mb"]) / max(first[page]["seconds"] / first["mb"], 1e-9)
        print(f"{page:14s}" + "".join(f"{r[page]['seconds'] / r['mb']:9.3f}" for r in rows) + f"{ratio:9.2f}")


if __name__ == "__main__":
    main()

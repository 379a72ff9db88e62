"""How a story travelled (search.stories): are the versions found, and nothing else?

The archive: WMT21 mt-dev (../shared/data/mt-dev.jsonl.gz, 178 English news documents:
for each of 41 Russian documents, its human translation and up to ten machine
translations, plus 56 original English documents), first line as the title, mixed into the
first N Reuters-21578 articles (default 4,000) as the background a real archive has. It is
indexed once through `search.indexer` (or `--index DIR` reuses one).

Printed:
- mt-dev, every ordered pair of documents: pairs of versions of one Russian document (the
  ground truth) found as "copy", "translation" or "rewrite", found only as "related", or
  missed, and those labelled "rewrite" (all are translations); pairs of documents of
  different stories labelled one of the first three (errors) or "related";
- mt-dev pages: the pairs listed on one page of the two, or on both with two similarities (0 and 0);
- Reuters, a seeded sample of articles: the share that has any version, by relation, and
  the pairs among its dividend and payout notices labelled as one report (one formula,
  other companies: each such pair is listed, to read);
- the cost: story_versions per article, p50/p95, and its ratio to one search for the
  article's title in the same run (the document page pays both).

Run: .venv/bin/python bench/stories.py [--reuters N] [--sample N] [--index DIR] [--json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
NOTICE = re.compile(r"DIVIDEND|PAYOUT|QTLY DIV|SETS QUARTERLY")


def _build(workdir: Path, reuters: int) -> Path:
    from search import Store, indexer

    src = workdir / "src"
    (src / "mtdev").mkdir(parents=True)
    (src / "reuters").mkdir()
    with gzip.open(DATA / "mt-dev.jsonl.gz", "rt") as fin, open(src / "mtdev" / "mtdev.jsonl", "w") as fout:
        for line in fin:
            r = json.loads(line)
            title, _, body = r["text"].partition("\n")
            fout.write(json.dumps({"id": r["id"], "title": title, "text": body}) + "\n")
    with gzip.open(DATA / "reuters21578.jsonl.gz", "rt") as fin, open(src / "reuters" / "reuters.jsonl", "w") as fout:
        for n, line in enumerate(fin):
            if n >= reuters:
                break
            fout.write(line)
    ix = workdir / "index"
    t = time.perf_counter()
    result = indexer.run(Store(ix), [str(src / "mtdev"), str(src / "reuters")])
    print(f"indexed {result['indexed']} articles in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return ix


def symmetry(listed: dict[str, dict[str, float]]) -> tuple[int, int]:
    """Among the pages looked up (`listed`: page -> {listed id: similarity}), the pairs
    listed on one page of the two, and those listed on both with two similarities: a reader
    going from one article to the other and back sees each pair alike (9d71fdb), both 0."""
    one_sided = sum(1 for i, got in listed.items() for j in got if j in listed and i not in listed[j])
    two_figures = sum(1 for i, got in listed.items() for j, sim in got.items()
                      if i < j and i in listed.get(j, {}) and listed[j][i] != sim)
    return one_sided, two_figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reuters", type=int, default=4000, help="Reuters articles in the archive")
    ap.add_argument("--sample", type=int, default=600, help="Reuters articles whose versions are looked up")
    ap.add_argument("--index", help="reuse this index (built by an earlier run with the same --reuters)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from search import open_index, run_search
    from search.stories import SAME_REPORT, story_versions

    tmp = None
    if args.index and (Path(args.index) / "CURRENT").exists():
        ix = Path(args.index)
    elif args.index and (Path(args.index) / "index" / "CURRENT").exists():  # the DIR an earlier run built into
        ix = Path(args.index) / "index"
    else:
        tmp = tempfile.TemporaryDirectory(prefix="stories-")
        ix = _build(Path(args.index) if args.index else Path(tmp.name), args.reuters)
    archive = open_index(ix)
    _, searcher = archive.searcher()
    docs = {f["id"]: f.get("title") or "" for f in searcher.all_stored_fields()}

    rows = {}
    with gzip.open(DATA / "mt-dev.jsonl.gz", "rt") as fh:
        for line in fh:
            r = json.loads(line)
            rows[f"mtdev/mtdev.jsonl#{r['id']}"] = r["wmt_docid"] if r["kind"] != "original-english" else r["id"]
    mt = [i for i in rows if i in docs]

    times, search_times = [], []

    def versions(doc_id: str) -> list[dict]:
        t = time.perf_counter()
        out = story_versions(archive, doc_id) or []
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        words = re.findall(r"\w{3,}", docs[doc_id])[:8]
        if words:
            run_search(archive, " ".join(words))
            search_times.append(time.perf_counter() - t)
        return out

    pairs = Counter()
    listed: dict[str, dict[str, float]] = {}
    for i in mt:
        got = versions(i)
        listed[i] = {v["id"]: v["similarity"] for v in got}
        found = {v["id"]: v["relation"] for v in got}
        for j in mt:
            if j == i:
                continue
            same = rows[j] == rows[i]
            rel = found.get(j)
            if same:
                pairs["same_found" if rel in SAME_REPORT else "same_related" if rel == "related" else "same_missed"] += 1
                pairs["same_as_rewrite"] += rel == "rewrite"  # every pair is two translations of one text
            elif rel in SAME_REPORT:
                pairs["cross_version"] += 1
            elif rel == "related":
                pairs["cross_related"] += 1
        pairs["to_reuters_version"] += sum(1 for j, rel in found.items() if j not in rows and rel in SAME_REPORT)

    one_sided, two_figures = symmetry(listed)
    reuters = [i for i in docs if i.startswith("reuters/")]
    sample = random.Random(7).sample(reuters, min(args.sample, len(reuters)))
    rel_counts, with_any = Counter(), 0
    for i in sample:
        vs = versions(i)
        with_any += bool(vs)
        rel_counts.update(v["relation"] for v in vs)
    notices = [i for i in reuters if NOTICE.search(docs[i])]
    notice_pairs = []
    for i in notices:
        for v in story_versions(archive, i) or []:
            if v["relation"] in SAME_REPORT and i < v["id"]:
                notice_pairs.append((v["similarity"], v["relation"], docs[i], v["title"]))

    import numpy as np

    same_total = pairs["same_found"] + pairs["same_related"] + pairs["same_missed"]
    out = {
        "articles": len(docs),
        "mt_dev_version_pairs": same_total,
        "mt_dev_found": pairs["same_found"],
        "mt_dev_found_related_only": pairs["same_related"],
        "mt_dev_found_as_rewrite": pairs["same_as_rewrite"],
        "mt_dev_missed": pairs["same_missed"],
        "mt_dev_recall": round(pairs["same_found"] / same_total, 4) if same_total else None,
        "mt_dev_cross_story_versions": pairs["cross_version"],
        "mt_dev_cross_story_related": pairs["cross_related"],
        "mt_dev_reuters_versions": pairs["to_reuters_version"],
        "mt_dev_one_sided_pairs": one_sided,
        "mt_dev_pairs_with_two_figures": two_figures,
        "reuters_sample": len(sample),
        "reuters_with_versions": with_any,
        "reuters_relations": dict(rel_counts),
        "notices": len(notices),
        "notice_version_pairs": len(notice_pairs),
        "p50_ms": round(float(np.percentile(times, 50)) * 1000, 2),
        "p95_ms": round(float(np.percentile(times, 95)) * 1000, 2),
        "search_p50_ms": round(float(np.percentile(search_times, 50)) * 1000, 2),
        "ratio_to_search_p50": round(float(np.percentile(times, 50) / np.percentile(search_times, 50)), 2),
    }
    if args.json:
        print(json.dumps(out))
    else:
        print(f"archive: {out['articles']} articles (mt-dev {len(mt)}, Reuters {len(reuters)})")
        print(f"mt-dev pairs of versions of one document: {same_total}; found {out['mt_dev_found']} "
              f"(recall {out['mt_dev_recall']}), only as related {out['mt_dev_found_related_only']}, missed {out['mt_dev_missed']}, "
              f"called rewrites (not translations) {out['mt_dev_found_as_rewrite']}")
        print(f"mt-dev pairs across stories: labelled as one report {out['mt_dev_cross_story_versions']}, "
              f"related {out['mt_dev_cross_story_related']}; mt-dev -> Reuters as one report {out['mt_dev_reuters_versions']}")
        print(f"mt-dev pages: pairs listed on one page of the two {one_sided}, "
              f"listed on both with two similarities {two_figures} (both 0: each page lists its pairs alike)")
        print(f"Reuters sample {len(sample)}: {with_any} with any version ({with_any / max(1, len(sample)):.1%}); {dict(rel_counts)}")
        print(f"Reuters dividend/payout notices {len(notices)}: {len(notice_pairs)} pairs labelled as one report")
        for p in sorted(notice_pairs, reverse=True):
            print(f"  {p[0]:.3f} {p[1]:<8} {p[2][:50]} | {p[3][:50]}")
        print(f"story_versions: p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms; "
              f"{out['ratio_to_search_p50']} x one title search (p50 {out['search_p50_ms']} ms)")
    archive.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()

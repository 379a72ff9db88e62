"""The nightly reindex (issue 6): what a night costs compared with reading the archive
and with a full build.

Builds a benchmark archive in a work directory by splitting
../shared/data/reuters21578.jsonl.gz into JSON Lines files (default 100 files of about
190 articles; the data is never copied into the repository), indexes it once with a
cold enrichment cache (the full build, timed), then measures:

- a no-op `reindex` against reading and SHA-1 hashing every source file
  (`noop_ratio`, goal <= 1.5);
- a `reindex` after changing 1% of the articles (a few files rewritten, each change new
  text so the enrichment cache cannot have it) against the full build
  (`change_ratio`), with the archive-wide passes reported apart: the cross-document
  template pass (`templates_s`) and entity resolution (`entities_s`);
  `change_ratio_without_passes` is the figure for the goal (<= 0.05);

then puts the original files back and reindexes, so the index can be reused:
`--workdir DIR` keeps the archive, the index and the full-build time between runs (a
full build with NER takes minutes); `--index DIR` puts the index elsewhere.
A reused index built by other pipeline code (clean, entities, translation...) is rebuilt.
NEWSARCHIVE_REUTERS overrides the path of the Reuters file. `--json` prints one JSON object.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578.jsonl.gz"
REUTERS = Path(os.environ.get("NEWSARCHIVE_REUTERS") or REUTERS)

from search import Store, indexer, open_index, run_search  # noqa: E402


def split_archive(archive: Path, files: int, limit: int | None) -> int:
    """Write the Reuters records into `files` JSON Lines files of equal size."""
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    if limit:
        lines = lines[:limit]
    tmp = archive.with_name(archive.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    per = -(-len(lines) // files)
    for k in range(files):
        chunk = lines[k * per:(k + 1) * per]
        if chunk:
            (tmp / f"reuters-{k:03d}.jsonl").write_text("".join(chunk), encoding="utf-8")
    tmp.rename(archive)
    return len(lines)


def read_and_hash(archive: Path) -> float:
    """The floor for any reindex: read every source file and hash its bytes."""
    t = time.perf_counter()
    for f in sorted(archive.rglob("*")):
        if f.is_file():
            hashlib.sha1(f.read_bytes()).hexdigest()
    return time.perf_counter() - t


def change_articles(archive: Path, fraction: float, total: int) -> tuple[dict[Path, str], int]:
    """Append a new sentence to the body of `fraction` of the articles, taking whole
    runs of lines from a few files spread over the archive. Returns the originals."""
    want = max(1, round(total * fraction))
    files = sorted(archive.glob("*.jsonl"))
    nfiles = max(1, min(len(files), 4))
    per_file = -(-want // nfiles)
    nonce = uuid.uuid4().hex[:8]  # new text on every run: never an enrichment cache hit
    originals: dict[Path, str] = {}
    changed = 0
    for f in files[:: max(1, len(files) // nfiles)][:nfiles]:
        text = f.read_text(encoding="utf-8")
        originals[f] = text
        out = []
        here = 0
        for line in text.splitlines(keepends=True):
            if changed < want and here < per_file and line.strip():
                rec = json.loads(line)
                rec["body"] = (rec.get("body") or "") + f"\n    Correction {nonce}: the figures above were revised on Monday."
                out.append(json.dumps(rec, ensure_ascii=False) + "\n")
                changed += 1
                here += 1
            else:
                out.append(line)
        f.write_text("".join(out), encoding="utf-8")
    return originals, changed


def _same_code(store: Store) -> bool:
    from search.fingerprints import stage1_fingerprint, stage2_fingerprint

    try:
        manifest = json.loads((store.current_dir() / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    return manifest.get("code") == [stage1_fingerprint(), stage2_fingerprint()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", help="keep the archive, index and full-build time here (default: a temporary directory)")
    ap.add_argument("--index", help="index directory (default: WORKDIR/index)")
    ap.add_argument("--files", type=int, default=100, help="JSON Lines files to split the archive into (default 100)")
    ap.add_argument("--limit", type=int, help="use only the first N Reuters articles (a quick run)")
    ap.add_argument("--fraction", type=float, default=0.01, help="share of the articles to change (default 0.01)")
    ap.add_argument("--repeat", type=int, default=3, help="no-op timings to take the best of (default 3)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    tmpdir = None
    if args.workdir:
        work = Path(args.workdir)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmpdir = tempfile.TemporaryDirectory(prefix="bench-reindex-")
        work = Path(tmpdir.name)
    try:
        out = measure(work, Path(args.index) if args.index else work / "index", args)
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()
    if args.json:
        print(json.dumps(out))
        return
    print(f"archive: {out['articles']} articles in {out['files']} files; full build {out['full_build_s']} s")
    print(f"no-op reindex {out['noop_s']} s vs read+hash {out['read_hash_s']} s: ratio {out['noop_ratio']} (goal <= 1.5)")
    print(f"1% reindex ({out['changed']} changed) {out['change_s']} s vs full build: ratio {out['change_ratio']}; "
          f"template pass {out['templates_s']} s, entity resolution {out['entities_s']} s; "
          f"without them {out['change_ratio_without_passes']} (goal <= 0.05)")
    print(f"stages of the 1% reindex: {out['change_timings']}")


def measure(work: Path, ix: Path, args) -> dict:
    archive = work / "archive"
    if not archive.is_dir():
        split_archive(archive, args.files, args.limit)
    files = sorted(archive.glob("*.jsonl"))
    total = sum(1 for f in files for line in f.open(encoding="utf-8") if line.strip())
    store = Store(ix)
    build_file = work / "full-build.json"
    reused = store.current_name() is not None and build_file.exists() and _same_code(store)
    if not reused:  # no index yet, or one built by other pipeline code: its full-build time says nothing
        shutil.rmtree(ix, ignore_errors=True)  # a cold enrichment cache: a real full build
        t = time.perf_counter()
        result = indexer.run(store, [str(archive)])
        build = {"seconds": round(time.perf_counter() - t, 2), "indexed": result["indexed"], "timings": result.get("timings")}
        build_file.write_text(json.dumps(build))
    build = json.loads(build_file.read_text())
    indexer.run(store, None)  # bring the index in line with the files (a previous run may have died)

    read_hash = min(read_and_hash(archive) for _ in range(args.repeat))
    noops = []
    for _ in range(args.repeat):
        gen = store.current_name()
        t = time.perf_counter()
        r = indexer.run(store, None)
        noops.append(time.perf_counter() - t)
        assert store.current_name() == gen and r["unchanged"] == total, r
    noop = min(noops)

    originals, n_changed = change_articles(archive, args.fraction, total)
    try:
        t = time.perf_counter()
        r = indexer.run(store, None)
        change = time.perf_counter() - t
        assert r["changed"] == n_changed, (r["changed"], n_changed)
        hits = run_search(open_index(ix), "Correction").total
    finally:
        for f, text in originals.items():
            f.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    restore = indexer.run(store, None)  # stage 2 of the originals is cached: cheap
    restore_s = time.perf_counter() - t

    tm = r.get("timings") or {}
    passes = tm.get("templates", 0.0) + tm.get("entities", 0.0)
    return {
        "articles": total,
        "files": len(files),
        "full_build_s": build["seconds"],
        "full_build_reused": reused,
        "read_hash_s": round(read_hash, 3),
        "noop_s": round(noop, 3),
        "noop_ratio": round(noop / read_hash, 2),
        "changed": r["changed"],
        "changed_search_hits": hits,
        "change_s": round(change, 2),
        "change_ratio": round(change / build["seconds"], 4),
        "templates_s": tm.get("templates"),
        "entities_s": tm.get("entities"),
        "change_ratio_without_passes": round((change - passes) / build["seconds"], 4),
        "change_timings": tm,
        "restore_s": round(restore_s, 2),
        "restore_changed": restore["changed"],
    }


if __name__ == "__main__":
    main()

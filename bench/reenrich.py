"""What a user's reindex costs after a release that changes only cheap stage-2 code (the
translation detector): a full build of the first N Reuters articles with a cold cache,
then `reindex` after one comment is added to search/translation/__init__.py, as a new
release would change it. The code under test is a copy of this checkout's search/ in a
temporary directory (the checkout is never edited); both runs are `newsarchive` processes
(`python -m search.cli`, the default worker count).

Prints the two wall times and their ratio (`reindex_over_build`), the same for CPU time
(the commands' processes and their workers: `cpu_reindex_over_build`, which other load on
the machine does not change), what the reindex reports (its
enrichment counts) and the bytes an article the NER model's cached output takes
(`model_cache_bytes_per_article`). NEWSARCHIVE_REUTERS overrides the path of the Reuters file.
Run: .venv/bin/python bench/reenrich.py [--limit 2000] [--json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = Path(os.environ.get("NEWSARCHIVE_REUTERS") or ROOT.parent / "shared" / "data" / "reuters21578.jsonl.gz")


def _cli(code: Path, *args: str) -> tuple[float, float, dict]:
    """Wall and CPU seconds (the command's process and its workers) of one command, and its JSON."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    t, cpu = time.monotonic(), _children_cpu()
    out = subprocess.run([sys.executable, "-m", "search.cli", *args, "--json"], env=env, cwd=code,
                         capture_output=True, text=True, check=True)
    return time.monotonic() - t, _children_cpu() - cpu, json.loads(out.stdout)


def _children_cpu() -> float:
    """CPU seconds of the finished child processes and theirs: the figure that other load on
    the machine does not change (wall time does)."""
    import resource

    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _first_articles(n: int, folder: Path) -> None:
    """The first `n` Reuters records, as one JSON Lines file in `folder`."""
    folder.mkdir()
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fin:
        lines = [line for _, line in zip(range(n), fin)]
    (folder / "reuters.jsonl").write_text("".join(lines), encoding="utf-8")


def _model_bytes(cache: Path) -> int | None:
    """Bytes of the cache's NER model outputs (keys and data; SQLite's pages add a little),
    None for a cache without them (the release before)."""
    import sqlite3

    con = sqlite3.connect(cache)
    try:
        return con.execute("SELECT sum(length(key) + length(data)) FROM model").fetchone()[0]
    except sqlite3.OperationalError:
        return None
    finally:
        con.close()


def measure(limit: int) -> dict:
    """The build and the reindex of the first `limit` Reuters articles, as the script prints them."""
    with tempfile.TemporaryDirectory() as tmp:
        code, news, ix = Path(tmp) / "code", Path(tmp) / "news", str(Path(tmp) / "ix")
        shutil.copytree(ROOT / "search", code / "search", ignore=shutil.ignore_patterns("__pycache__"))
        _first_articles(limit, news)
        build_s, build_cpu, build = _cli(code, "index", str(news), "--index", ix)
        model_bytes = _model_bytes(Path(ix) / "cache.sqlite")
        with open(code / "search" / "translation" / "__init__.py", "a", encoding="utf-8") as fh:
            fh.write("# a new release's translation detector\n")
        reindex_s, reindex_cpu, reindex = _cli(code, "reindex", "--index", ix)
    keys = ("indexed", "unchanged", "rewritten", "enriched", "reenriched", "reenriched_why")
    return {"articles": build["indexed"], "build_s": round(build_s, 1), "reindex_s": round(reindex_s, 1),
            "reindex_over_build": round(reindex_s / build_s, 3),
            "build_cpu_s": round(build_cpu, 1), "reindex_cpu_s": round(reindex_cpu, 1),
            "cpu_reindex_over_build": round(reindex_cpu / build_cpu, 3),
            "model_cache_bytes_per_article": round(model_bytes / build["indexed"]) if model_bytes is not None else None,
            "reindex": {k: reindex[k] for k in keys if k in reindex},
            "timings_s": {"build": build["timings"], "reindex": reindex["timings"]}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=2000, help="the first N Reuters articles (default 2000)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = measure(args.limit)
    if args.json:
        print(json.dumps(out))
        return
    print(f"{out['articles']} Reuters articles: full build {out['build_s']} s, reindex after a translation-only "
          f"change {out['reindex_s']} s: ratio {out['reindex_over_build']}; CPU {out['build_cpu_s']} s and "
          f"{out['reindex_cpu_s']} s: ratio {out['cpu_reindex_over_build']}")
    print("  the NER model's output in the cache:", out["model_cache_bytes_per_article"], "bytes an article")
    print("  reindex reports:", json.dumps(out["reindex"]))
    print("  stages (s):", json.dumps(out["timings_s"]))


if __name__ == "__main__":
    main()

"""Web serving under load: `newsarchive serve` on the Reuters index, 8 concurrent clients.

1. The index: `--index DIR` reuses DIR when it already holds an index, else builds
   ../shared/data/reuters21578.jsonl.gz into it with `newsarchive index` (NER included:
   minutes). Without `--index`, a temporary directory is built and removed afterwards.
2. The server: `newsarchive serve` as a subprocess (waitress, its default 8 threads) on a
   free 127.0.0.1 port; the bench waits for /healthz.
3. The load: `--clients` threads (default 8), each with its own keep-alive HTTP/1.1
   connection, for `--seconds` (default 60) of a seeded query mix drawn from the index
   itself (its top entity, place and year values): result pages with and without
   facet filters, OR within a facet and AND across, sorts, later pages, phrase and
   prefix queries, document pages, JSON twins, facet pages. Loopback only; every request
   has a 30 s timeout and the run a hard deadline.
4. Figures: requests/second, p50/p95/p99/max latency (ms) overall and per kind, errors
   (a status other than 200, or a failed connection), and the server's memory: peak
   resident set (VmHWM, from /proc/<pid>/status) and, sampled every 0.5 s during the
   load, the peaks of RssAnon (heap), RssFile (mapped index files: clean page cache,
   counted once per mapping), PSS and private memory (/proc/<pid>/smaps_rollup: PSS
   counts a page shared by several mappings once). Goal: 0 errors, p95 under 300 ms,
   server RSS under 1 GB (issue #7).
   The app's page cache (web/cache.py) answers repeats of a URL on the same index
   generation; the mix repeats, so `--page-cache-mb 0` measures the uncached cost.

Run: .venv/bin/python bench/web.py [--index DIR] [--seconds 60] [--clients 8] [--json]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "reuters21578.jsonl.gz"
HOST = "127.0.0.1"
WORDS = [
    "oil", "trade", "bank", "coffee", "dollar", "grain", "wheat", "merger", "profit", "tariff", "japan",
    "opec", "shares", "gold", "crude", "sugar", "interest", "debt", "earnings", "acquisition", "deficit",
    "exports", "imports", "yen", "stake", "dividend", "loan", "inflation", "corn", "soybeans", "copper",
]
PHRASES = ['"interest rates"', '"trade deficit"', '"crude oil"', '"central bank"', '"stock split"']
PREFIXES = ["petro*", "export*", "bank*", "acqui*", "inflat*"]
BOOLEAN = ["oil AND opec", "coffee OR cocoa", "bank NOT japan", "title:gold", "(wheat OR corn) AND exports"]


def _newsarchive() -> list[str]:
    exe = Path(sys.executable).with_name("newsarchive")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "search.cli"]


def ensure_index(path: Path | None, data: Path) -> tuple[Path, bool]:
    """An index of `data` at `path` (reused when present); True when it is temporary."""
    temporary = path is None
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="newsarchive-bench-web-")) / "index"
    if (path / "CURRENT").exists():
        return path, temporary
    print(f"bench/web: indexing {data} into {path} (NER included: this takes minutes)", file=sys.stderr)
    t0 = time.time()
    subprocess.run([*_newsarchive(), "index", str(data), "--index", str(path), "--json"], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"bench/web: indexed in {time.time() - t0:.0f} s", file=sys.stderr)
    return path, temporary


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(index: Path, port: int, threads: int, cache_mb: float | None) -> subprocess.Popen:
    env = dict(os.environ)
    if cache_mb is not None:
        env["NEWSARCHIVE_PAGE_CACHE_MB"] = str(cache_mb)
    # The server's log goes to a file, never to a pipe nobody reads while the load runs: once
    # 64 KB of waitress's "Task queue depth" warnings filled such a pipe, the server's event
    # loop blocked writing the next one and every connection stalled (30 s client timeouts
    # with 4 threads, where the queue is deeper and the warnings more frequent).
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen(
        [*_newsarchive(), "serve", "--index", str(index), "--host", HOST, "--port", str(port), "--threads", str(threads)],
        stdout=subprocess.DEVNULL, stderr=log, text=True, env=env,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"server exited: {log.read()}")
        try:
            status, _ = get(http.client.HTTPConnection(HOST, port, timeout=5), "/healthz")
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not answer /healthz within 120 s")


def get(conn: http.client.HTTPConnection, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    resp = conn.getresponse()
    if headers is not None:
        headers["cache"] = resp.getheader("X-Cache")
    return resp.status, resp.read()


def build_mix(port: int, seed: int, n: int = 4000) -> list[tuple[str, str]]:
    """(kind, path) requests drawn from the index's own facet values and hits."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    _, body = get(conn, "/api/search?per_page=50")
    browse = json.loads(body)
    # an entity value as its facet link carries it (its id), the others as they are
    top = {f: [v.get("id", v["value"]) for v in browse["facets"].get(f, [])[:40]] for f in ("person", "organization", "location", "year", "source")}
    doc_ids = [h["id"] for h in browse["hits"]]
    for w in WORDS[:8]:
        _, body = get(conn, "/api/search?" + urlencode({"q": w, "per_page": 20}))
        doc_ids += [h["id"] for h in json.loads(body)["hits"]]
    conn.close()
    rng = random.Random(seed)

    def facet_pair():
        f = rng.choice([f for f in ("person", "organization", "location") if top[f]] or ["source"])
        return f, rng.choice(top[f])

    kinds = [
        ("query", 30), ("query+facet", 18), ("facet-or+and", 6), ("browse+facet", 8), ("sort", 5), ("page", 5),
        ("phrase/prefix/boolean", 8), ("doc", 10), ("api", 6), ("facet-page", 2), ("entities", 1), ("browse", 1),
    ]
    names, weights = zip(*kinds)
    mix = []
    for _ in range(n):
        kind = rng.choices(names, weights)[0]
        q = rng.choice(WORDS)
        if kind == "query":
            path = "/search?" + urlencode({"q": q})
        elif kind == "query+facet":
            f, v = facet_pair()
            path = "/search?" + urlencode({"q": q, f: v})
        elif kind == "facet-or+and":
            f, v = facet_pair()
            f2, v2 = facet_pair()
            params = [("q", q), (f, v), (f2, v2)]
            if top["year"]:
                params.append(("year", rng.choice(top["year"])))
            path = "/search?" + urlencode(params)
        elif kind == "browse+facet":
            f, v = facet_pair()
            path = "/search?" + urlencode({f: v})
        elif kind == "sort":
            path = "/search?" + urlencode({"q": q, "sort": rng.choice(["newest", "oldest"])})
        elif kind == "page":
            path = "/search?" + urlencode({"q": q, "page": rng.randint(2, 5)})
        elif kind == "phrase/prefix/boolean":
            path = "/search?" + urlencode({"q": rng.choice(PHRASES + PREFIXES + BOOLEAN)})
        elif kind == "doc":
            path = "/doc/" + quote(rng.choice(doc_ids), safe="/")
        elif kind == "api":
            f, v = facet_pair()
            path = "/api/search?" + urlencode({"q": q, f: v})
        elif kind == "facet-page":
            path = f"/facet/{rng.choice(['person', 'organization', 'location'])}?" + urlencode({"q": q})
        elif kind == "entities":
            path = "/entities?" + urlencode({"type": rng.choice(["person", "organization", "location"])})
        else:
            path = "/"
        mix.append((kind, path))
    return mix


def load(port: int, mix: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    stop_at = time.perf_counter() + seconds
    lock = threading.Lock()
    samples: list[tuple[str, float]] = []
    errors: list[str] = []
    cache_hits = [0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        j = i * (len(mix) // clients)
        while time.perf_counter() < stop_at:
            kind, path = mix[j % len(mix)]
            j += 1
            t0 = time.perf_counter()
            seen: dict = {}
            try:
                status, _ = get(conn, path, seen)
            except (OSError, http.client.HTTPException) as exc:
                status = f"{type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            dt = time.perf_counter() - t0
            with lock:
                samples.append((kind, dt))
                cache_hits[0] += seen.get("cache") == "hit"
                if status != 200:
                    errors.append(f"{status} {path}")
        conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    wall = time.perf_counter() - t0
    return {"samples": samples, "errors": errors, "wall": wall, "cache_hits": cache_hits[0]}


def pct(values: list[float], p: float) -> float:
    """The p-th percentile, interpolated between ranks (NumPy's default; bench/scale.py too)."""
    import numpy as np

    return float(np.percentile(values, p)) if len(values) else 0.0


def memory_mb(pid: int) -> dict[str, float]:
    """The server's memory now, in MB: from /proc/<pid>/status VmHWM (peak resident set),
    VmRSS, RssAnon (heap), RssFile (mapped index files: clean page cache, counted once per
    mapping) and RssShmem; from /proc/<pid>/smaps_rollup Pss (each page divided by the
    number of mappings sharing it, so an index file mapped twice counts once) and
    Private_Clean + Private_Dirty (what this process alone holds)."""
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(":")[0]
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
                out[key] = round(int(line.split()[1]) / 1024, 1)
        rollup = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                rollup[parts[0].rstrip(":")] = int(parts[1])
        for key in ("Pss", "Pss_Anon", "Pss_File"):
            if key in rollup:
                out[key] = round(rollup[key] / 1024, 1)
        out["Private"] = round((rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)) / 1024, 1)
    except OSError:
        pass
    return out


class MemorySampler(threading.Thread):
    """Samples memory_mb(pid) every `interval` s; `peak` holds each figure's maximum."""

    def __init__(self, pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak: dict[str, float] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def sample(self) -> None:
        for k, v in memory_mb(self.pid).items():
            self.peak[k] = max(v, self.peak.get(k, 0.0))

    def stop(self) -> dict[str, float]:
        self._stop_event.set()
        self.join(timeout=5)
        self.sample()
        return self.peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, help="index directory: reused if it holds an index, else built there")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--threads", type=int, default=8, help="waitress threads (the serve default)")
    ap.add_argument("--seed", type=int, default=1987)
    ap.add_argument("--page-cache-mb", type=float, default=None, help="the server's page cache (0: off; default: the app's)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.seconds <= 3600:
        ap.error("--clients 1..64, --seconds 1..3600")

    index, temporary = ensure_index(args.index, args.data)
    port = free_port()
    proc = start_server(index, port, args.threads, args.page_cache_mb)
    try:
        mix = build_mix(port, args.seed)
        load(port, mix[:200], args.clients, min(5.0, args.seconds))  # warm-up: caches, first searchers per thread
        sampler = MemorySampler(proc.pid)
        sampler.start()
        run = load(port, mix, args.clients, args.seconds)
        memory = memory_mb(proc.pid)
        peak = sampler.stop()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if temporary:
            shutil.rmtree(index.parent, ignore_errors=True)

    lat = [dt * 1000 for _, dt in run["samples"]]
    by_kind: dict[str, list[float]] = {}
    for kind, dt in run["samples"]:
        by_kind.setdefault(kind, []).append(dt * 1000)
    with open(index / "CURRENT") if index.exists() else open(os.devnull) as fh:
        generation = fh.read().strip() or None
    out = {
        "index": str(index) if not temporary else None,
        "generation": generation,
        "clients": args.clients,
        "seconds": round(run["wall"], 1),
        "requests": len(lat),
        "requests_per_second": round(len(lat) / run["wall"], 1) if run["wall"] else 0.0,
        "p50_ms": round(pct(lat, 50), 1),
        "p95_ms": round(pct(lat, 95), 1),
        "p99_ms": round(pct(lat, 99), 1),
        "max_ms": round(max(lat), 1) if lat else 0.0,
        "errors": len(run["errors"]),
        "error_examples": run["errors"][:5],
        "server_peak_rss_mb": memory.get("VmHWM"),
        "server_peak_pss_mb": peak.get("Pss"),
        "server_memory_mb": memory,
        "server_memory_peak_mb": peak,
        "page_cache_mb": args.page_cache_mb,
        "page_cache_hit_ratio": round(run["cache_hits"] / len(lat), 3) if lat else 0.0,
        "per_kind": {k: {"n": len(v), "p50_ms": round(pct(v, 50), 1), "p95_ms": round(pct(v, 95), 1)}
                     for k, v in sorted(by_kind.items())},
        "goal": {"errors": 0, "p95_ms": 300},
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"{out['requests']} requests in {out['seconds']} s from {args.clients} clients: "
          f"{out['requests_per_second']} req/s")
    print(f"latency p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, p99 {out['p99_ms']} ms, max {out['max_ms']} ms "
          f"(goal p95 < 300 ms)")
    print(f"errors {out['errors']}" + (f": {', '.join(out['error_examples'])}" if out["errors"] else ""))
    print(f"server peak memory: RSS (VmHWM) {memory.get('VmHWM')} MB, PSS {peak.get('Pss')} MB "
          f"(sampled every 0.5 s: RssAnon {peak.get('RssAnon')} MB, RssFile {peak.get('RssFile')} MB, "
          f"private {peak.get('Private')} MB); page cache hits {out['page_cache_hit_ratio']:.0%}")
    for k, v in out["per_kind"].items():
        print(f"  {k:24s} n={v['n']:6d}  p50 {v['p50_ms']:7.1f} ms  p95 {v['p95_ms']:7.1f} ms")


if __name__ == "__main__":
    main()

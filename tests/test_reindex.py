"""The nightly reindex (issue 6), in process: counts, new state, the no-op fast path,
only new text enriched, a failed run (disk full) repaired, the live generation never
written to, the run log in stats and /healthz.

Every test works on a small archive of short text files in a temporary directory. The
enrichment cache is primed once per session (`primed_index`), so that most runs here
and in test_reindex_crash.py need no NER: the cache is keyed by content, so a primed
cache gives the same results as computing them.
"""
from __future__ import annotations

import atexit
import errno
import functools
import hashlib
import json
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from search import Store, indexer, open_index, run_search, stats
from search.cli import cli

N = 30  # files in state A


CARGO = ["grain", "cocoa", "timber", "cement", "fuel oil", "rice", "sugar", "copper", "cotton", "coffee", "steel", "fertiliser"]
VERB = ["loaded", "unloaded", "took on", "discharged", "waited for", "turned away", "weighed", "inspected"]
WHO = ["the harbour master", "a union spokesman", "port officials", "the shipping agent", "customs officers", "the pilots"]
DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def story(i: int, extra: str = "") -> str:
    """A short article whose lines do not recur across the archive (else the template pass
    would rightly strip them as boilerplate); Tema<i> names it in searches."""
    rnd = random.Random(i)
    cargo, cargo2 = rnd.sample(CARGO, 2)
    return (f"{cargo.capitalize()} at Tema{i}\n\n"
            f"Ships {rnd.choice(VERB)} {cargo} at the harbour of Tema{i} on {rnd.choice(DAY)}, {rnd.choice(WHO)} said. "
            f"Dockers {rnd.choice(VERB)} {cargo2} through the night to clear a backlog of {rnd.randint(3, 90)} vessels.{extra}\n")


NEW = "Kestrel sighted over the harbour\n\nA kestrel nested on the crane at berth nine, port officials said on Tuesday.\n"
CHANGED = story(5, " The osprey count rose as well.")


def write_state_a(src: Path) -> None:
    src.mkdir(parents=True, exist_ok=True)
    for i in range(N):
        (src / f"{i:03d}.txt").write_text(story(i))


def apply_state_b(src: Path) -> None:
    """Add one file, change one, delete one."""
    (src / "030.txt").write_text(NEW)
    (src / "005.txt").write_text(CHANGED)
    (src / "007.txt").unlink()


@functools.lru_cache(maxsize=None)
def _primed_cache() -> Path:
    """cache.sqlite holding the enrichments of states A and B (built once per session).
    Outside any test's tmp_path, so removed at exit: it used to stay in /tmp, one per run."""
    tmp = Path(tempfile.mkdtemp(prefix="reindex-prime-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    src = tmp / "news"
    write_state_a(src)
    store = Store(tmp / "ix")
    indexer.run(store, [str(src)])
    apply_state_b(src)
    indexer.run(store, None)
    return store.path / "cache.sqlite"


def make_index(tmp_path: Path) -> tuple[Path, Store]:
    """Archive in state A at tmp_path/news, indexed into tmp_path/ix from the primed cache."""
    src = tmp_path / "news"  # the same root name everywhere: the same ids
    write_state_a(src)
    store = Store(tmp_path / "ix")
    store.path.mkdir(parents=True)
    shutil.copy(_primed_cache(), store.path / "cache.sqlite")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (N, []), r
    return src, store


@pytest.fixture
def primed(tmp_path):
    return make_index(tmp_path)


def stored_docs(path: Path) -> dict[str, tuple[str, str]]:
    """id -> (title, text) of every live document of the published index at `path`."""
    archive = open_index(path)
    _, searcher = archive.searcher()
    return {d["id"]: (d["title"], d["text"]) for d in searcher.documents()}


def gen_files(gen: Path) -> dict[str, tuple[int, str]]:
    return {f.name: (f.stat().st_ino, hashlib.sha1(f.read_bytes()).hexdigest()) for f in gen.iterdir() if f.is_file()}


def cache_rows(store: Store) -> tuple[int, int]:
    con = sqlite3.connect(store.path / "cache.sqlite")
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("stage1", "stage2"))
    finally:
        con.close()


def test_add_change_delete_counts_and_new_state(tmp_path):
    # Fresh texts (not in the primed cache): this run must enrich exactly two articles.
    src, store = make_index(tmp_path)
    before = cache_rows(store)
    (src / "031.txt").write_text("Cormorant colony grows\n\nA cormorant colony on the breakwater doubled this year, wardens said.\n")
    (src / "004.txt").write_text(story(4, " A heron was ringed at the quay."))
    (src / "009.txt").unlink()
    r = indexer.run(store, None)
    assert {k: r[k] for k in ("added", "changed", "removed", "unchanged")} == \
        {"added": 1, "changed": 1, "removed": 1, "unchanged": N - 2}
    assert r["failed"] == [] and isinstance(r["seconds"], float)
    assert cache_rows(store) == (before[0] + 2, before[1] + 2), "only the new and the changed text are processed"
    archive = open_index(store.path)
    assert run_search(archive, "").total == N
    assert [h.id for h in run_search(archive, "cormorant").hits] == ["news/031.txt"]
    assert [h.id for h in run_search(archive, "heron").hits] == ["news/004.txt"]
    assert run_search(archive, "Tema9").total == 0
    assert run_search(archive, "Tema4").total == 1  # the changed article, once
    docs = stored_docs(store.path)
    assert sorted(docs) == sorted(f"news/{p.name}" for p in src.iterdir())


def test_a_file_deleted_before_an_index_run_goes_at_the_next_reindex(primed):
    """QA: `index` without --prune keeps a deleted file's article and saved the scan of the files
    as they were, so every later `reindex` found them unchanged and skipped the scan that removes
    it: 0 removed, night after night, until another file changed."""
    src, store = primed
    (src / "009.txt").unlink()
    r = indexer.run(store, [str(src)])
    assert r["removed"] == 0 and run_search(open_index(store.path), "Tema9").total == 1  # kept: no --prune
    r = indexer.run(store, None)
    assert r["removed"] == 1 and run_search(open_index(store.path), "Tema9").total == 0
    assert indexer.run(store, None)["removed"] == 0  # and the night after, a no-op again
    assert sorted(stored_docs(store.path)) == sorted(f"news/{p.name}" for p in src.iterdir())


def test_summary_json_and_run_log(primed):
    src, store = primed
    apply_state_b(src)
    r = indexer.run(store, None)
    assert {k: r[k] for k in ("added", "changed", "removed", "unchanged")} == \
        {"added": 1, "changed": 1, "removed": 1, "unchanged": N - 2}
    assert set(r) >= {"added", "changed", "removed", "unchanged", "failed", "seconds", "generation", "timings"}
    assert set(r["timings"]) >= {"scan", "templates", "enrich", "entities", "write", "publish"}
    last = store.runs()[-1]
    assert (last["command"], last["added"], last["changed"], last["removed"], last["failed"]) == ("reindex", 1, 1, 1, 0)
    assert stats(open_index(store.path))["runs"][-1]["generation"] == r["generation"]

    from click.testing import CliRunner

    from search.cli import cli

    out = CliRunner().invoke(cli, ["stats", "--index", str(store.path), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["runs"][-1]["finished"] == last["finished"]
    try:
        from web import create_app
    except Exception:  # pragma: no cover - the web layer is optional here
        pytest.skip("web app not importable")
    h = create_app({"INDEX": str(store.path)}).test_client().get("/healthz").get_json()
    assert h["runs"][-1]["generation"] == r["generation"] and h["last_reindex"] == last["finished"]


def test_noop_reindex_parses_nothing_and_publishes_nothing(primed, monkeypatch):
    src, store = primed
    live = store.current_name()
    first = indexer.run(store, None)  # a slow no-op would do too; the fast path needs scan.json
    assert first["generation"] == live

    def no_parsing(*a, **k):
        raise AssertionError("a no-op reindex must not read articles")

    monkeypatch.setattr(indexer.ingest, "read_path", no_parsing)
    r = indexer.run(store, None)
    assert (r["unchanged"], r["added"], r["changed"], r["removed"], r["generation"]) == (N, 0, 0, 0, live)
    assert store.generations()[-1] == live
    monkeypatch.undo()
    # Touching a file without changing its bytes is still a no-op; changing one byte is not.
    (src / "003.txt").write_text(story(3))
    monkeypatch.setattr(indexer.ingest, "read_path", no_parsing)
    assert indexer.run(store, None)["generation"] == live
    monkeypatch.undo()
    (src / "003.txt").write_text(story(3) + " ")
    r = indexer.run(store, None)
    assert r["changed"] == 1 and r["generation"] != live


def test_skipped_inputs_are_reported_again_by_a_noop_run(primed):
    src, store = primed
    (src / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    r = indexer.run(store, None)
    assert [f["path"] for f in r["failed"]] == [str(src / "broken.txt")]
    again = indexer.run(store, None)
    # marked as skipped by the run before too (a plain `reindex` counts them)
    assert again["failed"] == [{**f, "again": True} for f in r["failed"]] and again["unchanged"] == N


def test_reindex_never_writes_to_the_live_generation(primed):
    """The new generation starts as hard links to the live one's Whoosh files: nothing the
    run writes (catalog, manifest, entities, facets, Whoosh lock) may reach them."""
    src, store = primed
    live = store.current_dir()
    before = gen_files(live)
    apply_state_b(src)
    r = indexer.run(store, None)
    assert r["generation"] != live.name
    assert gen_files(live) == before
    new = store.current_dir()
    shared = {n for n, (ino, _) in gen_files(new).items() if before.get(n, (None,))[0] == ino}
    assert shared and all(n.startswith("MAIN_") and n != "MAIN_WRITELOCK" for n in shared), shared


def test_disk_full_leaves_live_index_and_is_repaired(primed, monkeypatch):
    src, store = primed
    live = store.current_name()
    old_docs = stored_docs(store.path)
    apply_state_b(src)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(indexer.Catalog, "upsert", full)  # after the Whoosh commit, before publish
    with pytest.raises(OSError):
        indexer.run(store, None)
    monkeypatch.undo()
    assert store.current_name() == live and store.generations() == [live]
    assert stored_docs(store.path) == old_docs
    assert "No space left" in store.runs()[-1]["error"]
    r = indexer.run(store, None)
    assert (r["added"], r["changed"], r["removed"]) == (1, 1, 1)
    assert "recovered" not in r  # the failed run cleaned up after itself
    assert len(stored_docs(store.path)) == N


def test_full_reindex_equals_incremental(primed, tmp_path):
    src, store = primed
    apply_state_b(src)
    indexer.run(store, None)
    other = Store(tmp_path / "full")
    other.path.mkdir()
    shutil.copy(store.path / "cache.sqlite", other.path / "cache.sqlite")
    indexer.run(other, [str(src)])
    full = indexer.run(other, None, full=True)
    assert full["generation"] != other.generations()[0]
    assert (full["added"], full["changed"], full["removed"], full["unchanged"]) == (0, 0, 0, N)
    assert stored_docs(other.path) == stored_docs(store.path)


def test_full_reindex_counts_what_changed_since_the_index_it_replaces(primed):
    """A full rebuild starts from an empty generation, yet its summary compares with the
    index it replaces (it used to call every article new and none removed)."""
    src, store = primed
    apply_state_b(src)
    r = indexer.run(store, None, full=True)
    assert {k: r[k] for k in ("added", "changed", "removed", "unchanged")} == \
        {"added": 1, "changed": 1, "removed": 1, "unchanged": N - 2}
    assert r["full"] is True
    assert sorted(stored_docs(store.path)) == sorted(f"news/{p.name}" for p in src.iterdir())


def test_a_file_that_cannot_be_read_keeps_its_article(primed):
    """Only a file that is gone is a deletion: one that is there but unreadable this time
    (an I/O error, here a dangling link; bytes that no longer decode) keeps its article,
    and the skipped line says so."""
    src, store = primed
    before = stored_docs(store.path)
    f = src / "004.txt"
    f.unlink()
    f.symlink_to(src / "no-such-target.txt")
    for full, damage in ((False, None), (True, b"\xff\xfe\x00\x00\x01\x02garbage")):
        if damage:
            f.unlink()
            f.write_bytes(damage)
        r = indexer.run(store, None, full=full)
        assert r["removed"] == 0 and stored_docs(store.path) == before
        assert [Path(x["path"]).name for x in r["failed"]] == ["004.txt"]
        assert r["failed"][0]["reason"].endswith("(kept as last indexed: 1 article)"), r["failed"]
    f.unlink()
    r = indexer.run(store, None)
    assert (r["removed"], r["failed"]) == (1, []) and "news/004.txt" not in stored_docs(store.path)


def test_a_broken_link_is_reported_as_one_naming_its_target_whatever_its_name(tmp_path, monkeypatch):
    """Review: a link to a file that is gone was "unsupported file type (none)" when its name
    has no suffix, and "cannot read: No such file or directory" as a.html: neither said that
    the link is broken, nor where it points. Its articles are kept, as a file that cannot be
    read keeps them."""
    from click.testing import CliRunner

    from search.cli import cli

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src, away = tmp_path / "news", tmp_path / "away"
    src.mkdir()
    away.mkdir()
    (away / "page.html").write_text(f"<html><body><h1>Tema1</h1><p>{story(1)}</p></body></html>")
    (src / "a.html").symlink_to(away / "page.html")
    (src / "000.txt").write_text(story(0))
    ix = tmp_path / "ix"

    def index():
        r = CliRunner().invoke(cli, ["index", str(src), "--index", str(ix), "--json"], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        out = json.loads(r.output)
        return out, {Path(f["path"]).name: f["reason"] for f in out["failed"]}

    out, reasons = index()
    assert out["indexed"] == 2 and reasons == {}
    (away / "page.html").unlink()  # a.html now points at nothing
    (src / "latest").symlink_to(away / "feed.jsonl")  # and a link with no suffix, to a file never there
    (src / "old.jsonl").symlink_to("latest")  # a link to that link
    out, reasons = index()
    gone = f"a broken link: its file {away / 'page.html'} is not there"
    assert reasons["a.html"] == f"{gone} (kept as last indexed: 1 article)", reasons
    assert reasons["latest"] == reasons["old.jsonl"] == f"a broken link: its file {away / 'feed.jsonl'} is not there"
    assert out["removed"] == 0 and "news/a.html" in stored_docs(ix)


def test_a_link_that_loops_is_a_skipped_file_not_a_stopped_run(primed, tmp_path):
    """`ln -s 004.txt 004.txt` (or two links naming each other) stopped every run with "internal
    error: RuntimeError: Symlink loop": the night's edits and deletions were never applied."""
    src, store = primed
    before = stored_docs(store.path)
    f = src / "004.txt"
    f.unlink()
    f.symlink_to("004.txt")
    (src / "x").symlink_to("y.txt")
    (src / "y.txt").symlink_to("x")
    (src / "001.txt").unlink()  # and a real deletion, applied in the same run
    r = indexer.run(store, None)
    assert r["removed"] == 1 and "news/001.txt" not in stored_docs(store.path), r
    assert set(stored_docs(store.path)) == set(before) - {"news/001.txt"}  # 004's article kept
    reasons = {Path(x["path"]).name: x["reason"] for x in r["failed"]}
    assert reasons["004.txt"].startswith("cannot read: Too many levels of symbolic links"), reasons
    assert reasons["004.txt"].endswith("(kept as last indexed: 1 article)") and "y.txt" in reasons, reasons
    r = indexer.run(store, [str(src / "y.txt")])  # given by name: reported, nothing else happens
    assert r["failed"] == [{"path": str(src / "y.txt"), "reason": "cannot read: Too many levels of symbolic links "
                            "(a link that loops) (not added to the sources)"}], r["failed"]
    # a dangling link given by name is reported as the link, naming the file that is not there
    (src / "gone.html").symlink_to(tmp_path / "moved.html")
    r = indexer.run(store, [str(src / "gone.html")])
    assert r["failed"] == [{"path": str(src / "gone.html"), "reason": f"a broken link: its file "
                            f"{tmp_path / 'moved.html'} is not there (not added to the sources)"}], r["failed"]


def _warc_record(url: str, body: bytes, status: str = "200 OK") -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def _jsonl(records: list) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_a_deleted_record_goes_even_when_its_file_has_a_bad_line(tmp_path, monkeypatch):
    """A bad JSON line, an HTTP error page or a duplicate in a file kept every article deleted
    from that file indexed ("0 removed"), for as long as the line stayed: a retracted article
    stayed searchable. Only what could not be read is kept: the rest of a file cut off at a
    line, or the record on a line that no longer parses (its content is unknown)."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": f"r{i}", "title": f"Tema{i}", "text": story(i)} for i in range(6)]
    feed = src / "wire.jsonl"
    feed.write_text(_jsonl(recs + ["not json", recs[0]]))  # a bad line and a duplicate id
    pages = [_warc_record(f"https://example.org/{i}", f"<html><body><p>{story(10 + i)}</p></body></html>".encode())
             for i in range(3)]
    crawl = src / "crawl.warc"
    crawl.write_bytes(pages[0] + _warc_record("https://example.org/gone", b"<p>Not found</p>", "404 Not Found")
                      + pages[1] + pages[2])
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert r["added"] == 9 and len(r["failed"]) == 3, r
    ids = lambda: {i.rsplit("/", 1)[-1] for i in stored_docs(store.path)}  # noqa: E731
    assert {"r1", "r3", "example.org/1"} <= ids() or {"r1", "r3"} <= {i.split("#")[-1] for i in stored_docs(store.path)}

    feed.write_text(_jsonl([recs[0], recs[2], recs[4], recs[5], "not json", recs[0]]))  # r1 and r3 retracted
    crawl.write_bytes(pages[0] + _warc_record("https://example.org/gone", b"<p>Not found</p>", "404 Not Found") + pages[2])
    r = indexer.run(store, None)
    assert r["removed"] == 3 and len(r["failed"]) == 3, r
    docs = stored_docs(store.path)
    assert run_search(open_index(store.path), "Tema1").total == 0 and run_search(open_index(store.path), "Tema3").total == 0
    assert run_search(open_index(store.path), "Tema11").total == 0  # the page dropped from the crawl
    assert run_search(open_index(store.path), "Tema12").total == 1 and len(docs) == 6
    # r2 moved from line 3 to line 2 unchanged: its link and line are those of now (a report
    # named line 3 and the link ended in #3 until a full reindex)
    from search import get_document
    r2 = get_document(open_index(store.path), next(i for i in docs if i.endswith("r2")))
    assert r2["url"].endswith("wire.jsonl#2"), r2["url"]
    lines = feed.read_text().splitlines()
    feed.write_text("\n".join([lines[1], lines[0], *lines[2:]]) + "\n")  # two records swapped, nothing else
    r = indexer.run(store, None)
    assert (r["added"], r["changed"], r["removed"]) == (0, 0, 0) and r["generation"] != "gen-000002", r
    # the two are stored again and the run says so: "0 changed" and a merge dropping deleted
    # copies of "updated" documents read as a contradiction
    assert r["moved"] == 2 and r["unchanged"] == 6, r
    r2 = get_document(open_index(store.path), next(i for i in docs if i.endswith("r2")))
    assert r2["url"].endswith("wire.jsonl#1"), r2["url"]
    feed.write_text("\n".join(lines) + "\n")
    indexer.run(store, None)

    # a record that stops parsing in place is kept as last indexed, its neighbours are not
    lines = feed.read_text().splitlines()
    lines[1] = lines[1][:-5]  # r2, cut
    lines[3] = "{}"  # r5 replaced by an object that is no article
    feed.write_text("\n".join(lines) + "\n")
    r = indexer.run(store, None)
    assert run_search(open_index(store.path), "Tema2").total == 1, r  # its line is unreadable: kept
    assert run_search(open_index(store.path), "Tema5").total == 1, r  # no article on its line: kept too
    assert r["removed"] == 0, r


def test_a_file_cut_off_keeps_the_articles_after_the_cut(tmp_path, monkeypatch):
    """A gzip file cut off at a line: the records before the cut were read (a deleted one
    goes), those after it were not (kept as last indexed)."""
    import gzip

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": f"r{i}", "title": f"Tema{i}", "text": story(i) * 40} for i in range(8)]
    feed = src / "wire.jsonl.gz"
    feed.write_bytes(gzip.compress(_jsonl(recs).encode()))
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 8
    data = gzip.compress(_jsonl(recs[:2] + recs[3:]).encode(), compresslevel=0)  # r2 deleted
    feed.write_bytes(data[: len(data) * 2 // 3])  # and the file cut off two thirds in
    r = indexer.run(store, None)
    assert any("truncated or corrupt gzip" in f["reason"] for f in r["failed"]), r
    found = {i: run_search(open_index(store.path), f"Tema{i}").total for i in range(8)}
    assert found == {0: 1, 1: 1, 2: 0, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1}, (found, r)
    assert r["removed"] == 1


def _second_source(store: Store, tmp_path: Path) -> Path:
    wire = tmp_path / "wire"
    wire.mkdir()
    (wire / "kestrel.txt").write_text(NEW)
    indexer.run(store, [str(wire)])
    return wire


def test_a_missing_source_loses_nothing_even_in_a_full_rebuild(primed, tmp_path):
    """An unmounted source keeps its articles ("source is missing: its documents are kept"),
    also when the run rebuilds the index from scratch (`reindex --full`, or a schema upgrade)."""
    src, store = primed
    wire = _second_source(store, tmp_path)
    before = stored_docs(store.path)
    assert len(before) == N + 1
    wire.rename(tmp_path / "wire-unmounted")
    for full in (False, True, False):
        r = indexer.run(store, None, full=full)
        assert [f["path"] for f in r["failed"] if "missing" in f["reason"]] == [str(wire)], r["failed"]
        assert stored_docs(store.path) == before
        assert run_search(open_index(store.path), "kestrel").total == 1
        assert stats(open_index(store.path))["documents"] == N + 1
    (tmp_path / "wire-unmounted").rename(wire)
    (wire / "kestrel.txt").unlink()
    r = indexer.run(store, None)
    assert r["removed"] == 1 and run_search(open_index(store.path), "kestrel").total == 0


def test_articles_of_a_missing_source_survive_a_cleaner_upgrade(primed, tmp_path, monkeypatch):
    """After an upgrade that changes the cleaner, the cache no longer holds the clean text
    of an article whose source is missing, and it cannot be cleaned again without its file:
    it is kept as indexed until the source is back (the nightly run used to crash on it, and
    a full rebuild to drop it)."""
    src, store = primed
    wire = _second_source(store, tmp_path)
    before = stored_docs(store.path)
    facets = run_search(open_index(store.path), "kestrel").facets
    wire.rename(tmp_path / "wire-unmounted")
    # the stage-1 code fingerprint changes, as with a new release of the cleaner
    monkeypatch.setattr(indexer, "STAGE1_CODE", (*indexer.STAGE1_CODE, "facets"))
    for full in (False, True, False):
        r = indexer.run(store, None, full=full)
        assert [f["path"] for f in r["failed"] if "missing" in f["reason"]] == [str(wire)]
        assert stored_docs(store.path) == before
        archive = open_index(store.path)
        assert run_search(archive, "kestrel").facets == facets
        assert stats(open_index(store.path))["documents"] == N + 1
    (tmp_path / "wire-unmounted").rename(wire)
    r = indexer.run(store, None)
    assert r["failed"] == [] and stored_docs(store.path) == before


def test_only_changed_files_are_read(primed, monkeypatch):
    src, store = primed
    indexer.run(store, None)  # scan.json for the live generation
    read: list[str] = []
    real = indexer.ingest.reader_for

    def spy(f):
        reader = real(f)
        return lambda path, **kw: (read.append(Path(path).name), (yield from reader(path, **kw)))[1]

    monkeypatch.setattr(indexer.ingest, "reader_for", spy)
    apply_state_b(src)
    r = indexer.run(store, None)
    assert (r["added"], r["changed"], r["removed"], r["unchanged"]) == (1, 1, 1, N - 2)
    assert sorted(read) == ["005.txt", "030.txt"], "unchanged files are not read again"
    assert sorted(stored_docs(store.path)) == sorted(f"news/{p.name}" for p in src.iterdir())


def test_lost_cache_is_rebuilt_not_trusted(primed, tmp_path):
    """Without its enrichment cache a reindex reads and processes everything again and
    still ends with the same documents as a fresh build."""
    src, store = primed
    indexer.run(store, None)
    (store.path / "cache.sqlite").unlink()
    apply_state_b(src)
    r = indexer.run(store, None)
    assert (r["added"], r["removed"], r["changed"] + r["unchanged"]) == (1, 1, N - 1)
    other = Store(tmp_path / "fresh")
    other.path.mkdir()
    shutil.copy(_primed_cache(), other.path / "cache.sqlite")
    indexer.run(other, [str(src)])
    assert stored_docs(store.path) == stored_docs(other.path)


def test_read_path_substitute_skips_exactly_the_substituted_files(tmp_path):
    """The indexer passes ingest.read_path a `substitute` that stands in for unchanged
    files: those files are not read, every other file is read as usual."""
    from conftest import SEEDS

    from search import ingest

    src = tmp_path / "mixed"
    shutil.copytree(SEEDS, src / "seeds")
    (src / "sub").mkdir()
    (src / "sub" / "a.jsonl").write_text('{"title": "T", "text": "Body one."}\nnot json\n{"id": 7, "body": "Body two."}\n')
    (src / "sub" / "notes.bin").write_bytes(b"\x00\x01")
    plain = list(ingest.read_path(src))
    seen = []

    def substitute(f):
        seen.append(f.name)
        return ["stand-in", f.name] if f.parent.name == "seeds" else None

    items = list(ingest.read_path(src, substitute))
    assert sorted(seen) == sorted(f.name for f in ingest.iter_files(src))
    stand_ins = [x for x in items if isinstance(x, list)]
    assert sorted(x[1] for x in stand_ins) == sorted(p.name for p in SEEDS.glob("*.txt"))
    rest = [x.to_dict() for x in items if not isinstance(x, list)]
    assert rest == [x.to_dict() for x in plain if "/seeds/" not in (x.path or "")]


def test_deleted_documents_are_purged_once_they_pile_up(primed):
    """Whoosh keeps an updated document's old copy, deleted, in its segment; night after
    night they would pile up. Past indexer.MAX_DELETED of the stored documents the run
    merges the segments, and searching sees the same live documents."""
    from whoosh import index as whoosh_index

    src, store = primed
    stored, purged = [], []
    for night in range(3):  # 6 of the 30 articles change each night
        for i in range(night * 6, night * 6 + 6):
            (src / f"{i:03d}.txt").write_text(story(i, f" Night {night}: the dredger returned."))
        purged.append(indexer.run(store, None)["purged"])
        ix = whoosh_index.open_dir(str(store.current_dir()))
        assert ix.doc_count() == N
        stored.append(ix.doc_count_all())
    # night 0: 6 deleted of 36 stored (17%): kept; night 1: 12 of 42 (29%): merged away;
    # night 2: 6 of 36 again
    assert purged == [0, 12, 0]
    assert stored == [N + 6, N, N + 6]
    archive = open_index(store.path)
    assert run_search(archive, "dredger").total == 18
    assert run_search(archive, "").total == N
    assert sorted(stored_docs(store.path)) == sorted(f"news/{p.name}" for p in src.iterdir())


def test_index_written_with_an_older_schema_is_rebuilt(seeds_index, tmp_path):
    """Whoosh keeps analysing with the schema pickled in an index. An index written by an older
    release (here: Whoosh's stock StemmingAnalyzer, before accents were folded) would go on
    filing articles the old way under incremental runs; the nightly reindex notices the other
    schema and rebuilds from every source, after which "Cisse" finds "Cissé" again."""
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.qparser import QueryParser

    from search.schema import build_schema, same_schema

    path = tmp_path / "index"
    shutil.copytree(seeds_index, path)  # its enrichment cache too: no NER in this test
    store = Store(path)
    live = str(store.current_dir())
    with whoosh_index.open_dir(live).searcher() as s:
        stored = list(s.documents())
    old = build_schema()
    for name in ("title", "text"):
        old[name].analyzer = StemmingAnalyzer()
    assert not same_schema(old, build_schema())
    ix = whoosh_index.create_in(live, old)  # replaces the generation's Whoosh files
    with ix.writer() as w:
        for doc in stored:
            w.add_document(**doc)
    with ix.searcher() as s:  # the old analyzer: the plain spelling misses the accented name
        assert len(s.search(QueryParser("text", ix.schema).parse("Cisse"))) == 0

    result = indexer.run(store, None)
    assert result.get("schema_upgraded") is True
    assert (result["indexed"], result["unchanged"], result["full"]) == (0, len(stored), True)  # as the index it replaced
    assert len(stored) == 5 and store.current_dir() != Path(live)
    assert same_schema(whoosh_index.open_dir(str(store.current_dir())).schema, build_schema())
    archive = open_index(path)
    assert run_search(archive, "Cisse").total == 1
    assert run_search(archive, "").total == 5
    again = indexer.run(store, None)  # now current: the next night's run is the usual no-op
    assert "schema_upgraded" not in again and again["indexed"] == 0


def test_same_schema_tells_analyzers_and_fields_apart():
    from whoosh import fields

    from search.schema import build_schema, same_schema

    assert same_schema(build_schema(), build_schema())  # Schema's own == says False here
    more = build_schema()
    more.add("extra", fields.ID(stored=True))
    assert not same_schema(more, build_schema())
    unstored = build_schema()
    unstored["text"].stored = False
    assert not same_schema(unstored, build_schema())


def _damage_segment(gen: Path) -> None:
    seg = next(gen.glob("*.seg"))
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 3])


@pytest.mark.parametrize("damage", [
    _damage_segment,
    lambda gen: (gen / "facets.npz").write_bytes(b"garbage"),
    lambda gen: (gen / "entities.json").write_text('{"entities": ['),
    # Whoosh's table of contents gone: the generation held no index by Whoosh's test, so the
    # damage check passed it over and every nightly run reported "N unchanged" (helper review)
    lambda gen: [toc.unlink() for toc in gen.glob("_MAIN_*.toc")],
    # the manifest garbled: its size checks were skipped in silence (read as {}), and a JSON
    # list made `stats` and /healthz internal errors
    lambda gen: (gen / "manifest.json").write_text("garbage"),
    lambda gen: (gen / "manifest.json").write_text("[]"),
])
def test_a_damaged_index_is_reported_and_the_next_run_rebuilds_it(primed, damage):
    """A damaged live generation was an internal error for every search (exit 1), and a
    plain reindex copied it forward ("N unchanged") for ever. Now it is 'unreadable' (exit 3,
    HTTP 503) with what to do, and the next index or reindex rebuilds it."""
    from search import IndexUnreadable

    src, store = primed
    before = stored_docs(store.path)
    damage(store.current_dir())
    with pytest.raises(IndexUnreadable, match="reindex --full"):
        open_index(store.path)
    r = indexer.run(store, None)
    assert r["repaired"] and r["full"] and r["unchanged"] == N and r["failed"] == []
    assert stored_docs(store.path) == before
    assert run_search(open_index(store.path), "Tema3").total == 1
    assert "repaired" not in indexer.run(store, None)


def test_a_damaged_list_of_documents_or_cache_is_rebuilt_by_the_next_run(primed):
    """A garbled catalog.sqlite (the live generation's list of documents) or cache.sqlite (the
    enrichment cache) failed every index run that had work to do, `reindex --full` too for the
    cache, with "internal error: DatabaseError: file is not a database"."""
    src, store = primed
    before = stored_docs(store.path)
    (store.current_dir() / "catalog.sqlite").write_bytes(b"garbage" * 100)
    assert run_search(open_index(store.path), "Tema3").total == 1  # searching never needs it
    apply_state_b(src)
    r = indexer.run(store, None)
    assert r["repaired"].startswith("DatabaseError") and r["full"] and r["failed"] == [], r
    assert len(stored_docs(store.path)) == len(before)
    assert "repaired" not in indexer.run(store, None)

    (store.path / "cache.sqlite").write_bytes(b"garbage" * 100)
    (src / "001.txt").write_text(NEW.replace("Kestrel", "Harrier").replace("kestrel", "harrier"))
    r = indexer.run(store, None)
    assert r["cache_reset"].startswith("DatabaseError") and (r["added"], r["removed"], r["failed"]) == (0, 0, []), r
    assert run_search(open_index(store.path), "harrier").total == 1
    assert "cache_reset" not in indexer.run(store, None, full=True)


def _garble_last_page(db: Path, table: str) -> int:
    """Garbage over the last page of `table` in the SQLite file `db`; that page's number."""
    con = sqlite3.connect(db)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        last = con.execute("SELECT max(pageno) FROM dbstat WHERE name = ?", (table,)).fetchone()[0]
    finally:
        con.close()
    with open(db, "r+b") as fh:
        fh.seek((last - 1) * page_size)
        fh.write(b"\xffgarbage" * (page_size // 8))
    return last


def test_a_catalog_damaged_past_its_first_page_is_rebuilt_by_the_next_run(primed):
    """QA: garbage over the last page of catalog.sqlite passed the damage check, which reads
    the first, and every run with work to do failed, "internal error: DatabaseError: database
    disk image is malformed" (exit 1), until a `reindex --full`: the nightly job never healed."""
    src, store = primed
    before = stored_docs(store.path)
    assert _garble_last_page(store.current_dir() / "catalog.sqlite", "docs") > 2  # a leaf other than the first
    assert indexer.run(store, None)["generation"] == store.current_name()  # nothing to do: no need of it
    apply_state_b(src)
    r = indexer.run(store, None)
    assert r["repaired"].startswith("catalog.sqlite: DatabaseError") and r["full"] and r["failed"] == [], r
    assert len(stored_docs(store.path)) == len(before)
    assert run_search(open_index(store.path), "Tema3").total == 1
    assert "repaired" not in indexer.run(store, None)


def test_a_cache_damaged_past_what_opening_it_reads_is_started_afresh(primed):
    """QA: garbage over a later page of cache.sqlite passed the check made on opening it, and
    every run that read the page failed, `reindex --full` too, "internal error: DatabaseError:
    database disk image is malformed" (exit 1), until someone deleted the file by hand. The
    cache only saves work: the run is done again with a fresh one, and says so."""
    src, store = primed
    before = stored_docs(store.path)
    _garble_last_page(store.path / "cache.sqlite", "stage1")
    r = indexer.run(store, None, full=True)
    assert r["cache_reset"].startswith("DatabaseError") and r["failed"] == [], r
    assert (r["added"], r["changed"], r["removed"]) == (0, 0, 0), r
    assert stored_docs(store.path) == before
    assert cache_rows(store) == (N, N)  # filled again
    assert "cache_reset" not in indexer.run(store, None, full=True)


def test_a_damaged_spelling_file_is_unreadable_and_the_next_run_rebuilds_it(primed):
    """The "did you mean" vocabulary, garbled: every search needing a suggestion was an
    internal error (exit 1) and a reindex copied the file forward ("unchanged")."""
    from search import IndexUnreadable

    src, store = primed
    (store.current_dir() / "spelling.json").write_text("garbage{")
    with pytest.raises(IndexUnreadable, match="spelling.json is damaged"):
        run_search(open_index(store.path), "tema3x")
    r = indexer.run(store, None)
    assert r["repaired"] and r["failed"] == []
    res = run_search(open_index(store.path), "tema3x")
    assert res.total == 0 and res.suggestion is not None


def test_a_damaged_list_of_sources_is_an_unreadable_index(primed):
    from click.testing import CliRunner

    from search import IndexUnreadable
    from search.cli import cli

    src, store = primed
    (store.path / "sources.json").write_text("garbage")
    for cmd in (["stats"], ["reindex"]):
        r = CliRunner().invoke(cli, [*cmd, "--index", str(store.path)])
        assert r.exit_code == 3 and "sources.json is damaged" in r.output and "internal error" not in r.output, cmd
    (store.path / "source_names.json").write_text('["a list"]')
    with pytest.raises(IndexUnreadable, match="source_names.json is damaged"):
        store.source_names()


def test_current_naming_a_missing_generation_says_so(primed):
    from search import IndexUnreadable

    src, store = primed
    shutil.rmtree(store.current_dir())
    with pytest.raises(IndexUnreadable, match="which is missing"):
        open_index(store.path)


def test_forget_drops_a_source_and_its_articles(primed, tmp_path):
    """A source that is gone for good was reported missing, its articles kept, on every
    run for ever: `forget` drops both."""
    src, store = primed
    wire = _second_source(store, tmp_path)
    shutil.rmtree(wire)
    assert any("missing" in f["reason"] for f in indexer.run(store, None)["failed"])
    with pytest.raises(indexer.NotASource, match="not a source"):
        indexer.run(store, None, forget=[str(tmp_path / "elsewhere")])
    r = indexer.run(store, None, forget=[str(wire)])
    assert (r["removed"], r["failed"]) == (1, []) and store.sources() == [str(src)]
    assert run_search(open_index(store.path), "kestrel").total == 0
    assert sorted(stored_docs(store.path)) == sorted(f"news/{p.name}" for p in src.iterdir())
    assert indexer.run(store, None)["failed"] == []


def test_a_forget_that_fails_keeps_the_source_to_forget_again(primed, tmp_path, monkeypatch):
    """A `forget` that died before publishing (disk full, killed) had already dropped the source
    from the list: its articles stayed searchable, `forget` answered "not a source", and every
    reindex, --full too, kept them. The source goes from the list with its articles, not before;
    and articles of a source no longer listed (an index that bug left) go at the next reindex."""
    src, store = primed
    wire = _second_source(store, tmp_path)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(indexer.Catalog, "upsert", full)
    with pytest.raises(OSError):
        indexer.run(store, None, forget=[str(wire)])
    monkeypatch.undo()
    assert str(wire) in store.sources() and run_search(open_index(store.path), "kestrel").total == 1
    r = indexer.run(store, None, forget=[str(wire)])  # again, now that there is room
    assert r["removed"] == 1 and store.sources() == [str(src)]
    assert run_search(open_index(store.path), "kestrel").total == 0

    # the state the old order left: the source unlisted, its article indexed
    indexer.run(store, [str(wire)])
    assert run_search(open_index(store.path), "kestrel").total == 1
    store._write_json("sources.json", [str(src)])
    (src / "touched.txt").write_text(NEW.replace("Kestrel", "Osprey").replace("kestrel", "osprey"))
    r = indexer.run(store, None)
    assert r["removed"] == 1 and r["kept"] == 0, r
    assert run_search(open_index(store.path), "kestrel").total == 0


def test_a_forget_whose_list_of_sources_cannot_be_written_is_finished_by_the_next_run(primed, tmp_path):
    """`forget` published the index without the source's articles, then failed writing
    sources.json (a directory where its temporary file goes: a real write failure, root or not):
    the source stayed listed, and the next reindex read it again and added its articles back.
    Now the failure says what was done and what was not, and the next run drops the source."""
    src, store = primed
    wire = _second_source(store, tmp_path)
    (store.path / "sources.json.tmp").mkdir()
    r = CliRunner().invoke(cli, ["forget", str(wire), "--index", str(store.path)], catch_exceptions=False)
    assert r.exit_code == 1, r.output
    assert f"{wire} forgotten ({store.current_name()} is live without their articles), but the list of sources " \
           "could not be written (Is a directory): the next run drops them from it" in r.output, r.output
    assert "internal error" not in r.output and "Traceback" not in r.output
    assert run_search(open_index(store.path), "kestrel").total == 0
    (store.path / "sources.json.tmp").rmdir()
    r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert f"{wire} dropped from the sources" in r.output, r.output
    assert store.sources() == [str(src)] and run_search(open_index(store.path), "kestrel").total == 0
    assert indexer.run(store, None).get("forget_finished") is None  # done once


def test_a_forget_that_fails_before_publishing_leaves_no_promise(primed, tmp_path):
    """A `forget` whose generation never went live (its CURRENT.tmp cannot be written: a
    directory there) keeps the source listed with its articles: the next run keeps both."""
    src, store = primed
    wire = _second_source(store, tmp_path)
    (store.path / "CURRENT.tmp").mkdir()
    with pytest.raises(OSError):
        indexer.run(store, None, forget=[str(wire)])
    (store.path / "CURRENT.tmp").rmdir()
    r = indexer.run(store, None)
    assert "forget_finished" not in r and str(wire) in store.sources(), r
    assert run_search(open_index(store.path), "kestrel").total == 1


def test_forget_leaves_the_copies_other_sources_hold(primed, tmp_path):
    """An article a remaining source also holds (the same record copied, a link into the
    forgotten folder, an older capture of the same page) was skipped as the second copy
    and then removed with the forgotten source: gone from the index, and a plain reindex
    never brought it back."""
    src, store = primed
    record = {"url": "https://news.example/kestrel", "title": "Kestrel", "date_download": "2021-01-01",
              "text": NEW.split("\n", 2)[-1]}
    older = {**record, "date_download": "2020-12-01"}
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "feed.jsonl").write_text(json.dumps(record) + "\n" + json.dumps({**record, "url": "https://news.example/newer",
                                                                            "date_download": "2021-03-01"}) + "\n")
    (second / "copy.jsonl").write_text(json.dumps(record) + "\n" + json.dumps({**older, "url": "https://news.example/newer"}) + "\n")
    (first / "linked.txt").write_text(NEW.replace("Kestrel", "Merlin").replace("kestrel", "merlin"))
    (second / "linked.txt").symlink_to(first / "linked.txt")
    indexer.run(store, [str(first)])
    r = indexer.run(store, [str(second)])
    reasons = " | ".join(f["reason"] for f in r["failed"])
    assert "duplicate id" in reasons and "older capture" in reasons and "(one file, two paths: a link or a second name)" in reasons
    archive = open_index(store.path)
    assert [run_search(archive, w).total for w in ("kestrel", "merlin")] == [2, 1]  # the record and its newer capture
    r = indexer.run(store, None, forget=[str(first)])
    assert r["failed"] == []
    archive = open_index(store.path)
    assert [run_search(archive, w).total for w in ("kestrel", "merlin")] == [2, 1]
    _, searcher = archive.searcher()
    paths = {searcher.document(id=h.id)["path"] for h in run_search(archive, "kestrel OR merlin").hits}
    assert paths == {str((second / "copy.jsonl").resolve()), str((first / "linked.txt").resolve())}  # a link: its target
    assert [h.id for h in run_search(archive, "merlin").hits] == ["second/linked.txt"]
    assert indexer.run(store, None)["failed"] == []
    assert [run_search(open_index(store.path), w).total for w in ("kestrel", "merlin")] == [2, 1]


def test_an_article_left_in_its_other_file_is_stored_with_that_file(primed, tmp_path):
    """The same record in two files of a source: the first is indexed and the second reported;
    the first file deleted, the article stayed stored with it ("path" of show, the "kept:" of
    every later report) though only the second holds it."""
    src, store = primed
    record = {"url": "https://news.example/kestrel", "title": "Kestrel", "text": NEW.split("\n", 2)[-1]}
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for name in ("a.jsonl", "b.jsonl"):
        (feeds / name).write_text(json.dumps(record) + "\n")
    r = indexer.run(store, [str(feeds)])
    assert len(r["failed"]) == 1 and "duplicate id" in r["failed"][0]["reason"] and "a.jsonl" in r["failed"][0]["reason"]
    (feeds / "a.jsonl").unlink()
    r = indexer.run(store, None)
    assert r["failed"] == [] and r["removed"] == 0
    archive = open_index(store.path)
    _, searcher = archive.searcher()
    hit, = run_search(archive, "kestrel").hits
    assert searcher.document(id=hit.id)["path"] == str((feeds / "b.jsonl").resolve())


def test_a_path_that_is_not_there_is_not_recorded_as_a_source(primed, tmp_path):
    src, store = primed
    typo = tmp_path / "nwes"
    r = indexer.run(store, [str(typo)])
    assert [f["path"] for f in r["failed"]] == [str(typo)] and "not added" in r["failed"][0]["reason"]
    assert store.sources() == [str(src)]
    assert indexer.run(store, None)["failed"] == []


def test_the_entity_pass_is_not_in_the_enrichment_fingerprint():
    """Resolution runs afresh on every run: a change to it must not redo every article's NER."""
    from search.cache import code_fingerprint
    from search.pipeline import MODEL_CODE, STAGE2_CODE

    names = [n for part in STAGE2_CODE.values() for n in part]
    assert "!entities/resolve.py" in names and "entities" in names
    assert code_fingerprint("entities", "!entities/resolve.py") != code_fingerprint("entities")
    assert code_fingerprint("entities", "!entities/resolve.py") != code_fingerprint("entities", "!entities/ner.py")
    assert "entities/resolve.py" not in MODEL_CODE


def test_an_index_of_the_analyzer_before_one_letter_words_and_marks_is_rebuilt():
    """The release before this one dropped one-character words ("5" in "5 pct") and left the
    combining dot of a lowercased "İ": its analyzer is another schema, so an index it wrote is
    rebuilt rather than filed with two analyzers."""
    from whoosh.analysis import RegexTokenizer, StemFilter
    from whoosh.support.charset import accent_map

    from search.schema import ACRONYM_STOPS, AccentFoldFilter, AcronymStopFilter, build_schema, same_schema

    before = (RegexTokenizer(r"\w+(?:[.&]?\w+)*") | AcronymStopFilter() | AccentFoldFilter(accent_map)
              | StemFilter(ignore=ACRONYM_STOPS))
    old = build_schema()
    for name in ("title", "text"):
        old[name].analyzer = before
    assert not same_schema(old, build_schema())
    assert [t.text for t in build_schema()["text"].analyzer("rose 5 pct in İzmir")] == ["rose", "5", "percent", "izmir"]


def test_an_index_before_stop_words_in_capitals_is_another_schema():
    """The stop filter of the release before kept "IT" in "BANK SAYS IT WILL" as an acronym;
    its pickled instance has no caps_context. Such an index is rebuilt (same_schema), and
    until then its own filter analyses its queries as it analysed its articles."""
    from search.schema import AcronymStopFilter, build_schema, same_schema

    old = build_schema()
    for name in ("title", "text"):
        stop = next(i for i in old[name].analyzer.items if isinstance(i, AcronymStopFilter))
        del stop.caps_context  # as unpickled from the older index
    assert not same_schema(old, build_schema())
    assert [t.text for t in old["text"].analyzer("BANK SAYS IT")] == ["bank", "say", "IT"]
    assert [t.text for t in build_schema()["text"].analyzer("BANK SAYS IT")] == ["bank", "say"]


def test_an_index_before_words_were_respelt_or_of_another_table_is_another_schema():
    """The release before dropped "%" and kept "pct" and "percent", "labour" and "labor" apart:
    an index it wrote is rebuilt (same_schema), and until then its own analyzer reads `5%` as
    it did. So is an index whose table of spellings was another version's."""
    from search.schema import WORD_PATTERN, JoiningTokenizer, RespellingFilter, build_schema, same_schema

    before = WORD_PATTERN.removesuffix(r"|[%\uff05]")
    assert before != WORD_PATTERN
    old, other_table = build_schema(), build_schema()
    for name in ("title", "text"):
        items = old[name].analyzer.items
        items[:] = [JoiningTokenizer(before)] + [i for i in items[1:] if not isinstance(i, RespellingFilter)]
        next(i for i in other_table[name].analyzer.items if isinstance(i, RespellingFilter)).table = "breame-0.0"
    assert not same_schema(old, build_schema()) and not same_schema(other_table, build_schema())
    assert same_schema(build_schema(), build_schema())
    assert [t.text for t in old["text"].analyzer("5% or 5 pct Labour")] == ["5", "5", "pct", "labour"]
    assert [t.text for t in build_schema()["text"].analyzer("5% or 5 pct Labour")] == ["5", "percent", "5", "percent", "labor"]


def test_an_index_before_stop_word_compounds_took_their_own_position_is_another_schema():
    """The tokenizer of the release before put the joined word of "as-is" where the word
    before it is; its pickled instance has no stop_compounds_own_position. Such an index is
    rebuilt (same_schema), and until then its own tokenizer places words as it did."""
    from search.schema import JoiningTokenizer, build_schema, same_schema

    old = build_schema()
    for name in ("title", "text"):
        del next(i for i in old[name].analyzer.items if isinstance(i, JoiningTokenizer)).stop_compounds_own_position
    assert not same_schema(old, build_schema())

    def positions(schema):
        return [(t.text, t.pos) for t in schema["text"].analyzer("sold as-is", positions=True, mode="index")]

    assert positions(old) == [("sold", 0), ("asi", 0)]
    assert positions(build_schema()) == [("sold", 0), ("asi", 1)]


def test_an_index_stemmed_by_the_original_porter_is_another_schema():
    """The release before stemmed with Whoosh's Porter ("news" was "new"): its index is
    rebuilt (same_schema), and until then its own stemmer reads its queries."""
    from whoosh.analysis import StemFilter

    from search.schema import ACRONYM_STOPS, build_schema, same_schema

    old = build_schema()
    for name in ("title", "text"):
        items = old[name].analyzer.items
        items[-1] = StemFilter(ignore=ACRONYM_STOPS)
    assert not same_schema(old, build_schema())
    assert [t.text for t in old["text"].analyzer("news of the U.S.")] == ["new", "u."]  # as "U." is
    assert [t.text for t in build_schema()["text"].analyzer("news of the U.S.")] == ["news", "u.s"]


def test_a_json_lines_file_overwritten_by_an_error_page_keeps_its_articles(tmp_path, monkeypatch):
    """A feed.jsonl replaced by a 502 page (a fetch that failed): each of its six lines was a
    "bad JSON line" keeping the article on that line only, and the nightly reindex removed
    the rest (294 of 300). The file is no JSON Lines now: reported once, every article kept;
    when the feed comes back without a record, that one goes."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": f"r{i}", "title": f"Tema{i}", "text": story(i)} for i in range(12)]
    feed = src / "wire.jsonl"
    feed.write_text(_jsonl(recs))
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 12
    feed.write_text("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
                    "<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>\n")
    r = indexer.run(store, None)
    assert r["removed"] == 0 and len(stored_docs(store.path)) == 12, r
    assert [f["reason"] for f in r["failed"]] == [
        "not JSON Lines: no line is a JSON record (line 1: Expecting value at column 1)"
        " (kept as last indexed: 12 articles)"]
    feed.write_text(_jsonl(recs[:5] + recs[6:]))
    r = indexer.run(store, None)
    assert (r["removed"], r["failed"]) == (1, []) and run_search(open_index(store.path), "Tema5").total == 0


def test_index_of_a_file_removes_the_records_gone_from_it_and_nothing_it_could_not_read(tmp_path, monkeypatch):
    """QA: `index feed.jsonl` after a record was deleted from it kept the record searchable
    until --prune or the night's reindex. A file read again is the records it holds now, by
    `index` too; a file gone stays until --prune, and one that cannot be read (an error page
    in its place, a dangling link, a gzip cut off, a line that no longer parses) loses
    nothing it could not read. The other files' articles are untouched."""
    import gzip

    from click.testing import CliRunner

    from search.cli import cli

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": f"r{i}", "title": f"Tema{i}", "text": story(i)} for i in range(6)]
    feed, other, packed, crawl = src / "wire.jsonl", src / "other.jsonl", src / "old.jsonl.gz", src / "crawl.warc"
    feed.write_text(_jsonl(recs))
    other.write_text(_jsonl([{"id": "o", "title": "Tema20", "text": story(20)}]))
    gz = [{"id": f"g{i}", "title": f"Tema{30 + i}", "text": story(30 + i) * 40} for i in range(8)]
    packed.write_bytes(gzip.compress(_jsonl(gz).encode()))
    pages = [_warc_record(f"https://example.org/{i}", f"<html><body><p>{story(10 + i)}</p></body></html>".encode())
             for i in range(3)]
    crawl.write_bytes(b"".join(pages))
    ix = tmp_path / "ix"

    def index(*paths, prune=False):
        args = ["index", *map(str, paths), "--index", str(ix), *(["--prune"] if prune else [])]
        r = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r.output

    def found():
        archive = open_index(ix)
        return {n for n in [*range(6), 10, 11, 12, 20, *range(30, 38)] if run_search(archive, f"Tema{n}").total}

    everything = {*range(6), 10, 11, 12, 20, *range(30, 38)}
    index(src)
    assert found() == everything
    feed.write_text(_jsonl(recs[:1] + recs[2:]))  # r1 deleted
    assert "1 removed" in index(feed)
    assert found() == everything - {1}
    crawl.write_bytes(pages[0] + pages[2])  # a page dropped from the crawl
    assert "1 removed" in index(crawl)
    assert found() == everything - {1, 11}

    # what could not be read keeps its articles
    feed.write_text("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n</body>\n</html>\n")
    assert "0 removed" in index(feed) and found() == everything - {1, 11}
    feed.unlink()
    feed.symlink_to(src / "no-such-target.jsonl")  # (given by name, it is no path to index: exit 1)
    assert "0 removed" in index(src) and found() == everything - {1, 11}
    feed.unlink()
    feed.write_text(_jsonl([recs[0], recs[2], "not json", recs[4]]))  # r3's line garbled, r5 deleted
    assert "1 removed" in index(feed) and found() == everything - {1, 11, 5}
    data = gzip.compress(_jsonl(gz[:2] + gz[3:]).encode(), compresslevel=0)  # g2 deleted
    packed.write_bytes(data[: len(data) * 2 // 3])  # and the file cut off two thirds in
    out = index(packed)
    assert "1 removed" in out and "truncated or corrupt gzip" in out, out
    assert found() == everything - {1, 11, 5, 32}

    # a file gone is a deletion for --prune (and the night's reindex), as it always was
    feed.unlink()
    assert "0 removed" in index(src) and found() == everything - {1, 11, 5, 32}
    assert "4 removed" in index(src, prune=True) and found() == everything - {0, 1, 2, 3, 4, 5, 11, 32}


def test_an_emptied_feed_is_read_as_holding_no_record_any_more(tmp_path, monkeypatch):
    """Review: a JSON Lines feed emptied (no byte left, or blank lines only) kept every article
    it held, by `index --prune` and the night's reindex too ("empty file (kept as last indexed:
    3 articles)"), where a record deleted from it went. A file read through with no record in
    it holds none: its articles go, as the records gone from a file read again do; a WARC file
    too. A file that cannot be read (a gzip cut off) still keeps them."""
    import gzip

    from click.testing import CliRunner

    from search.cli import cli

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    feed, packed, crawl, other = src / "wire.jsonl", src / "old.jsonl.gz", src / "crawl.warc", src / "other.jsonl"
    feed.write_text(_jsonl([{"id": f"r{i}", "title": f"Tema{i}", "text": story(i)} for i in range(3)]))
    packed.write_bytes(gzip.compress(_jsonl([{"id": f"g{i}", "title": f"Tema{10 + i}", "text": story(10 + i) * 40}
                                             for i in range(2)]).encode(), compresslevel=0))
    crawl.write_bytes(b"".join(_warc_record(f"https://example.org/{i}",
                                            f"<html><body><p>{story(20 + i)}</p></body></html>".encode())
                               for i in range(2)))
    other.write_text(_jsonl([{"id": "o", "title": "Tema30", "text": story(30)}]))
    lone = tmp_path / "lone.jsonl"  # a file that is a source of its own
    lone.write_text(_jsonl([{"id": "l", "title": "Tema40", "text": story(40)}]))
    ix = tmp_path / "ix"

    def index(*paths, prune=False):
        args = ["index", *map(str, paths), "--index", str(ix), "--json", *(["--prune"] if prune else [])]
        r = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return json.loads(r.output)

    def found():
        archive = open_index(ix)
        return {n for n in (0, 1, 2, 10, 11, 20, 21, 30, 40) if run_search(archive, f"Tema{n}").total}

    index(src, lone)
    assert found() == {0, 1, 2, 10, 11, 20, 21, 30, 40}
    feed.write_text("\n\n  \n")  # blank lines only
    out = index(src, prune=True)
    assert out["removed"] == 3 and [f["reason"] for f in out["failed"]] == ["empty file"], out
    assert found() == {10, 11, 20, 21, 30, 40}
    data = packed.read_bytes()
    packed.write_bytes(data[: len(data) // 2])  # cut off: what could not be read is kept
    out = index(src, prune=True)
    assert out["removed"] == 0 and "truncated or corrupt gzip" in out["failed"][0]["reason"], out
    assert found() == {10, 11, 20, 21, 30, 40}
    packed.write_bytes(gzip.compress(b""))  # a whole gzip of nothing
    crawl.write_bytes(b"")
    out = index(src)  # a file read again holds what it holds now, without --prune too
    assert out["removed"] == 4 and found() == {30, 40}, out
    lone.write_bytes(b"")  # given alone: the run removed its article, it did not fail (exit 0)
    out = index(lone)
    assert (out["indexed"], out["removed"]) == (0, 1) and found() == {30}, out


def _as_unprivileged(cmd: list[str]) -> list[str]:
    """`cmd` run so that file modes bind it: root reads a folder of mode 000 regardless."""
    import os

    if os.geteuid() != 0:
        return cmd
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a folder of mode 000 stays readable")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", *cmd]


def test_an_index_this_user_may_not_read_says_so_with_exit_3(primed):
    """An index folder, its CURRENT or its generation that the user may not read gave exit 2
    ("Invalid value for '--index'"), exit 1 ("Permission denied") or exit 3 saying the index
    was damaged and `reindex --full` rebuilds it: a permission to fix, sent to a rebuild."""
    import subprocess
    import sys

    src, store = primed
    gen = store.current_dir()
    web = ("from web import create_app; r = create_app({'INDEX': %r}).test_client().get('/api/search?q=tema3'); "
           "print(r.status_code, r.get_json()['error'])" % str(store.path))
    for locked in (store.path, store.path / "CURRENT", gen, next(gen.glob("*.toc"))):
        mode = locked.stat().st_mode
        locked.chmod(0)
        try:
            p = subprocess.run(_as_unprivileged([sys.executable, "-m", "search.cli", "search", "tema3", "--index",
                                                 str(store.path)]), capture_output=True, text=True)
            w = subprocess.run(_as_unprivileged([sys.executable, "-c", web]), capture_output=True, text=True)
        finally:
            locked.chmod(mode)
        assert p.returncode == 3, (locked, p.returncode, p.stderr)
        assert "cannot read the index at" in p.stderr and "Permission denied" in p.stderr, p.stderr
        assert "damaged" not in p.stderr and "reindex --full" not in p.stderr, p.stderr
        assert w.stdout.startswith("503 the index cannot be read: the server's user may not read"), w.stdout + w.stderr
    assert run_search(open_index(store.path), "tema3").total == 1


def test_an_index_this_user_may_not_write_stops_an_index_run_with_exit_3(primed):
    """`index` took the lock before reading anything and said only "Permission denied:
    .../lock" with exit 1, where every other command says whose permission it is (exit 3)."""
    import subprocess
    import sys

    src, store = primed
    mode = store.path.stat().st_mode
    for locked in (0o555, 0):  # its files not writable (sources.json), its lock not even readable
        store.path.chmod(locked)
        try:
            p = subprocess.run(_as_unprivileged([sys.executable, "-m", "search.cli", "index", str(src), "--index",
                                                 str(store.path)]), capture_output=True, text=True)
        finally:
            store.path.chmod(mode)
        assert p.returncode == 3, (p.returncode, p.stderr)
        assert "cannot update the index at" in p.stderr and "Permission denied" in p.stderr, p.stderr
    assert run_search(open_index(store.path), "tema3").total == 1


def test_a_new_index_this_user_may_not_write_is_said_as_one_to_create(tmp_path):
    """`index --index NEW` where this user may not write said "cannot update the index at NEW
    ... run as a user who may write it": there was no index to update, and the folder to write
    in was the one above (a folder not there yet) or the empty folder given. Said as an index to
    create, naming that folder; exit 3 as before."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Soldiers seized power in Mali.", encoding="utf-8")
    parent, empty = tmp_path / "parent", tmp_path / "empty"
    parent.mkdir()
    empty.mkdir()
    for index, folder, denied in ((parent / "new", parent, parent / "new"), (empty, empty, empty / "lock")):
        folder.chmod(0o555)
        try:
            p = subprocess.run(_as_unprivileged([sys.executable, "-m", "search.cli", "index", str(tmp_path / "a.txt"),
                                                 "--index", str(index)]), capture_output=True, text=True)
        finally:
            folder.chmod(0o755)
        assert p.returncode == 3, (p.returncode, p.stderr)
        assert p.stderr == (f"newsarchive: cannot create an index at {index}: Permission denied ({denied}); run as "
                            f"a user who may write in {folder}, or give this one write access to it\n"), p.stderr


def test_a_folder_that_cannot_be_listed_keeps_its_articles(primed):
    """An unreadable subfolder stopped every index, reindex and clean run ("Permission denied:
    .../sources.json": the walk asked whether it held an index), and os.walk passes over
    such a folder in silence, so its files would have looked deleted. It is reported as
    skipped, its articles kept, the rest read."""
    import subprocess
    import sys

    src, store = primed
    desk = src / "desk"
    desk.mkdir()
    for name in ("000.txt", "001.txt", "002.txt"):
        (src / name).rename(desk / name)
    (src / "030.txt").write_text(NEW)
    assert indexer.run(store, None)["failed"] == []
    before = stored_docs(store.path)
    assert sum(i.startswith("news/desk/") for i in before) == 3
    (src / "031.txt").write_text(story(31))  # new beside the folder: still read
    desk.chmod(0)
    try:
        p = subprocess.run(_as_unprivileged([sys.executable, "-m", "search.cli", "reindex", "--json",
                                             "--index", str(store.path)]), capture_output=True, text=True)
        clean = subprocess.run(_as_unprivileged([sys.executable, "-m", "search.cli", "clean", str(src)]),
                               capture_output=True, text=True)
    finally:
        desk.chmod(0o755)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert (r["added"], r["removed"]) == (1, 0), r
    assert [(Path(f["path"]).name, f["reason"]) for f in r["failed"]] == [
        ("desk", "cannot read folder: Permission denied (kept as last indexed: 3 articles)")]
    assert set(before) < set(stored_docs(store.path))
    assert "Traceback" not in clean.stderr and "cannot read folder: Permission denied" in clean.stderr, clean.stderr
    (desk / "002.txt").unlink()  # readable again: what is gone from it goes
    r = indexer.run(store, None)
    assert (r["removed"], r["failed"]) == (1, []) and "news/desk/002.txt" not in stored_docs(store.path)


def test_a_value_only_a_changed_article_had_is_gone_from_filters_and_hints(primed):
    """An article changed by a reindex: its old organization stayed in Whoosh's lexicon (a
    term stays until its segment is merged), so `organization=Quxley Resources` gave an
    unexplained 0 and the near miss "Quxley Resource" was offered it (helper review)."""
    src, store = primed
    text = ("Zorblatt Mining announces merger with Quxley Resources\n\nLONDON - Zorblatt Mining said on Tuesday "
            "it agreed to merge with Quxley Resources in a deal worth 2.5 billion dollars, chief executive "
            "Harriet Vandermolen told reporters in London.\n")
    (src / "merger.txt").write_text(text)
    indexer.run(store, None)
    assert run_search(open_index(store.path), "", {"organization": ["Quxley Resources"]}).total == 1
    (src / "merger.txt").write_text(text.replace("Quxley", "Plovarian"))
    r = indexer.run(store, None)
    assert r["changed"] == 1 and "full" not in r
    archive = open_index(store.path)
    res = run_search(archive, "", {"organization": ["Quxley Resources"]})
    assert res.total == 0 and res.unmatched_filters == [
        {"facet": "organization", "value": "Quxley Resources", "suggestion": None, "in": "filter"}]
    assert run_search(archive, "", {"organization": ["Quxley Resource"]}).unmatched_filters[0]["suggestion"] is None
    assert run_search(archive, "", {"organization": ["Plovarian Resources"]}).total == 1
    assert "Quxley Resources" not in archive.current().facets.values["organization"]


@pytest.mark.parametrize("where", ["whole", "past its first page"])
def test_a_rebuild_for_a_damaged_catalog_counts_against_the_index_it_replaces(primed, tmp_path, where):
    """A damaged catalog.sqlite is rebuilt from every source, but the rebuild counted every
    article `added` (30 new, 0 unchanged, 0 removed for a night that added, changed and
    deleted one file each) and dropped the articles of a source missing that night, which
    every other run keeps as last indexed. It compares with the articles the live index
    stores: the night's counts, and the missing source's article kept."""
    src, store = primed
    other = tmp_path / "usb"
    other.mkdir()
    (other / "heron.txt").write_text("Heron ringed at the quay\n\nA grey heron was ringed at the quay on Friday, "
                                     "wardens of the harbour said.\n")
    assert indexer.run(store, [str(other)])["added"] == 1
    other.rename(tmp_path / "usb-unmounted")  # the drive is not there tonight
    catalog = store.current_dir() / "catalog.sqlite"
    if where == "whole":
        catalog.write_bytes(b"garbage" * 100)
    else:
        assert _garble_last_page(catalog, "docs") > 2
    apply_state_b(src)
    r = indexer.run(store, None)
    assert r["repaired"] and r["full"], r
    assert {k: r[k] for k in ("added", "changed", "removed", "unchanged", "kept")} == \
        {"added": 1, "changed": 1, "removed": 1, "unchanged": N - 2, "kept": 1}, r
    archive = open_index(store.path)
    assert [h.id for h in run_search(archive, "heron").hits] == ["usb/heron.txt"]
    assert run_search(archive, "Tema7").total == 0 and run_search(archive, "kestrel").total == 1
    # and the catalog it wrote serves the next night: nothing to do, nothing lost
    (tmp_path / "usb-unmounted").rename(other)
    r = indexer.run(store, None)
    assert "repaired" not in r and (r["added"], r["removed"], r["unchanged"]) == (0, 0, N + 1), r


def test_a_deleted_catalog_is_rebuilt_not_added_to(primed):
    """A live generation whose catalog.sqlite was deleted (a clean-up, a bad restore) was no
    damage to the runs: the next one copied the generation forward with no list of its
    documents and added every article a second time (20 articles, then 38 documents, each
    story found twice). It is damage now, rebuilt from every source, counted against the index."""
    src, store = primed
    (store.current_dir() / "catalog.sqlite").unlink()
    apply_state_b(src)
    r = indexer.run(store, None)
    assert r["repaired"] == "catalog.sqlite is missing" and r["full"], r
    assert {k: r[k] for k in ("added", "changed", "removed", "unchanged")} == \
        {"added": 1, "changed": 1, "removed": 1, "unchanged": N - 2}, r
    assert run_search(open_index(store.path), "").total == N
    assert run_search(open_index(store.path), "Tema3").total == 1
    assert "repaired" not in indexer.run(store, None)


def test_an_emptied_page_keeps_its_article_and_each_night_says_so(tmp_path):
    """An emptied .txt or .html file (0 bytes: a download that failed; blank lines: a page saved
    empty) keeps its article, as the README says; the summary said only "empty file (kept as
    last indexed: 1 article)", the same for both. It says which, every night, and a file deleted
    takes its article with it."""
    src = tmp_path / "news"
    src.mkdir()
    for i in range(4):
        (src / f"{i:03d}.txt").write_text(story(i))
    (src / "page.html").write_text(f"<html><head><title>Harbour page</title></head><body><h1>Harbour page</h1>"
                                   f"<p>{story(9).split(chr(10), 2)[2]}</p></body></html>")
    ix = tmp_path / "ix"

    assert _cli_json(ix, "index", src)["added"] == 5
    (src / "000.txt").write_bytes(b"")
    (src / "001.txt").write_text("\n  \n\n")
    (src / "page.html").write_bytes(b"")
    for _ in range(2):  # the night it happens, and the night after (nothing changed)
        out = _cli_json(ix, "reindex")
        assert (out["removed"], out["kept"]) == (0, 3), out
        assert sorted((Path(f["path"]).name, f["reason"]) for f in out["failed"]) == [
            ("000.txt", "empty file: 0 bytes (kept as last indexed: 1 article)"),
            ("001.txt", "empty file: whitespace only (kept as last indexed: 1 article)"),
            ("page.html", "empty file: 0 bytes (kept as last indexed: 1 article)")], out
        assert run_search(open_index(ix), "Tema0").total == 1
    (src / "000.txt").unlink()
    out = _cli_json(ix, "reindex")
    assert out["removed"] == 1 and run_search(open_index(ix), "Tema0").total == 0, out


def test_a_cut_off_file_says_how_many_articles_it_keeps(tmp_path, monkeypatch):
    """A .jsonl.gz or WARC file cut off (a copy or a crawl that stopped) keeps the articles of
    what can no longer be read, but its line in the summary said nothing of them: "6 kept as
    last indexed" above three lines that said "kept" and two that did not. The report of where
    a file is cut off says how many it keeps; a cut-off gzip with no line left says so."""
    import gzip

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    packed, crawl = src / "old.jsonl.gz", src / "crawl.warc"
    packed.write_bytes(gzip.compress(_jsonl([{"id": f"g{i}", "title": f"Tema{i}", "text": story(i) * 40}
                                             for i in range(2)]).encode(), compresslevel=0))
    crawl.write_bytes(b"".join(_warc_record(f"https://example.org/{i}",
                                            f"<html><body><p>{story(20 + i)}</p></body></html>".encode())
                               for i in range(3)))
    ix = tmp_path / "ix"

    assert _cli_json(ix, "index", src)["added"] == 5
    packed.write_bytes(packed.read_bytes()[:100])  # not one line left
    data = crawl.read_bytes()
    crawl.write_bytes(data[: len(data) * 5 // 6])  # the third record cut off
    out = _cli_json(ix, "reindex")
    assert (out["removed"], out["kept"]) == (0, 3), out
    reasons = {Path(f["path"]).name: f["reason"] for f in out["failed"]}
    assert reasons["old.jsonl.gz"].startswith("truncated or corrupt gzip before its first line: "), reasons
    assert reasons["old.jsonl.gz"].endswith(" (kept as last indexed: 2 articles)"), reasons
    assert reasons["crawl.warc"].endswith(" (kept as last indexed: 1 article)"), reasons


def _cli_json(ix: Path, *args) -> dict:
    """`newsarchive ARGS --index IX --json`, which must exit 0: its summary."""
    from click.testing import CliRunner

    from search.cli import cli

    r = CliRunner().invoke(cli, [*map(str, args), "--index", str(ix), "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_an_upgrade_says_its_articles_are_unchanged_and_why_they_were_written(seeds_index, tmp_path, monkeypatch):
    """A release whose cleaner differs reads every article again: the nightly summary said
    "5 indexed (0 new, 5 changed)", as if every source had been rewritten. The bytes are the
    same: unchanged, with how many were cleaned and written again, and why."""
    from click.testing import CliRunner

    from search.cli import cli

    path = tmp_path / "index"
    shutil.copytree(seeds_index, path)  # its enrichment cache too: no NER in this test
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    monkeypatch.setattr(indexer, "STAGE1_CODE", (*indexer.STAGE1_CODE, "facets"))  # as a new release's cleaner
    r = CliRunner().invoke(cli, ["reindex", "--index", str(path), "--json"])
    result = json.loads(r.stdout)
    assert (result["changed"], result["unchanged"], result["rewritten"]) == (0, 5, 5), result
    assert "an upgrade" in result["rewritten_why"]
    assert run_search(open_index(path), "Cisse").total == 1
    assert stats(open_index(path))["runs"][-1]["changed"] == 0  # what /healthz and `stats` show
    monkeypatch.setattr(indexer, "STAGE1_CODE", (*indexer.STAGE1_CODE, "cjk"))  # and the next release
    r = CliRunner().invoke(cli, ["reindex", "--index", str(path)])
    assert "0 changed" in r.stdout and "5 unchanged articles cleaned and written again: this version" in r.stdout
    # and the cache entries of the release before, which this one cannot use, are gone
    assert "the enrichment cache: 5 entries of an earlier version removed" in r.stdout
    again = indexer.run(Store(path), None)  # the next night: nothing to say
    assert again["rewritten"] == 0 and "rewritten_why" not in again


def _upgraded(monkeypatch, package: str, to: str = "99.0") -> None:
    """`package` reported at version `to`, as after `pip install -U` of it alone."""
    import importlib.metadata

    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: to if name == package else real(name))


def _version(package: str) -> str:
    import importlib.metadata

    return importlib.metadata.version(package)


def test_a_new_langdetect_is_named_where_the_summary_blamed_our_code(seeds_index, tmp_path, monkeypatch):
    """After `pip install -U langdetect` the summary said "5 unchanged articles enriched again:
    the code of language detection and translation detection changed", sending its reader to
    look for a release that was never installed. The library is named, with its versions;
    where the live generation recorded no versions (the release before), neither is blamed."""
    from click.testing import CliRunner

    from search.cli import cli

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    path, older = tmp_path / "index", tmp_path / "older"
    shutil.copytree(seeds_index, path)
    shutil.copytree(seeds_index, older)
    manifest = Store(older).current_dir() / "manifest.json"
    written = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({k: v for k, v in written.items() if k not in ("code_parts", "versions")}))
    was = _version("langdetect")
    _upgraded(monkeypatch, "langdetect", "99.0")
    r = CliRunner().invoke(cli, ["reindex", "--index", str(path)])
    assert r.exit_code == 0, r.output
    assert (f"5 unchanged articles enriched again: langdetect {was} → 99.0 (run by language detection and "
            "translation detection); the NER model's output came from the cache") in " ".join(r.output.split()), r.output
    r = indexer.run(Store(older), None)
    assert r["reenriched_why"] == ("the code of language detection and translation detection or a library they run "
                                   "changed; the NER model's output came from the cache"), r


def test_a_new_trafilatura_cleans_every_article_again_once(seeds_index, tmp_path, monkeypatch):
    """Stage 1's fingerprint held our code alone: after a trafilatura upgrade (a new extractor,
    other clean texts) the nightly reindex found nothing to do and kept the old texts."""
    path = tmp_path / "index"
    shutil.copytree(seeds_index, path)
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    was = _version("trafilatura")
    _upgraded(monkeypatch, "trafilatura")
    r = indexer.run(Store(path), None)
    assert (r["changed"], r["unchanged"], r["rewritten"]) == (0, 5, 5), r
    assert "reenriched" not in r, r  # the same clean texts: their enrichment came from the cache
    assert r["rewritten_why"] == f"trafilatura {was} → 99.0 (run by the cleaner and the readers)"
    again = indexer.run(Store(path), None)  # the next night: once only
    assert again["rewritten"] == 0 and again["generation"] == r["generation"], again


def test_a_library_added_to_stage_one_s_list_is_named_as_such(seeds_index, tmp_path, monkeypatch):
    """A release whose stage 1 counts one more library (fingerprints.STAGE1_PACKAGES), with our
    code and every version as before, cleans the archive again, and its summary said "the code
    of the cleaner and the readers changed": there was no such change to look for."""
    from search import fingerprints

    path = tmp_path / "index"
    shutil.copytree(seeds_index, path)
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    # one the live generation recorded the version of (a part of stage 2 runs it), one it did not
    more = (*fingerprints.STAGE1_PACKAGES, "rapidfuzz", "click")
    monkeypatch.setattr(fingerprints, "STAGE1_PACKAGES", more)
    monkeypatch.setattr(indexer, "STAGE1_PACKAGES", more)
    r = indexer.run(Store(path), None)
    assert (r["changed"], r["unchanged"], r["rewritten"]) == (0, 5, 5), r
    assert r["rewritten_why"] == "the list of libraries run by the cleaner and the readers changed", r


# ------------------------------------------- a release that changes part of stage 2
def _every_stored_field(path: Path) -> dict[str, dict]:
    """Each document's stored fields but the hash of the code that wrote it (record_hash)."""
    _, searcher = open_index(path).searcher()
    out = {}
    for d in searcher.documents():
        doc = json.loads(d.pop("doc"))
        doc.pop("record_hash")
        d.pop("record_hash")
        out[d["id"]] = {**d, "doc": doc}
    return out


def _record_hashes(path: Path) -> dict[str, str]:
    _, searcher = open_index(path).searcher()
    return {d["id"]: d["record_hash"] for d in searcher.documents()}


def _a_release_changing(monkeypatch, part: str) -> None:
    """As a release whose code of this part of stage 2 differs: its fingerprint, which the run uses."""
    if part == "model":
        monkeypatch.setattr(indexer, "MODEL_CODE", (*indexer.MODEL_CODE, "facets"))
    else:
        changed = (*indexer.STAGE2_CODE[part], "facets")
        monkeypatch.setattr(indexer, "STAGE2_CODE", {**indexer.STAGE2_CODE, part: changed})


@pytest.mark.parametrize("part", ["translation detection", "entity extraction", "language detection"])
def test_a_change_to_cheap_enrichment_code_does_not_run_the_ner_model_again(primed, monkeypatch, part):
    """A release that changes the translation detector or an entity rule enriched every
    article again, spaCy's NER too: 15 ms an article, 14 minutes for 100k articles. The
    model's output is kept in the cache by what it read: the cheap steps are redone on every
    article, the model on none, and the index is the same as when computing it all."""
    src, store = primed
    before, written = _every_stored_field(store.path), _record_hashes(store.path)
    _a_release_changing(monkeypatch, part)
    r = indexer.run(store, None)
    # nor language detection (1.6 ms an article), unless it is what changed
    languages = 0 if part == "language detection" else N
    assert r["enriched"] == {"texts": N, "ner_runs": 0, "ner_cached": N, "languages_cached": languages}, r
    assert (r["reenriched"], r["unchanged"], r["rewritten"]) == (N, N, 0)
    assert r["reenriched_why"] == f"the code of {part} changed; the NER model's output came from the cache"
    assert _every_stored_field(store.path) == before
    # the same results: no document written again (nor the index's segments merged)
    assert _record_hashes(store.path) == written and r["purged"] == 0
    again = indexer.run(store, None)
    assert "enriched" not in again and "reenriched" not in again


def test_a_change_to_the_ner_model_runs_it_again(primed, monkeypatch):
    """A new spaCy or model, ner.py or the gazetteer changed: the model reads every text again."""
    src, store = primed
    before = _every_stored_field(store.path)
    _a_release_changing(monkeypatch, "model")
    r = indexer.run(store, None)
    assert r["enriched"] == {"texts": N, "ner_runs": N, "ner_cached": 0, "languages_cached": N}, r
    assert r["reenriched"] == N
    assert r["reenriched_why"] == "the code of the NER model changed; the NER model read them again"
    assert _every_stored_field(store.path) == before


def test_a_cache_of_the_release_before_is_read_and_its_model_output_computed(primed, monkeypatch):
    """The cache file of the release before holds no model output (no `model` table): it is
    opened as it is, the model runs for each text once, and the results are the same."""
    src, store = primed
    before = _every_stored_field(store.path)
    con = sqlite3.connect(store.path / "cache.sqlite")
    con.execute("DROP TABLE model")
    con.execute("DROP TABLE language")
    con.execute("DROP TABLE pruned")
    con.commit()
    con.close()
    _a_release_changing(monkeypatch, "translation detection")
    r = indexer.run(store, None)
    assert r["enriched"] == {"texts": N, "ner_runs": N, "ner_cached": 0, "languages_cached": 0}, r
    assert _every_stored_field(store.path) == before
    _a_release_changing(monkeypatch, "entity extraction")  # and the next release: from the cache
    assert indexer.run(store, None)["enriched"]["ner_runs"] == 0


def test_the_summary_says_which_articles_were_enriched_again_and_why(primed, monkeypatch):
    """The nightly summary said nothing of a release that enriched every article again (only
    a cleaner change was told, as `rewritten`): it says how many, which code changed and
    whether the NER model read them again."""
    from click.testing import CliRunner

    from search.cli import cli

    src, store = primed
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    _a_release_changing(monkeypatch, "translation detection")
    r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)])
    assert r.exit_code == 0, r.output
    assert (f"{N} unchanged articles enriched again: the code of translation detection changed; "
            "the NER model's output came from the cache") in " ".join(r.stdout.split())
    logged = stats(open_index(store.path))["runs"][-1]
    assert (logged["reenriched"], logged["enriched"]["ner_runs"]) == (N, 0)


def test_the_summary_names_two_or_three_changed_parts_as_a_sentence(primed, monkeypatch):
    """"the code of translation detection, entity extraction changed" read as a list pasted in."""
    src, store = primed
    _a_release_changing(monkeypatch, "translation detection")
    _a_release_changing(monkeypatch, "entity extraction")
    r = indexer.run(store, None)
    assert r["reenriched_why"] == ("the code of translation detection and entity extraction changed; "
                                   "the NER model's output came from the cache")
    _a_release_changing(monkeypatch, "language detection")
    _a_release_changing(monkeypatch, "translation detection")
    _a_release_changing(monkeypatch, "model")
    r = indexer.run(store, None)
    assert r["reenriched_why"] == ("the code of language detection, translation detection and the NER model "
                                   "changed; the NER model read them again")


def _an_edit_to(monkeypatch, fn) -> None:
    """As a release that edits the source file holding `fn`: every fingerprint covering that file
    changes (the hook of _a_release_changing), whatever stage's it is."""
    import inspect

    here = Path(indexer.__file__).parent
    edited = Path(inspect.getsourcefile(fn)).relative_to(here).with_suffix("").as_posix()

    def names(code: tuple[str, ...]) -> tuple[str, ...]:
        plain = [n.removesuffix(".py") for n in code if not n.startswith("!")]
        left_out = f"!{edited}.py" in code
        covered = any(edited == n or edited.startswith(n + "/") for n in plain) and not left_out
        return (*code, "facets") if covered else code

    monkeypatch.setattr(indexer, "STAGE1_CODE", names(indexer.STAGE1_CODE))
    monkeypatch.setattr(indexer, "STAGE2_CODE", {k: names(v) for k, v in indexer.STAGE2_CODE.items()})
    monkeypatch.setattr(indexer, "MODEL_CODE", names(indexer.MODEL_CODE))


def test_an_edit_to_stage_two_code_does_not_clean_the_archive_again(primed, monkeypatch):
    """Stage 1's fingerprint covered pipeline.py, which held stage 2's code too: an edit to the
    translation step there cleaned every article again (and an edit to the cleaner's half
    enriched every article again). Each stage's fingerprint covers its own code only."""
    from search.pipeline import translation_of

    src, store = primed
    before = _every_stored_field(store.path)
    _an_edit_to(monkeypatch, translation_of)
    r = indexer.run(store, None)
    assert (r["rewritten"], r["reenriched"]) == (0, N), r
    assert r["reenriched_why"].startswith("the code of the enrichment pipeline changed")
    assert _every_stored_field(store.path) == before


def test_an_edit_to_stage_one_code_does_not_enrich_the_archive_again(primed, monkeypatch):
    from search.pipeline import clean_article

    src, store = primed
    before = _every_stored_field(store.path)
    _an_edit_to(monkeypatch, clean_article)
    r = indexer.run(store, None)
    assert r["rewritten"] == N and "enriched" not in r and "reenriched" not in r, r
    assert _every_stored_field(store.path) == before


def _cache_keys(store: Store) -> dict[str, set[str]]:
    con = sqlite3.connect(store.path / "cache.sqlite")
    try:
        out = {}
        for table in ("stage1", "stage2", "model", "language"):
            try:
                out[table] = {k for (k,) in con.execute(f"SELECT key FROM {table}")}
            except sqlite3.OperationalError:  # a table the release before did not have
                out[table] = set()
        return out
    finally:
        con.close()


def test_a_run_deletes_the_cache_entries_of_the_code_before(primed, monkeypatch):
    """The cache kept every release's results under that release's fingerprints: cache.sqlite
    grew by the archive's enrichment with every upgrade. A run that published deletes what
    the code before computed, and keeps what this code uses."""
    src, store = primed
    first = _cache_keys(store)
    assert first["stage1"] and first["stage2"] and first["model"]
    monkeypatch.setattr(indexer, "STAGE1_CODE", (*indexer.STAGE1_CODE, "facets"))  # a new cleaner
    _a_release_changing(monkeypatch, "translation detection")  # and translation detector
    r = indexer.run(store, None)
    now = _cache_keys(store)
    for table in ("stage1", "stage2"):  # under the new fingerprint alone
        assert now[table] and not now[table] & first[table], table
        assert len({k.rpartition(":")[2] for k in now[table]}) == 1, table
    assert (now["model"], now["language"]) == (first["model"], first["language"])  # the same code's
    assert r["cache_pruned"]["rows"] == len(first["stage1"]) + len(first["stage2"]), r
    assert r["cache_pruned"]["bytes"] > 0
    # what is kept serves the runs after: nothing computed again, nothing more to delete
    again = indexer.run(store, None, full=True)
    assert "enriched" not in again and "cache_pruned" not in again, again
    assert _cache_keys(store) == now



def test_a_cache_file_doubled_by_a_release_is_given_back(tmp_path):
    """A release that changes every fingerprint writes a second copy of the cache's entries:
    once the first is deleted, the file is not left twice its size, half of it free pages."""
    from search.cache import Cache

    old, new = "0ld0ld0ld0ld", "new0new0new0"
    cache = Cache(tmp_path / "cache.sqlite")
    for fp in (old, new):
        for i in range(200):
            cache.put2_json(f"{i:040x}:{fp}", f"{i} " * 1000)
    cache.commit()

    def pages() -> tuple[int, int]:
        return tuple(cache.con.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count"))

    doubled, _ = pages()
    freed = cache.prune({"stage1": new, "stage2": new, "model": new, "language": new})
    assert freed["rows"] == 200 and freed["bytes"] > 200 * 4000 and freed["vacuumed"], freed
    now, free = pages()
    assert free == 0 and now * 2 < doubled * 1.1, (now, free, doubled)
    assert len(cache.con.execute("SELECT key FROM stage2").fetchall()) == 200
    cache.close()


def _hashes_of(store: Store, name: str) -> tuple[str, str]:
    con = sqlite3.connect(store.current_dir() / "catalog.sqlite")
    try:
        return con.execute("SELECT content_hash, text_hash FROM docs WHERE path LIKE ?", (f"%/{name}",)).fetchone()
    finally:
        con.close()


def test_the_results_of_a_deleted_article_leave_the_cache_after_some_runs(primed, monkeypatch):
    """The cache's rows of an article deleted from the archive (or of its earlier text) stayed
    for ever under the current code's fingerprints (prune() deletes other fingerprints' rows):
    the file grew with every article ever read until the next release. Now they go after
    SWEEP_AFTER published runs; an article put back before finds its results."""
    from click.testing import CliRunner

    from search.cli import cli

    src, store = primed
    monkeypatch.setattr(indexer, "SWEEP_AFTER", 1, raising=False)
    content, text = _hashes_of(store, "007.txt")

    def its_rows(keys: dict[str, set[str]]) -> set[str]:  # the model's rows are keyed by its input
        return {t for t, ks in keys.items() if t != "model" and any(k.startswith((content, text)) for k in ks)}

    assert its_rows(_cache_keys(store)) == {"stage1", "stage2", "language"}
    saved = (src / "007.txt").read_text()
    (src / "007.txt").unlink()
    assert indexer.run(store, None)["removed"] == 1
    (src / "007.txt").write_text(saved)  # put back within the grace: cleaned and enriched from the cache
    r = indexer.run(store, None)
    assert r["added"] == 1 and "enriched" not in r, r
    (src / "007.txt").unlink()
    indexer.run(store, None)
    assert its_rows(_cache_keys(store)) == {"stage1", "stage2", "language"}  # kept one run
    (src / "008.txt").unlink()  # another published run: 007's rows go
    out = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False).output
    assert "entries of deleted or changed articles removed" in out, out
    keys = _cache_keys(store)
    assert its_rows(keys) == set()
    con = sqlite3.connect(store.current_dir() / "catalog.sqlite")
    live = con.execute("SELECT content_hash, text_hash FROM docs").fetchall()
    con.close()
    # every article of the index keeps its rows: the next night cleans and enriches nothing
    assert all(any(k.startswith(c) for k in keys["stage1"]) and any(k.startswith(t) for k in keys["stage2"])
               for c, t in live)
    (src / "009.txt").unlink()
    r = indexer.run(store, None)
    assert r["removed"] == 1 and r["rewritten"] == 0 and "enriched" not in r, r


def test_a_reindex_says_the_notes_of_the_files_it_does_not_read_again(tmp_path):
    """The notes of a run (an undated record, a field given twice) were said by the run that
    read the file only: a no-op reindex repeated the skipped inputs but said 0 notes where the
    run before said 2, and an incremental one dropped the notes of every file it did not read
    again. Now every run says the same of the same bytes."""
    body = "The council met in Bamako on Monday to discuss next year's budget, officials said."
    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": "a", "title": "A", "text": body, "date": "07/08/2021"},
            {"id": "b", "title": "B", "text": body.replace("Monday", "Friday"), "date": "03/04/2020"}]
    (src / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    (src / "g.jsonl").write_text(json.dumps({"id": "c", "title": "C", "text": story(1)}) + "\n")
    (src / "h.bin").write_bytes(b"\x00\x01\x02")
    store = Store(tmp_path / "ix")
    first = indexer.run(store, [str(src)])
    assert len(first["notes"]) == 2 and len(first["failed"]) == 1, first
    noop = indexer.run(store, None)
    assert noop["generation"] == first["generation"], noop  # nothing read
    again = [{**f, "again": True} for f in first["failed"]]  # skipped by the run before too
    said = [{**n, "again": True} for n in first["notes"]]  # and said by it
    assert (noop["notes"], noop["failed"]) == (said, again), noop
    with (src / "g.jsonl").open("a") as fh:  # f.jsonl's rows are taken as they are, not read
        fh.write(json.dumps({"id": "d", "title": "D", "text": story(2)}) + "\n")
    some = indexer.run(store, None)
    assert some["added"] == 1 and some["unchanged"] == 3, some
    assert (some["notes"], some["failed"]) == (said, again), some
    assert store.runs()[-1]["notes"] == 2


def test_pages_with_json_metadata_beside_them_are_indexed_once_by_index_and_reindex(tmp_path, monkeypatch):
    """A scraped archive's pages, each with its metadata beside it (foo.html and foo.json
    holding the page's text), were indexed twice since a .json is read as JSON Lines: each
    story two hits. Each page is one article, by `index` and `reindex` alike, and its .json
    files are said once in a note of the source; an export (out.json, no page of its name) is
    read. A page saved beside a .json read before makes it the page's metadata: its article goes."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "scraped"
    src.mkdir()
    for i in range(3):
        text = story(40 + i)
        (src / f"p{i}.html").write_text(f"<html><body><article><p>{text.replace(chr(10), '</p><p>')}</p>"
                                         "</article></body></html>")
        (src / f"p{i}.json").write_text(json.dumps({"url": f"https://example.org/p{i}", "text": text}) + "\n")
    (src / "out.json").write_text(_jsonl([{"id": "x", "text": story(50)}]))
    (src / "late.json").write_text(_jsonl([{"id": "late", "text": story(51)}]))
    store = Store(tmp_path / "ix")

    def said(n: int, first: str = "p0", again: bool = False) -> list[dict]:
        return [{"path": str(src.resolve()), **({"again": True} if again else {}),
                 "note": f"{n} .json files beside pages of their name ({first}.json beside {first}.html, and {n - 1} "
                         "more) are taken for the pages' metadata and not read for articles (named .jsonl, such a file "
                         "is read)"}]

    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"], r["notes"]) == (5, [], said(3)), r
    assert run_search(open_index(store.path), "Tema41").total == 1
    r = indexer.run(store, None)
    assert (r["unchanged"], r["added"], r["removed"], r["notes"]) == (5, 0, 0, said(3, again=True)), r
    (src / "late.html").write_text(f"<html><body><p>{story(51)}</p></body></html>")
    for run, changes in ((lambda: indexer.run(store, [str(src)]), (1, 1)), (lambda: indexer.run(store, None), (0, 0))):
        r = run()  # `index` (no --prune) as `reindex`: late.json is read, as the page's metadata
        assert (r["added"], r["removed"], r["unchanged"], r["notes"]) == (*changes, 5 - changes[0],
                                                                            said(4, "late", again=changes == (0, 0))), r
        assert run_search(open_index(store.path), "Tema51").total == 1
        assert len(stored_docs(store.path)) == 5

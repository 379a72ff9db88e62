"""Index runs' leftovers: what a nightly reindex says of inputs it skipped before, damage of the
index's own files said as damage, and what a run leaves in the folder it made or found."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from search import Store, indexer
from search.cli import cli


def _article(path, title: str, body: str) -> None:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def test_a_nightly_reindex_lists_new_skips_and_counts_those_skipped_before(tmp_path):
    """A cron job's `reindex` printed every skipped input on every run: an archive holding 500
    files it cannot read said the same 500 lines every night, a new one lost among them. The
    inputs the run before skipped too are counted; a new one is listed; --json lists them all,
    `reindex --full` and `index` list them as before."""
    arc, ix = tmp_path / "arc", tmp_path / "ix"
    arc.mkdir()
    _article(arc / "good.txt", "Harbour reopens", "The harbour reopened to ships on Monday after repairs.")
    for i in range(3):
        (arc / f"old{i}.docx").write_bytes(b"PK\x03\x04 a word document")
    first = CliRunner().invoke(cli, ["index", str(arc), "--index", str(ix)])
    assert first.exit_code == 0 and first.output.count("skipped /") == 3, first.output
    quiet = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])  # nothing changed
    assert quiet.exit_code == 0 and "skipped /" not in quiet.output, quiet.output
    assert "3 inputs skipped as on the run before, not listed again" in quiet.output, quiet.output
    (arc / "new.docx").write_bytes(b"PK\x03\x04 another")
    _article(arc / "more.txt", "Ships return", "Ships returned to the harbour on Tuesday.")
    r = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])
    assert r.exit_code == 0 and "1 indexed" in r.output, r.output
    listed = [line for line in r.output.splitlines() if "skipped /" in line]
    assert listed == [f"newsarchive: skipped {arc / 'new.docx'}: unsupported file type .docx"], r.output
    assert "3 inputs skipped as on the run before" in r.output and "4 skipped" in r.output, r.output
    as_json = CliRunner().invoke(cli, ["reindex", "--index", str(ix), "--json"])
    failed = json.loads(as_json.stdout)["failed"]
    assert sorted(f["path"].rsplit("/", 1)[1] for f in failed) == ["new.docx", "old0.docx", "old1.docx", "old2.docx"]
    assert all(f["again"] for f in failed), failed
    full = CliRunner().invoke(cli, ["reindex", "--full", "--index", str(ix)])
    assert full.output.count("skipped /") == 4, full.output
    given = CliRunner().invoke(cli, ["index", str(arc), "--index", str(ix)])
    assert given.output.count("skipped /") == 4, given.output


def test_a_skip_the_run_before_did_not_make_is_listed_though_scan_json_is_older(tmp_path):
    """A run that writes no scan.json (a source missing that night: its files cannot all be hashed)
    left the skips of the run before it there: a file that run skipped, removed (or mended) the next
    night and put back broken the night after was "skipped as on the run before, not listed again",
    though the run before had not skipped it. Each finished run leaves its skips for the next."""
    arc, usb, ix = tmp_path / "arc", tmp_path / "usb", tmp_path / "ix"
    for d, title in ((arc, "Harbour reopens"), (usb, "Ships return")):
        d.mkdir()
        _article(d / "good.txt", title, f"{title}: ships came back to the harbour on Monday after repairs.")
    bad = arc / "notes.docx"
    bad.write_bytes(b"PK\x03\x04 a word document")
    store = Store(ix)
    indexer.run(store, [str(arc), str(usb)])
    assert [f.get("again") for f in indexer.run(store)["failed"]] == [True]  # as the run before
    bad.unlink()
    usb.rename(tmp_path / "usb-away")  # the drive not mounted that night
    night = indexer.run(store)
    assert [f["path"] for f in night["failed"]] == [str(usb)], night["failed"]
    (tmp_path / "usb-away").rename(usb)
    bad.write_bytes(b"PK\x03\x04 a word document")
    after = indexer.run(store)["failed"]
    assert [(f["path"], f.get("again")) for f in after] == [(str(bad), None)], after


def _index_of_one(tmp_path):
    arc = tmp_path / "arc"
    arc.mkdir()
    _article(arc / "good.txt", "Harbour reopens", "The harbour reopened to ships on Monday after repairs.")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(arc)])
    return store


@pytest.mark.parametrize("garbled", [b"gen-00\xff0001\n", b"\x00" * 64])
def test_a_current_file_that_is_not_a_generation_s_name_is_said_damaged_and_rebuilt(tmp_path, garbled):
    """CURRENT with bytes that are not UTF-8 (a disk's error) made every command, `reindex --full`
    too, "internal error: UnicodeDecodeError"; NUL bytes (a crash's zeroed block) named "\\x00" 64
    times as a generation "which is missing". The index is said damaged, with what rebuilds it
    (exit 3, as a CURRENT naming a missing generation), and that command rebuilds it."""
    store = _index_of_one(tmp_path)
    (store.path / "CURRENT").write_bytes(garbled)
    for command in (["search", "harbour"], ["stats"]):
        r = CliRunner().invoke(cli, [*command, "--index", str(store.path)])
        assert r.exit_code == 3 and "internal error" not in r.output, r.output
        assert (f"the index at {store.path} is damaged: its CURRENT file, which names the live generation, holds "
                "no generation's name") in r.output and "`newsarchive reindex --full` rebuilds it" in r.output, r.output
    r = CliRunner().invoke(cli, ["reindex", "--full", "--index", str(store.path)])
    assert r.exit_code == 0, r.output
    found = CliRunner().invoke(cli, ["search", "harbour", "--index", str(store.path), "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 1, found.output


def test_a_first_run_stopped_keeps_its_cache_and_nothing_beside_it(tmp_path):
    """Ctrl-C stopping a first run once it had work in its cache: the run closed its cache whole,
    then the words on what was kept ("its cache … is kept for the next run") opened it to see
    whether it held work, a read that left an empty cache.sqlite-wal and a cache.sqlite-shm beside
    it. The cache is kept, and alone."""
    from test_reindex import write_state_a
    from test_reindex_crash import interrupted

    src, ix = tmp_path / "news", tmp_path / "ix"
    write_state_a(src)
    code, err = interrupted("enriching", "index", str(src), "--index", str(ix))
    assert code == 1 and f"its cache, {ix / 'cache.sqlite'}, is kept for the next run" in err, (code, err)
    assert sorted(p.name for p in ix.glob("cache.sqlite*")) == ["cache.sqlite"], sorted(ix.iterdir())


# A first run indexing a mistyped path into a folder it makes; the moment its clean-up unlinks the
# lock, a second run (a real Store.lock, in the same process) takes a lock of its own and writes
# its list of sources. Prints the sources the second run is left with.
_RACE = """
import sys
from pathlib import Path
from search import Store, indexer

new, arc = Path(sys.argv[1]), sys.argv[2]
other, unlink = Store(new), Path.unlink

def unlink_then_start_another(self, missing_ok=False):
    unlink(self, missing_ok=missing_ok)
    if self == new / "lock":
        with other.lock():
            other.add_sources([arc])

Path.unlink = unlink_then_start_another
indexer.run(Store(new), [str(new.parent / "no such path")])
Path.unlink = unlink
print(other.sources() if new.is_dir() else "no folder")
"""


def test_a_run_removing_the_folder_it_made_removes_its_lock_last(tmp_path):
    """A first run that indexed nothing removes the folder it made, file by file in the order of a
    set (a string hash's, which varies from process to process): where the lock came first, a run
    started in that moment took a lock of its own and wrote its list of sources, which the first
    then deleted. The lock goes last: the second run's sources stay, whatever the hash's order
    (eight seeds: the order that deleted them came in about half)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    for seed in range(8):
        new = tmp_path / str(seed) / "ix"
        new.parent.mkdir()
        env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": str(seed)}
        env.pop("NEWSARCHIVE_TEST_PAUSE", None)
        p = subprocess.run([sys.executable, "-c", _RACE, str(new), str(tmp_path)], cwd=root, env=env,
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert p.stdout.strip() == repr([str(tmp_path)]), (seed, p.stdout, sorted(x.name for x in new.iterdir()))


def test_a_run_refused_while_a_first_run_removes_its_folder_leaves_no_run_log_in_it(tmp_path):
    """A first run that read nothing removes the folder it made under the run lock; a run refused
    in that moment logged its refusal after the first had deleted runs.jsonl, making it again,
    and the folder stayed, holding that file alone. The removal holds the run log's lock too: the
    refused run logs once the folder is gone, which writes nothing, and says it was refused."""
    from test_reindex_crash import cli as run_cli

    ix = tmp_path / "new" / "ix"
    first = run_cli("index", str(tmp_path / "no-such-archive"), "--index", str(ix), pause="removing:2")
    try:
        line = first.stdout.readline()
        assert "test pause at removing" in line, (line, first.stderr.read() if first.poll() is not None else "")
        assert sorted(os.listdir(ix)) == ["lock"]  # all but the lock gone
        arc = tmp_path / "arc"
        arc.mkdir()
        _article(arc / "a.txt", "Harbour reopens", "The harbour reopened to ships on Monday after repairs.")
        refused = CliRunner().invoke(cli, ["index", str(arc), "--index", str(ix)])
    finally:
        out, err = first.communicate(timeout=60)
    assert refused.exit_code == 4 and "another index run is in progress" in refused.output, refused.output
    assert first.returncode == 1 and "Traceback" not in err, (first.returncode, err)
    assert not (tmp_path / "new").exists(), sorted(p.name for p in ix.iterdir())


@pytest.mark.parametrize("garbled", ["folder", "[1]"])
def test_a_scan_record_that_cannot_be_read_has_every_file_read(tmp_path, garbled):
    """scan.json (what the run before read, for a reindex to skip unchanged files) a folder in its
    place, or JSON that is no object: every reindex with work to do failed, "newsarchive: Is a
    directory: IX/scan.json" and "internal error: AttributeError" (exit 1), while one missing
    has every file read. Either is now as a missing one: the run reads every file and works."""
    arc, ix = tmp_path / "arc", tmp_path / "ix"
    arc.mkdir()
    _article(arc / "one.txt", "Harbour reopens", "The harbour reopened to ships on Monday after repairs.")
    assert CliRunner().invoke(cli, ["index", str(arc), "--index", str(ix)]).exit_code == 0
    (ix / "scan.json").unlink()
    if garbled == "folder":
        (ix / "scan.json").mkdir()
    else:
        (ix / "scan.json").write_text(garbled, encoding="utf-8")
    _article(arc / "two.txt", "Ships return", "Ships returned to the harbour on Tuesday.")
    r = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])
    assert r.exit_code == 0 and "1 indexed (1 new, 0 changed), 1 unchanged" in r.output, r.output
    assert Store(ix).runs(1)[0]["added"] == 1


def test_a_run_stopped_before_it_took_the_lock_says_nothing_of_the_other_run_s_cache(tmp_path):
    """Two first runs into one new folder: the second, stopped (Ctrl-C) before it took the lock
    the first one holds, said what it had left as if the folder were its own: "no index was made
    …; its cache, IX/cache.sqlite, is empty (the run stopped before any work was done): nothing is
    kept for the next run to reuse, and removing the file loses nothing", of the cache the first
    run was working in. It says it stopped before it began, and changed nothing."""
    import signal

    from test_reindex import write_state_a
    from test_reindex_crash import cli as run_cli
    from test_reindex_crash import interrupted

    src, ix = tmp_path / "news", tmp_path / "ix"
    write_state_a(src)
    first = run_cli("index", str(src), "--index", str(ix), pause="cache-opened:120")
    try:
        assert "test pause at cache-opened" in first.stdout.readline()
        code, err = interrupted("before-lock", "index", str(src), "--index", str(ix))
        assert code == 1 and "Traceback" not in err, (code, err)
        assert "cache" not in err and "loses nothing" not in err, err
        assert err.rstrip().endswith("interrupted; the run stopped before it began: it changed nothing"), err
        assert (ix / "cache.sqlite").is_file() and (ix / "lock").is_file()
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=60)


def test_an_index_run_lists_each_folder_of_pages_once(tmp_path, monkeypatch):
    """A run listed each folder of pages three times: its hash of the files for each page's
    metadata file, then its reading, once to tell a .json beside a page from JSON Lines and again
    for the page's metadata (an archive of 100,000 folders: 300,000 listings a night). The folders'
    metadata files are listed once a run and shared; the pages take them as before."""
    src = tmp_path / "crawl"
    for day in ("d1", "d2"):
        (src / day).mkdir(parents=True)
        (src / day / "page.html").write_text(
            f"<html><head><title>Port {day}</title></head><body><article><h1>Port {day}</h1><p>The port "
            "reopened to ships on Monday after repairs, officials said.</p></article></body></html>",
            encoding="utf-8")
        (src / day / "page.json").write_text(json.dumps({"url": f"https://ex.com/{day}"}), encoding="utf-8")
    listed: list[str] = []
    listdir = os.listdir

    def counted(path="."):
        listed.append(str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", counted)
    result = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert result["added"] == 2 and not result["failed"], result
    for day in ("d1", "d2"):
        assert listed.count(str(src / day)) == 1, listed
    monkeypatch.undo()
    from search import open_index, run_search

    hits = run_search(open_index(tmp_path / "ix"), "port").hits
    assert sorted(h.url for h in hits) == ["https://ex.com/d1", "https://ex.com/d2"], hits


def test_a_run_that_starts_its_damaged_cache_afresh_is_logged_once_as_the_run_it_was(tmp_path):
    """A cache damaged past what opening it reads is started afresh and the run done again: the
    first attempt let the lock go, was logged as a failed run ("reindex failed: DatabaseError:
    database disk image is malformed" in `stats`, /healthz's last error), and the cache was deleted
    with no lock held, a run started in that moment having opened it. The attempts run under one
    lock: the run log has the run once, as the run that worked, saying the cache was reset."""
    from test_reindex import _garble_last_page, make_index

    src, store = make_index(tmp_path)
    logged = len(store.runs(100))
    _garble_last_page(store.path / "cache.sqlite", "stage1")
    r = CliRunner().invoke(cli, ["reindex", "--full", "--index", str(store.path)])
    assert r.exit_code == 0 and "the enrichment cache was damaged" in r.output, r.output
    runs = store.runs(100)[logged:]
    assert len(runs) == 1 and "error" not in runs[0] and runs[0]["cache_reset"].startswith("DatabaseError"), runs
    stats = CliRunner().invoke(cli, ["stats", "--index", str(store.path)])
    assert "failed" not in stats.output, stats.output


def test_a_page_and_its_metadata_written_while_a_run_hashes_are_read_together(tmp_path):
    """A crawler saving a page and its metadata file (b.html, b.json) into a folder while a run is
    under way: the run's hash of the files listed the folder before they came, and its reading took
    that listing (ingest.Listings) for the folder's metadata files, so b.json was read as a JSON
    input ("one JSON document with no article in it …", a skip), and b.html indexed without its
    address. A folder changed since it was listed is listed again: b.json is b.html's metadata."""
    import signal

    from test_reindex_crash import cli as run_cli

    src, ix = tmp_path / "crawl", tmp_path / "ix"
    day = src / "d1"
    day.mkdir(parents=True)

    def page(name: str, title: str) -> None:
        (day / f"{name}.html").write_text(
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>The {title.lower()} "
            "reopened to ships on Monday after repairs, officials said.</p></article></body></html>",
            encoding="utf-8")
        (day / f"{name}.json").write_text(json.dumps({"url": f"https://ex.com/{name}", "title": title}),
                                          encoding="utf-8")

    page("a", "Port")
    run = run_cli("index", str(src), "--index", str(ix), "--json", pause="cache-opened:3")
    try:
        assert "test pause at cache-opened" in run.stdout.readline()
        page("b", "Harbour")  # after the hash listed d1, before the reading
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGTERM)
            run.communicate(timeout=60)
    assert run.returncode == 0, err
    result = json.loads(out)
    assert result["added"] == 2 and not result["failed"], result
    from search import open_index, run_search

    hits = run_search(open_index(ix), "reopened").hits
    assert sorted(h.url for h in hits) == ["https://ex.com/a", "https://ex.com/b"], hits


def _index_of_two_one_gone(tmp_path):
    """An index of two sources, the second then moved away (a drive not mounted)."""
    arc, wire = tmp_path / "arc", tmp_path / "wire"
    arc.mkdir(), wire.mkdir()
    _article(arc / "good.txt", "Harbour reopens", "The harbour reopened to ships on Monday after repairs.")
    _article(wire / "storm.txt", "Harbour closes", "The harbour closed to ships on Friday before the storm.")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(arc), str(wire)])
    wire.rename(tmp_path / "away")
    return store


@pytest.mark.parametrize("full", [[], ["--full"]])
@pytest.mark.parametrize("garbled", [b"gen-00\xff0001\n", b"\x00" * 64, b"gen-000009\n", b""],
                         ids=["not UTF-8", "NUL bytes", "a generation gone", "emptied"])
def test_a_garbled_current_keeps_the_articles_of_a_missing_source(tmp_path, garbled, full):
    """CURRENT garbled (bytes not UTF-8, NUL bytes, a generation that is gone, emptied: the lock then
    removed every generation) and a source missing: `reindex` rebuilt from an empty start, said "source
    is missing: its documents are kept", and its articles were gone, the run not said a repair. The
    newest whole generation is read as the live one."""
    store = _index_of_two_one_gone(tmp_path)
    (store.path / "CURRENT").write_bytes(garbled)
    r = CliRunner().invoke(cli, ["reindex", *full, "--index", str(store.path)])
    assert r.exit_code == 0 and "1 kept as last indexed" in r.output, r.output
    assert "the live index was damaged (CURRENT" in r.output and "gen-000001, its newest whole generation" in r.output
    found = CliRunner().invoke(cli, ["search", "harbour", "--index", str(store.path), "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 2, found.output
    assert store.runs(1)[0]["repaired"].startswith("CURRENT")


def test_a_garbled_current_with_no_whole_generation_refuses_to_lose_a_missing_source(tmp_path):
    """No generation left to keep a missing source's articles from: the run is refused (exit 3),
    saying what to do, and changes nothing; with the source back, it rebuilds them all."""
    store = _index_of_two_one_gone(tmp_path)
    (store.path / "CURRENT").write_bytes(b"\x00" * 64)
    (store.path / "gen-000001" / "manifest.json").unlink()  # no whole generation
    r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)])
    assert r.exit_code == 3 and "internal error" not in r.output, r.output
    assert f"mount or restore {tmp_path / 'wire'}" in r.output and "a rebuild would lose them" in r.output, r.output
    assert store.generations() == ["gen-000001"] and (store.path / "CURRENT").read_bytes() == b"\x00" * 64
    (tmp_path / "away").rename(tmp_path / "wire")
    r = CliRunner().invoke(cli, ["reindex", "--full", "--index", str(store.path)])
    assert r.exit_code == 0, r.output
    found = CliRunner().invoke(cli, ["search", "harbour", "--index", str(store.path), "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 2, found.output


def test_a_nightly_reindex_lists_new_notes_and_counts_those_said_before(tmp_path):
    """A nightly `reindex` said the same notes every night: an ambiguous date of a feed indexed long
    ago, a source folder with no file to read (a mount point, its drive not mounted), in the cron mail
    every night, where the skips the run before made are counted. The notes the run before said too
    are counted; a new one is listed; --json lists them all; `reindex --full` lists them as before."""
    arc, mnt, ix = tmp_path / "arc", tmp_path / "mnt", tmp_path / "ix"
    arc.mkdir()
    mnt.mkdir()
    body = "The council met in Bamako on Monday to discuss next year's budget, officials said."
    (arc / "f.jsonl").write_text(json.dumps({"id": "a", "title": "A", "text": body, "date": "07/08/2021"}) + "\n")
    first = CliRunner().invoke(cli, ["index", str(arc), str(mnt), "--index", str(ix)])
    assert first.exit_code == 0 and first.stderr.count("newsarchive: note /") == 2, first.output
    for _ in range(2):  # a no-op run, then one that reads a new file
        quiet = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])
        assert quiet.exit_code == 0 and "note /" not in quiet.stderr, quiet.output
        assert "newsarchive: 2 notes as on the run before, not listed again" in quiet.stderr, quiet.output
        _article(arc / "more.txt", "Ships return", "Ships returned to the harbour on Tuesday after repairs.")
    (arc / "g.jsonl").write_text(json.dumps({"id": "b", "title": "B", "text": body.replace("Monday", "Friday"),
                                             "date": "03/04/2020"}) + "\n")
    r = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])
    listed = [line for line in r.stderr.splitlines() if "note /" in line]
    assert r.exit_code == 0 and len(listed) == 1 and f"{arc / 'g.jsonl'}:1: date" in listed[0], r.output
    assert "2 notes as on the run before" in r.stderr, r.output
    notes = json.loads(CliRunner().invoke(cli, ["reindex", "--index", str(ix), "--json"]).stdout)["notes"]
    assert len(notes) == 3 and all(n["again"] for n in notes), notes
    full = CliRunner().invoke(cli, ["reindex", "--full", "--index", str(ix)])
    assert full.stderr.count("note /") == 3, full.output


@pytest.mark.parametrize("garbled, said", [(b"\x00" * 64, "(64 NUL bytes)"),
                                           (b"gen-000001" + b"\x00" * 54, "('gen-000001' and 54 NUL bytes)")],
                         ids=["NUL bytes", "a name then NUL bytes"])
def test_a_current_of_nul_bytes_is_said_as_their_count(tmp_path, garbled, said):
    """A crash's zeroed CURRENT was quoted as up to 20 (a search: 40) "\\x00" in the refusal to lose a
    missing source, in a search's error and in the repair a run said: its NUL bytes are counted."""
    store = _index_of_two_one_gone(tmp_path)
    (store.path / "CURRENT").write_bytes(garbled)
    found = CliRunner().invoke(cli, ["search", "harbour", "--index", str(store.path)])
    assert found.exit_code == 3 and f"holds no generation's name {said}: " in found.output, found.output
    manifest = store.path / "gen-000001" / "manifest.json"
    kept = manifest.read_bytes()
    manifest.unlink()  # no whole generation: the run is refused
    refused = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)])
    assert refused.exit_code == 3 and f"(CURRENT holds no generation's name {said}) and holds no whole" \
        in refused.output, refused.output
    manifest.write_bytes(kept)
    repaired = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)])
    assert repaired.exit_code == 0 and f"the live index was damaged (CURRENT holds no generation's name {said}; " \
        "gen-000001, its newest whole generation" in repaired.output, repaired.output
    assert "\\x00" not in found.output + refused.output + repaired.output


@pytest.mark.parametrize("garbled", [None, b"\x00" * 64], ids=["sound", "CURRENT garbled"])
def test_forget_names_the_source_it_drops(tmp_path, garbled):
    """`forget` said the run's counts ("1 removed") and, after a repair, "rebuilt from every source",
    never the source it dropped. It names it, with its articles, and a repair it made is said
    rebuilt from the sources left."""
    store = _index_of_two_one_gone(tmp_path)  # the drive's source is gone for good: forgotten
    if garbled is not None:
        (store.path / "CURRENT").write_bytes(garbled)
    r = CliRunner().invoke(cli, ["forget", str(tmp_path / "wire"), "--index", str(store.path)])
    assert r.exit_code == 0 and f"{tmp_path / 'wire'} dropped from the sources, with 1 article\n" in r.stdout, r.output
    assert ("rebuilt from every source left" in r.stdout) == (garbled is not None), r.output
    assert "rebuilt from every source\n" not in r.stdout, r.output
    found = CliRunner().invoke(cli, ["search", "harbour", "--index", str(store.path), "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 1, found.output
    assert store.sources() == [str(tmp_path / "arc")]


def test_forget_counts_the_notes_of_the_other_sources_said_before(tmp_path):
    """`forget old` listed every note of the sources it kept (an ambiguous date, a folder with no
    file to read), said by the run before too, where it counts their skipped inputs: those are
    counted as on a nightly reindex; `--json` still has them all."""
    arc, mnt, old, ix = tmp_path / "arc", tmp_path / "mnt", tmp_path / "old", tmp_path / "ix"
    for d in (arc, mnt, old):
        d.mkdir()
    body = "The council met in Bamako on Monday to discuss next year's budget, officials said."
    (arc / "f.jsonl").write_text(json.dumps({"id": "a", "title": "A", "text": body, "date": "07/08/2021"}) + "\n")
    _article(old / "o.txt", "Ships return", "Ships returned to the harbour on Tuesday after repairs.")
    first = CliRunner().invoke(cli, ["index", str(arc), str(mnt), str(old), "--index", str(ix)])
    assert first.exit_code == 0 and first.stderr.count("newsarchive: note /") == 2, first.output
    r = CliRunner().invoke(cli, ["forget", str(old), "--index", str(ix)])
    assert r.exit_code == 0 and "note /" not in r.stderr, r.output
    assert "newsarchive: 2 notes as on the run before, not listed again" in r.stderr, r.output
    notes = json.loads(CliRunner().invoke(cli, ["reindex", "--index", str(ix), "--json"]).stdout)["notes"]
    assert len(notes) == 2, notes


def test_a_nightly_reindex_after_index_path_counts_what_the_other_sources_said_before(tmp_path):
    """`index new` reads `new` alone, and the nightly reindex after it listed every skip and note of
    the other sources again, as if new, though the run before those said them: they are counted."""
    arc, mnt, new, ix = tmp_path / "arc", tmp_path / "mnt", tmp_path / "new", tmp_path / "ix"
    for d in (arc, mnt, new):
        d.mkdir()
    body = "The council met in Bamako on Monday to discuss next year's budget, officials said."
    (arc / "f.jsonl").write_text(json.dumps({"id": "a", "title": "A", "text": body, "date": "07/08/2021"}) + "\n")
    (arc / "bad.bin").write_bytes(b"garbage \x00\x01\x02")
    first = CliRunner().invoke(cli, ["index", str(arc), str(mnt), "--index", str(ix)])
    assert first.exit_code == 0 and first.stderr.count("note /") == 2 and "skipped /" in first.stderr, first.output
    _article(new / "n.txt", "Ships return", "Ships returned to the harbour on Tuesday after repairs.")
    added = CliRunner().invoke(cli, ["index", str(new), "--index", str(ix)])
    assert added.exit_code == 0 and "note /" not in added.stderr, added.output
    r = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])
    assert r.exit_code == 0 and "note /" not in r.stderr and "skipped /" not in r.stderr, r.output
    assert "2 notes as on the run before" in r.stderr and "1 input skipped as on the run before" in r.stderr, r.output


def test_a_run_wrapped_in_flock_of_the_index_folder_finishes_and_is_logged(tmp_path):
    """`flock IX newsarchive reindex --index IX`, a cron job's way to keep two runs apart, holds
    the index folder's flock while the run goes on: since the run log took that flock too (and
    waited for it), the run hung at its end forever, its generation published and never logged.
    The folder's flock is waited for a few seconds at most, then the log file's own flock alone."""
    import fcntl
    import subprocess
    import sys

    arc, ix = tmp_path / "arc", tmp_path / "ix"
    arc.mkdir()
    _article(arc / "a.txt", "Harbour reopens", "The harbour reopened to ships on Monday after repairs.")
    assert CliRunner().invoke(cli, ["index", str(arc), "--index", str(ix)]).exit_code == 0
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("NEWSARCHIVE_TEST_PAUSE", None)
    fd = os.open(ix, os.O_RDONLY | os.O_DIRECTORY)  # as flock(1) takes a folder
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            p = subprocess.run([sys.executable, "-m", "search.cli", "reindex", "--index", str(ix)], cwd=root,
                               env=env, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the reindex hung on the index folder's flock")
    finally:
        os.close(fd)
    assert p.returncode == 0, p.stderr
    assert [run["command"] for run in Store(ix).runs()] == ["index", "reindex"]

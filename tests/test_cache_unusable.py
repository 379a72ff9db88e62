"""An enrichment cache that cannot be used now (locked by another process, not writable by this
user) is the user's work: a run stops with a clear error and keeps it. Only a damaged file
(not a database, malformed) is started afresh. sqlite3.OperationalError ("database is
locked", "attempt to write a readonly database") is a DatabaseError as damage is, and
Cache took either for damage and deleted the file."""
from __future__ import annotations

import errno
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from search import IndexBusy, Store, cache as cache_mod, indexer, open_index, stats
from search.cache import Cache, cache_damage
from search.cli import cli

from conftest import ROOT
from test_reindex import N, _garble_last_page, make_index, story


def _error(fn) -> sqlite3.Error:
    try:
        fn()
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("no error")


def _cache_with_row(path: Path, journal: str = "WAL") -> None:
    """A cache file of the release before (no model/language/pruned tables) holding one row."""
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode={journal}")
    con.execute("CREATE TABLE stage1 (key TEXT PRIMARY KEY, keys TEXT, data TEXT)")
    con.execute("CREATE TABLE stage2 (key TEXT PRIMARY KEY, data TEXT)")
    con.execute("INSERT INTO stage1 VALUES ('precious:fp', '[]', '{}')")
    con.commit()
    con.close()


def _rows(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [k for (k,) in con.execute("SELECT key FROM stage1")]
    finally:
        con.close()


def test_only_damage_is_damage_on_the_errors_sqlite_really_raises(tmp_path):
    db = tmp_path / "c.sqlite"
    _cache_with_row(db)
    # damage: not a database; a page overwritten with garbage
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is no database at all " * 200)
    notadb = _error(lambda: sqlite3.connect(junk).execute("SELECT * FROM sqlite_master").fetchall())
    garbled = tmp_path / "garbled.sqlite"
    shutil.copy(db, garbled)
    _garble_last_page(garbled, "stage1")
    malformed = _error(lambda: sqlite3.connect(garbled).execute("SELECT * FROM stage1").fetchall())
    assert cache_mod.is_damage(notadb) and cache_mod.is_damage(malformed), (notadb, malformed)
    # no damage: locked by another connection, read-only, a path that cannot be opened
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    try:
        busy = _error(lambda: sqlite3.connect(db, timeout=0).execute("BEGIN IMMEDIATE"))
    finally:
        holder.rollback()
        holder.close()
    ro = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    readonly = _error(lambda: ro.execute("INSERT INTO stage1 VALUES ('x', '', '')"))
    ro.close()
    cantopen = _error(lambda: sqlite3.connect(tmp_path))
    tight = sqlite3.connect(db)
    tight.execute(f"PRAGMA max_page_count={tight.execute('PRAGMA page_count').fetchone()[0]}")
    full = _error(lambda: tight.executemany("INSERT INTO stage1 VALUES (?, '', ?)",
                                            ((str(i), "x" * 1000) for i in range(100))))
    tight.close()
    for exc in (busy, readonly, cantopen, full):
        assert isinstance(exc, sqlite3.DatabaseError) and not cache_mod.is_damage(exc), exc
    assert isinstance(cache_mod.unusable(db, busy), IndexBusy)
    assert isinstance(cache_mod.unusable(db, readonly), PermissionError)
    assert isinstance(cache_mod.unusable(db, cantopen), PermissionError)
    assert "database or disk is full" in str(cache_mod.unusable(db, full))


@pytest.mark.parametrize("journal, begin", [("WAL", "IMMEDIATE"), ("DELETE", "EXCLUSIVE")])
def test_a_cache_another_process_holds_is_kept_and_the_run_stops(tmp_path, journal, begin):
    db = tmp_path / "cache.sqlite"
    _cache_with_row(db, journal)
    holder = sqlite3.connect(db)
    holder.execute(f"BEGIN {begin}")
    try:
        with pytest.raises(IndexBusy, match="locked by another process"):
            Cache(db, timeout=0.05)
        assert cache_damage(db) is None  # a lock is no damage (the run's last check before a reset)
    finally:
        holder.rollback()
        holder.close()
    assert _rows(db) == ["precious:fp"]
    cache = Cache(db)  # free again: opened, upgraded, nothing lost
    assert cache.reset is None and cache.has1("precious:fp")
    cache.close()


def test_a_locked_cache_stops_a_reindex_with_exit_4_and_loses_nothing(tmp_path, monkeypatch):
    """A cache held in rollback mode by another process (a backup, an sqlite3 shell) was
    deleted by the next reindex after 30 s; now it waits, then says who holds it (exit 4)."""
    src, store = make_index(tmp_path)
    (src / "001.txt").write_text((src / "001.txt").read_text() + "\nOne more line.\n")
    db = store.path / "cache.sqlite"
    holder = sqlite3.connect(db)
    holder.execute("PRAGMA journal_mode=DELETE")
    rows = _rows(db)
    live = store.current_name()
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT", 0.05, raising=False)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(IndexBusy, match="enrichment cache"):
            indexer.run(store, None)
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    finally:
        holder.rollback()
        holder.close()
    assert r.exit_code == 4, r.output
    assert "enrichment cache" in r.output and "locked by another process" in r.output and "Traceback" not in r.output
    assert _rows(db) == rows and store.current_name() == live
    assert indexer.run(store, None)["changed"] == 1  # free again: the run is done, the cache was kept


def _as_other_user(code: str, cwd: Path) -> subprocess.CompletedProcess | None:
    """`code` run by Python as user nobody (root only); None where that cannot be done here."""
    try:
        return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
                               "-c", code], cwd=cwd, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    except OSError:
        return None


def test_a_cache_this_user_may_not_write_is_kept(tmp_path):
    """A cache of the release before, created by a run as root (`sudo newsarchive reindex`),
    in an index folder the nightly run's user may write: opening it creates the new tables,
    which failed ("attempt to write a readonly database"), and the file was deleted."""
    code = ("from pathlib import Path; from search.cache import Cache\n"
            "try:\n    Cache(Path('cache.sqlite'))\nexcept PermissionError as exc:\n    print('refused:', exc)\n")
    if os.geteuid() != 0:
        _cache_with_row(tmp_path / "cache.sqlite")
        (tmp_path / "cache.sqlite").chmod(0o444)
        with pytest.raises(PermissionError, match="cannot be written"):
            Cache(tmp_path / "cache.sqlite")
        assert _rows(tmp_path / "cache.sqlite") == ["precious:fp"]
        return
    # root may write anything: the cache is opened by another user (nobody) in a folder it owns
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ix"
        folder.mkdir()
        os.chmod(tmp, 0o755)
        _cache_with_row(folder / "cache.sqlite")  # root's, 0644
        os.chown(folder, 65534, 65534)
        probe = _as_other_user("import search", folder)
        if probe is None or probe.returncode != 0:
            pytest.skip(f"no Python another user may run here: {probe and probe.stderr[-200:]}")
        out = _as_other_user(code, folder)
        assert out.returncode == 0, out.stderr
        assert "refused: [Errno 13] the enrichment cache cannot be written (attempt to write a readonly database: " \
               "Permission denied)" in out.stdout, out.stdout
        assert _rows(folder / "cache.sqlite") == ["precious:fp"]


# ------------------------------------------------- met midway, after the cache opened
def _an_article_no_cache_holds(src: Path) -> None:
    """001.txt edited: its clean text is in no cache, so stage 2 writes the cache after the pause."""
    (src / "001.txt").write_text((src / "001.txt").read_text() + "\nThe gulls left the breakwater at dusk.\n")


@contextmanager
def _held_by_another(ready: Callable[[], Path | None], *statements: str) -> Iterator[threading.Event]:
    """Another connection (a backup, an sqlite3 shell) on the file `ready()` names once it names
    one, which runs `statements` and keeps the lock they take until the block ends; the event
    yielded is set once it holds it."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        deadline = time.monotonic() + 120
        while (path := ready()) is None and time.monotonic() < deadline:
            time.sleep(0.01)
        holder = sqlite3.connect(path, timeout=5)
        try:
            for sql in statements:
                holder.execute(sql).fetchall()
            taken.set()
            done.wait(120)
            holder.rollback()
        finally:
            holder.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        yield taken
    finally:
        done.set()
        thread.join()


def test_a_lock_taken_midway_stops_the_run_as_a_lock_at_its_start_does(tmp_path, monkeypatch):
    """Another process (a backup, an sqlite3 shell) taking the cache's write lock once the run
    had opened it ended the run with "internal error: OperationalError: database is locked"
    (exit 1). It stops as a cache locked at the start stops it (exit 4), the live index as it was."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    db, live = store.path / "cache.sqlite", store.current_name()
    before = _rows(db)
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT", 0.05, raising=False)
    monkeypatch.setenv("NEWSARCHIVE_TEST_PAUSE", "enriching:1")  # time to take the lock before stage 2 writes
    # once the run has committed the edited article's stage 1
    with _held_by_another(lambda: db if len(_rows(db)) > len(before) else None, "BEGIN IMMEDIATE") as taken:
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert taken.is_set(), r.output
    assert r.exit_code == 4, r.output
    assert "the enrichment cache" in r.output and "is locked by another process (database is locked)" in r.output
    assert "internal error" not in r.output and "Traceback" not in r.output
    assert store.current_name() == live and store.generations() == [live]
    assert set(before) <= set(_rows(db)) and cache_damage(db) is None
    assert "locked by another process" in store.runs()[-1]["error"]


@contextmanager
def _held_reindex(store, point: str) -> Iterator[subprocess.Popen]:
    """`newsarchive reindex` in a subprocess, held at `point` (NEWSARCHIVE_TEST_PAUSE) when yielded."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSARCHIVE_TEST_PAUSE": f"{point}:1"}
    p = subprocess.Popen([sys.executable, "-m", "search.cli", "reindex", "--index", str(store.path)], cwd=ROOT,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        assert f"test pause at {point}" in line, line + p.stderr.read()
        yield p
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def _capped(p: subprocess.Popen, limit: int) -> str:
    """The held run let go, no file of it growing past `limit` bytes from here (RLIMIT_FSIZE, as a
    full disk: writes fail); its stderr once it ended (its exit code in p.returncode)."""
    resource.prlimit(p.pid, resource.RLIMIT_FSIZE, (limit, resource.prlimit(p.pid, resource.RLIMIT_FSIZE)[1]))
    return p.communicate(timeout=300)[1]


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_disk_that_fails_midway_is_said_as_the_cache_s_not_as_an_internal_error(tmp_path):
    """A write of the cache failing after the run opened it (a disk filling up, an I/O error)
    ended the run with "internal error: OperationalError: ...". The run is held once stage 1
    is written (NEWSARCHIVE_TEST_PAUSE) and from there no file of it may grow (RLIMIT_FSIZE, as
    a full disk: writes fail), so stage 2's write of the cache is the first to fail."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    db, live = store.path / "cache.sqlite", store.current_name()
    with _held_reindex(store, "enriching") as p:
        before = _rows(db)
        err = _capped(p, 0)
    assert p.returncode == 1, err
    assert "the enrichment cache cannot be used (disk I/O error); it was left as it is" in err, err
    assert "internal error" not in err and "Traceback" not in err
    assert store.current_name() == live and store.generations() == [live]
    assert _rows(db) == before and cache_damage(db) is None


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_damaged_catalog_failing_midway_is_said_as_the_catalog_s_not_as_the_cache_s(tmp_path):
    """An I/O error writing the new generation's catalog, the catalog damaged where the run does
    not read it (garbage over a page of another table, copied from the live generation), was
    raised raw for the run to start afresh, which it does for the cache only, and so said as
    "the enrichment cache cannot be used (disk I/O error)": the user was sent to a cache that
    was sound. The run is held once its Whoosh index is written (NEWSARCHIVE_TEST_PAUSE) and from
    there no file may grow past the catalog's size (RLIMIT_FSIZE), so the catalog's rows of the
    new articles are the first write to fail, for real."""
    src, store = make_index(tmp_path)
    live = store.current_name()
    catalog = store.path / live / "catalog.sqlite"
    con = sqlite3.connect(catalog)
    with con:
        con.execute("CREATE TABLE notes (body BLOB)")
        con.executemany("INSERT INTO notes VALUES (?)", ((os.urandom(3000),) for _ in range(300)))
    con.close()
    _garble_last_page(catalog, "notes")
    assert cache_damage(catalog) is not None  # damage for real, where the run does not read
    for i in range(100, 160):  # rows the catalog has no room for: it grows
        (src / f"{i:03d}.txt").write_text(story(i))
    db, limit = store.path / "cache.sqlite", catalog.stat().st_size
    with _held_reindex(store, "writing") as p:
        err = _capped(p, limit)
    assert p.returncode == 1, err
    assert "the new generation's catalog cannot be used (disk I/O error); the live index is unchanged" in err, err
    assert "enrichment cache" not in err and "internal error" not in err and "Traceback" not in err, err
    assert store.current_name() == live and store.generations() == [live]
    assert cache_damage(db) is None


def test_a_locked_live_catalog_stops_a_reindex_with_exit_4_not_a_rebuild(tmp_path, monkeypatch):
    """The live generation's catalog held by another process (an sqlite3 shell, a backup) was
    read as damage after the busy timeout: the nightly run rebuilt the whole archive from its
    sources and called the index repaired. Now it stops as a locked cache does (exit 4), the
    live generation kept."""
    src, store = make_index(tmp_path)
    (src / "001.txt").write_text((src / "001.txt").read_text() + "\nOne more line.\n")
    live = store.current_name()
    catalog = store.path / live / "catalog.sqlite"
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT", 0.05, raising=False)
    holder = sqlite3.connect(catalog)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path), "--json"], catch_exceptions=False)
    finally:
        holder.rollback()
        holder.close()
    assert r.exit_code == 4, r.output
    assert "catalog" in r.output and "locked by another process" in r.output and "Traceback" not in r.output
    assert store.current_name() == live
    # stopped before it made a generation, the run left no line: `stats` and /healthz did not show it
    assert f"the live generation's catalog {catalog} is locked by another process" in store.runs(1)[0]["error"]
    done = indexer.run(store, None)  # free again: an incremental run, no repair
    assert done["changed"] == 1 and not done.get("repaired"), done


def test_a_folder_where_sqlite_keeps_a_journal_is_said_as_one_not_as_damage_or_a_permission(tmp_path):
    """A folder where SQLite keeps a file beside a database (an `mkdir` by mistake, a restore gone
    wrong): at the live catalog's journal SQLite says "disk I/O error", read as damage, and the run
    rebuilt the whole archive and called the index repaired, the catalog being sound; at the
    cache's WAL, "unable to open database file", said as a permission ("run as a user who may
    write it"), which no user could mend. Now both stop (exit 3) naming the folder to move away,
    the live generation and the cache kept; moved, the run is incremental."""
    src, store = make_index(tmp_path)
    (src / "001.txt").write_text((src / "001.txt").read_text() + "\nOne more line.\n")
    live = store.current_name()
    for folder, what, left, not_said in (
            (store.path / live / "catalog.sqlite-journal", "the live generation's catalog", "the live index is unchanged",
             "damaged"),
            (store.path / "cache.sqlite-wal", "the enrichment cache", "it was left as it is", "run as a user")):
        folder.mkdir()
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
        folder.rmdir()
        assert r.exit_code == 3, r.output
        assert f"{what} cannot be opened: {folder} is a folder, where SQLite keeps a file of it: move it away; " \
            f"{left}" in r.output, r.output
        assert not_said not in r.output and store.current_name() == live
    done = indexer.run(store, None)
    assert done["changed"] == 1 and not done.get("repaired") and not done.get("cache_reset"), done


def test_a_folder_where_the_live_catalog_should_be_is_rebuilt_as_a_missing_one_and_said_so(tmp_path):
    """A folder at the live catalog's own path: no catalog, rebuilt as a missing one is, but the run
    said the index was repaired from "OperationalError: disk I/O error", sending the user to check
    a sound disk."""
    src, store = make_index(tmp_path)
    catalog = store.current_dir() / "catalog.sqlite"
    catalog.unlink()
    catalog.mkdir()
    done = indexer.run(store, None)
    assert done["repaired"] == "catalog.sqlite is a folder, not the catalog file", done
    assert done["unchanged"] == N and done["added"] == 0, done


def _catalog_with_an_id_index_of_pages(tmp_path: Path):
    """An index whose live catalog's id index spans several pages (ids of 150 characters), and
    the file whose id sorts last, which lands on that index's last page."""
    src, store = make_index(tmp_path)
    for i in range(100, 160):
        (src / f"{'z' * 150}{i}.txt").write_text(story(i))
    assert indexer.run(store, None)["added"] == 60
    return src, store, src / f"{'z' * 150}159.txt"


def test_a_live_catalog_damaged_in_its_id_index_is_rebuilt_not_an_internal_error(tmp_path):
    """Garbage over the last page of the live catalog's id index: the damage check (its first
    page) and the reading of its rows (the table, not the index) pass, the copy's upsert of an
    edited article reads that page, and every run with work to do ended "internal error:
    DatabaseError: database disk image is malformed" (exit 1). Now the run rebuilds it, as
    damage found at its start is."""
    src, store, last = _catalog_with_an_id_index_of_pages(tmp_path)
    before = stored_docs_count(store)
    _garble_last_page(store.current_dir() / "catalog.sqlite", "sqlite_autoindex_docs_1")
    last.write_text(last.read_text() + "\nOne more line.\n")
    r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path), "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["repaired"].startswith("catalog.sqlite: DatabaseError") and summary["full"], summary
    assert (summary["changed"], summary["unchanged"], summary["added"]) == (1, before - 1, 0), summary
    assert cache_damage(store.current_dir() / "catalog.sqlite") is None
    assert indexer.run(store, None)["generation"] == store.current_name()  # healed: nothing to do


def test_a_new_catalog_that_goes_bad_midway_is_said_as_its_damage_and_the_live_index_kept(tmp_path):
    """The new generation's copy of a sound catalog damaged while the run writes (a disk's
    error: garbage over its id index while the run is held once its Whoosh index is written):
    "internal error: DatabaseError"; now the run says whose file it is, the live index kept."""
    src, store, last = _catalog_with_an_id_index_of_pages(tmp_path)
    live, generations = store.current_name(), store.generations()
    last.write_text(last.read_text() + "\nOne more line.\n")
    with _held_reindex(store, "writing") as p:
        gen = store.path / store.generations()[-1]
        assert gen.name != live
        _garble_last_page(gen / "catalog.sqlite", "sqlite_autoindex_docs_1")
        err = p.communicate(timeout=300)[1]
    assert p.returncode == 1, err
    assert "the new generation's catalog is damaged (database disk image is malformed); the live index is " \
           "unchanged" in err, err
    assert "internal error" not in err and "Traceback" not in err, err
    assert store.current_name() == live and store.generations() == generations
    assert cache_damage(store.current_dir() / "catalog.sqlite") is None


def test_a_new_catalog_gone_bad_in_an_append_only_folder_says_what_the_run_left(tmp_path):
    """The new generation's catalog damaged while the run writes, in an index folder made
    append-only (chattr +a) meanwhile: the generation the folder kept was named on the error
    and lost when the run said the catalog's damage, gen-000002 left there unsaid."""
    src, store, last = _catalog_with_an_id_index_of_pages(tmp_path)
    live = store.current_name()
    last.write_text(last.read_text() + "\nOne more line.\n")
    with _held_reindex(store, "writing") as p:
        gen = store.path / store.generations()[-1]
        _garble_last_page(gen / "catalog.sqlite", "sqlite_autoindex_docs_1")
        with _chattr(store.path, "a"):
            err = p.communicate(timeout=300)[1]
    assert p.returncode == 1, err
    assert "the new generation's catalog is damaged (database disk image is malformed); the live index is " \
           f"unchanged: {gen / 'catalog.sqlite'}; left behind, as the index folder refused their removal: {gen}; " \
           "the next index run removes them once the folder lets it" in err, err
    assert gen.is_dir() and store.current_name() == live
    assert indexer.run(store, None)["changed"] == 1  # lifted: the run is done, the generation made again

def stored_docs_count(store) -> int:
    con = sqlite3.connect(store.current_dir() / "catalog.sqlite")
    try:
        return con.execute("SELECT count(*) FROM docs").fetchone()[0]
    finally:
        con.close()


def _open_in_this_process(path: Path) -> list[str]:
    """The files named `path`* this process holds open."""
    fds = Path("/proc/self/fd")
    held = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)):
            held.append(target)
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_catalog_that_cannot_be_committed_still_lets_the_cache_go(tmp_path, monkeypatch):
    """Another process reading the new generation's catalog (a backup, an sqlite3 shell) as the
    run commits it: the catalog's close failed, the cache's close was skipped, and both files
    stayed open in the process, the cache's write lock at the mercy of the garbage collector.
    Now the run stops as a locked catalog stops it (exit 4 through the CLI), every file closed."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT", 0.05, raising=False)
    monkeypatch.setenv("NEWSARCHIVE_TEST_PAUSE", "enriching:1")  # the new catalog copied, not yet written

    def new_catalog() -> Path | None:
        if len(store.generations()) < 2:
            return None
        time.sleep(0.3)  # within the run's pause: the copy is complete
        return store.path / store.generations()[-1] / "catalog.sqlite"

    # a shared lock, held
    with _held_by_another(new_catalog, "BEGIN", "SELECT count(*) FROM docs") as taken:
        with pytest.raises(IndexBusy, match="the new generation's catalog .* is locked by another process") as exc:
            indexer.run(store, None)
    assert taken.is_set()
    # the run's error still held (its frames with it), the reader gone: SQLite defers closing a
    # file another connection of the process holds a lock on, so it is asked only now
    held = [f for f in _open_in_this_process(store.path) if ".sqlite" in f]
    assert held == [], (held, exc.value)
    assert store.current_name() == live
    assert indexer.run(store, None)["changed"] == 1  # free again: the run is done


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_disk_full_making_the_new_generation_leaves_none_behind_and_is_logged(tmp_path):
    """No file of the run may grow past 8 KB (RLIMIT_FSIZE, as a full disk), so copying the live
    catalog (24 KB) into the new generation fails: the half-made generation stayed behind until
    the next run, the run log (and /healthz's last error) said nothing of the failure, and the
    message named the live generation's catalog, as if it were at fault."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    assert (store.current_dir() / "catalog.sqlite").stat().st_size > 8192

    p = _capped_reindex(store, 8192)
    assert p.returncode == 1, p.stderr
    assert f"File too large making gen-000002 from {live} (the live index is unchanged)" in p.stderr, p.stderr
    assert "internal error" not in p.stderr and "Traceback" not in p.stderr
    assert store.current_name() == live and store.generations() == [live]
    assert "File too large" in store.runs()[-1]["error"]
    assert indexer.run(store, None)["changed"] == 1  # room again: the run is done


def test_a_live_file_that_cannot_be_linked_is_named_not_the_new_one(tmp_path):
    """A segment file of the live generation made immutable (chattr +i, as an operator guards a
    backup) cannot be hard-linked into the new generation (EPERM): the error named the new
    generation's file, which was never made, as the file at fault."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_dir()
    seg = _live_toc(store)
    with _chattr(seg, "i"):
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert r.exit_code == 3, r.output
    assert f"Operation not permitted making gen-000002 from {live.name} (the live index is unchanged) ({seg})" \
        in r.output, r.output
    assert store.current_name() == live.name and store.generations() == [live.name]
    assert "Operation not permitted" in store.runs()[-1]["error"]
    assert indexer.run(store, None)["changed"] == 1  # linkable again: the run is done


def _live_toc(store: Store) -> Path:
    return next(f for f in sorted(store.current_dir().iterdir()) if f.name.startswith("_MAIN_") and f.suffix == ".toc")


@contextmanager
def _chattr(path: Path, flag: str) -> Iterator[None]:
    """`path` made immutable (flag "i") or append-only ("a") for the block, as an operator guards a
    backup; the attribute is cleared after, whatever happened."""
    if not shutil.which("chattr") or subprocess.run(["chattr", f"+{flag}", str(path)], capture_output=True).returncode:
        pytest.skip(f"needs chattr +{flag}: root, on a file system with the flag")
    try:
        yield
    finally:
        subprocess.run(["chattr", f"-{flag}", str(path)], check=True)


@pytest.mark.parametrize("protected, flag, named", [
    (_live_toc, "i", lambda store: [_live_toc(store), store.current_dir()]),  # linked into the new generation
    (lambda store: store.path / "CURRENT", "i", lambda store: [store.path / "CURRENT"]),  # CURRENT.tmp removed
    (lambda store: store.path / "cache.sqlite", "i", lambda store: [store.path / "cache.sqlite"]),
    (lambda store: store.path, "a", lambda store: [store.path / "CURRENT.tmp", store.path / "CURRENT"]),
], ids=["live-segment", "CURRENT", "cache", "append-only-folder"])
def test_a_file_no_user_may_change_is_said_to_be_protected_not_a_permission(tmp_path, protected, flag, named):
    """A file of the index made immutable or append-only (chattr +i, +a) is refused with EPERM to
    every user, root too; the run said "run as a user who may write it, or give this one write
    access", which no user could follow. It says the file may be protected by its attributes and
    how to see them (lsattr -d, naming the files the system named and their folder); exit 3 as
    before, the live index unchanged, and the run done once the attribute is lifted."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    path = protected(store)
    with _chattr(path, flag):
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert r.exit_code == 3, r.output
    assert "Operation not permitted" in r.output and "may write" not in r.output, r.output
    files = " ".join(str(f) for f in named(store))
    assert (f"likely protected by its attributes (immutable or append-only), which no user may change, not even "
            f"root: see `lsattr -d {files}") in r.output, r.output
    assert store.current_name() == live
    assert indexer.run(store, None)["changed"] == 1  # lifted: the run is done


def test_a_first_run_into_a_protected_folder_is_said_as_one(tmp_path):
    """`index --index EMPTY` with EMPTY immutable said "run as a user who may write in EMPTY": none may."""
    (tmp_path / "a.txt").write_text("Soldiers seized power in Mali.", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    with _chattr(empty, "i"):
        r = CliRunner().invoke(cli, ["index", str(tmp_path / "a.txt"), "--index", str(empty)], catch_exceptions=False)
    assert r.exit_code == 3, r.output
    assert r.output.startswith(f"newsarchive: cannot create an index at {empty}: Operation not permitted "
                               f"({empty / 'lock'}); a file or folder there is likely protected by its attributes"), r.output
    assert f"see `lsattr -d {empty}`" in r.output and "may write" not in r.output, r.output


def test_a_live_generation_that_cannot_be_listed_is_an_error_naming_it(tmp_path):
    """The live generation's folder failing to be listed (here /proc's folder of a process that
    has ended, which the system says is a folder but will not list: EINVAL, as an I/O error of a
    disk would) made new_generation raise UnboundLocalError, a traceback, the half-made
    generation left behind. Now an OSError naming the live folder, and nothing left."""
    store = Store(tmp_path / "ix")
    store.path.mkdir()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        time.sleep(0.2)  # ended, not yet waited for
        unlistable = Path(f"/proc/{pid}/net")
        try:
            os.listdir(unlistable)
            pytest.skip("this system lists an ended process's /proc folder")
        except OSError:
            pass
        if not unlistable.is_dir():
            pytest.skip("this system says an ended process's /proc folder is none")
        (store.path / "gen-000001").symlink_to(unlistable)
        (store.path / "CURRENT").write_text("gen-000001\n")
        with pytest.raises(OSError) as exc:
            store.new_generation()
    finally:
        os.waitpid(pid, 0)
    assert "making gen-000002 from gen-000001 (the live index is unchanged)" in str(exc.value), exc.value
    assert exc.value.filename == str(store.path / "gen-000001")
    assert not (store.path / "gen-000002").exists()


def _capped_reindex(store, limit: int) -> subprocess.CompletedProcess:
    """`newsarchive reindex` run with no file of it growing past `limit` bytes (RLIMIT_FSIZE, as a
    full disk: writes fail)."""
    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return subprocess.run([sys.executable, "-m", "search.cli", "reindex", "--index", str(store.path)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=capped, capture_output=True,
                          text=True)


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_run_line_the_disk_has_room_for_part_of_leaves_none_to_garble_the_next(tmp_path):
    """The disk with room for part of the run's line (RLIMIT_FSIZE 40 bytes past the log): the
    part stayed, with no line break, the next run's line was appended to it, and `stats` and
    /healthz read neither run. The line is written whole or not at all."""
    src, store = make_index(tmp_path)
    log = store.path / "runs.jsonl"
    log.write_text(log.read_text() * 400)
    _an_article_no_cache_holds(src)
    before = log.read_bytes()
    _capped_reindex(store, len(before) + 40)
    assert log.read_bytes() == before
    (src / "001.txt").write_text((src / "001.txt").read_text() + "\nA second edit.\n")
    p = _capped_reindex(store, resource.RLIM_INFINITY)
    assert p.returncode == 0, p.stderr
    last = store.runs(1)
    assert last and last[0]["command"] == "reindex" and last[0]["indexed"] == 1 and "error" not in last[0], last


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_run_log_the_disk_has_no_room_for_does_not_fail_a_published_run(tmp_path):
    """The disk full when the run has published and appends its line to runs.jsonl (a year of
    nightly lines, the largest file of the index; no file may grow past it: RLIMIT_FSIZE): the
    run was said as failed, "newsarchive: File too large" and no more (exit 1), though its
    generation was live. Now it ends as the run it was, saying the log was not written."""
    src, store = make_index(tmp_path)
    log = store.path / "runs.jsonl"
    log.write_text(log.read_text() * 400)
    assert all(f.stat().st_size < log.stat().st_size for f in store.path.rglob("*") if f.is_file() and f != log)
    _an_article_no_cache_holds(src)
    before, live = log.read_bytes(), store.current_name()
    p = _capped_reindex(store, log.stat().st_size)
    assert p.returncode == 0, p.stderr
    assert "1 indexed (0 new, 1 changed)" in p.stdout, p.stdout
    # a diagnostic, on stderr as every other (README: results on stdout, diagnostics on stderr)
    assert f"newsarchive: warning: the run log was not written (File too large: {log}): `stats` and /healthz " \
        "do not show this run" in p.stderr, (p.stdout, p.stderr)
    assert "run log" not in p.stdout, p.stdout
    assert store.current_name() != live and log.read_bytes() == before


def test_a_live_catalog_this_user_may_not_read_is_a_permission_not_a_rebuild(tmp_path):
    """The live generation's catalog made by a run as root (`sudo newsarchive reindex`, mode
    0600) in an index the nightly run's user owns: SQLite's "unable to open database file" was
    read as damage, and the run rebuilt the whole archive from its sources (hours at scale) and
    called the index "repaired". Now it stops as an index this user may not write is said (exit
    3), naming the file, the live generation kept; readable again, the run is incremental."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make a file another user may not read")
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        src, store = make_index(Path(tmp))
        (src / "001.txt").write_text((src / "001.txt").read_text() + "\nOne more line.\n")
        for f in [Path(tmp), *Path(tmp).rglob("*")]:
            os.chown(f, 65534, 65534)
        live = store.current_name()
        catalog = store.path / live / "catalog.sqlite"
        os.chown(catalog, 0, 0)
        catalog.chmod(0o600)
        probe = _as_other_user("import search", Path(tmp))
        if probe is None or probe.returncode != 0:
            pytest.skip(f"no Python another user may run here: {probe and probe.stderr[-200:]}")
        code = ("import sys; from search.cli import cli\n"
                f"cli(['reindex', '--index', {str(store.path)!r}])\n")
        out = _as_other_user(code, Path(tmp))
        assert out.returncode == 3, out.stdout + out.stderr
        assert f"cannot update the index at {store.path}: Permission denied ({catalog})" in out.stderr, out.stderr
        assert "repaired" not in out.stdout + out.stderr and "Traceback" not in out.stderr, out.stdout + out.stderr
        assert store.current_name() == live and store.generations() == [live]
        catalog.chmod(0o644)
        done = _as_other_user(code, Path(tmp))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 changed" in done.stdout and "damaged" not in done.stdout, done.stdout


def test_an_io_error_writing_the_new_generation_names_the_new_file_not_the_live_one(tmp_path, monkeypatch):
    """The disk failing to write the new generation's copy of a file (EIO: simulated at the
    system calls a copy writes with, sendfile and write) was said as an error of the live file,
    which was sound: shutil's fast copy names the file it read from whatever failed. The error
    names the new file (catalog.sqlite or manifest.json, the first copied), and the half-made generation is gone."""
    src, store = make_index(tmp_path)
    live = store.current_dir()
    new = store.path / "gen-000002"

    def failing(real, sends: bool = False):
        def call(fd, *args):
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(new)):
                if sends and os.lseek(fd, 0, os.SEEK_CUR) == 0:
                    return real(fd, args[0], args[1], 1)  # a byte written: no fallback to a slower copy
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return real(fd, *args)
        return call

    monkeypatch.setattr(os, "sendfile", failing(os.sendfile, sends=True))
    monkeypatch.setattr(os, "write", failing(os.write))
    with pytest.raises(OSError) as exc:
        store.new_generation()
    monkeypatch.undo()
    assert exc.value.errno == errno.EIO
    assert Path(exc.value.filename).parent == new, exc.value  # the catalog or the manifest, the first copied
    assert f"making gen-000002 from {live.name} (the live index is unchanged)" in str(exc.value), exc.value
    assert not new.exists() and store.current_dir() == live
    assert store.new_generation() == new and (new / "catalog.sqlite").read_bytes() == (live / "catalog.sqlite").read_bytes()


@pytest.mark.parametrize("command, left", [("reindex", ["gen-000002", "CURRENT.tmp"]),
                                           ("index", ["sources.json.tmp"])])
def test_a_run_in_an_append_only_folder_says_what_it_left_behind(tmp_path, command, left):
    """An index folder made append-only (chattr +a) lets a run make files and folders but not
    rename or remove them: a reindex failed publishing (EPERM) and left gen-000002 and CURRENT.tmp
    there, an `index` failed writing its list of sources and left sources.json.tmp, saying nothing
    of them. The message names what the folder kept and how to remove it; once the attribute is
    lifted, the run is done, and a reindex removes what one left."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    with _chattr(store.path, "a"):
        args = [command, *([str(src)] if command == "index" else []), "--index", str(store.path)]
        r = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert r.exit_code == 3, r.output
    paths = [str(store.path / name) for name in left]
    assert all(os.path.lexists(p) for p in paths), os.listdir(store.path)
    assert (f"; left behind, as the index folder refused their removal: {', '.join(paths)}; the next index run "
            "removes them once the folder lets it") in r.output, r.output
    assert store.current_name() == live
    assert indexer.run(store, None)["changed"] == 1  # lifted: the run is done
    if command == "reindex":  # the half-made gen-000002 pruned, and made again by this run
        assert store.generations() == [live, store.current_name()], store.generations()
    assert not (store.path / "CURRENT.tmp").exists() and not (store.path / "sources.json.tmp").exists()


def test_a_run_refused_to_replace_current_leaves_no_current_tmp(tmp_path):
    """CURRENT made immutable (chattr +i): publishing fails (EPERM) and CURRENT.tmp, which the
    folder lets go, stayed behind."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    with _chattr(store.path / "CURRENT", "i"):
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert r.exit_code == 3 and "Operation not permitted" in r.output, r.output
    assert "left behind" not in r.output, r.output
    assert not (store.path / "CURRENT.tmp").exists() and store.generations() == [live]



def test_what_a_run_left_is_named_with_no_command_that_could_remove_the_live_index(tmp_path):
    """A run in an append-only folder named what it left with `rm -r IX/gen-000002 IX/CURRENT.tmp`.
    Once the attribute was lifted, the nightly reindex pruned that gen-000002 and made its own
    generation under the same name, live; the command pasted then removed the live index. The
    message names what was left and says the next run removes it, which it does: the generation,
    and CURRENT.tmp (which stayed until a run published)."""
    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    with _chattr(store.path, "a"):
        r = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert r.exit_code == 3, r.output
    left = [store.path / "gen-000002", store.path / "CURRENT.tmp"]
    assert indexer.run(store, None)["changed"] == 1 and store.current_name() == "gen-000002"
    for command in re.findall(r"`(rm [^`]*)`", r.output):  # pasted now, after the nightly run
        subprocess.run(["sh", "-c", command], capture_output=True)
    assert store.generations() == [live, "gen-000002"], store.generations()
    assert stats(open_index(store.path))["documents"] == N  # the index searchable, whole
    assert (f"left behind, as the index folder refused their removal: {left[0]}, {left[1]}; the next index run "
            "removes them once the folder lets it") in r.output, r.output
    assert not left[1].exists()

    # a run that changes nothing publishes nothing: CURRENT.tmp left by one before is removed still
    left[1].write_text("gen-000009\n", encoding="utf-8")
    assert indexer.run(store, None)["changed"] == 0 and not left[1].exists()


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_first_run_whose_cache_cannot_be_made_leaves_no_empty_cache(tmp_path):
    """A first run on a disk with room for its list of sources but not for the cache's first pages
    (no file may grow past 2 KB: RLIMIT_FSIZE, as a full disk) left an empty cache.sqlite, which
    kept the new folder (a cache is work to keep) though it held nothing: every command then took
    the folder for an index. The empty file is removed, and said so; with it the folder."""
    (tmp_path / "a.txt").write_text("Soldiers seized power in Mali on Tuesday.", encoding="utf-8")
    ix = tmp_path / "ix"

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    p = subprocess.run([sys.executable, "-m", "search.cli", "index", str(tmp_path / "a.txt"), "--index", str(ix)],
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=capped,
                       capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    assert f"the enrichment cache cannot be used (" in p.stderr and \
        f"); the empty file this run had made for it was removed: {ix / 'cache.sqlite'}; no index was made at " \
        f"{ix} (there was none before: nothing is lost)" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr, p.stderr
    assert not ix.exists(), sorted(ix.iterdir())


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_first_run_whose_empty_cache_cannot_be_removed_says_the_caches_error_and_names_it(tmp_path):
    """A first run whose cache cannot be made (no file may grow past 2 KB: RLIMIT_FSIZE, as a full
    disk) in an index folder that refuses the removal of the empty cache.sqlite it made (chattr +a)
    said "Operation not permitted (IX/cache.sqlite)": the unlink's error, the full disk unsaid. It
    says the cache's error, names the empty file left, and, as other failed first runs do, that no
    index was made (the folder keeping the run's files said nothing of it)."""
    (tmp_path / "a.txt").write_text("Soldiers seized power in Mali on Tuesday.", encoding="utf-8")
    ix = tmp_path / "ix"
    ix.mkdir()
    Store(ix).add_sources([str(tmp_path / "a.txt")])  # a first `index` stopped after listing it

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    with _chattr(ix, "a"):
        p = subprocess.run([sys.executable, "-m", "search.cli", "reindex", "--index", str(ix)],
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=capped,
                           capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    assert "the enrichment cache cannot be used (" in p.stderr and "); the empty file this run had made for it " \
        f"could not be removed (Operation not permitted) and is left" in p.stderr, p.stderr
    assert f": {ix / 'cache.sqlite'}" in p.stderr and (ix / "cache.sqlite").stat().st_size == 0, p.stderr
    # what the folder kept is no index, as other failed first runs say: it was said of none of it
    assert f"; no index was made at {ix} (there was none before: nothing is lost)" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr, p.stderr

def test_a_cache_hidden_for_a_moment_is_never_taken_for_one_the_run_made(tmp_path, monkeypatch):
    """A cache the system could not look at for a moment (an I/O error, EIO, where it asked whether
    the file was there) was taken for none: os.path.lexists says False for any error. Another
    process then holding it locked, the run took the file for the empty one it had made, and
    deleted it with its work. It is kept, and the run stops as for any cache held by another."""
    db = tmp_path / "cache.sqlite"
    _cache_with_row(db)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    real_lstat, failed = os.lstat, []

    def lstat(path, *args, **kwargs):
        if Path(os.fsdecode(path)) == db and not failed:
            failed.append(path)
            raise OSError(errno.EIO, os.strerror(errno.EIO), os.fsdecode(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    try:
        with pytest.raises(IndexBusy, match="locked by another process"):
            Cache(db, timeout=0.05)
    finally:
        monkeypatch.undo()
        holder.rollback()
        holder.close()
    assert failed, "the cache was never looked at"
    assert db.exists(), "the cache was deleted"
    assert _rows(db) == ["precious:fp"]

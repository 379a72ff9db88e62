"""The nightly reindex against real processes: `kill -9` at each stage, a stale lock taken
over, a concurrent run refused with exit code 4, and searches running in another process
while a reindex publishes.

Runs go through `python -m search.cli` in subprocesses. NEWSARCHIVE_TEST_PAUSE
(search/indexer.py, `_test_pause`) holds a run at a named point so that it can be killed
there deterministically. The archives are the small ones of test_reindex.py, indexed from
a primed enrichment cache, so no subprocess here needs to load the NER model.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search import Store, indexer, open_index, run_search

from test_reindex import N, apply_state_b, make_index, stored_docs

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, pause: str | None = None, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NEWSARCHIVE_TEST_PAUSE", None)
    if pause:
        env["NEWSARCHIVE_TEST_PAUSE"] = pause
    return subprocess.Popen([sys.executable, "-m", "search.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def reindex(store: Store, *extra: str) -> tuple[int, dict | None, str]:
    p = cli("reindex", "--index", str(store.path), "--json", *extra)
    out, err = p.communicate(timeout=300)
    return p.returncode, (json.loads(out) if p.returncode == 0 else None), err


def paused_reindex(store: Store, point: str) -> subprocess.Popen:
    """A reindex held at `point` (it has printed that it got there)."""
    p = cli("reindex", "--index", str(store.path), "--json", pause=f"{point}:120")
    line = p.stdout.readline()
    if f"test pause at {point}" not in line:
        p.kill()
        out, err = p.communicate()
        pytest.fail(f"the run did not reach {point}: {line}{out}\n{err}")
    return p


def interrupted(point: str, *args: str) -> tuple[int, str]:
    """The exit code and standard error of the command `args`, stopped by Ctrl-C (SIGINT) at `point`."""
    p = cli(*args, pause=f"{point}:120", preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert f"test pause at {point}" in p.stdout.readline()
    os.kill(p.pid, signal.SIGINT)
    err = p.communicate(timeout=60)[1]
    return p.returncode, err


@pytest.fixture(scope="module")
def clean_state_b(tmp_path_factory):
    """State B indexed from scratch, with an empty cache: what every repaired index must equal."""
    tmp = tmp_path_factory.mktemp("clean")
    src = tmp / "news"
    from test_reindex import write_state_a

    write_state_a(src)
    apply_state_b(src)
    store = Store(tmp / "ix")
    indexer.run(store, [str(src)])
    return stored_docs(store.path)


@pytest.mark.parametrize("point", ["enriching", "writing", "before-publish", "after-publish"])
def test_kill_9_then_next_run_repairs(tmp_path, point, clean_state_b):
    src, store = make_index(tmp_path)
    live = store.current_name()
    old_docs = stored_docs(store.path)
    apply_state_b(src)

    p = paused_reindex(store, point)
    os.kill(p.pid, signal.SIGKILL)
    p.communicate()
    assert p.returncode == -signal.SIGKILL

    # The live index still answers, with the old documents (or, killed after the atomic
    # switch, with the complete new ones: never a mix).
    if point == "after-publish":
        assert store.current_name() != live
        assert stored_docs(store.path) == clean_state_b
    else:
        assert store.current_name() == live
        assert stored_docs(store.path) == old_docs
        assert run_search(open_index(store.path), "kestrel").total == 0
        assert len(store.generations()) == 2, "the dead run's generation is still on disk"

    code, result, err = reindex(store)
    assert code == 0, err
    assert result["recovered"]["stale_lock_pid"] == p.pid
    if point != "after-publish":
        assert (result["added"], result["changed"], result["removed"]) == (1, 1, 1)
        assert result["recovered"]["discarded"]
    assert stored_docs(store.path) == clean_state_b  # same ids, same stored text
    assert len(store.generations()) <= 2
    archive = open_index(store.path)
    assert [h.id for h in run_search(archive, "kestrel").hits] == ["news/030.txt"]
    assert run_search(archive, "").total == N

    # And the repaired index is a settled one: the next night is a no-op.
    code, result, err = reindex(store)
    assert code == 0 and (result["unchanged"], result["added"], result["changed"]) == (N, 0, 0), (result, err)


@pytest.mark.parametrize("point", ["enriching", "before-publish"])
def test_sigterm_stops_the_run_cleanly_and_logs_why(tmp_path, point):
    """systemd's stop (and its start timeout) sends SIGTERM: the run died without a line in
    the run log, so /healthz's last_error stayed empty and last_run named the run before. It
    now stops as Ctrl-C does: its generation discarded, the lock freed, the reason logged."""
    src, store = make_index(tmp_path)
    live, old_docs = store.current_name(), stored_docs(store.path)
    apply_state_b(src)
    p = paused_reindex(store, point)
    os.kill(p.pid, signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "stopped by SIGTERM; the live index is unchanged" in err, (p.returncode, err)
    assert store.current_name() == live and store.generations() == [live]
    assert stored_docs(store.path) == old_docs
    assert store.runs()[-1]["error"] == "Terminated: stopped by SIGTERM", store.runs()[-1]
    code, result, err = reindex(store)
    assert code == 0 and "recovered" not in result and (result["added"], result["removed"]) == (1, 1), (result, err)


def test_concurrent_reindex_exits_4_at_once(tmp_path):
    src, store = make_index(tmp_path)
    apply_state_b(src)
    first = paused_reindex(store, "enriching")
    try:
        for args in (["reindex"], ["index", str(src)]):
            t = time.monotonic()
            p = cli(*args, "--index", str(store.path), "--json")
            out, err = p.communicate(timeout=120)
            elapsed = time.monotonic() - t
            assert p.returncode == 4, (out, err)
            assert "in progress" in err and str(first.pid) in err, err
            assert json.loads(out) == {"error": err.strip().removeprefix("newsarchive: "), "exit": 4}, out  # --json
            assert elapsed < 30, f"refused only after {elapsed:.1f}s"  # startup only: it does not wait
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate()
    code, result, err = reindex(store)
    assert code == 0 and result["added"] == 1, err


READER = r"""
import json, sys, time
from pathlib import Path
from search import open_index, run_search
ix, stop = sys.argv[1], Path(sys.argv[2])
archive = open_index(ix)  # one long-lived archive, as in the web app: it follows CURRENT
after = 0
while after < 20:
    if stop.exists():
        after += 1
    try:
        before = archive.current().name
        r = run_search(archive, "kestrel OR Tema7")
        row = [before, archive.current().name, sorted(h.id for h in r.hits), r.total, run_search(archive, "").total]
    except Exception as exc:
        row = ["error", repr(exc)]
    print(json.dumps(row), flush=True)
    time.sleep(0.005)
"""


def test_searches_during_reindex_switch_once(tmp_path):
    src, store = make_index(tmp_path)
    old = store.current_name()
    apply_state_b(src)
    stop = tmp_path / "stop"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = tmp_path / "searches.jsonl"  # a file, not a pipe: the reader never blocks on its output
    with open(log, "w") as fh:
        reader = subprocess.Popen([sys.executable, "-c", READER, str(store.path), str(stop)], cwd=ROOT, env=env,
                                  stdout=fh, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while log.stat().st_size == 0 and reader.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert log.stat().st_size > 0, "the reader started"
        # Hold the finished generation a moment before the switch: searches run on both sides of it.
        p = cli("reindex", "--index", str(store.path), "--json", pause="before-publish:1")
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        new = json.loads(out[out.index("{"):])["generation"]
        stop.touch()
        _, err = reader.communicate(timeout=120)
    finally:
        if reader.poll() is None:
            reader.kill()
    rows = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert reader.returncode == 0, err
    errors = [r for r in rows if r[0] == "error"]
    assert not errors, errors[:3]
    # The generation each search started and ended on: old ... old, new ... new.
    gens = [g for r in rows for g in r[:2]]
    assert gens[0] == old and gens[-1] == new, (gens[0], gens[-1])
    assert sum(1 for a, b in zip(gens, gens[1:]) if a != b) == 1, "the generation switches once"
    # Every search sees one whole generation (Tema7 deleted, kestrel added): never a mix.
    hits = [tuple(r[2]) for r in rows]
    assert set(hits) == {("news/007.txt",), ("news/030.txt",)}, set(hits)
    assert sum(1 for a, b in zip(hits, hits[1:]) if a != b) == 1, "results switch from old to new once"
    assert all(r[3] == 1 and r[4] == N for r in rows)
    for r in rows:
        if r[0] == r[1]:
            assert hits[rows.index(r)] == (("news/007.txt",) if r[0] == old else ("news/030.txt",))
    assert len(rows) > 40 and hits.count(("news/007.txt",)) > 5 and hits.count(("news/030.txt",)) > 5


FORKER = r"""
import multiprocessing, os, signal, sys, time
from search import Store
with Store(sys.argv[1]).lock():
    child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(300,))
    child.start()  # as Whoosh's multiprocess writer does: a forked child, blocked
    print(child.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_lock_of_a_killed_run_is_free_even_with_forked_children_alive(tmp_path):
    """flock is shared with forked children; a child outliving its killed parent must not
    keep the index locked (every later run would exit 4)."""
    src, store = make_index(tmp_path)
    p = subprocess.Popen([sys.executable, "-c", FORKER, str(store.path)], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    child = int(p.stdout.readline())
    p.wait(timeout=60)
    try:
        assert p.returncode == -signal.SIGKILL
        os.kill(child, 0)  # the orphan is still alive
        apply_state_b(src)
        code, result, err = reindex(store)
        assert code == 0, err
        assert result["recovered"]["stale_lock_pid"] == p.pid and result["added"] == 1
    finally:
        try:
            os.kill(child, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_kill_9_while_enrichment_cache_is_being_written(tmp_path):
    """Stage 2 commits its cache in batches: a run killed after some batches leaves
    entries keyed by content, which the next run may use as they are. Its result must
    still equal a build from scratch with an empty cache."""
    import sqlite3
    import uuid

    from test_reindex import story

    src, store = make_index(tmp_path)
    live = store.current_name()
    old_docs = stored_docs(store.path)
    nonce = uuid.uuid4().hex[:8]  # text no cache has seen: this run has to compute it
    for i in range(100, 200):
        (src / f"{i}.txt").write_text(story(i, f" Reference {nonce}-{i}."))

    def stage2_rows() -> int:
        con = sqlite3.connect(f"file:{store.path / 'cache.sqlite'}?mode=ro", uri=True, timeout=30)
        try:
            return con.execute("SELECT count(*) FROM stage2").fetchone()[0]
        finally:
            con.close()

    before = stage2_rows()
    p = cli("reindex", "--index", str(store.path), "--json")
    deadline = time.monotonic() + 600
    while stage2_rows() == before:  # until the first batch of results is committed
        assert p.poll() is None, "the run finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.communicate()
    assert store.current_name() == live and stored_docs(store.path) == old_docs

    code, result, err = reindex(store)
    assert code == 0, err
    assert result["added"] == 100 and result["recovered"]["stale_lock_pid"] == p.pid
    clean = Store(tmp_path / "clean")
    indexer.run(clean, [str(src)])  # an empty cache: everything computed afresh
    assert stored_docs(store.path) == stored_docs(clean.path)


def test_a_source_whose_first_run_was_killed_is_named_by_stats(tmp_path):
    """`index wire` killed mid-run: the source is recorded (the nightly reindex picks it up)
    but none of its articles is in; stats and /healthz listed it as any other source."""
    from click.testing import CliRunner

    from search import stats
    from search.cli import cli as newsarchive
    from web import create_app

    from test_reindex import NEW

    _, store = make_index(tmp_path)
    wire = tmp_path / "wire"
    wire.mkdir()
    (wire / "kestrel.txt").write_text(NEW)
    p = cli("index", str(wire), "--index", str(store.path), pause="enriching:120")
    assert "test pause at enriching" in p.stdout.readline()
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert str(wire) in store.sources()
    assert stats(open_index(store.path))["unindexed_sources"] == [str(wire)]
    out = CliRunner().invoke(newsarchive, ["stats", "--index", str(store.path)]).output
    assert f"no articles indexed from {wire}" in " ".join(out.split())
    health = create_app({"INDEX": str(store.path)}).test_client().get("/healthz").get_json()
    assert health["unindexed_sources"] == [str(wire)]
    indexer.run(store, None)
    assert stats(open_index(store.path))["unindexed_sources"] == []


def test_a_command_that_fails_under_the_lock_leaves_the_dead_run_for_the_next_to_report(tmp_path):
    """A run killed with -9 leaves its pid in the lock file; the next run reports it. A
    `forget` of a path that is no source (exit 2) took the lock first, emptied the file on
    its way out, and the dead run went unreported."""
    _, store = make_index(tmp_path)
    (store.path / "lock").write_text("424242")  # what a killed run leaves: its pid, no flock
    with pytest.raises(indexer.NotASource):
        indexer.run(store, forget=[str(tmp_path / "not-a-source")])
    result = indexer.run(store, None)
    assert result["recovered"]["stale_lock_pid"] == 424242
    assert "recovered" not in indexer.run(store, None)  # reported once


def test_a_run_killed_before_publishing_deletes_no_cache_entry_of_the_release_before(tmp_path):
    """The cache entries of the code before are deleted once a run has published (a user who
    goes back to the release before after a failed upgrade finds them), not before."""
    import sqlite3

    src, store = make_index(tmp_path)
    cache = store.path / "cache.sqlite"
    con = sqlite3.connect(cache)  # the entries as a release with other code had computed them
    for table in ("stage1", "stage2", "model"):
        columns = "key, keys, data" if table == "stage1" else "key, data"
        con.execute(f"INSERT INTO {table} SELECT substr(key, 1, length(key) - 12) || 'e1de1de1de1d', "
                    f"{columns.partition(', ')[2]} FROM {table}")
    con.execute("DROP TABLE IF EXISTS pruned")  # that release's cache had never been pruned
    con.commit()

    def older() -> int:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=30) as ro:
            return sum(ro.execute(f"SELECT count(*) FROM {t} WHERE key LIKE '%:e1de1de1de1d'").fetchone()[0]
                       for t in ("stage1", "stage2", "model"))

    n = older()
    assert n > 0
    p = cli("reindex", "--index", str(store.path), "--full", "--json", pause="before-publish:120")
    assert "test pause at before-publish" in p.stdout.readline()
    os.kill(p.pid, signal.SIGKILL)
    p.communicate()
    assert older() == n
    code, result, err = reindex(store, "--full")
    assert code == 0, err
    assert older() == 0 and result["cache_pruned"]["rows"] == n, result


def test_a_refused_run_leaves_the_directory_it_found_made_to_the_run_holding_it(tmp_path):
    """Two runs started at once on a new index directory: the one refused (exit 4, another run
    in progress) had noted the directory as missing, so as its own, and on its way out removed
    the lock file and folder of the run holding the lock: a third run then took a fresh lock
    beside it. A run cleans up only what no run holds. The run held here is a real one's lock."""
    new = tmp_path / "a" / "ix"
    refused = cli("index", "--index", str(new), str(tmp_path / "no such path"), "--json", pause="before-lock:3")
    line = refused.stdout.readline()
    assert "test pause at before-lock" in line, line + refused.communicate()[1]
    holder = Store(new)
    with holder.lock():  # a run starting at the same moment, holding its lock
        lock = os.stat(new / "lock")
        out, err = refused.communicate(timeout=60)
        assert refused.returncode == 4 and "another index run is in progress" in err, (refused.returncode, err)
        assert (new / "lock").exists() and os.stat(new / "lock").st_ino == lock.st_ino, sorted(tmp_path.rglob("*"))
    # the holder's own run would end as it does; the refused one took nothing of it
    assert new.is_dir()


def test_ctrl_c_stops_the_run_and_logs_that_it_was_interrupted(tmp_path):
    """Ctrl-C during a run was logged as "KeyboardInterrupt: ", and `stats` showed "reindex
    failed: KeyboardInterrupt: " with nothing after it; it now says the run was interrupted,
    as the command line did."""
    src, store = make_index(tmp_path)
    live = store.current_name()
    apply_state_b(src)
    # SIGINT as a terminal sends it (a suite run in the background has it ignored)
    p = cli("reindex", "--index", str(store.path), "--json", pause="enriching:120",
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert "test pause at enriching" in p.stdout.readline()
    os.kill(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "interrupted; the live index is unchanged" in err, (p.returncode, err)
    assert store.current_name() == live and store.generations() == [live]
    assert store.runs(1)[0]["error"] == "KeyboardInterrupt: interrupted", store.runs(1)
    stats = cli("stats", "--index", str(store.path))
    out, err = stats.communicate(timeout=60)
    assert "reindex failed: KeyboardInterrupt: interrupted" in out, (out, err)


def test_ctrl_c_stopping_a_first_run_says_no_index_was_made(tmp_path):
    """Ctrl-C during the first run into a new folder said "the live index is unchanged": there
    was none. It says no index was made, that nothing is lost, and that the cache kept is for the
    next run."""
    src, ix = tmp_path / "news", tmp_path / "ix"
    from test_reindex import write_state_a

    write_state_a(src)
    code, err = interrupted("enriching", "index", str(src), "--index", str(ix))
    assert code == 1 and "live index" not in err, (code, err)
    assert (f"interrupted; no index was made at {ix} (there was none before: nothing is lost); its cache, "
            f"{ix / 'cache.sqlite'}, is kept for the next run to reuse the work done") in err, err
    store = Store(ix)
    assert store.current_name() is None and store.generations() == []
    assert store.runs(1)[0]["error"] == "KeyboardInterrupt: interrupted", store.runs(1)



def test_ctrl_c_stopping_a_first_run_before_any_work_leaves_nothing_it_made(tmp_path):
    """Ctrl-C stopping a first run once it had made its cache, before its first result, left its
    folder (lock, list of sources, run log, an empty cache.sqlite) and said only that the cache was
    empty and could be removed: every command then took the folder for an index whose first run had
    not finished. What the run made holds nothing of value: the empty cache is removed, and with it
    the folder the run made; the words say no index was made, and nothing of a cache."""
    src, ix = tmp_path / "news", tmp_path / "ix"
    from test_reindex import write_state_a

    write_state_a(src)
    code, err = interrupted("cache-opened", "index", str(src), "--index", str(ix))
    assert code == 1 and "Traceback" not in err, (code, err)
    assert err.rstrip().endswith(f"interrupted; no index was made at {ix} (there was none before: nothing is lost)"), err
    assert not ix.exists(), sorted(ix.iterdir())


def test_ctrl_c_stopping_a_first_run_keeps_an_empty_cache_that_was_there_before(tmp_path):
    """The empty cache a run removes is the one it made (the system said no file was there when it
    started, as 21f87b5 decided): one there before, here an empty cache an earlier run left beside
    a file of the user's beside it, is kept: the folder of a user's file is refused before any run
    (a55fd6c), and an empty cache alone is kept and said as empty (nothing to reuse, removing it
    loses nothing)."""
    from search.cache import Cache
    from test_reindex import write_state_a

    src, ix = tmp_path / "news", tmp_path / "ix"
    write_state_a(src)
    ix.mkdir()
    Cache(ix / "cache.sqlite").close()
    (ix / "notes.txt").write_text("the desk's\n", encoding="utf-8")
    p = cli("index", str(src), "--index", str(ix))
    err = p.communicate(timeout=300)[1]
    assert p.returncode == 3 and "it holds other files (notes.txt)" in err, err
    assert (ix / "cache.sqlite").is_file() and (ix / "notes.txt").read_text(encoding="utf-8") == "the desk's\n"
    (ix / "notes.txt").unlink()
    code, err = interrupted("cache-opened", "index", str(src), "--index", str(ix))
    assert code == 1 and "reuse the work done" not in err, (code, err)
    assert (f"interrupted; no index was made at {ix} (there was none before: nothing is lost); its cache, "
            f"{ix / 'cache.sqlite'}, is empty (the run stopped before any work was done): nothing is kept for "
            "the next run to reuse, and removing the file loses nothing") in err, err
    assert (ix / "cache.sqlite").is_file()
    assert Store(ix).current_name() is None


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs prlimit (Linux)")
def test_a_first_run_whose_catalog_cannot_be_written_says_no_index_was_made(tmp_path):
    """A first run whose new generation's catalog could not be written (the disk full midway: no
    file may grow past 12 KB once its Whoosh index is written, RLIMIT_FSIZE) said "the live index
    is unchanged", where there was none. It says no index was made and that nothing is lost, as
    Ctrl-C stopping a first run says."""
    src, ix = tmp_path / "news", tmp_path / "ix"
    from test_reindex import write_state_a

    write_state_a(src)
    p = cli("index", str(src), "--index", str(ix), pause="writing:3")
    assert "test pause at writing" in p.stdout.readline()
    resource.prlimit(p.pid, resource.RLIMIT_FSIZE, (12 << 10, resource.RLIM_INFINITY))
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "Traceback" not in err, (p.returncode, err)
    assert "the new generation's catalog cannot be used (" in err and (
        f"); no index was made at {ix} (there was none before: nothing is lost): "
        f"{ix / 'gen-000001' / 'catalog.sqlite'}") in err, err
    assert "live index" not in err, err
    assert Store(ix).current_name() is None and Store(ix).generations() == []

def test_ctrl_c_in_an_append_only_folder_says_what_the_run_left(tmp_path):
    """A run stopped by Ctrl-C in an index folder made append-only (chattr +a) cannot remove the
    generation it was making: a failed run names it and how to remove it (010afb1), and Ctrl-C
    said "interrupted; the live index is unchanged" alone, gen-000002 kept there unsaid."""
    from test_cache_unusable import _an_article_no_cache_holds, _chattr

    src, store = make_index(tmp_path)
    _an_article_no_cache_holds(src)
    live = store.current_name()
    with _chattr(store.path, "a"):
        code, err = interrupted("enriching", "reindex", "--index", str(store.path))
    gen = store.path / "gen-000002"
    assert code == 1, (code, err)
    assert (f"interrupted; the live index is unchanged; left behind, as the index folder refused their removal: "
            f"{gen}; the next index run removes them once the folder lets it") in err, err
    assert gen.is_dir() and store.current_name() == live
    assert indexer.run(store, None)["changed"] == 1  # lifted: the run is done, gen-000002 pruned and made again


def test_ctrl_c_once_the_run_has_published_says_the_index_holds_its_work(tmp_path):
    """Ctrl-C after a reindex had made its generation live (while the cache was pruned, or the
    run logged) said "interrupted; the live index is unchanged": it had changed, and the operator
    took the run's work for lost. It names the generation the run published."""
    src, store = make_index(tmp_path)
    apply_state_b(src)
    code, err = interrupted("after-publish", "reindex", "--index", str(store.path))
    assert code == 1 and "unchanged" not in err, (code, err)
    assert (f"interrupted; the run had published gen-000002 before it stopped: the index at {store.path} holds "
            "its work") in err, err
    assert store.current_name() == "gen-000002"

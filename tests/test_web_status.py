"""The "Index status" page: the index's state for a reader, as `newsarchive stats` gives it."""
from __future__ import annotations

import json
import os
import re

from web import create_app

from conftest import SEEDS


def test_index_status_is_a_page_with_its_json_twin(seeds_index):
    """The footer's "Index status" led to /healthz: a monitor's JSON, every run's stage timings
    on one line, shown raw to a reader who asked what the archive holds."""
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert '<a href="/status">Index status</a>' in client.get("/").get_data(as_text=True)
    r = client.get("/status")
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "5 articles" in text and str(SEEDS) in text
    assert re.search(r"UTC index 5 0 0 0 [\d.]+", text), text  # the run that built it: 5 added
    assert '<a href="/healthz">This page as JSON</a>' in page
    assert client.get("/healthz").get_json()["documents"] == 5  # the twin is unchanged


def test_index_status_of_a_missing_index_is_the_error_page(tmp_path):
    r = create_app({"INDEX": str(tmp_path / "nope")}).test_client().get("/status")
    assert r.status_code == 503 and "Traceback" not in r.get_data(as_text=True)


def test_a_source_with_no_article_is_explained_as_stats_explains_it_and_listed_in_the_twin(tmp_path):
    """The page named two reasons for a source with no article ("it holds no file to read, or
    none of its files could be read"), where `stats` names four (a source read through a link,
    or added by a run that did not finish, is neither of those two); and its JSON twin gave
    only the sources with no article, not the list the page shows, nor why (`stats --json`
    gives `unindexed_why`)."""
    from click.testing import CliRunner

    from search.cli import cli

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a"), str(tmp_path / "empty")]).exit_code == 0
    client = create_app({"INDEX": str(ix)}).test_client()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/status").get_data(as_text=True)))
    # the run that built the generation read the folder and said why (11e9579): both say it
    why = "the last run found no file in it to read"
    assert f"{tmp_path / 'empty'} : no article indexed from it yet: {why}" in text, text
    twin = client.get("/healthz").get_json()
    assert twin["sources"] == [str(tmp_path / "a"), str(tmp_path / "empty")]
    assert twin["unindexed_sources"] == [str(tmp_path / "empty")]
    assert list(twin["unindexed_why"]) == [str(tmp_path / "empty")]
    assert twin["unindexed_why"][str(tmp_path / "empty")].startswith(why)
    assert json.loads(CliRunner().invoke(cli, ["stats", "--index", str(ix), "--json"]).stdout)["unindexed_why"] == \
        twin["unindexed_why"]
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)]).output
    assert f"no articles indexed from {tmp_path / 'empty'}: {why}" in re.sub(r"\s+", " ", stats), stats


def test_a_run_log_line_that_is_json_but_no_run_is_passed_over(tmp_path):
    """A line of runs.jsonl garbled into JSON that is no object ("0", "[1]") made /healthz
    and `stats` internal errors ("'list' object has no attribute 'get'"), where a line that is
    no JSON at all is passed over."""
    from click.testing import CliRunner

    from search.cli import cli

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")]).exit_code == 0
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write("[1]\n0\n")
    client = create_app({"INDEX": str(ix)}).test_client()
    r = client.get("/healthz")
    assert r.status_code == 200 and [run["command"] for run in r.get_json()["runs"]] == ["index"]
    assert client.get("/status").status_code == 200
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)])
    assert stats.exit_code == 0 and "run " in stats.output, stats.output



def test_a_run_log_line_of_json_that_is_no_run_is_passed_over_and_counted(tmp_path):
    """A line of runs.jsonl that is a JSON object but no run (edited by hand: no time nor command
    of a run, `{"command": 5, "error": 3}`, `{"x": 1}`) was listed by `stats` as "run None: 5
    failed: 3 (Nones)" and "run None:  +0 ~0 -0 (Nones)", and by /status and /healthz as runs.
    They are passed over, counted in one line of warning (stderr; `run_log_warning`)."""
    from click.testing import CliRunner

    from search.cli import cli

    ix, run = _index_of_one_article(tmp_path)
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"command": 5, "error": 3}) + "\n" + json.dumps({"x": 1}) + "\n")
    warning = "2 of the last 3 lines of the run log are no run (cut short, garbled or edited by hand): passed over"
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)])
    assert stats.exit_code == 0 and "None" not in stats.stdout, stats.output
    assert [line for line in stats.stdout.splitlines() if line.startswith("  run ")] == [
        f"  run {run['finished']}: index +1 ~0 -0 ({run['seconds']}s)"], stats.stdout
    assert stats.stderr == f"newsarchive: warning: {warning}\n", stats.stderr
    client = create_app({"INDEX": str(ix)}).test_client()
    health = client.get("/healthz").get_json()
    assert [r["command"] for r in health["runs"]] == ["index"] and health["run_log_warning"] == warning
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/status").get_data(as_text=True)))
    assert f"Warning: {warning}" in text and "None" not in text, text


def test_a_blank_line_of_the_run_log_is_no_line_warned_of(tmp_path):
    """A run log edited by hand keeps a blank line (an editor's, `echo >> runs.jsonl`): since
    60ef751 it was "1 of the last 2 lines of the run log is no run (cut short, garbled or edited
    by hand)" on `stats`' stderr, /status and /healthz, and took a run's place among the last
    five. A blank line is no line: the run is listed, no warning."""
    from click.testing import CliRunner

    from search.cli import cli

    ix, run = _index_of_one_article(tmp_path)
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write("\n  \n")
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)])
    assert stats.exit_code == 0 and stats.stderr == "", stats.stderr
    health = create_app({"INDEX": str(ix)}).test_client().get("/healthz").get_json()
    assert [r["command"] for r in health["runs"]] == ["index"] and health["run_log_warning"] is None, health


def test_a_run_log_that_cannot_be_read_leaves_the_counts_said_with_a_warning(tmp_path):
    """runs.jsonl a folder (made by hand, a restore gone wrong): `stats` said "newsarchive: Is a
    directory: IX/runs.jsonl" and no more (exit 1), the index's counts unsaid, and /status and
    /healthz were internal errors (500). They say the index as before, no run, and one line of
    warning about the run log (stderr; `run_log_warning` in the JSON)."""
    from click.testing import CliRunner

    from search.cli import cli

    ix, _run = _index_of_one_article(tmp_path)
    (ix / "runs.jsonl").unlink()
    (ix / "runs.jsonl").mkdir()
    warning = "the run log (runs.jsonl in the index folder) cannot be read: Is a directory; no run is listed"
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)])
    assert stats.exit_code == 0, stats.output
    assert stats.stdout.startswith("1 document in ") and f"source: {tmp_path / 'a'}: 1 article" in stats.stdout, stats.stdout
    assert stats.stderr == f"newsarchive: warning: {warning}\n", stats.stderr
    twin = json.loads(CliRunner().invoke(cli, ["stats", "--index", str(ix), "--json"]).stdout)
    assert twin["documents"] == 1 and twin["runs"] == [] and twin["run_log_warning"] == warning
    client = create_app({"INDEX": str(ix)}).test_client()
    page = client.get("/status")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.get_data(as_text=True)))
    assert page.status_code == 200 and "1 article" in text and f"Warning: {warning}" in text, text
    assert "No run recorded" not in text
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["run_log_warning"] == warning
    assert health.get_json()["documents"] == 1 and health.get_json()["last_run"] is None


# the size of a log whose first part a crash left as NUL bytes (a hole: no disk)
HOLE = 64 << 20


def _index_of_one_article(tmp_path):
    """A real index of one article, and the run its log holds (a line to write others from)."""
    from click.testing import CliRunner

    from search.cli import cli

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")]).exit_code == 0
    return ix, json.loads((ix / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])


def _healthz_and_peak(client):
    """/healthz's JSON, and the memory peak of the request (the index opened by one before)."""
    import tracemalloc

    assert client.get("/healthz").status_code == 200  # the index opened: what is measured is the log
    tracemalloc.start()
    try:
        twin = client.get("/healthz").get_json()
        return twin, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_run_log_is_read_from_its_end(tmp_path):
    """/status and /healthz read the whole of runs.jsonl to show its last five runs: a nightly
    job adds a line a night for years. A log of 64 MB whose early part is garbled (a line cut
    short, bytes no UTF-8, a run of NUL bytes a crash left) still gives its last runs, read
    from its end: the request's memory peak stays far below the log's size."""
    ix, run = _index_of_one_article(tmp_path)
    nights = [f"2031-01-{day:02d}T02:00:00Z" for day in range(1, 8)]
    with open(ix / "runs.jsonl", "wb") as fh:
        fh.write(b'{"finished": "2001-01-01T00:00:00Z", "command": "ind\n\xff\xfe\x00garbled\n')
        fh.seek(HOLE)
        fh.write(b"\n" + b"".join(json.dumps({**run, "command": "reindex", "finished": n}).encode() + b"\n"
                                  for n in nights))
    client = create_app({"INDEX": str(ix)}).test_client()
    twin, peak = _healthz_and_peak(client)
    assert peak < HOLE // 8, peak
    assert [r["finished"] for r in twin["runs"]] == nights[-5:]
    assert twin["last_run"] == twin["last_reindex"] == nights[-1]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/status").get_data(as_text=True)))
    assert re.search(r"2031-01-07 02:00:00 UTC reindex 1 0 0 0 ", text), text
    assert "2031-01-02" not in text and "2001-01-01" not in text


def test_the_last_reindex_is_found_however_far_back_the_log_holds_it(tmp_path):
    """/healthz's last_reindex (what a monitor of the nightly job reads) was looked for in the
    last five runs only: a reindex followed by five other runs was null, as if the nightly
    job had never worked; so was last_run after five failed runs. Both are found however far
    back the log holds them, read from its end past 64 MB of NUL bytes a crash left, the
    request's memory peak far below the log's size."""
    ix, run = _index_of_one_article(tmp_path)

    def line(**fields) -> bytes:
        return json.dumps({**run, **fields}).encode() + b"\n"

    reindexed, indexed = "2031-01-01T02:00:00Z", "2031-01-03T09:00:00Z"
    failed = [f"2031-01-{day:02d}T02:00:00Z" for day in range(4, 9)]
    with open(ix / "runs.jsonl", "wb") as fh:
        fh.write(line(command="reindex", finished=reindexed) + line(command="reindex", finished="2031-01-02T02:00:00Z",
                                                                      error="OSError: No space left on device"))
        fh.seek(HOLE)
        fh.write(b"\n" + line(command="index", finished=indexed)
                 + b"".join(line(command="reindex", finished=f, error="OSError: Input/output error") for f in failed))
    twin, peak = _healthz_and_peak(create_app({"INDEX": str(ix)}).test_client())
    assert peak < HOLE // 8, peak
    assert [r["finished"] for r in twin["runs"]] == failed
    assert twin["last_reindex"] == reindexed and twin["last_run"] == indexed
    assert twin["last_error"] == {"finished": failed[-1], "error": "OSError: Input/output error"}


def test_the_log_read_from_its_end_gives_the_lines_splitlines_does(tmp_path):
    """Read a block at a time from its end, a line break split between two blocks ("\\r" in
    one, "\\n" in the next) is one break still, and a line across many blocks is whole."""
    from search.store import lines_from_end

    data = b'{"a": 1}\r\n\r\n{"b": 2}\rx\n\n' + b"y" * 40 + b"\r\nz"
    path = tmp_path / "runs.jsonl"
    path.write_bytes(data)
    for block in range(1, len(data) + 2):
        assert list(lines_from_end(path, block=block)) == data.splitlines()[::-1], block
    assert list(lines_from_end(path, block=3, longest=16)) == [b"z", b"", b"x", b'{"b": 2}', b"", b'{"a": 1}']


def test_the_last_reindex_that_worked_is_found_behind_the_runs_refused_while_it_ran(tmp_path):
    """/healthz's `last_reindex` and `last_run` were looked for among the last five runs alone:
    a nightly `reindex` that worked was null there (a monitor's alarm) once five runs were refused
    while another held the lock (a cron `index` every few minutes, each now logged as IndexBusy),
    or after five hourly `index` runs. They are now the last that worked however far back; a line
    of megabytes with no line break (a crash's NUL bytes) is passed over, not held in memory."""
    from click.testing import CliRunner

    from search.cli import cli
    from search.store import Store

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")]).exit_code == 0
    assert CliRunner().invoke(cli, ["reindex", "--index", str(ix)]).exit_code == 0
    store = Store(ix)
    worked = store.runs(1)[0]
    assert worked["command"] == "reindex" and "error" not in worked
    with store.lock():
        for _ in range(6):
            refused = CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")])
            assert refused.exit_code == 4, refused.output
    client = create_app({"INDEX": str(ix)}).test_client()
    twin = client.get("/healthz").get_json()
    assert all("another index run is in progress" in r["refused"] for r in twin["runs"]), twin["runs"]
    assert twin["last_reindex"] == worked["finished"]
    assert twin["last_run"] == worked["finished"]
    assert twin["last_error"] is None  # refused, not failed

    # no reindex ever worked, the log's start one line of 16 MB: null, read a block at a time
    size = 16 << 20
    index_run = json.dumps({**worked, "command": "index"}).encode()
    with open(ix / "runs.jsonl", "wb") as fh:
        fh.write(index_run + b"\n")
        fh.seek(size)  # a hole: NUL bytes on reading, no disk
        fh.write(b"\n" + index_run + b"\n" + b"x" * 100 + b"\n")
    twin, peak = _healthz_and_peak(client)
    assert peak < size // 2, peak  # store.lines_from_end holds a few 1 MB blocks at most
    assert twin["last_reindex"] is None
    assert twin["last_run"] == worked["finished"]
    assert [r["command"] for r in Store(ix).runs(5)] == ["index", "index"]


def test_a_run_refused_while_another_held_the_lock_is_no_error(tmp_path):
    """A run refused because another run held the lock (exit 4) was logged as a failure
    ("error": "IndexBusy: ..."): /healthz's `last_error` showed it for the next five runs though
    the run holding the lock worked, `stats` said "reindex failed: IndexBusy: ...", and a cron
    monitor saw a failed index that was fine. Its line now says "refused", which /healthz lists
    in `runs` and not as `last_error`, and `stats` and /status say "refused: another run was in
    progress"; an older line's "error": "IndexBusy: ..." is read as a refusal too (it was a failure)."""
    from click.testing import CliRunner

    from search.cli import cli
    from search.store import Store

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")]).exit_code == 0
    store = Store(ix)
    with store.lock():  # a real lock, held as a running reindex holds it
        refused = CliRunner().invoke(cli, ["reindex", "--index", str(ix)])
        assert refused.exit_code == 4, refused.output
    assert CliRunner().invoke(cli, ["reindex", "--index", str(ix)]).exit_code == 0  # the holder's, say
    client = create_app({"INDEX": str(ix)}).test_client()
    twin = client.get("/healthz").get_json()
    assert [r["command"] for r in twin["runs"]] == ["index", "reindex", "reindex"]
    assert twin["runs"][1]["refused"] == f"another index run is in progress on {ix} (pid {os.getpid()})"
    assert "error" not in twin["runs"][1]
    assert twin["last_error"] is None
    assert twin["last_reindex"] == twin["last_run"] == twin["runs"][2]["finished"]
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)])
    assert "reindex refused: another run was in progress" in stats.output and "failed" not in stats.output, stats.output
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/status").get_data(as_text=True)))
    assert "reindex refused: another run was in progress" in text and "failed" not in text, text

    # a refused run alone since the last that worked: it is neither the last run nor the last reindex
    with store.lock():
        assert CliRunner().invoke(cli, ["reindex", "--index", str(ix)]).exit_code == 4
    again = client.get("/healthz").get_json()
    assert "refused" in again["runs"][-1] and again["last_error"] is None
    assert again["last_reindex"] == again["last_run"] == twin["last_reindex"]

    # a line logged before "refused" was: read as a refusal too, no failure (it was last_error, and
    # `stats` said "reindex failed: IndexBusy: ..."); a CacheBusy (a cache locked) is a failure still
    old = {"finished": "2026-12-01T02:00:00Z", "command": "reindex", "full": False,
           "error": f"IndexBusy: another index run is in progress on {ix} (pid 4242)", "seconds": 0.01}
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(old) + "\n")
    again = client.get("/healthz").get_json()
    assert again["last_error"] is None and again["runs"][-1]["refused"] == old["error"][len("IndexBusy: "):], again
    assert "error" not in again["runs"][-1] and again["last_run"] == twin["last_run"]
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)])
    assert "reindex refused: another run was in progress" in stats.output and "failed" not in stats.output, stats.output
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/status").get_data(as_text=True)))
    assert "failed" not in text, text
    busy = {**old, "error": f"CacheBusy: the enrichment cache {ix}/cache.sqlite is locked by another process"}
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(busy) + "\n")
    assert client.get("/healthz").get_json()["last_error"] == {"finished": busy["finished"], "error": busy["error"]}


def test_a_run_s_counts_read_as_the_article_count_above_them(tmp_path):
    """The runs table read "19043" added under "19,043 articles" (and 1523.5 seconds bare): each
    number now has its thousands comma, as every count on a page does; a log line edited by hand
    into other values is shown as it is, as before."""
    ix, run = _index_of_one_article(tmp_path)
    big = {**run, "added": 19043, "changed": 1200, "removed": 1001, "failed": 2500, "seconds": 1523.5}
    odd = {**run, "added": "many"}
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(big) + "\n" + json.dumps(odd) + "\n")
    r = create_app({"INDEX": str(ix)}).test_client().get("/status")
    assert r.status_code == 200
    rows = re.findall(r"<tr><td>.*?</tr>", r.get_data(as_text=True), re.S)
    cells = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td class="num">(.*?)</td>', row)] for row in rows]
    assert cells[:2] == [["many", "0", "0", "0", str(run["seconds"])], ["19,043", "1,200", "1,001", "2,500", "1,523.5"]], cells


def write_two_sources(tmp_path) -> None:
    """A folder "notes" of one article and a folder "wire" of a JSON Lines file of three."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                                "in Moscow, officials said.\n", encoding="utf-8")
    (tmp_path / "wire").mkdir()
    with open(tmp_path / "wire" / "feed.jsonl", "w", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": str(i), "title": f"Harbour report {i}", "text": f"The harbour published report {i}."}) + "\n")


def test_each_source_is_listed_with_its_articles(tmp_path):
    """The status page listed the sources by their folders alone: how many articles each gave
    the archive was on no page, nor in /healthz. Each is listed with its count, as the catalog
    of the live generation holds them, and the counts add up to the archive's."""
    write_two_sources(tmp_path)
    from search import Store, indexer

    assert indexer.run(Store(tmp_path / "ix"), [str(tmp_path / "notes"), str(tmp_path / "wire")])["indexed"] == 4
    client = create_app({"INDEX": str(tmp_path / "ix")}).test_client()
    html = client.get("/status").get_data(as_text=True)
    listed = re.findall(r"<li><code>(.*?)</code>(.*?)</li>", html)
    assert listed == [(str(tmp_path / "notes"), ": 1 article"), (str(tmp_path / "wire"), ": 3 articles")], listed
    twin = client.get("/healthz").get_json()
    assert twin["source_documents"] == {str(tmp_path / "notes"): 1, str(tmp_path / "wire"): 3}
    assert sum(twin["source_documents"].values()) == twin["documents"]


def _hide_a_reindex_that_worked(log, failed: dict) -> None:
    """The log's last line, the run `failed`, rewritten in place as a reindex that worked an hour
    later, to the same length and with the log's time put back: its version (inode, size, time)
    unchanged, so only a /healthz that reads the log again sees it."""
    line = json.dumps(failed) + "\n"
    hidden = {**failed, "finished": "2026-12-01T03:00:00Z"}
    del hidden["error"]
    rewritten = json.dumps(hidden).ljust(len(line) - 1) + "\n"
    assert len(rewritten) == len(line)
    before = os.stat(log)
    with open(log, "r+b") as fh:
        fh.seek(before.st_size - len(line))
        fh.write(rewritten.encode("utf-8"))
    os.utime(log, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert json.loads(log.read_text(encoding="utf-8").splitlines()[-1])["finished"] == hidden["finished"]


def test_healthz_reads_a_log_where_no_reindex_worked_once_a_run_not_at_every_request(tmp_path):
    """A nightly reindex failing since the index was made: /healthz looked for the last that worked
    through the whole run log at every request (0.17 s of CPU for 20,000 runs, a monitor polling
    each minute). The answer is read once a version of the log (its inode, size and modification
    time): a line rewritten in place to the same length, its time put back, is not read again, as a
    log read at every request would read it; a line appended is read at once."""
    from click.testing import CliRunner

    from search.cli import cli

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")]).exit_code == 0
    failed = {"finished": "2026-12-01T02:00:00Z", "command": "reindex", "full": False,
              "error": "OSError: No space left on device", "seconds": 0.5, "generation": "gen-000001"}
    log = ix / "runs.jsonl"
    with open(log, "a", encoding="utf-8") as fh:
        fh.write((json.dumps(failed) + "\n") * 20_000)
    client = create_app({"INDEX": str(ix)}).test_client()
    twin = client.get("/healthz").get_json()
    assert twin["last_reindex"] is None and twin["last_error"]["error"] == failed["error"]

    # the 20,000th failure rewritten in place as a reindex that worked, the log's size and time kept
    _hide_a_reindex_that_worked(log, failed)
    assert client.get("/healthz").get_json()["last_reindex"] is None  # remembered, not read again

    worked = {**failed, "finished": "2026-12-02T02:00:00Z", "added": 0}
    del worked["error"]
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(worked) + "\n")
    twin = client.get("/healthz").get_json()
    assert twin["last_reindex"] == twin["last_run"] == worked["finished"], twin


def test_healthz_of_one_index_of_seventeen_served_reads_its_log_once_a_run(tmp_path):
    """/healthz remembered the runs that worked for 16 versions of run logs, and cleared them all
    when full: a process serving 17 indexes, each polled in turn, cleared the memo at every
    request and read every index's whole log again each time. Each index's answer is now kept
    until its own log changes: the first index's last line, rewritten in place (same length, same
    time), is not read again however many other indexes are asked; a line appended is read."""
    import shutil

    first, run = _index_of_one_article(tmp_path)
    failed = {**run, "finished": "2026-12-01T02:00:00Z", "command": "reindex", "error": "OSError: No space left on device"}
    with open(first / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(failed) + "\n")
    others = []
    for i in range(16):
        shutil.copytree(first, tmp_path / f"ix{i}")
        others.append(create_app({"INDEX": str(tmp_path / f"ix{i}")}).test_client())
    client = create_app({"INDEX": str(first)}).test_client()
    assert client.get("/healthz").get_json()["last_reindex"] is None

    _hide_a_reindex_that_worked(first / "runs.jsonl", failed)
    for _ in range(2):  # a monitor's rounds over the 17
        for other in others:
            twin = other.get("/healthz").get_json()
            assert twin["last_reindex"] is None and twin["last_run"] == run["finished"], twin
        assert client.get("/healthz").get_json()["last_reindex"] is None  # remembered, not read again

    worked = {**failed, "finished": "2026-12-02T02:00:00Z"}
    del worked["error"]
    with open(first / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(worked) + "\n")
    twin = client.get("/healthz").get_json()
    assert twin["last_reindex"] == twin["last_run"] == worked["finished"], twin


def test_each_page_marks_its_own_section_link_as_the_current_page(seeds_index):
    """The header's Search and Entities were marked as the page a reader is on (aria-current,
    read aloud as "current page", and bold), the footer's Index status not, on its own page:
    every section link is now marked on its page alone, and on no other."""
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    doc_id = client.get("/api/search?q=").get_json()["hits"][0]["id"]

    def sections(url: str) -> dict[str, bool]:
        html = client.get(url).get_data(as_text=True)
        links = re.findall(r'<a href="[^"]*"( aria-current="page")?>(Search|Entities|Index status)</a>', html)
        assert sorted(name for _, name in links) == ["Entities", "Index status", "Search"], (url, links)
        return {name: bool(current) for current, name in links}

    marked = {url: [name for name, on in sections(url).items() if on]
              for url in ("/", "/search?q=mali", "/entities", "/status", f"/doc/{doc_id}", "/facet/source")}
    assert marked == {"/": ["Search"], "/search?q=mali": ["Search"], "/entities": ["Entities"], "/status": ["Index status"],
                      f"/doc/{doc_id}": [], "/facet/source": []}, marked


def test_healthz_answers_though_another_request_clears_what_it_remembers(seeds_index, monkeypatch):
    """/healthz remembers the last runs that worked per version of the run log, in a memo shared
    by every request. Under a threaded server another request may clear it (as it did when it held
    16) between this request's writing its answer there and reading it back: /healthz answered 500
    (KeyError). That moment is made here: the memo is cleared as soon as written."""
    import web.api

    class ClearedMeanwhile(dict):
        def __setitem__(self, key, value):
            super().__setitem__(key, value)
            self.clear()  # another thread's request, for another index, finding the memo full

    monkeypatch.setattr(web.api, "_LAST_WORKED", ClearedMeanwhile())
    r = create_app({"INDEX": str(seeds_index)}).test_client().get("/healthz")
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert r.get_json()["last_run"] == r.get_json()["runs"][-1]["finished"]


def test_a_refused_run_on_the_status_page_names_the_run_that_held_the_lock(tmp_path):
    """`stats` names the run that held the lock when one was refused ("another run was in progress
    (pid N)"), and so do `stats --json` and /healthz; /status said "refused: another run was in
    progress" alone. It names it as `stats` does: a pid, "another process", or nothing where the
    line names neither (a log edited by hand)."""
    from click.testing import CliRunner

    from search.cli import cli
    from search.store import Store

    ix, run = _index_of_one_article(tmp_path)
    with Store(ix).lock():  # a real lock, held as a running reindex holds it
        assert CliRunner().invoke(cli, ["reindex", "--index", str(ix)]).exit_code == 4
    lines = [{**run, "finished": "2031-01-01T02:00:00Z", "refused": f"another index run is in progress on {ix} "
              "(another process)"},
             {**run, "finished": "2031-01-02T02:00:00Z", "refused": "edited by hand"}]
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.writelines(json.dumps(line) + "\n" for line in lines)
    page = create_app({"INDEX": str(ix)}).test_client().get("/status").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    stats = CliRunner().invoke(cli, ["stats", "--index", str(ix)]).output
    for by in (f"(pid {os.getpid()})", "(another process)"):
        assert f"refused: another run was in progress {by}" in text, text
        assert f"refused: another run was in progress {by}" in stats, stats
    assert "refused: another run was in progress</td>" in page, page  # the line naming neither


def test_a_plain_reindex_that_rebuilt_by_itself_says_why_not_full(seeds_index, tmp_path):
    """A `reindex` that met a damaged live index rebuilt it from every source and said so, but
    `stats` and /status listed the run as "reindex --full", an option nobody gave, which sent
    the reader looking for who had run it. Both say why it rebuilt; a rebuild asked for is
    still "reindex --full"."""
    import shutil

    from click.testing import CliRunner

    from search.archive import read_manifest
    from search.cli import cli
    from search.store import Store

    path = tmp_path / "index"
    shutil.copytree(seeds_index, path)  # its enrichment cache too: no NER in this test
    live = Store(path).current_dir()
    cut = live / sorted(read_manifest(live)["files"])[0]
    cut.write_bytes(cut.read_bytes()[:-1])  # a file cut short: the live index is damaged

    def stats_run_line() -> str:
        r = CliRunner().invoke(cli, ["stats", "--index", str(path)])
        assert r.exit_code == 0, r.output
        return [line for line in r.output.splitlines() if line.strip().startswith("run ")][-1]

    def status_commands() -> list[str]:
        page = create_app({"INDEX": str(path)}).test_client().get("/status").get_data(as_text=True)
        return re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", page)

    r = CliRunner().invoke(cli, ["reindex", "--index", str(path), "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["repaired"], r.output
    said = "reindex (rebuilt: the live index was damaged)"
    assert said in stats_run_line() and "--full" not in stats_run_line()
    assert status_commands()[0] == said, status_commands()
    assert CliRunner().invoke(cli, ["reindex", "--full", "--index", str(path)]).exit_code == 0
    assert "reindex --full " in stats_run_line() and status_commands()[0] == "reindex --full"


def test_a_plain_reindex_that_began_to_rebuild_and_stopped_is_not_said_as_full(seeds_index, tmp_path, monkeypatch):
    """26ce498 named a plain `reindex` that rebuilt a damaged index by why it did, but one that
    then stopped (the enrichment cache held by another process: exit 4) was still "reindex
    --full" in /status's table, an option nobody gave: its run log held "full" (set by the
    rebuild) and not why. The stopped run's line says why it was rebuilding too, and that it
    was rebuilding, not rebuilt: "reindex (rebuilt: the live index was damaged)" stood beside
    its failure, in /status's table and `stats` alike."""
    import shutil
    import sqlite3

    from click.testing import CliRunner

    from search import cache as cache_mod
    from search.archive import read_manifest
    from search.cli import cli
    from search.store import Store

    path = tmp_path / "index"
    shutil.copytree(seeds_index, path)
    live = Store(path).current_dir()
    cut = live / sorted(read_manifest(live)["files"])[0]
    cut.write_bytes(cut.read_bytes()[:-1])  # a file cut short: the live index is damaged
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT", 0.05, raising=False)
    holder = sqlite3.connect(path / "cache.sqlite")
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = CliRunner().invoke(cli, ["reindex", "--index", str(path)])
    finally:
        holder.rollback()
        holder.close()
    assert r.exit_code == 4, r.output
    assert CliRunner().invoke(cli, ["reindex", "--index", str(path)]).exit_code == 0  # free again: rebuilt
    page = create_app({"INDEX": str(path)}).test_client().get("/status").get_data(as_text=True)
    commands = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", page)
    assert commands[:2] == ["reindex (rebuilt: the live index was damaged)",
                            "reindex (rebuilding: the live index was damaged)"], commands
    assert "failed: CacheBusy" in page
    stats = CliRunner().invoke(cli, ["stats", "--index", str(path)]).output
    assert "reindex (rebuilding: the live index was damaged) failed: CacheBusy" in stats, stats

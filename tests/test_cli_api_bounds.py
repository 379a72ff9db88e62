"""The command line and the JSON API keep the same bounds and say so in the same words (session 44):
a filter's length and count, a page past the last, a port, a missing path."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search.cli import cli
from web import create_app


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX": str(seeds_index)}).test_client()


def run(seeds_index, *args: str):
    return CliRunner().invoke(cli, [*args, "--index", str(seeds_index)])


def test_the_web_and_the_command_line_share_one_bound_for_a_value():
    import web.params
    from search import query

    # one constant each, in search/: web/ checks through query.check_filter_values
    assert query.MAX_VALUE_CHARS == 200 and query.MAX_FILTER_VALUES == 50
    assert not hasattr(web.params, "MAX_VALUE_CHARS") and not hasattr(query, "MAX_CONTAINS_CHARS")


@pytest.mark.parametrize("filters,said", [
    (["person=" + "a" * 201], "a 'person' filter's value is too long (201 characters; at most 200)"),
    ([f"year={1900 + i}" for i in range(51)], "too many 'year' filters (51; at most 50)"),
])
@pytest.mark.parametrize("command", ["search", "export"])
def test_filters_past_the_webs_bounds_are_refused_alike(client, seeds_index, command, filters, said):
    """`--filter` read any number of values of any length, where /api/search refused them ("too
    many or too long 'person' filters"): one check (query.check_filter_values), the same words,
    and under --json the shape of every option's error."""
    args = [command, *(a for f in filters for a in ("--filter", f))] + (["--json"] if command == "search" else [])
    r = run(seeds_index, *args)
    assert r.exit_code == 2, r.output
    assert r.stderr.splitlines()[-1] == f"Error: Invalid value for '--filter': {said}"
    if command == "search":
        assert json.loads(r.stdout.splitlines()[0]) == {"error": said, "exit": 2, "option": "--filter"}
    url = "/api/search?" + "&".join(filters)
    answer = client.get(url)
    assert answer.status_code == 400 and answer.get_json()["error"] == said


def test_filters_at_the_bounds_still_read(client, seeds_index):
    at = ["--filter", "person=" + "a" * 200] + [a for i in range(50) for a in ("--filter", f"year={1950 + i}")]
    assert run(seeds_index, "search", *at, "--json").exit_code == 0
    # the same value given twice counts once, as on the web
    again = [a for _ in range(60) for a in ("--filter", "year=2020")]
    assert run(seeds_index, "search", *again, "--json").exit_code == 0
    assert client.get("/api/search?" + "&".join(["year=2020"] * 60)).status_code == 200


@pytest.mark.parametrize("past", [1, 2, 90])
def test_an_entity_page_past_the_end_answers_as_a_search_page_does(client, past):
    """/api/search past its last page is a 200 with no hits and its `last_page`, and the pages
    (/search, /entities) say "Go to page N": /api/entities past its end, a 200 with no entities,
    offered the last page as "prev" only when just past it (page 2 of one page), not on page 99
    of four. Now "prev" is the last page wherever the page is past it."""
    from web.summary import ENTITIES_PER_PAGE

    total = int(client.get("/api/entities").headers["X-Total-Count"])
    last = (total - 1) // ENTITIES_PER_PAGE + 1
    r = client.get(f"/api/entities?page={last + past}")
    assert r.status_code == 200 and r.get_json() == []
    assert r.headers["X-Total-Count"] == str(total)
    assert r.headers["Link"] == (f'</api/entities?page=1>; rel="first", </api/entities?page={last}>; rel="prev", '
                                 f'</api/entities?page={last}>; rel="last"')
    search = client.get("/api/search?q=mali&page=50").get_json()
    assert search["hits"] == [] and search["last_page"] == 1
    page = client.get(f"/entities?page={last + past}").get_data(as_text=True)
    assert "past the last page" in page and f'href="/entities?page={last}">Go to page {last}' in page


@pytest.mark.parametrize("args,said", [
    (("--port", "99999"), "port must be between 1 and 65535"),
    (("--port", "0"), "port must be between 1 and 65535"),
    (("--port", "x"), "port must be a whole number"),
    (("--port", "8_080"), "port must be a whole number"),
    (("--threads", "65"), "threads must be between 1 and 64"),
])
def test_serve_says_a_ports_range_as_the_other_options_do(args, said):
    """`serve --port 99999` said "99999 is not in the range 1<=x<=65535" (and `--port x` "'x' is
    not a valid integer range"), where `--limit 0` says "results per page must be between 1 and 100"."""
    r = CliRunner().invoke(cli, ["serve", *args])
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == f"Error: Invalid value for '{args[0]}': {said}"
    assert "range" not in r.stderr


def test_clean_and_index_say_the_same_of_a_missing_path(tmp_path, seeds_index):
    """`clean PATH` on a path that is not there said "Path '...' does not exist." (exit 2, click's
    words) where `index PATH` skips it "no such file or directory" (exit 1, the other paths
    still read): now both skip it in those words, with that exit code, and keep the rest."""
    missing = str(tmp_path / "gone.txt")
    for command in (["index", "--index", str(tmp_path / "index")], ["clean"]):
        r = CliRunner().invoke(cli, [*command, missing])
        assert r.exit_code == 1, (command, r.output)
        assert f"skipped {missing}: no such file or directory" in r.output, command  # index: its report
        assert "does not exist" not in r.output
    r = CliRunner().invoke(cli, ["clean", "--json", missing])
    assert r.exit_code == 1
    assert json.loads(r.stdout)["skipped"] == [{"path": missing, "reason": "no such file or directory"}]
    # another file given beside it is still cleaned, as `index` still indexes it
    from conftest import SEEDS

    seed = str(sorted(SEEDS.iterdir())[0])
    r = CliRunner().invoke(cli, ["clean", seed, missing])
    assert r.exit_code == 0 and "Mali" in r.stdout and f"skipped {missing}: no such file or directory" in r.stderr

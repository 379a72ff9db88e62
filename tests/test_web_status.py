"""The "Index status" page: the index's state for a reader, as `newsarchive stats` gives it."""
from __future__ import annotations

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
    only the sources with no article, not the list the page shows."""
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

"""The command line and the JSON API say the same things the same way: a bad value is refused
by the engine's reader, in its words, by both layers (session 42's rough edges)."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from search.cli import cli
from web import create_app


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX": str(seeds_index)}).test_client()


def cli_error(seeds_index, *args: str) -> str:
    r = CliRunner().invoke(cli, ["search", "mali", *args, "--index", str(seeds_index)])
    assert r.exit_code == 2, r.output
    return r.output


@pytest.mark.parametrize("cli_args,params,message", [
    (["--page", "0"], "page=0", "page must be between 1 and 1,000"),
    (["--page", "-3"], "page=-3", "page must be between 1 and 1,000"),
    (["--page", "abc"], "page=abc", "page must be a whole number"),
    (["--page", "1001"], "page=1001", "page 1,001 is past the last page that can be shown"),
    (["--limit", "0"], "per_page=0", "results per page must be between 1 and 100"),
    (["--limit", "101"], "per_page=101", "results per page must be between 1 and 100"),
    (["--limit", "ten"], "per_page=ten", "results per page must be a whole number"),
    (["--sort", "best"], "sort=best", "unknown sort 'best' (use relevance, newest, oldest)"),
    (["--match", "some"], "match=some", "unknown match 'some' (use all or any)"),
])
def test_a_bad_value_is_refused_in_the_same_words(client, seeds_index, cli_args, params, message):
    """`--page 0` said "0 is not in the range x>=1" and `page=0` "page must be between 1 and
    1000"; `--sort best` listed click's choices, `sort=best` the engine's."""
    r = client.get(f"/api/search?q=mali&{params}")
    assert r.status_code == 400
    assert message in r.get_json()["error"]
    out = cli_error(seeds_index, *cli_args)
    assert message in out, out
    assert "not in the range" not in out and "is not one of" not in out


def test_a_bad_value_under_json_is_the_same_json_error(seeds_index):
    r = CliRunner().invoke(cli, ["search", "mali", "--page", "0", "--json", "--index", str(seeds_index)])
    assert r.exit_code == 2
    assert "page must be between 1 and 1,000" in json.loads(r.stdout.splitlines()[0])["error"]


def test_values_in_any_case_still_read(seeds_index):
    r = CliRunner().invoke(cli, ["search", "mali coup", "--sort", "NEWEST", "--match", "Any", "--limit", "2",
                                 "--page", "2", "--json", "--index", str(seeds_index)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert (out["sort"], out["match"], out["per_page"], out["page"]) == ("newest", "any", 2, 2)


def test_help_names_the_values():
    out = CliRunner().invoke(cli, ["search", "--help"]).output
    assert "--sort [relevance|newest|oldest]" in out and "--match [all|any]" in out


def test_page_is_read_where_there_are_pages(client):
    """/api/facet?page=0 was a 400 ("page must be between 1 and 1000") for a list with no
    pages, while /api/export took any page: a route with pages refuses a bad one, one without
    reads none, and says so of `limit`, which gave every result silently."""
    for url in ("/api/search?q=mali&page=0", "/api/entities?page=0", "/search?q=mali&page=0", "/entities?page=0"):
        r = client.get(url)
        assert r.status_code == 400 and "page must be between 1 and" in r.get_data(as_text=True), url
    values = client.get("/api/facet/person?q=mali").get_json()["values"]
    for params in ("page=0", "page=abc&per_page=0", "page=5000"):
        r = client.get(f"/api/facet/person?q=mali&{params}")
        assert r.status_code == 200 and r.get_json()["values"] == values, params
        assert client.get(f"/api/export?q=mali&{params}").status_code == 200
    for url in ("/api/export?q=mali&limit=3", "/api/facet/person?q=mali&limit=3"):
        r = client.get(url)
        assert r.status_code == 400 and "no limit and no pages" in r.get_json()["error"]


def test_a_facets_page_links_back_to_a_page_it_can_show(client):
    body = client.get("/facet/person?q=mali&page=0").get_data(as_text=True)
    assert '<a href="/search?q=mali">‹ Back to the results</a>' in body
    body = client.get("/facet/person?q=mali&page=3&per_page=2").get_data(as_text=True)
    assert '<a href="/search?q=mali&amp;page=3&amp;per_page=2">‹ Back to the results</a>' in body


@pytest.mark.parametrize("url,name", [
    ("/api/search?q=oil&q=gas", "q"),
    ("/search?q=oil&Q=gas", "q"),
    ("/api/search?q=mali&sort=newest&sort=oldest", "sort"),
    ("/api/search?q=mali&match=any&match=all", "match"),
    ("/api/search?q=mali&page=1&page=2", "page"),
    ("/api/search?q=mali&per_page=3&Per_Page=5", "per_page"),
    ("/api/facet/person?q=mali&q=coup", "q"),
    ("/facet/person?contains=a&contains=b", "contains"),
    ("/api/entities?type=person&type=location", "type"),
    ("/entities?contains=a&contains=b", "contains"),
    ("/api/export?q=mali&format=csv&format=jsonl", "format"),
    ("/api/export?q=mali&text=1&text=0", "text"),
    ("/api/doc/seeds/000_82caef7a759caf58.txt?q=mali&q=coup", "q"),
    ("/doc/seeds/000_82caef7a759caf58.txt?q=mali&q=coup", "q"),
    ("/api/doc/seeds/000_82caef7a759caf58.txt?q=mali&matches_from=0&matches_from=5", "matches_from"),
])
def test_a_single_valued_parameter_given_twice_is_refused(client, url, name):
    """`?q=oil&q=gas` searched oil and dropped gas, silently; so for every parameter that
    takes one value, on every route."""
    r = client.get(url)
    assert r.status_code == 400, url
    assert f"&#39;{name}&#39; is given 2 times" in r.get_data(as_text=True) if not url.startswith("/api/") \
        else f"'{name}' is given 2 times" in r.get_json()["error"]


def test_the_same_value_twice_and_several_filters_are_no_error(client):
    assert client.get("/api/search?q=mali&q=mali&sort=newest&Sort=newest").status_code == 200
    assert client.get("/api/search?q=mali&person=Assimi+Goita&person=Malick+Diaw").status_code == 200
    r = client.get("/api/search?q=oil&q=gas+price")
    assert r.get_json()["error"].endswith("to find any of them, search q=oil OR (gas price)")


@pytest.mark.parametrize("params,said,not_said", [
    ("date=", "did you mean the filter 'year'?", "'year='"),
    ("org=", "did you mean the filter 'organization'?", "'organization='"),
    ("title=", "'title' is a field of the query text: search it there, as title:coup", "title: ("),
    ("date=2020-08-28", "search it in the query, published:2020-08-28", None),  # a value: offered whole
    ("org=OPEC", "did you mean 'organization=OPEC'?", None),
])
def test_a_filter_hint_never_offers_an_empty_value(client, seeds_index, params, said, not_said):
    """`date=` was "did you mean 'year='?" and `title=` "search it in the query, title:": an
    offer with nothing in it, on the web and on the command line alike."""
    error = client.get(f"/api/search?q=mali&{params}").get_json()["error"]
    out = cli_error(seeds_index, "--filter", params)
    for text in (error, out):
        assert said in text, text
        assert not_said is None or not_said not in text, text


@pytest.mark.parametrize("query,said,suggestion", [
    ('persn:""', "did you mean the field 'person:'?", None),  # person:"" finds nothing: no search offered
    ('org:"" coup', "did you mean the field 'organization:'?", None),
    ("persn:(coup)", "did you mean the field 'person:'?", "person:(coup)"),  # was "did you mean person:?"
    ("persn:goita", "did you mean person:goita?", "person:goita"),
])
def test_a_field_hint_never_offers_an_empty_value(client, query, said, suggestion):
    from urllib.parse import quote

    body = client.get(f"/api/search?q={quote(query)}").get_json()
    assert said in body["error"] and body.get("suggestion") == suggestion
    assert 'quote it: "persn:"' not in body["error"]


def test_no_hint_for_a_blank_value(client):
    """`person:" "` came back with {"facet": "person", "value": " ", "suggestion": null}: a
    hint with nothing to say ("No article has person “ ”")."""
    body = client.get('/api/search?q=person:%22%20%22').get_json()
    assert body["total"] == 0 and body["unmatched_filters"] == [] and body["suggestion"] is None
    body = client.get("/api/search?q=person:goytta").get_json()  # a real value still has its hint
    assert body["unmatched_filters"][0]["value"] == "goytta"


def test_one_reading_of_the_workers_setting(monkeypatch, tmp_path):
    """NEWSARCHIVE_WORKERS=" 2 " passed the command line's check (which stripped it) and the
    pool ignored it (every CPU); 999 started 999 processes of about 1 GB each. One reader
    now: the spaces go, and more than the CPUs is the CPUs, with a note."""
    from search import pool

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", " 1 ")
    assert pool.default_workers() == 1 and pool.Pool().workers == 1 and pool.workers_note() is None
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "999")
    assert pool.default_workers() == pool.cpus() == pool.Pool().workers
    r = CliRunner().invoke(cli, ["index", str(tmp_path / "nowhere"), "--index", str(tmp_path / "ix")])
    assert f"note: NEWSARCHIVE_WORKERS=999 is more than the {pool.cpus()} CPU" in r.stderr
    for bad in ("0", "x", "2.5", "\uff12"):  # a full-width 2 too
        monkeypatch.setenv("NEWSARCHIVE_WORKERS", bad)
        r = CliRunner().invoke(cli, ["stats", "--index", str(tmp_path / "ix")])
        assert r.exit_code == 2 and "must be a whole number of worker processes" in r.stderr, bad


@pytest.mark.parametrize("cli_args,url,message", [
    (["export", "mali", "--format", "xml"], "/api/export?q=mali&format=xml", "unknown format 'xml' (use jsonl, csv)"),
    (["entities", "--type", "people"], "/api/entities?type=people",
     "unknown entity type 'people': did you mean 'person'? (use person, organization, location)"),
])
def test_a_bad_format_or_entity_type_in_the_same_words(client, seeds_index, cli_args, url, message):
    """`--format xml` said "'xml' is not one of 'jsonl', 'csv'" and `--type people` "'people' is
    not one of 'person', ...", where the API said what is above (and offered 'person')."""
    assert client.get(url).get_json()["error"] == message
    r = CliRunner().invoke(cli, [*cli_args, "--index", str(seeds_index)])
    assert r.exit_code == 2 and message in r.output, r.output


def test_help_says_what_a_query_and_an_id_may_be():
    """`search --help` said nothing of the query's syntax, and `show --help` nothing of what
    DOC_ID may be, which the error only said once the user had guessed wrong."""
    out = CliRunner().invoke(cli, ["search", "--help"]).output
    assert "title:coup, person:goita, year:2021, published:[2020-01 TO 2020-06]" in out and " OR " in out
    out = CliRunner().invoke(cli, ["show", "--help"]).output
    said = " ".join(out.split())  # click wraps the help at the terminal's width
    assert "page's address as a search reports it (http:// or https://" in said and "the path of the file" in said


def test_show_help_names_the_id_once_and_the_readme_serve_line_every_option():
    """`show --help` listed "its id" twice (the article's, then the file's, named as the
    article's), and README's usage line of `serve` left out `--threads`."""
    from conftest import ROOT

    said = " ".join(CliRunner().invoke(cli, ["show", "--help"]).output.split())
    assert said.count("its id") == 1 and "that file's id (wire/feed.jsonl" in said, said
    line = next(l for l in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if l.startswith("newsarchive serve "))
    options = {o for p in cli.commands["serve"].params for o in p.opts if o.startswith("--")} - {"--index"}
    assert options and {o for o in options if o not in line} == set(), line


@pytest.mark.parametrize("url,said", [
    ("/api/search?query=oil", "unknown parameter 'query': did you mean 'q=oil'?"),
    ("/api/search?search=mali", "unknown parameter 'search': did you mean 'q=mali'?"),
    ("/api/export?keywords=mali", "unknown parameter 'keywords': did you mean 'q=mali'?"),
    ("/api/search?q=mali&size=2", "unknown parameter 'size': did you mean 'per_page=2'?"),
    ("/api/search?q=mali&offset=20", "results are read by page"),
    ("/api/facet/person?q=mali&rows=5", "no limit and no pages"),
])
def test_another_apis_name_for_a_parameter_is_refused_with_ours(client, url, said):
    """`/api/search?query=oil` browsed the whole archive (query= was ignored), an answer that
    looked like oil's; `size=2` gave pages of 10."""
    r = client.get(url)
    assert r.status_code == 400 and said in r.get_json()["error"], r.get_json()


@pytest.mark.parametrize("value,said", [
    ("2020-2021", "for a span of years, search published:[2020 TO 2021] in the query"),
    ("2021..2019", "published:[2019 TO 2021]"),
    ("2020-08", "for a day or a month, search published:2020-08 in the query"),
])
def test_a_year_filter_that_is_a_span_or_a_date_says_how_to_search_it(client, seeds_index, value, said):
    """`year=2020-2021` was "year must be four digits" alone: a span of years is a range of
    the query text, and a month is published:2020-08."""
    assert said in client.get(f"/api/search?q=mali&year={value}").get_json()["error"]
    assert said in cli_error(seeds_index, "--filter", f"year={value}")


@pytest.mark.parametrize("query", ["published:[2021 TO 2020]", "published:2020-13", "date:2021", "(coup"])
def test_a_bad_query_under_json_is_the_apis_error(client, seeds_index, query):
    """`search QUERY --json` said "bad query: ..." where /api/search's "error" was the engine's
    message alone: a script moving between the two compared two texts for one error."""
    from urllib.parse import quote

    api = client.get(f"/api/search?q={quote(query)}").get_json()
    r = CliRunner().invoke(cli, ["search", query, "--json", "--index", str(seeds_index)])
    out = json.loads(r.stdout)
    assert r.exit_code == 2 and out["error"] == api["error"] and out.get("suggestion") == api.get("suggestion")
    assert f"newsarchive: bad query: {api['error']}" in r.stderr  # a person reading stderr is told what it is


def test_the_choices_still_complete_in_a_shell():
    """click.Choice completed --sort, --match, --type and --format in a shell; the engine's
    readers, which replaced it, offer the same."""
    for words, offered in (("newsarchive search x --sort n", ["newest"]),
                           ("newsarchive export x --format ", ["jsonl", "csv"]),
                           ("newsarchive entities --type P", ["person"])):
        env = {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
               "_NEWSARCHIVE_COMPLETE": "bash_complete"}
        r = CliRunner().invoke(cli, [], prog_name="newsarchive", env=env)
        assert [line.split(",", 1)[1] for line in r.output.split()] == offered, (words, r.output)


@pytest.mark.parametrize("cli_args,params", [
    (["--page", "0"], "page=0"),
    (["--limit", "101"], "per_page=101"),
    (["--sort", "best"], "sort=best"),
    (["--match", "some"], "match=some"),
])
def test_a_bad_option_under_json_is_the_api_s_error_word_for_word(client, seeds_index, cli_args, params):
    """Under --json the error object said "Invalid value for '--page': page must be between 1
    and 1000" where /api/search says "page must be between 1 and 1000": a script reading
    either could not compare them. stderr keeps click's wording, which names the option."""
    api = client.get(f"/api/search?q=mali&{params}").get_json()["error"]
    r = CliRunner().invoke(cli, ["search", "mali", *cli_args, "--json", "--index", str(seeds_index)])
    assert r.exit_code == 2
    assert json.loads(r.stdout.splitlines()[0]) == {"error": api, "exit": 2, "option": cli_args[0]}
    assert f"Invalid value for '{cli_args[0]}': {api}" in r.stderr
    r = CliRunner().invoke(cli, ["entities", "--type", "people", "--json", "--index", str(seeds_index)])
    assert json.loads(r.stdout.splitlines()[0])["error"] == client.get("/api/entities?type=people").get_json()["error"]


@pytest.mark.parametrize("url", ["/api/search?q=mali&format=csv", "/api/search?q=mali&text=1",
                                 "/api/search?q=mali&Format=CSV", "/api/facet/person?q=mali&format=csv",
                                 "/search?q=mali&format=csv", "/facet/person?q=mali&text=1"])
def test_an_export_s_parameter_elsewhere_is_refused_pointing_to_the_export(client, url):
    """/api/search?format=csv answered a page of JSON, and text=1 was refused as a misspelt
    filter ("search it in the query, text:1"): neither said /api/export reads them."""
    r = client.get(url)
    assert r.status_code == 400, url
    assert "here: /api/export reads it" in r.get_data(as_text=True)
    r = client.get("/api/export?q=mali&format=csv&text=1")  # where they are read, they still are
    assert r.status_code == 200 and r.get_data(as_text=True).splitlines()[0].endswith(",text")


@pytest.mark.parametrize("url", ["/api/facet/person?contains=", "/api/entities?contains=",
                                 "/facet/person?contains=", "/entities?contains="])
def test_a_contains_past_the_limit_is_refused_naming_it_not_cut(client, url):
    """`contains=` of 250 characters was cut to 200, silently: /api/facet answered for another
    filter than the one sent, and said "contains" was the cut one."""
    r = client.get(url + "a" * 201)
    body = r.get_data(as_text=True).replace("&#39;", "'")
    assert r.status_code == 400 and "'contains' is too long (201 characters; at most 200)" in body
    assert client.get(url + "a" * 200 + "%20").status_code == 200  # the limit itself, spaces aside


def test_one_reading_of_the_document_page_setting(monkeypatch, seeds_index):
    """NEWSARCHIVE_DOC_PAGE_CHARS="５０００" (full-width digits) passed the command line's check
    (str.isdigit) and reached the app's config as the string, Flask reading its settings as
    JSON. One reader now, the pool's way: ASCII digits, spaces around them dropped."""
    monkeypatch.setenv("NEWSARCHIVE_DOC_PAGE_CHARS", "\uff15\uff10\uff10\uff10")
    r = CliRunner().invoke(cli, ["stats", "--json", "--index", str(seeds_index)])
    assert r.exit_code == 2
    assert json.loads(r.stdout)["error"] == "NEWSARCHIVE_DOC_PAGE_CHARS='５０００' must be a whole number of characters, at least 1"
    with pytest.raises(ValueError, match="NEWSARCHIVE_DOC_PAGE_CHARS='５０００' must be"):
        create_app({"INDEX": str(seeds_index)})
    monkeypatch.setenv("NEWSARCHIVE_DOC_PAGE_CHARS", " 300 ")
    assert CliRunner().invoke(cli, ["stats", "--index", str(seeds_index)]).exit_code == 0
    assert create_app({"INDEX": str(seeds_index)}).config["DOC_PAGE_CHARS"] == 300


@pytest.mark.parametrize("value", ["Infinity", "1e400", "-1", "lots"])
def test_a_page_cache_size_no_cache_can_have_is_refused_by_both(monkeypatch, seeds_index, value):
    """NEWSARCHIVE_PAGE_CACHE_MB=Infinity passed the command line's check (float() >= 0), and
    `serve` stopped on an OverflowError's traceback when the app sized its cache."""
    monkeypatch.setenv("NEWSARCHIVE_PAGE_CACHE_MB", value)
    r = CliRunner().invoke(cli, ["stats", "--json", "--index", str(seeds_index)])
    said = f"NEWSARCHIVE_PAGE_CACHE_MB={value!r} must be a number of megabytes (0 turns the cache off)"
    assert r.exit_code == 2 and json.loads(r.stdout)["error"] == said
    with pytest.raises(ValueError, match="must be a number of megabytes"):
        create_app({"INDEX": str(seeds_index)})
    monkeypatch.setenv("NEWSARCHIVE_PAGE_CACHE_MB", " 0.5 ")
    assert CliRunner().invoke(cli, ["stats", "--index", str(seeds_index)]).exit_code == 0
    assert create_app({"INDEX": str(seeds_index)}).config["PAGE_CACHE_MB"] == 0.5


def test_an_export_s_text_flag_that_is_no_flag_is_refused(client):
    """/api/export?text=all gave the rows without their text, as text=0 does, silently."""
    r = client.get("/api/export?q=mali&format=csv&text=all")
    assert r.status_code == 400 and "text='all' is not a flag: text=1 adds" in r.get_json()["error"]
    for value, has_text in (("YES", True), ("on", True), ("0", False), ("off", False), ("", False)):
        r = client.get(f"/api/export?q=mali&format=csv&text={value}")
        assert r.status_code == 200 and r.get_data(as_text=True).splitlines()[0].endswith(",text") == has_text, value


@pytest.mark.parametrize("url,said", [
    ("/api/search?q=mali&type=person", "the entity lists read it (/entities, /api/entities)"),
    ("/search?q=mali&Type=Location", "the entity lists read it"),
    ("/api/facet/person?q=mali&type=person", "the entity lists read it"),
    ("/api/search?q=mali&contains=goita", "the lists of a facet&#39;s values and of the entities read it"),
    ("/search?q=mali&contains=goita", "the lists of a facet&#39;s values and of the entities read it"),
    ("/api/export?q=mali&contains=goita", "the lists of a facet&#39;s values and of the entities read it"),
])
def test_an_entity_list_s_parameter_elsewhere_is_refused_naming_where_it_is_read(client, url, said):
    """/api/search?type=person and ?contains=goita gave every result of the search as if they
    were not there: a list's parameters, read by the lists alone."""
    r = client.get(url)
    assert r.status_code == 400 and said in r.get_data(as_text=True).replace("\\u0027", "&#39;").replace("'", "&#39;"), url
    assert client.get("/api/search?q=mali&type=rss").status_code == 200  # a word of its own, as utm_source: left alone
    for ok in ("/api/facet/person?q=mali&contains=goita", "/facet/person?q=mali&contains=goita",
               "/api/entities?type=person&contains=goita", "/entities?type=person&contains=goita"):
        assert client.get(ok).status_code == 200, ok


def test_a_page_number_written_with_a_separator_is_refused_with_the_number_to_write(client, seeds_index):
    """The pager and its notes write a page as the counts are written, "1,000" (53e13e0); typed
    back (`page=1,000`, `--page 1,000`) it was "page must be a whole number", which it is to a
    reader. The refusal now says how to write it; a value that is no grouped number is refused
    as before."""
    for typed, plain in (("1,000", "1000"), ("12,345", "12345"), ("1 000", "1000")):
        said = f"page must be a whole number (without a thousands separator: {plain})"
        r = client.get("/api/search", query_string={"q": "mali", "page": typed})
        assert r.status_code == 400 and r.get_json()["error"] == said, r.get_json()
        assert said in cli_error(seeds_index, "--page", typed)
    for typed in ("1,00", "1,0000", "abc", "1,000x"):
        r = client.get("/api/search", query_string={"q": "mali", "page": typed})
        assert r.get_json()["error"] == "page must be a whole number", typed


@pytest.mark.parametrize("url,said", [
    ("/api/search?q=mali&filter=source=seeds", "did you mean 'source=seeds'? (the command line's --filter"),
    ("/api/search?q=mali&filter=Year=2020&filter=source=seeds", "did you mean 'year=2020&source=seeds'?"),
    ("/api/export?q=mali&filter=person=Goita", "did you mean 'person=Goita'?"),
    ("/api/facet/location?q=mali&filter=language=en", "did you mean 'language=en'?"),
    ("/search?q=mali&filter=source=seeds", "did you mean 'source=seeds'?"),
    ("/api/search?q=mali&filter=seeds", "each filter is a parameter named by its facet, source=VALUE"),
])
def test_the_command_line_s_filter_in_a_url_is_refused_with_the_parameter_meant(client, url, said):
    """`/search?q=mali&filter=source=seeds`, the command line's `--filter source=seeds` in a URL,
    gave every result, unfiltered, and nothing said so (as `limit=` did before it was refused).
    It is refused, offering the parameter meant, which is taken."""
    from html import unescape

    r = client.get(url)
    assert r.status_code == 400 and said in unescape(r.get_data(as_text=True)), r.get_data(as_text=True)[:300]
    offered = re.search(r"did you mean '([^']*)'", unescape(r.get_data(as_text=True)))
    if offered:
        taken = client.get(url.split("&filter=")[0] + "&" + offered.group(1))
        assert taken.status_code == 200, taken.get_data(as_text=True)[:300]


def test_the_command_line_s_filter_in_a_url_under_two_spellings_is_refused_with_each_parameter_meant(client):
    """`?Filter=source=seeds&filter=person=Goita` was refused offering 'source=seeds' alone, the
    first spelling's values: the second's were left unsaid, and the search fixed so was still
    missing its person filter. Each spelling is refused with the parameters it meant."""
    from html import unescape

    for url in ("/api/search?q=mali&Filter=source=seeds&filter=person=Goita", "/search?q=mali&Filter=source=seeds&filter=person=Goita"):
        r = client.get(url)
        said = unescape(r.get_data(as_text=True))
        assert r.status_code == 400, said[:300]
        assert "unknown parameter 'Filter': did you mean 'source=seeds'?" in said, said[:600]
        assert "unknown parameter 'filter': did you mean 'person=Goita'?" in said, said[:600]
        assert said.count("here each filter is a parameter named by its facet") == 1, said[:600]  # said once
    r = client.get("/api/search?q=mali&FILTERS=seeds&filter=Year=2020")
    said = r.get_json()["error"]
    assert "unknown parameter 'FILTERS': here each filter is a parameter named by its facet, source=VALUE" in said, said
    assert "unknown parameter 'filter': did you mean 'year=2020'?" in said, said
    assert said.count("here each filter is a parameter named by its facet") == 1, said  # said once
    assert client.get("/api/search?q=mali&source=seeds&person=Goita").status_code == 200

"""The command line and the JSON API, session 43's leftovers: each layer reads what it is given
or refuses it naming what to use instead, and says it in the same words as the other."""
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


@pytest.mark.parametrize("item,said", [
    ("persn=goita", "unknown filter 'persn': did you mean 'person=goita'? (a filter is FACET=VALUE with FACET one of "),
    ("year=", "'year=': no value (FACET=VALUE; leave the filter out to take every year)"),
    ("goita", "'goita': use FACET=VALUE with FACET one of person, "),
])
@pytest.mark.parametrize("command", ["search", "export"])
def test_a_bad_filter_under_json_is_its_words_and_the_option(seeds_index, command, item, said):
    """Under --json a bad --filter said "Invalid value for --filter: 'persn=goita': ..." where a
    bad --page says "page must be between 1 and 1000" and names the option beside it: a script
    told the two apart by parsing click's prefix. stderr keeps click's wording, quoted as for
    the other options ("Invalid value for '--filter'")."""
    args = [command, "mali", "--filter", item] + (["--json"] if command == "search" else [])
    r = run(seeds_index, *args)
    assert r.exit_code == 2
    assert f"Invalid value for '--filter': {said}" in r.stderr
    if command == "search":
        error = json.loads(r.stdout.splitlines()[0])
        assert error["error"].startswith(said) and error == {"error": error["error"], "exit": 2, "option": "--filter"}


def test_filters_still_read(seeds_index):
    r = run(seeds_index, "search", "--filter", "Person=goyta", "--filter", "year=2020", "--filter", "year= 2021", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["filters"] == {"person": ["per:assimi-goita"], "year": ["2020", "2021"]}


def test_entities_contains_has_the_apis_limit(client, seeds_index):
    """`entities --contains` read any length where contains= is refused past 200 characters:
    one reader (search.query.read_contains), one limit, the same words."""
    long = "a" * 201
    api = client.get(f"/api/entities?contains={long}").get_json()["error"]
    assert api == "'contains' is too long (201 characters; at most 200)"
    r = run(seeds_index, "entities", "--contains", long, "--json")
    assert r.exit_code == 2 and json.loads(r.stdout.splitlines()[0]) == {"error": api, "exit": 2, "option": "--contains"}
    r = run(seeds_index, "entities", "--contains", " goyt ", "--json")  # the limit itself and spaces still read
    assert r.exit_code == 0 and [e["name"] for e in json.loads(r.stdout)] == ["Assimi Goita"]
    assert run(seeds_index, "entities", "--contains", "a" * 200 + " ").exit_code == 0


@pytest.mark.parametrize("value", ["\uff15\uff10", "1_0", "\u0663", "\u00b2"])
def test_a_page_cache_size_in_other_digits_is_refused_as_the_page_chars_are(monkeypatch, seeds_index, value):
    """NEWSARCHIVE_PAGE_CACHE_MB="５０" (full-width digits) and "1_0" were read as 50 and 10 MB
    (float() takes them) where NEWSARCHIVE_DOC_PAGE_CHARS="５０００" is refused: ASCII digits
    for both."""
    monkeypatch.setenv("NEWSARCHIVE_PAGE_CACHE_MB", value)
    r = run(seeds_index, "stats", "--json")
    said = f"NEWSARCHIVE_PAGE_CACHE_MB={value!r} must be a number of megabytes (0 turns the cache off)"
    assert r.exit_code == 2 and json.loads(r.stdout)["error"] == said
    with pytest.raises(ValueError, match="must be a number of megabytes"):
        create_app({"INDEX": str(seeds_index)})
    for ok, mb in ((" 0.5 ", 0.5), ("64", 64), (".5", 0.5), ("1e2", 100)):
        monkeypatch.setenv("NEWSARCHIVE_PAGE_CACHE_MB", ok)
        assert create_app({"INDEX": str(seeds_index)}).config["PAGE_CACHE_MB"] == mb


@pytest.mark.parametrize("url,said", [
    ("/api/entities?q=coup", "the entities of the articles a search finds are its facet's values, counted in them: "
                             "/api/facet/person?q=coup (or organization, location)"),
    ("/api/entities?type=location&q=coup&person=Goita", "/api/facet/location?q=coup&person=Goita"),
    ("/api/entities?Q=coup", "/api/facet/person?q=coup"),
    ("/api/entities?query=coup", "unknown parameter 'query' here: the entity list is the whole archive's"),
    ("/api/entities?person=Goita", "/api/facet/person?person=Goita"),
    ("/api/entities?match=any&q=coup", "/api/facet/person?q=coup&match=any"),
    ("/entities?type=person&q=coup", "/facet/person?q=coup"),
    ("/api/entities?sort=newest", "in order of how many articles name each, most first"),
    ("/api/entities?per_page=3", "the entity list&#39;s pages hold 200 entities each: page=N"),
    ("/api/entities?limit=3", "unknown parameter 'limit' here: the entity list&#39;s pages hold 200"),
    ("/entities?per_page=3", "the entity list&#39;s pages hold 200 entities each"),
    ("/api/entities?format=csv", "here: /api/export reads it"),
])
def test_the_entity_list_refuses_a_search_naming_the_facet_that_answers_it(client, url, said):
    """/api/entities?q=coup, ?person=Goita, ?sort=newest and ?per_page=3 gave the whole archive's
    list as if they were not there; someone asking for the entities of the articles coup finds
    got every entity. Those are the facet's values of that search: the 400 names its URL."""
    r = client.get(url)
    body = r.get_data(as_text=True).replace("\\u0027", "'").replace("&#39;", "'").replace("&amp;", "&")
    assert r.status_code == 400 and said.replace("&#39;", "'") in body, (url, body[:400])
    facet = client.get("/api/facet/person?q=coup&person=Goita").get_json()
    assert facet["total"] and facet["values"]  # where it points, the answer is
    for ok in ("/api/entities?q=&sort=&per_page=&page=", "/api/entities?type=person&contains=goy&page=1&utm_source=x",
               "/entities?type=person&contains=goy"):
        assert client.get(ok).status_code == 200, ok


@pytest.mark.parametrize("args,said", [
    (["coup"], "entities takes no query: entities lists the whole archive's, narrowed by --type and --contains TEXT"),
    (["military coup"], "newsarchive search 'military coup' --json (\"facets\": person, organization, location)"),
    (["--filter", "year=2020"], "--filter is search's: "),
    (["--sort", "newest"], "--sort is search's: "),
    (["--page", "2"], "entities has no pages: it lists every entity, those in most documents first (--limit N"),
])
def test_the_entities_command_refuses_a_search_naming_what_answers_it(seeds_index, args, said):
    """`entities coup` said "Got unexpected extra argument (coup)" and `entities --sort newest`
    "No such option '--sort'. Did you mean '--json'?": neither said that a search's entities are
    its facets."""
    r = run(seeds_index, "entities", *args, "--json")
    assert r.exit_code == 2 and said in json.loads(r.stdout.splitlines()[0])["error"], r.output
    assert said in r.stderr
    r = run(seeds_index, "entities", "--contians", "goy")  # a misspelt option of its own: click's "did you mean"
    assert r.exit_code == 2 and "Did you mean '--contains'?" in r.stderr


def test_an_unknown_entity_type_with_nothing_to_offer_reads_as_a_sentence(client, seeds_index):
    """type=x said "unknown entity type 'x': (use person, ...)": a colon before nothing."""
    said = "unknown entity type 'x' (use person, organization, location)"
    assert client.get("/api/entities?type=x").get_json()["error"] == said
    r = run(seeds_index, "entities", "--type", "x", "--json")
    assert json.loads(r.stdout.splitlines()[0]) == {"error": said, "exit": 2, "option": "--type"}
    assert "unknown entity type 'people': did you mean 'person'? (use " in client.get("/api/entities?type=people").get_json()["error"]


@pytest.mark.parametrize("value,said", [("x", "limit must be a whole number"), ("0", "limit must be at least 1"),
                                        ("\uff12", "limit must be a whole number")])
def test_entities_limit_is_refused_in_words_not_clicks_range(seeds_index, value, said):
    """`entities --limit x` said "'x' is not a valid integer range" and --help "[x>=1]"."""
    r = run(seeds_index, "entities", "--limit", value, "--json")
    assert r.exit_code == 2 and json.loads(r.stdout.splitlines()[0]) == {"error": said, "exit": 2, "option": "--limit"}
    r = run(seeds_index, "entities", "--limit", "2", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 2
    shown = CliRunner().invoke(cli, ["entities", "--help"]).output
    assert "x>=1" not in shown and "RANGE" not in shown and "up to 200" in shown


def test_search_help_says_what_relevance_is_without_a_query():
    """`--sort [relevance|newest|oldest] [default: relevance]` and nothing else, where an empty
    QUERY browses newest first: the help said nothing of either."""
    shown = " ".join(CliRunner().invoke(cli, ["search", "--help"]).output.split())
    assert "without a QUERY, relevance is newest first" in shown


@pytest.mark.parametrize("params", ["matches_from=5", "matches_to=50", "q=&matches_from=0"])
def test_a_matches_range_without_a_search_is_refused(client, params):
    """/api/doc/ID?matches_from=5 answered the record as if it were not there: it is read
    with q=, which it was sent without."""
    r = client.get(f"/api/doc/seeds/000_82caef7a759caf58.txt?{params}")
    assert r.status_code == 400 and "is read with q=: where in the text to give that search's matches" in r.get_json()["error"]
    assert client.get("/api/doc/seeds/000_82caef7a759caf58.txt?matches_from=").status_code == 200  # empty: none asked


@pytest.mark.parametrize("query,filters,unfiltered", [
    ("goita", {"year": "1987"}, 3),  # the filter left nothing: the words find 3
    ("zzqxv", {"person": "Putin"}, 0),  # the words find none either
    ("", {"year": "1987"}, 5),  # browsing: every article
    ("goita", {}, None),  # no filter
    ("goita", {"source": "seeds"}, None),  # found some
])
def test_the_json_says_how_many_the_search_finds_without_its_filters(client, seeds_index, query, filters, unfiltered):
    """48ce0bd printed "Without the filters: 3 results" under a search its filters leave with
    none, as the page offers "Search without the filters: 3 results", but `search --json` and
    /api/search had no such count: a script or a page of its own could not tell whether the
    filter or the words had left nothing. Both have it, alike, as `unfiltered_total`."""
    args = [a for name, value in filters.items() for a in ("--filter", f"{name}={value}")]
    r = run(seeds_index, "search", query, *args, "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["unfiltered_total"] == unfiltered, out
    api = client.get("/api/search", query_string={"q": query, **filters}).get_json()
    assert api["unfiltered_total"] == unfiltered and api["total"] == out["total"], api
    if unfiltered:  # the count is what the search finds without them
        assert client.get("/api/search", query_string={"q": query}).get_json()["total"] == unfiltered

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
    ("persn=goita", "'persn=goita': did you mean 'person=goita'? (a filter is FACET=VALUE with FACET one of "),
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

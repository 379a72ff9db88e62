"""JSON twins: the same engine calls as the pages, byte for byte what the CLI prints."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from click.testing import CliRunner

from web import create_app

SEED0 = "seeds/000_82caef7a759caf58.txt"


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX": str(seeds_index)}).test_client()


@pytest.mark.parametrize("url,cli_args", [
    ("/api/search?q=coup", ["coup"]),
    ("/api/search", []),
    ("/api/search?q=mali&person=Assimi+Goita&person=Putin&sort=oldest&page=2&per_page=2",
     ["mali", "--filter", "person=Assimi Goita", "--filter", "person=Putin", "--sort", "oldest", "--page", "2", "--limit", "2"]),
    ("/api/search?q=cuop", ["cuop"]),
])
def test_api_search_is_exactly_the_cli_json(client, seeds_index, url, cli_args):
    from search.cli import cli

    out = CliRunner().invoke(cli, ["search", *cli_args, "--json", "--index", str(seeds_index)])
    assert out.exit_code == 0, out.output
    assert client.get(url).get_json() == json.loads(out.output)


def test_api_search_equals_engine(client, seeds_archive):
    from search import run_search

    got = client.get("/api/search?q=coup&location=Mali").get_json()
    assert got == run_search(seeds_archive, "coup", {"location": ["Mali"]}).to_json()


def test_api_doc_equals_get_document(client, seeds_archive):
    from search import get_document

    r = client.get("/api/doc/" + SEED0)
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.get_json() == json.loads(json.dumps(get_document(seeds_archive, SEED0)))


def test_api_entities(client, seeds_archive):
    from search import list_entities

    assert client.get("/api/entities").get_json() == list_entities(seeds_archive)
    assert client.get("/api/entities?type=person").get_json() == list_entities(seeds_archive, "person")
    some = client.get("/api/entities?type=person&contains=goyt").get_json()
    assert [e["name"] for e in some] == ["Assimi Goita"]


def test_api_facet(client, seeds_archive):
    from search import run_search

    j = client.get("/api/facet/person?q=coup").get_json()
    assert j["values"] == run_search(seeds_archive, "coup").facets["person"]
    assert j["total"] == run_search(seeds_archive, "coup").total
    j = client.get("/api/facet/location?contains=ma").get_json()
    assert j["values"] and all("ma" in v["value"].lower() for v in j["values"])


@pytest.mark.parametrize("typed", ["Person", "PERSON", "pErSoN"])
def test_a_facet_name_in_any_case_is_that_facet(client, typed):
    """QA: /api/facet/Person was a 404, where `Title:mali`, `type=PERSON` and facet values
    take any case. Served as the lower-case facet, which its links and JSON twin name."""
    want = client.get("/api/facet/person?q=coup&contains=go").get_json()
    r = client.get(f"/api/facet/{typed}?q=coup&contains=go")
    assert r.status_code == 200 and r.get_json() == want and want["facet"] == "person" and want["values"]
    html = client.get(f"/facet/{typed}?q=coup")
    assert html.status_code == 200 and html.get_data() == client.get("/facet/person?q=coup").get_data()
    assert 'href="/api/facet/person?q=coup"' in html.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["Person", "PERSON"])
def test_a_filter_named_in_any_case_filters(client, typed):
    """QA: `?q=coup&Person=Goyta` answered unfiltered (5 of the seeds, not 3), silently."""
    want = client.get("/api/search?q=coup&person=Goyta").get_json()
    got = client.get(f"/api/search?q=coup&{typed}=Goyta").get_json()
    assert got == want and want["total"] < client.get("/api/search?q=coup").get_json()["total"]
    html = client.get(f"/search?q=coup&{typed}=Goyta").get_data(as_text=True)
    assert 'data-facet="person"' in html  # the chip of the filter in use


@pytest.mark.parametrize("url", ["/api/facet/Colour", "/facet/Colour"])
def test_an_unknown_facet_name_is_still_a_404_naming_the_facets(client, url):
    from html import unescape

    r = client.get(url)
    text = r.get_json()["error"] if r.is_json else unescape(r.get_data(as_text=True))
    assert r.status_code == 404 and r.is_json == url.startswith("/api/")
    assert "unknown facet 'Colour' (facets: person, organization, location, source, language, year, translated)" in text


def test_healthz(client, seeds_archive):
    from search import stats

    h = client.get("/healthz").get_json()
    s = stats(seeds_archive)
    assert h["status"] == "ok" and h["documents"] == 5 == s["documents"]
    assert h["generation"] == s["generation"] and h["generation"].startswith("gen-")
    # the seeds were indexed, never reindexed: a cron monitor must not read that as a nightly run
    assert h["last_reindex"] is None and re.match(r"\d{4}-\d\d-\d\dT", h["last_run"])


@pytest.mark.parametrize("url", ["/", "/search?q=coup&person=Assimi+Goita", "/doc/" + SEED0, "/entities?type=person",
                                 "/facet/person?q=coup"])
def test_every_page_links_its_json_twin(client, url):
    html = client.get(url).get_data(as_text=True)
    raw = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html).group(1)
    assert f'<a href="{raw}">This page as JSON</a>' in html
    link = unescape(raw)
    assert link.startswith("/api/")
    r = client.get(link)
    assert r.status_code == 200 and r.is_json


@pytest.mark.parametrize("typed", ["goyta", "GOÏTA", "Goïta"])
def test_facet_contains_takes_any_spelling_and_ignores_accents(client, typed):
    """As the filter does: the person facet's 'contains' box used to compare the display
    name only, case-folded, so 'goyta' and 'goïta' found nothing."""
    from urllib.parse import quote

    j = client.get(f"/api/facet/person?contains={quote(typed)}").get_json()
    assert [v["value"] for v in j["values"]] == ["Assimi Goita"]
    ents = client.get(f"/api/entities?type=person&contains={quote(typed)}").get_json()
    assert [e["name"] for e in ents] == ["Assimi Goita"]


def test_api_search_ignores_a_dangling_operator_as_the_cli_does(client, seeds_index):
    from search.cli import cli

    out = CliRunner().invoke(cli, ["search", "coup OR", "--json", "--index", str(seeds_index)])
    assert out.exit_code == 0, out.output
    got = client.get("/api/search?q=coup+OR").get_json()
    assert got == json.loads(out.output)
    assert got["total"] == client.get("/api/search?q=coup").get_json()["total"] > 0
    bad = client.get("/api/search?q=NOT+NOT")
    assert bad.status_code == 400 and "NOT" in json.dumps(bad.get_json())

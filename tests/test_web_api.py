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
    ("/api/search?q=mali&sort=NEWEST", ["mali", "--sort", "Newest"]),  # a sort in any case, as a filter value
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
    assert _without_addresses(r.get_json()) == json.loads(json.dumps(get_document(seeds_archive, SEED0)))


def _without_addresses(doc: dict) -> dict:
    """/api/doc's record without what only a server has: each version's api_url and page_url
    (`show --json` gives the id, which `show` takes as it is)."""
    assert doc["versions"] and all(v["api_url"] == "/api/doc/" + v["id"] for v in doc["versions"])
    return dict(doc, versions=[{k: x for k, x in v.items() if k not in ("api_url", "page_url")} for v in doc["versions"]])


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


def test_a_parameter_named_like_a_filter_it_is_not_is_refused_with_the_filter_meant(client):
    """`org=OPEC`, `place=`, `lang=`, `date=` were ignored: the unfiltered results came back,
    with nothing to say the filter was not applied (the CLI's --filter org=... says "did you mean")."""
    unfiltered = client.get("/api/search?q=coup").get_json()["total"]
    for name, meant, value in (("org", "organization", "Mali"), ("place", "location", "Mali"),
                               ("lang", "language", "Mali"), ("date", "year", "2021"), ("persn", "person", "Mali")):
        r = client.get(f"/api/search?q=coup&{name}={value}")
        assert r.status_code == 400 and f"did you mean '{meant}={value}'?" in r.get_json()["error"], r.get_json()
        page = client.get(f"/search?q=coup&{name}={value}")
        assert page.status_code == 400 and f"did you mean &#39;{meant}={value}&#39;?" in page.get_data(as_text=True)
    # a name that means no filter (a link's tracking tag) is still left alone
    r = client.get("/api/search?q=coup&utm_source=newsletter&fbclid=x")
    assert r.status_code == 200 and r.get_json()["total"] == unfiltered


def test_a_parameter_that_is_a_word_of_its_own_is_ignored_not_read_as_a_misspelt_field(client):
    """Walkthrough: `/search?q=coup&test=1` (a developer's flag) was a 400, "unknown filter
    'test': search it in the query, text:1", as `tile=` was for `title`: a common word one
    letter from a field's name is a parameter of its own, ignored as unknown names are. A slip
    (`titel=`, `txt=`, `yeer=`) is still refused with the field meant."""
    want = client.get("/api/search?q=coup").get_json()
    for name in ("test", "Test", "tile"):
        r = client.get(f"/api/search?q=coup&{name}=1")
        assert r.status_code == 200 and r.get_json() == want, r.get_json()
        assert client.get(f"/search?q=coup&{name}=1").status_code == 200
        assert client.get(f"/facet/person?q=coup&{name}=1").status_code == 200
        export = client.get(f"/api/export?q=coup&{name}=1")
        assert export.status_code == 200 and len(export.get_data(as_text=True).splitlines()) == want["total"]
    for name, meant in (("titel", "title:Mali"), ("txt", "text:Mali"), ("texts", "text:Mali"), ("yeer", "the filter 'year'")):
        r = client.get(f"/api/search?q=coup&{name}=Mali")
        assert r.status_code == 400 and meant in r.get_json()["error"], (name, r.get_json())


def test_the_command_line_s_limit_is_refused_with_per_page_not_ignored(client):
    """Walkthrough: `/api/search?q=coup&limit=2`, as `search coup --limit 2` names it, gave a
    page of 10, silently: a script paging by its own count skipped or repeated results. It is
    refused, naming per_page, on the JSON and the HTML twins alike."""
    for url in ("/api/search?q=coup&limit=2", "/api/search?q=coup&Limit=2"):
        r = client.get(url)
        assert r.status_code == 400 and "did you mean 'per_page=2'?" in r.get_json()["error"], (url, r.get_json())
    # a facet's list has no pages, and per_page is not read there: said so (test_cli_api_words)
    r = client.get("/api/facet/person?q=coup&limit=2")
    assert r.status_code == 400 and "no limit and no pages" in r.get_json()["error"]
    page = client.get("/search?q=coup&limit=2")
    assert page.status_code == 400 and "did you mean &#39;per_page=2&#39;?" in page.get_data(as_text=True)
    assert len(client.get("/api/search?q=coup&per_page=2").get_json()["hits"]) == 2


def test_a_parameter_name_in_another_case_is_read_as_the_parameter(client):
    """Review: `/?q=oil&Page=2` and `/api/search?...&Page=2` gave page 1, `Sort=oldest` the
    relevance order, `Per_Page=2` ten results: ignored, silently, as an unknown parameter is,
    where `Person=Goyta` filters. Every parameter a page reads is read in any case."""
    def hits(url):
        r = client.get(url)
        assert r.status_code == 200, (url, r.get_data(as_text=True)[:300])
        j = r.get_json()
        return j["page"], j["per_page"], j["total"], [h["id"] for h in j["hits"]]

    page2 = hits("/api/search?q=coup&per_page=2&page=2")
    assert page2[0] == 2 and len(page2[3]) == 2 and page2 != hits("/api/search?q=coup&per_page=2")
    for url in ("/api/search?q=coup&per_page=2&Page=2", "/api/search?Q=coup&PER_PAGE=2&PAGE=2",
                "/api/search?q=coup&Per_Page=2&page=2"):
        assert hits(url) == page2, url
    assert hits("/api/search?q=coup&Sort=oldest") == hits("/api/search?q=coup&sort=oldest")
    assert hits("/api/search?q=coup&Sort=oldest") != hits("/api/search?q=coup")
    assert client.get("/api/search?q=oil+gas&Match=any").get_json()["match"] == "any"
    # the results page too: the same two articles, its links written in lower case
    html = client.get("/search?q=coup&per_page=2&Page=2").get_data(as_text=True)
    assert re.findall(r'<h2><a href="/doc/([^"?]+)', html) == page2[3]
    assert html == client.get("/search?q=coup&per_page=2&page=2").get_data(as_text=True)
    # a bad value so named is refused as the lower-case name's is, not a traceback
    r = client.get("/api/search?q=coup&Page=abc")
    assert r.status_code == 400 and r.get_json()["error"] == "page must be a whole number"
    assert "page must be a whole number" in client.get("/search?q=coup&PAGE=abc").get_data(as_text=True)
    # the export's own parameters, and the entity list's
    assert client.get("/api/export?q=coup&Format=csv").mimetype == "text/csv"
    assert "text" in json.loads(client.get("/api/export?q=coup&TEXT=1").get_data(as_text=True).splitlines()[0])
    assert client.get("/api/entities?Type=person").get_json() == client.get("/api/entities?type=person").get_json()
    # other names are still left alone (a link's tracking tag)
    assert hits("/api/search?q=coup&UTM_Source=x") == hits("/api/search?q=coup")


@pytest.mark.parametrize("raw", ["q=caf%E9", "q=pct%20%E9", "q=oil&person=%FF%FE", "%E9=1"])
def test_a_query_string_that_is_not_utf8_is_refused(client, raw):
    """Werkzeug keeps bytes that are not UTF-8 as their %XX escapes: `q=caf%E9` searched the text
    "caf%E9", and "did you mean" offered "pct %EC" for "pct %E9"."""
    for path in ("/api/search", "/search", "/api/doc/" + SEED0):
        r = client.get(path, query_string=raw)
        assert r.status_code == 400, (path, r.status_code)
        body = r.get_json()["error"] if path.startswith("/api/") else r.get_data(as_text=True)
        assert "is not UTF-8 text" in body, body[:300]
    assert client.get("/api/search", query_string="q=caf%C3%A9").status_code == 200  # UTF-8 "café"


def test_a_document_query_too_long_is_refused_not_cut(client):
    """/api/doc?q= and /doc?q= cut a query to 4,000 characters and marked what was left:
    `gasoline` + spaces + `OR oil` lost its `OR oil`, with no word of it."""
    long_q = "coup" + " " * 3995 + "OR russia"
    doc = client.get("/api/doc/" + SEED0, query_string={"q": long_q}).get_json()
    assert doc["matches"] == [] and "query is too long (4,008 characters" in doc["matches_error"], doc.get("matches_error")
    page = client.get("/doc/" + SEED0, query_string={"q": long_q}).get_data(as_text=True)
    assert "cannot run: query is too long" in page


def test_the_document_json_has_what_its_page_shows(client, seeds_index):
    """The page showed where "possible" and "likely" begin, and each entity's id (its exact
    filter), other spellings and count; the JSON had the names alone."""
    from search import translation_thresholds
    from search.cli import cli

    doc = client.get("/api/doc/" + SEED0).get_json()
    assert doc["translation_thresholds"] == translation_thresholds()
    people = {e["name"]: e for e in doc["entity_details"]["person"]}
    assert [e["name"] for e in doc["entity_details"]["person"]] == doc["entities"]["person"]
    keita = people["Ibrahim Boubacar Keita"]
    assert keita["id"] == "per:ibrahim-boubacar-keita" and keita["documents"] >= 3, keita
    assert "Ibrahim Boubacar Keitan" in keita["aliases"] and "Ibrahim Boubacar Keita" not in keita["aliases"]
    # the id filters to that entity alone, with the count shown
    found = client.get("/api/search", query_string={"person": keita["id"]}).get_json()
    assert found["total"] == keita["documents"]
    out = CliRunner().invoke(cli, ["show", SEED0, "--json", "--index", str(seeds_index)])
    assert json.loads(out.output) == _without_addresses(doc)
    page = client.get("/doc/" + SEED0).get_data(as_text=True)
    assert "/search?person=per:ibrahim-boubacar-keita" in page and "Keitan" in page


def test_unmatched_filters_come_in_the_same_order_from_the_cli_and_the_api(client, seeds_index):
    from search.cli import cli

    out = CliRunner().invoke(cli, ["search", "coup", "--filter", "language=englsh", "--filter", "person=Goytta",
                                   "--json", "--index", str(seeds_index)])
    api = client.get("/api/search?q=coup&language=englsh&person=Goytta").get_json()
    assert json.loads(out.output) == api
    assert [u["facet"] for u in api["unmatched_filters"]] == ["person", "language"]


def test_an_export_has_no_page_to_refuse_and_a_bad_entity_type_is_a_bad_argument(client):
    r = client.get("/api/export?q=coup&page=5000&per_page=500")
    assert r.status_code == 200 and r.headers["X-Total-Count"] == str(client.get("/api/search?q=coup").get_json()["total"])
    r = client.get("/api/entities?type=people")
    assert r.status_code == 400 and "did you mean 'person'?" in r.get_json()["error"]


@pytest.mark.parametrize("params", [
    {"source": "www.reuters.example"}, {"source": "https://reuters.example/"}, {"source": "WWW.Reuters.Example"},
    {"source": "reuters.example/"}, {"q": "source:www.reuters.example"}, {"q": 'source:"https://www.reuters.example/"'},
])
def test_a_source_typed_as_the_sites_address_finds_the_source(tmp_path, params):
    """QA: sources are stored lower case without "www." (a record's host), and
    source=www.reuters.example, source=https://reuters.example/ and the query's
    source:www.reuters.example found nothing, with no hint; each is that site's source."""
    from search import Store, indexer

    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "wire.jsonl").write_text(json.dumps(
        {"url": "https://www.Reuters.example/a", "title": "Grain", "text": "Wheat prices rose on Monday."}) + "\n")
    assert indexer.run(Store(tmp_path / "index"), [str(tmp_path / "feed")])["indexed"] == 1
    got = create_app({"INDEX": str(tmp_path / "index")}).test_client().get("/api/search", query_string=params).get_json()
    assert (got["total"], got["unmatched_filters"]) == (1, [])
    assert [f["value"] for f in got["facets"]["source"]] == ["reuters.example"]


def test_api_doc_and_the_doc_page_take_the_url_a_search_reports(tmp_path):
    """QA: /api/doc/<url> was a 404 for the url /api/search reports, as `show` takes it: a
    JSON Lines record with no url of its own (`file:///…/feed.jsonl#2`, its line) and a page
    with one alike. A URL several articles share stays a 404, naming how many."""
    from search import Store, indexer

    feed = tmp_path / "wire" / "feed.jsonl"
    feed.parent.mkdir()
    records = [{"id": 7}, {"id": 5}, {"id": 6, "url": "https://ex.com/six"}, {"id": 8, "url": "https://ex.com/twice"},
               {"id": 9, "url": "https://ex.com/twice"}]
    feed.write_text("".join(json.dumps({**rec, "title": f"Story {rec['id']}",
                                        "text": f"Officials in Bamako met on day {rec['id']} to discuss it."}) + "\n"
                            for rec in records), encoding="utf-8")
    assert indexer.run(Store(tmp_path / "ix"), [str(feed.parent)])["indexed"] == 5
    client = create_app({"INDEX": str(tmp_path / "ix")}).test_client()
    hits = client.get("/api/search", query_string={"q": "Bamako"}).get_json()["hits"]
    assert len(hits) == 5
    for hit in hits:
        if "twice" in hit["url"]:
            continue
        quoted = hit["url"].replace("#", "%23")  # a fragment is never sent: a link quotes it
        r = client.get("/api/doc/" + quoted)
        assert r.status_code == 200, (hit["url"], r.get_data(as_text=True))
        assert r.get_json()["id"] == hit["id"]
        page = client.get("/doc/" + quoted)
        assert page.status_code == 200 and f"Story {hit['id'].rsplit('#', 1)[1]}" in page.get_data(as_text=True)
    assert client.get("/api/doc/" + f"{feed.as_uri()}%231").get_json()["id"] == "wire/feed.jsonl#7"
    r = client.get("/api/doc/https://ex.com/twice")
    assert r.status_code == 404 and "2 articles" in r.get_data(as_text=True)
    assert client.get("/api/doc/" + feed.as_uri()).status_code == 404  # a file is no page: ids or urls only

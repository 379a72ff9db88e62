"""A search for any of the query's words (`match=any`), and the hint that offers it where a
search for all of them finds few (review: `grain shipments` found 4 of 151 articles on grain
shipments, and nothing said that fewer words would find more)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search import QueryError, run_search
from search.export import rows
from search.query import FEW_RESULTS

ARTICLES = {
    "both.txt": "Port report\n\nThe grain board said shipments from the port rose in the week, "
                "officials at the harbour added on Monday after a long survey of the trade.\n",
    # "shipments" in a short title: scored above both.txt by BM25, yet it has one word of two
    "ship.txt": "Shipments\n\nShipments fell.\n",
    "grain.txt": "Harvest\n\nThe grain harvest was large and the grain price fell as grain stocks grew.\n",
    "wheat.txt": "Wheat\n\nWheat grain shipments were delayed, said traders in the market.\n",
    "none.txt": "Weather\n\nRain fell across the plains on Sunday, forecasters said.\n",
    "coup.txt": "Unrest\n\nSoldiers staged a coup in the capital, witnesses said.\n",
    "reagan.txt": "White House\n\nPresident Ronald Reagan spoke to reporters on Friday about the budget.\n",
    "smith.txt": "Appointment\n\nRonald Smith was named chairman of the bank on Tuesday.\n",
    "three.txt": "Ports\n\nGrain left the port by barge as river levels rose.\n",
}


@pytest.fixture(scope="module")
def any_index(tmp_path_factory):
    from search import Store, indexer

    tmp = tmp_path_factory.mktemp("anyw")
    src = tmp / "wire"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text)
    indexer.run(Store(tmp / "ix"), [str(src)])
    return tmp / "ix"


@pytest.fixture(scope="module")
def archive(any_index):
    from search import open_index

    return open_index(any_index)


def _names(result) -> list[str]:
    return [h.id.rsplit("/", 1)[-1] for h in result.hits]


def test_all_words_then_the_hint_then_any_word_with_more_of_them_first(archive):
    every = run_search(archive, "grain shipments")
    assert sorted(_names(every)) == ["both.txt", "wheat.txt"] and every.match == "all"
    assert every.any_words_total == 5  # both, wheat, ship, grain, three
    anyw = run_search(archive, "grain shipments", match="any")
    assert anyw.total == 5 and anyw.match == "any" and anyw.any_words_total is None
    names = _names(anyw)
    assert sorted(names[:2]) == ["both.txt", "wheat.txt"], names  # those with both words first
    scores = {n: h.score for n, h in zip(names, anyw.hits)}
    # ...though the short title "Shipments" outscores both.txt: the order is not the score's
    assert scores["ship.txt"] > scores["both.txt"], scores
    assert set(names[2:]) == {"ship.txt", "grain.txt", "three.txt"}


def test_any_ranks_by_how_many_clauses_an_article_has(archive):
    r = run_search(archive, "grain shipments port", match="any")
    names = _names(r)
    assert names[0] == "both.txt", names  # all three
    assert set(names[1:3]) == {"wheat.txt", "three.txt"}, names  # two of three
    assert r.total == 5


def test_any_keeps_not_filters_and_names(archive):
    assert "wheat.txt" not in _names(run_search(archive, "grain shipments -wheat", match="any"))
    assert sorted(_names(run_search(archive, "grain shipments NOT wheat", match="any"))) == [
        "both.txt", "grain.txt", "ship.txt", "three.txt"]
    # a name is one clause: "Ronald" alone (Ronald Smith) is not "Ronald Reagan"
    named = _names(run_search(archive, "Ronald Reagan coup", match="any"))
    assert sorted(named) == ["coup.txt", "reagan.txt"], named
    assert run_search(archive, "Ronald Reagan coup").any_words_total == 2
    # the filters still narrow
    filtered = run_search(archive, "grain shipments", filters={"year": ["1999"]}, match="any")
    assert filtered.total == 0


def test_a_query_s_own_and_and_parentheses_stand(archive):
    """Helper review: `(oil AND gas) coal` with any found every article with any of the three
    words (Whoosh's tree flattens the ANDs); `oil gas ANDNOT coal` kept articles with oil and
    coal. A query that groups its words runs as typed, and says so (match "all")."""
    for q in ("(grain AND shipments) port", "grain AND shipments port", "grain shipments ANDNOT wheat"):
        every, anyw = run_search(archive, q), run_search(archive, q, match="any")
        assert sorted(_names(anyw)) == sorted(_names(every)) and anyw.match == "all", q
        assert every.any_words_total is None, q  # nor offered
    assert sorted(_names(run_search(archive, "grain shipments ANDNOT wheat"))) == ["both.txt"]
    # OR and NOT group nothing that any undoes
    assert run_search(archive, "grain OR coup shipments", match="any").match == "any"


def test_a_facet_field_in_the_query_still_filters(archive):
    """`oil gas language:en` with any gave 2,848 of 3,000 articles: the field, a filter typed
    in the query, had become one more alternative."""
    assert run_search(archive, "grain shipments language:fr", match="any").total == 0
    assert run_search(archive, "grain shipments language:en", match="any").total == 5
    assert run_search(archive, "grain language:en").any_words_total is None  # one word to join
    # a field of the text is a word: `title:shipments` or "grain"
    assert sorted(_names(run_search(archive, "title:shipments grain", match="any"))) == [
        "both.txt", "grain.txt", "ship.txt", "three.txt", "wheat.txt"]


def test_any_says_what_it_did_and_offers_the_spelling(archive):
    """A word of a search for any word that no article has was dropped in silence: `grain
    shipmints` listed the grain articles with no "did you mean"."""
    r = run_search(archive, "grain shipmentz", match="any")
    assert r.total == 4 and r.suggestion == "grain shipments"
    one = run_search(archive, "grain", match="any")  # nothing to join: runs as all, and says so
    assert one.match == "all" and one.total == 4
    from search import search

    assert search("grain shipments", index=archive, match="any").total == 5


def test_no_hint_where_any_would_change_nothing(archive):
    assert run_search(archive, "grain").any_words_total is None  # one word
    assert run_search(archive, "grain OR shipments").any_words_total is None  # already any
    assert run_search(archive, "grain -wheat").any_words_total is None  # one word wanted
    assert run_search(archive, "").any_words_total is None  # browsing
    # as many with any as with all: nothing to offer
    assert run_search(archive, "coup soldiers").any_words_total is None


def test_no_hint_past_a_few_results(tmp_path):
    from search import Store, indexer, open_index

    src = tmp_path / "many"
    src.mkdir()
    for i in range(FEW_RESULTS):
        (src / f"a{i}.txt").write_text(f"Story {i}\n\nCocoa exports rose in week {i}.\n")
    (src / "b.txt").write_text("Cocoa\n\nCocoa prices fell.\n")
    indexer.run(Store(tmp_path / "ix"), [str(src)])
    archive = open_index(tmp_path / "ix")
    assert run_search(archive, "cocoa exports").total == FEW_RESULTS
    assert run_search(archive, "cocoa exports").any_words_total is None
    assert run_search(archive, "cocoa exports", match="any").total == FEW_RESULTS + 1


def test_no_hint_beside_a_spelling_fix_on_an_empty_page(archive):
    r = run_search(archive, "grain shipmentz")
    assert r.total == 0 and r.suggestion == "grain shipments"
    assert r.any_words_total is None
    # every word spelt as some article spells it: the hint is the way on
    r = run_search(archive, "grain coup")
    assert r.total == 0 and r.suggestion is None and r.any_words_total == 5


def test_any_through_whooshs_collector_ranks_alike(archive):
    """A sloppy phrase is not replayed from the posting arrays: Whoosh's collector scores it,
    and the clauses still rank first."""
    r = run_search(archive, '"grain shipments"~3 port', match="any")
    names = _names(r)
    assert names[0] == "both.txt", names
    assert set(names[1:]) == {"wheat.txt", "three.txt"}, names


def test_match_in_any_case_and_a_bad_one_refused(archive):
    assert run_search(archive, "grain shipments", match="ANY").total == 5
    assert run_search(archive, "grain shipments", match="").match == "all"
    with pytest.raises(QueryError, match="unknown match 'some'"):
        run_search(archive, "grain shipments", match="some")


def test_export_takes_the_pages_order(archive):
    shown = _names(run_search(archive, "grain shipments port", match="any", per_page=20))
    total, found = rows(archive, "grain shipments port", match="any")
    assert total == len(shown)
    assert [r["id"].rsplit("/", 1)[-1] for r in found] == shown


def _cli(*args):
    from search.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_says_and_takes_it(any_index):
    r = _cli("search", "grain shipments", "--index", any_index)
    assert r.exit_code == 0
    assert "Only 2 articles have every word; 5 have any of them: --match any" in r.output
    r = _cli("search", "Ronald Reagan coup", "--index", any_index)
    assert "No article has every word; 2 have any of them: --match any" in r.output
    r = _cli("search", "grain shipments", "--match", "Any", "--index", any_index, "--json")
    data = json.loads(r.output)
    assert data["match"] == "any" and data["total"] == 5 and data["any_words_total"] is None
    r = _cli("search", "grain shipments", "--match", "any", "--index", any_index)
    assert "5 results for grain shipments (any of the words)" in r.output
    r = _cli("search", "grain shipments", "--match", "some", "--index", any_index)
    assert r.exit_code == 2 and "unknown match 'some' (use all or any)" in r.output
    r = _cli("export", "grain shipments", "--match", "any", "--index", any_index)
    assert r.exit_code == 0 and len(r.output.splitlines()) == 5


@pytest.fixture(scope="module")
def client(any_index):
    from web import create_app

    return create_app({"INDEX": str(any_index)}).test_client()


def test_web_offers_any_and_the_way_back(client):
    page = client.get("/search?q=grain+shipments").get_data(as_text=True)
    assert "Only 2 articles have every word." in page
    assert 'href="/search?q=grain+shipments&amp;match=any"><strong>5</strong> have any of them' in page
    anyp = client.get("/search?q=grain+shipments&match=any").get_data(as_text=True)
    assert "<strong>5</strong> results" in anyp
    assert '<a href="/search?q=grain+shipments">Require every word</a>' in anyp
    # a new query typed in the box keeps it, as it keeps the sort
    assert '<input type="hidden" name="match" value="any">' in anyp
    # a filter link keeps it
    assert "&amp;match=any" in anyp.split('id="facets-h"', 1)[1]
    assert "(those with more of them first)" in anyp
    newest = client.get("/search?q=grain+shipments&match=any&sort=newest").get_data(as_text=True)
    assert "Require every word" in newest and "(those with more of them first)" not in newest
    one = client.get("/search?q=grain&match=any").get_data(as_text=True)
    assert "Require every word" not in one  # one word: nothing was joined
    empty = client.get("/search?q=Ronald+Reagan+coup").get_data(as_text=True)
    assert "No article has every word:" in empty and "2 have any of them" in empty


def test_web_json_and_export_and_a_bad_value(client):
    data = client.get("/api/search?q=grain+shipments").get_json()
    assert data["match"] == "all" and data["any_words_total"] == 5
    data = client.get("/api/search?q=grain+shipments&match=any").get_json()
    assert data["match"] == "any" and data["total"] == 5
    exp = client.get("/api/export?q=grain+shipments&match=any")
    assert exp.status_code == 200 and exp.headers["X-Total-Count"] == "5"
    assert len(exp.get_data(as_text=True).splitlines()) == 5
    bad = client.get("/api/search?q=grain&match=some")
    assert bad.status_code == 400 and "unknown match 'some' (use all or any)" in bad.get_json()["error"]
    assert client.get("/search?q=grain&match=some").status_code == 400

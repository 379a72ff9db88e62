"""What a walk through the UI found (session 43): chips named as their panels, the MT badge
reachable without a mouse, the error pages' JSON link and their URL as a link, the query
syntax open where a query found nothing. Flask's test client over the real seeds index."""
from __future__ import annotations

import re
from html import unescape

import pytest

from test_web_pages import client, total  # noqa: F401 (the seeds index's test client, a fixture)
from test_web_pages import page as get


def chips(html: str) -> list[dict[str, str]]:
    """Each chip's facet, visible text, link and title."""
    out = []
    for m in re.finditer(r'<a class="chip" ([^>]*)>(.*?)</a>', html, re.S):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1)))
        visible = re.sub(r'<span class="vh">.*?</span>|<span class="chip-x"[^>]*>.*?</span>', "", m.group(2))
        out.append({"facet": attrs["data-facet"], "href": unescape(attrs["href"]), "title": unescape(attrs.get("title", "")),
                    "text": unescape(re.sub(r"<[^>]+>", "", visible)).strip()})
    return out


def test_a_chip_reads_as_its_panel_and_its_title_gives_the_query_syntax(client):
    """A chip read "TRANSLATED likely" and "PERSON Assimi Goita", where the panels say Machine
    translation and People; the facet page showed no chips at all. Now both pages name them as
    the panels do, and each chip's title writes the filter as the query text takes it: typed
    as the query, it finds what the filter does."""
    url = "/search?q=coup&person=Goyta&translated=likely"
    html = get(client, url)
    shown = {c["facet"]: c for c in chips(html)}
    assert shown["person"]["text"] == "Person: Assimi Goita"  # one value: its facet in the singular (test_web_ui_labels)
    assert shown["translated"]["text"] == "Machine translation: likely"
    assert 'translated:likely' in shown["translated"]["title"] and 'person:"Assimi Goita"' in shown["person"]["title"]
    # the syntax in the title is a query that finds what the filters find
    syntax = " ".join(re.search(r"in a query: (.*)\)", shown[f]["title"]).group(1) for f in ("person", "translated"))
    assert total(get(client, "/search?" + "q=" + re.sub(r"\s", "+", "coup " + syntax).replace('"', "%22"))) == total(html)
    # the facet page of the same search: the same chips, each leading to that page without it
    facet = get(client, "/facet/organization?q=coup&person=Goyta&translated=likely")
    on_facet = {c["facet"]: c for c in chips(facet)}
    assert {f: c["text"] for f, c in on_facet.items()} == {f: c["text"] for f, c in shown.items()}
    assert on_facet["translated"]["href"] == "/facet/organization?q=coup&person=per:assimi-goita"
    assert on_facet["translated"]["title"] == shown["translated"]["title"]


def test_the_mt_badge_is_a_link_to_the_article_s_explanation(client):
    """"MT likely" explained itself in a hover tooltip only, which a touch screen or the
    keyboard never reaches: it is a link to the article page's machine-translation line (#mt),
    the score, thresholds and flags, with the query kept for the marks."""
    html = get(client, "/search?q=coup")
    badges = re.findall(r'<a class="badge badge-likely" href="([^"]+)"[^>]*>MT likely<span class="vh">([^<]*)</span></a>', html)
    assert len(badges) == total(html) == 5
    href, spoken = badges[0]
    assert "machine translation likely" in spoken
    path, _, anchor = unescape(href).partition("#")
    assert anchor == "mt" and path.startswith("/doc/seeds/") and "q=coup" in path
    doc = get(client, path)
    assert re.search(r'<p class="mt mt-likely" id="mt">\s*Machine translation: <strong>likely</strong>', doc)


@pytest.mark.parametrize("url", ["/search?q=%22coup", "/search?q=coup&year=21", "/entities?q=coup",
                                 "/facet/person?q=coup&page=x&Sort=sideways", "/doc/no-such-id"])
def test_an_error_page_links_its_json_twin_which_says_the_same(client, url):
    """The 400 page had no "This page as JSON", though every other page has it and the twin
    answers the same refusal: now it does (404s too), with the arguments as sent."""
    r = client.get(url)
    assert r.status_code in (400, 404)
    html = r.get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">This page as JSON</a>', html)
    assert link, url
    twin = client.get(unescape(link.group(1)))
    assert twin.status_code == r.status_code and twin.is_json
    message = unescape(re.sub(r"<[^>]+>", "", re.search(r'<p class="error-message"[^>]*>(.*?)</p>', html, re.S).group(1)))
    said = twin.get_json()["error"].replace("/api/facet/", "/facet/")
    if "year=21" in url:  # the page names the facet as its chip does, the JSON by its field (test_web_ui_labels)
        said = "a 'Year'" + said.removeprefix("a 'year'")
    assert said == message


def test_the_entity_list_s_refusal_links_the_facet_that_answers_it(client):
    """/entities?q=coup said where the entities of a search are as text to copy
    ("/facet/person?q=coup"): the error page makes it a link, which answers; the JSON's
    error text is as it was."""
    html = get(client, "/entities?q=coup&type=organization", 400)
    link = re.search(r'counted in them: <a href="([^"]+)">/facet/organization\?q=coup</a>', html)
    assert link and unescape(link.group(1)) == "/facet/organization?q=coup"
    assert "Organizations" in get(client, unescape(link.group(1)))
    r = client.get("/api/entities?q=coup")
    assert r.status_code == 400 and r.get_json()["error"] == (
        "unknown parameter 'q' here: the entity list is the whole archive's, narrowed by type= and contains= "
        "(a name); the entities of the articles a search finds are its facet's values, counted in them: "
        "/api/facet/person?q=coup (or organization, location)")


def test_the_query_syntax_is_open_where_a_query_found_nothing(client):
    """"Query syntax" stayed folded on the page where a query found nothing, where it helps
    most; it opens there, and stays folded where there are results, or where the query finds
    articles without the filters (the filters are the trouble there)."""
    syntax = r'<details class="syntax" id="syntax"( open)?>'
    assert re.search(syntax, get(client, "/search?q=zqxjv")).group(1) == " open"
    assert re.search(syntax, get(client, "/search?q=coup+zqxjv&person=Goyta")).group(1) == " open"
    for url in ("/search?q=coup", "/search?q=coup&year=1987", "/search?year=1987", "/search"):
        assert re.search(syntax, get(client, url)).group(1) is None, url

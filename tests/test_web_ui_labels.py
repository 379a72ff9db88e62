"""What a walk through the UI found (session 44): field names (`location`, `translated`) in
page titles and prose where the panels say "Places" and "Machine translation", headings in
the singular on one page and the plural on another, the entity list's refusal of a search
worded as a search's, translation flags named by the detector's identifiers. Flask's test
client over the real seeds index."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlencode

import pytest

from test_web_pages import client  # noqa: F401 (the seeds index's test client, a fixture)
from test_web_pages import page as get

PLURAL = ["People", "Organizations", "Places", "Sources", "Languages", "Years", "Machine translation"]
FLAGGED = "seeds/000_82caef7a759caf58.txt"  # "Russia trained Mali coup leaders": MT likely, 10 flags


def title(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_a_list_of_values_is_headed_in_the_plural_and_one_value_named_in_the_singular(client):
    """The panels read "Source", "Language", "Year" where the facet page each opens read
    "Sources", "Languages", "Years"; a chip read "People: Assimi Goita" for one person and
    "Source: seeds" beside it; the entity list's Type column read `location`. A list is headed
    in the plural on every page, one value named in the singular."""
    results = get(client, "/search?q=coup&person=Goyta&source=seeds&year=2020")
    panels = [text(h) for h in re.findall(r'<h3 id="facet-h-\w+">([^<]*)', results)]
    assert panels == PLURAL
    for facet, heading in zip(("person", "organization", "location", "source", "language", "year", "translated"), PLURAL):
        facet_page = get(client, f"/facet/{facet}?q=coup")
        assert text(re.search(r"<h1>(.*?)<span", facet_page).group(1)) == heading, facet
    chips = [text(c) for c in re.findall(r'<span class="chip-facet">([^<]*)</span>', results)]
    assert chips == ["Person:", "Source:", "Year:"]
    entities = get(client, "/entities")
    tabs = [text(t) for t in re.findall(r'<nav class="tabs".*?</nav>', entities, re.S)[0].split("</li>")[1:-1]]
    assert tabs == ["People", "Organizations", "Places"]
    types = set(re.findall(r'<td class="etype">([^<]*)</td>', entities))
    assert types == {"Person", "Organization", "Place"}, types


def test_page_titles_name_facets_as_the_page_does(client):
    """The results page was titled "coup · search (person: Assimi Goita, translated: likely)",
    a facet's page "People" for every search, an error page "400": a tab and the history
    menu read field names, or a number. Each reads as its page."""
    results = title(get(client, "/search?q=coup&person=Goyta&translated=likely&location=loc:mali"))
    assert results == "coup · Search (Person: Assimi Goita, Place: Mali, Machine translation: likely) · newsarchive"
    assert title(get(client, "/facet/location?q=coup&translated=likely")) == \
        "Places · coup (Machine translation: likely) · newsarchive"
    assert title(get(client, "/facet/translated")) == "Machine translation · newsarchive"
    assert title(get(client, "/search?q=%22coup", 400)) == "This search cannot run · newsarchive"
    assert title(get(client, "/doc/no-such-id", 404)) == "Not found · newsarchive"


def test_a_filter_value_no_article_has_is_named_as_its_chip_names_it(client):
    """"No article has location “Narnia”" named the facet by its field; "Did you mean en?" a
    language by its code, where the panel and the chip say English. The link keeps the code."""
    html = get(client, "/search?q=coup&location=Narnia&language=englsh")
    lines = [text(p) for p in re.findall(r'<p class="suggest unmatched">(.*?)</p>', html, re.S)]
    assert lines == ["No article has the place Narnia.", "No article has the language englsh. Did you mean English?"]
    link = unescape(re.search(r'englsh</bdi></q>.*?<a href="([^"]+)"', html, re.S).group(1))
    assert "language=en" in link and "englsh" not in link
    in_query = get(client, "/search?q=coup+location:Narnia")
    assert "No article has the place Narnia (in the query)." in [text(p) for p in re.findall(
        r'<p class="suggest unmatched">(.*?)</p>', in_query, re.S)]


def test_the_entity_list_s_refusal_is_worded_as_no_search(client):
    """/entities?q=coup was headed "This search cannot run" and said "Your query was: coup",
    on the page that takes no query and says so in its parameters' words (type=, contains=):
    it is headed as the list it is, without the line, and names the pages that answer by
    their headings, each a link. A search's refusal keeps the heading and the line."""
    html = get(client, "/entities?q=coup&type=person", 400)
    assert text(re.search(r"<h1>(.*?)</h1>", html).group(1)) == "400 · This list cannot be shown"
    assert title(html) == "This list cannot be shown · newsarchive"
    assert "Your query was" not in html and "This search cannot run" not in html
    assert re.search(r'counted in them: <a href="/facet/person\?q=coup">', html)
    answers = re.search(r'<p class="suggest answers">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', answers) == [("/facet/person?q=coup", "People")]
    every = re.search(r'<p class="suggest answers">(.*?)</p>', get(client, "/entities?q=coup&year=2020", 400), re.S).group(1)
    links = [(unescape(u), t) for u, t in re.findall(r'<a href="([^"]+)">([^<]+)</a>', every)]
    assert [t for _, t in links] == ["People", "Organizations", "Places"]
    for url, heading in links:
        assert "year=2020" in url and text(re.search(r"<h1>(.*?)<span", get(client, url)).group(1)) == heading
    search = get(client, "/search?q=%22coup", 400)
    assert "This search cannot run" in search and "Your query was: <code><bdi>&#34;coup</bdi></code>" in search


def test_translation_flags_read_in_words(client):
    """The article page's notes and tips named each flag by its detector ("broken-sentence:
    no space after a full stop"): they read "Broken sentence: …"; the JSON keeps the name."""
    html = get(client, f"/doc/{FLAGGED}")
    kinds = re.findall(r'<span class="flag-kind">([^<]*)</span>', html)
    assert len(kinds) == 10 and set(kinds) <= {"Broken sentence", "Foreign typography", "Literal translation",
                                                "Language mix", "Source language morphology", "Name variant"}, kinds
    tips = [unescape(t) for t in re.findall(r'data-tip="([^"]*)"', html)]
    assert tips and all(re.match(r"[A-Z][a-z]+( [a-z]+)*: ", t) for t in tips), tips
    flags = client.get(f"/api/doc/{FLAGGED}").get_json()["translation"]["flags"]
    assert {f["kind"] for f in flags} <= {"broken-sentence", "foreign-typography", "literal-translation",
                                         "language-mix", "source-language-morphology", "name-variant"}


def test_every_title_is_capitalised_and_a_facet_page_s_names_its_filters_as_the_results_page_s_does(client):
    """The home page was titled "search · newsarchive" where every other title is capitalised
    ("Places · coup"), and a facet's page named its search's query but not its filters: "Places ·
    coup" for coup's places with or without translated=likely, where the results page's title
    names both. A facet's values are in no sort's order and on one page: neither is named."""
    assert title(get(client, "/")) == "Search · newsarchive"
    assert title(get(client, "/search?q=coup")) == "coup · Search · newsarchive"
    assert title(get(client, "/facet/location?q=coup&translated=likely&sort=oldest")) == \
        "Places · coup (Machine translation: likely) · newsarchive"
    assert title(get(client, "/facet/person?year=2020&year=2021")) == "People (Year: 2020 or 2021) · newsarchive"
    assert title(get(client, "/facet/person?q=coup+mali&match=any")) == "People · coup mali (any of its words) · newsarchive"
    assert title(get(client, "/facet/source?q=coup")) == "Sources · coup · newsarchive"


def test_a_result_s_language_tooltip_names_the_language_as_its_panel_does(client):
    """A result's language read "English" with the tooltip "language: en": the field's name and
    the code. It reads "Language: English", as the panel and the chip name it, the code after."""
    tips = re.findall(r'<span title="([^"]*)">English</span>', get(client, "/search?q=coup"))
    assert tips and set(tips) == {"Language: English (en)"}, tips


MT_VALUES = "is one of likely, possible, unlikely, not "


@pytest.mark.parametrize("url, field, rest", [
    ("/search?q=coup&translated=maybe", "translated", MT_VALUES + "'maybe'"),
    ("/facet/location?q=coup&translated=Maybe", "translated", MT_VALUES + "'Maybe'"),
    ("/search?q=coup&year=21", "year", "must be four digits, not '21'"),
])
def test_a_filter_value_no_article_could_have_is_refused_in_the_page_s_words(client, url, field, rest):
    """The error page said "translated is one of likely, possible, unlikely, not 'maybe'" under
    a panel and chips that say "Machine translation": the field's name, as the engine words it
    for the query text and the command line. The page names the facet as its chip does; the
    JSON twin keeps the field's name, which a script reads."""
    html = get(client, url, 400)
    said = text(re.search(r'<p class="error-message" role="alert">(.*?)</p>', html, re.S).group(1))
    assert said == f"a '{ {'translated': 'Machine translation', 'year': 'Year'}[field]}' filter {rest}"
    api = client.get(url.replace("/search", "/api/search").replace("/facet/", "/api/facet/"))
    assert api.status_code == 400 and api.get_json()["error"] == f"a '{field}' filter {rest}"


@pytest.mark.parametrize("q, said", [
    ("coup Year:20", "'year:' must be four digits, not '20'"),
    ("coup translated:maybe", "'translated:' is one of likely, possible, unlikely, not 'maybe'"),
    ("coup year:2020-2021", "'year:' must be four digits, not '2020-2021': for a span of years, search "
                            "published:[2020 TO 2021] in the query, or give each year as a filter"),
])
def test_a_value_no_article_could_have_in_the_query_text_is_no_filter_s(client, q, said):
    """`coup Year:20` typed in the query was refused as a filter: "a 'Year' filter must be four
    digits, not '20'" on the page (the chip's label of a filter not given), "a 'year' filter ..."
    in the JSON. Both name the query's field, as its other refusals do ("'TITLE:' needs a word")."""
    html = get(client, "/search?" + urlencode({"q": q}), 400)
    assert text(re.search(r'<p class="error-message" role="alert">(.*?)</p>', html, re.S).group(1)) == said
    api = client.get("/api/search?" + urlencode({"q": q}))
    assert api.status_code == 400 and api.get_json()["error"] == said


@pytest.mark.parametrize("url, said, api_said", [
    ("/search?q=coup&" + "&".join(f"location=L{i}" for i in range(51)),
     "too many 'Place' filters (51; at most 50)", "too many 'location' filters (51; at most 50)"),
    ("/facet/person?q=coup&translated=" + "x" * 201,
     "a 'Machine translation' filter's value is too long (201 characters; at most 200)",
     "a 'translated' filter's value is too long (201 characters; at most 200)"),
])
def test_too_many_or_too_long_filters_are_refused_in_the_page_s_words(client, url, said, api_said):
    """"too many 'location' filters" stood beside chips that say "Place": the page names the facet
    as its chips do, the JSON twin as the URL does."""
    html = get(client, url, 400)
    assert text(re.search(r'<p class="error-message" role="alert">(.*?)</p>', html, re.S).group(1)) == said
    api = client.get(url.replace("/search", "/api/search").replace("/facet/", "/api/facet/"))
    assert api.status_code == 400 and api.get_json()["error"] == api_said


def test_a_facet_value_with_a_star_in_double_quotes_is_refused_saying_what_finds_it(client):
    """`person:"Put*"` found nothing, silently (its * read as a character of a name, since
    0cdda9b): it is refused, naming the wildcard that finds the names and the single quotes a
    name with a * in it goes in; the page's syntax reminder says so too."""
    html = get(client, '/search?q=person:"Goi*"', 400)
    said = text(re.search(r'<p class="error-message" role="alert">(.*?)</p>', html, re.S).group(1))
    assert said == ("'person:\"Goi*\"': a * in quotes is no wildcard: person:Goi* finds the values with a word "
                    "so spelled; a value with a * in it goes in single quotes: person:'Goi*'")
    def total(q: str) -> int:
        return client.get("/api/search", query_string={"q": q}).get_json()["total"]

    goita = total('person:"Assimi Goita"')
    assert goita and total("person:Goi*") >= goita and total("person:'Assimi Goita'") == goita
    results = get(client, "/search?q=coup")
    assert "in single quotes" in text(re.search(r'<details class="syntax".*?</details>', results, re.S).group())


def test_an_article_opened_with_a_search_that_cannot_run_says_why_in_the_page_s_words(client):
    """The article page of a link whose search cannot run (q=translated:maybe) said it "cannot
    run: translated is one of …"; it names the query's field as typed in it, as the query's other
    refusals do ("'translated:' is one of …", not a filter's "a 'Machine translation' filter"),
    and /api/doc's matches_error says the same."""
    html = get(client, "/doc/" + FLAGGED + "?q=translated:maybe")
    line = text(re.search(r'<p class="query-hits">(.*?)</p>', html, re.S).group(1))
    assert line.endswith("cannot run: 'translated:' is one of likely, possible, unlikely, not 'maybe'"), line
    record = client.get("/api/doc/" + FLAGGED + "?q=translated:maybe").get_json()
    assert record["matches_error"] == "'translated:' is one of likely, possible, unlikely, not 'maybe'"


def test_a_facet_page_opened_from_a_later_page_of_results_is_titled_as_from_the_first(client):
    """A facet's page keeps the results' page for its "Back to the results" link, and its title
    named it: "People · coup (page 2)" from page 2, "People · coup" from page 1, for one list of
    values on one page. The results page still names its page."""
    first = title(get(client, "/facet/person?q=mali&per_page=1"))
    assert first == "People · mali · newsarchive"
    assert title(get(client, "/facet/person?q=mali&per_page=1&page=2")) == first
    assert title(get(client, "/facet/person?year=2020&page=3")) == "People (Year: 2020) · newsarchive"
    assert title(get(client, "/search?q=mali&per_page=1&page=2")) == "mali · Search (page 2) · newsarchive"


SPACED = {"1": "a\nb", "2": "a\nb", "3": "a b", "4": "a  b", "5": "a\tb"}  # id -> source


@pytest.fixture(scope="module")
def spaced_client(tmp_path_factory):
    """An archive of five reports from the sources "a<line break>b" (two), "a b", "a  b" and "a<tab>b"."""
    import json

    from search import Store, indexer
    from web import create_app

    root = tmp_path_factory.mktemp("spaced")
    (root / "wire").mkdir()
    with open(root / "wire" / "feed.jsonl", "w", encoding="utf-8") as fh:
        for i, source in SPACED.items():
            fh.write(json.dumps({"id": i, "source": source, "title": f"Harbour report {i}", "date": "2001-02-03",
                                 "text": f"The harbour authority published report {i}."}) + "\n")
    assert indexer.run(Store(root / "index"), [str(root / "wire")])["indexed"] == 5
    return create_app({"INDEX": str(root / "index")}).test_client()


def seen(fragment: str) -> str:
    """A fragment as an eye reads it: what a screen reader alone hears (.vh) left out, and the
    whitespace folded as HTML folds it."""
    fragment = re.sub(r'<span class="vh">[^<]*</span>', "", fragment)
    return re.sub(r"[ \t\n\r\f]+", " ", text(fragment)).strip()


def heard(fragment: str) -> str:
    """A fragment as a screen reader reads it: what is aria-hidden left out, whitespace folded."""
    fragment = re.sub(r'<span aria-hidden="true">[^<]*</span>', "", fragment)
    return re.sub(r"[ \t\n\r\f]+", " ", text(fragment)).strip()


def test_sources_spelled_alike_but_for_their_spaces_are_told_apart_on_the_page(spaced_client):
    """The sources "a<line break>b", "a b", "a  b" and "a<tab>b" are four values, each its own
    filter (cf53a77), which the Sources panel listed as "a b" four times with their counts (a
    list seeming to split one source's count), as did the facet's page, the chips and each
    result's source line: a page folds a value's whitespace. Each space a page would fold shows
    as a symbol with its name (↵ line break, ⇥ tab, ␣ space), and a single space between words as one."""
    def told_apart(values: list[str]) -> None:
        assert len(values) == 4, values
        for read in (seen, heard):
            assert len({read(v) for v in values}) == 4, [read(v) for v in values]
        assert "a b" in [seen(v) for v in values]  # the plain one reads as it is

    html = get(spaced_client, "/search?q=harbour")
    panel = re.search(r'data-facet="source">(.*?)</section>', html, re.S).group(1)
    told_apart(re.findall(r'<span class="fv-v">(.*?)</span> <span class="fv-c">', panel, re.S))
    told_apart(list(dict.fromkeys(re.findall(r'class="src" title="[^"]*">(.*?)</a>', html, re.S))))
    facet = get(spaced_client, "/facet/source?q=harbour")
    told_apart(re.findall(r'<span class="fv-v">(.*?)</span> <span class="fv-c">', facet, re.S))
    filtered = get(spaced_client, "/search?q=harbour&" + "&".join(f"source={s}" for s in ("a%0Ab", "a+b", "a++b", "a%09b")))
    told_apart(re.findall(r'<span class="chip-facet">Source:</span> (.*?)<span class="chip-x"', filtered, re.S))
    active = re.search(r'data-facet="source">(.*?)</section>', filtered, re.S).group(1)
    told_apart(re.findall(r'<span class="fv-v"><span class="vh">Remove filter: </span>(.*?)</span> <span class="fv-c">', active, re.S))
    sources = [re.search(r"<dt>Source</dt><dd><a [^>]*>(.*?)</a>", get(spaced_client, f"/doc/wire/feed.jsonl%23{i}"), re.S).group(1)
               for i in ("1", "3", "4", "5")]
    told_apart(sources)
    assert [heard(s) for s in sources] == ["a line break b", "a b", "a space space b", "a tab b"]

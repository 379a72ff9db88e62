"""Every error path: the right status, a message a person can act on, never a traceback,
the security headers on every response, and no debug mode whatever the environment."""
from __future__ import annotations

import re
from html import unescape

import pytest

from search.query import MAX_QUERY_CHARS
from web import create_app

HTML_ERRORS = [
    # (url, status, words the message must contain)
    ("/doc/nope", 404, "no document"),
    ("/doc/seeds/nope.txt", 404, "no document"),
    ("/nowhere", 404, "Not found"),
    ("/facet/color", 404, "unknown facet &#39;color&#39; (facets: person, organization"),  # said only "Not found"
    ("/entities?type=planet", 400, "unknown entity type"),
    ("/search?q=%22open+phrase", 400, "unbalanced quote"),
    ("/search?q=(coup", 400, "parentheses"),
    ("/search?q=colour:red", 400, "unknown field"),
    ("/search?q=a*", 400, "too broad"),
    ("/search?q=*", 400, "too broad"),
    ("/search?q=" + "x" * (MAX_QUERY_CHARS + 1), 400, "too long"),
    ("/search?q=published:[bad+TO+range]", 400, "bad date"),
    ("/search?page=0", 400, "page"),
    ("/search?page=1001", 400, "page"),
    ("/search?page=abc", 400, "whole number"),
    ("/search?page=2_0", 400, "whole number"),  # int() read it as 20
    ("/search?per_page=1_0", 400, "whole number"),
    ("/search?page=%EF%BC%92", 400, "whole number"),  # a full-width digit
    ("/search?q=published:[2021-03+TO+2021-02]", 400, "ends before it starts"),
    ("/search?page=99999999999999999999999", 400, "page"),
    ("/search?per_page=101", 400, "results per page"),
    ("/search?sort=random", 400, "unknown sort"),
    ("/search?person=" + "&person=".join(str(i) for i in range(60)), 400, "too many"),
    ("/search?person=" + "p" * 300, 400, "too long"),
    ("/entities?page=0", 400, "page"),
    ("/search?q=" + "x" * 70000, 414, "too long"),
]


@pytest.fixture(scope="module")
def client(seeds_index):
    # no page cache: some tests below change engine limits between identical requests
    return create_app({"INDEX": str(seeds_index), "PAGE_CACHE_MB": 0}).test_client()


@pytest.mark.parametrize("url,status,words", HTML_ERRORS)
def test_html_errors(client, url, status, words):
    r = client.get(url)
    body = r.get_data(as_text=True)
    assert r.status_code == status
    assert r.mimetype == "text/html"
    assert words.lower() in body.lower()
    assert "Traceback" not in body and 'class="error-message"' in body
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]


@pytest.mark.parametrize("url,status", [
    ("/api/doc/nope", 404), ("/api/search?q=%22open", 400), ("/api/search?q=" + "x" * (MAX_QUERY_CHARS + 1), 400),
    ("/api/search?page=0", 400), ("/api/search?sort=x", 400), ("/api/facet/color", 404), ("/api/entities?type=x", 400),
    ("/api/nowhere", 404), ("/api/search?q=a*", 400),
])
def test_json_errors(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.is_json
    j = r.get_json()
    assert j["status"] == status and j["error"]


def test_query_error_page_shows_the_query_escaped(client):
    body = client.get("/search?q=%22%3Cscript%3E").get_data(as_text=True)
    assert "&lt;script&gt;" in body and "<script>" not in body.replace('<script src="/static/enhance.js" defer></script>', "")


def test_method_not_allowed(client):
    r = client.post("/search", data={"q": "coup"})
    assert r.status_code == 405 and "Method not allowed" in r.get_data(as_text=True)
    assert client.delete("/api/search").status_code == 405


def test_large_body_is_refused(client):
    r = client.post("/search", data="x" * 200_000, content_type="text/plain")
    assert r.status_code in (405, 413)


def test_internal_error_is_a_500_page_without_traceback(seeds_index, monkeypatch):
    import web.views

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(web.views, "run_search", boom)
    r = create_app({"INDEX": str(seeds_index)}).test_client().get("/search?q=coup")
    body = r.get_data(as_text=True)
    assert r.status_code == 500 and "internal error" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_missing_index_is_503(tmp_path):
    c = create_app({"INDEX": str(tmp_path / "no-index")}).test_client()
    r = c.get("/search?q=coup")
    assert r.status_code == 503 and "newsarchive index" in r.get_data(as_text=True)
    assert c.get("/healthz").status_code == 503 and c.get("/healthz").is_json


def test_an_index_reached_through_a_link_to_nothing_is_503_saying_so(seeds_index, tmp_path, caplog):
    """A server whose index folder is a link to a disk not mounted said "the index is not available
    yet: run `newsarchive index` first", sending the operator to build a new index where one was
    there, off line. The page says the folder cannot be reached; the log names the link; once the
    disk is back, the same server answers from the index as it was."""
    import shutil

    shutil.copytree(seeds_index, tmp_path / "disk" / "ix")
    (tmp_path / "ix").symlink_to(tmp_path / "disk" / "ix")
    (tmp_path / "disk").rename(tmp_path / "away")  # the disk not mounted
    c = create_app({"INDEX": str(tmp_path / "ix")}).test_client()
    for url in ("/search?q=coup", "/api/search?q=coup", "/healthz"):
        r = c.get(url)
        body = r.get_data(as_text=True)
        assert r.status_code == 503 and "the index cannot be reached: its folder is a link to a place that is " \
            "not there" in body, (url, body)
        assert "newsarchive index" not in body and str(tmp_path) not in body, body
    assert f"{tmp_path / 'ix'} is a link to {tmp_path / 'disk' / 'ix'}, which is not there" in caplog.text
    (tmp_path / "away").rename(tmp_path / "disk")  # mounted again
    assert c.get("/api/search?q=coup").get_json()["total"] == 5


def test_an_archive_given_for_the_index_is_503_saying_so(tmp_path, caplog):
    """A server given the archive's folder for its index (`NEWSARCHIVE_INDEX=~/news`, `serve
    --index ~/news`) said "the index is not available yet: run `newsarchive index` first", where
    `index` refuses to write among other files and the page never came: as `search` says it, the
    folder is other files, and the server wants the index's folder. The log names the files."""
    (tmp_path / "news" / "wire").mkdir(parents=True)
    (tmp_path / "news" / "wire" / "a.txt").write_text("Coup in Mali\n\nSoldiers took power.\n", encoding="utf-8")
    c = create_app({"INDEX": str(tmp_path / "news")}).test_client()
    for url in ("/search?q=coup", "/api/search?q=coup", "/healthz", "/"):
        r = c.get(url)
        body = unescape(r.get_data(as_text=True))
        assert r.status_code == 503 and "the server was given a folder of other files (the archive's articles?) for " \
            "its index; start it with the index's folder" in body, (url, body)
        assert "newsarchive index" not in body and str(tmp_path) not in body, body
    assert f"no index at {tmp_path / 'news'}: it is a folder of other files (wire)" in caplog.text


def test_never_debug_mode(seeds_index, monkeypatch):
    monkeypatch.setenv("NEWSARCHIVE_DEBUG", "1")
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"INDEX": str(seeds_index), "DEBUG": True})
    assert app.debug is False and app.config["DEBUG"] is False


@pytest.mark.parametrize("url", ["/", "/doc/seeds/000_82caef7a759caf58.txt", "/api/search", "/healthz", "/doc/nope", "/static/style.css"])
def test_security_headers_everywhere(client, url):
    r = client.get(url)
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_use_no_inline_script_or_style(client):
    """The CSP forbids them: anything inline would silently break in the browser."""
    import re

    for url in ("/", "/search?q=coup", "/doc/seeds/000_82caef7a759caf58.txt", "/entities", "/facet/location", "/doc/nope"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


# ------------------------------------------------- pathological queries (engine bounds)
def test_too_many_wildcards_is_400(client):
    r = client.get("/search?q=" + " OR ".join(f"{w}*" for w in ("ru", "co", "ma", "se", "pr", "ge", "ab")))
    assert r.status_code == 400 and "too many wildcards" in r.get_data(as_text=True)


def test_wildcard_expanding_to_too_many_words_is_400(client, monkeypatch):
    import search.query

    monkeypatch.setattr(search.query, "MAX_EXPANSION", 10)
    r = client.get("/api/search?q=*er*")
    assert r.status_code == 400 and "matches too many words" in r.get_json()["error"]
    assert client.get("/api/search?q=wagn*").status_code == 200  # a narrow one still runs


def test_query_past_the_time_limit_is_400_not_a_hang(client, monkeypatch):
    import time

    import search.query

    monkeypatch.setattr(search.query, "SEARCH_SECONDS", 0.0)
    t0 = time.monotonic()
    r = client.get("/search?q=mali")
    assert r.status_code == 400 and "took longer than" in r.get_data(as_text=True)
    assert time.monotonic() - t0 < 5


def test_damaged_index_is_503_with_what_to_do(seeds_index, tmp_path):
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    live = ix / (ix / "CURRENT").read_text().strip()
    (live / "entities.json").write_text("{")
    c = create_app({"INDEX": str(ix)}).test_client()
    for url in ("/search?q=coup", "/api/search?q=coup"):
        r = c.get(url)
        body = r.get_data(as_text=True)
        assert r.status_code == 503 and "damaged" in body and "reindex --full" in body
        assert "Traceback" not in body and str(tmp_path) not in body


def test_a_damaged_list_of_sources_is_503_with_its_own_fix(seeds_index, tmp_path):
    """sources.json garbled: /healthz said `reindex --full` rebuilds it, a command that then
    failed on the same file (helper review); the page now gives the fix the CLI gives."""
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    (ix / "sources.json").write_text("junk")
    c = create_app({"INDEX": str(ix)}).test_client()
    r = c.get("/healthz")
    body = r.get_data(as_text=True)
    assert r.status_code == 503 and "restore the file from a backup" in body and "reindex --full" not in body
    assert str(tmp_path) not in body


def test_an_emptied_current_file_is_a_damaged_index_not_a_missing_one(seeds_index, tmp_path):
    import shutil

    from search import IndexUnreadable, Store

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    (ix / "CURRENT").write_text("")
    with pytest.raises(IndexUnreadable, match="CURRENT file is empty"):
        Store(ix).current_dir()
    r = create_app({"INDEX": str(ix)}).test_client().get("/search?q=coup")
    assert r.status_code == 503 and "reindex --full" in r.get_data(as_text=True)


def test_the_syntax_reminder_only_follows_a_syntax_error(seeds_index):
    """Every 400 ended with "Queries use Whoosh syntax: close every \" and (", also for a
    query of stop words and a page past the last (QA s13)."""
    from web import create_app

    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert "Whoosh syntax" in client.get("/search?q=%22open").get_data(as_text=True)
    for url in ("/search?q=the", "/search?q=oil&page=1001"):
        r = client.get(url)
        assert r.status_code == 400 and "Whoosh syntax" not in r.get_data(as_text=True), url


def _searchbox(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The header search form: the box's value and the hidden inputs it submits with it."""
    import re
    from html import unescape

    form = html.split('role="search"')[1].split("</form>")[0]
    box = unescape(re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', form).group(1))
    return box, [(unescape(n), unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)]


def test_a_refused_search_keeps_the_query_and_filters_for_fixing(client):
    """QA: the 400 page of `"oil` (an unbalanced quote) said "Your query was" over an empty
    box, the filters gone: fixing the typo meant typing the whole search again."""
    r = client.get("/search?q=%22oil&year=2020&person=Assimi+Goita&sort=newest&per_page=5&page=2")
    assert r.status_code == 400
    box, hidden = _searchbox(r.get_data(as_text=True))
    assert box == '"oil'
    assert hidden == [("person", "Assimi Goita"), ("year", "2020"), ("sort", "newest"), ("per_page", "5")]
    # the box with the quote closed, submitted as the browser does it: the search runs
    from urllib.parse import urlencode

    assert client.get("/search?" + urlencode([("q", '"oil"'), *hidden])).status_code == 200
    # what was refused is not kept (it would be refused again); the query is, whatever the error
    box, hidden = _searchbox(client.get("/search?q=coup&sort=random&per_page=500&year=2020").get_data(as_text=True))
    assert box == "coup" and hidden == [("year", "2020")]
    box, hidden = _searchbox(client.get("/facet/person?q=%22oil&year=2020").get_data(as_text=True))
    assert box == '"oil' and hidden == [("year", "2020")]


def test_a_filter_value_no_article_could_have_is_dropped_from_the_fixed_search(client):
    """`year=21` refused the search, and stayed in the box's hidden inputs: every search typed
    on the error page was refused again, no chip could remove it, and "Back to search" dropped
    the valid filters too. The box leaves it out, and a link runs the search without it."""
    import re
    from html import unescape

    r = client.get("/search?q=coup&year=21&year=2021&person=Assimi+Goita&translated=yes")
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "a 'Year' filter must be four digits" in unescape(html)
    box, hidden = _searchbox(html)
    assert box == "coup" and hidden == [("person", "Assimi Goita"), ("year", "2021")]
    link = re.search(r'<a href="([^"]+)">Search without <strong><bdi>year=21, translated=yes</bdi></strong></a>', html)
    assert link, html
    again = client.get(unescape(link.group(1)))
    assert again.status_code == 200 and "Assimi Goita" in again.get_data(as_text=True)
    assert unescape(link.group(1)) == "/search?q=coup&person=Assimi+Goita&year=2021"
    assert "Search without" not in client.get("/search?q=%22oil&year=2020").get_data(as_text=True)


@pytest.mark.parametrize("url,dropped,fixed", [
    ("/search?q=coup&sort=date&person=Assimi+Goita", "sort=date", "/search?q=coup&person=Assimi+Goita"),
    ("/search?q=coup&page=99999&year=2021", "page=99999", "/search?q=coup&year=2021"),  # 1 result: page 1 has it
    ("/search?q=coup&match=some&per_page=500&sort=newest", "match=some, per_page=500", "/search?q=coup&sort=newest"),
    ("/search?q=coup&year=21&page=0", "year=21, page=0", "/search?q=coup"),
    ("/facet/location?q=coup&sort=best&page=2", "sort=best", "/facet/location?q=coup&page=2"),  # its page: the link back's
    ("/search?q=coup&sort=" + "x" * 300, "sort=" + "x" * 50 + "…", "/search?q=coup"),
])
def test_a_sort_or_page_edited_in_the_address_is_dropped_by_a_link(client, url, dropped, fixed):
    """A sort, match, page or per_page typed wrong in the address (`sort=date`, `page=99999` on
    a search of one result) was refused with the values it takes and no way on but the box or
    Back, where a filter no article could have gets "Search without year=21, keeping the rest".
    It gets that link too, which runs the search with the rest kept."""
    import re

    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    link = re.search(r'<a href="([^"]+)">Search without <strong><bdi>([^<]+)</bdi></strong></a>, keeping the rest', html)
    assert link, html
    assert unescape(link.group(2)) == dropped and unescape(link.group(1)) == fixed
    assert client.get(fixed).status_code == 200


@pytest.mark.parametrize("url,listed", [
    ("/search?q=coup&year=2020,2021", "2020,2021"),  # a list, as other APIs take one
    ("/search?q=coup&year=2020+2021", "2020 2021"),
    ("/search?q=coup&year=2021;2020;2021", "2021;2020;2021"),
    ("/api/search?q=coup&year=2020|2021", "2020|2021"),
])
def test_a_list_of_years_in_one_filter_is_told_each_is_a_filter(client, url, listed):
    """`year=2020,2021` (a list in one value, as many APIs take one) was refused "must be four
    digits, not '2020,2021'" alone, where a span (`2020-2021`) is told how to write it. A list
    is told too: each year a filter of its own, or the years ORed in the query (which finds them)."""
    r = client.get(url)
    said = r.get_json()["error"] if r.is_json else unescape(re.search(r'role="alert">(.*?)</p>', r.get_data(as_text=True)).group(1))
    assert r.status_code == 400
    first, second = sorted(set(re.findall(r"\d{4}", listed)), key=listed.index)
    assert said.endswith(f"must be four digits, not '{listed}': for several years, give each year as a filter of its own "
                         f"({first} and {second}), or search year:{first} OR year:{second} in the query"), said
    assert client.get(f"/api/search?q=coup+(year:{first}+OR+year:{second})").get_json()["total"] == 2


@pytest.mark.parametrize("url,listed", [("/search?q=coup&year=2020,2020", "2020,2020"),
                                        ("/api/search?q=coup&year=2021;+2021", "2021; 2021"),
                                        ("/search?q=coup+year:2020|2020", "2020|2020")])
def test_a_year_listed_twice_in_one_filter_is_told_to_give_it_once(client, url, listed):
    """`year=2020,2020` (a list of one year, as a form or a script repeats it) was told "give each
    year as a filter of its own ( and 2020), or search year:2020 in the query": an empty place
    where the other years go. It is told the year, once."""
    r = client.get(url)
    said = r.get_json()["error"] if r.is_json else unescape(re.search(r'role="alert">(.*?)</p>', r.get_data(as_text=True)).group(1))
    year = listed[:4]
    assert r.status_code == 400 and said.endswith(f"must be four digits, not '{listed}': give the year once, {year}"), said
    assert "( and" not in said


def test_a_facet_page_s_fixed_search_keeps_the_list_s_contains(client):
    """A facet page's list narrowed by `contains` (the "Filter places" box) whose search was
    refused: its links "Search ... instead" and "Search without year=21, keeping the rest" led
    to the facet's whole list, the typed narrowing gone. They keep it; one too long to read is
    left out, as a refused filter is."""
    import re
    from html import unescape

    def links(url: str) -> list[str]:
        r = client.get(url)
        assert r.status_code == 400
        return [unescape(u) for u in re.findall(r'<p class="suggest">(?:Search )?<a href="([^"]+)"', r.get_data(as_text=True))]

    without, = links("/facet/location?q=coup&year=21&contains=mal")
    assert without == "/facet/location?q=coup&contains=mal"
    page = client.get(without).get_data(as_text=True)
    assert "containing <q><bdi>mal</bdi></q>" in page and ">Mali<" in page and ">Russia<" not in page
    fixed, = links("/facet/person?q=persn:goyta&year=2020&contains=goi")
    assert fixed == "/facet/person?q=person:goyta&year=2020&contains=goi" and client.get(fixed).status_code == 200
    assert links("/facet/location?q=coup&year=21&contains=" + "x" * 300) == ["/facet/location?q=coup"]


@pytest.mark.parametrize("typed,meant", [
    ("/search/?q=coup&person=Assimi+Goita&person=Malick+Diaw&sort=newest", "/search?q=coup&person=Assimi+Goita&person=Malick+Diaw&sort=newest"),
    ("/search//?q=coup", "/search?q=coup"),
    ("/api/search/?q=coup", "/api/search?q=coup"),
    ("/facet/location/?q=coup", "/facet/location?q=coup"),
    ("/entities/?type=person", "/entities?type=person"),
    ("/Entities", "/entities"),
    ("/Search/?q=coup", "/search?q=coup"),
    ("/STATUS", "/status"),
])
def test_an_address_with_a_trailing_slash_or_in_capitals_opens_its_page(client, typed, meant):
    """`/search/?q=coup` (a trailing slash, as a CMS's link or a hand editing the address adds
    one) or `/Entities` was "404 · Not found" and "Not found" under it, the search gone: the box
    was empty and "Back to search" led to the home page. It is sent on to the page it spells,
    its parameters kept."""
    r = client.get(typed)
    assert r.status_code == 308 and r.headers["Location"] == meant
    assert client.get(typed, follow_redirects=True).status_code == 200
    # an id or a facet's name is read as typed: its trailing slash may be another page's address
    assert client.get("/doc/seeds/nope/").status_code == 404 and client.get("/Doc/" + "seeds/000_82caef7a759caf58.txt").status_code == 404
    assert client.get("/nowhere/").status_code == 404 and client.get("/doc/").status_code == 404


def test_a_search_sent_on_keeps_the_letters_its_address_sent_unescaped(client):
    """`curl 'http://host/search/?q=été'` sends é as its two UTF-8 bytes, unescaped: the 308 read
    them as Latin-1 and the Location wrote each again as UTF-8, `?q=%C3%83%C2%A9t…`, a search
    for "Ã©tÃ©". The bytes are sent on as sent, escaped; escapes and repeated filters as typed."""
    for raw, meant, box in ((b"q=\xc3\xa9t\xc3\xa9&person=A+B&person=C%2FD", "/search?q=%C3%A9t%C3%A9&person=A+B&person=C%2FD", "été"),
                            (b"q=Bamako \xe2\x80\x94 coup", "/search?q=Bamako%20%E2%80%94%20coup", "Bamako — coup")):
        r = client.get("/search/", environ_overrides={"QUERY_STRING": raw.decode("latin-1")})
        assert r.status_code == 308 and r.headers["Location"] == meant, r.headers["Location"]
        assert f'value="{box}"' in client.get(meant).get_data(as_text=True)
    # a byte that is no UTF-8 is refused at the page as it is without the slash, not read as é
    r = client.get("/search/", environ_overrides={"QUERY_STRING": "q=\xe9"})
    assert r.headers["Location"] == "/search?q=%E9" and client.get(r.headers["Location"]).status_code == 400


def test_the_json_api_s_address_in_capitals_is_answered_in_json(client):
    """`/API/search/?q=coup` is sent on to /api/search as `/api/Search` is, but its 308 was
    werkzeug's HTML "Redirecting..." page, and `/Api/nope` a 404 page listing the HTML pages: an
    API client reading the body got HTML. Both answer in JSON, as the API's every other answer."""
    r = client.get("/API/search/?q=coup")
    assert r.status_code == 308 and r.get_json() == {"location": "/api/search?q=coup", "status": 308}
    assert client.get("/HEALTHZ/").get_json() == {"location": "/healthz", "status": 308}
    r = client.get("/Api/nope")
    assert r.status_code == 404 and r.get_json()["error"].startswith("no page at /Api/nope: the pages are /api/search,")
    assert not client.get("/Search/?q=coup").is_json  # a page's address: its answer is a page's


def test_an_address_no_page_has_is_named_on_an_index_whose_stored_fields_are_damaged(tmp_path):
    """The example of an article's page a 404 gives is read from the index's stored fields: where
    they were damaged (bytes of the segment garbled, a zlib.error when read), the error raised
    inside the 404's own handler, and /nowhere and /doc/ were Flask's bare 500 "Internal Server
    Error". The example is a courtesy: without it the 404 names the address and the pages, and
    the damage is logged."""
    from click.testing import CliRunner
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    from search.cli import cli

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                            "in Moscow, officials said.\n", encoding="utf-8")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", "--index", str(ix), str(tmp_path / "a")]).exit_code == 0
    gen = next(ix.glob("gen-*"))
    seg = next(gen.glob("*.seg"))
    parts = CompoundStorage(FileStorage(str(gen)).open_file(seg.name), use_mmap=False)
    stored = next(v for k, v in parts._dir.items() if k.endswith("._stored.col"))
    parts.close()
    with open(seg, "r+b") as fh:  # the stored fields' compressed blocks garbled, the column's tail whole
        fh.seek(stored["offset"])
        fh.write(b"\xff" * (stored["length"] - 40))
    client = create_app({"INDEX": str(ix)}).test_client()
    for path, pages in (("/nowhere", "/search, /doc/ID, /entities and /status"),
                        ("/doc/", "/search, /doc/ID, /entities and /status")):
        r = client.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert f"no page at {path}: the pages are {pages}" in r.get_data(as_text=True), r.get_data(as_text=True)
    r = client.get("/api/nope")
    assert r.status_code == 404 and r.get_json()["error"].startswith("no page at /api/nope: the pages are /api/search, "
                                                                     "/api/doc/ID, "), r.get_json()


def test_an_address_no_page_has_is_named_with_the_pages(client):
    """`/nowhere` was "404 · Not found" over "Not found", and `/api/nope` {"error": "Not found"}:
    nothing said which address had missed, nor where the pages are. Each names it (cut, as a
    long id is) and the pages, the API's addresses in JSON."""
    r = client.get("/nowhere")
    assert r.status_code == 404
    example = "seeds/000_82caef7a759caf58.txt"  # an article of the index: what an id looks like here
    assert (f"no page at /nowhere: the pages are /search, /doc/ID (such as /doc/{example}), /entities and /status"
            in r.get_data(as_text=True))
    assert client.get("/api/nope").get_json()["error"] == ("no page at /api/nope: the pages are /api/search, "
                                                           f"/api/doc/ID (such as /api/doc/{example}), /api/export, "
                                                           "/api/facet/NAME, /api/entities and /healthz")
    assert client.get(f"/doc/{example}").status_code == 200
    assert "no page at /doc/:" in client.get("/doc/").get_data(as_text=True)
    long = client.get("/" + "x" * 5000).get_data(as_text=True)
    assert "x" * 199 + "… (5,001 characters)" in long and "x" * 300 not in long
    # the pages' own 404s keep their words
    assert "no document with id 'nope'" in unescape(client.get("/doc/nope").get_data(as_text=True))
    assert "unknown facet 'nope'" in unescape(client.get("/facet/nope").get_data(as_text=True))


@pytest.mark.parametrize("typed,meant", [
    ("/facet/people?q=coup&year=2021", "/facet/person?q=coup&year=2021"),  # the page's own heading, "People"
    ("/facet/Places?q=coup", "/facet/location?q=coup"),
    ("/facet/organisations", "/facet/organization"),
    ("/facet/persn?contains=goi", "/facet/person?contains=goi"),
    ("/api/facet/people?q=coup", "/api/facet/person?q=coup"),
])
def test_a_facet_named_as_its_page_is_headed_opens_its_page(client, typed, meant):
    """The facet pages are headed "People", "Places": `/facet/people` (or `/facet/Places`,
    `/api/facet/organisations`) was a 404 "unknown facet 'people'", where `/entities?type=people`
    says "did you mean 'person'?". A name that means one facet (fieldnames.meant, as a filter's
    is read) is sent on to its page, its search kept; another is the 404 listing the facets."""
    r = client.get(typed)
    assert r.status_code == 308 and r.headers["Location"] == meant
    assert client.get(typed, follow_redirects=True).status_code == 200
    r = client.get("/facet/colour")
    assert r.status_code == 404 and "unknown facet &#39;colour&#39; (facets: person" in r.get_data(as_text=True)


def test_405_says_which_methods_are_allowed(client):
    """HTTP requires Allow on a 405; the error handler's own response dropped werkzeug's."""
    for method, url in (("POST", "/api/search?q=oil"), ("POST", "/search?q=oil"), ("DELETE", "/entities"), ("PUT", "/healthz")):
        r = client.open(url, method=method)
        assert r.status_code == 405, url
        assert {m.strip() for m in r.headers["Allow"].split(",")} >= {"GET", "HEAD"}, url
        assert r.is_json == url.startswith(("/api/", "/healthz")), url


@pytest.mark.parametrize("method,url,page", [("POST", "/search/?q=oil", "/search"), ("POST", "/Search/", "/search"),
                                             ("POST", "/search", "/search"), ("POST", "/api/search/", "/api/search"),
                                             ("PUT", "/entities/", "/entities"), ("DELETE", "/healthz/", "/healthz")])
def test_a_page_asked_by_another_method_is_a_405_naming_it(client, method, url, page):
    """A form posting to `/search/` (its action with a trailing slash) was a 404, "no page at
    /search/: the pages are /search, ...", naming as missing the page it had reached; posting
    to /search said "Method not allowed" and nothing of which method the page is read with.
    Each is a 405 with its Allow header, naming the page and GET, in the page's own form
    (the JSON API's JSON)."""
    r = client.open(url, method=method)
    assert r.status_code == 405, (url, r.status_code)
    assert {m.strip() for m in r.headers["Allow"].split(",")} >= {"GET", "HEAD"}, url
    said = r.get_json()["error"] if page.startswith(("/api/", "/healthz")) else unescape(r.get_data(as_text=True))
    assert f"{page} is read with GET, not {method}" in said, said[:2000]
    assert "no page at" not in said


@pytest.mark.parametrize("method,url,said", [
    ("DELETE", "/doc/a%23b", "/doc/a%23b is read with GET, not DELETE: this server reads the archive and changes nothing"),
    ("PUT", "/search?q=oil", "/search is read with GET, not PUT: this server reads the archive and changes nothing"),
    ("DELETE", "/api/doc/x%2523y", "/api/doc/x%2523y is read with GET, not DELETE: this server reads the archive"),
    ("POST", "/static/style.css", "/static/style.css is read with GET, not POST: open it by its address"),
    ("POST", "/doc/seeds/a%20b%23c/", "/doc/seeds/a%20b%23c/ is read with GET, not POST: open it by its address"),
    ("POST", "/search?q=oil", '/search is read with GET, not POST: its parameters go in the address'),
    ("POST", "/api/facet/person", '/api/facet/person is read with GET, not POST: its parameters go in the address'),
])
def test_a_405_names_the_address_as_requested_and_speaks_to_its_method(client, method, url, said):
    """A 405 named /doc/a%23b as /doc/a#b (Werkzeug's decoded path), which, copied, opens
    /doc/a and loses #b as the address's fragment; and it told a PUT, a DELETE and a POST to a
    file of /static/ that "its parameters go in the address (a form sends them so with
    method="get")", where only a search's form sends parameters. Now the address is the
    request's, its escapes kept, and the advice is the method's and the page's."""
    r = client.open(url, method=method)
    assert r.status_code == 405, url
    message = r.get_json()["error"] if url.startswith("/api/") else unescape(r.get_data(as_text=True))
    assert said in message, message[:3000]
    if "parameters" not in said:
        assert "parameters" not in message, message[:3000]


@pytest.mark.parametrize("url,said", [("/nowhere%23x", "no page at /nowhere%23x: the pages are /search"),
                                      ("/news/a%20b%3Fc", "no page at /news/a%20b%3Fc: the pages are /search"),
                                      ("/api/nowhere%2523", "no page at /api/nowhere%2523: the pages are /api/search")])
def test_a_404_names_the_address_as_requested(client, url, said):
    """An address no page has was named decoded, as the 405 was: "no page at /nowhere#x", which
    copied back is /nowhere, and `%2523` read `%23`. It is named as the request wrote it."""
    r = client.get(url)
    message = r.get_json()["error"] if url.startswith("/api/") else unescape(r.get_data(as_text=True))
    assert r.status_code == 404 and said in message, message[:3000]


@pytest.mark.parametrize("raw,status", [("2_0", 400), ("%EF%BC%92", 400), ("x", 400), ("0", 400), ("", 200), ("2", 200), ("+2", 200)])
def test_entity_pages_read_page_as_the_results_page_does(client, raw, status):
    """QA: /api/entities?page=2_0 was page 20 (int() reads "2_0", and a full-width "２") and
    /entities?page= a 400, where /search refuses the first two and reads the last as page 1."""
    assert client.get(f"/search?page={raw}").status_code == status
    for url in (f"/entities?page={raw}", f"/api/entities?page={raw}"):
        r = client.get(url)
        assert r.status_code == status, url
        if status == 400 and raw != "0":
            assert "page must be a whole number" in r.get_data(as_text=True), url
    if raw == "":  # no page asked for: the first page, and every entity as JSON
        assert client.get("/entities?page=").get_data() == client.get("/entities").get_data()
        assert client.get("/api/entities?page=").get_json() == client.get("/api/entities").get_json()


def test_a_too_long_query_stays_whole_in_the_box_of_its_error_page(client):
    """Cut to the limit in the box, it would run without its end (`NOT putin`) when sent again."""
    from html import unescape

    q = "mali " * (MAX_QUERY_CHARS // 5) + "NOT putin"
    r = client.get("/search", query_string={"q": q, "year": "2020"})
    assert r.status_code == 400 and "too long" in r.get_data(as_text=True)
    box, hidden = _searchbox(r.get_data(as_text=True))
    assert box == q and hidden == [("year", "2020")]


def test_a_too_long_query_is_shown_shortened_saying_by_how_much(client):
    """QA: "Your query was" showed the first 4,000 characters of a longer query as if they
    were all of it, over a box that held all of it. It says it was shortened, and by how much."""
    from html import unescape

    q = "mali OR " * (MAX_QUERY_CHARS // 8) + "coup NOT putin"
    r = client.get("/search", query_string={"q": q})
    html = unescape(r.get_data(as_text=True))
    assert r.status_code == 400 and f"query is too long ({len(q):,} characters; at most 4,000)" in html
    assert f"(shortened here by {len(q) - MAX_QUERY_CHARS:,} characters; the search box holds it whole)" in html
    assert f"Your query was: <code><bdi>{q[:MAX_QUERY_CHARS]}</bdi></code> … " in html
    assert _searchbox(r.get_data(as_text=True))[0] == q
    # a query refused for another reason is shown whole, with nothing said about its length
    html = client.get("/search", query_string={"q": '"' + "mali " * 700}).get_data(as_text=True)
    assert "Your query was" in html and "shortened" not in html


def test_during_the_first_index_run_pages_say_the_index_is_being_built(tmp_path):
    """A page asked while the first run builds the index said "run `newsarchive index`
    first": a user would start a second run (QA)."""
    from search import Store

    c = create_app({"INDEX": str(tmp_path / "ix")}).test_client()
    with Store(tmp_path / "ix").lock():
        for url in ("/search?q=coup", "/api/search?q=coup", "/healthz"):
            r = c.get(url)
            body = r.get_data(as_text=True)
            assert r.status_code == 503 and r.headers.get("Retry-After") == "60", url
            assert "first index run is still going" in body and "run `newsarchive index` first" not in body
    r = c.get("/search?q=coup")  # the run is over and built nothing: the plain advice
    assert r.status_code == 503 and "run `newsarchive index` first" in r.get_data(as_text=True)


def test_an_unknown_field_links_the_query_meant_on_the_same_page(client):
    """`date:2021` was a list of fields to choose from: the page links the query with the field
    meant, keeping the filters and the sort (a facet's page stays that facet's page), and the
    link's search runs."""
    import html
    import re

    r = client.get("/search?q=date:2021+coup&location=Mali&sort=newest&page=2")
    body = r.get_data(as_text=True)
    assert r.status_code == 400
    link = html.unescape(re.search(r'<p class="suggest">Search <a href="([^"]+)"', body).group(1))
    assert link.startswith("/search?") and "q=published%3A2021+coup" in link
    assert "location=Mali" in link and "sort=newest" in link and "page=" not in link
    assert client.get(link).status_code == 200
    r = client.get("/facet/person?q=persn:goyta")
    link = html.unescape(re.search(r'<p class="suggest">Search <a href="([^"]+)"', r.get_data(as_text=True)).group(1))
    assert link.startswith("/facet/person?") and client.get(link).status_code == 200
    j = client.get("/api/search?q=date:2021").get_json()
    assert j["status"] == 400 and j["suggestion"] == "published:2021"
    assert "suggestion" not in client.get("/api/search?q=colour:red").get_json()
    assert 'class="suggest"' not in client.get("/search?q=colour:red").get_data(as_text=True)


def test_a_long_unknown_id_is_cut_in_the_message_and_healthz_with_a_slash_answers_json(client):
    r = client.get("/api/doc/" + "x" * 70_000)
    assert r.status_code == 404 and len(r.get_json()["error"]) < 400, len(r.data)
    assert "… (70,000 characters): an id is" in r.get_json()["error"]
    r = client.get("/healthz/")  # its page, as every address with a slash too many: said in JSON
    assert r.is_json and r.status_code == 308 and r.get_json()["location"] == "/healthz", r.data[:100]
    assert client.get("/healthz/", follow_redirects=True).get_json()["status"] == "ok"


def test_a_query_of_stop_words_names_them(seeds_index):
    """`may` and `the` were refused as "query has no searchable words" alone: which words,
    and why, only the README's table said. The error names them, and for "may" the month's
    date search; a capitalised stop word naming no entity ("May") is told the same."""
    from web import create_app

    client = create_app({"INDEX": str(seeds_index)}).test_client()
    for q in ("may", "May", "title:may"):
        body = client.get("/api/search", query_string={"q": q}).get_json()
        assert body["status"] == 400 and '"may" is a stop word' in body["error"], (q, body)
        assert "published:" in body["error"], body
    body = client.get("/api/search", query_string={"q": "to the"}).get_json()
    assert '"to" and "the" are stop words' in body["error"] and "published:" not in body["error"], body
    assert "Whoosh syntax" not in client.get("/search?q=the").get_data(as_text=True)


@pytest.mark.parametrize("url,heading", [
    ("/doc/seeds/000_82caef7a759caf58.txt?q=caf%E9", "This article cannot be shown"),  # werkzeug's 400: not UTF-8
    ("/doc/seeds/000_82caef7a759caf58.txt?q=a&q=b", "This article cannot be shown"),
    ("/status?q=caf%E9", "This page cannot be shown"),
    ("/search?q=caf%E9", "This search cannot run"),
    ("/facet/person?q=a&q=b", "This search cannot run"),
    ("/entities?q=caf%E9", "This list cannot be shown"),
])
def test_a_400_is_headed_as_the_page_it_refuses(client, url, heading):
    """A 400 on the document page (a parameter not UTF-8, werkzeug's abort) was headed "This
    search cannot run", as if the article had been a search: each page's refusal is headed as
    the page it is, the heading and the tab's title alike."""
    r = client.get(url)
    body = r.get_data(as_text=True)
    assert r.status_code == 400
    assert f"<h1>400 · {heading}</h1>" in body and f"<title>{heading} · newsarchive</title>" in body
    if "search" not in heading:
        assert "This search cannot run" not in body


@pytest.mark.parametrize("url,status", [
    ("/nope?q=a&q=b", 404), ("/api/nope?q=a&q=b", 404), ("/nope?q=caf%E9", 404),
])
def test_an_unknown_path_is_404_whatever_its_parameters(client, url, status):
    """/nope?q=a&q=b answered 400 ("'q' is given 2 times"): the parameters were checked before
    the path was. An address with no page is a 404 whatever it is given."""
    r = client.get(url)
    assert r.status_code == status and "given 2 times" not in r.get_data(as_text=True)


def test_a_parameter_given_twice_on_a_wrong_method_is_405(client):
    assert client.post("/search?q=a&q=b").status_code == 405


def _back_link(html: str) -> str:
    import re
    from html import unescape

    return unescape(re.search(r'<a href="([^"]+)">‹ Back to the results</a>', html).group(1))


def _form_inputs(html: str, action: str) -> list[tuple[str, str]]:
    import re
    from html import unescape

    form = re.search(r'<form class="ffilter" action="%s" method="get">(.*?)</form>' % re.escape(action), html, re.S).group(1)
    return [(n, unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)]


def test_a_facet_page_s_refused_search_keeps_the_results_page_to_return_to(client):
    """A facet page opened from page 2 of the results links back to page 2; refused (a
    typo in the query, a year no article could have), the links fixing it led to the facet
    page without `page`, whose "Back to the results" then led to page 1. They keep it."""
    import re
    from html import unescape

    def links(url: str) -> list[str]:
        r = client.get(url)
        assert r.status_code == 400
        return [unescape(u) for u in re.findall(r'<p class="suggest">(?:Search )?<a href="([^"]+)"', r.get_data(as_text=True))]

    assert _back_link(client.get("/facet/location?per_page=2&page=2").get_data(as_text=True)) == "/search?page=2&per_page=2"
    without, = links("/facet/location?year=21&contains=mal&page=2&per_page=2")
    assert without == "/facet/location?page=2&per_page=2&contains=mal"
    assert _back_link(client.get(without).get_data(as_text=True)) == "/search?page=2&per_page=2"
    fixed, = links("/facet/person?q=persn:goyta&page=3")
    assert fixed == "/facet/person?q=person:goyta&page=3" and client.get(fixed).status_code == 200


def test_the_contains_box_keeps_the_results_page_to_return_to(client):
    """The "Filter places" box, on a facet page opened from page 2 of the results or in a
    facet's "more" on page 2 itself, submitted without `page`: the narrowed list's "Back to
    the results" led to page 1. Its hidden inputs carry it; the header's search box, a new
    search, still starts at page 1."""
    from urllib.parse import urlencode

    facet = client.get("/facet/location?per_page=2&page=2").get_data(as_text=True)
    sent = _form_inputs(facet, "/facet/location")
    assert ("page", "2") in sent
    narrowed = client.get("/facet/location?" + urlencode(sent + [("contains", "ma")])).get_data(as_text=True)
    assert _back_link(narrowed) == "/search?page=2&per_page=2"
    results = client.get("/search?per_page=2&page=2").get_data(as_text=True)
    assert ("page", "2") in _form_inputs(results, "/facet/location")
    header = results.split('<form', 1)[1].split("</form>")[0]
    assert 'name="page"' not in header


def test_a_record_s_id_whose_hash_a_browser_cut_says_how_to_write_it(tmp_path):
    """The id `wire/feed.jsonl#2` pasted into a browser's address bar (/doc/wire/feed.jsonl#2)
    reaches the server as /doc/wire/feed.jsonl, the "#2" taken as the address's fragment: the
    page said "no document with id 'wire/feed.jsonl'", as of an id that is nowhere, when it is
    the file of three articles. The 404 (the page's, /api/doc's, /text's) says so, their ids,
    and how an address writes an id's #; the address it gives opens the first."""
    import json

    from search import Store, indexer

    (tmp_path / "wire").mkdir()
    with open(tmp_path / "wire" / "feed.jsonl", "w", encoding="utf-8") as fh:
        for i in (1, 2, 10):
            fh.write(json.dumps({"id": str(i), "title": f"Harbour report {i}", "text": f"The harbour authority published report {i}."}) + "\n")
    assert indexer.run(Store(tmp_path / "index"), [str(tmp_path / "wire")])["indexed"] == 3
    client = create_app({"INDEX": str(tmp_path / "index")}).test_client()
    said = ("no document with id 'wire/feed.jsonl': it is the file of 3 articles 'wire/feed.jsonl#1' to "
            "'wire/feed.jsonl#10'; in an address, an id's # is written %23, as in /doc/wire/feed.jsonl%231")
    for url in ("/doc/wire/feed.jsonl", "/text/wire/feed.jsonl"):
        r = client.get(url)
        assert r.status_code == 404 and said in unescape(r.get_data(as_text=True)), r.get_data(as_text=True)[:400]
    r = client.get("/api/doc/wire/feed.jsonl")
    assert r.status_code == 404 and r.get_json()["error"] == said
    assert "Harbour report 1" in client.get("/doc/wire/feed.jsonl%231").get_data(as_text=True)
    r = client.get("/doc/wire/feed.json")  # no file's id: as before
    assert r.status_code == 404 and "no document with id &#39;wire/feed.json&#39;: an id is" in r.get_data(as_text=True)


def test_an_id_cut_at_a_hash_in_its_file_s_name_is_not_called_that_file(tmp_path):
    """A file whose name holds a # (wire/C#.jsonl, its records wire/C#.jsonl:1...) typed in an
    address bar reaches the server cut at it (/doc/wire/C): 4d3e41e's 404 said "it is the file
    of 3 articles", of "wire/C", which is no file. It says the articles' ids go on after it, and
    how an address writes the #; `show wire/C`, which no shell cuts, is no file's id either."""
    import json

    from click.testing import CliRunner

    from search import Store, indexer
    from search.cli import cli

    (tmp_path / "wire").mkdir()
    with open(tmp_path / "wire" / "C#.jsonl", "w", encoding="utf-8") as fh:
        for i in (1, 2, 3):
            fh.write(json.dumps({"title": f"Harbour report {i}", "text": f"The harbour authority published report {i}."}) + "\n")
    assert indexer.run(Store(tmp_path / "index"), [str(tmp_path / "wire")])["indexed"] == 3
    client = create_app({"INDEX": str(tmp_path / "index")}).test_client()
    r = client.get("/api/doc/wire/C")
    assert r.status_code == 404 and r.get_json()["error"] == (
        "no document with id 'wire/C': the ids of 3 articles go on after it: 'wire/C#.jsonl:1' to 'wire/C#.jsonl:3'; "
        "in an address, an id's # is written %23, as in /doc/wire/C%23.jsonl:1")
    assert "Harbour report 1" in client.get("/doc/wire/C%23.jsonl:1").get_data(as_text=True)
    r = CliRunner().invoke(cli, ["show", "wire/C", "--json", "--index", str(tmp_path / "index")])
    assert r.exit_code == 2 and json.loads(r.stdout)["error"].startswith("no document with id 'wire/C'")


def test_a_big_file_s_id_is_said_from_a_few_of_its_records(pages_index):
    """The 404 of a JSON Lines file's id read every record id of the file, each looked up, on
    each request (a file of 100,000 records, every time its id was opened): it reads a few
    (docview.HINTED_RECORDS, 100) and says "more than" where there are more, with an id it holds."""
    client = create_app({"INDEX": str(pages_index)}).test_client()
    said = ("no document with id 'wire/notices.jsonl': it is the file of more than 100 articles, "
            "'wire/notices.jsonl#0' among them; in an address, an id's # is written %23, as in /doc/wire/notices.jsonl%230")
    r = client.get("/api/doc/wire/notices.jsonl")
    assert r.status_code == 404 and r.get_json()["error"] == said, r.get_json()
    assert "Fund notice 0" in client.get("/doc/wire/notices.jsonl%230").get_data(as_text=True)


@pytest.mark.parametrize("url,dropped,fixed", [
    ("/search?q=coup&sort=date&sort=newest", "sort=date", "/search?q=coup&sort=newest"),
    ("/search?q=coup&sort=newest&sort=date", "sort=date", "/search?q=coup&sort=newest"),
    ("/search?q=coup&sort=date&sort=x", "sort=date, sort=x", "/search?q=coup"),
    ("/search?q=coup&per_page=5&per_page=y", "per_page=y", "/search?q=coup&per_page=5"),
])
def test_a_setting_given_twice_with_one_bad_value_is_dropped_by_its_link_keeping_the_good(client, url, dropped, fixed):
    """`/search?q=coup&sort=date&sort=newest` (refused: sort given twice) said "Search without
    sort=date", but the link dropped newest too, the first value alone read; with the valid value
    first the page gave no link. The link drops the bad values alone, whichever comes first."""
    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "is given 2 times" in html, html
    link = re.search(r'<a href="([^"]+)">Search without <strong><bdi>([^<]+)</bdi></strong></a>, keeping the rest', html)
    assert link, html
    assert unescape(link.group(2)) == dropped and unescape(link.group(1)) == fixed
    assert client.get(fixed).status_code == 200


@pytest.mark.parametrize("url,offered", [
    ("/search?q=coup&sort=newest&sort=oldest", {"sort=newest": "/search?q=coup&sort=newest",
                                                 "sort=oldest": "/search?q=coup&sort=oldest"}),
    ("/search?q=coup&page=1&page=2&per_page=1", {"page=1": "/search?q=coup&per_page=1",
                                                  "page=2": "/search?q=coup&page=2&per_page=1"}),
    ("/facet/person?q=coup&match=any&match=all", {"match=any": "/facet/person?q=coup&match=any",
                                                   "match=all": "/facet/person?q=coup"}),
])
def test_a_setting_given_twice_with_two_good_values_links_to_each(client, url, offered):
    """`/search?q=coup&sort=newest&sort=oldest`, both valid, was refused ("'sort' is given 2
    times ... give it once") with no link: which one the page had read, or how to get either,
    was left to editing the address. The page links to the search with each, keeping the rest,
    and each link runs."""
    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "is given 2 times" in html, html
    choices = re.search(r'<p class="suggest choices">Search with (.*?), keeping the rest\.</p>', html)
    assert choices, html
    links = re.findall(r'<a href="([^"]+)"><strong><bdi>([^<]+)</bdi></strong></a>', choices.group(1))
    assert {unescape(label): unescape(href) for href, label in links} == offered
    for href in offered.values():
        assert client.get(href).status_code == 200, href


def test_two_settings_given_twice_are_both_named_and_linked_in_pairs(client):
    """`sort=newest&sort=oldest&match=all&match=any` (a script's two parameter lists merged)
    said only that 'match' was given twice, and offered "sort=newest or sort=oldest or
    match=all or match=any", each link choosing one setting and taking the other's first
    value silently. The message names both, and each link is a pair, its search running with
    both values it names; the JSON twin names both too."""
    url = "/search?q=coup+junta&sort=newest&sort=oldest&match=all&match=any"
    r = client.get(url)
    html = unescape(r.get_data(as_text=True))
    assert r.status_code == 400 and "'match' is given 2 times (match=all, match=any) and 'sort' is given 2 times" in html
    choices = re.search(r'<p class="suggest choices">Search with (.*?), keeping the rest\.</p>', html)
    assert choices, html
    links = re.findall(r'<a href="([^"]+)"><strong><bdi>([^<]+)</bdi></strong></a>', choices.group(1))
    assert sorted(label for _, label in links) == ["sort=newest&match=all", "sort=newest&match=any",
                                                   "sort=oldest&match=all", "sort=oldest&match=any"]
    for href, label in links:
        ran = client.get(href.replace("/search", "/api/search")).get_json()
        sort, match = (part.split("=")[1] for part in label.split("&"))
        assert (ran["sort"], ran["match"]) == (sort, match), (href, ran)
    error = client.get(url.replace("/search", "/api/search")).get_json()["error"]
    assert "'match' is given 2 times" in error and "'sort' is given 2 times" in error


def test_an_unknown_id_s_404_shows_an_id_of_this_index(client):
    """`/doc/001_3af445065a74e937.txt` (a seed's file name, its source's folder left out) was
    "no document with id '001_3af445065a74e937.txt'", and `/doc/` listed "/doc/ID": neither
    said what an id looks like in this index. Both name an article's id of the index, one a
    search lists, whose page opens; the API's say the same of /api/doc."""
    # (a seed's own file name, 001_3af445065a74e937.txt, is now offered its id: "did you mean
    # /doc/seeds/001_…", test_an_id_in_a_folder_that_holds_none_is_offered_its_path_under_a_source)
    said = unescape(client.get("/doc/001_0000000000000000.txt").get_data(as_text=True))
    example = re.search(r"no document with id '001_0000000000000000\.txt': an id is as a search lists it, "
                        r"such as '([^']+)'", said)
    assert example, said
    listed = {h["id"] for h in client.get("/api/search?per_page=50").get_json()["hits"]}
    assert example.group(1) in listed and client.get(f"/doc/{example.group(1)}").status_code == 200
    assert f"/doc/ID (such as /doc/{example.group(1)})" in unescape(client.get("/doc/").get_data(as_text=True))
    assert client.get("/api/doc/nope").get_json()["error"] == ("no document with id 'nope': an id is as a search "
                                                               f"lists it, such as '{example.group(1)}'")
    assert f"/api/doc/ID (such as /api/doc/{example.group(1)})" in client.get("/api/doc/").get_json()["error"]

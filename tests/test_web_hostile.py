"""Hostile content through the real indexer: markup in titles and text renders as text,
javascript: URLs are never linked, and ids with '#', '?', '%', spaces round-trip."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from web import create_app

SCRIPT = "<script>alert(1)</script>"
BODY = (
    f"Officials said an article containing {SCRIPT} must show the tag as text. "
    "A second sentence mentions <img src=x onerror=alert(2)> and a link <a href=\"javascript:alert(3)\">here</a>. "
    "The hostile wire story continues for a while so the cleaner keeps it as article text, "
    "with more words about markets, harvests and weather in the region."
)


def write_hostile(folder: Path) -> None:
    """A JSON Lines file of hostile records (ids become 'hostile/wire.jsonl#<id>')."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        {"id": "xss", "title": f"Headline {SCRIPT}", "text": BODY, "url": "javascript:alert(3)", "date": "2019-05-01",
         "source": "evil.example"},
        {"id": "a b?c=%2F&d", "title": "Odd id story", "text": BODY.replace(SCRIPT, "nothing"), "url": "https://example.org/x?a=1&b=<2>",
         "date": "2019-05-02", "source": "odd.example"},
        {"id": 123, "title": "Numbered story", "text": BODY.replace(SCRIPT, "numbers"), "url": "data:text/html,<script>alert(4)</script>",
         "date": "2019-05-03", "source": "num.example"},
        {"id": "two\nlines", "title": "Id with a line break", "text": BODY.replace(SCRIPT, "line breaks"),
         "url": "https://example.org/nl", "date": "2019-05-04", "source": "nl.example"},
        # a browser resolves "/../" and "/./" in a link before asking: the link led to /doc/hostile/y
        {"id": "x/../y", "title": "Dotted id", "text": BODY.replace(SCRIPT, "dots"), "date": "2019-05-05"},
        {"id": "a/./b/", "title": "Dotted id two", "text": BODY.replace(SCRIPT, "single dots"), "date": "2019-05-06"},
    ]
    with open(folder / "wire.jsonl", "w") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from search import Store, indexer

    root = tmp_path_factory.mktemp("hostile")
    write_hostile(root / "hostile")
    index = root / "index"
    result = indexer.run(Store(index), [str(root / "hostile")])
    assert result["indexed"] == 6, result
    return create_app({"INDEX": str(index)}).test_client()


def body(client, url, status=200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    return r.get_data(as_text=True)


def without_own_script(html: str) -> str:
    return html.replace('<script src="/static/enhance.js" defer></script>', "")


def test_results_escape_titles_and_snippets(hostile):
    html = body(hostile, "/search?q=hostile")
    assert "Headline &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in without_own_script(html) and "<img" not in html and "onerror=" not in html.replace("onerror=alert(2)&gt;", "")


def test_doc_page_shows_markup_as_text(hostile):
    html = body(hostile, "/doc/hostile/wire.jsonl%23xss")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    clean = without_own_script(html)
    assert "<script>" not in clean and "<img" not in clean and not re.search(r"<a[^>]+javascript:", html)
    assert "<title>Headline &lt;script&gt;" in html


def test_unsafe_urls_are_never_links(hostile):
    html = body(hostile, "/doc/hostile/wire.jsonl%23xss")
    assert not re.search(r'href="\s*javascript:', html, re.I) and "javascript:alert(3)" in html  # shown, not linked
    html = body(hostile, "/doc/hostile/wire.jsonl%23123")
    assert not re.search(r'<a [^>]*href="data:', html)
    html = body(hostile, "/doc/" + "hostile/wire.jsonl%23a%20b%3Fc=%252F&d")
    assert 'href="https://example.org/x?a=1&amp;b=&lt;2&gt;"' in html


def test_odd_ids_round_trip_through_links(hostile):
    html = body(hostile, "/?per_page=100")
    from urllib.parse import urljoin, urlsplit

    links = [unescape(h) for h in re.findall(r'<h2><a href="(/doc/[^"]+)"', html)]
    assert len(links) == 6  # an id with a line break too: "." in the route's pattern stopped at it
    for link in links:
        assert urlsplit(urljoin("http://host/", link)).path == urlsplit(link).path  # no dot segment to resolve
        page = body(hostile, link)
        j = hostile.get(link.replace("/doc/", "/api/doc/", 1)).get_json()
        assert j["id"].startswith("hostile/wire.jsonl#")
        assert f'<code>{j["id"].replace("&", "&amp;")}</code>' in page


def test_api_returns_the_raw_text(hostile):
    j = hostile.get("/api/doc/hostile/wire.jsonl%23xss").get_json()
    assert SCRIPT in j["text"]


CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_control_characters_from_the_url_never_reach_the_page(hostile):
    """QA: `?q=oil%1b[31m` wrote a raw ESC into the <title> and the search box (the archive's
    own text has none: the indexer removes them). Shown as U+FFFD, so the box, submitted
    again, searches as the typed query did."""
    r = hostile.get("/search?q=oil%1b%5b31m&source=evil%C2%9b.example")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and not CONTROLS.search(html)
    assert "<title>oil\ufffd[31m · Search" in html and "<q><bdi>evil\ufffd.example</bdi></q>" in html
    box = unescape(re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', html).group(1))
    assert box == "oil\ufffd[31m"
    # the search itself is as before, and so is the box's query submitted again
    html = hostile.get("/search?q=markets%1bharvests%07").get_data(as_text=True)
    box = unescape(re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', html).group(1))
    typed = hostile.get("/api/search", query_string={"q": "markets\x1bharvests\x07"}).get_json()
    again = hostile.get("/api/search", query_string={"q": box}).get_json()
    assert box == "markets\ufffdharvests\ufffd" and typed["total"] == again["total"] == 6
    for url in ("/search?q=%22markets%1b", "/facet/source?q=markets&contains=x%1by", "/entities?contains=%1b%5b2J",
                "/doc/hostile/wire.jsonl%23x%1by"):
        r = hostile.get(url)
        assert r.status_code in (200, 400, 404) and not CONTROLS.search(r.get_data(as_text=True)), url

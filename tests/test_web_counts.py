"""Every count on the HTML pages in one format, "1,001": the facet panels, the facet page, the
entity list's Articles column and the histogram's hidden counts printed "1001" where the result
count printed "1,001". The JSON keeps integers. A real index of 1,001 notes, all from Japan."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from search import Store, indexer

    root = tmp_path_factory.mktemp("counts")
    (root / "wire").mkdir()
    with open(root / "wire" / "notes.jsonl", "w", encoding="utf-8") as fh:
        for i in range(1001):  # 1,000 in January 2020, one in March: a month histogram
            fh.write(json.dumps({"id": str(i), "title": f"Port note {i}", "date": "2020-03-02" if i == 0 else "2020-01-15",
                                 "text": f"Officials in Japan said port traffic rose again, note {i} reported."}) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSARCHIVE_WORKERS", "1")
        assert indexer.run(Store(root / "index"), [str(root / "wire")])["indexed"] == 1001
    return create_app({"INDEX": str(root / "index")}).test_client()


def html(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return unescape(r.get_data(as_text=True))


def test_facet_counts_on_the_results_page_read_like_the_result_count(client):
    page = html(client, "/search")
    assert "Browsing <strong>1,001</strong> articles" in page
    counts = re.findall(r'<span class="fv-c">(?:<span[^>]*>[^<]*</span>)*([\d,]+)</span>', page)
    assert "1,001" in counts and "1001" not in counts, counts  # source, language, place: every article
    assert re.search(r'data-facet="location">.*?Japan</span> <span class="fv-c">1,001<', page, re.S)


def test_the_facet_page_counts_read_like_its_heading(client):
    page = html(client, "/facet/source")
    assert "in 1,001 results" in page
    assert re.search(r'<span class="fv-c">1,001</span>', page) and ">1001<" not in page


def test_the_histogram_s_counts_read_like_the_result_count(client):
    page = html(client, "/search")
    assert "Results per month" in page
    assert 'title="2020-01: 1,000"' in page and ": 1,000 results</span>" in page
    assert "1000" not in re.sub(r"<[^>]+>", " ", page.split('<figure class="hist">')[1].split("</figure>")[0])
    assert 'title="2020-01: 1000"' not in page


def test_the_entity_list_s_article_counts_read_like_its_total(client):
    page = html(client, "/entities?type=location")
    assert '<td class="num">1,001</td>' in page and '<td class="num">1001</td>' not in page


def test_page_numbers_read_like_the_counts(client):
    """The pager's numbers, the title's page and "Page N is past the last page" printed "1000"
    beside "1,001 results"."""
    page = html(client, "/search?per_page=1&page=1000")
    pager = re.search(r'<nav class="pager".*?</nav>', page, re.S).group(0)
    assert re.findall(r"<a [^>]*>([^<]*)</a>", pager) == ["‹ Previous", "1", "998", "999", "1,000"], pager
    assert 'aria-label="Page 998"' in pager and "<title>Search (page 1,000) · newsarchive</title>" in page
    next_to_last = html(client, "/search?per_page=1&page=999")
    assert 'aria-label="Page 1,000">1,000</a>' in next_to_last, next_to_last
    assert "Page 1,000 is past the last page." in html(client, "/search?per_page=2&page=1000")
    assert "Page 1,234 is past the last page." in html(client, "/entities?page=1234")


def test_the_json_keeps_integers(client):
    data = client.get("/api/facet/source").get_json()
    assert any(v["count"] == 1001 for v in data["values"]), data

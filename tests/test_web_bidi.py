"""Bidi controls in what a person types (QA): a query, filter value or `contains` holding an
RLO (U+202E) or another embedding, override or isolate control reordered the page text after
its echo ("results for ..."), to the end of the paragraph. Echoed in running text, typed input
is in a <bdi> with those controls as U+FFFD; in the <title> and a box's value, replaced too.
Article text keeps its own: Arabic and Hebrew sources carry them, and LRM/RLM, rightly."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from web import create_app

EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides, isolates
RLO, RLM = "\u202e", "\u200f"


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX": str(seeds_index)}).test_client()


def shown(html: str) -> str:
    """The page without what it only carries: hidden inputs (sent back exactly as typed) and
    the percent-encoded hrefs."""
    return re.sub(r'<input type="hidden"[^>]*>', "", html)


def outside_bdi(html: str) -> str:
    return re.sub(r"<bdi>.*?</bdi>", "", html, flags=re.S)


def box(html: str, name: str = "q") -> str:
    return unescape(re.search(r'<input id="%s" name="%s" type="search" value="([^"]*)"' % (name, name), html).group(1))


@pytest.mark.parametrize("url,status", [
    ("/search?q=coup+%E2%80%AEgnp.exe", 200),                        # results for <q>...</q>
    ("/search?q=cuop+%E2%80%AEmali", 200),                           # nothing matches, "Did you mean"
    ("/search?q=coup&source=%E2%80%AEelpmaxe&person=Goytta%E2%80%AE", 200),  # chips, "No article has"
    ("/search?q=person%3AGoytta%E2%80%AE", 200),                     # a field value in the query
    ("/facet/person?q=coup+%E2%80%AEx&contains=go%E2%80%AEy", 200),
    ("/entities?contains=%E2%80%AEatiog", 200),
    ("/search?q=%22coup+%E2%80%AEmali", 400),                       # error page: message and "Your query was"
    ("/search?q=coup&sort=%E2%80%AEnewest", 400),
    ("/doc/seeds/%E2%80%AEnope", 404),
])
def test_typed_bidi_controls_never_reach_the_page_raw(client, url, status):
    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == status
    assert not EXPLICIT.search(shown(html)), html[max(0, EXPLICIT.search(shown(html)).start() - 200):][:300]


def test_the_query_is_echoed_isolated_and_the_box_searches_as_typed(client):
    q = f"coup {RLO}mali"
    html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert "results for <q><bdi>coup \ufffdmali</bdi></q>" in html
    assert "<title>coup \ufffdmali · Search" in html
    assert box(html) == "coup \ufffdmali"
    typed = client.get("/api/search", query_string={"q": q}).get_json()
    again = client.get("/api/search", query_string={"q": box(html)}).get_json()
    assert typed["query"] == q  # the JSON twin reports the query as sent
    assert typed["total"] == again["total"] > 0
    # the facet forms carry the query exactly as typed: hidden, it is never shown
    for value in re.findall(r'<input type="hidden" name="q" value="([^"]*)">', html):
        assert unescape(value) == q


def test_marks_that_only_set_a_direction_stay_in_the_box_and_are_isolated(client):
    """LRM and RLM reorder nothing past an isolate: kept, so the box round-trips them."""
    q = f"coup{RLM}"
    html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert box(html) == q and f"<q><bdi>{q}</bdi></q>" in html
    rest = re.sub(r"<title>.*?</title>|value=\"[^\"]*\"", "", outside_bdi(html), flags=re.S)
    assert RLM not in rest


def test_chips_and_unmatched_values_are_isolated(client):
    html = client.get("/search", query_string={"q": "coup", "source": f"{RLO}elpmaxe"}).get_data(as_text=True)
    assert '<span class="chip-facet">Source:</span> <bdi>\ufffdelpmaxe</bdi>' in html
    assert "No article has the source <q><bdi>\ufffdelpmaxe</bdi></q>" in html
    assert client.get("/api/search", query_string={"q": "coup", "source": f"{RLO}elpmaxe"}).get_json()[
        "unmatched_filters"][0]["value"] == f"{RLO}elpmaxe"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    """An Arabic article whose title and text hold an RLE ... PDF around a Latin name, and an RLM."""
    from search import Store, indexer

    root = tmp_path_factory.mktemp("arabic")
    (root / "w").mkdir()
    text = ("أعلنت الحكومة اليوم عن خطة جديدة للاقتصاد، وقال الوزير إن شركة \u202bAcme Oil\u202c ستبدأ العمل في الشهر المقبل. "
            "وأضاف أن الخطة ستساعد الأسر على مواجهة ارتفاع الأسعار\u200f. وتوقع الخبراء أن يتحسن النمو في العام المقبل بفضل هذه الإجراءات.")
    record = {"id": "ar", "title": "خطة \u202bAcme\u202c للاقتصاد\u200f", "text": text}
    (root / "w" / "a.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert indexer.run(Store(root / "ix"), [str(root / "w")])["indexed"] == 1
    return create_app({"INDEX": str(root / "ix")}).test_client()


def test_article_text_keeps_its_own_bidi_controls(arabic):
    html = arabic.get("/doc/w/a.jsonl%23ar").get_data(as_text=True)
    assert "<h1 id=\"doc-title\" dir=\"auto\">خطة \u202bAcme\u202c للاقتصاد\u200f</h1>" in html
    assert "شركة \u202bAcme Oil\u202c ستبدأ" in html and "الأسعار\u200f." in html


def attrs(html: str, tag: str, text: str) -> str:
    """The attributes of the `tag` element that holds `text` (its first)."""
    return re.search(r"<%s( [^>]*)?>%s" % (tag, re.escape(text)), html).group(1) or ""


def test_titles_and_snippets_take_their_own_direction(arabic, client):
    """QA: a Hebrew or Arabic title was left-aligned, the article's text under it right-aligned
    (it has dir="auto"): the document's <h1>, a hit's title and its snippet had no direction of
    their own. Each has dir="auto" now, and so has a title in a story's timeline."""
    title = "خطة \u202bAcme\u202c للاقتصاد\u200f"
    assert 'dir="auto"' in attrs(arabic.get("/doc/w/a.jsonl%23ar").get_data(as_text=True), "h1", title)
    html = arabic.get("/search", query_string={"q": "الحكومة"}).get_data(as_text=True)
    assert "<strong>1</strong> result for" in html
    assert 'dir="auto"' in attrs(html, "a", title)
    assert 'dir="auto"' in attrs(html, "p", "أعلنت <mark>الحكومة</mark>")
    assert attrs(html, "p", "أعلنت").startswith(' class="snippet"')
    # the seeds' story: 001's timeline names 000 (a link) and itself (the current article)
    html = client.get("/doc/seeds/001_3af445065a74e937.txt").get_data(as_text=True)
    assert 'dir="auto"' in attrs(html, "a", "Russia trained Mali coup leaders")
    current = re.search(r'<li class="current" aria-current="true">.*?</li>', html, re.S).group(0)
    assert re.search(r'<strong dir="auto">[^<]+</strong>', current)

"""The document page of a long article shows its first part, says so, and links the whole
text and record: a 10 MB record's page was 23 MB with 130,000 links and took 12 s to build
(22 s with ?q=), the text marked up whole."""
from __future__ import annotations

import json
import re

import pytest

from web import create_app

PARAGRAPH = ("Officials in Bamako said on Tuesday that the harvest had been poor this year, and traders "
             "expected grain prices to rise before the rains. The ministry promised to release stocks.")
LIMIT = 2_000


@pytest.fixture(scope="module")
def long_doc(tmp_path_factory):
    """A record of 40 paragraphs (8,000 characters) under a page limit of 2,000, the last one naming
    Timbuktu and oil; the app's pages and its record."""
    from search import Store, indexer

    paragraphs = [f"{PARAGRAPH} Paragraph {n}." for n in range(39)]
    paragraphs.append("Oil traders met in Timbuktu at the end of the story.")
    text = "\n\n".join(paragraphs)
    root = tmp_path_factory.mktemp("longdoc")
    (root / "w").mkdir()
    (root / "w" / "a.jsonl").write_text(json.dumps({"id": "long", "title": "A long story", "text": text}) + "\n",
                                        encoding="utf-8")
    assert indexer.run(Store(root / "ix"), [str(root / "w")])["indexed"] == 1
    client = create_app({"INDEX": str(root / "ix"), "DOC_PAGE_CHARS": LIMIT}).test_client()
    return client, client.get("/api/doc/w/a.jsonl%23long").get_json()


def _text(html: str) -> str:
    block = re.search(r'<div class="text".*?</div>\n', html, re.S).group(0)
    return re.sub(r"<[^>]+>", "", block)


def test_a_long_text_shows_its_first_part_and_links_the_whole(long_doc):
    client, record = long_doc
    html = client.get("/doc/w/a.jsonl%23long").get_data(as_text=True)
    whole = len(record["text"])
    shown = record["text"].rfind("\n\n", 0, LIMIT) + 2  # after the last paragraph break within the limit
    assert f"this page shows the first {shown:,} of its {whole:,} characters" in html
    assert f"The text goes on for {whole - shown:,} more characters" in html
    assert 'href="/text/w/a.jsonl%23long"' in html and 'href="/api/doc/w/a.jsonl%23long"' in html
    assert f"as plain text</a> ({len(record['text'].encode()) / 1000:,.0f} KB)" in html
    last = record["text"][:shown].count("\n\n") - 1  # the last paragraph shown, whole
    text = _text(html)
    assert f"Paragraph {last}." in text and f"Paragraph {last + 1}." not in text and "Timbuktu" not in text
    assert len(html) < 3 * LIMIT + 12_000  # the page's frame and the part, not the 8,000 characters
    # the whole text, as plain text, and the whole record
    r = client.get("/text/w/a.jsonl%23long")
    assert r.status_code == 200 and r.mimetype == "text/plain" and r.get_data(as_text=True) == record["text"]
    assert record["text"].endswith("Oil traders met in Timbuktu at the end of the story.")
    assert client.get("/text/w/a.jsonl%23nope").status_code == 404


def test_a_search_s_matches_are_marked_and_counted_in_the_part_shown(long_doc):
    client, record = long_doc
    shown = record["text"].rfind("\n\n", 0, LIMIT) + 2
    html = client.get("/doc/w/a.jsonl%23long?q=paragraph").get_data(as_text=True)
    n = record["text"][:shown].count("Paragraph")
    assert f"{n} matches</a> of your search <q><bdi>paragraph</bdi></q> marked in the text shown" in html
    assert html.count('<mark class="hit"') == n
    html = client.get("/doc/w/a.jsonl%23long?q=timbuktu").get_data(as_text=True)
    assert "has no match in the text shown" in html
    # the record's twin gives those of the same part, and every match part by part
    first = client.get("/api/doc/w/a.jsonl%23long?q=paragraph").get_json()
    assert len(first["matches"]) == n and first["matches_to"] == shown
    assert len(_every_match(client, "paragraph", record["text"])) == 39


def _every_match(client, query: str, text: str) -> list[list[int]]:
    """/api/doc's matches of `query` in the long record, part after part."""
    got, start = [], 0
    while True:
        r = client.get("/api/doc/w/a.jsonl%23long", query_string={"q": query, "matches_from": start})
        assert r.status_code == 200, r.get_json()
        j = r.get_json()
        assert j["text"] == text and j["matches_from"] == start  # the record whole, and where the matches were looked for
        assert all(start <= a < b <= j["matches_to"] for a, b in j["matches"])
        got += j["matches"]
        if j["matches_to"] == len(text):
            return got
        assert j["matches_to"] > start and text[j["matches_to"] - 2:j["matches_to"]] == "\n\n"  # after a paragraph
        start = j["matches_to"]


def test_the_json_record_gives_a_long_text_s_matches_a_part_at_a_time(long_doc):
    """/api/doc/<id>?q=oil marked the whole text of a 10 MB record (8 s of the server's Python,
    under its lock, for each such request), where its page marks the first part: it gives the
    matches of a part as long as the page's, says which (`matches_from`, `matches_to`), and
    the next part's are a `matches_from=` away. Every match, in order, and none twice."""
    client, record = long_doc
    text = record["text"]
    every = _every_match(client, "grain", text)
    assert every == [list(m.span()) for m in re.finditer(r"grain", text)] and len(every) == 39
    # a name found through its entity's mentions, at its offset in the whole text
    names = _every_match(client, "location:timbuktu", text)
    assert [text[a:b] for a, b in names] == ["Timbuktu"] and names[0][0] > LIMIT
    for bad in ("abc", "-1", str(len(text) + 1)):
        r = client.get("/api/doc/w/a.jsonl%23long", query_string={"q": "grain", "matches_from": bad})
        assert r.status_code == 400 and r.mimetype == "application/json" and "matches_from" in r.get_json()["error"]


def test_matches_to_is_read_as_where_a_part_ends(long_doc):
    """/api/doc gave `matches_to` and never read it: a client sending the range back
    (`matches_from=0&matches_to=500`) got the page's part, 2,000 characters, silently. It ends
    a part sooner now, at the space before it where it falls inside a word (a part cut inside
    "grain" held "gra"); never later than the page's part, and the answer says where it ended."""
    client, record = long_doc
    text = record["text"]

    def part(**range_):
        r = client.get("/api/doc/w/a.jsonl%23long", query_string={"q": "grain", **range_})
        assert r.status_code == 200, r.get_json()
        return r.get_json()

    page = part()
    assert part(matches_from=0, matches_to=page["matches_to"]) == page  # the range sent back: the same part
    assert part(matches_to=len(text))["matches_to"] == page["matches_to"]  # never past the page's part
    grain = [m.start() for m in re.finditer("grain", text)]
    j = part(matches_to=grain[1] + 3)  # inside the second "grain": the part ends before it
    assert j["matches_from"] == 0 and j["matches_to"] == grain[1] and text[grain[1] - 1] == " "
    assert j["matches"] == [[grain[0], grain[0] + 5]]
    j = part(matches_from=grain[2], matches_to=grain[3] + 5)
    assert j["matches"] == [[grain[2], grain[2] + 5], [grain[3], grain[3] + 5]] and j["matches_to"] == grain[3] + 5
    for bad in ({"matches_from": 100, "matches_to": 99}, {"matches_to": len(text) + 1}, {"matches_to": "x"}):
        r = client.get("/api/doc/w/a.jsonl%23long", query_string={"q": "grain", **bad})
        assert r.status_code == 400 and "matches_to" in r.get_json()["error"], bad
    r = client.get("/api/doc/w/a.jsonl%23long?q=grain&matches_to=10&matches_to=20")
    assert r.status_code == 400 and "'matches_to' is given 2 times" in r.get_json()["error"]


def test_a_text_the_page_shows_whole_gets_its_matches_whole(seeds_index):
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    j = client.get("/api/doc/seeds/000_82caef7a759caf58.txt?q=coup").get_json()
    assert j["matches"] and "matches_from" not in j and "matches_to" not in j
    j = client.get("/api/doc/seeds/000_82caef7a759caf58.txt?q=coup&matches_to=200").get_json()
    assert j["matches_from"] == 0 and j["matches_to"] <= 200 and all(b <= j["matches_to"] for _, b in j["matches"])


def test_a_short_text_is_shown_whole_without_a_notice(seeds_index):
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    html = client.get("/doc/seeds/000_82caef7a759caf58.txt").get_data(as_text=True)
    assert 'class="text-cut' not in html and "this page shows the first" not in html


def test_the_part_ends_after_a_paragraph_and_keeps_what_lies_in_it():
    from web.docview import DOC_PAGE_CHARS, page_part

    text = "\n\n".join(f"Paragraph {n} " + "word " * 30 for n in range(20_000))  # 3.6 million characters
    cut = text.rfind("\n\n", 0, DOC_PAGE_CHARS) + 2
    flags = [{"kind": "k", "start": cut - 10, "end": cut + 10, "excerpt": "", "detail": ""},
             {"kind": "k", "start": cut + 10, "end": cut + 20, "excerpt": "", "detail": ""}]
    mentions = [{"text": "Paragraph", "type": "person", "start": 0, "end": 9},
                {"text": "Paragraph", "type": "person", "start": cut, "end": cut + 9}]
    doc = {"id": "x", "text": text, "mentions": mentions, "translation": {"label": "unlikely", "flags": flags}}
    part = page_part(doc)
    assert part["text"] == text[:cut] and DOC_PAGE_CHARS // 2 < cut <= DOC_PAGE_CHARS
    assert part["mentions"] == mentions[:1] and part["translation"]["flags"] == flags[:1]
    assert doc["text"] == text and len(doc["translation"]["flags"]) == 2  # the record itself unchanged
    assert page_part({"text": "short"}) == {"text": "short"}
    # no paragraph break: a line's end, a sentence's, a space
    assert page_part({"text": "a" * 150 + ". " + "b" * 100}, 200)["text"] == "a" * 150 + ". "
    assert page_part({"text": "c" * 300}, 200)["text"] == "c" * 200


def test_the_entities_beside_the_text_are_the_first_of_each_type(seeds_index):
    from web.docview import DOC_PAGE_ENTITIES, document_view

    app = create_app({"INDEX": str(seeds_index)})
    people = [{"name": f"Person {n}", "id": None, "aliases": [], "documents": 1} for n in range(DOC_PAGE_ENTITIES + 50)]
    with app.test_request_context("/"):
        view = document_view({"text": "Some text.", "entity_details": {"person": people}})
    assert [e["name"] for e in view.entities["person"]] == [p["name"] for p in people[:DOC_PAGE_ENTITIES]]
    assert view.more_entities == {"person": 50}


def test_the_limit_is_a_setting_and_a_bad_one_is_refused(long_doc, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from search.cli import cli

    client, _ = long_doc
    monkeypatch.setenv("NEWSARCHIVE_DOC_PAGE_CHARS", "4000")
    html = create_app({"INDEX": client.application.config["INDEX"]}).test_client().get("/doc/w/a.jsonl%23long").get_data(as_text=True)
    assert re.search(r"this page shows the first 3,\d{3} of its", html)
    monkeypatch.setenv("NEWSARCHIVE_DOC_PAGE_CHARS", "lots")
    r = CliRunner().invoke(cli, ["serve", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 2 and "NEWSARCHIVE_DOC_PAGE_CHARS='lots' must be a whole number of characters" in r.output

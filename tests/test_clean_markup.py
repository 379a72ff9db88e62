"""Plain text that carries HTML: markup in a JSON Lines body, character references."""
from __future__ import annotations

import json

import pytest

from search import Store, get_document, indexer, open_index, run_search
from search.clean import clean_text
from search.clean.markup import is_markup, unescape

LEAD = ("Soldiers took control of the largest military base in Kati on Tuesday, witnesses said. "
        "The junta leader met senior officials and urged them to return to work.")
SECOND = "Regional leaders have called for a swift return to civilian rule and fresh elections."


def test_a_body_in_markup_reads_as_paragraphs():
    linked = LEAD.replace("senior officials", '<a href="https://x.example/a">senior officials</a>')
    body = (f"<p>{linked}</p>"
            f"<script>var views = 1;\n\nrender(views);</script>"
            f"<p>{SECOND.replace('civilian', '<em>civilian</em>')} &amp; more</p>"
            "<ul><li>Kati: base taken</li><li>Bamako: talks on Friday</li></ul>")
    c = clean_text(f"Mali junta talks\n\n{body}")
    assert c.title == "Mali junta talks"
    assert c.text == "\n\n".join([LEAD, SECOND + " & more", "- Kati: base taken", "- Bamako: talks on Friday"])


def test_line_breaks_and_blank_lines_split_paragraphs_and_a_block_may_span_them():
    c = clean_text(f"Mali junta talks\n\n<p>{LEAD}<br>{SECOND}\n\nThe talks resume on Friday in Bamako, "
                   "the mediator said.</p>")
    assert c.text.split("\n\n") == [LEAD, SECOND, "The talks resume on Friday in Bamako, the mediator said."]


@pytest.mark.parametrize("text", [
    "Use the <p> tag to open a paragraph and </p> to close it, as the guide for new writers says.",
    "<AMERICAN EXPRESS CO> said profits rose, and <IBM> said they fell.",  # newswire company codes
    "Profits were < 5% and costs > 3% of sales <br> in the quarter.",  # one line break
    "<p>",  # a tag alone
])
def test_text_that_only_mentions_tags_is_plain_text(text):
    assert not is_markup(text)
    assert clean_text(f"A title here\n\n{text}").text == text


@pytest.mark.parametrize("text, plain", [
    ("AT&amp;T said &#8220;no&#8221; to Mali&#x2019;s offer", "AT&T said “no” to Mali’s offer"),
    # a bare name without its semicolon, or an unknown name, is no reference
    ("Johnson&notes for R&D &copy 2012 &bogus; Q&A", "Johnson&notes for R&D &copy 2012 &bogus; Q&A"),
])
def test_character_references_are_read(text, plain):
    assert unescape(text) == plain
    assert clean_text(f"A title here\n\n{text}, the company said on Tuesday in a statement.").text.startswith(plain)


def test_a_json_lines_archive_with_markup_and_references_is_searchable_as_text(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "cms"
    src.mkdir()
    records = [{"id": "a", "title": "AT&amp;T&#8217;s offer", "text": f"<p>AT&amp;T bid for the unit. {LEAD}</p><p>{SECOND}</p>"},
               {"id": "b", "title": "Plain", "text": f"{LEAD} AT&amp;T was not named."}]
    (src / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 2
    archive = open_index(store.path)
    doc = get_document(archive, "cms/export.jsonl#a")
    assert doc["title"] == "AT&T’s offer"
    assert doc["text"] == f"AT&T bid for the unit. {LEAD}\n\n{SECOND}"
    assert sorted(h.id for h in run_search(archive, '"AT&T"').hits) == ["cms/export.jsonl#a", "cms/export.jsonl#b"]
    assert "&amp;" not in run_search(archive, "Kati").hits[0].snippet


def test_a_link_written_out_as_markup_inside_text_is_read():
    """HuffPost escaped its captions' HTML: the page's text held '<a href="http://...">overpriced
    and underperforming</a>'; a YouTube preview held a link around an image and nothing else."""
    from search.clean import clean_html

    said = ('the system was, by all objective measurements, <a href="http://www.example.com/2010/06/us-health.html">'
            "overpriced and underperforming</a> -- if you were lucky enough to be in it, the study found.")
    read = ("the system was, by all objective measurements, overpriced and underperforming -- if you were "
            "lucky enough to be in it, the study found.")
    c = clean_text(f"A title here\n\n{LEAD}\n\n{said}")
    assert c.text == f"{LEAD}\n\n{read}"
    escaped = said.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    preview = '&lt;a href="http://www.youtube.com/watch?v=x"&gt;&lt;img src="http://img.youtube.com/x.jpg"/&gt;&lt;/a&gt;'
    page = (f"<html><head><title>Health care myths</title></head><body><article><h1>Health care myths</h1>"
            f"<p>{LEAD}</p><p>{escaped}</p><p>{preview}</p><p>{SECOND}</p></article></body></html>")
    assert clean_html(page).text == f"{LEAD}\n\n{read}\n\n{SECOND}"


@pytest.mark.parametrize("text", [
    'Write <a href="#top">back to top</a> links sparingly, the style guide for the site says.',  # no address
    "The <a> element makes a link, and </a> ends it, as every web writer learns early.",
])
def test_a_tag_named_in_prose_is_no_link(text):
    assert clean_text(f"A title here\n\n{text}").text == text

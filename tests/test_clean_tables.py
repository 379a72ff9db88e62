"""Tables in the cleaner: data tables stay as rows, layout tables open into their cells."""
from __future__ import annotations

from search.clean import clean_html, clean_text
from search.clean.tables import cells, unwrap

PROSE = ("The county clerk published the final count on Wednesday evening, two days after the "
         "polls closed, and the losing candidate conceded in a short statement to reporters.")
MORE = ("Turnout was the highest in twenty years, the clerk said, with long queues at the schools "
        "and church halls that served as polling stations across the district.")


def _page(body: str) -> str:
    return f"<html><head><title>Count ends</title></head><body>{body}</body></html>"


ELECTION = _page(f"""<article><h1>Count ends in the third district</h1><p>{PROSE}</p>
<table><tr><th>Candidate</th><th>Party</th><th>Votes</th></tr>
<tr><td>Jane Smith</td><td>Labour</td><td>12,345</td></tr>
<tr><td>John Doe</td><td></td><td>9,876</td></tr></table><p>{MORE}</p></article>""")


def test_data_table_keeps_its_header_and_rows():
    c = clean_html(ELECTION)
    paras = c.text.split("\n\n")
    # the header reads like a menu ("Home | News | Sport"): the lexicon called it navigation
    assert "Candidate | Party | Votes" in paras
    assert "Jane Smith | Labour | 12,345" in paras
    # an empty cell keeps its column
    assert "John Doe | | 9,876" in paras
    assert not any(p.startswith("|") for p in paras)  # no "|---|---|" rule, no outer pipes


def test_cells_of_a_kept_table_are_not_reported_as_dropped():
    removed = {r["text"] for r in clean_html(ELECTION).removed}
    assert not removed & {"Candidate", "Jane Smith", "Labour", "12,345", "9,876"}


LAYOUT = _page(f"""<table><tr><td>NEWS CATEGORIES: NEWS ARCHIVE &gt;&gt; REVIEWS &gt;&gt;</td></tr>
<tr><td></td></tr><tr><td>CITY DESK EDITION</td></tr><tr><td></td></tr>
<tr><td><h1>Count ends in the third district</h1></td></tr>
<tr><td>By Maria Lopez, County Courier</td><td>March 4, 2024</td><td>Email This Post</td></tr>
<tr><td><p>{PROSE}</p><p>{MORE}</p></td><td></td></tr>
<tr><td>READER COMMENTS:</td></tr></table>""")


def test_layout_table_opens_into_cells_the_classifier_judges():
    c = clean_html(LAYOUT)
    assert PROSE in c.text and MORE in c.text
    assert "|" not in c.text
    assert c.title == "Count ends in the third district" and not c.text.startswith("Count ends")
    reasons = {r["text"]: r["reason"] for r in c.removed}
    # the cells above the headline are the page's header
    assert reasons["CITY DESK EDITION"] == "above the headline"
    assert reasons["NEWS CATEGORIES: NEWS ARCHIVE >> REVIEWS >>"] == "above the headline"
    assert reasons["Email This Post"] == "share/follow"
    assert reasons["READER COMMENTS:"] == "comment form"
    # the byline in its cell is found like any other
    assert c.author == "Maria Lopez, County Courier"


def test_a_data_table_after_the_comments_goes_whole():
    rows = "".join(f"<tr><td>{t}</td><td>{u}</td><td>{n}</td></tr>" for t, u, n in
                   [("Electric Bikes", "minotaur", 12), ("Help: hubs 240 and 350", "bosbik", 0),
                    ("Downhill Bikes?", "hance", 11)])
    page = _page(f"""<article><h1>Count ends in the third district</h1><p>{PROSE}</p><p>{MORE}</p>
<p>Share this article</p><h3>Similar Threads</h3>
<table><tr><th>Thread</th><th>Thread Starter</th><th>Replies</th></tr>{rows}</table></article>""")
    c = clean_html(page)
    assert PROSE in c.text
    assert "Thread | Thread Starter | Replies" not in c.text and "Electric Bikes" not in c.text
    reasons = {r["text"]: r["reason"] for r in c.removed}
    assert reasons["Similar Threads"] == "related list"
    assert reasons["Electric Bikes | minotaur | 12"] == "after boilerplate (tail)"


def test_a_poll_after_the_article_keeps_its_header():
    # rows of figures after the article stay (as before); the header now stays with them
    text = "\n\n".join(["Count ends", PROSE, MORE, "Response | Votes | %".join("||"),
                        "| Yes | 149 | 74% |", "| No | 28 | 14% |"])
    c = clean_text(text)
    assert c.text.endswith("Response | Votes | %\n\nYes | 149 | 74%\n\nNo | 28 | 14%")


def test_table_rows_are_never_joined_as_wrapped_lines():
    rows = [f"| District {n} | Incumbent number {n} | Obama +{n} over McCain in 2008 |" for n in range(1, 5)]
    c = clean_text("Count ends\n\n" + PROSE + "\n\n" + "\n".join(rows))
    assert "District 1 | Incumbent number 1 | Obama +1 over McCain in 2008" in c.text.split("\n\n")


def test_cells_parse_escaped_pipes_and_reject_other_lines():
    assert cells("| SUBMIT \\| ADVERTISE |  |") == ["SUBMIT | ADVERTISE", ""]
    assert cells("|") == []
    assert cells("Home | News | Sport") is None
    assert cells("| an opening pipe only") is None
    assert cells("| ends in an escaped pipe \\|") is None


def test_unwrap_single_row_and_markup():
    paras, tables = unwrap(["Intro line", "|  |  | Poke The Box |", "|---|", "| | |", "| Online: | 45 |"])
    # one row of two cells is no table: its cells become lines of their own
    assert paras == ["Intro line", "Poke The Box", "Online:", "45"]
    assert tables == []


def test_unwrap_drops_padding_columns_of_a_data_table():
    paras, tables = unwrap(["|  | Phoenix | $83 |", "|---|---|---|", "|  | Denver | $147 |", "after"])
    assert paras == ["Phoenix | $83", "Denver | $147", "after"]
    assert tables == [[0, 1]]


def test_prose_above_a_repeated_headline_stays():
    # a standfirst written as a sentence above the headline is the article's, not the header's
    dek = "The clerk's office counted every postal vote by hand after a machine broke down on Monday."
    page = _page(f"""<table><tr><td>CITY DESK EDITION</td></tr><tr><td><p>{dek}</p></td></tr>
<tr><td><h1>Count ends in the third district</h1></td></tr>
<tr><td><p>{PROSE}</p><p>{MORE}</p></td></tr></table>""")
    c = clean_html(page)
    assert dek in c.text and "CITY DESK EDITION" in c.text.split("\n\n")
    assert not any(r["reason"] == "above the headline" for r in c.removed)

"""JSON Lines files of saved API responses and feeds, as pollers and users write them: responses
pretty-printed after compact ones, emptied, beside a count or a title, and JSON Feed's names."""
from __future__ import annotations

import json
from pathlib import Path

from search.article import EMPTIED, Article, IngestError
from search import Store, get_document, indexer, open_index, run_search
from search.ingest import read

STORY = ("Zinc prices were steady in London trading as stocks in warehouses fell for the fifth week "
         "running, traders said, and demand from galvanisers in Asia held up.")


def _read(path: Path) -> tuple[list[Article], list[IngestError]]:
    items = list(read([path]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def test_a_pretty_printed_empty_response_in_a_jsonl_is_an_empty_file(tmp_path):
    """A poller's .jsonl whose one response, pretty-printed (`json.dump(resp, fh, indent=2)`), holds
    no article was "not JSON Lines: ... write each record on a line of its own (jq -c . FILE does)",
    which would not help: on one line it is "empty file", as an emptied .json is. It holds none."""
    emptied = {"status": "ok", "totalResults": 0, "articles": []}
    (tmp_path / "news.jsonl").write_text(json.dumps(emptied, indent=2) + "\n")
    (tmp_path / "one.jsonl").write_text(json.dumps(emptied) + "\n")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"version": 2, "items": []}, indent=4))
    arts, reports = _read(tmp_path / "news.jsonl")
    assert arts == [] and [(r.reason, r.unread) for r in reports] == [
        ('empty file: a saved API response with no article under "articles"', EMPTIED)]
    arts, reports = _read(tmp_path / "feed.jsonl")
    assert arts == [] and [(r.reason, r.unread) for r in reports] == [
        ('empty file: its only list ("items") is empty', EMPTIED)]
    assert [(r.reason, r.unread) for r in _read(tmp_path / "one.jsonl")[1]] == [
        ("empty file: its line an empty list of articles", EMPTIED)]


def test_articles_by_their_address_beside_a_count_are_read(tmp_path):
    """A dict of articles by their address with a count beside them (`{"count": 2, "https://...":
    {...}, ...}`, as a scraper saves what it fetched) was "one JSON document with no article in it"
    (.json) or "JSON record with no text" (a line of a .jsonl), none read: only a dict whose values
    are all objects was read as its articles. The count is the dict's own; its articles are read,
    with the ids they have without it. A record's own number beside a title stays a record's."""
    keyed = {f"https://ex.com/{n}": {"title": f"Zinc {n}", "text": f"{STORY} Story {n}."} for n in range(2)}
    (tmp_path / "fetched.json").write_text(json.dumps({"count": 2, "status": "done", **keyed}, indent=2))
    (tmp_path / "plain.json").write_text(json.dumps(keyed, indent=2))
    (tmp_path / "runs.jsonl").write_text(json.dumps({"count": 2, **keyed}) + "\n"
                                         + json.dumps({"count": 2, **keyed}) + "\n")
    arts, reports = _read(tmp_path / "fetched.json")
    assert reports == [] and [(a.title, a.id) for a in arts] == [("Zinc 0", "fetched:1"), ("Zinc 1", "fetched:2")]
    assert [a.id for a in _read(tmp_path / "plain.json")[0]] == ["plain:1", "plain:2"]
    arts, reports = _read(tmp_path / "runs.jsonl")
    assert reports == [] and [a.id for a in arts] == ["runs:1.1", "runs:1.2", "runs:2.1", "runs:2.2"]
    (tmp_path / "paywalled.jsonl").write_text(json.dumps({"title": "Zinc", "count": 3, "url": "https://ex.com/p"}))
    arts, reports = _read(tmp_path / "paywalled.jsonl")
    assert arts == [] and [r.reason for r in reports] == [
        "JSON record with no text: none of maintext, text, body, content, article, article_body, html, raw_html"]


def test_a_titled_response_s_list_of_articles_is_read(tmp_path):
    """A search's response saved with its title beside its list of articles ({"title": "Search
    results", "articles": [...]}) was "JSON record with no text" a line in a poller's .jsonl, in a
    stream of them pretty-printed, in a .json array of them and on one line, its articles unread:
    a record that gives a title is an article with no text, whose lists are its own (6e78446). Its
    list of articles that give a title and text is read, as an untitled response's is; a paywalled
    article's record (titled, with its address) keeps its comments as its own, said to have no text."""
    def response(run: int) -> dict:
        return {"title": "Search results: zinc", "totalResults": 2,
                "articles": [{"title": f"Zinc {run}.{k}", "text": f"{STORY} Run {run}, story {k}."} for k in (1, 2)]}

    titles = ["Zinc 1.1", "Zinc 1.2", "Zinc 2.1", "Zinc 2.2"]
    (tmp_path / "lines.jsonl").write_text("".join(json.dumps(response(n)) + "\n" for n in (1, 2)))
    (tmp_path / "pretty.jsonl").write_text("".join(json.dumps(response(n), indent=2) + "\n" for n in (1, 2)))
    (tmp_path / "oneline.jsonl").write_text("".join(json.dumps(response(n)) for n in (1, 2)))
    (tmp_path / "array.json").write_text(json.dumps([response(1), response(2)]))
    for name in ("lines", "pretty", "oneline", "array"):
        arts, reports = _read(tmp_path / f"{name}.{'json' if name == 'array' else 'jsonl'}")
        assert reports == [] and [(a.title, a.id) for a in arts] == [
            (t, f"{name}:{t[5:]}") for t in titles], name
    paywalled = {"title": "Zinc behind the wall", "url": "https://ex.com/paywalled",
                 "comments": [{"author": "reader", "text": "Zinc is up.", "title": "Re: zinc"}]}
    (tmp_path / "paywalled.jsonl").write_text(json.dumps(paywalled) + "\n" + json.dumps(response(1)) + "\n")
    arts, reports = _read(tmp_path / "paywalled.jsonl")
    assert [a.title for a in arts] == titles[:2]
    assert [(r.line, r.reason) for r in reports] == [
        (1, "JSON record with no text: none of maintext, text, body, content, article, article_body, html, raw_html")]


def test_responses_pretty_printed_after_a_compact_one_are_read(tmp_path):
    """A poller's .jsonl whose first run wrote its response on one line and whose later runs wrote
    theirs pretty-printed (`json.dump(resp, fh, indent=2)`) had the first read and every line of the
    others reported as a bad line ("bad JSON line: cut off ...", "Extra data at column 11"), their
    articles unread. A value that runs over lines after a record is read whole, its articles under
    the line it begins on (`FILE:4.2`, as a line's); the records before it keep their ids, and a
    record a line after it is read as before. A value that never closes is its lines' bad lines."""
    def response(run: int) -> dict:
        return {"status": "ok", "articles": [{"title": f"Zinc {run}.1", "text": f"{STORY} Run {run}.",
                                              "url": f"https://ex.com/{run}"},
                                             {"title": f"Zinc {run}.2", "text": f"{STORY} Run {run}, again."}]}

    pretty = json.dumps(response(2), indent=2)
    (tmp_path / "runs.jsonl").write_text(
        json.dumps(response(1)) + "\n" + pretty + "\n" + json.dumps({"title": "Zinc 3", "text": STORY}) + "\n"
        + json.dumps({"title": "Zinc 4", "text": f"{STORY} Four.", "source": {"name": "Wire"}}, indent=2) + "\n")
    arts, reports = _read(tmp_path / "runs.jsonl")
    after = 2 + pretty.count("\n") + 1
    assert reports == [] and [(a.title, a.id, a.line) for a in arts] == [
        ("Zinc 1.1", arts[0].id, 1), ("Zinc 1.2", "runs:1.2", 1), ("Zinc 2.1", arts[2].id, 2),
        ("Zinc 2.2", "runs:2.2", 2), ("Zinc 3", f"runs:{after}", after), ("Zinc 4", f"runs:{after + 1}", after + 1)]
    assert arts[0].id.startswith("url-") and arts[2].id.startswith("url-") and arts[5].source == "Wire"
    broken = pretty.rsplit("}", 1)[0]  # never closed: a record a line follows it
    (tmp_path / "broken.jsonl").write_text(json.dumps(response(1)) + "\n" + broken + "\n"
                                           + json.dumps({"title": "Zinc 3", "text": STORY}) + "\n")
    arts, reports = _read(tmp_path / "broken.jsonl")
    assert [a.title for a in arts] == ["Zinc 1.1", "Zinc 1.2", "Zinc 3"]
    assert len(reports) == broken.count("\n") and all(r.reason.startswith("bad JSON line") for r in reports)


def test_a_record_s_author_and_a_json_feed_s_title_are_kept(tmp_path, monkeypatch):
    """A JSON Feed's items were indexed with no author though each names its own ("authors": [{"name":
    ...}], 1.0's "author") or has the feed's, and no site's name though the feed gives its title; a
    NewsAPI or news-please record's "author"/"authors" was kept unindexed among its other keys, where
    a page's byline is its author. The record's author is the article's where the cleaner finds none,
    and the feed's title its site's name, as a page's metadata file's site_name is; ids and texts as before."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Daily",
            "authors": [{"name": "Mary Major"}],
            "items": [{"id": "2", "url": "https://example.org/2", "title": "Dockers clear backlog",
                       "content_text": f"Temaport dockers cleared a backlog. {STORY}",
                       "authors": [{"name": "Jane Doe"}, {"name": "John Roe"}]},
                      {"id": "1", "url": "https://example.org/1", "title": "Ships wait",
                       "content_html": f"<p>Ships waited at Temawait. {STORY}</p>"}]}
    src = tmp_path / "feeds"
    src.mkdir()
    (src / "feed.json").write_text(json.dumps(feed, indent=2))
    (src / "newsapi.jsonl").write_text(json.dumps({
        "source": {"id": None, "name": "Wire"}, "author": "Ann Lee", "title": "Zinc steady",
        "url": "https://wire.example/zinc", "content": f"Temazinc. {STORY}"}) + "\n" + json.dumps({
        "author": "https://www.facebook.com/wire", "title": "Zinc again", "url": "https://wire.example/z2",
        "content": f"Temaagain. {STORY}"}) + "\n")
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert r["failed"] == [] and r["added"] == 4, r
    archive = open_index(store.path)
    found = {}
    for word in ("Temaport", "Temawait", "Temazinc", "Temaagain"):
        (hit,) = run_search(archive, word).hits
        doc = get_document(archive, hit.id)
        found[word] = (hit.id, doc["author"], doc["site_name"], doc["source"])
    assert found == {"Temaport": ("feeds/feed.json#2", "Jane Doe, John Roe", "Harbour Daily", "example.org"),
                     "Temawait": ("feeds/feed.json#1", "Mary Major", "Harbour Daily", "example.org"),
                     "Temazinc": (found["Temazinc"][0], "Ann Lee", None, "Wire"),
                     "Temaagain": (found["Temaagain"][0], None, None, "wire.example")}
    assert found["Temazinc"][0].startswith("url-") and run_search(archive, "Daily").total == 0


def test_a_pretty_printed_error_response_in_a_jsonl_is_said_to_be_one(tmp_path):
    """An API's error response a poller saved pretty-printed as its .jsonl was "not JSON Lines: ...
    write each record on a line of its own (jq -c . FILE does)", which would not help: in a .json,
    or on a line, it is "an API's error response, not its articles ...: not read (fetch it again)".
    The file is not read, its articles kept, as a .json's are."""
    error = {"status": "error", "code": "rateLimited", "message": "Too many requests"}
    (tmp_path / "news.jsonl").write_text(json.dumps(error, indent=2) + "\n")
    arts, reports = _read(tmp_path / "news.jsonl")
    assert arts == [] and [(r.line, r.reason, r.unread) for r in reports] == [
        (None, "an API's error response, not its articles (rateLimited, \"Too many requests\"): not read "
               "(fetch it again)", "file")]


def test_a_response_written_with_indent_0_after_a_compact_one_is_parsed_a_bounded_number_of_times(tmp_path, monkeypatch):
    """`json.dump(resp, fh, indent=0)` writes every line of a response at the indentation of its first,
    an article's closing line among them: a parse of all the response's lines so far was tried at each
    (4,000 articles, 1.4 MB: 19 s of CPU). Each byte of the file is now parsed a bounded number of
    times, and every article is read under the line its response begins on."""
    arts = [{"title": f"Zinc {i}", "text": f"{STORY} Number {i}.", "tags": ["zinc", "metals"]} for i in range(1000)]
    text = (json.dumps({"status": "ok", "articles": arts[:1]}) + "\n"
            + json.dumps({"status": "ok", "articles": arts}, indent=0) + "\n")
    (tmp_path / "runs.jsonl").write_text(text)
    parsed = []
    raw_decode = json.JSONDecoder.raw_decode

    def counted(self, s, idx=0):
        parsed.append(len(s) - idx)
        return raw_decode(self, s, idx)

    monkeypatch.setattr(json.JSONDecoder, "raw_decode", counted)
    found, reports = _read(tmp_path / "runs.jsonl")
    assert reports == [] and [(a.title, a.id) for a in found[1:]] == [(f"Zinc {i}", f"runs:2.{i + 1}") for i in range(1000)]
    assert sum(parsed) <= 6 * len(text), (sum(parsed), len(text))


def test_a_record_s_author_is_read_as_a_page_s_meta_author_is(tmp_path):
    """A record's author was the article's as given, where a page's meta author is read: NewsAPI's
    "Reuters" (an agency: the credit), "Anonymous" and "Staff Writer" (no one), "BBC News" for BBC News'
    own article (the site), the New York Times' byline "By Jane Roe", Reuters-21578's "By Janie Gabbett,
    Reuters" (the cleaner's byline: Janie Gabbett, credit Reuters), an RSS author's e-mail address
    ("jane@example.com (Jane Roe)"). A writer's name stays the author, as before."""
    from search.pipeline import clean_article

    authors = {"Reuters": (None, "Reuters"), "Anonymous": (None, None), "Staff Writer": (None, None),
               "BBC News": (None, None), "jane@example.com (Jane Roe)": ("Jane Roe", None),
               "lee@example.com": (None, None), "Ann Lee": ("Ann Lee", None),
               "By Janie Gabbett, Reuters": ("Janie Gabbett", "Reuters")}
    records = [{"source": {"id": None, "name": "BBC News"}, "author": author, "title": f"Zinc {n}",
                "url": f"https://www.bbc.co.uk/news/{n}", "content": f"{STORY} Number {n}."}
               for n, author in enumerate(authors)]
    records.append({"byline": {"original": "By Jane Roe"}, "headline": {"main": "Zinc"}, "title": "Zinc NYT",
                    "web_url": "https://www.nytimes.com/zinc", "text": STORY})
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    found, reports = _read(tmp_path / "news.jsonl")
    assert reports == [] and len(found) == len(records)
    cleaned = [clean_article(a) for a in found]
    assert [(c["author"], c["credit"]) for c in cleaned] == [*authors.values(), ("Jane Roe", None)]


def test_a_large_dict_of_numbers_is_read_in_time_in_proportion_to_its_size(tmp_path):
    """A dict's entries beside articles by their address (09139d2) were told by looking through the
    whole dict once for each entry that is no object: a .json of 10,000 numbers by their word (a word
    list among the archive's files) took 6 s of CPU to be said to hold no article, 100,000 ten minutes.
    The work (Python calls, counted) grows as the dict does, and what is said is as before."""
    import sys

    def calls(n: int) -> tuple[int, list[str]]:
        path = tmp_path / f"words{n}.json"
        path.write_text(json.dumps({f"word{i}": i for i in range(n)}, indent=1))
        count = [0]

        def counted(frame, event, arg):
            count[0] += event in ("call", "c_call")

        sys.setprofile(counted)
        try:
            _, reports = _read(path)
        finally:
            sys.setprofile(None)
        return count[0], [r.reason.split(" (")[0] for r in reports]

    small, said = calls(500)
    large, said_large = calls(4000)
    assert said == said_large == ["one JSON document with no article in it"]
    assert large <= 12 * small, (small, large)  # 8 times the entries


def test_a_gzip_cut_short_inside_a_pretty_printed_response_is_said_where_it_is(tmp_path):
    """A poller's .jsonl.gz cut short (a copy interrupted) inside a response pretty-printed after a
    compact record was "truncated or corrupt gzip after line 2", the response's first line, and its
    lines read before the damage went unsaid: the value over lines (b1591a1) let the damage out as it
    read them. The damage is now said after the last line read, and each line of the unclosed response
    is a bad line, as on 6b7c1df; the record before it is read."""
    import gzip

    response = {"status": "ok", "articles": [{"title": f"Zinc {i}", "text": f"{STORY} Number {i}."} for i in range(40)]}
    whole = gzip.compress((json.dumps({"title": "Zinc", "text": STORY}) + "\n" + json.dumps(response, indent=2) + "\n").encode())
    (tmp_path / "runs.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    found, reports = _read(tmp_path / "runs.jsonl.gz")
    bad = [r for r in reports if r.reason.startswith("bad JSON line")]
    (damage,) = [r for r in reports if r not in bad]
    assert [a.title for a in found] == ["Zinc"] and len(bad) > 10
    assert [r.line for r in bad] == list(range(2, 2 + len(bad)))
    assert damage.reason.startswith(f"truncated or corrupt gzip after line {len(bad) + 1}:") and damage.line == len(bad) + 2


def test_a_record_s_author_is_read_under_its_key_in_any_case(tmp_path):
    """A record's fields are read under their keys in any case ("Title", "publishedAt"), but its author
    only as "author", "authors" or "byline": a record converted from a spreadsheet's columns ("Author",
    "By-Line") had none. A feed's item that names its own author in any case keeps it."""
    from search.pipeline import clean_article

    (tmp_path / "sheet.jsonl").write_text(
        json.dumps({"Title": "Zinc", "Author": "Ann Lee", "Text": STORY}) + "\n"
        + json.dumps({"Title": "Zinc again", "By-Line": "By Jane Roe", "Text": f"{STORY} Again."}) + "\n")
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Daily", "authors": [{"name": "Mary Major"}],
            "items": [{"id": "1", "title": "Ships", "content_text": STORY, "Authors": [{"name": "Ann Lee"}]}]}
    (tmp_path / "feed.json").write_text(json.dumps(feed))
    found = _read(tmp_path / "sheet.jsonl")[0] + _read(tmp_path / "feed.json")[0]
    assert [clean_article(a)["author"] for a in found] == ["Ann Lee", "Jane Roe", "Ann Lee"]


def test_a_utf16_file_damaged_inside_a_pretty_printed_response_keeps_the_rest(tmp_path):
    """A UTF-16 .jsonl (as Windows tools save "Unicode" text) damaged inside a response pretty-printed
    after a record, past its first megabyte, was one "bad JSON line: not valid UTF-16" at the response's
    first line, and its reading then ended unsaid: no "the rest is not read", so the articles indexed
    from its later lines (the record after the damage) would have been dropped as gone from the file.
    The damage is said after the last line read, the rest unread (kept), as on 6b7c1df."""
    response = {"status": "ok", "articles": [{"title": f"Zinc {i}", "text": f"{STORY} Number {i}."} for i in range(5000)]}
    pretty = json.dumps(response, indent=2)
    cut = len(pretty) * 3 // 4
    head = json.dumps({"title": "Zinc", "text": STORY}) + "\n" + pretty[:cut]
    tail = pretty[cut:] + "\n" + json.dumps({"title": "Zinc last", "text": STORY}) + "\n"
    # a high surrogate with no low one after it: no UTF-16, past the first megabyte
    (tmp_path / "runs.jsonl").write_bytes(b"\xff\xfe" + head.encode("utf-16-le") + b"\x00\xd8\x41\x00"
                                          + tail.encode("utf-16-le"))
    assert len(head.encode("utf-16-le")) > 1 << 20
    found, reports = _read(tmp_path / "runs.jsonl")
    assert [a.title for a in found] == ["Zinc"]
    *bad, damage = reports
    assert all(r.reason.startswith("bad JSON line") for r in bad) and len(bad) > 100
    assert damage.reason.startswith("not valid UTF-16") and damage.reason.endswith("the rest is not read")
    assert damage.unread == "rest" and damage.line == bad[-1].line + 1


def test_a_response_after_records_that_follow_a_long_line_cut_off_is_read(tmp_path):
    """After a long line cut off after "[" (its records a line after it), a response pretty-printed
    further on was read on 60ef751, the cut-off value being found broken at the second record; 296e653,
    parsing inside a value only where its text had doubled, took the records and the response into the
    broken value, and every line of the response was a bad line, its articles unread. Two values with
    no "," between are now a break found at once."""
    cut = json.dumps({"title": "Big", "text": STORY * 2000, "tags": ["zinc"]}).partition('"tags": [')
    response = {"status": "ok", "articles": [{"title": "Zinc 1", "text": STORY}, {"title": "Zinc 2", "text": STORY}]}
    (tmp_path / "runs.jsonl").write_text(
        json.dumps({"title": "Zinc 0", "text": STORY}) + "\n" + cut[0] + cut[1] + "\n"
        + "".join(json.dumps({"title": f"Record {n}", "text": STORY}) + "\n" for n in (1, 2))
        + json.dumps(response, indent=2) + "\n")
    found, reports = _read(tmp_path / "runs.jsonl")
    assert [a.title for a in found] == ["Zinc 0", "Record 1", "Record 2", "Zinc 1", "Zinc 2"]
    assert [(r.line, r.reason) for r in reports] == [(2, "bad JSON line: cut off: the line ends before its JSON value does")]


def test_a_titled_response_with_its_own_address_is_read(tmp_path):
    """A search's response saved with a title and its query's address beside its list of articles
    ({"title": "Search results: zinc", "link": "https://api.example/search?q=zinc", "articles":
    [...]}, or its "url") was taken for a page's record: "JSON record with no text" each line (in a
    stream pretty-printed, on one line, in a .json array), its articles unread (cac8eeb read only a titled record with no address as a response). A list of
    two or more articles that each give a title, text and an address of their own, not the
    record's, is a response's; a paywalled page's comments, titled and with text but no address
    of their own, or one story it links to, stay its own, and it is said to have no text. A record
    on a line before such a response keeps its id (`FILE:1.1`)."""
    def response(run: int, key: str) -> dict:
        return {"title": "Search results: zinc", key: f"https://api.example/search?q=zinc&run={run}",
                "articles": [{"title": f"Zinc {run}.{k}", "content": f"{STORY} Run {run}, story {k}.",
                              "url": f"https://ex.com/{run}/{k}"} for k in (1, 2)]}

    titles = ["Zinc 1.1", "Zinc 1.2", "Zinc 2.1", "Zinc 2.2"]
    for key in ("link", "url"):
        (tmp_path / f"{key}.jsonl").write_text("".join(json.dumps(response(n, key)) + "\n" for n in (1, 2)))
        (tmp_path / f"{key}-pretty.jsonl").write_text(
            "".join(json.dumps(response(n, key), indent=2) + "\n" for n in (1, 2)))
        (tmp_path / f"{key}-oneline.jsonl").write_text(json.dumps(response(1, key)) + json.dumps(response(2, key)))
        (tmp_path / f"{key}-array.json").write_text(json.dumps([response(1, key), response(2, key)]))
        for name in (f"{key}.jsonl", f"{key}-pretty.jsonl", f"{key}-oneline.jsonl", f"{key}-array.json"):
            arts, reports = _read(tmp_path / name)
            assert reports == [] and [(a.title, a.url) for a in arts] == [
                (t, f"https://ex.com/{t[5]}/{t[7]}") for t in titles], name
    no_text = "JSON record with no text: none of maintext, text, body, content, article, article_body, html, raw_html"
    comments = {"title": "Zinc behind the wall", "url": "https://ex.com/paywalled", "comments": [
        {"author": "reader", "title": f"Re: zinc {k}", "text": "Zinc is up."} for k in (1, 2)]}
    linked = {"title": "Zinc behind the wall", "url": "https://ex.com/paywalled", "related": [
        {"title": "Zinc steady", "text": STORY, "url": "https://ex.com/steady"},
        {"title": "Zinc again", "text": STORY, "url": "https://ex.com/paywalled"}]}
    (tmp_path / "paywalled.jsonl").write_text(
        json.dumps(comments) + "\n" + json.dumps(linked) + "\n" + json.dumps(response(1, "link")) + "\n")
    arts, reports = _read(tmp_path / "paywalled.jsonl")
    assert [a.title for a in arts] == titles[:2]
    assert [(r.line, r.reason) for r in reports] == [(1, no_text), (2, no_text)]
    (tmp_path / "beside.jsonl").write_text(json.dumps({"title": "Zinc", "text": STORY}) + json.dumps(response(1, "url")))
    arts, reports = _read(tmp_path / "beside.jsonl")
    assert [(a.title, a.id) for a in arts] == [("Zinc", "beside:1.1")] and len(reports) == 1

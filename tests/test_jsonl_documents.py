"""A .json file that is one JSON document of articles: an array of records, a saved API
response, a record over several lines. Real files in tmp_path, read by the readers and
indexed into a real index."""
from __future__ import annotations

import gzip
import io
import json
import struct
import tracemalloc
from pathlib import Path

from search import Store, indexer, open_index, run_search
from search.article import Article, IngestError
from search.ingest import read
from search.ingest.jsondoc import document_text
from search.ingest.jsonl import NO_ARTICLE_DOCUMENT, _byte_lines, _line_text
from search.lookup import record_ids

STORY = ("Zinc prices were steady in London trading as stocks in warehouses fell for the fifth week "
         "running, traders said on Friday.")
NO_TEXT = "JSON record with no text: none of maintext, text, body, content, article, article_body, html, raw_html"


def _read(path: Path) -> tuple[list[Article], list[tuple[int | None, str]]]:
    items = list(read([path]))
    return ([i for i in items if isinstance(i, Article)],
            [(i.line, i.reason) for i in items if isinstance(i, IngestError)])


def _where(arts: list[Article]) -> list[tuple[str, str, int | None]]:
    return [(a.id, a.url, a.line) for a in arts]


def _records() -> list:
    return [{"id": "a", "title": "Zinc steady", "text": STORY},
            {"title": "Zinc again", "url": "https://ex.com/zinc", "text": STORY},
            {"title": "Zinc at noon", "text": STORY},
            {"title": "Zinc, no text", "url": "https://ex.com/none"},
            "a stray string"]


def test_a_json_array_of_article_records_is_read_as_its_articles_as_jq_would_write_them(tmp_path):
    """A .json holding a JSON array of articles (`json.dump(list)`, many scrapers) was reported
    with `jq -c '.[]'` advice and not read. Its records are read, on one line or pretty-printed
    or a record a line, gzipped or in UTF-16: each with the id, address and line the record
    gets on the line `jq -c '.[]'` writes it on; a record with no text, or a value that is no
    record, is reported with its number as a JSON Lines line is."""
    records = _records()
    lines = tmp_path / "lines.jsonl"  # what `jq -c '.[]' array.json` writes
    lines.write_text("".join(json.dumps(r) + "\n" for r in records))
    want_arts, want_reports = _read(lines)
    assert len(want_arts) == 3 and want_reports == [(4, NO_TEXT), (5, "bad JSON line: not a JSON object")]
    for name, text in (("array.json", json.dumps(records)),
                       ("pretty.json", json.dumps(records, indent=2)),
                       ("lines.json", "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n")):
        (tmp_path / name).write_text(text)
    with gzip.open(tmp_path / "packed.json.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(records, indent=1))
    (tmp_path / "unicode.json").write_text(json.dumps(records, indent=2), encoding="utf-16")
    for name in ("array.json", "pretty.json", "lines.json", "packed.json.gz", "unicode.json"):
        arts, reports = _read(tmp_path / name)
        stem = name.split(".")[0]
        uri = (tmp_path / name).resolve().as_uri()
        assert _where(arts) == [(f"{stem}#a", f"{uri}#1", 1), (want_arts[1].id, "https://ex.com/zinc", 2),
                                (f"{stem}:3", f"{uri}#3", 3)], name
        assert [a.title for a in arts] == ["Zinc steady", "Zinc again", "Zinc at noon"]
        assert reports == [(4, NO_TEXT), (5, "bad JSON record: not a JSON object")], name
    assert want_arts[1].id == _read(tmp_path / "array.json")[0][1].id  # a URL's id is the URL's


def test_a_saved_api_response_is_read_as_its_articles(tmp_path):
    """A saved API response, NewsAPI's {"status": "ok", "articles": [...]} or the Guardian's
    {"response": {"results": [...]}}, on a line or pretty-printed, was reported with its
    `jq -c '.articles[]'` and not read. Its articles are read, each with its source and date,
    numbered by their place in the list."""
    articles = [{"source": {"id": None, "name": "Reuters"}, "title": "Zinc steady", "url": "https://ex.com/a",
                 "publishedAt": "2021-01-02T09:00:00Z", "content": STORY},
                {"source": {"id": None, "name": "BBC"}, "title": "Zinc again",
                 "publishedAt": "2021-01-03T09:00:00Z", "content": STORY}]
    (tmp_path / "newsapi.json").write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": articles}, indent=2))
    (tmp_path / "line.json").write_text(json.dumps({"status": "ok", "articles": articles}) + "\n")
    with gzip.open(tmp_path / "guardian.json.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"response": {"status": "ok", "results": articles, "tags": [{"id": 1}]}}, indent=4))
    for name in ("newsapi.json", "line.json", "guardian.json.gz"):
        arts, reports = _read(tmp_path / name)
        assert reports == [] and [(a.title, a.source, str(a.published)) for a in arts] == [
            ("Zinc steady", "Reuters", "2021-01-02"), ("Zinc again", "BBC", "2021-01-03")], name
        assert arts[1].id == f"{name.split('.')[0]}:2" and arts[1].url.endswith(f"/{name}#2")


def test_a_pretty_printed_response_with_an_article_a_line_is_read_as_the_document_it_is(tmp_path):
    """A response pretty-printed with each article on a line of its own (`{"articles": [`, a
    record a line, `]}`) had its last article's line read as a JSON Lines record, every other
    line a bad line. It is one document: all its articles are read, and nothing is reported."""
    articles = [{"title": f"Zinc {c}", "url": f"https://ex.com/{c}", "text": STORY} for c in "abc"]
    (tmp_path / "response.json").write_text('{"status": "ok", "articles": [\n'
                                            + ",\n".join(json.dumps(a) for a in articles) + "\n]}\n")
    arts, reports = _read(tmp_path / "response.json")
    assert reports == [] and [a.url for a in arts] == ["https://ex.com/a", "https://ex.com/b", "https://ex.com/c"]


def test_a_one_record_export_without_its_text_is_a_record_with_no_text(tmp_path):
    """`export -o one.json` without --text, of one article, wrote one record with its title and
    no text: it was "one JSON document with no article in it ... as a settings or manifest file
    is". It is a record with no text, reported as each such record of a longer export is; over
    several lines too. A settings file is still said to be one."""
    row = {"id": "wire/a.txt", "title": "Zinc steady", "published": "2021-01-02", "source": "wire", "url": ""}
    (tmp_path / "one.json").write_text(json.dumps(row) + "\n")
    (tmp_path / "pretty.json").write_text(json.dumps(row, indent=2))
    for name in ("one.json", "pretty.json"):
        assert _read(tmp_path / name) == ([], [(1, NO_TEXT)]), name
    (tmp_path / "settings.json").write_text(json.dumps({"name": "crawl", "depth": 2}, indent=2))
    assert _read(tmp_path / "settings.json")[1] == [(None, NO_ARTICLE_DOCUMENT)]


def test_a_document_too_large_to_read_whole_is_given_the_jq_that_streams_it_with_its_size(tmp_path, monkeypatch):
    """A document past the bound read whole (256 MB; 1 MB here) is not loaded: it keeps the
    `jq -c` advice, which says why it was not read."""
    from search.ingest import jsondoc

    monkeypatch.setattr(jsondoc, "DOCUMENT_MOST", 1 << 20)
    records = [{"title": f"Zinc {i}", "text": STORY * 20} for i in range(600)]
    (tmp_path / "big.json").write_text(json.dumps(records, indent=2))
    assert (tmp_path / "big.json").stat().st_size > 1 << 20
    arts, reports = _read(tmp_path / "big.json")
    assert arts == [] and reports == [(None, "not JSON Lines: no line is a JSON record (line 1: cut off: the line ends "
                                             "before its JSON value does); it begins as a JSON array, which is one "
                                             "document (it is over 1 MB, the most read whole as one JSON document): "
                                             "write each record on a line of its own (jq -c '.[]' FILE does)")]
    (tmp_path / "small.json").write_text(json.dumps(records[:10], indent=2))
    assert len(_read(tmp_path / "small.json")[0]) == 10


def test_an_array_file_is_indexed_and_an_unchanged_one_reused_by_reindex(tmp_path, monkeypatch):
    """An array's articles are indexed and found; a reindex with the file unchanged reuses them
    (none read again), and one with a record changed reads the file again."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "scraped"
    src.mkdir()
    records = [{"title": f"Harbour {w}", "text": f"Ships waited at the harbour of {w} on Monday, port officials "
                                                  f"said. Dockers cleared a backlog of {n} vessels at {w}."}
               for n, w in enumerate(["Temaone", "Temathree", "Temafive"], 3)]
    (src / "articles.json").write_text(json.dumps(records, indent=2))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (3, []), r
    assert [h.id for h in run_search(open_index(store.path), "Temathree").hits] == ["scraped/articles.json:2"]
    r = indexer.run(store, None)
    assert (r["unchanged"], r["added"], r["changed"], r["removed"]) == (3, 0, 0, 0), r
    records[1]["text"] += " The pilots struck."
    (src / "articles.json").write_text(json.dumps(records, indent=2))
    r = indexer.run(store, None)
    assert (r["unchanged"], r["changed"], r["removed"]) == (2, 1, 0), r
    assert run_search(open_index(store.path), "pilots").total == 1


def test_a_json_lines_file_whose_first_line_is_broken_is_not_loaded_whole_to_try_it_as_a_document(tmp_path):
    """A JSON Lines file whose first line is a record cut off inside a string (`{"title": "a",
    "te`), or a whole value that is no object (`[1, 2]`), opens no document: no JSON document
    runs on past such a line. It was read whole (up to 256 MB) to fail as one: 458 MB of memory
    for a 200 MB file. It is read a line at a time, its first record without loading the file."""
    import tracemalloc

    line = json.dumps({"title": "Zinc", "url": "https://ex.com/z", "text": STORY * 10}) + "\n"
    for name, first in (("cut.jsonl", '{"title": "Zinc", "te\n'), ("array.jsonl", "[1, 2]\n")):
        path = tmp_path / name
        path.write_text(first + line * 8000)
        assert path.stat().st_size > 8 << 20
        tracemalloc.start()
        try:
            items = read([path])
            bad, record = next(items), next(items)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        items.close()
        assert isinstance(bad, IngestError) and bad.line == 1 and bad.reason.startswith("bad JSON line: "), name
        assert isinstance(record, Article) and record.line == 2, name
        assert peak < 2 << 20, (name, peak)


def test_a_guardian_response_saved_as_the_api_gives_it_is_read_as_its_articles(tmp_path):
    """The Guardian's Open Platform gives a result's title, address and date as webTitle, webUrl
    and webPublicationDate, and its text only under "fields" (show-fields=bodyText, or body as
    HTML). A response saved so was "one JSON document with no article in it", as a settings file
    is, and its results written a line each by `jq -c '.response.results[]'` each a record with
    no text. Each result is read with its title, address, date and text."""
    from search.pipeline import clean_article

    results = [{"id": "business/2021/jan/08/zinc", "type": "article", "sectionName": "Business",
                "webPublicationDate": "2021-01-08T10:00:00Z", "webTitle": "Zinc steady",
                "webUrl": "https://www.theguardian.com/business/2021/jan/08/zinc",
                "apiUrl": "https://content.guardianapis.com/business/2021/jan/08/zinc",
                "fields": {"bodyText": STORY}},
               {"id": "business/2021/jan/09/zinc", "type": "article", "webPublicationDate": "2021-01-09T10:00:00Z",
                "webTitle": "Zinc again", "webUrl": "https://www.theguardian.com/business/2021/jan/09/zinc",
                "fields": {"body": f"<p>{STORY}</p>", "byline": "A Reporter"}}]
    (tmp_path / "guardian.json").write_text(json.dumps({"response": {"status": "ok", "total": 2,
                                                                     "results": results}}, indent=2))
    (tmp_path / "guardian.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
    for name in ("guardian.json", "guardian.jsonl"):
        arts, reports = _read(tmp_path / name)
        assert reports == [], name
        assert [(a.title, a.url, str(a.published), a.source, a.kind) for a in arts] == [
            ("Zinc steady", "https://www.theguardian.com/business/2021/jan/08/zinc", "2021-01-08", "theguardian.com", "text"),
            ("Zinc again", "https://www.theguardian.com/business/2021/jan/09/zinc", "2021-01-09", "theguardian.com", "html"),
        ], name
        assert [clean_article(a)["text"] for a in arts] == [STORY, STORY], name
        assert arts[1].meta["byline"] == "A Reporter" and "fields" not in arts[1].meta, name


def test_a_small_json_document_is_read_without_setting_aside_the_most_read_whole(tmp_path):
    """A .json document of a few kilobytes, plain or gzipped, was read with one read of up to 256
    MB (jsondoc.DOCUMENT_MOST), which sets that much memory aside whatever the file's size: a
    system that does not overcommit memory, or a `ulimit -v`, refuses it. It is read with about
    what it holds, its articles as before."""
    import tracemalloc

    data = json.dumps([{"title": f"Zinc {i}", "text": STORY} for i in range(3)], indent=2).encode()
    (tmp_path / "small.json").write_bytes(data)
    (tmp_path / "small.json.gz").write_bytes(gzip.compress(data))
    for name in ("small.json", "small.json.gz"):
        tracemalloc.start()
        try:
            arts, reports = _read(tmp_path / name)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert [a.title for a in arts] == ["Zinc 0", "Zinc 1", "Zinc 2"] and reports == [], name
        assert peak < 8 << 20, (name, peak)


def test_records_pretty_printed_one_after_another_as_jq_writes_them_without_c_are_read(tmp_path):
    """`jq '.[]' FILE` (or `jq . FILE.jsonl`) without -c writes each record pretty-printed over
    several lines, one after another: a stream of JSON documents, no JSON Lines and no one
    document. It was "not JSON Lines ... which is one document: write each record on a line of its
    own (jq -c . FILE does)", nothing of it read. Its records are read, record N as on line N of
    what `jq -c .` writes; a stream with a broken record in it is still reported so."""
    records = [{"title": f"Zinc {c}", "text": STORY, "extra": {"desk": "metals"}} for c in "abc"]
    (tmp_path / "pretty.json").write_text("\n".join(json.dumps(r, indent=2) for r in records) + "\n")
    (tmp_path / "joined.json").write_text("".join(json.dumps(r) for r in records))
    for name in ("pretty.json", "joined.json"):
        arts, reports = _read(tmp_path / name)
        assert reports == [], name
        stem = name.removesuffix(".json")
        assert [(a.id, a.title, a.line) for a in arts] == [
            (f"{stem}:{n}", f"Zinc {c}", n) for n, c in ((1, "a"), (2, "b"), (3, "c"))], name
    broken = "\n".join(json.dumps(r, indent=2) for r in records).replace('"Zinc b"', '"Zinc b')
    (tmp_path / "broken.json").write_text(broken)
    arts, reports = _read(tmp_path / "broken.json")
    assert arts == [] and len(reports) == 1 and reports[0][1].startswith("not JSON Lines: no line is a JSON record")


def test_a_json_object_of_articles_by_their_address_is_read_as_its_articles(tmp_path):
    """`json.dump` of a dict of articles by their address or id (`{"https://...": {record}, ...}`)
    was "one JSON document with no article in it ..., as a settings or manifest file is". Its
    values are read in their order, as `jq -c '.[]'` writes them, numbered from 1; a value with
    no text is reported as such a record is, and a settings file of objects is still said to be one."""
    by_address = {f"https://ex.com/{c}": {"title": f"Zinc {c}", "url": f"https://ex.com/{c}", "text": STORY}
                  for c in "ab"}
    by_address["https://ex.com/c"] = {"title": "Zinc c", "url": "https://ex.com/c"}
    (tmp_path / "by_address.json").write_text(json.dumps(by_address, indent=2))
    by_id = {"a1": {"title": "Zinc one", "text": STORY}, "a2": {"title": "Zinc two", "text": STORY}}
    (tmp_path / "by_id.json").write_text(json.dumps(by_id))
    arts, reports = _read(tmp_path / "by_address.json")
    assert [(a.url, a.title) for a in arts] == [("https://ex.com/a", "Zinc a"), ("https://ex.com/b", "Zinc b")]
    assert reports == [(3, NO_TEXT)]
    arts, reports = _read(tmp_path / "by_id.json")
    assert reports == [] and [(a.id, a.title, a.line) for a in arts] == [("by_id:1", "Zinc one", 1),
                                                                           ("by_id:2", "Zinc two", 2)]
    (tmp_path / "settings.json").write_text(json.dumps({"crawl": {"depth": 2}, "db": {"host": "x"}}, indent=2))
    assert _read(tmp_path / "settings.json") == ([], [(None, NO_ARTICLE_DOCUMENT)])


def test_a_pretty_printed_document_one_byte_over_the_most_read_whole_is_too_large(tmp_path, monkeypatch):
    """The bound on a document read whole counts every byte of the file: a pretty-printed array
    of DOCUMENT_MOST bytes is read, one a byte longer is too large (its indentation counted too)."""
    from search.ingest import jsondoc

    monkeypatch.setattr(jsondoc, "DOCUMENT_MOST", 2000)
    text = json.dumps([{"title": f"Zinc {i}", "text": STORY} for i in range(9)], indent=8)[:-1].rstrip()
    assert len(text) < 1990 and "\n        {" in text
    for size, read_whole in ((2000, True), (2001, False)):
        (tmp_path / "edge.json").write_text(text + " " * (size - 1 - len(text)) + "]")
        assert (tmp_path / "edge.json").stat().st_size == size
        arts, reports = _read(tmp_path / "edge.json")
        assert (len(arts), reports == []) == ((9, True) if read_whole else (0, False)), size
        assert read_whole or "the most read whole as one JSON document" in reports[0][1], size


def test_an_export_made_without_text_is_said_to_be_one_once_per_file(tmp_path, seeds_index):
    """Indexing an `export` made without --text said "JSON record with no text: none of maintext,
    text, …" on each of its rows, and never that the file was an export of the fields alone, nor
    how to make one with the text. Now its first row says so, the rows after refer to it; the
    same export with --text is indexed."""
    from click.testing import CliRunner

    from search.cli import cli

    bare, full = tmp_path / "mali.jsonl", tmp_path / "mali-text.jsonl"
    for out, more in ((bare, []), (full, ["--text"])):
        r = CliRunner().invoke(cli, ["export", "mali", *more, "-o", str(out), "--index", str(seeds_index)])
        assert r.exit_code == 0, r.output
    rows = bare.read_text(encoding="utf-8").splitlines()
    assert len(rows) >= 2
    r = CliRunner().invoke(cli, ["index", str(bare), "--index", str(tmp_path / "ix"), "--json"])
    reasons = [f["reason"] for f in json.loads(r.stdout)["failed"]]
    assert len(reasons) == len(rows), reasons
    assert reasons[0].startswith(NO_TEXT) and "made without --text" in reasons[0], reasons[0]
    assert sum("`newsarchive export QUERY --text -o FILE`" in why for why in reasons) == 1, reasons
    assert all(why.endswith("as line 1 says") for why in reasons[1:]), reasons
    # a record of other fields, with no text either, is said as before
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "a", "url": "https://example.com/a", "title": "A"}) + "\n", encoding="utf-8")
    assert _read(other)[1] == [(1, NO_TEXT)]
    r = CliRunner().invoke(cli, ["index", str(full), "--index", str(tmp_path / "ix2"), "--json"])
    assert json.loads(r.stdout)["indexed"] == len(rows), r.output


def test_a_json_document_emptied_to_no_article_removes_its_articles_as_an_emptied_json_lines_file_does(
        tmp_path, monkeypatch):
    """Review: a .json emptied to `[]` (or `{}`, or a saved response with `"articles": []`) was "one
    JSON document with no article in it ... not read", and the night's reindex kept every article it
    held, where a JSON Lines file emptied lost its. Read through, it holds none: its articles go, and
    it is reported as an empty file. A document that cannot be read (cut off, an API's error
    response) keeps its articles."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()

    def records(word: str, n: int) -> list[dict]:
        return [{"title": f"{word} {i}", "text": f"{STORY} The {word} desk filed story {i}."} for i in range(n)]

    files = {"arr.json": records("Temaarr", 3), "obj.json": dict(enumerate(records("Temaobj", 2))),
             "resp.json.gz": {"status": "ok", "totalResults": 2, "articles": records("Temaresp", 2)},
             "cut.json": records("Temacut", 2), "error.json": {"status": "ok", "articles": records("Temaerr", 1)},
             "kept.json": records("Temakept", 1)}
    for name, doc in files.items():
        data = json.dumps({str(k): v for k, v in doc.items()} if name == "obj.json" else doc, indent=2).encode()
        (src / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (11, []), r

    def found() -> set[str]:
        archive = open_index(store.path)
        return {w for w in ("arr", "obj", "resp", "cut", "err", "kept") if run_search(archive, f"Tema{w}").total}

    (src / "arr.json").write_text("[]\n")
    (src / "obj.json").write_text("{ }")
    (src / "resp.json.gz").write_bytes(gzip.compress(b'{"status": "ok", "totalResults": 0, "articles": []}'))
    (src / "cut.json").write_text(json.dumps(records("Temacut", 2), indent=2)[:60])  # cut off: not read
    (src / "error.json").write_text(json.dumps({"status": "error", "code": "rateLimited",
                                                "message": "You have made too many requests."}))
    r = indexer.run(store, None)
    reasons = {Path(f["path"]).name: f["reason"] for f in r["failed"]}
    assert (r["removed"], r["unchanged"]) == (7, 1), r
    assert found() == {"cut", "err", "kept"}
    assert reasons["arr.json"] == "empty file: an empty JSON array"
    assert reasons["obj.json"] == "empty file: an empty JSON object"
    assert reasons["resp.json.gz"] == 'empty file: a saved API response with no article under "articles"'
    assert reasons["cut.json"].endswith("(kept as last indexed: 2 articles)"), reasons
    assert reasons["error.json"].endswith("(kept as last indexed: 1 article)"), reasons


def test_an_api_error_response_is_said_to_be_one_with_its_message(tmp_path):
    """Review: a NewsAPI error response saved in place of its articles ({"status": "error", "code":
    ..., "message": ...}: a key refused, too many requests) was "one JSON document with no article in
    it ..., as a settings or manifest file is", which hid why no article came. It is said to be an
    API's error response, with its code and message quoted; the Guardian's too. A settings file
    with a "status" of its own is still a settings file."""
    newsapi = {"status": "error", "code": "rateLimited",
               "message": "You have made too many requests recently. Developer accounts are limited to 100 requests."}
    (tmp_path / "newsapi.json").write_text(json.dumps(newsapi, indent=2))
    (tmp_path / "guardian.json").write_text(json.dumps({"response": {"status": "error",
                                                                      "message": "The api key provided is invalid"}}))
    (tmp_path / "settings.json").write_text(json.dumps({"status": "ok", "name": "crawl"}, indent=2))
    assert _read(tmp_path / "newsapi.json") == ([], [(None, (
        "an API's error response, not its articles (rateLimited, \"You have made too many requests recently. "
        "Developer accounts are limited to 100 requests.\"): not read (fetch it again)"))])
    assert _read(tmp_path / "guardian.json") == ([], [(None, (
        "an API's error response, not its articles (\"The api key provided is invalid\"): not read "
        "(fetch it again)"))])
    assert _read(tmp_path / "settings.json") == ([], [(None, NO_ARTICLE_DOCUMENT)])


def test_a_response_with_its_list_deeper_is_read_and_one_emptied_under_a_common_name_removes_its_articles(
        tmp_path, monkeypatch):
    """Review: a saved response whose list of articles sits three objects down
    ({"response": {"body": {"results": [...]}}}, a GraphQL API's "data"."search"."items") was "one JSON
    document with no article in it", where two down was read; and a .json whose list of articles was
    emptied under another name than NewsAPI's or the Guardian's ({"items": []}, {"data": {"items": []}})
    was the same report, and kept the articles it held. The deeper list is read; a list so emptied,
    the document's only list, is an empty file and its articles go. A document with a list that is
    not empty beside it (a settings file) is still one with no article, and keeps them."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()

    def records(word: str, n: int) -> list[dict]:
        return [{"title": f"{word} {i}", "url": f"https://ex.com/{word}/{i}", "text": f"{STORY} The {word} desk "
                 f"filed story {i}."} for i in range(n)]

    deep = {"response": {"status": "ok", "body": {"results": records("Temadeep", 2)}}}
    graph = {"data": {"search": {"items": records("Temagraph", 2)}}}
    for name, doc in (("deep.json", deep), ("graph.json", graph), ("items.json", {"items": records("Temaitems", 2)}),
                      ("kept.json", {"data": {"items": records("Temakept", 1)}})):
        (src / name).write_text(json.dumps(doc, indent=2))
    arts, reports = _read(src / "deep.json")
    assert ([a.title for a in arts], reports) == (["Temadeep 0", "Temadeep 1"], [])
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (7, []), r

    (src / "items.json").write_text(json.dumps({"items": []}))
    (src / "graph.json").write_text(json.dumps({"data": {"search": {"total": 0, "items": []}}}, indent=2))
    (src / "kept.json").write_text(json.dumps({"plugins": ["x"], "data": {"items": []}}))  # no list of articles
    r = indexer.run(store, None)
    reasons = {Path(f["path"]).name: f["reason"] for f in r["failed"]}
    assert reasons["items.json"] == 'empty file: its only list ("items") is empty'
    assert reasons["graph.json"] == 'empty file: its only list ("data.search.items") is empty'
    assert reasons["kept.json"].startswith(NO_ARTICLE_DOCUMENT) and reasons["kept.json"].endswith(
        "(kept as last indexed: 1 article)"), reasons
    assert (r["removed"], r["unchanged"]) == (4, 2), r
    archive = open_index(store.path)
    assert [w for w in ("deep", "graph", "items", "kept") if run_search(archive, f"Tema{w}").total] == ["deep", "kept"]


def test_empty_lists_one_after_another_are_an_emptied_file(tmp_path, monkeypatch):
    """Review: a file of two empty arrays (`[] []`, as `jq '.articles'` writes two emptied responses,
    or `[]` a line, as a script appending `json.dumps(articles)` a run writes) was "one JSON document
    with no article in it" or "not JSON Lines: no line is a JSON record", and kept the articles it held,
    where `[]` alone removed them (d6864b4). Each is an emptied file: its articles go. A `[]` line
    among records is no bad line, and a file with a bad line beside its `[]` lines is not emptied."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    names = ("one.json", "lines.jsonl", "pretty.json", "bad.jsonl")
    for name in names:
        word = "Tema" + name.split(".")[0]
        (src / name).write_text("".join(json.dumps({"title": f"{word} {i}", "text": f"{STORY} The {word} desk "
                                                    f"filed story {i}."}) + "\n" for i in range(2)))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (8, []), r
    (src / "mixed.jsonl").write_text(f'[]\n{json.dumps({"title": "Temamixed", "text": STORY})}\n[]\n')
    assert [(a.title, a.line) for a in _read(src / "mixed.jsonl")[0]] == [("Temamixed", 2)]
    assert _read(src / "mixed.jsonl")[1] == []
    (src / "mixed.jsonl").unlink()

    (src / "one.json").write_text("[] []")
    (src / "lines.jsonl").write_text("[]\n\n[]\n")
    (src / "pretty.json").write_text("[\n]\n[\n]\n")
    (src / "bad.jsonl").write_text('[]\n{"title": "cut off\n')
    r = indexer.run(store, None)
    reasons = {Path(f["path"]).name: f["reason"] for f in r["failed"]}
    assert reasons["one.json"] == "empty file: 2 JSON values one after another, each an empty list of articles"
    assert reasons["lines.jsonl"] == "empty file: 2 lines, each an empty list of articles"
    assert reasons["pretty.json"] == "empty file: 2 JSON values one after another, each an empty list of articles"
    assert reasons["bad.jsonl"].startswith("bad JSON line: cut off"), reasons
    archive = open_index(store.path)
    assert [w for w in ("one", "lines", "pretty", "bad") if run_search(archive, f"Tema{w}").total] == ["bad"]
    assert r["removed"] == 7, r


def test_a_json_lines_file_of_api_responses_is_read_line_by_line_with_ids_that_stay(tmp_path, monkeypatch):
    """Review: a .jsonl a NewsAPI poller appends a response a line to ({"status": "ok", "articles":
    [...]}) was read, while it was one line, as one document, and from its second line on as JSON
    Lines whose every line was "JSON record with no text of its own: it holds a list of 2 articles
    under "articles" ... (jq -c '.articles[]' FILE does)": nothing of it read. Each line's articles
    are read, article k of line n with the id `<file>:n.k` and the address `#n.k` where it has
    neither id nor URL, on the first line as after a second is appended (no id changes, the run
    finds them unchanged); a line that is an API's error response is said to be one and keeps what
    its line held; an emptied response's line holds no article and is no bad line."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    news = src / "news.jsonl"

    def response(word: str) -> str:
        return json.dumps({"status": "ok", "totalResults": 2, "articles": [
            {"source": {"id": None, "name": "Wire"}, "title": f"{word} one", "url": f"https://ex.com/{word}",
             "content": f"{STORY} The {word} desk filed it."},
            {"title": f"{word} two", "content": f"{STORY} The {word} desk filed another."}]}) + "\n"

    news.write_text(response("Temafirst"))
    uri = news.resolve().as_uri()
    arts, reports = _read(news)
    assert reports == [] and [(a.id, a.url, a.line) for a in arts] == [
        (arts[0].id, "https://ex.com/Temafirst", 1), ("news:1.2", f"{uri}#1.2", 1)]
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (2, []), r

    error = {"status": "error", "code": "rateLimited", "message": "You have made too many requests."}
    with news.open("a") as fh:
        fh.write(response("Temasecond") + json.dumps(error) + "\n"
                 + json.dumps({"status": "ok", "totalResults": 0, "articles": []}) + "\n")
    arts, reports = _read(news)
    assert [(a.id, a.line) for a in arts][1:] == [("news:1.2", 1), (arts[2].id, 2), ("news:2.2", 2)]
    assert reports == [(3, "an API's error response, not its articles (rateLimited, \"You have made too many "
                           "requests.\"): not read (fetch it again)")]
    r = indexer.run(store, None)
    assert (r["added"], r["unchanged"], r["removed"], len(r["failed"])) == (2, 2, 0, 1), r
    archive = open_index(store.path)
    assert run_search(archive, "Temasecond").total == 2 and run_search(archive, "Temafirst").total == 2
    # the file's id lists them, line by line and in each line's order
    ids = record_ids(archive, "feed/news.jsonl")
    assert [i for i in ids if i.startswith("feed/news.jsonl:")] == ["feed/news.jsonl:1.2", "feed/news.jsonl:2.2"], ids


class _Counted(io.BufferedReader):
    """A file opened for reading that counts the bytes read from it."""
    read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        _Counted.read_bytes += len(data)
        return data


def _counted_open(path, mode="rb"):
    return _Counted(io.FileIO(path, mode.replace("b", "")))


def test_a_utf16_json_lines_file_is_not_read_whole_as_a_document_first(tmp_path):
    """Review: a UTF-16 JSON Lines file (Windows' "Unicode") was read and decoded whole as one JSON
    document before its lines were read, whatever its first line: one whose first line is cut off
    was so read twice, to fail as a document first (a 90 MB one: 1.2 s of CPU, 0.35 s before its
    first record). Its first line is looked at as a UTF-8 file's is: a whole record, or one cut
    off, opens no document, and the rest of the file is left to the reading a line at a time; a
    pretty-printed document in UTF-16 is read whole as before. Its records are read either way."""
    records = [{"title": f"Zinc {i}", "url": f"https://ex.com/{i}", "text": f"{STORY} " * 40} for i in range(600)]
    lines = [json.dumps(r) for r in records]
    for name, text in (("cut.jsonl", lines[0][:40] + "\n" + "\n".join(lines[1:]) + "\n"),
                       ("whole.jsonl", "\n".join(lines) + "\n")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-16")
        assert path.stat().st_size > 4 << 20
        _Counted.read_bytes = 0
        assert document_text(path, _counted_open, _line_text) is None, name
        assert _Counted.read_bytes <= 2 + (1 << 20), (name, _Counted.read_bytes)  # its mark and a megabyte
        arts, reports = _read(path)
        assert len(arts) == len(text.splitlines()) - (name == "cut.jsonl"), name
        assert reports == ([(1, "bad JSON line: cut off: the line ends before its JSON value does")]
                           if name == "cut.jsonl" else []), reports
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(records[:3], indent=2), encoding="utf-16")
    assert json.loads(document_text(pretty, _counted_open, _line_text)) == records[:3]


def test_a_utf16_json_lines_file_cut_off_at_an_odd_byte_keeps_the_lines_before_the_cut(tmp_path, monkeypatch):
    """Review: a UTF-16 JSON Lines file cut off at an odd byte (a copy or a download stopped
    midway) was read and decoded whole, failed as UTF-16, and was read as bytes: "binary file,
    not JSON Lines", none of its records read. It is decoded a megabyte at a time: the lines
    before the cut are read, and the rest is said to be unread, as a cut gzip's is, and keeps the
    articles it held. A file no UTF-16 before its first line ends is read as bytes as before."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    path = src / "unicode.jsonl"
    lines = [json.dumps({"title": f"Temacut {i}", "text": f"{STORY} The desk filed story {i}."}) for i in range(4)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-16")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 4
    path.write_bytes(path.read_bytes()[:-3])  # the last line's closing brace, half of it, and its newline
    arts, reports = _read(path)
    assert [a.title for a in arts] == ["Temacut 0", "Temacut 1", "Temacut 2"]
    assert reports == [(4, "not valid UTF-16 (truncated data) after line 3: the rest is not read")]
    r = indexer.run(store, None)
    assert (r["unchanged"], r["removed"]) == (3, 0), r
    assert run_search(open_index(store.path), "Temacut").total == 4
    (src / "bytes.jsonl").write_bytes(b"\xff\xfe" + b"\x00\xd8" + b'{"title": "x"}\n')  # a lone surrogate first
    assert _read(src / "bytes.jsonl") == ([], [(None, "binary file, not JSON Lines")])


def test_elasticsearch_documents_and_graphql_edges_are_read_as_their_articles(tmp_path):
    """Review: an Elasticsearch index dumped a document a line (elasticdump: {"_index": ..., "_id":
    ..., "_source": {...}}) was a "JSON record with no text" a line, and a saved search response of
    them ("hits"."hits") or a GraphQL API's connection ("edges", each {"node": {...}, "cursor": ...})
    "one JSON document with no article in it". Each is read as the object it wraps: its `_id` the
    article's id where the source has none, as a record's `id` is."""
    def article(i: int, url: bool = True) -> dict:
        return {"title": f"Zinc {i}", "body": STORY, **({"url": f"https://ex.com/{i}"} if url else {})}

    (tmp_path / "dump.jsonl").write_text("".join(json.dumps({"_index": "news", "_type": "_doc", "_id": f"doc{i}",
                                                             "_score": 1, "_source": article(i, url=False)}) + "\n"
                                                 for i in range(2)))
    (tmp_path / "hits.json").write_text(json.dumps({"took": 3, "hits": {"total": {"value": 2}, "hits": [
        {"_index": "news", "_id": f"doc{i}", "_source": {**article(i), "id": f"own{i}"} if i else article(i)}
        for i in range(2)]}}, indent=2))
    (tmp_path / "graph.json").write_text(json.dumps({"data": {"search": {"edges": [
        {"cursor": f"c{i}", "node": article(i)} for i in range(2)]}}}))
    arts, reports = _read(tmp_path / "dump.jsonl")
    assert reports == [] and [(a.id, a.title, a.line) for a in arts] == [("dump#doc0", "Zinc 0", 1),
                                                                         ("dump#doc1", "Zinc 1", 2)]
    arts, reports = _read(tmp_path / "hits.json")
    assert reports == [] and [(a.id, a.url) for a in arts] == [("hits#doc0", "https://ex.com/0"),
                                                               ("hits#own1", "https://ex.com/1")]
    arts, reports = _read(tmp_path / "graph.json")
    assert reports == [] and [(a.title, a.url) for a in arts] == [("Zinc 0", "https://ex.com/0"),
                                                                  ("Zinc 1", "https://ex.com/1")]


def test_a_source_object_without_an_id_or_beside_a_records_own_text_is_read(tmp_path):
    """Review: a record whose "_source" is an object was read as an Elasticsearch document's
    source whatever else it held: one with no "_id" (a dump of `_source` and `_score` only, a
    search response's hits asked without ids) stopped the reading with a traceback (KeyError
    'id'), and an article of its own that keeps a feed reader's object under "_source" lost its
    text ("JSON record with no text"). The first is read as its source, the second as itself."""
    path = tmp_path / "hits.jsonl"
    path.write_text(json.dumps({"_score": 1.2, "_source": {"title": "Zinc hit", "body": STORY}}) + "\n"
                    + json.dumps({"title": "Zinc own", "text": STORY, "_source": {"name": "feedly"}}) + "\n"
                    + json.dumps({"_index": "news", "_id": "abc", "_source": {"title": "Zinc doc", "body": STORY}}) + "\n")
    arts, reports = _read(path)
    assert reports == []
    assert [(a.id, a.title, a.line) for a in arts] == [("hits:1", "Zinc hit", 1), ("hits:2", "Zinc own", 2),
                                                       ("hits#abc", "Zinc doc", 3)]
    assert STORY in arts[1].raw


def test_arrays_of_articles_one_after_another_are_read_as_their_articles(tmp_path):
    """Review: arrays of articles one after another, pretty-printed (`jq '.articles' a.json b.json`,
    a script appending `json.dump(articles, fh, indent=2)` each run), were "one JSON document with no
    article in it ..., as a settings or manifest file is" in a .json and "not JSON Lines" in a
    .jsonl, none read, where the same arrays a line each, or `[] []`, were read. Article k of array
    n is read as article k of line n of what `jq -c` writes (`FILE:n.k`), an empty array holds none."""
    arrays = [[{"title": "Zinc one", "text": STORY}, {"title": "Zinc two", "url": "https://ex.com/2", "text": STORY}],
              [], [{"title": "Zinc three", "text": STORY}]]
    lines = tmp_path / "lines.jsonl"
    lines.write_text("".join(json.dumps(a) + "\n" for a in arrays))
    want, reports = _read(lines)
    assert reports == [] and [(a.id, a.line) for a in want] == [("lines:1.1", 1), (want[1].id, 1), ("lines:3.1", 3)]
    for name in ("pretty.json", "pretty.jsonl"):
        (tmp_path / name).write_text("".join(json.dumps(a, indent=2) + "\n" for a in arrays))
        arts, reports = _read(tmp_path / name)
        assert reports == [], (name, reports)
        assert [(a.id.replace("pretty", "lines"), a.title, a.line, a.item) for a in arts] == \
            [(a.id, a.title, a.line, a.item) for a in want], name


def test_a_lines_id_names_the_articles_its_line_holds(tmp_path, monkeypatch):
    """Review: the articles of a line that holds a list of them (an API's response a line) are
    `FILE:n.k`; the line's own id `FILE:n` (typed from a report's line number, or saved when a
    one-line .jsonl's articles were `FILE:1`, `FILE:2`) was "no document with id" in `show` and
    on /doc/, with no word of them. It lists the line's articles, as the file's id lists the file's."""
    from search.lookup import document_ids
    from web import create_app

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    (src / "news.jsonl").write_text("".join(
        json.dumps({"status": "ok", "articles": [{"title": f"Zinc {n} one", "content": f"{STORY} Line {n}."},
                                                 {"title": f"Zinc {n} two", "content": f"{STORY} Again {n}."}]}) + "\n"
        for n in range(1, 12)))
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 22
    archive = open_index(store.path)
    assert document_ids(archive, "feed/news.jsonl:1").ids == ["feed/news.jsonl:1.1", "feed/news.jsonl:1.2"]
    assert document_ids(archive, "feed/news.jsonl:11").ids == ["feed/news.jsonl:11.1", "feed/news.jsonl:11.2"]
    assert document_ids(archive, "feed/news.jsonl:12").ids == []
    page = create_app({"INDEX": str(store.path)}).test_client().get("/doc/feed/news.jsonl:1")
    assert page.status_code == 404
    said = page.get_data(as_text=True).replace("&#39;", "'")
    assert "it is the line of 2 articles 'feed/news.jsonl:1.1' to 'feed/news.jsonl:1.2'" in said, said


def test_a_dict_of_articles_a_line_keeps_its_articles_when_a_second_line_is_appended(tmp_path, monkeypatch):
    """Review: a .jsonl of one line that is a dict of articles by their keys (`json.dumps({url:
    article, ...})` a run) was read whole, its articles `FILE:1.1`, `FILE:1.2`; once a second such
    line was appended, every line was "JSON record with no text", none of the new articles read.
    Each line is read as its articles, as the first line was: appending changes no id."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    news = src / "keyed.jsonl"

    def run_of(word: str) -> str:
        return json.dumps({f"a-{word}": {"title": f"{word} one", "text": f"{STORY} The {word} desk."},
                           f"b-{word}": {"title": f"{word} two", "text": f"{STORY} The {word} desk again."}}) + "\n"

    news.write_text(run_of("Temakeyone"))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (2, []), r
    with news.open("a") as fh:
        fh.write(run_of("Temakeytwo"))
    arts, reports = _read(news)
    assert reports == [] and [(a.id, a.line) for a in arts] == [
        ("keyed:1.1", 1), ("keyed:1.2", 1), ("keyed:2.1", 2), ("keyed:2.2", 2)]
    r = indexer.run(store, None)
    assert (r["added"], r["unchanged"], r["removed"], r["failed"]) == (2, 2, 0, []), r
    assert run_search(open_index(store.path), "Temakeytwo").total == 2


def test_a_poller_file_of_one_emptied_response_is_said_in_words(tmp_path):
    """Review: a .jsonl whose one line is an emptied response ({"status": "ok", "articles": []},
    a poller's first run that found nothing) was "empty file: 1 lines, each an empty list of
    articles". It is said as one line."""
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"status": "ok", "totalResults": 0, "articles": []}) + "\n")
    assert _read(path) == ([], [(None, "empty file: its line an empty list of articles")])


def test_a_graphql_connection_emptied_removes_its_articles(tmp_path, monkeypatch):
    """Review: a saved GraphQL response is read as the articles of its connection's edges (or
    nodes); emptied ({"data": {"search": {"edges": [], "pageInfo": {...}}}}, a search that no longer
    finds them) it was "one JSON document with no article in it ..., as a settings or manifest
    file is", and the reindex kept every article it had held, where an emptied "items" or "hits"
    removed them. It is an emptied file: its articles go."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    for name, key, wrap in (("edges.json", "edges", lambda a: {"node": a, "cursor": "c1"}), ("nodes.json", "nodes", dict)):
        arts = [wrap({"title": f"Zinc {name} {i}", "url": f"https://ex.com/{name}/{i}", "body": STORY}) for i in range(2)]
        (src / name).write_text(json.dumps({"data": {"search": {key: arts, "pageInfo": {"hasNextPage": False}}}}))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (4, []), r
    for name, key in (("edges.json", "edges"), ("nodes.json", "nodes")):
        (src / name).write_text(json.dumps({"data": {"search": {key: [], "pageInfo": {"hasNextPage": False}}}}))
        assert _read(src / name) == ([], [(None, f'empty file: its only list ("data.search.{key}") is empty')])
    r = indexer.run(store, None)
    assert r["removed"] == 4, r
    assert run_search(open_index(store.path), "Zinc").total == 0


def test_one_pretty_printed_response_in_a_json_lines_file_keeps_its_ids_when_a_second_is_appended(tmp_path,
                                                                                                   monkeypatch):
    """Review: a .jsonl holding one pretty-printed response (a poller appending `json.dump(resp,
    fh, indent=2)`) or array of articles numbered them `FILE:1`, `FILE:2`, and `FILE:1.1`,
    `FILE:1.2` once a second was appended: the run read them as 2 new and 2 removed, and a saved
    link to `FILE:2` opened nothing. It is line 1 of what `jq -c .` writes, as the same response on
    one line is: its articles `FILE:1.k` from the first run on."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()

    def articles(word: str) -> list[dict]:
        return [{"title": f"{word} {i}", "content": f"{STORY} The {word} desk filed story {i}."} for i in (1, 2)]

    shapes = {"resp.jsonl": lambda w: {"status": "ok", "articles": articles(w)}, "arr.jsonl": articles}
    for name, shape in shapes.items():
        (src / name).write_text(json.dumps(shape(f"Tema{name[:3]}first"), indent=2) + "\n")
        arts, reports = _read(src / name)
        assert reports == [] and [a.id for a in arts] == [f"{name[:-6]}:1.1", f"{name[:-6]}:1.2"], (name, reports)
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 4
    for name, shape in shapes.items():
        with (src / name).open("a") as fh:
            fh.write(json.dumps(shape(f"Tema{name[:3]}second"), indent=2) + "\n")
    r = indexer.run(store, None)
    assert (r["added"], r["unchanged"], r["removed"], r["failed"]) == (4, 4, 0, []), r
    archive = open_index(store.path)
    assert record_ids(archive, "feed/resp.jsonl") == [f"feed/resp.jsonl:{n}.{k}" for n in (1, 2) for k in (1, 2)]
    assert run_search(archive, "Temaarrfirst").total == 2 and run_search(archive, "Temaarrsecond").total == 2


def test_dicts_of_articles_one_after_another_are_read_as_their_articles(tmp_path, monkeypatch):
    """Review: a .jsonl holding a dict of articles by their keys, pretty-printed (`json.dump({url:
    article, ...}, fh, indent=2)` a run), was read; once a second was appended the file was "not
    JSON Lines: no line is a JSON record ..." (a .json "one JSON document with no article in it"),
    none of the new articles read, where dicts a line each, or responses and arrays one after
    another, were. Dict n's article k is `FILE:n.k`, as on line n of what `jq -c .` writes."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()

    def keyed(word: str) -> dict:
        return {f"k{i}": {"title": f"{word} {i}", "text": f"{STORY} The {word} desk filed story {i}."} for i in (1, 2)}

    for name in ("dict.jsonl", "dict.json"):
        (src / name).write_text(json.dumps(keyed(f"Tema{name[5:]}first"), indent=2) + "\n")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 4
    for name in ("dict.jsonl", "dict.json"):
        with (src / name).open("a") as fh:
            fh.write(json.dumps(keyed(f"Tema{name[5:]}second"), indent=2) + "\n")
        arts, reports = _read(src / name)
        assert reports == [] and [(a.id, a.line) for a in arts] == [
            ("dict:1.1", 1), ("dict:1.2", 1), ("dict:2.1", 2), ("dict:2.2", 2)], (name, reports)
    r = indexer.run(store, None)
    # the .jsonl's first dict unchanged; the .json's renumbered, a document become values one after another
    assert (r["added"], r["unchanged"], r["removed"], r["failed"]) == (6, 2, 2, []), r
    archive = open_index(store.path)
    assert run_search(archive, "Temajsonlsecond").total == 2 and run_search(archive, "Temajsonsecond").total == 2


def test_a_first_line_of_binary_bytes_that_opens_like_json_stops_no_run(tmp_path, monkeypatch):
    """Review: a file whose first line opens as JSON (`{`, `[`) and runs on in bytes that are no
    text (control characters, a byte no UTF-8: a binary file saved under the name, UTF-16 without
    its mark holding a letter past ASCII) was looked at as a JSON document's opening, and decoding
    it raised decode.BinaryInput out of the reader: "newsarchive: internal error: BinaryInput:
    binary file, not text", the whole index run stopped, no file of any source indexed. Its lines
    are read and said to fail, as any bad line's, and the other files are indexed."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "feed"
    src.mkdir()
    junk = b"\x01\x02\x03" * 100 + b"\xff\n"
    (src / "record.jsonl").write_bytes(b'{"a": "' + junk + json.dumps({"title": "Zinc", "text": STORY}).encode() + b"\n")
    (src / "array.jsonl").write_bytes(b"[\n" + junk + b"]\n")
    (src / "good.jsonl").write_text(json.dumps({"title": "Zinc steady", "text": STORY}) + "\n")
    arts, reports = _read(src / "record.jsonl")
    assert [a.id for a in arts] == ["record:2"] and reports == [(1, "bad JSON line: binary file, not text")]
    assert _read(src / "array.jsonl") == ([], [(None, "binary file, not JSON Lines")])
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert r["added"] == 2 and len(r["failed"]) == 2, r


def test_utf16_without_a_byte_order_mark_is_read(tmp_path):
    """Review: a JSON Lines file or a JSON document in UTF-16 saved without a byte-order mark (.NET's
    and PowerShell's "Unicode" encodings without one) was "binary file, not JSON Lines", none of it
    read, where the same with its mark was read. JSON's first two characters are ASCII, each beside
    a NUL byte, which tells little-endian from big-endian (RFC 4627): each is read as its UTF-8 twin."""
    records = [{"title": "Zinc café", "text": STORY}, {"title": "Zinc Łódź", "url": "https://ex.com/z", "text": STORY}]
    texts = {"lines.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
             "pretty.json": json.dumps(records, indent=2, ensure_ascii=False)}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        want, _ = _read(tmp_path / name)
        assert len(want) == 2, name
        for codec in ("utf-16-le", "utf-16-be"):
            path = tmp_path / f"{codec}.{name}"
            path.write_bytes(text.encode(codec))
            arts, reports = _read(path)
            assert reports == [], (path.name, reports)
            assert [(a.title, a.raw, a.line) for a in arts] == [(a.title, a.raw, a.line) for a in want], path.name


def test_a_utf16_file_of_one_long_line_is_held_once_while_read(tmp_path):
    """Review: a UTF-16 file of one line that does not parse (a record cut off, a line of 100 MB)
    held its bytes, read before the line's end to be read again as bytes should they be no UTF-16,
    beside its text, copied whole with each megabyte added: 100 MB peaked at 296 MB above a tiny
    file's, and 3 s of CPU. The line is kept in pieces and its text let go before its UTF-8 is
    given: the memory the reading takes is twice the line's (five times it was)."""
    line = '{"title": "Zinc", "text": "' + "Zinc prices were steady in London trading. " * 100_000
    path = tmp_path / "cut.jsonl"
    path.write_text(line, encoding="utf-16")
    tracemalloc.start()
    try:
        with path.open("rb") as fh:
            got = [len(data) for data in _byte_lines(fh)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got == [len(line) + 1]
    assert peak < 3 * len(line), peak / len(line)
    assert _read(path) == ([], [(None, "not JSON Lines: no line is a JSON record (line 1: cut off: the line ends "
                                       "before its JSON value does); it begins as a JSON object over several "
                                       "lines, which is one document: write each record on a line of its own "
                                       "(jq -c . FILE does)")])


def test_a_settings_file_with_an_empty_list_is_not_said_to_be_an_api_response(tmp_path):
    """Review: a tool's settings file whose one list is empty ({"version": 2, "items": []}) was
    "empty file: a saved API response with no article under "items"", which it is not (it holds
    no article either way: nothing was lost). It is said as what it is seen to be, a document whose
    only list is empty; a NewsAPI or Guardian response emptied is still said to be one."""
    (tmp_path / "settings.json").write_text(json.dumps({"version": 2, "items": []}, indent=2))
    (tmp_path / "newsapi.json").write_text(json.dumps({"status": "ok", "totalResults": 0, "articles": []}))
    assert _read(tmp_path / "settings.json") == ([], [(None, 'empty file: its only list ("items") is empty')])
    assert _read(tmp_path / "newsapi.json") == ([], [(None, 'empty file: a saved API response with no article '
                                                           'under "articles"')])


def test_a_dict_of_articles_each_with_its_comments_is_read_as_the_articles(tmp_path):
    """Review: a dict of articles by their address (`json.dump({url: article, ...})`), each article
    with a list of its own that has text (its comments, {"author": ..., "text": ...}), was taken for
    a saved API response whose list of articles is one article's comments, three objects down: the
    comments were indexed as articles, and the articles lost. An article's own lists are not looked
    into for the file's articles: the articles are read, their comments kept with them, unindexed."""
    def article(n: int) -> dict:
        return {"title": f"Zinc {n}", "text": f"{STORY} Story {n}.",
                "comments": [{"author": f"reader {c}", "text": f"Comment {c} on story {n}."} for c in range(3)]}

    by_address = {f"https://ex.com/{n}": article(n) for n in range(2)}
    (tmp_path / "by_address.json").write_text(json.dumps(by_address, indent=2))
    (tmp_path / "lines.jsonl").write_text(json.dumps(article(5)) + "\n" + json.dumps(by_address) + "\n")
    arts, reports = _read(tmp_path / "by_address.json")
    assert reports == [] and [a.title for a in arts] == ["Zinc 0", "Zinc 1"]
    assert arts[0].meta["comments"][2]["text"] == "Comment 2 on story 0."
    arts, reports = _read(tmp_path / "lines.jsonl")
    assert reports == [] and [(a.title, a.line, a.item) for a in arts] == [("Zinc 5", 1, None), ("Zinc 0", 2, 1),
                                                                          ("Zinc 1", 2, 2)]


def test_a_dict_of_articles_one_of_them_without_text_is_read_as_the_articles(tmp_path):
    """Review: a dict of articles by their address, each with its comments, one of them with no
    text (a paywalled or video page's, "text": ""), was taken for a saved API response whose list
    of articles is that article's comments: the comments were indexed as untitled articles and
    every other article of the file lost, in a .json as on a JSON Lines line. The articles are
    read, and the one with no text is said to have none (its comments are no articles)."""
    def article(n: int) -> dict:
        return {"title": f"Zinc {n}", "text": f"{STORY} Story {n}." if n != 1 else "",
                "comments": [{"author": f"reader {c}", "text": f"Comment {c} on story {n}."} for c in range(3)]}

    by_address = {f"https://ex.com/{n}": article(n) for n in range(3)}
    (tmp_path / "by_address.json").write_text(json.dumps(by_address, indent=2))
    (tmp_path / "lines.jsonl").write_text(json.dumps(article(5)) + "\n" + json.dumps(by_address) + "\n")
    arts, reports = _read(tmp_path / "by_address.json")
    assert [a.title for a in arts] == ["Zinc 0", "Zinc 2"]
    assert arts[-1].meta["comments"][2]["text"] == "Comment 2 on story 2."
    assert reports == [(2, "JSON record with no text: text is empty")]
    arts, reports = _read(tmp_path / "lines.jsonl")
    assert [(a.title, a.line, a.item) for a in arts] == [("Zinc 5", 1, None), ("Zinc 0", 2, 1), ("Zinc 2", 2, 3)]
    assert reports == [(2, "JSON record with no text: text is empty (article 2 of the line)")]


def test_a_document_of_several_empty_lists_is_not_said_to_have_one(tmp_path):
    """Review: a .json whose lists are all empty, several of them ({"version": 2, "items": [],
    "plugins": []}, a tool's settings; a response emptied with its facets) was "empty file: its
    only list ("items") is empty", which it is not: its lists are named, each."""
    (tmp_path / "settings.json").write_text(json.dumps({"version": 2, "items": [], "plugins": []}, indent=2))
    (tmp_path / "search.json").write_text(json.dumps({"data": {"results": [], "facets": {"tags": []}}}))
    assert _read(tmp_path / "settings.json") == ([], [(None, 'empty file: its 2 lists ("items", "plugins") are empty')])
    assert _read(tmp_path / "search.json") == ([], [(None, 'empty file: its 2 lists ("data.results", '
                                                         '"data.facets.tags") are empty')])


def test_a_binary_file_of_16_bit_numbers_is_no_utf16_text(tmp_path):
    """Review: a binary file saved as .jsonl whose first bytes are 16-bit numbers little- or
    big-endian (raw audio samples, a table of counts: 01 00 02 00 ...) was taken for UTF-16
    without a byte-order mark (a NUL beside each of its first two bytes), its control characters
    read as text: "not JSON Lines: no line is a JSON record (line 1: Expecting value at column 1)",
    where it was, and is, "binary file, not JSON Lines". UTF-16 without a mark opens with ASCII text."""
    numbers = [*range(1, 40), 10, *range(1, 20)]
    for order in ("<", ">"):
        path = tmp_path / f"samples{order == '<'}.jsonl"
        path.write_bytes(struct.pack(f"{order}{len(numbers)}h", *numbers))
        assert _read(path) == ([], [(None, "binary file, not JSON Lines")])
    record = json.dumps({"title": "Zinc", "text": STORY}) + "\n"
    (tmp_path / "le.jsonl").write_bytes(("\t" + record).encode("utf-16-le"))
    assert [a.title for a in _read(tmp_path / "le.jsonl")[0]] == ["Zinc"]


def test_responses_a_poller_wrote_on_one_line_are_read_and_keep_their_ids(tmp_path):
    """Review: a poller that writes each response with `json.dump(resp, fh)` and no newline puts
    them one after another on one line: one was read (its articles `FILE:1.k`), and once a second
    came each was "JSON record with no text of its own: it holds a list of 2 articles ..." and no
    article read, the file's articles removed; dicts and arrays of articles alike. They are values
    one after another, response n's article k `FILE:n.k`: the first's articles keep their ids."""
    def response(*ns: int) -> dict:
        return {"status": "ok", "articles": [{"title": f"Zinc {n}", "text": STORY} for n in ns]}

    path = tmp_path / "poll.jsonl"
    path.write_text(json.dumps(response(1, 2)))
    assert [(a.id, a.title) for a in _read(path)[0]] == [("poll:1.1", "Zinc 1"), ("poll:1.2", "Zinc 2")]
    with path.open("a") as fh:
        json.dump(response(3), fh)
        json.dump({"k4": {"title": "Zinc 4", "text": STORY}}, fh)
        json.dump([{"title": "Zinc 5", "text": STORY}], fh)
    arts, reports = _read(path)
    assert reports == [] and [(a.id, a.title) for a in arts] == [
        ("poll:1.1", "Zinc 1"), ("poll:1.2", "Zinc 2"), ("poll:2.1", "Zinc 3"),
        ("poll:3.1", "Zinc 4"), ("poll:4.1", "Zinc 5")]
    path.write_text(json.dumps({"title": "Zinc 6", "text": STORY}) + json.dumps({"title": "Zinc 7", "text": STORY}))
    assert [a.id for a in _read(path)[0]] == ["poll:1.1", "poll:1.2"]  # records on a line, as before


def test_pretty_printed_lists_after_an_empty_first_one_are_read(tmp_path):
    """Review: a poller that writes each run's articles with `json.dump(articles, fh, indent=2)`
    writes `[]` on a line of its own when its first run finds none; the runs after it, pretty-printed,
    were each line a bad line ("bad JSON line: cut off ..."), no article read, where after a first
    list that held articles they were read. An empty first value opens values one after another:
    run n's article k is `FILE:n.k`, as on line n of what `jq -c .` writes; records a line after
    it are read as before."""
    path = tmp_path / "poll.jsonl"
    path.write_text("[]\n" + json.dumps([{"title": f"Zinc {n}", "text": STORY} for n in (1, 2)], indent=2) + "\n")
    arts, reports = _read(path)
    assert reports == [] and [(a.id, a.title) for a in arts] == [("poll:2.1", "Zinc 1"), ("poll:2.2", "Zinc 2")]
    path.write_text("{}\n" + json.dumps({"k3": {"title": "Zinc 3", "text": STORY}}, indent=2) + "\n")
    assert [(a.id, a.title) for a in _read(path)[0]] == [("poll:2.1", "Zinc 3")]
    path.write_text("[]\n" + json.dumps({"title": "Zinc 4", "text": STORY}) + "\nbroken\n")
    arts, reports = _read(path)
    assert [a.id for a in arts] == ["poll:2"] and reports == [(3, "bad JSON line: Expecting value at column 1")]


def test_a_json_feed_is_read_as_its_items_through_the_index(tmp_path, monkeypatch):
    """A JSON Feed (jsonfeed.org 1.1, the feed.json many sites publish) saved as .json, or as a
    .jsonl a poller appends it to, or its items a line (`jq -c '.items[]'`), had each file "JSON
    record with no text: none of maintext, text, ...", nothing indexed. Its items are read: their
    content_text as text, content_html as HTML (cleaned), date_published as the date, url (else
    external_url) as the address, their own id as `FILE#ID`; the feed's title is no article's."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Daily",
            "home_page_url": "https://example.org/", "feed_url": "https://example.org/feed.json",
            "items": [{"id": "2", "url": "https://example.org/2020/08/19/dockers", "title": "Dockers clear backlog",
                       "content_text": "Dockers cleared a backlog of vessels at Temaport on Monday, port "
                                       "officials said. Ships had waited for a week.",
                       "summary": "Temasummary", "date_published": "2020-08-19T11:00:00+00:00",
                       "authors": [{"name": "Jane Doe"}]},
                      {"id": "1", "external_url": "https://other.example.com/harbour", "title": "Ships wait",
                       "content_html": "<p>Ships waited outside the harbour of Temahtml on Sunday, port officials "
                                       "said, as <b>dockers</b> struck for a second day.</p>",
                       "date_published": "2020-08-18T09:30:00Z"}]}
    src = tmp_path / "feeds"
    src.mkdir()
    (src / "feed.json").write_text(json.dumps(feed, indent=2))
    # a poller's file, the feed a run, each run's item new
    (src / "polled.jsonl").write_text("".join(json.dumps({**feed, "items": [i]}) + "\n" for i in feed["items"]))
    (src / "items.jsonl").write_text("".join(json.dumps(i) + "\n" for i in feed["items"]))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert r["failed"] == [] and r["added"] == 6, r
    archive = open_index(store.path)
    for word, rid, url, when, title in (
            ("Temaport", "2", "https://example.org/2020/08/19/dockers", "2020-08-19", "Dockers clear backlog"),
            ("Temahtml", "1", "https://other.example.com/harbour", "2020-08-18", "Ships wait")):
        hits = run_search(archive, word).hits
        assert sorted(h.id for h in hits) == [f"feeds/{name}#{rid}" for name in ("feed.json", "items.jsonl", "polled.jsonl")]
        assert {(h.url, str(h.published), h.title) for h in hits} == {(url, when, title)}, word
    assert run_search(archive, "Temasummary").total == 0  # a summary is no text where the item has some
    assert run_search(archive, "Daily").total == 0  # the feed's title is no article's
    # items with no text are each said to have none, where the feed was; emptied, it holds no article
    (src / "feed.json").write_text(json.dumps({**feed, "items": [{"id": "3", "title": "A video"},
                                                                {"id": "4", "content_text": " "}]}))
    assert _read(src / "feed.json") == ([], [(1, NO_TEXT), (2, "JSON record with no text: content_text is empty")])
    (src / "feed.json").write_text(json.dumps({**feed, "items": []}))
    assert _read(src / "feed.json") == ([], [(None, 'empty file: its only list ("items") is empty')])

"""Inputs that used to stop or hang a whole index run, or were read wrong (QA pass 4).

Every fixture is a few bytes written into tmp_path; runs are real index runs.
"""
from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from search import Store, get_document, indexer, open_index, run_search
from search.article import Article, IngestError
from search.ingest import read
from search.ingest.warc import url_id
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ROOT

STORY = "The mayor of Springfield announced a new budget on Monday that cuts spending on roads and increases funding for schools."


def _index(tmp_path: Path, src: Path) -> dict:
    return indexer.run(Store(tmp_path / "ix"), [str(src)])


def test_lone_surrogates_in_a_jsonl_record_do_not_stop_the_run(tmp_path):
    """Valid JSON may escape half of an emoji ("\\ud83d"): it made the whole run fail with a
    UnicodeEncodeError, nothing indexed. Every string field, meta keys too, is made safe."""
    src = tmp_path / "feed"
    src.mkdir()
    cut = "\\ud83d"
    line = ('{"id": "t1' + cut + '", "title": "Mayor replies ' + cut + '", "url": "https://example.com/a' + cut + '",'
            ' "source": "Example' + cut + '", "text": "' + STORY + ' Great news ' + cut + '",'
            ' "tags": ["x' + cut + '"], "note' + cut + '": {"k": "v' + cut + '"}}')
    (src / "cut.jsonl").write_text(line + "\n" + json.dumps({"id": "g1", "text": STORY}) + "\n")
    r = _index(tmp_path, src)
    assert (r["indexed"], r["failed"]) == (2, [])
    archive = open_index(tmp_path / "ix")
    doc = get_document(archive, "feed/cut.jsonl#t1\ufffd")
    assert doc is not None
    assert doc["title"] == "Mayor replies \ufffd" and doc["text"].endswith("Great news \ufffd")
    assert doc["url"] == "https://example.com/a\ufffd" and doc["source"] == "Example\ufffd"
    assert doc["meta"] == {"tags": ["x\ufffd"], "note\ufffd": {"k": "v\ufffd"}}
    assert run_search(archive, "springfield").total == 2


def test_file_and_folder_names_that_are_not_utf8_are_indexed(tmp_path):
    """Latin-1 bytes in a name come from the OS surrogate-escaped, and stopped the whole run
    inside Whoosh (UnicodeEncodeError). Each bad byte is now written %XX in the id and the
    stored path: stable, and distinct from the UTF-8 spelling of the same name."""
    src = tmp_path / "src"
    src.mkdir()
    base = os.fsencode(src)
    os.mkdir(base + b"/arch\xefve")
    (src / "café news.txt").write_text("Council approves tax\n\n" + STORY + "\n")
    for name in (b"/caf\xe9 news.txt", b"/arch\xefve/caf\xe9.txt"):
        with open(base + name, "wb") as fh:
            fh.write(b"Cafe owners protest\n\nCafe owners protested on Monday against a new tax on seating.\n")
    with open(base + b"/bin\xe9.txt", "wb") as fh:
        fh.write(b"\x00\x01" * 100)
    r = _index(tmp_path, src)
    assert r["indexed"] == 3
    assert [f["path"] for f in r["failed"]] == [f"{src}/bin%E9.txt"]
    archive = open_index(tmp_path / "ix")
    ids = sorted(h.id for h in run_search(archive, "").hits)
    assert ids == ["src/arch%EFve/caf%E9.txt", "src/caf%E9 news.txt", "src/café news.txt"]
    doc = get_document(archive, "src/caf%E9 news.txt")
    assert doc["path"] == f"{src}/caf%E9 news.txt" and doc["url"].endswith("/src/caf%E9%20news.txt")
    again = _index(tmp_path, src)
    assert (again["indexed"], again["unchanged"]) == (0, 3)


def test_a_source_folder_whose_name_is_not_utf8(tmp_path):
    root = os.fsencode(tmp_path) + b"/arch\xefve"
    os.mkdir(root)
    with open(root + b"/a.txt", "wb") as fh:
        fh.write(b"Cafe owners protest\n\nCafe owners protested on Monday against a new tax on seating.\n")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [os.fsdecode(root)])["indexed"] == 1
    assert [h.id for h in run_search(open_index(tmp_path / "ix"), "").hits] == ["arch%EFve/a.txt"]
    os.remove(root + b"/a.txt")
    assert indexer.run(store)["removed"] == 1


def _cli(*args: str) -> tuple[int, dict]:
    """The command line in a subprocess: a run that hangs is killed and the test fails."""
    p = subprocess.run([sys.executable, "-m", "search.cli", *args, "--json"], capture_output=True, text=True,
                       timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    return p.returncode, json.loads(p.stdout)


def test_fifos_and_sockets_are_reported_never_opened(tmp_path):
    """Opening a named pipe blocks until something writes to it: index and reindex hung for
    ever holding the lock, and every later run exited 4. Non-regular files are skipped."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Council approves tax\n\n" + STORY + "\n")
    os.mkfifo(src / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(src / "sock.txt"))
        first = _cli("index", str(src), "--index", str(tmp_path / "ix"))
        again = _cli("reindex", "--index", str(tmp_path / "ix"))  # the no-op reindex reports them too
        single = _cli("index", str(src / "pipe.txt"), "--index", str(tmp_path / "ix2"))
    want = [(f"{src}/pipe.txt", "a named pipe (FIFO), not a regular file: not read"),
            (f"{src}/sock.txt", "a socket, not a regular file: not read")]
    for rc, r in (first, again):
        assert rc == 0 and sorted((f["path"], f["reason"]) for f in r["failed"]) == want
    assert first[1]["indexed"] == 1 and again[1]["unchanged"] == 1
    # given itself, it is not kept as a source either (it was, and named by stats on every run)
    assert single[0] == 1 and [(f["path"], f["reason"]) for f in single[1]["failed"]] == \
        [(want[0][0], want[0][1] + " (not added to the sources)")]
    assert Store(tmp_path / "ix2").sources() == []


def _records(path: Path) -> list:
    items = list(read([path]))
    assert not [i for i in items if isinstance(i, IngestError)], items
    return items


def test_trafilatura_json_output_maps_source_and_source_hostname(tmp_path):
    """trafilatura --json writes the page's address under "source" and the site's name
    under "source-hostname": the article linked to file:///...#1 and its source facet was
    the full URL."""
    url = "https://www.springfield-news.com/2021/03/04/budget"
    recs = [{"title": "Budget", "hostname": None, "id": None, "text": STORY, "source": url,
             "source-hostname": "Springfield News", "date": "2021-03-04"},
            {"title": "Other", "text": STORY, "url": "https://example.com/a", "source": "https://example.com/"},
            {"title": "Bare", "text": STORY, "source": " http://example.org/b "}]
    (tmp_path / "traf.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    a, b, c = _records(tmp_path / "traf.jsonl")
    # the host, as for every other input; not the site's name, which made a second value of
    # one site beside records that carry "hostname" (QA pass 5)
    assert (a.url, a.source, a.id) == (url, "springfield-news.com", url_id(url))
    assert "source-hostname" not in a.meta
    assert (b.url, b.source) == ("https://example.com/a", "example.com")
    assert (c.url, c.source) == ("http://example.org/b", "example.org")
    (tmp_path / "name.jsonl").write_text(json.dumps({"title": "N", "text": STORY, "source-hostname": "The Paper"}) + "\n")
    assert _records(tmp_path / "name.jsonl")[0].source == "The Paper"  # no host anywhere: the name


def test_jsonl_lines_in_latin1_are_decoded_not_replaced(tmp_path):
    """A JSON Lines file in Latin-1 was read as UTF-8 with U+FFFD for every accented letter."""
    lines = [json.dumps({"id": "lat", "title": "Réforme des retraites", "text": "Le président a annoncé "
                         "une réforme très contestée à Besançon."}, ensure_ascii=False).encode("latin-1"),
             # UTF-8 with one damaged byte: only that byte is lost, the rest is not misread
             json.dumps({"id": "utf", "text": "Le président à Besançon \x00"}, ensure_ascii=False)
             .encode().replace(b"\\u0000", b"\xff")]
    (tmp_path / "fr.jsonl").write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    lat, utf = _records(tmp_path / "fr.jsonl")
    assert lat.title == "Réforme des retraites" and "très contestée à Besançon" in lat.raw
    assert utf.raw == "Le président à Besançon \ufffd"


def test_jsonl_in_utf16_with_a_byte_order_mark_is_read(tmp_path):
    """A UTF-16 file (Windows "Unicode" text): its two-byte newlines split lines mid-character,
    and every record was "binary file, not text", the last one "Expecting value"."""
    import gzip

    recs = [{"id": "u1", "title": "Segou", "text": "Farmers in Ségou, Mali, said the rains came late this year."},
            {"id": "u2", "title": "Mopti", "text": "Herders near Mopti moved south before the dry season began."}]
    body = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\r\n"
    for name, data in (("le.jsonl", body.encode("utf-16")), ("be.jsonl", b"\xfe\xff" + body.encode("utf-16-be")),
                       ("gz.jsonl.gz", gzip.compress(body.encode("utf-16")))):
        (tmp_path / name).write_bytes(data)
        got = _records(tmp_path / name)
        assert [(a.id.split("#")[-1], a.title, a.line) for a in got] == [("u1", "Segou", 1), ("u2", "Mopti", 2)], name
        assert "Ségou, Mali" in got[0].raw
    # an odd byte count: cut off in the last line's newline, the lines before it read, the rest said unread
    (tmp_path / "bad.jsonl").write_bytes(body.encode("utf-16")[:-1])
    bad = list(read([tmp_path / "bad.jsonl"]))
    assert [a.title for a in bad if isinstance(a, Article)] == ["Segou"]
    assert [(e.line, e.reason, e.unread) for e in bad if isinstance(e, IngestError)] == [
        (2, "not valid UTF-16 (truncated data) after line 1: the rest is not read", "rest")]


def _warc(path: Path, records: list[tuple[str, str, bytes]], warc_date: str = "2021-03-03T10:00:00Z") -> Path:
    """An uncompressed WARC of HTML responses: (url, HTTP status line, body)."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for url, status, body in records:
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": warc_date}))
    return path


def _page(title: str, body: str = STORY, head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1><p>{body}</p>"
            f"<p>{body}</p></article></body></html>").encode()


def test_warc_error_pages_and_redirects_are_not_articles(tmp_path):
    """Responses were indexed whatever their status: "404 Not Found" became an article."""
    path = _warc(tmp_path / "crawl.warc", [("http://ex.com/ok", "200 OK", _page("Budget")),
                                            ("http://ex.com/missing", "404 Not Found", _page("404 Not Found")),
                                            ("http://ex.com/old", "301 Moved Permanently", _page("Moved")),
                                            ("http://ex.com/down", "500 Internal Server Error", _page("Error")),
                                            ("http://ex.com/part", "206 Partial Content", _page("Part"))])
    items = list(read([path]))
    assert [a.url for a in items if not isinstance(a, IngestError)] == ["http://ex.com/ok", "http://ex.com/part"]
    assert [(e.line, e.reason) for e in items if isinstance(e, IngestError)] == [
        (2, "record 2 (http://ex.com/missing): HTTP 404, not an article"),
        (3, "record 3 (http://ex.com/old): HTTP 301, not an article"),
        (4, "record 4 (http://ex.com/down): HTTP 500, not an article")]


def test_warc_date_is_the_publication_date_of_last_resort(tmp_path):
    """A page that gives no date of its own was undated although its record says when it
    was fetched; one that gives a date keeps it."""
    src = tmp_path / "crawl"
    src.mkdir()
    dated = _page("Dated", head="<meta property='article:published_time' content='2020-12-01T08:00:00Z'>")
    _warc(src / "a.warc", [("http://ex.com/undated", "200 OK", _page("Undated")),
                           ("http://ex.com/dated", "200 OK", dated)])
    _warc(src / "b.warc", [("http://ex.com/future", "200 OK", _page("Future"))], warc_date="2999-01-01T00:00:00Z")
    assert _index(tmp_path, src)["indexed"] == 3
    archive = open_index(tmp_path / "ix")
    got = {h.url: h.published for h in run_search(archive, "").hits}
    assert got == {"http://ex.com/undated": "2021-03-03", "http://ex.com/dated": "2020-12-01", "http://ex.com/future": None}


def test_the_index_directory_is_refused_as_a_source(tmp_path):
    """`index INDEXDIR` was accepted: the index's own files (runs.jsonl, cache.sqlite...)
    were reported as skipped input on every run after. Refused like a missing path."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Council approves tax\n\n" + STORY + "\n")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    gen = next((tmp_path / "ix").glob("gen-*"))
    r = indexer.run(store, [str(tmp_path / "ix"), str(gen), str(src)])
    reason = "a newsarchive index directory, not an archive: not read (not added to the sources)"
    assert r["failed"] == [{"path": str(tmp_path / "ix"), "reason": reason}, {"path": str(gen), "reason": reason}]
    assert store.sources() == [str(src)] and r["unchanged"] == 1
    # one an older version recorded is read as nothing, said once
    (tmp_path / "ix" / "sources.json").write_text(json.dumps([str(src), str(tmp_path / "ix")]))
    r = indexer.run(store, full=True)
    assert r["failed"] == [{"path": str(tmp_path / "ix"), "reason": "a newsarchive index directory, not an archive: not read"}]
    assert r["unchanged"] == 1


def test_jsonl_list_text_and_odd_ids(tmp_path):
    """A text given as a list of paragraphs was "no text"; an id that is a list or a boolean
    became its Python spelling ("#['a']", "#True") (QA pass 4)."""
    recs = [{"id": ["a"], "url": "https://example.org/p", "title": "Paragraphs", "text": ["First part of the story.", STORY]},
            {"id": True, "title": "Flag id", "text": STORY + " More."},
            {"id": 7, "title": "Number id", "text": STORY + " Even more."}]
    (tmp_path / "odd.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    a, b, c = _records(tmp_path / "odd.jsonl")
    assert a.raw == "First part of the story.\n\n" + STORY and a.id == url_id("https://example.org/p")
    assert b.id.endswith(":2") and c.id.endswith("#7")


def test_a_record_whose_text_field_holds_no_text_says_which_and_why(tmp_path):
    """`"text": 42` was reported as "no text: none of maintext, text, body...", as if missing."""
    recs = [{"id": "n", "text": 42}, {"id": "e", "text": ""}, {"id": "l", "text": []}, {"id": "o", "body": {"p": "x"}},
            {"id": "b", "content": True}, {"id": "m", "title": "only a title"}]
    (tmp_path / "odd.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    reasons = [x.reason for x in read([tmp_path / "odd.jsonl"])]
    # a record that parses is no "bad JSON line" (QA)
    assert reasons == ["JSON record with no text: text is a number, not text", "JSON record with no text: text is empty",
                       "JSON record with no text: text is empty", "JSON record with no text: body is an object, not text",
                       "JSON record with no text: content is a true/false value, not text",
                       "JSON record with no text: none of maintext, text, body, content, article, article_body, html, raw_html"]

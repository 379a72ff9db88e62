"""A page's metadata file beside it (foo.json, foo.meta.json, foo.info.json by foo.html, as
crawlers write them): its address, date, title and outlet are the page's where the page gives
none. Real pages in tmp_path, indexed into a real index."""
from __future__ import annotations

import json
from pathlib import Path

from search import Store, get_document, indexer, ingest, open_index
from search.article import Article, PassedOver
from search.ingest import read
from search.pipeline import clean_article

BODY = ("<p>Ships waited at the harbour of {w} on Monday, port officials said, as dockers cleared a backlog "
        "of vessels carrying grain and cocoa through the night.</p><p>The harbour master of {w} said the "
        "queue would be gone by Friday if the weather held and the cranes kept working.</p>")


def _page(word: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{BODY.format(w=word)}</article></body></html>"


def _warc(url: str, word: str) -> bytes:
    """A WARC file of one response record: the page of `word`, captured from `url`."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(_page(word).encode()), http_headers=headers))
    return out.getvalue()


def _write(folder: Path) -> None:
    folder.mkdir()
    # no address, date or outlet of its own, nor a title: the metadata file gives them
    (folder / "bare.html").write_text(_page("Temaone"))
    (folder / "bare.json").write_text(json.dumps({"url": "https://ex.com/bare", "date": "2021-03-04",
                                                  "title": "Ships wait at Temaone", "source": "Harbour News",
                                                  "text": "the page's text again"}))
    # its own canonical address, date and title: the crawler's fetched address wins, the page's date and title
    own = ('<title>Cranes busy at Tematwo</title><link rel="canonical" href="https://ex.com/canonical-two">'
           '<meta property="article:published_time" content="2021-05-06T10:00:00Z">')
    (folder / "own.html").write_text(_page("Tematwo", own))
    (folder / "own.meta.json").write_text(json.dumps({"url": "https://ex.com/fetched-two", "published": "2020-01-01",
                                                      "title": "Something else"}))
    (folder / "info.html").write_text(_page("Temathree"))
    (folder / "info.info.json").write_text(json.dumps({"link": "https://ex.com/three"}))


def test_a_pages_metadata_file_gives_what_the_page_does_not(tmp_path):
    """A crawler's record beside a page (url, date, title, source) was passed over: the page was
    linked to its file, undated, and foo.meta.json and foo.info.json were read as articles of
    their own. The page takes the record's address (over its canonical link: where the text was
    fetched), and its date, title and outlet where it has none of its own."""
    _write(tmp_path / "crawl")
    items = list(read([tmp_path / "crawl"]))
    arts = {Path(a.path).name: a for a in items if isinstance(a, Article)}
    assert sorted(arts) == ["bare.html", "info.html", "own.html"]
    passed = [i for i in items if isinstance(i, PassedOver)]
    assert len(passed) == 1 and sorted(Path(p).name for p in passed[0].paths) == [
        "bare.json", "info.info.json", "own.meta.json"]
    bare, own, info = (clean_article(arts[n]) for n in ("bare.html", "own.html", "info.html"))
    assert arts["bare.html"].url == "https://ex.com/bare" and arts["info.html"].url == "https://ex.com/three"
    assert (bare["published"], bare["site_name"]) == ("2021-03-04", "Harbour News")
    assert bare["title"] == "Ships wait at Temaone"
    assert arts["own.html"].url == "https://ex.com/fetched-two"
    assert (own["published"], own["title"]) == ("2021-05-06", "Cranes busy at Tematwo")
    assert info["published"] is None


def test_a_changed_metadata_file_makes_a_reindex_read_its_page_again(tmp_path, monkeypatch):
    """The index holds what the metadata file gives; a reindex after the file changed (the page's
    bytes the same) reads the page again and holds the new address, and one with nothing changed
    reads nothing."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "crawl"
    _write(src)
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (3, []), r
    archive = open_index(store.path)
    doc = get_document(archive, "crawl/bare.html")
    assert (doc["url"], doc["published"], doc["site_name"], doc["title"]) == (
        "https://ex.com/bare", "2021-03-04", "Harbour News", "Ships wait at Temaone")
    assert get_document(archive, "crawl/own.html")["url"] == "https://ex.com/fetched-two"
    r = indexer.run(store, None)
    assert (r["unchanged"], r["changed"]) == (3, 0), r
    (src / "bare.json").write_text(json.dumps({"url": "https://ex.com/bare-moved", "date": "2021-03-05"}))
    r = indexer.run(store, None)
    assert (r["unchanged"], r["changed"]) == (2, 1), r
    doc = get_document(open_index(store.path), "crawl/bare.html")
    assert (doc["url"], doc["published"]) == ("https://ex.com/bare-moved", "2021-03-05")


def test_a_metadata_file_in_utf16_or_a_legacy_code_page_is_read(tmp_path):
    """A metadata file saved as Windows' "Unicode" (UTF-16 with its byte-order mark) or in
    Latin-1 was "could not be read ('utf-8' codec can't decode ...)", and the page read without
    it. It is read in the encoding its mark or its bytes say, as a JSON Lines line is; a binary
    file in its place is still a note, and the page read without it."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    meta = {"url": "https://ex.com/café-one", "date": "2021-03-04", "title": "Café owners wait at Temaone"}
    for name, data in (("sixteen", json.dumps(meta, ensure_ascii=False).encode("utf-16")),
                       ("latin", json.dumps(meta, ensure_ascii=False).encode("latin-1")),
                       ("binary", b"\x00\x01\x02\x03\xff\x00\x00")):
        (folder / f"{name}.html").write_text(_page("Temaone"))
        (folder / f"{name}.json").write_bytes(data)
    arts = {Path(a.path).stem: a for a in read([folder]) if isinstance(a, Article)}
    for name in ("sixteen", "latin"):
        cleaned = clean_article(arts[name])
        assert (arts[name].url, cleaned["published"], cleaned["title"], arts[name].notes) == (
            "https://ex.com/café-one", "2021-03-04", "Café owners wait at Temaone", []), name
    assert arts["binary"].url == (folder / "binary.html").resolve().as_uri()
    assert arts["binary"].notes == ["its metadata file binary.json could not be read (binary file, not text): not used"]


def test_a_metadata_files_address_that_is_no_web_pages_is_not_the_pages(tmp_path, monkeypatch):
    """A metadata file's url of "https://", "http://[::1" (a bracket left open) or broken over two
    lines began "http" and so became the page's address, in place of its canonical link: a link
    to nowhere. It is a note, and the page keeps its canonical link; an ftp:// url no longer hides
    the file's http(s) link, which is taken."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "crawl"
    src.mkdir()
    canonical = '<link rel="canonical" href="https://ex.com/canonical-{w}">'
    for word, meta in (("Temaone", {"url": "https://"}), ("Tematwo", {"url": "http://[::1"}),
                       ("Temathree", {"url": "https://ex.com/three\nhttps://ex.com/four"}),
                       ("Temafour", {"url": "ftp://ex.com/four", "link": "https://ex.com/four"})):
        (src / f"{word}.html").write_text(_page(word, canonical.format(w=word)))
        (src / f"{word}.json").write_text(json.dumps(meta))
    notes = {Path(a.path).stem: a.notes for a in read([src]) if isinstance(a, Article)}
    assert notes["Temaone"] == ['Temaone.json: url "https://" is no web page\'s address: not used']
    assert notes["Tematwo"] == ['Tematwo.json: url "http://[::1" is no web page\'s address: not used']
    assert notes["Temafour"] == []
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert (r["added"], r["failed"]) == (4, []), r
    archive = open_index(tmp_path / "ix")
    assert [get_document(archive, f"crawl/{w}.html")["url"] for w in ("Temaone", "Tematwo", "Temathree", "Temafour")] == [
        "https://ex.com/canonical-Temaone", "https://ex.com/canonical-Tematwo", "https://ex.com/canonical-Temathree",
        "https://ex.com/four"]


def test_a_metadata_file_beside_a_warc_is_not_hashed_with_it_so_a_reindex_does_not_read_it_again(tmp_path, monkeypatch):
    """A WARC's records are many pages, which one metadata file beside it describes none of: it is
    not used for them. Its file changed, a reindex still read the whole WARC again (its records then
    found unchanged), since the WARC was hashed with it as a page is: a WARC has no metadata file."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "crawl"
    src.mkdir()
    (src / "capture.warc").write_bytes(_warc("https://ex.com/harbour", "Temaone"))
    (src / "capture.json").write_text(json.dumps({"url": "https://ex.com/crawl-job", "date": "2021-03-04"}))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (1, []), r
    (src / "capture.json").write_text(json.dumps({"url": "https://ex.com/crawl-job-2", "date": "2021-03-05"}))
    r = indexer.run(store, None)
    assert (r["unchanged"], r["changed"]) == (1, 0), r
    # the WARC is not hashed with the file, so not read again: what a reindex hashes a file with
    assert ingest.Listings().metadata_file(src / "capture.warc") is None
    (src / "page.html").write_text(_page("Temaone"))
    (src / "page.json").write_text(json.dumps({"url": "https://ex.com/page"}))
    assert ingest.Listings().metadata_file(src / "page.html") == src / "page.json"


def test_a_metadata_file_beside_a_page_and_a_warc_of_its_name_is_the_pages(tmp_path, monkeypatch):
    """Review: with foo.html and foo.warc beside foo.json, the file was matched to the WARC (by the
    readers' order, .warc before .html), whose records never use it, so the page went without the
    address, date and title it gives. It is the page's: the page takes them, the WARC's record keeps
    its own address, and a changed file makes a reindex read the page again."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "crawl"
    src.mkdir()
    (src / "foo.warc").write_bytes(_warc("https://ex.com/captured", "Tematwo"))
    (src / "foo.html").write_text(_page("Temaone"))
    (src / "foo.json").write_text(json.dumps({"url": "https://ex.com/foo", "date": "2021-03-04",
                                              "title": "Ships wait at Temaone"}))
    assert ingest.Listings().metadata_file(src / "foo.html") == src / "foo.json"
    items = list(read([src]))
    arts = {Path(a.path).name: a for a in items if isinstance(a, Article)}
    assert sorted(arts) == ["foo.html", "foo.warc"]
    assert [[Path(p).name for p in i.paths] for i in items if isinstance(i, PassedOver)] == [["foo.json"]]
    page = clean_article(arts["foo.html"])
    assert (arts["foo.html"].url, page["published"], page["title"]) == (
        "https://ex.com/foo", "2021-03-04", "Ships wait at Temaone")
    assert arts["foo.warc"].url == "https://ex.com/captured"
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert (r["added"], r["failed"]) == (2, []), r
    (src / "foo.json").write_text(json.dumps({"url": "https://ex.com/foo-2", "date": "2021-03-04"}))
    r = indexer.run(store, None)
    assert (r["unchanged"], r["changed"]) == (1, 1), r
    assert get_document(open_index(store.path), "crawl/foo.html")["url"] == "https://ex.com/foo-2"


def test_a_metadata_files_outlet_comes_before_a_site_name_read_off_the_title(tmp_path):
    """A page with no site's name in its metadata takes the part of <title> that names its host
    ("Harbour Daily" of "Ships wait at Temaone - Harbour Daily" on harbourdaily.com): a guess, which
    came before the outlet the crawler's metadata file states ("The Harbour Daily Gazette"), shown
    before as the page gave none. The file's outlet is the site's name; the page's own og:site_name
    still comes before it, and the guess stands where the file names no outlet."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    titled = "<title>Ships wait at {w} - Harbour Daily</title>"
    named = titled + '<meta property="og:site_name" content="Harbour Daily Online">'
    for word, head, meta in (("Temaone", titled, {"source": "The Harbour Daily Gazette"}),
                             ("Tematwo", named, {"publication": "The Harbour Daily Gazette"}),
                             ("Temathree", titled, {"date": "2021-03-04"})):
        (folder / f"{word}.html").write_text(_page(word, head.format(w=word)))
        (folder / f"{word}.json").write_text(json.dumps({"url": f"https://harbourdaily.com/{word.lower()}", **meta}))
    arts = {Path(a.path).stem: a for a in read([folder]) if isinstance(a, Article)}
    sites = {w: clean_article(a)["site_name"] for w, a in arts.items()}
    assert sites == {"Temaone": "The Harbour Daily Gazette", "Tematwo": "Harbour Daily Online",
                     "Temathree": "Harbour Daily"}


def test_a_metadata_files_outlet_comes_before_a_dotted_site_name_in_the_title(tmp_path):
    """c3fda7b put a metadata file's outlet before the site's name read off <title>, but not before
    trafilatura's own such guess, a part of <title> with a dot in it ("Ships wait at Temaone -
    HarbourDaily.com"): it counted as the page's stated name, and the outlet the crawler's file states
    ("The Harbour Daily Gazette") was not shown. The file's outlet comes first; the <title>'s part
    stands where the file names none."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    head = "<title>Ships wait at {w} - HarbourDaily.com</title>"
    for word, meta in (("Temaone", {"source": "The Harbour Daily Gazette"}), ("Tematwo", {"date": "2021-03-04"})):
        (folder / f"{word}.html").write_text(_page(word, head.format(w=word)))
        (folder / f"{word}.json").write_text(json.dumps({"url": f"https://harbourdaily.com/{word.lower()}", **meta}))
    arts = {Path(a.path).stem: a for a in read([folder]) if isinstance(a, Article)}
    sites = {w: clean_article(a)["site_name"] for w, a in arts.items()}
    assert sites == {"Temaone": "The Harbour Daily Gazette", "Tematwo": "HarbourDaily.com"}

"""Readers: every input kind, stable ids, and bad input reported instead of raised."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from search.article import Article, IngestError
from search.ingest import read
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import SEEDS


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, IngestError)]
    return arts, errs


def test_seeds_read_as_text_articles():
    arts, errs = _split(list(read([SEEDS])))
    assert errs == []
    assert [a.id for a in arts] == sorted(f"seeds/{p.name}" for p in SEEDS.glob("*.txt"))
    assert all(a.source == "seeds" and a.kind == "text" and a.url.startswith("file:///") for a in arts)


def test_ids_and_hashes_are_stable_across_runs():
    first = [(a.id, a.content_hash) for a in read([SEEDS])]
    second = [(a.id, a.content_hash) for a in read([SEEDS])]
    assert first == second


def make_messy_folder(root: Path) -> None:
    root.mkdir()
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "empty.txt").write_bytes(b"")
    (root / "latin1.txt").write_bytes("Café society in Bamako\n\nLe président a été reçu à l'aéroport.".encode("latin-1"))
    (root / "good.txt").write_text("A good title\n\nA good body about the coup in Mali.\n")
    data = "\n".join(json.dumps({"title": f"T{i}", "maintext": "body " * 20, "url": f"https://example.org/{i}"}) for i in range(50))
    blob = gzip.compress(data.encode())
    (root / "truncated.jsonl.gz").write_bytes(blob[: len(blob) // 2])
    lines = [
        json.dumps({"title": "News-please record", "maintext": "Text from news-please.", "date_publish": "2021-05-24 10:00:00",
                    "url": "https://www.dw.com/en/mali/a-1", "source_domain": "dw.com", "authors": ["A B"]}),
        "{this is not json",
        json.dumps({"title": "Trafilatura record", "text": "Text from trafilatura.", "date": "2020-08-20",
                    "url": "https://www.bbc.com/news/x", "hostname": "bbc.com"}),
    ]
    (root / "mixed.jsonl").write_text("\n".join(lines) + "\n")


def test_feed_and_dataset_records_are_read_whatever_they_call_their_fields(tmp_path):
    """A NewsAPI export (publishedAt, content, a source object), an RSS item turned JSON
    (headline, link, pubDate) and schema.org's NewsArticle (articleBody, datePublished) were
    indexed undated, titled by their first sentence and linked to the file: only news-please's,
    trafilatura's and plain snake_case keys were read."""
    recs = [
        {"source": {"id": "bbc-news", "name": "BBC News"}, "title": "Envoy expelled", "url": "https://www.bbc.co.uk/news/x",
         "publishedAt": "2022-06-01T09:00:00Z", "content": "Mali expelled the French ambassador on Monday."},
        {"headline": "Rates rise", "link": "https://news.example.org/boe", "pubDate": "Tue, 10 May 2022 14:00:00 GMT",
         "body": "The Bank of England raised rates on Thursday."},
        {"Headline": "Army seizes power", "articleBody": "Burkina Faso's army seized power.", "datePublished": "2022-01-24",
         "publication": "Le Monde", "section": "Africa"},
        {"title": "Exact key wins", "text": "Exact text.", "Text": "Variant text.", "published_at": "2021-01-02",
         "date": "2020-05-06"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    arts, errs = _split(list(read([tmp_path / "feed.jsonl"])))
    assert errs == []
    got = [(a.title, str(a.published), a.source, a.url.split("#")[0] if a.url.startswith("file:") else a.url) for a in arts]
    file_url = (tmp_path / "feed.jsonl").resolve().as_uri()
    assert got == [("Envoy expelled", "2022-06-01", "BBC News", "https://www.bbc.co.uk/news/x"),
                   ("Rates rise", "2022-05-10", "news.example.org", "https://news.example.org/boe"),
                   ("Army seizes power", "2022-01-24", "Le Monde", file_url),
                   ("Exact key wins", "2020-05-06", "feed", file_url)], got
    assert arts[2].raw == "Burkina Faso's army seized power." and arts[2].meta == {"section": "Africa"}
    # the variant is kept with the record's other keys (it was dropped), and a note says so
    assert arts[3].raw == "Exact text." and arts[3].meta == {"Text": "Variant text."}
    assert arts[3].notes == ['text "Exact text." and Text "Variant text." name one field: text is read, '
                             'Text kept unindexed']
    # a date no reading fits is reported under the record's own name for the key
    (tmp_path / "bad.jsonl").write_text(json.dumps({"title": "T", "text": "Some text here.", "publishedAt": "soon"}) + "\n")
    art = next(a for a in read([tmp_path / "bad.jsonl"]) if isinstance(a, Article))
    assert art.published is None and art.notes[0].startswith('publishedAt "soon" could not be read'), art.notes


def test_messy_folder_reports_every_bad_input(tmp_path):
    folder = tmp_path / "messy"
    make_messy_folder(folder)
    arts, errs = _split(list(read([folder])))
    by_id = {a.id: a for a in arts}
    assert "messy/latin1.txt" in by_id and "Café" in by_id["messy/latin1.txt"].raw
    assert "messy/good.txt" in by_id
    np_ = next(a for a in arts if a.source == "dw.com")
    assert np_.title == "News-please record" and str(np_.published) == "2021-05-24" and np_.meta["authors"] == ["A B"]
    tf = next(a for a in arts if a.source == "bbc.com")
    assert tf.raw == "Text from trafilatura." and str(tf.published) == "2020-08-20"
    reasons = {Path(e.path).name: e for e in errs}
    assert "binary" in reasons["binary.txt"].reason
    assert "empty" in reasons["empty.txt"].reason
    assert reasons["mixed.jsonl"].line == 2
    assert "gzip" in reasons["truncated.jsonl.gz"].reason
    # records before the truncation point are kept
    assert sum(1 for a in arts if a.source == "example.org") > 0


def test_html_and_warc(tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    (folder / "page.html").write_bytes(
        "<html lang='fr'><head><meta charset='windows-1252'><title>Été</title></head><body><p>Crème brûlée</p></body></html>".encode("cp1252"))
    with open(folder / "crawl.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, ctype in enumerate(["text/html; charset=utf-8", "image/png"]):
            payload = b"<html><body><p>Page %d about Mali</p></body></html>" % i
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://www.example.com/a/{i}", "response", payload=__import__("io").BytesIO(payload), http_headers=headers))
    arts, errs = _split(list(read([folder])))
    assert errs == []
    html = next(a for a in arts if a.id == "web/page.html")
    assert html.kind == "html" and "Crème brûlée" in html.raw
    warc = [a for a in arts if a.url.startswith("https://")]
    assert len(warc) == 1 and warc[0].source == "example.com" and warc[0].id.startswith("url-")


def test_missing_path_is_an_error_not_an_exception(tmp_path):
    arts, errs = _split(list(read([tmp_path / "nope"])))
    assert arts == [] and "no such file" in errs[0].reason


def test_reuters_loads_as_is(shared_dir):
    it = read([shared_dir / "data" / "reuters21578.jsonl.gz"])
    first = next(it)
    assert isinstance(first, Article)
    assert first.id == "reuters21578#1" and first.title == "BAHIA COCOA REVIEW"
    assert str(first.published) == "1987-02-26" and first.meta["places"] == ["el-salvador", "usa", "uruguay"]


def test_a_mirrored_sites_pages_are_read_whatever_their_names_and_its_page_parts_passed_over(tmp_path):
    """wget and HTTrack save pages as "article.php?id=7", "story.shtml" or "2021/mali-coup" (no
    suffix): each was "unsupported file type", so a mirrored site indexed no article, and each
    of its images, style sheets and scripts was reported too."""
    site = tmp_path / "site"
    (site / "news" / "2021").mkdir(parents=True)
    body = "<p>" + "Mali's junta leader met ECOWAS envoys in Bamako on Monday, officials said. " * 4 + "</p>"
    pages = {"news/article.php?id=7": "<!DOCTYPE html>", "news/story.shtml": "\ufeff<!-- saved -->\n<html lang=en>",
             "news/2021/mali-coup": "<?xml version='1.0'?>\n<html>"}
    for name, start in pages.items():
        (site / name).write_text(f"{start}<head><title>T {name}</title></head><body><article>{body}</article></body></html>")
    for part in ("logo.png", "logo.png?v=2", "style.css", "app.js", "font.woff2", "clip.mp4"):
        (site / part).write_bytes(b"\x89PNG\r\n\x1a\n" if part.startswith("logo") else b"body{}")
    (site / "report.pdf").write_bytes(b"%PDF-1.4")
    (site / "notes.log").write_text("Not a page, not an article type.")
    (site / "blob").write_bytes(bytes(range(256)))
    arts, errs = _split(list(read([site])))
    assert sorted(a.id for a in arts) == sorted(f"site/{n}" for n in pages) and all(a.kind == "html" for a in arts)
    assert sorted((Path(e.path).name, e.reason) for e in errs) == [
        ("blob", "unsupported file type (none)"), ("notes.log", "unsupported file type .log"),
        ("report.pdf", "unsupported file type .pdf")]


def test_a_compressed_page_is_said_to_be_one_and_what_to_do(tmp_path):
    """"page.html.gz: unsupported file type .gz" read as if gzip were refused, though
    feed.jsonl.gz is read. A compressed page or text file says so and what to do; a .gz of
    nothing a reader takes is still "unsupported file type .gz"."""
    import gzip

    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<html><body><p>Mali</p></body></html>"))
    (tmp_path / "Notes.TXT.gz").write_bytes(gzip.compress(b"Title\n\nBody text."))
    (tmp_path / "blob.gz").write_bytes(gzip.compress(b"x"))
    arts, errs = _split(list(read([tmp_path])))
    assert arts == []
    assert sorted((Path(e.path).name, e.reason) for e in errs) == [
        ("Notes.TXT.gz", "unsupported file type .gz: a compressed .txt file is not read "
                         "(gunzip it; only .jsonl.gz, .ndjson.gz, .json.gz, .jl.gz, .jsonlines.gz, .ldjson.gz and .warc.gz are read compressed)"),
        ("blob.gz", "unsupported file type .gz"),
        ("page.html.gz", "unsupported file type .gz: a compressed .html file is not read "
                         "(gunzip it; only .jsonl.gz, .ndjson.gz, .json.gz, .jl.gz, .jsonlines.gz, .ldjson.gz and .warc.gz are read compressed)")]


def test_a_key_given_twice_in_two_spellings_is_kept_and_noted(tmp_path):
    """A record giving `publishedAt` and `published_at` (two exports merged) was read by one
    and the other dropped, its value with it, unsaid: the article's date could be the wrong one
    and nothing told. The variant is kept with the record's other keys and, where the two
    differ, the run's notes say which was read; the same value twice says nothing."""
    recs = [
        {"title": "Curfew lifted", "text": "Kenya lifted a night curfew in Nairobi on Thursday.",
         "publishedAt": "2021-05-06T10:00:00Z", "published_at": "2021-05-07"},
        {"title": "Cedi slides", "text": "Ghana's cedi fell to a record low on Monday.",
         "publishedAt": "2021-05-03", "published_at": "2021-05-03"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    arts, errs = _split(list(read([tmp_path / "feed.jsonl"])))
    assert errs == []
    assert [str(a.published) for a in arts] == ["2021-05-07", "2021-05-03"]
    assert arts[0].meta == {"publishedAt": "2021-05-06T10:00:00Z"}
    assert arts[0].notes == ['published_at "2021-05-07" and publishedAt "2021-05-06T10:00:00Z" name one field: '
                             'published_at is read, publishedAt kept unindexed']
    assert arts[1].notes == [] and arts[1].meta == {"publishedAt": "2021-05-03"}


def test_jsonl_records_read_through_a_link_name_the_file_itself(tmp_path):
    """read_file resolves the file once for all its records (it did so twice per record): each
    record still has the resolved path and, without a url of its own, that file's URL and line."""
    real = tmp_path / "real"
    real.mkdir()
    recs = [{"title": f"T{i}", "text": f"Body number {i}."} for i in range(3)] + [{"text": "Linked.", "url": "https://x.org/a"}]
    (real / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    arts, errs = _split(list(read([tmp_path / "link" / "feed.jsonl"])))
    assert errs == []
    target = (real / "feed.jsonl").resolve()
    assert [a.path for a in arts] == [str(target)] * 4
    assert [a.url for a in arts] == [f"{target.as_uri()}#{n}" for n in (1, 2, 3)] + ["https://x.org/a"]


def test_jsonl_lone_surrogates_are_replaced_whatever_the_escape_case(tmp_path):
    """A record is walked for lone surrogates only when its line can hold one (an escape from
    \\ud800 to \\udfff in either case, or one in the text): each such one is still U+FFFD, and
    other escapes (\\u00e9, an escaped backslash before "ud83d") read as they did."""
    lines = [
        '{"id": "a", "title": "Upper \\uD83D", "text": "Low \\udE00 half; \\u00e9t\\u00e9", "x\\uDBFF": 1}',
        '{"id": "b", "title": "Plain \\u00e9", "text": "A backslash \\\\ud83d is text; \\ud83d\\ude00 a pair"}',
        json.dumps({"id": "c", "title": "Caf\u00e9", "text": "No escapes at all, \u00e9t\u00e9."}, ensure_ascii=False),
    ]
    (tmp_path / "s.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errs = _split(list(read([tmp_path / "s.jsonl"])))
    assert errs == []
    got = [(a.title, a.raw, a.meta) for a in arts]
    assert got == [("Upper \ufffd", "Low \ufffd half; \u00e9t\u00e9", {"x\ufffd": 1}),
                   ("Plain \u00e9", "A backslash \\ud83d is text; \U0001F600 a pair", {}),
                   ("Caf\u00e9", "No escapes at all, \u00e9t\u00e9.", {})], got

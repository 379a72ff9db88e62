"""Two captures of one URL (a daily crawl, a news-please file appended): the newer is
indexed, whatever order the files are read in, and the older is reported (QA pass 4:
the first one read was kept, so updates and corrections never became searchable)."""
from __future__ import annotations

import io
import json
import shutil

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from search import Store, indexer, open_index, run_search

URL = "https://example.org/governor"
DAY1 = ("Governor under pressure", "The governor faced calls to resign on Tuesday after the central bank "
        "raised interest rates by half a point, citing persistent inflation in the region.")
DAY2 = ("Governor resigns after rate decision", "The governor resigned on Wednesday evening, a day after calls "
        "to resign over the central bank decision to raise interest rates by half a point.")


def _warc(title: str, body: str, date: str) -> bytes:
    return _warc_pages((f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>",
                        date))


def _warc_pages(*pages: tuple[str, str]) -> bytes:
    """One WARC file of responses for URL: (html, WARC-Date) each, in that order."""
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    for page, date in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(URL, "response", payload=io.BytesIO(page.encode()), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


def _titles(index) -> list[str]:
    return [h.title for h in run_search(open_index(index), "").hits]


def test_the_newer_warc_capture_is_indexed_in_either_reading_order(tmp_path):
    for first, second in (("a.warc", "b.warc"), ("b.warc", "a.warc")):  # the newer file read first, then last
        src = tmp_path / first / "src"
        src.mkdir(parents=True)
        (src / first).write_bytes(_warc(*DAY2, "2021-03-04T10:00:00Z"))
        (src / second).write_bytes(_warc(*DAY1, "2021-03-03T10:00:00Z"))
        index = tmp_path / first / "ix"
        result = indexer.run(Store(index), [str(src)])
        assert _titles(index) == ["Governor resigns after rate decision"], first
        assert result["indexed"] == 1
        older = [f for f in result["failed"] if f["reason"].startswith("an older capture of url-")]
        assert [f["path"].rsplit("/", 1)[-1] for f in older] == [second], result["failed"]
        assert older[0].get("line") == 1  # its record, also when it was read first (QA pass 5)


def test_removing_and_restoring_the_older_crawl_keeps_the_newer(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "crawl-03.warc").write_bytes(_warc(*DAY1, "2021-03-03T10:00:00Z"))
    (src / "crawl-04.warc").write_bytes(_warc(*DAY2, "2021-03-04T10:00:00Z"))
    index = tmp_path / "ix"
    indexer.run(Store(index), [str(src)])
    shutil.move(src / "crawl-03.warc", tmp_path / "day1.bak")
    indexer.run(Store(index), [str(src)])
    assert _titles(index) == ["Governor resigns after rate decision"]
    shutil.move(tmp_path / "day1.bak", src / "crawl-03.warc")
    result = indexer.run(Store(index), [str(src)])
    assert _titles(index) == ["Governor resigns after rate decision"]
    assert any("an older capture" in f["reason"] and f["path"].endswith("crawl-03.warc") for f in result["failed"])
    # the newer crawl deleted: the older capture comes back, it is all the archive has
    (src / "crawl-04.warc").unlink()
    indexer.run(Store(index), [str(src)])
    assert _titles(index) == ["Governor under pressure"]


def test_news_please_records_of_one_url_keep_the_later_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, (title, text), when in (("2021-03-04.jsonl", DAY2, "2021-03-04 09:00:00"),
                                      ("2021-03-03.jsonl", DAY1, "2021-03-03 10:00:00")):
        (src / name).write_text(json.dumps({"url": URL, "title": title, "maintext": text, "date_publish": when}) + "\n")
    result = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert _titles(tmp_path / "ix") == ["Governor resigns after rate decision"]
    assert [f["path"].rsplit("/", 1)[-1] for f in result["failed"]] == ["2021-03-03.jsonl"]


def test_captures_in_two_sources_indexed_by_separate_runs(tmp_path):
    """`index s2` then `index s1` (QA pass 5): the older capture from s1 replaced the newer
    one of s2 without a word; in the other order the displaced capture went unreported."""
    for order in (("new", "old"), ("old", "new")):
        base = tmp_path / "-".join(order)
        (base / "new").mkdir(parents=True)
        (base / "old").mkdir()
        (base / "new" / "b.warc").write_bytes(_warc(*DAY2, "2021-03-04T10:00:00Z"))
        (base / "old" / "a.warc").write_bytes(_warc(*DAY1, "2021-03-03T10:00:00Z"))
        index = base / "ix"
        indexer.run(Store(index), [str(base / order[0])])
        result = indexer.run(Store(index), [str(base / order[1])])
        assert _titles(index) == ["Governor resigns after rate decision"], order
        assert [f["path"].rsplit("/", 1)[-1] for f in result["failed"]] == ["a.warc"], (order, result["failed"])
        assert indexer.run(Store(index), None)["failed"][0]["path"].endswith("a.warc")  # reindex: the same
        assert _titles(index) == ["Governor resigns after rate decision"]


def test_a_newer_capture_that_is_a_bot_check_leaves_the_older_indexed(tmp_path):
    """Crawled again and blocked, in one WARC: the older capture was given up for the newer
    before the newer's cleaning found a bot check, and the URL had no article at all."""
    from test_clean_interstitial import CLOUDFLARE

    day1 = (f"<html><head><title>{DAY1[0]}</title></head><body><h1>{DAY1[0]}</h1><p>{DAY1[1]}</p></body></html>",
            "2021-03-03T10:00:00Z")
    blocked = (CLOUDFLARE, "2021-03-04T10:00:00Z")
    for name, pages in (("old-first", (day1, blocked)), ("new-first", (blocked, day1))):
        src = tmp_path / name / "src"
        src.mkdir(parents=True)
        (src / "crawl.warc").write_bytes(_warc_pages(*pages))
        index = tmp_path / name / "ix"
        result = indexer.run(Store(index), [str(src)])
        assert _titles(index) == ["Governor under pressure"], name
        assert result["indexed"] == 1
        reasons = [f["reason"] for f in result["failed"]]
        assert len(reasons) == 1 and "Checking if the site connection is secure" in reasons[0], reasons
        again = [{**f, "again": True} for f in result["failed"]]  # skipped by the run before too
        assert indexer.run(Store(index), None)["failed"] == again  # the nightly run: the same
        assert _titles(index) == ["Governor under pressure"]


def test_the_newest_capture_that_is_an_article_is_indexed_whatever_the_order(tmp_path):
    from itertools import permutations

    from test_clean_interstitial import BLOCKED

    def page(title, body, date):
        return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>", date

    captures = [page(*DAY1, "2021-03-02T10:00:00Z"), page(*DAY2, "2021-03-03T10:00:00Z"),
                (BLOCKED, "2021-03-04T10:00:00Z")]
    for n, pages in enumerate(permutations(captures)):
        src = tmp_path / str(n) / "src"
        src.mkdir(parents=True)
        (src / "crawl.warc").write_bytes(_warc_pages(*pages))
        result = indexer.run(Store(tmp_path / str(n) / "ix"), [str(src)])
        assert _titles(tmp_path / str(n) / "ix") == ["Governor resigns after rate decision"], n
        reasons = sorted(f["reason"] for f in result["failed"])
        assert len(reasons) == 2 and reasons[0].startswith("a bot check"), reasons
        assert reasons[1].startswith("an older capture of url-") and "2021-03-02" in reasons[1], reasons

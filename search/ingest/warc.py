"""WARC files (plain or gzipped): every response or resource record with an HTML or plain-text
body is an article; every other page is reported, the crawl's own records are not."""
from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeadersParser
from warcio.exceptions import ArchiveLoadFailed

from ..article import EMPTIED, Article, IngestError
from ..clean.meta import plausible_date
from .decode import BinaryInput, decode_bytes, http_charset, printable
from .html import NO_TEXT, has_visible_text

# warcio logs "Replacing spaces in invalid WARC-Target-URI" and the like as warnings, which
# with no logging set up Python prints to stderr in the middle of a run's output: the record
# is read all the same, and a damaged one is reported by us, with its file and record.
logging.getLogger("warcio").addHandler(logging.NullHandler())


def url_id(url: str) -> str:
    """Stable id for a web page: the same URL is the same article in every capture."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def capture_date(meta: dict) -> str | None:
    """The day the crawler fetched the page (its record's WARC-Date, kept in the article's
    meta), ISO: the publication date of last resort, for a page that gives none."""
    try:
        found = plausible_date(date.fromisoformat(str(meta.get("warc_date") or "")[:10]))
    except ValueError:
        return None
    return found.isoformat() if found else None


def _cut_off(record, n: int) -> str | None:
    """Why the record is incomplete, or None. Read after the record's content.

    warcio stops quietly at the end of the file, so a record cut off in its body would
    pass for a complete (shorter) page, and one cut off in its header for a record of
    unknown type. Its `raw_stream` is a LimitReader counting down from Content-Length,
    which every WARC record must have.
    """
    length = record.rec_headers.get_header("Content-Length") if record.format == "warc" else "0"
    if not (length or "").strip().isdigit():  # warcio reads a missing or bad one as 0
        return f"record {n} has no valid Content-Length: its header is cut off or damaged"
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    missing = getattr(stream, "limit", 0) or 0
    if missing > 0:
        return f"record {n} is cut off ({missing} of its {record.length} bytes missing)"
    return None


def _unread_tail(fh: BinaryIO, end: int) -> bool:
    """True when the file holds more than blank space after offset `end` (the end of the
    last record warcio read): warcio takes a last record cut off inside its header, or a
    gzip member cut off before its first block, for the end of the archive. Hand-written:
    warcio has no check for it."""
    fh.seek(end)
    while chunk := fh.read(1 << 16):
        if chunk.strip(b" \t\r\n\x00"):
            return True
    return False


def _why(exc: BaseException) -> str:
    """A reason fit to print: warcio quotes the first line of what it could not parse,
    which for a damaged or binary file is a screenful of escaped bytes; that is left out."""
    msg = str(exc)
    head, sep, line = msg.partition(", first line: ")
    if sep and ("\\x" in line or not line.isascii()):
        msg = f"{head} (binary data where a record should start)"
    elif isinstance(exc, AttributeError):  # warcio tripping over a header cut short
        return "incomplete or malformed record header"
    return printable(msg if isinstance(exc, ArchiveLoadFailed) else f"{type(exc).__name__}: {msg}")


# The HTML signatures of the WHATWG MIME Sniffing standard (section 7.1), each followed by a
# space or ">"; written out because the standard's table is short and libmagic (python-magic)
# is a system library for one check.
_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?[\t\n\x0c\r ]*<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style"
                         rb"|title|b|body|br|p|!--)[ >]", re.I)


def _starts_like_html(body: bytes) -> bool:
    return bool(_HTML_START.match(body[:1024]))


# Which records are pages. The README promises that an input that is not indexed is reported
# with its reason: a text/plain page, a PDF, a `resource` or `revisit` record vanished without
# a word (QA). What stays silent is what is never an article, whatever the crawl:
# - the crawl's own records: warcinfo, request (what the crawler sent), metadata (outlinks,
#   fetch times), continuation (the rest of a segmented record), conversion (a derived copy of
#   a capture, whose original is read or reported in its own right);
# - records under a crawler's own address scheme: Heritrix's `dns:` lookups (responses, one
#   per host), wget's `metadata://gnu.org/software/wget/warc/...` resources (its manifest,
#   arguments and log, text/plain), Browsertrix's `urn:text:`, `urn:pageinfo:`, `urn:view:`
#   resources (the text, data and screenshot of a page whose response is read);
# - the robots.txt a crawler fetches for each site, to obey it (the same kind of errand as a
#   DNS lookup: one per host, and no reader's page);
# - the parts a page is built from (images, stylesheets, scripts, fonts): a crawl fetches
#   dozens for each article, and a line for each would bury the skips that matter; the page
#   they belong to is what is read. (tests/test_ingest.py::test_html_and_warc holds an image
#   response to no report: to report them after all, change _PAGE_PARTS and that test.)
_CRAWL_RECORDS = frozenset({"warcinfo", "request", "metadata", "continuation", "conversion"})
_CRAWL_SCHEMES = ("dns:", "metadata:", "urn:")
_PAGE_PARTS = ("image/", "font/", "text/css", "application/font-", "application/x-font-", "application/vnd.ms-fontobject")
# A plain-text page is an article as a .txt file is (read the same way, first line the title).
_PLAIN_TEXT = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
# Image signatures (WHATWG MIME Sniffing, 6.1), for a body without a Content-Type.
_IMAGE_START = (b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"\x00\x00\x01\x00")


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _kind(mime: str) -> str:
    """"html", "text" (read as articles), "part" (of a page: silent) or "other" (reported)."""
    if "html" in mime:  # text/html, application/xhtml+xml
        return "html"
    if mime in _PLAIN_TEXT:
        return "text"
    if mime.startswith(_PAGE_PARTS) or mime.endswith(("javascript", "ecmascript")):
        return "part"
    return "other"


def _sniffed(body: bytes) -> str:
    """The kind of a body served without a Content-Type. Only HTML is read: other text may be
    a script, JSON or a feed as well as an article, so it is reported."""
    if _starts_like_html(body):
        return "html"
    if body.startswith(_IMAGE_START) or (body[:4] == b"RIFF" and body[8:12] == b"WEBP"):
        return "part"
    return "other"


def _crawl_record(record, url: str) -> bool:
    """True for the records that are never articles (above): not read, not reported."""
    target = url.strip().lower()
    if record.rec_type in _CRAWL_RECORDS or target.startswith(_CRAWL_SCHEMES):
        return True
    try:
        return "://" in target and urlsplit(target).path == "/robots.txt"
    except ValueError:  # "http://[x": no address urlsplit takes, no robots.txt
        return False


def _status(record) -> str | None:
    """The HTTP status code of a response ("404"), or None when there is no readable one:
    an error page or a redirect is stored like an article, "404 Not Found" and all."""
    code = (record.http_headers.get_statuscode() or "").strip()
    return code if len(code) == 3 and code.isdigit() else None


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    """The pages of one WARC: HTML and plain-text responses and resources are articles, other
    pages are reported one line each, the crawl's own records pass unsaid (_crawl_record);
    what cannot be read is reported, what came before kept."""
    where = str(path)
    n = end = 0
    told = False  # some record became an article or a report: no word needed for the file
    # A revisit record is a deduplicating crawler's pointer to an earlier capture with the same
    # payload (HTTP headers, no body): no article of its own. Its original is usually in the
    # same file, read or reported in its own right, and then saying more would be a line per
    # page crawled again; a revisit whose original is not in the file (a crawl deduplicated
    # against an earlier one) is a capture lost to this file, so that one is reported. Checked
    # at the end: the original may come after it (files concatenated).
    seen_uris: set[str] = set()
    seen_ids: set[str] = set()
    revisits: list[tuple[int, str, str, str, str]] = []  # record, label, URL, original's URI and record id

    def lost_revisits() -> Iterator[IngestError]:
        nonlocal told
        for line, label, url, uri, rid in revisits:
            if (uri and uri in seen_uris) or (rid and rid in seen_ids):
                continue
            told = True
            of = "" if uri == url or not uri else f" of {printable(uri)}"
            yield IngestError(where, f"{label}: a revisit{of} (a pointer to an earlier capture, no page of its own) "
                                     f"whose original was not found in this file: skipped", line=line)
        revisits.clear()

    with path.open("rb") as fh:
        if not _unread_tail(fh, 0):  # warcio reads blank lines as a record without headers
            yield IngestError(where, "empty file", unread=EMPTIED)
            return
        fh.seek(0)
        records = ArchiveIterator(fh)
        while True:
            # Only warcio's reading is inside these broad catches: damaged bytes make it
            # raise whatever they provoke (AttributeError on a record header cut short,
            # zlib errors, ValueError...), and one damaged file must not stop the run.
            try:
                # warcio writes a warning about a record not followed by a blank line straight
                # to stderr, in the middle of the progress display: the record is read all the same
                with contextlib.redirect_stderr(io.StringIO()):
                    record = next(records, None)
            except Exception as exc:
                yield from lost_revisits()
                yield IngestError(where, f"damaged WARC after record {n}: {_why(exc)}", line=n, unread="rest")
                return
            if record is None:
                break
            if record.format != "warc" and n == 0:
                # warcio falls back to the old ARC format for any first line of five words:
                # a text file named .warc came out as "records" of its lines
                yield IngestError(where, "not a WARC file: it does not start with a WARC/1.x record header")
                return
            n += 1
            rtype = record.rec_type
            warc_type = record.rec_headers.get_header("Content-Type") or ""
            if rtype == "response" and record.http_headers is None and warc_type.startswith("application/http"):
                # warcio parses HTTP headers only under an http(s) target URI; a crawler
                # that wrote "None" there still stored the response (it was skipped unsaid)
                try:
                    record.http_headers = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"]).parse(record.raw_stream)
                except Exception:  # not an HTTP response after all: reported below
                    pass
            target = record.rec_headers.get_header("WARC-Target-URI") or ""
            url = target if "://" in target else ""  # "None", "null": no address to link or to derive an id from
            label = f"record {n} ({printable(url)})" if url else f"record {n}"
            # kind: "html" or "text" (an article), "sniff" (no Content-Type: the body decides),
            # "part" (of a page: silent), "other" (reported); None: silent or `skip`ped
            kind: str | None = None
            ctype, skip, revisit = "", None, None
            http = record.http_headers if rtype in ("response", "revisit") else None
            if _crawl_record(record, target):
                pass
            elif rtype == "revisit":
                ctype = (http.get_header("Content-Type") or "") if http is not None else ""
                if _kind(_mime(ctype)) != "part":  # a revisit of an image is no more an article than the image
                    revisit = (record.rec_headers.get_header("WARC-Refers-To-Target-URI") or target,
                               record.rec_headers.get_header("WARC-Refers-To") or "")
            elif rtype in ("response", "resource"):
                seen_uris.add(target)
                seen_ids.add(record.rec_headers.get_header("WARC-Record-ID") or "")
                if rtype == "response" and http is None and warc_type.startswith("application/http"):
                    skip = "no readable HTTP response header: skipped"
                else:
                    # a resource record (a page stored without HTTP headers: warcit, some
                    # archiving tools) or a response without them (ftp:) is typed by its WARC header
                    ctype = (http if http is not None else record.rec_headers).get_header("Content-Type") or ""
                    kind = _kind(_mime(ctype)) if ctype.strip() else "sniff"
            else:
                skip = f"a WARC-Type {printable(rtype or '(none)')} record, not a page: skipped"
            body, unreadable = b"", None
            if kind in ("html", "text", "sniff"):
                try:
                    body = record.content_stream().read()
                except Exception as exc:  # a body whose transfer or content encoding is broken
                    unreadable = exc
                if kind == "sniff":
                    # a response without a Content-Type (some crawlers and servers leave it out)
                    # is an HTML page when its body starts like one; it was dropped without a word
                    kind = "html" if unreadable is not None else _sniffed(body)
                elif kind == "text" and _starts_like_html(body):
                    # a page served as text/plain by a misconfigured server: its markup is no
                    # part of the article (a browser would show it, a reader of the archive would not want it)
                    kind = "html"
            try:
                cut = _cut_off(record, n)
                # reading to the record's end is where warcio writes its warning (above)
                with contextlib.redirect_stderr(io.StringIO()):
                    end = records.get_record_offset() + records.get_record_length()
            except Exception as exc:
                yield from lost_revisits()
                yield IngestError(where, f"damaged WARC after record {n - 1}: {_why(exc)}", line=n - 1, unread="rest")
                return
            if cut:
                yield from lost_revisits()
                yield IngestError(where, f"damaged WARC after record {n - 1}: {cut}", line=n - 1, unread="rest")
                return
            if revisit is not None:
                revisits.append((n, label, url, *revisit))
            if kind in (None, "part") and skip is None:
                continue
            told = True
            # The reports below are of records read whole that are no articles: they keep
            # nothing of an earlier run (IngestError.unread ""), as an HTTP error page does not;
            # only a body that cannot be decoded keeps its record's last indexed version.
            if skip is not None:
                yield IngestError(where, f"{label}: {skip}", line=n)
                continue
            if unreadable is not None:
                yield IngestError(where, f"{label}: cannot read the body: {_why(unreadable)}", line=n, unread="record")
                continue
            status = _status(record) if http is not None else None
            if status is not None and not status.startswith("2"):
                yield IngestError(where, f"{label}: HTTP {status}, not an article", line=n)
                continue
            if kind == "other":
                # a PDF, a feed, JSON, a video...: named, so that a user who wanted it knows
                what = printable(_mime(ctype), 60) if ctype.strip() else "no Content-Type, and the body does not start like HTML"
                yield IngestError(where, f"{label}: not an HTML or plain-text page ({what}): skipped", line=n)
                continue
            if not body.strip():
                yield IngestError(where, f"{label}: empty body", line=n)
                continue
            try:
                # the HTTP header's charset first, else as an .html or a .txt file is read
                raw = decode_bytes(body, is_html=kind == "html", declared=http_charset(ctype))
            except BinaryInput as exc:
                yield IngestError(where, f"{label}: {exc}", line=n)
                continue
            if kind == "html" and not has_visible_text(raw):
                yield IngestError(where, f"{label}: {NO_TEXT}", line=n)
                continue
            if not raw.strip():  # whitespace in UTF-16, or a lone byte-order mark
                yield IngestError(where, f"{label}: empty body", line=n)
                continue
            try:
                host = urlsplit(url).hostname or source
            except ValueError:  # "http://[x/": urlsplit raised, and the whole run stopped on one record
                host = source
            yield Article(
                id=url_id(url) if url else f"{base_id}#{n}",
                url=url,
                source=host.removeprefix("www."),
                raw=raw,
                kind=kind,
                path=str(path.resolve()),
                line=n,
                meta={"warc_date": record.rec_headers.get_header("WARC-Date")},
            )
        yield from lost_revisits()
        if _unread_tail(fh, end):
            yield IngestError(where, f"damaged WARC after record {n}: what follows is cut off or not a WARC record", line=n, unread="rest")
            return
    if n == 0:
        yield IngestError(where, "empty file: no WARC records", unread=EMPTIED)
    elif not told:
        # read whole, and none of its records is a page: nothing of it to keep (unread "")
        yield IngestError(where, f"no pages: its {n} records are the crawl's own (warcinfo, request, metadata, DNS, "
                                 "robots.txt) or parts of pages (images, styles, scripts)", unread="")

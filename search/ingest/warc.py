"""WARC files (plain or gzipped): every response record with an HTML body is an article."""
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

from ..article import Article, IngestError
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


def _status(record) -> str | None:
    """The HTTP status code of a response ("404"), or None when there is no readable one:
    an error page or a redirect is stored like an article, "404 Not Found" and all."""
    code = (record.http_headers.get_statuscode() or "").strip()
    return code if len(code) == 3 and code.isdigit() else None


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    """The HTML responses of one WARC; what cannot be read is reported, what came before kept."""
    where = str(path)
    n = html_pages = end = 0
    with path.open("rb") as fh:
        if not _unread_tail(fh, 0):  # warcio reads blank lines as a record without headers
            yield IngestError(where, "empty file")
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
            ctype = ""
            if record.rec_type == "response" and record.http_headers is None and \
                    (record.rec_headers.get_header("Content-Type") or "").startswith("application/http"):
                # warcio parses HTTP headers only under an http(s) target URI; a crawler
                # that wrote "None" there still stored the response (it was skipped unsaid)
                try:
                    record.http_headers = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"]).parse(record.raw_stream)
                except Exception:  # not an HTTP response after all: left as a non-HTML record
                    pass
            if record.rec_type == "response" and record.http_headers is not None:
                ctype = record.http_headers.get_header("Content-Type") or ""
            wanted = "html" in ctype.lower()
            # a response without a Content-Type (some crawlers and servers leave it out) is
            # an HTML page when its body starts like one; it was dropped without a word
            sniff = record.rec_type == "response" and record.http_headers is not None and not ctype.strip()
            body, unreadable = b"", None
            if wanted or sniff:
                try:
                    body = record.content_stream().read()
                except Exception as exc:  # a body whose transfer or content encoding is broken
                    unreadable = exc
                wanted = wanted or unreadable is not None or _starts_like_html(body)
            try:
                cut = _cut_off(record, n)
                end = records.get_record_offset() + records.get_record_length()
            except Exception as exc:
                yield IngestError(where, f"damaged WARC after record {n - 1}: {_why(exc)}", line=n - 1, unread="rest")
                return
            if cut:
                yield IngestError(where, f"damaged WARC after record {n - 1}: {cut}", line=n - 1, unread="rest")
                return
            if not wanted:
                continue
            html_pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            if "://" not in url:  # "None", "null": no address to link or to derive an id from
                url = ""
            label = f"record {n} ({printable(url)})" if url else f"record {n}"
            if unreadable is not None:
                yield IngestError(where, f"{label}: cannot read the body: {_why(unreadable)}", line=n, unread="record")
                continue
            status = _status(record)
            if status is not None and not status.startswith("2"):
                yield IngestError(where, f"{label}: HTTP {status}, not an article", line=n)
                continue
            if not body.strip():
                yield IngestError(where, f"{label}: empty body", line=n)
                continue
            try:
                raw = decode_bytes(body, is_html=True, declared=http_charset(ctype))
            except BinaryInput as exc:
                yield IngestError(where, f"{label}: {exc}", line=n)
                continue
            if not has_visible_text(raw):
                yield IngestError(where, f"{label}: {NO_TEXT}", line=n)
                continue
            host = urlsplit(url).hostname or source
            yield Article(
                id=url_id(url) if url else f"{base_id}#{n}",
                url=url,
                source=host.removeprefix("www."),
                raw=raw,
                kind="html",
                path=str(path.resolve()),
                line=n,
                meta={"warc_date": record.rec_headers.get_header("WARC-Date")},
            )
        if _unread_tail(fh, end):
            yield IngestError(where, f"damaged WARC after record {n}: what follows is cut off or not a WARC record", line=n, unread="rest")
            return
    if n == 0:
        yield IngestError(where, "empty file: no WARC records")
    elif html_pages == 0:
        yield IngestError(where, f"no HTML response records (of {n} records)")

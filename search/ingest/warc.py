"""WARC files (plain or gzipped): every response record with an HTML body is an article."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..article import Article, IngestError
from .decode import BinaryInput, decode_bytes


def url_id(url: str) -> str:
    """Stable id for a web page: the same URL is the same article in every capture."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    n = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                n += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                body = record.content_stream().read()
                try:
                    raw = decode_bytes(body, is_html=True)
                except BinaryInput as exc:
                    yield IngestError(str(path), f"record {n} ({url}): {exc}", line=n)
                    continue
                host = urlsplit(url).hostname or source
                yield Article(
                    id=url_id(url) if url else f"{base_id}#{n}",
                    url=url,
                    source=host.removeprefix("www."),
                    raw=raw,
                    kind="html",
                    path=str(path.resolve()),
                    meta={"warc_date": record.rec_headers.get_header("WARC-Date")},
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield IngestError(str(path), f"damaged WARC after record {n}: {exc}", line=n)

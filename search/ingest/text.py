"""Plain-text and HTML files: one article per file; the cleaner finds the title and body."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..article import Article, IngestError
from .decode import BinaryInput, decode_bytes


def read_document(path: Path, source: str, base_id: str, kind: str) -> Iterator[Article | IngestError]:
    """One file, one article of `kind` ("text" or "html"); empty and binary files are reported."""
    data = path.read_bytes()
    if not data.strip():
        # said which: no byte is most often a download that failed, blank lines a page saved empty
        yield IngestError(str(path), f"empty file: {'0 bytes' if not data else 'whitespace only'}")
        return
    try:
        raw = decode_bytes(data, is_html=kind == "html")
    except BinaryInput as exc:
        yield IngestError(str(path), str(exc))
        return
    if not raw.strip():  # whitespace in UTF-16, or a lone byte-order mark
        yield IngestError(str(path), "empty file: whitespace only")
        return
    yield Article(id=base_id, url=path.resolve().as_uri(), source=source, raw=raw, kind=kind, path=str(path.resolve()))


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    """A text file as one article (first line usually the title)."""
    return read_document(path, source, base_id, "text")

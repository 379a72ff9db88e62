"""HTML pages: one article per file; the cleaner extracts the main text and metadata."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..article import Article, IngestError
from .text import read_document


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    return read_document(path, source, base_id, "html")

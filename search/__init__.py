"""newsarchive's engine: ingest, clean, enrich, index and search news archives.

The public API used by the CLI and the web app alike.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .archive import Archive
from .article import Article, IngestError
from .query import QueryError, SearchResult, get_document, list_entities, run_search, stats
from .store import IndexBuilding, IndexBusy, IndexMissing, IndexNoAccess, IndexUnreachable, IndexUnreadable, NotAnIndex, Store
from .stories import story_versions

__all__ = [
    "Archive", "Article", "IngestError", "IndexBuilding", "IndexBusy", "IndexMissing", "IndexNoAccess", "QueryError",
    "IndexUnreachable", "IndexUnreadable", "NotAnIndex", "SearchResult", "Store", "get_document", "list_entities", "open_index", "run_search", "search", "stats",
    "story_versions", "translation_thresholds",
]


@lru_cache(maxsize=1)
def translation_thresholds() -> dict[str, float]:
    """The scores at which an article's machine-translation label becomes "possible" and
    "likely": a score of 0.69 reads as high unless one knows that "possible" starts at 0.89.

    Read from the shipped model file (search.translation.model.MODEL_PATH) by hand: importing
    search.translation loads the whole detector stack (wordfreq, the lexicons, the model's
    arrays: 130 ms and 8 MB more in a web process, measured) for two numbers."""
    raw = json.loads((Path(__file__).parent / "translation" / "model.json").read_text(encoding="utf-8"))
    return {"possible": float(raw["thresholds"]["possible"]), "likely": float(raw["thresholds"]["likely"])}


def open_index(path: str | Path | None = None) -> Archive:
    """Open the archive at `path` (default: $NEWSARCHIVE_INDEX or ./index)."""
    return Archive(path)


def search(query: str = "", filters: dict[str, list[str]] | None = None, facets=None, page: int = 1,
           per_page: int = 10, sort: str = "relevance", index: Archive | str | Path | None = None,
           match: str = "all") -> SearchResult:
    archive = index if isinstance(index, Archive) else open_index(index)
    from .schema import FACETS

    return run_search(archive, query, filters, FACETS if facets is None else facets, page, per_page, sort, match=match)

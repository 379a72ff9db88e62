"""The article record that flows through ingest → clean → enrich → index.

One dataclass for every input kind, so that each later stage reads and writes
named fields instead of passing dicts around.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


def content_hash(raw: str) -> str:
    """Hash of the raw input: the key for incremental indexing and the enrichment cache."""
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Article:
    id: str
    url: str
    source: str
    raw: str
    kind: str = "text"  # text | html: tells the cleaner which path to take
    title: str = ""
    published: date | None = None
    text: str = ""  # clean body, filled by the cleaner
    content_hash: str = ""
    path: str | None = None  # the file it came from, for --prune and reindex
    line: int | None = None  # its line (JSON Lines) or record number (WARC) in that file, for reports
    # its number among the articles its line holds (an API's response a line: ingest.jsonl), which
    # share the line: the indexer tells a file read twice (a link) from them by both
    item: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # unknown input keys, kept
    # a page of a site mirror: its address from the host-named folder holding it (ingest.mirror),
    # reported when the page gives no canonical one of its own
    mirror_url: str | None = None
    # a page's metadata file beside it (ingest.sidecar): its "title", "published" (ISO) and
    # "site_name", taken where the page gives none (pipeline.clean_article); its address is `url`
    sidecar: dict[str, str] = field(default_factory=dict)
    # what a record gives of its author and its site's name (ingest.jsonl: "author", "authors",
    # "byline"; trafilatura's "sitename", a JSON Feed's title), taken where the cleaner finds none
    # (pipeline.clean_article); they were kept unindexed among its keys, or dropped
    record_author: str | None = None
    record_site: str | None = None
    # what the reader could not take and still indexed the article without ("date '07/08/2021'
    # not understood"): told in the run's summary, where a dropped date went unsaid
    notes: list[str] = field(default_factory=list)
    # enrichments
    author: str | None = None
    credit: str | None = None
    dateline: str | None = None
    language: str | None = None
    translation: dict[str, Any] | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, list[str]] = field(default_factory=dict)
    removed: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.raw)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        d = dict(d)
        if d.get("published"):
            d["published"] = date.fromisoformat(d["published"][:10])
        return cls(**d)


# IngestError.unread of a file of records read through with none in it (emptied: no byte,
# blank lines only): nothing of it was unread, so its articles are gone, as a record
# deleted from it is. An emptied feed kept them all, by `index --prune` and `reindex` too.
EMPTIED = ""


@dataclass
class IngestError:
    """A skipped input: reported with where and why, never raised."""

    path: str
    reason: str
    line: int | None = None
    # What of the file was not read, for the indexer's deletions (not part of the report):
    # "file" (the default without a line), "rest" (from `line` on: a damaged or cut-off
    # file), "record" (the one at `line`, content unknown: a bad JSON line), "tree" (every
    # file under the folder `path`: one that cannot be listed), or "" (the record was read
    # and is not an article: an HTTP error page, a duplicate)
    unread: str | None = None

    def __post_init__(self) -> None:
        if self.unread is None:
            self.unread = "file" if self.line is None else ""

    def to_dict(self) -> dict[str, Any]:
        d = {"path": self.path, "reason": self.reason}
        if self.line is not None:
            d["line"] = self.line
        return d


@dataclass
class PassedOver:
    """Files of one source read for no article and said once for all in a note: a page's
    metadata beside it (ingest.sidecar), thousands in a scraped archive, each a report would
    bury the reports that matter. `path`: the source, where the note is said; `paths`: the
    files, whose articles of an earlier reading are gone (they were read: they hold none)."""

    path: str
    note: str
    paths: list[str]

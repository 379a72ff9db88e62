"""The cleaner's result record (kept apart so every cleaner module can import it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Cleaned:
    text: str  # paragraphs joined by "\n\n", no other newlines: offsets index this string
    title: str = ""
    published: date | None = None
    author: str | None = None
    credit: str | None = None
    dateline: str | None = None
    site_name: str | None = None
    # site_name is only a part of <title> (pagemeta.page_meta's guess, "NYTimes.com"; title_site, naming the
    # host), no metadata's: a guess, after the outlet a crawler's metadata file beside the page states
    # (pipeline.clean_article)
    site_name_from_title: bool = False
    url: str | None = None  # canonical
    language: str | None = None  # from <html lang>
    removed: list[dict[str, str]] = field(default_factory=list)  # {"text", "reason"}, in page order
    not_article: str | None = None  # why a page with text is no article (a site's listing page), else None

"""Page metadata: publication date, language, canonical URL, title, site name,
and the headline and byline blocks around the article.

Only cheap, explicit sources are read (meta tags, JSON-LD, the blocks next to
the article): htmldate's full search and trafilatura's author search cost more
than the whole extraction.
"""
from __future__ import annotations

import re
from datetime import date

from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title
from trafilatura.settings import Document

from . import meta, patterns
from .blocks import Block, key

_HEADINGS = ("h1", "h2", "h3", "h4")
_DATE_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time"'
    ' or @itemprop="datePublished" or @name="pubdate" or @name="publishdate" or @name="publish-date"'
    ' or @name="date" or @name="DC.date.issued" or @name="dc.date" or @name="DCTERMS.created"'
    ' or @name="sailthru.date" or @name="parsely-pub-date" or @property="og:published_time"'
    ' or @name="OriginalPublicationDate" or @name="DISPLAYDATE"]/@content'
    ' | //*[@itemprop="datePublished"]/@datetime | //time[@pubdate]/@datetime'
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip()
    try:
        return meta.plausible_date(date.fromisoformat(value[:10]))  # a placeholder: try the next tag
    except ValueError:
        return meta.parse_date(value)


def published(tree: HtmlElement) -> date | None:
    """Publication date from meta tags and JSON-LD: cheap and explicit. (htmldate's
    full search costs more than the whole extraction, so it is not used.)"""
    for value in tree.xpath(_DATE_XPATH):
        d = _parse_date(value)
        if d:
            return d
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        m = _JSONLD_DATE.search(script)
        if m and (d := _parse_date(m.group(1))):
            return d
    return None


def language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return (lang.strip().split("-")[0].split("_")[0].lower() or None) if lang else None


def canonical(tree: HtmlElement) -> str | None:
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xp)
        if found and found[0].strip():
            return found[0].strip()
    return None


def page_meta(tree: HtmlElement) -> Document:
    """Title, author, site name from meta tags and JSON-LD (trafilatura's cheap readers)."""
    doc = examine_meta(tree)
    try:
        doc = extract_meta_json(tree, doc)
    except Exception:  # trafilatura guards this call the same way: broken JSON-LD is common
        pass
    if not doc.title:
        doc.title = extract_title(tree)
    if not doc.sitename:
        doc.sitename = extract_sitename(tree)
    return doc


_TITLE_SEPARATORS = re.compile(r"\s+(?:[|»›:~/]|::|[-–—])\s+")


def title_beside_site(tree: HtmlElement, sitename: str | None) -> str:
    """The part of <title> that is not the site's name ("TED Blog | 5 videos of Philippe
    Petit" gives the second), or "" when <title> has no such part."""
    raw = " ".join((tree.findtext(".//title") or "").split())
    parts = [p for p in _TITLE_SEPARATORS.split(raw) if p]
    if not sitename or len(parts) < 2 or not any(key(p) == key(sitename) for p in parts):
        return ""
    rest = [p for p in parts if key(p) != key(sitename)]
    return rest[0] if len(rest) == 1 and _title_like(rest[0]) and not patterns.match(rest[0]) else ""


def headline(blocks: list[Block], text: str, meta_title: str) -> tuple[int | None, str]:
    """(block index, title). Candidates are the headings just above the article's first
    paragraph; one that agrees with <title>/og:title wins (it lacks the " | Site" tail);
    without a usable meta title (none, or the site's name) the nearest heading wins."""
    head = " ".join(text.partition("\n\n")[0].split())[:40]
    start = next((i for i, b in enumerate(blocks) if head and b.text.startswith(head)), None)
    if start is None:  # punctuation or spacing differ: compare normalised keys (slower)
        first = key(head)
        start = next((i for i, b in enumerate(blocks) if first and key(b.text).startswith(first)), None)
    candidates: list[tuple[int, bool]] = []  # (index, is a heading element)
    if start is not None:
        if blocks[start].tag in _HEADINGS and _title_like(blocks[start].text):
            candidates.append((start, True))  # the extractor kept the headline itself
        for n, i in enumerate(range(start - 1, max(-1, start - 8), -1)):
            b = blocks[i]
            if meta.parse_byline(b.text) or patterns.match(b.text):
                continue
            if b.tag in _HEADINGS and _title_like(b.text):
                candidates.append((i, True))
            elif n <= 1 and b.reason in (None, "page header") and _title_like(b.text, 3):
                candidates.append((i, False))
    tkey = set(key(meta_title).split())
    for i, heading in candidates:
        words = key(blocks[i].text).split()
        agrees = bool(tkey) and len(tkey.intersection(words)) >= 0.6 * len(words)
        # the nearest heading of 3+ words is the headline more often than a meta
        # title (blogs put their own name there); a plain block only if they agree
        if agrees or (heading and len(words) >= 3) or (not tkey and heading):
            return i, blocks[i].text
    at = next((i for i, b in enumerate(blocks) if tkey and key(b.text) == key(meta_title)), None)
    return at, meta_title


def _title_like(text: str, min_words: int = 2) -> bool:
    words = text.split()
    return min_words <= len(words) <= 30 and not text.endswith((".", ",", ";", ":"))


def head_bylines(blocks: list[Block], at: int | None) -> list[tuple[int, str | None, date | None]]:
    """Byline/date lines right around the headline block: (index, author, date)."""
    if at is None:
        return []
    found = []
    for i in range(max(0, at - 3), min(len(blocks), at + 5)):
        if i == at or len(blocks[i].text) > 120:
            continue
        if by := meta.parse_byline(blocks[i].text):
            found.append((i, *by))
        elif stamp := meta.parse_date_stamp(blocks[i].text):
            found.append((i, None, stamp))
    return found


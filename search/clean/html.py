"""HTML pages: trafilatura's main-content extraction, our text classifier on top,
and a visible-block walk that reports every block the page lost, with a reason.

The page is parsed once with lxml and the tree shared: trafilatura copies it
before pruning, and our block walk and metadata read the same tree. (The block
walk uses lxml rather than BeautifulSoup: a BeautifulSoup parse costs about
18 ms per page here, more than the whole extraction budget allows.)
"""
from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title
from trafilatura.settings import Document
from trafilatura.utils import load_html

from . import meta, patterns
from .record import Cleaned
from .text import clean_text, is_article_like

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
              "iframe", "object", "embed", "canvas", "select", "option", "button"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table",
          "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt",
          "dl", "form", "figure", "figcaption", "br", "hr", "main", "address", "center", "caption",
          "label", "fieldset", "legend", "body", "html"}
# why a block outside the article is there, from its container's tag or class/id
_CONTAINER_TAGS = {"nav": "navigation", "header": "page header", "footer": "page footer",
                   "aside": "sidebar", "form": "form", "figcaption": "caption"}
_CONTAINER_HINTS = [
    (re.compile(r"comment|disqus|respond|reply", re.I), "comments"),
    (re.compile(r"share|social|sharing|follow|facebook|twitter", re.I), "share/follow"),
    (re.compile(r"related|recommend|popular|trending|more-?stories|read-?more|also", re.I), "related list"),
    (re.compile(r"newsletter|subscribe|signup|sign-up", re.I), "newsletter"),
    (re.compile(r"(?:^|[\s_-])(?:ads?|advert\w*|sponsor\w*|promo\w*|banner)(?:$|[\s_-])", re.I), "advertisement"),
    (re.compile(r"\b(?:tags?|categor\w*|breadcrumbs?)\b", re.I), "tag list"),
    (re.compile(r"nav|menu|breadcrumb|pagination|pager", re.I), "navigation"),
    (re.compile(r"footer|copyright", re.I), "page footer"),
    (re.compile(r"header|masthead|topbar|top-bar", re.I), "page header"),
    (re.compile(r"sidebar|widget|rail", re.I), "sidebar"),
    (re.compile(r"caption|credit", re.I), "caption"),
]
_WS = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3", "h4")
FULL_CASCADE_BELOW = 500  # characters: a shorter fast extraction gets trafilatura's full cascade


# class names that describe the article's state, not a widget (WordPress puts
# "tag-mali category-news comments-open" on the article element itself)
_STATE_CLASS = re.compile(r"^(?:tag|category|categories|format|post|type|status|author|has|no|single|page|ping)[-_]|^comments?[-_](?:open|closed)$|^hentry$", re.I)


@lru_cache(maxsize=4096)
def _hint_reason(hint: str) -> str | None:
    # pages repeat the same class names hundreds of times: cache the regex verdicts
    tokens = " ".join(t for t in hint.split() if not _STATE_CLASS.match(t))
    if not tokens:
        return None
    for rx, why in _CONTAINER_HINTS:
        if rx.search(tokens):
            return why
    return None


def _context(el: HtmlElement, parent: str | None) -> str | None:
    # class/id is more specific than the tag: <aside class="related-posts"> is a related list
    return _hint_reason(f"{el.get('class', '')} {el.get('id', '')}") or _CONTAINER_TAGS.get(el.tag) or parent


class Block(NamedTuple):
    text: str
    reason: str | None  # why its container is not article (nav, comments, ...), None if unknown
    tag: str  # the innermost block element holding it


def visible_blocks(tree: HtmlElement) -> list[Block]:
    """Every visible block of the page, in page order (a recursive walk: cheaper here
    than iterwalk, whose per-event Python overhead doubled the time)."""
    out: list[Block] = []
    buf: list[str] = []
    owner: list = [None, "body"]  # (reason, tag) of the block the buffered text belongs to
    block_tags, invisible, containers = _BLOCK, _INVISIBLE, _CONTAINER_TAGS

    def flush() -> None:
        s = " ".join("".join(buf).split())
        if s:
            out.append(Block(s, owner[0], owner[1]))
        buf.clear()

    def walk(el: HtmlElement, ctx: str | None, btag: str) -> None:
        tag = el.tag
        if tag in block_tags:
            if buf:
                flush()
            btag = tag
            if tag in containers or el.get("class") or el.get("id"):
                ctx = _context(el, ctx)
        if el.text:
            if not buf:
                owner[0], owner[1] = ctx, btag
            buf.append(el.text)
        for child in el:
            ctag = child.tag
            if ctag.__class__ is str and ctag not in invisible:
                walk(child, ctx, btag)
            if child.tail:
                if not buf:
                    owner[0], owner[1] = ctx, btag
                buf.append(child.tail)
        if tag in block_tags and buf:
            flush()

    body = tree.find(".//body")
    walk(body if body is not None else tree, None, "body")
    if buf:
        flush()
    return out


def _key(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


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
        return date.fromisoformat(value[:10])
    except ValueError:
        return meta.parse_date(value)


def _published(tree: HtmlElement) -> date | None:
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


def _language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return (lang.strip().split("-")[0].split("_")[0].lower() or None) if lang else None


def _canonical(tree: HtmlElement) -> str | None:
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xp)
        if found and found[0].strip():
            return found[0].strip()
    return None


def _page_meta(tree: HtmlElement) -> Document:
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


def _headline(blocks: list[Block], text: str, meta_title: str) -> tuple[int | None, str]:
    """(block index, title). Candidates are the headings just above the article's first
    paragraph; one that agrees with <title>/og:title wins (it lacks the " | Site" tail);
    without a usable meta title (none, or the site's name) the nearest heading wins."""
    head = " ".join(text.partition("\n\n")[0].split())[:40]
    start = next((i for i, b in enumerate(blocks) if head and b.text.startswith(head)), None)
    if start is None:  # punctuation or spacing differ: compare normalised keys (slower)
        first = _key(head)
        start = next((i for i, b in enumerate(blocks) if first and _key(b.text).startswith(first)), None)
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
    tkey = set(_key(meta_title).split())
    for i, heading in candidates:
        words = _key(blocks[i].text).split()
        agrees = bool(tkey) and len(tkey.intersection(words)) >= 0.6 * len(words)
        # the nearest heading of 3+ words is the headline more often than a meta
        # title (blogs put their own name there); a plain block only if they agree
        if agrees or (heading and len(words) >= 3) or (not tkey and heading):
            return i, blocks[i].text
    at = next((i for i, b in enumerate(blocks) if tkey and _key(b.text) == _key(meta_title)), None)
    return at, meta_title


def _title_like(text: str, min_words: int = 2) -> bool:
    words = text.split()
    return min_words <= len(words) <= 30 and not text.endswith((".", ",", ";", ":"))


def _head_bylines(blocks: list[Block], at: int | None) -> list[tuple[int, str | None, date | None]]:
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


def _extract(tree: HtmlElement, url: str | None) -> str:
    """trafilatura (favor_precision, no comments), fast path first.

    The full cascade (readability and justext comparisons) costs ~40% more time but
    changed the result on 18 of 250 dev pages, all of them pages where the fast path
    returned (almost) nothing; so the full cascade runs only for short extractions.
    """
    options = {"url": url, "favor_precision": True, "include_comments": False}
    doc = trafilatura.bare_extraction(tree, fast=True, **options)
    text = (doc.text if doc is not None else "") or ""
    if len(text) < FULL_CASCADE_BELOW:
        doc = trafilatura.bare_extraction(tree, **options)
        text = (doc.text if doc is not None else "") or text
    return text


def clean_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Clean one web page; an empty or unparsable page gives an empty record."""
    tree = load_html(html)
    if tree is None:
        return Cleaned(text="", url=url)
    extracted = _extract(tree, url)
    page = _page_meta(tree)
    title = " ".join((page.title or "").split())
    if patterns.match(title) or (page.sitename and _key(title) == _key(page.sitename)):
        title = ""  # "Share this:" or the site's name is no headline
    # the text classifier over what the extractor kept: it leaves prompts and lists behind
    result = clean_text(extracted, title=title)
    if title and result.text:
        # extractors often repeat the headline as the first paragraph: it is the title
        first, _, rest = result.text.partition("\n\n")
        if _key(first) == _key(title):
            result.text = rest
    blocks = visible_blocks(tree)
    at, title = _headline(blocks, result.text, title)
    if title and result.text:
        first, _, rest = result.text.partition("\n\n")
        if _key(first) == _key(title):
            result.text = rest
    result.title = title or result.title
    result.author = result.author or page.author
    result.published = _published(tree) or result.published
    result.site_name = page.sitename or None
    result.url = _canonical(tree) or url
    result.language = _language(tree)

    result.text = _fill_gaps(blocks, result.text, at)
    # every visible block that did not make it into the text, with why
    bylines = {i: (a, d) for i, a, d in _head_bylines(blocks, at)}
    for a, d in bylines.values():  # a visible byline beats meta tags, which often name the site
        result.author = a or result.author
        result.published = result.published or d
    result.removed = _dropped_blocks(blocks, result, set(bylines)) + result.removed
    return result


def _fill_gaps(blocks: list[Block], text: str, headline: int | None = None) -> str:
    """Put back prose blocks the extractor skipped *inside* the article: between its
    headline (or first kept paragraph) and last kept paragraph, in no telling
    container, shaped like sentences. (On 300 dev pages 99% of such words between
    kept paragraphs were article text in the gold.)"""
    paras = text.split("\n\n") if text else []
    where = {p: n for n, p in enumerate(paras)}
    kept = [i for i, b in enumerate(blocks) if b.text in where]
    if len(kept) < 2:
        return text
    inserts: dict[int, list[str]] = {}
    joined = None
    last_para = -1
    first = min(kept[0], headline) if headline is not None else kept[0]
    for i in range(first, kept[-1] + 1):
        b = blocks[i]
        if b.text in where:
            last_para = where[b.text]
            continue
        if b.reason is not None or not is_article_like(b.text) or patterns.match(b.text):
            continue
        joined = joined if joined is not None else " ".join(_key(p) for p in paras)
        if _key(b.text) in joined:  # split or merged differently, but already there
            continue
        inserts.setdefault(last_para, []).append(b.text)
    if not inserts:
        return text
    out = list(inserts.get(-1, []))
    for n, p in enumerate(paras):
        out.append(p)
        out.extend(inserts.get(n, []))
    return "\n\n".join(out)


def _dropped_blocks(blocks: list[Block], result: Cleaned, bylines: set[int]) -> list[dict[str, str]]:
    """The visible blocks that are in neither the text, the title nor result.removed."""
    raw_kept = set(result.text.split("\n\n"))
    raw_kept.add(result.title)
    raw_seen = {r["text"] for r in result.removed}
    kept = ""  # normalised text, built only if a long block needs the substring test
    kept_keys: set[str] | None = None
    dropped: list[dict[str, str]] = []
    for i, (text, ctx, _) in enumerate(blocks):
        # fast path on the raw strings: most blocks are repeats or whole kept paragraphs
        if text in raw_seen or text in raw_kept:
            continue
        raw_seen.add(text)
        if kept_keys is None:
            kept_keys = {_key(p) for p in raw_kept} | {_key(r["text"]) for r in result.removed}
            kept = " ".join(kept_keys)
        k = _key(text)
        if not k or k in kept_keys:
            continue
        # a block of a few words is "kept" only as a whole paragraph (the word "Home"
        # occurs in many articles); a longer one may have been split or merged
        if k.count(" ") >= 4 and k in kept:
            continue
        kept_keys.add(k)
        if i in bylines:
            reason = "byline (author/published)"
        else:
            # the container says why when it can (cheap); the lexicon only for the rest
            reason = ctx or patterns.match(text) or "not main content"
        dropped.append({"text": text, "reason": reason})
    return dropped

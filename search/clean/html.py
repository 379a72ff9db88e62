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

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from . import patterns
from .record import Cleaned
from .text import classify, clean_text, paragraphs

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


def _context(el: HtmlElement, parent: str | None) -> str | None:
    reason = _CONTAINER_TAGS.get(el.tag) if isinstance(el.tag, str) else None
    if reason:
        return reason
    hint = f"{el.get('class', '')} {el.get('id', '')}"
    if hint.strip():
        for rx, why in _CONTAINER_HINTS:
            if rx.search(hint):
                return why
    return parent


def visible_blocks(tree: HtmlElement) -> list[tuple[str, str | None]]:
    """(text, container reason) for every visible block of the page, in page order."""
    out: list[tuple[str, str | None]] = []
    buf: list[str] = []
    ctx_of_buf: list[str | None] = [None]

    def flush() -> None:
        s = _WS.sub(" ", "".join(buf)).strip()
        if s:
            out.append((s, ctx_of_buf[0]))
        buf.clear()

    def walk(el: HtmlElement, ctx: str | None) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None or tag in _INVISIBLE or el.get("hidden") is not None:
            return
        block = tag in _BLOCK
        if block:
            flush()
        ctx = _context(el, ctx) if block else ctx
        ctx_of_buf[0] = ctx if block or not buf else ctx_of_buf[0]
        if el.text:
            if not buf:
                ctx_of_buf[0] = ctx
            buf.append(el.text)
        for child in el:
            walk(child, ctx)
            if child.tail:
                if not buf:
                    ctx_of_buf[0] = ctx
                buf.append(child.tail)
        if block:
            flush()

    body = tree.find(".//body")
    walk(body if body is not None else tree, None)
    flush()
    return out


def _key(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip().split("-")[0].split("_")[0].lower() or None if lang else None


def _canonical(tree: HtmlElement) -> str | None:
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xp)
        if found and found[0].strip():
            return found[0].strip()
    return None


def clean_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Clean one web page; an empty or unparsable page gives an empty record."""
    tree = load_html(html)
    if tree is None:
        return Cleaned(text="", url=url)
    doc = trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, include_comments=False, with_metadata=True,
    )
    extracted = (doc.text if doc is not None else "") or ""
    title = (doc.title if doc is not None else None) or ""
    # the text classifier over what the extractor kept: it leaves prompts and lists behind
    result = clean_text(extracted, title=title.strip())
    result.title = title.strip() or result.title
    if doc is not None:
        result.author = doc.author or result.author
        result.published = _parse_date(doc.date) or result.published
        result.site_name = doc.sitename or None
    result.url = _canonical(tree) or (doc.url if doc is not None else None) or url
    result.language = _language(tree)
    # every visible block that did not make it into the text, with why
    kept = _key(result.text) + " " + _key(result.title)
    removed_here = {_key(r["text"]) for r in result.removed}
    dropped: list[dict[str, str]] = []
    seen: set[str] = set()
    for text, ctx in visible_blocks(tree):
        k = _key(text)
        if not k or k in kept or k in seen or k in removed_here:
            continue
        seen.add(k)
        reason = patterns.match(text) or ctx or "not main content"
        dropped.append({"text": text, "reason": reason})
    result.removed = dropped + result.removed
    return result

"""Visible blocks of a web page, each with the reason its container gives.

Used to report every block the extractor dropped and to find the headline and
byline around the article. A recursive lxml walk over the tree trafilatura also
reads: a BeautifulSoup parse alone costs about 18 ms per page here (more than the
whole time budget of our passes), and lxml's iterwalk was twice as slow as plain
recursion.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lxml.html import HtmlElement

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


# class names that describe the article's state, not a widget (WordPress puts
# "tag-mali category-news comments-open" on the article element itself, TypePad
# "entry-category-politics", which made the post's own text a "tag list" on 53 of the 1,381
# Dragnet pages)
_STATE_CLASS = re.compile(r"^(?:entry[-_])?(?:tag|category|categories|format|post|type|status|author|has|no|single|page|ping)[-_]|^comments?[-_](?:open|closed)$|^hentry$", re.I)


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


# Blogger sets every part of a page in a "widget" named by its type: the posts are in
# <div class="widget Blog" id="Blog1">, which "widget" made a sidebar (on 122 of the 1,381
# dev pages: a paragraph the extractor missed stayed out); the other types (HTML, Profile,
# BlogArchive) are one.
_POSTS_WIDGET = re.compile(r"(?:^|\s)widget\s+Blog(?:\s|$)")


def _context(el: HtmlElement, parent: str | None) -> str | None:
    # class/id is more specific than the tag: <aside class="related-posts"> is a related list.
    # Not the page's own <body> or <html> class, which says what the page is ("sponsored",
    # "disable-wide-advert": the whole of a BBC page was an advertisement), not a container
    if el.tag in ("body", "html"):
        return parent
    hint = f"{el.get('class', '')} {el.get('id', '')}"
    if _POSTS_WIDGET.search(hint):
        return parent
    return _hint_reason(hint) or _CONTAINER_TAGS.get(el.tag) or parent


class Block(NamedTuple):
    text: str
    reason: str | None  # why its container is not article (nav, comments, ...), None if unknown
    tag: str  # the innermost block element holding it


def visible_blocks(tree: HtmlElement) -> list[Block]:
    """Every visible block of the page, in page order (a recursive walk: cheaper here
    than iterwalk, whose per-event Python overhead doubled the time)."""
    from .text import INVISIBLE as INVISIBLE_MARKS  # here: text imports markup, which imports this module

    out: list[Block] = []
    buf: list[str] = []
    owner: list = [None, "body"]  # (reason, tag) of the block the buffered text belongs to
    block_tags, invisible, containers = _BLOCK, _INVISIBLE, _CONTAINER_TAGS

    def flush() -> None:
        # without soft hyphens and the like, as the kept text has them: "The govern\xadment said"
        # matched no kept paragraph, and was listed as removed boilerplate though it was kept
        s = " ".join(INVISIBLE_MARKS.sub("", "".join(buf)).split())
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


_WORD = re.compile(r"\w+")


def key(s: str) -> str:
    """Lowercase words only: compares texts that differ in spacing and punctuation."""
    return " ".join(_WORD.findall(s.lower()))

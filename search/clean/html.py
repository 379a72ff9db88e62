"""HTML pages: trafilatura's main-content extraction, our text classifier on top,
gap filling inside the article, and a report of every visible block that was left
out, with a reason.

The page is parsed once with lxml and the tree shared: trafilatura copies it
before pruning; our block walk (blocks.py) and metadata (pagemeta.py) read it.
"""
from __future__ import annotations

import logging

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from . import pagemeta, patterns
from .blocks import Block, key, visible_blocks
from .record import Cleaned
from .text import clean_text, display_title, is_article_like

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

FULL_CASCADE_BELOW = 500  # characters: a shorter fast extraction gets trafilatura's full cascade


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
    page = pagemeta.page_meta(tree)
    title = " ".join((page.title or "").split())
    if patterns.match(title) or (page.sitename and key(title) == key(page.sitename)):
        title = ""  # "Share this:" or the site's name is no headline
    # the text classifier over what the extractor kept: it leaves prompts and lists behind
    result = clean_text(extracted, title=title)
    blocks = visible_blocks(tree)
    at, headline = pagemeta.headline(blocks, result.text, title)
    first, _, rest = result.text.partition("\n\n")
    if first and key(first) in (key(headline), key(title)):
        result.text = rest  # extractors often repeat the headline as the first paragraph
    result.title = headline or result.title or display_title(result.text.partition("\n\n")[0])
    result.author = result.author or page.author
    result.published = pagemeta.published(tree) or result.published
    result.site_name = page.sitename or None
    result.url = pagemeta.canonical(tree) or url
    result.language = pagemeta.language(tree)

    result.text = _fill_gaps(blocks, result.text, at)
    # every visible block that did not make it into the text, with why
    bylines = {i: (a, d) for i, a, d in pagemeta.head_bylines(blocks, at)}
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
        joined = joined if joined is not None else " ".join(key(p) for p in paras)
        if key(b.text) in joined:  # split or merged differently, but already there
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
            kept_keys = {key(p) for p in raw_kept} | {key(r["text"]) for r in result.removed}
            kept = " ".join(kept_keys)
        k = key(text)
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

"""Plain text that is not quite plain: a body field holding HTML markup, or HTML's
character references ("AT&amp;T", "Mali&#8217;s"), as CMS exports and scrapers write
JSON Lines records. Shown as they came, the document page read "<p>Soldiers took ..."
and a search for AT&T missed "AT&amp;T".

Markup is turned into paragraphs by the block walk clean_html uses (blocks.py), not by
trafilatura: a body field is the article already, and a main-content extractor would
judge its short paragraphs and lists on a page's terms (it dropped them); the text
classifier then removes what furniture the field carries, as for any plain text.
"""
from __future__ import annotations

import html
import re

from trafilatura.utils import load_html

from .blocks import visible_blocks

# A block element's opening tag where markup opens blocks: at the start of the text or
# of a line, or right after another tag ("</p><p>"). Prose about HTML names a tag after a
# word ("Use the <p> tag to open a paragraph"): no block opens there.
_BLOCK_OPENS = re.compile(
    r"(?:^|\n|>)[ \t]*<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|section|article|header|pre)"
    r"(?:\s[^<>]*)?>", re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)
# a character reference with its semicolon: "&amp;", "&#8217;", "&#x2019;". Not a bare
# "&copy" or "&not": html.unescape reads those too, and "Johnson&notes" is no "¬es"
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# A link written out as markup inside text: "... was, by all objective measurements, <a
# href="http://www.huffingtonpost.com/...">overpriced and underperforming</a> -- if ..." (a
# page that escaped its captions' HTML), or a YouTube preview's <a href=...><img ...></a>.
_LINK = re.compile(r"<a\s[^<>]*href\s*=\s*[\"']?(?:https?:|/|www\.)[^<>]*>.*?</a\s*>", re.I | re.S)


# How clean text carries a list item, a paragraph each: "- " (trafilatura's, and markup_text's
# for an <li>), "• " and "* " as plain-text archives write them. One definition: the cleaner's
# teaser lists and the document page's lists must agree on what an item is.
_LIST_ITEM = re.compile(r"[-•*][ \t]+(?=\S)")


def list_item(paragraph: str) -> str | None:
    """A list item's text without its bullet; None for a paragraph that is no item."""
    m = _LIST_ITEM.match(paragraph)
    return paragraph[m.end():] if m else None


def is_markup(text: str) -> bool:
    """Text laid out in HTML: a block element opened where a block starts, or two line
    breaks, and two tags at least."""
    if "<" not in text:
        return False
    opens = bool(_BLOCK_OPENS.search(text)) or len(_LINE_BREAK.findall(text)) >= 2
    return opens and len(_TAG.findall(text)) >= 2


def unescape(text: str) -> str:
    """`text` with its HTML character references replaced (an unknown name stays as it is)."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def markup_text(text: str) -> str:
    """The visible text of markup, one paragraph per block (list items "- " as trafilatura
    writes them, so the text classifier reads them alike); scripts and styles dropped.

    A blank line stays a paragraph break, as in plain text: a record's title is put on the
    body's first line that way (pipeline.clean_article), and a browser would run the two
    together. So each blank-line chunk is read apart; lxml closes what a chunk leaves open."""
    chunks = re.split(r"\n[ \t]*\n", _CODE.sub(" ", text))
    return "\n\n".join(p for chunk in chunks if (p := _chunk_text(chunk)))


_CODE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.I | re.S)


def _chunk_text(chunk: str) -> str:
    if "<" not in chunk:
        return unescape(chunk.strip())
    tree = load_html(f"<html><body>{chunk}</body></html>")
    if tree is None:
        return unescape(chunk.strip())
    return "\n\n".join(("- " if b.tag == "li" else "") + b.text for b in visible_blocks(tree))


def links_read(text: str) -> str:
    """Clean text (paragraphs joined by blank lines) with each paragraph that holds a link
    written out as markup (_LINK) read as a browser shows it: the link's words stay, its tags
    go; a paragraph left with no words (an image's link) goes. Other paragraphs, tags named
    in prose among them, are left as they are."""
    if "</a" not in text and "</A" not in text:
        return text
    paras = text.split("\n\n")
    out = [_chunk_text(p) if _LINK.search(p) else p for p in paras]
    return "\n\n".join(p for p in out if p.strip())

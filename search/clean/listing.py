"""A site mirror's listing pages (a category, a tag, an archive, a front page): a list of
links to articles, each headline perhaps over a teaser, and no article of its own.

wget and HTTrack save them beside the articles; indexed, each was an "article" titled by the
first story's headline, whose text was the teasers of the others (or "- May 2021" four times,
the dates under a tag page's links), and a search for a story found it twice.

The rule, on the blocks of the page (blocks.py) against the text kept: at least MIN_LINKED
headlines that are links (a block that is a link's whole text, of HEADLINE_WORDS words at
least, outside the page's menus, header and footer), and every paragraph kept is such a
headline or sits under one (within TEASER_GAP blocks: a date or a byline between). An article
has paragraphs in a row under its own headline; a list of related stories below it does not
make it a listing (bench/listing.py measures both on the Dragnet dev pages, all articles).
"""
from __future__ import annotations

from lxml.etree import XPath
from lxml.html import HtmlElement

from .blocks import Block, key

MIN_LINKED = 3  # linked headlines: fewer is an article's "read more" or two
HEADLINE_WORDS = 3  # words in a link's text for it to be a headline ("Read more", "Next" are not)
TEASER_GAP = 2  # blocks between a linked headline and its teaser (a date, an author)
MIN_OWNERS = 2  # stories the text kept is made of: one is a post of one paragraph under its linked title
# containers whose links are the site's, not the page's list of stories
_SITE_FURNITURE = frozenset({"navigation", "page header", "page footer", "sidebar"})

_LINKS = XPath("//a[@href]")
NOT_AN_ARTICLE = "a list of links to articles (a category, tag or index page), not an article"


def is_listing(blocks: list[Block], paras: list[str], tree: HtmlElement) -> bool:
    """Whether the page is a list of links to articles rather than an article (see the module);
    `paras`: the paragraphs of the text the cleaner kept."""
    if not paras:
        return False
    # a link's text as a block's is written: words one space apart
    links = {t for a in _LINKS(tree) if (t := " ".join(a.text_content().split())).count(" ") >= 2}
    headline = [b.text in links and b.reason not in _SITE_FURNITURE and b.text.count(" ") + 1 >= HEADLINE_WORDS
                for b in blocks]
    if len({b.text for b, h in zip(blocks, headline) if h}) < MIN_LINKED:
        return False
    found = _Blocks(blocks)
    kept: set[int] = set()
    owners: set[int] = set()  # the headlines the paragraphs kept are or sit under
    at = 0
    for p in paras:
        i = found.index(p, at)
        if i is None:
            return False
        at = i + 1
        owner = i if headline[i] else _headline_above(i, headline, kept)
        if owner is None:
            return False
        kept.add(i)
        owners.add(owner)
    return len(owners) >= MIN_OWNERS


class _Blocks:
    """Finds a paragraph's block in page order: by its text, else by its words (key), for a
    paragraph the cleaner wrote otherwise; one made of several blocks is found by none (then
    it is no teaser). Words are taken only when needed: most paragraphs are a block's text."""

    def __init__(self, blocks: list[Block]):
        self.texts = [b.text for b in blocks]
        self.keys: list[str] | None = None

    def index(self, p: str, start: int) -> int | None:
        i = next((j for j in range(start, len(self.texts)) if self.texts[j] == p), None)
        if i is not None:
            return i
        if self.keys is None:
            self.keys = [key(t) for t in self.texts]
        k = key(p)
        return next((j for j in range(start, len(self.keys)) if k and self.keys[j] == k), None)


def _headline_above(i: int, headline: list[bool], kept: set[int]) -> int | None:
    """The linked headline block `i` is a teaser of: the first above it, TEASER_GAP blocks
    between at most, with no paragraph kept between (the second paragraph of a post under
    its linked title is the post's, not a teaser)."""
    for j in range(i - 1, max(-1, i - TEASER_GAP - 2), -1):
        if headline[j]:
            return j
        if j in kept:
            return None
    return None

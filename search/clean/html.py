"""HTML pages: trafilatura's main-content extraction, our text classifier on top,
gap filling inside the article, and a report of every visible block that was left
out, with a reason.

The page is parsed once with lxml and the tree shared: trafilatura copies it
before pruning; our block walk (blocks.py) and metadata (pagemeta.py) read it.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from . import markup, meta, pagemeta, patterns, tables
from .blocks import Block, key, visible_blocks
from .listing import NOT_AN_ARTICLE as LISTING, is_listing
from .record import Cleaned
from .text import clean_text, display_title, is_article_like

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

FULL_CASCADE_BELOW = 500  # characters: a shorter fast extraction gets trafilatura's full cascade
MAX_GAP = 4  # blocks: a longer run between kept paragraphs is checked for teaser links


def _extract(tree: HtmlElement, url: str | None, prose_chars: int) -> str:
    """trafilatura (favor_precision, no comments), fast path first.

    The full cascade (readability and justext comparisons) costs ~40% more time but
    changed the result on 18 of 250 dev pages, all of them pages where the fast path
    returned (almost) nothing; so it runs only for short extractions: under
    FULL_CASCADE_BELOW characters, or under a third of the page's prose.
    """
    options = {"url": url, "favor_precision": True, "include_comments": False}
    doc = trafilatura.bare_extraction(tree, fast=True, **options)
    text = (doc.text if doc is not None else "") or ""
    if len(text) < FULL_CASCADE_BELOW or len(text) < prose_chars / 3:
        doc = trafilatura.bare_extraction(tree, **options)
        text = (doc.text if doc is not None else "") or text
    return text


# A numeric character reference to a C0 control character other than tab, newline and
# carriage return (&#8;, &#x0B;, &#27; from text pasted into a CMS): lxml puts the control
# character into the tree, where trafilatura loses the paragraph or lxml refuses the string
# ("All strings must be XML compatible"), so the whole page was skipped. Dropped unread.
_CONTROL_REF = r"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]))(?![0-9a-fA-F]);?"
_CONTROL_REF_STR = re.compile(_CONTROL_REF)
_CONTROL_REF_BYTES = re.compile(_CONTROL_REF.encode())


def _without_control_refs(html: str | bytes) -> str | bytes:
    """`html` without character references to control characters (see _CONTROL_REF)."""
    if isinstance(html, bytes):
        return _CONTROL_REF_BYTES.sub(b"", html)
    return _CONTROL_REF_STR.sub("", html)


def clean_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Clean one web page; an empty or unparsable page gives an empty record."""
    html = _without_control_refs(html)
    tree = load_html(html)
    if tree is None and isinstance(html, str) and html.strip():  # a bare fragment ("<p>...</p>"): trafilatura wants a page
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        return Cleaned(text="", url=url)
    blocks = visible_blocks(tree)
    prose = sum(len(b.text) for b in blocks if b.reason is None and is_article_like(b.text))
    extracted = _extract(tree, url, prose)
    page, guess = pagemeta.page_meta(tree, url)
    # a site's name the metadata states, before the guesses read off <title> (Cleaned.site_name_from_title)
    stated = page.sitename
    page.sitename = page.sitename or guess
    title = " ".join((page.title or "").split())
    title, in_title = pagemeta.page_title(tree, "" if patterns.match(title) else title, page.sitename, url, blocks)
    page.sitename = page.sitename or pagemeta.title_site(tree, url, in_title)
    site = meta.site_names([page.sitename, *in_title.labels])  # a byline may sign the site's name
    # the text classifier over what the extractor kept: it leaves prompts and lists behind
    result = clean_text(extracted, title=title, site=site)
    run = _prose_run(blocks)
    lost = run and len(result.text) < LOST_ARTICLE * sum(len(blocks[i].text) for i in run)
    if lost and _furniture_kept(blocks, result.text):
        result = clean_text("\n\n".join(blocks[i].text for i in run), title=title, site=site)
    elif result.text and _all_claimed(blocks, result.text):
        # the extractor kept nothing but blocks a container claims (a sidebar's list of books):
        # unclaimed prose under the page's title, however short, is the article, with the
        # unclaimed lines that end it (a short last sentence, "Tweet": the text classifier weighs them).
        # 4 of the 1,381 dev pages, F1 0.08-0.33 to 0.84-1.00; without the title's test, 18 more
        # pages whose article a container claims lost it to a promo or a sidebar's teaser
        run = _prose_run(blocks, 1)
        if run and _under_title(blocks, run[0], title):
            end = run[-1] + 1
            while end < len(blocks) and blocks[end].reason is None and not markup.is_markup(blocks[end].text):
                end += 1
            result = clean_text("\n\n".join(blocks[i].text for i in [*run, *range(run[-1] + 1, end)]), title=title,
                                site=site)
    at, headline = pagemeta.headline(blocks, result.text, title)
    first, _, rest = result.text.partition("\n\n")
    while first and not any(ch.isalnum() for ch in first):  # a stray "." or "*" above the article
        result.removed.append({"text": first, "reason": "no words"})
        first, _, rest = rest.partition("\n\n")
        result.text = "\n\n".join(p for p in (first, rest) if p)
    above = {key(headline), key(title), key(page.sitename or ""), *in_title.keys} - {""}
    # the site's name opening the text is no headline: the page's header may go on below it to the
    # headline (crewing.biz.ua's "The best seamen website", its menu and counters), cut as for any text
    headed = bool(first) and key(first) in {key(headline), key(title)} - {""}
    if first and key(first) in above:
        # extractors often repeat the headline (or the blog's name, or both) as the first
        # paragraph; a page that shows its headline twice (<h1> and a first <p> alike) had
        # the second copy open the text. _dropped_blocks lists the copies with their reason
        while rest and key(rest.partition("\n\n")[0]) in above:
            first, _, rest = rest.partition("\n\n")
        result.text = rest
    if not headed:
        result.text = _from_headline(result, headline)
    result.title = headline or result.title or display_title(result.text.partition("\n\n")[0])
    result.url = pagemeta.canonical(tree) or url
    # a byline (or a meta author) signed with the site's own name names no writer: "By NBC News" on
    # nbcnews.com, "By Food52" on a site named so; the site's name is the page's site_name
    result.author = _writer(result.author, result.url, page.sitename) or _writer(page.author, result.url, page.sitename)
    result.author = result.author and meta.without_roles(result.author)
    result.published = pagemeta.published(tree) or result.published
    result.site_name = page.sitename or None
    result.site_name_from_title = bool(result.site_name) and not stated
    result.language = pagemeta.language(tree)
    if page.author and meta.names_agencies(page.author):  # a meta author "AP": the credit, no writer
        result.credit = result.credit or meta.agencies_named(page.author)
    if result.author and (_names_the_site(result.author, result.url) or meta.names_no_one(result.author)
                          or meta.names_agencies(result.author) or meta.names_a_company(result.author)):
        result.author = None  # a visible byline below may still name one

    result.text = _fill_gaps(blocks, result.text, at, tree)
    # a page with nothing but furniture: trafilatura falls back to its menu ("Home | About"),
    # which our block walk already calls navigation; such a page has no article text
    furniture = {b.text: b.reason for b in blocks if b.reason}
    paras = [p for p in result.text.split("\n\n") if p.strip()]
    if paras and all(p in furniture and not is_article_like(p) for p in paras):
        result.text = ""  # the blocks are then listed as removed, with their reasons
    elif is_listing(blocks, paras, tree):  # a category or tag page: links to articles, none of its own
        result.text, result.not_article = "", LISTING
    # every visible block that did not make it into the text, with why
    bylines = {i: (a, d) for i, a, d in pagemeta.head_bylines(blocks, at, site)}
    for a, d in bylines.values():  # a visible byline beats meta tags, which often name the site
        result.author = _writer(a, result.url, page.sitename) or result.author
        result.published = result.published or d
    # an agency in brackets in a visible byline or date stamp ("LONDON July 24, 2012 (AP)")
    result.credit = result.credit or next(filter(None, (meta.byline_credit(blocks[i].text) for i in bylines)), None)
    result.removed = _dropped_blocks(blocks, result, set(bylines), at) + result.removed
    result.text = markup.links_read(result.text)  # after the blocks' report: it compares texts
    return result


# "By" before a record's byline (the New York Times' "byline"."original": "By Jane Roe")
_BY = re.compile(r"^\s*by\b\s*:?\s*", re.I)


def record_writer(author: str | None, url: str | None, sitename: str | None) -> tuple[str | None, str | None]:
    """A record's author (a JSON record's "author", ingest.jsonl.record_author) read as a page's meta
    author or a byline is: (its writer, the agencies it signs for or names alone, for the credit). It
    was the article's author as given: "Reuters" (NewsAPI's: the credit), "Anonymous" and "Staff Writer"
    (no one), "BBC News" for BBC News' article (the site), "By Jane Roe", "By Janie Gabbett, Reuters"."""
    name = _BY.sub("", author or "", count=1).strip()
    if not name:
        return None, None
    credit = meta.byline_credit(f"By {name}")  # "By Janie Gabbett, Reuters" (Reuters-21578's): "Reuters"
    name = meta.name_alone(name)
    return (None if not name or _names_the_site(name, url) else _writer(name, url, sitename)), credit


def _names_the_site(author: str, url: str | None) -> bool:
    """True for an author that is the site's address: cbsnews.com's meta author "CBSNews.com"
    (read by trafilatura as "CBSNews com") stood on the document page as the article's author.
    A site's name is left: a personal blog's ("Robert Nyman", robertnyman.com) is its author."""
    host = _host(url).removeprefix("www.")
    return bool(host) and meta.squashed(author) == meta.squashed(host)


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # "http://[::1": no host to compare
        return ""


# the particles of a person's name, in lower case: "Jan de Vries", "Ursula von der Leyen"
_PARTICLES = frozenset("de la le du des van von der den ter ten da das dos di del della los bin bint ibn al el".split())


def _a_name(author: str) -> bool:
    """Whether an author is a person's name: two to four capitalised words or initials ("Robert
    Nyman", "Scott H Young"), however spelt ("Ryan McDonald", "Mary O'Brien", "José García",
    "Anne-Marie Slaughter"), with the particles between ("Jan de Vries"); no word in capitals
    ("ABC News") nor one word ("FilmDrunk"), nor "The" first ("The Onion", "The Verge")."""
    words = [w for w in author.split() if w not in _PARTICLES]
    return (2 <= len(words) <= 4 and len(author.split()) - len(words) <= 2 and all(map(_name_word, words))
            and words[0] != "The")


def _name_word(word: str) -> bool:
    w = word.removesuffix(".")
    if len(w) == 1:  # an initial
        return w.isalpha() and w.isupper()
    return w[0].isupper() and not w.isupper() and all(c.isalpha() or c in "'’-" for c in w)


def _writer(author: str | None, url: str | None, sitename: str | None) -> str | None:
    """`author`, or None where it is the site's own name (_site_named)."""
    return None if not author or _site_named(author, url, sitename) else author


def _site_named(author: str, url: str | None, sitename: str | None) -> bool:
    """True for a meta author that is the site's own name, no writer's: its og:site_name
    ("FilmDrunk" on filmdrunk.uproxx.com, "World News" on worldnews.nbcnews.com) or a label of its
    host ("ABC News", abcnews.go.com) stood on the document page and in the author facet, every
    page of the site under it. A person's name that is the site's domain is a personal site's,
    its writer's ("Robert Nyman", robertnyman.com), and stays; a publication's named like one, a
    masthead's word in it ("Environmental Leader", environmentalleader.com), is the site's."""
    labels, name = pagemeta.host_words(_host(url)), meta.squashed(author)
    if not name or _a_persons(author) and labels and name == labels[-1]:
        return False
    return name in labels or name == meta.squashed(sitename or "") and not _a_persons(author)


# the words of a publication's name, no person's: "Yahoo News", "Mail Online", "Sky News"
_MASTHEAD_WORDS = frozenset("news online daily weekly times post journal herald tribune gazette chronicle magazine "
                            "media blog today world report review insider wire live network radio tv digital press "
                            "star mail express globe leader".split())


def _a_persons(name: str) -> bool:
    """Whether a site's name that is its meta author is a person's, the writer of a personal site
    on a domain not spelt as her name ("Julia Evans" on jvns.ca): her posts had no author."""
    return _a_name(name) and not any(w.lower() in _MASTHEAD_WORDS for w in name.split())


MAX_ABOVE = 12  # paragraphs: how far down the text the headline is looked for
MIN_RUN = 500  # characters of prose in a row: an article the extractor may have missed
UNDER_TITLE = 3  # blocks: how far above a short run of prose its headline may stand (a byline, a date)
LOST_ARTICLE = 0.3  # the text kept, against that run, below which the run is the article


def _furniture_kept(blocks: list[Block], text: str) -> bool:
    """Whether no prose paragraph of `text` is a block of the page that no container claims
    (navigation, sidebar, ...): the extractor kept furniture, a headline, or nothing. A page
    whose kept text is its own (unclaimed) article keeps it, however long a run of comments
    in no telling container follows (two dev pages: a post under 2,107 and 10,679 characters
    of comments)."""
    claimed = {b.text for b in blocks if b.reason is not None}
    unclaimed = {b.text for b in blocks if b.reason is None} - claimed  # a teaser both in a menu and beside it
    return not any(p in unclaimed and is_article_like(p) for p in text.split("\n\n"))


def _all_claimed(blocks: list[Block], text: str) -> bool:
    """Whether every paragraph of `text` is made of blocks that a container claims
    (navigation, newsletter, sidebar, ...), whole or several side by side (the extractor joins
    a table cell's lines into one paragraph), and none is a block no container claims."""
    unclaimed = {key(b.text) for b in blocks if b.reason is None}
    claimed = f" {' '.join(key(b.text) for b in blocks if b.reason is not None)} "
    keys = [key(p) for p in text.split("\n\n")]
    return any(keys) and all(k not in unclaimed and f" {k} " in claimed for k in keys if k)


def _under_title(blocks: list[Block], start: int, title: str) -> bool:
    """Whether one of the UNDER_TITLE blocks just above block `start` reads as the page's title."""
    tk = key(title)
    return bool(tk) and any(key(b.text) == tk for b in blocks[max(0, start - UNDER_TITLE):start])


def _prose_run(blocks: list[Block], min_run: int = MIN_RUN) -> list[int]:
    """The longest run (min_run characters of prose at least) of consecutive blocks shaped
    like sentences that no container claims for navigation, comments or the like; a short
    unclaimed block between two of them (a subheading, "Continue reading at ...") stays in
    the run.

    trafilatura once took a sports page's menu of eleven teaser paragraphs, all in <nav>,
    for the article, and the AP story below it (eleven paragraphs, 2,485 characters, in no
    telling container) was "not main content": the text classifier removed the menu, and
    the page was skipped as having no article text. Where what is kept is less than
    LOST_ARTICLE of such a run and is furniture itself (_furniture_kept), the run is read as
    the article instead: 3 of the 1,381 Dragnet dev pages (the AP story; a Blogger post whose
    extraction was the blog's "about" box; a post whose extraction was another story's
    teaser), recall 0-0.07 to 0.90-0.94. Two pages under 0.3 keep their text, a post followed
    by a long thread of comments in no telling container (0.16, 0.20); between 0.3 and 0.5,
    none would change. A template's escaped markup shown as text ("<div> <div class=...") is
    no prose."""
    best: list[int] = []
    best_len = min_run - 1
    run: list[int] = []
    size = 0
    between: int | None = None  # one short unclaimed block inside the run (a subheading)
    for i, b in enumerate([*blocks, None]):
        if b is not None and b.reason is None and not markup.is_markup(b.text):
            if is_article_like(b.text):
                if between is not None:
                    run.append(between)
                    between = None
                run.append(i)
                size += len(b.text)
                continue
            if run and between is None:
                between = i
                continue
        if size > best_len:
            best, best_len = run, size
        run, size, between = [], 0, None
    return best


def _from_headline(result: Cleaned, headline: str) -> str:
    """The text from below the headline, when the extractor kept it a few lines down
    under short lines and no prose: a page set in a layout table (Softpedia's "NEWS
    CATEGORIES: ...", "TRENDING TODAY", "BLOG" above "Google's Voting Day Doodle").
    Those lines are the page's header; they go to `removed`."""
    paras = result.text.split("\n\n")
    hk = key(headline)
    at = next((n for n, p in enumerate(paras[:MAX_ABOVE]) if hk and key(p) == hk), None)
    if not at or any(is_article_like(p) for p in paras[:at]):
        return result.text
    result.removed[:0] = [{"text": p, "reason": "above the headline"} for p in paras[:at]]
    return "\n\n".join(paras[at + 1:])


def _fill_gaps(blocks: list[Block], text: str, headline: int | None, tree: HtmlElement) -> str:
    """Put back prose blocks the extractor skipped *inside* the article: in a gap
    between two kept paragraphs (or the headline and the first one), in no telling
    container, shaped like sentences. A gap longer than MAX_GAP blocks is refilled
    only if it is mostly prose and few of its blocks are whole links: teaser lists
    and galleries look like prose too, but come with linked headlines, captions
    and pagers.

    A block put back may hold a paragraph the extractor kept from it, cut short:
    with favor_precision trafilatura deletes an empty element *with the text after
    it*, so <p><span id="more-55"></span>The mayor said... to <a>a report</a> that
    warned...</p> (WordPress's "more" anchor) came out as "a report that warned...".
    The whole block then takes the place of that fragment (no second copy of it)."""
    paras = text.split("\n\n") if text else []
    where = {p: n for n, p in enumerate(paras)}
    block_texts = {b.text for b in blocks}
    anchors = [i for i, b in enumerate(blocks) if b.text in where]
    if len(anchors) < 2:
        return text
    if headline is not None and headline < anchors[0]:
        anchors.insert(0, headline)
    inserts: dict[int, list[str]] = {}
    whole: dict[int, str] = {}  # paragraph -> the block it is a fragment of
    cut: set[int] = set()  # further fragments of a block already put in whole
    joined = None
    links: set[str] | None = None
    for a, b in zip(anchors, anchors[1:]):
        gap = range(a + 1, b)
        if not gap:
            continue
        prose = [i for i in gap if blocks[i].reason is None and is_article_like(blocks[i].text)]
        if not prose:
            continue
        if len(gap) > MAX_GAP:
            if len(prose) < 0.5 * len(gap):
                continue  # mostly widgets (captions, pagers) with some prose in between
            if links is None:  # only pages with a long gap pay for this
                links = {" ".join(el.text_content().split()) for el in tree.iter("a")}
            if sum(blocks[i].text in links for i in gap) > 0.2 * len(gap):
                continue
        after = where.get(blocks[a].text, -1)  # the headline is before paragraph 0
        before = where.get(blocks[b].text, len(paras))
        if before < after:
            # the page goes back to an earlier paragraph (the post's "« Previous | Main" line
            # again below its comments): no gap of the article's, or the whole comment thread
            # between them came back
            continue
        for i in prose:
            blk = blocks[i]
            if patterns.match(blk.text):
                continue
            joined = joined if joined is not None else " ".join(key(p) for p in paras)
            k = key(blk.text)
            if k in joined:  # split or merged differently, but already there
                continue
            # paragraphs of this gap that are a part of the block (not themselves a block)
            parts = [n for n in range(after + 1, before) if n not in whole and n not in cut
                     and paras[n] not in block_texts and _within(key(paras[n]), k)]
            if parts:
                whole[parts[0]] = blk.text
                cut.update(parts[1:])
            else:
                inserts.setdefault(after, []).append(blk.text)
    if not inserts and not whole:
        return text
    out = list(inserts.get(-1, []))
    for n, p in enumerate(paras):
        if n not in cut:
            out.append(whole.get(n, p))
        out.extend(inserts.get(n, []))
    return "\n\n".join(out)


def _within(part: str, k: str) -> bool:
    """Whether the words `part` occur in `k` (both key()s), on word boundaries."""
    return bool(part) and f" {part} " in f" {k} "


def _dropped_blocks(blocks: list[Block], result: Cleaned, bylines: set[int], at: int | None) -> list[dict[str, str]]:
    """The visible blocks that are in neither the text, the title nor result.removed.

    The title is one block of the page: the headline's (`at`), else the first that reads as
    it. Every other copy left out of the text was left unlisted; it is listed with its
    container's reason (a menu, a list of stories), else "title repeated", as a JSON Lines
    body that opens with its title is (clean._drop_repeated_title). 388 of the 1,381 dev
    pages list such a copy now, 112 as "title repeated"; no page's text changed."""
    paras = result.text.split("\n\n")
    # the cells of kept table rows ("Phoenix | $83 | 28.7%") are blocks of their own on the page.
    # A list, in text order: the substring test below finds a block split across paragraphs
    # only where they stand side by side; joined in a set's order, which changes with
    # PYTHONHASHSEED, the removed list of 11 of the 1,381 dev pages changed from run to run
    ordered = [*paras, *(c for p in paras if " | " in p for c in tables.row_cells(p) if c)]
    raw_kept = set(ordered)
    raw_seen = {r["text"] for r in result.removed}
    kept = ""  # normalised text, built only if a long block needs the substring test
    kept_keys: set[str] | None = None
    dropped: list[dict[str, str]] = []
    title, title_key = result.title, key(result.title)

    def reads_as_title(text: str) -> bool:
        return bool(title_key) and (text == title or len(title_key) <= len(text) <= 2 * len(title) + 10
                                    and key(text) == title_key)

    shown = at if at is not None and reads_as_title(blocks[at].text) else \
        next((i for i, b in enumerate(blocks) if reads_as_title(b.text)), None)
    for i, (text, ctx, _) in enumerate(blocks):
        if i == shown:  # the headline the page shows: the title, not removed
            continue
        is_title = reads_as_title(text)
        # fast path on the raw strings: most blocks are repeats or whole kept paragraphs
        if text in raw_seen or text in raw_kept:
            continue
        raw_seen.add(text)
        if kept_keys is None:
            keys = [key(p) for p in ordered] + [key(r["text"]) for r in result.removed]
            kept_keys, kept = set(keys), " ".join(keys)
        k = key(text)
        if not k or k in kept_keys:
            continue
        # a block of a few words is "kept" only as a whole paragraph (the word "Home"
        # occurs in many articles); a longer one may have been split or merged, or be a
        # part of the title
        if k.count(" ") >= 4 and (k in kept or not is_title and k in title_key):
            continue
        kept_keys.add(k)
        if is_title:  # in a menu, a sidebar, a list of stories: there for that, as any block there
            reason = ctx or "title repeated"
        elif i in bylines:
            reason = "byline (author/published)"
        else:
            # the container says why when it can (cheap); the lexicon only for the rest
            reason = ctx or patterns.match(text) or "not main content"
        dropped.append({"text": text, "reason": reason})
    return dropped

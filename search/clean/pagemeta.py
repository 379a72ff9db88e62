"""Page metadata: publication date, language, canonical URL, title, site name,
and the headline and byline blocks around the article.

Only cheap, explicit sources are read (meta tags, JSON-LD, the blocks next to
the article): htmldate's full search and trafilatura's author search cost more
than the whole extraction.
"""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from tld import get_tld
from trafilatura.metadata import TITLE_XPATHS, examine_meta, extract_meta_json, extract_metainfo, extract_sitename, extract_title
from trafilatura.settings import Document

from ..newsroom import MONTH
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


def page_meta(tree: HtmlElement, url: str | None = None) -> tuple[Document, str | None]:
    """Title, author, site name from meta tags and JSON-LD (trafilatura's cheap readers), and where they
    name no site, trafilatura's guess at its name off <title>: a guess, which a crawler's metadata file's
    outlet comes before (Cleaned.site_name_from_title). No title when they give none: trafilatura's
    fallback (a page's only <h1>, else <title>) is often the blog's name or a widget's heading, weighed in
    `page_title`. Its fallback for the site's name, a part of <title> with a dot in it, is taken where it
    names the page's host or holds a domain's name ("Poynter." on poynter.org, "NYTimes.com"): elsewhere
    it was the headline ("U.S. Pledges More Funds To Fight AIDS", "Aaaaand we're back. Sort of.")."""
    doc = examine_meta(tree)
    try:
        doc = extract_meta_json(tree, doc)
    except Exception:  # trafilatura guards this call the same way: broken JSON-LD is common
        pass
    labels = host_labels(tree, url)
    guess = None
    if not doc.sitename:
        part = extract_sitename(tree)
        if part and (_DOMAIN_NAME.search(part) or _is_site(part, [], labels)):
            guess = _site_name(_owner(part), labels)
    doc.sitename = _site_name(_owner(doc.sitename), labels)
    return doc, guess


# a domain's name in a title's part: "NYTimes.com", "SymbianV3.Com", "AutoGuide.com News" (not "U.S." nor "v4.0")
_DOMAIN_NAME = re.compile(r"[^\W\d_][\w-]*\.[^\W\d_]{2,}\b")
# a site's name that is its address: og:site_name "http://ibnlive.in.com/", "www.cbc.ca"
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# a sentence: three words or more ending with one full stop, question or exclamation mark (an ellipsis is
# a name's: "How Does She...")
_SENTENCE = re.compile(r"^\S+(?:\s+\S+){2,}(?<![.?!])[.?!]$")


def _site_name(name: str | None, labels: list[str]) -> str | None:
    """The site's name a page's metadata gives, or None where it names no site: an address is its host's
    name ("http://ibnlive.in.com/": "ibnlive.in.com"), or none where it has a path (a profile page's,
    "https://www.facebook.com/nhl"); a handle ("@NHL", twitter:site, trafilatura's last resort) and a
    sentence ("We are marketing and customer strategy consultants ...", "Today, I Only Care That You
    Vote.") name none, unless it holds the host's name ("InstantShift - Web Designers and Developers Daily
    Resource." on instantshift.com)."""
    if not name:
        return name
    if _ADDRESS.match(name):
        parts = urlsplit(name if "://" in name else "http://" + name)
        return parts.hostname.removeprefix("www.") if parts.hostname and parts.path in ("", "/") else None
    named = re.sub(r"[\W_]+", "", name.lower())
    # "Foo Media Inc." is a firm's; "Go Ask Alice!" a name's
    sentence = _SENTENCE.match(name) and not _FIRM_ABBREVIATION.search(name[:-1]) and not _exclaimed_name(name)
    if name.startswith("@") and " " not in name or sentence and not any(w in named for w in labels):
        return None
    return name


def _exclaimed_name(name: str) -> bool:
    """Whether a site's name ending in an exclamation or a question mark is a name, not a sentence: a few
    words, each capitalised, with no comma ("Go Ask Alice!", columbia.edu's; "Welcome to my blog!" is a
    sentence)."""
    words = name[:-1].split()
    return name[-1] in "!?" and len(words) <= 4 and "," not in name and all(w[0].isupper() or w[0].isdigit()
                                                                            for w in words)


# a copyright notice, which trafilatura reads for the site's name from <meta name="copyright">:
# "Copyright (c) 2012 ABC News Internet Ventures", "Copyright © 2004-2007 VMblog.com", "© Copyright 2012 -
# Foo Media", "Copyright: Foo Ltd", "Copyright (c) August 2012": its words, years (a year, not any four
# figures: "1105 Media" is a publisher) and the marks between them, up to the owner's name; "by" before
# it too ("Copyright (c) 2003 by CrewingBizUa" gave the site "by CrewingBizUa")
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|\(c\)|©)", re.I)
_NOTICE_HEAD = re.compile(r"^(?:\s*(?:copyright\b|\(c\)|©|(?:" + MONTH + r"\s+)?"
                          r"(?:19|20)\d{2}\b(?:\s*[-–]\s*\d{2,4}\b)?|[,.:;|–—-](?!\w)|by\b))+\s*", re.I)
# "All Rights Reserved." ends a notice, after a full stop, a comma or a bar ("© 2012 Foo | All Rights
# Reserved"), or is the whole of one; the full stop of a firm's abbreviation before it stays ("Foo Inc.")
_RIGHTS = re.compile(r"\s*(?P<stop>[.,;|–—-])?\s*\b(?:all|some)\s+rights\s+reserved\b\W*$", re.I)
_FIRM_ABBREVIATION = re.compile(r"\b(?:inc|ltd|co|corp|llc|plc|bros|pty|l\.p|s\.a|n\.v|l\.l\.c)$", re.I)


def _owner(sitename: str | None) -> str | None:
    """The site's name a copyright notice gives, its owner's ("ABC News Internet Ventures"), or
    None for a notice naming no one ("Copyright (c) 2012", "All rights reserved"): abcnews.go.com's
    "Copyright (c) 2012 ABC News Internet Ventures" stood on the document page as the site."""
    if not sitename:
        return sitename
    owner = sitename
    rights = _RIGHTS.search(owner)
    if rights:
        owner = owner[:rights.start()]
        owner += "." if rights.group("stop") == "." and _FIRM_ABBREVIATION.search(owner) else ""
    if _COPYRIGHT.match(owner):
        owner = _NOTICE_HEAD.sub("", owner)
    if owner == sitename:
        return sitename
    owner = owner.strip(" ,;|–—-")
    return owner if any(ch.isalnum() for ch in owner) else None


_TITLE_SEPARATORS = re.compile(r"(\s+(?:[|»›:~/]|::|[-–—])\s+)")
# "Schneier on Security: Micromorts": a colon after a word parts a blog's name from a post's
# title only where that side is known to be the site's name (it also parts "Analysis: ...")
_COLON = re.compile(r"(?<=\w)(:\s+)")
# host labels that name no site ("www.", "blogs.", ".co.uk", "blogspot.com"), nor do the platforms a
# writer's site is hosted on: on janedoe.substack.com the site is "janedoe", and the meta author "Jane
# Doe" was taken for the site's name, not the writer's (html._site_named), on Medium, GitHub Pages alike
_HOST_WORDS = frozenset("www com org net gov edu int info biz co uk us au ca blogs blog news online m mobile "
                        "blogspot wordpress typepad tumblr substack medium github gitlab livejournal ghost "
                        "squarespace wixsite weebly hashnode".split())


class TitleSite(NamedTuple):
    """What page_title read of <title> for title_site, so that it reads the title once: its parts at its
    separators, the keys of those naming the site, and the page's host labels."""
    parts: list[str]
    keys: set[str]
    labels: list[str]


def page_title(tree: HtmlElement, meta_title: str | None, sitename: str | None, url: str | None,
               blocks: list[Block]) -> tuple[str, TitleSite]:
    """The page's title, weighing what the page declares against what it shows. Review of
    1,381 Dragnet pages, where trafilatura's choice (meta tags, else the only <h1>, else
    <title>) was wrong on one in eleven:
    - the only <h1> is the visible headline ("Usain Bolt Wins Gold In 200 Meters Final",
      og:title "Bolt Wins 200 Meters Gold"), unless it is a widget's ("Newsletter subscription
      status", "About": furniture, not in <title>) or the blog's name, which <title> shows
      beside the post's ("Schneier on Security: Micromorts");
    - og:title stands where <title> or the page agrees with it; it can be the blog's name
      ("Official Blog of the National Football League" beside "Posluszny agrees ... - NFL.com");
    - <title> without the site's name at either end ("Analysis: Why Romney lost - CNN.com").
    Also <title>'s parts and the keys of those that name the site (a first paragraph so is no text)."""
    tag = " ".join((tree.findtext(".//title") or "").split())
    keyed = [(key(b.text), b.reason) for b in blocks]  # each block's key, once
    shown = {k for k, reason in keyed if reason is None}
    furniture = {k for k, reason in keyed if reason} - shown
    h1s = tree.findall(".//h1")  # the headline's element: the only <h1>, or one classed so
    h1 = " ".join((h1s[0].text_content() if len(h1s) == 1 else extract_metainfo(tree, TITLE_XPATHS) or "").split())
    h1_key = key(h1)
    labels = host_labels(tree, url)
    if sitename and key(sitename) == h1_key:
        sitename = None  # trafilatura took the post's title for the site's name
    elif sitename and key(sitename) == key(meta_title or ""):
        meta_title = None  # the site's name is no headline
    # the <h1> in the page's header or menu only: a post's title is also in a sidebar's or
    # footer's list of recent posts (a header holds either)
    where = {reason for k, reason in keyed if k == h1_key}
    masthead = h1 if where and where <= _MASTHEAD else ""
    bits = _TITLE_SEPARATORS.split(tag)
    posted, site_parts = _beside_site(tag, sitename, h1, masthead, labels, bits)
    site = TitleSite(bits[::2], site_parts, labels)
    if meta_title:
        meta_title = _beside_site(meta_title, sitename, h1, masthead, labels)[0] or meta_title
    h1_site = not h1_key or h1_key in site_parts or h1_key == key(sitename or "") or bool(patterns.match(h1))
    if meta_title and h1_key.startswith(key(meta_title)):
        h1 = meta_title  # the element holds more: "... And More + Posted by Brandon Laurino", "... 524" (comments)
    if not h1_site and (_agrees(h1, tag) or bool(meta_title) and _agrees(h1, meta_title)
                        or key(h1) not in furniture and not meta_title):
        return h1, site
    if meta_title and (not posted or _agrees(meta_title, tag) or key(meta_title) in shown):
        return meta_title, site
    if posted:
        return posted, site
    chosen = " ".join((extract_title(tree) or "").split())  # trafilatura's order of the rest
    if chosen and key(chosen) not in furniture and not patterns.match(chosen):
        return chosen, site
    if tag and _title_like(tag, 1) and not patterns.match(tag):
        return tag, site
    return meta_title or "", site


def title_site(tree: HtmlElement, url: str | None, site: TitleSite) -> str | None:
    """The site's name a page whose metadata gives none shows in its <title>: the part at either end
    that page_title read as the site's (`site.keys`) and that names the page's domain ("Slashdot" of
    "Steve Jobs' Yacht Revealed - Slashdot", "The Everywhereist"; not the section a subdomain names,
    "Sports" on sports.yahoo.com). 222 of the 1,381 Dragnet pages had
    no site's name where <title> said it, trafilatura's fallback taking only a part with a dot in it. A
    label ("Early Retirement Extreme:"), or a part of more words than a name's, is none; a part opening
    with the name before a colon, as Blogger titles a post ("Pink Sith: Abreva Conceal Patch"), is that
    name where what follows names no host ("Hatch: The Design Public® Blog" stays whole)."""
    parts, labels = site.parts, site.labels
    domains = _domain_labels(tree, url)
    for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
        part = part.strip()
        if (key(part) in site.keys and _names_host(key(part), domains) and len(part.split()) <= _SITE_WORDS
                and not part.endswith(":")):
            name, colon, rest = part.partition(": ")
            named = colon and _names_host(key(name), domains) and not _names_host(key(rest), labels)
            return _site_name(name if named else part, labels)
    return None


_SITE_WORDS = 6  # a site's name in <title>: "Did The Tribe Win Last Night?" is one, a headline longer


def host_labels(tree: HtmlElement, url: str | None) -> list[str]:
    """The words of the page's host names that may name the site ("nfl" of blogs.nfl.com)."""
    return [w for host in _hosts(tree, url) for w in host_words(host)]


def _hosts(tree: HtmlElement, url: str | None) -> list[str]:
    """The host names of the page's canonical address and of its address ("" for none)."""
    out = []
    for u in (canonical(tree), url):
        try:
            out.append(urlsplit(u or "").hostname or "")
        except ValueError:
            continue
    return out


def _domain_labels(tree: HtmlElement, url: str | None) -> list[str]:
    """The labels of the page's hosts that name the site, not a section: the domain's ("cnn" of
    money.cnn.com, "yahoo" of sports.yahoo.com), or on a host of blogs the blog's ("adwords" of
    adwords.blogspot.com, "janedoe" of janedoe.substack.com); every label of a host with no known suffix."""
    out = []
    for host in _hosts(tree, url):
        found = get_tld(host, fix_protocol=True, fail_silently=True, as_object=True) if host else None
        if found is None:
            out += host_words(host)
            continue
        label = found.domain.lower()
        if label in _HOST_WORDS and found.subdomain:  # a host of blogs ("tumblr", "substack"): the blog's
            label = found.subdomain.rpartition(".")[2]
        out += host_words(label)
    return out


def host_words(host: str) -> list[str]:
    """The labels of a host name that may name the site, in order ("filmdrunk", "uproxx" of
    filmdrunk.uproxx.com; "nfl" of blogs.nfl.com): no "www", "blogs" nor top-level domain."""
    return [w for w in host.lower().split(".") if len(w) >= 3 and w not in _HOST_WORDS]


def _is_site(part: str, names: list[str], labels: list[str]) -> bool:
    """Whether a part of a title names the site: its name, or mostly the host's ("CNN.com",
    "BBC News" on bbc.co.uk, "The Everywhereist" on everywhereist.com)."""
    k = key(part)
    if not k:
        return False
    if k == "blog archive" or any(k == key(n) for n in names if n):  # WordPress's "Site » Blog Archive » Post"
        return True
    return _names_host(k, labels)


def _names_host(k: str, labels: list[str]) -> bool:
    """Whether a part of a title (its key) is mostly a label of the page's host, read without its hyphens
    ("Healthcare Economist" on healthcare-economist.com)."""
    flat = k.replace(" ", "")
    return any(label in flat and len(label) >= 0.3 * len(flat) for label in (w.replace("-", "") for w in labels))


def _beside_site(title: str | None, sitename: str | None, h1: str, masthead: str,
                 labels: list[str], split: list[str] | None = None) -> tuple[str, set[str]]:
    """`title` without the site's name at either end ("TED Blog | 5 videos of Philippe Petit",
    "Analysis: Why Romney lost - CNN.com", "High Scalability - High Scalability - Stuff ..."),
    or "" when no end of it names the site; and the keys of the parts that do. The page's
    headline element names the site where <title> has it before a colon ("Schneier on
    Security: Micromorts"), or anywhere when the page shows it among its furniture (the
    `masthead`: "EDDIE ROSS - flower magazine"); otherwise it is the post's title
    ("Google's Voting Day Doodle - Softpedia"). `split`: `title` split at its separators, where the caller has
    split it already."""
    if not title:
        return "", set()
    for splitter in (_TITLE_SEPARATORS, _COLON):
        # parts at even places, their separators between
        bits = split if split is not None and splitter is _TITLE_SEPARATORS else splitter.split(title)
        parts = bits[::2]
        if len(parts) < 2:
            continue
        first = [h1] if splitter is _COLON else []
        # the host's name, else the site's, else the headline element's
        for site in ([_is_site(p, [], labels) for p in parts], [_is_site(p, [sitename], []) for p in parts],
                     [_is_site(p, [masthead, *(first if i == 0 else [])], []) for i, p in enumerate(parts)]):
            if any(site) and not all(site):
                break
        else:
            continue
        start = next(i for i, s in enumerate(site) if not s)
        end = next((i for i in range(start, len(site)) if site[i]), len(site))
        rest = "".join(bits[2 * start: 2 * end - 1]).strip()
        if rest and 1 <= len(rest.split()) <= 30 and not patterns.match(rest):
            return rest, {key(p) for p, s in zip(parts, site) if s}
    return "", set()


def _agrees(title: str, other: str) -> bool:
    """Most words of `title` are in `other`, stop words aside ("The Facebook Blog" and "Our
    Commitment to the Facebook Community" share one word, not two of three)."""
    words = [w for w in key(title).split() if w not in _STOP] or key(title).split()
    return bool(words) and len(set(words) & set(key(other).split())) >= 0.6 * len(words)


_COUNT_TAIL = re.compile(r" \d+(?: comments?)?")  # a count of comments after a headline
_MASTHEAD = frozenset({"page header", "navigation", "advertisement"})
_STOP = frozenset("a an and are as at be by for from has he in is it its of on or that the to was were will "
                  "with".split())


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
    titled = key(meta_title)

    def is_heading(b: Block) -> bool:  # a one-word one too where it is the title ("Micromorts")
        return b.tag in _HEADINGS and (_title_like(b.text) or bool(titled) and key(b.text) == titled)

    if start is not None:
        if is_heading(blocks[start]):
            candidates.append((start, True))  # the extractor kept the headline itself
        for n, i in enumerate(range(start - 1, max(-1, start - 8), -1)):
            b = blocks[i]
            if meta.parse_byline(b.text) or patterns.match(b.text):
                continue
            if is_heading(b):
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
            text_key = " ".join(words)
            tail = text_key[len(titled):] if text_key.startswith(titled) else ""
            if tkey and _COUNT_TAIL.fullmatch(tail):  # Slashdot's "The Nation Is Losing Its Toolbox 524"
                return i, meta_title
            return i, blocks[i].text
    at = next((i for i, b in enumerate(blocks) if tkey and key(b.text) == key(meta_title)), None)
    return at, meta_title


def _title_like(text: str, min_words: int = 2) -> bool:
    words = text.split()
    return min_words <= len(words) <= 30 and not text.endswith((".", ",", ";", ":"))


def head_bylines(blocks: list[Block], at: int | None,
                 site: frozenset[str] = frozenset()) -> list[tuple[int, str | None, date | None]]:
    """Byline/date lines right around the headline block: (index, author, date); `site` as for
    meta.parse_byline."""
    if at is None:
        return []
    found = []
    for i in range(max(0, at - 3), min(len(blocks), at + 5)):
        if i == at or len(blocks[i].text) > 120:
            continue
        if by := meta.parse_byline(blocks[i].text, site):
            found.append((i, *by))
        elif stamp := meta.parse_date_stamp(blocks[i].text):
            found.append((i, None, stamp))
    return found


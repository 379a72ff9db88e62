"""Line/paragraph classifier for flattened text (pages already turned into text).

Combines the lexicon (patterns.py), line shape and position: lexicon hits are
removed anywhere; short unknown lines are removed only in the tail zone after a
lexicon hit (related-article lists, author boxes). Everything else is kept,
because losing an article sentence costs more than keeping a junk line.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..cjk import cjk_chars, has_cjk
from . import meta, patterns, tables
from .header import split_header
from .markup import list_item
from .record import Cleaned

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_INNER_SENTENCE = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]?[A-Z]")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.I)
# newswire signature: " Reuter" / "REUTER" / "reuter" (154 of Reuters-21578's stories) alone at the very
# end of the story: the story's credit, as a credit line's agency is
_REUTER_SIG = re.compile(r"(?:\n|\s{2,}|(?<=[.)\d\"”])\s)\s*(REUTER|Reuter|reuter)\s*\x03?\s*\Z")
_TITLE_MAX_WORDS = 25
_TAIL_MAX_WORDS = 20
_INLINE_KINDS = frozenset({"advertisement", "caption residue"})  # furniture set inside an article's text
_SENTENCE_SHAPE = re.compile(r"[\"'“‘«(]?[A-Z0-9].*[.!?…][\"'”’»)]*\s*$", re.S)


def _a_sentence(line: str) -> bool:
    """A line written as a sentence: a capital first, a full stop (or ! ?) last, four words."""
    return len(line.split()) >= 4 and bool(_SENTENCE_SHAPE.match(line.strip()))


# Terminal escape sequences (ANSI colours "ESC[41m", OSC titles "ESC]0;...BEL") and the other
# C0/C1 controls: junk a scraper copied from a console or a CMS, never article text. The
# NER took "TEXT ESC[0" for a place.
_ESCAPE_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                              r"|\x1b[@-Z\\-_]?")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_CONTROL = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # vertical tab, form feed, separators
# Invisible marks inside words: soft hyphen (German and Dutch sources set one in every long
# word: "Bundes\xadregierung" was two words, found by neither), zero-width space, word joiner,
# a byte-order mark mid-text. Zero-width (non-)joiners stay: Persian and Indic spelling needs them.
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_ANY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2028\u2029\u2060\ufeff]")


def without_controls(text: str) -> str:
    """`text` with escape sequences, control characters and invisible in-word marks removed
    (tab, newline and carriage return kept; vertical tabs, form feeds and line separators
    made newlines)."""
    if not text or not _ANY_CONTROL.search(text):
        return text
    text = INVISIBLE.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return _CONTROL.sub("", _LINE_CONTROL.sub("\n", text))


def _words(s: str) -> int:
    """Words, a run of Chinese or Japanese counting one word per two characters (a typical
    word's length): "北京市政府宣布新计划" is a five-word title, not a one-word line."""
    if not has_cjk(s):
        return len(s.split())
    return sum(max(1, cjk_chars(w) // 2) if has_cjk(w) else 1 for w in s.split())


def is_article_like(p: str) -> bool:
    """A prose paragraph: long enough and punctuated like sentences."""
    n = _words(p)
    return n >= 30 or (n >= 12 and bool(_TERMINAL.search(p) or _INNER_SENTENCE.search(p)))


def _is_data_row(p: str) -> bool:
    """Table rows ("North End:  13 hrs  15 hrs") are article data, not web furniture."""
    tokens = p.split()
    return sum(any(c.isdigit() for c in t) for t in tokens) >= 0.3 * len(tokens)


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped newswire: 3+ lines within a width of 40-100 that are either mostly
    filled to that width, indented newswire-style (an indent opens a paragraph), or
    often broken mid-sentence."""
    if len(lines) < 3:
        return False
    lens = [len(ln.strip()) for ln in lines]
    width = max(lens)
    if not 40 <= width <= 100:
        return False
    body = lens[:-1]
    filled = sum(n >= 0.75 * width for n in body) / len(body) >= 0.6
    indented = sum(ln[:1] in (" ", "\t") for ln in lines[1:]) >= 2
    continued = sum(
        not _TERMINAL.search(a) and b.strip()[:1].islower() for a, b in zip(lines, lines[1:])
    ) / (len(lines) - 1) >= 0.25
    return filled or indented or continued


_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]$")


def paragraphs(text: str, body_only: bool = False) -> list[str]:
    """Split into paragraphs: blank-line blocks, hard-wrapped blocks joined, other lines kept
    apart. `body_only`: the text has no title line (its title was given apart), so its first
    block is the body's, as the blocks after a title are (_lead_cut_short)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x03", "")
    out: list[str] = []
    for n, block in enumerate(re.split(r"\n[ \t\u00a0]*\n", text)):
        lines = [ln.rstrip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if not _is_wrapped(lines) or any(tables.cells(ln) is not None for ln in lines):
            # a table's rows are lines of their own, however alike their widths
            out.extend(ln.strip() for ln in lines)
            continue
        width = max(len(ln.strip()) for ln in lines)
        cur: list[str] = []
        for ln in lines:
            indented = ln[:1] in (" ", "\t")
            # a short line ends a paragraph unless the next one carries on in lower case, or
            # it is a story's first line cut short (below)
            ended = (bool(cur) and len(cur[-1]) < 0.6 * width and not ln.strip()[:1].islower()
                     and not ((n > 0 or body_only) and len(cur) == 1 and _lead_cut_short(cur[0])))
            if cur and (indented or ended):
                out.append(_joined_lines(cur))
                cur = []
            cur.append(ln.strip())
        if cur:
            out.append(_joined_lines(cur))
    return [p for p in out if p]


# A word hyphenated at a line's end, the next line going on with a letter: "English-" /
# "language", "Anglo-" / "American" (Reuters: 35 such breaks before a lower-case letter, 24
# before a capital; QA). Joined with its hyphen, as the writer may have meant it ("week-end");
# the index also holds the joined spelling where that is a word (schema.JoiningTokenizer).
# Not a suspended hyphen: "pre-" / "and post-war".
_LINE_END_HYPHEN = re.compile(r"[^\W\d_][-\u2010\u2011]$")
_SUSPENDED = ("and ", "or ", "to ", "nor ", "und ")


def _joined_lines(lines: list[str]) -> str:
    """The lines of one hard-wrapped paragraph as one line."""
    out = [lines[0]]
    for prev, ln in zip(lines, lines[1:]):
        split_word = ln[:1].isalpha() and _LINE_END_HYPHEN.search(prev) and not ln.startswith(_SUSPENDED)
        out.append(ln if split_word else " " + ln)
    return "".join(out)


# Initials ending a line: "said L.K." / "Evans", "said the U.S." / "Supreme Court".
_INITIALS_END = re.compile(r"(?<![\w.])(?:[A-Z]\.)+$")


def _lead_cut_short(line: str) -> bool:
    """The first line of a wire story whose dateline was cut from it ("WASHINGTON, March 30 -
    Budget director James Miller said" / "President Reagan will not..."): short, three words
    or more, and no sentence ends in it. It ended a paragraph of its own in 3,012 of 19,043
    Reuters stories, and names ran across the break ("Akio" / "Morita"). Not in a text's first
    block, where a short line is its title. Initials end no sentence there: "Arvin Industries
    Inc said L.K." / "Evans has been elected president" and "Hybritech Inc said the U.S." /
    "Supreme Court denied" were two paragraphs each (87 Reuters stories; all 87 read by hand
    were one sentence)."""
    return len(line.split()) >= 3 and (not _SENTENCE_END.search(line) or _INITIALS_END.search(line) is not None)


def classify(paras: list[str], data_tables: Sequence[Sequence[int]] = ()) -> list[str | None]:
    """Removal reason per paragraph (None = keep). `data_tables` are lists of
    their rows' indices: the lexicon never judges a row ("Candidate | Party | Votes")."""
    rows = {i for table in data_tables for i in table}
    reasons: list[str | None] = [None if i in rows else patterns.match(p) for i, p in enumerate(paras)]
    prose = [i for i, p in enumerate(paras) if reasons[i] is None and is_article_like(p)]
    if not prose:
        return reasons
    first, last = prose[0], prose[-1]
    # bare links outside the article body
    for i, p in enumerate(paras):
        if reasons[i] is None and (i < first or i > last) and _URL.fullmatch(p.strip()):
            reasons[i] = "link"
    # tail zone: once web furniture starts after the last prose paragraph, short lines
    # that follow it are more of the same (headline lists, author boxes, widget labels). After
    # an ad label or a photo credit alone, which sit between an article's paragraphs too, a
    # sentence stays: a closing quote and a last short paragraph after "Advertisement" went.
    seen = inline = False
    for i in range(last + 1, len(paras)):
        if reasons[i] is not None:
            seen = seen or reasons[i] not in _INLINE_KINDS
            inline = inline or reasons[i] in _INLINE_KINDS
        elif (seen or inline) and _words(paras[i]) <= _TAIL_MAX_WORDS and not _is_data_row(paras[i]) \
                and (seen or not _a_sentence(paras[i])):
            reasons[i] = "after boilerplate (tail)"
    # a table stays or goes whole, as most of its rows would: a forum's "Similar Threads"
    # after the comments goes, header and all; a poll's table keeps its header
    for table in data_tables:
        tail = sum(reasons[i] is not None for i in table) * 2 > len(table)
        for i in table:
            reasons[i] = "after boilerplate (tail)" if tail else None
    _teaser_lists(paras, reasons)
    _comment_thread(paras, reasons, first)
    return reasons


# A list of teasers for other stories (a site's "latest news" box, often after the article):
# its items end with a read-more link ("... more »", "Read more... 2012-11-09") or a byline
# and date ("By Carrie Battan on October 30, 2012 at 10:22 a.m."), its other items are their
# headlines or section labels. 11 of the 1,381 Dragnet dev pages kept such a list, up to 39
# items, none of them in the gold text. An article's own bullet points end in no link;
# an ellipsis alone ("- Plus a number of pure gold copywriting tips…") counts only in a list
# with two such links at least.
_TEASER_END = re.compile(
    rf"(?:\bread\s+more|\bmore\s*[»›>]+|\bcontinue\s+reading|\bfull\s+story)\W*(?:{meta.DATE_ANY_RE})?\s*$"
    rf"|\bby\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s+on\s+(?:{meta.DATE_ANY_RE})"
    r"(?:\s+at\s+\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?)?\s*$", re.I)
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")


def _teaser_lists(paras: list[str], reasons: list[str | None]) -> None:
    """Mark each run of list items with two teaser endings or more, making half its items
    or more with the ellipses, "related list"."""
    run: list[int] = []
    for i in range(len(paras) + 1):
        if i < len(paras) and list_item(paras[i]) is not None:
            run.append(i)
            continue
        links = sum(bool(_TEASER_END.search(paras[j])) for j in run)
        cut = sum(bool(_ELLIPSIS_END.search(paras[j])) for j in run)
        if links >= 2 and 2 * (links + cut) >= len(run):
            for j in run:
                reasons[j] = reasons[j] or "related list"
        run = []


# A blog's comment thread as Movable Type and TypePad print it: each comment ends with its
# signature, "Posted by: Ellen at September 10, 2012 11:40 AM" or "Posted by: omni | Mar 22,
# 2007 12:56:24 AM" (a colon after "by"), and the post itself ends with the author's footer,
# "Posted by laurie at September 10, 2012 9:01 AM" (none), or trackbacks, "Tracked on Mar 22,
# 2007 6:50:51 AM". The extractor kept 7 such threads of the 1,381 Dragnet dev pages, up to 164
# comments long, prose the tail zone cannot tell from the article's.
_COMMENT_SIGNATURE = re.compile(r"posted\s+by\s*:\s*\S.{0,80}?\s*(?:\bat\b|\bon\b|\|)\s*.{0,40}\d{4}.{0,30}", re.I)
_THREAD_OPENER = re.compile(r"posted\s+by\s+[^:\s].{0,80}?\s+(?:at|on)\s+.{0,40}\d{4}.{0,40}|tracked\s+on\s+.{0,40}\d{4}.{0,30}",
                            re.I)


def _comment_thread(paras: list[str], reasons: list[str | None], prose: int) -> None:
    """Mark a comment thread "comments": from after the post's footer (or the last trackback,
    or a comment-form line) before the first comment's signature, to the end of the text
    (comments whose signatures the extractor lost go on after the last one; the comment form
    and the sidebar follow them). Two signatures at least, and that opener below the first
    prose paragraph `prose` (a "Posted by laurie on ..." byline or a "12 Comments" link above
    the post opens no thread), or nothing is marked."""
    signatures = [i for i, p in enumerate(paras) if len(p) < 200 and _COMMENT_SIGNATURE.fullmatch(p.strip())]
    if len(signatures) < 2:
        return
    openers = [i for i in range(prose + 1, signatures[0])
               if (len(paras[i]) < 200 and _THREAD_OPENER.fullmatch(paras[i].strip())) or reasons[i] == "comment form"]
    if not openers:
        return
    for i in range(openers[-1] + 1, len(paras)):
        if reasons[i] is None:
            reasons[i] = "comments"


_POST_FOOTER = re.compile(r"posted\s+(?:by|on)\b", re.I)


def strip_signature(text: str) -> tuple[str, str | None]:
    """Remove a trailing newswire " Reuter" signature; returns (text, signature or None)."""
    m = _REUTER_SIG.search(text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), m.group(1)


def _is_title_like(p: str) -> bool:
    return 2 <= _words(p) <= _TITLE_MAX_WORDS and len(p) <= 200 and not re.search(r"[.,;:。，；：]$", p)


def display_title(p: str, limit: int = 90) -> str:
    """A short title from the first sentence of a paragraph (for texts without a title line)."""
    m = re.search(r"[.!?](?=\s+[\"'“‘(]?[A-Z])", p)
    s = p[: m.end()] if m else p
    s = s.strip().rstrip(".")
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"


def _at_edge(paras: list[str], left: list[int], i: int, reasons: list[str | None]) -> bool:
    """Whether paragraph `i` opens what is `left` of the text, or ends it after a sentence or a line already
    read as a credit (meta.is_credit's `at_edge`): "Dow Jones" after "Nasdaq" and "S&P 500" ends a list (a
    market report's last lines), no story; after "(Reporting by Jane Doe)" it is the story's credit."""
    if i == left[0]:
        return True
    return i == left[-1] and (bool(_TERMINAL.search(paras[left[-2]])) or reasons[left[-2]] is not None)


def clean_text(text: str, title: str | None = None, body_only: bool = False, file_header: bool = False,
               site: frozenset[str] = frozenset()) -> Cleaned:
    """Clean flattened text. `title` (e.g. from HTML metadata) overrides title detection;
    `body_only`: the text has no title line (see paragraphs); `file_header`: a text given
    whole, not a body apart from its title (a text file, a JSON record with no title), whose
    fields on top (header.py) give its title, date, address and outlet; `site`: the names the
    page goes by (meta.site_names), which its bylines may sign."""
    lifted: list[tuple[int, dict[str, str]]] = []  # (paragraph index, removed entry)
    head = None
    if file_header and title is None:
        head, text = split_header(text)
        title = head.title if head else None
    text, sig = strip_signature(text)
    paras, data_tables = tables.unwrap(paragraphs(text, body_only))
    reasons = classify(paras, data_tables)
    published: date | None = head.published if head else None
    author = head.author if head else None
    credit = dateline = None
    credits: list[str] = []

    kept = [i for i, r in enumerate(reasons) if r is None]
    # metadata in the head: date prefix, byline (an agency in brackets in it, "By John Smith (AP)",
    # the page's credit)
    for i in kept[:6]:
        prefix, d, rest = meta.split_date_prefix(paras[i])
        if prefix:
            published = published or d
            lifted.append((i, {"text": prefix, "reason": "date prefix (published)"}))
            paras[i] = rest.strip()
            if not paras[i]:
                reasons[i] = "date prefix (published)"
            continue
        by = meta.parse_byline(paras[i], site)
        if by is not None:
            author = author or by[0]
            published = published or by[1]
            reasons[i] = "byline (author/published)"
            agency = meta.byline_credit(paras[i])
            if agency and not credits:  # one byline's
                credits.append(agency)
    # a blog post's footer, the last line of the post: "Posted by James Hamilton at October
    # 28, 2012 01:23 PM" (Movable Type, TypePad), its comments (if any) after it
    last = next((i for i in reversed(kept) if reasons[i] is None), None)
    if last is not None and last > 0 and _POST_FOOTER.match(paras[last]):
        by = meta.parse_byline(paras[last], site)
        if by is not None and by[1] is not None:
            author = author or by[0]
            published = published or by[1]
            reasons[last] = "byline (author/published)"
    # a blog post's line of details ("Posted by Kathy on April 6, 2007 | Permalink", "by Simon
    # St. Laurent | @simonstl | Comment | August 9, 2012"): out of the text, its parts read as
    # bylines for the author and date; and a byline before a page's tags, the words before its
    # first bar ("By: Jane Doe | Tags: Monday Nightmare", a tag list: its author was not read)
    for i, r in enumerate(reasons):
        parts = paras[i].split("|")
        for part in parts if r == "post details" else parts[:1] if r == "tag list" else []:
            by = meta.parse_byline(part.strip(), site)
            if by is not None:
                author = author or by[0]
                published = published or by[1]
    # agency credit lines, usually at the end
    left = [i for i in kept if reasons[i] is None]
    for i in left:
        if meta.is_credit(paras[i], _at_edge(paras, left, i, reasons)):
            reasons[i] = "agency credit (credit)"
            credits.append(paras[i])
    if sig and not credits:  # the wire's sign-off credits a story no line credits, in one spelling: its
        credits.append(sig.capitalize())  # case is the teleprinter's ("REUTER", "reuter"), not the agency's
    credit = "; ".join(dict.fromkeys(credits)) or None  # "(Reuters)" after the byline's "(Reuters)" once

    kept = [i for i, r in enumerate(reasons) if r is None]
    body = kept
    if title is None:
        # a title line alone is a title with no text ("Just a title\n" was indexed with its
        # title for its text, QA): the page is then reported as having none (not_an_article)
        if kept and _is_title_like(paras[kept[0]]) and not meta.find_dateline(paras[kept[0]]):
            title, body = paras[kept[0]], kept[1:]
        else:
            title = display_title(paras[kept[0]]) if kept else ""
    for i in body[:3]:
        dateline = meta.find_dateline(paras[i])
        if dateline:
            break

    for i, p in enumerate(paras):
        if reasons[i] is not None and not reasons[i].startswith("date prefix"):
            lifted.append((i, {"text": p, "reason": reasons[i]}))
    removed = [entry for _, entry in sorted(lifted, key=lambda x: x[0])]
    if head:
        removed.insert(0, {"text": head.text, "reason": f"header ({'/'.join(head.given) or 'no field we read'})"})
    if sig:
        removed.append({"text": sig, "reason": "agency signature"})
    return Cleaned(
        text="\n\n".join(paras[i] for i in body),
        title=title,
        published=published,
        author=author,
        credit=credit,
        dateline=dateline,
        site_name=head.site_name if head else None,
        url=head.url if head else None,
        language=head.language if head else None,
        removed=removed,
    )

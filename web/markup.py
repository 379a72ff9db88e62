"""Article text + character spans (entity mentions, translation flags) → safe HTML.

Mentions and flags are offsets into the same text and may overlap each other in any
way. Wrapping them naively gives broken nesting (`<a><mark></a></mark>`). Instead the
text is cut at every span boundary (and paragraph break) into pieces; each piece knows
which flags and which mention cover it, and the HTML is built as a strict hierarchy:
paragraph > flag group (`<mark>`) > mention (`<a>`) > escaped text. Every element is
closed inside its parent, so the output is well nested by construction.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from markupsafe import Markup, escape

from search.clean.markup import list_item
from search.clean.tables import row_cells

from .labels import flag_label

PARAGRAPH = "\n\n"

# C0 and C1 control characters but tab, newline and carriage return (HTML's whitespace):
# in a page they are parse errors, and an ESC from the URL (`?q=oil%1b[31m`) went raw into
# the <title> and the search box. The archive's text has none (search.clean.text
# without_controls); a query, a filter value or a message quoting them can.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def shown(value):
    """Jinja's `finalize`: every value a template prints, control characters replaced by
    U+FFFD. Replaced, not removed: the box's query, submitted again, then searches as the
    typed one did (both split words: "coup\\x1bmali" finds coup and mali, "coupmali" nothing).
    Markup stays Markup (a snippet's <mark>), else it would be escaped twice."""
    if not isinstance(value, str) or not _CONTROL.search(value):
        return value
    clean = _CONTROL.sub("\ufffd", value)
    return Markup(clean) if isinstance(value, Markup) else clean


# Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): in
# a query or filter value echoed on a page, an RLO reversed the text after it to the end of
# the paragraph ("results for «oil» ..." read backwards). Only what a person typed loses them
# (the query, `contains`, the filters in use: chips, active facet values): article text keeps
# its own (Arabic and Hebrew sources carry them, and LRM/RLM, rightly).
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def typed(value: Any) -> Any:
    """Jinja filter for user input where a page shows it but no element can isolate it (the
    <title>, the search box's value): bidi controls replaced by U+FFFD, as `shown` replaces
    control characters. The box, submitted again, searches as the typed query did: both
    characters split words alike. LRM and RLM stay, in the box as typed: marks, they open
    nothing that runs on past the value. A line break is a space: a browser drops it from a
    text box's value, so `oil%0Agas` (a list pasted one name per line) came back as "oilgas"."""
    if not isinstance(value, str):
        return value
    if "\n" in value or "\r" in value:
        value = value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return _BIDI_CONTROL.sub("\ufffd", value) if _BIDI_CONTROL.search(value) else value


def isolated(value: Any) -> Markup:
    """Jinja filter for user input echoed in running text ("results for", a chip, "Did you
    mean"): `typed`, escaped, in a <bdi>, so that its direction (an Arabic query, an RLM at
    its end) cannot reorder the words around it."""
    return Markup("<bdi>%s</bdi>") % typed(value)


# the whitespace HTML folds: a run of it shows as one space, or none at a value's ends (a no-break
# space it keeps, and shows)
_FOLDED_SPACE = re.compile("[ \t\n\r\f]+")
_SPACE_SYMBOLS = {" ": ("\u2423", "space"), "\n": ("\u21b5", "line break"), "\r": ("\u21b5", "carriage return"),
                  "\t": ("\u21e5", "tab"), "\f": ("\u21b5", "form feed")}


def spaced(value: Any) -> Any:
    """Jinja filter for a facet value (a source, a name), escaped, its whitespace shown where a
    page would fold it: the sources "a b", "a  b" (two spaces), "a<line break>b" and "a<tab>b"
    are four values, each its own filter, which the facet list, a chip and a result's source
    all showed as "a b" (a list seeming to repeat one value with split counts). Each space but
    a single one between words shows as ␣, a line break as ↵, a tab as ⇥, with its name for a
    screen reader and a tooltip, as the command line shows them escaped ("a\\nb")."""
    if not isinstance(value, str) or not _FOLDED_SPACE.search(value):
        return value
    out, at = Markup(), 0
    for m in _FOLDED_SPACE.finditer(value):
        out += escape(value[at:m.start()])
        if m.group() == " " and 0 < m.start() and m.end() < len(value):
            out += " "
        else:
            for c in m.group():
                mark, name = _SPACE_SYMBOLS[c]
                out += Markup('<span class="ws" title="%s"><span aria-hidden="true">%s</span><span class="vh"> %s </span></span>') % (
                    name, mark, name)
        at = m.end()
    return out + escape(value[at:])


def isolated_value(value: Any) -> Markup:
    """`isolated` for a facet value in use (an active value, a chip): its bidi controls replaced
    as a typed one's, its whitespace shown as `spaced` shows it (a line break is no space here:
    "a<line break>b" is a source of its own)."""
    if isinstance(value, str) and _BIDI_CONTROL.search(value):
        value = _BIDI_CONTROL.sub("\ufffd", value)
    return Markup("<bdi>%s</bdi>") % spaced(value)


@dataclass(frozen=True)
class Flag:
    """A machine-translation flag; `n` numbers it for the footnote list (1-based)."""
    n: int
    start: int
    end: int
    kind: str
    detail: str
    excerpt: str = ""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    text: str
    href: str | None = None  # where the mention links (its facet filter), None: not linked


@dataclass
class Piece:
    start: int
    end: int
    flags: tuple[int, ...] = ()       # indices into the flag list, ascending
    mention: int | None = None       # index into the mention list
    hit: int | None = None           # index into the search's matches (`hits`) covering it


def _clamp(start: int, end: int, size: int) -> tuple[int, int] | None:
    try:
        s, e = max(0, int(start)), min(size, int(end))
    except (TypeError, ValueError):
        return None
    return (s, e) if s < e else None


_WORD_REST = re.compile(r"\w*")
_WORD_CHAR = re.compile(r"\w")


def _snapped(text: str, flags: list[Flag], mentions: list[Mention]):
    """Flag spans as shown, and where each flag's footnote number goes.

    A flag that starts or ends inside a mention covers the whole mention ("d`I" in
    "Côte d`Ivoire`s"): cut at it, the name became four links, four Tab stops, with the
    footnote numbers inside it ("Côte d`I2voire`s3"). Flags that overlap are shown as one
    mark naming them all (_merged). A footnote number follows the end of the word its flag
    ends in, never the middle of one; a flag ending on no word ("” [") has it right there."""
    size = len(text)
    mspans = [(i, c) for i, m in enumerate(mentions) if (c := _clamp(m.start, m.end, size))]
    fspans = []
    for i, f in enumerate(flags):
        c = _clamp(f.start, f.end, size)
        if not c:
            continue
        s, e = c
        for _, (ms, me) in mspans:
            if ms < s < me:
                s = ms
            if ms < e < me:
                e = me
        fspans.append((i, (s, e)))
    fspans = _merged(fspans)
    refs = {}
    for i, (_, e) in fspans:
        # within a word: after its end ("army.Rebels" flagged to "army.R"); "[It" was "[It⁹"
        ref = _WORD_REST.match(text, e).end() if _WORD_CHAR.match(text, e - 1) else e
        for _, (ms, me) in mspans:
            if ms < ref < me:
                ref = me
        refs[i] = ref
    return fspans, mspans, refs


def _merged(fspans: list[tuple[int, tuple[int, int]]]) -> list[tuple[int, tuple[int, int]]]:
    """Each flag's span, those that overlap (in a chain) widened to the span they cover
    together, in the same order. Cut where they cross, two flags ('. ”' and '” [') were
    three marks and three Tab stops, the middle one naming both; now one mark names both,
    their footnote numbers after it. Spans that only touch stay apart."""
    groups: list[list] = []  # [positions in fspans, start, end of the span they cover]
    for k in sorted(range(len(fspans)), key=lambda k: fspans[k][1]):
        s, e = fspans[k][1]
        if groups and s < groups[-1][2]:
            groups[-1][0].append(k)
            groups[-1][2] = max(groups[-1][2], e)
        else:
            groups.append([[k], s, e])
    union = {k: (start, end) for members, start, end in groups for k in members}
    return [(i, union[k]) for k, (i, _) in enumerate(fspans)]


def pieces(text: str, flags: list[Flag], mentions: list[Mention], snapped=None,
           hits: list[tuple[int, int]] = ()) -> list[list[Piece]]:
    """The text cut at every span boundary, grouped by paragraph (empty paragraphs dropped).
    `snapped`: _snapped's result, when the caller has it already. `hits`: where the search
    the reader came from matches, in order and apart (search.query.query_marks)."""
    size = len(text)
    fspans, mspans, refs = snapped or _snapped(text, flags, mentions)
    hspans = [c for h in hits if (c := _clamp(h[0], h[1], size))]
    cuts = {0, size, *refs.values()}
    for _, (s, e) in fspans + mspans:
        cuts.update((s, e))
    for s, e in hspans:
        cuts.update((s, e))
    pos = text.find(PARAGRAPH)
    para_breaks: list[tuple[int, int]] = []
    while pos != -1:
        end = pos
        while end < size and text[end] == "\n":
            end += 1
        para_breaks.append((pos, end))
        cuts.update((pos, end))
        pos = text.find(PARAGRAPH, end)
    bounds = sorted(cuts)
    breaks = {s: e for s, e in para_breaks}

    # A sweep over the cuts: every span boundary is a cut, so the spans covering a piece are
    # those begun at or before its start and not yet ended. Looking through every span for
    # every piece took 80 s for the page of a 2.5 MB article with 30,000 mentions (QA).
    fby_start = sorted(range(len(fspans)), key=lambda k: fspans[k][1][0])
    mby_start = sorted(range(len(mspans)), key=lambda k: mspans[k][1][0])
    fnext = mnext = hnext = 0
    fopen: list[int] = []  # positions in fspans / mspans of the spans open at the cut
    mopen: list[int] = []
    paragraphs: list[list[Piece]] = [[]]
    skip_to = -1
    for s, e in zip(bounds, bounds[1:]):
        while fnext < len(fby_start) and fspans[fby_start[fnext]][1][0] <= s:
            fopen.append(fby_start[fnext])
            fnext += 1
        while mnext < len(mby_start) and mspans[mby_start[mnext]][1][0] <= s:
            mopen.append(mby_start[mnext])
            mnext += 1
        fopen = [k for k in fopen if fspans[k][1][1] > s]
        mopen = [k for k in mopen if mspans[k][1][1] > s]
        while hnext < len(hspans) and hspans[hnext][1] <= s:  # hits are apart: one at most is open
            hnext += 1
        hit = hnext if hnext < len(hspans) and hspans[hnext][0] <= s else None
        if s < skip_to:
            continue
        if s in breaks:
            skip_to = breaks[s]
            paragraphs.append([])
            continue
        active = tuple(fspans[k][0] for k in sorted(fopen))
        # overlapping mentions: the earliest-starting (then longest) one wins the piece
        covering = [(mspans[k][1][0], -mspans[k][1][1], mspans[k][0]) for k in mopen]
        mention = min(covering)[2] if covering else None
        paragraphs[-1].append(Piece(s, e, active, mention, hit))
    return [p for p in paragraphs if any(text[x.start:x.end].strip() for x in p)]


def _group(items: list[Piece], key: Callable[[Piece], object]) -> Iterable[tuple[object, list[Piece]]]:
    run: list[Piece] = []
    for it in items:
        if run and key(run[-1]) != key(it):
            yield key(run[-1]), run
            run = []
        run.append(it)
    if run:
        yield key(run[-1]), run


def render(text: str, flags: list[Flag] | None = None, mentions: list[Mention] | None = None) -> list[Markup]:
    """One Markup string per paragraph: escaped text with flags and mentions marked up."""
    return render_linked(text, flags, mentions)[0]


def render_linked(text: str, flags: list[Flag] | None = None, mentions: list[Mention] | None = None,
                  hits: list[tuple[int, int]] = ()) -> tuple[list[Markup], set[str]]:
    """`render`'s paragraphs, and the types of the mentions they show as links (the legend
    of the document page explains those, and only those). `hits`, where the search the
    reader came from matches, are marked innermost (`<mark class="hit">`, inside a flag's
    mark and a mention's link); the first piece of the n-th has the id "match-n" (1-based)."""
    flags = flags or []
    mentions = mentions or []
    snapped = _snapped(text, flags, mentions)
    refs = snapped[2]
    ref_at = sorted(set(refs.values()))
    paras = pieces(text, flags, mentions, snapped, hits)
    hit_starts = {max(0, h[0]) for h in hits}
    out: list[Markup] = []
    linked: set[str] = set()
    for para in paras:
        html: list[str] = []
        # a group of pieces under the same flags ends at a footnote's place too
        for (fkey, _), fgroup in _group(para, lambda p: (p.flags, bisect_right(ref_at, p.start))):
            active = [flags[i] for i in fkey]  # type: ignore[union-attr]
            described = " ".join(f"flagnote-{f.n}" for f in active)
            runs = list(_group(fgroup, lambda p: p.mention))
            links = {mentions[mkey].type for mkey, _ in runs if mkey is not None and mentions[mkey].href}  # type: ignore[index]
            linked |= links
            # A flag over a linked name ("Keitan"): the mark was a Tab stop of its own, then the
            # link inside it another, for one word. The link is the one stop: described by the
            # flag's note (aria-describedby, read with the link's name), and the mark's tip shows
            # while the link has the focus (:focus-within). A mark without a link keeps its stop.
            # No title: a focused mark's title was its accessible name, so a screen reader read
            # the explanation twice (as the name, then in the note it is described by); the
            # explanation (data-tip) shows on hover as on focus (style.css).
            inner = "".join(_mention_html(text, mentions, mkey, mgroup, described, hit_starts) for mkey, mgroup in runs)
            if active:
                tip = "; ".join(f"{flag_label(f.kind)}: {f.detail}" for f in active)
                kinds = " ".join(sorted({f"flag-{_css(f.kind)}" for f in active}))
                if links:
                    html.append(f'<mark class="flag {kinds}" data-tip="{escape(tip)}">{inner}</mark>')
                else:
                    html.append(
                        f'<mark class="flag {kinds}" tabindex="0" '
                        f'aria-describedby="{described}" data-tip="{escape(tip)}">{inner}</mark>'
                    )
            else:
                html.append(inner)
            end = fgroup[-1].end
            for i in sorted(i for i, r in refs.items() if r == end):
                f = flags[i]
                html.append(f'<sup class="flagref"><a href="#flagnote-{f.n}" id="flagref-{f.n}" '
                            f'aria-label="translation flag {f.n}">{f.n}</a></sup>')
        out.append(Markup("".join(html)))
    return out, linked


_TAGS = ("a", "mark", "span", "sup")


def _cells(para: Markup) -> list[Markup] | None:
    """A rendered paragraph's cells, split where the cleaner joined a data table row's
    (search.clean.tables.row_cells: tags and escaping hold no pipe between spaces); None when
    it is no row or a mark or link runs across a cell boundary (cutting there would break
    the nesting)."""
    parts = row_cells(str(para))
    if len(parts) < 2:
        return None
    if any(part.count(f"<{t}") != part.count(f"</{t}>") for part in parts for t in _TAGS):
        return None
    return [Markup(part) for part in parts]


class Table(list):
    """Rows of cells (lists of Markup): a data table's rows, rendered as one <table>."""
    kind = "table"


class Bullets(list):
    """Items (Markup, without their "- "): a list's items, rendered as one <ul>."""
    kind = "list"


def _item(para: Markup) -> Markup | None:
    """A rendered paragraph's list item, without its bullet; None when it is no item (or a
    mark or link begins on the bullet)."""
    item = list_item(str(para))
    return Markup(item) if item is not None else None


def blocks(paragraphs: list[Markup]) -> list[Markup | Table | Bullets]:
    """The rendered paragraphs, with each run of two or more rows of the same number of
    cells as one Table: the rows of a data table read as columns, not as "Phoenix | $83 |
    28.7%" lines; and each run of two or more list items as one Bullets list, not as
    paragraphs that begin with a dash. A single line with pipes, or one item, stays a
    paragraph."""
    out: list[Markup | Table | Bullets] = []
    run: list[tuple[Markup, object]] = []
    kind: type | None = None

    def flush() -> None:
        if len(run) >= 2 and kind is not None:
            out.append(kind(part for _, part in run))
        else:
            out.extend(para for para, _ in run)
        run.clear()

    for para in paragraphs:
        row, item = _cells(para), None
        if row is None:
            item = _item(para)
        this = Table if row is not None else Bullets if item is not None else None
        if this is not kind or (row is not None and run and len(row) != len(run[0][1])):
            flush()
            kind = this
        if this is None:
            out.append(para)
        else:
            run.append((para, row if row is not None else item))
    flush()
    return out


def _hits_html(text: str, group: list[Piece], hit_starts: set[int]) -> str:
    """A run of text escaped, the search's matches in it marked."""
    out = []
    for hit, run in _group(group, lambda p: p.hit):
        chunk = escape(text[run[0].start:run[-1].end])
        if hit is None:
            out.append(str(chunk))
        else:
            anchor = f' id="match-{hit + 1}"' if run[0].start in hit_starts else ""
            out.append(f'<mark class="hit"{anchor}>{chunk}</mark>')
    return "".join(out)


def _mention_html(text: str, mentions: list[Mention], mkey, group: list[Piece], described: str = "",
                  hit_starts: set[int] = frozenset()) -> str:
    """A run of text, as a link when a mention with a link covers it; `described`: the ids
    of the notes of the flags over it, which a link is described by."""
    chunk = _hits_html(text, group, hit_starts)
    if mkey is None:
        return chunk
    m = mentions[mkey]  # type: ignore[index]
    cls = f"ent ent-{_css(m.type)}"
    if m.href:
        describe = f' aria-describedby="{described}"' if described else ""
        return f'<a class="{cls}" href="{escape(m.href)}"{describe}>{chunk}</a>'
    return f'<span class="{cls}">{chunk}</span>'


def _css(word: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in str(word).lower())

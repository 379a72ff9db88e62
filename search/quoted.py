"""Where a query quotes, as Whoosh's parser reads it: a "double-quoted" span is a phrase
(PhrasePlugin), a 'single-quoted' one a term (SingleQuotePlugin), whatever either holds. The
checks read a 'single-quoted' span as one unit, and the tidying steps before parsing a facet's
or the id's value in either kind of quotes (one term) as one opaque unit: they took the
operators, dashes, parentheses, colons and double quotes inside one for syntax, and
`source:'"B" http://x.com/a:b'` was an unknown field, `source:'"E" (x'` unbalanced parentheses,
`source:'"D" NOT x'` a search for another name."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .schema import FACETS

# whoosh.qparser.plugins: PhrasePlugin's "(?P<text>.*?)" (its text PHRASE_TEXT here, which the
# parser's phrase tagger reads too) and SingleQuotePlugin's (^|(?<=\W))'(?P<text>.*?)'(?=\s|\]|[)}]|
# $). One pattern, scanned from the left as the parser's taggers scan the text: the first quote
# opened wins, and a single quote inside a word ("O'Brien") opens nothing.
#
# A double quote pairs on its own line. A query of several lines is a list, one part a line (a
# file's lines, pasted): a stray quote on one line paired with the first quote lines later, and
# the words between, the other lines' phrases inside out, were searched as one phrase, silently;
# it is an unbalanced quote on its line now (query.validate). A phrase copied across line
# breaks, as many as it was wrapped over (`"soldiers seized<line break>power in the<line break>
# capital"`), closes after a word, as a phrase ends: a quote at a line's start or after a space
# closes no phrase of the lines before (`"mali<line break>junta<line break>"military base"`: a
# stray on line 1), nor one before a word, which opens the next (`"mali<line break>junta<line
# break>person:"Goita"`); after the close, the line may open the next phrase (`"military<line
# break>junta" and "armed<line break>forces"`, wrapped text, which a count of each line's quotes
# refused). A phrase reaches over MAX_PHRASE_LINES lines at most: a stray quote paired with an
# inch mark (`12"`) any number of lines on, the lines between searched as one phrase, silently
# (b99483c's reach had no end), where a phrase searched fits in far fewer (five wire lines are
# some 50 words); a longer one is refused naming its first line, which joined on one line runs.
# Nor does a phrase reach over lines from or to an inch mark (`12"`, a quote right after a word
# opens none, and one right after a number closes none across lines): a stray within five lines
# of one paired with it, the lines between searched as one phrase, silently; a phrase wrapped
# to end in a number is refused naming its line, and runs joined. A line ends at \n, \r\n or a
# \r alone (old Mac text): a query of \r-ended lines was one line, its phrases of any length.
MAX_PHRASE_LINES = 5
LINE_END = r"(?:\r\n?|\n)"
PHRASE_TEXT = (rf'(?:[^"\r\n]*|(?<!\w")(?:[^"\r\n]*{LINE_END}){{1,{MAX_PHRASE_LINES - 1}}}[^"\r\n]*'
               rf'(?<=[^\s\d])(?="(?!\w)))')
DOUBLE = f'"{PHRASE_TEXT}"'
SINGLE = r"(?<!\w)'.*?'(?=\s|[\])}]|$)"
SPAN = re.compile(f"{DOUBLE}|{SINGLE}")
_SINGLE = re.compile(SINGLE)
# a double-quoted value that is one term: a facet's or the id's (its analyzer keeps it whole)
_TERM_FIELDS = frozenset((*FACETS, "id"))
# the field written right before a quoted span or a group's parenthesis ("organization:", 13
# letters, and the character before)
_FIELD_BEFORE = re.compile(r"(?<![\w\"])([^\W\d]\w*):$")
# stand for an opaque span while a tidying step runs (private use, as query.ID_COLON): each a
# run of one of two characters, in turn, so that two spans side by side stay two
_HIDDEN = ("\ue010", "\ue011")
_HIDDEN_RUN = re.compile("\ue010+|\ue011+")


def line_of(text: str, at: int) -> int:
    """The line (from 1) of `text` that the character at `at` is on, lines ended as LINE_END."""
    return len(re.findall(LINE_END, text[:at])) + 1


def masked(text: str, fill: str = "P") -> str:
    """`text` with each quoted span (either kind) as `fill` over its length: the rest of the text
    keeps its places, for a message to quote the query as typed."""
    return SPAN.sub(lambda m: fill * len(m.group()), text)


def unquoted(text: str) -> str:
    """`text` without its quoted spans (either kind): what is left to balance."""
    return SPAN.sub("", text)


def opaque(text: str) -> list[re.Match]:
    """The spans no tidying step may change: a facet's or the id's value, in either kind of
    quotes (`source:"5 per cent"` is no "5 percent", `source:'"D" NOT x'` no NOT). Words a
    text field searches, in single quotes as in double, are tidied as the words they are (the
    analyzer splits them as a phrase's): `'5 per cent'` is the index's "5 percent", the `'TO'`
    of a query in capitals its stop word, where kept as typed both found nothing."""
    return [m for m in SPAN.finditer(text) if is_term_value(text, m.start())]


def is_term_value(text: str, start: int) -> bool:
    """Whether the quoted span at `start` is a facet's or the id's value (one term)."""
    field = span_field(text, start)
    return field is not None and field.lower() in _TERM_FIELDS


def span_field(text: str, start: int) -> str | None:
    """The field the quoted span at `start` is searched in, as typed: the one written before it
    (`person:"Assimi Goita"`), else the one before the innermost group holding it that has one
    (`person:("Assimi Goita" OR goita)`, `person:(mali OR ("Assimi Goita"))`: Whoosh's parser
    gives a group's field to each of its words, where the tidying read such a span as text
    words and `source:("5 per cent")` found nothing); None when no field is written (the
    query's default fields)."""
    return _span_fields(text).get(start)


_PAREN = re.compile(r"[()]")


@lru_cache(maxsize=64)  # the tidying steps ask of one text in turn
def _span_fields(text: str) -> dict[int, str | None]:
    """span_field of each quoted span, by its start: one pass over the text (asked per span, a
    query of a thousand quoted words cost a second)."""
    out: dict[int, str | None] = {}
    groups: list[str | None] = []  # each open group's field, its own or the enclosing group's
    pos = 0
    for m in [*SPAN.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        for p in _PAREN.finditer(text, pos, end):  # outside quotes: a quoted parenthesis opens nothing
            if p.group() == ")":
                if groups:
                    groups.pop()
                continue
            f = _FIELD_BEFORE.search(text, max(0, p.start() - 32), p.start())
            groups.append(f.group(1) if f else groups[-1] if groups else None)
        if m is None:
            return out
        f = _FIELD_BEFORE.search(text, max(0, m.start() - 32), m.start())
        out[m.start()] = f.group(1) if f else groups[-1] if groups else None
        pos = m.end()
    return out


def apart(text: str, change: Callable[[str], str]) -> str:
    """`change(text)` with the opaque spans out of its reach: each stands as a run of a private
    character of its length while `change` runs (which must keep the runs, as the tidying steps
    keep words), and is put back as typed."""
    return _hidden(text, change, opaque(text))


def apart_all(text: str, change: Callable[[str], str]) -> str:
    """`change(text)` with every quoted span, of either kind, out of its reach (as `apart`)."""
    return _hidden(text, change, list(SPAN.finditer(text)))


def _hidden(text: str, change: Callable[[str], str], spans: list[re.Match]) -> str:
    if not spans or _HIDDEN_RUN.search(text):  # a query typed with these characters: as it is
        return change(text)
    out, end = [], 0
    for i, m in enumerate(spans):
        out += [text[end:m.start()], _HIDDEN[i % 2] * len(m.group())]
        end = m.end()
    changed = change("".join(out) + text[end:])
    kept = iter([m.group() for m in spans])
    return _HIDDEN_RUN.sub(lambda _: next(kept), changed)


def single_quotable(value: str) -> bool:
    """Whether 'value' reads back as the term `value`: no quote in it ends the span early (one
    followed by a space or a closing bracket) and no line break (Whoosh's span is one line)."""
    m = _SINGLE.match(f"'{value}'")
    return bool(value) and m is not None and m.end() == len(value) + 2

"""`foreign-typography`: punctuation conventions of the source language left in English prose.

French and Russian typesetting put a space before `: ; ! ?` and inside guillemets « »;
German opens quotes with „. Translation pipelines carry these over, swap backticks in for
apostrophes ("Mali`s") and mis-orient curly quotes when converting « » to “ ”. A
quotation that really is in another language (« une stratégie sans boussole ») keeps its
own typography legitimately, so guillemets around non-English words are not flagged.
"""
from __future__ import annotations

import bisect
import re

from ._text import flag, words, zipf

KIND = "foreign-typography"
# Mis-oriented curly quotes and an acute accent for an apostrophe are flagged (seeds 000 and 002
# show them in machine translations) but carry no weight: mt-dev's 81 machine translations show
# none, while native English web pages do (a smart-quote slip, a Spanish keyboard): on 1,370
# cleaned Dragnet pages 21 such flags on 19 pages raised 17 of them to "possible" or "likely",
# since the human rate they were weighed by came from Reuters and mt-dev, ASCII text that cannot
# show them. model.Model.score counts flags with flags.counted.
NOT_COUNTED = " (also a common typing slip in English: shown, not counted in the score)"

_SPACE_BEFORE = re.compile(r"(?<=[^\W\d_])[ \u00a0\u202f]+[;!?:](?=\s|$|[\"”»])")
_BACKTICK = re.compile(r"(?<=[^\W\d_])[`´](?=[^\W\d_])")
_GUILLEMET_PAIR = re.compile(r"«([^«»\n]{0,400})»")
_LONE_GUILLEMET = re.compile(r"[«»]")
# A web link's arrow, not a quote mark: "Follow on Twitter »", "More »" ending a line (a quote
# mark hugs its words; an arrow stands apart at the edge; after a word: "Russia]. »" closes a
# quotation). "« Previous" opening a line is one of _navigation_marks.
_LINK_ARROW = re.compile(r"(?<=\w)[ \u00a0]+(»)[ \t]*(?=\r?$)", re.M)
# "» Adrian Peterson is still very good." opening a paragraph: a bullet, not a quote
# mark (a closing guillemet never opens a line in a quotation).
_BULLET = re.compile(r"^[ \t]*(»)[ \u00a0]+(?=\S)", re.M)
_HANDLE_BEFORE = re.compile(r"[@#]\w+$")
_EMOTICON = re.compile(r"[;:][ \t]?-?[)(DPp](?!\w)")
_LOW_QUOTE = re.compile(r"„")
# ” after a space and before a word or bracket opens a quote; “ before a stop or space closes one.
_CLOSE_OPENING = re.compile(r"(?:^|(?<=\s))”[ \t]*(?=[\[(\w])", re.M)
_OPEN_CLOSING = re.compile(r"(?<=\S)[ \t]*“[ \t]*(?=[.,;:!?]|$)", re.M)
_CLOSED_INNER = re.compile(r"[’'][ \t\u00a0]*$")  # a closed inner quotation before a mark
_SPACE_BEFORE_CLOSE = re.compile(r"[.,!?][ \t]+[”»](?=\s|$)", re.M)
_UNK_TOKEN = re.compile(r"⁇")
_QUOTED_AFTER = re.compile(r"([^“”\"\n]{1,400})[“”\"]")
_LINE_WORDS = 12  # a line shorter than this is a label, heading or table row, not prose


def _label_line(text: str, pos: int) -> bool:
    """Whether the colon at `pos` ends a label: few words before it on its line, or a short line
    (a heading, a byline, a table row, a comment's header)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    return len(words(text[start:pos])) <= 2 or len(words(line)) < _LINE_WORDS


def detect(text: str) -> list[dict]:
    """Flags for source-language punctuation and quote conventions in `text`."""
    flags: list[dict] = []
    foreign_spans = []
    navigation = _navigation_marks(text)
    for m in _GUILLEMET_PAIR.finditer(text):
        if m.start() in navigation:
            continue  # "« Previous post | Blog Home | Next post »": links, not a quotation
        if _is_foreign_quote(m.group(1)):
            foreign_spans.append((m.start(), m.end()))  # a quotation in its own language keeps its marks
        else:
            flags.append(flag(text, KIND, m.start(), m.end(), "guillemets « » around English words: source typography"))
    spaced = []
    for m in _SPACE_BEFORE.finditer(text):
        if m.group().endswith("?") and not _asks(text, m.start()):
            continue  # a character lost to "?" in a wrong encoding, not a question (see _asks)
        if _HANDLE_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _EMOTICON.match(text, m.end() - 1):
            continue  # "@rbranson : Datadog ...", a quoted tweet; "approach ; )", a wink
        if _inside(m.start(), foreign_spans):
            continue  # « Vive la France ! »: French in its own typography
        if m.group().endswith(":") and _label_line(text, m.start()):
            continue  # "Source : The Company of Biologists", "Joe : 11:58 AM", "Points : 101"
        spaced.append(m)
    # French typesetting spaces every such mark; one "reality ?" or "Yvette !" in English is a
    # writer's habit (a single one made human pages "likely": 24 of 1,340 Dragnet pages)
    if len(spaced) >= 2:
        for m in spaced:
            flags.append(flag(text, KIND, m.start(), m.end(), f"space before '{m.group().strip()}' (French/Russian typesetting)"))
    # Each pattern below needs a mark most English text lacks: looked for first (a fast scan),
    # since these patterns, opening with a lookbehind or an alternation, are tried at every character
    for m in _BACKTICK.finditer(text) if "`" in text or "´" in text else ():
        what = "backtick used as an apostrophe" if m.group() == "`" else "acute accent used as an apostrophe" + NOT_COUNTED
        flags.append(flag(text, KIND, m.start() - 1, m.end() + 1, what))
    paired = {i for m in _GUILLEMET_PAIR.finditer(text) for i in (m.start(), m.end() - 1)}
    if "»" in text:
        paired |= {m.start(1) for m in _LINK_ARROW.finditer(text)}
        paired |= {m.start(1) for m in _BULLET.finditer(text)}
    paired |= navigation
    for m in _LONE_GUILLEMET.finditer(text):
        if m.start() not in paired:
            start = m.start() - 1 if m.start() and text[m.start() - 1] in " \t\u00a0" else m.start()
            flags.append(flag(text, KIND, start, m.end(), "unpaired guillemet: a French/Russian quote mark left in"))
    for m in _LOW_QUOTE.finditer(text):
        quoted = _QUOTED_AFTER.match(text, m.end())
        if quoted and _is_foreign_quote(quoted.group(1)):
            continue  # „Wir schaffen das“: German in its own quote marks
        flags.append(flag(text, KIND, m.start(), m.end(), "low opening quote „ (German/Russian convention)"))
    for m in _CLOSE_OPENING.finditer(text) if "”" in text else ():
        if _CLOSED_INNER.search(text[max(0, m.start() - 3):m.start()]):
            continue  # ‘Use this vaccine,’ ” he said: a quotation inside a quotation, both closed
        flags.append(flag(text, KIND, m.start(), m.end() + 1, "closing quote ” used to open a quotation" + NOT_COUNTED))
    for m in _OPEN_CLOSING.finditer(text) if "“" in text else ():
        end = m.end() + 1 if text[m.end():m.end() + 1] not in ("", "\n", "\r") else m.end()
        flags.append(flag(text, KIND, m.start(), end, "opening quote “ used to close a quotation" + NOT_COUNTED))
    for m in _SPACE_BEFORE_CLOSE.finditer(text) if "”" in text or "»" in text else ():
        if not _inside(m.start(), foreign_spans):
            flags.append(flag(text, KIND, m.start(), m.end(), "space before a closing quote (French spacing)"))
    for m in _UNK_TOKEN.finditer(text):
        flags.append(flag(text, KIND, m.start(), m.end(), "'⁇': a translation model's unknown-token marker"))
    return _dedupe(flags)


_NAV_SEPARATOR = re.compile(r"[ \u00a0][«»][ \u00a0]+[A-Z0-9]")


def _navigation_marks(text: str) -> set[int]:
    """Guillemets that are a page's navigation, not quote marks: every one on a line of links
    ("« Previous | Blog Home | Next »"), an arrow opening a line before a post's title with no
    other guillemet on it (at any length: "« Looking To Make Money From Facebook? ..."), a line
    that is the arrow alone, the separators of a menu or breadcrumb ("Home » Blog » Markets",
    "An Economy for All» Curbing Wall Street»": two » or more and no «), and a lone one between
    spaces before a capital ("The Silence of The LaMs » Interesting Links", "Visto nel Web – 36
    « Ok, panico": a title and its site). A quote mark hugs its words: "« embrace»", "Russia]. »".
    On 1,370 cleaned Dragnet pages these marks were 63 flags on 48 pages, 46 of them raised to
    "possible" or "likely" by that alone."""
    marks: set[int] = set()
    seen_lines: set[int] = set()
    for m in _LONE_GUILLEMET.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start in seen_lines:
            continue
        seen_lines.add(start)
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        line = text[start:end]
        at = [start + i for i, c in enumerate(line) if c in "«»"]
        stripped = line.strip()
        if " | " in line or line.rstrip().endswith(" |") or stripped in ("«", "»"):
            marks.update(at)
        elif len(at) == 1 and stripped.startswith("«") and stripped[1:2] in (" ", "\u00a0"):
            marks.update(at)
        elif line.count("»") >= 2 and "«" not in line:
            marks.update(at)
        elif len(at) == 1 and _NAV_SEPARATOR.search(line):
            marks.update(at)
    return marks


_WH_WORDS = frozenset("what why how who whom whose which where when whether".split())
# Words that open a question, or its last clause ("..., does that count ?", "..., right ?").
_QUESTION_OPENERS = frozenset(
    "is are was were am do does did can could will would shall should may might must has have had "
    "isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't "
    "hasn't haven't hadn't right".split())
_SENTENCE_START = re.compile(r"[.!?\n“\"«]")
_CLAUSE_BREAK = re.compile(r"[,;:(—–]")


def _asks(text: str, end: int) -> bool:
    """True when the words before a spaced "?" at `end` read as a question: a wh-word, or
    an auxiliary that opens the sentence or its last clause ("Is it over ?", "..., does
    that count ?"). A "?" after a statement ("An intellectual challenge presents itself ?
    I am in bliss") is an em dash or quote mark that a wrong encoding replaced, not French
    spacing: one such flag made a native English page "likely"."""
    lo = max(0, end - 300)
    start = max((m.end() for m in _SENTENCE_START.finditer(text, lo, end)), default=lo)
    clauses = [[t.lower() for t in words(c)] for c in _CLAUSE_BREAK.split(text[start:end])]
    clauses = [c for c in clauses if c]
    if not clauses:
        return False
    return (any(t in _WH_WORDS for c in clauses for t in c)
            or clauses[0][0] in _QUESTION_OPENERS or clauses[-1][0] in _QUESTION_OPENERS)


def _is_foreign_quote(inner: str) -> bool:
    """True when the quoted words read as French (or another language) rather than English."""
    toks = [t.lower() for t in words(inner)]
    if not toks:
        return False
    en = sum(zipf(t, "en") for t in toks)
    best_other = max(sum(zipf(t, lang) for t in toks) for lang in ("fr", "de", "es", "it", "ru"))
    return best_other > en + 0.5 * len(toks)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether pos lies in one of `spans`, disjoint and in text order (a bisect, not a scan:
    a long text quoting French many times made the scan quadratic)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and pos < spans[i][1]


def _dedupe(flags: list[dict]) -> list[dict]:
    """One artifact, one flag: a span already inside another flag adds no evidence."""
    out, reach = [], -1
    for f in sorted(flags, key=lambda f: (f["start"], -f["end"])):
        # every kept flag starts at or before this one, so it lies inside one of them
        # exactly when it ends by the furthest end kept so far (no scan of them all)
        if f["end"] <= reach:
            continue
        reach = f["end"]
        out.append(f)
    return out

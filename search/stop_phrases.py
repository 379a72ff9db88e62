"""A quoted phrase's stop words must be in what it matches, as typed (case-insensitively).

The index leaves stop words out and numbers the words it keeps one after another
(schema.AcronymStopFilter), so `"Bank of England"` is the indexed phrase "bank england",
which "the bank in England" also is. Indexing stop words would mean a full rebuild and a
bigger, slower-to-write index; instead the index finds a phrase's candidates and each one's
stored field is read and kept where the phrase's words follow each other with its stop words
between them (StopWords). Only phrases holding a stop word pay for that check.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from whoosh import query as Q
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query.wrappers import WrappingQuery

from .cjk import has_cjk
from .schema import HYPHENS, MARKS, MAX_JOINED_PARTS, WORD_PATTERN, joinable
from .umlauts import umlaut_spelling

_TOKEN_RE = re.compile(WORD_PATTERN)  # the text analyzer's tokenizer
_TERM_MEMO: dict[str, str] = {}  # word -> its term in the text fields ("" for a stop word)

# a phrase's words, each with its terms (a stop word: itself; another: its term, and its German
# spelling's where typed with umlauts, as the query also searches it) and whether it is a stop word
Words = tuple[tuple[tuple[str, ...], bool], ...]


def word_term(analyzer, word: str) -> str:
    """The indexed term of one word ("" when the analyzer drops it or splits it), memoized
    once per process: re-analysing every word of a text is the cost Whoosh's highlighter had."""
    t = _TERM_MEMO.get(word)
    if t is None:
        toks = [tok.text for tok in analyzer(word)]
        t = toks[0] if len(toks) == 1 else ""
        if len(_TERM_MEMO) < 500_000:
            _TERM_MEMO[word] = t
    return t


def word_terms(analyzer, word: str) -> tuple[str, ...]:
    """The terms the index holds for one word of a text: its term, and for a word with umlauts
    also its German spelling's (AccentFoldFilter: "Müller" is "muller" and "mueller")."""
    t = word_term(analyzer, word)
    german = None if word.isascii() else umlaut_spelling(word)
    g = word_term(analyzer, german) if german else ""
    return (t, g) if g and g != t else (t,)


def phrase_words(field, text: str) -> Words | None:
    """The words of a phrase as the field's analyzer reads a query, its stop words kept and
    flagged; None when it has none to check (no stop word, only stop words, Chinese or Japanese).
    A word typed with umlauts has its German spelling's term too: the query searches both."""
    words = _read(field, text)
    if all(s for _, s in words) or not any(s for _, s in words) or any(has_cjk(w) for w, _ in words):
        return None
    german = umlaut_spelling(text)
    spelled = _read(field, german) if german else words
    if [s for _, s in spelled] != [s for _, s in words]:
        spelled = words  # its words no longer side by side: the spelling as typed only
    return tuple(((w,) if w == g or stop else (w, g), stop) for (w, stop), (g, _) in zip(words, spelled))


def _read(field, text: str) -> list[tuple[str, bool]]:
    return [(t.text, bool(t.stopped)) for t in field.analyzer(text, mode="query", removestops=False)]


def checked(q: Q.Query | None, field, fieldname: str, text: str, joined: str | None = None) -> Q.Query | None:
    """`q`, the query of the phrase `text` in `fieldname`, with its stop words checked; `joined`,
    the phrase with its hyphenated words joined, which `q` also searches ("email" for "e-mail")."""
    words = phrase_words(field, text) if q is not None else None
    if words is None:
        return q
    other = phrase_words(field, joined) if joined and joined != text else None
    return StopWords(q, fieldname, words, text, (other,) if other and other != words else ())


WINDOW = 20  # characters of text read around a stop word, per word of the phrase on each side (and one more)


def occurs(text: str, words: Words, analyzer) -> bool:
    """Whether `text` holds the phrase `words`: its words in order, each stop word as typed
    (case-insensitively: "BANK OF ENGLAND" has "of") and each other word with its term, in a
    word or in the joined spelling the index also holds ("e-mail", "week-end", "per cent").

    Only the text around each use of its longest stop word is split into words (most of an
    article's time was splitting all of it); the whole text where the phrase runs past that."""
    anchor = max((i for i, (_, stop) in enumerate(words) if stop), key=lambda i: len(words[i][0][0]))
    stop, n = words[anchor][0][0], len(words)
    reach = anchor * MAX_JOINED_PARTS  # words before the stop word, each up to a joined word's parts
    low = text.lower()
    # the lowered text, where it keeps the offsets (a literal found fast); else the text in any case
    uses = _stop_re(stop).finditer(low) if len(low) == len(text) else _stop_re(stop, re.IGNORECASE).finditer(text)
    whole: list[re.Match] = []  # the whole text's words, split once, when a window does not do

    def all_words() -> list[re.Match]:
        if not whole:
            whole.extend(_TOKEN_RE.finditer(text))
        return whole

    for m in uses:
        if _plainly_not(text, m, words, anchor, analyzer) or not _neighbours(text, m, words, anchor, analyzer):
            continue
        lo, hi = max(0, m.start() - WINDOW * (reach + 1)), min(len(text), m.end() + WINDOW * MAX_JOINED_PARTS * (n - anchor))
        window = list(_TOKEN_RE.finditer(text, lo, hi))
        i = next((k for k, t in enumerate(window) if t.start() == m.start()), None)
        if i is None:
            continue  # part of a longer word ("U.S.-of"): not the stop word
        # a word cut by the window's edge is not read: past it, the whole text is
        first, edge = (1 if lo > 0 else 0), (len(window) - 1 if hi < len(text) else len(window))
        if i - reach < first:
            window = all_words()
            i = next(k for k, t in enumerate(window) if t.start() == m.start())
            first, edge = 0, len(window)
        for start in range(max(first, i - reach), i - anchor + 1):
            found = _run(text, window, start, words, analyzer, edge)
            if found is None:  # past the window: the whole text
                words_all = all_words()
                found = _run(text, words_all, next(k for k, t in enumerate(words_all) if t.start() == window[start].start()),
                             words, analyzer, len(words_all))
            if found:
                return True
    return False


# A plain word (ASCII letters, spaces or a line break between it and the stop word, and a
# space, a line break, "(" or a quote before it) is a token of its own: nothing joins it
_PLAIN_BEFORE = re.compile(r"(?<=[ \n(\"])([A-Za-z]+)[ \n]+$")
_PLAIN_AFTER = re.compile(r"[ \n]+([A-Za-z]+)(?=[ \n;:)\"]|[.,](?:[ \n]|$)|$)")


def _plainly_not(text: str, m: re.Match, words: Words, anchor: int, analyzer) -> bool:
    """Whether a plain word right before or after the stop word at `m` is not the phrase's
    there: _neighbours' answer where it is certain, for a fraction of its cost (it was most
    of a common phrase's check: "out of" reads the dozen "of" of each article with "out")."""
    for side, found in ((anchor - 1, _PLAIN_BEFORE.search(text, max(0, m.start() - WINDOW), m.start()) if anchor else None),
                        (anchor + 1, _PLAIN_AFTER.match(text, m.end()) if anchor + 1 < len(words) else None)):
        if found is None:
            continue
        word, (w, stop) = found.group(1), words[side]
        if (word.lower() != w[0]) if stop else (word_term(analyzer, word) not in w and word.lower() not in ("per", "cent")):
            return True
    return False


def _neighbours(text: str, m: re.Match, words: Words, anchor: int, analyzer) -> bool:
    """Whether the words on either side of the stop word at `m` may be the phrase's there: a
    cheap look at a few words, which passes most uses of a stop word by ("out of" among the
    dozen "of" of an article) before the words around it are read."""
    lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
    near = list(_TOKEN_RE.finditer(text, lo, hi))
    i = next((k for k, t in enumerate(near) if t.start() == m.start()), None)
    if i is None:
        return False  # part of a longer word ("U.S.-of"): not the stop word
    for k, side in ((i - 1, anchor - 1), (i + 1, anchor + 1)):
        if not 0 <= side < len(words):
            continue
        if not 0 <= k < len(near) or (near[k].start() == lo > 0) or (near[k].end() == hi < len(text)):
            continue  # not seen whole here: the full look decides
        word, (w, stop) = near[k].group(), words[side]
        if stop:
            if word.lower() != w[0]:
                return False
        elif not _is(analyzer, word, w) and not _may_join(text, near[k]):
            return False
    return True


def _may_join(text: str, t: re.Match) -> bool:
    """Whether the word `t` may be a part of a joined word (JoiningTokenizer): next to a hyphen,
    or "per" or "cent"."""
    a, b = t.start(), t.end()
    return (a > 0 and text[a - 1] in HYPHENS) or (b < len(text) and text[b] in HYPHENS) \
        or t.group().lower() in ("per", "cent")


def _run(text: str, tokens: list, j: int, words: Words, analyzer, edge: int) -> bool | None:
    """Whether the tokenizer's matches `tokens` from the `j`th on spell `words`; None when that
    needs the `edge`th or later (not read whole)."""
    for w, stop in words:
        if j >= edge:
            return None
        word = tokens[j].group()
        if stop:
            if word.lower() != w[0]:
                return False
            j += 1
        elif _is(analyzer, word, w):
            j += 1
        else:
            parts = _joined(text, tokens, j, w, analyzer, edge)
            if not parts:
                return parts
            j += parts
    return True


def _is(analyzer, word: str, terms: tuple[str, ...]) -> bool:
    """Whether a word of a text is one of a phrase's words (`terms`), in either spelling of its umlauts."""
    return word_term(analyzer, word) in terms or (not word.isascii() and not set(word_terms(analyzer, word)).isdisjoint(terms))


def _joined(text: str, tokens: list, j: int, w: tuple[str, ...], analyzer, edge: int) -> int | None:
    """How many words from the `j`th on make one whose term is one of `w` as JoiningTokenizer joins
    them (a hyphen between letters, "per cent"): 0 if none, None if that needs the `edge`th word."""
    if tokens[j].group().lower() == "per" and j + 1 < len(tokens) \
            and tokens[j + 1].group().lower() == "cent" and text[tokens[j].end():tokens[j + 1].start()].isspace():
        return (None if j + 1 >= edge else 2) if word_term(analyzer, "percent") in w else 0
    k = j
    while k + 1 < len(tokens) and k + 1 - j < MAX_JOINED_PARTS and tokens[k].group().isalpha() \
            and tokens[k + 1].group().isalpha() and tokens[k + 1].start() == tokens[k].end() + 1 \
            and text[tokens[k].end()] in HYPHENS:
        k += 1
        if k >= edge:
            return None
        whole = "".join(t.group() for t in tokens[j:k + 1])
        if joinable(whole) and _is(analyzer, whole, w):
            return k + 1 - j
    return 0


@lru_cache(maxsize=256)
def _stop_re(stop: str, flags: int = 0) -> re.Pattern:
    """A stop word standing alone; the word first, so that the regex engine looks for it as a literal."""
    return re.compile(rf"{re.escape(stop)}(?![\w{MARKS}])(?<![\w{MARKS}]{re.escape(stop)})", flags)


def verified(searcher, node: "StopWords", docnums: np.ndarray) -> np.ndarray:
    """A boolean mask over `docnums` (the searcher's) of those whose stored field holds the
    phrase; each document's answer is kept with the searcher (one generation's: its texts
    never change), so the pages and facet counts of one search read each text once."""
    analyzer = searcher.schema[node.fieldname].analyzer
    field = node.fieldname
    memo = searcher.__dict__.setdefault("_stop_word_checks", {})
    if len(memo) > MEMO_SIZE:
        memo.clear()
    key = (field, node.words, node.others)
    out = np.empty(len(docnums), dtype=bool)
    for k, d in enumerate(docnums.tolist()):
        hit = memo.get((key, d))
        if hit is None:
            text = searcher.stored_fields(d).get(field) or ""
            hit = memo[(key, d)] = any(occurs(text, words, analyzer) for words in (node.words, *node.others))
        out[k] = hit
    return out


MEMO_SIZE = 200_000  # answers kept per searcher (about 25 MB), then forgotten together


class StopWords(WrappingQuery):
    """A phrase (`child`, from the index) whose stop words (`words`) are checked in each match's
    stored `fieldname`. matching.py evaluates it on its posting arrays; Whoosh through `matcher`."""

    def __init__(self, child: Q.Query, fieldname: str, words: Words, typed: str | None = None,
                 others: tuple[Words, ...] = ()):
        super().__init__(child)
        self.fieldname = fieldname
        self.words = words
        self.typed = typed  # the phrase as typed (a one-word child, a Term, keeps no words: query._typed)
        self.others = others  # its other spellings' words, any of which may be there (checked())

    def __repr__(self) -> str:
        return f"StopWords({self.child!r}, {' '.join(w[0] for w, _ in self.words)!r})"

    def __eq__(self, other) -> bool:
        return type(other) is StopWords and self.child == other.child and self.words == other.words \
            and self.others == other.others

    def __hash__(self) -> int:
        return hash((StopWords, self.child, self.words, self.others))

    @property
    def boost(self) -> float:
        return self.child.boost

    @boost.setter
    def boost(self, value: float) -> None:
        self.child.boost = value

    def _rewrap(self, child):
        return StopWords(child, self.fieldname, self.words, self.typed, self.others)

    def normalize(self):
        child = self.child.normalize()
        return child if child is Q.NullQuery else self._rewrap(child)

    def matcher(self, searcher, context=None):
        ids = np.fromiter(self.child.matcher(searcher, context).all_ids(), dtype=np.int64)
        keep = ids[verified(searcher, self, ids)] if len(ids) else ids
        return FilterMatcher(self.child.matcher(searcher, context), frozenset(keep.tolist()))

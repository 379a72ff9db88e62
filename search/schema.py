"""The Whoosh schema. Whoosh pickles field objects into the index, so everything here
must stay importable under the same names."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh import fields
from whoosh.analysis import CharsetFilter, Filter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.lang.porter2 import stem as porter2_stem
from whoosh.support.charset import accent_map

from .cjk import cjk_index_pieces, cjk_pieces, has_cjk
from .umlauts import umlaut_spelling

SEARCH_FIELDS = ("title", "text")  # what words in a query search
FACETS = ("person", "organization", "location", "source", "language", "year", "translated")
ENTITY_FACETS = ("person", "organization", "location")
SEP = "\x1f"  # joins the values of a multi-valued facet: never inside a value


def facet_field() -> fields.KEYWORD:
    """Exact, case-preserving, multi-valued: one indexed term per value.

    Values are joined with SEP rather than commas, since entity and place names
    can contain commas ("Washington, D.C.").
    """
    return fields.KEYWORD(stored=False, analyzer=RegexTokenizer(r"[^\x1f]+"))


# Porter2 gives one stem to words news tells apart, and a search for one found the other
# (helper review, 3,000 Reuters articles): `units` found "United" (the stem "unit": 164 of
# 506 results), `imports` "important" (39 of 177), `secured` "securities" (325 of 356),
# `ratings` every "rate" (322 of 399), `authors` "authorities", `organs` "organization";
# "internal" and "international", "business" and "busy", "executive" and "execution",
# "university" and "universe", "conservative" and "conservation" were one term too. And some
# plurals missed their singular: `indices` (the stem "indic", of "indicate"), `gases`,
# `crises`. Each word here is the term given, which keeps its inflections together.
_SENSES = {
    "unite": "unite unites united uniting",
    "security": "security securities",
    "importan": "important importance importantly",
    "organiz": "organization organizations organize organizes organized organizer organizers organizing",
    "authorit": "authority authorities",
    "authoriz": "authorize authorizes authorized authorizing authorization authorizations",
    "rating": "rating ratings",
    "index": "indices",
    "gas": "gases gasses",  # breame respells "gases" "gasses" first
    "crisi": "crises",
    "universit": "university universities",
    "business": "business businesses",
    "executive": "executive executives",
    "international": "international internationally",
    "internal": "internal internally",
    "conservative": "conservative conservatives",
}
STEM_SENSES = {word: term for term, words in _SENSES.items() for word in words.split()}
STEM_SENSES_VERSION = "senses-1"  # change with the table: the index is another schema, rebuilt


def stem(word: str) -> str:
    """Porter2 (Snowball English), but a word with a full stop in it (U.S., e.g., 3.5,
    example.com) is an abbreviation, a figure or an address, not English to stem: Porter2
    takes the "s" of "u.s" ("U.S." was the term "u.", which "U." also is); and a word of
    STEM_SENSES is its term there. Pickled into the index by name, as the field's stemmer."""
    if "." in word:
        return word
    return STEM_SENSES.get(word) or porter2_stem(word)


class SenseStemFilter(StemFilter):
    """Whoosh's StemFilter (with `stem`) whose equality includes STEM_SENSES_VERSION: Whoosh
    pickles the stemmer by name, so a changed table would leave an index with the old terms
    ("unit" for "United") beside queries analysed with the new ones; as another schema, it is
    rebuilt by the next run (schema_upgraded)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.senses = STEM_SENSES_VERSION

    def __eq__(self, other):
        return super().__eq__(other) and getattr(other, "senses", None) == self.senses


def text_analyzer():
    """Whoosh's StemmingAnalyzer with accents folded before the stemmer: transliterations
    and machine translations spell one name with and without them ("Cissé" / "Cisse",
    "Bagbandé" / "Bagbande", "París" / "Paris"), and a reader types the plain letters.
    One-character words are kept (Whoosh drops them): "5 pct" is not "17 pct". Chinese,
    Japanese and Korean runs become overlapping bigrams (CJKBigramFilter). The stemmer is
    Porter2 (Snowball English, see `stem`), not Whoosh's default original Porter, which made "news" the
    term of "new" (`news` found every "New York"), "generation" that of "general", and
    "community" that of "communism" (QA); as fast, through StemFilter's cache."""
    # CJK pieces after the stop filter, which numbers the positions it keeps one by one
    return (JoiningTokenizer(WORD_PATTERN) | AcronymStopFilter(minsize=1) | CJKBigramFilter()
            | AccentFoldFilter(FOLD_MAP) | RespellingFilter() | SenseStemFilter(stemfn=stem, ignore=ACRONYM_STOPS))


# "5%", "5 pct" (the wire's spelling: 19,000 Reuters stories write it and never "%") and
# "5 percent" are one figure: the term "percent" for each, so `5%` finds all three and no
# longer every "March 5" (the sign was dropped: the query was `5`).
PERCENT_WORDS = {"%": "percent", "\uff05": "percent", "pct": "percent"}
# The wire's other abbreviations, each the term of its word: Reuters writes "mln" in 8,312 of
# its 19,043 stories and "million" in 106, "dlrs" in 7,657 and "dollars" in 304, so `"5
# million dollars"` found almost nothing of "5 mln dlrs"; an earnings table's "Shr 12 cts"
# is `"12 cents"` a share, "Revs" revenues, "qtr" a quarter. Not "yr", "wk" or "stg", also
# other things on the web.
WIRE_WORDS = {"mln": "million", "bln": "billion", "dlrs": "dollars", "dlr": "dollar", "cts": "cents", "shr": "share",
              "shrs": "shares", "qtr": "quarter", "revs": "revenues", "avg": "average", "mths": "months",
              "mth": "month"}


@lru_cache(maxsize=1)
def respellings() -> dict[str, str]:
    """A word -> the spelling whose term it is: PERCENT_WORDS, WIRE_WORDS, and breame's 1,730
    British spellings with their American ones ("labour": "labor", "organisation":
    "organization", "travelled": "traveled"), lower case."""
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    return {**BRITISH_ENGLISH_SPELLINGS, **PERCENT_WORDS, **WIRE_WORDS}


class RespellingFilter(Filter):
    """A word is the term of its other spelling (`respellings`): `labor` finds "Labour" and
    `organisation` "organization", as an archive holds the wire's and the US papers' spelling
    beside the British, Indian and Australian press, and a machine translation writes either
    (the Porter2 stem of "organisation" is "organis", of "organization" "organ": no match).
    Before the stemmer, as another spelling is no stem. One table lookup, not Whoosh's
    SubstitutionFilter: a regex per word and a filter per table made the analyzer 17% slower,
    this one 3-10% (3,000 Reuters articles, three runs). The table stays out of the pickled
    filter (Whoosh pickles the schema into every index). A morphological filter to Whoosh, as
    the stemmer is: "did you mean" and wildcards take the words as written ("labour", "pct"),
    not their terms (spelling.py), so `labou*` finds "Labour"."""

    is_morph = True

    def __init__(self):
        # unequal when the table changes (Filter's __eq__ compares __dict__): the index is rebuilt
        self.table = "breame-0.1+percent+wire"

    def __call__(self, tokens):
        table = respellings()
        for t in tokens:
            t.text = table.get(t.text, t.text)
            yield t


class CJKBigramFilter(Filter):
    """Splits each word holding CJK characters at cjk_pieces (a query) or cjk_index_pieces
    (the index: unigrams too), renumbering the positions that follow so that phrases still
    line up (a bigram run is a phrase of its bigrams)."""

    def __call__(self, tokens):
        shift = 0
        for t in tokens:
            if t.positions:
                t.pos += shift
            if t.text.isascii() or not has_cjk(t.text):
                yield t
                continue
            text, pos = t.text, t.pos if t.positions else 0
            start = t.startchar if t.chars else 0
            pieces = cjk_index_pieces(text) if t.mode == "index" else [(a, b, k) for k, (a, b) in enumerate(cjk_pieces(text))]
            for a, b, k in pieces:
                t.text = text[a:b]
                if t.positions:
                    t.pos = pos + k
                if t.chars:
                    t.startchar, t.endchar = start + a, start + b
                yield t
            shift += pieces[-1][2]


# Combining diacritical marks (the blocks Latin, Greek and Cyrillic text uses): a word in
# decomposed form (NFD: "Mu\u0308ller", as files from a Mac often are) holds them, and so does
# a lowercased Turkish dotted capital ("İzmir".lower() is "i\u0307zmir"). Python's \w does not
# match them, so they are word characters here (the word stays whole), and folding drops them.
MARK_RANGES = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
MARKS = "".join(rf"\u{a:04x}-\u{b:04x}" for a, b in MARK_RANGES)  # for a regex character class
_WORD = rf"\w[\w{MARKS}]*"
# The letter of a clitic ("company's", "don't", "I'm") is no word: one-character words are
# indexed, and these would be among the commonest terms, in every phrase with a possessive.
_CLITIC = rf"(?<=[\w{MARKS}]['\u2019])[^\W\d_](?![\w{MARKS}])"


def _case_class(test) -> str:
    """A regex character class body of the letters in the Latin, Greek and Cyrillic blocks
    for which `test` (str.islower, str.isupper) holds, as ranges: Python's re has no \\p{Ll}."""
    chars = [c for c in range(0x0530) if test(chr(c))] + [c for c in range(0x1E00, 0x1F00) if test(chr(c))]
    out, start, prev = [], None, None
    for c in chars + [None]:
        if start is not None and c == prev + 1:
            prev = c
            continue
        if start is not None:
            out.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = c
    return "".join(out)


_LOWER, _UPPER = _case_class(str.islower), _case_class(str.isupper)
# A full stop joins the parts of one word (U.S., e.g., 3.5, example.com) except between a
# lower-case letter and a capitalised word: "army.Rebels", "it.Officials", a space lost after
# a full stop (machine translation, scraping), was one word that "rebels" did not find.
# A comma between digits followed by a group of three joins the groups of a number: "9,200,000"
# was three words, so "200,000" (the phrase "200 000") found it, and "200" did too.
_JOIN = rf"(?:&|(?<![{_LOWER}])\.|\.(?![{_UPPER}][{_LOWER}])|(?<=\d),(?=\d{{3}}(?!\w)))"
# Whoosh's default word pattern, plus "&" inside a word: AT&T, S&P, P&G, R&D are one word each
# (the default split them into stop words and single letters, so they could not be searched).
# A per cent sign is a word of its own, whose term is "percent" (PERCENT_WORDS).
WORD_PATTERN = rf"(?!{_CLITIC}){_WORD}(?:{_JOIN}{_WORD})*|[%\uff05]"
ACRONYM_STOPS = frozenset(w.upper() for w in StopFilter().stops if len(w) >= 2)
HYPHENS = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
# "per cent" as two words, which JoiningTokenizer indexes as "percent" too, where its parts are
# ("5-per cent" too; not the end of a hyphenated word, "x-per cent", or its start, "per cent-based")
_HYPHEN_CLASS = f"[{re.escape(HYPHENS)}]"
PER_CENT = re.compile(rf"(?<!\w)(?<![^\W\d_]{_HYPHEN_CLASS})per\scent(?!\w|{_HYPHEN_CLASS}[^\W\d_])", re.IGNORECASE)
MAX_JOINED_PARTS = 4
# Letters joined by "and", as 1980s wire copy wrote an ampersand ("S and P", "AT and T", "LL and
# E"): JoiningTokenizer indexes "S&P" there too, so `S&P` finds them (Reuters writes "S and P"
# 296 times and "S&P" twice, "AT and T" 11 times and "AT&T" once). One side a single letter
# ("US and UK" stays two names); "Series A and B" gets a term "a&b" nobody searches.
LETTERS_AND = re.compile(r"(?<![\w.&'\-])([A-Z]{1,2}) (?:and|AND) ([A-Z]{1,2})(?![\w&'\-]|\.\w)")
_AND_CAPITAL = re.compile(r"(?<=[A-Z]) (?:and|AND) (?=[A-Z])")


def letters_and(text: str) -> Iterator[re.Match]:
    """The "S and P" of `text` that stand for "S&P" (LETTERS_AND, one side a single letter).
    From each " and " between capitals, the rarer thing, back: LETTERS_AND tried at every
    character of a text was 5% of the analyzer's time."""
    end = 0  # as finditer: none overlapping ("A and B and C" is "A and B")
    for a in _AND_CAPITAL.finditer(text):
        for start in (a.start() - 2, a.start() - 1):
            m = LETTERS_AND.match(text, max(0, start))
            if m is not None and m.end(1) == a.start() and m.start() >= end:
                end = m.end()
                if min(len(m.group(1)), len(m.group(2))) == 1:
                    yield m
                break


# A joined spelling is indexed only where it is a word people write (wordfreq's Zipf scale):
# "email" 4.7, "cooperative" 3.9, "inhouse" 2.2, "builtin" 1.9; not "socalled" (1.7), whose stem
# "socal" `Socal` then found in 129 Reuters articles, nor "wholed" or "orings", stemmed to
# "whole" and "ore" (QA: 19 such collisions in 156 articles).
JOINED_MIN_ZIPF = 1.9


@lru_cache(maxsize=100_000)
def joinable(joined: str) -> bool:
    """Whether a hyphenated word's joined spelling (its parts run together) is a word."""
    from wordfreq import zipf_frequency

    return zipf_frequency(joined.lower(), "en") >= JOINED_MIN_ZIPF


class JoiningTokenizer(RegexTokenizer):
    """The word pattern's tokens, and in the index the joined form of a word hyphenated
    between letters (when it is a word: joinable) at the positions of its first and its last
    part: "e-mail" is indexed as e, mail and email, so `email` finds it, `cooperative` finds
    "co-operative", and the phrases `"send email"` and `"email address"` find "send e-mail
    address" (QA: each found only its own spelling; at the last part's position alone, a
    phrase with a word before the joined spelling missed 21 of 22 such Reuters phrases). A
    stop word's position gets none: "in-house" has "inhouse" where "house" is, "built-in" where
    "built" is. "per cent" is joined as "per-cent" is (PER_CENT), so `5%` finds "5 per cent".
    The query side (query.py) adds the joined form to a hyphenated word. Only in
    mode "index": a query's "e-mail" must stay the phrase of its parts. Written by hand because
    Whoosh's filters see no characters at indexing time, so only the tokenizer knows that two
    words were joined by a hyphen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The release before gave a compound of stop words only ("as-is") the position of the
        # word before it, so `"sold as-is"` missed "sold as-is" (QA); now its joined word takes
        # a position of its own, as the highlighter counts it. An index written before has a
        # tokenizer without this attribute: another schema (same_schema), so it is rebuilt, and
        # until then its tokenizer places words as its postings do.
        self.stop_compounds_own_position = True
        self.letters_and_joined = True  # "S and P" is "S&P" too (LETTERS_AND); the same upgrade

    def __eq__(self, other):
        return bool(super().__eq__(other)) and all(
            getattr(self, a, False) == getattr(other, a, False) for a in ("stop_compounds_own_position", "letters_and_joined"))

    __hash__ = None

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if mode != "index" or not tokenize or self.gaps:
            yield from super().__call__(value, positions, chars, keeporiginal, removestops, start_pos,
                                        start_char, tokenize, mode, **kwargs)
            return
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        own_position = getattr(self, "stop_compounds_own_position", False)
        # the start of each part of an "S and P" -> its joined "S&P" and the span it covers
        amp_at: dict[int, tuple[str, int, int]] = {}
        if getattr(self, "letters_and_joined", False) and (" and " in value or " AND " in value):
            for m in letters_and(value):
                amp_at[m.start(1)] = amp_at[m.start(2)] = (f"{m.group(1)}&{m.group(2)}", m.start(), m.end())

        def token(text: str, pos: int, start: int, end: int, joined: bool, amp: bool = False) -> Token:
            t.text = text
            t.boost, t.stopped, t.joined, t.amp = 1.0, False, joined, amp
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            return t

        def emit(run: list) -> Iterator[Token]:
            """A run of words each joined to the next by a hyphen (most runs: one word)."""
            words = [m.group() for _, m in run]
            whole = "".join(words)
            if not (2 <= len(run) <= MAX_JOINED_PARTS and joinable(whole)):
                for pos, m in run:
                    yield token(m.group(), pos, m.start(), m.end(), False)
                    if m.start() in amp_at:
                        joined, ja, jb = amp_at[m.start()]
                        yield token(joined, pos, ja, jb, True, True)
                return
            a, b = run[0][1].start(), run[-1][1].end()
            first_stop, last_stop = words[0].lower() in _STOPS, words[-1].lower() in _STOPS
            # all stop words: the joined word is a word of its own, not sharing a part's position
            shares = not (first_stop and last_stop and own_position)
            for k, (pos, m) in enumerate(run):
                yield token(m.group(), pos, m.start(), m.end(), False)
                if (k == 0 and not first_stop) or (k == len(run) - 1 and (not last_stop or first_stop)):
                    yield token(whole, pos, a, b, shares)

        run: list = []  # (position, match) of the hyphenated word being read
        for pos, m in enumerate(self.expression.finditer(value)):
            start = m.start()
            if run and start > 0 and value[start - 1] in HYPHENS and start == run[-1][1].end() + 1 \
                    and m.group().isalpha() and run[-1][1].group().isalpha():
                run.append((pos, m))
                continue
            # "per cent", the British press's "percent", is joined as "per-cent" is (PER_CENT)
            if len(run) == 1 and m.end() - start == 4 and start == run[0][1].end() + 1 \
                    and value[start - 1].isspace() and m.group().lower() == "cent" \
                    and run[0][1].group().lower() == "per":
                run.append((pos, m))
                continue
            if len(run) == 1:  # the common case, without a generator per word (emit)
                p, w = run[0]
                yield token(w.group(), p, w.start(), w.end(), False)
                if amp_at and w.start() in amp_at:  # "S" or "P" of "S and P": "S&P" at its position too
                    joined, a, b = amp_at[w.start()]
                    yield token(joined, p, a, b, True, True)
            elif run:
                yield from emit(run)
            run = [(pos, m)]
        yield from emit(run)


_STOPS = frozenset(StopFilter().stops)  # the stop filter's words: they get no joined word's position


# Whoosh's accent_map, and combining marks dropped (it maps "İ" to "i", but the analyzer
# lowercases first, and "İ".lower() is "i" with a combining dot above).
# The group commas of a number go too: "9,200,000" is the term 9200000, which "9200000" finds.
# "ß" is "ss" (Whoosh's map makes it "s": "Straße" was "strase", which `Strasse` missed).
# Typographic ligatures ("ﬁ", "ﬂ", "ﬃ": text taken from PDFs and typeset pages, where `profit`
# found no "proﬁt", QA) and the mathematical alphanumerics ("𝐨𝐢𝐥", styled text of social posts)
# are their letters, as Unicode's compatibility form (NFKC) writes them; accent_map has neither.
_COMPATIBLE = {c: unicodedata.normalize("NFKC", chr(c)) for a, b in ((0xFB00, 0xFB06), (0x1D400, 0x1D7FF))
               for c in range(a, b + 1) if unicodedata.normalize("NFKC", chr(c)) != chr(c)}
FOLD_MAP = {**accent_map, **{c: None for a, b in MARK_RANGES for c in range(a, b + 1)}, ord(","): None,
            ord("ß"): "ss", ord("ẞ"): "ss", **{c: t.lower() for c, t in _COMPATIBLE.items()}}


class AcronymStopFilter(StopFilter):
    """Lowercases and drops stop words like Whoosh's LowercaseFilter | StopFilter, except a
    stop word typed in capitals: "US", "IT", "AT" are names, and are indexed as they are
    (upper case, never stemmed), since the lowercased term would also be the stem of other
    words ("used" and "uses" stem to "us", "its" to "it"). Other acronyms (NATO, USA) are
    lowercased as before, so "nato" finds them. Written out because StopFilter only ever
    sees the lowercased word.

    Only in mixed-case text, though: in capitals ("BANK SAYS IT WILL CUT JOBS", as wire
    headlines are written) a stop word is a stop word. A capitalised stop word is one when
    the nearest words with letters on either side (one side at an end of the text) are in
    capitals too; alone (a query's word), it is the acronym."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An index of the release before stored no such attribute: the analyzer differs
        # (same_schema), and its unpickled filter keeps the acronyms of capitals as it did.
        self.caps_context = True

    def __eq__(self, other):
        return bool(super().__eq__(other)) and getattr(self, "caps_context", False) == getattr(other, "caps_context", False)

    __hash__ = None

    def __call__(self, tokens):
        stops, minsize, maxsize, renumber = self.stops, self.min, self.max, self.renumber
        context = getattr(self, "caps_context", False)
        pos = None
        last = None  # the position the tokenizer gave the last token kept
        held = []  # copies of tokens from a capitalised stop word on, until the next cased word
        before = None  # whether the last cased word was in capitals (None: no word yet)

        def out(t, acronym):
            nonlocal pos, last
            if acronym:
                keep = True  # "US": its own term
            else:
                text = t.text = t.text.lower()
                keep = len(text) >= minsize and (maxsize is None or len(text) <= maxsize) and text not in stops
            if keep:
                if renumber and t.positions:
                    given = t.pos
                    if pos is None:
                        pos = given
                    # a joined "email" shares the position of "mail", "builtin" that of "built"
                    # ("in" is a stop word): the words after it keep theirs (JoiningTokenizer)
                    elif given != last and not getattr(t, "joined", False):
                        pos += 1
                    t.pos, last = pos, given
                t.stopped = False
                return t
            if not t.removestops:
                t.stopped = True
                return t
            return None

        def release(after):
            for t, prev in held:
                if prev == "word":
                    kept = out(t, False)
                else:  # a capitalised stop word: in capitals, between its neighbours?
                    sides = [s for s in (prev, after) if s is not None]
                    kept = out(t, not (sides and all(sides)))
                if kept is not None:
                    yield kept
            held.clear()

        for t in tokens:
            text = t.text
            if context and not held and text not in ACRONYM_STOPS:
                # the common case (no stop word in capitals, none held) in fewer steps: this
                # loop was a third of the analyzer's time (10,000 Reuters articles)
                if text.islower():
                    before = False
                elif text.isupper():
                    if not getattr(t, "amp", False):  # the joined "AT&T" of "AT and T" is no neighbour
                        before = True
                elif text.lower() != text:  # cased, not in capitals ("Goita")
                    before = False
                kept = out(t, False)
                if kept is not None:
                    yield kept
                continue
            if not context:
                kept = out(t, text in ACRONYM_STOPS)
                if kept is not None:
                    yield kept
                continue
            if getattr(t, "amp", False):  # beside a held "AT" of "AT and T": no neighbour (it dropped "AT")
                held.append((t.copy(), "word"))
                continue
            upper = text.isupper()
            cased = upper or text.islower() or text.lower() != text
            if held and cased:
                yield from release(upper)
            if text in ACRONYM_STOPS:
                held.append((t.copy(), before))
            elif held:
                held.append((t.copy(), "word"))
            else:
                kept = out(t, False)
                if kept is not None:
                    yield kept
            if cased:
                before = upper
        if held:
            yield from release(None)


class AccentFoldFilter(CharsetFilter):
    """CharsetFilter that leaves the capitals of AcronymStopFilter's acronyms alone
    (Whoosh's accent_map also lowercases some letters: "US" would come out "Us"); FOLD_MAP
    also drops a number's group commas, the only commas a word holds. In the index a word
    with umlauts is also its German spelling without them (umlaut_spelling), so `Mueller`
    finds "Müller" (query.py asks `Müller` for "Mueller" too)."""

    def __init__(self, charmap):
        super().__init__(charmap)
        # an index of an earlier release pickled a filter without it: unequal (Filter's
        # __eq__ compares __dict__), so that index is rebuilt, and it keeps its behaviour
        self.umlauts = True

    def __call__(self, tokens):
        charmap = self.charmap
        for t in tokens:
            text = t.text
            # Lower-case ASCII is never changed by the map (only capitals and non-ASCII are
            # in it): skipping translate() there halves the time of this filter.
            if not (text.isascii() and text.islower() and "," not in text) and text not in ACRONYM_STOPS:
                german = None if text.isascii() or t.mode != "index" or not getattr(self, "umlauts", False) \
                    else umlaut_spelling(text)
                t.text = text.translate(charmap)
                if german is not None:  # "müller": the terms muller and, at its position, mueller
                    yield t
                    t.text = german.translate(charmap)
            yield t


TAIL = (CJKBigramFilter, AccentFoldFilter, RespellingFilter, SenseStemFilter)  # text_analyzer's after the stop filter


def tail_filters(tokens: Iterator[Token], cjk: CJKBigramFilter, fold: AccentFoldFilter,
                 respell: RespellingFilter, stemmer: SenseStemFilter) -> Iterator[Token]:
    """The tokens of `cjk`, `fold`, `respell` and `stemmer` chained (TAIL, from the stop filter's
    output), in one loop: four generators, each a Python frame resumed for every token, were
    half of the analyzer's time, and an English word only needs a dictionary lookup, a stem and
    maybe a fold. A word with a letter outside ASCII goes through the four filters themselves
    (CJK pieces, umlauts), as the stream's own; each filter's attributes are read as its
    __call__ reads them, so an index's unpickled filters keep their behaviour."""
    charmap, get, stemfn, ignore = fold.charmap, respellings().get, stemmer._stem, stemmer.ignore
    shift = 0  # positions the CJK pieces took, as CJKBigramFilter counts them
    for t in tokens:
        text = t.text
        if not text.isascii():
            pos = t.pos if t.positions else 0
            if t.positions:
                t.pos += shift
            yield from stemmer(respell(fold(cjk((t,)))))
            if t.positions:
                shift = t.pos - pos  # the last piece's position (the stream's own, CJK or not)
            continue
        if t.positions:
            t.pos += shift
        if not (text.islower() and "," not in text) and text not in ACRONYM_STOPS:
            text = text.translate(charmap)
        text = get(text, text)
        if not t.stopped and text not in ignore:
            text = stemfn(text)
        t.text = text
        yield t


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        # indexed as one term: `show URL` finds a page saved to disk by the canonical address a
        # search reports for it, which the catalog (its file:// address) does not hold
        url=fields.ID(stored=True),
        # no spelling=True: "did you mean" words are kept apart, at a fraction of the cost (spelling.py)
        # a query word the analyzer splits ("long-term", "北京市") is a phrase of its parts, not an
        # AND of them anywhere in the text
        title=fields.TEXT(analyzer=text_analyzer(), stored=True, field_boost=2.0, multitoken_query="phrase"),
        text=fields.TEXT(analyzer=text_analyzer(), stored=True, multitoken_query="phrase"),
        published=fields.DATETIME(stored=True, sortable=True),
        dated=fields.NUMERIC(sortable=True),  # 1 when published is known: undated last in date sorts
        entity=fields.KEYWORD(stored=False, analyzer=RegexTokenizer(r"[^\x1f]+")),
        content_hash=fields.ID(stored=True),
        record_hash=fields.ID(stored=True),
        doc=fields.STORED(),  # the full record as JSON: what document pages show
        **{name: facet_field() for name in FACETS},
    )


def same_schema(a: fields.Schema, b: fields.Schema) -> bool:
    """Whether two schemas index and store alike: the same fields, each of the same type, with an
    equal analyzer, stored or not, with or without a column. (Schema's own == also compares
    per-instance helper objects, so two build_schema() calls are never equal by it.)"""
    if sorted(a.names()) != sorted(b.names()):
        return False
    for name in a.names():
        fa, fb = a[name], b[name]
        if (type(fa) is not type(fb) or getattr(fa, "analyzer", None) != getattr(fb, "analyzer", None)
                or fa.stored != fb.stored or type(fa.column_type) is not type(fb.column_type)):
            return False
    return True


def join_values(values) -> str:
    return SEP.join(v.replace(SEP, " ") for v in values if v)

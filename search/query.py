"""Parse, expand aliases, filter, sort, count facets, highlight, suggest: one search call.

The CLI and the web app both call `run_search`; its `SearchResult.to_json()` is the
body of `newsarchive search --json` and of `/api/search`.
"""
from __future__ import annotations

import bisect
import copy
import heapq
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import asdict, dataclass, field
from datetime import date
from html import escape
from typing import Any

import numpy as np
from whoosh import collectors, highlight, query as Q, sorting
from whoosh.analysis import STOP_WORDS, Token
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, MultifieldPlugin, PhrasePlugin, QueryParser
from whoosh.qparser.taggers import RegexTagger
from whoosh.spelling import Corrector

from . import fieldnames, quoted
from .archive import Archive
from .facets import TRANSLATION_LABELS, docmask
from .filter_hints import nearest_values, replace_field_value, spaced_value, unmatched_filters, values_like
from .operators import BINARY_OPS, OPERATORS
from .matching import match_docnums, scored_docnums, top_docs
from .stop_phrases import StopWords, checked, occurs, word_term
from .field_values import ADDRESS, field_value
from .unindexed import why_unindexed
from .postings import TermCache, term_ids
from .cjk import cjk_index_pieces, has_cjk
from .clean.text import INVISIBLE
from .schema import (ACRONYM_STOPS, ENTITY_FACETS, FACETS, FOLD_MAP, HYPHENS, MAX_JOINED_PARTS, SEARCH_FIELDS,
                     PER_CENT, WORD_PATTERN, joinable, letters_and)
from .newsroom import MONTH_NAME
from .typed_dates import offered_date, read_like
from .umlauts import umlaut_spelling
from .spelling import Vocabulary, spellable_words

# Researchers paste long Boolean lists of names and their spellings. 4,000 characters (200 to
# 300 names OR'ed, each expanded to its entity's other spellings) parse, expand and match in
# ~50 ms on the seeds index, ~90 ms on 3,000 Reuters articles; 400 was an arbitrary first bound.
MAX_QUERY_CHARS = 4000
MAX_PAGE = 1000  # deep pages cost a sort of every match up to the page: past it, narrow or re-sort
PAGING_ADVICE = "narrow the search or change the sort"


def last_page(total: int, per_page: int) -> int:
    """The last page that holds results (1 when there are none)."""
    return max(1, -(-total // per_page))


def last_shown_page(total: int, per_page: int) -> int:
    """The last page that holds results and can be asked for (at most MAX_PAGE)."""
    return min(last_page(total, per_page), MAX_PAGE)


def paging_limit(total: int, per_page: int) -> str | None:
    """What a result list says when some results lie past the last page that can be
    shown (None when every result can be reached): the pager simply ended there."""
    if total <= MAX_PAGE * per_page:
        return None
    return (f"Showing the first {MAX_PAGE:,} pages ({MAX_PAGE * per_page:,} of {total:,} results): "
            f"{PAGING_ADVICE}")


def check_page(page: int) -> None:
    """A page number a search can show, else a QueryError saying why not."""
    if page < 1:
        raise QueryError(f"page must be between 1 and {MAX_PAGE:,}")
    if page > MAX_PAGE:
        # said before searching: whether the search has that many results is not known yet
        raise QueryError(f"page {page:,} is past the last page that can be shown ({MAX_PAGE:,}): where a "
                         f"search has more results than that, {PAGING_ADVICE}")


def whole_number(value: int | str, what: str) -> int:
    """`value` (an int, or as typed) as a whole number, else QueryError "`what` must be a whole
    number": int() also takes "2_0" and a full-width "２", which are refused, not guessed at."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not re.fullmatch(r"\s*[+-]?[0-9]+\s*", str(value)):
        # "1,000" as the pages print a page number and every count: refused, and written as read
        grouped = re.fullmatch(r"\s*([+-]?[0-9]{1,3}(?:[,\u202f' ][0-9]{3})+)\s*", str(value))
        plain = f" (without a thousands separator: {re.sub(r'[^0-9+-]', '', grouped.group(1))})" if grouped else ""
        raise QueryError(f"{what} must be a whole number{plain}")
    return int(value)


def read_page(value: int | str) -> int:
    """A results page asked for (`--page`, `page=`), checked as every layer checks it: the
    command line said "0 is not in the range x>=1" where the web said "page must be between 1
    and 1000", for the same mistake."""
    page = whole_number(value, "page")
    check_page(page)
    return page


def read_per_page(value: int | str) -> int:
    """The results a page holds (`--limit`, `per_page=`), checked as every layer checks it."""
    per_page = whole_number(value, "results per page")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"results per page must be between 1 and {MAX_PER_PAGE}")
    return per_page


def read_choice(value: str | None, choices: tuple[str, ...], what: str, default: str | None,
                joined: str = ", ") -> str | None:
    """One of `choices` as typed (`--sort`, `sort=`, `--format`), in any case (`sort=NEWEST` was
    refused while a filter's value may be typed in capitals); empty is `default`, as a form
    leaves it; another is refused naming them ("unknown sort 'best' (use relevance, ...)")."""
    name = (value or "").strip().lower()
    if name and name not in choices:
        raise QueryError(f"unknown {what} '{value}' (use {joined.join(choices)})")
    return name or default


def read_sort(sort: str | None) -> str:
    """A sort as typed (read_choice); empty is relevance."""
    return read_choice(sort, SORTS, "sort", "relevance")


def read_match(match: str | None) -> str:
    """Whether a search needs every word of its query ("all", as typed words are ANDed) or any
    of them (any_clause), typed in either case; empty is "all", as a form leaves it."""
    return read_choice(match, MATCHES, "match", "all", " or ")


def read_entity_type(value: str | None) -> str | None:
    """An entity type as typed (`--type`, `type=`) in any case, as facet values are; None for
    every type. One reading for both layers: `--type people` said "'people' is not one of
    'person', ...", and type=people offered 'person'."""
    etype = (value or "").strip().lower() or None
    if etype is not None and etype not in ENTITY_FACETS:
        meant = fieldnames.meant(etype, ENTITY_FACETS)
        # "unknown entity type 'x': (use ...)" where there was no type to offer
        raise QueryError(f"unknown entity type {etype!r}" + (f": did you mean '{meant}'?" if meant else "")
                         + f" (use {', '.join(ENTITY_FACETS)})")
    return etype


def read_contains(value: str | None) -> str:
    """The text an entity or facet value list is narrowed to (`--contains`, `contains=`),
    spaces around it dropped, bounded as a filter's value is (MAX_VALUE_CHARS): the web
    refused one over 200 characters and the command line read any length. Empty: every one."""
    text = (value or "").strip()
    if len(text) > MAX_VALUE_CHARS:
        raise QueryError(too_long("'contains'", text, MAX_VALUE_CHARS))
    return text


def check_filter_values(facet: str, values: Sequence[str]) -> None:
    """Refuse a facet's filter values past the bounds every layer keeps (MAX_FILTER_VALUES
    distinct values, MAX_VALUE_CHARS each): `--filter` read any number of any length where the
    web refused them."""
    check_filter_bounds({facet: values})


def check_filter_bounds(filters: Mapping[str, Sequence[str]]) -> None:
    """check_filter_values over every facet at once, each value past the bounds named together
    as check_filters names them, and with them the values the engine would refuse next
    (year=21), as `--filter` names them: the first facet past a bound alone was, and each fix
    brought the next refusal."""
    if any(_bound_errors(facet, values) for facet, values in filters.items()):
        _refuse_together(filter_errors(filters))


def _bound_errors(facet: str, values: Sequence[str]) -> list[FilterValueError]:
    errors = [FilterValueError(facet, too_long("", value, MAX_VALUE_CHARS).lstrip(), form="a '{}' filter's value {}")
              for value in values if len(value) > MAX_VALUE_CHARS]
    distinct = len(set(values))
    if distinct > MAX_FILTER_VALUES:
        errors.append(FilterValueError(facet, f"({distinct}; at most {MAX_FILTER_VALUES})", form="too many '{}' filters {}"))
    return errors


def read_limit(value: int | str) -> int:
    """How many of a list to give (`entities --limit`): a whole number, at least 1, refused as a
    page is ("limit must be a whole number"), where click said "'x' is not a valid integer range"."""
    limit = whole_number(value, "limit")
    if limit < 1:
        raise QueryError("limit must be at least 1")
    return limit


MAX_VALUE_CHARS = 200  # a filter's value and a list's `contains`, on the web and the command line alike
MAX_FILTER_VALUES = 50  # per facet: more is not a person choosing
MAX_PER_PAGE = 100
SORTS = ("relevance", "newest", "oldest")
MATCHES = ("all", "any")
# A search for every word that finds fewer than this says how many articles have any of them
# (review: `grain shipments` found 4 articles, of 151 about grain shipments)
FEW_RESULTS = 10
SNIPPET_CHARS = 240
# Pathological queries are bounded in time: few wildcard words, each standing for a
# bounded number of indexed words (Elasticsearch's max clause count is 1024), and a
# wall-clock limit on matching (the web app must answer, not hang a worker thread).
MAX_WILDCARDS = 6
MAX_EXPANSION = 1024
SEARCH_SECONDS = 5.0


class QueryError(ValueError):
    """A query the user must fix (exit 2 / HTTP 400); the message says how. `suggestion`, when
    there is one, is the query fixed, to offer in one step ("did you mean")."""

    syntax = False  # whether a reminder of the query syntax helps (the error page shows one)

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class QuerySyntaxError(QueryError):
    """A query written wrong: a quote or parenthesis left open, an unknown field, a bare
    field, a wildcard or ~ misused. Not one that reads right and cannot run (too long, no
    searchable words, a bad date, a page past the last)."""

    syntax = True


class NoSearchableWords(QueryError):
    """A query whose words are all stop words, or none; read_query says which (no_words)."""


def no_words(qstring: str) -> QueryError:
    """The error for a query left with no word, naming its stop words: "query has no
    searchable words" alone left `may` or `the` unexplained (the README's table said why)."""
    stops = list(dict.fromkeys(w.lower() for w in re.findall(r"[^\W\d_]+", qstring)
                               if w.lower() in STOP_WORDS and w not in ("AND", "OR", "NOT")))
    if not stops:
        return NoSearchableWords("query has no searchable words")
    listed = " and ".join(", ".join(f'"{w}"' for w in stops).rsplit(", ", 1))
    why = "is a stop word" if len(stops) == 1 else "are stop words"
    month = "; for May of a year, search its dates (published:2020-05)" if "may" in stops else ""
    return NoSearchableWords(f"query has no searchable words: {listed} {why}, too common to be indexed; "
                             f"add another word{month}")


class FilterValueError(QueryError):
    """A filter value no article could have (year=21, translated=maybe). Its message names the
    field as the query text, the URL and the command line write it ("a 'translated' filter is
    one of ..."); `naming` words it with another name for the field, which a page gives as its
    labels read ("a 'Machine translation' filter is one of ..."): the engine knows no page's words. `form` places
    the name and the rest of the message ("too many '{}' filters {}")."""

    def __init__(self, facet: str, rest: str, form: str = "{} {}") -> None:
        super().__init__(form.format(facet, rest))
        self.facet = facet
        self.rest = rest  # the message but the field's name
        self.form = form

    def naming(self, name: str) -> str:
        """The message with the field called `name`."""
        return self.form.format(name, self.rest)


class FilterValueErrors(QueryError):
    """Several filter values no article could have (year=21 and translated=maybe), named
    together, up to MAX_NAMED_FILTERS: the first alone was named, and each one fixed brought
    the next refusal. `naming` as FilterValueError's, with a function of the field's name."""

    def __init__(self, errors: Sequence[FilterValueError]) -> None:
        self.errors = list(errors)
        super().__init__(self.naming(str))

    def naming(self, name: Callable[[str], str]) -> str:
        """The message with each field called `name(field)`."""
        return named_together([e.naming(name(e.facet)) for e in self.errors])


MAX_NAMED_FILTERS = 5  # a message naming more is no longer read


def named_together(refusals: Sequence[str]) -> str:
    """Several bad filters' refusals as one message (the first MAX_NAMED_FILTERS, and how many
    more): the command line, the web and the API name every bad filter so."""
    more = len(refusals) - MAX_NAMED_FILTERS
    return "; ".join(refusals[:MAX_NAMED_FILTERS]) + (f"; and {more} more" if more > 0 else "")


def check_filters(filters: Mapping[str, Sequence[str]]) -> None:
    """Refuse every filter value no article could have at once (check_filter_value), in the
    facets' order, as the command line and the web give them alike."""
    _refuse_together(filter_value_errors(filters))


def _refuse_together(errors: Sequence[FilterValueError]) -> None:
    """One refusal for one error, FilterValueErrors naming them together for several."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise FilterValueErrors(errors)


def _in_facet_order(filters: Mapping[str, Sequence[str]]) -> list[str]:
    return sorted(filters, key=lambda f: FACETS.index(f) if f in FACETS else len(FACETS))


def filter_errors(filters: Mapping[str, Sequence[str]]) -> list[FilterValueError]:
    """Each filter value past the bounds (MAX_VALUE_CHARS, MAX_FILTER_VALUES), then each of the
    others no article could have (check_filter_value), in the facets' order."""
    bounds = [e for facet in _in_facet_order(filters) for e in _bound_errors(facet, filters[facet])]
    return bounds + filter_value_errors({f: [v for v in values if len(v) <= MAX_VALUE_CHARS]
                                         for f, values in filters.items()})


def bad_filter_refusals(unknown: Sequence[str], filters: Mapping[str, Sequence[str]]) -> list[str]:
    """Every refusal of a search's bad filters, in one order on the command line, the web and
    the API: the unknown names' (`unknown`, as typed), then the facets' values (filter_errors).
    The command line named a value past the bounds in the order typed, the API in the facets'
    (and with an unknown name, none: its next refusal)."""
    return [*unknown, *(str(e) for e in filter_errors(filters))]


def filter_value_errors(filters: Mapping[str, Sequence[str]]) -> list[FilterValueError]:
    """Each filter value no article could have (check_filter_value), in the facets' order."""
    errors = []
    for facet in _in_facet_order(filters):
        for value in filters[facet]:
            try:
                check_filter_value(facet, value)
            except FilterValueError as exc:
                errors.append(exc)
    return errors


class QueryTimeout(QueryError):
    """A query that ran past SEARCH_SECONDS; narrowing it (fewer or longer wildcards) helps."""

    syntax = True  # its advice is the wildcards'

    def __init__(self) -> None:
        super().__init__(f"query took longer than {SEARCH_SECONDS:g} s: use fewer or longer wildcards, or more words")


@dataclass
class Hit:
    id: str
    title: str
    url: str
    source: str
    published: str | None
    language: str
    score: float | None
    snippet: str
    translated: str | None = None


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[dict[str, Any]]]
    suggestion: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    # results per month ({"value": "1987-03", "count"}), oldest first: the web page's
    # histogram when the results span few years, and in the JSON, its twin (the undated
    # results are the total less their sum)
    months: list[dict[str, Any]] = field(default_factory=list, repr=False)
    # filter values no article has, with the nearest one some article has (filter_hints)
    unmatched_filters: list[dict[str, Any]] = field(default_factory=list)
    # the mode the search ran in: "any" (an article needs one of the query's word clauses) only
    # where it was asked for and the query had clauses to join (_read)
    match: str = "all"
    # a search for all the words that found fewer than FEW_RESULTS: how many articles have any
    # of them, where that is more (None otherwise)
    any_words_total: int | None = None
    # a search its filters leave with none: how many articles it finds without them (None
    # otherwise, or where counting took too long): "Without the filters: 5 results"
    unfiltered_total: int | None = None

    @property
    def last_page(self) -> int:
        return last_shown_page(self.total, self.per_page)

    @property
    def paging_limit(self) -> str | None:
        return paging_limit(self.total, self.per_page)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "last_page": self.last_page,
            "paging_limit": self.paging_limit,
            "sort": self.sort,
            "match": self.match,
            "filters": self.filters,
            "hits": [asdict(h) for h in self.hits],
            "facets": self.facets,
            "months": self.months,
            "suggestion": self.suggestion,
            "unmatched_filters": self.unmatched_filters,
            "any_words_total": self.any_words_total,
            "unfiltered_total": self.unfiltered_total,
        }


class MarkFormatter(highlight.Formatter):
    """Escapes the article text and wraps matches in <mark>, so the snippet is safe HTML."""

    between = " … "

    def _text(self, text: str) -> str:
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % escape(highlight.get_text(text, token, replace), quote=False)


# --------------------------------------------------------------------- parsing
# A field name is any word before a colon, accented too: Whoosh reads "Genève:x" as a field
# and found nothing, where "oil:gas" was an "unknown field" error.
_FIELD_RE = re.compile(r'(?<![\w"])([^\W\d]\w*):(?=\S)')
# Fields a query may name: the rest are stored-only ("url", "doc": Whoosh fails on them) or
# bookkeeping ("entity", "dated", hashes, "path").
QUERY_FIELDS = SEARCH_FIELDS + FACETS + ("published", "id")
_BARE_FIELD_RE = re.compile(r'(?<![\w"])([^\W\d]\w*):(?!\S)')
_ANY_FIELD_RE = re.compile(r'(?<![\w"])([^\W\d]\w*):')
_WILD_RE = re.compile(r"[^\s\"()]*[*?][^\s\"()]*")


# a date range's brackets, { } read too, to be refused with a word on them (validate)
_DATE_FIELD_RE = re.compile(r"\b(?i:published):([\[{][^\]}]*[\]}]?|[^\s()]+)")
_RANGE_OPEN = re.compile(_ANY_FIELD_RE.pattern + r"[\[{]")
_RANGE_EXAMPLES = {"published": "published:[2020-01 TO 2020-06]", "year": "year:[2019 TO 2021]"}
# "to" in any case, as Whoosh's RangePlugin reads it (`[Tt][Oo]`): `published:2020 to 2021]` was 0
# results, silently, where "TO" was refused; with no field before it (below) "to" is a word, and
# so after a field of words (_RANGE_TO_ANY_CASE), where `title:road to damascus]` and `title:guide
# to [2021]` ran before 9fbe0d2 and were refused as ranges after it. An unopened range's end opens
# no bracket of its own.
_RANGE_UNOPENED = re.compile(_ANY_FIELD_RE.pattern + r"(?![\[{])[^\s()]+\s+((?i:TO))\s+[^\s()\[{]*[\]}]")
_RANGE_TO_ANY_CASE = frozenset({"published", "year"})
# and with no bracket at all: `published:2020 to 2021` searched the year 2020 and the word 2021 (0
# results, silently, where a range was meant); only where both ends are dates (or years) is it read so
_RANGE_UNBRACKETED = re.compile(r"(?<![\w\"])((?i:published|year)):(?![\[{])([^\s()\[\]{}]+)\s+(?i:TO)\s+"
                                r"([^\s()\[\]{}]+)(?![^\s()])")


# With no field, a range's "to" is "TO" in capitals, or "to" in any case (as Whoosh reads it)
# between ends that are numbers or dates (`coup [2020 to`, `coup 2020 to 2021]`: 0 results,
# silently, where "TO" was refused); between other words "to" is a word (`[road to damascus`),
# as it is after a field of words (_RANGE_TO_ANY_CASE).
_RANGE_END_NUMBER = re.compile(r"\d+(?:[-./:]\d+)*")


def _holds_range_to(text: str) -> bool:
    """Whether `text`, a query's span between its brackets, holds a range's "to" (above)."""
    if re.search(r"\bTO\b", text):
        return True
    words = re.findall(r"[^\s\[\]{}]+", text)
    for i, word in enumerate(words):
        ends = words[max(0, i - 1):i] + words[i + 1:i + 2]
        if word.lower() == "to" and ends and all(_RANGE_END_NUMBER.fullmatch(e) for e in ends):
            return True
    return False


# and with neither a field nor a bracket, "TO" in capitals between two dates (`coup 2020 TO 2021`):
# it was searched as a word, a capitalised stop word (0 results, silently), where the range of
# dates was meant; "to" in lower case is a word of the text (`from 2020 to 2021` runs)
# 2020-08-28, 2020/08/28, 28/08/2020, 28.08.2020, 28-08-2020, and a month by its name (`coup
# August 2020 TO April 2021` ran, 0 results silently): August 2020, 28 August 2020, Aug. 28, 2020
_DATE_TYPED = (r"(\d{4}(?:[-/]\d{1,2}){0,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4}"
               rf"|(?:\d{{1,2}}\s+)?(?i:{MONTH_NAME}),?\s+(?:\d{{1,2}},?\s+)?\d{{4}})")
_DATES_UNBRACKETED = re.compile(r"(?<![\w:\[{./-])" + _DATE_TYPED + r"\s+TO\s+" + _DATE_TYPED + r"(?![\w\]}./-])")
# and after a field of words (`coup title:2020 TO 2021`): the word 2020 in titles, "TO" and 2021
# (0 results, silently), where the range of dates was meant
_WORDS_DATES_UNBRACKETED = re.compile(r"(?<![\w\"])((?i:title|text)):" + _DATE_TYPED + r"\s+TO\s+" + _DATE_TYPED
                                      + r"(?![\w\]}./-])")
# and in brackets with no field, or a field of words (`coup [28/08/2020 TO 11/04/2021]`): a
# range of words in alphabetical order, which found nothing, silently, where the same typed
# without its brackets was offered published:[2020-08-28 TO 2021-04-11]. Ends that are bare
# numbers stay words (`[1 TO 2]`, `[2020 TO 2021]`: README's "Ranges").
_DATE_END = rf"(?:{_DATE_TYPED}|\*)?"
_WORDS_RANGE_OF_DATES = re.compile(r"(?<![\w\":])(?:((?i:title|text)):)?[\[{]\s*" + _DATE_END
                                   + r"\s*(?<![^\s\[{])(?i:TO)(?=[\s\]}])\s*" + _DATE_END + r"\s*[\]}]")
# a range of years: `year:[20 TO 2021]` found nothing, silently (a year is four digits, as the
# filter says)
_YEAR_RANGE = re.compile(r"(?<![\w\"])(?i:year):[\[{]([^\[\]{}]*)[\]}]")
# a range of more than two ends: `year:[2020 TO 2021 TO 2022]` ran (Whoosh read its first two),
# where `published:[2020 TO 2021 TO 2022]` was "could not parse query"
_RANGE_OF_ENDS = re.compile(r"(?<![\w\"])((?i:year|published)):[\[{]([^\[\]{}]*)[\]}]")


def _refuse_unbracketed_range(qstring: str, m: re.Match) -> None:
    """QuerySyntaxError offering the range meant by `published:2020 to 2021` (brackets left
    out), its ends in order; nothing where an end is no date or year (`year:2020 to gas`)."""
    _offer_range(qstring, m.start(), m.end(), m.group(1), [m.group(2), m.group(3)], "a range is written in brackets")


# a range's ends as typed between its brackets, one left out: `2020 TO 2021`, `2020 TO` or `TO
# 2021` (an open end: `[* TO 2021` once _open_ranges read it; with no first end, "TO" in capitals
# or "to" before a number, as `[to be` is words)
_HALF_RANGE_ENDS = re.compile(r"(?:([^\s()\[\]{}]+)\s+|(?=TO\b|(?i:to)\s+\d))(?i:TO)\b(?:\s+([^\s()\[\]{}]+))?")


def _refuse_half_range(qstring: str, unquoted: str, m: re.Match, ends: re.Match | None, why: str) -> None:
    """QuerySyntaxError offering the range `m` (its field, group 1) typed with one bracket left
    out, `ends` its ends (`published:2020 TO 2021]`, `published:[2020 TO 2021`), as one typed
    with neither is offered; nothing where it cannot be written so (`{a TO b`, an exclusive range)."""
    if ends is None or re.search(r"[{}]", unquoted[m.start():ends.end() + 1]):
        return
    end = ends.end() + (unquoted[ends.end():ends.end() + 1] == "]")
    # a "phrase" as typed; a `*` an open end, as in a closed range (_open_ranges)
    typed = [qstring[ends.start(i):ends.end(i)] if ends.group(i) not in (None, "*") else "" for i in (1, 2)]
    _offer_range(qstring, m.start(), end, m.group(1), typed, why)


def _refuse_years(qstring: str, m: re.Match) -> None:
    """QueryError for the range of years `m` (its span between the brackets, group 1) with an end
    that is no year (one the wrong way round is refused once parsed, _check_ranges)."""
    ends = [e.strip() for e in re.split(r"\bTO\b", m.group(1), flags=re.I)]
    if len(ends) != 2:
        return
    typed = qstring[m.start():m.end()]
    bad = next((e for e in ends if e not in ("", "*") and not re.fullmatch(r"\d{4}", e)), None)
    if bad is not None:
        raise QueryError(f"'{typed}': a year is four digits, not '{bad}'")


def _offer_range(qstring: str, start: int, end: int, field: str, ends: list[str], why: str) -> None:
    """QuerySyntaxError saying `why` of the range typed from `start` to `end`, with it written
    field:[a TO b] offered (of dates or years, the ends in order), and the query so fixed the
    suggestion where it passes; nothing where an end of published: or year: is no date or year."""
    field = field.lower()  # as typed, in any case
    if field in ("published", "year"):
        dated = (lambda v: re.fullmatch(r"\d{4}", v) is not None) if field == "year" else _valid_date
        if field == "published":  # `published:1987/03/01 TO 1987/04/01` was offered its first date alone
            ends = [r or e for r, e in zip(_typed_ends(ends), ends)]
        if not all(dated(e) for e in ends if e):
            return
        if all(ends):
            ends = sorted(ends, key=lambda e: _date_bound(e, first=True))
    meant = f"{field}:[" + " ".join(filter(None, (ends[0], "TO", ends[1]))) + "]"
    raise QuerySyntaxError(f"'{qstring[start:end]}': {why}: did you mean {meant}?",
                           suggestion=_runnable(qstring[:start] + meant + qstring[end:]))


def _runnable(fixed: str) -> str | None:
    """`fixed`, a refused query's suggestion, where it passes validate, or the query its own
    refusal offers in turn (a second bad date: `published:1987/03/01 OR published:1988/03/01`
    was offered a query refused again); None where it is refused with nothing to offer."""
    try:
        _validate(fixed)
    except QueryError as exc:
        return exc.suggestion
    return fixed


def _date_bound(text: str, first: bool) -> date:
    """The first (or last) day a valid YYYY, YYYY-MM or YYYY-MM-DD stands for."""
    import calendar

    parts = [int(p) for p in text.split("-")]
    y, mo = parts[0], parts[1] if len(parts) > 1 else (1 if first else 12)
    d = parts[2] if len(parts) > 2 else (1 if first else calendar.monthrange(y, mo)[1])
    return date(y, mo, d)


# `published:[* TO 2020]`, the open end written as a star as in Lucene and Solr: Whoosh reads
# only `[TO 2020]`, and "*" was a bad date (`year:[* TO 1987]` a wildcard "too broad"); an end
# left blank with a space, `[ TO 2020]`, was "'' is not a parseable date" (`year:[1987 TO ]`: 0 results)
_STAR_START = re.compile(r"((?<![\w\"])[^\W\d]\w*:[\[{])\s*\*?\s*(?=TO\b)", re.I)
_STAR_END = re.compile(r"((?<![\w\"])[^\W\d]\w*:[\[{][^\]}]*?\bTO)\s*\*?\s*([\]}])", re.I)


def _open_ranges(qstring: str) -> str:
    return _STAR_END.sub(r"\1\2", _STAR_START.sub(r"\1", qstring))


# a range's open end as _open_ranges leaves it, and a * typed as one
_OPEN_START = re.compile(r"((?<![\w\"])[^\W\d]\w*:[\[{])(?=TO\b)", re.I)
_OPEN_END = re.compile(r"(\bTO)([\]}])", re.I)
_STARRED_END = re.compile(r"[\[{]\s*\*\s*TO\b|\bTO\s*\*(?![^\s\]}])", re.I)


def _starred_back(typed: str, text: str) -> str:
    """`text`, a refusal's message or fixed query, with the open ends of its ranges a * again
    where the query as typed wrote one: `date:[* TO 2021]` was offered published:[TO 2021], the
    form Whoosh reads, not the one typed (both run)."""
    if not _STARRED_END.search(quoted.unquoted(typed)):
        return text
    return _OPEN_END.sub(r"\1 *\2", _OPEN_START.sub(r"\1* ", text))


def _date_or_range(text: str) -> bool:
    """Whether `text` is a date published: reads (_valid_date) or a range of them, ends ordered."""
    if not re.fullmatch(r"\[[^\[\]{}\"]*\]", text):
        return _valid_date(text)
    try:
        _validate(f"published:{text}")
    except QueryError:
        return False
    return True


def _valid_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, a real date: Whoosh's DATETIME parser raises a bare
    Exception or a TimeError on the rest, or quietly matches nothing."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not m:
        return False
    try:
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return False
    return True


# What may follow a ~: nothing, an edit count, and a kept prefix of at least one letter
# (Whoosh's plugin leaves "~1/0", "~x" or "~1.5" as a word of their own, which matched nothing).
_FUZZY_SUFFIX = re.compile(r"(?:\d(?:/[1-9]\d*)?)?")
_TILDE_RE = re.compile(r"(?<=\S)~(?P<rest>[^\s)]*)|(?:^|(?<=[\s(]))~\S*")  # after a word, or alone


def too_long(what: str, text: str, limit: int) -> str:
    """The words every layer refuses a text past its limit in: how long it is and the limit."""
    return f"{what} is too long ({len(text):,} characters; at most {limit:,})"


def query_too_long(qstring: str) -> str:
    return too_long("query", qstring, MAX_QUERY_CHARS)


def _typed_from(qstring: str, start: int) -> str:
    """The query as typed from `start` to the end of its word, for a message to quote."""
    return re.match(r"[^\s()]*", qstring[start:]).group()


def _range_typed(qstring: str, start: int, ends: re.Match | None) -> str:
    """An unclosed range as typed from `start`, through its ends where `ends` found them: its
    first word alone was `published:[2020` for `published:[2020 TO 2021/13`."""
    return qstring[start:ends.end()] if ends else _typed_from(qstring, start)


def _typed_before(qstring: str, end: int) -> str:
    """The query as typed from the start of the word that ends at `end`, for a message to quote."""
    return re.search(r"[^\s()]*$", qstring[:end]).group()


def _field_typed(qstring: str, unquoted: str, start: int) -> str:
    """A field and its value as typed from `start`: a word, a "phrase" or a [range]."""
    m = re.compile(r"[^\s()\[{]*(?:\[[^\]]*\]?|\{[^}]*\}?)?[^\s()]*").match(unquoted, start)
    return qstring[start:m.end()]


def _fields_meant(qstring: str, unquoted: str) -> str | None:
    """The query with each unknown field renamed to the one the reader likely meant (`date:` to
    `published:`, `persn:` to `person:`), when every one has such a field and the query then
    passes, or is refused with a fix of its own that passes (`date:2020 to 2021`, a range's
    brackets left out, as published:[2020 TO 2021]); else None (half a fix would fail on the
    next field)."""
    out, end = [], 0
    for m in _FIELD_RE.finditer(unquoted):
        if m.group(1).lower() in QUERY_FIELDS:
            continue
        name = fieldnames.meant(m.group(1), QUERY_FIELDS)
        if name is None or qstring[m.start(1)] == '"':
            return None
        out += [qstring[end:m.start(1)], name]
        end = m.end(1)
    fixed = "".join(out) + qstring[end:]
    try:
        _validate(fixed)
    except QuerySyntaxError as exc:  # its suggestion has passed validate
        return exc.suggestion
    except QueryError:
        return None
    return fixed


def _field_meant(qstring: str, fixed: str, start: int, typed: str) -> str:
    """The unknown field typed at `start` (`typed`, with its value) as the fixed query writes it:
    renamed, and a range's brackets put in where they were left out (published:[2020 TO 2021])."""
    if fixed[:start] != qstring[:start]:  # fixed before it too: the positions no longer match
        field = typed.split(":", 1)[0]
        return fieldnames.meant(field, QUERY_FIELDS) + typed[len(field):]
    return _field_typed(fixed, quoted.masked(fixed), start)


def validate(qstring: str) -> None:
    """Raise the QueryError that parse would for `qstring`, read as a search reads it: a site's
    bare address after `source:`, an id with colons and a range's `*` end are taken, as the
    command line and the web take them (`source:https://www.zeit.de/` was "unknown field 'https:'"
    here, and `published:[* TO 2020]` a bad date '*'), the refusal naming the query as typed."""
    with _as_typed(qstring):
        _validate(_read_as_typed(qstring))


def _read_as_typed(qstring: str) -> str:
    """`qstring` as parse's steps read it, each leaving a facet's 'value' or "value" as typed
    (quoted.opaque): a site's address and an id with colons quoted, a range's `*` ends open."""
    return quoted.apart(_quoted_addresses(qstring), _open_ranges)


@contextmanager
def _as_typed(typed: str) -> Iterator[None]:
    """A refusal of the query _read_as_typed wrote from `typed`, its message and fixed query as typed."""
    try:
        yield
    except QueryError as exc:
        _id_colons_back(exc)
        if exc.suggestion:
            exc.suggestion = _addresses_bare(exc.suggestion)
        _each_text(exc, lambda text: _starred_back(typed, text))
        raise


def _validate(qstring: str) -> None:
    if len(qstring) > MAX_QUERY_CHARS:
        raise QueryError(query_too_long(qstring))
    # a 'single-quoted' span is one term whatever it holds (Whoosh's SingleQuotePlugin): a chip's
    # `source:'"E" (x'` was "unbalanced parentheses", `source:'x"y'` an unbalanced quote
    outside = quoted.unquoted(qstring)
    if '"' in outside:  # a quote no other pairs with (on its line: quoted.DOUBLE)
        raise _unbalanced_quote(qstring)
    depth = 0
    for ch in outside:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            break
    if depth != 0:
        raise QuerySyntaxError("unbalanced parentheses")
    # a phrase or a 'term' is one word here, of the same length (a message quotes the query at
    # the same place): field:"a b" -> field:PPPPP. A message quoted the placeholder: '"oil":gas'
    # was "unknown field 'P:'"
    unquoted = quoted.masked(qstring)
    for m in _FIELD_RE.finditer(unquoted):
        if m.group(1).lower() not in QUERY_FIELDS:  # a field's name in any case (_lowercase_fields)
            word = _typed_from(qstring, m.start())
            if qstring[m.start(1)] == '"':
                raise QuerySyntaxError(f"'{word}': a colon after a \"phrase\" names no field (fields come first: "
                                       f"title:\"...\"); to search for both, put a space after the colon")
            fixed = _fields_meant(qstring, unquoted)
            typed = _field_typed(qstring, unquoted, m.start())
            message = f"unknown field '{m.group(1)}:'"
            value = typed[len(m.group(1)) + 1:]
            if fixed and not re.search(r"\w", value):
                # nothing after the colon to show (`persn:(coup)`), or an empty phrase (`persn:""`):
                # the field alone, and no fixed query for an empty phrase, which finds nothing in
                # any field ("did you mean person:""?" led to "query has no searchable words")
                message += f": did you mean the field '{fieldnames.meant(m.group(1), QUERY_FIELDS)}:'?"
                fixed = None if value else fixed
            elif fixed:
                message += f": did you mean {_field_meant(qstring, fixed, m.start(), typed)}?"
            message += f" (fields: {', '.join(QUERY_FIELDS)})"
            # "date:[1987" in quotes was no help, nor "persn:" alone, of `persn:(coup)`
            if not re.search(r'["\[\]{}]', typed) and not word.endswith(":"):
                message += f"; to search for the text, quote it: \"{word}\""
            raise QuerySyntaxError(message, suggestion=fixed)
    for m in re.finditer(r"(?<![\w\"])[^\W\d]\w*:[^\W\d]\w*:(?=\S)", unquoted):  # Whoosh: 0 results, silently
        raise QuerySyntaxError(f"'{_typed_from(qstring, m.start())}': a word takes one field (title:coup), not two")
    # "oil^x" was read as the phrase "oil x"; "oil^1e5" as oil^1 and the word "e5" (0 results, and
    # "did you mean oil^15?"): a weight is a number and nothing else
    for m in re.finditer(r"\^(?=[^\s)])(?!(?:\d+(?:\.\d+)?|\.\d+)(?:$|[\s)]))", unquoted):
        typed = re.split(r'[\s(]', qstring[:m.start()])[-1] + _typed_from(qstring, m.start())
        raise QuerySyntaxError(f"'{typed}': a ^ gives a word or \"phrase\" a weight, which is a number (oil^2, oil^0.5)")
    # "^2" alone searched the number 2 (660 Reuters stories), and "oil ^2" oil and 2: a weight
    # with nothing before it to weigh is as badly formed as "oil^x"
    for m in re.finditer(r"(?<![^\s(:+\-!])\^", unquoted):
        typed = re.split(r'[\s(]', qstring[:m.start()])[-1] + _typed_from(qstring, m.start())
        raise QuerySyntaxError(f"'{typed}': a ^ gives the word or \"phrase\" just before it a weight, which is a "
                               "number (oil^2, oil^0.5), or leave the ^ out")
    # and one with no number: Whoosh reads the bare ^ of "oil^" as a word the analyzer drops, so
    # it searched oil, silently, and "did you mean" offered "one^" (review)
    bare = {m.start() for m in re.finditer(r"\^(?=$|[\s)])", unquoted)}
    if bare:
        first = min(bare)
        typed = qstring[first - len(_typed_before(unquoted, first)):first + 1]  # a "phrase" whole
        fixed = "".join(ch for i, ch in enumerate(qstring) if i not in bare)  # the search without them
        try:
            _validate(fixed)
        except QueryError:
            fixed = None
        raise QuerySyntaxError(f"'{typed}': a ^ gives the word or \"phrase\" just before it a weight, which is the "
                               "number after it (oil^2, oil^0.5), or leave the ^ out", suggestion=fixed)
    for m in _TILDE_RE.finditer(unquoted):
        if m.group("rest") is None or not _FUZZY_SUFFIX.fullmatch(m.group("rest")):
            raise QuerySyntaxError(f"'{m.group().strip()}': a ~ follows a word or a \"phrase\" and takes a number of "
                             "edits: word~ (one), word~2, word~2/3 (the first 3 letters kept), \"a phrase\"~2")
        if m.group("rest") is not None:  # after a word: one the analyzer does not split
            word = re.split(r'[\s(]', unquoted[:m.start()])[-1].split(":")[-1]
            if "*" in word or "?" in word:  # was "this is 2 to the index (petrol, um)": the * split it
                raise QuerySyntaxError(f"'{word}~': a word takes a wildcard or a ~ (fuzzy), not both")
            _one_word(word, f"{word}~", "a ~ (fuzzy)")
    # a range without its closing bracket ("published:[1987 TO 1988") or its opening one
    # ("published:1987 TO 1988]") matched nothing, silently, or had "no searchable words"
    for m in _RANGE_OPEN.finditer(unquoted):
        if not re.match(r"[^\]}]*[\]}]", unquoted[m.end():]):
            field = m.group(1).lower()
            ends = _HALF_RANGE_ENDS.match(unquoted, m.end())
            _refuse_half_range(qstring, unquoted, m, ends, "unclosed range: close it with ]")
            example = _RANGE_EXAMPLES.get(field, f"{field}:[a TO c]")
            raise QuerySyntaxError(f"'{_range_typed(qstring, m.start(), ends)}': unclosed range: close it with ] "
                                   f"({example})")
    for m in _RANGE_UNOPENED.finditer(unquoted):
        if m.group(2) != "TO" and m.group(1).lower() not in _RANGE_TO_ANY_CASE:
            continue  # a word "to" between a field's words
        _refuse_half_range(qstring, unquoted, m, _HALF_RANGE_ENDS.fullmatch(unquoted, m.end(1) + 1, m.end() - 1),
                           "a range opens with [ after the field")
        raise QuerySyntaxError(f"'{qstring[m.start():m.end()]}': a range opens with [ after the field "
                               f"({m.group(1).lower()}:[... TO ...])")
    for m in _RANGE_UNBRACKETED.finditer(unquoted):
        _refuse_unbracketed_range(qstring, m)
    for m in _WORDS_DATES_UNBRACKETED.finditer(unquoted):
        _offer_range(qstring, m.start(), m.end(), "published", [m.group(2), m.group(3)],
                     f"{m.group(1).lower()}: searches words, and a range of dates is published:[a TO b]")
    for m in _RANGE_OF_ENDS.finditer(unquoted):
        if len(re.findall(r"\bTO\b", m.group(2), flags=re.I)) > 1:
            raise QuerySyntaxError(f"'{qstring[m.start():m.end()]}': a range has two ends, one TO between them "
                                   f"({_RANGE_EXAMPLES[m.group(1).lower()]})")
    for m in _YEAR_RANGE.finditer(unquoted):
        _refuse_years(qstring, m)
    # the same without a field ("coup [2020 TO", "oil 1987 TO]"): 0 results, silently (a
    # bracket with no TO is left to Whoosh, which reads "oil [31m" as words)
    opened, last = None, 0
    for m in re.finditer(r"[\[\]{}]", unquoted):
        if m.group() in "[{":
            opened = opened if opened is not None else m.start()
        elif opened is None:
            if _holds_range_to(unquoted[last:m.start()]):
                raise QuerySyntaxError(f"'{_typed_before(qstring, m.end())}': a range's closing {m.group()} with no "
                                       "opening [ (a range is [a TO c], or field:[a TO c])")
        else:
            opened = None
        last = m.end()
    if opened is not None and _holds_range_to(unquoted[opened:]):
        typed = _range_typed(qstring, opened, _HALF_RANGE_ENDS.match(unquoted, opened + 1))
        raise QuerySyntaxError(f"'{typed}': unclosed range: close it with ] ([a TO c])")
    for m in _DATES_UNBRACKETED.finditer(unquoted):
        before = unquoted[:m.start()]
        if max(before.rfind("["), before.rfind("{")) <= max(before.rfind("]"), before.rfind("}")):  # in none
            _offer_range(qstring, m.start(), m.end(), "published", [m.group(1), m.group(2)], "a range is written in brackets")
    for m in _WORDS_RANGE_OF_DATES.finditer(unquoted):
        ends = ["" if end in (None, "*") else end for end in m.group(2, 3)]
        if any(ends) and not all(re.fullmatch(r"\d*", end) for end in ends):
            why = f"{m.group(1).lower()}: searches words" if m.group(1) else "a range with no field is of words"
            _offer_range(qstring, m.start(), m.end(), "published", ends, f"{why}, and a range of dates is published:[a TO b]")
    bare = _BARE_FIELD_RE.search(unquoted)
    if bare and bare.group(1).lower() in QUERY_FIELDS:
        raise QuerySyntaxError(f"'{bare.group(1)}:' needs a word or a \"phrase\" after it, with no space")
    for m in _DATE_FIELD_RE.finditer(unquoted):
        value = m.group(1)
        typed = qstring[m.start(1):m.end(1)]
        span = quoted.SPAN.match(typed)
        if span:  # a date in quotes: the message named its placeholder ("bad date 'PPPPPP'")
            inner = span.group()[1:-1]
            offered = None if _date_or_range(inner) else _typed_date(inner)
            if offered:  # `published:"1 March 1987"`, the one way to type it with spaces, was offered nothing
                raise _date_offered(qstring, m, typed, offered)
            said = f"write it without quotes: published:{inner}" if _date_or_range(inner) else \
                "dates are YYYY, YYYY-MM or YYYY-MM-DD; a range is published:[2020-01 TO 2020-06]"
            raise QueryError(f"bad date '{typed}' in published: ({said})")
        if value.startswith("{") or value.endswith("}"):
            # Whoosh leaves a date's end out to the microsecond, not the day: {1987-02-26 TO *]
            # still found that day's articles ("bad date '{1987-02-26'" before this)
            raise QuerySyntaxError(f"'{qstring[m.start():m.end()]}': a date range includes both its ends, written [ ]: "
                                   "published:[2020-01 TO 2020-06]; for 'after 2020-01', start at the next "
                                   "day or month: published:[2020-02 TO]")
        as_typed = _range_ends(value, typed) if value.startswith("[") else [value]
        ends = [end[1:-1] if quoted.SPAN.fullmatch(end) else end for end in as_typed]
        for end, shown in zip(ends, as_typed):
            if end and (end != shown or not _valid_date(end)):
                fixed = _date_fixed(value, ends)
                if fixed is not None:  # `1987/03/01`, `>1987-03`: "bad date" alone left the user to guess
                    raise _date_offered(qstring, m, shown, fixed)
                raise QueryError(f"bad date '{shown}' in published: (dates are YYYY, YYYY-MM or YYYY-MM-DD; "
                                 "a range is published:[2020-01 TO 2020-06])")
        if len(ends) == 2 and all(ends) and _date_bound(ends[0], first=True) > _date_bound(ends[1], first=False):
            raise QueryError(f"published:[{ends[0]} TO {ends[1]}] ends before it starts: put the earlier date first")
    for m in quoted.SPAN.finditer(qstring):
        if m.group()[0] == "'" or not re.search(r"\w\*|\*\w", m.group()):
            continue  # a 'single-quoted' value is one term, its * a character of it: source:'x*y'
        if quoted.is_term_value(qstring, m.start()):
            raise QuerySyntaxError(_starred_value(qstring, m))
        # Whoosh took the word without its * and found nothing, silently
        raise QuerySyntaxError(f"{m.group()}: a wildcard does not work inside a \"phrase\": search the words "
                               "apart, or the phrase without it")
    wildcards = _WILD_RE.findall(unquoted)  # a "phrase" holds no wildcard: its ? is punctuation
    for w in wildcards:
        field, _, term = w.rpartition(":")
        if len(re.sub(r"[*?]", "", term)) < 2:
            raise QuerySyntaxError(f"wildcard '{w}' is too broad: give at least two letters")
        if field.lower() != "id":  # an id is one word to the index, its / and # too: id:news/feed.jsonl#*
            _one_word(re.sub(r"[*?]", "a", term), w, "a wildcard", shown=term)
    if len(wildcards) > MAX_WILDCARDS:
        raise QuerySyntaxError(f"too many wildcards ({len(wildcards)}; at most {MAX_WILDCARDS})")


def _range_ends(value: str, typed: str) -> list[str]:
    """A range's ends as typed (`typed`, its quotes kept), split on TO where `value`, the same
    text with its quoted spans masked, has it: `published:["August 2020" TO "April 2021"]` was
    "bad date 'PPPPPPPPPPPPP'", the mask's placeholder named, and nothing offered."""
    inner = slice(1, len(value) - 1 if value.endswith("]") else len(value))
    cuts = [(t.start() + 1, t.end() + 1) for t in re.finditer(r"\s*\bTO\b\s*", value[inner], flags=re.I)]
    bounds = [inner.start, *(i for cut in cuts for i in cut), inner.stop]
    return [typed[a:b].strip() for a, b in zip(bounds[::2], bounds[1::2])]


def _date_offered(qstring: str, m: re.Match, bad: str, offered: str) -> QueryError:
    """The refusal of published:'s bad date `bad` (a quoted date, a range's end), offering the
    field's value `m` written `offered`, as the query reads it: one message for both."""
    return QueryError(f"bad date '{bad}' in published: (dates are YYYY, YYYY-MM or YYYY-MM-DD): "
                      f"did you mean published:{offered}?",
                      suggestion=_runnable(qstring[:m.start(1)] + offered + qstring[m.end(1):]))


def _date_fixed(value: str, ends: list[str]) -> str | None:
    """`published:`'s value with its bad dates written as the query reads them (`1987/03/01`:
    1987-03-01, `>=1987-03`: [1987-03 TO]), when each has one certain reading, a range's ends in
    order (`[1987/04/01 TO 1987/03/01]` was offered a range refused as ending before it starts);
    else None."""
    if len(ends) != 2:  # `[2020/01 TO 2021 TO 2022]`: no range to offer
        return offered_date(ends[0]) if len(ends) == 1 else None
    written = _typed_ends(ends)
    if None in written:
        return None
    if all(written):
        written = sorted(written, key=lambda e: _date_bound(e, first=True))
    return "[" + " ".join(filter(None, (written[0], "TO", written[1]))) + "]"


def _typed_ends(ends: list[str]) -> list[str | None]:
    """A range's ends as _typed_date reads them ("" left out), an end of two readings in the
    order of the other when that is certain: `28/08/2020 TO 11/04/2021` is written day first
    (11/04/2021 alone is 11 April or November 4, and the range was offered nothing)."""
    return [(_typed_date(end) or read_like(end, ends)) if end else end for end in ends]


def _typed_date(end: str) -> str | None:
    """One end of a range, or a quoted date, as YYYY, YYYY-MM or YYYY-MM-DD: itself where valid,
    else its one certain reading (typed_dates; a comparison is no end of a range); else None."""
    if _valid_date(end):
        return end
    return offered_date(end) if end[:1] not in "<>=" else None


def _unbalanced_quote(qstring: str) -> QuerySyntaxError:
    """The refusal of a double quote that pairs with none, naming its line in a query of
    several lines (quoted.DOUBLE: a quote pairs on its line); on one line, an inch mark (`coup
    12" pipe`: a quote right after a number) is offered the query without it, which the index
    reads alike (it keeps the number alone), where "close the phrase" named none typed."""
    at = quoted.masked(qstring).index('"')
    if not re.search(quoted.LINE_END, qstring.strip()):
        found = _inch_mark(qstring, at)
        if found is None:
            return QuerySyntaxError('unbalanced quote: close the phrase with a second "')
        mark, fixed = found
        return QuerySyntaxError(f"unbalanced quote: {mark} opens a phrase that nothing closes; for an inch "
                                f"mark, leave it out (the index holds the number alone): did you mean {fixed}?",
                                suggestion=fixed)
    return QuerySyntaxError(f'unbalanced quote on line {quoted.line_of(qstring, at)}: close the phrase with a second " '
                            f"on that line (a phrase reaches over at most {quoted.MAX_PHRASE_LINES - 1} line breaks, "
                            'and only to close after a word that is no number: 12" is an inch mark)')


def _inch_mark(qstring: str, at: int) -> tuple[str, str] | None:
    """The inch mark of a query of one line and the query without it: the quote paired with none
    (at `at`) where it follows a number, else another quote after a number whose leaving out
    pairs the rest as phrases of words: in `12" "Apollo 11"` the quotes pair as `" "`, and the
    phrase's closing quote was taken for the inch mark (its phrase lost). The first leaving out
    that runs where none pairs so; None where no quote is one."""
    fallback = None
    for i in [at] + [m.end() for m in _INCH_MARK.finditer(qstring) if m.end() != at]:
        number = re.search(r"(?<![^\W\d_])\d[\d.,]*$", qstring[:i])  # a number, no word ending in one (mp3)
        if number is None or re.match(r'"\w', qstring[i:]):
            continue
        fixed = _runnable((qstring[:i] + qstring[i + 1:]).strip())
        if fixed is None:
            continue
        if all(m.group()[1:2].strip() and m.group()[-2:-1].strip() for m in re.finditer(quoted.DOUBLE, fixed)):
            return f'{number.group()}"', fixed
        fallback = fallback or (f'{number.group()}"', fixed)
    return fallback


# a quote right after a number (the number's end): an inch mark, `12" pipe`
_INCH_MARK = re.compile(r'(?<![^\W\d_])\d[\d.,]*(?=")')


def _starred_value(qstring: str, m: re.Match) -> str:
    """Why a facet's value in double quotes holds no wildcard, and what does what was likely
    meant: `person:"Put*"` found nothing, silently, its * read as a character of a name (the
    form 0cdda9b wrote a name with a * in it in), where `person:Put*` finds Putin's articles."""
    field = quoted.span_field(qstring, m.start())
    inner = m.group()[1:-1]
    word = re.search(r"[^\s()\"'\[\]{}:^~]*\*[^\s()\"'\[\]{}:^~]*", inner).group()
    said = (f"'{field}:{m.group()}': a * in quotes is no wildcard" + ("" if word == inner else ", and one stands in a word")
            + f": {field}:{word} finds the values with a word so spelled")
    if field.lower() not in ("year", "language", "translated") and quoted.single_quotable(inner):  # no such value has a *
        said += f"; a value with a * in it goes in single quotes: {field}:'{inner}'"
    return said


def _one_word(word: str, typed: str, what: str, shown: str | None = None) -> None:
    """A fuzzy word or a wildcard applies to one indexed word: Whoosh took "long-term~" or
    "long-*" as one word the index does not hold ("longterm") and found nothing, silently,
    where "long-term" alone is a phrase of two. `shown`: `word` as typed, when `word` has
    letters in place of a wildcard's * and ?."""
    spans = [m.span() for m in _TOKEN_RE.finditer(word)]
    if len(spans) > 1:
        parts = ", ".join((shown or word)[a:b] for a, b in spans)
        raise QuerySyntaxError(f"'{typed}': {what} applies to one word, and this is {len(spans)} to the index "
                         f"({parts}): search the words apart, or as a \"phrase\"")


def bound_expansion(q: Q.Query, reader, deadline: float) -> None:
    """Refuses a query whose wildcards stand for more than MAX_EXPANSION indexed words:
    matching would mean reading and scoring that many posting lists."""
    total = 0
    for leaf in q.leaves():
        if not isinstance(leaf, Q.MultiTerm):
            continue
        for _ in leaf._btexts(reader):
            total += 1
            if total > MAX_EXPANSION:
                if isinstance(leaf, Q.TermRange):  # `[oil TO zzz]`: a range has no one text (an internal error)
                    shown = " ".join(p for p in (leaf.start, "TO", leaf.end) if p)
                    raise QueryError(f"the word range [{shown}] matches too many words "
                                     f"(more than {MAX_EXPANSION}): narrow it")
                raise QuerySyntaxError(f"wildcard '{leaf.text}' matches too many words (more than {MAX_EXPANSION}): make it longer")
            if not total & 255 and time.monotonic() > deadline:
                raise QueryTimeout()


def _docnums(searcher, q: Q.Query, deadline: float):
    """searcher.docs_for_query(q), stopped at the deadline."""
    for i, docnum in enumerate(searcher.docs_for_query(q)):
        if not i & 4095 and time.monotonic() > deadline:
            raise QueryTimeout()
        yield docnum


# a phrase; a dash or "!" opening a word; "&&" or "||" standing alone (Lucene's operators)
_MINUS_RE = re.compile(r'("[^"]*")|(?:^|(?<=[\s(]))[-!](?=[^\s\-!])|(?:^|(?<=[\s(]))(&&|\|\|)(?=[\s)]|$)')
_LUCENE_OPS = {"&&": "AND", "||": "OR"}


_CURLY_QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02"})
_TRAILING_QMARK = re.compile(r'("[^"]*")|([^\s()"]*?)\?+(?=[\s)]|$)')
_ID_FIELD = re.compile(r"[-+!]?id:", re.I)


def _plain_query(qstring: str) -> str:
    """The query as typed, read as meant: no invisible marks (the indexed text has none);
    typographic quotes (“wheat crop”, „…“, «…», pasted from a word processor) are phrase
    quotes, where Whoosh read two words; a question mark ending a word is punctuation
    ("oil price?" found nothing: a wildcard for one more letter), unless the word is
    a wildcard already (`wom?n`, `col*r?`). A facet's value, in either kind of quotes, is
    left as typed (quoted.opaque): `source:'Le “Monde”'` is a name."""

    def qmark(m: re.Match) -> str:
        if m.group(1):
            return m.group(1)
        word = m.group(2)
        # an id is no prose: `id:news/feed.jsonl:?` is the records of lines 1 to 9 (without
        # its ?, an id no article has: 0 results, unsaid)
        return m.group() if any(c in word for c in "*?") or _ID_FIELD.match(word) else word

    return quoted.apart(INVISIBLE.sub("", qstring),
                        lambda text: _TRAILING_QMARK.sub(qmark, text.translate(_CURLY_QUOTES))).strip()


def _minus_to_not(qstring: str) -> str:
    """`-word` as web search engines read it: NOT word. Whoosh reads "coup -goyta" as
    "coup AND goyta", and its PlusMinusPlugin also splits al-Qaeda and 2020-2021 and fails
    inside parentheses, so only a dash opening a word (after a space or a parenthesis,
    outside phrases) becomes NOT. Lucene's `!word`, `&&` and `||` are NOT, AND and OR:
    Whoosh took them for punctuation, so `oil || gas` found articles with both (QA)."""
    return _MINUS_RE.sub(lambda m: m.group(1) or _LUCENE_OPS.get(m.group(2) or "", "NOT "), qstring)


# Whoosh's operators (upper case only), and what else a query is made of: a phrase (with its
# field and boost), a date range, a parenthesis, or any other run of characters (a word).
_QUERY_PART_RE = re.compile(r'[^\s()"\[]*"[^"]*"[^\s()]*|[^\s()\[]*\[[^\]]*\]?[^\s()]*|[()]|[^\s()"\[]+')


_FIELD_PREFIX = re.compile(r"^[^\W\d]\w*:")


# An operator's word in capitals inside a phrase of several words: "oil AND gas" is "oil and
# gas", typed as a reader types operators (QA: it found nothing, AND the acronym no article
# has, where "oil and gas" found 28). A quoted word alone stays as typed (`"OR"`: Oregon's).
_QUOTED = re.compile(r'"[^"]*"')
_OPERATOR_WORD = re.compile(r"(?<=\s)(?:AND|OR|NOT)(?=\s)")


def _phrase_operators(qstring: str) -> str:
    return _QUOTED.sub(lambda m: _OPERATOR_WORD.sub(lambda w: w.group().lower(), m.group()), qstring)


def _caps_stop_words(qstring: str) -> str:
    """A stop word typed in capitals between words in capitals, lower-cased: a stop word, as
    the analyzer reads it in text in capitals (schema.AcronymStopFilter). Whoosh analyses a
    query's words one at a time, so "IN" of "COUP IN MALI" was the acronym, a term no article
    in capitals has, and a pasted wire headline found nothing. Alone ("IT", "WHO"), beside a
    word not in capitals ("IT jobs") or in a query of fewer than two other words in capitals
    ("US UK") it stays the acronym, as in text. Phrases are analysed
    whole, so their words are left as they are (but an operator's word: _phrase_operators);
    operators are no words. Only ASCII stop words change, so every character keeps its place
    (the suggestions' spans)."""
    qstring = _phrase_operators(qstring)
    tokens: list[tuple[int, int, str, bool]] = []  # start, end, text, whether a lone word part
    for m in _QUERY_PART_RE.finditer(qstring):
        part = m.group()
        if part in BINARY_OPS or part in ("NOT", "(", ")") or "[" in part:
            continue
        offset = m.start() + (f.end() if (f := _FIELD_PREFIX.match(part)) else 0)
        body = qstring[offset:m.end()]
        found = list(_TOKEN_RE.finditer(body))
        for t in found:
            tokens.append((offset + t.start(), offset + t.end(), t.group(), len(found) == 1 and '"' not in part))
    # a headline has words of its own: beside one other word in capitals, "US" is the acronym
    # ("US UK", "US AND UK" and "US JAPAN" found every article about the other, US dropped)
    if sum(1 for t in tokens if t[2].isupper() and t[2] not in ACRONYM_STOPS) < 2:
        return qstring
    out = list(qstring)
    for i, (start, end, text, alone) in enumerate(tokens):
        if not alone or text not in ACRONYM_STOPS:
            continue
        sides = [w.isupper() for w in (_cased_near(tokens, i, -1), _cased_near(tokens, i, 1)) if w is not None]
        if sides and all(sides):
            out[start:end] = text.lower()
    return "".join(out)


def _cased_near(tokens: list[tuple[int, int, str, bool]], i: int, step: int) -> str | None:
    """The nearest word with letters before (step -1) or after (1) token i, not a capitals stop word."""
    j = i + step
    while 0 <= j < len(tokens):
        text = tokens[j][2]
        if text.lower() != text.upper() and text not in ACRONYM_STOPS:
            return text
        j += step
    return None


def _tidy_operators(qstring: str) -> str:
    """Drops the operators that have nothing to join: Whoosh reads a binary operator at either
    end of the query or of a group ("oil OR", "OR oil", "(oil AND)") as the acronym "OR" and
    finds nothing, runs two operators together ("oil OR OR gas" as "oil gas"), and fails on
    "NOT NOT oil" with an IndexError. A binary operator needs a word or group on each side
    (or a NOT before one on its right), a NOT one on its right, and two NOTs in a row cancel.
    The operators kept are spaced, as Whoosh needs them to be ("(oil OR(gas))")."""
    parts = [(m.group(), m.span()) for m in _QUERY_PART_RE.finditer(qstring)]
    kinds = ["bin" if p in BINARY_OPS else "not" if p == "NOT" else "open" if p == "(" else "close" if p == ")" else "word"
             for p, _ in parts]
    if "bin" not in kinds and "not" not in kinds:
        return qstring
    alive = [True] * len(parts)
    changed = True
    while changed:
        changed = False
        live = [i for i in range(len(parts)) if alive[i]]
        for n, i in enumerate(live):
            prev = kinds[live[n - 1]] if n else None
            nxt = kinds[live[n + 1]] if n + 1 < len(live) else None
            if kinds[i] == "not" and nxt == "not":
                alive[i] = alive[live[n + 1]] = False  # NOT NOT oil = oil
            elif kinds[i] == "not" and nxt not in ("word", "open"):
                alive[i] = False
            elif kinds[i] == "bin" and (prev not in ("word", "close") or nxt not in ("word", "open", "not")):
                alive[i] = False
            else:
                continue
            changed = True
            break
    if not any(alive[i] for i, k in enumerate(kinds) if k == "word"):
        ops = " ".join(p for (p, _), k in zip(parts, kinds) if k in ("bin", "not"))
        raise QuerySyntaxError(f"query has no searchable words, only the operator{'s' * (' ' in ops)} {ops} "
                         f'(to search for the word, quote it: "{ops.split()[0]}")')
    out, pos = [], 0
    for (text, (start, end)), kind, keep in zip(parts, kinds, alive):
        if kind in ("bin", "not"):
            out.append(qstring[pos:start])
            out.append(f" {text} " if keep else " ")
            pos = end
    out.append(qstring[pos:])
    return "".join(out)


class StopName(Q.Term):
    """A capitalised stop word typed as a word ("May"): the analyzer drops it, but it may be
    a name (Theresa May). expand_aliases replaces it by the entity's spellings, or drops it,
    as the stop word it then is; it never reaches the index."""


def _capitalised_stop(text: str) -> bool:
    """"May", "Will": a stop word with a capital, not in capitals (those are acronyms)."""
    return text[:1].isupper() and not text.isupper() and text.upper() in ACRONYM_STOPS


# A word hyphenated between letters, as schema.JoiningTokenizer indexes its joined form too:
# a run of letter parts, which a hyphen and a number may end or begin ("e-mail-2000": "email")
_H = re.escape(HYPHENS)
_HYPHENATED = re.compile(rf"(?<!\w)(?<![^\W\d_][{_H}])[^\W\d_]+(?:[{_H}][^\W\d_]+){{1,{MAX_JOINED_PARTS - 1}}}"
                         rf"(?!\w|[{_H}][^\W\d_])")
_HYPHEN = re.compile(f"[{_H}]")


def _or_spelled(q: Q.Query | None, text: str, fieldname: str, schema) -> Q.Query | None:
    """A word as typed or as the index also holds it: `e-mail` (a phrase of its parts) or
    "email", written so or hyphenated (schema.JoiningTokenizer); `Müller` or "Mueller", its
    German spelling without umlauts (umlauts.umlaut_spelling). In a quoted phrase each such
    word is respelled: `"e-mail address"` also finds "email address"."""
    if not isinstance(q, (Q.Phrase, Q.Term, type(None))) or fieldname not in SEARCH_FIELDS:
        return q
    stopped = False  # a part the analyzer drops: "in" of `in-house`

    def join(m: re.Match) -> str:
        nonlocal stopped
        joined = _joined(m.group())
        if joined is None:
            return m.group()
        stopped |= any(not list(schema[fieldname].process_text(p, mode="query")) for p in _HYPHEN.split(m.group()))
        return joined

    respelled = _HYPHENATED.sub(join, text)
    respelled = umlaut_spelling(respelled) or respelled
    if respelled == text:
        return q
    words = list(schema[fieldname].process_text(respelled, mode="query"))
    if not words or (q is not None and words == (list(q.words) if isinstance(q, Q.Phrase) else [q.text])):
        return q
    boost = q.boost if q is not None else 1.0
    if len(words) == 1:
        alt: Q.Query = Q.Term(fieldname, words[0], boost=boost)
    else:
        alt = Q.Phrase(fieldname, words, slop=getattr(q, "slop", 1), boost=boost)
    # `in-house` as the phrase of its parts is "house", in 145 of 2,900 Reuters articles: the
    # joined word alone (QA); `as-is`, all stop words, was no query at all
    return alt if q is None or stopped else Q.Or([q, alt])


def _joined(word: str) -> str | None:
    """A hyphenated word's joined form ("e-mail": "email") where the index also holds it so
    (schema.JoiningTokenizer), else None."""
    joined = _HYPHEN.sub("", word)
    return joined if joinable(joined) else None


def _joined_words(text: str) -> str:
    """`text` with its hyphenated words joined where the index also holds them so ("email")."""
    return _HYPHENATED.sub(lambda m: _joined(m.group()) or m.group(), text)


def _inner_caps_stops_lowered(phrase: str) -> str | None:
    """The phrase with each stop word in capitals that has a word on either side lower-cased
    ("bank OF england" -> "bank of england"), or None when it has none. In mixed-case text the
    index holds such a word as the acronym (schema.AcronymStopFilter): the phrase is read both
    ways. One at an end ("IT jobs", "the US") stays the acronym: read as the stop word, every
    article with "jobs" would be read for "it"."""
    words = list(_TOKEN_RE.finditer(phrase))
    inner = [w for w in words[1:-1] if w.group() in ACRONYM_STOPS]
    if not inner:
        return None
    out = list(phrase)
    for w in inner:
        out[w.start():w.end()] = w.group().lower()
    return "".join(out)


class _JoinedPhrasePlugin(PhrasePlugin):
    """Whoosh's quoted phrases, each with its hyphenated words joined and its umlauts spelled
    out as an alternative (_or_spelled), and its stop words checked in what it matches
    (stop_phrases.StopWords)."""

    class PhraseNode(PhrasePlugin.PhraseNode):
        def query(self, parser):
            q = self._reading(parser)
            fieldname = self.fieldname or parser.fieldname
            lowered = _inner_caps_stops_lowered(self.text)
            if lowered is None or fieldname not in SEARCH_FIELDS or self.slop != 1:
                return q
            # `"bank OF england"`: the acronym "OF" (the index's term in mixed-case text) or the
            # stop word, checked as `"bank of england"` is (it found "the bank in England")
            node = copy.copy(self)
            node.text = lowered
            alt = node._reading(parser)
            return alt if q is None else q if alt is None or alt == q else Q.Or([q, alt])

        def _reading(self, parser):
            q = super().query(parser)
            _keep_typed(q, self.text)
            fieldname = self.fieldname or parser.fieldname
            q = _or_spelled(q, self.text, fieldname, parser.schema)
            if fieldname not in SEARCH_FIELDS or self.slop != 1:  # "bank of england"~3: near, as it was
                return q
            # "Bank of England": its "of" too; `"e-mail of the"` also as "email of the", which q finds
            return checked(q, parser.schema[fieldname], fieldname, self.text, _joined_words(self.text))

    class PhraseTagger(RegexTagger):
        def create(self, parser, match):
            slop = match.group("slop")
            return _JoinedPhrasePlugin.PhraseNode(match.group("text"), match.start("text"), int(slop) if slop else 1)

    def taggers(self, parser):
        # the quotes the query's checks read (quoted.PHRASE_TEXT): Whoosh's `.*?` stopped at a line
        # break, and `source:"two<line break>lines"` typed so found nothing, silently
        return [(self.PhraseTagger(f'"(?P<text>{quoted.PHRASE_TEXT})"(~(?P<slop>[1-9][0-9]*))?'), 0)]


class _Parser(QueryParser):
    """Whoosh's multi-field parser, keeping a capitalised stop word (StopName) where Whoosh
    would drop it, and a word's other spellings in the index (_or_spelled)."""

    def __init__(self, schema):
        super().__init__(None, schema)
        self.remove_plugin_class(PhrasePlugin)
        self.add_plugin(_JoinedPhrasePlugin())
        self.add_plugin(MultifieldPlugin(list(SEARCH_FIELDS)))
        self.add_plugin(FuzzyTermPlugin())  # word~ (one edit), word~2, word~2/3 (first 3 letters kept)

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if fieldname == "id":
            text = text.replace(ID_COLON, ":")  # _quoted_addresses
        q = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        if q is None and termclass is Q.Term and fieldname in SEARCH_FIELDS and _capitalised_stop(text):
            return StopName(fieldname, text, boost=boost)
        _keep_typed(q, text)
        return _or_spelled(q, text, fieldname, self.schema) if termclass is Q.Term else q


def _normalized(q: Q.Query) -> Q.Query:
    """Whoosh's normalize(), the phrases keeping their typed words: Phrase.normalize builds a
    new Phrase (a subclass that kept them would leave matching.py's fast path, which takes
    Whoosh's own classes only)."""
    typed = {(p.fieldname, tuple(w for w in p.words if w is not None)): p.typed
             for p in q.leaves() if isinstance(p, Q.Phrase) and getattr(p, "typed", None)}
    q = q.normalize()
    if typed:
        for p in q.leaves():
            if isinstance(p, Q.Phrase):
                p.typed = typed.get((p.fieldname, tuple(p.words)))
    return q


def _keep_typed(q: Q.Query | None, text: str) -> None:
    """Keep on a word's or phrase's query the words as typed (`typed`): names are looked up by
    them. The analyzed words are stems: "United Kingdom" is "unit kingdom", "Philippines"
    "philippin", which name no entity, so those names found only their literal mentions
    (9 of the 88 articles about the United Kingdom)."""
    if isinstance(q, (Q.Term, Q.Phrase)):
        q.typed = text


def _lowercase_fields(qstring: str) -> str:
    """`Title:mali`, `PERSON:goyta`: a field name in any case (Whoosh's are case-sensitive, and
    "Title:" was an unknown field); words in quotes (either kind) stay as they are."""
    def lower(m: re.Match) -> str:
        name = m.group(1).lower()
        return name + ":" if name in QUERY_FIELDS else m.group()

    return quoted.apart_all(qstring, lambda text: _ANY_FIELD_RE.sub(lower, text))


_DATE_IN_FIELD = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")


def _padded_dates(qstring: str) -> str:
    """Dates of `published:` with two-digit months and days: Whoosh's date parser reads
    "1987-3" as the year 1987 (457 results, every article of the year, not March's 254) and
    "1987-3-2" not at all ("no searchable words")."""
    def pad(m: re.Match) -> str:
        return m.group(1) + "".join(f"-{int(g):02d}" for g in m.groups()[1:] if g)

    return _DATE_FIELD_RE.sub(lambda m: m.group()[:m.start(1) - m.start()] + _DATE_IN_FIELD.sub(pad, m.group(1)), qstring)


def _per_cent_joined(qstring: str) -> str:
    """"per cent" typed as one word, as the index also holds it (schema.JoiningTokenizer):
    Whoosh hands a query's words to the analyzer one at a time, so `5 per cent` was "5",
    "per" and "cent", which found only articles writing "per cent", not "5%" or "5 pct".
    "percent" and a space: every character keeps its place (the suggestions' spans)."""
    return PER_CENT.sub(lambda m: m.group()[:3] + m.group()[4:] + " ", qstring)


# A site's address after `source:`, unquoted, up to a space or a closing parenthesis
_SOURCE_ADDRESS = re.compile(r'(?<![\w"])source:(' + ADDRESS + ')', re.I)


# An id with a colon, unquoted: a JSON Lines record's FILE:LINE (`id:news/feed.jsonl:12`), with a
# wildcard too (`id:news/feed.jsonl:*`)
_ID_WITH_COLON = re.compile(r'(?<![\w"])id:([^\s()"]*:[^\s()"]*)(?=$|[\s()])', re.I)
# Stands for a colon inside an id while the query is parsed: Whoosh reads any word before a colon
# as a field, and a quoted value holds no wildcard. _Parser.term_query puts the colon back.
ID_COLON = "\ue000"


def _quoted_addresses(qstring: str) -> str:
    """`source:https://www.zeit.de/` as `source:"https://www.zeit.de/"`, a site's address as the
    `source=` filter takes it (typed_site): its "https:" was an unknown field (exit 2), and only
    the quoted form found the site's articles. An id with a colon, as a search prints it
    (`id:news/feed.jsonl:12`, whose "jsonl:" was an unknown field), keeps its colons as ID_COLON,
    so that a wildcard after them still works (`id:news/feed.jsonl:*`). Phrases are left as they are."""
    def id_value(m: re.Match) -> str:
        return m.group()[:3] + m.group(1).replace(":", ID_COLON)

    def address(m: re.Match) -> str:
        return f'{m.group()[:7]}"{m.group(1)}"'

    return quoted.apart_all(qstring, lambda text: _ID_WITH_COLON.sub(id_value, _SOURCE_ADDRESS.sub(address, text)))


_SOURCE_ADDRESS_QUOTED = re.compile(r'(?<![\w"])(source:)"(' + ADDRESS + r')"(?=$|[\s)])', re.I)


def _addresses_bare(qstring: str) -> str:
    """A fixed query with a site's address as typed, bare: the query the refusal offers was
    written from the query with its addresses quoted (_quoted_addresses), and offered
    `source:"https://www.zeit.de/" person:x` for `source:https://www.zeit.de/ persn:x`, quotes the
    user had not typed and the query does not need, as it reads the bare address so. Kept
    quoted where bare it would read otherwise."""
    bare = _SOURCE_ADDRESS_QUOTED.sub(r"\1\2", qstring)
    return bare if _quoted_addresses(bare) == _quoted_addresses(qstring) else qstring


def parse(qstring: str, schema) -> Q.Query:
    with _as_typed(qstring):
        return _parsed(_read_as_typed(qstring), schema)


def _id_colons_back(exc: QueryError) -> None:
    """The refusal with an id's colons as typed: its message and its fixed query held ID_COLON,
    a character of no alphabet (`id:news/feed.jsonl:12 oil^` offered "id:news/feed.jsonl\ue00012 oil")."""
    _each_text(exc, lambda text: text.replace(ID_COLON, ":"))


def _each_text(exc: QueryError, fix: Callable[[str], str]) -> None:
    """The refusal with `fix` applied to its message and its fixed query."""
    exc.args = tuple(fix(a) if isinstance(a, str) else a for a in exc.args)
    if exc.suggestion:
        exc.suggestion = fix(exc.suggestion)


def _parsed(qstring: str, schema) -> Q.Query:
    """The query read by parse's steps (validate, Whoosh's parser), or a QueryError saying why not."""
    _validate(qstring)  # which reads a field's name and a date in any form, and quotes them as typed
    qstring = _lowercase_fields(quoted.apart(qstring, _padded_dates))
    parser = _Parser(schema)
    text = quoted.apart(qstring, lambda t: _caps_stop_words(_tidy_operators(_minus_to_not(_per_cent_joined(t)))))
    try:
        q = _normalized(_join_figures_or_figures(parser.parse(text, normalize=False)))
    except Exception as exc:  # Whoosh's parser raises bare Exceptions too (a field's value it cannot read)
        # Whoosh's own messages say what is wrong; an IndexError or the like says nothing to a user
        reason = str(exc) if type(exc) is Exception else "check its operators, parentheses and quotes"
        raise QuerySyntaxError(f"could not parse query: {reason}") from exc
    if q is Q.NullQuery or isinstance(q, type(Q.NullQuery)):
        raise no_words(qstring)
    return q


def expand_aliases(q: Q.Query, resolution, schema, reader, ids: Callable[[str, str], np.ndarray]) -> Q.Query:
    """A word or phrase that is an alias of an entity also matches the entity's other
    spellings (but a one-word spelling that is part of another entity's name) and every
    article where the entity was recognised (in the title field, the spellings alone). A capitalised stop word
    (StopName: "May") matches only those, or is dropped; a query left with no word is an error.
    A one-word name is taken for a word where the archive (`reader`, `ids`: a term's documents) mostly uses it so
    (_a_word_here)."""
    if resolution is None:
        q = _drop_stop_names(q)
        if q is Q.NullQuery:
            raise NoSearchableWords("query has no searchable words")
        return q

    def words(field_name: str, text: str) -> list[str]:
        return [t.text for t in schema[field_name].analyzer(text)]

    def named(*texts: str | None) -> list:
        """The entities the first of `texts` that names any names (typed words, then the
        analyzed ones: "AT and T" is the term "at&t", an alias of AT&T)."""
        for text in texts:
            ents = [e for e in resolution.lookup_alias(text) if e.type in ENTITY_FACETS][:MAX_ALIAS_ENTITIES] if text else []
            if ents:
                return ents
        return []

    def alternatives(node, fname: str, text: str) -> Q.Query:
        stop_name = isinstance(node, StopName)  # nothing but a name: "May" as a word is a stop word
        one_word = " " not in text and not text.isupper() and not stop_name  # "US" (a term in capitals) is a name
        typed = _typed(node)
        # a phrase with a stop word names an entity as typed: `"Mueller of a"` is no name of Mueller
        ents = named(typed) if isinstance(node, StopWords) and typed else named(typed, text)
        if not ents:
            return node  # a StopName: _drop_stop_names drops it
        if one_word and _a_word_here(reader, ids, text, typed, ents, _common_word(text)):
            return node  # "rose", "oil", "trade": a word here, not a name, even if some entity ends in it
        alts: list[Q.Query] = [] if stop_name else [node]
        # a stop word typed in any case (`"bank OF england"`, the acronym's reading too)
        stops_typed = isinstance(node, StopWords) or any(w.lower() in STOP_WORDS for w in _TOKEN_RE.findall(typed or ""))
        for e in ents:
            if fname != "title":  # recognised anywhere in the article: not for `title:goyta`
                alts.append(Q.Term("entity", e.id))
            for alias in e.aliases[:MAX_ALIASES]:
                if " " not in alias.strip() and resolution.word_of_another(alias, e):
                    continue  # "Kate" for Keita is also Kate Winslet: his articles come by the entity term
                if _stop_leaves_others_words(alias, e, resolution):
                    continue  # "Richard May" searched as "richard": every Richard's article
                ws = words(fname, alias)
                if len(ws) == 1:
                    alts.append(Q.Term(fname, ws[0]))
                elif len(ws) > 1:
                    # a quoted phrase's stop words are checked in its aliases too: "Bank of England",
                    # not "bank in England" (only then: a word's aliases cost nothing more)
                    phrase = Q.Phrase(fname, ws)
                    alts.append(checked(phrase, schema[fname], fname, alias) if stops_typed else phrase)
        return Q.Or(alts)

    def names(node: Q.And) -> Q.Query:
        """Words typed one after another that spell an entity's name (`Ronald Reagan`, not
        quoted) also find every article where the entity was recognised, as the quoted name
        does (QA: `Ronald Reagan` found 5 articles, `"Ronald Reagan"` 60); the longest run of
        up to MAX_NAME_WORDS words first."""
        subs = list(node.subqueries)
        plain = [_plain_word(c) or _plain_phrase(c) for c in subs]  # a word the analyzer splits too ("d'Ivoire")
        typed = [w and (_typed(c) or w) for c, w in zip(subs, plain)]
        out: list[Q.Query] = []
        i = 0
        while i < len(subs):
            for k in range(min(MAX_NAME_WORDS, len(subs) - i), 1, -1):
                run = typed[i:i + k]
                ents = [] if None in run else named(" ".join(run), " ".join(plain[i:i + k]))
                if ents:
                    # each field's name as the quoted name reads it: the entity, and its other
                    # spellings ("IVORY COAST" in a table the tagger passed over, for `Côte d'Ivoire`)
                    words, spelled = " ".join(plain[i:i + k]), []
                    for f in SEARCH_FIELDS:
                        phrase = Q.Phrase(f, words.split())
                        phrase.typed = " ".join(run)
                        spelled.append(alternatives(phrase, f, words))
                    out.append(Q.Or([Q.And([visit(c) for c in subs[i:i + k]]), *spelled]))
                    i += k
                    break
            else:
                out.append(visit(subs[i]))
                i += 1
        return Q.And(out, boost=node.boost)

    def visit(node):
        if isinstance(node, Q.Term) and node.fieldname in SEARCH_FIELDS:
            return alternatives(node, node.fieldname, node.text)
        if isinstance(node, Q.Phrase) and node.fieldname in SEARCH_FIELDS:
            return alternatives(node, node.fieldname, " ".join(node.words))
        if isinstance(node, StopWords) and isinstance(node.child, (Q.Term, Q.Phrase)) \
                and node.child.fieldname in SEARCH_FIELDS:  # the entity's articles unchecked: they name it
            c = node.child
            return alternatives(node, c.fieldname, c.text if isinstance(c, Q.Term) else " ".join(c.words))
        if isinstance(node, Q.And) and len(node.subqueries) > 1:
            return names(node)
        return node.apply(visit)  # into compounds and under NOT: `coup NOT goyta` excludes every spelling

    q = _drop_stop_names(visit(q))
    if q is Q.NullQuery:
        raise NoSearchableWords("query has no searchable words")
    return q


MAX_NAME_WORDS = 4


def _typed(node: Q.Query) -> str | None:
    """The words a query node was typed as (_keep_typed), for one word or phrase searched in
    every text field alike; None when not known (a spelling the query added, a fuzzy word)."""
    if isinstance(node, StopWords):
        node = node.child if node.typed is None else node
    if isinstance(node, (Q.Term, Q.Phrase, StopWords)):
        return getattr(node, "typed", None)
    if isinstance(node, Q.Or) and node.subqueries:
        subs = [c.child if isinstance(c, StopWords) else c for c in node.subqueries]
        texts = {getattr(c, "typed", None) for c in subs if isinstance(c, (Q.Term, Q.Phrase))}
        return texts.pop() if len(texts) == 1 else None
    return None


def _plain_word(node: Q.Query) -> str | None:
    """The indexed word a query node searches for in the text fields, or None: a word is a
    Term, or the multi-field parser's Or of one Term per search field."""
    if isinstance(node, Q.Term) and not isinstance(node, StopName) and node.fieldname in SEARCH_FIELDS:
        return node.text
    if isinstance(node, Q.Or) and node.subqueries and all(
            type(c) is Q.Term and c.fieldname in SEARCH_FIELDS for c in node.subqueries):
        texts = {c.text for c in node.subqueries}
        return texts.pop() if len(texts) == 1 else None
    return None


def _plain_phrase(node: Q.Query) -> str | None:
    """The indexed words of one typed word the analyzer splits ("d'Ivoire": "d ivoir"),
    searched as a phrase in every text field alike, or None: so `Côte d'Ivoire` unquoted is a
    name as `Ronald Reagan` is (review: 1 article, quoted 4)."""
    phrases = [node] if isinstance(node, Q.Phrase) else list(node.subqueries) if isinstance(node, Q.Or) else []
    if not phrases or not all(type(c) is Q.Phrase and c.fieldname in SEARCH_FIELDS for c in phrases):
        return None
    texts = {" ".join(c.words) for c in phrases}
    return texts.pop() if len(texts) == 1 else None


def _stop_leaves_others_words(alias: str, entity, resolution) -> bool:
    """Whether `alias` holds a capitalised stop word the analyzer drops ("Richard May" is
    "richard", "James F. Will" "james f") and what is left is a word of another entity's
    name (Richard Perle): searched as text it would find their articles. Such an alias finds
    its articles by the entity term; "Theresa May", "theresa" being no other's, is kept."""
    words = _TOKEN_RE.findall(alias)
    if len(words) < 2 or not any(_capitalised_stop(w) for w in words):
        return False
    return any(resolution.word_of_another(w, entity) for w in words if not _capitalised_stop(w))


def _drop_stop_names(q: Q.Query) -> Q.Query:
    """The query without its StopNames (and without what only held them): "coup May" is "coup"
    when May names no entity, as it was when Whoosh dropped the stop word."""
    if not any(isinstance(leaf, StopName) for leaf in q.leaves()):
        return q  # as parsed: normalize() would reshape what matching.py replays

    def visit(node):
        return Q.NullQuery if isinstance(node, StopName) else node.apply(visit)

    return visit(q).normalize()


MAX_ALIAS_ENTITIES = 5
MAX_ALIASES = 20
COMMON_ZIPF = 5.0  # wordfreq: "oil" 5.3, "trade" 5.2; "Russia" 4.9, "Putin" 4.6, "Goita" 0
# the share of a word's articles where its entities were recognised for the word to be read as
# their name (_a_word_here); 3,000 Reuters articles: "rose" 0.00 (Stephen Rose), "gold" 0.02,
# "commission" 0.13 (the EC and five commissions: a word), "france" 0.44 (its stem is also
# the franc's), "mexico" 0.64, "china" 0.86, "baker" 0.97. Was 0.1 of every article of the
# entities, holding the word or not: `commission` found 42 EC articles that never say it
NAME_SHARE = 0.25
COMMON_NAME_SHARE = 0.5


def _a_word_here(reader, ids: Callable[[str, str], np.ndarray], term: str, typed: str | None, ents: list,
                 common: bool) -> bool:
    """Whether a one-word name is, in this archive, mostly a word: its entities were recognised
    in under NAME_SHARE of the articles holding it. `rose` found the one article naming Stephen
    Rose first of the 201 where prices rose. A word typed with a capital ("Rose") is a name as
    typed, and so is an acronym typed in capitals ("UK": QA, 90 articles where `U.K.` found
    132). A frequent English word (_common_word: "china", "oil") is a name only where its
    entities hold COMMON_NAME_SHARE of its articles: "china" is China in a news archive (0.89),
    where wordfreq alone kept it a word and its alias spellings out."""
    if not common and (not typed or typed != typed.lower()):
        return False
    if typed and typed.isupper() and len(re.sub(r"\W", "", typed)) <= 4:
        return False  # an acronym typed in capitals is the name: `UK` ("uk" is a word to wordfreq, 5.1), as `U.K.`
    share = COMMON_NAME_SHARE if common else NAME_SHARE
    used = max(reader.doc_frequency(f, term) for f in SEARCH_FIELDS)
    if sum(reader.doc_frequency("entity", e.id) for e in ents) < share * used:
        return True  # the entities' articles, all of them, are few: a word (no postings read)
    # of the articles holding the word, those where its entities were recognised: an entity's
    # others name it otherwise ("EC", "European Community" for the alias "Commission": review,
    # `commission` found 42 EC articles that never say it)
    # `ids`: a term's documents as the search reads them (cached per generation: the query
    # reads the word's again to match it)
    holding = np.unique(np.concatenate([ids(f, term) for f in SEARCH_FIELDS]))
    named = np.unique(np.concatenate([ids("entity", e.id) for e in ents]))
    return np.intersect1d(holding, named, assume_unique=True).size < share * holding.size


@lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    """Whether a term is a frequent English word. A term wordfreq reads as several words
    ("s&p" as "s" and "p", Zipf 5.1; "at&t") is a name, however frequent its parts."""
    from wordfreq import tokenize, zipf_frequency

    return len(tokenize(word, "en")) == 1 and zipf_frequency(word, "en") >= COMMON_ZIPF


def filter_query(filters: dict[str, list]) -> Q.Query | None:
    """Entity facets narrow (AND): an article is about Mali *and* Germany, and the counts
    shown next to each entity are what a click on it leaves. The other facets hold one
    value an article, so two of their values can only mean OR (2020 or 2021). A value may be
    a list of names (a surname naming several people): any of them."""
    parts = []
    for name, values in filters.items():
        if name not in FACETS:
            raise QueryError(f"unknown filter '{name}' (facets: {', '.join(FACETS)})")
        groups = [[v] if isinstance(v, str) else [n for n in v if n] for v in values if v]
        terms = [Q.Or([Q.Term(name, n) for n in g]) if len(g) > 1 else Q.Term(name, g[0]) for g in groups if g]
        if not terms:
            continue
        if name in ENTITY_FACETS:
            parts += terms
        else:
            parts.append(Q.Or(terms) if len(terms) > 1 else terms[0])
    if not parts:
        return None
    return Q.And(parts) if len(parts) > 1 else parts[0]


def canonical_filters(filters: dict[str, list[str]], gen) -> dict[str, list[str]]:
    """Entity filters by any spelling: a name, in any case, or one of its aliases ("Goyta",
    or a saved link's spelling after a reindex made another spelling the display name)
    filters by the display name of each entity so named or spelled (_value_names), an
    entity's id by its display name. An unknown value stays, and matches nothing."""
    return _flat(canonical_groups(filters, gen))


def _shown_filters(named: dict[str, list[tuple[str, list[str]]]], gen) -> dict[str, list[str]]:
    """The filters as a result reports them (and its links carry them on), from
    _value_names: a value naming one entity by that entity's id (`Goyta` is
    `per:assimi-goita`: the filter a click on its facet value makes, which the page then
    marks active; written as the display name, the next link would also take every other
    entity so spelled), a value naming several as typed (as entity filters AND, those names
    written out are another filter: "Keita" for Ibrahim Boubacar Keita or Salif Keita came
    back as both names, and the page's 5 articles became 0 at the next click), the other
    facets' values as the index spells them (the names OR: language=zh is zh-cn, zh-tw)."""
    ids = entity_ids(gen)
    out: dict[str, list[str]] = {}
    for f, pairs in named.items():
        shown = []
        for v, names in pairs:
            if f not in ENTITY_FACETS:
                shown += names
            elif len(names) == 1 and (f, names[0]) in ids:
                shown.append(ids[(f, names[0])])
            else:
                shown.append(v)
        out[f] = list(dict.fromkeys(shown))
    return out


def filter_value_names(filters: dict[str, list[str]], gen) -> dict[str, dict[str, list[str]]]:
    """Each facet's given values, each with the names it stands for (canonical_filters, value
    by value)."""
    return {f: dict(pairs) for f, pairs in _value_names(filters, gen).items()}


def _flat(groups: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    """Each facet's names, once each, in order (canonical_groups without the grouping)."""
    return {f: list(dict.fromkeys(n for g in gs for n in g)) for f, gs in groups.items()}


def canonical_groups(filters: dict[str, list[str]], gen) -> dict[str, list[list[str]]]:
    """canonical_filters, keeping which names each given value stands for (filter_query
    ANDs entity values, and one value may name several entities)."""
    return _groups(_value_names(filters, gen))


def _groups(named: dict[str, list[tuple[str, list[str]]]]) -> dict[str, list[list[str]]]:
    """canonical_groups from _value_names: an entity facet's groups once each."""
    out: dict[str, list[list[str]]] = {}
    for f, pairs in named.items():
        groups = [names for _, names in pairs]
        out[f] = [g for i, g in enumerate(groups) if g not in groups[:i]] if f in ENTITY_FACETS else groups
    return out


def _value_names(filters: dict[str, list[str]], gen) -> dict[str, list[tuple[str, list[str]]]]:
    """Each given value with the names it stands for, in order: for an entity facet the
    display names of the entities it names (itself when none), for the others the values as
    the index spells them (_plain_values).

    An entity value is an id (`per:ronald-reagan`, what a facet link carries: that entity
    alone, so a click leaves the count the facet showed) or a name as a person types it:
    every entity so named or spelled, in any case (`person=Reagan` is Ronald Reagan, Nancy
    Reagan, and the lone "Reagan"s no article says more of; it was only the last, QA)."""
    check_filters(filters)
    resolution = gen.entities
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for f, values in filters.items():
        if f not in ENTITY_FACETS or resolution is None:
            out[f] = [(v, _plain_values(f, v, gen)) for v in values]
            continue
        by_id = _entities_by_id(gen)
        folded = gen.derive("entity_names_folded", lambda: _names_by_casefold(resolution.entities))
        pairs = []
        for v in values:
            e = by_id.get(v)
            if e is not None and e.type == f:
                pairs.append((v, [e.name]))
                continue
            typed = _name_of_stale_id(v, f)  # a saved link's id, gone with a renamed entity
            names = folded.get((f, typed.casefold()), []) + [
                e.name for e in resolution.lookup_alias(typed) if e.type == f]
            pairs.append((v, list(dict.fromkeys(names))[:MAX_ALIAS_ENTITIES] or [v]))
        out[f] = pairs
    return out


def _entity_id_arrays(gen) -> None:
    """Gives the generation's facet table each entity facet value's `id` (what its link
    filters by: that entity alone), once per generation; the counts then carry it."""
    def make() -> bool:
        ids = entity_ids(gen)
        for f in ENTITY_FACETS:
            values = gen.facets.values.get(f)
            if values:  # a value no entity has (none expected) links by itself
                gen.facets.ids[f] = np.array([ids.get((f, v), v) for v in values], dtype=object)
        return True
    gen.derive("entity_id_arrays", make)


def _entities_by_id(gen) -> dict:
    return gen.derive("entities_by_id", lambda: {e.id: e for e in gen.entities.entities})


def _ids_by_name(gen) -> dict[tuple[str, str], list[str]]:
    """(type, display name) -> the ids of every entity so named (filed under that facet value)."""
    def make() -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = {}
        for e in gen.entities.entities if gen.entities is not None else ():
            out.setdefault((e.type, e.name), []).append(e.id)
        return out
    return gen.derive("ids_by_name", make)


def entity_ids(gen) -> dict[tuple[str, str], str]:
    """(type, display name) -> the id a facet link filters by (the first entity so named:
    the index files entities of one display name under one facet value)."""
    def make() -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        for e in gen.entities.entities if gen.entities is not None else ():
            out.setdefault((e.type, e.name), e.id)
        return out
    return gen.derive("entity_ids", make)


_ID_RE = re.compile(r"(per|org|loc):([a-z0-9]+(?:-[a-z0-9]+)*)")


def is_entity_id(value: str) -> bool:
    return _ID_RE.fullmatch(value) is not None


def _name_of_stale_id(value: str, facet: str) -> str:
    """An id no entity has (a reindex renamed it) read as the name its slug spells:
    `per:ronald-reagan` looks up "ronald reagan"; any other value as it is."""
    from .entities.resolve import PREFIX

    m = _ID_RE.fullmatch(value)
    if m is None or PREFIX.get(facet) != m.group(1):
        return value
    return re.sub(r"-\d+$", "", m.group(2)).replace("-", " ")


def _names_by_casefold(entities) -> dict[tuple[str, str], list[str]]:
    """(type, display name casefolded) -> display names: a display name typed in another case
    is that entity, as typed in its own case. `person=blair` found the three entities with the
    spelling "Blair" and `person=Blair` the one so named (QA)."""
    out: dict[tuple[str, str], list[str]] = {}
    for e in entities:
        out.setdefault((e.type, e.name.casefold()), []).append(e.name)
    return out


LABELS = TRANSLATION_LABELS
_A_FILTER = "a '{}' filter {}"


def check_filter_value(facet: str, value: str) -> None:
    """FilterValueError for a filter value no article could have: year=21, translated=yes."""
    # the field's name quoted inside the sentence, as too_long's and too many's: a page's label
    # ("Year") and the JSON's name ("year") each read right there, where one opened the sentence
    # ("Year must be ..." on the page, "year must be ..." in the JSON)
    if facet == "year" and value and not re.fullmatch(r"\d{4}", value):
        raise FilterValueError(facet, f"must be four digits, not '{value}'{_year_hint(value)}", form=_A_FILTER)
    if facet == "translated" and value and value.lower() not in LABELS:
        raise FilterValueError(facet, f"is one of {', '.join(LABELS)}, not '{value}'", form=_A_FILTER)


def _year_hint(value: str) -> str:
    """What to write instead of a year filter that is a span or a date: `year=2020-2021` was
    "year must be four digits" alone, and a span is a range of the query text."""
    if fieldnames.open_at_both_ends(value):  # `year=[* TO *]`: no year filters nothing
        return f": a range open at both ends is {fieldnames.NO_FILTER}"
    span = re.fullmatch(r"\s*(\d{4})\s*(?:-|–|\.\.|(?i:to))\s*(\d{4})\s*", value)
    if span:
        a, b = sorted(span.groups())
        return f": for a span of years, search published:[{a} TO {b}] in the query, or give each year as a filter"
    if _valid_date(value.strip()):
        return f": for a day or a month, search published:{value.strip()} in the query"
    years = re.fullmatch(r"\s*\d{4}(?:\s*[,;/|+&\s]\s*\d{4})+\s*", value)
    if years:  # a list, as other APIs take one (`year=1987,2012`): each value its own filter here
        each = list(dict.fromkeys(re.findall(r"\d{4}", years.group(0))))
        if len(each) == 1:  # `2020,2020`: a list of one, which read "a filter of its own ( and 2020)"
            return f": give the year once, {each[0]}"
        return (f": for several years, give each year as a filter of its own ({', '.join(each[:-1])} and {each[-1]}), "
                f"or search {' OR '.join(f'year:{y}' for y in each)} in the query")
    typed = _typed_date(value.strip())  # `year=20200828`, `year=2020/08/28`: a day, as `date=` reads it
    if typed:
        return f": for a day or a month, search published:{typed} in the query"
    return ""


def _plain_values(facet: str, value: str, gen) -> list[str]:
    """A source, language, year or translated value as the index spells it: "EN" is "en",
    "Likely" is "likely" (one lookup per generation), a site's address its host as sources
    are stored ("https://www.zeit.de/" is "zeit.de"), and a language code without a region
    also stands for the regional codes articles have: langdetect writes Chinese "zh-cn" or
    "zh-tw", and "zh" means both ("zh-cn" stays exact). A value no article could have is an
    error rather than an empty page (check_filter_value); an unknown one stays as given."""
    check_filter_value(facet, value)
    if facet == "year" and not value.isascii():  # "２０２１" (a full-width IME's digits) is 2021: it matched nothing
        value = "".join(str(unicodedata.digit(c)) for c in value)
    if facet not in FACETS:
        return [value]
    exact, folded, regional = _value_tables(facet, gen)
    if facet == "language" and value not in exact:
        from .language import language_code  # not on import: it brings langdetect

        value = language_code(value)
    if facet == "source" and value not in exact and _folded(value) not in folded:
        from .ingest.jsonl import typed_site  # a site's address as its source is stored

        value = typed_site(value) or value
    # a value typed as none is spelled stands for each it folds to ("A B" for "a b" and "a\nb":
    # it was the first of them alone, the others' articles left out, silently)
    plain = [value] if value in exact else folded.get(_folded(value), [])
    if not plain and facet == "language" and "-" in value:
        plain = folded.get(value.partition("-")[0].casefold(), [])  # en-us: the articles say "en"
    out = list(plain)
    if "-" not in value:
        out += [v for v in regional.get(value.casefold(), ()) if v not in plain]
    return out or [value]


def _value_tables(facet: str, gen) -> tuple[frozenset[str], dict[str, list[str]], dict[str, list[str]]]:
    """A facet's values (once per generation): the set of them, each folded spelling with the
    values so folded, and a language's regional codes by its base."""
    tables = gen.derive("folded_values", dict)
    if facet not in tables:
        values = gen.facets.values.get(facet, [])
        regional: dict[str, list[str]] = {}
        if facet == "language":
            for v in sorted(values):
                base, dash, region = v.partition("-")
                if dash and base and region:
                    regional.setdefault(base.casefold(), []).append(v)
        # without case, and with its spaces folded: a source's line break or tab is a space in the
        # query text (field_values.field_value writes one line), and `source:"a b"` finds "a\nb"
        folded: dict[str, list[str]] = {}
        for v in values:
            folded.setdefault(_folded(v), []).append(v)
        tables[facet] = (frozenset(values), folded, regional)
    return tables[facet]


def _spelled_alike(facet: str, names: list[str], gen) -> list[str]:
    """`names` with each other value of the facet spelled as one of them but for its case, its
    spaces, line breaks and tabs. The query text holds no line break (field_values.field_value
    writes one as a space, a search box drops it), so there `source:"a b"` stands for the sources
    "a b", "a\nb" and "a  b" alike: a chip's `source:"a b"` for "a\nb" found "a b"'s articles
    alone, another source's. So a case: `source:reuters` found the source "reuters" and not
    "Reuters" (two feeds' spellings of one agency), where `source:REUTERS`, spelled as neither,
    found both. A filter, given a value itself (a facet's link), takes that value alone."""
    if facet in ENTITY_FACETS or facet not in FACETS:
        return names
    folded = _value_tables(facet, gen)[1]
    return list(dict.fromkeys(v for n in names for v in [n, *folded.get(_folded(n), ())]))


def _folded(value: str) -> str:
    """A facet's value without case, its runs of spaces, tabs and line breaks one space. A
    dotted capital I (Turkish İ) folds to i: casefold makes it "i" and a combining dot, so
    `source:iha` and `source:IHA` missed the source "İHA", which only `source:İHA` found."""
    return " ".join(value.casefold().replace("i\u0307", "i").split())


def canonical_field_terms(q: Q.Query, gen) -> Q.Query:
    """`person:Goyta` in the query text means what the `person=Goyta` filter means: an
    entity field term by any spelling, any case, is the entity's display name (each
    entity's, as canonical_filters maps them), and `language:zh` is every Chinese code
    (zh-cn, zh-tw), as the filter reads it; an unknown value stays and matches nothing."""
    def visit(node):
        if isinstance(node, (Q.Prefix, Q.Wildcard, Q.FuzzyTerm)) and node.fieldname in FACETS:
            typed = (node.text + "*" if isinstance(node, Q.Prefix)
                     else f"{node.text}~{node.maxdist}" if isinstance(node, Q.FuzzyTerm) else node.text)
            names = values_like(node, gen) or [typed]  # none: a term that matches nothing
            terms = [Q.Term(node.fieldname, n, boost=node.boost) for n in names]
            return terms[0] if len(terms) == 1 else Q.Or(terms, boost=node.boost)
        if isinstance(node, Q.Term) and node.fieldname in FACETS:
            _check_field_value(node)
            names = _spelled_alike(node.fieldname, canonical_filters({node.fieldname: [node.text]}, gen)[node.fieldname], gen)
            terms = [Q.Term(node.fieldname, n, boost=node.boost) for n in names]
            return terms[0] if len(terms) == 1 else Q.Or(terms, boost=node.boost)
        return node.apply(visit)  # Whoosh's tree map: compounds, Not and other wrappers; leaves as they are

    return visit(q)


def _check_field_value(node: Q.Term) -> None:
    """A year or translated value no article could have in the query text (`coup year:20`),
    refused as the query's: check_filter_value words a filter's ("a 'year' filter must be four
    digits"), and the page a filter's by its chip ("a 'Year' filter ..."), where no filter was given."""
    try:
        check_filter_value(node.fieldname, node.text)
    except FilterValueError as exc:
        raise QuerySyntaxError(f"'{node.fieldname}:' {exc.rest}") from None


def _check_ranges(q: Q.Query, qstring: str = "") -> None:
    """`year:[2021 TO 1987]` found nothing, silently, where the same range of dates is an
    error that says what to do (_check_syntax): any range whose ends are the wrong way round,
    quoted as typed in `qstring` (_typed_range)."""
    for leaf in q.leaves():
        if type(leaf) is Q.TermRange and leaf.start and leaf.end and leaf.start > leaf.end:
            said = _typed_range(qstring, leaf.fieldname) or f"{leaf.fieldname}:[{leaf.start} TO {leaf.end}]"
            raise QueryError(f"{said} ends before it starts: put the lower end first")


_TYPED_RANGE = re.compile(r"(?<![\w\"])(?:([^\W\d]\w*):)?[\[{]([^\[\]{}]*)[\]}]")


def _typed_range(qstring: str, fieldname: str) -> str | None:
    """The range of `fieldname` as typed in `qstring`, the first whose ends are the wrong way
    round in any case: the range read was quoted, `coup [military to junta]` refused as
    "title:[militari TO junta] ...", a field and a stem the user had not typed (a range with no
    field is searched in title and text)."""
    typed = [m for m in _TYPED_RANGE.finditer(quoted.masked(qstring))
             if (m.group(1) or "").lower() == fieldname or (not m.group(1) and fieldname in SEARCH_FIELDS)]
    for m in typed:
        ends = re.split(r"\s+TO\s+", m.group(2).strip(), flags=re.I)
        if len(ends) == 2 and ends[0].casefold() > ends[1].casefold():
            return qstring[m.start():m.end()]
    return qstring[typed[0].start():typed[0].end()] if typed else None


def _unfielded_word(node: Q.Query) -> str | None:
    """The indexed word of a word typed without a field (searched in every text field), or None."""
    if isinstance(node, Q.Or) and {getattr(c, "fieldname", None) for c in node.subqueries} == set(SEARCH_FIELDS):
        return _plain_word(node)
    return None


_FIGURE = re.compile(r"\d[\d,.]*")
# what a figure measures, as the analyzer writes it ("pct", "%" and "per cent" are "percent";
# "mln" "million", "dlrs" "dollar", "cts" "cent")
_UNITS = frozenset({"percent", "cent", "million", "billion", "dollar"})


def join_figures(q: Q.Query) -> Q.Query:
    """A figure typed before its unit, `5 pct`, is that figure: the phrase "5 percent", as `5%`
    and `"5 pct"` are. As two words it found every article with a "5" and a "pct" anywhere
    (Reuters: 75, the two that say "5 pct" ranked 29th and 52nd). After NOT too: `oil NOT 3 pct`
    left out every "3" (query review: 75 articles, where `oil NOT 3%` gives 205)."""
    def visit(node):
        if isinstance(node, Q.And) and len(node.subqueries) > 1:
            subs = [visit(c) for c in node.subqueries]
            words = [_unfielded_word(c) for c in subs]  # `title:5 pct` stays as typed
            negated = [type(c) is Q.Not and c.boost == 1 and _unfielded_word(c.query) for c in subs]
            out: list[Q.Query] = []
            i = 0
            while i < len(subs):
                figure = words[i] or negated[i]
                j = i + 1  # "1.5 billion dlrs": every unit after the figure
                while (j < len(subs) and figure and _FIGURE.fullmatch(figure) and words[j] in _UNITS
                       and subs[j].boost == 1 and (negated[i] or subs[i].boost == 1)):
                    j += 1
                if j > i + 1:
                    phrase = Q.Or([Q.Phrase(f, [figure, *words[i + 1:j]]) for f in SEARCH_FIELDS])
                    out.append(Q.Not(phrase) if negated[i] else phrase)
                    i = j
                else:
                    out.append(subs[i])
                    i += 1
            return out[0] if len(out) == 1 else Q.And(out, boost=node.boost)
        return node.apply(visit)

    return visit(q)


def _figure_group(words: list[str]) -> bool:
    """A figure and its units: ["5", "percent"], ["1.5", "billion", "dollar"]."""
    return len(words) > 1 and bool(_FIGURE.fullmatch(words[0])) and all(w in _UNITS for w in words[1:])


def _two_words(node: Q.Query) -> tuple[str, str] | None:
    """The words either side of an OR between two unfielded words, as Whoosh's parser leaves
    it before normalize(): an Or of the left word's Terms and the right word's Or of Terms,
    one in every text field."""
    terms: list[Q.Term] = []

    def leaves(n) -> bool:
        if type(n) is Q.Term and n.fieldname in SEARCH_FIELDS and n.boost == 1:
            terms.append(n)
            return True
        return type(n) is Q.Or and n.boost == 1 and bool(n.subqueries) and all(leaves(c) for c in n.subqueries)

    if type(node) is not Q.Or or not leaves(node):
        return None
    texts = list(dict.fromkeys(c.text for c in terms))
    if len(texts) != 2 or len(terms) != 2 * len(SEARCH_FIELDS) or {(c.fieldname, c.text) for c in terms} != {
            (f, t) for f in SEARCH_FIELDS for t in texts}:
        return None
    return texts[0], texts[1]


def _join_figures_or_figures(q: Q.Query) -> Q.Query:
    """_figures_or_figures in every AND of a query as parsed, before normalize() drops a
    word's second occurrence from an AND (`1.5 bln dlrs OR 2 bln dlrs` lost its second "bln")."""
    def visit(node):
        if type(node) is Q.And and len(node.subqueries) > 1:
            return Q.And(_figures_or_figures([visit(c) for c in node.subqueries]), boost=node.boost)
        return node.apply(visit)

    return visit(q)


def _figures_or_figures(subs: list[Q.Query]) -> list[Q.Query]:
    """`5 pct OR 6 pct` is "5 percent" or "6 percent". OR binds tighter than the words around
    it (as on Google), so Whoosh read `5 AND (pct OR 6) AND pct`: the articles with a 5, a 6
    and a "pct" anywhere. Where every side of a run of ORs is a figure with its units, the run
    is the OR of those figures; anything else keeps the parser's reading."""
    words = [_unfielded_word(c) for c in subs]
    ors = [_two_words(c) for c in subs]
    out: list[Q.Query] = []
    i = 0
    while i < len(subs):
        # a run of plain words and two-word ORs, from i, holding an OR
        j = i
        while j < len(subs) and (words[j] or ors[j]):
            j += 1
        if not any(ors[i:j]):
            out.extend(subs[i:max(j, i + 1)])
            i = max(j, i + 1)
            continue
        groups: list[list[str]] = [[]]
        for k in range(i, j):
            if ors[k]:
                groups[-1].append(ors[k][0])
                groups.append([ors[k][1]])
            else:
                groups[-1].append(words[k])
        # the first group's figure starts where its tail of units does; the last's ends there
        head = groups[0]
        start = len(head) - 1
        while start > 0 and head[start] in _UNITS:
            start -= 1
        tail = groups[-1]
        end = 1
        while end < len(tail) and tail[end] in _UNITS:
            end += 1
        sides = [head[start:], *groups[1:-1], tail[:end]]
        if all(_figure_group(g) for g in sides):
            out.extend(subs[i:i + start])  # words before the first figure
            out.append(Q.Or([Q.Or([Q.Phrase(f, g) for f in SEARCH_FIELDS]) for g in sides]))
            out.extend(subs[j - (len(tail) - end):j])  # and after the last figure's units
        else:
            out.extend(subs[i:j])
        i = j
    return out


PHRASE_BOOST = 1.0  # weight of two typed words found next to each other (proximity_boosted)
MAX_BIGRAMS = 6


def proximity_boosted(q: Q.Query) -> Q.Query:
    """Words typed one after another rank an article higher where they stand together: each
    pair is also an optional phrase, as Lucene's edismax `pf2` adds. Without it, `housing
    starts` put ten articles about the House and a "start" above the one on housing starts
    (stems: "housing" is "hous", as "house" is). Matching is unchanged: the phrases only add
    their scores to the articles the words match (AndMaybe). As alternatives (an Or of the
    words and the phrases) they matched on their own: `crude oil tanker` found every article
    saying "crude oil", with or without a tanker."""
    def visit(node):
        if isinstance(node, Q.And) and len(node.subqueries) > 1:
            subs = [visit(c) for c in node.subqueries]
            words = [_unfielded_word(c) for c in subs]
            pairs = list(dict.fromkeys((a, b) for a, b in zip(words, words[1:]) if a and b))[:MAX_BIGRAMS]
            conj = Q.And(subs, boost=node.boost)
            if not pairs:
                return conj
            phrases = [Q.Phrase(f, list(pair), boost=PHRASE_BOOST) for pair in pairs for f in SEARCH_FIELDS]
            for p in phrases:
                p.proximity = True  # a scoring aid, not what was searched: snippets mark the words
            return Q.AndMaybe(conj, Q.Or(phrases))
        return node.apply(visit)

    return visit(q)


def read_query(qstring: str, gen) -> Q.Query:
    """A query string as a search reads it: parsed, fuzzy words expanded, entity fields made
    canonical, aliases expanded."""
    schema = gen.searcher.schema  # in memory; FileIndex.schema re-reads the TOC file each time
    q = parse(qstring, schema)
    _check_ranges(q, qstring)
    q = expand_fuzzy(q, gen, schema, qstring)
    q = expand_wildcards(q, gen, schema, qstring)
    q = join_figures(expand_acronyms(q, gen.searcher.reader()))
    try:
        q = expand_aliases(canonical_field_terms(q, gen), gen.entities, schema, gen.searcher.reader(),
                           lambda f, t: term_ids(gen.searcher, f, t, _term_cache(gen)))
    except NoSearchableWords:  # its capitalised stop words named no entity ("May")
        raise no_words(qstring) from None
    return proximity_boosted(q)


def any_clause(q: Q.Query) -> tuple[Q.Query, list[Q.Query]] | None:
    """`q` needing any one of its word clauses instead of all of them, and those clauses; None
    when it has not two to choose from. A word clause is what the search ANDed and looks for
    in the text fields: a word with its spellings, a phrase, a name with its aliases (`Ronald
    Reagan coup` is the name or the word, not "Ronald" or "Reagan" or "coup"). A NOT clause
    still excludes, a facet field or a date range typed in the query (`language:en`,
    `published:[2020 TO 2021]`) still filters, and the optional phrases of words typed
    together (proximity_boosted) still add their scores."""
    if isinstance(q, Q.AndMaybe):
        inner = any_clause(q.a)
        return None if inner is None else (Q.AndMaybe(inner[0], q.b), inner[1])
    if not isinstance(q, Q.And):
        return None
    words: list[Q.Query] = []
    kept: list[Q.Query] = []  # NOT clauses and filters typed in the query
    for c in q.subqueries:
        (words if not isinstance(c, Q.Not) and _word_clause(c) else kept).append(c)
    if len(words) < 2:
        return None
    joined = Q.Or(words, boost=q.boost)
    return (Q.And([joined, *kept]) if kept else joined), words


def _word_clause(node: Q.Query) -> bool:
    return any(getattr(leaf, "fieldname", None) in SEARCH_FIELDS for leaf in node.leaves())


_GROUPING = (BINARY_OPS - {"OR"}) | {"(", ")"}


def _grouped(qstring: str) -> bool:
    """Whether a query joins its words with its own AND, ANDNOT or parentheses: its operators
    then say what is required, and match=any leaves it as typed (`(oil AND gas) coal` is not
    any of oil, gas and coal; Whoosh's tree has flattened the ANDs by then). OR and NOT join
    nothing that any would undo."""
    return any(part in _GROUPING for part in _QUERY_PART_RE.findall(qstring))


def _any_words(q: Q.Query, qstring: str) -> tuple[Q.Query, list[Q.Query]] | None:
    """any_clause of the query `qstring` read as `q`, None where it groups its words itself
    (_grouped): the search match=any runs, and the one _any_words_total counts."""
    return None if _grouped(qstring) else any_clause(q)


def _read(qstring: str, gen, match: str) -> tuple[Q.Query, list[Q.Query]]:
    """read_query, with match="any" its word clauses joined by OR (_any_words), and those
    clauses: none for "all", and where there is nothing to join or the query groups its words
    itself."""
    q = read_query(qstring, gen)
    joined = _any_words(q, qstring) if match == "any" else None
    return joined if joined is not None else (q, [])


MAX_FUZZY_EDITS = 2


def _vocabulary(gen) -> Vocabulary | None:
    """The generation's spelling vocabulary (search/spelling.py), read once: None for an
    index written before it existed."""
    return gen.derive("vocabulary", lambda: Vocabulary.load(gen.path))


def _within(text: str, words: list[str], maxdist: int) -> list[tuple[str, int]]:
    """The `words` within `maxdist` edits of `text` (rapidfuzz's OSA distance, Whoosh's
    restricted Damerau-Levenshtein, computed in C over the list), with their distance, in
    list order: the candidates of a fuzzy word and of "did you mean"."""
    if not words:
        return []
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import cdist

    dist = cdist([text], words, scorer=OSA.distance, score_cutoff=maxdist, dtype=np.int32)[0]
    return [(words[i], int(dist[i])) for i in np.nonzero(dist <= maxdist)[0]]


_TILDE_WORD = re.compile(r"(\w+)~")


def expand_fuzzy(q: Q.Query, gen, schema, typed: str = "") -> Q.Query:
    """`petrolium~` finds "petroleum": a word with a tilde matches the indexed words within
    one edit (`~2`: two) that share its first letter (`~2/3`: its first three). Whoosh's
    FuzzyTerm would compute the distance in Python for every indexed term sharing the prefix;
    here the words are the generation's spelling vocabulary (search/spelling.py, as "did you
    mean" reads it) and rapidfuzz's OSA distance runs over them in C. Each word found
    becomes its indexed (stemmed) term. An index without a vocabulary keeps Whoosh's FuzzyTerm.

    The vocabulary's words are as written, so they are compared with the word as typed in
    `typed` (the query string), not with the stem the parser made of it: "earthqake" stems
    to "earthqak", two edits from "earthquake", and `earthqake~` found nothing."""
    fuzzy = [leaf for leaf in q.leaves() if isinstance(leaf, Q.FuzzyTerm)]
    if not fuzzy:
        return q
    for leaf in fuzzy:
        if leaf.maxdist > MAX_FUZZY_EDITS:
            raise QuerySyntaxError(f"'{leaf.text}~{leaf.maxdist}' allows too many edits (at most {MAX_FUZZY_EDITS})")
    vocabulary = _vocabulary(gen)
    if vocabulary is None:
        return q
    typed_words = list(dict.fromkeys(w.lower() for w in _TILDE_WORD.findall(typed)))

    def visit(node):
        if not isinstance(node, Q.FuzzyTerm):
            return node.apply(visit)
        if node.fieldname not in SEARCH_FIELDS:
            return node
        analyzer = schema[node.fieldname].analyzer
        as_typed = list(dict.fromkeys([w for w in typed_words if [t.text for t in analyzer(w)] == [node.text]] + [node.text]))
        terms = {node.text}
        for text in as_typed:
            words = vocabulary.with_prefix(node.fieldname, text[:max(1, node.prefixlength)])
            for word, _ in _within(text, words, node.maxdist)[:MAX_EXPANSION]:
                terms.update(t.text for t in analyzer(word))
        alts = [Q.Term(node.fieldname, t, boost=node.boost) for t in sorted(terms)]
        return alts[0] if len(alts) == 1 else Q.Or(alts)

    return visit(q)


_DOTTED = re.compile(r"(?:[a-z]\.){1,3}[a-z]")


def expand_acronyms(q: Q.Query, reader) -> Q.Query:
    """`US` also finds "U.S." and `U.S.` "US" (likewise UK and U.K., EU and E.U.): the
    analyzer keeps "U.S." as the term "u.s" and "US" as "US", so each found only its own
    spelling (QA: `US` missed 15 articles that write "U.S.", `U.S.` those that write "US").
    Only a spelling the index holds is added: "o.i.l" for every short word made each query
    a fifth slower (bench/scale.py)."""
    def visit(node):
        if not (isinstance(node, Q.Term) and node.fieldname in SEARCH_FIELDS):
            return node.apply(visit)
        text = node.text
        if _DOTTED.fullmatch(text):
            joined = text.replace(".", "")
            other = joined.upper() if joined.upper() in ACRONYM_STOPS else joined
        elif 2 <= len(text) <= 4 and text.isalpha() and text.isascii() and (text.islower() or text in ACRONYM_STOPS):
            other = ".".join(text.lower())
        else:
            return node
        if (node.fieldname, other) not in reader:
            return node
        return Q.Or([node, Q.Term(node.fieldname, other, boost=node.boost)])

    return visit(q)


def expand_wildcards(q: Q.Query, gen, schema, typed: str = "") -> Q.Query:
    """`operat*` finds "operation", "operations", "operating": a wildcard word matches the
    words as written (the generation's vocabulary, search/spelling.py), each of which then
    becomes its indexed (stemmed) term. Whoosh compares the pattern with the stems: "operation"
    is indexed as "oper", so `operat*` found 13 articles where "operations" alone is in 36,
    `generat*` missed "generation", and `*il` matched "available" ("avail") (QA). The pattern
    is taken as typed from `typed` (the parser stems a wildcard word: `ne?s` became `ne?`).
    An index without a vocabulary keeps Whoosh's matching."""
    wild = [leaf for leaf in q.leaves() if isinstance(leaf, (Q.Prefix, Q.Wildcard)) and leaf.fieldname in SEARCH_FIELDS]
    if not wild:
        return q
    vocabulary = _vocabulary(gen)
    if vocabulary is None:
        return q
    patterns = list(dict.fromkeys(w.split(":")[-1].lower().translate(FOLD_MAP) for w in _WILD_RE.findall(typed)))

    def as_typed(node) -> str:
        if isinstance(node, Q.Prefix):
            return node.text + "*"
        analyzer = schema[node.fieldname].analyzer
        for p in patterns:
            if p == node.text or [t.text for t in analyzer(p, tokenize=False, mode="query")] == [node.text]:
                return p
        return node.text

    def visit(node):
        if not (isinstance(node, (Q.Prefix, Q.Wildcard)) and node.fieldname in SEARCH_FIELDS):
            return node.apply(visit)
        pattern = as_typed(node)
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        regex = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern))
        analyzer = schema[node.fieldname].analyzer
        terms: set[str] = set()
        for word in vocabulary.with_prefix(node.fieldname, literal):
            if regex.fullmatch(word):
                terms.update(t.text for t in analyzer(word))
                if len(terms) > MAX_EXPANSION:
                    raise QuerySyntaxError(f"wildcard '{pattern}' matches too many words (more than {MAX_EXPANSION}): "
                                           "make it longer")
        # no word so written: a term no index holds (the pattern itself), which matches nothing
        alts = [Q.Term(node.fieldname, t, boost=node.boost) for t in sorted(terms) or [pattern]]
        return alts[0] if len(alts) == 1 else Q.Or(alts)

    return visit(q)


# ---------------------------------------------------------------------- search
@dataclass
class _Request:
    """A search read and checked: the generation it runs on, its query and filters parsed."""
    gen: Any
    searcher: Any
    typed: str  # the query as typed
    query: str  # as the parser reads it (_plain_query)
    q: Q.Query | None  # None: browsing (no words)
    fq: Q.Query | None  # the filters
    named: dict
    groups: dict
    sort: str  # browsing by "relevance" is newest first
    deadline: float
    # match=any: the clauses an article may have any of; by relevance, the articles with
    # more of them come first (a search for all the words would find those first)
    clauses: list = field(default_factory=list)

    @property
    def match(self) -> str:
        """The mode the search runs in: any needs clauses to join (_read)."""
        return "any" if self.clauses else "all"


def _request(archive: Archive, query: str, filters: dict[str, list[str]] | None, sort: str,
             page: int = 1, per_page: int = 1, match: str = "all") -> _Request:
    typed, query = query or "", _plain_query(query or "")
    if not query and INVISIBLE.sub("", typed).strip():  # "?" alone, read as punctuation, browsed everything
        raise QueryError("query has no searchable words")
    # values as the web form reads them: spaces around a value are not part of it, and an
    # empty value is no filter (it was "no article has year=" over an unfiltered result)
    filters = {k: vs for k, v in (filters or {}).items()
               if (vs := list(dict.fromkeys(x.strip() for x in v if isinstance(x, str) and x.strip())))}
    if "source" in filters:
        filters["source"] = list(dict.fromkeys(_source_name(archive, v) for v in filters["source"]))
    if any(not v.isascii() for vs in filters.values() for v in vs):
        from .ingest.decode import path_text

        # a byte that is not UTF-8 (`--filter source=$'\xff'`, which the OS gives as a lone
        # surrogate) as the indexer records a name that is not UTF-8: %XX, said so in "no article
        # has source=%FF" and in the JSON, where "\udcff" is no text a strict reader takes
        filters = {k: list(dict.fromkeys(path_text(v) for v in vs)) for k, vs in filters.items()}
    query = _source_folders_named(archive, query)
    sort = read_sort(sort)
    match = read_match(match)
    page, per_page = read_page(page), read_per_page(per_page)
    gen, searcher = archive.searcher()
    _entity_id_arrays(gen)
    named = _value_names(filters, gen)
    groups = _groups(named)
    fq = filter_query(groups)
    deadline = time.monotonic() + SEARCH_SECONDS
    q, clauses = None, []
    if query:
        q, clauses = _read(query, gen, match)
        bound_expansion(q, searcher.reader(), deadline)
    elif sort == "relevance":
        sort = "newest"  # browsing: newest first
    return _Request(gen, searcher, typed, query, q, fq, named, groups, sort, deadline, clauses)


def _source_name(archive: Archive, value: str) -> str:
    """A source filter's value, its source's name where it is a source's folder as `stats` and
    /status list them (`source=/data/seeds`: "seeds", the name the articles have; it found
    nothing, "No article has source=/data/seeds"). The path as typed: no disk is looked at."""
    from .ingest import source_names  # not on import: ingest reads this module's neighbours

    folder = value.rstrip("/") if len(value) > 1 else value
    sources = archive.store.sources()
    if folder not in sources:
        return value
    return source_names(sources, archive.store.source_names()).get(folder, value)


# a source's value in the query text: "quoted", 'quoted' or bare, or a group of them, (in brackets)
_SOURCE_VALUE = re.compile(r"""(?<![\w"])source:(\([^()]*\)|"[^"\r\n]+"|'[^'\r\n]+'|[^\s()"']+)""", re.I)
_GROUP_VALUE = re.compile(r"""(?<![\w"'])(?:"[^"\r\n]+"|'[^'\r\n]+'|[^\s()"']+)""")


def _source_folders_named(archive: Archive, qstring: str) -> str:
    """`qstring` with each `source:` value that is one of the index's source folders (as `stats`
    lists it) written as its source's name, as the `source=` filter reads it (_source_name):
    `source:/data/seeds` in the query found nothing, "No article has source:/data/seeds",
    where `--filter source=/data/seeds` found the 5 articles."""
    if "source:" not in qstring.lower():
        return qstring
    phrases = [m.span() for m in quoted.SPAN.finditer(qstring)]

    def written(typed: str) -> str | None:  # a folder's value as its source's name, else None
        value = typed[1:-1] if typed[0] in "\"'" else typed
        name = _source_name(archive, value)
        said = field_value("source", name) if name != value else None
        return said[len("source:"):] if said else None

    def named(m: re.Match) -> str:
        if any(a < m.start() < b for a, b in phrases):  # a phrase's words
            return m.group()
        if m.group(1)[0] == "(":  # `source:(/data/seeds OR /data/wire)`: each folder in it
            inner = _GROUP_VALUE.sub(lambda v: written(v.group()) or v.group(), m.group(1)[1:-1])
            return f"{m.group()[:-len(m.group(1))]}({inner})"
        value = written(m.group(1))
        return f"source:{value}" if value else m.group()

    return _SOURCE_VALUE.sub(named, qstring)


def _ranked(r: _Request, page: int, per_page: int) -> tuple[np.ndarray, list[tuple[int, float | None]]]:
    """Every matched document (a mask over the generation's docnums) and one page of them in
    order, as (docnum, score): by relevance from the posting arrays, or Whoosh's collector for
    the query shapes they do not replay; by date from a per-generation ordering. Browsing has
    no scores."""
    gen, searcher, q, fq, sort, deadline = r.gen, r.searcher, r.q, r.fq, r.sort, r.deadline
    if q is None:  # browsing (filters only): newest/oldest first
        mask = _live_mask(gen, searcher) if fq is None else _match_mask(gen, searcher, Q.And([Q.Every(), fq]), deadline)
        return mask, [(int(d), None) for d in _sorted_page(gen, searcher, mask, sort, page, per_page)]
    matched = Q.And([q, fq]) if fq is not None else q
    scored_q = q
    if fq is not None:
        # Filters join the query as zero-boost terms: the intersection leapfrogs through the
        # filter's postings instead of scoring every match of `q` and then dropping it
        # (Whoosh's `filter=`), and the scores are q's alone.
        zero = fq.copy()
        for leaf in zero.leaves():
            leaf.boost = 0.0
        scored_q = Q.And([q, zero])
    start = (page - 1) * per_page
    found = scored_docnums(searcher, scored_q, _term_cache(gen))
    if time.monotonic() > deadline:  # the array pass has no checkpoints of its own
        raise QueryTimeout()
    if found is not None:
        # Every match and its Whoosh score from the posting arrays (matching.scored_docnums).
        ids, scores = found
        live = _live_mask(gen, searcher)
        if len(live) == gen.facets.doc_count and (not len(ids) or ids[-1] < len(live)):
            keep = live[ids]
            ids, scores = ids[keep], scores[keep]
            mask = np.zeros(gen.facets.doc_count, dtype=bool)
            mask[ids] = True
            if sort == "relevance":
                tiers = _tiers(r)
                best = top_docs(ids, scores, page * per_page, None if tiers is None else tiers[ids])
                return mask, [(int(ids[i]), float(scores[i])) for i in best[start:]]
            return mask, [(int(d), None) for d in _sorted_page(gen, searcher, mask, sort, page, per_page)]
    return _match_mask(gen, searcher, matched, deadline), _whoosh_page(searcher, scored_q, sort, page, per_page, deadline,
                                                                       _tiers(r) if sort == "relevance" else None)


def _tiers(r: _Request) -> np.ndarray | None:
    """For match=any, how many of its clauses each document has (indexed by docnum): relevance
    ranks by it first. None for a search that needs all its clauses."""
    if not r.clauses:
        return None
    counts = np.zeros(r.gen.facets.doc_count, np.int16)
    for clause in r.clauses:
        counts += _match_mask(r.gen, r.searcher, clause, r.deadline)
    return counts


def every_match(archive: Archive, query: str = "", filters: dict[str, list[str]] | None = None,
                sort: str = "relevance", match: str = "all") -> tuple[int, Iterator[tuple[dict, float | None]]]:
    """Every article a search matches, in the order its pages show them, past the pages'
    limit (MAX_PAGE): the number, and an iterator of (stored fields, score). The same query,
    filters and sort as run_search, read the same way; the generation is the one current when
    called, to the end of the iteration. For exports (search.export)."""
    r = _request(archive, query, filters, sort, match=match)
    mask, ranked = _ranked(r, 1, max(1, r.gen.facets.doc_count))
    return int(mask.sum()), ((r.searcher.stored_fields(d), score) for d, score in ranked)


def query_marks(archive: Archive, query: str, text: str, mentions: list[dict] | None = None) -> list[tuple[int, int]]:
    """Where `text` (an article's clean text, with its `mentions`) matches the words of a
    search, as the results' snippets mark them: (start, end) spans in order, none for an
    empty query; QueryError for one that cannot run. The document page marks them, so that
    a reader who came from a search finds what it matched in a long article."""
    if not query or not query.strip():
        return []
    r = _request(archive, query, None, "relevance")
    if r.q is None or not text:
        return []
    return _Highlighter(r.q, r.searcher, r.searcher.schema["text"].analyzer, gen=r.gen).marks(text, mentions)


def document_matches(archive: Archive, query: str,
                     doc: dict[str, Any]) -> tuple[list[tuple[int, int]], QueryError | None]:
    """query_marks of a stored document (get_document), and why there are none when the search
    cannot run (the error, which a page words in its own labels: FilterValueError.naming):
    the document page, /api/doc?q= and `show --query` show the document still and say why
    nothing is marked."""
    try:
        return query_marks(archive, query, doc.get("text") or "", doc.get("mentions")), None
    except QueryError as exc:
        return [], exc


def run_search(
    archive: Archive,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    facets: list[str] | tuple[str, ...] | None = FACETS,
    page: int = 1,
    per_page: int = 10,
    sort: str = "relevance",
    facet_limit: int | None = None,
    match: str = "all",
) -> SearchResult:
    r = _request(archive, query, filters, sort, page, per_page, match)
    gen, searcher, typed, query, q, fq, groups, sort, deadline = (
        r.gen, r.searcher, r.typed, r.query, r.q, r.fq, r.groups, r.sort, r.deadline)
    schema = searcher.schema
    unmatched = [{**u, "in": "filter"} for u in unmatched_filters(_flat(groups), gen, lists=True)]
    filters = _shown_filters(r.named, gen)
    if q is not None:
        # a field value in the query text no article has (person:Goytta), as for a filter
        typed_terms: dict[str, list[str]] = {}
        for leaf in q.leaves():
            # not a blank value (`person:" "`): "no article has person ' '" offers nothing
            if isinstance(leaf, Q.Term) and leaf.fieldname in FACETS and leaf.text.strip() \
                    and leaf.text not in typed_terms.get(leaf.fieldname, []):
                typed_terms.setdefault(leaf.fieldname, []).append(leaf.text)
        for u in unmatched_filters(typed_terms, gen, lists=True):  # `source:notes,seeds` too
            spaced = spaced_value(u["facet"], u["value"], typed, gen)
            if spaced is not None:  # person:assimi goita: the quotes were left out
                u["suggestion"], u["replaces"] = spaced
            unmatched.append({**u, "in": "query"})
    unmatched = _finding_hints(r, unmatched)

    mask, page_hits = _ranked(r, page, per_page)
    total = int(mask.sum())
    if q is None:  # browsing: no scores, no highlights
        hits = [_hit(searcher.stored_fields(d), None) for d, _ in page_hits]
        counts = _browse_counts(gen, mask, facets, facet_limit) if fq is None else gen.facets.count_all(facets or (), mask, facet_limit)
        _count_alternatives(gen, searcher, None, groups, facets, facet_limit, counts, deadline)
        return SearchResult(query, total, page, per_page, hits, counts, None, filters, sort, _months(gen, searcher, mask),
                            unmatched, r.match, unfiltered_total=_unfiltered_total(r, total))

    marker = _Highlighter(q, searcher, schema["text"].analyzer, gen=gen)
    hits = [_hit(searcher.stored_fields(d), score, marker) for d, score in page_hits]

    counts = gen.facets.count_all(facets or (), mask, facet_limit)
    _count_alternatives(gen, searcher, q, groups, facets, facet_limit, counts, deadline)
    suggestion = None
    # with results, only for a NOT: a misspelt word there excludes nothing ("oil NOT reagn"),
    # and for any word: a misspelt word there adds nothing ("grain shipmints")
    if query and (total == 0 or _has_not(q) or r.clauses):
        # "Did you mean" must not lead from an empty page to another: of the corrections as
        # near as the first, the one that finds most ("whaet crop" is "wheat crop", 10
        # articles, not "what crop", 1, though "what" is in more articles). From a page whose
        # NOT excluded nothing it may: there the empty page is the answer to what was meant
        # ("junta NOT kieta" listed every junta article; each one names Keita)
        found = 0
        for candidate in _suggestions(searcher, query, schema, gen.derive("spelling_words", dict),
                                      _vocabulary(gen),
                                      per_word=1 if total else SUGGESTION_WORDS):
            if total:
                suggestion = candidate
                break
            n = _matches(gen, searcher, candidate, fq, deadline, r.match)
            if n > found:
                suggestion, found = candidate, n
        if suggestion is None and total == 0 and not any(u.get("replaces") for u in unmatched):
            suggestion = _quoted_name(gen, searcher, typed, fq, deadline)  # not twice: the hint has it
        if suggestion is None and total == 0:
            suggestion = _joined_alternatives(gen, searcher, typed, fq, deadline, r.match)
    return SearchResult(query, total, page, per_page, hits, counts, suggestion, filters, sort, _months(gen, searcher, mask),
                        unmatched, r.match, None if suggestion and not total else _any_words_total(r, q, total),
                        _unfiltered_total(r, total))


def _unfiltered_total(r: _Request, total: int) -> int | None:
    """How many articles the search finds without its filters, counted only when with them it
    finds none (else None, as when that took too long): "0 results for reagan with
    person=Mikhail Gorbachev" said nothing more, not whether the filter or the words had left
    nothing. One count for the page's "Search without the filters", the command line's line
    and the JSON of both (the JSON had none)."""
    if total or r.fq is None:
        return None
    try:
        return int((_match_mask(r.gen, r.searcher, r.q, r.deadline) if r.q is not None
                    else _live_mask(r.gen, r.searcher)).sum())
    except QueryTimeout:  # a courtesy, as any_words_total is: the result is given without it
        return None


def _finding_hints(r: _Request, unmatched: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`unmatched` (the values no article has) with each one's suggestion the nearest value
    that, put in its place, finds something with the rest of the search (the other values no
    article has left out of its filters), else none: "Did you mean Nigeria?" for `wheat` with
    location=Nigerria led to another empty page, as the query's "did you mean" may not."""
    missing = {(u["facet"], u["value"]) for u in unmatched if u["in"] == "filter"}

    def filters(facet: str = "", value: str = "", names: list[str] | None = None,
                more: list[list[str]] = ()) -> Q.Query | None:
        kept: dict[str, list[list[str]]] = {}
        for f, groups in r.groups.items():
            for g in groups:
                if f == facet and value in g:
                    g = [n for n in g if n != value] + (names or [])
                    kept.setdefault(f, []).extend(more)  # a list's other values, each a filter
                g = [n for n in g if (f, n) not in missing]
                if g:
                    kept.setdefault(f, []).append(g)
        return filter_query(kept)

    def finds(u: dict[str, Any], *values: str) -> bool:
        if u["in"] == "filter":
            names = [_value_names({u["facet"]: [v]}, r.gen)[u["facet"]][0][1] for v in values]
            query, fq = r.query, filters(u["facet"], u["value"], names[0], names[1:])
        else:
            query = replace_field_value(r.typed, u["facet"], u.get("replaces") or u["value"], *values)
            if query is None:  # a value the engine rewrote: the hint as it was
                return True
            query, fq = _plain_query(query), filters()
        return _matches(r.gen, r.searcher, query, fq, r.deadline, r.match) > 0

    out = []
    for u in unmatched:
        if u.get("values") and not finds(u, *u["values"]):
            # a list's values that exist, which with the rest of the search find nothing: offered,
            # `independence --filter 'person=Kelly Cahalan,nobody'` led to another empty page,
            # where `person=Kelly Cahalon` is offered nothing for it
            u = {k: v for k, v in u.items() if k not in ("values", "missing")}
        if u["suggestion"]:
            tried = [u["suggestion"]] if u.get("replaces") else nearest_values(u["facet"], u["value"], r.gen)
            found = next((v for v in tried if finds(u, v)), None)
            if found != u["suggestion"]:
                u = {k: v for k, v in u.items() if k != "replaces" or found is not None}
                u["suggestion"] = found
        out.append(u)
    return out


def _any_words_total(r: _Request, q: Q.Query, total: int) -> int | None:
    """How many articles a search for all of its words would find with any of them (match=any),
    where it found fewer than FEW_RESULTS and any finds more; else None."""
    if r.match != "all" or total >= FEW_RESULTS or (joined := _any_words(q, r.query)) is None:
        return None
    anyq = joined[0]
    try:
        n = int(_match_mask(r.gen, r.searcher, Q.And([anyq, r.fq]) if r.fq is not None else anyq, r.deadline).sum())
    except QueryTimeout:  # a courtesy, as suggestions are: the page is shown without it
        return None
    return n if n > total else None


def _quoted_name(gen, searcher, typed: str, fq: Q.Query | None, deadline: float) -> str | None:
    """The query with a field's value and the words after it quoted, where that finds what the
    query did not: `person:ronald reagan` is the person "Ronald" (some article names one) and
    the word "reagan", an empty page (QA), where `person:"Ronald Reagan"` finds 50. (A value no
    article has gets this hint among the unmatched filters, spaced_value.)"""
    for m in _FIELD_VALUE.finditer(typed):  # as typed: the parsed value is already a name ("Ronald")
        field = m.group(1).lower()
        if field not in FACETS:
            continue
        spaced = spaced_value(field, m.group(2), typed, gen)
        if spaced is None:
            continue
        candidate = replace_field_value(typed, field, spaced[1], spaced[0])
        if candidate is not None and candidate != typed and _matches(gen, searcher, candidate, fq, deadline):
            return candidate
    return None


# words joined by a slash or a bar, letters only ("Goita/Goyta", "Goita|Goyta"; not "1987/88"),
# a field's name before them or not; each two letters or more: a letter alone is an
# abbreviation's (`km/h`, `s/he`, `w/o`, `n/a`), no spelling of a word; and capitals alone on
# each side are a pair of acronyms that names one thing (`TCP/IP`, `HIV/AIDS`, `AC/DC`), no two
# spellings: `TCP/IP` was offered "TCP OR IP"
_JOINED = re.compile(r"(\w+:)?([^\W\d_]{2,}(?:[/|][^\W\d_]{2,})+)")


def _joined_alternatives(gen, searcher, typed: str, fq: Q.Query | None, deadline: float, match: str) -> str | None:
    """The query with words joined by a slash or a bar written as alternatives, where that
    finds what the query did not: `Goita/Goyta`, as notes write a name's spellings, is read as
    the phrase "goita goyta" (as `AC/DC` is, which finds it), an empty page with nothing offered
    but "use OR between alternatives"; `Goita OR Goyta` finds both (`coup (Goita OR Goyta)`
    with other words; `person:Goita/Goyta`, `person:Goita OR person:Goyta`). A quoted phrase and
    an operator are left as typed. Capitals on every side are acronyms naming one thing (`TCP/IP`,
    `ECOWAS/AU`), but for names of people the index knows (`GOITA/GOYTA`, typed as a headline is)."""
    out, changed = [], False
    tokens = re.findall(r'"[^"]*"?|\S+', typed)
    for token in tokens:
        joined = _JOINED.fullmatch(token)
        parts = re.split(r"[/|]", joined.group(2)) if joined else []
        if joined and not any(p.upper() in OPERATORS for p in parts) and \
                (not all(p.isupper() for p in parts) or all(_a_person(gen, p) for p in parts)):
            alternatives = " OR ".join((joined.group(1) or "") + p for p in parts)
            token, changed = alternatives if len(tokens) == 1 else f"({alternatives})", True
        out.append(token)
    if not changed:
        return None
    candidate = " ".join(out)
    return candidate if _matches(gen, searcher, candidate, fq, deadline, match) else None


def _a_person(gen, word: str) -> bool:
    """Whether `word` is a spelling of a person the index knows: a name, no acronym."""
    return gen.entities is not None and any(e.type == "person" for e in gen.entities.lookup_alias(word))


_FIELD_VALUE = re.compile(r'(?<![\w"])(\w+):([^\s:()"\[\]{}*?~^]+)(?=\s)')


def _whoosh_page(searcher, scored_q: Q.Query, sort: str, page: int, per_page: int, deadline: float,
                 tiers: np.ndarray | None = None) -> list[tuple[int, float | None]]:
    """One page of (docnum, score) from Whoosh's collector: the queries scored_docnums does not
    replay. `tiers` (by relevance): ranked by it first (_tiers), over every match."""
    kwargs: dict[str, Any] = {"limit": page * per_page if tiers is None else None}
    if sort != "relevance":
        kwargs["sortedby"] = sorting.MultiFacet([
            sorting.FieldFacet("dated", reverse=True),
            sorting.FieldFacet("published", reverse=sort == "newest"),
            # within a day (dates are days), the order they were indexed in, or its reverse (_sorted_page)
            sorting.FunctionFacet(lambda _s, docnum: -docnum if sort == "newest" else docnum),
        ])
    collector = collectors.TimeLimitCollector(searcher.collector(**kwargs), max(0.05, deadline - time.monotonic()), use_alarm=False)
    try:
        searcher.search_with_collector(scored_q, collector)
    except collectors.TimeLimit:
        raise QueryTimeout() from None
    results = collector.results()
    if tiers is not None:
        ranked = sorted(((h.docnum, h.score) for h in results), key=lambda d: (-int(tiers[d[0]]), -d[1], d[0]))
        return ranked[(page - 1) * per_page: page * per_page]
    return [(h.docnum, h.score if sort == "relevance" else None) for h in results[(page - 1) * per_page: page * per_page]]


def _term_cache(gen) -> TermCache:
    return gen.derive("term_cache", TermCache)


def _count_alternatives(gen, searcher, q: Q.Query | None, groups: dict, facets, facet_limit: int | None,
                        counts: dict, deadline: float) -> None:
    """A filtered one-value facet (source, language, year, translated) counted without its
    own filter: its values are alternatives (OR), so each count is what a click adds, and
    2021 stays on offer while 2020 is chosen. Counted within the results, the facet would
    list only the chosen value. Entity facets narrow, so their counts stay the results'."""
    for f in facets or ():
        if f in ENTITY_FACETS or not groups.get(f):
            continue
        rest = filter_query({k: v for k, v in groups.items() if k != f})
        if q is None and rest is None:
            counts[f] = _browse_counts(gen, _live_mask(gen, searcher), [f], facet_limit)[f]
            continue
        parts = [p for p in (q, rest) if p is not None]
        matched = parts[0] if len(parts) == 1 else Q.And(parts)
        counts[f] = gen.facets.count(f, _match_mask(gen, searcher, matched, deadline), facet_limit)


def _match_mask(gen, searcher, q: Q.Query, deadline: float) -> np.ndarray:
    """Every live document matching `q`, from posting blocks with NumPy (matching.match_docnums)."""
    mask = match_docnums(searcher, q, gen.facets.doc_count, lambda node: _docnums(searcher, node, deadline), _term_cache(gen))
    if time.monotonic() > deadline:
        raise QueryTimeout()
    return mask & _live_mask(gen, searcher)


def _sorted_page(gen, searcher, mask: np.ndarray, sort: str, page: int, per_page: int) -> np.ndarray:
    """Docnums of one page of the matched documents, dated first, newest (or oldest) first,
    then by docnum (newest first: the last indexed first, as a feed appends its latest; a
    day's wire stories came oldest first under "newest"): _whoosh_page's order, from a
    per-generation ordering instead of sorting every match per request."""
    def make() -> dict[str, np.ndarray]:
        raw, dated = _published_column(gen, searcher)
        stamp = np.where(dated, raw, 0).astype(np.int64)
        docnum = np.arange(len(raw))
        return {
            "newest": np.lexsort((-docnum, -stamp, ~dated)),
            "oldest": np.lexsort((docnum, stamp, ~dated)),
        }

    order = gen.derive("date_orders", make)["oldest" if sort == "oldest" else "newest"]
    if len(order) != len(mask):
        order = np.arange(len(mask))
    start = (page - 1) * per_page
    return order[mask[order]][start: start + per_page]


def _published_column(gen, searcher) -> tuple[np.ndarray, np.ndarray]:
    """The sortable `published` column (microseconds since 0001-01-01) and which documents
    are dated (undated ones hold the column's missing value), read once per generation."""
    def make() -> tuple[np.ndarray, np.ndarray]:
        # Per segment: Whoosh's MultiReader.column_reader leaves out a segment that has no
        # column (one where no article was dated), which shifts every later value; a
        # segment reader fills such a segment with the column's missing value instead.
        reader = searcher.reader()
        raw = np.full(reader.doc_count_all(), np.uint64(2**63), dtype=np.uint64)
        for leaf, base in reader.leaf_readers():
            n = leaf.doc_count_all()
            if n:  # an empty index's reader has no columns at all
                raw[base: base + n] = np.fromiter(leaf.column_reader("published", translate=False), dtype=np.uint64, count=n)
        return raw, raw < np.uint64(2**62)

    return gen.derive("published", make)


def _browse_counts(gen, mask: np.ndarray, facets, facet_limit: int | None) -> dict[str, list[dict[str, Any]]]:
    """Facet counts of browse-all (every live document): the same for every request on a
    generation, so counted once."""
    cache = gen.derive("browse_counts", dict)
    out = {}
    for f in facets or ():
        key = (f, facet_limit)
        if key not in cache:
            cache[key] = gen.facets.count(f, mask, facet_limit)
        out[f] = [dict(v) for v in cache[key]]  # callers may change what they get
    return out


def _months(gen, searcher, mask: np.ndarray) -> list[dict[str, Any]]:
    """Matched documents per publication month, from the sortable `published` column
    (microseconds since 0001-01-01; undated documents hold the column's missing value).
    Each document's month is kept per generation as a small code (0 = undated, else 1 +
    months since the archive's first month), so a request is one bincount: np.unique
    sorted every match, 6 ms for a browse of 95k articles."""
    def make() -> tuple[np.ndarray, int]:
        raw, dated = _published_column(gen, searcher)
        code = np.zeros(len(raw), dtype=np.int32)
        if not dated.any():
            return code, 0
        stamps = np.datetime64("0001-01-01", "us") + raw[dated].astype(np.int64).astype("timedelta64[us]")
        month = stamps.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
        first = int(month.min())
        code[dated] = month - first + 1
        return code, first

    code, first = gen.derive("month_codes", make)
    if len(code) != len(mask):
        return []
    counts = np.bincount(code[mask])
    return [{"value": str(np.datetime64(first + int(c) - 1, "M")), "count": int(counts[c])}
            for c in np.flatnonzero(counts) if c]


def _live_mask(gen, searcher) -> np.ndarray:
    return gen.derive("live_mask", lambda: docmask(searcher.reader().all_doc_ids(), gen.facets.doc_count))


_TOKEN_RE = re.compile(WORD_PATTERN)  # the text analyzer's tokenizer


def _word_spans(text: str):
    """The analyzer's words as (start, end, word): the tokenizer's, CJK runs in bigrams."""
    for m in _TOKEN_RE.finditer(text):
        word, start = m.group(), m.start()
        if word.isascii():
            yield start, m.end(), word
        else:
            for a, b, _ in cjk_index_pieces(word):  # what the index holds: unigrams too ("2021年")
                yield start + a, start + b, word[a:b]


# the end of a sentence, and the space after it: where a snippet may start or stop whole
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’)]?(?:\s+|$)|[。！？]|\n\s*")


def _wanted_leaves(q: Q.Query):
    """The query's leaves a match has, those under a NOT left out (the words it must not have)."""
    if isinstance(q, Q.Not) or getattr(q, "proximity", False):
        return
    if isinstance(q, Q.AndNot):
        yield from _wanted_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _wanted_leaves(child)


def _stop_word_nodes(q: Q.Query) -> Iterator[StopWords]:
    """The phrases of a query whose stop words its search checked."""
    if isinstance(q, StopWords):
        yield q
    elif not q.is_leaf():
        for child in q.children():
            yield from _stop_word_nodes(child)


def _near_marks(phrase: tuple[str, ...], slop: int, positions: list[list[tuple[int, int, str]]],
                starts: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The words of a phrase with a slop where they are the phrase, as Whoosh matches it
    (SpanNear2, ordered): each word 1 to `slop` positions after the one before. Each word is
    marked alone: what lies between is not the phrase's."""
    at = [{i for i, _ in starts.get(w, ())} for w in phrase]
    reach = [at[0]]  # the positions where the phrase's first k+1 words may end
    for k in range(1, len(phrase)):
        reach.append({p for p in at[k] if any(p - d in reach[-1] for d in range(1, slop + 1))})
    keep = [reach[-1]]  # of those, the positions the rest of the phrase follows
    for k in range(len(phrase) - 2, -1, -1):
        keep.insert(0, {p for p in reach[k] if any(p + d in keep[0] for d in range(1, slop + 1))})
    return [(a, b) for k, w in enumerate(phrase) for p in keep[k] for a, b, t in positions[p] if t == w]


class _Highlighter:
    """Snippets of the page shown, like Whoosh's highlighting (ContextFragmenter,
    MarkFormatter, top 2 fragments in text order) at a fraction of the cost.

    Whoosh re-analyses each hit's whole text through the stemming analyzer on every
    request (about 4 ms a hit, most of a query's time at 100k articles). Here one regex
    pass finds the words, a memo maps each word to its indexed term once per process,
    and the words whose term the query matched are marked. A phrase is marked where its
    words follow each other, as one mark ("Saudi Arabia"): its words were marked anywhere,
    "Saudi" of "Saudi Press Agency" too, and the snippet could miss the phrase itself. A
    phrase's stop words must be there as typed, as the search checked them ("Bank of England",
    not "bank in England" beside it). A phrase with a slop (`"saudi arabia"~3`) has each of its
    words marked where they are near enough to be the phrase (it marked every "Saudi"); one in
    Chinese or Japanese has its words marked.
    """

    def __init__(self, q: Q.Query, searcher, analyzer, fieldname: str = "text", gen=None):
        # The query's terms that exist in the index, wildcards expanded (Query.existing_terms
        # would do, but it reuses its `fieldname` argument as a loop variable and so drops
        # every field after the first). Title and text share the analyzer.
        reader, terms = searcher.reader(), set()
        phrases: set[tuple[tuple[str, ...], int, Any]] = set()  # words, slop, readings to check (Words, ...) | None
        checks = {id(leaf): (node.words, *node.others) for node in _stop_word_nodes(q) for leaf in node.child.leaves()}
        leaves = list(_wanted_leaves(q))  # "coup -russia" marked "Russia" on its documents' pages
        # entities the query asks for by their id (a name's alternative, expand_aliases): their
        # mentions are marked, so that an article found through one ("Reagan" for "Ronald
        # Reagan") shows why (QA: 55 of 60 such snippets had no mark)
        self.entities = {leaf.text for leaf in leaves if isinstance(leaf, Q.Term) and leaf.fieldname == "entity"}
        if gen is not None:  # `person:"Ronald Reagan"`: every entity filed under that facet value
            named = [(leaf.fieldname, leaf.text) for leaf in leaves
                     if isinstance(leaf, Q.Term) and leaf.fieldname in ENTITY_FACETS]
            if named:
                by_name = _ids_by_name(gen)
                self.entities.update(i for key in named for i in by_name.get(key, ()))
        try:
            for leaf in leaves:
                if getattr(leaf, "fieldname", None) in SEARCH_FIELDS and leaf.fieldname != fieldname:
                    continue  # `title:mali` marked every "Mali" of the text it did not search
                if (isinstance(leaf, Q.Phrase) and leaf.fieldname == fieldname and len(leaf.words) > 1
                        and not any(has_cjk(w) for w in leaf.words)):
                    # a run in no text is never found: nothing marked
                    phrases.add((tuple(leaf.words), max(1, leaf.slop), checks.get(id(leaf))))
                    continue
                for f, t in leaf.expanded_terms(reader, phrases=True):
                    if f == fieldname:
                        b = searcher.schema[f].to_bytes(t)
                        if (f, b) in reader:
                            terms.add(b.decode("utf-8") if isinstance(b, bytes) else str(b))
        except Exception:  # a query kind that cannot list its terms: no marks
            terms, phrases = set(), set()
        self.terms = terms
        self.phrases = phrases
        self.analyzer = analyzer

    def term(self, word: str) -> str:
        return word_term(self.analyzer, word)

    def marks(self, text: str, mentions: list[dict] | None = None) -> list[tuple[int, int]]:
        """The character spans to mark, in order, overlaps joined; `mentions`, the article's
        entity mentions (offsets into `text`), those of the query's entities too."""
        spans = list(_word_spans(text))
        words = [(a, b, self.term(word)) for a, b, word in spans]
        # other readings the index holds: a hyphenated word joined, at its last part's
        # position (JoiningTokenizer); a word with umlauts spelled without them, at its own
        joined = [(m.start(), m.end(), self.term(j)) for m in _HYPHENATED.finditer(text) if (j := _joined(m.group()))]
        joined += [(m.start(), m.end(), self.term("percent")) for m in PER_CENT.finditer(text)]
        joined += [(m.start(), m.end(), self.term(f"{m.group(1)}&{m.group(2)}")) for m in letters_and(text)]  # S and P
        if not text.isascii():
            joined += [(a, b, self.term(german)) for a, b, word in spans if (german := umlaut_spelling(word))]
        found: list[tuple[int, int]] = []
        if self.phrases:
            # the positions the index counts (stop words have none), each with its readings
            positions: list[list[tuple[int, int, str]]] = []
            at: dict[int, int] = {}  # a word's start -> its position
            for b, kind, a, t in sorted([(b, 0, a, t) for a, b, t in words if t] + [(b, 1, a, t) for a, b, t in joined if t]):
                if kind and positions and positions[-1][0][0] >= a:
                    positions[-1].append((a, b, t))  # "email" where "mail" is, "builtin" where "built" is
                    first = at.get(a)
                    if first is not None and first != len(positions) - 1:
                        positions[first].append((a, b, t))  # and where "e" is (JoiningTokenizer)
                else:
                    if not kind:
                        at[a] = len(positions)
                    positions.append([(a, b, t)])
            starts: dict[str, list[tuple[int, int]]] = {}
            for i, readings in enumerate(positions):
                for a, _, t in readings:
                    starts.setdefault(t, []).append((i, a))
            for phrase, slop, stops in self.phrases:
                if slop > 1:
                    found += _near_marks(phrase, slop, positions, starts)
                    continue
                n = len(phrase)
                for i, a in starts.get(phrase[0], ()):
                    if i + n > len(positions):
                        continue
                    last = [r[1] for r in positions[i + n - 1] if r[2] == phrase[-1]]
                    if last and all(any(r[2] == w for r in positions[i + k]) for k, w in enumerate(phrase[1:-1], 1)) \
                            and (stops is None or self._stops_there(text, positions, i, n, a, last[0], stops)):
                        found.append((a, last[0]))
        found += [(a, b) for a, b, t in words + joined if t in self.terms]
        if self.entities and mentions:
            found += [(m["start"], m["end"]) for m in mentions if m.get("entity") in self.entities
                      and text[m["start"]:m["end"]] == m.get("text")]  # offsets of this very text
        spans: list[tuple[int, int]] = []
        for a, b in sorted(found):
            if spans and a < spans[-1][1]:  # overlapping CJK bigrams, a word in a phrase: one mark
                spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
            else:
                spans.append((a, b))
        return spans

    def _stops_there(self, text: str, positions: list[list[tuple[int, int, str]]], i: int, n: int,
                     start: int, end: int, stops) -> bool:
        """Whether the run of positions i..i+n-1 (characters start..end) is the phrase with its
        stop words (`stops`, its readings): the text between the words before and after the
        run (stop words have no position) holds one. A joined word ("e-mail") is at two
        positions: the words before and after are those wholly outside the run."""
        lo = max((r[1] for p in positions[max(0, i - MAX_JOINED_PARTS):i] for r in p if r[1] <= start), default=0)
        hi = min((r[0] for p in positions[i + n:i + n + MAX_JOINED_PARTS] for r in p if r[0] >= end), default=len(text))
        return any(occurs(text[lo:hi], words, self.analyzer) for words in stops)

    def __call__(self, text: str, top: int = 2, maxchars: int = SNIPPET_CHARS, surround: int = 60,
                 mentions: list[dict] | None = None) -> str:
        if not (self.terms or self.phrases or (self.entities and mentions)) or not text:
            return ""
        spans = self.marks(text, mentions)
        if not spans:
            return ""
        frags: list[list[tuple[int, int]]] = [[spans[0]]]
        for sp in spans[1:]:
            cur = frags[-1]
            if sp[0] - surround <= cur[-1][1] + surround and sp[1] + surround - (cur[0][0] - surround) <= maxchars:
                cur.append(sp)
            else:
                frags.append([sp])
        best = sorted(sorted(range(len(frags)), key=lambda i: -len(frags[i]))[:top])
        windows: list[tuple[int, int]] = []
        for i in best:
            marks = frags[i]
            start, end = max(0, marks[0][0] - surround), min(len(text), marks[-1][1] + surround)
            # from the start of the marks' sentence and to its end where they are near (twice the
            # surround, the window no longer than maxchars), else from and to a whole word (text
            # without spaces, Chinese or Japanese, is cut anywhere)
            if start > 0:
                back = max(0, marks[0][0] - 2 * surround)
                opening = [m.end() for m in _SENTENCE_END.finditer(text, back, marks[0][0])]
                sp = text.find(" ", start, marks[0][0])
                start = opening[-1] if opening and end - opening[-1] <= maxchars \
                    else sp + 1 if sp >= 0 else start if has_cjk(text[start:marks[0][0]]) else marks[0][0]
            if end < len(text):
                closing = _SENTENCE_END.search(text, marks[-1][1], min(len(text), marks[-1][1] + 2 * surround))
                close = closing.start() + len(closing.group().rstrip()) if closing else 0
                sp = text.rfind(" ", marks[-1][1], end)
                end = close if closing and close - start <= maxchars \
                    else sp if sp >= 0 else end if has_cjk(text[marks[-1][1]:end]) else marks[-1][1]
            if windows and start <= windows[-1][1] + 1:
                # fragments split only by their length can overlap in their context: one
                # passage, or its words show twice with a "…" between them as if elided (QA)
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        out = []
        for start, end in windows:
            # every match inside the window, not only its fragment's: a window widened to its
            # sentences showed matches there unmarked (helper review: 20 in the top 30 of 16 queries)
            parts, pos = [], start
            for a, b in spans[bisect.bisect_left(spans, (start, start)):]:
                if b > end:
                    break
                parts.append(escape(text[pos:a], quote=False))
                parts.append("<mark>%s</mark>" % escape(text[a:b], quote=False))
                pos = b
            parts.append(escape(text[pos:end], quote=False))
            out.append("".join(parts).strip())
        # what the snippet leaves out of the text is shown elided, before and after too, unless
        # it is cut where a sentence starts or ends
        first, last = windows[0][0], windows[-1][1]
        lead = "… " if first > 0 and not _SENTENCE_END.search(text, max(0, first - 3), first) else ""
        tail = " …" if last < len(text) and text[last - 1] not in ".!?\"”’)。！？" and text[last] != "\n" else ""
        return lead + MarkFormatter.between.join(out) + tail


def _hit(fields: dict, score: float | None, marker: "_Highlighter | None" = None) -> Hit:
    """One result from its stored fields: highlighted by `marker` when the query has words,
    else the text's start; `score` None when not ranked by relevance."""
    import json

    doc = json.loads(fields.get("doc") or "{}")
    text = fields.get("text") or ""
    snippet = marker(text, mentions=doc.get("mentions")) if marker is not None else ""
    if not snippet:
        snippet = escape(text[:SNIPPET_CHARS], quote=False) + ("…" if len(text) > SNIPPET_CHARS else "")
    return Hit(
        id=fields["id"],
        title=fields.get("title") or fields["id"],
        url=fields.get("url") or "",
        source=doc.get("source", ""),
        published=doc.get("published"),
        language=doc.get("language", "unknown"),
        score=round(float(score), 4) if score is not None else None,
        snippet=snippet,
        translated=(doc.get("translation") or {}).get("label"),
    )


def _matches(gen, searcher, qstring: str, fq: Q.Query | None, deadline: float, match: str = "all") -> int:
    """How many documents `qstring`, read as run_search reads a query, finds under the
    filters. The corrector's words come from every indexed document, so its correction may
    match nothing the filters allow, or (after documents were removed) nothing at all."""
    try:
        q = _read(qstring, gen, match)[0] if qstring.strip() else Q.Every()  # browsing: the filters alone
        return int(_match_mask(gen, searcher, Q.And([q, fq]) if fq is not None else q, deadline).sum())
    except (QueryError, QueryTimeout):
        return 0


def _has_not(q: Q.Query) -> bool:
    return isinstance(q, Q.Not) or any(_has_not(c) for c in q.children())


def _suggest(searcher, qstring: str, schema, words: dict | None = None, vocabulary: Vocabulary | None = None) -> str | None:
    """"Did you mean": `qstring` with each word that is in no search field (neither its
    indexed term nor the word itself) replaced by the nearest indexed word (_Corrector);
    the words that are in the index stay as typed. None when no word changes."""
    found = _suggestions(searcher, qstring, schema, words, vocabulary, per_word=1)
    return found[0] if found else None


SUGGESTION_WORDS = 3  # the nearest indexed words tried for each misspelt word
SUGGESTION_TRIES = 8  # corrected queries tried at most, for the one that finds most


def _suggestions(searcher, qstring: str, schema, words: dict | None = None, vocabulary: Vocabulary | None = None,
                 per_word: int = SUGGESTION_WORDS, limit: int = SUGGESTION_TRIES) -> list[str]:
    """Corrections of `qstring`, the likeliest first: each misspelt word's nearest indexed
    words (_suggest's first), combined in order of their ranks summed: "whaet crop" is
    "what crop", then "wheat crop", as near (run_search offers the one that finds most)."""
    try:
        # not normalised: a word the analyzer splits ("militray-junta") is a Phrase that keeps
        # the word's place in the string only as parsed (normalising copies it without)
        read = _caps_stop_words(qstring)  # as the search read it ("COUP IN MALLI": IN a stop word)
        q = _with_word_ranges(MultifieldParser(list(SEARCH_FIELDS), schema).parse(read, normalize=False),
                              read, schema)
        spans = _QueryCorrector(searcher.reader(), schema, words if words is not None else {},
                                vocabulary).misspelt(q, qstring, per_word)
    except Exception:  # suggestions are a courtesy: never fail a search for them
        return []
    if not spans:
        return []
    out: list[str] = []
    for ranks in cheapest_combinations([len(sugs) for *_, sugs in spans], limit):
        text, last = [], 0
        for (start, end, typed, sugs), r in zip(spans, ranks):
            text += [qstring[last:start], _cased_like(typed, sugs[r])]
            last = end
        candidate = "".join(text) + qstring[last:]
        if candidate.lower() != qstring.lower() and candidate not in out:
            out.append(candidate)
    return out


def cheapest_combinations(sizes: list[int], limit: int) -> list[tuple[int, ...]]:
    """The first `limit` rank tuples (one rank below each size) in order of their sum, then
    of the tuple: what sorting every combination gives, found best-first from all zeros, since
    raising one rank makes a later tuple. Sorting them all took 3**28 tuples for 28 misspelt
    words of a pasted ticker list (`AAPL OR MSFT OR ...`), and the memory of the machine."""
    if not sizes or min(sizes) < 1:
        return []
    start = (0,) * len(sizes)
    heap, seen, out = [(0, start)], {start}, []
    while heap and len(out) < limit:
        total, ranks = heapq.heappop(heap)
        out.append(ranks)
        for i, r in enumerate(ranks):
            if r + 1 < sizes[i]:
                nxt = ranks[:i] + (r + 1,) + ranks[i + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    heapq.heappush(heap, (total + 1, nxt))
    return out


def _with_word_ranges(q: Q.Query, qstring: str, schema) -> Q.Query:
    """Each Phrase made of one typed word the analyzer split ("militray-junta", "long-trem")
    gets the character range of each of its words, as a quoted phrase has them, so that
    its words are corrected one by one (they had no place in the string, and a typo in a
    hyphenated word got no suggestion). A stop word inside has no term and is passed over;
    the phrase is left as it is when its words cannot be paired one for one (a CJK run)."""
    for leaf in q.leaves():
        if not isinstance(leaf, Q.Phrase) or leaf.char_ranges or getattr(leaf, "startchar", None) is None:
            continue
        if leaf.fieldname not in SEARCH_FIELDS:
            continue
        start = leaf.startchar
        analyzer = schema[leaf.fieldname].analyzer
        ranges, texts = [], []
        for m in re.finditer(WORD_PATTERN, qstring[start:leaf.endchar]):
            terms = [t.text for t in analyzer(m.group())]
            if len(terms) > 1:
                break
            if terms:
                texts += terms
                ranges.append((start + m.start(), start + m.end()))
        if texts == list(leaf.words):
            leaf.char_ranges = ranges
    return q


class _QueryCorrector:
    """Corrects a query word by word, as typed. Whoosh's own (`Searcher.correct_query`,
    `SimpleQueryCorrector`) works per field term: with the query's words searched in title
    and text, a word found in the text but in no title ("opec") was corrected as a title
    word ("over"), and it corrects the stemmed term ("goverment" is "gover", whose nearest
    word is "give", not "government"). Here a word is corrected once, over every field the
    query searches it in, from the word as typed (folded as the vocabulary is, through
    `spellable_words`), and only if it is in none of them."""

    def __init__(self, reader, schema, words: dict, vocabulary: Vocabulary | None, prefix: int = 1, maxdist: int = 2):
        self.reader, self.schema, self.words, self.vocabulary = reader, schema, words, vocabulary
        self.prefix, self.maxdist = prefix, maxdist

    def _known(self, terms: list[tuple[str, str]], word: str) -> bool:
        """Whether the query word is in the index: its term in one of the fields it is
        searched in, or the word itself in one of their vocabularies (the spelling field,
        for an older index)."""
        reader = self.reader
        if any(term in reader for term in terms):
            return True
        fields = [f for f, _ in terms]
        if self.vocabulary is not None:
            return any(self.vocabulary.has(f, word) for f in fields)
        return any((self.schema[f].spelling_fieldname(f), word) in reader for f in fields)

    def misspelt(self, q, qstring: str, per_word: int) -> list[tuple[int, int, str, list[str]]]:
        """(start, end, the word as typed, its `per_word` nearest indexed words) for each
        word of `qstring` in no field it is searched in that has a suggestion, in order; the
        words after the first only as near as it ("whaet": "what" and "wheat", one edit each;
        "Moscw" is "Moscow", never "Most", two edits, where Moscow finds nothing)."""
        from rapidfuzz.distance import OSA

        out = []
        for t, sugs in self._corrections(q, qstring):
            if acronym(t.original):  # its letters are named, not sounded: only they may be offered
                nearest = [w for w in sugs if same_letters(t.word, w)]
                if not nearest:
                    continue
            else:
                best = OSA.distance(t.word, sugs[0])
                nearest = [w for w in sugs if OSA.distance(t.word, w) == best]
                if sounds_like(t.word, nearest[0]):  # then only those: "opek" is "opec", never "oper"
                    nearest = [w for w in nearest if sounds_like(t.word, w)]
            out.append((t.startchar, t.endchar, t.original, nearest[:per_word]))
        return out

    def _corrections(self, q, qstring):
        spans: dict[tuple[int, int], list] = {}  # one word of the query string: its term in each field
        for token in q.all_tokens():
            if token.fieldname in SEARCH_FIELDS and getattr(token, "startchar", None) is not None:
                spans.setdefault((token.startchar, token.endchar), []).append((token.fieldname, token.text))
        for (start, end), terms in sorted(spans.items()):
            # the word itself inside the span ("-moscw", "petrolium~"); none for "pric*"'s span
            found = list(re.finditer(WORD_PATTERN, qstring[start:end]))
            if len(found) != 1:
                continue
            typed = found[0].group()
            fields = tuple(dict.fromkeys(f for f, _ in terms))
            word = spellable_words(typed)
            if len(word) != 1 or any([t.text for t in self.schema[f].analyzer(typed)] != [text] for f, text in terms):
                continue  # a stop word, or not the word the term came from
            word = word.pop()
            if self._known(terms, word):
                continue
            sugs = _Corrector(self.reader, self.schema, fields, self.words, self.vocabulary).suggest(
                word, maxdist=min(self.maxdist, edits_for(word)), prefix=self.prefix)  # the first, as SimpleQueryCorrector takes it
            if not sugs:
                continue
            token = Token(text=_cased_like(typed, sugs[0]), original=typed, fieldname=fields[0], chars=True,
                          startchar=start + found[0].start(), endchar=start + found[0].end())
            token.word = word
            yield token, list(sugs)


# The edits a misspelt word may be from its correction, by its length, as Lucene's and
# Elasticsearch's "AUTO" fuzziness: two edits turn a short word into an unrelated one ("oil" is
# two from "one", "gas" from "gain": on an index of 5 articles `(oil OR gas) prices` was offered
# "(one OR gain) prime"), where a long word keeps its shape through two ("goverment").
SHORT_WORD, LONG_WORD = 3, 6


def edits_for(word: str) -> int:
    """How many edits from `word` a correction may be: none below SHORT_WORD letters, one
    below LONG_WORD, two from it."""
    return 0 if len(word) < SHORT_WORD else 1 if len(word) < LONG_WORD else 2


# A word typed in capitals up to this long is an acronym or a ticker (IBK, NATO, OPEC): each of
# its letters counts, and one letter off is another name, not a misspelling of it ("IBK", the
# International Banknote Co, was offered "IBC", another company; "NATO" was offered "NO")
ACRONYM_CHARS = 5


def acronym(typed: str) -> bool:
    """Whether a query word reads as an acronym: letters, all capitals, 2 to ACRONYM_CHARS."""
    return 2 <= len(typed) <= ACRONYM_CHARS and typed.isalpha() and typed.isupper()


def same_letters(typed: str, word: str) -> bool:
    """Whether `word` is `typed` with two letters side by side swapped ("icb": "ibc", not
    "cbi", another name) or a doubled letter once ("ibcc": "ibc"): the slips of a hand that
    an acronym's correction may fix."""
    typed, word = typed.lower(), word.lower()
    if len(typed) == len(word):
        return any(typed[:i] + typed[i + 1] + typed[i] + typed[i + 2:] == word != typed for i in range(len(typed) - 1))
    return len(typed) == len(word) + 1 and any(
        typed[i] == typed[i - 1] and typed[:i] + typed[i + 1:] == word for i in range(1, len(typed)))


def sounds_like(typed: str, word: str) -> bool:
    """The same Metaphone key: of two words as near in edits, the one that sounds as typed is
    the one meant. "opek" is "opec" (OPK), not "oper" (OPR), though the Reuters file's "Oper shr"
    puts "oper" in twice as many articles (319, against 145). Not for words beyond ASCII
    letters, which Metaphone's English rules do not read."""
    key = _sound(typed)
    return key is not None and key == _sound(word)


@lru_cache(maxsize=4096)
def _sound(word: str) -> str | None:
    """`word`'s Metaphone key, None beyond ASCII letters; cached: the typed word is compared
    with each of its candidates, and the candidates recur from query to query."""
    if not (word.isascii() and word.isalpha()):
        return None
    import jellyfish

    return jellyfish.metaphone(word)


def _cased_like(typed: str, word: str) -> str:
    """The suggested word in the case the user typed: "Goytta" -> "Goyta", "KREMLINN" ->
    "KREMLIN" (the vocabulary holds words lowercased, and "Assimi goyta" read oddly)."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class _Corrector(Corrector):
    """The indexed words nearest a misspelt word, ranked as Whoosh's ReaderCorrector says it
    ranks them (whoosh.spelling: "by the edit distance, then by highest to lowest
    frequency"), through Whoosh's `Corrector.suggest`.

    Written here rather than reused, for three reasons. ReaderCorrector's score puts
    `maxdist` where the word's distance belongs, so every candidate gets the same distance
    and the more frequent word wins however far it is ("putn" became "plan", two edits,
    before "putin", one); its frequency is that of the unstemmed word in the stemmed field,
    zero for a word whose stem differs ("prices" is indexed as "price"); and it computes
    the Damerau-Levenshtein distance in Python for every word sharing the prefix (about
    30 ms a misspelt word at 100k articles). Here rapidfuzz's OSA distance (the same
    restricted Damerau-Levenshtein: insertions, deletions, substitutions, transpositions)
    runs in C over a word list kept per generation, field and prefix in `words`, and the
    tie-break is the number of documents holding the word, which the vocabulary keeps.
    The words are the generation's `vocabulary` (search/spelling.py); an index written
    before it existed has Whoosh's spelling field. The candidates come from each of
    `fields`: a word searched in title and text is corrected once for both (Whoosh's
    MultiCorrector would merge them, but yields its pairs the wrong way round for
    `suggest`)."""

    def __init__(self, reader, schema, fields: tuple[str, ...], words: dict, vocabulary: Vocabulary | None = None):
        self.reader, self.schema, self.fields = reader, schema, fields
        self.words = words
        self.vocabulary = vocabulary

    def _words(self, field: str, prefix: str) -> list[str]:
        key = (field, prefix)
        words = self.words.get(key)
        if words is None:
            if self.vocabulary is not None:
                words = self.vocabulary.with_prefix(field, prefix)
            else:
                sugfield = self.schema[field].spelling_fieldname(field)
                from_bytes = self.reader.schema[sugfield].from_bytes
                words = [from_bytes(b) for b in self.reader.expand_prefix(sugfield, prefix)]
            self.words[key] = words
        return words

    def _suggestions(self, text, maxdist, prefix):
        near: dict[str, int] = {}
        for f in self.fields:
            near.update(_within(text, self._words(f, text[:prefix]), maxdist))
        near.pop(text, None)  # Corrector.suggest: "This word will not be added to the suggestions"
        for sug, d in near.items():
            # higher is better: fewer edits first, then a word that sounds as typed, then more
            # documents (0.4/df is at most 0.4, less than the sound's 0.5, and both together
            # less than one edit)
            yield 0 - (d + (0 if sounds_like(text, sug) else 0.5) + 0.4 / max(self._documents(sug), 1)), sug

    def _documents(self, word: str) -> int:
        """How many documents hold `word` (in the field that has it in most)."""
        vocabulary, reader = self.vocabulary, self.reader
        if vocabulary is not None and vocabulary.docs is not None:
            return max(vocabulary.doc_count(f, word) for f in self.fields)
        if vocabulary is None:  # Whoosh's spelling field: a posting per document holding the word
            return max(reader.doc_frequency(self.schema[f].spelling_fieldname(f), word) for f in self.fields)
        # a vocabulary written before the counts were kept: the documents of the word's indexed
        # term, which counts "puts" with every "put"
        return max((reader.doc_frequency(f, t.text) for f in self.fields for t in self.schema[f].analyzer(word)), default=0)


# ------------------------------------------------------------------- documents
def get_document(archive: Archive, doc_id: str) -> dict[str, Any] | None:
    """The stored record of one article, with its text and the other versions of its
    story in the archive (search.stories)."""
    import json

    from .stories import versions_of

    gen, searcher = archive.searcher()
    docnum = document_number(searcher, doc_id)
    if docnum is None:
        return None
    fields = searcher.stored_fields(docnum)
    rec = json.loads(fields.get("doc") or "{}")
    rec["text"] = fields.get("text", "")
    rec["title"] = fields.get("title", rec.get("title"))
    rec["versions"] = versions_of(gen, searcher, docnum)
    if rec.get("translation"):  # a score reads as high or low only beside them
        from . import translation_thresholds

        rec["translation_thresholds"] = translation_thresholds()
    # each entity as its filter takes it: the id keeps `person=` to that entity (a name such as
    # "Keita" names several), with the spellings and count the page shows beside it
    by_name = gen.derive("entities:by-name", lambda: {(e.type, e.name): e for e in getattr(gen.entities, "entities", None) or []})
    rec["entity_details"] = {
        etype: [{"name": name, "id": e.id if e else None, "aliases": [a for a in e.aliases if a != name] if e else [],
                 "documents": e.documents if e else None}
                for name in names for e in [by_name.get((etype, name))]]
        for etype, names in (rec.get("entities") or {}).items()}
    return rec


def id_forms(doc_id: str) -> list[str]:
    """`doc_id` as typed and in NFC and NFD, each once: an id of ASCII (most) is its own NFC and
    NFD, and a miss was looked up three times. A byte typed that is not UTF-8 (the OS gives it
    as a lone surrogate, "\\udcff", which Whoosh cannot encode: `show` stopped with an internal
    error) is looked up %XX, as the indexer records a file's name that is not UTF-8."""
    if not doc_id.isascii():
        from .ingest.decode import path_text

        doc_id = path_text(doc_id)
    return list(dict.fromkeys((doc_id, unicodedata.normalize("NFC", doc_id), unicodedata.normalize("NFD", doc_id))))


def document_number(searcher, doc_id: str) -> int | None:
    """The live document with this id, also when it is typed in the other Unicode
    normalisation: a file copied from a Mac names "Café" with a combining accent (NFD),
    which a typed or pasted "Café" (NFC) does not match byte for byte."""
    for form in id_forms(doc_id):
        docnum = searcher.document_number(id=form)
        if docnum is not None:
            return docnum
    return None


def values_containing(archive: Archive, facet: str, values: list[dict[str, Any]], contains: str) -> list[dict[str, Any]]:
    """The facet values (`{"value", "count"}`) one of whose spellings contains `contains`,
    ignoring case and accents: "goyta" and "goïta" find Assimi Goita, as his filter does."""
    from .entities.gazetteer import fold

    if not contains:
        return values
    needle, words = fold(contains), _typed_abbreviation(contains)
    spellings: dict[str, list[str]] = {}
    gen = archive.current()
    if facet in ENTITY_FACETS and gen.entities is not None:
        spellings = gen.derive(f"spellings:{facet}", lambda: {
            e.name: [fold(a) for a in (e.name, *e.aliases)] for e in gen.entities.entities if e.type == facet})
    elif facet == "language":  # as pages show it: "hebrew" finds "he"
        from .language import language_name

        spellings = {v["value"]: [fold(v["value"]), fold(language_name(v["value"]))] for v in values}
    return [v for v in values if any(_spelled_in(needle, s, words) for s in spellings.get(v["value"]) or [fold(v["value"])])]


def entities_containing(entities: list[dict[str, Any]], contains: str) -> list[dict[str, Any]]:
    """Entities (list_entities) one of whose spellings contains `contains`, ignoring case and accents."""
    from .entities.gazetteer import fold

    if not contains:
        return entities
    needle, words = fold(contains), _typed_abbreviation(contains)
    return [e for e in entities if any(_spelled_in(needle, fold(a), words) for a in (e["name"], *e["aliases"]))]


def _typed_abbreviation(typed: str) -> str | None:
    """How a typed needle with a dot or other mark inside a word ("U.S.", "e.g.", "O'Don")
    is found, folded ("us", "o don"): from the start of a word, not as letters inside others;
    and to the end of one where the typed text ends so ("U.S."), not where it may go on
    ("O'Don", typed as far as it goes: "O'Donnell"). None: anywhere."""
    if not re.search(r"\w[^\w\s]+\w", typed):
        return None
    return "whole" if re.search(r"[^\w\s]\s*$", typed) else "start"


def _spelled_in(needle: str, folded: str, words: str | None = None) -> bool:
    """Whether a folded spelling contains the folded `needle`: anywhere ("oita" finds Goita, "ma"
    Bamako), but an abbreviation from a word's start (`words` "start": "O'Don" finds Thomas
    O'Donnell, "E.F. Hut" E.F. Hutton, which "O'Don" folded to "o don" as whole words did not)
    or as whole words ("whole": "U.S." folds to "us", which Australia, House and Russia
    contain), and a needle with no letter or digit nowhere (">" listed every entity)."""
    if not needle:
        return False
    if words == "whole":
        return f" {needle} " in f" {folded} "
    return f" {needle}" in f" {folded}" if words == "start" else needle in folded


def list_entities(archive: Archive, type: str | None = None) -> list[dict[str, Any]]:
    gen = archive.current()
    if gen.entities is None:
        return []
    out = [
        {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "documents": e.documents}
        for e in gen.entities.entities
        if type is None or e.type == type
    ]
    out.sort(key=lambda e: (-e["documents"], e["name"].casefold(), e["name"]))  # "al-Qaeda" among the a's
    return out


def _documents_per_root(archive: Archive, gen_dir) -> dict[str, int] | None:
    """Articles per source in a generation's catalog (None for a generation written without
    one). A damaged one is a damaged index (IndexUnreadable): stats listed no source as
    having no article, silently, on a garbled catalog."""
    from .cache import catalog_counts_by_root
    from .lookup import from_catalog

    path = gen_dir / "catalog.sqlite"
    return from_catalog(archive, path, lambda: catalog_counts_by_root(path), None)


def stats(archive: Archive) -> dict[str, Any]:
    from .ingest.decode import path_text  # as the catalog writes a source

    gen, searcher = archive.searcher()
    live = _live_mask(gen, searcher)
    # A source folder whose name is not UTF-8 is recorded as the OS gives it, each such byte
    # a lone surrogate ("caf\udce9"), which no JSON consumer or UTF-8 writer takes: shown as
    # ids, `source` and `path` show it, each such byte %XX ("caf%E9"), a form `forget` takes.
    sources = [path_text(s) for s in archive.store.sources()]
    per_root = gen.derive("source_documents", lambda: _documents_per_root(archive, gen.path))
    unindexed = [s for s in sources if per_root is not None and not per_root.get(s)]
    runs, run_log_warning = archive.store.runs_read(last=5)
    return {
        "index": path_text(str(archive.store.path)),
        "generation": gen.name,
        "documents": int(live.sum()),
        "created": gen.manifest.get("created"),
        "sources": sources,
        # each source's articles in this generation (none for one written without a catalog): the
        # status page listed the sources with no count, and which source held what was nowhere
        "source_documents": {s: per_root.get(s, 0) for s in sources} if per_root is not None else {},
        # sources with no article in this generation: the run that added one did not finish
        # (killed, or it failed), or none of its files could be read; stats listed them as
        # any other source
        "unindexed_sources": unindexed,
        # why, where the run that built this generation read them (else a guess is all there is)
        "unindexed_why": why_unindexed(archive.store.path, gen.name, unindexed) if unindexed else {},
        "facets": {f: len(gen.facets.values.get(f, [])) for f in FACETS},
        "runs": runs,
        "run_log_warning": run_log_warning,  # None, or why the runs cannot all be listed
    }

"""The field a reader meant by a name the archive does not have: `date:1987` for `published:`,
`org:` for `organization:`, `persn:` for `person:`.

Readers bring field names from other engines and from the page in front of them ("date",
"place", "site", "lang"), and the query failed with a list of fields to choose from. A word
the archive knows under another name, or a near spelling of one of its own, is offered as a
correction the reader can take in one step; anything else is left to the list.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from .field_values import field_value
from .typed_dates import offered_date

# Other names for a field, each with the fields it may mean, the likelier first: a filter has
# no `published`, so its `date` is the year.
SYNONYMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("date", "dates", "day", "month", "when", "time", "pubdate", "published_date", "datetime"),
                    ("published", "year")),
    **dict.fromkeys(("people", "persons", "who", "name", "names", "per"), ("person",)),
    **dict.fromkeys(("org", "orgs", "organisation", "organisations", "organizations", "company", "companies"),
                    ("organization",)),
    **dict.fromkeys(("loc", "locations", "place", "places", "where", "country", "countries", "city", "cities",
                     "geo", "gpe"), ("location",)),
    **dict.fromkeys(("lang", "languages", "locale"), ("language",)),
    **dict.fromkeys(("body", "content", "contents", "article", "fulltext", "texts"), ("text",)),
    **dict.fromkeys(("headline", "headlines", "heading", "titles", "subject"), ("title",)),
    **dict.fromkeys(("site", "sites", "domain", "outlet", "publisher", "publication", "newspaper", "paper",
                     "feed", "url", "host", "website", "sources"), ("source",)),
    **dict.fromkeys(("years",), ("year",)),
    **dict.fromkeys(("mt", "translation", "machine_translated", "machine"), ("translated",)),
}

# How alike a typed name and a field's must be to be offered (difflib's ratio): "persn",
# "titel", "organisaton" are; "colour" and "location", "oil" and "id" are not.
CLOSE = 0.8
# Or one edit off a field's (rapidfuzz's OSA: a letter changed, added, dropped or two swapped),
# with its first letter and at least this many letters: `yeer` and `yaer` are, whose ratio
# against "year" is under CLOSE (`--filter yeer=1987` got the list of facets alone: review);
# "oil" and "id", "bear" and "year" are not.
ONE_EDIT_FROM = 4


def meant(name: str, fields: Sequence[str]) -> str | None:
    """The field of `fields` the reader likely meant by `name`, or None."""
    name = name.lower()
    if name in fields:
        return name
    for candidate in SYNONYMS.get(name, ()):
        if candidate in fields:
            return candidate
    close = difflib.get_close_matches(name, list(fields), n=1, cutoff=CLOSE)
    if close:
        return close[0]
    return next((f for f in fields if _one_edit(name, f)), None)


# A name that is a common English word (wordfreq's Zipf frequency, at least this) and no other
# name of a field is a word of its own, not a slip: `test=1` (Zipf 5.2) and `tile=` (3.7) are
# one letter from `text` and `title`; `persn`, `yeer`, `titel`, `txt` (under 3.2) are slips.
OWN_WORD_ZIPF = 3.5


def word_of_its_own(name: str, fields: Sequence[str]) -> bool:
    """Whether `name` is a word in its own right, not a field's name nor another name for one
    (SYNONYMS): a web address's parameter so named means something else (a developer's
    `test=1`, a cache-buster), and is ignored where a misspelt filter is refused."""
    from wordfreq import zipf_frequency

    name = name.lower()
    return name not in fields and name not in SYNONYMS and zipf_frequency(name, "en") >= OWN_WORD_ZIPF


def _one_edit(name: str, field: str) -> bool:
    from rapidfuzz.distance import OSA

    return len(name) >= ONE_EDIT_FROM and name[0] == field[0] and OSA.distance(name, field, score_cutoff=1) <= 1


# Fields of the query text that are no filter: a parameter or `--filter` so named was ignored
# on the web page, and refused with the facets alone on the command line.
QUERY_ONLY = ("published", "title", "text")


def filter_hint(name: str, value: str, facets: Sequence[str]) -> str:
    """What to say of a filter `name=value` that names no facet: the facet meant ("did you mean
    'year=2021'?"), or the query field to write a date, a title's or a text's words in
    (`date=2020-08-28`: "search it in the query, published:2020-08-28", where "year=2020-08-28",
    offered before, was refused in turn); "" when nothing is likely. With no value (`date=`, a
    form's empty field, `--filter title=`) the name alone: "did you mean 'year='?" and "search
    it in the query, title:" offered nothing to take."""
    # as every filter's value is read (the web's and --filter's strip it, and a facet's lookup
    # folds its spaces): 'source=Wire' finds the source "Wire<line break>" as the value typed does
    value = value.strip()
    field = meant(name, QUERY_ONLY)
    if open_at_both_ends(value) and "published" in (field, meant(name, ("published", *facets))):
        return f"'{value}', a range open at both ends, is {NO_FILTER}"  # it was offered the year filter
    # `date=2021` is the year filter, and `date=Mali` no date; `date=2020-08-28` is one, and so
    # is `date=20200828`, eight digits that read as a day (it was offered the year filter)
    dated = any(c.isdigit() for c in value) and (not value.isdigit() or len(value) == 8 and bool(offered_date(value)))
    if field and (field != "published" or name.lower() == "published" or dated):
        if not value:
            return f"'{field}' is a field of the query text: search it there, as {QUERY_ONLY_EXAMPLES[field]}"
        written = _query_written(field, value)
        refused, fixed = _refused_query(written)
        if not refused:
            return f"search it in the query, {written}"
        if fixed and field == "published":  # `date=[28/08/2020 TO 11/04/2021]`: the query's own offer
            return f"search it in the query, {fixed}"
        offered = offered_date(value) if field == "published" else None
        if offered:  # `date=1987/03/01`, `date=>=1987-03`: "is no date" where one reading is certain
            return f"search it in the query, published:{offered}"
        # `date=2020-13-45` was offered published:2020-13-45, a bad date in turn: the field, and
        # why, in one sentence, the value quoted once as given (the query's refusal quoted the
        # value written in quotes again, '"2020-08-28 TO 2020-09-01"', and its brackets and the
        # command line's stacked: "… (dates are …) (a filter is …)")
        if field == "published" and not _dates(value):
            return (f"'published' is a field of the query text, where '{value}' is no date: search it there "
                    f"as {DATE_FORMS}")
        return f"'{field}' is a field of the query text, where {refused}"
    facet = meant(name, facets)
    if facet and not value:
        return f"did you mean the filter '{facet}'?"
    refused = _refused_value(facet, value) if facet else None
    if refused:  # `yaer=1` was offered 'year=1', refused in turn (out of bounds): the name, and why
        # in a sentence of its own: "…, where a 'year' filter must be …?" named the filter twice
        return f"did you mean the filter '{facet}'? Its value {refused}"
    return f"did you mean '{facet}={value}'?" if facet else ""


# A range of dates open at both ends (`[* TO *]`, `[TO]`, `* TO *`, `*`, and with the query's
# braces of an exclusive end, `{* TO *}`): no date filters nothing
_OPEN_BOTH_ENDS = re.compile(r"[\[{]?\s*\*?\s*(?:(?i:TO)\s*\*?\s*)?[\]}]?")
NO_FILTER = "no filter: leave it out (published:[* TO *] in the query finds the articles that have a date)"


def open_at_both_ends(value: str) -> bool:
    """Whether the filter value `value` is a range of dates with neither end given."""
    return bool(re.search(r"\*|(?i:TO)", value)) and bool(_OPEN_BOTH_ENDS.fullmatch(value.strip()))


# How published: reads a date, for a value that is none (a filter's hint)
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD (published:2020-08-28), a range as published:[2020-01 TO 2020-06]"
# a range typed without its brackets: `--filter "date=2020-08-28 TO 2020-09-01"`, its "to" in any
# case as the query reads a range's (`date=2020 to 2021` was "'2020 to 2021' is no date")
_RANGE_TO = re.compile(r"\s+TO\s+", re.IGNORECASE)
_UNBRACKETED_RANGE = re.compile(r"[^\s\[\]]+" + _RANGE_TO.pattern + r"[^\s\[\]]+", re.IGNORECASE)


def _query_written(field: str, value: str) -> str:
    """`field:value` as a hint offers it (field_value): a range typed without its brackets in
    them, as the query reads a range (in quotes it was a bad date)."""
    if field == "published" and _UNBRACKETED_RANGE.fullmatch(value):
        return f"published:[{_RANGE_TO.sub(' TO ', value)}]"
    return field_value(field, value) or value  # a title's, a text's words: always written


def _dates(value: str) -> bool:
    """Whether every end of the range or the date `value` is a date published: reads."""
    from .query import _valid_date  # query imports this module

    return all(_valid_date(end) for end in _RANGE_TO.split(value.strip("[]").strip()))


def _refused_query(text: str) -> tuple[str | None, str | None]:
    """Why the query `text` would be refused (query.validate: a bad date, too long), or None,
    and the query its refusal offers (published:[2020-08-28 TO 2021-04-11] for a range of
    dates written 28/08/2020 TO 11/04/2021), or None."""
    from .query import QueryError, validate  # query imports this module

    try:
        validate(text)
    except QueryError as exc:
        return str(exc), getattr(exc, "suggestion", None)
    return None, None


def _refused_value(facet: str, value: str) -> str | None:
    """Why the value of `facet=value` would be refused in turn (year=1: "must be four digits,
    not '1'"; translated=yes, a value past the length bound), the filter's name left out, or
    None: a hint offers only a filter that would be taken."""
    from .query import FilterValueError, check_filter_bounds, check_filters  # query imports this module

    try:
        check_filter_bounds({facet: [value]})
        check_filters({facet: [value]})
    except FilterValueError as exc:  # one value: one error, of that value
        return exc.rest
    return None


def unknown_filter(name: str, value: str, facets: Sequence[str]) -> str:
    """The refusal of a filter `name=value` that names no facet, in the words the command line's
    `--filter` and the web's parameters share ("unknown filter 'yaer': did you mean
    'year=2021'?"; each adds what a filter is in its own terms): the command line said
    "'yaer=2021': did you mean …" where the API said "unknown filter 'yaer': …". "" when no
    hint is likely (filter_hint)."""
    hint = filter_hint(name, value, facets)
    return f"unknown filter '{name}': {hint}" if hint else ""


QUERY_ONLY_EXAMPLES = {"published": "published:2020-08-28", "title": "title:coup", "text": "text:coup"}

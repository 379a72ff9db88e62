"""Request arguments → engine arguments, and the links that change them.

`SearchState` is the search a page shows (query, filters, sort, page). Pages never build
query strings by hand: they ask the state for the URL of a changed copy (a filter
toggled, another page, another sort), so every link keeps everything else as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Request, abort, g, request, url_for
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items

from search import QueryError, fieldnames
from search.field_values import field_value
from search.filter_hints import replace_field_value
from search.query import (MAX_QUERY_CHARS, bad_filter_refusals, check_filter_bounds, check_filter_value, check_filter_values, named_together, query_too_long, read_entity_type,
                          read_match, read_page, read_per_page, read_sort, whole_number)
from search.schema import ENTITY_FACETS, FACETS

from .download import export_filename, search_words
from .labels import facet_label, value_label
from .paths import sent_on


# Every parameter a page reads, the facets' filters too: a name typed in any case is read as
# this one (`Page=2`, `Sort=oldest`, `Q=oil`), as `Person=Goyta` and a field in the query text
# (`Title:mali`) are; `Page=2` and `Per_Page=` were ignored, silently: page 1, of 10 (review)
PARAMETERS = frozenset(("q", "page", "per_page", "sort", "match", "format", "text", "type", "contains", *FACETS))


# Parameters that take one value (the facets' filters take several): given twice with two
# values, the first was used and the other dropped, silently (`?q=oil&q=gas` searched oil)
SINGLE_VALUED = tuple(sorted(PARAMETERS - set(FACETS))) + ("matches_from", "matches_to")


def check_single_values(args) -> None:
    """Refuse a single-valued parameter given twice with different values, on every route:
    which one was meant is not for the server to guess. The same value twice (a script that
    merged two parameter lists) is one value."""
    given = []  # each one given twice: `match` and `sort` both (two lists merged) named the first alone
    for name in SINGLE_VALUED:
        values = list(dict.fromkeys(args.getlist(name)))
        if len(values) < 2:
            continue
        shown = ", ".join(f"{name}={v[:50]}" for v in values[:5])
        alternatives = [f"({v.strip()})" if len(v.split()) > 1 else v.strip() for v in values[:5] if v.strip()]
        either = f"; to find any of them, search q={' OR '.join(alternatives)}" if name == "q" and len(alternatives) > 1 else ""
        given.append((f"'{name}' is given {len(values)} times ({shown})", either))
    if len(given) == 1:
        raise QueryError(f"{given[0][0]} and takes one value: give it once{given[0][1]}")
    if given:
        raise QueryError(f"{' and '.join(said for said, _ in given)}, each taking one value: give each once"
                         + "".join(either for _, either in given))


class Parameters(ImmutableMultiDict):
    """A request's parameters, each of PARAMETERS under its own name whatever its case; other
    names as sent (`_check_names` reads them)."""

    def __init__(self, mapping=None) -> None:
        if mapping is not None:
            mapping = [(_parameter_name(k), v) for k, v in iter_multi_items(mapping)]
        super().__init__(mapping)


def _parameter_name(name: str) -> str:
    lower = name.lower()
    return lower if lower in PARAMETERS else name


class ParametersRequest(Request):
    """The app's request: its `args` are Parameters."""

    parameter_storage_class = Parameters


def int_arg(args, name: str, default: int, low: int | None = None, high: int | None = None) -> int:
    """A whole-number argument (`page`, `per_page`) as every page reads it: empty is the
    default, as a form leaves it; anything but digits is refused, not guessed at."""
    raw = args.get(name, "")
    if raw == "":
        return default
    value = whole_number(raw, name)
    if low is not None and high is not None and not low <= value <= high:
        raise QueryError(f"{name} must be between {low:,} and {high:,}")
    return value


def _query(args) -> str:
    q = args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(query_too_long(q))
    return q.strip()


def _facet_values(args, facet: str) -> tuple[str, ...]:
    """A facet's filter values, its name in any case (`Person=Goyta`, `YEAR=2021`: as a facet
    field in the query, `PERSON:goyta`): a filter named in capitals was ignored, silently,
    and the results were unfiltered."""
    values = _given_values(args, facet)
    check_filter_values(facet, values)
    return values


def _given_values(args, facet: str) -> tuple[str, ...]:
    """A facet's filter values as given, unchecked, each once."""
    given = args.getlist(facet)  # Parameters: `Person=`, `PERSON=` are `person=`
    return tuple(dict.fromkeys(v.strip() for v in given if v.strip()))


# Parameters another route reads: on a search's page, its JSON twin or a facet's list of values,
# each was ignored, silently (`format=csv` gave a page of JSON, `type=person` and `contains=mal`
# every result), or refused as a misspelt filter (`text=1`: "search it in the query, text:1")
_EXPORT = ("/api/export reads it, which gives every result of a search, not a page of them, as JSON "
           "Lines or CSV (format=csv), each article's clean text too with text=1")
ELSEWHERE = {
    "format": _EXPORT,
    "text": _EXPORT,
    "type": ("the entity lists read it (/entities, /api/entities); to find the articles naming one, "
             "filter by person=, organization= or location="),
    "contains": ("the lists of a facet's values and of the entities read it (/facet/NAME, /entities and "
                 "their /api/ twins); the words to find go in q"),
}
TEXT_ON = ("1", "true", "yes", "on")  # an export's text=: the values that add the text
EXPORT_FLAG = (*TEXT_ON, "0", "false", "no", "off")


def _meant_elsewhere(name: str, value: str) -> bool:
    """Whether `name=value` is the parameter another route reads: `text=coup` is the query's
    field (_check_names says to search it there), `type=rss` a word of its own (a link's)."""
    value = value.strip().lower()
    if name == "text":
        return value in EXPORT_FLAG
    if name == "type":
        return value in ENTITY_FACETS
    return True


def _check_elsewhere(args, own: tuple[str, ...]) -> None:
    """Refuse a parameter another route reads, naming that route."""
    for name, where in ELSEWHERE.items():
        if name not in own and name in args and _meant_elsewhere(name, args.get(name)):
            raise QueryError(f"unknown parameter '{name}' here: {where}")


class LinkedQueryError(QueryError):
    """A refused request whose message names the URL that answers it (`link`, part of the
    message): the error page makes it a link, where it was text to copy; the JSON's text is
    the message alone. `answers`: each page that answers it, by its heading ("People"), which
    the error page lists in words beside the message's parameters."""

    def __init__(self, message: str, link: str, answers: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.link = link
        self.answers = answers


def check_entity_list_args(args, etype: str | None, per_page: int, facet_endpoint: str) -> None:
    """Refuse a search's parameters on the entity list (/entities, /api/entities), naming what to
    use instead: `q=coup`, `person=Goita`, `sort=` or `per_page=3` gave the whole archive's list
    as if they were not there, where someone may have asked for the entities of the articles
    coup finds. Those are the facet's values of that search (`facet_endpoint`, the list's
    twin: /facet/person?q=coup), counted in its articles; this list is the archive's, each
    entity with every spelling and the articles naming it, narrowed by `type` and `contains`."""
    _check_elsewhere(args, own=("type", "contains"))
    given = [(key, OTHER_NAMES.get(key.lower(), key)) for key in args if args.get(key, "").strip()]  # `q=`: none asked
    for key, name in given:
        if name in ("q", "match", *FACETS):
            search = {n: args.getlist(k) for n in ("q", "match", *FACETS) for k, m in given if m == n}
            where = url_for(facet_endpoint, name=etype or "person", **search)
            others = "" if etype else " (or organization, location)"
            answers = tuple((facet_label(f), url_for(facet_endpoint, name=f, **search)) for f in ([etype] if etype else ENTITY_FACETS))
            raise LinkedQueryError(f"unknown parameter '{key}' here: the entity list is the whole archive's, narrowed "
                                   f"by type= and contains= (a name); the entities of the articles a search finds are "
                                   f"its facet's values, counted in them: {where}{others}", link=where, answers=answers)
        if name == "sort":
            raise QueryError(f"unknown parameter '{key}' here: the entity list is in order of how many articles name "
                             "each, most first; sort= orders a search's results")
        if name in ("per_page", "page") and key != "page":
            raise QueryError(f"unknown parameter '{key}' here: the entity list's pages hold {per_page} entities "
                             "each: page=N (page=1 starts at the first)")


def export_text_arg(args) -> bool:
    """The export's `text` flag: 1, true, yes or on (any case) asks for each article's clean
    text, 0, false, no, off or nothing does not; another value (`text=all`) is refused, where
    it gave the rows without their text, silently."""
    value = args.get("text", "").strip().lower()
    if value and value not in EXPORT_FLAG:
        raise QueryError(f"text={args.get('text', '').strip()[:50]!r} is not a flag: text=1 adds each article's "
                         "clean text to its row, text=0 (or none) leaves it out")
    return value in TEXT_ON


def _check_names(args, own: tuple[str, ...] = ()) -> None:
    """Refuse a parameter named like a filter it is not (`org=OPEC`, `place=`, `lang=`,
    `date=`, `persn=`): ignored, it gave the unfiltered results with nothing to say so (the
    command line and a field in the query text say "did you mean"). Other names (a tracking
    `utm_source` a link picked up) are left alone, and so is a word of its own one letter
    from a field's name (`test=1` was refused as a misspelt `text`)."""
    refused = []
    for key in args:
        if key in FACETS or key in own:  # `own`: the endpoint's own (an export's `text=1`)
            continue
        if fieldnames.word_of_its_own(key, (*FACETS, *fieldnames.QUERY_ONLY)):
            continue
        # a field of the query text too (`published=`, `title=`: ignored, they filtered nothing)
        refusal = fieldnames.unknown_filter(key, args.get(key, ""), FACETS)
        if refusal:
            refused.append(refusal)
    if refused:  # every one named (the first alone was), as the command line names them, and
        # the values the engine would refuse next (year=21)
        refused = bad_filter_refusals(refused, {f: _given_values(args, f) for f in FACETS if f in args})
        raise QueryError(f"{named_together(refused)} (filters: {', '.join(FACETS)})")


# Other names for a page's parameters: the command line's (`limit=3`, as `search --limit 3`) and
# other search APIs' (`query=`, `size=`, `offset=`). Each was ignored, silently: `limit=3` gave
# pages of 10 to a script counting pages of 3, and `query=oil` browsed the whole archive, an
# answer that looked like oil's
OTHER_NAMES = {"limit": "per_page", "size": "per_page", "page_size": "per_page", "rows": "per_page",
               "query": "q", "search": "q", "keywords": "q", "offset": "page", "start": "page"}
CLI_NAMES = ("limit",)


CLI_FILTER_HELP = " (the command line's --filter: here each filter is a parameter named by its facet)"


def _cli_filter(key: str, values: list[str]) -> str:
    """The refusal of `filter=source=reuters`, the command line's `--filter source=reuters` in a
    URL: ignored, it gave every result, unfiltered, and nothing said so. Here a filter is a
    parameter named by its facet: `source=reuters`, offered when every value names one."""
    meant = [f"{facet.strip().lower()}={value}" for facet, eq, value in (v.partition("=") for v in values)
             if eq and facet.strip().lower() in FACETS]
    if meant and len(meant) == len(values):
        return f"unknown parameter '{key}': did you mean '{'&'.join(meant)}'?{CLI_FILTER_HELP}"
    return (f"unknown parameter '{key}': here each filter is a parameter named by its facet, source=VALUE "
            f"(the command line's --filter FACET=VALUE; facets: {', '.join(FACETS)})")


def _check_other_names(args, paged: bool = True) -> None:
    """Refuse a parameter named as the command line or another API names one of ours, with the
    one meant here; where there are no pages (an export, a facet's values), a page's size or
    offset saying so: `limit=100` there gave every result, silently."""
    cli = [key for key in args if key.lower() in ("filter", "filters")]
    if cli:  # each named (`Filter=` and `filter=`: the second's values were left unsaid), the help
        # said once, as a bad filter's list of filters is (it followed each): after them all, or
        # by a key none of whose values names a facet, whose refusal says it in its own words
        refused = [_cli_filter(key, args.getlist(key)) for key in cli]
        helped = all(r.endswith(CLI_FILTER_HELP) for r in refused)
        raise QueryError(named_together([r.removesuffix(CLI_FILTER_HELP) for r in refused]) + CLI_FILTER_HELP * helped)
    for key in args:
        meant = OTHER_NAMES.get(key.lower())
        if meant is None:
            continue
        value = args.get(key, "")
        if meant != "q" and not paged:
            raise QueryError(f"unknown parameter '{key}': an export or a facet's list gives everything it finds, "
                             "with no limit and no pages (page and per_page are not read here)")
        if meant == "page":
            raise QueryError(f"unknown parameter '{key}': results are read by page: page=N, of per_page results "
                             f"(page=1 starts at the first)")
        where = f" (the command line's --{key.lower()})" if key.lower() in CLI_NAMES else ""
        raise QueryError(f"unknown parameter '{key}': did you mean '{meant}={value}'?{where}")


def _sort(args) -> str:
    return read_sort(args.get("sort", ""))


def _match(args) -> str:
    return read_match(args.get("match", ""))


def _page(args) -> int:
    """The engine's reading (read_page), as `--page` is read: empty is page 1, as a form leaves it."""
    raw = args.get("page", "")
    return 1 if raw == "" else read_page(raw)


def _per_page(args) -> int:
    raw = args.get("per_page", "")
    return 10 if raw == "" else read_per_page(raw)


def _valid_value(facet: str, value: str) -> bool:
    check_filter_value(facet, value)
    return True


def _checked_filters(args) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Each facet's filter values a search can use, and "facet=value" for each it cannot
    (year=21): one pass, for the error page's box and its link without them."""
    kept: dict[str, tuple[str, ...]] = {}
    refused: list[str] = []
    for f in FACETS:
        values = _or((), _facet_values, args, f)
        kept[f] = tuple(v for v in values if _or(False, _valid_value, f, v))
        refused += [f"{f}={v}" for v in values if v not in kept[f]]
    return kept, refused


def _shown_value(value: str, limit: int = 50) -> str:
    """A refused parameter's value as a link names it: cut past `limit` characters."""
    value = value.strip()
    return value if len(value) <= limit else value[:limit] + "…"


def _or(default: Any, read, *args: Any) -> Any:
    """`read(*args)`, or `default` when the request's value is refused."""
    try:
        return read(*args)
    except QueryError:
        return default


def _readings(read, args, name: str) -> tuple[list[Any], list[str]]:
    """The readings of a setting's values (`read`: _sort, _page, ...) and the values it refuses,
    each value once: `sort=date&sort=newest` (refused, given twice) was read by its first alone,
    and its error page's "Search without sort=date" dropped the valid newest too."""
    readings, refused = [], []
    for value in dict.fromkeys(args.getlist(name)) or [""]:
        try:
            readings.append(read({name: value}))
        except QueryError:
            refused.append(value)
    return readings, refused


def _settings(paged: bool) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """The settings of a search and their readers; `paged=False`: of a page with no pages,
    which reads no page or per_page."""
    return (("sort", _sort), ("match", _match)) + ((("page", _page), ("per_page", _per_page)) if paged else ())


def _kept(default: Any, read, args, name: str) -> Any:
    """The setting a refused search keeps: its first value that reads, else `default`."""
    return next(iter(_readings(read, args, name)[0]), default)


@dataclass(frozen=True)
class SearchState:
    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    match: str = "all"  # or "any": an article needs only one of the query's words

    @classmethod
    def from_request(cls, req: Request, paged: bool = True, own: tuple[str, ...] = ()) -> "SearchState":
        """`paged=False`: a request for every result or value (an export, a facet's values)
        has no pages: its `page` and `per_page` are not read, whatever they are (a link from
        page 3 of the results carries page=3); `own`: parameters the endpoint reads itself,
        which name no filter there."""
        args = req.args
        q = _query(args)
        _check_elsewhere(args, own)
        _check_names(args, own)
        filters = {f: values for f in FACETS if (values := _given_values(args, f))}
        check_filter_bounds(filters)  # every facet past a bound named, not the first alone
        sort, match = _sort(args), _match(args)
        _check_other_names(args, paged)
        if not paged:
            return cls(query=q, filters=filters, sort=sort, match=match)
        # the engine's words, as the command line's: past page 1000, narrow the search or change the sort
        return cls(query=q, filters=filters, sort=sort, page=_page(args), per_page=_per_page(args), match=match)

    def returning_to(self, req: Request) -> "SearchState":
        """This state with the page of results the request came from, for the link back to it
        (a facet's page: "Back to the results"); one that cannot be shown is page 1. The list
        of values has no pages: a bad `page` refused it (400), though it only went into a link."""
        return replace(self, page=_or(1, _page, req.args), per_page=_or(10, _per_page, req.args))

    @classmethod
    def salvaged(cls, req: Request) -> "SearchState":
        """What the error page of a refused search keeps of it, so the person can fix a typo
        instead of typing everything again: the query as typed for the box, whole even when
        too long (cut, it would run without its end: `NOT putin`), and the filters, sort and
        per_page for its hidden inputs, each kept when valid and dropped when not (kept,
        fixing the query would meet it again)."""
        args = req.args
        filters = {f: values for f, values in _checked_filters(args)[0].items() if values}
        return cls(query=args.get("q", "").strip(), filters=filters, sort=_kept("relevance", _sort, args, "sort"),
                   per_page=_kept(10, _per_page, args, "per_page"), match=_kept("all", _match, args, "match"))

    @classmethod
    def refused_filters(cls, req: Request, paged: bool = True) -> list[str]:
        """"year=21" for each filter value `salvaged` drops as one no article could have, and
        "sort=date" for each sort, match, page or per_page it drops as one that cannot be read
        (`paged=False`: a page with no pages, which reads no page or per_page): the error page
        offers the search without them. Kept as hidden inputs, "year=21" came back with every
        search typed on the error page, and no chip could remove it; a sort edited in the
        address had no way out but the box or Back."""
        unread = [f"{name}={_shown_value(v)}" for name, read in _settings(paged) for v in _readings(read, req.args, name)[1]]
        return _checked_filters(req.args)[1] + unread

    @classmethod
    def settings_given_twice(cls, req: Request, paged: bool = True) -> list[tuple[str, dict[str, Any]]]:
        """Each value that reads of a setting given twice (`sort=newest&sort=oldest`, refused:
        which one was meant is not for the server to guess), as ("sort=oldest", {"sort":
        "oldest"}), for the error page's link to the search with each: it named them, with no
        way to either but editing the address. Where one value is refused, "Search without"
        it (refused_filters) is the way."""
        given = []
        for name, read in _settings(paged):
            readings, refused = _readings(read, req.args, name)
            readings = list(dict.fromkeys(readings))
            if len(readings) > 1 or (not refused and len(set(req.args.getlist(name))) > 1):
                given.append([(f"{name}={reading}", {name: reading}) for reading in readings])
        # two settings given twice (a script's two parameter lists merged): a link for each
        # pair, "sort=newest&match=any"; a link choosing one silently took the other's first
        return [("&".join(label for label, _ in pair), {k: v for _, change in pair for k, v in change.items()})
                for pair in product(*given)] if given else []

    def engine_args(self) -> dict[str, Any]:
        """Keyword arguments for `search.run_search`."""
        return {"query": self.query, "filters": {k: list(v) for k, v in self.filters.items()},
                "page": self.page, "per_page": self.per_page, "sort": self.sort, "match": self.match}

    # ------------------------------------------------------------------ links
    def params(self) -> dict[str, Any]:
        """Query-string parameters, defaults left out so URLs stay short."""
        p: dict[str, Any] = {}
        if self.query:
            p["q"] = self.query
        for f in FACETS:
            if self.filters.get(f):
                p[f] = list(self.filters[f])
        if self.sort != "relevance":
            p["sort"] = self.sort
        if self.match != "all":
            p["match"] = self.match
        if self.page != 1:
            p["page"] = self.page
        if self.per_page != 10:
            p["per_page"] = self.per_page
        return p

    def doc_url(self, doc_id: str) -> str:
        """A result's page, carrying this search: its query for the marks, its filters and sort
        for the header's box (a search typed there lost them), its page for the link back to
        the results (without it, "Back to the results" from the 25th result led to page 1)."""
        return url_for("views.doc_page", doc_id=doc_id, **self.params())

    def url(self, endpoint: str = "views.search_page", **extra: Any) -> str:
        if endpoint == "views.search_page" and not extra:
            return _search_url(self.params())
        return url_for(endpoint, **self.params(), **extra)

    def active(self, facet: str, value: str) -> bool:
        return value in self.filters.get(facet, ())

    def with_filters(self, filters: dict[str, list[str]]) -> "SearchState":
        """The same search with the filters the engine applied (entity spellings made canonical)."""
        return replace(self, filters={k: tuple(v) for k, v in filters.items() if v})

    def toggled(self, facet: str, value: str) -> "SearchState":
        """Adds `value` to the facet's filter (see search.query.filter_query), or removes it when active."""
        current = self.filters.get(facet, ())
        values = tuple(v for v in current if v != value) if value in current else current + (value,)
        filters = {k: v for k, v in self.filters.items() if k != facet}
        if values:
            filters[facet] = values
        return replace(self, filters=filters, page=1)

    def toggle_url(self, facet: str, value: str) -> str:
        return self.toggled(facet, value).url()

    def replaced_url(self, facet: str, old: str, *new: str) -> str:
        """The same search with `old` in the facet's filter changed to `new` (kept in place),
        or to several values (a list typed in one: `source=reuters,afp`)."""
        values = tuple(dict.fromkeys(n for v in self.filters.get(facet, ()) for n in (new if v == old else (v,))))
        return replace(self, filters={**self.filters, facet: values}, page=1).url()

    def query_value_url(self, facet: str, old: str, *new: str) -> str | None:
        """The same search with `facet:old` in the query text written `facet:"new"` (several,
        a list typed in one value: each its own, filter_hints.written_values); None when the
        query does not spell it so (a value the engine rewrote). `old` may be words the query
        left unquoted (`person:assimi goita`, an unmatched value's "replaces")."""
        replaced = replace_field_value(self.query, facet, old, *new)
        return None if replaced is None else self.query_url(replaced)

    def filter_url(self, facet: str, value: str) -> str:
        """Where a name (or the source, the language) on the page of an article opened from
        this search leads: the articles with `value`, under this search's filters and sort,
        without its query. An entity joins its facet's values (they AND); a source or
        language takes the facet's place (an article has one). Linked bare, they dropped the
        filters, and a reader who came from `year=1987&source=reuters` left them behind."""
        values = self.filters.get(facet, ())
        if facet not in ENTITY_FACETS:
            values = (value,)
        elif value not in values:
            values += (value,)
        return replace(self, query="", filters={**self.filters, facet: values}, page=1).url()

    def only_url(self, facet: str, value: str) -> str:
        """The same search with this facet narrowed to `value` alone."""
        filters = dict(self.filters)
        filters[facet] = (value,)
        return replace(self, filters=filters, page=1).url()

    def page_url(self, page: int) -> str:
        return replace(self, page=page).url()

    def sort_url(self, sort: str) -> str:
        return replace(self, sort=sort, page=1).url()

    def export_url(self, fmt: str) -> str:
        """Every result of this search as a file (`/api/export`): the query, filters and sort,
        no page."""
        p = {k: v for k, v in self.params().items() if k not in ("page", "per_page")}
        return url_for("api.api_export", **p, format=fmt)

    def export_name(self, fmt: str) -> str:
        """The name that export downloads as (web.download): the query and the filters as the
        chips read them (an entity's name, not its id), so that each export keeps its own."""
        from .state import filter_label

        labelled = [(f, filter_label(f, v)) for f in FACETS for v in self.filters.get(f, ())]
        return export_filename(search_words(self.query, labelled, self.match), fmt)

    def query_url(self, query: str) -> str:
        return replace(self, query=query, page=1).url()

    def match_url(self, match: str) -> str:
        """The same search needing every word ("all") or any of them."""
        return replace(self, match=match, page=1).url()

    def cleared_url(self, endpoint: str = "views.search_page", **extra: Any) -> str:
        """The same query with no filters (on `endpoint`, as chips())."""
        return replace(self, filters={}, page=1).url(endpoint, **extra)

    def chips(self, endpoint: str = "views.search_page", **extra: Any) -> list["Chip"]:
        """The filters in use as the page shows them, each linked to `endpoint` (the results,
        a facet's page with `extra`: name=) without it, in FACETS order."""
        from .state import filter_label

        join = {f: "and" if f in ENTITY_FACETS else "or" for f in FACETS}
        chips = []
        for f in FACETS:
            for i, v in enumerate(self.filters.get(f, ())):
                shown = filter_label(f, v)
                chips.append(Chip(f, value_label(f), shown, self.toggled(f, v).url(endpoint, **extra), join[f] if i else "",
                                  field_value(f, v if f == "language" else shown)))  # a language by its code
        return chips

    def caption(self, chips: list["Chip"], sort: str | None = None) -> str:
        """What a results page shows beyond its query, for its <title>: the filters as the
        page's `chips` read them (chips()), a sort other than the search's own (relevance, or newest when
        browsing: `sort` is the one the engine used; None for a facet's values, which no sort
        orders), any word, the page (not for a facet's values, on one page: a facet's page keeps
        the results' page for its link back, and was titled "People · coup (page 2)"). Titled by
        the query alone, a walk through the facets was one title repeated in the history menu."""
        parts, facet = [], None
        for chip in chips:
            f, value, join = chip.facet, chip.value, chip.join
            if join and parts and f == facet:
                parts[-1] += f" {join} {value}"
            else:
                parts.append(f"{chip.label}: {value}")  # "Person: Assimi Goita", as the chip reads
            facet = f
        if sort is not None and sort != ("relevance" if self.query else "newest"):
            parts.append(f"{sort} first")
        if self.match == "any":
            parts.append("any of its words")
        if sort is not None and self.page > 1:
            parts.append(f"page {self.page:,}")  # as the pager reads it
        return ", ".join(parts)


@dataclass(frozen=True)
class Chip:
    """A filter in use as a page shows it: `label` its facet's name for one value ("Place"),
    `value` as it reads (an entity's id as its name), `url` the page without it, `join` how it
    joins the facet's previous value ("", "and" for entities, "or" for the one-value facets, as
    search.query.filter_query reads them), `syntax` the filter written in the query text
    (`location:Japan`, `person:"Assimi Goita"`, as search.field_values writes every value put
    in a query; None: no query holds it): the chip's title, which showed its raw field name
    ("LOCATION Japan")."""
    facet: str
    label: str
    value: str
    url: str
    join: str
    syntax: str | None


def _search_url(params: dict[str, Any]) -> str:
    """url_for('views.search_page', **params), without its cost: a results page holds
    hundreds of facet links and url_for for each one was half the page's time."""
    base = g.get("search_path")
    if base is None:
        base = g.search_path = url_for("views.search_page")
    return base + "?" + urlencode(params, doseq=True) if params else base


def facet_name(name: str) -> str:
    """A facet named in a URL path (/facet/Person, /api/facet/PERSON) as the index names it:
    any case, as `type=PERSON`, facet values and field names (`Title:mali`) are read; the
    page is served as for the lower-case name, whose URL its links and JSON twin use. An
    unknown name is a 404 that lists the facets."""
    facet = name.lower()
    if facet not in FACETS:
        meant = fieldnames.meant(name, FACETS)
        if meant is not None:  # /facet/people, as its page is headed ("People"): that page, its search kept
            abort(sent_on(request.path.rsplit("/", 1)[0] + "/" + meant))
        abort(404, f"unknown facet {name!r} (facets: {', '.join(FACETS)})")
    return facet


def shown_id(doc_id: str, limit: int = 200) -> str:
    """A document id as an error names it: quoted, and cut past `limit` characters (a 70 KB id
    came back whole in the 404's message)."""
    return repr(doc_id) if len(doc_id) <= limit else repr(doc_id[:limit]) + f"… ({len(doc_id):,} characters)"


def entity_type_arg(args) -> str | None:
    """The `type` argument of the entity pages: one of the entity facets, or None for all; a
    bad one is a 400, as a bad sort is, in the words `--type` is refused in."""
    return read_entity_type(args.get("type"))

"""What the results page shows around the hits: facet panels, the histogram, page links."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from search.narrowing import UNDATED, month_clause, narrowed, widened
from search.query import last_shown_page, read_contains, values_containing
from search.schema import ENTITY_FACETS

from .labels import facet_label
from .params import Chip, SearchState, int_arg
from .state import entity_index, filter_label as label

TOP = 8          # values shown before "more"
INLINE = 100     # values listed inside "more"; beyond that, the facet page
MAX_LISTED_SPELLINGS = 30  # spellings per listed value the "more" box's filter reads (the page's weight)


@dataclass
class FacetValue:
    value: str
    count: int
    active: bool
    url: str
    adds: bool = False  # a click adds its articles to the results: shown "+N" (an either/or facet in use)
    # an entity's other spellings, one a line: the "more" box's filter narrows the list by them
    # too, as the facet page's does (typing "opec" hid OPEC itself, 36 articles, and kept "Opecna")
    aliases: str = ""


@dataclass
class Panel:
    name: str
    label: str
    top: list[FacetValue]
    more: list[FacetValue] = field(default_factory=list)
    distinct: int = 0

    @property
    def truncated(self) -> bool:
        return self.distinct > len(self.top) + len(self.more)


def facet_panels(facets: dict[str, list[dict[str, Any]]], state: SearchState, total: int) -> list[Panel]:
    """One panel per facet; active values first so a filter in use is always visible."""
    panels = []
    for name, values in facets.items():
        # an entity's link filters by its id (search.query._value_names): that entity alone, as counted
        shown = [(v, v.get("id", v["value"])) for v in values[:INLINE]]
        items = [FacetValue(label(name, v["value"]) if name == "language" else v["value"], v["count"],
                            state.active(name, f), state.toggle_url(name, f)) for v, f in shown]
        seen = {i.value for i in items} | {f for _, f in shown}
        missing = [v for v in state.filters.get(name, ()) if v not in seen]
        if missing:
            # An active value can be missing from the listed counts: past INLINE (it showed 0), a
            # misspelt value, or a spelling that names several people ("Keita"). An entity filter
            # holds for every result (they AND), so its count is the total; a year or language
            # not among the counts has none. (Looked up only then: an entity facet lists
            # tens of thousands of values.)
            counts = {v["value"]: v["count"] for v in values}
            by_id = {v["id"]: v for v in values if "id" in v}
            items += [FacetValue(by_id[v]["value"] if v in by_id else label(name, v),
                                 by_id[v]["count"] if v in by_id else counts.get(v, total if name in ENTITY_FACETS else 0),
                                 True, state.toggle_url(name, v))
                      for v in missing]
        if name not in ENTITY_FACETS and state.filters.get(name):
            # source, language, year, translated: a second value is an alternative (OR), counted
            # without the facet's own filter, so its count is what a click adds. "seeds 1" beside
            # 50 results read as a narrowing to 1, and the click gave 51 (a browser review)
            for i in items:
                i.adds = not i.active
        if name in ENTITY_FACETS:
            for item, value in zip(items, [f for _, f in shown] + missing):
                item.aliases = alias_lines(value)
        items.sort(key=lambda i: not i.active)  # stable: count order kept within each group
        panels.append(Panel(name, facet_label(name), items[:TOP], items[TOP:], max(len(values), len(items))))
    return panels


def alias_lines(value: str) -> str:
    """An entity value's other spellings, one a line (at most MAX_LISTED_SPELLINGS), for a list's filter
    box to match as the server's does; "" for a value that is no entity's id."""
    rec = entity_index().get(value)
    if rec is None:
        return ""
    return "\n".join(a for a in rec["aliases"][:MAX_LISTED_SPELLINGS] if a != rec["name"])


@dataclass
class Bar:
    label: str
    count: int
    level: int  # 0..20: the bar's height in 5% steps (a CSS class: the CSP allows no inline style)
    url: str | None  # a bar with results narrows the search to its year (a filter) or month (in the query)
    active: bool
    title: str = ""
    tick: bool = True  # the label shows under the bar (else only screen readers read it)
    adds: int = 0  # with a year filter on, another year's results: what selecting it adds


# Every bar is drawn in the strip's width: 35 years of a 1987-2021 archive at a label's
# width each made it scroll, the recent years out of sight. Past this many bars the labels
# are ticks: the latest, the first and the round periods, spaced enough not to touch.
TICKS_FROM = 13


def _ticks(bars: list[Bar], round_: Callable[[int], bool], gap: int) -> None:
    """Mark which labels show: the last bar's, the first's, then those where `round_(i)`
    holds, each at least `gap` bars from every label already shown."""
    if len(bars) < TICKS_FROM:
        return
    shown: list[int] = []
    for i in [len(bars) - 1, 0, *(i for i in range(len(bars)) if round_(i))]:
        if all(abs(i - j) >= gap for j in shown):
            shown.append(i)
    for i, b in enumerate(bars):
        b.tick = i in shown


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MAX_MONTH_SPAN = 36  # results within three years: per month; else per year


def histogram(year_counts: list[dict[str, Any]], month_counts: list[dict[str, Any]], state: SearchState,
              total: int = 0) -> tuple[str, list[Bar]]:
    """("year" | "month", bars oldest first with the gaps as empty bars); ("", []) when
    there is nothing to draw: fewer than two periods say nothing about time, unless some of
    the `total` results are undated. Then the one period's bar is drawn, with the caption's
    "N undated" link: hidden with the chart, the undated results of an archive dated in one
    year (or a search's, in one month) had no way to them."""
    months = {_month_number(m["value"]): m["count"] for m in month_counts if _month_number(m["value"]) is not None}
    if months and max(months) - min(months) < MAX_MONTH_SPAN and (len(months) >= 2 or total > sum(months.values())):
        top = max(months.values())
        bars = []
        for n in range(min(months), max(months) + 1):
            y, m = divmod(n, 12)
            c = months.get(n, 0)
            label = f"{MONTHS[m]} {y}" if m == 0 or n == min(months) else MONTHS[m]
            # the same search in that month: its query with published:1987-03 (no facet holds months)
            url = state.query_url(narrowed(state.query, month_clause(f"{y}-{m + 1:02d}"))) if c else None
            bars.append(Bar(label, c, math.ceil(20 * c / top), url, False, f"{y}-{m + 1:02d}: {c:,}"))
        first = min(months)
        for i, b in enumerate(bars):  # a month shown alone names its year too ("Mar 2020")
            y, m = divmod(first + i, 12)
            b.label = f"{MONTHS[m]} {y}" if len(bars) >= TICKS_FROM else b.label
        _ticks(bars, lambda i: (first + i) % 12 == 0, 8)  # Januaries
        return "month", bars
    counts = {int(v["value"]): v["count"] for v in year_counts if str(v["value"]).isdigit()}
    if not counts or len(counts) < 2 and not total > sum(counts.values()):
        return "", []
    lo, hi = min(counts), max(counts)
    years = sorted(counts) if hi - lo > 60 else list(range(lo, hi + 1))  # a stray 1900 must not flatten the rest
    # With a year filter on, the year facet is counted without it (the other years' "+N"): a
    # bar is a result count for a chosen year only, the others' is what a click adds (review:
    # "1 result" above bars of 2, 1 and 2 results).
    filtered = bool(state.filters.get("year"))
    shown = {y: c for y, c in counts.items() if not filtered or state.active("year", str(y))}
    top = max(shown.values(), default=0) or 1
    bars = []
    for y in years:
        c, active = counts.get(y, 0), state.active("year", str(y))
        # a year with no results is no link (its filter would empty the page): 32 empty
        # years of a 1987-2021 archive were 32 Tab stops before the first result
        url = state.toggle_url("year", str(y)) if c or active else None
        n = shown.get(y, 0)
        adds = c - n
        bars.append(Bar(str(y), n, math.ceil(20 * n / top), url, active, f"{y}: +{adds:,}" if adds else f"{y}: {n:,}",
                        adds=adds))
    _ticks(bars, lambda i: years[i] % 5 == 0, 4)  # the round years: 1990, 1995...
    return "year", bars


def undated_url(state: SearchState) -> str:
    """The same search's results with no publication date: the histogram's "N undated"."""
    return state.query_url(narrowed(state.query, UNDATED))


def narrowing_chip(state: SearchState, endpoint: str = "views.search_page", **extra: Any) -> tuple[Chip, str] | None:
    """The chip of the month (or the undated) a histogram link narrowed the search to, with
    "Clear all filters"'s link, which drops it too; None when the query ends with no such
    clause. A month bar's search had no chip: its clause was in the box, among the words,
    and the way out was Back (or editing the query by hand). Linked to `endpoint` with
    `extra`, as SearchState.chips: a facet's page (its "more") keeps to that page."""
    found = widened(state.query)
    if found is None:
        return None
    query, month = found
    wide = replace(state, query=query, page=1)
    back = wide.url(endpoint, **extra)
    if month is None:
        chip = Chip("published", "Date", "undated", back, "", UNDATED)
    else:
        y, m = month.split("-")
        chip = Chip("published", "Month", f"{MONTHS[int(m) - 1]} {y}", back, "", month_clause(month))
    return chip, wide.cleared_url(endpoint, **extra)


def _month_number(value: str) -> int | None:
    """'1987-03' -> months since year 0 (1987 * 12 + 2)."""
    try:
        y, m = value.split("-")[:2]
        return int(y) * 12 + int(m) - 1
    except (ValueError, AttributeError):
        return None


def page_numbers(page: int, total: int, per_page: int, around: int = 2) -> list[int | None]:
    """Page links to show: first, last and a window around the current one; None is a gap."""
    last = last_shown_page(total, per_page)
    if last == 1:
        return []
    wanted = {1, last, *range(page - around, page + around + 1)}
    out: list[int | None] = []
    for n in sorted(p for p in wanted if 1 <= p <= last):
        if out and out[-1] is not None and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


ENTITIES_PER_PAGE = 200
MAX_ENTITY_PAGE = 10_000


def entity_page_arg(args) -> int | None:
    """The `page` of the entity list (None: not asked for; `page=` is not asking, as on a
    results page), read as the results page reads it (params.int_arg): int() took "2_0"
    and a full-width "２" for pages 20 and 2, where a search refuses them with the reason."""
    if args.get("page", "") == "":
        return None
    return int_arg(args, "page", 1, 1, MAX_ENTITY_PAGE)


def entity_page(entities: list, page: int | None) -> list:
    """One page of the entity list, or all of it when no page was asked for."""
    if page is None:
        return entities
    start = (page - 1) * ENTITIES_PER_PAGE
    return entities[start:start + ENTITIES_PER_PAGE]


def contains_arg(args) -> str:
    """The `contains` filter of facet and entity lists, read as `--contains` is (read_contains):
    one too long was cut to its first 200 characters, silently, and the answer (`"contains"`
    in /api/facet's) was for another filter than the one sent."""
    return read_contains(args.get("contains"))


def facet_values(archive, name: str, state: SearchState, contains: str = ""):
    """All values of one facet for the search in `state` (those containing `contains`)."""
    from search import run_search

    result = run_search(archive, facets=[name], **{**state.engine_args(), "page": 1, "per_page": 1})
    return result, values_containing(archive, name, result.facets.get(name, []), contains)

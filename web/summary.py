"""What the results page shows around the hits: facet panels, the histogram, page links."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from search.query import MAX_PAGE

from .params import SearchState

LABELS = {
    "person": "People", "organization": "Organizations", "location": "Places", "source": "Source",
    "language": "Language", "year": "Year", "translated": "Machine translation",
}
TOP = 8          # values shown before "more"
INLINE = 100     # values listed inside "more"; beyond that, the facet page


@dataclass
class FacetValue:
    value: str
    count: int
    active: bool
    url: str


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


def facet_panels(facets: dict[str, list[dict[str, Any]]], state: SearchState) -> list[Panel]:
    """One panel per facet; active values first so a filter in use is always visible."""
    panels = []
    for name, values in facets.items():
        items = [FacetValue(v["value"], v["count"], state.active(name, v["value"]), state.toggle_url(name, v["value"]))
                 for v in values[:INLINE]]
        seen = {i.value for i in items}
        # an active value can be missing from the counts (e.g. a misspelt value in the URL)
        items += [FacetValue(v, 0, True, state.toggle_url(name, v)) for v in state.filters.get(name, ()) if v not in seen]
        items.sort(key=lambda i: not i.active)  # stable: count order kept within each group
        panels.append(Panel(name, LABELS.get(name, name), items[:TOP], items[TOP:], max(len(values), len(items))))
    return panels


@dataclass
class Bar:
    label: str
    count: int
    level: int  # 0..20: the bar's height in 5% steps (a CSS class: the CSP allows no inline style)
    url: str
    active: bool


def histogram(year_counts: list[dict[str, Any]], state: SearchState) -> list[Bar]:
    """Results per year, oldest first, every year in the range present (gaps as empty bars)."""
    counts = {int(v["value"]): v["count"] for v in year_counts if str(v["value"]).isdigit()}
    if not counts:
        return []
    lo, hi = min(counts), max(counts)
    if hi - lo > 60:  # a stray date (1900, 2099) must not flatten the rest: show present years only
        years = sorted(counts)
    else:
        years = list(range(lo, hi + 1))
    top = max(counts.values())
    return [
        Bar(str(y), counts.get(y, 0), math.ceil(20 * counts.get(y, 0) / top),
            state.toggle_url("year", str(y)), state.active("year", str(y)))
        for y in years
    ]


def page_numbers(page: int, total: int, per_page: int, around: int = 2) -> list[int | None]:
    """Page links to show: first, last and a window around the current one; None is a gap."""
    last = max(1, min(math.ceil(total / per_page), MAX_PAGE))
    if last == 1:
        return []
    wanted = {1, last, *range(page - around, page + around + 1)}
    out: list[int | None] = []
    for n in sorted(p for p in wanted if 1 <= p <= last):
        if out and out[-1] is not None and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def contains_arg(args) -> str:
    """The `contains` filter of facet and entity lists, bounded."""
    return args.get("contains", "")[:200].strip()


def facet_values(archive, name: str, state: SearchState, contains: str = ""):
    """All values of one facet for the search in `state` (those containing `contains`)."""
    from search import run_search

    result = run_search(archive, facets=[name], **{**state.engine_args(), "page": 1, "per_page": 1})
    values = result.facets.get(name, [])
    if contains:
        needle = contains.casefold()
        values = [v for v in values if needle in v["value"].casefold()]
    return result, values


def matching_entities(entities: list[dict[str, Any]], contains: str) -> list[dict[str, Any]]:
    """Entities one of whose spellings contains `contains` (case-insensitive)."""
    if not contains:
        return entities
    needle = contains.casefold()
    return [e for e in entities if any(needle in a.casefold() for a in [e["name"], *e["aliases"]])]

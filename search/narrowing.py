"""A query narrowed by one more clause in its text: where a month bar of the results page,
and its count of undated results, lead. The query has no month filter (the `year` facet
is the finest), but its syntax has dates (`published:1987-03`), so the link is the same
search with that clause added, in the box where the reader can see and change it.
"""
from __future__ import annotations

import re

from .operators import BINARY_OPS

# articles with no publication date: no date at all in the range of every date
UNDATED = "NOT published:[* TO *]"

# operators the query ends with, joining nothing (the search drops them): left there, the
# clause became their right side ("oil OR" + "published:1987-03" is oil or March)
_DANGLING = re.compile(r"(?:(?:^|\s+)(?:%s|NOT|&&|\|\||[-!]))+\s*$" % "|".join(sorted(BINARY_OPS)))


def month_clause(month: str) -> str:
    """The clause for the articles of a month ("1987-03")."""
    return f"published:{month}"


def narrowed(query: str, clause: str) -> str:
    """`query` with `clause` also required: appended, as Whoosh's OR binds closer than the
    words' implicit AND (`oil OR gas published:1987-03` is oil or gas, in March) and a
    field in the query still filters with match=any."""
    kept = _DANGLING.sub("", query.strip())
    return f"{kept} {clause}" if kept else clause


# the clause `narrowed` added last: a month's, or the undated's
_LAST_CLAUSE = re.compile(r"(?:^|\s+)(published:(\d{4}-\d\d)|%s)$" % re.escape(UNDATED))


def widened(query: str) -> tuple[str, str | None] | None:
    """(`query` without the clause a month bar or the undated count added last, the month
    "1987-03" or None for the undated) when it ends with one that narrows it; else None. A
    clause an operator joins (`oil OR published:1987-03`, `NOT published:1987-03`) narrows
    nothing so."""
    m = _LAST_CLAUSE.search(query.strip())
    if m is None:
        return None
    kept = query.strip()[:m.start()]
    if _DANGLING.search(kept):
        return None
    return kept.strip(), m.group(2)

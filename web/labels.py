"""How a facet reads on a page, where its raw name (`location`, `translated`) stays in URLs, the
query syntax, the JSON and the export's columns and file name (which a program, or the query
typed as `location:mali`, reads alike).

Two forms, as English needs them: a list of values is headed in the plural ("Places",
"Sources": the results page's panels, the facet page, the entity list's tabs), one value is
named in the singular ("Place: Japan" on a chip, the page title, "No article has the place
…", the entity list's Type column). The panels said "Source" and "Year" where the facet page
said "Sources" and "Years", and a chip "People: Assimi Goita" for one person."""
from __future__ import annotations

from search.query import FilterValueError, FilterValueErrors, QueryError

LABELS = {
    "person": "People", "organization": "Organizations", "location": "Places", "source": "Sources",
    "language": "Languages", "year": "Years", "translated": "Machine translation",
}
SINGULAR = {
    "person": "Person", "organization": "Organization", "location": "Place", "source": "Source",
    "language": "Language", "year": "Year", "translated": "Machine translation",
}


def facet_label(facet: str) -> str:
    """The heading of the facet's list of values (its panel, its page): plural."""
    return LABELS.get(facet, facet)


def value_label(facet: str) -> str:
    """The facet's name before one of its values ("Place: Japan"): singular."""
    return SINGULAR.get(facet, facet)


def page_message(exc: QueryError) -> str:
    """A refused search's message as a page words it: a filter value no article could have names
    the facet as its chip does ("a 'Machine translation' filter is one of likely, …, not 'maybe'"),
    where the JSON and the command line keep the field's name ("a 'translated' filter is one of …")."""
    if isinstance(exc, FilterValueError):
        return exc.naming(value_label(exc.facet))
    if isinstance(exc, FilterValueErrors):
        return exc.naming(value_label)
    return str(exc)


def flag_label(kind: str) -> str:
    """A translation flag's kind in words ("Broken sentence"): the article page's notes and
    tips read the detector's name (`broken-sentence`), which the JSON keeps."""
    return kind.replace("-", " ").capitalize()


def thousands(n: int) -> str:
    """A count as every page prints it, "19,043": the facet panels, the facet and entity
    pages and the histogram printed "19043" beside a result count of "19,043". (The JSON
    keeps integers.)"""
    return f"{n:,}"

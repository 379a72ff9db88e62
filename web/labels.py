"""How a facet reads on a page: its panel's label ("Places", not `location`), and how a filter
on it is written in the query text, for the chips that show filters in use."""
from __future__ import annotations

import re

LABELS = {
    "person": "People", "organization": "Organizations", "location": "Places", "source": "Source",
    "language": "Language", "year": "Year", "translated": "Machine translation",
}
_BARE = re.compile(r"[\w.-]+")


def facet_label(facet: str) -> str:
    """The facet's name as its panel heads it."""
    return LABELS.get(facet, facet)


def query_syntax(facet: str, value: str) -> str:
    """The filter as a field of the query text (`location:Japan`, `person:"Assimi Goita"`): a
    chip reads "Places: Japan", and its title keeps the syntax a reader can type, which the
    chip's raw field name ("LOCATION Japan") used to show."""
    if not _BARE.fullmatch(value):
        value = '"' + value.replace('"', " ").strip() + '"'
    return f"{facet}:{value}"

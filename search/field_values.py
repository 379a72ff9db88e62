"""A field's value written in the query text, so that the text pasted back into the search box
finds what the value does as a filter: one rule for the chips' titles (web.labels), the "search it
in the query" hint (fieldnames.filter_hint) and the fix links and "did you mean" (filter_hints.
replace_field_value), which used three and disagreed: `a:b` was written bare (an unknown field
"a:"), `x*y` quoted (a wildcard inside a phrase, refused), `AND` bare (an operator), and a value
with a double quote in quotes it broke."""
from __future__ import annotations

import re

from .operators import OPERATORS
from .quoted import single_quotable
from .schema import FACETS

# A word the parser reads as itself: letters, digits, a dot or a hyphen (not first: `-x` is NOT x)
_PLAIN = re.compile(r"\w[\w.-]*")
# The words typed: a title's or a text's `*` and `?` are the reader's wildcard, as in the query
_PLAIN_WORDS = re.compile(r"[\w*?][\w.*?-]*")
_OPERATORS = OPERATORS | {"TO"}  # and a range's word: a value so spelled is quoted
_DATE_LIKE = re.compile(r'[^\s"()\[\]{}]+|\[[^\[\]{}"()]*\]')  # one word, or one [range]
# A site's address, which the query reads bare after `source:` (query._SOURCE_ADDRESS quotes it):
# written bare, as 12b6cf5 offers a fix's, where a chip and "did you mean" quoted it
ADDRESS = r'[a-z][a-z0-9+.-]*://[^\s()"]+'


def field_value(field: str, value: str) -> str | None:
    """`field:value` as the query text reads it: bare for a plain word (`location:Japan`) and a
    date (`published:2020-08-28`, `published:[2020 TO 2021]`) and a site's address
    (`source:https://www.zeit.de/`, as the query reads it), in double quotes otherwise
    (`person:"Assimi Goita"`, `source:"a:b"`), in single quotes where the value holds a double
    quote, or a facet's value a * (`source:'Le "Monde"'`, `source:'x"y'`, `person:'Put*'`: Whoosh
    reads a single-quoted span as one term, and the query's checks leave it whole, quoted.py;
    a * in double quotes is refused as a wildcard misplaced).

    On one line: a line break or a tab is written as a space (a search box drops line breaks
    pasted into it, and Whoosh's quotes end at one), which finds the value as a filter does (a
    facet's value is looked up with its spaces folded, query._plain_values). None for a facet's
    value that no query syntax holds: a double quote (or a *) and a single quote before a space
    or a closing bracket (`x' "y"`), which ends the single-quoted span early. It was written
    without its double quotes, which pasted back found nothing, silently; the caller says so.
    A title's or a text's words are written without their double quotes: the analyzer drops
    them, and the words find what they did."""
    value = " ".join(value.split())
    # a date or a [range] bare: syntax the parser reads, and refuses with its reason. Not words:
    # `date=2020 OR mali` was hinted published:2020 OR mali, which pasted back found mali's
    # articles of every year; in quotes it is refused, naming it
    if field == "published" and _DATE_LIKE.fullmatch(value):
        return f"{field}:{value}"
    if field == "source" and re.fullmatch(ADDRESS, value, re.I) and "*" not in value:  # a * is no wildcard
        return f"{field}:{value}"
    plain = _PLAIN if field in FACETS else _PLAIN_WORDS
    if plain.fullmatch(value) and value.upper() not in _OPERATORS:
        return f"{field}:{value}"
    if '"' not in value and not (field in FACETS and "*" in value):
        return f'{field}:"{value}"'
    if single_quotable(value):
        return f"{field}:'{value}'"
    if field in FACETS:
        return None
    return f'{field}:"{" ".join(value.replace(chr(34), " ").split())}"'


# what a page or the command line says of a value field_value cannot write
UNWRITABLE = "the query text cannot hold this value (its quotes end any quotes around it): filter by it instead"

"""The field a reader meant: another engine's name, or a near spelling of ours."""
from __future__ import annotations

import pytest

from search.fieldnames import meant
from search.query import QUERY_FIELDS
from search.schema import FACETS


@pytest.mark.parametrize("name, query_field, facet", [
    ("date", "published", "year"),  # a filter has no published: its date is the year
    ("DATE", "published", "year"),
    ("org", "organization", "organization"),
    ("organisation", "organization", "organization"),
    ("place", "location", "location"),
    ("lang", "language", "language"),
    ("site", "source", "source"),
    ("headline", "title", None),  # not a facet
    ("body", "text", None),
    ("persn", "person", "person"),
    ("organisaton", "organization", "organization"),
    ("languge", "language", "language"),
    ("titel", "title", None),
    ("person", "person", "person"),
    # one edit off a short name, whose difflib ratio is under CLOSE (review: `--filter yeer=1987`
    # got the list of facets alone)
    ("yeer", "year", "year"),
    ("yaer", "year", "year"),  # two letters swapped
    ("tilte", "title", None),  # near enough by the ratio already
    ("bear", None, None),  # one edit, but not the field's first letter
    ("colour", None, None),  # "location" is not near enough
    ("oil", None, None),
    ("entity", None, None),
])
def test_meant(name, query_field, facet):
    assert meant(name, QUERY_FIELDS) == query_field
    assert meant(name, FACETS) == facet

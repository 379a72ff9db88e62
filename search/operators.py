"""The words Whoosh's parser reads as operators (its OperatorsPlugin: capitals only), one
definition for the query's tidying (query.py, narrowing.py) and for writing a value into the
query text (field_values.py), which kept a list of its own."""
from __future__ import annotations

BINARY_OPS = frozenset(("AND", "OR", "ANDNOT", "ANDMAYBE", "REQUIRE"))  # between two clauses
OPERATORS = BINARY_OPS | {"NOT"}

"""The Whoosh schema. Whoosh pickles field objects into the index, so everything here
must stay importable under the same names."""
from __future__ import annotations

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

SEARCH_FIELDS = ("title", "text")  # what words in a query search
FACETS = ("person", "organization", "location", "source", "language", "year", "translated")
ENTITY_FACETS = ("person", "organization", "location")
SEP = "\x1f"  # joins the values of a multi-valued facet: never inside a value


def facet_field() -> fields.KEYWORD:
    """Exact, case-preserving, multi-valued: one indexed term per value.

    Values are joined with SEP rather than commas, since entity and place names
    can contain commas ("Washington, D.C.").
    """
    return fields.KEYWORD(stored=False, analyzer=RegexTokenizer(r"[^\x1f]+"))


def text_analyzer():
    """Whoosh's StemmingAnalyzer with accents folded before the stemmer: transliterations
    and machine translations spell one name with and without them ("Cissé" / "Cisse",
    "Bagbandé" / "Bagbande", "París" / "Paris"), and a reader types the plain letters."""
    return RegexTokenizer() | LowercaseFilter() | StopFilter() | CharsetFilter(accent_map) | StemFilter()


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        url=fields.STORED(),
        # no spelling=True: "did you mean" words are kept apart, at a fraction of the cost (spelling.py)
        title=fields.TEXT(analyzer=text_analyzer(), stored=True, field_boost=2.0),
        text=fields.TEXT(analyzer=text_analyzer(), stored=True),
        published=fields.DATETIME(stored=True, sortable=True),
        dated=fields.NUMERIC(sortable=True),  # 1 when published is known: undated last in date sorts
        entity=fields.KEYWORD(stored=False, analyzer=RegexTokenizer(r"[^\x1f]+")),
        content_hash=fields.ID(stored=True),
        record_hash=fields.ID(stored=True),
        doc=fields.STORED(),  # the full record as JSON: what document pages show
        **{name: facet_field() for name in FACETS},
    )


def same_schema(a: fields.Schema, b: fields.Schema) -> bool:
    """Whether two schemas index and store alike: the same fields, each of the same type, with an
    equal analyzer, stored or not, with or without a column. (Schema's own == also compares
    per-instance helper objects, so two build_schema() calls are never equal by it.)"""
    if sorted(a.names()) != sorted(b.names()):
        return False
    for name in a.names():
        fa, fb = a[name], b[name]
        if (type(fa) is not type(fb) or getattr(fa, "analyzer", None) != getattr(fb, "analyzer", None)
                or fa.stored != fb.stored or type(fa.column_type) is not type(fb.column_type)):
            return False
    return True


def join_values(values) -> str:
    return SEP.join(v.replace(SEP, " ") for v in values if v)

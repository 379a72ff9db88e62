"""A value written into the query text (a chip's title, a fix link, "did you mean", the "search it
in the query" hint) finds, pasted back into the search box, what the value finds as a filter."""
from __future__ import annotations

import json

import pytest

from search import Store, indexer, open_index, run_search
from search.fieldnames import filter_hint
from search.filter_hints import replace_field_value
from search.schema import FACETS
from web.labels import query_syntax

SOURCES = ['Le "Monde"', '"quoted"', "back\\slash news", "AT&T: wire", "a:b", "Foo (Bar)", "-dash", "NOT",
           "AND", "Daily AND Weekly", "x*y", "x?y", "tilde~", "über~", "Zürich", "Zürich Zeitung", "O'Brien Post",
           "Post-Gazette", "plain"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("field-values")
    (root / "wire").mkdir()
    with open(root / "wire" / "feed.jsonl", "w", encoding="utf-8") as fh:
        for i, source in enumerate(SOURCES):
            fh.write(json.dumps({"id": str(i), "source": source, "title": f"Harbour report {source}",
                                 "date": "2001-02-03", "text": f"The harbour authority published report {i}."}) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSARCHIVE_WORKERS", "1")
        assert indexer.run(Store(root / "index"), [str(root / "wire")])["indexed"] == len(SOURCES)
    return open_index(root / "index")


def ids(archive, query: str = "", filters: dict | None = None) -> list[str]:
    return sorted(h.id for h in run_search(archive, query, filters=filters, per_page=100).hits)


@pytest.mark.parametrize("source", SOURCES)
def test_each_way_of_writing_a_value_finds_what_the_filter_does(archive, source):
    want = ids(archive, filters={"source": [source]})
    assert len(want) == 1
    written = {
        "chip": query_syntax("source", source),
        "fix link": replace_field_value("harbour source:zzzz", "source", "zzzz", source),
        "hint": filter_hint("source", source, FACETS),
    }
    assert written["chip"] == written["fix link"].removeprefix("harbour ")
    for where, query in written.items():
        if where == "hint":  # `source=` names a facet: the hint is the filter itself
            assert query == f"did you mean 'source={source}'?" or query == ""
            continue
        assert ids(archive, query) == want, (where, query)


@pytest.mark.parametrize("value", ["a:b", "Foo (Bar)", "tilde~", "AT&T: wire"])
def test_the_search_it_in_the_query_hint_pastes_back(archive, value):
    hint = filter_hint("title", value, FACETS)
    query = hint.removeprefix("search it in the query, ")
    assert query != hint
    assert ids(archive, query), query  # found, and no error: `title:a:b` was an unknown field "a:"


def test_a_date_in_the_hint_stays_syntax(archive):
    """`date=[2001 TO 2002]` was hinted `published:"[2001 TO 2002]"`, a "bad date" pasted back:
    a date or range is written bare, as the query reads it."""
    hint = filter_hint("date", "[2001 TO 2002]", FACETS)
    assert hint == "search it in the query, published:[2001 TO 2002]"
    assert len(ids(archive, hint.removeprefix("search it in the query, "))) == len(SOURCES)
    assert filter_hint("date", "2001-02-03", FACETS) == "search it in the query, published:2001-02-03"


def test_a_quoted_date_is_refused_naming_what_was_typed(archive):
    """`published:"2020"` was refused as "bad date 'PPPPPP'": the placeholder a phrase stands as
    while the query is checked. The message quotes what was typed, and says how to write it."""
    from search import QueryError

    for query, said in [('published:"2001-02-03"', "bad date '\"2001-02-03\"' in published: (write it without "
                                                    "quotes: published:2001-02-03)"),
                        ('harbour published:"[2001 TO 2002]"', "write it without quotes: published:[2001 TO 2002]"),
                        ('published:"2001/02/03"', "bad date '\"2001/02/03\"' in published: (dates are YYYY")]:
        with pytest.raises(QueryError) as refused:
            ids(archive, query)
        assert said in str(refused.value) and "PPP" not in str(refused.value), (query, str(refused.value))
    assert len(ids(archive, "published:2001-02-03")) == len(SOURCES)  # unquoted, it runs


def test_a_date_hint_with_words_in_it_is_no_other_search(archive):
    """`date=2001 OR harbour` was hinted published:2001 OR harbour, which pasted back ran, and
    found harbour's articles of any year: words are no date, quoted, and refused naming them."""
    from search import QueryError

    hint = filter_hint("date", "2001 OR harbour", FACETS)
    assert hint == 'search it in the query, published:"2001 OR harbour"'
    with pytest.raises(QueryError, match="bad date '\"2001 OR harbour\"'"):
        ids(archive, hint.removeprefix("search it in the query, "))

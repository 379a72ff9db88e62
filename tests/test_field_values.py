"""A value written into the query text (a chip's title, a fix link, "did you mean", the "search it
in the query" hint) finds, pasted back into the search box, what the value finds as a filter."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from search import Store, indexer, open_index, run_search
from search.fieldnames import filter_hint
from search.filter_hints import replace_field_value
from search.schema import FACETS
from search.field_values import field_value

SOURCES = ['Le "Monde"', '"quoted"', "back\\slash news", "AT&T: wire", "a:b", "Foo (Bar)", "-dash", "NOT",
           "AND", "REQUIRE", "Daily AND Weekly", "x*y", "x?y", "tilde~", "über~", "Zürich", "Zürich Zeitung", "O'Brien Post",
           "Post-Gazette", "plain",
           # a double quote, or a *, and what else the query reads as syntax: in single quotes, which
           # the query's checks read whole (they were an unknown field, unbalanced parentheses, other
           # names, or lost their quotes)
           '"B" http://x.com/a:b', '"E" (x', '"D" NOT x', '"G" -y', 'It\'s "X"', 'x"y', '"odd" "one', "Star* Wire",
           "O'Brien's \"Post\"", "5 per cent", "Le \u201cMonde\u201d", "x? y",
           # line breaks and tabs, which the written form puts as spaces, on one line
           "two\nlines here", "tab\there", 'Le "Monde"\r\nSoir', "Wire\n",
           # a site's address, which the query reads bare (query._SOURCE_ADDRESS)
           "file:///srv/wire/feed", "https://www.zeit.de/wire?page=2"]
# values no Whoosh syntax holds: a double quote (or a facet's *), and a single quote before a
# space or a line break (which ends a single-quoted span)
UNWRITABLES = ['x\' "y"', 'x\'\n"z"', "Q*' Zeitung"]
UNWRITABLE = UNWRITABLES[0]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("field-values")
    (root / "wire").mkdir()
    with open(root / "wire" / "feed.jsonl", "w", encoding="utf-8") as fh:
        for i, source in enumerate(SOURCES + UNWRITABLES):
            fh.write(json.dumps({"id": str(i), "source": source, "title": f"Harbour report {source}",
                                 "date": "2001-02-03", "text": f"The harbour authority published report {i}."}) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSARCHIVE_WORKERS", "1")
        assert indexer.run(Store(root / "index"), [str(root / "wire")])["indexed"] == len(SOURCES) + len(UNWRITABLES)
    return open_index(root / "index")


def ids(archive, query: str = "", filters: dict | None = None) -> list[str]:
    return sorted(h.id for h in run_search(archive, query, filters=filters, per_page=100).hits)


@pytest.mark.parametrize("source", SOURCES)
def test_each_way_of_writing_a_value_finds_what_the_filter_does(archive, source):
    want = ids(archive, filters={"source": [source]})
    assert len(want) == 1
    written = {
        "chip": field_value("source", source),
        "fix link": replace_field_value("harbour source:zzzz", "source", "zzzz", source),
        "hint": filter_hint("source", source, FACETS),
    }
    assert written["chip"] == written["fix link"].removeprefix("harbour ")
    for where, query in written.items():
        if where == "hint":  # `source=` names a facet: the hint is the filter itself
            assert query == f"did you mean 'source={source.strip()}'?" or query == ""
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
    assert len(ids(archive, hint.removeprefix("search it in the query, "))) == len(SOURCES) + len(UNWRITABLES)
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
    assert len(ids(archive, "published:2001-02-03")) == len(SOURCES) + len(UNWRITABLES)  # unquoted, it runs


def test_a_date_hint_with_words_in_it_is_no_other_search(archive):
    """`date=2001 OR harbour` was hinted published:2001 OR harbour, which pasted back ran, and
    found harbour's articles of any year: words are no date, and the hint names the field and
    why (it offered published:"2001 OR harbour", refused in turn)."""
    from search import QueryError

    hint = filter_hint("date", "2001 OR harbour", FACETS)
    assert hint == ("'published' is a field of the query text, where '2001 OR harbour' is no date: search it "
                    "there as YYYY, YYYY-MM or YYYY-MM-DD (published:2020-08-28), a range as "
                    "published:[2020-01 TO 2020-06]")
    with pytest.raises(QueryError, match="bad date '\"2001 OR harbour\"'"):
        ids(archive, 'published:"2001 OR harbour"')


@pytest.mark.parametrize("value,why", [("2020-13-45", "'2020-13-45' is no date"), ("2001-02-30", "'2001-02-30' is no date")])
def test_a_date_hint_offers_only_a_date_the_query_takes(archive, value, why):
    """`--filter date=2020-13-45` was told "search it in the query, published:2020-13-45", and
    that query was refused in turn (a bad date): the hint names the field and says why."""
    hint = filter_hint("date", value, FACETS)
    assert hint.startswith("'published' is a field of the query text, where " + why), hint
    assert ids(archive, "published:2001-02-03") != []  # the example's form finds articles


def test_a_value_no_syntax_holds_is_said_so_not_written_to_find_nothing(archive):
    """A double quote (or a facet's *) and a single quote before a space: in double quotes its
    double quotes end the phrase, in single quotes its single quote ends the span. It was
    written without its double quotes, which pasted back found nothing, silently: now nothing is
    written, and the chip, the fix link and the command line's "did you mean" say why."""
    from click.testing import CliRunner

    from search.cli import cli
    from search.field_values import UNWRITABLE as SAID
    from web import create_app

    for value in UNWRITABLES:
        assert len(ids(archive, filters={"source": [value]})) == 1, value
        assert field_value("source", value) is None, value
        assert replace_field_value("harbour source:zzzz", "source", "zzzz", value) is None, value
    index = str(archive.store.path)
    page = create_app({"INDEX": index}).test_client().get("/search", query_string={"q": "harbour", "source": UNWRITABLE})
    assert f"Remove this filter ({SAID})" in unescape(page.get_data(as_text=True))
    # a value typed in the query that is one edit from it: offered as the filter, saying why
    page = create_app({"INDEX": index}).test_client().get("/search", query_string={"q": "harbour source:'Q* Zeitung'"})
    assert f"Did you mean <strong>Q*' Zeitung</strong>? ({SAID})" in unescape(page.get_data(as_text=True))
    r = CliRunner().invoke(cli, ["search", "harbour source:'Q* Zeitung'", "--index", index])
    assert r.exit_code == 0, r.output
    assert f"did you mean --filter source=Q*' Zeitung ({SAID})?" in " ".join(r.stdout.split()), r.stdout


def test_single_quotes_typed_around_operators_quotes_and_parentheses_read_one_name(archive):
    """Whoosh reads a single-quoted span as one term: the query's checks did not, and refused it or
    read its NOT, dash, colon or parenthesis as syntax."""
    for source in ['"E" (x', '"B" http://x.com/a:b', '"D" NOT x', '"G" -y', 'x"y']:
        assert ids(archive, f"harbour source:'{source}'") == ids(archive, filters={"source": [source]}), source
    # and outside them, quotes and operators are syntax as before
    assert ids(archive, "harbour NOT source:'\"D\" NOT x'") == sorted(set(ids(archive, "harbour")) - set(
        ids(archive, filters={"source": ['"D" NOT x']})))


def test_a_facet_value_with_a_star_in_double_quotes_is_refused_naming_what_finds_it(archive):
    """`person:"Put*"` found nothing, silently: the * a character of a name (since 0cdda9b, which
    wrote a name with a * in it so). Refused, naming the wildcard search and the single quotes."""
    from search import QueryError

    with pytest.raises(QueryError) as refused:
        ids(archive, 'source:"Star*"')
    assert str(refused.value) == ("'source:\"Star*\"': a * in quotes is no wildcard: source:Star* finds the values "
                                  "with a word so spelled; a value with a * in it goes in single quotes: source:'Star*'")
    assert ids(archive, "source:'Star* Wire'") == ids(archive, filters={"source": ["Star* Wire"]})
    with pytest.raises(QueryError, match="a \\* in quotes is no wildcard, and one stands in a word: year:20\\* "):
        ids(archive, 'year:"20* x"')


def test_words_in_single_quotes_are_tidied_as_the_words_they_are(archive):
    """Only a facet's value in single quotes is one opaque name: words a text field searches in
    single quotes were kept as typed, so `'5 per cent'` missed the index's "5 percent" and the
    quoted stop word of a query in capitals ('OF') was searched as a name, each finding nothing."""
    five = ids(archive, "harbour '5 per cent'")
    assert five and five == ids(archive, 'harbour "5 per cent"')
    assert ids(archive, "HARBOUR 'OF' REPORT") == ids(archive, "HARBOUR OF REPORT") == ids(archive, "harbour report")
    assert ids(archive, "harbour source:'5 per cent'") == ids(archive, filters={"source": ["5 per cent"]})


def test_a_value_typed_in_single_quotes_gets_its_fix_link(archive):
    """A value holding a double quote is written in single quotes (field_value): typed so with a
    typo, `source:'Le "Mond"'`, it was offered "did you mean" with no fix link, and the suggestion
    was not tried with the rest of the search, as replace_field_value did not find it in the query."""
    for typed, want in [("harbour source:'Le \"Mond\"'", 'Le "Monde"'), ("harbour source:'x\"yy'", 'x"y')]:
        hint = next(u for u in run_search(archive, typed).unmatched_filters if u["facet"] == "source")
        assert hint["suggestion"] == want, hint
        fixed = replace_field_value(typed, "source", hint["value"], want)
        assert fixed == f"harbour {field_value('source', want)}", fixed
        assert ids(archive, fixed) == ids(archive, filters={"source": [want]}) != []
    # a suggestion that finds nothing with the rest of the search is not offered
    hint = next(u for u in run_search(archive, "zzqx source:'Le \"Mond\"'").unmatched_filters)
    assert hint["suggestion"] is None, hint


@pytest.mark.parametrize("source", ["5 per cent", '"D" NOT x', '"E" (x', '"G" -y', "Le \u201cMonde\u201d"])
def test_a_facet_value_in_a_group_is_the_facets_value_as_outside_one(archive, source):
    """`source:("5 per cent" OR x)`: Whoosh gives the group's field to each word in it, but the
    tidying read the quoted value as text words ("5 percent", its NOT an operator, its dash a
    NOT) and it found nothing; outside a group, `source:"5 per cent"`, it was kept whole."""
    want = ids(archive, filters={"source": [source]})
    written = field_value("source", source)  # source:"..." or source:'...'
    value = written.removeprefix("source:")
    for query in [written, f"harbour ({written} OR zzqx)", f"source:({value} OR zzqx)", f"source:({value})",
                  f"harbour source:(zzqx OR ({value}))"]:
        assert ids(archive, query) == want, query
    # a field written inside the group is that field's: words of the title, tidied as words
    assert ids(archive, 'harbour source:(zzqx OR title:"5 per cent")') == ids(archive, 'harbour title:"5 per cent"') != []


def test_the_command_lines_did_you_mean_is_written_to_paste_back(archive):
    """`search` printed a facet value it suggested for one in the query in double quotes when it
    had a space, its own rule: `source:"Le "Monde""` for Le "Monde", which pasted back was a
    phrase and a word. Now written as every other place writes a value (field_value)."""
    from click.testing import CliRunner

    from search.cli import cli

    r = CliRunner().invoke(cli, ["search", "harbour source:'Le \"Mond\"'", "--index", str(archive.store.path)])
    assert r.exit_code == 0, r.output
    said = re.search(r"did you mean (.*)\?", " ".join(r.stdout.split())).group(1)
    assert said == "source:'Le \"Monde\"'", r.stdout
    assert ids(archive, f"harbour {said}") == ids(archive, filters={"source": ['Le "Monde"']}) != []


@pytest.mark.parametrize("source", ["two\nlines here", "tab\there", 'Le "Monde"\r\nSoir'])
def test_a_value_with_a_line_break_is_written_on_one_line_and_found(archive, source):
    """A source with a line break was written with it, in quotes: Whoosh's quotes end at a line
    break and a search box drops it, and pasted back it found nothing. Written on one line, a
    space for each run of line breaks and tabs, and the value is looked up so."""
    written = field_value("source", source)
    assert "\n" not in written and "\t" not in written and "\r" not in written, written
    assert ids(archive, written) == ids(archive, filters={"source": [source]}) != []
    if '"' not in source:  # typed with its line break in double quotes (the command line): Whoosh's
        # phrase ended at the line break and found nothing, where the query's checks read on
        assert ids(archive, f'source:"{source}"') == ids(archive, written), source
        assert ids(archive, f'"{source}"') == ids(archive, source.replace("\n", " ")), source


def _spaced_sources(tmp_path, sources: dict[str, str]):
    """An archive of one article per id of `sources`, from its source."""
    (tmp_path / "wire").mkdir()
    with open(tmp_path / "wire" / "feed.jsonl", "w", encoding="utf-8") as fh:
        for i, source in sources.items():
            fh.write(json.dumps({"id": i, "source": source, "title": f"Harbour report {i}", "date": "2001-02-03",
                                 "text": f"The harbour authority published report {i}."}) + "\n")
    assert indexer.run(Store(tmp_path / "index"), [str(tmp_path / "wire")])["indexed"] == len(sources)
    return open_index(tmp_path / "index")


def test_the_readme_says_which_filters_take_a_source_spelled_alike_alone(tmp_path):
    """The README said a facet's link takes one of the sources spelled alike but for their
    spaces alone, where `source:"two lines"` takes them all; a `--filter` typed with the exact
    value takes it alone too, and one typed as no source is spelled takes them all. It says
    so, and each `--filter` it gives does what it says."""
    import shlex
    from pathlib import Path

    from click.testing import CliRunner

    from search.cli import cli

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    said = " ".join(re.search(r"^- A value's spaces, line breaks and tabs.*?(?=^- )", readme, re.M | re.S).group().split())
    assert "A filter given the exact value takes that source alone" in said, said
    exact, other = re.findall(r"`(--filter '[^`]*')`", said)
    archive = _spaced_sources(tmp_path, {"1": "two\nlines", "2": "two lines", "3": "two  lines"})
    every = ids(archive)
    assert ids(archive, 'source:"two lines"') == every

    def found(option: str) -> list[str]:
        r = CliRunner().invoke(cli, ["search", *shlex.split(option), "--json", "--limit", "100",
                                     "--index", str(tmp_path / "index")])
        assert r.exit_code == 0, r.output
        return sorted(h["id"] for h in json.loads(r.stdout)["hits"])

    assert found(exact) == [d for d in every if d.endswith("#2")], exact
    assert found(other) == every, other


def test_sources_spelled_alike_but_for_their_spaces_are_each_found(tmp_path):
    """Sources "a<line break>b", "a b" and "a  b" are three facet values, each its own filter. The
    query text holds no line break, so a chip's `source:"a b"` for "a<line break>b" found the
    articles of "a b", another source, and none of its own; and a value spelled as none of them
    (`source=A B`) was the first alone. Each now stands for every value it folds to: the query
    text cannot tell them apart, a facet's link (the value itself) still can."""
    sources = {"1": "a\nb", "2": "a\nb", "3": "a b", "4": "a  b"}
    archive = _spaced_sources(tmp_path, sources)
    every = ids(archive)
    for i, source in sources.items():
        assert ids(archive, filters={"source": [source]}) == [d for d in every if sources[d[-1]] == source]
        assert ids(archive, field_value("source", source)) == every  # `source:"a b"`: all three
    assert ids(archive, filters={"source": ["A B"]}) == ids(archive, 'source:"A B"') == every


def test_sources_spelled_alike_but_for_their_case_are_each_found_by_the_query_text(tmp_path):
    """Two feeds spell one agency "Reuters" and "reuters": `source:reuters` found the articles of
    "reuters" alone and `source:Reuters` those of "Reuters" alone, where `source:REUTERS`, spelled
    as neither, found both. The query text now finds every source spelled so but for its case,
    as for its spaces (cf53a77), on the command line and in the API alike; a filter by the value
    itself (a facet's link, `--filter`, `?source=`) still takes that source alone."""
    from click.testing import CliRunner

    from search.cli import cli
    from web import create_app

    sources = {"1": "Reuters", "2": "reuters", "3": "AP", "4": "Reuters wire"}
    archive = _spaced_sources(tmp_path, sources)
    agency = ["wire/feed.jsonl#1", "wire/feed.jsonl#2"]
    client = create_app({"INDEX": str(tmp_path / "index")}).test_client()
    for typed in ("reuters", "Reuters", "REUTERS"):
        assert ids(archive, f"source:{typed}") == agency, typed
        r = CliRunner().invoke(cli, ["search", f"source:{typed}", "--json", "--index", str(tmp_path / "index")])
        assert r.exit_code == 0, r.output
        assert sorted(h["id"] for h in json.loads(r.stdout)["hits"]) == agency, typed
        api = client.get("/api/search", query_string={"q": f"source:{typed}"}).get_json()
        assert sorted(h["id"] for h in api["hits"]) == agency, typed
    assert ids(archive, 'source:"REUTERS WIRE"') == ids(archive, 'source:"reuters wire"') == ["wire/feed.jsonl#4"]
    for i in ("1", "2"):  # the value itself, as a facet's link gives it: that source alone
        assert ids(archive, filters={"source": [sources[i]]}) == [f"wire/feed.jsonl#{i}"]
        r = CliRunner().invoke(cli, ["search", "", "--filter", f"source={sources[i]}", "--json",
                                     "--index", str(tmp_path / "index")])
        assert [h["id"] for h in json.loads(r.stdout)["hits"]] == [f"wire/feed.jsonl#{i}"]
        api = client.get("/api/search", query_string={"source": sources[i]}).get_json()
        assert [h["id"] for h in api["hits"]] == [f"wire/feed.jsonl#{i}"]


def test_a_source_with_a_dotted_capital_i_is_found_in_any_case(tmp_path):
    """Turkish writes the capital of i as İ: the sources "İHA" and "iha" are one agency spelled
    but for their case, as "Reuters" and "reuters" (1965b2c), but Python's casefold gives İ as
    "i" with a combining dot, so `source:iha` and `source:IHA` found "iha" alone and only
    `source:İHA` found "İHA". Each spelling now finds both, as ß finds SS and σ Σ; a filter
    by the value itself still takes that source alone."""
    archive = _spaced_sources(tmp_path, {"1": "İHA", "2": "iha", "3": "Straße", "4": "STRASSE", "5": "ΣΟΦΙΑ",
                                           "6": "σοφια", "7": "HIA"})
    for typed, want in ((("iha", "IHA", "İHA", "İha"), ["1", "2"]), (("strasse", "STRAßE"), ["3", "4"]),
                        (("σοφια", "ΣΟΦΙΑ"), ["5", "6"])):
        for t in typed:
            assert ids(archive, f"source:{t}") == [f"wire/feed.jsonl#{i}" for i in want], t
    assert ids(archive, filters={"source": ["İHA"]}) == ["wire/feed.jsonl#1"]  # the value itself: alone
    assert ids(archive, filters={"source": ["IHA"]}) == ["wire/feed.jsonl#1", "wire/feed.jsonl#2"]  # spelled as none


@pytest.mark.parametrize("source", ["file:///srv/wire/feed", "https://www.zeit.de/wire?page=2"])
def test_a_site_s_address_is_written_bare_as_a_fix_offers_it(archive, source):
    """12b6cf5 kept a refusal's fixed query bare (`source:https://www.zeit.de/ person:x`), as the
    query reads an address after `source:`, but a chip, a fix link and "did you mean" still
    wrote `source:"https://..."`, quotes the user had not typed: one query, two spellings. They
    are written bare too, and find what the filter does (test above)."""
    assert field_value("source", source) == f"source:{source}"
    assert replace_field_value("harbour source:zzzz", "source", "zzzz", source) == f"harbour source:{source}"
    assert ids(archive, f"harbour source:{source}") == ids(archive, filters={"source": [source]}) != []
    assert field_value("source", source + "*") == f"source:'{source}*'"  # a * in an address is no wildcard

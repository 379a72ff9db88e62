"""Several bad filters are named together, on the command line, the web page and the API alike:
only the first was named, and each one fixed brought the next refusal."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from click.testing import CliRunner

from search import fieldnames
from search.cli import FILTER_USAGE, cli
from search.schema import FACETS
from web import create_app


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX": str(seeds_index)}).test_client()


def cli_json(seeds_index, *filters: str) -> tuple[int, dict]:
    args = [a for f in filters for a in ("--filter", f)]
    r = CliRunner().invoke(cli, ["search", *args, "--json", "--index", str(seeds_index)])
    return r.exit_code, json.loads(r.stdout)


def test_every_bad_value_is_named_in_the_api_and_the_cli_json_alike(client, seeds_index):
    want = "a 'year' filter must be four digits, not '21'; a 'translated' filter is one of likely, possible, unlikely, not 'maybe'"
    got = client.get("/api/search?translated=maybe&year=21")
    assert got.status_code == 400 and got.get_json() == {"error": want, "status": 400}
    # typed in another order, named in the facets' order, as the API's are
    code, out = cli_json(seeds_index, "translated=maybe", "year=21")
    assert (code, out) == (2, {"error": want, "exit": 2, "option": "--filter"})
    # the page names each as its chip does
    page = unescape(client.get("/search?year=21&translated=maybe").get_data(as_text=True))
    assert "a 'Year' filter must be four digits, not '21'; a 'Machine translation' filter is one of likely, possible, unlikely, not 'maybe'" in page


@pytest.mark.parametrize("others", [(), ("yaer=1",), ("translated=maybe",), ("person=" + "x" * 201,)])
def test_a_value_no_article_could_have_is_refused_in_one_wording_alone_or_with_others(seeds_index, others):
    """`--filter year=21` alone was "bad query: year must be four digits, not '21'" (under
    --json, no "option"), where beside another bad `--filter` it was "Invalid value for
    '--filter': …": the option's error either way, as a bad name is."""
    r = CliRunner().invoke(cli, ["search", "--filter", "year=21", *(a for f in others for a in ("--filter", f)),
                                 "--index", str(seeds_index)])
    assert r.exit_code == 2 and "Invalid value for '--filter': " in r.stderr, r.output
    assert "a 'year' filter must be four digits, not '21'" in r.stderr and "bad query" not in r.stderr, r.output
    code, out = cli_json(seeds_index, "year=21", *others)
    assert code == 2 and out["option"] == "--filter" and "a 'year' filter must be four digits, not '21'" in out["error"], out


def test_the_named_are_bounded(client, seeds_index):
    years = [f"{n}" for n in range(21, 29)]  # eight bad years
    got = client.get("/api/search?" + "&".join(f"year={y}" for y in years)).get_json()["error"]
    assert got.count("must be four digits") == 5 and got.endswith("; and 3 more"), got
    assert cli_json(seeds_index, *(f"year={y}" for y in years))[1]["error"] == got


def test_every_unknown_filter_is_named_on_the_command_line_and_the_web(client, seeds_index):
    code, out = cli_json(seeds_index, "yaer=2021", "lang=en")
    assert code == 2 and out["option"] == "--filter", out
    assert "unknown filter 'yaer': did you mean 'year=2021'?" in out["error"], out
    assert "unknown filter 'lang': did you mean 'language=en'?" in out["error"], out
    assert out["error"].count("a filter is FACET=VALUE") == 1, out
    got = client.get("/api/search?yaer=2021&lang=en").get_json()["error"]
    assert "unknown filter 'yaer': did you mean 'year=2021'?" in got and "unknown filter 'lang'" in got, got


def test_a_misnamed_filter_and_a_bad_value_are_named_together(client, seeds_index):
    """A misnamed filter was refused first, and the search fixed so refused the bad value next."""
    code, out = cli_json(seeds_index, "year=21", "yaer=2021")
    assert code == 2 and "did you mean 'year=2021'?" in out["error"], out
    assert "a 'year' filter must be four digits, not '21'" in out["error"], out
    got = client.get("/api/search?year=21&yaer=2021").get_json()["error"]
    assert "did you mean 'year=2021'?" in got and "a 'year' filter must be four digits, not '21'" in got, got


@pytest.mark.parametrize("name,value,core", [
    ("yaer", "2021", "unknown filter 'yaer': did you mean 'year=2021'?"),
    ("Persn", "goita", "unknown filter 'Persn': did you mean 'person=goita'?"),
    ("published", "2020-08-28", "unknown filter 'published': search it in the query, published:2020-08-28"),
])
def test_an_unknown_filter_is_refused_in_the_same_words_on_the_command_line_and_the_api(client, seeds_index, name, value, core):
    """`--filter yaer=2021` said "'yaer=2021': did you mean 'year=2021'?" where `?yaer=2021`
    said "unknown filter 'yaer': did you mean 'year=2021'?": one refusal, the same words, each
    envelope adding what a filter is in its own terms (README: Parameters, errors and caching)."""
    facets = "person, organization, location, source, language, year, translated"
    code, out = cli_json(seeds_index, f"{name}={value}")
    assert (code, out) == (2, {"error": f"{core} (a filter is FACET=VALUE with FACET one of {facets})", "exit": 2,
                               "option": "--filter"})
    got = client.get(f"/api/search?{name}={value}")
    assert got.status_code == 400 and got.get_json() == {"error": f"{core} (filters: {facets})", "status": 400}


def test_a_filter_of_no_facet_with_no_hint_is_named_as_unknown_on_the_command_line(seeds_index):
    code, out = cli_json(seeds_index, "colour=red")
    assert code == 2 and out["error"].startswith("unknown filter 'colour': use FACET=VALUE with FACET one of person, "), out


def test_every_facet_past_a_bound_is_named_in_the_api_the_page_and_the_cli_alike(client, seeds_index):
    """Too long or too many filter values stopped at the first facet past the bound
    (search.query.check_filter_values), where every other bad filter is named together:
    fixed, the next facet's refusal came. Each is named, in the facets' order."""
    long = "x" * 201
    too_long = "a '{}' filter's value is too long (201 characters; at most 200)"
    got = client.get(f"/api/search?location={long}&person={long}")
    assert got.status_code == 400
    assert got.get_json()["error"] == f"{too_long.format('person')}; {too_long.format('location')}"
    page = unescape(client.get(f"/search?location={long}&person={long}").get_data(as_text=True))
    assert f"{too_long.format('Person')}; {too_long.format('Place')}" in page
    many = [f"p{i}" for i in range(51)]
    want = "too many 'person' filters (51; at most 50); too many 'location' filters (51; at most 50)"
    got = client.get("/api/search?" + "&".join(f"location={v}&person={v}" for v in many)).get_json()
    assert got == {"error": want, "status": 400}
    code, out = cli_json(seeds_index, *(f"location={v}" for v in many), *(f"person={v}" for v in many))
    assert (code, out) == (2, {"error": want, "exit": 2, "option": "--filter"})
    got = client.get("/api/facet/year?" + "&".join(f"person={v}" for v in many) + f"&location={long}").get_json()
    assert got["error"] == f"too many 'person' filters (51; at most 50); {too_long.format('location')}"


def test_a_value_past_a_bound_and_a_value_no_article_could_have_are_named_together(client, seeds_index):
    """`--filter person=<201 characters> --filter year=21` named both; `?person=…&year=21` the
    person's alone, and fixed, the year next."""
    want = "a 'person' filter's value is too long (201 characters; at most 200); a 'year' filter must be four digits, not '21'"
    got = client.get("/api/search?year=21&person=" + "x" * 201).get_json()
    assert got == {"error": want, "status": 400}
    assert cli_json(seeds_index, "person=" + "x" * 201, "year=21") == (2, {"error": want, "exit": 2, "option": "--filter"})
    many = "&".join(f"year={2000 + i}" for i in range(50)) + "&year=21"
    got = client.get("/api/search?" + many).get_json()
    assert got["error"] == "too many 'year' filters (51; at most 50); a 'year' filter must be four digits, not '21'"


@pytest.mark.parametrize("name,value,why", [
    ("yaer", "1", "must be four digits, not '1'"),
    ("date", "Mali", "must be four digits, not 'Mali'"),
    ("transalted", "yes", "is one of likely, possible, unlikely, not 'yes'"),
    ("persn", "x" * 201, "is too long (201 characters; at most 200)"),
])
def test_a_misnamed_filter_is_offered_only_what_would_be_taken(client, seeds_index, name, value, why):
    """`--filter yaer=1` said "did you mean 'year=1'?", and year=1 was refused in turn (not four
    digits): the hint offers the facet's name, and says why the value would not do, on the
    command line and the API alike."""
    core = f"unknown filter '{name}': did you mean the filter '{fieldnames.meant(name, FACETS)}'? Its value {why}"
    code, out = cli_json(seeds_index, f"{name}={value}")
    assert code == 2 and out["error"].startswith(core), out
    got = client.get("/api/search", query_string={name: value})
    assert got.status_code == 400 and got.get_json()["error"].startswith(core), got.get_json()
    page = client.get("/search", query_string={"q": "coup", name: value})
    assert page.status_code == 400 and core in unescape(page.get_data(as_text=True))
    # what the hint offers is taken
    facet = fieldnames.meant(name, FACETS)
    assert client.get("/api/search", query_string={facet: "2021" if facet == "year" else "likely"
                                                   if facet == "translated" else "x"}).status_code == 200


@pytest.mark.parametrize("value,said", [
    ("2020-13-45", "'published' is a field of the query text, where '2020-13-45' is no date: search it there as "
                   "YYYY, YYYY-MM or YYYY-MM-DD (published:2020-08-28), a range as published:[2020-01 TO 2020-06]"),
    ("28 August 2020", "search it in the query, published:2020-08-28"),  # one reading (it was "is no date")
    ("28 Augustus 2020", "'published' is a field of the query text, where '28 Augustus 2020' is no date: search it"),
    ("2020-09-01 TO 2020-08-28", "'published' is a field of the query text, where published:[2020-09-01 TO "
                                 "2020-08-28] ends before it starts: put the earlier date first"),
])
def test_a_date_filter_s_refusal_reads_as_one_sentence_with_the_value_quoted_once(client, seeds_index, value, said):
    """`--filter "date=2020-13-45"` was refused as "… search it there (published:2020-08-28); bad
    date '2020-13-45' in published: (dates are …; a range is …) (a filter is …)": the query's
    refusal of the hint, its brackets stacked on the command line's, and a value with spaces
    quoted twice ('"28 August 2020"', as the hint wrote it in the query). One sentence now, the
    value quoted once, on the command line and the API alike."""
    code, out = cli_json(seeds_index, f"date={value}")
    assert code == 2 and out["error"].startswith(f"unknown filter 'date': {said}"), out
    got = client.get("/api/search", query_string={"date": value}).get_json()["error"]
    assert got.startswith(f"unknown filter 'date': {said}"), got
    for message in (out["error"], got):
        assert ") (" not in message and "'\"" not in message and "; bad date" not in message, message


def test_a_date_range_typed_without_its_brackets_is_offered_with_them(client, seeds_index):
    """`--filter "date=2020-08-28 TO 2020-09-01"` was offered nothing but "bad date
    '"2020-08-28 TO 2020-09-01"'": the hint wrote the range in quotes, which the query refuses.
    A range without its brackets is offered with them, and the query offered runs."""
    core = "unknown filter 'date': search it in the query, published:[2001 TO 2002-06-30]"
    code, out = cli_json(seeds_index, "date=2001 TO 2002-06-30")
    assert code == 2 and out["error"].startswith(core), out
    assert client.get("/api/search", query_string={"date": "2001 TO 2002-06-30"}).get_json()["error"].startswith(core)
    assert client.get("/api/search", query_string={"q": "published:[2001 TO 2002-06-30]"}).status_code == 200


@pytest.mark.parametrize("q", ["source:https://www.zeit.de/", "coup published:[* TO 2021]", "coup year:[2019 TO *]",
                               "id:001_3af445065a74e937.txt:*"])
def test_the_engine_s_validate_takes_what_a_search_takes(client, seeds_index, q):
    """query.validate, the engine's check of a query, refused a bare `source:https://…` ("unknown
    field 'https:'"), an open end written `*` ("bad date '*'") and an id with a colon, each of
    which a search takes (it read them first, validate did not), so a `date=[* TO 2021]` filter
    was told "'[* TO 2021]' is no date" where README writes published:[* TO 2020]. validate reads
    the query as a search does, and a refusal names it as typed, the same as the search's."""
    from search import open_index, run_search
    from search.query import QueryError, validate

    validate(q)
    run_search(open_index(seeds_index), q)
    with pytest.raises(QueryError) as checked:
        validate(f"{q} persn:x")
    with pytest.raises(QueryError) as searched:
        run_search(open_index(seeds_index), f"{q} persn:x")
    assert (str(checked.value), checked.value.suggestion) == (str(searched.value), searched.value.suggestion)
    assert checked.value.suggestion.endswith(" person:x") and "https:" not in str(checked.value)
    value = "[* TO 2021]"
    core = f"unknown filter 'date': search it in the query, published:{value}"
    code, out = cli_json(seeds_index, f"date={value}")
    assert code == 2 and out["error"].startswith(core), out
    assert client.get("/api/search", query_string={"date": value}).get_json()["error"].startswith(core)


@pytest.mark.parametrize("value,offered", [
    ("[28/08/2020 TO 11/04/2021]", "published:[2020-08-28 TO 2021-04-11]"),
    ("[28/08/2020 TO *]", "published:[2020-08-28 TO *]"),
    ("[11 April 2021 TO 28 August 2020]", "published:[2020-08-28 TO 2021-04-11]"),
])
def test_a_date_filter_s_range_of_dates_a_search_reads_is_offered_as_the_search_offers_it(client, seeds_index,
                                                                                         value, offered):
    """`--filter 'date=[28/08/2020 TO 11/04/2021]'` (or date= on the web) was told "'[28/08/2020
    TO 11/04/2021]' is no date: search it there as YYYY, …", where the query
    `published:[28/08/2020 TO 11/04/2021]` is offered published:[2020-08-28 TO 2021-04-11], as
    `date=28/08/2020 TO 11/04/2021` (no brackets) was: the filter is offered the query's own offer,
    which runs."""
    from search import open_index, run_search

    core = f"unknown filter 'date': search it in the query, {offered}"
    code, out = cli_json(seeds_index, f"date={value}")
    assert code == 2 and out["error"].startswith(core), out
    assert client.get("/api/search", query_string={"date": value}).get_json()["error"].startswith(core)
    assert run_search(open_index(seeds_index), offered).total >= 1


@pytest.mark.parametrize("typed,want", [
    ([("year", "1" * 201), ("person", "x" * 201)],
     "a 'person' filter's value is too long (201 characters; at most 200); "
     "a 'year' filter's value is too long (201 characters; at most 200)"),
    ([("persn", "x"), ("person", "x" * 201), ("year", "21")],
     "unknown filter 'persn': did you mean 'person=x'?; a 'person' filter's value is too long (201 characters; "
     "at most 200); a 'year' filter must be four digits, not '21'"),
])
def test_the_command_line_and_the_api_name_bad_filters_in_one_order(client, seeds_index, typed, want):
    """`--filter year=<201 digits> --filter person=<201 letters>` named the two in the order typed,
    `?year=…&person=…` in the facets' order; and beside a misnamed filter the API left a value
    past the bounds out, its refusal for the next try. One function orders them for both: the
    unknown names as typed, then each facet's values in the facets' order."""
    code, out = cli_json(seeds_index, *(f"{k}={v}" for k, v in typed))
    assert code == 2 and out["error"].removesuffix(f" (a filter is {FILTER_USAGE})") == want, out
    got = client.get("/api/search", query_string=typed)
    assert got.status_code == 400
    assert got.get_json()["error"].removesuffix(f" (filters: {', '.join(FACETS)})") == want, got.get_json()


def test_a_range_s_to_is_read_in_any_case(client, seeds_index):
    """Whoosh reads a range's "to" in any case (`published:[2001 to 2002]` is a range), but
    `--filter "date=2001 to 2002-06-30"` was "'2001 to 2002-06-30' is no date" where "TO" was
    offered the range, and `published:2021-01 to 2021-06]` found nothing, silently, where "TO"
    was refused ("a range opens with ["). Both read "to" as "TO" now; a "to" with no field
    and no bracket before it is a word as before."""
    from search import open_index, run_search
    from search.query import QueryError

    core = "unknown filter 'date': search it in the query, published:[2001 TO 2002-06-30]"
    for typed in ("2001 to 2002-06-30", "2001 To 2002-06-30"):
        code, out = cli_json(seeds_index, f"date={typed}")
        assert code == 2 and out["error"].startswith(core), out
        assert client.get("/api/search", query_string={"date": typed}).get_json()["error"].startswith(core)
    code, out = cli_json(seeds_index, "year=2001 To 2002")
    assert code == 2 and "search published:[2001 TO 2002] in the query" in out["error"], out
    archive = open_index(seeds_index)
    for q in ("published:2021-01 to 2021-06]", "coup year:2020 To 2022]"):
        with pytest.raises(QueryError, match=r"a range opens with \[ after the field"):
            run_search(archive, q)
    assert run_search(archive, "coup published:[2021-01 to 2021-12]").total == run_search(
        archive, "coup published:[2021-01 TO 2021-12]").total > 0
    assert run_search(archive, "coup to mali").total == run_search(archive, "coup mali").total > 0


def refused_with_fix(client, seeds_index, typed: str, said: str, meant: str) -> None:
    """`typed` is refused saying `said`, with `meant` as the suggestion, on the command line's
    --json, the API and the page, whose "Search ... instead" link runs it."""
    from urllib.parse import parse_qs, urlsplit

    r = CliRunner().invoke(cli, ["search", typed, "--json", "--index", str(seeds_index)])
    out = json.loads(r.stdout)
    assert r.exit_code == 2 and said in out["error"] and out["suggestion"] == meant, out
    got = client.get("/api/search", query_string={"q": typed})
    assert got.status_code == 400 and got.get_json()["error"] == out["error"] and got.get_json()["suggestion"] == meant
    page = client.get("/search", query_string={"q": typed})
    html = unescape(page.get_data(as_text=True))
    assert page.status_code == 400 and said in html
    link = re.search(r'<p class="suggest">Search <a href="([^"]+)"', html).group(1)
    assert parse_qs(urlsplit(link).query)["q"] == [meant] and client.get(link).status_code == 200


@pytest.mark.parametrize("typed,range_,meant", [
    ("published:2020 to 2021", "published:[2020 TO 2021]", "published:[2020 TO 2021]"),
    ("published:2020 TO 2021", "published:[2020 TO 2021]", "published:[2020 TO 2021]"),
    ("coup published:2021-06 to 2021-01 mali", "published:[2021-01 TO 2021-06]", "coup published:[2021-01 TO 2021-06] mali"),
    ("year:2019 TO 2021", "year:[2019 TO 2021]", "year:[2019 TO 2021]"),
])
def test_a_range_without_its_brackets_offers_the_range(client, seeds_index, typed, range_, meant):
    """`published:2020 to 2021`, its brackets left out, searched the year 2020 and the word
    2021: 0 results, silently, where a range with one bracket left out was refused. It is
    refused with the range offered, in the message and as the suggestion, on the command
    line, the API and the page (its link runs it); words after a date stay words."""
    from search import open_index, run_search

    refused_with_fix(client, seeds_index, typed, f"a range is written in brackets: did you mean {range_}?", meant)
    archive = open_index(seeds_index)
    assert run_search(archive, "coup published:2021 to mali").total == run_search(archive, "coup published:2021 mali").total


def test_a_to_between_a_field_s_words_is_no_range(seeds_index):
    """9fbe0d2 read a range's "to" in any case after any field, so `title:coup to mali]` (a stray
    bracket after a title's words) and `text:coup to [mali]` (a word in brackets after "to"), which
    ran before it, were refused: "a range opens with [ after the field (title:[... TO ...])". A
    lower-case "to" is a range's only after published: or year:, and an unopened range's end opens
    no bracket of its own; "TO" after any field, and "to" after a date's, are refused as before."""
    from search import open_index, run_search
    from search.query import QueryError

    archive = open_index(seeds_index)
    for q, words in (("title:coup to mali]", "title:coup title:mali"), ("coup text:coup to [mali]", "coup text:mali"),
                     ("text:coup To mali]", "text:coup text:mali")):
        assert run_search(archive, q).total == run_search(archive, words).total > 0, q
    for q in ("title:coup TO mali]", "published:2021-01 to 2021-06]", "coup Year:2020 tO 2022]"):
        with pytest.raises(QueryError, match=r"a range opens with \[ after the field"):
            run_search(archive, q)


@pytest.mark.parametrize("typed,said,meant", [
    ("DATE:2020 to 2021", "unknown field 'DATE:': did you mean published:[2020 TO 2021]?", "published:[2020 TO 2021]"),
    ("coup Publishd:2021-06 TO 2021-01", "unknown field 'Publishd:': did you mean published:[2021-01 TO 2021-06]?",
     "coup published:[2021-01 TO 2021-06]"),
    ("Yaer:2019 to 2021 mali", "unknown field 'Yaer:': did you mean year:[2019 TO 2021]?", "year:[2019 TO 2021] mali"),
    # the range fixed before the field, whose own fix is then said alone
    ("published:2020 to 2021 Titel:coup", "unknown field 'Titel:': did you mean title:coup?",
     "published:[2020 TO 2021] title:coup"),
])
def test_a_misnamed_field_with_a_range_without_its_brackets_offers_both_fixes(client, seeds_index, typed, said, meant):
    """`Date:2020` was offered published:2020, in any case, but `DATE:2020 to 2021` was "unknown
    field 'DATE:'" with no fix: the field renamed, the query was refused again, for the range's
    brackets, and the fix given up. Both fixes are offered in one, as the suggestion."""
    refused_with_fix(client, seeds_index, typed, said, meant)


@pytest.mark.parametrize("typed,said,meant", [
    ("id:news/feed.jsonl:12 OR published:2021 to 2020", "a range is written in brackets: did you mean published:[2020 TO 2021]?",
     "id:news/feed.jsonl:12 OR published:[2020 TO 2021]"),
    ("id:news/feed.jsonl:12^", "'id:news/feed.jsonl:12^': a ^ gives the word", "id:news/feed.jsonl:12"),
    ("id:news/feed.jsonl:12 OR titel:coup", "did you mean title:coup?", "id:news/feed.jsonl:12 OR title:coup"),
])
def test_a_refusal_quotes_and_fixes_an_id_s_colons_as_typed(client, seeds_index, typed, said, meant):
    """An id with a colon (a JSON Lines record's FILE:LINE) is read with its colons held as a
    private character while the query is parsed: a refusal's message and its fixed query showed
    that character ("id:news/feed.jsonl\\ue00012"), on the page and in the link's query."""
    refused_with_fix(client, seeds_index, typed, said, meant)


@pytest.mark.parametrize("typed,said,meant", [
    ("published:2020 TO 2021]", "'published:2020 TO 2021]': a range opens with [ after the field: did you mean "
     "published:[2020 TO 2021]?", "published:[2020 TO 2021]"),
    ("coup year:2021 to 2019] mali", "a range opens with [ after the field: did you mean year:[2019 TO 2021]?",
     "coup year:[2019 TO 2021] mali"),
    ("published:[2021-01 TO 2021-06", "'published:[2021-01 TO 2021-06': unclosed range: close it with ]: did you mean "
     "published:[2021-01 TO 2021-06]?", "published:[2021-01 TO 2021-06]"),
    ("coup published:[2021-06 to 2021-01 mali", "unclosed range: close it with ]: did you mean "
     "published:[2021-01 TO 2021-06]?", "coup published:[2021-01 TO 2021-06] mali"),
    ("coup published:[2021 TO", "did you mean published:[2021 TO]?", "coup published:[2021 TO]"),
])
def test_a_range_with_one_bracket_left_out_offers_the_range(client, seeds_index, typed, said, meant):
    """A range with one bracket left out (`published:2020 TO 2021]`, `published:[2020 TO 2021`)
    was refused with no fix, where one typed with neither is offered with both (7e81ba1): it is
    offered closed, the ends of dates or years in order, its link running it."""
    refused_with_fix(client, seeds_index, typed, said, meant)


@pytest.mark.parametrize("query,fixed", [
    ("published:1987/03/01", "published:1987-03-01"),
    ("mali published:13/03/2020", "mali published:2020-03-13"),  # day first: 13 is no month
    ("published:[2020/08/01 TO 2020/09]", "published:[2020-08-01 TO 2020-09]"),
    ("coup published:>=2020-08", "coup published:[2020-08 TO]"),
    ("coup published:>2020-08-27", "coup published:[2020-08-28 TO]"),
    ("published:<2021", "published:[TO 2020]"),
])
def test_a_date_typed_another_way_is_offered_as_the_query_reads_it(client, seeds_index, query, fixed):
    """`published:1987/03/01` or `published:>=2020-08` was "bad date '…' in published: (dates are
    YYYY, YYYY-MM or YYYY-MM-DD; …)" with no suggestion, where one reading is certain (as a JSON
    Lines date with slashes is read), and `--filter date=1987/03/01` was "'1987/03/01' is no date".
    The query fixed is offered (`suggestion`, on the command line and the API alike), and it runs;
    a date either number of which could be the month is offered nothing."""
    r = CliRunner().invoke(cli, ["search", query, "--index", str(seeds_index), "--json"])
    out = json.loads(r.stdout.splitlines()[0])
    assert r.exit_code == 2 and out["suggestion"] == fixed, out
    assert out["error"].endswith(f"did you mean {fixed[fixed.index('published:'):]}?"), out
    api = client.get("/api/search", query_string={"q": query}).get_json()
    assert api["suggestion"] == fixed, api
    assert client.get("/api/search", query_string={"q": fixed}).status_code == 200
    if " " not in query:
        code, hint = cli_json(seeds_index, f"date={query.removeprefix('published:')}")
        assert code == 2 and hint["error"].startswith(f"unknown filter 'date': search it in the query, {fixed}"), hint
    for unsure in ("published:03/01/2020", "published:>9999"):  # either the month; no year 10000
        r = CliRunner().invoke(cli, ["search", unsure, "--index", str(seeds_index), "--json"])
        assert r.exit_code == 2 and "suggestion" not in json.loads(r.stdout.splitlines()[0]), r.output


@pytest.mark.parametrize("typed,said,meant,found", [
    ("coup published:2020/08/28 TO 2021/04/11", "a range is written in brackets: did you mean published:[2020-08-28 TO 2021-04-11]?",
     "coup published:[2020-08-28 TO 2021-04-11]", 2),
    ("coup published:[2021/04/11 TO 2020/08/28]", "did you mean published:[2020-08-28 TO 2021-04-11]?",
     "coup published:[2020-08-28 TO 2021-04-11]", 2),
    ('coup published:"28 August 2020"', "did you mean published:2020-08-28?", "coup published:2020-08-28", 1),
    ("coup published:2020/08/28 OR published:2021/04/11", "did you mean published:2020-08-28?",
     "coup published:2020-08-28 OR published:2021-04-11", 2),
    ("coup published:[TO 2020/08]", "did you mean published:[TO 2020-08]?", "coup published:[TO 2020-08]", 1),
])
def test_a_date_typed_another_way_is_offered_a_query_that_runs(client, seeds_index, typed, said, meant, found):
    """5063fa3 offered a query refused in turn: `published:2020/08/28 TO 2021/04/11` its first date
    alone fixed (then refused as a range without brackets, then its second date), a range the
    wrong way round as typed (then "ends before it starts"), a second published: left as typed;
    and `published:"28 August 2020"`, the one way to type a date with spaces, nothing. Each is
    offered the query meant, which runs and finds the articles of those dates."""
    refused_with_fix(client, seeds_index, typed, said, meant)
    assert client.get("/api/search", query_string={"q": meant}).get_json()["total"] == found


@pytest.mark.parametrize("typed,said,meant", [
    ("coup date:[* TO 2021]", "unknown field 'date:': did you mean published:[* TO 2021]?", "coup published:[* TO 2021]"),
    ("coup published:[* TO 2021/03]", "did you mean published:[* TO 2021-03]?", "coup published:[* TO 2021-03]"),
    ("coup published:[2020/08 TO *]", "did you mean published:[2020-08 TO *]?", "coup published:[2020-08 TO *]"),
])
def test_a_range_s_open_end_typed_as_a_star_is_offered_as_a_star(client, seeds_index, typed, said, meant):
    """`coup date:[* TO 2021]` was offered "did you mean published:[TO 2021]?", the open end as
    Whoosh reads it, not the `*` typed (README writes published:[* TO 2020]), on the command
    line, the API and the page alike; so were a date typed another way beside a `*` and the
    `--filter date=` hint. The offer keeps the `*`, and runs."""
    refused_with_fix(client, seeds_index, typed, said, meant)
    assert client.get("/api/search", query_string={"q": meant}).get_json()["total"] >= 1


@pytest.mark.parametrize("typed,quoted_,meant", [
    ("coup published:[* TO 2021", "published:[* TO 2021", "coup published:[* TO 2021]"),
    ("coup published:[2020 TO * mali", "published:[2020 TO *", "coup published:[2020 TO *] mali"),
    ("coup year:[* TO 2021", "year:[* TO 2021", "coup year:[* TO 2021]"),
])
def test_an_unclosed_range_is_quoted_as_typed(client, seeds_index, typed, quoted_, meant):
    """`published:[* TO 2021` (unclosed) was refused quoting 'published:[TO', neither what the
    user wrote (its `*` taken out, its end cut at the space) nor a range, and was offered
    nothing, where `published:[2020 TO 2021` is offered its ]. The range is quoted as typed
    through its ends, and offered closed, its `*` kept, on the command line, the API and the
    page; an unclosed range offered nothing is quoted whole too."""
    refused_with_fix(client, seeds_index, typed, f"'{quoted_}': unclosed range: close it with ]: did you mean "
                     f"{quoted_}]?", meant)
    assert client.get("/api/search", query_string={"q": meant}).get_json()["total"] >= 1
    code, out = cli_json_q(seeds_index, "coup published:[2020 TO 2021/13")
    assert code == 2 and out["error"].startswith("'published:[2020 TO 2021/13': unclosed range: close it with ]"), out
    code, out = cli_json_q(seeds_index, "coup [* TO 2021")
    assert code == 2 and out["error"].startswith("'[* TO 2021': unclosed range: close it with ]"), out


def cli_json_q(seeds_index, query: str) -> tuple[int, dict]:
    r = CliRunner().invoke(cli, ["search", query, "--json", "--index", str(seeds_index)])
    return r.exit_code, json.loads(r.stdout)


@pytest.mark.parametrize("name,value,said", [
    ("date", "[* TO *]", "unknown filter 'date': '[* TO *]', a range open at both ends, is no filter: leave it out "
                         "(published:[* TO *] in the query finds the articles that have a date)"),
    ("published", "[TO]", "unknown filter 'published': '[TO]', a range open at both ends, is no filter: leave it out"),
    ("date", "*", "unknown filter 'date': '*', a range open at both ends, is no filter: leave it out"),
    ("year", "[* TO *]", "a 'year' filter must be four digits, not '[* TO *]': a range open at both ends is no "
                         "filter: leave it out"),
    # the query's exclusive range, its braces: was "did you mean the filter 'year'?" still
    ("date", "{* TO *}", "unknown filter 'date': '{* TO *}', a range open at both ends, is no filter: leave it out"),
    ("year", "{* TO *]", "a 'year' filter must be four digits, not '{* TO *]': a range open at both ends is no "
                         "filter: leave it out"),
])
def test_a_date_filter_open_at_both_ends_is_said_to_be_no_filter(client, seeds_index, name, value, said):
    """`--filter 'date=[* TO *]'` (or date= on the web) was offered "did you mean the filter
    'year'? Its value must be four digits, not '[* TO *]'", a filter refused in turn, for a range
    of every date, which filters nothing. It says so, on the command line, the API and the page;
    published:[* TO *], which it names for the articles with a date, runs."""
    code, out = cli_json(seeds_index, f"{name}={value}")
    assert code == 2 and out["error"].startswith(said) and "did you mean" not in out["error"], out
    api = client.get("/api/search", query_string={name: value, "q": "coup"})
    assert api.status_code == 400 and api.get_json()["error"].startswith(said), api.get_json()
    page = unescape(client.get("/search", query_string={name: value, "q": "coup"}).get_data(as_text=True))
    assert said.replace("'year'", "'Year'") in page
    assert 0 < client.get("/api/search", query_string={"q": "published:[* TO *]"}).get_json()["total"] < 5


@pytest.mark.parametrize("typed,end", [
    ("coup published:2020-08-28T10:00:00Z", "2020-08-28T10:00:00Z"),  # a timestamp pasted from a feed
    ('coup published:"2020-08-28 10:00"', '"2020-08-28 10:00"'),
    ("coup published:20200828", "20200828"),  # a date with no separators, as in file names
])
def test_a_date_with_its_time_or_with_no_separators_is_offered_its_day(client, seeds_index, typed, end):
    """5063fa3 offered `published:1987/03/01` as the query reads it, but a timestamp
    (`published:2020-08-28T10:00:00Z`, as feeds and JSON write dates) or a date of eight digits
    was "bad date" with nothing offered, where its day is certain. It is offered the day as
    written, which runs and finds the article of that day; `--filter date=` alike."""
    refused_with_fix(client, seeds_index, typed, f"bad date '{end}' in published: (dates are YYYY, YYYY-MM or "
                     "YYYY-MM-DD): did you mean published:2020-08-28?", "coup published:2020-08-28")
    assert client.get("/api/search", query_string={"q": "coup published:2020-08-28"}).get_json()["total"] == 1
    if "T" in end:  # date=20200828 is offered the filter year (its digits)
        code, hint = cli_json(seeds_index, f"date={end}")
        assert code == 2 and hint["error"].startswith("unknown filter 'date': search it in the query, "
                                                      "published:2020-08-28"), hint


@pytest.mark.parametrize("typed,end,meant,found", [
    ("coup published:28.08.2020", "28.08.2020", "published:2020-08-28", 1),  # as Europe writes a date
    ("coup published:28-08-2020", "28-08-2020", "published:2020-08-28", 1),
    ("coup published:08-28-2020", "08-28-2020", "published:2020-08-28", 1),  # the month first, as certain
    ('coup published:"August 2020"', '"August 2020"', "published:2020-08", 1),  # a month's name and its year
    ('coup published:"Aug. 2020"', '"Aug. 2020"', "published:2020-08", 1),
])
def test_a_date_with_dots_or_dashes_or_a_month_s_name_is_offered_as_the_query_reads_it(client, seeds_index, typed,
                                                                                        end, meant, found):
    """typed_dates offered `published:1987/03/01` and `13/03/1987`, but a date written with dots
    or dashes, its day first (`28.08.2020`, `28-08-2020`), or a month by its name (`"August
    2020"`) was "bad date" with nothing offered, where its reading is certain. It is offered
    written as the query reads it, which runs and finds the article; `--filter date=` alike."""
    refused_with_fix(client, seeds_index, typed, f"bad date '{end}' in published: (dates are YYYY, YYYY-MM or "
                     f"YYYY-MM-DD): did you mean {meant}?", f"coup {meant}")
    assert client.get("/api/search", query_string={"q": f"coup {meant}"}).get_json()["total"] == found
    code, hint = cli_json(seeds_index, f"date={end.strip(chr(34))}")
    assert code == 2 and hint["error"].startswith(f"unknown filter 'date': search it in the query, {meant}"), hint


@pytest.mark.parametrize("typed", ["coup published:03.04.2020", "coup published:03-04-2020", 'coup published:"Foo 2020"'])
def test_a_date_of_two_readings_with_dots_or_dashes_is_offered_nothing(client, seeds_index, typed):
    """03.04.2020 is 3 April or March 4: no reading is guessed, as 03/04/2020's is not."""
    r = CliRunner().invoke(cli, ["search", typed, "--json", "--index", str(seeds_index)])
    out = json.loads(r.stdout)
    assert r.exit_code == 2 and out["error"].startswith("bad date") and "did you mean" not in out["error"], out
    assert "suggestion" not in out or out["suggestion"] is None, out


def test_a_filter_date_of_eight_digits_is_offered_its_day_in_the_query(client, seeds_index):
    """667f025 offered `--filter date=2020-08-28T10:00:00Z` "search it in the query,
    published:2020-08-28", but `--filter date=20200828` (as file names write a date) was offered
    the year filter, refused in turn ("must be four digits"), its digits read as a year's. It is
    offered its day in the query, which finds that day's article; `date=2020` is still the year."""
    code, hint = cli_json(seeds_index, "date=20200828")
    assert code == 2 and hint["error"].startswith("unknown filter 'date': search it in the query, "
                                                  "published:2020-08-28"), hint
    got = client.get("/api/search", query_string={"q": "coup", "date": "20200828"}).get_json()
    assert got["error"].startswith("unknown filter 'date': search it in the query, published:2020-08-28"), got
    assert client.get("/api/search", query_string={"q": "published:2020-08-28"}).get_json()["total"] == 1
    assert "did you mean 'year=2020'?" in cli_json(seeds_index, "date=2020")[1]["error"]


@pytest.mark.parametrize("typed,day", [("20200828", "2020-08-28"), ("2020/08/28", "2020-08-28"),
                                       ("August 2020", "2020-08")])
def test_a_year_filter_that_is_a_day_typed_another_way_is_offered_its_day_in_the_query(client, seeds_index, typed, day):
    """`--filter date=20200828` was offered "search it in the query, published:2020-08-28", but
    `--filter year=20200828` (or 2020/08/28, August 2020) was "must be four digits" alone, where
    `year=2020-08-28` is offered the day in the query. It is offered so, the API alike, and the day
    found; a value of two readings (03/04/2020) is still offered nothing."""
    want = f"a 'year' filter must be four digits, not '{typed}': for a day or a month, search published:{day} in the query"
    code, out = cli_json(seeds_index, f"year={typed}")
    assert code == 2 and out["error"] == want, out
    got = client.get("/api/search", query_string={"q": "coup", "year": typed}).get_json()
    assert got["error"] == want, got
    assert client.get("/api/search", query_string={"q": f"published:{day}"}).get_json()["total"] == 1
    assert "search published" not in cli_json(seeds_index, "year=03/04/2020")[1]["error"]


def test_a_source_filter_takes_the_source_s_folder_as_stats_lists_it(client, seeds_index):
    """`stats` and /status list a source by its folder (`source: /…/seeds: 5 articles`), but
    `--filter source=/…/seeds` (or `source=` on the web) found nothing: "No article has
    source=/…/seeds", the articles' source being its name, "seeds". The folder, as listed (a
    slash after it too), is read as its source's name; another path still finds nothing."""
    from search import Store

    folder = Store(seeds_index).sources()[0]
    for typed in (folder, folder + "/"):
        code, out = cli_json(seeds_index, f"source={typed}")
        assert code == 0 and out["total"] == 5 and out["filters"] == {"source": ["seeds"]}, out
        got = client.get("/api/search", query_string={"q": "coup", "source": typed}).get_json()
        assert got["total"] == 5 and got["unmatched_filters"] == [], got
    r = CliRunner().invoke(cli, ["search", "coup", "--filter", f"source={folder}", "--index", str(seeds_index)])
    assert r.exit_code == 0 and "5 results for coup with source=seeds" in r.output, r.output
    code, out = cli_json(seeds_index, f"source={folder}x")
    assert code == 0 and out["total"] == 0


def test_a_source_folder_in_a_group_of_the_query_text_is_read_as_the_source(client, seeds_index):
    """766e4e8 reads `source:/…/seeds` in the query as the source's name, but a group of values
    under the field, `source:(/…/seeds OR /…/wire)` as the query syntax writes several, still
    found nothing: "No article has source:/…/seeds (in the query)". Each folder in the group is
    read as its source's name, on the command line, the API and the page; another value stays."""
    from search import Store

    folder = Store(seeds_index).sources()[0]
    for typed in (f"coup source:({folder})", f'coup source:("{folder}/" OR nowhere)', f"coup SOURCE:('{folder}')"):
        r = CliRunner().invoke(cli, ["search", typed, "--json", "--index", str(seeds_index)])
        out = json.loads(r.stdout)
        assert r.exit_code == 0 and out["total"] == 5, out
        got = client.get("/api/search", query_string={"q": typed}).get_json()
        assert got["total"] == 5, got
        page = unescape(client.get("/search", query_string={"q": typed}).get_data(as_text=True))
        assert "5 results" in page and f"<bdi>{folder}" not in page  # nowhere is said to match none
    r = CliRunner().invoke(cli, ["search", f"coup NOT source:({folder})", "--json", "--index", str(seeds_index)])
    assert json.loads(r.stdout)["total"] == 0
    r = CliRunner().invoke(cli, ["search", f"coup source:({folder}x)", "--index", str(seeds_index)])
    assert r.exit_code == 0 and "0 results" in r.output, r.output


def test_a_source_in_the_query_text_takes_the_source_s_folder_as_stats_lists_it(client, seeds_index):
    """`source:/…/seeds` in the query text (the folder as `stats` lists it) found nothing, "No
    article has source:/…/seeds (in the query)", where `--filter source=/…/seeds` found the 5
    articles (cb9f42d). The folder, bare, quoted or with a slash after it, is read as its
    source's name there too, on the command line, the API and the page; NOT excludes it, and
    another path or a phrase's words are left as typed."""
    from search import Store

    folder = Store(seeds_index).sources()[0]
    for typed in (f"coup source:{folder}", f'coup source:"{folder}/"', f"coup source:'{folder}'"):
        r = CliRunner().invoke(cli, ["search", typed, "--json", "--index", str(seeds_index)])
        out = json.loads(r.stdout)
        assert r.exit_code == 0 and out["total"] == 5 and out["unmatched_filters"] == [], out
        got = client.get("/api/search", query_string={"q": typed}).get_json()
        assert got["total"] == 5 and got["unmatched_filters"] == [], got
        page = unescape(client.get("/search", query_string={"q": typed}).get_data(as_text=True))
        assert "5 results" in page and "No article has" not in page
    r = CliRunner().invoke(cli, ["search", f"coup NOT source:{folder}", "--json", "--index", str(seeds_index)])
    assert json.loads(r.stdout)["total"] == 0
    r = CliRunner().invoke(cli, ["search", f"coup source:{folder}x", "--index", str(seeds_index)])
    assert r.exit_code == 0 and f"No article has source:{folder}x (in the query)" in r.output, r.output

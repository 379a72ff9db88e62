"""`newsarchive search`'s text output read by a person: the filters in use, the counts of a
filtered facet as the web page gives them, and the way to the next page."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from search.cli import cli

from conftest import SEEDS


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory):
    """The seeds (5 articles about Mali) and a folder "notes" of three more, one naming Mali."""
    root = tmp_path_factory.mktemp("two-sources")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "notes").mkdir()
    texts = {
        "mali.txt": "Elections in Mali\n\nThe junta in Mali said on Monday it would hold elections next year.\n",
        "wheat.txt": "Wheat crop forecast\n\nThe agriculture ministry raised its wheat crop forecast on Tuesday.\n",
        "oil.txt": "Oil prices rise\n\nOil prices rose on Wednesday after producers agreed to cut output.\n",
    }
    for name, text in texts.items():
        (root / "notes" / name).write_text(text, encoding="utf-8")
    ix = root / "ix"
    r = invoke("index", root / "seeds", root / "notes", "--index", ix, "--json")
    assert r.exit_code == 0 and json.loads(r.output)["indexed"] == 8, r.output
    return ix


def _line(output: str, facet: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{facet}: "))


def test_a_filtered_source_lists_the_others_as_what_they_add(two_sources):
    """Filtered to "notes", the source line read "notes (3), seeds (5)" beside "3 results": as
    if 5 of the 3 came from the seeds. The web page shows "+5" (a click adds them), and the JSON
    keeps the count."""
    r = invoke("search", "", "--filter", "source=notes", "--index", two_sources)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("3 results with source=notes\n")
    assert _line(r.output, "source") == "source: notes (3), seeds (+5)"
    assert _line(r.output, "language") == "language: en (3)"  # not filtered: counts of the results
    out = json.loads(invoke("search", "", "--filter", "source=notes", "--index", two_sources, "--json").output)
    assert {v["value"]: v["count"] for v in out["facets"]["source"]} == {"notes": 3, "seeds": 5}


def test_no_result_names_the_filters_that_left_none(two_sources):
    """"0 results for mali" with --filter year=2021 --filter source=notes said nothing of the
    filters: read as no article naming Mali, though six do."""
    r = invoke("search", "mali", "--filter", "source=notes", "--filter", "year=2021", "--index", two_sources)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("0 results for mali with source=notes, year=2021\n")
    r = invoke("search", "mali", "--filter", "source=notes", "--filter", "source=seeds", "--index", two_sources)
    assert r.output.startswith("6 results for mali with source=notes or seeds\n")
    assert _line(r.output, "source") == "source: seeds (5), notes (1)"


def test_no_result_under_the_filters_says_how_many_the_search_finds_without_them(two_sources):
    """"0 results for wheat with source=seeds" said nothing more: not whether the filter or the
    word had left nothing, where the web's empty page offers "Search without the filters: 1
    result". The text says it too, only when that finds something; --json has the count too."""
    args = ("--filter", "source=seeds", "--index", two_sources)
    r = invoke("search", "wheat", *args)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("0 results for wheat with source=seeds\n"
                               "Without the filters: 1 result (leave out --filter)\n"), r.output
    assert invoke("search", "wheat", "--index", two_sources).output.startswith("1 result for wheat\n")
    assert "Without the filters" not in invoke("search", "zebra", *args).output  # none without them either
    assert "Without the filters" not in invoke("search", "mali", *args).output  # found some
    out = json.loads(invoke("search", "wheat", *args, "--json").output)
    assert out["total"] == 0 and out["unfiltered_total"] == 1, out


def test_an_entity_filter_is_named_as_its_facet_names_it(two_sources):
    """`person=goyta` is applied as the entity's id; the header names the person."""
    r = invoke("search", "", "--filter", "person=goyta", "--index", two_sources)
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert first.endswith(" with person=Assimi Goita") and "per:" not in first


def test_a_filtered_value_no_result_has_is_listed_with_0(two_sources):
    r = invoke("search", "", "--filter", "source=notes", "--filter", "year=2021", "--filter", "year=1999",
               "--index", two_sources)
    assert _line(r.output, "year") == "year: 2021 (0), 1999 (0)"  # the notes are undated
    r = invoke("search", "", "--filter", "year=2021", "--filter", "year=1999", "--index", two_sources)
    assert _line(r.output, "year") == "year: 2021 (1), 1999 (0), 2020 (+1)"


def test_a_page_with_more_after_it_says_how_to_get_them(two_sources):
    """A page of 3 of 8 results was printed and nothing said there were more, nor how to get them."""
    r = invoke("search", "", "--limit", "3", "--index", two_sources)
    assert "page 1 of 3: --page 2 for the next" in r.output
    r = invoke("search", "", "--limit", "3", "--page", "3", "--index", two_sources)
    assert "--page" not in r.output


def test_the_last_page_says_it_is_the_last(two_sources):
    """`search "" --limit 3 --page 3` printed results 7 and 8 under "8 results" and nothing
    more: whether more were to come, or the page was the last, went unsaid, where every page
    before it said "page 1 of 3: --page 2 for the next". It says "page 3 of 3, the last"; a
    search of one page says no page."""
    r = invoke("search", "", "--limit", "3", "--page", "3", "--index", two_sources)
    assert r.exit_code == 0 and "page 3 of 3, the last" in r.output, r.output
    assert "page " not in invoke("search", "", "--limit", "50", "--index", two_sources).output


def test_two_names_of_one_entity_facet_are_said_as_both_required(two_sources):
    """Entity filters AND (an article naming both people), as the web's chips join them: the
    header said "with person=Assimi Goita or Putin" beside 2 results, where Goita alone has 3."""
    r = invoke("search", "", "--filter", "person=goyta", "--filter", "person=putin", "--index", two_sources)
    assert r.exit_code == 0, r.output
    alone = invoke("search", "", "--filter", "person=goyta", "--index", two_sources).output
    assert int(alone.split()[0]) > int(r.output.split()[0])  # both required: fewer than one alone
    assert r.output.splitlines()[0].endswith(" with person=Assimi Goita and Putin"), r.output


def test_an_entity_filter_that_left_no_result_is_named_not_shown_as_its_id(two_sources):
    """With no result the facet lists no value to take the name from: the header said
    "0 results with person=per:assimi-goita, year=1999", the id a user never typed."""
    r = invoke("search", "", "--filter", "person=goyta", "--filter", "year=1999", "--index", two_sources)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("0 results with person=Assimi Goita, year=1999\n"), r.output


def test_an_entity_filter_no_result_has_leaves_no_empty_facet_line(two_sources):
    """--filter person=nobody printed "No article has person=nobody." and then a line
    "person: " naming nothing."""
    r = invoke("search", "", "--filter", "person=nobody", "--index", two_sources)
    assert r.exit_code == 0 and "No article has person=nobody" in r.output, r.output
    assert not [line for line in r.output.splitlines() if line.rstrip().endswith(":")], r.output


@pytest.mark.parametrize("typed", ["notes,seeds", "notes, seeds", "notes;seeds", "notes | seeds"])
def test_a_list_typed_in_one_filter_is_offered_a_filter_for_each(two_sources, typed):
    """`source=reuters,dragnet`, a list in one value as other search APIs take one, matched
    no article, and nothing said why: the hint had no nearest value to offer. Each value being
    one some article has, the page offers the filter for each ("notes or seeds", its link
    finding the articles of both), the JSON says so ("values"), and the command line offers
    a --filter for each."""
    from html import unescape
    from urllib.parse import parse_qs, urlencode, urlsplit
    import re

    from web import create_app

    client = create_app({"INDEX": str(two_sources)}).test_client()
    asked = {"q": "mali", "source": typed}
    twin = client.get("/api/search?" + urlencode(asked)).get_json()
    assert twin["total"] == 0 and twin["unmatched_filters"] == [
        {"facet": "source", "value": typed, "suggestion": None, "values": ["notes", "seeds"], "in": "filter"}]
    html = client.get("/search?" + urlencode(asked)).get_data(as_text=True)
    hint = re.search(r'No article has the source <q><bdi>[^<]+</bdi></q>\.\s*Did you mean <a href="([^"]+)">'
                     r'<strong>notes</strong> or <strong>seeds</strong></a> \(a filter for each\)\?', html)
    assert hint, html[html.find("unmatched") - 100:][:600]
    link = unescape(hint.group(1))
    assert parse_qs(urlsplit(link).query) == {"q": ["mali"], "source": ["notes", "seeds"]}
    both = client.get(link.replace("/search", "/api/search")).get_json()
    assert both["total"] == 6 and not both["unmatched_filters"]
    r = invoke("search", "mali", "--filter", f"source={typed}", "--index", two_sources)
    assert r.exit_code == 0 and "did you mean --filter source=notes --filter source=seeds?" in r.output, r.output
    # a list one of whose values no article has: those it has, and the others said
    # (test_a_list_in_one_filter_or_in_the_query_is_offered_what_exists_and_says_what_does_not)
    twin = client.get("/api/search?" + urlencode({"source": "notes,wire"})).get_json()
    assert twin["unmatched_filters"][0]["values"] == ["notes"] and twin["unmatched_filters"][0]["missing"] == ["wire"]


@pytest.mark.parametrize("asked,values,missing,link,found", [
    ({"q": "mali", "source": "notes,wire"}, ["notes"], ["wire"], {"q": ["mali"], "source": ["notes"]}, 1),
    ({"q": "mali", "source": "wire; notes | afp"}, ["notes"], ["wire", "afp"], {"q": ["mali"], "source": ["notes"]}, 1),
    ({"q": "source:notes,seeds"}, ["notes", "seeds"], [], {"q": ["(source:notes OR source:seeds)"]}, 8),
    ({"q": "mali source:notes,wire"}, ["notes"], ["wire"], {"q": ["mali source:notes"]}, 1),
    # values none has, each near one (`seedz` alone is offered seeds): each one's nearest
    ({"source": "seedz,notez"}, ["seeds", "notes"], [], {"source": ["seeds", "notes"]}, 8),
    ({"source": "notes, seedz"}, ["notes", "seeds"], [], {"source": ["notes", "seeds"]}, 8),
    ({"source": "seedz;wire"}, ["seeds"], ["wire"], {"source": ["seeds"]}, 5),
    ({"q": "source:seedz,notez"}, ["seeds", "notes"], [], {"q": ["(source:seeds OR source:notes)"]}, 8),
])
def test_a_list_in_one_filter_or_in_the_query_is_offered_what_exists_and_says_what_does_not(
        two_sources, asked, values, missing, link, found):
    """`source=notes,wire`, a list in one filter one of whose values no article has, was
    offered nothing ("No article has the source notes,wire." and no more), though notes is a
    source; and `source:notes,seeds` in the query text, both sources, got nothing at all: a
    list was read in a filter only. Now the values some article has are offered (a filter for
    each, or in the query each its own, ORed as filters are), and those none has are named: the
    page, its JSON twin and `search` alike; the link finds articles. `source=seedz,notez`, no
    value of which any article has, each an edit from a source, was offered nothing (and
    `notes,seedz` told no article has seedz), where `source=seedz` alone is offered seeds: a part
    near a value is offered that value in its place."""
    from html import unescape
    from urllib.parse import parse_qs, urlencode, urlsplit
    import re

    from web import create_app

    client = create_app({"INDEX": str(two_sources)}).test_client()
    twin = client.get("/api/search?" + urlencode(asked)).get_json()
    hint = twin["unmatched_filters"][0]
    assert twin["total"] == 0 and hint["values"] == values and hint.get("missing", []) == missing, hint
    html = client.get("/search?" + urlencode(asked)).get_data(as_text=True)
    said = re.search(r'class="suggest unmatched">(.*?)</p>', html, re.S).group(1)
    offered = re.search(r'Did you mean <a href="([^"]+)">(.*?)</a>', said, re.S)
    assert offered and re.findall(r"<strong>([^<]+)</strong>", offered.group(2)) == values, said
    assert parse_qs(urlsplit(unescape(offered.group(1))).query) == link
    if missing:
        assert "No article has " + " or ".join(f"<q><bdi>{m}</bdi></q>" for m in missing) + "." in said, said
    assert client.get(unescape(offered.group(1)).replace("/search", "/api/search")).get_json()["total"] == found
    query = asked.get("q", "")
    options = ["--filter", f"source={asked['source']}"] if "source" in asked else []
    r = invoke("search", query, *options, "--index", two_sources)
    each = (" ".join(f"--filter source={v}" for v in values) if options else link["q"][0].replace("mali ", ""))
    assert r.exit_code == 0 and f"did you mean {each}?" in r.output, r.output
    assert (("No article has " + " or ".join(missing) + ".") in r.output if missing else
            "No article has wire" not in r.output and "No article has seedz" not in r.output)


@pytest.mark.parametrize("asked,offered", [
    ({"q": "independence", "person": "Kelly Cahalan,nobody"}, None),
    ({"q": "independence", "person": "Putin,nobody"}, ["Putin"]),
    ({"q": "rumors person:putin,nobody"}, None),
    ({"q": "independence person:putin,nobody"}, ["putin"]),
])
def test_a_list_s_values_are_not_offered_where_with_the_search_they_find_nothing(seeds_index, asked, offered):
    """`independence --filter 'person=Kelly Cahalan,nobody'`: Kelly Cahalan is a person of the
    archive, but of no article with the word, and the list was offered "did you mean --filter
    person=Kelly Cahalan?", a link to another empty page, where a value mistyped
    (`person=Kelly Cahalon`) is offered only a value that finds something with the rest of the
    search. A list's values are offered so too: the JSON, the page and `search` alike."""
    from urllib.parse import urlencode

    from web import create_app

    client = create_app({"INDEX": str(seeds_index)}).test_client()
    twin = client.get("/api/search?" + urlencode(asked)).get_json()
    assert twin["total"] == 0 and twin["unmatched_filters"][0].get("values") == offered, twin["unmatched_filters"]
    assert ("Did you mean" in client.get("/search?" + urlencode(asked)).get_data(as_text=True)) is bool(offered)
    options = ["--filter", f"person={asked['person']}"] if "person" in asked else []
    r = invoke("search", asked["q"], *options, "--index", seeds_index)
    assert r.exit_code == 0 and ("did you mean" in r.output) is bool(offered), r.output
    if offered:
        link = client.get("/api/search?" + urlencode({**asked, **({"person": offered[0]} if options else {}),
                                                      "q": asked["q"].replace(",nobody", "")})).get_json()
        assert link["total"] > 0


@pytest.mark.parametrize("typed,meant", [("notes,NOTES,seeds", ["notes", "seeds"]), ("notes, Notes", ["notes"]),
                                         ("english;en", ["english"])])
def test_a_value_listed_twice_in_one_filter_is_offered_once(two_sources, typed, meant):
    """`language=english,en` (one language by its name and its code) and `source=notes,NOTES`
    were offered as two filters, "Did you mean english or English (a filter for each)?", one
    value named twice. Each value is offered once: the page, the JSON and `search` alike."""
    from html import unescape
    from urllib.parse import parse_qs, urlencode, urlsplit
    import re

    from web import create_app

    facet = "language" if "en" in typed else "source"
    client = create_app({"INDEX": str(two_sources)}).test_client()
    twin = client.get("/api/search?" + urlencode({facet: typed})).get_json()
    assert [u.get("values") for u in twin["unmatched_filters"]] == [meant]
    html = client.get("/search?" + urlencode({facet: typed})).get_data(as_text=True)
    hint = re.search(r'class="suggest unmatched">.*?Did you mean <a href="([^"]+)">(.*?)</a>([^<]*)</p>', html, re.S)
    assert hint and len(re.findall("<strong>", hint.group(2))) == len(meant), html[html.find("unmatched") - 100:][:600]
    assert ("a filter for each" in hint.group(3)) == (len(meant) > 1)
    assert parse_qs(urlsplit(unescape(hint.group(1))).query) == {facet: meant}
    r = invoke("search", "", "--filter", f"{facet}={typed}", "--index", two_sources)
    each = " ".join(f"--filter {facet}={v}" for v in meant)
    assert r.exit_code == 0 and f"did you mean {each}?" in r.output, r.output


def test_a_facet_line_cut_short_says_how_many_values_it_leaves_out(tmp_path):
    """Years are listed newest first: `search` over an archive of 1987 (its largest year) and
    1990-2001 printed the 8 newest years and nothing more, the line ending at 1994 as if that
    were all, 1987 and its 5 articles nowhere. The line says how many values it leaves out."""
    (tmp_path / "wire").mkdir()
    text = "Traders watched oil prices closely on the exchange this week, dealers said."
    records = [{"id": f"n{i}", "title": f"Note {i}", "date": f"{1990 + i}-03-01", "text": text} for i in range(12)]
    records += [{"id": f"old{i}", "title": f"Old note {i}", "date": "1987-05-01", "text": text} for i in range(5)]
    (tmp_path / "wire" / "notes.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert invoke("index", tmp_path / "wire", "--index", tmp_path / "ix").exit_code == 0
    r = invoke("search", "oil", "--index", tmp_path / "ix")
    line = _line(r.output, "year")
    assert line.startswith("year: 2001 (1), 2000 (1), ") and line.endswith(", 1994 (1), … (5 more)"), line
    r = invoke("search", "oil", "--filter", "year=1987", "--index", tmp_path / "ix")
    line = _line(r.output, "year")
    assert line.startswith("year: 1987 (5), 2001 (+1), ") and line.endswith(", … (5 more)"), line
    assert _line(r.output, "source") == "source: wire (5)"  # a line with all its values: nothing more


def test_the_header_says_the_order_where_it_is_not_the_search_s_own(two_sources):
    """`search coup --sort newest` printed "N results for coup" as by relevance: the order the
    results came in went unsaid, where the web page's caption says "newest first". The header
    says it, after the filters; a search's own order (relevance, or newest when browsing) is
    not said."""
    r = invoke("search", "coup", "--sort", "NEWEST", "--filter", "source=seeds", "--index", two_sources)
    assert r.exit_code == 0 and r.output.splitlines()[0].endswith("results for coup with source=seeds, newest first"), r.output
    assert invoke("search", "", "--sort", "oldest", "--index", two_sources).output.splitlines()[0].endswith(", oldest first")
    for args in (("coup",), ("",), ("", "--sort", "newest"), ("coup", "--sort", "relevance")):
        assert " first" not in invoke("search", *args, "--index", two_sources).output.splitlines()[0], args



@pytest.mark.parametrize("typed", ["seeds,", "seedz"])
def test_a_filter_s_offer_is_the_option_to_type_again(two_sources, typed):
    """`--filter source=seeds,` (a trailing comma) was offered "did you mean source=seeds?", and
    `source=seedz` so too, where a list is offered "did you mean --filter source=notes --filter
    source=seeds?": a filter's offer is the option to type again, whichever it corrects."""
    r = invoke("search", "mali", "--filter", f"source={typed}", "--index", two_sources)
    assert r.exit_code == 0, r.output
    assert f"No article has source={typed}: did you mean --filter source=seeds?" in r.output, r.output
    fixed = invoke("search", "mali", "--filter", "source=seeds", "--index", two_sources)
    assert fixed.output.startswith("5 results for mali with source=seeds\n"), fixed.output

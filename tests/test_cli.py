"""The `newsarchive` command: JSON output, summaries, exit codes."""
from __future__ import annotations

import errno
import gzip
import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from search import open_index, run_search
from search.cli import cli

from conftest import ROOT, SEEDS
from test_ingest import make_messy_folder
from test_web_status import write_two_sources


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_index_seeds_json_then_again(tmp_path):
    ix = tmp_path / "ix"
    r = invoke("index", SEEDS, "--index", ix, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["indexed"] == 5
    r = invoke("index", SEEDS, "--index", ix, "--json")
    out = json.loads(r.output)
    assert (out["indexed"], out["unchanged"]) == (0, 5)
    # a run's summary is one line, for the cron log it is appended to (helper review: ~40 lines a night)
    assert r.output.count("\n") == 1
    r = invoke("reindex", "--index", ix, "--json")
    assert r.exit_code == 0 and r.output.count("\n") == 1 and json.loads(r.output)["unchanged"] == 5
    assert {"indexed", "unchanged", "removed", "failed"} <= set(out)


def test_messy_folder_indexes_four_and_names_every_failure(tmp_path):
    folder = tmp_path / "messy"
    make_messy_folder(folder)
    # a truncated gzip holding a single record: nothing of it can be recovered
    blob = gzip.compress(json.dumps({"title": "Lost", "maintext": "lost " * 400}).encode() + b"\n")
    (folder / "truncated.jsonl.gz").write_bytes(blob[: len(blob) // 2])
    r = invoke("index", folder, "--index", tmp_path / "ix", "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["indexed"] == 4
    failed = {f["path"].rsplit("/", 1)[-1]: f for f in out["failed"]}
    assert set(failed) == {"binary.txt", "empty.txt", "truncated.jsonl.gz", "mixed.jsonl"}
    assert failed["mixed.jsonl"]["line"] == 2
    assert all(f["reason"] for f in out["failed"])


def test_nothing_indexable_exits_1(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = invoke("index", tmp_path / "bad", "--index", tmp_path / "ix", "--json")
    assert r.exit_code == 1


def test_nothing_indexable_exits_1_into_an_index_with_other_sources_too(tmp_path):
    """QA: `index binary.txt` exited 1 into a new index and 0 into one with sources: the other
    sources' articles, kept as `index PATH` keeps them, counted as the run's. A run that read
    nothing of the paths given failed either way; one with nothing new to read did not."""
    for folder in ("bad", "worse"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(b"\x00\x01\x02" * 100)
    ix = tmp_path / "ix"
    assert invoke("index", SEEDS, "--index", ix).exit_code == 0
    for path in (tmp_path / "bad" / "x.txt", tmp_path / "worse"):  # a file, a folder
        r = invoke("index", path, "--index", ix, "--json")
        assert r.exit_code == 1, (path, r.output)
        assert json.loads(r.output)["kept"] == 5 and "kept_given" not in json.loads(r.output)
    r = invoke("index", tmp_path / "never-there", "--index", ix)
    assert r.exit_code == 1  # as before: a typo, into an index with sources or not
    r = invoke("index", SEEDS, "--index", ix, "--json")  # nothing new: every article unchanged
    assert r.exit_code == 0 and json.loads(r.output)["unchanged"] == 5
    r = invoke("reindex", "--index", ix, "--json")  # the seeds read, the bad folder failed again
    assert r.exit_code == 0 and json.loads(r.output)["unchanged"] == 5


def test_search_json_is_the_api_json(seeds_index):
    r = invoke("search", "coup", "--index", seeds_index, "--json")
    assert r.exit_code == 0
    assert json.loads(r.output) == run_search(open_index(seeds_index), "coup").to_json()


def test_search_filters_sort_limit(seeds_index):
    r = invoke("search", "", "--filter", "source=seeds", "--sort", "newest", "--limit", "2", "--page", "2", "--index", seeds_index, "--json")
    out = json.loads(r.output)
    assert out["total"] == 5 and out["page"] == 2 and len(out["hits"]) == 2


def test_search_text_output_mentions_hits(seeds_index):
    r = invoke("search", "coup", "--index", seeds_index)
    assert r.exit_code == 0 and "5 results" in r.output and "Russia trained Mali coup leaders" in r.output
    r = invoke("search", "year:2021", "--index", seeds_index)
    assert r.exit_code == 0 and "1 result for" in r.output


def test_search_names_a_filter_value_no_article_has(seeds_index):
    r = invoke("search", "", "--filter", "language=englsh", "--filter", "person=Goytta", "--index", seeds_index)
    assert r.exit_code == 0
    assert "No article has language=englsh: did you mean --filter language=en?" in r.output
    assert "No article has person=Goytta: did you mean --filter person=Assimi Goita?" in r.output
    r = invoke("search", "coup person:Goytta", "--index", seeds_index)
    assert 'No article has person:Goytta (in the query): did you mean person:"Assimi Goita"?' in r.output
    r = invoke("search", "person:assimi goita", "--index", seeds_index)
    assert 'No article has person:assimi (in the query): did you mean person:"Assimi Goita"?' in r.output
    r = invoke("search", "coup", "--filter", "language=en", "--filter", "language=fr", "--index", seeds_index)
    assert "No article has language=fr." in r.output and "No article has language=en" not in r.output


def test_an_empty_filter_value_is_an_error_and_spaces_are_not_part_of_a_value(seeds_index):
    """`--filter year=` (an unset shell variable) filtered nothing while saying no article has
    it; `year= 2021` was "year must be four digits"."""
    from search import open_index
    from search.query import run_search

    for item in ("year=", "person=", "source= "):
        r = invoke("search", "mali", "--filter", item, "--index", seeds_index)
        assert r.exit_code == 2 and "no value" in r.output and "No article has" not in r.output, item
    # a facet's name in any case, as the web takes `?Person=` (QA: exit 2 here)
    r = invoke("search", "", "--filter", "Person=Goyta", "--filter", "YEAR=2020", "--index", seeds_index, "--json")
    assert r.exit_code == 0 and json.loads(r.output)["filters"] == {"person": ["per:assimi-goita"], "year": ["2020"]}
    r = invoke("search", "", "--filter", "year= 2021", "--filter", "source=seeds ", "--index", seeds_index, "--json")
    out = json.loads(r.output)
    assert r.exit_code == 0 and out["total"] == 1 and out["unmatched_filters"] == []
    archive = open_index(seeds_index)
    spaced = run_search(archive, "", {"year": [" 2021 "], "person": [""]})
    assert (spaced.total, spaced.filters, spaced.unmatched_filters) == (1, {"year": ["2021"]}, [])


@pytest.mark.parametrize("typed,quoted", [
    (["search", "coup", "mali"], ["search", "coup mali"]),
    (["search", "coup", "--limit", "2", "mali"], ["search", "coup mali", "--limit", "2"]),
    (["search", "--limit", "2", "--", "-goyta", "coup"], ["search", "--limit", "2", "--", "-goyta coup"]),
    (["search", "military", "--match", "any", "junta", "OR", "coup"], ["search", "military junta OR coup", "--match", "any"]),
    (["export", "coup", "-o", "OUT", "mali"], ["export", "coup mali", "-o", "OUT"]),
])
def test_a_query_s_words_unquoted_run_as_the_quoted_query(seeds_index, tmp_path, typed, quoted):
    """`newsarchive search coup mali`, a query's words typed unquoted as a first try types them,
    was refused saying to quote them (09a5294): the shell had read nothing in them, and the words
    joined are the query. It runs as `search 'coup mali'`, options between or after the words
    too, the same results in the same order; a query of one word runs as before."""
    typed, quoted = ([a[0], "--index", str(seeds_index), *(str(tmp_path / f"{n}.csv") if w == "OUT" else w
                                                          for w in a[1:])] for n, a in enumerate((typed, quoted)))
    r, want = invoke(*typed), invoke(*quoted)
    assert r.exit_code == want.exit_code == 0 and "quotes" not in r.output, r.output
    if typed[0] == "export":
        assert (tmp_path / "0.csv").read_text() == (tmp_path / "1.csv").read_text()
        assert (tmp_path / "0.csv").read_text().count("\n") == 6  # the header and the 5 seeds
    else:
        assert r.output == want.output and re.match(r"\d+ results? for ", r.output), r.output
    assert invoke("search", "coup", "--index", seeds_index).exit_code == 0
    assert "[QUERY]..." not in invoke("search", "--help").output


@pytest.mark.parametrize("typed,fixed", [
    (["coup", "Assimi Goita"], """'coup "Assimi Goita"'"""),
    (["coup OR junta", "mali"], "'(coup OR junta) mali'"),
    (["coup", "transitionalgovernmentofmalinow! junta"], "'coup (transitionalgovernmentofmalinow! junta)'"),
])
def test_words_beside_a_phrase_the_shell_unquoted_are_refused_with_the_query_quoted(seeds_index, typed, fixed):
    """`newsarchive search coup "Assimi Goita"`: the shell took the phrase's quotes, which the
    query needs, so the words are not joined (coup Assimi Goita would find the names apart): it
    is refused (exit 2, in JSON too) with the command line to run, the phrase in double quotes
    (a part with operators in brackets), which runs."""
    import shlex

    r = invoke("search", *typed, "--index", seeds_index)
    line = f"newsarchive search {fixed} --index {seeds_index}"
    assert r.exit_code == 2 and f"the shell took the quotes of {shlex.quote(typed[0] if ' ' in typed[0] else typed[1])}: " \
        f"put the whole query in quotes, as: {line}" in r.output, r.output
    assert invoke(*shlex.split(line)[1:]).exit_code == 0
    out = json.loads(invoke("search", *typed, "--json", "--index", seeds_index).stdout.splitlines()[0])
    assert out["exit"] == 2 and "put the whole query in quotes" in out["error"], out


@pytest.mark.parametrize("typed,joined", [
    (["title:\"russia mali\"", "military"], 'title:"russia mali" military'),
    (["military", '"carried out"'], 'military "carried out"'),
    (["military", "(coup OR junta)"], "military (coup OR junta)"),
    (["military", "source:'seeds x'"], "military source:'seeds x'"),
])
def test_words_beside_a_part_that_kept_its_quotes_run_as_the_quoted_query(seeds_index, typed, joined):
    """`newsarchive search 'title:"russia mali"' military`: the shell took the outer quotes
    only, the phrase's (or a group's brackets) are in the word as typed, and joined it reads as
    the quoted query does; it was refused, "the shell took the quotes of 'title:"russia mali"'",
    as a phrase typed `"Assimi Goita"` is."""
    r = invoke("search", *typed, "--index", seeds_index)
    want = invoke("search", joined, "--index", seeds_index)
    assert want.exit_code == 0 and r.exit_code == 0, r.output
    assert r.output == want.output and re.match(r"\d+ results? for ", r.output), r.output


@pytest.mark.parametrize("typed,fixed", [
    (["military", "-goyta"], ["'military -goyta'", "--index", "IX"]),
    (["-goyta", "--limit", "2", "military"], ["--limit", "2", "--index", "IX", "--", "'-goyta military'"]),
    (["-goyta military"], ["--index", "IX", "--", "'-goyta military'"]),
])
def test_a_word_with_a_dash_typed_unquoted_is_said_to_be_read_as_an_option(seeds_index, typed, fixed):
    """`newsarchive search military -goyta`, the README's `coup -goyta` (a dash is NOT) typed
    unquoted as a query's words may be since de857d6, was click's "No such option '-g'.",
    which said nothing of the query nor of -goyta. It says the word is read as an option, with
    the command line to run (after `--` where the query begins with the dash), in JSON too;
    that line runs the query."""
    import shlex

    r = invoke("search", *typed, "--index", seeds_index)
    line = " ".join(["newsarchive search", *fixed]).replace("IX", str(seeds_index))
    dashed = next(w for w in typed if w.startswith("-g"))
    assert r.exit_code == 2 and (f"the query is one argument: {dashed} is read as an option (in the query a dash is NOT): "
                                 f"put the whole query in quotes, as: {line}") in r.output, r.output
    ran = invoke(*shlex.split(line)[1:])
    assert ran.exit_code == 0 and re.match(r"\d+ results? for .*-goyta", ran.output), ran.output
    out = json.loads(invoke("search", *typed, "--json", "--index", seeds_index).stdout.splitlines()[0])
    assert out["exit"] == 2 and dashed + " is read as an option" in out["error"], out


def test_a_letter_with_a_dash_is_left_an_unknown_option(seeds_index):
    """`search coup -v` (a verbose flag tried, as other tools have it) was told since d9f13cc
    that -v is a word of the query, "in the query a dash is NOT": one letter after a dash is an
    option tried, and click's "No such option" says so; a word (`-oil`) is the query's."""
    for flag in ("-v", "-n5"):
        r = invoke("search", "coup", flag, "--index", seeds_index)
        assert r.exit_code == 2 and f"No such option '{flag[:2]}'" in r.output and "a dash is NOT" not in r.output, r.output


def test_a_query_the_shell_expanded_into_file_names_is_refused_saying_so(seeds_index, tmp_path, monkeypatch):
    """`newsarchive search coup*` in a folder holding coup1.txt and coup2.txt reaches the
    command as the two file names: it was "Got unexpected extra argument (coup2.txt)", and the
    command line written out would have searched the files' names. It says the shell read the
    * as file names, and to quote the query."""
    for name in ("coup1.txt", "coup2.txt"):
        (tmp_path / name).write_text("")
    monkeypatch.chdir(tmp_path)
    r = invoke("search", "coup1.txt", "coup2.txt", "--index", seeds_index)
    assert r.exit_code == 2 and ("the query is one argument: put it in quotes: the shell read a * or ? in it as "
                                 "the names of files here (coup1.txt and coup2.txt)") in r.output, r.output
    assert "newsarchive search 'coup1.txt coup2.txt'" not in r.output
    assert invoke("search", "coup*", "--index", seeds_index).exit_code == 0


def test_a_star_the_shell_read_is_not_named_as_a_pattern_never_typed(seeds_index, monkeypatch):
    """`newsarchive search *` run among the seed files was told "put it in quotes ('00*')", a
    pattern the user never typed (the names' common beginning; `*`, `00*` and `*.txt` give the
    same names there): the names the shell gave are said instead, the first two and a count."""
    monkeypatch.chdir(SEEDS)
    names = sorted(p.name for p in SEEDS.iterdir() if not p.name.startswith("."))
    r = invoke("search", *names, "--index", seeds_index)
    assert r.exit_code == 2 and "'00*'" not in r.output, r.output
    assert (f"put it in quotes: the shell read a * or ? in it as the names of files here ({names[0]}, {names[1]} "
            f"and {len(names) - 2} more)") in r.output, r.output


def test_a_query_s_words_that_name_folders_here_are_not_said_to_be_the_shell_s(seeds_index, tmp_path, monkeypatch):
    """`newsarchive search mali niger`, typed where the user keeps the folders mali and niger
    (the sources they indexed), was told the shell had read a * or ? as file names, and to quote
    'coup*', a pattern they never typed. Words a * made come sorted and share a beginning or an
    ending: these do not, and run as the query 'mali niger'; a * the shell read is said with
    the names it gave, not always 'coup*'."""
    for name in ("mali", "niger"):
        (tmp_path / name).mkdir()
    for name in ("mali1.txt", "mali2.txt"):
        (tmp_path / name).write_text("")
    monkeypatch.chdir(tmp_path)
    r = invoke("search", "mali", "niger", "--index", seeds_index)
    assert r.exit_code == 0 and "results for mali niger" in r.output and "shell" not in r.output, r.output
    r = invoke("search", "mali1.txt", "mali2.txt", "--index", seeds_index)
    assert r.exit_code == 2 and "put it in quotes: the shell read a * or ? in it as the names of files here " \
        "(mali1.txt and mali2.txt)" in r.output, r.output



def test_two_plain_words_naming_folders_here_are_the_query_not_the_shell_s(seeds_index, tmp_path, monkeypatch):
    """`newsarchive search 2020 2021` run where the folders 2020 and 2021 are (a year's sources)
    was refused as a * the shell had read as file names: sorted, sharing a beginning. Two words
    of no file extension are much likelier typed than a * that matched two folders: they run
    as the query '2020 2021'; three such names, or two with an extension, are still the shell's."""
    for name in ("2019", "2020", "2021"):
        (tmp_path / name).mkdir()
    monkeypatch.chdir(tmp_path)
    r = invoke("search", "2020", "2021", "--index", seeds_index)
    assert r.exit_code == 0 and r.output.startswith("1 result for 2020 2021\n") and "shell" not in r.output, r.output
    r = invoke("search", "2019", "2020", "2021", "--index", seeds_index)
    assert r.exit_code == 2 and "the names of files here (2019, 2020 and 2021)" in r.output, r.output

def test_show_of_an_unknown_id_gives_an_id_of_the_index(seeds_index):
    """`newsarchive show wire/gone-story.txt` (an id near none of the index's) said "no document
    with id 'wire/gone-story.txt' (an id, a page's URL or an indexed file)": nothing said what an
    id looks like. It names one of the index, as a search prints it, which `show` opens, as the
    web's 404 does. (A seed's file name without its folder is offered its id: a near miss.)"""
    r = invoke("show", "wire/gone-story.txt", "--index", seeds_index)
    said = re.search(r"no document with id 'wire/gone-story\.txt' \(an id as a search prints it, such as "
                     r"'([^']+)', a page's URL or an indexed file\)", r.output)
    assert r.exit_code == 2 and said, r.output
    listed = {h["id"] for h in json.loads(invoke("search", "--index", seeds_index, "--json").stdout)["hits"]}
    assert said.group(1) in listed and invoke("show", said.group(1), "--index", seeds_index).exit_code == 0


def test_a_command_s_option_typed_before_the_command_says_where_it_goes(seeds_index):
    """`newsarchive --index ix search mali`, as the README's settings name `--index DIR`, was
    "No such option: --index", though every command has it. The error writes the command line
    out with the option after the command's name, and that line runs."""
    r = invoke("--index", seeds_index, "search", "mali coup", "--limit", 1)
    assert r.exit_code == 2, r.output
    fixed = f"newsarchive search --index {seeds_index} 'mali coup' --limit 1"
    assert f"Error: --index is the command's option: put it after its name: {fixed}" in r.output, r.output
    import shlex

    r = invoke(*shlex.split(fixed)[1:])
    assert r.exit_code == 0 and "results for mali coup" in r.output, r.output
    r = invoke(f"--index={seeds_index}", "--json", "stats")
    assert r.exit_code == 2 and json.loads(r.stdout.splitlines()[0])["exit"] == 2, r.output
    assert "No such option '--bogus'" in invoke("--bogus", "stats").output  # the group's own: click's words


def test_an_option_before_the_command_whose_value_is_a_command_s_name_is_moved_whole(seeds_index, tmp_path,
                                                                                     monkeypatch):
    """`newsarchive --index index search mali`, the index folder named `index` as the default
    is, had its value read as the command `index`: "put it after its name: newsarchive index
    --index search mali", a line that would index mali into a folder named search. The option's
    value is skipped: the line offered is the search, and it runs."""
    import shlex

    monkeypatch.chdir(tmp_path)
    shutil.copytree(seeds_index, tmp_path / "index")
    r = invoke("--index", "index", "search", "mali")
    fixed = "newsarchive search --index index mali"
    assert r.exit_code == 2 and f"put it after its name: {fixed}" in r.output, r.output
    r = invoke(*shlex.split(fixed)[1:])
    assert r.exit_code == 0 and "results for mali" in r.output, r.output
    assert not (tmp_path / "search").exists()


@pytest.mark.parametrize("args,taking", [
    (["--index", "ix"], "(COMMAND one of clean, entities, export, forget, index, reindex, search, serve, show, stats)"),
    (["--index=ix"], "COMMAND one of clean, "),
    (["--limit", "5"], "(COMMAND one of entities, search)"),
])
def test_a_command_s_option_with_no_command_says_the_command_is_missing(args, taking):
    """`newsarchive --index ix`, a command's option and no command, was "No such option
    '--index'" though every command has it: the command is what is missing, said with the
    line to write and the commands that take the option. An option no command has is still
    no such option, and the group's own (--version) still runs."""
    r = invoke(*args)
    assert r.exit_code == 2 and "No such option" not in r.output, r.output
    assert (f"Error: missing command: {args[0].split('=')[0]} is a command's option, put after its name: "
            f"newsarchive COMMAND {' '.join(args)} ") in r.output and taking in r.output, r.output
    assert "No such option '--bogus'" in invoke("--bogus").output
    assert invoke("--version").exit_code == 0


@pytest.mark.parametrize("args", [["--index", "ix", "bogus"], ["--index=ix", "bogus"], ["--limit", "5", "bogus", "x"]])
def test_a_command_s_option_before_an_unknown_command_names_the_command(args):
    """`newsarchive --index ix bogus` said "missing command: --index is a command's option ...",
    though a command was typed: the one typed is no command, said as `newsarchive bogus` says it;
    a command's option with none typed is still "missing command"."""
    r = invoke(*args)
    assert r.exit_code == 2 and "Error: No such command 'bogus'." in r.output, r.output
    assert "missing command" not in r.output, r.output
    r = invoke(*args, "--json")
    assert r.exit_code == 2 and json.loads(r.output.splitlines()[0])["error"] == "No such command 'bogus'.", r.output


def test_a_command_s_options_with_no_command_name_the_commands_taking_them_all():
    """`newsarchive --index ix --limit 5` was offered "COMMAND one of clean, entities, export,
    ...", the commands taking --index, where only entities and search take --limit too (`stats
    --index ix --limit 5` is "No such option"); and `--index ix --version` was "missing command",
    `--version --index ix` "No such option '--index'", `--index ix --help` either, where the
    group's own option asks for no command. The commands named take every option given, and the
    version and the help are printed."""
    r = invoke("--index", "ix", "--limit", "5")
    assert r.exit_code == 2 and "(COMMAND one of entities, search)" in r.output, r.output
    r = invoke("--index", "ix", "--filter", "year=2020")
    assert r.exit_code == 2 and "(COMMAND one of export, search)" in r.output, r.output
    for args in (["--index", "ix", "--version"], ["--version", "--index", "ix"]):
        r = invoke(*args)
        assert r.exit_code == 0 and r.output == invoke("--version").output, (args, r.output)
    r = invoke("--index", "ix", "--help")
    assert r.exit_code == 0 and r.output == invoke("--help").output, r.output
    assert "No such option '--bogus'" in invoke("--bogus", "--version").output


def test_an_empty_path_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "a.txt").write_text("Title\n\nFarmers in Segou, Mali, said the rains came late this year.\n")
    monkeypatch.chdir(tmp_path / "here")
    ix = tmp_path / "ix"
    for cmd in (["index", ""], ["index", "a.txt", " "], ["forget", ""]):
        r = invoke(*cmd, "--index", ix)
        assert r.exit_code == 2 and "empty path" in r.output, cmd
    assert not (ix / "sources.json").exists()
    assert invoke("index", "a.txt", "--index", ix).exit_code == 0


def test_exit_codes(tmp_path, seeds_index):
    assert invoke("search", "coup", "--index", tmp_path / "none").exit_code == 3
    assert invoke("search", '"open', "--index", seeds_index).exit_code == 2
    assert invoke("search", "x", "--filter", "colour=red", "--index", seeds_index).exit_code == 2
    assert invoke("show", "no-such-id", "--index", seeds_index).exit_code == 2
    assert invoke("reindex", "--index", tmp_path / "none").exit_code == 3


def test_show_json_has_every_field(seeds_index):
    r = invoke("show", "seeds/004_f3b39a4f3be66642.txt", "--index", seeds_index, "--json")
    doc = json.loads(r.output)
    assert doc["title"] == "Russia And Mali Sign Military Cooperation Agreement"
    assert "text" in doc and "removed" in doc and doc["published"] == "2021-04-11"


def test_show_says_where_the_translation_labels_begin(seeds_index):
    """"unlikely (score 0.69)" read as high: the label's thresholds are printed beside the score."""
    from search import translation_thresholds

    bounds = translation_thresholds()
    assert 0 < bounds["possible"] < bounds["likely"] <= 1
    out = invoke("show", "seeds/004_f3b39a4f3be66642.txt", "--index", seeds_index).output
    line = next(ln for ln in out.splitlines() if ln.startswith("translation:"))
    assert f"possible from {bounds['possible']:.2f}, likely from {bounds['likely']:.2f})" in line


def test_stats_json(seeds_index):
    out = json.loads(invoke("stats", "--index", seeds_index, "--json").output)
    assert out["documents"] == 5


def test_console_script_reports_errors_without_traceback(tmp_path):
    p = subprocess.run([sys.executable, "-m", "search.cli", "search", "coup", "--index", str(tmp_path / "none")],
                       capture_output=True, text=True)
    assert p.returncode == 3
    assert "Traceback" not in p.stderr and "no index" in p.stderr


def test_stats_text_shows_failed_runs(tmp_path):
    from search import Store, indexer

    store = Store(tmp_path / "ix")
    indexer.run(store, [str(SEEDS)])
    store.log_run({"command": "reindex", "error": "RuntimeError: disk full", "seconds": 0.5})
    out = invoke("stats", "--index", store.path).output
    assert "failed" in out and "disk full" in out


def test_stats_text_says_how_many_inputs_a_run_skipped_and_a_full_run(tmp_path):
    """`stats` printed a run that skipped inputs as one that skipped none ("run …: index +5 ~0 -0
    (3.1s)"), where /status's table has a Skipped column, and a `reindex --full` as a `reindex`: the
    night's unreadable files went unsaid to whoever checks the index from a terminal."""
    news = tmp_path / "news"
    shutil.copytree(SEEDS, news)
    (news / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    (news / "empty.txt").write_bytes(b"")
    ix = tmp_path / "ix"
    assert invoke("index", news, "--index", ix).exit_code == 0
    assert invoke("reindex", "--full", "--index", ix).exit_code == 0
    runs = [line.strip() for line in invoke("stats", "--index", ix).output.splitlines() if line.strip().startswith("run ")]
    assert re.fullmatch(r"run \S+: index \+5 ~0 -0, 2 skipped \([\d.]+s\)", runs[0]), runs
    assert re.fullmatch(r"run \S+: reindex --full \+0 ~0 -0, 2 skipped \([\d.]+s\)", runs[1]), runs


def test_stats_text_lists_each_source_with_its_articles(tmp_path):
    """/status and /healthz gave each source's articles, but `stats` printed the sources by
    their folders alone ("source: /data/wire"): which source held what was in --json only. Each
    source's line now says its articles as /status does, one line a source however many, and a
    source with none is listed without a count (and named below as before)."""
    write_two_sources(tmp_path)
    (tmp_path / "empty").mkdir()
    from search import Store, indexer

    roots = [str(tmp_path / name) for name in ("notes", "wire", "empty")]
    assert indexer.run(Store(tmp_path / "ix"), roots)["indexed"] == 4
    out = invoke("stats", "--index", tmp_path / "ix").output
    listed = [line for line in out.splitlines() if line.startswith("  source: ")]
    assert listed == [f"  source: {roots[0]}: 1 article", f"  source: {roots[1]}: 3 articles", f"  source: {roots[2]}"], out
    assert f"no articles indexed from {roots[2]}" in out


def test_stats_text_prints_counts_as_the_pages_do(tmp_path):
    """`stats` printed a run's counts bare ("+19043 ~1200"), beside the sources' "19,043 articles"
    and /status's runs table: each count now has its thousands comma, and a log line edited by hand
    into other values is said as it is."""
    import json

    write_two_sources(tmp_path)
    from search import Store, indexer

    assert indexer.run(Store(tmp_path / "ix"), [str(tmp_path / "notes")])["indexed"] == 1
    run = {"finished": "2026-12-01T02:00:00Z", "command": "reindex", "full": False, "seconds": 1.5}
    with open(tmp_path / "ix" / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({**run, "added": 19043, "changed": 1200, "removed": 1001}) + "\n")
        fh.write(json.dumps({**run, "added": "many"}) + "\n")
    out = invoke("stats", "--index", tmp_path / "ix").output
    assert "reindex +19,043 ~1,200 -1,001 (1.5s)" in out, out
    assert "reindex +many ~0 -0 (1.5s)" in out, out
    assert out.startswith("1 document in "), out


def test_serve_on_a_taken_port_is_a_clear_error(seeds_index):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = CliRunner().invoke(cli, ["serve", "--port", str(port), "--index", str(seeds_index)])
        assert r.exit_code == 2
        assert f"cannot listen on 127.0.0.1:{port}" in r.output and "Traceback" not in r.output
        assert "another server is there" in r.output and "no index" not in r.output
        # a missing index is named before anything else (it served 503s without a word)
        r = CliRunner().invoke(cli, ["serve", "--port", str(port), "--index", str(seeds_index / "nope")])
        assert f"no index in {seeds_index / 'nope'} yet" in r.output


def test_serve_refuses_the_archive_given_for_its_index(tmp_path):
    """`serve --index ~/news` (the archive for the index) said "no index in ~/news yet: pages
    answer 503 until `newsarchive index --index ~/news PATH` builds one" and served 503s for
    good: that run refuses a folder of other files. It says what `search` says (exit 3), before
    it listens."""
    import socket

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Coup in Mali\n\nSoldiers took power.\n", encoding="utf-8")
    with socket.socket() as taken:  # were it to listen, it would be refused there, not serve
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = CliRunner().invoke(cli, ["serve", "--port", str(port), "--index", str(tmp_path / "news")])
    assert r.exit_code == 3, r.output
    assert f"no index at {tmp_path / 'news'}: it is a folder of other files (a.txt); give the index's folder" in r.output
    assert "pages answer 503" not in r.output and "cannot listen" not in r.output
    assert r.output == CliRunner().invoke(cli, ["search", "coup", "--index", str(tmp_path / "news")]).output
    assert not (tmp_path / "news" / "lock").exists()


def test_damaged_index_exit_3_then_reindex_repairs_it(seeds_index, tmp_path):
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    live = ix / (ix / "CURRENT").read_text().strip()
    (live / "facets.npz").write_bytes(b"garbage")
    for cmd in (["search", "coup"], ["entities"], ["stats"]):
        r = CliRunner().invoke(cli, [*cmd, "--index", str(ix)])
        assert r.exit_code == 3 and "damaged" in r.output and "reindex --full" in r.output, r.output
    r = invoke("reindex", "--index", ix)
    assert r.exit_code == 0 and "damaged" in r.output and "rebuilt" in r.output
    assert "5 results" in invoke("search", "coup", "--index", ix).output


def test_forget_cli(seeds_index, tmp_path):
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    r = CliRunner().invoke(cli, ["forget", str(tmp_path / "nowhere"), "--index", str(ix)])
    assert r.exit_code == 2 and "not a source" in r.output
    r = invoke("forget", SEEDS, "--index", ix, "--json")
    assert r.exit_code == 0 and json.loads(r.output)["removed"] == 5
    assert "0 results" in invoke("search", "coup", "--index", ix).output


def test_forget_counts_the_other_sources_skipped_inputs_and_its_help_says_it_reads_them(seeds_index, tmp_path):
    """`forget A` reads every other source again, as a reindex does, and listed each of their
    skipped files on stderr once more (a .docx beside the feeds said skipped by a command that
    dropped another folder), where neither README nor --help said it reads them at all."""
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    other = tmp_path / "other"
    other.mkdir()
    (other / "harbour.txt").write_text("Harbour reopens\n\nThe harbour reopened to ships on Monday after repairs.\n")
    (other / "notes.docx").write_bytes(b"PK\x03\x04 a word document")
    assert "notes.docx: unsupported file type .docx" in invoke("index", other, "--index", ix).stderr
    r = invoke("forget", SEEDS, "--index", ix)
    assert r.exit_code == 0, r.output
    assert "notes.docx" not in r.stderr and "1 input of the other sources skipped" in r.stderr, r.stderr
    assert "0 results" in invoke("search", "coup", "--index", ix).output
    said = " ".join(invoke("forget", "--help").output.split())
    assert "It reads the other sources again, as `reindex` does" in said, said


def test_clean_reports_a_page_with_no_article_text_as_index_does(tmp_path):
    """`clean` printed the title of a page of navigation alone and exited 0; `index` skips it."""
    (tmp_path / "empty.html").write_text("<html><head><title>Empty</title></head><body><nav>Home | About</nav>"
                                         "<footer>© 2021</footer></body></html>")
    r = CliRunner().invoke(cli, ["clean", str(tmp_path / "empty.html")])
    assert r.exit_code == 1 and "no article text once the boilerplate is removed" in r.output


def test_clean_lists_what_it_removed_and_why_on_request(tmp_path):
    """`clean` said it shows "what it removes, and why", but its text output was the kept text
    alone: only --json listed the removed pieces."""
    seed = SEEDS / "000_82caef7a759caf58.txt"
    removed = json.loads(invoke("clean", seed, "--json").stdout)[0]["removed"]
    plain = invoke("clean", seed).stdout
    r = invoke("clean", seed, "--removed")
    assert r.exit_code == 0 and r.stdout.startswith(plain.rstrip("\n"))
    listed = r.stdout[len(plain.rstrip("\n")):].strip().splitlines()
    assert listed[0] == f"--- removed: {len(removed)} pieces ---" and len(listed) == len(removed) + 1
    assert all(line.startswith(f"[{piece['reason']}] ") for line, piece in zip(listed[1:], removed))
    assert "--- removed" not in plain


def test_clean_reads_every_input_kind_and_prints_a_list(tmp_path):
    """`clean` decoded every file as one text: a JSON Lines file came out as raw JSON, a
    WARC as 'binary file'; --json gave an object for one file and a list for several."""
    jl = tmp_path / "wire.jsonl"
    jl.write_text(json.dumps({"title": "Cocoa", "text": "Cocoa prices rose in Abidjan on Monday, traders said."}) + "\n"
                  + json.dumps({"title": "Ships", "text": "Ships waited at Tema on Tuesday, officials said."}) + "\nnot json\n")
    r = invoke("clean", jl, "--json")
    out = json.loads(r.stdout if hasattr(r, "stdout") else r.output)
    assert r.exit_code == 0 and [d["title"] for d in out] == ["Cocoa", "Ships"]
    assert "Abidjan" in out[0]["text"] and "{" not in out[0]["text"]
    one = json.loads(invoke("clean", SEEDS / "000_82caef7a759caf58.txt", "--json").stdout)
    assert isinstance(one, list) and one[0]["title"] == "Russia trained Mali coup leaders"
    assert any(rm["reason"] for rm in one[0]["removed"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    r = invoke("clean", bad)
    assert r.exit_code == 1 and "binary" in r.output


def test_clean_cleans_a_page_once_and_says_its_json_metadata_once(tmp_path):
    """`clean FOLDER` of pages with their metadata beside them (foo.html and foo.json, as
    scrapers save them) printed each page twice, its .json read as a second article: the page
    is cleaned once, and its .json files are one note on stderr, as `index` says them."""
    story = "Cocoa prices rose in Abidjan on Monday as rain delayed the harvest, traders said."
    for name in ("cocoa", "coffee"):
        (tmp_path / f"{name}.html").write_text(f"<html><body><article><p>{story}</p></article></body></html>")
        (tmp_path / f"{name}.json").write_text(json.dumps({"url": f"https://ex.com/{name}", "text": story}) + "\n")
    r = CliRunner().invoke(cli, ["clean", str(tmp_path), "--json"])
    assert r.exit_code == 0 and [d["id"].rsplit("/", 1)[-1] for d in json.loads(r.stdout)] == ["cocoa.html", "coffee.html"]
    assert r.stderr == (f"newsarchive: note {tmp_path.resolve()}: 2 .json files beside pages of their name (cocoa.json "
                        "beside cocoa.html, and 1 more) are taken for the pages' metadata and not read for articles "
                        "(named .jsonl, such a file is read)\n")


def test_a_page_past_the_end_says_which_is_the_last(seeds_index):
    r = invoke("search", "coup", "--page", "3", "--limit", "2", "--index", seeds_index)
    assert r.exit_code == 0 and "past the last page" not in r.output and "5. " in r.output
    r = invoke("search", "coup", "--page", "9", "--limit", "2", "--index", seeds_index)
    assert r.exit_code == 0 and "page 9 is past the last page (3): try --page 3" in r.output


def test_serve_refuses_a_port_out_of_range():
    r = CliRunner().invoke(cli, ["serve", "--port", "99999"])
    assert r.exit_code == 2 and "Invalid value for '--port': port must be between 1 and 65535" in r.output


def test_output_to_a_pipe_keeps_long_lines_whole(seeds_index):
    """A cron log or `| grep` must see each title and message on one line, not cut at 80 columns."""
    r = invoke("search", "coup", "--index", seeds_index)
    long_title = "Coup in Mali. How and why Russia again helped the junta to overthrow the government"
    assert any(long_title in line for line in r.output.splitlines()), r.output


def _hostile_terminal_index(tmp_path):
    """One article whose title, url and text carry terminal escape sequences (QA pass 4)."""
    src = tmp_path / "src"
    src.mkdir()
    rec = {"id": "e1", "title": "Normal \x1b[2J\x1b]0;PWNED\x07 title", "url": "https://ex.com/\x1b[5mblink",
           "text": "The mayor of Springfield announced a new budget on Monday that cuts spending on roads "
                   "and increases funding for schools. \x1b[41mINSIDE TEXT\x1b[0m more text.\nA second line.",
           "source": "ex.com"}
    (src / "esc.jsonl").write_text(json.dumps(rec) + "\n")
    (src / "[bold red]x.txt").write_text("")  # reported as skipped: its name is not rich markup
    r = invoke("index", src, "--index", tmp_path / "ix")
    assert r.exit_code == 0, r.output
    assert "[bold red]x.txt" in r.output
    return tmp_path / "ix"


def test_scraped_escape_sequences_never_reach_the_terminal(tmp_path):
    ix = _hostile_terminal_index(tmp_path)
    for args in (("search", ""), ("show", "src/esc.jsonl#e1"), ("entities",), ("clean", tmp_path / "src" / "esc.jsonl")):
        r = invoke(*args, *(() if args[0] == "clean" else ("--index", ix)))
        assert r.exit_code == 0, (args, r.output)
        assert "\x1b" not in r.output and "\x07" not in r.output, args
    shown = invoke("show", "src/esc.jsonl#e1", "--index", ix).output
    assert "url: https://ex.com/\\x1b[5mblink" in shown  # the url is kept as found, and shown escaped
    # the cleaner drops escape sequences from title and text (the NER made a place of "TEXT ESC[0")
    assert "schools. INSIDE TEXT more text.\n" in shown and "Normal title\n" in shown
    doc = json.loads(invoke("show", "src/esc.jsonl#e1", "--index", ix, "--json").output)
    assert doc["url"] == "https://ex.com/\x1b[5mblink" and "\x1b" not in json.dumps(doc["entities"], ensure_ascii=False)


def test_a_reader_closing_the_pipe_or_an_ascii_terminal_is_no_error(tmp_path):
    ix = tmp_path / "ix"
    src = tmp_path / "src"
    src.mkdir()
    for i in range(60):
        (src / f"s{i}.txt").write_text(f"Story {i} about the Zürich budget\n\nThe council approved budget number {i} "
                                       "on Monday after a long debate about roads and schools in the city of Zürich.\n")
    assert invoke("index", src, "--index", ix).exit_code == 0
    cmd = [sys.executable, "-m", "search.cli", "search", "", "--limit", "100", "--index", str(ix)]
    p = subprocess.run(" ".join(f"'{c}'" for c in cmd) + " | head -c 10 >/dev/null; echo ${PIPESTATUS[0]}",
                       shell=True, executable="/bin/bash", capture_output=True, text=True)
    assert p.stdout.strip() == "0" and p.stderr == "", (p.stdout, p.stderr)
    p = subprocess.run(cmd, capture_output=True, env={**__import__("os").environ, "PYTHONIOENCODING": "ascii"})
    assert p.returncode == 0, p.stderr
    assert b"Z\\xfcrich" in p.stdout and p.stdout.count(b"Story") == 60


def test_settings_and_system_errors_are_said_plainly(tmp_path, monkeypatch):
    """QA pass 4: a bad NEWSARCHIVE_WORKERS was ignored and a bad PAGE_CACHE_MB an internal
    error; an index path the system refuses printed "internal error"; `forget` on no index
    was a usage error (2) rather than a missing index (3); `--help` said "one JSON object"
    for the commands that print a list."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "abc")
    r = CliRunner().invoke(cli, ["stats", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 2 and "NEWSARCHIVE_WORKERS='abc' must be a whole number" in r.output
    monkeypatch.delenv("NEWSARCHIVE_WORKERS")
    monkeypatch.setenv("NEWSARCHIVE_PAGE_CACHE_MB", "lots")
    r = CliRunner().invoke(cli, ["serve", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 2 and "NEWSARCHIVE_PAGE_CACHE_MB='lots' must be a number of megabytes" in r.output
    monkeypatch.delenv("NEWSARCHIVE_PAGE_CACHE_MB")

    (tmp_path / "afile").write_text("")
    r = CliRunner().invoke(cli, ["index", str(SEEDS), "--index", str(tmp_path / "afile" / "ix")])
    assert r.exit_code == 1 and "internal error" not in r.output
    assert f"Not a directory: {tmp_path / 'afile' / 'ix'}" in r.output

    r = CliRunner().invoke(cli, ["forget", "x", "--index", str(tmp_path / "none")])
    assert r.exit_code == 3 and "no index at" in r.output
    for cmd in ("entities", "clean"):
        assert "Print one JSON list" in CliRunner().invoke(cli, [cmd, "--help"]).output


def test_an_id_shown_with_escapes_can_be_given_back_to_show(tmp_path):
    """`search` prints a line break in an id as "\\n"; `show` refused that spelling (QA pass 5)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "w.jsonl").write_text(json.dumps({"id": "two\nlines", "title": "Line break id",
                                             "text": "The council approved the budget on Monday after a long debate."}) + "\n")
    assert invoke("index", src, "--index", tmp_path / "ix").exit_code == 0
    listed = invoke("search", "", "--index", tmp_path / "ix").output
    assert "src/w.jsonl#two\\nlines" in listed
    r = invoke("show", "src/w.jsonl#two\\nlines", "--index", tmp_path / "ix")
    assert r.exit_code == 0 and r.output.startswith("Line break id")
    r = invoke("show", "src/w.jsonl#nope\\n", "--index", tmp_path / "ix")
    assert r.exit_code == 2 and "no document with id 'src/w.jsonl#nope\\n'" in r.output


def test_results_past_the_last_page_that_can_be_shown_are_announced(pages_index):
    """As on the web page: the CLI pages too, and says when its pages end before the results."""
    note = "Showing the first 1,000 pages (1,000 of 1,001 results): narrow the search or change the sort"
    r = invoke("search", "", "--limit", "1", "--page", "1000", "--index", pages_index)
    assert r.exit_code == 0 and "1000. " in r.output and note in " ".join(r.output.split())
    out = json.loads(invoke("search", "", "--limit", "1", "--index", pages_index, "--json").output)
    assert out["paging_limit"] == note and out["last_page"] == 1000
    assert "Showing the first" not in invoke("search", "", "--limit", "2", "--index", pages_index).output
    r = invoke("search", "", "--limit", "1", "--page", "1001", "--index", pages_index)
    assert r.exit_code == 2 and "page 1,001 is past the last page that can be shown (1,000)" in r.output
    assert "narrow the search or change the sort" in r.output
    # a bad --page, as --page 0 is, not a bad query: the query is fine
    assert "Invalid value for '--page'" in r.output and "bad query" not in r.output
    # said of any search, before searching: no claim that this one has results past page 1,000
    r = invoke("search", "no such words here", "--page", "1001", "--index", pages_index)
    assert r.exit_code == 2 and "beyond the first" not in r.output and "where a search has more" in " ".join(r.output.split())


def test_page_numbers_in_messages_read_as_the_pages_print_them(pages_index):
    """The pages print "Page 1,000 is past the last page" and "1,001 results"; the command line
    and the API said "page 1001 is past the last page that can be shown (1,000)" and "page must
    be between 1 and 1000", the bound in two formats, and `search` "1001 results". Counts and
    page numbers read as on the pages; a `--page N` to type keeps its plain digits."""
    from web import create_app

    client = create_app({"INDEX": str(pages_index)}).test_client()
    for page, said in (("1001", "page 1,001 is past the last page that can be shown (1,000)"),
                       ("0", "page must be between 1 and 1,000")):
        r = invoke("search", "", "--limit", "1", "--page", page, "--index", pages_index)
        assert r.exit_code == 2 and said in r.output, r.output
        assert said in client.get(f"/api/search?per_page=1&page={page}").get_json()["error"]
    r = invoke("search", "", "--limit", "2", "--page", "1000", "--index", pages_index)
    assert r.exit_code == 0 and r.output.startswith("1,001 results\n"), r.output
    assert "page 1,000 is past the last page (501): try --page 501" in r.output



def test_a_bare_language_filter_matches_its_regional_codes(languages_index):
    """QA: the Chinese articles are stored as zh-cn and zh-tw, and `--filter language=zh` found nothing."""
    def ids(*args):
        out = json.loads(invoke("search", *args, "--index", languages_index, "--json").output)
        return sorted(h["id"].rsplit("#", 1)[1] for h in out["hits"]), out["filters"]

    assert ids("", "--filter", "language=zh") == (["cn", "tw"], {"language": ["zh-cn", "zh-tw"]})
    assert ids("", "--filter", "language=zh-cn") == (["cn"], {"language": ["zh-cn"]})
    assert ids("language:zh")[0] == ["cn", "tw"]


def test_serve_says_when_it_stops(seeds_index):
    """Ctrl-C, and a service manager's SIGTERM, stop the server cleanly, and it says so
    (it stopped without a word; SIGTERM killed it mid-answer)."""
    import signal
    import socket
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for signum in (signal.SIGINT, signal.SIGTERM):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # Ctrl-C as a terminal sends it: a suite run in the background (`pytest &`) has SIGINT
        # ignored, which its children inherit, and Python then installs no handler of its own
        p = subprocess.Popen([sys.executable, "-m", "search.cli", "serve", "--port", str(port), "--index", str(seeds_index)],
                             cwd=root, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            assert "serving" in p.stderr.readline()
            p.send_signal(signum)
            _, err = p.communicate(timeout=20)
        finally:
            p.kill()
        assert p.returncode == 0, (signum, err)
        assert f"stopped serving {seeds_index}" in err and "Traceback" not in err


def test_reindex_with_its_only_source_missing_is_no_failure(tmp_path):
    """QA: the only source unmounted, `reindex` kept its articles as the README says, but
    exited 1 (a failed nightly job), where one missing source of two exits 0. Its articles
    are counted as kept; a path that never was there still exits 1."""
    import shutil

    src = tmp_path / "seeds"
    shutil.copytree(SEEDS, src)
    ix = tmp_path / "ix"
    assert invoke("index", src, "--index", ix).exit_code == 0
    src.rename(tmp_path / "unmounted")
    for full in ([], ["--full"]):
        r = invoke("reindex", "--index", ix, "--json", *full)
        out = json.loads(r.output)
        assert r.exit_code == 0 and out["kept"] == 5 and "source is missing" in out["failed"][0]["reason"]
        assert open_index(ix) and run_search(open_index(ix), "").total == 5
    r = invoke("index", tmp_path / "never-there", "--index", tmp_path / "ix2")
    assert r.exit_code == 1


def test_serve_from_another_thread(seeds_index, monkeypatch):
    """`serve` run from a program's own thread: installing the SIGTERM handler is for the main
    thread only (it raised "signal only works in main thread", an internal error)."""
    import threading

    import waitress

    class Server:  # waitress' server, answering nothing: run() returns as on Ctrl-C
        def run(self):
            pass

        def close(self):
            pass

    monkeypatch.setattr(waitress, "create_server", lambda *a, **k: Server())
    out = {}
    th = threading.Thread(target=lambda: out.update(r=CliRunner().invoke(cli, ["serve", "--index", str(seeds_index)])))
    th.start()
    th.join(30)
    assert out["r"].exit_code == 0, out["r"].output
    assert "stopped serving" in out["r"].output and "internal error" not in out["r"].output


def test_search_during_the_first_index_run_says_it_is_being_built(tmp_path):
    """While the first run builds the index, search said "run `newsarchive index PATH` first",
    telling the user to start the run that is already going (QA)."""
    from search import Store

    store = Store(tmp_path / "ix")
    with store.lock():  # the first index run, as another process holds it
        assert store.run_in_progress() is not None
        for cmd in (["search", "coup"], ["stats"], ["show", "x"]):
            r = CliRunner().invoke(cli, [*cmd, "--index", str(tmp_path / "ix")])
            assert r.exit_code == 3, (cmd, r.output)
            assert "its first index run (pid" in r.output and "is still going" in r.output
            assert "run `newsarchive index PATH` first" not in r.output
    assert store.run_in_progress() is None  # the run ended: the plain advice again
    r = CliRunner().invoke(cli, ["search", "coup", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 3 and "run `newsarchive index PATH` first" in r.output


def test_reindex_keeping_the_articles_of_unreadable_files_is_no_failure(tmp_path):
    """QA: one file emptied, one overwritten with binary bytes, a third deleted: `reindex`
    kept the first two files' articles ("kept as last indexed: 1 article" for each, 2
    documents still served) but exited 1, "nothing could be indexed", and said `kept: 0`;
    a missing source in the same situation exits 0. Those articles are counted as kept."""
    import shutil

    src = tmp_path / "s"
    src.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    for name, seed in zip("abc", seeds):
        shutil.copy(seed, src / f"{name}.txt")
    ix = tmp_path / "ix"
    assert invoke("index", src, "--index", ix).exit_code == 0
    (src / "a.txt").write_bytes(b"")
    (src / "b.txt").write_bytes(bytes(range(256)) * 8)
    (src / "c.txt").unlink()
    r = invoke("reindex", "--index", ix, "--json")
    out = json.loads(r.output)
    assert r.exit_code == 0, r.output
    assert (out["indexed"], out["unchanged"], out["removed"], out["kept"]) == (0, 0, 1, 2), out
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in out["failed"]) == ["a.txt", "b.txt"]
    assert all(f["reason"].endswith("(kept as last indexed: 1 article)") for f in out["failed"]), out
    assert run_search(open_index(ix), "").total == 2
    # the next night, nothing changed (the run reuses the last scan): the same answer
    r = invoke("reindex", "--index", ix)
    assert r.exit_code == 0, r.output
    assert "2 kept as last indexed, 2 skipped" in r.output
    r = invoke("reindex", "--index", ix, "--json", "--full")
    assert r.exit_code == 0 and json.loads(r.output)["kept"] == 2, r.output


def test_a_source_folder_named_in_bytes_not_utf8_is_shown_and_forgotten_as_percent_xx(tmp_path):
    """QA: `stats` showed a source folder whose name is not UTF-8 with a lone surrogate
    ("caf\\udce9", also in --json: invalid UTF-8 for a JSON consumer), where its ids, `source`
    and `path` say "caf%E9"; `forget` refused the "caf%E9" it was shown (only the raw byte
    named the source), and a reindex without it reported the surrogate too."""
    import os
    import shutil

    folder = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(folder)
    shutil.copy(SEEDS / "000_82caef7a759caf58.txt", os.fsdecode(folder))
    shown = f"{tmp_path}/caf%E9"
    ix = tmp_path / "ix"

    def run(*args):  # the command as a shell runs it: the bytes it writes must be UTF-8 JSON
        p = subprocess.run([sys.executable, "-m", "search.cli", *args, "--index", str(ix)],
                           capture_output=True, timeout=120, cwd=SEEDS.parent,
                           env={**os.environ, "PYTHONPATH": str(SEEDS.parent)})
        out = p.stdout.decode("utf-8")  # strict: a surrogate written raw or as bytes fails here
        if "--json" in args:
            data = json.loads(out)
            json.dumps(data, ensure_ascii=False).encode("utf-8")  # no lone surrogate escaped as "\udce9"
            return p.returncode, data
        return p.returncode, out

    assert run("index", os.fsdecode(folder))[0] == 0
    code, data = run("stats", "--json")
    assert code == 0 and data["sources"] == [shown] and data["unindexed_sources"] == [], data
    code, text = run("stats")
    assert code == 0 and f"source: {shown}: 1 article\n" in text, text
    code, found = run("search", "", "--json")
    assert [h["id"] for h in found["hits"]] == ["caf%E9/000_82caef7a759caf58.txt"], found
    os.rename(folder, os.fsencode(tmp_path) + b"/away")  # unmounted: reported as the stats show it
    code, data = run("reindex", "--json")
    assert code == 0 and data["kept"] == 1 and [f["path"] for f in data["failed"]] == [shown], data
    code, data = run("forget", shown, "--json")
    assert code == 0 and data["removed"] == 1, data
    code, data = run("stats", "--json")
    assert data["sources"] == [] and data["documents"] == 0, data


def test_entities_and_stats_text(tmp_path, seeds_index):
    """QA: `entities` sorted "al-Qaeda" after every capitalised name, joined spellings with ", "
    though a spelling holds commas ("Goldman, Sachs and Co"), and printed nothing at all for an
    index without entities; `stats` said "1 documents"."""
    src = tmp_path / "s"
    src.mkdir()
    (src / "a.txt").write_text("Attack in the north\n\nOfficials said al-Qaeda militants attacked a convoy near Gao on "
                               "Monday. The United Nations condemned the attack, and Zenith Bank said it would close "
                               "its branch. Officials in Bamako said al-Qaeda had claimed it.\n")
    assert invoke("index", src, "--index", tmp_path / "ix").exit_code == 0
    names = [line.split(None, 1)[1].rsplit(" ", 1)[0] for line in invoke("entities", "--index", tmp_path / "ix").output.splitlines()]
    assert names == sorted(names, key=str.casefold) and "al-Qaeda" in names, names
    r = invoke("entities", "--type", "person", "--index", tmp_path / "ix")
    assert r.exit_code == 0 and r.output.strip() == "no person entities in the index"
    assert invoke("stats", "--index", tmp_path / "ix").output.startswith("1 document in ")
    goita = next(line for line in invoke("entities", "--index", seeds_index).output.splitlines() if "Assimi Goita" in line)
    assert " | " in goita and ", " not in goita, goita  # his other spellings, one " | " apart


def test_show_names_the_file_of_an_article_whose_url_is_the_page(tmp_path):
    """QA: for a WARC or JSON Lines article (id "url-…", url the page's) `show` gave no way to
    find the file holding it; the JSON had `path`."""
    src = tmp_path / "s"
    src.mkdir()
    (src / "feed.jsonl").write_text(json.dumps({"url": "https://ex.com/a", "title": "Budget vote",
                                                "text": "The council approved the budget on Monday after a debate."}) + "\n")
    (src / "b.txt").write_text("Roads plan\n\nThe council approved a plan for the roads on Tuesday after a debate.\n")
    assert invoke("index", src, "--index", tmp_path / "ix").exit_code == 0
    hits = json.loads(invoke("search", "", "--index", tmp_path / "ix", "--json").output)["hits"]
    page = next(h["id"] for h in hits if h["id"].startswith("url-"))
    out = invoke("show", page, "--index", tmp_path / "ix").output
    assert "url: https://ex.com/a" in out and f"path: {src / 'feed.jsonl'}" in out, out
    out = invoke("show", "s/b.txt", "--index", tmp_path / "ix").output
    assert "url: file://" in out and "path:" not in out  # the url is the file already


def test_an_unknown_filter_or_field_offers_the_one_meant(seeds_index):
    r = invoke("search", "coup", "--filter", "date=2021", "--index", seeds_index)
    assert r.exit_code == 2 and "did you mean 'year=2021'?" in r.output
    r = invoke("search", "coup", "--filter", "colour=red", "--index", seeds_index)
    assert r.exit_code == 2 and "did you mean" not in r.output
    r = invoke("search", "date:2021 coup", "--index", seeds_index)
    assert r.exit_code == 2 and "did you mean published:2021?" in r.output and "Traceback" not in r.output


def test_entities_contains_and_limit_as_the_web_list(seeds_index):
    """`entities` printed every entity of the archive (tens of thousands at scale): it takes the
    web list's `contains` (any spelling, any case or accents) and a limit, and gives the web's
    JSON for the same filter."""
    from web import create_app

    every = json.loads(invoke("entities", "--index", seeds_index, "--json").output)
    r = invoke("entities", "--contains", "GOYTA", "--index", seeds_index, "--json")
    found = json.loads(r.output)
    assert r.exit_code == 0 and [e["name"] for e in found] == ["Assimi Goita"]  # by an alias, not its name
    web = create_app({"INDEX": str(seeds_index)}).test_client().get("/api/entities?contains=GOYTA").get_json()
    assert found == web
    top = json.loads(invoke("entities", "--limit", "3", "--index", seeds_index, "--json").output)
    assert top == every[:3] and len(every) > 3
    mali = invoke("entities", "--type", "location", "--contains", "mal", "--index", seeds_index).output.splitlines()
    assert mali and all("location" in line and "mal" in line.lower() for line in mali), mali
    r = invoke("entities", "--contains", "zzqx", "--type", "person", "--index", seeds_index)
    assert r.exit_code == 0 and r.output.strip() == "no person entities containing 'zzqx'"
    assert invoke("entities", "--limit", "0", "--index", seeds_index).exit_code == 2


def test_entities_type_in_any_case_as_the_web_list_takes_it(seeds_index):
    """QA: `entities --type Person` was "'Person' is not one of 'person', …" (exit 2), where
    /entities?type=PERSON is the person list."""
    from web import create_app

    people = json.loads(invoke("entities", "--type", "person", "--index", seeds_index, "--json").output)
    assert people and all(e["type"] == "person" for e in people)
    for typed in ("Person", "PERSON"):
        r = invoke("entities", "--type", typed, "--index", seeds_index, "--json")
        assert r.exit_code == 0 and json.loads(r.output) == people, r.output
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert client.get("/api/entities?type=PERSON").get_json() == people
    r = invoke("entities", "--type", "people", "--index", seeds_index)
    assert r.exit_code == 2 and "unknown entity type 'people': did you mean 'person'?" in r.output  # as the web says it


def test_show_marks_where_a_search_matches_as_the_document_page_does(seeds_index):
    from web import create_app

    doc_id = "seeds/000_82caef7a759caf58.txt"
    r = invoke("show", doc_id, "-q", '"military base"', "--index", seeds_index)
    # not a terminal (a pipe, a file): no bold to see, so the marks are brackets (helper review)
    assert r.exit_code == 0 and 'matches: 5 of “"military base"” marked in the text between ⟦ and ⟧' in r.output
    assert r.output.count("⟦military base⟧") == 5
    shown = json.loads(invoke("show", doc_id, "--query", "coup person:goyta", "--index", seeds_index, "--json").output)
    web = create_app({"INDEX": str(seeds_index)}).test_client().get(f"/api/doc/{doc_id}?q=coup+person:goyta").get_json()
    assert shown["matches"] == web["matches"] and any(shown["text"][a:b] == "Assimi Goita" for a, b in shown["matches"])
    assert "matches" not in json.loads(invoke("show", doc_id, "--index", seeds_index, "--json").output)
    # a search that cannot run: the document still, and why nothing is marked, as the API gives
    # them (`show` exited 2 with the error alone)
    r = invoke("show", doc_id, "-q", "date:2021", "--index", seeds_index)
    assert r.exit_code == 0 and "Traceback" not in r.output and r.output.startswith("Russia trained Mali coup leaders")
    assert "matches: none marked: the search “date:2021” cannot run: unknown field 'date:': did you mean published:2021?" in r.output
    shown = json.loads(invoke("show", doc_id, "-q", "date:2021", "--index", seeds_index, "--json").output)
    web = create_app({"INDEX": str(seeds_index)}).test_client().get(f"/api/doc/{doc_id}?q=date:2021").get_json()
    assert shown["matches"] == web["matches"] == [] and shown["matches_error"] == web["matches_error"]


def test_marked_text_escapes_what_rich_would_read_as_markup():
    from rich.console import Console

    from search.cli import _marked

    text = "[red]coup[/] in [bold]Mali"
    con = Console(force_terminal=True, color_system="standard", width=200)
    with con.capture() as cap:
        con.print(_marked(text, [(5, 9)]))
    out = cap.get()
    assert "[red]coup[/] in [bold]Mali" in re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b[1;33mcoup" in out or "\x1b[33;1mcoup" in out  # the match, and only it, in bold yellow


def test_an_index_reads_and_writes_the_same_in_a_locale_that_is_not_utf8(seeds_index, tmp_path):
    """Under a Latin-1 or ASCII locale without Python's UTF-8 mode (`LC_ALL=C PYTHONUTF8=0`, as
    cron or systemd may run it), every command called a sound index "damaged" (its JSON files
    were read in the locale's encoding: UnicodeDecodeError), and the `reindex --full` it
    advised failed writing entities.json. Index files are UTF-8 whatever the locale."""
    import os
    import shutil
    import subprocess
    import sys

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii:backslashreplace"}
    env.pop("PYTHONCOERCECLOCALE", None)

    def run(*args):
        return subprocess.run([sys.executable, "-X", "utf8=0", "-m", "search.cli", *args, "--index", str(ix)],
                              capture_output=True, text=True, env=env)

    for args in (["search", "Goita"], ["stats"], ["reindex", "--full"], ["search", "Goita"]):
        p = run(*args)
        assert p.returncode == 0 and "damaged" not in p.stderr, (args, p.stdout, p.stderr)
    assert "Assimi Goita" in run("entities").stdout


def test_a_record_read_from_another_line_is_counted_as_stored_again(tmp_path, monkeypatch):
    """A record deleted from the top of a JSON Lines file moves every later one up a line: they
    are stored again with their new line, and the summary said "0 changed" next to a merge
    that dropped "deleted copies of updated documents" (a contradiction, to a reader)."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    feed = tmp_path / "wire.jsonl"
    recs = [{"id": f"r{i}", "title": f"Item {i}", "text": f"Story number {i} about grain exports. " * 5}
            for i in range(3)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in recs))
    assert invoke("index", feed, "--index", tmp_path / "ix").exit_code == 0
    feed.write_text("".join(json.dumps(r) + "\n" for r in recs[1:]))
    r = invoke("reindex", "--index", tmp_path / "ix")
    assert r.exit_code == 0, r.output
    assert "2 unchanged, 1 removed" in r.output, r.output
    assert "2 unchanged articles stored again: read from another line of their file" in r.output, r.output


def test_a_run_whose_summary_cannot_be_written_says_the_index_is_live(tmp_path):
    """`index ... > /dev/full` (a cron log on a full disk) published the new generation, then
    said only "No space left on device" and exit 1: read as a failed run, to be run again."""
    import os
    import shutil

    from search import Store, indexer

    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    shutil.copy(SEEDS / "000_82caef7a759caf58.txt", first)
    shutil.copy(SEEDS / "001_3af445065a74e937.txt", second)
    ix = tmp_path / "ix"
    indexer.run(Store(ix), [str(first)])
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "search.cli", "index", str(second), "--index", str(ix)],
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, cwd=SEEDS.parent,
                           env={**os.environ, "PYTHONPATH": str(SEEDS.parent)})
    live = Store(ix).current_name()
    assert p.returncode == 1
    assert f"{live} is live, but its summary could not be written to standard output: No space left on device" \
        in " ".join(p.stderr.split()), p.stderr
    assert run_search(open_index(ix), "").total == 2  # published


# ------------------------------------------------------------------ review, session 33
BODY = ("The central bank of Ruritania raised interest rates on Monday, citing inflation that has reached its "
        "highest level in a decade. Economists said the move was expected.")
BOT_CHECK = ("<html><head><title>Just a moment...</title></head><body><h1>Checking if the site connection is "
             "secure</h1><p>example.com needs to review the security of your connection before proceeding.</p>"
             "</body></html>")


def test_stats_prints_an_index_path_with_brackets_as_it_is(tmp_path):
    """The index's path went through rich markup unescaped: "idx [old]" lost its "[old]", and
    "mk[/bold]" stopped the command with an internal error (exit 1)."""
    (tmp_path / "a.txt").write_text("Rates rise\n\n" + BODY)
    for name in ("idx [old]", "mk[/bold]"):
        assert invoke("index", tmp_path / "a.txt", "--index", tmp_path / name).exit_code == 0
        r = invoke("stats", "--index", tmp_path / name)
        assert r.exit_code == 0 and f"in {tmp_path / name} (" in r.output, r.output


def test_a_record_judged_no_article_is_reported_with_its_line(tmp_path):
    """A bot-check page in a feed was reported with the file alone, unlike every other record
    (a bad JSON line, a record with no text), so it could not be found in a large feed."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (
        {"id": "a", "title": "Story A", "text": BODY}, {"id": "b", "url": "https://ex.com/b", "html": BOT_CHECK},
        {"id": "c", "title": "Story C", "text": BODY + " Again."})))
    out = json.loads(invoke("index", src, "--index", tmp_path / "ix", "--json").output)
    assert out["indexed"] == 2
    assert [(f["path"].rsplit("/", 1)[-1], f.get("line")) for f in out["failed"]] == [("feed.jsonl", 2)], out["failed"]
    r = subprocess.run([sys.executable, "-m", "search.cli", "clean", str(src / "feed.jsonl")], capture_output=True,
                       text=True)
    assert "feed.jsonl:2: a bot check" in r.stderr, r.stderr


def test_clean_names_articles_by_the_ids_show_takes(tmp_path):
    """QA: `clean dirty/feed.jsonl` named its records feed#a1, as if the file were a source of its
    own, where `index dirty` names them dirty/feed.jsonl#a1: `show feed#a1` found nothing. The ids
    are now the index's (the source holding the file), else those of indexing the file's folder."""
    src = tmp_path / "dirty"
    (src / "sub").mkdir(parents=True)
    (src / "feed.jsonl").write_text("".join(json.dumps({"id": i, "title": t, "text": BODY + " " + t + "."}) + "\n"
                                            for i, t in (("a1", "First"), ("a2", "Second"))))
    (src / "sub" / "plain.jsonl").write_text(json.dumps({"title": "Plain", "text": BODY + " Plain."}) + "\n")
    ix = tmp_path / "ix"

    def ids(path, index):
        r = invoke("clean", path, "--json", "--index", index)
        assert r.exit_code == 0, r.output
        return [d["id"] for d in json.loads(r.stdout)]

    # no index yet: as `index dirty` will name them
    assert ids(src / "feed.jsonl", ix) == ["dirty/feed.jsonl#a1", "dirty/feed.jsonl#a2"]
    assert invoke("index", src, "--index", ix).exit_code == 0
    for path, want in ((src / "feed.jsonl", ["dirty/feed.jsonl#a1", "dirty/feed.jsonl#a2"]),
                       (src / "sub" / "plain.jsonl", ["dirty/sub/plain.jsonl:1"]),
                       (src / "sub", ["dirty/sub/plain.jsonl:1"])):
        assert ids(path, ix) == want, path
        for doc_id in want:
            r = invoke("show", doc_id, "--index", ix, "--json")
            assert r.exit_code == 0 and json.loads(r.output)["id"] == doc_id
    # the text output's headers too
    assert "==> dirty/feed.jsonl#a1 <==" in invoke("clean", src / "feed.jsonl", "--index", ix).stdout


def test_one_site_is_one_source_however_the_record_names_its_host(tmp_path):
    """news-please's source_domain and trafilatura's hostname kept "www.", a URL's host lost it:
    one site was two source values, and `source=zeit.de` found a third of its articles."""
    src = tmp_path / "feed"
    src.mkdir()
    (src / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (
        {"url": "https://www.zeit.de/a", "title": "A", "maintext": BODY + " A.", "source_domain": "www.zeit.de"},
        {"url": "https://www.zeit.de/b", "title": "B", "text": BODY + " B.", "hostname": "WWW.Zeit.de"},
        {"url": "https://www.zeit.de/c", "title": "C", "text": BODY + " C."},
        {"title": "D", "text": BODY + " D.", "source": "Die Zeit"})))
    invoke("index", src, "--index", tmp_path / "ix")
    facets = json.loads(invoke("search", "", "--index", tmp_path / "ix", "--json").output)["facets"]["source"]
    assert {f["value"]: f["count"] for f in facets} == {"zeit.de": 3, "Die Zeit": 1}


def test_a_sites_address_after_source_in_the_query_is_the_site_as_the_filter_takes_it(tmp_path):
    """QA: `source:https://www.zeit.de/` in the query was "unknown field 'https:'" (exit 2): only
    the quoted form, or `--filter source=https://www.zeit.de/`, found the site's articles."""
    src = tmp_path / "feed"
    src.mkdir()
    (src / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (
        {"url": "https://www.zeit.de/a", "title": "A", "text": BODY + " A."},
        {"url": "https://www.reuters.com/b", "title": "B", "text": BODY + " B."})))
    invoke("index", src, "--index", tmp_path / "ix")

    def titles(query, *args):
        r = invoke("search", query, *args, "--index", tmp_path / "ix", "--json")
        assert r.exit_code == 0, r.output
        return sorted(h["title"] for h in json.loads(r.output)["hits"])

    assert titles("", "--filter", "source=https://www.zeit.de/") == ["A"]
    for query in ("source:https://www.zeit.de/", 'source:"https://www.zeit.de/"', "SOURCE:https://www.zeit.de/a",
                  "source:zeit.de"):
        assert titles(query) == ["A"], query
    assert titles("(source:https://www.zeit.de/ OR source:http://reuters.com)") == ["A", "B"]
    # a phrase holding one is text, as it was; an address alone is still no field
    r = invoke("search", '"source:https://www.zeit.de/"', "--index", tmp_path / "ix", "--json")
    assert r.exit_code == 0, r.output
    r = invoke("search", "https://www.zeit.de/", "--index", tmp_path / "ix")
    assert r.exit_code == 2 and "unknown field 'https:'" in r.output


def _id_archive(tmp_path):
    """A scraped folder as wget saves it (a page's query string in its file name) and a feed
    whose records have no id nor url (FILE:LINE ids), indexed: the search for a query's titles."""
    src = tmp_path / "news"
    src.mkdir()
    (src / "article.php?id=7.txt").write_text("Who? What? When? Where? Why? How? Which?\n\n" + BODY + " Seven.\n")
    (src / "other.txt").write_text("Other story\n\n" + BODY + " Other.\n")
    (src / "feed.jsonl").write_text("".join(json.dumps({"title": t, "text": BODY + " " + t + "."}) + "\n"
                                            for t in ("First", "Second")))
    r = invoke("index", src, "--index", tmp_path / "ix")
    assert r.exit_code == 0, r.output

    def titles(query):
        r = invoke("search", query, "--index", tmp_path / "ix", "--json")
        assert r.exit_code == 0, r.output
        return sorted(h["title"] for h in json.loads(r.output)["hits"])
    return titles


def test_a_question_mark_inside_quotes_is_no_wildcard(tmp_path):
    """QA: a quoted headline of seven questions was "too many wildcards (7; at most 6)", and
    id:"news/article.php?id=7.txt" (a file wget named after its page's address) "a wildcard applies
    to one word, and this is 3 to the index": a "phrase" holds no wildcard, its ? being punctuation."""
    titles = _id_archive(tmp_path)
    assert titles('"Who? What? When? Where? Why? How? Which?"') == ["Who? What? When? Where? Why? How? Which?"]
    assert titles('id:"news/article.php?id=7.txt"') == ["Who? What? When? Where? Why? How? Which?"]
    assert titles('id:"news/article.php?id=7.txt" OR id:"news/other.txt"') == [
        "Other story", "Who? What? When? Where? Why? How? Which?"]
    # unquoted, ? is still a wildcard, and seven of them still too many
    r = invoke("search", "wh?o wh?t wh?n wh?re wh?y h?w wh?ch", "--index", tmp_path / "ix")
    assert r.exit_code == 2 and "too many wildcards" in r.output


def test_a_wildcard_on_an_id_matches_the_ids_so_written(tmp_path):
    """QA: id:news/* (the articles of one folder) and id:news/feed.jsonl* (of one feed) were "a
    wildcard applies to one word, and this is 2 to the index (news, *)": an id is one word to the
    index, its / and # included, as id:odd* already found."""
    titles = _id_archive(tmp_path)
    everything = ["First", "Other story", "Second", "Who? What? When? Where? Why? How? Which?"]
    assert titles("id:news/*") == everything
    assert titles("ID:news/feed.jsonl*") == ["First", "Second"]
    assert titles("id:news/article.php?id=?.txt") == ["Who? What? When? Where? Why? How? Which?"]
    assert titles("(id:news/o* OR id:nothing/*)") == ["Other story"]
    # a text field's wildcard still applies to one word
    r = invoke("search", "title:other-*", "--index", tmp_path / "ix")
    assert r.exit_code == 2 and "applies to one word" in r.output


def test_an_id_with_a_colon_is_found_as_a_search_prints_it(tmp_path):
    """QA: a JSON Lines record with no id nor url is FILE:LINE (news/feed.jsonl:2), and
    id:news/feed.jsonl:2, copied from the results, was "unknown field 'jsonl:'", offering to quote
    "jsonl:2"; only id:"news/feed.jsonl:2" found it. Unquoted, the id is now read as quoted."""
    titles = _id_archive(tmp_path)
    r = invoke("search", "", "--index", tmp_path / "ix", "--json")
    ids = {h["title"]: h["id"] for h in json.loads(r.output)["hits"]}
    assert ids["Second"] == "news/feed.jsonl:2"
    for query in ("id:news/feed.jsonl:2", "ID:news/feed.jsonl:2", "(id:news/feed.jsonl:2)", 'id:"news/feed.jsonl:2"'):
        assert titles(query) == ["Second"], query
    assert titles("id:news/feed.jsonl:1 OR id:news/feed.jsonl:2") == ["First", "Second"]
    assert titles("ruritania NOT id:news/feed.jsonl:1 NOT id:news/other.txt") == [
        "Second", "Who? What? When? Where? Why? How? Which?"]


def test_a_wildcard_after_an_ids_colon_matches_a_feeds_lines(tmp_path):
    """QA: id:news/feed.jsonl:* (every line of a feed whose records have no id nor url) and
    id:news/feed.jsonl:1* were "unknown field 'jsonl:'" (exit 2), on the web a 400, where
    id:news/feed.jsonl:2 and id:news/feed.jsonl* worked."""
    from urllib.parse import quote

    from web import create_app

    titles = _id_archive(tmp_path)
    assert titles("id:news/feed.jsonl:*") == ["First", "Second"]
    assert titles("ID:news/feed.jsonl:1*") == ["First"]
    assert titles("(id:news/feed.jsonl:2* OR id:news/other.txt)") == ["Other story", "Second"]
    assert titles("ruritania NOT id:news/feed.jsonl:*") == ["Other story", "Who? What? When? Where? Why? How? Which?"]
    assert titles("id:news/nothing.jsonl:*") == []
    client = create_app({"INDEX": str(tmp_path / "ix")}).test_client()
    api = client.get("/api/search?q=" + quote("id:news/feed.jsonl:*"))
    assert api.status_code == 200 and sorted(h["title"] for h in api.get_json()["hits"]) == ["First", "Second"]
    page = client.get("/search?q=" + quote("id:news/feed.jsonl:1*"))
    assert page.status_code == 200
    assert "/doc/news/feed.jsonl:1" in page.get_data(as_text=True)
    assert "/doc/news/feed.jsonl:2" not in page.get_data(as_text=True)


def test_a_file_with_two_names_is_indexed_once(tmp_path):
    """A hard link is a second name of one file, which resolving symbolic links does not reveal:
    the article was indexed twice, though the README says a second name is reported and read once."""
    import os

    src = tmp_path / "src"
    src.mkdir()
    (src / "orig.txt").write_text("Rates rise\n\n" + BODY)
    os.link(src / "orig.txt", src / "second-name.txt")
    out = json.loads(invoke("index", src, "--index", tmp_path / "ix", "--json").output)
    assert out["indexed"] == 1
    assert [f["reason"] for f in out["failed"]] == [
        "the same file as src/orig.txt, read again as src/second-name.txt (one file, two paths: a link or a second "
        "name): skipped"]


def _index_one_article(ix):
    """An index with one source of one article, beside `ix`."""
    src = ix.parent / "one"
    src.mkdir()
    (src / "harbour.txt").write_text("Harbour reopens\n\nThe harbour reopened to ships on Monday after repairs.\n")
    assert invoke("index", src, "--index", ix).exit_code == 0


def test_a_folder_with_no_file_to_read_is_said_to_hold_none(tmp_path):
    """`index EMPTY` printed a summary of zeros and nothing else (a mistyped folder, a mount not
    there); `stats` then blamed an unfinished run."""
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    _index_one_article(tmp_path / "ix")  # into a new index, no index is written (test_index)
    out = json.loads(invoke("index", tmp_path / "empty", "--index", tmp_path / "ix", "--json").output)
    assert [n["note"] for n in out["notes"]] == ["no file in it to read: hidden files and folders (named .*) and "
                                                 "the parts of web pages (images, style sheets, scripts, fonts, "
                                                 "media) are left out"]
    assert "the last run found no file in it to read" in invoke("stats", "--index", tmp_path / "ix").output


def test_a_folder_of_page_parts_alone_is_said_to_hold_no_article_file(tmp_path):
    """A site mirror's assets folder (style sheets, images) was "no file in it to read": the
    user saw two files in it, and the note said only that hidden ones are left out."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "style.css").write_text("body { margin: 0 }")
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _index_one_article(tmp_path / "ix")
    r = invoke("index", tmp_path / "assets", "--index", tmp_path / "ix")
    assert r.exit_code == 0, r.output
    assert "no file in it to read: " in r.output and "style sheets" in r.output and "images" in r.output


def test_a_page_part_given_by_name_is_said_skipped_and_why(tmp_path):
    """`index photo.jpg` noted "no file in it to read: hidden files and folders …", a folder's
    words about a file the user named, and `clean photo.jpg` said "no file to read"; a .docx was
    "skipped …: unsupported file type .docx". In a folder, such files are passed over unsaid."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not an article")
    why = ("unsupported file type .jpg: a part of a web page (an image, style sheet, script, font or media "
           "file), not an article")
    r = CliRunner().invoke(cli, ["clean", str(photo)])
    assert r.exit_code == 1 and f"skipped {photo}: {why}" in r.stderr, r.output
    _index_one_article(tmp_path / "ix")
    r = CliRunner().invoke(cli, ["index", str(photo), "--index", str(tmp_path / "ix"), "--json"])
    assert r.exit_code == 1 and json.loads(r.stdout)["failed"] == [{"path": str(photo), "reason": why}], r.output
    (tmp_path / "one" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    r = CliRunner().invoke(cli, ["index", str(tmp_path / "one"), "--index", str(tmp_path / "ix"), "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["failed"] == [], r.output


def test_a_date_or_a_query_field_as_a_filter_is_offered_the_query_field(seeds_index):
    """`--filter date=2020-08-28` was offered `year=2020-08-28`, itself refused; `--filter
    published=...` named no field at all. A date, a title's or a text's words go in the query."""
    for item, hint in (("date=2020-08-28", "published:2020-08-28"), ("published=2020-08", "published:2020-08"),
                       ("title=coup in mali", 'title:"coup in mali"'), ("date=2020", "'year=2020'")):
        r = CliRunner().invoke(cli, ["search", "coup", "--filter", item, "--index", str(seeds_index)])
        assert r.exit_code == 2 and hint in r.output, (item, r.output)


def test_a_misspelt_short_filter_name_is_offered_the_filter_meant_on_the_command_line_and_the_web(seeds_index):
    """Review: `--filter yeer=1987` said only "use FACET=VALUE with FACET one of …", and
    `?yeer=1987` was ignored (the unfiltered results, nothing said): "yeer" is one edit from
    "year", but under the near-spelling ratio that finds "persn"."""
    from web import create_app

    r = CliRunner().invoke(cli, ["search", "coup", "--filter", "yeer=1987", "--index", str(seeds_index)])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and "unknown filter 'yeer': did you mean 'year=1987'? (a filter is FACET=VALUE with FACET one of " \
        "person, organization, location, source, language, year, translated)" in said, r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["export", "coup", "--filter", "yaer=1987", "--index", str(seeds_index)])
    assert r.exit_code == 2 and "did you mean 'year=1987'?" in r.output
    r = CliRunner().invoke(cli, ["search", "coup yeer:1987", "--index", str(seeds_index)])
    assert r.exit_code == 2 and "did you mean year:1987?" in r.output
    client = create_app({"INDEX": str(seeds_index), "PAGE_CACHE_MB": 0}).test_client()
    for path in ("/api/search", "/api/export", "/api/facet/person"):
        resp = client.get(f"{path}?q=coup&yeer=1987")
        assert resp.status_code == 400, path
        assert resp.get_json()["error"] == ("unknown filter 'yeer': did you mean 'year=1987'? (filters: person, "
                                             "organization, location, source, language, year, translated)")
    page = client.get("/search?q=coup&yeer=1987")
    assert page.status_code == 400 and "did you mean &#39;year=1987&#39;?" in page.get_data(as_text=True)
    # a name one edit from no filter is still left alone (a link's tracking tag)
    assert client.get("/api/search?q=coup&bear=1").status_code == 200


def test_a_filter_hint_and_the_filter_usage_are_two_sentences(seeds_index):
    """QA: "'published=2020-08-28': search it in the query, published:2020-08-28 use FACET=VALUE
    with FACET one of …": the hint and the usage ran together with no punctuation between."""
    for item, said in (("published=2020-08-28", "unknown filter 'published': search it in the query, published:2020-08-28 "
                                                "(a filter is FACET=VALUE with FACET one of person, "),
                       ("date=2021", "unknown filter 'date': did you mean 'year=2021'? (a filter is FACET=VALUE with FACET one of "),
                       ("nonsense", "'nonsense': use FACET=VALUE with FACET one of person, ")):
        r = CliRunner().invoke(cli, ["search", "coup", "--filter", item, "--index", str(seeds_index)])
        assert r.exit_code == 2 and said in " ".join(r.output.split()), (item, r.output)


def test_a_source_read_first_through_another_sources_link_is_told_so(tmp_path):
    """`index A B`, A holding a link to B: B's file, read first as A's, was "read again
    through a link as B/orig.txt" (B's path is the file's own), and stats blamed a run that
    did not finish for B's having no article."""
    (tmp_path / "B").mkdir()
    (tmp_path / "B" / "orig.txt").write_text("Rates rise\n\n" + BODY)
    (tmp_path / "A").mkdir()
    (tmp_path / "A" / "blink").symlink_to(tmp_path / "B")
    out = json.loads(invoke("index", tmp_path / "A", tmp_path / "B", "--index", tmp_path / "ix", "--json").output)
    assert out["indexed"] == 1 and [f["reason"] for f in out["failed"]] == [
        "the same file as A/blink/orig.txt, read again as B/orig.txt (one file, two paths: a link or a second name): "
        "skipped"]
    said = " ".join(invoke("stats", "--index", tmp_path / "ix").output.split())
    assert "the last run skipped 1 of its inputs" in said and "(one file, two paths: a link or a second name)" in said


SEED_ID = "seeds/000_82caef7a759caf58.txt"


def test_show_takes_a_path_a_url_or_an_id_with_spaces(seeds_index, tmp_path, monkeypatch):
    """What a person has at hand: the file's path from a terminal, the page's address from a
    browser, an id copied with a trailing space; all were "no document with id"."""
    by_id = json.loads(invoke("show", SEED_ID, "--index", seeds_index, "--json").output)
    seed = ROOT / SEED_ID
    monkeypatch.chdir(seed.parent)
    for typed in (f"{SEED_ID} ", str(seed), seed.name, seed.as_uri()):
        r = invoke("show", typed, "--index", seeds_index, "--json")
        assert r.exit_code == 0 and json.loads(r.output) == by_id, typed
    feed = tmp_path / "wire" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text("".join(json.dumps({"url": f"https://example.com/{n}", "title": f"Story {n}",
                                        "text": f"Officials in Bamako met on day {n} to discuss the transition."}) + "\n"
                            for n in (1, 2)), encoding="utf-8")
    assert invoke("index", feed.parent, "--index", tmp_path / "ix").exit_code == 0
    page = invoke("show", "https://example.com/2", "--index", tmp_path / "ix", "--json")
    assert page.exit_code == 0 and json.loads(page.output)["title"] == "Story 2"
    many = invoke("show", feed, "--index", tmp_path / "ix")
    assert many.exit_code == 2 and "holds 2 articles" in many.output and "url-" in many.output
    gone = invoke("show", tmp_path / "nothing.txt", "--index", tmp_path / "ix")
    assert gone.exit_code == 2 and "no document with id" in gone.output


def test_every_json_command_prints_its_error_as_json(tmp_path):
    """QA: `stats --json` on a missing index printed its error as text on stderr and nothing on
    stdout, as search, entities, show, reindex and forget --json did, and a bad --page or
    --filter printed click's usage text; only `show FILE --json` of many articles gave JSON.
    Every --json command now prints {"error", "exit", ...} on stdout, one line, and the message
    on stderr, with the exit code the README gives."""
    missing = tmp_path / "none"

    def json_error(*args):
        r = invoke(*args)
        assert r.exit_code != 0 and len(r.stdout.splitlines()) == 1, r.output
        out = json.loads(r.stdout)
        assert out["exit"] == r.exit_code and out["error"] in r.stderr, r.output
        return out

    for args in (("stats",), ("search", "oil"), ("entities",), ("show", "x"), ("reindex",), ("forget", tmp_path)):
        out = json_error(*args, "--index", missing, "--json")
        assert out["exit"] == 3 and str(missing) in out["error"], (args, out)
    (tmp_path / "afile").write_text("")
    out = json_error("index", SEEDS, "--index", tmp_path / "afile" / "ix", "--json")
    assert out["exit"] == 1 and "Not a directory" in out["error"]
    assert invoke("index", SEEDS, "--index", tmp_path / "ix").exit_code == 0
    out = json_error("search", "date:2021", "--index", tmp_path / "ix", "--json")
    assert out["exit"] == 2 and out["suggestion"] == "published:2021" and "unknown field 'date:'" in out["error"]
    out = json_error("show", "nothing/here", "--index", tmp_path / "ix", "--json")
    assert out == {"error": "no document with id 'nothing/here' (an id as a search prints it, such as "
                            "'seeds/000_82caef7a759caf58.txt', a page's URL or an indexed file)", "exit": 2}
    # usage errors too: said by click before the command runs, or by the command
    # an option the engine reads: its words, as the API's, and the option beside them
    for args, said in ((("search", "oil", "--page", "0"), "page must be between 1 and 1,000"),
                       (("search", "oil", "--filter", "yeer=1"), "unknown filter 'yeer'"),
                       (("entities", "--type", "persons"), "unknown entity type 'persons'"), (("clean",), "Missing argument")):
        out = json_error(*args, "--index", tmp_path / "ix", "--json")
        assert out["exit"] == 2 and said in out["error"], (args, out)
    # without --json, stdout stays empty
    r = invoke("stats", "--index", missing)
    assert r.exit_code == 3 and r.stdout == "" and "no index at" in r.stderr
    r = invoke("search", "oil", "--page", "0", "--index", tmp_path / "ix")
    assert r.exit_code == 2 and r.stdout == ""


def test_show_json_of_a_file_of_many_articles_lists_every_id(tmp_path):
    """QA: `show FILE` of a file of 2,500 articles listed 5 ids ("… (2,495 more)"), and
    `--json` printed nothing: no way to the other ids but the catalog itself."""
    feed = tmp_path / "wire" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text("".join(json.dumps({"id": n, "title": f"Story {n}",
                                        "text": f"Officials in Bamako met on day {n} to discuss the transition."}) + "\n"
                            for n in range(1, 8)), encoding="utf-8")
    assert invoke("index", feed.parent, "--index", tmp_path / "ix").exit_code == 0
    r = invoke("show", feed, "--index", tmp_path / "ix", "--json")
    assert r.exit_code == 2, r.output  # still no article shown
    assert json.loads(r.stdout) == {"error": f"'{feed}' holds 7 articles: show one by its id", "exit": 2,
                                    "ids": [f"wire/feed.jsonl#{n}" for n in range(1, 8)]}, r.stdout
    r = invoke("show", feed, "--index", tmp_path / "ix")
    assert r.exit_code == 2 and r.stdout == "" and "wire/feed.jsonl#5 … and 2 more; `--json` lists them all" in r.output
def test_show_finds_a_saved_page_by_its_canonical_url(tmp_path):
    """QA: a web page saved to disk is reported by its canonical address (<link rel=canonical>,
    else og:url), and `show` of that address, as a search printed it, was "no document with id"
    (exit 2), /doc/ of it a 404: only the page's file:// address was looked up."""
    from web import create_app

    pages = tmp_path / "pages"
    pages.mkdir()
    body = "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(3))
    (pages / "story.html").write_text(
        '<html><head><title>Rates rise - Daily News</title>'
        '<link rel="canonical" href="https://news.example.com/2021/03/rates-rise">'
        '<meta property="og:url" content="https://news.example.com/2021/03/rates-rise?from=og">'
        f"</head><body><article><h1>Rates rise</h1>{body}</article></body></html>")
    (pages / "og.html").write_text(
        '<html><head><title>Rates hold - Daily News</title>'
        '<meta property="og:url" content="https://news.example.com/2021/04/rates-hold">'
        f"</head><body><article><h1>Rates hold</h1>{body.replace('Paragraph', 'Part')}</article></body></html>")
    ix = tmp_path / "ix"
    assert invoke("index", pages, "--index", ix).exit_code == 0
    urls = {h["id"]: h["url"] for h in json.loads(invoke("search", "", "--index", ix, "--json").stdout)["hits"]}
    assert urls == {"pages/story.html": "https://news.example.com/2021/03/rates-rise",
                    "pages/og.html": "https://news.example.com/2021/04/rates-hold"}
    client = create_app({"INDEX": str(ix)}).test_client()
    for doc_id, url in urls.items():
        r = invoke("show", url, "--index", ix, "--json")
        assert r.exit_code == 0 and json.loads(r.stdout)["id"] == doc_id, r.output
        api = client.get("/api/doc/" + url)
        assert api.status_code == 200 and api.get_json()["id"] == doc_id
    r = invoke("show", "https://news.example.com/2021/03/rates-fall", "--index", ix)
    assert r.exit_code == 2 and "no document with id" in r.output


def test_show_finds_a_json_lines_record_with_an_id_by_its_url(tmp_path):
    """QA: `show http://reuters.example/1` was "no document with id" (exit 2) though a record
    has that url: a record with an id of its own is not filed under its URL's hash."""
    feed = tmp_path / "wire" / "feed.jsonl"
    feed.parent.mkdir()
    records = [("r1", "https://ex.com/one", "Budget vote"), ("r2", "https://ex.com/two", "Roads plan"),
               ("r3", "https://ex.com/two", "Roads plan, corrected")]
    feed.write_text("".join(json.dumps({"id": i, "url": url, "title": title,
                                        "text": f"{title}: the council met in Bamako on Monday to discuss it."}) + "\n"
                            for i, url, title in records), encoding="utf-8")
    assert invoke("index", feed.parent, "--index", tmp_path / "ix").exit_code == 0
    r = invoke("show", " https://ex.com/one", "--index", tmp_path / "ix", "--json")
    assert r.exit_code == 0 and json.loads(r.output)["id"] == "wire/feed.jsonl#r1", r.output
    r = invoke("show", "https://ex.com/two", "--index", tmp_path / "ix")  # two records, one url: as a file's
    assert r.exit_code == 2 and "holds 2 articles" in r.output and "wire/feed.jsonl#r2, wire/feed.jsonl#r3" in r.output
    r = invoke("show", "https://ex.com/three", "--index", tmp_path / "ix")
    assert r.exit_code == 2 and "no document with id" in r.output
def test_show_takes_the_url_search_reports_for_a_json_lines_record_with_none(tmp_path):
    """QA: a JSON Lines record with no url is reported with its file's URL and `#` its line
    (`file:///…/reuters.jsonl#1492`); `show` of that URL, which README says it takes, said
    "holds 2,000 articles" (the whole file, exit 2). The line is not the id's number: the
    record on line 1 here has id 3."""
    feed = tmp_path / "wire" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text("".join(json.dumps({"id": n, "title": f"Story {n}",
                                        "text": f"Officials in Bamako met on day {n} to discuss the transition."}) + "\n"
                            for n in (3, 1, 2)), encoding="utf-8")
    assert invoke("index", feed.parent, "--index", tmp_path / "ix").exit_code == 0
    hits = json.loads(invoke("search", "", "--index", tmp_path / "ix", "--json").output)["hits"]
    assert len(hits) == 3
    for hit in hits:
        r = invoke("show", hit["url"], "--index", tmp_path / "ix", "--json")
        assert r.exit_code == 0, r.output
        assert (json.loads(r.output)["id"], json.loads(r.output)["url"]) == (hit["id"], hit["url"])
    r = invoke("show", f"{feed.as_uri()}#1", "--index", tmp_path / "ix", "--json")
    assert json.loads(r.output)["id"] == "wire/feed.jsonl#3"
    r = invoke("show", f"{feed.as_uri()}#9", "--index", tmp_path / "ix")  # no record on line 9
    assert r.exit_code == 2 and "no document with id" in r.output, r.output
    r = invoke("show", feed.as_uri(), "--index", tmp_path / "ix")  # the file, as before
    assert r.exit_code == 2 and "holds 3 articles" in r.output, r.output


def test_stats_says_a_garbled_catalog_is_damage(tmp_path):
    """QA: with a garbled catalog.sqlite, `stats` (and /healthz) listed no source as having no
    article ("unindexed_sources": []), silently, where an empty source was one: the catalog is
    what counts a source's articles. It is damage (exit 3, 503) as for `show FILE`."""
    from web import create_app

    news, empty = tmp_path / "news", tmp_path / "empty"
    news.mkdir()
    empty.mkdir()
    (news / "a.txt").write_text("A story\n\n" + BODY + "\n")
    ix = tmp_path / "ix"
    assert invoke("index", news, empty, "--index", ix).exit_code == 0
    assert json.loads(invoke("stats", "--index", ix, "--json").stdout)["unindexed_sources"] == [str(empty)]
    (ix / (ix / "CURRENT").read_text().strip() / "catalog.sqlite").write_bytes(b"garbage" * 100)
    r = invoke("stats", "--index", ix, "--json")
    assert r.exit_code == 3 and "catalog.sqlite" in r.stderr and "reindex --full" in r.stderr, r.output
    health = create_app({"INDEX": str(ix)}).test_client().get("/healthz")
    assert health.status_code == 503 and "reindex --full" in health.get_json()["error"]
    assert invoke("search", "ruritania", "--index", ix).exit_code == 0  # searching needs no catalog
    r = invoke("reindex", "--full", "--index", ix, "--json")
    assert r.exit_code == 0
    assert json.loads(invoke("stats", "--index", ix, "--json").stdout)["unindexed_sources"] == [str(empty)]


def test_a_run_log_line_cut_inside_a_character_is_passed_over(tmp_path):
    """QA: a line of runs.jsonl cut short inside a character (a run killed, or a full disk, as
    it wrote "café") made `stats` "internal error: UnicodeDecodeError" (exit 1) and /healthz a
    500, on every call after: runs are only ever appended. The line is passed over, as a line
    that is not JSON already was."""
    from web import create_app

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("A story\n\n" + BODY + "\n")
    ix = tmp_path / "ix"
    assert invoke("index", news, "--index", ix).exit_code == 0
    with open(ix / "runs.jsonl", "ab") as log:
        log.write('{"command": "reindex", "error": "caf\u00e9'.encode()[:-1] + b"\n")
    assert invoke("reindex", "--index", ix).exit_code == 0
    r = invoke("stats", "--index", ix, "--json")
    assert r.exit_code == 0, r.output
    assert [run["command"] for run in json.loads(r.stdout)["runs"]] == ["index", "reindex"]
    health = create_app({"INDEX": str(ix)}).test_client().get("/healthz")
    assert health.status_code == 200 and health.get_json()["last_reindex"] is not None


def test_show_of_a_file_says_a_garbled_catalog_is_damage(seeds_index, tmp_path):
    """QA: with a garbled catalog.sqlite `show FILE` said "no document with id" (exit 2), as if
    the path were mistyped; any other garbled file of a generation is damage (exit 3)."""
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    catalog = ix / (ix / "CURRENT").read_text().strip() / "catalog.sqlite"
    catalog.write_bytes(b"garbage\n")
    r = invoke("show", ROOT / SEED_ID, "--index", ix)
    assert r.exit_code == 3 and "catalog.sqlite" in r.output and "damaged" in r.output, r.output
    assert "reindex --full" in r.output and "no document" not in r.output, r.output
    assert invoke("show", SEED_ID, "--index", ix).exit_code == 0  # an id needs no catalog
    catalog.unlink()  # no catalog at all: the index's own paths name the file (tests/test_lookup.py)
    r = invoke("show", ROOT / SEED_ID, "--index", ix)
    assert r.exit_code == 0 and f"id: {SEED_ID}" in r.output, r.output


def test_a_bad_setting_under_json_is_a_json_error(tmp_path, monkeypatch):
    """`NEWSARCHIVE_WORKERS=x newsarchive index ... --json` printed its error as plain text
    alone: a cron log of one JSON object a line got a line no script could read."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "x")
    for args in (["index", str(SEEDS)], ["reindex"], ["stats"], ["search", "coup"]):
        r = CliRunner().invoke(cli, [*args, "--index", str(tmp_path / "ix"), "--json"])
        assert r.exit_code == 2, (args, r.output)
        out = json.loads(r.stdout.splitlines()[0])
        assert out == {"error": "NEWSARCHIVE_WORKERS='x' must be a whole number of worker processes, at least 1",
                       "exit": 2}, args
        assert "must be a whole number" in r.stderr
    assert not (tmp_path / "ix").exists()  # said before any work
    r = CliRunner().invoke(cli, ["stats", "--index", str(tmp_path / "ix")])
    assert r.exit_code == 2 and r.stdout == "" and "NEWSARCHIVE_WORKERS='x'" in r.stderr


def test_clean_of_nothing_cleanable_says_why_under_json(tmp_path):
    """`clean --json` of files that are all skipped printed `[]` (exit 1), and of a folder of
    images alone `[]` (exit 0): a script saw no article and no reason. It is an error object
    with every skipped input, as an index run's `failed` lists them."""
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home | About</nav></body></html>")
    r = invoke("clean", tmp_path / "empty.txt", tmp_path / "nav.html", "--json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert out["error"] == "no article to clean: 2 inputs skipped" and out["exit"] == 1
    assert [(s["path"].rsplit("/", 1)[-1], s["reason"]) for s in out["skipped"]] == [
        ("empty.txt", "empty file: 0 bytes"), ("nav.html", "no article text once the boilerplate is removed")]
    assert "skipped" in r.stderr and "no article to clean" in r.stderr
    pics = tmp_path / "pics"
    pics.mkdir()
    (pics / "logo.png").write_bytes(b"\x89PNG\r\n")
    r = invoke("clean", pics, "--json")
    assert r.exit_code == 1 and json.loads(r.stdout)["error"].startswith("no article to clean: no file to read")
    # a file that is cleaned still gives the list, the skipped ones on stderr
    (tmp_path / "ok.txt").write_text("Rates rise\n\n" + BODY + "\n")
    r = invoke("clean", tmp_path / "ok.txt", tmp_path / "empty.txt", "--json")
    assert r.exit_code == 0 and [d["title"] for d in json.loads(r.stdout)] == ["Rates rise"]


def test_a_question_mark_after_an_ids_colon_is_a_wildcard(tmp_path):
    """`id:news/feed.jsonl:?` (the records of lines 1 to 9 of a feed whose records have no id
    nor url) gave 0 results, silently: a ? ending a word is read as punctuation, and the id
    left, "news/feed.jsonl:", is no article's."""
    titles = _id_archive(tmp_path)
    assert titles("id:news/feed.jsonl:?") == ["First", "Second"]
    assert titles("ID:news/feed.jsonl:?") == ["First", "Second"]
    assert titles("ruritania NOT id:news/feed.jsonl:?") == ["Other story", "Who? What? When? Where? Why? How? Which?"]
    assert titles("id:news/feed.jsonl:??") == []  # lines 10 to 99
    assert titles("ruritania?") == titles("ruritania")  # a ? ending a word of text stays punctuation


def test_stats_says_why_a_source_has_no_article_when_the_last_run_knows(tmp_path):
    """`stats` said of every source with no article "it holds no file to read, its files were
    read under another source (through a link), the run that added it did not finish, or none
    of its files could be read", though the run that built the index had said which. Now it
    says that; the guess stays for a source no run on record read."""
    news, empty, bad = tmp_path / "news", tmp_path / "empty", tmp_path / "bad"
    for d in (news, empty, bad):
        d.mkdir()
    (news / "a.txt").write_text("A story\n\n" + BODY + "\n")
    (empty / ".hidden.txt").write_text("A hidden story\n\n" + BODY + "\n")
    (bad / "h.bin").write_bytes(b"\x00\x01\x02")
    ix = tmp_path / "ix"
    assert invoke("index", news, empty, bad, "--index", ix).exit_code == 0
    for args in ((), ("reindex",)):  # as the run that read them found, and a no-op reindex after
        if args:
            assert invoke(*args, "--index", ix).exit_code == 0
        out = " ".join(invoke("stats", "--index", ix).stdout.split())
        assert f"no articles indexed from {empty}: the last run found no file in it to read" in out, out
        assert f"no articles indexed from {bad}: the last run skipped 1 of its inputs: {bad / 'h.bin'}: " in out, out
        assert "did not finish" not in out, out
    data = json.loads(invoke("stats", "--index", ix, "--json").stdout)
    assert sorted(data["unindexed_why"]) == sorted([str(empty), str(bad)]), data
    (ix / "scan.json").unlink()  # no record of what the run read: the guess, said as one
    out = " ".join(invoke("stats", "--index", ix).stdout.split())
    assert f"no articles indexed from {empty}: it holds no file to read" in out and "did not finish" in out, out


@pytest.mark.parametrize("error, said", [
    (OSError(errno.EIO), "newsarchive: Input/output error (EIO)\n"),  # as a library raises it: no words
    (OSError(errno.EIO, None, "/ix/catalog.sqlite"), "newsarchive: Input/output error (EIO): /ix/catalog.sqlite\n"),
    (OSError("the mapped file went away"), "newsarchive: the mapped file went away\n"),
    (TimeoutError(), "newsarchive: TimeoutError, with no message (set NEWSARCHIVE_DEBUG=1 for a traceback)\n"),
])
def test_a_system_error_with_no_message_is_said_not_a_traceback(monkeypatch, error, said):
    """handle_errors raised again an OSError with no strerror (OSError(errno.EIO), a library's
    TimeoutError()): a traceback in front of the user. It is said in the words there are: the
    errno's, with its name, the error's own text, or its class."""
    import click

    from search.cli import handle_errors

    @click.command()
    @handle_errors
    def command() -> None:  # a command meeting the error: handle_errors is what is tested
        raise error

    monkeypatch.delenv("NEWSARCHIVE_DEBUG", raising=False)
    r = CliRunner().invoke(command, [])
    assert (r.exit_code, r.output) == (1, said), (r.exit_code, r.output, r.exception)


def test_stats_lists_each_source_with_its_articles_as_the_status_page_does(tmp_path, monkeypatch):
    """/status lists each source with its articles ("/data/reuters: 400 articles", a6cbc62) and
    README says it does so "as `newsarchive stats` prints them", but `stats` printed the source
    alone, and its counts bare ("19043 documents", a run's "+19043 (1523.5s)") where `search`
    and every page print "19,043". `stats` now gives each source's count, the /status page's,
    and its numbers with their thousands comma; a run line edited by hand into other values is
    printed as it is, no error."""
    from web import create_app

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "one.txt").write_text("Mali and Russia\n\nThe two countries signed an agreement on Monday "
                                                "in Moscow, officials said.\n", encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "feed.jsonl").write_text("".join(json.dumps(
        {"title": f"Harbour report {i}", "text": f"The harbour published report {i} on Monday."}) + "\n" for i in range(3)))
    ix = tmp_path / "ix"
    assert invoke("index", tmp_path / "notes", tmp_path / "wire", "--index", ix).exit_code == 0
    run = json.loads((ix / "runs.jsonl").read_text().splitlines()[-1])
    with open(ix / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({**run, "added": 19043, "changed": 1200, "removed": 1001, "seconds": 1523.5}) + "\n")
        fh.write(json.dumps({**run, "added": "many"}) + "\n")
    r = invoke("stats", "--index", ix)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("4 documents in ")
    assert lines[1:3] == [f"  source: {tmp_path / 'notes'}: 1 article", f"  source: {tmp_path / 'wire'}: 3 articles"]
    assert lines[4].endswith(" +19,043 ~1,200 -1,001 (1,523.5s)") and lines[5].endswith(f" +many ~0 -0 ({run['seconds']}s)"), lines
    page = create_app({"INDEX": str(ix)}).test_client().get("/status").get_data(as_text=True)
    listed = re.findall(r"<li><code>(.*?)</code>: (\d+) articles?</li>", page)
    assert [f"  source: {src}: {n} article{'' if n == '1' else 's'}" for src, n in listed] == lines[1:3]


def test_an_index_reached_through_a_link_to_nothing_is_said_so(seeds_index, tmp_path):
    """An index kept on another disk through a link (IX -> /mnt/disk/ix), that disk not mounted:
    `index` said "File exists: IX", and a search or the nightly reindex "no index at IX (run
    `newsarchive index PATH` first)", as if the index had never been made, and sent the operator
    to build a new one. Each names the link and what it names; nothing is made, and once the disk
    is back the index is there as it was. A link on a folder above the index is said alike."""
    import shutil

    shutil.copytree(seeds_index, tmp_path / "disk" / "ix")
    (tmp_path / "ix").symlink_to(tmp_path / "disk" / "ix")
    (tmp_path / "data").symlink_to(tmp_path / "disk")
    (tmp_path / "disk").rename(tmp_path / "away")  # the disk not mounted
    for ix, link, target in ((tmp_path / "ix", tmp_path / "ix", tmp_path / "disk" / "ix"),
                             (tmp_path / "data" / "ix", tmp_path / "data", tmp_path / "disk")):
        said = (f"no index at {ix}: {link} is a link to {target}, which is not there (a disk not mounted, "
                "a folder moved or renamed?); mount or restore it, or mend the link")
        for cmd in (["search", "coup"], ["stats"], ["reindex"], ["index", str(SEEDS)], ["forget", str(SEEDS)]):
            r = CliRunner().invoke(cli, [*cmd, "--index", str(ix)])
            assert r.exit_code == 3 and said in r.output, (cmd, r.exit_code, r.output)
            assert "File exists" not in r.output and "run `newsarchive index PATH` first" not in r.output, r.output
    assert not (tmp_path / "disk").exists() and (tmp_path / "ix").is_symlink() and (tmp_path / "data").is_symlink()
    (tmp_path / "away").rename(tmp_path / "disk")  # mounted again
    assert "5 results" in invoke("search", "coup", "--index", tmp_path / "ix").output


SEED0 = "seeds/000_82caef7a759caf58.txt"


@pytest.mark.parametrize("typed,meant", [(SEED0[:-6], SEED0), (SEED0.replace("58", "5"), SEED0),
                                         (SEED0[6:], SEED0), ("seed/" + SEED0[6:], SEED0),
                                         ("wire/gone-story.txt", None), ("seeds/zzz_gone.txt", None)])
def test_show_offers_the_near_miss_the_web_s_404_offers(seeds_index, typed, meant):
    """`show` of an id with a typo, cut short, without its source's folder or with another's
    gave an example id and nothing more, where /doc/'s 404 said "did you mean …?". It offers the
    same id (lookup.near_id, the web's function), as text and in --json's "error" (the API's
    field), with the same exit code; an id near none still gets the example, and no guess."""
    from urllib.parse import quote

    from web import create_app

    web = create_app({"INDEX": str(seeds_index)}).test_client().get("/api/doc/" + quote(typed, safe="/"))
    assert web.status_code == 404
    r = invoke("show", typed, "--index", seeds_index)
    as_json = invoke("show", typed, "--index", seeds_index, "--json")
    error = json.loads(as_json.stdout)["error"]
    assert r.exit_code == as_json.exit_code == 2, r.output
    if meant is None:
        assert "did you mean" not in web.get_json()["error"] and "did you mean" not in r.output + error
        assert "such as '" in r.output, r.output
        return
    assert web.get_json()["error"].endswith(f"did you mean /api/doc/{meant}?")
    assert f"did you mean '{meant}'?" in r.output and error.endswith(f"did you mean '{meant}'?"), (r.output, error)
    assert invoke("show", meant, "--index", seeds_index).exit_code == 0

"""Exports: every article a search matches, in its pages' order, as JSON Lines or CSV, from
the engine, the command and the web alike."""
from __future__ import annotations

import csv
import gzip
import io
import json
import re

import pytest
from click.testing import CliRunner

from search import QueryError, open_index, run_search
from search.cli import cli
from search.export import COLUMNS, lines, rows, write
from web import create_app


def _paged(archive, query="", filters=None, sort="relevance", per_page=2) -> list:
    """The hits of every page of a search, in order."""
    out, page = [], 1
    while True:
        r = run_search(archive, query, filters, page=page, per_page=per_page, sort=sort)
        out += r.hits
        if page >= r.last_page:
            return out
        page += 1


@pytest.mark.parametrize("query, filters, sort", [
    ("coup", None, "relevance"),
    ("coup", None, "newest"),
    ("mali OR russia", {"person": ["Goyta"]}, "oldest"),
    ("", None, "relevance"),  # browsing: newest first, as the pages
    ("", {"translated": ["likely"]}, "oldest"),
])
def test_an_export_is_every_page_of_the_search_in_order(seeds_archive, query, filters, sort):
    hits = _paged(seeds_archive, query, filters, sort)
    total, found = rows(seeds_archive, query, filters, sort)
    found = list(found)
    assert total == len(found) == run_search(seeds_archive, query, filters, sort=sort).total > 0
    assert [r["id"] for r in found] == [h.id for h in hits]
    assert [r["score"] for r in found] == [h.score for h in hits]
    assert [r["translated"] for r in found] == [h.translated for h in hits]
    assert [r["published"] for r in found] == [h.published for h in hits]


def test_an_export_row_holds_the_article_s_entities_and_its_translation_score(seeds_archive):
    _, found = rows(seeds_archive, 'person:goyta', text=True)
    for row in found:
        assert list(row) == [*COLUMNS, "text"]
        assert "Assimi Goita" in row["person"] and "Mali" in row["location"]  # canonical names, one each
        assert 0 <= row["translation_score"] <= 1 and row["text"] and "<mark>" not in row["text"]


def test_a_bad_search_fails_before_any_row(seeds_archive):
    with pytest.raises(QueryError, match="unknown field"):
        rows(seeds_archive, "date:2021")
    with pytest.raises(QueryError, match="unknown sort"):
        rows(seeds_archive, "coup", sort="random")


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory):
    """Articles whose titles a spreadsheet would run as formulas, and a name holding a comma."""
    src = tmp_path_factory.mktemp("hostile")
    body = ("Officials said the company Goldman, Sachs and Co would advise the government of Mali on the sale. "
            "The finance minister of Mali said the talks in Bamako went well and would go on next week.\n")
    (src / "a.txt").write_text('=HYPERLINK("http://evil.example","click")\n\n' + body)
    (src / "b.txt").write_text("+1 for the sale of the mine\n\n" + body)
    (src / "c.txt").write_text("@ceo said so\n\n" + body)
    ix = tmp_path_factory.mktemp("hostile-ix")
    assert CliRunner().invoke(cli, ["index", str(src), "--index", str(ix)]).exit_code == 0
    return ix


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(hostile_index):
    out = io.StringIO()
    _, found = rows(open_index(hostile_index), "sale")
    assert write(found, out, "csv") == 3
    records = list(csv.reader(io.StringIO(out.getvalue())))
    assert records[0] == list(COLUMNS) and len(records) == 4
    titles = sorted(r[1] for r in records[1:])
    assert titles == ["'+1 for the sale of the mine", "'=HYPERLINK(\"http://evil.example\",\"click\")", "'@ceo said so"]
    # JSON Lines keeps them as written: no spreadsheet reads it
    _, found = rows(open_index(hostile_index), "sale")
    assert sorted(json.loads(line)["title"] for line in lines(found, "jsonl"))[0] == "+1 for the sale of the mine"


def test_csv_keeps_a_name_holding_a_comma_whole(hostile_index):
    _, found = rows(open_index(hostile_index), "sale")
    rec = next(csv.DictReader(io.StringIO("".join(lines(found, "csv")))))
    orgs = rec["organization"].split(" | ")
    assert any("Goldman, Sachs" in o for o in orgs), rec["organization"]
    assert rec["location"].split(" | ")[:1] == ["Mali"]


def _invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_the_command_and_the_web_give_the_same_export(seeds_index, tmp_path):
    out = tmp_path / "coup.csv"
    r = _invoke("export", "coup", "--filter", "location=Mali", "--sort", "newest", "--format", "csv",
                "-o", out, "--index", seeds_index)
    assert r.exit_code == 0 and "articles written to" in r.output and not (tmp_path / "coup.csv.part").exists()
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    resp = client.get("/api/export?q=coup&location=Mali&sort=newest&format=csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="newsarchive-coup-location-mali.csv"'
    assert resp.get_data() == out.read_bytes()  # RFC 4180's line ends, in the file too
    assert int(resp.headers["X-Total-Count"]) == len(out.read_bytes().splitlines()) - 1 > 0
    stdout = _invoke("export", "", "--text", "--index", seeds_index).output
    web = client.get("/api/export?text=1").get_data(as_text=True)
    assert stdout == web and all("text" in json.loads(line) for line in web.splitlines())


def test_an_export_file_is_written_in_the_format_its_suffix_names(seeds_index, tmp_path):
    """QA: `-o out.csv` wrote JSON Lines unless --format csv was given. The suffix names the
    format; a --format it contradicts is written as asked, with a warning on stderr; a name
    with no known suffix, or standard output, gets JSON Lines as before."""
    def export(*args):
        r = CliRunner().invoke(cli, ["export", "coup", *map(str, args), "--index", str(seeds_index)], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r

    def is_csv(path):
        return path.read_text(encoding="utf-8").startswith("id,title,published")

    def is_jsonl(path):
        return all(json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines())

    for name, check in [("a.csv", is_csv), ("B.CSV", is_csv), ("c.jsonl", is_jsonl), ("d.ndjson", is_jsonl),
                        ("e.json", is_jsonl), ("f.txt", is_jsonl), ("g", is_jsonl)]:
        r = export("-o", tmp_path / name)
        assert check(tmp_path / name), name
        assert "warning" not in r.stderr
    r = export("--format", "csv", "-o", tmp_path / "h.csv")
    assert is_csv(tmp_path / "h.csv") and "warning" not in r.stderr
    r = export("--format", "jsonl", "-o", tmp_path / "i.csv")
    assert is_jsonl(tmp_path / "i.csv")
    assert f"warning: writing jsonl to {tmp_path / 'i.csv'}, as --format says, though its suffix names csv" in r.stderr
    r = export("--format", "csv", "-o", tmp_path / "j.jsonl")
    assert is_csv(tmp_path / "j.jsonl") and "though its suffix names jsonl" in r.stderr
    assert all(json.loads(line) for line in export().stdout.splitlines())


def test_a_suffix_naming_another_format_is_warned_of(seeds_index, tmp_path):
    """`-o results.tsv` (or `.xlsx`) wrote JSON Lines into it and said nothing: the user opened
    a spreadsheet of one column of JSON. It is still JSON Lines, with a warning that says so and
    how to get CSV; a name with a number for a suffix, or none, or `.txt`, gets no warning."""
    def export(name):
        r = CliRunner().invoke(cli, ["export", "coup", "-o", str(tmp_path / name), "--index", str(seeds_index)],
                               catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r.stderr

    for name, suffix in (("results.tsv", ".tsv"), ("results.XLSX", ".xlsx"), ("results.tsv.gz", ".tsv")):
        # not "its suffix .xlsx names no format": it names one, which export does not write
        assert (f"warning: writing JSON Lines to {tmp_path / name}: export writes no {suffix} "
                "(--format csv for CSV)") in export(name)
    for name in ("results-2024.01", "results", "results.txt", "results.gz"):
        assert "warning" not in export(name), name


@pytest.mark.parametrize("name", ["out.jl", "OUT.JL", "out.jl.gz", "out.jsonlines", "out.ldjson"])
def test_json_lines_by_its_other_names_is_no_other_format(seeds_index, tmp_path, name):
    """`-o out.jl` (Scrapy's name for JSON Lines) was written as JSON Lines with a warning that
    export writes no .jl, the format it had written; so were .jsonlines and .ldjson. They name
    JSON Lines, as .jsonl does: no warning, and a --format csv they contradict is warned of."""
    r = CliRunner().invoke(cli, ["export", "coup", "-o", str(tmp_path / name), "--index", str(seeds_index)],
                           catch_exceptions=False)
    assert r.exit_code == 0 and "warning" not in r.stderr, r.stderr
    opened = gzip.open if name.endswith(".gz") else open
    with opened(tmp_path / name, "rt", encoding="utf-8") as f:
        assert all(json.loads(line)["id"] for line in f)
    r = CliRunner().invoke(cli, ["export", "coup", "--format", "csv", "-o", str(tmp_path / name),
                                 "--index", str(seeds_index)], catch_exceptions=False)
    assert r.exit_code == 0 and "though its suffix names jsonl" in r.stderr, r.stderr


def test_export_s_help_names_every_suffix_it_reads():
    """`export --help` named .jl among JSON Lines' suffixes but not .jsonlines or .ldjson, which
    export reads as JSON Lines too (71fc029) and the README lists: a user reading --help took
    `-o out.ldjson` for a format export warns of."""
    from search.export import SUFFIX_FORMATS

    text = " ".join(CliRunner().invoke(cli, ["export", "--help"], terminal_width=200).output.split())
    for suffix, fmt in SUFFIX_FORMATS.items():
        assert re.search(rf"\(\.csv: csv; [^)]*\{suffix}\b[^;)]*: {fmt}" if fmt == "jsonl" else rf"\{suffix}: {fmt}",
                         text), (suffix, text)


@pytest.mark.parametrize("name", ["out.jsonl", "out.jl", "OUT.JL", "out.jl.gz", "out.jsonlines", "out.ldjson.gz",
                                  "out.json", "out.json.gz"])
def test_an_export_by_any_name_of_json_lines_is_indexed_back(seeds_index, tmp_path, name):
    """`export -o out.jl` wrote JSON Lines, but `index out.jl` said "unsupported file type
    .jl" (so .jsonlines and .ldjson): an export could not be indexed back under its name.
    Each name export writes JSON Lines to is read as JSON Lines, compressed too: .json as well
    (it was "unsupported file type .json", though `export -o out.json` writes JSON Lines)."""
    from search.article import Article
    from search.ingest import read

    r = _invoke("export", "coup", "--text", "-o", tmp_path / name, "--index", seeds_index)
    assert r.exit_code == 0, r.output
    opened = gzip.open if name.endswith(".gz") else open
    with opened(tmp_path / name, "rt", encoding="utf-8") as f:
        exported = [json.loads(line) for line in f]
    items = list(read([tmp_path / name]))
    assert all(isinstance(i, Article) for i in items), [getattr(i, "reason", i) for i in items]
    assert len(items) == len(exported) > 0
    assert [(a.title, a.url, a.source) for a in items] == [(row["title"], row["url"], row["source"]) for row in exported]
    assert all(row["text"] and row["text"].split()[0] in a.raw for a, row in zip(items, exported))


def test_each_name_export_writes_json_lines_to_is_one_index_reads():
    """The names are kept in two lists (export's, ingest's): one added to export alone was
    written and not read back (.json was)."""
    from pathlib import Path

    from search.export import SUFFIX_FORMATS
    from search.ingest import jsonl, reader_for

    named = [s for s, fmt in SUFFIX_FORMATS.items() if fmt == "jsonl"]
    assert len(named) >= 6
    for name in (f"out{s}{gz}" for s in named for gz in ("", ".gz")):
        assert reader_for(Path(name)) is jsonl.read_file, name


def test_json_lines_names_are_one_list_the_command_line_reads_without_loading_the_readers():
    """The names were kept in two lists (export.SUFFIX_FORMATS, ingest.JSON_LINES) and a third in
    `export --help`: one list now (search.suffixes), which the command line's help reads at start
    without loading ingest's readers or export's query."""
    import subprocess
    import sys

    from search import ingest, suffixes
    from search.export import SUFFIX_FORMATS

    assert ingest.JSON_LINES is suffixes.JSON_LINES
    assert tuple(s for s, fmt in SUFFIX_FORMATS.items() if fmt == "jsonl") == suffixes.JSON_LINES
    loaded = subprocess.run([sys.executable, "-c", "import sys, search.cli; print(sorted(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout
    assert "'search.suffixes'" in loaded and "'search.ingest'" not in loaded and "'search.export'" not in loaded


def test_the_web_export_is_streamed_not_read_whole_first(seeds_index):
    """Every answer got an ETag, a hash of its body: for an export that read the whole archive's
    rows into memory before the first byte went out (Content-Length and ETag said so)."""
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    resp = client.get("/api/export?format=csv&text=1", buffered=False)
    assert resp.status_code == 200 and resp.is_streamed
    assert "Content-Length" not in resp.headers and "ETag" not in resp.headers
    first = next(iter(resp.response))  # the header line, before any article is read
    assert first.startswith(b"id,title,published")
    resp.close()


def test_the_web_export_is_gzip_compressed_for_a_client_that_accepts_it(seeds_index):
    """Walkthrough: /api/export went out uncompressed to a client sending `Accept-Encoding:
    gzip` (curl --compressed, requests), though a whole archive's rows are text gzip makes
    several times smaller. Such a client now gets it gzip-compressed, still streamed, the
    same rows; one that does not accept gzip gets it as before, and both vary with the header."""
    import gzip

    client = create_app({"INDEX": str(seeds_index)}).test_client()
    url = "/api/export?format=csv&text=1"
    plain = client.get(url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert plain.headers["Vary"] == "Accept-Encoding"
    for accept in ("gzip", "gzip, deflate, br", "deflate, gzip;q=0.5", "*"):
        r = client.get(url, headers={"Accept-Encoding": accept})
        assert r.headers.get("Content-Encoding") == "gzip", accept
        assert r.headers["Vary"] == "Accept-Encoding" and "Content-Length" not in r.headers
        assert gzip.decompress(r.data) == plain.data and len(r.data) < len(plain.data) / 2
        for header in ("Content-Disposition", "X-Total-Count", "Content-Type"):
            assert r.headers[header] == plain.headers[header]
    for accept in ("identity", "gzip;q=0", "deflate"):
        r = client.get(url, headers={"Accept-Encoding": accept})
        assert "Content-Encoding" not in r.headers and r.data == plain.data, accept
    streamed = client.get(url, headers={"Accept-Encoding": "gzip"}, buffered=False)
    assert streamed.is_streamed and next(iter(streamed.response)).startswith(b"\x1f\x8b")  # gzip's magic, first
    streamed.close()


def test_a_bad_export_is_a_clear_error_and_leaves_the_file_as_it_was(seeds_index, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("yesterday's export\n")
    r = _invoke("export", "date:2021", "-o", out, "--index", seeds_index)
    assert r.exit_code == 2 and "did you mean published:2021?" in r.output and "Traceback" not in r.output
    assert out.read_text() == "yesterday's export\n" and not (tmp_path / "keep.csv.part").exists()
    # a folder that is not there: bad usage naming the file asked for (was exit 1, naming "x.csv.part")
    r = _invoke("export", "coup", "-o", tmp_path / "nowhere" / "x.csv", "--index", seeds_index)
    assert r.exit_code == 2 and f"cannot write {tmp_path / 'nowhere' / 'x.csv'}: No such file" in r.output, r.output
    assert ".part" not in r.output and not (tmp_path / "nowhere").exists()
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert client.get("/api/export?format=xml").status_code == 400
    j = client.get("/api/export?q=date:2021").get_json()
    assert j["status"] == 400 and j["suggestion"] == "published:2021"


def test_the_results_page_links_the_export_of_its_search(seeds_index):
    import html
    import re

    client = create_app({"INDEX": str(seeds_index), "PAGE_CACHE_MB": 0}).test_client()
    body = client.get("/search?q=coup&location=Mali&sort=oldest&page=2&per_page=2").get_data(as_text=True)
    links = [html.unescape(u) for u in re.findall(r'<p class="export">.*?</p>', body, re.S)[0].split('"')
             if u.startswith("/api/export")]
    assert len(links) == 2 and all("q=coup" in u and "sort=oldest" in u and "page" not in u for u in links)
    csv_rows = list(csv.reader(io.StringIO(client.get(links[0]).get_data(as_text=True))))
    total = run_search(open_index(seeds_index), "coup", {"location": ["Mali"]}).total
    assert len(csv_rows) - 1 == total  # every result, not the page's two


def test_an_export_reads_to_its_end_while_reindexes_replace_its_generation(tmp_path):
    """A long export can outlive its generation: each index run publishes a new one and removes
    all but the last two, so two runs during an export delete the files it reads. Open files
    stay readable on POSIX; a reader that opened one lazily would fail mid-file."""
    from search import Store

    src = tmp_path / "src"
    src.mkdir()
    for i in range(30):
        (src / f"a{i}.txt").write_text(f"Story number {i} about Mali\n\nBAMAKO, Mali - Soldiers met officials on "
                                       f"day {i} in Bamako. The junta said the talks would go on.\n")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", str(src), "--index", str(ix)]).exit_code == 0
    store = Store(ix)
    first_gen = store.current_dir()
    resp = create_app({"INDEX": str(ix)}).test_client().get("/api/export?format=csv&text=1", buffered=False)
    chunks = iter(resp.response)
    head = [next(chunks) for _ in range(3)]  # the header and two rows
    for k in range(2):
        (src / f"new{k}.txt").write_text(f"New story {k}\n\nBAMAKO, Mali - More about the junta, day {k}.\n")
        assert CliRunner().invoke(cli, ["reindex", "--index", str(ix)]).exit_code == 0
    assert not first_gen.exists()  # the export's generation is gone from the disk
    body = b"".join(head + list(chunks)).decode()
    resp.close()
    got = list(csv.DictReader(io.StringIO(body)))
    assert len(got) == 30 and len({r["id"] for r in got}) == 30
    assert all(r["text"].startswith("BAMAKO, Mali") for r in got)


def test_an_empty_export_says_why_as_the_search_does(seeds_index, tmp_path):
    """A header-only file and "0 articles written" where the same search says "No article has
    person=Goytta: did you mean --filter person=Assimi Goita?" (helper review)."""
    out = tmp_path / "g.csv"
    r = _invoke("export", "coup", "--filter", "person=Goytta", "--format", "csv", "-o", out, "--index", seeds_index)
    assert r.exit_code == 0 and "No article has person=Goytta: did you mean --filter person=Assimi Goita?" in r.output
    assert "0 articles written" in r.output and out.read_text().startswith("id,title")
    r = _invoke("export", "coupp", "--index", seeds_index)
    assert r.exit_code == 0 and "Did you mean coup?" in r.output
    r = _invoke("export", "coup", "--index", seeds_index)
    assert "Did you mean" not in r.output and "No article has" not in r.output


def test_an_export_format_is_read_in_any_case(seeds_index, tmp_path):
    """Review: `--format CSV` was bad usage (exit 2) and `format=CSV` a 400, where
    `entities --type Person`, `--sort NEWEST` and filter values are read in any case."""
    out = tmp_path / "upper.txt"
    r = _invoke("export", "coup", "--format", "CSV", "-o", out, "--index", seeds_index)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("id,title,published")
    lower = _invoke("export", "coup", "--format", "csv", "--index", seeds_index).output
    assert _invoke("export", "coup", "--format", "Csv", "--index", seeds_index).output == lower
    assert _invoke("export", "coup", "--format", "JSONL", "--index", seeds_index).output.startswith('{"id"')
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    resp = client.get("/api/export?q=coup&format=CSV")
    assert resp.status_code == 200 and resp.mimetype == "text/csv", resp.get_data(as_text=True)[:200]
    assert resp.headers["Content-Disposition"] == 'attachment; filename="newsarchive-coup.csv"'
    assert resp.get_data(as_text=True) == client.get("/api/export?q=coup&format=csv").get_data(as_text=True)
    assert client.get("/api/export?q=coup&format=Jsonl").mimetype == "application/x-ndjson"
    assert client.get("/api/export?format=xml").status_code == 400


def _download_name(client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:200]
    return resp.headers["Content-Disposition"]


def test_each_web_export_is_named_after_its_search(seeds_index):
    """Walkthrough: every export downloaded as "newsarchive-export.csv", so a second one, for
    another query, arrived as "newsarchive-export (1).csv". The name is the search's: the
    query, the filters as they read (an entity's name, not its id), safe characters only,
    bounded; the results page's links name the file the same way."""
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert (_download_name(client, "/api/export?q=goita&translated=likely&format=csv")
            == 'attachment; filename="newsarchive-goita-translated-likely.csv"')
    assert (_download_name(client, "/api/export?q=goita+-russia&person=per:assimi-goita")
            == 'attachment; filename="newsarchive-goita-not-russia-person-assimi-goita.jsonl"')
    assert _download_name(client, "/api/export?format=csv") == 'attachment; filename="newsarchive-all-articles.csv"'
    assert _download_name(client, "/api/export?q=coup&match=any") == 'attachment; filename="newsarchive-coup-any-words.jsonl"'
    # a long query is cut at a word; quotes, colons and brackets are no part of a name
    long = _download_name(client, "/api/export?q=" + "+OR+".join(f"word{i}" for i in range(60)))
    name = re.fullmatch(r'attachment; filename="(newsarchive-[a-z0-9-]+)\.jsonl"', long).group(1)
    assert len(name) <= 100 and name.endswith(("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
    assert (_download_name(client, '/api/export?q=%22military+base%22+published:[2020-01-01+TO+2020-12-31]&format=csv')
            == 'attachment; filename="newsarchive-military-base-published-2020-01-01-to-2020-12-31.csv"')
    # not ASCII: the UTF-8 name beside an ASCII one (RFC 6266), accents folded in that one
    assert (_download_name(client, "/api/export?q=Ciss%C3%A9")
            == "attachment; filename=\"newsarchive-cisse.jsonl\"; filename*=UTF-8''newsarchive-ciss%C3%A9.jsonl")
    assert (_download_name(client, "/api/export?q=%E5%8C%97%E4%BA%AC")
            == "attachment; filename=\"newsarchive-export.jsonl\"; filename*=UTF-8''newsarchive-%E5%8C%97%E4%BA%AC.jsonl")
    html = client.get("/search?q=goita&translated=likely").get_data(as_text=True)
    assert 'download="newsarchive-goita-translated-likely.csv">CSV</a>' in html
    assert 'download="newsarchive-goita-translated-likely.jsonl">JSON Lines</a>' in html


@pytest.mark.parametrize("query,name", [
    ("coup OR junta OR putsch OR mutiny OR uprising OR rebellion OR revolt OR insurrection OR overthrow",
     "newsarchive-coup-or-junta-or-putsch-or-mutiny-or-uprising-or-rebellion-or-revolt.csv"),
    ("mali coup -russia -wagner -france -algeria -niger -burkina -guinea -chad -sudan",
     "newsarchive-mali-coup-not-russia-not-wagner-not-france-not-algeria-not-niger-not-burkina.csv"),
    ("crude oil prices AND opec production quotas AND saudi arabian oil output AND kuwaiti refinery",
     "newsarchive-crude-oil-prices-and-opec-production-quotas-and-saudi-arabian-oil-output.csv"),
])
def test_a_long_export_name_is_not_cut_after_an_operator(seeds_index, query, name):
    """Walkthrough: a long query's export was named "…-revolt-or.csv", "…-and.csv", and
    "…-burkina-not.csv", which reads as the search for Burkina, not without it: the name is
    cut before an operator whose word the cut left off."""
    from urllib.parse import urlencode

    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert _download_name(client, "/api/export?" + urlencode({"q": query, "format": "csv"})) == f'attachment; filename="{name}"'


def test_an_export_file_named_gz_is_gzip_compressed_in_the_format_before_it(seeds_index, tmp_path):
    """Review: `-o out.csv.gz` wrote JSON Lines, uncompressed: a file neither `zcat` nor a
    spreadsheet could read as its name said. A name ending in .gz is written gzip-compressed
    (as `index` reads a .jsonl.gz), the suffix before it naming the format."""
    import gzip

    def export(*args):
        r = CliRunner().invoke(cli, ["export", "coup", *map(str, args), "--index", str(seeds_index)], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r

    plain = tmp_path / "plain.csv"
    export("-o", plain)
    for name, fmt in [("a.csv.gz", "csv"), ("B.CSV.GZ", "csv"), ("c.jsonl.gz", "jsonl"), ("d.gz", "jsonl")]:
        r = export("-o", tmp_path / name)
        raw = (tmp_path / name).read_bytes()
        assert raw[:2] == b"\x1f\x8b", name
        body = gzip.decompress(raw).decode("utf-8")
        if fmt == "csv":
            assert body.encode() == plain.read_bytes(), name
        else:
            assert all(json.loads(line)["id"] for line in body.splitlines()), name
        assert "warning" not in r.stderr and f"written to {tmp_path / name}" in r.stderr
        assert not (tmp_path / f"{name}.part").exists()
    # the header names the file, not the .part it was written as
    head = (tmp_path / "a.csv.gz").read_bytes()[:40]
    assert b"a.csv\x00" in head and b".part" not in head
    r = export("--format", "jsonl", "-o", tmp_path / "e.csv.gz")
    assert "though its suffix names csv" in r.stderr
    assert json.loads(gzip.decompress((tmp_path / "e.csv.gz").read_bytes()).splitlines()[0])["id"]
    r = export("--format", "csv", "-o", tmp_path / "f.gz")
    assert "warning" not in r.stderr
    assert gzip.decompress((tmp_path / "f.gz").read_bytes()).startswith(b"id,title,published")

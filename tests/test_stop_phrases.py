"""A quoted phrase's stop words must be in what it finds: `"Bank of England"` is not "the bank in
England", though the index leaves "of" and "in" out (search/stop_phrases.py)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

# file | title | text
ARTICLES = {name: f"{title}\n\n{text}" for name, title, text in (line.split(" | ") for line in """
boe.txt | Rates rise | The Bank of England raised rates on Thursday, the bank said in a statement about the economy.
in.txt | Money flows | Money held by the bank in England fell sharply, analysts said on Friday about the economy.
caps.txt | Wire copy | LONDON - BANK OF ENGLAND HOLDS RATES AS EXPECTED, DEALERS SAID ON MONDAY.
possessive.txt | Policy note | The Bank of England's governor spoke on Tuesday about inflation and wages.
near.txt | Markets | A bank official in northern England said the lending rate of the region was steady.
interest.txt | Lenders | The rate of interest on deposits was cut, while the rate for interest-free loans held.
other.txt | Deposits | The deposit rate and interest payments were unchanged, a spokesman for the lender said.
muller.txt | Football | Thomas Müller of the home side scored twice in the cup final.
mueller.txt | Transfers | Gerd Mueller of the old team was honoured by the club.
census.txt | Census work | The bureau in Statistics Canada counted homes, and the Bureau of Statistics counted farms.
port.txt | Harbour news | The port chief met Dover officials. Later a port loan was made and the port was sold.
email.txt | Notices | The email of the week went to every reader, with an e-mail of thanks.
""".strip().splitlines())}


@pytest.fixture(scope="module")
def stop_index(tmp_path_factory):
    from search import Store, indexer

    root = tmp_path_factory.mktemp("stop-phrases")
    (root / "news").mkdir()
    for name, text in ARTICLES.items():
        (root / "news" / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSARCHIVE_WORKERS", "1")
        result = indexer.run(Store(root / "index"), [str(root / "news")])
    assert result["indexed"] == len(ARTICLES), result
    return root / "index"


@pytest.fixture(scope="module")
def archive(stop_index):
    from search import open_index

    return open_index(stop_index)


def _names(result) -> set[str]:
    return {h.id.rsplit("/", 1)[-1] for h in result.hits}


def _search(archive, q, **kw):
    from search import run_search

    return run_search(archive, q, per_page=50, **kw)


@pytest.mark.parametrize("q, expected", [
    # its stop word as typed, in any case, and with a possessive after it
    ('"Bank of England"', {"boe.txt", "caps.txt", "possessive.txt"}),
    ('"BANK OF ENGLAND"', {"boe.txt", "caps.txt", "possessive.txt"}),
    # the entity's articles too: caps.txt names the Bank of England (an alias's article), without "the"
    ('"the Bank of England"', {"boe.txt", "caps.txt", "possessive.txt"}),
    ('"the rate of interest"', {"interest.txt"}),
    ('"a rate of interest"', set()),
    ('"bank in England"', {"in.txt"}),
    ('"rate of interest"', {"interest.txt"}),
    ('"rate for interest"', {"interest.txt"}),  # "interest-free" holds the word "interest"
    ('"said on Friday"', {"in.txt"}),
    ('"rate of"', {"interest.txt", "near.txt"}),  # one word and a stop word: "rate" alone found other.txt
    ('"Bank of England" rates', {"boe.txt", "caps.txt"}),
    ('"Bank of England" OR wages', {"boe.txt", "caps.txt", "possessive.txt"}),
    ('"Bank of England" OR rais*', {"boe.txt", "caps.txt", "possessive.txt"}),  # a wildcard: Whoosh's own matching
    ('"Bank of England" NOT governor', {"boe.txt", "caps.txt"}),
    ('title:"rates rise"', {"boe.txt"}),
    # a stop word typed in capitals between words: the stop word too ("OF" the acronym found "bank in England")
    ('"bank OF England"', {"boe.txt", "caps.txt", "possessive.txt"}),
    ('"rate OF interest"', {"interest.txt"}),
    # umlauts in either spelling, as the index holds them (Müller is also "Mueller"; Muller is not Mueller)
    ('"Müller of the"', {"muller.txt", "mueller.txt"}),
    ('"Mueller of the"', {"muller.txt", "mueller.txt"}),
    ('"Muller of the"', {"muller.txt"}),
    ('"Mueller of a"', set()),  # a name's articles (an entity) are no match of a phrase with other words
    # a hyphenated word as the index also holds it, joined
    ('"e-mail of the"', {"email.txt"}),
    ('"email of thanks"', {"email.txt"}),
])
def test_a_phrase_finds_its_stop_words_as_typed(archive, q, expected):
    r = _search(archive, q)
    assert _names(r) == expected
    assert r.total == len(expected)


@pytest.mark.parametrize("q, expected", [
    ('"bank england"', {"boe.txt", "in.txt", "caps.txt", "possessive.txt"}),  # no stop word: the index's phrase
    ('"bank england"~2', {"boe.txt", "in.txt", "caps.txt", "possessive.txt"}),
    ('"bank of england"~3', {"boe.txt", "in.txt", "caps.txt", "possessive.txt", "near.txt"}),  # a slop: near
    ("bank of england", {"boe.txt", "in.txt", "caps.txt", "possessive.txt", "near.txt"}),  # unquoted: words
])
def test_a_phrase_without_stop_words_or_with_a_slop_is_unchanged(archive, q, expected):
    assert _names(_search(archive, q)) == expected


def test_facet_counts_equal_the_results(archive):
    r = _search(archive, '"Bank of England"')
    assert r.total == 3
    for facet in ("source", "language", "translated"):
        assert sum(v["count"] for v in r.facets[facet]) == 3, (facet, r.facets[facet])


def test_a_filter_s_other_values_are_counted_with_the_phrase_s_stop_words(archive):
    r = _search(archive, '"Bank of England"', filters={"language": ["en"]})
    assert r.total == 3
    assert {v["value"]: v["count"] for v in r.facets["language"]} == {"en": 3}


def test_the_snippet_marks_the_phrase(archive):
    hit = next(h for h in _search(archive, '"Bank of England"').hits if h.id.endswith("boe.txt"))
    assert "<mark>Bank of England</mark>" in hit.snippet


def test_the_cli_the_api_the_page_and_the_export_agree(stop_index):
    from search.cli import cli
    from web import create_app

    out = CliRunner().invoke(cli, ["search", '"Bank of England"', "--json", "--index", str(stop_index)])
    assert out.exit_code == 0, out.output
    printed = json.loads(out.output)
    assert printed["total"] == 3
    client = create_app({"INDEX": str(stop_index)}).test_client()
    assert client.get('/api/search?q="Bank of England"').get_json() == printed
    page = client.get('/search?q="Bank of England"').get_data(as_text=True)
    assert "in.txt" not in page and "boe.txt" in page
    exported = CliRunner().invoke(cli, ["export", '"Bank of England"', "--format", "jsonl", "--index", str(stop_index)])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.output.splitlines() if line.strip()]
    assert sorted(r["id"].rsplit("/", 1)[-1] for r in rows) == ["boe.txt", "caps.txt", "possessive.txt"]


def test_the_snippet_marks_the_phrase_only_with_its_stop_words(archive):
    hit = next(h for h in _search(archive, '"bureau of statistics"').hits if h.id.endswith("census.txt"))
    assert "<mark>Bureau of Statistics</mark>" in hit.snippet
    assert "<mark>bureau" not in hit.snippet  # "bureau in Statistics" is not the phrase


def _page_marks(stop_index, q: str, name: str) -> list[str]:
    """The words the document page marks for the search `q` (its JSON twin's matches)."""
    from web import create_app

    client = create_app({"INDEX": str(stop_index)}).test_client()
    found = client.get("/api/search", query_string={"q": q, "per_page": 50}).get_json()
    doc_id = next(h["id"] for h in found["hits"] if h["id"].endswith(name))
    doc = client.get(f"/api/doc/{doc_id}", query_string={"q": q}).get_json()
    return [doc["text"][a:b] for a, b in doc["matches"]]


def test_a_phrase_with_a_slop_marks_its_words_where_they_are_near(archive, stop_index):
    # "port ... Dover" three words apart is the phrase; the two later "port" are not
    hit = next(h for h in _search(archive, '"port dover"~3').hits if h.id.endswith("port.txt"))
    assert hit.snippet.count("<mark>") == 2, hit.snippet
    assert hit.snippet.startswith("The <mark>port</mark> chief met <mark>Dover</mark>"), hit.snippet
    assert _page_marks(stop_index, '"port dover"~3', "port.txt") == ["port", "Dover"]


def test_the_page_marks_the_phrase_only_with_its_stop_words(stop_index):
    assert _page_marks(stop_index, '"bureau of statistics"', "census.txt") == ["Bureau of Statistics"]


@pytest.mark.parametrize("phrase, text, expected", [
    ("out of", "He walked out of the room.", True),
    ("out of", "OUT OF THE ROOM", True),
    ("out of", "They came out, of course, late.", True),  # punctuation is no word: the index's phrase too
    ("out of", "(out of reach)", True),
    ("out of", "A shout of joy and a way out.", False),
    ("out of", "The out-of-court deal.", True),  # a hyphenated word's parts are words too, as indexed
    ("out of", "The shout-of joy.", False),
    ("out of", "Carried out\nof the vault.", True),
    ("out of", "The company's out of cash.", True),
    ("rate of interest", "A rates of interest rise.", True),
    ("rate of interest", "The rate of U.S. interest.", False),
    ("rate of interest", "The rate of interest.", True),
    ("per cent of the", "Five per cent of the shares.", True),
    ("per cent of the", "Five per\ncent of the shares.", True),
    ("bank of england", "The Bank of England's view.", True),
    ("bank of england", "The bank in England and the bank of Scotland.", False),
])
def test_the_stored_text_check_reads_the_words_next_to_a_stop_word_as_the_index_does(phrase, text, expected):
    from search.schema import build_schema
    from search.stop_phrases import occurs, phrase_words

    field = build_schema()["text"]
    assert occurs(text, phrase_words(field, phrase), field.analyzer) is expected

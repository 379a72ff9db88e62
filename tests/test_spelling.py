""""Did you mean": the indexer's word lists (search/spelling.py) give the suggestions
Whoosh's own spelling field gives, and follow the archive through reindexing."""
from __future__ import annotations

import json

import pytest
from whoosh import fields, index as whoosh_index

from search import Store, indexer, open_index, run_search
from search.query import _suggest
from search.schema import text_analyzer
from search.spelling import FILE, Vocabulary, spellable_words

from conftest import SEEDS

TRICKY = [
    "U.S. officials said e.g. the 3.5 pct rise in Jan. was a_b test* wild*card",
    "İstanbul ÉLYSÉE Straße naïve coöperate — “quoted” don't Mali`s",
    "a I x  XY  the THE And of",
    # spellable_words translates only a word the fold map can change (not lower-case ASCII):
    # group commas, ligatures, styled letters, accents, a decomposed umlaut
    "9,200,000 dlrs ﬁnance 𝐨𝐢𝐥 Mu\u0308ller cafés 1,5 pct",
    "",
]


def _whoosh_field() -> fields.TEXT:
    return fields.TEXT(analyzer=text_analyzer(), stored=True, spelling=True)


def test_spellable_words_are_whoosh_spelling_words(shared_dir):
    from search.translation import corpora

    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    texts += corpora.reuters("bench", limit=100)
    field = _whoosh_field()
    for text in texts:
        assert spellable_words(text) == set(field.spellable_words(text)), text[:60]


def _old_style_index(tmp_path, searcher):
    """The same documents' title and text in an index with Whoosh's spelling fields."""
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), title=_whoosh_field(), text=_whoosh_field())
    ix = whoosh_index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        for d in searcher.documents():
            w.add_document(id=d["id"], title=d.get("title") or "", text=d.get("text") or "")
    return ix


# Whoosh's own correct_query gives None for the last three: it corrects the stemmed term
# ("goverment" is "gover", "militry" is "militri"), not the word as typed. "they" and "two"
# are both two edits from "teh", a word of three letters, which may be one from its correction
# (query.edits_for): none is offered ("the", meant, is a stop word). A suggestion keeps the
# case the word was typed in.
@pytest.mark.parametrize("q,want", [
    ("Kremlinn", "Kremlin"), ("coupp AND malli", "coup AND mali"), ("Goitta", "Goita"), ("xylophonee", None),
    ("teh", None), ("Bamak", "Bamako"), ("KREMLINN", "KREMLIN"), ("mali coupp", "mali coup"), ('"militry junta"', '"military junta"'),
    ("transitionall goverment", "transitional government"), ("junta goverment", "junta government"),
])
def test_suggestions_equal_whoosh_spelling_field(seeds_archive, tmp_path, q, want):
    gen, searcher = seeds_archive.searcher()
    vocabulary = Vocabulary.load(gen.path)
    assert vocabulary is not None and vocabulary.docs is not None and "spell_text" not in gen.index.schema.names()
    old = _old_style_index(tmp_path, searcher)
    with old.searcher() as s:
        # an index written before spelling.py: its own spelling field (its postings count
        # the documents of each word, as the vocabulary does), the same answer
        assert _suggest(s, q, old.schema, {}) == want
    assert _suggest(searcher, q, gen.index.schema, {}, vocabulary) == want
    assert run_search(seeds_archive, q).suggestion == want


def _archive(tmp_path, records: list[dict]):
    """A real index, through the indexer, of `records` as one JSON Lines file."""
    src = tmp_path / "wire"
    src.mkdir()
    (src / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    return open_index(store.path)


def test_a_word_one_edit_away_beats_a_more_frequent_word_two_edits_away(tmp_path):
    """Fewer edits first: "plan" (two edits from "putn", three articles) came before "putin"
    (one edit, one article), since Whoosh's score gives every candidate the same distance."""
    archive = _archive(tmp_path, [
        {"id": "p1", "title": "Budget talks resume", "text": "The finance ministry said its plan for the budget would be ready in March."},
        {"id": "p2", "title": "Rail strike ends", "text": "Unions accepted the plan after a week of talks with the railway company."},
        {"id": "p3", "title": "Harbour works approved", "text": "Councillors backed a plan to deepen the harbour before the winter storms."},
        {"id": "k1", "title": "Kremlin visit", "text": "Vladimir Putin received the delegation in Moscow on Tuesday."},
    ])
    assert run_search(archive, "plan").total == 3
    r = run_search(archive, "putn")
    assert r.total == 0 and r.suggestion == "putin"
    assert run_search(archive, r.suggestion).total == 1


def test_a_tie_in_edits_goes_to_the_word_in_more_documents(tmp_path):
    """"putin" (three articles) and "puts" (one) are both one edit from "putn": the word's own
    documents decide, not its indexed term's ("put", with "putting", in three: as many, so the
    queries' counts, which decide between corrections of a query, tie)."""
    archive = _archive(tmp_path, [
        {"id": "k1", "title": "Kremlin visit", "text": "Vladimir Putin received the delegation in Moscow on Tuesday."},
        {"id": "k2", "title": "Summit in Sochi", "text": "President Putin met the Turkish leader at the Black Sea resort."},
        {"id": "k3", "title": "Gas talks", "text": "Putin said the pipeline would open next year."},
        {"id": "s1", "title": "Hauliers complain", "text": "The new toll puts lorry drivers at a disadvantage, their union said."},
        {"id": "s2", "title": "Farm subsidies", "text": "Ministers are putting more money into dairy farms this year."},
        {"id": "s3", "title": "Stadium plans", "text": "The club is putting its new stadium on hold until the autumn."},
    ])
    gen, _ = archive.searcher()
    vocabulary = Vocabulary.load(gen.path)
    assert [vocabulary.doc_count("text", w) for w in ("putin", "puts", "putting")] == [3, 1, 2]
    assert run_search(archive, "putn").suggestion == "putin"


def test_a_word_in_the_index_stays_while_the_misspelt_one_is_corrected(tmp_path):
    """"opec" is in an article's text but in no title: it was corrected as a title word to
    "over" (two edits, in a title), and "opec pricess" became "over prices"."""
    archive = _archive(tmp_path, [
        {"id": "o1", "title": "Oil ministers meet", "text": "OPEC ministers agreed to hold output steady as crude prices climbed."},
        {"id": "o2", "title": "Prices over the winter", "text": "Heating bills rose over the winter as gas prices climbed."},
        {"id": "m1", "title": "Soldiers seize power", "text": "Soldiers staged a coup in Mali and detained the president."},
    ])
    r = run_search(archive, "opec pricess")
    assert r.total == 0 and r.suggestion == "opec prices"
    assert [h.id for h in run_search(archive, r.suggestion).hits] == ["wire/wire.jsonl#o1"]
    assert run_search(archive, "OPEC pricess").suggestion == "OPEC prices"  # the right word as typed
    assert run_search(archive, "mali coupp").suggestion == "mali coup"
    assert run_search(archive, "opec").suggestion is None and run_search(archive, "opec").total == 1


def _story(word: str) -> str:
    return f"Harbour report\n\nThe {word} was unloaded at the quay on Monday, port officials said.\n"


def test_words_follow_the_archive_through_reindexing(tmp_path):
    src = tmp_path / "news"
    src.mkdir()
    (src / "a.txt").write_text(_story("marmalade"))
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    assert run_search(open_index(store.path), "marmelade").suggestion == "marmalade"
    assert run_search(open_index(store.path), "cinamon").suggestion is None

    (src / "b.txt").write_text(_story("cinnamon"))
    indexer.run(store, None)  # incremental: the live generation's words plus the new ones
    archive = open_index(store.path)
    assert run_search(archive, "cinamon").suggestion == "cinnamon"
    assert run_search(archive, "marmelade").suggestion == "marmalade"

    (store.current_dir() / FILE).unlink()  # lost: the next run takes the words from the stored documents
    (src / "c.txt").write_text(_story("saffron"))
    indexer.run(store, None)
    archive = open_index(store.path)
    assert [run_search(archive, q).suggestion for q in ("marmelade", "cinamon", "safron")] == \
        ["marmalade", "cinnamon", "saffron"]


def test_document_counts_follow_the_archive_through_reindexing(tmp_path):
    """The counts that break ties: a replaced or deleted article's words are taken away (a
    word in no article leaves the list), and a file written before the counts were kept
    is taken again from the stored documents."""
    src = tmp_path / "news"
    src.mkdir()
    (src / "a.txt").write_text("Breakfast exports\n\nSeville marmalade sold well in Britain this winter, growers said.\n")
    (src / "b.txt").write_text("Grocers' report\n\nShops ran short of marmalade and honey before Christmas.\n")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])

    def counts(*words):
        vocabulary = Vocabulary.load(store.current_dir())
        return [vocabulary.doc_count("text", w) for w in words]

    assert counts("marmalade", "honey", "cinnamon") == [2, 1, 0]
    (src / "b.txt").write_text("Grocers' report\n\nShops ran short of cinnamon and honey before Christmas.\n")
    indexer.run(store, None)  # b.txt replaced
    assert counts("marmalade", "honey", "cinnamon") == [1, 1, 1]
    (src / "a.txt").unlink()
    indexer.run(store, None)  # a.txt deleted
    assert counts("marmalade", "seville", "honey", "cinnamon") == [0, 0, 1, 1]
    assert not Vocabulary.load(store.current_dir()).has("text", "marmalade")
    assert run_search(open_index(store.path), "marmelade").suggestion is None

    words_only = {f: words for f, words in Vocabulary.load(store.current_dir()).words.items()}
    (store.current_dir() / FILE).write_text(json.dumps(words_only))  # as written before the counts
    assert Vocabulary.load(store.current_dir()).docs is None
    assert run_search(open_index(store.path), "cinamon").suggestion == "cinnamon"  # still read
    (src / "c.txt").write_text("Spice market\n\nSaffron and cinnamon prices rose in Valencia.\n")
    indexer.run(store, None)
    assert counts("honey", "cinnamon", "saffron") == [1, 2, 1]


def test_a_correction_that_finds_nothing_gives_way_to_one_as_near_that_does(tmp_path, monkeypatch):
    """"whaet crop": "what" (one edit, in more articles) came first and "what crop" finds
    nothing (or less), so no suggestion (or a poorer one) was offered; "wheat", one edit too,
    is. A word further off is never offered instead ("Moscw" is not "Most")."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "wire"
    src.mkdir()
    texts = [f"What the council said on day {i} of the talks in Accra was not recorded by officials." for i in range(4)]
    texts += ["The wheat crop rose sharply in Kansas this season, farmers said on Monday.",
              "Most traders expect the wheat crop to fall next year, a broker in Chicago said.",
              "Officials in Moscow gave no figures for the harvest on Tuesday, the agency said.",
              "What the crop report said was unclear, an official in Accra noted on Friday."]
    (src / "w.jsonl").write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
    indexer.run(Store(tmp_path / "ix"), [str(src)])
    archive = open_index(tmp_path / "ix")
    assert run_search(archive, "whaet").suggestion == "what"  # the nearest, in most articles
    r = run_search(archive, "whaet crop")  # "what crop" finds one article, "wheat crop" two: the one that finds most
    assert r.total == 0 and r.suggestion == "wheat crop" and run_search(archive, r.suggestion).total == 2
    assert run_search(archive, "what crop").total == 1
    assert run_search(archive, "Whaet AND crop").suggestion == "Wheat AND crop"
    assert run_search(archive, "whaet zzyzx").suggestion is None  # nothing as near finds anything
    assert run_search(archive, "Moscw").suggestion == "Moscow"
    assert run_search(archive, "crop Moscw").suggestion is None  # "crop Most" would find one: two edits off


def test_of_words_as_near_the_one_that_sounds_as_typed_comes_first(tmp_path):
    """"opek": "oper" (earnings tables' "Oper shr", three articles) and "opec" (one) are
    both one edit away; "opec" sounds as typed and is the one meant. A word that sounds
    alike does not beat one with fewer edits ("opecc" is "opec", not a two-edit word)."""
    archive = _archive(tmp_path, [
        {"id": f"e{i}", "title": f"Results {i}", "text": f"Oper shr 1.{i} dlrs vs 90 cts, the company said."} for i in range(3)
    ] + [{"id": "o1", "title": "Oil ministers meet", "text": "OPEC ministers met in Vienna to discuss output quotas."}])
    gen, _ = archive.searcher()
    vocabulary = Vocabulary.load(gen.path)
    assert [vocabulary.doc_count("text", w) for w in ("oper", "opec")] == [3, 1]
    r = run_search(archive, "opek")
    assert r.total == 0 and r.suggestion == "opec"
    assert run_search(archive, "opek quotas").suggestion == "opec quotas"
    assert run_search(archive, "opecc").suggestion == "opec"
    # no word as near sounds alike: the one in more articles, as before ("opes": "oper" OPR, "opec" OPK)
    assert run_search(archive, "opes").suggestion == "oper"


@pytest.fixture(scope="module")
def acronyms(tmp_path_factory):
    """Wire notices naming companies by their tickers, as Reuters does (IBC, OPEC), and a
    note: no IBK, NATO nor OPEK in the archive."""
    return _archive(tmp_path_factory.mktemp("acronyms"), [
        {"id": "1", "title": "INTERSTATE BAKERIES <IBC> SETS DIVIDEND", "text": "Interstate Bakeries Corp IBC said its board set a dividend."},
        {"id": "2", "title": "OPEC output", "text": "OPEC output rose in March, a note from the Opec secretariat said."},
        {"id": "3", "title": "Banknote printers", "text": "No banknote printer reported a loss."},
    ])


@pytest.mark.parametrize("q,want", [
    ("IBK", None), ("IBX", None), ("NATO", None), ("CBI", None), ("IBK dividend", None),  # another name, not a slip
    ("ICB", "IBC"), ("IBCC", "IBC"), ("ICB dividend", "IBC dividend"),  # two letters swapped, one doubled
    ("opek", "opec"), ("BANKNOTTE", "BANKNOTE"),  # a word, and a longer word in capitals, as before
])
def test_an_acronym_is_offered_only_its_own_letters(acronyms, q, want):
    """Walkthrough: `IBK` (International Banknote Co, a ticker no article of this archive has)
    was offered "Did you mean IBC?", another company, as the sound of K and C is alike, and
    `NATO` was offered "NO". A word typed in capitals up to five letters is an acronym: one
    letter off is another name; only two letters swapped or one doubled are offered."""
    assert run_search(acronyms, q).total == 0
    assert run_search(acronyms, q).suggestion == want


@pytest.mark.parametrize("q,want", [
    ("(oil OR gas) prices", None),  # was "(one OR gain) prime": every word another
    ("oil", None), ("gas prices", None),  # "one", "gain": two edits from three letters
    ("milatary", "military"), ("Kremlinn", "Kremlin"), ("coupp malli", "coup mali"),  # one edit, as before
    ("transitionall goverment", "transitional government"),  # two, in a long word, as before
])
def test_a_short_word_is_offered_no_word_two_edits_away(seeds_index, q, want):
    """On the 5 seeds, `(oil OR gas) prices` was offered "Did you mean (one OR gain) prime?":
    two edits turn a word of three letters into an unrelated one, and the query offered shared
    no word with the one typed, though it found articles. A correction may be one edit from a
    word of three to five letters, two from a longer one (query.edits_for, as Lucene's AUTO
    fuzziness); a misspelling still gets its word, on the command line and the API alike."""
    from click.testing import CliRunner

    from search.cli import cli
    from web import create_app

    r = CliRunner().invoke(cli, ["search", q, "--json", "--index", str(seeds_index)])
    out = json.loads(r.stdout)
    assert r.exit_code == 0 and out["total"] == 0 and out.get("suggestion") == want, out
    api = create_app({"INDEX": str(seeds_index)}).test_client().get("/api/search", query_string={"q": q}).get_json()
    assert api.get("suggestion") == want, api
    text = CliRunner().invoke(cli, ["search", q, "--index", str(seeds_index)]).output
    assert ("Did you mean" in text) == (want is not None), text

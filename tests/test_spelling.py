""""Did you mean": the indexer's word lists (search/spelling.py) give the suggestions
Whoosh's own spelling field gives, and follow the archive through reindexing."""
from __future__ import annotations

import pytest
from whoosh import fields, index as whoosh_index
from whoosh.qparser import MultifieldParser

from search import Store, indexer, open_index, run_search
from search.query import _suggest
from search.schema import SEARCH_FIELDS, text_analyzer
from search.spelling import FILE, Vocabulary, spellable_words

from conftest import SEEDS

TRICKY = [
    "U.S. officials said e.g. the 3.5 pct rise in Jan. was a_b test* wild*card",
    "İstanbul ÉLYSÉE Straße naïve coöperate — “quoted” don't Mali`s",
    "a I x  XY  the THE And of",
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


@pytest.mark.parametrize("q", ["Kremlinn", "coupp AND malli", "Goitta", '"militry junta"', "xylophonee", "teh",
                               "Bamak", "transitionall goverment"])
def test_suggestions_equal_whoosh_spelling_field(seeds_archive, tmp_path, q):
    gen, searcher = seeds_archive.searcher()
    vocabulary = Vocabulary.load(gen.path)
    assert vocabulary is not None and "spell_text" not in gen.index.schema.names()
    old = _old_style_index(tmp_path, searcher)
    with old.searcher() as s:
        parsed = MultifieldParser(list(SEARCH_FIELDS), old.schema).parse(q)
        c = s.correct_query(parsed, q, prefix=1, maxdist=2)
        want = c.string if c.query != parsed and c.string and c.string.lower() != q.lower() else None
        # an index written before spelling.py: its own spelling field, the same answer
        assert _suggest(s, q, old.schema, {}) == want
    assert _suggest(searcher, q, gen.index.schema, {}, vocabulary) == want


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

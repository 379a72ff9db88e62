"""The Whoosh reader patches (search/whoosh_speed.py) read the same lengths as Whoosh."""
from __future__ import annotations

import pytest
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3

from search import whoosh_speed
from search.schema import build_schema

DOCS = [
    {"id": "a", "title": "Oil prices rise", "text": "Crude oil prices rose sharply. " * 40, "person": "Assimi Goita"},
    {"id": "b", "text": "A short one."},  # no title: no title length
    {"id": "c", "title": "x " * 300, "text": "word " * 5000},  # lengths past one byte's exact range
    {"id": "d", "title": "Mali", "text": "Bamako"},
]


@pytest.fixture()
def reader(tmp_path):
    whoosh_speed.apply()
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    with ix.writer() as w:
        for d in DOCS:
            w.add_document(**d)
    with ix.searcher() as s:
        yield s.reader()._perdoc


def test_lengths_are_whoosh_lengths(reader):
    assert isinstance(reader, whoosh3.W3PerDocReader)
    n = reader.doc_count_all()
    checked = 0
    for field in ("title", "text", "id", "person", "no_such_field"):
        for docnum in range(n + 1):  # n itself: Whoosh answers past the column's end too
            for default in (0, 7):
                ours = reader.doc_field_length(docnum, field, default)
                theirs = reader.whoosh_doc_field_length(docnum, field, default)
                assert ours == theirs, (field, docnum, default)
                checked += ours is not None and ours > 1
    assert checked  # real lengths were compared, not only defaults
    assert reader.doc_field_length(2, "text") > 1000
    assert reader.doc_field_length(1, "title") is None  # Whoosh: no length byte, None
    with pytest.raises(IndexError):
        reader.doc_field_length(n + 1, "text")
    with pytest.raises(IndexError):
        reader.whoosh_doc_field_length(n + 1, "text")


def test_applied_once():
    whoosh_speed.apply()
    cached, dfl = whoosh3.W3PerDocReader._cached_reader, whoosh3.W3PerDocReader.doc_field_length
    whoosh_speed.apply()
    assert whoosh3.W3PerDocReader._cached_reader is cached
    assert whoosh3.W3PerDocReader.doc_field_length is dfl


def test_stems_cached_in_c_alike(tmp_path):
    """The stemmer cache is functools' (in an index's own unpickled schema too), and
    stems as the schema's stemmer (search.schema.stem) does."""
    from whoosh.analysis.morph import StemFilter

    from search.schema import stem

    whoosh_speed.apply()
    whoosh_index.create_in(str(tmp_path), build_schema())
    analyzer = whoosh_index.open_dir(str(tmp_path)).schema["text"].analyzer
    stemmer = next(f for f in analyzer.items if isinstance(f, StemFilter))
    assert hasattr(stemmer._stem, "cache_parameters")  # functools.lru_cache
    words = "running runs ran prices priced pricing rebels rebellion organization organisations".split()
    assert [stemmer._stem(w) for w in words * 2] == [stem(w) for w in words * 2]
    # "organisations" is spelt "organizations" first (schema.RespellingFilter), whose term is
    # not "organ" (schema.STEM_SENSES)
    assert [t.text for t in analyzer("Rebels priced the organisations")] == ["rebel", "price", "organiz"]
    assert stemmer._stem("running") == "run" and stemmer._stem("u.s") == "u.s"


def test_fold_skips_only_what_it_would_not_change():
    """AccentFoldFilter skips translate() for lower-case ASCII words: the map must leave
    every such character as it is (Whoosh's accent_map lowercases some capitals)."""
    from search.schema import FOLD_MAP

    lower = [chr(c) for c in range(128) if chr(c).islower()]
    assert lower and all(c.translate(FOLD_MAP) == c for c in lower)
    assert "Ĳssel Cissé".translate(FOLD_MAP) != "Ĳssel Cissé"  # the map still folds the rest



def _postings(ix):
    with ix.searcher() as s:
        r = s.reader()
        return sorted(
            (field, text, s.stored_fields(d)["id"], v)
            for field, text in r.all_terms()
            for d, v in r.postings(field, text).items_as("frequency")
        )


def test_chunked_runs_read_back_in_order(tmp_path):
    """Runs are written in chunks (search.whoosh_speed.RUN_CHUNK) and read back item by item
    in the same order; a run written the way Whoosh writes it still reads."""
    from whoosh.externalsort import SortingPool

    whoosh_speed.apply()
    items = [("text", b"w%05d" % (i % 977), i, 1.0, None) for i in range(whoosh_speed.RUN_CHUNK * 2 + 5)]
    pool = SortingPool(maxsize=len(items) // 3, tempdir=str(tmp_path))
    for item in items:
        pool.add(item)
    assert list(pool.items()) == sorted(items)
    assert not list(tmp_path.iterdir())  # the runs are removed once read

    path, f = pool._new_run()
    pool.whoosh_write_run(f, iter(items[:10]))  # Whoosh's own format: one pickle per item
    assert list(pool._read_run(path)) == items[:10]


def test_index_written_through_runs_is_the_same(tmp_path, monkeypatch):
    """A writer whose postings overflow into sort runs (a tiny memory limit), and the
    multi-process writer, store the same postings as an in-memory write."""
    from whoosh.externalsort import SortingPool

    whoosh_speed.apply()
    runs = []
    chunked = SortingPool._write_run
    monkeypatch.setattr(SortingPool, "_write_run", lambda self, f, items: runs.append(1) or chunked(self, f, items))
    docs = [
        {"id": "d%03d" % i, "title": "Report %d on oil" % i, "text": " ".join("word%d" % ((i * 7 + j) % 250) for j in range(120))}
        for i in range(60)
    ]
    built = {}
    for name, kwargs in (("memory", {}), ("runs", {"limitmb": 0.05})):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        with ix.writer(**kwargs) as w:
            for d in docs:
                w.add_document(**d)
        built[name] = _postings(ix)
        if name == "memory":
            assert not runs
    assert len(runs) > 1  # the postings did go through runs
    assert built["memory"] and built["runs"] == built["memory"]


TEXTS = [
    "Crude oil prices rose 5 pct to 18.50 dlrs, the U.S. Energy Department's figures showed.",
    "BANK SAYS IT WILL CUT JOBS AT US UNIT",  # stop words in capitals: stop words here
    "IT and US firms: AT and T, S and P 500, co-operative e-mail, 5 per cent, 9,200,000 shares",
    "Herr Müller in der Straße, Mu\u0308ller, İzmir, Cissé and París; the ﬁnance of 𝐨𝐢𝐥",  # umlauts, marks, ligatures
    "北京市 and 東京 trade talks, then 日本語のテキスト, Ελλάδα and Москва",  # CJK pieces shift the positions after them
    "Labour organisations' travelled units, imports and gases",  # respellings and STEM_SENSES
]


@pytest.mark.parametrize("kwargs", [
    {"mode": "index", "positions": True},
    {"mode": "index", "positions": True, "chars": True, "keeporiginal": True, "removestops": False},
    {"mode": "query", "positions": True, "chars": True},
    {},
])
def test_text_analyzer_in_one_loop_gives_whoosh_s_tokens(tmp_path, kwargs):
    """The text fields' last four filters run in one loop (schema.tail_filters), in a new
    schema and in an index's unpickled one: every token, with every attribute (text, position,
    characters, stopped, boost), is the one Whoosh's chain of generators gives."""
    from whoosh.analysis.analyzers import CompositeAnalyzer

    whoosh_speed.apply()
    whoosh_index.create_in(str(tmp_path), build_schema())
    for schema in (build_schema(), whoosh_index.open_dir(str(tmp_path)).schema):
        analyzer = schema["text"].analyzer
        for text in TEXTS:
            ours = [dict(t.__dict__) for t in analyzer(text, **kwargs)]
            theirs = [dict(t.__dict__) for t in CompositeAnalyzer.whoosh_call(analyzer, text, **kwargs)]
            assert ours == theirs, text
            assert len(ours) >= 4
    # no morphology (Whoosh's spelling words): the chain as Whoosh runs it, unstemmed
    words = [t.text for t in build_schema()["text"].analyzer("Rebels priced the organisations", no_morph=True)]
    assert words == ["rebels", "priced", "organisations"]

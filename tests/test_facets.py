"""Exact facet counts: FacetTable / run_search against brute force and Whoosh's own faceting.

The index is real (the app's schema, several segments, deleted documents, multi-valued
facets whose values hold commas and spaces); the brute force counts the values kept in
each live document's stored record.
"""
from __future__ import annotations

import json
import random
from collections import Counter
from datetime import datetime

import numpy as np
import pytest
from whoosh import index as whoosh_index, query as Q, sorting

from search import Store, open_index, run_search
from search.facets import FacetTable, docmask
from search.schema import ENTITY_FACETS, FACETS, build_schema, join_values

PEOPLE = ["Assimi Goita", "Ibrahim Traore", "Jean-Pierre Bemba", "Ali", "O'Brien, Pat"]
ORGS = ["ECOWAS", "Bank of Japan", "General Motors", "Reuters"]
PLACES = ["Mali", "Bamako", "Washington, D.C.", "Niger", "Tokyo", "New York"]
WORDS = "cocoa coffee oil bank rates talks election army drought harvest".split()


def _record(i: int, rnd: random.Random) -> dict:
    ents = {
        "person": sorted(set(rnd.sample(PEOPLE, rnd.randint(0, 3)))),
        "organization": sorted(set(rnd.sample(ORGS, rnd.randint(0, 2)))),
        "location": sorted(set(rnd.sample(PLACES, rnd.randint(0, 4)))),
    }
    year = rnd.choice([1987, 1988, 2020, None])
    return {
        "id": f"d{i}",
        "source": rnd.choice(["reuters", "afp", "local news"]),
        "language": rnd.choice(["en", "en", "fr", "unknown"]),
        "published": f"{year}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}" if year else None,
        "translation": {"label": rnd.choice(["likely", "possible", "unlikely"])} if rnd.random() < 0.9 else None,
        "entities": ents,
        "text": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12))),
    }


def _fields(rec: dict) -> dict:
    pub = rec["published"]
    f = {
        "id": rec["id"], "path": "", "title": rec["id"], "text": rec["text"], "source": rec["source"],
        "language": rec["language"], "year": pub[:4] if pub else "",
        "translated": (rec["translation"] or {}).get("label") or "",
        **{k: join_values(rec["entities"][k]) for k in ENTITY_FACETS},
        "content_hash": "c", "record_hash": "r",
        "doc": json.dumps({k: v for k, v in rec.items() if k != "text"}),
        "dated": 1 if pub else 0,
    }
    if pub:
        f["published"] = datetime.fromisoformat(pub)
    return {k: v for k, v in f.items() if v != "" or k in ("id", "text", "title")}


def _values(rec: dict, facet: str) -> list[str]:
    if facet in ENTITY_FACETS:
        return rec["entities"][facet]
    if facet == "year":
        return [rec["published"][:4]] if rec["published"] else []
    if facet == "translated":
        label = (rec["translation"] or {}).get("label")
        return [label] if label else []
    return [rec[facet]] if rec[facet] else []


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    """Three segments (no merging), documents deleted from two of them, facets.npz saved."""
    rnd = random.Random(4)
    path = tmp_path_factory.mktemp("facet-index")
    store = Store(path)
    gen = store.new_generation(copy=False)
    ix = whoosh_index.create_in(str(gen), build_schema())
    n = 0
    for batch in range(3):
        w = ix.writer()
        for _ in range(120):
            w.add_document(**_fields(_record(n, rnd)))
            n += 1
        if batch:
            for i in rnd.sample(range(n - 240, n - 120), 15):  # from the previous segment
                w.delete_by_term("id", f"d{i}")
        w.commit(merge=False)
    with ix.searcher() as s:
        assert len(s.reader().leaf_readers()) == 3 if hasattr(s.reader(), "leaf_readers") else True
        assert s.doc_count() < s.doc_count_all()  # deleted documents are still in the segments
        FacetTable.build(s.reader()).save(gen)
    store.publish(gen)
    return path


def _brute(searcher, q: Q.Query) -> tuple[int, dict[str, Counter]]:
    docnums = set(searcher.docs_for_query(q))
    counts = {f: Counter() for f in FACETS}
    for dn in docnums:
        rec = json.loads(searcher.stored_fields(dn)["doc"])
        for f in FACETS:
            counts[f].update(_values(rec, f))
    return len(docnums), counts


QUERIES = [
    ("", {}),
    ("cocoa", {}),
    ("oil AND bank", {}),
    ('"harvest drought"', {}),
    ("", {"location": ["Washington, D.C."]}),
    ("", {"person": ["O'Brien, Pat"], "year": ["1987"]}),
    ("army", {"organization": ["Bank of Japan", "ECOWAS"]}),
    ("", {"translated": ["likely"]}),
    ("", {"year": ["1987", "2020"], "location": ["Washington, D.C."]}),
    ("oil", {"source": ["afp"], "year": ["1988"]}),
    ("nothingmatchesthis", {}),
]


@pytest.mark.parametrize("query,filters", QUERIES)
def test_run_search_counts_are_exact(archive_dir, query, filters):
    archive = open_index(archive_dir)
    res = run_search(archive, query, filters=filters)
    gen, searcher = archive.searcher()
    from search.query import filter_query, parse

    q = parse(query, gen.index.schema) if query else Q.Every()
    fq = filter_query(filters)
    total, brute = _brute(searcher, Q.And([q, fq]) if fq is not None else q)
    assert res.total == total
    matched_ids = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(Q.And([q, fq]) if fq is not None else q)}
    assert {h.id for h in res.hits} <= matched_ids  # the page shown obeys the filters too
    assert len(res.hits) == min(10, total)
    for f in FACETS:
        want = brute[f]
        if filters.get(f) and f not in ENTITY_FACETS:  # alternatives: counted without their own filter
            rest = filter_query({k: v for k, v in filters.items() if k != f})
            want = _brute(searcher, Q.And([q, rest]) if rest is not None else q)[1][f]
        assert {d["value"]: d["count"] for d in res.facets[f]} == dict(want), f
        got = [(d["count"], d["value"]) for d in res.facets[f]]
        if f == "year":  # newest first
            assert got == sorted(got, key=lambda cv: cv[1], reverse=True)
        elif f == "translated":  # likeliest first
            assert got == sorted(got, key=lambda cv: ("likely", "possible", "unlikely").index(cv[1]))
        else:
            assert got == sorted(got, key=lambda cv: (-cv[0], cv[1]))  # largest first, then by value


def test_browse_all_twice_same_counts(archive_dir):
    archive = open_index(archive_dir)
    a = run_search(archive, "")
    b = run_search(archive, "")  # served from the per-generation cache
    assert a.facets == b.facets and a.total == b.total
    gen, searcher = archive.searcher()
    assert a.total == searcher.doc_count()


def test_bincount_equals_whoosh_groupedby_allow_overlap(archive_dir):
    archive = open_index(archive_dir)
    gen, searcher = archive.searcher()
    table = FacetTable.build(searcher.reader())
    for q in (Q.Every(), Q.Term("text", "cocoa"), Q.Or([Q.Term("text", "oil"), Q.Term("location", "Mali")])):
        mask = docmask(searcher.docs_for_query(q), table.doc_count)
        facets = {f: sorting.FieldFacet(f, allow_overlap=True) for f in FACETS}
        results = searcher.search(q, groupedby=facets, limit=None)
        for f in FACETS:
            whoosh_counts = {k: len(v) for k, v in results.groups(f).items() if k is not None}
            for method in ("columns", "documents"):  # the two passes of FacetTable.count
                ours = {d["value"]: d["count"] for d in table.count(f, mask, method=method)}
                assert ours == whoosh_counts, (f, method)


def test_column_and_document_passes_agree_in_order_and_limit(archive_dir):
    """The by-document pass (small match sets) returns what the column pass returns: the
    same counts, ties in value order, the same cut at `limit`, for any match set size."""
    archive = open_index(archive_dir)
    gen, searcher = archive.searcher()
    table = gen.facets
    rng = np.random.default_rng(7)
    for share in (0.0, 0.01, 0.1, 0.3, 1.0):
        mask = rng.random(table.doc_count) < share
        docnums = np.flatnonzero(mask)
        for f in FACETS:
            for limit in (None, 1, 3):
                cols = table.count(f, mask, limit, method="columns")
                assert table.count(f, mask, limit, method="documents") == cols, (share, f, limit)
                assert table.count(f, mask, limit, docnums) == cols  # auto, sharing the listing
                assert table.count_all((f,), mask, limit)[f] == cols


def test_saved_table_equals_built(archive_dir):
    archive = open_index(archive_dir)
    gen, searcher = archive.searcher()
    built = FacetTable.build(searcher.reader())
    loaded = FacetTable.load(gen.path)
    assert loaded is not None and loaded.doc_count == built.doc_count
    mask = np.ones(built.doc_count, dtype=bool)
    for f in FACETS:
        assert loaded.count(f, mask) == built.count(f, mask)


@pytest.mark.parametrize("qstring", [
    "cocoa", "oil bank", "oil OR bank", '"harvest drought"', "ban*", "oil NOT bank", "(oil OR army) AND talks",
    "location:Mali", "person:Ali OR cocoa", "nothingmatchesthis", "oil ANDNOT bank",
])
def test_numpy_matching_equals_docs_for_query(archive_dir, qstring):
    from search.matching import match_docnums
    from search.query import _live_mask, parse

    archive = open_index(archive_dir)
    gen, searcher = archive.searcher()
    q = parse(qstring, gen.index.schema)
    mask = match_docnums(searcher, q, gen.facets.doc_count, searcher.docs_for_query) & _live_mask(gen, searcher)
    assert set(np.nonzero(mask)[0].tolist()) == set(searcher.docs_for_query(q))


def test_browse_order_equals_whoosh_sort(archive_dir):
    archive = open_index(archive_dir)
    gen, searcher = archive.searcher()
    for sort in ("newest", "oldest"):
        for filters in ({}, {"source": ["afp"]}):
            res = run_search(archive, "", filters=filters, sort=sort, per_page=50)
            from search.query import filter_query

            facet = sorting.MultiFacet([sorting.FieldFacet("dated", reverse=True),
                                        sorting.FieldFacet("published", reverse=sort == "newest")])
            fq = filter_query(filters)
            whoosh = searcher.search(Q.Every(), filter=fq, sortedby=facet, limit=50)
            got = [(h.published or "") for h in res.hits]
            want = [json.loads(h["doc"]).get("published") or "" for h in whoosh]
            assert got == want


@pytest.mark.parametrize("qstring", ["cocoa", "oil bank", "ban*", "army OR talks"])
def test_snippets_mark_what_whoosh_marks(archive_dir, qstring):
    """The page's snippets (query._Highlighter) mark the words Whoosh's highlighter marks
    (a phrase's words too, but as one mark where they follow each other: see test_search)."""
    import re as _re

    from search.query import MarkFormatter, SNIPPET_CHARS, read_query
    from whoosh import highlight

    archive = open_index(archive_dir)
    gen, searcher = archive.searcher()
    res = run_search(archive, qstring)
    q = read_query(qstring, gen)  # as run_search reads it: the same ten articles
    results = searcher.search(q, limit=10)
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
    results.formatter = MarkFormatter()
    whoosh = {h["id"]: h.highlights("text", top=2) for h in results}
    assert res.hits
    for hit in res.hits:
        ours_marks = {m.lower() for m in _re.findall(r"<mark>(.*?)</mark>", hit.snippet)}
        their_marks = {m.lower() for m in _re.findall(r"<mark>(.*?)</mark>", whoosh.get(hit.id, ""))}
        assert ours_marks == their_marks, (hit.snippet, whoosh.get(hit.id))


def test_counts_exact_where_whoosh_skips_blocks(tmp_path):
    """A word in 1,500 documents of one segment (many posting blocks, scores spread): the
    top-10 scorer skips blocks that cannot reach the page, the counts must not."""
    rnd = random.Random(9)
    store = Store(tmp_path)
    gen = store.new_generation(copy=False)
    ix = whoosh_index.create_in(str(gen), build_schema())
    w = ix.writer()
    for i in range(1500):
        rec = _record(i, rnd)
        rec["text"] = " ".join(["cocoa"] * rnd.randint(1, 30) + ["filler"] * rnd.randint(0, 200))
        f = _fields(rec)
        if i % 7 == 0:  # in some titles too: the scorer may then drop a whole branch of the OR
            f["title"] = "cocoa " * rnd.randint(1, 3) + "news"
        w.add_document(**f)
    w.commit()
    with ix.searcher() as s:
        FacetTable.build(s.reader()).save(gen)
    store.publish(gen)
    archive = open_index(tmp_path)
    res = run_search(archive, "cocoa")
    assert res.total == 1500
    assert sum(d["count"] for d in res.facets["source"]) == 1500
    res = run_search(archive, "cocoa", filters={"year": ["1987"]})
    gen_, searcher = archive.searcher()
    assert res.total == len(set(searcher.docs_for_query(Q.And([Q.Term("text", "cocoa"), Q.Term("year", "1987")]))))


# ------------------------------------------------- matches and scores from posting arrays
@pytest.fixture(scope="module")
def long_archive(tmp_path_factory):
    """Two segments, some deletions, texts of up to 700 words over a small vocabulary (so
    two-word phrases recur, words repeat, and positions and their gaps pass 255: values
    Whoosh pickles with wider opcodes), stop words between words, phrases in titles too."""
    rnd = random.Random(11)
    path = tmp_path_factory.mktemp("long-index")
    store = Store(path)
    gen = store.new_generation(copy=False)
    ix = whoosh_index.create_in(str(gen), build_schema())
    vocab = WORDS + ["of", "the", "rare"]
    n = 0
    for batch in range(2):
        w = ix.writer()
        for _ in range(150):
            rec = _record(n, rnd)
            size = rnd.choice([5, 40, 300, 700])
            words = [rnd.choice(vocab) if rnd.random() < 0.97 else "zebra" for _ in range(size)]
            if rnd.random() < 0.3:
                words += ["oil", "oil", "bank", "rates"]
            rec["text"] = " ".join(words)
            f = _fields(rec)
            f["title"] = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(1, 6)))
            w.add_document(**f)
            n += 1
        if batch:
            for i in rnd.sample(range(150), 20):
                w.delete_by_term("id", f"d{i}")
        w.commit(merge=False)
    with ix.searcher() as s:
        FacetTable.build(s.reader()).save(gen)
    store.publish(gen)
    return path


PHRASES = [["oil", "bank"], ["oil", "oil"], ["oil", "oil", "bank"], ["bank", "rate"], ["cocoa", "coffe", "oil"],
           ["zebra", "harvest"], ["harvest", "zebra"], ["talk"], ["zebra", "zebra"], ["oil", "nosuchword"]]


@pytest.mark.parametrize("field", ["text", "title"])
def test_phrase_matches_equal_whoosh_phrase(long_archive, field):
    """The array phrase match is the set Whoosh's own Phrase matcher (SpanNear2) accepts."""
    from search.matching import scored_docnums
    from search.postings import TermCache

    archive = open_index(long_archive)
    gen, searcher = archive.searcher()
    cache = TermCache()
    matched_any = 0
    for words in PHRASES:
        q = Q.Phrase(field, words)
        got = scored_docnums(searcher, q, cache)
        assert got is not None
        want = set(searcher.docs_for_query(q))  # live documents only
        live = {d for d in got[0].tolist() if not searcher.reader().is_deleted(d)}
        assert live == want, words
        matched_any += bool(want)
    assert matched_any >= 4


@pytest.mark.parametrize("qstring,filters", [
    ("oil", {}), ("oil bank", {}), ("oil OR zebra", {}), ('"oil bank"', {}), ('"oil oil bank"', {}),
    ("harvest AND NOT zebra", {}), ("oil ANDNOT bank", {}), ('zebra "bank rates"', {}), ("title:oil rates", {}),
    ("oil", {"year": ["1987"]}), ('"oil bank"', {"source": ["afp", "reuters"], "language": ["en"]}),
    ("zebra", {"person": ["Ali"]}), ("oil NOT (bank OR zebra)", {}),
    ("oil bank rates", {}), ("harvest zebra", {"year": ["1987"]}),  # their phrases only add to the words' scores
])
def test_array_scores_equal_whoosh_scores(long_archive, qstring, filters):
    """Every match and its score, and so the ranked page, as Whoosh's collector gives them."""
    from search.matching import scored_docnums
    from search.postings import TermCache
    from search.query import filter_query, read_query

    archive = open_index(long_archive)
    gen, searcher = archive.searcher()
    q = read_query(qstring, gen)  # as run_search reads it (two words: their phrase ranks too)
    fq = filter_query(filters)
    if fq is not None:
        zero = fq.copy()
        for leaf in zero.leaves():
            leaf.boost = 0.0
        q = Q.And([q, zero])
    got = scored_docnums(searcher, q, TermCache())
    whoosh = {h.docnum: h.score for h in searcher.search(q, limit=None)}
    assert got is not None
    live = ~np.isin(got[0], [d for d in range(searcher.doc_count_all()) if searcher.reader().is_deleted(d)])
    ours = dict(zip(got[0][live].tolist(), got[1][live].tolist()))
    assert whoosh and ours == whoosh  # same documents, scores equal to the last bit

    res = run_search(archive, qstring, filters=filters, per_page=7, page=2)
    ranked = sorted(whoosh.items(), key=lambda ds: (-ds[1], ds[0]))[7:14]
    assert [h.id for h in res.hits] == [searcher.stored_fields(d)["id"] for d, _ in ranked]
    assert [h.score for h in res.hits] == [round(s, 4) for _, s in ranked]
    assert res.total == len(whoosh)


def test_array_scores_leave_other_nodes_to_whoosh(long_archive):
    from search.matching import scored_docnums
    from search.postings import TermCache
    from search.query import parse

    archive = open_index(long_archive)
    gen, searcher = archive.searcher()
    for qstring in ("ban*", '"oil bank"~3', "oil AND text:[a TO c]"):
        q = parse(qstring, gen.index.schema)
        assert scored_docnums(searcher, q, TermCache()) is None, qstring
    res = run_search(archive, "ban*")  # Whoosh's collector then
    assert res.total == len(set(searcher.docs_for_query(parse("ban*", gen.index.schema)))) > 0


def _one_segment_archive(path, n: int, text, rnd: random.Random):
    """An archive of `n` random records in one segment, record i's text `text(i)`."""
    store = Store(path)
    gen = store.new_generation(copy=False)
    ix = whoosh_index.create_in(str(gen), build_schema())
    w = ix.writer()
    for i in range(n):
        rec = _record(i, rnd)
        rec["text"] = text(i)
        w.add_document(**_fields(rec))
    w.commit()
    with ix.searcher() as s:
        FacetTable.build(s.reader()).save(gen)
    store.publish(gen)
    return open_index(path)


def test_frequent_word_probed_at_rare_words_documents(tmp_path):
    """A word in 1,600 documents next to one in 3 (and a filter on one of them): the frequent
    word is looked up only where the rare one is; documents and scores stay Whoosh's."""
    from search.matching import PROBE_RATIO, scored_docnums
    from search.postings import TermCache
    from search.query import parse

    rnd = random.Random(5)
    rare = {17, 801, 1590}

    def text(i):
        return " ".join(["cocoa"] * rnd.randint(1, 9) + ["filler"] * rnd.randint(0, 90) + (["zebra"] if i in rare else []))

    archive = _one_segment_archive(tmp_path, 1600, text, rnd)
    gen_, searcher = archive.searcher()
    assert len(rare) * PROBE_RATIO < searcher.doc_frequency("text", "cocoa")
    for qstring in ("cocoa zebra", "zebra AND (cocoa OR nothing)", "cocoa ANDNOT zebra", "zebra filler cocoa"):
        q = parse(qstring, gen_.index.schema)
        ids, scores = scored_docnums(searcher, q, TermCache())
        assert dict(zip(ids.tolist(), scores.tolist())) == {h.docnum: h.score for h in searcher.search(q, limit=None)}, qstring
    res = run_search(archive, "cocoa zebra")
    assert res.total == 3 and {h.id for h in res.hits} == {f"d{i}" for i in rare}


def test_phrase_reads_frequent_word_only_at_rare_words_documents(tmp_path):
    """A phrase of a word in 1,600 documents and one in 4: the frequent word's positions are
    read only in the rare one's documents (it is not cached whole afterwards), and the
    documents and scores stay Whoosh's, in either word order and under a filter."""
    from search.matching import scored_docnums
    from search.postings import TermCache
    from search.query import filter_query, parse

    rnd = random.Random(9)
    rare = {17: "zebra cocoa", 640: "cocoa zebra", 801: "zebra filler cocoa", 1590: "zebra cocoa cocoa zebra"}

    def text(i):
        words = ["cocoa"] * rnd.randint(1, 9) + ["filler"] * rnd.randint(0, 90)
        rnd.shuffle(words)
        return " ".join(words + [rare.get(i, "")])

    archive = _one_segment_archive(tmp_path, 1600, text, rnd)
    gen_, searcher = archive.searcher()
    assert len(rare) * 100 < searcher.doc_frequency("text", "cocoa")  # far fewer at any probe ratio
    for qstring in ('"zebra cocoa"', '"cocoa zebra"', '"zebra cocoa cocoa"', '"cocoa cocoa zebra"', '"filler zebra"'):
        q = parse(qstring, gen_.index.schema)
        cache = TermCache()
        ids, scores = scored_docnums(searcher, q, cache)
        want = {h.docnum: h.score for h in searcher.search(q, limit=None)}
        assert dict(zip(ids.tolist(), scores.tolist())) == want, qstring
        assert cache.get(("text", b"cocoa")) is None, qstring  # probed, not read whole
    assert {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(parse('"zebra cocoa"', gen_.index.schema))} \
        == {"d17", "d1590"}
    source = json.loads(searcher.document(id="d17")["doc"])["source"]
    q = Q.And([parse('"zebra cocoa"', gen_.index.schema), filter_query({"source": [source]})])
    ids, scores = scored_docnums(searcher, q, TermCache())
    assert dict(zip(ids.tolist(), scores.tolist())) == {h.docnum: h.score for h in searcher.search(q, limit=None)}
    res = run_search(archive, '"zebra cocoa"')
    assert res.total == 2 and {h.id for h in res.hits} == {"d17", "d1590"}


def test_entity_values_narrow_and_one_value_facets_are_alternatives(archive_dir):
    """Clicking an entity's count leaves that many results (AND); a second year adds its
    articles (OR), and while one year is chosen the others stay on offer with their counts."""
    archive = open_index(archive_dir)
    base = run_search(archive, "", filters={"location": ["Washington, D.C."]})
    other = next(d for d in base.facets["location"] if d["value"] != "Washington, D.C.")
    both = run_search(archive, "", filters={"location": ["Washington, D.C.", other["value"]]})
    assert both.total == other["count"] < base.total
    years = run_search(archive, "", filters={"year": ["1987"]})
    offered = {d["value"]: d["count"] for d in years.facets["year"]}
    assert len(offered) > 1 and offered["1987"] == years.total
    second = next(y for y in offered if y != "1987")
    two = run_search(archive, "", filters={"year": ["1987", second]})
    assert two.total == offered["1987"] + offered[second]


def test_years_and_translation_labels_are_listed_in_their_own_order(archive_dir):
    """The Years panel listed its years by count ("1988, 2020, 1987") and Machine translation
    its labels so ("unlikely, likely, possible"): a list to read across, where years read in
    time order, newest first as the results are browsed, and the labels from the likeliest.
    The JSON twin lists them so too (the engine's order, the command line's), each year's
    and label's count still its own; the other facets stay largest first."""
    import re
    from html import unescape

    from web import create_app

    client = create_app({"INDEX": str(archive_dir)}).test_client()
    for url in ("/search", "/search?q=oil", "/search?year=1987&translated=possible"):
        twin = client.get(url.replace("/search", "/api/search")).get_json()
        years = [v["value"] for v in twin["facets"]["year"]]
        labels = [v["value"] for v in twin["facets"]["translated"]]
        assert years == sorted(years, reverse=True) and len(years) == 3, years
        assert labels == [v for v in ("likely", "possible", "unlikely") if v in labels] and len(labels) == 3, labels
        sources = [(v["count"], v["value"]) for v in twin["facets"]["source"]]
        assert sources == sorted(sources, key=lambda cv: (-cv[0], cv[1]))
        html = client.get(url).get_data(as_text=True)
        for facet, want in (("year", years), ("translated", labels)):
            section = re.search(r'data-facet="%s">(.*?)</section>' % facet, html, re.S).group(1)
            shown = [re.sub(r"<[^>]+>|Remove filter: ", "", unescape(v)).strip()
                     for v in re.findall(r'<span class="fv-v">(.*?)</span> <span class="fv-c">', section, re.S)]
            active = [v for v in want if v in twin["filters"].get(facet, [])]
            assert shown == active + [v for v in want if v not in active], (url, facet, shown)

"""Indexing end to end: incremental by content hash, prune, lock, generations."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from search import IndexBusy, Store, indexer, open_index, run_search

from conftest import SEEDS


def copy_seeds(tmp_path):
    src = tmp_path / "seeds"
    shutil.copytree(SEEDS, src)
    return src


def test_index_twice_changes_nothing(tmp_path):
    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    first = indexer.run(store, [str(src)])
    assert (first["indexed"], first["unchanged"], first["failed"]) == (5, 0, [])
    gen = store.current_name()
    second = indexer.run(store, [str(src)])
    assert (second["indexed"], second["unchanged"], second["removed"]) == (0, 5, 0)
    assert store.current_name() == gen, "a run with no change publishes nothing"


def test_changed_file_replaces_its_document_and_prune_removes(tmp_path):
    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    (src / "003_00f4041110890fad.txt").write_text("Zanzibar cloves\n\nA new story about zanzibar cloves and nothing else.\n")
    (src / "000_82caef7a759caf58.txt").unlink()
    r = indexer.run(store, [str(src)])
    assert (r["changed"], r["removed"]) == (1, 0), "without --prune a vanished file is kept"
    archive = open_index(store.path)
    assert run_search(archive, "zanzibar").total == 1
    assert run_search(archive, "Wagner").total == 0
    r = indexer.run(store, [str(src)], prune=True)
    assert r["removed"] == 1
    assert run_search(archive, "").total == 4  # the open archive follows the new generation
    assert json.loads((store.path / "sources.json").read_text()) == [str(src.resolve())]


def test_second_run_while_locked_is_refused(tmp_path):
    store = Store(tmp_path / "ix")
    with store.lock():
        with pytest.raises(IndexBusy):
            indexer.run(Store(tmp_path / "ix"), [str(SEEDS)])


def test_a_run_refused_as_busy_is_in_the_run_log(tmp_path):
    """A nightly reindex refused because another run held the lock (exit 4) wrote no line in
    runs.jsonl: `stats` and /healthz showed the run before as the last, as if the nightly run had
    never been started. Now its line says it was refused and why; the holder's line follows it."""
    from click.testing import CliRunner

    from search.cli import cli

    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    with store.lock():
        refused = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
        assert refused.exit_code == 4, refused.output
        store.log_run({"command": "reindex", "seconds": 1.0})  # the holder's own line, appended after it
    stats = CliRunner().invoke(cli, ["stats", "--index", str(store.path)], catch_exceptions=False)
    last = store.runs(2)
    assert [run["command"] for run in last] == ["reindex", "reindex"], last
    assert f"another index run is in progress on {store.path} (pid {os.getpid()})" == last[0]["refused"]
    assert "error" not in last[0] and "error" not in last[1] and "refused" not in last[1]
    # which run held the lock, as stats --json and /healthz say: the text said no more than "another run"
    assert f"reindex refused: another run was in progress (pid {os.getpid()}) (" in stats.output, stats.output


def test_a_run_refused_by_a_lock_naming_no_pid_says_another_process(tmp_path):
    """A run cleaning up a directory it made holds the lock for a moment without writing its pid
    (Store.lock_if_free): a run refused meanwhile said "another index run is in progress on ix
    (pid another process)", in its message and in the run log."""
    from click.testing import CliRunner

    from search.cli import cli

    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    with store.lock_if_free() as held:
        assert held
        refused = CliRunner().invoke(cli, ["reindex", "--index", str(store.path)], catch_exceptions=False)
    assert refused.exit_code == 4, refused.output
    said = f"another index run is in progress on {store.path} (another process)"
    assert said in " ".join(refused.output.split()), refused.output
    assert store.runs(1)[0]["refused"] == said
    assert "pid" not in refused.output
    stats = CliRunner().invoke(cli, ["stats", "--index", str(store.path)], catch_exceptions=False)
    assert "reindex refused: another run was in progress (another process) (" in stats.output, stats.output


def test_failed_run_leaves_live_index_untouched(tmp_path, monkeypatch):
    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    live = store.current_name()
    (src / "new.txt").write_text("Another article\n\nAbout something new entirely.\n")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(indexer.FacetTable, "build", boom)  # fail after the Whoosh commit
    with pytest.raises(RuntimeError):
        indexer.run(store, [str(src)])
    monkeypatch.undo()
    assert store.current_name() == live and store.generations() == [live]
    assert run_search(open_index(store.path), "").total == 5
    r = indexer.run(store, [str(src)])
    assert r["added"] == 1 and run_search(open_index(store.path), "").total == 6


def _facet_arrays(table) -> dict:
    return {f: (list(table.values[f]), table.docs[f].tolist(), table.terms[f].tolist()) for f in table.values} | {
        "doc_count": table.doc_count}


@pytest.mark.parametrize("bulk", [False, True])
def test_facet_arrays_from_records_equal_the_index(tmp_path, monkeypatch, bulk):
    """A fresh build takes its facet arrays from the records it writes; they must be the
    arrays read back from the finished index, also when Whoosh's multi-process writer
    decides the document numbers."""
    from whoosh import index as whoosh_index

    from search.facets import FacetTable

    people = ["Amadou Toure", "Aminata Diallo", "Ibrahim Keita", "Fatou Sow", "Moussa Traore", "Awa Coulibaly"]
    places = ["Bamako", "Dakar", "Niamey", "Accra", "Lagos", "Abidjan", "Lome"]
    lines = []
    for i in range(230):
        p, q = people[i % 6], people[(i * 5 + 1) % 6]
        lines.append(json.dumps({"id": f"n{i}", "date": f"{1990 + i % 7}-0{1 + i % 9}-1{i % 10}", "title": f"Report {i} from {places[i % 7]}",
                                 "body": f"{p} met {q} in {places[(i * 3) % 7]} on Monday to discuss item {i}, the ministry said."}))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "wire.jsonl").write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(indexer, "BULK_DOCS", 1 if bulk else 10**9)
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(tmp_path / "src")])["indexed"] == 230
    gen = store.current_dir()
    saved = FacetTable.load(gen)
    ix = whoosh_index.open_dir(str(gen))
    with ix.searcher() as s:
        if bulk:
            assert len(s.reader().leaf_readers()) >= 2, "the multi-process writer made several segments"
        assert _facet_arrays(saved) == _facet_arrays(FacetTable.build(s.reader()))
    assert sum(len(saved.values[f]) for f in ("person", "location", "year")) > 10


def test_cleaning_failure_skips_the_article_and_says_why(tmp_path, monkeypatch):
    """A cleaner bug on one article (stage 1 runs in the pool's batch function) reports
    that article and indexes the others."""
    import search.pipeline as pipeline

    src = copy_seeds(tmp_path)
    real = pipeline.clean_article

    def flaky(a):
        if a.id.endswith("003_00f4041110890fad.txt"):
            raise ValueError("cleaner bug")
        return real(a)

    monkeypatch.setattr(pipeline, "clean_article", flaky)
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert (r["indexed"], r["added"]) == (4, 4)
    assert [f["reason"] for f in r["failed"]] == ["cleaning failed: ValueError('cleaner bug')"]
    assert r["failed"][0]["path"].endswith("003_00f4041110890fad.txt")
    assert run_search(open_index(tmp_path / "ix"), "").total == 4


def test_a_saved_page_links_to_its_canonical_address_and_names_its_site(tmp_path):
    """A page saved to disk used to link to file:///... although the cleaner had read its
    canonical URL and site name; plain text keeps its file URL."""
    from search import get_document

    src = tmp_path / "pages"
    src.mkdir()
    body = " ".join(["Officials in Bamako said the transition council met on Tuesday to discuss the budget."] * 6)
    (src / "saved.html").write_text(
        '<html><head><title>Council meets</title><link rel="canonical" href="https://news.example.com/2021/council">'
        '<meta property="og:site_name" content="Example News"></head>'
        f"<body><article><h1>Council meets</h1><p>{body}</p><p>{body}</p></article></body></html>")
    (src / "note.txt").write_text("Harbour note\n\nShips waited at the harbour of Tema on Monday, port officials said.\n")
    indexer.run(Store(tmp_path / "ix"), [str(src)])
    archive = open_index(tmp_path / "ix")
    page = get_document(archive, "pages/saved.html")
    assert page["url"] == "https://news.example.com/2021/council" and page["site_name"] == "Example News"
    assert get_document(archive, "pages/note.txt")["url"].startswith("file://")


def _story(path, title, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n")


def test_soft_hyphens_and_zero_width_spaces_do_not_split_words(tmp_path, monkeypatch):
    """German sources set a soft hyphen in long words: in a text file, a JSON Lines text or
    an HTML <title> "Bundes\u00adregierung" was two words ("Bundesregierung" found only the
    HTML body, where the cleaner dropped the mark); a pasted query with one found nothing."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "de"
    _story(src / "a.txt", "Haushalt", "The Bundes\u00adregierung in Berlin approved the Haus\u00adhalt on Wednesday.")
    (src / "b.jsonl").write_text(json.dumps({"id": "b", "title": "Koalition", "text":
                                             "The Koalitions\u00adpartner met the Bundes\u200bregierung on Friday."}) + "\n")
    (src / "c.html").write_text("<html><head><title>Weiche Trenn&shy;zeichen</title></head><body><article><p>Die "
                                "Bundes&shy;regierung hat am Mittwoch beschlossen, die Förderung zu verlängern, "
                                "sagte der Minister in Berlin.</p></article></body></html>")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["added"] == 3
    archive = open_index(store.path)
    ids = lambda q: sorted(h.id for h in run_search(archive, q).hits)  # noqa: E731
    assert ids("Bundesregierung") == ["de/a.txt", "de/b.jsonl#b", "de/c.html"]
    assert ids("Haushalt") == ["de/a.txt"] and ids("Koalitionspartner") == ["de/b.jsonl#b"]
    assert ids("title:Trennzeichen") == ["de/c.html"]
    assert ids("Bundes\u00adregierung") == ids("Bundes\u200bregierung") == ids("Bundesregierung")
    assert "\u00ad" not in run_search(archive, "Haushalt").hits[0].snippet


def test_two_folders_with_one_name_keep_their_own_articles(tmp_path):
    """x/news and y/news both gave ids news/a.txt: the second run replaced the first
    folder's article, and every reindex flipped them back and forth."""
    _story(tmp_path / "x" / "news" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    _story(tmp_path / "y" / "news" / "a.txt", "Cocoa", "Cocoa prices rose in Abidjan on Tuesday, traders said.")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(tmp_path / "x" / "news")])
    r = indexer.run(store, [str(tmp_path / "y" / "news")])
    assert (r["added"], r["changed"]) == (1, 0)
    archive = open_index(store.path)
    assert sorted(h.id for h in run_search(archive, "").hits) == ["news/a.txt", "y/news/a.txt"]
    again = indexer.run(store, None)
    assert (again["changed"], again["added"], again["removed"]) == (0, 0, 0)


def test_an_id_is_never_given_to_another_article_after_forget(tmp_path, monkeypatch):
    """x/news and y/news: forgetting x/news renamed y/news "news" (its ids and its source
    facet value changed), and x/news indexed again took "y/news": a saved link to
    news/a.txt opened y's story."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    _story(tmp_path / "x" / "news" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    _story(tmp_path / "y" / "news" / "a.txt", "Cocoa", "Cocoa prices rose in Abidjan on Tuesday, traders said.")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(tmp_path / "x" / "news"), str(tmp_path / "y" / "news")])
    titles = lambda: {h.id: h.title for h in run_search(open_index(store.path), "").hits}  # noqa: E731
    before = titles()
    assert before == {"news/a.txt": "Harbour", "y/news/a.txt": "Cocoa"}
    indexer.run(store, None, forget=[str(tmp_path / "x" / "news")])
    assert titles() == {"y/news/a.txt": "Cocoa"}
    assert [v["value"] for v in run_search(open_index(store.path), "").facets["source"]] == ["y/news"]
    indexer.run(store, [str(tmp_path / "x" / "news")])
    assert titles() == before
    _story(tmp_path / "z" / "news" / "a.txt", "Timber", "Timber exports fell at Takoradi, customs officers said.")
    indexer.run(store, None, forget=[str(tmp_path / "x" / "news")])
    indexer.run(store, [str(tmp_path / "z" / "news")])
    assert titles() == {"y/news/a.txt": "Cocoa", "z/news/a.txt": "Timber"}  # "news" stays x's


def test_a_path_inside_a_source_is_that_source_and_a_folder_of_sources_is_refused(tmp_path):
    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    one = next(src.iterdir())
    r = indexer.run(store, [str(one), str(src) + "/", str(src / ".." / "seeds")])
    assert r["failed"] == [] and store.sources() == [str(src)]
    assert run_search(open_index(store.path), "").total == 5, "no second copy under the file's own name"
    with pytest.raises(indexer.NotASource, match="holds sources"):
        indexer.run(store, [str(tmp_path)])


def test_a_folder_given_with_one_that_holds_it_is_part_of_that_one(tmp_path):
    """`index s2/news s2` in one command took both as sources: news's files were read twice
    ("the same file as ..., read again through a link", with no link) and s2 was listed with no
    article; in two runs the same is one source. Now one command means what two runs do."""
    _story(tmp_path / "s2" / "news" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    _story(tmp_path / "s2" / "b.txt", "Cocoa", "Cocoa prices rose in Abidjan on Tuesday, traders said.")
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(tmp_path / "s2" / "news"), str(tmp_path / "s2")])
    assert r["failed"] == [] and store.sources() == [str(tmp_path / "s2")]
    assert sorted(h.id for h in run_search(open_index(store.path), "").hits) == ["s2/b.txt", "s2/news/a.txt"]


def test_a_device_or_pipe_given_to_index_is_reported_and_not_recorded_as_a_source(tmp_path):
    """`index /dev/null` kept /dev/null as a source with no article, named by stats for ever."""
    import os

    os.mkfifo(tmp_path / "pipe")
    _story(tmp_path / "news" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    store = Store(tmp_path / "ix")
    r = indexer.run(store, ["/dev/null", str(tmp_path / "pipe"), str(tmp_path / "news")])
    assert [f["path"] for f in r["failed"]] == ["/dev/null", str(tmp_path / "pipe")]
    assert [f["reason"] for f in r["failed"]] == ["a device, not a regular file: not read (not added to the sources)",
                                                  "a named pipe (FIFO), not a regular file: not read (not added to the sources)"]
    assert store.sources() == [str(tmp_path / "news")] and r["indexed"] == 1


def test_linked_folders_are_read_once_and_an_index_inside_the_archive_is_no_input(tmp_path):
    """A symlinked folder was skipped without a word; an index kept inside its archive
    was scanned as input (a score of 'unsupported file type' every run)."""
    src = tmp_path / "archive"
    _story(src / "sub" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    _story(tmp_path / "elsewhere" / "b.txt", "Cocoa", "Cocoa prices rose in Abidjan on Tuesday, traders said.")
    (src / "linked").symlink_to(tmp_path / "elsewhere")
    (src / "sub" / "loop").symlink_to(src)  # a loop: not followed, and said so
    store = Store(src / "ix")
    loop = [{"path": str(src / "sub" / "loop"), "reason": f"a link to {src}, a folder that holds it (a loop): not followed"}]
    r = indexer.run(store, [str(src)])
    assert r["failed"] == loop, r["failed"]
    assert sorted(h.id for h in run_search(open_index(store.path), "").hits) == ["archive/linked/b.txt", "archive/sub/a.txt"]
    assert indexer.run(store, None)["failed"] == [{**f, "again": True} for f in loop]  # as the run before


def test_a_linked_folder_that_is_not_followed_is_reported_and_its_folder_keeps_its_ids(tmp_path, monkeypatch):
    """QA: a link to a folder of the same source, or a second link to a folder read already,
    was skipped without a word; and a link named before its folder took the folder's files
    under its own ids (archive/a-latest/x.txt), the folder skipped in silence. Each such link
    is reported as skipped, with why, and the folder's files keep their own path."""
    from click.testing import CliRunner

    from search.cli import cli

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "archive"
    _story(src / "news" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    _story(tmp_path / "elsewhere" / "b.txt", "Cocoa", "Cocoa prices rose in Abidjan on Tuesday, traders said.")
    (src / "a-latest").symlink_to(src / "news")  # sorted before its folder
    (src / "z-latest").symlink_to("news")  # and after it
    (src / "linked").symlink_to(tmp_path / "elsewhere")
    (src / "linked-again").symlink_to(tmp_path / "elsewhere")
    r = CliRunner().invoke(cli, ["index", str(src), "--index", str(tmp_path / "ix")], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert sorted(h.id for h in run_search(open_index(tmp_path / "ix"), "").hits) == ["archive/linked/b.txt",
                                                                                      "archive/news/a.txt"]
    ours = "a folder of this source: not followed, its files are read there"
    reports = [f"skipped {src / 'a-latest'}: a link to {src / 'news'}, {ours}",
               f"skipped {src / 'z-latest'}: a link to {src / 'news'}, {ours}",
               f"skipped {src / 'linked-again'}: a link to {tmp_path / 'elsewhere'}, a folder read already as "
               f"{src / 'linked'}: not followed"]
    assert all(line in r.output for line in reports), r.output  # with the run's other skipped inputs
    r = CliRunner().invoke(cli, ["clean", str(src), "--json"], catch_exceptions=False)
    assert sorted(line.removeprefix("newsarchive: ") for line in r.stderr.splitlines()) == sorted(reports), r.stderr


def test_a_link_to_another_sources_files_does_not_index_them_twice(tmp_path, monkeypatch):
    """other/news_link -> news, with news a source of its own: every article of news was
    indexed a second time under other/news_link/..., and counted twice in every facet."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    _story(tmp_path / "news" / "a.txt", "Harbour", "Ships waited at Tema on Monday, port officials said.")
    _story(tmp_path / "other" / "b.txt", "Cocoa", "Cocoa prices rose in Abidjan on Tuesday, traders said.")
    (tmp_path / "other" / "news_link").symlink_to(tmp_path / "news")
    (tmp_path / "other" / "again.txt").symlink_to(tmp_path / "other" / "b.txt")  # one file, two names
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(tmp_path / "news")])
    for full in (False, True, False):
        r = indexer.run(store, [str(tmp_path / "other")] if not full else None, full=full)
        ids = sorted(h.id for h in run_search(open_index(store.path), "").hits)
        assert ids == ["news/a.txt", "other/again.txt"] or ids == ["news/a.txt", "other/b.txt"], ids
        assert sorted(f["reason"].split("read again as ")[-1].split(" ")[0] for f in r["failed"]) == sorted(
            ["other/news_link/a.txt", next(x for x in ("other/again.txt", "other/b.txt") if x not in ids)]), r["failed"]
        assert run_search(open_index(store.path), "", {"source": ["news"]}).total == 1


def test_copies_of_an_article_keep_their_text(tmp_path):
    """Five more copies of a seed in its folder: their lines recur in six documents, like
    a site's footer would, but they are one article: none is emptied (QA: search for
    Timbuktu found 0 of 6, and a reindex emptied seeds untouched since)."""
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    for i in range(5):
        shutil.copy(src / "003_00f4041110890fad.txt", src / f"copy{i}.txt")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    archive = open_index(tmp_path / "ix")
    assert run_search(archive, "Timbuktu").total == 6
    from search import get_document

    doc = get_document(archive, "src/copy3.txt")
    assert "Russian military advisers" in doc["text"]
    assert not [r for r in doc["removed"] if r["reason"].startswith("template")]
    assert {v["relation"] for v in doc["versions"]} == {"copy"} and len(doc["versions"]) == 5


def test_a_mac_file_name_is_found_as_typed(tmp_path):
    """A file copied from a Mac names "Café" with a combining accent (NFD); a typed or
    pasted id has the composed é (NFC): both find it, in the CLI and the web app."""
    import unicodedata

    from search import get_document
    from web import create_app

    src = tmp_path / "notes"
    src.mkdir()
    nfd = unicodedata.normalize("NFD", "Café.txt")
    (src / nfd).write_text("Café owners protest\n\nCafé owners in Bamako protested on Monday against a new tax on imported coffee.\n")
    indexer.run(Store(tmp_path / "ix"), [str(src)])
    archive = open_index(tmp_path / "ix")
    typed = unicodedata.normalize("NFC", "notes/Café.txt")
    assert get_document(archive, typed)["title"] == "Café owners protest"
    assert get_document(archive, unicodedata.normalize("NFD", typed))["title"] == "Café owners protest"
    client = create_app({"INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    assert client.get("/doc/notes/Caf%C3%A9.txt").status_code == 200
    assert client.get("/api/doc/notes/Caf%C3%A9.txt").get_json()["title"] == "Café owners protest"


def test_a_lone_surname_is_indexed_under_the_person_its_title_tells(tmp_path):
    """End to end through the indexer: "Mr. Holmes", in an article naming the suspect James
    Holmes and his mother Arlene Holmes, is James; the title and sex that told resolution so
    are not stored with the mention (the document API shows what was found, not the means)."""
    from search.query import get_document

    src = tmp_path / "src"
    src.mkdir()
    (src / "court.txt").write_text(
        "Suspect appears in court\n\nJames Holmes appeared in court on Monday in Colorado. His mother, "
        "Arlene Holmes, was not there. The prosecutors said Mr. Holmes would face a second hearing next "
        "month.\n", encoding="utf-8")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(src)])["indexed"] == 1
    archive = open_index(tmp_path / "ix")
    doc_id = run_search(archive, "Holmes").hits[0].id
    doc = get_document(archive, doc_id)
    by_text = {}
    for m in doc["mentions"]:
        by_text.setdefault(m["text"], []).append(m)
    assert set(by_text) >= {"James Holmes", "Arlene Holmes", "Holmes"}, by_text
    assert [m["entity"] for m in by_text["Holmes"]] == [by_text["James Holmes"][0]["entity"]]
    assert by_text["Arlene Holmes"][0]["entity"] != by_text["James Holmes"][0]["entity"]
    assert not any(k in m for m in doc["mentions"] for k in ("title", "gender")), doc["mentions"]


def test_a_sites_footer_leaves_its_pages_also_those_a_later_run_adds(tmp_path, monkeypatch):
    """The cross-document pass through a real index run: a line every page of one source ends
    with ("Subscribe to Harbour Weekly ...") is no part of any page's text, nor found by a
    search, and a page a later run adds loses it too, its earlier pages keeping their text; a
    second source without the line keeps its own. No other test ran the template pass through
    the indexer (tests/test_clean_templates.py calls its functions)."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    footer = "Subscribe to Harbour Weekly for more port news."
    goods = ["sugar", "cocoa", "cement", "rice", "timber", "copper", "cotton", "coffee", "wheat", "steel",
             "maize", "palm oil", "fertiliser", "bauxite", "gold", "fish", "cashew", "rubber", "salt", "tea"]
    for i, good in enumerate(goods[:12]):
        _story(tmp_path / "harbour" / f"{i:03}.txt", f"{good.title()} at Tema",
               f"Ships loaded {good} at the harbour of Tema on day {i}, customs officers said.\n\n{footer}")
    _story(tmp_path / "wire" / "a.txt", "Port news", f"Dockers at Tema struck on Monday. {footer}")
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(tmp_path / "harbour"), str(tmp_path / "wire")])
    archive = open_index(store.path)
    assert run_search(archive, "cocoa").total == 1
    assert [h.id for h in run_search(archive, "subscribe").hits] == ["wire/a.txt"]  # its one line is its own
    from search import get_document

    doc = get_document(archive, "harbour/001.txt")
    assert "Subscribe" not in doc["text"] and "Ships loaded cocoa" in doc["text"]
    assert [r for r in doc["removed"] if r["reason"].startswith("template")], doc["removed"]
    for i, good in enumerate(goods[12:], start=12):  # a later night's pages
        _story(tmp_path / "harbour" / f"{i:03}.txt", f"{good.title()} at Tema",
               f"Ships loaded {good} at the harbour of Tema on day {i}, customs officers said.\n\n{footer}")
    indexer.run(store, None)
    archive = open_index(store.path)
    assert run_search(archive, "").total == 21
    assert [h.id for h in run_search(archive, "subscribe").hits] == ["wire/a.txt"]
    for doc_id, good in (("harbour/015.txt", "fish"), ("harbour/001.txt", "cocoa")):
        doc = get_document(archive, doc_id)
        assert "Subscribe" not in doc["text"] and f"Ships loaded {good}" in doc["text"], doc["text"]


def test_a_run_that_indexes_nothing_leaves_no_index_directory_it_made(tmp_path):
    """`index --index NEWDIR /missing/path` (a typo) left NEWDIR with a lock, an empty list of
    sources and a run log, and the folders it made above it. The run that made them removes
    them when it indexed nothing; a directory that was there, and an index, stay as they were."""
    from click.testing import CliRunner

    from search.cli import cli

    missing = str(tmp_path / "no" / "such" / "path")
    new = tmp_path / "a" / "b" / "ix"
    r = CliRunner().invoke(cli, ["index", "--index", str(new), missing, "--json"], catch_exceptions=False)
    assert r.exit_code == 1 and "no such file or directory (not added to the sources)" in r.output, r.output
    assert not (tmp_path / "a").exists(), sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    kept = tmp_path / "empty"  # a folder the user made for it: not the run's to remove
    kept.mkdir()
    assert CliRunner().invoke(cli, ["index", "--index", str(kept), missing]).exit_code == 1
    assert kept.is_dir()
    # an index: untouched but for its run log
    src = copy_seeds(tmp_path)
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    before = {p.name: p.read_bytes() for p in store.path.iterdir() if p.is_file() and p.name != "runs.jsonl"}
    assert CliRunner().invoke(cli, ["index", "--index", str(store.path), missing]).exit_code == 1
    assert {p.name: p.read_bytes() for p in store.path.iterdir() if p.is_file() and p.name != "runs.jsonl"} == before
    assert run_search(open_index(store.path), "Mali").total > 0


@pytest.mark.parametrize("name,data,why", [
    ("photo.jpg", b"\xff\xd8\xff\xe0 not an article", "unsupported file type .jpg: a part of a web page"),
    ("empty.txt", b"", "empty file: 0 bytes"),
    ("report.docx", b"PK\x03\x04 a word document", "unsupported file type .docx"),
])
def test_a_first_run_that_reads_no_article_publishes_nothing_and_leaves_no_folder_it_made(tmp_path, name, data, why):
    """`index FILE --index NEWDIR` with FILE a .docx, an empty file or a picture published an
    empty gen-000001 and kept FILE as NEWDIR's source (every command then took NEWDIR for an index
    of nothing), though README says a run that indexed nothing leaves no index directory it made.
    Into an index with sources, the live generation stays as it was (the file is a source)."""
    from click.testing import CliRunner

    from search.cli import cli

    given = tmp_path / name
    given.write_bytes(data)
    new = tmp_path / "a" / "ix"
    r = CliRunner().invoke(cli, ["index", str(given), "--index", str(new)], catch_exceptions=False)
    assert r.exit_code == 1, r.output
    assert why in r.output and "no index written" in r.output, r.output
    assert not (tmp_path / "a").exists(), sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    # an index with sources: no new generation, its articles still found
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(copy_seeds(tmp_path))])
    live = store.current_name()
    r = CliRunner().invoke(cli, ["index", str(given), "--index", str(store.path)], catch_exceptions=False)
    assert why in r.output and store.current_name() == live, r.output
    assert run_search(open_index(store.path), "Mali").total > 0


def test_a_first_run_that_reads_no_article_records_no_source_in_a_folder_made_for_it(tmp_path):
    """`mkdir ix; index report.docx --index ix` kept report.docx as ix's source, with no index:
    the folder is the user's and stays, but a file of no article is no source of an index that
    is not there (every `reindex` after said it skipped again, `index good` kept it listed)."""
    from click.testing import CliRunner

    from search.cli import cli

    given, good = tmp_path / "report.docx", tmp_path / "good.txt"
    given.write_bytes(b"PK\x03\x04 a word document")
    good.write_text("Harbour reopens\n\nThe harbour reopened to ships on Monday after repairs.\n")
    made = tmp_path / "ix"
    made.mkdir()
    assert CliRunner().invoke(cli, ["index", str(given), "--index", str(made)]).exit_code == 1
    assert made.is_dir() and Store(made).current_name() is None and Store(made).sources() == []
    assert CliRunner().invoke(cli, ["index", str(good), "--index", str(made)]).exit_code == 0
    r = CliRunner().invoke(cli, ["reindex", "--index", str(made)])
    assert r.exit_code == 0 and "report.docx" not in r.output and Store(made).sources() == [str(good)], r.output


def test_a_folder_of_other_files_given_as_the_index_is_refused_and_left_as_it_was(tmp_path):
    """`index --index ~/news ~/news` (the archive typed for the index) wrote its lock, list of
    sources and run log among the articles, then skipped the folder as "a newsarchive index
    directory, not an archive", which it was only since that run: the articles could be indexed
    no more, with any index. A folder of other files is no index: every command says so (exit 3)
    and nothing is written there; an empty folder, or one with hidden files only, is one to make."""
    from click.testing import CliRunner

    from search.cli import cli

    news = copy_seeds(tmp_path)
    before = sorted(p.name for p in news.iterdir())
    for args in (["index", str(news)], ["index", str(tmp_path / "elsewhere")], ["reindex"], ["search", "Mali"],
                 ["stats"]):
        r = CliRunner().invoke(cli, [*args, "--index", str(news), "--json"], catch_exceptions=False)
        assert r.exit_code == 3, (args, r.output)
        error = json.loads(r.stdout)["error"]
        assert str(news) in error and ("it holds other files" in error or "a folder of other files" in error), error
        assert before[0] in error, error
        assert sorted(p.name for p in news.iterdir()) == before
    r = CliRunner().invoke(cli, ["index", str(news), "--index", str(news)])
    assert "index into a new or empty folder (nothing was written here)" in r.output, r.output
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".DS_Store").write_bytes(b"\0")
    r = CliRunner().invoke(cli, ["index", str(news), "--index", str(empty), "--json"], catch_exceptions=False)
    assert r.exit_code == 0 and json.loads(r.stdout)["indexed"] == 5, r.output
    r = CliRunner().invoke(cli, ["index", str(news), "--index", str(empty), "--json"], catch_exceptions=False)
    assert r.exit_code == 0 and json.loads(r.stdout)["unchanged"] == 5, r.output


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs RLIMIT_FSIZE in a child (POSIX)")
def test_a_first_run_that_cannot_write_its_sources_names_the_file(tmp_path):
    """A first run whose list of sources the disk had no room for (RLIMIT_FSIZE of 8 bytes, as a
    full disk: the lock's pid fits, sources.json does not) ended "newsarchive: File too large"
    alone, no file named, and its folder (only bookkeeping) was cleaned away with its run log:
    nothing told which disk. The message names the file; the folder still goes, exit 1."""
    import resource
    import subprocess
    import sys

    from conftest import ROOT

    (tmp_path / "a.txt").write_text("Soldiers seized power in Mali.", encoding="utf-8")
    new = tmp_path / "ix"

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    p = subprocess.run([sys.executable, "-m", "search.cli", "index", str(tmp_path / "a.txt"), "--index", str(new),
                        "--json"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=capped,
                       capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    assert p.stderr == f"newsarchive: File too large: {new / 'sources.json.tmp'}\n", p.stderr
    assert json.loads(p.stdout) == {"error": f"File too large: {new / 'sources.json.tmp'}", "exit": 1}
    assert not new.exists()


def test_an_index_on_a_read_only_mount_is_said_as_one_it_may_not_write(tmp_path):
    """An index on a file system mounted read-only (a backup restored read-only, a disk remounted
    ro after errors): `reindex` ended "Read-only file system: .../lock" with exit 1, where an
    index this user may not write is exit 3 saying so. A real read-only bind mount (root only)."""
    import subprocess

    from click.testing import CliRunner

    from search.cli import cli

    src = copy_seeds(tmp_path)
    indexer.run(Store(tmp_path / "ix"), [str(src)])
    ro = tmp_path / "ro"
    ro.mkdir()
    try:
        mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(tmp_path / "ix"), str(ro)],
                                 capture_output=True).returncode == 0
    except OSError:
        mounted = False
    if not mounted:
        pytest.skip("no read-only bind mount here (needs root)")
    try:
        for args in (["reindex"], ["index", str(src)], ["forget", str(src)]):
            r = CliRunner().invoke(cli, [*args, "--index", str(ro), "--json"], catch_exceptions=False)
            assert r.exit_code == 3, r.output
            error = json.loads(r.output.splitlines()[0])["error"]
            assert error == (f"cannot update the index at {ro}: Read-only file system ({ro / 'lock'}); its file system "
                             "is mounted read-only: mount it read-write, or index into a folder on another"), error
        assert (ro / "CURRENT").read_text().strip() == Store(tmp_path / "ix").current_name()
    finally:
        subprocess.run(["umount", str(ro)], check=True)


def test_an_index_folder_that_is_a_file_system_s_mount_point_is_made_an_index(tmp_path):
    """a55fd6c refused a folder of other files as the index, and with it a file system made for
    the index (its folder the mount point, ext4's lost+found in it): "… is no index: it holds other
    files (lost+found)". lost+found is the file system's, no one's articles: the index is made
    there, and searched."""
    from click.testing import CliRunner

    from search.cli import cli

    news = copy_seeds(tmp_path)
    mount = tmp_path / "mnt"
    (mount / "lost+found").mkdir(parents=True)
    r = CliRunner().invoke(cli, ["index", str(news), "--index", str(mount), "--json"], catch_exceptions=False)
    assert r.exit_code == 0 and json.loads(r.stdout)["indexed"] == 5, r.output
    r = CliRunner().invoke(cli, ["search", "Mali", "--index", str(mount), "--json"], catch_exceptions=False)
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] > 0, r.output

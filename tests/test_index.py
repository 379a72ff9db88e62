"""Indexing end to end: incremental by content hash, prune, lock, generations."""
from __future__ import annotations

import json
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

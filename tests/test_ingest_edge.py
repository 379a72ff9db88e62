"""Inputs that used to stop or hang a whole index run, or were read wrong (QA pass 4).

Every fixture is a few bytes written into tmp_path; runs are real index runs.
"""
from __future__ import annotations

import json
from pathlib import Path

from search import Store, get_document, indexer, open_index, run_search

STORY = "The mayor of Springfield announced a new budget on Monday that cuts spending on roads and increases funding for schools."


def _index(tmp_path: Path, src: Path) -> dict:
    return indexer.run(Store(tmp_path / "ix"), [str(src)])


def test_lone_surrogates_in_a_jsonl_record_do_not_stop_the_run(tmp_path):
    """Valid JSON may escape half of an emoji ("\\ud83d"): it made the whole run fail with a
    UnicodeEncodeError, nothing indexed. Every string field, meta keys too, is made safe."""
    src = tmp_path / "feed"
    src.mkdir()
    cut = "\\ud83d"
    line = ('{"id": "t1' + cut + '", "title": "Mayor replies ' + cut + '", "url": "https://example.com/a' + cut + '",'
            ' "source": "Example' + cut + '", "text": "' + STORY + ' Great news ' + cut + '",'
            ' "tags": ["x' + cut + '"], "note' + cut + '": {"k": "v' + cut + '"}}')
    (src / "cut.jsonl").write_text(line + "\n" + json.dumps({"id": "g1", "text": STORY}) + "\n")
    r = _index(tmp_path, src)
    assert (r["indexed"], r["failed"]) == (2, [])
    archive = open_index(tmp_path / "ix")
    doc = get_document(archive, "feed/cut.jsonl#t1\ufffd")
    assert doc is not None
    assert doc["title"] == "Mayor replies \ufffd" and doc["text"].endswith("Great news \ufffd")
    assert doc["url"] == "https://example.com/a\ufffd" and doc["source"] == "Example\ufffd"
    assert doc["meta"] == {"tags": ["x\ufffd"], "note\ufffd": {"k": "v\ufffd"}}
    assert run_search(archive, "springfield").total == 2

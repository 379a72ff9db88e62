"""bench/entities.py's listing of our CoNLL-2003 errors by kind, and its file of the model's spans."""
from __future__ import annotations

import json
import runpy
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "entities.py"


def _bench() -> dict:
    return runpy.run_path(str(BENCH))  # the script's functions, main() not run


def test_the_errors_are_grouped_by_what_went_wrong():
    """The session-45 rules were tuned by reading CoNLL-2003's error groups by hand; the bench lists
    them: a gold name typed otherwise, cut otherwise, a MISC name typed, a name of nothing, one missed."""
    text = "Barcelona beat Real Madrid in Spain . Pace , Euro 96 and Jim Smith met ."
    spans = {w: (text.index(w), text.index(w) + len(w)) for w in
             ("Barcelona", "Real Madrid", "Madrid", "Spain", "Pace", "Euro 96", "Jim Smith", "Jim", "met")}
    doc = {"text": text, "entities": [
        {"start_char": a, "end_char": b, "type": t} for w, t in (
            ("Barcelona", "ORG"), ("Real Madrid", "ORG"), ("Spain", "LOC"), ("Pace", "PER"), ("Euro 96", "MISC"),
            ("Jim Smith", "PER")) for a, b in [spans[w]]]}
    ours = {(*spans["Barcelona"], "LOC"), (*spans["Madrid"], "LOC"), (*spans["Spain"], "LOC"),
            (*spans["Euro 96"], "ORG"), (*spans["Jim"], "PER"), (*spans["met"], "ORG")}
    got = _bench()["errors"]([doc], [ours], 5)
    assert {k: [n[:2] for n in v["names"]] for k, v in got.items()} == {
        "wrong type LOC for ORG": [["Barcelona", 1]],
        "wrong span LOC for ORG": [["Madrid", 1]],
        "gold MISC": [["Euro 96", 1]],
        "spurious": [["met", 1]],
        "wrong span PER for PER": [["Jim", 1]],
        "missed PER": [["Pace", 1]],
    }, got
    assert all(v["count"] == 1 for v in got.values())
    assert "Real Madrid" in got["wrong span LOC for ORG"]["names"][0][2]  # the context shows the gold name
    # the most frequent names first, `top` of them
    got = _bench()["errors"]([doc, doc, {"text": text, "entities": []}], [ours, ours, {(*spans["Pace"], "PER")}], 1)
    assert got["spurious"] == {"count": 3, "names": [["met", 2, got["spurious"]["names"][0][2]]]}, got


def test_the_model_s_spans_are_kept_in_a_file(tmp_path):
    span_file = _bench()["SpanFile"]
    path = tmp_path / "spans.json"
    spans = span_file(str(path), "model-1")
    assert spans.get("k") is None
    spans.put("k", [[0, 5, "person", "ner"]])
    spans.save()
    assert json.loads(path.read_text()) == {"model": "model-1", "spans": {"k": [[0, 5, "person", "ner"]]}}
    assert span_file(str(path), "model-1").get("k") == [[0, 5, "person", "ner"]]
    mtime = path.stat().st_mtime_ns
    span_file(str(path), "model-1").save()  # nothing added: not written
    assert path.stat().st_mtime_ns == mtime


def test_another_model_s_spans_are_not_reused(tmp_path):
    """The file was keyed by the model's input alone: after an edit of the gazetteer ruler (ner.py,
    gazetteer.py) or an upgrade of spaCy, --ner-cache gave the old model's spans, and the bench
    scored the new rules on them without a word. The model's fingerprint is the file's now."""
    span_file = _bench()["SpanFile"]
    path = tmp_path / "spans.json"
    old = span_file(str(path), "model-1")
    old.put("k", [[0, 5, "person", "ner"]])
    old.save()
    new = span_file(str(path), "model-2")
    assert new.stale and new.get("k") is None
    new.put("k", [[0, 5, "organization", "ner"]])
    new.save()
    assert json.loads(path.read_text()) == {"model": "model-2", "spans": {"k": [[0, 5, "organization", "ner"]]}}
    path.write_text(json.dumps({"k": [[0, 5, "person", "ner"]]}))  # an older bench's file: no model named
    assert span_file(str(path), "model-2").get("k") is None

"""Which stream the command line writes what to: results on stdout, diagnostics (what was
skipped, notes) on stderr, whatever the command; `--json` leaves stdout one JSON document."""
from __future__ import annotations

import json

from click.testing import CliRunner

from search.cli import cli

GOOD = {"id": "a1", "title": "Harbour report", "date": "07/08/2021", "source": "wire",
        "text": "The harbour authority published its yearly report on Monday, with new figures."}


def _feed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    # line 1 an article (its date ambiguous: a note), line 2 no JSON (skipped)
    (src / "wire.jsonl").write_text(json.dumps(GOOD) + "\n{not json\n", encoding="utf-8")
    return src


def test_skipped_lines_and_notes_go_to_stderr_in_index_as_in_clean(tmp_path):
    """`index` printed its skipped lines and notes on stdout with the run's summary, where `clean`
    printed them on stderr: `index > summary.txt` kept them from the terminal. Now both say
    them on stderr, in one form, and stdout holds the results alone."""
    src = _feed(tmp_path)
    runs = {"index": CliRunner().invoke(cli, ["index", str(src), "--index", str(tmp_path / "ix")]),
            "clean": CliRunner().invoke(cli, ["clean", str(src / "wire.jsonl")])}
    for command, r in runs.items():
        assert r.exit_code == 0, (command, r.output)
        assert "skipped" in r.stderr and "wire.jsonl:2" in r.stderr, (command, r.stderr)
        assert "wire.jsonl:1" in r.stderr and "is ambiguous" in r.stderr, (command, r.stderr)
        assert "wire.jsonl:2" not in r.stdout and "ambiguous" not in r.stdout, (command, r.stdout)
    assert runs["index"].stdout.startswith("1 indexed") and "1 skipped" in runs["index"].stdout
    skipped = [line for line in runs["index"].stderr.splitlines() if "wire.jsonl:2" in line]
    assert skipped == [line for line in runs["clean"].stderr.splitlines() if "wire.jsonl:2" in line]
    assert skipped[0].startswith("newsarchive: skipped ")


def test_json_output_stays_one_document_on_stdout(tmp_path):
    src = _feed(tmp_path)
    r = CliRunner().invoke(cli, ["index", str(src), "--index", str(tmp_path / "ix"), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert [f["line"] for f in out["failed"]] == [2] and out["indexed"] == 1
    r = CliRunner().invoke(cli, ["clean", "--json", str(src / "wire.jsonl")])
    assert r.exit_code == 0, r.output
    assert [a["id"] for a in json.loads(r.stdout)] == ["src/wire.jsonl#a1"] and "wire.jsonl:2" in r.stderr

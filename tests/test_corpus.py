"""Corpus scale: the whole Reuters-21578 file through `newsarchive index` (slow: minutes)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search import open_index, run_search
from search.cli import cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reuters_index(shared_dir, tmp_path_factory):
    ix = tmp_path_factory.mktemp("reuters-index")
    r = CliRunner().invoke(cli, ["index", str(shared_dir / "data" / "reuters21578.jsonl.gz"), "--index", str(ix), "--json"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return ix, json.loads(r.output)


def test_reuters_indexes_whole(reuters_index):
    _, summary = reuters_index
    assert summary["indexed"] == 19043 and summary["failed"] == []


def test_oil_prices_highlighted(reuters_index):
    ix, _ = reuters_index
    out = json.loads(CliRunner().invoke(cli, ["search", "oil prices", "--index", str(ix), "--json"]).output)
    assert out["total"] > 100 and len(out["hits"]) == 10
    for h in out["hits"]:
        s = h["snippet"].lower()
        assert "<mark>oil</mark>" in s or "<mark>prices</mark>" in s or "<mark>price</mark>" in s
    assert sum(v["count"] for v in out["facets"]["language"]) == out["total"]
    assert out["facets"]["year"] == [{"value": "1987", "count": out["total"]}]


def test_reuters_is_human_newswire_and_has_places(reuters_index):
    ix, _ = reuters_index
    archive = open_index(ix)
    everything = run_search(archive, "", per_page=1)
    likely = {v["value"]: v["count"] for v in everything.facets["translated"]}.get("likely", 0)
    assert likely <= 0.01 * everything.total
    locations = {v["value"] for v in everything.facets["location"][:30]}
    assert {"United States", "Japan"} <= locations
    assert run_search(archive, "", {"location": ["Japan"]}).total > 300

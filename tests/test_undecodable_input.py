"""Input with a byte that is not UTF-8: the OS gives `$'\\xff'` to Python as a lone surrogate
("\\udcff"), which Whoosh cannot encode. Each command and page refuses it plainly."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from search.cli import cli
from web import create_app

BYTE = "\udcff"  # what Python gives for the byte 0xFF of an argument


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("doc_id", [f"seeds/{BYTE}000.txt", BYTE, f"seeds/000_82caef7a759caf5{BYTE}"])
def test_show_says_no_document_with_the_byte_shown_escaped(seeds_index, doc_id):
    r = invoke("show", doc_id, "--index", seeds_index)
    assert r.exit_code == 2, r.output
    assert "internal error" not in r.output
    assert f"no document with id '{doc_id.replace(BYTE, '%FF')}'" in r.output


def test_export_with_the_byte_in_a_filter_finds_nothing_and_does_not_crash(seeds_index):
    r = invoke("export", "--filter", f"source={BYTE}", "--index", seeds_index)
    assert r.exit_code == 0, r.output
    assert "internal error" not in r.output and r.exception is None
    assert "No article has source" in r.output


def test_forget_says_the_byte_is_no_source(seeds_index):
    r = invoke("forget", BYTE, "--index", seeds_index)
    assert r.exit_code == 2, r.output
    assert "not a source of this index: %FF" in r.output


@pytest.mark.parametrize("url,status", [("/doc/%FF", 404), ("/doc/seeds/%FF000.txt", 404), ("/api/doc/%FF", 404),
                                        ("/search?q=%FF", 400), ("/api/search?source=%FF", 400)])
def test_the_web_refuses_the_byte_with_its_usual_status(seeds_index, url, status):
    client = create_app({"INDEX": str(seeds_index), "PAGE_CACHE_MB": 0}).test_client()
    assert client.get(url).status_code == status


def test_a_filter_with_the_byte_is_shown_as_ids_show_it(seeds_index):
    import json

    r = invoke("search", "mali", "--filter", f"source={BYTE}", "--index", seeds_index, "--json")
    assert r.exit_code == 0, r.output
    result = json.loads(r.output)
    assert result["filters"] == {"source": ["%FF"]} and result["total"] == 0
    assert [u["value"] for u in result["unmatched_filters"]] == ["%FF"]
    r = invoke("export", "--filter", f"source={BYTE}", "--index", seeds_index)
    assert "No article has source=%FF." in r.output

"""A source written as a site's address finds its articles whether or not its name holds a dot:
`source=https://reuters/` found nothing where `https://www.reuters/` and `www.reuters` were read
as the source `reuters`. Real index, real Flask client."""
from __future__ import annotations

import json

import pytest

from web import create_app

BODY = "The central bank raised its main interest rate by half a point on Thursday, citing inflation."


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from search import Store, indexer

    root = tmp_path_factory.mktemp("sources")
    (root / "feed").mkdir()
    (root / "feed" / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (
        {"id": "r", "source": "reuters", "title": "R", "text": BODY + " R."},
        {"id": "z", "url": "https://www.zeit.de/z", "title": "Z", "text": BODY + " Z."})), encoding="utf-8")
    assert indexer.run(Store(root / "ix"), [str(root / "feed")])["indexed"] == 2
    return create_app({"INDEX": str(root / "ix")}).test_client()


def titles(client, query: str) -> list[str]:
    r = client.get("/api/search?" + query)
    assert r.status_code == 200, (query, r.get_json())
    return sorted(h["title"] for h in r.get_json()["hits"])


@pytest.mark.parametrize("value", ["reuters", "www.reuters", "https://www.reuters/", "https://reuters/",
                                   "http://reuters", "HTTPS://Reuters/latest", " https://reuters/ "])
def test_a_source_name_without_a_dot_written_as_an_address_is_the_source(client, value):
    from urllib.parse import quote

    assert titles(client, "source=" + quote(value)) == ["R"], value
    assert titles(client, "q=" + quote(f"source:{value.strip()}")) == ["R"], value


def test_a_site_s_address_and_a_name_no_source_has_are_unchanged(client):
    assert titles(client, "source=https://www.zeit.de/") == ["Z"]
    assert titles(client, "source=https://nowhere/") == []
    assert titles(client, "source=nowhere") == []


def test_a_fix_offered_keeps_a_site_s_address_bare_as_typed(client):
    """`source:https://www.zeit.de/ persn:x` was offered `source:"https://www.zeit.de/" person:x`,
    quotes the user had not typed, from the query as the engine rewrites it: the bare address
    reads as the quoted one, so the fix keeps it bare."""
    from urllib.parse import quote

    for q, fixed in (("source:https://www.zeit.de/ interest^", "source:https://www.zeit.de/ interest"),
                     ('source:"https://www.zeit.de/" interest^', "source:https://www.zeit.de/ interest"),
                     ("(Source:https://www.zeit.de/z?a=1 OR source:reuters) interest^",
                      "(Source:https://www.zeit.de/z?a=1 OR source:reuters) interest")):
        j = client.get("/api/search?q=" + quote(q)).get_json()
        assert j["status"] == 400 and j["suggestion"] == fixed, (q, j)
    assert titles(client, "q=" + quote("source:https://www.zeit.de/ interest")) == ["Z"]

"""Every route answers through Flask's test client, errors included."""
from __future__ import annotations

import pytest

from search.query import MAX_QUERY_CHARS
from web import create_app


@pytest.fixture(scope="module")
def client(seeds_index):
    return create_app({"INDEX": str(seeds_index)}).test_client()


def test_search_page_keeps_query_and_shows_facets(client):
    r = client.get("/search?q=coup")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'value="coup"' in html and "<mark>" in html and "seeds" in html


def test_api_search_equals_engine_json(client, seeds_archive):
    from search import run_search

    assert client.get("/api/search?q=coup").get_json() == run_search(seeds_archive, "coup").to_json()


def test_doc_page_and_api(client):
    assert client.get("/doc/seeds/000_82caef7a759caf58.txt").status_code == 200
    j = client.get("/api/doc/seeds/000_82caef7a759caf58.txt").get_json()
    assert j["id"] == "seeds/000_82caef7a759caf58.txt"


@pytest.mark.parametrize("url,status", [
    ("/doc/nope", 404), ("/api/doc/nope", 404), ("/search?q=%22open", 400), ("/api/search?q=%22open", 400),
    ("/search?page=0", 400), ("/search?page=abc", 400), ("/search?q=" + "x" * (MAX_QUERY_CHARS + 1), 400), ("/nowhere", 404),
])
def test_errors(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert b"Traceback" not in r.data


def test_headers_and_health(client):
    r = client.get("/")
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    h = client.get("/healthz").get_json()
    assert h["documents"] == 5 and h["generation"].startswith("gen-")


def test_healthz_reports_last_successful_run_and_last_error(tmp_path):
    from search import Store, indexer

    from conftest import SEEDS

    store = Store(tmp_path / "ix")
    indexer.run(store, [str(SEEDS)])
    indexer.run(store, None)
    good = store.runs()[-1]["finished"]
    indexer.run(store, [str(SEEDS)])  # a later index run is no reindex
    store.log_run({"command": "reindex", "error": "OSError: [Errno 28] No space left on device", "seconds": 1.0})
    h = create_app({"INDEX": str(store.path)}).test_client().get("/healthz").get_json()
    assert h["last_reindex"] == good and h["last_run"] == store.runs()[-2]["finished"]
    assert "No space left" in h["last_error"]["error"]

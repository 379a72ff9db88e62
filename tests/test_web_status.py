"""The "Index status" page: the index's state for a reader, as `newsarchive stats` gives it."""
from __future__ import annotations

import re

from web import create_app

from conftest import SEEDS


def test_index_status_is_a_page_with_its_json_twin(seeds_index):
    """The footer's "Index status" led to /healthz: a monitor's JSON, every run's stage timings
    on one line, shown raw to a reader who asked what the archive holds."""
    client = create_app({"INDEX": str(seeds_index)}).test_client()
    assert '<a href="/status">Index status</a>' in client.get("/").get_data(as_text=True)
    r = client.get("/status")
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "5 articles" in text and str(SEEDS) in text
    assert re.search(r"UTC index 5 0 0 0 [\d.]+", text), text  # the run that built it: 5 added
    assert '<a href="/healthz">This page as JSON</a>' in page
    assert client.get("/healthz").get_json()["documents"] == 5  # the twin is unchanged


def test_index_status_of_a_missing_index_is_the_error_page(tmp_path):
    r = create_app({"INDEX": str(tmp_path / "nope")}).test_client().get("/status")
    assert r.status_code == 503 and "Traceback" not in r.get_data(as_text=True)

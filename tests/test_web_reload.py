"""A reindex that publishes a new generation is served by the running app without restart."""
from __future__ import annotations

import shutil
from pathlib import Path

from web import create_app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

NEW_ARTICLE = """Zanzibar spice harvest breaks records

STONE TOWN - Farmers on Zanzibar reported the largest clove harvest in a decade on Monday,
officials of the agriculture ministry said, crediting good rains and new drying sheds.
Exporters expect prices to ease as the quxolotl cooperative ships its first containers.
"""


def test_new_generation_is_served_without_restart(tmp_path):
    from search import Store, indexer

    src = tmp_path / "src"
    src.mkdir()
    for f in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(f, src / f.name)
    index = tmp_path / "index"
    assert indexer.run(Store(index), [str(src)])["indexed"] == 2

    client = create_app({"INDEX": str(index)}).test_client()
    first = client.get("/healthz").get_json()
    assert first["documents"] == 2
    assert client.get("/api/search?q=quxolotl").get_json()["total"] == 0
    assert "Nothing matches" in client.get("/search?q=quxolotl").get_data(as_text=True)

    (src / "zanzibar.txt").write_text(NEW_ARTICLE)
    result = indexer.run(Store(index), [str(src)])
    assert result["added"] == 1 and result["generation"] != first["generation"]

    # same app object, no restart: the next request sees the new generation
    after = client.get("/healthz").get_json()
    assert after["documents"] == 3 and after["generation"] == result["generation"]
    assert client.get("/api/search?q=quxolotl").get_json()["total"] == 1
    html = client.get("/search?q=quxolotl").get_data(as_text=True)
    assert "Zanzibar spice harvest breaks records" in html
    assert client.get("/doc/src/zanzibar.txt").status_code == 200

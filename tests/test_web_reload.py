"""A reindex that publishes a new generation is served by the running app without restart,
also in the middle of a load (threads share one searcher per generation: no request fails)."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

from search import Store, indexer
from web import create_app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

NEW_ARTICLE = """Zanzibar spice harvest breaks records

STONE TOWN - Farmers on Zanzibar reported the largest clove harvest in a decade on Monday,
officials of the agriculture ministry said, crediting good rains and new drying sheds.
Exporters expect prices to ease as the quxolotl cooperative ships its first containers.
"""


def _seed_index(tmp_path: Path, n: int) -> tuple[Path, Path]:
    """(source folder with the first `n` seeds, index built from it)."""
    src = tmp_path / "src"
    src.mkdir()
    for f in sorted(SEEDS.iterdir())[:n]:
        shutil.copy(f, src / f.name)
    index = tmp_path / "index"
    assert indexer.run(Store(index), [str(src)])["indexed"] == n
    return src, index


def test_new_generation_is_served_without_restart(tmp_path):
    src, index = _seed_index(tmp_path, 2)
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


def test_reindex_published_under_load_fails_no_request(tmp_path):
    src, index = _seed_index(tmp_path, 3)
    app = create_app({"INDEX": str(index), "PAGE_CACHE_MB": 0})
    first = app.test_client().get("/healthz").get_json()
    stop = threading.Event()
    seen: list[tuple[int, int]] = []  # (documents, then the new article's matches) per round
    lock = threading.Lock()

    def work(i: int) -> None:
        client = app.test_client()
        while not stop.is_set():
            health = client.get("/healthz")
            found = client.get("/api/search?q=quxolotl")
            page = client.get("/search?q=harvest")
            assert health.status_code == found.status_code == page.status_code == 200
            with lock:
                seen.append((health.get_json()["documents"], found.get_json()["total"]))

    errors: list[BaseException] = []

    def guarded(i: int) -> None:
        try:
            work(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            stop.set()

    load = [threading.Thread(target=guarded, args=(i,)) for i in range(6)]
    for t in load:
        t.start()
    (src / "zanzibar.txt").write_text(NEW_ARTICLE)
    result = indexer.run(Store(index), [str(src)])
    after = app.test_client().get("/healthz").get_json()
    n = len(seen)
    while len(seen) < n + 12 and not stop.is_set():
        stop.wait(0.05)
    stop.set()
    for t in load:
        t.join(timeout=120)
    assert errors == []
    assert result["generation"] != first["generation"] and after["generation"] == result["generation"]
    assert after["documents"] == first["documents"] + 1
    # a round's two requests may straddle the publish (old count, new match), never go back
    old, new = first["documents"], first["documents"] + 1
    assert set(seen) <= {(old, 0), (old, 1), (new, 1)} and (old, 0) in seen
    assert (new, 1) in seen[n:]


def test_index_directory_built_again_is_served_not_the_deleted_one(tmp_path):
    """`rm -rf index && newsarchive index other/`: the new index is gen-000001 again. The
    running app compared generation names and went on answering from the deleted files."""
    src, index = _seed_index(tmp_path, 2)
    client = create_app({"INDEX": str(index)}).test_client()
    before = client.get("/api/search?q=").get_json()
    assert before["total"] == 2
    client.get("/entities")  # fill the per-generation caches
    shutil.rmtree(index)
    other = tmp_path / "other"
    other.mkdir()
    (other / "zanzibar.txt").write_text(NEW_ARTICLE)
    result = indexer.run(Store(index), [str(other)])
    assert result["generation"] == client.get("/healthz").get_json()["generation"] == "gen-000001"
    after = client.get("/api/search?q=").get_json()
    assert [h["id"] for h in after["hits"]] == ["other/zanzibar.txt"]
    assert client.get("/doc/other/zanzibar.txt").status_code == 200
    assert client.get("/healthz").get_json()["documents"] == 1
    assert "Assimi" not in client.get("/entities").get_data(as_text=True)

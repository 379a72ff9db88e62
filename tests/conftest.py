from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def gold(shared_dir: Path) -> dict:
    import json

    return json.loads((shared_dir / "gold" / "seeds.json").read_text())


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    """A real index of seeds/, built once per test session through the indexer."""
    from search import Store, indexer

    path = tmp_path_factory.mktemp("seeds-index")
    result = indexer.run(Store(path), [str(SEEDS)])
    assert result["indexed"] == 5, result
    return path


@pytest.fixture(scope="session")
def seeds_archive(seeds_index):
    from search import open_index

    return open_index(seeds_index)


@pytest.fixture(scope="session")
def pages_index(tmp_path_factory) -> Path:
    """A real index of 1,001 short wire notices: one more than MAX_PAGE pages of one."""
    import json

    from search import Store, indexer

    root = tmp_path_factory.mktemp("pages-index")
    (root / "wire").mkdir()
    with open(root / "wire" / "notices.jsonl", "w", encoding="utf-8") as fh:
        for i in range(1001):
            fh.write(json.dumps({"id": str(i), "title": f"Fund notice {i}", "date": f"{2000 + i % 20}-01-0{1 + i % 9}",
                                 "text": f"The fund's board issued notice number {i} today."}) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSARCHIVE_WORKERS", "1")  # in process: starting workers costs more than 1,001 notices
        result = indexer.run(Store(root / "index"), [str(root / "wire")])
    assert result["indexed"] == 1001, result
    return root / "index"

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

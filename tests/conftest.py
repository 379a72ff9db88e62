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


def small_translation_corpus(mt_docs: int = 10, originals: int = 5, reuters: int = 12):
    """A translation training corpus of real documents, a few: every version (MT and reference)
    of the first mt_docs translated mt-dev documents, the first originals original English ones,
    the first reuters Reuters training bodies (train.corpus_of, no lexicon pool)."""
    from search.translation import corpora, train

    records = corpora.mt_dev()
    docids = list(dict.fromkeys(r["wmt_docid"] for r in records if r["kind"] == "mt"))[:mt_docs]
    docids += list(dict.fromkeys(r["wmt_docid"] for r in records if r["kind"] == "original-english"))[:originals]
    rows = [(r["text"], r["kind"], r["wmt_docid"], r.get("system_rank") or 0) for r in records if r["wmt_docid"] in docids]
    rows += [(t, "reuters", f"reuters-{i}", 0) for i, t in enumerate(corpora.reuters("train", limit=reuters))]
    return train.corpus_of(rows, [])


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


ZH_CN = "北京市政府今天宣布了一项新的交通计划。该计划将于2021年开始实施，预计将减少城市拥堵。"
ZH_TW = ("中華民國總統今日在臺北發表談話，強調國家安全與經濟發展並重，並呼籲兩岸維持和平穩定的關係。行政院長也表示，"
         "政府將持續推動各項改革措施。據報導，颱風將於週末登陸臺灣東部，氣象局已發佈海上警報，提醒民眾做好防颱準備，並注意強風豪雨。")


@pytest.fixture(scope="session")
def languages_index(tmp_path_factory) -> Path:
    """A real index of a Simplified Chinese article (langdetect: zh-cn), a Traditional
    Chinese one (zh-tw) and an English one (en)."""
    import json

    from search import Store, indexer, open_index, run_search

    root = tmp_path_factory.mktemp("languages-index")
    (root / "wire").mkdir()
    records = [
        {"id": "cn", "title": "北京交通计划", "text": ZH_CN * 3},
        {"id": "tw", "title": "總統談話", "text": ZH_TW},
        {"id": "en", "title": "Oil outlook", "text": "Oil prices rose on long-term supply worries, traders said on Monday."},
    ]
    (root / "wire" / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = indexer.run(Store(root / "index"), [str(root / "wire")])
    assert result["indexed"] == 3, result
    languages = {v["value"] for v in run_search(open_index(root / "index"), "").facets["language"]}
    assert languages == {"zh-cn", "zh-tw", "en"}, languages
    return root / "index"

"""Threads share one searcher per generation (search.archive): concurrent requests get
what a lone request gets (a reindex under load: test_web_reload.py)."""
from __future__ import annotations

import threading

from search import run_search
from search.archive import _SharedStorage

QUERIES = ["mali", "bamako", '"armed forces"', "goita OR goyta", "minis*", "coup NOT junta", ""]


def run_threads(n: int, target) -> list[BaseException]:
    errors: list[BaseException] = []

    def wrapped(i: int) -> None:
        try:
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_threads_sharing_a_searcher_get_what_one_thread_gets(seeds_archive):
    expected = {q: run_search(seeds_archive, q).to_json() for q in QUERIES}
    gen, searcher = seeds_archive.searcher()
    docnums = list(range(searcher.doc_count_all()))
    stored = [searcher.stored_fields(d) for d in docnums]

    def work(i: int) -> None:
        for rnd in range(15):
            for q in QUERIES[i % len(QUERIES):] + QUERIES[: i % len(QUERIES)]:
                assert run_search(seeds_archive, q).to_json() == expected[q], q
            for d in docnums[rnd % 3::3]:
                assert searcher.stored_fields(d) == stored[d]

    assert run_threads(8, work) == []
    assert seeds_archive.searcher()[1] is searcher  # one searcher for every thread


def test_shared_files_have_a_read_position_per_thread(seeds_index):
    path = seeds_index / (seeds_index / "CURRENT").read_text().strip()
    segment = next(p.name for p in path.iterdir() if p.suffix == ".seg")
    f = _SharedStorage(str(path)).open_file(segment)
    data = (path / segment).read_bytes()
    sub = f.subset(100, 1000)
    assert f.get(5, 10) == data[5:15] and sub.get(0, 2000) == data[100:1100]
    barrier = threading.Barrier(4)

    def work(i: int) -> None:
        for step in range(200):
            pos = (i * 97 + step * 13) % 900
            sub.seek(pos)
            barrier.wait() if step == 0 else None
            assert sub.read(7) == data[100 + pos: 107 + pos]
            assert sub.tell() == pos + 7

    assert run_threads(4, work) == []
    sub.seek(995)
    assert sub.read(100) == data[1095:1100] and sub.read(1) == b""

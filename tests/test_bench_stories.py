"""bench/stories.py's count of the pairs a reader sees differently from either article's page."""
from __future__ import annotations

import runpy
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "stories.py"


def test_the_bench_counts_one_sided_pairs_and_pairs_with_two_figures():
    """9d71fdb's guarantee (each pair listed on both pages alike, at one similarity) was
    measured once by hand; the bench prints it on every run now. Pages not looked up
    (reuters/x) count for nothing: their lists are unknown."""
    listed = {"a": {"b": 0.5, "c": 0.4, "reuters/x": 0.9}, "b": {"a": 0.5, "c": 0.7}, "c": {"b": 0.6}}
    # a lists c, c does not list a: one-sided; b and c list each other at 0.7 and 0.6
    symmetry = runpy.run_path(str(BENCH))["symmetry"]  # the script's functions, main() not run
    assert symmetry(listed) == (1, 1)
    assert symmetry({"a": {"b": 0.5}, "b": {"a": 0.5}}) == (0, 0)

"""bench/build_cpu.py's NER timing: ours and plain spaCy in turn, after a warm-up of each."""
from __future__ import annotations

import runpy
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "build_cpu.py"


def test_ours_and_plain_are_timed_in_turn_after_an_untimed_warm_up():
    """Timed once each, one after the other, "ours over plain" took in whatever warmed up or
    got busier in between (4.5 ms an article in one run, 1.3 in another, about 2 side by
    side). Each now warms up on a few texts, untimed, then the two alternate."""
    ab_rounds = runpy.run_path(str(BENCH))["ab_rounds"]  # the script's functions, main() not run
    calls = []

    def run(name):
        def fn(texts):
            calls.append((name, len(texts)))
            if len(texts) == 2:  # the warm-up: a cost that must not reach the figures
                end = time.process_time() + 0.3
                while time.process_time() < end:
                    pass
            return [name] * len(texts)
        return fn

    texts = [f"text {i}" for i in range(10)]
    cpu, last = ab_rounds({"ours": run("ours"), "plain": run("plain")}, texts, rounds=3, warm=2)
    assert calls == [("ours", 2), ("plain", 2)] + [("ours", 10), ("plain", 10)] * 3
    assert set(cpu) == {"ours", "plain"} and all(len(v) == 3 for v in cpu.values())
    assert max(max(v) for v in cpu.values()) < 0.15
    assert last == {"ours": ["ours"] * 10, "plain": ["plain"] * 10}

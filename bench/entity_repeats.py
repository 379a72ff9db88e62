"""Entity post-processing of a long text that repeats a few names: CPU seconds per tree, in one run.

A rule that judges each mention by searching the whole text, or compares each mention with every
other, costs the square of the repeats; a 300 KB article then spent tens of seconds in
search.entities.document.postprocess. Each case is one paragraph repeated, with the NER's spans
made by hand (no model), as tests/test_entities_noise.py's linear-cost test does on 20 and 40 copies:

- facility: "The Osprey field rose. Canadian Worldwide Energy Ltd said Worldwide rose." x 4,000
  (a mine's name before "field", and a company);
- opening: "Shares of Triton Worldwide rose, said Canadian Worldwide Energy Ltd." x 8,000 (a name
  after a capitalised word that opens no company, 16,000 spans);
- firm: "Woodhouse, Drake and Carey said in their report." x 2,000 (a firm named after partners).

Each tree (a checkout's root, default this one) runs in its own process, the trees alternated
--rounds times; the report gives each tree's median CPU seconds per case and its ratio to the first.

Run: .venv/bin/python bench/entity_repeats.py [--tree BASE_CHECKOUT --tree .] [--rounds 2] [--scale 1.0]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "facility": ("The Osprey field rose. Canadian Worldwide Energy Ltd said Worldwide rose.\n", 4000,
                 [("Osprey", "person", 0), ("Canadian Worldwide Energy Ltd", "organization", 0),
                  ("Worldwide", "organization", 1)]),
    "opening": ("Shares of Triton Worldwide rose, said Canadian Worldwide Energy Ltd.\n", 8000,
                [("Worldwide", "organization", 0), ("Canadian Worldwide Energy Ltd", "organization", 0)]),
    "firm": ("Woodhouse, Drake and Carey said in their report.\n", 2000,
             [("Woodhouse", "organization", 0), ("Drake", "person", 0), ("Carey", "person", 0)]),
}


def _nth(paragraph: str, word: str, nth: int) -> int:
    start = -1
    for _ in range(nth + 1):
        start = paragraph.index(word, start + 1)
    return start


def measure(scale: float) -> dict[str, float]:
    """CPU seconds of postprocess on each case, in this process's tree."""
    from search.entities.document import Span, postprocess

    out = {}
    for name, (paragraph, copies, items) in CASES.items():
        copies = max(1, int(copies * scale))
        postprocess(paragraph * 2, [])  # wordfreq, the gazetteer: loaded outside the timing
        spans = [Span(i * len(paragraph) + _nth(paragraph, w, k), i * len(paragraph) + _nth(paragraph, w, k) + len(w), t, "ner")
                 for i in range(copies) for w, t, k in items]
        t0 = time.process_time()
        postprocess(paragraph * copies, spans)
        out[name] = time.process_time() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tree", action="append", help="a checkout's root (repeatable; default this one)")
    ap.add_argument("--rounds", type=int, default=1, help="alternated runs of each tree")
    ap.add_argument("--scale", type=float, default=1.0, help="times the repeats of each case")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # one tree's figures, for the parent: the tree is on PYTHONPATH
        print(json.dumps(measure(args.scale)))
        return
    trees = [str(Path(t).resolve()) for t in args.tree or [ROOT]]
    times: dict[str, dict[str, list[float]]] = {t: {c: [] for c in CASES} for t in trees}
    for _ in range(args.rounds):
        for tree in trees:
            env = dict(os.environ, PYTHONPATH=tree)
            got = json.loads(subprocess.run([sys.executable, __file__, "--child", "--scale", str(args.scale)], env=env,
                                            cwd=tree, check=True, capture_output=True, text=True).stdout)
            for case, seconds in got.items():
                times[tree][case].append(seconds)
    first = trees[0]
    for case in CASES:
        base = statistics.median(times[first][case])
        cells = []
        for tree in trees:
            med = statistics.median(times[tree][case])
            cells.append(f"{tree}: {med:.2f} s ({'/'.join(f'{x:.2f}' for x in times[tree][case])})"
                         + ("" if tree == first else f", {med / base:.3f} of the first"))
        print(f"{case}: " + "; ".join(cells))


if __name__ == "__main__":
    main()

"""bench/translation.py's summary over fold splits: the issue's mt-dev figure is a spread, not one draw."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "translation.py"


def _bench(path: Path = BENCH):
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(weaker: float, human: float, auc: float) -> dict:
    """One split's mt_dev_figures, the fields the summary reads."""
    shares = {"mt_better_half": 0.5, "mt_weaker_half": weaker, "human": human,
              "human_reference": 2 * human, "original_english": 0.0}
    return {**{k: {"possible_or_likely": v} for k, v in shares.items()},
            "auc": auc, "goal_met": weaker >= 0.5 and human <= 0.05}


def test_fold_split_spread_reports_the_worst_split_of_each_side():
    bench = _bench()
    assert bench.SPLITS > 1  # the default run is several fold splits, not one draw
    runs = [_run(0.625, 0.041, 0.865), _run(0.475, 0.031, 0.85), _run(0.55, 0.052, 0.88)]
    spread = bench.fold_split_spread(runs)
    assert spread["mt_weaker_half"]["min"] == 0.475
    assert spread["mt_weaker_half"]["per_split"] == [0.625, 0.475, 0.55]
    assert spread["human"]["max"] == 0.052
    assert spread["human"]["mean"] == round((0.041 + 0.031 + 0.052) / 3, 3)
    assert spread["auc"]["min"] == 0.85
    # the goal held in the first split only; each side failed once
    assert (spread["goal_met"], spread["weaker_ok"], spread["human_ok"]) == (1, 2, 2)


def test_a_shrinkage_the_fit_cannot_take_is_named_not_a_bare_linalg_error(shared_dir):
    """`bench/translation_cv.py --set L2_DOC=1` (a setting the issue's notes tried) ended in a
    traceback and "numpy.linalg.LinAlgError: Singular matrix", naming neither the setting nor
    what to do. The real data, one fold split: the message names L2_DOC and its value."""
    import subprocess
    import sys

    from conftest import ROOT

    bench = ROOT / "bench" / "translation_cv.py"
    p = subprocess.run([sys.executable, str(bench), "--seeds", "11-11", "--set", "L2_DOC=1"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "the logistic fit cannot go on with L2_DOC=1 (Singular matrix)" in p.stderr, p.stderr
    assert "use a larger L2_DOC" in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_a_tuple_constant_given_as_a_list_is_tried_as_a_tuple(shared_dir, monkeypatch):
    """`translation_cv --try "HASHED_BLOCKS=[...]"` ended in "TypeError: unhashable type: 'list'":
    literal_eval reads the value as lists, and train.fit keys its memo by the constants it reads.
    The value is now read as tuples, the type of the constant, and the experiment runs: a fit
    with the memo on real mt-dev and Reuters documents (a few), the model the shipped setting's."""
    import json

    from conftest import small_translation_corpus
    from search.translation import features, train

    monkeypatch.syspath_prepend(str(BENCH.parent))  # translation_cv imports translation, as run from bench/
    cv = _bench(BENCH.with_name("translation_cv.py"))
    # the shipped blocks, typed as lists (no space: --try's settings are split at spaces)
    blocks = json.dumps([list(b) for b in train.HASHED_BLOCKS], separators=(",", ":"))
    c = small_translation_corpus(8, 4, 8)
    exact = lambda model: json.dumps(model, sort_keys=True, default=lambda a: a.tolist())  # noqa: E731
    memo: dict = {}
    with cv._trying(cv._try_settings(f"HASHED_BLOCKS={blocks}")):
        tried = train.fit(c, memo=memo)  # on 20f2cf5: TypeError: unhashable type: 'list'
        assert isinstance(train.HASHED_BLOCKS[0], tuple) and train.HASHED_BLOCKS == features.HASHED_BLOCKS
    assert len(memo) == train.INNER_FOLDS and exact(tried) == exact(train.fit(c))


def test_a_setting_with_a_space_in_its_value_is_refused_with_a_message():
    """--try's settings are split at spaces, so a value typed with one ("[1, 2]") left a piece
    with no "=", and the run ended in "ValueError: not enough values to unpack"."""
    import subprocess
    import sys

    from conftest import ROOT

    p = subprocess.run([sys.executable, str(BENCH.with_name("translation_cv.py")), "--try", "L2_DOC=[3, 10]"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "'10]' is no NAME=VALUE setting" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr, p.stderr


@pytest.mark.slow
def test_the_goal_holds_on_the_fold_split_half_a_flag_failed(shared_dir):
    """The issue's mt-dev goal (>= 50% of the weaker half of systems at <= 5% of human documents),
    the whole model refitted per fold, on the benchmark's fold split 3: with the flag rates smoothed
    by half a flag (train.SMOOTH 0.5) it flagged 5 of the 97 human documents (5.2%). One split,
    not the benchmark's five: each refits the model, and five took 17 minutes on a loaded machine
    (bench/translation.py prints them all)."""
    bench = _bench()
    r = bench.mt_dev_figures(bench.train.load_corpus(), 3)
    assert r["goal_met"], (r["mt_weaker_half"]["possible_or_likely"], r["human"]["possible_or_likely"])

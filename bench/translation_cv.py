"""Model selection for the translation model: grouped CV on fold splits 11-20, not the benchmark's.

    python bench/translation_cv.py [--seeds 11-20] [--set NAME=VALUE ...] [--try "NAME=VALUE ..." ...]
                                   [--jobs N] [--cache PATH [--features]] [--json]

Runs bench/translation.py's mt-dev evaluation (the whole model refitted per outer fold, the
held-out fold never tuning anything) on fold splits other than the benchmark's seeds 1-3, so
design decisions and hyperparameters are chosen without looking at the figures reported.
--set overrides a module constant of search.translation.train or .features for this run
(e.g. --set L2_SENT=10 --set HASH_SENT=4096; with --cache, a features constant recomputes the
cached corpus's sentence profiles, the only features tried this way). --try adds an experiment
to the run: its settings (train constants, space-separated) on top of --set's, on the same fold
splits; the hashed and sentence models, which a doc-model setting (L2_DOC, COMBINE, the
thresholds' quantiles) leaves as they are, are fitted once per fold for all of the run's
experiments (train.fit's memo: a second doc-model experiment costs a tenth of the first or less).
Prints, per experiment, per split and on average, the weaker half of systems' share
labelled possible or likely, the human documents' share, the AUC, and whether the goal held,
with the weaker half's lowest share and the human documents' highest; `--json` prints them as one
JSON object (a line per experiment). The "oracle" line is the ranking's own ceiling: the weaker
half's share at the threshold that would flag at most 5% of that split's human documents; where
it is below 50% no choice of thresholds meets the goal on that split.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import json
import multiprocessing
import os
import pickle
import sys
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before NumPy loads: see bench/translation.py

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.translation import corpora, features, train  # noqa: E402
from translation import mt_dev_figures  # noqa: E402

_CORPUS: train.Corpus | None = None
_EXPERIMENTS: list[list[str]] = [[]]  # each experiment's settings on top of --set's: [] then each --try


def _run(seed: int) -> list[dict]:
    """Every experiment on one fold split, the hashed and sentence fits they share made once."""
    memo: dict = {}
    runs = []
    for settings in _EXPERIMENTS:
        with _trying(settings):
            runs.append(mt_dev_figures(_CORPUS, seed, with_scores=True, memo=memo))
    return runs


ORACLE_HUMAN = 0.05
# Measured on the shipped model (2026-12-06), fold splits 1-20, the thresholds as train.fit sets them:
# goal met in 14 of 20 (seeds 11-20: 8, 1-10: 6). The weaker half never fell below 50% (min 0.500,
# mean 0.545); the human share went over 5% in 6 of 20 (max 8.2%, seed 7; mean 3.8%). The false
# alarms are references (originals: 0-1 of 56): 14 of the 97 human documents are flagged in some
# splits, none in all (3.7 a split on average); of the weaker half's 40, 15 are flagged in every
# split and 14 in some. The oracle is below 50% on seeds 7 and 17: there no thresholds meet the goal,
# so the margin is the ranking's, not the thresholds'. Tried on seeds 11-20 (the combination and
# thresholds refitted on each outer fold's recorded inner out-of-fold logits), none kept: "possible"
# at Harrell-Davis quantiles 0.94-0.96 (goal 5-8 of 10: human max 7.2% at 0.94, weaker min 0.425
# at 0.955-0.96), a normal per human source (references, originals) on the logits, pooled, at
# 3-5% (0-5 of 8); the flag evidence without its Poisson exposure term (absent flags as no
# evidence; oracle min 0.475 -> 0.525, goal 5-6 of 10) or scaled x0-x3 (1-7 of 9); the components
# weighted by a shrunk linear discriminant (1-4 of 8) or one dropped (3-5 of 8).
# Which human documents go over "possible" (session 46; the shipped model, seeds 1-20, each outer
# fold's model as mt_dev_figures fits it, per document): 74 flaggings in all, 71 of references.
# Five references make 52 of them: newizv.55929873 in 15 splits, aif.321259 11, rt-russian.73321 10,
# lenta.ru.344661 9, the TED talk-4 7; then vedomosti.76994 5, TED talk-3 4, bbc-russian.43692 4,
# kp.235633 3, five more once or twice (originals: en.ndtv.com.75108 twice, cnn.480668 once). The
# five sit on the threshold (mean score minus "possible" -0.010 to +0.024, spread -0.12 to +0.08 over
# splits): which fold a document falls in decides, so the 6 splits over 5% are draws of the same
# few, not new false alarms. No one component drives them: on the five, every component's term is
# above the human documents' mean (by +0.4 to +2.1 standard deviations; one exception, -0.2), the
# flag evidence hardly (+0.2 to +0.4; -1.7 on the long TED talk, which has no flags). The doc
# model's largest terms on them are Russian-source translationese a human translator writes too:
# fw_said, fw_according ("according to": po slovam), start_preposition_share, c_it_is_predicative,
# c_as_well_as ("a takzhe"); on the TED talks fw_we, fw_i, p_question (spoken register). For 8 of
# the 12 flagged references both systems' MT of the same document are flagged in more than half
# the splits: the ranking puts a reference beside its MT.
# A confound in the goal's own figure: mt-dev's 8 TED talks come as 16 MT and 8 references and no
# original English talk, so spoken register marks MT in the training data; the weaker half's 10 TED
# MT are flagged in 70% of splits, its 30 news MT in 49%, and without the TED talks the weaker
# half's share is under 50% in 9 of 20 splits (min 0.400, seed 4). The TED references are flagged
# no more often than the news ones (7.5% of their splits against 8.9%). No model change tried on this.
# Document features aimed at MT against HUMAN translation, each added to the doc model (only that
# component refitted per inner and outer fold, the others, the combination and thresholds as
# shipped; seeds 11-20 to select, 1-10 held out), none kept. Shipped: goal 8 / 6 of 10, oracle min
# 0.475 / 0.475, AUC vs references 0.782 / 0.783. Measured on mt-dev, MT vs its own reference
# (same wmt_docid), most show no difference: name variants as a rate (spelling groups per rare
# name, 0.2% vs 0.3% of names: WMT21's systems spell names consistently), Cyrillic or unknown
# lower-case tokens, comma decimals, space thousands, day/month order, "per cent"/"%", repeated
# two-word openings, tense switches. The ones that differ are already in the model: the "of"
# genitive (fw_of, c_of_the; spaCy's noun-of-noun count, MT above its reference in 73% of pairs,
# adds nothing to them) and cohesion (MT below its reference in 75%; content-word stems reused
# within 3 sentences, 67%, adds nothing). Goal met / oracle min on 11-20: lines (sentences per
# line, lines with several or no stop) 8 / 0.475; "the" + capitalised word 9 / 0.500 (held out
# 5 of 10); that + he-and-she + comma decimals + lines + bare preposition-noun 8 / 0.525 (held
# out 6 of 10, oracle min 0.525, AUC vs references +0.002-0.009 on all 20 splits: the ranking
# gains a document, the fitted thresholds still overshoot 5% on 4 held-out splits); tense,
# rare-name share, MATTR of content words with hapax share, name variants, 11 spaCy POS/dependency
# rates: 5-7; any of them as a seventh zsum component: 2-5.
# The doc model's regularisation and inputs (session 45; the hashed and sentence components fixed,
# only the doc model, combination and thresholds refitted per inner and outer fold, all 20 splits;
# goal met on 1-20 / 1-10 / 11-20, oracle min / mean). Shipped (L2_DOC 3, 140 features, Reuters
# weighing as mt-dev's human documents): 14 / 6 / 8, 0.475 / 0.564. L2_DOC 10: 13 / 6 / 7, 0.475 /
# 0.570; L2_DOC 1: Newton's Hessian goes singular (the training rows separate), so 3 is near the
# least shrinkage fit_logistic takes. The 80 function-word rates dropped (the fw block has them):
# 11 / 6 / 5, 0.500 / 0.579 (the oracle up on 13 splits, down on 7; the human share's mean
# 3.8% -> 4.6%), with "possible" at 0.96: 10 / 7 / 3 (human max 5.2%, weaker min
# 0.450). Reuters at half its weight in the doc model: 14 / 6 / 8, 0.475 / 0.561, the same splits.
# L2_DOC chosen inside each fit by grouped 5-fold CV of the doc model alone on its training rows
# (from 3 / 10 / 30): by weighted log-loss it takes 30 on every fit, 13 / 6 / 7, 0.475 / 0.571;
# by the AUC of MT against mt-dev's human documents it varies (3 to 30), 13 / 5 / 8, 0.475 / 0.564.
# None kept: none meets the goal on more splits, and the oracle's min stays 0.475 but without the
# fw rates (where 11 splits meet it, the thresholds overshooting 5% of human documents more often).
# Session 47, two ideas aimed at the references on the threshold, each fitted in full per inner and
# outer fold (one memo per split, the hashed and sentence fits shared), chosen on seeds 11-20 before
# seeds 1-10 were read; goal met on 11-20 / 1-10 / all 20, oracle min on 11-20 / 1-10. Shipped (rerun,
# the notes' figures): 8 / 6 / 14, 0.475 / 0.475. (1) The sentence model's logits pooled over a
# document by their top rather than their mean (MT errors are local: a weaker system's document
# holds a few very MT-like sentences, a reference is evenly translationese), the model the same:
# mean of the top quarter 5 / 7 / 12, 0.525 / 0.475; top half 6 / 5 / 11, 0.525 / 0.525; log-mean-
# exp (tau 1) 7 / 5 / 12, 0.525 / 0.500. The ranking's ceiling rises (oracle mean 0.562 -> 0.568-
# 0.577 on 11-20) but the thresholds miss both ways (weaker half 0.450 on seeds 18-19, human 7.2%).
# (2) Clause punctuation and sentence openers, the ones that differ between an MT document and its
# own reference (per pair, MT above / below): commas per clause (a sentence, or a clause word: and,
# which, because...; 70% / 27%), a comma in a sentence's first six words (59% / 20%), sentences
# opening with a subordinator (When, After, Since...; 25% / 7%) or a connective (But, However...;
# 11% / 26%); connective and hedge rates, -ly and -ing openers did not differ (22-35% either way).
# The four added to the doc model: 9 / 5 / 14, 0.500 / 0.525 (seed 11 still over, at 6.2%; held out,
# seeds 1, 3, 6, 7, 9 over at 5.2-7.2%); all eight: 8 / 4 / 12. Not kept: the four were chosen on
# 11-20 and lose a split on 1-10, the same 14 of 20. Of the 45 failing runs (6 variants x 20 splits),
# 23 fail on 5 of the 97 human documents alone (5.2%: one document over the budget), 12 on 6-8 of
# them, 10 on the weaker half (0.450-0.475).
# Session 50, all 20 splits in one run (goal met on 1-20 / 1-10 / 11-20, weaker half mean / min, human
# mean / max, oracle mean / min). Shipped before (train.SMOOTH 0.5): 14 / 6 / 8, 0.545 / 0.500, 3.8% /
# 8.2%, 0.564 / 0.475. Doc-model blocks left out (the columns zeroed in every doc-model fit): the 27
# constructions 14 / 6 / 8, 0.541 / 0.475, 3.7% / 7.2%, 0.566 / 0.475; the 8 punctuation rates 13 / 7 /
# 6, 0.547 / 0.450, 4.2% / 8.2%, 0.568 / 0.500; the 5 sentence-length features 10 / 4 / 6, 0.550 /
# 0.475, 4.0% / 8.2%, 0.574 / 0.500. Flag evidence: FLAG_CAP 1 12 / 5 / 7, 0.566 / 0.500, 4.0% / 8.2%,
# 0.586 / 0.500; SMOOTH 2 (two flags added to each kind's count, not half of one) 15 / 7 / 8, 0.569 /
# 0.475, 3.7% / 7.2%, 0.601 / 0.500, AUC 0.880 -> 0.885 (vs references 0.782 -> 0.792): kept (see
# train.SMOOTH). The oracle reaches 0.500 on every split with it, so thresholds meeting the goal
# exist on all 20. Its neighbours on seeds 11-20 (SMOOTH 2 there: 8, 0.542 / 0.475, 3.2% / 5.2%, 0.585 /
# 0.500; 0.5: 8, 0.530 / 0.500, 3.1% / 5.2%, 0.562 / 0.475): SMOOTH 1 8, 0.568 / 0.525, 3.3% / 5.2%,
# 0.593 / 0.500; SMOOTH 4 4, 0.515 / 0.450, 3.3% / 5.2%, 0.545 / 0.475: 1-2 alike, 4 too much.


def _weaker_at_human_rate(s: dict) -> float:
    """The ranking alone, without the fitted thresholds: the weaker half's share above the lowest
    threshold that puts at most ORACLE_HUMAN of the (pooled out-of-fold) human scores above it."""
    human = np.sort(s["score"][s["source"] != "mt"])[::-1]
    k = int(np.floor(ORACLE_HUMAN * len(human)))
    thr = human[k]  # flagged: score > thr, so k human documents at most
    weak = s["score"][(s["source"] == "mt") & (s["rank"] > 5)]
    return float((weak > thr).mean())


def _setting(item: str) -> tuple[object, str, object]:
    """A NAME=VALUE setting as (module, name, value)."""
    if "=" not in item:  # a --try's settings are split at spaces: "HASHED_BLOCKS=[1, 2]" gives "2]"
        raise SystemExit(f"{item!r} is no NAME=VALUE setting (a value holds no space)")
    name, value = item.split("=", 1)
    try:
        value = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        pass
    mod = train if hasattr(train, name) else features
    if not hasattr(mod, name):
        raise SystemExit(f"no constant {name} in train or features")
    return mod, name, _as_tuples(value) if isinstance(getattr(mod, name), tuple) else value


def _as_tuples(value: object) -> object:
    """A list typed for a tuple constant (HASHED_BLOCKS=[["fw",1024]]) as tuples all the way down:
    train.fit keys its memo by the constants it reads, and a list there is unhashable."""
    return tuple(map(_as_tuples, value)) if isinstance(value, (list, tuple)) else value


def _override(settings: list[str]) -> bool:
    """Apply NAME=VALUE settings; True when a features constant changed (the corpus must be rebuilt)."""
    rebuild = False
    for mod, name, value in map(_setting, settings):
        setattr(mod, name, value)
        rebuild |= mod is features
    return rebuild


def _try_settings(text: str) -> list[str]:
    """A --try's settings, train constants only: a features constant changes the corpus."""
    items = text.split()
    for item in items:
        if _setting(item)[0] is not train:
            raise SystemExit(f"--try {item}: a features constant changes the corpus; "
                             "give it with --set in a run of its own")
    return items


@contextlib.contextmanager
def _trying(settings: list[str]):
    """train's constants set for one experiment, and set back after it."""
    before = {name: getattr(train, name) for _, name, _ in map(_setting, settings)}
    try:
        _override(settings)
        yield
    finally:
        for name, value in before.items():
            setattr(train, name, value)


def main() -> None:
    global _CORPUS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="11-20")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--try", dest="tries", action="append", default=[], metavar="SETTINGS",
                    help='another experiment on the same splits: "NAME=VALUE ..." (train constants) on top of --set')
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--cache", type=Path, help="pickle the corpus here and reuse it (outside the repo)")
    ap.add_argument("--features", action="store_true",
                    help="with --cache: recompute the cached document features (after an edit of features.py)")
    ap.add_argument("--json", action="store_true", help="print one JSON object (a line per experiment)")
    args = ap.parse_args()
    _EXPERIMENTS[1:] = [_try_settings(t) for t in args.tries]
    rebuild = _override(args.set)
    if args.cache and args.cache.exists():
        _CORPUS = pickle.loads(args.cache.read_bytes())
        refeature = args.features or _CORPUS.X.shape[1] != len(features.FEATURE_NAMES)  # features.py changed
        if refeature or rebuild:
            # the cache's rows in load_corpus's order: mt-dev, then the first Reuters training bodies
            texts = [r["text"] for r in corpora.mt_dev()] + corpora.reuters("train")[:(_CORPUS.source == "reuters").sum()]
        if refeature:
            _CORPUS.X = np.array([features.vector(t) for t in texts])
        if rebuild:  # of the constants one would try here, only the sentence profiles depend on them
            _CORPUS.S, _CORPUS.sent_doc = train.sentence_profiles(texts)
    else:
        _CORPUS = train.load_corpus()
        if args.cache:
            args.cache.write_bytes(pickle.dumps(_CORPUS))
    lo, hi = (int(x) for x in args.seeds.split("-"))
    seeds = list(range(lo, hi + 1))
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            by_seed = pool.map(_run, seeds)
    else:
        by_seed = [_run(s) for s in seeds]
    for i, settings in enumerate(_EXPERIMENTS):
        _report(args.set + settings, seeds, [runs[i] for runs in by_seed], args.json)


def _report(settings: list[str], seeds: list[int], runs: list[dict], as_json: bool) -> None:
    """One experiment's figures over the fold splits, as text or as one JSON line."""
    weak = [r["mt_weaker_half"]["possible_or_likely"] for r in runs]
    human = [r["human"]["possible_or_likely"] for r in runs]
    ref = [r["human_reference"]["possible_or_likely"] for r in runs]
    auc = [r["auc"] for r in runs]
    oracle = [_weaker_at_human_rate(r["scores"]) for r in runs]
    if as_json:
        per_split = {"weaker": weak, "human": human, "refs": ref, "auc": auc,
                     "auc_vs_refs": [r["auc_vs_references"] for r in runs], "oracle": oracle}
        print(json.dumps({"set": settings, "seeds": seeds, **per_split,
                          "mean": {k: float(np.mean(v)) for k, v in per_split.items()},
                          "min": {k: float(np.min(v)) for k, v in per_split.items()},
                          "max": {k: float(np.max(v)) for k, v in per_split.items()},
                          "goal_met": int(sum(r["goal_met"] for r in runs)), "runs": len(runs)}, default=float))
        return
    print(" ".join(settings) or "(defaults)")
    print("  weaker " + " ".join(f"{v:.3f}" for v in weak) + f"  mean {np.mean(weak):.3f}, min {np.min(weak):.3f}")
    print("  human  " + " ".join(f"{v:.3f}" for v in human) + f"  mean {np.mean(human):.3f}, max {np.max(human):.3f}")
    print("  refs   " + " ".join(f"{v:.3f}" for v in ref) + f"  mean {np.mean(ref):.3f}")
    print("  auc    " + " ".join(f"{v:.3f}" for v in auc) + f"  mean {np.mean(auc):.3f}"
          f" (vs refs {np.mean([r['auc_vs_references'] for r in runs]):.3f})")
    print("  oracle " + " ".join(f"{v:.3f}" for v in oracle) + f"  mean {np.mean(oracle):.3f}, min {np.min(oracle):.3f}"
          f"  (weaker half flagged at the pooled threshold flagging <= {ORACLE_HUMAN:.0%} of human documents)")
    print(f"  goal met in {sum(r['goal_met'] for r in runs)} of {len(runs)}")


if __name__ == "__main__":
    try:
        main()
    except np.linalg.LinAlgError as exc:  # a --set the fit cannot take (L2_DOC=1): said, not a traceback
        raise SystemExit(f"translation_cv: {exc}") from None

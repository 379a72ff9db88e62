"""Load the committed weights (model.json) and score a document with NumPy alone.

The app must not need scikit-learn: train.py fits everything and writes plain numbers here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import FEATURE_NAMES, document_features

MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class Model:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    kinds: tuple[str, ...]
    flags: dict
    doc_logit_coef: float
    combine_intercept: float
    possible: float
    likely: float

    def doc_logit(self, text: str) -> float:
        feats = document_features(text)
        x = np.array([feats[k] for k in FEATURE_NAMES], dtype=float)
        return float(((x - self.mean) / self.scale) @ self.coef + self.intercept)

    def score(self, doc_logit: float, flags: list[dict], n_words: int) -> float:
        counts = [sum(f["kind"] == k for f in flags) for k in self.kinds]
        z = self.doc_logit_coef * doc_logit + self.combine_intercept + flag_evidence(self.flags, counts, n_words)
        return float(1 / (1 + np.exp(-np.clip(z, -40, 40))))

    def label(self, score: float) -> str:
        if score >= self.likely:
            return "likely"
        return "possible" if score >= self.possible else "unlikely"


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    """The trained model; fails loudly when model.json does not match the feature code."""
    raw = json.loads(Path(path).read_text())
    if list(raw["features"]) != list(FEATURE_NAMES):
        raise ValueError(f"{path} was trained on other features; rerun python -m search.translation.train")
    doc = raw["doc"]
    return Model(
        mean=np.asarray(doc["mean"], dtype=float),
        scale=np.asarray(doc["scale"], dtype=float),
        coef=np.asarray(doc["coef"], dtype=float),
        intercept=float(doc["intercept"]),
        kinds=tuple(raw["kinds"]),
        flags=dict(raw["flags"]),
        doc_logit_coef=float(raw["combine"]["doc_logit_coef"]),
        combine_intercept=float(raw["combine"]["intercept"]),
        possible=float(raw["thresholds"]["possible"]),
        likely=float(raw["thresholds"]["likely"]),
    )


def flag_evidence(rates: dict, counts, n_words: float) -> float:
    """Poisson log-likelihood ratio of the flag counts, MT against human writing, summed over kinds.

    k flags of a kind in n words: k*log(rate_mt/rate_human) - n/1000*(rate_mt - rate_human).
    Counts are capped per kind, since one broken habit repeats (ten '⁇' are one piece of evidence)."""
    k = np.minimum(np.asarray(counts, dtype=float), rates["cap_per_kind"])
    mt, human = np.asarray(rates["rate_mt"]), np.asarray(rates["rate_human"])
    return float((k * np.log(mt / human)).sum() - n_words / 1000.0 * (mt - human).sum())

"""Load the committed weights (model.json, hashed.npy, sentence.npy) and score a document with NumPy alone.

The app must not need scikit-learn: train.py fits everything and writes plain numbers here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np

from .flags import KINDS, count_by_kind
from .features import FEATURE_NAMES, HASH_SENT, HASHED_BLOCKS, document_features, hashed_vector, sentence_dots

MODEL_PATH = Path(__file__).with_name("model.json")
_FEATURE_VALUES = itemgetter(*FEATURE_NAMES)  # a features dict's values in FEATURE_NAMES order, in C


@dataclass(frozen=True)
class Model:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    hashed_weights: np.ndarray     # one weight per bucket, HASHED_BLOCKS concatenated
    hashed_intercepts: np.ndarray  # one per block
    kinds: tuple[str, ...]
    flags: dict
    sentence_weights: np.ndarray   # the sentence model's weight per bucket (features.HASH_SENT)
    sentence_intercept: float
    combine_coef: np.ndarray       # weights of the component logits: doc model, each hashed block, sentence model
    combine_intercept: float
    possible: float
    likely: float

    def doc_logit(self, text: str) -> float:
        x = np.array(_FEATURE_VALUES(document_features(text)), dtype=float)
        return float(((x - self.mean) / self.scale) @ self.coef + self.intercept)

    def sentence_logit(self, text: str) -> float:
        """The sentence model's logit of the document: the mean of its sentences' logits."""
        return float(sentence_dots(text, self.sentence_weights).mean()) + self.sentence_intercept

    def logits(self, text: str) -> np.ndarray:
        """The component logits: the dense doc model's, one per hashed n-gram block, the sentence model's."""
        h = hashed_vector(text)
        block_logits, start = [], 0
        for (_, size), b in zip(HASHED_BLOCKS, self.hashed_intercepts):
            block_logits.append(float(h[start:start + size] @ self.hashed_weights[start:start + size]) + b)
            start += size
        return np.array([self.doc_logit(text)] + block_logits + [self.sentence_logit(text)])

    def score(self, logits: np.ndarray, flags: list[dict], n_words: int) -> float:
        by_kind = dict(zip(KINDS, count_by_kind(flags)))
        counts = [by_kind.get(k, 0) for k in self.kinds]
        z = float(combine_inputs(logits, n_words)[0] @ self.combine_coef) + self.combine_intercept
        z += flag_evidence(self.flags, counts, n_words)
        return float(1 / (1 + np.exp(-np.clip(z, -40, 40))))

    def label(self, score: float) -> str:
        if score >= self.likely:
            return "likely"
        return "possible" if score >= self.possible else "unlikely"


LENGTH_REF_WORDS = 400.0


def combine_inputs(logits: np.ndarray, n_words) -> np.ndarray:
    """What the combination weighs: each component logit, and the same logit times
    log(words / 400) (for a combination that trusts the per-word profiles more in a long text;
    the shipped one, train.fit_zsum, weighs the logits alone and gives these terms 0)."""
    logits = np.atleast_2d(np.asarray(logits, dtype=float))
    n = np.maximum(np.atleast_1d(np.asarray(n_words, dtype=float)), 50.0)
    return np.hstack([logits, logits * np.log(n / LENGTH_REF_WORDS)[:, None]])


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    """The trained model; fails loudly when model.json does not match the feature code."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if list(raw["features"]) != list(FEATURE_NAMES):
        raise ValueError(f"{path} was trained on other features; rerun python -m search.translation.train")
    doc = raw["doc"]
    hashed = raw["hashed"]
    if [tuple(b) for b in hashed["blocks"]] != list(HASHED_BLOCKS):
        raise ValueError(f"{path} was trained on other hashed blocks; rerun python -m search.translation.train")
    weights = np.load(Path(path).with_name(hashed["file"])).astype(float)
    sentence = raw["sentence"]
    sentence_weights = np.load(Path(path).with_name(sentence["file"])).astype(float)
    if len(sentence_weights) != HASH_SENT:
        raise ValueError(f"{sentence['file']} does not match features.HASH_SENT; rerun python -m search.translation.train")
    if len(weights) != sum(size for _, size in HASHED_BLOCKS):
        raise ValueError(f"{hashed['file']} does not match HASHED_BLOCKS; rerun python -m search.translation.train")
    return Model(
        mean=np.asarray(doc["mean"], dtype=float),
        scale=np.asarray(doc["scale"], dtype=float),
        coef=np.asarray(doc["coef"], dtype=float),
        intercept=float(doc["intercept"]),
        hashed_weights=weights,
        hashed_intercepts=np.asarray(hashed["intercepts"], dtype=float),
        sentence_weights=sentence_weights,
        sentence_intercept=float(sentence["intercept"]),
        kinds=tuple(raw["kinds"]),
        flags=dict(raw["flags"]),
        combine_coef=np.asarray(raw["combine"]["coef"], dtype=float),
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

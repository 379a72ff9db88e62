"""Machine-translation detection: a located, explained score for every article.

`detect(text, language, mentions)` returns {"score", "label", "flags"}:
- flags: located artifacts, one detector module per kind (flags.KINDS), each flag
  {"kind", "start", "end", "excerpt", "detail"} with offsets into the clean text;
- score: sigmoid(c_0 + sum_j (a_j + b_j * log(words / 400)) * logit_j + flag_evidence), where
  the component logits logit_j come from four L2 logistic regressions, MT against human writing:
    doc:  dense translationese features (features.py: function-word and punctuation profiles,
          sentence-length spread, lexical density and frequency, contractions and possessives,
          repeated or over-literal constructions);
    fw:   hashed function-word 1-3-grams, content words reduced to a coarse class (<C>, <N>, <ING>...);
    char: hashed character 2-3-grams, digits masked, dashes/quotes/apostrophes pooled to one glyph
          each (which glyph a translator or outlet types is house style, not translationese);
    word: hashed lower-cased word 1-2-grams (lexical choice: calques, literal renderings);
  the hashed weights (4,096 buckets a block, standardisation folded in) ship in hashed.npy;
  the log(words / 400) term lets the fitted combination trust the per-word profiles more in a
  long text than in a short one;
  flag_evidence = sum over kinds of k * log(r_mt / r_human) - words/1000 * (r_mt - r_human),
  the Poisson log-likelihood ratio of k flags of a kind (capped at 3) given that kind's rate per
  1,000 words in machine translations (r_mt) and in human writing (r_human);
  c_0, a_j and b_j come from a logistic regression on out-of-fold component logits with the flag
  evidence as offset. train.py fits all of it on mt-dev (grouped by wmt_docid) plus Reuters
  1987 newswire as extra human negatives;
- label: "likely" / "possible" above two thresholds set at high quantiles of human-written
  documents' scores, so that human newswire stays "unlikely".
Only English is judged; for another language the score is 0 and only language-mix flags show.
"""
from __future__ import annotations

from .flags import KINDS, find_flags
from .model import load_model

__all__ = ["detect", "KINDS"]


def detect(text: str, language: str = "en", mentions: list[dict] | None = None) -> dict:
    """Score, label and flags for one clean article text (see the module docstring)."""
    flags = find_flags(text, language, mentions)
    if language not in ("en", "unknown") or not text.strip():
        return {"score": 0.0, "label": "unlikely", "flags": flags}
    model = load_model()
    score = model.score(model.logits(text), flags, len(text.split()))
    return {"score": round(score, 4), "label": model.label(score), "flags": flags}

"""Machine-translation detection: a located, explained score for every article.

`detect(text, language, mentions)` returns {"score", "label", "flags"}:
- flags: located artifacts, one detector module per kind (flags.KINDS), each flag
  {"kind", "start", "end", "excerpt", "detail"} with offsets into the clean text;
- score: sigmoid(c_0 + c_doc * doc_logit + flag_evidence), where
  doc_logit comes from a logistic regression on document-level translationese features
  (features.py: function-word and punctuation profiles, sentence-length spread, lexical
  density and frequency, repeated or over-literal constructions);
  flag_evidence = sum over kinds of k * log(r_mt / r_human) - words/1000 * (r_mt - r_human),
  the Poisson log-likelihood ratio of k flags of a kind given that kind's rate per 1,000
  words in machine translations (r_mt) and in human writing (r_human);
  c_0 and c_doc come from a logistic regression on out-of-fold doc logits with the flag
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
    score = model.score(model.doc_logit(text), flags, len(text.split()))
    return {"score": round(score, 4), "label": model.label(score), "flags": flags}

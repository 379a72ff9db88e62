"""Machine-translation detection: a located, explained score for every article.

`detect(text, language, mentions)` returns {"score", "label", "flags"}:
- flags: located artifacts, one detector module per kind (flags.KINDS), each flag
  {"kind", "start", "end", "excerpt", "detail"} with offsets into the clean text;
- score: sigmoid(c_0 + a * sum_j (logit_j - m_j) / s_j + flag_evidence), where the component
  logits logit_j come from six L2 logistic regressions, MT against human writing:
    doc:  dense translationese features (features.py: function-word and punctuation profiles,
          sentence-length spread, lexical density and frequency, contractions, possessives
          against "of" genitives and chains of them, repeated or over-literal constructions,
          Russian-source habits: "15 thousand", "said that", passives, sentence openers by
          class, articles per content word, pronouns);
    fw:   hashed function-word 1-3-grams, content words reduced to a coarse class (<C>, <N>, <ING>...);
    char: hashed character 2-3-grams, digits masked, dashes/quotes/apostrophes pooled to one glyph
          each (which glyph a translator or outlet types is house style, not translationese);
    word: hashed lower-cased word 1-2-grams (lexical choice: calques, literal renderings);
    band: as fw, each content word's class prefixed by its wordfreq Zipf band ("<Z4><ING>"):
          a POS-free proxy of syntax and register, without the topic;
    sent: the mean over the text's sentences of a sentence model's logits, fitted on mt-dev's
          4,000-odd sentences (each labelled by its document) rather than its 178 documents:
          hashed function-word/class 1-3-grams of each sentence ("<SENT> In the <W> of <C> <ED>");
  the hashed weights (1,024 buckets a block, standardisation folded in) ship in hashed.npy, the
  sentence model's (4,096 buckets) in sentence.npy;
  flag_evidence = sum over kinds of k * log(r_mt / r_human) - words/1000 * (r_mt - r_human),
  the Poisson log-likelihood ratio of k flags of a kind (capped at 3) given that kind's rate per
  1,000 words in machine translations (r_mt) and in human writing (r_human); k counts the flags
  that weigh (flags.counted: a mis-oriented curly quote or an acute accent for an apostrophe is
  shown but not counted, see typography.NOT_COUNTED). For most kinds both
  rates are counted in the training data. The curated literal-translation lexicon is the
  exception (train.fit_flag_rates): each entry is a known mistranslation that fires only where
  the context makes the English reading impossible, so r_human is its false-alarm rate, measured
  on all of Reuters' training bodies (no flag in about 2 million words: 2 flags, smoothed), and
  since mt-dev's Russian news never touches the entries' topics, r_mt is not counted but set to
  the median MT rate of the kinds mt-dev's MT does show. One lexicon flag is then worth about
  5 nats, more than one flag of any other kind: enough to lift a fluent article that every
  profile reads as human over the thresholds on its own (seed 003: "he" for Mali);
  m_j and s_j are the mean and spread of mt-dev's human documents' 5-fold out-of-fold logit_j
  (each component weighs the same once standardised), and c_0 and a come from a logistic
  regression on that sum with the flag evidence as offset (train.fit_zsum: under grouped CV it
  flags more MT at 5% of human documents than weights fitted per component); each shipped
  component is the mean of its 5 fold models (the
  very models whose logits the combination and thresholds saw, so the scores it ships are on
  the scale they were calibrated on). train.py fits all of it on mt-dev (folds grouped by
  wmt_docid) plus 2,000 Reuters 1987 bodies as extra human negatives, weighing together as much
  as mt-dev's 97 human documents;
- label: "possible" / "likely" at or above two thresholds, the 95th / 99.5th percentiles of the
  out-of-fold scores of mt-dev's human documents (references and originals pooled) and of
  Reuters, the higher of the two kept, so that human newswire stays "unlikely"; the 95th by the
  Harrell-Davis estimator (a Beta-weighted mean of all order statistics, steadier than one or two
  of 80-odd scores); the 99.5th, beyond the largest of mt-dev's 80-odd human scores, is the higher
  of the empirical one and that of a normal fitted to their logits.
Only English is judged; for another language the score is 0 and only language-mix flags show.
"""
from __future__ import annotations

from ..language import language_code
from .flags import KINDS, find_flags
from .model import load_model

__all__ = ["detect", "KINDS"]


def detect(text: str, language: str = "en", mentions: list[dict] | None = None) -> dict:
    """Score, label and flags for one clean article text (see the module docstring)."""
    # "EN" and "en-US" are English, as a filter reads them: as another language, the text got no score
    language = language_code((language or "unknown").strip())
    language = "en" if language.startswith("en-") else language
    flags = find_flags(text, language, mentions)
    if language not in ("en", "unknown") or not text.strip():
        return {"score": 0.0, "label": "unlikely", "flags": flags}
    model = load_model()
    score = model.score(model.logits(text), flags, len(text.split()))
    return {"score": round(score, 4), "label": model.label(score), "flags": flags}

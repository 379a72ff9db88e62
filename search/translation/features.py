"""Document-level translationese features: profiles of a whole text, not located artifacts.

Fluent machine translation leaves few visible errors but shifts the statistics of a text:
it mirrors source sentence lengths, prefers frequent words (lexical simplification), spells
out relations with "of" and "which" where English writers use possessives, repeats
constructions and shies away from contractions. Every feature is a rate (per word or per
sentence), so documents of any length and any line layout compare.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter

import numpy as np

from ._text import sentence_spans, zipf

FUNCTION_WORDS = (
    "the a an of in to and or but that which who whom whose this these those it its is are was were be been "
    "being has have had will would can could may might must should for on at by from with as into about "
    "after before over under between during against also however not no there here then than while since "
    "he she they we i you his her their our said says according such other more most very only"
).split()
_FW_SET = frozenset(FUNCTION_WORDS)

CONSTRUCTIONS = {
    "of_the": r"\bof the\b",
    "in_order_to": r"\bin order to\b",
    "at_the_same_time": r"\bat the same time\b",
    "progressive_passive": r"\b(?:is|are|was|were) being\b",
    "there_is": r"\bthere (?:is|are|was|were)\b",
    "it_is": r"\bit is\b",
    "which_is": r"\bwhich (?:is|are|was|were)\b",
    "as_well_as": r"\bas well as\b",
    "passive_by": r"\b(?:was|were|is|are|been) \w+ed by\b",
    "framework_field": r"\b(?:within the framework|in the field of|on the territory of|in connection with|with the help of)\b",
    "this_year": r"\b(?:this|last|next) (?:year|week|month)\b",
    "sentence_initial_also": r"(?:^|[.!?]\s+)Also,?\s",
    "the_demonstrative": r"\b(?:the said|this is why|that is why)\b",
}
_CONSTRUCTIONS = {k: re.compile(v, re.M) for k, v in CONSTRUCTIONS.items()}

# Marks are pooled by role, not by typographic variant: which dash or quote glyph a text uses
# is a house style (mt-dev's reference translator types "–", its systems "—"), not translationese.
PUNCTUATION = {
    "comma": ",", "semicolon": ";", "colon": ":", "dash": "–—", "paren": "(", "quote": "\"“”«»",
    "question": "?", "exclaim": "!",
}

_OF_CHAIN_RE = re.compile(r"\bof (?:the )?\w+(?: \w+)? of\b")
_TOKEN_RE = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*")

FEATURE_NAMES: tuple[str, ...] = tuple(
    [f"fw_{w}" for w in FUNCTION_WORDS]
    + [f"c_{k}" for k in CONSTRUCTIONS]
    + [f"p_{k}" for k in PUNCTUATION]
    + [
        "sent_len_mean", "sent_len_std", "sent_len_cv", "sent_long_share", "sent_short_share",
        "word_len_mean", "ttr_window", "lexical_density", "content_zipf_mean", "content_rare_share",
        "content_common_share", "capitalised_share", "digit_share", "contraction_rate", "possessive_rate",
        "repeat_trigram_rate", "start_the_share", "start_repeat_share", "cohesion", "hyphen_rate",
        "possessive_share", "of_chain_rate",
    ]
)


def document_features(text: str) -> dict[str, float]:
    """The feature vector of one clean text, as {name: value} in FEATURE_NAMES order."""
    sents = [text[a:b] for a, b in sentence_spans(text)]
    sent_toks = [_TOKEN_RE.findall(s) for s in sents]
    sent_toks = [t for t in sent_toks if t] or [["empty"]]
    toks = [t for ts in sent_toks for t in ts]
    low = [t.lower() for t in toks]
    n = max(len(low), 1)
    ns = len(sent_toks)
    f: dict[str, float] = {}
    counts = Counter(low)
    for w in FUNCTION_WORDS:
        f[f"fw_{w}"] = counts[w] / n
    for k, rx in _CONSTRUCTIONS.items():
        f[f"c_{k}"] = len(rx.findall(text)) / ns
    for k, chars in PUNCTUATION.items():
        f[f"p_{k}"] = sum(text.count(c) for c in chars) / ns
    lengths = np.array([len(ts) for ts in sent_toks], dtype=float)
    f["sent_len_mean"] = float(lengths.mean())
    f["sent_len_std"] = float(lengths.std())
    f["sent_len_cv"] = float(lengths.std() / max(lengths.mean(), 1.0))
    f["sent_long_share"] = float((lengths > 35).mean())
    f["sent_short_share"] = float((lengths < 8).mean())
    alpha = [t for t in low if t.isalpha()]
    content = [t for t in alpha if t not in _FW_SET]
    f["word_len_mean"] = float(np.mean([len(t) for t in alpha])) if alpha else 0.0
    f["ttr_window"] = _mattr(low, 50)
    f["lexical_density"] = len(content) / n
    zs = np.array([zipf(t) for t in content]) if content else np.zeros(1)
    f["content_zipf_mean"] = float(zs.mean())
    f["content_rare_share"] = float((zs < 3.0).mean())
    f["content_common_share"] = float((zs >= 5.0).mean())
    f["capitalised_share"] = sum(t[:1].isupper() for t in toks) / n
    f["digit_share"] = sum(t[:1].isdigit() for t in toks) / n
    f["contraction_rate"] = sum(("'" in t or "’" in t) and not t.endswith(("'s", "’s")) for t in toks) / n
    poss = sum(t.endswith(("'s", "’s")) for t in toks)
    f["possessive_rate"] = poss / n
    trigrams = Counter(zip(low, low[1:], low[2:]))
    f["repeat_trigram_rate"] = sum(c - 1 for c in trigrams.values() if c > 1) / n
    starts = [ts[0].lower() for ts in sent_toks]
    f["start_the_share"] = starts.count("the") / ns
    f["start_repeat_share"] = sum(a == b for a, b in zip(starts, starts[1:])) / ns
    f["cohesion"] = _cohesion(sent_toks)
    f["hyphen_rate"] = text.count("-") / n
    # Genitives: English writers say "the Navy's ships", a translation keeps the source's chain of
    # "of"s ("the level of equipment of the Navy"). Share of 's among 's + of, and chains per sentence.
    f["possessive_share"] = (poss + 0.5) / (poss + counts["of"] + 1.0)
    f["of_chain_rate"] = len(_OF_CHAIN_RE.findall(text)) / ns
    return f


def vector(text: str) -> np.ndarray:
    feats = document_features(text)
    return np.array([feats[k] for k in FEATURE_NAMES], dtype=float)


def _mattr(tokens: list[str], window: int) -> float:
    """Moving-average type/token ratio: a vocabulary-richness measure that ignores text length."""
    if len(tokens) <= window:
        return len(set(tokens)) / max(len(tokens), 1)
    step = max(1, (len(tokens) - window) // 20)  # about 20 windows is plenty and keeps it cheap
    ratios = [len(set(tokens[i:i + window])) / window for i in range(0, len(tokens) - window + 1, step)]
    return float(np.mean(ratios))


def _cohesion(sent_toks: list[list[str]]) -> float:
    """Share of a sentence's content words already in the previous one: literal repetition."""
    shares = []
    for prev, cur in zip(sent_toks, sent_toks[1:]):
        a = {t.lower() for t in prev if t.lower() not in _FW_SET and t.isalpha()}
        b = {t.lower() for t in cur if t.lower() not in _FW_SET and t.isalpha()}
        if b:
            shares.append(len(a & b) / len(b))
    return float(np.mean(shares)) if shares else 0.0


# --- Hashed n-gram profiles -------------------------------------------------------------------
# Three bags of n-grams, each hashed (crc32) into a fixed number of buckets so the weights ship as
# one small array and no vocabulary is stored:
# - function-word n-grams (1-3): function words kept, every other word replaced by a coarse
#   class (capitalised, digit, -tion/-ment nominal, -ly, -ing, -ed, other) and each line opened by
#   <S>, so "said that the <W> of the <C>" is seen but not which topic the content words name;
# - character 2-3-grams of the text with digits masked and typography pooled: every dash is "-",
#   every quote '"', every apostrophe "'", so the glyph a house style prefers tells nothing;
# - word 1-2-grams, lower-cased, numbers masked: lexical choice (calques, literal renderings).
# Counts become relative frequencies, then square roots (a variance-stabilising transform).
HASH_FW = 1 << 12
HASH_CHAR = 1 << 12
HASH_WORD = 1 << 12
HASHED_BLOCKS = (("fw", HASH_FW), ("char", HASH_CHAR), ("word", HASH_WORD))

_HASH_FW_WORDS = frozenset(FUNCTION_WORDS) | frozenset(
    """also because if so when where what how why all any each both some many much few one two
    nor yet just even still already again now well further furthermore moreover thus therefore
    hence although though whether upon within without among across through throughout toward
    towards despite until unless do does did done shall""".split())
_NGRAM_TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
_KEPT_MARKS = frozenset(",.;:()?!\"'-")
_TYPO = str.maketrans({"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                       "„": '"', "‟": '"', "–": "-", "—": "-", "―": "-", "‒": "-", "−": "-", "\u00a0": " "})
_DIGITS_RE = re.compile(r"\d")
_SPACES_RE = re.compile(r"[ \t]+")


def pool_typography(text: str) -> str:
    """Dashes, quotes and apostrophes reduced to one glyph each; NBSP and runs of spaces to one space."""
    return _SPACES_RE.sub(" ", text.translate(_TYPO))


def _word_class(tok: str, first: bool) -> str:
    low = tok.lower()
    if low in _HASH_FW_WORDS:
        return low
    c0 = tok[0]
    if c0.isdigit():
        return "<D>"
    if not c0.isalpha():
        return tok if tok in _KEPT_MARKS else "<P>"
    if c0.isupper() and not first:
        return "<C>"
    if low.endswith(("tion", "sion", "ment", "ness", "ity", "ance", "ence", "tions", "ments")):
        return "<N>"
    if low.endswith("ly"):
        return "<LY>"
    if low.endswith("ing"):
        return "<ING>"
    if low.endswith("ed"):
        return "<ED>"
    return "<W>"


def _hash_counts(grams: list[str], size: int) -> np.ndarray:
    if not grams:
        return np.zeros(size)
    idx = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.int64, count=len(grams)) % size
    return np.sqrt(np.bincount(idx, minlength=size) / len(grams))


# The three blocks take the text with its typography pooled (pool_typography), done once
# in hashed_vector.
def fw_ngram_vector(pooled: str) -> np.ndarray:
    grams: list[str] = []
    for line in pooled.split("\n"):
        toks = _NGRAM_TOKEN_RE.findall(line)
        if not toks:
            continue
        seq = ["<S>"] + [_word_class(t, i == 0) for i, t in enumerate(toks)]
        grams += seq
        grams += [f"{a} {b}" for a, b in zip(seq, seq[1:])]
        grams += [f"{a} {b} {c}" for a, b, c in zip(seq, seq[1:], seq[2:])]
    return _hash_counts(grams, HASH_FW)


def char_ngram_vector(pooled: str) -> np.ndarray:
    t = " ".join(_DIGITS_RE.sub("0", pooled).split())
    grams = [t[i:i + 2] for i in range(len(t) - 1)] + [t[i:i + 3] for i in range(len(t) - 2)]
    return _hash_counts(grams, HASH_CHAR)


_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")


def word_ngram_vector(pooled: str) -> np.ndarray:
    toks = ["0" if t[0].isdigit() else t for t in _WORD_RE.findall(pooled.lower())]
    return _hash_counts(toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])], HASH_WORD)


def hashed_vector(text: str) -> np.ndarray:
    """The hashed profiles, concatenated in HASHED_BLOCKS order."""
    pooled = pool_typography(text)
    return np.concatenate([fw_ngram_vector(pooled), char_ngram_vector(pooled), word_ngram_vector(pooled)])

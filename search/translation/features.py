"""Document-level translationese features: profiles of a whole text, not located artifacts.

Fluent machine translation leaves few visible errors but shifts the statistics of a text:
it mirrors source sentence lengths, prefers frequent words (lexical simplification), spells
out relations with "of" and "which" where English writers use possessives, repeats
constructions and shies away from contractions. From a Russian source it also keeps the
source's habits: numerals with a word ("15 thousand"), reported speech spelled out ("said
that"), passives for reflexives ("was held"), adverbials first ("In 2020, ..."), pronouns
where English repeats the name. Every feature is a rate (per word, content word or
sentence), so documents of any length and any line layout compare.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import lru_cache
from itertools import chain, filterfalse, islice

import numpy as np

from ._text import ZIPF_EN, sentence_spans, zipf

FUNCTION_WORDS = (
    "the a an of in to and or but that which who whom whose this these those it its is are was were be been "
    "being has have had will would can could may might must should for on at by from with as into about "
    "after before over under between during against also however not no there here then than while since "
    "he she they we i you his her their our said says according such other more most very only"
).split()
_FW_SET = frozenset(FUNCTION_WORDS)

# Each construction is one or more (pattern, left context) pairs, its count the sum of their
# matches preceded by their context (a regex ending in $, tried on the 40 characters before the
# match; None = anything). The patterns begin with a literal wherever they can, the rest of the
# construction going to the left context: the regex engine scans for a literal prefix fast, while
# a pattern opening with \b, a lookbehind or an alternation of words is tried at every position
# and costs ten to thirty times more.
_WORD_START = r"(?:^|\W)$"  # what a leading \b asks for before a word character
CONSTRUCTIONS = {
    "of_the": ((r"of the\b", _WORD_START),),
    "in_order_to": ((r"in order to\b", _WORD_START),),
    "at_the_same_time": ((r"at the same time\b", _WORD_START),),
    "progressive_passive": ((r" being\b", r"\b(?:is|are|was|were)$"),),
    "there_is": ((r"there (?:is|are|was|were)\b", _WORD_START),),
    "it_is": ((r"it is\b", _WORD_START),),
    "which_is": ((r"which (?:is|are|was|were)\b", _WORD_START),),
    "as_well_as": ((r"as well as\b", _WORD_START),),
    "passive_by": ((r"ed by\b", r"\b(?:was|were|is|are|been) \w+$"),),
    "framework_field": ((r"(?:within the framework|in the field of|on the territory of|in connection with|with the help of)\b", _WORD_START),),
    "this_year": ((r" (?:year|week|month)\b", r"\b(?:this|last|next)$"),),
    "sentence_initial_also": ((r"Also,?\s", r"(?:^|[.!?])[ \t]*$|\n\s*$"),),
    "the_demonstrative": ((r"(?:the said|this is why|that is why)\b", _WORD_START),),
    # Russian-source cues: numerals with a word ("15 thousand" for "15 тысяч"), reported speech
    # spelled out ("said that" for "заявил, что"; a writer often quotes "said:"), passives for
    # Russian reflexives and impersonals ("was held"), relatives, stock discourse openers,
    # nationality adjectives for genitives ("the Syrian Tartus"), "of the" + name chains, "it is
    # necessary/known" for impersonal predicatives.
    "thousand_digit": ((r" thousand\b", r"\b\d+(?:[.,]\d+)?$"),),
    "said_that": ((r" that\b", r"\b(?:said|says|stated|noted|added|reported|explained|stressed|emphasi[sz]ed|announced|believes|told \w+)$"),),
    "said_colon": tuple((rf"{verb}[:,]", _WORD_START) for verb in
                        ("said", "says", "stated", "noted", "added", "explained", "stressed", r"told \w+")),
    "passive": ((r"(?:was|were|is|are|been|be) (?:\w+ly )?(?:\w+(?:ed|en)|held|made|built|sent|found|seen|known)\b", _WORD_START),),
    "comma_which": ((r", (?:which|who)\b", None),),
    "that_relative": ((r" that (?:is|are|was|were|has|have|had|will|would|can|could)\b", r"[a-z]$"),),
    "discourse_opener": ((r" addition\b", r"\b[Ii]n$"), (r" turn\b", r"\b[Ii]n$"), (r" the moment\b", r"\b[Aa]t$"),
                         (r" noted\b", r"\b(?:[Aa]s|[Ii]t should be|[Ii]t is)$"), (r"ecall that\b", r"(?:^|\W)[Rr]$")),
    "adjective_place": ((r"(?:the|in) [A-Z][a-z]+(?:ian|ese|ish|ic|an) (?:[A-Z][a-z]+|city|port|capital|region|side|authorities|leadership)\b", _WORD_START),),
    "of_the_name": ((r"of the [A-Z]", _WORD_START),),
    "it_is_predicative": ((r"it (?:is|was) (?:\w+ )?(?:necessary|possible|important|impossible|known|planned|expected|reported|noted)\b", _WORD_START),),
}
_WORD_START_RX = re.compile(_WORD_START)
_WORD_CHAR = re.compile(r"\w")
_CONSTRUCTIONS = {k: [(re.compile(rx), _WORD_START_RX if left == _WORD_START else left and re.compile(left))
                      for rx, left in pairs]
                  for k, pairs in CONSTRUCTIONS.items()}


def count_construction(name: str, text: str) -> int:
    """Matches of CONSTRUCTIONS[name]'s patterns, each preceded by the context it asks for."""
    n = 0
    for rx, left in _CONSTRUCTIONS[name]:
        if left is None:
            n += len(rx.findall(text))
        elif left is _WORD_START_RX:
            # (?:^|\W)$ before the match: its start is the text's, or follows a non-word
            # character (one character looked at, not a search of the 40 before it)
            n += sum(m.start() == 0 or _WORD_CHAR.match(text, m.start() - 1) is None for m in rx.finditer(text))
        else:
            n += sum(left.search(text, max(0, m.start() - 40), m.start()) is not None for m in rx.finditer(text))
    return n


# Marks are pooled by role, not by typographic variant: which dash or quote glyph a text uses
# is a house style (mt-dev's reference translator types "–", its systems "—"), not translationese.
PUNCTUATION = {
    "comma": ",", "semicolon": ";", "colon": ":", "dash": "–—", "paren": "(", "quote": "\"“”«»",
    "question": "?", "exclaim": "!",
}

_PREPOSITIONS = frozenset("in on at according after during since from for with by within over under until before "
                          "among against despite".split())
_PRONOUNS = frozenset("he she they it we i this these those".split())
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
        "possessive_share", "of_chain_rate", "article_per_content", "start_preposition_share",
        "start_pronoun_share", "start_name_share", "pronoun_rate",
    ]
)


_FW_KEYS = tuple((f"fw_{w}", w) for w in FUNCTION_WORDS)
_CONSTRUCTION_KEYS = tuple((f"c_{k}", k) for k in CONSTRUCTIONS)
_PUNCTUATION_KEYS = tuple((f"p_{k}", chars) for k, chars in PUNCTUATION.items())


def document_features(text: str) -> dict[str, float]:
    """The feature vector of one clean text, as {name: value} in FEATURE_NAMES order."""
    sents = [text[a:b] for a, b in sentence_spans(text)]
    sent_toks = [_TOKEN_RE.findall(s) for s in sents]
    sent_toks = [t for t in sent_toks if t] or [["empty"]]
    toks = list(chain.from_iterable(sent_toks))
    sent_low = [list(map(str.lower, ts)) for ts in sent_toks]  # lower-cased once, for low and _cohesion
    low = list(chain.from_iterable(sent_low))
    n = max(len(low), 1)
    ns = len(sent_toks)
    f: dict[str, float] = {}
    counts = Counter(low)
    for key, w in _FW_KEYS:
        f[key] = counts[w] / n
    for key, k in _CONSTRUCTION_KEYS:
        f[key] = count_construction(k, text) / ns
    for key, chars in _PUNCTUATION_KEYS:
        f[key] = sum(text.count(c) for c in chars) / ns
    # A mean of whole numbers (or of booleans) is their exact integer sum over the count, one
    # correctly rounded division in NumPy or in Python alike: those are done in Python, which
    # costs less than NumPy's call on a few dozen values; a mean or spread of fractions stays NumPy's
    # (its pairwise sum rounds otherwise than Python's)
    lens = [len(ts) for ts in sent_toks]
    lengths = np.array(lens, dtype=float)
    f["sent_len_mean"] = mean_len = sum(lens) / ns
    f["sent_len_std"] = std_len = float(lengths.std())
    f["sent_len_cv"] = std_len / max(mean_len, 1.0)
    f["sent_long_share"] = sum(x > 35 for x in lens) / ns
    f["sent_short_share"] = sum(x < 8 for x in lens) / ns
    alpha = list(filter(str.isalpha, low))
    content = list(filterfalse(_FW_SET.__contains__, alpha))
    f["word_len_mean"] = sum(map(len, alpha)) / len(alpha) if alpha else 0.0
    f["ttr_window"] = _mattr(low, 50)
    f["lexical_density"] = len(content) / n
    zl = np.array(list(map(ZIPF_EN.__getitem__, content)) or [0.0])  # the Zipf table: looked up in C
    f["content_zipf_mean"] = float(zl.mean())
    f["content_rare_share"] = int(np.count_nonzero(zl < 3.0)) / len(zl)
    f["content_common_share"] = int(np.count_nonzero(zl >= 5.0)) / len(zl)
    firsts = [t[0] for t in toks]  # no token is empty
    f["capitalised_share"] = sum(map(str.isupper, firsts)) / n
    f["digit_share"] = sum(map(str.isdigit, firsts)) / n
    # Counted in the tokens joined by spaces, not token by token: a token holds at most one
    # apostrophe (_TOKEN_RE: letters, then perhaps one apostrophe and lower-case letters), so
    # the apostrophes are the tokens with one, and "'s " the tokens ending in "'s"
    joined = " ".join(toks) + " "
    poss = joined.count("'s ") + joined.count("’s ")
    f["contraction_rate"] = (joined.count("'") + joined.count("’") - poss) / n
    f["possessive_rate"] = poss / n
    # the repeats beyond each trigram's first: all trigrams less the distinct ones (a set, not a Counter)
    f["repeat_trigram_rate"] = (max(len(low) - 2, 0) - len(set(zip(low, low[1:], low[2:])))) / n
    starts = [ls[0] for ls in sent_low]
    f["start_the_share"] = starts.count("the") / ns
    f["start_repeat_share"] = sum(a == b for a, b in zip(starts, starts[1:])) / ns
    f["cohesion"] = _cohesion(sent_low)
    f["hyphen_rate"] = text.count("-") / n
    # Genitives: English writers say "the Navy's ships", a translation keeps the source's chain of
    # "of"s ("the level of equipment of the Navy"). Share of 's among 's + of, and chains per sentence.
    f["possessive_share"] = (poss + 0.5) / (poss + counts["of"] + 1.0)
    f["of_chain_rate"] = len(_OF_CHAIN_RE.findall(text)) / ns
    # Russian has no articles and puts adverbials first ("In 2020, the parade..."), and refers back
    # with pronouns where English writers repeat the name: articles per content word, sentence
    # openers by class, pronouns per word.
    f["article_per_content"] = (counts["the"] + counts["a"] + counts["an"]) / max(len(content), 1)
    f["start_preposition_share"] = sum(s in _PREPOSITIONS for s in starts) / ns
    f["start_pronoun_share"] = sum(s in _PRONOUNS for s in starts) / ns
    f["start_name_share"] = sum(ts[0][:1].isupper() and s not in _FW_SET for ts, s in zip(sent_toks, starts)) / ns
    f["pronoun_rate"] = sum(counts[p] for p in _PRONOUNS) / n
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


def _cohesion(sent_low: list[list[str]]) -> float:
    """Share of a sentence's content words already in the previous one: literal repetition.
    `sent_low`: each sentence's tokens, lower-cased; each sentence's set is built once."""
    sets = [{t for t in ls if t not in _FW_SET and t.isalpha()} for ls in sent_low]
    shares = [len(a & b) / len(b) for a, b in zip(sets, sets[1:]) if b]
    return float(np.mean(shares)) if shares else 0.0


# --- Hashed n-gram profiles -------------------------------------------------------------------
# Three bags of n-grams, each hashed into a fixed number of buckets so the weights ship as
# one small array and no vocabulary is stored:
# - function-word n-grams (1-3): function words kept, every other word replaced by a coarse
#   class (capitalised, digit, -tion/-ment nominal, -ly, -ing, -ed, other) and each line opened by
#   <S>, so "said that the <W> of the <C>" is seen but not which topic the content words name;
# - character 2-3-grams of the text with digits masked and typography pooled: every dash is "-",
#   every quote '"', every apostrophe "'", so the glyph a house style prefers tells nothing;
# - word 1-2-grams, lower-cased, numbers masked: lexical choice (calques, literal renderings);
# - frequency-band n-grams (1-3): as the function-word block, but each content word also carries
#   its wordfreq Zipf band (<Z1>..<Z6>) with its class ("<Z4><ING>"): a POS-free proxy of syntax
#   and register (MT picks the frequent word, a writer the apt rarer one) without the topic.
# Counts become relative frequencies, then square roots (a variance-stabilising transform).
# 1,024 buckets a block: under grouped cross-validation on fold splits other than the
# benchmark's (seeds 11-20), 4,096 / 2,048 / 1,024 / 512 buckets gave MT recall at a matched
# human rate (4.3-4.7%) of about 43% / 45% / 50% / 43% (weaker half of systems): with a few
# hundred training documents, pooling n-grams in fewer buckets shares evidence between them.
HASH_FW = 1 << 10
HASH_CHAR = 1 << 10
HASH_WORD = 1 << 10
HASH_BAND = 1 << 10
# The band block, chosen by grouped CV on fold splits 11-20 (bench/translation_cv.py), each block
# tried as a sixth component of the equal-weight sum: weaker half of systems flagged at a matched
# human share of about 3% 0.500 -> 0.527 (goal met 6 -> 8 of 10, with "possible" at the 95th
# percentile); Zipf bands alone ("<Z4>" without the class) 0.473 at 3.7%, word-length classes
# (len // 3) 0.515 at 3.1%.
HASHED_BLOCKS = (("fw", HASH_FW), ("char", HASH_CHAR), ("word", HASH_WORD), ("band", HASH_BAND))

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


# Hashing is vectorised: each token (or each character) is hashed once, in Python for tokens
# (crc32, cached for the function-word classes), and its 1-3-grams are combined from those
# hashes in NumPy (a polynomial over the token hashes, salted per order, then a multiplicative
# mix), so no n-gram string is ever built.
_MIX = np.uint64(0x9E3779B97F4A7C15)
_POLY = np.uint64(0x100000001B3)
_ORDER_SALT = {1: np.uint64(0x51ED2701), 2: np.uint64(0xA2C38F4B), 3: np.uint64(0x3B1F7E95)}


def _ngram_ids(h: np.ndarray, orders: tuple[int, ...], keep: np.ndarray | None = None,
               positions: bool = False):
    """Hashes of the n-grams (n in `orders`) of the token hashes `h`; `keep[i]` says whether
    tokens i and i + 1 may share an n-gram (False across a line break). With positions, also
    the index in h of each n-gram's first token."""
    parts, at = [], []
    for n in orders:
        if len(h) < n:
            continue
        g = h[:len(h) - n + 1].copy()
        for j in range(1, n):
            g = g * _POLY + h[j:len(h) - n + 1 + j]
        first = np.arange(len(g))
        if keep is not None and n > 1:
            ok = keep[:len(h) - n + 1].copy()
            for j in range(1, n - 1):
                ok &= keep[j:len(h) - n + 1 + j]
            g, first = g[ok], first[ok]
        parts.append(g ^ _ORDER_SALT[n])
        at.append(first)
    ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    if positions:
        return ids, (np.concatenate(at) if at else np.zeros(0, dtype=np.int64))
    return ids


def _buckets(ids: np.ndarray, size: int) -> np.ndarray:
    """The bucket of each n-gram hash: a multiplicative mix, its high bits modulo `size`."""
    return (((ids * _MIX) >> np.uint64(32)) % np.uint64(size)).astype(np.int64)


def _hash_counts(ids: np.ndarray, size: int) -> np.ndarray:
    if not len(ids):
        return np.zeros(size)
    return np.sqrt(np.bincount(_buckets(ids, size), minlength=size) / len(ids))


@lru_cache(maxsize=1 << 16)
def _class_hash(tok: str, first: bool) -> int:
    return zlib.crc32(_word_class(tok, first).encode("utf-8"))


@lru_cache(maxsize=1 << 16)
def _band_hash(tok: str, first: bool) -> int:
    """The function-word class of a token, a content word's prefixed by its Zipf band."""
    cls = _word_class(tok, first)
    if cls in ("<N>", "<LY>", "<ING>", "<ED>", "<W>"):
        cls = f"<Z{min(max(int(zipf(tok.lower())), 1), 6)}>{cls}"
    return zlib.crc32(cls.encode("utf-8"))


class _HashTable(dict):
    """token -> hash(token, False), computed on first use. A dict, so that mapping a text's
    tokens through `table.__getitem__` runs in C: a Python call per token (the lru_cache'd
    hash functions) was most of the hashed profiles' CPU. Cleared when full, to bound memory."""

    LIMIT = 1 << 16

    def __init__(self, token_hash) -> None:
        super().__init__()
        self.token_hash = token_hash

    def __missing__(self, tok: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        self[tok] = value = self.token_hash(tok, False)
        return value


_NOT_FIRST = {_class_hash: _HashTable(_class_hash), _band_hash: _HashTable(_band_hash)}


def _not_first_hashes(token_hash):
    """A function of a list of tokens: token_hash(t, False) of each (in C for ours)."""
    table = _NOT_FIRST.get(token_hash)
    if table is not None:
        return lambda toks: list(map(table.__getitem__, toks))
    return lambda toks: [token_hash(t, False) for t in toks]


_LINE_START = zlib.crc32(b"<S>")


# The four blocks take the text with its typography pooled (pool_typography), done once
# in hashed_vector; so are the lines' tokens, which the function-word and band blocks share.
def _line_tokens(pooled: str) -> list[list[str]]:
    """The tokens of each line of `pooled` that has any."""
    return [toks for toks in map(_NGRAM_TOKEN_RE.findall, pooled.split("\n")) if toks]


def fw_ngram_vector(pooled: str, size: int = 0, token_hash=_class_hash,
                    lines: list[list[str]] | None = None) -> np.ndarray:
    """Function-word/class 1-3-grams of `pooled`, each line opened by <S>; `lines`:
    _line_tokens(pooled) when the caller has them."""
    hashes: list[int] = []
    keep: list[bool] = []
    not_first = _not_first_hashes(token_hash)
    for toks in _line_tokens(pooled) if lines is None else lines:
        if keep:
            keep[-1] = False  # no n-gram across a line break
        hashes.append(_LINE_START)
        hashes.append(token_hash(toks[0], True))
        hashes += not_first(toks[1:])
        keep += [True] * (len(toks) + 1)
    h = np.array(hashes, dtype=np.uint64)
    return _hash_counts(_ngram_ids(h, (1, 2, 3), np.array(keep[:-1], dtype=bool)), size or HASH_FW)


def band_ngram_vector(pooled: str, lines: list[list[str]] | None = None) -> np.ndarray:
    """Function-word/class 1-3-grams with each content word's Zipf band (_band_hash)."""
    return fw_ngram_vector(pooled, HASH_BAND, _band_hash, lines)


def char_ngram_vector(pooled: str) -> np.ndarray:
    t = " ".join(_DIGITS_RE.sub("0", pooled).split())
    # surrogatepass: a lone surrogate (text not from ingest, which drops them) is one code
    # point like any other, not a UnicodeEncodeError out of detect()
    h = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    return _hash_counts(_ngram_ids(h, (2, 3)), HASH_CHAR)


_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")


def word_ngram_vector(pooled: str) -> np.ndarray:
    toks = ["0" if t[0].isdigit() else t for t in _WORD_RE.findall(pooled.lower())]
    h = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in toks), dtype=np.uint64, count=len(toks))
    return _hash_counts(_ngram_ids(h, (1, 2)), HASH_WORD)


def hashed_vector(text: str) -> np.ndarray:
    """The hashed profiles, concatenated in HASHED_BLOCKS order."""
    pooled = pool_typography(text)
    lines = _line_tokens(pooled)
    return np.concatenate([fw_ngram_vector(pooled, lines=lines), char_ngram_vector(pooled), word_ngram_vector(pooled),
                           band_ngram_vector(pooled, lines)])


# --- Sentence profiles ------------------------------------------------------------------------
# One hashed profile per sentence (_text.sentence_spans) for the sentence model
# (train.fit_sentence_model), which learns from a few thousand sentences instead of a few hundred
# documents: function-word/class 1-3-grams as in fw_ngram_vector, each sentence opened by <SENT>,
# no n-gram across sentences, counts as square roots of the sentence's relative frequencies.
# Chosen by grouped CV on fold splits other than the benchmark's (11-14, the sentence model
# alone, out-of-fold AUC MT vs human / vs references): function-word/class n-grams alone 0.82 /
# 0.68, with word 1-2-grams added 0.79 / 0.60 (one sentence holds too few content words to
# tell), at 1,024 buckets; 256 / 1,024 / 4,096 / 8,192 buckets: 0.80 / 0.82 / 0.86 / 0.84.
HASH_SENT = 1 << 12
_SENT_START = zlib.crc32(b"<SENT>")


def sentence_ngrams(text: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(bucket of each n-gram, the sentence it lies in, number of sentences, at least 1).
    Each sentence's tokens are found within its span of the text (its typography pooled glyph
    for glyph, so offsets hold); those between spans are left out. The same tokens as the
    whole text's tokens whose start a span holds: a span opens after whitespace (or at the
    text's start) and closes before whitespace, a line break, or a closing quote or bracket
    after its stop, so no token runs across its edges (findall with a span's bounds, where a
    match object per token of the whole text cost 0.2 ms an article)."""
    spans = sentence_spans(text) or ((0, 0),)
    pooled = text.translate(_TYPO)
    # each sentence's hashes built as one list, as _fw_hashes builds a line's: <SENT>, the first
    # token's class as a first word, the others' looked up in the hash table in C
    not_first = _NOT_FIRST[_class_hash].__getitem__
    hashes: list[int] = []
    lengths: list[int] = []
    for a, b in spans:
        toks = _NGRAM_TOKEN_RE.findall(pooled, a, b)
        hashes.append(_SENT_START)  # every sentence, empty ones included, opened by <SENT>
        if toks:
            hashes.append(_class_hash(toks[0], True))
            hashes += map(not_first, islice(toks, 1, None))
        lengths.append(len(toks) + 1)
    o = np.repeat(np.arange(len(spans)), lengths)  # the sentence of each hash
    g, at = _ngram_ids(np.array(hashes, dtype=np.uint64), (1, 2, 3), o[1:] == o[:-1], positions=True)
    return _buckets(g, HASH_SENT), o[at], len(spans)


def sentence_vectors(text: str) -> np.ndarray:
    """(sentences, HASH_SENT) float32: the hashed profile of each sentence, for training."""
    idx, owner, n = sentence_ngrams(text)
    counts = np.bincount(owner * HASH_SENT + idx, minlength=n * HASH_SENT).reshape(n, HASH_SENT)
    return np.sqrt(counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)).astype(np.float32)


def sentence_dots(text: str, weights: np.ndarray) -> np.ndarray:
    """sentence_vectors(text) @ weights without building the dense matrix: what the app computes."""
    idx, owner, n = sentence_ngrams(text)
    keys, counts = np.unique(owner * HASH_SENT + idx, return_counts=True)
    sent = keys // HASH_SENT
    values = np.sqrt(counts / np.bincount(owner, minlength=n)[sent])
    return np.bincount(sent, weights=values * weights[keys % HASH_SENT], minlength=n)

"""Language identification with langdetect, made deterministic, safe on short text, and fast.

langdetect spends its time in two pure-Python loops: n-gram extraction (a state machine
fed one character at a time) and the trials, which multiply 55 per-language
probabilities one list element at a time for every sampled n-gram. At about 3 ms an
article that was a fifth of indexing's per-article CPU beside spaCy's NER, so
`_FastDetector` keeps langdetect's profiles, random draws and arithmetic but does the
same work cheaper, returning bit-identical probabilities (tests compare it with stock
langdetect on the seeds, Reuters, mt-dev and other languages):
- the state machine restarts at every space, so a word's n-grams depend only on the
  word: each distinct word runs through langdetect's own `NGram` once, then is cached;
- a trial's update `prob[i] *= weight + p[i]` is the same IEEE multiply elementwise in
  NumPy; the normaliser's sum stays Python's left-to-right `sum` (NumPy's pairwise sum
  rounds differently and could flip a label);
- every text is drawn for from the same seeded stream (DetectorFactory.seed), so the
  stream's words are generated once (_Stream) and a trial's draws found in them with NumPy;
- a batch's texts (stage 2 detects a pool batch at once: detect_languages) run their trials
  side by side, one NumPy step per run of draws for all of them (_side_by_side): the
  per-run Python work was half of what was left, 0.8-1.0 -> 0.5 ms an article (Reuters).
"""
from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, islice

import numpy as np
from langdetect import DetectorFactory, LangDetectException
from langdetect.detector import Detector
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import ErrorCode
from langdetect.language import Language
from langdetect.utils.ngram import NGram

from .cjk import HANGUL

DetectorFactory.seed = 0  # langdetect samples randomly unless seeded

MIN_LETTERS = 20  # below this langdetect guesses (e.g. "Assimi Goita" -> fi)
# Below SHORT_LETTERS it still guesses often ("Soldiers seized power in Mali." -> de, 0.71):
# on 1,500 Reuters first sentences of 20-59 letters, 15% got another language than
# English; asking SHORT_PROB there leaves 3.5% wrong, and 7% right ones become "unknown"
SHORT_LETTERS = 60
SHORT_PROB = 0.9

_TWOPI = 2.0 * math.pi
_SPACE_RUN = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")  # sic: langdetect's range, [ \\ ] ^ _ ` included
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]")


class _Normalised(dict):
    """str.translate table: each character through langdetect's NGram.normalize, once."""

    def __missing__(self, code: int) -> str:
        self[code] = value = NGram.normalize(chr(code))
        return value


class _Profiles:
    """langdetect's profile table as NumPy rows (_Rows), built lazily per n-gram."""

    def __init__(self) -> None:
        init_factory()
        from langdetect.detector_factory import _factory

        self.factory = _factory
        self.word_lang_prob_map = _factory.word_lang_prob_map
        self.rows = _Rows(self.word_lang_prob_map)  # rows.table[rows[gram]], added on first use
        self.normalised = _Normalised()


class _Rows(dict):
    """n-gram -> its row in `table`, langdetect's profile of it as a NumPy row, added on first
    use; a dict subclass so that a hit is a plain subscript. One table, so that a trial's few
    drawn n-grams are one `take`."""

    def __init__(self, word_lang_prob_map: dict) -> None:
        super().__init__()
        self.word_lang_prob_map = word_lang_prob_map
        self.table = np.empty((1024, len(next(iter(word_lang_prob_map.values())))))

    def __missing__(self, gram: str) -> int:
        row = len(self)
        if row == len(self.table):  # grown by doubling: rows once added keep their number
            self.table = np.concatenate([self.table, np.empty_like(self.table)])
        self.table[row] = self.word_lang_prob_map[gram]
        self[gram] = row
        return row


@lru_cache(maxsize=1)
def _profiles() -> _Profiles:
    return _Profiles()


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, closed: bool) -> tuple[str, ...]:
    """The n-grams langdetect's extraction loop emits for one word (followed by a space if
    `closed`), from a fresh NGram: the state it is in after any space."""
    known = _profiles().word_lang_prob_map
    ngram = NGram()
    out = []
    for ch in word + (" " if closed else ""):
        ngram.add_char(ch)
        if ngram.capitalword:
            continue
        for n in (1, 2, 3):
            if len(ngram.grams) < n:
                break
            w = ngram.grams[-n:]
            if w and w != " " and w in known:
                out.append(w)
    return tuple(out)


@lru_cache(maxsize=65536)
def _word_rows(word: str, closed: bool) -> tuple[int, ...]:
    """_word_ngrams' n-grams as their rows in the profile table: looked up once per word."""
    rows = _profiles().rows
    return tuple(rows[g] for g in _word_ngrams(word, closed))


class _ClosedWordRows(dict):
    """normalised word -> _word_rows(word, True), computed on first use. A dict, so that a
    text's words are mapped through `__getitem__` in C: the Python loop over a text's words
    (a match, a slice and a cached call each) was half of language detection's n-gram
    extraction. Cleared when full, to bound memory."""

    LIMIT = 1 << 16

    def __missing__(self, word: str) -> tuple[int, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = value = _word_rows(word, True)
        return value


_CLOSED_WORD_ROWS = _ClosedWordRows()

# langdetect seeds its generator with the same seed for every text (DetectorFactory.seed), so
# every text draws from one fixed stream of Mersenne Twister words: generated once, then
# each trial's draws are found in it with NumPy (getrandbits(k) for k <= 32 is one word's
# top k bits; random() is two words, as CPython's random_random).
_STREAM_CHUNK = 1 << 15


class _Stream:
    """The 32-bit words of random.Random(seed), generated on demand and kept."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.words = np.zeros(0, dtype=np.uint32)

    def upto(self, n: int) -> np.ndarray:
        """The first n words (or more)."""
        while len(self.words) < n:
            more = self.random.getrandbits(32 * _STREAM_CHUNK).to_bytes(4 * _STREAM_CHUNK, "little")
            self.words = np.concatenate([self.words, np.frombuffer(more, dtype=np.uint32)])
        return self.words

    def uniform(self, at: int) -> float:
        """random.random() from the words at `at` and `at + 1`."""
        a, b = int(self.upto(at + 2)[at]) >> 5, int(self.words[at + 1]) >> 6
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)


@lru_cache(maxsize=4)
def _stream(seed: int) -> _Stream:
    return _Stream(seed)


def _draws(stream: _Stream, at: int, n: int, shift: np.uint32, rows_of: np.ndarray, table: np.ndarray,
           weight: float, count: int = 256) -> tuple[np.ndarray, np.ndarray, int]:
    """The draws among the stream's `count` words from `at`: (block, word index of each draw,
    the next word to scan), block's row j + 1 being draw j's profile row + weight (row 0 free)."""
    r = (stream.upto(at + count)[at:at + count] >> shift).astype(np.int64)
    ok = np.flatnonzero(r < n)
    block = np.empty((len(ok) + 1, table.shape[1]))
    np.add(table.take(rows_of.take(r.take(ok)), axis=0), weight, out=block[1:])
    return block, ok + at, at + count


class _FastDetector(Detector):
    """langdetect's Detector with its per-character loops replaced (see the module docstring)."""

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        if "@" in text:  # MAIL_RE needs one, and its scan retries up to 64 characters at every position
            text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACE_RUN.sub(" ", text[: self.max_text_length])  # runs of spaces -> one

    def cleaning_text(self) -> None:
        # langdetect: drop Latin letters from a text that is mostly non-Latin; its loop counts
        # 'A' <= ch <= 'z' as Latin and ch >= U+0300 outside Latin Extended Additional as not
        latin = len(_LATIN.findall(self.text))
        if latin * 2 < len(_NON_LATIN.findall(self.text)):
            self.text = _LATIN.sub("", self.text)

    def _extract_ngrams(self) -> list[int]:
        """The rows (in _profiles().rows) of the n-grams langdetect's loop emits, in its order."""
        # split where the normalised text has spaces (punctuation, digits... become spaces).
        # NGram.add_char normalises each character first and reads only the result, and
        # NGram.normalize maps a character to one character and is idempotent (checked for
        # every code point, tests/test_language.py): a word's n-grams are its normalised form's
        words = self.text.translate(_profiles().normalised).split(" ")
        last = words.pop()  # the one word not followed by a space ("" when the text ends in one)
        result = list(chain.from_iterable(map(_CLOSED_WORD_ROWS.__getitem__, filter(None, words))))
        if last:
            result.extend(_word_rows(last, False))
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self._trials(ngrams)

    def _trials(self, ngrams: list[int]) -> None:
        """langdetect's trials over the text's n-grams (their profile rows): sets langprob."""
        if not isinstance(self.seed, int):
            return self._detect_block_unseeded(ngrams)
        table = _profiles().rows.table
        stream = _stream(self.seed)
        rows_of = np.array(ngrams, dtype=np.int64)
        n = len(ngrams)
        shift = np.uint32(32 - n.bit_length())
        langprob = np.zeros(len(self.langlist))
        at = 0  # the stream's next word
        conv, limit = self.CONV_THRESHOLD, self.ITERATION_LIMIT
        gauss_next = None  # random.gauss's second value, kept for its next call (seed() clears it)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            # random.gauss(0.0, 1.0) as CPython 3 computes it: two random() calls, two values
            z, gauss_next = gauss_next, None
            if z is None:
                x2pi = stream.uniform(at) * _TWOPI
                g2rad = math.sqrt(-2.0 * math.log(1.0 - stream.uniform(at + 2)))
                at += 4
                z, gauss_next = math.cos(x2pi) * g2rad, math.sin(x2pi) * g2rad
            alpha = self.alpha + (0.0 + z * 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            # random.choice(ngrams) is ngrams[getrandbits(k)], redrawn while >= n: one word a
            # draw. langdetect multiplies prob by (profile + weight) one draw at a time and
            # normalises after draw 0, 5, 10...: each run of draws between two normalisations
            # is one multiply.reduce down the rows of `block` (prob written into the row
            # before the run's first, a draw already used), which is the same left-to-right
            # sequence of IEEE multiplies per language as the loop's, hence the same bits
            i = 0  # the index of the run's last draw, at which langdetect normalises
            size = 1  # draw 0 alone, then runs of 5
            block, words_at, scanned = _draws(stream, at, n, shift, rows_of, table, weight)
            used = 0  # draws used; block[used] is where prob goes before the next run
            while True:
                if used + size >= len(block):  # the run needs more draws than found: scan on
                    more, more_at, scanned = _draws(stream, scanned, n, shift, rows_of, table, weight)
                    block = np.concatenate([block[used:], more[1:]])
                    words_at = np.concatenate([words_at[used:], more_at])
                    used = 0
                run = block[used:used + size + 1]
                run[0] = prob
                np.multiply.reduce(run, axis=0, out=prob)
                used += size
                values = prob.tolist()
                total = sum(values)  # Python's sequential sum, as langdetect's
                prob /= total
                # the largest quotient is the largest value's (division by a positive number
                # rounds monotonically): the same float as prob.max(), without NumPy's call
                if max(values) / total > conv or i >= limit:
                    break
                i += 5
                size = 5
            at = int(words_at[used - 1]) + 1  # the next trial draws from the word after the last used
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()

    def _detect_block_unseeded(self, ngrams: list[int]) -> None:
        """langdetect's own trials, for a detector with no integer seed (not ours: see DetectorFactory.seed)."""
        table = _profiles().rows.table
        langprob = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                prob *= table[self.random.choice(ngrams)] + weight
                if i % 5 == 0:
                    prob /= sum(prob.tolist())
                    if prob.max() > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()


HORIZON = 2048  # draws kept ready per text side by side; a text needing more is done alone
SIDE_BY_SIDE_MIN = 8  # fewer texts than this are done one by one: NumPy's calls would cost more


def _side_by_side(detectors: list[_FastDetector], ngrams: list[list[int]]) -> None:
    """Each detector's langprob, as its own _detect_block computes it bit for bit, with the
    trials of all the texts run together: one NumPy step multiplies the next run of draws
    into every unfinished text's probabilities (a run padded with rows of 1.0, an exact
    multiply, where a text's run is shorter). The per-run Python work of _detect_block,
    about 80 runs a text, was half of language detection's CPU. A text's draws are its
    stream's words (the same for every text) whose top bits fall below its n-gram count,
    found once up to HORIZON; the words a trial's Gaussian takes are skipped as its loop does."""
    if not detectors:
        return
    if len(detectors) < SIDE_BY_SIDE_MIN or not isinstance(detectors[0].seed, int):
        # a few texts cost less alone; unseeded, langdetect draws its own random numbers
        for d, grams in zip(detectors, ngrams):
            d._trials(grams)
        return
    table = _profiles().rows.table
    first = detectors[0]
    nlang, n_trial = len(first.langlist), first.n_trial
    conv, limit = first.CONV_THRESHOLD, first.ITERATION_LIMIT
    stream = _stream(first.seed)
    b = len(detectors)
    words = stream.upto(4 * HORIZON)[:4 * HORIZON]
    rows = np.zeros((b, HORIZON), dtype=np.int64)  # each text's draws: profile rows, in order
    where = np.full((b, HORIZON), np.iinfo(np.int64).max, dtype=np.int64)  # their stream words
    have = np.zeros(b, dtype=np.int64)
    for k, grams in enumerate(ngrams):
        n = len(grams)
        r = (words >> np.uint32(32 - n.bit_length())).astype(np.int64)
        at = np.flatnonzero(r < n)[:HORIZON]
        have[k] = len(at)
        where[k, :len(at)] = at
        rows[k, :len(at)] = np.array(grams, dtype=np.int64)[r[at]]
    init = np.array(first._init_probability(), dtype=np.float64)
    prob = np.tile(init, (b, 1))
    langprob = np.zeros((b, nlang))
    weight = np.zeros(b)
    ptr = np.zeros(b, dtype=np.int64)  # each text's next draw
    size = np.ones(b, dtype=np.int64)  # draws in its next run: 1 opens a trial, then 5
    i = np.zeros(b, dtype=np.int64)  # the index of its run's last draw, as _detect_block's
    trial = np.zeros(b, dtype=np.int64)
    gauss_next: list[float | None] = [None] * b
    alone: list[int] = []  # texts whose draws outran HORIZON: done by their own _detect_block

    def open_trial(k: int) -> None:
        at = int(where[k, ptr[k] - 1]) + 1 if ptr[k] else 0
        z, gauss_next[k] = gauss_next[k], None
        if z is None:  # random.gauss as in _detect_block: two random() calls, two values
            x2pi = stream.uniform(at) * _TWOPI
            g2rad = math.sqrt(-2.0 * math.log(1.0 - stream.uniform(at + 2)))
            at += 4
            z, gauss_next[k] = math.cos(x2pi) * g2rad, math.sin(x2pi) * g2rad
        weight[k] = (first.alpha + (0.0 + z * 1.0) * first.ALPHA_WIDTH) / first.BASE_FREQ
        ptr[k] = np.searchsorted(where[k], at)
        prob[k] = init
        size[k], i[k] = 1, 0

    for k in range(b):
        open_trial(k)
    active = np.arange(b)
    five = np.arange(5)
    while len(active):
        short = ptr[active] + size[active] > have[active]
        if short.any():
            alone.extend(active[short].tolist())
            active = active[~short]
            if not len(active):
                break
        take = five[None, :] < size[active, None]
        cols = np.minimum(ptr[active, None] + five[None, :], HORIZON - 1)
        run = table[rows[active[:, None], cols]] + weight[active, None, None]
        run[~take] = 1.0
        p = prob[active]
        for j in range(5):  # the left-to-right product of _detect_block's multiply.reduce
            p = p * run[:, j]
        total = np.cumsum(p, axis=1)[:, -1]  # a sequential sum, as langdetect's loop (and Python's sum)
        done = (p.max(axis=1) / total > conv) | (i[active] >= limit)
        prob[active] = p / total[:, None]
        ptr[active] += size[active]
        i[active] += 5  # the index of the next run's last draw
        size[active] = 5
        ended = active[done]
        if len(ended):
            langprob[ended] += prob[ended] / n_trial
            trial[ended] += 1
            for k in ended.tolist():
                if trial[k] < n_trial:
                    open_trial(k)
            active = active[trial[active] < n_trial]
    for k, d in enumerate(detectors):
        d.langprob = langprob[k].tolist()
    for k in alone:
        detectors[k]._trials(ngrams[k])


def detect_langs(text: str, exclude: frozenset[str] = frozenset()) -> list[Language]:
    """langdetect.detect_langs, bit for bit, faster (see the module docstring); the languages
    in `exclude` get a prior of 0."""
    detector = _FastDetector(_profiles().factory)
    if exclude:
        detector.set_prior_map({lang: 1.0 for lang in detector.langlist if lang not in exclude})
    detector.append(text)
    return detector.get_probabilities()


_HANGUL = re.compile(f"[{HANGUL}]")


_NUMBER = re.compile(r"\d[\d,.]*")
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")


def tabular_line(line: str) -> bool:
    """A line of a figures table in Latin letters ("Shr 22 cts vs 20 cts", "Net 2,963,000 vs
    2,696,000"): two numbers or more and fewer than five words of four letters. Its
    abbreviations read as Swedish or Dutch to langdetect (343 of 19,043 Reuters articles
    came out "sv"); a line in another script is never one."""
    if len(_NUMBER.findall(line)) < 2 or len(_LONG_WORD.findall(line)) >= 5:
        return False
    letters = [c for c in line if c.isalpha()]
    return sum(c.isascii() for c in letters) >= 0.9 * len(letters)


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def mostly_capitals(text: str) -> bool:
    """True when most letters are in words written in capitals ("MINNEAPOLIS WHEAT", a wire
    story in upper case). langdetect takes no n-gram from a run of capitals past its first
    letter, so such text told it next to nothing: grain tables' headings came out German, and
    so did French in capitals."""
    caps = total = 0
    for w in _LETTER_RUN.findall(text):
        total += len(w)
        if len(w) > 1 and w.isupper():
            caps += len(w)
    return caps * 2 > total


def detect_language(text: str, max_chars: int = 4000) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when there is too little to tell
    (a table of figures says nothing about its language)."""
    return detect_languages([text], max_chars)[0]


def detect_languages(texts: Sequence[str], max_chars: int = 4000) -> list[str]:
    """detect_language of each of `texts`, the same codes, with langdetect's trials of all of
    them run side by side (detect_langs_many): stage 2 detects a pool batch's languages at once."""
    samples = [_sample(text, max_chars) for text in texts]
    found = iter(detect_langs_many([s for s in samples if s is not None]))
    out = []
    for sample in samples:
        probabilities = next(found) if sample is not None else None
        if probabilities is None:  # too few letters, or no n-gram langdetect knows
            out.append("unknown")
            continue
        best = probabilities[0]
        # langdetect's Korean profile holds Chinese characters (Hanja): it read Traditional
        # Chinese news as "ko" at 0.99999. Korean text is written in Hangul.
        if best.lang == "ko" and not _HANGUL.search(sample):
            best = detect_langs(sample, exclude=frozenset({"ko"}))[0]
        short = len(list(islice(filter(str.isalpha, sample), SHORT_LETTERS))) < SHORT_LETTERS
        out.append(best.lang if best.prob >= (SHORT_PROB if short else 0.5) else "unknown")
    return out


def detect_langs_many(texts: Sequence[str]) -> list[list[Language] | None]:
    """detect_langs of each of `texts`, bit for bit, None where langdetect finds no n-gram it
    knows (its LangDetectException), with the trials of all of them run side by side."""
    detectors = []
    for text in texts:
        detector = _FastDetector(_profiles().factory)
        detector.append(text)
        detector.cleaning_text()
        detectors.append(detector)
    ngrams = [d._extract_ngrams() for d in detectors]
    _side_by_side([d for d, g in zip(detectors, ngrams) if g], [g for g in ngrams if g])
    return [d.get_probabilities() if g else None for d, g in zip(detectors, ngrams)]


def _sample(text: str, max_chars: int) -> str | None:
    """What langdetect reads of `text` (its tables' lines left out, capitals lowered), None
    when that has too few letters to tell."""
    sample = "\n".join(line for line in text[:max_chars].split("\n") if not tabular_line(line))
    if len(list(islice(filter(str.isalpha, sample), MIN_LETTERS))) < MIN_LETTERS:
        return None
    if mostly_capitals(sample):  # read in lower case (300 Reuters articles in capitals: 11 were "de", now 0)
        sample = sample.lower()
    return sample


# langdetect tells Chinese by its script, not its region
_SCRIPTS = {"zh-cn": "Chinese (simplified)", "zh-tw": "Chinese (traditional)"}


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """A language code as a reader knows it ("he" is Hebrew, "zh-cn" Chinese (simplified)), for
    pages; a code pycountry does not know, and "unknown", as it is. pycountry's ISO 639 names
    carry scholarly parts ("Modern Greek (1453-)", "Swahili (macrolanguage)"): left out."""
    if code in _SCRIPTS:
        return _SCRIPTS[code]
    import pycountry  # its tables load on first use

    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 and code.isalpha() else None
    if lang is None:
        return code
    return re.sub(r"\s*\([^)]*\)", "", lang.name).removeprefix("Modern ")


# Script subtags (BCP 47) for the regions langdetect writes: Simplified is zh-cn, Traditional zh-tw
_SCRIPT_REGIONS = {"zh-hans": "zh-cn", "zh-hant": "zh-tw"}


def language_code(value: str) -> str:
    """A language as a locale or a browser writes it, as langdetect does: "zh_CN" (a POSIX
    locale) is "zh-cn", "zh-Hans" is "zh-cn", "zh-Hant" is "zh-tw". A region langdetect
    does not write ("en_US") is its language, in query._plain_values (the filters) and
    translation.detect. A language's English name
    or three-letter code ("English", "french", "deu") is its two-letter code: "english"
    found nothing, silently."""
    code = value.replace("_", "-").casefold()
    code = _SCRIPT_REGIONS.get(code, code)
    if "-" not in code and len(code) >= 3 and code != "unknown":
        code = _iso_639_1(code) or code
    return code


@lru_cache(maxsize=256)
def _iso_639_1(name: str) -> str | None:
    """The two-letter code of a language named in English or by its ISO 639-2/3 code
    (pycountry's ISO 639-3 table, a dependency already), None for none."""
    import pycountry  # its tables load on first use

    try:
        return getattr(pycountry.languages.lookup(name), "alpha_2", None)
    except LookupError:
        return None

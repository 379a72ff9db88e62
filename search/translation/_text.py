"""Shared text helpers for the detectors: flags, sentence spans, name tokens, word frequencies.

Detectors work on the clean article text and report character offsets into it, so every
helper here returns spans of the original string rather than normalised copies.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from wordfreq import get_frequency_dict, get_frequency_list, zipf_frequency

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A capitalised word: the unit of the name heuristics when no NER mentions are given.
NAME_RE = re.compile(r"(?<![\w’'`-])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?![\w-])")
# Sentence ends: a stop, then space, then something that can open a sentence; or a line break.
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9À-Þ])|\n\s*")
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Prof|Inc|Corp|Co|Ltd|No|vs|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$")


def flag(text: str, kind: str, start: int, end: int, detail: str) -> dict:
    """One flag in the contract's shape; the excerpt is exactly the flagged span."""
    return {"kind": kind, "start": start, "end": end, "excerpt": text[start:end], "detail": detail}


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "en") -> float:
    """wordfreq Zipf frequency (0 = unknown, 3 = once per million words), cached: detectors ask often.
    An English word of ASCII lower-case letters is looked up in wordfreq's own table (see
    _english_zipf), which gives what zipf_frequency gives without its tokeniser's 30-40 µs a word."""
    if lang == "en" and word.isascii() and word.isalpha() and word.islower():
        return _english_zipf(word)
    return zipf_frequency(word, lang)


@lru_cache(maxsize=1)
def _zipf_of_frequency() -> tuple[dict[str, float], dict[float, float]]:
    """wordfreq's English frequency table, and the Zipf value of each frequency in it, asked of
    wordfreq for one word of that frequency. wordfreq rounds frequencies to a few hundred
    steps, and a word its tokeniser leaves whole (ASCII lower-case letters: one token, nothing
    to normalise) has the Zipf value of its frequency in the table: its zipf_frequency is a
    function of that alone (tests/test_translation_fast_paths.py checks it word by word)."""
    freqs = get_frequency_dict("en", "best")
    by_freq: dict[float | None, float] = {}
    for bucket in get_frequency_list("en", "best"):  # the words of one frequency: one such word asked
        word = next((w for w in bucket if w.isascii() and w.isalpha() and w.islower()), None)
        if word is not None and freqs[word] not in by_freq:
            by_freq[freqs[word]] = zipf_frequency(word, "en")
    return freqs, by_freq


def _english_zipf(word: str) -> float:
    freqs, by_freq = _zipf_of_frequency()
    freq = freqs.get(word)  # None: a word wordfreq lacks, all of which have one value
    value = by_freq.get(freq)
    if value is None:  # asked of wordfreq once
        by_freq[freq] = value = zipf_frequency(word, "en")
    return value


class _ZipfTable(dict):
    """word -> zipf(word) in English, computed on first use: a dict, so that mapping a text's
    words through `table.__getitem__` runs in C (a Python call a word through the lru_cache
    was most of the document features' frequency profile). Cleared when full, to bound memory."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> float:
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = value = zipf(word)
        return value


ZIPF_EN = _ZipfTable()


@lru_cache(maxsize=4)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; line breaks always end one (titles and segments carry no stop).
    Cached for the last few texts: the features and two detectors ask for the same article's."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _ABBREV_END.search(text[max(0, m.start() - 6):m.start()]):
            continue  # "U.S. officials", "Mr. Smith": not a sentence end
        if text[start:m.start()].strip():
            spans.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return tuple(spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def name_tokens(text: str) -> Iterator[re.Match]:
    return NAME_RE.finditer(text)


def sentence_initial(text: str, pos: int) -> bool:
    """True when the word at pos opens a sentence, paragraph or quotation, where capitals tell nothing."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"“‘«([":
        i -= 1
    return i < 0 or text[i] in ".!?:\n…–—-"


# compiled once: the name detectors ask for the words around every capitalised word
_PREVIOUS_WORD = re.compile(r"([\w.’'-]+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([\w’'-]+)")


def previous_word(text: str, pos: int) -> str:
    m = _PREVIOUS_WORD.search(text[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text[pos:pos + 40])
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-case country names and common short forms; place names are not person-name variants."""
    names = {"russia", "america", "britain", "england", "europe", "africa", "asia", "korea", "congo",
             "iran", "iraq", "syria", "libya", "sudan", "niger", "nigeria", "mali", "chad", "tonga",
             "austria", "australia", "india", "indonesia", "taiwan", "vietnam", "bolivia", "venezuela"}
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    names.add(value.lower())
    except ImportError:  # pycountry is a dependency, but the detectors must not die without it
        pass
    return frozenset(names)

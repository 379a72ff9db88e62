"""`language-mix`: sentences in another language inside the article.

A pipeline that fails on a sentence passes it through untranslated. We run langdetect
(seeded, since it is random otherwise) only on sentences long enough to judge and nearly
free of English function words, which keeps it precise and cheap. A quotation in
guillemets or quotes is a reporter quoting, not an artifact, and is skipped.
"""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from langdetect import LangDetectException
from wordfreq import available_languages

from ..language import detect_langs, language_name, tabular_line  # langdetect's, seeded, bit for bit, faster
from ._text import flag, sentence_spans, words, zipf

KIND = "language-mix"
MIN_WORDS = 6
MIN_LETTERS = 30  # below this langdetect guesses ("Assimi Goita" -> fi)
MIN_PROB = 0.9
# Words that tell English. The second line's are English only (no word in the languages
# langdetect confuses with English: "also", "over", "under", "per", "six" are left out):
# without them a wire line like "unemployment could start causing severe social strains
# unless" went to langdetect, which called it French (20 of 181 flags on Reuters, web pages
# and mt-dev, all such English lines; none lost on mt-dev or the seeds), and half the
# sentences sent to langdetect were English.
_ENGLISH_FUNCTION = frozenset(
    "the a an of to in and or is are was were be been has have had that this it its for on with as at by "
    "from not but he she they we you i his her their our will would said says "
    "than them which could should about after there these those what who into other such only because "
    "while rather being through between against during before when your if both any just since now all "
    "can up some two three four five seven eight nine".split())
_first = itemgetter(0)  # a word's first letter


def detect(text: str, language: str = "en") -> list[dict]:
    """Flags for sentences of `text` written in a language other than `language`."""
    flags = []
    for start, end in sentence_spans(text):
        sent = text[start:end]
        if sent[:1] in "«\"“„'‘" and sent.rstrip(".")[-1:] in "»\"”“'’":
            continue  # a whole quoted sentence: the reporter quotes a foreign source
        toks = words(sent)
        if len(toks) < MIN_WORDS or sum(map(len, toks)) < MIN_LETTERS:
            continue
        # The tests are counted in C (map, not a generator a token): run on every sentence of
        # every article, they were most of this detector's CPU. Each test only passes a
        # sentence over, so their order changes no flag: the one that passes over most of
        # English text comes first.
        if language == "en" and sum(map(_ENGLISH_FUNCTION.__contains__, map(str.lower, toks))) / len(toks) >= 0.12:
            continue  # plainly English: spare langdetect's ~2 ms
        if sum(map(str.isupper, map(_first, toks))) > len(toks) / 2:
            continue  # title-case lines of names and headings fool langdetect ("Aliso Viejo Home Values" -> es)
        if any(tabular_line(line) for line in sent.split("\n")):
            continue  # a line of figures: "Pre-tax profit 506 mln stg vs 452 mln" is no Swedish
        lang, prob = _detect(sent)
        if lang not in (language, "unknown") and prob >= MIN_PROB and _reads_as(toks, lang, language):
            # named, as pages name languages ("ca" told a reader nothing)
            flags.append(flag(text, KIND, start, end, f"sentence detected as {language_name(lang)} ('{lang}', "
                                                      f"p={prob:.2f}) in an article in {language_name(language)}"))
    return flags


def _reads_as(toks: list[str], lang: str, language: str) -> bool:
    """Whether the words are more those of `lang` than of `language` by wordfreq: langdetect
    called short English sentences with few function words Catalan or French at p=1.00
    ("Everex makes personal computer peripheral equipment.": 15 of 17 such flags on cleaned
    Reuters). A language wordfreq lacks counts when the words are rare in `language`."""
    if language not in _WORDFREQ:
        return True
    low = [t.lower() for t in toks]
    own = sum(zipf(t, language) for t in low) / len(low)
    if lang in _WORDFREQ:
        return sum(zipf(t, lang) for t in low) / len(low) > own
    return own < RARE_IN_OWN_ZIPF


RARE_IN_OWN_ZIPF = 3.0  # a sentence's mean Zipf in English prose is about 5
# (Japanese, Korean and Chinese word lists need a tokenizer package we do not install.)
_WORDFREQ = frozenset(available_languages()) - {"ja", "ko", "zh"}


@lru_cache(maxsize=4096)  # a repeated sentence is judged once: 5,000 copies of one took 37 s
def _detect(sentence: str) -> tuple[str, float]:
    try:
        best = detect_langs(sentence)[0]
    except LangDetectException:
        return "unknown", 0.0
    return best.lang, best.prob

"""Restore the case of all-caps headlines and datelines before NER.

spaCy's small model relies on capitalisation: in "JAPAN GET LUCKY WIN, CHINA IN SURPRISE
DEFEAT" every word looks like a name or an acronym. We recase such runs from the spellings
the same document uses elsewhere, the gazetteer and word frequency. Only letters change
case, one for one, so character offsets stay valid for the original text.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .gazetteer import country_display, known_places

_BREAK = re.compile(r"[.!?]\s|\n")  # a caps run ends at a sentence or line end
_SINGLE = re.compile(r"(?<![\w'’.])A(?![\w'’.])")
_WORD = re.compile(r"[^\W\d_]+(?:['’`.\-][^\W\d_]+)*")
# A word this frequent in English is a common word when it appears in a caps run.
COMMON_ZIPF = 3.5
# ... and inside a headline, a word this frequent that the document writes nowhere else:
# "BROADEN" (3.3), "BUYOUT", "PAYOUT", "CHANGEOVER" (2.7) were recased as names and read as
# places. A name in a headline is written in its text too, and cased from there.
HEADLINE_WORD_ZIPF = 2.5
# Short all-caps words we never recase: they are acronyms ("US", "UN").
KEEP_CAPS = {"US", "UK", "UN", "EU", "USA", "UAE", "NATO", "CAR", "DRC", "AU", "IMF", "BBC", "AFP"}
# Kept acronyms that are also a common word: in a headline they are the word, unless the
# document names what the acronym stands for. "CHRYSLER <C> FEBRUARY U.S. CAR OUTPUT OFF"
# made the Central African Republic a place of 12 in 3,000 Reuters articles (QA).
WORD_ACRONYMS = {"CAR": "Central African"}


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=200_000)  # called for every word of every text; words repeat
def is_caps(word: str) -> bool:
    """Two letters or more, all capitals: a headline's word, or an acronym."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title(word: str) -> str:
    """Title-case that keeps the length: "AL-AIN" -> "Al-Ain", "O'NEILL" -> "O'Neill"."""
    out, up = [], True
    for c in word:
        nc = c.upper() if up else c.lower()
        out.append(nc if len(nc) == 1 else c)
        up = not c.isalpha()
    return "".join(out)


def _same_len(new: str, old: str) -> str:
    return new if len(new) == len(old) else old


def truecase(text: str) -> str:
    """Return `text` with all-caps headline runs and caps place names recased (same length)."""
    words = list(_WORD.finditer(text))
    caps = {w.lower() for w in map(re.Match.group, words) if is_caps(w)}
    if not caps:
        return text
    # Spellings the document uses outside caps words, of the words it also writes in caps:
    # lower-case key -> Counter of forms (only those are looked up: counting every word
    # of the text was a third of this function's time)
    seen: dict[str, Counter] = {}
    for m in words:
        w = m.group()
        lw = w.lower()
        if lw in caps and not is_caps(w):
            seen.setdefault(lw, Counter())[w] += 1

    # Group caps words into runs: consecutive caps words with no letters between them.
    runs: list[list[re.Match]] = []
    prev_end = -1
    for m in words:
        w = m.group()
        if not is_caps(w):
            # a one-letter capital ("A", "I") continues a caps run rather than ending it
            if not (len(w) == 1 and w.isupper() and prev_end >= 0):
                prev_end = -1
            continue
        between = text[prev_end:m.start()] if prev_end >= 0 else None
        if between is not None and not _BREAK.search(between) and runs:
            runs[-1].append(m)
        else:
            runs.append([m])
        prev_end = m.end()
    chars = list(text)
    places = known_places()
    # the words the document writes in lower case, whose stems tell a headline's verbs: "BRAZIL
    # SUSPENDS IMPORT" over "Brazil has suspended imports" ("suspends" is rarer in English, 2.9,
    # than many names: "Bryson" 3.0; the NER read "Brazil Suspends" as a person, 18 such headline
    # names in 2,500 Reuters articles)
    lowered = {w for w in map(re.Match.group, words) if len(w) >= 4 and w.islower()}
    expanded = frozenset(a for a, full in WORD_ACRONYMS.items() if full in text)
    for run in runs:
        headline = len(run) >= 3 or (len(run) == 2 and any(_zipf(m.group().lower()) >= 4.5 for m in run))
        for i, m in enumerate(run):
            w = m.group()
            new = _recase(w, i == 0, headline, seen, places, expanded, lowered)
            if new != w:
                chars[m.start():m.end()] = _same_len(new, w)
        if headline:
            # single capitals inside the run: "AFTER A YEAR" -> "after a year"
            for m in _SINGLE.finditer(text, run[0].end(), run[-1].start()):
                chars[m.start()] = m.group().lower()
    return "".join(chars)


def inflected(lw: str, lowered: set[str]) -> bool:
    """`lw` is an inflection ("suspends", "soars", "pushes") of a word the document writes in
    lower case (`lowered`: "suspended", "soared", "push"). Asked for a few headline words, so
    a scan of the words, not a set of all their prefixes built for every text."""
    stems = [lw[:-2]] if lw.endswith("es") else []
    if lw.endswith("s") and not lw.endswith("ss"):
        stems.append(lw[:-1])
    stems = [stem for stem in stems if len(stem) >= 4]
    return bool(stems) and any(w.startswith(stem) for w in lowered for stem in stems)


def _recase(w: str, first: bool, headline: bool, seen: dict[str, Counter], places,
            expanded: frozenset[str] = frozenset(), lowered: set[str] = frozenset()) -> str:
    lw = w.lower()
    forms = seen.get(lw)
    if w in KEEP_CAPS:
        if headline and w in WORD_ACRONYMS and w not in expanded:
            return _title(w) if first else lw
        return w
    if forms:
        lower = forms.get(lw, 0)
        cased = [(n, f) for f, n in forms.items() if f != lw]
        if cased and (not lower or max(cased)[0] > lower * 2):
            # The document writes it capitalised: a name ("Japan", "Cuttitta").
            return max(cased)[1]
        if headline:
            return _title(w) if first else lw
        return w
    title = _title(w)
    common = _zipf(lw) >= COMMON_ZIPF
    if title in places and not (headline and common and country_display(title) is None):
        return title  # "ROME" -> "Rome"; but "SURPRISE" (a town in Arizona) stays a word
    if not headline:
        return w  # a lone caps word is most likely an acronym ("ECOWAS", "NATO")
    if len(w) <= 3 and _zipf(lw) < 5.0:
        return w  # short and not a common word: an acronym inside a headline
    if _zipf(lw) >= COMMON_ZIPF or inflected(lw, lowered):
        return title if first else lw
    if not first and _zipf(lw) >= HEADLINE_WORD_ZIPF:
        return lw
    return title

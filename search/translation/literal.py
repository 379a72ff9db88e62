"""`literal-translation`: a curated lexicon of known mistranslations.

Each entry names the source word that was translated by a wrong sense, the evidence for it
and a context condition, and fires only where the context makes the English reading
impossible: "bets" is a legitimate English word, but "bets have invested heavily in Mali"
in an article about France is French *Paris* (bets) mistaken for the capital's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ._text import country_names, flag

KIND = "literal-translation"

_HUMAN_VERBS = (r"(?:met|meet|meets|said|says|told|announced|arrested|demanded|declared|promised|decided|"
                r"seized|want|wanted|were\s+among|are\s+among|had\s+been\s+trained|have\s+been\s+trained|"
                r"were\s+trained|trained|visited|received|urged|accused|released)")


@dataclass(frozen=True)
class Entry:
    pattern: re.Pattern
    evidence: str
    condition: Callable[[str, re.Match], bool] = lambda text, m: True  # asked of each match
    # asked once a text, at its first match: a search of the whole text asked of every match
    # was quadratic (a long text repeating "two turns" with no "coup" took minutes)
    context: Callable[[str], bool] = lambda text: True
    # what any match needs, searched in the lower-cased text first (literal, so a fast scan): a
    # pattern opening with \b or a lookbehind is tried at every character of the text
    needs: re.Pattern | None = None


def _mentions(*words: str) -> Callable[[str], bool]:
    rx = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
    return lambda text: bool(rx.search(text))


# Someone "he" can stand for, between the country and "he" or in the sentence before: a full
# name, a title, or a person's role in any case ("its foreign minister insisted that he").
_PERSON_CUE = re.compile(
    r"\b(?:(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)|(?-i:Mr|Mrs|Ms|Dr)\b|president|minister|premier|"
    r"spokes\w+|leader|officials?|ambassador|envoy|chancellor|secretary|chairman|chief|head|king|"
    r"prince|emperor|general|colonel|commander|governor|mayor|judge|prosecutor|lawyer|coach|"
    r"manager|captain|player|striker|goalkeeper|driver|rider|champion|man|boy|father|son|brother)\b",
    re.I)
# A sports report: the country is a team, and "he" one of its players ("Israel scored twice in
# the second half and he was ...").
_SPORT_CUE = re.compile(r"\b(?:scored|goals?|half|match|game|minutes?|points?|race|set|innings)\b", re.I)
# Countries that are also men's given names: "Jordan has insisted that he will" is a person.
_GIVEN_NAME_COUNTRIES = frozenset({"jordan", "chad", "israel", "georgia"})


def _he_for_country(text: str, m: re.Match) -> bool:
    """The country is the clause's subject and no one 'he' could stand for is named between it
    and 'he' or in the sentence before."""
    country = m.group("country").lower()
    if country not in country_names() or country in _GIVEN_NAME_COUNTRIES:
        return False
    between = text[m.end("country"):m.start("he")]
    if _PERSON_CUE.search(between) or _SPORT_CUE.search(between):
        return False
    before = text[max(0, m.start() - 300):m.start()]
    before = before[before.rfind("\n") + 1:]  # the same paragraph
    stops = [i for i, c in enumerate(before.rstrip()) if c in ".!?"]
    previous = before[stops[-2] + 1:] if len(stops) >= 2 else before
    return not _PERSON_CUE.search(previous)


LEXICON: tuple[Entry, ...] = (
    Entry(re.compile(r"\bbets\s+(?:have|has|had)?\s*(?:invested|sent|decided|announced|said|declared|wants?|withdrew|deployed)\b", re.I),
          "French 'Paris' read as the noun 'paris' (bets): bets cannot invest, send or decide",
          context=_mentions("France", "French", "Macron"), needs=re.compile("bets")),
    # ("took a new turn", "another turn in the talks": the English idiom, singular)
    Entry(re.compile(r"\b(?:(?:two|three|four|another|new)\s+turns|(?:second|third|military)\s+turns?)\b"
                     r"(?!\s+(?:out|to|into|of|on|off|around)\b)", re.I),
          "Russian/Ukrainian 'переворот' (coup) also means 'turn': a military turn is a coup",
          context=_mentions("coups?", "junta", "putsch\\w*"), needs=re.compile("turn")),
    Entry(re.compile(r"\b(?:the\s+|some\s+of\s+the\s+)?coups\s+" + _HUMAN_VERBS + r"\b", re.I),
          "'coups' standing for the putschists (Finnish 'vallankaappaajat'): coups cannot meet or be trained",
          context=_mentions("coup"), needs=re.compile("coups")),
    # ("for many the stress of the season": a preposition makes the quantifier a pronoun)
    # \b and a first letter (?i:[fms]: the same letters as the words', long s included) come
    # before the seven lookbehinds, which re otherwise tried at every character: 4x faster
    Entry(re.compile(r"\b(?=(?i:[fms]))(?<![Ff]or )(?<![Tt]o )(?<![Oo]f )(?<!with )(?<!among )(?<!by )"
                     r"(?<![Ii]n )(?i:many|several|most|some|few)\s+the\s+(?!time\b|same\b|more\b|less\b|most\b)[A-Z]?[a-z]+s\b"),
          "a quantifier before 'the' ('Many the Malians'): the source's case ending rendered as an article",
          needs=re.compile(r"(?:many|several|most|some|few)\s+the\s")),
    Entry(re.compile(r"(?:^|(?<=[.!?]\s))(?:The\s+)?(?P<country>[A-Z][a-z]+)\s+(?:has|had|have)?\s*\w+ed\b[^.!?\n]{0,80}?\b(?:that|and|but)\s+(?P<he>he)\s+\w+", re.M),
          "'he' for a country: the source language's masculine pronoun for a masculine country noun",
          _he_for_country, needs=re.compile(r"\she\s")),
    Entry(re.compile(r"\bthe\s+re-coup\b", re.I), "'re-coup' for a second coup: a calque of Russian 'повторный переворот'",
          needs=re.compile("re-coup")),
)


_CASE_FOLDED_OTHERWISE = "ſıİ"


def detect(text: str) -> list[dict]:
    """Flags for lexicon entries whose context makes the literal English reading impossible."""
    flags = []
    # The prefilters read the text lower-cased. A pattern's re.I also matches "ſ" for "s", "ı"
    # for "i" and "İ" for "i", which lower() does not turn into them: such a text skips them.
    low = None if any(c in text for c in _CASE_FOLDED_OTHERWISE) else text.lower()
    for entry in LEXICON:
        if low is not None and entry.needs is not None and not entry.needs.search(low):
            continue
        in_context = None  # entry.context(text), asked at the first match only
        for m in entry.pattern.finditer(text):
            if in_context is None:
                in_context = entry.context(text)
            if not in_context:
                break
            if entry.condition(text, m):
                flags.append(flag(text, KIND, m.start(), m.end(), entry.evidence))
    return flags

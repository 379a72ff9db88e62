"""Mention clean-up and the key mentions are compared by.

The NER's spans carry titles ("President Keita"), possessives ("Mali`s"), a leading "the"
and sometimes a neighbouring word ("Kramp-Karrenbauer Meanwhile"). We trim those so that
spans match their real extent and spellings compare equal.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import POSSESSIVE_NAMES, fold

# Titles that head a person's designation, directly before the name or before a
# first name ("Minister of Defense Annegret Kramp-Karrenbauer", "Mr Kramp-Karrenbauer").
# Modifiers of a title ("former", "foreign", "deputy") are left out: they also precede
# organisations and places ("former Soviet Union", "Foreign Ministry").
PERSON_TITLES = {
    "president", "colonel", "col", "lt", "lieutenant", "minister", "captain", "capt", "mister",
    "mr", "mrs", "ms", "dr", "general", "gen", "sergeant", "sgt", "commander", "chancellor",
    "senator", "sen", "governor", "gov", "king", "queen", "prince", "princess", "sheikh", "pope",
    "ambassador", "secretary", "chairman", "chairwoman", "judge", "professor", "prof", "mayor",
    "premier", "sir", "lord", "dame", "admiral", "brigadier", "marshal", "reverend", "rev",
    "imam", "emir", "corporal", "spokesman", "spokeswoman", "lawmaker", "madam", "monsieur",
    "treasurer", "congressman", "congresswoman", "comptroller", "commissioner",
}
# Players' positions and occupations written before a person's name, as a title ("Defender Hassan
# Abbas", "Astronaut Sally Ride") or in lower case ("coach Astrit Hafizi", document._DESCRIPTORS)
POSITIONS = frozenset({
    "defender", "midfielder", "striker", "goalkeeper", "winger", "playmaker", "skipper", "batsman", "bowler",
    "quarterback", "teammate",
})
OCCUPATIONS = frozenset({
    "astronaut", "actor", "actress", "rapper", "novelist", "comedian", "filmmaker", "columnist", "economist",
    "analyst", "entrepreneur", "billionaire", "pastor", "rabbi", "archbishop", "author", "photographer",
    "journalist", "reporter", "correspondent", "lawyer", "attorney", "prosecutor", "activist",
})
# Titles and ranks that precede a person's name (lower-case, without the dot): those, their
# modifiers, and titles that also stand before other things ("Doctor", "Chief", "Major").
TITLES = PERSON_TITLES | {
    "vice", "prime", "miss", "doctor", "major", "maj", "cmdr", "rep", "representative", "justice",
    "coach", "interim", "former", "late", "lady", "adm", "field", "defence", "defense", "foreign",
    "finance", "interior", "deputy", "acting", "transitional", "st", "saint", "father", "gen.",
    "cpl", "private", "pvt", "officer", "agent", "inspector", "superintendent", "chief",
    "candidate", "comrade", "m",
    "vp",  # "VP Biden" (14 mentions of one of 500 web pages, a person apart from Joe Biden)
    # a ministry's field before its minister's name, where the NER kept it and dropped the
    # rest of the title ("Minister of Mines and Energy Subroto": the person "Energy Subroto",
    # 5 of 3,000 Reuters articles)
    "energy", "mines", "oil", "petroleum", "trade", "agriculture", "economy", "economics", "labour",
    "labor", "health", "education", "industry", "commerce", "transport", "planning", "budget",
    "fisheries", "communications", "environment",
    # players' positions in sports copy ("Defender Hassan Abbas rose to ..."); not those that
    # are also surnames ("Driver", "Rider", "Keeper")
    "fullback", "full-back", "all-rounder", "wicketkeeper", "wicket-keeper",
    # occupations written as a title before a name ("Astronaut Sally Ride", "Beatle Paul
    # McCartney": people of the web gold pages); not those that are also surnames ("Cook", "Singer")
    "beatle", "songwriter", "designer", "producer", "director", "anchor", "editor",
} | POSITIONS | OCCUPATIONS
# Adverbs that open a sentence ("Meanwhile, ..."): glued onto a name by the NER (DISCOURSE), no
# partner of a firm (document._CONNECTIVES)
SENTENCE_ADVERBS = frozenset({
    "meanwhile", "however", "also", "moreover", "furthermore", "nevertheless", "then", "now", "still",
    "yesterday", "today", "instead", "later", "earlier", "thus", "therefore", "otherwise", "too",
})
# Words that NER glues onto a name at a sentence boundary.
DISCOURSE = SENTENCE_ADVERBS | {
    "tomorrow", "said", "says", "and", "but", "or", "on", "in", "at",
    "of", "for", "with", "by", "after", "before", "while", "when", "since", "although",
    "though", "if", "so", "as", "the", "a", "an", "to", "from", "this", "that", "these",
    "those", "his", "her", "its", "their", "our", "my", "your", "he", "she", "it", "they",
    "we", "i", "you", "mr", "mrs", "ms", "dear", "hello", "thanks",
}
# Lower-case words that belong to a person's name ("Gerhard de Kock", "Richard von Weizsaecker").
# Any other lower-case word opening a person's span is the sentence's ("the trade bill Reagan
# signed" gave the person "bill Reagan", "Prime Minister designate Giulio Andreotti").
NAME_PARTICLES = {
    "de", "da", "di", "do", "dos", "das", "du", "del", "della", "der", "den", "des", "van", "von",
    "la", "le", "bin", "bint", "ibn", "al", "el", "ter", "ten", "zu", "af", "av", "y", "ben", "abu",
}
# Tokens the NER often tags that name no entity (time zones, units), and feasts it takes for
# people ("break for Easter": a person in 4 of 3,000 Reuters articles).
NOT_ENTITIES = {"GMT", "UTC", "EST", "EDT", "CET", "CEST", "PST", "PDT", "BST", "AM", "PM", "pct",
                "Easter", "Christmas", "Thanksgiving", "Ramadan", "Passover", "Hanukkah", "Diwali", "Eid",
                # family words web copy capitalises as names ("Dad" a person of 4 of 500 web gold pages)
                "Dad", "Mom", "Mum", "Mommy", "Daddy", "Grandma", "Grandpa", "Granny"}
# Products web news names as often as their makers, which the NER types people, organisations
# or places ("iPad" an organisation in 21 of 500 web gold pages, "Kindle" a place, "C++" a
# person): no person, organisation or place. Full-text search still finds them.
PRODUCTS = {
    "iPad", "iPads", "iPad Mini", "iPad mini", "iPhone", "iPhones", "iPod", "iPod Touch", "iPod touch", "iTunes",
    "Android", "Kindle", "Kindle Fire", "Windows", "Windows Phone", "Windows 7", "Windows 8", "Windows 10",
    "Windows XP", "Windows Vista", "Mac", "Macs", "MacBook", "MacBook Air", "MacBook Pro", "iMac", "Galaxy Tab",
    "Lumia", "Safari", "Chrome", "Firefox", "Internet Explorer", "Opera Mini", "Javascript", "JavaScript",
    "C++", "HTML", "HTML5", "CSS", "PlayStation", "Xbox",
    # and the abbreviations of common nouns the NER takes for organisations ("SEO" one in 42
    # mentions of 500 web gold pages, "RSS" 9, "P.S." a place 6); not those that also name a
    # body in news ("API", the American Petroleum Institute; "GPU", General Public Utilities)
    "SEO", "RSS", "P.S.", "SMS", "PDF", "UI", "UX", "FYI", "LCD", "LED", "3D", "IPO", "CPU", "USB", "Q&A",
    "ASAP", "CEO", "CFO", "CTO", "DIY", "LTE", "Wi-Fi", "WiFi", "FAQ", "URL", "GPS", "HDTV", "DVD", "MP3",
    # and units of account, which wire copy prices in ("3.2 billion European Currency Unit plan" gave
    # the European Community the alias "European Currency"; "SDR" an organisation, "Ecus" a person)
    "ECU", "ECUs", "Ecu", "Ecus", "SDR", "SDRs", "European Currency Unit", "European Currency Units",
    "European Currency", "Special Drawing Rights",
    # and the terms of financial copy: money supply ("M-1" an organisation in 20 mentions of 2,500
    # Reuters articles, "M3" a place in 6), trade and securities terms ("CIF" 6, "ADR" 5, "CMO" 4)
    "M-0", "M0", "M-1", "M1", "M-1-A", "M-1-B", "M-1B", "M1B", "M-2", "M2", "M-3", "M3", "M4", "M-4",
    "CIF", "FOB", "C and F", "CMO", "CMOs", "ADR", "ADRs", "LIBOR", "Libor", "American Depository Receipt",
    "American Depository Receipts", "American Depositary Receipt", "American Depositary Receipts",
    "London Interbank Offered Rate", "London Interbank Offered Rates", "Macintosh", "Macintoshes",
}
# A derivational prefix on a name makes an adjective, not a name: "trans-Atlantic",
# "pro-Moscow", "anti-French", "non-European Community countries".
_PREFIXED = re.compile(
    r"(?:trans|pro|anti|mid|non|post|pre|ex|pan|inter|intra|neo|sub|super|ultra|cross|semi|multi"
    r"|counter|quasi)-[A-Z]"
)
_POSSESSIVE = re.compile(r"(?:['’`]s?|\"s)$")  # "Brazil\"s": a double quote for the apostrophe (Reuters)
_TOKEN = re.compile(r"\S+")


def _tok_key(tok: str) -> str:
    return tok.lower().rstrip(".,;:")


# One title of several names: "Presidents Obama and George W. Bush" gave the person
# "Presidents Obama". Not every title's plural: "Kings Cross", "Queens", "Lords" are names.
PLURAL_TITLES = {
    "presidents", "senators", "sens", "governors", "ministers", "generals", "colonels", "drs",
    "doctors", "professors", "reps", "representatives", "congressmen", "congresswomen",
    "secretaries", "chancellors", "ambassadors", "messrs", "mmes", "premiers", "commissioners",
}


def is_title(t: str) -> bool:
    """A title or rank (`t` lower-case) before a name, or one before several."""
    return t in TITLES or t in PLURAL_TITLES


def clean_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim a mention span; None when nothing name-like is left.

    `label` is our type (person/organization/location); titles are stripped from persons only,
    a leading "the" and discourse words from all.
    """
    span = text[start:end]
    toks = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(span)]
    # a web address ends a name: comment spam's "UGG Boots OutletPnmOdl http://..."
    cut = next((i for i, (a, b) in enumerate(toks) if "://" in text[a:b] or text[a:b].lower().startswith("www.")), None)
    if cut is not None:
        toks = toks[:cut]
    # leading
    while toks:
        t = _tok_key(text[toks[0][0]:toks[0][1]])
        word = text[toks[0][0]:toks[0][1]]
        if (t in DISCOURSE or (label == "person" and is_title(t))) and len(toks) > 1:
            toks.pop(0)
        elif label == "person" and len(toks) > 1 and word.isalpha() and word.islower() and t not in NAME_PARTICLES:
            toks.pop(0)
        elif len(toks) == 1 and (t in DISCOURSE or (label == "person" and is_title(t))):
            return None
        else:
            break
    # trailing: possessive first, then discourse words glued on
    while toks:
        s, e = toks[-1]
        word = text[s:e]
        if len(toks) > 1 and (word in _DETACHED_POSSESSIVES or (label != "person" and _trailing_figure(text, toks))):
            toks.pop()
            if len(toks) > 2 and _MONTHS.fullmatch(text[toks[-1][0]:toks[-1][1]]) \
                    and text[toks[-2][0]:toks[-2][1]] in _DATE_PREPOSITIONS:
                del toks[-2:]  # "First Federal on March 20", "the Official Bulletin of March 30"
            continue
        m = _POSSESSIVE.search(word)
        if m and m.start() > 0:
            e = s + m.start()
            toks[-1] = (s, e)
            word = text[s:e]
        word = word.rstrip(",;:")
        toks[-1] = (s, s + len(word))
        if len(toks) > 1 and word.lower() in DISCOURSE:
            toks.pop()
            continue
        break
    if not toks:
        return None
    s, e = toks[0][0], toks[-1][1]
    # trailing dots belong to abbreviations ("U.S."), other punctuation does not
    # (and the space a trimmed "CRICKET -" or "Salomon Brothers -" leaves; an ampersand
    # with nothing after it: "Eva & I" gave the organisation "Eva &"; a photo credit's
    # slash: "David Tonnessen/Getty Images")
    while e > s and (text[e - 1] in "-–—,;:!?\"”“'’)(<>&/" or text[e - 1].isspace()):
        e -= 1
    # and a list's bullet before it ("• Bing": 17 mentions of 500 web gold pages)
    while s < e and (text[s] in "-–—,;:!?\"”“'’(`<>•·▪►~«»/" or text[s].isspace()):
        s += 1
    # "World Health Organization (WHO": the NER took the acronym's opening parenthesis
    # into the name; the name ends before it (the acronym rule then links the two)
    cut = text.find("(", s, e)
    if cut > s and text.find(")", cut, e) < 0:
        e = cut
        while e > s and text[e - 1].isspace():
            e -= 1
    if s >= e:
        return None
    out = text[s:e]
    if out in NOT_ENTITIES or out in PRODUCTS or not any(c.isupper() for c in out) or not any(c.isalpha() for c in out):
        return None
    if label == "location" and out == "Us":
        # the pronoun opening a sentence, or Us Weekly's name for itself ("Us first reported July
        # 12 ..."), which the country's key "us" made the United States (2 of 500 web pages);
        # the country is written "US" or "U.S."
        return None
    if label == "person" and any(c.isdigit() for c in out):
        # a figure is no part of a person's name: wire tables tagged "Revs 3,9i3,523 vs" and
        # "Shr 22 cts" people, and their last words ("vs", "cts") became their spellings,
        # searched as names (an organization may hold one: 3M, 7-Eleven)
        return None
    if _PREFIXED.match(out) or _TIME_STAMP.fullmatch(out) or _DRAWN_OUT.search(out):
        return None
    if label == "organization" and text[e:e + 2] in ("'s", "’s") and not text[e + 2:e + 3].isalnum() \
            and fold(text[s:e + 2]) in POSSESSIVE_NAMES:
        e += 2  # "Standard and Poor's": the agency's name, not a possessive (shown as written)
    return s, e


# A possessive standing apart, as tokenised text writes it ("Nelson Mandela 's government", "Santa Fe
# 's board": the person "Nelson Mandela 's", 15 mentions of CoNLL-2003's test set), is no part of the name.
_DETACHED_POSSESSIVES = frozenset({"'s", "’s", "`s", "'S", "’S"})
# A figure after a name is a score, a rating or a table's column, no part of it: "Motherwell 2 ( Davies 39
# )", "Philadelphia Eagles 37-10", "upgrading to Duff 1- (one minus) from Duff 2" (the company "Duff 2"),
# "Chase Manhattan 30,034,873" (organisations and places: a "person" with a figure is dropped whole, below,
# as wire tables' "Release 10.1", "Boise Cascade 2-3/8" are no people). Not after a word a number belongs
# to ("Local 222", "Palo Verde Unit 1", "Apollo 11", "Channel 4", "Charter 77", "Resolution 242", "PL 480") or
# in lower case ("Group of 77"), nor a club's zero-padded year ("Schalke 04"), nor before what names a list of
# that many ("Fortune 500 list", "FTSE 100 index"), nor where the text writes the name with the same figure
# again and never with another (_recurring_figure: "Hannover 96", "Euro 96").
_FIGURE = re.compile(r"[+-]?\d[\d.,:/\-–]*[,;:]?")  # "37-10", "2–1" (an en dash)
_FIGURE_UNITS = frozenset({"percent", "pct", "points", "pts"})  # "Barrick 75 percent to develop the property"
_NUMBERED = frozenset({
    "local", "unit", "units", "channel", "flight", "apollo", "studio", "pier", "gate", "terminal", "route",
    "highway", "interstate", "reactor", "no", "no.", "number", "chapter", "section", "article", "proposition",
    "episode", "war", "district", "precinct", "ward", "block", "building", "platform", "plant", "phase",
    "stage", "level", "lot", "tower", "series", "version", "model", "radio", "expo", "formula", "room",
    "suite", "street", "avenue", "lane", "road", "square", "pavilion", "hall", "track", "mission", "voyager",
    "pioneer", "skylab", "soyuz", "salyut", "gemini", "mercury", "cosmos", "vostok", "sputnik", "explorer",
    # and a document's: a charter, a resolution, a law ("Public Law 480", "PL 480": US food aid), a bill, an act
    "charter", "resolution", "law", "pl", "p.l.", "bill", "act",
})
_LIST_NEXT = re.compile(r"[ \t]+(?:index|indices|indexes|average|list)\b")  # "the Fortune 500 list"
_MONTHS = re.compile(r"January|February|March|April|May|June|July|August|September|October|November|December"
                     r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?")
_DATE_PREPOSITIONS = frozenset({"on", "of", "in", "since", "until", "by", "from", "to"})


# A match's score inside a span, which the NER ran over: "Chelsea 2-1 at Elland Road", "Leeds 3-0 Chelsea"
_SCORE = re.compile(r"(?<![\w.,:/+\-–])\d{1,3}[-–]\d{1,3}(?![\w.,:/+\-–])")


def score_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] either side of each score inside it that a name comes before, as
    clean_span trims one ending a span (_trailing_figure: not "Route 66-67"): "Chelsea 2-1 at Elland
    Road" is "Chelsea" and "at Elland Road" (whose "at" clean_span drops). [(start, end)] where none."""
    pieces, lo = [], start
    for m in _SCORE.finditer(text, start, end):
        if m.end() == end or not text[m.end()].isspace():
            continue  # a score ending the span: clean_span's
        if pieces and not text[lo:m.start()].strip():
            lo = m.end()  # the next score of a row: "Pete Sampras 6-4 6-3 Andre Agassi"
            continue
        toks = [(t.start(), t.end()) for t in _TOKEN.finditer(text, lo, m.end())]
        if len(toks) > 1 and _goes_on(text, m, end, text[toks[-2][0]:toks[-2][1]]) and _trailing_figure(text, toks):
            pieces.append((lo, toks[-2][1]))
            lo = m.end()
    pieces.append((lo, end))
    return [(a, b) for a, b in pieces if any(c.isalpha() for c in text[a:b])]


# A month before a range of days: "Sept 11-12 Summit", "Nov 3-4 Meeting" date it, no score
_MONTH_WORDS = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                          "january", "february", "march", "april", "june", "july", "august", "september",
                          "october", "november", "december"})
_RUNNING_ON = re.compile(r"\s+(?:[a-z]|\d{1,3}[-–]\d{1,3}(?![\w.,:/+\-–]))")


def _goes_on(text: str, score: re.Match, end: int, before: str) -> bool:
    """Whether a score inside a span (not ending it) is a match's: the span runs on after it into running
    text or another score of a row ("Chelsea 2-1 at Elland Road", "Pete Sampras 6-4 6-3"), or it is one
    digit a side before a name ("Arsenal 3-0 Tottenham Hotspur") not dated by a month. A model's or a
    range's figures run on into a name ("Boeing 747-400 Combi", "Sept 11-12 Summit", "Rule 14-8 Proposals")."""
    if _RUNNING_ON.match(text, score.end(), end):
        return True
    return len(score.group()) == 3 and before.lower().rstrip(".") not in _MONTH_WORDS


def _trailing_figure(text: str, toks: list[tuple[int, int]]) -> bool:
    """Whether the last of `toks` (two or more) is a figure after a name, or a figure's unit after one."""
    word = text[toks[-1][0]:toks[-1][1]]
    if word.lower() in _FIGURE_UNITS:
        return len(toks) > 2 and _FIGURE.fullmatch(text[toks[-2][0]:toks[-2][1]]) is not None
    if _FIGURE.fullmatch(word) is None or (len(word) == 2 and word[0] == "0"):
        return False
    before = text[toks[-2][0]:toks[-2][1]]
    # nor after a word in lower case: "Group of 77", "Club of 10", "Class of 1987" name a number
    if before.lower() in _NUMBERED or (before.isalpha() and before.islower()):
        return False
    end = toks[-1][0] + len(word.rstrip(",;:."))
    if text[toks[-1][0]:end].isdigit() and any(c.isalpha() for c in before):
        if _LIST_NEXT.match(text, end) or _recurring_figure(text, text[toks[0][0]:toks[-2][1]], text[toks[-1][0]:end]):
            return False
    return True


# What follows a score or a table's figure: brackets ("Motherwell 2 ( Davies 39 )"), another figure, a
# dash ("Duff 1-"), or the next name of a results line ("Motherwell 2 Celtic 1", "b Harris 2 Moin Khan");
# and a quantity's unit: a poll's "the Alliance 21 pct", written so twice, is no club "Alliance 21"
_SCORE_NEXT = re.compile(r"[ \t]*[(\d+\-–%]|[ \t]+[A-Z]"
                         rf"|[ \t]+(?i:{'|'.join(sorted(_FIGURE_UNITS))}|per[ \t]+cent|seats|votes)\b")
_NAME_FIGURE = re.compile(r"[ \t]+([+-]?\d+(?:[.,:/]\d+)*[+-]?)")


# The last text's answers by (name, figure): a table's thousand "Name 5" read the text once. One text
# only, the one whose spans clean_span is cleaning: a cache of many would keep many articles alive.
_recurring: tuple[str, dict[tuple[str, str], bool]] = ("", {})


def _recurring_figure(text: str, name: str, figure: str) -> bool:
    """Whether `text` writes `name` with `figure` at least twice and with no other figure, no use read
    as a score: a name's number stays the same ("Hannover 96 beat Bochum ... Hannover 96 coach"), a
    score or a rating varies ("to Duff 1- from Duff 2") or stands in a results line."""
    global _recurring
    if _recurring[0] is not text:
        _recurring = (text, {})
    answers = _recurring[1]
    if (name, figure) not in answers:
        answers[(name, figure)] = _recurs(text, name, figure)
    return answers[(name, figure)]


def _recurs(text: str, name: str, figure: str) -> bool:
    same = 0
    at = text.find(name)
    while at >= 0:
        after = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (m := _NAME_FIGURE.match(text, after)):
            if m.group(1) != figure or _SCORE_NEXT.match(text, m.end()):
                return False
            same += 1
        at = text.find(name, after)
    return same >= 2


# A page's time stamp ("Updated Nov 07, 2012 at 02:56am IST": an organisation, with its zone,
# in 5 of 500 web pages) and a word drawn out in speech ("Aaaaand", "Awww", "Ohhh": people) name
# no one; a letter four times, or a vowel or a sound's consonant three times (not the typo
# "Alllure", a company in Reuters)
_TIME_STAMP = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:(?i:[ap]\.?m\.?))?(?:\s+[A-Z]{2,5})?")
_DRAWN_OUT = re.compile(r"([a-z])\1{3}|([aeiouyhmrswz])\2\2")


@lru_cache(maxsize=500_000)
def name_key(text: str) -> str:
    """The comparison key of a mention: folded, possessive and a leading "the" removed."""
    text = _POSSESSIVE.sub("", text.strip())
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    return key


def org_key(text: str) -> str:
    """Organisation key: like name_key, and a trailing "group" dropped ("Wagner group" = "Wagner")."""
    key = name_key(text)
    if key.endswith(" group") and len(key) > 6:
        key = key[:-6]
    return key

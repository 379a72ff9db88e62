"""`broken-sentence`: sentence boundaries a translation pipeline broke.

Machine translation that re-segments text (or translates twice) leaves stops where none
belong: a lower-case word right after a full stop ("from his post. his post as leader"),
a stop doubled across a space ("power. ."), a stop glued to the next sentence
("army.Rebels"), and verbless fragments cut out of a sentence. Abbreviations
("U.S. officials", "e.g. the"), initials, decimals and URLs are not sentence ends.
"""
from __future__ import annotations

import re

from ._text import flag, sentence_spans, words

KIND = "broken-sentence"

# Lower-case words that end with a stop without ending a sentence.
ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf approx no nos dept est al ca viz incl jr sr mr mrs ms dr st ft oz lb lbs yr yrs "
    "mos wk wks ed eds vol vols pp fig figs op cit ibid resp esp ave blvd rd hr hrs min mins sec secs "
    "km cm mm kg mg tel ext inc ltd co corp bros av gov govt admin tbs tbsp tsp gr ex qt pt pkg div "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
# Title-case abbreviations of wire copy: "Houston, Tex. for", "Sen. and", "Williams Cos. and".
CAPITALISED_ABBREVIATIONS = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo Sen Rep Gov Gen Col Capt Cmdr Lt Sgt Maj Adm Supt "
    "Cos Co Corp Inc Ltd Bros Dept Assn Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mt Ft Pt St Ave "
    "Messrs Mr Mrs Ms Dr Prof Rev Hon No Nos Fig Vol Div Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split()
)
# A cut-off phrase starts like one: the verbless check looks only at these ("In the capital of Mali.").
_PHRASE_OPENERS = frozenset(
    "in on at of for with from by to into under over after before during without about against between "
    "the a an his her their its this these those some".split()
)

# The word before the stop starts after a space and is at most 60 characters long: unanchored,
# `[^\s]+` was tried from every position of a long run without spaces (a data: URI, minified
# script), quadratic: 178 s for one 200,000-character run.
_LOWER_AFTER_STOP = re.compile(r"(?<!\S)(?P<prev>\S{1,60})\.(?P<gap>[ \t]+)(?P<next>[a-z][A-Za-z’'-]*)")
_DOUBLE_STOP = re.compile(r"[^\s.]\.(?P<gap>[ \t]+)[.,;](?!\s*\.)")
_DOUBLED = {  # what _DOUBLE_STOP found, by its second mark
    ".": "a full stop doubled across a space",
    ",": "a full stop, then a comma across a space: a sentence end left inside one",
    ";": "a full stop, then a semicolon across a space: a sentence end left inside one",
}
_GLUED_STOP = re.compile(r"(?<![\w.])(?P<prev>[a-z]{2,})\.(?P<next>[A-Z][a-z]{2,})\b")
_TLD = re.compile(r"^(?:com|org|net|gov|edu|int|co|uk|ru|fr|de|html?|php|pdf|jpg|png)\b")

# Forms that show a clause has a verb; the no-verb check needs only a cheap, high-recall test.
_VERB_WORDS = frozenset(
    "is are was were be been being am has have had having do does did done will would shall should can "
    "could may might must said says say told tells tell added adds noted notes according make makes made "
    "take takes took taken give gives gave given go goes went gone get gets got come comes came see sees "
    "saw seen know knows knew think thinks thought want wants seem seems seemed become becomes became "
    "remain remains keep keeps kept hold holds held lead leads led leave leaves left put puts run runs "
    "set sets let lets show shows bring brings brought begin begins began win wins won lose loses lost "
    "pay pays paid meet meets met stand stands stood find finds found cut cuts hit hits rise rises rose "
    "fall falls fell sell sells sold buy buys bought send sends sent spend spends spent build builds built "
    "expect expects plan plans call calls need needs believe believes".split()
)


# A contraction is a verb: "I don’t remember", "I’d like" (the curly apostrophe too: only
# "n't" and "’s" were known, and human sentences were "a clause with no verb").
_CONTRACTIONS = tuple(f"{a}{e}" for a in "'’" for e in ("t", "s", "d", "re", "ll", "ve", "m"))
_WINK = re.compile(r"[;:]-?[)(DPp](?!\w)")

# "dos Santos of Brazil", "van Gaal said": a name's lower-case particle opens a sentence.
_NAME_PARTICLES = frozenset("de da das do dos du del della der den van von di la le al el bin ibn ter ten zu".split())
_UPPER_AFTER_STOP = re.compile(r"[^\s.]\.[ \t]+[A-Z]")
# asked of candidate flags, compiled once
_PARTICLE_OF_NAME = re.compile(r"\w+[ \t]+[A-Z]")
_DOT_WORD = re.compile(r"\.\w")
_DIGIT_COLON_QUOTE = re.compile(r"\d|[:\"“”]")


def detect(text: str) -> list[dict]:
    """Flags for broken sentence boundaries in `text`."""
    flags: list[dict] = []
    lower = list(_LOWER_AFTER_STOP.finditer(text))
    if len(lower) >= 3 and len(lower) >= len(_UPPER_AFTER_STOP.findall(text)):
        lower = []  # the writer starts sentences in lower case ("the interview was cut up."): a style, not a cut
    for m in lower:
        if _is_abbreviation(m.group("prev")) or _TLD.match(m.group("next")):
            continue
        after = text[m.start("next"):m.start("next") + 40]
        if after.startswith(("http:", "https:", "www.")):
            continue  # a web address written after a sentence
        if m.group("next") in _NAME_PARTICLES and _PARTICLE_OF_NAME.match(after):
            continue
        if not m.group("next").islower():
            continue  # "iPhone", "eBay", "iOS": a brand's own lower-case start
        if _DOT_WORD.match(text, m.end("next"), m.end("next") + 2):
            continue  # "e.g." opening a sentence is an abbreviation, not a cut
        flags.append(flag(text, KIND, m.start("prev"), m.end("next"),
                          "lower-case word right after a full stop: a sentence cut in two"))
    for m in _DOUBLE_STOP.finditer(text):
        if _WINK.match(text, m.end() - 1):
            continue  # "Fans were thrilled. ;)": a wink after the sentence, not a sentence end left in
        flags.append(flag(text, KIND, m.start() + 1, m.end(), _DOUBLED[text[m.end() - 1]]))
    for m in _GLUED_STOP.finditer(text):
        if _is_abbreviation(m.group("prev")):
            continue
        flags.append(flag(text, KIND, m.start(), m.end(), "no space after a full stop: two sentences glued"))
    flags.extend(_verbless_fragments(text))
    return flags


def _is_abbreviation(token: str) -> bool:
    core = token.strip("\"'“”‘’()[]«»")
    core = core.rpartition("-")[2] or core  # "30-lb.", "R-Mo.", "Rapson-Inc.": the last part
    if not core or not core[-1].isalpha():
        return True  # "3. the", "). the": numbering and bracketed tails are not sentence breaks we judge
    if "." in core or "/" in core or "@" in core:
        return True  # "e.g", "a.m", "U.S", URLs and paths
    if len(core) == 1 or core.isupper():
        return True  # initials and acronyms
    return core.lower() in ABBREVIATIONS or core in CAPITALISED_ABBREVIATIONS


def _verbless_fragments(text: str) -> list[dict]:
    """A short clause with no verb, wedged between two full sentences of the same paragraph."""
    flags = []
    spans = sentence_spans(text)
    for prev, cur, nxt in zip(spans, spans[1:], spans[2:]):
        if "\n" in text[prev[1]:cur[0]] or "\n" in text[cur[1]:nxt[0]]:
            continue  # headings and list items stand alone on their line
        body = text[cur[0]:cur[1]]
        if not body.endswith(".") or _DIGIT_COLON_QUOTE.search(body) or "," in body:
            # (a comma: an opening phrase and its clause, "For instance, look at these ads.")
            continue
        toks = words(body)
        if not 3 <= len(toks) <= 12 or toks[0].lower() not in _PHRASE_OPENERS or _has_verb(toks):
            continue
        if not all(_has_verb(words(text[a:b])) and len(words(text[a:b])) >= 5 for a, b in (prev, nxt)):
            continue
        flags.append(flag(text, KIND, cur[0], cur[1], "a clause with no verb between two full sentences"))
    return flags


def _has_verb(toks: list[str]) -> bool:
    for t in toks:
        low = t.lower()
        # "-ing" words are as often nouns ("training"); a progressive verb shows by its auxiliary
        if low in _VERB_WORDS or (len(low) > 3 and low.endswith("ed")) or low.endswith(_CONTRACTIONS):
            return True
        if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and t.islower():
            return True  # third-person verbs ("works") look like plurals; erring to "has a verb" keeps it precise
    return False

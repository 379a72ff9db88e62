"""Document-level post-processing of NER spans: one reading of a name per article.

The small model labels the same word differently from sentence to sentence ("Goyta" a
person, then an organisation, then a place) and misses repeats. Within one article a name
means one thing, so we vote, let person surnames win, type acronyms by their definition
("Central African Republic (CAR)") and tag untagged repeats of names already found.

Against noise: a common word capitalised only by a sentence start ("Troop said") is no
name, nor is a degree ("Candidate of Political Science") or an exercise ("the Flintlock
training"); a name after a person's title is a person ("Minister of Defense Annegret
Kramp-Karrenbauer"). A mention that is a description ("the Cabinet") gets `"generic": True`:
still a mention, but resolution makes no archive-wide entity of it.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import accumulate

from ..newsroom import AGENCY_NAMES, MONTH as _MONTH, NEWSROOM_WORDS, agency_pattern
from .gazetteer import (IRREGULAR_DEMONYMS, city_country, country_display, country_of_word, demonym_country, fold,
                        known_places, us_state_names)
from .regions import PERSONAL_NAMES, regions_by_first_word
from .normalize import (OCCUPATIONS, PERSON_TITLES, POSITIONS, SENTENCE_ADVERBS, TITLES, clean_span, is_title,
                        score_pieces)
from .truecase import inflected

_STOP = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "in", "on", "to", "&", "et", "a"}
# A single word this frequent in English is not propagated on its own ("May", "Will").
_PROPAGATE_MAX_ZIPF = 4.8


# A one-word mention at a sentence start whose lower-case form is at least this frequent
# (or that the document also writes in lower case: _written_lower) is a common word
# capitalised by its position ("Troop said ...", "Attendance: 29,300"), unless the document
# also capitalises it elsewhere ("troop" 3.7, "attendance" 4.2).
_INITIAL_COMMON_ZIPF = 3.5
# What precedes a sentence start: the text start, a blank line, or a sentence's end
# punctuation (not an abbreviation's: "U.S. Treasury", "Mr. Young"), then perhaps an opening
# quote. A single line break is not one: wire copy wraps its lines mid-sentence.
_TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Col", "Lt", "Capt", "Sgt", "Cpl", "Pvt",
                        "Maj", "Adm", "Cmdr", "Rep", "Sen", "Gov", "Rev", "Hon", "St", "Mt", "Ft", "vs", "v")
NOT_AFTER_ABBREVIATION = "".join(  # one look-behind per length: Python's must be of fixed width
    rf"(?<!\b(?:{'|'.join(w for w in _TITLE_ABBREVIATIONS if len(w) == n)}))"
    for n in sorted({len(w) for w in _TITLE_ABBREVIATIONS}))
_SENTENCE_START = re.compile(rf"(?:^\s*|\n[ \t]*\n\s*|(?<![A-Z]){NOT_AFTER_ABBREVIATION}[.!?][\"”’)]?\s+)[\"“‘(]?\s*$")
# After a mention: a possessive or a capitalised word ("Senate Republican leader").
_NAME_NEXT = re.compile(r"['’`]s\b| [A-Z]")


# A company's legal form as a name's last word: the NER tags "Purolator Courier Corp" in part,
# "Courier Corp", and as a person ("Buckhorn Inc", "Mabon Nugent and Co."). A person has none.
# Folded, without a dot; resolve drops them from a company's key ("Chrysler Corp" = "Chrysler").
LEGAL_FORMS = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "ltd", "limited", "plc", "llc",
    "lp", "ag", "sa", "nv", "bv", "gmbh", "spa", "cie", "pty", "kk", "oyj", "ab", "asa",
    "na",  # a U.S. national bank's "National Association": "Wells Fargo Bank NA"; a table's "vs NA" alone no name
})
# Words that name no company on their own: what the NER leaves of "Jefferies and Co Inc"
# when it splits at "and" ("Co Inc", 29 of 3,000 Reuters articles; "INC" of a headline, 27).
FORM_WORDS = LEGAL_FORMS | {"group", "and", "&"}
# Last words that make a multi-word organisation a company, whose first word is its short name.
CORPORATE_WORDS = LEGAL_FORMS | {
    "group", "holdings", "company", "mining", "minerals", "resources", "bank", "airlines", "airways",
    "motors", "industries", "petroleum", "oil",
}
# Wire copy's money and quantity words, capitalised in "17.18 billion N.Z. Dlrs" or "U.S. Dlrs":
# the NER took 17 such units for people in 2,000 Reuters articles. A name never ends in one.
_UNITS = {"dlrs", "dlr", "cts", "pct", "mln", "bln", "stg"}
# Capitalised words the left extension of a company name stops at: a name does not begin with them.
_NOT_COMPANY_START = {"the", "a", "an", "said", "says", "for", "of", "by", "in", "on", "and", "to", "from", "with",
                      "but", "while", "when", "after", "yesterday", "today", "meanwhile", "however",
                      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                      "underwriter"}  # "Underwriter Merrill Lynch and Co Inc <MER> said": its role (_FIRM_ROLE)
_CAP_WORD_BEFORE = re.compile(r"(?<![\w.&'\-])([A-Z][\w.&'\-]*)[ \t]+$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "E.F." Hutton, "U.S."


# Reuters writes a company's name or ticker in angle brackets: "Chemical New York Corp <CHL>",
# "<Qantas Airways Ltd>". The NER took "CHL>" for a person, "NEC Corp>" with its bracket, and
# "TEX> Continental Airlines" across one (142 of 3,976 entities of 1,316 articles kept a ">"). Hard-wrapped
# copy breaks a line inside them too ("<Wagner\nand Brown>": 665 of 19,043 Reuters articles' names).
_BRACKETED = re.compile(r"<([A-Z][\w.&'’, \n-]{0,58}[\w.])>")
_TICKER = re.compile(r"[A-Z0-9]{1,6}(?:[ .][A-Z]{1,3})?")  # "CHL", "VOLV ST", "BBCZ.Z", "BK.N"
_NAME_BEFORE = re.compile(r"[A-Z][\w.&'’-]*[ \t]+$")  # the name a symbol follows: "Texaco Inc <TEX>"


# Academic degrees, written out: "Candidate of Political Science" (the Russian kandidat
# nauk), "Doctor of Philosophy", "Master of Business Administration". The NER takes them
# for organisations; they name a qualification of a person, never an entity.
_DEGREES = {"candidate", "doctor", "master", "bachelor", "licentiate"}
# A field of study is written in common words ("political" 4.4, "science" 4.8).
_FIELD_MIN_ZIPF = 3.0


# Table column headers the NER takes for names: "W L T GF GA", "W L PCT GB".
_HEADER = re.compile(r"[A-Z]{1,3}(?: [A-Z]{1,3}){2,}")


@dataclass
class Span:
    start: int
    end: int
    type: str  # person | organization | location
    source: str  # "gazetteer" (EntityRuler), "ner", "city", "team", or "rule"/"body"/"context" (set here)


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# Languages whose text names the same firms and people as English text: a name is about as frequent
# in each of them as in English (wordfreq: "boeing" 3.8 in English, 3.3 to 3.8 in these; "toyota",
# "apple", "ford" alike), an English word far less in one of them at least ("troop" 3.7, under 3 in each;
# "union" 5.1, 3.6 in Portuguese; "bonus" 4.5, 3.1; "net" 4.8, 3.7)
_OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
_NAME_MARGIN = 0.6


@lru_cache(maxsize=10_000)
def _international(word: str) -> bool:
    """Whether a frequent English `word` (folded) is within _NAME_MARGIN of its English frequency in
    every language of _OTHER_LANGUAGES: a name in all of them ("boeing"), not an English word that
    English text capitalises only at a sentence's start ("troop", "union")."""
    from wordfreq import zipf_frequency

    # their small lists (words of zipf 3 and more: 15 MB for the six, where the large ones took 210 MB)
    least = min(zipf_frequency(word, lang, wordlist="small") for lang in _OTHER_LANGUAGES)
    return least >= _zipf(word) - _NAME_MARGIN


_GIVEN_NAME_MIN_ZIPF = 3.0  # "igor" 3.4, "margaret" 4.2; a word English never writes ("tallinna") tells nothing


def _given_name(word: str) -> bool:
    """Whether `word` may be a given name by its frequencies, no list of given names being at hand: one
    English text writes (wordfreq) and as often in each of six other languages (_international:
    "Margaret", "Karen", "Igor"), as no English word is ("White", "Consolidated", "Court")."""
    w = word.lower()
    return _zipf(w) >= _GIVEN_NAME_MIN_ZIPF and _international(w)


def initials(words: list[str], keep_stop: bool = False) -> str:
    out = []
    for w in words:
        for part in w.split("-"):
            if part and (keep_stop or part.lower() not in _STOP) and part[0].isalnum():
                out.append(part[0].upper())
    return "".join(out)


def acronym_letters(text: str) -> str:
    """An acronym as its letters and digits, in capitals: "U.S." -> "US", "Sipri" -> "SIPRI"."""
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def acronym_suffix(acronym: str, long_form: str) -> int | None:
    """Index of the first word of `long_form` whose initials spell `acronym`, else None.

    "U.S. Center for Strategic and International Studies" / "CSIS" -> 1 (skips "U.S.").
    """
    a = acronym_letters(acronym)
    words = long_form.split()
    if len(a) < 2 or len(words) < 2:
        return None
    for i in range(len(words) - 1):
        tail = words[i:]
        if initials(tail) == a or initials(tail, keep_stop=True) == a:
            return i
    return None


# A people's adjective that is also an organisation's short name: "American" is the airline (4
# in CoNLL-2003's gold), "Swiss" another
_DEMONYM_ORGANISATIONS = frozenset({"American", "Swiss"})


# "General Tire", "Gen Term": a company whose name opens with the rank, which the NER took
# for a general of that name ("Tire" was a person once the rank was stripped as a title). Not
# a rank after another title: a hyphen ("Secretary-General Perez de Cuellar") or a capitalised
# word before it ("Attorney General Meese": _CAP_WORD_BEFORE, a title of any length).
_GENERAL = r"(?<![\w-])(?:General|Gen\.?) "
_GENERAL_BEFORE = re.compile(_GENERAL + "$")
_GENERAL_NAMED = re.compile(_GENERAL + r"([A-Z][a-z]+)((?: [A-Z][a-z]+)*)")
# what a company does, not a person: "General Tire said it ...", "General Tire, a subsidiary of GenCorp,"
# What a company is part of another as: "Bedford Trucks subsidiary", ", a unit of", "the Reagan unit"
_PARENT_KINDS = r"subsidiary|unit|division|affiliate"
_COMPANY_NEXT = rf"(?:,? (?:said|says) it\b|, (?:a|the) (?:\w+ )?(?:{_PARENT_KINDS}) of\b)"


def _general_companies(text: str, spans: list[Span]) -> list[Span]:
    """A "person" named by the rank General and a word is a company where the document says so:
    it names the company with more words ("General Cinema Corp" beside "General Cinema said"),
    or writes the word in lower case as the English word it is and speaks of the name as of a
    company ("General Tire said it ... tire dealers"). Three Reuters companies of 2,500 articles
    (General Tire, General Cinema, Gen Term) gave the people "Tire", "Cinema" and "Term"; a
    general named by a surname is neither ("General Powell", "General Grant ... a land grant")."""
    out = []
    for s in spans:
        if s.type == "person":
            m = _GENERAL_BEFORE.search(text, max(0, s.start - 20), s.start)
            n = _GENERAL_NAMED.fullmatch(text, m.start() if m else s.start, s.end)
            if n and not _CAP_WORD_BEFORE.search(text, max(0, n.start() - 40), n.start()):
                head = text[n.start():n.end(1)]  # "General Cinema"
                named_longer = any(o.type == "organization" and text.startswith(head, o.start)
                                   and o.end > o.start + len(head) for o in spans)
                word = n.group(1)
                if named_longer or (not n.group(2) and _zipf(word.lower()) >= _INITIAL_COMMON_ZIPF
                                    and re.search(rf"(?<![\w-]){word.lower()}s?\b", text)
                                    and re.search(re.escape(head) + _COMPANY_NEXT, text)):
                    s = Span(n.start(), s.end, "organization", s.source)
        out.append(s)
    return out


def postprocess(text: str, spans: list[Span]) -> list[dict]:
    """Clean, make consistent and complete the spans of one document; returns mention dicts."""
    if "Gen" in text:
        spans = _general_companies(text, spans)
    datelines = find_datelines(text)  # read by _across_datelines, _datelines and _dateline_regions
    if datelines:
        spans = _across_datelines(text, spans, datelines)
    if "-" in text or "–" in text:
        spans = _cut_at_scores(text, spans)
    cleaned: list[Span] = []
    wrapped = None  # whether the text is hard-wrapped copy (asked once, at the first span with a break)
    for sp in spans:
        if "\n" in text[sp.start:sp.end]:
            if wrapped is None:
                wrapped = _hard_wrapped(text)
            if not (wrapped and _one_name_across(text, sp)):
                sp = _longest_line(text, sp)
        if _degree(text[sp.start:sp.end]):
            continue
        if (role := _FIRM_ROLE_WORD.match(text, sp.start, sp.end)) is not None:
            sp = Span(role.end(), sp.end, sp.type, sp.source)  # "Underwriter Merrill Lynch and Co Inc <MER> said"
        r = clean_span(text, sp.start, sp.end, sp.type)
        source, typ = sp.source, sp.type
        if r and sp.type == "person" and (a := _after_nationality(text, *r)) != r[0]:
            r = clean_span(text, a, r[1], sp.type)  # and a title after it: "Saudi King Fahd"
            if r and " " not in text[r[0]:r[1]]:
                # a person of one name by the nationality before it, which _vote follows as the gazetteer's:
                # "surprise Russian Arkhipova" made every "Arkhipova" a person (the NER's places) while the
                # nationality stayed in the name, and none once it was cut
                source = "context"
        elif r and sp.type != "person" and source == "ner" and (a := _person_after_nationality(text, *r, sp.type)):
            r, typ, source = (a, r[1]), "person", "context"  # "Australian Margaret Court" was an organisation
        if r and not _HEADER.fullmatch(text[r[0]:r[1]]):
            name = text[r[0]:r[1]]
            if (demonym_country(name) is not None or name in IRREGULAR_DEMONYMS) and (
                    sp.type != "organization" or name not in _DEMONYM_ORGANISATIONS):
                # a people's adjective is no place, person or organisation: spaCy's NORP, which it
                # took for a place in "a group of Ukrainian lawmakers" and "the Zambian copperbelt"
                # (8 mentions of 2,500 Reuters articles and 500 web pages), and for a place or an
                # organisation in "11 Kuwaiti tankers", "The Ugandan government" (119 of 19,043)
                continue
            # a country in capitals, which the case-sensitive gazetteer misses: a table's row
            # label ("SWAZILAND  nil  14,560" was a person) or a headline's
            kind = "location" if typ != "location" and name.isupper() and country_display(name) else typ
            if kind == "location" and _BODY_LAST.search(name):
                kind = "organization"  # "Brazilian Embassy", "Trans-Island Bus Service Pte Ltd" were places
            elif kind == "person" and _PERIODICAL_LAST.search(name):
                kind = "organization"  # a periodical: the "Weather and Crop Bulletin"'s "Crop Bulletin" was a person
            cleaned.append(Span(r[0], r[1], kind, source))
    cleaned = _forms_end_names(text, cleaned)
    if wrapped or (wrapped is None and "\n" in text and _hard_wrapped(text)):
        cleaned = _wrapped_places(text, cleaned)
        cleaned = _wrapped_organisations(text, cleaned)
    if ")" in text:
        cleaned = _parenthesised(text, cleaned)
        cleaned = _qualified_companies(text, cleaned)
    if "<" in text:
        cleaned = _bracketed(text, cleaned)
    cleaned = _partnerships(text, cleaned)
    cleaned = _legal_forms(text, cleaned)
    cleaned = _companies_of_places(text, cleaned)
    cleaned = _partners_of_companies(text, cleaned)
    cleaned = _untagged_companies(text, cleaned)
    cleaned = _owners(text, cleaned)
    cleaned = _no_names(text, cleaned)
    cleaned = _institutions_of_places(text, cleaned)
    cleaned = _bodies_after_places(text, cleaned)
    cleaned = _title_fields(text, cleaned)
    word_index = _WordIndex(text)
    cleaned = _datelines(text, cleaned, datelines)
    cleaned = _bylines(text, cleaned, datelines)
    cleaned = _row_labels(text, cleaned)
    cleaned = _initial_common_words(text, cleaned, word_index)
    cleaned = _plural_nouns(text, cleaned, word_index)
    cleaned = _misspelt_openers(text, cleaned)
    cleaned = _common_openers(text, cleaned, word_index)
    cleaned = _slugs(text, cleaned)
    cleaned = _exercises(text, cleaned)
    cleaned = _storms(text, cleaned)
    cleaned = _merge_adjacent(text, cleaned, frozenset(m.start(1) for m in datelines))
    cleaned = _joined_companies(text, cleaned)
    if _PARTICLE.search(text):
        cleaned = _portuguese_names(text, cleaned)
    cleaned = _romance_companies(text, cleaned)
    cleaned = _titled_persons(text, cleaned)
    cleaned = _teams(text, cleaned)
    if " " in text:
        cleaned = _clubs_in_results(text, cleaned)
    cleaned = _regions(text, cleaned, word_index)  # after _teams: "Goias 1 Gremio 3" is a club
    cleaned = _common_noun_acronyms(text, cleaned)
    cleaned = _acronyms(text, cleaned)
    cleaned = _acronym_persons(text, cleaned)
    cleaned = _the_heads(text, cleaned)
    cleaned = _people_by_context(text, cleaned, word_index)
    cleaned = _organisations_by_noun(text, cleaned, word_index)
    cleaned = _things_after_the(text, cleaned)
    cleaned = _firms_of_names(text, cleaned, word_index)
    cleaned = _facilities(text, cleaned, word_index)
    cleaned = _appositive_companies(text, cleaned)
    cleaned = _occupied_persons(text, cleaned)
    cleaned = _institutions_named_for_persons(text, cleaned)
    if "(" in text:
        cleaned = _entrants(text, cleaned)
    if " - " in text:
        cleaned = _squads(text, cleaned)
    cleaned = _vote(text, cleaned)
    cleaned = _propagate(text, cleaned, word_index)
    cleaned = _company_openings(text, cleaned)
    cleaned = [s for s in cleaned if not _stock_index(text, s)  # after _propagate, which finds their repeats
               and not (s.type != "person" and text.endswith(_INSTRUMENTS, s.start, s.end)
                        and _INSTRUMENT_LAST.search(text, s.start, s.end))
               and not _names_an_instrument(text, s)]
    out = [{"text": text[s.start:s.end], "type": s.type, "start": s.start, "end": s.end} for s in cleaned]
    _person_titles(text, out)
    out = _dateline_regions(text, out, datelines)
    _dateline_states(text, out)
    _cities_of_states(text, out)
    _misspelt_countries(out)
    out = _vessels(text, out)
    generic: dict[str, bool] = {}  # one answer per spelling, not per mention
    longer = [(m["start"], m["end"]) for m in out if any(c.isspace() for c in m["text"])]  # sorted, as `out`
    for m in out:
        if m["type"] == "organization":
            if m["text"] not in generic:
                generic[m["text"]] = _generic(text, m["text"], word_index, longer)
            if generic[m["text"]]:
                m["generic"] = True
    _national_bodies(text, out, datelines)
    return out


def _cut_at_scores(text: str, spans: list[Span]) -> list[Span]:
    """Each span cut at a score inside it: the NER ran "Leeds beat Chelsea 2-1 at Elland Road" into the
    organisation "Chelsea 2-1 at Elland Road" (normalize.score_pieces). The pieces keep its type."""
    out = []
    for sp in spans:
        pieces = score_pieces(text, sp.start, sp.end)
        out.extend([sp] if pieces == [(sp.start, sp.end)] else (Span(a, b, sp.type, sp.source) for a, b in pieces))
    return out


# A law's, a bill's or a treaty's name is an instrument's, no body's or place's: "the government's proposed
# Banking Bill", "the Financial Services Act", "the Federal Railway Labor Act", "the Paris Accord" were
# organisations or places (11 mentions of 2,500 Reuters stories; CoNLL-2003 annotates "Warsaw Pact" as
# MISC). Not a "Law" ("Stuart Law", "South Texas College of Law"), a "Plan" (a health plan is a company)
# or an "Agreement" (the council of "the International Coffee Agreement" sets quotas).
_INSTRUMENTS = ("Act", "Bill", "Accord", "Accords", "Pact", "Treaty", "Amendment")
_INSTRUMENT_LAST = re.compile(rf"[ \t](?:{'|'.join(_INSTRUMENTS)})$")
# ... and so is the name the NER cut from its kind in lower case: "the Louvre accord" gave the person
# "Louvre", "the Paris accord" (the February 1987 currency accord, 19 mentions of 2,500 Reuters stories)
# the place Paris, where the city is only where it was struck. Not a party to it: a country ("the
# Canadian-U.S. pact"), an organisation ("the December OPEC accord"), a person the text names so.
_INSTRUMENT_NEXT = re.compile(r"[ \t]+(?:accords?|pact|treaty)\b")


def _names_an_instrument(text: str, s: Span) -> bool:
    """Whether the person or city `s` names the accord, pact or treaty written after it."""
    if s.type == "organization" or not _INSTRUMENT_NEXT.match(text, s.end):
        return False
    name = text[s.start:s.end]
    if s.type == "location":
        return not (country_display(name) or country_of_word(name) or name in us_state_names())
    return " " not in name and not _titled(text, s.start)


# A ship's name follows its kind: "the U.S. frigate Stark", "the tanker the Sea Isle City", "the
# aircraft carrier Kitty Hawk" ("carrier" alone is also an airline: "U.S. carrier TWA"); not
# the verb ("to ship U.S. hides", "will ship Cargill's wheat", "could ferry Marines") nor a
# plural ("vessels Kuwait had sought")
_VESSEL_BEFORE = re.compile(
    r"(?<![\w-])(?<!n't )" + "".join(rf"(?<!\b{verb} )" for verb in (
        "to", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "not"))
    + r"(?:(?:super)?tanker|frigate|destroyer|cruiser|warship|battleship|submarine|freighter|liner|"
    r"ferry|tug|trawler|steamer|vessel|ship|(?:aircraft|bulk|ore|oil|gas|product|cargo|container|ore/bulk/oil)"
    r"[ \t]+carrier)[ \t]+(?:the[ \t]+)?$", re.I)


# A person's nationality before the name, which the NER takes into it: "Swede Kennet Andersson and Russian
# Igor Kolyvanov in attack" gave the person "Russian Igor Kolyvanov" (CoNLL-2003). The adjectives of
# gazetteer.demonym_country and IRREGULAR_DEMONYMS, and these: nouns, the adjectives of countries of two
# words ("New Zealander Chris Cairns") and those demonym_country's rule cannot make ("Lebanese", "Afghan")
_NATIONALITIES = frozenset({
    "English", "Scottish", "Welsh", "Frenchman", "Frenchwoman", "Dutchman", "Dutchwoman", "Englishman",
    "Englishwoman", "Irishman", "Irishwoman", "Scotsman", "Scotswoman", "Welshman", "Swede", "Briton", "Spaniard",
    "Pole", "Turk",  # not "Finn", "Dane", "Scot": given names too ("Finn Christian Jagge", "Scot Gemmill")
    "New Zealander", "Sri Lankan", "Costa Rican", "Puerto Rican", "Northern Irish", "Lebanese", "Zimbabwean",
    "Argentinian", "Bosnian", "Slovak", "Slovene", "Serb", "Croat", "Afghan", "Cypriot", "Filipino", "Kazakh",
    "Uzbek", "Ivorian", "Azeri", "Nepali", "Korean",
})
_NAME_WORD = re.compile(r"[A-Z][\w.'’-]*")
_LEADING_WORDS = {n: re.compile(rf"(?:\S+\s+){{{n}}}") for n in (1, 2)}


def _named_alone(text: str, lead: str, word: str) -> bool:
    """Whether the text names `word` without the nationality `lead` before it too, as a story names a
    person of one name after its first mention ("Brazilian Ronaldo scored ... Ronaldo's second goal").
    A nationality before one name word may be a given name ("German Gref", "Kenyan McDuffie", a web
    page's only mention of him) or a name's first word ("Swiss Volksbank", named so each time)."""
    alone = len(re.findall(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text))
    return alone > len(re.findall(rf"(?<![\w'’-]){re.escape(lead)}\s+{re.escape(word)}(?![\w-])", text))


def _one_name(word: str) -> bool:
    """Whether `word` may be a person's one name after a nationality ("Brazilian Ronaldo"): a word rare in
    English, or one as frequent in other languages (_international: "Ronaldo", "Marshall"), not an English
    word that a firm's or an event's name holds after its nationality ("Australian Open", "American
    Express", "Swiss Life", "Korean Air"), which a text also writes alone ("the French Open", "Air France",
    "Life insurers") and the NER may take for a person's name."""
    w = word.lower()
    return _zipf(w) < _INITIAL_COMMON_ZIPF or _international(w)


def _after_nationality(text: str, start: int, end: int) -> int:
    """Where a person's name starts after a nationality that opens text[start:end]: "Russian Igor
    Kolyvanov" is "Igor Kolyvanov", "Brazilian Ronaldo" "Ronaldo". Before one name word, only where the
    text names it alone too (_named_alone): "German Gref" is a name of two words, and so is "Roman
    Polanski". Not in an organisation's name the NER took for a person's, which the rules below retype:
    "Thai Farmers Bank" had become "Farmers Bank", "Irish Republican Army" "Republican Army"
    (_ORGANISATION_LAST)."""
    words = text[start:end].split()
    if words[-1].lower() in _ORGANISATION_LAST or any(_form_word(w) in CORPORATE_WORDS for w in words):
        return start
    if not (n := _nationality_lead(words)):
        return start
    if len(words) == n + 1 and not (_one_name(words[n]) and _named_alone(text, " ".join(words[:n]), words[n])):
        return start
    return _LEADING_WORDS[n].match(text, start, end).end()


def _nationality_lead(words: list[str]) -> int:
    """How many of `words` (one or two) are a nationality before a name ("Russian", "New Zealander"), or 0."""
    for n in (2, 1):
        lead = " ".join(words[:n])
        if len(words) > n and (lead in IRREGULAR_DEMONYMS or lead in _NATIONALITIES
                               or (n == 1 and demonym_country(lead) is not None)) \
                and all(_NAME_WORD.fullmatch(w) for w in words[n:]):
            return n
    return 0


_SURNAME_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Aa]n?|[A-Z][\w'’-]*)[ \t\n]+$")  # what no surname alone follows
# what a surname opening a sentence is followed by, as a common word opening one is not ("Institute
# scientists said", "Society members voted"): a verb of speech or a possessive
_SURNAME_OPENING_NEXT = re.compile(r"['’]s\b|,?[ \t]+(?:said|says|told|added)\b")
# a name's last word English writes as a common word ("Society", "World", "Bridge", "Court"), as often
# as this at least and not as often abroad (_international: a surname, "Ford", "Merkel", "Lee", is)
_COMMON_LAST_MIN_ZIPF = 4.0


def _surname_alone(text: str, word: str) -> bool:
    """Whether the text writes `word` alone as a person's surname, with no article nor name word before
    it ("Court said she was delighted"), as no institution's word is written ("the Court", "Supreme
    Court", "the Fund said"); opening a sentence, only before a verb of speech or a possessive
    ("Kanu's second goal", not "Institute scientists said", which any word opening a sentence is)."""
    return any(not _SURNAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
               and (not _capitalised_by_place(text, m.start()) or _SURNAME_OPENING_NEXT.match(text, m.end()))
               for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text))


def _common_last(word: str) -> bool:
    """Whether `word`, a name's last, is a common English word and no name by its frequency abroad
    ("Society", "World", "Bridge", "Court"; not "Lee", "Merkel", "Kolyvanov")."""
    w = word.lower()
    return _zipf(w) >= _COMMON_LAST_MIN_ZIPF and not _international(w)


def _person_after_nationality(text: str, start: int, end: int, kind: str) -> int | None:
    """Where a person's name starts after a nationality in the NER's organisation or place text[start:end]
    ("Australian Margaret Court" an organisation, "Nigerian Kanu" a place), when the rest passes for a
    person's name. Two to four words of a reporter's name (_byline_name) whose first is a given name
    (_given_name: "Margaret", not "Consolidated", nor "Tallinna Pank", "Jiji Press", words English never
    writes), an institution's last word or a common English word's (_common_last: "Society", "World")
    allowed where the text writes it alone as a surname (_surname_alone: "Court said she", never "the
    Fund said"; "Max Planck Society", "Walt Disney World" are no persons). In a place only, one word as
    _after_nationality takes it (_one_name, named alone), written as a surname too ("Kanu's second
    goal", not "the French Riviera ... the Riviera"), no plural, no organisation's word: a nationality
    names a firm of one word ("Swiss Volksbank", "Nigerian Breweries") but no place. Not a firm's or an
    event's name ("Australian Open", "American Express"), nor "German Marshall Fund"."""
    words = text[start:end].split()
    n = _nationality_lead(words)
    if not n:
        return None
    rest = words[n:]
    name = " ".join(rest)
    if not all(_PERSON_NAME_WORD.fullmatch(w) and not _POSSESSIVE_END.search(w) for w in rest) \
            or any(_form_word(w) in CORPORATE_WORDS for w in rest) or _place_name(name):
        return None
    if len(rest) == 1:
        w = rest[0]
        ok = kind == "location" and w.lower() not in _ORGANISATION_LAST and not _common_plural(w) \
            and _one_name(w) and _named_alone(text, " ".join(words[:n]), w) and _surname_alone(text, w)
    else:
        last = rest[-1]
        institution = last.lower() in _ORGANISATION_LAST
        ok = _given_name(rest[0]) and len(rest) <= 4 and (institution or _byline_name(name)) and (
            not (institution or _common_last(last)) or _surname_alone(text, last))
    return _LEADING_WORDS[n].match(text, start, end).end() if ok else None


def _vessels(text: str, mentions: list[dict]) -> list[dict]:
    """A ship is no person, organisation or place: the NER made "Stark" (a US frigate) and
    "Kitty Hawk" people, "Sea Isle City" a place (56 mentions of 19,043 Reuters stories), and a
    ship's person joins the persons of its name. Its other mentions in the article go with it
    ("The Stark was hit"), but for a place's name; a country stays ("the vessel Kuwait" is
    rare, the country everywhere)."""
    named = [m for m in mentions if _VESSEL_BEFORE.search(text, max(0, m["start"] - 40), m["start"])
             and not country_display(m["text"])]
    if not named:
        return mentions
    # a place's other mentions stay the place: "the battleship Missouri" beside the state
    ships = {m["text"] for m in named if not _place_name(m["text"])}
    drop = {id(m) for m in named}
    return [m for m in mentions if id(m) not in drop and m["text"] not in ships]


_RUN = re.compile(r"[\w\-]+")  # a word, hyphenated or not: what _NAME_EDGE continues


class _WordIndex:
    """Where each whole word of one text starts, from one pass over it (on first use).

    The checks below ask, name by name, where a name stands as a whole word; a regex or
    str.find over the whole text for each distinct name made a long text cost names x length
    (2 MB of varied news spent minutes in them).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._runs: dict[str, list[int]] | None = None  # [\w-]+ run -> its starts, ascending
        self._pieces: dict[str, list[int]] = {}  # \w+ piece of a hyphenated run ("pro-Troop") -> its starts
        self._sorted: list[str] | None = None

    def runs(self) -> dict[str, list[int]]:
        if self._runs is None:
            self._runs = defaultdict(list)
            for m in _RUN.finditer(self._text):
                self._runs[m.group()].append(m.start())
            for run, starts in self._runs.items():
                if "-" in run:
                    for piece in re.finditer(r"\w+", run):
                        self._pieces.setdefault(piece.group(), []).extend(a + piece.start() for a in starts)
        return self._runs

    def hyphenated(self, word: str) -> list[int]:
        r"""Starts of `word` where neither side continues it: (?<![\w-])word(?![\w-])."""
        return self.runs().get(word, [])

    def plain(self, word: str) -> list[int]:
        r"""Starts of the \w+ word `word` where neither side continues it: (?<!\w)word(?!\w)."""
        self.runs()
        return sorted(self.hyphenated(word) + self._pieces.get(word, []))

    def extended(self, word: str) -> bool:
        r"""Whether a run starts with `word` and a lower-case letter: (?<![\w-])word[a-z]."""
        if self._sorted is None:
            self._sorted = sorted(self.runs())
        i = bisect.bisect_right(self._sorted, word)  # runs longer than word that start with it follow it
        while i < len(self._sorted) and self._sorted[i].startswith(word):
            if "a" <= self._sorted[i][len(word)] <= "z":
                return True
            i += 1
        return False


_CAPS_RUN = r"[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3}"  # both runs open with [A-Z] (_DATELINE)
_TITLE_RUN = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
# "RANGOON 1996-12-06", "SALVADOR, Feb 26", "ABUJA, Nigeria –", "MOSCOW (IDN) –": the all-caps
# word opening a news item is the place it was filed from; a region after it ("ROSEMONT, ILL.,
# March 6", "WHEELING, W. Va., June 2", "FORT WORTH, Texas, March 12", "CELINA, OHIO, March 20",
# "ABUJA, Nigeria –", an agency's after it too: "LYON, France (AP) –", as after a date: "ZURICH, Oct
# 31 (Reuters) -") is a place too. `tail` is the rest of the dateline, up to its dash. The place in
# title case ("Sydney, March 3 - ") is read by `find_datelines` alone.
# The place's first capital opens the pattern and what may precede the place is looked behind
# from after it: the regex engine then only tries positions holding a capital, where a pattern
# opening with the lookbehinds was tried at every position (0.064 -> 0.027 ms an article, the
# same matches and groups on 7,156 Reuters, mt-dev, boilerplate-dev and CoNLL texts).
# A dateline's dash: a hyphen, an en or em dash, or the two hyphens of a plain-text wire ("WASHINGTON (AP) --")
_DASH = "(?:--|[–—-])"
# The agency in brackets, of one word or of several ("(Reuters)", "(Reuters Health)", "(Thomson Reuters Foundation)")
_AGENCY_BRACKETS = r" \([A-Za-z]{2,12}(?: [A-Z][A-Za-z]{1,11}){0,2}\)"
# A dateline's date, the month first ("Oct 31", "March 3") or the day ("31 Oct", Reuters' own copy in many bureaus;
# not with a year after it: "BBC, 4 August 2012 Last updated", "BBC, Aug 4, 2012" are a source's date line),
# unless a dash or an agency follows the year, as in a dateline: "WASHINGTON, Oct. 5, 2009 (Reuters) -",
# "NEW YORK, March 3, 2015 /PRNewswire/ --"
_YEAR_OF_DATELINE = rf", \d{{4}}(?=(?:{_AGENCY_BRACKETS}| /[A-Za-z-]+/)? {_DASH} )"
_DAY_MONTH = rf"(?:{_MONTH} \d{{1,2}}\b(?:{_YEAR_OF_DATELINE}|(?!,? \d))|\d{{1,2}} {_MONTH}(?![A-Za-z]|,? \d))"
_DATELINE = re.compile(
    rf"([A-Z](?:(?<=^[A-Z])|(?<=\n[A-Z])|(?<=\. [A-Z])|(?<=[a-z] [A-Z]))(?:{_CAPS_RUN[5:]}|{_TITLE_RUN[5:]}))"
    rf"(?=(?P<tail>(?: ?, ?(?P<r1>[A-Z][\w.]+(?: [A-Z][\w.]+){{0,3}}))? (?P<iso>\d{{4}}-\d\d-\d\d)\b(?: {_DASH} )?"
    rf"|(?:, (?P<r2>[A-Z][A-Za-z]{{0,4}}\.(?: ?[A-Z][A-Za-z]?\.)?|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}|[A-Z]{{3,}}(?: [A-Z]{{3,}})?))?"
    rf", {_DAY_MONTH}(?P<dash>(?:{_AGENCY_BRACKETS})? {_DASH} )?"  # "ROSEMONT, ILL., March 6", "(Reuters) -"
    rf"|(?:, (?P<r3>[A-Z][\w.]+(?: [A-Z][\w.]+){{0,2}})(?:{_AGENCY_BRACKETS})?|{_AGENCY_BRACKETS}) {_DASH} ))",
    re.M,
)


_WEEKDAYS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
                       "wednesday", "thursday", "friday", "saturday", "sunday"})


# What may share a line with a dateline before it, a byline or a photo's caption: "By Jane Doe LONDON (Reuters) -",
# "FILE PHOTO: Traders work on the floor. REUTERS/Lucas Jackson NEW YORK (Reuters) -"
_BYLINE_OR_CAPTION = re.compile(r"(?:^|\n)[ \t]*(?:By(?:[ \t]+[A-Z][\w.'’-]*){1,4}(?:[ \t]+(?:and|&)(?:[ \t]+[A-Z][\w.'’-]*){1,4})?"
                                r"|(?:FILE[ \t]+)?PHOTO:[^\n]*)[ \t]+$")
_AGENCY_DASH = re.compile(rf"{_AGENCY_BRACKETS} {_DASH} $")


def _after_a_byline(text: str, m: re.Match) -> bool:
    """Whether a dateline within a line follows a byline or a caption opening the line, its agency in brackets
    before its dash: the agency tells a wire's dateline, which running text's brackets ("the EU (European
    Union) - the bloc") are not after a line opening "By" or "PHOTO:"."""
    return _AGENCY_DASH.search(m["tail"]) is not None \
        and _BYLINE_OR_CAPTION.search(text, max(0, text.rfind("\n", 0, m.start())), m.start()) is not None


# Kept for a pool batch's texts (64) and as many more: stage 2 asks twice for each text, for the model's
# input (blank_datelines, before spaCy runs on the batch) and for the rules (postprocess,
# after), and the scan (its pattern tried at every position) was 0.1 ms an article each time.
@lru_cache(maxsize=128)
def find_datelines(text: str) -> tuple[re.Match, ...]:
    """The text's datelines. A place in title case only at a line's start, before a date and a
    dash, and a place the gazetteer knows ("Sydney, March 3 - ", "New York, April 9 - ": 307 of
    19,043 Reuters stories): "Monday, March 3" or "Smith, May 4 -" in a sentence is no dateline.
    One in capitals at a line's start too, unless dated as CoNLL-2003's copy, written on one line
    ("Elif Kaban GENEVA 1996-12-06 In a gloomy"): in running text the pattern read "the EU (European
    Union) - the bloc" and "due by 1200 hrs EST, March 26, and" as datelines, and a headline's
    "U.S. CORN, BEANS - USDA"."""
    found = []
    for m in _DATELINE.finditer(text):
        place = m.group(1)
        if place.lower().rstrip(".") in _WEEKDAYS:
            continue  # a calendar's row: "TUE, APR 07 - INDIA, BOMBAY (RAMANAVMI)"
        if not m["iso"] and m.start() and text[m.start() - 1] != "\n" and not _after_a_byline(text, m):
            continue  # within a line: running text
        if not place.isupper() and not (
                m["dash"] and (m.start() == 0 or text[m.start() - 1] == "\n")
                and (country_display(place) or city_country(place) or place in us_state_names())):
            continue
        found.append(m)
    return tuple(found)


def blank_datelines(text: str) -> str:
    """The text with each dateline as spaces (offsets kept), for the NER alone: after
    "LONDON, March 3 - " spaCy's small model missed the name opening the story ("The Bank of
    England said", "The Finance Ministry": the lead organisation of 94 of 2,500 Reuters
    stories, helper review), and a region left in ("GAITHERSBURG, Md., April 17 - Genex
    Corp") ran into it ("Md., April 17 - Genex Corp", an organisation). `_datelines` and
    `_dateline_regions` tag the place and the region from the text itself."""
    spans = [(m.start(1), m.end("tail")) for m in find_datelines(text)]
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _across_datelines(text: str, spans: list[Span], datelines: tuple[re.Match, ...]) -> list[Span]:
    """The NER's names on either side of a dateline, which it ran across the blanked dateline
    (blank_datelines) as one: "Robert Kitson LONDON 1996-12-06 Centre Jason Little" (a byline, the
    dateline, the story's first words) was one person, and _datelines dropped it with the names in
    it (17 of CoNLL-2003's 231 test stories lost their byline so; Reuters' "ATLANTA, March 5 - Dixie
    Yarns Inc" its company, the NER's "...\n\nATLANTA, March 5 - Dixie Yarns Inc"). Each side is the
    NER's span, the dateline's place _datelines's. A span over lines is cut so where its longest
    line, the one postprocess keeps (_longest_line), holds the dateline; a headline's last words
    ("4TH QTR NET") before the blank line make no name."""
    starts, ends = [m.start(1) for m in datelines], [m.end("tail") for m in datelines]  # in text order, disjoint
    out = []
    for sp in spans:
        i = bisect.bisect_right(ends, sp.start)  # the first dateline ending after the span starts
        if i == len(ends) or starts[i] >= sp.end:
            out.append(sp)
            continue
        a, b = starts[i], ends[i]
        if "\n" in text[sp.start:sp.end]:
            line = _longest_line(text, sp)
            if not (line.start < b and a < line.end):
                out.append(sp)  # its longest line is another's, kept as it was
                continue
            sp = line
        out.extend(Span(lo, hi, sp.type, sp.source) for lo, hi in ((sp.start, a), (b, sp.end))
                   if text[lo:hi].strip() and not (lo == b and _story_opener(text, lo, hi)))
    return out


def _story_opener(text: str, start: int, end: int) -> bool:
    """Whether the words after a dateline are one common word the story's first place capitalises, no
    name: "ROME, March 2 - World animal health experts", "Police and security forces", "Plastic surgery
    is booming" (the NER's across the dateline, as _initial_common_words has it at a sentence start)."""
    w = text[start:end].strip()
    return (w.isalpha() and w[0].isupper() and w[1:].islower() and _zipf(w.lower()) >= _INITIAL_COMMON_ZIPF
            and not _NAME_NEXT.match(text, start + len(text[start:end].rstrip())) and w not in known_places())


def _datelines(text: str, spans: list[Span], datelines: tuple[re.Match, ...]) -> list[Span]:
    """Tag the dateline place (`datelines`: the text's _DATELINE matches); it is written in
    capitals the NER reads as an acronym."""
    found = []
    for m in datelines:
        a, b = m.span(1)
        if sum(c.isalpha() for c in text[a:b]) < 3:
            continue
        found.append(Span(a, b, "location", "gazetteer"))
    if not found:
        return spans
    # found is in text order and never overlaps itself, so its ends ascend too: one bisect
    # per span (testing every dateline against every span was quadratic in a long wire file)
    starts, ends = [f.start for f in found], [f.end for f in found]
    keep = [s for s in spans if not _overlaps_sorted(s.start, s.end, starts, ends)]
    return sorted(keep + found, key=lambda s: (s.start, -s.end))


# A byline's place: where a reporter's name stands before the story's dateline, on a line of its own, after
# "By" or after the headline's stop, and before the dateline, an agency's name between them at most:
# "By Elif Kaban\nGENEVA (Reuters) - ", "Vithoon Amorn, Reuters\n\nRANGOON, Dec 6 - ", and a text
# written on one line, "... copyright talks . Elif Kaban GENEVA 1996-12-06 In a gloomy ..."; the 1987 wire
# signed "Reuter" ("By Patti Domm, Reuter": 7 of Reuters-21578's 875 author lines); the agencies are
# search.newsroom's, the cleaner's too ("Maria Lopez, EFE", "By John Smith, UPI"), and in capitals as a
# byline in capitals writes them ("BY PATTI DOMM, REUTERS": 10 of Reuters-21578's 875 author lines)
_BYLINE_BEFORE = re.compile(r"(?:^|\n|[.!?][ \t]+)[ \t]*(?:[Bb][Yy]:?[ \t]+)?$")
_CREDIT_AGENCY = agency_pattern(AGENCY_NAMES + tuple({n.upper() for n in AGENCY_NAMES} - set(AGENCY_NAMES)))
_BYLINE_AFTER = re.compile(rf"(?:,?[ \t]*{_CREDIT_AGENCY}\.?)?\s+$")
_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "dos", "das", "van", "von", "der", "den", "bin", "al",
                        "el", "le", "la"})
_NAME_WORDS = r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|(?:%s)\b)){1,3}" % "|".join(sorted(_PARTICLES))
# ... and a byline or a credit line the NER may have missed: "By Elif Kaban" before the dateline, "Vithoon
# Amorn, Reuters" on a line of its own anywhere
# a second reporter's after "and" or "&", in the case the byline writes: "BY PATRICK RIZZO AND PATTI DOMM, REUTERS"
_AND_NAME = rf"(?:[ \t]+(?:and|AND|&)[ \t]+({_NAME_WORDS}))?"
_BYLINE_LINE = re.compile(rf"[ \t]*[Bb][Yy]:?[ \t]+({_NAME_WORDS}){_AND_NAME}[ \t]*")
_CREDIT_LINE = re.compile(rf"^[ \t]*(?:[Bb][Yy]:?[ \t]+)?({_NAME_WORDS}){_AND_NAME}[ \t]*,[ \t]*{_CREDIT_AGENCY}\.?[ \t]*$",
                          re.M)


# A newsroom's words in a byline's or a credit line's place, where a page or an agency names no reporter: "By
# Staff Reporter", "By Our Correspondent", "By Sports Desk", "Tokyo Newsroom, Reuters", "File Photo, Reuters"
# (search.newsroom's, the cleaner's too); and here only, a newspaper's words and "the", "your": "By The
# Times" names a paper, the cleaner's author as a newsroom's name, no person's
_NEWSROOM_WORDS = NEWSROOM_WORDS | frozenset("journal times herald tribune gazette the your".split())
# ... of which those that qualify a role go before it, and end no newsroom's name: a name's last, "Senior"
# is a surname ("Jennifer Senior, AP"), as "By Senior Correspondent" opens with it
_NEWSROOM_QUALIFIERS = frozenset({"senior", "special", "contributing"})


# The last words of a seat of government or of an office, a building named for the institution in it ("the
# White House said", "the Blue House", "the Elysee Palace"), or of the street it stands in ("Downing Street",
# "Wall Street"), which a credit line names as it names a reporter. A building or a street is named for a
# person too ("Clarence House", "Blair House"), in two words, where a reporter so named has a middle name
# or an initial ("Karen Elliott House")
_SEAT_LAST = frozenset({"house", "palace", "street", "avenue", "road", "square", "boulevard"})
# ... but a street a credit line names is one English writes of, its first word a word English text writes
# ("Downing" 3.4, "Wall" 5.0, "Tiananmen" 2.8): a word it hardly ever writes before a street's word is a
# given name, the reporter's or photographer's surname the street's word ("Picabo Street, AP": "Picabo" 1.2)
_STREET_WORDS = frozenset({"street", "avenue", "road", "square", "boulevard"})
_SEAT_FIRST_MIN_ZIPF = 2.0


def _byline_name(name: str) -> bool:
    """Whether `name` may be a reporter's: two to four words of a person's name (a particle among them:
    "Simona de Logu"), no company's or institution's word, no newsroom's (_NEWSROOM_WORDS; but for one
    qualifying a role, last: "Jennifer Senior", _NEWSROOM_QUALIFIERS), no place we
    know, no seat's ("White House, AP", "Elysee Palace, AFP", "Downing Street, AP": _SEAT_LAST) unless
    two words before it and a given name among them (_given_name: "Karen Elliott House", not "White",
    nor "Clarence House", a royal residence), or a street's after a word English hardly writes ("Picabo
    Street": _SEAT_FIRST_MIN_ZIPF).
    A name in capitals is read in title case ("BY PATTI DOMM, REUTERS")."""
    if name.isupper():
        name = name.title()
    words = name.split()
    return (2 <= len(words) <= 4 and all(_PERSON_NAME_WORD.fullmatch(w) or w in _PARTICLES for w in words)
            and not any(_form_word(w) in CORPORATE_WORDS or w.lower() in _NEWSROOM_WORDS for w in words[:-1])
            and words[-1].lower() not in _NEWSROOM_WORDS - _NEWSROOM_QUALIFIERS
            and _form_word(words[-1]) not in CORPORATE_WORDS
            and words[-1].lower() not in _ORGANISATION_LAST and not _place_name(name)
            and not (words[-1].lower() in _SEAT_LAST
                     and not (len(words) > 2 and any(_given_name(w) for w in words[:-1]))
                     and not (words[-1].lower() in _STREET_WORDS and len(words) == 2
                              and _zipf(words[0].lower()) < _SEAT_FIRST_MIN_ZIPF)))


# "By" before a name: a name in capitals is a reporter's after it ("BY PATTI DOMM, REUTERS"), and without
# it only where the NER took it for an organisation ("MARGUERITE NUGENT, REUTERS"); a line in capitals
# with no "By" is as often a kicker or a section's name ("MARKET WRAP, REUTERS", "WORLD CUP"), whose words
# in capitals pass for a name's
_BY_BEFORE = re.compile(r"\b[Bb][Yy]:?[ \t]+$")
# the wires and services a story is credited to in a byline's place, no reporter: "Dow Jones\nNEW YORK -"
_AGENCY_NAME = re.compile(_CREDIT_AGENCY)


def _named_organisation(text: str, span: Span, spans: list[Span]) -> bool:
    """Whether the NER's organisation `span` in a byline's place is one by what the text says of it: a name
    the NER types an organisation elsewhere in the text, or that the text writes after "the" ("White House,
    AP" over "... the White House said"), as no reporter's name is written."""
    name = text[span.start:span.end]
    return span.type == "organization" and bool(
        any(x.type == "organization" and x.start != span.start and text[x.start:x.end] == name for x in spans)
        or re.search(rf"\b[Tt]he[ \t\n]+{re.escape(name)}\b", text))


def _bylines(text: str, spans: list[Span], datelines: tuple[re.Match, ...]) -> list[Span]:
    """A reporter's name in a byline or a credit line is a person: the NER made organisations of
    "Klara Gajduskova PRAGUE 1996-12-06", "Lynnley Browning MOSCOW", "Vithoon Amorn RANGOON" and
    "Elif Kaban GENEVA" (4 of the 17 bylines of CoNLL-2003's test stories), and of "Vithoon Amorn,
    Reuters" on a credit line, and missed "By Elif Kaban" on a line of its own before the dateline,
    found here when its words pass for a person's name (_byline_name). Not one word ("... cattle
    roundup - USDA . AMARILLO"), nor a name that is no person's by its words ("Russian Finance
    Ministry"), nor a text's first line, a headline ("Dixie Yarns\n\nATLANTA, March 5 - "). The project
    keeps a byline's person as a mention, as eca7b70 did those the NER typed."""
    found: list[tuple[int, int, int]] = []  # names in a byline's place, with where their line's first opens
    ending: dict[int, list[Span]] = defaultdict(list)  # spans by their end: one look-up a dateline
    opening = len(text) - len(text.lstrip())  # where the text's first line, its headline, starts
    for s in spans if datelines else ():
        ending[s.end].append(s)
    for m in datelines:
        gap = _BYLINE_AFTER.search(text, max(0, m.start(1) - 40), m.start(1))
        if gap is None:
            continue
        end = gap.start()
        line = _BYLINE_LINE.fullmatch(text, text.rfind("\n", 0, end) + 1, end)
        if line is not None:
            found += [(*line.span(g), line.start(1)) for g in (1, 2) if line.group(g)]
        else:
            found += [(s.start, end, s.start) for s in ending.get(end, ()) if s.start > opening  # not a headline
                      and _BYLINE_BEFORE.search(text, max(0, s.start - 8), s.start)]
    if "," in text:
        found += [(*c.span(g), c.start(1)) for c in _CREDIT_LINE.finditer(text) for g in (1, 2) if c.group(g)]
    if not found:
        return spans
    by_span = {(s.start, s.end): s for s in spans}
    out = list(spans)
    for a, b, first in found:
        s = by_span.get((a, b))
        if _AGENCY_NAME.fullmatch(text[a:b]) or s is not None and _named_organisation(text, s, spans):
            continue
        # "By" before the line's first name: "BY STEPHEN JUKES AND PHILIP SHEHADI, REUTERS" names two reporters
        if text[a:b].isupper() and not _BY_BEFORE.search(text, max(0, first - 6), first) \
                and (s is None or s.type != "organization"):
            continue  # a kicker in capitals, no name: "MARKET WRAP, REUTERS", "PERSIAN GULF" before a dateline
        if s is not None and s.type != "person" and s.source == "ner" and _byline_name(text[a:b]):
            s.type, s.source = "person", "context"
        elif s is None and _byline_name(text[a:b]) and not any(
                x.start < b and a < x.end and not (a <= x.start and x.end <= b and x.type != "person")
                for x in out):
            # the NER's parts of the name, no person's, give way to it: "PHILIP SHEHADI" over its place "SHEHADI"
            out = [x for x in out if not (a <= x.start and x.end <= b)] + [Span(a, b, "person", "context")]
    return sorted(out, key=lambda s: (s.start, -s.end))


def _overlaps_sorted(start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    """Whether [start, end) overlaps one of the disjoint spans (starts[i], ends[i]), in text order."""
    i = bisect.bisect_right(ends, start)  # the first span ending after `start`
    return i < len(starts) and starts[i] < end


def _degree(span: str) -> bool:
    """"Candidate of Political Science": a degree word, "of" and a field in common words."""
    words = span.split()
    if len(words) < 3 or len(words) > 6 or words[0].lower() not in _DEGREES or words[1] != "of":
        return False
    field = [w.strip(",.;:") for w in words[2:] if w.lower() not in _STOP]
    return all(w[:1].isupper() and w.isalpha() and _zipf(w.lower()) >= _FIELD_MIN_ZIPF for w in field)


# "the annual Flintlock training", "Cobra Gold exercises": a name before one of these nouns
# names a military exercise or operation (no place, person or organisation).
_EXERCISE_NEXT = re.compile(
    r"[ \-](?:training|exercises?|drills?|maneuvers|manoeuvres|war ?games|wargames)\b"
)


def _exercises(text: str, spans: list[Span]) -> list[Span]:
    """Drop NER places that name an exercise, and their other mentions in the document.

    Places we know keep their type ("Kati drills").
    """
    names = {
        text[s.start:s.end] for s in spans
        if s.type == "location" and s.source == "ner" and _EXERCISE_NEXT.match(text, s.end)
        and text[s.start:s.end] not in known_places()
    }
    return [s for s in spans if not (s.type == "location" and s.source == "ner" and text[s.start:s.end] in names)]


# the storm's noun in either case ("superstorm Sandy" in 2 of 500 web gold pages), its name capitalised
_STORM = re.compile(r"\b(?i:Hurricane|Tropical Storm|Superstorm|Super Storm|Typhoon|Cyclone)\s+([A-Z][a-z]+)\b")


def _storms(text: str, spans: list[Span]) -> list[Span]:
    """A storm and its name are no person, organisation or place: "Hurricane Sandy" and "after
    Sandy hit" were organisations of 17 and 16 of 500 web gold pages. Bodies named after storms
    stay ("National Hurricane Center")."""
    # a storm's name is a given name, not a body's noun ("National Hurricane Center": "center"
    # 5.2; "Sandy" 4.2, "Katrina" 3.6), nor the start of a longer name ("Hurricane Relief Fund")
    names = {m.group(1) for m in _STORM.finditer(text)
             if _zipf(m.group(1).lower()) < _STORM_NAME_MAX_ZIPF and not _NAME_NEXT_CAP.match(text, m.end())}
    if not names:
        return spans
    out = []
    for s in spans:
        name = text[s.start:s.end]
        m = _STORM.search(name)
        if name in names or (m is not None and m.end() == len(name) and m.group(1) in names):
            continue
        out.append(s)
    return out


_NAME_NEXT_CAP = re.compile(r"[ \t]+[A-Z]")
_STORM_NAME_MAX_ZIPF = 5.0


# An organisation named by a common noun this frequent ("cabinet" 4.5, "senate" 4.8) and
# only ever written "the X" is a description whose referent the context gives.
_GENERIC_ZIPF = 4.0
_THE_BEFORE = re.compile(r"(?:^|[^\w\-])[Tt]he\s+$")
# ... as the head of its phrase, before punctuation, a function word or a verb ("the Cabinet
# met", "the Senate approved"); not "the Labour opposition" or "the Apple personal
# computer market", where it modifies the next noun, which "the" belongs to.
_GENERIC_NEXT = re.compile(
    r"\s*(?:$|[^\w\s]|(?:said|says|met|has|had|have|is|was|were|are|will|would|may|might|can|could"
    r"|should|must|and|or|of|in|on|at|to|for|with|by|which|that|who|also|did|does|[a-z]+ed)\b)"
)


# Row labels of wire-service figures tables ("Shr 22 cts vs 20 cts", "Avg shrs 12.6 mln
# vs 12.5 mln", "Revs 8,500,000 vs 9,600,000"). NER reads them as names: in the Reuters
# archive "Avg" and "Revs" ranked second and fourth among all persons. A curated list,
# since nothing in a table line tells "Avg" from "Dole 30,112 votes".
ROW_LABELS = frozenset("Shr Shrs Avg Revs Oper Qtr Qtly Qtrly Mths Mos Div Dlrs Cts Mln Pct".split())


# Credit ratings, Standard and Poor's ("BBB", "AA-plus", "CCC-minus") and Moody's ("Baa-3",
# "BAA3", "A-1", "P-1" for commercial paper): the NER took them for organisations in rating
# news (Reuters: "BBB" in 21 of 300 such articles, "AAA" 18, "CCC" 18, "B-1" 13, "A-3" 11).
_RATING = re.compile(r"(?:AAA|AA|A|BBB|BB|B|CCC|CC|C|D|Aaa|Aa|Baa|Ba|Caa|Ca|BAA|BA|CAA|CA|P)"
                     r"(?:[-+]|-?(?:plus|minus|PLUS|MINUS)|-?[1-3])?")
_RATING_TALK = re.compile(r"\b(?:rat(?:ing|ings|ed|es)|downgrad|upgrad|creditwatch)", re.I)


# The agency's stock index is no mention of the agency: "S and P 500 futures", "Standard and
# Poor's 500 stock index", "the S and P trading pit", "S and P Advisory Committee" (20 of 270
# Reuters articles naming S&P speak only of the index)
_SP = re.compile(r"Standard (?:and|&) Poor(?:['’]s)?|S ?(?:and|&|/) ?P")
_STOCK_INDEX = re.compile(r"['’]?s?[ \t]+(?:500|100|(?i:futures|options|index|trading pit|pit|advisory committee))\b")


def _stock_index(text: str, s: Span) -> bool:
    return s.type == "organization" and _STOCK_INDEX.match(text, s.end) is not None \
        and _SP.fullmatch(text, s.start, s.end) is not None


def _no_names(text: str, spans: list[Span]) -> list[Span]:
    """Drop an organisation that is only a legal form ("Co Inc", "INC", "AG"), a single
    letter (the "P" of "S and P", 38 of 300 Reuters rating articles), a credit rating in an
    article about ratings, "Federal" of "Federal funds" (an organisation in 4 of 2,500 Reuters
    articles), Reuters' sign-off ("Reuter" ending the text: a person in 5 of
    3,000 articles, QA), and an idiom's word after "name is" ("His name is Mud": _IDIOM_NAMES)."""
    tail = len(text.rstrip())
    ratings = None  # whether the article speaks of ratings, asked once, when a grade is seen

    def junk(s: Span) -> bool:
        nonlocal ratings
        name = text[s.start:s.end]
        if s.type == "organization" and sum(c.isalnum() for c in name) < 2:
            return True
        if s.type == "organization" and all(w.lower().rstrip(".") in FORM_WORDS for w in name.split()):
            # unless the document spells it out: "ASA" after "the American Soybean Association"
            return not (name.isupper() and " " not in name and any(
                o.type == "organization" and acronym_suffix(name, text[o.start:o.end]) is not None for o in spans))
        if s.type in ("organization", "location") and _RATING.fullmatch(name):  # "BB" was a place in 34
            if ratings is None:
                ratings = _RATING_TALK.search(text) is not None
            return ratings
        if name == "Federal" and _FUNDS_NEXT.match(text, s.end):
            return True  # "Federal funds were trading at 6-7/16": the money market's overnight loans
        if name in _IDIOM_NAMES and _NAME_IS_BEFORE.search(text, max(0, s.start - 24), s.start):
            return True
        return s.end == tail and name in ("Reuter", "REUTER")

    return [s for s in spans if not junk(s)]


_FUNDS_NEXT = re.compile(r"[ \t]+funds\b")
# An idiom's word capitalised as a name after "name is", no one's name: "his name is Mud" (he is in disgrace),
# "their name is Legion" (they are many); the NER made "Mud" a person. "His name was Scott" names him.
_IDIOM_NAMES = frozenset({"Mud", "MUD", "Legion", "LEGION"})
_NAME_IS_BEFORE = re.compile(r"\b(?i:names?[ \t]+(?:is|was|are|were|will[ \t]+be|would[ \t]+be)|names?['’]s)[ \t]+$")


# US states as wire datelines abbreviate them ("ROSEMONT, ILL., March 6 -").
US_STATE_ABBREVIATIONS = {
    "ALA": "Alabama", "ARIZ": "Arizona", "ARK": "Arkansas", "CALIF": "California", "COLO": "Colorado",
    "CONN": "Connecticut", "DEL": "Delaware", "FLA": "Florida", "GA": "Georgia", "ILL": "Illinois",
    "IND": "Indiana", "KAN": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "MASS": "Massachusetts",
    "MD": "Maryland", "MICH": "Michigan", "MINN": "Minnesota", "MISS": "Mississippi", "MO": "Missouri",
    "MONT": "Montana", "NEB": "Nebraska", "NEV": "Nevada", "N.H": "New Hampshire", "N.J": "New Jersey",
    "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina", "N.D": "North Dakota", "OKLA": "Oklahoma",
    "ORE": "Oregon", "PA": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota",
    "TENN": "Tennessee", "TEX": "Texas", "VA": "Virginia", "VT": "Vermont", "WASH": "Washington",
    "W.VA": "West Virginia", "W. VA": "West Virginia", "WIS": "Wisconsin", "WYO": "Wyoming",
    "PENN": "Pennsylvania", "KEN": "Kentucky",  # wire datelines' own: "MALVERN, Penn.", "LEXINGTON, Ken."
}
STATE_NAMES = frozenset(US_STATE_ABBREVIATIONS.values())
# Canada's provinces as wire copy abbreviates them after a place: "Oshawa, Ont." was a person.
PROVINCE_ABBREVIATIONS = {"ONT": "Ontario", "QUE": "Quebec", "ALTA": "Alberta", "SASK": "Saskatchewan",
                          "MAN": "Manitoba", "B.C": "British Columbia", "N.S": "Nova Scotia", "N.B": "New Brunswick",
                          "NFLD": "Newfoundland", "P.E.I": "Prince Edward Island"}
_DATELINE_STATE = re.compile(r"[ \t]*[A-Z][A-Za-z .'-]*, ")  # a line's start up to the state


_CITY_COMMA = re.compile(r"\b[A-Z][A-Za-z]+, ?\Z")  # "Tampa, ", "LARGO, ", a table's "Vancouver,"


_STATE_AFTER = re.compile(r",[ \t]+([A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]+)?)(?![\w-])")


def _person_titles(text: str, mentions: list[dict]) -> None:
    """Give a person's mention the title written before it ("title": "president") and the sex
    that title or a relation tells ("gender": "f" or "m"): resolution tells two persons of one
    surname apart by them where the surname stands alone ("Mr. Holmes" beside "his mother,
    Arlene Holmes" and James Holmes; "President Obama" beside "President Barack Obama" and
    "First Lady Michelle Obama")."""
    for m in mentions:
        if m["type"] != "person":
            continue
        before = _BEFORE_PERSON.search(text, max(0, m["start"] - 40), m["start"])
        if not before:
            continue
        if before.group("kin"):
            kin = before.group("kin").lower()
            m["gender"] = "f" if kin in _FEMALE_KIN else "m"
            continue
        title = before.group("title").lower()
        if title in TITLES:
            m["title"] = title
            if title in _TITLE_GENDER:
                m["gender"] = _TITLE_GENDER[title]


_FEMALE_KIN = {"wife", "mother", "daughter", "sister", "niece", "granddaughter", "grandmother", "aunt", "widow",
               "fiancee", "fiancée", "girlfriend"}
_MALE_KIN = {"husband", "father", "son", "brother", "nephew", "grandson", "grandfather", "uncle", "widower",
             "fiance", "fiancé", "boyfriend"}
_TITLE_GENDER = {
    **dict.fromkeys(("mr", "mister", "sir", "lord", "king", "prince", "monsieur", "congressman", "spokesman"), "m"),
    **dict.fromkeys(("mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "queen", "princess",
                     "congresswoman", "spokeswoman", "chairwoman"), "f"),
}
_BEFORE_PERSON = re.compile(
    r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Tt]he)[ \t]+(?P<kin>{}),?|\b(?P<title>[A-Za-z]+)\.?)[ \t]+$".format(
        "|".join(sorted(_FEMALE_KIN | _MALE_KIN, key=len, reverse=True))))


def _cities_of_states(text: str, mentions: list[dict]) -> None:
    """A name before a comma and a US state is a place: "killed 12 in Aurora, Colo." (the NER's
    person in 10 of 500 web gold pages), "Midland, Michigan". The state's abbreviation with its
    stop or of three letters and more, as in a dateline ("Kenosha, Wis")."""
    places: set[str] = set()
    for m in mentions:
        words = m["text"].split()
        # not a body of the place ("Peoples Bank of Nanticoke, Pa.", "Bankers Trust Co, N.Y.")
        if m["type"] != "location" and ("of" in words or _form_word(words[-1]) in CORPORATE_WORDS
                                         or _BODY_LAST.search(m["text"])):
            continue
        after = _STATE_AFTER.match(text, m["end"])
        if after is None:
            continue
        state = after.group(1)
        abbr = US_STATE_ABBREVIATIONS.get(state.upper().rstrip(".")) and (state.endswith(".") or len(state.rstrip(".")) > 2)
        # a person's name only if one word, and before an abbreviation: "Smith, Texas Agriculture
        # Commissioner" and "John Smith, Calif." are people
        if m["type"] == "person":
            place = len(words) == 1 and abbr
        else:
            place = abbr or state in STATE_NAMES
        if place:
            m["type"] = "location"
            places.add(m["text"])
    # the place's other mentions in the article are that place: "the Aurora shootings" (the
    # NER's person in 4 of 500 web gold pages that also wrote "Aurora, Colo."), "the town of
    # Wilson" after "Wilson, N.Y."
    for m in mentions:
        if m["text"] in places:
            m["type"] = "location"


_MONTH_ALONE = re.compile(_MONTH)


def _dateline_regions(text: str, mentions: list[dict], datelines: tuple[re.Match, ...]) -> list[dict]:
    """The region after a dateline's place ("ROSEMONT, ILL., March 6", "ABUJA, Nigeria –") is
    a place: the NER no longer sees it (`blank_datelines`). Added last, as the NER's mention
    of it was, so that no rule spreads it to the same word elsewhere ("Wash. the cars")."""
    regions = [m.span(g) for m in datelines for g in ("r1", "r2", "r3")
               if m.start(g) >= 0 and not _MONTH_ALONE.fullmatch(m[g])]  # "NEW YORK, April - "
    if not regions:
        return mentions
    kept = [m for m in mentions if not any(a < m["end"] and m["start"] < b for a, b in regions)]
    kept += [{"text": text[a:b], "type": "location", "start": a, "end": b} for a, b in regions]
    return sorted(kept, key=lambda m: (m["start"], -m["end"]))


def _dateline_states(text: str, mentions: list[dict]) -> None:
    """A state abbreviated in a dateline ("ROSEMONT, ILL., March 6 -") is that state: the NER
    made "ILL", "IND", "WIS" organisations and "Fla", "Wash" persons (36 mentions in 3,000
    Reuters articles, QA). Retyped a location, filed under the state's name (`base`), as is a
    place the NER found spelled so elsewhere ("Calif." was an entity apart from "California"),
    and a state after a place and a comma, with or without its full stop ("Tampa, Fla"); two
    letters ("LA", "PA") only with a full stop, in a dateline or after a place. An entity of such
    mentions is named after the state (resolve: "Conn." alone was a place "Conn.")."""
    for m in mentions:
        key = m["text"].upper().rstrip(".")
        state = US_STATE_ABBREVIATIONS.get(key)
        dotted = m["text"].endswith(".") or text.startswith(".", m["end"])
        if state is None and dotted:
            state = PROVINCE_ABBREVIATIONS.get(key)  # dotted only: "Toronto, Man said" is no Manitoba
        if state is None:
            continue
        long = len(m["text"].rstrip(".")) > 2
        line_start = text.rfind("\n", 0, m["start"]) + 1
        if (dotted or long) and _DATELINE_STATE.fullmatch(text, line_start, m["start"]):
            m["type"], m["base"] = "location", state
        elif long and m["type"] == "location" and dotted:
            m["base"] = state
        elif (long or dotted) and _CITY_COMMA.search(text, max(0, m["start"] - 40), m["start"]):
            # a place's state: "of Tampa, Fla, said", "Boulder, Colo" (the NER's person), "Pike County, Ky."
            m["type"], m["base"] = "location", state


# A country's name misspelt by one letter ("Uruaguay", "Venezuala", "Ecaudor", "Taiwain") is
# no word at all, and the NER typed these people (5 of 2,500 Reuters articles). Only names
# this long: a short one is one letter from too many words and names ("Mali" / "Malik").
_MISSPELT_COUNTRY_MIN = 6


@lru_cache(maxsize=1)
def _long_country_names() -> tuple[tuple[str, ...], dict[str, str]]:
    """The folded one-word country names of that length (to search), each with its display name."""
    from .gazetteer import country_aliases

    names = {k: v for k, v in country_aliases().items() if len(k) >= _MISSPELT_COUNTRY_MIN and " " not in k}
    return tuple(names), names


def _misspelt_countries(mentions: list[dict]) -> None:
    """A one-word mention that is no English word and one edit (a letter added, dropped,
    changed or two swapped) from a country's name is that country, filed under its name."""
    from rapidfuzz.distance import DamerauLevenshtein
    from rapidfuzz.process import extractOne

    keys, names = _long_country_names()
    for m in mentions:
        word = m["text"]
        if len(word) < _MISSPELT_COUNTRY_MIN or not word.isalpha() or country_display(word) or _zipf(word.lower()) > 0:
            continue
        best = extractOne(fold(word), keys, scorer=DamerauLevenshtein.distance, score_cutoff=1)
        if best is not None:
            m["type"], m["base"] = "location", names[best[0]]


def _row_labels(text: str, spans: list[Span]) -> list[Span]:
    """Drop mentions that are a figures table's row label, with its figures or alone: opening a
    line (after its indentation: Reuters indents its tables, "    Avg shrs 10.2 mln vs 10.1 mln"),
    or after a dateline's " - " with figures, "vs" or "nil" after it on the line ("TORONTO, Oct
    19 - Shr loss two cts vs loss 1.79 dlrs"). Indented, "Avg" was the archive's second person
    (78 of 3,000 Reuters articles) and "Revs" its fourth (QA)."""
    out = []
    for s in spans:
        words = text[s.start:s.end].split()
        if words and words[0] in ROW_LABELS and all(_figure(w) for w in words[1:]):
            before = text[text.rfind("\n", 0, s.start) + 1:s.start]
            end = text.find("\n", s.end)
            rest = text[s.end:end if end >= 0 else len(text)]
            if not before.strip() or (before.endswith(" - ") and re.search(r"\d|\bvs\b|\bnil\b", rest)):
                continue
        out.append(s)
    return out


def _figure(word: str) -> bool:
    return bool(re.fullmatch(r"[\d.,/()%-]+|N/A|NA", word))  # NA, N/A: not available


def _generic(text: str, w: str, word_index: _WordIndex, longer: list[tuple[int, int]] = ()) -> bool:
    """"the Cabinet", "the Senate": an organisation's name `w` that is one common noun,
    always with "the" in this document, but where it is part of a longer name (`longer`, the
    sorted extents of the document's names of several words): "The Commission said" beside
    "the European Community Commission" (27 such mentions in 2,500 Reuters articles, "the Bank
    said" 22).

    The mention stays (it is an organisation, as CoNLL annotates it), but it names a
    different body in each country's news, so resolution gives it no archive-wide entity.
    A name used bare anywhere in the document is a name ("Shell said", "Fed officials"), and
    so is a clipped word ("the Fed" where "Federal" is written).
    """
    if not (w.isalpha() and len(w) >= 3 and w[0].isupper() and w[1:].islower()):
        return False
    if _zipf(w.lower()) < _GENERIC_ZIPF or word_index.extended(w):
        return False  # "the Fed" clips "Federal Reserve": a name
    uses = word_index.hyphenated(w)
    if longer:
        starts = [a for a, _ in longer]
        end = len(w)
        uses = [o for o in uses if not ((i := bisect.bisect_right(starts, o) - 1) >= 0 and longer[i][1] >= o + end)]
    return bool(uses) and all(
        _THE_BEFORE.search(text, max(0, o - 5), o) and _GENERIC_NEXT.match(text, o + len(w)) for o in uses
    )


def _at_sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_START.search(text, max(0, pos - 12), pos))


# An item of a list opens after its subject's stock symbol and a spaced dash as a sentence does:
# "Intermark Inc <IMI> - Offering of 40 mln dlrs of convertible debentures" gave the person
# "Offering" (a list of filings: 7 of 9 items in one Reuters story, 21 stories of 19,043 list
# offerings so). Not any dash: "The winner - Baker of Texas - won" names a person.
_ITEM_START = re.compile(r"[>)][ \t]+[-–][ \t]+$")


# Two more places that capitalise a word: a sentence after one that ends in an acronym ("granted
# orphan drug status by the FDA. Orphan drugs are", where _SENTENCE_START, wary of "U.S. Steel",
# sees none: an acronym has two capitals in a row, "U.S." none), and a quotation opened after a
# comma or colon ('Another added, "Barter is also restrictive."'). Both gave Reuters people.
_ACRONYM_STOP = re.compile(r"(?<![\w.])[A-Z]{2,}[.!?][\"”’)]?[ \t\n]+$")
_QUOTE_OPENED = re.compile(r"[,:][ \t]+[\"“]$")


def _capitalised_by_place(text: str, pos: int) -> bool:
    """Whether a word at `pos` opens a sentence, a quotation or a list's item, which capitalises any word."""
    if _at_sentence_start(text, pos):
        return True
    before = text[pos - 1:pos]  # (asked first: this runs for every use of every candidate word)
    if before in ('"', "“"):
        return bool(_QUOTE_OPENED.search(text, max(0, pos - 4), pos))
    return before.isspace() and bool(_ITEM_START.search(text, max(0, pos - 4), pos)
                                     or _ACRONYM_STOP.search(text, max(0, pos - 14), pos))


# A word that is a sentence of its own: "Bingo!", "Hee. No, I kid."
_SENTENCE_OF_ONE_WORD = re.compile(r"[.!?]")
# A compound's first part, which names no one there: "Oscar-winner Kevin Spacey", "Nobel-winning"; but
# not before a past participle, whose agent the first part names: "Boeing-built jets", "Google-owned",
# "Harvard-educated", "Kremlin-backed", "Trump-appointed"
_COMPOUND_NEXT = re.compile(r"[-‐–](?![a-z]+ed\b|(?:built|made|run|held|grown|driven|written|known)\b)[a-z]")


def _name_abroad(text: str, s: Span, w: str) -> bool:
    """Whether the frequent word `w` the NER named at `s`, opening a sentence, is a person's or a firm's
    name by its frequency in other languages (_international: "Boeing", "Apple", "Ford"). Not a place:
    one we know stays anyway, and one we do not know by a word as frequent abroad is a common word
    ("Tsunami warnings were issued", "Bingo!") or a given name the NER mistyped (a commenter's "Rebecca
    — June 26th"), 7 of the 85 mentions the rule kept on the 1,381 Dragnet dev pages' gold text; nor a
    sentence of one word, an interjection ("Hee.", "Hahaha!", 2 more); nor a compound's first part
    ("Oscar-winner Kevin Spacey" gave the organisation "Oscar"), which the text writes alone elsewhere
    if it names someone (a name capitalised inside a sentence is kept before this rule), unless a past
    participle follows it, whose agent it names ("Boeing-built jets", "Google-owned YouTube")."""
    return s.type != "location" and not _SENTENCE_OF_ONE_WORD.match(text, s.end) \
        and not _COMPOUND_NEXT.match(text, s.end) and _international(w.lower())


def _initial_common_words(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """Drop NER mentions that are one common word capitalised only because a sentence starts.

    "Troop said on Thursday ...": a name is capitalised wherever it stands, so a word the
    document never capitalises away from a sentence start, and that is common in English,
    is no name. Known places and gazetteer entries stay, and so does a word that leads a
    capitalised phrase or owns something ("Treasury Secretary", "Moody's rates").
    """
    capitalised_inside: dict[str, bool] = {}  # word -> capitalised away from a sentence start

    def inside(w: str) -> bool:
        if w not in capitalised_inside:
            capitalised_inside[w] = any(not _capitalised_by_place(text, a) for a in word_index.plain(w))
        return capitalised_inside[w]

    out = []
    for s in spans:
        w = text[s.start:s.end]
        # a headline's first word in capitals, which truecase capitalised only as the first: "BONUS
        # WHEAT FLOUR FOR NORTH YEMEN" gave the place "BONUS"; a name if the next word is rare
        caps = w.isupper() and w.isalpha() and len(w) >= 3
        if caps:
            if not word_index.plain(w.lower()) or inside(w) or w in known_places() or country_display(w):
                # a word only if the text writes it in lower case too ("bonus wheat flour"); not
                # "APPLE COMPUTER", "FORD MOTOR CO", "FBI CHIEF" over "Apple said", "FBI Director"
                out.append(s)
                continue
            w = w.title()
        if (
            s.source == "ner" and w.isalpha() and len(w) >= 3 and w[0].isupper() and w[1:].islower()
            and _capitalised_by_place(text, s.start)
            and not (_caps_name_next(text, s.end) if caps else _NAME_NEXT.match(text, s.end))
            and ((_zipf(w.lower()) >= _INITIAL_COMMON_ZIPF and not _name_abroad(text, s, w))
                 or _written_lower(w, word_index))
            and w not in known_places()
            and not inside(w)
        ):
            continue
        out.append(s)
    return out


# A plural's signs around a word: a plural verb or a plural's possessive after it ("Roasters are
# believed", "Wholesalers' inventories rose"), a figure ("Steer top 66.00 and Heifers 65.00 dlrs"), a
# quantifier before it ("other major Exchanges"), or a government field that names a body's kind
# ("the Senate Finance and Agriculture Committees")
_PLURAL_NEXT = re.compile(r"[ \t]+(?:are|were|have)\b|['’][ \t]+[a-z]|[ \t]+\d")
_SPEAKS = re.compile(r"['’]?,?[ \t]+(?:said|says|told|added)\b")  # "Banks said": a person's name
_PLURAL_MIN_ZIPF = 1.5  # the plural itself is English ("expirations" 1.8)
_SINGULAR_MIN_ZIPF = 2.0  # and so is its singular ("roaster" 2.5, "heifer" 2.6)
_PLURAL_MARGIN = 0.5


# English given names whose "s" makes a frequent surname ("Williams", "Roberts", "Edwards"): the given
# name is a frequent word, so _common_plural takes the surname for a plural, and "lawyers for Williams'
# company", "Roberts 68 led the field" (a golf score) lost a person. Written out here because no package
# the project uses lists given names (wordfreq folds case); these are the ones _common_plural passes among
# common surnames. Not "owen": Reuters' "The Owens-Illinois subsidiary" gave the person "Owens".
_GIVEN_NAMES_OF_SURNAMES = frozenset({
    "abraham", "adam", "albert", "andrew", "arnold", "bernard", "carl", "daniel", "david", "edmund", "edward",
    "evan", "frank", "frederick", "george", "gilbert", "griffith", "harold", "harry", "howard", "humphrey",
    "isaac", "jacob", "jeffrey", "john", "joseph", "lambert", "leonard", "mark", "martin", "matthew", "michael",
    "nichol", "paul", "peter", "philip", "phillip", "ralph", "richard", "robert", "roger", "samuel",
    "simon", "stephen", "steven", "stuart", "tim", "tom", "walter", "william"})


def _common_plural(w: str) -> bool:
    """Whether `w` is the plural of an English noun: "Exchanges", "Heifers", "Committees"."""
    lw = w.lower()
    if not (len(lw) >= 4 and lw.isalpha() and lw.endswith("s") and not lw.endswith(("ss", "us", "is"))):
        return False
    # "es" is a plural's after a hiss or an "o" only ("taxes", "churches", "buses", "potatoes"):
    # "Hughes" is no "hugh"s
    singulars = [lw[:-1]] + ([lw[:-2]] if lw.endswith(("ches", "shes", "ses", "xes", "zes", "oes")) else []) \
        + ([lw[:-3] + "y"] if lw.endswith("ies") else [])
    singular = max(map(_zipf, singulars))
    # a surname's "singular" is rarer than it ("thomas" 4.8 / "thoma" 2.2, "collins" 4.2 / "collin"
    # 3.0, "lucas"), a noun's is not ("exchanges" 4.0 / 4.9, "heifers" 2.4 / 2.6)
    return _zipf(lw) >= _PLURAL_MIN_ZIPF and singular >= _SINGULAR_MIN_ZIPF and singular >= _zipf(lw) - _PLURAL_MARGIN


def _plural_nouns(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """A "person" of one word that is a common noun's plural, which the text uses as a plural, is no
    name: "other major Exchanges", "Agriculture Committees", "Roasters are believed to be well
    covered", "Concentrates produced were", "Heifers 65.00 dlrs" gave Reuters people (9 of 2,500
    stories). A person is one, so the plural's signs (_PLURAL_NEXT, _PLURAL_BEFORE, or a place
    that capitalises any word) tell it from a surname that is a plural too ("Banks", "Mills",
    "Fields"), which stays where the document names the person in full or after a title, or
    has the name say something ("Banks said"), and so does a company's name ("Topps Co Inc"), and a
    given name's "s" ("Williams' company", "Roberts 68"), unless the document writes the word in lower case."""
    verdict: dict[str, bool] = {}
    surnames: set[str] | None = None
    out = []
    for s in spans:
        w = text[s.start:s.end]
        if s.type == "person" and s.source == "ner" and w[:1].isupper() and w[1:].islower() and _common_plural(w) \
                and w not in known_places():
            if surnames is None:  # a person's surname, or a company's first word ("Topps Co Inc")
                surnames = _full_name_surnames(text, spans) | {
                    text[o.start:o.end].split()[0] for o in spans if o.type == "organization"}
            if w not in verdict:
                uses = word_index.plain(w)
                # a given name's "plural" is a surname ("Edwards' lawyers", "Roberts 68"), unless the
                # document writes it as a word too
                verdict[w] = w not in surnames and (
                    w[:-1].lower() not in _GIVEN_NAMES_OF_SURNAMES or _written_lower(w, word_index)) and not any(
                    _titled(text, a) or _SPEAKS.match(text, a + len(w)) for a in uses) and any(
                    _capitalised_by_place(text, a) or _PLURAL_NEXT.match(text, a + len(w))
                    or _PLURAL_BEFORE.search(text, max(0, a - 16), a) for a in uses)
            if verdict[w]:
                continue
        out.append(s)
    return out


def _written_lower(w: str, word_index: _WordIndex) -> bool:
    """Whether the document also writes `w` in lower case, as an English word: a rare word at a
    sentence start is then no name either ("Greenmail refers to ..." after "the concept of
    greenmail"; "Destocking", "Breaches"), where its frequency alone could not tell."""
    return bool(word_index.plain(w.lower())) and _zipf(w.lower()) > 0


_CAPS_NEXT = re.compile(r"['’`]S\b|[ \t]+([A-Z][A-Z&'.\-]*)\b")


def _caps_name_next(text: str, end: int) -> bool:
    """In capitals, the name goes on after `end`: a possessive, or a next word rare in English."""
    m = _CAPS_NEXT.match(text, end)
    return m is not None and (m.group(1) is None or _zipf(m.group(1).lower()) < _INITIAL_COMMON_ZIPF)


def _misspelt_openers(text: str, spans: list[Span]) -> list[Span]:
    """A person opening a sentence loses a first word that is a common word misspelt:
    "Athough Reagan's topic was not disclosed" gave the person "Athough Reagan", who then took
    the lone "Reagan" of 7 other articles (QA). The word must be rare itself and one edit from
    a very common word; a rare given name is neither ("Assimi")."""
    out = []
    for s in spans:
        if s.type == "person" and _at_sentence_start(text, s.start):
            first, sep, rest = text[s.start:s.end].partition(" ")
            if rest and first.isalpha() and _misspelt_common(first.lower()):
                s = Span(s.start + len(first) + len(sep), s.end, s.type, s.source)
        out.append(s)
    return out


def _common_openers(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """A person loses leading common words that only their place capitalised, where what is left
    is a person the document names elsewhere: a headline's "Defense Minister Collides With Putin"
    gave the person "Collides With Putin", and the article's ten lone "Putin"s, with two full
    names to choose from, joined neither; "Definitely Rosie Garthwaite." answered a question.

    A word goes only where the document writes it in lower case too ("following"; "collided" for
    "Collides", "leaves" for "Leave"), never a given name's case ("Robert", whose English
    frequency is a common word's), and never capitalises it away from a sentence start or a
    title-case line: "Will Smith" written mid-sentence anywhere keeps his first name. A person
    named nowhere else keeps the whole span (the NER's "Harold Sells" is Woolworth's chairman)."""
    persons = [text[s.start:s.end] for s in spans if s.type == "person"]
    placed: dict[str, bool] = {}  # word -> capitalised only at sentence starts and in headlines
    lowered: set[str] = set()

    def by_place(w: str) -> bool:
        if w not in placed:
            placed[w] = all(_at_sentence_start(text, a) or _title_line(text, a) for a in word_index.plain(w))
        return placed[w]

    def common(w: str) -> bool:
        if not (w.isalpha() and len(w) >= 2 and w[0].isupper() and w[1:].islower()) or w in known_places():
            return False
        lw = w.lower()
        if not lowered:
            lowered.update(m.group() for m in _LOWER_WORD.finditer(text))
        written = lw in lowered or inflected(lw, lowered) or any(lw + e in lowered for e in _ENDINGS)
        return (lw in _HEADLINE_SMALL_WORDS or written) and by_place(w)

    out = []
    for s in spans:
        # (the place test is a shortcut: by_place asks it of every use of the first word)
        if s.type == "person" and (_at_sentence_start(text, s.start) or _title_line(text, s.start)):
            words = list(_OPENER_WORD.finditer(text, s.start, s.end))
            # after the last such word: in a headline one may stand between two names ("Late Poll
            # Gains for Obama Leave Romney With Longer Odds" gave the person "Obama Leave Romney")
            k = max((j + 1 for j in range(len(words) - 1) if common(words[j].group())), default=0)
            if k:
                rest = text[words[k].start():s.end]
                if any(p != text[s.start:s.end] and (p == rest or p.endswith(" " + rest)) for p in persons):
                    s = Span(words[k].start(), s.end, s.type, s.source)
        out.append(s)
    return out


_OPENER_WORD = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")  # as truecase's `lowered`, which inflected reads
_ENDINGS = ("s", "es", "d", "ed", "ing")  # a headline's "Leave" for the text's "leaves"
# Small words a title-case headline capitalises ("Collides With Putin").
_HEADLINE_SMALL_WORDS = {"with", "over", "after", "from", "into", "about", "against", "amid", "as", "at", "by",
                         "for", "in", "of", "on", "to", "and", "or", "the", "a", "an"}


def _title_line(text: str, pos: int) -> bool:
    """`pos` stands in a line written in title case (a headline): three words at least, and
    every word of four letters or more capitalised. A headline is short: a longer line is none
    (and a long text on one line is not read whole for each word asked about)."""
    start = text.rfind("\n", max(0, pos - _HEADLINE_MAX), pos) + 1
    end = text.find("\n", pos, pos + _HEADLINE_MAX)
    if (start == 0 and pos > _HEADLINE_MAX) or (end < 0 and len(text) > pos + _HEADLINE_MAX):
        return False
    line = text[start:end if end >= 0 else len(text)]
    words = _LINE_WORD.findall(line)
    long_ = [w for w in words if len(w) >= 4]
    return len(words) >= 3 and len(long_) >= 2 and all(w[0].isupper() for w in long_)


_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HEADLINE_MAX = 200  # characters either side of a word in a headline


@lru_cache(maxsize=10_000)
def _misspelt_common(word: str) -> bool:
    # edits as Norvig's spelling corrector makes them; wordfreq knows no misspellings
    if len(word) < 6 or _zipf(word) >= _MISSPELT_MAX_ZIPF:  # not "Thein" (their)
        return False
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} \
        | {a + c + b[1:] for a, b in splits if b for c in letters} | {a + c + b for a, b in splits for c in letters}
    return any(_zipf(e) >= _COMMON_ZIPF for e in edits - {word})


_MISSPELT_MAX_ZIPF = 2.0  # "athough" 0.9; given names are more frequent ("Ronald" 3.5, "Ted" 3.9)
_COMMON_ZIPF = 5.0        # "although" 5.2


# A wire story's slug: capitals opening a line, then a dash ("CRICKET - PAKISTAN V ...",
# "FEATURE - Singapore ...", "NBA BASKETBALL - FRIDAY'S RESULTS").
_SLUG = re.compile(r"[A-Z][A-Z ]*[A-Z](?=\s+[-–]\s)")


_AFTER_DASH = re.compile(r"\s+[-–]\s+")


def _slugs(text: str, spans: list[Span]) -> list[Span]:
    """Drop NER mentions that are a story's topic slug ending in a common word ("GOLF"); one
    that runs on across the dash keeps what follows it ("CORRECTED - BANKAMERICA", a
    headline's place in 2 of 2,500 Reuters articles, is the bank)."""
    out = []
    for s in spans:
        m = _SLUG.match(text, s.start) if s.source == "ner" and (s.start == 0 or text[s.start - 1] == "\n") else None
        if m and _zipf(m.group().split()[-1].lower()) >= _INITIAL_COMMON_ZIPF:
            if m.end() == s.end:
                continue
            dash = _AFTER_DASH.match(text, m.end(), s.end)
            # not a place's name spaced out in capitals ("GUINEA - BISSAU")
            if dash and dash.end() < s.end and not country_display(text[s.start:s.end]) \
                    and not country_display(m.group()):
                s = Span(dash.end(), s.end, s.type, s.source)
        out.append(s)
    return out


# A person's designation before a name: a capitalised title (lower-case "chairman
# Citibank" is a bank chairing), perhaps "of" and a capitalised office
# ("Minister of Defense"), then perhaps one capitalised first name the NER left untagged.
_TITLED = re.compile(
    r"(?<![\w\-])([A-Z][A-Za-z]*)\.?(?: of(?: the)? [A-Z][a-z]+(?: [A-Z][a-z]+)??)?"
    r"(?: ([A-Z][a-z]+(?:-[A-Z][a-z]+)?))? $"
)
# A first name is no common word ("annegret" 1.1; "will" 6.3, "may" 6.1).
_FIRST_NAME_MAX_ZIPF = 3.5


def _titled_persons(text: str, spans: list[Span]) -> list[Span]:
    """A name the NER took for an organisation or place after a person's title is a person.

    "German Minister of Defense Annegret Kramp-Karrenbauer": the hyphenated surname was
    tagged an organisation and the first name left out. The first name joins the span.
    """
    out: list[Span] = []
    for s in spans:
        w = text[s.start:s.end]
        if s.source == "ner" and s.type != "person" and " " not in w and not w.isupper():
            m = _TITLED.search(text, max(0, s.start - 60), s.start)
            if m and m.group(1).lower() in PERSON_TITLES and w not in known_places():
                first = m.group(2)
                if first is None or (
                    _zipf(first.lower()) < _FIRST_NAME_MAX_ZIPF and not (out and out[-1].end > m.start(2))
                ):
                    start = m.start(2) if first else s.start
                    out.append(Span(start, s.end, "person", s.source))
                    continue
        out.append(s)
    return out


# Of a text's line breaks between two lines with words, the share that must continue a
# sentence for it to be hard-wrapped copy (QA, 3,000 Reuters articles and 300 web pages:
# 87% of the articles are, 5.6% of the pages).
WRAP_SHARE = 0.15
_INITIALS_END = re.compile(r"(?<![\w.])(?:[A-Z]\.)+$")


def _hard_wrapped(text: str) -> bool:
    """Whether `text` wraps its sentences at a fixed width, as Reuters bodies do ("the
    United" / "States for options trading"): a break that continues a sentence is a line
    ending in a letter, digit or comma and a next line starting in lower case."""
    lines = text.split("\n")
    breaks = continued = 0
    for a, b in zip(lines, lines[1:]):
        a, b = a.rstrip(), b.strip()
        if a and b:
            breaks += 1
            continued += (a[-1].isalnum() or a[-1] == ",") and b[0].islower()
    return breaks > 0 and continued >= WRAP_SHARE * breaks


def _one_name_across(text: str, sp: Span) -> bool:
    """Whether a span's line breaks are the wrapping of hard-wrapped copy (spaces), not the
    end of a block: no blank line in it, no line ending a sentence before a break (initials
    do not: "T." / "Boone Pickens"), no "Reuter" sign-off after one."""
    seg = text[sp.start:sp.end]
    if re.search(r"\n[ \t]*\n", seg):
        return False
    lines = seg.split("\n")
    for a, b in zip(lines, lines[1:]):
        a, b = a.rstrip(), b.strip()
        if b[:6].upper() == "REUTER" or (a.endswith((".", "!", "?", ":", ";")) and not _INITIALS_END.search(a)):
            return False
    return True


# A capitalised word or two at the start of the next line, or at the end of the previous one.
_NEXT_LINE = re.compile(r"[ \t]*\n[ \t]*([A-Z][\w.]*)(?:[ \t]+([A-Z][\w.]*))?")
_PREVIOUS_LINE = re.compile(r"(?:(?<![\w.])([A-Z][\w.]*)[ \t]+)?(?<![\w.])([A-Z][\w.]*)[ \t]*\n[ \t]*$")


# One to three capitalised words and a joiner, with a line break between them and the name after.
_JOINED_BEFORE = re.compile(
    r"(?<![\w.&'\-])((?:[A-Z][\w.&'\-]*[ \t]+){0,2}[A-Z][\w.&'\-]*)"
    r"(?:[ \t]+(?:and|&)[ \t]*\n[ \t]*|[ \t]*\n[ \t]*(?:and|&)[ \t]+)$")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*")
_POSSESSIVE_END = re.compile(r"['’]s$")


def _wrapped_organisations(text: str, spans: list[Span]) -> list[Span]:
    """In hard-wrapped copy an organisation's name may break at its "and", and the NER took only
    what followed: "the Securities and" / "Exchange Commission", "Peninsula Federal Savings" /
    "and Loan Association", "Posts and" / "Telecommunications Ministry". The capitalised words
    before the break join the name when no mention holds them and the name went on with a
    common word (it was no name alone): not "Iranian Army and" / "Revolutionary Guards Corps",
    two bodies the NER tagged, nor "Matushita" / "and Mitsui". Not across "of", after which
    a title ends ("President of" / "Cargill")."""
    index = _SpanIndex(spans)
    out = []
    for s in spans:
        m = None
        if s.type == "organization" and \
                _zipf(_POSSESSIVE_END.sub("", text[s.start:s.end].split()[0]).lower()) >= _INITIAL_COMMON_ZIPF:
            m = _JOINED_BEFORE.search(text, max(0, s.start - 80), s.start)  # ("Poor's" is tested as "poor")
        if m is not None and all(_TITLE_WORD.fullmatch(w) for w in m.group(1).split()):
            words = m.group(1).split()
            lead = 0
            while lead < len(words) and words[lead].lower() in _NOT_COMPANY_START:
                lead += 1  # "The Securities and"
            if lead < len(words):
                a = m.start(1) + m.group(1).index(words[lead]) if lead else m.start(1)
                # no mention holds the words before the break (the match ends where `s` starts)
                if not index.overlapping(a, m.end()):
                    s = Span(a, s.end, "organization", s.source)
        out.append(s)
    return out


def _place_name(name: str) -> bool:
    name = " ".join(name.split())
    return name in known_places() or name in STATE_NAMES or country_display(name) is not None


def _wrapped_places(text: str, spans: list[Span]) -> list[Span]:
    """In hard-wrapped copy a place's name may run over a line break, and the NER (or the
    gazetteer, which matches within a line) then saw half of it: "West" / "Germany", "New" /
    "Jersey", "South" / "Africa" (17 places in 2,500 Reuters articles; "West" was a place of
    8 of them and "Germany" the country of the other). A span whose name, joined with the word
    or two across the break, is a place we know becomes that place."""
    joined: set[tuple[int, int]] = set()
    for sp in spans:
        name = text[sp.start:sp.end]
        m = _NEXT_LINE.match(text, sp.end)
        if m:
            for end in (m.end(2), m.end(1)):
                if end > 0 and _place_name(name + " " + text[m.start(1):end]):
                    joined.add((sp.start, end))
                    break
        m = _PREVIOUS_LINE.search(text, max(0, sp.start - 60), sp.start)
        if m:
            for start in (m.start(1), m.start(2)):
                if start >= 0 and _place_name(text[start:m.end(2)] + " " + name):
                    joined.add((start, sp.end))
                    break
    if not joined:
        return spans
    places: list[tuple[int, int]] = []
    for a, b in sorted(joined, key=lambda p: (p[0], -p[1])):  # the longer of two that overlap
        if not places or a >= places[-1][1]:
            places.append((a, b))
    starts = [a for a, _ in places]
    out = []
    for sp in spans:
        i = bisect.bisect_right(starts, sp.end - 1) - 1  # the last place starting before the span ends
        if i >= 0 and places[i][1] > sp.start:
            continue  # a part of a joined place
        out.append(sp)
    out.extend(Span(a, b, "location", "gazetteer") for a, b in places)
    out.sort(key=lambda s: (s.start, -s.end))
    return out


def _longest_line(text: str, sp: Span) -> Span:
    """A name is on one line: the NER ran "Lost Journey Of Amelia Earhart" (a heading) and
    "Group" (the next paragraph's first word) into one organisation (QA: 89 mentions of 1,500
    Reuters articles held a paragraph break). The span's longest line is kept. Not in
    hard-wrapped copy, where a break inside a sentence is a space (_one_name_across): kept
    everywhere, it made 447 mentions per 1,000 Reuters articles "United" (of "United" /
    "States"), "West" (Germany), "Robert" (Thomas), "Securities and Exchange" (QA)."""
    pieces, start = [], sp.start
    for line in text[sp.start:sp.end].split("\n"):
        pieces.append((len(line.strip()), start, start + len(line)))
        start += len(line) + 1
    _, a, b = max(pieces, key=lambda p: p[0])
    return Span(a, b, sp.type, sp.source)


# Capitalised words before a "(" on its line or the one before (hard-wrapped copy): the start
# of a name that holds a parenthesis.
_CAPS_BEFORE_PAREN = re.compile(r"(?<![\w.&'\-])((?:[A-Z][\w.&'\-]*[ \t]*\n?[ \t]*){1,4})$")


def _parenthesised(text: str, spans: list[Span]) -> list[Span]:
    """A name holding a parenthesis, which the NER took from inside it: "China Development
    Finance Co (H.K.) Ltd" was "China Development Finance Co" and "H.K.) Ltd", "Bangladesh
    Shilpa (Industrial) Bank" the place "Bangladesh" and "Industrial) Bank"; an editor's
    brackets in a quote, "the (International Monetary) Fund", gave the IMF the spelling
    "International Monetary) Fund". A span with a ")" it does not open starts at its "(", or
    at the capitalised words before it, and takes in the spans there. A ")" inside a word is
    no name's: "(Y)ou meet the challenge" was the organisation "Y)ou", "(AMEX: XOP)which" a person.
    """
    index = _SpanIndex(spans)
    for n, sp in enumerate(spans):  # a span's insertion number is its place in `spans`
        name = text[sp.start:sp.end]
        if not index.live(n):  # taken into a name before it
            continue
        if name.count(")") <= name.count("("):
            continue
        close = sp.start + name.index(")")
        if close + 1 < len(text) and text[close + 1].isalnum():
            index.remove(n)
            continue
        lo = text.rfind("(", max(0, sp.start - 60), sp.start)
        if lo < 0 or ")" in text[lo:sp.start] or "\n\n" in text[lo:sp.start]:
            continue
        start = lo
        m = _CAPS_BEFORE_PAREN.search(text, max(0, lo - 80), lo)
        if m:
            words = list(re.finditer(r"\S+", m.group(1)))
            while words and words[0].group().lower() in _NOT_COMPANY_START:
                words.pop(0)
            if words:
                start = m.start(1) + words[0].start()
        for k, other in index.overlapping(start, sp.start):
            if other is not sp and other.end <= sp.end:
                index.remove(k)
        index.remove(n)
        index.append(Span(start, sp.end, sp.type, sp.source))
    return index.spans()


def _bracketed(text: str, spans: list[Span]) -> list[Span]:
    """What the NER found in "<...>" is the company the brackets hold, all of it; a span that
    runs into the brackets from outside keeps its outside part."""
    index = _SpanIndex(spans)
    for m in _BRACKETED.finditer(text):
        lo, hi = m.span()
        symbol = _TICKER.fullmatch(m.group(1)) is not None and _NAME_BEFORE.search(text, max(0, lo - 60), lo) is not None
        if symbol and (named := index.last_ending_in(lo - 1, lo - 1)) is not None and named.type != "location":
            named.type = "organization"  # a stock symbol's name is a company's: "Atlas Copco <ASTS ST>" was a person
        inside = index.overlapping(lo, hi)
        if not inside:
            continue  # "<C>" after "Citicorp": nothing the NER took for a name
        for n, sp in inside:
            if sp.start < lo and sp.end > hi:
                continue  # around the brackets: the name they stand in
            index.remove(n)
            if sp.start < lo or sp.end > hi:  # its part outside them
                a, b = (sp.start, lo) if sp.start < lo else (hi, sp.end)
                r = clean_span(text, a, b, sp.type)
                if r:
                    index.append(Span(r[0], r[1], sp.type, sp.source))
        if not symbol:
            index.append(Span(m.start(1), m.end(1), "organization", "rule"))
        # else a stock symbol after the company's name ("Volvo <VOLV ST>", "Chemical New York Corp
        # <CHL>"): the company is named, the symbol would be an organisation of its own (118
        # mentions in 2,500 Reuters articles: "VOLV ST", "BBCZ.Z"); its text still finds the article
    return index.spans()


# A business's last word that ends no person's name: the NER's people "Getty Oil", "Ted Bates
# Worldwide", "Hunter Helicopter"'s "Nevada Inc" aside (18 mentions of 2,500 Reuters articles).
# Not words that are also surnames ("Gold", "Banks", "Stone", "Life").
_BUSINESS_LAST = (CORPORATE_WORDS - LEGAL_FORMS) | {
    "worldwide", "international", "works", "partners", "fund", "funds", "funding", "hotel", "hotels",
    "restaurant", "restaurants", "rental", "rentals", "systems", "services", "securities", "capital",
    "communications", "enterprises", "technologies", "electronics", "pharmaceuticals", "laboratories",
    "insurance", "trust", "financial", "investments", "properties", "stores", "helicopter", "helicopters",
    "pharma", "hydro", "handels", "aluminiumwerke", "werke",
}
# ... and its first word: a bank's in the languages of wire copy ("Landesbank Rheinland-Pfalz",
# "Caisse d'Epargne de l'Etat", "Cassa di Risparmio di Roma" were people in 1,500 Reuters articles)
_BUSINESS_FIRST = {"bank", "banco", "banca", "banque", "caisse", "cassa", "landesbank", "sparkasse", "girozentrale",
                   "kreditanstalt", "kredietbank", "credito", "creditanstalt", "societe", "société", "compagnie",
                   "compania", "compañía", "grupo", "gruppo"}


# The words before a company's "of": "Shamrock Holdings of California Inc", "Union Bank of Switzerland
# (Securities) Ltd", whose NER span began after the "of"
_OF_BEFORE = re.compile(r"(?<![\w.&'’-])((?:[A-Z][\w&'’.-]*[ \t]+){0,2}[A-Z][\w&'’-]*)[ \t]+of[ \t]+$")
_OF_KINDS = (CORPORATE_WORDS - LEGAL_FORMS) | {"bancorp", "bancorporation", "bancshares"}


def _companies_of_places(text: str, spans: list[Span]) -> list[Span]:
    """A company named "X Holdings of Y Inc" is one organisation, where the NER took only "Y Inc" ("Shamrock
    Holdings of California Inc, a Disney family company" then "Shamrock said" three times, a person): its
    words before "of" join it when the last is a company's kind (holdings, group, bank, industries...).
    A span among those words goes."""
    out: list[Span] = []
    for s in spans:
        if s.type == "organization" and ends_in_legal_form(text[s.start:s.end]) \
                and (m := _OF_BEFORE.search(text, max(0, s.start - 60), s.start)) is not None \
                and _form_word(m.group(1).split()[-1]) in _OF_KINDS:
            start = m.start(1)
            while out and out[-1].start >= start and out[-1].end <= s.start:
                out.pop()  # "Shamrock Holdings", if the NER tagged it apart
            if not (out and out[-1].end > start):
                s = Span(start, s.end, "organization", s.source)
        out.append(s)
    return out


def _legal_forms(text: str, spans: list[Span]) -> list[Span]:
    """No name ends in a money unit ("N.Z. Dlrs"), and a "person" ending in a legal form, or
    any name followed by one, is a company, the capitalised words just before it included
    ("Purolator" + "Courier Corp", "Pharmacia" + "AB")."""
    out: list[Span] = []
    for sp in spans:
        found = sp.start
        words = text[sp.start:sp.end].split()
        last = words[-1].strip(".").lower()
        if last in _UNITS or words[-1] == "NIL":  # "CAMPO MOURAO NIL, LONDRINA NIL": a rain table's nil
            continue
        if sp.type == "person" and _form_word(words[-1]) in LEGAL_FORMS:  # "Sedio N.V." was a person
            if len(words) == 1:
                continue  # "Corp" alone: the rest of the name was missed
            sp = Span(_company_start(text, sp.start), sp.end, "organization", sp.source)
        elif sp.type == "person" and len(words) >= 2 and (_form_word(words[-1]) in _BUSINESS_LAST
                                                            or _form_word(words[0]) in _BUSINESS_FIRST):
            sp = Span(sp.start, sp.end, "organization", sp.source)  # "Getty Oil", "Ted Bates Worldwide"
        elif sp.type in ("person", "organization") and (m := _FIRM_AFTER.match(text, sp.end)) is not None \
                and not text[sp.start:m.end()].isupper():
            # a firm named after its founders, not them: "J.P. Morgan and Co Inc", "Frank B. Hall and
            # Co Inc" were people (helper review: 36 person values of 2,500 Reuters stories)
            sp = Span(sp.start, m.end(), "organization", sp.source)
        elif sp.type == "organization" and len(words) <= 2 and _form_word(words[0]) in _FIRM_WORDS:
            sp = Span(_firm_start(text, sp.start), sp.end, "organization", sp.source)  # the NER's "Sons Inc"
        elif sp.type == "organization" and 2 <= len(words) <= 3 and _form_word(words[-1]) in LEGAL_FORMS \
                and _trade_only(words[:-1]):
            # a line of business and a form is the end of a name: "Mitchell Energy and" + "Development
            # Corp", "Cincinnati Gas and" + "Electric Co", "AmVestors" + "Financial Corp" (helper
            # review: 14 such values in 2,500 Reuters stories)
            sp = Span(_firm_start(text, sp.start), sp.end, "organization", sp.source)
        elif (m := _FORM_AFTER.match(text, sp.end)) is not None and not text[sp.start:m.end()].isupper() \
                and _form_word(words[-1]) not in LEGAL_FORMS:  # "SNC-Lavalin Group Inc." + " Toshiba Corp": two
            # the form just after the name: "STOCKHOLM, March 3 - Pharmacia AB said", the NER's
            # person "Pharmacia" (4 of 2,500 Reuters articles, QA)
            # a place before the form is the end of a company's name: "Industrial Bank of Japan Ltd"
            sp = Span(_company_start(text, sp.start, joiners=sp.type == "location"), m.end(), "organization", sp.source)
        while out and out[-1].start >= sp.start and out[-1].end <= sp.end:
            out.pop()  # the NER's part of the name: "Industrial Bank" of "Industrial Bank of Japan Ltd"
        if sp.start < found:  # grown to the left, over a part that need not be the last span
            out = [o for o in out if not (o.start >= sp.start and o.end <= sp.end)]
        if out and out[-1].start <= sp.start and out[-1].end >= sp.end:
            continue  # a part of the name before, grown to the form: "Venezuela" of "Petroleos de" + "Venezuela S.A."
        out.append(sp)
    return out


# One partner and "and" or a comma before a company's name: "Butcher and" + "Singer Inc", "Tate and" +
# "Lyle Plc", "Ladenburg," + "Thalmann and Co", "Brown," + "Baldwin Nisker Ltd", "Johnson and" +
# "Johnson <JNJ>"; and a stock symbol after a name. (A firm's several partners: _PARTNERS_BEFORE; its
# _PARTNER_NAME would also take "Mc"/"Mac" names here, which this rule was not measured with.)
_ONE_PARTNER_BEFORE = re.compile(r"(?<![\w.&'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:[ \t]+(?:and|&)|,)[ \t]+$")
_SYMBOL_AFTER = re.compile(rf"[ \t]*<{_TICKER.pattern}>")


def _partners_of_companies(text: str, spans: list[Span]) -> list[Span]:
    """A company named after partners is one name, where the NER made the first a person: "Butcher
    and Singer Inc will be the offering's managing underwriter", "Tate and Lyle Plc <TATL.L>",
    "underwriters led by Ladenburg, Thalmann and Co", "Wood Gundy Inc and Brown, Baldwin Nisker Ltd"
    gave Reuters the people Butcher, Tate, Ladenburg, Brown. The company has a legal form or a
    stock symbol; the partner is one word the document uses nowhere else, neither a surname of a
    person named in full nor titled, nor the last of partners ("Wagner and Brown and AFG Industries Inc");
    and a list's other company is no person ("Exxon, Mobil Corp")."""
    surnames: set[str] | None = None
    joined: dict[int, Span] = {}  # the partner's start -> the company it opens
    for i, o in enumerate(spans):
        p = spans[i - 1] if i else None  # the partner, a person just before (asked first: it is rare)
        if o.type != "organization" or p is None or p.type != "person" or p.source != "ner" or o.start - p.end > 6:
            continue
        m = _ONE_PARTNER_BEFORE.search(text, max(0, o.start - 40), o.start)
        if m is None or (p.start, p.end) != m.span(1) or not (
                _form_word(text[o.start:o.end].split()[-1]) in LEGAL_FORMS or _SYMBOL_AFTER.match(text, o.end)):
            continue
        w = m.group(1)
        if surnames is None:
            surnames = _full_name_surnames(text, spans)
        if (j := _PARTNER_JOINED.search(text, max(0, p.start - 40), p.start)) is not None \
                and _form_word(j.group(1)) not in LEGAL_FORMS:
            continue  # the last of a firm's partners, which _firms_of_names reads: "investors Wagner and Brown and AFG
            # Industries Inc", "Wagner\nand Brown and AFG Industries Inc" (the line broken)
        if w not in surnames and not _titled(text, p.start) and all(
                p.start <= a < o.end for a in _find_all(text, w)):
            joined[p.start] = Span(p.start, o.end, "organization", o.source)
    if not joined:
        return spans
    ends = {j.end for j in joined.values()}
    out = [s for s in spans if s.start not in joined and not (s.type == "organization" and s.end in ends
                                                               and any(j.start < s.start for j in joined.values() if j.end == s.end))]
    return sorted(out + list(joined.values()), key=lambda s: (s.start, -s.end))


def _trade_only(words: list[str]) -> bool:
    """Words before a legal form that name a line of business alone ("Development", "Light"):
    the name goes on before them (_firm_start)."""
    return all(_form_word(w) in _TRADE_WORDS for w in words)


def _firm_start(text: str, start: int) -> int:
    """Where a firm's name begins whose found part starts with "Co", "Sons" or the like: at its
    founders, across their "and" ("Alex. Brown and" + "Sons Inc", "Teck Hock and" + "Co (Pte)
    Ltd"), not at the firm word (the NER's "Sons Inc" was a company of its own)."""
    return _company_start(text, start, joiners=True)


def _name_stop(word: str) -> bool:
    """A word a name before it cannot run across: "The", "said", a sentence's last ("Tokyo."), a
    figures table's row label ("Shr NA vs 1.20": "NA", not available, is also a bank's form)."""
    return (word.lower() in _NOT_COMPANY_START or (word.endswith(".") and not _INITIALS.fullmatch(word))
            or word in ROW_LABELS)


def _company_start(text: str, start: int, words: int = 3, joiners: bool = False) -> int:
    """Where a company's name begins, up to `words` capitalised words before `start`; with
    `joiners`, across "of", "and" or "&" between capitalised words ("Industrial Bank of" +
    "Japan Ltd", "Mobil Exploration and Producing" + "U.S. Inc")."""
    for _ in range(words):
        m = _CAP_WORD_BEFORE.search(text, max(0, start - 60), start) \
            or _CONTRACTION_BEFORE.search(text, max(0, start - 60), start)
        # one joiner a name; "and" after a legal form joins two companies ("Standard Oil Co and
        # BP North America Inc"), where "Ford Motor Co of Canada Ltd" is one
        if m is None and joiners and (j := _JOINER_BEFORE.search(text, max(0, start - 70), start)) \
                and not (j.group(2) != "of" and _form_word(j.group(1)) in LEGAL_FORMS):
            m, joiners = j, False
        word = m.group(1) if m else ""
        if not word or _name_stop(word):
            break  # "Acme Corp. Courier Corp": a stop after a word may end a sentence
        if word[-2:] in ("'s", "’s") and (word[:-2] in known_places() or country_display(word[:-2])
                                          or _form_word(word[:-2]) in LEGAL_FORMS):
            break  # "Japan's Nippon Steel Corp", "McLean Industries Inc's United States Lines Inc": its owner
        if _DESCRIPTIVE.search(word):
            break  # "State-run Tanzania Railway Corporation"
        start = m.start(1)
    return start


# A legal form as wire copy writes it, with or without its dots, a company's last word (not "Co-chairman")
_FORMS = r"(?:Corp|Corporation|Inc|Co|Cos|Ltd|Limited|Plc|PLC|LLC|AG|AB|NV|NA|GmbH|SpA|N\.V\.|N\.A\.|S\.A\.|B\.V\.|S\.p\.A\.)(?![\w-])"
_FORM_WORD = re.compile(rf"(?<![\w&'.-]){_FORMS}")
_FORM_AFTER = re.compile(rf"(?:[ \t]+[A-Z][\w&'.-]*){{0,2}}[ \t]+{_FORMS}")  # "Stora Kopparbergs" + " Bergslags AB"
_DESCRIPTIVE = re.compile(r"-[a-z]+$")  # "State-run", "Government-owned": a description before the name
_JOINER_BEFORE = re.compile(r"(?<![\w.&'\-])([A-Z][\w.&'\-]*)[ \t]+(of|and|&)[ \t]+$")
# "Pay 'N Pak Stores Inc said": the contracted "and" of a trade name joins its words, where the
# company's start stopped at it and gave "Pak Stores Inc" (2 of 19,043 Reuters stories open so;
# "Steak 'n Egg", "Chicken 'N Biscuits" are named alike)
_CONTRACTION_BEFORE = re.compile(r"(?<![\w.&'\-])([A-Z][\w.&'\-]*)[ \t]+['’][Nn]['’]?[ \t]+$")


# A partnership's name lists its partners, the last with the form: "Piper, Jaffray and Hopwood
# Inc", "Merrill Lynch, Pierce, Fenner and Smith Inc", "Dillon, Read and Co Inc"
_PARTNER = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_PARTNERSHIP = re.compile(
    rf"(?<![\w.&'’-])(?=((?:{_PARTNER}{_GAP})?{_PARTNER}(?:,{_GAP}{_PARTNER})+,?{_GAP}(?:and|&){_GAP}({_PARTNER})"
    rf"{_GAP}{_FORMS}(?:\.?{_GAP}(?:Inc|Ltd|Corp))?(?![\w-])))")  # a stop after it may end the sentence
_PARTNER_SEP = re.compile(rf",{_GAP}|,?{_GAP}(?:and|&){_GAP}|{_GAP}")
_FIRM_WORDS = frozenset({"co", "company", "sons", "associates", "partners", "brothers"})  # "... and Co Inc"
# Words naming a line of business, which name no company without the words before them
_TRADE_WORDS = frozenset({
    "development", "research", "exploration", "production", "producing", "engineering", "manufacturing",
    "marketing", "trading", "investment", "investments", "management", "resources", "energy", "gas", "oil",
    "mining", "industries", "holdings", "services", "systems", "technology", "technologies", "finance",
    "financial", "leasing", "realty", "properties", "communications", "electronics", "supply", "distribution",
    "construction", "transport", "shipping", "insurance", "securities", "equipment", "products", "chemical",
    "chemicals", "refining", "petroleum", "pipeline", "electric", "power", "light", "telephone", "telegraph",
    "savings", "loan", "trust", "banking", "minerals", "metals", "steel", "land", "foods",
})
# A partner and "and" before another, the line broken in either gap or none: "Wagner\nand" + "Brown"
_PARTNER_JOINED = re.compile(rf"(?<![\w.&'\-])([A-Z][\w.&'\-]*){_GAP}(?:and|&){_GAP}$")
_FIRM_AFTER = re.compile(rf"[ \t]+(?:and|&)[ \t]+(?:Co|Company|Sons|Associates|Partners|Brothers)(?![\w&'-])"
                         rf"(?:\.?[ \t]+{_FORMS})?")


def _partnerships(text: str, spans: list[Span]) -> list[Span]:
    """A partnership's name is one organisation, not its partners: the NER made "Prescott" and
    "Ball" people and "Turben Inc" a company of "Prescott, Ball and Turben Inc", and "Pierce"
    and "Smith Inc" companies of "Merrill Lynch, Pierce, Fenner and Smith Inc". Not a list of
    companies: no partner but the last ("and Co") is a legal form ("Benson Ltd, Kidder,
    Peabody and Co Ltd"), nor a word a name does not start with ("The"). A span that runs
    across the name's edge leaves it as it is. A stop after the form is the sentence's, unless
    the NER gave it to the last partner. 7 of 2,500 Reuters articles changed (the 19,000
    bodies write 95 such names, most of which the NER had whole: "Kidder, Peabody and Co Inc");
    500 web pages and CoNLL-2003 none; 0.03 ms an article."""
    found: list[tuple[int, int]] = []
    for m in _PARTNERSHIP.finditer(text):
        a, b = m.start(1), m.end(1)
        if found and a < found[-1][1]:
            continue
        words = [w.strip(".") for w in _PARTNER_SEP.split(text[a:m.end(2)]) if w]
        last = words.pop()
        if any(_form_word(w) in LEGAL_FORMS or _name_stop(w) for w in words) or (
                _form_word(last) in LEGAL_FORMS and last.lower() not in _FIRM_WORDS):
            continue
        if text[b:b + 1] == "." and any(a <= s.start < b and s.end == b + 1 for s in spans):
            b += 1  # the NER's "Turben Inc.": its stop kept, as for a name the NER had whole
        if any(s.start < a < s.end or s.start < b < s.end for s in spans):
            continue
        found.append((a, b))
    if not found:
        return spans
    out = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in found)]
    out += [Span(a, b, "organization", "rule") for a, b in found]
    return sorted(out, key=lambda s: (s.start, -s.end))


# A bracketed qualifier just before a legal form: "(Holdings) Ltd", "(U.K.) Ltd", "(Far East) Ltd"
_QUALIFIED_FORM = re.compile(r"\([A-Z0-9][\w.&'\-]*(?:[ \t]+[A-Z][\w.&'\-]*){0,2}\)[ \t]*\n?[ \t]*"
                             rf"{_FORMS}(?:[ \t]+{_FORMS})*")


def _qualified_companies(text: str, spans: list[Span]) -> list[Span]:
    """A company whose name holds a bracketed qualifier before its legal form is one name, from
    the capitalised words before the bracket: the NER took "Cheung Kong (Holdings) Ltd" for the
    place "Cheung Kong", "Sony (U.K.) Ltd" for a person, "Nikko Securities Co (Europe) Ltd" for
    the parent company and the place "Europe" (19 of 24 such names in 2,500 Reuters articles).
    The name starts after an owner's possessive, a stop word or a sentence's end, or where an
    organisation the NER found there starts; a headline in capitals is left as it was."""
    index = _SpanIndex(spans)
    for m in _QUALIFIED_FORM.finditer(text):
        before = _CAPS_BEFORE_PAREN.search(text, max(0, m.start() - 80), m.start())
        if before is None:
            continue
        start = None
        for w in reversed(list(re.finditer(r"\S+", before.group(1)))):
            if _name_stop(w.group()) or w.group()[-2:] in ("'s", "’s"):
                break  # "Qintex Inc's Qintex America (Media) Ltd": its owner's is another name
            start = before.start(1) + w.start()
        if start is not None and _form_word(text[start:m.start()].split()[0]) in ("co", "cos"):
            start = _firm_start(text, start)  # "Teck Hock and" + "Co (Pte) Ltd"
        if start is None or _form_word(text[start:m.start()].split()[0]) in LEGAL_FORMS or text[start:m.end()].isupper():
            continue  # no name before the forms ("said Co (Pte) Ltd"), or a headline in capitals
        for _, sp in index.overlapping(start, m.start()):
            if sp.start < start and sp.type == "organization":
                start = sp.start  # the NER's "Bank of Tokyo" + "(Holland) NV": the name goes on
        for k, _ in index.overlapping(start, m.end()):
            index.remove(k)
        index.append(Span(start, m.end(), "organization", "rule"))
    return index.spans()


# A legal form, then "and" or a sentence's stop, then a capitalised word: where the NER ran one
# company into the next ("CTS Corp and Dynamics Corp", "Bear, Stearns and Co Inc. Toomay said")
_FORM_THEN = re.compile(rf"(?<![\w&'.-])({_FORMS})(\.?[ \t\n]+(?:and|&)[ \t\n]+|\.[ \t\n]+)(?=([A-Z][\w&'.-]*))")


def _forms_end_names(text: str, spans: list[Span]) -> list[Span]:
    """A legal form ends a company the NER ran on into the next name, across "and" or a full
    stop: "Kidder, Peabody and Co Inc and Dillon, Read and Co Inc", "Hitachi Ltd. RWE AG" (7
    mentions of 2,500 Reuters articles and 500 web pages). After a stop, a form or a business
    word goes on with the name ("Plessey Co. Plc", "Nikko Securities Co. International")."""
    out: list[Span] = []
    for sp in spans:
        start = sp.start
        for m in _FORM_THEN.finditer(text, sp.start, sp.end):
            after = _form_word(m.group(3))
            if m.group(2).strip() == "." and (after in LEGAL_FORMS or after in _BUSINESS_LAST):
                continue
            if (r := clean_span(text, start, m.end(1), sp.type)):
                out.append(Span(r[0], r[1], sp.type, sp.source))
            start = m.end()
        if start == sp.start:
            out.append(sp)
        elif (r := clean_span(text, start, sp.end, sp.type)):
            out.append(Span(r[0], r[1], sp.type, sp.source))
    return out


def _untagged_companies(text: str, spans: list[Span]) -> list[Span]:
    """Capitalised words ending in a legal form that no span covers are a company: the NER
    misses the company a wire story opens with ("DETROIT, March 4 - Chrysler Corp said": 413 of
    2,500 Reuters stories with their dateline, QA). Not in capitals (a headline's "ACME INC")."""
    covered = sorted((s.start, s.end) for s in spans)
    starts = [a for a, _ in covered]
    reach = list(accumulate((b for _, b in covered), max))  # the furthest end up to each span
    added: list[Span] = []
    parts: list[tuple[int, int]] = []  # the NER's parts of a name grown over them (below)
    for m in _FORM_WORD.finditer(text):
        start = _company_start(text, m.start(), 4)
        trade = False
        if start < m.start() and (_form_word((head := text[start:m.start()].split())[0]) in _FIRM_WORDS
                                  or (trade := _trade_only(head))):
            start = _firm_start(text, start)  # "Alex. Brown and" + "Sons Inc", "Puget Sound Power and" + "Light Co"
        i = bisect.bisect_right(starts, m.end()) - 1
        if trade and i >= 0 and reach[i] > start:
            # grown over the NER's part of the name ("Sound Power" of "Puget Sound Power and Light
            # Co"): the name replaces the parts it holds whole, and yields to one it does not
            inside = [(a, b) for a, b in covered if b > start and a < m.end()]
            if all(a >= start and b <= m.end() for a, b in inside):
                parts += inside
                added.append(Span(start, m.end(), "organization", "rule"))
                continue
        if start == m.start() or (i >= 0 and reach[i] > start) or text[start:m.end()].isupper():
            continue
        if added and start < added[-1].end:  # "Nissan Motor Co Ltd": one name, its forms chained
            start = added.pop().start
        added.append(Span(start, m.end(), "organization", "rule"))
    if parts:
        gone = set(parts)
        spans = [sp for sp in spans if (sp.start, sp.end) not in gone]
    return spans + added if added else spans


_OWNER = re.compile(r"(?<![\w'’])([A-Z][\w.&-]*)['’]s[ \t]+(?=[A-Z])")  # "Co's Entertainment"


def _owners(text: str, spans: list[Span]) -> list[Span]:
    """An organisation the NER read through its parent company's possessive is two companies:
    "Coca-Cola Co's Entertainment Business Sector Inc", "Sun Co's Sun Refining and Marketing"
    (QA; 1 of 2,500 Reuters articles: the NER splits most). _company_start stops at the same
    possessive where the rules find a company's start."""
    out: list[Span] = []
    for sp in spans:
        m = _OWNER.search(text, sp.start, sp.end) if sp.type == "organization" else None
        if m and m.start() > sp.start and _form_word(m.group(1)) in LEGAL_FORMS:  # "N.V.'s" as "Co's"
            out += [Span(sp.start, m.end(1), "organization", sp.source), Span(m.end(), sp.end, "organization", sp.source)]
        else:
            out.append(sp)
    return out


# An institution's head noun: "Bank" of "Bank of Japan", "University" of "University of Mali".
# Not the words that make a place of "X of <place>" ("Republic of Korea", "Gulf of Mexico").
_INSTITUTION_HEADS = (
    "Bank|University|Ministry|Embassy|Council|Commission|Court|Parliament|Assembly|Institute"
    "|Academy|Museum|Government|Authority|Federation|Association|Chamber|Board|Agency|Office"
    "|Department|Exchange|Fund|Railways?|Church|Party|Army|Navy|Police|Front|Movement|Senate"
)
_INSTITUTION_OF = re.compile(
    rf"(?<![\w.&'\-])((?:[A-Z][\w.&'\-]*[ \t]+){{0,3}}(?:{_INSTITUTION_HEADS}))[ \t]+of[ \t]+(?:the[ \t]+)?$"
)


def _institutions_of_places(text: str, spans: list[Span]) -> list[Span]:
    """"Bank of Japan" is one organisation: the gazetteer claims "Japan" before the NER runs,
    so the NER could only tag "Bank" (or nothing: "The Bank of Japan said" gave the place alone).
    Capitalised words ending in an institution's head noun, then "of" and a place, are an
    organisation, the place included. (One pass to find them, one to drop what they cover: a
    wire file naming the bank a thousand times stays linear.)"""
    out = sorted(spans, key=lambda s: (s.start, -s.end))
    org_start_by_end: dict[int, int] = {}
    for o in out:
        if o.type == "organization":
            org_start_by_end[o.end] = min(o.start, org_start_by_end.get(o.end, o.start))
    added: list[Span] = []
    for sp in out:
        if sp.type != "location" or (added and sp.start < added[-1].end):
            continue
        m = _INSTITUTION_OF.search(text, max(0, sp.start - 80), sp.start)
        if m is None:
            continue
        words = list(re.finditer(r"\S+", m.group(1)))
        k = len(words) - 1  # the head noun; the name runs back to "The" or a sentence's end ("Tokyo.")
        while k > 0 and not _name_stop(words[k - 1].group()):
            k -= 1
        if _name_stop(words[k].group()):
            continue
        # the NER's name before "of" may reach further back: "First Federal Savings and Loan Association"
        start = min(m.start(1) + words[k].start(), org_start_by_end.get(m.end(1), sp.start))
        added.append(Span(start, sp.end, "organization", "rule"))
    if not added:
        return out
    starts = [a.start for a in added]

    def covered(s: Span) -> bool:  # overlaps an added name (they do not overlap one another)
        i = bisect.bisect_right(starts, s.end - 1) - 1
        return i >= 0 and added[i].end > s.start

    return sorted([s for s in out if not covered(s)] + added, key=lambda s: (s.start, -s.end))


# A government body named by its field after its country: "U.S. Agriculture Department" (the
# gazetteer claims "U.S." before the NER runs, so the NER tagged the department in 11 of 47 such
# mentions in 2,500 Reuters articles), "French Finance Ministry".
_FIELDS = (
    "Agriculture|Justice|Commerce|Transportation|Transport|Treasury|State|Defense|Defence|Energy"
    "|Interior|Labor|Labour|Finance|Foreign|Trade|Environmental|Protection|Interstate|International"
    "|Health|Education|Housing|Economy|Economic|Industry|Mines|Oil|Petroleum|Home|Fisheries"
    "|Communications|Environment|Planning|Budget|Securities|Exchange|Immigration|Customs|Statistics"
)
_BODY_AFTER = re.compile(
    rf"[ \t]+((?:(?:{_FIELDS})[ \t]+){{1,3}}(?:Department|Ministry|Office|Agency|Commission|Council|Board|Bureau))\b"
)


def _bodies_after_places(text: str, spans: list[Span]) -> list[Span]:
    """The government body a place is followed by, which no span covers, is an organisation:
    "U.S. Agriculture Department" gave the place "U.S." alone. The place stays a place (not
    glued on by _merge_adjacent), so the body is the "Agriculture Department" other articles name."""
    starts = [s.start for s in spans]  # spans come sorted by start
    reach = list(accumulate((s.end for s in spans), max))  # the furthest end up to each span
    added = []
    for sp in spans:
        if sp.type == "location" and (m := _BODY_AFTER.match(text, sp.end)) is not None:
            a, b = m.span(1)
            i = bisect.bisect_left(starts, b) - 1  # the last span starting before the body ends
            if i < 0 or reach[i] <= a:
                added.append(Span(a, b, "organization", "body"))
    return sorted(spans + added, key=lambda s: (s.start, -s.end)) if added else spans


# A place's name never ends so ("West Bank" does: Bank is not here); a company's or a body's does.
_BODY_LAST = re.compile(
    rf"\s(?:{_FORMS}|Embassy|Ministry|University|Council|Commission|Agency|Department|Authority|Institute"
    r"|Museum|Academy|Parliament|Exchange|Association)\.?$"
)
# A periodical's last word, no one's surname
_PERIODICAL_LAST = re.compile(r"\s(?:Bulletin|Gazette|Journal|Newsletter|Digest|Magazine|Yearbook|Almanac)$")
_TITLE_OF = re.compile(r"(?:Secretary|Secretaries|Minister|Ministers)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$")
_FIELD_WORDS = {w.lower() for w in _FIELDS.split("|")} | {
    "affairs", "development", "and", "&", "for", "of", "the", "welfare", "works",
    "public", "social", "national", "war", "navy", "army", "air", "force", "security"}

# (_plural_nouns' quantifiers and fields before a plural)
_PLURAL_BEFORE = re.compile(rf"(?<![\w-])(?:(?:other|major|many|several|all|some|most|these|those|both|few|such)"
                            rf"|(?:{_FIELDS}))[ \t]+$")


_TITLE_AFTER = re.compile(r"[ \t\n]+(?:Secretary|Secretaries|Minister|Ministers|Undersecretary|Under[ \t]+Secretary)\b")


def _title_fields(text: str, spans: list[Span]) -> list[Span]:
    """A ministry's field before "Minister" or "Secretary", or after "Secretary of" or "Minister of",
    is the title's, no organisation ("Finance Minister Kiichi Miyazawa" gave "Finance", 44 mentions
    in 2,500 Reuters articles; "Treasury Secretary" names the Treasury):
    "Secretary of State George Shultz" gave the organisation "State" (16 of 1,500 Reuters
    articles), "Minister of State for Trade" "State for Trade"; where the NER ran on into the
    minister's name ("Minister of Industry and Trade Cahit Aral"), the name is the person."""
    out: list[Span] = []
    for sp in spans:
        words = text[sp.start:sp.end].split()
        if sp.type == "organization" and _TITLE_AFTER.match(text, sp.end) and words[-1] != "Treasury" \
                and all(w.lower() in _FIELD_WORDS for w in words):
            # before the title: "Finance Minister Kiichi Miyazawa", "Agriculture Secretary Richard Lyng";
            # not the Treasury, a body's own name, which its Secretary heads
            continue
        if sp.type == "organization" and _TITLE_OF.search(text, max(0, sp.start - 40), sp.start):
            words = list(re.finditer(r"\S+", text[sp.start:sp.end]))
            k = 0
            while k < len(words) and words[k].group().lower() in _FIELD_WORDS:
                k += 1
            rest = words[k:]
            if k and not rest:
                continue  # "State", "State for Trade"
            if k and 2 <= len(rest) <= 3 and all(w.group()[0].isupper() and w.group().isalpha() for w in rest):
                sp = Span(sp.start + rest[0].start(), sp.end, "person", sp.source)
        out.append(sp)
    return out


# Countries whose names are also people's names.
_SURNAME_COUNTRIES = {"Jordan", "Israel", "England", "Ireland", "Holland", "France", "Wales", "Chad", "Georgia",
                      "India", "Jamaica", "Kenya", "Jersey"}


def _merge_adjacent(text: str, spans: list[Span], places: frozenset[int] = frozenset()) -> list[Span]:
    """A gazetteer place glued to a person or organisation is part of its name.

    "Charlotte Gainsbourg" (city + person), "Manchester United" (city + club). Not a dateline's place
    (`places`, their starts) after a byline: "Robert Kitson LONDON 1996-12-06".
    """
    # A name the document gives a person where no place follows ends before a place ("Lawson
    # told Funaro Brazil had to"), and so does a name written whole before a country ("George
    # Shultz China's recent troubles"; 3 of 2,500 Reuters articles). "Michael" + "Jordan",
    # "Samuel L." + "Jackson" and "Vernon E." + "Jordan" are one name.
    persons: set[str] = set()
    for i, sp in enumerate(spans):
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if sp.type == "person" and not (nxt and nxt.source in ("gazetteer", "city") and text[sp.end:nxt.start] == " "):
            name = text[sp.start:sp.end]
            persons.update((name.casefold(), name.split()[-1].casefold()))
    out: list[Span] = []
    for sp in spans:
        if out:
            prev = out[-1]
            gap = text[prev.end:sp.start]
            if gap == " " and {prev.source, sp.source} & {"gazetteer", "city"} and prev.source != sp.source \
                    and sp.start not in places \
                    and "body" not in (prev.source, sp.source):  # "U.S." + "Agriculture Department": two
                other = sp if prev.source in ("gazetteer", "city") else prev
                name = text[prev.start:prev.end]
                place = text[sp.start:sp.end]
                if other is prev and prev.type == "person" and (
                        name.casefold() in persons
                        or (" " in name and country_display(place) and place not in _SURNAME_COUNTRIES)):
                    out.append(sp)
                    continue
                if other.type in ("person", "organization"):
                    out[-1] = Span(prev.start, sp.end, other.type, "ner")
                    continue
        out.append(sp)
    return out


# Portuguese's "do", "dos", "das" ("of the") inside a name, which the NER splits at, keeping
# the last part a person: "Banco do Brasil", "GM do Brasil", "Jornal do Brasil" gave the person
# "Brasil" (4 of 2,500 Reuters articles). Not "da": "Lula da Silva" is whole already; nor Spanish
# "de", in too many names the NER reads whole ("Charles de Gaulle", "Banco de Mexico").
_PARTICLE_BEFORE = re.compile(r"(?<![\w.&'\-])((?:[A-Z][\w.&'\-]*[ \t]+){1,3}?)(?:do|dos|das)[ \t]+$")
_PARTICLE = re.compile(r" d(?:o|os|as)[ \t]+[A-Z]")  # which few texts have: " do" alone is in " dollars"
_PARTICLE_LEFT_MAX_ZIPF = 4.0  # "Jornal" 1.4, "Banco" 3.0; not "What do Reagan's aides", "How", "Why"


def _portuguese_names(text: str, spans: list[Span]) -> list[Span]:
    """A person after a capitalised name and "do" is the end of that name, typed as its first
    part was (an organisation if untagged or a bank's "Banco"; "Rio Grande do Sul" stays a place)."""
    out: list[Span] = []
    for s in spans:
        m = _PARTICLE_BEFORE.search(text, max(0, s.start - 60), s.start) if s.type == "person" else None
        if m is not None:
            words = list(_OPENER_WORD.finditer(text, m.start(1), m.end(1)))
            if out and out[-1].end == words[-1].end() and out[-1].start >= m.start(1):
                left = out[-1]
                first = text[left.start:left.end].split()[0]
                out[-1] = Span(left.start, s.end, "organization" if _form_word(first) in _BUSINESS_FIRST
                               else left.type, left.source)
                continue
            while words and _zipf(words[0].group().lower()) >= _PARTICLE_LEFT_MAX_ZIPF:
                words.pop(0)  # "The" of "The Jornal do Brasil newspaper"
            if words and not (out and out[-1].end > words[0].start()):
                out.append(Span(words[0].start(), s.end, "organization", s.source))
                continue
        out.append(s)
    return out


# Where a name is a place: "in Mendoza", "the province of Herrera", "rains across Hidalgo"
_PLACE_BEFORE = re.compile(r"(?i:\b(?:in|into|from|to|across|near|throughout|outside|inside|province|state|region|of)[ \t]+)$")
# ... and where the NER's organisation of a region's whole name is the region: after a preposition of place
# ("Officials in Haute-Savoie said", "the prefect of Bas-Rhin"), or before the kind of region it is ("the
# Haute-Savoie and Seine-Saint-Denis departments"); not after "to" ("a letter to Granma"), a newspaper's too,
# nor before "state" as a state's publication's ("Granma state newspaper said" is Cuba's party paper, where
# "Sabah state newspaper Daily Express" names the state's)
_REGION_BEFORE = re.compile(r"(?i:\b(?:in|into|from|across|near|throughout|outside|inside|prefect[ \t]+of)[ \t]+)$")
_REGION_AFTER = re.compile(r"(?:[ \t]+(?:and|or)[ \t]+[A-Z][\w'’-]*)?[ \t]+(?:departments?|provinces?|regions?|states?)\b"
                           r"(?![ \t]+(?:newspaper|daily|weekly|news[ \t]+agency|media|television|TV|radio|broadcaster)"
                           r"\b(?![ \t]+[A-Z]))")
# ... but not a publication named for its region, which a text writes in too: "an editorial in Granma", "Erdogan
# wrote in Sabah" (a Cuban and a Turkish newspaper; _PUBLICATION_AFTER)
_WRITTEN_IN_BEFORE = re.compile(
    r"(?i:\b(?:editorial|article|interview|column|commentary|op-ed|wrote|writes|writing|written|quoted|published)"
    r"[ \t]+in[ \t]+)$")


def _a_publication(text: str, s: Span) -> bool:
    """Whether the NER's organisation `s` after "in" is a publication, written in or named one beside it
    ("an editorial in Granma, the Communist Party daily"), and so no region though it has a region's name."""
    return bool(_WRITTEN_IN_BEFORE.search(text, max(0, s.start - 30), s.start)
                or _PUBLICATION_AFTER.match(text, s.end))


# A region's name that names a family, a ruling one as often as not: "Kuwait's Sabah family", "the
# al-Sabah dynasty" (Sabah is a Malaysian state), "the Al Thani clan"
_DYNASTY_AFTER = re.compile(r"[ \t]+(?:royal[ \t]+)?(?:family|families|dynasty|dynasties|clan|clans)\b")
_ARTICLE_BEFORE = re.compile(r"(?<![\w\-])(?:[AaEe]l-|[ae]l[ \t]+)$")  # Arabic "al-", "al " before a family's
# A capitalised word beside a region's name makes it part of a longer one ("Johor Bahru", "Pahang
# Consolidated Bhd"), as the city list's _inside_longer_name reads it
_CAP_NEXT = re.compile(r"[ \t]+[A-Z]")


def _regions(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """A country's state or province named alone is a place (regions.region_names): "the major
    producing state Bahia said", "plantings to Sabah and Sarawak", "Parana, Mato Grosso and Mato
    Grosso do Sul" gave the people Bahia, Sabah, Parana and Mato Grosso, an organisation "Rio Grande"
    and no mention of Sarawak or Goias (2,500 Reuters stories: 14 mentions in 5). A person or a cut
    organisation (the region's name continues after it) becomes the region at its longest; an
    untagged name, not beside another capitalised word, is added. An organisation of the region's
    whole name stays one ("Granma, the official Cuban newspaper") but after a preposition of place or
    before its kind ("in Haute-Savoie", "the Seine-Saint-Denis department": _REGION_BEFORE,
    _REGION_AFTER); a titled name, a surname the
    document gives a person in full or a word of its company's name is no region, tagged or not."""
    by_first = regions_by_first_word()
    runs = word_index.runs()
    present = runs.keys() & by_first.keys()
    if not present and not any(s.type == "person" and text[s.start:s.end].isupper() for s in spans):
        return spans  # most texts name none

    def region_at(a: int) -> str | None:
        first = _RUN.match(text, a)
        for name in by_first.get(first.group(), ()) if first else ():
            if text.startswith(name, a) and not _NAME_EDGE.match(text, a + len(name)):
                return name
        return None

    # a person's names: a surname the document gives someone in full ("Finance Minister Pedro Herrera ...
    # Herrera said"), or one it titles anywhere ("Governor Mendoza ... Mendoza said")
    people = _persons_names(text, spans)
    # and a word of a company's name with its legal form: "Farah Inc said ... Farah said it expects" (a
    # Reuters story; Farah is a Somali region) is the company, as _vote would make it
    companies = "\n".join(text[s.start:s.end] for s in spans
                          if s.type == "organization" and ends_in_legal_form(text[s.start:s.end]))
    of_company: dict[str, bool] = {}  # asked once per region's name: at most the lexicon's size

    def a_persons_or_companys(name: str) -> bool:
        if name not in of_company:
            of_company[name] = name in people or (name in companies and re.search(
                rf"(?<![\w-]){re.escape(name)}(?![\w-])", companies) is not None)
        return of_company[name]

    def named_as_place(a: int, name: str) -> bool:  # not "Bono said", "Hidalgo told reporters"
        if _DYNASTY_AFTER.match(text, a + len(name)) or _ARTICLE_BEFORE.search(text, max(0, a - 6), a):
            return False  # a family's name: "Kuwait's Sabah family", "the al-Sabah family"
        return name not in PERSONAL_NAMES or _PLACE_BEFORE.search(text, max(0, a - 30), a) is not None

    out: list[Span] = []
    grown: list[Span] = []  # the regions' spans, sorted by start
    for s in spans:
        name = region_at(s.start) if s.source == "ner" and s.type != "location" else None
        if name is None and s.type == "person" and (w := text[s.start:s.end]).isupper() and len(w) > 3:  # "MINAS GERAIS STATE:"
            name = next((n for n in by_first.get(w.split()[0].title(), ()) if n.upper() == w), None)
        if name and (s.type == "person" or len(name) > s.end - s.start or _REGION_BEFORE.search(
                text, max(0, s.start - 30), s.start) and not _a_publication(text, s) or _REGION_AFTER.match(
                text, s.end)) and s.start + len(name) >= s.end \
                and not a_persons_or_companys(text[s.start:s.end]) and not a_persons_or_companys(name) \
                and not _titled(text, s.start) and named_as_place(s.start, name):
            s = Span(s.start, s.start + len(name), "location", "gazetteer")
            grown.append(s)
        out.append(s)
    starts = [s.start for s in out]
    added = []
    for w in present:
        for a in runs[w]:
            name = region_at(a)
            if name is None or _CAP_NEXT.match(text, a + len(name)) or a_persons_or_companys(name) \
                    or _titled(text, a) or not named_as_place(a, name):
                continue
            before = _CAP_WORD_BEFORE.search(text, max(0, a - 40), a)
            if before is not None and not before.group(1).endswith(("'s", "’s")) \
                    and not _at_sentence_start(text, before.start(1)):
                continue  # a longer name's word ("Pulau Pinang"); not "Brazil's Parana" nor "In Sabah"
            i = bisect.bisect_left(starts, a + len(name)) - 1
            if i >= 0 and out[i].end > a or (i >= 1 and out[i - 1].end > a):
                continue  # inside or across a mention (spans are sorted and rarely nest)
            added.append(Span(a, a + len(name), "location", "gazetteer"))
    if not grown and not added:
        return out
    # a region's name grown over the NER's next span ("Mato Grosso" over "Sul") takes its place
    firsts = [g.start for g in grown]
    reach = list(accumulate((g.end for g in grown), max))
    ids = {id(g) for g in grown}

    def inside_grown(s: Span) -> bool:
        i = bisect.bisect_right(firsts, s.start) - 1
        return i >= 0 and reach[i] >= s.end and id(s) not in ids

    out = [s for s in out if not inside_grown(s)]
    return sorted(out + added, key=lambda s: (s.start, -s.end)) if added else out


# A French, Spanish, Italian or Portuguese company's name: its kind first ("Cie", "Banque", "Societe"),
# then capitalised words and the particles between them ("Cie Generale des Etablissements Michelin",
# "Banque Generale du Luxembourg SA"), on one line; a full stop ends it unless a word goes on after it
_ROMANCE_PARTICLE = r"(?:de|des|du|di|do|da|del|della|la|le|et|y|pour|a|au|aux|en)"
_ROMANCE_WORD = r"[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*"
_ROMANCE_COMPANY = re.compile(
    rf"{_ROMANCE_WORD}(?:[ \t]+(?:{_ROMANCE_PARTICLE}[ \t]+)*(?:[dl]['’])?{_ROMANCE_WORD}){{1,6}}")
_ROMANCE_FIRST = frozenset({"cie", "compagnie", "compania", "compañia", "companhia", "compagnia", "societe", "société",
                            "ste", "sociedad", "sociedade", "societa", "banque", "banco", "banca", "caisse", "cassa",
                            "groupe", "grupo", "gruppo", "credito"})


# A person's title and the name after it end a company's name: "Banco do Brasil President Camilo Calazans
# said" was one organisation and no person
_TITLE_THEN_NAME = re.compile(r"[ \t]+([A-Z][a-z]+)\.?(?=[ \t]+[A-Z])")


def _romance_company_end(text: str, start: int, end: int) -> int:
    """Where the company's name matched in text[start:end] ends: before a person's title and its name."""
    for t in _TITLE_THEN_NAME.finditer(text, start, end):
        if t.group(1).lower() in PERSON_TITLES and t.group(1) != "General":  # "Societe General Acceptance NV"
            return t.start()
    return end


def _romance_companies(text: str, spans: list[Span]) -> list[Span]:
    """A name that opens with a company's kind in a Romance language is one organisation to its last
    capitalised word: "Cie Generale des Etablissements Michelin" gave an organisation without its last
    word and the person "Michelin", "Banque Generale du Luxembourg SA" the place Luxembourg, "Cie
    Bancaire" a person and "Banco Financiero" a place (5 of 2,500 Reuters stories). The spans inside
    it go. Not a titled person after it ("Banco do Brasil President Camilo Calazans")."""
    out: list[Span] = []
    end = -1  # where the last company made here ends: the spans before it are inside it
    for s in spans:
        if s.start < end:
            continue
        first = _OPENER_WORD.match(text, s.start)
        if first and first.group().lower().rstrip(".") in _ROMANCE_FIRST and s.source != "gazetteer" \
                and (m := _ROMANCE_COMPANY.match(text, s.start)) is not None \
                and (m_end := _romance_company_end(text, s.start, m.end())) >= s.end \
                and (m_end > s.end or s.type != "organization"):
            s = Span(s.start, m_end, "organization", s.source)
            end = s.end
        out.append(s)
    return out


_AND = re.compile(r"\s+(?:and|&)\s+")


def _joined_companies(text: str, spans: list[Span]) -> list[Span]:
    """A company whose name holds "and" is one organisation, where the NER made two of it:
    "American Telephone" and "Telegraph Co" (10 of 3,000 Reuters articles), "Hambrecht" and
    "Quist Inc", "Firestone Tire" and "Rubber Co". Only the shape such names have: a first
    part of one to three words, named nowhere else in the document and ending in no legal form
    or business word, then one word and legal forms. Two companies in a list have other
    shapes: "Merrill Lynch Capital Markets and Salomon Brothers Inc.", "Credit Suisse and Swiss
    Bank Corp", "Cypress Partners L.P and Driftwood Ltd", "Ford and Chrysler Corp" (Ford named
    again). On those 3,000 articles: 16 names joined, none of them two companies."""
    orgs = Counter(text[s.start:s.end] for s in spans if s.type == "organization")

    def word(w: str) -> str:
        return w.replace(".", "").rstrip(",;").lower()

    out: list[Span] = []
    for sp in spans:
        if out and sp.type == "organization" and out[-1].type == "organization":
            prev, first, second = out[-1], text[out[-1].start:out[-1].end].split(), text[sp.start:sp.end].split()
            body = [w for w in second if word(w) not in LEGAL_FORMS]
            if (_AND.fullmatch(text, prev.end, sp.start) and len(first) <= 3 and orgs[" ".join(first)] == 1
                    and not "".join(first).isupper() and word(first[-1]) not in CORPORATE_WORDS
                    and len(body) == 1 and body[0] == second[0] and len(second) > 1):
                out[-1] = Span(prev.start, sp.end, "organization", prev.source)
                continue
        out.append(sp)
    return out


class _SpanIndex:
    """A list of spans that also finds them by position.

    _teams and _acronyms ask, for each results row or "(ACR)", about the few spans near it;
    scanning the whole list for each one was quadratic (a long results table or a wire file
    repeating a definition took minutes). The list order is kept (appends last, removals
    leave the rest in place): later steps settle ties by it.
    """

    def __init__(self, spans: list[Span]) -> None:
        self._live: dict[int, Span] = {}  # insertion number -> span, in list order
        self._by_start: dict[int, dict[int, Span]] = defaultdict(dict)
        self._by_end: dict[int, dict[int, Span]] = defaultdict(dict)
        self._starts: list[int] = []  # every start ever added, ascending
        self._longest = 0  # no span is longer: bounds the starts an overlapping span can have
        self._added = 0
        for s in spans:
            self.append(s)

    def append(self, s: Span) -> None:
        n, self._added = self._added, self._added + 1
        if s.start not in self._by_start:
            bisect.insort(self._starts, s.start)
        self._live[n] = self._by_start[s.start][n] = self._by_end[s.end][n] = s
        self._longest = max(self._longest, s.end - s.start)

    def remove(self, n: int) -> None:
        s = self._live.pop(n)
        del self._by_start[s.start][n], self._by_end[s.end][n]

    def spans(self) -> list[Span]:
        return list(self._live.values())

    def live(self, n: int) -> bool:
        return n in self._live

    def first_starting_at(self, pos: int) -> Span | None:
        at = self._by_start.get(pos)
        return at[min(at)] if at else None

    def last_ending_in(self, lo: int, hi: int) -> Span | None:
        """The last span in list order whose end is in [lo, hi]."""
        found = [(n, s) for end in range(lo, hi + 1) for n, s in self._by_end.get(end, {}).items()]
        return max(found, key=lambda ns: ns[0])[1] if found else None

    def within(self, lo: int, hi: int) -> list[tuple[int, Span]]:
        """(insertion number, span) of the spans inside [lo, hi]."""
        return [(n, s) for n, s in self._starting_in(lo, hi + 1) if s.end <= hi]

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, Span]]:
        """(insertion number, span) of the spans that overlap [lo, hi)."""
        return [(n, s) for n, s in self._starting_in(lo - self._longest, hi) if s.end > lo]

    def _starting_in(self, lo: int, hi: int) -> list[tuple[int, Span]]:
        """(insertion number, span) of the spans starting in [lo, hi)."""
        i, j = bisect.bisect_left(self._starts, lo), bisect.bisect_left(self._starts, hi)
        return [(n, s) for start in self._starts[i:j] for n, s in self._by_start[start].items()]


_NAME = r"[A-Z][\w.'\-]*(?: (?:[A-Z][\w.'\-]*|de|del|da|di|van|von|la|le|of)){0,3}"
_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
# Sports results in wire copy: "Barcelona 3 Real Madrid 2" (scores under 10) and
# standings rows "Barcelona 15 10 3 2 35 15 33" (several counts, most of them small).
_RESULT = re.compile(rf"(?<![\w.])({_NAME}) (\d) ({_NAME}) (\d)(?![\w.\-])")
_STANDING = re.compile(rf"(?<![\w.])({_NAME})((?: {_NUM}){{4,}})(?![\w.\-])")


def _teams(text: str, spans: list[Span]) -> list[Span]:
    """Names in results and standings rows are teams: organisations, unless a country.

    National sides keep their place type (the gazetteer's countries), as they are usually
    written and tagged in news; a city or a state the gazetteer knows is its club's ("NEW JERSEY 2").
    """
    team: list[tuple[int, int]] = []
    for m in _RESULT.finditer(text):
        team += [m.span(1), m.span(3)]
    for m in _STANDING.finditer(text):
        nums = m.group(2).split()
        if sum(1 for n in nums if n.isdigit() and int(n) < 20) >= 3:
            team.append(m.span(1))
    if not team:
        return spans
    index = _SpanIndex(spans)
    for a, b in team:
        inside = index.overlapping(a, b)
        if any(s.source == "gazetteer" and s.type == "location" and not _clubs_city(text[s.start:s.end])
               for _, s in inside):
            continue  # a national side; a city's or a state's name is its club's ("NEW JERSEY 2 Calgary 1")
        for n, _ in inside:  # the row's name replaces the NER's spans in it
            index.remove(n)
        words = text[a:b].split()
        if any(w.lower() in _STOP or w.isdigit() for w in words[:1]):
            continue
        index.append(Span(a, b, "organization", "team"))
    return sorted(index.spans(), key=lambda s: (s.start, -s.end))


# A match's result in running text: "Barcelona beat Valencia 3-0", "Sevilla drew 1-1 with Getafe", "Chelsea
# lost 2-0 to Arsenal": the side after the verb, and the one named just before it
_MATCH_VERB = (r"(?:beat|beats|defeated|defeats|thrashed|routed|edged|crushed|hammered|overcame|drew[ \t]+with"
               r"|lost[ \t]+to|(?:was|were)[ \t]+beaten[ \t]+by)")
_SCORE = r"\d{1,2}[-–]\d{1,2}(?![\w\-–]|\.\d)"
_SIDE = r"[A-Z][\w'’\-]*(?:[ \t]+(?:[A-Z][\w'’\-]*|de|del|la|of)){0,3}"  # no full stop: "with Getafe. Southampton"
_SIDE_BEFORE = re.compile(rf"(?<![\w'’\-]){_SIDE}$")
_SIDES = re.compile(rf"[ \t]+(?:{_MATCH_VERB}[ \t]+({_SIDE})[ \t]+(?:by[ \t]+)?{_SCORE}"
                    rf"|(?:won|lost|drew)[ \t]+{_SCORE}[ \t]+(?:to|at|against|with|over)[ \t]+({_SIDE}))")
# A vote's tally in the result's sentence: cities bidding to host a games or a convention, no match
# ("London beat Paris 54-50 in the final round of voting to host the 2012 Olympics")
_VOTE_NEAR = re.compile(r"\b(?:votes?|voting|ballots?|run-?off)\b|\bto[ \t]+host\b|\bright[ \t]+to[ \t]+stage\b",
                        re.I)


def _clubs_in_results(text: str, spans: list[Span]) -> list[Span]:
    """A city or a state named as a side in a match's result is its club, an organisation, as in a results
    row (_teams): "Barcelona beat Valencia 3-0" gave the place "Barcelona" (and "Valencia" nothing), "Sevilla
    drew 1-1 with Getafe" the place "Getafe". A country's name is its national side's, a place as the
    gazetteer has it ("Italy beat Scotland 2-0"); a person stays one ("Federer beat Nadal 6-3")."""
    if not any(c.isdigit() for c in text):
        return spans
    index = _SpanIndex(spans)
    for m in _SIDES.finditer(text):
        if _a_vote(text, m.start(), m.end()):
            continue
        g = 1 if m.group(1) else 2
        sides = [m.span(g)]
        before = index.last_ending_in(m.start(), m.start())
        if before is not None:
            sides.append((before.start, before.end))
        elif (first := _SIDE_BEFORE.search(text, max(0, m.start() - 60), m.start())) and _clubs_city(first.group()):
            sides.append(first.span())  # one the NER missed: "Southampton beat Sheffield United 3-1"
        for a, b in sides:
            inside = index.overlapping(a, b)
            places = [text[s.start:s.end] for _, s in inside if s.type == "location"]
            if any(s.type == "person" or (s.type == "location" and country_display(text[s.start:s.end]))
                   for _, s in inside) or not (any(_clubs_city(p) for p in places) or not inside
                                              and _clubs_city(text[a:b])):
                continue
            for n, _ in inside:
                index.remove(n)
            index.append(Span(a, b, "organization", "team"))
    return sorted(index.spans(), key=lambda s: (s.start, -s.end))


def _a_vote(text: str, start: int, end: int) -> bool:
    """Whether the sentence of a result at start:end tells a vote, whose tally reads as a score."""
    first = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    last = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return _VOTE_NEAR.search(text, first, last) is not None


def _clubs_city(name: str) -> bool:
    """Whether a results row's place `name` is a city or a US state, whose name a club takes, and no
    country, whose name its national side takes ("Italy", "Scotland")."""
    title = name.title() if name.isupper() else name
    return not country_display(name) and (title in STATE_NAMES or city_country(title) is not None)


def _acronyms(text: str, spans: list[Span]) -> list[Span]:
    """"Long Form (LF)": the acronym gets the long form's type, tagged or not.

    When the NER missed the long form (or split it, "U.S." + nothing), the words before the
    parenthesis whose initials spell the acronym become the long form (an organisation,
    unless the acronym was tagged otherwise).
    """
    index = _SpanIndex(spans)
    for m in _ACRONYM_DEF_ANY.finditer(text):
        acr = m.group(1)
        a_start, a_end = m.start(1), m.end(1)
        paren = m.start()
        acr_span = index.first_starting_at(a_start)
        long_span = index.last_ending_in(paren - 2, paren)
        if long_span is not None and acronym_suffix(acr, text[long_span.start:long_span.end]) is not None:
            if acr_span is not None:
                acr_span.type = long_span.type
            else:
                index.append(Span(a_start, a_end, long_span.type, "rule"))
            continue
        found = _long_form(text, paren, acr)
        if found is None:
            continue
        ls, le = found
        ty = acr_span.type if acr_span is not None and acr_span.source != "gazetteer" else "organization"
        if acr_span is not None and acr_span.source == "gazetteer":
            ty = acr_span.type
        for n, _ in index.within(ls, le):
            index.remove(n)
        if index.overlapping(ls, le):
            continue
        index.append(Span(ls, le, ty, "rule"))
        if acr_span is None:
            index.append(Span(a_start, a_end, ty, "rule"))
        else:
            acr_span.type = ty
    spans = index.spans()
    spans.sort(key=lambda s: (s.start, -s.end))
    # "Stockholm International Peace Research Institute Sipri": the acronym right after its
    # long form, without parentheses (and written like a word) takes the long form's type.
    for a, b in zip(spans, spans[1:]):
        short = text[b.start:b.end]
        if (
            b.source != "gazetteer" and text[a.end:b.start] in (" ", ", ") and short.isalpha()
            and acronym_suffix(short, text[a.start:a.end]) == 0
        ):
            b.type = a.type
    return spans


_ACRONYM_DEF_ANY = re.compile(r"(?<=\S)\s*\(\s*([A-Z][A-Za-z0-9.&\-]{1,12})\s*\)")
_WORD_BEFORE = re.compile(r"[\w.&'’\-]+")


_SHORT_CAPS = re.compile(r"[A-Z]{2,5}")


def _acronym_persons(text: str, spans: list[Span]) -> list[Span]:
    """A "person" of two to five capitals in mixed-case text is an acronym: "TED" (the talks)
    merged with "Ted" into the person "Bill Ted". A headline in capitals ("BUSH SAYS") is read
    truecased, so its names are not touched."""
    breaks: list[int] | None = None  # where the lines end, found on first need
    mixed: dict[int, bool] = {}  # line number -> it has a lower-case letter, asked once a line
    out = []
    for sp in spans:
        if sp.type == "person" and _SHORT_CAPS.fullmatch(text[sp.start:sp.end]):
            # (not rfind/find around each span: in a text of one long line that was quadratic)
            if breaks is None:
                breaks = [m.start() for m in re.finditer("\n", text)]
            line = bisect.bisect_left(breaks, sp.start)  # the span holds no line break
            if line not in mixed:
                start = breaks[line - 1] + 1 if line else 0
                end = breaks[line] if line < len(breaks) else len(text)
                mixed[line] = any(c.islower() for c in text[start:end])
            if mixed[line]:
                sp = Span(sp.start, sp.end, "organization", sp.source)
        out.append(sp)
    return out


def _common_noun_acronyms(text: str, spans: list[Span]) -> list[Span]:
    """An acronym the document spells out in lower case is a common noun's, no name: "crude
    palm oil (CPO)" (an organisation in 4 of 2,500 Reuters articles), "gross domestic product
    (GDP)", "liquefied natural gas (LNG)". Dropped with its other mentions; not an acronym the
    gazetteer knows."""
    names = set()
    for m in _ACRONYM_DEF_ANY.finditer(text):
        a = acronym_letters(m.group(1))
        if len(a) < 2:
            continue
        words = _WORD_BEFORE.findall(text, max(0, m.start() - 120), m.start())[-(len(a) * 2):]
        for i in range(len(words) - 1, -1, -1):
            tail = words[i:]
            if not all(w.replace("-", "").isalpha() and w.islower() for w in tail):
                break
            if initials(tail) == a or initials(tail, keep_stop=True) == a:
                names.add(m.group(1))
                break
    if not names:
        return spans
    return [s for s in spans if s.source == "gazetteer" or text[s.start:s.end] not in names]


def _long_form(text: str, paren: int, acr: str) -> tuple[int, int] | None:
    """Span of the shortest run of capitalised words before `paren` whose initials spell `acr`."""
    a = acronym_letters(acr)
    if len(a) < 2:
        return None
    window = text[max(0, paren - 200):paren]
    base = paren - len(window)
    words = list(_WORD_BEFORE.finditer(window))[-(len(a) * 2 + 2):]
    for i in range(len(words) - 1, -1, -1):
        tail = [w.group() for w in words[i:]]
        if not tail[0][0].isupper():
            continue
        if any(not w[0].isupper() and w.lower() not in _STOP for w in tail):
            break
        ini = initials(tail)
        if ini == a or initials(tail, keep_stop=True) == a:
            return base + words[i].start(), base + words[-1].end()
        if len(ini) > len(a):
            break
    return None


def _form_word(word: str) -> str:
    """A word as the legal-form sets hold it: folded, without dots ("N.V." is "nv", "S.A." "sa")."""
    return word.replace(".", "").rstrip(",").lower()


def ends_in_legal_form(name: str) -> bool:
    """A name whose last word, an owner's "'s" aside, is a legal form: "Ford Motor Co",
    "Rotan Mosle Inc's"."""
    words = name.split()
    return bool(words) and _form_word(_POSSESSIVE_END.sub("", words[-1])) in LEGAL_FORMS


NAME_SUFFIXES = frozenset({"", "jr", "sr", "ii", "iii", "iv"})  # "" for a stop standing apart ("Jr ." in CoNLL's tokens)


def surname(words: list[str]) -> str:
    """The last name word of a person's name, before a generational suffix: "John Mills Jr." ->
    "Mills" (then "Mills was pronounced dead" is him, not the organisation the NER made of it 9
    times, CoNLL-2003)."""
    while len(words) > 2 and words[-1].strip(".,").lower() in NAME_SUFFIXES:
        words = words[:-1]
    return words[-1]


_ATTRIBUTIVE_NEXT = re.compile(r"['’]s\b|-")  # "the Reagan's", "the Oscar-winning film"
_DETERMINER_BEFORE = re.compile(r"(?:^|[^\w\-])(?:[Tt]he|[Aa]n?)\s+$")


def _the_heads(text: str, spans: list[Span]) -> list[Span]:
    """A one-word "person" written "the X" or "a X" as the head of its phrase names no one: "the
    Moon." (12 mentions in one of 500 web gold pages), "the Joker,", "the Impossible is", "the
    Kickstarter.", "is a Realtor and". A person's name after "the" modifies a noun ("the Reagan
    administration", "the Bass family"); a family is plural ("the Wallenbergs were ousted"); a
    surname of one of the document's full names stays ("Sun Myung Moon ... the Moon said")."""
    heads = {
        text[s.start:s.end] for s in spans
        if s.type == "person" and s.source == "ner" and " " not in text[s.start:s.end]
        and not text[s.start:s.end].endswith("s")
        and _DETERMINER_BEFORE.search(text, max(0, s.start - 5), s.start)
        and not _ATTRIBUTIVE_NEXT.match(text, s.end) and _GENERIC_NEXT.match(text, s.end)
    }
    if not heads:
        return spans
    heads -= {surname(text[s.start:s.end].split()) for s in spans
              if s.type == "person" and " " in text[s.start:s.end]}
    return [s for s in spans if not (s.type == "person" and text[s.start:s.end] in heads)]


# What only a person is: an age before the name ("52-year-old Clark Tabor shouted"), a relative's
# title before it ("her sister, Bear;", "his wife Mary"), a person's name said to be it ("His name was
# Scott and he"), the speaker beside it ("Eva and I"), a person's reflexive after it ("from Scott himself").
_KIN = (r"wife|husband|son|daughter|mother|father|sister|brother|niece|nephew|grandson|granddaughter"
        r"|grandmother|grandfather|aunt|uncle|cousin|fianc[eé]e?|widow|widower|stepson|stepdaughter")
_PERSON_BEFORE = re.compile(
    rf"(?:\b\d{{1,3}}-year-old|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur)[ \t]+(?:{_KIN})s?,?"
    r"|\b(?:[Hh]is|[Hh]er|[Mm]y)[ \t]+(?:first[ \t]+)?name[ \t]+(?:is|was))[ \t]+$")
_PERSON_AFTER = re.compile(r"[ \t]+(?:(?:and|&)[ \t]+I|himself|herself)\b")  # "Eva & I both", "Scott himself"
# a name after "of", which a reflexive after it need not be said of: "the founder of Apple himself"
_OF_NAME = re.compile(r"\bof[ \t]+$")
# A sentence the name opens, with no other name in it (no word in title case), and a next sentence that
# opens with "He" or "She", said of that subject: "Nick started out as an SEO in 2005 and is now a founding
# member of inbound.co.uk. He helps to develop client campaign strategies" (a web page's author's note)
_SUBJECT_THEN_HE = re.compile(r"(?:[^.!?\n]|[.!?](?=\w))*?[.!?][\"”’)]?[ \t]+(?:He|She)\b")
_TITLE_CASE_WORD = re.compile(r"(?<![\w.])[A-Z][a-z]")
# ... nor a sentence that names its own speaker, whom the "He" is said of: "Alkan had said earlier this year it
# would close half the plant's capacity ..., the spokesman said. He declined to name the other companies"
_OTHER_SPEAKER = re.compile(r",[ \t]+(?:(?:the|a|an|one|another|its|their)[ \t]+(?:[a-z][\w-]*[ \t]+){0,3}?"
                            r"(?:said|says|told|added)|(?:said|says|told|added)[ \t]+(?:the|a|an|one|another|its)[ \t])")
# ... nor a name the sentence says something was done to, a place's as often as a person's, whose "He" or
# "She" is a witness's: "Beit Hanoun was shelled overnight. She said her house was destroyed"
_PASSIVE_NEXT = re.compile(
    r"[ \t]+(?:is|are|was|were|(?:has|have|had)[ \t]+been|will[ \t]+be|(?:is|are|was|were)[ \t]+being)[ \t]+"
    r"(?:[a-z]+ly[ \t]+)?(?:[a-z]+ed|[a-z]+[^e\W]en|hit|shot|struck|held|built|cut|seized|caught|lost|won|"
    r"overrun|sold|bought|kept|taken|shut|split|hurt|beaten|left)\b")
# ... nor a name the pronoun's words call a place, a witness's of it, anywhere in what the pronoun says:
# "Zintan endured a siege for two months. She said the town was short of food", "He said he had lost his
# home in the city" (not "He was the best drummer in the town", no witness's words)
_SAYS_AFTER = re.compile(r"[ \t]+(?:said|says|added|told[ \t]+\w+)\b")
_SENTENCE_REST = re.compile(r"(?:[^.!?\n]|[.!?](?=\w)|(?<=[^\w][A-Z])\.)*")  # to its end (not "U.S." nor "3.5")
_PLACE_NOUN = re.compile(r"\bthe[ \t]+(?:town|city|village|port|region|province|district|island|country|enclave"
                         r"|camp)\b")
_SUBJECT_SENTENCE_MAX = 200
_PERSON_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")  # "Stephanie", "O'Neill", "Ta-Nehisi"


def _people_by_context(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """An organisation or place of one to three name words that only a person can be, by the
    context of any of its uses in the document, is a person: "52-year-old Clark Tabor shouted"
    and "her sister, Bear;" were organisations, "nephew, Whitney" a person beside them (2 of 500
    web gold pages), and "Eva and I" an organisation in 2 (the NER had tagged only "Eva's").
    Names we know keep their type ("her son, Paris,")."""
    names: dict[str, bool] = {}  # name -> a person by some use's context
    # sorted, for _subject_of_he's bisect: `spans` are in text order here (_acronyms sorts them, and the
    # steps after it keep their order), but that is no promise of this function's
    persons = sorted((s.start, s.end) for s in spans if s.type == "person")
    for s in spans:
        if s.type == "person" or s.source != "ner":
            continue
        name = text[s.start:s.end]
        if name not in names:
            words = name.split()
            names[name] = len(words) <= 3 and all(_PERSON_WORD.fullmatch(w) for w in words) \
                and _form_word(words[-1]) not in CORPORATE_WORDS and name not in known_places() \
                and any(_person_context(text, a, a + len(name), persons) for a in _starts(text, name, word_index))
        if names[name]:
            s.type, s.source = "person", "context"  # which _vote follows, as the gazetteer's
    return spans


def _person_context(text: str, start: int, end: int, persons: list[tuple[int, int]] = ()) -> bool:
    if (start and (text[start - 1].isalnum() or text[start - 1] == "-")) or (end < len(text) and text[end].isalnum()):
        return False  # inside a word
    # the name is the head of its phrase, not an employer before a noun ("her husband, Lehman
    # Brothers banker")
    return bool(_PERSON_AFTER.match(text, end) and not _OF_NAME.search(text, max(0, start - 4), start)) or bool(
        _PERSON_BEFORE.search(text, max(0, start - 40), start) and not _ATTRIBUTIVE_NEXT.match(text, end)
        and _GENERIC_NEXT.match(text, end)) or _subject_of_he(text, start, end, persons)


def _subject_of_he(text: str, start: int, end: int, persons: list[tuple[int, int]] = ()) -> bool:
    """Whether the name at `start`:`end` opens a sentence that names no one else and the next sentence
    opens with "He" or "She" (_SUBJECT_THEN_HE), which only a person's name is followed by; a firm's
    next sentence says "It". Not a common English word or plural capitalised by its place, which the
    "he" need not be said of ("Isolation is second at 16 percent ... He shot 38.8 percent", "Bromides,
    but valid ones. He lives for progress": web pages' organisations); nor where the sentence names its
    own speaker (", the spokesman said. He declined": _OTHER_SPEAKER), nor a name something was done to
    ("Beit Hanoun was shelled overnight. She said": _PASSIVE_NEXT). Nor where the pronoun may mean
    another: a person `persons` (spans, sorted) names in the paragraph before the name ("Fatima
    Ali, a teacher, fled in April. Misrata endured a siege. She said"), or the name a place, as the
    pronoun's sentence calls it ("She said the town was short of food", "He said he had lost his home in
    the city": _calls_a_place)."""
    last = text[start:end].rsplit(None, 1)[-1]
    if not _at_sentence_start(text, start) or _common_plural(last) or _PASSIVE_NEXT.match(text, end) or (
            _zipf(last.lower()) >= _INITIAL_COMMON_ZIPF and not _international(last.lower())):
        return False
    m = _SUBJECT_THEN_HE.match(text, end, min(len(text), end + _SUBJECT_SENTENCE_MAX))
    if m is None or _TITLE_CASE_WORD.search(text, end, m.end() - 3) or _OTHER_SPEAKER.search(text, end, m.end()) \
            or _calls_a_place(text, m.end()):
        return False
    paragraph = max(start - _SUBJECT_SENTENCE_MAX, text.rfind("\n\n", 0, start))
    i = bisect.bisect_left(persons, (paragraph, 0))
    return not (i < len(persons) and persons[i][1] <= start)


def _calls_a_place(text: str, pos: int) -> bool:
    """Whether the sentence of the pronoun ending at `pos` says, as its words, "the town", "the city" ...:
    a witness's words of a place ("He said he had lost his home in the city")."""
    if (said := _SAYS_AFTER.match(text, pos)) is None:
        return False
    rest = _SENTENCE_REST.match(text, said.end(), min(len(text), said.end() + _SUBJECT_SENTENCE_MAX))
    return _PLACE_NOUN.search(text, said.end(), rest.end()) is not None


# A firm's part in a securities issue, which wire copy writes before the firm's name: "said lead
# manager Drexel Burnham", "lead manager Swiss Volksbank said" were people (10 of the 577 Reuters
# stories that write one before a name). Not "manager" alone, nor "arranger" or "adviser": people
# are those ("general manager Edgar Greco", "financial adviser John Smith"); and not the plural
# "Underwriters" as a name's first word: Underwriters Laboratories is a company.
_FIRM_ROLE = r"(?i:underwriters?|(?:joint[- ]|co-?)?lead[- ]managers?|co-?managers?)"
_FIRM_ROLE_WORD = re.compile(r"(?:Underwriter|UNDERWRITER|Co-?[Mm]anager|Lead[- ][Mm]anager)[ \t]+(?=[A-Z])")


# The kind of body a name is, written just before it in lower case: publications, and
# companies by trade ("consumer electronics retailer Best Buy" and "game maker Square Enix"
# were persons). Not nouns that also name people's trades: "publisher Rupert Murdoch",
# "property developer Donald Trump", "policy maker Janet Yellen", "rival Romney".
_PUBLICATIONS = r"newspaper|daily|weekly|magazine|tabloid|news agency"
# a publication named beside a region's name after "in" (_a_publication): "in Granma, the Communist Party daily"
_PUBLICATION_AFTER = re.compile(
    rf"(?:[ \t]*,[ \t]+(?:the|a|an|its)[ \t]+(?:[\w'’-]+[ \t]+){{0,4}}?|[ \t]+)(?:{_PUBLICATIONS})\b")
_ORGANISATION_BEFORE = re.compile(
    rf"\b(?:{_PUBLICATIONS}|broadcaster"
    r"|retailer|wholesaler|manufacturer|supplier|distributor|insurer|lender|brokerage|airline"
    r"|(?:car|auto|chip|drug|plane|aircraft|toy|game|phone|handset|computer|software|steel|tyre|tire|truck)"
    rf" ?maker|{_FIRM_ROLE})[ \t\n]+$"
    # a generic noun only after a word of trade ("analytics firm App Annie", "Merchant bank
    # Pierson"): after a determiner the name is often a clause's subject ("the company Steve
    # Jobs founded", "a firm Jones ran")
    r"|\b(?!(?i:the|a|an|its|his|her|their|our|my|your|this|that|whose|which)\b)[A-Za-z][\w-]*[ \t\n]+"
    r"(?:company|firm|bank|chain|giant|conglomerate|startup|start-up|subsidiary)[ \t\n]+$")


# ... or a company's kind after a lone name: "Baker's Reed subsidiary", "Brazil's Varig airline", "its
# Pathmark store operations" were people (3 of 2,500 Reuters articles); not a person's firm in full
# ("the John Smith stores") nor a surname the document gives a person ("Mr Reed", "Lou Reed ... the Reed unit")
_ORGANISATION_NEXT = re.compile(
    rf"[ \t]+(?:{_PARENT_KINDS}|airline|stores?|chain(?![ \t]+of[ \t]+command))\b")  # "the Reagan chain of command"
# ... or the publication's noun after "the" and the name: "published by The Bulletin magazine", "the
# Harris poll published in the Observer newspaper" were people (2 of 2,500 Reuters articles)
# "Minorco said it expects": a company's words; not the "it" of "Volcker said it was time to act", "Baker
# said it would be wrong", which anyone says ("it" then a copula, not a company's "it was considering")
_SAYS_IT = re.compile(r",?[ \t]+(?:said|says)[ \t]+it\b(?!(?:['’]s|[ \t]+(?:(?:would|will|could|may|might|should|must)"
                      r"[ \t]+(?:not[ \t]+)?be|is|was|seems?|seemed|appears?|appeared|remains?|remained))\b"
                      r"(?![ \t]+(?:not[ \t]+)?\w+ing\b))")
_PARTNER_BEFORE = re.compile(r"(?:\band|&|,)[ \t]+$")  # "Duff and Phelps said it": the firm's words (_firms_of_names)
_WORD_BEFORE_NAME = re.compile(r"(?<![\w\-])([A-Za-z]+)\.?[ \t]+$")


def _after_a_title(text: str, start: int) -> bool:
    """Whether a title or an occupation, in any case, is the word before `start` ("Fed chairman Volcker")."""
    m = _WORD_BEFORE_NAME.search(text, max(0, start - 20), start)
    return m is not None and (is_title(m.group(1).lower()) or m.group(1).lower() in _DESCRIPTORS)


# a publication's kind just after a name between "the" and it ("The Bulletin magazine"), read by
# _organisations_by_noun (named apart from _PUBLICATION_AFTER: one name for both read this one alone,
# the one defined last, and "in Granma, the Communist Party daily" was a place)
_PUBLICATION_NEXT = re.compile(rf"[ \t\n]+(?:{_PUBLICATIONS})\b")


def _full_name_surnames(text: str, spans: list[Span]) -> set[str]:
    """The last words of the people the document names with more than one word ("James Baker"):
    a lone word that is one of them is a person's surname, not a thing's or a firm's name."""
    return {text[s.start:s.end].split()[-1] for s in spans if s.type == "person" and " " in text[s.start:s.end]}


def _titled_names(text: str, spans: list[Span]) -> set[str]:
    """The persons' names the document titles somewhere ("Governor Mendoza"): a person's wherever else they stand."""
    return {text[s.start:s.end] for s in spans if s.type == "person" and _titled(text, s.start)}


def _persons_names(text: str, spans: list[Span]) -> set[str]:
    """A person's names in the document: a surname it gives someone in full, or a name it titles."""
    return _full_name_surnames(text, spans) | _titled_names(text, spans)


# "the" and a capitalised word before a name: "in the Official Gazette said" (the NER tagged
# "Gazette" alone, a person); the word is the name's first, a determiner before it
_THE_CAP_WORD_BEFORE = re.compile(r"(?:^|[^\w\-])[Tt]he[ \t]+([A-Z][a-z]+)[ \t]+$")


def _things_after_the(text: str, spans: list[Span]) -> list[Span]:
    """A "person" of one common English word after "the" and a capitalised word no span holds
    is the tail of a thing's name, which the NER cut: "a decree in the Official Gazette said"
    gave the person "Gazette" (4 Reuters stories of 19,043). The name is the two words, an
    organisation, as common a word as its first ("official" 5.1). Not after a title, a people's
    adjective or a rarer word ("the Reverend Baker", "the Soviet Baker", "the Texan Baker"), nor a
    surname the document gives a person ("Republican James Baker ... the Republican Baker"), nor
    a rare word, which a surname more likely is ("the Ayatollah Khomeini")."""
    surnames = _full_name_surnames(text, spans)
    out: list[Span] = []
    for s in spans:
        w = text[s.start:s.end]
        if s.type == "person" and s.source == "ner" and w.isalpha() and w[0].isupper() and w[1:].islower() \
                and w not in surnames and _zipf(w.lower()) >= _INITIAL_COMMON_ZIPF \
                and (m := _THE_CAP_WORD_BEFORE.search(text, max(0, s.start - 30), s.start)) is not None \
                and not (out and out[-1].end > m.start(1)):
            word = m.group(1)
            if _zipf(word.lower()) >= _GENERIC_ZIPF and not (
                    is_title(word.lower()) or demonym_country(word) is not None or word in IRREGULAR_DEMONYMS):
                s = Span(m.start(1), s.end, "organization", "rule")
        out.append(s)
    return out


# Capitalised words and their commas, then "and": the partners a firm's name lists before its last
# ("Duff and", "Woodhouse, Drake and", "Merrill Lynch Pierce Fenner and"); hard-wrapped copy may break
# the line in any gap ("investors Wagner and\nBrown")
_PARTNER_NAME = r"(?:Mc|Mac)?[A-Z][a-z]+"  # "Milbank, Tweed, Hadley and McCloy"
_PARTNERS_BEFORE = re.compile(rf"(?<![\w.&'’-])((?:{_PARTNER_NAME},?{_GAP}){{1,4}})(?:and|&){_GAP}$")
_PARTNER_WORD = re.compile(_PARTNER_NAME + r"(?:-[A-Z][a-z]+)?")
# What is said of a firm, not of two people: it speaks as "it" ("Duff and Phelps said it lowered"), acts on
# "its" ("Duff and Phelps raised its ratings"),
# or a weekly report's "their"; its engines, shares, units; or its kind or business before it
# ("investors Wagner and Brown", "brokers Phillips and Drew", "law firm", "through Drexel Burnham and
# Lambert", "a partnership of")
_FIRM_AFTER_NAMES = re.compile(r",?[ \t]+(?:said|says)[ \t]+(?:it|in[ \t]+(?:its|their))\b|[ \t]+[a-z]+ed[ \t]+its\b"  # "raised its"
                               r"|['’]s?[ \t]+(?:shares?|stock|unit|"
                               r"subsidiary|division|stake)\b|[ \t]+(?:engines?|shares|stock|unit|is[ \t]+a[ \t]+(?:unit|division"
                               r"|subsidiary))\b")
# Adverbs and connectives that open a sentence with a comma, no partner of a firm ("Earlier, Wagner and Brown")
_CONNECTIVES = SENTENCE_ADVERBS | {
    "separately", "additionally", "nonetheless", "previously", "currently", "finally", "besides", "likewise",
    "similarly", "overall", "initially", "subsequently", "recently", "elsewhere", "accordingly", "consequently",
    "indeed", "hence", "first", "second", "third", "last", "lastly", "again", "anyway", "specifically",
    "alternatively",
}
# Another side joined to a firm's name by "and", before or after it: "AFG and" + "Wagner and Brown"
_AND_CHAIN_BEFORE = re.compile(rf"(?<![\w.&'’-])[A-Z][\w.&'’-]*>?{_GAP}(?:and|&){_GAP}$")  # "<AFG> and"
_AND_CHAIN_AFTER = re.compile(rf"{_GAP}(?:and|&){_GAP}[A-Z]")
# ... and who works there: "brokerage house Phillips and Drew", "economist David Pike of Phillips and Drew",
# "a group managed by Hambrecht and Quist"
_WORKS_AT = re.compile(r",?[ \t\n]+(?:of|at|for|with)[ \t\n]+$")
_FIRM_BEFORE_NAMES = re.compile(r"\b(?:investors|(?:stock)?brokers|brokerage|firm|partnership[ \t]+(?:of|with)|privately[ -]held"
                                r"|through|of[ \t]+brokers|house|(?:managed|led|underwritten)[ \t\n]+by|(?i:economists?|analysts?|strategists?)"
                                r"(?:[ \t\n]+[A-Z][\w.'’-]*){0,3},?[ \t\n]+(?:at|of|with))[ \t\n]+$")


def _firms_of_names(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """A firm named after its partners, with no legal form, is one organisation, not its partners:
    "Duff and Phelps said it lowered the ratings" and "investors Wagner and Brown" gave the people
    "Phelps" and "Brown", "Drexel Burnham and Lambert" the person "Lambert" (18 of 2,500 Reuters
    stories: also "Pratt and Whitney", "Phillips and Drew", "Woodhouse, Drake and Carey" after a list's
    "China,", "Milbank, Tweed, Hadley and McCloy", "brokers Batliwala and Karani").

    The document tells a firm from two people: it speaks of it as of a firm (_FIRM_AFTER_NAMES,
    _FIRM_BEFORE_NAMES), the NER read one of its partners as an organisation at a use of the name
    ("privately-held Wagner and Brown": the organisation "Wagner", the person "Brown"), or it lists
    three partners or more; no partner is anyone's surname (a person the document names in full or
    after a title, "Reagan and Baker" after "James Baker"), and every use of each partner's name is
    inside the firm's ("Smith and Jones met ... Smith said": people). A line may break the name
    anywhere ("Wagner and\nBrown"): its uses are its words with any space between them."""
    surnames = _full_name_surnames(text, spans)

    def titled(a: int) -> bool:  # "Chancellor Kohl", "Mr. Baker"
        before = text[max(0, a - 30):a].split()
        return bool(before) and is_title(before[-1].lower().rstrip("."))

    def lone(w: str) -> bool:  # no surname, no title before any use, no place or form
        return w not in surnames and _form_word(w) not in FORM_WORDS and w not in known_places() and not country_display(w) \
            and not any(titled(a) for a in word_index.plain(w))

    partners_of: dict[str, list[str]] = {}  # a firm's words -> its partners
    read_as_firm: set[str] = set()  # the firms a partner of which the NER made an organisation
    for i, s in enumerate(spans):
        w = text[s.start:s.end]
        if not (s.type == "person" and s.source == "ner" and (_PERSON_WORD.fullmatch(w) or _PARTNER_WORD.fullmatch(w))):
            continue
        m = _PARTNERS_BEFORE.search(text, max(0, s.start - 80), s.start)
        if m is None:
            continue
        named = [(p.start(), p.group()) for p in re.finditer(r"\S+", m.group(1))]
        if _at_sentence_start(text, m.start(1)):
            if named[0][1].endswith(",") and named[0][1][:-1].lower() in _CONNECTIVES:
                named.pop(0)  # "Earlier, Wagner and Brown raised their stake": two people, no third partner
            elif _zipf(named[0][1].lower()) >= 5:
                continue  # "And Baker said": a sentence's "The", "But"
        # a list's places before the firm are none of its partners: "buying from the Soviet Union and
        # China, Woodhouse, Drake and Carey said"
        while named and _place_name(named[0][1].rstrip(",")):
            named.pop(0)
        if not named:
            continue
        first = m.start(1) + named[0][0]
        words = " ".join(text[first:s.end].split())
        partners_of[words] = [p.rstrip(",") for _, p in named] + [w]
        if any(o.type == "organization" and o.source == "ner" and first <= o.start and o.end <= s.start
               and text[o.start:o.end] in partners_of[words] for o in spans[max(0, i - len(named)):i]):
            read_as_firm.add(words)

    person_ends = {s.end for s in spans if s.type == "person"}

    def works_there(a: int) -> bool:
        """A person named just before the name works there ("said Dudley Heer of Duff and Phelps"): one
        person is of one firm, not of two companies; with the NER's reading of a partner as a firm only
        ("Ms Noland of Surinam and Malik", all people to the NER, are people)."""
        return (w := _WORKS_AT.search(text, max(0, a - 8), a)) is not None and w.start() in person_ends

    def in_a_chain(a: int, b: int) -> bool:
        """The name is one side of another "and" ("AFG and Wagner and Brown", "Wagner and Brown and AFG
        Industries Inc"): a list of two does not join its sides twice, so one of them is a name with "and"."""
        return _AND_CHAIN_BEFORE.search(text, max(0, a - 40), a) is not None \
            or _AND_CHAIN_AFTER.match(text, b) is not None

    def firm(words: str) -> list[tuple[int, int]]:
        """The name's uses if it is a firm's, else none: one answer per name, its partners being its words."""
        partners = partners_of[words]
        if not all(lone(p) for p in partners):
            return []
        pattern = re.compile(r"\s+".join(map(re.escape, words.split())) + r"(?!\w)")
        uses = [(a, u.end()) for a in word_index.plain(_PLAIN_WORD.match(words).group()) if (u := pattern.match(text, a))]
        # partners English knows no word of ("brokers Batliwala and Karani") need the firm's kind before
        # them; the cheap tests first, the firm's uses after
        told = (all(_zipf(p.lower()) > 0 for p in partners) and (
            len(partners) >= 3 or (words in read_as_firm and (
                len(uses) >= 2 or any(in_a_chain(a, b) or works_there(a) for a, b in uses)))
            or any(_FIRM_AFTER_NAMES.match(text, b) for _, b in uses))
            or any(_FIRM_BEFORE_NAMES.search(text, max(0, a - 40), a) for a, _ in uses)) and all(
            any(a <= c < b for a, b in uses) for p in partners for c in word_index.plain(p))
        return uses if told else []

    # every use of a firm's name is the firm, whatever the NER made of its partners there ("Pratt and
    # Whitney" once the organisation "Whitney" alone), but a use a span runs across, which is left as it is
    ordered = sorted(spans, key=lambda s: s.start)
    opens, farthest = [s.start for s in ordered], list(accumulate((s.end for s in ordered), max))

    def crossed(a: int, b: int) -> bool:
        i, j = bisect.bisect_left(opens, a), bisect.bisect_left(opens, b)
        return (i > 0 and farthest[i - 1] > a) or any(s.end > b for s in ordered[i:j])

    firms = sorted({use for words in partners_of for use in firm(words) if not crossed(*use)})
    if not firms:
        return spans
    # a span inside a firm: the farthest end of the firms starting at or before it reaches its end (one
    # lookup a span; comparing each span with each firm cost spans x firms)
    starts, reach = [a for a, _ in firms], list(accumulate((b for _, b in firms), max))
    out = [s for s in spans if not ((i := bisect.bisect_right(starts, s.start)) and reach[i - 1] >= s.end)]
    out += [Span(a, b, "organization", "rule") for a, b in firms]
    return sorted(out, key=lambda s: (s.start, -s.end))


def _organisations_by_noun(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """A name after "newspaper", "news agency", "retailer", "chipmaker", "firm" is the
    publication's or company's: "the local daily al-Qabas" was a person (3 of 2,500 Reuters
    articles), "the newspaper Asahi" a place; and a lone "person" one of whose uses is before
    "subsidiary", "unit", "airline", "store" (_ORGANISATION_NEXT) or says "it" or "its" ("Minorco
    said it expects net earnings", "Baker's Reed subsidiary ... divestiture of Reed": people, the
    second from a use the NER left untagged) unless a surname the document gives a person, or a name
    it titles anywhere or writes after a title or an occupation ("President Reagan said ... the
    Reagan unit" is the president's, "Fed chairman Volcker said it"), nor a place we know ("Korea
    said it"), nor a partner's name ("Duff and Phelps said it" is the firm's, _firms_of_names).
    The document's vote follows it.
    Places we know stay ("three daily Atlanta flights", "construction company New York said")."""
    people: set[str] | None = None
    company: dict[str, bool] = {}  # one answer per name, from all its uses
    for s in spans:
        name = text[s.start:s.end]
        if s.type == "person" and s.source == "ner" and " " not in name:
            if name not in company:
                if people is None:  # and places: "Korea said it" (a place elsewhere, the NER's person here)
                    people = _persons_names(text, spans) | {text[o.start:o.end] for o in spans if o.type == "location"}
                uses = {a for a in _starts(text, name, word_index) if not _NAME_EDGE.match(text, a + len(name))}
                uses.add(s.start)
                company[name] = name not in people and not _place_name(name) and not any(
                    _after_a_title(text, a) for a in uses) and any(
                    _ORGANISATION_NEXT.match(text, a + len(name)) or (
                        (_SAYS_IT.match(text, a + len(name)) or _ITS_AFTER.match(text, a + len(name)))
                        and not _PARTNER_BEFORE.search(text, max(0, a - 8), a)) for a in uses)
            if company[name]:
                s.type, s.source = "organization", "context"
                continue
        if s.type != "organization" and s.source == "ner" \
                and (_ORGANISATION_BEFORE.search(text, max(0, s.start - 40), s.start)
                     or (_PUBLICATION_NEXT.match(text, s.end) and _THE_BEFORE.search(text, max(0, s.start - 8), s.start))) \
                and not _place_name(text[s.start:s.end]):
            s.type, s.source = "organization", "context"
    return spans


# A mine's or an oil field's name before its kind, perhaps with what it yields: "the Dullingari field",
# "the Bulolo alluvial gold field", "the Gooseberry gold and silver mine", "Mt Lyell copper mine", "the
# Howard tunnel", "the Krezmar gold property". A plural or a property only after a mineral ("Fimiston gold
# mines"): "Reagan fields questions" is a verb. Not a field's other senses ("Jones field goal").
_MINERALS = (r"(?:gold|silver|copper|zinc|lead|nickel|tin|coal|uranium|iron|ore|oil|gas|diamond|platinum|potash"
             r"|alluvial|offshore|underground|open[ -]pit)")
_YIELDS = rf"[ \t]+{_MINERALS}(?:[ \t]+and[ \t]+{_MINERALS})?"
_FACILITY_AFTER = re.compile(
    rf"(?:(?:{_YIELDS})*[ \t]+(?:oil|gas)?(?:field|mine|deposit|tunnel|reef)|(?:{_YIELDS})+[ \t]+(?:"
    r"fields|mines|deposits|propert(?:y|ies)))(?![\w-])"
    r"(?![ \t]+(?:goals?|trips?|offices?|tests?|days?|hospitals?|workers?|staff|agents?|officers?|director|manager))")


def _facilities(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """A "person" named before a mine's or an oil field's kind is the mine or the field, a place: "the
    Sullivan mine at Kimberley", "the Osprey field", "the Bulolo alluvial gold field" gave Reuters
    the people Sullivan, Osprey, Bulolo (11 of 2,500 stories). The document's other uses follow it
    ("Sassan was heavily damaged" after "its Sassan field"). Not a surname the document gives a
    person in full or after a title ("Mr Sullivan", "Fred Sullivan ... the Sullivan mine")."""
    surnames: set[str] | None = None
    verdict: dict[str, bool] = {}  # a name -> whether it is a facility's: its uses are read once, not per mention
    for s in spans:
        if s.type == "person" and s.source == "ner" and _FACILITY_AFTER.match(text, s.end):
            if surnames is None:
                surnames = _full_name_surnames(text, spans)
            name = text[s.start:s.end]
            if name not in verdict:
                verdict[name] = name not in surnames and not any(_titled(text, a) for a in _starts(text, name, word_index, hyphenated=False))
            if verdict[name]:
                s.type, s.source = "location", "context"
    return spans


# A company's or a body's noun in an apposition beside a name, with only lower-case words (or none) between
# its determiner and it: "Sonatrach, the Algerian national oil company, canceled", "Rainier, a
# 9.5-billion-dlr Seattle-based concern,", "Nan Ya Plastics, a corporation of Formosa Plastics Group",
# "The financial newsletter, Platow, said", "South Korea's national news agency, Yonhap, said". Not a
# noun that also names a person's trade ("producer", "maker") or a ship's ("carrier"), nor one a word
# goes on after ("a bank economist", "the company's chairman", "a member of the union"); and before a
# name, not a named body's ("the IG Metall union, Franz Steinkuehler, was more radical").
_APPOSITION_NOUNS = (r"(?:company|agency|news[ \t]+agency|association|newsletter|airline|bank|group|firm|corporation"
                     r"|concern|utility|union|federation|conglomerate|monopoly|subsidiary|unit|affiliate|brokerage"
                     r"|insurer|retailer|lender|chain|cooperative|co-operative)")
_APPOSITION_AFTER = re.compile(  # or what the name "is": "Heublin is a subsidiary of Grand Metropolitan PLC"
    rf"(?:,|[ \t]+(?:is|was))[ \t]+(?:the|a|an)[ \t]+"
    rf"(?:(?!(?:of|at|for|in|with|to|on|by|and)\b)[\w'’.-]+[ \t]+){{0,5}}?{_APPOSITION_NOUNS}"
    r"(?=[,.;)]|[ \t]+(?:which|that|based|of)\b)")
_APPOSITION_BEFORE = re.compile(
    rf"(?:\b(?:[Tt]he|[Aa]n?)|['’]s)[ \t]+(?:[a-z][\w'’-]*[ \t]+){{0,3}}{_APPOSITION_NOUNS},[ \t]+$")


def _appositive_companies(text: str, spans: list[Span]) -> list[Span]:
    """A "person" that an apposition calls a company or a body is one: "Sonatrach, the Algerian national
    oil company", "The financial newsletter, Platow, said", "Jiji Press, the Japanese financial news
    agency" were people (11 of 2,500 Reuters stories), and so is one the text says it is ("Telefonica is
    the national telephone company of Spain", 2 more). The document's other uses follow it ("Yonhap
    said", "Rainier on August 31"), as they follow a noun before a name (_organisations_by_noun). Not
    a surname the document gives a person in full, nor a titled name."""
    surnames: set[str] | None = None
    for s in spans:
        if s.type != "location" and s.source == "ner" and (
                _APPOSITION_AFTER.match(text, s.end) or (text.startswith(",", s.end)
                                                         and _APPOSITION_BEFORE.search(text, max(0, s.start - 80), s.start))):
            if surnames is None:
                surnames = _full_name_surnames(text, spans)
            if text[s.start:s.end] not in surnames and not _titled(text, s.start):
                s.type, s.source = "organization", "context"
    return spans


def _company_openings(text: str, spans: list[Span]) -> list[Span]:
    """A name after capitalised words that open, with it, a company the document names with a legal
    form is those words and it: "<Canadian Worldwide Energy Ltd> ... shares of Canadian Worldwide"
    gave the NER's "Worldwide" alone, which resolution could not join to the company (the people's
    adjective is no part of a name elsewhere). Up to two words before; none another name holds."""
    companies = {text[o.start:o.end] + " " for o in spans
                 if o.type == "organization" and _form_word(text[o.start:o.end].split()[-1]) in LEGAL_FORMS}
    if not companies:
        return spans
    # each company's opening words, up to each space ("Canadian ", "Canadian Worldwide ", ...): a name a
    # company starts with is one of them, looked up, not compared with every company mention in turn
    openings = {c[:i + 1] for c in companies for i, ch in enumerate(c) if ch == " "}
    out: list[Span] = []
    for s in spans:
        if s.type in ("organization", "person") and not (out and out[-1].end > s.start - 3):
            start = s.start
            for _ in range(2):
                m = _CAP_WORD_BEFORE.search(text, max(0, start - 40), start)
                if m is None or (out and out[-1].end > m.start(1)):
                    break
                start = m.start(1)
                name = text[start:s.end] + " "
                if name in openings:
                    s = Span(start, s.end, "organization", s.source)
                    break
        out.append(s)
    return out


def _company_names(text: str, spans: list[Span]) -> list[str]:
    """The names the document gives companies in full: an organisation with a legal form or before
    "subsidiary" or "unit", a hyphenated one before a stock symbol ("Creditanstalt-Bankverein <CABV.VI>"),
    and what wire copy brackets ("<Worldwide 800 Services Inc>")."""
    names = [text[s.start:s.end] for s in spans if s.type == "organization" and (
        (" " in text[s.start:s.end] and (any(_form_word(w) in LEGAL_FORMS for w in text[s.start:s.end].split())
                                         or _PARENT_NEXT.match(text, s.end)))
        or ("-" in text[s.start:s.end] and _SYMBOL_AFTER.match(text, s.end)))]
    if "<" in text:  # the names of companies without a stock symbol
        names += [m.group(1) for m in _BRACKETED.finditer(text) if " " in m.group(1)]
    return names


def _vote(text: str, spans: list[Span]) -> list[Span]:
    """One type per spelling in a document; surnames of persons are persons."""
    surnames, companies = set(), set()
    company_names = _company_names(text, spans)
    company_words = {v for n in company_names for w in n.split() for v in _company_word_forms(w)}  # see below
    company_parts = {v for n in company_names for w in n.split() for v in _company_part_forms(w)} - company_words
    for s in spans:
        words = text[s.start:s.end].split()
        if s.type == "person" and len(words) >= 2:
            if s.source == "ner" and any(n.startswith(text[s.start:s.end] + " ") and not _AND.match(n, s.end - s.start)
                                         for n in company_names):  # but "Ivan F. Boesky" of "... and Co LP"
                s.type = "organization"  # "Showa Shell said", of "Showa Shell Sekiyu KK": no surname "Shell"
            else:
                surnames.add(surname(words))
        if s.type == "organization" and len(words) >= 2 and _form_word(words[-1]) in CORPORATE_WORDS:
            companies.add(words[0])  # "Bre-X Minerals Ltd" -> "Bre-X" is the company
            if len(words) >= 3 and _INITIALS.fullmatch(words[0]) and not country_display(words[0]):
                companies.add(words[1])  # "E.F. Hutton Group Inc" -> "Hutton" (a place 9 times in 2,500 Reuters articles)
            while len(words) > 2 and _form_word(words[-1]) in LEGAL_FORMS:
                words = words[:-1]
                if words[-1].endswith(")") and (k := next((i for i in range(len(words) - 1, 0, -1)
                                                            if words[i].startswith("(")), 0)):
                    words = words[:k]  # "Cheung Kong (Holdings) Ltd" -> "Cheung Kong rose" is the company
                rest = " ".join(words).rstrip(",")
                if rest not in known_places() and rest not in STATE_NAMES and not country_display(rest):  # "[Con Ed Co of] New York Inc"
                    companies.add(rest)  # "Thomson McKinnon Inc": "said sole manager Thomson McKinnon", the NER's person
    votes: dict[str, Counter] = defaultdict(Counter)
    fixed: dict[str, str] = {}
    for s in spans:
        t = text[s.start:s.end]
        if s.source in ("gazetteer", "team", "context"):
            fixed.setdefault(t, s.type)
        votes[t][s.type] += 1
    caps_surnames = {n.lower() for n in surnames}  # "YEUTTER PLANS TRADE TRIP" was a place
    titled: set[str] | None = None  # names a person may have (titled, or a longer name's end), asked once a document
    described: set[str] = set()  # names titled or after an occupation, asked with `titled`
    part_verdict: dict[str, bool] = {}

    def part_is_company(t: str) -> bool:
        """A hyphenated company's first part alone is the company ("Owens-Illinois Inc" ... "shares of
        Owens", "Creditanstalt-Bankverein" ... "the deal with Creditanstalt") unless a person may have
        it: "Martin-Marietta Corp" ... "Martin", "Johnson-Matthey" ... "Johnson" are a given name and a
        surname. Such a name (as frequent as an English word, wordfreq, as no list of given names is at
        hand; or a word of a person's name in this document) is the company only where the text treats
        one of its uses as a company's ("Martin said its", "Martin shares", "shares of Martin")."""
        if t not in part_verdict:
            uses = by_text.get(t, ())
            part_verdict[t] = t not in person_words and (
                _zipf(t.lower()) < _PART_MAX_ZIPF
                or any(_FIRM_AFTER_NAMES.match(text, u.end) or _ITS_AFTER.match(text, u.end)
                       or _SHARES_OF.search(text, max(0, u.start - 20), u.start) for u in uses))
        return part_verdict[t]

    by_text: dict[str, list[Span]] = defaultdict(list)
    person_words: set[str] = set()
    if company_parts:
        for o in spans:
            by_text[text[o.start:o.end]].append(o)
            if o.type == "person" and " " in text[o.start:o.end]:
                person_words.update(text[o.start:o.end].split())
    for s in spans:
        t = text[s.start:s.end]
        if (t in surnames or (t.isupper() and t.lower() in caps_surnames)) and s.source not in ("gazetteer", "team"):
            s.type = "person"
        elif s.type in ("person", "organization") and s.source == "ner" and (
                t in company_words or t.lower() in company_words
                or ((t in company_parts or t.lower() in company_parts) and part_is_company(t))) \
                and not _titled(text, s.start) and not _described(text, s.start, s.end):
            # a word of the document's company's name, alone, is that company, not a person: "Ericsson
            # also said" after "Telefon AB L.M. Ericsson", "Promac Controls will be part of" after
            # "Promac Controls Inc" (9 of 2,500 Reuters articles), in any case (_company_word_forms) or
            # a hyphenated name's first part where no person may have it (_company_part_forms); not "Mr
            # Bull", "the singer Bull", nor a surname above. An NER organisation too: the persons' votes
            # no longer count
            s.type = "organization"
        elif t in companies and s.source != "gazetteer":
            s.type = "organization"
        elif t in fixed:
            s.type = fixed[t]
        else:
            c = votes[t]
            best, n = c.most_common(1)[0]
            if c["person"] and c["organization"] >= c["person"] and not c["location"] and " " not in t:
                if titled is None:  # and last words of longer names: "coach Astrit Hafizi" (an organisation to the NER)
                    titled = _titled_names(text, spans)
                    # a name after an occupation ("The singer Bono", "coach Astrit Hafizi"), whatever the NER
                    # made of it there, or the surname of such a name, is a person's as a titled one is
                    described = {w for o in spans if _described(text, o.start, o.end)
                                 for w in {text[o.start:o.end], text[o.start:o.end].split()[-1]}} | titled
                    titled.update(text[o.start:o.end].split()[-1] for o in spans if " " in text[o.start:o.end])
                if t in described:
                    # the NER's tie is the person's: "The singer Bono (organisation) ... Bono said (person)"
                    best, n = "person", len(spans)
                elif t not in titled:
                    # a lone name the NER read as an organisation as often as a person is the
                    # organisation: "Orbanco and Arizona Bancwest" ... "Excluding Orbanco", "Reuters and
                    # the television news agency Visnews" ... "Reuters and Visnews"; a person is named
                    # in full (surnames, above) or titled somewhere
                    best, n = "organization", len(spans)
            if n > c[s.type]:
                s.type = best
    return spans


_PARENT_NEXT = re.compile(rf"[ \t]+(?:{_PARENT_KINDS})\b")  # "Bedford Trucks subsidiary"


def _company_word_forms(word: str) -> tuple[str, ...]:
    """How a word of a company's name stands alone for the company, beside the word itself: in lower
    case ("AmSouth Corp" ... "Amsouth said", "SkyWest Airlines Inc" ... "Skywest said", "DeSoto Inc" ...
    "Desoto's"), without a possessive ("Alexander's Inc" ... "Alexander's chairman" read as "Alexander")."""
    return word, _POSSESSIVE_END.sub("", word).lower()


def _company_part_forms(word: str) -> tuple[str, ...]:
    """A hyphenated name's first part, which may stand for the company ("Owens-Illinois Inc" ... "shares
    of Owens", "Creditanstalt-Bankverein <CABV.VI>" ... "the deal with Creditanstalt"), where no person
    may have it (_vote's part_is_company)."""
    bare = _POSSESSIVE_END.sub("", word)
    first = bare.split("-")[0] if "-" in bare else ""
    return (first, first.lower()) if len(first) >= 3 and first[0].isupper() else ()


# A word this frequent (wordfreq zipf, as gazetteer.MAX_ZIPF and regions.MAX_ZIPF bound names) is a given
# name or a common surname more often than a company's short name: Martin 4.7, Johnson 4.7, Owens 3.6;
# Creditanstalt 1.0, Pitman 2.7
_PART_MAX_ZIPF = 3.5
# "Martin said its profit rose", "Baldwin's former board" (Reuters, of Baldwin-United Corp)
_ITS_AFTER = re.compile(r",?[ \t]+(?:said|says)[ \t]+its\b|['’]s[ \t]+(?:former[ \t]+)?(?:board|directors|management"
                        r"|shareholders|stockholders)\b")
# "shares of Owens", "held 80 pct of Hayes" (Reuters, of Hayes-Albion Corp)
_SHARES_OF = re.compile(r"\b(?:shares|stock|stake|pct|percent|units?|subsidiary|division)[ \t]+(?:of|in)[ \t]+$")
# Occupations written before a person's name in lower case ("the singer Bono", "coach Astrit Hafizi",
# "said economist Jones"): a person's, as a title's (normalize.TITLES has the positions and occupations,
# with words that go before companies too: "former Chrysler chairman", "lead manager Morgan Stanley",
# "investors Wagner and Brown")
_DESCRIPTORS = POSITIONS | OCCUPATIONS | {
    "singer", "musician", "guitarist", "pianist", "drummer", "composer", "conductor", "poet", "playwright",
    "writer", "painter", "sculptor", "dancer", "tenor", "soprano", "coach", "trainer", "boxer", "golfer",
    "cyclist", "sprinter", "swimmer", "jockey", "spokesman", "spokeswoman", "strategist", "historian",
    "scientist", "physicist", "dissident", "cleric", "legislator", "lawmaker", "aide", "adviser", "advisor",
    "negotiator",
}
_DESCRIPTOR_BEFORE = re.compile(r"(?<![\w\-])([a-z]+)[ \t]+$")
# Nouns for people by their work or side: a name before one in lower case modifies it ("Eastern pilots",
# "Boeing engineers", "Greenpeace members"), so the word before the name describes them, not the name:
# "dissident Eastern pilots" (the airline's), "striker Arsenal fans" name no person "Eastern" or "Arsenal"
_PEOPLE_NOUNS = _DESCRIPTORS | {
    "pilot", "worker", "engineer", "employee", "official", "fan", "player", "member", "supporter", "soldier",
    "farmer", "miner", "driver", "shareholder", "stockholder", "investor", "executive", "leader", "delegate",
    "voter", "student", "teacher", "doctor", "nurse", "officer", "manager", "resident", "trader", "dealer",
    "banker", "guard", "rebel", "militant", "protester", "unionist", "director", "representative", "crew",
}
# whose plural is also a verb a person does ("the singer Bono coaches", "Smith guards"): the singular alone
_PEOPLE_VERBS = {"coach", "guard", "nurse", "doctor"}
_PEOPLE_NEXT = re.compile(r"(?=\s)[ \t]*\n?[ \t]*(?:(?:{})(?:e?s)?|{}|staff|police|troops|personnel|people|men|women)\b"
                          .format("|".join(sorted(_PEOPLE_NOUNS - _PEOPLE_VERBS, key=len, reverse=True)),
                                  "|".join(sorted(_PEOPLE_VERBS))))


def _described(text: str, start: int, end: int) -> bool:
    """Whether an occupation in lower case is the word before the name at `start`:`end` ("the singer
    Bono", "coach Hafizi"), and describes it: not where a noun for people follows the name, which the
    occupation (an adjective: "dissident") then describes (_PEOPLE_NEXT: "dissident Eastern pilots")."""
    m = _DESCRIPTOR_BEFORE.search(text, max(0, start - 16), start)
    return m is not None and m.group(1) in _DESCRIPTORS and not _PEOPLE_NEXT.match(text, end)


# Occupations before a name that no company takes: "financial adviser Goldman Sachs", "analyst Dataquest",
# "negotiator Lazard" are firms, "coach Astrit Hafizi" and "Striker Georg Weah" people
_PERSONS_OCCUPATIONS = _DESCRIPTORS - {"adviser", "advisor", "analyst", "strategist", "negotiator", "aide", "trainer"}
# and capitalised, the names of publications and brands left out: "Economist Intelligence Unit", "Jockey International"
_OPENING_OCCUPATIONS = _PERSONS_OCCUPATIONS - {"economist", "entrepreneur", "jockey"}
_OCCUPATION_OPENING = re.compile(r"([A-Z][a-z]+)[ \t]+(?=[A-Z])")
# A firm's last word, no surname's: "Salomon Brothers", "Lazard Partners", "Morgan Guaranty", "Ameritrust Bancorp"
_FIRM_LAST = _BUSINESS_LAST | _FIRM_WORDS | {"guaranty", "bancorp", "bancorporation", "bancshares", "savings"}
_PERSON_NAME_WORD = re.compile(r"[A-Z]\.|[A-Z][a-z]*[A-Z]?[a-z]+(?:[-'’][A-Za-z]+)*")  # "Astrit", "McLean", "O'Neill"
# The last words of organisations, no person's: a firm's, a line of business's, an institution's
_ORGANISATION_LAST = _FIRM_LAST | _TRADE_WORDS | {w.lower() for w in _INSTITUTION_HEADS.replace("?", "").split("|")} \
    | {"railway"}


def _occupied_persons(text: str, spans: list[Span]) -> list[Span]:
    """A name after an occupation that the NER called an organisation is a person's: "Albanian coach
    Astrit Hafizi said" and "goalkeeper Salem Bitar" were organisations (and the document's vote made
    every "Hafizi" one), "Striker Georg Weah was suspended" the organisation "Striker Georg Weah", with
    its occupation capitalised as a sentence's first word or as a title ("Coach Smith"). The occupation
    is no part of the person. Not a company's name ("Coach Inc", "Producer Price Index" has no
    occupation of ours), nor a place we know, nor a firm the occupation's holder works for ("chief
    economist Morgan Guaranty", "senior economist Salomon Brothers"): a name ending in a firm's word, or
    one the document gives in full with a legal form ("Morgan Guaranty Trust Co")."""
    changed = False
    openings: set[str] | None = None  # the first words of the document's companies, asked once a document
    for s in spans:
        if s.type != "organization" or s.source != "ner" or _PEOPLE_NEXT.match(text, s.end):
            continue  # "Dissident Eastern pilots said": the airline's, as in lower case (_described)
        start = s.start
        lead = _OCCUPATION_OPENING.match(text, s.start, s.end)
        if lead is not None and lead.group(1).lower() in _OPENING_OCCUPATIONS:
            start = lead.end()
        elif not _described(text, s.start, s.end) or _DESCRIPTOR_BEFORE.search(
                text, max(0, s.start - 16), s.start).group(1) not in _PERSONS_OCCUPATIONS:
            continue
        words = text[start:s.end].split()
        if not (1 <= len(words) <= 3 and all(_PERSON_NAME_WORD.fullmatch(w) for w in words)) \
                or any(_form_word(w) in CORPORATE_WORDS for w in words) or _place_name(text[start:s.end]) \
                or words[-1].lower() in _FIRM_LAST:
            continue
        if openings is None:  # one spacing: "Morgan Guaranty\nTrust Co"
            openings = {" ".join(n[:i]) for n in map(str.split, set(_company_names(text, spans)))
                        for i in range(1, len(n))}
        if " ".join(words) not in openings:
            s.start, s.type, s.source = start, "person", "context"
            changed = True
    return sorted(spans, key=lambda s: (s.start, -s.end)) if changed else spans


# An institution's last word, no surname's, in English and in the languages whose institutions news names
# untranslated: "Friedrich Ebert Stiftung", "Bill Gates Foundation", "Max Planck Institute" are named for a
# person, whom the NER reads in the name. Not an institution's word that is a surname too (_ORGANISATION_LAST's
# "Court", "Church", "Power", "Bank": "Margaret Court", "Samantha Power"), nor a place's ("Bridge", "Memorial")
_INSTITUTION_LAST = frozenset({
    "foundation", "foundations", "society", "institute", "institution", "university", "academy", "museum",
    "association", "federation", "ministry", "commission", "council", "college", "hospital", "school",
    "endowment", "library", "centre", "center", "clinic", "stiftung", "stichting", "fondation", "fundacion",
    "fondazione", "fundacao", "institut", "instituto", "istituto", "gesellschaft", "verein", "verband",
    "akademie", "universitat", "universidad", "universite", "universita", "hochschule",
})


def _institutions_named_for_persons(text: str, spans: list[Span]) -> list[Span]:
    """The NER's person whose last word is an institution's (_INSTITUTION_LAST) is the institution named
    for the person: "The German Friedrich Ebert Stiftung said" gave the person "Friedrich Ebert Stiftung"
    (the real NER's span), as "Henry Jackson Society" and "Bill Gates Foundation" would be. The document's
    vote follows it."""
    for s in spans:
        if s.type == "person" and s.source == "ner" and " " in text[s.start:s.end] \
                and fold(text[s.start:s.end].rsplit(None, 1)[-1]).lower() in _INSTITUTION_LAST:
            s.type, s.source = "organization", "context"
    return spans


# A results list's entry: a name and its country in brackets ("1. Vadim Sashurin ( Belarus ) 26:17.8",
# "Susi Susanti (Indonesia) beat Camilla Martin (Denmark) 11-1 11-3")
_COUNTRY_IN_BRACKETS = re.compile(r"[ \t]*\([ \t]*([A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})[ \t]*\)")
_ENTRANTS_MIN = 3


def _entrants(text: str, spans: list[Span]) -> list[Span]:
    """In a list of entries "Name (Country)" that the NER reads mostly as people (a race's, a
    tournament's results), the entries it took for organisations or places are people too: "Megan
    Gerety ( U.S. )", "Camilla Martin ( Denmark )", "Sebastien Foucras ( France )" were organisations
    among a ski race's and a badminton round's people (39 entries of CoNLL-2003's test set), and so are
    the names it left untagged, two to four name words before the bracket: "Fung Permadi ( Taiwan )",
    "Ye Zhaoying ( China )" opening a line after another entry's score (which count as people in the
    list's vote). A list of clubs ("Limoges ( France ) 9 3 6 12", mostly organisations) is left as it
    is; an entry of one word, with a company's word, or that is a place we know ("Cibona Zagreb", "Alba
    Berlin" keep their city) stays the NER's."""
    ending = {s.end: s for s in spans}  # the last span ending there
    entries: list[Span] = []
    for m in _COUNTRY_IN_BRACKETS.finditer(text):
        if country_display(m.group(1)) is None:
            continue
        if m.start() in ending:
            entries.append(ending[m.start()])
        elif (name := _UNTAGGED_ENTRY.search(text, max(0, m.start() - 60), m.start())) is not None:
            start = name.start(1)
            heading = _RESULTS_HEADING.match(text, start, name.end(1))
            if heading is not None and " " in text[heading.end():name.end(1)]:  # two name words left at least
                start = heading.end()
            entries.append(Span(start, name.end(1), "untagged", "context"))
    if len(entries) < _ENTRANTS_MIN:
        return spans
    index = _SpanIndex(spans)
    added = [s for one in _lists(text, [(s.start, s.end) for s in entries])
             for s in _entrants_of_list(text, entries[one]) if not index.overlapping(s.start, s.end)]
    return sorted(spans + added, key=lambda s: (s.start, -s.end)) if added else spans


# The name words before an entry's bracket the NER left untagged: "15-8 Sun Jun", "singles Fung Permadi",
# two to four name words after a word that is none (a score, a word in lower case)
_UNTAGGED_ENTRY = re.compile(r"(?:^|(?<=[\s:;]))((?:[A-Z][a-z]*[A-Z]?[a-z]+(?:[-'’][A-Za-z]+)*[ \t]+){1,3}"
                             r"[A-Z][a-z]*[A-Z]?[a-z]+(?:[-'’][A-Za-z]+)*)$")


# A results table's heading on the first entry's line, no part of its name: "Final Standings Tony Rominger
# (Switzerland)", "Overall Leading Positions Alex Zuelle (Switzerland)"
_RESULTS_HEADING = re.compile(r"(?:(?:Final|Standings?|Results?|Overall|Leading|Leaders|General|Classification|Placings"
                              r"|Positions|Rankings?|Provisional|Official|Unofficial|Top)[ \t]+)+")


# Where a list of entries ends: a blank line, a stretch of prose (six words in lower case: "shares of the
# oil group rose"; not a heading's "one minute 17.76 seconds", "Women 's 500 metres first round :"), or a
# gap longer than a golf list's entry with its untagged neighbours (about 200 characters in CoNLL-2003).
# Not a blank line between entries that are paragraphs of their own: the cleaner writes a list's items so
# ("1. Jesper Ronnback ( Sweden ) 25.76\n\n2. Andrei Ivanov ( Russia ) 24.88", from <li> or a line each)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PROSE_WORD = re.compile(r"(?<![\w'’])[a-z]+\b")
_PROSE_WORDS = 6
_LIST_GAP_MAX = 250


# Between a match's two entries: the first's country and the word of its result ("( Denmark ) beat ")
_MATCH_GAP = re.compile(r"[ \t]*\([^()\n]{1,40}\)[ \t]+(?:beat|bt|v|vs\.?|defeated|def\.|d\.)[ \t]+")


def _lists(text: str, bounds: list[tuple[int, int]]) -> list[slice]:
    """Where the entries at `bounds` (in order) stand in one list, by what lies between one and the next."""
    out, first = [], 0
    # whether the last entry's paragraph is an entry's or a match's (two entries, "Peter Rasmussen (Denmark)
    # beat Sun Jun (China) 15-7 15-4"), opened by its first entry, so that the next may go on the list
    one = bool(bounds) and _opens_paragraph(text, max(0, bounds[0][0] - _LIST_GAP_MAX), bounds[0][0])
    entries = 1  # in that paragraph
    for i in range(1, len(bounds)):
        gap = bounds[i - 1][1], bounds[i][0]
        blank = _BLANK_LINE.search(text, *gap) is not None
        opens = blank and _opens_paragraph(text, *gap)
        if gap[1] - gap[0] > _LIST_GAP_MAX or len(_PROSE_WORD.findall(text, *gap)) >= _PROSE_WORDS \
                or (blank and not (one and opens)):  # a paragraph of entries, or prose after the blank line
            out.append(slice(first, i))
            first = i
        if blank:
            one, entries = opens, 1
        else:
            entries += 1
            one = one and entries == 2 and _MATCH_GAP.fullmatch(text, *gap) is not None
    return out + [slice(first, len(bounds))]



def _opens_paragraph(text: str, lo: int, at: int) -> bool:
    """Whether the entry at `at` opens a paragraph that starts in text[lo:at] (or at the text's start),
    only a rank or a bullet before it: "\n\n2. Andrei Ivanov", not "\n\nShares of Royal Dutch"."""
    last = None
    for last in _BLANK_LINE.finditer(text, lo, at):
        pass
    if last is None and lo > 0:
        return False
    return _PROSE_WORD.search(text, last.end() if last else 0, at) is None


def _clubs_place(word: str, country: str | None) -> bool:
    """Whether `word` of an entry "Name ( Country )" may be its club's place: a place we know, but for a
    city of another country than the entry's ("Alba Berlin ( Germany )", "Cibona Zagreb ( Croatia )" are
    clubs; "Camilla Martin ( Denmark )" is no club of Martin, Slovakia)."""
    return _place_name(word) and city_country(word) in (None, country)


def _entrants_of_list(text: str, entries: list[Span]) -> list[Span]:
    """_entrants on one list: its entries the NER took for organisations or places become people; the
    untagged ones it returns, as people."""
    people = sum(s.type in ("person", "untagged") for s in entries)
    untagged = sum(s.type == "untagged" for s in entries)
    if len(entries) < _ENTRANTS_MIN or 2 * people <= len(entries) or people == untagged:
        return []
    added = []
    for s in entries:
        words = text[s.start:s.end].split()
        country = country_display(_COUNTRY_IN_BRACKETS.match(text, s.end).group(1))
        if s.type != "person" and 2 <= len(words) <= 4 and all(_PERSON_NAME_WORD.fullmatch(w) for w in words) \
                and not any(_form_word(w) in CORPORATE_WORDS or _clubs_place(w, country) for w in words):
            if s.type == "untagged":
                added.append(Span(s.start, s.end, "person", "context"))
            else:
                s.type, s.source = "person", "context"
    return added


# A team sheet's entry: a shirt number, a dash and a name, between commas, semicolons or brackets
# ("Japan : 19 - Kenichi Shimokawa , 2 - Hiroshige Yanagimoto ; 9 - Kim Do Hoon ( 7 - Sin Tae Yong 33 )")
_SQUAD_ENTRY = re.compile(r"(?:^|(?<=[,;:(]))[ \t]*\d{1,2}[ \t]+-[ \t]+((?:[A-Z][\w'’.]*(?:-[A-Za-z][\w'’]*)*[ \t]+){0,3}"
                          r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*)(?=[ \t]*(?:[,;()]|\d|\.(?:[ \t\n]|$)|\n|$))", re.M)


def _squads(text: str, spans: list[Span]) -> list[Span]:
    """The names of a team sheet the NER reads mostly as people are people: "8 - Masakiyo Maezono ( 7 -
    Yasuto Honda 71 )" left untagged between tagged players, "6 - Ammar Awad" an organisation. Three
    entries or more, most of those tagged people; a name with a company's word or a place we know stays
    (a word of it may be a place's: "Motohiro Yamaguchi"). Each sheet is judged alone (_lists): a ranking
    of firms after a team sheet is no part of it."""
    entries = [(m.start(1), m.end(1)) for m in _SQUAD_ENTRY.finditer(text)]
    if len(entries) < _ENTRANTS_MIN:
        return spans
    exact = {(s.start, s.end): s for s in spans}
    starts = [s.start for s in spans]
    added: list[Span] = []
    for one in _lists(text, entries):
        _squad(text, spans, entries[one], exact, starts, added)
    return sorted(spans + added, key=lambda s: (s.start, -s.end)) if added else spans


def _squad(text: str, spans: list[Span], entries: list[tuple[int, int]], exact: dict[tuple[int, int], Span],
           starts: list[int], added: list[Span]) -> None:
    """_squads on one sheet: its entries retyped in `exact` or, untagged, appended to `added`."""
    if len(entries) < _ENTRANTS_MIN:
        return
    tagged = [exact[e] for e in entries if e in exact]
    people = sum(s.type == "person" for s in tagged)
    # and three people, or half the entries: a ranking of five firms two of which the NER read as
    # people ("1 - Merrill Lynch , 2 - Goldman Sachs , ...") is no team sheet
    if 2 * people <= len(tagged) or (people < _ENTRANTS_MIN and 2 * people < len(entries)):
        return
    for a, b in entries:
        words = text[a:b].split()
        if any(_form_word(w) in CORPORATE_WORDS for w in words) or _place_name(text[a:b]):
            continue
        if (a, b) in exact:
            if exact[(a, b)].type != "person":
                exact[(a, b)].type, exact[(a, b)].source = "person", "context"
            continue
        i = bisect.bisect_left(starts, b) - 1
        if i >= 0 and spans[i].end > a or (i >= 1 and spans[i - 1].end > a):
            continue  # beside the NER's own reading
        added.append(Span(a, b, "person", "context"))


_TITLE_BEFORE = re.compile(r"(?<![\w\-])([A-Z][A-Za-z]*)\.?[ \t]+$")


def _titled(text: str, start: int) -> bool:
    """Whether a person's title is the word before `start` ("Mr Bull", "Dr. Shell")."""
    m = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in PERSON_TITLES


def _propagate(text: str, spans: list[Span], word_index: _WordIndex) -> list[Span]:
    """Tag untagged repeats of names this document already tagged."""
    names: dict[str, str] = {}
    for s in spans:
        t = text[s.start:s.end]
        tokens = t.split()
        if s.type == "person" and len(tokens) >= 2:
            names.setdefault(tokens[-1], "person")
        names.setdefault(t, s.type)
    cands = {
        t: ty for t, ty in names.items()
        if len(t) >= 2 and t[0].isupper() and (" " in t or t.isupper() or _zipf(t.lower()) < _PROPAGATE_MAX_ZIPF)
    }
    if not cands:
        return spans
    taken = [(s.start, s.end) for s in spans]
    added = []
    starts = [a for a, _ in taken]
    for a, b, name in _occurrences(text, cands, word_index):
        i = bisect.bisect_right(starts, a) - 1
        overl = False
        for j in (i, i + 1):
            if 0 <= j < len(taken) and taken[j][0] < b and a < taken[j][1]:
                overl = True
        if not overl:
            added.append(Span(a, b, cands[name], "rule"))
    if added:
        spans = sorted(spans + added, key=lambda s: (s.start, -s.end))
    return spans


_NAME_EDGE = re.compile(r"[\w\-]")  # a character that continues a word (or a hyphenated one)


def _find_all(text: str, name: str) -> Iterator[int]:
    a = text.find(name)
    while a >= 0:
        yield a
        a = text.find(name, a + 1)


_PLAIN_WORD = re.compile(r"\w+")


def _starts(text: str, name: str, word_index: _WordIndex, hyphenated: bool = True) -> Iterator[int]:
    r"""Where `name` starts in `text` with its whole first word (see _occurrences), from the word index:
    a str.find over the whole text for each mention cost mentions x length. `hyphenated=False` reads
    the first word as a \w+ word, so that "Sullivan" starts "Sullivan-led" too."""
    first = (_RUN if hyphenated else _PLAIN_WORD).match(name)
    if first is None:
        yield from _find_all(text, name)
        return
    for a in (word_index.hyphenated if hyphenated else word_index.plain)(first.group()):
        if text.startswith(name, a):
            yield a


def _occurrences(text: str, names, word_index: _WordIndex | None = None) -> list[tuple[int, int, str]]:
    r"""Where `(?<![\w-])(?:name1|name2|...)(?![\w-])`, longest name first, matches
    `text`: the leftmost whole-word occurrences, the longest name at a position, none
    overlapping. Not with that pattern: compiling it for each document's names cost ten
    times the search (0.3 ms an article, bench of 2,000 Reuters texts). Nor with str.find
    over the whole text for each name (names x length: minutes for 2 MB of news): a name
    that opens with a word can only start where that whole word stands."""
    word_index = word_index or _WordIndex(text)
    found = []
    for name in names:
        n = len(name)
        for a in _starts(text, name, word_index):
            if not (a and _NAME_EDGE.match(text, a - 1)) and not _NAME_EDGE.match(text, a + n):
                found.append((a, -n, name))
    found.sort()
    out, pos = [], 0
    for a, n, name in found:
        if a >= pos:
            out.append((a, a - n, name))
            pos = a - n
    return out



# A country's own bodies, which news names without the country: "the Finance Ministry" of a
# TOKYO story is Japan's, of a BRASILIA one Brazil's. One entity "Finance Ministry" stood for 23
# countries' ministries in 2,500 Reuters stories ("Central Bank" 12, "Parliament", "Treasury").
# Not the US executive departments ("Agriculture Department"): news names the US ones so, and
# resolution keeps them one (gazetteer.ORG_EQUIVALENTS).
_BODY_FIELD = rf"(?:{_FIELDS}|Economics|Affairs|Development|Welfare|Works)"
_FIELD_RUN = rf"{_BODY_FIELD}(?:(?:[ \t]+(?:and|&))?[ \t]+{_BODY_FIELD}){{0,3}}"
_MINISTRY = re.compile(rf"({_FIELD_RUN})[ \t]+Ministry|Ministry[ \t]+of[ \t]+(?:the[ \t]+)?({_FIELD_RUN})")
NATIONAL_BODIES = frozenset({"Central Bank", "Reserve Bank", "Parliament", "National Assembly", "Cabinet", "Government",
                             "Supreme Court", "Navy", "Army", "Air Force", "Customs", "Treasury", "Congress", "Senate"})
# Bodies the United States has, named so: a US dateline qualifies only these (its "Finance
# Ministry" is another country's). A dateline abroad qualifies any but "Congress" and
# "Senate" (_OWN_BODY_ABROAD): a TOKYO story's "Congress" is mostly the US one (the 1987 trade bill).
_US_BODIES = frozenset({"Treasury", "Congress", "Senate", "Supreme Court", "Navy", "Army", "Air Force", "Customs",
                        "Cabinet"})
# Abroad, a "Congress" or "Senate" near a mention of the US is the US one ("Japan is singled out
# in a draft trade bill before the Senate", TOKYO); else the dateline country's, where it has
# one (the Philippine Congress, the Italian Senate); else it stays bare (a CALCUTTA story's
# "Congress" is the party). Audit of 16,500 Reuters stories: 30 to the US, 16 to the country.
_OWN_BODY_ABROAD = {
    "Congress": frozenset({"Philippines", "Bolivia", "Ecuador", "Spain", "Brazil", "Argentina", "Colombia", "Peru",
                           "Chile", "Mexico", "Venezuela", "Guatemala", "Honduras", "Paraguay", "Uruguay",
                           "Dominican Republic", "El Salvador", "Costa Rica", "Panama", "Nicaragua"}),
    "Senate": frozenset({"Philippines", "Italy", "France", "Canada", "Australia", "Belgium", "Netherlands", "Spain",
                         "Brazil", "Argentina", "Colombia", "Chile", "Mexico", "Bolivia", "Ireland", "Poland",
                         "Uruguay", "Paraguay", "Venezuela", "Dominican Republic"}),
}
# Bodies other than a country's own are also named so ("European Parliament", "American Pork Congress")
_ASSEMBLIES = frozenset({"Congress", "Senate", "Parliament", "National Assembly"})
_US_NAMED = re.compile(r"\bU\.S\.|\bUnited States\b|\bAmerican|\bReagan\b|\bWashington\b")
# The country named just before a body: "Japan's", "U.S.", "Brazilian", "West German".
# Words of its standing may come between, one or two: "Japan's ruling Liberal Democratic Party",
# "Britain's opposition Labour Party", "Israel's main opposition Labour Party".
_OF_STANDING = r"(?:[ \t]+(?:ruling|governing|opposition|main)){0,2}[ \t]+$"
_COUNTRY_WORDS = r"(?:[A-Z][a-z]+[ \t]+)?(?:(?:[A-Z]\.){2,}|[A-Z][a-z]+)(?:['’]s)?"
_COUNTRY_BEFORE = re.compile(rf"(?<![\w.'’-])({_COUNTRY_WORDS})" + _OF_STANDING)
# A person's possessive before a body: "Thatcher's Conservative Party", "Nakasone's ruling Liberal
# Democratic Party" (the person's country's, told by _persons_country)
_POSSESSOR = re.compile(r"['’]s" + _OF_STANDING)
# The words before a person's name that say the country: "British Prime Minister Margaret
# Thatcher", "Japan's Prime Minister Yasuhiro Nakasone", "Egyptian President Hosni Mubarak",
# "Britain's Thatcher"; or after it: "Prime Minister Margaret Thatcher of Britain"
_WORDS_BEFORE = re.compile(rf"(?:(?<![\w.'’-])\S+{_GAP}){{1,5}}$")  # across a hard wrap: "President\nHosni Mubarak"
_TITLE_WORDS = TITLES | {"leader", "opposition", "ruling", "party"}
_COUNTRY_LEAD = re.compile(_COUNTRY_WORDS)
_OF_COUNTRY_AFTER = re.compile(rf"{_GAP}of{_GAP}(?:the{_GAP})?((?:[A-Z][a-z]+[ \t]+)?[A-Z][a-z]+)(?![\w'’-])")
_OF_COUNTRY = re.compile(r"(.+?)[ \t]+of[ \t]+(?:the[ \t]+)?(.+)")


# A party named by what it stands for, which many countries have: "Communist Party" was one
# entity of 23 Reuters articles (the Soviet, Chinese, Italian, Philippine ... parties), "Labour
# Party" of 27 (Britain's, Israel's, Australia's, New Zealand's). A party of a name of its own
# ("Likud", "Baath Party") is no such body.
_PARTY_WORD = (r"(?:Communist|Socialist|Labour|Labor|Conservative|Liberal|National|Democratic|Republican|Social"
               r"|Christian|Green|Progressive|Radical|Workers['’]?|People['’]?s|Popular|Nationalist|Centre|Center"
               r"|Agrarian|Peasant|Unionist|Reform|Revolutionary)")
_PARTY = re.compile(rf"{_PARTY_WORD}(?:[ -]{_PARTY_WORD}){{0,2}} [Pp]arty")
# The parties a story filed from the United States or Britain means, named bare (a LONDON story's
# "Communist Party" is mostly another country's)
_US_PARTIES = frozenset({"Democratic Party", "Republican Party"})
_UK_PARTIES = frozenset({"Labour Party", "Conservative Party", "Liberal Party", "Social Democratic Party"})


def national_body(name: str) -> str | None:
    """`name` if it names a country's body without the country ("Central Bank", "Ministry of
    Finance", "Communist Party"; spaces made single), else None."""
    name = " ".join(name.split())
    return name if name in NATIONAL_BODIES or _MINISTRY.fullmatch(name) or _PARTY.fullmatch(name) else None


def body_key(body: str) -> str:
    """One spelling of a body for comparing: "Ministry of Finance" -> "Finance Ministry",
    "Communist party" -> "Communist Party"."""
    if body.endswith(" party") and _PARTY.fullmatch(body):
        return body[:-5] + "Party"
    m = _MINISTRY.fullmatch(body)
    return f"{m.group(1) or m.group(2)} Ministry" if m else body


def _named_country(name: str) -> tuple[str, str] | None:
    """(body, country) of a mention that names both: "U.S. Treasury", "Dutch Finance
    Ministry", "Reserve Bank of Australia"."""
    words = name.split()
    for k in (1, 2):
        if len(words) > k and (body := national_body(" ".join(words[k:]))):
            if re.sub(r"['’]s$", "", " ".join(words[:k])) in us_state_names():
                return None  # "Georgia Supreme Court": the state's
            if country := country_of_word(" ".join(words[:k])):
                return body, country
    return _body_of_country(name)


def _body_of_country(name: str) -> tuple[str, str] | None:
    """(body, country) of a body named "of" its country: "Reserve Bank of Australia"."""
    m = _OF_COUNTRY.fullmatch(name)
    if m and (body := national_body(m.group(1))) and (country := country_display(m.group(2))):
        return body, country
    return None


def names_country_after(name: str) -> bool:
    """Whether `name` is a body "of" a country: "Reserve Bank of Australia"."""
    return _body_of_country(name) is not None


def _country_before(text: str, start: int) -> str | None:
    """The country named just before a body; "" after a US state's name: "the Texas Supreme
    Court" is no country's, and "Georgia" before "Supreme Court" the state, not the country."""
    m = _COUNTRY_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return None
    words = re.sub(r"['’]s$", "", m.group(1))
    if words in us_state_names() or words.split()[-1] in us_state_names():
        return ""
    return country_of_word(words) or (country_of_word(words.split()[-1]) if " " in words else None)


def _possessor(text: str, start: int, persons: dict[int, dict]) -> dict | None:
    """The person whose possessive a body at `start` follows ("Thatcher's Conservative Party"),
    of `persons` (person mentions by their end), or None."""
    m = _POSSESSOR.search(text, max(0, start - 40), start)
    return persons.get(m.start()) if m else None


def _persons_country(text: str, person: dict, persons: list[dict]) -> str | None:
    """The country the text names a person of, at any mention of the surname: the country or
    nationality before the name, past its titles ("British Prime Minister Margaret Thatcher"), or
    after it ("Margaret Thatcher of Britain"); None where the text tells none, or a US state's
    name is before the title or after the name ("Georgia Governor Joe Harris", "New Mexico Governor
    Garrey Carruthers", not Mexico's; "Senator Sam Nunn of Georgia", not the country's)."""
    name = surname(person["text"].split())
    states = us_state_names()
    for p in persons:
        if surname(p["text"].split()) != name:
            continue
        if of := _OF_COUNTRY_AFTER.match(text, p["end"]):
            if of.group(1) in states:
                return None
            if country := country_display(of.group(1)):
                return country
        if (m := _WORDS_BEFORE.search(text, max(0, p["start"] - 80), p["start"])) is None:
            continue
        words = m.group().split()
        n = len(words)
        while n and n > len(words) - 3 and words[n - 1].lower() in _TITLE_WORDS:
            n -= 1  # the titles between: "Prime Minister", "opposition leader"
        lead = re.sub(r"['’]s$", "", " ".join(words[max(0, n - 2):n]))
        if lead in states or lead.rpartition(" ")[2] in states:
            return None  # a state's name of one word or two, whose last may be a country's: "New Jersey"
        for k in (2, 1):
            lead = " ".join(words[max(0, n - k):n])
            if n >= k and _COUNTRY_LEAD.fullmatch(lead) and (country := country_of_word(lead)):
                return country
    return None


def _dateline_country(text: str, m: re.Match, former_state: Callable[[str], str]) -> str | None:
    """The country of a dateline; `former_state(country)`: the state a city's country was part
    of then, where the article names it so (_former_state), asked of the whole text."""
    for g in ("r1", "r2", "r3"):
        region = (m.group(g) or "").strip()
        if region:  # a US state first: "GA", "LA", "VA" ("W. VA") are also countries' codes
            if region.rstrip(".").upper() in US_STATE_ABBREVIATIONS or region in us_state_names():
                return "United States"
            if country := country_display(region):
                return country
    place = m.group(1)
    if place.upper() == "EAST BERLIN":
        return "East Germany"
    country = country_display(place) or city_country(place)
    return former_state(country) if country in _FORMER_STATE else country


# The city table knows today's states: MOSCOW is Russia's, BELGRADE Serbia's. A story that names
# the state the city was in then (the Soviet Union, Yugoslavia, Czechoslovakia: its name or
# adjective) more often than today's was filed from that state (1987 copy: a MOSCOW story's
# "Foreign Ministry" is the Soviet one). Today's state -> (the former one, how copy names it).
_SOVIET = ("Soviet Union", re.compile(r"\bSoviet\b|\bU\.?S\.?S\.?R\b"))
_YUGOSLAV = ("Yugoslavia", re.compile(r"\bYugoslav"))
_CZECHOSLOVAK = ("Czechoslovakia", re.compile(r"\bCzechoslovak"))
_FORMER_STATE = {
    "Russia": _SOVIET, "Ukraine": _SOVIET, "Belarus": _SOVIET, "Serbia": _YUGOSLAV, "Croatia": _YUGOSLAV,
    "Slovenia": _YUGOSLAV, "Bosnia and Herzegovina": _YUGOSLAV, "North Macedonia": _YUGOSLAV,
    "Czech Republic": _CZECHOSLOVAK, "Slovakia": _CZECHOSLOVAK,
}


def _former_state(text: str, country: str) -> str:
    state, named = _FORMER_STATE[country]
    now = len(re.findall(rf"\b{re.escape(country)}\b", text))
    return state if len(named.findall(text)) > now else country


# Bodies a country has not, though the rule above would let its dateline name them: a LONDON
# story's "Reserve Bank" or "Central Bank" is another country's (entity audit: 3 of 390 wrong,
# "In Pretoria, Reserve Bank Governor", Nigeria's Central Bank, Iran's Foreign Ministry).
_RESERVE_BANK_COUNTRIES = frozenset({"Australia", "New Zealand", "India", "South Africa", "Zimbabwe", "Malawi", "Fiji"})
_UK_BODIES = frozenset({"Treasury", "Parliament", "Cabinet", "Government", "Customs", "Navy", "Army", "Air Force"})


def _dateline_has(country: str, body: str) -> bool:
    """Whether a story filed from `country` names its own `body` when it names it bare."""
    if country == "United States":
        return body in _US_BODIES or body_key(body) in _US_PARTIES
    if country == "United Kingdom":
        return body in _UK_BODIES or body_key(body) in _UK_PARTIES
    if body == "Reserve Bank":
        return country in _RESERVE_BANK_COUNTRIES
    return body not in _OWN_BODY_ABROAD  # a Congress or Senate abroad: _congress_abroad


def _congress_abroad(text: str, mention: dict, body: str, place: str) -> str | None:
    """The country of a "Congress" or "Senate" in a story filed from `place` abroad. Where
    `place` has none, the US one if the US is named in its paragraph, the one before or just
    after it. Where it has one, its own, unless the US is named right beside it (a MANILA story
    about the US bases names "American" often, and its Congress is the Philippine one)."""
    start, end = mention["start"], mention["end"]
    if place in _OWN_BODY_ABROAD[body]:
        a = max(start - 150, text.rfind("\n\n", 0, start) + 1, 0)
        b = text.find("\n\n", end)
        return "United States" if _US_NAMED.search(text, a, min(end + 100, b if b >= 0 else len(text))) else place
    a = text.rfind("\n\n", 0, max(0, start - 1))
    a = max(0, text.rfind("\n\n", 0, max(0, a - 1)))
    return "United States" if _US_NAMED.search(text, a, end + 150) else None


def _national_bodies(text: str, mentions: list[dict], datelines: tuple[re.Match, ...]) -> None:
    """Give each mention of a country's body its country (`country`, and `body`: its name
    without the country), for resolution to keep the countries' bodies apart: the country named
    with it ("Japan's Finance Ministry", "U.S. Treasury", "Reserve Bank of Australia"), else the
    one named with the same body nearest before it in the article (after it, if none before),
    else its dateline's, where that country has such a body (a Congress or Senate abroad:
    `_congress_abroad`). A body with no country told stays as it was (and "the Cabinet", a
    description, keeps no entity: `generic`)."""
    found: list[tuple[dict, str, str | None]] = []  # (mention, body, country named with it)
    others: set[str] = set()  # bodies the article names as the last word(s) of another organisation
    persons = [m for m in mentions if m["type"] == "person"]
    persons_by_end = {m["end"]: m for m in persons}
    for m in mentions:
        if m["type"] != "organization":
            continue
        name = m["text"]
        if body := national_body(name):
            before = _country_before(text, m["start"])
            if before is None and (owner := _possessor(text, m["start"], persons_by_end)):
                # a person's body: of the person's country, where the text tells it (a PARIS
                # story's "Thatcher's Conservative Party" was France's); else as a body named bare
                # (a ROME story's "Craxi's Socialist Party", its Prime Minister's, is Italy's)
                before = _persons_country(text, owner, persons)
            if before != "":
                found.append((m, body, before))
        elif named := _named_country(name):
            found.append((m, *named))
        elif len(words := name.split()) > 1:
            others.update(b for k in (1, 2) if (b := national_body(" ".join(words[-k:]))) in _ASSEMBLIES)
    if not found:
        return
    named_at: dict[str, list[tuple[int, str]]] = defaultdict(list)  # body key -> (start, country), in text order
    for m, body, country in found:
        if country:
            named_at[body_key(body)].append((m["start"], country))
    dateline_starts = [d.start() for d in datelines]
    # once a dateline, not once a body; the former state counted once a country, not once a
    # dateline (two searches of the whole text for each MOSCOW dateline of a long text)
    former = cache(partial(_former_state, text))
    dateline_places = [_dateline_country(text, d, former) for d in datelines]
    for m, body, country in found:
        if country is None and body == "Treasury" and text.startswith(" Secretary", m["end"]):
            country = "United States"  # its Secretary's title: "Treasury Secretary James Baker" of a LONDON story
        if country is None and (at := named_at.get(body_key(body))):
            i = bisect.bisect_left(at, (m["start"], "")) - 1
            country = at[i][1] if i >= 0 else at[0][1]
        # "the Parliament" after "European Parliament" is that one, not its STRASBOURG dateline's
        # France's; bare "Congress" after "American Pork Congress" still mostly the US one
        # (Reuters: 5 of 5 right with "the" before; 2 of 5 wrong without)
        if country is None and body in others and text[max(0, m["start"] - 4):m["start"]].lower() == "the ":
            continue
        if country is None and datelines:
            i = bisect.bisect_right(dateline_starts, m["start"]) - 1
            place = dateline_places[i] if i >= 0 else None
            if place and _dateline_has(place, body):
                country = place
            elif place and body in _OWN_BODY_ABROAD:  # a US dateline has both: abroad only
                country = _congress_abroad(text, m, body, place)
        if country:
            m["country"], m["body"] = country, body
            m.pop("generic", None)  # "the Cabinet" of a BANGKOK story is Thailand's: an entity

"""Metadata hidden in flattened text: date prefixes, bylines, datelines, agency credits.

Scraped archives often fold the page header into the body (" date 2020-08-28 ...",
"by on April 11, 2021") and keep the agency credit as a last line. These are
pulled out into fields rather than thrown away, and each pattern only fires on a
whole line (or a line prefix) so that article sentences mentioning a date or an
agency are left alone.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterable

from ..newsroom import (AGENCY_NAMES, COMPANY_AGENCIES, MONTH_NAME, MONTH_NUMBERS, NEWSROOM_WORDS, agency_pattern,
                         written_agency_pattern)

# "April 11, 2021" | "11 April 2021" | "2021-04-11" | "11/04/2021" is ambiguous: not parsed
DATE_RE = (
    rf"(?:(?P<m1>{MONTH_NAME})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_NAME}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
)
# The same dates without their named groups, for a pattern that holds a date more than once.
DATE_ANY_RE = re.sub(r"\(\?P<\w+>", "(?:", DATE_RE)
_DATE = re.compile(DATE_RE, re.I)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "on Tue," as blogs print it ("Posted by Dharmesh Shah on Tue, Oct 30, 2012" gave the author
# "Dharmesh Shah on Tue"); only after "on": "By John Sun, Oct 3, 2012" is John Sun's
_ON_WEEKDAY = r"\bon\s+(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[.,]\s*"
# a time of day after a date, its zone a known one in capitals: "[A-Z]{2,4}" under re.I took
# the article's first word ("Updated: April 11, 2021 10:30 AM The parliament ...": "The")
_ZONES = "ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|EET|EEST|WAT|EAT|SAST|MSK|IST|JST|KST|HKT|SGT|AEST|AEDT"
# The zone may be in brackets, and after a date read "@" may stand for "at", as blogs write them
# ("November 12th, 2012 @ 2:14pm (PT) by Rebecca Bollwitt", miss604.com, was no byline: the page had
# no author); not after a date with no year ("Posted by Unknown Lamer on Tuesday July 24, @07:29AM"
# would give the author "Unknown Lamer on Tuesday July 24")
_CLOCK = rf"\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*(?:(?-i:{_ZONES})\b|\((?-i:{_ZONES})\)))?"
_TIME = rf"(?:\s*(?:[,|–-]|at)?{_CLOCK})?"
_AT_TIME = rf"(?:\s*(?:[,|–@-]|at)?{_CLOCK})?"

# " date 2020-08-28 Malin the military ..." : a scraper's field label glued to the body
_DATE_PREFIX = re.compile(rf"^\s*(?:date|published|posted|updated)\s*:?\s*(?P<date>{DATE_RE}){_TIME}(?:\s+|$)", re.I)
# "by on April 11, 2021", "By Jane Doe | April 11, 2021", "Posted on April 11, 2021 by admin",
# "Post written by Leo Babauta." (a blog's, which opened 9 of 500 web pages' text); a guest's
# role before the name ("Article written by guest writer Kecia Lynn", bigthink.com) is no part
# of it: the line had stayed as the article's first paragraph, its name unread; nor is the colon
# some write after "by" ("by: Liz Thomas", news.com.au; "By: Deborah Shane on ..." gave ": Deborah Shane")
_GUEST = r"guest\s+(?:writer|author|blogger|contributor|columnist|poster)\s+(?=(?-i:[A-Z]))"
_BYLINE = re.compile(
    rf"^(?:(?:(?:guest\s+)?post|article|story)\s+)?(?:(?:posted|written|published)\s+)?by\b\s*:?\s*(?:{_GUEST})?(?P<author>[^|–—\n]{{0,80}}?)\s*(?:[|–—,]\s*|{_ON_WEEKDAY}|\bon\s+|\bat\s+|\bpublished\s+|\b(?:last\s+)?(?:updated|posted)\b\s*:?\s*)*"
    # a blog post's footer: "Posted by James Hamilton at October 28, 2012 01:23 PM", "Posted by
    # Kathy on April 6, 2007 | Permalink" (the author had been "James Hamilton at"); a bar may
    # end it ("By: Daniel Horowitz (Diary) | November 12th, 2012 at 01:43 PM |", redstate.com); the stamp's
    # word may stand before its time ("By Jane Doe | Updated 3:15 pm ET" was no byline)
    rf"(?:{_WEEKDAY},?\s+)?(?:(?P<date>{DATE_RE}){_AT_TIME}|{_TIME})(?:\s*\|(?:\s*permalink)?)?\.?$",
    re.I,
)
_POSTED_ON = re.compile(
    rf"^(?:(?:posted|published|updated|last updated|date)\s*(?:on|:)?\s*)?(?:{_WEEKDAY},?\s+)?(?P<date>{DATE_RE}){_AT_TIME}"
    rf"(?:\s+by\s+(?P<author>[^|\n]{{1,60}}))?\.?$",
    re.I,
)
# "ABUJA, Nigeria – ", "MOSCOW (IDN) – ", "(AP) HONOLULU - ", "(CBS/AP) MOSCOW - ", "WASHINGTON (Reuters) - ";
# a credit before the place is a name, in capitals but the agencies German-language copy writes in lower
# case (dpa, epd, afp, ap, rtr for Reuters, sid, kna, apa, sda, ddp, dapd): "(him/her) OK - " opened a post's text.
# The month in any case, as wires write it ("WASHINGTON, March 30 (Reuters) - ", "TOKYO, MARCH 30 - "):
# a month in lower case alone was read, and such a story had no dateline
_LEAD_CREDIT = r"(?:[A-Z][A-Za-z]{1,11}|dpa|epd|afp|ap|rtr|sid|kna|apa|sda|ddp|dapd)"
_DATELINE = re.compile(
    rf"^(?P<dl>(?P<credit>\({_LEAD_CREDIT}(?:/{_LEAD_CREDIT})?\)\s+)?[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){{0,3}}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?(?:,\s*(?i:%s)\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z][A-Za-z .&-]{1,20}\))?)\s*(?:[–—]|--?)\s+(?=\S)" % MONTH_NAME
)
# "wd / sms (AFP, Reuters, epd)": DW's editor initials plus agencies
_CREDIT_INITIALS = re.compile(r"^[a-z]{1,4}(?:\s*/\s*[a-z]{1,4})+\s*\((?:[A-Za-z][\w.-]*(?:,\s*|\s+)?)+\)$")
# "Reporting by X; Editing by Y", "(Reporting by X in Bamako; Writing by Y)"
_CREDIT_REPORTING = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|translated|translation)\s+by\b[^()]{2,300}\)?\.?$",
    re.I,
)
# a line that is only agency names (search.newsroom's, any case): "(AFP, Reuters)", "AFP/Reuters", "Source: UPI"
_AGENCY = agency_pattern()
# a broadcaster crediting an agency's copy, "(CBS/AP)", "(CNN, Reuters)": a credit too, but only
# beside an agency ("CBS" alone is no credit line). "(CBS/AP)" stayed as the article's first paragraph
_BROADCASTERS = ("CBS News", "NBC News", "ABC News", "CBC News", "Fox News", "CBS", "NBC", "ABC", "CNN", "BBC", "CBC")
_BROADCASTER = agency_pattern(_BROADCASTERS)
_JOIN = r"\s*(?:,|/|and|&)\s*"
_AGENCY_ALONE = re.compile(rf"{_AGENCY}$", re.I)
_CREDIT_AGENCIES = re.compile(rf"^(?:(?:source|sources|with|credit)\s*:\s*)?\(?(?:{_AGENCY}|{_BROADCASTER}(?={_JOIN}{_AGENCY}))"
                              rf"(?:{_JOIN}{_AGENCY})*\)?\.?$", re.I)


EARLIEST = date(1800, 1, 1)


def plausible_date(d: date | None) -> date | None:
    """`d` if it can be a publication date, else None: one after tomorrow is a placeholder
    (2999-01-01 would sort first for ever, in the year facet too), one before 1800 a typo.
    Every reader's dates pass here (JSON Lines, HTML meta tags, text date lines, WARC-Date)."""
    return d if d is not None and EARLIEST <= d <= date.today() + timedelta(days=1) else None


def parse_date(text: str) -> date | None:
    """First explicit date in text (month names or ISO); None when absent, invalid or not
    plausible_date."""
    return plausible_date(_calendar_date(text))


def _calendar_date(text: str) -> date | None:
    """First explicit date in text (month names or ISO); None when absent or invalid."""
    m = _DATE.search(text)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), MONTH_NUMBERS[g["m1"].lower().rstrip(".")], int(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), MONTH_NUMBERS[g["m2"].lower().rstrip(".")], int(g["d2"]))
        return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except (ValueError, KeyError):
        return None


def split_date_prefix(line: str) -> tuple[str, date | None, str]:
    """(prefix, date, rest) for " date 2020-08-28 text..."; prefix "" when there is none."""
    m = _DATE_PREFIX.match(line)
    if not m:
        return "", None, line
    d = _calendar_date(m.group("date"))
    if d is None:
        return "", None, line
    return m.group(0).strip(), plausible_date(d), line[m.end():]  # a placeholder date is lifted, not kept


_LABEL = re.compile(r"\s+(?:topics?|tags?|categor(?:y|ies)|filed\s+under|posted\s+in)\s*:", re.I)
# a byline's tail after a spaced dash that holds a figure, no part of the name when it is a date, a time
# or a count of comments: "Written By: Jason Shafrin - Nov• 06•12" (healthcare-economist.com), "Written
# by Guest Contributor - 6 Comments", "By John Smith – 2 hours ago". Any other tail is the line's words:
# "By Land - 3 ways to travel" is a headline, its "Land" no author; an em dash alike ("By Jane Doe —
# Last updated 3:15 pm" was no byline, the line left in the text)
_FIGURES_AFTER_DASH = re.compile(r"\s+(?P<dash>[-–—])\s+(?=[^-–—]*\d)(?P<tail>.*)$")
_STAMP_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday "
    "wednesday thursday friday saturday sunday st nd rd th at on am pm a p m ago just now today yesterday "
    "sec secs second seconds min mins minute minutes hr hrs hour hours day days week weeks month months "
    "year years comment comments response responses reply replies leave no one last updated posted published".split()
    + _ZONES.lower().split("|"))


def _stamp_tail(m: re.Match) -> bool:
    """Whether a byline's tail after a dash (_FIGURES_AFTER_DASH) is a date, a time or a count of
    comments, each of its words one of a stamp's."""
    return all(w in _STAMP_WORDS for w in re.findall(r"[^\W\d_]+", m.group("tail").lower()))


# the words of a stamp left after a dash once the byline rule has read its time or date apart: "By Jane
# Doe - Updated 3:15 pm" (the rule's _TIME reads "3:15 pm") gave the author "Jane Doe - Updated"
_WORDS_AFTER_DASH = re.compile(r"\s+(?P<dash>[-–—])\s+(?P<tail>[^\W\d_][^-–—\d]*)$")


def _cut_stamp_tail(words: str) -> str:
    """A byline's words without the stamp after a dash (_FIGURES_AFTER_DASH, _WORDS_AFTER_DASH)."""
    cut = _FIGURES_AFTER_DASH.sub(lambda m: "" if _stamp_tail(m) else m.group(), words)
    return _WORDS_AFTER_DASH.sub(lambda m: "" if _stamp_tail(m) else m.group(), cut)
# a note in brackets after a name, no part of it: "By: Daniel Horowitz (Diary)" (redstate.com's
# label of a reader's post), "By CHRISTINA NG (@ChristinaNg27) and DAN HARRIS (@danbharris)"
_BRACKETS_AFTER_NAME = re.compile(r"(?<=\S)\s*\([^()]*\)")
# ... and what a byline's name runs into after it, no part of the name either: a comment count, with or
# without a dash or a dot before it ("Amy Locurto · 2 Comments", "Todd Bishop 1 Comment", "Nickel - Leave a
# Comment", "Cory Gunther Discuss (0)", its count gone with the brackets' notes), a count alone ("Sam
# Laird 0", mashable.com's shares), a time or a date the line's date did not read ("Philip Proefrock on 24/10/12", "Sky Friedlander. Posted on 3:30 pm"),
# or the dash before the date it did read ("by Lee Hutchinson - Nov 9, 2012 5:30 pm UTC" gave "Lee
# Hutchinson -"). Cut from a byline's author once it is read as one, so that no line becomes one by it
_AUTHOR_TAIL = re.compile(
    r"\s+(?:[-·|]\s*)?(?:(?:\d+|no|one|leave\s+a)\s+comments?|discuss|\d+)$"
    r"|(?:\.\s+posted)?\s+on\s+\d.*$|\s+-$", re.I)


def name_alone(author: str | None) -> str | None:
    """A byline's author without the count or date it runs into (_AUTHOR_TAIL), the agency it signs
    for (_AGENCY_SIGNED, _SIGNED_BEFORE_NAME: the page's credit) nor the writer's role after it
    (_ROLE_AFTER_NAME); None for a placeholder (names_no_one: "by Guest Author", "Posted by admin", "By
    Staff Writer, AP"), a template's, no writer's, and for an agency alone ("By AP", "By The Associated
    Press", "By CNN Staff": _BY_AGENCIES, the page's credit)."""
    name = _AGENCY_SIGNED.sub("", _AUTHOR_TAIL.sub("", author)).strip(" ,|") if author else ""
    name = _SIGNED_BEFORE_NAME.sub("", name)
    name = _ROLE_AFTER_NAME.sub(lambda m: "" if names_no_one(m.group("role")) else m.group(), name)
    return name if name and not (names_no_one(name) or names_agencies(name) or names_a_company(name)) else None


# the writer's role after the name, a newsroom's words alone (names_no_one) after a comma, a spaced dash
# or a slash: "By Jane Doe, Staff Writer", "By Jean-Paul Sartre - Staff writer", "By Bill McKenzie /
# Editorial Columnist" (the author had kept the role, the author facet holding "Jane Doe" and "Jane Doe,
# Staff Writer" apart)
_ROLE_AFTER_NAME = re.compile(r"(?:\s*[,/]|\s+[-–—])\s*(?P<role>[^,/\-–—]+)$")


# the writer's role before a colon, no part of the name: "Published by Staff Writer: Amanda Hart"
# (the author had been "Staff Writer: Amanda Hart")
_ROLE_BEFORE_NAME = re.compile(
    r"^(?:(?:staff|senior|chief|contributing|guest|special)\s+)?"
    r"(?:writer|reporter|editor|correspondent|columnist|contributor|author)\s*:\s*", re.I)
# a link to the comments after the name: "06 November 2012 by Cory Gunther Discuss (0)"
# (androidcommunity.com), "by Jane Doe Comments (12)"
_COMMENTS_LINK = re.compile(r"\s+(?:discuss|comments?|responses?|replies)\s*\(\d+\)$", re.I)


# lower-case words a byline's name part may hold: particles of names and the writer's role
# ("By Ana de la Cruz", "By John Smith, staff writer", "By Jane Doe for The Guardian")
_BYLINE_LOWER = frozenset(
    "and de la le les du des van von der den da das dos di del della bin bint ibn al el y e of the for in "
    "staff writer writers reporter reporters correspondent correspondents editor editors contributor "
    "contributing columnist senior special political chief bureau news team desk wire service services "
    "agency agencies with from posted on at am pm".split())


# the words of an author field a page template filled with no one's name: sciencemag.org's meta
# author "No Primary Author", electronista.com's "author", "Anonymous", "admin"; and a newsroom's words
# with no name (search.newsroom), a byline's as much as "Staff Writer" ("By Staff Reporter", "By Our
# Special Correspondent", "By News Desk")
_NO_ONE = frozenset("no none null n/a na unknown anonymous anon author authors primary admin administrator "
                    "webmaster user default guest name by".split()) | NEWSROOM_WORDS


def names_no_one(author: str) -> bool:
    """True for an author that is a placeholder, each of its words a role or "no one": the
    page's metadata named no writer. An organisation's staff ("NFL.com Staff") names one."""
    words = re.findall(r"[\w/]+", re.sub(r"\s*[;/]\s*", "/", author.lower()))  # trafilatura gives "N/A" as "N; A"
    return bool(words) and all(w in _NO_ONE for w in words)


def without_roles(author: str) -> str:
    """A meta author without the parts that are a newsroom's words alone (names_no_one): trafilatura gives
    the meta author "Jane Doe, Staff Writer" as "Jane Doe; Staff Writer", which stood as the author (and the
    author facet held "Jane Doe" apart), where a byline's "By Jane Doe, Staff Writer" gives "Jane Doe"."""
    return "; ".join(p for p in author.split("; ") if not names_no_one(p)) or author


# a company's legal form, the last word of its name: "Design Ltd", "Acme Inc.", "Example Media LLC"
_COMPANY_FORMS = frozenset("ltd limited inc incorporated llc llp plc corp corporation gmbh pty".split())
# a writer and what follows, a company the writer signs with: "Jane Doe, Acme Inc.", "Jane Doe / Acme Corp",
# "Jane Doe; Acme Media LLC" (a meta author, as trafilatura joins its parts); but a comma before the form
# alone is the company's ("Acme Widgets, Inc.", trafilatura's "Acme Widgets; Inc"), and an "and" is in many
# a company's name ("Standard and Poor's Corp.", "Alex. Brown and Sons Inc.")
_SIGNS_WITH = re.compile(r"[,;/]")
_FORM_AFTER_COMMA = re.compile(r"[,;]\s*[^\W\d_]+\.?\s*$")


def names_a_company(author: str) -> bool:
    """True for an author that is a company's name by its legal form ("Copyright 2012 By Design Ltd" read as a
    byline or a meta author gave the author "Design Ltd"): a company writes no article, its name no writer's.
    A writer signing with the company ("By Jane Doe, Smith Consulting LLC", "By John Smith, CEO of Acme Inc.")
    is no company: the page had lost its writer."""
    words = re.findall(r"[^\W\d_]+", author.lower())
    if len(words) < 2 or words[-1] not in _COMPANY_FORMS:
        return False
    return not _SIGNS_WITH.search(_FORM_AFTER_COMMA.sub("", author))


def _sentence_after_by(author: str) -> bool:
    """"By June, the deficit had doubled.", "By Christmas the shelves were empty.": a sentence
    opening with "By" and a capitalised word, whose words after it are no name or role. It was
    taken for a byline: the line removed from the text, its words made the author."""
    words = re.findall(r"[^\W\d_][\w'’-]*", author)
    return sum(w.islower() and w not in _BYLINE_LOWER for w in words) >= 2


# a heading that opens with "By", no byline: a list's sort or grouping key ("By Category |", "By State",
# "By Year") or "The" and one word ("By The Numbers", "By The Book"), read with no date; their words
# had left the text and become the author ("The Numbers"). A name after "The" is an agency's of more
# words ("By The Associated Press"), a newsroom's ("By The Editors") or a newspaper's ("By The Guardian")
_SORT_KEYS = frozenset("category topic subject section tag type date month year state country region city county "
                       "location district sector industry department".split())
_PAPER_NOUNS = frozenset("times post journal herald tribune gazette chronicle observer guardian telegraph independent "
                         "economist examiner inquirer courier star sun mirror express globe mail press record register "
                         "dispatch sentinel standard bulletin".split())
# a link to a file after the words, no writer's note: "By State (PDF)", "By Region [PDF, 1.2 MB]"
_FILE_LINK = re.compile(r"[(\[]\s*(?:pdf|docx?|xlsx?|pptx?|csv|rtf|txt|zip|epub|odt|mp3|mp4)\b[^()\[\]]*[)\]]", re.I)


def _heading_after_by(author: str, site: frozenset[str] = frozenset()) -> bool:
    """Whether a byline's undated name is a heading's words (_SORT_KEYS, "The" and one word). The
    keys may be joined or followed by a colon's or a figure's words: "By Country and Region", "By
    Region: Europe", "By State, 2012" were bylines ("Country and Region", "Region: Europe", "State").
    "The" and an agency ("By The AP") or the page's own name (`site`, squashed: "By The Verge" on
    theverge.com) is a newsroom's byline."""
    words = author.lower().split()
    if len(words) == 2 and words[0] == "the":
        named = squashed(author)
        return not (words[1] in _PAPER_NOUNS or words[1] in _BYLINE_LOWER or _AGENCY_ALONE.match(words[1])
                    or named in site or named.removeprefix("the") in site)
    keys = re.findall(r"[^\W\d_]+", author.lower().partition(":")[0])
    return bool(keys) and keys[0] in _SORT_KEYS and all(w in _SORT_KEYS or w in ("and", "or") for w in keys)


# "by" again after a comma or a conjunction: "By Land and By Sea", "By Hook or By Crook", "By Air, By
# Sea" are a phrase's words, no writers' (a byline joins names, not "by"s): the heading had left the
# text, its author "Land and By Sea". A credit after a name ("By Jane Doe, Photos by John Smith") is not this
_BY_AGAIN = re.compile(r"(?:,|&|\band\b|\bor\b)\s*by\b", re.I)


# where a byline's names part: "Jane Doe and John Smith", "Jane Doe, John Smith & Ann Lee"
_BETWEEN_NAMES = re.compile(r"\s*(?:,|&|\band\b)\s*", re.I)


def _too_many_words(author: str) -> bool:
    """Whether a byline's name part has more words than six, a name's most ("By Friday, Smith
    and Jones had agreed" is a sentence). "and" between two writers is no name's word ("NBC
    News' Akbar Shinwari and Amna Nawaz") when each name is four words at most: a headline in
    capitals, "By Friday and Saturday All Tickets Were Gone", names no writer after its "and"."""
    names = [n.split() for n in _BETWEEN_NAMES.split(author)]
    if all(len(n) <= 4 for n in names):
        return sum(map(len, names)) > 6
    return len(author.split()) > 6


def _name_part(words: str) -> str:
    """The name in a byline's words after "by", its labels, figures and comments link cut off
    (both bylines, "By Jane Doe ..." and "April 6, 2007 by Jane Doe ...", are read so). Cut
    before the line is judged a name, where name_alone's tails are cut after: left on, a stamp
    made "Bhaskar Janakiraman - Friday, October 26, 2012 at 5:15:00 PM" too many words for one."""
    named = _cut_stamp_tail(_LABEL.split(_ROLE_BEFORE_NAME.sub("", words))[0]).strip(" ,|")
    return _COMMENTS_LINK.sub("", named)


def site_names(names: Iterable[str | None]) -> frozenset[str]:
    """The names a page goes by (its og:site_name, its host's labels: "The Verge", "theverge"), each
    lower case with no spaces nor punctuation, for parse_byline's `site`."""
    return frozenset(filter(None, (squashed(n) for n in names if n)))


_NOT_LETTERS = re.compile(r"[\W_]+")


def squashed(name: str) -> str:
    """A name in lower case with no spaces nor punctuation ("The Verge", "theverge.com" are "theverge",
    "thevergecom"): a site's name as its byline, its meta author or its host's labels write it."""
    return _NOT_LETTERS.sub("", name.lower())


def parse_byline(line: str, site: frozenset[str] = frozenset()) -> tuple[str | None, date | None] | None:
    """(author, date) when the whole line is a byline or a dateline stamp, else None. `site`: the
    names the page goes by, squashed (site_names), which a byline may sign ("By The Onion")."""
    s = line.strip()
    if len(s) > 120 or _FILE_LINK.search(s):
        return None
    # an en or em dash before a stamp reads as a hyphen's: "By John Smith – 2 hours ago" was no byline; before
    # the writer's role alike ("By Jane Doe – Staff Writer", cut as "By Jane Doe - Staff Writer" is)
    s = _FIGURES_AFTER_DASH.sub(lambda m: " - " + m.group("tail") if m.group("dash") in "–—" and _stamp_tail(m)
                                else m.group(), s)
    s = _WORDS_AFTER_DASH.sub(lambda m: " - " + m.group("tail") if m.group("dash") in "–—"
                              and names_no_one(m.group("tail")) else m.group(), s)
    m = _BYLINE.match(s)
    if m and (m.group("date") or m.group("author")):
        # a byline block run together with the post's labels: "Written by Tim Ferriss Topics:
        # Entrepreneurship"
        named = _name_part(m.group("author") or "")
        author = _BRACKETS_AFTER_NAME.sub("", named) or None
        # the words in brackets are read for a sentence's too: "By Friday (they said it would rain) Smith left."
        if author and (_too_many_words(author) or not (author[0].isupper() or m.group("date"))
                       or _sentence_after_by(named) or _BY_AGAIN.search(named)
                       or not m.group("date") and _heading_after_by(author, site)):
            return None  # "by the way the ministry said ..." is a sentence, not a byline
        return name_alone(author), parse_date(m.group("date")) if m.group("date") else None
    m = _POSTED_ON.match(s)
    if m:
        author = _BRACKETS_AFTER_NAME.sub("", _name_part(m.group("author") or "")).strip()
        return name_alone(author), parse_date(m.group("date"))
    return None


def parse_date_stamp(line: str) -> date | None:
    """Date of a short stamp line near a headline ("Updated July 23, 2012, 10:49 p.m. ET",
    "24 July 2012 Last updated at 07:12 ET"); None for anything sentence-like."""
    s = line.strip()
    if len(s.split()) > 12 or s.endswith((".", "?", "!")) and not s.endswith(("a.m.", "p.m.")):
        return None
    return parse_date(s)


def find_dateline(paragraph: str) -> str | None:
    """"ABUJA, Nigeria" for "ABUJA, Nigeria – Leaders of ..."; None when the paragraph has none."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    rest = paragraph[m.end():]
    if not any(c.islower() for c in rest):
        return None  # a headline in capitals: "CORRECTED - BANKAMERICA NEGOTIATING SALE OF UNITS"
    dl = m.group("dl").strip()
    # the city must be written in capitals (AP/Reuters style) and be more than an acronym: the
    # credit's letters before it are not the city's ("(AP) OK - " is no dateline), nor is a
    # writer's shorthand ("AFAIK – I'm not aware of ...", "UPDATE - ") or an editor's label, first or
    # not ("EDITOR'S NOTE — This is the first of a series", which AP sets above its dateline)
    city = dl[len(m.group("credit") or ""):].split(",")[0]
    if sum(c.isalpha() for c in city) < 3 or any(w.strip(".") in _NO_PLACE for w in city.split()):
        return None
    return dl


# words in capitals that open a sentence before a dash and are no place
_NO_PLACE = frozenset("OK OKAY FYI AFAIK IMHO IMO BTW LOL NB PS NOTE UPDATE UPDATED EDIT CORRECTION CORRECTED "
                      "CLARIFICATION ADVISORY EXCLUSIVE ANALYSIS FACTBOX INTERVIEW COMMENTARY OPINION".split())


# such a company's name alone, bare: "Dow Jones", "BLOOMBERG."
_COMPANY_ALONE = re.compile(rf"{agency_pattern(COMPANY_AGENCIES)}\.?", re.I)
# bare agencies, and the same with each short name in its own spelling or capitals ("AP", "dpa"; not "ap")
_AGENCIES_BARE = re.compile(rf"{_AGENCY}(?:{_JOIN}{_AGENCY})*\.?", re.I)
_AGENCY_WRITTEN = written_agency_pattern()
_AGENCIES_BARE_WRITTEN = re.compile(rf"{_AGENCY_WRITTEN}(?:{_JOIN}{_AGENCY_WRITTEN})*\.?", re.I)


def is_credit(line: str, at_edge: bool = True) -> bool:
    """True for agency credit lines: editor initials + agencies, "Reporting by ...", bare agencies.
    `at_edge`: the line opens or ends the text beside its prose; a company that is a news service
    too, its name alone and bare ("Bloomberg", "Dow Jones"), is a credit there only, elsewhere a
    table's or a list's line, and so is a short agency's name bare in another case than its own ("ap",
    "Pti": a word, an abbreviation in a list; German copy writes "ap" for a credit at the end)."""
    s = line.strip()
    if not s or len(s) > 300:
        return False
    if not at_edge and (_COMPANY_ALONE.fullmatch(s) or _AGENCIES_BARE.fullmatch(s)
                        and not _AGENCIES_BARE_WRITTEN.fullmatch(s)):
        return False
    if _CREDIT_INITIALS.match(s) or _CREDIT_AGENCIES.match(s):
        return True
    if _CREDIT_REPORTING.match(s):
        # names, not prose: "Reporting by phone is hard, he said." is a sentence
        words = [w for w in re.findall(r"[^\W\d_][\w'.-]*", s) if w.lower() not in _CREDIT_GLUE]
        return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.75
    return False


_CREDIT_GLUE = {
    "reporting", "additional", "writing", "editing", "compiled", "compiling", "translated",
    "translation", "by", "and", "in", "at", "from", "with", "the", "of", "de", "van", "von", "al", "el",
}


_BRACKETED = re.compile(r"\([^()]*\)")
# the agency a byline's writer signs for after a comma, no part of the name: "By John Smith, UPI", "By
# Jane Doe, Reuters | March 3, 2012" (the author had been "John Smith, UPI"), before the byline's date
# however it is set off ("- March 3, 2012", "on March 3, 2012": the byline rule reads that date apart);
# with the writer's role after it ("By Josh Boak, AP Economics Writer") or, for a name of words, no comma
# before it ("By DANICA KIRKA Associated Press", abcnews.go.com's wire stories): the author had kept them.
# A broadcaster after a comma alike, as its staff is the credit (_AGENCIES_ALONE): "By Josh Levs, CNN",
# "By Peter Hamby, CNN Political Reporter", "By Wes Oliver, NBC News contributor"
_SPACED_AGENCY = agency_pattern(tuple(n for n in AGENCY_NAMES if " " in n))
_AGENCY_SIGNED = re.compile(rf"(?:(?:\s*,\s*(?:the\s+)?|(?<![\s,])(?<!\bthe)\s+(?={_SPACED_AGENCY}))(?P<agency>{_AGENCY})\.?"
                            rf"|\s*,\s*(?P<broadcaster>{_BROADCASTER}))"
                            rf"(?:\s+(?:[^\W\d_]+\s+){{0,3}}(?:writer|correspondent|reporter|editor|contributor)s?|\s+staff)?"
                            rf"(?=\s*(?:$|[|,–—]|-\s|on\s+(?:[A-Za-z]+\.?\s+)?\d))", re.I)


# a byline naming agencies alone, no writer: "By AP", "By Reuters | March 3, 2012", "By The Associated Press";
# their staff too ("By Reuters Staff", "By AP Staff Writer"), as "By Staff Writer, AP" names no writer
_AGENCIES_NAMED = re.compile(rf"(?:the\s+)?{_AGENCY}(?:{_JOIN}(?:the\s+)?{_AGENCY})*\.?", re.I)
_STAFF = r"\s+staff(?:ers?)?(?:\s+(?:writer|reporter)s?)?"
# ... and a broadcaster's staff, who sign its wire copy as an agency's do ("By CNN Staff", "The CNN Wire
# Staff"); a broadcaster's name alone is no credit ("By CBS" may be a show's), and a site's own staff ("By
# NFL.com Staff") names its newsroom, the author (names_no_one)
_AGENCIES_ALONE = re.compile(rf"(?:(?P<agency>{_AGENCIES_NAMED.pattern})(?:{_STAFF})?"
                             rf"|(?:the\s+)?(?P<broadcaster>{_BROADCASTER})(?:\s+wire)?{_STAFF})", re.I)
_BY_PREFIX = re.compile(r"^\s*(?:(?:posted|written|published)\s+)?by\s*:?\s*", re.I)
_BY_AGENCIES = re.compile(rf"{_BY_PREFIX.pattern}{_AGENCIES_ALONE.pattern}"
                          rf"(?=\s*(?:$|[|,–—(]|-\s|(?:on|at)\s|\d))", re.I)


# the agency (or the broadcaster) and its staff before the writer's name, no part of it: "By AP Staff Writer
# Jane Doe", "By Reuters Staffer Jane Doe", "By AP Economics Writer Josh Boak" (the author had kept them all
# and the page had no credit), as _AGENCY_SIGNED reads them after the name
_SIGNED_BEFORE_NAME = re.compile(rf"^(?:the\s+)?(?:(?P<agency>{_AGENCY})\.?|(?P<broadcaster>{_BROADCASTER})(?:\s+wire)?)"
                                 rf"(?:{_STAFF}|\s+(?:[^\W\d_]+\s+){{0,2}}(?:writer|correspondent|reporter))"
                                 rf"\s+(?=(?-i:[A-Z]))", re.I)


def names_agencies(author: str) -> bool:
    """True for an author that is agencies alone ("AP", "THE ASSOCIATED PRESS", "Reuters") or their staff
    ("Reuters Staff"): a meta tag's or a byline's credit, no writer."""
    return agencies_named(author) is not None


def agencies_named(author: str) -> str | None:
    """The agencies an author names alone, for the page's credit ("Reuters Staff": "Reuters"), or None."""
    m = _AGENCIES_ALONE.fullmatch(author.strip())
    return _signer(m) if m else None


def _signer(m: re.Match) -> str:
    """The agency or the broadcaster a match of _AGENCIES_ALONE, _AGENCY_SIGNED or _SIGNED_BEFORE_NAME names,
    a broadcaster as it writes itself ("The Cnn Wire Staff": "CNN")."""
    if broadcaster := m.groupdict().get("broadcaster"):
        return next(n for n in _BROADCASTERS if n.lower() == broadcaster.lower())
    return m.group("agency").rstrip(".")


def byline_credit(line: str) -> str | None:
    """The agencies a byline or a date stamp names in brackets ("By John Smith (AP)": "(AP)";
    "LONDON July 24, 2012 (AP)"), or else the one a byline's writer signs for ("By John Smith, UPI":
    "UPI"), or the agencies a byline names alone ("By AP": "AP"), for the page's credit: the author
    leaves a note in brackets out (13699d5), and the agency had been in the author alone ("John Smith
    (AP)", "John Smith, UPI", "AP"). The one signed for before a count, as _name_alone reads it ("By Josh
    Levs, CNN 3 comments", "By Jane Doe, CBS 4"): the author had lost it and the page had no credit."""
    bracketed = "; ".join(m.group(0) for m in _BRACKETED.finditer(line) if _CREDIT_AGENCIES.match(m.group(0)))
    signed = (_BY_AGENCIES.match(line) or _AGENCY_SIGNED.search(line) or _AGENCY_SIGNED.search(_AUTHOR_TAIL.sub("", line))
              or _SIGNED_BEFORE_NAME.match(_BY_PREFIX.sub("", line, count=1)))
    return bracketed or (_signer(signed) if signed else None)

"""The news agencies and a newsroom's words, one vocabulary for the cleaner and the entity rules.

The cleaner reads a line of agencies alone as a credit ("(AFP, Reuters)", "Source: UPI") and a byline
of a newsroom's words alone as naming no writer ("By Staff Reporter"); the entity rules read the name
before an agency on a credit line ("Maria Lopez, EFE") or before a dateline as a reporter's, and no
name of a newsroom's words as a person's ("Tokyo Newsroom, Reuters"). Each layer kept its own list,
and they drifted: the cleaner's had no UPI nor 1987's "Reuter", the entity rules' credit no EFE, ANSA,
TASS or Kyodo. One list here; each layer keeps its own test's meaning. The month names of a
dateline, a notice or a date alike, and their numbers.
"""
from __future__ import annotations

import re

# each agency with the spellings wires and pages print it in: the 1987 wire signed "Reuter"
# (Reuters-21578's "By Patti Domm, Reuter"), TASS wrote itself "Tass" in English copy
AGENCIES: tuple[tuple[str, ...], ...] = (
    ("Reuters", "Reuter"),
    ("AP", "Associated Press"),
    ("AFP", "Agence France-Presse"),
    ("UPI", "United Press International"),
    ("TASS", "Tass"),
    ("RIA Novosti",),
    ("Kyodo",),
    ("Xinhua",),
    ("EFE",),
    ("ANSA",),
    ("dpa",),
    ("epd",),
    ("KNA",),
    ("IANS",),
    ("PTI",),
    ("Bloomberg",),
    ("Dow Jones",),
    ("Knight-Ridder",),
)
AGENCY_NAMES: tuple[str, ...] = tuple(name for spellings in AGENCIES for name in spellings)
# the services that are companies too, whose name a market table or a list writes on a line alone
# ("Dow Jones" among indexes, "Bloomberg" among data vendors): no credit line there
COMPANY_AGENCIES: tuple[str, ...] = ("Bloomberg", "Dow Jones", "Knight-Ridder")


def agency_pattern(names: tuple[str, ...] = AGENCY_NAMES) -> str:
    """A regular expression's group matching any of `names`, the longest first ("Reuters" before
    "Reuter"), for a layer to build its own lines around."""
    return "(?:%s)" % "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def written_agency_pattern(names: tuple[str, ...] = AGENCY_NAMES) -> str:
    """agency_pattern's, for a layer that reads names in any case (re.I), each short one (an acronym of four
    letters at most: "AP", "PTI", "dpa") held to its own spelling or capitals: "ap", "Pti" are words or a
    list's abbreviations, no agency's."""
    def written(name: str) -> str:
        if len(name) > 4 or " " in name:
            return re.escape(name)
        return "(?-i:%s)" % "|".join(re.escape(n) for n in dict.fromkeys((name, name.upper())))
    return "(?:%s)" % "|".join(written(n) for n in sorted(names, key=len, reverse=True))


# a month's name or its abbreviation, as a dateline ("ROSEMONT, ILL., March 6") or a copyright notice
# ("Copyright (c) August 2012") writes it; in any case: wire datelines write "MARCH 12", "APril 7",
# "OCt 20" too (138 of 19,043 Reuters stories). The entity rules' datelines and the cleaner's notices
# each wrote its own
MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[A-Za-z]*\.?"
# ... and exactly, each name whole or its short form ("March", "Mar.", "Sept"; not "Marching"), for a date
# read to its day: the cleaner's dates ("April 11, 2021", "11 April 2021"), datelines and bylines, and a
# date typed in a query ("coup August 2020 TO April 2021"), each under re.I; with each name's number
MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
              r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}


# a newsroom's words, in lower case: its roles and its units, which name no writer alone ("By Staff
# Reporter", "By Our Special Correspondent", "By News Desk", "Staff Photo") and are no person's name's
# words in a byline's place ("Tokyo Newsroom, Reuters", "File Photo, Reuters")
NEWSROOM_WORDS: frozenset[str] = frozenset(
    "staff reporter reporters writer writers correspondent correspondents editor editors contributor contributors "
    "contributing columnist columnists senior special our editorial desk newsroom bureau photo photos photographer "
    "photographers picture pictures image images service services wire team agency agencies report reports "
    "news".split())

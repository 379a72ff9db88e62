"""One vocabulary of news agencies and newsroom words (search.newsroom), read by the cleaner and by the
entity rules: an agency or a placeholder one layer knew and the other did not is read by both."""
from __future__ import annotations

from search.clean import clean_text
from search.clean.meta import parse_byline
from search.entities.document import Span, postprocess


def _got(text: str, *items: tuple[str, str]) -> dict[str, set[str]]:
    """Mention texts -> types after the entity rules, on the NER's spans `items` (word, type)."""
    spans = [Span(text.index(w), text.index(w) + len(w), t, "ner") for w, t in items]
    out: dict[str, set[str]] = {}
    for m in postprocess(text, spans):
        out.setdefault(m["text"], set()).add(m["type"])
    return out


def test_a_credit_line_of_an_agency_only_the_entity_rules_knew_is_the_cleaners_credit():
    """The cleaner's credit lines knew no UPI, Kyodo nor Knight-Ridder (the entity rules' agencies): "(UPI)"
    stayed the story's first paragraph, and a byline's "(Kyodo)" was no credit."""
    story = "(UPI)\n\nWASHINGTON - The Senate passed the bill on Friday, officials said.\n\nMore followed."
    c = clean_text(story, title="Senate passes bill")
    assert c.credit == "(UPI)" and not c.text.startswith("(UPI)"), (c.credit, c.text[:40])
    c = clean_text("By Kenji Tanaka (Kyodo)\n\nTOKYO - Shares fell on Friday, traders said.\n\nMore followed.",
                   title="Shares fall")
    assert c.author == "Kenji Tanaka" and c.credit == "(Kyodo)", (c.author, c.credit)
    assert clean_text("Source: Knight-Ridder\n\nThe mill closed on Friday, its owner said.", title="Mill").credit
    # near miss: an agency's name in a sentence is the story's
    c = clean_text("UPI said on Friday it would cut jobs.\n\nMore followed.", title="UPI cuts jobs")
    assert c.credit is None and c.text.startswith("UPI said")


def test_a_newsroom_word_only_the_entity_rules_knew_names_no_writer_for_the_cleaner():
    """"By News Desk", "By Staff Photographer", "By Wire Service" named the cleaner's author (the entity
    rules' newsroom words, which the cleaner's placeholders lacked); a newsroom's own name stays one."""
    for line in ("By News Desk", "By Staff Photographer", "By Wire Service", "By Our Photo Desk"):
        assert parse_byline(line) == (None, None), line
    assert parse_byline("By NFL.com Staff") == ("NFL.com Staff", None)
    assert parse_byline("By Jane Desk") == ("Jane Desk", None)


def test_a_credit_line_of_an_agency_only_the_cleaner_knew_is_a_reporters_for_the_entity_rules():
    """The entity rules' credit lines knew no EFE, Kyodo, TASS or ANSA (the cleaner's agencies): the NER's
    organisation "Maria Lopez" of "Maria Lopez, EFE" stayed one, and a name it missed gave no mention."""
    for credit, typed in (("Maria Lopez, EFE", True), ("Kenji Tanaka, Kyodo", True), ("Ivan Petrov, Tass", False),
                          ("Paolo Rossi, ANSA", False)):
        name = credit.partition(",")[0]
        text = f"Storm hits coast\n\n{credit}\n\nA storm hit the coast on Friday, officials said.\n"
        got = _got(text, *([(name, "organization")] if typed else []))
        assert got.get(name) == {"person"}, (credit, got)


def test_a_newsroom_word_only_the_cleaner_knew_is_no_reporter_for_the_entity_rules():
    """"Contributing Columnist, AP" and "Senior Contributor, UPI" were persons on a credit line (the cleaner's
    placeholder words, which the entity rules' newsroom words lacked)."""
    for credit in ("Contributing Columnist, AP", "Senior Contributor, UPI"):
        text = f"Storm hits coast\n\n{credit}\n\nA storm hit the coast on Friday, officials said.\n"
        assert credit.partition(",")[0] not in _got(text), credit
    # near miss: a reporter's name on such a line is a person
    text = "Storm hits coast\n\nJim Young, UPI\n\nA storm hit the coast on Friday, officials said.\n"
    assert _got(text)["Jim Young"] == {"person"}


def test_each_agency_spelling_is_a_credit_line_for_the_cleaner_and_no_reporter_for_the_entity_rules():
    """Every agency of the one list is read by both layers: a line of it alone is a credit, and a byline
    of it alone before a dateline names no person."""
    from search.newsroom import AGENCY_NAMES  # the one list, new: the layers' tests above run on any release

    for name in AGENCY_NAMES:
        c = clean_text(f"({name})\n\nThe mill closed on Friday, its owner said.\n\nMore followed.", title="Mill")
        assert c.credit == f"({name})", name
        text = f"Mill closes\n\nBy {name}\n\nNEW YORK (Reuters) - The mill closed on Friday, its owner said."
        assert name not in _got(text, (name, "organization")) or _got(text, (name, "organization"))[name] != {"person"}, name


def test_a_market_report_s_dow_jones_heading_is_no_credit():
    """2200c68 gave the cleaner the entity rules' agencies, Dow Jones among them, and the cleaner takes a
    paragraph of agencies alone for the story's credit: a market report's "Dow Jones" heading its
    paragraph on the index became the credit "Dow Jones" and left the text."""
    story = ("Stocks rose on Friday as investors cheered earnings.\n\nDow Jones\n\nThe index gained 200 points, "
             "or 0.8 percent, to close at 26,000.\n\nNasdaq\n\nThe tech-heavy index rose 1.2 percent.")
    c = clean_text(story, title="Markets close higher")
    assert c.credit is None and "\n\nDow Jones\n\n" in c.text, (c.credit, c.text[:80])
    # near misses: the agency bracketed, after "Source:", or beside another agency is a credit
    for line in ("(Dow Jones)", "Source: Dow Jones", "Dow Jones/AP"):
        c = clean_text(f"The mill closed on Friday, its owner said.\n\n{line}", title="Mill")
        assert c.credit == line and line not in c.text, (line, c.credit)


def test_the_month_names_are_one_pattern_and_one_table_that_agree():
    """The cleaner kept its own month names (meta._MONTH_RE and the table _MONTHS giving each its number), beside
    newsroom.MONTH, and the query's typed dates read the cleaner's private pattern. One home now: each name
    the pattern reads has its number in the table, each name in the table is read, whole ("Marching" is no
    month), and the cleaner dates each name to its month."""
    import calendar
    import re
    from datetime import date

    from search.clean.meta import parse_date
    from search.newsroom import MONTH_NAME, MONTH_NUMBERS

    names = re.compile(MONTH_NAME, re.I)
    for number in range(1, 13):
        full, short = calendar.month_name[number], calendar.month_abbr[number]
        for name in (full, short, f"{short}.", full.upper()):
            assert names.fullmatch(name) and MONTH_NUMBERS[name.lower().rstrip(".")] == number, name
            assert parse_date(f"{name} 5, 2020") == date(2020, number, 5), name
    assert all(names.fullmatch(name) for name in MONTH_NUMBERS)
    assert MONTH_NUMBERS["sept"] == 9 and parse_date("5 Sept. 2020") == date(2020, 9, 5)
    assert not any(names.fullmatch(word) for word in ("Marching", "Mayday", "Junes", "Decade"))

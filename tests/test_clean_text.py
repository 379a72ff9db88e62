"""clean_text: paragraphs, hard-wrap joining, position rules, metadata hidden in text."""
from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from search.clean import clean_text
from search.clean.meta import find_dateline, is_credit, parse_byline, parse_date_stamp, site_names, split_date_prefix
from search.clean.text import paragraphs

ARTICLE = [
    "Soldiers took control of the largest military base in Kati on Tuesday, witnesses said.",
    "The junta leader met with senior officials and urged them to return to work immediately.",
    "Regional leaders have called for a swift return to civilian rule and fresh elections.",
]


def test_paragraphs_separated_by_blank_line():
    c = clean_text("Junta holds talks\n\n" + "\n\n".join(ARTICLE))
    assert c.title == "Junta holds talks"
    assert c.text == "\n\n".join(ARTICLE)


def test_hard_wrapped_newswire_joined_and_signature_stripped():
    raw = (
        "The Bank of Japan decided at a policy\n"
        "board meeting to promote further interest rate liberalisation\n"
        "by lowering the minimum denomination of regulation-free large\n"
        "deposits, a central bank official said.\n"
        "    The new guideline will go into effect on April 6, the bank\n"
        "said, adding that demand deposit rates will remain the same.\n"
        " REUTER"
    )
    c = clean_text(raw)
    paras = c.text.split("\n\n")
    assert len(paras) == 2
    assert paras[0].startswith("The Bank of Japan decided at a policy board meeting")
    assert paras[1].endswith("will remain the same.")
    assert "REUTER" not in c.text
    assert {"text": "REUTER", "reason": "agency signature"} in c.removed


def test_a_wire_story_whose_first_line_was_cut_short_is_one_paragraph():
    """Reuters bodies lost their dateline ("WASHINGTON, March 30 - ") from the first line, which
    then ended a paragraph of its own: "The U.S. Environmental Protection" / "Agency said..." in
    3,012 of 19,043 stories (QA), and names ran across the break ("Akio" / "Morita")."""
    body = ("The U.S. Environmental Protection\nAgency said it denied a request by Wheeling-Pittsburgh Steel\n"
            "Corp that it be allowed to continue to operate the Follansbee,\nW. Va., sinter plant while "
            "court-ordered pollution controls are\ninstalled.\n    The agency said the plant must close.\n Reuter")
    c = clean_text("EPA DENIES WHEELING REQUEST\n\n" + body)
    assert c.title == "EPA DENIES WHEELING REQUEST"
    assert c.text.split("\n\n") == [
        "The U.S. Environmental Protection Agency said it denied a request by Wheeling-Pittsburgh Steel Corp that "
        "it be allowed to continue to operate the Follansbee, W. Va., sinter plant while court-ordered pollution "
        "controls are installed.", "The agency said the plant must close."]


@pytest.mark.parametrize("lead, rest", [
    ("Arvin Industries Inc said L.K.", "Evans has been elected president, succeeding James Baker who\nremains chairman."),
    ("Hybritech Inc said the U.S.", "Supreme Court denied a petition by Monoclonal Antibodies Inc asking\nthe court "
                                    "to review the validity of a Hybritech patent."),
    ("West German sugar statistician F.O.", "Licht estimates European beet plantings this year at 7.22 mln\n"
                                            "hectares compared with a revised 1986 figure."),
])
def test_initials_ending_a_wire_story_s_cut_first_line_end_no_sentence(lead, rest):
    """A cut first line ending in initials was a paragraph of its own, cutting a name or a
    sentence in two: "said L.K." / "Evans has been elected" (87 of 19,043 Reuters stories)."""
    c = clean_text(f"TITLE OF THE STORY\n\n{lead}\n{rest}\n    The company said more.\n Reuter")
    assert c.text.split("\n\n") == [f"{lead} {rest.replace(chr(10), ' ')}", "The company said more."]


@pytest.mark.parametrize("text, first", [
    # a text's first block: its short first line is the title
    ("Mali coup leader sworn in\nColonel Assimi Goita was sworn in as the transitional president of\nMali on "
     "Monday, officials in the capital Bamako said after the ceremony,\nwhich was attended by diplomats.",
     "Mali coup leader sworn in"),
    # a short line a sentence ends in ends its paragraph; two words are a subheading
    ("Title\n\nThe talks went on.\nColonel Assimi Goita was sworn in as the transitional president of\nMali "
     "on Monday, officials in the capital Bamako said after the ceremony.", "The talks went on."),
    ("Title\n\nReaction abroad\nColonel Assimi Goita was sworn in as the transitional president of\nMali on "
     "Monday, officials in the capital Bamako said after the ceremony.", "Reaction abroad"),
])
def test_a_short_line_that_is_no_cut_lead_still_ends_its_paragraph(text, first):
    assert first in paragraphs(text)


def test_reuters_word_inside_article_is_kept():
    c = clean_text("Oil prices rose on Monday, traders told Reuter correspondents in London.")
    assert "Reuter correspondents" in c.text
    assert not c.removed


def test_reuters_file_sample(shared_dir):
    with gzip.open(shared_dir / "data" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(next(fh)) for _ in range(50)]
    signed = 0
    for r in rows:
        c = clean_text(r["body"])
        assert c.text and "\n\n\n" not in c.text
        assert not c.text.rstrip().endswith(("Reuter", "REUTER"))
        signed += any(x["reason"] == "agency signature" for x in c.removed)
        # joined: no paragraph starts mid-sentence (the corpus cut some first lines itself)
        assert all(not p[:1].islower() for p in c.text.split("\n\n")[1:]), r["id"]
    assert signed >= 45


def test_subheadings_and_questions_in_body_kept():
    text = "\n\n".join(["Title of the story", ARTICLE[0], "TWO TURNS IN A YEAR", ARTICLE[1],
                        "What do we know so far?", ARTICLE[2]])
    c = clean_text(text)
    assert "TWO TURNS IN A YEAR" in c.text and "What do we know so far?" in c.text
    assert c.removed == []


def test_tail_lines_after_boilerplate_are_dropped_but_mid_article_short_lines_kept():
    text = "\n\n".join(["Mali junta talks", ARTICLE[0], "Analysis", ARTICLE[1], ARTICLE[2],
                        "You may also like", "Junta extends transition to 2026",
                        "Wagner fighters seen in Timbuktu", "Most popular"])
    c = clean_text(text)
    assert "Analysis" in c.text
    for line in ("You may also like", "Junta extends transition to 2026", "Wagner fighters seen in Timbuktu"):
        assert line not in c.text
    reasons = {r["text"]: r["reason"] for r in c.removed}
    assert reasons["You may also like"] == "related list"
    assert reasons["Junta extends transition to 2026"] == "after boilerplate (tail)"


def test_a_sentence_after_an_ad_label_is_kept_and_a_sentence_in_a_byline_s_place_too():
    """QA: a closing quote and a short last paragraph after "Advertisement" went as the tail
    ("after boilerplate (tail)"), and "By June, the deficit had doubled." near the top went
    as a byline, its words the author."""
    text = "\n\n".join(["Budget vote", ARTICLE[0], "By June, the deficit had doubled.", ARTICLE[1],
                        "Advertisement", "“We will not back down,” she said.", "The vote is on Friday.",
                        "Related coverage: budget talks resume"])
    c = clean_text(text)
    assert "By June, the deficit had doubled." in c.text and c.author is None
    assert c.text.endswith("“We will not back down,” she said.\n\nThe vote is on Friday.")
    assert {r["text"]: r["reason"] for r in c.removed} == {
        "Advertisement": "advertisement", "Related coverage: budget talks resume": "after boilerplate (tail)"}


def test_table_rows_after_a_tail_marker_are_kept():
    text = "\n\n".join(["Port report", *ARTICLE, "More", "North End:  13 hrs      15 hrs",
                        "South End:   4 hrs      26 hrs"])
    c = clean_text(text)
    assert "North End:  13 hrs      15 hrs" in c.text and "South End" in c.text


def test_short_last_sentence_without_boilerplate_is_kept():
    text = "\n\n".join(["Title here", *ARTICLE, "There is no more room for mistakes."])
    assert clean_text(text).text.endswith("There is no more room for mistakes.")


def test_near_miss_sentences_survive_the_whole_cleaner():
    lines = ["Coup talks", ARTICLE[0], "The protesters were told to leave a reply to the ministry by Friday.",
             "“Subscribe,” the presenter said, before the channel went dark.", ARTICLE[1]]
    c = clean_text("\n\n".join(lines))
    assert c.text == "\n\n".join(lines[1:])


def test_no_title_line_gives_display_title_from_first_sentence():
    c = clean_text(" date 2021-05-25 " + " ".join(ARTICLE) + "\n\n" + ARTICLE[1])
    assert c.published == date(2021, 5, 25)
    assert c.title.startswith("Soldiers took control of the largest military base")
    assert "2021" not in c.title
    assert c.text.startswith("Soldiers took control")


def test_byline_dateline_credit():
    text = "\n\n".join(["Russia And Mali Sign Deal", "By Jane Doe | March 3, 2021",
                        "BAMAKO, Mali – " + ARTICLE[0], ARTICLE[1],
                        "(Reporting by Tiemoko Diallo; Editing by Alex Richardson)"])
    c = clean_text(text)
    assert (c.author, c.published, c.dateline) == ("Jane Doe", date(2021, 3, 3), "BAMAKO, Mali")
    assert c.credit == "(Reporting by Tiemoko Diallo; Editing by Alex Richardson)"
    assert "Reporting by" not in c.text and "Jane Doe" not in c.text
    assert c.text.startswith("BAMAKO, Mali – Soldiers")


@pytest.mark.parametrize("line,expected", [
    (" date 2020-08-28 Malin the military", ("date 2020-08-28", date(2020, 8, 28), "Malin the military")),
    ("Updated: 5 June 2021 Rest of text", ("Updated: 5 June 2021", date(2021, 6, 5), "Rest of text")),
    ("Dated reports say 2020-08-28 was calm", ("", None, "Dated reports say 2020-08-28 was calm")),
    # QA: the time's zone, any two to four letters under re.I, took the article's "The"; a
    # stamp ending its line left its "AM" as the first paragraph
    ("Updated: April 11, 2021 10:30 AM The parliament voted",
     ("Updated: April 11, 2021 10:30 AM", date(2021, 4, 11), "The parliament voted")),
    ("Updated: April 11, 2021 10:30 AM", ("Updated: April 11, 2021 10:30 AM", date(2021, 4, 11), "")),
    ("Updated: April 11, 2021 10:30 GMT Rest", ("Updated: April 11, 2021 10:30 GMT", date(2021, 4, 11), "Rest")),
])
def test_date_prefix(line, expected):
    assert split_date_prefix(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("by on April 11, 2021", (None, date(2021, 4, 11))),
    ("Posted on April 11, 2021 by admin", (None, date(2021, 4, 11))),  # a placeholder, no writer
    ("By Jane Doe", ("Jane Doe", None)),
    ("Post written by Leo Babauta.", ("Leo Babauta", None)),
    ("Guest post by Jane Doe | April 11, 2021", ("Jane Doe", date(2021, 4, 11))),
    ("Post written by the board, the memo said", None),
    ("by the way, the ministry said nothing", None),
    ("By the end of April 11, 2021 the troops had left the base entirely.", None),
    # a blog post's footer: the author had been "James Hamilton at"
    ("Posted by James Hamilton at October 28, 2012 01:23 PM", ("James Hamilton", date(2012, 10, 28))),
    ("Posted by Kathy on April 6, 2007 | Permalink", ("Kathy", date(2007, 4, 6))),
    ("By Anna Hill at Reuters", ("Anna Hill at Reuters", None)),
    ("Posted by Dharmesh Shah on Tue, Oct 30, 2012", ("Dharmesh Shah", date(2012, 10, 30))),
    ("Written by Tim Ferriss Topics: Entrepreneurship", ("Tim Ferriss", None)),
    ("By John Sun, Oct 3, 2012", ("John Sun", date(2012, 10, 3))),
    # a sentence opening with "By" and a capitalised word (QA: the line went from the text, its
    # words became the author); a name's particles and the writer's role are no sentence
    ("By June, the deficit had doubled.", None),
    ("By Christmas the shelves were empty.", None),
    ("By Ana de la Cruz, staff writer", ("Ana de la Cruz", None)),
    ("By Jane Doe for The Guardian", ("Jane Doe for The Guardian", None)),
    ("By NBC News and wire services", ("NBC News and wire services", None)),
])
def test_byline(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("Article written by guest writer Kecia Lynn", "Kecia Lynn"),
    ("Written by guest author Jane Doe", "Jane Doe"),
    ("By guest blogger Jane Doe", "Jane Doe"),
    ("Post by guest contributor Jane Doe | April 11, 2021", "Jane Doe"),
])
def test_a_guest_writers_byline_is_read_without_the_role(line, expected):
    """bigthink.com's "Article written by guest writer Kecia Lynn" (5 Dragnet pages) was no
    byline: the line stayed as the article's first paragraph and the page had no author. The
    guest's role is not the name; a role alone ("by Guest Author") names no one
    (test_a_placeholder_in_a_byline_is_no_author)."""
    assert parse_byline(line)[0] == expected
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == expected and c.text.startswith(ARTICLE[0])
    assert {"text": line, "reason": "byline (author/published)"} in c.removed
    assert parse_byline("by Guest Author") == (None, None)
    assert parse_byline("by guest writers in the newsroom") is None


@pytest.mark.parametrize("line,expected", [
    ("By: Daniel Horowitz (Diary) | November 12th, 2012 at 01:43 PM |", ("Daniel Horowitz", date(2012, 11, 12))),
    ("by Gisela Telis on 26 October 2012, 4:24 PM |", ("Gisela Telis", date(2012, 10, 26))),
    ("By Joanna Fay Leis (@JoannaFayL)", ("Joanna Fay Leis", None)),
    ("By CHRISTINA NG (@ChristinaNg27) and DAN HARRIS (@danbharris)", ("CHRISTINA NG and DAN HARRIS", None)),
])
def test_a_byline_ending_in_a_bar_or_with_a_note_in_brackets_gives_the_name(line, expected):
    """redstate.com's "By: Daniel Horowitz (Diary) | November 12th, 2012 at 01:43 PM |" (3 Dragnet
    pages) was no byline for its last bar: the pages had no author. A note in brackets after a
    name is no part of it: the author had been "Joanna Fay Leis (@JoannaFayL)", and two names
    with their handles were eight words, too many for a byline."""
    assert parse_byline(line) == expected
    c = clean_text(f"The Art of Compromise\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.published) == expected and c.text.startswith(ARTICLE[0])
    assert parse_byline("By Friday (they said it would rain) Smith left.") is None  # a sentence still


@pytest.mark.parametrize("line,author,credit", [
    ("By Jane Doe (Reuters)", "Jane Doe", "(Reuters)"),
    ("By JOHN SMITH (AP) | March 3, 2012", "JOHN SMITH", "(AP)"),
    ("By John Smith (AP) and Jane Roe (AFP)", "John Smith and Jane Roe", "(AP); (AFP)"),
    ("By Daniel Horowitz (Diary)", "Daniel Horowitz", None),
])
def test_an_agency_in_brackets_in_a_byline_is_the_pages_credit(line, author, credit):
    """13699d5 took the notes in brackets out of the author: "By Jane Doe (Reuters)" gave "Jane
    Doe", and the agency, which had been in the author ("Jane Doe (Reuters)"), was nowhere but
    in the list of lines removed. It is the page's credit, as an agency's credit line is; a
    credit line saying it again is not said twice."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0])
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}\n\n(Reuters)")
    assert c.credit == "; ".join(dict.fromkeys(x for x in (credit, "(Reuters)") if x))


@pytest.mark.parametrize("line,author,credit", [
    ("By John Smith, UPI", "John Smith", "UPI"),
    ("By Jane Doe, Reuters | March 3, 2012", "Jane Doe", "Reuters"),
    ("BY PATTI DOMM, REUTER", "PATTI DOMM", "REUTER"),
    ("By Jane Doe and John Smith, Associated Press", "Jane Doe and John Smith", "Associated Press"),
    ("By Staff Writer, AP", None, "AP"),
    ("By John Smith, AP Business Writer", "John Smith", "AP"),
    ("By John Smith, Boston", "John Smith, Boston", None),
])
def test_the_agency_a_bylines_writer_signs_for_is_the_pages_credit(line, author, credit):
    """"By John Smith, UPI" gave the author "John Smith, UPI" and no credit: the agency after the comma is
    the one the writer signs for (search.newsroom's), the page's credit as in "By John Smith (UPI)". Other
    words after a comma stay the author's."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)


@pytest.mark.parametrize("line,expected", [
    ("Published by Staff Writer: Amanda Hart", ("Amanda Hart", None)),
    ("July 3, 2012 by Reporter: Jane Doe", ("Jane Doe", date(2012, 7, 3))),
    ("Published by Staff Writer:", (None, None)),
])
def test_a_writers_role_before_a_colon_is_no_part_of_the_name(line, expected):
    """"Published by Staff Writer: Amanda Hart" (a Dragnet page) gave the author "Staff Writer:
    Amanda Hart", and the line with the name missing the author "Staff Writer:"."""
    assert parse_byline(line) == expected
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.published) == expected and c.text.startswith(ARTICLE[0])
    assert parse_byline("By Jane Doe, Staff Writer") == ("Jane Doe", None)  # after the name: test_a_writers_role_after_the_name_is_no_part_of_it


@pytest.mark.parametrize("title", ["BYERS <BYRS> EXTENDS EXPIRATION OF WARRANTS", "BYRNE TO STAY AT TREASURY"])
def test_a_headline_whose_first_word_begins_with_by_is_no_byline(title):
    """Reuters-21578's "BYERS <BYRS> EXTENDS EXPIRATION OF WARRANTS" (story 10481) was read as a
    byline, "By" and the author "ERS <BYRS> EXTENDS EXPIRATION OF WARRANTS": the headline went
    from the story, its first sentence made its title, and "ERS ..." its author. "By" is a
    word of its own (or "By:"), not the start of one."""
    assert parse_byline(title) is None
    body = ("Byers Inc said it extended the expiration date of its class A warrants to June 11, from March 31.\n\n"
            "Byers said each class A warrant entitles the holder to buy one common share.")
    c = clean_text(f"{title}\n\n{body}")
    assert (c.title, c.author) == (title, None)
    assert parse_byline("By:Jane Doe") == ("Jane Doe", None)


@pytest.mark.parametrize("line,expected", [
    ("November 12th, 2012 @ 2:14pm (PT) by Rebecca Bollwitt", ("Rebecca Bollwitt", date(2012, 11, 12))),
    ("November 12th, 2012 @ 10:26am by Rebecca Bollwitt", ("Rebecca Bollwitt", date(2012, 11, 12))),
    ("Posted by Jane Doe on April 6, 2007 at 10:30 AM (PT)", ("Jane Doe", date(2007, 4, 6))),
    ("By Andrew Grush, August 09, 2012 @ 11:39am", ("Andrew Grush", date(2012, 8, 9))),
])
def test_a_bylines_time_after_an_at_sign_or_with_its_zone_in_brackets_is_read(line, expected):
    """miss604.com's "November 12th, 2012 @ 2:14pm (PT) by Rebecca Bollwitt" (2 Dragnet pages) was
    no byline, its time written after "@" and its zone in brackets: the pages had no author; and
    mobilemag.com's "By Andrew Grush, August 09, 2012 @ 11:39am" gave the author "Andrew
    Grush, August 09, 2012 @" and no date. "@" after a date with no year is not read (slashdot.org's
    "Posted by Unknown Lamer on Tuesday July 24, @07:29AM" would have the author "Unknown Lamer on
    Tuesday July 24")."""
    assert parse_byline(line) == expected
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.published) == expected and c.text.startswith(ARTICLE[0])
    assert parse_byline("Posted by Jane Doe on April 6, 2007 @ 10:30 (the mayor)") is None  # no zone in brackets
    assert parse_byline("Posted by Unknown Lamer on Tuesday July 24, @07:29AM") is None


@pytest.mark.parametrize("line,expected", [
    ("06 November 2012 by Cory Gunther Discuss (0)", ("Cory Gunther", date(2012, 11, 6))),
    ("November 6, 2012 by Jane Doe (Reuters)", ("Jane Doe", date(2012, 11, 6))),
    ("By Jane Doe Comments (12)", ("Jane Doe", None)),
])
def test_a_comments_link_or_a_note_after_the_name_of_a_dated_byline_is_no_part_of_it(line, expected):
    """androidcommunity.com's "06 November 2012 by Cory Gunther Discuss (0)" (6 Dragnet pages) gave
    the author "Cory Gunther Discuss (0)": a byline opening with its date kept all its words
    after "by", the link to the comments and a note in brackets too, which a byline opening with
    "By" had taken out (13699d5)."""
    assert parse_byline(line) == expected
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.published) == expected and c.text.startswith(ARTICLE[0])


@pytest.mark.parametrize("line,expected", [
    ("By: Deborah Shane on November 12th, 2012 at 5:30 am", ("Deborah Shane", date(2012, 11, 12))),
    ("by: Liz Thomas", ("Liz Thomas", None)),
    ("Written by: Dylan Bailey", ("Dylan Bailey", None)),
    ("Written By: Jason Shafrin - Nov\u2022 06\u202212", ("Jason Shafrin", None)),
    # the count cut, "Guest Contributor" is a placeholder, no writer (test_a_placeholder_in_a_byline_is_no_author)
    ("Written by Guest Contributor - 6 Comments", (None, None)),
    ("By Jean-Paul Sartre - Staff writer", ("Jean-Paul Sartre", None)),
    ("by: the way, the ministry said nothing", None),
])
def test_a_bylines_colon_and_figures_after_a_dash_are_no_part_of_the_name(line, expected):
    """A byline with a colon after "by" (news.com.au's "by: Liz Thomas", "Written by: Dylan Bailey")
    was no byline, its line left in the text or unread, and with a date after it
    (personalbrandingblog.com) its author was ": Deborah Shane"; the date after a spaced hyphen
    ("Jason Shafrin - Nov• 06•12", healthcare-economist.com) or a comment count is no name either."""
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("by Lee Hutchinson - Nov 9, 2012 5:30 pm UTC", ("Lee Hutchinson", date(2012, 11, 9))),
    ("By jbat - October 19, 2012", ("jbat", date(2012, 10, 19))),
    ("October 29, 2012 by Amy Locurto \u00b7 2 Comments", ("Amy Locurto", date(2012, 10, 29))),
    ("October 29, 2012 at 10:45 am by Todd Bishop 1 Comment", ("Todd Bishop", date(2012, 10, 29))),
    ("Written by Nickel - Leave a Comment", ("Nickel", None)),
    ("Written by Ed Avis - One Comment", ("Ed Avis", None)),
    ("06 November 2012 by Cory Gunther Discuss (0)", ("Cory Gunther", date(2012, 11, 6))),
    ("November 12, 2012 by Sam Laird 0", ("Sam Laird", date(2012, 11, 12))),
    ("Written by Philip Proefrock on 24/10/12", ("Philip Proefrock", None)),
    # near misses: a figure or a hyphen of the name itself
    ("By Food52", ("Food52", None)),
    ("By Mary Smith-Jones", ("Mary Smith-Jones", None)),
    ("Posted by Kathy on April 6, 2007 | Permalink", ("Kathy", date(2007, 4, 6))),
])
def test_a_bylines_comment_count_and_the_dash_before_its_date_are_no_part_of_the_name(line, expected):
    """Dragnet pages' bylines gave the authors "Lee Hutchinson -" (arstechnica.com: the dash before
    the date the line ends with), "Amy Locurto \u00b7 2 Comments", "Nickel - Leave a Comment" (e39f196
    cut "Nickel - 4 Comments" alone), "Cory Gunther Discuss (0)", "Sam Laird 0" (a count of shares) and
    "Philip Proefrock on 24/10/12": a byline's count and a date it did not read are no name."""
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("Updated July 23, 2012, 10:49 p.m. ET", date(2012, 7, 23)),
    ("24 July 2012 Last updated at 07:12 ET", date(2012, 7, 24)),
    ("The talks resumed on July 23, 2012.", None),
    ("Troops who arrived on 24 July 2012 were sent north to Gao and Timbuktu within weeks", None),
])
def test_date_stamp(line, expected):
    assert parse_date_stamp(line) == expected


@pytest.mark.parametrize("para,expected", [
    ("ABUJA, Nigeria – Leaders of the coup", "ABUJA, Nigeria"),
    ("MOSCOW (IDN) – As Russia and Mali", "MOSCOW (IDN)"),
    ("WASHINGTON (Reuters) - The United States", "WASHINGTON (Reuters)"),
    ("Mali – Arrival of Russian military advisers", None),
    ("US - Mali relations are strained", None),
    ("WASHINGTON - U.S. officials said", "WASHINGTON"),
    # a wire headline in capitals, whose first words and dash look like one (145 Reuters titles)
    ("CORRECTED - BANKAMERICA NEGOTIATING SALE OF UNITS", None),
    ("ECONOMIC SPOTLIGHT - U.S. TRADE DEFICIT", None),
])
def test_dateline(para, expected):
    assert find_dateline(para) == expected


@pytest.mark.parametrize("para", [
    "(him/her) OK - you have to ask them first, and then wait for the answer.",
    "(Him/Her) OK - you have to ask them first.",  # the credit's letters are not the place's
    "(AP) OK - so the talks went on.",
    "AFAIK – I'm not aware of outstanding blocks to the upgrade.",  # dragnet-R400's second paragraph
    "UPDATE - The company said on Friday that the plant would reopen.",
])
def test_a_dateline_is_a_place_not_a_word_before_a_dash(para):
    """"(him/her) OK - ..." opening a post was read as the dateline "(him/her) OK": the brackets
    before the place took any letters, and counted as the place's. A dateline is a place in
    capitals, a credit before it an agency's name ("(AP) HONOLULU", "(CBS/AP) MOSCOW")."""
    assert find_dateline(para) is None
    c = clean_text(f"Ask first\n\n{para}\n\n{ARTICLE[1]}")
    assert c.dateline is None and c.text.startswith(para)
    assert find_dateline("(CBS/AP) MOSCOW - Villagers in Russia's south") == "(CBS/AP) MOSCOW"
    assert find_dateline("(dpa) BERLIN - The government said") == "(dpa) BERLIN"  # an agency in lower case


@pytest.mark.parametrize("lead,expected", [
    ("WASHINGTON, March 30 - ", "WASHINGTON, March 30"),
    ("WASHINGTON, March 30 (Reuters) - ", "WASHINGTON, March 30 (Reuters)"),
    ("TOKYO, MARCH 30 - ", "TOKYO, MARCH 30"),
    ("ROSEMONT, Ill., Sept. 6 - ", "ROSEMONT, Ill., Sept. 6"),
])
def test_a_datelines_month_is_read_in_any_case(lead, expected):
    """"WASHINGTON, March 30 (Reuters) - " is how wires date a story, and only a month in lower
    case ("march 30") was read: the record had no dateline."""
    para = lead + "Budget director James Miller said the deficit would narrow this year."
    assert find_dateline(para) == expected
    c = clean_text(f"Budget deficit to narrow\n\n{para}\n\n{ARTICLE[1]}")
    assert c.dateline == expected and c.text.startswith(para)


@pytest.mark.parametrize("label", ["EDITOR'S NOTE", "EXCLUSIVE", "CORRECTION", "ANALYSIS"])
def test_an_editors_label_before_a_dash_is_no_dateline(label):
    """AP sets "EDITOR'S NOTE — This is the first of a series ..." above its story: the record's
    dateline was "EDITOR'S NOTE" (acabc97's shorthand was looked for in a dateline's first word
    alone), not the story's "MOSUL, Iraq (AP)"; so were a wire's labels before a headline's dash."""
    note = f"{label} — This is the first of a series of stories on the battle for the city."
    story = ("MOSUL, Iraq (AP) — Iraqi forces pushed deeper into the city on Monday, officers said, as "
             "thousands of civilians fled the fighting in the western districts.")
    assert find_dateline(note) is None
    c = clean_text(f"Inside the fight for Mosul\n\n{note}\n\n{story}\n\n{ARTICLE[1]}")
    assert c.dateline == "MOSUL, Iraq (AP)" and note in c.text
    assert find_dateline("NEW YORK (AP) — Stocks fell on Tuesday") == "NEW YORK (AP)"  # no label
    assert find_dateline("ST. PAUL, Minn. (AP) — The governor said") == "ST. PAUL, Minn. (AP)"


@pytest.mark.parametrize("para,expected", [
    ("(afp) PARIS - Die Regierung will die Steuern senken, sagte der Minister am Montag.", "(afp) PARIS"),
    ("(sid) BERLIN - Der Verband hat den Trainer am Montag entlassen.", "(sid) BERLIN"),
    ("(dpa/afp) MOSKAU - Russland hat am Montag neue Sanktionen angekündigt.", "(dpa/afp) MOSKAU"),
    ("(ap) WASHINGTON - Der Senat hat das Gesetz am Montag verabschiedet.", "(ap) WASHINGTON"),
    ("(him/her) OK - you have to ask them first.", None),  # a credit in lower case is an agency's
    ("(etc) ROME - and so on, he said.", None),
])
def test_an_agency_in_lower_case_before_the_place_is_a_credit(para, expected):
    """acabc97 took a credit in lower case before the place for dpa's or epd's alone, so German-language
    copy's "(afp) PARIS - ...", "(sid) BERLIN - ..." had no dateline, where c000ade read one."""
    assert find_dateline(para) == expected


@pytest.mark.parametrize("line,expected", [
    ("wd / sms (AFP, Reuters, epd)", True),
    ("Reporting by Tiemoko Diallo in Bamako; Editing by Alex Richardson", True),
    ("(AFP, Reuters)", True),
    ("Reporting by phone is hard, he said.", False),
    ("AFP reported that the junta had met the Russian ambassador.", False),
    # a broadcaster beside an agency is a credit; alone it is no credit line
    ("(CBS/AP)", True),
    ("(CNN, Reuters)", True),
    ("CBS", False),
    ("(ABC/XYZ)", False),
])
def test_credit(line, expected):
    assert is_credit(line) is expected


def test_a_broadcasters_credit_before_the_text_is_lifted_and_its_dateline_read():
    """cbsnews.com's pages (Dragnet) opened "(CBS/AP)" as a paragraph of its own, then
    "(CBS/AP) MOSCOW - Villagers in Russia's ...": the document page showed the credit twice
    and stored no credit and no dateline. "(AP)" in the same place was read."""
    from search.clean import clean_text

    body = ("(CBS/AP) MOSCOW - Villagers in Russia's south Urals have stumbled upon a gruesome discovery, "
            "four barrels left in a forest, police said on Tuesday.")
    cleaned = clean_text(f"248 fetuses found in Russian forest\n\n(CBS/AP)\n\n{body}\n\n"
                         "Police suspect that one of the four local hospitals is responsible.\n")
    assert cleaned.text.startswith(body)
    assert (cleaned.credit, cleaned.dateline) == ("(CBS/AP)", "(CBS/AP) MOSCOW")


def test_a_word_hyphenated_at_a_line_end_stays_one_word():
    """Wire copy wraps inside hyphenated words ("English-\nlanguage", "over-the-\ncounter": 35
    in Reuters); joining the lines with a space made "English- language", two words. A
    suspended hyphen ("fat-\nand oil-bearing", "Handels-\nund") keeps its space."""
    raw = ("The bank, which publishes an English-\n"
           "language newsletter on over-the-\n"
           "counter trading, said exports of fat-\n"
           "and oil-bearing seeds rose, Berliner Handels-\n"
           "und Frankfurter Bank said in a statement on Friday to Anglo-\n"
           "American Corp that the talks between the officials of Japan-\n"
           "European Community bodies at the meeting went well, it said.\n")
    (para,) = paragraphs(raw)
    assert "an English-language newsletter on over-the-counter trading" in para
    assert "Anglo-American Corp" in para and "Japan-European Community" in para  # QA: "Anglo- American"
    assert "fat- and oil-bearing" in para and "Handels- und Frankfurter" in para


def test_paragraphs_keep_inner_spacing_of_unwrapped_lines():
    # offsets and machine-translation flags rely on the text being left as it was
    assert paragraphs("A line with  two spaces.  »\n\nNext") == ["A line with  two spaces.  »", "Next"]


def test_escape_sequences_and_control_characters_are_not_text():
    from search.clean.text import without_controls

    assert without_controls("schools. \x1b[41mINSIDE TEXT\x1b[0m more") == "schools. INSIDE TEXT more"
    assert without_controls("Normal \x1b]0;PWNED\x07title") == "Normal title"
    assert without_controls("a\x0bb\x0cc\x00d") == "a\nb\ncd"
    assert without_controls("Tab\tand\nlines stay") == "Tab\tand\nlines stay"
    # invisible marks inside words go; the joiners Persian and emoji need stay
    assert without_controls("Bundes\u00adregierung, Bogo\u200btá, a\u2060b\ufeffc") == "Bundesregierung, Bogotá, abc"
    assert without_controls("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb") == \
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb"


def test_escape_sequences_in_html_and_titles_leave_nothing_behind(tmp_path):
    """QA pass 5: in HTML only the ESC byte went (lxml drops it), leaving "[31mregion[0m"
    glued to the word; a JSON title kept its CR LF and a C1 CSI's "31m"."""
    from search.ingest import read
    from search.pipeline import clean_article

    (tmp_path / "p.html").write_text(
        "<html><head><title>HTML \x1b[33mYellow\x1b[0m title</title></head><body><h1>HTML \x1b[33mYellow\x1b[0m title</h1>"
        "<p>Nickel exports from the \x1b[31mregion\x1b[0m rose as miners reported record output and new "
        "contracts with smelters abroad this week, officials said on Monday.</p></body></html>")
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "j", "title": "JSON \x9b1mBold\x9b0m title\r\nsecond",
                                                  "text": "Copper output rose in the north, officials said on Monday."}) + "\n")
    out = {a.id.rsplit("/", 1)[-1]: clean_article(a) for a in read([tmp_path])}
    assert "the region rose" in out["p.html"]["text"] and "[31m" not in out["p.html"]["text"]
    assert out["p.html"]["title"] == "HTML Yellow title"
    assert out["r.jsonl#j"]["title"] == "JSON Bold title second"


CBC_TEASERS = [  # a "latest headlines" box after the article: headline, then teaser ending "more »"
    "- Giants sweep Tigers to win another World Series",
    "- Marco Scutaro singled home the tiebreaking run in the 10th inning, and the San Francisco Giants "
    "beat the Tigers 4-3 on Sunday night in Detroit. more »",
    "- Dragon space freighter splashes down safely",
    "- An unmanned Dragon freighter carrying medical samples from the International Space Station "
    "parachutes into the Pacific Ocean. more »",
]
NINTENDO_TEASERS = [  # "Read more... DATE"
    "- Nintendo Rolls Out 5,000 Wii U Kiosks Holiday shoppers will soon get a firsthand look. Read more... 2012-11-05",
    "- Get Ready to Party When Wii U Launches on Nov. 18 SiNG PARTY details... Read more... 2012-11-07",
    "- Fractured Soul - Three new videos on Nintendo eShop Download three trailers for free! Read more... 2012-11-01",
]
PITCHFORK_TEASERS = [  # a byline and date ends each story's teaser; section labels and ellipses between
    "- News Sink Deep Into the Antlers' \"Drift Dive\" Video By Evan Minsker on October 30, 2012 at 10:43 a.m.",
    "- Tracks",
    "- Reviews Neil Young & Crazy Horse Psychedelic Pill By Rob Mitchum Neil Young's first collection of "
    "new material with Crazy Horse since 2003 features enough life ...",
    "- Here's Diplo's Halloween Mix So spooky, j/k By Carrie Battan on October 30, 2012 at 02:10 p.m.",
]


@pytest.mark.parametrize("teasers", [CBC_TEASERS, NINTENDO_TEASERS, PITCHFORK_TEASERS])
def test_a_list_of_teasers_for_other_stories_is_a_related_list(teasers):
    c = clean_text("\n\n".join(["Mali junta talks", *ARTICLE, *teasers]))
    assert c.text == "\n\n".join(ARTICLE)
    assert [r["text"] for r in c.removed if r["reason"] == "related list"] == teasers


@pytest.mark.parametrize("items", [
    # an article's own bullet points, cut short with ellipses: no link to another story
    ["- Plus a number of pure gold copywriting tips…", "- An entrance...", "- A closing line..."],
    # one teaser link in a list is a pointer from the article, not a list of other stories
    ["- The junta's timeline for elections. Read more", "- Who the new ministers are"],
    # two links in a list of six facts: most items are the article's
    ["- Kati: base taken on Tuesday", "- Bamako: talks on Friday. Read more", "- Gao: calm",
     "- Timbuktu: advisers arrived", "- Mopti: curfew lifted", "- Sikasso: no news. Read more"],
])
def test_an_articles_own_list_is_kept(items):
    c = clean_text("\n\n".join(["Mali junta talks", ARTICLE[0], *items, ARTICLE[1], ARTICLE[2]]))
    assert all(item in c.text for item in items)
    assert c.removed == []


def test_a_record_s_headline_shaped_like_a_dateline_is_its_title_not_its_first_paragraph():
    """Reuters: "CORRECTED - BANKAMERICA NEGOTIATING SALE OF UNITS" (145 titles of 19,043 read as
    a dateline and its text) stayed in the body as its first paragraph, the article's dateline
    became "CORRECTED" over the record's own "FRANKFURT, February 27", and the NER took
    "BANKAMERICA" for a place."""
    from pathlib import Path

    from search.ingest.jsonl import record_to_article
    from search.pipeline import clean_article

    rec = {"id": 505, "title": "CORRECTED - BANKAMERICA NEGOTIATING SALE OF UNITS",
           "dateline": "FRANKFURT, February 27",
           "body": "Bank of America NT and SA's West German branch said it is negotiating the sale.\n"
                   "    Michael Seibel said the negotiations were proceeding well.\n Reuter\n"}
    c = clean_article(record_to_article(rec, "reuters", "r", 1, Path("r.jsonl")))
    assert c["title"] == rec["title"] and c["text"].startswith("Bank of America NT")
    assert c["dateline"] == "FRANKFURT, February 27"


def test_a_blog_posts_line_of_details_is_no_text_and_gives_its_author_and_date():
    """Review: "Posted by Kathy on April 6, 2007 | Permalink" stayed in the post's text."""
    c = clean_text("My Favorite Graphs\n\nThe first graph shows how users move from fear to passion as they learn a "
                   "tool, and why the middle of that curve matters most.\n\nPosted by Kathy on April 6, 2007 | "
                   "Permalink\n\nThe second graph is the one every product team should print and pin up.")
    assert "Permalink" not in c.text and {"text": "Posted by Kathy on April 6, 2007 | Permalink",
                                          "reason": "post details"} in c.removed
    assert (c.author, str(c.published)) == ("Kathy", "2007-04-06")


BODY = "Mali's junta leader met ECOWAS envoys in Bamako on Monday.\n\nThe talks covered the sanctions."


@pytest.mark.parametrize("head", [
    '---\ntitle: "Junta meets envoys"\ndate: 2021-03-02\nurl: https://example.com/mali\nsource: Example Daily\n'
    'author: Jane Doe\ntags: [mali, ecowas]\n---\n\n',
    "Title: Junta meets envoys\nDate: March 2, 2021\nURL: https://example.com/mali\nSource: Example Daily\n"
    "Author: Jane Doe\nTags: mali, ecowas\n\n",
])
def test_a_text_files_header_gives_its_fields_and_leaves_the_text(head):
    """A Markdown file with front matter was titled "---", a text file with "Title:" /
    "Date:" / "URL:" lines on top "Title: Junta meets envoys", with its address and outlet
    lost (the "Source:" line was read as an agency credit)."""
    c = clean_text(head + BODY)
    assert (c.title, c.published, c.url, c.site_name, c.author) == (
        "Junta meets envoys", date(2021, 3, 2), "https://example.com/mali", "Example Daily", "Jane Doe")
    assert c.text == BODY and c.credit is None
    assert c.removed[0] == {"text": head.strip(), "reason": "header (title/published/url/site_name/author)"}


@pytest.mark.parametrize("raw", [
    "Update: talks resumed in Bamako on Monday.\n\n" + BODY,  # one field-like line opens prose
    "Source: Reuters\nUpdate: talks resumed\n\n" + BODY,  # no title, date or address among them
    "Junta meets envoys\n\n" + BODY + "\n\nTitle: a quote\nDate: later\n",  # not on top
    "---\ntitle: no closing fence\n\n" + BODY,
    "Mali: junta leader meets envoys\nDate: March 2, 2021\n\n" + BODY,  # a headline with a colon
])
def test_lines_like_fields_that_are_no_header_stay_text(raw):
    c = clean_text(raw)
    assert c.url is None and c.site_name is None and not any(r["reason"].startswith("header") for r in c.removed)
    assert "Mali's junta leader met ECOWAS envoys" in c.text


def test_an_indexed_text_files_header_gives_the_article_its_address_and_date(tmp_path):
    from search import Store, indexer, open_index, run_search

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mali.md").write_text("---\ntitle: Junta meets envoys\ndate: 2021-03-02\n"
                                                "url: https://example.com/mali\n---\n" + BODY)
    indexer.run(Store(tmp_path / "ix"), [str(tmp_path / "notes")])
    hit, = run_search(open_index(tmp_path / "ix"), "envoys").hits
    assert (hit.title, hit.url, str(hit.published)) == ("Junta meets envoys", "https://example.com/mali", "2021-03-02")


@pytest.mark.parametrize("value, expected", [("13/03/2021", date(2021, 3, 13)), ("1614680000", date(2021, 3, 2)),
                                             ("Tue, 02 Mar 2021 10:00:00 GMT", date(2021, 3, 2)), ("07/08/2021", None)])
def test_a_headers_date_is_read_as_a_json_records_is(value, expected):
    """One reading of a field's date (clean/fields.py): a header's "Date: 13/03/2021" or Unix
    time was no date, where the same value under a JSON Lines record's "date" was."""
    from search.ingest.jsonl import parse_date

    c = clean_text(f"Title: Junta meets envoys\nDate: {value}\n\n" + BODY)
    assert c.published == expected == parse_date(value)


@pytest.mark.parametrize("line,expected", [
    ("By Land - 3 ways to travel", None),
    ("By Land – 3 ways to travel", None),
    ("By Air - 5 tips for the long haul", None),
    ("By John Smith – 2 hours ago", ("John Smith", None)),
    ("By John Smith - 2 hours ago", ("John Smith", None)),
    ("Written by Ed Avis – 6 Comments", ("Ed Avis", None)),
    # guards: the stamps e39f196 cut, and a date the line reads after an en dash
    ("Written By: Jason Shafrin - Nov\u2022 06\u202212", ("Jason Shafrin", None)),
    ("Written by Guest Contributor - 6 Comments", (None, None)),  # a placeholder once cut
    ("By Jane Doe – April 11, 2021", ("Jane Doe", date(2021, 4, 11))),
])
def test_only_a_stamp_after_a_dash_is_cut_from_a_bylines_name(line, expected):
    """A headline "By Land - 3 ways to travel" was a byline, its author "Land" (e39f196 cut
    any tail with a figure after a spaced hyphen, and what was left passed for a name); and
    "By John Smith – 2 hours ago", with an en dash, was no byline where the hyphen's was. A
    tail after either dash is cut when it is a date, a time or a count of comments, else the
    line is read whole."""
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line", [
    "By The Numbers", "BY THE NUMBERS", "By The Book", "By Category |", "By State", "By Year",
    "By State (PDF)", "By Region [PDF, 1.2 MB]",
])
def test_a_heading_after_by_is_no_byline(line):
    """"By The Numbers", "By Category |" and "By State (PDF)" in a text's first paragraphs were
    bylines: the heading left the text and the author was "The Numbers", "Category", "State". A
    sort or grouping key, "The" and one word, or a link to a file, is a heading's, no writer's."""
    assert parse_byline(line) is None
    c = clean_text(f"Robots teach phonics\n\n{ARTICLE[0]}\n\n{line}\n\n{ARTICLE[1]}\n\n{ARTICLE[2]}")
    assert c.author is None and line in c.text.split("\n\n")


@pytest.mark.parametrize("line", ["By Country and Region", "By Year and Month", "By Region: Europe", "By State, 2012"])
def test_a_heading_of_sort_keys_and_more_words_is_no_byline(line):
    """d83c8c6 refused a sort key alone after "By" ("By State", "By Category |"), but keys joined
    ("By Country and Region") or followed by a colon's or a figure's words ("By Region: Europe",
    "By State, 2012") were still bylines: the heading left the text, its words the author. A
    name whose words before a colon are all sort keys is a heading's; a name with one is not."""
    assert parse_byline(line) is None
    c = clean_text(f"Robots teach phonics\n\n{ARTICLE[0]}\n\n{line}\n\n{ARTICLE[1]}\n\n{ARTICLE[2]}")
    assert c.author is None and line in c.text.split("\n\n")
    assert parse_byline("By Mike Date") == ("Mike Date", None)
    assert parse_byline("By State Senator John Smith") == ("State Senator John Smith", None)


@pytest.mark.parametrize("line", ["By Land and By Sea", "By Hook or By Crook", "By Air, By Sea", "BY SEA AND BY AIR"])
def test_by_said_again_is_a_phrase_no_byline(line):
    """"By Land and By Sea" opening a text was a byline: the heading left the text and the author
    was "Land and By Sea". A byline joins writers' names, never a second "by"; a credit after a
    name ("Photos by") is still read with the byline."""
    assert parse_byline(line) is None
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}\n\n{ARTICLE[2]}")
    assert c.author is None and line in c.text.split("\n\n")
    assert parse_byline("By Jane Doe and John Smith") == ("Jane Doe and John Smith", None)
    assert parse_byline("By Jane Doe, Photos by John Smith") == ("Jane Doe, Photos by John Smith", None)


@pytest.mark.parametrize("line,expected", [
    ("By The Associated Press", None),  # a byline still, its agency the credit (byline_credit), no author
    ("By The Editors", "The Editors"),
    ("By The Guardian", "The Guardian"),
    ("By The Lorax on Sunday, August 05, 2012", "The Lorax"),
    ("By Justin", "Justin"),
    ("Written by Nickel - 4 Comments", "Nickel"),
])
def test_a_name_after_by_that_looks_like_a_heading_is_still_a_byline(line, expected):
    """Guards of test_a_heading_after_by_is_no_byline: an agency, a newsroom, a newspaper, a
    pen name with a date, a one-word name."""
    assert parse_byline(line) is not None and parse_byline(line)[0] == expected


@pytest.mark.parametrize("line,expected", [
    ("by Guest Author", (None, None)),
    ("Written by Guest Contributor - 6 Comments", (None, None)),
    ("By Staff Writer", (None, None)),
    ("Posted by admin on August 9, 2012", (None, date(2012, 8, 9))),
    # guards: an organisation's staff, a name with its role
    ("By NFL.com Staff", ("NFL.com Staff", None)),
    ("By Jane Doe, Staff Writer", ("Jane Doe", None)),
])
def test_a_placeholder_in_a_byline_is_no_author(line, expected):
    """A visible byline "by Guest Author" (2 Dragnet pages, "Guest Contributor" on a third) made
    the author a placeholder that names no writer, the author facet gathering every guest post of
    every site under it; a76a1b0 dropped such a meta author ("No Primary Author") and left the
    byline's. The line is still a byline, out of the text, and a byline or meta author elsewhere
    on the page may name the writer."""
    assert parse_byline(line) == expected
    c = clean_text(f"Robots teach phonics\n\n{line}\n\nBy Jane Doe\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == (expected[0] or "Jane Doe") and c.text.startswith(ARTICLE[0])


@pytest.mark.parametrize("line", ["By Staff Reporter", "By Our Special Correspondent", "By Staff Writers",
                                  "By Guest Columnist"])
def test_a_newsrooms_role_alone_in_a_byline_is_no_author(line):
    """607f0b7 made "By Staff Writer" no author, a role that names no writer, but "By Staff
    Reporter", "By Our Special Correspondent" (as many South Asian papers sign), "By Staff
    Writers" or "By Guest Columnist" were each the author, and the author facet gathered every
    such story of every paper under it. A role's words alone are no author, as "Staff Writer"'s
    are; a name with its role is the author."""
    assert parse_byline(line) == (None, None)
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author is None and c.text.startswith(ARTICLE[0])
    assert parse_byline("By Jane Doe, Staff Reporter") == ("Jane Doe", None)
    assert parse_byline("By Special Agent Jane Doe") == ("Special Agent Jane Doe", None)


@pytest.mark.parametrize("line,expected", [
    ("By RUSSELL GOLDMAN (@GoldmanRussell) and DAN HARRIS (@danbharris)", "RUSSELL GOLDMAN and DAN HARRIS"),
    ("By NBC News' Akbar Shinwari and Amna Nawaz", "NBC News' Akbar Shinwari and Amna Nawaz"),
])
def test_a_byline_of_two_writers_is_one_however_long_their_handles(line, expected):
    """abcnews.go.com's "By RUSSELL GOLDMAN (@GoldmanRussell) and DAN HARRIS (@danbharris)" was no
    byline, its words after "By" over 60 characters with the handles the author leaves out, and
    worldnews.nbcnews.com's "By NBC News' Akbar Shinwari and Amna Nawaz" seven words, one over a
    name's six with the "and" between two: the pages had no author (or the site's name). The
    words may run to 80 characters, and "and" is no name's word."""
    assert parse_byline(line) == (expected, None)
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == expected and c.text.startswith(ARTICLE[0])
    assert parse_byline("By Jane Doe, John Smith, Ann Lee and Bob Ray") is None  # eight name words
    assert parse_byline("By Friday (they said it would rain) Smith left.") is None


@pytest.mark.parametrize("line", [
    "By Friday and Saturday All Tickets Were Gone", "By Sword and Fire the Kingdom Was Won",
    "By Water and Rail Goods Reach The Port",
])
def test_a_headline_of_seven_words_with_an_and_is_no_byline(line):
    """2e74b16 made "and" between two writers no name's word, so that seven words with it made a
    byline of two ("By NBC News' Akbar Shinwari and Amna Nawaz"): a headline in capitals of seven
    words with an "and" was then one too, its line out of the text and its words the author
    ("Friday and Saturday All Tickets Were Gone"), where it had been refused. The "and" is no
    word only between names of four words at most."""
    assert parse_byline(line) is None
    c = clean_text(f"Robots teach phonics\n\n{ARTICLE[0]}\n\n{line}\n\n{ARTICLE[1]}\n\n{ARTICLE[2]}")
    assert c.author is None and line in c.text.split("\n\n")
    assert parse_byline("By Jane Doe and John Smith, Staff Writers") == ("Jane Doe and John Smith", None)
    assert parse_byline("By NBC News' Akbar Shinwari and Amna Nawaz") == ("NBC News' Akbar Shinwari and Amna Nawaz", None)


@pytest.mark.parametrize("sign_off", ["Reuter", "REUTER", "reuter"])
def test_the_wires_sign_off_in_any_case_is_the_storys_credit(sign_off):
    """The 1987 wire signed its stories "Reuter" at the very end: that sign-off left the text with no
    credit, while the 77 stories of Reuters-21578 signed "reuter" in lower case on a line of their own
    kept it as their credit (a line of agencies alone) and one signed so after a sentence kept it in the
    text. The sign-off, in any of its cases, is now the story's credit and leaves the text; a story a
    credit line credits keeps that credit alone."""
    body = ("The Bank of Japan decided at a policy\nboard meeting to lower the minimum denomination of\n"
            "regulation-free large deposits, a central bank official said.\n"
            "    The new guideline will go into effect on April 6.\n")
    for tail in (f"\n {sign_off}\n", f" {sign_off}"):
        c = clean_text(body + tail)
        assert c.text.endswith("April 6.") and c.credit == "Reuter", (tail, c.text[-30:], c.credit)
        assert {"text": sign_off, "reason": "agency signature"} in c.removed
    credited = clean_text(body + "\n(Reporting by Kenji Tanaka)\n " + sign_off)
    assert credited.credit == "(Reporting by Kenji Tanaka)"


@pytest.mark.parametrize("line,site,url", [
    ("By The Onion", "The Onion", "https://www.theonion.com/area-man-1819571234"),
    ("By The Verge", None, "https://www.theverge.com/2012/11/9/3623848/robots"),
    ("BY THE HILL", "TheHill", "https://thehill.com/policy/robots"),
    ("By The AP", None, "https://example.org/news/robots"),
])
def test_a_byline_signed_the_sites_own_name_or_an_agency_after_the_is_a_byline(line, site, url):
    """"By The Onion", "By The Verge", "By The Hill", "By The AP" beside the headline were refused as
    bylines ("The" and one word read as a heading, "By The Numbers"): the page had no author and the
    line stayed in its text. "The" and the page's own name (its og:site_name, its host's labels) or an
    agency is a newsroom's byline, as "By The Guardian" is; "By The Numbers" on the same page stays a
    heading. Such a byline names no writer: the site's own name is its site_name, the agency its credit."""
    from search.clean import clean_html

    paras = "".join(f"<p>{p}</p>" for p in ARTICLE)
    meta_site = f'<meta property="og:site_name" content="{site}">' if site else ""
    for first in (line, "By The Numbers"):
        html = (f"<html><head><title>Robots teach phonics</title>{meta_site}</head><body><article>"
                f"<h1>Robots teach phonics</h1><p>{first}</p>{paras}</article></body></html>")
        c = clean_html(html, url)
        if first == line:  # the site's own name or an agency names no writer: the agency is the credit
            signed = (None, "The AP") if line == "By The AP" else (None, None)
            assert (c.author, c.credit) == signed and line not in c.text, (c.author, c.text[:40])
        else:
            assert c.author is None and "By The Numbers" in c.text, (c.author, c.text[:40])
    named = None if line == "By The AP" else line[3:]
    assert parse_byline(line, site_names([site, *url.split("/")[2].split(".")])) == (named, None)
    assert parse_byline(line) == (None, None) if line == "By The AP" else parse_byline(line) is None


def test_a_company_that_is_a_news_service_alone_inside_the_text_is_no_credit_line():
    """2200c68's one list of agencies made "Bloomberg" and "Dow Jones" alone on a line credit lines, so a
    list or a table with such a line ("Dow Jones" among the indexes, "Bloomberg" among data vendors) lost
    it from the text. Such a company's name alone is a credit where it opens or ends the text; inside
    it only in brackets or after "Source:", as any agency's."""
    text = "\n\n".join(["Markets at a glance", ARTICLE[0], "The indexes we follow:", "Dow Jones", "Nasdaq",
                        "S&P 500", ARTICLE[1], "(Bloomberg)", ARTICLE[2], "Source: Dow Jones"])
    c = clean_text(text)
    assert "Dow Jones\n\nNasdaq" in c.text and c.credit == "(Bloomberg); Source: Dow Jones"
    for last in ("Bloomberg", "DOW JONES"):
        c = clean_text("\n\n".join(["Markets at a glance", ARTICLE[0], ARTICLE[1], last]))
        assert c.credit == last and c.text.endswith(ARTICLE[1])
    c = clean_text("\n\n".join(["Markets at a glance", ARTICLE[0], "Reuters", ARTICLE[1]]))
    assert c.credit == "Reuters"  # an agency that is only an agency is a credit line anywhere


@pytest.mark.parametrize("line", ["By John Smith, UPI - March 3, 2012", "By John Smith, UPI on March 3, 2012"])
def test_the_agency_a_byline_signs_for_before_its_date_is_the_credit(line):
    """94c69b4 took the agency after a byline's comma out of the author for the page's credit, but read
    the credit only before the end, a bar, a comma or a long dash: "By John Smith, UPI - March 3, 2012"
    and "By John Smith, UPI on March 3, 2012" gave the author "John Smith" and no credit, the agency
    nowhere but in the lines removed. The date however set off ends the agency's name as the end does."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit, c.published) == ("John Smith", "UPI", date(2012, 3, 3)), (c.author, c.credit)
    assert c.text.startswith(ARTICLE[0])


def test_the_wires_sign_off_credits_in_one_spelling_whatever_its_case():
    """fd2086f gave the sign-off, as written, for a Reuters story's credit, so one archive's document
    pages said "Credit: Reuter" (14,189 of Reuters-21578's stories), "Credit: REUTER" (4,557) and
    "Credit: reuter" (77) for the same agency's same word, its case the teleprinter's. The credit is now
    the sign-off in one spelling, "Reuter"; the removed line keeps it as the wire sent it."""
    body = ("The Bank of Japan decided at a policy\nboard meeting to lower the minimum denomination of\n"
            "regulation-free large deposits, a central bank official said.\n")
    for sign_off in ("Reuter", "REUTER", "reuter"):
        c = clean_text(f"{body}\n {sign_off}\n")
        assert c.credit == "Reuter" and {"text": sign_off, "reason": "agency signature"} in c.removed, c.credit


@pytest.mark.parametrize("line, agency", [("By AP", "AP"), ("By Reuters", "Reuters"),
                                          ("By The Associated Press", "The Associated Press"),
                                          ("By AP and AFP | March 3, 2012", "AP and AFP")])
def test_a_byline_naming_an_agency_alone_is_the_credit_not_the_author(line, agency):
    """"By AP" names no writer: the agency was the author (the author facet gathered every wire story
    under "AP") and the page had no credit. The agency is the credit, as "By John Smith, AP" gives it;
    a name that only begins like one ("By APRIL JONES") is still the author (an agency's staff is not:
    test_an_agencys_staff_byline_is_the_credit_not_the_author)."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (None, agency) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)
    for named in ("By APRIL JONES", "By Reuters Stafford"):
        c = clean_text(f"Robots teach phonics\n\n{named}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
        assert (c.author, c.credit) == (named[3:], None)


@pytest.mark.parametrize("line, author, credit", [
    ("By Reuters Staff", None, "Reuters"),
    ("By AP Staff", None, "AP"),
    ("By AP Staff Writer | March 3, 2012", None, "AP"),
    ("By Jane Doe, Reuters Staff", "Jane Doe", "Reuters"),
    ("By NFL.com Staff", "NFL.com Staff", None)])
def test_an_agencys_staff_byline_is_the_credit_not_the_author(line, author, credit):
    """"By Reuters" gave the credit "Reuters" and no author, and "By Staff Writer, AP" the credit "AP", but
    "By Reuters Staff" and "By AP Staff", as reuters.com and wire pages sign unsigned copy, were the author
    ("Reuters Staff", the author facet gathering the agency's stories under its staff) with no credit; "By
    Jane Doe, Reuters Staff" was the author whole. An agency's staff names no writer: the agency is the
    credit. A site's own staff ("By NFL.com Staff", no agency) still names its newsroom, the author."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)


@pytest.mark.parametrize("line, author, credit", [
    ("By AP Staff Writer Jane Doe", "Jane Doe", "AP"),
    ("By Reuters Staffer Jane Doe", "Jane Doe", "Reuters"),
    ("By AP Economics Writer Josh Boak | March 3, 2012", "Josh Boak", "AP"),
    ("By CNN Staff", None, "CNN"),
    ("By The CNN Wire Staff", None, "CNN"),
    ("By Jane Doe, Staff Writer", "Jane Doe", None),
    ("By Jean-Paul Sartre - Senior Correspondent", "Jean-Paul Sartre", None),
    # guards: a site's own staff, a name after a comma, a broadcaster alone, a name like a broadcaster's staff
    ("By NFL.com Staff", "NFL.com Staff", None),
    ("By Jane Doe, John Smith", "Jane Doe, John Smith", None),
    ("By CBS", "CBS", None),
    ("By Reuters Stafford", "Reuters Stafford", None)])
def test_a_writers_role_and_agency_around_the_name_are_no_part_of_it(line, author, credit):
    """"By AP Staff Writer Jane Doe" and "By Reuters Staffer Jane Doe" were the author whole with no credit,
    where "By Jane Doe, AP Staff Writer" gives the author "Jane Doe" and the credit "AP"; "By Jane Doe, Staff
    Writer" kept the role in the author (the facet held "Jane Doe" twice); "By CNN Staff" was the author, where
    "By Reuters Staff" is the credit (6799e46): a broadcaster's staff signs its wire copy as an agency's does.
    A site's own staff ("By NFL.com Staff") still names its newsroom."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)


@pytest.mark.parametrize("line, author", [
    ("By Bill McKenzie / Editorial Columnist", "Bill McKenzie"),
    ("By Jane Doe/Staff Writer", "Jane Doe"),
    # guards: two writers, a name and a site's after a slash
    ("By Jane Doe / John Smith", "Jane Doe / John Smith"),
    ("By Walter O'Brien/NJ.com The Somerset Reporter", "Walter O'Brien/NJ.com The Somerset Reporter")])
def test_a_writers_role_after_a_slash_is_no_part_of_the_name(line, author):
    """"By Bill McKenzie / Editorial Columnist" (a Dragnet page) kept the role in the author, where a comma's or
    a dash's ("By Jane Doe, Staff Writer") is cut: a newsroom's words alone after a slash are the role too."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == author and c.text.startswith(ARTICLE[0]), c.author


@pytest.mark.parametrize("line, author, credit", [
    ("By Josh Levs, CNN", "Josh Levs", "CNN"),
    ("By Peter Hamby, CNN Political Reporter", "Peter Hamby", "CNN"),
    ("By Wes Oliver, NBC News contributor", "Wes Oliver", "NBC News"),
    ("By Jane Doe, AP Political Editor | March 3, 2012", "Jane Doe", "AP"),
    # guards: a newspaper after the name, a broadcaster with more words after it
    ("By Jane Doe, The Guardian", "Jane Doe, The Guardian", None),
    ("By Jane Doe, NBC News and wire services", "Jane Doe, NBC News and wire services", None)])
def test_a_broadcaster_a_writer_signs_for_is_the_credit(line, author, credit):
    """"By Josh Levs, CNN" and "By Peter Hamby, CNN Political Reporter" (cnn.com's Dragnet pages) kept the
    broadcaster in the author ("Josh Levs, CNN"), where "By Jane Doe, AP" gives the author "Jane Doe" and the
    credit "AP" and "By CNN Staff" the credit "CNN": a broadcaster a writer signs for is the credit, as an
    agency is, with the writer's role after it (an editor's, a contributor's too)."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)


@pytest.mark.parametrize("line", ["By Design Ltd", "By Acme Widgets Inc.", "Written by Example Media LLC"])
def test_a_company_in_a_byline_is_no_author(line):
    """"By Design Ltd", a footer's company credit in a byline's place, gave the author "Design Ltd", and the
    author facet gathered the company's pages: a company's legal form names no writer. The line is still a
    byline, out of the text; a person's name after it is the author."""
    assert parse_byline(line) == (None, None)
    c = clean_text(f"Robots teach phonics\n\n{line}\n\nBy Jane Doe\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == "Jane Doe" and c.text.startswith(ARTICLE[0])
    assert parse_byline("By Jane Incorvaia") == ("Jane Incorvaia", None)


@pytest.mark.parametrize("line, credit", [("By Jane Doe, AP - Updated 3:15 pm", "AP"),
                                          ("By Jane Doe - Updated 3:15 p.m. ET", None),
                                          ("By Jane Doe – Posted at 10:30 AM", None)])
def test_a_bylines_update_time_after_a_dash_is_no_part_of_the_name(line, credit):
    """The byline rule reads a time after the name apart ("3:15 pm"), but the stamp's word before it stayed
    in the name: "By Jane Doe, AP - Updated 3:15 pm" gave the author "Jane Doe - Updated". A dash and a
    stamp's words alone ("Updated", "Posted at") end the name as a dash and a date do; other words after
    a dash stay ("By Land - Sea" is no writer's name either way)."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == ("Jane Doe", credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)
    assert parse_byline("By Land - Sea")[0] == "Land - Sea"


@pytest.mark.parametrize("line, credit", [("By Jane Doe - Last updated 3:15 pm", None),
                                          ("By Jane Doe – Last updated 3:15 pm", None),
                                          ("By Jane Doe — Updated 3:15 pm", None),
                                          ("By Jane Doe, AP — Updated 3:15 pm", "AP")])
def test_a_bylines_last_update_or_em_dash_is_no_part_of_the_name(line, credit):
    """"Last updated" after a dash stayed in the name ("Jane Doe - Last updated"), and with an en dash, or any
    stamp after an em dash, the line was no byline at all: no author, the line left at the text's head. A
    spaced em dash before a stamp reads as a hyphen's, as an en dash's does, and "Last" is a stamp's word."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == ("Jane Doe", credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit, c.text[:60])
    assert parse_byline("By Land — Sea") is None or parse_byline("By Land — Sea")[0] != "Land"


@pytest.mark.parametrize("line, author, credit", [
    ("By JOSH BOAK, AP Economics Writer", "JOSH BOAK", "AP"),
    ("By MARILYNN MARCHIONE, AP Chief Medical Writer | March 3, 2012", "MARILYNN MARCHIONE", "AP"),
    ("By Jane Doe, Associated Press Writer", "Jane Doe", "Associated Press"),
    ("By Jane Doe, The Associated Press", "Jane Doe", "Associated Press"),
    ("By DANICA KIRKA Associated Press", "DANICA KIRKA", "Associated Press")])
def test_an_agency_writers_role_or_the_agency_without_a_comma_is_the_credit(line, author, credit):
    """AP signs its writers "By JOSH BOAK, AP Economics Writer", and abcnews.go.com's wire stories "By DANICA
    KIRKA Associated Press" (two Dragnet pages): the author was the whole ("JOSH BOAK, AP Economics Writer")
    and the page had no credit from it, where "By John Smith, UPI" gave "John Smith" and "UPI". A name of
    words needs no comma; a short one does ("By Jane Doe AP" is left as it was), and a role is a writer's,
    a correspondent's or a reporter's."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)
    assert parse_byline("By Jane Doe, AP Business Writers Guild")[0] == "Jane Doe, AP Business Writers Guild"


@pytest.mark.parametrize("line, credit, published", [("By Jane Doe, AP | Updated 3:15 pm", "AP", None),
                                                     ("By Jane Doe | Updated 3:15 p.m. ET", None, None),
                                                     ("By Jane Doe | Last updated: March 3, 2012", None, date(2012, 3, 3))])
def test_a_bylines_update_word_after_a_bar_is_read_as_its_stamp(line, credit, published):
    """"By Jane Doe | March 3, 2012" was a byline, but "By Jane Doe | Updated 3:15 pm" was none: the stamp's
    word before its time or date was no separator the byline rule knew ("published" was), so the line had no
    author and stayed at the head of the text."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit, c.published) == ("Jane Doe", credit, published) and c.text.startswith(ARTICLE[0])


@pytest.mark.parametrize("credit", ["(Reporting by Jane Doe; Editing by John Roe)", "Reporting by Jane Doe"])
@pytest.mark.parametrize("company", ["Dow Jones", "Bloomberg"])
def test_a_company_that_is_a_news_service_after_a_credit_line_at_the_end_is_the_credit(credit, company):
    """d6e36d9 read a company's name alone at the text's end as the credit only after a sentence, so a story
    ending "(Reporting by Jane Doe; Editing by John Roe)" and "Dow Jones" kept "Dow Jones" as its text's last
    line where it had been the credit: a line already read as a credit is no list's."""
    c = clean_text(f"Robots teach phonics\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}\n\n{credit}\n\n{company}")
    assert c.credit == f"{credit}; {company}" and c.text.endswith(ARTICLE[1]), (c.credit, c.text[-40:])


def test_a_company_that_is_a_news_service_ending_a_list_at_the_texts_end_is_no_credit_line():
    """d847801 made "Dow Jones" or "Bloomberg" alone a credit line only where it opens or ends the text, but
    a market report whose last lines are a list ("The indexes we follow:" / "Nasdaq" / "S&P 500" / "Dow
    Jones") lost its last item to the credit. The name ends a story after a sentence; after a list's line
    it is the list's."""
    c = clean_text("\n\n".join(["Markets at a glance", ARTICLE[0], "The indexes we follow:", "Nasdaq", "S&P 500",
                                "Dow Jones"]))
    assert c.credit is None and c.text.endswith("S&P 500\n\nDow Jones"), (c.credit, c.text[-40:])
    c = clean_text("\n\n".join(["Markets at a glance", ARTICLE[0], "The index we follow:", "Dow Jones"]))
    assert c.credit is None and c.text.endswith("Dow Jones"), c.credit
    c = clean_text("\n\n".join(["Markets at a glance", ARTICLE[0], ARTICLE[1], "Dow Jones"]))
    assert c.credit == "Dow Jones" and c.text.endswith(ARTICLE[1])


@pytest.mark.parametrize("line", ["ap", "Ap", "pti", "kna", "Afp"])
def test_a_short_agency_name_in_another_case_inside_the_text_is_no_credit_line(line):
    """A short agency's name alone on a line was a credit line in any case, anywhere: "ap" or "kna" inside a
    text (a list's abbreviation, a word) left the text for the credit. Inside the text a short name is
    an agency in its own spelling or capitals ("AP", "KNA", "epd", "DPA"), or in brackets; at the text's
    end after a sentence, as German copy credits a story ("ap", "afp"), in any case."""
    c = clean_text("\n\n".join(["Junta holds talks", ARTICLE[0], line, ARTICLE[1]]))
    assert c.credit is None and f"\n\n{line}\n\n" in c.text, (line, c.credit)
    for written in (line.upper(), f"({line})"):
        c = clean_text("\n\n".join(["Junta holds talks", ARTICLE[0], written, ARTICLE[1]]))
        assert c.credit == written and written not in c.text, (written, c.credit)
    c = clean_text("\n\n".join(["Junta holds talks", ARTICLE[0], ARTICLE[1], line]))
    assert c.credit == line and c.text.endswith(ARTICLE[1]), (line, c.credit)


@pytest.mark.parametrize("line, author, credit", [
    ("By Josh Levs, CNN 3 comments", "Josh Levs", "CNN"),
    ("By Jane Doe, CBS 4", "Jane Doe", "CBS"),
    ("By Jane Doe, Reuters 12 Comments", "Jane Doe", "Reuters"),
    # guard: a count after a writer alone credits no one
    ("By Jane Doe 12 comments", "Jane Doe", None)])
def test_an_agency_signed_for_before_a_count_is_the_credit(line, author, credit):
    """"By Josh Levs, CNN 3 comments" gave the author "Josh Levs" and no credit: the name is read without the
    count after it (_AUTHOR_TAIL), the broadcaster cut from it as the one signed for, but the credit was looked
    for in the whole line, where the count after the broadcaster hid it. The page lost who it was written for."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert (c.author, c.credit) == (author, credit) and c.text.startswith(ARTICLE[0]), (c.author, c.credit)


@pytest.mark.parametrize("line, author", [
    ("By Jane Doe, Smith Consulting LLC", "Jane Doe, Smith Consulting LLC"),
    ("By John Smith, CEO of Acme Inc.", "John Smith, CEO of Acme Inc"),
    ("By Jane Doe / Acme Corp", "Jane Doe / Acme Corp"),
    # guards: a company's name alone, a comma before its form included, is still no author
    ("By Acme Widgets, Inc.", None),
    ("By Design Ltd", None)])
def test_a_writer_signing_with_a_company_is_the_author(line, author):
    """"By Jane Doe, Smith Consulting LLC" (a guest column's writer and the firm) gave no author at all: the
    company's legal form at the end of the line (a958de6) dropped the writer with the company. A writer
    signing with a company stays the author, as one signing with a newspaper does ("By Jane Doe, The
    Guardian"); a company's name alone stays none."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == author and c.text.startswith(ARTICLE[0]), c.author


@pytest.mark.parametrize("line, author", [
    ("By Jane Doe – Staff Writer", "Jane Doe"),
    ("By Jane Doe — Reporter", "Jane Doe"),
    # guards: other words after an en dash make no byline, as before; a hyphen's role is cut as before
    ("By Land – Sea", None),
    ("By Jane Doe - Staff Writer", "Jane Doe")])
def test_a_writers_role_after_an_en_dash_is_no_part_of_the_name(line, author):
    """"By Jane Doe – Staff Writer" (an en dash, as typeset bylines have it) was no byline at all: the line
    stayed at the top of the text and the page had no author, where "By Jane Doe - Staff Writer" gives the
    author "Jane Doe" (3fb7397). An en or em dash before a newsroom's words alone reads as a hyphen's."""
    c = clean_text(f"Robots teach phonics\n\n{line}\n\n{ARTICLE[0]}\n\n{ARTICLE[1]}")
    assert c.author == author and (author is None or c.text.startswith(ARTICLE[0])), (c.author, c.text[:40])

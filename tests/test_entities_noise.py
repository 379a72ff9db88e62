"""Document rules against facet noise, on hand-made NER spans (no model needed).

Each rule has near misses that must keep their mention: companies named by common words
("Shell", "Apple"), places we know, titles that are no person's.
"""
from __future__ import annotations

import re
import sys

import pytest

from search.clean import clean_text
from search.entities import DocMentions, resolve
from search.entities.document import Span, postprocess


def _span(text: str, word: str, type_: str, source: str = "ner", nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), type_, source)


def _got(text: str, *items: tuple) -> dict[str, set[str]]:
    """Mention texts -> types after post-processing; an item is _span's (word, type[, source[, nth]])."""
    out: dict[str, set[str]] = {}
    for m in postprocess(text, [_span(text, *it) for it in items]):
        out.setdefault(m["text"], set()).add(m["type"])
    return out


def _kept(text: str, word: str, type_: str) -> bool:
    """The NER's one mention `word` (first occurrence) comes out alone, with its type (beside
    the companies the text names with a legal form, which are found whatever the NER gave)."""
    got = {k: v for k, v in _got(text, (word, type_)).items()
           if k == word or not (v == {"organization"} and re.search(r"\b(?:Corp|Inc|Co|Ltd)$", k))}
    assert got in ({}, {word: {type_}}), got
    return bool(got)


# -- a common word capitalised by its place at a sentence start ------------------------

def test_common_word_opening_a_sentence_is_no_name():
    text = "They imprisoned the president.\n\nTroop said on Thursday of this week to release him."
    assert not _kept(text, "Troop", "organization")
    text2 = "Halftime 1-1 . Attendance : 24,602"
    assert not _kept(text2, "Attendance", "person")


def test_rare_word_opening_a_sentence_is_no_name_where_the_text_writes_it_in_lower_case():
    """Reuters: "the concept of greenmail ... Greenmail refers to" gave the person Greenmail,
    "Sorghum" a place, "Breaches", "Div" persons: too rare in English ("greenmail" 1.6) for the
    frequency test, yet the article itself writes them as words."""
    text = ('He found the concept of greenmail to be "repugnant." Greenmail refers to a company '
            "buying out a shareholder at a premium.")
    assert not _kept(text, "Greenmail", "person")
    text2 = "Sorghum prices rose. Traders said the sorghum crop was small."
    assert not _kept(text2, "Sorghum", "location")
    # near misses: a rare word the text never writes in lower case; a name written in lower
    # case only as part of another word; a name that goes on
    assert _kept("Greenmail refers to a company buying out a shareholder.", "Greenmail", "person")
    assert _kept("Kodak said profits rose. The kodakchrome line sold well.", "Kodak", "organization")
    text3 = "Reebok Corp said sales rose. Reebok shares and reebok shoes sold well."
    assert "Reebok Corp" in _got(text3, ("Reebok Corp", "organization"))


def test_a_name_as_frequent_in_other_languages_opening_a_text_is_a_name():
    """"Boeing engineers walked out on Friday" lost Boeing: "boeing" is as frequent in English as
    the rule's common words (wordfreq 3.8), and the text names the firm nowhere else. A name is as
    frequent in German, French, Spanish, Italian, Dutch and Portuguese text; an English word is not
    ("troop", "bonus", "net" are each far rarer in one of them)."""
    assert _kept("Boeing engineers walked out on Friday over pay, the union said.", "Boeing", "organization")
    assert _kept("Toyota said on Monday it would build a plant in Texas.", "Toyota", "organization")
    for word, rest in (("Bonus", " payments rose 5 pct."),
                       ("Net", " profit rose 5 pct."), ("Troop", " said on Thursday it would leave.")):
        assert not _kept(word + rest, word, "organization"), word


def test_a_word_as_frequent_in_other_languages_is_no_place_nor_an_interjection_opening_a_sentence():
    """d57609d kept a sentence's first word the NER named when it is about as frequent in six other
    languages, for firms' names ("Boeing"), and so kept common words the NER took for places we do not
    know ("Tsunami warnings", a blog's "Bingo!"), given names it typed places (a commenter's "Rebecca —
    June 26th") and interjections ("Hee.", "Hahaha!"): 9 of the 85 mentions it kept on web pages."""
    for text, word, type_ in (("Tsunami warnings were issued on Monday after the quake.", "Tsunami", "location"),
                              ("She looked gorgeous.\n\nBingo!\n\nNow if you will excuse me.", "Bingo", "location"),
                              ("Great article.\n\nRebecca — June 26th, 2012, 2:24 pm\n\nCan you drink it?", "Rebecca",
                               "location"),
                              ("It is growing inside your head!\n\nHee. No, I kid.", "Hee", "person"),
                              ("City won't be in the Champions League. Hahaha! I'm flying out early.", "Hahaha",
                               "person")):
        assert not _kept(text, word, type_), word
    # near misses: a firm's name and a person's the NER typed so, and a place we know
    assert _kept("Apple is greatly opposed to this deal, the letter said.", "Apple", "organization")
    assert _kept("Great article.\n\nSteve — June 25th, 2012, 1:29 am\n\nTim, I am going.", "Steve", "person")
    assert _kept("Paris was quiet on Monday.", "Paris", "location")


def test_company_named_by_a_common_word_stays_when_capitalised_elsewhere():
    text = "Shell said on Monday it would sell the field. Analysts expect Royal Dutch Shell to gain."
    got = _got(text, ("Shell", "organization"), ("Royal Dutch Shell", "organization"))
    assert got == {"Shell": {"organization"}, "Royal Dutch Shell": {"organization"}}
    text2 = "Apple said iPhone sales rose. Shares of Apple gained 2 percent."
    got2 = _got(text2, ("Apple", "organization"), ("Apple", "organization", "ner", 1))
    assert got2 == {"Apple": {"organization"}}


def test_sentence_start_rule_spares_possessives_titles_and_mid_sentence_words():
    text = "Shell's profit rose. Treasury Secretary James Baker spoke."
    got = _got(text, ("Shell", "organization"), ("Treasury", "organization"))
    assert got == {"Shell": {"organization"}, "Treasury": {"organization"}}


# One NER mention each that no rule may drop or retype.
NEAR_MISSES = [
    # wire copy wraps lines mid-sentence: a single line break starts no sentence
    ("to stave off protectionist legislation by\nCongress. Troop", "Congress", "organization"),
    # "U.S." ends with a dot but no sentence
    ("the (U.S.) Treasury will brief them", "Treasury", "organization"),
    # a rare word opening a sentence is a name
    ("Gromyko met the coup leaders. Goita said nothing.", "Goita", "person"),
    # a degree word before a proper name
    ("He ran as the Candidate of Yabloko in Moscow.", "Candidate of Yabloko", "organization"),
    # no capitalised person title before the name
    ("Trade with the former Soviet Union grew.", "Soviet Union", "location"),
    ("a telex from committee chairman Citibank to creditor banks", "Citibank", "organization"),
    # a common word between title and name is no first name
    ("said Secretary General Motors", "Motors", "organization"),
]


@pytest.mark.parametrize(("text", "word", "type_"), NEAR_MISSES)
def test_near_misses_keep_their_mention(text, word, type_):
    assert _kept(text, word, type_)


# -- degrees -----------------------------------------------------------------------------

def test_degree_phrases_are_no_organisations():
    text = "said Ivan Petrov, Candidate of Political Science, Lecturer at the Institute of International Relations."
    institute = ("Institute of International Relations", "organization")
    got = _got(text, ("Candidate of Political Science", "organization"), institute)
    assert got == {"Institute of International Relations": {"organization"}}
    text2 = "She holds a Master of Business Administration from the Bank of England school."
    got2 = _got(text2, ("Master of Business Administration", "organization"), ("Bank of England", "organization"))
    assert got2 == {"Bank of England": {"organization"}}


# -- persons after a title ---------------------------------------------------------------

def test_hyphenated_surname_after_title_and_first_name_is_a_person():
    text = "German Minister of Defense Annegret Kramp-Karrenbauer Meanwhile, he said Wednesday"
    got = _got(text, ("Kramp-Karrenbauer Meanwhile", "organization"))
    assert got == {"Annegret Kramp-Karrenbauer": {"person"}}
    text2 = "Mr Kramp-Karrenbauer said so."
    assert _got(text2, ("Kramp-Karrenbauer", "organization")) == {"Kramp-Karrenbauer": {"person"}}


def test_company_named_general_and_a_word_is_no_general():
    # Reuters: the NER took these companies for generals, and the people "Tire", "Term" and
    # "Cinema" (their rank stripped as a title) filled the person facet
    tire = ("AKRON, Ohio, April 27 - General Tire, a subsidiary of GenCorp, said it was evaluating the sale "
            "of its stores.\n\nGeneral Tire said it received inquiries from tire dealers.")
    got = _got(tire, ("Tire", "person"), ("Tire", "person", "ner", 1))
    assert got["General Tire"] == {"organization"} and "Tire" not in got  # beside the dateline's places
    term = "Gen Term Corp said it entered into escrow.\n\nSeparately, Gen Term, which trades over-the-counter, said so."
    got = _got(term, ("Gen Term Corp", "organization"), ("Gen Term", "person", "ner", 1))
    assert got == {"Gen Term Corp": {"organization"}, "Gen Term": {"organization"}}
    cinema = ("General Cinema Corp said attendance fell.\n\nIts other business, General Cinema Beverages, "
              "did well.\n\nGeneral Cinema said costs rose.")
    got = _got(cinema, ("General Cinema Corp", "organization"), ("Cinema Beverages", "person"),
               ("Cinema", "person", "ner", 2))
    assert got == {"General Cinema Corp": {"organization"}, "General Cinema Beverages": {"organization"},
                   "General Cinema": {"organization"}}


@pytest.mark.parametrize("text, word", [
    # a general named by a common word, which the text also writes in lower case: no company speech
    ("General Grant led the army into Virginia. The land grant was made later.", "Grant"),
    # a general who "said it": his name is no English word the text writes in lower case
    ("General Powell said it was time to leave.", "Powell"),
    # a rank after another title
    ("Attorney General Bell said it would appeal, a unit of the department said. The bell rang.", "Bell"),
])
def test_general_with_a_surname_stays_a_person(text, word):
    assert _got(text, (word, "person")) == {word: {"person"}}


# -- exercises ---------------------------------------------------------------------------

def test_exercise_name_is_no_place_in_the_whole_document():
    text = "He took part in the annual Flintlock training in the Sahel. Flintlock ended in March."
    got = _got(
        text, ("Flintlock", "location"), ("Sahel", "location", "gazetteer"), ("Flintlock", "location", "ner", 1)
    )
    assert got == {"Sahel": {"location"}}


def test_known_place_before_training_stays_a_place():
    text = "Soldiers finished their Kati training and the Ottawa exercises."
    got = _got(text, ("Kati", "location", "city"), ("Ottawa", "location"))
    assert got == {"Kati": {"location"}, "Ottawa": {"location"}}


# -- acronyms written like words after their long form ------------------------------------

def test_word_acronym_after_its_long_form_takes_its_type():
    text = "arms exports, says Stockholm International Peace Research Institute Sipri. China came second."
    long_form = ("Stockholm International Peace Research Institute", "organization")
    got = _got(text, long_form, ("Sipri", "location"), ("China", "location", "gazetteer"))
    assert got["Sipri"] == {"organization"}
    assert got["China"] == {"location"}


def test_place_after_an_organisation_is_not_its_acronym():
    text = "the Peace Research Institute Stockholm said"
    got = _got(text, ("Peace Research Institute", "organization"), ("Stockholm", "location"))
    assert got["Stockholm"] == {"location"}


# -- descriptions: "the Cabinet" -----------------------------------------------------------

def _generic(text: str, *items: tuple) -> dict[str, bool]:
    return {m["text"]: bool(m.get("generic")) for m in postprocess(text, [_span(text, *it) for it in items])}


def test_common_noun_always_with_the_is_a_description():
    text = "the government agreed to a reshuffle in the Cabinet. The Cabinet met on Monday."
    got = _generic(text, ("Cabinet", "organization"), ("Cabinet", "organization", "ner", 1))
    assert got == {"Cabinet": True}


def test_a_description_is_one_though_the_document_s_longer_name_holds_its_noun():
    text = "the European Community Commission opened a case. The Commission said it would act."
    got = _generic(text, ("European Community Commission", "organization"), ("Commission", "organization", "ner", 1))
    assert got == {"European Community Commission": False, "Commission": True}
    # near miss: used bare outside the longer name, it is a name
    text = "the European Community Commission opened a case. Commission officials said so."
    got = _generic(text, ("European Community Commission", "organization"), ("Commission", "organization", "ner", 1))
    assert got == {"European Community Commission": False, "Commission": False}


def test_names_that_are_common_words_are_not_descriptions():
    # used bare once: a name
    text = "the Shell refinery closed. Analysts said Shell would recover."
    assert _generic(text, ("Shell", "organization"), ("Shell", "organization", "ner", 1)) == {"Shell": False}
    # "the" belongs to the noun that follows: "the Apple personal computer market"
    text2 = "drives for the Apple personal computer market"
    assert _generic(text2, ("Apple", "organization")) == {"Apple": False}
    # a clipped name: "the Fed" where "Federal Reserve" is written
    text3 = "the Fed (Federal Reserve Board) said the Fed would act"
    assert _generic(text3, ("Fed", "organization")) == {"Fed": False}
    # a rare word is a name ("kremlin" zipf 3.4)
    text4 = "statements by the Kremlin."
    assert _generic(text4, ("Kremlin", "organization")) == {"Kremlin": False}


# -- wire-copy debris ----------------------------------------------------------------------

def test_topic_slug_opening_a_story_is_no_name():
    text = "CRICKET - PAKISTAN V NEW ZEALAND ONE-DAY SCORE .\nGOLF - ZIMBABWE OPEN"
    got = _got(text, ("CRICKET -", "organization"), ("PAKISTAN", "location", "gazetteer"), ("GOLF", "organization"))
    assert got == {"PAKISTAN": {"location"}}


def test_a_name_run_on_from_a_slug_keeps_what_follows_the_dash():
    text = "CORRECTED - BANKAMERICA NEGOTIATING SALE OF UNITS\nGUINEA - BISSAU VOTES"
    got = _got(text, ("CORRECTED - BANKAMERICA", "organization"), ("GUINEA - BISSAU", "location"))
    assert got == {"BANKAMERICA": {"organization"}, "GUINEA - BISSAU": {"location"}}


def test_capitals_before_a_dash_that_are_names_stay():
    # not at a line start, or a rare word: a name ("BILO - ...", "Mali - ...")
    text = "said NATO - and\nBILO - Belgian"
    got = _got(text, ("NATO", "organization"), ("BILO", "organization"))
    assert got == {"NATO": {"organization"}, "BILO": {"organization"}}


def test_prefixed_names_are_adjectives():
    text = "the proposed trans-Atlantic alliance and pro-Moscow rebels in al-Qaeda's camps"
    got = _got(text, ("trans-Atlantic", "location"), ("pro-Moscow", "location"), ("al-Qaeda", "organization"))
    assert got == {"al-Qaeda": {"organization"}}


def test_a_trimmed_dash_leaves_no_space():
    text = "top performers in Salomon Brothers ' league table"
    assert _got(text, ("Salomon Brothers '", "organization")) == {"Salomon Brothers": {"organization"}}


def test_player_position_before_a_name_is_stripped():
    text = "a costly blunder . Defender Hassan Abbas rose to intercept . Minnie Driver watched ."
    got = _got(text, ("Defender Hassan Abbas", "person"), ("Minnie Driver", "person"))
    assert got == {"Hassan Abbas": {"person"}, "Minnie Driver": {"person"}}


def test_row_labels_of_figures_tables_are_no_names():
    """In the Reuters archive NER's "Avg" and "Revs" ranked second and fourth among persons."""
    text = "Shr loss 18 cts vs loss 63 cts\n\nAvg shrs 48.3 mln vs 45.8 mln\n\nRevs 12.1 mln vs 11.9 mln"
    assert not _kept(text, "Avg", "person")
    assert not _kept(text, "Revs", "person")
    assert not _kept(text, "Shr", "organization")
    votes = "Bush won the primary, officials said.\n\nBush 52,301 votes 61 pct\nDole 30,112 votes 35 pct"
    assert _kept(votes, "Dole", "person")
    assert _kept("Analysts at Avg Capital said shares rose.", "Avg Capital", "organization")  # not opening a line


def test_a_person_name_holds_no_figure():
    """NER tagged table rows people ("Revs 3,9i3,523 vs"): their last word "vs" became a
    spelling searched as a name, so `vs` found every such table (QA)."""
    text = "Oper shr 41 cts vs 33 cts\n\nRevs 3,9i3,523 vs 2,812,109\n\nMr Louis XIV Smith of 3M said so."
    assert not _kept(text, "Revs 3,9i3,523 vs", "person")
    assert _kept(text, "Louis XIV Smith", "person")
    assert _kept(text, "3M", "organization")  # an organisation may hold one


DE = ("Die Deutsche Bundesbank hat ihre Wachstumsprognose für Deutschland deutlich gesenkt. Bundesbankpräsident "
      "Joachim Nagel sagte am Freitag in Frankfurt, die Wirtschaft werde im kommenden Jahr schrumpfen. Hohe "
      "Energiepreise belasten die Unternehmen. Die Gewerkschaften in Essen und Berlin fordern höhere Löhne.")
FR = ("Le colonel Assimi Goïta a prêté serment lundi comme président de la transition au Mali, devant la Cour "
      "suprême à Bamako. La Communauté économique des États de l'Afrique de l'Ouest a suspendu le Mali de ses instances.")
RU = ("Президент России Владимир Путин провёл в среду совещание с членами правительства в Кремле. Министр финансов "
      "Антон Силуанов доложил об исполнении федерального бюджета. Центральный банк России сохранил ключевую ставку.")


def test_text_the_english_model_cannot_read_gets_gazetteer_names_only():
    """The English NER tagged "Freitag" a place, "Löhne" a person, "Le" an organisation."""
    from search.pipeline import enrich_texts

    de, fr, ru, en = enrich_texts([DE, FR, RU, "Colonel Assimi Goita was sworn in as president in Bamako, Mali, "
                                                 "on Monday, officials in the capital said."])
    assert (de["language"], fr["language"], ru["language"], en["language"]) == ("de", "fr", "ru", "en")
    assert de["mentions"] == [] and ru["mentions"] == []  # no gazetteer name; "Essen" is a word too
    assert {(m["text"], m["type"]) for m in fr["mentions"]} == {("Mali", "location"), ("Bamako", "location")}
    assert ("Assimi Goita", "person") in {(m["text"], m["type"]) for m in en["mentions"]}


def test_a_short_capitals_person_in_mixed_case_text_is_an_acronym():
    """"TED" tagged a person merged with "Ted" into "Bill Ted"; a capitals headline keeps its names."""
    from search.entities import extract_mentions

    ms = extract_mentions("The speaker gave a TED talk about the Moon. TED said the talk was popular with viewers.")
    assert {m["type"] for m in ms if m["text"] == "TED"} == {"organization"}
    ms = extract_mentions("BUSH SAYS HE WILL VETO BILL\n\nPresident Bush said on Monday he would veto the bill.")
    assert {m["type"] for m in ms if m["text"] in ("BUSH", "Bush")} == {"person"}



# -- companies and money units the NER took for people ---------------------------------------
# Reuters, 2,000 articles: "N.Z. Dlrs" (8 times), "H.K. Dlrs", "Courier Corp", "Buckhorn Inc" people.

@pytest.mark.parametrize("text, unit", [
    ("Total deposits rose to 17.18 billion N.Z. Dlrs in January from 16.74 billion.", "N.Z. Dlrs"),
    ("Its net profit rose to 145 mln U.S. Dlrs from 125 mln in 1985.", "Dlrs"),
])
def test_a_money_unit_is_no_name(text, unit):
    assert _got(text, (unit, "person")) == {}
    assert _got(text, (unit, "organization")) == {}


def test_a_person_with_a_legal_form_is_a_company_with_the_name_before_it():
    text = "Analysts doubt another suitor will top the bid for Purolator Courier Corp by the group."
    assert _got(text, ("Courier Corp", "person")) == {"Purolator Courier Corp": {"organization"}}
    text = "E.F. Hutton LBO Inc made the offer.\n\nBuckhorn Inc said its backlog grew. Buckhorn said sales rose."
    got = _got(text, ("Hutton LBO Inc", "person"), ("Buckhorn Inc", "person"), ("Buckhorn", "person", "ner", 1))
    assert got == {"E.F. Hutton LBO Inc": {"organization"}, "Buckhorn Inc": {"organization"},
                   "Buckhorn": {"organization"}}  # the company's short name follows it


def test_legal_form_near_misses():
    # the extension stops at a sentence start, a stop word and a weekday; a legal form alone goes
    text = "Sales rose. Courier Corp said on Tuesday Acme Inc would buy it, and The Times Co agreed."
    got = _got(text, ("Courier Corp", "person"), ("Acme Inc", "person"), ("Times Co", "person"))
    assert got == {"Courier Corp": {"organization"}, "Acme Inc": {"organization"}, "Times Co": {"organization"}}
    # a legal form alone goes; the words before it are found as the company (_untagged_companies)
    assert _got("Unicorp Canada Corp cut its stake.", ("Corp", "person")) == {"Unicorp Canada Corp": {"organization"}}
    text = "It bought Acme Corp. Courier Corp then sold it."
    assert _got(text, ("Courier Corp", "person")) == {"Courier Corp": {"organization"}, "Acme Corp": {"organization"}}
    # a person keeps a name that merely starts like a unit or a legal form
    assert _kept("Talks with Coleman Young went on.", "Coleman Young", "person")
    assert _kept("Dlamini Zuma spoke to reporters.", "Dlamini Zuma", "person")


def test_a_company_named_with_its_legal_form_is_found_where_the_ner_saw_nothing():
    """QA: with its dateline in the text, the company a wire story opens with was missed in 413
    of 2,500 Reuters stories ("DETROIT, March 4 - Chrysler Corp said"), so organization=Chrysler
    missed 2 of its 26 articles."""
    text = ("ACME INC <ACM> SETS PAYOUT\n\nDETROIT, March 4 - Chrysler Corp said on Tuesday that Nissan "
            "Motor Co Ltd and Jefferies and Co would buy it. Yesterday Acme Widget Co agreed, the "
            "Detroit News said.")
    got = _got(text, ("DETROIT", "location"), ("Detroit News", "organization"))
    assert got == {"DETROIT": {"location"}, "Chrysler Corp": {"organization"}, "Nissan Motor Co Ltd": {"organization"},
                   "Acme Widget Co": {"organization"}, "Detroit News": {"organization"}}, got
    # a name the NER gave just before a legal form takes it, not doubled; so is a "person"
    # (QA: "STOCKHOLM, March 3 - Pharmacia AB said" made the person "Pharmacia" in 4 articles)
    assert _got("Shares of Chrysler Corp rose.", ("Chrysler", "organization")) == {"Chrysler Corp": {"organization"}}
    text = "Drugs\n\nSTOCKHOLM, March 3 - Pharmacia AB said its John Smith Co-chairman quit."
    got = _got(text, ("Pharmacia", "person"), ("John Smith", "person"))
    assert got == {"STOCKHOLM": {"location"}, "Pharmacia AB": {"organization"}, "John Smith": {"person"}}, got
    # a place just before the form ends a company's name, across one "of" or "and" (QA: "Japan
    # Ltd" of "Industrial Bank of Japan Ltd"), and the NER's parts of that name go
    text = ("A spokesman for the Industrial Bank of Japan Ltd said so, and Gold Fields of South Africa Ltd and "
            "Standard Oil Co and BP North America Inc agreed with Ford Motor Co of Canada Ltd.")
    got = _got(text, ("Industrial Bank", "organization"), ("Japan", "location"), ("Gold Fields", "person"),
               ("South Africa", "location"), ("North America", "location"), ("Canada", "location"))
    assert got == {"Industrial Bank of Japan Ltd": {"organization"}, "Gold Fields of South Africa Ltd": {"organization"},
                   "Standard Oil Co": {"organization"}, "BP North America Inc": {"organization"},
                   "Ford Motor Co of Canada Ltd": {"organization"}}, got


def test_reuters_companies_tagged_as_people_by_the_model():
    from search.entities import extract_mentions

    ms = extract_mentions("Several analysts said they do not believe another suitor will top the 265 mln dlr bid "
                          "for Purolator Courier Corp by E.F. Hutton LBO Inc and a management group.")
    assert {(m["text"], m["type"]) for m in ms} >= {("Purolator Courier Corp", "organization")}
    assert not [m for m in ms if m["type"] == "person"]
    ms = extract_mentions("Total deposits rose to 17.18 billion N.Z. Dlrs in January compared with 16.74 billion "
                          "in December.")
    assert not [m for m in ms if "Dlrs" in m["text"]]


# -- Reuters' angle brackets: "Chemical New York Corp <CHL>", "<Qantas Airways Ltd>" ----------

def test_what_the_ner_found_in_angle_brackets_is_the_company_they_hold():
    """A stock symbol after the company's name is no organisation of its own (QA: "VOLV ST",
    "BBCZ.Z", "CHL": 118 mentions in 2,500 Reuters articles); one that stands for the name is."""
    text = "Chemical New York Corp <CHL> said profits rose, and <Airbus Industrie> won the order."
    got = _got(text, ("Chemical New York Corp", "organization"), ("CHL>", "person"), ("Airbus", "organization"))
    assert got == {"Chemical New York Corp": {"organization"}, "Airbus Industrie": {"organization"}}
    text = "Texaco Inc <TEX> Continental Airlines and <NEC Corp> agreed, and Volvo <VOLV ST> and Bank <BK.N> too."
    got = _got(text, ("TEX> Continental Airlines", "organization"), ("NEC Corp>", "organization"),
               ("Volvo", "organization"), ("VOLV ST", "organization"), ("BK.N", "organization"))
    assert got == {"Continental Airlines": {"organization"}, "NEC Corp": {"organization"},
                   "Texaco Inc": {"organization"}, "Volvo": {"organization"}}  # Texaco: found by its legal form
    text = "Shares of <AMC> rose on Monday."
    assert _got(text, ("AMC", "organization")) == {"AMC": {"organization"}}  # the symbol alone: the company
    # the name a symbol follows is a company's, whatever the NER made of it (QA: "Atlas Copco
    # <ASTS ST>", "Stora Koppabergs <SKPS ST>" were people); a place stays a place
    text = "Volvo bought out Atlas Copco <ASTS ST> and Stora Koppabergs <SKPS ST> in Sweden <X>."
    got = _got(text, ("Atlas Copco", "person"), ("Stora Koppabergs", "person"), ("Sweden", "location"))
    assert got == {"Atlas Copco": {"organization"}, "Stora Koppabergs": {"organization"}, "Sweden": {"location"}}, got


def test_angle_brackets_near_misses():
    # a ticker the NER did not tag stays untagged; a span around the brackets is left alone
    text = "Citicorp <C> said Smith <a lower-case aside> spoke."
    assert _got(text, ("Citicorp", "organization"), ("Smith", "person")) == {
        "Citicorp": {"organization"}, "Smith": {"person"}}
    assert _kept("Officials at the Bank of England said rates held.", "Bank of England", "organization")


def test_reuters_tickers_are_no_people():
    from search.entities import extract_mentions

    ms = extract_mentions("Chemical New York Corp <CHL> said its Texas bank unit will be merged into the parent.")
    assert not [m for m in ms if "<" in m["text"] or ">" in m["text"]], ms
    assert {m["type"] for m in ms if m["text"] == "CHL"} <= {"organization"}


def test_a_name_is_on_one_line():
    """QA: "Lost Journey Of Amelia Earhart\n\nGroup" (a heading and the next paragraph's first
    word) was one organisation; "Escape" (a title) and "Officials" (the text's first word) another."""
    text = "Watch: The Lost Journey Of Amelia Earhart\n\nGroup Hopes To End Mystery\n\nThe group said so."
    got = _got(text, ("Lost Journey Of Amelia Earhart\n\nGroup", "organization"))
    assert got == {"Lost Journey Of Amelia Earhart": {"organization"}}
    text = "Escape\n\nOfficials said the Ministry of Defence\nOf Mali, a Story\nWe had agreed."  # not wrapped
    assert _got(text, ("Escape\n\nOfficials", "organization"), ("Ministry of Defence\nOf Mali", "organization")) \
        == {"Ministry of Defence": {"organization"}}


WRAPPED = ("WASHINGTON, March 3 - Trading in options outside the United\nStates grew last year, said Robert\n"
           "Thomas, an economist, citing the Securities and Exchange\nCommission, which said the market\n"
           "was larger than expected and that dealers in the\nfield had been told by T.\nBoone Pickens.\n"
           "The agency said it would report again.\n Reuter\n")


def test_in_hard_wrapped_copy_a_line_break_inside_a_name_is_a_space():
    """QA: keeping a span's longest line everywhere made 447 mentions per 1,000 Reuters articles
    "United" (of "United" / "States"), "Robert" (Thomas), "Securities and Exchange"; Reuters
    wraps its bodies at a fixed width. A break after a full stop (not initials) still ends one."""
    got = _got(WRAPPED, ("United\nStates", "location"), ("Robert\nThomas", "person"),
               ("Securities and Exchange\nCommission", "organization"), ("T.\nBoone Pickens", "person"),
               ("Pickens.\nThe agency", "organization"))
    assert got == {"WASHINGTON": {"location"}, "United\nStates": {"location"}, "Robert\nThomas": {"person"},
                   "Securities and Exchange\nCommission": {"organization"}, "T.\nBoone Pickens": {"person"}}, got
    # "Pickens." ends a sentence: the break ends the span (its longest line, "The agency", is no name)


def test_a_web_page_s_lines_are_blocks_whose_names_end_at_the_break():
    """Web pages put one block on a line: "Veterans of Foreign Wars" / "Megan Slack" are two
    names (QA: joined without the hard-wrap check, 18 of 300 pages got such a join)."""
    text = ("Posted by the Veterans of Foreign Wars\nMegan Slack, Staff Writer\nShare This Story\n"
            "Read More News\nThe event starts at noon.\n")
    got = _got(text, ("Veterans of Foreign Wars\nMegan Slack", "organization"))
    assert got == {"Veterans of Foreign Wars": {"organization"}}, got


def test_an_indented_table_row_label_and_a_lone_legal_form_name_nothing():
    """QA (3,000 Reuters articles): the indented row label "Avg" was the second person of the
    archive (78 articles) and "Revs" the fourth; "Co Inc" of "Jefferies and Co Inc" (29) and a
    headline's "INC" (27) were companies; the sign-off "Reuter" a person."""
    text = ("ACME INC <ACM> 4TH QTR NET\n\nNEW YORK, March 3 - Shr loss two cts vs profit 11 cts\n"
            "    Avg shrs 10.2 mln vs 10.1 mln\n    Revs 205.4 mln vs 190.1 mln\n"
            "Analysts at Jefferies and Co Inc said Avg Industries, a supplier, and Group Lotus\n"
            "gained.\n Reuter\n")
    got = _got(text, ("INC", "organization"), ("Shr", "person"), ("Avg", "person"), ("Revs 205.4", "organization"),
               ("Co Inc", "organization"), ("Avg Industries", "organization"), ("Group Lotus", "organization"),
               ("Reuter", "person"))
    # the NER's "Co Inc" is no company alone, but the end of the firm's name (helper review)
    assert got == {"NEW YORK": {"location"}, "Jefferies and Co Inc": {"organization"}, "Avg Industries": {"organization"},
                   "Group Lotus": {"organization"}}, got


def test_an_acronym_spelled_out_in_the_article_is_no_lone_legal_form():
    """A legal form alone names no company ("AG", "INC"), unless the article spells it out:
    Reuters' "the official Saudi Press Agency SPA said" (SPA was dropped as the Italian S.p.A.)
    and "the American Soybean Association, ASA" (Norway's A/S form)."""
    text = ("SAUDI ARABIA REITERATES COMMITMENT\n\nThe official Saudi Press Agency SPA said the kingdom "
            "would not sell below official prices. Nazer, quoted by SPA, said the AG was wrong, the "
            "president of the American Soybean Association, ASA, said.\n")
    got = _got(text, ("Saudi Press Agency", "organization"), ("SPA", "organization"), ("AG", "organization"),
               ("American Soybean Association", "organization"), ("ASA", "organization"))
    assert got.get("SPA") == {"organization"} and got.get("ASA") == {"organization"}, got
    assert "AG" not in got, got


def test_no_mention_of_the_model_runs_across_a_paragraph_break():
    from search.entities import extract_mentions

    text = ("Earhart search falls short\n\nA two million dollar expedition that hoped to find wreckage from Amelia "
            "Earhart's final flight is on its way back to Hawaii.\n\nWatch: The Lost Journey Of Amelia Earhart\n\n"
            "Group Hopes To End Amelia Earhart Mystery\n\nThe group said it collected video and sonar data.")
    ms = extract_mentions(text)
    assert ms and not [m for m in ms if "\n" in m["text"]], ms

# -- cost follows the text, not its repeats ------------------------------------------------
# A 2 MB article of one paragraph repeated spent minutes here: steps that compared every
# dateline, results row or "(ACR)" with every span, or scanned the whole text once per mention.
# No timings: the tests count the work.

class _CountingSpan(Span):
    """A span that counts how often any span's position is read."""

    reads = 0

    def __getattribute__(self, name: str):
        if name in ("start", "end"):
            _CountingSpan.reads += 1
        return object.__getattribute__(self, name)


def _work(monkeypatch, paragraph: str, items: list[tuple], copies: int) -> tuple[int, int]:
    """Span position reads, and calls of str.find and str.startswith (the searches of the text and the
    comparisons of names), of postprocess on `copies` of `paragraph` with _span's items in each."""
    import search.entities.document as document

    monkeypatch.setattr(document, "Span", _CountingSpan)  # the spans the rules make count too
    text, spans = paragraph * copies, []
    for i in range(copies):
        for word, type_, *source in items:
            start = i * len(paragraph) + paragraph.index(word)
            spans.append(_CountingSpan(start, start + len(word), type_, *(source or ["ner"])))
    searches = 0

    def count(frame, event, arg) -> None:
        nonlocal searches
        if event == "c_call" and getattr(arg, "__name__", "") in ("find", "startswith"):
            searches += 1

    _CountingSpan.reads = 0
    sys.setprofile(count)
    try:
        postprocess(text, spans)
    finally:
        sys.setprofile(None)
    return _CountingSpan.reads, searches


@pytest.mark.parametrize("paragraph,items", [
    ("BAMAKO, Mali – Soldiers of Assimi Goita met officials.\n",  # a dateline in every paragraph
     [("BAMAKO", "location"), ("Mali", "location", "gazetteer"), ("Assimi Goita", "person")]),
    ("Leaders of the Economic Community of West African States (ECOWAS) met Assimi Goita.\n",
     [("Economic Community of West African States", "organization"), ("ECOWAS", "organization"),
      ("Assimi Goita", "person")]),
    ("Barcelona 3 Real Madrid 2\n",  # a long results table
     [("Barcelona", "organization"), ("Real Madrid", "location")]),
    ("The Osprey field rose, Mr Smith said.\n",  # each mine's name looked for in the whole text
     [("Osprey", "person"), ("Smith", "person")]),
    ("Shares of Triton Worldwide rose, said Canadian Worldwide Energy Ltd.\n",  # each name against each company
     [("Worldwide", "organization"), ("Canadian Worldwide Energy Ltd", "organization")]),
    ("Woodhouse, Drake and Carey said in their report.\n",  # each firm's name looked for in the whole text
     [("Woodhouse", "organization"), ("Drake", "person"), ("Carey", "person")]),
    ("Plantings shift to Sabah and Sarawak, and Mato Grosso do Sul.\n",  # each region's name read at its longest
     [("Sabah", "person"), ("Mato Grosso", "person")]),
    ("AmSouth Corp said Amsouth rose and Heublin is a unit of it, like Orbanco.\n",  # a company's other names
     [("AmSouth Corp", "organization"), ("Amsouth", "person"), ("Heublin", "person"), ("Orbanco", "person")]),
    ("Cie Generale des Etablissements Michelin said.\n",  # a Romance company's name read to its end
     [("Cie Generale des Etablissements", "organization"), ("Michelin", "person")]),
    ("Shamrock Holdings of California Inc said.\n",  # a company's words before "of"
     [("Shamrock", "person"), ("California Inc", "organization")]),
    ("Earlier, Wagner and Brown met Owens of Owens-Illinois Inc, the singer Bono and Kuwait's Sabah family.\n",
     [("Wagner", "person"), ("Brown", "person"), ("Owens", "person"), ("Owens-Illinois Inc", "organization"),
      ("Bono", "organization")]),  # an adverb, a company's part, an occupation, a family: once a name
    ("Hannover 96 coach Peter Neururer said.\n",  # a name's figure: its uses read once for the document
     [("Hannover 96", "organization"), ("Peter Neururer", "person")]),
], ids=["dateline", "acronym", "results", "facility", "company-opening", "firm", "region", "company-alone", "romance",
        "company-of", "part-occupation-family", "figure"])
def test_twice_the_repeats_is_twice_the_work(monkeypatch, paragraph, items):
    """Datelines, acronym definitions and results rows are matched with the spans near them; a mine's,
    a company's opening words' and a firm's name are judged once for the document, not per mention."""
    _work(monkeypatch, paragraph, items, 2)  # the caches a first document fills
    (once, searched_once), (twice, searched_twice) = (_work(monkeypatch, paragraph, items, n) for n in (20, 40))
    assert twice <= 2.2 * once, (once, twice)  # it was about 4x: every span against every row
    # it was 3.1x to 3.7x: a whole-text search per mention, or every name against every company (review)
    assert searched_twice <= 2.2 * searched_once, (searched_once, searched_twice)


def test_description_check_runs_once_per_spelling(monkeypatch):
    """"the Cabinet" is judged once for the document, not once per mention (each judgement
    scans the whole text)."""
    import search.entities.document as document

    calls = []
    judge = document._generic
    monkeypatch.setattr(document, "_generic", lambda *args: calls.append(args) or judge(*args))
    text = "The Cabinet met on Monday, and the Cabinet approved the budget. " * 30
    items = [("Cabinet", "organization", "ner", n) for n in range(60)]
    got = {m["text"]: bool(m.get("generic")) for m in postprocess(text, [_span(text, *it) for it in items])}
    assert got == {"Cabinet": True}
    assert len(calls) == 1


class _CountingText(str):
    """A text that counts the characters str.find searches in it."""

    searched = 0

    def find(self, sub, start=0, end=None):
        _CountingText.searched += (len(self) if end is None else end) - start
        return super().find(sub, start, end)


def test_repeats_of_names_are_found_without_a_search_per_name():
    """A str.find over the whole text for each name the document tagged cost names x length."""
    from search.entities.document import _occurrences

    names = ["Goita", "Keita", "New York"] + [f"Name{chr(97 + i)}" for i in range(20)]
    text = _CountingText("Goita met Keita in New York; Goita-Diaw and Keitas did not. " * 100)
    _CountingText.searched = 0
    got = _occurrences(text, names)
    assert len(got) == 300
    assert _CountingText.searched <= len(text), _CountingText.searched  # was 23 searches of the text


@pytest.mark.parametrize("text", [
    "Troop said. pro-Troop troops, Troop-led Troop_ _Troop 2Troop Troop",
    "Cabinet-level talks; the Cabinet met; Cabinets, CabinetX, Cabinetry and the Cabinet.",
    "Élysée_Élysée Élysée-Matignon Élyséex l'Élysée",
])
def test_word_index_finds_what_the_word_patterns_find(text):
    """The whole-word questions answered from one pass give the regexes' answers."""
    from search.entities.document import _WordIndex

    index = _WordIndex(text)
    for word in {w for w in re.findall(r"[^\W\d_]+", text)} | {"Troo", "Cab", "Élys"}:
        w = re.escape(word)
        assert index.hyphenated(word) == [m.start() for m in re.finditer(rf"(?<![\w\-]){w}(?![\w\-])", text)]
        assert index.plain(word) == [m.start() for m in re.finditer(rf"(?<!\w){w}(?!\w)", text)]
        assert index.extended(word) == bool(re.search(rf"(?<![\w\-]){w}[a-z]", text))


def test_a_state_abbreviated_in_a_dateline_is_that_state():
    """QA: "ROSEMONT, ILL., March 6 -" made "ILL" an organisation (and "Fla", "Wash" persons),
    and the dateline's place, not followed by a month, an organisation too."""
    text = "LYPHOMED SETS PAYOUT\n\nROSEMONT, ILL., March 6 - LyphoMed Inc said it would pay. Ill health aside.\n"
    ms = postprocess(text, [_span(text, "ROSEMONT", "organization"), _span(text, "ILL", "organization"),
                            _span(text, "LyphoMed Inc", "organization")])
    got = {m["text"]: (m["type"], m.get("base")) for m in ms}
    # the region is the dateline's, whatever the NER made of it (it no longer sees it: blank_datelines)
    assert got["ROSEMONT"] == ("location", None) and got["ILL."] == ("location", "Illinois"), got
    assert got["LyphoMed Inc"] == ("organization", None) and "ILL" not in got
    text = "Orders rise\n\nSEATTLE, Wash., March 2 - Boeing Co said orders rose. Wash. the cars, it said.\n"
    ms = postprocess(text, [_span(text, "Wash.", "person"), _span(text, "Wash.", "person", nth=1)])
    assert [(m["text"], m["type"], m.get("base")) for m in ms] == [
        ("SEATTLE", "location", None), ("Wash.", "location", "Washington"), ("Boeing Co", "organization", None),
        ("Wash.", "person", None)]


def test_names_the_ner_ran_across_a_dateline_are_kept_on_either_side_of_it():
    """CoNLL-2003: "... FAREWELL . Robert Kitson LONDON 1996-12-06 Centre Jason Little will miss" was one
    person to the NER, which saw the dateline blanked, and dropping it over the dateline lost the byline
    (17 of 231 test stories); Reuters' "...\n\nATLANTA, March 5 - Dixie Yarns Inc said" lost its company
    so, and the vote then made "Dixie" a person."""
    text = "Port strike ends . Mary Kowalski GDANSK 1996-12-06 Jan Nowak said the strike ended ."
    got = _got(text, ("Mary Kowalski GDANSK 1996-12-06 Jan Nowak", "person"))
    assert got == {"Mary Kowalski": {"person"}, "GDANSK": {"location"}, "Jan Nowak": {"person"}}, got
    text = "Yarn maker sets payout\n\nATLANTA, March 5 - Dixie Yarns Inc said it would pay.\n    The payout, Dixie said, is its first."
    got = _got(text, ("payout\n\nATLANTA, March 5 - Dixie Yarns Inc", "organization"), ("Dixie", "person", "ner", 1))
    assert got == {"ATLANTA": {"location"}, "Dixie Yarns Inc": {"organization"}, "Dixie": {"organization"}}, got
    # a common word the story opens with is no name, and the headline's words over the blank line none
    text = "EXPERTS URGE ERADICATION OF RINDERPEST\n\nROME, March 2 - World animal health experts met."
    assert _got(text, ("RINDERPEST\n\nROME, March 2 - World", "organization")) == {"ROME": {"location"}}
    text = "Plastic surgery booms . Ana Costa RIO DE JANEIRO 1996-12-06 Plastic surgery is booming ."
    got = _got(text, ("Ana Costa RIO DE JANEIRO 1996-12-06 Plastic", "person"))
    assert got == {"Ana Costa": {"person"}, "RIO DE JANEIRO": {"location"}}, got
    # near miss: a span whose longest line is the headline's keeps that line, as before
    text = "ACME WIDGET CORP SEES LOWER FIRST QUARTER\n\nDALLAS, March 2 - Shr"
    got = _got(text, ("ACME WIDGET CORP SEES LOWER FIRST QUARTER\n\nDALLAS, March 2 - Shr", "organization"))
    assert "Shr" not in got and got["DALLAS"] == {"location"}, got


def test_a_headline_s_car_is_a_car_unless_the_country_is_named():
    """QA: "CHRYSLER <C> FEBRUARY U.S. CAR OUTPUT OFF" made the Central African Republic a place
    of 12 in 3,000 Reuters articles: "CAR" is kept in capitals as the country's acronym."""
    from search.entities.truecase import truecase

    assert "CAR" not in truecase("FORD SAYS CAR OUTPUT FELL IN FEBRUARY\n\nDETROIT - Ford said.")
    assert "CAR" in truecase("REBELS ENTER CAR CAPITAL\n\nBANGUI - Rebels in the Central African Republic said.")


def test_a_state_s_abbreviation_and_its_name_are_one_place_shown_in_full():
    """QA: "Calif." (113 of 3,000 Reuters articles) and "California" (18) were two places."""
    from search.entities import DocMentions, resolve

    a = "Chip maker expands\n\nSANTA CLARA, Calif., April 13 - Data Technology Corp said it would expand.\n"
    b = "Growers worry\n\nFrost hit orange groves in California and in Fresno, Calif., on Monday.\n"
    res = resolve([
        DocMentions("a", postprocess(a, [_span(a, "Calif.", "location")])),
        DocMentions("b", postprocess(b, [_span(b, "California", "location"), _span(b, "Calif.", "location")])),
    ])
    places = [e for e in res.entities if e.type == "location" and "Calif" in " ".join(e.aliases)]
    assert [(e.name, e.documents) for e in places] == [("California", 2)], places


def test_a_state_abbreviated_without_its_full_stop_after_a_city_is_the_state():
    """Carried QA item: "of Tampa, Fla, said" left a place "Fla" of its own; a capitalised
    word of the right shape elsewhere ("Miss Smith", "the Ind said") is not a state."""
    text = "Deal\n\nAcme Inc of Tampa, Fla, said Miss Smith would run the plant in Jackson, Miss, near the Ind border.\n"
    ms = postprocess(text, [_span(text, "Fla", "location"), _span(text, "Miss", "location", None, 1),
                            _span(text, "Ind", "location")])
    got = {(m["text"], m["start"]): m.get("base") for m in ms}
    assert got[("Fla", text.index("Fla"))] == "Florida"
    assert got[("Miss", text.index("Miss,"))] == "Mississippi"
    assert got.get(("Ind", text.index("Ind"))) is None, got  # not after "City, "


def test_a_state_after_a_place_in_capitals_or_taken_for_a_person_is_the_state_and_named_so():
    """QA: "LARGO, Fla," and "CAPE CANAVERAL, Fla" (a person to the NER), "Boulder, Colo" (a
    person) and "Pike County, Ky." kept entities of their own; and a state's abbreviations
    alone ("Conn.", 37 articles) made a place named "Conn.", which `location=Connecticut` missed."""
    from search.entities import DocMentions, resolve

    a = "Launch\n\nCAPE CANAVERAL, Fla, March 3 - NASA said the launch was put off.\n"
    b = "Deal\n\nLARGO, Fla, March 3 - Acme said a plant in Boulder, Colo, and one in Pike County, Ky., would close.\n"
    c = "Insurer\n\nHARTFORD, Conn., March 3 - Aetna said it would pay more.\n"
    ma = postprocess(a, [_span(a, "Fla", "person")])
    mb = postprocess(b, [_span(b, "LARGO", "location"), _span(b, "Fla", "location"), _span(b, "Colo", "person"),
                         _span(b, "Ky.", "location")])
    mc = postprocess(c, [_span(c, "HARTFORD", "location"), _span(c, "Conn.", "location")])
    bases = {m["text"]: (m["type"], m.get("base")) for m in ma + mb + mc}
    assert bases["Fla"] == ("location", "Florida") and bases["Colo"] == ("location", "Colorado")
    assert bases["Ky."] == ("location", "Kentucky") and bases["Conn."] == ("location", "Connecticut")
    res = resolve([DocMentions("a", ma), DocMentions("b", mb), DocMentions("c", mc)])
    places = {e.name: e.documents for e in res.entities if e.type == "location"}
    assert places.get("Florida") == 2 and places.get("Connecticut") == 1 and places.get("Kentucky") == 1, places
    assert not {"Fla", "Conn.", "Ky.", "Colo"} & set(places), places


def test_a_company_s_country_is_no_part_of_its_name_and_its_middle_words_are():
    """QA: the NER's person "Stora Kopparbergs" left "Bergslags AB" out; a country's
    possessive before a company is no word of its name ("Britain's Imperial Chemical Industries
    Plc"), a company's own possessive is ("Moody's Investors Service Inc")."""
    text = ("It said Sweden's Stora Kopparbergs Bergslags AB would buy the mill, and Britain's Imperial "
            "Chemical Industries Plc agreed with Moody's Investors Service Inc. McLean Industries Inc's United "
            "States Lines Inc and the State-run Tanzania Railway Corporation agreed.")
    got = _got(text, ("Sweden", "location"), ("Stora Kopparbergs", "person"), ("McLean Industries Inc", "organization"),
               ("United States", "location"), ("Tanzania", "location"))
    assert got == {"Sweden": {"location"}, "Stora Kopparbergs Bergslags AB": {"organization"},
                   "Imperial Chemical Industries Plc": {"organization"},
                   "Moody's Investors Service Inc": {"organization"}, "McLean Industries Inc": {"organization"},
                   "United States Lines Inc": {"organization"}, "Tanzania Railway Corporation": {"organization"}}, got


def test_a_misspelt_word_opening_a_sentence_is_no_first_name():
    """QA: "Athough Reagan's topic was not disclosed" gave the person "Athough Reagan", who took
    the lone "Reagan" of 7 other articles; a rare given name stays ("Assimi Goita")."""
    text = "Talks\n\nAthough Reagan's topic was not disclosed, aides said. Assimi Goita agreed. Boubacar Keita too."
    got = _got(text, ("Athough Reagan", "person"), ("Assimi Goita", "person"), ("Boubacar Keita", "person"))
    assert got == {"Reagan": {"person"}, "Assimi Goita": {"person"}, "Boubacar Keita": {"person"}}, got


def test_an_owner_with_a_dotted_legal_form_is_a_company_of_its_own():
    """"Philips N.V.'s Consumer Electronics Division" stayed one organisation where "Coca-Cola
    Co's ..." was two: the rule read "N.V." as "n.v", which no legal form is."""
    text = "Philips N.V.'s Consumer Electronics Division said sales rose."
    got = _got(text, ("Philips N.V.'s Consumer Electronics Division", "organization"))
    assert got == {"Philips N.V.": {"organization"}, "Consumer Electronics Division": {"organization"}}, got


def test_a_title_s_abbreviation_ends_no_sentence():
    """"Mr. Young said" read as a sentence opening with the common word "Young": the person was
    dropped wherever the document wrote him only after "Mr.", and "Bush vs. Gore" lost Gore (2 of
    500 web pages). A real full stop still opens a sentence ("... the Amir. Troop said")."""
    text = "The chairman spoke on Monday. Mr. Young said the firm would grow. Analysts agreed with Mr. Young."
    assert _got(text, ("Young", "person"), ("Young", "person", "ner", 1)) == {"Young": {"person"}}
    text2 = "Confusing ballots trigger Bush vs. Gore again, voters fear."
    assert _got(text2, ("Bush", "person"), ("Gore", "person")) == {"Bush": {"person"}, "Gore": {"person"}}
    text3 = "They imprisoned the Amir. Troop said on Thursday to release him."
    assert _got(text3, ("Troop", "organization")) == {}


def _persons_resolved(text: str, *items: tuple) -> list[str]:
    from search.entities import DocMentions, resolve
    ms = postprocess(text, [_span(text, *it) for it in items])
    res = resolve([DocMentions("d", ms)])
    return res.for_doc("d")["person"]


def test_a_common_word_a_headline_or_sentence_start_capitalised_is_no_first_name():
    """A headline's "Defense Minister Collides With Putin" gave the person "Collides With Putin",
    and so the article's lone "Putin", with two full names to choose from, joined neither;
    "Definitely Rosie Garthwaite." answered a question (2 of 500 web pages)."""
    text = ("Kremlin Defense Minister Collides With Putin, Gets Fired\n\nIt has been a rocky few months. "
            "On Tuesday, Putin fired him after they collided over reforms. Vladimir Putin spoke.")
    items = (("Collides With Putin", "person"), ("Putin", "person", "ner", 1), ("Vladimir Putin", "person"))
    assert _got(text, *items) == {"Putin": {"person"}, "Vladimir Putin": {"person"}}
    assert _persons_resolved(text, *items) == ["Vladimir Putin"]
    # a common word between two names in a headline
    text3 = ("Late Poll Gains for Obama Leave Romney With Longer Odds\n\nEach gain leaves him behind. "
             "Mitt Romney was calm. Mr. Romney spoke.")
    items3 = (("Obama Leave Romney", "person"), ("Mitt Romney", "person"), ("Romney", "person", "ner", 2))
    assert _got(text3, *items3) == {"Romney": {"person"}, "Mitt Romney": {"person"}}
    assert _persons_resolved(text3, *items3) == ["Mitt Romney"]
    text2 = "Who is your new best friend?\n\nDefinitely Rosie Garthwaite. I definitely love Rosie Garthwaite's work."
    got2 = _got(text2, ("Definitely Rosie Garthwaite", "person"), ("Rosie Garthwaite", "person", "ner", 1))
    assert got2 == {"Rosie Garthwaite": {"person"}}, got2


@pytest.mark.parametrize("text, items, name", [
    # a given name as frequent in English as a common word, which the document never writes in lower case
    ("Robert Young chairs the firm. Mr. Young said it would grow.", (("Young", "person", "ner", 1),), "Robert Young"),
    # a given name that is a word, capitalised mid-sentence elsewhere
    ("Will Smith starred in it. Actor Will Smith said Smith will return.",
     (("Will Smith", "person", "ner", 1), ("Smith", "person", "ner", 2)), "Will Smith"),
    # the rest named nowhere else: the span stays whole
    ("Definitely Rosie Garthwaite. I definitely love her work.", (), "Definitely Rosie Garthwaite"),
    # a common word inside a sentence: not capitalised by its place
    ("The press met Following Ghesquière on Monday; following that, Ghesquière left.",
     (("Ghesquière", "person", "ner", 1),), "Following Ghesquière"),
])
def test_a_first_name_stays_where_its_case_is_its_own(text, items, name):
    start = text.index(name)
    ms = postprocess(text, [_span(text, name, "person"), *(_span(text, *it) for it in items)])
    assert [m["text"] for m in ms if m["end"] == start + len(name)] == [name], ms


def test_a_credit_rating_or_a_single_letter_is_no_organisation():
    """Reuters QA: in 300 rating articles "BBB" was an organisation in 21, "AAA" 18, "B-1" 13,
    and the "P" of "S and P" in 38."""
    text = ("Moody's Investors Service Inc said it lowered the ratings of USX Corp to BA-1 from "
            "BAA-3 and its paper to B-plus from BBB. S and P said the same.")
    for grade in ("BA-1", "BAA-3", "B-plus", "BBB"):
        assert not _kept(text, grade, "organization"), grade
    assert not _kept(text, "P", "organization")
    assert not _kept(text, "BBB", "location")  # the NER's place "BB" was in 34 of 2,900 articles
    assert _kept(text, "USX Corp", "organization")
    # near misses: a grade's letters where no rating is spoken of, and a name of two characters
    text2 = "The AAA said motorists should drive slowly. 3M said so too."
    assert _kept(text2, "AAA", "organization") and _kept(text2, "3M", "organization")


def test_a_ministry_s_field_or_a_feast_is_no_part_of_a_person():
    """Reuters QA: "Minister of Mines and Energy Subroto" gave the person "Energy Subroto" (5 of
    3,000 articles), "break for Easter" the person "Easter" (4)."""
    text = "Indonesian Minister of Mines and Energy Subroto told reporters."
    assert _got(text, ("Energy Subroto", "person")) == {"Subroto": {"person"}}
    text = "Congress is scheduled to break for Easter, Boren said."
    assert not _kept(text, "Easter", "person")
    assert _kept(text, "Boren", "person")
    text = "Ernest Energy said so."  # near miss: a surname that is no ministry field stays whole
    assert _kept(text, "Ernest Energy", "person")


@pytest.mark.parametrize("text, first, second, joined", [
    ("American Telephone and Telegraph Co said it would cut prices.", "American Telephone", "Telegraph Co",
     "American Telephone and Telegraph Co"),
    ("Shares of Hambrecht and\nQuist Inc rose.", "Hambrecht", "Quist Inc", "Hambrecht and\nQuist Inc"),
    # two companies in a list keep apart
    ("Lead managers are Merrill Lynch Capital Markets and Salomon Brothers Inc.", "Merrill Lynch Capital Markets",
     "Salomon Brothers Inc.", None),
    ("Credit Suisse and Swiss Bank Corp lead the issue.", "Credit Suisse", "Swiss Bank Corp", None),
    ("Cypress Partners L.P and Driftwood Ltd agreed.", "Cypress Partners L.P", "Driftwood Ltd", None),
    ("Ford and Chrysler Corp raised prices. Ford said demand was strong.", "Ford", "Chrysler Corp", None),
])
def test_a_company_named_with_and_is_one_organisation(text, first, second, joined):
    """Reuters QA: "American Telephone" and "Telegraph Co" were two organisations (10 of 3,000
    articles), and so were the parts of 15 other such names."""
    spans = [_span(text, first, "organization"), _span(text, second, "organization")]
    if text.count(first) > 1:  # the first part named again, as the NER gives it: "Ford said"
        spans.append(_span(text, first, "organization", "ner", 1))
    got = [m["text"] for m in postprocess(text, spans) if m["type"] == "organization"]
    if joined:
        assert got[0] == joined
    else:
        assert second in got and not any(" and " in g for g in got), got


def test_a_place_ending_in_a_legal_form_or_a_body_s_noun_is_an_organisation():
    """QA: "Brazilian Embassy", "Trans-Island Bus Service Pte Ltd", "Sears Plc" were places (the
    NER's); "West Bank" stays a place, and "U.S" without its last stop is the United States."""
    text = "The Brazilian Embassy said Trans-Island Bus Service Pte Ltd won a contract in the West Bank."
    got = _got(text, ("Brazilian Embassy", "location"), ("Trans-Island Bus Service Pte Ltd", "location"),
               ("West Bank", "location"))
    assert got == {"Brazilian Embassy": {"organization"}, "Trans-Island Bus Service Pte Ltd": {"organization"},
                   "West Bank": {"location"}}, got
    from search.entities.gazetteer import country_display

    assert country_display("U.S") == "United States"


def test_a_legal_form_written_with_stops_is_a_legal_form():
    """QA: "Sedio N.V." and "Carrozzeria Bertone S.P.A." were people, and "Harris said" after
    "Harris Associates L.P." a person (3 of 2,500 Reuters articles): the forms were compared with
    their stops ("n.v")."""
    text = "Sedio N.V. said it would buy shares. Sedio said the price was fair."
    assert _got(text, ("Sedio N.V.", "person"), ("Sedio", "person", "ner", 1)) == {
        "Sedio N.V.": {"organization"}, "Sedio": {"organization"}}



def test_a_person_named_before_a_country_ends_before_it():
    # the gazetteer claims the country, the NER the person; the two were glued into one person
    text = "Dilson Funaro left. But Lawson told Funaro Brazil had to act."
    got = _got(text, ("Dilson Funaro", "person"), ("Lawson", "person"), ("Funaro", "person", "ner", 1),
               ("Brazil", "location", "gazetteer"))
    assert got == {"Dilson Funaro": {"person"}, "Lawson": {"person"}, "Funaro": {"person"}, "Brazil": {"location"}}
    text = "Deng told visiting Secretary of State George Shultz China's recent troubles were over."
    got = _got(text, ("Deng", "person"), ("George Shultz", "person"), ("China", "location", "gazetteer"))
    assert got == {"Deng": {"person"}, "George Shultz": {"person"}, "China": {"location"}}


def test_a_first_name_before_a_place_is_one_name_with_it():
    text = "Michael Jordan scored 40. Michael Jordan said so. Samuel L. Jackson and Vernon E. Jordan came."
    got = _got(text, ("Michael", "person"), ("Jordan", "location", "gazetteer"), ("Michael", "person", "ner", 1),
               ("Jordan", "location", "gazetteer", 1), ("Samuel L.", "person"), ("Jackson", "location", "city"),
               ("Vernon E.", "person"), ("Jordan", "location", "gazetteer", 2))
    assert got == {"Michael Jordan": {"person"}, "Samuel L. Jackson": {"person"}, "Vernon E. Jordan": {"person"}}


def test_a_place_s_name_wrapped_over_two_lines_is_one_place():
    # hard-wrapped wire copy: most line breaks fall inside a sentence
    text = ("Exports to West\nGermany rose in the quarter, the\nministry said, and sales in New\n"
            "Jersey and the\nSouth were flat while the\ncompany said that South\nAfrica was\nquiet.")
    got = _got(text, ("West", "location"), ("Germany", "location", "gazetteer"), ("Jersey", "location"),
               ("South", "location", "ner", 0), ("Africa", "location", "gazetteer"))
    assert got == {"West\nGermany": {"location"}, "New\nJersey": {"location"}, "South": {"location"},
                   "South\nAfrica": {"location"}}


def test_the_name_after_a_company_s_initials_is_the_company():
    text = "Shearson made an offer to E.F. Hutton Group Inc that was rejected by Hutton. B.F. Goodrich Co said Goodrich"
    got = _got(text, ("E.F. Hutton Group Inc", "organization"), ("Hutton", "location", "ner", 1),
               ("B.F. Goodrich Co", "organization"), ("Goodrich", "person", "ner", 1))
    assert got["Hutton"] == {"organization"} and got["Goodrich"] == {"organization"}
    # near miss: a country's initials name no company's short name
    text = "U.S. West Inc said sales in the West rose."
    got = _got(text, ("U.S. West Inc", "organization"), ("West", "location", "ner", 1))
    assert got["West"] == {"location"}


def test_a_person_ending_in_a_business_word_is_a_company():
    text = "Texaco bought Getty Oil in 1984, and Ted Bates Worldwide said Peter Gold agreed."
    got = _got(text, ("Getty Oil", "person"), ("Ted Bates Worldwide", "person"), ("Peter Gold", "person"))
    assert got == {"Getty Oil": {"organization"}, "Ted Bates Worldwide": {"organization"}, "Peter Gold": {"person"}}


def test_a_country_misspelt_by_one_letter_is_that_country():
    text = "Exports to Uruaguay and Venezuala rose, said Ms Noland of Surinam and Malik."
    ms = postprocess(text, [_span(text, w, "person") for w in ("Uruaguay", "Venezuala", "Noland", "Surinam", "Malik")])
    got = {m["text"]: (m["type"], m.get("base")) for m in ms}
    assert got["Uruaguay"] == ("location", "Uruguay") and got["Venezuala"] == ("location", "Venezuela")
    # near misses: a word or a name ("Noland", "Surinam", "Malik" are in wordfreq), a short name
    assert got["Noland"] == got["Surinam"] == got["Malik"] == ("person", None)


def test_a_storm_and_its_name_are_no_entity_but_bodies_named_after_storms_are():
    text = ("Hurricane Sandy hit New Jersey. After Sandy, the National Hurricane Center and the "
            "Hurricane Relief Fund said Sandy Weill gave.")
    got = _got(text, ("Hurricane Sandy", "organization"), ("New Jersey", "location", "gazetteer"),
               ("Sandy", "organization", "ner", 1), ("National Hurricane Center", "organization"),
               ("Hurricane Relief Fund", "organization"), ("Sandy Weill", "person"))
    assert got == {"New Jersey": {"location"}, "National Hurricane Center": {"organization"},
                   "Hurricane Relief Fund": {"organization"}, "Sandy Weill": {"person"}}


def test_a_name_before_a_comma_and_a_us_state_is_a_place():
    text = ("The shooting killed 12 in Aurora, Colo., and Unimation left Danbury, Conn, for Peoples Bank of "
            "Nanticoke, Pa., said John Smith, Calif. state treasurer, and Perry, Texas Agriculture Commissioner.")
    got = _got(text, ("Aurora", "person"), ("Danbury", "organization"), ("Peoples Bank of Nanticoke", "organization"),
               ("John Smith", "person"), ("Perry", "person"))
    assert got["Aurora"] == {"location"} and got["Danbury"] == {"location"}
    # near misses: a body of the place; people before their state
    assert got["Peoples Bank of Nanticoke"] == {"organization"}
    assert got["John Smith"] == {"person"} and got["Perry"] == {"person"}


def test_a_storm_noun_in_lower_case_names_a_storm_too():
    text = "Homes damaged by superstorm Sandy were rebuilt, and since Sandy the Sandy Weill Center reopened."
    got = _got(text, ("Sandy", "organization"), ("Sandy", "organization", "ner", 1),
               ("Sandy Weill Center", "organization"))
    assert got == {"Sandy Weill Center": {"organization"}}
    # near miss: a lower-case word after the noun is no storm's name ("hurricane season")
    text = "The hurricane season began, said Season Jones."
    assert _got(text, ("Season Jones", "person")) == {"Season Jones": {"person"}}


def test_a_place_before_its_state_is_that_place_in_its_other_mentions():
    text = ("The shooting killed 12 in Aurora, Colo., last week. A victim of the Aurora shootings gave "
            "his lungs, and the Aurora massacre was mourned. Joe Perry said so.")
    got = _got(text, ("Aurora", "person"), ("Aurora", "person", "ner", 1), ("Aurora", "person", "ner", 2),
               ("Joe Perry", "person"))
    assert got == {"Aurora": {"location"}, "Joe Perry": {"person"}}
    text = "A home in Wilson, N.Y., exploded. The town of Wilson mourned."
    assert _got(text, ("Wilson", "location"), ("Wilson", "organization", "ner", 1)) == {"Wilson": {"location"}}
    # near miss: a person before a state's full name stays a person, in every mention
    text = "Said Perry, Texas Agriculture Commissioner. Perry also said no."
    assert _got(text, ("Perry", "person"), ("Perry", "person", "ner", 1)) == {"Perry": {"person"}}


def test_a_one_word_person_written_the_x_as_its_phrase_head_names_no_one():
    text = ("A hotel on the Moon was planned. Tom Hilton flew to the Moon. The Joker, like the Impossible, "
            "is back.")
    got = _got(text, ("Moon", "person"), ("Tom Hilton", "person"), ("Moon", "person", "ner", 1),
               ("Joker", "person"), ("Impossible", "person"))
    assert got == {"Tom Hilton": {"person"}}
    # near misses: a name modifying a noun, possessive or hyphenated; a family; a full name's surname
    text = ("The Reagan administration and the Bass family met the Wallenbergs, the Obama's aides and "
            "the Oscar-winning Hanks. Sun Myung Moon spoke; the Moon said no.")
    got = _got(text, ("Reagan", "person"), ("Bass", "person"), ("Wallenbergs", "person"), ("Obama", "person"),
               ("Oscar", "person"), ("Sun Myung Moon", "person"), ("Moon", "person", "ner", 1))
    assert got == {"Reagan": {"person"}, "Bass": {"person"}, "Wallenbergs": {"person"}, "Obama": {"person"},
                   "Oscar": {"person"}, "Sun Myung Moon": {"person"}, "Moon": {"person"}}


def test_a_time_stamp_and_a_drawn_out_word_name_no_one():
    text = ("Updated Nov 07, 2012 at 02:56am IST and 10:00 AM PST. Aaaaand Ohhh, said Anna Hill of 7-Eleven "
            "and AAA, and Alllure said so.")
    got = _got(text, ("02:56am IST", "organization"), ("10:00 AM PST", "organization"), ("Aaaaand", "person"),
               ("Ohhh", "person"), ("Anna Hill", "person"), ("7-Eleven", "organization"), ("AAA", "organization"),
               ("Alllure", "organization"))
    # near misses: a name with a figure (an organisation may hold one), a letter tripled in
    # capitals, a typo's tripled consonant
    assert got == {"Anna Hill": {"person"}, "7-Eleven": {"organization"}, "AAA": {"organization"},
                   "Alllure": {"organization"}}


def test_a_one_word_person_after_a_as_its_phrase_head_names_no_one():
    text = "Samantha DeBianchi is a Realtor and founder of a firm; a Kennedy aide agreed."
    got = _got(text, ("Samantha DeBianchi", "person"), ("Realtor", "person"), ("Kennedy", "person"))
    assert got == {"Samantha DeBianchi": {"person"}, "Kennedy": {"person"}}


def test_an_age_a_relative_or_the_speaker_beside_a_name_makes_it_a_person():
    # in any use of the name: the NER tagged "Eva" only where nothing tells a person
    text = ("Moviegoers said 52-year-old Clark Tabor shouted. Survivors include her mother, Joyce; her sister, "
            "Bear; and her nephew Whitney Hall. At last Eva and I went home; Eva liked it, as Eva said.")
    got = _got(text, ("Clark Tabor", "organization"), ("Joyce", "location"), ("Bear", "organization"),
               ("Whitney Hall", "organization"), ("Eva", "organization", "ner", 1), ("Eva", "organization", "ner", 2))
    assert got == {"Clark Tabor": {"person"}, "Joyce": {"person"}, "Bear": {"person"},
                   "Whitney Hall": {"person"}, "Eva": {"person"}}
    # near misses: a company after an age ("the 100-year-old Ford Motor Co"), a place we know, the
    # relative's employer, a name in capitals
    text = ("The 100-year-old Ford Motor Co said her son, Paris, met his brother, IBM. Her husband, "
            "Lehman Brothers banker, agreed, and Acme Widgets and I said no.")
    got = _got(text, ("Ford Motor Co", "organization"), ("Paris", "location"), ("IBM", "organization"),
               ("Lehman Brothers", "organization"), ("Acme Widgets", "organization"))
    assert got["Ford Motor Co"] == got["IBM"] == got["Lehman Brothers"] == {"organization"}
    assert got["Paris"] == {"location"}


def test_an_ampersand_ends_no_name_and_x_and_i_is_a_person():
    # the NER took "Eva &" for an organisation in 3 of 500 web pages ("Eva & I are done with babies")
    text = "Eva & I both ended up getting a coat, and Eva liked hers. Marks & Spencer sold them."
    got = _got(text, ("Eva &", "organization"), ("Eva", "organization", "ner", 1),
               ("Marks & Spencer", "organization"))
    # near miss: an ampersand inside a name
    assert got == {"Eva": {"person"}, "Marks & Spencer": {"organization"}}


def test_an_acronym_spelled_out_in_lower_case_is_no_name():
    text = ("Output of crude palm oil (CPO) rose, and the CPO export tax fell; gross domestic product (GDP) "
            "grew. The Crude Palm Oil Board (CPOB) and the American Petroleum Institute (API) met.")
    got = _got(text, ("CPO", "organization"), ("CPO", "organization", "ner", 1), ("GDP", "organization"),
               ("Crude Palm Oil Board", "organization"), ("CPOB", "organization"),
               ("American Petroleum Institute", "organization"), ("API", "organization"))
    # near misses: an acronym of a name in capitals
    assert got == {"Crude Palm Oil Board": {"organization"}, "CPOB": {"organization"},
                   "American Petroleum Institute": {"organization"}, "API": {"organization"}}


def test_a_name_after_newspaper_or_daily_is_the_publication():
    text = "The local daily al-Qabas quoted him, as al-Qabas often does, and the news agency Tass agreed."
    got = _got(text, ("al-Qabas", "person"), ("al-Qabas", "person", "ner", 1), ("Tass", "location"))
    assert got == {"al-Qabas": {"organization"}, "Tass": {"organization"}}
    # near misses: a name after a lower-case word that is no publication's; a place we know
    assert _got("He spoke daily with Tass.", ("Tass", "person")) == {"Tass": {"person"}}
    assert _got("It flies three daily Atlanta flights.", ("Atlanta", "location")) == {"Atlanta": {"location"}}


def test_a_name_after_its_trade_is_the_company():
    text = ("Consumer electronics retailer Best Buy cut the price, game maker Square Enix agreed, the "
            "investment banking firm Kahn and Harris sold, and the state oil company Petrobras paid.")
    got = _got(text, ("Best Buy", "person"), ("Square Enix", "person"), ("Kahn", "person"),
               ("Harris", "person"), ("Petrobras", "person"))
    # (the firm named after its partners is one organisation: _firms_of_names)
    assert got["Best Buy"] == got["Square Enix"] == got["Kahn and Harris"] == got["Petrobras"] == {"organization"}
    # near misses: trades that are people's too; a name after the noun's other uses; a place
    text = ("Publisher Rupert Murdoch, property developer Donald Trump, policy maker Janet Yellen and "
            "their rival Romney met at the company Steve Jobs founded, in a firm Jones ran; the construction "
            "company New York said no.")
    got = _got(text, ("Rupert Murdoch", "person"), ("Donald Trump", "person"), ("Janet Yellen", "person"),
               ("Romney", "person"), ("Steve Jobs", "person"), ("Jones", "person"), ("New York", "location"))
    assert got["Rupert Murdoch"] == got["Donald Trump"] == got["Janet Yellen"] == got["Romney"] == {"person"}
    assert got["Steve Jobs"] == got["Jones"] == {"person"}
    assert got["New York"] == {"location"}


def test_a_person_opening_with_a_bank_s_word_or_ending_with_a_business_s_is_a_company():
    text = ("Caisse d'Epargne de l'Etat lent, BANCO SANTANDER agreed, ICI Pharma sold, Societe Shell Chimie "
            "bought, and Frank Banks and Hydro Smith said so.")
    got = _got(text, ("Caisse d'Epargne de l'Etat", "person"), ("BANCO SANTANDER", "person"), ("ICI Pharma", "person"),
               ("Societe Shell Chimie", "person"), ("Frank Banks", "person"), ("Hydro Smith", "person"))
    assert got["Caisse d'Epargne de l'Etat"] == got["BANCO SANTANDER"] == got["ICI Pharma"] == {"organization"}
    assert got["Societe Shell Chimie"] == {"organization"}
    # near misses: the word elsewhere in the name
    assert got["Frank Banks"] == got["Hydro Smith"] == {"person"}


def test_an_organisation_s_name_wrapped_at_its_and_is_one_name():
    # hard-wrapped wire copy: most line breaks fall inside a sentence
    text = ("It filed with the Securities and\nExchange Commission a plan, the\ncompany said, and the "
            "Iranian Army and\nRevolutionary Guards Corps backed it, as did\nMatsushita\nand Mitsui, said the "
            "President of\nCargill Investors Services in the\nstatement.")
    got = _got(text, ("Exchange Commission", "organization"), ("Iranian Army", "organization"),
               ("Revolutionary Guards Corps", "organization"), ("Mitsui", "organization"),
               ("Cargill Investors Services", "organization"))
    assert got == {"Securities and\nExchange Commission": {"organization"}, "Iranian Army": {"organization"},
                   "Revolutionary Guards Corps": {"organization"}, "Mitsui": {"organization"},
                   "Cargill Investors Services": {"organization"}}
    # a name going on with a common word ending in s, not a possessive ("Business", not "busine")
    text = "It was backed by the Retail and\nBusiness Council on\nTuesday, the\ngroup said."
    assert _got(text, ("Business Council", "organization")) == {"Retail and\nBusiness Council": {"organization"}}


def test_a_legal_form_with_dots_ends_a_company_as_one_without():
    """"Erbamont N.V." and "Tractebel S.A." were missed where the NER saw nothing (the rule knew
    "NV", not "N.V."); "Akzo N.V. and" + "BP North America Inc" was one company ("N.V." read as
    "n.v"); a place before a form inside a longer name became a company of its own ("Venezuela
    S.A." beside "Petroleos de Venezuela S.A."; "Gulf Corp" beside "Georgia Gulf Corp" in 2 of
    2,500 Reuters articles). A form before the name is no end: "and N.V. Philips"."""
    text = ("Erbamont N.V. said Petroleos de Venezuela S.A. and Tractebel S.A. of Belgium would join Akzo N.V. "
            "and BP North America Inc, with Georgia Gulf Corp and N.V. Philips.")
    got = _got(text, ("Petroleos de", "organization"), ("Venezuela", "location"), ("Belgium", "location"),
               ("Akzo N.V.", "organization"), ("North America", "location"), ("Georgia", "location"),
               ("Philips", "organization"))
    assert got == {"Erbamont N.V.": {"organization"}, "Petroleos de Venezuela S.A.": {"organization"},
                   "Tractebel S.A.": {"organization"}, "Belgium": {"location"}, "Akzo N.V.": {"organization"},
                   "BP North America Inc": {"organization"}, "Georgia Gulf Corp": {"organization"},
                   "Philips": {"organization"}}, got


def test_a_name_holding_a_parenthesis_is_taken_whole():
    """The NER took names from inside a parenthesis: "China Development Finance Co (H.K.) Ltd"
    was two companies, one of them "H.K.) Ltd"; "Bangladesh Shilpa⏎(Industrial) Bank" the place
    "Bangladesh" and "Industrial) Bank"; an editor's brackets gave the IMF the spelling
    "International Monetary) Fund" (8 mentions in 2,500 Reuters articles and 500 web pages).
    A ")" inside a word is no name's ("(Y)ou", "XOP)which")."""
    text = ("China Development Finance Co (H.K.) Ltd will lend to Bangladesh Shilpa\n(Industrial) Bank, he told "
            "the (International Monetary) Fund. \u201c(Y)ou meet it,\u201d Walker said of the ETF (AMEX: XOP)which "
            "rose. The Fed (Federal Reserve Board) and Acme (UK) agreed. The (World) Bank did not.")
    got = _got(text, ("China Development Finance Co", "organization"), ("H.K.) Ltd", "organization"),
               ("Bangladesh", "location"), ("Industrial) Bank", "organization"),
               ("International Monetary) Fund", "organization"), ("Y)ou", "organization"), ("Walker", "person"),
               ("XOP)which", "person"), ("Fed", "organization"), ("Federal Reserve Board", "organization"),
               ("Acme", "organization"), ("UK", "location"), ("World) Bank", "organization"))
    assert got == {"China Development Finance Co (H.K.) Ltd": {"organization"},
                   "Bangladesh Shilpa\n(Industrial) Bank": {"organization"},
                   "(International Monetary) Fund": {"organization"}, "Walker": {"person"},
                   "Fed": {"organization"}, "Federal Reserve Board": {"organization"},  # balanced: as they were
                   "Acme": {"organization"}, "UK": {"location"}, "(World) Bank": {"organization"}}, got


def test_a_company_with_a_bracketed_qualifier_before_its_legal_form_is_one_name():
    """"Cheung Kong (Holdings) Ltd" was the place "Cheung Kong", "Sony (U.K.) Ltd" the person
    "Sony", "Indosuez Asia⏎(Singapore) Ltd" the places "Asia" and "Singapore", "Nikko Securities
    Co (Europe) Ltd" the parent company and the place "Europe": 19 of the 24 such names in 2,500
    Reuters articles were not taken whole. Its short name is the company too ("Cheung Kong
    rose"). From where the NER's organisation starts ("Bank of Tokyo (Holland) NV"); across
    "and" to a "Co" ("Teck Hock and Co (Pte) Ltd"); not across an owner's
    possessive, a sentence's end, another stop word or a headline in capitals, and not without a
    legal form ("Acme (UK) agreed") or a name before the forms ("said Co (Pte) Ltd")."""
    text = ("The three are Cheung Kong (Holdings) Ltd and Sony (U.K.) Ltd, with Indosuez Asia\n(Singapore) Ltd "
            "and Japan's Nikko Securities Co (Europe) Ltd. Cheung Kong rose. The Bank of Tokyo (Holland) NV rose. Qintex Inc's Qintex America (Media) Ltd "
            "said. He went to Tokyo. Yamaichi International\n(Europe) Ltd said Acme (UK) agreed. The trader "
            "<Teck Hock and Co (Pte) Ltd> and one said Co (Pte) Ltd.\n\n"
            "HOLDERS IN ACME (UK) PLC")
    got = _got(text, ("Cheung Kong", "location", "ner", 0), ("Sony", "person"), ("Asia", "location"),
               ("Singapore", "location"), ("Japan", "location"), ("Nikko Securities Co", "organization"),
               ("Bank of Tokyo", "organization"), ("Europe", "location", "ner", 0),
               ("Cheung Kong", "location", "ner", 1), ("Qintex Inc", "organization"),
               ("Qintex America", "organization"), ("Tokyo", "location", "ner", 1), ("Europe", "location", "ner", 1),
               ("Acme", "organization"), ("UK", "location"), ("Teck Hock", "person"))
    assert got == {"Cheung Kong (Holdings) Ltd": {"organization"}, "Sony (U.K.) Ltd": {"organization"},
                   "Indosuez Asia\n(Singapore) Ltd": {"organization"},
                   "Nikko Securities Co (Europe) Ltd": {"organization"}, "Cheung Kong": {"organization"},
                   "Japan": {"location"}, "Bank of Tokyo (Holland) NV": {"organization"},
                   "Qintex Inc": {"organization"}, "Qintex America (Media) Ltd": {"organization"},
                   "Tokyo": {"location"}, "Yamaichi International\n(Europe) Ltd": {"organization"},
                   "Acme": {"organization"}, "UK": {"location"}, "Teck Hock and Co (Pte) Ltd": {"organization"}}, got


def test_a_legal_form_ends_a_company_the_ner_ran_on_into_the_next():
    """The NER ran two companies into one where a legal form ends the first: "Kidder, Peabody
    and Co Inc and Dillon, Read and Co Inc", "CTS Corp and Dynamics Corp", and across a
    sentence's end, "Bear, Stearns and Co Inc. Toomay", "Hitachi Ltd. RWE AG" (7 mentions of
    2,500 Reuters articles and 500 web pages). A form or a business word after the stop goes
    on with the name ("Plessey Co. Plc", "Nikko Securities Co. International"). A name that ends
    in a form takes no form after it ("SNC-Lavalin Group Inc." + "Toshiba Corp.")."""
    text = ("The notes were priced by Kidder, Peabody and Co Inc and Dillon, Read and Co Inc, lead managers. "
            "Terms were set by Bear, Stearns and Co Inc. Toomay said it agreed. CTS Corp and Dynamics Corp "
            "merged. Nikko Securities Co. International and Plessey Co. Plc rose, as did Hitachi Ltd. RWE AG fell. "
            "Akzo N.V. and Shell Oil Co & Exxon Corp agreed. It joined SNC-Lavalin Group Inc. Toshiba Corp. bid.")
    got = _got(text, ("Kidder, Peabody and Co Inc and Dillon, Read and Co Inc", "organization"),
               ("Bear, Stearns and Co Inc. Toomay", "organization"), ("CTS Corp and Dynamics Corp", "organization"),
               ("Nikko Securities Co. International", "organization"), ("Plessey Co. Plc", "organization"),
               ("Hitachi Ltd. RWE AG", "organization"), ("Akzo N.V. and Shell Oil Co & Exxon Corp", "organization"),
               ("SNC-Lavalin Group Inc.", "organization"), ("Toshiba Corp.", "organization"))
    assert got == {"Kidder, Peabody and Co Inc": {"organization"}, "Dillon, Read and Co Inc": {"organization"},
                   "Bear, Stearns and Co Inc": {"organization"}, "Toomay": {"organization"},
                   "CTS Corp": {"organization"}, "Dynamics Corp": {"organization"},
                   "Nikko Securities Co. International": {"organization"}, "Plessey Co. Plc": {"organization"},
                   "Hitachi Ltd": {"organization"}, "RWE AG": {"organization"}, "Akzo N.V.": {"organization"},
                   "Shell Oil Co": {"organization"}, "Exxon Corp": {"organization"},
                   "SNC-Lavalin Group Inc.": {"organization"}, "Toshiba Corp.": {"organization"}}, got


def test_a_people_s_adjective_is_no_name_whatever_the_ner_took_it_for():
    """spaCy tags "Ukrainian" and "Zambian" as places now and then (its NORP, which we do not
    keep, most of the time): "a group of Ukrainian lawmakers" gave the place "Ukrainian" (7
    mentions of 2,500 Reuters articles and 500 web pages). The country and a Finnish-inflected
    name ("Malin", a machine translation's artifact) stay, and so does an organisation so named
    ("American", the airline: CoNLL-2003's gold has 4)."""
    text = ("A group of Ukrainian lawmakers met Zambian and Chinese officials in Ukraine. "
            "Malin the military commanders took power in Mali. Fares at American fell in March.")
    got = _got(text, ("Ukrainian", "location"), ("Zambian", "location"), ("Chinese", "person"),
               ("Ukraine", "location"), ("Malin", "location"), ("Mali", "location", "ner", 1),
               ("American", "organization"))
    assert got == {"Ukraine": {"location"}, "Malin": {"location"}, "Mali": {"location"},
                   "American": {"organization"}}, got


def test_a_people_s_adjective_the_ner_took_for_an_organisation_is_no_name():
    """"11 Kuwaiti tankers", "The Ugandan government": the NER's organisation or place (119
    mentions of 19,043 Reuters stories; "Kuwaiti" was both an organisation and a place entity).
    The company named with it stays."""
    text = ("Reagan will protect 11 Kuwaiti tankers. The Ugandan government depends on coffee. "
            "Uruguayan suppliers agreed. Kuwaiti Oil Tanker Co owns them.")
    got = _got(text, ("Kuwaiti", "organization"), ("Ugandan", "organization"), ("Uruguayan", "organization"),
               ("Kuwaiti Oil Tanker Co", "organization"), ("Kuwaiti", "location", "ner", 0))
    assert got == {"Kuwaiti Oil Tanker Co": {"organization"}}, got


@pytest.mark.parametrize("word, country", [
    ("Ukrainian", "Ukraine"), ("Malian", "Mali"), ("Chinese", "China"), ("Mexican", "Mexico"),
    ("Kenyan", "Kenya"), ("American", "United States"), ("Sudanese", "Sudan"),
    ("Malin", None), ("Mali", None), ("Iran", None), ("Indiana", None), ("Caribbean", None), ("Parisian", None),
])
def test_demonym_country(word, country):
    from search.entities.gazetteer import demonym_country

    assert demonym_country(word) == country


def test_a_partnership_s_name_is_one_organisation_not_its_partners():
    """The NER made "Prescott" and "Ball" people and "Turben Inc" a company of "Prescott, Ball and
    Turben Inc", and "Pierce" and "Smith Inc" companies of "Merrill Lynch, Pierce, Fenner and
    Smith Inc" (7 of 2,500 Reuters articles; the 19,000 bodies write 95 such names, most of
    which the NER had whole: "Kidder, Peabody and Co Inc"). Not a list of
    companies with forms of their own ("Benson Ltd, Kidder, Peabody and Co Ltd" is two), nor
    one a span runs into ("Merrill Lynch Pierce, Fenner and Smith Inc" where the NER tagged "Merrill Lynch")."""
    text = ("Underwriters are Prescott, Ball and Turben Inc and Merrill Lynch, Pierce, Fenner and Smith\nInc, it said. "
            "Alex, Brown and Sons Inc said. Benson Ltd, Kidder, Peabody and Co Ltd will manage it. "
            "Shares of Ford, Chrysler and General Motors Corp fell. The Mail, Express and Star Ltd rose. "
            "Burns, Pauli and Co Inc sold it.")
    got = _got(text, ("Prescott", "person"), ("Ball", "person"), ("Turben Inc", "organization"),
               ("Merrill Lynch", "organization"), ("Pierce", "organization"), ("Smith\nInc", "organization"),
               ("Alex", "person"), ("Benson Ltd", "organization"), ("Kidder, Peabody and Co Ltd", "organization"),
               ("Ford", "organization"), ("Chrysler", "organization"), ("Chrysler and General Motors Corp", "organization"),
               ("Burns", "person"), ("Pauli and Co Inc", "organization"))
    assert got == {"Prescott, Ball and Turben Inc": {"organization"},
                   "Merrill Lynch, Pierce, Fenner and Smith\nInc": {"organization"},
                   "Alex, Brown and Sons Inc": {"organization"}, "Benson Ltd": {"organization"},
                   "Kidder, Peabody and Co Ltd": {"organization"}, "Ford": {"organization"},
                   "Chrysler and General Motors Corp": {"organization"},
                   "Mail, Express and Star Ltd": {"organization"}, "Burns, Pauli and Co Inc": {"organization"}}, got
    # at a sentence's end the name takes the stop the NER gave its last partner ("Turben Inc."), and no other
    text = "It was sold by Prescott, Ball and Turben Inc. Alex, Brown and Sons Inc. bought it."
    assert _got(text, ("Prescott", "person"), ("Ball", "person"), ("Turben Inc.", "organization")) == {
        "Prescott, Ball and Turben Inc.": {"organization"}, "Alex, Brown and Sons Inc": {"organization"}}
    # a span of the NER's running into the name: the partners after it are the name
    text = "The firm hired Merrill Lynch Pierce, Fenner and Smith Inc to advise it."
    assert _got(text, ("Merrill Lynch", "organization"), ("Pierce", "organization")) == {
        "Merrill Lynch": {"organization"}, "Pierce, Fenner and Smith Inc": {"organization"}}


def test_federal_funds_are_no_organisation():
    text = "Dealers said that Federal funds were trading at 6-7/16 pct. The Federal Reserve did not act."
    got = _got(text, ("Federal", "organization"), ("Federal Reserve", "organization"))
    assert got == {"Federal Reserve": {"organization"}}
    # near miss: a bank of that name keeps its mention
    text = "Shares of Federal rose after the company said it would buy the thrift."
    assert _got(text, ("Federal", "organization")) == {"Federal": {"organization"}}


def test_a_ship_is_no_name():
    """Reuters: the NER made the frigate "Stark" and the carrier "Kitty Hawk" people, the tanker
    "Sea Isle City" a place (56 mentions of 19,043 stories). A person of the ship's name, a
    place's other mentions, an airline after "carrier" and the verb "ship" stay."""
    text = ("The Iraqi attack on the U.S. frigate Stark killed 37. The Stark was hit twice, Rep. Pete Stark said. "
            "The battleship Missouri sailed from Missouri. The tanker the Sea Isle City was hit. "
            "KLM talked to U.S. carrier TWA. Exporters plan to ship SRW wheat.")
    got = _got(text, ("Stark", "person"), ("Stark", "person", "ner", 1), ("Pete Stark", "person"),
               ("Missouri", "location"), ("Missouri", "location", "ner", 1), ("Sea Isle City", "location"),
               ("TWA", "organization"), ("SRW", "organization"))
    assert got == {"Pete Stark": {"person"}, "Missouri": {"location"}, "TWA": {"organization"},
                   "SRW": {"organization"}}, got
    ms = postprocess(text, [_span(text, "Missouri", "location"), _span(text, "Missouri", "location", "ner", 1)])
    assert [m["start"] for m in ms] == [text.index("from Missouri") + 5]
    # the verb after a modal or a negation
    text = "Exporters will ship Cargill grain and won't ship Bunge grain; barges could ferry Marines."
    got = _got(text, ("Cargill", "organization"), ("Bunge", "organization"), ("Marines", "organization"))
    assert got == {"Cargill": {"organization"}, "Bunge": {"organization"}, "Marines": {"organization"}}, got


def test_a_firm_s_part_in_an_issue_is_no_part_of_its_name_and_makes_it_no_person():
    """Reuters: "Underwriter Merrill Lynch and Co Inc <MER> said" gave the organisation with its
    role kept ("Underwriter Merrill Lynch and Co Inc"), and "said lead manager Drexel Burnham",
    "lead manager Swiss Volksbank said" gave people (10 of the 577 stories naming a lead manager)."""
    text = ("Underwriter Merrill Lynch and Co Inc <MER> said an initial public offering of 1.2 mln shares "
            "of Seacoast Savings is underway at 10 dlrs per share.")
    assert _got(text, ("Underwriter Merrill Lynch", "organization"), ("Co Inc", "organization")) == {
        "Merrill Lynch and Co Inc": {"organization"}}
    text = ("The notes are priced at par, said lead manager Drexel Burnham. The bonds, priced at 101-3/4 pct, "
            "joint-lead manager Swiss Volksbank said.")
    assert _got(text, ("Drexel Burnham", "person"), ("Swiss Volksbank", "person")) == {
        "Drexel Burnham": {"organization"}, "Swiss Volksbank": {"organization"}}
    # near misses: the plural opening a company's name; managers who are people
    text = ("Underwriters Laboratories Inc tested the device, said general manager Edgar Baker. "
            "Fund manager John Coal bought the notes.")
    got = _got(text, ("Underwriters Laboratories Inc", "organization"), ("Edgar Baker", "person"),
               ("John Coal", "person"))
    assert got == {"Underwriters Laboratories Inc": {"organization"}, "Edgar Baker": {"person"},
                   "John Coal": {"person"}}, got


def test_a_trade_name_s_contracted_and_joins_its_words():
    """Reuters: "Pay 'N Pak Stores Inc said ..." opening a story gave the company "Pak Stores Inc"
    (the NER left the name untagged; the company's start stopped at "'N")."""
    text = "Pay 'N Pak Stores Inc said it intends to explore all alternatives. Analysts said Pay 'N Pak could be sold."
    assert _got(text, ("Pay 'N Pak", "organization", "ner", 1)) == {
        "Pay 'N Pak Stores Inc": {"organization"}, "Pay 'N Pak": {"organization"}}
    # near miss: a lower-case word before the contraction is no name's
    text = "Fans of rock 'n' roll Acme Inc said sales rose."
    assert _got(text) == {"Acme Inc": {"organization"}}


def test_a_common_word_opening_a_list_item_after_a_stock_symbol_is_no_name():
    """Reuters' lists of filings, "Intermark Inc <IMI> - Offering of 40 mln dlrs of convertible
    debentures": the NER made "Offering" a person in 7 of the 9 items of one story."""
    text = ("The following offerings were filed with the SEC: Intermark Inc <IMI> - Offering of 40 mln dlrs of "
            "convertible debentures. Avery International Corp <AVY> - Offering of two mln shares of common stock.")
    got = _got(text, ("Intermark Inc", "organization"), ("Offering", "person"),
               ("Avery International Corp", "organization"), ("Offering", "person", "ner", 1))
    assert got == {"Intermark Inc": {"organization"}, "Avery International Corp": {"organization"}}, got
    # near misses: a person after any other dash; a surname the document writes capitalised elsewhere
    text = "The winner - Baker of Texas - won the vote."
    assert _got(text, ("Baker", "person")) == {"Baker": {"person"}}
    text = "Acme Corp <ACM> - Coal said sales rose, the chairman, Mr Coal, added."
    assert _got(text, ("Coal", "person"), ("Coal", "person", "ner", 1))["Coal"] == {"person"}


def test_a_common_word_after_the_and_a_capitalised_word_is_the_end_of_a_thing_s_name():
    """Reuters: "a government decree in the Official Gazette said" gave the person "Gazette"."""
    text = "Importers will pay more, a government decree in the Official Gazette said."
    assert _got(text, ("Gazette", "person")) == {"Official Gazette": {"organization"}}
    # near misses: a title, a rare adjective, a rare surname, a surname the document gives a person
    for text, name in (("The statement, the Reverend Baker said, was read.", "Baker"),
                       ("Later the Texan Baker said no.", "Baker"), ("The Ayatollah Khomeini spoke.", "Khomeini"),
                       ("They met the Soviet Baker.", "Baker")):
        assert _got(text, (name, "person")) == {name: {"person"}}, text
    text = "Republican James Baker spoke first; then the Republican Baker won the vote."
    assert _got(text, ("James Baker", "person"), ("Baker", "person", "ner", 1)) == {
        "James Baker": {"person"}, "Baker": {"person"}}


def test_a_firm_named_after_its_partners_is_one_organisation_not_people():
    """Reuters: "Duff and Phelps said it lowered the ratings", "investors Wagner and Brown" and
    "through Drexel Burnham and Lambert" gave the people "Phelps", "Brown" and "Lambert"."""
    text = "Duff and Phelps said it lowered the ratings on Atlantic Richfield debt."
    assert _got(text, ("Phelps", "person")) == {"Duff and Phelps": {"organization"}}
    text = "General Partners is owned by investors Wagner and Brown and AFG Industries Inc."
    assert _got(text, ("Wagner", "person"), ("Brown", "person"))["Wagner and Brown"] == {"organization"}
    text = "It raised 260 mln dlrs from offerings through Drexel Burnham and Lambert."
    assert _got(text, ("Drexel Burnham", "organization"), ("Lambert", "person")) == {
        "Drexel Burnham and Lambert": {"organization"}}
    # near misses: two people, each named alone too or in full or after a title
    text = "In Paris, Baker and Lawson said it was stable, and later Baker said the dollar would hold."
    assert _got(text, ("Baker", "person"), ("Lawson", "person"), ("Baker", "person", "ner", 1)) == {
        "Baker": {"person"}, "Lawson": {"person"}}
    text = "The issue was led by Wood Gundy Inc and Brown, Baldwin Nisker Ltd through brokers."
    assert "Wood Gundy Inc and Brown" not in _got(text, ("Wood Gundy Inc", "organization"), ("Brown", "person"))
    text = "The talks, Baker and Lawson said, went well."
    assert _got(text, ("Baker", "person"), ("Lawson", "person")) == {"Baker": {"person"}, "Lawson": {"person"}}
    text = "Treasury Secretary James Baker met Lawson. Later Baker and Coal said the talks went well."
    got = _got(text, ("James Baker", "person"), ("Lawson", "person"), ("Coal", "person"))
    assert got["Coal"] == {"person"} and "Baker and Coal" not in got, got
    text = "The talks were held by Chancellor Kohl and Coal, officials said."
    assert "Kohl and Coal" not in _got(text, ("Kohl", "person"), ("Coal", "person"))


def test_a_firm_named_after_its_partners_is_whole_across_a_line_and_where_the_ner_read_a_partner_a_firm():
    """Reuters wrote "Wagner and Brown", an oil firm, in 22 stories: 18 gave the organisation "Wagner" and
    the person "Brown", as the NER read it, where a line broke the name ("investors Wagner and\nBrown",
    "<Wagner\nand Brown>"; "Wagner\nand Brown and AFG Industries Inc" gave "Brown and AFG Industries Inc")
    or nothing but the NER told a firm ("privately-held Wagner and Brown", "AFG and Wagner and Brown
    offered"); that "Wagner" was one entity with the Russian group Wagner. Once a firm, every use of its
    name is: "Pratt and Whitney" left the organisation "Whitney" where the NER read that alone."""
    def flat(got: dict) -> dict:
        return {" ".join(k.split()): v for k, v in got.items()}

    text = "General Partners is equally owned by investors Wagner and\nBrown and glass-maker AFG Industries Inc."
    assert flat(_got(text, ("Wagner", "organization"), ("Brown", "person")))["Wagner and Brown"] == {"organization"}
    text = "Last fall, AFG and Wagner and Brown offered to acquire Lear Siegler Inc."
    got = _got(text, ("AFG", "organization"), ("Wagner", "organization"), ("Brown", "person"))
    assert got["Wagner and Brown"] == {"organization"} and "Brown" not in got, got
    mercenaries = "Western countries criticised Mali for letting the Russian group Wagner operate there."
    res = resolve([DocMentions("firm", postprocess(text, [_span(text, "AFG", "organization"), _span(
        text, "Wagner", "organization"), _span(text, "Brown", "person")])), DocMentions("group", postprocess(
            mercenaries, [_span(mercenaries, "Wagner", "organization")]))])
    assert res.for_doc("firm")["organization"] == ["AFG", "Wagner and Brown", "Lear Siegler Inc"]
    assert set(res.for_doc("group")["organization"]).isdisjoint(res.for_doc("firm")["organization"])
    text = "General Partners, a partnership of privately-held <Wagner\nand Brown> and AFG Industries Inc <AFG>, met."
    assert flat(_got(text, ("Wagner", "organization")))["Wagner and Brown"] == {"organization"}
    text = "The partnership, which includes Wagner\nand Brown and AFG Industries Inc. The company said no."
    got = flat(_got(text, ("Wagner", "organization"), ("Brown", "person"), ("AFG Industries Inc", "organization")))
    assert got == {"Wagner and Brown": {"organization"}, "AFG Industries Inc": {"organization"}}, got
    text = "Swissair will buy Pratt and Whitney engines. Pratt and\nWhitney is a division of United Technologies."
    got = [(" ".join(m["text"].split()), m["type"]) for m in postprocess(text, [_span(text, *it) for it in (
        ("Pratt", "organization"), ("Whitney", "person"), ("Whitney", "organization", "ner", 1))])]
    assert got == [("Pratt and Whitney", "organization")] * 2, got
    # near misses: a company and a person the NER read so, each named alone too or in full
    text = "Texaco and Pennzoil went to court. Pennzoil said it would appeal."
    got = _got(text, ("Texaco", "organization"), ("Pennzoil", "person"), ("Pennzoil", "person", "ner", 1))
    assert "Texaco and Pennzoil" not in got, got
    text = "Chairman Lee Iacocca spoke. Later Chrysler and\nIacocca said the plan would work."
    got = _got(text, ("Lee Iacocca", "person"), ("Chrysler", "organization"), ("Iacocca", "person"))
    assert got["Iacocca"] == {"person"} and got["Chrysler"] == {"organization"}, got


def test_a_word_of_the_document_s_company_alone_is_that_company_not_a_person():
    """Reuters: after "Telefon AB L.M. Ericsson" and "Promac Controls Inc", "Ericsson also said" and
    "Promac Controls will be part of" gave the people "Ericsson" and "Promac Controls"; "Showa
    Shell said" after "Showa Shell Sekiyu KK" the person "Showa Shell" and so the surname "Shell"."""
    text = "Sweden's Telefon AB L.M. Ericsson said it won a contract. Ericsson also said it would grow."
    assert _got(text, ("Telefon AB L.M. Ericsson", "organization"), ("Ericsson", "person", "ner", 1))["Ericsson"] \
        == {"organization"}
    text = "Showa Shell Sekiyu KK raised prices, Showa Shell said. Shell's product sells well."
    got = _got(text, ("Showa Shell Sekiyu KK", "organization"), ("Showa Shell", "person", "ner", 1),
               ("Shell", "person", "ner", 2))
    assert got["Showa Shell"] == {"organization"} and got["Shell"] == {"organization"}, got
    # near misses: a title before the word, a person the document names in full, a firm named
    # after its founder, the word in an organisation with no legal form, a person's first name
    text = "Cie des Machines Bull said its profit rose. Mr Bull, its chairman, said it would grow."
    assert _got(text, ("Cie des Machines Bull", "organization"), ("Bull", "person", "ner", 1))["Bull"] == {"person"}
    text = "Ford Motor Co said it would build a plant. Henry Ford II said Ford had voted for it."
    got = _got(text, ("Ford Motor Co", "organization"), ("Henry Ford II", "person"), ("Ford", "person", "ner", 2))
    assert got["Ford"] == {"person"}, got
    text = "Analysts at Ivan F. Boesky and Co LP said Ivan F. Boesky sold shares, and Boesky said so."
    got = _got(text, ("Ivan F. Boesky and Co LP", "organization"), ("Ivan F. Boesky", "person", "ner", 1),
               ("Boesky", "person", "ner", 2))
    assert got["Ivan F. Boesky"] == {"person"} and got["Boesky"] == {"person"}, got
    text = "The Reagan Administration said Reagan would veto the bill."
    assert _got(text, ("Reagan Administration", "organization"), ("Reagan", "person", "ner", 1))["Reagan"] \
        == {"person"}
    text = "Shell Oil Co named Shell Jones its chairman; Jones said he was pleased."
    got = _got(text, ("Shell Oil Co", "organization"), ("Shell Jones", "person"), ("Jones", "person", "ner", 1))
    assert got["Shell Jones"] == {"person"} and got["Jones"] == {"person"}, got


def test_a_portuguese_do_joins_a_name_the_ner_split():
    """Reuters: "the Banco do Brasil", "managing director of GM do Brasil", "The Jornal do Brasil
    newspaper" gave the person "Brasil" (4 of 2,500 articles)."""
    text = "The strike closed the state-controlled Banco do Brasil, which has 3,000 branches."
    assert _got(text, ("Banco", "person"), ("Brasil", "person")) == {"Banco do Brasil": {"organization"}}
    text = "Vaughn will be replaced as managing director of GM do Brasil by Robert B. Stone."
    assert _got(text, ("GM", "organization"), ("Brasil", "person"), ("Robert B. Stone", "person"))[
        "GM do Brasil"] == {"organization"}
    text = "The Jornal do Brasil newspaper, in an editorial today, said so."
    assert _got(text, ("Brasil", "person")) == {"Jornal do Brasil": {"organization"}}
    text = "Farmers in Rio Grande do Sul said the rain came late."
    assert _got(text, ("Rio Grande", "location"), ("Sul", "person")) == {"Rio Grande do Sul": {"location"}}
    # near misses: English "do" after a question word or a sentence's start, "da" in a person's name
    for text in ("What do Reagan's aides think?", "Why do Reagan and Baker disagree?",
                 "Then do Reagan's men stay?"):
        assert _got(text, ("Reagan", "person")) == {"Reagan": {"person"}}, text
    text = "President Luiz Inacio Lula da Silva said so, and Silva left."
    assert _got(text, ("Luiz Inacio Lula", "person"), ("Silva", "person", "ner", 1))["Silva"] == {"person"}


def test_a_rain_table_s_nil_and_a_province_after_a_place_are_no_people():
    """Reuters' Brazilian weather tables ("CAMPO MOURAO NIL, LONDRINA NIL") gave the people "NIL"
    and "MARINGA NIL"; "Oshawa, Ont." and a table's "Vancouver,Wash 7,008" the people "Ont" and "Wash"."""
    text = "PARANA STATE: CASCAVEL NIL, CAMPO MOURAO NIL, MARINGA NIL."
    got = _got(text, ("NIL", "person"), ("MOURAO NIL", "person"), ("MARINGA NIL", "person"))
    assert not any("NIL" in n for n in got), got
    text = "It will build trucks at plants in Pontiac, Mich., and Oshawa, Ont.\n\nThe plant makes pickups."
    assert _got(text, ("Oshawa", "location"), ("Ont", "person"))["Ont"] == {"location"}
    text = "Stocks: Seattle nil unch, Tacoma 885 unch.\n    Vancouver,Wash 7,008 unch."
    assert _got(text, ("Vancouver", "location"), ("Wash", "person"))["Wash"] == {"location"}
    # near misses: "Nil" of a person's name, a word after a comma that is no province
    text = "Nil Patel, chief executive, said the talks went well."
    assert _got(text, ("Nil Patel", "person")) == {"Nil Patel": {"person"}}
    text = "Speaking in Toronto, Man said the plant would close."
    assert "location" not in _got(text, ("Toronto", "location"), ("Man", "person")).get("Man", set())


def test_a_name_between_the_and_a_publication_s_noun_is_the_publication():
    """Reuters: "published by The Bulletin magazine", "the Harris poll published in the Observer
    newspaper" gave the people "Bulletin" and "Observer"."""
    text = "The poll was published by The Bulletin magazine on Tuesday."
    assert _got(text, ("Bulletin", "person")) == {"Bulletin": {"organization"}}
    text = "The Harris poll published in the Observer newspaper gave Labour a lead."
    assert _got(text, ("Harris", "organization"), ("Observer", "person"))["Observer"] == {"organization"}
    # near misses: no "the" before the name, a place before the noun
    text = "He gave a Reagan newspaper interview, Reagan said."
    assert _got(text, ("Reagan", "person"), ("Reagan", "person", "ner", 1)) == {"Reagan": {"person"}}
    text = "He told the Washington newspaper so."
    assert _got(text, ("Washington", "location")) == {"Washington": {"location"}}


def test_a_subsidiary_s_or_a_bracketed_company_s_word_alone_is_that_company():
    """Reuters: "General Motors Corp's <GM> Bedford Trucks subsidiary" then "Bedford, faced with
    reduced demand", and "<Worldwide 800 Services Inc> ... Worldwide said" gave the people
    "Bedford" and "Worldwide" (the name holds no legal form, or the NER tagged none of it)."""
    text = ("General Motors Corp's <GM> Bedford Trucks subsidiary signed a deal.\n\nBedford, faced with losses, agreed."
            " Bedford already has a link with Isuzu. A Bedford spokesman declined to comment.")
    got = _got(text, ("General Motors Corp", "organization"), ("Bedford Trucks", "organization"),
               ("Bedford", "person", "ner", 1), ("Bedford", "person", "ner", 2), ("Bedford", "organization", "ner", 3))
    assert got["Bedford"] == {"organization"}, got
    text = "<Worldwide 800 Services Inc> said it sued.\n\nWorldwide said Young and Rubicam placed the ads."
    assert _got(text, ("Worldwide", "person", "ner", 1))["Worldwide"] == {"organization"}
    # near misses: a person named after the subsidiary's parent is introduced, a unit's head titled
    text = "<Hooper and Ashby Ltd> was sold, said Ann Hooper. Hooper said she was pleased."
    got = _got(text, ("Ann Hooper", "person"), ("Hooper", "person", "ner", 2))
    assert got["Hooper"] == {"person"}, got
    text = "Its Gilliam Furniture unit grew, said Mr Gilliam, who runs it."
    assert _got(text, ("Gilliam Furniture", "organization"), ("Gilliam", "person", "ner", 1))["Gilliam"] == {"person"}


def test_a_common_noun_s_plural_used_as_a_plural_is_no_person():
    """Reuters: "other major Exchanges", "the Senate Finance and Agriculture Committees", "Roasters
    are believed to be well covered", "Steer top 66.00 and Heifers 65.00 dlrs" gave people."""
    assert not _kept("He met officials of the SEC and other major Exchanges. He did not name them.", "Exchanges", "person")
    assert not _kept("Pryor serves on both the Senate Finance and Agriculture Committees.", "Committees", "person")
    assert not _kept("Buying was slow, dealers said. Roasters are believed to be well covered.", "Roasters", "person")
    assert not _kept("Prices rose 1.50 dlr. Steer top 66.00 and Heifers 65.00 dlrs.", "Heifers", "person")
    assert not _kept("Output rose. Concentrates produced were 238,000 tonnes.", "Concentrates", "person")
    # near misses: a surname that is a plural too, named in full, titled or speaking; a surname far
    # more frequent than its "singular"; a company's first word
    text = "John Banks chairs the firm. Banks are lending more, and Banks said other major Banks agree."
    got = _got(text, ("John Banks", "person"), ("Banks", "person", "ner", 2))
    assert got["Banks"] == {"person"}, got
    assert _kept("Rates fell. Mills are closing, said Mr Mills, who runs one.", "Mills", "person")
    assert _kept("Output fell to 2,000 tonnes, Fields said. Output in the Fields mine fell.", "Fields", "person")
    assert _kept("The tests of Thomas 12 schoolbuses failed.", "Thomas", "person")
    text = "<Topps Co Inc> sold shares. Topps are a maker of cards."
    assert "Topps" in _got(text, ("Topps Co Inc", "organization"), ("Topps", "person", "ner", 1))  # (an organisation)


def test_a_surname_made_of_a_given_name_is_no_plural_noun():
    """Review of the plural rule: a surname of a given name and "s" ("Williams", "Edwards", "Roberts") passed
    for a noun's plural, as the given name is a frequent word, and its possessive or a figure after
    it for the plural's sign; "Hughes" was "hugh" and "es". The people stay."""
    assert _kept("Lawyers for Williams' company appealed the ruling.", "Williams", "person")
    assert _kept("He said Edwards' lawyers had appealed.", "Edwards", "person")
    assert _kept("Norman shot 66 and Roberts 68 to lead the field.", "Roberts", "person")
    assert _kept("The bill was signed by Hughes' aides.", "Hughes", "person")
    # near misses: a noun's plural with the same signs, and a given name's "s" the text writes as a word
    assert not _kept("Steer top 66.00 and Heifers 65.00 dlrs.", "Heifers", "person")
    assert not _kept("Retail sales rose and Wholesalers' inventories fell.", "Wholesalers", "person")
    assert not _kept("It ordered new Churches 12 of them.", "Churches", "person")
    assert not _kept("He collected three marks and other Marks from friends.", "Marks", "person")
    # a plural of "s" and "es" is one still ("buses", "gases": the review of the "es" rule)
    assert not _kept("The city bought 40 new Buses 12 of them electric.", "Buses", "person")


def test_a_word_after_an_acronym_s_full_stop_or_an_opened_quotation_is_capitalised_by_place():
    """Reuters: "granted orphan drug status by the FDA. Orphan drugs are a special category" gave
    the person "Orphan": the sentence rule never starts one after a capital and a full stop ("U.S.
    Steel"). Now two capitals before the stop end a sentence, and a quotation opened after a comma
    capitalises as a sentence does."""
    text = "It was granted orphan drug status by the FDA. Orphan drugs are a special category."
    assert not _kept(text, "Orphan", "person")
    text = 'It is a matter of swaps and barter deals. Another added, "Barter is also restrictive."'
    assert not _kept(text, "Barter", "person")
    # near misses: initials, a rare word (a name), and a name capitalised mid-sentence too
    text = "The firm hired orphan care workers from U.S. Orphan Inc and sold its shares."
    assert _got(text, ("Orphan", "person"))  # not dropped as a sentence's first word
    assert _kept("The drug was approved by the FDA. Genentech will sell it.", "Genentech", "person")
    text = 'He said, "Baker is wrong," and baker shops agreed that Baker was wrong.'
    assert _kept(text, "Baker", "person")


def test_a_name_before_a_mine_s_or_a_field_s_kind_is_that_place():
    """Reuters: "The Sullivan mine at Kimberley produced", "the Bulolo alluvial gold field", "the
    Gooseberry gold and silver mine", "Mount Charlotte and Fimiston gold mines" gave people."""
    assert _got("The Sullivan mine at Kimberley produced 2.2 mln tons.", ("Sullivan", "person")) == {
        "Sullivan": {"location"}}
    text = "They will re-examine the Bulolo alluvial gold field. Bulolo lies in Papua New Guinea."
    assert _got(text, ("Bulolo", "person"), ("Bulolo", "person", "ner", 1)) == {"Bulolo": {"location"}}
    assert _got("It owns the Gooseberry gold and silver mine.", ("Gooseberry", "person")) == {"Gooseberry": {"location"}}
    assert _got("It runs the Fimiston gold mines.", ("Fimiston", "person")) == {"Fimiston": {"location"}}
    # near misses: the verb, a field's other senses, a plural without a mineral, a person so named
    assert _kept("On Friday Reagan fields questions from reporters.", "Reagan", "person")
    assert _kept("A late Jones field goal won it.", "Jones", "person")
    assert _kept("As ever, Smith mines the archive for quotes.", "Smith", "person")
    text = "Fred Sullivan runs it. The Sullivan mine at Kimberley produced 2.2 mln tons."
    assert _got(text, ("Fred Sullivan", "person"), ("Sullivan", "person", "ner", 1))["Sullivan"] == {"person"}
    assert _kept("Output at Mr Sullivan's mine rose, and Mr Sullivan mine output fell.", "Sullivan", "person")


def test_a_partner_the_ner_split_from_a_company_s_name_joins_it():
    """Reuters: "Butcher and Singer Inc will be the offering's managing underwriter", "Tate and Lyle Plc
    <TATL.L>", "underwriters led by Ladenburg, Thalmann and Co", "a unit of Johnson and Johnson <JNJ>"
    gave the people Butcher, Tate, Ladenburg, Johnson beside the companies Singer Inc, Lyle Plc."""
    text = "Commerce said Butcher and Singer Inc will be the managing underwriter."
    assert _got(text, ("Butcher", "person"), ("Singer Inc", "organization")) == {"Butcher and Singer Inc": {"organization"}}
    text = "The issue's lead manager is Kleinwort, Benson Ltd, dealers said."
    assert _got(text, ("Kleinwort", "person"), ("Benson Ltd", "organization")) == {"Kleinwort, Benson Ltd": {"organization"}}
    text = "Ortho is a unit of Johnson and Johnson <JNJ>."
    got = _got(text, ("Ortho", "organization"), ("Johnson", "person"), ("Johnson", "organization", "ner", 1))
    assert got["Johnson and Johnson"] == {"organization"} and "Johnson" not in got, got
    # near misses: a list of companies, a person named in full, titled or named apart, partners of a firm
    text = "Shares of Exxon, Mobil Corp and Chevron Corp rose."
    assert "Exxon" in _got(text, ("Exxon", "organization"), ("Mobil Corp", "organization"), ("Chevron Corp", "organization"))
    text = "Ann Butcher said Butcher and Singer Inc will manage it."
    got = _got(text, ("Ann Butcher", "person"), ("Butcher", "person", "ner", 1), ("Singer Inc", "organization"))
    assert got["Butcher"] == {"person"}, got
    text = "The chairman, Mr Brown, Baldwin Nisker Ltd's founder, said so."
    assert _got(text, ("Brown", "person"), ("Baldwin Nisker Ltd", "organization"))["Brown"] == {"person"}
    text = "Analysts said Brown was right, and Brown and Singer Inc then signed."
    got = _got(text, ("Brown", "person"), ("Brown", "person", "ner", 1), ("Singer Inc", "organization"))
    assert got["Brown"] == {"person"}, got
    text = "The investors Wagner and Brown and AFG Industries Inc bid for it."
    got = _got(text, ("Wagner", "person"), ("Brown", "person"), ("AFG Industries Inc", "organization"))
    assert "AFG Industries Inc" in got, got


def test_a_law_s_a_bill_s_or_a_treaty_s_name_is_no_organisation_or_place():
    """Reuters: "the Financial Services Act 1986 and the Banking Bill to retaliate", "the level at the
    February 22 Paris Accord" gave the organisations "Banking Bill", "Financial Services Act" and the
    place "Paris Accord"."""
    text = "It may use the Financial Services Act 1986 and the Banking Bill to retaliate."
    assert _got(text, ("Financial Services Act", "organization"), ("Banking Bill", "organization")) == {}
    assert _got("The yen is above its level at the Paris Accord.", ("Paris Accord", "location")) == {}
    # near misses: a person named Law, a college of law, a health plan, a commodity agreement, a person "Bill"
    assert _kept("The bowler Stuart Law took three wickets.", "Stuart Law", "person")
    assert _kept("Gerald Treece is dean of the South Texas College of Law.", "South Texas College of Law", "organization")
    assert _kept("It sold the unit to Kaiser Foundation Health Plan.", "Kaiser Foundation Health Plan", "organization")
    assert _kept("Quotas under the International Coffee Agreement were suspended.", "International Coffee Agreement",
                 "organization")
    assert _kept("The singer Acker Bill toured.", "Acker Bill", "person")


def test_a_name_an_apposition_calls_a_company_or_a_body_is_an_organisation():
    """Reuters: "It said that Sonatrach, the Algerian national oil company, canceled", "South Korea's
    national news agency, Yonhap, said ... Yonhap said", "The financial newsletter, Platow, said" gave
    the people Sonatrach, Yonhap, Platow."""
    text = "It said that Sonatrach, the Algerian national oil company, canceled future deliveries."
    assert _got(text, ("Sonatrach", "person")) == {"Sonatrach": {"organization"}}
    text = "South Korea's national news agency, Yonhap, said the surplus grew. Officials denied it, Yonhap said."
    assert _got(text, ("Yonhap", "person"), ("Yonhap", "person", "ner", 1)) == {"Yonhap": {"organization"}}
    text = "The financial newsletter, Platow, said today the prosecutor was called in."
    assert _got(text, ("Platow", "person")) == {"Platow": {"organization"}}
    # near misses: a person's trade, a word after the noun, a named body before a person, a person
    # named in full, a place
    assert _kept("The film was made by Jones, a film producer, in 1985.", "Jones", "person")
    assert _kept("Rates will fall, said Smith, a bank economist.", "Smith", "person")
    assert _kept("It grew, said Jones, the company's chairman.", "Jones", "person")
    assert _kept("They fired Brown, a member of the union, on Monday.", "Brown", "person")
    text = "The chairman of the IG Metall union, Franz Steinkuehler, was more radical."
    assert _kept(text, "Franz Steinkuehler", "person")
    text = "Jack Halbert runs it. Halbert, an Abilene investment firm, named him chairman."
    assert _got(text, ("Jack Halbert", "person"), ("Halbert", "person", "ner", 1))["Halbert"] == {"person"}
    assert _kept("Air Canada, the state-owned airline, said it would fly to Egypt.", "Canada", "location")


def test_a_firm_after_a_list_s_place_or_with_partners_english_does_not_know_is_one_organisation():
    """Reuters: "buying from the Soviet Union and China, Woodhouse, Drake and Carey said in their
    latest weekly market report", "the law firm Milbank, Tweed, Hadley and McCloy", "Bombay stock
    brokers Batliwala and Karani said" gave the people Drake, Carey, Hadley, McCloy, Batliwala, Karani."""
    text = "Sugar may attract buying from the Soviet Union and China, Woodhouse, Drake and Carey said in their report."
    got = _got(text, ("Soviet Union", "location"), ("China", "location"), ("Woodhouse", "organization"),
               ("Drake", "person"), ("Carey", "person"))
    assert got["Woodhouse, Drake and Carey"] == {"organization"} and "Carey" not in got, got
    assert got["China"] == {"location"}
    text = "Peter Mortimer, a partner in the law firm Milbank, Tweed, Hadley and McCloy, said so."
    got = _got(text, ("Peter Mortimer", "person"), ("Tweed", "organization"), ("Hadley", "person"), ("McCloy", "person"))
    assert got["Milbank, Tweed, Hadley and McCloy"] == {"organization"} and "McCloy" not in got, got
    text = "A spokesman at Bombay stock brokers Batliwala and Karani said bonds were valued at 20 billion."
    got = _got(text, ("Bombay", "location"), ("Batliwala", "person"), ("Karani", "person"))
    assert got["Batliwala and Karani"] == {"organization"}, got
    # near misses: places alone, names English does not know with no firm's kind, two people met
    text = "Buying came from Japan, China and Korea, dealers said."
    assert "Korea" in _got(text, ("Japan", "location"), ("China", "location"), ("Korea", "location"))
    text = "The ministers Batliwala and Karani said bonds were valued at 20 billion."
    got = _got(text, ("Batliwala", "person"), ("Karani", "person"))
    assert got.get("Karani") == {"person"}, got
    text = "Later McCloy and Hadley met in Paris."
    got = _got(text, ("McCloy", "person"), ("Hadley", "person"))
    assert got.get("Hadley") == {"person"}, got


def test_a_company_s_opening_words_before_its_short_name_join_it():
    """Reuters: "<Canadian Worldwide Energy Ltd> said ... shares of Canadian Worldwide" gave the NER's
    "Worldwide" alone (three times), an entity apart from the company."""
    text = "<Canadian Worldwide Energy Ltd> said it bought Triton.\n\nCanadian Worldwide said it is optimistic."
    got = _got(text, ("Canadian Worldwide Energy Ltd", "organization"), ("Worldwide", "person", "ner", 1))
    assert got == {"Canadian Worldwide Energy Ltd": {"organization"}, "Canadian Worldwide": {"organization"}}, got
    # near misses: other words before, a comma between, no company of those words
    text = "<Canadian Worldwide Energy Ltd> said it bought Triton.\n\nIts rival Triton Worldwide said no."
    got = _got(text, ("Canadian Worldwide Energy Ltd", "organization"), ("Triton Worldwide", "organization"))
    assert "Triton Worldwide" in got, got
    text = "<Canadian Worldwide Energy Ltd> said it bought Triton.\n\nIn Canadian, Worldwide said no."
    got = _got(text, ("Canadian Worldwide Energy Ltd", "organization"), ("Worldwide", "organization", "ner", 1))
    assert "Worldwide" in got, got
    text = "Shell Canada Ltd said so. Analysts at Commercial Worldwide said no."
    got = _got(text, ("Shell Canada Ltd", "organization"), ("Worldwide", "organization"))
    assert "Worldwide" in got, got


def test_a_country_s_state_or_province_named_alone_is_a_place():
    """Reuters: "trade sources in the major producing state Bahia said", "shifting plantings to Sabah and
    Sarawak", "in Sao Paulo, Parana, Mato Grosso and Mato Grosso do Sul" gave the people Bahia, Sabah,
    Parana, Mato Grosso and no Sarawak; "with Rio Grande do Sul 10 pct" the organisation "Rio Grande"."""
    text = "The scarcity of beans is acute, trade sources in the major producing state Bahia said."
    assert _got(text, ("Bahia", "person")) == {"Bahia": {"location"}}
    text = "Malaysia also is shifting plantings to Sabah and Sarawak, where the rate of expansion is higher."
    assert _got(text, ("Malaysia", "location", "gazetteer"), ("Sabah", "person")) == {
        "Malaysia": {"location"}, "Sabah": {"location"}, "Sarawak": {"location"}}
    text = "Many garages had closed in Sao Paulo, Parana, Mato Grosso and Mato Grosso do Sul."
    assert _got(text, ("Sao Paulo", "location", "city"), ("Parana", "person"), ("Mato Grosso", "person"),
                ("Mato Grosso", "person", "ner", 1)) == {
        "Sao Paulo": {"location"}, "Parana": {"location"}, "Mato Grosso": {"location"},
        "Mato Grosso do Sul": {"location"}}
    text = "Plantings were up, with Rio Grande do Sul 10 pct and Goias 12 pct."
    assert _got(text, ("Rio Grande", "organization")) == {"Rio Grande do Sul": {"location"}, "Goias": {"location"}}
    assert _got("MINAS GERAIS STATE: GUAXUPE NIL.", ("MINAS GERAIS", "person")) == {"MINAS GERAIS": {"location"}}
    # near misses: a newspaper, a club's result, a person's surname, a titled name, a longer name
    assert _kept("Granma, the official Cuban newspaper, said the plant opened.", "Granma", "organization")
    assert _got("Goias 1 Gremio 3", ("Goias", "person"), ("Gremio", "organization")) == {
        "Goias": {"organization"}, "Gremio": {"organization"}}
    assert _got("Jose Sabah, the mayor, spoke. Sabah said it rained.", ("Jose Sabah", "person"),
                ("Sabah", "person", "ner", 1)) == {"Jose Sabah": {"person"}, "Sabah": {"person"}}
    assert _kept("The broker Mr Sabah said it rained.", "Sabah", "person")
    assert _got("The Johor Bahru port and Pahang Consolidated rose.") == {}


def test_a_company_named_alone_by_another_case_or_part_of_its_name_is_that_company():
    """Reuters: "AmSouth Corp said ... Amsouth said", "DeSoto Inc said ... Desoto's industrial chemical
    operations", "Alexander's Inc said ... Alexander's chairman", "Owens-Illinois Inc ... shares of Owens",
    "Creditanstalt-Bankverein <CABV.VI> ... the deal with Creditanstalt" gave the people Amsouth, Desoto,
    Alexander, Owens and Creditanstalt."""
    for text, short in [
        ("AmSouth Corp said the Fed approved the deal, Amsouth said.", "Amsouth"),
        ("DeSoto Inc sold the plant.\n\nDesoto's chemical operations are based in Texas.", "Desoto"),
        ("Alexander's Inc said no proposal was received.\n\nAlexander's chairman said so.", "Alexander"),
        ("It bought 96 pct of Owens-Illinois Inc stock and preference shares of Owens.", "Owens"),
        ("It bought 25 pct from Creditanstalt-Bankverein <CABV.VI>. He gave no details of the deal with "
         "Creditanstalt.", "Creditanstalt"),
    ]:
        company = next(w for w in re.findall(r"[A-Z][\w'-]*(?: (?:Inc|Corp))?", text) if w != short and short.lower()
                       in w.lower().replace("'s", ""))
        got = _got(text, (company, "organization"), (short, "person", "ner", text.count(short) - 1))
        assert got[short] == {"organization"}, (text, got)
    # near misses: a titled person, a person named in full, a word of no company's name
    assert _got("AmSouth Corp said so. Mr Amsouth said.", ("AmSouth Corp", "organization"),
                ("Amsouth", "person"))["Amsouth"] == {"person"}
    assert _got("Owens-Illinois Inc said so. Jesse Owens said. Owens ran.", ("Owens-Illinois Inc", "organization"),
                ("Jesse Owens", "person"), ("Owens", "person", "ner", 2))["Owens"] == {"person"}
    assert _got("Illinois-Owens Inc said so. Owens said.", ("Illinois-Owens Inc", "organization"),
                ("Owens", "person", "ner", 1))["Owens"] == {"person"}


def test_a_lone_name_the_ner_reads_as_an_organisation_as_often_as_a_person_is_the_organisation():
    """Reuters: "The inclusion of Orbanco and Arizona Bancwest earnings ... Excluding Orbanco and Arizona
    Bancwest", "an interview with Reuters and the television news agency Visnews ... with Reuters and
    Visnews" gave the people Orbanco and Visnews beside the organisations."""
    text = "The inclusion of Orbanco earnings affected results.\n\nExcluding Orbanco, average loans grew 11 pct."
    assert _got(text, ("Orbanco", "organization"), ("Orbanco", "person", "ner", 1)) == {"Orbanco": {"organization"}}
    # near misses: a person the NER read more often as a person, titled, or the end of a longer name
    text = "Orbanco spoke. Orbanco said. Orbanco added it was a Orbanco deal."
    assert _got(text, ("Orbanco", "person"), ("Orbanco", "person", "ner", 1), ("Orbanco", "organization", "ner", 3),
                ("Orbanco", "person", "ner", 2)) == {"Orbanco": {"person"}}
    text = "Albanian coach Astrit Hafizi named a squad. \"We are happy,\" said Hafizi. Hafizi's squad is out."
    assert _got(text, ("Astrit Hafizi", "organization"), ("Hafizi", "person", "ner", 1),
                ("Hafizi", "organization", "ner", 2))["Hafizi"] == {"person"}  # the coach's: was both (review)
    text = "President Suharto met Subroto. Suharto said. The Suharto group grew."
    assert _got(text, ("Suharto", "person"), ("Suharto", "person", "ner", 1),
                ("Suharto", "organization", "ner", 2))["Suharto"] == {"person"}


def test_a_hyphenated_company_s_first_part_that_is_a_person_s_name_is_the_company_only_where_the_text_says_so():
    """"Martin-Marietta Corp won a contract. Martin told reporters" gave the organisation Martin, and
    "Johnson-Matthey Plc ... Johnson had no plans" the organisation Johnson: c624626 made any hyphenated
    company's first part the company, where a given name or a common surname is a person's as often."""
    text = "Martin-Marietta Corp won a Navy contract.\n\nMartin told reporters he was pleased with the award."
    got = _got(text, ("Martin-Marietta Corp", "organization"), ("Martin", "person", "ner", 1))
    assert got["Martin"] == {"person"}, got
    text = "Johnson-Matthey Plc said it sold the unit.\n\nAnalysts said Johnson had no plans to bid."
    got = _got(text, ("Johnson-Matthey Plc", "organization"), ("Johnson", "person", "ner", 1))
    assert got["Johnson"] == {"person"}, got
    # near misses: the text treats the name as the company's; a part no person has; shares of the company
    for text, short in [
        ("Martin-Marietta Corp won a Navy contract.\n\nMartin said its profit would rise.", "Martin"),
        ("Johnson-Matthey Plc said it sold the unit.\n\nAnalysts said Johnson shares were cheap.", "Johnson"),
        ("It bought 25 pct from Creditanstalt-Bankverein <CABV.VI>. He gave no details of the deal with "
         "Creditanstalt.", "Creditanstalt"),
        ("It bought 96 pct of Owens-Illinois Inc stock and preference shares of Owens.", "Owens"),
        ("Hayes-Albion Corp was sold.\n\nIt held 80 pct of Hayes following the offer.", "Hayes"),
        ("Baldwin-United Corp emerged from bankruptcy.\n\nBaldwin's former board of directors left.", "Baldwin"),
    ]:
        company = re.search(rf"{short}-[A-Z]\w+(?: (?:Corp|Plc|Inc))?", text).group()
        got = _got(text, (company, "organization"), (short, "person", "ner", text.count(short) - 1))
        assert got[short] == {"organization"}, (text, got)


def test_a_lone_name_after_an_occupation_is_a_person_however_the_ner_splits_its_votes():
    """"The singer Bono arrived on Monday. Bono said the concert would go ahead", where the NER read the
    first Bono as an organisation and the second as a person, gave the organisation Bono twice: a lone
    name the NER calls an organisation as often as a person was the organisation unless titled."""
    text = "The singer Bono arrived in Dublin on Monday. Bono said the concert would go ahead."
    assert _got(text, ("Bono", "organization"), ("Bono", "person", "ner", 1),
                ("Dublin", "location", "gazetteer")) == {"Bono": {"person"}, "Dublin": {"location"}}
    text = "The Dutch striker Vennegoor said he was fit. Vennegoor scored twice on Sunday."
    assert _got(text, ("Vennegoor", "organization"), ("Vennegoor", "person", "ner", 1))["Vennegoor"] == {"person"}
    # near misses: no occupation before the name; an occupation's word before another name
    text = "The inclusion of Orbanco earnings affected results.\n\nExcluding Orbanco, average loans grew 11 pct."
    assert _got(text, ("Orbanco", "organization"), ("Orbanco", "person", "ner", 1)) == {"Orbanco": {"organization"}}
    text = "The analyst Smith spoke. Orbanco earnings rose.\n\nExcluding Orbanco, average loans grew."
    assert _got(text, ("Smith", "person"), ("Orbanco", "organization"),
                ("Orbanco", "person", "ner", 1))["Orbanco"] == {"organization"}


def test_a_lone_name_the_text_calls_a_company_is_one():
    """Reuters: "Heublin is a subsidiary of Grand Metropolitan PLC", "Telefonica is the national telephone
    company of Spain", "leased to Brazil's Varig airline", "its Pathmark store operations", "Control Data
    Corp's <CDA> MedTec unit" gave the people Heublin, Telefonica, Varig, Pathmark and MedTec."""
    assert _got("Heublin is a subsidiary of Grand Metropolitan PLC.", ("Heublin", "person")) == {
        "Heublin": {"organization"}, "Grand Metropolitan PLC": {"organization"}}
    assert _got("Telefonica is the national telephone company of Spain.", ("Telefonica", "person"),
                ("Spain", "location", "gazetteer")) == {"Telefonica": {"organization"}, "Spain": {"location"}}
    assert _got("The planes will be leased to Brazil's Varig airline.", ("Brazil", "location", "gazetteer"),
                ("Varig", "person")) == {"Brazil": {"location"}, "Varig": {"organization"}}
    assert _got("It had difficulty integrating its Pathmark store operations.", ("Pathmark", "person")) == {
        "Pathmark": {"organization"}}
    # near misses: what a person is, a titled person, a person named in full
    assert _kept("Kampelman is a director of the company.", "Kampelman", "person")
    assert _kept("Kampelman was the chairman of the bank.", "Kampelman", "person")
    assert _kept("Mr Varig's airline shares rose.", "Varig", "person")
    assert _got("Lou Reed spoke. The Reed unit grew.", ("Lou Reed", "person"), ("Reed", "person", "ner", 1)) == {
        "Lou Reed": {"person"}, "Reed": {"person"}}


def test_a_name_before_accord_pact_or_treaty_in_lower_case_names_the_instrument():
    """Reuters: "International cooperation on currencies established by the Louvre accord", "the
    effectiveness of last month's Paris accord" gave the person "Louvre" and the place Paris (19 mentions
    of 2,500 stories), where the capitalised "Paris Accord" was already no place."""
    text = "International cooperation on currencies established by the Louvre accord was strengthened."
    assert _got(text, ("Louvre", "person")) == {}
    text = "There is scepticism about the effectiveness of last month's Paris accord to stabilise currencies."
    assert _got(text, ("Paris", "location", "city")) == {}
    assert _got("Oil prices rallied after the Geneva pact.", ("Geneva", "location", "city")) == {}
    # near misses: a party to it (a country, an organisation), a titled person, another noun, "agreement"
    assert _kept("The Canadian-U.S. pact was signed.", "U.S.", "location")
    assert _kept("Saudi Arabia reaffirmed its commitment to the December OPEC accord.", "OPEC", "organization")
    assert _kept("President Reagan treaty talks resumed.", "Reagan", "person")
    assert _kept("Prices rose in Paris according to dealers.", "Paris", "location")
    assert _kept("Baker stood by the Paris agreement.", "Paris", "location")


def test_a_romance_company_s_name_runs_from_its_kind_to_its_last_capitalised_word():
    """Reuters: "The first is likely to be for Cie Generale des Etablissements Michelin possibly led by Credit
    Lyonnais", "lead manager Banque Generale du Luxembourg SA said", "Cie Bancaire also said", "the Banco
    Financiero." gave the person Michelin, the place Luxembourg, the person "Cie Bancaire" and a place."""
    text = "The first is likely to be for Cie Generale des Etablissements Michelin possibly led by Credit Lyonnais."
    assert _got(text, ("Cie Generale des Etablissements", "organization"), ("Michelin", "person"),
                ("Credit Lyonnais", "organization")) == {
        "Cie Generale des Etablissements Michelin": {"organization"}, "Credit Lyonnais": {"organization"}}
    text = "It raised 500 mln francs, lead manager Banque Generale du Luxembourg SA said."
    assert _got(text, ("Banque Generale", "organization"), ("Luxembourg", "location", "gazetteer")) == {
        "Banque Generale du Luxembourg SA": {"organization"}}
    assert _got("Cie Bancaire also said it has increased its capital.", ("Cie Bancaire", "person")) == {
        "Cie Bancaire": {"organization"}}
    text = "The owners include the Banco de Desarrollo de la Construccion and the Banco Financiero.\n\nThey met."
    assert _got(text, ("Banco de Desarrollo de la Construccion", "organization"), ("Banco Financiero", "location")) == {
        "Banco de Desarrollo de la Construccion": {"organization"}, "Banco Financiero": {"organization"}}
    # near misses: an English kind, a lower-case word after the name, a new line
    text = "At the center of the controversy is Bank President Barber Conable."
    assert _got(text, ("Bank", "organization"), ("Barber Conable", "person")) == {
        "Bank": {"organization"}, "Barber Conable": {"person"}}
    assert _got("The Banco Central said on Monday Brazil paid.", ("Banco Central", "organization"),
                ("Brazil", "location", "gazetteer")) == {"Banco Central": {"organization"}, "Brazil": {"location"}}
    assert _got("It was led by Banque Paribas\nMorgan Stanley followed.", ("Banque Paribas", "organization"),
                ("Morgan Stanley", "organization")) == {"Banque Paribas": {"organization"}, "Morgan Stanley": {"organization"}}


def test_a_firm_that_acts_on_its_own_is_one_organisation():
    """Reuters: "Duff and Phelps raised its ratings to DP-1 (AAA) from DP-2" gave the organisation "Duff"
    and the person "Phelps" (the firm rule read "said it", not "raised its")."""
    text = "Duff and Phelps raised its ratings to DP-1 from DP-2 on 2.6 billion dlrs in debentures."
    assert _got(text, ("Duff", "organization"), ("Phelps", "person")) == {"Duff and Phelps": {"organization"}}
    # near misses: two people, who act on "their" and on another's "its"
    text = "It said Wagner and Brown raised their stake."
    assert _got(text, ("Wagner", "person"), ("Brown", "person")) == {"Wagner": {"person"}, "Brown": {"person"}}
    text = "Secretary James Baker met Reagan. Reagan and Baker discussed its impact."
    assert "Reagan and Baker" not in _got(text, ("James Baker", "person"), ("Reagan", "person"),
                                          ("Reagan", "person", "ner", 1), ("Baker", "person", "ner", 1))


def test_a_sentence_s_opening_adverb_is_no_partner_of_a_firm():
    """"Earlier, Wagner and Brown raised their stake." gave the organisation "Earlier, Wagner and Brown":
    the firm rule counted the adverb as a third partner, and three partners make a firm."""
    text = "Earlier, Wagner and Brown raised their stake."
    assert _got(text, ("Wagner", "person"), ("Brown", "person")) == {"Wagner": {"person"}, "Brown": {"person"}}
    text = "The bid was raised.\n\nMeanwhile, Wagner and Brown sold their shares."
    assert _got(text, ("Wagner", "person"), ("Brown", "person")) == {"Wagner": {"person"}, "Brown": {"person"}}
    # a firm after the adverb is the firm (the rule skipped "However," and all after it: "Duff" and the
    # person "Phelps"); near miss: three partners
    text = "However, Duff and Phelps said it lowered the ratings."
    assert _got(text, ("Duff", "organization"), ("Phelps", "person")) == {"Duff and Phelps": {"organization"}}
    text = "Woodhouse, Drake and Carey said in their report."
    assert _got(text, ("Woodhouse", "organization"), ("Drake", "person"), ("Carey", "person")) == {
        "Woodhouse, Drake and Carey": {"organization"}}


def test_a_company_s_kind_and_of_before_its_legal_name_join_it():
    """Reuters: "Shamrock Holdings of California Inc, a Disney family company, said it submitted the bid ...
    Shamrock told the SEC" gave the organisation "California Inc" and the person Shamrock three times;
    "acquisitions of Union Bancorp of West Virginia Inc" two organisations."""
    text = "Shamrock Holdings of California Inc, a Disney family company, said it bid.\n\nShamrock told the SEC."
    assert _got(text, ("Shamrock", "person"), ("California Inc", "organization"), ("Disney", "organization"),
                ("Shamrock", "person", "ner", 1), ("SEC", "organization")) == {
        "Shamrock Holdings of California Inc": {"organization"}, "Shamrock": {"organization"},
        "Disney": {"organization"}, "SEC": {"organization"}}
    # and a bank holding company; near misses: a person of a company, shares of a company
    for text, items, want in [
        ("It completed the acquisitions of Union Bancorp of West Virginia Inc and Wayne Bancorp Inc.",
         [("Union Bancorp", "organization"), ("West Virginia Inc", "organization")],
         {"Union Bancorp of West Virginia Inc", "Wayne Bancorp Inc"}),
        ("Analysts, including Peter Marcus of Painewebber Inc, agreed.",
         [("Peter Marcus", "person"), ("Painewebber Inc", "organization")], {"Peter Marcus", "Painewebber Inc"}),
    ]:
        assert set(_got(text, *items)) == want, text
    assert _got("Shares of Wellcome Plc rose.", ("Wellcome Plc", "organization")) == {"Wellcome Plc": {"organization"}}


def test_a_titled_person_after_a_romance_company_s_name_is_no_part_of_it():
    """"Banco do Brasil President Camilo Calazans said" was one organisation, the bank's president in it,
    and no person: the Romance company's name ran to its last capitalised word across his title."""
    text = "Banco do Brasil President Camilo Calazans said Brazil would pay. Calazans said talks went well."
    got = _got(text, ("Banco", "organization"), ("Brasil", "person"), ("Camilo Calazans", "person"),
               ("Brazil", "location", "gazetteer"), ("Calazans", "person", "ner", 1))
    assert got == {"Banco do Brasil": {"organization"}, "Camilo Calazans": {"person"}, "Calazans": {"person"},
                   "Brazil": {"location"}}, got
    text = "Banque de France Governor Jacques de Larosiere said rates would stay."
    got = _got(text, ("Banque de France", "organization"), ("Jacques de Larosiere", "person"))
    assert got == {"Banque de France": {"organization"}, "Jacques de Larosiere": {"person"}}, got
    # near miss: a title's word inside the name, not before a person's ("Banco General de Negocios")
    assert _got("Banco General de Negocios said.", ("Banco General", "organization")) == {
        "Banco General de Negocios": {"organization"}}


def test_a_titled_person_before_unit_or_chain_of_command_stays_a_person():
    """"President Reagan said ... the Reagan chain of command broke down ... Reagan said" made Reagan an
    organisation in the whole story: a lone name before "chain" or "unit" was a company's unless titled
    there, and the document's vote followed it."""
    text = ("President Reagan said he was not told. The Tower commission said the Reagan chain of command "
            "broke down. Reagan said he accepted the findings.")
    got = _got(text, ("Reagan", "person"), ("Tower", "organization"), ("Reagan", "person", "ner", 1),
               ("Reagan", "person", "ner", 2))
    assert got["Reagan"] == {"person"}, got
    text = "Poindexter resigned. The report said the Poindexter chain of command was unclear."
    assert _got(text, ("Poindexter", "person"), ("Poindexter", "person", "ner", 1))["Poindexter"] == {"person"}
    text = "Governor Cuomo said the budget grew. The Cuomo unit drafted it."
    assert _got(text, ("Cuomo", "person"), ("Cuomo", "person", "ner", 1))["Cuomo"] == {"person"}


def test_a_person_s_surname_that_is_a_region_s_name_is_no_region():
    """"Finance Minister Pedro Herrera said ... Herrera said inflation fell" gave the place Herrera (a
    Panamanian province), where the NER left the second mention untagged, and "Farah Inc said ... Farah
    said" the place Farah (a Somali region): the region rule did not ask whether the document names a
    person or a company so."""
    text = "Finance Minister Pedro Herrera said the peso would float. Herrera said inflation fell."
    got = _got(text, ("Pedro Herrera", "person"))
    assert "location" not in got.get("Herrera", set()), got
    text = "Governor Mendoza said the budget grew. Mendoza added that exports rose."
    got = _got(text, ("Mendoza", "person"))
    assert "location" not in got.get("Mendoza", set()), got
    # a company's name: "Farah Inc said it omitted its dividend ... Farah said it expects" (Reuters)
    text = "Farah Inc said it omitted its dividend.\n    Farah said it expects a loss. Bolivar Corp said so."
    got = _got(text, ("Farah Inc", "organization"), ("Farah", "person", "ner", 1), ("Bolivar Corp", "organization"))
    assert got == {"Farah Inc": {"organization"}, "Farah": {"organization"}, "Bolivar Corp": {"organization"}}, got
    # the rule still adds an untagged region the document gives nobody
    got = _got("Coffee plantings rose in Mendoza and Sabah this year.")
    assert got == {"Mendoza": {"location"}, "Sabah": {"location"}}, got


def test_a_region_s_name_that_is_a_common_surname_is_a_place_only_where_the_text_puts_one():
    """"Hidalgo told reporters the company would expand", "Herrera, the chief economist at the central bank,
    said", "Bono said the concert would go ahead" gave the places Hidalgo, Herrera and Bono (Mexican,
    Panamanian and Ghanaian regions): the region rule added or retyped a name more often a person's."""
    assert _got("Hidalgo told reporters the company would expand.") == {}
    assert _got("Herrera, the chief economist at the central bank, said rates would stay.") == {}
    assert _got("Bono said the concert would go ahead.", ("Bono", "person")) == {"Bono": {"person"}}
    # near misses: where the text puts the region (Reuters: "spoke to reporters in Mendoza, 600 miles west")
    text = "He spoke to reporters in Mendoza, 600 miles west of the capital."
    assert _got(text, ("Mendoza", "person")) == {"Mendoza": {"location"}}
    assert _got("Rains fell in the province of Mendoza and Cordoba.") == {"Mendoza": {"location"},
                                                                        "Cordoba": {"location"}}


def test_a_region_s_name_that_names_a_family_is_no_place():
    """"Kuwait's Sabah family", "ruled by the al Sabah" (the ruling dynasty) gave the place Sabah, a
    Malaysian state's name: the region rule took any use of a region's name for the region."""
    text = "Kuwait's Sabah family met ministers on Monday."
    got = _got(text, ("Kuwait", "location", "gazetteer"), ("Sabah", "person"))
    assert got == {"Kuwait": {"location"}, "Sabah": {"person"}}, got
    assert _got("Kuwait's Sabah family met ministers.", ("Kuwait", "location", "gazetteer")) == {"Kuwait": {"location"}}
    assert _got("Kuwait has been ruled by the al Sabah since 1756.") == {}
    got = _got("The Sabah dynasty and the Sabah clan met.")
    assert "Sabah" not in got, got
    # near misses: the state; a family from the state
    assert _got("Plantings shifted to Sabah and Sarawak.") == {"Sabah": {"location"}, "Sarawak": {"location"}}
    assert _got("A family in Sabah grew cocoa.") == {"Sabah": {"location"}}


def test_a_figure_or_a_detached_possessive_after_a_name_is_no_part_of_it():
    # a rating, a score, a table's column after a company or a club: "Duff 2" was an organisation
    text = "Duff and Phelps said it is upgrading to Duff 1- (one minus) from Duff 2, its rating on the paper."
    assert _got(text, ("Duff 2", "organization")) == {"Duff": {"organization"}}
    text = "Motherwell 2 ( Davies 39 , Ross 89 ) Celtic 1 ( Hay 12 ) . The Philadelphia Eagles 37-10 loss."
    assert _got(text, ("Motherwell 2", "organization"), ("Philadelphia Eagles 37-10", "organization")) == {
        "Motherwell": {"organization"}, "Philadelphia Eagles": {"organization"}}
    text = "Bre-X agreed to take 25 percent and Barrick 75 percent to develop the property."
    assert _got(text, ("Barrick 75 percent", "organization")) == {"Barrick": {"organization"}}
    text = "Chase Manhattan 30,034,873 was published in the Official Bulletin of March 30 last year."
    assert _got(text, ("Chase Manhattan 30,034,873", "organization"),
                ("Official Bulletin of March 30", "organization")) == {
        "Chase Manhattan": {"organization"}, "Official Bulletin": {"organization"}}
    # tokenised text's possessive standing apart
    text = "Supporters of President Nelson Mandela 's party met Santa Fe 's board ."
    assert _got(text, ("Nelson Mandela 's", "person"), ("Santa Fe 's", "organization")) == {
        "Nelson Mandela": {"person"}, "Santa Fe": {"organization"}}
    # near misses: a number that belongs to the name stays, a "person" with a figure is no one
    for name in ("Local 222", "Palo Verde Unit 1", "Channel 4", "Schalke 04"):
        text = f"Workers of {name} met on Friday."
        assert _got(text, (name, "organization")) == {name: {"organization"}}, name
    text = "The French Riviera was warm on Monday, and the Riviera's beaches were full."
    assert _got(text, ("French Riviera", "location")) == {"French Riviera": {"location"}}
    text = "Cullinet Software Inc said it has introduced Release 10.1 of Performance Monitor."
    assert "Release" not in _got(text, ("Release 10.1", "person"))


def test_a_figure_after_a_word_in_lower_case_is_part_of_the_name():
    # f363fa3's trim made "Group of 77" the organisation "Group" (Reuters writes "Group of 24",
    # "Group of 10", "Group of 7"): a figure after "of" is the name's, not a score's or a column's
    for name in ("Group of 77", "Group of 24", "Club of 10"):
        text = f"Ministers of the {name} met on Friday."
        assert _got(text, (name, "organization")) == {name: {"organization"}}, name
    text = "The French Riviera was warm on Monday, and the Riviera's beaches were full."
    assert _got(text, ("French Riviera", "location")) == {"French Riviera": {"location"}}
    text = "Motherwell 2 ( Davies 39 ) ."
    assert _got(text, ("Motherwell 2", "organization")) == {"Motherwell": {"organization"}}


def test_a_number_that_is_part_of_a_name_stays_with_it():
    # aa1f97b's trim made "PL 480" (US food aid's law, 10 NER spans of Reuters) "PL", and would do so to
    # "Charter 77", "Resolution 242", "Fortune 500 list", and "Hannover 96" or "Euro 96" named twice
    text = "Washington will ship wheat under the PL 480 program to Egypt."
    assert _got(text, ("PL 480", "organization")) == {"PL 480": {"organization"}}
    for name in ("Charter 77", "Resolution 242"):
        text = f"Members of {name} met on Friday."
        assert _got(text, (name, "organization")) == {name: {"organization"}}, name
    text = "The French Riviera was warm on Monday, and the Riviera's beaches were full."
    assert _got(text, ("French Riviera", "location")) == {"French Riviera": {"location"}}
    text = "The company joined the Fortune 500 list this year."
    assert _got(text, ("Fortune 500", "organization")) == {"Fortune 500": {"organization"}}
    text = "Hannover 96 beat Bochum 2-1 on Saturday. Hannover 96 coach Peter Neururer was pleased."
    assert _got(text, ("Hannover 96", "organization"))["Hannover 96"] == {"organization"}
    text = "England will host Euro 96 next June. The Euro 96 organisers said sales were strong."
    assert _got(text, ("Euro 96", "organization"), ("Euro 96", "organization", "ner", 1)) == {
        "Euro 96": {"organization"}}
    # near misses: a rating or a score that varies or stands in a results line loses its figure
    text = "Duff and Phelps is upgrading to Duff 1- from Duff 2. Duff 2 was its rating."
    assert _got(text, ("Duff 2", "organization")) == {"Duff": {"organization"}}
    text = "Motherwell 2 ( Davies 39 ) Celtic 1 .\nMotherwell 2 Hibernian 0 ."
    got = _got(text, ("Motherwell 2", "organization"))
    assert "Motherwell 2" not in got and got["Motherwell"] == {"organization"}, got
    text = "Wasim Akram b Harris 4 Shahid Afridi b Harris 2 Moin Khan c Astle b Harris 2 Mushtaq Ahmad"
    assert _got(text, ("Harris 2", "organization")) == {"Harris": {"organization"}}


def test_a_share_written_twice_is_no_part_of_a_name():
    # 6e346c5 keeps a figure a text writes with a name twice and never another ("Hannover 96"), and a
    # poll's share is written so: Reuters' "the Alliance 21 pct" in two polls of one story
    text = ("A Marplan poll gave the Conservatives 42 pct, Labour 35 pct and the Alliance 21 pct. "
            "Another poll gave them 44 pct, Labour 33 pct and the Alliance 21 pct.")
    got = _got(text, ("Alliance 21", "organization"), ("Alliance 21", "organization", "ner", 1))
    assert got == {"Alliance": {"organization"}}, got
    for share in ("32%", "32 percent", "32 per cent", "32 seats"):
        text = f"The poll put Likud {share} and Labour 29. A second poll put Likud {share} ahead again."
        got = _got(text, ("Likud 32", "organization"), ("Likud 32", "organization", "ner", 1))
        assert got == {"Likud": {"organization"}}, (share, got)
    # near miss: a club's number before a word in lower case is still its name's
    text = "Hannover 96 beat Bochum 2-1 on Saturday. Hannover 96 coach Peter Neururer was pleased."
    assert _got(text, ("Hannover 96", "organization"))["Hannover 96"] == {"organization"}


def test_a_name_after_an_occupation_the_ner_called_an_organisation_is_a_person():
    text = "Albanian coach Astrit Hafizi said on Saturday it was important. Hafizi said the team would play."
    assert _got(text, ("Astrit Hafizi", "organization"), ("Hafizi", "organization", "ner", 1)) == {
        "Astrit Hafizi": {"person"}, "Hafizi": {"person"}}
    text = "The goalkeeper Salem Bitar appeared to have covered it."
    assert _got(text, ("Salem Bitar", "organization")) == {"Salem Bitar": {"person"}}
    # the occupation capitalised, as a title or a sentence's first word, is no part of the person
    text = "Striker Georg Weah was suspended for six matches."
    assert _got(text, ("Striker Georg Weah", "organization")) == {"Georg Weah": {"person"}}
    text = "The team's Coach Smith said the defence was weak."
    assert _got(text, ("Coach Smith", "organization")) == {"Smith": {"person"}}
    # near misses: firms after an adviser or an analyst, companies and publications named so
    text = "The company hired financial adviser Goldman Sachs to study offers."
    assert _got(text, ("Goldman Sachs", "organization")) == {"Goldman Sachs": {"organization"}}
    text = "Coach Leatherware Co and the Economist Intelligence Unit said so."
    assert _got(text, ("Coach Leatherware Co", "organization"), ("Economist Intelligence Unit", "organization")) == {
        "Coach Leatherware Co": {"organization"}, "Economist Intelligence Unit": {"organization"}}


def test_a_firm_after_an_occupation_stays_an_organisation():
    # 7b34a03's rule made a firm after its economist a person: "said chief economist Morgan Guaranty"
    text = "Rates may rise, said chief economist Morgan Guaranty. Morgan Guaranty Trust Co cut its prime rate."
    got = _got(text, ("Morgan Guaranty", "organization"), ("Morgan Guaranty Trust Co", "organization"))
    assert got == {"Morgan Guaranty": {"organization"}, "Morgan Guaranty Trust Co": {"organization"}}, got
    text = "Rates may rise, said chief economist Morgan Guaranty.\n\n<Morgan Guaranty\nTrust Co> cut its rate."
    assert _got(text, ("Morgan Guaranty", "organization"))["Morgan Guaranty"] == {"organization"}
    for name in ("Salomon Brothers", "Morgan Guaranty", "Lazard Partners"):
        text = f"The dollar will fall, said senior economist {name} in New York."
        assert _got(text, (name, "organization")) == {name: {"organization"}}, name
    text = "The French Riviera was warm on Monday, and the Riviera's beaches were full."
    assert _got(text, ("French Riviera", "location")) == {"French Riviera": {"location"}}
    # near misses: a person after an occupation, a person sharing a word with a company named in full
    text = "Interest rates will fall, said chief economist Irwin Kellner. Irwin Inc said it agreed."
    assert _got(text, ("Irwin Kellner", "organization"))["Irwin Kellner"] == {"person"}
    text = "Albanian coach Astrit Hafizi said the Astrit Hafizi-Bitar Co team would play."
    assert _got(text, ("Astrit Hafizi", "organization"))["Astrit Hafizi"] == {"person"}


def test_a_name_before_a_noun_for_people_is_no_person_of_the_occupation_before_it():
    """"groups of dissident Eastern pilots" (Reuters 5298 has "dissident Eastern employees") gave the person
    "Eastern": "dissident" (an occupation of _DESCRIPTORS, and an adjective) made a person of the airline
    the NER called an organisation, where it describes the pilots, whose employer "Eastern" names."""
    text = "The strike was called by groups of dissident Eastern pilots in Miami."
    assert _got(text, ("Eastern", "organization"), ("Miami", "location", "gazetteer")) == {
        "Eastern": {"organization"}, "Miami": {"location"}}
    for text, name in [("The walkout was led by striker Arsenal fans on Saturday.", "Arsenal"),
                       ("Protests by activist Greenpeace members grew.", "Greenpeace"),
                       ("Dissident Eastern officials said the talks failed.", "Eastern"),
                       ("A deal was backed by dissident Eastern staff.", "Eastern"),
                       ("He met groups of dissident Eastern\nemployees in Atlanta.", "Eastern")]:  # wire copy's wrap
        assert _got(text, (name, "organization")) == {name: {"organization"}}, text
    # the document's vote does not count it as a person's either: "Eastern" is no described name
    text = "Dissident Eastern pilots struck. Eastern said the flights would go on. Eastern flew."
    assert _got(text, ("Eastern", "organization"), ("Eastern", "person", "ner", 1))["Eastern"] == {"organization"}
    # near misses: a person after an occupation, followed by a verb (a noun for people's plural too)
    text = "Albanian coach Astrit Hafizi coaches the team, and the goalkeeper Salem Bitar guards the net."
    got = _got(text, ("Astrit Hafizi", "organization"), ("Salem Bitar", "organization"))
    assert got == {"Astrit Hafizi": {"person"}, "Salem Bitar": {"person"}}, got


def test_a_reporter_s_name_in_a_byline_or_a_credit_line_is_a_person():
    """CoNLL-2003's bylines "Vithoon Amorn RANGOON 1996-12-06", "Elif Kaban GENEVA" (4 of 17) came out
    organisations, as the NER typed them, and so did a credit line's "Vithoon Amorn, Reuters"; the NER
    found nothing in "By Elif Kaban" on a line of its own before "GENEVA (Reuters) -"."""
    text = "Students march briefly out of campus . Vithoon Amorn RANGOON 1996-12-06 About 200 students marched."
    assert _got(text, ("Vithoon Amorn", "organization"))["Vithoon Amorn"] == {"person"}
    text = "Trade squabbles overshadow copyright talks\n\nBy Elif Kaban\n\nGENEVA (Reuters) - Delegates met on Friday."
    assert _got(text)["Elif Kaban"] == {"person"}
    text = "Students march out of campus\n\nAbout 200 students marched on Friday, police said.\n\nVithoon Amorn, Reuters\n"
    assert _got(text, ("Vithoon Amorn", "organization"))["Vithoon Amorn"] == {"person"}
    # near misses: one word, an organisation by its words, a headline, a name inside a sentence
    text = "Nebraska fed cattle roundup - USDA . OMAHA 1996-12-06 Slaughter steers were steady."
    assert _got(text, ("USDA", "organization"))["USDA"] == {"organization"}
    text = "Officials met on Friday.\n\nRussian Finance Ministry\n\nMOSCOW, March 3 - The ministry said."
    assert _got(text, ("Russian Finance Ministry", "organization"))["Russian Finance Ministry"] == {"organization"}
    text = "Dixie Yarns\n\nATLANTA, March 5 - Dixie Yarns Inc said it sold a unit."
    assert _got(text, ("Dixie Yarns", "organization"))["Dixie Yarns"] == {"organization"}
    text = "Shares were sold to Kidder Peabody\nNEW YORK, March 3 - Trading was slow."
    assert _got(text, ("Kidder Peabody", "organization"))["Kidder Peabody"] == {"organization"}


def test_a_newsroom_in_a_byline_s_or_a_credit_line_s_place_is_no_person():
    """cda9c59 made a person of two to four name words in a byline's or a credit line's place, and added
    one the NER missed: "By Staff Reporter", "By Our Correspondent", "By Sports Desk", "By Special
    Correspondent" before a dateline became persons, and so did the NER's organisations "Tokyo Newsroom,
    Reuters", "File Photo, Reuters" and "Wall Street Journal, Reuters" on a credit line."""
    for byline in ("Staff Reporter", "Our Correspondent", "Sports Desk", "Special Correspondent", "Staff Writer"):
        text = f"Storm hits coast\n\nBy {byline}\n\nLONDON (Reuters) - A storm hit the coast on Friday."
        assert byline not in _got(text), byline
    for credit in ("Tokyo Newsroom", "File Photo", "Wall Street Journal"):
        text = f"A storm hit the coast on Friday, officials said.\n\n{credit}, Reuters\n"
        assert _got(text, (credit, "organization"))[credit] == {"organization"}, credit
    # near misses: a reporter's name, missed by the NER or typed an organisation
    text = "Storm hits coast\n\nBy Elif Kaban\n\nLONDON (Reuters) - A storm hit the coast on Friday."
    assert _got(text)["Elif Kaban"] == {"person"}
    text = "A storm hit the coast on Friday, officials said.\n\nJim Young, Reuters\n"
    assert _got(text, ("Jim Young", "organization"))["Jim Young"] == {"person"}


def test_a_reporter_s_credit_line_signed_reuter_is_a_person():
    """The 1987 wire signed "Reuter" (Reuters-21578's author lines: "By Patti Domm, Reuter"), and such a
    byline before the dateline, or such a credit line, gave the NER's organisation or nothing."""
    for credit, dateline, typed in (("By Patti Domm, Reuter", "NEW YORK, March 3 - ", ()),
                                    ("By Nelson Graves, Reuter", "PARIS, March 3 - ", ("organization",)),
                                    ("Sten Stovall, Reuter", "", ("organization",))):
        name = credit.removeprefix("By ").removesuffix(", Reuter")
        text = f"Stocks fall on rate fears\n\n{credit}\n{dateline}Stocks fell on Friday, traders said.\n"
        assert _got(text, *[(name, t) for t in typed])[name] == {"person"}, credit
    # near miss: the wire's sign-off alone ends a text, no one's credit
    assert "Reuter" not in _got("Stocks fell on Friday, traders said.\n Reuter\n")


def test_an_agency_or_an_organisation_the_text_names_so_in_a_byline_s_place_is_no_person():
    """cda9c59's byline rule made persons of the NER's organisations "White House" on a credit line "White
    House, AP" before the dateline (the story's "the White House said" too) and "Dow Jones" before one, and
    added "By Dow Jones" as a person: a wire's name, or a name the text writes after "the" or the NER
    types an organisation elsewhere, is no reporter's."""
    text = ("Obama signs budget bill\n\nWhite House, AP\n\nWASHINGTON (AP) - President Barack Obama signed the "
            "bill on Friday, the White House said.")
    got = _got(text, ("White House", "organization"), ("White House", "organization", "ner", 1))
    assert got["White House"] == {"organization"}, got
    text = "Stocks slip on rate fears . Dow Jones NEW YORK 1996-12-06 Stocks fell on Friday ."
    assert _got(text, ("Dow Jones", "organization"))["Dow Jones"] == {"organization"}
    text = "Stocks slip on rate fears\n\nBy Dow Jones\n\nNEW YORK (Reuters) - Stocks fell on Friday."
    assert "Dow Jones" not in _got(text)
    text = "Kidder Peabody advised the bank.\n\nKidder Peabody, Reuters\n"
    got = _got(text, ("Kidder Peabody", "organization"), ("Kidder Peabody", "organization", "ner", 1))
    assert got["Kidder Peabody"] == {"organization"}, got
    # near miss: a reporter's name the NER typed an organisation, the story naming its own people
    text = "Storm hits coast\n\nJim Young, Reuters\n\nLONDON (Reuters) - A storm hit the coast, Tom Young said."
    assert _got(text, ("Jim Young", "organization"), ("Tom Young", "person"))["Jim Young"] == {"person"}


def test_a_results_table_s_heading_on_its_first_entry_s_line_is_no_part_of_the_entrant():
    """6d28f42 took the two to four name words before an entry's "(Country)" the NER left untagged, so a
    heading on the first entry's line made "Final Standings Tony Rominger" a person."""
    rest = ("2. Alex Zuelle (Switzerland) 1:53 behind\n3. Laurent Dufaux (Switzerland) 2:47\n"
            "4. Fernando Escartin (Spain) 3:10\n")
    people = [("Alex Zuelle", "person"), ("Laurent Dufaux", "person"), ("Fernando Escartin", "person")]
    for heading in ("Final Standings", "Overall Results", "Provisional Leading Positions"):
        got = _got(f"Tour of Spain\n\n{heading} Tony Rominger (Switzerland) 86:12:10\n{rest}", *people)
        assert got.get("Tony Rominger") == {"person"} and not any(heading in k for k in got), got
    # near miss: a name of three words after the rank is whole
    got = _got(f"Tour of Spain\n\n1. Kate Pace Lindsay (Canada) 86:12:10\n{rest}", *people)
    assert got.get("Kate Pace Lindsay") == {"person"}, got


def test_a_nationality_before_a_person_is_no_part_of_the_name():
    # CoNLL-2003's "Swede Kennet Andersson and Russian Igor Kolyvanov in attack" gave the person
    # "Russian Igor Kolyvanov", and Reuters' "Saudi King Fahd's remarks" the person "Saudi King Fahd"
    text = "Swede Kennet Andersson and Russian Igor Kolyvanov in attack , Bologna can expect a tough game ."
    got = _got(text, ("Swede Kennet Andersson", "person"), ("Russian Igor Kolyvanov", "person"))
    assert got == {"Kennet Andersson": {"person"}, "Igor Kolyvanov": {"person"}}, got
    text = "Saudi King Fahd's remarks and West German Boris Becker's win were news."
    got = _got(text, ("Saudi King Fahd", "person"), ("West German Boris Becker", "person"))
    assert got == {"Fahd": {"person"}, "Boris Becker": {"person"}}, got
    # near misses: a given name that is a nationality's word, before a surname alone or a given name
    for name in ("Roman Polanski", "German Gref", "Finn Christian Jagge", "Christian Karembeu"):
        text = f"Reporters asked {name} about the film."
        assert _got(text, (name, "person")) == {name: {"person"}}, name


def test_a_nationality_of_two_words_or_before_one_name_is_no_part_of_the_name():
    """"New Zealander Chris Cairns", "Croat Alen Boksic" (CoNLL-2003) and "Brazilian Ronaldo" kept their
    nationality: the rule knew no nationality of two words nor "Croat", "Lebanese", "Afghan"..., and cut
    none before one name word ("German Gref" is a name). One name word loses it where the text names it
    alone too, as a story does a person of one name after the first mention."""
    for name, person in (("New Zealander Chris Cairns", "Chris Cairns"), ("Croat Alen Boksic", "Alen Boksic"),
                         ("Lebanese Rafik Hariri", "Rafik Hariri")):
        text = f"Reporters asked {name} about the match."
        assert _got(text, (name, "person")) == {person: {"person"}}, name
    text = "Brazilian Ronaldo scored twice on Sunday. Ronaldo's second goal came late."
    assert _got(text, ("Brazilian Ronaldo", "person"), ("Ronaldo", "person", "ner", 1)) == {"Ronaldo": {"person"}}
    # near misses: a nationality's word before one name word the text never names alone: a given name
    # ("Kenyan McDuffie", a web page's), or a name's first word
    for name in ("Kenyan McDuffie", "German Gref", "Swiss Volksbank"):
        text = f"Reporters asked {name} about the plan. {name} did not answer."
        assert _got(text, (name, "person"), (name, "person", "ner", 1)) == {name: {"person"}}, name


def test_a_firm_s_or_an_event_s_word_after_a_nationality_is_no_person_of_one_name():
    """f405f38 cut a nationality before one name word the text also names alone ("Brazilian Ronaldo ...
    Ronaldo's goal"), and a firm's or an event's name the NER took for a person's lost its nationality
    the same way, the other word an English one the text writes alone too: "Australian Open" became the
    person "Open" (of "the French Open"), "American Express" "Express", "Swiss Life" "Life"."""
    for name, text in (
            ("Australian Open", "Seles won the Australian Open on Saturday. She also won the French Open."),
            ("American Express", "Analysts asked American Express about the plan. Express shares rose 2 pct."),
            ("Swiss Life", "Swiss Life said profit rose. Life insurers gained on the news."),
            ("Korean Air", "Korean Air said it would buy jets. Air France also ordered.")):
        got = _got(text, (name, "person"))  # the NER's error kept, not made a person of one name
        assert name in got, (name, got)
    # a person's one name still loses it, a given name too where the text names it alone
    text = "The German Marshall said so on Monday. Marshall was right."
    assert _got(text, ("German Marshall", "person"), ("Marshall", "person", "ner", 1)) == {"Marshall": {"person"}}


def test_a_person_of_one_name_after_a_nationality_is_that_person_wherever_named():
    """A web page's "surprise Russian Arkhipova" (the NER's person) made every "Arkhipova" a person, the
    NER's places among them, while the nationality stayed in the name; cut (f405f38), the person was one
    "Arkhipova" among ten places, and all twelve came out places."""
    text = ("However, Russia's Arkhipova defied that script. Kiplagat led from surprise Russian Arkhipova and "
            "Keitany. Arkhipova is being stretched here. The gap to Arkhipova closed.")
    got = _got(text, ("Arkhipova", "location"), ("Russian Arkhipova", "person"), ("Arkhipova", "location", "ner", 2),
               ("Arkhipova", "location", "ner", 3), ("Kiplagat", "person"), ("Keitany", "person"))
    assert got["Arkhipova"] == {"person"}, got


def test_a_nationality_opening_an_organisation_the_ner_called_a_person_stays():
    # 84203b7 cut the nationality off any person's span, and the rules after it retype an organisation
    # the NER took for a person by its last word: "Thai Farmers Bank" came out as the bank "Farmers Bank"
    for name in ("Thai Farmers Bank", "South African Reserve Bank", "German Marshall Fund"):
        text = f"A report by the {name} said growth would slow."
        got = _got(text, (name, "person"))
        assert got == {name: {"organization"}}, (name, got)
    # the name stays whole even where no rule retypes it
    text = "Shares of American Home Products Corp rose. American Home Products said sales grew."
    assert "Home Products" not in _got(text, ("American Home Products", "person", "ner", 1))
    # near miss: a person's name with a title still loses its nationality and its title
    text = "Dutch Prime Minister Wim Kok said the bank would stay independent."
    assert _got(text, ("Dutch Prime Minister Wim Kok", "person")) == {"Wim Kok": {"person"}}


def test_a_region_iso_3166_2_s_first_level_lacks_is_a_place():
    """"Haut-Rhin, Alsace" and "western Kalimantan (Borneo)" gave the people Alsace and Borneo: Alsace is
    under Grand-Est, Borneo spans three countries, and ISO names Bavaria "Bayern", Sumatra "Sumatera"."""
    text = "The French company, in Wettolsheim, Haut-Rhin, Alsace, will produce copiers."
    assert _got(text, ("Alsace", "person"))["Alsace"] == {"location"}
    text = "Palm oil from new plantations in northern Sumatra and western Kalimantan (Borneo), he said."
    got = _got(text, ("Sumatra", "location", "gazetteer"), ("Borneo", "person"))
    assert got == {"Sumatra": {"location"}, "Kalimantan": {"location"}, "Borneo": {"location"}}, got
    assert _got("Farmers in Bavaria and Tuscany sold less milk.") == {
        "Bavaria": {"location"}, "Tuscany": {"location"}}
    # near misses: a person named so, a longer name
    text = "Lorraine Bracco said she would sing. Lorraine said so."
    assert _got(text, ("Lorraine Bracco", "person"), ("Lorraine", "person", "ner", 1)) == {
        "Lorraine Bracco": {"person"}, "Lorraine": {"person"}}
    assert _got("Mount Sinai Hospital said the patient was well.") == {}


def test_a_french_department_is_a_place():
    """France's departments are a level below its ISO 3166-2 regions and were no region's names: the NER's
    organisations "Haute-Savoie" and "Bas-Rhin" after "Officials in", "the prefect of", and
    "Seine-Saint-Denis" before "departments" stayed organisations, "Bouches-du-Rhone" untagged stayed out
    (the real NER's spans, probed on deb86c2)."""
    text = "Police in Seine-Saint-Denis arrested three men. Officials in Haute-Savoie said roads were closed."
    got = _got(text, ("Seine-Saint-Denis", "location"), ("Haute-Savoie", "organization"))
    assert got == {"Seine-Saint-Denis": {"location"}, "Haute-Savoie": {"location"}}, got
    text = "The prefect of Bas-Rhin said so."
    assert _got(text, ("Bas-Rhin", "organization")) == {"Bas-Rhin": {"location"}}
    text = "Floods hit the Haute-Savoie and Seine-Saint-Denis departments, and Bouches-du-Rhone was on alert."
    got = _got(text, ("Haute-Savoie", "location"), ("Seine-Saint-Denis", "organization"))
    assert got == {"Haute-Savoie": {"location"}, "Seine-Saint-Denis": {"location"},
                   "Bouches-du-Rhone": {"location"}}, got
    # near misses: a department's name that is a person's, and a region's name the NER typed an
    # organisation with no place's word beside it (a newspaper), or after "to"
    assert _kept("Cher sang on Monday and the crowd cheered.", "Cher", "person")
    assert _kept("Granma, the official Cuban newspaper, said the plant opened.", "Granma", "organization")
    assert _kept("He wrote a letter to Granma on Monday.", "Granma", "organization")


def test_a_publication_named_for_a_region_written_in_stays_an_organisation():
    """57703fb made the NER's organisation of a region's whole name the region after "in", and so made a
    place of a newspaper named for its province: "An editorial in Granma, the Communist Party daily" gave
    the place "Granma" (the real NER's organisation, probed on be8843c)."""
    for text in ("An editorial in Granma, the Communist Party daily, said the harvest was good.",
                 "Fidel Castro wrote in Granma on Monday that the harvest was good.",
                 "A report in Granma newspaper said the harvest was good."):
        assert _got(text, ("Granma", "organization")).get("Granma") == {"organization"}, text
    # near misses: a region after "in" with no publication beside it, and a publication's word elsewhere
    assert _got("Officials in Haute-Savoie said roads were closed.",
                ("Haute-Savoie", "organization")) == {"Haute-Savoie": {"location"}}
    text = "Officials in Haute-Savoie said roads were closed, the daily Le Monde reported."
    assert _got(text, ("Haute-Savoie", "organization")).get("Haute-Savoie") == {"location"}


def test_a_newspaper_named_for_a_region_is_no_place_by_its_state_or_its_kind_after_a_comma():
    """"Granma state newspaper said" gave the place "Granma" (the real NER's organisation, probed on 9b30584):
    "state" after a region's name was read as the region's kind ("Sabah state"); and "A report in Granma,
    the Communist Party daily" was a place though c2434db meant to keep it: the publication named after a
    comma was read by a pattern of the same name defined later, which reads only "Granma newspaper"."""
    for text in ("HAVANA, March 3 - Granma state newspaper said on Monday the harvest was poor.",
                 "The harvest was poor, Granma state newspaper said on Monday.",
                 "A report in Granma, the Communist Party daily, said the harvest was poor."):
        assert _got(text, ("Granma", "organization")).get("Granma") == {"organization"}, text
    # near misses: the state's newspaper named after it, the state itself, a place after "in"
    for text in ("Sabah state newspaper Daily Express said the roads were closed.",
                 "Officials in Sabah state said the roads were closed.",
                 "Officials in Granma said the roads were closed."):
        word = text.split()[0] if text.startswith("Sabah") else text.split()[2]
        assert _got(text, (word, "organization")).get(word) == {"location"}, text


def test_a_results_row_s_city_or_state_the_gazetteer_knows_is_its_club():
    """A results row's name the gazetteer tagged a place kept it, to keep national sides places, and so
    kept a club named for its city or state a place: CoNLL-2003's NHL results "Hartford 4 BOSTON 2
    FLORIDA 4 Ny Islanders 2 NEW JERSEY 2 Calgary 1" gave the place "NEW JERSEY" (gold ORG)."""
    text = "NHL results : Hartford 4 BOSTON 2 NEW JERSEY 2 Calgary 1 . Friendly : Italy 1 Scotland 0 ."
    got = _got(text, ("NEW JERSEY", "location", "gazetteer"), ("Italy", "location", "gazetteer"),
               ("Scotland", "location", "gazetteer"))
    assert got.get("NEW JERSEY") == {"organization"}, got
    # near miss: a national side stays its country
    assert got.get("Italy") == {"location"} and got.get("Scotland") == {"location"}, got


def test_a_lone_name_one_of_whose_uses_reads_as_a_company_s_is_the_company():
    text = ("Minorco said it expects net earnings to be stronger. In reporting results, Minorco said the "
            "contributions from its investment were negative.")
    assert _got(text, ("Minorco", "person"), ("Minorco", "person", "ner", 1)) == {"Minorco": {"organization"}}
    # the company's word at a use the NER left untagged ("Baker's Reed subsidiary")
    text = ("Hughes asked for a buyer for the assets of Baker's Reed subsidiary. The plan risked the "
            "divestiture of Reed, and all of Reed's international assets.")
    got = _got(text, ("Reed", "person", "ner", 1), ("Reed", "person", "ner", 2))
    assert got["Reed"] == {"organization"}, got
    # near misses: a person named in full, titled or after a title; a place; a firm's partner
    text = "Treasury Secretary James Baker met them. Baker said it was a good deal."
    assert _got(text, ("James Baker", "person"), ("Baker", "person", "ner", 1)) == {
        "James Baker": {"person"}, "Baker": {"person"}}
    text = "Fed chairman Volcker said it was too early. Volcker added that rates would hold."
    assert _got(text, ("Volcker", "person"), ("Volcker", "person", "ner", 1)) == {"Volcker": {"person"}}
    text = "Trade with Korea grew. Korea said it is choosing many of the products."
    assert _got(text, ("Korea", "location", "gazetteer"), ("Korea", "person", "ner", 1)) == {"Korea": {"location"}}
    text = "Duff and Phelps said it lowered the ratings of the company."
    assert _got(text, ("Duff", "organization"), ("Phelps", "person")) == {"Duff and Phelps": {"organization"}}


def test_an_entry_of_a_results_list_of_people_is_a_person():
    text = ("Women's downhill: 1. Katja Seizinger ( Germany ) 1:17.76 2. Pernilla Wiberg ( Sweden ) 1:17.97 "
            "3. Megan Gerety ( U.S. ) 1:19.39 4. Bibiana Perez ( Italy ) 1:19.52 5. Hilary Lindh ( U.S. ) 1:19.60")
    got = _got(text, ("Katja Seizinger", "person"), ("Pernilla Wiberg", "person"), ("Megan Gerety", "organization"),
               ("Bibiana Perez", "organization"), ("Hilary Lindh", "person"))
    assert got == {n: {"person"} for n in ("Katja Seizinger", "Pernilla Wiberg", "Megan Gerety", "Bibiana Perez",
                                            "Hilary Lindh")}, got
    # near misses: a table of clubs stays the NER's; a club named after its city; a story's one bracket
    text = ("Group A: Alba Berlin ( Germany ) 9 5 4 14, Estudiantes Madrid ( Spain ) 9 5 4 14, Ulker Spor "
            "( Turkey ) 9 4 5 13, Efes Pilsen ( Turkey ) 9 7 2 16, Dejan Bodiroga ( Greece ) 9 1 8 10")
    got = _got(text, ("Alba Berlin", "organization"), ("Estudiantes Madrid", "organization"),
               ("Ulker Spor", "organization"), ("Efes Pilsen", "organization"), ("Dejan Bodiroga", "person"))
    assert got["Ulker Spor"] == {"organization"} and got["Efes Pilsen"] == {"organization"}, got
    text = ("Results: Jan Bos ( Netherlands ) 37.4, Sylvain Bouchard ( Canada ) 37.5, Grunde Njos ( Norway ) 37.6, "
            "Cibona Zagreb ( Croatia ) 38.0")
    got = _got(text, ("Jan Bos", "person"), ("Sylvain Bouchard", "person"), ("Grunde Njos", "person"),
               ("Cibona Zagreb", "organization"))
    assert got["Cibona Zagreb"] == {"organization"}, got
    text = "Royal Trustco ( Canada ) said it would buy Hudson Partners."
    assert _got(text, ("Royal Trustco", "organization"))["Royal Trustco"] == {"organization"}


def test_a_results_list_s_people_make_people_of_its_own_entries_only():
    # _entrants (a8a8cce) counted the whole document's "Name ( Country )" entries as one list, so a
    # company named so in the story after a ski race's results became a person
    results = ("Moguls: 1. Jesper Ronnback ( Sweden ) 25.76 2. Andrei Ivanov ( Russia ) 24.88 "
               "3. Ryan Johnson ( Canada ) 24.57 4. Jim Moran ( U.S. ) 23.25")
    for after in (" .\n\nShares of Royal Dutch ( Netherlands ) rose 2 percent.",
                  " . In the oil market , the shares of Royal Dutch ( Netherlands ) rose 2 percent ."):
        text = results + after
        got = _got(text, ("Jesper Ronnback", "person"), ("Andrei Ivanov", "person"), ("Ryan Johnson", "organization"),
                   ("Jim Moran", "person"), ("Royal Dutch", "organization"))
        assert got["Royal Dutch"] == {"organization"}, got
        assert got["Ryan Johnson"] == {"person"}, got  # the list's own entry still is one
    # near miss: a heading between two parts of one list keeps them one list
    text = ("Women 's 500 metres first round : 1. Franziska Schenk ( Germany ) 41.76 . Men 's 1,000 metres first "
            "round : 1. Sylvain Bouchard ( Canada ) 1:16.86 2. Jan Bos ( Netherlands ) 1:17.01")
    got = _got(text, ("Franziska Schenk", "person"), ("Sylvain Bouchard", "person"), ("Jan Bos", "location"))
    assert got["Jan Bos"] == {"person"}, got


def test_a_list_whose_entries_are_paragraphs_is_one_list():
    # 0e26dbe and c470208 ended a list at a blank line, and the cleaner writes a list's items as
    # paragraphs (a line each in plain text, an <li> each on a page), so no list of the archive's
    # text was more than one entry long: the rules that make a list's entries people never ran
    results = clean_text("Results of the men's World Cup moguls on Sunday:\n1. Jesper Ronnback ( Sweden ) 25.76\n"
                         "2. Andrei Ivanov ( Russia ) 24.88\n3. Ryan Johnson ( Canada ) 24.57\n"
                         "4. Jim Moran ( U.S. ) 23.25\n").text
    assert "25.76\n\n2. Andrei" in results, results
    for after in ("", "\n\nShares of Royal Dutch ( Netherlands ) rose 2 percent."):
        text = results + after
        items = [("Jesper Ronnback", "person"), ("Andrei Ivanov", "person"), ("Ryan Johnson", "organization"),
                 ("Jim Moran", "person")] + ([("Royal Dutch", "organization")] if after else [])
        got = _got(text, *items)
        assert got["Ryan Johnson"] == {"person"}, got
        assert not after or got["Royal Dutch"] == {"organization"}, got  # prose after the list is no entry
    sheet = clean_text("Japan:\n19 - Kenichi Shimokawa\n2 - Hiroshige Yanagimoto\n3 - Naoki Soma\n5 - Norio Omura\n"
                       "6 - Motohiro Yamaguchi\n").text
    got = _got(sheet, ("Kenichi Shimokawa", "person"), ("Hiroshige Yanagimoto", "person"), ("Naoki Soma", "person"),
               ("Motohiro Yamaguchi", "organization"))
    assert got["Motohiro Yamaguchi"] == got["Norio Omura"] == {"person"}, got


def test_a_results_list_of_two_entries_a_paragraph_is_one_list_and_its_untagged_names_are_people():
    """Badminton results, a match a paragraph: "Peter Rasmussen (Denmark) beat Sun Jun (China) 15-7 15-4" kept
    "Sun Jun" an organisation (each paragraph was a list of its own, two entries, too few for _entrants),
    and the names the NER left untagged ("Fung Permadi (Taiwan)", CoNLL-2003's "15-8 Sun Jun ( China )")
    were no mention."""
    text = ("Results of the badminton finals on Sunday:\n\nPeter Rasmussen (Denmark) beat Sun Jun (China) 15-7 15-4"
            "\n\nFung Permadi (Taiwan) beat Indra Wijaya (Indonesia) 15-6 15-8\n\nSusi Susanti (Indonesia) beat "
            "Mia Audina (Netherlands) 11-1 11-3\n\nYe Zhaoying (China) beat Gong Zhichao (China) 11-8 11-3")
    got = _got(text, ("Peter Rasmussen", "person"), ("Sun Jun", "organization"), ("Indra Wijaya", "person"),
               ("Susi Susanti", "person"), ("Mia Audina", "organization"), ("Gong Zhichao", "organization"))
    people = {"Peter Rasmussen", "Sun Jun", "Fung Permadi", "Indra Wijaya", "Susi Susanti", "Mia Audina",
              "Ye Zhaoying", "Gong Zhichao"}
    assert {k: v for k, v in got.items() if k in people} == {n: {"person"} for n in people}, got
    # near misses: a paragraph of prose between two paragraphs of entries ends the list; a list of clubs
    text = ("Peter Rasmussen (Denmark) beat Sun Jun (China) 15-7 15-4\n\nThe crowd of 2,000 cheered as the "
            "home favourite lost.\n\nFung Permadi (Taiwan) beat Indra Wijaya (Indonesia) 15-6 15-8")
    got = _got(text, ("Peter Rasmussen", "person"), ("Sun Jun", "organization"), ("Indra Wijaya", "person"))
    assert got["Sun Jun"] == {"organization"} and "Fung Permadi" not in got, got
    text = ("Standings:\n\nAlba Berlin (Germany) 9 5 4 14, Efes Pilsen (Turkey) 9 7 2 16\n\n"
            "Ulker Spor (Turkey) 9 4 5 13, Cibona Zagreb (Croatia) 9 1 8 10")
    got = _got(text, ("Alba Berlin", "organization"), ("Efes Pilsen", "organization"), ("Cibona Zagreb", "organization"))
    assert "Ulker Spor" not in got and got["Efes Pilsen"] == {"organization"}, got


def test_an_entrant_named_like_a_city_of_another_country_is_a_person():
    """CoNLL-2003's "Camilla Martin ( Denmark )" stayed an organisation among a badminton round's people:
    "Martin" is a city (Slovakia), and a place in an entry's name kept it the NER's, for "Alba Berlin"."""
    text = ("Women 's singles : Susi Susanti ( Indonesia ) beat Camilla Martin ( Denmark ) 11-1 11-3 , Ye Zhaoying "
            "( China ) beat Gong Zhichao ( China ) 11-8 11-3 , Mia Audina ( Indonesia ) beat Wang Chen ( China ) 11-5")
    got = _got(text, ("Susi Susanti", "person"), ("Camilla Martin", "organization"), ("Ye Zhaoying", "person"),
               ("Gong Zhichao", "person"), ("Mia Audina", "person"), ("Wang Chen", "person"))
    assert got["Camilla Martin"] == {"person"}, got
    # near misses: a club named after a city of its own country
    text = ("Results: Jan Bos ( Netherlands ) 37.4, Sylvain Bouchard ( Canada ) 37.5, Grunde Njos ( Norway ) 37.6, "
            "Alba Berlin ( Germany ) 38.0, Real Madrid ( Spain ) 38.1")
    got = _got(text, ("Jan Bos", "person"), ("Sylvain Bouchard", "person"), ("Grunde Njos", "person"),
               ("Alba Berlin", "organization"), ("Real Madrid", "organization"))
    assert got["Alba Berlin"] == got["Real Madrid"] == {"organization"}, got


def test_a_team_sheet_s_names_are_people():
    text = ("Japan : 19 - Kenichi Shimokawa , 2 - Hiroshige Yanagimoto , 3 - Naoki Soma , 5 - Norio Omura , "
            "6 - Motohiro Yamaguchi , 8 - Masakiyo Maezono ( 7 - Yasuto Honda 71 ) .")
    got = _got(text, ("Kenichi Shimokawa", "person"), ("Hiroshige Yanagimoto", "person"), ("Naoki Soma", "person"),
               ("Motohiro Yamaguchi", "organization"))
    assert got == {n: {"person"} for n in ("Kenichi Shimokawa", "Hiroshige Yanagimoto", "Naoki Soma", "Norio Omura",
                                            "Motohiro Yamaguchi", "Masakiyo Maezono", "Yasuto Honda")}, got
    # near misses: a list the NER reads as no people's; a place in the list
    text = "Votes: 1 - Acme Holdings , 2 - Zeta Group , 3 - Tokyo , 4 - Brown Boveri ."
    got = _got(text, ("Acme Holdings", "organization"), ("Zeta Group", "organization"), ("Brown Boveri", "organization"))
    assert got == {"Acme Holdings": {"organization"}, "Zeta Group": {"organization"}, "Brown Boveri": {"organization"}}, got
    text = "Squad : 1 - Kim Byung Ji ; 2 - Kim Pan Keun ; 5 - Seoul ; 8 - Roh Sang Rae ."
    got = _got(text, ("Kim Byung Ji", "person"), ("Kim Pan Keun", "person"))
    assert "Seoul" not in got and got["Roh Sang Rae"] == {"person"}, got
    # a ranking of firms, two of which the NER read as people, is no team sheet: its untagged
    # entries stay untagged and its firms firms
    text = ("Underwriters ranked: 1 - Merrill Lynch , 2 - Goldman Sachs , 3 - Morgan Stanley , "
            "4 - Salomon Brothers , 5 - First Boston .")
    got = _got(text, ("Merrill Lynch", "person"), ("Goldman Sachs", "person"), ("Morgan Stanley", "organization"))
    assert got == {"Merrill Lynch": {"person"}, "Goldman Sachs": {"person"}, "Morgan Stanley": {"organization"}}, got


def test_a_team_sheet_s_people_make_people_of_its_own_entries_only():
    # _squads (66bca30) counted every "N - Name" of a document as one sheet: a ranking of firms in the
    # story after a team sheet became people, and its untagged firms were added as people
    sheet = ("Japan : 19 - Kenichi Shimokawa , 2 - Hiroshige Yanagimoto , 3 - Naoki Soma , 5 - Norio Omura , "
             "6 - Motohiro Yamaguchi .")
    for between in ("\n\n", " The sponsors of the team were ranked by the money they gave the league : "):
        text = sheet + between + "1 - Merrill Lynch , 2 - Goldman Sachs , 3 - Morgan Stanley , 4 - First Boston ."
        got = _got(text, ("Kenichi Shimokawa", "person"), ("Hiroshige Yanagimoto", "person"), ("Naoki Soma", "person"),
                   ("Merrill Lynch", "person"), ("Goldman Sachs", "organization"), ("Morgan Stanley", "organization"))
        assert got["Goldman Sachs"] == got["Morgan Stanley"] == {"organization"} and "First Boston" not in got, got
        assert got["Norio Omura"] == {"person"}, got  # the sheet's own untagged entry still is one


def test_a_lone_person_who_says_it_is_time_is_no_company():
    # 51be15f's "said it" made the person a company whatever followed: "Volcker said it was time to
    # act" gave the organisation Volcker; the dummy "it" before a copula is anyone's
    text = "Volcker told Congress the dollar was too low. Volcker said it was time to act."
    assert _got(text, ("Volcker", "person"), ("Volcker", "person", "ner", 1)) == {"Volcker": {"person"}}
    text = "Icahn declined to comment. Icahn said it would be wrong to sell and it's too early."
    assert _got(text, ("Icahn", "person"), ("Icahn", "person", "ner", 1)) == {"Icahn": {"person"}}
    # a company's "it" stays a company's
    for said in ("said it expects net earnings", "said it was considering a bid", "said it would be selling"):
        text = f"Minorco {said}. Minorco said the contributions rose."
        assert _got(text, ("Minorco", "person"), ("Minorco", "person", "ner", 1)) == {"Minorco": {"organization"}}, said


def test_a_reporter_s_byline_in_capitals_is_a_person():
    """A byline in capitals, "BY PATTI DOMM, REUTERS" (10 of Reuters-21578's 875 author lines), was no
    byline to the rules, which knew the agencies' names in their mixed case and names' words in it: the
    NER's organisation stayed one, and a name it missed gave no mention. The name is kept as written."""
    for credit, dateline, typed in (("BY PATTI DOMM, REUTERS", "NEW YORK, March 3 - ", ("organization",)),
                                    ("BY ALAN WHEATLEY, REUTERS", "LONDON, March 3 - ", ()),
                                    ("MARGUERITE NUGENT, REUTERS", "", ("organization",))):
        name = credit.removeprefix("BY ").removesuffix(", REUTERS")
        text = f"Stocks fall on rate fears\n\n{credit}\n{dateline}Stocks fell on Friday, traders said.\n"
        assert _got(text, *[(name, t) for t in typed]).get(name) == {"person"}, credit
    # near misses: a newsroom's words in capitals, and a headline in capitals, are no reporter's
    text = "Stocks fall on rate fears\n\nBY STAFF REPORTER, REUTERS\nNEW YORK, March 3 - Stocks fell.\n"
    assert "STAFF REPORTER" not in _got(text)
    text = "OIL PRICES FALL, REUTERS POLL SHOWS\n\nNEW YORK, March 3 - Oil prices fell on Friday.\n"
    assert not any(v == {"person"} for v in _got(text).values())



def test_a_kicker_in_capitals_before_an_agency_or_a_dateline_is_no_reporter():
    """a391d8e read a name in capitals in title case for a byline's test, so a kicker or a section's name
    in capitals on a credit line, "MARKET WRAP, REUTERS", "WORLD CUP, REUTERS", "HOT STOCKS, REUTERS",
    became a person the NER had not tagged, and "PERSIAN GULF" before a dateline, the NER's place, a
    person (the real NER's spans, probed on 1e63a3c)."""
    for kicker in ("MARKET WRAP", "WORLD CUP", "HOT STOCKS", "ELECTION WATCH", "GOLD FIXING"):
        text = f"Shares rise\n\n{kicker}, REUTERS\n\nNEW YORK, Dec 6 - Shares rose on Friday as investors cheered.\n"
        assert kicker not in _got(text), kicker
    text = "Shares rise\n\nPERSIAN GULF, REUTERS\n\nNEW YORK, Dec 6 - Shares rose on Friday.\n"
    assert _got(text, ("PERSIAN GULF", "location")).get("PERSIAN GULF") == {"location"}
    # near misses: a name in capitals after "By" is a reporter's, the NER's or not, with a dateline or an
    # agency after it; and without "By" where the NER typed it an organisation
    for line in ("BY LARRY WELSH, REUTERS\nTORONTO, April 3 - ", "By WALKER SIMON\nQUITO, March 9 - ",
                 "BY LARRY WELSH, REUTERS\n\n"):
        text = f"Oil industry set for recovery\n\n{line}Firmer crude prices will help, analysts said.\n"
        name = "LARRY WELSH" if "LARRY" in line else "WALKER SIMON"
        assert _got(text).get(name) == {"person"}, line
    text = "Oil industry set for recovery\n\nLARRY WELSH, REUTERS\n\nFirmer crude prices will help.\n"
    assert _got(text, ("LARRY WELSH", "organization")).get("LARRY WELSH") == {"person"}

def test_a_seat_of_government_on_a_lone_credit_line_is_no_reporter():
    """b9ea3fa kept "White House, AP" an organisation where the story names the White House again; a credit
    line in a text that names it nowhere else still made the NER's organisation a person: a seat's name
    ("House", "Palace") with no word of a given name before it is no reporter's."""
    for seat in ("White House", "Blue House", "Elysee Palace"):
        text = f"Leaders meet\n\n{seat}, AP\nWASHINGTON (AP) - The president signed the bill on Friday."
        got = _got(text, (seat, "organization"))
        assert got.get(seat) == {"organization"}, got
    # near miss: a reporter whose surname is such a word, a given name before it
    text = "Leaders meet\n\nKaren Elliott House, AP\nWASHINGTON (AP) - The president signed the bill on Friday."
    assert _got(text, ("Karen Elliott House", "organization"))["Karen Elliott House"] == {"person"}


def test_a_royal_residence_or_a_seat_s_street_on_a_credit_line_is_no_reporter():
    """cd46f2b refused a seat's name on a credit line unless a given name came before its last word, so
    "Clarence House, AP" (a royal residence, named for a duke) made the NER's organisation a person; and
    "Downing Street, AP", which the NER tags nothing (probed on deb86c2), was added as a person: a street
    was no seat's word."""
    for seat, ner in (("Clarence House", "organization"), ("Downing Street", None), ("Wall Street", None),
                      ("Blair House", "organization")):
        text = f"Royal visit\n\n{seat}, AP\nLONDON (AP) - Prince Charles visited flooded villages on Tuesday."
        got = _got(text, *([(seat, ner)] if ner else []))
        assert got.get(seat) == ({ner} if ner else None), (seat, got)
    # near misses: a reporter whose surname is such a word has a middle name or an initial; a reporter
    # of two names whose last is no seat's word
    for name in ("Karen Elliott House", "Karen E. House", "Jill Abramson"):
        text = f"Royal visit\n\n{name}, AP\nLONDON (AP) - Prince Charles visited flooded villages on Tuesday."
        assert _got(text).get(name) == {"person"}, name


def test_a_credit_line_s_person_whose_surname_is_a_street_word_is_a_person():
    """A street's word last on a credit line was a seat's, whatever came before it, so "Picabo Street, AP"
    (the skier) kept the NER's place; a seat a credit line names is a street English writes of, its first
    word one English text writes ("Downing", "Wall", "Tiananmen")."""
    text = "Downhill\n\nPicabo Street, AP\nVAIL (AP) - The skier won the downhill on Saturday."
    assert _got(text, ("Picabo Street", "location")).get("Picabo Street") == {"person"}
    # near misses: the seats' streets and squares, named by the NER or not, and a seat's house
    for seat, ner in (("Downing Street", None), ("Wall Street", None), ("Tiananmen Square", "location"),
                      ("Clarence House", "organization")):
        text = f"Visit\n\n{seat}, AP\nLONDON (AP) - The prime minister met the president on Tuesday."
        got = _got(text, *([(seat, ner)] if ner else []))
        assert got.get(seat) == ({ner} if ner else None), (seat, got)


def test_a_nationality_before_a_person_the_ner_typed_an_organisation_or_a_place_is_cut_and_the_name_a_person():
    """f405f38 and cf385af cut a nationality off the NER's persons only: "Australian Margaret Court" (an
    organisation) and "Nigerian Kanu" (a place) kept it, and the wrong type with it."""
    text = ("MELBOURNE (Reuters) - Australian Margaret Court, who won 24 grand slam singles titles, was honoured "
            "on Monday. Court said she was delighted.")
    got = _got(text, ("Australian Margaret Court", "organization"), ("Court", "organization", "ner", 1))
    assert got.get("Margaret Court") == {"person"} and "Australian Margaret Court" not in got, got
    text = "Nigerian Kanu scored twice as Arsenal won. Kanu's second goal came late."
    got = _got(text, ("Nigerian Kanu", "location"), ("Arsenal", "organization"), ("Kanu", "organization", "ner", 1))
    assert got.get("Kanu") == {"person"} and "Nigerian Kanu" not in got, got
    # near misses: a firm's or an event's name after its nationality, named alone too
    for name, alone in (("Australian Open", "the Open"), ("American Express", "Express said"),
                        ("Nigerian Breweries", "Breweries said"), ("German Marshall Fund", "the Fund said"),
                        ("Estonian Tallinna Pank", "Tallinna Pank said"), ("British Telecom", "Telecom said"),
                        ("Swiss Volksbank", "Volksbank said")):
        text = f"{name} reported on Monday. {alone} more on Friday."
        assert _got(text, (name, "organization")) == {name: {"organization"}}, name
    text = "The French Riviera was warm on Monday, and the Riviera's beaches were full."
    assert _got(text, ("French Riviera", "location")) == {"French Riviera": {"location"}}



def test_an_institution_named_for_a_person_after_a_nationality_stays_an_organisation():
    """9cb4137 made the rest of the NER's organisation after a nationality a person where its first word
    is a given name, and so made persons of institutions named for one: "The German Max Planck Society
    said" gave the person "Max Planck Society", "The American Walt Disney World resort" "Walt Disney
    World" (the real NER's spans, probed); and a name's last word opening a sentence ("Institute
    scientists said") passed for a surname written alone."""
    for name, after in (("German Max Planck Society", " Society members voted."),
                        ("American Walt Disney World", ""), ("British Henry Jackson Society", ""),
                        ("American George Washington Bridge", ""), ("American Henry Ford Hospital", ""),
                        ("German Robert Koch Institute", " Institute scientists said the rate was high.")):
        text = f"The {name} said on Monday its plans were ready.{after}"
        assert _got(text, (name, "organization")) == {name: {"organization"}}, name
    # near misses: a person whose surname is a common word the text writes alone, or an institution's
    # word written as a surname; a surname no common word needs no more
    text = "American Serena Williams won on Sunday. Williams said she was happy."
    assert _got(text, ("American Serena Williams", "organization")).get("Serena Williams") == {"person"}
    text = "Australian Margaret Court was honoured on Monday. Court's titles number 24."
    assert _got(text, ("Australian Margaret Court", "organization")).get("Margaret Court") == {"person"}
    text = "Swiss Roger Federer won on Sunday in Basel."
    assert _got(text, ("Swiss Roger Federer", "organization")).get("Roger Federer") == {"person"}

def test_an_institution_named_for_a_person_the_ner_typed_a_person_is_an_organisation():
    """52fe3c3 kept "German Max Planck Society" an organisation where the NER typed it one; where the NER
    typed the institution a person, it stayed one: "The German Friedrich Ebert Stiftung said on Monday"
    gave the person "Friedrich Ebert Stiftung" (the real NER's span, probed on deb86c2)."""
    for name in ("Friedrich Ebert Stiftung", "Henry Jackson Society", "Bill Gates Foundation",
                 "Max Planck Institute", "Konrad Adenauer Fundación"):
        text = f"The German {name} said on Monday it would open an office in Kiev."
        assert _got(text, (name, "person")) == {name: {"organization"}}, name
    # near misses: a person whose surname is an institution's word too, or no institution's
    for name in ("Margaret Court", "Samantha Power", "Charlotte Church", "Jennifer Senior"):
        text = f"The Australian {name} said on Monday she would open an office in Kiev."
        assert _got(text, (name, "person")) == {name: {"person"}}, name


def test_a_compound_s_first_part_opening_a_sentence_is_no_name_by_its_frequency_abroad():
    """fc082c5's rule kept a frequent word opening a sentence that is as frequent in six other languages,
    and so kept a compound's first part, which names no one there: a web page's "Oscar-winner Kevin
    Spacey" gave the organisation "Oscar"."""
    for text in ("Oscar-winner Kevin Spacey arrived on Monday.", "Tonight it rained.\n\nOscar-winning actor "
                 "Kevin Spacey arrived."):
        assert not _kept(text, "Oscar", "organization"), text
    # near misses: the text writes the word alone inside a sentence, or as a name, not a compound
    assert _kept("Oscar-winner Kevin Spacey arrived. He won an Oscar in 2000.", "Oscar", "organization")
    assert _kept("Boeing said on Friday it would cut 500 jobs.", "Boeing", "organization")



def test_a_compound_s_first_part_before_a_participle_names_its_agent():
    """c92fbb5 dropped a frequent word the NER named opening a sentence before a hyphen and a lower-case
    word, a compound's first part, and so dropped the agent a participle names: "Boeing-built jets were
    grounded on Monday" lost the organisation "Boeing" (the real NER's span, probed on 1e63a3c)."""
    for text in ("Boeing-built jets were grounded on Monday.", "Boeing-owned plants were closed on Monday.",
                 "Boeing-led talks ended on Monday.", "Boeing-made parts were recalled on Monday."):
        assert _kept(text, "Boeing", "organization"), text
    # near misses: an award's compound names no one ("Oscar-winner", "Oscar-winning actor")
    assert not _kept("Oscar-winner Kevin Spacey arrived on Monday.", "Oscar", "organization")
    assert not _kept("Oscar-winning actor Kevin Spacey arrived.", "Oscar", "organization")

def test_a_given_name_the_ner_typed_an_organisation_is_a_person_by_his_name_was_or_himself():
    """A web page's "His name was Scott and he was on the same flight ... And from Scott himself:" gave
    the organisation "Scott" four times, the NER's type, which the document's vote kept."""
    text = ("A guy walks up to say hi. His name was Scott and he was on the same flight.\n\n"
            "It turns out Scott is in Bali.\n\nAnd from Scott himself:\n\nAbsolutely.")
    got = _got(text, ("Scott", "organization"), ("Scott", "organization", "ner", 1), ("Bali", "location"))
    assert got.get("Scott") == {"person"}, got
    text = "It turns out Scott is in Bali.\n\nAnd from Scott himself:\n\nAbsolutely."
    assert _got(text, ("Scott", "organization"), ("Bali", "location")).get("Scott") == {"person"}
    # near misses: a firm's name is no person's by "its name is", nor by "itself"
    text = "Its name was Apple and it sold computers. Apple itself said so."
    assert _got(text, ("Apple", "organization"), ("Apple", "organization", "ner", 1)) == {"Apple": {"organization"}}


def test_both_reporters_of_a_byline_of_two_names_are_persons():
    """"BY PATRICK RIZZO AND PATTI DOMM" before the dateline (Reuters-21578), in capitals or mixed case, or
    "Patrick Rizzo and Patti Domm, Reuters" on a credit line, was no byline to the rules, which read one
    name of two to four words: the NER's organisation stayed one, and a name it missed gave no mention.
    Each name after "By" or before the agency, joined by "and" or "&", is a reporter's."""
    for line, dateline in (("BY PATRICK RIZZO AND PATTI DOMM", "NEW YORK, March 3 - "),
                           ("By Patrick Rizzo and Patti Domm", "NEW YORK, March 3 - "),
                           ("By Patrick Rizzo & Patti Domm, Reuters", "NEW YORK, March 3 - "),
                           ("Patrick Rizzo and Patti Domm, Reuters", "")):
        first, second = re.split(r" (?:AND|and|&) ", line.removeprefix("BY ").removeprefix("By "))
        second = second.removesuffix(", Reuters")
        text = f"Stocks fall on rate fears\n\n{line}\n{dateline}Stocks fell on Friday, traders said.\n"
        got = _got(text, (second, "organization"))
        assert got.get(first) == {"person"} and got.get(second) == {"person"}, (line, got)
    # near misses: a newsroom's words after "and", and a headline's "and", name no reporter
    text = "Stocks fall on rate fears\n\nBy Patti Domm and Staff Reporters\nNEW YORK, March 3 - Stocks fell.\n"
    assert "Staff Reporters" not in _got(text) and _got(text).get("Patti Domm") == {"person"}
    text = "Stocks And Bonds Fall\n\nNEW YORK, March 3 - Stocks fell on Friday.\n"
    assert not any(v == {"person"} for v in _got(text).values())


def test_a_reporter_whose_name_the_ner_read_in_parts_is_a_person():
    """"By STEPHEN JUKES AND PHILIP SHEHADI, REUTERS" gave the place "SHEHADI" (the real NER's span, probed on
    deb86c2) and no second reporter: a name of a byline the NER tagged no whole person was passed over where
    any span overlapped it, and a name in capitals after "AND" was read as a kicker's, its "By" unseen."""
    for line in ("By STEPHEN JUKES AND PHILIP SHEHADI, REUTERS", "By Stephen Jukes and Philip Shehadi, Reuters"):
        first, second = line[3:].split(", ")[0].replace(" AND ", " and ").split(" and ")
        text = f"Markets fall\n\n{line}\n\nLONDON - Stocks fell sharply on Monday as investors worried.\n"
        got = _got(text, (first, "person"), (second.split()[1], "location"), (line.split(", ")[1], "organization"))
        assert got.get(first) == {"person"} and got.get(second) == {"person"}, got
        assert second.split()[1] not in got, got
    text = "Markets fall\n\nBy Philip Shehadi\nLONDON, March 3 - Stocks fell sharply on Monday.\n"
    assert _got(text, ("Shehadi", "location")).get("Philip Shehadi") == {"person"}
    # near misses: a kicker in capitals with no "By" names no one; a place the line names whole stays one
    text = "Markets fall\n\nMARKET WRAP AND NEW YORK, REUTERS\n\nStocks fell sharply on Monday.\n"
    assert _got(text, ("NEW YORK", "location")) == {"NEW YORK": {"location"}}


def test_a_reporter_whose_surname_is_a_newsroom_word_is_a_person():
    """"Jennifer Senior, AP" on a credit line gave no mention (the NER tags none, probed on deb86c2): a
    newsroom's word anywhere in the name made it a newsroom's ("By Senior Correspondent"), but a word that
    qualifies a role goes before it and ends no newsroom's name."""
    for line in ("Jennifer Senior, AP", "By Jennifer Senior"):
        text = f"Book review\n\n{line}\nNEW YORK, March 3 - The book is a study of parenthood in America today.\n"
        assert _got(text).get("Jennifer Senior") == {"person"}, line
    # near misses: a newsroom's role, or its qualifier before one, names no reporter
    for line in ("By Senior Correspondent", "Senior Staff Writer, AP", "By Our Special Correspondent",
                 "Jennifer Senior Staff, AP"):
        text = f"Book review\n\n{line}\nNEW YORK, March 3 - The book is a study of parenthood in America today.\n"
        assert not any(v == {"person"} for v in _got(text).values()), line


def test_an_idiom_s_word_after_name_is_names_no_one():
    """"I met a man on the train. His name is Mud and he sells insurance" gave the person "Mud" (the real
    NER's span, probed on deb86c2), and 679e085's "his name is" would make a person of an organisation so
    written: "his name is Mud" says he is in disgrace, "their name is Legion" that they are many."""
    for text, word in (("I met a man on the train. His name is Mud and he sells insurance in Ohio.", "Mud"),
                       ("After the vote, his name was Mud in the party.", "Mud"),
                       ("Critics of the plan? Their name is Legion.", "Legion")):
        for kind in ("person", "organization"):
            assert not _kept(text, word, kind), (text, kind)
    # near misses: a name after "name is", and the idiom's word as a name elsewhere
    assert _kept("A guy walks up to say hi. His name was Scott and he was on the same flight.", "Scott", "person")
    assert _kept("Veterans marched on Monday, the American Legion said.", "American Legion", "organization")


def test_a_name_opening_a_sentence_whose_next_opens_with_he_is_a_person():
    """679e085 left a web page's author's note "Nick started out as an SEO in 2005 and is now a founding
    member of inbound.co.uk. He helps to develop client campaign strategies" with the organisation "Nick"
    (the real NER's span, probed on deb86c2): no "his name is" nor "himself" says so, but the next
    sentence's "He", said of the sentence's subject, only a person is."""
    text = ("- License: Image author owned\n\nNick started out as an SEO in 2005 and is now a founding member "
            "of inbound.co.uk. He helps to develop client campaign strategies. The majority of his time goes "
            "into the company's projects.")
    assert _got(text, ("Nick", "organization")) == {"Nick": {"person"}}
    text = "Ricardo joined the band in 1999. She said he was the best drummer she knew."
    assert _got(text, ("Ricardo", "organization")) == {"Ricardo": {"person"}}
    # near misses: a firm's next sentence says "It"; another name in the sentence may be the "He"; a name
    # inside a sentence is no subject of it
    assert _kept("Apple started out as a computer maker in 1976. It now sells phones.", "Apple", "organization")
    text = "Apple hired Tim Cook in 1998. He runs the company now."
    assert _got(text, ("Apple", "organization"), ("Tim Cook", "person"))["Apple"] == {"organization"}
    assert _kept("Shares of Apple rose 5 percent. He said so.", "Apple", "organization")
    # nor a common word or plural opening a sentence (a basketball page's play type, a web page's list)
    for text, word in (("Isolation is second at 16 percent, and his shooting is poor. He shot 38.8 percent.",
                        "Isolation"), ("Bromides, but valid ones. He lives for incremental progress.", "Bromides")):
        assert _got(text, (word, "organization")).get(word) != {"person"}, word


def test_a_name_opening_a_sentence_that_names_its_own_speaker_is_no_person_by_the_next_he():
    """be8843c took the "He" opening the next sentence as said of the name opening a sentence with no other
    name, and so made a person of a firm whose sentence ends on its spokesman: Reuters' "Alkan had said
    earlier this year it would close half the plant's capacity ..., the spokesman said. He declined to
    name the other companies" (the NER's place "Alkan", Alcan misspelt) gave the person "Alkan", as a firm
    the NER typed an organisation would be."""
    text = ("A spokesman said Alcan was closing the smelter.\n    Alkan had said earlier this year it would "
            "close half the plant's capacity but decided to shut down completely when talks with potential "
            "cooperation partners failed, the spokesman said. He declined to name the other companies involved.")
    for kind in ("location", "organization"):
        assert _got(text, ("Alkan", kind)).get("Alkan") != {"person"}, kind
    text = "Glencore plans to sell the mine this year, said a spokeswoman. She declined to comment further."
    assert _kept(text, "Glencore", "organization")
    # near misses: the name's own words reported by someone of his ("his manager said"), and no speaker
    text = "Ricardo joined the band in 1999, his manager said. He was the best drummer she knew."
    assert _got(text, ("Ricardo", "organization")) == {"Ricardo": {"person"}}
    text = "Ricardo joined the band in 1999 and said it was a dream. He was the best drummer she knew."
    assert _got(text, ("Ricardo", "organization")) == {"Ricardo": {"person"}}


def test_a_name_something_was_done_to_is_no_person_by_the_next_he():
    """be8843c took the "He" or "She" opening the next sentence as said of the name opening a sentence with
    no other name, and so made a person of a town in a war report: "Beit Hanoun was shelled overnight. She
    said her house was destroyed" gave the person "Beit Hanoun" (the real NER's place, probed on be8843c),
    "Chuuk was hit by the typhoon. He said the islands needed food" the person "Chuuk" (its organisation)."""
    for text, word, kind in (
            ("Beit Hanoun was shelled overnight. She said her house was destroyed.", "Beit Hanoun", "location"),
            ("Chuuk was hit by the typhoon. He said the islands needed food.", "Chuuk", "organization"),
            ("Gazprom has been fined twice by regulators. He said the firm would appeal.", "Gazprom",
             "organization")):
        assert _kept(text, word, kind), text
    # near misses: a person's name with an active verb, a copula with no participle, or "was born"
    for text in ("Tanya had HIV. She had become infected at birth.",
                 "Welby has been a bishop for only a year. He was an oil executive.",
                 "Ricardo was born in 1979. He joined the band at 20."):
        word = text.split()[0]
        assert _got(text, (word, "location")) == {word: {"person"}}, text


def test_a_town_is_no_person_by_a_next_he_that_means_another():
    """The "He" or "She" opening the next sentence was taken as said of the name opening a sentence, whatever
    the verb, and whoever else the paragraph named: "Zintan endured a siege for two months. She said the town
    was short of food" gave the person "Zintan" (the real NER's place), as did a "She" after "Fatima Ali, a
    teacher, fled in April." The pronoun's words call the name a place, or may mean the person before it."""
    for text, word, kind in (
            ("Zintan endured a siege for two months. She said the town was short of food and water.", "Zintan",
             "location"),
            ("Misrata endured a siege. He told reporters that the city had run out of fuel.", "Misrata",
             "organization"),
            ("Fatima Ali, a teacher, fled in April. Zintan endured a siege for two months. She said she had lost "
             "her home.", "Zintan", "location")):
        got = _got(text, (word, kind), *(("Fatima Ali", "person"),) * ("Fatima" in text))
        assert got.get(word) == {kind}, (text, got)


def test_a_town_is_no_person_by_a_next_he_whose_words_call_it_a_place_further_on():
    """6976f6a's guard read the place's noun only right after the pronoun's verb ("She said the town"), so
    "Zintan endured a siege. He said he had lost his home in the city." still made "Zintan" a person: a
    witness's words call it a place anywhere in the pronoun's sentence."""
    for text, word, kind in (
            ("Zintan endured a siege. He said he had lost his home in the city.", "Zintan", "location"),
            ("Misrata endured a siege for weeks. She told reporters her family had fled the city's port area.",
             "Misrata", "organization"),
            ("Kessab fell last week. He says U.S. aid never reached the town.", "Kessab", "location")):
        got = _got(text, (word, kind))
        assert got.get(word) == {kind}, (text, got)
    # near misses: no words of a witness's, the place noun in the next sentence, or no place noun
    for text in ("Ricardo joined the band in 1999. He was the best drummer in the town.",
                 "Ricardo joined the band in 1999. He said he loved it. The town was proud.",
                 "Nick started out as an SEO in 2005. He said he had lost his first job at 20."):
        word = text.split()[0]
        got = _got(text, (word, "organization"))
        assert got.get(word) == {"person"}, (text, got)
    # near misses: the pronoun's words of another place, of a town of their own, a person named a paragraph before
    for text in ("Nick started out as an SEO in 2005. He said the industry had changed.",
                 "Ricardo joined the band in 1999. He was the best drummer in the town.",
                 "Fatima Ali, a teacher, fled in April.\n\nTanya had HIV. She had become infected at birth."):
        word = text.split(". ")[-2].split()[0] if "Fatima" not in text else "Tanya"
        got = _got(text, (word, "organization"), *(("Fatima Ali", "person"),) * ("Fatima" in text))
        assert got.get(word) == {"person"}, (text, got)


def test_a_firm_after_of_before_himself_stays_an_organisation():
    """679e085 took "himself" after a name as a person's, so "the founder of Apple himself" made the
    NER's organisation "Apple" a person, at each of its uses: "Elon Musk, the chief of Tesla himself,
    said ... Tesla said output rose" gave three persons "Tesla" (the real NER's spans, probed on 1e63a3c);
    the reflexive is said of the head before "of", not of the name after it."""
    text = "Tesla shares fell. Elon Musk, the chief of Tesla himself, said the plant would reopen. Tesla said so."
    got = _got(text, ("Tesla", "organization"), ("Elon Musk", "person"), ("Tesla", "organization", "ner", 1),
               ("Tesla", "organization", "ner", 2))
    assert got.get("Tesla") == {"organization"}, got
    # near misses: a name that is the head before "himself" is a person's, after a preposition too
    text = "It turns out Scott is in Bali.\n\nAnd from Scott himself:\n\nAbsolutely."
    assert _got(text, ("Scott", "organization"), ("Bali", "location")).get("Scott") == {"person"}
    text = "The words were those of Caesar. When Caesar himself arrived in Egypt, Pothinus fled."
    got = _got(text, ("Caesar", "organization"), ("Caesar", "organization", "ner", 1), ("Egypt", "location"))
    assert got.get("Caesar") == {"person"}, got


def test_a_name_ending_in_a_periodicals_word_is_no_person():
    """Reuters: "In a summary of its Weather and Crop Bulletin, the agency said" gave the person
    "Crop Bulletin" (and "Crops Bulletin"), in five weekly reports of the US Agriculture
    Department's weather facility. A bulletin, gazette, journal, newsletter, digest or magazine
    is no one's surname: the name is a periodical, an organisation as a newspaper is."""
    cases = [
        ("In a summary of its Weather and Crop Bulletin, the agency said showers continued.", ["Crop Bulletin"],
         "organization"),
        ("Farmers read the Kansas Gazette and the Grain Journal, the survey said.", ["Kansas Gazette", "Grain Journal"],
         "organization"),
        # near misses: a person's name, a periodical's word that is not the name's last
        ("Journalist Ann Digby and Bulletin editor Tom Mann said so.", ["Ann Digby", "Tom Mann"], "person"),
    ]
    for text, names, kind in cases:
        assert _got(text, *((n, "person") for n in names)) == {n: {kind} for n in names}, text


def test_a_score_inside_a_span_ends_the_name_before_it():
    """The NER ran a match's score into a club's name and on: "Leeds beat Chelsea 2-1 at Elland Road" gave the
    organisation "Chelsea 2-1 at Elland Road" (the real NER's span, probed on 6b7c1df), as CoNLL-2003's odds
    "Roger Garcia 16-1 Manolo"; normalize.clean_span trimmed a score ending a span only ("Philadelphia Eagles
    37-10"), and a person's span with a figure in it was dropped whole."""
    text = "Leeds beat Chelsea 2-1 at Elland Road on Saturday."
    assert _got(text, ("Leeds", "organization"), ("Chelsea 2-1 at Elland Road", "organization")) == {
        "Leeds": {"organization"}, "Chelsea": {"organization"}, "Elland Road": {"organization"}}
    text = "Results on Sunday: Arsenal 3-0 Tottenham Hotspur, Everton 1–1 Aston Villa."
    assert _got(text, ("Arsenal 3-0 Tottenham Hotspur", "organization"), ("Everton 1–1 Aston Villa", "organization")) \
        == {k: {"organization"} for k in ("Arsenal", "Tottenham Hotspur", "Everton", "Aston Villa")}
    text = "In the final on Sunday, Pete Sampras 6-4 6-3 Andre Agassi was the only result of note."
    assert _got(text, ("Pete Sampras 6-4 6-3 Andre Agassi", "person")) == {
        "Pete Sampras": {"person"}, "Andre Agassi": {"person"}}
    # near misses: a score ending the span (trimmed as before), a number a name holds, a figure of a word
    # numbering it ("Route 66"), a model's number with no space after it
    assert _got("The Philadelphia Eagles 37-10 win was their best.", ("Philadelphia Eagles 37-10", "organization")) \
        == {"Philadelphia Eagles": {"organization"}}
    for text, name in (("Shares of Group 4 Securicor rose on Monday.", "Group 4 Securicor"),
                       ("They drove along Route 66-67 Highway for a week.", "Route 66-67 Highway"),
                       ("The 7-Eleven Inc chain said on Monday it would expand.", "7-Eleven Inc")):
        assert _got(text, (name, "organization")) == {name: {"organization"}}, text


def test_two_companies_joined_by_and_once_are_no_firm_of_partners():
    """5e17f1d made a firm of "X and Y" where the NER read X an organisation and Y a person, so two
    companies named once side by side became one: "Nissan and Honda will raise prices". That reading
    tells a firm only where the name is used twice or stands in a chain of "and"s."""
    for text, first, second in (("Nissan and Honda will raise prices next month.", "Nissan", "Honda"),
                                ("Chrysler and Ford said sales rose in March.", "Chrysler", "Ford"),
                                ("The deal between Texaco and Pennzoil was signed today.", "Texaco", "Pennzoil")):
        got = _got(text, (first, "organization"), (second, "person"))
        assert f"{first} and {second}" not in got and second in got, got
    text = "Wagner and Brown bid for the firm. Later Wagner and Brown raised the offer."
    got = _got(text, ("Wagner", "organization"), ("Brown", "person"))
    assert got == {"Wagner and Brown": {"organization"}}, got
    # who works at a firm tells it, named once: "brokerage house", "economist ... of", "managed by"
    for text in ("Stephen Lewis, economist at brokerage house Phillips and Drew, said rates would fall.",
                 "Economist David Pike of Phillips and Drew estimates costs fell.",
                 "The shares were sold through a group managed by Hambrecht and Quist. It said no."):
        first, second = re.search(r"([A-Z]\w+) and ([A-Z]\w+)", text).groups()
        assert f"{first} and {second}" in _got(text, (first, "organization"), (second, "person")), text


def test_a_models_or_a_ranges_figures_inside_a_name_are_no_score():
    """9ffe77a cut a span at every score-like figure inside it, so "Boeing 747-400 Combi" became "Boeing" and
    "Combi", "Sept 11-12 Summit" and "Rule 14-8 Proposals" lost their heads. A score cuts a name only where
    the span runs on into running text or a row of scores after it, or it is one digit a side."""
    for text, name in (("The Boeing 747-400 Combi flew on Monday.", "Boeing 747-400 Combi"),
                       ("Leaders met at the Sept 11-12 Summit in Paris.", "Sept 11-12 Summit"),
                       ("It filed under the Rule 14-8 Proposals of the SEC.", "Rule 14-8 Proposals"),
                       ("Leaders met at the Nov 3-4 Meeting in Paris.", "Nov 3-4 Meeting")):
        assert _got(text, (name, "organization")) == {name: {"organization"}}, text


def test_a_firm_a_person_is_of_is_one_named_once():
    """e481410 left a firm named once after its partners apart where only the NER's reading of a partner told
    it: "said Dudley Heer of Duff and Phelps", "analyst at stockbrokers Phillips and Drew". A person of it, or
    stockbrokers before it, tell a firm: one person works at one firm, not at two companies."""
    for text, person in (('"They want to remain independent," said Dudley Heer of Duff and Phelps.', "Dudley Heer"),
                         ("Geoffrey Pyne, analyst at stockbrokers Phillips and Drew, said so.", "Geoffrey Pyne")):
        first, second = re.search(r"([A-Z]\w+) and ([A-Z]\w+)", text).groups()
        got = _got(text, (person, "person"), (first, "organization"), (second, "person"))
        assert got.get(f"{first} and {second}") == {"organization"} and second not in got, got
    text = "Nissan and Honda will raise prices, said Jim Smith of the union."
    assert "Nissan and Honda" not in _got(text, ("Nissan", "organization"), ("Honda", "person"), ("Jim Smith", "person"))

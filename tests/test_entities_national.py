"""A country's own bodies named without the country ("the Finance Ministry" of a TOKYO story)
are told apart by country: document._national_bodies gives each mention its country, and
resolution makes one entity per country's body (QA: one "Finance Ministry" stood for 23
countries' ministries in 2,500 Reuters stories)."""
from __future__ import annotations

import json

import pytest

from search.entities import DocMentions, resolve
from search.entities.document import Span, postprocess


def _span(text: str, word: str, nth: int = 0, type_: str = "organization") -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), type_, "ner")


def _countries(text: str, *items) -> list[tuple[str, str | None]]:
    """(mention, its country) of each organisation; an item is a word or (word, nth[, type])."""
    spans = [_span(text, *((it,) if isinstance(it, str) else it)) for it in items]
    return [(m["text"], m.get("country")) for m in postprocess(text, spans) if m["type"] == "organization"]


def test_a_body_named_bare_is_of_its_datelines_country():
    assert _countries("TOKYO, June 19 - The Finance Ministry said it would act.", "Finance Ministry") == [
        ("Finance Ministry", "Japan")]
    assert _countries("TAIPEI, April 29 - The Central Bank issued certificates.", "Central Bank") == [
        ("Central Bank", "Taiwan")]
    # a region after the city: a country, or a US state
    assert _countries("ABUJA, Nigeria - The Central Bank raised rates.", "Central Bank") == [
        ("Central Bank", "Nigeria")]
    assert _countries("ROSEMONT, ILL., March 6 - The Navy awarded a contract.", "Navy") == [
        ("Navy", "United States")]


def test_a_body_named_with_its_country_is_of_that_country():
    text = ("LONDON, March 3 - Japan's Finance Ministry met the Brazilian Central Bank, the U.S. Treasury "
            "and the Reserve Bank of Australia.")
    assert _countries(text, "Finance Ministry", "Brazilian Central Bank", "Treasury", "Reserve Bank of Australia") == [
        ("Finance Ministry", "Japan"), ("Brazilian Central Bank", "Brazil"), ("Treasury", "United States"),
        ("Reserve Bank of Australia", "Australia")]


def test_a_bare_body_takes_the_country_the_article_named_it_with_before_its_dateline():
    text = ("LONDON, March 3 - The U.S. Treasury sold bills. The Treasury said demand was strong. "
            "Separately, the Treasury in London said nothing.")
    # the article named the U.S. one: each bare mention after it is that one, not the dateline's
    assert [c for _, c in _countries(text, ("Treasury", 0), ("Treasury", 1), ("Treasury", 2))] == [
        "United States"] * 3
    # named after it only: the article's one reading still holds
    text = "The Finance Ministry said so. Later, the French Finance Ministry denied it."
    assert _countries(text, ("Finance Ministry", 0), "French Finance Ministry") == [
        ("Finance Ministry", "France"), ("French Finance Ministry", "France")]


def test_a_dateline_qualifies_only_the_bodies_its_country_has():
    # the United States has no Finance Ministry: a WASHINGTON story's is another country's
    assert _countries("WASHINGTON, March 3 - The Finance Ministry said so.", "Finance Ministry") == [
        ("Finance Ministry", None)]
    # a TOKYO story's "Congress" is mostly the US one: no dateline guess
    assert _countries("TOKYO, March 3 - Congress may pass the trade bill.", "Congress") == [("Congress", None)]
    # with no dateline and no country named, the body stays bare
    assert _countries("The Central Bank raised rates on Monday.", "Central Bank") == [("Central Bank", None)]


def test_the_treasury_secretary_is_the_us_one_in_a_story_filed_abroad():
    text = "LONDON, June 2 - The summit was welcomed. Treasury Secretary James Baker commented."
    assert _countries(text, "Treasury") == [("Treasury", "United States")]


def test_a_description_of_a_countrys_body_is_an_entity_where_the_country_is_told():
    text = "BANGKOK, March 24 - The Cabinet approved the plan. The Cabinet met again on Tuesday."
    got = [m for m in postprocess(text, [_span(text, "Cabinet"), _span(text, "Cabinet", 1)]) if m["type"] != "location"]
    assert [(m["country"], m.get("generic")) for m in got] == [("Thailand", None)] * 2
    # near miss: no dateline, no country: still a description, with no entity
    text = "The Cabinet approved the plan. The Cabinet met again on Tuesday."
    got = postprocess(text, [_span(text, "Cabinet"), _span(text, "Cabinet", 1)])
    assert [m.get("generic") for m in got] == [True, True] and not any("country" in m for m in got)


def test_not_every_name_holding_a_body_is_one():
    text = "NEW YORK, March 3 - The American Pork Congress and American National Bank met."
    assert all(c is None for _, c in _countries(text, "American Pork Congress", "American National Bank"))
    # a US state's court is no country's, though the story is filed in the US
    text = "ATLANTA, March 3 - The Georgia Supreme Court ruled, and the Texas Supreme Court agreed."
    assert _countries(text, "Georgia Supreme Court", ("Supreme Court", 1)) == [
        ("Georgia Supreme Court", None), ("Supreme Court", None)]
    text = "ATLANTA, March 3 - The U.S. Supreme Court ruled."
    assert _countries(text, "Supreme Court") == [("Supreme Court", "United States")]


def _body(doc_id: str, text: str, country: str | None = None, body: str | None = None, start: int = 10) -> DocMentions:
    m = {"text": text, "type": "organization", "start": start, "end": start + len(text)}
    if country:
        m |= {"country": country, "body": body or text}
    return DocMentions(doc_id, [m])


def _names(res) -> dict[str, list[str]]:
    return {e.name: sorted(e.aliases) for e in res.entities}


def test_one_entity_per_countrys_body():
    res = resolve([
        _body("tokyo", "Finance Ministry", "Japan"),
        _body("tokyo2", "Finance Ministry", "Japan"),
        _body("tokyo3", "Ministry of Finance", "Japan"),  # one body, either word order; shown as most write it
        _body("paris", "Finance Ministry", "France"),
        _body("anywhere", "Finance Ministry"),  # no country told: its own, as before
    ])
    names = _names(res)
    assert names["Finance Ministry (Japan)"] == ["Finance Ministry", "Ministry of Finance"]
    assert names["Finance Ministry (France)"] == ["Finance Ministry"]
    assert names["Finance Ministry"] == ["Finance Ministry"]
    ids = {e.name: e.id for e in res.entities}
    assert ids["Finance Ministry (Japan)"] == "org:finance-ministry-japan"
    # a saved link's name for the entity: the entities stay apart by name as by id
    assert {e.name for e in res.lookup_alias("Finance Ministry")} == {
        "Finance Ministry (Japan)", "Finance Ministry (France)", "Finance Ministry"}


def test_a_countrys_body_shows_the_name_an_article_gives_it_with_the_country():
    res = resolve([_body("a", "Reserve Bank", "Australia"),
                   _body("b", "Reserve Bank of Australia", "Australia", "Reserve Bank"),
                   _body("c", "Reserve Bank", "New Zealand")])
    names = _names(res)
    assert names["Reserve Bank of Australia"] == ["Reserve Bank", "Reserve Bank of Australia"]
    assert names["Reserve Bank (New Zealand)"] == ["Reserve Bank"]
    # named only with an adjective: the body's name and the country, not "Brazilian Central Bank"
    res = resolve([_body("a", "Brazilian Central Bank", "Brazil", "Central Bank")])
    assert [e.name for e in res.entities] == ["Central Bank (Brazil)"]


def test_the_us_treasury_named_bare_in_a_us_story_is_the_us_treasury():
    res = resolve([_body("a", "Treasury", "United States"),
                   _body("b", "U.S. Treasury", "United States", "Treasury"),
                   _body("c", "Treasury Department"),
                   _body("d", "Treasury", "United Kingdom")])
    names = _names(res)
    us = [n for n, a in names.items() if "Treasury Department" in a]
    assert len(us) == 1 and names[us[0]] == ["Treasury", "Treasury Department", "U.S. Treasury"]
    assert us[0] != "Treasury"  # shown by a spelling that says whose
    assert names["Treasury (United Kingdom)"] == ["Treasury"]


def test_an_acronym_a_countrys_body_and_its_bare_name_define_is_one_entity():
    def defined(doc_id: str, country: str | None) -> DocMentions:
        long_ = "Ministry of International Trade and Industry"
        m = {"text": long_, "type": "organization", "start": 0, "end": len(long_)}
        if country:
            m |= {"country": country, "body": long_}
        a = {"text": "MITI", "type": "organization", "start": len(long_) + 2, "end": len(long_) + 6}
        return DocMentions(doc_id, [m, a])

    res = resolve([defined("t1", "Japan"), defined("t2", "Japan"), defined("x", None), defined("y", None),
                   DocMentions("z", [{"text": "MITI", "type": "organization", "start": 0, "end": 4}])])
    assert [(e.name, e.documents) for e in res.entities] == [("Ministry of International Trade and Industry (Japan)", 5)]


def _wire_archive(tmp_path, stories: list[tuple[str, str, str]]):
    """A real index of one JSON Lines file of (id, title, text) stories of one day, opened."""
    from search import Store, indexer, open_index

    src = tmp_path / "wire"
    src.mkdir()
    with open(src / "wire.jsonl", "w", encoding="utf-8") as fh:
        for i, title, text in stories:
            fh.write(json.dumps({"id": i, "title": title, "date": "1987-06-19", "text": text}) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSARCHIVE_WORKERS", "1")
        assert indexer.run(Store(tmp_path / "idx"), [str(src)])["indexed"] == len(stories)
    return open_index(tmp_path / "idx")


def test_the_hints_are_resolutions_alone(tmp_path):
    """The country and the body name are means: the stored article keeps its mentions without them,
    and its organisation facet holds the country's body."""
    from search import get_document, run_search as search

    archive = _wire_archive(tmp_path, [
        ("1", "Tokyo rates", "TOKYO, June 19 - The Finance Ministry said it would raise rates on Monday."),
        ("2", "Paris rates", "PARIS, June 19 - The Finance Ministry said it would cut rates on Monday."),
        ("3", "Bonds", "The Finance Ministry said bond sales would rise on Monday."),
    ])
    facet = {v["value"]: v["count"] for v in search(archive, "").facets["organization"]}
    assert facet == {"Finance Ministry (Japan)": 1, "Finance Ministry (France)": 1, "Finance Ministry": 1}
    # the name as typed finds all three; the country's name only its own
    assert search(archive, "", filters={"organization": ["Finance Ministry"]}).total == 3
    japan = search(archive, "", filters={"organization": ["Finance Ministry (Japan)"]})
    assert [h.title for h in japan.hits] == ["Tokyo rates"]
    # the stored article keeps the mention, without resolution's hints
    doc = get_document(archive, japan.hits[0].id)
    ministry = [m for m in doc["mentions"] if m["text"] == "Finance Ministry"]
    assert ministry and not any("country" in m or "body" in m for m in ministry)


def test_a_filter_or_a_name_in_the_other_spelling_of_a_ministry_finds_it(tmp_path):
    """QA: `organization=Ministry of Finance` found 0 articles and offered nothing, while
    `organization=Finance Ministry` found 16, and README calls both spellings one body; so
    was `Agriculture Ministry` of a "Ministry of Agriculture". Either spelling, in any case."""
    from search import run_search as search

    archive = _wire_archive(tmp_path, [
        ("1", "Tokyo rates", "TOKYO, June 19 - The Finance Ministry said it would raise rates on Monday."),
        ("2", "Paris rates", "PARIS, June 19 - The Finance Ministry said it would cut rates on Monday."),
        ("3", "Farm aid", "THE HAGUE, June 19 - The Ministry of Agriculture said it would pay farmers on Monday."),
    ])
    titles = lambda org: sorted(h.title for h in search(archive, "", filters={"organization": [org]}).hits)  # noqa: E731
    for spelling in ("Finance Ministry", "Ministry of Finance", "ministry of finance", "MINISTRY OF FINANCE"):
        assert titles(spelling) == ["Paris rates", "Tokyo rates"], spelling
    for spelling in ("Ministry of Agriculture", "Agriculture Ministry", "agriculture ministry"):
        assert titles(spelling) == ["Farm aid"], spelling
    r = search(archive, "", filters={"organization": ["Ministry of Finance"]})
    assert r.unmatched_filters == []


def test_a_dateline_names_only_the_bodies_its_country_has_from_the_audit():
    """Entity audit of the 390 qualified mentions of 2,500 Reuters stories: 6 wrong, 3 of them a
    body the dateline's country has not."""
    # the UK has no Reserve Bank nor Central Bank: another country's, not told
    text = "LONDON, March 24 - A new agreement was signed. In Pretoria, Reserve Bank Governor Gerhard De Kock spoke."
    assert _countries(text, "Reserve Bank") == [("Reserve Bank", None)]
    text = "LONDON, March 24 - The team, headed by the Central Bank Governor, left."
    assert _countries(text, "Central Bank") == [("Central Bank", None)]
    assert _countries("LONDON, April 2 - The Treasury said so.", "Treasury") == [("Treasury", "United Kingdom")]
    assert _countries("SYDNEY, April 2 - The Reserve Bank said so.", "Reserve Bank") == [("Reserve Bank", "Australia")]
    # a US state that is no abbreviation, and one whose abbreviation is a country's code
    assert _countries("CANTON, Ohio, March 3 - The Navy awarded a contract.", "Navy") == [("Navy", "United States")]
    assert _countries("CLARKSBURG, W. Va., March 3 - The Navy awarded a contract.", "Navy") == [
        ("Navy", "United States")]
    # a city's own name before another city's other name ("Islamabad" was one of Dhaka's)
    assert _countries("ISLAMABAD, March 3 - The Finance Ministry said so.", "Finance Ministry") == [
        ("Finance Ministry", "Pakistan")]


def test_country_adjectives_the_rule_gets_wrong():
    text = "LAGOS, March 3 - The Nigerian Central Bank and the South African Reserve Bank met."
    assert _countries(text, "Nigerian Central Bank", "South African Reserve Bank") == [
        ("Nigerian Central Bank", "Nigeria"), ("South African Reserve Bank", "South Africa")]


def test_any_us_states_body_is_no_countrys():
    # "Ohio" has no wire abbreviation of its own (STATE_NAMES came from those): the US dateline
    # made the Ohio Supreme Court the US one
    text = "COLUMBUS, Ohio, March 3 - The Ohio Supreme Court ruled on Monday."
    spans = [_span(text, "Ohio", 1, "location"), _span(text, "Supreme Court")]
    assert [(m["text"], m.get("country")) for m in postprocess(text, spans) if m["type"] == "organization"] == [
        ("Supreme Court", None)]


@pytest.mark.parametrize("text, body, country", [
    # a month in capitals (138 of 19,043 Reuters datelines), a region in capitals
    ("WASHINGTON, MARCH 12 - The Treasury said so.", "Treasury", "United States"),
    ("BRASILIA, MARCH 5 - Funaro met the Central Bank governor.", "Central Bank", "Brazil"),
    ("CELINA, OHIO, March 20 - The Navy awarded a contract.", "Navy", "United States"),
    # a known place in title case at a line's start, before a date and a dash (307 of 19,043)
    ("Sydney, March 3 - Money supply rose, the Reserve Bank said.", "Reserve Bank", "Australia"),
    ("MONEY SUPPLY RISES\n\nSydney, March 3 - The Reserve Bank said so.", "Reserve Bank", "Australia"),
    # no dateline: a weekday, a title-case word inside a sentence, no dash
    ("Monday, March 3 - The Finance Ministry said so.", "Finance Ministry", None),
    ("He spoke in Sydney, March 3 - The Reserve Bank said so.", "Reserve Bank", None),
    ("Sydney, March 3 was the day the Reserve Bank said so.", "Reserve Bank", None),
])
def test_a_dateline_in_other_cases_is_read(text, body, country):
    assert _countries(text, body) == [(body, country)]


def test_a_title_case_dateline_is_a_place_and_blanked_for_the_ner():
    from search.entities.document import blank_datelines

    text = "Sydney, March 3 - Shares rose."
    assert blank_datelines(text) == " " * len("Sydney, March 3 - ") + "Shares rose."
    assert [(m["text"], m["type"]) for m in postprocess(text, [])] == [("Sydney", "location")]
    # a calendar's row is no dateline: "TUE" was an organisation, and is no place either
    text = "TUE, APR 07 - INDIA, BOMBAY (RAMANAVMI)."
    assert blank_datelines(text) == text


def test_congress_abroad_is_the_us_one_where_the_us_is_named_else_the_countrys_own():
    text = ("TOKYO, March 2 - Japan and the U.S. began talks.\n\nHe said the U.S. Administration ignored "
            "the progress made when it talks with Congress.")
    assert _countries(text, "Congress") == [("Congress", "United States")]
    text = "ROME, March 3 - The Senate voted on the budget, Italian officials said."
    assert _countries(text, "Senate") == [("Senate", "Italy")]
    text = "MANILA, March 3 - The government will wait for the Congress to convene by mid-year."
    assert _countries(text, "Congress") == [("Congress", "Philippines")]
    # neither: the Congress party of an Indian story stays as it is
    text = "NEW DELHI, March 3 - Congress won the state election."
    assert _countries(text, "Congress") == [("Congress", None)]
    # the US named far from it, two paragraphs before: not read
    text = ("MANILA, March 3 - U.S. bases were discussed.\n\nTalks went on.\n\nMore talks.\n\n"
            "The Congress will convene by mid-year.")
    assert _countries(text, "Congress") == [("Congress", "Philippines")]


def test_the_assembly_another_organisations_name_ends_with_is_that_one():
    # "the Parliament" of a STRASBOURG story naming the European Parliament is that one, not France's
    text = "STRASBOURG, France, March 11 - The European Parliament met. He told the Parliament that aid would rise."
    assert _countries(text, "European Parliament", ("Parliament", 1)) == [
        ("European Parliament", None), ("Parliament", None)]
    text = "CHICAGO, March 6 - The American Pork Congress said the Congress will be split in two."
    assert _countries(text, "American Pork Congress", ("Congress", 1)) == [
        ("American Pork Congress", None), ("Congress", None)]
    # without "the", Congress of a US story stays the US one (Reuters: "a resolution that Congress
    # and the administration should" after "American Pork Congress")
    text = "CHICAGO, March 6 - The American Pork Congress urged that Congress act."
    assert _countries(text, "American Pork Congress", ("Congress", 1)) == [
        ("American Pork Congress", None), ("Congress", "United States")]
    assert _countries("STRASBOURG, France, March 11 - The Parliament met.", "Parliament") == [("Parliament", "France")]


def test_congress_of_a_country_that_has_one_is_its_own_unless_the_us_is_named_beside_it():
    text = ("MANILA, March 3 - American officials discussed the bases with Aquino.\n\n"
            "The government will wait for the Congress to convene by mid-year.")
    assert _countries(text, "Congress") == [("Congress", "Philippines")]
    text = "MANILA, March 3 - The bill before the U.S. Senate would cut aid, the Senate was told."
    assert _countries(text, ("Senate", 1)) == [("Senate", "United States")]


def test_a_state_that_no_longer_exists_has_its_own_bodies():
    # 1980s copy's Soviet Union, East Germany, Yugoslavia: their adjectives name their bodies
    text = "LONDON, March 3 - The Soviet Foreign Ministry and the East German Cabinet met the Yugoslav Central Bank."
    assert _countries(text, "Foreign Ministry", "Cabinet", "Central Bank") == [
        ("Foreign Ministry", "Soviet Union"), ("Cabinet", "East Germany"), ("Central Bank", "Yugoslavia")]
    # "West German" stays Germany's
    assert _countries("The West German Finance Ministry said so.", "Finance Ministry") == [
        ("Finance Ministry", "Germany")]


def test_a_dateline_city_is_of_the_state_the_story_names_then():
    # MOSCOW is Russia's in the city table; a story naming the Soviet Union was filed from it
    text = "MOSCOW, March 3 - Soviet grain imports will rise, the Foreign Ministry said."
    assert _countries(text, "Foreign Ministry") == [("Foreign Ministry", "Soviet Union")]
    text = "BELGRADE, March 3 - The Central Bank said Yugoslavia's debt would be rescheduled."
    assert _countries(text, "Central Bank") == [("Central Bank", "Yugoslavia")]
    assert _countries("EAST BERLIN, March 3 - The Foreign Ministry said so.", "Foreign Ministry") == [
        ("Foreign Ministry", "East Germany")]
    # today's story names today's state more often than the former one: its own
    text = ("MOSCOW, March 3 - Russia's economy grew. The Foreign Ministry said Russia would not return "
            "to Soviet-era planning.")
    assert _countries(text, "Foreign Ministry") == [("Foreign Ministry", "Russia")]
    assert _countries("MOSCOW, March 3 - The Foreign Ministry said so.", "Foreign Ministry") == [
        ("Foreign Ministry", "Russia")]


def test_a_former_states_other_names_are_one_entity_and_its_adjective_no_entity():
    res = resolve([DocMentions("a", [{"text": "USSR", "type": "location", "start": 0, "end": 4}]),
                   DocMentions("b", [{"text": "Soviet Union", "type": "location", "start": 0, "end": 12}]),
                   DocMentions("c", [{"text": "U.S.S.R.", "type": "location", "start": 0, "end": 8}])])
    assert _names(res) == {"Soviet Union": ["Soviet Union", "U.S.S.R.", "USSR"]}
    # "per GDR" of financial copy (a depositary receipt, a place to the NER) is no East Germany
    res = resolve([DocMentions("a", [{"text": "GDR", "type": "location", "start": 0, "end": 3}]),
                   DocMentions("b", [{"text": "East Germany", "type": "location", "start": 0, "end": 12}]),
                   DocMentions("c", [{"text": "German Democratic Republic", "type": "location", "start": 0, "end": 26}])])
    assert _names(res) == {"East Germany": ["East Germany", "German Democratic Republic"], "GDR": ["GDR"]}
    text = "Grain: the Soviet purchases rose."
    assert postprocess(text, [_span(text, "Soviet", type_="location")]) == []
    # the Supreme Soviet is a body
    text = "The Supreme Soviet met."
    assert [m["text"] for m in postprocess(text, [_span(text, "Supreme Soviet")])] == ["Supreme Soviet"]


def test_west_germany_is_germany_and_east_germany_a_state_of_its_own():
    """1987 copy's "West Germany" was a location apart from "Germany" while its bodies ("West
    German Finance Ministry") were Germany's, so `location=Germany` missed West German stories;
    the Federal Republic is Germany (ISO DE), the Democratic Republic a former state."""
    res = resolve([DocMentions("a", [{"text": "West Germany", "type": "location", "start": 0, "end": 12}]),
                   DocMentions("b", [{"text": "Germany", "type": "location", "start": 0, "end": 7}]),
                   DocMentions("c", [{"text": "Federal Republic of Germany", "type": "location", "start": 0, "end": 27}]),
                   DocMentions("d", [{"text": "East Germany", "type": "location", "start": 0, "end": 12}])])
    assert _names(res) == {"Germany": ["Federal Republic of Germany", "Germany", "West Germany"],
                           "East Germany": ["East Germany"]}


def test_a_long_text_of_moscow_stories_counts_the_former_state_once(monkeypatch):
    """Whether a MOSCOW story is the Soviet Union's is two searches of the whole text: asked once a
    dateline, a long file of wire stories searched itself once per MOSCOW (1,000 stories of 120 KB:
    3.9 s, twice that for twice as many). The text gives one answer, found once."""
    import importlib

    document = importlib.import_module("search.entities.document")
    calls = []
    counted = document._former_state
    monkeypatch.setattr(document, "_former_state", lambda *args: calls.append(args[1]) or counted(*args))
    story = "MOSCOW, March 3 - The Foreign Ministry said Soviet grain imports would rise this year."
    text = "\n\n".join([story] * 300)
    countries = _countries(text, *(("Foreign Ministry", k) for k in range(300)))
    assert countries == [("Foreign Ministry", "Soviet Union")] * 300
    assert calls == ["Russia"]  # was 300, one a dateline


def test_a_party_named_for_what_it_stands_for_is_one_entity_per_country():
    """Reuters: "Communist Party" was one entity of 23 articles, the Soviet, Chinese, Italian and
    Philippine parties among them, and "Labour Party" one of 27 (Britain's, Israel's, Australia's,
    New Zealand's): a party named by what it stands for is a country's body, as a ministry is,
    told by the country named with it, the article's, or its dateline's. A party of a name of its
    own stays one entity, and a LONDON or WASHINGTON story's bare party is Britain's or the United
    States' only where they have one of that name."""
    texts = {
        "moscow": ("MOSCOW, March 3 - The Communist Party newspaper Pravda said Soviet farms grew.", ["Communist Party", "Pravda"]),
        "rome": ("ROME, March 3 - Italy's Communist Party voted against it. The Communist party said so.",
                 ["Communist Party", ("Communist party", 0)]),
        "beijing": ("BEIJING, March 3 - The Chinese Communist Party met.", ["Chinese Communist Party"]),
        "london": ("LONDON, March 3 - The Labour Party said it would win. The Communist Party met.",
                   ["Labour Party", "Communist Party"]),
        "jerusalem": ("JERUSALEM, March 3 - Shimon Peres's Labour Party said no.", ["Labour Party"]),
        "washington": ("WASHINGTON, March 3 - The Democratic Party met. So did the Labour Party.",
                       ["Democratic Party", "Labour Party"]),
        "hongkong": ("HONG KONG, April 8 - Japan's ruling Liberal Democratic Party met.", ["Liberal Democratic Party"]),
        "baghdad": ("BAGHDAD, March 3 - The Baath Party met.", ["Baath Party"]),
        "damascus": ("DAMASCUS, March 3 - The Baath Party met.", ["Baath Party"]),
    }
    docs = []
    for doc_id, (text, items) in texts.items():
        spans = [_span(text, *((it,) if isinstance(it, str) else it)) for it in items]
        docs.append(DocMentions(doc_id, postprocess(text, spans)))
    res = resolve(docs)
    shown = {d.id: res.for_doc(d.id)["organization"] for d in docs}
    assert shown["moscow"] == ["Communist Party (Soviet Union)", "Pravda"]
    assert shown["rome"] == ["Communist Party (Italy)"]
    assert shown["beijing"] == ["Communist Party (China)"]  # as "Central Bank (Brazil)" of "Brazilian Central Bank"
    assert shown["london"] == ["Labour Party (United Kingdom)", "Communist Party"]
    assert shown["jerusalem"] == ["Labour Party (Israel)"]
    assert shown["washington"] == ["Democratic Party (United States)", "Labour Party"]
    assert shown["hongkong"] == ["Liberal Democratic Party (Japan)"]  # a word of its standing between
    assert shown["baghdad"] == shown["damascus"] == ["Baath Party"]


def test_a_party_after_two_words_of_its_standing_is_of_the_country_before_them():
    """"Israel's main opposition Labour Party" of a LONDON story was Britain's (its dateline's), and
    "Britain's main opposition Labour Party" of a JERUSALEM story Israel's: one word of standing was
    read between the country and the party ("Japan's ruling"), not two."""
    assert _countries("LONDON, March 3 - Israel's main opposition Labour Party said no.", "Labour Party") == [
        ("Labour Party", "Israel")]
    text = "JERUSALEM, March 3 - Israel's ruling Labour Party said no. Britain's main opposition Labour Party agreed."
    assert _countries(text, "Labour Party", ("Labour Party", 1)) == [
        ("Labour Party", "Israel"), ("Labour Party", "United Kingdom")]
    # near miss: one word, as before
    assert _countries("TOKYO, March 3 - Britain's ruling Conservative Party met.", "Conservative Party") == [
        ("Conservative Party", "United Kingdom")]


def test_a_body_after_a_persons_possessive_is_of_the_country_the_text_names_the_person_of():
    """"PARIS - ... Thatcher's Conservative Party" was France's (its dateline's): the person's
    possessive said nothing to _COUNTRY_BEFORE. The country the text names the person of, before
    the name's titles or after it ("of Britain"), is the body's; where it names none the dateline
    still tells, as a domestic story names its own leaders ("Prime Minister Bettino Craxi")."""
    person = "person"
    text = ("PARIS, March 3 - British Prime Minister Margaret Thatcher met Chirac. Thatcher's Conservative Party "
            "leads the polls. The Conservative Party said so.")
    assert _countries(text, ("Margaret Thatcher", 0, person), ("Thatcher", 1, person), "Conservative Party",
                      ("Conservative Party", 1)) == [("Conservative Party", "United Kingdom")] * 2
    text = ("TOKYO, March 3 - Prime Minister Margaret Thatcher of Britain met Nakasone. Thatcher's ruling "
            "Conservative Party said no.")
    assert _countries(text, ("Margaret Thatcher", 0, person), ("Thatcher", 1, person), "Conservative Party") == [
        ("Conservative Party", "United Kingdom")]
    text = ("LONDON, March 3 - Japan's Prime Minister Yasuhiro Nakasone met Thatcher. Nakasone's ruling Liberal "
            "Democratic Party said no.")
    assert _countries(text, ("Yasuhiro Nakasone", 0, person), ("Nakasone", 1, person),
                      "Liberal Democratic Party") == [("Liberal Democratic Party", "Japan")]
    # near misses: the text names no country of the person (the dateline's), or a US state
    text = "ROME, March 5 - Prime Minister Bettino Craxi resigned. Craxi's Socialist Party will not back him."
    assert _countries(text, ("Bettino Craxi", 0, person), ("Craxi", 1, person), "Socialist Party") == [
        ("Socialist Party", "Italy")]
    text = "LONDON, March 5 - Georgia Governor Joe Harris spoke. Harris's Democratic Party won."
    assert _countries(text, ("Joe Harris", 0, person), ("Harris", 1, person), "Democratic Party") == [
        ("Democratic Party", None)]


def test_a_us_states_name_with_a_person_tells_no_country_of_their_party():
    """"Senator Sam Nunn of Georgia ... Nunn's Democratic Party" was the country Georgia's, in a WASHINGTON
    story too, and "New Mexico Governor Garrey Carruthers ... Carruthers's Republican Party" Mexico's:
    fdc82d9's rule read a state's name after the person, or the last word of a state's two, as a country."""
    person = "person"
    for text, full, bare, party, country in [
            ("WASHINGTON, March 3 - Senator Sam Nunn of Georgia spoke. Nunn's Democratic Party won.",
             "Sam Nunn", "Nunn", "Democratic Party", "United States"),
            ("PARIS, March 3 - New Mexico Governor Garrey Carruthers spoke. Carruthers's Republican Party won.",
             "Garrey Carruthers", "Carruthers", "Republican Party", "France"),
            ("PARIS, March 3 - New Jersey Governor Tom Kean spoke. Kean's Republican Party won.",
             "Tom Kean", "Kean", "Republican Party", "France")]:
        assert _countries(text, (full, 0, person), (bare, 1, person), party) == [(party, country)], text
    # near miss: a country named after the person still tells
    text = "TOKYO, March 3 - Prime Minister Margaret Thatcher of Britain spoke. Thatcher's Conservative Party won."
    assert _countries(text, ("Margaret Thatcher", 0, person), ("Thatcher", 1, person), "Conservative Party") == [
        ("Conservative Party", "United Kingdom")]

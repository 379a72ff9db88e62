from search.translation.broken_sentence import detect


def excerpts(text):
    return [f["excerpt"] for f in detect(text)]


def test_lower_case_start_after_a_stop():
    assert excerpts("forcing him to resign from his post. his post as leader of the nation.") == ["post. his"]


def test_doubled_and_glued_stops():
    assert excerpts("before forcing them to relinquish power. . At the time") == [". ."]
    assert excerpts("according to sources from the Malian army.Rebels took control") == ["army.Rebels"]
    # each explanation says what is there (QA, seed 004: ". ," was "a full stop doubled")
    details = {f["excerpt"]: f["detail"] for t in ("power. . At", "power. , at", "power. ; at") for f in detect(t)}
    assert details[". ."].startswith("a full stop doubled")
    assert "comma" in details[". ,"] and "doubled" not in details[". ,"]
    assert "semicolon" in details[". ;"]


def test_abbreviations_initials_decimals_urls_are_not_breaks():
    text = ("U.S. officials estimate that about 400 mercenaries work there, e.g. the Wagner group. "
            "Prices rose 3.5 pct at 9 a.m. on Monday, see www.example.com for details. "
            "J. R. R. Tolkien wrote it. A plant in Houston, Tex. and one in Kenosha, Wisc. closed.")
    assert detect(text) == []


def test_verbless_fragment_between_full_sentences():
    text = "The officers left for Moscow in January. In the training base of the army. They returned home in late August."
    assert excerpts(text) == ["In the training base of the army."]
    assert detect("I know I hurt you. Please forgive me. Thank you for always being there.") == []


def test_native_web_writing_near_misses():
    """Native English pages (Dragnet R318, R533, R555) that these flags made "likely": a
    writer who starts every sentence in lower case, a web address after a sentence, and a
    name's particle ("dos Santos") opening one. A cut sentence among capitalised ones still counts."""
    lower_case_writer = ("if you’re in indonesia, please go out and pick up the book. as i’ve done for past trips, "
                         "send a photo. send your photo to me via twitter. the interview was cut up into three parts. "
                         "what does that mean? i’m not really sure.")
    assert detect(lower_case_writer) == []
    assert detect("Rageboy have posted a coordinated statement. http://headrush.typepad.com/creating is the link.") == []
    assert detect("Abshero is 46 seconds behind.  dos Santos of Brazil is another former winner.") == []
    assert excerpts("Goita resigned from his post. his post as leader went to the army. Rebels took the city. "
                    "The army said so. Officials confirmed it.") == ["post. his"]


def test_human_near_misses_from_web_pages_are_no_broken_sentences():
    """Dragnet's human pages: a wink after a sentence ("thrilled. ;)"), a recipe's "tbs." and
    "tsp.", and sentences with a verb the check did not know ("I’d like", "I don’t remember",
    "used", an imperative after "For instance,") were flagged as cut or verbless."""
    from search.translation.broken_sentence import detect

    assert detect("Fans were thrilled. ;) The next game is on Sunday.") == []
    assert detect("Add 2 tbs. olive oil and 1 tsp. nutmeg, then stir for ten minutes.") == []
    lead, tail = "The study ran for two years in four cities. ", " The results were published in May by the team."
    for middle in ("In this article, I’d like to clarify this process.", "For one thing, I don’t remember it.",
                   "The other group used an artificial sweetener.", "For instance, look at these ads."):
        assert detect(lead + middle + tail) == [], middle
    # still flagged: a phrase with no verb, a full stop with a semicolon after it
    assert [f["detail"] for f in detect(lead + "In the capital of Mali." + tail)] == [
        "a clause with no verb between two full sentences"]
    assert detect("The army seized power. ; Then it left.") != []


def test_abbreviations_after_a_hyphen_weekdays_and_brand_names():
    lead = "The council met on Monday in the town hall. "
    for text in ("Sen. Blunt, R-Mo. and others left.", "The Div. has grown.", "Rapson-Inc. products sold.",
                 "Apple released the update. iPhone owners were pleased.", "It sold. eBay took a cut.",
                 "Tickets for the Sat. game sold out."):
        assert excerpts(lead + text) == [], text

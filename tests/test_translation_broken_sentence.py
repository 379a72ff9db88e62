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

from search.translation.broken_sentence import detect


def excerpts(text):
    return [f["excerpt"] for f in detect(text)]


def test_lower_case_start_after_a_stop():
    assert excerpts("forcing him to resign from his post. his post as leader of the nation.") == ["post. his"]


def test_doubled_and_glued_stops():
    assert excerpts("before forcing them to relinquish power. . At the time") == [". ."]
    assert excerpts("according to sources from the Malian army.Rebels took control") == ["army.Rebels"]


def test_abbreviations_initials_decimals_urls_are_not_breaks():
    text = ("U.S. officials estimate that about 400 mercenaries work there, e.g. the Wagner group. "
            "Prices rose 3.5 pct at 9 a.m. on Monday, see www.example.com for details. "
            "J. R. R. Tolkien wrote it. A plant in Houston, Tex. and one in Kenosha, Wisc. closed.")
    assert detect(text) == []


def test_verbless_fragment_between_full_sentences():
    text = "The officers left for Moscow in January. In the training base of the army. They returned home in late August."
    assert excerpts(text) == ["In the training base of the army."]
    assert detect("I know I hurt you. Please forgive me. Thank you for always being there.") == []

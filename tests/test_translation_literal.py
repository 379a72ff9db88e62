from search.translation.literal import detect


def excerpts(text):
    return [f["excerpt"] for f in detect(text)]


def test_lexicon_entries_fire_in_their_context():
    assert excerpts("The coup is a blow to French diplomacy, as bets have invested heavily in Mali.") == ["bets have invested"]
    assert excerpts("TWO TURNS IN A YEAR\n\nThe first military coup took place in August.") == ["TWO TURNS"]
    assert excerpts("After the coup, the coups were among the first to meet the ambassador.") == ["the coups were among"]
    assert excerpts("Many the Malians are critical of the presence of French soldiers.") == ["Many the Malians"]
    text = "Mali has refuted the allegations and denied that he works with the Wagner group."
    assert excerpts(text) == ["Mali has refuted the allegations and denied that he works"]


def test_english_readings_are_left_alone():
    assert detect("Traders placed bets have paid off on the election.") == []          # no France in context
    assert detect("Punters said the bets were placed in Paris.") == []
    assert detect("The road makes two turns in a mile before the bridge.") == []       # no coup in context
    assert detect("Many of the Malians voted. All the Malians cheered.") == []
    assert detect("Mali has rejected the plan, and President Keita said that he would resign.") == []

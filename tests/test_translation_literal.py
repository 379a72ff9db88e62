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


def test_quantifier_after_a_preposition_is_a_pronoun():
    """"for many the stress of the season" (Dragnet R426, a native page made "likely")."""
    assert detect("The holidays should be a happy time, but for many the stress of the expense is high.") == []
    assert detect("To some the plans seemed rushed.") == []
    assert [f["excerpt"] for f in detect("Many the Malians are critical of the presence of French soldiers.")] == ["Many the Malians"]


def test_context_is_looked_up_once_a_text_not_once_a_match(monkeypatch):
    """Whether the text mentions a coup (or France) is one search of the whole text, asked
    once: asked at every "two turns" of a long text it was quadratic."""
    import dataclasses

    from search.translation import literal

    calls = []

    def counted(fn):
        return lambda *args: calls.append(fn) or fn(*args)

    lexicon = tuple(dataclasses.replace(e, **{f.name: counted(getattr(e, f.name))
                                            for f in dataclasses.fields(e) if callable(getattr(e, f.name))})
                    for e in literal.LEXICON)
    monkeypatch.setattr(literal, "LEXICON", lexicon)
    text = "The road makes two turns in a mile. Punters said their bets have sent prices up. " * 50
    assert detect(text) == []  # no coup, no France: no reading is impossible
    assert len(calls) <= 2 * len(lexicon)  # was 100, one per match


def test_the_idiom_a_new_turn_is_no_coup():
    """"The crisis took a new turn when the junta..." and "another turn in the talks" made a coup
    report "likely": the English idiom is singular; the mistranslation counts turns."""
    assert detect("The coup crisis took a new turn when the junta met. Another turn in the talks came.") == []
    assert excerpts("After the coup, two turns were seen in the capital, and new turns followed.") == ["two turns", "new turns"]


def test_an_english_language_code_in_capitals_or_with_a_region_is_english():
    """`detect(text, "EN")` and "en-US" scored the text as another language's: 0, and a
    language-mix flag saying a sentence in 'en' stood in an 'EN' article."""
    from search.translation import detect as full

    text = "Soldiers seized power in Mali on Tuesday. The junta said elections would follow soon. " * 3
    assert full(text, "EN") == full(text, "en-US") == full(text, "en_GB") == full(text, "en")


def test_he_for_a_country_needs_nobody_he_could_stand_for():
    """Ordinary English in which "he" is a person (one such flag is worth about 5 nats)."""
    assert excerpts("Russia has rejected the claims, and its foreign minister insisted that he would not resign.") == []
    assert excerpts("Jordan has insisted that he will stay at the club.") == []  # a given name
    assert excerpts("Israel scored twice in the second half and he was the man of the match.") == []
    assert excerpts("President Putin spoke on Monday. Ukraine has accused Moscow and demanded that he be tried.") == []
    # seed 003: nobody in sight, Mali itself is "he"
    assert excerpts("Mali denounces Wagner’s allegations\n\nMali has refuted the allegations and denied "
                    "that he works with the Wagner group.") != []


def test_quantifier_pattern_matches_as_its_lookbehinds_first_form():
    """The quantifier entry tests \\b and a first letter before its seven lookbehinds (speed):
    it must match where the plain form, lookbehinds first, does."""
    import re

    from search.translation.literal import LEXICON

    plain = re.compile(r"(?<![Ff]or )(?<![Tt]o )(?<![Oo]f )(?<!with )(?<!among )(?<!by )(?<![Ii]n )"
                       r"\b(?i:many|several|most|some|few)\s+the\s+(?!time\b|same\b|more\b|less\b|most\b)"
                       r"[A-Z]?[a-z]+s\b")
    fast = next(e.pattern for e in LEXICON if "quantifier" in e.evidence)
    texts = ["Many the Malians", "for many the Malians", "xmany the Malians", "ſome the Malians",
             "SEVERAL the Malians. In few the hopes.\nMost the Years", "among  some the Xs", "Fewthe Xs", "Few the Malians",
             "To SOME the Xs and with many the Ys, by most the Zs; of few the Ws, in some the Vs"]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text

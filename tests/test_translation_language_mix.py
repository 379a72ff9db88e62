from search.translation.language_mix import detect


def test_untranslated_sentence_is_flagged():
    text = ("The minister spoke on Monday. Le gouvernement a décidé de retirer les troupes du pays avant "
            "la fin de l'année. He left for Paris afterwards.")
    flags = detect(text)
    assert [f["excerpt"][:15] for f in flags] == ["Le gouvernement"]
    assert "'fr'" in flags[0]["detail"]


def test_quoted_french_and_short_strings_are_not_flagged():
    assert detect("He called it « une stratégie sans boussole » and left the room quickly.") == []
    assert detect("« Le gouvernement a décidé de retirer les troupes du pays avant la fin. »") == []
    assert detect("Assimi Goita.") == []
    assert detect("Aliso Viejo Home Search Aliso Viejo Home Values") == []


def test_is_deterministic():
    text = "Das ist ein Satz, der auf Deutsch geschrieben wurde und lang genug ist."
    assert detect(text) == detect(text)

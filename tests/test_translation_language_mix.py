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


def test_english_wire_lines_with_few_common_function_words_are_not_flagged():
    # lines of Reuters copy that langdetect calls French or Danish at p=1.00
    for line in ("unemployment could start causing severe social strains unless",
                 "estimated reserves fell 853 mln dlrs after falling 2.34 billion",
                 "ICI spent just under one billion dlrs for acquisitions"):
        assert detect(f"The report came out on Monday.\n{line}\nIt was widely read.") == [], line


def test_is_deterministic():
    text = "Das ist ein Satz, der auf Deutsch geschrieben wurde und lang genug ist."
    assert detect(text) == detect(text)


def test_a_repeated_sentence_is_judged_once(monkeypatch):
    """5,000 copies of one French sentence (2 MB) took 37 s: langdetect ran on each copy."""
    from search.translation import language_mix

    calls = []
    real = language_mix.detect_langs
    monkeypatch.setattr(language_mix, "detect_langs", lambda s: calls.append(s) or real(s))
    language_mix._detect.cache_clear()
    sentence = "Le gouvernement a décidé de retirer les troupes du pays avant la fin de l'année."
    flags = detect("The report came out on Monday.\n" + "\n".join([sentence] * 50))
    assert len(flags) == 50 and {f["excerpt"] for f in flags} == {sentence}
    assert calls == [sentence]


def test_a_line_of_figures_is_no_foreign_sentence_and_a_language_is_named():
    """Reuters #4089 (British Telecom's results): "Pre-tax profit 506 mln stg vs 452 mln" was
    a sentence "detected as 'sv' (p=1.00)"; and the detail gave langdetect's codes alone."""
    text = ("Shr 5.1p vs 4.2p, making 15.3p vs 12.7p for nine months.\n    Pre-tax profit 506 mln stg vs 452 mln, "
            "making 1.51 billion\nstg vs 1.35 billion.\n    Net profit before minorities 320 mln vs 268 mln, making 960\n"
            "mln vs 807 mln.\n    Operating profit 578 mln vs 520 mln, making 1.72 billion vs\n1.55 billion.\n")
    assert detect(text) == []
    flags = detect("The minister spoke on Monday. Le gouvernement a décidé de retirer les troupes du pays avant "
                   "la fin de l'année. He left for Paris afterwards.")
    assert flags[0]["detail"] == "sentence detected as French ('fr', p=1.00) in an article in English"


def test_an_english_sentence_langdetect_calls_catalan_is_english():
    """Short English wire sentences with few function words: langdetect says Catalan or French
    at p=1.00; their words are English words (15 of 17 such flags on cleaned Reuters)."""
    text = ("The company said on Monday that it would cut jobs. Everex makes personal computer "
            "peripheral equipment. Rhone-Poulenc spent 5.5 billion francs on acquisitions last year.")
    assert detect(text) == []

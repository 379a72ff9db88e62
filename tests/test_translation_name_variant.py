from search.translation.name_variant import detect


def excerpts(text, mentions=None):
    return [f["excerpt"] for f in detect(text, mentions)]


def test_transliteration_variants_are_flagged_minority_first():
    text = ("A council was formed under Assimi Goyta. Goyta met the envoy. "
            "The authorities did not consult with Goita. Goyt arrested the president. Power is with Goyta.")
    assert sorted(excerpts(text)) == ["Goita", "Goyt"]


def test_common_name_needs_a_shared_title():
    text = "The people backed President Keita for years. Anger at President Kate grew. President Keita resisted."
    assert excerpts(text) == ["Kate"]
    assert excerpts("Kate Smith met President Keita. Keita smiled.") == []


def test_kita_the_town_is_not_keita():
    text = "President Keita visited the town of Kita. Keita spoke to farmers in Kita on Monday."
    assert excerpts(text) == []


def test_mentions_typed_location_are_not_people():
    text = "Keita flew out. Keita returned. Kita welcomed him."
    mentions = [{"text": "Kita", "type": "location", "start": 32, "end": 36}]
    assert excerpts(text, mentions) == []


def test_typos_and_different_people_are_not_variants():
    assert excerpts("President Reagan met Donald Regan. Regan said Reagan was fine.") == []
    assert excerpts("Ingvar Carlsson spoke. Prime Minister Ingvar Calrsson said no.") == []


def test_offsets_index_the_text():
    text = "Assimi Goyta spoke. Goyta left. Goita came back."
    for f in detect(text):
        assert text[f["start"]:f["end"]] == f["excerpt"] == "Goita"


def test_mark_variants_files_a_minority_spelling_under_the_main_one():
    """The entity mentions of a re-transliterated surname get the article's main spelling
    as their base (entity resolution files them under it); the text stays as found."""
    from search.translation.name_variant import mark_variants

    text = ("Support fell for the previously popular President Kate. Dissatisfaction with "
            "President Keita has grown, and President Keita resigned.")
    mentions = [{"text": "Kate", "type": "person", "start": 47, "end": 51},
                {"text": "Keita", "type": "person", "start": 85, "end": 90}]
    mark_variants(text, mentions)
    assert mentions[0] == {"text": "Kate", "type": "person", "start": 47, "end": 51, "base": "Keita"}
    assert "base" not in mentions[1]
    # two people who only look alike (no shared title) are left apart
    other = [{"text": "Kate", "type": "person", "start": 0, "end": 4}]
    mark_variants("Kate Moss met Keita at the show. Keita said Kate was late.", other)
    assert "base" not in other[0]


def test_a_tie_flags_the_spelling_english_does_not_attest():
    """Two spellings once each: the one English text attests is the right one (Keita, not
    Keite: seed 002 flagged both); two unattested ones are both flagged."""
    assert excerpts("President Keita left. Then President Keite came back.") == ["Keite"]
    assert excerpts("They reached Torbeevo on Monday. The road to Torbeev was closed.") == ["Torbeevo", "Torbeev"]


def test_vowel_skeletons_far_apart_are_different_names():
    text = "Farid Behnia replied on Monday. The council met. Bueno, the chef, said no."
    assert excerpts(text) == []


def test_a_long_text_s_names_are_compared_only_with_names_they_could_vary(monkeypatch):
    """A 4 MB article's 2,000 candidate surnames were compared all with all (1.9 million pairs,
    twice: flags, then the mentions' bases). Spellings of one name share their first letter and
    are three letters apart in length at most: only such pairs are compared, and still found."""
    from search.translation import name_variant

    calls = []
    compare = name_variant._variants
    monkeypatch.setattr(name_variant, "_variants", lambda a, b, c: calls.append((a, b)) or compare(a, b, c))
    letters = "bcdfghjklmnprstvz"
    names = [f"{a.upper()}ar{m}ov" for a in letters for m in "bdflmnr"] + [f"{a.upper()}ezhnikovskiy" for a in letters]
    text = " ".join(f"Officials met {n} on Tuesday." for n in names)
    text += " A council was formed under Assimi Goyta. Goyta met the envoy. Goita stayed. Goyta left."
    assert excerpts(text) == ["Goita"]
    n = len(names) + 2
    assert len(calls) < 10 * n, len(calls)  # was n * (n - 1) / 2 = 9,453

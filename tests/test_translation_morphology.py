from search.translation.morphology import detect


def excerpts(text):
    return [f["excerpt"] for f in detect(text)]


def test_finnish_genitive_on_known_names():
    text = ("Malin the military commanders returned. They imprisoned President Ibrahim Boubacar Keitan. "
            "Keita resigned. Mali is calm. The coups met the Russian ambassador; Igor Gromykon.")
    assert excerpts(text) == ["Malin", "Keitan", "Gromykon"]


def test_real_words_and_demonyms_are_not_inflections():
    assert excerpts("Russian and African leaders met in Russia and Africa. The Tongan king left Tonga.") == []


def test_malin_as_a_real_surname_is_not_flagged():
    assert excerpts("Swedish actress Malin Akerman said she liked the film.") == []
    text = "Talks on Mali went on. Swedish researcher Anna Malin said the talks on Mali failed."
    assert excerpts(text) == []


def test_company_names_are_not_person_inflections():
    assert excerpts("Enzon Inc said a new treatment worked. Toshin Steel Co Ltd agreed.") == []


def test_flagged_inflections_give_mentions_their_base():
    from search.translation.morphology import mark_bases

    text = "Malin the military commanders returned. Mali is calm. Malin Akerman was not there."
    mentions = [
        {"text": "Malin", "type": "location", "start": 0, "end": 5},
        {"text": "Mali", "type": "location", "start": 40, "end": 44},
        {"text": "Malin Akerman", "type": "person", "start": 54, "end": 67},
    ]
    mark_bases(mentions, detect(text, mentions))
    assert mentions[0]["base"] == "Mali" and mentions[0]["text"] == "Malin"
    assert "base" not in mentions[1] and "base" not in mentions[2]  # an unflagged name keeps its own key


def test_a_lone_surname_slot_or_an_article_is_no_inflection():
    """'William Pagen', 'Craig Nalen' alone are surnames (13 of 16 such flags on Reuters and
    Dragnet); 'The Costan name' has no given name; -ian/-uan are English adjectives."""
    lead = "The council met on Monday in the town hall. " * 3
    assert excerpts(lead + "Craig Nalen, president of the agency, said the loans were approved.") == []
    assert excerpts(lead + "The Costan name was not used.") == []
    assert excerpts("Yugoslavia and Papua met. Yugoslavian and Papuan officials left.") == []
    # beside another inflection it counts, as in seed 001
    text = "Mali is calm. Keita left. Malin the commanders met Keitan. The envoy met Igor Gromykon."
    assert excerpts(text) == ["Malin", "Keitan", "Gromykon"]
    assert excerpts("The envoy met Igor Gromykon.") == []

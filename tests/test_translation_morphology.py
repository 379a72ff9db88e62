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

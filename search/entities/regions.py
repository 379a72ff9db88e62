"""Countries' first-level regions (states, provinces, regions), as news names them.

The gazetteer knows countries, cities of 50,000 people and US states; wire copy also names
other countries' states and provinces alone ("trade sources in the major producing state Bahia
said", "shifting plantings to Sabah and Sarawak"), which the NER took for people or left out.
ISO 3166-2's top-level subdivisions (pycountry) are the lexicon: read by the document rules
(document._regions), not by the NER's ruler, so a change here reruns the rules, not the model.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# ISO 3166-2 kinds that are a country's first-level regions. Not municipalities, districts,
# parishes, counties or departments: smaller units, and named after people more often
# (Uruguay's departments Rivera, Artigas, Flores; Ireland's counties Kerry, Clare).
REGION_TYPES = frozenset({
    "State", "Province", "Region", "Autonomous region", "Autonomous community", "Autonomous province",
    "Administrative region", "Land", "Federal district", "Federal territory", "Territory",
    "Union territory", "Regional state", "Emirate", "Oblast", "Voivodship", "Republic", "Governorate",
    # France's regions ("Bretagne", "Normandie") and Indonesia's islands above their provinces ("Sumatera",
    # "Kalimantan", "Sulawesi")
    "Metropolitan region", "Geographical unit",
})
# ... and France's departments, a level below its regions, which French news names as other countries'
# provinces ("floods in Haute-Savoie", "the Seine-Saint-Denis suburbs"): the NER made "Haute-Savoie" and
# "Bas-Rhin" organisations, "Bouches-du-Rhone" a person. ISO names them apart from other countries'
# departments ("Department": Uruguay's Rivera, Artigas, Flores), which stay out.
SUBREGION_TYPES = frozenset({"Metropolitan department"})
# Regions news names in English that ISO 3166-2's first level lacks: historic and cultural regions inside
# today's ("Haut-Rhin, Alsace" was a person; Alsace is an ISO "European collectivity" under Grand-Est),
# regions ISO gives in their own language only ("Bayern", "Toscana", "Catalunya"), and islands over
# several provinces or countries ("western Kalimantan (Borneo)" was a person). Read as the lexicon's
# names are, under its frequency bound.
AREAS = frozenset({
    "Alsace", "Lorraine", "Flanders", "Wallonia", "Brabant", "Provence", "Burgundy", "Normandy", "Corsica",
    "Bavaria", "Saxony", "Lower Saxony", "Thuringia", "Westphalia", "Rhineland", "Franconia", "Swabia",
    "Prussia", "Pomerania", "Silesia", "Bohemia", "Moravia", "Transylvania", "Dalmatia", "Slavonia", "Istria",
    "Tuscany", "Lombardy", "Piedmont", "Sicily", "Sardinia", "Calabria", "Apulia", "Catalonia", "Andalusia",
    "Galicia", "Castile", "Navarre", "Extremadura", "Algarve", "Jutland", "Lapland", "Anatolia", "Thrace",
    "Crete", "Crimea", "Chechnya", "Siberia", "Manchuria", "Patagonia", "Transvaal", "Natal", "Zululand",
    "Katanga", "Biafra", "Ogaden", "Darfur", "Kordofan", "Casamance", "Kurdistan", "Galilee", "Negev",
    "Sinai", "Borneo", "Sumatra", "Mindanao", "Luzon", "Visayas", "Kyushu", "Honshu", "Shikoku",
})
# Names this frequent as English words (wordfreq zipf) are words or given names ("Victoria" 4.6,
# "Central", "Western", "Georgia"): as for the city list (gazetteer.MAX_ZIPF), the NER decides.
MAX_ZIPF = 3.5
# Regions' names that news more often gives people, as surnames or given names, than the regions
# (from the lexicon's one-word names: "Finance Minister Pedro Herrera", "Bono said", "Hidalgo told
# reporters", "Farah Pahlavi", "Constantine Mitsotakis" in Reuters): a place only where the text
# puts one ("rains in Mendoza", document._regions), else the NER decides.
PERSONAL_NAMES = frozenset({
    "Amara", "Bolivar", "Bono", "Constantine", "Farah", "Flanders", "Guerrero", "Herrera", "Hidalgo", "Lori",
    "Loreto", "Lorraine", "Mara", "Medea", "Mendoza", "Mila", "Salah", "Sana", "Shan", "Surin", "Trujillo",
    "Cher", "Aude", "Allier", "Calvados",  # France's departments: a singer, a given name, a surname, a brandy
})


def _ascii(name: str) -> str:
    """"Paraná" -> "Parana", as 1980s wire copy (and most English copy) writes it."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """First-level regions' names (and AREAS), in ASCII, that are not common English words nor countries."""
    import pycountry
    from wordfreq import zipf_frequency

    from .gazetteer import country_display

    out = set()
    names = [{sub.name, _ascii(sub.name)} for sub in pycountry.subdivisions
             if sub.parent_code is None and sub.type in REGION_TYPES or sub.type in SUBREGION_TYPES] + [AREAS]
    for group in names:
        for name in group:
            if len(name) >= 4 and name.isascii() and name[0].isupper() and not set(name) & set(",()") \
                    and zipf_frequency(name.lower(), "en") < MAX_ZIPF and not country_display(name):
                out.add(name)
    return frozenset(out)


@lru_cache(maxsize=1)
def regions_by_first_word() -> dict[str, tuple[str, ...]]:
    """First word -> the region names it opens, longest first ("Mato" -> "Mato Grosso do Sul",
    "Mato Grosso"): a name is read at its longest."""
    by: dict[str, list[str]] = {}
    for name in region_names():
        by.setdefault(name.split()[0], []).append(name)
    return {w: tuple(sorted(ns, key=len, reverse=True)) for w, ns in by.items()}

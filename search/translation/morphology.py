"""`source-language-morphology`: names still carrying a source-language inflection.

Finnish marks the genitive/accusative with -n, so a Finnish-to-English pipeline leaves
"Malin" (Mali's), "Keitan" (Keita's) and "Gromykon" (Gromyko's). We flag a capitalised word
that is a known name plus -n when the inflected form is not itself an English word
("Russian", "African", "Milan" are) and not a regular demonym ("Tongan" from Tonga).
A real surname such as "Malin" is flagged only in a Finnish context: where it is not part
of a person's full name, or where unmistakable inflections (not words at all) show up too.
"""
from __future__ import annotations

from collections import Counter

from ._text import country_names, flag, name_tokens, next_word, previous_word, zipf

KIND = "source-language-morphology"

REAL_WORD_ZIPF = 3.0   # "Russian" 5.0, "African" 4.8, "Milan" 3.9: English words, never flagged
UNKNOWN_ZIPF = 1.0     # "Keitan", "Gromykon" 0.0: not words of any English text
KNOWN_BASE_ZIPF = 1.5  # "Gromyko" 1.8: the bare name is attested in English text


def detect(text: str, mentions: list[dict] | None = None) -> list[dict]:
    """Flags for name + Finnish -n forms in `text`; `mentions` add bases the heuristics miss."""
    toks = list(name_tokens(text))
    bare = Counter(m.group() for m in toks)
    for men in mentions or ():
        for part in men.get("text", "").split():
            bare[part] += 1
    places = country_names()
    strong, weak = [], []
    for m in toks:
        word = m.group()
        low = word.lower()
        if len(word) < 5 or not low.endswith("n") or low[-2] not in "aeiouy":
            continue
        base = word[:-1]
        if zipf(low) >= REAL_WORD_ZIPF or (base.lower() in places and base.endswith("a")):
            continue
        if low.endswith(_DEMONYM_ENDINGS):
            continue  # "Yugoslavian", "Nova Scotian", "Papuan": English's own -ian/-uan adjective
        base_in_text = bare[base] > 0
        known_base = zipf(base.lower()) >= KNOWN_BASE_ZIPF or base.lower() in places
        if zipf(low) < UNKNOWN_ZIPF and base_in_text:
            strong.append((m, base))
        elif zipf(low) < UNKNOWN_ZIPF and known_base and _after_given_name(text, m):
            # "Igor Gromykon" with no "Gromyko" in the text: so is "William Pagen", a real
            # surname; only with another inflection beside it (13 of 16 such flags on Reuters
            # and Dragnet were surnames: Nalen, Pagen, Forden, Pattyn, Yellon, Padovan)
            weak.append((m, base))
        elif base_in_text:
            weak.append((m, base))  # "Malin" beside "Mali"
    flags = [flag(text, KIND, m.start(), m.end(), f"'{m.group()}' is '{base}' with the Finnish genitive/accusative -n")
             for m, base in strong]
    for m, base in weak:
        if strong or (bare[base] > 0 and not _inside_full_name(text, m)):
            flags.append(flag(text, KIND, m.start(), m.end(),
                              f"'{m.group()}' where the text elsewhere says '{base}': Finnish genitive/accusative -n"))
    return sorted(flags, key=lambda f: f["start"])


def mark_bases(mentions: list[dict], flags: list[dict]) -> list[dict]:
    """Give each entity mention that ends in a flagged inflection its uninflected form
    ("Malin" -> base "Mali"), so entity resolution files it under the bare name. The
    mentions are changed in place and returned; the surface text stays as found."""
    ends = {f["end"]: f for f in flags if f["kind"] == KIND}
    for m in mentions:
        f = ends.get(m.get("end"))
        if f is not None and m["start"] <= f["start"] and m["text"][-1:] in ("n", "N"):
            m["base"] = m["text"][: len(m["text"]) - 1]  # the one-letter Finnish -n (see detect)
    return mentions


def _inside_full_name(text: str, m) -> bool:
    """'Malin Akerman', 'Anna Malin': a capitalised neighbour makes it part of a person's name."""
    prev, nxt = previous_word(text, m.start()), next_word(text, m.end())
    return (prev[:1].isupper() and prev[-1:].isalpha()) or nxt[:1].isupper()


def _after_given_name(text: str, m) -> bool:
    """'Igor Gromykon.': a person's surname slot; 'Enzon Inc', 'Toshin Steel' are company names,
    'The Costan name' no name at all."""
    prev, nxt = previous_word(text, m.start()), next_word(text, m.end())
    return (prev[:1].isupper() and prev.isalpha() and prev.lower() not in _NOT_GIVEN_NAMES
            and not nxt[:1].isupper())


_DEMONYM_ENDINGS = ("ian", "uan")
# Capitalised words before a name that are no given name: articles, pronouns, prepositions.
_NOT_GIVEN_NAMES = frozenset(
    "the a an this that these those his her its their our my your in on at of for by with from to "
    "and but or as when while if after before since new old".split())

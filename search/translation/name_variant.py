"""`name-variant`: one person's name spelled differently inside one article.

Each pass of machine translation re-transliterates names, so a twice-translated article
says Goita, Goyta and Goyt, or Keita and Kate, for one man. A surname-level check until the
entities module's matching is available: two capitalised spellings are variants when they
are close in spelling (Jaro–Winkler via rapidfuzz) or in sound (Metaphone and NYSIIS via
jellyfish), and the context allows it:
- places are not people: countries, and words after "in/at/near" or "town of" ("Kita the
  town", "base in Kati") are left out, as are mentions typed location/organisation;
- two spellings that are both ordinary English names ("Reagan"/"Regan", "Kate"/"Keita")
  must share a title or given name ("President Kate" / "President Keita") to count.
The spelling used most often is taken as the right one (on a tie, the only one English text
attests); every other spelling is flagged, and on a tie no attested spelling breaks, all are.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz.distance import JaroWinkler, Levenshtein

from ._text import country_names, flag, name_tokens, next_word, previous_word, sentence_initial, zipf

KIND = "name-variant"

RARE_ZIPF = 1.5      # "Goyt", "Goyta": not attested as English words or names
KNOWN_ZIPF = 3.0     # "Keita" 2.7, "Diaw" 2.1 vs "President" 5+, "Director" 4+ ("Preesident" is a typo)
MIN_JW = 0.6         # Kate/Keita 0.63: sound-alike spellings can be far apart in letters
# Transliteration swaps letters that stand for one sound (Goita/Goyta, Diaw/Diau) and drops
# vowels or a final letter (Goyta/Goyt); a typist transposes, doubles or drops consonants
# ("Calrsson", "Treassury", "Shearon"), which these rules do not accept.
_SOUND_CLASSES = ("aeiouy", "iyj", "wuv", "kcqg", "sz", "dt")
_DROPPABLE = set("aeiouyhw")
VOWELS = set("aeiouy")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|(?:town|city|village|region|province|district)\s+of)\s+(?:the\s+)?$", re.I)
COMMON_ZIPF = 4.0    # "Minister", "Fund", "Kate": ordinary words/names, candidates only after a title
PERSON_TITLES = frozenset(
    "President Presidents Mr Mrs Ms Dr Colonel Col General Gen Lieutenant Captain Major Minister Premier "
    "Chancellor Senator Sen Governor Gov King Queen Prince Sheikh Ambassador Judge Professor Prof".split())
_GENERIC_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sir", "The", "A", "An"})
_DERIVATION = ("s", "n", "an", "ian", "ese", "i", "ns", "ans", "ite", "ites")


def detect(text: str, mentions: list[dict] | None = None) -> list[dict]:
    """Flags for minority spellings of a surname that appears in several spellings in `text`."""
    flags = []
    for spellings, keep, occ in _spelling_groups(text, mentions):
        others = ", ".join(sorted(spellings))
        for w in spellings:
            if w == keep:
                continue
            for start, end in occ[w]:
                flags.append(flag(text, KIND, start, end, f"'{w}' is spelled differently elsewhere in the article ({others})"))
    return sorted(flags, key=lambda f: f["start"])


def mark_variants(text: str, mentions: list[dict]) -> list[dict]:
    """Give each entity mention that ends in a minority spelling the article's main one
    ("President Kate" beside "President Keita" -> base "Keita"), so entity resolution files
    it under that name, as morphology.mark_bases does for "Keitan". The mentions are
    changed in place and returned; the surface text stays as found."""
    preferred = {w: keep for spellings, keep, _ in _spelling_groups(text, mentions) if keep
                 for w in spellings if w != keep}
    if not preferred:
        return mentions
    for m in mentions:
        words = m.get("text", "").split()
        if m.get("base") or not words or words[-1] not in preferred:
            continue
        m["base"] = " ".join(words[:-1] + [preferred[words[-1]]])
    return mentions


def _spelling_groups(text: str, mentions: list[dict] | None) -> list[tuple[list[str], str | None, dict]]:
    """Groups of spellings of one surname: (spellings, the one used most or None on a tie
    that word frequencies do not break, {spelling: [(start, end)...]})."""
    occ: dict[str, list[tuple[int, int]]] = defaultdict(list)
    context: dict[str, set[str]] = defaultdict(set)
    placeish: set[str] = set()
    for m in name_tokens(text):
        word = m.group()
        if sentence_initial(text, m.start()) and zipf(word.lower()) >= 3.0:
            continue  # "They", "However": capitals at a sentence start say nothing
        if next_word(text, m.end())[:1].isupper():
            continue  # "Kiichi Miyazawa", "Finance Ministry": a given name or a name's first part, not a surname
        prev = previous_word(text, m.start())
        if zipf(word.lower()) >= COMMON_ZIPF and prev not in PERSON_TITLES:
            continue  # "Fund", "County": common words in capitals; "President Kate" is kept by its title
        occ[word].append((m.start(), m.end()))
        if prev[:1].isupper() and prev.isalpha() and prev not in _GENERIC_TITLES:
            context[word].add(prev)
        if _PLACE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            placeish.add(word)
    typed = _mention_types(mentions)
    places = country_names()
    names = [w for w in occ if len(w) >= 4 and w.lower() not in places and w not in placeish
             and typed.get(w, "person") == "person"
             and not (w.endswith("n") and w[:-1] in occ)]  # "Keitan": the morphology detector's case
    parent = {w: w for w in names}
    for a, b in _close_pairs(names):
        if _variants(a, b, context):
            parent[_find(parent, a)] = _find(parent, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for w in names:
        groups[_find(parent, w)].append(w)
    out = []
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        counts = Counter({w: len(occ[w]) + len(occ.get(w + "n", ())) for w in spellings})
        (top, n1), (_, n2) = counts.most_common(2)
        if n1 == n2:
            # a tie: the spelling English text attests, if only one is ("Keita" beside one
            # "Keite"), else none, and every spelling is flagged (mt-dev's "Torbeevo" and
            # "Torbeev", once each, are one village; so are two children "Wito" and "Wita" on
            # one web page a family, flagged: letters alone cannot tell them apart)
            tied = sorted((zipf(w.lower()), w) for w in spellings if counts[w] == n1)
            top = tied[-1][1] if tied[-1][0] >= RARE_ZIPF > tied[-2][0] else None
        out.append((spellings, top, occ))
    return out


def _close_pairs(names: list[str]) -> Iterator[tuple[str, str]]:
    """The pairs of `names` (each pair in their order, as all pairs would come) that _variants
    may accept: the same first letter, and lengths three letters apart at most (three edits at
    most). All pairs were 1.9 million for the 2,000 names of a 4 MB article, and its 10 MB
    twice that and more, for each of detect and mark_variants."""
    at: dict[tuple[str, int], list[int]] = defaultdict(list)
    lowered = [w.lower() for w in names]
    for i, w in enumerate(lowered):
        at[(w[0], len(w))].append(i)
    for i, w in enumerate(lowered):
        near = sorted(j for n in range(len(w) - 3, len(w) + 4) for j in at.get((w[0], n), ()) if j > i)
        for j in near:
            yield names[i], names[j]


def _variants(a: str, b: str, context: dict[str, set[str]]) -> bool:
    la, lb = a.lower(), b.lower()
    short, long_ = sorted((la, lb), key=len)
    if long_.startswith(short) and long_[len(short):] in _DERIVATION:
        return False  # plural, demonym or the -n inflection (the morphology detector's job)
    if la[0] != lb[0] or JaroWinkler.similarity(la, lb) < MIN_JW or not _transliteration_edits(la, lb):
        return False
    if min(zipf(la), zipf(lb)) < RARE_ZIPF and max(zipf(la), zipf(lb)) < KNOWN_ZIPF:
        return True  # a rare spelling beside another name; beside a common word it is a typist's slip
    return bool(context[a] & context[b])  # both are real names: require the same title or given name


def _transliteration_edits(a: str, b: str) -> bool:
    ops = Levenshtein.editops(a, b)
    if len(ops) > 2:
        # Keita/Kate: only vowels differ, in three edits at most (four or more joined
        # Bueno/Behnia, Girevoy/Gaurav, Lobrano/Luberon on web pages)
        return len(ops) <= 3 and len(_skeleton(a)) >= 2 and _skeleton(a) == _skeleton(b)
    for op in ops:
        if op.tag == "replace":
            x, y = a[op.src_pos], b[op.dest_pos]
            if not any(x in c and y in c for c in _SOUND_CLASSES):
                return False
        else:
            ch, pos, word = (a[op.src_pos], op.src_pos, a) if op.tag == "delete" else (b[op.dest_pos], op.dest_pos, b)
            if pos == len(word) - 1 and ch in VOWELS:
                continue  # a dropped or added final vowel: Goyta/Goyt
            neighbours = word[max(0, pos - 1):pos] + word[pos + 1:pos + 2]
            if ch not in _DROPPABLE or ch in neighbours or not set(neighbours) & VOWELS:
                return False  # a vowel dropped only from a vowel cluster (Keita/Kate), never doubled
    return True


def _skeleton(word: str) -> str:
    return "".join(ch for ch in word if ch not in _DROPPABLE)


def _mention_types(mentions: list[dict] | None) -> dict[str, str]:
    types: dict[str, str] = {}
    for men in mentions or ():
        for part in men.get("text", "").split():
            if types.get(part) != "person":
                types[part] = men.get("type", "person")
    return types


def _find(parent: dict[str, str], w: str) -> str:
    while parent[w] != w:
        parent[w] = parent[parent[w]]
        w = parent[w]
    return w

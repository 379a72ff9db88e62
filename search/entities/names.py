"""Are two spellings variants of one personal name?

No single string score separates transliteration variants from different names: Keita,
Kati and Kita share a Metaphone code, and Diaw/Dia scores above Diaw/Diau in Jaro-Winkler.
So a surname variant must be one of a few known edit shapes (foreign inflection, one
letter substituted with the phonetic key unchanged, one letter that romanisations add or
drop) and, across articles, the first name
must agree as well (`full_name_match`); resolution adds agreeing context on top.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

from .gazetteer import fold

VOWELS = set("aeiouy")
# Shortest surname for which edit-shape variants are allowed ("Dia" never varies).
MIN_VARIANT_LEN = 4
FIRST_NAME_JW = 0.9
SURNAME_JW = 0.85


@lru_cache(maxsize=200_000)
def _phon(word: str) -> tuple[str, str]:
    # jellyfish's match-rating codex accepts letters only ("name0", "o'neill" raise)
    letters = "".join(c for c in word if c.isalpha() and c.isascii())
    if not letters:
        return word, word
    return jellyfish.metaphone(letters), jellyfish.match_rating_codex(letters)


def inflection_base(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with a foreign case ending, or `shorter` lost its final vowel.

    Finnish genitive "Keitan" -> "Keita", "Gromykon" -> "Gromyko"; "Goyta" -> "Goyt".
    """
    if len(longer) != len(shorter) + 1 or len(shorter) < MIN_VARIANT_LEN - 1 or not longer.startswith(shorter):
        return False
    last = longer[-1]
    if last == "n" and shorter[-1] in VOWELS:
        return True
    return last in VOWELS and shorter[-1] not in VOWELS and len(shorter) >= MIN_VARIANT_LEN - 1


# Letters one romanisation of a name writes and another leaves out: a glide beside a vowel
# ("Nechaev"/"Nechayev", "Dmitri"/"Dmitriy", "Maria"/"Mariya"), the h of a digraph
# ("Zukov"/"Zhukov"), the c of German "sch" for what English writes "sh" ("Shultz"/"Schultz",
# both in Reuters for George Shultz). Not any letter: "Carson"/"Carlson" are two names.
_GLIDES = set("yi")
_DIGRAPH_H = set("cszktg")


def optional_letter(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one letter that spellings of a name add or drop: a glide
    beside a vowel, the h of a digraph, the c of "sch", or a letter doubled ("Philips"/"Phillips")."""
    if len(longer) != len(shorter) + 1 or len(shorter) < MIN_VARIANT_LEN:
        return False
    for k in range(1, len(longer)):  # never the first letter
        if longer[:k] + longer[k + 1:] != shorter:
            continue
        c, before, after = longer[k], longer[k - 1], longer[k + 1:k + 2]
        if c == before or c == after:
            return True
        if c in _GLIDES and (before in VOWELS or after in VOWELS):
            return True
        if c == "h" and before in _DIGRAPH_H:
            return True
        if c == "c" and before == "s" and after == "h":
            return True
    return False


def surname_variant(a: str, b: str) -> bool:
    """Same surname, or one of the accepted variant shapes (see module doc)."""
    a, b = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    if len(a) != len(b):
        lo, sh = (a, b) if len(a) > len(b) else (b, a)
        return inflection_base(lo, sh) or optional_letter(lo, sh)
    if len(a) < MIN_VARIANT_LEN:
        return False
    diff = sum(x != y for x, y in zip(a, b))
    if diff != 1:
        return False
    pa, pb = _phon(a), _phon(b)
    phon_ok = pa[0] == pb[0] or pa[1] == pb[1]
    return phon_ok and JaroWinkler.similarity(a, b) >= SURNAME_JW


def first_name_match(a: str, b: str) -> bool:
    """First names agree: equal, an initial of the other, or very close ("Malick"/"Malik"),
    but not a name and its feminine form (`gendered_pair`)."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True  # "A. Goita"
    return JaroWinkler.similarity(a, b) >= FIRST_NAME_JW and not gendered_pair(a, b)


# Endings that make a feminine first name of a masculine one ending in a consonant: "Paul"/
# "Paula", "Nigel"/"Nigella", "Louis"/"Louise", "Daniel"/"Danielle", "Joseph"/"Josephine",
# "Jean"/"Jeanne", "Henri"/"Henriette" (after its vowel, too). Close in Jaro-Winkler (0.93-0.97),
# they made one person of the chancellor Nigel Lawson and the cook Nigella Lawson.
_FEMININE = ("a", "e", "la", "le", "ne", "na", "ia", "ine", "ette")


# A masculine ending and the feminine one that replaces it on the same stem (of 4 letters or
# more): "Patrick"/"Patricia", "Alexander"/"Alexandra", "Christian"/"Christina", "Francis"/
# "Frances", "Andrew"/"Andrea", "Stephen"/"Stephanie", "Dominic"/"Dominique", "George"/
# "Georgia". Close in Jaro-Winkler (0.90-0.97), each pair was one person where the surname
# and the news around them agreed.
_FEMININE_FOR = (("ck", "cia"), ("er", "ra"), ("ian", "ina"), ("ian", "ine"), ("is", "es"), ("ew", "ea"),
                 ("en", "anie"), ("ic", "ique"), ("e", "ia"))
# ... and pairs no ending rule gives, written out
_FEMININE_PAIRS = {("nicholas", "nicola"), ("nicholas", "nicole"), ("charles", "charlotte"),
                   ("charles", "charlene"), ("frederick", "frederica"), ("fredrick", "frederica"),
                   ("henry", "henrietta"), ("john", "joan")}


# Men's names that end in -a, spellings of the name without it: "Ibrahima" is Ibrahim in
# Senegal, Guinea and Mali (the feminine -a rule kept "Ibrahima Boubacar Keita" apart).
_MASCULINE_IN_A = frozenset({"ibrahima"})


def gendered_pair(a: str, b: str) -> bool:
    """Two first names (folded) that are one name's masculine and feminine forms: a feminine
    ending added, or Romance -o / -a ("Mario"/"Maria"), or one ending for another
    (_FEMININE_FOR). Not a romanisation's letter ("Dmitri"/"Dmitriy") nor a vowel's spelling
    ("Marie"/"Maria")."""
    if (a, b) in _FEMININE_PAIRS or (b, a) in _FEMININE_PAIRS:
        return True
    if a in _MASCULINE_IN_A or b in _MASCULINE_IN_A:
        return False
    for x, y in ((a, b), (b, a)):
        for masc, fem in _FEMININE_FOR:
            if x.endswith(masc) and y.endswith(fem) and len(x) - len(masc) >= 4 \
                    and x[:-len(masc)] == y[:-len(fem)]:
                return True
    if len(a) == len(b):
        return len(a) > 2 and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"o", "a"}
    short, long = (a, b) if len(a) < len(b) else (b, a)
    rest = long[len(short):]
    return (long.startswith(short) and rest in _FEMININE
            and (short[-1] not in VOWELS or rest == "ette"))


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # after a surname: "Lloyd U. Noland III"


def _suffix(tokens: list[str]) -> str:
    """A full name's generational suffix ("jr"), or ""."""
    last = tokens[-1].strip(".,").lower()
    return last if len(tokens) > 2 and last in GENERATIONS else ""


def _bare(tokens: list[str]) -> list[str]:
    """A full name without its generational suffix: the surname is the word before it (review:
    "John Johnstone Jr" and "John W. Johnstone Jr", one chief executive, were compared as the
    surnames "jr" with middle names "johnstone" and "w johnstone", and stayed two people)."""
    return tokens[:-1] if _suffix(tokens) else tokens


def full_name_match(a: list[str], b: list[str]) -> bool:
    """Two full names (token lists, >= 2 tokens each) are spellings of one person.

    First names must agree and surnames be variants; middle names, when both have them,
    must agree too ("Ibrahim Boubacar Keita" / "Ibrahim Keita" is fine).
    """
    if len(a) < 2 or len(b) < 2:
        return False
    if _suffix(a) != _suffix(b):
        return False  # "John Smith Jr" is not "John Smith Sr", nor his father "John Smith"
    a, b = _bare(a), _bare(b)  # "John Johnstone Jr" and "John W. Johnstone Jr": the surname before it
    if not first_name_match(a[0], b[0]) or not surname_variant(a[-1], b[-1]):
        return False
    ma, mb = a[1:-1], b[1:-1]
    if ma and mb:
        if len(ma) != len(mb):
            return False
        return all(first_name_match(x, y) for x, y in zip(ma, mb))
    return True


def blocking_keys(tokens: list[str]) -> list[str]:
    """Keys under which a full name is compared with others (never all pairs).

    Variants share the first two letters of first name and surname ("as|go" for
    Assimi Goita/Goyta), or the first-name initial and the surname's Metaphone code, or the
    first name's two letters and the surname less one letter (optional_letter).
    """
    tokens = _bare(tokens)
    first, last = fold(tokens[0]), fold(tokens[-1]).replace(" ", "")
    keys = [f"a|{first[:2]}|{last[:2]}"]
    if last:
        keys.append(f"b|{first[:1]}|{_phon(last)[0]}")
        # a letter added or dropped (optional_letter) can change the first two letters and the
        # Metaphone code ("Shultz"/"Schultz"): the shorter surname is the longer less one letter
        keys.append(f"c|{first[:2]}|{last}")
        keys.extend({f"c|{first[:2]}|{last[:k]}{last[k + 1:]}" for k in range(1, len(last))})
    return keys


def _match_block(tokens: list[str]) -> tuple[str, str, str]:
    """What two full names full_name_match accepts always share: the generational suffix and the
    first letters (folded) of the first name and of the surname."""
    bare = _bare(tokens)
    return _suffix(tokens), fold(bare[0])[:1], fold(bare[-1]).replace(" ", "")[:1]


def candidate_pairs(names: Sequence[list[str]]) -> list[tuple[int, int]]:
    """Index pairs (x < y, in order) of the full names (token lists, >= 2 tokens each) that could
    be one person's: those full_name_match could accept (_match_block) and those ending in the
    same word (one may end the other: "Boubacar Keita" of "Ibrahim Boubacar Keita"). Every
    other pair fails both tests: a 5 MB article's 2,000 full names were 2 million pairs, these
    are 10,000."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, tokens in enumerate(names):
        blocks[("match", *_match_block(tokens))].append(i)
        blocks[("end", tokens[-1])].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            pairs.update((members[x], y) for y in members[x + 1:])
    return sorted(pairs)


class FullNames:
    """A document's full names (key -> tokens), found by their last word, a variant of it or
    their first word without looking through them all: a lone surname asks for each, and a
    long text has thousands of both. Keys come in the order of `fulls`."""

    def __init__(self, fulls: dict[str, list[str]]):
        self.by_last: dict[str, list[str]] = defaultdict(list)
        self.by_first: dict[str, list[str]] = defaultdict(list)
        self.order = {key: n for n, key in enumerate(fulls)}
        for key, tokens in fulls.items():
            self.by_last[tokens[-1]].append(key)
            self.by_first[tokens[0]].append(key)
        # a surname_variant is the word, or one letter (never the first) added, dropped or changed
        self.by_edit: dict[tuple, list[str]] = defaultdict(list)
        for last in self.by_last:
            folded = fold(last).replace(" ", "")
            self.by_edit[("", folded)].append(last)
            for k in range(1, len(folded)):
                cut = folded[:k] + folded[k + 1:]
                self.by_edit[("longer", cut)].append(last)  # the word asked is this less a letter
                self.by_edit[("changed", k, cut)].append(last)

    def ending(self, word: str) -> list[str]:
        return self.by_last.get(word, [])

    def opening(self, word: str) -> list[str]:
        return self.by_first.get(word, [])

    def ending_in_variant(self, word: str) -> list[str]:
        """The names whose last word is a surname_variant of `word`."""
        folded = fold(word).replace(" ", "")
        asked = [("", folded), ("longer", folded)]
        for k in range(1, len(folded)):
            cut = folded[:k] + folded[k + 1:]
            asked += [("", cut), ("changed", k, cut)]
        lasts = {last for a in asked for last in self.by_edit.get(a, ()) if surname_variant(word, last)}
        return sorted((key for last in lasts for key in self.by_last[last]), key=self.order.__getitem__)

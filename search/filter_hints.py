"""Filter values no article has, each with the nearest value that some article has.

`language=klingon`, `year=1799`, `language=englsh` or a person's name misspelt past every
alias the entity pass knows match nothing. An empty page (or, for the one-value facets
that OR their values, a value silently left out) reads like an answer, so the search
result lists such values and offers the nearest real one, as "did you mean" does for
query words: within one edit (two for longer values), compared without case or accents,
against the facet's values, a language's English name ("englsh" -> en) and a person's or
place's last word ("Goytta" -> Assimi Goïta); ties go to the value more articles have. A
country's code typed for its language's (`language=jp`) is offered the language (ja).
The facet values a wildcard or fuzzy word in a facet field names (`person:goi*`) are
matched here too, against the same folded spellings (values_like).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

import numpy as np

from .field_values import field_value
from .schema import ENTITY_FACETS, FACETS

# Country codes typed for language codes (a site's .jp, a flag, a locale's region: ja_JP):
# too short for the edit distance ("jp" is one edit from "ja", and from a dozen other codes),
# so the well-known ones are looked up, each a country with one main language. A table:
# pycountry knows countries and languages but not which language a country's code stands for
# (most countries have several). Some are other languages' codes too (se: Northern Sami, tw:
# Twi): read as a country's only when no article has them, as every hint is.
COUNTRY_LANGUAGES = {
    "jp": "ja", "cz": "cs", "gr": "el", "dk": "da", "se": "sv", "ua": "uk", "cn": "zh-cn",
    "tw": "zh-tw", "kr": "ko", "il": "he", "vn": "vi", "ir": "fa", "ee": "et", "al": "sq",
}


# Facets whose every valid value is a label of a closed set (check_filter_value refuses the
# rest): a label no article has is no misspelling, and the nearest other label means something
# else ("likely" and "unlikely"), so none is offered.
CLOSED_FACETS = ("translated",)


def unmatched_filters(filters: dict[str, list[str]], gen, lists: bool = False) -> list[dict[str, Any]]:
    """[{"facet", "value", "suggestion"}] for each filter value (as the engine applied it,
    after canonical_filters) that no article in the generation has; suggestion is an
    indexed value or None. `lists`: a value that is a list (`source=reuters,afp`) of which
    some values some article has, or are near one, has them as "values" instead (the nearest
    value for a part near one), each a filter of its own, and the others, which no article has
    nor is near, as "missing" (where the whole is near no value)."""
    out = []
    # in the facets' order, not the order typed: `search --json` and /api/search (whose
    # filters come in that order) must print the same
    for facet, values in sorted(filters.items(), key=lambda fv: FACETS.index(fv[0]) if fv[0] in FACETS else len(FACETS)):
        present = _present(facet, gen)
        for value in values:
            if value not in present:
                listed = listed_values(facet, value, gen) if lists else None
                mistyped = listed is not None and bool(listed.missing or listed.near)
                nearest = nearest_value(facet, value, gen) if not listed or mistyped else None
                if listed and not (mistyped and nearest):  # a typo of the whole (`Sony, Inc`) is offered its value
                    out.append({"facet": facet, "value": value, "suggestion": None, "values": listed.values,
                                **({"missing": listed.missing} if listed.missing else {})})
                else:
                    out.append({"facet": facet, "value": value, "suggestion": nearest})
    return out


# What separates the values of a list typed in one filter, as other search APIs take one
_LIST_SEPARATOR = re.compile(r"\s*[,;|]\s*")


class Listed(NamedTuple):
    """A list typed in one value: the `values` to offer (each a filter), the parts `missing`
    (no article has them, nor a value near them), and those offered their nearest value in
    their place, `near` (typed part -> value)."""

    values: list[str]
    missing: list[str]
    near: dict[str, str]


def listed_values(facet: str, value: str, gen) -> Listed | None:
    """The values of `value` typed as a list (`reuters,afp`, `en; fr`) that some article has
    (by any spelling its filter reads), and those that none has, where some article has one: a
    filter takes one value, and the list matched nothing with no hint, where the reader meant a
    filter for each (OR for source, language, a year, AND for entities). A list with a value no
    article has (`notes,wire`) was offered nothing of the values it has; now those, and what
    is missing is said. A value spelt twice (`english,en`) is offered once: "english or
    English" offered one language as two. A part no article has that is near a value (`seedz`,
    as a filter of its own is offered seeds) is offered that value: `seedz,notez` was offered
    nothing, neither part being a value. None when it is no such list."""
    from .query import QueryError, canonical_filters

    typed = [p for p in _LIST_SEPARATOR.split(value.strip()) if p]
    if len(typed) < 2:
        return None
    parts: list[str] = []
    missing: list[str] = []
    near: dict[str, str] = {}
    seen: set[str] = set()

    def names_of(part: str) -> list[str]:
        try:
            return canonical_filters({facet: [part]}, gen)[facet]
        except QueryError:  # no value of this facet (a language no code names)
            return []

    for part in dict.fromkeys(typed):
        names, offered = names_of(part), part
        if not names or not all(n in _present(facet, gen) for n in names):
            offered = nearest_value(facet, part, gen)
            if offered is None:
                missing.append(part)
                continue
            near[part], names = offered, names_of(offered)
        if not names or not seen.issuperset(names):  # `english,en`, `reuters,Reuters`: one value, offered once
            parts.append(offered)
            seen.update(names)
    return Listed(parts, missing, near) if parts else None


# The nearest values a hint tries, the likeliest first, for one that finds something with the
# rest of the search (query.run_search): the nearest may find nothing there
HINT_CANDIDATES = 5


def nearest_value(facet: str, value: str, gen) -> str | None:
    found = nearest_values(facet, value, gen, 1)
    return found[0] if found else None


def nearest_values(facet: str, value: str, gen, limit: int = HINT_CANDIDATES) -> list[str]:
    """Up to `limit` values some article has near `value`, the likeliest first."""
    from .query import _within  # rapidfuzz's OSA distance over a list, as "did you mean" uses

    key = _fold(value)
    if facet in CLOSED_FACETS:  # "likely" is two edits from "unlikely", its opposite (QA)
        return []
    if facet == "language" and key in COUNTRY_LANGUAGES:
        return [v] if (v := _indexed(facet, COUNTRY_LANGUAGES[key], gen)) else []
    if len(key) < 3:  # "fn" is one edit from half the language codes
        return []
    keys, owners, weight = gen.derive(f"facet_value_keys:{facet}", lambda: _keys(facet, gen))
    maxdist = 1 if len(key) <= 5 else 2
    # fewest edits, then the spelling more articles have, then the facet's (sorted) order
    ranked = sorted(_within(key, keys, maxdist), key=lambda kd: (kd[1], -weight[kd[0]], owners[kd[0]]))
    values = gen.facets.values[facet]
    return list(dict.fromkeys(values[owners[k]] for k, _ in ranked))[:limit]


# The words after `facet:value` in a query, up to six, none an operator, a field or syntax
# (`person:james -baker` excludes Baker; `baker*` and `baker~` are patterns, not a name's word).
# Operators are capitals, as the parser reads them: "and" is a name's word ("Securities and
# Exchange Commission"), though the pattern is searched regardless of case (QA)
_NEXT_WORDS = r"((?:\s+(?!(?-i:AND|OR|NOT)(?![^\s:()\"\[\]{}])|&&|\|\||[-+!])[^\s:()\"\[\]{}*?~^]+(?![^\s:()\"\[\]{}])){1,6})"
_OPERATOR = re.compile(r"AND|OR|NOT|&&|\|\|")


SPACED_FACETS = ("person", "organization", "location", "source")  # values that hold spaces


def spaced_value(facet: str, value: str, typed: str, gen) -> tuple[str, str] | None:
    """(the value some article has, the text it replaces) when `facet:value` in the query
    `typed` names nothing but, taken with the words after it, does: `person:assimi goita`
    is the filter person "assimi" and the word "goita" to a parser, which matches nothing,
    where the reader meant `person:"assimi goita"` (QA: no hint was given). The longest
    such run of up to six words wins."""
    from .query import QueryError, canonical_filters

    if facet not in SPACED_FACETS:  # `year:1988 oil` is a year and a word: "1988 oil" is no year (a 400)
        return None
    m = re.search(rf'(?<![\w"]){re.escape(facet)}:{re.escape(value)}(?![^\s:()"\[\]{{}}]){_NEXT_WORDS}', typed, re.I)
    if m is None:
        return None
    words = m.group(1).split()
    for k in range(len(words), 0, -1):
        if any(_OPERATOR.fullmatch(w) for w in words[:k]):
            continue
        typed_value = " ".join([typed[m.start() + len(facet) + 1:m.start() + len(facet) + 1 + len(value)], *words[:k]])
        try:
            names = canonical_filters({facet: [typed_value]}, gen)[facet]
        except QueryError:  # words that make no value of this facet
            continue
        if names and all(n in _present(facet, gen) for n in names):
            return (names[0] if len(names) == 1 else typed_value), typed_value
    return None


def replace_field_value(query: str, field: str, old: str, *new: str) -> str | None:
    """`query` with `field:old` written `field:"new"` (field_values.field_value), or None
    when the query does not spell it so (a value the engine rewrote), or no query can hold `new`. `old` may be quoted in
    the query (in single quotes too, as field_value writes one holding a double quote:
    `source:'Le "Monde"'`, which got no fix link) or typed unquoted across spaces
    (`person:assimi goita`, a spaced_value's text); one rule for the "Did you mean" and for
    the web's fix links, so the two never disagree. Several `new` (a list typed in one value,
    `source:notes,seeds`): each its own, joined as filters join them (written_values)."""
    spelt = r"\s+".join(re.escape(w) for w in old.split())
    pattern = re.compile(rf'(?<![\w"]){re.escape(field)}:(?:"{spelt}"|\'{spelt}\'|{spelt}(?![\w*?~]))', re.I)
    if not pattern.search(query):
        return None
    written = written_values(field, new)
    if written is None:  # no query syntax holds it (field_value): no fix to offer
        return None
    return pattern.sub(lambda _: written, query)


def written_values(field: str, values: tuple[str, ...] | list[str]) -> str | None:
    """`values` of `field` in the query text, as filters join them: one as field_value writes
    it, several in brackets, ORed (a source, a language, a year: an article has one) or ANDed
    (names: `(person:"Assimi Goita" AND person:Bah)`); None where one is in no query syntax."""
    written = [field_value(field, v) for v in values]
    if not written or None in written:
        return None
    join = " AND " if field in ENTITY_FACETS else " OR "
    return written[0] if len(written) == 1 else "(" + join.join(written) + ")"


def _present(facet: str, gen) -> frozenset[str]:
    """The facet's values that some article has."""
    return gen.derive(f"facet_value_set:{facet}", lambda: frozenset(gen.facets.values.get(facet, ())))


def _indexed(facet: str, value: str, gen) -> str | None:
    """`value` when some article has it: a hint never names a value that finds nothing."""
    return value if value in _present(facet, gen) else None


def values_like(node, gen) -> list[str]:
    """The facet values a wildcard, prefix or fuzzy word names: `person:goi*`, `person:g?ita`,
    `person:goyta~` matched nothing, silently, since Whoosh compares it with the whole stored
    name ("Assimi Goita") case for case. Here it is compared, without case or accents, with
    each word of a value and with the whole value; at most MAX_EXPANSION values, those in
    most articles first."""
    import fnmatch

    from whoosh import query as Q

    from .query import MAX_EXPANSION, _within

    field = node.fieldname
    values = gen.facets.values.get(field, [])
    keys = gen.derive(f"facet_words:{field}", lambda: _value_words(values))
    text = _fold(node.text)
    if isinstance(node, Q.FuzzyTerm):
        prefix = text[:max(1, node.prefixlength)]
        words = sorted({w for w in keys if w.startswith(prefix)})
        near = {w for w, _ in _within(text, words, node.maxdist)}
        hit = near.__contains__
    elif isinstance(node, Q.Prefix):
        hit = lambda w: w.startswith(text)  # noqa: E731
    else:
        hit = re.compile(fnmatch.translate(text), re.S).match
    found = {i for w, ids in keys.items() if hit(w) for i in ids}
    if not found:
        return []
    counts = gen.derive(f"facet_value_counts:{field}", lambda: _counts(field, gen))
    ranked = sorted(found, key=lambda i: (-counts[i], i))[:MAX_EXPANSION]
    return [values[i] for i in sorted(ranked)]


def _value_words(values: list[str]) -> dict[str, list[int]]:
    """Folded word (and whole value) -> the indexes of the values holding it."""
    out: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        folded = _fold(v)
        for w in {folded, *re.findall(r"\w+", folded)}:
            out.setdefault(w, []).append(i)
    return out


def _keys(facet: str, gen) -> tuple[list[str], dict[str, int], dict[str, int]]:
    """Folded spellings to compare with, the index of the value each one stands for (a
    value's own spelling wins over another value's name or surname), and the articles of the
    values spelled so, the most of any (a tie-break: "Reagn" is one edit from "Regan" and
    from "Reagan", and the surname of Ronald Reagan's 29 articles beats Donald Regan's 6,
    though the value it stands for is the bare "Reagan", which finds him too)."""
    owners: dict[str, int] = {}
    aliases: dict[str, int] = {}
    extra: dict[str, int] = {}
    values = gen.facets.values.get(facet, ())
    counts = gen.derive(f"facet_value_counts:{facet}", lambda: _counts(facet, gen))  # values_like's too
    weight: dict[str, int] = {}

    def add(tier: dict[str, int], k: str, i: int) -> None:
        # a surname or spelling that several values share stands for the one in most articles
        if k not in tier or tier is not owners and counts[i] > counts[tier[k]]:
            tier[k] = i
        weight[k] = max(weight.get(k, 0), int(counts[i]))

    for i, v in enumerate(values):
        add(owners, _fold(v), i)
        if facet == "language":
            name = _language_name(v)
            if name:
                add(extra, _fold(name), i)
        elif facet in ENTITY_FACETS and " " in v:
            add(extra, _fold(v.rsplit(" ", 1)[1]), i)
    if facet in ENTITY_FACETS and gen.entities is not None:
        # an entity's other spellings, and each without its punctuation: `organization:moodys`
        # is Moody's ("Moody's"), not "Lipton Foods" two edits off its last word (QA)
        index = {v: i for i, v in enumerate(values)}
        for e in gen.entities.entities:
            i = index.get(e.name) if e.type == facet else None
            if i is not None:
                for a in (e.name, *e.aliases):
                    add(aliases, _fold(a), i)
                    add(aliases, _PUNCT.sub("", _fold(a)), i)
    for tier in (aliases, extra):
        for k, i in tier.items():
            owners.setdefault(k, i)
    return list(owners), owners, weight


_PUNCT = re.compile(r"[^\w\s]")


def _counts(facet: str, gen) -> np.ndarray:
    """Articles per value (deleted ones included until a merge drops them: a tie-break only)."""
    return np.bincount(gen.facets.terms[facet], minlength=len(gen.facets.values.get(facet, ())))


def _language_name(code: str) -> str | None:
    import pycountry  # already a dependency (the language filter reads names through it)

    lang = pycountry.languages.get(alpha_2=code.partition("-")[0])
    return lang.name if lang is not None else None


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))

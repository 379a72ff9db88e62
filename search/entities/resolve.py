"""Archive-wide entity resolution: mentions -> canonical entities with stable ids.

Rules (issue 4): a surname-only mention attaches to the full name in the same article (in
an article without one, to the person with that surname whose articles share its context); an
acronym defined in parentheses links to its long form, and so does one that spells the name of
only one organisation of its article (_initials_of_companies); across articles, person spellings
merge only on full names (first name close AND surname variant, see names.py) with
agreeing context; a company is one with or without its legal form ("Chrysler Corp" =
"Chrysler"), and its one-word name or opening words are the company ("Moody's said" after
"Moody's Investors Service Inc"; elsewhere given enough evidence,
_short_forms_join_their_company); curated
equivalents join ("Russian Federation" = "Russia"); places are
never fuzzy-merged; a place spelled like an organisation's defined acronym is that
organisation; descriptions (mentions marked "generic": "the Cabinet") get no entity.
Work is linear in mentions plus small blocks of distinct full names.
"""
from __future__ import annotations

import gc
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from typing import NamedTuple

from ..umlauts import umlaut_spelling
from .document import (_INITIALS, _PARTICLES, CORPORATE_WORDS, FORM_WORDS, LEGAL_FORMS, STATE_NAMES, _form_word,
                       _given_name, acronym_letters,
                       acronym_suffix, body_key, ends_in_legal_form, initials, names_country_after,
                       national_body, surname)
from .gazetteer import ORG_EQUIVALENTS, country_aliases, country_display, fold, known_places
from .names import FullNames, blocking_keys, candidate_pairs, full_name_match, gendered_pair, surname_variant
from .normalize import name_key, org_key
from .truecase import is_caps

TYPES = ("person", "organization", "location")
PREFIX = {"person": "per", "organization": "org", "location": "loc"}
# Blocks larger than this are compared only within their exact first-name key: keeps the
# cost bounded on huge archives where a block like "jo|sm" collects thousands of names.
MAX_BLOCK = 400
# Context kept per full name (co-occurring entity keys), enough to find an overlap.
MAX_CONTEXT = 300


class DocMentions(NamedTuple):
    id: str
    mentions: list[dict]
    machine_translated: bool = False


# Mention keys only resolution reads: the title before a person's name and the sex it tells
# (document._person_titles), a country's body's country and its name without it
# (document._national_bodies). The stored article leaves them out: they are means, not findings.
RESOLUTION_HINTS = ("title", "gender", "country", "body")


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    documents: int = 0


class _UF:
    """Union-find over hashable nodes (path halving)."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, x) -> None:
        self.parent.setdefault(x, x)

    def find(self, x):
        p = self.parent
        p.setdefault(x, x)
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller node becomes the root: deterministic whatever the input order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


@lru_cache(maxsize=500_000)  # asked of every location mention, as _org_key is of organisations
def _loc_key(text: str) -> str:
    key = name_key(text)
    country = _COUNTRIES().get(key)
    return fold(country) if country else key


@lru_cache(maxsize=1)
def _COUNTRIES() -> dict[str, str]:
    """Folded country alias -> display name (loaded once)."""
    return country_aliases()


@lru_cache(maxsize=1)
def _KNOWN_BY_CAPS() -> dict[str, str]:
    """Known place names by their capitals: "RIO DE JANEIRO" -> "Rio de Janeiro"."""
    return {p.upper(): p for p in sorted(known_places())}


# A name left as one word this common is a word, not the company's name ("Union Corp" is not
# "the Union", "General Corp" not "General"): its legal form stays in the key.
COMMON_ORG_WORD_ZIPF = 4.5


@lru_cache(maxsize=500_000)
def _org_key(text: str) -> str:
    key = org_key(text)
    words = key.split()
    n = len(words)
    while n > 1 and (words[n - 1] in LEGAL_FORMS or words[n - 1] == "group"):  # "USAir Group Inc" = "USAir"
        n -= 1
        while n > 1 and words[n - 1] in ("and", "&"):  # "and co"
            n -= 1
    if n < len(words):
        while n > 1 and words[n - 1] == "s":  # "standard and poor s corp": a possessive before the form
            n -= 1
        if n > 1 or _zipf(words[0]) < COMMON_ORG_WORD_ZIPF:
            key = " ".join(words[:n])
    return ORG_EQUIVALENTS.get(key, key)


_INITIALS_JOINED = re.compile(r"[A-Z]\.?(?:\s*(?:and|&|/)\s*[A-Z]\.?)+")


@lru_cache(maxsize=500_000)  # asked of a name in every article that writes it
def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 12 and sum(c.isupper() for c in letters) >= len(letters) - 1


_LETTERS_AND = re.compile(r"([A-Za-z]{1,3})\s*(?:&|\s(?:and|AND)\s)\s*([A-Za-z]{1,3})")


class Resolution:
    """The archive's entities and, per document, which entity each mention belongs to."""

    def __init__(self, entities: list[Entity], docs: dict[str, list[int]]):
        self.entities = entities
        self._docs = docs
        self._alias: dict[str, list[int]] = defaultdict(list)
        self._surname: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(entities):
            keys = {name_key(a) for a in e.aliases} | {name_key(e.name)}
            # "Müller": "mueller" too (an umlaut is no ASCII: most spellings need no search)
            keys |= {name_key(g) for a in e.aliases if not a.isascii() and (g := umlaut_spelling(a))}
            if e.type == "organization":  # "Ministry of Finance" is keyed "finance ministry": one body
                keys |= {_org_mention_key(a) for a in e.aliases}
            if e.type == "location":
                keys |= {_loc_key(a) for a in e.aliases}
            for k in keys:
                if k and i not in self._alias[k]:
                    self._alias[k].append(i)
            if e.type == "person":
                for k in keys:
                    if " " in k and i not in self._surname[k.rsplit(" ", 1)[1]]:
                        self._surname[k.rsplit(" ", 1)[1]].append(i)

    def for_doc(self, doc_id: str) -> dict[str, list[str]]:
        """Canonical display names of the document's entities by type, deduplicated, in order."""
        out: dict[str, list[str]] = {t: [] for t in TYPES}
        seen: set[tuple[str, str]] = set()  # not the lists: a long text's 17,000 names were looked through 114,000 times
        for i in self._docs.get(doc_id, []):
            if i >= 0:
                e = self.entities[i]
                if (e.type, e.name) not in seen:
                    seen.add((e.type, e.name))
                    out[e.type].append(e.name)
        return out

    def mention_entities(self, doc_id: str) -> list[str | None]:
        """Entity id of each of the document's mentions (None where unresolved), in order."""
        return [self.entities[i].id if i >= 0 else None for i in self._docs.get(doc_id, [])]

    @cached_property
    def _name_words(self) -> dict[str, set[int]]:
        """Each word of every spelling -> the entities with a spelling that holds it."""
        out: dict[str, set[int]] = defaultdict(set)
        for key, ids in self._alias.items():
            for w in key.split():
                out[w].update(ids)
        return out

    def word_of_another(self, word: str, entity: Entity) -> bool:
        """Whether a one-word spelling of `entity` is also a word of another entity's name:
        "Kate", a machine translation's spelling of Keita, is Kate Winslet's first name, and
        "Malin" (Mali) Malin Akerman's. Searched as a word it would find them too."""
        return any(self.entities[i].id != entity.id for i in self._name_words.get(name_key(word), ()))

    def lookup_alias(self, text: str) -> list[Entity]:
        """Entities one of whose spellings is `text` (case-insensitive).

        Falls back to a leading place dropped ("U.S. Center for ..." -> "Center for ...")
        and to person surnames ("Goyta" finds "Assimi Goyta" when only the full name is known).
        """
        key = name_key(text)
        hits = list(self._alias.get(key, []))
        german = umlaut_spelling(text)
        if german:  # `Robert Müller` finds "Robert Mueller" (QA), `Robert Mueller` "Robert Müller" above
            hits += [i for i in self._alias.get(name_key(german), []) if i not in hits]
        # a ministry in its other spelling: `organization=Ministry of Finance` found none of the 16
        # articles of the "Finance Ministry"s, which README calls one body (in any case, as a
        # filter is: the body's pattern is read in capitals)
        titled = " ".join(w if w in ("of", "the", "and") else w[:1].upper() + w[1:] for w in text.lower().split())
        for k in (_org_mention_key(text), _org_mention_key(titled), _loc_key(text)):
            hits += [i for i in self._alias.get(k, []) if i not in hits]
        if not hits and " " in key:
            words = key.split()
            for n in range(1, min(3, len(words) - 1) + 1):
                head, rest = " ".join(words[:n]), words[n:]
                # a body's name after the place, two words at least and no place itself: `Japan
                # China` is two countries, not China (review: 44 articles, 8 naming Japan), and
                # `"Britain and the US"` no United States (636)
                if head in _COUNTRIES():
                    if len(rest) >= 2 and " ".join(rest) not in _COUNTRIES():
                        hits = list(self._alias.get(" ".join(rest), []))
                    break
        if not hits and (m := _LETTERS_AND.fullmatch(text.strip())):
            # "AT&T", "AT and T" and "ATT" are one company's name as the wire and others wrote it
            # (Reuters' AT&T entity knew "ATT" only: `AT&T` found 2 of its 13 articles)
            for form in {f"{m[1]}&{m[2]}", f"{m[1]}{m[2]}", f"{m[1]} and {m[2]}"} - {text.strip()}:
                hits += [i for i in self._alias.get(name_key(form), []) if i not in hits]
        if not hits and " " not in key:
            hits = list(self._surname.get(key, []))
        return [self.entities[i] for i in hits]

    def to_json(self) -> dict:
        return {"version": 1, "entities": [asdict(e) for e in self.entities], "docs": self._docs}

    @classmethod
    def from_json(cls, d: dict) -> "Resolution":
        return cls([Entity(**e) for e in d["entities"]], {k: list(v) for k, v in d["docs"].items()})


def warm() -> None:
    """Load the tables resolution reads once a process (known places by their capitals,
    countries, the commonest English words): about 2 s of CPU that the index run spends
    while its pool runs stage 2, not alone on one core in the archive-wide pass."""
    _KNOWN_BY_CAPS()
    _COUNTRIES()
    _common_words()


def resolve(docs: Iterable[DocMentions], previous: Iterable[Entity] = ()) -> Resolution:
    """Resolve the mentions of all documents into entities (see module doc).

    `previous`: the entities of the archive's last generation. An entity keeps its
    display name (and so its id) while that is still one of its spellings and no other
    clearly leads (see _display): a name that flips with each night's reprints makes
    facets, links and bookmarks change under the reader."""
    with _collector_paused():
        return _resolve(docs, previous)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the pass: it builds hundreds of thousands of tuples,
    sets and Counters and frees none of them until it ends, and each full collection that
    so many allocations set off walked the whole heap of the index run, finding nothing
    (5,000 Reuters articles' mentions resolved alone: 15-20% of the pass's CPU)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve(docs: Iterable[DocMentions], previous: Iterable[Entity]) -> Resolution:
    uf = _UF()
    doc_nodes: dict[str, list] = {}
    doc_mt: dict[str, bool] = {}
    surfaces: list[tuple[str, list[dict]]] = []
    ctx: dict[str, set] = defaultdict(set)  # person full key -> co-occurring keys
    # lone surnames the document's own full names did not take: key -> [(doc id, mention index)]
    singles: dict[str, list[tuple[str, int]]] = defaultdict(list)
    single_ctx: dict[str, tuple] = {}  # the context of each document holding such a surname
    df: Counter = Counter()  # context key -> documents naming it
    people: Counter = Counter()  # person full-name key -> documents naming it
    cased: set[str] = set()  # person full-name keys written once not all in capitals
    # keys of organisation acronyms defined in parentheses -> the keys of the long forms defining
    # them, with the number of documents defining each
    acronyms: dict[str, Counter] = defaultdict(Counter)
    # a company's short name (one word, or its opening words) -> the long names it stood for,
    # counted in documents naming both ("Moody's said" after "Moody's Investors Service Inc",
    # "Drexel Burnham" beside "Drexel Burnham Lambert Inc"), and the documents naming it alone
    short_forms: dict[str, Counter] = defaultdict(Counter)
    alone: Counter = Counter()
    full: set[str] = set()  # keys some mention writes with more words ("Exxon Corp", "Standard Oil Co")
    pending: list = []  # (doc id, mention index, acronym key, company key): see _short_names

    for doc in docs:
        d = DocMentions(*doc) if not isinstance(doc, DocMentions) else doc
        lone: list[int] = []
        waiting: list = []
        nodes = _doc_nodes(d.mentions, uf, acronyms, lone, short_forms, waiting)
        pending.extend((d.id, *w) for w in waiting)
        orgs = [(n[1], m) for n, m in zip(nodes, d.mentions) if n and n[0] == "organization"]
        alone.update({k for k, _ in orgs})
        full.update(k for k, m in orgs if len(m.get("text", "").split()) > len(k.split()))
        doc_nodes[d.id] = nodes
        doc_mt[d.id] = bool(d.machine_translated)
        surfaces.append((d.id, d.mentions))
        persons = {n[1] for n in nodes if n and n[0] == "person"}
        context = {n[1] for n in nodes if n and n[0] in ("location", "organization")} | persons
        df.update(context)
        people.update(persons)
        cased.update(n[1] for n, m in zip(nodes, d.mentions)  # the full name's own mentions, not its surname's
                     if n and n[0] == "person" and " " in m["text"].strip() and not m["text"].isupper())
        ordered = None
        for n in nodes:
            if n and n[0] == "person":
                c = ctx[n[1]]
                if len(c) < MAX_CONTEXT:
                    # new names only, in a fixed order: a set's order changes with the hash seed,
                    # and so did which names a context kept, and whether it filled (the resolution
                    # differed from one process to the next). Sorted once a document: a long
                    # text's thousands of persons sorted its thousands of names each
                    ordered = sorted(context) if ordered is None else ordered
                    c.update(list(islice((k for k in ordered if k not in c and k != n[1]), MAX_CONTEXT - len(c))))
                uf.add(n)
        for i in lone:
            singles[nodes[i][1]].append((d.id, i))
            single_ctx[d.id] = tuple(context)  # a tuple is a fifth of a set's memory, over 100k articles

    for doc_id, i, acronym, company in pending:  # the archive's acronyms known now
        if not set(acronyms.get(acronym, ())) - {company}:
            doc_nodes[doc_id][i] = ("organization", company)
    _acronyms_are_organizations(doc_nodes, acronyms, uf)
    _long_forms_join_their_acronyms(doc_nodes, acronyms, uf)
    _acronyms_join_their_long_form(acronyms, uf)
    _short_forms_join_their_company(short_forms, alone, full, uf)
    _merge_full_names(uf, ctx)
    _merge_nicknames(uf, ctx)
    _attach_singles(uf, singles, ctx, doc_nodes, single_ctx, df, people, cased, len(doc_nodes))
    _numbers_join(uf, doc_nodes, surfaces)
    shown = {(e.type, a): e.name for e in previous for a in (e.name, *e.aliases)}
    return _build(uf, doc_nodes, doc_mt, surfaces, shown)


# Plurals whose meaning is not their singular's, and "corps", no plural ("Marine Corps" is no "Marine Corp",
# "National Securities Co Ltd" no "National Security")
_OWN_PLURALS = frozenset({"securities", "corps", "arms", "goods", "customs", "means", "news", "savings", "works",
                          "affairs", "letters", "quarters", "grounds", "headquarters", "series", "species"})


def _singular(word: str) -> str:
    """A word's singular as English spells most plurals: "crops" crop, "industries" industry; "ss", "us",
    "is" end no plural ("press", "status", "basis"), nor does a word of _OWN_PLURALS."""
    if word in _OWN_PLURALS:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# A legal form as one company writes it in several ways: "Corp" and "Corporation" are one form
_FORM_CLASS = {"incorporated": "inc", "corporation": "corp", "company": "co", "cos": "co", "limited": "ltd"}


@lru_cache(maxsize=500_000)
def _forms(text: str) -> frozenset[str]:
    """The legal forms a company's name ends in ("Sony Co Ltd": co, ltd), an owner's "'s" aside."""
    forms = set()
    for word in reversed(text.split()):
        w = _form_word(word.removesuffix("'s").removesuffix("’s"))
        if w in LEGAL_FORMS:
            forms.add(_FORM_CLASS.get(w, w))
        elif w not in ("and", "&"):
            break
    return frozenset(forms)


def _numbers_join(uf: _UF, doc_nodes: dict[str, list], surfaces: list) -> None:
    """An organisation's name with a word in the plural is the name with it in the singular: "Crops
    Bulletin" is the "Crop Bulletin" (the Weather and Crop Bulletin), two entities until now. Names
    of two words at least, blocked by their words' singulars (no pairs compared). Not where the
    legal forms tell two companies apart: "Midland Banks Inc" (of Marine Midland Banks Inc, New
    York) is no "Midland Bank Plc" (British), "States Trading Inc" no "State Trading Corporation".
    A group whose names have no legal form joins the block's first group it meets, and then has its
    forms: it bridges no two companies."""
    blocks: dict[str, list] = defaultdict(list)
    for n in list(uf.parent):
        if n[0] == "organization" and " " in n[1]:
            blocks[" ".join(_singular(w) for w in n[1].split())].append(n)
    if not any(len(nodes) > 1 for nodes in blocks.values()):
        return
    forms: dict = defaultdict(frozenset)  # each group's root -> the legal forms its names end in
    for doc_id, mentions in surfaces:
        for n, m in zip(doc_nodes[doc_id], mentions):
            if n and n[0] == "organization":
                r = uf.find(n)
                forms[r] = forms[r] | _forms(m["text"])
    for nodes in blocks.values():
        groups: list = []  # a node of each of the block's groups joined so far
        for n in nodes:
            for g in groups:
                rg, rn = uf.find(g), uf.find(n)
                if rg == rn or not (forms[rg] and forms[rn]) or forms[rg] & forms[rn]:
                    uf.union(g, n)
                    forms[uf.find(g)] = forms[rg] | forms[rn]
                    break
            else:
                groups.append(n)


def _doc_nodes(mentions: list[dict], uf: _UF, acronyms: dict[str, Counter], lone: list[int],
               short_forms: dict[str, Counter] | None = None, pending: list | None = None) -> list:
    """Graph nodes for one document's mentions, with the within-document unions done.

    `lone` receives the indices of surnames alone whose document has no full name to give them
    (_attach_singles looks further); one the document's own full names make ambiguous stays so.
    `short_forms` counts each one-word company name the document also names in full (_short_names)."""
    nodes: list = [None] * len(mentions)
    defined: dict[str, tuple] = {}  # an acronym's key -> the node of its long form in this document
    companies = _capitals_open_company(mentions)
    fulls: dict[str, list[str]] = {}
    single_idx: list[tuple[int, str]] = []
    full_marks: dict[str, set[tuple[str, str]]] = defaultdict(set)  # full key -> ("title"/"gender", value)
    for i, m in enumerate(mentions):
        t, text = m.get("type"), m.get("base") or m.get("text", "")  # base: uninflected ("Malin" -> "Mali")
        if m.get("generic"):
            continue  # "the Cabinet": a description, a different body in every country
        if i in companies:
            nodes[i] = ("organization", companies[i])
        elif t == "location":
            key = _loc_key(text)
            nodes[i] = ("location", key) if key else None
        elif t == "organization":
            if m.get("country") and m.get("body"):
                key = _national_key(m["body"], m["country"])
            else:
                key = _org_mention_key(text)
            nodes[i] = ("organization", key) if key else None
        elif t == "person":
            key = _person_key(text)
            if not key:
                continue
            toks = key.split()
            if len(toks) >= 2:
                fulls[key] = toks
                nodes[i] = ("person", key)
                full_marks[key].update((k, m[k]) for k in RESOLUTION_HINTS if m.get(k))
            else:
                single_idx.append((i, key))
    # acronyms defined in parentheses: "Long Form (LF)"
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if nodes[i] is None or nodes[i + 1] is None or nodes[i][0] != nodes[i + 1][0]:
            continue
        if not (0 < b["start"] - a["end"] <= 3):
            continue
        cut = acronym_suffix(b["text"], a["text"])
        # an acronym written like a word ("Sipri") must spell the whole long form
        if cut is None or not (_is_acronym(b["text"]) or (cut == 0 and b["text"].isalpha())):
            continue
        if nodes[i][0] != "organization":
            uf.union(nodes[i], nodes[i + 1])
            continue
        # The acronym is the long form in this document; archive-wide it joins its long form
        # only where the archive gives it one (_acronyms_join_their_long_form): "ICO" is the
        # International Coffee Organization in one article and the International Cocoa
        # Organization in another, and joined through the acronym they were one entity.
        defined[nodes[i + 1][1]] = nodes[i]
        acronyms[nodes[i + 1][1]][nodes[i][1]] += 1
        if cut > 0:
            tail = " ".join(a["text"].split()[cut:])
            uf.union(nodes[i], ("organization", _org_mention_key(tail)))
            acronyms[nodes[i + 1][1]][_org_mention_key(tail)] += 1
    _initials_of_companies(mentions, nodes, acronyms, defined)
    _short_names(mentions, nodes, short_forms, pending)
    _opening_words(mentions, nodes, short_forms)
    _head_nouns(mentions, nodes)
    for i, n in enumerate(nodes):  # the acronym's every mention in the document, before or after
        if n and n[0] in ("organization", "location") and n[1] in defined:
            nodes[i] = defined[n[1]]
    # full names of one person within the document ("Keita" / "Keite", "Mishin" suffixes)
    keys = sorted(fulls)
    for x, y in candidate_pairs([fulls[k] for k in keys]):  # not all pairs: a long text names thousands
        a, b = fulls[keys[x]], fulls[keys[y]]
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if full_name_match(a, b) or long_[-len(short):] == short:
            uf.union(("person", keys[x]), ("person", keys[y]))
    # surname-only mentions attach to a full name of this document
    names = FullNames(fulls)
    named: dict[str, set] = {}  # a surname -> the persons it may name (no union happens in this loop)
    for i, key in single_idx:
        if key not in named:
            named[key] = _named_by_surname(key, names, fulls, uf)
        exact = named[key]
        if len(exact) > 1 and (mentions[i].get("title") or mentions[i].get("gender")):
            exact = _told_apart(mentions[i], exact, fulls, full_marks, uf)
        if len(exact) == 1:
            nodes[i] = next(iter(exact))
        else:
            nodes[i] = ("person1", key)
            if not exact:
                lone.append(i)
    for n in nodes:
        if n:
            uf.add(n)
    return nodes


# A letter and an apostrophe opening a surname: "O'Neill", "D'Amato", "N'Diaye"
_APOSTROPHE_PARTICLE = re.compile(r"\b([A-Za-z])['’]\s*(?=[A-Za-z])")


@lru_cache(maxsize=500_000)  # asked of every person mention
def _person_key(text: str) -> str:
    """A person's name key, a surname after a letter and an apostrophe one word: "O'Neill" alone
    ("o neill" to name_key) was a full name of two words, so it joined "William O'Neill" in one
    article and "James O'Neill" in another, and made the two one person (Reuters: four
    O'Neills). Now it is a lone surname, given to its article's O'Neill."""
    return name_key(_APOSTROPHE_PARTICLE.sub(r"\1", text))


def _named_by_surname(key: str, names: FullNames, fulls: dict[str, list[str]], uf: _UF) -> set:
    """The persons (roots) of a document's full names a lone surname may name: those ending in
    it, else those ending in a variant of it, else those opening with it."""
    exact = {uf.find(("person", k)) for k in names.ending(key)}
    if len(exact) != 1:
        exact = exact or {uf.find(("person", k)) for k in names.ending_in_variant(key)}
    if not exact:
        # the family name written first ("Deng Xiaoping" ... "Deng said", "Hu Yaobang"), or a
        # first name alone ("Barron Hilton" ... "Barron"): the one full name of the article
        # opening with it (QA: "Deng" and "Barron" had been people of their own). Not one
        # ending in a common word: the NER's "Getty Oil" and "Murdoch Publishing" are no people
        exact = {uf.find(("person", k)) for k in names.opening(key) if _zipf(surname(fulls[k])) < SURNAME_WORD_ZIPF}
    return exact


@lru_cache(maxsize=500_000)  # asked of every organisation mention, as _org_key is
def _org_mention_key(text: str) -> str:
    """An organisation's key; "Ministry of Finance" is the "Finance Ministry" where no country
    is told too."""
    return _org_key(body_key(text) if national_body(text) else text)


def _national_key(body: str, country: str) -> str:
    """One key per country's body: "finance ministry (japan)". A US one named by the
    equivalents is that entity ("Treasury" of a WASHINGTON story is the "U.S. Treasury")."""
    key = org_key(body_key(body))
    if country == "United States" and (us := ORG_EQUIVALENTS.get(f"us {key}")):
        return us
    return f"{key} ({fold(country)})"


def _told_apart(mention: dict, roots: set, fulls: dict[str, list[str]], marks: dict[str, set], uf: _UF) -> set:
    """Of the document's persons with a lone surname's name, the one its title or sex points to;
    all of them where nothing does.

    A title written before the surname and before one person's full name names that person
    ("President Obama", "President Barack Obama"; not "First Lady Michelle Obama"). Else the sex
    a title tells ("Mr. Holmes", "Miss Lawson") takes the one person known to be of that sex,
    or the one not known to be of the other: the document's titles and relations ("his mother,
    Arlene Holmes") tell, and so does a first name's feminine form beside the masculine
    ("Nigel" and "Nigella" Lawson)."""
    keys: dict = {r: [] for r in roots}
    for k in fulls:
        r = uf.find(("person", k))
        if r in keys:
            keys[r].append(k)
    title = mention.get("title")
    if title:
        same = {r for r, ks in keys.items() if any(("title", title) in marks[k] for k in ks)}
        if len(same) == 1:
            return same
    sex = mention.get("gender")
    if not sex:
        return roots
    known = {r: {v for k in ks for kind, v in marks[k] if kind == "gender"} for r, ks in keys.items()}
    firsts = [(r, fulls[k][0]) for r, ks in keys.items() for k in ks]
    for r, a in firsts:
        for other, b in firsts:
            if other != r and gendered_pair(a, b):
                known[r].add("f" if _feminine_form(a, b) else "m")
    for fits in ({r for r, g in known.items() if g == {sex}}, {r for r, g in known.items() if g <= {sex}}):
        if len(fits) == 1:
            return fits
    return roots


def _feminine_form(a: str, b: str) -> bool:
    """Of a gendered pair of first names, `a` is the feminine form ("Nigella" of "Nigel", "Maria"
    of "Mario")."""
    return len(a) > len(b) or (len(a) == len(b) and a.endswith("a"))


def _initials_of_companies(mentions: list[dict], nodes: list, acronyms: dict[str, Counter],
                           defined: dict[str, tuple]) -> None:
    """An acronym is the organisation of its article whose name it spells, where only one does,
    defined in parentheses or not: wire copy writes "General Motors Corp <GM>" in the body and
    "GM" in the headline (11 of the 13 Reuters articles naming "GM" in 1,500 name General
    Motors Corp too; they were two organisations). Legal forms are not spelled ("Exxon Corp"
    is no "EC"), and a name of one word spells nothing."""
    acronym_at = [i for i, n in enumerate(nodes)
                  if n and n[0] == "organization" and " " not in n[1] and _is_acronym(mentions[i]["text"])]
    if not acronym_at:
        return
    spelled: dict[str, set[str]] = defaultdict(set)
    for n in set(nodes):
        if n and n[0] == "organization" and " " in n[1]:
            words = n[1].split()
            for keep_stop in (False, True):
                spelled[initials(words, keep_stop=keep_stop)].add(n[1])
    # with its legal form where two words at least come before it: "AMC" of "American Motors
    # Corp", "GMAC" of "General Motors Acceptance Corp" (review: 12 Reuters articles named
    # both, the company listed twice); never "EC" of "Exxon Corp"
    for m, n in zip(mentions, nodes):
        words = m.get("text", "").split()
        if n and n[0] == "organization" and " " in n[1] and len(words) >= 3 and ends_in_legal_form(m["text"]):
            spelled[initials(words)].add(n[1])
    # a long form keyed as its acronym (the equivalents file "Securities and Exchange Commission"
    # under "sec") that spells it: the document names the acronym's organisation already, and
    # "Snyder Exploration Co", which spells it too, is not it (Reuters: that company was filed
    # under the SEC's "SEC")
    own = {(n[1], spelt) for m, n in zip(mentions, nodes)
           if n and n[0] == "organization" and " " not in n[1] and len(words := m.get("text", "").split()) >= 2
           for spelt in (initials(words), initials(words, keep_stop=True))}
    for i in acronym_at:
        letters = acronym_letters(mentions[i]["text"])
        if (nodes[i][1], letters) in own:
            continue
        longs = spelled.get(letters, set())
        if len(longs) == 1 and nodes[i][1] not in defined:  # one defined in parentheses comes first
            long_form = next(iter(longs))
            defined[nodes[i][1]] = ("organization", long_form)
            acronyms[nodes[i][1]][long_form] += 1


def _capitals_open_company(mentions: list[dict]) -> dict[int, str]:
    """A place or person written all in capitals whose words open the one company the document
    names in mixed case is that company (mention index -> the company's key): a wire headline's
    "JAMESWAY" (a place to the NER) beside "Jamesway Corp", "MCLEAN" (a person) beside "McLean
    Industries Inc". Not a known place ("NEW YORK" beside "New York Stock Exchange"), nor a
    name the document also writes in mixed case as what the NER took it for ("TORONTO" beside
    "Toronto", "MURDOCH" beside "Rupert Murdoch"), nor where the company's own opening is
    capitals ("GMAC" is no headline's styling of "GMAC Grantor Trust"). A company named by
    those very words is the one: "NESTLE" beside "Nestle SA" and "Nestle Enterprises Ltd"."""
    companies: dict[str, str] = {}
    for m in mentions:
        text = m.get("text", "")
        if m.get("type") == "organization" and _company(text) and not is_caps(text.split()[0]):
            companies.setdefault(_org_key(text), text)
    if not companies:
        return {}
    opened = _opened_by(companies)
    out: dict[int, str] = {}
    written: dict[tuple[str, str], bool] = {}  # (type, key) -> the document writes it so in mixed case
    for i, m in enumerate(mentions):
        text, t = m.get("text", ""), m.get("type")
        if t not in ("location", "person") or m.get("generic") or not is_caps(text):
            continue
        key = name_key(text)
        if not key or " ".join(text.split()) in _KNOWN_BY_CAPS() or key in _COUNTRIES():
            continue
        # the company of that very name ("NESTLE" of "Nestle SA"), else the one opening with it
        longs = [key] if key in companies else opened.get(key, [])
        if len(longs) != 1 or _UNIT_WORDS & set(longs[0][len(key) + 1:].split()):
            continue
        if (t, key) not in written:  # once a name, not once a mention: a long text repeats its headlines
            written[(t, key)] = any(o.get("type") == t and not is_caps(o.get("text", ""))
                                    and f" {key} " in f" {name_key(o.get('text', ''))} " for o in mentions)
        if written[(t, key)]:
            continue
        out[i] = longs[0]
    return out


def _opened_by(keys: Iterable[str]) -> dict[str, list[str]]:
    """The keys each run of a key's opening words begins, in the order of `keys` ("first state
    bank" -> ["first state bank of pensacola"]): looked up by each mention, where searching all
    keys for each was quadratic in a long text's names."""
    opened: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        for at, c in enumerate(k):
            if c == " ":
                opened[k[:at]].append(k)
    return opened


def _short_names(mentions: list[dict], nodes: list, short_forms: dict[str, Counter] | None,
                 pending: list | None = None) -> None:
    """A one-word organisation is the company of this document whose full name begins with
    that word, the first named if several do: "Moody's said" after "Moody's Investors Service
    Inc", "Mack lost" after "Mack Trucks Inc" and "Mack Financial Corp" (Reuters: "Moody" was
    an organisation of its own in 113 of 300 rating articles, beside the full name in 103).
    An acronym opening the company's name ("KLM" of "KLM Royal Dutch Airlines") goes to
    `pending` (mention index, acronym key, company key): it is that company where the archive
    gives the acronym no other long form ("GM" is General Motors, not "GM Overseas Distribution
    Corporation", in an article that names only the latter)."""
    longs: dict[str, str] = {}  # first word -> the first company key beginning with it
    spelt: dict[str, str] = {}  # first word -> its company's first word as written
    opened: dict[str, set[str]] = defaultdict(set)  # first word -> the company keys beginning with it
    # "Exxon" where the document names "Exxon Corp" (key "exxon") is that, not "Exxon Capital Corp"
    named = {n[1] for m, n in zip(mentions, nodes) if n and n[0] == "organization" and " " not in n[1]
             and len(m.get("text", "").split()) > 1}
    for m, n in zip(mentions, nodes):
        if n and n[0] == "organization" and " " in n[1] and n[1].split(" ", 1)[0] not in named:
            first = n[1].split(" ", 1)[0]
            # a company: its name ends in a legal form or a business word ("Inc", "Group",
            # "Airlines"); "Fed Boards" (a plural the NER took for a name) took "Fed", and
            # "House Ways and Means Committee" "House", where these were not
            if first in ("the", "s") or not _company(m.get("text", "")):
                continue
            opened[first].add(n[1])
            if first not in longs:
                longs[first] = n[1]
                spelt[first] = m["text"].split()[0]
    if not longs:
        return
    # the acronyms this document's other names spell, read once asked: few documents have such an
    # acronym (the loop below only points organisations at other organisations: the same set)
    spelled: set[str] | None = None
    linked: set[str] = set()
    for i, n in enumerate(nodes):
        # An acronym that opens the company's name: "KLM" of "KLM Royal Dutch Airlines", "MCI"
        # of "MCI Communications Corp" (review: 30 such pairs in 2,500 Reuters articles, each
        # company listed twice), where nothing else in the document spells it and the archive
        # gives it no other long form (`pending`). A headline's capitals are the company
        # at once: "SCOTT" beside "Scott's Hospitality Inc", where that is the one company so
        # named ("FORD <F> CREDIT UNIT" beside "Ford Motor Credit Co, a unit of Ford Motor Co"
        # is not the first)
        text = mentions[i].get("text", "")
        if not (n and n[0] == "organization" and " " not in n[1] and n[1] in longs and len(text.split()) == 1):
            continue
        if text.isupper() and is_caps(spelt[n[1]]) and len(opened[n[1]]) == 1:
            # not a country's ("U.S." tagged an organisation, beside "U.S. Rhein-Chemie Rheinau GmbH")
            if pending is not None and spelled is None:
                spelled = _spelled(mentions, nodes)
            if pending is not None and acronym_letters(text) not in spelled and country_display(text) is None:
                pending.append((i, n[1], longs[n[1]]))
            continue
        if not (text.isupper() and (is_caps(spelt[n[1]]) or len(opened[n[1]]) > 1)):
            nodes[i] = ("organization", longs[n[1]])
            linked.add(n[1])
    if short_forms is not None:
        for short in linked:  # evidence counted in documents, not mentions
            short_forms[short][longs[short]] += 1


def _spelled(mentions: list[dict], nodes: list) -> set[str]:
    """The acronyms a document's organisations' names spell ("GM" of "General Motors Corp")."""
    spelled = set()
    for m, n in zip(mentions, nodes):
        words = m.get("text", "").split()
        if n and n[0] == "organization" and len(words) > 1 and not is_caps(words[0]):
            spelled.add(initials(words))
            spelled.add(initials([w for w in words if _form_word(w) not in LEGAL_FORMS]))
    return spelled


# Words after a parent's name that make a unit of it: "Wells Fargo" is not "Wells Fargo Leasing
# Corp", "E.F. Hutton" not "E.F. Hutton LBO Inc", "Ford Motor" not "Ford Motor Co of Canada Ltd"
_UNIT_WORDS = frozenset({"leasing", "mortgage", "lbo", "acceptance", "credit", "finance", "financial", "capital",
                         "funding", "of"})


def _opening_words(mentions: list[dict], nodes: list, short_forms: dict[str, Counter]) -> None:
    """An organisation of two words or more is the one company of this document whose name
    opens with those words: "Hongkong Electric" beside "Hongkong Electric Holdings Ltd",
    "Louisiana Land" beside "Louisiana Land and Exploration Co", a headline's "DELTA AIR" beside
    "Delta Air Lines Inc" (125 of 2,500 Reuters articles listed such words as an organisation
    of their own, most of them a headline's). Not where two
    companies open so, where the rest names a unit (_UNIT_WORDS), nor a name the document
    writes as a company itself ("Standard Oil" of "Standard Oil Co", not "Standard Oil
    Production Co"). Elsewhere the words may open another company: `short_forms` counts the
    documents each opening stood for its company in, for _short_forms_join_their_company."""
    orgs = [(m.get("text", ""), n[1]) for m, n in zip(mentions, nodes) if n and n[0] == "organization"]
    companies = {key for text, key in orgs if _company(text) and " " in key}
    if not companies:
        return
    keys = {key for _, key in orgs}
    # a name the document gives a legal form: "Ford Motor Co", "Freeport-McMoran Inc" (not "Gold Co"),
    # "Rotan Mosle Inc's" (not "Rotan Mosle Technology Partners Ltd")
    named = {key for text, key in orgs if ends_in_legal_form(text)}
    opened = _opened_by(keys)  # "First State Bank of Pensacola" counts
    linked: dict[str, str] = {}
    for i, n in enumerate(nodes):
        if not n or n[0] != "organization" or " " not in n[1] or n[1] in named:
            continue
        opening = n[1] + " "
        longs = opened.get(n[1], [])
        if len(longs) == 1 and longs[0] in companies and not _UNIT_WORDS & set(longs[0][len(opening):].split()):
            nodes[i] = ("organization", longs[0])
            linked[n[1]] = longs[0]
    for short, long in linked.items():  # evidence counted in documents, not mentions
        short_forms[short][long] += 1


# An institution's head noun, which wire copy and web pages write alone for one named in full
# ("a Bank spokesman"). Not "House", "Congress", "Senate", "Treasury", "Parliament",
# "Government", "Army": alone, these name a body of their own ("House" of Representatives,
# not the "White House"; "Congress", not the "American Pork Congress")
HEAD_NOUNS = frozenset({"bank", "fund", "commission", "ministry", "council", "court", "agency", "board", "committee",
                        "department", "exchange", "authority", "institute", "association", "federation",
                        "university", "office", "organisation", "organization", "corporation", "company"})


def _head_nouns(mentions: list[dict], nodes: list) -> None:
    """An institution's head noun alone is the one institution of this document it heads: "a
    Bank spokesman" after "Sri Lanka's Central Bank", "a Department spokesman" after "Commerce
    Department", "Council" after "GATT Council" (26 of 2,500 Reuters articles and 500 web pages
    listed such a noun as an organisation of its own; "The Bank said", always with "the", has
    no entity: `generic`). The head is a name's last word, or its word before "of"."""
    heads: dict[str, set[str]] = defaultdict(set)
    for m, n in zip(mentions, nodes):
        words = m.get("text", "").split()
        if n and n[0] == "organization" and len(words) >= 2:
            head = words[words.index("of", 1) - 1] if "of" in words[1:] else words[-1]
            heads[head.lower()].add(n[1])
    for i, (m, n) in enumerate(zip(mentions, nodes)):
        word = m.get("text", "").strip().lower()
        if n and n[0] == "organization" and word in HEAD_NOUNS and len(heads.get(word, ())) == 1:
            nodes[i] = ("organization", next(iter(heads[word])))


@lru_cache(maxsize=500_000)
def _company(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[-1].rstrip(".").lower() in CORPORATE_WORDS


# How much evidence files a company's one-word name, where a document names it alone, under
# the company it stood for in other documents: that company in three documents or more, in
# nine of every ten naming both, and in at least as many as name the word alone ("Moody's"
# beside Moody's Investors Service in 103 rating articles, alone in 30). QA of a looser rule
# (2 documents, 2 in 3, 1 per 4 alone; evidence counted per mention): half its attachments
# were other things ("Dow Jones" under Dow Chemical, a "Delta rocket" under Delta Air Lines,
# New Zealand's "National Party" under National Amusements).
SHORT_FORM_MIN_DOCS = 3
SHORT_FORM_SHARE = 0.9
SHORT_FORM_PER_ALONE = 1.0


def _short_forms_join_their_company(short_forms: dict[str, Counter], alone: Counter, full: set[str], uf: _UF) -> None:
    """A company's one-word name or opening words ("Nippon Life"), in documents naming it
    alone, is the company it stood for elsewhere, given the evidence above; not a name some
    article writes as a company's own ("Exxon Corp": "Exxon" is that company, whatever "Exxon
    Capital Corp" took in one article)."""
    for short, longs in short_forms.items():
        if ("organization", short) not in uf.parent or short in full:
            continue  # never alone (each document already filed it), or a company's own name
        roots: Counter = Counter()
        for key, n in longs.items():
            roots[uf.find(("organization", key))] += n
        root, n = roots.most_common(1)[0]
        if n >= SHORT_FORM_MIN_DOCS and n >= SHORT_FORM_SHARE * sum(roots.values()) \
                and n >= SHORT_FORM_PER_ALONE * alone[short]:
            uf.union(("organization", short), root)


def _acronyms_are_organizations(doc_nodes: dict[str, list], acronyms: dict[str, Counter], uf: _UF) -> None:
    """A place spelled like an organisation's acronym, defined elsewhere, is that organisation.

    "Stockholm International Peace Research Institute (Sipri)" in one article makes a bare
    "Sipri" the NER took for a place in another one the institute. Countries stay places.
    """
    if not acronyms:
        return
    countries = {fold(c) for c in _COUNTRIES().values()}
    for nodes in doc_nodes.values():
        for i, n in enumerate(nodes):
            if n and n[0] == "location" and n[1] in acronyms and n[1] not in countries:
                nodes[i] = ("organization", n[1])
                uf.add(nodes[i])


def _long_forms_join_their_acronyms(doc_nodes: dict[str, list], acronyms: dict[str, Counter], uf: _UF) -> None:
    """An organisation's long form, written without its acronym, is the organisation whose
    acronym it spells where the archive defines that acronym in parentheses with a spelling
    of this long form (the same words, a letter or two apart).

    Reuters: "Organiaation of Petroleum Exporting Countries (OPEC)" (a typo) made one entity
    of OPEC and the typo, shown under it, and "Organization of Petroleum Exporting Countries"
    written out in two other articles stayed an entity of its own that `organization=OPEC`
    missed. Initials alone are no evidence: with "European Community (EC)" defined, Exxon
    Corp, Eastern Co and Emhart Corp all spell EC (QA: they became the European Community).
    """
    if not acronyms:
        return
    seen: set[str] = set()
    for nodes in doc_nodes.values():
        for n in nodes:
            if not n or n[0] != "organization" or n[1] in seen:
                continue
            seen.add(n[1])
            words = n[1].split()
            if len(words) < 2:
                continue
            for keep_stop in (False, True):
                key = _org_key(initials(words, keep_stop=keep_stop))
                if len(key) < 2 or key == n[1]:
                    continue
                spelled = next((d for d in acronyms.get(key, ()) if _spelling_of(n[1], d)), None)
                if spelled is not None:
                    uf.union(n, ("organization", spelled))  # the long form it spells, not the acronym
                    break


# The share of an acronym's definitions an organisation must hold to be a meaning of it
# (_acronyms_join_their_long_form)
ACRONYM_MEANING = 0.2


def _acronyms_join_their_long_form(acronyms: dict[str, Counter], uf: _UF) -> None:
    """An acronym written alone is the organisation the archive's definitions of it name:
    every long form defining it, unless two organisations each hold ACRONYM_MEANING of the
    definitions and two of them at least (spellings of one long form, or long forms joined by
    other evidence, are one). Then it joins neither and stays an entity of its own: a bare
    "NSC" names Norfolk Southern Corp or the National Security Council, and no article says
    which (QA: they were one entity, as were the Asian and the African Development Bank).
    Where an article defines it, it is its long form there (_doc_nodes). A rare spelling
    ("General Agreement on Trade and Tariffs", "United Auto Workers" once beside "United
    Automobile Workers" twice) or a name holding the acronym ("EC Commission (EC)") is no
    second meaning."""
    for acronym, longs in acronyms.items():
        groups: list[list[str]] = []
        for key in sorted(longs, key=lambda k: (-longs[k], k)):
            for g in groups:
                if (uf.find(("organization", key)) == uf.find(("organization", g[0]))
                        or any(_spelling_of(key, f) or _words_shortened(key, f) for f in _long_forms(g[0]))
                        or _country_of_body(key, g[0])):
                    g.append(key)
                    break
            else:
                groups.append([key])
        total = sum(longs.values())
        held = [sum(longs[k] for k in g) for g in groups]
        meanings = [g for g, n in zip(groups, held) if n >= max(2, ACRONYM_MEANING * total)
                    and not any(_holds(acronym, k) for k in g)]
        # the acronym joins its one meaning, not every long form defining it once: "ADB" of the
        # Asian Development Bank did not make the African one of one article that bank, nor "SEC"
        # of "Snyder Exploration Co (SEC)" the Securities and Exchange Commission, nor "EC" of "EC
        # Commission (EC)" the European Community (whose "Commission" was listed as its spelling)
        if len(meanings) == 1:
            joined = meanings[0]
        elif not meanings and held and (len(held) == 1 or held[0] > held[1]) \
                and not any(_holds(acronym, k) for k in groups[0]):
            joined = groups[0]  # defined more often by one organisation than by any other
        else:
            continue
        for key in joined:
            uf.union(("organization", acronym), ("organization", key))


_COUNTRY_SUFFIX = re.compile(r" \([^()]*\)$")  # of a country's body's key: "finance ministry (japan)"


def _country_of_body(key: str, other: str) -> bool:
    """Whether one key is a country's body and the other that body with no country told:
    "MITI" defined by "the Ministry of International Trade and Industry" of a TOKYO story and
    of a story with no dateline is one meaning."""
    a, b = _COUNTRY_SUFFIX.sub("", key), _COUNTRY_SUFFIX.sub("", other)
    return a == b and (a == key) != (b == other)


def _holds(acronym: str, key: str) -> bool:
    """Whether a long form is a name holding the acronym ("ec commission" of "EC"), not the
    acronym the equivalents file its long form under ("gatt")."""
    return key != acronym and acronym in key.split()


@lru_cache(maxsize=1)
def _EQUIVALENT_FORMS() -> dict[str, list[str]]:
    """An equivalents' key -> the spellings filed under it ("gatt" -> "general agreement on ...")."""
    out: dict[str, list[str]] = defaultdict(list)
    for spelling, key in ORG_EQUIVALENTS.items():
        out[key].append(spelling)
    return out


def _long_forms(key: str) -> list[str]:
    return [key, *_EQUIVALENT_FORMS().get(key, ())]


def _words_shortened(key: str, other: str) -> bool:
    """Whether two long forms are one name, word for word, with words cut short, misspelt or put
    in another order: "United Auto Workers" of "United Automobile Workers", "General Agreement
    on Trade and Tariffs", "Commodity Credit Corportion" (its misspelt legal form left in the
    key), "Donaldson Lufkin Jenrette". Not one word for another: the "African" Development Bank is not the "Asian" one."""
    from rapidfuzz.distance import Levenshtein

    if key == other:
        return False
    a, b = [w for w in key.split() if w not in ("and", "&")], [w for w in other.split() if w not in ("and", "&")]
    if len(a) == len(b) + 1 and len(a[-1]) >= 4 and any(Levenshtein.distance(a[-1], f) <= 2 for f in LEGAL_FORMS
                                                          if len(f) >= 4):
        a = a[:-1]
    if len(a) != len(b):
        return False
    if sorted(a) == sorted(b):
        return True
    return all(x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))
               or Levenshtein.distance(x, y) <= max(1, len(y) // 5) or (x in LEGAL_FORMS and y in LEGAL_FORMS)
               for x, y in zip(a, b))


def _spelling_of(key: str, defined: str) -> bool:
    """Whether an organisation's name key is the long form `defined` as spelled elsewhere:
    as many words, at most one edit in 15 characters (one in the OPEC typo's 45)."""
    from rapidfuzz.distance import Levenshtein

    return len(key.split()) == len(defined.split()) and Levenshtein.distance(key, defined) <= max(1, len(defined) // 15)


def _merge_full_names(uf: _UF, ctx: dict[str, set]) -> None:
    """Across articles: full names that match (names.full_name_match) with agreeing context."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in ctx:
        if " " in key:
            for b in blocking_keys(key.split()):
                blocks[b].append(key)
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        members = sorted(set(members))
        if len(members) > MAX_BLOCK:
            # Fall back to exact first names within the block: still no all-pairs blow-up.
            by_first: dict[str, list[str]] = defaultdict(list)
            for k in members:
                by_first[k.split()[0]].append(k)
            groups = [g[:MAX_BLOCK] for g in by_first.values()]
        else:
            groups = [members]
        for g in groups:
            for x in range(len(g)):
                tx = g[x].split()
                for y in range(x + 1, len(g)):
                    pair = (g[x], g[y])
                    if pair in seen:
                        continue
                    seen.add(pair)
                    if full_name_match(tx, g[y].split()) and _context_agrees(ctx, g[x], g[y]):
                        uf.union(("person", g[x]), ("person", g[y]))


# The hypocorisms English-language news uses for public figures, written by hand: the
# `nicknames` dataset (2,700 pairs) is too loose to merge people by ("patrick" - "peter",
# "bill" - "fred"). A nickname of several names ("pat": Patrick, Patricia) joins a full name
# only where one of them goes with that surname.
_HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "james": ("jim", "jimmy", "jamie"), "william": ("bill", "billy", "willie"), "robert": ("bob", "bobby"),
    "richard": ("dick", "rick"), "thomas": ("tom", "tommy"), "edward": ("ed", "ted", "teddy", "ned"),
    "joseph": ("joe",), "michael": ("mike",), "david": ("dave",), "daniel": ("dan", "danny"),
    "charles": ("chuck", "charlie"), "john": ("jack", "johnny"), "anthony": ("tony",), "peter": ("pete",),
    "ronald": ("ron", "ronnie"), "donald": ("don",), "gerald": ("jerry",), "lawrence": ("larry",),
    "laurence": ("larry",), "albert": ("al",), "alfred": ("alf",), "frederick": ("fred",), "henry": ("hank",),
    "harold": ("hal",), "kenneth": ("ken",), "stephen": ("steve",), "steven": ("steve",), "samuel": ("sam",),
    "benjamin": ("ben",), "nicholas": ("nick",), "christopher": ("chris",), "matthew": ("matt",),
    "andrew": ("andy",), "timothy": ("tim",), "gregory": ("greg",), "jeffrey": ("jeff",), "geoffrey": ("geoff",),
    "douglas": ("doug",), "raymond": ("ray",), "leonard": ("len",), "philip": ("phil",), "phillip": ("phil",),
    "patrick": ("pat",), "eugene": ("gene",), "francis": ("frank",), "walter": ("walt",), "theodore": ("ted",),
    "vincent": ("vince",), "mitchell": ("mitch",), "elizabeth": ("liz", "betty"), "margaret": ("maggie", "peggy"),
    "patricia": ("pat",), "susan": ("sue",), "deborah": ("debbie",), "jennifer": ("jenny",), "rebecca": ("becky",),
    "alexander": ("alex",), "nathaniel": ("nat",), "abraham": ("abe",), "zbigniew": ("zbig",),
}
_FORMAL: dict[str, set[str]] = defaultdict(set)
for _formal, _short in _HYPOCORISMS.items():
    for _n in _short:
        _FORMAL[_n].add(_formal)


def _merge_nicknames(uf: _UF, ctx: dict[str, set]) -> None:
    """Across articles: "Jim Wright" and "James Wright" (the House Speaker, 8 and 5 Reuters
    articles apart), "Bob Dole" and "Robert Dole": a nickname and its formal first name with
    the same surname and middle names, and agreeing context. Blocked by surname."""
    by_surname: dict[str, list[list[str]]] = defaultdict(list)
    for key in ctx:
        words = key.split()
        if len(words) >= 2:
            by_surname[words[-1]].append(words)
    for names in by_surname.values():
        formal_here = {w[0] for w in names if w[0] in _HYPOCORISMS}
        for short in names:
            meant = _FORMAL.get(short[0], set()) & formal_here
            if len(meant) != 1:  # none here, or "pat" beside both Patrick and Patricia
                continue
            for formal in names:
                if formal[0] in meant and (short[1:-1] == formal[1:-1] or not short[1:-1] or not formal[1:-1]):
                    a, b = " ".join(short), " ".join(formal)
                    if _context_agrees(ctx, a, b):
                        uf.union(("person", a), ("person", b))


def _context_agrees(ctx: dict[str, set], a: str, b: str) -> bool:
    ca, cb = ctx.get(a, set()), ctx.get(b, set())
    if not ca or not cb:
        return True
    return bool(ca & cb)


# A one-word name that is an English word ("Moon", "Kate") is no misspelt surname: "the Moon"
# in a machine-translated talk became "Big Moo" ("Moo" + -n), a book title elsewhere.
# Variant spellings of names are not words: "Keitan", "Goyta", "Diau" are 0.
WORD_ZIPF = 3.0


# A full name whose last word is this common ("oil" 5.1, "publishing" 4.4) is a company the
# NER took for a person more often than a surname ("hilton" 3.8; "smith" 4.9 is missed).
SURNAME_WORD_ZIPF = 4.0


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _attach_singles(uf: _UF, singles: dict[str, list[tuple[str, int]]], ctx: dict[str, set],
                    doc_nodes: dict[str, list], single_ctx: dict[str, tuple], df: Counter, people: Counter,
                    cased: set[str], n_docs: int) -> None:
    """Surname-only persons of articles without the full name, decided per article.

    A lone "Francis" joins the one full name with that surname ("Samuel A. Francis", a 1987
    executive) only where its article shares context with that person's articles (an
    organisation, place or person named in both; an article naming no other entity gets the
    benefit of the doubt). With several persons of that surname ("Ronald Reagan", "Nancy
    Reagan"), each that shares context is scored as naive Bayes would: the log of the
    documents naming it in full, plus each shared name's inverse document frequency ("United
    States" tells little, "Treasury" more); the best joins when it leads the next by
    SINGLE_LEAD. A spelling variant joins only when the name is no English word (WORD_ZIPF).
    A full name only ever written in capitals takes no lone surname: in a wire headline the
    NER runs a verb into the name ("SENATOR BLASTS REAGAN ON TRADE": "BLASTS REAGAN").
    Mentions left alone stay one archive-wide "Francis"."""
    by_surname: dict[str, set] = defaultdict(set)
    by_prefix: dict[str, set[str]] = defaultdict(set)
    members: dict = defaultdict(list)  # root -> its full-name keys
    for key in ctx:
        if " " in key and key in cased:
            last = key.rsplit(" ", 1)[1]
            root = uf.find(("person", key))
            by_surname[last].add(root)
            by_prefix[last[:2]].add(last)
            members[root].append(key)
    root_ctx: dict = {}

    def context_of(root) -> set:
        if root not in root_ctx:
            root_ctx[root] = set().union(*(ctx[k] for k in members[root])) - set(members[root])
        return root_ctx[root]

    def saturated(root) -> bool:
        # its context stopped growing at MAX_CONTEXT names: a name missing from it is no evidence
        # against it ("Ronald Reagan" filled his with early articles, and a lone "Reagan" sharing
        # only "Soviet Union" went to a typo's "Athough Reagan" of one article; QA), though none for it
        return any(len(ctx[k]) >= MAX_CONTEXT for k in members[root])

    def score(root, context: set) -> float:
        shared = context & context_of(root)
        if not shared and not saturated(root):
            return -math.inf
        prior = math.log(max(1, sum(people[k] for k in members[root])))
        return prior + sum(math.log((n_docs + 1) / df[k]) for k in shared)

    for key in sorted(singles):
        roots = by_surname.get(key, set())
        if not roots and _zipf(key) < WORD_ZIPF:
            cands = [s for s in by_prefix.get(key[:2], ()) if surname_variant(key, s)]
            roots = {r for s in cands for r in by_surname[s]}
        if not roots:
            continue
        ordered = sorted(roots)
        for doc_id, i in singles[key]:
            context = set(single_ctx[doc_id])
            if len(ordered) == 1:
                root = ordered[0]
                if not context or not context_of(root) or context & context_of(root):
                    doc_nodes[doc_id][i] = root
                continue
            (best, root), (second, _) = sorted(((score(r, context), r) for r in ordered), reverse=True)[:2]
            # the winner must share context: a full one only keeps a lesser candidate from winning
            if best > -math.inf and best - second >= SINGLE_LEAD and context & context_of(root):
                doc_nodes[doc_id][i] = root
    _given_names_alone(singles, doc_nodes, members, by_surname)


# A one-word name that opens this many of the archive's full names, and ends none, is a given name
# ("John" of "John Kerry" and "John Cook"): alone, where no full name took it, it names no one the
# archive can tell ("John" was a person of 10 of 500 web gold pages, "Tim", "Sally", "Katie" ...
# of 3-4). A mononym ("Suharto") opens no full name; a surname ends some.
GIVEN_NAME_MIN = 2


def _given_names_alone(singles: dict[str, list[tuple[str, int]]], doc_nodes: dict[str, list],
                       members: dict, by_surname: dict[str, set]) -> None:
    """Lone given names that no full name took get no entity (as a description gets none)."""
    opens: Counter = Counter(key.split(" ", 1)[0] for keys in members.values() for key in keys)
    for key, places in singles.items():
        if opens[key] >= GIVEN_NAME_MIN and key not in by_surname:
            for doc_id, i in places:
                if doc_nodes[doc_id][i] == ("person1", key):
                    doc_nodes[doc_id][i] = None


# Among several persons with the surname, the best score must lead the next by this much (a
# factor e in the odds): a lone "Reagan" in Reuters shares context with "Ronald Reagan" in
# most articles, and with "Nancy Reagan" or a stray "bill Reagan" in some.
SINGLE_LEAD = 1.0


@lru_cache(maxsize=500_000)  # twice a name: sorting the entities, then their ids
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _build(uf: _UF, doc_nodes: dict, doc_mt: dict, surfaces: list, shown: dict | None = None) -> Resolution:
    groups: dict = {}
    spell: dict = defaultdict(Counter)  # root -> Counter of (spelling, not_mt)
    docs_of: dict = defaultdict(set)
    spell_docs: dict = defaultdict(lambda: defaultdict(set))  # root -> spelling -> doc ids
    ntype: dict = {}
    state_of: dict = {}  # root -> the US state its abbreviations stand for ("Conn." with no "Connecticut")
    body_of: dict = defaultdict(Counter)  # root -> (body, country) of its mentions of a country's body
    equivalent: set = set()  # roots of a US body ORG_EQUIVALENTS names: "treasury department"
    # per distinct node and text, not per mention: a name recurs in many articles
    roots: dict = {}
    spellings: dict[str, str] = {}
    for doc_id, mentions in surfaces:
        nodes = doc_nodes[doc_id]
        not_mt = not doc_mt[doc_id]
        for m, n in zip(mentions, nodes):
            if n is None:
                continue
            r = roots.get(n)
            if r is None:
                r = roots[n] = uf.find(n)
                groups.setdefault(r, None)
            ntype[r] = "person" if n[0] in ("person", "person1") else n[0]
            text = m["text"]
            spelling = spellings.get(text)
            if spelling is None:
                spelling = spellings[text] = " ".join(text.split())
            spell[r][(spelling, not_mt)] += 1
            spell_docs[r][spelling].add(doc_id)
            docs_of[r].add(doc_id)
            if m.get("base") in STATE_NAMES:
                state_of[r] = m["base"]
            if m.get("country") and m.get("body"):
                if n[1].endswith(")"):
                    body_of[r][(m["body"], m["country"])] += 1
                else:
                    equivalent.add(r)
    countries = _COUNTRIES()
    # each word opening a person's name of several words -> how many persons' (_fuller)
    openers = Counter(w for r in groups if ntype[r] == "person"
                      for w in {sp.split()[0] for sp, _ in spell[r] if " " in sp})
    items = []
    for r in groups:
        t = ntype[r]
        counts: Counter = Counter()
        native: Counter = Counter()
        for (s, not_mt), c in spell[r].items():
            counts[s] += c
            if not_mt:
                native[s] += c
        spread = Counter({sp: len(ds) for sp, ds in spell_docs[r].items()})
        # the name the previous generation showed for most of these mentions
        before = Counter()
        for sp, c in counts.items():
            if shown and (t, sp) in shown:
                before[shown[(t, sp)]] += c
        name = state_of.get(r) if t == "location" and r in state_of else None
        shown_before = before.most_common(1)[0][0] if before else None
        shown_from = counts, native
        if r in body_of or r in equivalent:
            name, shown_from = _national_display(body_of.get(r), counts, native, spread, shown_before)
        name = name or _display(t, *shown_from, countries, spread, shown_before, openers)
        aliases = [s for s, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        items.append((r, t, name, aliases, len(docs_of[r])))
    items.sort(key=lambda it: (it[1], -it[4], _slug(it[2]), str(it[0])))
    items = _distinct_names(items)
    entities: list[Entity] = []
    index: dict = {}
    used: Counter = Counter()
    for r, t, name, aliases, ndocs in items:
        base = f"{PREFIX[t]}:{_slug(name)}"
        used[base] += 1
        eid = base if used[base] == 1 else f"{base}-{used[base]}"
        index[r] = len(entities)
        entities.append(Entity(eid, name, t, aliases, ndocs))
    out_docs = {
        doc_id: [index[roots[n]] if n is not None else -1 for n in doc_nodes[doc_id]] for doc_id, _ in surfaces
    }
    return Resolution(entities, out_docs)


def _national_display(bodies: Counter | None, counts: Counter, native: Counter, spread: Counter,
                      before: str | None) -> tuple[str | None, tuple[Counter, Counter]]:
    """A country's body shows its country: "Reserve Bank of Australia" where an article names it
    so, else "Finance Ministry (Japan)" (`bodies`: its mentions' body and country). One the
    equivalents name (no `bodies`: "treasury department") is shown by its spellings that name
    the country, not "Treasury". Returns the name, or None and the spelling and native counts
    for _display to choose from (without the bare spellings)."""
    named = Counter({s: c for s, c in counts.items() if national_body(s) is None})
    if not bodies:  # a US body ORG_EQUIVALENTS names: "U.S. Treasury", "Treasury Department"
        return None, ((named, Counter({s: c for s, c in native.items() if s in named})) if named else (counts, native))
    (body, country), _ = bodies.most_common(1)[0]
    of_forms = [s for s in named if names_country_after(s)]
    if of_forms:
        return max(of_forms, key=lambda s: (spread[s], counts[s], s)), (counts, native)
    # the body as articles write it ("Ministry of International Trade and Industry", not the key's
    # word order), the one shown until now while it is in half as many articles as the best
    bare = [s for s in counts if s not in named]  # none: "Brazilian Central Bank" alone
    # as often "Communist party" as "Communist Party": the name in capitals
    best = max(bare, key=lambda s: (spread[s], counts[s], _capitalised(s), s)) if bare else body
    if before and before.endswith(f" ({country})") and (kept := before[:-len(country) - 3]) in bare \
            and 2 * spread[kept] >= spread[best]:
        best = kept
    return f"{best} ({country})", (counts, native)


def _given(word: str) -> bool:
    """Whether a word of a person's name may be a given name: no particle ("De" of "De Croo" is as
    frequent in every language as "Herman"), no initial."""
    return len(word.rstrip(".")) > 1 and word.lower() not in _PARTICLES and _given_name(word)


def _fuller(longer: str, name: str, openers: Counter) -> bool:
    """Whether `longer`, a spelling of a person that ends with his `name`, names more of him: the
    surname's spelling "De Croo" lacks "Herman"; a name that opens with a given name lacks only more
    given names or initials ("Ross Perot" of "H. Ross Perot", "Ann Smith" of "Mary Ann Smith"). Other
    words before it are another name the NER ran into his: "KNU named after Shevchenko Alexander
    Mishin", a translation's university named for Taras Shevchenko, was shown for Alexander Mishin,
    whose article also writes him "Alexander Mishin"; "Texan H. Ross Perot" for Ross Perot. The name
    opens with a given name by its frequencies (_given) and as the names of other persons of the
    archive open (`openers`: "Alexander Haig"), for many a surname is as frequent in every language:
    "Arturo Hernandez Grisanti" is not "Hernandez Grisanti" with "Arturo" run into it."""
    words = name.split()
    if len(words) < 2 or openers[words[0]] < 2 or not _given(words[0]):
        return True  # a surname ("Chapman" of "Alger Chapman", "De Croo")
    return all(_INITIALS.fullmatch(w) or _given(w) for w in longer[:-len(name)].split())


def _capitalised(name: str) -> bool:
    """Whether each word of a name but "of", "the" and "and" opens with a capital."""
    return all(w[:1].isupper() for w in name.split() if w not in ("of", "the", "and"))


def _distinct_names(items: list[tuple]) -> list[tuple]:
    """Two entities of a type the resolver kept apart show two names. Facets and filters go
    by name, so "Southern" (Southern Co) and another "Southern" were one facet value, and the
    filter maker "Donaldson" was counted with DLJ's "Donaldson" (QA). Of entities sharing a
    name, one keeps it (the first in `items` that has no other spelling, else the first); the
    others take their most frequent spelling that names no other entity, where they have one."""
    shown = Counter((t, name) for _, t, name, _, _ in items)
    free = [[a for a in aliases if a != name and (t, a) not in shown] if shown[(t, name)] > 1 else []
            for _, t, name, aliases, _ in items]
    keeper: dict[tuple[str, str], int] = {}
    for i, (_, t, name, _, _) in enumerate(items):
        if shown[(t, name)] > 1 and ((t, name) not in keeper or (free[keeper[(t, name)]] and not free[i])):
            keeper[(t, name)] = i
    out = []
    taken: set[tuple[str, str]] = set()
    for i, (r, t, name, aliases, ndocs) in enumerate(items):
        if keeper.get((t, name), i) != i:
            name = next((a for a in free[i] if (t, a) not in taken), name)
            taken.add((t, name))
        out.append((r, t, name, aliases, ndocs))
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The 20,000 commonest English words (wordfreq: Zipf 3.25 and up, "petroleum" 3.9)."""
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 20_000))


@lru_cache(maxsize=20_000)
def misspelt(word: str) -> bool:
    """A typo of a common English word: no word itself (wordfreq), one edit from one of the
    commonest (_common_words), five letters long at least. Reuters wrote "Organiaation of
    Petroleum Exporting Countries (OPEC)" once: in a part of the archive without OPEC's other
    long forms, that typo was its shown name. Asked of organisations only: a person's or a
    place's name is often no English word at all ("Goyta" is one edit from "gotta")."""
    from wordfreq import zipf_frequency

    w = word.lower()
    if len(w) < 5 or not w.isalpha() or not w.isascii() or zipf_frequency(w, "en") > 0:
        return False
    # The word's one-edit neighbours (deletions, transpositions, substitutions, insertions:
    # rapidfuzz's OSA distance 1) looked up in the set, by hand: about 0.07 ms a word, where
    # rapidfuzz over the 20,000 words (query._within's way) took 0.7 ms (10 words, one run)
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    near = {a + b[1:] for a, b in splits if b}
    near |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    near |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    near |= {a + c + b for a, b in splits for c in _LETTERS}
    return not _common_words().isdisjoint(near - {w})


_MC = re.compile(r"\bMc([a-z])")


def _place_case(caps: str) -> str:
    """A place name in capitals as running text writes it: "NORTHBROOK" Northbrook, "MCLEAN"
    McLean, "O'FALLON" O'Fallon, "WINSTON-SALEM" Winston-Salem."""
    return _MC.sub(lambda m: "Mc" + m.group(1).upper(), caps.title())


def _display(t: str, counts: Counter, native: Counter, countries: dict[str, str], spread: Counter,
             before: str | None = None, openers: Counter | None = None) -> str:
    """Most complete, most frequent spelling, counting articles not machine-translated first;
    an organisation's spelling with a typo of an English word (`misspelt`) only when no other.

    Frequency is counted in articles before mentions: a translation's variant spelling
    tends to repeat inside its one article ("Malik Diau" twice in one reprint), while the
    standard spelling recurs across independent articles ("Malick Diaw" in two).
    `before`, the name shown until now, stays while it is a spelling of the entity that is
    as complete, as little a headline's capitals, in as many articles not machine-translated,
    and in at least half as many articles as the best, and no typo: one more reprint spelling
    "Assimi Goyta" does not rename him. `openers`: how many persons' names each word opens (_fuller)."""
    openers = openers or Counter()
    if t == "location":
        for s, _ in counts.most_common():
            c = countries.get(name_key(s))
            if c:
                return c
        # a US state abbreviated ("Calif.", filed under the state by its base) shows in full
        for s, _ in counts.most_common():
            if s in STATE_NAMES:
                return s
        # only a dateline's capitals ("ABUJA"): the place as it is written in running text
        if all(s.isupper() for s in counts):
            for s, _ in counts.most_common():
                if len(s) > 3 and s in _KNOWN_BY_CAPS():
                    return _KNOWN_BY_CAPS()[s]
            # one we do not know, in title case: a dateline names a place, and 153 places of
            # 2,500 Reuters stories were shown in capitals (MCLEAN, NORTHBROOK; helper review)
            best = counts.most_common(1)[0][0]
            if len(best) > 3 and not any(c.isdigit() for c in best):
                return _place_case(best)

    def acronym(s: str) -> bool:
        # "Sipri" spells "Stockholm International Peace Research Institute" like "SIPRI" does;
        # "S and P" (wire copy's S&P) is initials too, not the name
        return (_is_acronym(s) or _INITIALS_JOINED.fullmatch(s) is not None
                or (" " not in s and any(" " in o and acronym_suffix(s, o) == 0 for o in counts)))

    def short_name(s: str) -> bool:
        # "Moody", "Salomon": a company's one-word name beside its full name (_short_names), or
        # its opening words ("Columbia Gas", _opening_words);
        # "Poor's Corp": the end of "Standard and Poor's Corp.", where the NER split at "and"
        # (not any end: "European Community" is no short name of "Japan- European Community")
        if t != "organization":
            return False
        bare = s.rstrip(".")
        for o in counts:
            if o == s:
                continue
            if o.startswith((s + "'s", s + "’s")) and not ends_in_legal_form(s):
                return True  # "Standard and Poor" of "Standard and Poor's": a possessive trimmed
            if " " not in s and o.startswith(s + "-"):
                return True  # "Daimler" of "Daimler-Benz AG"
            if " " not in s and o.startswith(s) and o[len(s):len(s) + 1].isalpha():
                return True  # "Fed" of "Federal Reserve": a word cut short
            if s.lower() in HEAD_NOUNS and " " in o and s in o.split():
                return True  # "Bank" of "Central Bank" (_head_nouns)
            if (o.startswith(s + " ") or (" " not in s and o.lower().startswith(s.lower() + " "))) \
                    and (" " not in s or _company(o)):  # and "Columbia Gas" of "Columbia Gas System Inc",
                rest = o[len(s):].split()               # "Desoto" of "DeSoto Inc"
                if any(w.strip(".,").lower() not in FORM_WORDS for w in rest):  # not "Wagner group"
                    return True
            elif o.rstrip(".").endswith((" and " + bare, " & " + bare)):
                return True
        return False

    def score(s: str):
        words = s.split()
        # a person's name of two words is complete unless it ends another spelling that half as
        # many articles give: "De Croo" of "Herman De Croo", "La Roche" of "David F. La Roche"
        # (entity review: nine shown so), not "Ross Perot" of one article's "Texan H. Ross Perot"
        # nor one that is another spelling, given in half as many articles at least, with a word run into it
        # ("Shevchenko Alexander Mishin", _fuller): "Jose Maria Aznar" of 6 articles is no "Maria Aznar" of one
        complete = (len(words) >= 2 and not any(2 * spread[o] >= spread[s] and (
                        o.endswith(" " + s) and _fuller(o, s, openers) or s.endswith(" " + o) and not _fuller(s, o, openers))
                        for o in counts)
                    if t == "person" else (not acronym(s) and not short_name(s)) or len(counts) == 1)
        # "Siemens AG's": a company's possessive (its mention kept the "'s"), beside "Siemens AG"
        complete = complete and not (t == "organization" and s.endswith(("'s", "’s")) and ends_in_legal_form(s)
                                     and len(counts) > 1)
        # a name of words all in capitals is a headline's styling, not its spelling ("DIAMOND
        # SHAMROCK" of a wire's headlines beside "Diamond Shamrock Corp"); an acronym is one word
        headline = s.isupper() and " " in s
        return (complete, not headline, native[s], spread[s], counts[s], not s.isupper(), -len(s), s)

    def typo(s: str) -> bool:
        # asked only of a name about to be shown, of an organisation with other spellings:
        # a word not in wordfreq costs ~700 lookups, which for every spelling doubled the
        # time of resolving 2,500 Reuters articles
        return t == "organization" and len(counts) > 1 and any(misspelt(w) for w in s.split())

    best = max(counts, key=score)
    if typo(best):
        best = max((s for s in counts if not typo(s)), key=score, default=best)
    if before is not None and before != best and before in counts:
        kept, lead = score(before), score(best)
        if kept[:3] >= lead[:3] and 2 * spread[before] >= spread[best] and not typo(before):
            return before
    return best

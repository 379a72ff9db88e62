"""The words "did you mean" suggests from: each searchable field's unstemmed vocabulary.

Whoosh can keep these itself (`TEXT(spelling=True)`): for every document it adds one
posting per distinct word to a hidden `spell_<field>` field, which its writer then sorts
and merges like real postings. Measured on 2,000 Reuters articles that was 60% of the
CPU of writing the index (2.8 ms an article against 1.1 ms without it), for what is only
a set of words. So the index is built without it, and the indexer collects the same
words (`spellable_words`: the field analyzer's tokens, lower-cased, stop words and
words shorter than the stop filter's minimum dropped, accents folded, not stemmed, as
Whoosh's `spellable_words`, less Chinese and Japanese clauses) into one sorted list per
field, saved with the generation as `spelling.json`. A reindex adds the new documents'
words to the previous generation's list; like Whoosh's spelling field, a removed
document's words stay until a full rebuild. Stdlib JSON and `bisect` suffice: the
lists are read once per generation, then every lookup is a prefix range.
"""
from __future__ import annotations

import json
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import CharsetFilter, RegexTokenizer, StopFilter

from .cjk import has_cjk
from .schema import ACRONYM_STOPS, SEARCH_FIELDS, build_schema

FILE = "spelling.json"


@lru_cache(maxsize=1)
def _analysis():
    """The text fields' tokenizer pattern, stop list and minimum length, from the schema
    itself, so the words here are the ones the analyzer produces."""
    items = build_schema()["text"].analyzer.items
    tokenizer = next(i for i in items if isinstance(i, RegexTokenizer))
    stop = next(i for i in items if isinstance(i, StopFilter))
    charset = next((i.charmap for i in items if isinstance(i, CharsetFilter)), None)
    return tokenizer.expression, frozenset(stop.stops), stop.min, charset, tokenizer, stop


def spellable_words(text: str) -> set[str]:
    """The distinct unstemmed words of `text` that Whoosh would offer as suggestions."""
    expression, stops, minsize, charset, tokenizer, stop = _analysis()
    found = {m.group() for m in expression.finditer(text)}
    acronyms = found & ACRONYM_STOPS  # kept in capitals, as the analyzer keeps them
    if acronyms:  # but not in text all in capitals ("BANK SAYS IT WILL"): the stop filter decides
        acronyms = {t.text for t in stop(tokenizer(text)) if t.text in ACRONYM_STOPS}
    words = {w.lower() for w in found - acronyms}
    # Chinese and Japanese runs are whole clauses, indexed in pieces (schema.CJKBigramFilter):
    # no word to suggest, and they would swell the list
    words = {w for w in words if len(w) >= minsize and w not in stops and (w.isascii() or not has_cjk(w))}
    return ({w.translate(charset) for w in words} if charset else words) | acronyms


class Collector:
    """Words per search field: those of `previous` (the live generation's), plus those of
    the documents written now."""

    def __init__(self, previous: "Vocabulary | None" = None) -> None:
        self.words: dict[str, set[str]] = {
            f: set(previous.words.get(f, ())) if previous is not None else set() for f in SEARCH_FIELDS
        }

    def add(self, fields: dict) -> None:
        for f in SEARCH_FIELDS:
            value = fields.get(f)
            if value:
                self.words[f] |= spellable_words(value)

    def save(self, gen: Path) -> None:
        """Write `gen`/spelling.json (an unpublished generation: no reader sees it half-written)."""
        out = {f: sorted(words) for f, words in self.words.items()}
        (gen / FILE).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


class Vocabulary:
    """One generation's sorted word lists, for prefix lookups."""

    def __init__(self, words: dict[str, list[str]]):
        self.words = words

    @classmethod
    def load(cls, gen: Path) -> "Vocabulary | None":
        """None for an index written before the vocabulary existed (it keeps Whoosh's own)."""
        try:
            return cls(json.loads((gen / FILE).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None

    def with_prefix(self, field: str, prefix: str) -> list[str]:
        words = self.words.get(field, [])
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix + "\U0010ffff") if prefix else len(words)
        return words[lo:hi]

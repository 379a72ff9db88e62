"""The words "did you mean" suggests from: each searchable field's unstemmed vocabulary.

Whoosh can keep these itself (`TEXT(spelling=True)`): for every document it adds one
posting per distinct word to a hidden `spell_<field>` field, which its writer then sorts
and merges like real postings. Measured on 2,000 Reuters articles that was 60% of the
CPU of writing the index (2.8 ms an article against 1.1 ms without it), for what is only
a set of words. So the index is built without it, and the indexer collects the same
words (`spellable_words`: the field analyzer's tokens, lower-cased, stop words and
words shorter than the stop filter's minimum dropped, accents folded, not stemmed, as
Whoosh's `spellable_words`, less Chinese and Japanese clauses) into one sorted list per
field, saved with the generation as `spelling.json`, each word with the number of
documents holding it (as Whoosh's spelling field has one posting per document and word):
"did you mean" breaks a tie in edit distance by it ("putin" before "puts", whose indexed
term "put" is in more documents). A reindex takes the previous generation's counts, adds
the written documents' words and takes away those of the documents it deletes or
replaces; a word in no document leaves the list. An older file without counts is taken
again from the stored documents by the next run. Stdlib JSON and `bisect` suffice: the
lists are read once per generation, then every lookup is a prefix range.
"""
from __future__ import annotations

import json
from bisect import bisect_left
from collections import Counter
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
    found = set(expression.findall(text))  # the pattern has no groups: findall gives whole matches
    acronyms = found & ACRONYM_STOPS  # kept in capitals, as the analyzer keeps them
    if acronyms:  # but not in text all in capitals ("BANK SAYS IT WILL"): the stop filter decides
        acronyms = {t.text for t in stop(tokenizer(text)) if t.text in ACRONYM_STOPS}
    words = {w.lower() for w in found - acronyms}
    # Chinese and Japanese runs are whole clauses, indexed in pieces (schema.CJKBigramFilter):
    # no word to suggest, and they would swell the list
    words = {w for w in words if len(w) >= minsize and w not in stops and (w.isascii() or not has_cjk(w))}
    if charset:  # the fold map changes no lower-case ASCII letter (only capitals, other letters, ","):
        # such a word, most of an English text's, is not translated (a quarter of this function's time)
        words = {w if w.isascii() and "," not in w else w.translate(charset) for w in words}
    return words | acronyms


class Collector:
    """Words per search field, each with the number of documents holding it: those of
    `previous` (the live generation's), plus the documents written now, less those this run
    deletes or replaces (`remove`, with the fields the index stored for them)."""

    def __init__(self, previous: "Vocabulary | None" = None) -> None:
        if previous is not None and previous.docs is None:
            raise ValueError("the previous vocabulary keeps no document counts: collect the stored documents instead")
        self.docs: dict[str, Counter] = {
            f: Counter(dict(zip(previous.words.get(f, ()), previous.docs.get(f, ())))) if previous is not None else Counter()
            for f in SEARCH_FIELDS
        }

    def add(self, fields: dict) -> None:
        for f in SEARCH_FIELDS:
            value = fields.get(f)
            if value:
                self.docs[f].update(spellable_words(value))

    def remove(self, fields: dict) -> None:
        for f in SEARCH_FIELDS:
            value = fields.get(f)
            if value:
                counts = self.docs[f]
                for w in spellable_words(value):
                    if counts[w] <= 1:
                        counts.pop(w, None)  # in no document now: no longer a suggestion
                    else:
                        counts[w] -= 1

    def save(self, gen: Path) -> None:
        """Write `gen`/spelling.json (an unpublished generation: no reader sees it half-written)."""
        words = {f: sorted(counts) for f, counts in self.docs.items()}
        out = {"words": words, "docs": {f: [self.docs[f][w] for w in ws] for f, ws in words.items()}}
        (gen / FILE).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


class Vocabulary:
    """One generation's sorted word lists, for prefix lookups, with the number of documents
    holding each word (`docs`: None in a file written before the counts were kept)."""

    def __init__(self, words: dict[str, list[str]], docs: dict[str, list[int]] | None = None):
        self.words = words
        self.docs = docs

    @classmethod
    def load(cls, gen: Path) -> "Vocabulary | None":
        """None for an index written before the vocabulary existed (it keeps Whoosh's own)."""
        try:
            data = json.loads((gen / FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (ValueError, OSError) as exc:
            data = exc
        if not isinstance(data, dict):  # a damaged file: an unreadable index (exit 3), not an internal error
            from .store import IndexUnreadable

            fix = "`newsarchive reindex` rebuilds the index from its sources"
            raise IndexUnreadable(f"{gen / FILE} is damaged: {fix}", fix=fix)
        if set(data) == {"words", "docs"}:
            return cls(data["words"], data["docs"])
        return cls(data)  # {field: [words]}: the words alone

    def with_prefix(self, field: str, prefix: str) -> list[str]:
        words = self.words.get(field, [])
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix + "\U0010ffff") if prefix else len(words)
        return words[lo:hi]

    def _find(self, field: str, word: str) -> int | None:
        words = self.words.get(field, [])
        i = bisect_left(words, word)
        return i if i < len(words) and words[i] == word else None

    def has(self, field: str, word: str) -> bool:
        return self._find(field, word) is not None

    def doc_count(self, field: str, word: str) -> int | None:
        """How many documents hold `word` in `field` (None: the file keeps no counts)."""
        if self.docs is None:
            return None
        i = self._find(field, word)
        return 0 if i is None else self.docs[field][i]

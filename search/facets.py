"""Exact facet counts over every matching document.

Whoosh's own faceting (`groupedby` with `allow_overlap=True`) rebuilds each document's
value list per search and scores every match (585 ms p95 at 95k articles, see
NOTES.md). Instead, for each facet field we flatten the postings once per index
generation into two parallel arrays, `doc[i]` and `term[i]`; counting a query is then
one boolean gather and one `np.bincount` over the matched documents.
The arrays are saved beside the generation (`facets.npz`) when it is written, so a
server opening a new generation only loads them.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .schema import FACETS

FILE = "facets.npz"


class FacetTable:
    def __init__(self, values: dict[str, list[str]], docs: dict[str, np.ndarray], terms: dict[str, np.ndarray], doc_count: int):
        self.values = values
        self.docs = docs
        self.terms = terms
        self.doc_count = doc_count

    @classmethod
    def build(cls, reader, fields=FACETS) -> "FacetTable":
        values: dict[str, list[str]] = {}
        docs: dict[str, np.ndarray] = {}
        terms: dict[str, np.ndarray] = {}
        for field in fields:
            vals: list[str] = []
            doc_parts: list[np.ndarray] = []
            term_parts: list[np.ndarray] = []
            if field in reader.indexed_field_names():
                for i, term in enumerate(reader.lexicon(field)):
                    ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int32)
                    vals.append(term.decode("utf-8"))
                    doc_parts.append(ids)
                    term_parts.append(np.full(len(ids), i, dtype=np.int32))
            values[field] = vals
            docs[field] = np.concatenate(doc_parts) if doc_parts else np.zeros(0, np.int32)
            terms[field] = np.concatenate(term_parts) if term_parts else np.zeros(0, np.int32)
        return cls(values, docs, terms, reader.doc_count_all())

    def save(self, gen_dir: Path) -> None:
        arrays = {}
        for f in self.values:
            arrays[f"{f}.docs"] = self.docs[f]
            arrays[f"{f}.terms"] = self.terms[f]
            arrays[f"{f}.values"] = np.array(self.values[f], dtype=object)
        arrays["doc_count"] = np.array([self.doc_count])
        tmp = gen_dir / (FILE + ".tmp.npz")
        np.savez(tmp, **arrays)
        tmp.replace(gen_dir / FILE)

    @classmethod
    def load(cls, gen_dir: Path) -> "FacetTable | None":
        try:
            z = np.load(gen_dir / FILE, allow_pickle=True)
        except (FileNotFoundError, OSError, ValueError):
            return None
        fields = sorted({k.rsplit(".", 1)[0] for k in z.files if "." in k})
        return cls(
            {f: list(z[f"{f}.values"]) for f in fields},
            {f: z[f"{f}.docs"] for f in fields},
            {f: z[f"{f}.terms"] for f in fields},
            int(z["doc_count"][0]),
        )

    def count(self, field: str, mask: np.ndarray, limit: int | None = None) -> list[dict]:
        """Counts of `field` values over the documents where `mask` is True, largest first."""
        if field not in self.values or not self.values[field]:
            return []
        sel = mask[self.docs[field]]
        counts = np.bincount(self.terms[field][sel], minlength=len(self.values[field]))
        nz = np.nonzero(counts)[0]
        # largest count first, then value order (the lexicon is sorted) for ties
        order = nz[np.lexsort((nz, -counts[nz]))]
        if limit is not None:
            order = order[:limit]
        vals = self.values[field]
        return [{"value": vals[i], "count": int(counts[i])} for i in order]


def docmask(docnums, doc_count: int) -> np.ndarray:
    mask = np.zeros(doc_count, dtype=bool)
    if isinstance(docnums, np.ndarray):
        mask[docnums] = True
    else:
        ids = np.fromiter(docnums, dtype=np.int64)
        if len(ids):
            mask[ids] = True
    return mask


# ------------------------------------------------------------ matching documents
# Counting needs every matching document, not only the page shown. Whoosh's
# `docs_for_query` walks its matchers one posting at a time in Python; for the query
# shapes people type (words, AND/OR of words, filters on facet terms) the same set comes
# straight from the posting blocks: each block's document numbers are decoded as a
# whole (128 at a time) and the sets are combined with NumPy. Any other node (phrases,
# wildcards, ranges, NOT) is evaluated by Whoosh itself and joins the same arithmetic.
# Deleted documents are removed at the end with the live mask.

def _leaf_ids(matcher) -> np.ndarray | None:
    """All document numbers of a raw W3 posting list, block by block; None if not one."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    if not isinstance(matcher, W3LeafMatcher):
        return None
    parts = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids = matcher._ids
        parts.append(np.asarray(ids[matcher._i:] if matcher._i else ids, dtype=np.int64))
        matcher._next_block()
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


class TermCache:
    """Document numbers of recently used terms, per generation, bounded in size.

    Reading a frequent term's whole posting list means unpickling every block (ids,
    weights and positions together): about 0.3 ms a block, so a word in half of 100k
    articles costs tens of milliseconds each time. A server keeps the arrays of the
    terms it saw last (as tantivy or SQLite keep hot pages), deleted documents
    included (the live mask removes them), so the generation's arrays never go stale.
    """

    def __init__(self, max_ids: int = 16_000_000):  # 64 MB of int32
        import threading
        from collections import OrderedDict

        self.max_ids = max_ids
        self.size = 0
        self._d: "OrderedDict[tuple, np.ndarray]" = OrderedDict()
        self._lock = threading.Lock()  # the web app's threads share a generation

    def get(self, key):
        with self._lock:
            arr = self._d.get(key)
            if arr is not None:
                self._d.move_to_end(key)
            return arr

    def put(self, key, arr: np.ndarray) -> None:
        with self._lock:
            if len(arr) > self.max_ids // 4 or key in self._d:
                return
            self._d[key] = arr
            self.size += len(arr)
            while self.size > self.max_ids:
                _, old = self._d.popitem(last=False)
                self.size -= len(old)


def _raw_postings(reader, fieldname: str, btext: bytes):
    """The segment's posting matcher without the deleted-documents filter."""
    from whoosh.matching.wrappers import FilterMatcher

    m = reader.postings(fieldname, btext)
    while type(m) is FilterMatcher:
        m = m.child
    return m


def _term_ids(searcher, fieldname: str, text, cache: "TermCache | None" = None) -> np.ndarray:
    schema = searcher.schema
    btext = schema[fieldname].to_bytes(text) if fieldname in schema else text
    if cache is not None:
        hit = cache.get((fieldname, btext))
        if hit is not None:
            return hit
    out = []
    for sub, offset in searcher.subsearchers or [(searcher, 0)]:
        reader = sub.reader()
        if (fieldname, btext) not in reader:
            continue
        ids = _leaf_ids(_raw_postings(reader, fieldname, btext))
        if ids is None:  # another codec: the generic way
            ids = np.fromiter(reader.postings(fieldname, btext).all_ids(), dtype=np.int64)
        out.append(ids + offset if offset else ids)
    if not out:
        arr = np.zeros(0, np.int32)
    else:
        arr = (out[0] if len(out) == 1 else np.concatenate(out)).astype(np.int32)
    if cache is not None:
        cache.put((fieldname, btext), arr)
    return arr


def match_docnums(searcher, q, doc_count: int, generic, cache: "TermCache | None" = None) -> np.ndarray:
    """Boolean mask over `doc_count` documents of the matches of Whoosh query `q`, deleted
    documents included (the caller ands it with the live mask).

    `generic(node)` returns an iterable of docnums for nodes evaluated by Whoosh.
    """
    from whoosh import query as Q

    def ids(node) -> np.ndarray:
        if type(node) is Q.Term:
            return _term_ids(searcher, node.fieldname, node.text, cache)
        if isinstance(node, Q.Every) and not node.fieldname:
            return np.arange(doc_count, dtype=np.int32)
        if type(node) is Q.And and node.subqueries:  # not Ordered, a subclass
            parts = sorted((ids(s) for s in node.subqueries), key=len)
            acc = parts[0]
            for p in parts[1:]:
                if not len(acc):
                    break
                acc = np.intersect1d(acc, p, assume_unique=True)
            return acc
        if type(node) in (Q.Or, Q.DisjunctionMax) and node.subqueries and not getattr(node, "minmatch", 0):
            parts = [ids(s) for s in node.subqueries]
            return np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        if type(node) is Q.AndNot:
            return np.setdiff1d(ids(node.a), ids(node.b), assume_unique=True)
        if isinstance(node, Q.NullQuery.__class__):
            return np.zeros(0, np.int32)
        return np.fromiter(generic(node), dtype=np.int32)

    mask = np.zeros(doc_count, dtype=bool)
    found = ids(q)
    if len(found):
        mask[found] = True
    return mask

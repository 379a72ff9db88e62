"""Exact facet counts over every matching document.

Whoosh's own faceting (`groupedby` with `allow_overlap=True`) rebuilds each document's
value list per search and scores every match (585 ms p95 at 95k articles, see
NOTES.md). Instead, for each facet field we flatten the postings once per index
generation into two parallel arrays, `doc[i]` and `term[i]`; counting a query is then
one boolean gather and one `np.bincount` over the matched documents.
The arrays are saved beside the generation (`facets.npz`) when it is written, so a
server opening a new generation only loads them.

That column pass costs the same for 10 matches as for 90,000: it reads every posting of
the facet (263k for `organization` at 95k articles). For a small match set the table
also keeps, per field, the same pairs ordered by document (a CSR layout, built on first
use): the matched documents' values are gathered directly and counted with `np.unique`,
at a cost that follows the matches. Both give the same counts in the same order (tests).
"""
from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

import numpy as np

from .schema import FACETS, SEP

FILE = "facets.npz"
# The by-document pass when fewer than 1 in SPARSE documents match. Measured at 95k
# articles (bench/facet_paths.py, all 7 facets): 0.1x the column pass's time at 12
# matches, 0.3x at 1k, 0.9x at 12k, even near 19k (1 in 5).
SPARSE = 5

# The translation detector's labels, likeliest first: the `translated` facet's own order
TRANSLATION_LABELS = ("likely", "possible", "unlikely")


class FacetTable:
    def __init__(self, values: dict[str, list[str]], docs: dict[str, np.ndarray], terms: dict[str, np.ndarray], doc_count: int):
        self.values = values
        self.docs = docs
        self.terms = terms
        self.doc_count = doc_count
        self._arrays: dict[str, np.ndarray] = {}  # values as object arrays, for fancy indexing
        self._by_doc: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # field -> (indptr, terms by document)
        # field -> each value's id (aligned with values[field]), reported beside its count: the
        # query layer sets the entity facets' ids (search.query._entity_id_arrays)
        self.ids: dict[str, np.ndarray] = {}

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
                for term in reader.lexicon(field):
                    ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int32)
                    if not len(ids):
                        # only deleted documents had it: Whoosh keeps a term in the lexicon until
                        # its segment is merged, and the value of an article changed by a reindex
                        # ("Quxley Resources") was "some article's" for filters and their hints
                        continue
                    doc_parts.append(ids)
                    term_parts.append(np.full(len(ids), len(vals), dtype=np.int32))
                    vals.append(term.decode("utf-8"))
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
    def load(cls, gen_dir: Path, strict: bool = False) -> "FacetTable | None":
        """None when the generation has no table (then it is built from the index); a table
        that cannot be read raises when `strict`, else is None too."""
        try:
            z = np.load(gen_dir / FILE, allow_pickle=True)
            fields = sorted({k.rsplit(".", 1)[0] for k in z.files if "." in k})
            return cls(
                {f: list(z[f"{f}.values"]) for f in fields},
                {f: z[f"{f}.docs"] for f in fields},
                {f: z[f"{f}.terms"] for f in fields},
                int(z["doc_count"][0]),
            )
        except FileNotFoundError:
            return None
        except Exception:
            if strict:
                raise
            return None

    def count(self, field: str, mask: np.ndarray, limit: int | None = None,
              docnums: np.ndarray | None = None, method: str = "auto") -> list[dict]:
        """Counts of `field` values over the documents where `mask` is True, largest first.

        `docnums` (the mask's documents, ascending) lets several facets share one listing;
        `method` ("columns", "documents") forces a pass, for tests and benchmarks."""
        if field not in self.values or not self.values[field]:
            return []
        if method == "auto":
            matched = int(np.count_nonzero(mask)) if docnums is None else len(docnums)
            method = "documents" if matched * SPARSE < self.doc_count else "columns"
        if method == "documents":
            if docnums is None:
                docnums = np.flatnonzero(mask)
            ids, found = self._count_documents(field, docnums)
        else:
            counts = np.bincount(self.terms[field][mask[self.docs[field]]], minlength=len(self.values[field]))
            ids = np.nonzero(counts)[0]
            found = counts[ids]
        order = _listing_order(field, self._value_array(field)[ids], ids, found)
        if limit is not None:
            order = order[:limit]
        vals = self._value_array(field)[ids[order]].tolist()
        if field in self.ids:  # one array lookup: a second pass over 30,000 values took 5 ms a search
            return [{"value": v, "count": c, "id": i}
                    for v, c, i in zip(vals, found[order].tolist(), self.ids[field][ids[order]].tolist())]
        return [{"value": v, "count": c} for v, c in zip(vals, found[order].tolist())]

    def count_all(self, fields, mask: np.ndarray, limit: int | None = None) -> dict[str, list[dict]]:
        """`count` for several facets over one match set: the pass chosen and the matched
        documents listed once for all of them."""
        if not fields:
            return {}
        if np.count_nonzero(mask) * SPARSE < self.doc_count:
            docnums = np.flatnonzero(mask)
            return {f: self.count(f, mask, limit, docnums, "documents") for f in fields}
        return {f: self.count(f, mask, limit, method="columns") for f in fields}

    def _count_documents(self, field: str, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(value ids ascending, their counts) over `docnums`, from the by-document layout."""
        indptr, terms = self._documents(field)
        starts = indptr[docnums]
        lens = indptr[docnums + 1] - starts
        total = int(lens.sum())
        if not total:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        # the concatenated ranges starts[i]:starts[i]+lens[i], without a Python loop
        offsets = np.arange(total) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
        return np.unique(terms[offsets], return_counts=True)

    def _documents(self, field: str) -> tuple[np.ndarray, np.ndarray]:
        layout = self._by_doc.get(field)
        if layout is None:
            docs = self.docs[field]
            order = np.argsort(docs, kind="stable")
            indptr = np.zeros(self.doc_count + 1, dtype=np.int64)
            np.cumsum(np.bincount(docs, minlength=self.doc_count), out=indptr[1:])
            layout = self._by_doc[field] = (indptr, self.terms[field][order])
        return layout

    def _value_array(self, field: str) -> np.ndarray:
        arr = self._arrays.get(field)
        if arr is None:
            arr = self._arrays[field] = np.array(self.values[field], dtype=object)
        return arr


def _listing_order(field: str, vals: np.ndarray, ids: np.ndarray, found: np.ndarray) -> np.ndarray:
    """The order counted values are listed in: largest count first, then value order (the
    lexicon is sorted) for ties; but years newest first, as the results are browsed, and the
    translation labels likeliest first, as a scale reads. By count, the Years panel read
    "1988, 1987, 2021, 1990" and Machine translation "unlikely, likely, possible"."""
    if field == "year":
        own = [-int(v) if v.isdigit() else 1 for v in vals]  # a stray non-year last
    elif field == "translated":
        own = [TRANSLATION_LABELS.index(v) if v in TRANSLATION_LABELS else len(TRANSLATION_LABELS) for v in vals]
    else:
        return np.lexsort((ids, -found))
    return np.lexsort((ids, -found, np.array(own, dtype=np.int64)))


def docmask(docnums, doc_count: int) -> np.ndarray:
    mask = np.zeros(doc_count, dtype=bool)
    if isinstance(docnums, np.ndarray):
        mask[docnums] = True
    else:
        ids = np.fromiter(docnums, dtype=np.int64)
        if len(ids):
            mask[ids] = True
    return mask


class FacetRows:
    """The facet values of the documents as they are written: the facet arrays of an index
    created by this run, without a pass over its postings afterwards.

    Whoosh indexes a facet field's value string as one term per SEP-separated value (the
    schema's tokenizer), once per document; its lexicon is in UTF-8 byte order, which is
    code point order. Document numbers are looked up once, after the commit, from the
    unique `id` terms (a multi-process writer decides them)."""

    def __init__(self, fields: tuple[str, ...] = FACETS):
        self.fields = fields
        self.ids: list[str] = []
        self.numbers: dict[str, dict[str, int]] = {f: {} for f in fields}  # value -> its number, per facet
        self.pairs: dict[str, array] = {f: array("i") for f in fields}  # (document ordinal, value number)...

    def add(self, fields: dict[str, Any]) -> None:
        n = len(self.ids)
        self.ids.append(fields["id"])
        for f in self.fields:
            v = fields.get(f)
            if not v:
                continue
            numbers, pairs = self.numbers[f], self.pairs[f]
            for t in (set(v.split(SEP)) if SEP in v else (v,)):
                if t:
                    pairs.append(n)
                    pairs.append(numbers.setdefault(t, len(numbers)))

    def table(self, reader) -> FacetTable | None:
        """The FacetTable of `reader`'s index, or None when that index holds anything but
        exactly the documents added here (then the caller reads it back instead)."""
        n = len(self.ids)
        if reader.doc_count_all() != n or reader.has_deletions():
            return None
        ordinal = {i: k for k, i in enumerate(self.ids)}
        docnum = np.full(n, -1, dtype=np.int64)
        for leaf, base in reader.leaf_readers():
            for term, info in leaf.iter_field("id"):
                k = ordinal.get(term.decode("utf-8"))
                if k is None or info.doc_frequency() != 1 or docnum[k] >= 0:
                    return None
                docnum[k] = base + info.min_id()
        if n and docnum.min() < 0:
            return None
        values, docs, terms = {}, {}, {}
        for f in self.fields:
            numbers = self.numbers[f]
            vals = sorted(numbers)
            rank = np.empty(len(vals), dtype=np.int32)
            for r, v in enumerate(vals):
                rank[numbers[v]] = r
            p = np.frombuffer(self.pairs[f], dtype=np.int32).reshape(-1, 2)
            d = docnum[p[:, 0]].astype(np.int32)
            t = rank[p[:, 1]]
            order = np.lexsort((d, t))  # by value, then document: the order of the postings
            values[f], docs[f], terms[f] = vals, d[order], t[order]
        return FacetTable(values, docs, terms, n)

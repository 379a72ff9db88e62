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
from typing import NamedTuple

import numpy as np

from .schema import FACETS

FILE = "facets.npz"


class FacetTable:
    def __init__(self, values: dict[str, list[str]], docs: dict[str, np.ndarray], terms: dict[str, np.ndarray], doc_count: int):
        self.values = values
        self.docs = docs
        self.terms = terms
        self.doc_count = doc_count
        self._arrays: dict[str, np.ndarray] = {}  # values as object arrays, for fancy indexing

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
        vals = self._value_array(field)[order].tolist()
        return [{"value": v, "count": c} for v, c in zip(vals, counts[order].tolist())]

    def _value_array(self, field: str) -> np.ndarray:
        arr = self._arrays.get(field)
        if arr is None:
            arr = self._arrays[field] = np.array(self.values[field], dtype=object)
        return arr


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

class Postings(NamedTuple):
    """One term's postings over the whole index (global docnums, deleted documents included)."""

    ids: np.ndarray  # int32, ascending
    weights: np.ndarray  # float64, parallel to ids: Whoosh's posting weights (frequency x field boost)
    positions: np.ndarray | None  # int64 keys docnum << 32 | position, ascending; None unless asked for

    @property
    def size(self) -> int:  # in 4-byte units, for the cache's bound
        return 3 * len(self.ids) + (2 * len(self.positions) if self.positions is not None else 0)


_K_OPS = np.frombuffer(b"\x80\x02]q\x00", np.uint8)


def _decode_positions(values) -> tuple[np.ndarray, np.ndarray]:
    """Positions of postings stored by whoosh.formats.Positions (a big-endian 4-byte count,
    then the pickled list of position deltas): per posting counts and the flat positions.

    Most values pickle every delta with one opcode kind (BININT1, deltas under 256), so
    their bytes have a fixed layout and are read for all postings at once with NumPy;
    the others are unpickled one by one.
    """
    from itertools import chain
    from pickle import loads

    n = len(values)
    if not n:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lens = np.fromiter(map(len, values), dtype=np.int64, count=n)
    buf = np.frombuffer(b"".join(values), np.uint8)
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    ok = lens >= 13
    st = np.where(ok, starts, 0)
    counts = ((buf[st].astype(np.int64) << 24) | (buf[st + 1].astype(np.int64) << 16)
              | (buf[st + 2].astype(np.int64) << 8) | buf[st + 3].astype(np.int64))
    one = counts == 1
    # count 1: header ] q 0, K d, APPEND, STOP (13 bytes); more: header, MARK, (K d) x count, APPENDS, STOP
    ok &= np.where(one, lens == 13, lens == 12 + 2 * counts) & (counts >= 1)
    for j, byte in enumerate(_K_OPS):
        ok &= buf[st + 4 + j] == byte
    end = st + lens
    ok &= buf[np.where(ok, end - 1, 0)] == ord(".")
    ok &= np.where(one, buf[np.where(ok, st + 11, 0)] == ord("a"),
                   (buf[np.where(ok, st + 9, 0)] == ord("(")) & (buf[np.where(ok, end - 2, 0)] == ord("e")))
    total = int(np.where(ok, counts, 0).sum())
    first_op = st + np.where(one, 9, 10)
    rows = np.nonzero(ok)[0]
    c_ok = counts[rows]
    within = np.arange(total) - np.repeat(np.cumsum(c_ok) - c_ok, c_ok)
    ops = np.repeat(first_op[rows], c_ok) + 2 * within
    bad_ops = np.bincount(np.repeat(np.arange(len(rows)), c_ok)[buf[ops] != ord("K")], minlength=len(rows))
    if bad_ops.any():
        ok[rows[bad_ops > 0]] = False
        keep = np.repeat(bad_ops == 0, c_ok)
        rows, c_ok, ops = rows[bad_ops == 0], c_ok[bad_ops == 0], ops[keep]
    slow = np.nonzero(~ok)[0]
    slow_lists = [loads(values[i][4:] if values[i][-1:] == b"." else values[i][4:] + b".") for i in slow]
    counts = counts.copy()
    counts[slow] = [len(x) for x in slow_lists]
    flat = np.empty(int(counts.sum()), np.int64)
    offs = np.cumsum(counts) - counts
    fast_idx = np.repeat(offs[rows], c_ok) + (np.arange(len(ops)) - np.repeat(np.cumsum(c_ok) - c_ok, c_ok))
    flat[fast_idx] = buf[ops + 1]
    if len(slow):
        slow_c = counts[slow]
        slow_idx = np.repeat(offs[slow], slow_c) + (np.arange(int(slow_c.sum())) - np.repeat(np.cumsum(slow_c) - slow_c, slow_c))
        flat[slow_idx] = np.fromiter(chain.from_iterable(slow_lists), dtype=np.int64, count=int(slow_c.sum()))
    pos = np.cumsum(flat)
    return counts, pos - np.repeat(pos[offs] - flat[offs], counts)


def _leaf_postings(matcher, positions: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray | None] | None:
    """Document numbers, weights (and positions) of a raw W3 posting list, a block (128
    postings) at a time; None if it is not one."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    if not isinstance(matcher, W3LeafMatcher):
        return None
    ids_parts, w_parts, pos_parts = [], [], []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        i = matcher._i
        ids, weights = matcher._ids, matcher._weights
        ids_parts.append(np.asarray(ids[i:] if i else ids, dtype=np.int64))
        w_parts.append(np.asarray(weights[i:] if i else weights, dtype=np.float64))
        if positions:
            if matcher._values is None:
                matcher._read_values()
            pos_parts.append(matcher._values[i:] if i else matcher._values)
        matcher._next_block()
    if not ids_parts:
        return np.zeros(0, np.int64), np.zeros(0, np.float64), (np.zeros(0, np.int64) if positions else None)
    ids = np.concatenate(ids_parts)
    keys = None
    if positions:
        from itertools import chain

        counts, pos = _decode_positions(list(chain.from_iterable(pos_parts)))
        keys = (np.repeat(ids, counts) << 32) | pos
    return ids, np.concatenate(w_parts), keys


class TermCache:
    """Postings of recently used terms, per generation, bounded in size.

    Reading a frequent term's whole posting list means unpickling every block (ids,
    weights and positions together): about 0.1-0.3 ms a block, so a word in half of 100k
    articles costs tens of milliseconds each time. A server keeps the arrays of the
    terms it saw last (as tantivy or SQLite keep hot pages), deleted documents
    included (the live mask removes them), so the generation's arrays never go stale.
    It also keeps each text field's document lengths (what BM25 normalises by).
    """

    def __init__(self, max_ids: int = 16_000_000):  # 64 MB in 4-byte units
        import threading
        from collections import OrderedDict

        self.max_ids = max_ids
        self.size = 0
        self._d: "OrderedDict[tuple, Postings]" = OrderedDict()
        self._lock = threading.Lock()  # the web app's threads share a generation
        self.lengths: dict[str, np.ndarray] = {}

    def get(self, key) -> "Postings | None":
        with self._lock:
            p = self._d.get(key)
            if p is not None:
                self._d.move_to_end(key)
            return p

    def put(self, key, p: Postings) -> None:
        with self._lock:
            if p.size > self.max_ids // 4:
                return
            old = self._d.pop(key, None)
            if old is not None:
                self.size -= old.size
            self._d[key] = p
            self.size += p.size
            while self.size > self.max_ids:
                _, old = self._d.popitem(last=False)
                self.size -= old.size


def _raw_postings(reader, fieldname: str, btext: bytes):
    """The segment's posting matcher without the deleted-documents filter."""
    from whoosh.matching.wrappers import FilterMatcher

    m = reader.postings(fieldname, btext)
    while type(m) is FilterMatcher:
        m = m.child
    return m


def _leaves(searcher):
    return searcher.subsearchers or [(searcher, 0)]


def term_postings(searcher, fieldname: str, btext: bytes, cache: "TermCache | None" = None, positions: bool = False) -> Postings:
    """The postings of one term (`btext` already in the field's bytes), from the cache or
    read from the posting blocks of every segment."""
    if cache is not None:
        hit = cache.get((fieldname, btext))
        if hit is not None and (hit.positions is not None or not positions):
            return hit
    ids_out, w_out, pos_out = [], [], []
    for sub, offset in _leaves(searcher):
        reader = sub.reader()
        if (fieldname, btext) not in reader:
            continue
        got = _leaf_postings(_raw_postings(reader, fieldname, btext), positions)
        if got is None:  # another codec: the generic way
            m = _raw_postings(reader, fieldname, btext)
            ids_l, w_l, pos_l = [], [], []
            while m.is_active():
                ids_l.append(m.id())
                w_l.append(m.weight())
                if positions:
                    pos_l.extend((m.id() << 32) | p for p in m.value_as("positions"))
                m.next()
            got = (np.array(ids_l, np.int64), np.array(w_l, np.float64), np.array(pos_l, np.int64) if positions else None)
        ids, weights, keys = got
        ids_out.append(ids + offset if offset else ids)
        w_out.append(weights)
        if positions:
            pos_out.append(keys + (offset << 32) if offset else keys)
    if not ids_out:
        p = Postings(np.zeros(0, np.int32), np.zeros(0, np.float64), np.zeros(0, np.int64) if positions else None)
    else:
        p = Postings(np.concatenate(ids_out).astype(np.int32), np.concatenate(w_out),
                     np.concatenate(pos_out) if positions else None)
    if cache is not None:
        cache.put((fieldname, btext), p)
    return p


def _term_ids(searcher, fieldname: str, text, cache: "TermCache | None" = None) -> np.ndarray:
    schema = searcher.schema
    btext = schema[fieldname].to_bytes(text) if fieldname in schema else text
    return term_postings(searcher, fieldname, btext, cache).ids


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


# ------------------------------------------------------------ scoring matching documents
# For the query shapes people type (words, AND/OR/ANDNOT of words, two-or-more-word
# phrases, alias alternatives, facet filters as zero-boost terms) every match and its score
# come from the same posting arrays: Whoosh's own scorer (BM25F's `_score(weight, length)`)
# is applied to whole arrays of weights and field lengths, and the matchers' sums are
# replayed in Whoosh's order, segment by segment, so the scores are Whoosh's. Phrases are
# matched on positions decoded once per term: a chain of positions one apart, which is
# what Whoosh's SpanNear2 (slop 1, ordered, mindist 1) accepts. Any other node (wildcards,
# NOT, ranges, slop > 1) makes the caller fall back to Whoosh's collector.

class Unsupported(Exception):
    """A query node the array evaluation does not replay: let Whoosh do it."""


_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float64))


def field_lengths(searcher, fieldname: str, cache: "TermCache | None") -> np.ndarray:
    """Every document's length in `fieldname` as Whoosh's scorers see it
    (doc_field_length(docnum, field, 1)), global docnums, float64."""
    if cache is not None and fieldname in cache.lengths:
        return cache.lengths[fieldname]
    from whoosh.util.numeric import byte_to_length

    table = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)
    parts = []
    for sub, _offset in _leaves(searcher):
        reader = sub.reader()
        n = reader.doc_count_all()
        col = None
        try:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

            col = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        except Exception:
            col = False
        if col is None:  # no lengths stored: Whoosh uses the default
            parts.append(np.ones(n, np.float64))
        elif col is False:
            parts.append(np.array([reader.doc_field_length(d, fieldname, 1) or 0 for d in range(n)], np.float64))
        else:
            parts.append(table[np.fromiter(iter(col), dtype=np.uint8, count=n)])
    out = np.concatenate(parts) if parts else np.zeros(0, np.float64)
    if cache is not None:
        cache.lengths[fieldname] = out
    return out


def _union(a, b):
    ids = np.union1d(a[0], b[0])
    s = np.zeros(len(ids), np.float64)
    s[np.searchsorted(ids, a[0])] = a[1]
    s[np.searchsorted(ids, b[0])] += b[1]
    return ids, s


def _intersect(a, b):
    ids, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return ids, a[1][ia] + b[1][ib]


def _weighted_tree(fn, items):
    """whoosh.util.make_weighted_tree over (weight, value) pairs (ties keep their order)."""
    import bisect

    ls = sorted(items, key=lambda wv: wv[0])
    while len(ls) > 1:
        (wa, a), (wb, b) = ls.pop(0), ls.pop(0)
        w = wa + wb
        ls.insert(bisect.bisect_right([x[0] for x in ls], w), (w, fn(a, b)))
    return ls[0][1]


def _binary_tree_sum(vals):
    """IntersectionMatcher sums in whoosh.util.make_binary_tree order."""
    if len(vals) == 1:
        return vals[0]
    half = len(vals) // 2
    return _binary_tree_sum(vals[:half]) + _binary_tree_sum(vals[half:])


PROBE_RATIO = 256  # probe a term at the candidates when they are fewer than 1/256 of its postings


def _probe(reader, fieldname: str, btext: bytes, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(docnums, weights) of the term's postings among the segment-local `docs` (ascending):
    blocks holding none of them are passed on their headers, without decoding; None if the
    postings are not a raw W3 list."""
    from bisect import bisect_left

    from whoosh.codec.whoosh3 import W3LeafMatcher

    m = _raw_postings(reader, fieldname, btext)
    if not isinstance(m, W3LeafMatcher):
        return None
    out_ids, out_w = [], []
    for d in docs.tolist():
        if not m.is_active():
            break
        if d > m._maxid:
            m._skip_to_block(lambda: d > m._maxid)
            if not m.is_active():
                break
        if m._ids is None:
            m._read_ids()
        i = m._i = bisect_left(m._ids, d, m._i)
        if m._ids[i] == d:
            if m._weights is None:
                m._read_weights()
            out_ids.append(d)
            out_w.append(m._weights[i])
    return np.array(out_ids, np.int64), np.array(out_w, np.float64)


def scored_docnums(searcher, q, cache: "TermCache | None" = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(docnums ascending, Whoosh scores) of every document matching `q`, deleted documents
    included (the caller removes them); None when `q` holds a node this does not replay."""
    from whoosh import formats, query as Q, scoring

    schema = searcher.schema
    weighting = searcher.weighting
    scores_memo: dict = {}

    def scorer_of(fieldname: str, btext: bytes):
        """(weights, docnums) -> Whoosh's scores of the term in those documents."""
        key = ("scorer", fieldname, btext)
        if key not in scores_memo:
            if (fieldname, btext) not in searcher.reader():
                fn = lambda w, ids: np.zeros(len(ids), np.float64)  # noqa: E731
            else:
                scorer = weighting.scorer(searcher, fieldname, btext)
                if type(scorer) is scoring.BM25FScorer:
                    lengths = field_lengths(searcher, fieldname, cache)
                    fn = lambda w, ids: np.asarray(scorer._score(w, lengths[ids]), np.float64)  # noqa: E731
                elif type(scorer) is scoring.WeightScorer:
                    fn = lambda w, ids: w  # noqa: E731
                else:
                    raise Unsupported(type(scorer).__name__)
            scores_memo[key] = fn
        return scores_memo[key]

    def term_scores(fieldname: str, btext: bytes, positions: bool = False):
        p = term_postings(searcher, fieldname, btext, cache, positions)
        key = (fieldname, btext)
        if key not in scores_memo:
            scores_memo[key] = scorer_of(fieldname, btext)(p.weights, p.ids)
        return p, scores_memo[key]

    def btext_of(fieldname: str, text):
        if fieldname not in schema:
            return None
        try:
            return schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def ev(node, reader, lo: int, hi: int, within: np.ndarray | None = None):
        """(docnums, scores) of `node` in the segment [lo, hi); `within`, when given, are the
        only documents the caller still needs (others may or may not be returned)."""
        t = type(node)
        if t is Q.Term:
            btext = btext_of(node.fieldname, node.text)
            if btext is None or (node.fieldname, btext) not in reader:
                return _EMPTY
            if within is not None and (cache is None or cache.get((node.fieldname, btext)) is None) \
                    and len(within) * PROBE_RATIO < reader.doc_frequency(node.fieldname, btext):
                probed = _probe(reader, node.fieldname, btext, within - lo)
                if probed is not None:
                    ids, weights = probed
                    ids += lo
                    s = scorer_of(node.fieldname, btext)(weights, ids)
                    return ids, (s * node.boost if node.boost != 1.0 else s)
            p, sc = term_scores(node.fieldname, btext)
            a, b = np.searchsorted(p.ids, (lo, hi))
            ids, s = p.ids[a:b].astype(np.int64), sc[a:b]
            return ids, (s * node.boost if node.boost != 1.0 else s)
        if t is Q.Phrase:
            field = schema[node.fieldname] if node.fieldname in schema else None
            if node.slop != 1 or not node.words or field is None or not isinstance(field.format, formats.Positions) \
                    or type(field.format).decode_positions is not formats.Positions.decode_positions:
                raise Unsupported("phrase")
            btexts = [btext_of(node.fieldname, w) for w in node.words]
            if any(b is None or (node.fieldname, b) not in reader for b in btexts):
                return _EMPTY
            words = [term_scores(node.fieldname, b, positions=True) for b in btexts]
            chain = None
            for p, _ in words:
                a, b = np.searchsorted(p.positions, (lo << 32, hi << 32))
                keys = p.positions[a:b]
                if chain is None:
                    chain = keys
                    continue
                nxt = chain + 1
                idx = np.searchsorted(keys, nxt)
                ok = idx < len(keys)
                ok[ok] = keys[idx[ok]] == nxt[ok]
                chain = nxt[ok]
                if not len(chain):
                    return _EMPTY
            docs = np.unique(chain >> 32)
            parts = [sc[np.searchsorted(p.ids, docs)] for p, sc in words]
            s = _binary_tree_sum(parts)
            return docs, (s * node.boost if node.boost != 1.0 else s)
        if t in (Q.And, Q.Or) and node.subqueries:
            if t is Q.Or and (node.minmatch or node.scale):
                raise Unsupported("or")
            subs = node.subqueries
            if len(subs) == 1:
                return ev(subs[0], reader, lo, hi, within)
            if t is Q.And:
                # The smallest first: each next one is only needed where the previous ones
                # matched, so a frequent word next to a rare one (or a filter) is probed
                # there instead of read whole. The sums are then made in Whoosh's order.
                sizes = [s.estimate_size(reader) for s in subs]
                found: dict[int, tuple] = {}
                for i in sorted(range(len(subs)), key=sizes.__getitem__):
                    found[i] = r = ev(subs[i], reader, lo, hi, within)
                    within = r[0] if within is None else np.intersect1d(within, r[0], assume_unique=True)
                    if not len(within):
                        return _EMPTY
                ids, s = _weighted_tree(_intersect, [(0 - sizes[i], found[i]) for i in range(len(subs))])
            elif len(subs) == 2 or (reader.doc_count_all() > 5000 and len(subs) < Q.Or.TOO_MANY_CLAUSES):
                items = [(s.estimate_size(reader), ev(s, reader, lo, hi, within)) for s in subs]
                ids, s = _weighted_tree(_union, items)  # Whoosh's DefaultOr: a tree of UnionMatchers
            else:  # Whoosh's PreloadedOr: each sub's boosted scores added in turn
                parts = [ev(s, reader, lo, hi, within) for s in subs]
                ids = np.unique(np.concatenate([p[0] for p in parts]))
                s = np.zeros(len(ids), np.float64)
                for p_ids, p_s in parts:
                    s[np.searchsorted(ids, p_ids)] += p_s * node.boost
                return ids, s
            return ids, (s * node.boost if node.boost != 1.0 else s)
        if t is Q.AndNot:
            a = ev(node.a, reader, lo, hi, within)
            b = ev(node.b, reader, lo, hi, a[0])
            keep = ~np.isin(a[0], b[0], assume_unique=True)
            return a[0][keep], a[1][keep]
        if t is Q.Not:  # Whoosh's InverseMatcher: every other document, scored 1.0
            child = ev(node.query, reader, lo, hi)[0]
            ids = np.setdiff1d(np.arange(lo, hi, dtype=np.int64), child, assume_unique=True)
            return ids, np.ones(len(ids), np.float64)
        if isinstance(node, Q.NullQuery.__class__):
            return _EMPTY
        raise Unsupported(t.__name__)

    out_ids, out_scores = [], []
    try:
        for sub, offset in _leaves(searcher):
            reader = sub.reader()
            ids, s = ev(q, reader, offset, offset + reader.doc_count_all())
            out_ids.append(ids)
            out_scores.append(s)
    except Unsupported:
        return None
    if not out_ids:
        return _EMPTY
    return np.concatenate(out_ids), np.concatenate(out_scores)


def top_docs(ids: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` best (highest score, then lowest docnum: Whoosh's TopCollector
    order) among `ids`/`scores`, best first."""
    n = len(ids)
    if n > k > 0:
        kth = np.partition(scores, n - k)[n - k]
        sub = np.nonzero(scores >= kth)[0]
    else:
        sub = np.arange(n)
    return sub[np.lexsort((ids[sub], -scores[sub]))][:k]

"""One term's postings as NumPy arrays, read straight from Whoosh's posting blocks.

Whoosh's matchers hand out postings one at a time in Python; counting and scoring every
match of a query needs them all, so each block (128 postings) is decoded as a whole and
kept per index generation in a bounded cache (TermCache). Whoosh still writes and owns
the format: this reads its W3 codec's blocks and falls back to the matcher API for any
other codec.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np


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


def position_keys(ids: np.ndarray, values) -> np.ndarray:
    """The keys docnum << 32 | position (Postings.positions) of the postings `ids`, from
    their raw values (whoosh.formats.Positions)."""
    counts, pos = _decode_positions(values)
    return (np.repeat(ids, counts) << 32) | pos


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

        keys = position_keys(ids, list(chain.from_iterable(pos_parts)))
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


def raw_postings(reader, fieldname: str, btext: bytes):
    """The segment's posting matcher without the deleted-documents filter."""
    from whoosh.matching.wrappers import FilterMatcher

    m = reader.postings(fieldname, btext)
    while type(m) is FilterMatcher:
        m = m.child
    return m


def leaves(searcher):
    return searcher.subsearchers or [(searcher, 0)]


def term_postings(searcher, fieldname: str, btext: bytes, cache: "TermCache | None" = None, positions: bool = False) -> Postings:
    """The postings of one term (`btext` already in the field's bytes), from the cache or
    read from the posting blocks of every segment."""
    if cache is not None:
        hit = cache.get((fieldname, btext))
        if hit is not None and (hit.positions is not None or not positions):
            return hit
    ids_out, w_out, pos_out = [], [], []
    for sub, offset in leaves(searcher):
        reader = sub.reader()
        if (fieldname, btext) not in reader:
            continue
        got = _leaf_postings(raw_postings(reader, fieldname, btext), positions)
        if got is None:  # another codec: the generic way
            m = raw_postings(reader, fieldname, btext)
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


def term_ids(searcher, fieldname: str, text, cache: "TermCache | None" = None) -> np.ndarray:
    if isinstance(text, str) and not text.isascii():
        # a filter's value with a byte that is not UTF-8 (a lone surrogate from the OS, which
        # Whoosh cannot encode: `export --filter source=$'\\xff'` stopped with an internal
        # error) as the indexer records such a name: %XX, no value else holds one
        from .ingest.decode import path_text

        text = path_text(text)
    schema = searcher.schema
    btext = schema[fieldname].to_bytes(text) if fieldname in schema else text
    return term_postings(searcher, fieldname, btext, cache).ids




def field_lengths(searcher, fieldname: str, cache: "TermCache | None") -> np.ndarray:
    """Every document's length in `fieldname` as Whoosh's scorers see it
    (doc_field_length(docnum, field, 1)), global docnums, float64."""
    if cache is not None and fieldname in cache.lengths:
        return cache.lengths[fieldname]
    from whoosh.util.numeric import byte_to_length

    table = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)
    parts = []
    for sub, _offset in leaves(searcher):
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

"""Every document matching a query, and its Whoosh score, from posting arrays.

Exact facet counts need every match, not only the page shown (see facets.py); the
scores must stay Whoosh's, so they are replayed from Whoosh's own scorer over the arrays
of postings.py, in the order Whoosh's matchers add them.
"""
from __future__ import annotations

import numpy as np

from .postings import TermCache, field_lengths, leaves, position_keys, raw_postings, term_ids, term_postings
from .stop_phrases import StopWords, verified


# ------------------------------------------------------------ matching documents
# Counting needs every matching document, not only the page shown. Whoosh's
# `docs_for_query` walks its matchers one posting at a time in Python; for the query
# shapes people type (words, AND/OR of words, filters on facet terms) the same set comes
# straight from the posting blocks: each block's document numbers are decoded as a
# whole (128 at a time) and the sets are combined with NumPy. Any other node (phrases,
# wildcards, ranges, NOT) is evaluated by Whoosh itself and joins the same arithmetic.
# Deleted documents are removed at the end with the live mask.


def match_docnums(searcher, q, doc_count: int, generic, cache: "TermCache | None" = None) -> np.ndarray:
    """Boolean mask over `doc_count` documents of the matches of Whoosh query `q`, deleted
    documents included (the caller ands it with the live mask).

    `generic(node)` returns an iterable of docnums for nodes evaluated by Whoosh.
    """
    from whoosh import query as Q

    def ids(node) -> np.ndarray:
        if type(node) is Q.Term:
            return term_ids(searcher, node.fieldname, node.text, cache)
        if isinstance(node, Q.Every) and not node.fieldname:
            return np.arange(doc_count, dtype=np.int32)
        if type(node) is Q.And and node.subqueries:  # not Ordered, a subclass
            parts = sorted((ids(s) for s in node.subqueries), key=len)
            acc = parts[0]
            for p in parts[1:]:
                if not len(acc):
                    break
                acc = _intersect_ids(acc, p)
            return acc
        if type(node) in (Q.Or, Q.DisjunctionMax) and node.subqueries and not getattr(node, "minmatch", 0):
            parts = [ids(s) for s in node.subqueries]
            return np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        if type(node) is Q.AndNot:
            return np.setdiff1d(ids(node.a), ids(node.b), assume_unique=True)
        if type(node) is StopWords:  # the phrase's candidates, read for its stop words
            found = ids(node.child)
            return found[verified(searcher, node, found)] if len(found) else found
        if type(node) is Q.AndMaybe:  # the optional part only scores
            return ids(node.a)
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


def _boosted(s: np.ndarray, boost: float) -> np.ndarray:
    return s * boost if boost != 1.0 else s


def _union(a, b):
    # Both id arrays are ascending and unique (postings, and this module's own results), so
    # the union is a's ids plus b's new ones, and a stable sort (timsort) merges the two runs
    # in linear time: np.union1d hashed and sorted them again, 5-7x slower at 20k+20k ids,
    # the largest cost of an alias-expanded query at 95k articles.
    seen, _ = _found(a[0], b[0])
    ids = np.concatenate((a[0], b[0][~seen]))
    ids.sort(kind="stable")
    s = np.zeros(len(ids), np.float64)
    s[np.searchsorted(ids, a[0])] = a[1]
    s[np.searchsorted(ids, b[0])] += b[1]
    return ids, s


def _found(big: np.ndarray, small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each id of `small`, whether the ascending array `big` holds it, and where
    (searchsorted: O(s log b), no sort of either array)."""
    pos = np.searchsorted(big, small)
    hit = pos < len(big)
    hit[hit] = big[pos[hit]] == small[hit]
    return hit, pos


def _common(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions (ia, ib) of the ids in both ascending, unique arrays, ascending.

    The shorter array's ids are looked up in the longer one (searchsorted): O(s log l),
    where np.intersect1d concatenates and sorts both (a rare word against a filter or a
    frequent word costs the size of the frequent one)."""
    swap = len(a) > len(b)
    small, big = (b, a) if swap else (a, b)
    hit, pos = _found(big, small)
    i_small, i_big = np.flatnonzero(hit), pos[hit]
    return (i_big, i_small) if swap else (i_small, i_big)


def _intersect_ids(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ia, _ = _common(a, b)
    return a[ia]


def _intersect(a, b):
    ia, ib = _common(a[0], b[0])
    return a[0][ia], a[1][ia] + b[1][ib]


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


def _probe(reader, fieldname: str, btext: bytes, docs: np.ndarray, values: bool = False):
    """(docnums, weights) of the term's postings among the segment-local `docs` (ascending),
    and with `values` their raw values (a phrase's positions) too: blocks holding none of
    them are passed on their headers, without decoding; None if the postings are not a
    raw W3 list."""
    from bisect import bisect_left

    from whoosh.codec.whoosh3 import W3LeafMatcher

    m = raw_postings(reader, fieldname, btext)
    if not isinstance(m, W3LeafMatcher):
        return None
    out_ids, out_w, out_v = [], [], []
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
            if values:
                if m._values is None:
                    m._read_values()
                out_v.append(m._values[i])
    found = np.array(out_ids, np.int64), np.array(out_w, np.float64)
    return found + (out_v,) if values else found


PHRASE_PROBE_RATIO = 8  # a phrase's word is read at the candidates when they are fewer than 1/8 of its postings


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

    def phrase_words(fieldname: str, btexts: list, reader, lo: int, hi: int, within):
        """{btext: (docnums, scores, position keys)} of a phrase's words in the segment
        [lo, hi), where all of them occur (and within `within`); None when they never meet.

        The rarest word is read whole (and cached) unless the caller's `within` is far
        fewer; each other one, unless cached, only in the blocks holding the documents
        still in the running: a frequent word in a phrase with a rare one ("gleason corp")
        decoded its every block and position, the slowest first use of a term in the
        query mix of bench/scale.py."""
        frequency = {b: reader.doc_frequency(fieldname, b) for b in btexts}
        out: dict = {}
        cand = within
        for b in sorted(frequency, key=frequency.__getitem__):
            hit = cache.get((fieldname, b)) if cache is not None else None
            if (hit is None or hit.positions is None) and cand is not None \
                    and len(cand) * PHRASE_PROBE_RATIO < frequency[b]:
                probed = _probe(reader, fieldname, b, cand - lo, values=True)
                if probed is not None:
                    ids, weights, values = probed
                    ids += lo
                    out[b] = (ids, scorer_of(fieldname, b)(weights, ids), position_keys(ids, values))
                    cand = ids
                    if not len(cand):
                        return None
                    continue
            p, sc = term_scores(fieldname, b, positions=True)
            a, z = np.searchsorted(p.ids, (lo, hi))
            pa, pz = np.searchsorted(p.positions, (lo << 32, hi << 32))
            out[b] = (p.ids[a:z].astype(np.int64), sc[a:z], p.positions[pa:pz])
            cand = out[b][0] if cand is None else _intersect_ids(cand, out[b][0])
            if not len(cand):
                return None
        return out

    def ev(node, reader, lo: int, hi: int, within: np.ndarray | None = None):
        """(docnums, scores) of `node` in the segment [lo, hi); `within`, when given, are the
        only documents the caller still needs (others may or may not be returned)."""
        t = type(node)
        if t is StopWords:  # the phrase's matches, read for its stop words
            ids, s = ev(node.child, reader, lo, hi, within)
            if within is not None and len(ids):  # only those still needed are read
                ia, _ = _common(ids, within)
                ids, s = ids[ia], s[ia]
            if not len(ids):
                return ids, s
            keep = verified(searcher, node, ids)
            return ids[keep], s[keep]
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
                    return ids, _boosted(s, node.boost)
            p, sc = term_scores(node.fieldname, btext)
            a, b = np.searchsorted(p.ids, (lo, hi))
            ids, s = p.ids[a:b].astype(np.int64), sc[a:b]
            return ids, _boosted(s, node.boost)
        if t is Q.Phrase:
            field = schema[node.fieldname] if node.fieldname in schema else None
            if node.slop != 1 or not node.words or field is None or not isinstance(field.format, formats.Positions) \
                    or type(field.format).decode_positions is not formats.Positions.decode_positions:
                raise Unsupported("phrase")
            btexts = [btext_of(node.fieldname, w) for w in node.words]
            if any(b is None or (node.fieldname, b) not in reader for b in btexts):
                return _EMPTY
            found = phrase_words(node.fieldname, btexts, reader, lo, hi, within)
            if found is None:
                return _EMPTY
            chain = None
            for b in btexts:
                keys = found[b][2]
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
            docs = chain >> 32  # ascending, as the keys are: unique without np.unique's hashing
            docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
            parts = [found[b][1][np.searchsorted(found[b][0], docs)] for b in btexts]
            s = _binary_tree_sum(parts)
            return docs, _boosted(s, node.boost)
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
                    within = r[0] if within is None else _intersect_ids(within, r[0])
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
            return ids, _boosted(s, node.boost)
        if t is Q.AndMaybe:  # Whoosh's AndMaybeMatcher: a's documents, b's score added where b matches too
            a = ev(node.a, reader, lo, hi, within)
            if not len(a[0]):
                return _EMPTY
            b = ev(node.b, reader, lo, hi, a[0])  # only where a matched: a phrase of two frequent words is probed there
            at = np.searchsorted(b[0], a[0])
            both = at < len(b[0])
            both[both] = b[0][at[both]] == a[0][both]
            s = np.array(a[1], np.float64)
            s[both] = s[both] + b[1][at[both]]
            return a[0], s
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
        for sub, offset in leaves(searcher):
            reader = sub.reader()
            ids, s = ev(q, reader, offset, offset + reader.doc_count_all())
            out_ids.append(ids)
            out_scores.append(s)
    except Unsupported:
        return None
    if not out_ids:
        return _EMPTY
    return np.concatenate(out_ids), np.concatenate(out_scores)


def top_docs(ids: np.ndarray, scores: np.ndarray, k: int, tiers: np.ndarray | None = None) -> np.ndarray:
    """Positions of the `k` best (highest score, then lowest docnum: Whoosh's TopCollector
    order) among `ids`/`scores`, best first; with `tiers`, the highest tier first, then so."""
    n = len(ids)
    # one key in the tiers' order, then the scores' (a score is below the top score + 1)
    key = scores if tiers is None or not n else tiers * (float(scores.max()) + 1.0) + scores
    if n > k > 0:
        kth = np.partition(key, n - k)[n - k]
        sub = np.nonzero(key >= kth)[0]
    else:
        sub = np.arange(n)
    keys = (ids[sub], -scores[sub]) + (() if tiers is None else (-tiers[sub],))  # the last key sorts first
    return sub[np.lexsort(keys)][:k]

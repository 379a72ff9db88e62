"""Other versions of one story in the archive: how a report travelled.

A foreign story reaches an archive many times over: the wire copy, a site's rewrite, and
machine translations of other outlets' reports, each by another system. Their wording
differs (Goita / Goyta, "spent most of the year training" / "spent almost the entire
current year on training missions"), so shingles or exact hashes miss them; what they keep
is the story's own vocabulary (its names, places and figures, the rarer words of its
events) and the order it is told in.

So two articles are compared by the cosine of their tf-idf vectors over the indexed terms
of title and text (stemmed, accents folded, numbers kept), and a pair that passes is
labelled by what else it keeps (see the constants below). Found at request time from the
live index: nothing is added to the build (issue #7's budget) and a reindex needs no extra
pass. The article's most distinctive terms pick candidates from their postings (the arrays
the query layer scores with); the best CANDIDATES are compared in full. Written here rather
than taken from a library: the candidates must come from the Whoosh index we already have,
and the labels rest on our entities.

Measured with bench/stories.py on WMT21 mt-dev (English versions of one Russian document
from up to ten MT systems and a human translator, and original English news) inside 4,000
Reuters articles: every pair of versions of one document is found as a copy or a version,
no two documents of different stories are called versions, and a lookup costs 1.3-1.4
title searches (p50 ratio, two runs in session 44 on this shared machine; 2.1-3.6 in earlier ones).
A pair is listed only when each article finds the other (see versions_of), so a lookup reads
the side of each version it lists too: at 95,000 articles (bench/scale.py, every article with
four copies) p50/p95 about 60/160 ms of CPU on a loaded machine.
"""
from __future__ import annotations

import bisect
import json
import math
import os
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import numpy as np

from .archive import Archive
from .postings import field_lengths, term_postings

FIELD = "text"
RELATIONS = {"copy": "same text", "translation": "translation", "rewrite": "rewrite", "related": "related report"}
# the relations of one report's tellings (the rest are "related"): what a story's count of versions counts
SAME_REPORT = ("copy", "translation", "rewrite")
# A pair is looked at when its cosine is at least SAME_STORY and it shares at least
# MIN_SHARED distinctive words (in at most DISTINCTIVE of the articles, see _Stats), or its
# cosine is at least ALIKE (two short texts alike). The word count keeps out formulaic notices: two companies'
# dividend announcements are alike word for word but share only the words of the formula.
SAME_STORY = 0.38
MIN_SHARED = 15
DISTINCTIVE = 0.15
ALIKE = 0.90
# Then, chosen on bench/stories.py:
# - "copy": the same text, perhaps cut or re-edited: at least COPY_TEXT of the shorter
#   one's runs of SHINGLE words are in the other (Reuters copies 0.89-1.0; two MT systems'
#   translations of one document 0.42-0.67), and so are at least NUMBERS of its figures.
# - "version": a rewrite or a translation of the same report: the same facts (at least
#   NUMBERS of the figures either names, mt-dev versions 0.67 and above, and NAMES of the
#   people and organizations of the one naming fewer, or STRONG_SHARED distinctive words in
#   common, since NER on machine translations often disagrees on names), the shared details
#   told in the same order (Spearman correlation of their first mentions at least
#   REWRITE_ORDER; versions of one mt-dev document 0.72 and above, different outlets'
#   reports of one event 0.67 and below). Two notices of one formula with the same figures
#   (a fund family's payouts, two banks' bond issues on the same terms) can still pass.
#   A version is listed as a "translation" when _translated_pair says so, else a "rewrite".
# - "related": another report of the same story, naming at least RELATED_NAMES of the same
#   people and organizations (mt-dev: three outlets' reports of one Navy Day parade).
SHINGLE = 4
COPY_TEXT = 0.80
NUMBERS = 0.60
NAMES = 0.50
STRONG_SHARED = 50
REWRITE_ORDER = 0.70
RELATED_NAMES = 2
QUERY_TERMS = 30  # the article's most distinctive terms, which select candidates
CANDIDATES = 30  # candidates compared in full
TIED_CANDIDATES = 200  # and those tied with the last of them (copies), up to this many in all
SHARED_WORDS = 6  # words shown as the reason two articles are one story
MIN_DOCS = 2
# the background that smooths document frequencies (_Stats): PRIOR_DOCS articles of
# BACKGROUND_WORDS words of general English. The English words at least BACKGROUND_ZIPF
# (once a million words) are read into the table of terms (_background_table, 0.1-0.6 s
# once per process); a rarer word adds under a tenth of a document to a share, and a
# term without one of them is looked up as a word itself (names, figures, acronyms).
PRIOR_DOCS = 200
BACKGROUND_WORDS = 400
BACKGROUND_ZIPF = 3.0
PAIRS = 100_000  # pairs of documents known to be copies or not, per generation (about 150 bytes each)
DOC_CACHE = 1000  # analysed articles kept per generation: a story's pages ask for the same ones (15-40 KB each)


@dataclass
class _Terms:
    tf: Counter
    first: dict[str, int]  # term -> position of its first mention
    surface: dict[str, str]  # term -> a spelling of it ("militari" reads "military"), to show
    shingles: np.ndarray  # hashes of its runs of SHINGLE terms, sorted, unique
    vec: dict[str, float] | None = None  # tf-idf weights, once computed (_vector)
    norm: float = 1.0


def _analyse(analyzer, text: str) -> _Terms:
    tf: Counter = Counter()
    first: dict[str, int] = {}
    surface: dict[str, str] = {}
    seq: list[str] = []
    for tok in analyzer(text, chars=True):
        term = tok.text
        if len(term) < 2:
            continue
        tf[term] += 1
        if term not in first:
            first[term] = len(seq)
            surface[term] = text[tok.startchar:tok.endchar]
        elif surface[term].isupper():  # a headline's capitals: the running text's spelling reads better
            surface[term] = text[tok.startchar:tok.endchar]
        seq.append(term)
    runs = [hash(tuple(seq[i:i + SHINGLE])) for i in range(len(seq) - SHINGLE + 1)]
    return _Terms(tf, first, surface, np.unique(np.array(runs, dtype=np.int64)))


def _containment(a: _Terms, b: _Terms) -> float:
    """The share of the shorter text's runs of words that the other has: 1.0 for a copy,
    also a cut one; 0.4-0.67 for two MT systems' translations of one document."""
    if not len(a.shingles) or not len(b.shingles):
        return 0.0
    shared = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    return shared / min(len(a.shingles), len(b.shingles))


class _Stats:
    """Per generation: each term's share of documents and its idf (memoised: the same
    words recur across requests), and the analysed articles last compared, their sides
    and which pairs are copies (bounded).

    A document frequency counted in a small archive says little: in the five seeds
    "there" is as rare as "Diaw". So each share is smoothed towards a background share,
    the chance that a news article of BACKGROUND_WORDS words holds the term at the
    wordfreq frequency of the words it stems from, as if the archive held PRIOR_DOCS more
    articles of general English. In a large archive the archive's own counts decide.

    Every value here is a function of the generation and the term (or the document, or
    the pair of documents) alone, so the memos change only how fast an answer comes, never
    the answer. (The background once came
    from the spelling of the first article to ask for the term: "office" or "officers",
    or the stem "offic" itself when idf() asked first, so a story list depended on the
    pages the process had shown before.)"""

    LIMIT = 200_000  # terms memoised (about 100 bytes each)

    def __init__(self, searcher):
        self.reader = searcher.reader()
        self.n = max(1, searcher.doc_count())
        self.unit = 1.0 / (self.n + PRIOR_DOCS)  # one document's share
        self.background = _background_of(searcher.schema[FIELD].analyzer)
        self.memo: dict[str, float] = {}  # term -> smoothed share of documents
        self.docs: "OrderedDict[int, _Terms]" = OrderedDict()
        self.sides: "OrderedDict[int, _Side | None]" = OrderedDict()  # _side_of's, as bounded
        self.pairs: dict[tuple[int, int], bool] = {}  # copies'
        self.lock = threading.Lock()

    def share(self, term: str) -> float:
        v = self.memo.get(term)
        if v is None:
            df = self.reader.doc_frequency(FIELD, term)
            per_word = self.background.get(term)
            if per_word is None:
                per_word = _word_frequency(term)
            v = (df + PRIOR_DOCS * _chance(per_word)) * self.unit
            if len(self.memo) > self.LIMIT:
                self.memo.clear()
            self.memo[term] = v
        return v

    def idf(self, term: str) -> float:
        return _idf(self.share(term))

    def distinctive(self, term: str) -> bool:
        return self.share(term) <= DISTINCTIVE

    def remembered(self, cache: OrderedDict, key: Any, make: Callable[[], Any]) -> Any:
        """`cache`'s value for `key` (None too), else make()'s, kept: the DOC_CACHE most
        recently asked for per generation."""
        with self.lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        value = make()
        with self.lock:
            cache[key] = value
            while len(cache) > DOC_CACHE:
                cache.popitem(last=False)
        return value

    def copies(self, a: int, terms_a: _Terms, b: int, terms_b: _Terms) -> bool:
        """Whether documents a and b are copies of one text (_containment), kept: the sides
        of a story's copies group the same candidates."""
        key = (a, b) if a < b else (b, a)
        same = self.pairs.get(key)
        if same is None:
            same = _containment(terms_a, terms_b) >= COPY_TEXT
            with self.lock:
                if len(self.pairs) > PAIRS:
                    self.pairs.clear()
                self.pairs[key] = same
        return same

    def terms(self, searcher, docnum: int, analyzer) -> _Terms:
        def analysed() -> _Terms:
            fields = searcher.stored_fields(docnum)
            # the title too: a formulaic notice names its company there ("TULTEX CORP SETS
            # QUARTERLY DIVIDEND" over "Qtly div 15 cts vs 15 cts prior ...")
            return _analyse(analyzer, f"{fields.get('title') or ''}\n{fields.get(FIELD) or ''}")

        return self.remembered(self.docs, docnum, analysed)


_FIGURE = re.compile(r"\d")


_BACKGROUNDS: "OrderedDict[str, dict[str, float]]" = OrderedDict()
_BACKGROUNDS_LOCK = threading.Lock()
PROBE_WORDS = 500


def _background_of(analyzer) -> dict[str, float]:
    """_background_table, once per process for each analyzer: it is a function of the
    analyzer alone, and built for every generation it cost the first document page after
    each reindex 0.6 s (QA). Each generation's schema is unpickled as new objects whose repr
    differs (a stop list's set order, a cache's address), so an analyzer is known by what it
    makes of the first PROBE_WORDS words of the table (a few ms)."""
    words = _background_words()
    key = "\x1f".join(tok.text for tok in analyzer(" ".join(words[:PROBE_WORDS])))
    with _BACKGROUNDS_LOCK:
        table = _BACKGROUNDS.get(key)
        if table is None:
            table = _BACKGROUNDS[key] = _background_table(analyzer)
            while len(_BACKGROUNDS) > 4:  # an index of another schema, briefly
                _BACKGROUNDS.popitem(last=False)
        return table


def _background_table(analyzer) -> dict[str, float]:
    """Term -> the summed wordfreq frequency of the English words (at least BACKGROUND_ZIPF)
    that `analyzer` turns into it: "office", "offices" and "officer" are all "offic", and
    an article holding any of them counts in the term's document frequency.

    The words are analysed joined in one text, a token credited to the word it starts in
    (half the time of one analyzer call per word). Words with figures stay out:
    wordfreq writes every digit as 0, and a term looks them up itself (_word_frequency)."""
    from wordfreq import get_frequency_dict

    freqs = get_frequency_dict("en")
    words = _background_words()
    starts, at = [], 0
    for w in words:
        starts.append(at)
        at += len(w) + 1
    table: dict[str, float] = {}
    for tok in analyzer(" ".join(words), chars=True):
        word = words[bisect.bisect_right(starts, tok.startchar) - 1]
        table[tok.text] = table.get(tok.text, 0.0) + freqs[word]
    return table


@lru_cache(maxsize=1)
def _background_words() -> list[str]:
    """The English words of the background, most frequent first."""
    from wordfreq import get_frequency_dict

    least = 10 ** (BACKGROUND_ZIPF - 9)
    return [w for w, f in get_frequency_dict("en").items() if f >= least and not _FIGURE.search(w)]


def _word_frequency(term: str) -> float:
    """wordfreq's frequency of a term read as a word: a name or a figure, which the analyzer
    keeps whole, or an acronym kept in capitals ("US", whose share is the word "us")."""
    from wordfreq import word_frequency

    return word_frequency(term.lower(), "en")


def _chance(per_word: float) -> float:
    """The chance that a news article of BACKGROUND_WORDS words holds a term of frequency
    `per_word` (at least once a hundred million words, Zipf 1, as for an unknown word)."""
    return -math.expm1(-BACKGROUND_WORDS * max(per_word, 1e-8))


def _idf(share: float) -> float:
    return -math.log(min(1.0, share))


def _vector(t: _Terms, st: _Stats) -> dict[str, float]:
    """t's tf-idf weights (kept with t: both live as long as the generation), and t.norm."""
    if t.vec is None:
        vec = {}
        for term, n in t.tf.items():
            w = (1.0 + math.log(n)) * _idf(st.share(term))
            if w > 0:
                vec[term] = w
        t.norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        t.vec = vec
    return t.vec


def _order(a: _Terms, b: _Terms, shared: list[str]) -> float:
    """Spearman correlation of the first mentions of the shared words in a and in b. By the
    rank differences (no ties: each word is first mentioned at its own place), in integers:
    the same float whichever of the two is `a` and in whatever order `shared` comes, as
    both articles' pages must decide alike (np.corrcoef divides by the two deviations in turn)."""
    n = len(shared)
    if n < 4:
        return 0.0
    x = np.argsort(np.argsort([a.first[t] for t in shared]))
    y = np.argsort(np.argsort([b.first[t] for t in shared]))
    d2 = int(((x - y) ** 2).sum())
    return 1.0 - 6 * d2 / (n * (n * n - 1))


def _candidates(gen, searcher, vec: dict[str, float], st: _Stats, docnum: int, live: np.ndarray) -> list[int]:
    """The documents that share the article's most distinctive terms, best first, scored by
    those terms alone (length-normalised) from the postings arrays the query layer reads."""
    from .query import _term_cache

    cache = _term_cache(gen)
    to_bytes = searcher.schema[FIELD].to_bytes
    ids_parts, score_parts = [], []
    for term, w in sorted(vec.items(), key=lambda kv: -kv[1])[:QUERY_TERMS]:
        p = term_postings(searcher, FIELD, to_bytes(term), cache)
        if len(p.ids):
            ids_parts.append(p.ids)
            # 1 + log(tf) of each posting, computed each time: kept per generation (0828f67),
            # it saved about 2% of a lookup's CPU at most, within the noise
            score_parts.append(w * (1.0 + np.log(np.maximum(p.weights, 1.0))) * st.idf(term))
    if not ids_parts:
        return []
    n = len(live)
    ids = np.concatenate(ids_parts)
    keep = ids < n
    sums = np.bincount(ids[keep], weights=np.concatenate(score_parts)[keep], minlength=n)
    sums[~live] = 0
    sums[docnum] = 0
    # The rest reads only the documents that score (some thousands of 95,000), each the
    # same floats as over the whole archive: sorting all of it (12 ms at 95,000 articles)
    # was most of a lookup's cost, paid again for each side of a pair it reads.
    pool = np.flatnonzero(sums)
    scores = sums[pool]
    # divided by the square root of each one's length (at least 1), from the lengths the term
    # cache keeps for the generation
    lengths = field_lengths(searcher, FIELD, cache)
    if len(lengths) == n:
        scores = scores / np.sqrt(np.maximum(lengths[pool], 1.0))
    # Best first; among equal scores (copies of one text) the oldest first, and the copies
    # tied with the last one kept come too, up to TIED_CANDIDATES: a story reprinted 41 times
    # was cut to the first 30 indexed, and its original, indexed last, was not listed.
    # Only those scoring at least the CANDIDATES-th best can be kept, so only they are sorted.
    if len(pool) > CANDIDATES:
        top = scores >= np.partition(scores, len(pool) - CANDIDATES)[len(pool) - CANDIDATES]
        pool, scores = pool[top], scores[top]
    from .query import _published_column

    raw, _ = _published_column(gen, searcher)
    when = raw[pool] if len(raw) >= n else np.zeros(len(pool), np.uint64)
    rank = np.lexsort((pool, when, -scores))
    best = rank[:CANDIDATES]
    if len(rank) > CANDIDATES:
        more = rank[CANDIDATES:TIED_CANDIDATES]
        best = np.concatenate([best, more[scores[more] >= scores[best[-1]]]])
    return pool[best[scores[best] > 0]].tolist()


def story_versions(archive: Archive, doc_id: str) -> list[dict[str, Any]] | None:
    """The other articles of `doc_id`'s story (see versions_of); None when there is no
    such document."""
    from .query import document_number

    gen, searcher = archive.searcher()
    docnum = document_number(searcher, doc_id)
    return None if docnum is None else versions_of(gen, searcher, docnum)


def versions_of(gen, searcher, docnum: int) -> list[dict[str, Any]]:
    """The other articles of document `docnum`'s story, oldest first (undated last; within a
    day as indexed), each with its similarity, its relation ("copy", "translation", "rewrite" or "related"),
    the words the two share most, and whether it comes before this article in that order
    (`earlier`: where a timeline puts the article itself). A pair is listed on both articles'
    pages alike or on neither, at the same similarity (the lower of its two sides')."""
    from .query import _live_mask

    live = _live_mask(gen, searcher)
    if int(live.sum()) < MIN_DOCS:
        return []
    st: _Stats = gen.derive("story_stats", lambda: _Stats(searcher))
    side = _side_of(gen, searcher, st, docnum, live)
    if side is None:
        return []
    me = side.me
    mine = searcher.stored_fields(docnum)
    my_rec = json.loads(mine.get("doc") or "{}")
    my_names = _names(my_rec)
    out = []
    for cand, other in side.cands:
        sim, common = _similarity(side, other, st)
        rare = [t for t in common if st.distinctive(t)]
        if not _alike(sim, rare):
            continue  # the cheap tests first: most candidates stop here
        fields = searcher.stored_fields(cand)
        rec = json.loads(fields.get("doc") or "{}")
        names = _names(rec)
        # A pair no relation takes at this similarity is taken at none lower (the copy test
        # reads no similarity, the others need SAME_STORY): decided before the other side
        # is read, the costly part (its candidates' postings): 3 in 10 of those read on bench/scale.py's x5.
        relation = _relation(sim, me, other, rare, my_names, names)
        if relation is None:
            continue
        # The pair as the other article's page sees it: its candidates and its copies'
        # discount are its own, so a pair at SAME_STORY (0.383 from one side) was listed on
        # one page and not the other. Listed only when each finds the other, at the lower
        # similarity, both pages decide alike and show the same figure (the tests below are
        # symmetric in the two articles).
        back = _side_of(gen, searcher, st, cand, live)
        if back is None or docnum not in back.found:
            continue
        sim = min(sim, _similarity(back, me, st)[0])
        # Still alike at the lower similarity, the pair keeps its relation: only SAME_STORY
        # of _relation reads the similarity, and a pair that is no copy got its relation with
        # MIN_SHARED rare words, so here _alike means at least SAME_STORY.
        if not _alike(sim, rare):
            continue
        if relation == "version":
            relation = "translation" if _translated_pair(my_rec, rec) else "rewrite"
        words = _shown_words(me, [t for t, _ in sorted(common.items(), key=lambda kv: -kv[1])])
        out.append((_archive_order(fields, cand), _version(fields, rec, sim, relation, words)))
    # The archive's order, as `sort=oldest` lists it: by day, then as indexed (dates are days).
    # Not by similarity within a day: that order was each page's own, so two pages of one
    # story listed the same day's articles in different orders, each page's article first.
    me_at = _archive_order(mine, docnum)
    out.sort(key=lambda kv: kv[0])
    return [dict(v, earlier=at < me_at) for at, v in out]


def _alike(sim: float, rare: list[str]) -> bool:
    """Whether a pair is looked at (see SAME_STORY)."""
    return sim >= ALIKE or (sim >= SAME_STORY and len(rare) >= MIN_SHARED)


@dataclass
class _Side:
    """One article's side of its pairs: its terms, its candidates (analysed) and the weights
    its copies' discount gives it."""
    me: _Terms
    cands: list[tuple[int, _Terms]]
    found: frozenset[int]
    discount: dict[str, float]
    vec: dict[str, float]
    norm: float


def _side_of(gen, searcher, st: _Stats, docnum: int, live: np.ndarray) -> _Side | None:
    """Document `docnum`'s _Side (None when it has no weighted term), memoised per generation:
    a page asks for each listed version's side, and that version's page for the same ones."""
    def made() -> _Side | None:
        analyzer = searcher.schema[FIELD].analyzer
        me = st.terms(searcher, docnum, analyzer)
        if not _vector(me, st):
            return None
        cands = [(c, st.terms(searcher, c, analyzer)) for c in _candidates(gen, searcher, me.vec, st, docnum, live)]
        discount = _copy_discount((docnum, me), cands, st)
        return _Side(me, cands, frozenset(c for c, _ in cands), discount, *_reweighed(me, st, discount))

    return st.remembered(st.sides, docnum, made)


def _similarity(side: _Side, other: _Terms, st: _Stats) -> tuple[float, dict[str, float]]:
    """The cosine of side's article and `other` under side's discount, and the shared terms'
    products (in the article's order of first mention, not a set's: a set of strings iterates
    in an order of the process's hash seed, and the CLI and the server must add the same floats
    in the same order and break ties among the shared words alike)."""
    cvec, cnorm = _reweighed(other, st, side.discount)
    common = {t: w * cvec[t] for t, w in side.vec.items() if t in cvec}
    return sum(common.values()) / (side.norm * cnorm), common


def timeline(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored document's story as a reader follows it: its `versions` (get_document) with the
    article itself placed among them, oldest first (undated last), its own entry marked
    `current`; empty when the story has no other version. One order for the document page and
    `newsarchive show`: the terminal listed the other versions alone, so where the article
    stood in its story (the first telling, or a late rewrite) was for the reader to work out."""
    versions = list(doc.get("versions") or [])
    if not versions:
        return []
    me = {"id": doc.get("id"), "title": doc.get("title"), "source": doc.get("source"),
          "published": doc.get("published"), "language": doc.get("language"),
          "translated": (doc.get("translation") or {}).get("label"), "current": True}
    before = [v for v in versions if v.get("earlier")]
    return [*before, me, *(v for v in versions if not v.get("earlier"))]


def _shown_words(me: _Terms, ranked: list[str]) -> list[str]:
    """The first SHARED_WORDS of the `ranked` shared terms as the reader sees them, one form
    of each word: the stemmer keeps "argentina" and "argentin" apart, and the list read
    "Argentina, ..., ARGENTINE". A word's form in the running text beats a headline's capitals."""
    out: list[str] = []
    for term in ranked:
        word = me.surface[term]
        same = next((i for i, w in enumerate(out) if _one_word(w, word)), None)
        if same is None:
            if len(out) == SHARED_WORDS:
                break
            out.append(word)
        elif out[same].isupper() and not word.isupper():
            out[same] = word
    return out


def _one_word(a: str, b: str) -> bool:
    """Whether two shown words are forms of one (Argentina / ARGENTINE, Brazil / Brazilian,
    us / US): alike but for the case and at most three last letters after five or more
    (Iran / Iraq stay two; minister / ministry become one, a small loss in a list of six);
    figures only when equal (150,000 and 150,001 are two)."""
    a, b = a.casefold(), b.casefold()
    if _FIGURE.search(a) or _FIGURE.search(b):
        return a == b
    n = len(os.path.commonprefix([a, b]))
    return a == b or (n >= 5 and max(len(a), len(b)) - n <= 3)


def _archive_order(fields: dict[str, Any], docnum: int) -> tuple[bool, str, int]:
    """Where a document stands in the archive's oldest-first order: dated first, by day, then
    by document number (the order indexed, which search's `oldest` sort also follows)."""
    published = fields.get("published")
    return published is None, published.date().isoformat() if published is not None else "", docnum


def _copy_discount(me: tuple[int, _Terms], others: list[tuple[int, _Terms]], st: _Stats) -> dict[str, float]:
    """How much to lower the document shares of the article's words so that the copies
    among `others` (and of the article itself) count as one document each; each text a
    (document number, its terms).

    Copies raise the document frequency of their every word: ten copies of one report in
    a small archive made its words common, and its other tellings fell below SAME_STORY,
    from their side as from its own."""
    groups: list[list] = [[*me, 1]]  # [one text of the group (docnum, terms), how many]
    for docnum, other in others:
        for g in groups:
            if st.copies(g[0], g[1], docnum, other):
                g[2] += 1
                break
        else:
            groups.append([docnum, other, 1])
    extra: Counter = Counter()
    for _, text, size in groups:
        if size > 1:
            for t in me[1].tf.keys() & text.tf.keys():
                extra[t] += size - 1
    return {t: c * st.unit for t, c in extra.items()}


def _reweighed(t: _Terms, st: _Stats, discount: dict[str, float]) -> tuple[dict[str, float], float]:
    """t's tf-idf weights and norm, with the shares of the `discount` terms lowered."""
    vec = _vector(t, st)
    hit = discount.keys() & vec.keys() if discount else ()
    if not hit:
        return vec, t.norm
    vec = dict(vec)
    for term in hit:
        vec[term] = (1.0 + math.log(t.tf[term])) * _idf(max(st.share(term) - discount[term], st.unit))
    return vec, math.sqrt(sum(w * w for w in vec.values())) or 1.0


def _names(rec: dict[str, Any]) -> list[frozenset[str]]:
    """The people and organizations of a stored record, each as the keys that survive NER's
    and translation's disagreements: the canonical name (spelling variants merged: Goita
    and Goyta are one), folded, whatever its type (one system's person is another's
    organization), and a person's surname ("Tatyana" / "Tatiana Krasilnikova")."""
    from .entities.gazetteer import fold

    ents = rec.get("entities") or {}
    out = []
    for t in ("person", "organization"):
        for name in ents.get(t) or ():
            keys = {fold(name)}
            words = name.split()
            # a person's surname; NER calls some people organizations, and a two-word
            # "organization" like "Tatyana Krasilnikova" is most often one
            if (len(words) > 1 if t == "person" else len(words) == 2) and len(words[-1]) > 3:
                keys.add(fold(words[-1]))
            keys.discard("")
            if keys:
                out.append(frozenset(keys))
    return out


def _named(a: list[frozenset[str]], b: list[frozenset[str]]) -> int:
    """How many of a's people and organizations b names too."""
    keys_b = set().union(*b) if b else set()
    return sum(1 for keys in a if keys & keys_b)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(t: _Terms) -> set[str]:
    """The figures of an article ("29th" and "29" are one), two digits or more."""
    out = set()
    for term in t.tf:
        m = _DIGITS.search(term)
        if m and len(m.group()) >= 2:
            out.add(m.group())
    return out


def _relation(sim: float, a: _Terms, b: _Terms, rare: list[str], names_a: list, names_b: list) -> str | None:
    named = min(_named(names_a, names_b), _named(names_b, names_a))
    nums_a, nums_b = _numbers(a), _numbers(b)
    common_nums = len(nums_a & nums_b)
    if _containment(a, b) >= COPY_TEXT:
        shorter = min(len(nums_a), len(nums_b))
        if not shorter or common_nums / shorter >= NUMBERS:
            return "copy"
    figures = common_nums / max(len(nums_a), len(nums_b)) if nums_a or nums_b else 1.0
    names = named / min(len(names_a), len(names_b)) if names_a and names_b else 1.0
    enough = sim >= SAME_STORY and len(rare) >= MIN_SHARED
    if (enough and figures >= NUMBERS and (names >= NAMES or len(rare) >= STRONG_SHARED)
            and _order(a, b, rare) >= REWRITE_ORDER):
        return "version"
    if enough and named >= RELATED_NAMES:
        return "related"
    return None


def _translated_pair(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two tellings of one report are translations (of each other or of one source):
    written in two languages, or one of them likely a machine translation (the detector's
    label). Else the pair is a rewrite. A human translation beside an original English report
    reads as a rewrite: nothing in the text says it was translated."""
    languages = {r.get("language") for r in (a, b)} - {None, "", "unknown"}
    return len(languages) > 1 or any((r.get("translation") or {}).get("label") == "likely" for r in (a, b))


def _version(fields: dict[str, Any], rec: dict[str, Any], sim: float, relation: str, words: list[str]) -> dict[str, Any]:
    published = fields.get("published")
    return {
        "id": fields["id"],
        "title": fields.get("title") or rec.get("title") or fields["id"],
        "source": rec.get("source"),
        "published": published.date().isoformat() if published is not None else None,
        "language": rec.get("language"),
        "translated": (rec.get("translation") or {}).get("label"),
        "similarity": round(sim, 3),
        "relation": relation,
        "shared": words,
    }

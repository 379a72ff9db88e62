"""Patches to Whoosh 2.7's hot paths in writing an index: its per-document reader, which the
writer uses for every posting it writes and the scorer for every document it scores, and its
stemmer's cache, called for every word analyzed. Written here because Whoosh 2.7 is the last
release (whoosh-reloaded keeps its code): applied once per process, before any writer or
searcher is opened; they change how values are looked up, never what is found."""
from __future__ import annotations

import functools


def apply() -> None:
    from whoosh.codec import whoosh3

    cls = getattr(whoosh3, "W3PerDocReader", None)
    if cls is not None and hasattr(cls, "_cached_reader"):  # the code these patches were written for
        _remember_missing_columns(cls)
        _whole_length_columns(cls)
    _c_stem_cache()


def _c_stem_cache() -> None:
    """StemFilter memoizes the stemmer in a Python-level LFU cache whose bookkeeping (a
    Counter update and a try/finally per word) is most of the cost of a hit: functools'
    LRU cache, written in C, took an eighth off the time of analyzing 10,000 Reuters
    articles. The stemmer is a pure function of the word: either cache gives the same stems."""
    from whoosh.analysis.morph import StemFilter

    if getattr(StemFilter, "_c_cache", False):
        return
    whoosh_clear = StemFilter.clear

    def clear(self):
        whoosh_clear(self)
        if isinstance(self.cachesize, int) and self.cachesize > 1 and not self.lang:
            self._stem = functools.lru_cache(maxsize=self.cachesize)(self.stemfn)

    StemFilter.clear = clear
    StemFilter._c_cache = True


def _remember_missing_columns(cls) -> None:
    """Whoosh 2.7 looks up a document's field length for every posting it writes, and for
    a field without lengths (ids, facets, dates: not scored) each lookup stat()s a column
    file that does not exist, because only found columns are remembered: a third of the
    time of writing the postings (profile of bench/scale.py, 110 stat calls per article).
    Segment files are written once and never change, so a column missing when a reader
    first looks stays missing for that reader: remember that too."""
    if getattr(cls, "_remembers_missing", False):
        return
    found = cls._cached_reader
    unknown = object()

    def _cached_reader(self, fieldname, column):
        reader = self._readers.get(fieldname, unknown)
        if reader is unknown:
            reader = self._readers[fieldname] = found(self, fieldname, column)
        return reader

    cls._cached_reader = _cached_reader
    cls._remembers_missing = True


def _whole_length_columns(cls) -> None:
    """Whoosh reads a field length byte by byte through three layers of calls (a seek and
    a read each) for every posting it writes: 7% of the time of writing an article
    (profile of the write stage, 10,000 Reuters articles). A segment's length column is
    one byte per document, read here whole on first use: an index of 100,000 articles
    holds 100 KB per scored field."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    from whoosh.util.numeric import byte_to_length

    if getattr(cls, "_reads_whole_lengths", False):
        return
    table = (None,) + tuple(byte_to_length(b) for b in range(1, 256))  # Whoosh gives None for 0
    missing = object()

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError("Asked for docnum %r of %d" % (docnum, self._doccount))
        whole = self.__dict__.setdefault("_length_bytes", {})
        lengths = whole.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if reader is None:
                lengths = whole[fieldname] = missing
            else:
                lengths = whole[fieldname] = reader._dbfile.get(reader._basepos, reader._count)
        if lengths is missing:
            return default
        return table[lengths[docnum]] if docnum < len(lengths) else None

    cls.whoosh_doc_field_length = cls.doc_field_length  # kept: the tests compare the two
    cls.doc_field_length = doc_field_length
    cls._reads_whole_lengths = True

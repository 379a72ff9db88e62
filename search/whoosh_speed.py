"""Patches to Whoosh 2.7's hot paths in writing an index: its per-document reader, which the
writer uses for every posting it writes and the scorer for every document it scores, and its
stemmer's cache, called for every word analyzed. Written here because Whoosh 2.7 is the last
release (whoosh-reloaded keeps its code): applied once per process, before any writer or
searcher is opened; they change how values are looked up, never what is found."""
from __future__ import annotations

import functools
import itertools
import pickle

RUN_CHUNK = 4096  # postings per pickle in a sort run (see _chunked_runs)


def apply() -> None:
    from whoosh.codec import whoosh3

    cls = getattr(whoosh3, "W3PerDocReader", None)
    if cls is not None and hasattr(cls, "_cached_reader"):  # the code these patches were written for
        _remember_missing_columns(cls)
        _whole_length_columns(cls)
    _c_stem_cache()
    _chunked_runs()
    _one_loop_tail()


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


def _one_loop_tail() -> None:
    """Whoosh's CompositeAnalyzer chains one generator per filter; the text fields' last four
    (schema.TAIL) run in one loop instead (schema.tail_filters): a fifth less CPU for the
    analyzer, which the multi-process writer's sub-writers run beside the NER. An analyzer of
    other filters, and one asked for no morphology (no_morph), is chained as Whoosh chains it."""
    from whoosh.analysis.analyzers import CompositeAnalyzer

    from .schema import TAIL, tail_filters

    if getattr(CompositeAnalyzer, "_one_loop_tail", False):
        return
    whoosh_call = CompositeAnalyzer.__call__
    n = len(TAIL)

    def __call__(self, value, no_morph=False, **kwargs):
        items = self.items
        if no_morph or len(items) != n + 2 or tuple(map(type, items[2:])) != TAIL:
            return whoosh_call(self, value, no_morph=no_morph, **kwargs)
        return tail_filters(items[1](items[0](value, **kwargs)), *items[2:])

    CompositeAnalyzer.whoosh_call = whoosh_call  # kept: the tests compare the two
    CompositeAnalyzer.__call__ = __call__
    CompositeAnalyzer._one_loop_tail = True


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


def _chunked_runs() -> None:
    """When a writer's postings pass its memory limit, and always in the multi-process
    writer's sub-writers, Whoosh's external sort writes each posting to a run file as its
    own pickle and reads it back one pickle at a time: two calls into pickle per posting,
    a fifth of a sub-writer's CPU on a 95,000-article build. A run is written here as lists
    of RUN_CHUNK postings; a reader takes either form (a posting is a tuple, never a list),
    so a run written by an unpatched process still reads. The sorted order is unchanged."""
    from whoosh.externalsort import SortingPool

    if getattr(SortingPool, "_chunked", False):
        return

    def _write_run(self, f, items):
        items = iter(items)
        try:
            while True:
                chunk = list(itertools.islice(items, RUN_CHUNK))
                if not chunk:
                    break
                pickle.dump(chunk, f, 2)
        finally:
            f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        load = pickle.load
        try:
            while True:
                try:
                    got = load(f)
                except EOFError:
                    return
                if type(got) is list:
                    yield from got
                else:
                    yield got
        finally:
            f.close()
            self._remove_run(path)

    SortingPool.whoosh_write_run = SortingPool._write_run  # kept: the tests compare the two
    SortingPool._write_run = _write_run
    SortingPool._read_run = _read_run
    SortingPool._chunked = True

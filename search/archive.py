"""An open archive: the live generation's Whoosh index, facet table and entity resolution.

The CLI opens one for a command; the web app keeps one for its lifetime and, on every
request, swaps to a newly published generation (a cheap read of CURRENT), so a reindex
needs no restart.

One Whoosh searcher per generation, shared by every thread. Whoosh's own readers are
not safe to share, and they are costly to have one per thread: each opens the segment
files through `CompoundStorage`, which maps the compound file and wraps each sub-file
(postings, term index, columns) in a `BufferFile` whose `BytesIO(memoryview)` copies
the sub-file into the heap. On 95k articles that is ~170 MB of heap and another mapping
of the ~300 MB of segment files per searcher: 8 waitress threads came to 4.9 GB RSS.
What makes a reader unsafe to share is one piece of mutable state: the read position of
those files (posting blocks and column headers are read with seek/read/read_pickle).
`_SharedStorage` opens each index file once as a read-only mmap and hands out
`_SharedFile`s: Whoosh's `BufferFile` over that mapping without the copy, with a read
position per thread. The rest of a reader's state is lazily filled caches (column
readers by field, min/max lengths, the searcher's idf cache) where a race at worst
builds the same value twice; matchers and collectors are per query.
"""
from __future__ import annotations

import json
import mmap
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile

from . import whoosh_speed
from .facets import FacetTable
from .store import REBUILD_FIX, IndexNoAccess, IndexUnreadable, Store


@dataclass
class Generation:
    name: str
    path: Path
    index: Any
    facets: FacetTable
    entities: Any  # search.entities.Resolution or None
    manifest: dict[str, Any]
    searcher: Any = None  # whoosh.searching.Searcher over _SharedStorage, shared by all threads
    # What the query layer derives once per generation (live mask, date orders, browse
    # counts, term cache): keyed by name, dropped with the generation.
    derived: dict[str, Any] = field(default_factory=dict)
    # Store.current_version() when opened: what caches of a generation are keyed by (a
    # rebuilt index directory reuses generation names).
    version: tuple | None = None

    def derive(self, key: str, make: Callable[[], Any]) -> Any:
        """`derived[key]`, made by `make()` on first use (two threads racing at worst make
        the same value twice)."""
        value = self.derived.get(key)
        if value is None:
            value = self.derived[key] = make()
        return value


class Archive:
    def __init__(self, path: str | Path | None = None):
        self.store = Store(path)
        self._lock = threading.Lock()
        self._gen: Generation | None = None
        self.current()  # fail early (IndexMissing) on a missing index

    def current(self) -> Generation:
        version = self.store.current_version()
        gen = self._gen
        if gen is not None and gen.version == version:
            return gen
        with self._lock:
            if self._gen is None or self._gen.version != version:
                self._gen = self._open(version)
            return self._gen

    def _open(self, version: tuple | None) -> Generation:
        path = self.store.current_dir()
        try:
            ix, searcher, facets, entities, manifest = open_generation(path)
        except PermissionError as exc:
            raise IndexNoAccess(self.store.path, exc) from exc
        except Exception as exc:
            try:  # Whoosh says "EmptyIndexError" of a folder it may not list: a permission, not damage
                os.listdir(path)
            except PermissionError as denied:
                raise IndexNoAccess(self.store.path, denied) from exc
            except OSError:
                pass  # truncated segments, garbage files: Whoosh raises anything from EOFError to struct.error
            raise IndexUnreadable(f"the index at {self.store.path} ({path.name}) is damaged ({exc.__class__.__name__}: {exc}): "
                                  f"{REBUILD_FIX}") from exc
        if facets is None:
            facets = FacetTable.build(searcher.reader())
        return Generation(path.name, path, ix, facets, entities, manifest, searcher, version=version)

    def searcher(self):
        """(live generation, its searcher): one searcher per generation, safe to use from
        any thread (see the module docstring). A request keeps the pair it got, so a
        generation published meanwhile does not change under it; the old generation's
        files stay mapped until the last request holding it lets go."""
        gen = self.current()
        return gen, gen.searcher

    def close(self) -> None:
        """Closes the live generation's searcher (end of the archive's use: a CLI command)."""
        gen = self._gen
        if gen is not None and gen.searcher is not None and not gen.searcher.is_closed:
            gen.searcher.close()


class _View:
    """A read-only file over `length` bytes of `base` (an mmap or bytes) from `start`,
    without copying them, whose position is per thread: what Whoosh's readers seek and
    read (block headers, pickles, column headers) through a StructFile."""

    def __init__(self, base, start: int, length: int):
        self._base, self._start, self._len = base, start, length
        self._pos = threading.local()

    def tell(self) -> int:
        return getattr(self._pos, "p", 0)

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence == 1:
            pos += self.tell()
        elif whence == 2:
            pos += self._len
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos.p = pos
        return pos

    def read(self, n: int | None = -1) -> bytes:
        pos = getattr(self._pos, "p", 0)
        end = self._len if n is None or n < 0 else min(self._len, pos + n)
        if end <= pos:
            return b""
        self._pos.p = end
        return self._base[self._start + pos: self._start + end]

    def peek(self, n: int = 0) -> bytes:  # lets pickle read a block header in one call
        pos = getattr(self._pos, "p", 0)
        return self._base[self._start + pos: self._start + min(self._len, pos + max(n, 512))]

    def readline(self, limit: int | None = -1) -> bytes:
        pos = getattr(self._pos, "p", 0)
        end = self._len if limit is None or limit < 0 else min(self._len, pos + limit)
        nl = self._base.find(b"\n", self._start + pos, self._start + end)
        return self.read((nl - self._start + 1 if nl >= 0 else end) - pos)

    def close(self) -> None:  # the mapping is shared: unmapped when nothing refers to it
        pass


class _SharedFile(BufferFile):
    """Whoosh's BufferFile over a shared mapping: `get` reads by position (as BufferFile's
    does), the StructFile reads go through a per-thread `_View`, nothing is copied, and
    `subset` (a compound file's sub-files) views the same mapping."""

    def __init__(self, base, start: int = 0, length: int | None = None, name=None, onclose=None):
        length = len(base) - start if length is None else length
        self._base, self._start, self._length = base, start, length
        self._buf = base  # BufferFile's attribute; `get` below is what reads it
        self._name = name
        self.file = _View(base, start, length)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def __len__(self) -> int:
        return self._length

    def subset(self, position, length, name=None):
        return _SharedFile(self._base, self._start + position, length, name=name or self._name)

    def get(self, position, length):
        start = self._start + position
        return self._base[start: start + max(0, min(length, self._length - position))]


class _SharedStorage(FileStorage):
    """The generation directory, read only; each file opened as one read-only mmap shared
    by every reader and thread (`supports_mmap` False so that CompoundStorage takes its
    sub-files as `subset`s of it instead of mapping the file again)."""

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False, readonly=True)

    def open_file(self, name, **kwargs):
        with open(self._fpath(name), "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            base = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return _SharedFile(base, 0, size, name=name, **kwargs)


def open_generation(path: Path):
    """(Whoosh index, searcher, facet table or None, entity resolution or None, manifest) of
    one generation; raises whatever reading a damaged file raises. A missing facet table,
    entity file or manifest is an index from before they existed; one that does not parse
    is damage."""
    manifest = read_manifest(path)
    whoosh_speed.apply()
    ix = _SharedStorage(str(path)).open_index()
    searcher = ix.searcher()
    try:
        facets = FacetTable.load(path, strict=True)
        entities = _load_entities(path)
    except BaseException:
        searcher.close()
        raise
    return ix, searcher, facets, entities, manifest


def read_manifest(path: Path) -> dict[str, Any]:
    """The generation's manifest ({} when it has none). One that is no JSON object, or whose
    file sizes are not numbers, raises ValueError: read as {}, the size checks it holds were
    skipped in silence, and `stats` and /healthz were internal errors on a JSON list."""
    try:
        data = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        data = None
    files = data.get("files", {}) if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, int) for v in files.values()):
        raise ValueError("manifest.json is not a JSON object with the sizes of its files")
    return data


CHECKED_FILES = ("facets.npz", "entities.json", "spelling.json")  # their sizes go in the manifest


def damage(path: Path, quick: bool = False) -> str | None:
    """What is wrong with generation `path` (None when it opens cleanly): the indexer
    rebuilds a damaged live generation instead of copying it forward. `quick`, for every
    index run (a no-op nightly run must stay cheap): Whoosh's files are opened, but the
    facet table and the entity file are only checked against the sizes the manifest
    recorded, since parsing the entities of 100k articles takes most of a second. Raises
    CacheBusy (exit 4) for a catalog another process holds locked."""
    import sqlite3

    from .cache import read_only, refuse_busy_live_catalog

    try:
        if not quick:
            searcher = open_generation(path)[1]
            searcher.close()
            return None
        _SharedStorage(str(path)).open_index().searcher().close()
        sizes = read_manifest(path).get("files") or {}
        for name, size in sizes.items():
            actual = (path / name).stat().st_size if (path / name).exists() else None
            if actual != size:
                return f"{name} is {actual if actual is not None else 'missing'}, not {size} bytes"
        # the list of documents the next run compares with: damaged, it was copied forward and
        # every run that had something to do failed ("internal error: DatabaseError")
        catalog = path / "catalog.sqlite"
        if not catalog.exists():
            # deleted (a clean-up, a bad restore): the run copied the generation forward with an
            # empty list of its documents, and added every article a second time
            return "catalog.sqlite is missing"
        if not catalog.is_file():  # no catalog either: said as SQLite's "disk I/O error"
            return "catalog.sqlite is a folder, not the catalog file" if catalog.is_dir() else \
                "catalog.sqlite is no file"
        con = read_only(catalog)
        try:
            con.execute("SELECT 1 FROM docs LIMIT 1").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        refuse_busy_live_catalog(path / "catalog.sqlite", exc)
        return f"{exc.__class__.__name__}: {exc}"
    except Exception as exc:
        return f"{exc.__class__.__name__}: {exc}"
    return None


def _load_entities(path: Path):
    try:
        data = json.loads((path / "entities.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    from .entities import Resolution

    return Resolution.from_json(data)

"""SQLite tables that outlive generations (the enrichment cache) or travel with one (the catalog).

Enrichment results are keyed by content (raw hash for cleaning, clean-text hash for
language/translation/entities) plus a fingerprint of the code that produced them, so an
unchanged article is never processed twice and a code change invalidates exactly what
it affects.

Tables: `stage1` (cleaning), `stage2` (language, translation flags, mentions: the
whole of stage 2, so an unchanged article costs one lookup) and `model`: the NER model's
output (spaCy's spans, the gazetteer ruler's and the city list's) by the hash of exactly
what spaCy read (entities.ner.model_key: the text after dateline blanking and
truecasing, so the decisions of that cheap code are in the key, not in a fingerprint)
plus the fingerprint of what turns that input into spans (fingerprints.MODEL_CODE: ner.py,
gazetteer.py, the spaCy, thinc, NumPy, model and gazetteer data versions). Language detection decides
only which of the two model runs (NER, or the gazetteer alone) a text gets: that is in the
key too. So a change to the translation detector, the language detector or the document
rules misses `stage2` and recomputes those steps (5-6 ms an article) while the model's
output (12-15 ms) comes from `model`: 324 bytes an article more (keys and data, 2,000
Reuters articles: bench/reenrich.py). A cache written by the release before has no
`model` table: it is created empty, and that release's `stage2` rows are not found under
this code's fingerprint, so the first run computes everything once, as after any release.

A fourth, `language`, holds each text's language by its hash and the fingerprint of
language detection (its code, langdetect's and NumPy's versions): 1.6 ms an article that a change to
the translation detector or an entity rule need not spend again.

Every key ends in ":" and the fingerprint it was computed under. Rows under another
fingerprint than the current code's are of no use to it: a run that published its
generation deletes them (Cache.prune), else the file grew by the archive's size with every
release. Not before: a run that failed midway leaves them for the release before, should
its user go back to it. A fifth, `pruned`, holds the fingerprints of the last prune, so a
nightly run under the same code reads nothing. Rows under the current fingerprints that no
article of the published index names (deleted, forgotten, an earlier text) are marked in
`unseen` and deleted some runs later (Cache.sweep, `sweeps` counts them): the NER model's rows
stay, their keys being in no catalog.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from .store import IndexBusy, IndexUnreadable, absent


@lru_cache(maxsize=None)
def code_fingerprint(*packages: str) -> str:
    """Hash of the source files (and shipped data) of the given modules/packages; a name
    after "!" is a file left out (code in a package that the cached stage never runs)."""
    here = Path(__file__).resolve().parent
    left_out = {here / n[1:] for n in packages if n.startswith("!")}
    h = hashlib.sha1()
    for name in packages:
        if name.startswith("!"):
            continue
        p = here / name
        files = sorted(p.rglob("*")) if p.is_dir() else [p.with_suffix(".py")]
        for f in files:
            if f in left_out:
                continue
            if f.is_file() and f.suffix in (".py", ".json", ".txt", ".tsv", ".npz", ".npy") and "__pycache__" not in f.parts:
                h.update(f.relative_to(here).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]


BUSY_TIMEOUT = 30.0  # seconds a run waits for another process's write lock on the cache


def _connect(path: Path, wal: bool, timeout: float | None = None) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT if timeout is None else timeout)
    # The catalog is copied file-by-file into the next generation: no WAL side files there.
    con.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


CACHE_FILE = "cache.sqlite"  # in the index directory


# SQLite's result codes that say the file itself is damaged: the only errors the cache is
# replaced for. "database is locked" (another process writing it), "attempt to write a
# readonly database" (a cache another user's run created), "unable to open database file",
# "database or disk is full" are sqlite3.OperationalError, a DatabaseError as damage is: a
# locked or read-only cache was deleted, and a nightly run as another user than the one
# whose run had filled it threw away hours of enrichment.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_NO_WRITE_CODES = frozenset({sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN,
                             sqlite3.SQLITE_AUTH})


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of `exc` (0 when it carries none)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file is damaged (not a database, malformed), not that
    it cannot be used now (locked, read-only, unreachable, disk full)."""
    return _code(exc) in _DAMAGE_CODES


class CacheBusy(IndexBusy):
    """Another process holds the enrichment cache locked past the busy timeout (exit code 4):
    the run waits, then stops with the live index and the cache as they were."""


class CacheNotWritable(PermissionError):
    """The enrichment cache is there but this run may not write it (a file another user's run
    created, a read-only file): a permission to fix, not damage to start afresh."""


CACHE = "the enrichment cache"

# what SQLite keeps beside a database file: its rollback journal, its WAL, the WAL's shared memory
_BESIDE = ("-journal", "-wal", "-shm")


def _database_files(path: Path) -> tuple[Path, ...]:
    """The database file at `path` and those SQLite keeps beside it (_BESIDE)."""
    return (path, *(path.with_name(path.name + s) for s in _BESIDE))


def absent_files(path: Path) -> list[Path]:
    """Of the cache file at `path` and the files SQLite keeps beside it, those the system says are
    not there (store.absent, the files themselves): those a run about to open it will have made, its own to remove."""
    return [p for p in _database_files(path) if absent(p, follow=False)]


def not_a_file(path: Path) -> Path | None:
    """The database file at `path`, or one SQLite keeps beside it, that is there but is no file (a
    folder: an `mkdir` by mistake, a restore gone wrong), or None."""
    for p in _database_files(path):
        if os.path.lexists(p) and not p.is_file():
            return p
    return None


class InTheWay(IndexUnreadable):
    """A folder (or a link to none) where SQLite keeps a database or its journal (exit code 3):
    SQLite says "unable to open database file", "disk I/O error" or "attempt to write a readonly
    database", which were read as a permission ("run as a user who may write it") or, of the live
    catalog, as damage (the whole archive rebuilt and called repaired), where moving it away mends
    all."""

    def __init__(self, what: str, blocker: Path, left: str) -> None:
        kind = "a folder" if blocker.is_dir() else "no file"
        super().__init__(f"{what} cannot be opened: {blocker} is {kind}, where SQLite keeps a file of it: move it "
                         f"away; {left}", fix=f"move {blocker.name} away in the index's folder")


def _write_refusal(path: Path) -> OSError | None:
    """The system's own refusal of `path` (or a file SQLite keeps beside it) to be written, which
    SQLite answered by opening it read-only: EPERM for one made immutable or append-only (chattr
    +i, +a), which no user may write, where SQLite's "readonly database" alone read as a user's
    permission (EACCES). None when each opens for writing."""
    for p in _database_files(path):
        try:
            os.close(os.open(p, os.O_RDWR))
        except FileNotFoundError:
            continue
        except OSError as exc:
            return exc
    return None


def unusable(path: Path, exc: sqlite3.Error, what: str = CACHE, left: str = "it was left as it is") -> Exception:
    """The error a run stops with for a cache (or `what` else) it cannot use though it is not
    damaged (is_damage is False): nothing of it is deleted (`left` says what became of it)."""
    blocker = not_a_file(path)
    if blocker is not None:
        return InTheWay(what, blocker, left)
    code = _code(exc)
    if code in _BUSY_CODES:
        return CacheBusy(f"{what} {path} is locked by another process ({exc})")
    if code in _NO_WRITE_CODES:
        refusal = _write_refusal(path)
        return CacheNotWritable(refusal.errno if refusal else errno.EACCES, f"{what} cannot be written ({exc}"
                                + (f": {refusal.strerror})" if refusal else ")"),
                                refusal.filename if refusal else str(path))
    return OSError(errno.ENOSPC if code == sqlite3.SQLITE_FULL else errno.EIO,
                   f"{what} cannot be used ({exc}); {left}", str(path))


def refuse_busy_live_catalog(path: Path, exc: sqlite3.Error) -> None:
    """Raise CacheBusy when another process (an sqlite3 shell, a backup) holds the live
    generation's catalog at `path` locked, PermissionError when this user may not read it,
    InTheWay when a folder is where SQLite keeps its journal: no damage, and read as damage the
    nightly run rebuilt the whole archive and called it repaired. Returns for any other error,
    which its callers (archive.damage, indexer._live_rows) read as damage."""
    if _code(exc) in _BUSY_CODES or not_a_file(path) is not None:
        raise unusable(path, exc, "the live generation's catalog", "the live index is unchanged") from exc
    if _code(exc) in _NO_WRITE_CODES:
        # "unable to open database file" for a catalog this user may not read (made by a run as
        # root, mode 0600) was read as damage too: hours of rebuilding, "repaired". The system's
        # own word on the file decides: a permission is said as one (the CLI's exit 3).
        try:
            with open(path, "rb"):
                pass
        except PermissionError as denied:
            raise denied from exc
        except OSError:
            pass


# what unusable() says of an error met after opening: another process's lock, a permission, a
# full disk, an I/O error. Any other OperationalError ("no such table") is a bug, said as one.
_UNAVAILABLE_CODES = _BUSY_CODES | _NO_WRITE_CODES | {sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR}


@contextmanager
def unusable_raised(path: Path, what: str = CACHE, left: str = "it was left as it is",
                    afresh: bool = True) -> Iterator[None]:
    """SQLite's errors of the file at `path` that say it cannot be used now raised as unusable()
    says them. Opening the cache said so; an index run that met the same midway (a full disk
    while stage 1's results were written, another process taking the cache's write lock) ended
    with "internal error: OperationalError: database or disk is full". `afresh`: an I/O error
    of a damaged file is raised as it is, for the run to start the file afresh (indexer.run does
    so for the cache only: the new generation's catalog's, raised raw, was said as the cache's)."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        code = _code(exc)
        if code not in _UNAVAILABLE_CODES or \
                (afresh and code == sqlite3.SQLITE_IOERR and cache_damage(path) is not None):
            raise  # a bug; or an I/O error of a damaged file, which the run starts afresh (indexer.run)
        raise unusable(path, exc, what, left) from exc


def cache_damage(path: Path) -> str | None:
    """What SQLite's quick check finds wrong with the cache file at `path`, None when nothing
    (or there is no file, or it cannot be read now: locked, unreadable, which is no damage).
    A full read: for a run that failed, not for every run."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(path)
        try:
            found = [row[0] for row in con.execute("PRAGMA quick_check(3)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return f"{exc.__class__.__name__}: {exc}" if is_damage(exc) else None
    lines = [line for row in found for line in row.splitlines() if not line.startswith("***")]
    return None if found == ["ok"] else "DatabaseError: " + "; ".join(lines[:2])


def reset_cache(path: Path) -> None:
    """The cache file at `path` deleted, with its WAL files: the next Cache starts afresh."""
    for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        f.unlink(missing_ok=True)


def holds_work(path: Path) -> bool:
    """Whether the cache file at `path` holds a result (a row of stage1, stage2, model or language):
    a first run stopped before its first one leaves an empty cache, which keeps nothing for the
    next run. True when it cannot be read now (locked, damaged): said as a cache keeping work.
    A cache with no WAL or journal beside it is all in its file, read as such (immutable): opened
    as a WAL database, even read-only, it left an empty -wal and a -shm beside the kept cache."""
    try:
        whole = all(absent(path.with_name(path.name + s), follow=False) for s in ("-wal", "-journal"))
        con = read_only(path, immutable=whole)
        try:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            return any(con.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                       for t in ("stage1", "stage2", MODEL_TABLE, LANGUAGE_TABLE) if t in tables)
        finally:
            con.close()
    except sqlite3.Error:
        return True


class Cache:
    """stage1: cleaning results by raw-content hash; stage2: enrichments by clean-text hash;
    model: the NER model's output by its input's hash (written here, read by ModelOutputs);
    language: each text's language by its hash (written here, read by Languages)."""

    def __init__(self, path: Path, timeout: float | None = None):
        """Raises CacheBusy (locked by another process for `timeout` seconds, BUSY_TIMEOUT), CacheNotWritable
        or OSError for a cache that cannot be used now; a damaged one is started afresh."""
        # what was wrong with a damaged cache file this run replaced, or None: the cache only
        # saves work (the index never needs it), and "file is not a database" stopped every
        # index run, `reindex --full` too, until someone deleted it by hand
        self.reset: str | None = None
        self.path = path
        made = absent_files(path)  # the files this run makes: its own to remove
        try:
            try:
                self._open(path, timeout)
            except sqlite3.DatabaseError as exc:
                self._close_quietly()
                if not is_damage(exc):  # locked, read-only: the user's cache, kept
                    raise
                self.reset = f"{exc.__class__.__name__}: {exc}"
                reset_cache(path)
                made = list(_database_files(path))
                self._open(path, timeout)
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            if is_damage(exc):  # again, started afresh: for run() to say
                raise
            if path not in made or not_a_file(path) is not None:
                raise unusable(path, exc) from exc
            # made by this run and holding nothing yet (a full disk had no room for its first pages): an
            # empty cache.sqlite stayed, and kept the folder of a first run that had made nothing else
            kept, why = [], ""
            for p in made:
                try:
                    p.unlink(missing_ok=True)
                except OSError as refused:  # a folder that lets a file be made, not removed (chattr +a)
                    kept.append(p.name)
                    why = refused.strerror or str(refused)
            # the cache's error said, not the removal's: "Operation not permitted" hid the full disk
            left = "the empty file this run had made for it was removed"
            if path.name in kept:
                others = [name for name in kept if name != path.name]
                left = (f"the empty file this run had made for it could not be removed ({why}) and is left"
                        + (f", with {', '.join(others)}" if others else ""))
            elif kept:
                left += f"; {', '.join(kept)} could not be removed ({why}) and is left"
            raise unusable(path, exc, left=left) from exc

    def _open(self, path: Path, timeout: float | None) -> None:
        self.con = None
        self.con = _connect(path, wal=True, timeout=timeout)
        self.con.execute("CREATE TABLE IF NOT EXISTS stage1 (key TEXT PRIMARY KEY, keys TEXT, data TEXT)")
        self.con.execute("CREATE TABLE IF NOT EXISTS stage2 (key TEXT PRIMARY KEY, data TEXT)")
        self.con.execute(f"CREATE TABLE IF NOT EXISTS {MODEL_TABLE} (key TEXT PRIMARY KEY, data TEXT)")
        self.con.execute(f"CREATE TABLE IF NOT EXISTS {LANGUAGE_TABLE} (key TEXT PRIMARY KEY, data TEXT)")
        self.con.execute("CREATE TABLE IF NOT EXISTS pruned (id INTEGER PRIMARY KEY CHECK (id = 0), fingerprints TEXT)")
        # sweep(): the rows no article of the index names, since which sweep; and the sweeps so far
        self.con.execute("CREATE TABLE IF NOT EXISTS unseen (tbl TEXT, key TEXT, run INTEGER, PRIMARY KEY (tbl, key))")
        self.con.execute("CREATE TABLE IF NOT EXISTS sweeps (id INTEGER PRIMARY KEY CHECK (id = 0), n INTEGER)")
        self.con.execute("SELECT 1 FROM stage1 LIMIT 1").fetchall()
        # A write tried and undone: a cache that this run may not write, or that another process
        # holds, stops the run here, before it cleans a single article, not at its first result.
        self.con.execute("BEGIN IMMEDIATE")
        try:
            self.con.execute(f"PRAGMA user_version={self.con.execute('PRAGMA user_version').fetchone()[0]}")
        finally:
            self.con.execute("ROLLBACK")

    def _close_quietly(self) -> None:
        if getattr(self, "con", None) is not None:
            try:
                self.con.close()
            except sqlite3.Error:
                pass

    def get1(self, key: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT data FROM stage1 WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def keys1(self, key: str) -> list[str] | None:
        row = self.con.execute("SELECT keys FROM stage1 WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def stage1_json(self, column: str, keys: list[str]) -> dict[str, str]:
        """Stage 1's `column` ("keys" or "data") of the rows under `keys` (500 at most), as
        stored: one query, where a query per row cost as much as parsing its JSON."""
        return dict(self.con.execute(f"SELECT key, {column} FROM stage1 WHERE key IN ({','.join('?' * len(keys))})",
                                     keys).fetchall())

    def has1(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM stage1 WHERE key=?", (key,)).fetchone() is not None

    def has2(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM stage2 WHERE key=?", (key,)).fetchone() is not None

    def has1_all(self, keys: Iterable[str]) -> bool:
        """Whether stage 1 holds every one of `keys` (a query per 500 keys, nothing parsed)."""
        return not self.missing1({k: k for k in keys})

    def missing1(self, keys: dict[Any, str]) -> set[Any]:
        """The items of `keys` (item -> stage 1 key) whose key stage 1 does not hold."""
        wanted = list(set(keys.values()))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update(k for (k,) in self.con.execute(
                f"SELECT key FROM stage1 WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        return {item for item, key in keys.items() if key not in found}

    def put1_json(self, key: str, line_keys: str, data: str) -> None:
        """Both already in JSON, as the process pool's workers return them."""
        self.con.execute("INSERT OR REPLACE INTO stage1 VALUES (?,?,?)", (key, line_keys, data))

    def get2(self, key: str) -> dict[str, Any] | None:
        data = self.get2_json(key)
        return json.loads(data) if data else None

    def get2_json(self, key: str) -> str | None:
        row = self.con.execute("SELECT data FROM stage2 WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def put2_json(self, key: str, data: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO stage2 VALUES (?,?)", (key, data))

    def put_model_json(self, key: str, data: str) -> None:
        """A model output a worker computed (ModelOutputs.new), written by the run's process."""
        self.con.execute(f"INSERT OR REPLACE INTO {MODEL_TABLE} VALUES (?,?)", (key, data))

    def put_language(self, key: str, language: str) -> None:
        """A language a worker detected (Languages.new), written by the run's process."""
        self.con.execute(f"INSERT OR REPLACE INTO {LANGUAGE_TABLE} VALUES (?,?)", (key, language))

    def prune(self, current: dict[str, str]) -> dict[str, int]:
        """Delete the rows of each table (`current`: table -> the code's fingerprint) that
        were computed under another fingerprint; commits. Rows deleted and the bytes SQLite
        got back (its free pages). Nothing is read when the last prune was to the same
        fingerprints (a nightly run)."""
        marker = json.dumps(current, sort_keys=True)
        if self.con.execute("SELECT 1 FROM pruned WHERE fingerprints=?", (marker,)).fetchone():
            return {"rows": 0, "bytes": 0, "vacuumed": False}
        free = self.con.execute("PRAGMA freelist_count").fetchone()[0]
        rows = 0
        for table, fp in current.items():
            # the keys alone are read (the primary key's index), not the rows' data
            rows += self.con.execute(
                f"DELETE FROM {table} WHERE key IN (SELECT key FROM {table} WHERE substr(key, ?) != ?)",
                (-len(fp) - 1, ":" + fp)).rowcount
        self.con.execute("INSERT OR REPLACE INTO pruned VALUES (0, ?)", (marker,))
        self.con.commit()
        freed = self.con.execute("PRAGMA freelist_count").fetchone()[0] - free
        size = max(0, freed) * self.con.execute("PRAGMA page_size").fetchone()[0]
        try:
            vacuumed = self._compact()
        except sqlite3.Error:  # e.g. disk full copying the file: the rows are deleted all the same
            vacuumed = False
        return {"rows": rows, "bytes": size, "vacuumed": vacuumed}

    def sweep(self, keep: dict[str, tuple[str, set[str]]], after: int) -> int:
        """Delete the rows of each table (`keep`: table -> the code's fingerprint and the keys
        to keep) computed under that fingerprint that no key kept has named in the last `after`
        calls (a call per published run): the results of articles deleted from the archive, or
        of an article's earlier text. prune() leaves them (they are this code's), so the file
        grew with every article ever read until the next release. Not at once: a source
        forgotten by mistake and indexed again, a file put back, find their results for
        `after` runs. Reads the tables' keys alone (the primary key's index); commits. Rows
        deleted."""
        row = self.con.execute("SELECT n FROM sweeps WHERE id=0").fetchone()
        run = (row[0] if row else 0) + 1
        gone = 0
        for table, (fp, kept) in keep.items():
            unused = {k for (k,) in self.con.execute(f"SELECT key FROM {table} WHERE substr(key, ?) = ?",
                                                     (-len(fp) - 1, ":" + fp)) if k not in kept}
            marked = dict(self.con.execute("SELECT key, run FROM unseen WHERE tbl=?", (table,)).fetchall())
            # in use again, or deleted by prune(): no longer counted
            self.con.executemany("DELETE FROM unseen WHERE tbl=? AND key=?",
                                 ((table, k) for k in marked if k not in unused))
            self.con.executemany("INSERT INTO unseen VALUES (?,?,?)", ((table, k, run) for k in unused - marked.keys()))
            expired = [k for k in unused if marked.get(k, run) <= run - after]
            gone += self.con.executemany(f"DELETE FROM {table} WHERE key=?", ((k,) for k in expired)).rowcount
            self.con.executemany("DELETE FROM unseen WHERE tbl=? AND key=?", ((table, k) for k in expired))
        self.con.execute("INSERT OR REPLACE INTO sweeps VALUES (0, ?)", (run,))
        self.con.commit()
        return gone

    def _compact(self) -> bool:
        """The file rewritten without its free pages when they are a third of it or more (a
        release whose code changed had doubled it: 44% of a cache of 1,000 Reuters articles
        was free pages once pruned). VACUUM copies what is kept, then at most twice what the
        run has just deleted (and written): 0.02 s for that cache, 7.4 MB to 4.0 MB, in a run
        of 11 s. Free pages would be reused by the next release's entries, but the file stayed
        twice its size between releases."""
        pages, free = (self.con.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count"))
        if free * 3 >= pages:
            self.con.execute("VACUUM")
            return True
        return False

    def commit(self) -> None:
        self.con.commit()

    def close(self) -> None:
        _commit_and_close(self.con)


MODEL_TABLE = "model"
LANGUAGE_TABLE = "language"


class ModelOutputs:
    """The NER model's outputs as a stage-2 worker sees them (entities.ner.ModelOutputs): read
    from the cache file at `path` (None: none), new ones held in `new` for the run's process
    to write (one writer: the workers only read). Keys get the model's `fingerprint`."""

    def __init__(self, path: str | None, fingerprint: str):
        self.path, self.fingerprint = path, fingerprint
        self.new: list[tuple[str, str]] = []  # (cache key, JSON)
        self._con: sqlite3.Connection | None = None

    def get(self, key: str) -> list[list] | None:
        if self.path is None:
            return None
        if self._con is None:
            self._con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        try:
            row = self._con.execute(f"SELECT data FROM {MODEL_TABLE} WHERE key=?",
                                    (f"{key}:{self.fingerprint}",)).fetchone()
        except sqlite3.Error:  # a cache file damaged or gone meanwhile: the model runs
            return None
        return json.loads(row[0]) if row else None

    def put(self, key: str, spans: list[list]) -> None:
        self.new.append((f"{key}:{self.fingerprint}", json.dumps(spans, ensure_ascii=False)))

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


class Languages:
    """Language detection's results as a stage-2 worker sees them: read from the cache file at
    `path` (None: none) by text hash under the `fingerprint` of language detection, new ones
    held in `new` for the run's process to write (Cache.put_language)."""

    def __init__(self, path: str | None, fingerprint: str):
        self.path, self.fingerprint = path, fingerprint
        self.new: list[tuple[str, str]] = []  # (cache key, language)

    def get(self, hashes: list[str]) -> list[str | None]:
        """The language of each text hash, None where the cache holds none (one query)."""
        keys = [f"{h}:{self.fingerprint}" for h in hashes]
        found: dict[str, str] = {}
        if self.path is not None and keys:
            try:
                con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
                try:
                    found = dict(con.execute(f"SELECT key, data FROM {LANGUAGE_TABLE} WHERE key IN "
                                             f"({','.join('?' * len(keys))})", keys).fetchall())
                finally:
                    con.close()
            except sqlite3.Error:  # a cache file damaged or gone meanwhile (or of the release
                found = {}  # before, without the table): detected again
        return [found.get(k) for k in keys]

    def put(self, text_hash: str, language: str) -> None:
        self.new.append((f"{text_hash}:{self.fingerprint}", language))


# a catalog row's page address, and that address in lower case (ASCII alone, as SQLite's lower()
# folds), which the catalog indexes: catalog_ids_with_url reads the rows of one address, not all
_URL = "json_extract(info, '$.url')"
_URL_FOLDED = f"lower({_URL})"
_URL_INDEX = f"CREATE INDEX IF NOT EXISTS docs_url ON docs ({_URL_FOLDED})"
# the file each row was read from: catalog_ids_of reads the rows of one file (`show FILE`), not all
_PATH_INDEX = "CREATE INDEX IF NOT EXISTS docs_path ON docs (path)"
CATALOG_COLUMNS = ("id", "root", "path", "source", "content_hash", "tpl_hash", "text_hash", "record_hash", "info")


def read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """A connection that neither creates a missing file nor writes one: a damage check or a
    lookup on a published generation's catalog. `immutable`: nor anything beside it (no -shm),
    for a file no process writes meanwhile."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}", uri=True,
                           timeout=BUSY_TIMEOUT)


def catalog_ids_of(path: Path, paths: list[str]) -> list[str]:
    """Ids the catalog at `path` files as read from one of `paths`, in the order they were
    filed (a JSON Lines file's records by line). Looked up in the catalog's index of the path
    (_PATH_INDEX): `show FILE` scanned every row. A catalog written before the index is
    scanned, as it was, until the next index run adds it. Raises sqlite3.Error for no catalog."""
    return _catalog_ids(path, f"path IN ({','.join('?' * len(paths))})", paths)


def catalog_ids_with_url(path: Path, url: str, folded: int = 0) -> list[str]:
    """Ids the catalog at `path` files with this page address (the url in its `info`), in
    the order they were filed, its first `folded` characters (a web address's scheme and
    host, which RFC 3986 reads in any case) in any case of ASCII. Looked up in the catalog's
    index of the address in lower case (_URL_INDEX), the few rows so spelt compared
    exactly: a scan of every row took about 0.1 s for 200,000 articles, several times for each
    address pasted in the search box. A catalog written before the index is scanned, as it
    was, until the next index run adds it. Raises sqlite3.Error for no catalog."""
    return _catalog_ids(path, f"{_URL_FOLDED} = lower(?) AND lower(substr({_URL}, 1, ?)) = lower(?) "
                              f"AND substr({_URL}, ? + 1) = ?",
                        [url, folded, url[:folded], folded, url[folded:]])


def catalog_counts_by_root(path: Path) -> dict[str, int]:
    """Articles per source root in the catalog at `path`. Raises sqlite3.Error for no catalog."""
    con = read_only(path)
    try:
        return dict(con.execute("SELECT root, count(*) FROM docs GROUP BY root").fetchall())
    finally:
        con.close()


def _catalog_ids(path: Path, where: str, args: list[str | int]) -> list[str]:
    con = read_only(path)
    try:
        return [r[0] for r in con.execute(f"SELECT id FROM docs WHERE {where} ORDER BY rowid", args)]
    finally:
        con.close()


class Catalog:
    """Per-generation list of documents and the hashes that decide what a run must redo."""

    def __init__(self, path: Path):
        self.con = _connect(path, wal=False)
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, root TEXT, path TEXT, source TEXT,"
            " content_hash TEXT, tpl_hash TEXT, text_hash TEXT, record_hash TEXT, info TEXT)"
        )
        # added to a catalog written before them (copied into the next generation) on its next run
        self.con.execute(_URL_INDEX)
        self.con.execute(_PATH_INDEX)

    def all(self) -> dict[str, dict[str, Any]]:
        cur = self.con.execute(f"SELECT {', '.join(CATALOG_COLUMNS)} FROM docs")
        return {row[0]: dict(zip(CATALOG_COLUMNS, row)) for row in cur}

    def upsert(self, rows: Iterable[dict[str, Any]]) -> None:
        self.con.executemany(
            f"INSERT OR REPLACE INTO docs VALUES ({', '.join('?' * len(CATALOG_COLUMNS))})",
            ([r.get(c) for c in CATALOG_COLUMNS] for r in rows),
        )

    def delete(self, ids: Iterable[str]) -> None:
        self.con.executemany("DELETE FROM docs WHERE id=?", ((i,) for i in ids))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.all().values())

    def close(self) -> None:
        _commit_and_close(self.con)


def _commit_and_close(con: sqlite3.Connection) -> None:
    """Commit, and close the connection even when the commit fails (a lock, a full disk): the
    file stayed open in the process, its lock held, until the connection was collected."""
    try:
        con.commit()
    finally:
        con.close()

"""The index directory: generations, the CURRENT pointer, atomic publish, the lock, the run log.

Readers only ever open the generation named in CURRENT, and a generation is
complete before CURRENT names it, so nobody sees a half-written index. A new
generation starts as a hard-linked copy of the live one: Whoosh never rewrites
its segment and TOC files in place, so the copy costs no disk and no time.
"""
from __future__ import annotations

import errno
import fcntl
import itertools
import json
import os
import re
import shlex
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

DEFAULT_INDEX = "index"
GEN_PREFIX = "gen-"
# What a new generation takes from the live one. Only Whoosh's own files are hard-linked:
# Whoosh writes each segment and TOC file once under a fresh name and never reopens it
# for writing, so sharing the inode with the live generation is safe. Everything else a
# run rewrites (catalog, manifest) is copied, so writing it can never change the live
# generation through a shared inode. Derived files (facets.npz, entities.json) are not
# taken at all: every published run writes them anew. Lock and temp files are skipped:
# Whoosh's MAIN_WRITELOCK belongs to the directory it was created in.
COPIED = ("catalog.sqlite", "manifest.json")  # mutable files: copied, never hard-linked
# the index folder's files a run writes as NAME.tmp and renames into place (scan.json: unindexed.SCAN_FILE)
_RENAMED = ("CURRENT", "sources.json", "source_names.json", "forgetting.json", "scan.json")


_GENERATION = re.compile(re.escape(GEN_PREFIX) + r"[0-9]+")  # a generation's name, as new_generation gives it


def _is_whoosh_file(name: str) -> bool:
    """A segment file (MAIN_<segment id>.*) or a committed TOC (_MAIN_<n>.toc), not the
    write lock and not a TOC still being written (_MAIN_<n>.toc.<time>)."""
    if name.startswith("_MAIN_"):
        return name.endswith(".toc")
    return name.startswith("MAIN_") and name != "MAIN_WRITELOCK"


class IndexMissing(RuntimeError):
    """No published index at this path (exit code 3)."""


class IndexBuilding(IndexMissing):
    """No published index yet, and its first index run is going (exit code 3)."""


class IndexUnreachable(IndexMissing):
    """The index folder is reached through a link to nothing (exit code 3): a disk not mounted,
    a folder moved; "run `newsarchive index` first" sent the operator to build a new index."""


REBUILD_FIX = "`newsarchive reindex --full` rebuilds it from its sources"


class IndexUnreadable(IndexMissing):
    """The published index is there but damaged (exit code 3). `fix` says what mends it, for
    the web's error page, which shows no paths (a garbled sources.json is no generation a
    reindex rebuilds: the page sent the operator to a command that failed)."""

    def __init__(self, message: str, fix: str = REBUILD_FIX) -> None:
        super().__init__(message)
        self.fix = fix


class IndexNoAccess(IndexMissing):
    """The index is there but this user may not read it (exit code 3): a permission to
    fix, not damage to rebuild ("reindex --full" sent the operator into a needless rebuild)."""

    def __init__(self, path: Path, exc: OSError, writing: bool = False) -> None:
        # a first run into a folder not there yet, or empty: "cannot update the index" where there
        # was none to update, and "may write it" where the folder to write in is the one above
        creating = writing and _no_index_at(path)
        folder = Path(os.fsdecode(exc.filename)).parent if creating and exc.filename else None
        if exc.errno == errno.EROFS:  # no user may: "run as a user who may write it" sent them looking for one
            fix = "its file system is mounted read-only: mount it read-write, or index into a folder on another"
        elif exc.errno == errno.EPERM:  # nor root: the file's attributes forbid it, which no user is asked
            fix = _protected_fix(exc, path)
        elif folder is not None:
            fix = f"run as a user who may write in {folder}, or give this one write access to it"
        else:
            fix = (f"run as a user who may {'write' if writing else 'read'} it, or give this one "
                   f"{'write' if writing else 'read'} access")
        what = "create an index" if creating else f"{'update' if writing else 'read'} the index"
        super().__init__(f"cannot {what} at {path}: {exc.strerror or exc} ({exc.filename}); {fix}")


def _protected_fix(exc: OSError, path: Path) -> str:
    """What to do about an EPERM: unlike EACCES it is no user's permission but (mostly) a file or
    folder made immutable or append-only (chattr +i, +a), which root is refused too, so "run as a
    user who may write it" sent the operator looking for a user there is none of. Names the files
    the system names (a rename names both) that are there, and their folder, for lsattr."""
    named = [Path(os.fsdecode(f)) for f in (exc.filename, exc.filename2) if f is not None]
    there = [str(p) for p in named if os.path.lexists(p)]
    folder = str(named[0].parent) if named else str(path)
    targets = " ".join(shlex.quote(p) for p in dict.fromkeys([*there, folder]))
    return (f"a file or folder there is likely protected by its attributes (immutable or append-only), which no "
            f"user may change, not even root: see `lsattr -d {targets}`; `chattr -i` (or `-a`) lifts them")


def _link_to_nothing(path: Path) -> tuple[Path, str] | None:
    """The symbolic link on `path` (it, or a folder above it) that leads nowhere, with what it
    names, or None: an index kept on another disk through a link, that disk not mounted."""
    path = path.absolute()
    for p in (path, *path.parents):
        if os.path.islink(p) and absent(p):
            try:
                return p, os.readlink(p)
            except OSError:  # gone meanwhile
                return None
    return None


def absent(path: Path, follow: bool = True) -> bool:
    """Whether the system says nothing is at `path` (ENOENT, ENOTDIR), where a link leads when
    `follow`, else the link itself. Any other error (a permission, a loop, an I/O error) is no
    absence: os.path.lexists is False for those too, and a cache an I/O error hid for a moment
    was taken for one a run had made, and deleted; a link a permission hid, for a missing disk."""
    try:
        os.stat(path) if follow else os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _no_index_at(path: Path) -> bool:
    """Whether no index is at `path` yet (no CURRENT file: the folder is not there, or holds
    none); False when that cannot be told (a folder this user may not read)."""
    return absent(path / "CURRENT")


class NotAnIndex(IndexMissing):
    """The index directory given is a folder of other files, no index (exit code 3): `--index
    ~/news` wrote the run's lock, sources and cache among the user's articles, and the folder was
    then refused as an index directory when given to `index`."""


def _index_file(name: str) -> bool:
    """A name a run writes in the index directory (or a hidden one, a desktop's .DS_Store, or the
    lost+found of a file system made for the index, its folder the mount point)."""
    stem = name.removesuffix(".tmp")
    return (name.startswith((".", GEN_PREFIX, "cache.sqlite")) or stem in _RENAMED
            or stem in ("lock", "runs.jsonl") or name == "lost+found")


class IndexBusy(RuntimeError):
    """Another index/reindex run holds the lock (exit code 4)."""


def _fsync(path: Path) -> None:
    """Flush a file's or a directory's (its entries') contents to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for f in path.iterdir():
        if f.is_file():
            _fsync(f)
    _fsync(path)


def _pid_in(fd: int) -> str:
    """What the lock file says: the pid of the run that holds (or held) it, or ""."""
    return os.pread(fd, 64, 0).decode(errors="replace").strip()


def _holder(fd: int) -> str:
    """"pid N" of the run holding the lock file, or "another process" where it names none (a run
    cleaning up a directory it made holds it for a moment, writing no pid): a refused run had
    said "(pid another process)"."""
    holder = _pid_in(fd)
    return f"pid {holder}" if holder.isdigit() else "another process"


_HELD: set[int] = set()  # the lock files this process holds open


def _drop_locks_in_child() -> None:
    """A forked child (Whoosh's multiprocess writer, a pool started with fork) shares the
    run's flock. Children blocked on a queue outlive a parent killed with -9, and would
    keep the lock for ever: every later run would exit 4. So a child closes its copy;
    the parent's lock is unaffected (flock belongs to the open file, held by the parent)."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_drop_locks_in_child)


def default_index_dir() -> Path:
    return Path(os.environ.get("NEWSARCHIVE_INDEX") or DEFAULT_INDEX)


# errors of a hard link that concern the live file (made immutable or append-only, linked too often,
# gone), not the new generation's folder the link is written in (a full disk, an I/O error)
_OF_THE_LINKED = frozenset({errno.EPERM, errno.EMLINK, errno.ENOENT, errno.EACCES})


def _failed_on(exc: OSError, live: Path) -> str:
    """The path a copy of generation `live` failed on: the file the system names (the live folder
    that could not be listed, a file _copy named), or for a hard link, which names both files, the
    live one or the new one as the error concerns it."""
    if exc.filename is None:
        return str(live)
    if exc.filename2 is not None and exc.errno not in _OF_THE_LINKED:
        return os.fsdecode(exc.filename2)
    return os.fsdecode(exc.filename)


def _named(path: Path, call: Callable[..., Any], *args: Any) -> Any:
    """`call(*args)`, an OSError it raises naming `path`."""
    try:
        return call(*args)
    except OSError as exc:
        exc.filename, exc.filename2 = str(path), None
        raise


def _copy(src: Path, dst: Path) -> None:
    """shutil.copy2 with each error naming the file it concerns: shutil's fast copy (sendfile) names
    the file it read from whichever side failed, and its slow one names none, so an I/O error
    writing the new generation's catalog blamed the live one, which was sound."""
    fin = os.open(src, os.O_RDONLY)
    try:
        fout = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            while block := _named(src, os.read, fin, 1 << 20):
                view = memoryview(block)
                while view:
                    view = view[_named(dst, os.write, fout, view):]
        finally:
            _named(dst, os.close, fout)
    finally:
        os.close(fin)
    shutil.copystat(src, dst)


def _shown_name(name: str, limit: int) -> str:
    """What a garbled CURRENT holds, as a message says it: a crash's trailing NUL bytes counted ("64
    NUL bytes", "'gen-000001' and 54 NUL bytes"), where ascii() quoted them as up to 20 "\\x00";
    the rest its first `limit` characters, quoted."""
    head = name.rstrip("\x00")
    nuls = len(name) - len(head)
    counted = f"{nuls} NUL byte{'s' if nuls != 1 else ''}"
    if not head:
        return counted
    return ascii(head[:limit]) + (f" and {counted}" if nuls else "")


class Store:
    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_index_dir()
        self.recovered: dict[str, Any] = {}  # set by lock(): what a dead run left behind
        self.locked = False  # whether lock() was taken: a run stopped before it changed nothing here
        # the generation a run reads as the live one where CURRENT names none that is there
        # (current_fault): set by the indexer, cleared when the run publishes or ends
        self.stand_in: str | None = None

    # -- reading ----------------------------------------------------------
    def current_name(self) -> str | None:
        """What CURRENT names, as current_version reads it: bytes that are not UTF-8 (a disk's
        error, a stray write) read as U+FFFD, which current_dir says is damage, where every
        command, `reindex --full` too, ended "internal error: UnicodeDecodeError". A run's stand_in
        where it has one."""
        if self.stand_in is not None:
            return self.stand_in
        try:
            name = (self.path / "CURRENT").read_bytes().decode("utf-8", "replace").strip()
        except FileNotFoundError:
            return None
        except PermissionError as exc:
            raise IndexNoAccess(self.path, exc) from exc
        return name or None

    def refuse_link_to_nothing(self) -> None:
        """Raises IndexUnreachable where the index folder is reached through a link to nothing (a disk
        not mounted, a folder moved): `index` said "File exists: IX", and a search or a reindex
        "no index at IX (run `newsarchive index PATH` first)", as if the index had never been made."""
        found = _link_to_nothing(self.path)
        if found is not None:
            link, target = found
            raise IndexUnreachable(f"no index at {self.path}: {link} is a link to {target}, which is not there "
                                   "(a disk not mounted, a folder moved or renamed?); mount or restore it, or mend the link")

    def left_as_it_was(self) -> str:
        """What a run that failed or was stopped before publishing left of the index: the live one
        unchanged, or, where there is none (a first run), none. "The live index is unchanged" was
        said of a first run too, which had none."""
        if self.current_name() is not None:
            return "the live index is unchanged"
        return f"no index was made at {self.path} (there was none before: nothing is lost)"

    def current_version(self) -> tuple[str, int, int] | None:
        """The live generation's name with the CURRENT file's inode and mtime. An index
        directory deleted and built again names gen-000001 again; a server that compared
        names alone went on answering from the deleted index."""
        try:
            with open(self.path / "CURRENT", "rb") as fh:
                st = os.fstat(fh.fileno())
                name = fh.read().decode("utf-8", "replace").strip()
        except FileNotFoundError:
            return None
        except PermissionError as exc:
            raise IndexNoAccess(self.path, exc) from exc
        return (name, st.st_ino, st.st_mtime_ns) if name else None

    def current_dir(self) -> Path:
        name = self.current_name()
        if name is None and (self.path / "CURRENT").is_file() and any(self.path.glob("gen-*")):
            # emptied (a full disk while it was written, a stray `: > CURRENT`): it was reported as
            # no index at all, "run `newsarchive index PATH` first", its sources and data all there
            raise IndexUnreadable(f"the index at {self.path} names no live generation (its CURRENT file is "
                                  f"empty): {REBUILD_FIX}")
        if name is None:
            holder = self.run_in_progress()
            if holder is not None:  # "run `index` first" told the user to start a second one
                raise IndexBuilding(f"no index at {self.path} yet: its first index run ({holder}) is still "
                                   "going, and it can be searched when that run has finished")
            self.refuse_link_to_nothing()
            others = self.other_files()
            if others:  # "run `index` first" into it had the run write among them
                raise NotAnIndex(f"no index at {self.path}: it is a folder of other files ({others}); "
                                 "give the index's folder")
            raise IndexMissing(f"no index at {self.path} (run `newsarchive index PATH` first)")
        if not _GENERATION.fullmatch(name):
            # garbled (bytes not UTF-8, a crash's NUL bytes): "names \x00\x00…, which is missing"
            raise IndexUnreadable(f"the index at {self.path} is damaged: its CURRENT file, which names the live "
                                  f"generation, holds no generation's name ({_shown_name(name, 40)}): {REBUILD_FIX}")
        if not (self.path / name).is_dir():
            raise IndexUnreadable(f"the index at {self.path} names {name}, which is missing: {REBUILD_FIX}")
        return self.path / name

    def current_fault(self) -> str | None:
        """What is wrong with CURRENT where it names no generation that is there though the index
        is (garbled bytes, a crash's NUL bytes, emptied, a generation gone), as current_dir refuses
        it; None when it names one that is there, or there is no index yet."""
        name = self.current_name()
        if name is None:
            return "CURRENT is empty" if (self.path / "CURRENT").is_file() and self.generations() else None
        if not _GENERATION.fullmatch(name):
            return f"CURRENT holds no generation's name ({_shown_name(name, 20)})"
        if not (self.path / name).is_dir():
            return f"CURRENT names {name}, which is missing"
        return None

    def other_files(self) -> str | None:
        """The files an index does not hold, named, when the index directory is no index (no list
        of sources, no CURRENT): a folder of articles given as --index by mistake; else None."""
        try:
            if (self.path / "sources.json").exists() or (self.path / "CURRENT").exists():
                return None
            others = sorted(n for n in os.listdir(self.path) if not _index_file(n))
        except OSError:  # not there yet (a first run makes it), or not readable: the run says so
            return None
        if not others:
            return None
        return ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")

    def refuse_other_files(self) -> None:
        """Raise NotAnIndex before a run writes its lock, sources and cache among other files."""
        others = self.other_files()
        if others:
            raise NotAnIndex(f"{self.path} is no index: it holds other files ({others}); index into a new "
                             "or empty folder (nothing was written here)")

    def generations(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.name for p in self.path.iterdir() if p.name.startswith(GEN_PREFIX) and p.is_dir())

    # -- writing ----------------------------------------------------------
    def new_generation(self, copy: bool = True) -> Path:
        """A fresh generation directory: a copy of the live one, or empty."""
        self.path.mkdir(parents=True, exist_ok=True)
        gens = self.generations()
        number = int(gens[-1][len(GEN_PREFIX):]) + 1 if gens else 1
        new = self.path / f"{GEN_PREFIX}{number:06d}"
        new.mkdir()
        cur = self.current_name()
        if copy and cur and (self.path / cur).is_dir():
            live = self.path / cur
            try:
                for f in live.iterdir():
                    if not f.is_file():
                        continue
                    if f.name in COPIED:
                        _copy(f, new / f.name)
                    elif _is_whoosh_file(f.name):
                        os.link(f, new / f.name)
            except OSError as exc:
                # a full disk copying the catalog: the half-made generation stayed until the next
                # run; and the live generation that could not be listed was a traceback
                # (UnboundLocalError), a live file that could not be linked named as the new one
                failed = OSError(exc.errno, f"{exc.strerror or exc} making {new.name} from {cur} (the live index "
                                            "is unchanged)", _failed_on(exc, live))
                self.discard_failed(failed, new)
                raise failed from exc
        return new

    def publish(self, gen: Path) -> None:
        """Make `gen` the live generation in one atomic rename, then drop old ones.

        The generation's files are flushed to disk first, so that after a power cut
        CURRENT never names a generation whose contents were still in the page cache."""
        _fsync_tree(gen)
        tmp = self.path / "CURRENT.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(gen.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path / "CURRENT")
        self.stand_in = None  # CURRENT names the live generation again
        _fsync(self.path)
        self.prune_generations(keep=2)

    def discard(self, gen: Path) -> None:
        shutil.rmtree(gen, ignore_errors=True)

    def discard_failed(self, exc: BaseException, gen: Path | None, *files: Path) -> None:
        """What a run that `exc` stopped had half made removed: its generation `gen`, and `files` (its
        CURRENT.tmp, a list's .tmp; anything else there, a folder in their way, is no file of the
        run and stays). What the folder refuses to remove (append-only, chattr +a: EPERM) is named
        on `exc` in a note (PEP 678), with how to remove it: a run in an append-only index folder
        left gen-N and CURRENT.tmp behind and said nothing of them. Each is named whole, with no command
        to remove it: the next run removes them itself (prune_generations, _remove_stray_tmp), where
        `rm -r ix/gen-000002`, pasted once a run had made a generation of that name again (the numbers
        of generations a run left are used again), removed the live index."""
        left = []
        if gen is not None:
            self.discard(gen)
            if os.path.lexists(gen):
                left.append(os.path.abspath(gen))
        for path in files:
            try:
                path.unlink(missing_ok=True)
            except IsADirectoryError:
                pass
            except OSError:
                left.append(os.path.abspath(path))
        if left:
            exc.add_note(f"left behind, as the index folder refused their removal: {', '.join(left)}; the next "
                         "index run removes them once the folder lets it")

    def _remove_stray_tmp(self) -> None:
        """The files a run writes and renames into place (CURRENT.tmp, a list's .tmp) that one before
        left (a folder that refused their removal, a run killed), removed under the lock: no run is
        writing them. Anything else of the name (a folder) is no file of a run, and stays."""
        for name in _RENAMED:
            try:
                (self.path / f"{name}.tmp").unlink(missing_ok=True)
            except OSError:
                pass

    def prune_generations(self, keep: int = 2) -> list[str]:
        """Keep the live generation and the one before it (open readers may still use it);
        remove older ones and any left behind by a crashed run. Returns the removed names."""
        cur = self.current_name()
        gens = self.generations()
        if cur not in gens:
            # No live generation: anything here is the debris of a first run that died; not where
            # CURRENT is there, emptied (a full disk, a stray `: > CURRENT`): the lock removed the
            # whole index, and the run rebuilt it without the articles of a source missing that night
            gone = gens if cur is None and self.current_fault() is None else []
        else:
            live = gens.index(cur)
            keep_names = set(gens[max(0, live - keep + 1): live + 1])
            gone = [name for name in gens if name not in keep_names]
        for name in gone:
            shutil.rmtree(self.path / name, ignore_errors=True)
        return gone

    # -- the lock -----------------------------------------------------------
    def run_in_progress(self) -> str | None:
        """"pid N" of the index run holding the lock, or None: a reader asks without taking
        the lock (a shared flock fails while a run holds it exclusively) or creating its file."""
        try:
            fd = os.open(self.path / "lock", os.O_RDONLY)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    return None
                return _holder(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    @contextmanager
    def _held(self, create: bool) -> Iterator[int]:
        """The lock file's descriptor, held (an exclusive flock, not waited for) until the block
        ends; in _HELD meanwhile, for a forked child to let go. Raises IndexBusy naming the run
        that holds it, OSError for a lock file that cannot be opened (or made, `create`)."""
        fd = os.open(self.path / "lock", os.O_RDWR | (os.O_CREAT if create else 0), 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                raise IndexBusy(f"another index run is in progress on {self.path} ({_holder(fd)})") from None
            _HELD.add(fd)
            yield fd
        finally:
            _HELD.discard(fd)
            os.close(fd)

    @contextmanager
    def lock_if_free(self) -> Iterator[bool]:
        """The run lock held for a moment, leaving no trace (no pid written, nothing pruned):
        True while held; False when another run holds it or there is no lock file to take.
        For a run cleaning up the directory it made: a run that was refused (IndexBusy) or
        had let its lock go removed the lock file and list of sources of the run holding it."""
        with ExitStack() as held:
            try:
                held.enter_context(self._held(create=False))
            except (OSError, IndexBusy):
                yield False
                return
            yield True

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One index/reindex at a time. flock is released by the kernel when a run dies,
        so a lock left by a killed run is simply taken over.

        The lock file holds the holder's pid while it runs and is emptied on a clean
        exit, so a pid found there on taking the lock names a run that died; that, and
        the generations it left behind (pruned here), are reported in `self.recovered`."""
        if not self.path.is_dir():
            self.refuse_link_to_nothing()  # mkdir said "File exists" of it
        self.path.mkdir(parents=True, exist_ok=True)
        with self._held(create=True) as fd:
            self.locked = True
            stale = _pid_in(fd)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            # Whatever a crashed run left behind is garbage now that we hold the lock.
            self.recovered = {}
            if stale:
                self.recovered["stale_lock_pid"] = int(stale) if stale.isdigit() else stale
            pruned = self.prune_generations(keep=2)
            if pruned:
                self.recovered["discarded"] = pruned
            self._remove_stray_tmp()
            try:
                yield
            except BaseException:
                # The run ended here, by an error: not stale itself. A dead run it found stays
                # on record for the next run to report: `forget` of a path that is no source
                # (exit 2) took the lock and used up the only report that a run had died.
                os.ftruncate(fd, 0)
                if stale:
                    os.pwrite(fd, stale.encode(), 0)
                raise
            else:
                os.ftruncate(fd, 0)  # the run ended here: not stale

    # -- sources and runs -----------------------------------------------------
    def sources(self) -> list[str]:
        return self._read_json("sources.json", [], "the index's list of sources")

    def add_sources(self, paths: list[str]) -> list[str]:
        known = self.sources()
        for p in paths:
            ap = str(Path(p).resolve())
            if ap not in known:
                known.append(ap)
        self._write_json("sources.json", known)
        return known

    def remove_sources(self, paths: list[str]) -> list[str]:
        """Drop `paths` from the sources; returns those that were sources."""
        known = self.sources()
        gone = [p for p in known if p in {str(Path(q).resolve()) for q in paths}]
        if gone:
            self._write_json("sources.json", [p for p in known if p not in gone])
        return gone

    # `forget`'s promise to drop sources from the list once the generation without their articles
    # is live (that order keeps a failure before publishing from losing the source to forget them
    # by): written before publishing, removed once sources.json is written. A failure between left
    # the source listed, and the next reindex added its articles back.
    FORGETTING = "forgetting.json"

    def promise_forget(self, gen: str, paths: list[str]) -> None:
        """Record that `paths` leave the list of sources once generation `gen` is live."""
        self._write_json(self.FORGETTING, {"generation": gen, "sources": paths})

    def keep_forget_promise(self) -> list[str]:
        """The sources a `forget` whose generation is live could not drop from the list, dropped
        now (a promise whose generation never went live is void); the promise removed."""
        promise = self._read_json(self.FORGETTING, {}, "the sources a `forget` drops")
        if not promise:
            return []
        sources = promise.get("sources")
        gone = []
        if promise.get("generation") == self.current_name() and isinstance(sources, list):
            gone = self.remove_sources([str(p) for p in sources])
        (self.path / self.FORGETTING).unlink(missing_ok=True)
        return gone

    def source_names(self) -> dict[str, str]:
        """The name each source folder was given (ingest.source_names), forgotten ones too."""
        return self._read_json("source_names.json", {}, "the names given to the source folders")

    def record_source_names(self, names: dict[str, str]) -> None:
        known = self.source_names()
        if any(known.get(k) != v for k, v in names.items()):
            self._write_json("source_names.json", {**known, **names})

    def _read_json(self, name: str, default: Any, what: str) -> Any:
        """One of the index's own lists, of the type of `default` (what a missing file is);
        a damaged one is an unreadable index (exit 3) that says which file, not an internal
        error from the JSON parser."""
        try:
            data = json.loads((self.path / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return default
        except PermissionError as exc:
            raise IndexNoAccess(self.path, exc) from exc
        except (ValueError, OSError) as exc:
            data = exc
        if not isinstance(data, type(default)):
            fix = "restore the file from a backup, or delete the index and index the sources again"
            raise IndexUnreadable(f"{self.path / name} is damaged (not a JSON {type(default).__name__}): it is {what}; "
                                  f"{fix}", fix=fix)
        return data

    def _write_json(self, name: str, data: Any) -> None:
        tmp = self.path / (name + ".tmp")
        try:
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        except OSError as exc:
            # a write the disk had no room for names no file: "newsarchive: File too large" alone,
            # of a first run whose folder is then cleaned away, left nothing to look at
            if exc.filename is not None:
                raise
            raise OSError(exc.errno, exc.strerror, str(tmp)) from exc
        try:
            os.replace(tmp, self.path / name)
        except OSError as exc:
            self.discard_failed(exc, None, tmp)
            raise

    @contextmanager
    def log_held(self) -> Iterator[None]:
        """The index folder's flock, held until the block ends: the run log's lock,
        which a run removing the folder it made (indexer._remove_if_unused) holds too. A run the
        run lock refused logs beside the run holding it, which may be removing the folder: the
        refusal's line made runs.jsonl again in it, and the folder stayed, holding that alone. A
        file system that locks no folder (NFS emulates flock with locks that need a file open
        for writing) leaves the file's own flock alone, as before, and so does a folder locked
        longer than a removal takes (_LOG_HELD_WAIT): `flock IX newsarchive reindex --index IX`,
        a cron job's way to keep runs apart, holds it all run, and the run waited for it at its end
        forever, published and never logged."""
        fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            deadline = time.monotonic() + _LOG_HELD_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as exc:
                    if exc.errno in (errno.EAGAIN, errno.EACCES) and time.monotonic() < deadline:
                        time.sleep(0.02)
                        continue
                break
            yield
        finally:
            os.close(fd)

    def log_run(self, summary: dict[str, Any]) -> None:
        """One line appended to runs.jsonl, whole or not at all: the part of a line a full disk
        had room for stayed, the next run's line was appended to it, and neither could be read
        (`stats` and /healthz showed neither run). One append at a time, under the file's own
        flock and the folder's (log_held): a run the run lock refused logs so too, beside the
        run that holds it; in a folder removed meanwhile it writes nothing (FileNotFoundError)."""
        line = json.dumps({"finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **summary}) + "\n"
        data = line.encode("utf-8")
        with ExitStack() as held:
            # a folder removed while this waited for its lock is no more at its path: ENOENT, no new file
            held.enter_context(self.log_held())
            fd = os.open(self.path / "runs.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # as open() made it
            held.callback(os.close, fd)
            fcntl.flock(fd, fcntl.LOCK_EX)  # held for the few writes of one line
            size = os.lseek(fd, 0, os.SEEK_END)
            try:
                while data:  # a write the disk has room for only part of returns its count
                    data = data[os.write(fd, data):]
            except OSError:
                os.ftruncate(fd, size)  # no other line appended meanwhile (the flock)
                raise

    def runs(self, last: int = 5) -> list[dict[str, Any]]:
        """The last `last` (1 or more) runs logged, oldest first."""
        return self.runs_read(last)[0]

    def runs_read(self, last: int = 5) -> tuple[list[dict[str, Any]], str | None]:
        """The last `last` (1 or more) runs logged, oldest first, and what keeps them from being
        read, or None: a run log that cannot be read (a folder in its place) made `stats` say "Is a
        directory" and no more, its counts unsaid, and /status an internal error; lines of it that
        are no run are counted. Names no path: the web shows it."""
        try:
            lines = last_lines(self.path / "runs.jsonl", last)
        except FileNotFoundError:
            return [], None
        except OSError as exc:
            return [], f"the run log (runs.jsonl in the index folder) cannot be read: {exc.strerror or exc}; no run is listed"
        runs = [run for run in map(_run, lines) if run is not None]
        if len(runs) == len(lines):
            return runs, None
        passed = len(lines) - len(runs)
        return runs, (f"{passed} of the last {len(lines)} lines of the run log {'is' if passed == 1 else 'are'} no run "
                      "(cut short, garbled or edited by hand): passed over")

    def last_runs(self, *wheres: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any] | None]:
        """The last run logged that each of `wheres` holds for (None where none does), however far
        back, read from the log's end a line at a time, once for them all, up to the last line that
        one of them needs: /healthz looked for its last `reindex` among the last five runs, and
        five `index` runs after it made it null, as if the nightly job had never worked."""
        found: list[dict[str, Any] | None] = [None] * len(wheres)
        try:
            for run in map(_run, lines_from_end(self.path / "runs.jsonl")):
                if run is None:
                    continue
                found = [f if f is not None or not where(run) else run for f, where in zip(found, wheres)]
                if all(f is not None for f in found):
                    break
        except OSError:  # none, or a log that cannot be read (runs_read says so): no run found
            pass
        return found

    def run_log_version(self) -> tuple[int, int, int] | None:
        """The run log's inode, size and modification time (None for no log): any line appended,
        or the log replaced, changes it."""
        try:
            st = os.stat(self.path / "runs.jsonl")
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns


# Seconds a run log's append waits for the index folder's flock: a removal holds it for a few
# file deletions; anything longer is another program's (flock(1)), which the log does not wait out
_LOG_HELD_WAIT = 5.0

_HOLDER = re.compile(r"\((pid \d+|another process)\)$")


def lock_holder(refusal: str) -> str | None:
    """The run that held the lock, as a refused run's line names it at its end (IndexBusy's words:
    "pid N", "another process"), or None."""
    found = _HOLDER.search(refusal)
    return found.group(1) if found else None


def run_command(run: dict[str, Any]) -> str:
    """A logged run's command with how it rebuilt, as `stats` and /status name it: `reindex
    --full` where asked for; a run that rebuilt by itself says why, where both said "reindex
    --full" for a plain `reindex` that met an older schema or damage. A run stopped on the
    way was rebuilding, not rebuilt (/status said "rebuilt" beside its failure)."""
    command = str(run.get("command") or "")
    how = "rebuilding" if run.get("error") else "rebuilt"
    if run.get("schema_upgraded"):
        return f"{command} ({how}: the index was written by an older version)"
    if run.get("repaired"):
        return f"{command} ({how}: the live index was damaged)"
    return command + (" --full" if run.get("full") else "")


def _run(line: bytes) -> dict[str, Any] | None:
    """One run of the log, None for a line cut short or garbled: one byte not UTF-8 made stats
    and /healthz internal errors, and so did JSON that is no run ("0", "[1]"); an object without
    the time and command every run is logged with (`{"x": 1}`) was listed as "run None: ..."."""
    try:
        run = json.loads(line.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(run, dict) or not isinstance(run.get("finished"), str) or not isinstance(run.get("command"), str):
        return None
    error = run.get("error")
    if isinstance(error, str) and error.startswith(_OLD_REFUSAL) and "refused" not in run:
        # logged before refusals were (721c9fc): a run the lock refused, read as one, not as a failure
        # that /healthz's last_error and `stats` showed though the run holding the lock had worked
        run = {k: v for k, v in run.items() if k != "error"} | {"refused": error[len(_OLD_REFUSAL):]}
    return run


# how a run refused by the run lock was logged before it was logged as "refused" (721c9fc)
_OLD_REFUSAL = "IndexBusy: "


def last_lines(path: Path, count: int) -> list[bytes]:
    """The last `count` (1 or more) lines of the file at `path`, oldest first, read from its end:
    /status and /healthz read the whole run log, which a nightly job's `reindex` grows by a line
    a night for years, to show its last five. A blank line is none (a log edited by hand keeps
    one at its end): it was listed as a line that is no run, warned of, and took a run's place."""
    return list(itertools.islice((line for line in lines_from_end(path) if line.strip()), count))[::-1]


# A run's line is a few hundred bytes: a longer one than this is held no further (a run of NUL
# bytes a crash left, 64 MB with no line break, was held whole)
LONGEST_LINE = 1 << 20


def lines_from_end(path: Path, block: int = 1 << 16, longest: int = LONGEST_LINE) -> Iterator[bytes]:
    """The lines of the file at `path`, last first, as bytes.splitlines gives them, read in
    blocks from its end: memory holds a block and a line however far back a caller reads. A
    line is held up to about `longest` bytes: a longer one may be passed over."""
    with open(path, "rb") as fh:
        start = fh.seek(0, os.SEEK_END)
        rest = b""  # the bytes after `start` not given yet: a line that may begin before `start`
        skipping = False  # the bytes after `start` end a line too long to hold: dropped
        while start > 0:
            at = max(0, start - max(block, len(rest)))
            fh.seek(at)
            data = fh.read(start - at)
            start = at
            if skipping:
                end = max(data.rfind(b"\n"), data.rfind(b"\r"))
                if end < 0:
                    continue
                data, skipping = data[: end + 1], False
            lines = (data + rest).splitlines(keepends=True)
            rest = lines.pop(0) if start > 0 else b""  # the first may be the end of one begun before
            for line in reversed(lines):
                yield line[:-2] if line.endswith(b"\r\n") else line[:-1] if line.endswith((b"\r", b"\n")) else line
            if len(rest) > longest:
                rest, skipping = b"", True

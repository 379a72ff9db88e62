"""Readers for every input kind, chosen by file name; `read(paths)` is the only entry point.

Bad input never stops a run: each reader yields `IngestError`s for what it skips and
goes on with the rest.
"""
from __future__ import annotations

import errno
import mimetypes
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath
from typing import Any

from ..article import Article, IngestError, PassedOver
from ..suffixes import JSON_LINES  # JSON Lines by each of the names `export -o` writes it to
from . import html, jsonl, mirror, sidecar, text, warc
from .decode import path_text

NOT_AN_ARCHIVE = "a newsarchive index directory, not an archive: not read"


# (suffixes, reader): longest suffix first so ".warc.gz" wins over ".gz".
READERS = [
    (tuple(s + ".gz" for s in JSON_LINES), jsonl.read_file),
    ((".warc.gz",), warc.read_file),
    (JSON_LINES, jsonl.read_file),
    ((".warc",), warc.read_file),
    ((".html", ".htm", ".xhtml"), html.read_file),
    ((".txt", ".text", ".md"), text.read_file),
]


# the readers of a page that take its metadata file (sidecar); a WARC's records are many pages
USE_METADATA = (html.read_file, text.read_file)
# the names of the files a page is read from, whose .json beside them is their metadata (sidecar),
# those whose reader uses it first: foo.json beside foo.html and foo.warc was the WARC's, unused,
# and the page went without its address, date and title
PAGE_SUFFIXES = tuple(s for uses in (True, False) for suffixes, reader in READERS
                      if reader is not jsonl.read_file and (reader in USE_METADATA) == uses for s in suffixes)


class Listings:
    """The pages' metadata files (sidecar) of each folder a run reads, its folder listed once for
    them all: the index run's hash of its files, the reading's test of a .json beside a page and
    the metadata each page takes listed it up to three times. Only folders' sidecars are kept
    (most folders have none), not their names: an archive's millions of them stayed out of memory.
    A folder changed since it was listed (its mtime) is listed again: a page and its metadata file
    a crawler saved after the run's hash listed their folder had the reading take the metadata
    file for a JSON input ("JSON record with no text", a skip) and the page indexed without it."""

    def __init__(self) -> None:
        self._beside: dict[Path, dict[str, str]] = {}  # folder -> its metadata files' pages, by file
        self._metadata: dict[Path, dict[str, str]] = {}  # folder -> its pages' metadata files, by page
        self._mtime: dict[Path, int | None] = {}  # folder -> its mtime when listed (None: no stat)

    def beside(self, folder: Path) -> dict[str, str]:
        """The page of each metadata file in `folder`, by the file's name (sidecar.sidecars)."""
        mtime = _mtime(folder)
        found = self._beside.get(folder)
        if found is None or self._mtime.get(folder) != mtime:
            self._metadata.pop(folder, None)
            self._mtime[folder] = mtime  # before listing: a file added meanwhile changes it again
            found = self._beside[folder] = sidecar.sidecars(sidecar.folder_names(folder), PAGE_SUFFIXES)
        return found

    def metadata_file(self, page: Path) -> Path | None:
        """The metadata file beside a page (foo.json, foo.meta.json... by foo.html); none for a WARC,
        whose records are many pages, which one file describes none of (its file changed, a reindex
        read the WARC again)."""
        folder = page.parent
        beside = self.beside(folder)
        if folder not in self._metadata:
            self._metadata[folder] = sidecar.metadata_files(beside)
        name = self._metadata[folder].get(page.name)
        return folder / name if name and reader_for(page) in USE_METADATA else None


def _mtime(folder: Path) -> int | None:
    """The folder's mtime in nanoseconds, which a name added or removed changes; None when it cannot be read."""
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return None


def reader_for(path: Path):
    """The reader of a file by its name; else, for a page a site mirror saved without ".html"
    ("article.php?id=7", "news/2021/mali-coup", "story.shtml": how wget and HTTrack save
    them), the HTML reader where its first bytes are a page's. Such pages were "unsupported
    file type", so a mirrored site indexed no article."""
    name = path.name.lower()
    for suffixes, reader in READERS:
        if name.endswith(suffixes):
            return reader
    return html.read_file if not page_part(path) and _starts_like_html(path) else None


# what a compressed file holds, by the suffix before its ".gz", where a reader reads it uncompressed
_UNCOMPRESSED = {suffix: suffixes[0] for suffixes, _ in READERS for suffix in suffixes if not suffix.endswith(".gz")}
# the compressed files that are read, named from READERS: written by hand it left out .ndjson.gz
_READ_COMPRESSED = [suffix for suffixes, _ in READERS for suffix in suffixes if suffix.endswith(".gz")]


def unsupported(path: Path) -> str:
    """Why a file no reader takes is skipped. A compressed page or text ("page.html.gz", as
    some crawlers keep them) was "unsupported file type .gz", which read as if gzip itself
    were refused, though feed.jsonl.gz is read: it says what to do."""
    inner = PurePath(path.name.lower().removesuffix(".gz")).suffix if path.name.lower().endswith(".gz") else ""
    if inner in _UNCOMPRESSED:
        return (f"unsupported file type {path_text(path.suffix)}: a compressed {inner} file is not read "
                f"(gunzip it; only {', '.join(_READ_COMPRESSED[:-1])} and {_READ_COMPRESSED[-1]} are read compressed)")
    return f"unsupported file type {path_text(path.suffix) or '(none)'}"


_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S)


def _starts_like_html(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False  # the reader's turn to say why; none will be tried
    return _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def page_part(path: Path) -> bool:
    """A file a mirrored page is made of (image, style sheet, script, font, media): passed
    over unsaid, as in a WARC file. A mirror's thousands of them were each reported as an
    "unsupported file type", burying the reports that mattered. A query after the name
    ("logo.png?v=2", as wget saves it) is no part of its type."""
    kind = mimetypes.guess_type(path.name.split("?", 1)[0], strict=False)[0] or ""
    return kind.startswith(("image/", "font/", "audio/", "video/")) or kind in _PAGE_PART_TYPES


# A page part given by name (`index photo.jpg`): said as the file skipped it is
PAGE_PART_GIVEN = "a part of a web page (an image, style sheet, script, font or media file), not an article"

_PAGE_PART_TYPES = frozenset({"text/css", "text/javascript", "application/javascript", "application/x-javascript",
                              "application/vnd.ms-fontobject"})


def source_root(path: Path) -> tuple[str, Path]:
    """The source name and the root that ids are relative to, for one path given by the user."""
    path = path.resolve()
    if path.is_dir():
        return path_text(path.name) or "archive", path
    stem = path.name
    for suffixes, _ in READERS:
        for s in suffixes:
            if stem.lower().endswith(s):
                stem = stem[: -len(s)]
                break
        else:
            continue
        break
    return path_text(stem), path


def is_index(folder: Path) -> bool:
    """A newsarchive index directory (one kept inside the archive it indexes is no input).
    A folder that cannot be looked into is none: the walk reports it (`iter_files`)."""
    try:
        return (folder / "sources.json").is_file() and ((folder / "CURRENT").is_file() or (folder / "lock").exists())
    except OSError:  # EACCES: is_file() raised, and an unreadable subfolder stopped the whole run
        return False


def _raise(exc: OSError) -> None:
    raise exc


def iter_files(root: Path, unreadable: Callable[[OSError], None] = _raise,
               skipped: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    """The files under `root`, sorted, hidden ones and index directories left out. Links to
    folders are followed (a user sees their files in the folder), each real folder once. A
    folder that cannot be listed goes to `unreadable` (by default raised: os.walk passed
    over it in silence, and its files looked deleted); a link not followed goes to `skipped`
    with why (_not_followed): it was skipped in silence."""
    if not root.is_dir():  # a file, or a FIFO or device given by name (read_path reports it)
        yield root
        return
    top = os.path.realpath(root)
    read_as = {top: str(root)}  # each real folder, and the path it is read under
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=True):
        keep = []
        for d in sorted(dirnames):
            path = os.path.join(dirpath, d)
            if d.startswith(".") or is_index(Path(path)):
                continue
            real = os.path.realpath(path)
            why = _not_followed(path, real, top, read_as)
            if why:
                if skipped is not None:
                    skipped(Path(path), why)
                continue
            read_as[real] = path
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(os.path.join(folder, ""))


def _not_followed(path: str, real: str, top: str, read_as: dict[str, str]) -> str | None:
    """Why the walk does not go into the folder `path` (its links resolved: `real`), or None.
    A link to a folder that holds it is a loop. A link to a folder of the source (`top`) is
    not followed: the folder's files are read under their own path, whichever name comes
    first (a link sorted before its folder gave them its own ids, the folder skipped in
    silence). Any other folder is read once: the second link to it is not followed."""
    if os.path.islink(path) and _within(os.path.realpath(os.path.dirname(path)), real):
        return f"a link to {path_text(real)}, a folder that holds it (a loop): not followed"
    inside = os.path.relpath(real, top) if _within(real, top) else None
    if os.path.islink(path) and inside is not None and not any(p.startswith(".") for p in Path(inside).parts):
        return f"a link to {path_text(real)}, a folder of this source: not followed, its files are read there"
    if real in read_as:  # a folder reached through a link already followed is no link itself
        what = f"a link to {path_text(real)}, a folder" if os.path.islink(path) else f"the folder {path_text(real)},"
        return f"{what} read already as {path_text(read_as[real])}: not followed"
    return None


def not_regular(path: Path) -> str | None:
    """Why `path` is no file to open, or None: opening a FIFO blocks until something writes
    to it (a run hung for ever, holding the index lock); sockets and devices are no input."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a dangling link: read_path reports why it cannot be read (unreachable)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"{kind}, not a regular file: not read"


def unreachable(path: Path) -> str | None:
    """Why the file the walk listed as `path` cannot be reached, or None: a link to a file
    that is not there (named, as the link resolves), or one that loops. Left to the readers,
    such a link with no suffix was "unsupported file type (none)", and one named a.html
    "cannot read: No such file or directory", which named neither the link nor its target."""
    try:
        os.stat(path)
        return None
    except OSError as exc:
        if not os.path.islink(path):
            return f"cannot read: {exc.strerror or exc}"
        if exc.errno == errno.ELOOP:
            return f"cannot read: {exc.strerror} (a link that loops)"
        if exc.errno != errno.ENOENT:
            return f"cannot read: {exc.strerror or exc} (a link to {path_text(os.readlink(path))})"
    try:
        target = str(path.resolve())
    except (RuntimeError, OSError):
        target = os.readlink(path)
    return f"a broken link: its file {path_text(target)} is not there"


def source_names(roots: list[str], recorded: dict[str, str] | None = None) -> dict[str, str]:
    """The source name of each root (the first part of its articles' ids), in the order the
    roots were added: a folder's name, unless an earlier source already has that name
    (x/news, then y/news): then as many parent folders as it takes ("y/news"), so that two
    sources never share ids. The first keeps the plain name, so adding a source never
    changes the ids of those before it. A name once given (`recorded`, which the store keeps
    after `forget` too) stays with its folder and goes to no other: forgetting x/news made
    y/news "news", and x/news indexed again took y/news's ids, a saved link another story."""
    recorded = recorded or {}
    names: dict[str, str] = {}
    taken: set[str] = set(recorded.values())
    for root in roots:
        if root in recorded:
            names[root] = recorded[root]
            continue
        path = Path(root)
        name = source_root(path)[0]
        parents = [path_text(p.name) for p in path.parents if p.name]
        for depth in range(len(parents) + 1):
            candidate = "/".join([*reversed(parents[:depth]), name])
            if candidate not in taken:
                name = candidate
                break
        names[root] = name
        taken.add(name)
    return names


def source_folder(path: Path, sources: list[str], names: dict[str, str]) -> tuple[Path, str]:
    """The source a path's ids are relative to, and its name, as indexing names them: the
    indexed source (`sources`, named by `names`) that is or holds it, else the folder it is
    (or a file's folder), as `index FOLDER` would read it. `clean FILE` named a record of
    dirty/feed.jsonl "feed#a1", which no `show` found in the index of dirty/."""
    path = path.resolve()
    holders = [Path(s) for s in sources if Path(s) == path or Path(s) in path.parents]
    if holders:
        holder = max(holders, key=lambda h: len(h.parts))
        return holder, names.get(str(holder)) or source_root(holder)[0]
    folder = path if path.is_dir() else path.parent
    return folder, source_root(folder)[0]


def read_path(path: Path, substitute: Callable[[Path], Any] | None = None, source: str | None = None,
              within: Path | None = None, listings: Listings | None = None) -> Iterator[Any]:
    """Every article under one user-given path (file or directory, recursive).

    `substitute(file)` lets a caller skip reading a file: when it returns something other
    than None, that value is yielded in place of the file's articles (the indexer passes
    the catalog rows of files whose bytes did not change). `source`: the name to give the
    path's articles (source_names), else the folder's or file's own name. `within`: the
    source folder holding `path`, whose ids its articles get (source_folder), else `path`.
    A page's .json metadata beside it (sidecar) is read for the page (its address, date, title
    and outlet), not for articles: one PassedOver, last, names them all. `listings`: the folders'
    metadata files as a run has them (the index run's hash of the files listed them already).
    """
    if not path.exists():
        yield IngestError(path_text(str(path)), "no such file or directory")
        return
    name, root = source_root(path)
    top = root if within is None else within.resolve()
    source = source or (name if within is None else source_root(top)[0])
    if root.is_dir() and is_index(root):  # its files are no articles (a source recorded before this was refused)
        yield IngestError(path_text(str(root)), NOT_AN_ARCHIVE)
        return
    folders: list[IngestError] = []  # folders the walk could not list or did not follow, reported as it goes

    def unreadable(exc: OSError) -> None:  # "tree": what was under it is kept as last indexed, not deleted
        folders.append(IngestError(path_text(str(exc.filename or root)), f"cannot read folder: {exc.strerror or exc}",
                                   unread="tree"))

    def not_followed(link: Path, why: str) -> None:  # its files are read elsewhere, or were already
        folders.append(IngestError(path_text(str(link)), why, unread=""))

    def unread_folders() -> Iterator[IngestError]:
        while folders:
            yield folders.pop(0)

    sidecars: list[str] = []  # the pages' metadata files, said once for all (PassedOver)
    first: tuple[str, str] | None = None  # the first of them, and its page: the note's example
    listings = Listings() if listings is None else listings
    for f in iter_files(root, unreadable, not_followed):
        yield from unread_folders()
        if (special := not_regular(f) or unreachable(f)) is not None:
            yield IngestError(path_text(str(f)), special)
            continue
        # before `substitute`: the articles a release that read the file as JSON Lines took from it go
        if f != root and f.name.lower().endswith(sidecar.SIDECAR_SUFFIXES):
            page = listings.beside(f.parent).get(f.name)
            if page is not None:
                first = first or (path_text(f.relative_to(root).as_posix()), path_text(page))
                sidecars.append(path_text(str(f)))
                continue
        if substitute is not None:
            stand_in = substitute(f)
            if stand_in is not None:
                yield stand_in
                continue
        reader = reader_for(f)
        if reader is None and page_part(f):
            if f == root:  # given by name: a folder's are passed over unsaid, this one was "no file in it"
                yield IngestError(path_text(str(f)), f"{unsupported(f)}: {PAGE_PART_GIVEN}")
            continue
        if reader is None:
            yield IngestError(path_text(str(f)), unsupported(f))
            continue
        rel = "" if top.is_file() else path_text(f.relative_to(top).as_posix())
        base_id = f"{source}/{rel}" if rel else source
        page_url = mirror.mirror_url([path_text(top.name), *rel.split("/")]) if rel and reader is html.read_file else None
        meta = listings.metadata_file(f)  # a page's metadata beside it
        try:
            for item in reader(f, source=source, base_id=base_id):
                if isinstance(item, (Article, IngestError)) and item.path:
                    item.path = path_text(item.path)  # stored and printed: must encode as UTF-8
                if isinstance(item, Article):
                    item.mirror_url = page_url
                    if meta is not None:
                        sidecar.apply(item, *sidecar.metadata(meta))
                yield item
        except OSError as exc:
            yield IngestError(path_text(str(f)), f"cannot read: {exc.strerror or exc}")
    yield from unread_folders()
    if sidecars and first is not None:
        yield PassedOver(path_text(str(root)), sidecar.note(*first, len(sidecars)), sidecars)


def read(paths: Iterable[str | Path]) -> Iterator[Article | IngestError | PassedOver]:
    for p in paths:
        yield from read_path(Path(p))

"""Which articles a person means by what they have at hand: an id, a page's URL, a file.

`show` took only the id as stored, so a path pasted from a terminal, a page's address from
a browser or an id copied with a trailing space were all "no document with id". Each is
tried after the id itself, which always wins.
"""
from __future__ import annotations

import os
import re
import sqlite3
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, TypeVar
from urllib.parse import unquote, urlsplit

from .archive import Archive
from .cache import catalog_ids_of, catalog_ids_with_url
from .ingest.decode import path_text
from .ingest.warc import url_id
from .query import document_number, id_forms
from .store import REBUILD_FIX, IndexNoAccess, IndexUnreadable
from .suffixes import JSON_LINES

_WEB_URL = re.compile(r"https?://", re.IGNORECASE)
# a web address's scheme and authority (its host, with a port or a user: no news address has one)
_WEB_HEAD = re.compile(r"https?://[^/?#]*", re.IGNORECASE)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
T = TypeVar("T")
# Found.note's words, the addresses left to fill: the web's page sets them in <code> (web.docview)
OPENED_NOTE = "no article has the address {typed}: this is the one at {opened}"


class Found(NamedTuple):
    """The live articles a lookup names, as ids, and `opened`: the other spelling of the web
    address typed that named them (_spellings), None where it named them as typed. `/a` and
    `/a/` may be two pages: `show https://site/a/` opened `/a` when `/a/` was gone, and said
    nothing of it."""

    ids: list[str]
    typed: str = ""
    opened: str | None = None

    def several(self, holds: str, typed: str) -> str:
        """The refusal of an address several articles share: `holds`, the caller's words for the
        address that holds them (`show`'s "holds 2 articles: show one by its id", the web's "is
        the address of 2 articles: open one by its id"), after, where another spelling holds
        them, that the one typed (quoted as the caller quotes it) holds none. Built by `show`
        and by the web each before: one rule now."""
        return f"no article has the address {typed}; {holds}" if self.opened else holds

    @property
    def note(self) -> str | None:
        """What a reader is told when the article opened is another address's."""
        if self.opened is None:
            return None
        return OPENED_NOTE.format(typed=self.typed, opened=self.opened)


def document_ids(archive: Archive, typed: str) -> Found:
    """The live articles `typed` names: one for an id, every article of a page's URL (two
    records of a feed may give the same) or of a file (a JSON Lines or WARC file holds many),
    none when nothing matches."""
    typed = path_text(typed)  # a byte that is not UTF-8 as the indexer records it (%XX): see id_forms
    gen, searcher = archive.searcher()
    for doc_id in dict.fromkeys((typed, typed.strip())):
        if doc_id and document_number(searcher, doc_id) is not None:
            return Found([doc_id], typed)
    text = typed.strip()
    found = _live_page_ids(archive, searcher, gen.path / "catalog.sqlite", text)
    if found is not None:
        return found
    # no page's address: a file's path
    if text.lower().startswith("file://"):
        text = unquote(urlsplit(text).path)
    ids = _live(searcher, _ids_of_file(archive, searcher, gen.path / "catalog.sqlite", text)) if text else []
    # else the file's id (`wire/feed.jsonl`), as the web takes it: a path from another folder than
    # the source's was "no document with id", where /doc/wire/feed.jsonl said the file's articles.
    # A file given as a source is its name (`feed`): `show` says how to list a source's articles
    if not ids and of_records(text) and source_named(archive, text) is None:
        ids = record_ids(archive, text)
    return Found(ids, typed)


def typed_article_id(archive: Archive, typed: str) -> str | None:
    """The id of the one live article whose id or page's address `typed` is, as /doc/ opens
    it (page_ids), else None: a search's query that found nothing, read as an id or an address
    pasted in the box. A web address is also read without its fragment and its query string
    (_address_readings). Each reading a few indexed lookups: a mistyped address, on a path any
    crawler hits, scanned the whole catalog for each reading and spelling."""
    _gen, searcher = archive.searcher()
    walked: dict[str, list[str]] = {}  # each host walked once for every reading and spelling
    for reading in _address_readings(typed):
        if document_number(searcher, reading) is not None:
            return reading
        found = page_ids(archive, reading, walked)
        if len(found.ids) == 1:  # live ids: several share the address, and /doc/ lists them
            return found.ids[0]
    return None


def _address_readings(text: str) -> list[str]:
    """`text`, and for a web address the ones its page opens at /doc/ by: a browser sends no
    "#top", and /doc/ reads a "?ref=rss" no article has as no part of the id. Pasted in the box
    with either (as a reader or a share button gives an address), it got no link."""
    if not _WEB_URL.match(text):
        return [text]
    bare = text.split("#", 1)[0]
    return list(dict.fromkeys([text, bare, bare.split("?", 1)[0]]))


# the ids a near miss is compared with, at most: those of its folder (a source's hold 100,000)
NEAR_ID_CANDIDATES = 50_000


def near_id(archive: Archive, typed: str) -> str | None:
    """The one live id an edit or two from `typed` (one for an id of up to 10 characters) nearer
    than any other, among the ids of its folder (up to its last "/"): an id copied without its
    last character, or with a typo, was "no document with id" with nothing to go on. None where
    several are as near (`feed.jsonl#r9` is an edit from #r1, #r2...: no guess); for an id
    of a folder that holds none, its path under another (_in_another_folder). None for an id
    of under 6 characters, near too many, and for another number of a file's records or of
    an id named by its numbers (_another_article: `#a1` is not `#a10`, `story-2021-0512-3`
    not `-4`)."""
    from .query import _within  # rapidfuzz's OSA distance over a list, as "did you mean" uses

    text = path_text(typed).strip()  # a lone surrogate from the OS stopped Whoosh's prefix lookup
    if len(text) < 6:
        return None
    _gen, searcher = archive.searcher()
    reader = searcher.reader()
    longer = list(islice(_ids_from(reader, text), 2))
    if (len(longer) == 1 and document_number(searcher, longer[0]) is not None  # an id cut short: the one it begins
            and not _another_article(text, longer[0]) and not _number_continued(text, longer[0])):
        return longer[0]
    # its folder's ids: those of the folder before a trailing slash too (`…/000_82ca.txt/`, as a
    # link checker or an address bar's completion gives it, was compared with no id at all)
    folder = text[:text.rstrip("/").rfind("/") + 1]
    terms = _ids_from(reader, folder) if folder else (_text(t) for t, _ in reader.iter_field("id"))
    words = list(islice(terms, NEAR_ID_CANDIDATES))
    if not words or not folder:  # a folder no id is in (or none typed): the path in another
        moved = _in_another_folder(archive, searcher, text.rstrip("/"))
        if moved is not None:
            return moved
    near = [(w, d) for w, d in _within(text, words, 1 if len(text) <= 10 else 2)
            if w != text and not _another_article(text, w) and document_number(searcher, w) is not None]
    nearest = min((d for _, d in near), default=None)
    best = [w for w, d in near if d == nearest]
    return best[0] if len(best) == 1 else None


# the ends of a path (itself, without its first folder, ...) tried under each source's name
MOVED_ENDS = 16


def _in_another_folder(archive: Archive, searcher, text: str) -> str | None:
    """The one live id that is `text`'s path, or its end, under a source's name: an id typed
    with its source's name mistyped (`seed/000_82ca….txt`), left out (`000_82ca….txt`, a file's
    name), another folder's (`wire/…`, a source of another index) or one more folder
    (`seeds/sub/…`, `mirror/seeds/…`) was compared with the ids of a folder that holds none,
    and got "no document with id" and an example. A few lookups, a source's name for each of
    the path's ends; None where none or several are live (two sources' `index.html`)."""
    from .ingest import source_names

    names = source_names(archive.store.sources(), archive.store.source_names()).values()
    parts = text.split("/")
    # at most MOVED_ENDS ends: a path of a thousand slashes is no id moved
    found = {f"{name}/{tail}" for name in names for k in range(min(len(parts), MOVED_ENDS)) if (tail := "/".join(parts[k:]))
             if k < 2 or name.casefold() != parts[0].casefold() or _names_one_article(parts[-1])}
    # each a term looked up first: a search each (some 26 µs), for every source's name and each of a
    # crawler's path's ends, was 0.4 s of a 404 in an index of a thousand sources; a term, 4 µs
    reader = searcher.reader()
    indexed = [i for i in sorted(found) if i != text and any(("id", form) in reader for form in id_forms(i))]
    live = [i for i in indexed if document_number(searcher, i) is not None]
    return live[0] if len(live) == 1 else None


def _names_one_article(name: str) -> bool:
    """Whether a file's `name` holds a hash (`000_82caef7a759caf58.txt`), which names one article
    wherever its folder: an id of a source typed with folders its articles are not in
    (`site/2021/06/vote/index.html`, a page since removed) was offered that source's file of the
    name in a folder typed fewer (`site/index.html`, the site's front page), another article."""
    return any(_HASH_WORD.fullmatch(word) for word in _WORD.findall(name))


def _ids_from(reader, prefix: str) -> Iterator[str]:
    """The indexed ids that begin with `prefix`, in order, as text (Whoosh gives a term as bytes)."""
    return (_text(t) for t in reader.expand_prefix("id", prefix))


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


# a record's own id that numbers it: a number after a name with no digit (`a1`, `r44`, `item-7`,
# `12`), not a hash's tail (`url-77d10aa46d7613a7`, `82caef7a`), whose digit changed is a typo
_RECORD_NUMBER = re.compile(r"(\D*)(\d+)", re.ASCII)


def _record_number(doc_id: str) -> tuple[str, tuple[int, ...]] | None:
    """The file and the numbering name of the record `doc_id` is (`wire/feed.jsonl#a`,
    `wire/feed.jsonl:`), with its number ((1,), (1, 2) for `:1.2`), where it is a numbered record
    of a JSON Lines file; else None."""
    if (line := _record_place(doc_id)) is not None:
        return line[0] + ":", tuple(int(n) for n in line[1].split("."))
    for at in (i for i, c in enumerate(doc_id) if c == "#"):
        if file_of_records(doc_id[:at]):
            numbered = _RECORD_NUMBER.fullmatch(doc_id[at + 1:])
            return (doc_id[:at + 1] + numbered.group(1), (int(numbered.group(2)),)) if numbered else None
    return None


def _another_record(typed: str, live: str) -> bool:
    """Whether `typed` and `live` are two numbers of one file's records: a saved link to a
    removed record (`feed.jsonl#a1`, `:3`, `:1.2`) was offered another article by its number
    continued or changed (`#a10`, `:31`, `:1.21`, `#r2`); a number typed wrong cannot be told
    from a record since removed, and the other record is not the article the link named."""
    mine = _record_number(typed.rstrip("/"))  # `#a1/`, as a link checker gives it, is `#a1`
    return mine is not None and (theirs := _record_number(live)) is not None and mine[0] == theirs[0] and mine[1] != theirs[1]


def _another_article(typed: str, live: str) -> bool:
    """Whether `live` is another article than the one `typed` names, told by a number: another
    record of a file (_another_record) or another number of an id named by its numbers
    (_another_number)."""
    return _another_record(typed, live) or _another_number(typed, live)


# an id's words (letters and digits between its other characters), and those that are a hash:
# hexadecimal with a letter and a digit, or 12 letters and digits of both kinds (base 32, 36);
# not a name and a number (`dec2021`, `september2021`, `2021dec`: letters, then digits, or the
# other way), which a hash's mixed characters hardly ever are
_WORD = re.compile(r"[^\W_]+")
_HASH_WORD = re.compile(r"(?![a-z]+[0-9]+$|[0-9]+[a-z]+$)"
                        r"(?:(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{6,}|(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]{12,})",
                        re.IGNORECASE | re.ASCII)
_DIGITS = re.compile(r"[0-9]+")


def _numbered(doc_id: str) -> tuple[str, tuple[int, ...], bool]:
    """`doc_id`'s shape (each of its numbers a NUL character), its numbers (the digits of a word
    that is no hash: 2021, 512 and 3 of `story-2021-0512-3`, 7 of `item7`), and whether a word of
    it is a hash."""
    numbers: list[int] = []
    hashed = False

    def shape(word: re.Match) -> str:
        nonlocal hashed
        if _HASH_WORD.fullmatch(word.group()):
            hashed = True
            return word.group()
        numbers.extend(int(n) for n in _DIGITS.findall(word.group()))
        return _DIGITS.sub("\0", word.group())

    return _WORD.sub(shape, doc_id), tuple(numbers), hashed


def _another_number(typed: str, live: str) -> bool:
    """Whether `typed` and `live` are one id with other numbers (`story-2021-0512-3`, `-4`; `-1`,
    `-12`): an id named by its numbers (a date, an issue's, a story's) was offered its neighbour
    as a near miss, as a hash's typo is, and a different number there is another article. Not
    where a hash names the article (`000_82caef7a.txt`, a digit of its `000` mistyped)."""
    mine = _numbered(typed.rstrip("/"))  # `…-3/`, as a link checker gives it, is `…-3`
    theirs = _numbered(live)
    return not mine[2] and mine[0] == theirs[0] and mine[1] != theirs[1]


def _number_continued(typed: str, live: str) -> bool:
    """Whether `live`, which `typed` begins, goes on with a digit of the number `typed` ends
    with, in a word that is no hash: `wire/issue-7` (its `.txt` left out, the article gone) was
    offered `wire/issue-70.txt`, another article; an id cut short in its hash
    (`seeds/000_82caef7a759caf`) names its article still."""
    at = len(typed)
    if not (typed[-1:].isdigit() and live[at:at + 1].isdigit()):
        return False
    word = next(w.group() for w in _WORD.finditer(live) if w.start() < at <= w.end())
    return not _HASH_WORD.fullmatch(word)


def source_named(archive: Archive, typed: str) -> str | None:
    """The name of the index's source that `typed` is (its folder's path, or its name as ids and
    the source facet give it: `seeds`), else None: `show` takes one article, and "no document
    with id" for a source's folder read as if the folder were not indexed at all."""
    from .ingest import source_names

    text = typed.strip()
    if not text:
        return None
    sources = archive.store.sources()
    names = source_names(sources, archive.store.source_names())
    resolved = path_text(os.path.realpath(os.path.expanduser(text)))
    return next((names[s] for s in sources if s in names and (path_text(s) == resolved or names[s] == text.rstrip("/"))),
                None)


def page_ids(archive: Archive, typed: str, walked: dict[str, list[str]] | None = None) -> Found:
    """The live articles of the page's address `typed` is: the web's /doc/<id> and
    /api/doc/<id> take the url a search reports as `show` does (they took the id alone). No
    file's path: a server does not look round its own disk for what a visitor names."""
    gen, searcher = archive.searcher()
    return _live_page_ids(archive, searcher, gen.path / "catalog.sqlite", typed.strip(), walked) or Found([], typed)


def file_of_records(typed: str) -> bool:
    """Whether `typed` ends as a JSON Lines file's name (`wire/feed.jsonl`, `.json.gz`), whose
    records' ids go on after a # or a colon: the ids after `wire/C` and a # are those of a file
    whose name holds one (`wire/C#.jsonl:1`), which "wire/C" is not the file of."""
    return typed.strip().lower().removesuffix(".gz").endswith(JSON_LINES)


def line_of_records(typed: str) -> bool:
    """Whether `typed` is the id of a JSON Lines file's line (`wire/feed.jsonl:2`), whose line may
    hold a list of articles (`:2.1`, `:2.2`...): such an id, typed from a report's line number or
    saved when the file's one line was read as its articles `:1`, `:2`, was "no document with id"."""
    line = _record_place(typed.strip())
    return line is not None and "." not in line[1]


def of_records(typed: str) -> bool:
    """Whether `typed` is the id of a JSON Lines file or of its line: an id that lists records."""
    return file_of_records(typed) or line_of_records(typed)


# a record's place in its file, after the file's id and a colon: its line, or n.k for article k of
# the list its line n holds (an API's response a line: ingest.jsonl)
_LINE_PLACE = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


def _record_place(doc_id: str) -> tuple[str, str] | None:
    """The file and the place (`2`, `2.1`: _LINE_PLACE) of a JSON Lines file's record whose id by its
    line `doc_id` is (`wire/feed.jsonl:2`, `:2.1`), else None: the one reading of such an id, which
    line_of_records and _record_number each made, one taking `:2` alone, the other `:2.1` too."""
    file, colon, place = doc_id.rpartition(":")
    return (file, place) if colon and _LINE_PLACE.fullmatch(place) and file_of_records(file) else None


def record_ids(archive: Archive, typed: str, limit: int | None = None) -> list[str]:
    """The live ids of the records of a file whose id `typed` names (`wire/feed.jsonl`: its
    records are `wire/feed.jsonl#1`, `#2`... by their own ids, `wire/feed.jsonl:1`, `:2`... by
    their lines, `:2.1`, `:2.2`... by their place in a line's list), in their ids' order: an id
    typed or pasted in a browser's address bar, /doc/wire/feed.jsonl#2, reaches the server
    without its "#2" (a # starts the address's fragment), and was "no document with id
    'wire/feed.jsonl'"; so was the file's id typed whole, where `show` lists its articles. Read
    from the index's ids, not from a disk.
    `limit`: at most so many, the first the index's ids list (in the order of their text, so
    not the first lines), ordered: a hint needs a few, and a file of 100,000 records was read
    whole on each request."""
    text = typed.strip()
    if not text or "#" in text:
        return []
    _gen, searcher = archive.searcher()
    reader = searcher.reader()
    found: list[str] = []
    # a record's own id, a record's line; after a line's id, the articles its list holds
    for sep in "." if line_of_records(text) else "#:":
        terms = _ids_from(reader, text + sep)
        live = (t for t in terms if (sep == "#" or _LINE_PLACE.fullmatch(t[len(text) + 1:]))
                and document_number(searcher, t) is not None)
        live = list(live if limit is None else islice(live, limit - len(found)))
        found += sorted(live, key=lambda i: (0, tuple(map(int, tail.split("."))), "")
                        if _LINE_PLACE.fullmatch(tail := i[len(text) + 1:]) else (1, (), tail))
        if limit is not None and len(found) >= limit:
            break
    return found


def _live_page_ids(archive: Archive, searcher, catalog: Path, text: str,
                   walked: dict[str, list[str]] | None = None) -> Found | None:
    """_page_ids that are live; for a web address that names none, those of its first other
    spelling that names some (_spellings: the other scheme first, then the path's last slash
    added or dropped), with that spelling. A mirrored page's address is guessed from its
    host's folder, as https:// (ingest.mirror): `show http://...` of the same page found
    nothing. `searcher` is the one of `catalog`'s generation: ids read from one generation's
    catalog are checked against that generation."""
    walked = {} if walked is None else walked  # the stored spellings of each host (_stored_spellings)
    found = _page_ids(archive, searcher, catalog, text, walked)
    if found is None:
        return _schemeless_page_ids(archive, searcher, catalog, text, walked)
    live = _live(searcher, found)
    if live:
        return Found(live, text)
    for other in _spellings(text):
        live = _live(searcher, _page_ids(archive, searcher, catalog, other, walked) or [])
        if live:
            return Found(live, text, other)
    return Found([], text)


# an address typed without its scheme: a host with a dot (`www.site.example`, `site.example:8080`),
# then a path or nothing
_SCHEMELESS = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?::\d+)?(?:[/?#]|$)", re.I)


def _schemeless_page_ids(archive: Archive, searcher, catalog: Path, text: str,
                         walked: dict[str, list[str]]) -> Found | None:
    """The live articles of `text` read as a web address typed without its scheme
    (`www.site.example/2021/coup`, as a browser's bar shows it and a reader copies it), by
    https:// and then http:// (and their other spellings), with the address that names them;
    None where it reads as no such address or names none (a file's path, looked up next). It
    was "no document with id 'www.site.example/2021/coup'" at /doc/ and `show`."""
    if not _SCHEMELESS.match(text):
        return None
    for scheme in ("https://", "http://"):
        for other in (_folded(scheme + text), *_spellings(scheme + text)):
            live = _live(searcher, _page_ids(archive, searcher, catalog, other, walked) or [])
            if live:
                return Found(live, text, other)
    return None


def _spellings(url: str) -> list[str]:
    """The other ways of writing the web address `url` that name the same page: the other
    scheme (http or https), and with the trailing slash of its path added or dropped where it
    has no query or fragment (a URL pasted from a browser's bar: `show .../russian-forest`
    found nothing of a page stored as `.../russian-forest/`), in the order tried; none for
    another address. Tried only where the address as typed names no live page: `/a` and `/a/`
    may be two pages, and the one typed always wins. Each in lower-case scheme and host
    (_folded), as addresses are mostly stored."""
    url = _folded(url)
    m = re.match(r"(https?)(://.*)", url, re.DOTALL)
    if m is None:
        return []
    schemes = [m.group(1), "http" if m.group(1) == "https" else "https"]
    rests = [m.group(2)]
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": no path to read
        return [schemes[1] + rests[0]]
    # a "?" or "#" with nothing after it is a query or fragment still: "x/a?/" is another address
    if "?" not in rests[0] and "#" not in rests[0] and parts.path not in ("", "/"):
        rests.append(m.group(2)[:-1] if m.group(2).endswith("/") else m.group(2) + "/")
    rests += [other for rest in list(rests) if (other := _www_other(rest))]  # after the host as typed
    return [scheme + rest for rest in rests for scheme in schemes][1:]


# a host a "www." may be added to: a name with a dot, not an address (1.2.3.4, [::1]), no user
_WWW_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*(?::\d+)?", re.ASCII)


def _www_other(rest: str) -> str | None:
    """`rest` ("://host/path", in lower case) with "www." dropped from its host or added to it:
    `old.example/2021/x` pasted at /doc/ or in `show` found nothing of an article stored at
    `https://www.old.example/2021/x` (and the other way round), where a site answers at both
    and a reader copies either. None for a host it cannot be (an IP address, `www.example`)."""
    host, sep, path = rest[3:].partition("/")
    host, mark, after = host.partition("?") if "?" in host else host.partition("#")  # `://a.example?x`
    if host.startswith("www.") and _WWW_HOST.fullmatch(host[4:]) and "." in host[4:].split(":")[0]:
        other = host[4:]
    elif _WWW_HOST.fullmatch(host) and not host.startswith("www."):
        other = "www." + host
    else:
        return None
    return "://" + other + mark + after + sep + path


def _head(url: str) -> int:
    """The length of a web address's scheme and host (`HTTPS://SITE.EXAMPLE:80`), which are
    read in any case, 0 for anything else."""
    m = _WEB_HEAD.match(url)
    return m.end() if m else 0


def _folded(url: str) -> str:
    """The web address `url` with its scheme and host in lower case (ASCII alone, as SQLite's
    lower() folds them: catalog_ids_with_url), its path as typed: a path is read in its case."""
    return url[:_head(url)].translate(_ASCII_LOWER) + url[_head(url):]


def _ids_where(searcher, field: str, values: list[str]) -> list[str]:
    """The ids of the articles whose stored `field` (url: as a search reports it; path: the
    file read) is one of `values`, in the order indexed (a JSON Lines file's records by line,
    as the catalog files them); none in an index written before the field was indexed (the
    next run rebuilds it)."""
    if not searcher.schema[field].indexed:
        return []
    numbers = {n for v in values for n in searcher.document_numbers(**{field: v})}
    return [searcher.stored_fields(n)["id"] for n in sorted(numbers)]


def _live(searcher, ids: list[str]) -> list[str]:
    return [i for i in dict.fromkeys(ids) if document_number(searcher, i) is not None]


def _page_ids(archive: Archive, searcher, catalog: Path, text: str,
              walked: dict[str, list[str]] | None = None) -> list[str] | None:
    """The ids `text` names as a page's address, None when it is none (a path, or a file's
    URL with no `#`). A JSON Lines record with no url of its own reports its file's URL with
    `#` and its line (`file:///x/feed.jsonl#1492`), as an editor's link to a line: that was
    taken for the file, "holds 2,000 articles", and its line number is not the `#` of the
    id, which is the record's own id where it has one."""
    web = bool(_WEB_URL.match(text))
    if not web and (not text.lower().startswith("file://") or not urlsplit(text).fragment):
        return None
    # A WARC's or a feed's page is filed under its URL's hash, but a JSON Lines record with an
    # id of its own is not ("show http://reuters.example/1" found nothing): the catalog keeps
    # each record's url. A page saved to disk is reported by its canonical address, which only
    # the index's `url` holds (the catalog has its file:// address); a file:// address with a
    # line is found in the index's own `url` too where the catalog is gone.
    # The scheme and host are read in any case (RFC 3986): `show HTTPS://SITE.EXAMPLE/a` found
    # nothing of https://site.example/a. The catalog compares them so; the index's url and an
    # id are taken as typed and in lower case, as addresses are mostly written.
    spelled = list(dict.fromkeys((text, _folded(text))))
    found = [*from_catalog(archive, catalog, lambda: catalog_ids_with_url(catalog, text, _head(text)), []),
             *_ids_where(searcher, "url", _stored_spellings(searcher, text, walked))]
    return [*found, *map(url_id, spelled)] if web else found


def _stored_spellings(searcher, url: str, walked: dict[str, list[str]] | None = None) -> list[str]:
    """The addresses the index's `url` holds that are `url` with its scheme and host in any case
    of ASCII (as the catalog compares them: catalog_ids_with_url), its path as typed. A page
    saved to disk is in the index's url alone, and `show https://shout.example/B` found nothing
    of one stored as "https://SHOUT.Example/B" (a6fa65b tried the address as typed and in lower
    case only). The index's terms are walked a character of the head at a time, each case kept
    only where a stored address begins so: a few lookups, not a scan of every address.
    `walked`: the stored spellings of each head and each of its beginnings walked so far (in
    lower case: the walk is the same for every case typed), for the next address with that
    head: one lookup's readings and spellings, some sixteen addresses, have four heads
    (https:// and http://, with and without "www."), each walked once from where the heads
    walked before part."""
    head = _head(url)
    if not head or not searcher.schema["url"].indexed:
        return list(dict.fromkeys((url, _folded(url))))
    reader = searcher.reader()
    walked = {} if walked is None else walked
    key = url[:head].translate(_ASCII_LOWER)  # the walk tries both cases of each character: one walk for any
    # from the longest beginning walked before: `https://www.site.example` and `https://site.example`
    # (_www_other) share `https://`, and the walk of a "www." no address has stops at its second w
    done = next(i for i in range(head, -1, -1) if i == 0 or key[:i] in walked)
    prefixes = walked.get(key[:done], [""])
    for at in range(done, head):
        c = url[at]
        cases = dict.fromkeys((c.translate(_ASCII_LOWER), c.upper() if c.isascii() else c))
        prefixes = [p + k for p in prefixes for k in cases if next(iter(reader.expand_prefix("url", p + k)), None)]
        walked[key[:at + 1]] = prefixes
    return [p + url[head:] for p in prefixes if ("url", p + url[head:]) in reader]


def _ids_of_file(archive: Archive, searcher, catalog: Path, path: str) -> list[str]:
    """Ids the catalog files under this path, as typed relative to here or absolute, or
    through a link (the catalog keeps the path as the source was given); with no catalog
    (deleted, or lost to a disk), those the index stores with that path: `show FILE` found
    nothing until the next index run rebuilt the catalog."""
    expanded = os.path.expanduser(path)
    forms = list(dict.fromkeys(path_text(p) for p in (os.path.abspath(expanded), os.path.realpath(expanded))))
    found = from_catalog(archive, catalog, lambda: catalog_ids_of(catalog, forms), None)
    return _ids_where(searcher, "path", forms) if found is None else found


def from_catalog(archive: Archive, catalog: Path, query: Callable[[], T], missing: T) -> T:
    """`query`'s answer from a generation's catalog; `missing` when the generation has none (an
    index written before it). One that is there but cannot be read is damage (exit 3), as any
    other file of the generation: it was "no document with id" (exit 2), sending the reader to
    fix the id, and stats said every source had articles."""
    try:
        return query()
    except sqlite3.Error as exc:
        if not catalog.exists():
            return missing
        try:
            catalog.open("rb").close()
        except PermissionError as denied:  # a permission to fix, not damage to rebuild
            raise IndexNoAccess(archive.store.path, denied) from exc
        raise IndexUnreadable(f"the index at {archive.store.path} ({catalog.parent.name}) is damaged "
                              f"({catalog.name}: {exc.__class__.__name__}: {exc}): {REBUILD_FIX}") from exc


def an_id(archive: Archive) -> str | None:
    """One live article's id, the example a "no document with id" message gives, so that a
    reader who guessed at the form (a file's name without its source's folder, a number) sees
    the one this index's ids take; None in an index of no article."""
    gen, searcher = archive.searcher()
    first = lambda: next((searcher.stored_fields(d).get("id") or "" for d in searcher.reader().all_doc_ids()), "")
    return gen.derive("an_id", first) or None

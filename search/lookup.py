"""Which articles a person means by what they have at hand: an id, a page's URL, a file.

`show` took only the id as stored, so a path pasted from a terminal, a page's address from
a browser or an id copied with a trailing space were all "no document with id". Each is
tried after the id itself, which always wins.
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .archive import Archive
from .ingest.decode import path_text
from .ingest.warc import url_id
from .query import document_number

_WEB_URL = re.compile(r"https?://", re.IGNORECASE)


def document_ids(archive: Archive, typed: str) -> list[str]:
    """The live articles `typed` names, as ids: one for an id or a page's URL, every article
    of a file (a JSON Lines or WARC file holds many), none when nothing matches."""
    gen, searcher = archive.searcher()
    live = [i for i in dict.fromkeys((typed, typed.strip())) if i and document_number(searcher, i) is not None]
    if live:
        return live[:1]
    text = typed.strip()
    if _WEB_URL.match(text):  # a WARC's or a feed's page is filed under its URL's hash
        page = url_id(text)
        return [page] if document_number(searcher, page) is not None else []
    if text.lower().startswith("file://"):
        text = unquote(urlsplit(text).path)
    if not text:
        return []
    ids = _ids_of_file(gen.path / "catalog.sqlite", text)
    return [i for i in ids if document_number(searcher, i) is not None]


def _ids_of_file(catalog: os.PathLike, path: str) -> list[str]:
    """Ids the catalog files under this path, as typed relative to here or absolute, or
    through a link (the catalog keeps the path as the source was given)."""
    expanded = os.path.expanduser(path)
    forms = list(dict.fromkeys(path_text(p) for p in (os.path.abspath(expanded), os.path.realpath(expanded))))
    try:  # read-only: connecting would create a missing file
        con = sqlite3.connect(f"{Path(catalog).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        rows = con.execute(f"SELECT id FROM docs WHERE path IN ({','.join('?' * len(forms))}) ORDER BY rowid",
                           forms).fetchall()
    except sqlite3.Error:  # an index written before the catalog: ids only
        return []
    finally:
        con.close()
    return [r[0] for r in rows]

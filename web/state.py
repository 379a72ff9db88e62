"""One Archive per app, opened lazily: the app starts even before the first index exists."""
from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from flask import Flask, current_app
from werkzeug.routing import PathConverter

from search import Archive, IndexMissing, open_index

T = TypeVar("T")


class DocIdConverter(PathConverter):
    """Any document id: slashes (also leading or doubled), '#', '?', '%' all round-trip."""
    regex = "[\\s\\S]+"  # "." would stop at a newline, which a file name or a JSON id may hold
    part_isolating = False

    def to_url(self, value: str) -> str:
        """A "." or ".." between slashes (a JSON Lines id "x/../y") is a dot segment that
        browsers and curl resolve before asking (the link led to /doc/feed/y, a 404): then
        the slashes are written %2F, which the server decodes back, and no segment is one."""
        url = super().to_url(value)
        if any(seg in (".", "..") for seg in value.split("/")):
            url = url.replace("/", "%2F")
        return url


def courtesy(read: Callable[[], T]) -> T | None:
    """What `read` reads of the index for a page that says something else (a 404's example of an
    article's page, a refused search's offer of the article its query names), or None where it
    cannot: the index missing or unreadable (IndexMissing), or damaged where only this reads it (a
    stored field's zlib.error), which, raised in the error's own handler, gave Flask's bare
    "Internal Server Error" in place of the page. Damage is logged, not hidden."""
    try:
        return read()
    except IndexMissing:
        return None
    except Exception:
        current_app.logger.exception("the index could not be read for a page's example or offer")
        return None


def init_archive(app: Flask) -> None:
    app.extensions["newsarchive"] = {"archive": None, "entities": (None, {}), "lock": threading.Lock()}
    app.url_map.converters["docid"] = DocIdConverter


def archive() -> Archive:
    """The app's archive; follows newly published generations by itself (see search.archive)."""
    ext = current_app.extensions["newsarchive"]
    if ext["archive"] is None:
        with ext["lock"]:
            if ext["archive"] is None:
                ext["archive"] = open_index(current_app.config["INDEX"])
    return ext["archive"]


def entity_index() -> dict[str, dict[str, Any]]:
    """Entities of the live generation by id and by (type, name): what document pages link."""
    ext = current_app.extensions["newsarchive"]
    gen = archive().current()
    name, index = ext["entities"]
    if name == gen.version:
        return index
    index = {}
    for e in getattr(gen.entities, "entities", None) or []:
        rec = {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "documents": e.documents}
        index[e.id] = rec
        index[(e.type, e.name)] = rec
    ext["entities"] = (gen.version, index)
    return index


def filter_label(facet: str, value: str) -> str:
    """How a filter value reads on the page: an entity id (what facet links carry) as the
    entity's name, a language code as the language's name ("he": Hebrew), anything else as it is."""
    from search.language import language_name
    from search.query import is_entity_id

    if facet == "language":
        return language_name(value)
    if is_entity_id(value):
        rec = entity_index().get(value)
        if rec is not None and rec["type"] == facet:
            return rec["name"]
    return value

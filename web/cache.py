"""Whole responses of the search pages, keyed by index generation and URL.

A news archive's readers ask the same things again (the entities in the news, the
facet a link points to). A results page costs tens of milliseconds of Python under the
GIL; a repeat costs a dictionary lookup. Keys include the live generation's version, so a
published reindex (or an index directory built again) is never answered from the old index; entries are bounded by their
total size (`PAGE_CACHE_MB`, 0 turns the cache off) and evicted least recently used.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps
from typing import Callable

from flask import Response, current_app, request

from .state import archive


class PageCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, tuple[bytes, str, tuple]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple) -> tuple[bytes, str, tuple] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, key: tuple, body: bytes, mimetype: str, headers: tuple = ()) -> None:
        if len(body) > self.max_bytes // 8:  # one huge page must not flush everything
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            self._items[key] = (body, mimetype, headers)
            self._bytes += len(body)
            while self._bytes > self.max_bytes and self._items:
                _, (b, _, _) = self._items.popitem(last=False)
                self._bytes -= len(b)


KEPT_HEADERS = ("Link", "X-Total-Count")  # a list's paging (api.api_entities), part of the answer


def init_cache(app) -> None:
    mb = app.config.get("PAGE_CACHE_MB", 32)
    app.extensions["newsarchive_cache"] = PageCache(int(float(mb) * 1024 * 1024)) if mb and float(mb) > 0 else None
    app.after_request(revalidated)


UNCONDITIONAL = ("static", "api.healthz")  # Flask serves static files conditionally itself; health is live


def revalidated(resp: Response) -> Response:
    """Every page and JSON answer carries an ETag (a hash of its body) and asks to be
    revalidated (`no-cache`: a reindex may change it any night), and a client holding the
    same body gets 304 without it: pages sent no validator, so If-None-Match always
    cost the whole page. A hash of the body, not the generation: a new release of the app
    changes a page on the same index. Not a streamed answer (an export): hashing it read the
    whole of it into memory before the first byte went out."""
    if request.method not in ("GET", "HEAD") or resp.status_code != 200 or resp.direct_passthrough \
            or resp.is_streamed or request.endpoint in UNCONDITIONAL:
        return resp
    if "ETag" not in resp.headers:
        resp.add_etag()
    resp.headers.setdefault("Cache-Control", "no-cache")
    return resp.make_conditional(request)


def cached(view: Callable) -> Callable:
    """Serves a repeat of the same URL on the same generation from the cache (200s only)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        cache: PageCache | None = current_app.extensions.get("newsarchive_cache")
        if cache is None:
            return view(*args, **kwargs)
        key = (archive().current().version, request.path, request.query_string)
        hit = cache.get(key)
        if hit is not None:
            resp = Response(hit[0], mimetype=hit[1], headers=list(hit[2]))
            resp.headers["X-Cache"] = "hit"
            return resp
        resp = current_app.make_response(view(*args, **kwargs))
        if resp.status_code == 200 and not resp.direct_passthrough:
            cache.put(key, resp.get_data(), resp.mimetype, tuple((h, resp.headers[h]) for h in KEPT_HEADERS if h in resp.headers))
            resp.headers["X-Cache"] = "miss"
        return resp

    return wrapper

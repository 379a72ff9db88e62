"""The page an address typed a little off means: `/search/?q=oil` (a trailing slash, as a
CMS or a hand editing the address adds one) or `/Entities`. Each was "404 · Not found", the
search it carried gone, with nothing to say which page it had missed."""
from __future__ import annotations

from urllib.parse import quote

from flask import Response, jsonify, redirect, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import MapAdapter

# the printable ASCII a query string may hold as sent (its % escapes among them): kept as it is
_QUERY_ASCII = "".join(chr(c) for c in range(0x21, 0x7F))


def meant_path(adapter: MapAdapter, path: str, method: str) -> str | None:
    """The path of the page `path` spells with trailing slashes, or in other capitals where
    that page's path holds no value (a /doc/ id, a facet's name are read as typed); None when
    it spells none."""
    stripped = path.rstrip("/")
    candidates = [(stripped, True)] if stripped and stripped != path else []
    if stripped.lower() != stripped:
        candidates.append((stripped.lower(), False))
    for candidate, any_rule in candidates:
        try:
            rule, _ = adapter.match(candidate, method=method, return_rule=True)
        except HTTPException:  # no page there either (or one the map itself would send on)
            continue
        if any_rule or not rule.arguments:
            return candidate
    return None


def other_method(adapter: MapAdapter, path: str, method: str) -> MethodNotAllowed | None:
    """The 405 of a request by `method` to a page that `path` (as sent, or as meant_path reads
    it: `/search/`) answers by another method only, naming that page and its methods; None
    when no page answers it. POST /search/ (a form's action with a trailing slash) was a 404,
    "no page at /search/: the pages are /search, ...", naming the page it had not found."""
    for candidate in dict.fromkeys((path, meant_path(adapter, path, "GET") or path)):
        try:
            adapter.match(candidate, method=method)
        except MethodNotAllowed as exc:
            return MethodNotAllowed(valid_methods=exc.valid_methods,
                                    description=read_with(candidate, method, exc.valid_methods or ()))
        except HTTPException:
            continue
    return None


def read_with(path: str, method: str, valid_methods) -> str:
    """A 405's message: the page and the methods it is read with ("Method not allowed" named
    neither)."""
    allowed = [m for m in valid_methods if m not in ("HEAD", "OPTIONS")]
    return (f"{shown_path(path)} is read with {' or '.join(allowed)}, not {method}: its parameters go in the "
            "address (a form sends them so with method=\"get\")")


def shown_path(path: str, limit: int = 200) -> str:
    """An address's path as an error names it: cut past `limit` characters, as an id is."""
    return path if len(path) <= limit else path[:limit] + f"… ({len(path):,} characters)"


def wants_json() -> bool:
    """Whether the request is the JSON API's (/api/..., /healthz, in any capitals, as the
    address is sent on: `/API/search/`): its errors are JSON."""
    path = request.path.lower()
    return path.startswith("/api/") or path.rstrip("/") == "/healthz"


def sent_on(path: str) -> Response:
    """A 308 to `path` with the request's parameters as sent; for an address of the JSON API,
    a JSON body saying where, as its every other answer is JSON (a monitor reading
    `/healthz/` without following it reads that)."""
    # as sent: its escapes kept, a byte sent raw (curl's `?q=été`) escaped as that byte, where
    # read as Latin-1 the Location header wrote it again as UTF-8 ("Ã©tÃ©")
    query = quote(request.query_string, safe=_QUERY_ASCII)
    location = request.script_root + path + ("?" + query if query else "")
    resp = redirect(location, 308)
    if wants_json():
        resp = jsonify({"location": location, "status": 308})
        resp.status_code, resp.headers["Location"] = 308, location
    return resp

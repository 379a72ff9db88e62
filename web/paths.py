"""The page an address typed a little off means: `/search/?q=oil` (a trailing slash, as a
CMS or a hand editing the address adds one) or `/Entities`. Each was "404 · Not found", the
search it carried gone, with nothing to say which page it had missed."""
from __future__ import annotations

from urllib.parse import quote, unquote

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
                                    description=read_with(adapter, candidate, method, exc.valid_methods or ()))
        except HTTPException:
            continue
    return None


# the pages whose parameters a form could have posted: a search's, a facet's, the entity list's
_READ_PARAMETERS = frozenset({"views.search_page", "views.facet_page", "views.entities_page",
                              "api.api_search", "api.api_export", "api.api_facet", "api.api_entities"})


def read_with(adapter: MapAdapter, path: str, method: str, valid_methods) -> str:
    """A 405's message: the page, as the request wrote it (sent_path), the methods it is read
    with ("Method not allowed" named neither), and what to do: a form's parameters go in the
    address; a PUT or a DELETE changes nothing here; another page is opened by its address. It
    spoke of "parameters" to a PUT, a DELETE and a file of /static/, and named /doc/a%23b as
    /doc/a#b, an address that opens another page."""
    allowed = [m for m in valid_methods if m not in ("HEAD", "OPTIONS")]
    said = f"{shown_path(sent_path(path))} is read with {' or '.join(allowed)}, not {method}"
    try:
        endpoint, _ = adapter.match(path, method=allowed[0] if allowed else "GET")
    except HTTPException:
        endpoint = None
    if method == "POST" and endpoint in _READ_PARAMETERS:
        return f'{said}: its parameters go in the address (a form sends them so with method="get")'
    if method == "POST":
        return f"{said}: open it by its address, as a link does"
    return f"{said}: this server reads the archive and changes nothing in it (`newsarchive index` and `forget` do)"


def sent_path(path: str) -> str:
    """`path`, this request's path or it with its trailing slashes dropped (meant_path), as the
    request wrote it: its escapes kept (`/doc/a%23b`, where Werkzeug's path reads `/doc/a#b`:
    copied from a message, it lost its `#b` as an address's fragment). Another path (a page's
    in other capitals) is given back as it is: no escape in it is the request's."""
    raw = (request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or "").split("?", 1)[0]
    if "://" in raw:  # a proxy's absolute form: http://host/path
        raw = "/" + raw.split("://", 1)[1].partition("/")[2]
    root = request.script_root
    raw = raw[len(root):] if root and unquote(raw).startswith(root) and raw.startswith(root) else raw
    if not raw or unquote(raw) != request.path:  # no raw address (another server), or not this path's
        raw = quote(request.path, safe="/:@!$&'()*+,;=~")
    if path == request.path:
        return raw
    return raw.rstrip("/") if path == request.path.rstrip("/") else path


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

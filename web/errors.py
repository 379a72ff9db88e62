"""Error pages and JSON errors: a clear message and the right status, never a traceback."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from flask import Flask, current_app, jsonify, render_template, request, url_for
from werkzeug.datastructures import iter_multi_items
from werkzeug.exceptions import HTTPException

from search import IndexBuilding, IndexMissing, IndexNoAccess, IndexUnreachable, IndexUnreadable, NotAnIndex, QueryError
from search.lookup import an_id
from search.query import MAX_QUERY_CHARS

from .docview import typed_article
from .labels import page_message
from .params import SearchState
from .paths import read_with, sent_path, shown_path, wants_json
from .state import archive, courtesy
from .summary import contains_arg

SEARCH_PAGES = ("views.search_page", "views.facet_page")  # endpoints whose arguments are a search
# each page's JSON twin, which refuses the same request in the same words: the error page links
# it, as every other page does ("This page as JSON" was missing on a 400 alone)
TWINS = {"views.search_page": "api.api_search", "views.facet_page": "api.api_facet", "views.doc_page": "api.api_doc",
         "views.entities_page": "api.api_entities"}
# pages that take no query: the entity list refuses q= (its facet's page answers it), and its error
# page said "Your query was: coup" under a heading "This search cannot run", as if it had been one
NO_QUERY = ("views.entities_page", "api.api_entities")
# a 400's heading on each page that has its own: the document page's (a parameter not UTF-8, or
# given twice) was headed "This search cannot run", as if it had been a search
REFUSED = {**dict.fromkeys(SEARCH_PAGES, "This search cannot run"), "views.entities_page": "This list cannot be shown",
           "views.doc_page": "This article cannot be shown", "views.doc_text": "This article cannot be shown"}
# each status's heading (a 400's where REFUSED names none), and the message said for werkzeug's own error of that status (its
# description is generic; None: werkzeug's name of the status)
STATUSES = {
    400: ("This page cannot be shown", None),
    404: ("Not found", "Not found"),
    405: ("Method not allowed", "Method not allowed"),
    413: ("Too large", "Request too large"),
    414: ("Too long", "Request URI too long"),
    503: ("Not available yet", None),
}


# what a 404 for an address no page has lists: the pages, or the JSON API's addresses
PAGES = "/search, /doc/ID, /entities and /status"
PAGES_JSON = "/api/search, /api/doc/ID, /api/export, /api/facet/NAME, /api/entities and /healthz"




def _error(status: int, message: str, syntax: bool = False, headers: list[tuple[str, str]] | None = None,
           suggestion: str | None = None, link: str | None = None, answers: tuple[tuple[str, str], ...] = ()):
    """`syntax`: the page reminds of the query syntax (a QueryError that says it helps; the
    reminder followed "query has no searchable words" and a page past the last, too).
    `headers`: those the status requires (Allow on a 405). `suggestion`: the query fixed
    (`published:1987` for `date:1987`), a link on the page and a key of the JSON. `link`: a URL
    the message names (/facet/person?q=coup), a link on the page, the JSON's text unchanged.
    `answers`: the pages that answer the request, (heading, URL), listed in words below the message."""
    headers = headers or []
    if wants_json():
        body = {"error": message, "status": status}
        if suggestion:
            body["suggestion"] = suggestion
        return jsonify(body), status, headers
    query, query_cut = _query_shown()
    state = _search_state()
    fix = _fixed_url(state, suggestion) if suggestion and state is not None else None
    # a filter value no article could have (year=21): the search without it, the others kept
    # a facet's page reads no page or per_page: it keeps them for its link back, or drops them
    refused = (SearchState.refused_filters(request, paged=request.endpoint == "views.search_page")
               if state is not None and status == 400 else [])
    without = _fixed_url(state, state.query) if refused else None
    # a setting given twice, both read (sort=newest&sort=oldest): the search with each
    paged = request.endpoint == "views.search_page"
    choices = ([(label, _changed_url(state, **change)) for label, change in SearchState.settings_given_twice(request, paged)]
               if state is not None and status == 400 else [])
    # an article's address pasted as the query (`http:` read as a field): the page that opens it
    article = typed_article(query) if status == 400 and request.endpoint == "views.search_page" else None
    link = link if link and link in message else None
    before, _, after = message.partition(link) if link else (message, "", "")
    title = REFUSED.get(request.endpoint or "") if status == 400 else None
    title = title or STATUSES.get(status, ("Something went wrong",))[0]
    page = render_template("error.html", status=status, title=title, message=message, syntax=syntax, message_parts=(before, after),
                           link=link, answers=answers,
                           query=query, query_cut=query_cut, state=state, suggestion=suggestion, fixed_url=fix,
                           refused=refused, without_url=without, choices=choices, article=article,
                           json_url=_twin_url(status))
    return page, status, headers


def _fixed_url(state: SearchState, suggestion: str) -> str:
    """The same page (a search, a facet's values) with the query fixed, all else kept: a
    facet's page keeps its `page`, the results page its "Back to the results" returns to."""
    return _changed_url(state, query=suggestion)


def _changed_url(state: SearchState, **changes) -> str:
    """The same page with `changes` (a query fixed, a setting chosen), all else kept; the
    results start at page 1 but where `changes` choose one."""
    if request.endpoint == "views.search_page":
        return replace(state, **{"page": 1, **changes}).url()
    return replace(state, **changes).url(request.endpoint, **(request.view_args or {}), **_contains())


def _contains() -> dict[str, str]:
    """A facet page's `contains` (its list narrowed to the values holding it), which the links
    fixing its refused search keep as they keep the filters: "Search without year=87, keeping
    the rest" led to the facet's whole list. One the page would refuse (too long) is left out,
    as a filter value no article could have is."""
    if request.endpoint != "views.facet_page":
        return {}
    try:
        contains = contains_arg(request.args)
    except QueryError:
        return {}
    return {"contains": contains} if contains else {}


def _twin_url(status: int) -> str | None:
    """The refused request's JSON twin, its arguments as sent (so it answers the same error),
    None where there is none (an unknown path, /text/) or the method was the error."""
    twin = TWINS.get(request.endpoint or "")
    if twin is None or status == 405:
        return None
    url = url_for(twin, **(request.view_args or {}))
    args = urlencode(list(iter_multi_items(request.args)))  # re-encoded: no raw byte of the request echoed
    return f"{url}?{args}" if args else url


def _query_shown() -> tuple[str, int]:
    """The query for "Your query was", and how many characters it leaves out: a query too
    long to run shows where the limit falls (its first MAX_QUERY_CHARS), and the page says
    it was shortened; the box above holds it whole, to be cut there."""
    if request.endpoint in NO_QUERY:  # its q= is no query: what the message refuses, and names
        return "", 0
    query = request.args.get("q", "")
    return query[:MAX_QUERY_CHARS], max(0, len(query) - MAX_QUERY_CHARS)


def _an_article_page() -> str | None:
    """The page (or its JSON) of an article of this index, for the list of pages; None where
    the index cannot be read, which a page no route has is not the place to say."""
    doc_id = courtesy(lambda: an_id(archive()))
    return url_for("api.api_doc" if wants_json() else "views.doc_page", doc_id=doc_id) if doc_id else None


def _search_state() -> SearchState | None:
    """The refused search, for the header's box and its hidden filters (None on other pages):
    the error page of a query with a typo held "Your query was" and an empty box."""
    if request.endpoint not in SEARCH_PAGES:
        return None
    state = SearchState.salvaged(request)
    # a facet's page: its `page` (the results its "Back to the results" returns to) kept for
    # the links fixing it; the results page's own is not (a fixed search starts at page 1)
    return state.returning_to(request) if request.endpoint == "views.facet_page" else state


def register(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def bad_query(exc):
        message = str(exc) if wants_json() else page_message(exc)  # the JSON keeps the field's name
        return _error(400, message, exc.syntax, suggestion=exc.suggestion, link=getattr(exc, "link", None),
                      answers=getattr(exc, "answers", ()))

    @app.errorhandler(IndexMissing)
    def no_index(exc):
        if isinstance(exc, IndexNoAccess):  # a permission to fix, not damage to rebuild
            app.logger.error("%s", exc)
            return _error(503, "the index cannot be read: the server's user may not read its files "
                               "(the log names the file)")
        if isinstance(exc, IndexUnreadable):
            app.logger.error("%s", exc)
            return _error(503, f"the index cannot be read (it is damaged): {exc.fix}")
        if isinstance(exc, IndexUnreachable):  # "run index first" sent the operator to build a new one
            app.logger.error("%s", exc)
            return _error(503, "the index cannot be reached: its folder is a link to a place that is not there "
                               "(a disk not mounted?; the log names it)")
        if isinstance(exc, NotAnIndex):  # the archive given for the index: no index run will write there
            app.logger.error("%s", exc)
            return _error(503, "the index cannot be opened: the server was given a folder of other files (the "
                               "archive's articles?) for its index; start it with the index's folder (the log "
                               "names the files)")
        if isinstance(exc, IndexBuilding):  # "run index first" sent the user to start a second run
            return _error(503, "the index is being built: its first index run is still going, and this page "
                               "answers when that run has finished", headers=[("Retry-After", "60")])
        return _error(503, "the index is not available yet: run `newsarchive index` first")

    @app.errorhandler(HTTPException)
    def http_error(exc):
        status = exc.code or 500
        # our own abort() calls carry a message for the user; werkzeug's defaults are generic
        default = type(exc).description
        generic = STATUSES.get(status, (None, None))[1] or exc.name
        message = exc.description if exc.description and exc.description != default else generic
        if status == 404 and message == generic and request.routing_exception is exc:
            # an address no page has: "404 · Not found" over "Not found" said nothing of which
            pages = PAGES_JSON if wants_json() else PAGES
            example = _an_article_page()
            if example:  # `/doc/` with its id left out: "/doc/ID" alone did not say what an id looks like here
                pages = pages.replace("/doc/ID", f"/doc/ID (such as {example})")
            message = f"no page at {shown_path(sent_path(request.path))}: the pages are {pages}"  # its escapes kept
        if status == 405 and message == generic and getattr(exc, "valid_methods", None):  # which page, which method
            message = read_with(current_app.create_url_adapter(request), request.path, request.method, exc.valid_methods)
        # werkzeug's own headers for the status (Allow on a 405, which HTTP requires), not
        # its Content-Type: the page or the JSON is ours
        headers = [(k, v) for k, v in exc.get_headers(request.environ) if k.lower() != "content-type"]
        return _error(status, message, headers=headers, link=getattr(exc, "link", None))  # /doc/'s near miss

    @app.errorhandler(Exception)
    def internal(exc):
        app.logger.exception("internal error")
        return _error(500, "internal error")

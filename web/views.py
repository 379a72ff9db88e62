"""HTML pages: server-rendered, working without JavaScript.

Each page is one engine call plus presentation; its JSON twin in `api.py` makes the
same call. Templates only format: the decisions (which links, which spans) are here.
"""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, current_app, render_template, request, url_for

from search import list_entities, run_search, stats
from search.query import document_matches, entities_containing, last_page
from search.schema import ENTITY_FACETS, FACETS
from search.store import lock_holder, run_command
from search.unindexed import UNINDEXED_WHY

from .cache import cached
from .docview import document_view, page_part, requested, requested_document, typed_article
from .labels import page_message
from .params import SearchState, check_entity_list_args, entity_type_arg, facet_name
from .state import archive
from . import summary
from .summary import contains_arg, entity_page, entity_page_arg, facet_panels, facet_values, histogram, page_numbers

bp = Blueprint("views", __name__)

ENTITY_TYPES = ENTITY_FACETS


@bp.get("/")
@bp.get("/search")
@cached
def search_page():
    state = SearchState.from_request(request)
    result = run_search(archive(), facets=FACETS, **state.engine_args())
    state = state.with_filters(result.filters)  # an entity's other spelling becomes its display name
    narrowing = summary.narrowing_chip(state)  # a month bar's: removable as a filter is
    return render_template(
        "search.html",
        result=result,
        state=state,
        chips=state.chips(),
        narrowing=narrowing,
        panels=facet_panels(result.facets, state, result.total),
        histogram=histogram(result.facets.get("year", []), result.months, state, result.total),
        undated_url=summary.undated_url(state),
        pages=page_numbers(result.page, result.total, result.per_page),
        unfiltered=result.unfiltered_total,
        article=None if result.total else typed_article(state.query),
        json_url=state.url("api.api_search"),
    )


@bp.get("/facet/<name>")
@cached
def facet_page(name: str):
    """Every value of one facet for the current search, with a filter box: the "more" of
    the facet column, and what the filter box submits to without JavaScript."""
    name = facet_name(name)
    state = SearchState.from_request(request, paged=False, own=("contains",)).returning_to(request)
    contains = contains_arg(request.args)
    result, values = facet_values(archive(), name, state, contains)
    state = state.with_filters(result.filters)
    here = {"name": name, "contains": contains or None}  # a chip's link stays on this page
    # a month bar's narrowing, removable as on the results page its "more" came from
    narrowing = summary.narrowing_chip(state, "views.facet_page", **here)
    return render_template(
        "facet.html", name=name, state=state, result=result, values=values, contains=contains,
        chips=state.chips("views.facet_page", **here) + ([narrowing[0]] if narrowing else []),
        cleared_url=narrowing[1] if narrowing else state.cleared_url("views.facet_page", **here),
        aliases=summary.alias_lines if name in ENTITY_FACETS else (lambda value: ""),
        adds=name not in ENTITY_FACETS and bool(state.filters.get(name)),  # an alternative's count: "+N" (summary.facet_panels)
        json_url=url_for("api.api_facet", name=name, **state.params(), **({"contains": contains} if contains else {})),
    )


@bp.get("/doc/<docid:doc_id>", merge_slashes=False)
def doc_page(doc_id: str):
    doc, opened_note = requested(doc_id)
    # the search the reader came from (the results link with it): its matches are marked, and
    # the header's box holds it
    query = request.args.get("q", "").strip()  # whole: one too long says so (cut, it ran without its end)
    # a search that cannot run: none marked, and why (the page said it "has no match in the text
    # to mark", as if it had run); a link with a typo still opens the article
    # a long text: the part the page shows (page_part), marked, and a link to the whole
    part = page_part(doc, current_app.config["DOC_PAGE_CHARS"])
    hits, refused = document_matches(archive(), query, part)
    # the filters and sort of the results it was opened from, for the header's box (a search
    # typed here lost them) and the links to the story's other versions, those that could
    # not run dropped
    state = SearchState.salvaged(request).returning_to(request)
    # browsing too (no query, no filter): from page 3, or sorted oldest first, the way back is
    # no longer "Search", page 1 newest first
    state = replace(state, query=query) if query or state.params() else None
    view = document_view(part, hits, state, whole=doc)
    return render_template("doc.html", doc=doc, view=view, query=query, hits=len(hits), opened_note=opened_note,
                           refused=page_message(refused) if refused else None,
                           state=state,
                           json_url=url_for("api.api_doc", doc_id=doc["id"], q=query or None),
                           record_url=url_for("api.api_doc", doc_id=doc["id"]),
                           text_url=url_for("views.doc_text", doc_id=doc["id"]))


@bp.get("/text/<docid:doc_id>", merge_slashes=False)
def doc_text(doc_id: str):
    """An article's whole clean text as plain text: what the page of a long one links to, as
    it shows only its first part."""
    doc = requested_document(doc_id)
    # a lone surrogate a record carried is no UTF-8: a "?", not an internal error
    return Response((doc.get("text") or "").encode("utf-8", "replace"), mimetype="text/plain")


@bp.get("/entities")
@cached
def entities_page():
    etype = entity_type_arg(request.args)
    check_entity_list_args(request.args, etype, summary.ENTITIES_PER_PAGE, "views.facet_page")  # q=: the facet's page
    contains = contains_arg(request.args)
    page = entity_page_arg(request.args) or 1
    entities = entities_containing(list_entities(archive(), etype), contains)
    per_page = summary.ENTITIES_PER_PAGE
    start = (page - 1) * per_page
    params = {k: v for k, v in (("type", etype), ("contains", contains)) if v}
    return render_template(
        "entities.html",
        entities=entity_page(entities, page),
        total=len(entities),
        start=start,
        page=page,
        etype=etype,
        types=ENTITY_TYPES,
        contains=contains,
        params=params,
        pages=page_numbers(page, len(entities), per_page),
        # the results page's pager (Previous, Next) links here; page 1 is the list's own URL
        page_url=lambda n: url_for("views.entities_page", **params, **({"page": n} if n > 1 else {})),
        last=last_page(len(entities), per_page),
        json_url=url_for("api.api_entities", **params, page=page),  # page 1 too: without it, every entity
    )


@bp.get("/status")
def status_page():
    """The index's state for a reader: its articles, sources (those with none yet named) and
    last runs, newest first, as `newsarchive stats` prints them. The footer's "Index status"
    led to /healthz, a monitor's JSON of every run's timings, still this page's JSON twin.
    Not cached by generation: a run that changes nothing publishes none, and is listed."""
    s = stats(archive())
    # a refused run names the run that held the lock, as `stats` does (lock_holder)
    return render_template("status.html", s=s, runs=list(reversed(s["runs"])), unindexed_why=UNINDEXED_WHY,
                           holder=lambda refusal: lock_holder(str(refusal)), command=run_command,
                           json_url=url_for("api.healthz"))

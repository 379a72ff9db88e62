"""JSON twins of every page: the same engine calls, the same data, as JSON.

`/api/search` returns exactly `run_search(...).to_json()`, the body of
`newsarchive search --json`, so scripts can move between the two freely.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context, url_for

from search import QueryError, Store, export, list_entities, run_search, stats
from search.query import document_matches, entities_containing, last_page
from search.schema import FACETS

from .cache import cached
from .compress import accepts_gzip, gzip_chunks
from .docview import page_part, requested_document
from .download import content_disposition
from .params import SearchState, check_entity_list_args, entity_type_arg, export_text_arg, facet_name, int_arg
from .state import archive
from . import summary
from .summary import contains_arg, entity_page, entity_page_arg, facet_values

bp = Blueprint("api", __name__)


@bp.get("/api/search")
@cached
def api_search():
    state = SearchState.from_request(request)
    return jsonify(run_search(archive(), facets=FACETS, **state.engine_args()).to_json())


@bp.get("/api/export")
def api_export():
    """Every article the search matches, past the pages' limit, streamed as JSON Lines or CSV
    (`format`), the clean text too with `text=1`: the twin of `newsarchive export`. Not
    cached: an export may be the whole archive."""
    # every result: `page=5000` is no error here; `text=1` asks for the clean text
    state = SearchState.from_request(request, paged=False, own=("text", "format"))
    fmt = export.read_format(request.args.get("format")) or "jsonl"  # CSV: any case, as `--format CSV`
    text = export_text_arg(request.args)
    args = state.engine_args()
    total, rows = export.rows(archive(), args["query"], args["filters"], args["sort"], text, args["match"])  # a bad query: 400
    chunks = export.lines(rows, fmt, text)
    gz = accepts_gzip(request)  # compressed on the fly, still streamed
    resp = Response(stream_with_context(gzip_chunks(chunks) if gz else chunks),
                    mimetype="text/csv" if fmt == "csv" else "application/x-ndjson")
    if gz:
        resp.headers["Content-Encoding"] = "gzip"
    resp.vary.add("Accept-Encoding")  # a cache keeps the two apart
    # named after the search: each was "newsarchive-export.csv", the next "newsarchive-export (1).csv"
    resp.headers["Content-Disposition"] = content_disposition(state.export_name(fmt))
    resp.headers["X-Total-Count"] = str(total)
    return resp


@bp.get("/api/facet/<name>")
@cached
def api_facet(name: str):
    """Every value of one facet for a search (optionally only values containing `contains`).
    No pages, as an export has none: `page` and `per_page` are not read (page=0 was a 400)."""
    name = facet_name(name)
    contains = contains_arg(request.args)
    result, values = facet_values(archive(), name, SearchState.from_request(request, paged=False, own=("contains",)),
                                  contains)
    return jsonify({"facet": name, "query": result.query, "filters": result.filters, "total": result.total,
                    "contains": contains, "values": values})


@bp.get("/api/doc/<docid:doc_id>", merge_slashes=False)
def api_doc(doc_id: str):
    """The stored record; with `q`, also `matches`: where that search matches the text, as
    [start, end] pairs (the page's marks). In a text longer than a document page shows, those
    of one part of it at a time, as long as the page's (`matches_from`, `matches_to`): the
    whole of a 10 MB record took 8 s of the server's Python. Both are read too: `matches_to`
    ends a part sooner (it was given and never read: a client sending the range back got the
    page's, silently). Each of `versions` carries its
    `api_url` (its record here) and `page_url` (its document page)."""
    doc = requested_document(doc_id)
    query = request.args.get("q", "").strip()  # whole: one too long says so (cut, it ran without its end)
    for name in ("matches_from", "matches_to"):  # without a search there are no matches: they did nothing
        if not query and request.args.get(name, "") != "":
            raise QueryError(f"{name} is read with q=: where in the text to give that search's matches")
    if query:
        text = doc.get("text") or ""
        start = int_arg(request.args, "matches_from", 0, 0, len(text))
        stop = int_arg(request.args, "matches_to", len(text), start, len(text))  # a part sooner than the page's
        part = page_part(doc, current_app.config["DOC_PAGE_CHARS"], start, stop)
        marks, refused = document_matches(archive(), query, part)  # the record still: the search is the page's extra
        doc["matches"] = [[a + start, b + start] for a, b in marks]
        if part is not doc:  # where the matches were looked for; the next part starts at matches_to
            doc["matches_from"], doc["matches_to"] = start, start + len(part.get("text") or "")
        if refused:
            doc["matches_error"] = str(refused)
    # each version's addresses, as url_for writes them (the docid converter percent-encodes
    # "#", "?" and dot segments): a script followed the story by quoting ids itself
    doc["versions"] = [dict(v, api_url=url_for("api.api_doc", doc_id=v["id"]), page_url=url_for("views.doc_page", doc_id=v["id"]))
                       for v in doc.get("versions") or []]
    return jsonify(doc)


@bp.get("/api/entities")
@cached
def api_entities():
    """The entity list (all of it, or a `page` of it: the twin of /entities?page=N). The
    body stays a plain list; the total and the neighbouring pages are in the headers, as
    list APIs give them (X-Total-Count; Link, RFC 8288). A search's parameters are refused,
    naming /api/facet/NAME, which gives the entities of the articles a search finds."""
    etype = entity_type_arg(request.args)
    check_entity_list_args(request.args, etype, summary.ENTITIES_PER_PAGE, "api.api_facet")
    contains = contains_arg(request.args)
    page = entity_page_arg(request.args)
    entities = entities_containing(list_entities(archive(), etype), contains)
    resp = jsonify(entity_page(entities, page))
    resp.headers["X-Total-Count"] = str(len(entities))
    if page is not None:
        params = {k: v for k, v in (("type", etype), ("contains", contains)) if v}
        last = last_page(len(entities), summary.ENTITIES_PER_PAGE)
        # past the end (a saved link after a reindex shrank the list), "prev" is the last page, as
        # /entities?page=N says "Go to page {last}" and /api/search gives `last_page`: it was
        # there on page 2 of one page, and missing on page 99 of four
        links = [(rel, n) for rel, n in (("first", 1), ("prev", min(page - 1, last)), ("next", page + 1), ("last", last))
                 if 1 <= n <= last and (rel in ("first", "last") or n != page)]
        resp.headers["Link"] = ", ".join(f'<{url_for("api.api_entities", **params, page=n)}>; rel="{rel}"' for rel, n in links)
    return resp


def _worked(run: dict) -> bool:
    """Whether a logged run did its work: neither failed ("error") nor refused by the lock."""
    return not run.get("error") and not run.get("refused")


# /healthz's last reindex and last run that worked, per index, with the version of the run log they
# were read from: where none worked (a nightly job failing since the index was made) the whole log
# was read at every request, 0.17 s of CPU for 20,000 runs and a monitor polling each minute. The
# log changes only when a run ends, so it is read once a run; a bounded read would answer null for a
# reindex that worked further back, and a monitor would page someone for an index that had worked.
# One entry an index served, replaced when its log changes: a memo of 16 versions, cleared when
# full, was cleared at every request once a process served 17 indexes, each log read every time.
_LAST_WORKED: dict[str, tuple[tuple[int, int, int] | None, list[dict | None]]] = {}


def _last_worked(store: Store) -> list[dict | None]:
    """The last `reindex` that worked and the last run that did (None where none), as remembered
    for this version of the index's run log, read again once it has changed."""
    path, version = str(store.path.absolute()), store.run_log_version()
    # never read back: another request's thread (a threaded server) may replace the entry
    # meanwhile, and /healthz answered 500 (KeyError) where it had just read the answer
    entry = _LAST_WORKED.get(path)
    if entry is not None and entry[0] == version:
        return entry[1]
    found = store.last_runs(lambda r: r.get("command") == "reindex" and _worked(r), _worked)
    _LAST_WORKED[path] = (version, found)
    return found


@bp.get("/healthz")
def healthz():
    s = stats(archive())
    runs = s["runs"]
    # what a monitor of the nightly job asks: the last `reindex` that worked (an `index` run is
    # not one), and the last run that did, however far back the log holds them (not only in `runs`);
    # a run refused while another held the lock did nothing, and is no error either
    last_reindex, last_ok = (run or {} for run in _last_worked(archive().store))
    return jsonify({
        "status": "ok",
        "documents": s["documents"],
        "generation": s["generation"],
        "created": s.get("created"),
        "last_reindex": last_reindex.get("finished"),
        "last_run": last_ok.get("finished"),
        # of the runs listed: a healthy log, with no error, would be read whole at every request
        "last_error": next(({"finished": r.get("finished"), "error": r["error"]} for r in reversed(runs) if r.get("error")), None),
        "sources": s["sources"],  # the status page lists them: its JSON twin gave only those with no article
        "source_documents": s["source_documents"],  # the status page's count of each
        "unindexed_sources": s["unindexed_sources"],
        "unindexed_why": s["unindexed_why"],  # why, where the run that built the generation said (as stats --json)
        "runs": runs,
        "run_log_warning": s["run_log_warning"],  # why `runs` may lack some (as stats --json)
    })

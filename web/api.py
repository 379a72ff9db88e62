"""JSON twins of every page: the same engine calls, the same data, as JSON."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from search import get_document, list_entities, run_search, stats
from search.schema import FACETS

from .params import search_args
from .state import archive

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def api_search():
    return jsonify(run_search(archive(), facets=FACETS, **search_args(request)).to_json())


@bp.get("/api/doc/<path:doc_id>")
def api_doc(doc_id: str):
    doc = get_document(archive(), doc_id)
    if doc is None:
        abort(404)
    return jsonify(doc)


@bp.get("/api/entities")
def api_entities():
    return jsonify(list_entities(archive(), request.args.get("type") or None))


@bp.get("/healthz")
def healthz():
    s = stats(archive())
    runs = s["runs"]
    return jsonify({
        "status": "ok",
        "documents": s["documents"],
        "generation": s["generation"],
        "last_reindex": runs[-1]["finished"] if runs else None,
        "runs": runs,
    })

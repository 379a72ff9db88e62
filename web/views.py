"""HTML pages: server-rendered, working without JavaScript."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from search import get_document, list_entities, run_search
from search.schema import FACETS

from .params import search_args
from .state import archive

bp = Blueprint("views", __name__)


@bp.get("/")
@bp.get("/search")
def search_page():
    args = search_args(request)
    result = run_search(archive(), facets=FACETS, **args)
    return render_template("search.html", result=result, facets=FACETS, args=args)


@bp.get("/doc/<path:doc_id>")
def doc_page(doc_id: str):
    doc = get_document(archive(), doc_id)
    if doc is None:
        abort(404)
    return render_template("doc.html", doc=doc)


@bp.get("/entities")
def entities_page():
    etype = request.args.get("type") or None
    return render_template("entities.html", entities=list_entities(archive(), etype), etype=etype)

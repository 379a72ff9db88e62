"""Request arguments → engine arguments, shared by the HTML pages and their JSON twins."""
from __future__ import annotations

from typing import Any

from flask import Request

from search import QueryError
from search.schema import FACETS


def search_args(req: Request) -> dict[str, Any]:
    q = req.args.get("q", "")
    filters = {f: [v for v in req.args.getlist(f) if v] for f in FACETS}
    filters = {k: v for k, v in filters.items() if v}
    try:
        page = int(req.args.get("page", "1"))
        per_page = int(req.args.get("per_page", "10"))
    except ValueError:
        raise QueryError("page and per_page must be whole numbers") from None
    return {"query": q, "filters": filters, "page": page, "per_page": per_page, "sort": req.args.get("sort", "relevance")}

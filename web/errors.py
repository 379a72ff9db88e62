"""Error pages and JSON errors: a clear message and the right status, never a traceback."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request

from search import IndexMissing, QueryError


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _error(status: int, message: str):
    if _wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def bad_query(exc):
        return _error(400, str(exc))

    @app.errorhandler(IndexMissing)
    def no_index(exc):
        return _error(503, str(exc))

    @app.errorhandler(404)
    def not_found(exc):
        return _error(404, "not found")

    @app.errorhandler(405)
    def not_allowed(exc):
        return _error(405, "method not allowed")

    @app.errorhandler(413)
    def too_large(exc):
        return _error(413, "request too large")

    @app.errorhandler(Exception)
    def internal(exc):
        from werkzeug.exceptions import HTTPException

        if isinstance(exc, HTTPException):
            return _error(exc.code or 500, exc.description or exc.name)
        app.logger.exception("internal error")
        return _error(500, "internal error")

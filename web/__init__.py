"""The Flask app: a thin layer over the engine's search API (`search.run_search`).

`create_app(config)` follows Flask's app-factory pattern; views (HTML) and api (JSON
twins) are blueprints over the same engine calls.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from flask import Flask, abort, request
from werkzeug.exceptions import NotFound

ROOT = Path(__file__).resolve().parent.parent


def template_folder() -> Path:
    """The checkout's templates/ (editable installs, the design card's layout), else the
    copy a wheel installs as data under <prefix>/share/newsarchive/templates."""
    here = ROOT / "templates"
    if (here / "base.html").is_file():
        return here
    return Path(sys.prefix) / "share" / "newsarchive" / "templates"


def _not_utf8(query_string: bytes) -> str | None:
    """The first parameter (or its name) whose percent-decoded bytes are not UTF-8, as "q"."""
    from urllib.parse import unquote_to_bytes

    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        for part in (name, value):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                shown = unquote_to_bytes(name).decode("utf-8", "replace")
                return f"parameter '{shown}'" if part is value else "parameter name"
    return None


def create_app(config: dict[str, Any] | None = None) -> Flask:
    from .docview import DOC_PAGE_CHARS
    from .params import ParametersRequest, check_single_values
    from .paths import meant_path, other_method, sent_on

    app = Flask(__name__, template_folder=str(template_folder()), static_folder="static")
    app.request_class = ParametersRequest  # parameter names in any case: `Page=2` is `page=2`
    # a query of search.query.MAX_QUERY_CHARS (4,000) characters takes up to 36 KB percent-encoded
    # (9 bytes a CJK character): the URL limit leaves room for it, so an over-long query is refused
    # by the query's own limit, which says so, not as a bare 414
    app.config.update(INDEX=None, MAX_CONTENT_LENGTH=64 * 1024, MAX_QUERY_STRING=64 * 1024, PAGE_CACHE_MB=32,
                      DOC_PAGE_CHARS=DOC_PAGE_CHARS)
    app.config.from_prefixed_env("NEWSARCHIVE")
    from search.settings import doc_page_chars, page_cache_mb

    # Flask reads a setting as JSON, else as the string: the engine's readers, as the command
    # line's check reads them ("５０００" reached the document page as a string, which failed it;
    # "Infinity" the cache as a float it could not size)
    for key, read in (("DOC_PAGE_CHARS", doc_page_chars), ("PAGE_CACHE_MB", page_cache_mb)):
        value = read()
        if value is not None:
            app.config[key] = value
    if config:
        app.config.update(config)
    app.config["DEBUG"] = False  # never: the debugger executes code
    app.config["PROPAGATE_EXCEPTIONS"] = False  # errors become error pages, even under a test client
    app.jinja_env.autoescape = True  # every template, whatever its extension

    from . import api, errors, views
    from search.language import language_name

    from .cache import init_cache
    from .labels import facet_label, flag_label, thousands, value_label
    from .markup import isolated, isolated_value, shown, spaced, typed
    from .state import init_archive

    app.jinja_env.finalize = shown  # no raw control characters in a page (a query's ESC)
    app.jinja_env.filters.update(typed=typed, isolated=isolated)  # echoed user input: no bidi spoofing
    app.jinja_env.filters.update(spaced=spaced, isolated_value=isolated_value)  # "a  b" is no "a b"
    app.jinja_env.filters["language_name"] = language_name  # "he" reads Hebrew; links keep the code
    app.jinja_env.filters.update(facet_label=facet_label, value_label=value_label, flag_label=flag_label)  # "Places", "Place": not `location`
    app.jinja_env.filters["thousands"] = thousands  # every count on a page reads "19,043"
    from search.field_values import UNWRITABLE, field_value

    app.jinja_env.globals["unwritable"] = UNWRITABLE  # a chip, a hint whose value no query text holds says so
    app.jinja_env.filters["query_syntax"] = field_value  # the value as the query text writes it; None: none can
    init_archive(app)
    init_cache(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    errors.register(app)

    @app.before_request
    def bounded_request():
        if len(request.query_string) > app.config["MAX_QUERY_STRING"]:
            abort(414)
        if isinstance(request.routing_exception, NotFound):
            meant = meant_path(app.create_url_adapter(request), request.path, request.method)
            if meant is not None:  # `/search/?q=oil`: the page meant, its parameters as sent
                return sent_on(meant)
            wrong = other_method(app.create_url_adapter(request), request.path, request.method)
            if wrong is not None:  # POST /search/: that page, read by GET
                raise wrong
        if request.routing_exception is not None:
            return None  # no page here (404) or not by this method (405): that answer, not a parameter's 400
        bad = _not_utf8(request.query_string)
        if bad:
            # Werkzeug keeps such bytes as their %XX escapes: "caf%E9" (Latin-1 "café") was
            # searched as the text "caf%E9", and "did you mean" offered another escape
            abort(400, f"the address's {bad} is not UTF-8 text (a link from a page in another encoding?): "
                       "type the search again")
        if request.endpoint not in ("api.healthz", "static"):  # routes that read parameters
            check_single_values(request.args)  # ?q=oil&q=gas searched oil, silently

    @app.after_request
    def security_headers(resp):
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        )
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        return resp

    return app

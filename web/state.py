"""One Archive per app, opened lazily: the app starts even before the first index exists."""
from __future__ import annotations

from flask import Flask, current_app

from search import Archive, open_index


def init_archive(app: Flask) -> None:
    app.extensions["newsarchive"] = {"archive": None}


def archive() -> Archive:
    """The app's archive; follows newly published generations by itself (see search.archive)."""
    ext = current_app.extensions["newsarchive"]
    if ext["archive"] is None:
        ext["archive"] = open_index(current_app.config["INDEX"])
    return ext["archive"]

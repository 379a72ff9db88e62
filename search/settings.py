"""Settings read from the environment, one reader per variable for every user of it: the
command line's check before any work and the web app's config read the same value the same
way: NEWSARCHIVE_WORKERS (search.pool.requested_workers), NEWSARCHIVE_DOC_PAGE_CHARS and
NEWSARCHIVE_PAGE_CACHE_MB."""
from __future__ import annotations

import math
import os
import re

DOC_PAGE_CHARS_VAR = "NEWSARCHIVE_DOC_PAGE_CHARS"
PAGE_CACHE_MB_VAR = "NEWSARCHIVE_PAGE_CACHE_MB"
_DECIMAL = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")  # "0.5", "32", "1e3"; no sign


def whole_number_setting(var: str, what: str, value: str | None = None) -> int | None:
    """The whole number, at least 1, the environment variable `var` asks for (`value`, else the
    environment's): None when unset or blank, ValueError saying it must be `what` otherwise.
    ASCII digits only, spaces around them dropped: str.isdigit takes "５０００" and "²", which
    int() refuses or Flask (reading its settings as JSON) keeps as a string."""
    raw = os.environ.get(var, "") if value is None else value
    text = raw.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValueError(f"{var}={text!r} must be {what}, at least 1")
    return int(text)


def doc_page_chars(value: str | None = None) -> int | None:
    """The characters of an article's text a document page shows, as NEWSARCHIVE_DOC_PAGE_CHARS
    asks: "５０００" passed the command line's check (str.isdigit) and reached the app's config
    as a string, which its document pages could not use."""
    return whole_number_setting(DOC_PAGE_CHARS_VAR, "a whole number of characters", value)


def page_cache_mb(value: str | None = None) -> float | None:
    """The megabytes of rendered pages the web app keeps, as NEWSARCHIVE_PAGE_CACHE_MB asks
    (0 turns the cache off): None when unset or blank, ValueError otherwise. A finite number:
    "Infinity" passed the command line's check (float() >= 0) and `serve` then stopped on an
    OverflowError's traceback, sizing the cache."""
    text = (os.environ.get(PAGE_CACHE_MB_VAR, "") if value is None else value).strip()
    if not text:
        return None
    # ASCII digits, as the whole-number settings read them: float() also takes "５０" and "1_0"
    mb = float(text) if _DECIMAL.fullmatch(text) else math.nan
    if not (math.isfinite(mb) and mb >= 0):
        raise ValueError(f"{PAGE_CACHE_MB_VAR}={text!r} must be a number of megabytes (0 turns the cache off)")
    return mb

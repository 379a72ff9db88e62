"""Fields as a record or a header gives them (JSON Lines keys, a text file's "Date:" line): one
reading of their names and dates for every reader of fields, so that what one reads the other does.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from .meta import parse_date as text_date, plausible_date


def field_key(name: str) -> str:
    """A field's name as written in any case, with or without "_", "-" or spaces: "publishedAt",
    "published_at" and "Published At" are one field."""
    return re.sub(r"[\s_-]", "", name).lower()


def field_date(value: Any) -> date | None:
    """A record's publication date: ISO 8601 (news-please, trafilatura), RFC 2822 (feeds:
    "Tue, 03 Dec 2021 10:00:00 GMT"), Unix seconds or milliseconds, or the month-name
    dates a .txt date line may hold ("March 3, 2021", "3 March 2021"), or slashed dates
    whose order is certain (_slash_date). Day/month orders like 12/03/2021 are ambiguous
    and left out; so is a date after tomorrow (a scraper's placeholder, 2999-01-01, would
    sort first for ever) or before 1800."""
    return plausible_date(read_date(value))


# year/month/day, or day and month either way round before the year; a time may follow
_SLASHED = re.compile(r"(?:(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}))"
                      r"(?=$|[T\s]+\d{1,2}:\d{2})")


def _slash_date(value: str) -> date | None:
    """A date written with slashes whose order is certain: year first ("2021/03/04", in ISO
    8601's order), or day and month told apart by a number over 12 ("13/03/2021" day first,
    "03/13/2021" month first) or the same both ways ("07/07/2021"). They were all left
    undated with the ambiguous ones (QA); "07/08/2021", 7 August or July 8, still is."""
    m = _SLASHED.match(value)
    if m is None or _two_readings(m):
        return None
    if m["y"]:
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        month, day = (a, b) if b > 12 or a == b else (b, a)
    try:
        return date(year, month, day)
    except ValueError:  # "13/14/2021", "2021/02/30"
        return None


def ambiguous(value: str) -> bool:
    """Whether a slashed date reads as two dates: "07/08/2021" (either number the month)."""
    m = _SLASHED.match(value.strip())
    return m is not None and _two_readings(m)


def _two_readings(m: re.Match) -> bool:
    return bool(m["a"]) and 1 <= int(m["a"]) <= 12 and 1 <= int(m["b"]) <= 12 and int(m["a"]) != int(m["b"])


def read_date(value: Any) -> date | None:
    """field_date before its plausibility check (a note says why a date read is refused)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{10}(?:\d{3})?(?:\.\d+)?\s*", value):
        value = float(value)
    if isinstance(value, (int, float)):  # seconds, or milliseconds past 2001-09-09 in seconds
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        # the .txt reader's parser: one reading of dates for both
        return _slash_date(value) or text_date(value)

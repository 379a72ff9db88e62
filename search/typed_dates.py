"""A date of `published:` typed another way, offered as the query reads it: `1987/03/01`,
`1 March 1987` or `13/03/1987`, `13.03.1987`, `13-03-1987` (as a JSON Lines date is read: only
when its order is certain) as `1987-03-01`, `March 1987` as `1987-03`, and a comparison,
`>=1987-03` or `<1987`, as the range it means."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .clean.fields import read_date

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DOTTED = re.compile(r"(\d{4})[./](\d{1,2})(?:[./](\d{1,2}))?")  # 1987/03, 1987.03.01
_STAMPED = re.compile(r"\d{8}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", re.I)
# day and month either way round before the year, with dots or dashes as Europe writes them
_DAY_MONTH = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_MONTH_YEAR = re.compile(r"[^\W\d_]{3,}\.?,?\s+\d{4}")  # March 1987, Sept. 1987
_COMPARED = re.compile(r"(>=?|<=?|=>|=<)(.+)")


def offered_date(typed: str) -> str | None:
    """`typed` (one end of a range, or the whole value) as YYYY, YYYY-MM or YYYY-MM-DD, or a
    comparison as a range `[a TO]` / `[TO b]`; None when no reading is certain."""
    m = _COMPARED.fullmatch(typed)
    if m:
        op, value = m.group(1).replace("=>", ">=").replace("=<", "<="), m.group(2)
        end = _iso(value) or _read(value)
        if end is None:
            return None
        if op == ">=":
            return f"[{end} TO]"
        if op == "<=":
            return f"[TO {end}]"
        stepped = _step(end, 1 if op == ">" else -1)
        if stepped is None:  # past 9999 or before year 1: no date
            return None
        return f"[{stepped} TO]" if op == ">" else f"[TO {stepped}]"
    return _read(typed)


def _iso(text: str) -> str | None:
    m = _ISO.fullmatch(text)
    return text if m and _real(*m.groups()) else None


def _read(text: str) -> str | None:
    m = _DOTTED.fullmatch(text)
    if m:
        y, mo, d = m.groups()
        return "-".join(p.zfill(2) for p in (y, mo, d) if p) if _real(y, mo, d) else None
    m = _DAY_MONTH.fullmatch(text)
    if m and m.group(2) != "/":  # 31.12.1987 read as 31/12/1987 is: 03.04.1987 is two dates
        text = "/".join(m.group(1, 3, 4))
    if _MONTH_YEAR.fullmatch(text):  # a month's name and its year: the month
        found = read_date(f"1 {text}")
        return found.isoformat()[:7] if found is not None else None
    if _STAMPED.fullmatch(text):  # 19870301, 1987-03-01T10:00:00Z: the day as written
        found = read_date(text)
        return found.isoformat() if found is not None else None
    if len(re.findall(r"\d{4}", text)) != 1 or not re.fullmatch(r"[\d/.-]+|[^\W_][\w ,.]*", text):
        return None  # one date alone: read_date finds the first in longer text ("2020-09-01 TO 2020-08-28")
    found = read_date(text)
    return found.isoformat() if found is not None else None


def read_like(typed: str, others: list[str]) -> str | None:
    """`typed`, a day and a month of two readings before the year (11/04/2021), read in the
    order of the other end of its range when that end's is certain (28/08/2020: day first);
    None otherwise."""
    m = _DAY_MONTH.fullmatch(typed)
    orders = {_order(other) for other in others} - {None}
    if m is None or len(orders) != 1:
        return None
    a, b, year = m.group(1, 3, 4)
    day, month = (a, b) if orders == {"day first"} else (b, a)
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}" if _real(year, month, day) else None


def _order(typed: str) -> str | None:
    """How `typed`, a day and a month before the year, is certainly written, or None."""
    m = _DAY_MONTH.fullmatch(typed)
    if m is None:
        return None
    a, b = int(m.group(1)), int(m.group(3))
    if a > 12 >= b:
        return "day first"
    return "month first" if b > 12 >= a else None


def _real(y: str, mo: str | None, d: str | None) -> bool:
    try:
        date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return False
    return True


def _step(end: str, by: int) -> str | None:
    """The year, month or day after (by=1) or before (by=-1) `end`, as precise as it is; None
    past the calendar's ends."""
    parts = [int(p) for p in end.split("-")]
    if len(parts) == 1:
        stepped = f"{parts[0] + by:04d}"
    elif len(parts) == 2:
        months = parts[0] * 12 + parts[1] - 1 + by
        stepped = f"{months // 12:04d}-{months % 12 + 1:02d}"
    else:
        try:
            return (date(*parts) + timedelta(days=by)).isoformat()
        except OverflowError:
            return None
    return _iso(stepped)

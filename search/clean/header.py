"""A text file's header of fields: YAML front matter or "Title: / Date: / URL:" lines.

Scrapers and note tools save articles as text with their metadata on top ("---\\ntitle: ...
\\ndate: 2021-03-02\\n---", or "Title: Oil prices rise\\nDate: March 3, 2021\\nURL: ...").
Read as prose, such a file was titled "---" or "Title: Oil prices rise", and its address and
outlet were lost. Parsed by hand: the fields we read are one-line scalars, and a YAML parser
(no dependency of ours) would add nothing for them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .fields import field_date, field_key

# field name (folded: lower case, no space, "_" or "-") -> what it gives
FIELDS = {
    **dict.fromkeys(("title", "headline", "subject"), "title"),
    **dict.fromkeys(("date", "published", "pubdate", "publicationdate", "datepublished", "publishdate",
                     "publishedat", "posted", "created"), "published"),
    **dict.fromkeys(("url", "link", "sourceurl", "canonical", "canonicalurl", "permalink"), "url"),
    **dict.fromkeys(("source", "publication", "publisher", "site", "sitename", "outlet", "newspaper"), "site_name"),
    **dict.fromkeys(("author", "authors", "by", "byline", "writer"), "author"),
    **dict.fromkeys(("language", "lang"), "language"),
}
# A plain header (no "---" around it) is this many field lines at least, one of them a title,
# a date or an address: "Update: talks resumed" or "Source: Reuters" alone opens prose.
MIN_PLAIN_LINES = 2
_ANCHORS = {"title", "published", "url"}
_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s*(.*?)\s*$")
_FENCE = re.compile(r"^---\s*$")
MAX_LINES = 60  # a header longer than this is no header


@dataclass
class Header:
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site_name: str | None = None
    author: str | None = None
    language: str | None = None
    text: str = ""  # the header as written, listed as removed
    given: list[str] = field(default_factory=list)  # what it gave, for the removed entry's reason


def _value(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = raw[1:-1]
    return raw.strip()


def split_header(text: str) -> tuple[Header | None, str]:
    """The text's header, if it opens with one, and the text after it."""
    lines = text.lstrip("\ufeff").split("\n", MAX_LINES + 2)
    fenced = bool(lines) and _FENCE.match(lines[0]) is not None
    start = 1 if fenced else 0
    end = None
    for i in range(start, min(len(lines), MAX_LINES + 1)):
        line = lines[i]
        if fenced and _FENCE.match(line):
            end = i
            break
        if not fenced and not line.strip():
            end = i
            break
        if not fenced and _LINE.match(line) is None:
            return None, text
    else:
        if fenced or len(lines) > MAX_LINES:
            return None, text
        end = len(lines)
    if end is None:
        return None, text
    pairs = [m.groups() for m in map(_LINE.match, lines[start:end]) if m]
    known = [(FIELDS[field_key(k)], _value(v)) for k, v in pairs if field_key(k) in FIELDS and _value(v)]
    # and a plain one opens with a field we read: "Mali: junta leader resigns" above a "Date:"
    # line is a headline with a colon, not a header
    if not fenced and (len(pairs) < MIN_PLAIN_LINES or not _ANCHORS & {k for k, _ in known}
                       or field_key(pairs[0][0]) not in FIELDS):
        return None, text
    header = Header(text="\n".join(lines[:end + fenced]).strip())
    for what, value in known:
        if getattr(header, what) is not None:
            continue  # the first of two names for one field
        if what == "published":
            value = field_date(value)
        elif what == "url" and not value.lower().startswith(("http://", "https://")):
            continue
        elif what == "language" and not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?", value):
            continue
        if value:
            setattr(header, what, value)
            header.given.append(what)
    return header, "\n".join(lines[end + fenced:])  # the last line holds the unsplit rest

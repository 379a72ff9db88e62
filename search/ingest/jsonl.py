"""JSON Lines, one article per line, with the field names of the tools people already use.

news-please: maintext, date_publish, title, url, source_domain;
trafilatura: text, date, title, url, hostname; plain: body/text/html, date/published.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..article import Article, IngestError, content_hash
from .warc import url_id

TEXT_KEYS = ("maintext", "text", "body", "content")
HTML_KEYS = ("html", "raw_html")
DATE_KEYS = ("date_publish", "published", "date", "date_published", "pubdate")
SOURCE_KEYS = ("source_domain", "hostname", "sitename", "source")
KNOWN = set(TEXT_KEYS + HTML_KEYS + DATE_KEYS + SOURCE_KEYS + ("title", "url", "id"))


def parse_date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def record_to_article(rec: dict[str, Any], source: str, base_id: str, line: int, path: Path) -> Article:
    html = next((rec[k] for k in HTML_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    body = next((rec[k] for k in TEXT_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if html is None and body is None:
        raise ValueError("no text: none of " + ", ".join(TEXT_KEYS + HTML_KEYS))
    url = rec.get("url") if isinstance(rec.get("url"), str) else ""
    src = next((rec[k] for k in SOURCE_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if not src and url:
        src = (urlsplit(url).hostname or "").removeprefix("www.") or None
    if rec.get("id") not in (None, ""):
        aid = f"{base_id}#{rec['id']}"
    elif url:
        aid = url_id(url)
    else:
        aid = f"{base_id}#{line}"
    title = rec.get("title") if isinstance(rec.get("title"), str) else ""
    meta = {k: v for k, v in rec.items() if k not in KNOWN}
    return Article(
        id=aid,
        url=url or f"{path.resolve().as_uri()}#{line}",
        source=src or source,
        raw=html if html is not None else body,
        kind="html" if html is not None else "text",
        title=title.strip(),
        published=next((d for d in (parse_date(rec.get(k)) for k in DATE_KEYS) if d), None),
        content_hash=content_hash(json.dumps(rec, sort_keys=True, ensure_ascii=False)),
        path=str(path.resolve()),
        meta=meta,
    )


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    line = 0
    try:
        with opener(path, "rb") as fh:
            for line, data in enumerate(fh, 1):
                if not data.strip():
                    continue
                try:
                    rec = json.loads(data.decode("utf-8", errors="replace"))
                    if not isinstance(rec, dict):
                        raise ValueError("not a JSON object")
                    yield record_to_article(rec, source, base_id, line, path)
                except ValueError as exc:
                    yield IngestError(str(path), f"bad JSON line: {exc}", line=line)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield IngestError(str(path), f"truncated or corrupt gzip after line {line}: {exc}", line=line + 1)
    if line == 0:
        yield IngestError(str(path), "empty file")

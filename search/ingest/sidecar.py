"""A page's metadata file beside it: scrapers and archivers save foo.json (foo.meta.json,
foo.info.json) next to foo.html (ArchiveBox's index.json by index.html, a crawler's record of
the page's address and date), often with the page's text under "text", "content" or "title".
Read as JSON Lines, as a .json is (`export -o out.json` writes them), each such page was
indexed twice: the page, and its metadata as a second article. It is read for the page: its
address, date, title and outlet (`metadata`), where the page gives none (pipeline.clean_article).
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..article import Article, content_hash
from .decode import decode_bytes, printable
from .jsonl import SOURCE_KEYS, TITLE_KEYS, canonical_keys, record_date

SIDECAR_SUFFIXES = (".json", ".json.gz")  # a .jsonl names records, never a page's metadata
# foo.meta.json and foo.info.json, as some crawlers name them (yt-dlp's --write-info-json too)
_NAMED = (".meta", ".info")
# a page's metadata is a few kilobytes: a larger file is no crawler's record of one page
METADATA_MOST = 1 << 20


def page_beside(name: str, folder: Mapping[str, str], page_suffixes: tuple[str, ...]) -> str | None:
    """The page whose metadata the file `name` is, by the lower-case names of its folder
    (`folder`: lower case to as written), or None: foo.json (or foo.html.json) beside foo.html,
    foo.htm, foo.warc, foo.txt..., any case; of two such pages, the first by `page_suffixes`."""
    low = name.lower()
    if not low.endswith(SIDECAR_SUFFIXES):
        return None
    stem = low.removesuffix(".gz").removesuffix(".json")
    for base in (stem, *(stem.removesuffix(n) for n in _NAMED if stem.endswith(n))):  # foo.meta.json
        if base.endswith(page_suffixes) and base in folder:  # foo.html.json
            return folder[base]
        page = next((folder[base + s] for s in page_suffixes if base + s in folder), None)
        if page is not None:
            return page
    return None


def sidecars(folder: Mapping[str, str], page_suffixes: tuple[str, ...]) -> dict[str, str]:
    """The page of each metadata file of a folder (`folder`: its names by their lower case), both
    names as written, the files in the order of their names."""
    return {name: page for name in sorted(folder.values())
            if (page := page_beside(name, folder, page_suffixes)) is not None}


def metadata_files(beside: Mapping[str, str]) -> dict[str, str]:
    """The metadata file of each page, by the page's name, of a folder's sidecars (`beside`, as
    sidecars gives them): the first by name where a page has two (foo.json, foo.meta.json)."""
    out: dict[str, str] = {}
    for name, page in beside.items():
        out.setdefault(page, name)
    return out


def metadata(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The page's address, date, title and outlet its metadata file gives ("url", "published"
    as ISO, "title", "site_name"), and a note where it cannot be read or gives a date not read
    (the page is read without it). An address is taken only as a web page's (_web_address)."""
    try:
        with (gzip.open if path.name.lower().endswith(".gz") else open)(path, "rb") as fh:
            data = fh.read(METADATA_MOST + 1)
        if len(data) > METADATA_MOST:
            raise ValueError(f"over {METADATA_MOST // 1024} kB")
        # in the encoding its byte-order mark or its bytes say, as a JSON Lines line is: a UTF-16
        # file (Windows' "Unicode") or a Latin-1 one was "could not be read", and not used
        rec = json.loads(decode_bytes(data))
        if not isinstance(rec, dict):
            raise ValueError("not a JSON object")
    except (OSError, EOFError, zlib.error, ValueError, RecursionError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return {}, [f"its metadata file {printable(path.name)} could not be read ({printable(why)}): not used"]
    rec, given_as, _ = canonical_keys(rec)
    published, notes = record_date(rec, given_as)
    url = next((u.strip() for u in (rec.get(k) for k in ("url", "link", "source")) if _web_address(u)), "")
    title = next((rec[k].strip() for k in TITLE_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), "")
    site = next((rec[k].strip() for k in SOURCE_KEYS
                 if isinstance(rec.get(k), str) and rec[k].strip() and "://" not in rec[k]), "")
    found = {"url": url,
             "published": published.isoformat() if isinstance(published, date) else "", "title": title, "site_name": site}
    # the page may date itself: the file's date is what goes unused
    notes = [f"{printable(path.name)}: {n.replace(': indexed without a date', ': not used')}" for n in notes]
    if not url and (given := next((f"{k} {json.dumps(rec[k], ensure_ascii=False)[:60]}" for k in ("url", "link")
                                   if isinstance(rec.get(k), str) and rec[k].strip()), None)):
        notes.append(f"{printable(path.name)}: {printable(given)} is no web page's address: not used")
    return {k: v for k, v in found.items() if v}, notes


def _web_address(value: Any) -> bool:
    """Whether a metadata file's address is a web page's: http(s), a host, no line break or other
    control character in it. "https://", "http://[::1" or an address broken over lines gave the
    page that for its address, a link to nowhere in place of its canonical link or its file; an
    ftp:// url hid the file's http(s) link."""
    if not isinstance(value, str) or not value.strip() or any(ord(c) < 32 or ord(c) == 127 for c in value.strip()):
        return False
    try:
        parts = urlsplit(value.strip())
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1": a bracket left open
        return False


def apply(article: Article, found: dict[str, Any], notes: list[str]) -> None:
    """A page's metadata (`metadata`) given to its article. The crawler's address wins over the
    page's canonical link: a citation must lead to the text that was read, and the fetched
    address served this very text, where a canonical link is the page's claim about itself,
    which on a syndicated copy names another outlet's story (edited apart) and on some sites the
    front page or an AMP twin; a WARC record's address wins so too. The page's title and date
    win over the file's: the page's own, where a crawler's "date" may be the day it fetched it.
    The metadata is part of the article's content hash: a changed file cleans the page again."""
    if found.get("url"):
        article.url = found["url"]
    article.sidecar = {k: v for k, v in found.items() if k != "url"}
    article.notes = [*article.notes, *notes]
    if found:
        article.content_hash = content_hash(article.raw + "\0" + json.dumps(found, sort_keys=True))


def folder_names(folder: Path) -> dict[str, str]:
    """The names in `folder`, by their lower case: none where it cannot be listed (the walk says so)."""
    try:
        return {n.lower(): n for n in os.listdir(folder)}
    except OSError:
        return {}


def note(first: str, page: str, n: int) -> str:
    """What is said once of the `n` .json files of a source beside pages, `first` (beside `page`) the first."""
    if n == 1:
        return (f"1 .json file beside a page of its name ({first} beside {page}) is taken for the page's metadata "
                f"and not read for articles (named .jsonl, it is read)")
    return (f"{n} .json files beside pages of their name ({first} beside {page}, and {n - 1} more) are taken for "
            f"the pages' metadata and not read for articles (named .jsonl, such a file is read)")

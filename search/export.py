"""Every article a search matches, as rows to take elsewhere: JSON Lines or CSV.

A researcher counts and charts what an archive says about a person in a spreadsheet or a
notebook; the result pages show at most 100 articles at a time and stop at page 1,000. An
export is the same search (query, filters, sort) written out whole, one row per article,
streamed: the rows are read one at a time from the index as they are written.
"""
from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any, TextIO

from .archive import Archive
from .query import every_match, read_choice
from .schema import ENTITY_FACETS
from .suffixes import JSON_LINES

FORMATS = ("jsonl", "csv")
# The format a file's name asks for: `-o out.csv` wrote JSON Lines unless --format said csv (QA).
# JSON Lines goes by several names, the ones `index` reads (`-o out.jl` was warned of as a format
# export does not write, though it was the one written)
SUFFIX_FORMATS = {".csv": "csv", **dict.fromkeys(JSON_LINES, "jsonl")}


def read_format(value: str | None) -> str | None:
    """An export's format as typed (`--format`, `format=`), in any case (`CSV`); None when not
    given (the caller's default). One reading for both: `--format xml` said "'xml' is not one
    of 'jsonl', 'csv'" and format=xml "unknown format 'xml' (use jsonl, csv)"."""
    return read_choice(value, FORMATS, "format", None)


# A name ending in .gz is written gzip-compressed, as `index` reads a `.jsonl.gz`; the suffix
# before it names the format (`-o out.csv.gz` wrote JSON Lines, uncompressed: review)
GZIP_SUFFIX = ".gz"


def compressed(path: str) -> bool:
    """Whether the file `path` is to be written gzip-compressed: its name ends in .gz (any case)."""
    return PurePath(path).suffix.lower() == GZIP_SUFFIX


def suffix_format(path: str) -> str | None:
    """The format the name of the file `path` asks for by its suffix (any case), the one
    before a .gz (`out.csv.gz`: csv), or None."""
    name = PurePath(path)
    if compressed(path):
        name = name.with_suffix("")
    return SUFFIX_FORMATS.get(name.suffix.lower())


def unnamed_suffix(path: str) -> str | None:
    """The suffix of `path` (the one before a .gz) when it is a word that names another format
    (`out.tsv`, `out.xlsx`): the export is then JSON Lines, which `-o out.tsv` wrote unsaid.
    None for a name whose suffix names a format, none, a number's (`x.2024`), or `.txt`
    (JSON Lines is text)."""
    name = PurePath(path)
    if compressed(path):
        name = name.with_suffix("")
    suffix = name.suffix.lower()
    return suffix if suffix[1:].isalpha() and suffix not in SUFFIX_FORMATS and suffix != ".txt" else None


def open_output(path: str, part: str) -> TextIO:
    """The text file the export of `path` is written into, at `part` until it is complete:
    gzip-compressed when `path` ends in .gz, the header naming `path` (as gzip names a file
    it compresses), not `part`. CSV writes its own line ends."""
    if not compressed(path):
        return open(part, "w", encoding="utf-8", newline="")
    return _GzipText(open(part, "wb"), PurePath(path).name)


class _GzipText(io.TextIOWrapper):
    """UTF-8 text into a gzip stream over `raw`, which closing it closes too (a GzipFile
    given a file object leaves it open)."""

    def __init__(self, raw, name: str) -> None:
        self._raw = raw
        try:
            super().__init__(gzip.GzipFile(filename=name, mode="wb", fileobj=raw), encoding="utf-8", newline="")
        except BaseException:
            raw.close()
            raise

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


COLUMNS = ("id", "title", "published", "source", "url", "language", "translated", "translation_score", "score",
           *ENTITY_FACETS)
# Between the names of one cell of a CSV row: a name may hold a comma ("Goldman, Sachs and Co"),
# as the `entities` command lists spellings.
NAMES_JOINER = " | "
# A cell a spreadsheet would run as a formula (OWASP, "CSV injection"): scraped titles are
# anyone's words. Such a cell is written after an apostrophe, which the spreadsheet hides.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(archive: Archive, query: str = "", filters: dict[str, list[str]] | None = None, sort: str = "relevance",
         text: bool = False, match: str = "all") -> tuple[int, Iterator[dict[str, Any]]]:
    """The number of articles the search matches and their rows, in its order (COLUMNS, and
    the clean `text` when asked). A bad query raises QueryError before any row is read."""
    total, matches = every_match(archive, query, filters, sort, match)
    return total, (_row(fields, score, text) for fields, score in matches)


def _row(fields: dict, score: float | None, text: bool) -> dict[str, Any]:
    doc = json.loads(fields.get("doc") or "{}")
    entities = doc.get("entities") or {}
    translation = doc.get("translation") or {}
    row: dict[str, Any] = {
        "id": fields["id"],
        "title": fields.get("title") or "",
        "published": doc.get("published"),
        "source": doc.get("source", ""),
        "url": fields.get("url") or "",
        "language": doc.get("language", "unknown"),
        "translated": translation.get("label"),
        "translation_score": translation.get("score"),
        "score": round(float(score), 4) if score is not None else None,
        **{facet: list(entities.get(facet) or []) for facet in ENTITY_FACETS},
    }
    if text:
        row["text"] = fields.get("text") or ""
    return row


def lines(rows: Iterable[dict[str, Any]], fmt: str = "jsonl", text: bool = False) -> Iterator[str]:
    """The export as text, a line (a CSV record, which may hold line breaks in quotes) at a
    time, so that a response or a file gets it as it is read. JSON Lines: one object per line,
    names as lists. CSV: a header, then one record per article, a cell's names joined by
    NAMES_JOINER, no value empty."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    buf = io.StringIO()
    writer = csv.writer(buf)
    columns = (*COLUMNS, "text") if text else COLUMNS
    for record in itertools.chain([columns], ([_cell(row.get(c)) for c in columns] for row in rows)):
        writer.writerow(record)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def write(rows: Iterable[dict[str, Any]], out: TextIO, fmt: str = "jsonl", text: bool = False) -> int:
    """The export into `out`; returns the number of articles written."""
    n = -1 if fmt == "csv" else 0  # the header is no article
    for line in lines(rows, fmt, text):
        out.write(line)
        n += 1
    return max(n, 0)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = NAMES_JOINER.join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value

"""Tables in extracted text, as trafilatura writes them: a line per row, "| a | b |",
a pipe inside a cell escaped ("\\|"), and "|---|---|" under a header row.

Pages use tables for two things. A table of data (election results, prices by
city, a poll, line-ups) is article content: its rows stay, one line each, cells
joined by " | ", and the lexicon never judges them (a header "Candidate | Party |
Votes" reads like a menu). A layout table (old sites set the whole page in one:
Softpedia, Schneier's blog, Gamasutra) is no table to the reader: each of its cells
becomes a paragraph, which the classifier judges like any other line ("TRENDING
TODAY", "Blog Menu" go; the article cell stays). Padding cells and header rules carry
no words and go unrecorded.

Measured on the 1,381 Dragnet dev pages: 51 pages had table rows in the clean text;
the rows of the 5 data tables (rows of two or more filled cells, two or more rows
alike) are in the gold text, the cells of the layout tables mostly are not.
Hand-written: trafilatura gives the table only as this text (its XML keeps the
cells, but the rest of the cleaner reads the text), and no library parses it.
"""
from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r":?-{3,}:?")
_SPACES = re.compile(r"  +")
# a cell boundary in a row `unwrap` kept: a pipe between spaces ("John Doe | | 9,876")
_KEPT_CELL = re.compile(r"(?<= )\|(?= |$)")


def cells(line: str) -> list[str] | None:
    """The cells of a table row (whitespace collapsed, pipes unescaped), None for other lines."""
    s = line.strip()
    if not s or s[0] != "|" or s[-1] != "|" or s.endswith("\\|"):
        return None
    return [" ".join(c.replace("\\|", "|").split()) for c in _SPLIT.split(s[1:-1])] if len(s) > 1 else []


def _markup(row: list[str]) -> bool:
    """A row without words: a header rule or padding."""
    return all(not c or _RULE.fullmatch(c) for c in row)


def _data_tables(rows: list[list[str] | None]) -> list[list[int]]:
    """The rows of each data table: two or more consecutive rows (rules and padding rows
    between them skipped) of the same width, each with two or more filled cells."""
    tables: list[list[int]] = []
    group: list[int] = []
    width = -1
    for i, row in enumerate([*rows, None]):
        if row is not None and _markup(row):
            continue
        filled = row is not None and sum(bool(c) for c in row) >= 2
        if filled and len(row) == width:
            group.append(i)
            continue
        if len(group) >= 2:
            tables.append(group)
        group, width = ([i], len(row)) if filled else ([], -1)
    return tables


def unwrap(paras: list[str]) -> tuple[list[str], list[list[int]]]:
    """Paragraphs with layout tables opened into their cells and markup rows dropped,
    and the data tables: each a list of its rows' indices into the returned list."""
    rows = [cells(p) for p in paras]
    if all(r is None for r in rows):
        return paras, []
    data: dict[int, str] = {}
    found = _data_tables(rows)
    for table in found:
        # a column empty in every row of its table is padding
        padding = set.intersection(*({j for j, c in enumerate(rows[i]) if not c} for i in table))
        for i in table:
            # cells hold no runs of spaces: an empty cell's is the only one ("Jane | | 12")
            data[i] = _SPACES.sub(" ", " | ".join(c for j, c in enumerate(rows[i]) if j not in padding))
    out: list[str] = []
    moved: dict[int, int] = {}
    for i, (p, row) in enumerate(zip(paras, rows)):
        if row is None:
            out.append(p)
        elif i in data:
            moved[i] = len(out)
            out.append(data[i])
        else:
            out.extend(c for c in row if c and not _RULE.fullmatch(c))
    return out, [[moved[i] for i in table] for table in found]


def row_cells(line: str) -> list[str]:
    """The cells of a row `unwrap` kept ("Phoenix | $83 | 28.7%"), an empty cell as "": what
    the page showed as blocks, and what the document page lays out as a table."""
    return [c.strip() for c in _KEPT_CELL.split(line)]

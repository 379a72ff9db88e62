"""The name an export downloads as: its search's, so that each export keeps its own.

Every export was `newsarchive-export.csv`, so the second one, for another query, arrived as
`newsarchive-export (1).csv` and nothing told the two apart. The name is the query and the
filters as words, lower case, joined by hyphens (`newsarchive-goita-translated-likely.csv`):
only letters, digits, `_` and `-`, bounded in length, so any system can keep it.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

PREFIX = "newsarchive"
MAX_SLUG_CHARS = 80   # the search's part of the name: a long query is cut at a word
EVERYTHING = "all-articles"  # no query and no filter: the whole archive
UNNAMED = "export"  # a search with no letter or digit a plain ASCII name can hold (北京): its name's fallback

# A name cut after one of these joins its last word to nothing ("…-revolt-or"), or says the
# opposite of the search ("…-burkina-not", the word it excluded cut off): the cut goes before it
_JOINERS = frozenset(("and", "or", "not"))
_NOT = re.compile(r"(?<![\w-])-(?=\w)")  # "-russia": a word excluded, read as "not russia"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits: "_" joins nothing a reader typed


def slug(text: str, limit: int = MAX_SLUG_CHARS) -> str:
    """`text`'s letters and digits, lower case, each run joined to the next by a hyphen, cut at
    a hyphen to `limit` characters at most, and not after an operator's word ("" when it
    holds no letter or digit)."""
    words = _WORD.findall(_NOT.sub(" not ", text).casefold())
    kept: list[str] = []
    size = -1  # the name's length so far, its hyphens counted
    for word in words:
        size += 1 + len(word)
        if size > limit:
            cut = len(kept)
            while cut and kept[cut - 1] in _JOINERS:
                cut -= 1
            return "-".join(kept[:cut] or kept) or word[:limit]
        kept.append(word)
    return "-".join(kept)


def search_words(query: str, filters: list[tuple[str, str]], match: str = "all") -> str:
    """A search as the words of its name: the query, then each filter as "facet value"
    (`filters`: facet and value as the page reads it, an entity's name, not its id), then
    "any words" when an article needs only one of them."""
    parts = [query, *(f"{facet} {value}" for facet, value in filters)]
    if match == "any":
        parts.append("any words")
    return " ".join(p for p in parts if p)


def export_filename(words: str, fmt: str) -> str:
    """The file name of an export of the search `words` (search_words) in format `fmt`."""
    return f"{PREFIX}-{slug(words) or (UNNAMED if words.strip() else EVERYTHING)}.{fmt}"


def content_disposition(filename: str) -> str:
    """An attachment header naming `filename`: as it is when it is ASCII, else an ASCII
    fallback (accents folded, as Flask's send_file does) with the UTF-8 name beside it
    (RFC 6266 `filename*`), which browsers prefer."""
    stem, _, fmt = filename.rpartition(".")
    ascii_stem = slug(unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii"), len(stem))
    fallback = f"{ascii_stem if ascii_stem != PREFIX else f'{PREFIX}-{UNNAMED}'}.{fmt}"
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"

"""A page's metadata file beside it: scrapers and archivers save foo.json next to foo.html
(ArchiveBox's index.json by index.html, a crawler's record of the page's address and date),
often with the page's text under "text", "content" or "title". Read as JSON Lines, as a .json
is (`export -o out.json` writes them), each such page was indexed twice: the page, and its
metadata as a second article."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

SIDECAR_SUFFIXES = (".json", ".json.gz")  # a .jsonl names records, never a page's metadata


def page_beside(name: str, folder: Mapping[str, str], page_suffixes: tuple[str, ...]) -> str | None:
    """The page whose metadata the file `name` is, by the lower-case names of its folder
    (`folder`: lower case to as written), or None: foo.json (or foo.html.json) beside foo.html,
    foo.htm, foo.warc, foo.txt..., any case."""
    low = name.lower()
    if not low.endswith(SIDECAR_SUFFIXES):
        return None
    stem = low.removesuffix(".gz").removesuffix(".json")
    if stem.endswith(page_suffixes) and stem in folder:  # foo.html.json
        return folder[stem]
    return next((folder[stem + s] for s in page_suffixes if stem + s in folder), None)


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

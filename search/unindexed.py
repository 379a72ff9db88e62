"""Why a source of the index has no article in the live generation, as the run that built it
found: `stats` gave a four-way guess ("holds no file to read, read under another source, did
not finish, none of its files could be read") though that run had said which."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCAN_FILE = "scan.json"  # in the index directory: what the run that built the live generation read

# The note on a source of no article file. A site mirror's folder of style sheets and images,
# passed over unsaid, was "no file in it to read" about a folder the user saw files in
NO_FILE_TO_READ = ("no file in it to read: hidden files and folders (named .*) and the parts of web pages "
                   "(images, style sheets, scripts, fonts, media) are left out")

# What is said of such a source when no run on record says which: `stats` and the status page say
# the same (the page named two of these four, and a source read through a link is none of those two)
UNINDEXED_WHY = ("it holds no file to read, its files were read under another source (through a link), the run "
                 "that added it did not finish, or none of its files could be read")



def read_scan(index: Path) -> Any:
    """The index folder's scan.json as the run that wrote it left it (any JSON), or None where there
    is none or it cannot be read (a folder in its place, a permission, bytes that are no JSON)."""
    try:
        return json.loads((index / SCAN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def why_unindexed(index: Path, generation: str, sources: list[str]) -> dict[str, str]:
    """For each of `sources` (as path_text shows them) the run that built `generation` read and
    found no article in, why: the note it gave ("no file in it to read"), or what it skipped (a
    file read first through another source's link is one). A source that run did not read (it
    did not finish, an older release's record) or said nothing of is left out: a guess is all
    there is then."""
    from .ingest.decode import path_text

    scan = read_scan(index)
    if not isinstance(scan, dict) or scan.get("generation") != generation or not isinstance(scan.get("notes"), list):
        return {}  # another generation's record, or one from before notes were kept: no more than a guess
    read = {path_text(r) for r in scan.get("roots") or [] if isinstance(r, str)}
    out: dict[str, str] = {}
    for s in sources:
        if s not in read:
            continue
        if any(isinstance(n, dict) and n.get("path") == s and n.get("note") == NO_FILE_TO_READ
               for n in scan["notes"]):
            out[s] = f"the last run found {NO_FILE_TO_READ}"
            continue
        skipped = [f for f in scan.get("failed") or [] if isinstance(f, dict) and isinstance(f.get("path"), str)
                   and (path_text(f["path"]) == s or path_text(f["path"]).startswith(s.rstrip("/") + "/"))]
        if skipped:
            first = skipped[0]
            out[s] = (f"the last run skipped {len(skipped)} of its inputs: "
                      f"{path_text(first['path'])}: {first.get('reason', '')}"
                      + (" and more (`newsarchive reindex --json` lists them)" if len(skipped) > 1 else ""))
    return out

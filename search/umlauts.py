"""German's own spelling of its umlauts without them: "Müller" is "Mueller" in English papers
and wire copy (an accent fold gives "Muller"), "Schröder" "Schroeder". Shared by the index's
analyzer (search.schema) and entity lookups (search.entities.resolve)."""
from __future__ import annotations

import re

_UMLAUTS = re.compile("[äöüÄÖÜ]|[aouAOU]\u0308")
_SPELLING = {**{u: v + "e" for u, v in zip("äöüÄÖÜ", "aouAOU")}, **{v + "\u0308": v + "e" for v in "aouAOU"}}


def umlaut_spelling(word: str) -> str | None:
    """`word` with its umlauts spelled out ("Mueller" for "Müller"), or None when it has none."""
    if not _UMLAUTS.search(word):
        return None
    return _UMLAUTS.sub(lambda m: _SPELLING[m.group()], word)

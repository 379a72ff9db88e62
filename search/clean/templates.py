"""Cross-document pass: lines that recur in many documents of one source are template.

A site's header, footer and "related articles" lines survive any per-page
classifier that has never seen them, but they give themselves away by repeating
across the site's pages. Counting is one pass over (source, keys) pairs, so the
pass stays linear in the archive size; only per-source counters are held.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

MIN_DOCS = 5  # a line must recur in at least this many documents of the source ...
MIN_SHARE = 0.05  # ... and in at least this share of them (short lines)
LONG_WORDS = 25  # prose-length lines need a much larger share: a quote can recur in a
LONG_SHARE = 0.5  # story series, a footer disclaimer is on (nearly) every page
MIN_SOURCE_DOCS = 10  # too few pages say nothing about a site's template

_PUNCT = re.compile(r"[^\w\s]+")
_DIGITS = re.compile(r"\d+")
_FIGURE = re.compile(r"\d[.,]\d")  # 291.8, 1.20, 12,345: a figure, not a count of visits
FIGURES = "="  # the mark of a key that kept its figures


def line_key(line: str) -> str:
    """Normalised form of one line: case, punctuation, digits and spacing folded away
    ("(Visited 12 times)" and "(Visited 3 times)" share a key). A line of two figures or more
    keeps its digits: a table's row ("Revs 291.8 mln vs 265.3 mln") recurs in every earnings
    report of a wire with other figures, and folded it was a template line, removed from the
    reports of a 3,000-story Reuters archive (query review: `"291.8 mln"` missed the report
    that gives it). Its documents are told apart as before (find_template_lines)."""
    s = " ".join(_PUNCT.sub(" ", line.lower()).split())
    if len(_FIGURE.findall(line)) >= 2:
        return FIGURES + s  # marked: no key of folded punctuation starts so
    return _DIGITS.sub("0", s)


def line_keys(text: str) -> list[str]:
    """Keys of the non-empty lines of one clean text, in order (empty-key lines skipped)."""
    return [k for k in (line_key(ln) for ln in text.split("\n")) if k]


def find_template_lines(
    docs: Iterable[tuple[str, list[str]]],
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    long_share: float = LONG_SHARE,
    min_source_docs: int = MIN_SOURCE_DOCS,
) -> dict[str, set[str]]:
    """Map source -> template keys: keys found in >= max(min_docs, share * n) of its n
    distinct documents.

    Copies of one article (saved twice, or syndicated into one folder) count once: every
    line of an article saved six times would otherwise recur like a site's footer, and
    the pass emptied it (text and all) in every copy. A document is known by its two
    longest lines, which are the article's own prose, not its template (a copy edited
    elsewhere is still the same document here; a page whose longest line is a long
    footer disclaimer is told apart by its second)."""
    ndocs: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, set] = defaultdict(set)
    for source, keys in docs:
        distinct = set(keys)
        # figures folded here as in every other line: a table's reports with other figures
        # are no more documents for the count than before line_key kept a row's figures
        folded = {_DIGITS.sub("0", k) if k.startswith(FIGURES) else k for k in distinct}
        sig = hash(tuple(sorted(folded, key=lambda k: (-len(k), k))[:2]))
        if sig in seen[source]:
            continue
        seen[source].add(sig)
        ndocs[source] += 1
        counts[source].update(distinct)  # document frequency, not line frequency
    out: dict[str, set[str]] = {}
    for source, n in ndocs.items():
        if n < min_source_docs:
            continue
        short_need = max(min_docs, min_share * n)
        long_need = max(min_docs, long_share * n)
        found = {
            k
            for k, c in counts[source].items()
            if c >= short_need and (c >= long_need or k.count(" ") + 1 < LONG_WORDS)
        }
        if found:
            out[source] = found
    return out


def strip_template_lines(text: str, keys: set[str]) -> tuple[str, list[dict[str, str]]]:
    """Remove the lines whose key is in `keys`; returns (text, removed) with paragraphs
    still separated by one blank line."""
    if not keys:
        return text, []
    kept: list[str] = []
    removed: list[dict[str, str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line_key(line) in keys:
            removed.append({"text": line.strip(), "reason": "template line (recurs across the source)"})
        else:
            kept.append(line)
    if not removed:
        return text, []
    return "\n\n".join(kept), removed

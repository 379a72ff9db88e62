"""Readers for the evaluation corpora in ../shared/data (never copied into the repo).

Used by train.py and bench/translation.py only; the app never imports this module.
Reuters bodies are hard-wrapped 1987 wire copy: we join the lines into paragraphs and
drop the "Reuter" signature the way the cleaner would, so the detectors see clean text.
"""
from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
MT_DEV = DATA / "mt-dev.jsonl.gz"
REUTERS = DATA / "reuters21578.jsonl.gz"
BENCH_REUTERS = 2000   # the first 2,000 bodies >= 400 chars are the benchmark's: never trained on
MIN_BODY = 400


def read_jsonl(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def mt_dev(path: Path = MT_DEV) -> list[dict]:
    return list(read_jsonl(path))


def reuters_clean(body: str) -> str:
    """A Reuters body as clean text: signature dropped, wrapped lines joined, paragraphs by blank lines."""
    body = html.unescape(body)
    body = re.sub(r"\s*\bREUTER\b\s*$", "", body.rstrip(), flags=re.I)
    paragraphs, current = [], []
    for line in body.split("\n"):
        if (line.startswith((" ", "\t")) or not line.strip()) and current:
            paragraphs.append(" ".join(current))  # wire copy indents the first line of a paragraph
            current = []
        if line.strip():
            current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def reuters(split: str = "bench", limit: int | None = None, path: Path = REUTERS) -> list[str]:
    """Clean Reuters bodies >= 400 chars: "bench" = the first 2,000, "train" = the ones after them."""
    bodies = (r["body"] for r in read_jsonl(path) if len(r.get("body") or "") >= MIN_BODY)
    out = []
    for i, body in enumerate(bodies):
        if (split == "bench") != (i < BENCH_REUTERS):
            continue
        out.append(reuters_clean(body))
        if limit is not None and len(out) >= limit:
            break
    return out

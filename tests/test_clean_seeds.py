"""The seeds against the gold file: boilerplate gone, article kept, metadata found."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.clean import clean_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaned() -> dict:
    return {name: clean_text((SEEDS / name).read_text(encoding="utf-8")) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_must_drop_absent(name, cleaned, gold):
    text = cleaned[name].text
    for line in gold["articles"][name]["must_drop"]:
        assert line not in text, line
        # reported, not silently lost
        assert any(line in r["text"] for r in cleaned[name].removed), line


@pytest.mark.parametrize("name", NAMES)
def test_must_keep_present(name, cleaned, gold):
    for passage in gold["articles"][name]["must_keep"]:
        assert passage in cleaned[name].text, passage


@pytest.mark.parametrize("name", NAMES)
def test_title_and_date(name, cleaned, gold):
    g, c = gold["articles"][name], cleaned[name]
    if g["title"]:
        assert c.title == g["title"]
    else:  # no title line: a short display title from the first sentence, never the date prefix
        assert c.title and len(c.title) <= 100
        assert "2020-08-28" not in c.title and not c.title.lower().startswith("date")
        assert c.text.startswith(c.title.rstrip("…"))
    expected = g["published"]
    assert (c.published.isoformat() if c.published else None) == expected


@pytest.mark.parametrize("name", NAMES)
def test_dateline_and_credit(name, cleaned, gold):
    g, c = gold["articles"][name], cleaned[name]
    if "dateline" in g:
        assert c.dateline == g["dateline"]
    if "credit" in g:
        assert c.credit == g["credit"]


def test_title_not_in_text_and_caption_residue_skipped(cleaned):
    c = cleaned["002_f0668442815f74eb.txt"]
    assert c.text.startswith("Mali saw the second military coup in a year.")
    assert {"text": "untitled design", "reason": "caption residue"} in c.removed


def test_date_prefix_body_kept(cleaned):
    c = cleaned["001_3af445065a74e937.txt"]
    assert c.text.startswith("Malin the military commanders")
    assert c.removed[0]["text"] == "date 2020-08-28"


def test_paragraph_format(cleaned):
    for c in cleaned.values():
        paras = c.text.split("\n\n")
        assert all(p and p == p.strip() and "\n" not in p for p in paras)


def test_searches_for_boilerplate_find_nothing(cleaned):
    for phrase in ("leave a reply", "enter your comment", "stay informed"):
        assert not any(phrase in c.text.lower() for c in cleaned.values())

"""Chinese, Japanese and Korean text: indexed as overlapping bigrams, searchable by any
word of two or more characters, highlighted, and titled like any other text."""
from __future__ import annotations

import json

import pytest

from search import Store, get_document, indexer, open_index, run_search
from search.clean.text import clean_text
from search.cjk import cjk_pieces
from search.schema import text_analyzer

ZH_TITLE = "北京市政府宣布新计划"
ZH = "北京市政府今天宣布了一项新的交通计划。该计划将于2021年开始实施，预计将减少城市拥堵。"
JA = "東京都は本日、新しい防災計画を発表しました。計画は来年から実施されます。"


def test_a_cjk_run_becomes_bigrams_with_positions_and_offsets():
    toks = [(t.text, t.pos, t.startchar, t.endchar)
            for t in text_analyzer()("the 北京市 plan 2020年 ok", positions=True, chars=True)]
    # "the" is a stop word at position 0
    assert toks == [("北京", 1, 4, 6), ("京市", 2, 5, 7), ("plan", 3, 8, 12),
                    ("2020", 4, 13, 17), ("年", 5, 17, 18), ("ok", 6, 19, 21)]
    assert cjk_pieces("Paris") == [(0, 5)]


def test_the_index_holds_each_character_at_the_position_of_the_bigram_it_begins():
    toks = [(t.text, t.pos) for t in text_analyzer()("2021年营收 年年", positions=True, mode="index")]
    assert toks == [("2021", 0), ("年", 1), ("年营", 1), ("营", 2), ("营收", 2), ("收", 2),
                    ("年", 3), ("年年", 3)]


def test_a_chinese_title_line_is_the_title_not_body_text():
    c = clean_text(f"{ZH_TITLE}\n\n{ZH}")
    assert c.title == ZH_TITLE and not c.text.startswith(ZH_TITLE)


@pytest.fixture(scope="module")
def cjk_archive(tmp_path_factory):
    src = tmp_path_factory.mktemp("cjk") / "wire"
    src.mkdir()
    records = [
        {"id": "zh1", "title": ZH_TITLE, "text": ZH * 3},
        {"id": "ja1", "title": "東京で会議", "text": JA * 3},
        {"id": "en1", "title": "Oil outlook", "text": "Oil prices rose on long-term supply worries, traders said."},
        {"id": "en2", "title": "Term limits", "text": "A long debate on the term of office ended, officials said."},
    ]
    (src / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    path = src.parent / "index"
    result = indexer.run(Store(path), [str(src)])
    assert result["indexed"] == 4, result
    return open_index(path)


def _ids(archive, q):
    return sorted(h.id.rsplit("#", 1)[1] for h in run_search(archive, q).hits)


@pytest.mark.parametrize("query, ids", [
    ("北京", ["zh1"]), ("市政府", ["zh1"]), ("交通计划", ["zh1"]),
    ("東京", ["ja1"]), ("計画", ["ja1"]), ('"防災計画"', ["ja1"]),
    ("2021年", ["zh1"]),      # a figure and one character: "年" is indexed inside "2021年开始"
    ("计", ["zh1"]), ("画", ["ja1"]),  # a single character anywhere
    ('"2021年计划"', []),    # in a row: the text has 2021年开始 and 计划 elsewhere
    ("计划 東京", []),         # both words must be there
    ("北京计划", []),           # a word is its bigrams in a row, not anywhere in the text
])
def test_chinese_and_japanese_words_are_found(cjk_archive, query, ids):
    assert _ids(cjk_archive, query) == ids


def test_a_split_query_word_is_a_phrase_of_its_parts(cjk_archive):
    assert _ids(cjk_archive, "long-term") == ["en1"]  # en2 has "long" and "term" apart


def test_the_snippet_marks_a_chinese_word_once_with_context(cjk_archive):
    hit = run_search(cjk_archive, "交通计划").hits[0]
    assert "<mark>交通计划</mark>" in hit.snippet
    assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>") and "</mark><mark>" not in hit.snippet
    doc = get_document(cjk_archive, hit.id)
    assert doc["title"] == ZH_TITLE and doc["language"].startswith("zh")


def test_chinese_clauses_are_no_spelling_suggestions():
    from search.spelling import spellable_words

    assert spellable_words(f"Beijing {ZH}") == {"beijing"}

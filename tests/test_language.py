"""Language identification: search.language's fast langdetect must equal stock langdetect
bit for bit (same languages, same probabilities), on real news and on other scripts."""
from __future__ import annotations

import gzip
import json

import langdetect
import pytest

from search import language
from search.language import detect_language

from conftest import SEEDS

OTHER_SCRIPTS = [
    "Le président a dit que la stratégie était « une stratégie sans boussole ».",
    "Der Bundeskanzler sagte am Montag, dass die Regierung handeln werde.",
    "Путин заявил, что Россия готова к переговорам с Украиной.",
    "Путин said on Monday that Россия was ready for talks with Украина and the EU.",
    "日本の首相は月曜日に記者会見を開いた。カタカナ テスト",
    "Tiếng Việt có dấu thanh điệu rất phong phú.",
    "Tie\u0302\u0301ng Vie\u0323\u0302t co\u0301 da\u0302\u0301u",  # combining marks: normalize_vi
    "Ţară şi ştiinţă în România, ţara noastră",
    "مرحبا بكم في الأخبار اليومية من القاهرة",
    "USA NATO UN EU  ...  !!!   123 https://example.com/a?b=1 x@example.org",
    "  leading spaces,\ttabs\nand newlines  ",
    "ABC",
]


def _stock(text: str):
    try:
        return [(x.lang, x.prob) for x in langdetect.detect_langs(text)]
    except langdetect.LangDetectException as exc:
        return ("error", exc.code)


def _fast(text: str):
    try:
        return [(x.lang, x.prob) for x in language.detect_langs(text)]
    except langdetect.LangDetectException as exc:
        return ("error", exc.code)


def _same(texts: list[str]) -> None:
    for text in texts:
        for sample in (text, text[:4000], text[:200], text[:25]):
            assert _fast(sample) == _stock(sample), sample[:80]


def test_fast_detector_equals_langdetect_on_other_scripts_and_edge_cases():
    _same(OTHER_SCRIPTS)


def test_fast_detector_equals_langdetect_on_seeds():
    _same([p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()])


def test_fast_detector_equals_langdetect_on_reuters_and_mt_dev(shared_dir):
    from search.translation import corpora

    texts = corpora.reuters("bench", limit=150)
    with gzip.open(shared_dir / "data" / "mt-dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh][:60]
    _same(texts)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Assimi Goita", "unknown"),  # too few letters to tell
        ("", "unknown"),
        ("12345 67890 !!! ???", "unknown"),
        ("The transitional government announced new elections on Monday in Bamako.", "en"),
        ("Le gouvernement de transition a annoncé de nouvelles élections lundi à Bamako.", "fr"),
        ("Soldiers seized power in Mali.", "unknown"),  # langdetect: de at 0.71 (QA pass 3)
        ("The army took control of the capital on Tuesday.", "en"),  # short, but sure (0.99)
    ],
)
def test_detect_language_labels(text, expected):
    assert detect_language(text) == expected


def test_a_table_of_figures_is_no_language_and_prose_around_one_is():
    """Reuters' earnings tables came out Swedish, Dutch or Latvian (431 of 19,043 articles
    labelled neither English nor unknown)."""
    table = "Shr 22 cts vs 20 cts\n\nNet 2,963,000 vs 2,696,000\n\nSales 26.5 mln vs 19.4 mln\n\nNine mths"
    assert langdetect.detect(table) != "en"  # what it was
    assert detect_language(table) == "unknown"
    prose = ("Bahia Cocoa Review\n\nShowers continued throughout the week in the Bahia cocoa zone, alleviating "
             "the drought since early January and improving prospects for the coming temporao.\n\n" + table)
    assert detect_language(prose) == "en"
    # lines in another script are never table lines, numbers or not
    assert detect_language("В 2021 году 11 апреля Россия и Мали подписали соглашение о военном сотрудничестве, "
                           "сообщили в Бамако 12 апреля.") == "ru"


def test_traditional_chinese_is_not_korean():
    """langdetect's Korean profile holds Chinese characters: Taiwanese news came out "ko"."""
    from search.language import detect_language

    assert detect_language("台北市政府今天宣布，將於明年開始實施新的交通政策，以減少市區的交通擁擠。") == "zh-tw"
    assert detect_language("行政院長今日表示，政府將全力支持產業發展，並持續推動經濟轉型。") == "zh-tw"
    assert detect_language("서울시는 오늘 새로운 교통 정책을 발표했다. 내년부터 시행될 예정이다.") == "ko"


GRAIN = ("MIDWEST GRAIN FUTURES 11:50   EDT\n\nMINNEAPOLIS WHEAT\n MAY7 284 1/4            UP    3/4\n"
         " JUL7 280 3/4            UNCH\n SEP7 276 1/2            UP    1/2\n DEC7  --     --\n MAR8  --     --")


@pytest.mark.parametrize("text, other_than", [
    (GRAIN, "de"),  # QA: the language facet offered "de 3", all tables in capitals
    ("BAHRAIN DEPOSIT RATES - APRIL 7 SAUDI RIYAL - SPOT 3.7501/05 1\n\n6.37\n6  MTH  SEVEN -  6.75 1  YR   7.18", "de"),
])
def test_text_in_capitals_is_read_in_lower_case(text, other_than):
    """langdetect takes no n-gram from a run of capitals past its first letter: text in capitals
    told it next to nothing, and came out German (351 of 19,043 Reuters articles)."""
    assert language.detect_langs(text)[0].lang == other_than  # what it was
    assert detect_language(text) in ("en", "unknown")


def test_a_story_in_capitals_keeps_its_language():
    fr = "Le gouvernement a décidé de retirer les troupes du pays avant la fin de l'année, selon le ministre."
    en = "The transitional government announced new elections on Monday in Bamako, the minister said."
    assert detect_language(fr.upper()) == "fr" and detect_language(en.upper()) == "en"
    assert language.detect_langs(fr.upper())[0].lang == "de"  # what it was
    # a headline in capitals over a story in lower case is read as it is
    assert language.mostly_capitals("MALI JUNTA NAMES PM\n\n" + en) is False


def test_a_language_code_reads_as_the_language_s_name():
    from search.language import language_name

    assert [language_name(c) for c in ("en", "he", "el", "sw", "zh-cn", "zh-tw", "unknown", "xx")] == [
        "English", "Hebrew", "Greek", "Swahili", "Chinese (simplified)", "Chinese (traditional)", "unknown", "xx"]


def _many(texts: list[str]) -> list:
    return [[(x.lang, x.prob) for x in found] if found is not None else ("error", langdetect.lang_detect_exception.ErrorCode.CantDetectError)
            for found in language.detect_langs_many(texts)]


def _batch(shared_dir) -> list[str]:
    from search.translation import corpora

    texts = OTHER_SCRIPTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    texts += corpora.reuters("bench", limit=120)
    with gzip.open(shared_dir / "data" / "mt-dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh][:40]
    return [sample for text in texts for sample in (text[:4000], text[:200], text[:25])]


def test_a_batch_s_trials_side_by_side_equal_langdetect_bit_for_bit(shared_dir):
    """Stage 2 detects a pool batch's languages at once (detect_langs_many: the trials of all
    its texts in one NumPy step each): the same probabilities as stock langdetect, text by text."""
    texts = _batch(shared_dir)
    assert _many(texts) == [_stock(t) for t in texts]


def test_a_text_whose_draws_outrun_the_side_by_side_horizon_gets_its_own_trials(shared_dir, monkeypatch):
    texts = _batch(shared_dir)[:90]
    monkeypatch.setattr(language, "HORIZON", 150)  # some texts need more draws than that, some not
    assert _many(texts) == [_stock(t) for t in texts]


def test_detect_languages_of_a_batch_are_detect_language_s_codes(shared_dir):
    texts = _batch(shared_dir)[::3] + [GRAIN, "2020-08-28", "", "Soldiers seized power in Mali.",
                                        "中華民國總統府今天發布新聞稿表示將加強兩岸交流與合作，並呼籲對岸展現善意回應。",
                                        "서울 정부는 오늘 새로운 경제 정책을 발표했다고 밝혔다. 정책은 다음 달부터 시행된다."]
    codes = language.detect_languages(texts)
    assert codes == [detect_language(t) for t in texts]
    assert {"en", "unknown", "fr", "zh-tw", "ko"} <= set(codes)


def test_ngram_normalize_is_one_idempotent_character_for_every_code_point():
    """language._FastDetector._extract_ngrams caches a word's n-grams by its normalised form:
    the same n-grams as the original's only while NGram.normalize maps each character to one
    character that it maps to itself (a langdetect upgrade could change that)."""
    from langdetect.utils.ngram import NGram

    bad = [c for c in map(chr, range(0x110000))
           if len(n := NGram.normalize(c)) != 1 or NGram.normalize(n) != n]
    assert bad == []

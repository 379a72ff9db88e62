"""Chinese, Japanese and Korean text: where its words are, for the analyzer, the highlighter
and the cleaner's word counts (the scripts write no space between words)."""
from __future__ import annotations

import re

# Han, Hiragana, Katakana (with the half-width forms) and Hangul: the scripts Lucene's
# CJKBigramFilter bigrams. Chinese and Japanese put no spaces between words, so the
# tokenizer's word is a whole clause ("北京市政府宣布") that no query word equals.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Korean letters (Jamo, compatibility Jamo, syllables)
CJK_CHARS = (HANGUL + "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
             "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None


def cjk_pieces(word: str) -> list[tuple[int, int]]:
    """Where `word` (one tokenizer word) splits: each CJK run into overlapping bigrams (a run
    of one character stays whole), the text between runs ("2020" in "宣布2020年") as it is.
    Offsets into `word`; [(0, len(word))] for a word without CJK.

    Bigrams rather than a dictionary segmenter, as Lucene and Elasticsearch's cjk analyzer
    do: no model to ship per language, and a query word's bigrams are found wherever the
    word is, whatever a segmenter would have made of its context."""
    out, pos = [], 0
    for m in _CJK_RUN.finditer(word):
        if m.start() > pos:
            out.append((pos, m.start()))
        a, b = m.span()
        out.extend([(a, b)] if b - a == 1 else [(i, i + 2) for i in range(a, b - 1)])
        pos = b
    if pos < len(word):
        out.append((pos, len(word)))
    return out


def cjk_index_pieces(word: str) -> list[tuple[int, int, int]]:
    """What the index holds of `word`: (start, end, position offset). cjk_pieces, and every
    CJK character of a longer run as a unigram too, at the position of the bigram it begins
    (the last at the last bigram's), so a run takes as many positions as in a query.

    Bigrams alone (Lucene's default) cannot find a character that a query word puts next to
    a figure or a Latin word: "2021年" is "2021" + "年", and in "2021年营收" the index held
    "年营", "营收", never "年" (years, months, amounts: "3月", "100万"). A query word is
    still cut into bigrams (cjk_pieces), which these unigrams leave to match as before."""
    out: list[tuple[int, int, int]] = []
    k = 0
    for a, b in cjk_pieces(word):
        if b - a == 2 and _CJK_RUN.fullmatch(word, a, b):
            out.append((a, a + 1, k))
            out.append((a, b, k))
            last_of_run = b == len(word) or not _CJK_RUN.match(word, b)
            if last_of_run and word[a + 1] != word[a]:  # "年年": one "年" at this position
                out.append((a + 1, b, k))
        else:
            out.append((a, b, k))
        k += 1
    return out


def cjk_chars(text: str) -> int:
    return sum(len(m.group()) for m in _CJK_RUN.finditer(text))

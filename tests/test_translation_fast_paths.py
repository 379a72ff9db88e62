"""The translation detector's and the language detector's cheaper code paths equal the
reference behaviour they replace, on tricky inputs: empty text, one sentence, non-ASCII,
long text, matches at the very start. Speed itself is measured in bench/build_cpu.py."""
from __future__ import annotations

import dataclasses
import re
import zlib

import langdetect
import numpy as np
import pytest

from search import language
from search.translation import _text, features, literal
from search.translation.features import (_NGRAM_TOKEN_RE, _SENT_START, _TYPO, _WORD_START, CONSTRUCTIONS, HASH_SENT,
                                         _band_hash, _buckets, _class_hash, _ngram_ids, count_construction,
                                         document_features, fw_ngram_vector, pool_typography, sentence_ngrams)

TRICKY = [
    "",
    " \n\t ",
    "One sentence.",
    "of the Navy. Of the army, it is known that of the",  # constructions at the very start and end
    "_of the x éof the y 3of the z\nof the w",  # a word character (underscore, accented, digit) before
    "Ünïcödé façade — “quoted” ‘x’ «y» naïve Mali’s 15 thousand said that he said: yes.",
    "Москва заявила, что 15 тысяч человек. 北京新闻 中国. ſome the Malians ſaid.",
    "The Mr. Smith said that. U.S. officials were being held by the army.\n\nAlso, in addition the war.",
    " ".join(f"Sentence {i} of the report was written by Mr. Keita in Bamako, which is long." for i in range(400)),
]


def _reference_sentence_ngrams(text: str):
    """features.sentence_ngrams as it was (a Python call a token), the reference."""
    spans = _text.sentence_spans(text) or ((0, 0),)
    starts = np.array([a for a, _ in spans])
    ends = np.array([b for _, b in spans])
    matches = list(_NGRAM_TOKEN_RE.finditer(text.translate(_TYPO)))
    pos = np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches))
    sid = np.searchsorted(starts, pos, side="right") - 1
    inside = np.flatnonzero((sid >= 0) & (pos < ends[np.maximum(sid, 0)]))
    sid = sid[inside]
    first = np.ones(len(sid), dtype=bool)
    first[1:] = sid[1:] != sid[:-1]
    h = np.fromiter((_class_hash(matches[j].group(), f) for j, f in zip(inside.tolist(), first.tolist())),
                    dtype=np.uint64, count=len(sid))
    at = np.searchsorted(sid, np.arange(len(spans)))
    hashes = np.insert(h, at, np.uint64(_SENT_START))
    o = np.insert(sid, at, np.arange(len(spans)))
    g, at = _ngram_ids(hashes, (1, 2, 3), o[1:] == o[:-1], positions=True)
    return _buckets(g, HASH_SENT), o[at], len(spans)


@pytest.mark.parametrize("text", TRICKY)
def test_sentence_ngrams_equal_the_per_token_reference(text):
    got, want = sentence_ngrams(text), _reference_sentence_ngrams(text)
    assert got[2] == want[2]
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])


@pytest.mark.parametrize("text", TRICKY)
def test_hashed_blocks_equal_a_python_call_a_token(text):
    """The hash tables (a dict looked up in C) give what the hash functions give."""
    pooled = pool_typography(text)
    for fn, size in ((_class_hash, features.HASH_FW), (_band_hash, features.HASH_BAND)):
        plain = lambda tok, first, fn=fn: fn(tok, first)  # not a table's function: the per-token path
        assert np.array_equal(fw_ngram_vector(pooled, size, fn), fw_ngram_vector(pooled, size, plain))


def test_english_zipf_table_equals_wordfreq():
    """A word of ASCII lower-case letters looked up by its frequency has the Zipf value wordfreq's
    zipf_frequency gives: every 25th such word of its English list, unknown words, and words
    that take the tokeniser's path (capitals, apostrophes, accents, digits)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    listed = [w for w in get_frequency_dict("en", "best") if w.isascii() and w.isalpha() and w.islower()][::25]
    assert len(listed) > 5000
    others = ["qzxvbnmw", "keitan", "goyt", "Mali", "don't", "naïve", "x2", "", "ſome", "İt", "THE"]
    for word in listed + others:
        assert _text.zipf.__wrapped__(word) == zipf_frequency(word, "en"), word
        assert _text.ZIPF_EN[word] == zipf_frequency(word, "en"), word


def test_hash_table_stays_bounded(monkeypatch):
    table = features._HashTable(lambda tok, first: zlib.crc32(tok.encode()))
    monkeypatch.setattr(features._HashTable, "LIMIT", 3)
    for tok in "a b c d e".split():
        assert table[tok] == zlib.crc32(tok.encode())
    assert len(table) <= 3


@pytest.mark.parametrize("text", TRICKY)
def test_word_start_constructions_equal_the_left_context_search(text):
    """The one-character check for (?:^|\\W)$ counts what the 40-character search counted."""
    searched = re.compile(_WORD_START.replace("$", "$(?#generic)"))  # another object: the generic path
    for name, pairs in CONSTRUCTIONS.items():
        generic = [(re.compile(rx), searched if left == _WORD_START else left and re.compile(left)) for rx, left in pairs]
        want = 0
        for rx, left in generic:
            if left is None:
                want += len(rx.findall(text))
            else:
                want += sum(left.search(text, max(0, m.start() - 40), m.start()) is not None for m in rx.finditer(text))
        assert count_construction(name, text) == want, name


@pytest.mark.parametrize("text", TRICKY)
def test_whole_number_means_equal_numpys(text):
    """Means of counts and shares done in Python equal NumPy's, bit for bit."""
    f = document_features(text)
    sents = [text[a:b] for a, b in _text.sentence_spans(text)]
    sent_toks = [t for t in (features._TOKEN_RE.findall(s) for s in sents) if t] or [["empty"]]
    lengths = np.array([len(ts) for ts in sent_toks], dtype=float)
    low = [t.lower() for ts in sent_toks for t in ts]
    alpha = [t for t in low if t.isalpha()]
    content = [t for t in alpha if t not in features._FW_SET]
    zs = np.array([_text.zipf(t) for t in content]) if content else np.zeros(1)
    want = {"sent_len_mean": lengths.mean(), "sent_len_std": lengths.std(),
            "sent_len_cv": lengths.std() / max(lengths.mean(), 1.0), "sent_long_share": (lengths > 35).mean(),
            "sent_short_share": (lengths < 8).mean(),
            "word_len_mean": np.mean([len(t) for t in alpha]) if alpha else 0.0,
            "content_zipf_mean": zs.mean(), "content_rare_share": (zs < 3.0).mean(),
            "content_common_share": (zs >= 5.0).mean()}
    assert {k: float(f[k]) for k in want} == {k: float(v) for k, v in want.items()}


LITERAL_TEXTS = TRICKY + [
    "France said on Monday. BETS HAVE INVESTED heavily in Mali, French officials said.",
    "France said on Monday. Betſ have invested heavily in Mali, French officials said.",  # long s: re.I matches it
    "After the coup, the military turns were many. The junta spoke.",
    "The coups met the mediators on Tuesday after the coup.",
    "Many the Malians were glad. MOST THE Soldiers left. İt was the re-coup of the year.",
    "Mali has insisted that he will hold elections.\nMali had warned that he\twould leave.",
    "The junta announced the re-coup. THE RE-COUP failed.",
]


@pytest.mark.parametrize("text", LITERAL_TEXTS)
def test_literal_prefilters_change_nothing(text, monkeypatch):
    want = literal.detect(text)
    unfiltered = tuple(dataclasses.replace(e, needs=None) for e in literal.LEXICON)
    monkeypatch.setattr(literal, "LEXICON", unfiltered)
    assert literal.detect(text) == want


def test_literal_prefilters_still_find_the_entries():
    for text in ("France said on Monday. BETS HAVE INVESTED heavily in Mali, French officials said.",
                 "France said on Monday. Betſ have invested heavily in Mali, French officials said."):
        assert [f["excerpt"][:4] for f in literal.detect(text)] == [text[23:27]], text


MIXED = [
    "The talks ended. Les négociations ont pris fin. Die Gespräche endeten. Las conversaciones terminaron.",
    "Mali Bamako Goita Keita junta transition CEDEAO ECOWAS sanctions embargo frontières",
    "x" * 3 + " " + "ab " * 2000,  # a long text of one repeated n-gram
]


@pytest.mark.parametrize("text", MIXED + TRICKY)
def test_seeded_stream_equals_langdetect(text):
    """The precomputed Mersenne Twister stream draws what langdetect's seeded Random draws."""
    def run(fn):
        try:
            return [(x.lang, x.prob) for x in fn(text)]
        except langdetect.LangDetectException as exc:
            return ("error", exc.code)
    assert run(language.detect_langs) == run(langdetect.detect_langs)


def test_draws_continue_past_the_first_block():
    """A trial that needs more draws than the first block holds scans on and stays identical."""
    rows = np.arange(3)
    stream = language._stream(0)
    table = np.ones((3, 2))
    block, at, scanned = language._draws(stream, 0, 3, np.uint32(30), rows, table, 0.5, count=4)
    more, more_at, _ = language._draws(stream, scanned, 3, np.uint32(30), rows, table, 0.5, count=4)
    import random
    r = random.Random(0)
    draws = [w >> 30 for w in (r.getrandbits(32) for _ in range(8))]
    assert (np.concatenate([at, more_at]) == [i for i, d in enumerate(draws) if d < 3]).all()


def test_a_detector_seeded_otherwise_runs_langdetects_own_trials(monkeypatch):
    """A seed that is not an int (DetectorFactory.seed set by someone else) takes langdetect's own loop."""
    monkeypatch.setattr(language._profiles().factory, "seed", "not an int")  # langdetect's own factory
    text = "Le gouvernement de transition a annoncé de nouvelles élections lundi à Bamako."
    assert [(x.lang, x.prob) for x in language.detect_langs(text)] == \
           [(x.lang, x.prob) for x in langdetect.detect_langs(text)]

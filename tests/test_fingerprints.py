"""What the enrichment cache's fingerprints depend on (search/fingerprints.py)."""
from __future__ import annotations

import importlib.metadata

from search import fingerprints


def test_a_new_langdetect_changes_stage_2_s_fingerprint(monkeypatch):
    """langdetect's version was in the language table's key alone: after an upgrade of it,
    stage 2's results (the languages, the translation flags' language-mix sentences) were
    reused as the old langdetect computed them, until some later release changed our code."""
    before = fingerprints.stage2_parts()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "langdetect" else real(name))
    after = fingerprints.stage2_parts()
    assert after[fingerprints.LANGUAGE_PART] != before[fingerprints.LANGUAGE_PART]
    assert after["translation detection"] != before["translation detection"]
    assert after["entity extraction"] == before["entity extraction"]  # it does not run langdetect
    assert fingerprints.stage2_fingerprint(after) != fingerprints.stage2_fingerprint(before)
    assert fingerprints.language_fingerprint(after) != fingerprints.language_fingerprint(before)


def test_a_new_thinc_changes_the_ner_model_s_fingerprint(monkeypatch):
    """thinc computes spaCy's NER: a release of it within spaCy's range may change the spans."""
    before = fingerprints.model_fingerprint()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "thinc" else real(name))
    assert fingerprints.model_fingerprint() != before


def test_every_library_a_fingerprint_names_is_installed():
    """A misspelt name would be read as "-" for ever, and its upgrades never seen. chardet is
    no dependency (Beautiful Soup runs it when installed): a fresh install lacked it, and this
    test failed on CI alone."""
    names = {*fingerprints.MODEL_PACKAGES, *fingerprints.STAGE1_PACKAGES,
             *(n for ns in fingerprints.PART_PACKAGES.values() for n in ns)} - fingerprints.OPTIONAL_PACKAGES
    assert {name: importlib.metadata.version(name) for name in names}
    assert fingerprints.OPTIONAL_PACKAGES <= set(fingerprints.STAGE1_PACKAGES)


def test_a_new_trafilatura_changes_stage_1_s_fingerprint(monkeypatch):
    """Stage 1's fingerprint was its code's alone: after a trafilatura upgrade the nightly run
    kept every article's old clean text (a54df05 did this for stage 2 only)."""
    before = fingerprints.stage1_fingerprint()
    real = importlib.metadata.version
    for name in ("trafilatura", "charset-normalizer"):  # the extractor; the readers' decoding
        monkeypatch.setattr(importlib.metadata, "version", lambda n, name=name: "99.0" if n == name else real(n))
        assert fingerprints.stage1_fingerprint() != before, name
    monkeypatch.setattr(importlib.metadata, "version", lambda n: "99.0" if n == "spacy" else real(n))
    assert fingerprints.stage1_fingerprint() == before  # stage 2's library: no cleaning again


def test_stage_1_names_every_library_its_code_imports():
    """Every library the code of stage 1 (STAGE1_CODE: the cleaner, the readers) imports, by
    distribution: one missing from STAGE1_PACKAGES would be upgraded unseen."""
    import ast
    import sys
    from importlib.metadata import packages_distributions
    from pathlib import Path

    here = Path(fingerprints.__file__).parent
    files = [f for n in fingerprints.STAGE1_CODE
             for f in ((here / n).rglob("*.py") if (here / n).is_dir() else [(here / n).with_suffix(".py")])]
    modules = set()
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules.add(node.module.split(".")[0])
    libraries = modules - set(sys.stdlib_module_names) - {"search", "__future__"}
    dists = packages_distributions()
    assert libraries and all(m in dists for m in libraries), libraries
    named = {n.lower().replace("_", "-") for n in fingerprints.STAGE1_PACKAGES}
    assert {d.lower().replace("_", "-") for m in libraries for d in dists[m]} <= named

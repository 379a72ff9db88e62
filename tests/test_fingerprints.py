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
    """A misspelt name would be read as "-" for ever, and its upgrades never seen."""
    names = {*fingerprints.MODEL_PACKAGES, *(n for ns in fingerprints.PART_PACKAGES.values() for n in ns)}
    assert {name: importlib.metadata.version(name) for name in names}

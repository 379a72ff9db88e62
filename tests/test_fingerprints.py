"""What the enrichment cache's fingerprints depend on (search/fingerprints.py)."""
from __future__ import annotations

import importlib.metadata
from pathlib import Path

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


_TRANSLATION_PART = """
import json, sys
from pathlib import Path
from search import fingerprints
from search.translation import detect
detect("The rebels took the town of Kidal on Tuesday. Goita said the army would return. Goyta denied it.")
here = Path(fingerprints.__file__).parent / "translation"
loaded = {Path(m.__file__).name for n, m in sys.modules.items() if n.startswith("search.translation")}
print(json.dumps({"fingerprint": fingerprints.stage2_parts()["translation detection"],
                  "unused": sorted(f.name for f in here.glob("*.py") if f.name not in loaded)}))
"""


def test_translation_s_fingerprint_is_the_detector_s_code_and_weights_not_the_training(tmp_path):
    """train.py was in translation detection's fingerprint: an edit to the training script
    alone (a note, an experiment's constant) made every user run translation detection on
    their whole archive again on upgrade, with the same weights and the same scores. Checked on
    a copy of search/: an edit to a module the detector never loads leaves the fingerprint as
    it was; an edit to a shipped weights file or to a module it runs changes it."""
    import json
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "search"
    shutil.copytree(Path(fingerprints.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))

    def part() -> dict:
        run = subprocess.run([sys.executable, "-c", _TRANSLATION_PART], cwd=tmp_path, capture_output=True,
                             text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)
        return json.loads(run.stdout)

    before = part()
    assert "train.py" in before["unused"] and "corpora.py" in before["unused"]
    for name in before["unused"]:
        with (copy / "translation" / name).open("a") as fh:
            fh.write("\n# a training-only edit\n")
    assert part()["fingerprint"] == before["fingerprint"]
    for name in ("hashed.npy", "sentence.npy", "model.json", "features.py"):
        original = (copy / "translation" / name).read_bytes()
        (copy / "translation" / name).write_bytes(original + b" ")
        assert part()["fingerprint"] != before["fingerprint"], name
        (copy / "translation" / name).write_bytes(original)

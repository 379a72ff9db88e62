"""Run every flag detector over one clean text; one module per flag kind does the work."""
from __future__ import annotations

from . import broken_sentence, language_mix, literal, morphology, name_variant, typography

KINDS = (
    name_variant.KIND,
    morphology.KIND,
    typography.KIND,
    broken_sentence.KIND,
    literal.KIND,
    language_mix.KIND,
)


def counted(flag: dict) -> bool:
    """Whether a flag weighs in the score (typography.NOT_COUNTED says which do not)."""
    return not flag["detail"].endswith(typography.NOT_COUNTED)


def count_by_kind(flags: list[dict]) -> list[int]:
    """Counted flags per kind, in KINDS order: what the score's flag evidence weighs."""
    return [sum(f["kind"] == k and counted(f) for f in flags) for k in KINDS]


def find_flags(text: str, language: str = "en", mentions: list[dict] | None = None) -> list[dict]:
    """All flags, ordered by position. Non-English articles get only the language-mix check:
    the other detectors encode English conventions."""
    if language not in ("en", "unknown"):
        return language_mix.detect(text, language)
    flags = (
        name_variant.detect(text, mentions)
        + morphology.detect(text, mentions)
        + typography.detect(text)
        + broken_sentence.detect(text)
        + literal.detect(text)
        + language_mix.detect(text, "en")
    )
    return sorted(flags, key=lambda f: (f["start"], f["end"], f["kind"]))

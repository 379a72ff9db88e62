"""Language identification with langdetect, made deterministic and safe on short text."""
from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect samples randomly unless seeded

MIN_LETTERS = 20  # below this langdetect guesses (e.g. "Assimi Goita" -> fi)


def detect_language(text: str, max_chars: int = 4000) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when there is too little to tell."""
    sample = text[:max_chars]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "unknown"
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return "unknown"
    return best.lang if best.prob >= 0.5 else "unknown"

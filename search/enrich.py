"""Stage 2 of one batch of articles: language, translation flags, entity mentions.

It runs on the final text (search/pipeline.py's stage 1 cleaned it, the archive-wide
template pass removed the lines repeated across its source), so every character offset it
records points into the text that is indexed. A module of its own: the enrichment cache's
fingerprints (search/fingerprints.py) cover each stage's code alone, and an edit here
enriches the archive again without cleaning it again.

Stage 2's results are cached whole (by text and STAGE2_CODE); the NER model's output within
it, its costly part, is also cached on its own (by the model's input and MODEL_CODE), and so
is each text's language (by the text and language detection's code), so a release that
changes the translation detector or an entity rule recomputes those in a few ms an article
and does not run spaCy again: see search/cache.py for what each key holds. The outputs are
the same, whether they came from the cache or not (tests/test_reindex.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .language import detect_languages

if TYPE_CHECKING:
    from .entities.ner import ModelOutputs

NER_LANGUAGES = frozenset({"en", "unknown"})  # the languages the NER model reads


def enrich_texts(texts: Sequence[str], outputs: ModelOutputs | None = None,
                 languages: Sequence[str | None] | None = None) -> list[dict[str, Any]]:
    """Stage 2 for a batch of final clean texts: language, entity mentions, translation flags.
    `outputs`: the NER model's output kept from before (the same results, without spaCy);
    `languages`: each text's language kept from before, None where it is not (detected here)."""
    from .entities import extract_batch  # spaCy loads on first use, not on import

    known = list(languages or [None] * len(texts))
    detected = iter(detect_languages([t for t, k in zip(texts, known) if not k]))  # the batch's at once
    languages = [k or next(detected) for k in known]
    # The NER model reads English only: on German or Russian text it tagged "Freitag" a
    # place and "Löhne" a person, and that junk filled the facets. Other languages get the
    # gazetteer's names alone (a French report still has "Mali" and "Bamako"). Text too
    # short to tell its language is read as English.
    english = [lang in NER_LANGUAGES for lang in languages]
    found = dict(zip([i for i, e in enumerate(english) if e],
                     extract_batch([t for t, e in zip(texts, english) if e], outputs=outputs)))
    if not all(english):
        others = [i for i, e in enumerate(english) if not e]
        found.update(zip(others, extract_batch([texts[i] for i in others], gazetteer_only=True,
                                                  outputs=outputs)))
    out = []
    for i, (text, language) in enumerate(zip(texts, languages)):
        mentions = found[i]
        out.append({"language": language, "mentions": mentions, "translation": translation_of(text, language, mentions)})
    return out


def translation_of(text: str, language: str, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """Stage 2's translation step for one text: its flags and score, and its entity `mentions`
    marked (in place) with what the flags found of their names."""
    from .translation import detect as detect_translation
    from .translation.morphology import mark_bases
    from .translation.name_variant import KIND as NAME_VARIANT, mark_variants

    translation = detect_translation(text, language=language, mentions=mentions)
    mark_bases(mentions, translation["flags"])  # "Malin" is filed under "Mali"
    if any(f["kind"] == NAME_VARIANT for f in translation["flags"]):
        mark_variants(text, mentions)  # "President Kate" beside "President Keita": Keita
    return translation

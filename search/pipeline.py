"""Stage 1 of one article: its clean text, title and metadata, or why it is no article.

Two stages, because the cross-document boilerplate pass sits between them: stage 1
cleans each article on its own; the template pass then removes lines repeated across a
source; stage 2 (search/enrich.py: language, translation flags, entity mentions) runs on
that final text. Each stage is cached under a fingerprint of its own code alone
(search/fingerprints.py): stage-2 code lives elsewhere, so an edit to it does not clean the
archive again, nor an edit here enrich it again when the clean texts are the same. The
names of stage 2 and of the fingerprints are given here too, for the code that imports
them from here.
"""
from __future__ import annotations

import hashlib
from typing import Any

from .article import Article
from .clean import clean_html, clean_text, markup, record_writer
from .clean.interstitial import BOT_CHECK, bot_check
from .clean.listing import NOT_AN_ARTICLE as LISTING
from .clean.text import display_title, without_controls
from .enrich import NER_LANGUAGES, enrich_texts, translation_of  # noqa: F401 (stage 2, by its old name)
from .fingerprints import (MODEL_CODE, MODEL_PACKAGES, MODEL_PART, STAGE1_CODE, STAGE1_PACKAGES,  # noqa: F401
                           STAGE2_CODE, model_fingerprint, stage1_fingerprint, stage2_fingerprint, stage2_parts)


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
    # a page's metadata file beside it fills in what the page gives none of (ingest.sidecar): its
    # title comes before one the cleaner made of the first sentence, the page having no headline; its
    # outlet before a site's name read off <title> (c.site_name_from_title)
    if a.sidecar.get("title") and (not c.title or c.title == display_title(c.text.partition("\n\n")[0])):
        title = title or a.sidecar["title"]
    site_name = ((None if c.site_name_from_title else c.site_name) or a.sidecar.get("site_name") or a.record_site
                 or c.site_name)
    # a record's author where the page names none, read as a page's meta author is (an agency: the credit)
    writer, credit = (None, None) if c.author else record_writer(a.record_author, a.url, site_name or a.source)
    return {
        "text": without_controls(c.text),
        "title": title or (without_controls(c.title) if c.title else c.title),
        "published": published.isoformat() if published else a.sidecar.get("published"),
        "author": c.author or writer,
        "credit": c.credit or credit,
        "dateline": c.dateline or a.meta.get("dateline"),
        "site_name": site_name,
        "canonical_url": c.url,
        "language_hint": c.language,
        "removed": list(c.removed),
        **({"not_article": c.not_article} if c.not_article else {}),  # a listing page's (clean/listing.py)
    }



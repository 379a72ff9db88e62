"""Boilerplate removal: `clean_text` for flattened text, `clean_html` for web pages.

Both return a `Cleaned` record: the article text (paragraphs separated by a blank
line), metadata found on the way, and every removed piece with its reason.
The cross-document pass lives in `search.clean.templates`.
"""
from __future__ import annotations

from . import markup
from .record import Cleaned
from .text import clean_text as _clean_text


def clean_text(text: str) -> Cleaned:
    """Clean a page that is already plain text (scraped archives, newswire files); text in
    HTML markup or with character references is read as a browser would show it first."""
    cleaned = _clean_text(markup.markup_text(text) if markup.is_markup(text) else markup.unescape(text))
    cleaned.text = markup.links_read(cleaned.text)
    return cleaned


def clean_html(html: str, url: str | None = None) -> Cleaned:
    """Clean a web page: main-content extraction, then the text classifier."""
    from .html import clean_html as _clean_html

    return _clean_html(html, url)


__all__ = ["Cleaned", "clean_text", "clean_html"]

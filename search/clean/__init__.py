"""Boilerplate removal: `clean_text` for flattened text, `clean_html` for web pages.

Both return a `Cleaned` record: the article text (paragraphs separated by a blank
line), metadata found on the way, and every removed piece with its reason.
The cross-document pass lives in `search.clean.templates`.
"""
from __future__ import annotations

from . import markup
from .blocks import key
from .record import Cleaned
from .text import clean_text as _clean_text


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Clean a page that is already plain text (scraped archives, newswire files); text in
    HTML markup or with character references is read as a browser would show it first.
    `title`, when the input gives one apart (a JSON Lines record), is the title, and the
    text is the body alone: none of its lines is taken for the title, and a body that opens
    with the title starts after it (_drop_repeated_title)."""
    text = markup.markup_text(text) if markup.is_markup(text) else markup.unescape(text)
    cleaned = _clean_text(text, title=title, body_only=title is not None, file_header=title is None)
    cleaned.text = markup.links_read(cleaned.text)
    if title:
        _drop_repeated_title(cleaned, title)
    return cleaned


def _drop_repeated_title(c: Cleaned, title: str) -> None:
    """A body that opens with its record's title ("Update:" above the text, as some scrapers
    write them) starts after it, as a web page's repeated headline does; the line is listed
    as removed. A body of its title alone is then no article text."""
    first, _, rest = c.text.partition("\n\n")
    if key(title) and key(first) == key(title):
        c.text = rest
        c.removed.insert(0, {"text": first, "reason": "title repeated"})


def clean_html(html: str, url: str | None = None) -> Cleaned:
    """Clean a web page: main-content extraction, then the text classifier."""
    from .html import clean_html as _clean_html

    return _clean_html(html, url)


def record_writer(author: str | None, url: str | None, sitename: str | None) -> tuple[str | None, str | None]:
    """A record's author read as a page's meta author is: (its writer, the agencies it names alone)."""
    from .html import record_writer as _record_writer

    return _record_writer(author, url, sitename)


__all__ = ["Cleaned", "clean_text", "clean_html", "record_writer"]

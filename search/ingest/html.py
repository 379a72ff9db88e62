"""HTML pages: one article per file; the cleaner extracts the main text and metadata."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml.etree import ParserError

from ..article import Article, IngestError
from .text import read_document

NO_TEXT = "no article text: the page has no visible text (only scripts, styles or markup, or no <body>)"

# Text nodes of the body that a reader would see: not code, not styles, not templates.
_VISIBLE = ("boolean(//body//text()[normalize-space()]"
            "[not(ancestor::script or ancestor::style or ancestor::template)])")
_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def has_visible_text(html: str) -> bool:
    """False for a page with nothing to read, which would otherwise be indexed as an
    empty article. Errs towards True: only a parsed page without body text is False."""
    try:
        # Bytes with a fixed encoding: lxml refuses a str that carries an encoding
        # declaration, and the <meta charset> must not re-decode text already decoded.
        tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except ParserError:  # "Document is empty": nothing but comments or whitespace
        return False
    except (ValueError, TypeError):
        return True  # cannot tell: the cleaner decides
    return bool(tree.xpath(_VISIBLE))


def read_file(path: Path, source: str, base_id: str) -> Iterator[Article | IngestError]:
    """The page as one article, or why it is skipped (empty, binary, nothing visible)."""
    for item in read_document(path, source, base_id, "html"):
        if isinstance(item, Article) and not has_visible_text(item.raw):
            yield IngestError(str(path), NO_TEXT)
            continue
        yield item

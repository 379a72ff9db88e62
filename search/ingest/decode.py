"""Bytes to text: UTF-8 first, then detection (Latin-1 / Windows-1252 pages are common)."""
from __future__ import annotations


class BinaryInput(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    # Control characters other than whitespace are rare in text in any encoding.
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > len(head) * 0.05


def decode_bytes(data: bytes, is_html: bool = False) -> str:
    """Decode text of unknown encoding; raises BinaryInput for non-text data."""
    if looks_binary(data):
        raise BinaryInput("binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # bs4's UnicodeDammit reads <meta charset> for HTML and falls back to
    # charset detection (charset_normalizer), then Windows-1252.
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(data, ["utf-8", "windows-1252"], is_html=is_html)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return data.decode("windows-1252", errors="replace")

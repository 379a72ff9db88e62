"""The text of a JSON Lines file that is one JSON document, read whole: an array of article
records (what `json.dump` of a list and many scrapers write), a saved API response holding its
list of them (NewsAPI's {"articles": [...]}), one record over several lines. Each was reported
with the `jq -c` that writes it as JSON Lines, not read; a pretty-printed response whose articles
each sit on a line of their own had those lines read as records. The standard library parses a
document only whole, so it is read whole up to DOCUMENT_MOST bytes (ingest.jsonl reads it).
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from functools import partial
from itertools import chain
from pathlib import Path
from typing import BinaryIO

# The most of a file read whole as one JSON document. Its bytes, their text and the parsed objects
# are held at once: reading a 50 MB array of articles peaked at 106 MB of RSS above a tiny file's
# (169 MB against 63; 115 MB above for 50 MB of Cyrillic articles), so a 256 MB one at about 600 MB.
# A larger file is left to `jq -c`, which streams it.
DOCUMENT_MOST = 256 * 1024 * 1024

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BLANK = b" \t\r\n"
_BLANK_TEXT = " \t\r\n"


def utf16_codec(head: bytes) -> str | None:
    """The UTF-16 codec a JSON file's first four bytes say it is in, or None: its byte-order mark
    (Windows' "Unicode"), or, without one, its first two characters, which JSON writes in ASCII,
    each beside a NUL byte (RFC 4627 section 3: `{ 00 \n 00` little-endian, `00 { 00 \n`
    big-endian), as .NET's "Unicode" without a mark writes it: such a file was "binary file"."""
    if head[:2] in _UTF16_BOMS:
        return "utf-16"
    # text, not bytes beside NULs: a binary file of 16-bit numbers (b"\x01\x00\x02\x00") was read as
    # UTF-16, its control characters "not JSON Lines: ... Expecting value", where it is "binary file"
    if len(head) == 4 and head[1] == head[3] == 0 and _ascii_text(head[0]) and _ascii_text(head[2]):
        return "utf-16-le"
    if len(head) == 4 and head[0] == head[2] == 0 and _ascii_text(head[1]) and _ascii_text(head[3]):
        return "utf-16-be"
    return None


def _ascii_text(byte: int) -> bool:
    """Whether a byte is an ASCII character a JSON text may open with: printable, or a tab or line break."""
    return 0x20 <= byte < 0x7f or byte in b"\t\r\n"


class TooLarge(str):
    """Why a file that opens as a JSON document was not read whole: its size."""


def too_large() -> TooLarge:
    return TooLarge(f"it is over {DOCUMENT_MOST // (1024 * 1024)} MB, the most read whole as one JSON document")


def document_text(path: Path, opener: Callable[..., BinaryIO], decode: Callable[[bytes], str]) -> str | None:
    """The file's text where it may be one JSON document: it opens with "[" or "{", and a first
    line with more lines after it runs on past its end (opens_document: a whole JSON Lines record,
    or one cut off, is never read whole). None where it is neither; TooLarge past DOCUMENT_MOST.
    `decode`: bytes as text (a byte-order mark, a legacy code page); UTF-16 (utf16_codec) is read
    as such, its first line looked at before the rest is read, as a UTF-8 file's is (_utf16_text)."""
    with opener(path, "rb") as fh:
        first = fh.read(2)
        if b"\x00" in first or first in _UTF16_BOMS:  # UTF-16 (or no text): no line's end to look for
            if first not in _UTF16_BOMS:
                first += fh.read(2)  # two characters, without a mark
            codec = utf16_codec(first)
            return _utf16_text(fh, first, codec) if codec else None
        if not first.endswith(b"\n"):  # "[\n" is its first line whole: a readline took the second too
            first += fh.readline(DOCUMENT_MOST)
        while first and not first.strip(_BLANK):  # blank lines before the first
            first = fh.readline(DOCUMENT_MOST)
        opening = first.removeprefix(b"\xef\xbb\xbf").lstrip(_BLANK)[:1]
        if opening not in (b"[", b"{"):
            return None
        if after := _more(fh):
            if not first.endswith(b"\n"):  # a first line longer than the most read whole
                return too_large()
            try:
                if not opens_document(decode(first)):
                    return None
            except ValueError:  # no text (decode.BinaryInput): its lines are each read, and said to fail
                return None
            first += after
        rest = _read_most(fh, DOCUMENT_MOST + 1 - len(first))
        if len(first) + sum(map(len, rest)) > DOCUMENT_MOST:
            return too_large()
    data = b"".join([first, *rest]) if rest else first  # a one-line array is all `first`: not copied
    del first, rest
    try:
        return decode(data)
    except ValueError:  # UnicodeDecodeError, decode.BinaryInput: it stopped the whole index run
        return None


def _utf16_text(fh: BinaryIO, head: bytes, codec: str) -> str | TooLarge | None:
    """The text of a UTF-16 file (`head` read, in `codec`) where it may be one JSON document,
    decoded as it is read: its first line, once its end and what follows it are read, is looked
    at as a UTF-8 file's is, and a file whose first line opens no document (a JSON Lines file of
    records, one cut off on its first line) is left to be read a line at a time. It was read and decoded whole
    up to DOCUMENT_MOST, to fail as one document, then read whole again a line at a time."""
    decoder = codecs.getincrementaldecoder(codec)()
    size, parts = 0, []
    where = 0  # 0: blank so far, 1: in the first line, 2: after its end, blank so far, 3: looked at
    try:
        for chunk in chain([head], iter(partial(fh.read, 1 << 20), b"")):
            size += len(chunk)
            if size > DOCUMENT_MOST:
                return too_large()
            parts.append(piece := decoder.decode(chunk))
            at = 0
            if where == 0 and (text := piece.lstrip(_BLANK_TEXT)):
                if text[0] not in "[{":
                    return None
                where, at = 1, len(piece) - len(text)
            if where == 1 and (end := piece.find("\n", at)) >= 0:
                where, at = 2, end + 1
            if where == 2 and piece[at:].strip(_BLANK_TEXT):
                where = 3
                if not opens_document("".join(parts).lstrip(_BLANK_TEXT).partition("\n")[0]):
                    return None
        parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return None
    return "".join(parts)


def _read_most(fh: BinaryIO, most: int) -> list[bytes]:
    """Up to `most` bytes of the rest of the file, a megabyte at a time: fh.read(most) set aside
    `most` bytes (256 MB) for a .json of a few kilobytes, which a system that does not overcommit
    memory, or a `ulimit -v`, refuses."""
    chunks: list[bytes] = []
    while most > 0 and (chunk := fh.read(min(1 << 20, most))):
        chunks.append(chunk)
        most -= len(chunk)
    return chunks


def opens_document(line: str) -> bool:
    """Whether a first line with more lines after it opens a JSON document it does not close
    ("[", "{", `{"status": "ok", "articles": [`): its JSON runs on to the line's end. A whole
    value (a JSON Lines record), or one broken before the line ends (a record cut off inside a
    string, a stray line), opens none: such a file, read whole up to DOCUMENT_MOST to fail as
    JSON, held 458 MB of memory for a 200 MB JSON Lines file whose first line was cut off. An empty
    array or object (`[]`, `{}`) may open values one after another: a poller's first run that found
    nothing, `json.dump(..., indent=2)` of the next runs' articles after it, each line of which was a
    bad line, no article read."""
    text = line.strip()
    try:
        return json.loads(text) in ([], {})
    except json.JSONDecodeError as exc:
        return exc.pos >= len(text)
    except (ValueError, RecursionError):
        return False


def _more(fh: BinaryIO) -> bytes:
    """What follows in the file, from the chunk holding its first byte that is not blank; empty
    where only blank lines follow."""
    while chunk := fh.read(1 << 16):
        if chunk.strip(_BLANK):
            return chunk
    return b""

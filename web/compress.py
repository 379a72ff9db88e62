"""A streamed answer gzip-compressed as it goes out, for a client that accepts it.

An export is every article a search matches, up to the whole archive, as JSON Lines or CSV:
text that gzip makes several times smaller (406 articles as JSON Lines with their texts: 594 KB,
181 KB gzipped). It went out uncompressed whatever the client accepted. Here each chunk goes
through one zlib stream as it is produced, so the answer stays streamed: its first bytes leave
before the last row is read.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from flask import Request

GZIP_WBITS = 31  # zlib's gzip container (16 + the 32 KB window)
# zlib holds what it has not written yet; after this much text it is flushed, so a slow
# export's rows reach the client as they are read, not only once zlib's buffer fills
FLUSH_CHARS = 256 * 1024


def accepts_gzip(request: Request) -> bool:
    """Whether the client takes gzip (`Accept-Encoding: gzip`, `*`, not `gzip;q=0`)."""
    return request.accept_encodings.quality("gzip") > 0


def gzip_chunks(chunks: Iterable[str]) -> Iterator[bytes]:
    """`chunks` as UTF-8, gzip-compressed on the fly: one gzip member over all of them."""
    z = zlib.compressobj(6, zlib.DEFLATED, GZIP_WBITS)
    pending = 0
    for chunk in chunks:
        out = z.compress(chunk.encode("utf-8"))
        pending += len(chunk)
        if pending >= FLUSH_CHARS:
            out += z.flush(zlib.Z_SYNC_FLUSH)
            pending = 0
        if out:
            yield out
    yield z.flush()


"""Bytes to text: a byte-order mark, then UTF-8, then a declared charset, then detection.

A page that says which encoding it uses must be read in it (a Russian page declaring
windows-1251 came out as Windows-1252 mojibake when detection went first); detection is
for the files that say nothing, Latin-1 / Windows-1252 text being the common case.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from email.message import Message
from functools import lru_cache

from bs4.dammit import EncodingDetector


class BinaryInput(ValueError):
    pass


# Python codecs that a charset label may name but that no web page or text file is
# written in: decoding with them turns markup into something else (utf-7 is an XSS
# vector; unicode_escape interprets backslashes). A label naming one is ignored.
_NOT_CHARSETS = {"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "mbcs", "oem"}


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any single- or multi-byte ASCII-compatible encoding.
    A stray NUL or two is damage inside text (one in an article made the file "binary");
    more than one in a thousand bytes is not text."""
    head = data[:8192]
    if head.count(0) > max(1, len(head) // 1000):
        return True
    # Control characters other than whitespace are rare in text in any encoding.
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > len(head) * 0.05


def _looks_binary_text(text: str) -> bool:
    """The same test on decoded text (for UTF-16/32, whose bytes are full of NULs)."""
    head = text[:8192]
    ctrl = sum(1 for c in head if ord(c) < 32 and c not in "\t\n\f\r\x1b")
    return ctrl > len(head) * 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (it was "binary"): in Latin-script text
    nearly every high byte is NUL and no low byte is, so the NULs sit on one side of each
    byte pair. Text in other scripts has no such mark and stays undetected."""
    head = data[:8192]
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0) / (len(head) // 2), head[1::2].count(0) / (len(head) // 2)
    codec = "utf-16-le" if odd >= 0.9 and even <= 0.01 else "utf-16-be" if even >= 0.9 and odd <= 0.01 else None
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary_text(text) else text


def http_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any (parsed by the stdlib)."""
    if not content_type:
        return None
    msg = Message()
    msg["Content-Type"] = content_type
    charset = msg.get_content_charset()
    return charset or None


def _codecs(label: str | None, from_markup: bool) -> tuple[str, ...]:
    """Python codecs to try for a declared charset label; none when unknown or unusable.

    Hand-written because the WHATWG label table (the `webencodings` package) is not
    installed; only the two rules that matter for decoding are applied: ISO-8859-1 and
    ASCII labels mean Windows-1252 (a strict superset, and what pages labelled so really
    use), and a UTF-16/32 label found in ASCII-readable markup means UTF-8 (HTML standard,
    "prescan": the bytes that spelled the label were not UTF-16).
    """
    if not label:
        return ()
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return ()
    name = info.name.replace("_", "-")
    if name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return ()
    if name in ("latin-1", "iso8859-1", "ascii"):
        return ("cp1252", "latin-1")  # latin-1 for the five bytes cp1252 leaves undefined
    if name.startswith(("utf-16", "utf-32")):
        return ("utf-8",) if from_markup else ()  # no BOM and no NULs: it is not UTF-16 text
    return (info.name,)


def _non_latin_letters(text: str) -> bool:
    """True when most non-ASCII letters of `text` are of a script other than Latin, and
    there are enough of them (a word's worth) for a guess to mean something: on a lone
    byte charset_normalizer may answer anything (one "é" came back Arabic). Halfwidth
    katakana count against: they are what a wrong Shift_JIS guess on a few accented
    capitals ("ÉÉÉ") or short KOI8-R text gives, and are rare in real Japanese."""
    other = latin = 0
    for c in text:
        if ord(c) > 127 and c.isalpha():
            if unicodedata.name(c, "").startswith(("LATIN", "HALFWIDTH")):
                latin += 1
            else:
                other += 1
    return other > latin and other >= 4


# Single-byte Latin code pages and the languages written in them (those wordfreq has
# word lists for). Windows-1252 comes first: it wins a tie.
_LATIN_CODEPAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cp1252", ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "is", "ca")),
    ("cp1250", ("cs", "sk", "pl", "hu", "ro", "sl", "sh")),
    ("iso8859-2", ("cs", "sk", "pl", "hu", "ro", "sl", "sh")),
    ("cp1254", ("tr",)),
    ("cp1257", ("lt", "lv")),
)
_ACCENTED_WORD = re.compile(r"\w*[^\W\d_\x00-\x7f]\w*")


# Lower case as the word lists spell it: Turkish dotted and dotless i; Romanian s and t
# with a comma, which the legacy code pages write with a cedilla.
_SPELLING = {
    "tr": lambda w: w.replace("I", "ı").replace("İ", "i").lower(),
    "ro": lambda w: w.lower().replace("ş", "ș").replace("ţ", "ț"),
}


@lru_cache(maxsize=None)
def _words(lang: str) -> frozenset[str]:
    from wordfreq import get_frequency_dict

    return frozenset(get_frequency_dict(lang, "small"))


def _word_score(text: str, langs: tuple[str, ...]) -> int:
    """Words with a non-ASCII letter in `text` (the first 400) that are words of one of
    `langs`, less those that are not: the reading in the right code page spells real
    words ("yasasını"), a wrong one does not ("yasasýný"). One-letter words are left out
    (word lists hold stray letters such as Czech "ť", the ISO-8859-2 reading of "»")."""
    score = 0
    for i, m in enumerate(_ACCENTED_WORD.finditer(text)):
        if i == 400:
            break
        word = m.group()
        if len(word) < 2:
            continue
        known = False
        for lang in langs:
            w = word.lower() if lang not in _SPELLING else _SPELLING[lang](word)
            if w in _words(lang):
                known = True
                break
        score += 1 if known else -1
    return score


_C1_CONTROLS = re.compile("[\x80-\x9f]")


def _latin(data: bytes) -> str | None:
    """The Latin code page whose reading of `data` spells the most real words and the
    fewest non-words, or None when none spells any. A reading with C1 control characters
    is out: they are what an ISO-8859 code page makes of Windows quotes and dashes."""
    best, best_score = None, 0
    for codec, langs in _LATIN_CODEPAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _C1_CONTROLS.search(text):
            continue
        score = _word_score(text, langs)
        if best is None and codec == "cp1252":
            best, best_score = text, max(score, 0)  # the default, to be beaten
        elif score > best_score:
            best, best_score = text, score
    return best if best_score > 0 else None


def _detect(data: bytes) -> str:
    """Text with no declaration that is not UTF-8.

    Latin text is read in the code page whose reading spells the most words of its
    languages (wordfreq's word lists). Otherwise charset_normalizer, which tells scripts
    apart well (windows-1251, KOI8-R, Greek...), decides when it reads a non-Latin script;
    it is not asked first because, measured on French and Spanish, it picks cp1250 for
    Western European text ("à" comes out "ŕ"), and on a few words it may answer Cyrillic
    or UTF-16 for Polish or French. Windows-1252, by far the commonest legacy encoding in
    news archives, is the rest.
    """
    from charset_normalizer import from_bytes

    latin = _latin(data)  # first: on a few words ("Łódź Śląsk") the detector may answer Cyrillic
    if latin is not None:
        return latin
    best = from_bytes(data).best()
    guess = str(best) if best is not None else None
    if guess is not None and _non_latin_letters(guess):
        return guess
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return guess if guess is not None else data.decode("cp1252", errors="replace")


def decode_bytes(data: bytes, is_html: bool = False, declared: str | None = None) -> str:
    """Decode text of unknown encoding; raises BinaryInput for non-text data.

    `declared` is a charset from outside the document (a WARC record's HTTP
    Content-Type header): it beats one declared inside (HTML <meta>), as in browsers.
    """
    # A byte-order mark is the strongest evidence there is (and UTF-16/32 text is full
    # of NUL bytes, which the binary test below would reject).
    rest, bom = EncodingDetector.strip_byte_order_mark(data)
    if bom is not None:
        try:
            text = rest.decode(bom)
        except UnicodeDecodeError:
            text = None  # not really a BOM: go on as for any other bytes
        if text is not None:
            if _looks_binary_text(text):
                raise BinaryInput("binary file, not text")
            return text
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    if looks_binary(data):
        raise BinaryInput("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # Valid UTF-8 wins even over a declaration: a UTF-8 page labelled iso-8859-1 or
    # windows-1252 is the commonest mislabel on the web, while legacy-encoded text with
    # non-ASCII letters that happens to be valid UTF-8 essentially does not occur.
    if text is not None:
        return text
    labels = [(declared, False)]
    if is_html:
        labels.append((EncodingDetector.find_declared_encoding(data, is_html=True), True))
    for label, in_markup in labels:
        for codec in _codecs(label, in_markup):
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue  # a declaration the bytes do not match: detect instead
    return _detect(data)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with each lone UTF-16 surrogate replaced by U+FFFD: JSON may escape one
    ("\\ud83d", half of a cut emoji) and no UTF-8 writer downstream (Whoosh, SQLite) takes it."""
    return _SURROGATE.sub("\ufffd", text)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def path_text(path: str) -> str:
    """A file path as text every writer takes: a name that is not UTF-8 (Latin-1 bytes from
    an old archive) comes from the OS with its bytes surrogate-escaped, and stopped the run
    in Whoosh. Each such byte is written %XX, as in the file's URI ("caf%E9 news.txt"):
    the same every run, and unlike a Latin-1 reading never the name of a UTF-8 sibling."""
    return without_surrogates(_ESCAPED_BYTE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", path))


def printable(text: str, limit: int = 200) -> str:
    """`text` safe to print in a report: control and other non-printable characters
    escaped (an error message may quote the bytes of a damaged file), and cut to `limit`."""
    out = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"

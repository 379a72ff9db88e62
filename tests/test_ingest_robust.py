"""Readers on hostile input: declared charsets, damaged WARCs, BOMs, empty pages, id clashes.

Every fixture is a few bytes written into tmp_path.
"""
from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

import pytest

from search.article import Article, IngestError
from search.ingest import read
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

RU = "Гоита и Россия: переговоры в Бамако продолжатся на следующей неделе"


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, IngestError)]
    return arts, errs


def _one(path: Path) -> Article:
    arts, errs = _split(list(read([path])))
    assert errs == [] and len(arts) == 1, errs
    return arts[0]


def _record(url: str, payload: bytes, ctype: str = "text/html") -> bytes:
    """One uncompressed WARC response record."""
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
    return out.getvalue()


def _page(i: int) -> bytes:
    return b"<html><body><p>Page %d: the junta in Bamako met on Monday, officials said.</p></body></html>" % i


def _member(data: bytes, complete: bool = True) -> bytes:
    """`data` as one gzip member; not `complete`: cut off after the last whole block, as a
    download or copy that stopped there leaves it."""
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    return co.compress(data) + co.flush(zlib.Z_FINISH if complete else zlib.Z_SYNC_FLUSH)


# ------------------------------------------------------------ 1. declared charsets
def test_html_meta_charset_is_honoured(tmp_path):
    (tmp_path / "cp1251.html").write_bytes(
        f"<html><head><meta charset='windows-1251'></head><body><p>{RU}</p></body></html>".encode("cp1251"))
    (tmp_path / "koi8.html").write_bytes(
        f'<html><head><meta http-equiv=Content-Type content="text/html; charset=koi8-r"></head><body><p>{RU}</p></body></html>'
        .encode("koi8-r"))
    assert RU in _one(tmp_path / "cp1251.html").raw
    assert RU in _one(tmp_path / "koi8.html").raw


def test_warc_http_content_type_charset_is_honoured(tmp_path):
    body = f"<html><body><p>{RU}</p></body></html>".encode("cp1251")
    (tmp_path / "ru.warc").write_bytes(_record("https://example.ru/a", body, "text/html; charset=windows-1251"))
    assert RU in _one(tmp_path / "ru.warc").raw


def test_unknown_or_wrong_declaration_falls_back(tmp_path):
    # an unknown label, and one the bytes do not match: detection reads them
    (tmp_path / "bogus.html").write_bytes(
        f"<html><head><meta charset='x-no-such-charset'></head><body><p>{RU}</p></body></html>".encode("cp1251"))
    (tmp_path / "wrong.html").write_bytes(
        "<html><head><meta charset='utf-8'></head><body><p>Crème brûlée à Bamako</p></body></html>".encode("cp1252"))
    # UTF-8 labelled iso-8859-1 (the commonest mislabel) stays UTF-8
    (tmp_path / "mislabelled.html").write_bytes(
        "<html><head><meta charset='iso-8859-1'></head><body><p>Crème brûlée à Bamako</p></body></html>".encode("utf-8"))
    assert RU in _one(tmp_path / "bogus.html").raw
    assert "Crème brûlée à Bamako" in _one(tmp_path / "wrong.html").raw
    assert "Crème brûlée à Bamako" in _one(tmp_path / "mislabelled.html").raw


def test_undeclared_text_cyrillic_and_western(tmp_path):
    (tmp_path / "ru.txt").write_bytes(f"{RU}\n\nПрезидент Мали встретился с министром.\n".encode("cp1251"))
    fr = "Café society\n\nLe président a été reçu à l'aéroport.\n"
    es = "Goïta en Bamako\n\nEl presidente de Malí, Assimi Goïta, recibió al ministro español.\n"
    (tmp_path / "fr.txt").write_bytes(fr.encode("latin-1"))
    (tmp_path / "es.txt").write_bytes(es.encode("cp1252"))
    assert RU in _one(tmp_path / "ru.txt").raw
    assert _one(tmp_path / "fr.txt").raw == fr
    assert _one(tmp_path / "es.txt").raw == es



@pytest.mark.parametrize("codec, text", [
    ("cp1250", "Wałęsa w Gdańsku\n\nRząd Polski przyjął ustawę o budżecie państwa, powiedział premier w środę.\n"),
    ("iso8859-2", "Wałęsa w Gdańsku\n\nRząd Polski przyjął ustawę o budżecie państwa, powiedział premier w środę.\n"),
    ("cp1254", "Erdoğan Ankara'da\n\nTürkiye Büyük Millet Meclisi yeni bütçe yasasını kabul etti, Cumhurbaşkanı konuştu.\n"),
    ("cp1257", "Seimas Vilniuje\n\nLietuvos Seimas šiandien priėmė naują biudžeto įstatymą, sakė prezidentas.\n"),
    ("cp1250", "Guvernul în şedinţă\n\nPreşedintele României a declarat că economia creşte.\n"),
    ("cp1255", "הממשלה\n\nראש הממשלה אמר היום כי הממשלה תאשר את התקציב החדש בשבוע הבא.\n"),
])
def test_undeclared_central_european_turkish_baltic_and_hebrew(tmp_path, codec, text):
    """Text in a legacy code page other than Windows-1252, with nothing declaring it,
    used to come out as Windows-1252 mojibake ("yasasýný", "Za¿ó³æ")."""
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    assert _one(tmp_path / "a.txt").raw == text


@pytest.mark.parametrize("codec, text", [
    ("cp1250", "Łódź\nŚląsk\n"), ("cp1252", "“Oui” déjà\n"), ("cp1257", "Ąžuolas\n")])
def test_undeclared_short_latin_text(tmp_path, codec, text):
    """A few words (QA pass 5): charset_normalizer answered Cyrillic for "Łódź Śląsk" and
    French quotes, and UTF-16 for one Lithuanian word; a reading that spells words wins first."""
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    assert " ".join(_one(tmp_path / "a.txt").raw.split()) == " ".join(text.split())


def test_undeclared_english_with_windows_quotes_stays_windows_1252(tmp_path):
    """Guillemets, dashes and a copyright sign spell Czech letters in ISO-8859-2 ("Ť",
    "Š"); an English page must not be read so."""
    text = ("\u00abQuoted\u00bb \u2014 the caf\u00e9 \u201cbargain\u201d, \u00a9 2020 \u2022 "
            "The president said on Monday that talks would go on.\n")
    page = f"<html><body><h1>Talks</h1><p>{text}</p></body></html>"
    (tmp_path / "en.html").write_bytes(page.encode("cp1252"))
    assert text.strip() in _one(tmp_path / "en.html").raw

# ------------------------------------------------------------ 2. damaged WARCs
def test_truncated_warc_gz_is_skipped_and_the_run_goes_on(tmp_path):
    second = _record("https://example.org/2", _page(2))
    cut_in_header = second[: second.index(b"WARC-Target-URI")]
    (tmp_path / "a.warc.gz").write_bytes(_member(_record("https://example.org/1", _page(1)))
                                         + _member(cut_in_header, complete=False))
    (tmp_path / "b.txt").write_text("Other file\n\nIt is still indexed.\n")
    arts, errs = _split(list(read([tmp_path])))
    assert sorted(a.url for a in arts if a.url.startswith("https")) == ["https://example.org/1"]
    assert any(a.id.endswith("/b.txt") for a in arts)
    assert [Path(e.path).name for e in errs] == ["a.warc.gz"]
    assert errs[0].reason.startswith("damaged WARC after record 1:")


def test_a_warc_response_without_content_type_is_read_when_its_body_is_html(tmp_path):
    """Some crawlers and servers leave the Content-Type out: such a page was dropped without a
    word. Its body decides (the WHATWG sniffing signatures); an image without one stays out."""
    def record(url: str, body: bytes) -> bytes:
        out = io.BytesIO()
        w = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Server", "x")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        return out.getvalue()

    (tmp_path / "a.warc").write_bytes(
        _record("https://example.org/1", _page(1)) + record("https://example.org/2", b"\n  <!DOCTYPE html>" + _page(2))
        + record("https://example.org/3", b"<P>Page 3: the junta in Bamako met on Monday, officials said.</P>")
        + record("https://example.org/logo", b"\x89PNG\r\n\x1a\n" + bytes(200))
        + record("https://example.org/x", b"<?xml version='1.0'?><rss><channel>Bamako</channel></rss>"))
    arts, errs = _split(list(read([tmp_path / "a.warc"])))
    assert sorted(a.url for a in arts) == ["https://example.org/1", "https://example.org/2", "https://example.org/3"]
    assert "Page 3" in next(a.raw for a in arts if a.url.endswith("/3"))
    # the image stays out unsaid (a part of a page); the feed, a body that is no page, is reported
    assert [(e.line, e.reason) for e in errs] == [(5, "record 5 (https://example.org/x): not an HTML or plain-text page "
                                                      "(no Content-Type, and the body does not start like HTML): skipped")]


def test_a_text_file_named_warc_is_not_a_warc_and_warcio_prints_nothing(tmp_path, capfd):
    """warcio read three lines of text as "records" of its old ARC format ("no HTML response
    records (of 2 records)") and wrote its own warning to stderr, through the progress display."""
    (tmp_path / "notawarc.warc").write_text("hello this is not a warc file at all\n" * 3)
    arts, errs = _split(list(read([tmp_path / "notawarc.warc"])))
    assert arts == [] and [e.reason for e in errs] == ["not a WARC file: it does not start with a WARC/1.x record header"]
    assert capfd.readouterr().err == ""


def test_warc_cut_off_mid_record_is_reported(tmp_path):
    first, second = _record("https://example.org/1", _page(1)), _record("https://example.org/2", _page(2) * 20)
    (tmp_path / "cut.warc").write_bytes(first + second[: len(second) // 2])
    (tmp_path / "cut.warc.gz").write_bytes(_member(first) + _member(second[: len(second) // 2], complete=False))
    for name in ("cut.warc", "cut.warc.gz"):
        arts, errs = _split(list(read([tmp_path / name])))
        assert [a.url for a in arts] == ["https://example.org/1"], name
        assert len(errs) == 1 and "damaged WARC after record 1: record 2 is cut off" in errs[0].reason, name


def test_empty_warc_is_reported(tmp_path):
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "blank.warc").write_bytes(b"\r\n\r\n")
    for name in ("empty.warc", "blank.warc"):
        arts, errs = _split(list(read([tmp_path / name])))
        assert arts == [] and len(errs) == 1 and errs[0].reason.startswith("empty file"), name


def test_damaged_warc_reasons_are_printable(tmp_path):
    (tmp_path / "corrupt.warc.gz").write_bytes(gzip.compress(bytes(range(256)) * 2))
    (tmp_path / "junk.warc").write_bytes(b"\x85\x01\xe9\x1b[31m\x07 hello\r\n" + bytes(range(256)))
    for name in ("corrupt.warc.gz", "junk.warc"):
        arts, errs = _split(list(read([tmp_path / name])))
        assert arts == [] and len(errs) == 1, name
        reason = errs[0].reason
        assert reason.startswith("damaged WARC after record 0")
        assert reason.isprintable() and "\\x" not in reason and len(reason) < 200, reason


# ------------------------------------------------------------ 3. byte-order marks, fake gzip
def test_bom_utf16_utf32_utf8_text(tmp_path):
    text = "Goïta à Bamako\n\nLe président a parlé.\n"
    for enc, bom in [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"),
                     ("utf-8", b"\xef\xbb\xbf")]:
        (tmp_path / f"{enc}.txt").write_bytes(bom + text.encode(enc))
        assert _one(tmp_path / f"{enc}.txt").raw == text, enc


def test_utf16_without_bom_and_a_stray_nul_are_text(tmp_path):
    """Each of these was "binary file, not text", the whole article lost: UTF-16 saved
    without a byte-order mark, and an article with one NUL byte in it."""
    text = "Goïta in Bamako\n\nThe president spoke on Monday, officials said.\n"
    for enc in ("utf-16-le", "utf-16-be"):
        (tmp_path / f"{enc}.txt").write_bytes(text.encode(enc))
        assert _one(tmp_path / f"{enc}.txt").raw == text, enc
    (tmp_path / "nul.txt").write_bytes(text.replace("spoke", "spoke\x00").encode())
    assert _one(tmp_path / "nul.txt").raw.replace("\x00", "") == text
    (tmp_path / "bin.txt").write_bytes(b"GIF89a" + bytes(200) + text.encode())  # NULs in earnest
    assert [e.reason for e in _split(list(read([tmp_path / "bin.txt"])))[1]] == ["binary file, not text"]


def test_jsonl_text_list_keeps_its_paragraphs_around_an_item_that_is_no_text(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps({"title": "T", "text": ["Para one.", None, 5, {"x": 1}, "Para two."]})
                                      + "\n" + json.dumps({"title": "U", "text": [None, 3]}) + "\n")
    arts, errs = _split(list(read([tmp_path / "f.jsonl"])))
    assert [a.raw for a in arts] == ["Para one.\n\nPara two."]
    assert len(errs) == 1 and errs[0].line == 2 and "no text" in errs[0].reason


def test_jsonl_with_utf8_bom_keeps_its_first_record(tmp_path):
    lines = [json.dumps({"title": "First", "text": "One."}), json.dumps({"title": "Second", "text": "Two."})]
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode())
    arts, errs = _split(list(read([tmp_path / "bom.jsonl"])))
    assert errs == [] and [a.title for a in arts] == ["First", "Second"]


def test_fake_gzip_is_reported_once(tmp_path):
    (tmp_path / "fake.jsonl.gz").write_text(json.dumps({"title": "T", "text": "x"}) + "\n")
    arts, errs = _split(list(read([tmp_path / "fake.jsonl.gz"])))
    assert arts == [] and [e.reason for e in errs] == ["not a gzip file"]


# ------------------------------------------------------------ 4. nothing to read
def test_pages_without_text_are_skipped(tmp_path):
    (tmp_path / "script.html").write_text("<html><body><script>var x = 'no article here';</script></body></html>")
    (tmp_path / "nobody.html").write_text("<html><head><title>Only a title</title></head></html>")
    (tmp_path / "ok.html").write_text("<html><body><p>Real text about Mali.</p><script>x()</script></body></html>")
    (tmp_path / "pages.warc").write_bytes(_record("https://example.org/empty", b"")
                                          + _record("https://example.org/script", b"<html><body><script>1</script></body></html>")
                                          + _record("https://example.org/ok", _page(1)))
    arts, errs = _split(list(read([tmp_path])))
    assert sorted(a.url.rsplit("/", 1)[-1] for a in arts) == ["ok", "ok.html"]
    reasons = sorted((Path(e.path).name, e.line, e.reason.split(": ")[-1].split(" (")[0]) for e in errs)
    assert reasons == [("nobody.html", None, "the page has no visible text"),
                       ("pages.warc", 1, "empty body"),
                       ("pages.warc", 2, "the page has no visible text"),
                       ("script.html", None, "the page has no visible text")]


# ------------------------------------------------------------ 5. JSON Lines ids
def test_jsonl_ids_never_clash_and_survive_an_inserted_line(tmp_path):
    recs = [{"text": "line one"}, {"text": "line two"}, {"id": 1, "text": "explicit one"}, {"id": "2", "text": "explicit two"},
            {"text": "with url", "url": "https://example.org/x"}]
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    arts, errs = _split(list(read([tmp_path])))
    ids = [a.id for a in arts]
    assert errs == [] and len(set(ids)) == 5
    # explicit ids are what they always were: saved links keep working
    assert ids[2:4] == [f"{tmp_path.name}/c.jsonl#1", f"{tmp_path.name}/c.jsonl#2"]
    # a line inserted at the top: records with an id or a url keep theirs
    f.write_text("\n".join(json.dumps(r) for r in [{"text": "inserted"}] + recs) + "\n")
    after = [a.id for a in read([tmp_path])]
    assert after[3:] == ids[2:]


def test_a_page_of_boilerplate_only_is_skipped_and_a_bare_fragment_is_read(tmp_path):
    """A page with visible text that is all boilerplate was indexed as an empty article;
    a bare HTML fragment was emptied (trafilatura's load_html wants a whole page)."""
    from search import Store, indexer, open_index, get_document

    src = tmp_path / "pages"
    src.mkdir()
    (src / "chrome.html").write_text(
        "<html><body><nav>Home | World | Sport</nav><p>Leave A Reply With Facebook</p>"
        "<p>Please enter your comment!</p><footer>© 2021 All rights reserved</footer></body></html>")
    # a page of menu links alone: trafilatura falls back to the menu (QA pass 3)
    (src / "menu.html").write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a> | "
                                   "<a href='/about'>About</a></nav></body></html>")
    story = "Officials in Bamako said the transition council met on Tuesday to discuss next year's budget. "
    (src / "fragment.html").write_text(f"<p>{story * 4}</p><p>{story * 3}</p>")
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert sorted((f["path"].rsplit("/", 1)[-1], f["reason"]) for f in r["failed"]) == \
        [("chrome.html", "no article text once the boilerplate is removed"),
         ("menu.html", "no article text once the boilerplate is removed")]
    doc = get_document(open_index(tmp_path / "ix"), "pages/fragment.html")
    assert doc is not None and "transition council" in doc["text"]


def test_a_text_file_of_its_title_line_alone_is_skipped_as_a_page_with_no_text(tmp_path):
    """QA: a .txt holding only its title line was indexed with the title for its text; it is
    reported and skipped as an HTML page with no article text is. A one-paragraph story
    without a title line is still its own text."""
    from search import Store, indexer, open_index, get_document

    src = tmp_path / "wire"
    src.mkdir()
    (src / "title.txt").write_text("Just a title\n")
    (src / "story.txt").write_text("Officials in Bamako said the transition council met on Tuesday.\n")
    (src / "both.txt").write_text("Council meets\n\nOfficials in Bamako said the council met on Tuesday.\n")
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert [(f["path"].rsplit("/", 1)[-1], f["reason"]) for f in r["failed"]] == \
        [("title.txt", "no article text once the boilerplate is removed")]
    archive = open_index(tmp_path / "ix")
    assert get_document(archive, "wire/title.txt") is None
    assert "transition council" in get_document(archive, "wire/story.txt")["text"]
    both = get_document(archive, "wire/both.txt")
    assert (both["title"], both["text"]) == ("Council meets", "Officials in Bamako said the council met on Tuesday.")


def test_a_json_lines_title_is_the_title_only_not_a_line_of_the_text(tmp_path):
    """QA: a record's title was put back above its text for the cleaner to find, which took no
    one-word title ("Update") nor one ending in a colon ("Update:") for a title: the text
    began with it. A text that repeats its title at its top starts after it; a record of its
    title alone has no text."""
    from search import Store, indexer, open_index, get_document

    story = "The central bank raised interest rates by half a point on Tuesday, citing inflation."
    records = [{"id": "one-word", "title": "Update", "text": story},
               {"id": "colon", "title": "Update:", "text": story},
               {"id": "bang", "title": "Breaking!", "text": [story]},
               {"id": "headline", "title": "Bank raises rates", "text": story},
               {"id": "repeated", "title": "Update:", "text": f"Update:\n\n{story}"},
               {"id": "repeated-headline", "title": "Bank raises rates", "text": f"Bank raises rates\n\n{story}"},
               {"id": "alone", "title": "Update:", "text": "Update:"}]
    # hard-wrapped wire copy, its dateline cut off: the short first line is the lead's, not a title
    wire = {"id": "wire", "title": "TAIWAN TO SEEK TEXTILE DEAL WITH U.S.",
            "text": "A Taiwan trade mission will leave\nnext week for Washington to renegotiate an agreement\n"
                    "limiting the growth of the island's textile exports, officials\nsaid on Tuesday in Taipei.\n"}
    src = tmp_path / "wire"
    src.mkdir()
    (src / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [*records, wire]))
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert [(f["line"], f["reason"]) for f in r["failed"]] == [(7, "no article text once the boilerplate is removed")]
    archive = open_index(tmp_path / "ix")
    for rec in records[:-1]:
        doc = get_document(archive, f"wire/feed.jsonl#{rec['id']}")
        assert (doc["title"], doc["text"]) == (rec["title"], story), rec["id"]
    assert get_document(archive, "wire/feed.jsonl#repeated")["removed"] == [{"text": "Update:", "reason": "title repeated"}]
    doc = get_document(archive, "wire/feed.jsonl#wire")
    assert doc["title"] == wire["title"] and doc["text"] == " ".join(wire["text"].split())


@pytest.mark.parametrize("value,want", [
    ("2021-04-11T09:30:00Z", "2021-04-11"),
    ("2021-04-11", "2021-04-11"),
    ("Tue, 03 Aug 2021 10:00:00 GMT", "2021-08-03"),   # RSS/Atom feeds: was dropped
    (1628000000, "2021-08-03"),                          # Unix seconds: was dropped
    (1628000000000, "2021-08-03"),                       # milliseconds
    ("1628000000", "2021-08-03"),
    ("2999-01-01", None),                                # a placeholder: sorted first for ever
    ("1066-10-14", None),
    ("12/03/2021", None),                                # day or month first? left out
    ("March 3, 2021", "2021-03-03"),                     # as a .txt date line: was dropped
    ("3 March 2021", "2021-03-03"),
    ("Wednesday, 3rd March 2021 10:00", "2021-03-03"),
    ("March 3, 2999", None),
    (True, None), ("", None), (None, None),
])
def test_jsonl_dates(value, want):
    from search.ingest.jsonl import parse_date

    got = parse_date(value)
    assert (got.isoformat() if got else None) == want


@pytest.mark.parametrize("value,want", [
    ("2021/03/04", "2021-03-04"), ("2021/3/4 10:00", "2021-03-04"),  # year first: ISO 8601's order
    ("13/03/2021", "2021-03-13"),                                     # 13 is no month: day first
    ("03/13/2021", "2021-03-13"), ("03/13/2021 10:30 AM", "2021-03-13"),  # month first
    ("07/07/2021", "2021-07-07"),                                     # the same either way
    ("07/08/2021", None), ("13/14/2021", None), ("2021/02/30", None), ("03/13/2021 soon", None),
])
def test_a_slashed_date_whose_order_is_certain_is_read(value, want):
    """QA: "2021/03/04", "13/03/2021" and "03/13/2021" left the article undated with the
    ambiguous "07/08/2021", though each can be only one date."""
    from search.ingest.jsonl import parse_date

    got = parse_date(value)
    assert (got.isoformat() if got else None) == want


_BODY = "The council met in Bamako on Monday to discuss next year's budget, officials said."


@pytest.mark.parametrize("fields,published,note", [
    ({"date": "07/08/2021"}, None, 'date "07/08/2021" is ambiguous (either number could be the month)'),
    ({"date": "2021-13-45"}, None, 'date "2021-13-45" could not be read as a date ('),  # cited '07/08/2021' (QA)
    ({"date_publish": "2999-01-01"}, None, 'date_publish "2999-01-01" is after tomorrow or before 1800'),
    ({"date": "soon", "published": "2021-03-04"}, "2021-03-04", None),  # another key has one
    ({"date": "2021-03-04"}, "2021-03-04", None),
    ({"date": "  "}, None, None), ({"date": None}, None, None), ({}, None, None),  # none given: nothing to say
])
def test_a_record_date_that_cannot_be_read_is_a_note(tmp_path, fields, published, note):
    """A given date that is not read was dropped without a word (QA): the article is
    indexed undated, and the run says which date it could not take."""
    (tmp_path / "f.jsonl").write_text(json.dumps({"title": "T", "text": _BODY, **fields}) + "\n")
    [a] = list(read([tmp_path / "f.jsonl"]))
    assert (a.published.isoformat() if a.published else None) == published
    assert len(a.notes) == (1 if note else 0) and all(n.startswith(note) for n in a.notes)
    assert all(n.endswith(": indexed without a date") for n in a.notes)
    assert all(("could be the month" in n) == ("07/08" in n) for n in a.notes)  # the ambiguity for an ambiguous date alone


def test_index_and_clean_tell_the_dates_they_could_not_read(tmp_path):
    from click.testing import CliRunner

    from search import Store, get_document, indexer, open_index
    from search.cli import cli

    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": "a", "title": "A", "text": _BODY, "date": "07/08/2021"},
            {"id": "b", "title": "B", "text": _BODY.replace("Monday", "Friday"), "date": "2021-08-07"}]
    (src / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert r["failed"] == [] and r["added"] == 2
    assert [(n["path"].rsplit("/", 1)[-1], n["line"], n["note"].split(" is ")[0]) for n in r["notes"]] == \
        [("f.jsonl", 1, 'date "07/08/2021"')]
    assert get_document(open_index(tmp_path / "ix"), "feed/f.jsonl#a")["published"] is None
    out = CliRunner().invoke(cli, ["clean", str(src / "f.jsonl")])
    assert out.exit_code == 0 and 'note ' in out.stderr and 'f.jsonl:1: date "07/08/2021" is ambiguous' in out.stderr


def test_a_warc_response_without_an_http_address_is_read(tmp_path):
    """warcio parses a response's HTTP headers only under an http(s) target URI: a record
    whose crawler wrote "None" there was skipped without a word (QA pass 3)."""
    (tmp_path / "crawl.warc").write_bytes(_record("None", _page(1)) + _record("https://example.com/2", _page(2)))
    arts, errs = _split(list(read([tmp_path / "crawl.warc"])))
    assert errs == []
    assert sorted(a.url for a in arts) == ["", "https://example.com/2"]
    bare = next(a for a in arts if not a.url)
    assert "Page 1" in bare.raw and bare.id.endswith("crawl#1")


def test_a_duplicate_id_is_reported_with_its_line(tmp_path):
    from search import Store, indexer

    src = tmp_path / "feed"
    src.mkdir()
    recs = [{"id": "a1", "title": "First", "text": "The council met in Bamako on Monday, officials said."},
            {"id": "b2", "title": "Second", "text": "The army said on Tuesday that the border post had reopened."},
            {"id": "a1", "title": "Again", "text": "A different story that reuses the first record's id."}]
    (src / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert r["indexed"] == 2
    [dup] = r["failed"]
    assert dup["line"] == 3 and dup["path"].endswith("wire.jsonl")
    # which one was kept: two files can give one id (a literal "caf%E9.txt" and a Latin-1 name)
    assert dup["reason"] == f"duplicate id feed/wire.jsonl#a1: skipped (kept: {src / 'wire.jsonl'}, line 1)"


def test_warcio_warnings_do_not_reach_stderr(tmp_path):
    """warcio logged "Replacing spaces in invalid WARC-Target-URI" through Python's last-resort
    handler, in the middle of an index run's output (QA pass 4). Run as a command: under
    pytest the logging plugin would catch it anyway."""
    import subprocess
    import sys

    page = b"<html><body><p>The council approved the budget on Monday after a long debate about roads.</p></body></html>"
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://ex.com/a b\r\n"
           b"WARC-Date: 2021-03-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
           b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(body) + body + b"\r\n\r\n")
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.warc").write_bytes(rec)
    p = subprocess.run([sys.executable, "-m", "search.cli", "index", str(tmp_path / "s"), "--index", str(tmp_path / "ix")],
                       capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.startswith("1 indexed"), p.stdout + p.stderr
    assert p.stderr == ""
    # a record whose Content-Length is no number: warcio wrote "WARNING: Record not followed by
    # newline" and its offset beside our own report of the damaged file
    second = rec.replace(b"http://ex.com/a b", b"http://ex.com/b").replace(b"Content-Length: %d" % len(body),
                                                                          b"Content-Length: abc")
    (tmp_path / "s" / "b.warc").write_bytes(rec.replace(b"a b", b"a") + second)
    p = subprocess.run([sys.executable, "-m", "search.cli", "clean", str(tmp_path / "s" / "b.warc")],
                       capture_output=True, text=True)
    assert p.returncode == 0 and "council approved" in p.stdout, p.stdout + p.stderr
    assert p.stderr.startswith("newsarchive: skipped") and "damaged WARC after record 1" in p.stderr, p.stderr
    assert "WARNING" not in p.stderr and "Offset" not in p.stderr, p.stderr


# ------------------------------------------------ WARC records other than HTML responses
# QA: a text/plain or PDF response, a resource record and a revisit record were neither
# indexed nor reported, against the README's "nothing is skipped without a word".
STORY_RU = RU + ". Министры обсудили границу и торговлю, сообщили официальные лица."


def _writer_records(records: list[dict]) -> bytes:
    """Uncompressed WARC records. Each: type (response, resource, revisit, request,
    warcinfo, metadata), url, body, ctype (the HTTP Content-Type of a response or revisit,
    the WARC one of a resource, None for none), status, refers (a revisit's original URI)."""
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    for r in records:
        kind, url, body = r.get("type", "response"), r["url"], r.get("body", b"")
        ctype = r.get("ctype", "text/html")
        date = {"WARC-Date": "2021-03-03T10:00:00Z"}
        if kind in ("response", "request"):
            http = StatusAndHeaders(r.get("status", "200 OK") if kind == "response" else "GET / HTTP/1.1",
                                    [("Content-Type", ctype)] if ctype else [("Server", "x")], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=http, warc_headers_dict=date)
        elif kind == "revisit":
            http = StatusAndHeaders(r.get("status", "200 OK"), [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_revisit_record(url, "sha1:AAAA", r.get("refers", url), "2021-01-01T00:00:00Z", http_headers=http)
        elif kind == "warcinfo":
            rec = w.create_warcinfo_record("crawl.warc", {"software": "test"})
        else:  # resource, metadata: a block with a WARC Content-Type
            rec = w.create_warc_record(url, kind, payload=io.BytesIO(body), warc_content_type=ctype or None,
                                       warc_headers_dict=date)
        w.write_record(rec)
    # warcio writes "application/warc-record" for a block without a type: a record with none
    return out.getvalue().replace(b"Content-Type: application/warc-record\r\n", b"")


def _items(path: Path):
    arts, errs = _split(list(read([path])))
    return {a.url: a for a in arts}, [(e.line, e.reason) for e in errs], errs


def test_a_warc_plain_text_response_is_a_text_article_in_its_declared_charset(tmp_path):
    """A text/plain page is an article, read as a .txt file is (first line the title), in the
    charset of its HTTP header, else as a text file is decoded; one with markup is HTML."""
    latin = "Crise au Sénégal\n\nLe gouvernement a annoncé mercredi de nouvelles élections à Dakar, a-t-on appris."
    (tmp_path / "t.warc").write_bytes(_writer_records([
        {"url": "https://ex.ru/news.txt", "body": f"Новости\n\n{STORY_RU}".encode("cp1251"),
         "ctype": "text/plain; charset=windows-1251"},
        {"url": "https://ex.fr/depeche", "body": latin.encode("cp1252"), "ctype": "text/plain"},
        {"url": "https://ex.fr/utf8", "body": latin.encode("utf-8"), "ctype": "text/plain; charset=iso-8859-1"},
        {"url": "https://ex.fr/mislabelled", "body": b"<!DOCTYPE html><html><body><p>" + latin.encode() + b"</p></body></html>",
         "ctype": "text/plain"},
        {"url": "https://ex.fr/blank", "body": b"  \r\n", "ctype": "text/plain"},
        {"url": "https://ex.fr/gone.txt", "body": b"Not found", "ctype": "text/plain", "status": "404 Not Found"},
    ]))
    arts, reports, _ = _items(tmp_path / "t.warc")
    assert set(arts) == {"https://ex.ru/news.txt", "https://ex.fr/depeche", "https://ex.fr/utf8", "https://ex.fr/mislabelled"}
    ru = arts["https://ex.ru/news.txt"]
    assert ru.kind == "text" and ru.raw == f"Новости\n\n{STORY_RU}" and ru.id.startswith("url-") and ru.source == "ex.ru"
    assert ru.line == 1 and ru.meta["warc_date"] == "2021-03-03T10:00:00Z"
    assert arts["https://ex.fr/depeche"].raw == latin and arts["https://ex.fr/depeche"].kind == "text"
    assert arts["https://ex.fr/utf8"].raw == latin  # valid UTF-8 wins over a Latin-1 label, as for every input
    assert arts["https://ex.fr/mislabelled"].kind == "html"
    assert reports == [(5, "record 5 (https://ex.fr/blank): empty body"),
                       (6, "record 6 (https://ex.fr/gone.txt): HTTP 404, not an article")]


def test_a_warc_response_that_is_no_page_is_reported_by_its_type_and_the_crawls_own_records_are_not(tmp_path):
    """A PDF, a feed or JSON in a crawl is reported, one line naming its type, as a record
    read and not an article (it keeps nothing: unread ""). What is never an article passes
    unsaid, as before: request, warcinfo and metadata records, the robots.txt a crawler
    fetches, DNS lookups, the images, styles and scripts of a page."""
    (tmp_path / "c.warc").write_bytes(_writer_records([
        {"type": "warcinfo", "url": ""},
        {"type": "request", "url": "https://ex.com/a"},
        {"url": "https://ex.com/a", "body": _page(1)},
        {"type": "metadata", "url": "https://ex.com/a", "body": b"outlink: https://ex.com/b\r\n", "ctype": "application/warc-fields"},
        {"url": "https://ex.com/report.pdf", "body": b"%PDF-1.4\n" + bytes(100), "ctype": "application/pdf"},
        {"url": "https://ex.com/api", "body": b'{"a": 1}', "ctype": "application/json; charset=utf-8"},
        {"url": "https://ex.com/robots.txt", "body": b"User-agent: *\nDisallow: /private\n", "ctype": "text/plain"},
        {"url": "https://ex.com/logo.png", "body": b"\x89PNG\r\n\x1a\n" + bytes(50), "ctype": "image/png"},
        {"url": "https://ex.com/site.css", "body": b"body { color: red }", "ctype": "text/css"},
        {"url": "https://ex.com/app.js", "body": b"var a = 1;", "ctype": "application/javascript"},
        {"type": "resource", "url": "dns:ex.com", "body": b"20210303100000\nex.com. 300 IN A 1.2.3.4\n", "ctype": "text/dns"},
        {"url": "https://ex.com/old.pdf", "body": b"", "ctype": "application/pdf", "status": "410 Gone"},
    ]))
    arts, reports, errs = _items(tmp_path / "c.warc")
    assert list(arts) == ["https://ex.com/a"]
    assert reports == [
        (5, "record 5 (https://ex.com/report.pdf): not an HTML or plain-text page (application/pdf): skipped"),
        (6, "record 6 (https://ex.com/api): not an HTML or plain-text page (application/json): skipped"),
        (12, "record 12 (https://ex.com/old.pdf): HTTP 410, not an article")]
    assert all(e.unread == "" for e in errs)


def test_warc_resource_records_are_read_by_their_content_type(tmp_path):
    """A page stored without HTTP headers (a `resource` record) is an article when its WARC
    Content-Type is HTML or plain text; another type is reported; wget's own resources (its
    log and arguments, text/plain under metadata://) and Browsertrix's urn: ones are not pages."""
    (tmp_path / "r.warc").write_bytes(_writer_records([
        {"type": "resource", "url": "https://ex.org/page.html", "body": _page(1), "ctype": "text/html"},
        {"type": "resource", "url": "https://ex.org/note.txt", "body": "Brief\n\nThe mayor resigned on Friday.".encode(),
         "ctype": "text/plain; charset=utf-8"},
        {"type": "resource", "url": "https://ex.org/bare", "body": b"<!doctype html><p>Page 3 is here.</p>", "ctype": None},
        {"type": "resource", "url": "https://ex.org/scan.pdf", "body": b"%PDF-1.4\n" + bytes(50), "ctype": "application/pdf"},
        {"type": "resource", "url": "metadata://gnu.org/software/wget/warc/wget.log", "body": b"--2021-03-03-- https://ex.org/\n",
         "ctype": "text/plain"},
        {"type": "resource", "url": "urn:text:https://ex.org/page.html", "body": b"Page 1 as text", "ctype": "text/plain"},
    ]))
    arts, reports, _ = _items(tmp_path / "r.warc")
    assert {u: a.kind for u, a in arts.items()} == {"https://ex.org/page.html": "html", "https://ex.org/note.txt": "text",
                                                    "https://ex.org/bare": "html"}
    assert arts["https://ex.org/note.txt"].raw == "Brief\n\nThe mayor resigned on Friday."
    assert "Page 1" in arts["https://ex.org/page.html"].raw
    assert reports == [(4, "record 4 (https://ex.org/scan.pdf): not an HTML or plain-text page (application/pdf): skipped")]


def test_a_warc_revisit_is_reported_only_when_its_original_is_not_in_the_file(tmp_path):
    """A revisit (a deduplicating crawler's pointer to an earlier identical capture) is no
    article of its own. Its original in the same file, before or after it, is read: not a word
    (a line per page crawled again would be noise). One whose original is elsewhere is a
    capture this file does not hold: reported. A revisit of an image is as silent as the image."""
    (tmp_path / "d.warc").write_bytes(_writer_records([
        {"type": "revisit", "url": "https://ex.com/later", "refers": "https://ex.com/later"},
        {"url": "https://ex.com/a", "body": _page(1)},
        {"type": "revisit", "url": "https://ex.com/a"},
        {"type": "revisit", "url": "https://ex.com/a?utm=x", "refers": "https://ex.com/a"},
        {"type": "revisit", "url": "https://ex.com/lost"},
        {"type": "revisit", "url": "https://ex.com/alias", "refers": "https://ex.com/elsewhere"},
        {"type": "revisit", "url": "https://ex.com/logo.png", "ctype": "image/png"},
        {"url": "https://ex.com/later", "body": _page(2)},
    ]))
    arts, reports, errs = _items(tmp_path / "d.warc")
    assert sorted(arts) == ["https://ex.com/a", "https://ex.com/later"]
    assert reports == [
        (5, "record 5 (https://ex.com/lost): a revisit (a pointer to an earlier capture, no page of its own) "
            "whose original was not found in this file: skipped"),
        (6, "record 6 (https://ex.com/alias): a revisit of https://ex.com/elsewhere (a pointer to an earlier capture, "
            "no page of its own) whose original was not found in this file: skipped")]
    assert all(e.unread == "" for e in errs)


def test_warc_skips_are_reported_by_the_index_run_and_keep_nothing(tmp_path, monkeypatch):
    """Through an index run: the text page is indexed, the PDF and the orphan revisit are
    reported with their record; a page later dropped from the file goes, the reports notwithstanding
    (they are of records read whole); a file left with the crawl's own records only is said so
    and keeps nothing either."""
    from search import Store, indexer, open_index, run_search

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    src = tmp_path / "crawl"
    src.mkdir()
    text = {"url": "https://ex.com/wire", "ctype": "text/plain",
            "body": b"Harbour reopens\n\nThe harbour of Dakar reopened on Tuesday after a week of repairs, officials said."}
    page = {"url": "https://ex.com/a", "body": b"<html><body><p>The council of Bamako approved the new budget on Monday "
                                              b"after a long debate about roads.</p></body></html>"}
    pdf = {"url": "https://ex.com/r.pdf", "body": b"%PDF-1.4\n" + bytes(50), "ctype": "application/pdf"}
    orphan = {"type": "revisit", "url": "https://ex.com/b"}
    (src / "a.warc").write_bytes(_writer_records([page, text, pdf, orphan]))
    store = Store(tmp_path / "ix")
    r = indexer.run(store, [str(src)])
    assert r["indexed"] == 2, r
    assert [(f["line"], f["reason"].split(": ", 1)[1]) for f in r["failed"]] == [
        (3, "not an HTML or plain-text page (application/pdf): skipped"),
        (4, "a revisit (a pointer to an earlier capture, no page of its own) whose original was not found in this file: skipped")]
    assert run_search(open_index(store.path), "harbour").total == 1

    (src / "a.warc").write_bytes(_writer_records([text, pdf, orphan]))  # the HTML page taken out of the file
    r = indexer.run(store, None)
    assert r["removed"] == 1 and len(r["failed"]) == 2, r
    (src / "a.warc").write_bytes(_writer_records([{"type": "warcinfo", "url": ""}, {"type": "request", "url": "https://ex.com/a"}]))
    r = indexer.run(store, None)
    assert r["removed"] == 1, r
    assert [f["reason"] for f in r["failed"]] == [
        "no pages: its 2 records are the crawl's own (warcinfo, request, metadata, DNS, robots.txt) or parts of pages "
        "(images, styles, scripts)"]


def test_a_warc_address_urlsplit_refuses_does_not_stop_the_run(tmp_path):
    """"http://[x/a" (an unclosed IPv6 bracket) made urlsplit raise ValueError out of the
    reader, and the whole index run stopped; the page is read under the source's name."""
    (tmp_path / "v6.warc").write_bytes(_writer_records([{"url": "http://[x/a", "body": _page(1)}]))
    arts, reports, _ = _items(tmp_path / "v6.warc")
    assert reports == [] and arts["http://[x/a"].source == "v6"


STORY = ("Zinc prices were steady in London trading as stocks in warehouses fell for the fifth week "
         "running, traders said on Friday.")


def test_a_json_lines_file_with_no_json_record_is_reported_once_and_a_damaged_one_line_by_line(tmp_path):
    """An HTTP error page or random bytes saved as feed.jsonl: one report for the file (it was
    one "bad JSON line" per line: 798 for 200 KB of random bytes), no article. A file whose
    records start after a bad line is JSON Lines, reported line by line as before."""
    (tmp_path / "page.jsonl").write_text("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n</body>\n</html>\n")
    arts, reports, errs = _items(tmp_path / "page.jsonl")
    assert arts == {} and reports == [(None, "not JSON Lines: no line is a JSON record (line 1: "
                                             "Expecting value at column 1)")]
    assert errs[0].unread == "file"  # nothing of it was read: its articles stay indexed
    import random
    rnd = random.Random(5)
    (tmp_path / "bytes.jsonl").write_bytes(bytes(rnd.randrange(256) for _ in range(60_000)))
    assert _items(tmp_path / "bytes.jsonl")[1] == [(None, "binary file, not JSON Lines")]
    many = tmp_path / "many.jsonl"  # past the first thousand bad lines, the rest is not read
    many.write_text("oops\n" * 5000 + json.dumps({"id": "late", "text": STORY}) + "\n")
    assert [r for _, r in _items(many)[1]][0].startswith("not JSON Lines") and len(_items(many)[1]) == 1
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("oops\n" + json.dumps({"id": "a", "text": STORY}) + "\n{cut\n" + json.dumps({"id": "b", "text": STORY}) + "\n")
    arts, reports, _ = _items(mixed)
    assert len(arts) == 2 and [(line, r.split(":")[0]) for line, r in reports] == [(1, "bad JSON line"), (3, "bad JSON line")]
    empty_text = tmp_path / "notext.jsonl"  # a record without text is a record: the file is JSON Lines
    empty_text.write_text("oops\n" + json.dumps({"id": "a", "text": ""}) + "\n")
    assert [line for line, _ in _items(empty_text)[1]] == [1, 2]


def test_a_deeply_nested_or_badly_addressed_record_does_not_stop_the_run(tmp_path):
    """A line of 2,000 nested brackets raised RecursionError out of the reader: the whole index
    run stopped ("internal error"), nothing indexed. A valid record whose url urlsplit refuses
    ("http://[::1") was "bad JSON line: Invalid IPv6 URL": it is read, under the file's name."""
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "deep", "text": "x", "k": ' + "[" * 2000 + "]" * 2000 + "}\n"
                 + json.dumps({"id": "v6", "title": "Bad url", "url": "http://[::1", "text": STORY}) + "\n"
                 + json.dumps({"id": "ok", "text": STORY}) + "\n")
    arts, reports, _ = _items(f)
    assert reports == [(1, "bad JSON line: nested too deeply")]
    assert sorted(a.id for a in arts.values()) == ["feed#ok", "feed#v6"]
    assert arts["http://[::1"].source == "feed"


def test_a_bad_json_line_is_explained_in_the_lines_own_terms(tmp_path):
    """json's own message named "line 1 column 30 (char 29)" beside the file's line 8, and a
    record cut off inside a string (a crawl killed mid-write) was "Invalid control character
    at": the line's newline. Now the column is the line's, and a cut-off line says so."""
    good = json.dumps({"id": "a1", "title": "Zinc", "text": STORY})
    (tmp_path / "feed.jsonl").write_text("\n".join([
        good, "{not json", '{"a": 1} {"b": 2}', '{"id": "a5", "title": "trunc', '{"id": "a6", "tags": [1, 2',
    ]) + "\n")
    arts, reports, errs = _items(tmp_path / "feed.jsonl")
    assert len(arts) == 1
    assert reports == [
        (2, "bad JSON line: Expecting property name enclosed in double quotes at column 2"),
        (3, "bad JSON line: Extra data at column 10"),
        (4, "bad JSON line: cut off: the line ends before its JSON value does"),
        (5, "bad JSON line: cut off: the line ends before its JSON value does"),
    ]


def test_a_last_line_cut_inside_a_string_is_cut_off_and_json_s_at_is_said_once(tmp_path):
    """A crawl killed mid-write leaves its last line with no newline: cut inside a string it
    was "Unterminated string starting at at column 31", where the same line followed by a
    newline was "cut off"; a raw tab inside a string was "Invalid control character at at"."""
    good = json.dumps({"id": "a1", "title": "Zinc", "text": STORY})
    (tmp_path / "feed.jsonl").write_text("\n".join([
        good, '{"id": "a2", "title": "Tab\there", "text": "x"}', '{"id": "a3", "title": "T", "text": "cut her',
    ]))
    arts, reports, errs = _items(tmp_path / "feed.jsonl")
    assert len(arts) == 1
    assert reports == [
        (2, "bad JSON line: Invalid control character at column 27"),
        (3, "bad JSON line: cut off: the line ends before its JSON value does"),
    ]


def test_a_json_file_is_read_as_json_lines_and_one_json_document_as_its_records(tmp_path):
    """`export -o out.json` writes JSON Lines, but `index out.json` said "unsupported file type
    .json": a .json file is read as JSON Lines now, compressed too. One that is one JSON
    document (an array of records, on one line or several, or a record over several lines) is
    read as its records (it was one report with the `jq -c` that writes it as JSON Lines)."""
    records = [{"id": "a", "title": "Zinc steady", "text": STORY}, {"id": "b", "title": "Zinc again", "text": STORY}]
    (tmp_path / "feed.json").write_text("".join(json.dumps(r) + "\n" for r in records))
    arts, reports, _ = _items(tmp_path / "feed.json")
    assert reports == [] and sorted(a.id for a in arts.values()) == ["feed#a", "feed#b"]
    with gzip.open(tmp_path / "packed.json.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in records))
    assert len(_items(tmp_path / "packed.json.gz")[0]) == 2
    for name, text, ids in (
            ("one-line.json", json.dumps(records), ["one-line#a", "one-line#b"]),
            ("pretty.json", json.dumps(records, indent=2), ["pretty#a", "pretty#b"]),
            ("object.json", json.dumps(records[0], indent=2), ["object#a"])):
        (tmp_path / name).write_text(text)
        arts, reports, errs = _items(tmp_path / name)
        assert reports == [] and sorted(a.id for a in arts.values()) == ids, name
    (tmp_path / "page.json").write_text("<html>\n<body>502</body>\n</html>\n")  # neither: as a .jsonl's
    assert _items(tmp_path / "page.json")[1] == [(None, "not JSON Lines: no line is a JSON record (line 1: "
                                                        "Expecting value at column 1)")]


def test_saved_api_responses_a_line_each_are_read_as_their_articles(tmp_path):
    """NewsAPI responses saved as they came, {"status": "ok", "articles": [...]} a line each in a
    .jsonl or .json file, were "JSON record with no text: none of maintext, ...", as of a record
    missing its text, then (2cec7b7) told to write them a line each with `jq -c '.articles[]'`, none
    read. Each line's articles are read, with the line's number; a list one object down (the
    Guardian's response.results) and one under any name alike. A record holding a list of objects
    with no text is "no text" as before."""
    articles = [{"source": {"id": None, "name": "Reuters"}, "title": "Zinc steady", "url": "https://ex.com/a",
                 "publishedAt": "2021-01-02T09:00:00Z", "content": STORY},
                {"source": {"id": None, "name": "BBC"}, "title": "Zinc again", "url": "https://ex.com/b",
                 "publishedAt": "2021-01-03T09:00:00Z", "content": STORY}]
    for name, response in (
            ("newsapi.jsonl", {"status": "ok", "totalResults": 2, "articles": articles}),
            ("newsapi.json", {"status": "ok", "articles": articles, "tags": [{"id": 1}]}),
            ("guardian.jsonl", {"response": {"status": "ok", "results": articles}}),
            ("spaced.jsonl", {"the items": articles})):
        (tmp_path / name).write_text(json.dumps(response) + "\n" + json.dumps(dict(response, page=2)) + "\n")
        arts = [a for a in read([tmp_path / name]) if isinstance(a, Article)]
        assert [(a.url, a.line, a.item, a.source) for a in arts] == [
            ("https://ex.com/a", 1, 1, "Reuters"), ("https://ex.com/b", 1, 2, "BBC"),
            ("https://ex.com/a", 2, 1, "Reuters"), ("https://ex.com/b", 2, 2, "BBC")], name
    # what jq -c '.articles[]' writes is read as before
    (tmp_path / "fixed.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    arts, reports, _ = _items(tmp_path / "fixed.jsonl")
    assert reports == [] and sorted(a.title for a in arts.values()) == ["Zinc again", "Zinc steady"]
    (tmp_path / "tags.jsonl").write_text(json.dumps({"tags": [{"id": 1}, {"id": 2}]}) + "\n")
    assert _items(tmp_path / "tags.jsonl")[1] == [(1, "JSON record with no text: none of maintext, text, body, content, "
                                                      "article, article_body, html, raw_html")]


def test_a_json_array_of_a_record_a_line_is_one_document_not_its_last_record(tmp_path):
    """An array written a record a line (`[`, `{...},`, `{...}`, `]`: json.dumps of each record
    joined by ",\\n", a common way to write .json) had one line that is a whole JSON object, its
    last record: the file was read as JSON Lines holding that one article, every line before it
    a bad line, and nothing said it was an array. A record over several lines with a nested
    object on one line was read so too (its nested object a record with no text). The file is
    one document, read as its records; a JSON Lines file whose first record is cut off is read
    past it as before."""
    records = [{"id": c, "title": f"Zinc {c}", "text": STORY} for c in "abc"]
    nested = json.dumps({"title": "Zinc", "text": STORY, "tags": [{"k": 1}]}, indent=2).replace('{\n      "k": 1\n    }', '{"k": 1}')
    assert '\n    {"k": 1}\n' in nested
    for name, text, titles in (
            ("lines.json", "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n", ["Zinc a", "Zinc b", "Zinc c"]),
            ("opened.json", "[" + ",\n".join(json.dumps(r) for r in records) + "\n]\n", ["Zinc a", "Zinc b", "Zinc c"]),
            ("bom.json", "\ufeff[\n" + json.dumps(records[0]) + "\n]\n", ["Zinc a"]),
            ("nested.json", nested, ["Zinc"])):
        (tmp_path / name).write_text(text, encoding="utf-8")
        arts, reports, errs = _items(tmp_path / name)
        assert reports == [] and sorted(a.title for a in arts.values()) == titles, name
    one_line = json.dumps(records[:1]) + "\n" + "".join(json.dumps(r) + "\n" for r in records[1:])
    # an array closed on its line: a line's list of articles, read (it was a bad line)
    (tmp_path / "one-line.jsonl").write_text(one_line, encoding="utf-8")
    arts, reports, _ = _items(tmp_path / "one-line.jsonl")
    assert sorted(a.id for a in arts.values()) == ["one-line#a", "one-line#b", "one-line#c"] and reports == []
    cut = '{"id": "z", "title": "Zinc", "te\n' + "".join(json.dumps(r) + "\n" for r in records)
    (tmp_path / "cut.jsonl").write_text(cut, encoding="utf-8")
    arts, reports, _ = _items(tmp_path / "cut.jsonl")
    assert sorted(a.id for a in arts.values()) == ["cut#a", "cut#b", "cut#c"]
    assert reports == [(1, "bad JSON line: cut off: the line ends before its JSON value does")]


def test_a_saved_api_response_over_several_lines_is_read_as_its_articles(tmp_path):
    """NewsAPI's response saved pretty-printed, as a browser or `curl | jq` shows it, was "a JSON
    object over several lines ... (jq -c . FILE does)": that wrote it on one line, which was then
    refused as holding a list of articles. Its articles are read, in UTF-16 and gzipped too, a
    10 MB one as well (the bound read whole is 256 MB: test_jsonl_documents)."""
    articles = [{"source": {"id": None, "name": "Reuters"}, "title": "Zinc steady", "url": "https://ex.com/a",
                 "publishedAt": "2021-01-02T09:00:00Z", "content": STORY},
                {"source": {"id": None, "name": "BBC"}, "title": "Zinc again", "url": "https://ex.com/b",
                 "publishedAt": "2021-01-03T09:00:00Z", "content": STORY}]
    newsapi = {"status": "ok", "totalResults": 2, "articles": articles}
    (tmp_path / "newsapi.json").write_text(json.dumps(newsapi, indent=2))
    with gzip.open(tmp_path / "packed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"response": {"status": "ok", "results": articles}}, indent=4))
    (tmp_path / "unicode.json").write_text(json.dumps(newsapi, indent=2), encoding="utf-16")  # Windows' "Unicode"
    big = {"status": "ok", "articles": [{**a, "content": STORY * (5 * 1024 * 1024 // len(STORY))} for a in articles]}
    (tmp_path / "big.json").write_text(json.dumps(big, indent=2))
    for name in ("newsapi.json", "unicode.json", "packed.jsonl.gz", "big.json"):
        arts, reports, errs = _items(tmp_path / name)
        assert reports == [] and sorted(a.url for a in arts.values()) == ["https://ex.com/a", "https://ex.com/b"], name


def test_a_pages_json_metadata_beside_it_is_no_second_article(tmp_path):
    """A scraped archive keeps each page's metadata beside it (foo.json by foo.html, often with
    the page's text under "text"): read as JSON Lines since .json is, each page was indexed
    twice. A .json beside a page of its name (foo.json, foo.html.json; any page the readers
    take: .htm, .txt, .warc...; compressed too) is not read, and said once for the source, not
    once a file. A .json with no page of its name is read (an export), so is one given by name."""
    page = f"<html><head><title>Zinc steady</title></head><body><article><p>{STORY}</p></article></body></html>"
    meta = {"url": "https://example.com/zinc", "title": "Zinc steady", "text": STORY}
    (tmp_path / "2021").mkdir()
    (tmp_path / "2021" / "zinc.html").write_text(page)
    (tmp_path / "2021" / "zinc.json").write_text(json.dumps(meta) + "\n")
    (tmp_path / "2021" / "Lead.HTM").write_text(page.replace("Zinc", "Lead"))
    with gzip.open(tmp_path / "2021" / "lead.json.gz", "wt") as fh:
        fh.write(json.dumps(meta) + "\n")
    (tmp_path / "wire.txt").write_text("Tin firm\n\n" + STORY)
    (tmp_path / "wire.txt.json").write_text(json.dumps(meta, indent=2))  # no article by its own reading either
    (tmp_path / "out.json").write_text(json.dumps({"id": "a", "title": "Copper", "text": STORY}) + "\n")
    items = list(read([tmp_path]))
    arts, errs = _split(items)
    assert sorted(Path(a.path).name for a in arts) == ["Lead.HTM", "out.json", "wire.txt", "zinc.html"]
    assert errs == []
    from search.article import PassedOver

    passed = [i for i in items if isinstance(i, PassedOver)]
    assert len(passed) == 1 and sorted(Path(p).name for p in passed[0].paths) == [
        "lead.json.gz", "wire.txt.json", "zinc.json"]
    assert passed[0].path == str(tmp_path.resolve()) and passed[0].note == (
        "3 .json files beside pages of their name (wire.txt.json beside wire.txt, and 2 more) are taken for "
        "the pages' metadata and not read for articles (named .jsonl, such a file is read)")
    arts, errs = _split(list(read([tmp_path / "2021" / "zinc.json"])))  # given by name: read as asked
    assert len(arts) == 1 and errs == []


def test_a_json_document_with_no_article_in_it_is_said_to_be_one(tmp_path):
    """A manifest.json or a tool's settings in an archive's folder, read as JSON Lines since
    .json is, was told to write each record on a line of its own (over several lines), or
    was a record with no text (on one): advice for a file of articles it is not. It is one
    report saying what it is; a .jsonl's record with no text is said as before."""
    said = ("one JSON document with no article in it (none of maintext, text, body, content, article, "
            "article_body, html, raw_html), as a settings or manifest file is: not read (a .json file is read "
            "for articles, a record a line or one JSON document of them)")
    settings = {"name": "crawl", "start_urls": ["https://example.com/"], "depth": 2}
    for name, text in (("manifest.json", json.dumps(settings, indent=2)), ("settings.json", json.dumps(settings)),
                       ("list.json", json.dumps([{"name": "a"}, {"name": "b"}], indent=1))):
        (tmp_path / name).write_text(text)
        arts, reports, errs = _items(tmp_path / name)
        assert arts == {} and reports == [(None, said)], name
    with gzip.open(tmp_path / "packed.json.gz", "wt") as fh:
        fh.write(json.dumps(settings, indent=2))
    assert _items(tmp_path / "packed.json.gz")[1] == [(None, said)]
    (tmp_path / "settings.jsonl").write_text(json.dumps(settings) + "\n")
    assert _items(tmp_path / "settings.jsonl")[1] == [(1, "JSON record with no text: none of maintext, text, body, "
                                                          "content, article, article_body, html, raw_html")]

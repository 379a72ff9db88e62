"""`newsarchive show` (search.lookup) finds an article by what a reader has at hand, also
where the generation's catalog is gone, and by a page's address in either scheme."""
from __future__ import annotations

import json
import shutil
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from search.cli import cli

SEED0 = "seeds/000_82caef7a759caf58.txt"


def show(*args):
    return CliRunner().invoke(cli, ["show", *[str(a) for a in args], "--json"])


def test_a_file_is_found_without_the_catalog(seeds_index, tmp_path):
    """With the live generation's catalog.sqlite gone (deleted, a disk lost it), `show FILE`
    was "no document with id" until the next index run rebuilt it; the index stores each
    article's path, which names it as well."""
    from search import Store

    from conftest import SEEDS

    ix = tmp_path / "ix"
    shutil.copytree(seeds_index, ix)
    (Store(ix).current_dir() / "catalog.sqlite").unlink()
    path = SEEDS / "000_82caef7a759caf58.txt"
    for typed in (path, path.as_uri()):
        r = show(typed, "--index", ix)
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)["id"] == SEED0
    assert show(SEEDS / "nothing.txt", "--index", ix).exit_code == 2  # still no such article


BODY = ("<p>Soldiers in Mali detained the interim president and prime minister on Monday evening, hours after "
        "a government reshuffle left two army officers out of the cabinet.</p><p>The two men were taken to the "
        "Kati military camp outside Bamako, diplomats and a government official said on Tuesday.</p>")


def test_a_mirrored_page_is_shown_by_its_address_in_either_scheme(tmp_path, monkeypatch):
    """A mirror's page is reported by the address its host folder gives, guessed as https://;
    the same address typed with http:// (as the site may have served it) found nothing."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    story = tmp_path / "archive" / "www.example-news.com" / "2021" / "mali-coup"
    story.mkdir(parents=True)
    (story / "index.html").write_text(f"<html><head><title>Mali's army detains president</title></head>"
                                      f"<body><h1>Mali's army detains president</h1>{BODY}</body></html>")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", str(tmp_path / "archive"), "--index", str(ix)]).exit_code == 0
    want = "archive/www.example-news.com/2021/mali-coup/index.html"
    for typed in ("https://www.example-news.com/2021/mali-coup/", "http://www.example-news.com/2021/mali-coup/",
                  "HTTP://www.example-news.com/2021/mali-coup/", "HTTPS://WWW.Example-News.COM/2021/mali-coup/"):
        r = show(typed, "--index", ix)
        assert r.exit_code == 0, (typed, r.output)
        assert json.loads(r.stdout)["id"] == want
    assert show("http://www.example-news.com/2021/other/", "--index", ix).exit_code == 2

    from web import create_app

    client = create_app({"INDEX": str(ix)}).test_client()  # the web's /doc/<address> alike
    assert client.get("/api/doc/http://www.example-news.com/2021/mali-coup/").get_json()["id"] == want


def test_a_source_given_to_show_says_how_to_list_its_articles(seeds_index):
    """`show seeds` (a source's name, as ids begin with it) or its folder's path said "no
    document with id", as if the folder were not indexed at all."""
    from conftest import SEEDS

    for typed in ("seeds", str(SEEDS), f"{SEEDS}/"):
        r = show(typed, "--index", seeds_index)
        assert r.exit_code == 2
        error = json.loads(r.stdout)
        assert error["source"] == "seeds"
        assert "is a source of the index, not one article: `newsarchive search --filter source=seeds`" in error["error"]
    assert "no document with id 'seedz'" in show("seedz", "--index", seeds_index).stderr


def saved_page(tmp_path, canonical: str):
    """A folder "archive" holding page.html, a page saved to disk with this canonical address."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "page.html").write_text(
        '<html><head><title>Mali\'s army detains president</title>'
        f'<link rel="canonical" href="{canonical}"></head>'
        f"<body><h1>Mali's army detains president</h1>{BODY}</body></html>")
    return folder


@pytest.fixture
def slash_index(tmp_path, monkeypatch):
    """An index of a saved page whose canonical address ends in "/" and of a feed whose record
    "story-2" has none."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    folder = saved_page(tmp_path, "http://www.example-news.com/2021/mali-coup/")
    (folder / "feed.jsonl").write_text(json.dumps({
        "id": "r1", "url": "https://wire.example/story-1?ref=rss", "title": "Junta names premier",
        "text": "Mali's junta named a civilian prime minister on Friday, officials in Bamako said."}) + "\n"
        + json.dumps({"id": "r2", "url": "https://wire.example/story-2", "title": "Envoys arrive",
                      "text": "West African envoys arrived in Bamako on Saturday for talks with the junta."}) + "\n"
        + "".join(json.dumps({"id": f"r{n}", "url": "https://wire.example/live", "title": f"Live update {n}",
                              "text": f"Update {n}: the envoys met the junta's leaders in Bamako on Sunday."}) + "\n"
                  for n in (3, 4)))
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", str(folder), "--index", str(ix)]).exit_code == 0
    return ix


def test_a_page_is_shown_by_its_address_with_or_without_the_trailing_slash(slash_index):
    """`show http://www.cbsnews.com/.../248-human-fetuses-found-in-russian-forest` (an address
    pasted without its last "/") found nothing of the page stored as ".../russian-forest/". The
    other spelling of the path's end is tried where the address as typed names no page, in
    either scheme; one with a query keeps its path as typed."""
    ix = slash_index
    for typed, want in (("http://www.example-news.com/2021/mali-coup", "archive/page.html"),
                        ("https://www.example-news.com/2021/mali-coup", "archive/page.html"),
                        ("https://wire.example/story-2/", "archive/feed.jsonl#r2"),
                        ("http://wire.example/story-2/", "archive/feed.jsonl#r2")):
        r = show(typed, "--index", ix)
        assert r.exit_code == 0, (typed, r.output)
        assert json.loads(r.stdout)["id"] == want
    for typed in ("https://wire.example/story-1/?ref=rss", "https://www.example-news.com/2021/"):
        assert show(typed, "--index", ix).exit_code == 2, typed

    from web import create_app

    client = create_app({"INDEX": str(ix)}).test_client()  # the web's /doc/<address> alike
    assert client.get("/api/doc/http://www.example-news.com/2021/mali-coup").get_json()["id"] == "archive/page.html"


def test_an_article_opened_by_another_spelling_of_the_address_says_which(slash_index):
    """`show https://wire.example/story-2/` opened the record of `.../story-2` (no "/": `/a` and
    `/a/` may be two pages) without a word. `show` says so on stderr and in its JSON, the web's
    page and record alike; an address that names its article as typed says nothing."""
    from web import create_app

    typed, opened = "https://wire.example/story-2/", "https://wire.example/story-2"
    note = f"no article has the address {typed}: this is the one at {opened}"
    r = show(typed, "--index", slash_index)
    assert r.exit_code == 0 and json.loads(r.stdout)["opened_address"] == opened
    assert f"newsarchive: note: {note}" in r.stderr
    plain = CliRunner().invoke(cli, ["show", typed, "--index", str(slash_index)])
    assert plain.exit_code == 0 and note in plain.stderr and note not in plain.stdout
    r = show(opened, "--index", slash_index)
    assert r.exit_code == 0 and "opened_address" not in json.loads(r.stdout) and "note" not in r.stderr

    client = create_app({"INDEX": str(slash_index)}).test_client()
    assert client.get("/api/doc/" + typed).get_json()["opened_address"] == opened
    assert "opened_address" not in client.get("/api/doc/" + opened).get_json()
    page = client.get("/doc/" + typed).get_data(as_text=True)
    assert (f"No article has the address <code>{typed}</code>: this is the one at <code>{opened}</code>."
            in page), page
    assert "No article has the address" not in client.get("/doc/" + opened).get_data(as_text=True)


def test_the_address_that_holds_several_articles_is_the_one_named(slash_index):
    """`show https://wire.example/live/`, where two records are at `.../live` (no "/"), said
    "'…/live/' holds 2 articles", an address that holds none. The error says so and names the
    address that holds them, as /doc/<address> and /api/doc/<address> do."""
    from html import unescape

    from web import create_app

    typed, holder = "https://wire.example/live/", "https://wire.example/live"
    r = show(typed, "--index", slash_index)
    assert r.exit_code == 2 and json.loads(r.stdout)["error"] == (
        f"no article has the address {typed}; '{holder}' holds 2 articles: show one by its id")
    assert json.loads(r.stdout)["ids"] == ["archive/feed.jsonl#r3", "archive/feed.jsonl#r4"]
    r = show(holder, "--index", slash_index)
    assert r.exit_code == 2 and json.loads(r.stdout)["error"] == f"'{holder}' holds 2 articles: show one by its id"

    client = create_app({"INDEX": str(slash_index)}).test_client()
    for path in ("/api/doc/", "/doc/"):
        resp = client.get(path + typed)
        assert resp.status_code == 404
        body = unescape(resp.get_data(as_text=True))
        assert (f"no article has the address '{typed}'; '{holder}' is the address of 2 articles: open one by its id"
                in body), body
        assert f"'{holder}' is the address of 2 articles" in unescape(client.get(path + holder).get_data(as_text=True))


def test_an_address_s_scheme_and_host_are_read_in_any_case_its_path_in_its_own(tmp_path, monkeypatch):
    """`show HTTPS://SITE.EXAMPLE/a` found nothing of the page stored as https://site.example/a:
    a web address's scheme and host are read in any case (RFC 3986), its path is not. Stored
    addresses keep their case, so a host stored in capitals is found typed in lower case too."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    folder = tmp_path / "archive"
    folder.mkdir()
    records = [("a", "https://site.example/a"), ("big-a", "https://site.example/A"), ("b", "https://SHOUT.Example/B")]
    (folder / "feed.jsonl").write_text("".join(json.dumps({
        "id": name, "url": url, "title": f"Story {name}",
        "text": f"Mali's junta named a civilian prime minister, officials said of story {name}."}) + "\n"
        for name, url in records))
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", str(folder), "--index", str(ix)]).exit_code == 0
    for typed, want in (("HTTPS://SITE.EXAMPLE/a", "a"), ("https://Site.Example/A", "big-a"),
                        ("https://shout.example/B", "b"), ("Https://SHOUT.EXAMPLE/B", "b")):
        r = show(typed, "--index", ix)
        assert r.exit_code == 0, (typed, r.output)
        assert json.loads(r.stdout)["id"] == f"archive/feed.jsonl#{want}", typed
        assert "opened_address" not in json.loads(r.stdout) and "note" not in r.stderr, typed
    r = show("HTTP://SITE.EXAMPLE/a", "--index", ix)  # another scheme is another address still: said
    assert json.loads(r.stdout)["opened_address"] == "https://site.example/a"
    for typed in ("https://site.example/b", "https://SITE.EXAMPLE/a/x"):
        assert show(typed, "--index", ix).exit_code == 2, typed

    from web import create_app

    client = create_app({"INDEX": str(ix)}).test_client()  # the web's /doc/<address> alike
    assert client.get("/api/doc/HTTPS://SITE.EXAMPLE/a").get_json()["id"] == "archive/feed.jsonl#a"
    assert client.get("/api/doc/https://shout.example/B").get_json()["id"] == "archive/feed.jsonl#b"


def test_the_page_of_an_article_opened_by_another_spelling_says_show_s_note(slash_index):
    """The document page worded its note of another address itself, and with the address as
    in the link, a space copied after it and all, where `show` and the lookup named the
    address it looked up (stripped). The page gives `show`'s note as a sentence."""
    import html
    import re

    from web import create_app

    typed, opened = "https://wire.example/story-2/", "https://wire.example/story-2"
    r = show(typed + " ", "--index", slash_index)
    assert r.exit_code == 0 and json.loads(r.stdout)["opened_address"] == opened
    note = next(line for line in r.stderr.splitlines() if line.startswith("newsarchive: note: "))
    note = note.removeprefix("newsarchive: note: ")
    assert typed + ":" in note
    page = create_app({"INDEX": str(slash_index)}).test_client().get("/doc/" + typed + "%20").get_data(as_text=True)
    shown = re.search(r'<p class="opened-as" role="note">(.*?)</p>', page).group(1)
    assert f"<code>{typed}</code>" in shown and f"<code>{opened}</code>" in shown, shown
    assert html.unescape(re.sub(r"</?code>", "", shown)) == note[0].upper() + note[1:] + ".", shown


def test_no_slash_is_added_after_a_query_or_a_fragment_however_empty():
    """The other spellings of "https://x/a?" were tried with "https://x/a?/": an empty query
    is a query still (urlsplit reads it as none), and a "/" after it is part of it, another
    address. The path's last "/" is added or dropped only where no "?" or "#" follows it."""
    from search.lookup import _spellings as spellings

    def _spellings(url: str) -> list[str]:  # the host as typed: "www." added comes after (_www_other)
        return [s for s in spellings(url) if "://www." not in s]

    assert spellings("https://x.example/a?")[1:] == ["https://www.x.example/a?", "http://www.x.example/a?"]
    assert _spellings("https://x.example/a?") == ["http://x.example/a?"]
    assert _spellings("http://x.example/a#") == ["https://x.example/a#"]
    assert _spellings("https://x.example/a/?") == ["http://x.example/a/?"]
    assert _spellings("https://x.example/a?b=1") == ["http://x.example/a?b=1"]
    assert _spellings("https://x.example/a") == ["http://x.example/a", "https://x.example/a/", "http://x.example/a/"]
    assert _spellings("http://x.example/a/") == ["https://x.example/a/", "http://x.example/a", "https://x.example/a"]
    assert _spellings("HTTP://X.Example/A") == ["https://x.example/A", "http://x.example/A/", "https://x.example/A/"]


def test_show_s_help_names_every_address_it_takes():
    """`show --help` named http:// and https:// addresses only; a JSON Lines record with no url
    of its own is reported (and found) by its file's address and line."""
    r = CliRunner().invoke(cli, ["show", "--help"])
    assert "file:///data/feed.jsonl#12" in " ".join(r.output.split()) and "either scheme" in r.output


def test_a_saved_page_s_address_with_a_host_in_capitals_is_read_in_any_case(tmp_path, monkeypatch):
    """A page saved to disk is reported by its canonical address, which only the index's `url`
    holds (the catalog has its file:// address): one stored as "https://SHOUT.Example/B" was
    found typed so alone, as a6fa65b read the scheme and host in any case in the catalog but
    tried the index's url as typed and in lower case only. Its path is still read in its case."""
    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    ix = tmp_path / "ix"
    folder = saved_page(tmp_path, "https://SHOUT.Example/2021/Mali-coup")
    assert CliRunner().invoke(cli, ["index", str(folder), "--index", str(ix)]).exit_code == 0
    assert json.loads(show("archive/page.html", "--index", ix).stdout)["url"] == "https://SHOUT.Example/2021/Mali-coup"
    for typed in ("https://shout.example/2021/Mali-coup", "HTTPS://SHOUT.EXAMPLE/2021/Mali-coup",
                  "https://SHOUT.Example/2021/Mali-coup", "http://shout.EXAMPLE/2021/Mali-coup/"):
        r = show(typed, "--index", ix)
        assert r.exit_code == 0, (typed, r.output)
        assert json.loads(r.stdout)["id"] == "archive/page.html", typed
    assert show("https://shout.example/2021/mali-coup", "--index", ix).exit_code == 2  # another path

    from web import create_app

    client = create_app({"INDEX": str(ix)}).test_client()  # the web's /doc/<address> alike
    assert client.get("/api/doc/https://shout.example/2021/Mali-coup").get_json()["id"] == "archive/page.html"


def test_a_file_s_id_lists_its_articles_in_show_and_on_the_web_alike(tmp_path, monkeypatch):
    """A file's id (`wire/feed.jsonl`, as its articles' ids begin) was "no document with id" in
    `show` run from another folder than the source's (the path is read relative to here), where
    /doc/wire/feed.jsonl said the file of 3 articles (4d3e41e) for records with ids of their own;
    and for records named by their lines (`wire/lines.jsonl:1`) the web said "no document with
    id" alone. Each now names the file's articles: `show` as it does for the file's path, the
    page, /api/doc and /text with their first and last ids and the address of the first."""
    from html import unescape

    from web import create_app

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    (tmp_path / "wire").mkdir()
    story = "The harbour authority published report {} on Monday, officials said."
    (tmp_path / "wire" / "feed.jsonl").write_text("".join(json.dumps(
        {"id": str(i), "title": f"Harbour report {i}", "text": story.format(i)}) + "\n" for i in (1, 2, 10)))
    (tmp_path / "wire" / "lines.jsonl").write_text("".join(json.dumps(
        {"title": f"Dock report {i}", "text": story.format(i)}) + "\n" for i in (1, 2, 3)))
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", str(tmp_path / "wire"), "--index", str(ix)]).exit_code == 0
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    for file, ids in (("wire/feed.jsonl", ["wire/feed.jsonl#1", "wire/feed.jsonl#2", "wire/feed.jsonl#10"]),
                      ("wire/lines.jsonl", ["wire/lines.jsonl:1", "wire/lines.jsonl:2", "wire/lines.jsonl:3"])):
        r = show(file, "--index", ix)
        assert r.exit_code == 2 and json.loads(r.stdout) == {
            "error": f"'{file}' holds 3 articles: show one by its id", "exit": 2, "ids": ids}, r.output
    client = create_app({"INDEX": str(ix)}).test_client()
    said = ("no document with id 'wire/lines.jsonl': it is the file of 3 articles 'wire/lines.jsonl:1' to "
            "'wire/lines.jsonl:3'; open one by its id, as /doc/wire/lines.jsonl:1")
    pages = {"/doc/": lambda r: unescape(r.get_data(as_text=True)), "/text/": lambda r: unescape(r.get_data(as_text=True)),
             "/api/doc/": lambda r: r.get_json()["error"]}
    for route, said_by in pages.items():
        r = client.get(route + "wire/lines.jsonl")
        assert r.status_code == 404 and said in said_by(r), (route, said_by(r)[:400])
    assert "Dock report 1" in client.get("/doc/wire/lines.jsonl:1").get_data(as_text=True)
    assert "%23" in client.get("/api/doc/wire/feed.jsonl").get_json()["error"]  # 4d3e41e's, as it was
    shutil.copy(tmp_path / "wire" / "lines.jsonl", tmp_path / "solo.jsonl")
    assert CliRunner().invoke(cli, ["index", str(tmp_path / "solo.jsonl"), "--index", str(ix)]).exit_code == 0
    assert "--filter source=solo" in show("solo", "--index", ix).stdout  # a file given as a source: as before
    for typed in ("wire/lines.json", "wire/lines"):  # no file's id: as before
        assert show(typed, "--index", ix).exit_code == 2 and "no document" in show(typed, "--index", ix).stdout
        assert client.get("/api/doc/" + typed).get_json()["error"].startswith(f"no document with id '{typed}': an id is")


def test_an_address_or_id_with_a_query_typed_after_doc_opens_its_article(tmp_path, monkeypatch):
    """A page's address with a query (https://site/2021/article.php?id=7, as a search reports it)
    or a mirrored page's id with one (…/article.php?id=7.html, as wget saves it), typed or
    pasted after /doc/, reached the server with its "?…" read as the request's own parameters:
    the page, /api/doc and /text said "no document with id '…/article.php'", or opened the page
    at the address without its query, another article, where `show` took either whole. Each is
    now sent to its article's address, its ? written %3F; a search's own ?q= is read as before."""
    from web import create_app

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    folder = tmp_path / "site" / "www.example-news.com" / "2021"
    folder.mkdir(parents=True)
    (folder / "article.php?id=7.html").write_text(f"<html><head><title>Mali's army detains president</title></head>"
                                                  f"<body><h1>Mali's army detains president</h1>{BODY}</body></html>")
    (folder / "article.php").write_text("<html><head><title>Harbour reopens</title></head><body><h1>Harbour reopens"
                                        "</h1><p>The harbour of Dakar reopened on Monday after a week of repairs to "
                                        "its main quay, the port authority said.</p></body></html>")
    ix = tmp_path / "ix"
    assert CliRunner().invoke(cli, ["index", str(tmp_path / "site"), "--index", str(ix)]).exit_code == 0
    doc_id, url = "site/www.example-news.com/2021/article.php?id=7.html", "https://www.example-news.com/2021/article.php?id=7"
    for typed in (doc_id, url):
        assert json.loads(show(typed, "--index", ix).stdout)["id"] == doc_id  # `show` takes either whole
    client = create_app({"INDEX": str(ix)}).test_client()
    for route in ("/doc/", "/text/", "/api/doc/"):
        for typed in (doc_id, url):
            r = client.get(route + typed)
            assert r.status_code == 302 and r.headers["Location"] == route + typed.replace("?", "%3F"), (route, typed)
            r = client.get(route + typed, follow_redirects=True)
            assert r.status_code == 200 and "the interim president and prime minister" in r.get_data(as_text=True), (route, typed)
    assert "Harbour reopens" in client.get("/doc/https://www.example-news.com/2021/article.php").get_data(as_text=True)
    r = client.get("/doc/" + doc_id.replace("?", "%3F"), query_string={"q": "Kati"})  # a search's own ?q=
    assert r.status_code == 200 and "1 match" in r.get_data(as_text=True)
    assert client.get("/doc/https://www.example-news.com/2021/article.php?id=8").status_code != 302  # none so: as before


def _sqlite_steps(monkeypatch) -> list[int]:
    """[the SQLite virtual machine's steps since], counted on every connection opened from now."""
    import sqlite3

    steps = [0]
    connect = sqlite3.connect

    def counted(*args, **kwargs):
        con = connect(*args, **kwargs)
        con.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1), 1)
        return con

    monkeypatch.setattr(sqlite3, "connect", counted)
    return steps


def test_an_address_pasted_in_the_search_box_is_looked_up_not_scanned_for(tmp_path, monkeypatch):
    """A search that finds nothing reads its query as an article's id or address, to link its
    page: each reading (as typed, without its fragment, without its query string) and each
    other spelling scanned every row of the catalog for the address, some 0.3 s of the
    server's CPU for any mistyped address in an archive of 200,000 articles, on a page anyone
    may ask for. Counted in SQLite's steps on a catalog of 5,000 other addresses: fewer steps
    than rows, for an address no article has and for one an article has."""
    from search import Store, indexer
    from search.cache import CATALOG_COLUMNS, Catalog
    from web import create_app

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    (tmp_path / "wire").mkdir()
    records = [{"id": "r1", "url": "https://wire.example/2021/mali-coup", "title": "Junta names premier",
                "text": "The junta in Bamako named a civilian premier on Monday."}]
    (tmp_path / "wire" / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(tmp_path / "wire")])["indexed"] == 1
    rows = 5000
    catalog = Catalog(store.current_dir() / "catalog.sqlite")
    catalog.upsert({**dict.fromkeys(CATALOG_COLUMNS), "id": f"pad{n}", "source": "wire",
                    "info": json.dumps({"url": f"https://wire.example/pad/{n}"})} for n in range(rows))
    catalog.close()
    client = create_app({"INDEX": str(tmp_path / "ix")}).test_client()
    steps = _sqlite_steps(monkeypatch)
    for typed, linked in (("https://wire.example/2021/gone?ref=rss#top", False),
                          ("HTTPS://Wire.example/2021/mali-coup?ref=rss#top", True)):
        steps[0] = 0
        html = client.get("/search?" + urlencode({"q": typed})).get_data(as_text=True)
        assert ("This is the address of an article in the archive" in html) is linked, typed
        assert 0 < steps[0] < rows, (typed, steps[0])


def test_show_file_is_looked_up_not_scanned_for(tmp_path, monkeypatch):
    """`newsarchive show FILE` read the catalog's rows of that file with `path IN (...)`, and the
    catalog's path has no index: every row was read, for each file shown. Counted in SQLite's
    steps on a catalog of 5,000 rows of other files: fewer steps than rows, the file's
    articles found as before, in their lines' order."""
    from search import Store, indexer
    from search.cache import CATALOG_COLUMNS, Catalog

    monkeypatch.setenv("NEWSARCHIVE_WORKERS", "1")
    (tmp_path / "wire").mkdir()
    records = [{"id": f"r{n}", "title": f"Notice {n}", "text": f"The board issued notice number {n} on Monday."}
               for n in (2, 1)]
    feed = tmp_path / "wire" / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store(tmp_path / "ix")
    assert indexer.run(store, [str(tmp_path / "wire")])["indexed"] == 2
    rows = 5000
    catalog = Catalog(store.current_dir() / "catalog.sqlite")
    catalog.upsert({**dict.fromkeys(CATALOG_COLUMNS), "id": f"pad{n}", "source": "wire",
                    "path": str(tmp_path / "wire" / f"pad{n}.txt")} for n in range(rows))
    catalog.close()
    steps = _sqlite_steps(monkeypatch)
    r = show(feed, "--index", tmp_path / "ix")  # a file of two: their ids, to show one
    assert r.exit_code == 2 and json.loads(r.output.splitlines()[0])["ids"] == ["wire/feed.jsonl#r2", "wire/feed.jsonl#r1"]
    assert 0 < steps[0] < rows, steps[0]


def test_a_near_miss_in_a_folder_of_no_source_costs_no_search_for_each_source(tmp_path, monkeypatch):
    """A crawler's path of many folders at /doc/ (`/doc/gone/a/b/…/p/x.txt`) has its ends
    tried under each source's name (lookup._in_another_folder): each was a search of the
    index (Whoosh's document_number, three of them for an id's NFC and NFD forms), a hundred
    and ninety-two here, 0.4 s of such a 404 in an index of a thousand sources. A term looked
    up first, a search is made for an id the index holds only: a path no article has, none;
    the id it is moved from still offered."""
    from whoosh.searching import Searcher

    from search import Store, indexer, open_index
    from search.lookup import near_id

    sources = [tmp_path / f"wire{n}" for n in range(4)]
    for n, source in enumerate(sources):
        source.mkdir()
        (source / f"story-{n}.txt").write_text(f"Story {n}\n\nGrain prices rose in Bamako on Monday.\n", encoding="utf-8")
    assert indexer.run(Store(tmp_path / "index"), [str(s) for s in sources])["indexed"] == 4
    archive = open_index(tmp_path / "index")
    calls = [0]
    counted = Searcher.document_number

    def counting(self, **kw):
        calls[0] += 1
        return counted(self, **kw)

    monkeypatch.setattr(Searcher, "document_number", counting)
    assert near_id(archive, "gone/" + "/".join("abcdefghijklmnop") + "/x.txt") is None
    assert calls[0] <= 2, calls[0]
    calls[0] = 0
    assert near_id(archive, "gone/a/b/c/story-2.txt") == "wire2/story-2.txt"
    assert calls[0] <= 2, calls[0]

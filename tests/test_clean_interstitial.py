"""Bot checks and access-denied pages saved by a crawler are reported, never indexed as articles."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search import Store, get_document, indexer, open_index
from search.cli import cli
from search.clean.interstitial import bot_check
from search.pipeline import clean_article, not_an_article
from search.ingest import read_path

CLOUDFLARE = (
    '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body class="no-js">'
    '<div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">'
    'www.example-news.com</h1><h2 id="challenge-running" class="h2">Checking if the site connection is secure'
    '</h2><noscript><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></noscript>'
    '<div id="challenge-body-text" class="core-msg spacer">www.example-news.com needs to review the security of '
    'your connection before proceeding.</div></div></div><div class="footer"><div class="ray-id">Ray ID: '
    '<code>7a1b2c3d4e5f6a7b</code></div><div id="footer-text">Performance &amp; security by '
    '<a href="https://www.cloudflare.com">Cloudflare</a></div></div></body></html>')
BLOCKED = (
    '<html><head><title>Attention Required! | Cloudflare</title></head><body><div id="cf-wrapper">'
    '<h1>Sorry, you have been blocked</h1><h2>You are unable to access example.com</h2>'
    '<h2>Why have I been blocked?</h2><p>This website is using a security service to protect itself from '
    'online attacks. The action you just performed triggered the security solution. There are several actions '
    'that could trigger this block including submitting a certain word or phrase, a SQL command or malformed '
    'data.</p><h2>What can I do to resolve this?</h2><p>You can email the site owner to let them know you were '
    'blocked. Please include what you were doing when this page came up and the Cloudflare Ray ID found at the '
    'bottom of this page.</p></div></body></html>')
PERIMETERX = (
    '<html><head><title>Access to this page has been denied</title></head><body><h1>Access to this page has been '
    'denied.</h1><p>We believe you are using automation tools to browse the website.</p><p>Please make sure that '
    'Javascript and cookies are enabled on your browser and that you are not blocking them from loading.</p>'
    '<p>Press &amp; Hold to confirm you are a human (and not a bot).</p><p>Reference ID: 3f1b2c</p></body></html>')
DATADOME = ('<html><head><title>example.com</title></head><body><p>Please enable JS and disable any ad blocker</p>'
            "<script>var dd={'cid':'AHrlqAAAAAMA','host':'geo.captcha-delivery.com'}</script></body></html>")

STORY = ("Officials in Bamako said the transition council met on Tuesday to discuss next year's budget, "
         "and the finance minister told reporters the talks with lenders would resume within weeks. ")


def _clean(tmp_path, name: str, html: str) -> dict:
    (tmp_path / name).write_text(html)
    [article] = list(read_path(tmp_path / name))
    return clean_article(article)


@pytest.mark.parametrize("html,phrase", [
    (CLOUDFLARE, "Checking if the site connection is secure"),
    (BLOCKED, "This website is using a security service to protect itself from online attacks"),
    (PERIMETERX, "Access to this page has been denied"),
    (DATADOME, "Please enable JS and disable any ad blocker"),
])
def test_a_bot_check_page_is_not_an_article(tmp_path, html, phrase):
    reason = not_an_article(_clean(tmp_path, "page.html", html))
    assert reason == f"a bot check or access-denied page (\u201c{phrase}\u201d), not an article"


def test_an_article_quoting_a_check_page_stays_an_article(tmp_path):
    quote = "Readers saw a page saying 'Sorry, you have been blocked' when they tried to open the site. "
    cleaned = _clean(tmp_path, "story.html",
                     f"<html><head><title>Readers locked out</title></head><body><article><p>{quote}</p>"
                     + "".join(f"<p>On day {day} of the talks: {STORY}</p>" for day in range(1, 9))
                     + "</article></body></html>")
    assert "Sorry, you have been blocked" in cleaned["text"]
    assert not_an_article(cleaned) is None
    # the length cap alone decides: the same quote on a short page is a check
    assert bot_check("", quote) is not None and bot_check("", quote + STORY * 10) is None


def test_index_reports_check_pages_and_keeps_the_articles(tmp_path):
    src = tmp_path / "site"
    src.mkdir()
    (src / "check.html").write_text(CLOUDFLARE)
    (src / "story.html").write_text(f"<html><head><title>Council meets</title></head><body><article>"
                                    f"<p>{STORY}</p><p>{STORY}</p></article></body></html>")
    r = indexer.run(Store(tmp_path / "ix"), [str(src)])
    assert [(f["path"].rsplit("/", 1)[-1], f["reason"].split(" (")[0]) for f in r["failed"]] == \
        [("check.html", "a bot check or access-denied page")]
    ix = open_index(tmp_path / "ix")
    assert get_document(ix, "site/check.html") is None
    assert "transition council" in get_document(ix, "site/story.html")["text"]


def test_clean_command_skips_a_check_page_with_its_reason(tmp_path):
    (tmp_path / "check.html").write_text(CLOUDFLARE)
    r = CliRunner().invoke(cli, ["clean", "--json", str(tmp_path / "check.html")])
    out = json.loads(r.stdout)  # nothing left to clean: an error naming what was skipped, not `[]`
    assert r.exit_code == 1 and out["error"] == "no article to clean: 1 input skipped"
    assert [s["reason"].startswith("a bot check or access-denied page") for s in out["skipped"]] == [True]
    assert "check.html: a bot check or access-denied page" in r.stderr


def _story(title: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><p>{STORY}</p>"
            f"<p>The minister added that salaries would be paid on time. {STORY}</p></article></body></html>")


def test_a_page_blocked_when_crawled_again_keeps_its_article(tmp_path):
    src = tmp_path / "site"
    src.mkdir()
    (src / "story.html").write_text(_story("Council meets"))
    store = Store(tmp_path / "ix")
    indexer.run(store, [str(src)])
    (src / "story.html").write_text(CLOUDFLARE)  # the nightly crawl met the check
    r = indexer.run(store)  # reindex: an article gone from a file read through is removed
    assert [f["reason"].split(" (")[0] for f in r["failed"]] == ["a bot check or access-denied page"]
    assert r["removed"] == 0
    assert "transition council" in get_document(open_index(tmp_path / "ix"), "site/story.html")["text"]


def test_a_check_page_an_older_cleaner_indexed_is_removed(tmp_path, monkeypatch):
    import sqlite3

    from search.clean import interstitial

    src = tmp_path / "site"
    src.mkdir()
    (src / "check.html").write_text(CLOUDFLARE)
    (src / "story.html").write_text(_story("Council meets"))
    store = Store(tmp_path / "ix")
    monkeypatch.setattr(interstitial, "MAX_WORDS", -1)  # as a release without the check read it
    indexer.run(store, [str(src)])
    assert get_document(open_index(tmp_path / "ix"), "site/check.html") is not None
    monkeypatch.undo()
    # a new release's cleaner: what the old one wrote is neither cached nor trusted
    with sqlite3.connect(tmp_path / "ix" / "cache.sqlite") as con:
        con.execute("DELETE FROM stage1")
    (tmp_path / "ix" / indexer.SCAN_FILE).unlink()
    r = indexer.run(store)  # reindex
    assert [f["reason"].split(" (")[0] for f in r["failed"]] == ["a bot check or access-denied page"]
    assert r["removed"] == 1
    ix = open_index(tmp_path / "ix")
    assert get_document(ix, "site/check.html") is None and get_document(ix, "site/story.html") is not None

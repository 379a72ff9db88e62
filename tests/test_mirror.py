"""A page of a site mirror (wget -m, HTTrack) with no canonical link is reported by the address
its host-named folder gives, not by its file:// address; `show` takes that address."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search.cli import cli

BODY = ("<p>Soldiers in Mali detained the interim president and prime minister on Monday evening, hours after "
        "a government reshuffle left two army officers out of the cabinet.</p><p>The two men were taken to the "
        "Kati military camp outside Bamako, diplomats and a government official said on Tuesday.</p>")


def page(title: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><h1>{title}</h1>{BODY}</body></html>"


@pytest.mark.parametrize("parts,url", [
    (["archive", "www.example-news.com", "2021", "05", "mali-coup", "index.html"],
     "https://www.example-news.com/2021/05/mali-coup/"),
    (["www.example-news.com", "index.html"], "https://www.example-news.com/"),  # the source folder is the host's
    (["archive", "www.example-news.com", "article.php?id=7"], "https://www.example-news.com/article.php?id=7"),
    (["archive", "www.example-news.com", "article.php?id=7.html"], "https://www.example-news.com/article.php?id=7"),  # wget -E
    (["archive", "www.example-news.com", "story.html"], "https://www.example-news.com/story.html"),
    (["archive", "http", "Example-News.com", "a b.html"], "http://example-news.com/a%20b.html"),  # --protocol-directories
    (["archive", "news.bbc.co.uk:8080", "x", "index.html"], "https://news.bbc.co.uk:8080/x/"),
    (["archive", "www.notes.md", "index.html"], "https://www.notes.md/"),
])
def test_a_host_folder_gives_the_pages_address(parts, url):
    from search.ingest.mirror import mirror_url

    assert mirror_url(parts) == url


@pytest.mark.parametrize("parts", [
    ["archive", "notes.md", "index.html"],  # a file extension that is a country's domain too: no "www."
    ["archive", "tools.py", "page.html"],
    ["archive", "2021.05", "page.html"],
    ["archive", "localhost", "page.html"],
    ["archive", "drafts", "page.html"],
    ["www.example-news.com.html"],  # the file's own name is no folder
])
def test_a_folder_that_is_not_clearly_a_host_gives_none(parts):
    from search.ingest.mirror import mirror_url

    assert mirror_url(parts) is None


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_a_mirrored_page_is_reported_and_shown_by_its_address(tmp_path):
    src = tmp_path / "archive"
    story = src / "www.example-news.com" / "2021" / "05" / "mali-coup"
    story.mkdir(parents=True)
    (story / "index.html").write_text(page("Mali's army detains president"))
    (src / "www.example-news.com" / "article.php?id=7").write_text(
        page("Guinea's president sworn in", '<link rel="canonical" href="https://example-news.com/guinea-oath">'))
    (src / "notes.md").mkdir()
    (src / "notes.md" / "copy.html").write_text(page("Mali's army detains president: a copy"))
    ix = tmp_path / "ix"
    assert invoke("index", src, "--index", ix).exit_code == 0

    def urls():
        hits = json.loads(invoke("search", "", "--index", ix, "--json").stdout)["hits"]
        return {h["id"]: h["url"] for h in hits}
    assert urls() == {
        "archive/www.example-news.com/2021/05/mali-coup/index.html": "https://www.example-news.com/2021/05/mali-coup/",
        "archive/www.example-news.com/article.php?id=7": "https://example-news.com/guinea-oath",  # its own wins
        "archive/notes.md/copy.html": (src / "notes.md" / "copy.html").resolve().as_uri(),
    }
    r = invoke("show", "https://www.example-news.com/2021/05/mali-coup/", "--index", ix, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["id"] == "archive/www.example-news.com/2021/05/mali-coup/index.html"
    # moved out of the host's folder, the same bytes are a file again (not the address cached for them)
    (story / "index.html").rename(src / "notes.md" / "moved.html")
    assert invoke("reindex", "--index", ix).exit_code == 0
    assert urls()["archive/notes.md/moved.html"] == (src / "notes.md" / "moved.html").resolve().as_uri()
    assert invoke("show", "https://www.example-news.com/2021/05/mali-coup/", "--index", ix).exit_code == 2

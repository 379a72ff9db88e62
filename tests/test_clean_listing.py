"""A site mirror's category, tag and index pages are reported as lists of links, never indexed
as articles; an article with a linked title or a list of related stories stays an article."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search.cli import cli
from search.ingest import read_path
from search.pipeline import clean_article, not_an_article

NOT_AN_ARTICLE = "a list of links to articles (a category, tag or index page), not an article"
NAV = ('<header class="site-header"><a href="/">Example News</a><nav class="main-menu"><ul>'
       '<li><a href="/category/africa/">Africa</a></li><li><a href="/category/world/">World</a></li></ul></nav></header>')
FOOT = '<footer><p>© 2021 Example News. All rights reserved.</p><p><a href="/privacy/">Privacy</a></p></footer>'
STORIES = [
    ("/2021/05/mali-coup/", "Mali's army detains president and prime minister",
     "Soldiers in Mali detained the interim president and prime minister on Monday evening, hours after a "
     "government reshuffle left two army officers out of the cabinet."),
    ("/2021/05/niger-floods/", "Floods displace thousands in Niger",
     "Heavy rains along the Niger river flooded parts of Niamey on Tuesday, forcing thousands of families from "
     "their homes, the civil protection agency said."),
    ("/2021/05/chad-council/", "Chad military council names transitional government",
     "Chad's military council named a transitional government on Sunday, weeks after the death of President "
     "Idriss Deby on the battlefield."),
    ("/2021/05/cocoa/", "Cocoa prices climb on Ivory Coast supply worries",
     "Cocoa futures rose to a four-month high in London on Wednesday as traders worried that dry weather in "
     "Ivory Coast would cut the mid-crop harvest."),
]
STORY = [
    "Ghana's port of Tema reopened on Monday after a three-day strike by dock workers over pay, the ports "
    "authority said in a statement.",
    "The union said it had reached a deal with the authority to raise wages by ten percent from next month.",
    "Shipping lines said the backlog of vessels waiting outside the harbour would be cleared by the end of the week.",
]


def page(body: str, title: str = "Example News") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{NAV}<main>{body}</main>{FOOT}</body></html>"


def category_page() -> str:
    """WordPress's category archive: linked headlines, a date, a teaser and "Read more" each."""
    return page('<h1 class="page-title">Category: Africa</h1>' + "".join(
        f'<article class="post"><h2 class="entry-title"><a href="{u}">{t}</a></h2><div class="entry-meta">May 2{n}, '
        f'2021</div><div class="entry-summary"><p>{s}</p></div><a class="more-link" href="{u}">Read more</a></article>'
        for n, (u, t, s) in enumerate(STORIES)) + '<nav class="pagination"><a href="page/2/">Next</a></nav>',
        "Africa Archives - Example News")


def tag_page() -> str:
    """A tag page: linked headlines and their dates, no teaser (it was indexed as "- May 2021" four times)."""
    return page('<div id="content"><h1>Tag: Sahel</h1><ul>' + "".join(
        f'<li><h3><a href="{u}">{t}</a></h3><span class="date">May 2021</span></li>' for u, t, _ in STORIES)
        + "</ul></div>", "Sahel - Example News")


def front_page() -> str:
    """A front page: a lead story's headline and teaser, then a list of linked headlines."""
    (u, t, s), rest = STORIES[0], STORIES[1:]
    return page(f'<div class="lead"><h2><a href="{u}">{t}</a></h2><p>{s}</p></div><div class="latest"><ul>'
                + "".join(f'<li><a href="{u}">{t}</a></li><li>{s}</li>' for u, t, s in rest) + "</ul></div>")


def _verdict(tmp_path, html: str, name: str = "index.html") -> str | None:
    (tmp_path / name).write_text(html)
    [article] = list(read_path(tmp_path / name))
    return not_an_article(clean_article(article))


@pytest.mark.parametrize("html", [category_page(), tag_page(), front_page()], ids=["category", "tag", "front"])
def test_a_listing_page_is_not_an_article(tmp_path, html):
    assert _verdict(tmp_path, html) == NOT_AN_ARTICLE


def _related() -> str:
    """A list of related stories in a container that says nothing of what it is."""
    return '<div class="box"><ul>' + "".join(f'<li><a href="{u}">{t}</a></li>' for u, t, _ in STORIES) + "</ul></div>"


@pytest.mark.parametrize("body", [
    # one short story of three paragraphs
    "<article><h1>Port of Tema reopens after strike</h1>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>",
    # its title a link to itself (blogs do that), related stories below it
    '<article><h1><a href="/2021/06/tema-port/">Port of Tema reopens after strike</a></h1>'
    + "".join(f"<p>{p}</p>" for p in STORY) + "</article>" + _related(),
    # a post of one paragraph under its linked title, related stories below it
    f'<article><h2><a href="/2021/06/tema-port/">Port of Tema reopens after strike</a></h2><p>{STORY[0]}</p>'
    "</article>" + _related(),
    # a related story's linked headline above the article, as a sidebar with no telling class puts it
    _related() + "<article><h1>Port of Tema reopens after strike</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
    + "</article>",
], ids=["short story", "linked title and related", "one paragraph", "links above"])
def test_an_article_near_a_list_of_links_stays_an_article(tmp_path, body):
    assert _verdict(tmp_path, page(body, "Port of Tema reopens after strike")) is None


def test_a_mirrors_listing_pages_are_reported_and_its_stories_found_once(tmp_path):
    """wget's mirror of a site: the category page was an article titled by its first story's
    headline, and a search for that story found it twice."""
    site = tmp_path / "mirror" / "www.example-news.com"
    (site / "category" / "africa").mkdir(parents=True)
    (site / "category" / "africa" / "index.html").write_text(category_page())
    story = site / "2021" / "05" / "mali-coup"
    story.mkdir(parents=True)
    (story / "index.html").write_text(page(f"<article><h1>{STORIES[0][1]}</h1>"
                                           + "".join(f"<p>{p}</p>" for p in [STORIES[0][2], *STORY]) + "</article>",
                                           STORIES[0][1]))
    ix = tmp_path / "ix"
    r = CliRunner().invoke(cli, ["index", str(tmp_path / "mirror"), "--index", str(ix), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["added"] == 1
    assert [(f["path"].rsplit("/", 3)[-3], f["reason"]) for f in out["failed"]] == [("category", NOT_AN_ARTICLE)]
    r = CliRunner().invoke(cli, ["search", "reshuffle", "--index", str(ix), "--json"])
    assert [h["id"] for h in json.loads(r.stdout)["hits"]] == ["mirror/www.example-news.com/2021/05/mali-coup/index.html"]

"""The web UI in a real browser: Playwright driving Debian's Chromium against the app
served by waitress over a real index (seeds + a hostile JSON Lines file) in a temp dir."""
from __future__ import annotations

import json
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("NEWSARCHIVE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app under waitress on a free loopback port, over a freshly built index."""
    from search import Store, indexer
    from test_web_hostile import write_hostile

    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "seeds", root / "corpus" / "seeds")
    write_hostile(root / "corpus" / "hostile")
    result = indexer.run(Store(root / "index"), [str(root / "corpus" / "seeds"), str(root / "corpus" / "hostile")])
    assert result["indexed"] == 11, result  # 5 seeds, 6 hostile records
    yield from _serve(root / "index")


def _serve(index_dir):
    """Serve the app over `index_dir` under waitress on a free loopback port; yields its URL."""
    from waitress.server import create_server

    from web import create_app

    srv = create_server(create_app({"INDEX": str(index_dir)}), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


def _archive(tmp_path_factory, name: str, files: dict[str, str], articles: int):
    """Write `files` (relative path -> text) into a fresh corpus, index it, check it holds
    `articles`, and serve it; yields the URL."""
    from search import Store, indexer

    root = tmp_path_factory.mktemp(name)
    for rel, content in files.items():
        (root / "corpus" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "corpus" / rel).write_text(content, encoding="utf-8")
    result = indexer.run(Store(root / "index"), [str(root / "corpus")])
    assert result["indexed"] == articles, result
    yield from _serve(root / "index")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    dialogs: list[str] = []
    errors: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.dialogs, pg.js_errors = dialogs, errors
    yield pg
    assert errors == [], errors
    ctx.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


def count(pg) -> str:
    return pg.locator("p.count strong").inner_text()


def test_query_facet_chip_roundtrip(server, page):
    page.goto(server + "/")
    page.get_by_label("Search the archive").fill("coup")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=coup")
    assert page.get_by_label("Search the archive").input_value() == "coup"
    before = count(page)
    assert int(before) >= 3 and page.locator("li.hit mark").count() > 0

    person = page.locator('section[data-facet="person"] a.fv', has_text="Assimi Goita")
    person.click()
    page.wait_for_url("**person=per%3Aassimi-goita**")
    chip = page.locator("a.chip", has_text="Assimi Goita")
    assert chip.is_visible()
    assert int(count(page)) <= int(before)
    titles = page.locator("li.hit h2 a").all_inner_texts()
    assert titles and all(t for t in titles)
    assert page.locator('section[data-facet="person"] a.fv.on', has_text="Assimi Goita").count() == 1
    shot(page, "results.png")

    chip.click()
    page.wait_for_url("**/search?q=coup")
    assert page.locator("a.chip").count() == 0 and count(page) == before


def test_document_flags_and_boilerplate(server, page):
    page.goto(server + "/search?q=%22Russia+trained+Mali+coup+leaders%22")
    page.locator("li.hit h2 a", has_text="Russia trained Mali coup leaders").click()
    page.wait_for_url("**/doc/seeds/000_82caef7a759caf58.txt?q=*")  # the search it came from
    assert page.locator("h1").inner_text() == "Russia trained Mali coup leaders"

    flag = page.locator("mark.flag").first
    assert flag.is_visible()
    assert flag.get_attribute("data-tip") and flag.get_attribute("title") is None
    flag.focus()  # the explanation shows on keyboard focus, not only on hover
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", flag.element_handle())
    assert tip not in ("none", "normal", "") and len(tip) > 5
    note = page.locator("#" + flag.get_attribute("aria-describedby").split()[0])
    assert note.is_visible()

    removed = page.locator("details.removed")
    assert not removed.locator("li").first.is_visible()  # collapsed
    removed.locator("summary").click()
    assert removed.locator("li", has_text="Please enter your comment!").is_visible()
    assert removed.locator(".reason").first.inner_text() == "comment form"

    person = page.locator("a.ent.ent-person").first
    assert person.is_visible() and "person=" in person.get_attribute("href")
    shot(page, "document.png")


def test_a_result_opens_with_the_search_s_matches_marked_and_the_first_a_click_away(server, page):
    page.goto(server + "/search?q=%22military+base%22")
    first = page.locator("li.hit h2 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/doc/**?q=%22military+base%22")
    assert page.locator("h1").inner_text() == title
    assert page.get_by_label("Search the archive").input_value() == '"military base"'  # the box holds it
    hits = page.locator("mark.hit")
    assert hits.count() >= 1 and all(t.lower() == "military base" for t in hits.all_inner_texts())
    page.locator("p.query-hits a[href='#match-1']").click()
    match = page.locator("#match-1")
    box, height = match.bounding_box(), page.viewport_size["height"]
    assert box is not None and -1 <= box["y"] < height  # scrolled to it (to within a pixel of the top)
    assert match.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    # Next and Previous step through the matches, round to the first
    n = page.locator('mark.hit[id^="match-"]').count()
    assert n >= 2 and page.locator(".match-pos").inner_text() == f"match 1 of {n}"
    nxt = page.get_by_role("button", name="Next match")
    nxt.click()
    page.wait_for_url("**#match-2")
    assert page.locator(".match-pos").inner_text() == f"match 2 of {n}"
    box = page.locator("#match-2").bounding_box()
    assert box is not None and 0 <= box["y"] < height
    page.get_by_role("button", name="Previous match").click()
    page.get_by_role("button", name="Previous match").click()
    page.wait_for_url(f"**#match-{n}")
    assert page.locator(".match-pos").inner_text() == f"match {n} of {n}"
    # from the keyboard: the button keeps the focus, so Enter steps on (the jump took the focus
    # to the page, and a second Enter did nothing)
    nxt.focus()
    for want in (1, 2):
        page.keyboard.press("Enter")
        page.wait_for_url(f"**#match-{want}")
        assert page.locator(".match-pos").inner_text() == f"match {want} of {n}"
        assert nxt.evaluate("el => el === document.activeElement")


def test_back_after_stepping_through_matches_returns_to_the_results(server, page):
    """Each Next pushed a history entry (#match-2, #match-3...): after reading five matches
    the Back button took six presses to reach the results. A step replaces the entry."""
    page.goto(server + "/search?q=mali")
    with page.expect_navigation():
        page.locator("li.hit h2 a", has_text="Russia trained Mali coup leaders").click()
    nxt = page.get_by_role("button", name="Next match")
    for want in (1, 2, 3):
        nxt.click()
        page.wait_for_url(f"**#match-{want}")
        assert page.locator(f"#match-{want}").evaluate("el => el.matches(':target')")  # still marked as the one
    page.go_back()
    page.wait_for_url("**/search?q=mali", timeout=5_000)
    assert page.locator("li.hit").count() > 0


def test_the_focused_match_button_stays_on_the_screen_while_stepping(server, browser):
    """Next and Previous sit in the page's header: the jump to a match far down scrolled the
    focused button off the screen (focus({preventScroll}) kept it where it was). Once
    stepping, they float at the top of the window, clear of the match they scrolled to."""
    ctx = browser.new_context(viewport={"width": 375, "height": 420})
    pg = ctx.new_page()
    try:
        pg.goto(server + "/doc/seeds/000_82caef7a759caf58.txt?q=mali")
        n = pg.locator('mark.hit[id^="match-"]').count()
        assert n >= 3
        nxt = pg.get_by_role("button", name="Next match")
        nxt.focus()
        far = 0.0
        for want in range(1, n + 1):
            pg.keyboard.press("Enter")
            pg.wait_for_url(f"**#match-{want}")
            far = max(far, pg.evaluate("scrollY"))
            button, match = nxt.bounding_box(), pg.locator(f"#match-{want}").bounding_box()
            assert nxt.evaluate("el => el === document.activeElement")
            assert button and 0 <= button["y"] and button["y"] + button["height"] <= 420, (want, button)
            assert match and (match["y"] >= button["y"] + button["height"] or match["x"] + match["width"] <= button["x"])
        assert far > 420  # the matches were a screen or more below the header
    finally:
        ctx.close()


def test_slash_goes_to_the_search_box_but_types_a_slash_in_it(server, page):
    page.goto(server + "/doc/seeds/000_82caef7a759caf58.txt?q=coup")
    box = page.get_by_label("Search the archive")
    page.locator("h1").click()  # the page, not the box, has the focus
    page.keyboard.press("/")
    assert box.evaluate("el => el === document.activeElement && [el.selectionStart, el.selectionEnd]") == [0, 4]
    page.keyboard.type("mali/bamako")  # the query ("coup", selected) typed over; a slash in the box is a slash
    assert box.input_value() == "mali/bamako"


def test_the_slash_key_can_be_turned_off_and_stays_off(server, page):
    """`/` is a one-key shortcut; WCAG 2.1.4 asks for a way to turn such a shortcut off. The
    footer's button does, for this browser, and the box no longer announces the shortcut."""
    page.goto(server + "/search?q=coup")
    box = page.get_by_label("Search the archive")
    assert box.get_attribute("aria-keyshortcuts") == "/"
    toggle = page.locator("#slash-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "Turn off the / key to the search box"
    toggle.click()
    page.goto(server + "/doc/seeds/000_82caef7a759caf58.txt?q=coup")  # another page: still off
    page.locator("h1").click()
    page.keyboard.press("/")
    assert box.evaluate("el => el !== document.activeElement") and box.input_value() == "coup"
    assert box.get_attribute("aria-keyshortcuts") is None
    assert page.locator("#slash-toggle").inner_text() == "Turn on the / key to the search box"
    page.locator("#slash-toggle").click()  # and on again
    assert page.locator("#slash-toggle").inner_text() == "Turn off the / key to the search box"
    page.locator("h1").click()
    page.keyboard.press("/")
    assert box.evaluate("el => el === document.activeElement")


def test_slash_on_a_link_is_no_shortcut(server, page):
    """A "/" with a link or button focused (speech input, a slip) took the focus to the box and
    selected the query, for the next key to replace (WCAG 2.1.4)."""
    page.goto(server + "/search?q=coup")
    box = page.get_by_label("Search the archive")
    page.locator(".hit h2 a").first.focus()
    page.keyboard.press("/")
    assert box.evaluate("el => el !== document.activeElement") and box.input_value() == "coup"


def test_a_focused_flag_stays_visible_above_its_explanation_and_esc_hides_it(server, browser):
    """Below 72rem a flag's explanation is a strip at the bottom of the screen, where Tab had
    just scrolled the next flag: the strip hid it (WCAG 2.4.11). And the explanation, over the
    text, could not be dismissed (WCAG 1.4.13)."""
    for width, height in ((375, 740), (640, 400), (1024, 700)):
        ctx = browser.new_context(viewport={"width": width, "height": height})
        pg = ctx.new_page()
        try:
            pg.goto(server + "/doc/seeds/001_3af445065a74e937.txt")
            pg.locator("h1").click()
            covered = []
            for _ in range(pg.locator(".text mark.flag[tabindex], .text a[href]").count()):
                pg.keyboard.press("Tab")
                got = pg.evaluate("""() => {
                    const e = document.activeElement, flag = e.closest && e.closest('mark.flag[data-tip]');
                    if (!flag) return null;
                    const tip = getComputedStyle(flag, '::after');
                    if (tip.position !== 'fixed') return null;
                    const r = e.getBoundingClientRect(), top = innerHeight - parseFloat(tip.bottom) - parseFloat(tip.height);
                    return r.bottom > top ? e.textContent : null;
                }""")
                if got:
                    covered.append(got)
            assert covered == [], (width, covered)
            flag = pg.locator(".text mark.flag[data-tip][tabindex]").first
            flag.focus()
            tip = "el => getComputedStyle(el.closest('mark.flag'), '::after').content"
            assert pg.evaluate(tip, flag.element_handle()) not in ("none", "normal")
            pg.keyboard.press("Escape")
            assert pg.evaluate(tip, flag.element_handle()) in ("none", "normal")
            pg.keyboard.press("Tab")
            pg.keyboard.press("Shift+Tab")  # back on it: the explanation shows again
            assert pg.evaluate(tip, flag.element_handle()) not in ("none", "normal")
        finally:
            ctx.close()


def test_a_flag_explains_itself_on_hover_and_esc_hides_it_until_the_pointer_leaves(server, page):
    """A flag's title was its accessible name, so screen readers read the explanation twice
    (the name, then the note it is described by). Without it, the explanation shows on hover
    as on focus, and Esc hides it under the pointer too (WCAG 1.4.13)."""
    page.goto(server + "/doc/seeds/001_3af445065a74e937.txt")
    flag = page.locator(".text mark.flag[data-tip][tabindex]").first
    tip = "el => getComputedStyle(el, '::after').content"
    assert page.evaluate(tip, flag.element_handle()) in ("none", "normal")
    flag.hover()
    assert page.evaluate(tip, flag.element_handle()) not in ("none", "normal")
    page.keyboard.press("Escape")
    assert page.evaluate(tip, flag.element_handle()) in ("none", "normal")
    page.locator("h1").hover()
    flag.hover()  # back over it: the explanation shows again
    assert page.evaluate(tip, flag.element_handle()) not in ("none", "normal")
    assert flag.get_attribute("title") is None
    # hidden with the pointer resting on it, the keyboard leaves and comes back: it shows (it
    # stayed hidden while the pointer was there, and Tab came back to a silent flag)
    flag.focus()
    page.keyboard.press("Escape")
    assert page.evaluate(tip, flag.element_handle()) in ("none", "normal")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert flag.evaluate("el => el === document.activeElement")
    assert page.evaluate(tip, flag.element_handle()) not in ("none", "normal")


def test_names_of_each_type_differ_by_more_than_colour(server, page):
    """People, organizations and places in the text differed by colour alone (WCAG 1.4.1):
    their underlines differ in line style too, as in the legend above the text."""
    page.goto(server + "/doc/seeds/000_82caef7a759caf58.txt")
    styles = {}
    for etype in ("person", "organization", "location"):
        links = page.locator(f".text a.ent.ent-{etype}")
        assert links.count(), etype
        styles[etype] = links.first.evaluate("el => getComputedStyle(el).borderBottomStyle")
        legend = page.locator(f".legend .ent-{etype}")
        assert legend.evaluate("el => getComputedStyle(el).borderBottomStyle") == styles[etype]
    assert len(set(styles.values())) == 3, styles


def test_at_320px_no_page_scrolls_sideways_and_the_year_bars_can_be_seen(server, browser):
    """At 400% zoom (320 CSS px) every page scrolled 3px sideways: the search box would not
    shrink below the input's own width (WCAG 1.4.10). The histogram's bars were 2.5:1 against
    the page, under the 3:1 a graphic needs (WCAG 1.4.11)."""
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    pg = ctx.new_page()
    try:
        for path in ("/", "/search?q=coup", "/doc/seeds/000_82caef7a759caf58.txt", "/entities"):
            pg.goto(server + path)
            assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        pg.goto(server + "/")
        rgb = pg.evaluate("getComputedStyle(document.querySelector('.bar')).backgroundColor")
        r, g, b = (int(x) / 255 for x in rgb[rgb.index("(") + 1:-1].split(",")[:3])
        lum = sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
                  for w, c in ((0.2126, r), (0.7152, g), (0.0722, b)))
        assert 1.05 / (lum + 0.05) >= 3, rgb
    finally:
        ctx.close()


def test_following_a_story_from_one_version_to_the_next(server, page):
    page.goto(server + "/doc/seeds/000_82caef7a759caf58.txt")
    page.locator("a", has_text="This story in the archive: 1 other article").click()
    timeline = page.locator("#versions ol.timeline")
    assert timeline.is_visible() and page.url.endswith("#versions")
    items = timeline.locator("li")
    # 001 is dated, 000 is not: the other report first, then this undated article
    assert items.count() == 2 and items.nth(1).get_attribute("aria-current") == "true"
    assert "related report" in items.nth(0).inner_text() and "Diaw" in items.nth(0).inner_text()
    shot(page, "story.png")
    items.nth(0).locator("a").first.click()  # the title; the MT badge is a link too
    page.wait_for_url("**/doc/seeds/001_3af445065a74e937.txt")
    # (004 may stand in 001's timeline too, at the story threshold: test_stories)
    assert "Malin the military commanders" in page.locator("#versions li.current").inner_text()
    assert page.locator("#versions a[href$='/doc/seeds/000_82caef7a759caf58.txt']").count() == 1


def test_script_in_article_is_text_and_never_runs(server, page):
    page.goto(server + "/search?q=hostile")
    assert page.locator("li.hit h2 a", has_text="<script>alert(1)</script>").is_visible()
    page.locator("li.hit h2 a", has_text="Headline").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert page.locator("text=<img src=x onerror=alert(2)>").count() >= 1
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.locator("a[href^='javascript:']").count() == 0


def test_keyboard_and_phone_width(server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    try:
        pg.goto(server + "/search?q=mali")
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.className") == "skip"
        assert pg.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        # results come before the facet column on a phone
        hit_y = pg.locator("li.hit").first.bounding_box()["y"]
        facet_y = pg.locator("aside.facets").bounding_box()["y"]
        assert hit_y < facet_y
        pg.goto(server + "/doc/seeds/000_82caef7a759caf58.txt")
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        ctx.close()


def test_a_narrow_window_never_scrolls_sideways(server, browser):
    """At 375px a flag's explanation ran off the right edge (anchored to the flag's left),
    and one long "word" (a pasted URL, a run-together name) in the query echo or a chip
    pushed the page sideways (QA s13)."""
    ctx = browser.new_context(viewport={"width": 375, "height": 800})
    pg = ctx.new_page()
    fits = "document.documentElement.scrollWidth <= window.innerWidth + 1"
    try:
        pg.goto(server + "/doc/seeds/000_82caef7a759caf58.txt")
        flags = pg.locator("mark.flag[data-tip]")
        assert flags.count() > 3
        for i in range(flags.count()):
            flags.nth(i).focus()
            assert pg.evaluate(fits), i
        pg.goto(server + "/search?q=" + "Supercalifragilistic" * 8 + "&organization=" + "Longname" * 15)
        assert pg.evaluate(fits)
    finally:
        ctx.close()


def test_facet_filter_box_narrows_the_list(server, page):
    page.goto(server + "/")
    facet = page.locator('section[data-facet="location"]')
    facet.locator("details.more summary").click()
    facet.get_by_label("Filter places").fill("mad")
    visible = [t for t in facet.locator("li:visible .fv-v").all_inner_texts()]
    assert visible and all("mad" in v.lower() for v in visible)
    # a digit matches names only: it listed every value whose count had it ("1": all in one article)
    facet.get_by_label("Filter places").fill("1")
    assert facet.locator("li:visible").count() == 0 and "Press Find" in facet.locator(".ffilter-note").inner_text()
    facet.get_by_label("Filter places").fill("mad")
    # Enter submits to the facet page (what happens without JavaScript too)
    facet.get_by_label("Filter places").press("Enter")
    page.wait_for_url("**/facet/location?contains=mad")
    assert all("mad" in v.lower() for v in page.locator(".fv-v").all_inner_texts())


def test_filter_box_says_to_search_when_a_spelling_is_not_listed(server, page):
    """A spelling no listed value carries: the box says so instead of showing an empty list,
    and Find reaches the server, which knows every spelling. ('goyta', an alias, was such a
    spelling until the listed values carried their aliases, s43.)"""
    page.goto(server + "/")
    facet = page.locator('section[data-facet="person"]')
    facet.locator("details.more summary").click()
    box = facet.get_by_label("Filter people")
    box.fill("zzqx")
    assert facet.locator("li:visible .fv-v").count() == 0
    assert "Press Find" in facet.locator(".ffilter-note").inner_text()
    box.fill("GOÏTA")  # accents and case ignored, as on the server
    assert "Assimi Goita" in facet.locator("li:visible .fv-v").all_inner_texts()
    assert facet.locator(".ffilter-note").inner_text() == ""
    box.fill("goyta")
    box.press("Enter")
    page.wait_for_url("**/facet/person?contains=goyta")
    assert "Assimi Goita" in page.locator(".fv-v").all_inner_texts()


def test_a_pasted_long_query_is_refused_whole_not_cut(server, page):
    """The box must not cut a pasted query at a length limit (a cut may silently drop
    `NOT putin`): a list of names up to the limit runs whole, a longer one is refused
    with the reason."""
    from search.query import MAX_QUERY_CHARS
    from test_search import pasted_list

    box = page.get_by_label("Search the archive")
    page.goto(server + "/")
    long_query = "(" + pasted_list(MAX_QUERY_CHARS - len("() NOT putin"), "goyta") + ") NOT putin"
    assert len(long_query) == MAX_QUERY_CHARS
    box.fill(long_query)
    assert box.input_value() == long_query
    box.press("Enter")
    page.wait_for_load_state()
    assert box.input_value() == long_query and page.locator("li.hit").count() >= 1
    box.fill(long_query + " OR goita")
    box.press("Enter")
    page.wait_for_load_state()
    assert "query is too long" in page.content()


@pytest.fixture(scope="module")
def many_years(tmp_path_factory):
    """35 years of articles: the year histogram outgrows a phone's width."""
    lines = []
    for i, year in enumerate(range(1987, 2022)):
        text = (f"Officials in Bamako said on Monday that the talks with the delegation from Dakar had "
                f"ended without an agreement, the {i}th round this year. Minister Moussa Traore "
                f"of the Economic Community of West African States would return next week.")
        lines.append(json.dumps({"id": str(i), "title": f"Talks end, round {i}", "text": text,
                                 "date": f"{year}-03-0{1 + i % 9}"}) + "\n")
    yield from _archive(tmp_path_factory, "years", {"wire.jsonl": "".join(lines)}, 35)


def test_a_long_histogram_and_the_entities_table_stay_inside_a_phone_screen(many_years, browser):
    """All 35 year bars are drawn in the strip's width, on a phone and on a desktop: they
    scrolled inside the strip, 2021 out of sight with no sign of it (their labels had
    widened the page to 949px before that). The labels are ticks that never touch (the
    latest year, the first, the round years), and every bar still names its year to a
    screen reader. The entities table scrolls in its own box: the page never scrolls sideways."""
    for width in (375, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        pg = ctx.new_page()
        try:
            pg.goto(many_years + "/")
            bars = pg.locator("ol.bars li")
            assert bars.count() == 35
            assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            strip = pg.locator("ol.bars")
            assert strip.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), width  # nothing scrolled out
            box = strip.bounding_box()
            last = bars.nth(34).bounding_box()
            assert box["x"] <= last["x"] and last["x"] + last["width"] <= box["x"] + box["width"] + 1
            labels = pg.locator("ol.bars .bar-label").all()
            # a tick is the label's own text; a bar without one has it only in a visually hidden span
            visible = [lab.evaluate("e => !!e.firstChild && e.firstChild.nodeType === 3") for lab in labels]
            ticks = [lab.inner_text().strip() for lab, v in zip(labels, visible) if v]
            assert ticks == ["1987", "1995", "2000", "2005", "2010", "2015", "2021"], ticks
            boxes = [lab.bounding_box() for lab, v in zip(labels, visible) if v]
            for a, b in zip(boxes, boxes[1:]):
                assert a["x"] + a["width"] <= b["x"] + 0.5  # labels do not run together
                assert b["x"] + b["width"] <= box["x"] + box["width"] + 1 and a["x"] >= box["x"] - 1
            assert "1988" in bars.nth(1).inner_text()  # no tick, but its year is read out
            pg.goto(many_years + "/entities")
            assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        finally:
            ctx.close()


def _tabs_to(pg, selector: str, most: int = 80) -> tuple[int, list[str]]:
    """Tab presses from the top of the page until `selector` (its first match) has the
    focus, and the classes of what had it on the way."""
    target = pg.locator(selector).first.element_handle()
    seen = []
    for n in range(1, most + 1):
        pg.keyboard.press("Tab")
        if pg.evaluate("t => document.activeElement === t", target):
            return n, seen
        seen.append(pg.evaluate("document.activeElement.className || document.activeElement.tagName"))
    raise AssertionError(f"no focus on {selector} after {most} Tab presses: {seen}")


def test_the_first_result_is_a_few_tab_presses_away(many_years, page):
    """QA: with results in 1987 and 2021 only, the year histogram made all 35 years links,
    and reaching result 1 took 45 Tab presses. Empty years are not links (nothing to
    focus), and the first Tab stop is a "Skip to results" link, shown when focused."""
    page.goto(many_years + "/search?q=" + "title%3A0+OR+title%3A34")  # rounds 0 (1987) and 34 (2021)
    assert count(page) == "2"
    assert page.locator("ol.bars li").count() == 35
    assert page.locator("ol.bars a").count() == 2  # 1987 and 2021
    empty = page.locator("ol.bars li", has_text="1990")
    assert empty.locator("a, [tabindex]").count() == 0 and "0 results" in empty.inner_text()
    presses, seen = _tabs_to(page, "li.hit h2 a")
    # 13: the two skip links (to the results, to the filters), the header, two bars, the sorts
    assert seen.count("bar-link") == 2 and presses <= 13, (presses, seen)

    page.goto(many_years + "/search?q=" + "title%3A0+OR+title%3A34")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip[href='#results']")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0 and skip.is_visible()  # on screen while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('li.hit h2') !== null")
    assert page.evaluate("document.activeElement.textContent") in ("Talks end, round 0", "Talks end, round 34")


def test_the_filters_are_a_few_tab_presses_away_on_a_wide_screen(server, page):
    """The facet column comes after the results in the page, so on a wide screen, where it
    stands left of them, a keyboard user reached "Machine translation: likely" after every
    result's links: 61 Tab presses for `coup` on a 384-article archive (the "Refine" link
    that jumps there shows on phones only). A second skip link goes to the filters."""
    page.goto(server + "/search?q=mali")
    presses, _ = _tabs_to(page, "a.skip[href='#facets']", most=3)
    skip = page.locator("a.skip[href='#facets']")
    assert skip.inner_text() == "Skip to filters" and skip.is_visible()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('aside.facets a.fv') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "person=" in page.url and page.locator("a.chip").count() == 1
    # nothing to skip to on a page with no results
    page.goto(server + "/search?q=zzzqxw")
    assert page.locator("a.skip[href='#facets']").count() == 0


def test_the_names_of_a_document_are_a_few_tab_presses_away(server, page):
    """Walkthrough: the "In this article" column follows every link of the text (names,
    flags, footnotes): 142 Tab presses on seeds/000 with q=coup. A second skip link goes there."""
    page.goto(server + "/doc/seeds/000_82caef7a759caf58.txt?q=coup")
    _tabs_to(page, "a.skip[href='#ents']", most=2)
    skip = page.locator("a.skip[href='#ents']")
    assert skip.inner_text() == "Skip to names in this article" and skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('aside.doc-side a.ent') !== null")
    assert page.evaluate("document.activeElement.textContent") == page.locator("aside.doc-side a.ent").first.inner_text()


def test_skip_to_results_reaches_did_you_mean(server, page):
    """On a page with no results the suggestion is the one useful link, and "Skip to results"
    jumped past it (it sat above the results)."""
    page.goto(server + "/search?q=cuop")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "coup"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=coup")
    assert page.locator("li.hit").count() > 0


def test_month_labels_are_whole_on_a_phone(server, browser):
    """QA: on a phone the month histogram cut its labels, "Aug 20" and "Jan 202": a bar 38px
    wide, its label "Aug 2020" 54px and cut. The year wraps under its month: every label is
    whole in its bar, the strip shows all of them, and the bars still stand on one line."""
    for width in (375, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        pg = ctx.new_page()
        try:
            pg.goto(server + "/search?q=mali")
            assert pg.locator("figure.hist figcaption").inner_text().startswith("Results per month")
            labels = pg.locator("ol.bars .bar-label")
            texts = [" ".join(t.split()) for t in labels.all_inner_texts()]
            assert texts == ["Aug 2020", "Sep", "Oct", "Nov", "Dec", "Jan 2021", "Feb", "Mar", "Apr"], texts
            strip = pg.locator("ol.bars")
            assert strip.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1"), width
            box = strip.bounding_box()
            for i, text in enumerate(texts):
                label = labels.nth(i)
                assert label.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"), (width, text)
                lab, bar = label.bounding_box(), pg.locator("ol.bars li").nth(i).bounding_box()
                assert bar["x"] - 0.5 <= lab["x"] and lab["x"] + lab["width"] <= bar["x"] + bar["width"] + 0.5, (width, text)
                assert box["y"] - 0.5 <= lab["y"] and lab["y"] + lab["height"] <= box["y"] + box["height"] + 0.5, (width, text)
            bars = [b.bounding_box() for b in pg.locator("ol.bars .bar").all()]
            assert max(b["y"] + b["height"] for b in bars) - min(b["y"] + b["height"] for b in bars) < 1  # one baseline
            assert min(b["y"] for b in bars) >= box["y"] - 0.5  # the tallest bar is whole too
            assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        finally:
            ctx.close()


def test_a_flag_over_a_linked_name_is_one_tab_stop(server, page):
    """QA: a flag wrapping an entity link cost two Tab stops for one name, the <mark> and the
    link in it. Tabbing through the text, such a flag's link is the one stop: the flag's
    explanation shows while it has the focus, and the flag's note describes it. A flag over
    words that link nowhere is a stop of its own, as before."""
    page.goto(server + "/doc/seeds/002_f0668442815f74eb.txt")
    assert page.locator(".text mark.flag:has(a)").count() >= 2 and page.locator(".text mark.flag:not(:has(a))").count() >= 1
    stops, inside = [], False
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const e = document.activeElement, mark = e.closest('mark.flag');
            return {inText: !!e.closest('.text'), tag: e.tagName, text: e.textContent, hasLink: !!e.querySelector('a'),
                    described: e.getAttribute('aria-describedby'), tip: mark && mark.dataset.tip,
                    shown: mark && getComputedStyle(mark, '::after').content}
        }""")
        if stop["inText"]:
            inside = True
            stops.append(stop)
        elif inside:
            break
    want = page.locator(".text a[href], .text mark.flag[tabindex]").count()
    assert len(stops) == want, (len(stops), want)
    assert not [s for s in stops if s["tag"] == "MARK" and s["hasLink"]]  # no stop before the link
    flagged = [s for s in stops if s["tag"] == "A" and s["tip"]]  # links inside a flag
    assert len(flagged) == page.locator(".text mark.flag a").count() >= 2
    for s in flagged:
        assert s["shown"] == f'"{s["tip"]}"', s  # the explanation shows while the link has the focus
        assert s["described"] and all(page.locator("#" + n).is_visible() for n in s["described"].split())
    assert [s for s in stops if s["tag"] == "MARK" and s["shown"] not in ("none", "normal", "")]


@pytest.fixture(scope="module")
def right_to_left(tmp_path_factory):
    """A Hebrew article and an English one."""
    records = [
        {"id": "he", "title": "הממשלה הציגה תוכנית כלכלית חדשה",
         "text": "הממשלה הציגה היום תוכנית כלכלית חדשה. השר אמר כי השינויים ייכנסו לתוקף בחודש הבא ויסייעו "
                 "למשפחות להתמודד עם עליית המחירים. מומחים צופים כי הצמיחה תשתפר בשנה הבאה."},
        {"id": "en", "title": "The government presents a plan",
         "text": "The government presented a new plan for the economy today. The minister said the changes take "
                 "effect next month and will help families cope with rising prices."},
    ]
    yield from _archive(tmp_path_factory, "rtl",
                        {"w/a.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)}, 2)


# an element's direction, and the gaps between its words and its box's left and right edges
GAPS = """e => { const words = e.querySelector('a') || e, r = document.createRange(); r.selectNodeContents(words);
    const t = r.getBoundingClientRect(), b = e.getBoundingClientRect();
    return [getComputedStyle(words).direction, t.left - b.left, b.right - t.right] }"""


def test_right_to_left_titles_and_snippets_align_right(right_to_left, page):
    """QA: a Hebrew title was left-aligned, in the results and over the article, whose text
    is right-aligned: the title and the snippet take the direction of their words."""
    page.goto(right_to_left + "/search?q=%D7%94%D7%9E%D7%9E%D7%A9%D7%9C%D7%94+OR+government")  # הממשלה OR government
    assert count(page) == "2"
    for hit in page.locator("li.hit").all():
        title = hit.locator("h2")
        direction, left, right = title.evaluate(GAPS)
        snippet_direction, _, snippet_right = hit.locator("p.snippet").evaluate(GAPS)
        if "הממשלה" in title.inner_text():
            assert direction == snippet_direction == "rtl" and right < 1 < 100 < left and snippet_right < 1
        else:
            assert direction == snippet_direction == "ltr" and left < 1 < 100 < right
    page.locator("li.hit h2 a", has_text="הממשלה").click()
    page.wait_for_url("**/doc/**")
    direction, left, right = page.locator("h1").evaluate(GAPS)
    assert direction == "rtl" and right < 1 < 100 < left


@pytest.fixture(scope="module")
def data_table(tmp_path_factory):
    """A web page with a wide table of results inside the article."""
    prose = ("The county clerk published the final count on Wednesday evening, two days after the polls "
             "closed, and the losing candidate conceded in a short statement to reporters outside.")
    head = "".join(f"<th>{h}</th>" for h in ("Candidate", "Party", "Votes", "Share", "Change since 2019",
                                             "Postal votes", "Spoilt ballots"))
    rows = "".join(f"<tr><td>{n}</td><td>{p}</td><td>{v}</td><td>{s}</td><td>+1.{i}%</td><td>{1000 + i}</td>"
                   f"<td>{10 + i}</td></tr>" for i, (n, p, v, s) in enumerate(
                       [("Jane Smith", "Labour", "12,345", "48.1%"), ("John Doe", "Green", "9,876", "38.5%"),
                        ("Ann Lee", "Liberal Democrats", "3,402", "13.4%")]))
    page = (f"<html><head><title>Count ends in the third district</title></head><body><article>"
            f"<h1>Count ends in the third district</h1><p>{prose}</p><table><tr>{head}</tr>{rows}</table>"
            f"<p>{prose}</p><ul><li>Turnout: 61 per cent, up four points</li><li>Recounts: none requested</li>"
            f"<li>Result declared at 3 a.m.</li></ul></article></body></html>")
    yield from _archive(tmp_path_factory, "table", {"pages/count.html": page}, 1)


def test_a_data_table_reads_as_a_table_and_scrolls_in_its_own_box(data_table, browser):
    """The cleaner keeps a data table's rows as "Jane Smith | Labour | 12,345" lines; the
    document page shows them as a table, whose columns line up, and which a phone scrolls
    sideways inside its box while the page stays put. A list's items, kept as "- " lines,
    show as a list."""
    for width in (375, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        pg = ctx.new_page()
        try:
            pg.goto(data_table + "/search?q=clerk")
            pg.locator("li.hit h2 a").first.click()
            pg.wait_for_url("**/doc/**")
            table = pg.locator(".text .datatable table")
            assert table.count() == 1
            cells = [[c.inner_text() for c in row.locator("td").all()] for row in table.locator("tr").all()]
            assert cells[0] == ["Candidate", "Party", "Votes", "Share", "Change since 2019", "Postal votes",
                                "Spoilt ballots"]
            assert cells[1][:3] == ["Jane Smith", "Labour", "12,345"] and len(cells) == 4
            assert all(len(row) == 7 for row in cells)
            # columns line up: each row's third cell starts where the header's does
            xs = {round(row.locator("td").nth(2).bounding_box()["x"]) for row in table.locator("tr").all()}
            assert len(xs) == 1
            assert "|" not in pg.locator(".text").inner_text()
            assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), width
            box = pg.locator(".text .datatable")
            if width == 375:
                assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls, not the page
            # the list the cleaner keeps as "- Turnout: ..." lines is a list again, bullets and all
            items = pg.locator(".text ul.bullets li")
            assert items.all_inner_texts() == ["Turnout: 61 per cent, up four points", "Recounts: none requested",
                                               "Result declared at 3 a.m."]
            assert items.first.evaluate("e => getComputedStyle(e).listStyleType") == "disc"
            assert "- Turnout" not in pg.locator(".text").inner_text()
        finally:
            ctx.close()


def test_a_flag_s_explanation_stays_on_the_screen_at_every_width(server, browser):
    """A tip anchored to a flag near the right edge ran off the screen from 641 to about 1000px
    (the page gained a sideways scrollbar, up to 1057px wide at 800): every flag of a seed
    full of them, focused in turn, leaves the page as wide as the window, and its explanation shows."""
    for width in (375, 800, 1000, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        pg = ctx.new_page()
        try:
            pg.goto(server + "/doc/seeds/004_f3b39a4f3be66642.txt")
            flags = pg.locator("mark.flag[data-tip]")
            assert flags.count() >= 5
            for i in range(flags.count()):
                flag = flags.nth(i)
                link = flag.locator("a")
                (link.first if link.count() else flag).focus()
                tip = pg.evaluate("el => getComputedStyle(el, '::after').content", flag.element_handle())
                assert tip not in ("none", "normal", ""), (width, i)
                assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (width, i)
        finally:
            ctx.close()


def test_the_entity_table_s_article_counts_show_on_a_phone(server, browser):
    """Walkthrough (s43): on a 390px phone the entity list's last column, Articles, sat off the
    screen inside the table's sideways scroll; nothing showed it was there. Every column now
    fits the screen, the counts whole, and the table does not scroll."""
    for width in (360, 390):
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        pg = ctx.new_page()
        try:
            pg.goto(server + "/entities")
            assert pg.locator("table.ents tbody tr").count() > 10
            wrap = pg.locator(".tablewrap")
            assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), width
            head = pg.locator("table.ents thead th", has_text="Articles").bounding_box()
            assert head["x"] + head["width"] <= width, (width, head)
            for cell in pg.locator("table.ents td.num").all()[:20]:
                assert cell.evaluate("e => e.scrollWidth <= e.clientWidth"), width
        finally:
            ctx.close()


def test_a_facet_s_filter_box_finds_a_listed_entity_by_another_spelling(server, page):
    """Walkthrough (s43): the filter box in a facet's "more" matched the listed names only.
    Over Reuters, "opec" in Organizations hid Organization of Petroleum Exporting Countries
    (36 articles) and kept "Opecna" (2), as if OPEC were not among the results. A listed
    entity's other spellings now match too, as on the facet page."""
    page.goto(server + "/search?q=coup")
    panel = page.locator('section[data-facet="person"]')
    panel.locator("details.more summary").click()
    page.locator("#ff-person").fill("goyta")  # a spelling of Assimi Goita's, not his name
    shown = panel.locator("li:not([hidden]) .fv-v").all_inner_texts()
    assert shown == ["Assimi Goita"], shown
    assert panel.locator(".ffilter-note").inner_text() == ""
    page.locator("#ff-person").fill("keita")  # a name still matches as before
    assert "Ibrahim Boubacar Keita" in panel.locator("li:not([hidden]) .fv-v").all_inner_texts()


def test_the_facet_page_s_filter_box_finds_a_listed_entity_by_another_spelling_as_you_type(server, page):
    """As in a panel's "more" (above): the facet page's box narrows its list as you type, and
    "goyta" hid Assimi Goita until Find asked the server, which knows his spellings."""
    page.goto(server + "/facet/person?q=coup")
    page.locator("#contains").fill("goyta")
    assert page.locator("#fl-all li:not([hidden]) .fv-v").all_inner_texts() == ["Assimi Goita"]
    page.locator("#contains").fill("zzqx")
    assert page.locator("#fl-all li:not([hidden])").count() == 0 and "Press Find" in page.locator(".ffilter-note").inner_text()


LONG_URL = ("https://news.example.com/world/africa/2021/05/25/mali-coup-leader-detains-president-and-prime-minister?"
            + "&".join(f"utm_param{i}=campaign-value-{i:03d}-tracking" for i in range(14)))


@pytest.fixture(scope="module")
def long_url(tmp_path_factory):
    """One wire record whose original URL carries 650 characters of tracking parameters."""
    record = {"id": "longurl", "title": "Mali coup leader detains president", "date": "2021-05-25", "source": "wire",
              "url": LONG_URL, "text": "The colonel who led the coup in Mali detained the president on Monday. " * 5}
    yield from _archive(tmp_path_factory, "longurl", {"wire/long.jsonl": json.dumps(record) + "\n"}, 1)


def _phone(browser, url: str):
    """A page at `url` on a phone: 390px, touch, no mouse (Playwright's touch emulation: pointer coarse, no hover)."""
    return _opened(browser, url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)


@contextmanager
def _opened(browser, url: str, **context):
    """A page at `url` in a new browser context made with `context` (viewport, touch), closed after."""
    ctx = browser.new_context(**context)
    try:
        pg = ctx.new_page()
        pg.goto(url)
        yield pg
    finally:
        ctx.close()


def test_a_long_original_url_takes_two_lines_on_a_phone_and_stays_whole_in_its_link(long_url, browser):
    """A 650-character "Original" URL took 25 lines of a phone's column above the article; it
    takes two, cut with an ellipsis, and the link and its text (what a copy takes) hold it whole."""
    with _phone(browser, long_url + "/search?q=colonel") as pg:
        pg.locator("li.hit h2 a").first.tap()
        pg.wait_for_url("**/doc/**")
        link = pg.locator(".docmeta a.orig")
        assert link.get_attribute("href") == LONG_URL and link.evaluate("e => e.textContent") == LONG_URL
        lines = link.evaluate("e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)")
        assert lines <= 2.1, lines
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(pg, "long-url-phone.png")


def test_the_slash_key_switch_is_not_offered_on_a_touch_screen(server, browser, page):
    """"Turn off the / key" sat in a phone's footer, a key to turn off on a screen with no
    keyboard: it shows on a desktop, not where the screen is touched and nothing hovers."""
    with _phone(browser, server + "/search?q=coup") as pg:
        assert pg.evaluate("matchMedia('(pointer: coarse) and (hover: none)').matches")
        assert pg.locator("#slash-toggle").count() == 1 and not pg.locator("#slash-toggle").is_visible()
    page.goto(server + "/search?q=coup")
    assert page.locator("#slash-toggle").is_visible()


def test_the_mt_badge_s_explanation_is_a_tap_away(server, browser):
    """"MT likely" explained itself in a tooltip a finger never brings up: a tap on it opens the
    article at its "Machine translation" line, which gives the score and the flags."""
    with _phone(browser, server + "/search?q=coup") as pg:
        badge = pg.locator("li.hit a.badge-likely").first
        assert badge.count() == 1, "the badge is no link"
        badge.tap()
        pg.wait_for_url("**/doc/**#mt")
        line = pg.locator("#mt")
        assert "Machine translation: likely" in line.inner_text()
        top = line.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 844, top  # scrolled to, on the screen

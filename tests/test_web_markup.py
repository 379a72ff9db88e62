"""Text + overlapping spans → escaped, well-nested HTML (web.markup)."""
from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest

from web.markup import Flag, Mention, blocks, pieces, render, render_linked

VOID = {"br"}


class NestingChecker(HTMLParser):
    """Fails on any close tag that does not close the innermost open element; collects text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.kinds: list[str] = []  # the open elements, a mark with its first class ("mark.flag")
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        # interactive content never nests: no <a> in <a>, no flag's <mark> in a <mark>; a
        # search match's mark, innermost and no Tab stop, may be in a flag's, never in another
        kind = f"{tag}.{(attrs.get('class') or '').split(' ')[0]}" if tag == "mark" else tag
        assert kind not in self.kinds, f"<{kind}> inside {self.kinds}"
        assert not (tag == "mark" and kind != "mark.hit" and "mark.hit" in self.kinds), f"<{kind}> inside a match"
        assert not (tag == "mark" and kind != "mark.hit" and any(k.startswith("mark") for k in self.kinds)), self.kinds
        assert not (kind == "mark.hit" and "tabindex" in attrs)
        if tag not in VOID:
            self.stack.append(tag)
            self.kinds.append(kind)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()
        self.kinds.pop()

    def handle_data(self, data):
        self.text.append(data)


def check(html: str) -> NestingChecker:
    p = NestingChecker()
    p.feed(html)
    p.close()
    assert p.stack == [], f"unclosed {p.stack}"
    return p


def visible_text(p: NestingChecker) -> str:
    return "".join(p.text)


def flag(n, s, e, kind="broken-sentence", detail="why"):
    return Flag(n, s, e, kind, detail)


def test_plain_text_is_escaped_and_split_into_paragraphs():
    out = render("a <script>alert(1)</script> & b\n\nsecond\n\n\n\nthird")
    assert [str(p) for p in out] == ["a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b", "second", "third"]


def test_single_newlines_stay_inside_a_paragraph():
    assert [str(p) for p in render("line one\nline two")] == ["line one\nline two"]


def test_mention_becomes_link_and_flag_becomes_focusable_mark():
    text = "Assimi Goita spoke.Rebels came"
    out = render(text, [flag(1, 17, 25)], [Mention(0, 12, "person", "Assimi Goita", "/search?person=Assimi+Goita")])
    html = str(out[0])
    assert '<a class="ent ent-person" href="/search?person=Assimi+Goita">Assimi Goita</a>' in html
    assert ('<mark class="flag flag-broken-sentence" tabindex="0" aria-describedby="flagnote-1" '
            'data-tip="Broken sentence: why">') in html
    # no title: it was the focused mark's accessible name, read before the note saying the same
    assert "title=" not in html
    assert 'aria-describedby="flagnote-1"' in html and 'href="#flagnote-1"' in html
    p = check(html)
    assert visible_text(p).replace("1", "") == text


def test_overlapping_flag_and_mention_nest_properly():
    text = "xx Assimi Goita yy"
    #            mention 3..15, flag 0..9 (crosses the mention start)
    out = render(text, [flag(1, 0, 9)], [Mention(3, 15, "person", "Assimi Goita", "/p")])
    html = str(out[0])
    p = check(html)
    assert visible_text(p).replace("1", "") == text
    # the flag covers the whole mention: one link, one Tab stop (QA s13: cut at the flag's end
    # the name was two links, "Côte d`Ivoire`s" four, with footnote numbers inside the word)
    assert html.count('<a class="ent ent-person"') == 1
    assert html.index("Goita</a></mark>") < html.index('id="flagref-1"')


def test_a_footnote_number_follows_the_word_its_flag_ends_in():
    text = "Côte d`Ivoire`s army and Russia`s envoy"
    i = text.index("Russia")
    out = render(text, [flag(1, 5, 8), flag(2, 12, 15), flag(3, i + 5, i + 8)],
                 [Mention(0, 13, "location", "Côte d`Ivoire", "/ci"), Mention(i, i + 6, "location", "Russia", "/ru")])
    html = str(out[0])
    p = check(html)
    # flags 1 and 2 overlap once widened to the name (0..13 and 0..15): one mark, numbers after it
    assert visible_text(p) == text.replace("Ivoire`s", "Ivoire`s12").replace("Russia`s", "Russia`s3")
    assert html.count('href="/ci"') == 1 and html.count('href="/ru"') == 1


def test_overlapping_flags_share_a_piece_and_both_explain_it():
    text = "said . ” [It was"
    out = render(text, [flag(1, 5, 8, "foreign-typography", "space before"), flag(2, 7, 10, "foreign-typography", "quote opens")], [])
    html = str(out[0])
    check(html)
    assert 'data-tip="Foreign typography: space before; Foreign typography: quote opens"' in html
    assert 'aria-describedby="flagnote-1 flagnote-2"' in html
    # each flag gets exactly one footnote reference, after its last piece
    assert html.count('id="flagref-1"') == 1 and html.count('id="flagref-2"') == 1
    assert html.index('id="flagref-1"') < html.index('id="flagref-2"')


def test_overlapping_flags_are_one_mark_with_their_numbers_right_after_it():
    """Walkthrough, seeds/000: flags 8 ('. ”') and 9 ('” [') were three marks and three Tab
    stops for two flags, and flag 9's number came after the next word ("[It⁹ was]"). They
    are one mark naming both, one Tab stop, the numbers right after it."""
    text = "told The Daily Beast. ” [It was] especially"
    i = text.index(". ”")
    out = render(text, [flag(8, i, i + 3, "foreign-typography", "space before"),
                        flag(9, i + 2, i + 5, "foreign-typography", "quote opens")], [])
    html = str(out[0])
    p = check(html)
    assert visible_text(p) == text.replace("[It", "[89It")
    assert html.count("<mark") == 1 and html.count('tabindex="0"') == 1
    assert ('<mark class="flag flag-foreign-typography" tabindex="0" aria-describedby="flagnote-8 flagnote-9" '
            'data-tip="Foreign typography: space before; Foreign typography: quote opens">. ” [</mark>') in html
    assert html.endswith('aria-label="translation flag 9">9</a></sup>It was] especially')


def test_a_flag_inside_another_is_one_mark_and_flags_that_touch_stay_two():
    text = "one two three four five six"
    out = str(render(text, [flag(1, 4, 18), flag(2, 8, 13), flag(3, 18, 23)], [])[0])
    check(out)
    assert out.count("<mark") == 2 and out.count('tabindex="0"') == 2
    assert '>two three four</mark><sup class="flagref"><a href="#flagnote-1"' in out
    assert 'aria-describedby="flagnote-1 flagnote-2"' in out and 'aria-describedby="flagnote-3"' in out
    assert out.index('id="flagref-1"') < out.index('id="flagref-2"') < out.index(" five")


def test_overlapping_mentions_never_nest_links():
    text = "Central African Republic"
    out = render(text, [], [Mention(0, 24, "location", text, "/a"), Mention(8, 15, "location", "African", "/b")])
    html = str(out[0])
    p = check(html)
    assert visible_text(p) == text
    assert '<a class="ent ent-location" href="/a">Central African Republic</a>' == html


def test_spans_across_paragraphs_are_split_and_out_of_range_spans_clamped():
    text = "one two\n\nthree four"
    out = render(text, [flag(1, 4, 14), flag(2, 15, 99), flag(3, 50, 60), flag(4, 5, 5)], [Mention(-3, 3, "person", "one", None)])
    assert len(out) == 2
    for para in out:
        check(str(para))
    assert '<span class="ent ent-person">one</span>' in str(out[0])
    assert "flagnote-3" not in "".join(map(str, out)) and "flagnote-4" not in "".join(map(str, out))
    assert "flagnote-2" in str(out[1])


def test_markup_in_text_and_details_is_escaped():
    text = '<b onmouseover="x">bold</b>'
    out = render(text, [Flag(1, 0, 5, 'x"><script>', '"><img src=x onerror=alert(1)>')],
                 [Mention(3, 10, "person", "x", '/s?q="><script>')])
    html = str(out[0])
    p = check(html)
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert [t for t, _ in p.tags if t not in ("mark", "a", "sup")] == []
    assert visible_text(p).replace("1", "") == text


def test_pieces_cover_the_text_exactly():
    text = "ab\n\ncd ef"
    paras = pieces(text, [flag(1, 1, 6)], [Mention(5, 9, "location", "d ef")])
    got = "".join(text[p.start:p.end] for para in paras for p in para)
    assert got == "abcd ef"


@pytest.mark.parametrize("seed", range(40))
def test_random_overlaps_always_well_nested_and_lossless(seed):
    rng = random.Random(seed)
    words = ["Mali", "<x>", "&", "coup.", "Goita", "\n\n", "é", '"', "a", " "]
    text = "".join(rng.choice(words) + rng.choice(["", " "]) for _ in range(rng.randint(1, 40)))
    n = len(text)
    flags = [flag(i + 1, rng.randint(-2, n + 2), rng.randint(-2, n + 2)) for i in range(rng.randint(0, 8))]
    mentions = [Mention(rng.randint(0, n), rng.randint(0, n), rng.choice(["person", "location"]), "m", rng.choice([None, "/x"]))
                for _ in range(rng.randint(0, 8))]
    hits, at = [], 0
    while at < n and rng.random() < 0.7:  # the search's matches: in order, apart
        a = rng.randint(at, n)
        b = rng.randint(a, min(n, a + 8))
        if a < b:
            hits.append((a, b))
        at = b + 1
    out, _ = render_linked(text, flags, mentions, hits)
    body, ids, marked = [], [], []
    for para in out:
        p = check(str(para))
        ids += [attrs["id"] for t, attrs in p.tags if "id" in attrs and attrs["id"].startswith("match-")]
        marked.append(_marked_text(str(para)))
        # strip footnote numbers: they are the only text we add
        body.append("".join(p.text))
        assert {t for t, _ in p.tags} <= {"a", "mark", "span", "sup"}
    expected = [s for s in (chunk for chunk in _paragraphs(text)) if s.strip()]
    assert len(body) == len(expected)
    for got, want in zip(body, expected):
        # footnote refs add digits; removing every added digit must leave the paragraph
        assert _without_refs(got, want)
    # each match begins with its anchor, once, and its text (paragraph breaks aside) is marked
    assert len(ids) == len(set(ids)) and set(ids) <= {f"match-{k}" for k in range(1, len(hits) + 1)}
    assert all(f"match-{k}" in ids for k, (a, b) in enumerate(hits, 1) if not text[a].isspace())
    assert re.sub(r"\s", "", "".join(marked)) == re.sub(r"\s", "", "".join(text[a:b] for a, b in hits))


def _marked_text(html: str) -> str:
    """The text inside <mark class="hit"> elements, unescaped."""
    import re
    from html import unescape

    return "".join(unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<mark class="hit"[^>]*>(.*?)</mark>', html))


def _paragraphs(text):
    import re

    return re.split(r"\n\n+", text)


def _without_refs(got: str, want: str) -> bool:
    # want is a subsequence of got, and the extra characters are digits (footnote refs)
    i = 0
    for ch in got:
        if i < len(want) and ch == want[i]:
            i += 1
        elif not ch.isdigit():
            return False
    return i == len(want)


def test_pieces_cover_as_a_scan_of_every_span_would():
    """pieces() sweeps the cuts once (scanning every span for every piece took 80 s for a
    2.5 MB article's page): each piece has the flags covering it, in list order, and the
    earliest-starting, then longest, mention covering it, as a plain scan finds them."""
    import random

    from web.markup import pieces

    rnd = random.Random(7)
    for _ in range(500):
        size = rnd.randint(0, 200)
        text = "".join(rnd.choice("ab c\n\n.") for _ in range(size))

        def spans(k):
            out = []
            for i in range(k):
                a = rnd.randint(0, size)
                out.append((i, (a, rnd.randint(a, min(size, a + 30)))))
            rnd.shuffle(out)
            return out

        fspans, mspans = spans(rnd.randint(0, 8)), spans(rnd.randint(0, 12))
        refs = {i: rnd.randint(0, size) for i, _ in fspans}
        for para in pieces(text, [], [], (fspans, mspans, refs)):
            for p in para:
                assert p.flags == tuple(i for i, (s, e) in fspans if s <= p.start and p.end <= e)
                covering = [(s, -e, i) for i, (s, e) in mspans if s <= p.start and p.end <= e]
                assert p.mention == (min(covering)[2] if covering else None)


def test_a_flag_over_a_linked_name_is_one_tab_stop_the_link_described_by_the_flag():
    """QA: a flag wrapping an entity link cost two Tab stops for one word (the <mark
    tabindex=0>, then the link in it). The link is the one stop, described by the flag's note;
    a flag over plain text or an unlinked name keeps its own stop."""
    text = "Keitan met Goita and the envoy."
    out = render(text, [flag(1, 0, 6), flag(2, 11, 16, "name-variant", "Goyta elsewhere"), flag(3, 21, 30)],
                 [Mention(0, 6, "person", "Keitan", "/k"), Mention(11, 16, "person", "Goita", None)])
    html = str(out[0])
    p = check(html)
    marks = [a for t, a in p.tags if t == "mark"]
    links = [a for t, a in p.tags if t == "a" and "ent" in a.get("class", "")]
    assert len(marks) == 3 and len(links) == 1
    linked, unlinked, plain = marks
    assert "tabindex" not in linked and "aria-describedby" not in linked
    assert linked["data-tip"] == "Broken sentence: why" and "title" not in linked  # explained on hover and focus (CSS)
    assert links[0] == {"class": "ent ent-person", "href": "/k", "aria-describedby": "flagnote-1"}
    assert html.startswith('<mark class="flag flag-broken-sentence" data-tip="Broken sentence: why">'
                           '<a class="ent ent-person" href="/k" aria-describedby="flagnote-1">Keitan</a></mark>')
    for m, n in ((unlinked, 2), (plain, 3)):
        assert m["tabindex"] == "0" and m["aria-describedby"] == f"flagnote-{n}"
    # a link under no flag is described by nothing
    assert str(render("Keitan met", [], [Mention(0, 6, "person", "Keitan", "/k")])[0]) == \
        '<a class="ent ent-person" href="/k">Keitan</a> met'


def test_render_linked_names_the_types_shown_as_links():
    from web.markup import render_linked

    text = "Goita flew to Bamako for ECOWAS talks."
    mentions = [Mention(0, 5, "person", "Goita", "/p"), Mention(14, 20, "location", "Bamako", "/l"),
                Mention(25, 31, "organization", "ECOWAS", None)]  # not linked: no link to explain
    paragraphs, linked = render_linked(text, [flag(1, 0, 5)], mentions)
    assert paragraphs == render(text, [flag(1, 0, 5)], mentions) and linked == {"person", "location"}
    assert render_linked("no names here", [], [])[1] == set()
    # a mention out of the text is no link either
    assert render_linked("short", [], [Mention(40, 50, "person", "x", "/x")])[1] == set()


def test_rows_of_a_data_table_become_one_table():
    text = "\n\n".join(["The count ended.", "Candidate | Party | Votes", "Jane Smith | Labour | 12,345",
                        "John Doe | | 9,876", "Turnout was high.", "Home | About", "Email | Print | Share"])
    jane = text.index("Jane Smith")
    out = blocks(render(text, mentions=[Mention(jane, jane + 10, "person", "Jane Smith", "/?person=jane")]))
    assert out[0] == "The count ended." and out[2] == "Turnout was high."
    table = out[1]
    assert [[str(c) for c in row] for row in table][0] == ["Candidate", "Party", "Votes"]
    assert str(table[1][0]) == '<a class="ent ent-person" href="/?person=jane">Jane Smith</a>'
    assert [str(c) for c in table[2]] == ["John Doe", "", "9,876"]  # an empty cell keeps its column
    # near misses: lone lines with pipes, and two of a different width, stay paragraphs
    assert out[3:] == ["Home | About", "Email | Print | Share"]


def test_a_mark_across_a_cell_boundary_keeps_the_rows_paragraphs():
    # cutting the row there would leave an unclosed <mark> in one cell
    text = "Ann | 12\n\nBob | 14"
    out = blocks(render(text, flags=[Flag(1, 0, 8, "foreign-typography", "test")]))
    assert out == render(text, flags=[Flag(1, 0, 8, "foreign-typography", "test")])
    assert all(isinstance(b, str) for b in out)


def test_items_of_a_list_become_one_list():
    text = "\n\n".join(["The count ended.", "- Turnout: 61%", "- Recounts: none", "• Declared at 3 a.m.",
                        "Candidate | Votes", "Jane Smith | 12,345", "- Spoilt: 10", "- Postal: 1,000",
                        "Turnout was high.", "- A lone dash line", "-no space", "- "])
    jane = text.index("Jane Smith")
    out = blocks(render(text, mentions=[Mention(jane, jane + 10, "person", "Jane Smith", "/?person=jane")]))
    assert out[0] == "The count ended."
    assert out[1].kind == "list" and out[1] == ["Turnout: 61%", "Recounts: none", "Declared at 3 a.m."]
    assert out[2].kind == "table" and [str(c) for c in out[2][0]] == ["Candidate", "Votes"]
    assert out[3].kind == "list" and out[3] == ["Spoilt: 10", "Postal: 1,000"]  # a table ends a list, not the page
    # near misses: one item, a dash without its space, a bare dash stay paragraphs
    assert out[4:] == ["Turnout was high.", "- A lone dash line", "-no space", "- "]


def test_a_plain_text_archive_s_starred_items_are_a_list_as_the_cleaner_reads_them():
    """"* " items are list items to the cleaner's teaser-list rule; the page showed them as
    paragraphs opening with a star. One definition now serves both."""
    from search.clean.text import clean_text

    items = ["* Turnout: 61%", "* Recounts: none"]
    text = clean_text("Results\n\nThe count ended.\n\n" + "\n\n".join(items) + "\n\n*Emphasis, not an item*").text
    assert all(i in text for i in items)  # the cleaner keeps the article's own list
    out = blocks(render(text))
    lists = [b for b in out if getattr(b, "kind", None) == "list"]
    assert lists == [["Turnout: 61%", "Recounts: none"]], out
    assert "*Emphasis, not an item*" in out


def test_a_mark_on_the_bullet_keeps_the_items_paragraphs():
    text = "- Ann said so\n\n- Bob did not"
    flags = [Flag(1, 0, 5, "foreign-typography", "test")]
    assert blocks(render(text, flags=flags)) == render(text, flags=flags)

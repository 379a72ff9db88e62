"""A blog's comment thread (Movable Type, TypePad) is no part of the article."""
from __future__ import annotations

from search.clean import clean_html, clean_text

ARTICLE = ["I have several armwarmer orders on my to-knit Christmas list, along with a couple of slouchy "
           "hats and a long scarf for my sister.",
           "For a little decoration, and to keep the piece polished at the top, I started with a few rows "
           "of seed stitch before the ribbing."]
COMMENTS = [
    ("Ellen", "This weather makes me weep, it is downright tear-inducing, and enough with the humidity already.",
     "Please send the cool nights our way, we have had a hundred degrees every day since June."),
    ("Dawn", "The coolness has finally hit North Carolina, with lows in the fifties at night.",
     "I am not knitting this year because I have started weaving, and so far I love it."),
    ("Kevin Daly", "We would all be poorer without your insights and your humour, and I wish you well.",
     "Good luck with the armwarmers, and thank you for the pattern notes in the last post."),
]


def _page() -> str:
    # the post's own navigation line, repeated below its comments, as Movable Type prints it
    nav = "<p>« Where are we going, Aunt Purl? (and why) | Main</p>"
    art = "".join(f"<p>{p}</p>" for p in ARTICLE)
    com = "".join(f"<div><p>{a}</p><p>{b}</p><p>Posted by: {who} at September 10, 2012 11:40 AM</p></div>"
                  for who, a, b in COMMENTS)
    return (f"<html><head><title>Armwarmers</title></head><body>{nav}<div><h1>Armwarmers</h1>{art}"
            f"<p>Posted by laurie at September 10, 2012 9:01 AM</p></div><div>{com}</div>{nav}</body></html>")


def test_a_comment_thread_under_a_post_is_removed_as_comments():
    c = clean_html(_page())
    assert all(p in c.text for p in ARTICLE)
    reasons = {r["text"]: r["reason"] for r in c.removed}
    for who, a, b in COMMENTS:
        assert a not in c.text and b not in c.text
        assert reasons[a] == reasons[b] == reasons[f"Posted by: {who} at September 10, 2012 11:40 AM"] == "comments"


def test_typepad_signatures_after_trackbacks_and_a_comment_that_lost_its_signature():
    text = "\n\n".join([
        "Armwarmers", *ARTICLE, "Posted by Kathy on April 6, 2007 | Permalink",
        "» So Sad from ntschutta.com", "I was very saddened to read this today.", "Tracked on Apr 6, 2007 6:56:46 PM",
        COMMENTS[0][1], "Posted by: omni | Mar 22, 2007 12:56:24 AM",
        COMMENTS[1][1], "Posted by: atmos | Mar 20, 2007 10:19:46 PM",
        COMMENTS[2][1]])  # its signature did not make it into the text
    c = clean_text(text)
    # the trackbacks stay with the post (they are before the first comment)
    assert c.text.endswith("I was very saddened to read this today.\n\nTracked on Apr 6, 2007 6:56:46 PM")
    reasons = {r["text"]: r["reason"] for r in c.removed}
    assert reasons[COMMENTS[0][1]] == reasons[COMMENTS[2][1]] == "comments"


def test_signatures_alone_do_not_make_a_thread():
    # one signature; two signatures with no post footer, trackback or comment form before them
    one = "\n\n".join(["Armwarmers", *ARTICLE, "Posted by laurie at September 10, 2012 9:01 AM",
                       COMMENTS[0][1], "Posted by: Ellen at September 10, 2012 11:40 AM", COMMENTS[1][1]])
    assert COMMENTS[0][1] in clean_text(one).text and COMMENTS[1][1] in clean_text(one).text
    no_opener = "\n\n".join(["Armwarmers", ARTICLE[0], "Posted by: Ellen at September 10, 2012 11:40 AM",
                             ARTICLE[1], "Posted by: Dawn at September 11, 2012 10:00 AM", COMMENTS[1][1]])
    c = clean_text(no_opener)
    assert all(p in c.text for p in ARTICLE) and COMMENTS[1][1] in c.text


def test_a_byline_or_comment_count_above_the_post_opens_no_thread():
    # blog themes that print "Posted by ... on ..." and the comment count above the post: the
    # post between them and the first comment's signature is the article
    for above in ("Posted by laurie on September 10, 2012", "12 Comments"):
        text = "\n\n".join(["Armwarmers", above, *ARTICLE, COMMENTS[0][1],
                             "Posted by: Ellen at September 10, 2012 11:40 AM", COMMENTS[1][1],
                             "Posted by: Dawn at September 11, 2012 10:00 AM"])
        c = clean_text(text)
        assert all(p in c.text for p in ARTICLE), above


def test_the_post_s_footer_gives_its_author_and_date():
    text = "\n\n".join(["Armwarmers", *ARTICLE, "Posted by laurie at September 10, 2012 9:01 AM",
                         COMMENTS[0][1], "Posted by: Ellen at September 10, 2012 11:40 AM",
                         COMMENTS[1][1], "Posted by: Dawn at September 11, 2012 10:00 AM"])
    c = clean_text(text)
    assert (c.author, str(c.published)) == ("laurie", "2012-09-10")
    assert c.text.endswith(ARTICLE[1])
    # near miss: a last line that is the article's sentence
    c = clean_text("\n\n".join(["Armwarmers", *ARTICLE, "Posted by the ministry on April 6, 2007, the notice "
                                                         "named three officers."]))
    assert c.text.endswith("named three officers.") and c.author is None

"""Each lexicon family: lines it must catch, and near-miss article sentences it must not."""
from __future__ import annotations

import pytest

from search.clean.patterns import FAMILIES, match

POSITIVE = {
    "comment form": ["Leave A Reply", "Leave a Reply With Facebook", "Please enter your comment!",
                     "Please enter your name here", "12 Comments", "Powered by Facebook Comments",
                     "Your email address will not be published. Required fields are marked *",
                     "Trackback Pings", "TrackBack URL for this entry:", "The comments to this entry are closed.",
                     "Make a comment", "READER COMMENTS:"],
    "share/follow": ["Share this article", "Follow us on Twitter", "Facebook Twitter WhatsApp Email",
                     "Share on Facebook", "Click to share on Twitter (Opens in new window)",
                     "Follow World News on NBCNews.com on Twitter and Facebook",
                     "Bookmark, Share, or Email This Page", "Print or email this article", "Copy link"],
    "newsletter": ["Subscribe", "Sign up for our daily newsletter", "Get the latest",
                   "Stay Informed: Get the Latest Updates and Insights", "Enter your email address",
                   "Sign-up To The Newsletter And Get A Free eBook",
                   "Sign up for our daily newsletter to get the best of our journalism in your inbox."],
    "related list": ["You may also like", "You may enjoy these related posts:", "Most popular",
                     "Related Articles", "Read more about the political situation in Mali from here.",
                     "Also read: Junta extends transition", "None Found", "Our Top Stories", "Similar Threads",
                     "More From", "Explore Related Content", "More world stories from NBC News:", "Popular Tutorials",
                     "Trending now", "TRENDING TODAY", "More: Mali junta names a new prime minister",
                     "More: http://idea-mag.com"],
    "counter": ["(Visited 1 times, 1 visits today)", "1,204 views", "Views: 88", "4 min read"],
    "navigation": ["Previous post:", "Next post:", "Home", "Skip to content", "News » World » Africa",
                   "Page 2 of 5", "« 8 great talks on war and peace | Main | What data is being collected on you? »",
                   "‹ Back to Story", "1 - 8 of 48", "Adjust text size:", "- Font:"],
    "copyright": ["© 2021 IDN-InDepthNews", "Copyright 2020 The Daily Beast. All rights reserved.",
                  "Privacy Policy | Terms of Use | Contact Us",
                  "A version of this article appeared July 24, 2012, on page A1 in the U.S. edition of "
                  "The Wall Street Journal, with the headline: Agency's Quest Is Marathon Effort."],
    "tag list": ["Tags: Mali, Russia, Wagner", "Filed under: Africa",
                 "Published on March 17, 2010 in Personal Tools and System Tools. Tags: battery saver, Nokia."],
    "advertisement": ["Advertisement", "Story continues below advertisement", "Sponsored Content"],
    "caption residue": ["untitled design", "Untitled design (3)", "IMG_2041.jpg", "Photo: AFP",
                        "Getty Images"],
    "spam": ["Aliso Viejo Home Search Aliso Viejo Home Values", "Best Online Casino Bonus Codes 2021"],
    "author box": ["Post by", "has written 200 articles.", "View all posts by Jane Doe"],
    # QA: a cookie banner was the first paragraph of an article
    "cookie notice": ["This website uses cookies to improve your experience.",
                      "We use cookies to give you the best experience. By continuing you agree to our cookie policy.",
                      "By continuing to browse the site you are agreeing to our use of cookies.",
                      "Accept all cookies", "Cookie settings"],
    # review: a blog post's line of details stayed in its text (8 of the 1,381 Dragnet pages)
    "post details": ["1 Comment »    | Published in", "Leave a comment!    | Published in",
                     "Designer Interviews, General, Mid-century Modern, furniture  |  1 Comment",
                     "Posted Nov. 6,2012 at 5:32 PM EST by Andy Towle | Permalink",
                     "Posted by Kathy on April 6, 2007 | Permalink",
                     "by Simon St. Laurent | @simonstl | +Simon St. Laurent | Comment | August 9, 2012"],
}

# article sentences that only resemble a family
NEGATIVE = {
    # a byline (read for its author and date), and pipes in a sentence
    "post details": ["By Jane Doe | April 11, 2021", "The minister said he would comment | later today",
                     "Published in the Journal of Medicine, the study found that 5 comments | were ignored"],
    "comment form": ["He told protesters to leave a reply to the ministry.",
                     "leave a reply to the ministry", "The ministry declined to comment on the report.",
                     "Please enter your comment, the officer told the crowd, and then wait.",
                     "Make a comment on the draft by Friday, the ministry said."],
    "share/follow": ["Russia's share of arms exports to Africa rose to 39 percent.",
                     "Others will follow us, the colonel said.",
                     "Follow the money on Twitter and you find the junta, he said.",
                     "Print and save the ballot before Friday, the commission said."],
    "newsletter": ["“Subscribe,” the presenter told viewers.", 'He urged viewers to "subscribe" to the channel.',
                   "Residents subscribe to the view that the junta will stay."],
    "related list": ["Related reports suggest the coup was planned in Russia.",
                     "Read more carefully, the document shows a different date.",
                     "Most popular among the soldiers was Colonel Goita.",
                     "More news from Bamako is expected on Friday, the minister said.",
                     # QA: went as a "related list" for its "More:"
                     "More: the ministry also cut the health budget by 2%, officials said."],
    "counter": ["The video had 1,204 views before it was taken down by the platform."],
    "navigation": ["Home Secretary Priti Patel visited Bamako.", "The next post will be in Gao.",
                   "Search for the missing soldiers continued on Friday.",
                   "ARGENTINE 1986/87 GRAIN/OILSEED REGISTRATIONS", "2/26  2/27",
                   "Shares of Home Depot | Main Street retailers rose as a group on Monday, traders said.",
                   "Back to the story of the coup: the colonel left.", "Font size matters, the designer said.",
                   "1 - 8 of 48 soldiers were wounded."],
    "copyright": ["The copyright dispute over the song reached a court in Paris.",
                  "A version of this law was passed in 2019, officials said."],
    "tag list": ["The tags on the crates showed they came from Russia.",
                 "Posted in Kati, the order was read out in Bamako on Friday: tags on every crate."],
    "advertisement": ["Advertising revenue at the state broadcaster fell sharply."],
    "caption residue": ["The photo shows the colonel in Moscow.", "An untitled design document leaked."],
    "spam": ["Home values in Bamako rose after the coup, economists said."],
    "author box": ["Posted by the ministry on its website, the statement denied the claims."],
    "cookie notice": ["We use cookies to track users, the company admitted in court.",
                      "Accept the cookies, the baker said, and the deal is done.", "OK", "I agree"],
}


def test_every_family_is_covered():
    assert set(POSITIVE) == set(FAMILIES) == set(NEGATIVE)


@pytest.mark.parametrize("family,line", [(f, ln) for f, lines in POSITIVE.items() for ln in lines])
def test_positive(family, line):
    assert match(line) == family


@pytest.mark.parametrize("family,line", [(f, ln) for f, lines in NEGATIVE.items() for ln in lines])
def test_near_miss_kept(family, line):
    assert match(line) is None


@pytest.mark.parametrize("line", ["TWO TURNS IN A YEAR", "What do we know so far?", "HOW AND WHY RUSSIA HELPS JUNTA",
                                  "Mali denounces Wagner’s allegations"])
def test_subheadings_are_not_boilerplate(line):
    assert match(line) is None


@pytest.mark.parametrize("line", [
    "« Looking To Make Money From Facebook? Expect Them To Make Money From You | Main",  # Dragnet R104
    "« Marketers with power | Blog Home | \"A fire in South Buffalo!\" »",
    "Main | Death threats against bloggers are NOT \"protected speech\" »",
    "« Nokia N85 and Nokia N79 Software Update v20.175 is Available",
    "« Previous Coates",
])
def test_links_to_the_posts_beside_this_one_are_navigation(line):
    """A blog's previous/next post links: normalise strips their arrows, so the shape is read first."""
    assert match(line) == "navigation"


@pytest.mark.parametrize("line", [
    "« Nous resterons au Mali », a dit le ministre.",  # a quotation opening a paragraph
    "« We will stay in Mali until the job is done, he said.",  # an article's sentence: it ends with a stop
    "He called it a plan » of the junta.",
])
def test_a_paragraph_opening_a_quotation_is_no_post_link(line):
    assert match(line) is None


BODY = ("Green Bay Packers offensive coordinator Tom Clements hopes that the tight end will be more "
        "involved in the offense this week, he told reporters on Friday.")


@pytest.mark.parametrize("line", ["NFL.com Staff | Tags: Three and out,",
                                  "Adam Rank | Tags: Monday Nightmare, Doug Martin, LeSean McCoy"])
def test_a_byline_before_the_tags_is_a_tag_list(line):
    """blogs.nfl.com's "NFL.com Staff | Tags: Three and out," opened the text of 11 of the
    Dragnet pages (none in their gold text): a byline before the tags kept the line whole."""
    from search.clean import clean_text

    assert match(line) == "tag list"
    cleaned = clean_text(f"Finley could see more targets\n\n{line}\n\n{BODY}\n")
    assert cleaned.text == BODY and {"text": line, "reason": "tag list"} in cleaned.removed


@pytest.mark.parametrize("line", ["By: Jane Doe | Tags: Monday Nightmare, Doug Martin",
                                  "Posted by: Adam Rank | Filed under: Three and out",
                                  "Written by: Adam Rank | Tagged: NFL AM"])
def test_a_byline_with_a_colon_before_the_tags_is_a_tag_list(line):
    """"By: Jane Doe | Tags: ..." stayed as the text's first paragraph: the byline-before-the-tags
    line took no colon before the bar, to keep a list's labelled rows ("Winner: Parasite | ..."),
    and a byline's "By:" has one. The rows stay (test_a_labelled_row_of_the_article_s_own_list_is_no_tag_list)."""
    from search.clean import clean_text

    assert match(line) == "tag list"
    cleaned = clean_text(f"Finley could see more targets\n\n{line}\n\n{BODY}\n")
    assert cleaned.text == BODY and {"text": line, "reason": "tag list"} in cleaned.removed
    assert match("Winner: Parasite | Tags: film") is None  # a label other than a byline's


@pytest.mark.parametrize("line,author", [
    ("By: Jane Doe | Tags: Monday Nightmare, Doug Martin", "Jane Doe"),
    ("Posted by: Adam Rank | Filed under: Three and out", "Adam Rank"),
    ("By Adam Rank | Tagged: NFL AM", "Adam Rank"),
    ("NFL.com Staff | Tags: Three and out,", None),  # no "By": a site's label may be no one's name
    ("Tags: by the way, Doug Martin", None),  # the tags are not read
])
def test_a_byline_before_the_tags_gives_the_page_its_author(line, author):
    """"By: Jane Doe | Tags: ..." went from the text as a tag list, and Jane Doe with it: the page
    had no author. The words before the first bar are read as a byline."""
    from search.clean import clean_text

    cleaned = clean_text(f"Finley could see more targets\n\n{line}\n\n{BODY}\n")
    assert (cleaned.author, cleaned.text) == (author, BODY)


def test_a_date_before_the_tags_still_dates_the_page():
    """A date is no byline: "Published: November 7th, 2012 | Tags: ..." is left to the date
    reader, which dates the page by it."""
    import datetime

    from search.clean import clean_text

    line = "Published: November 7th, 2012 | Tags: NFL AM, Jacksonville Jaguars"
    assert match(line) != "tag list"
    cleaned = clean_text(f"Jaguars owner speaks\n\n{line}\n\n{BODY}\n")
    assert cleaned.published == datetime.date(2012, 11, 7)


@pytest.mark.parametrize("line", ["Winner: Parasite | Category: Best Picture",
                                  "Olivia Colman | Category: Best Actress",
                                  "Bernie Sanders | Topics: health care, the minimum wage",
                                  "Title: Moby-Dick | Keywords: whale, obsession"])
def test_a_labelled_row_of_the_article_s_own_list_is_no_tag_list(line):
    """The byline-before-the-tags line took any words, a bar and Category, Topics or Keywords:
    an article's list of winners or candidates lost its rows as a tag list."""
    from search.clean import clean_text

    assert match(line) is None
    text = f"Oscar winners named\n\n{BODY}\n\nThe winners in the main categories:\n\n{line}\n\n{BODY}\n"
    assert line in clean_text(text).text

from search.translation.typography import detect


def kinds(text):
    return [f["excerpt"] for f in detect(text)]


def test_space_before_punctuation_and_guillemets():
    assert kinds("What now ? Nobody knows what the junta in Bamako will do next ; the talks go on.") == [" ?", " ;"]
    assert kinds("He said they returned from Russia]. \u00a0»") != []
    assert kinds("The officers called it « a strategy without a compass ».") != []


def test_spaced_question_mark_after_a_statement_is_a_lost_character():
    """A "?" that a wrong encoding put for an em dash, after a statement, is not French
    spacing (one such flag made a native English TED post, Dragnet page 142, "likely");
    a spaced "?" after a question still is."""
    assert detect("\u201cAn intellectual challenge presents itself ? I am in bliss. Instantly, it") == []
    assert detect("He left on Monday ? The minister said so.") == []
    more = " The talks in Bamako went on for a week without any result, the ministers said !"
    assert kinds("Why did the colonels seize power ? Nobody knows." + more) == [" ?", " !"]
    assert kinds("Is the transition over ? The junta says no." + more) == [" ?", " !"]
    assert kinds("The junta will stay, won't it ? Nobody knows." + more) == [" ?", " !"]
    assert kinds("It is here : the plan that the colonels drew up in Kati before the coup." + more) == [" :", " !"]


def test_web_conventions_are_not_source_typography():
    """Near misses from native English pages (Dragnet R6, R509, R531), each of which a
    single flag of this kind made "likely": a quoted tweet's "@handle :", a wink "; )",
    and "»" as a paragraph bullet."""
    assert detect("Quotable Quotes:\n    @rbranson : Datadog stays available where others fail.") == []
    assert detect("Kind of a share-the-attacks approach ; ) More like 37 Signals.") == []
    assert detect("Week 9 feedback\n\n\u00bb Adrian Peterson is still very, very good. Carry on.\n\n"
                  "\u00bb The Oakland Raiders might have found something.") == []
    assert kinds("The minister said : the plan failed, and the talks in Bamako will go on next week ; he left.") == [" :", " ;"]
    assert kinds("He said they returned from Russia.\n\u00bb It was") == []
    assert kinds("They said the plan \u00bb was over.") == [" \u00bb"]


def test_backtick_apostrophes():
    assert [f["excerpt"] for f in detect("the regional instability of Mali`s coup")] == ["i`s"]


def test_mis_oriented_curly_quotes():
    assert detect("a colonel told The Daily Beast. ” [It was] their relatives") != []
    assert detect("led the country as a result of the” coup d’etat “. They have views") != []


def test_french_quotation_in_guillemets_is_not_an_artifact():
    text = "The minister called the plan « une stratégie sans boussole » on Monday, then left."
    assert detect(text) == []


def test_ordinary_english_quotes_and_colons_pass():
    assert detect("He said “hello” and left. “Yes,” she said: it was 10:30.") == []


def test_unknown_token_marker():
    assert [f["excerpt"] for f in detect("it is ⁇ played by the cosmos")] == ["⁇"]


def test_web_link_arrows_are_not_guillemets():
    """Near misses from scraped English pages: "Follow on Twitter »" and "« Previous" are link
    arrows (one flag of this kind made a CBS article 'likely'); a lone » inside a line still counts."""
    assert detect("Brian Montopoli is the senior political reporter. Follow on Twitter »\n\nNext story") == []
    assert detect("« Older posts\nThe minister said on Monday.") == []
    assert len(detect("The coups called it the plan » of the junta.")) == 1


class _CountingFlag(dict):
    """A flag that counts how often any flag's fields are read."""

    reads = 0

    def __getitem__(self, key):
        _CountingFlag.reads += 1
        return super().__getitem__(key)


def test_nested_flags_are_dropped_in_one_pass():
    """A long text with thousands of flags compared each with every flag kept (quadratic):
    the flags are read a bounded number of times each, and nested ones still go."""
    from search.translation.typography import _dedupe

    flags = [_CountingFlag(start=10 * i, end=10 * i + 5) for i in range(300)]
    flags += [_CountingFlag(start=10 * i + 1, end=10 * i + 4) for i in range(0, 300, 3)]  # inside a flag
    _CountingFlag.reads = 0
    kept = _dedupe(flags)
    assert [(f["start"], f["end"]) for f in kept] == [(10 * i, 10 * i + 5) for i in range(300)]
    assert _CountingFlag.reads <= 5 * len(flags) + 2 * len(kept), _CountingFlag.reads


def test_spaced_closing_quote_inside_a_foreign_quotation_is_found_by_position():
    from search.translation.typography import _inside

    spans = [(5, 10), (20, 30), (31, 32)]
    for pos in range(40):
        assert _inside(pos, spans) == any(a <= pos < b for a, b in spans), pos
    assert not _inside(3, [])


def test_one_spaced_mark_a_label_or_a_french_quotation_is_no_french_typesetting():
    """Dragnet's human pages: one "become a reality ?" or "Yvette !" (a writer's habit; French
    typesetting spaces every such mark), "Source : The Company of Biologists" and comment
    headers "Joe : 11:58 AM" (labels), « Vive la France ! » (French in its own marks), a nested
    quotation closed "‘Use this vaccine,’ ” he said" and „Wir schaffen das“: 24 of 1,340 pages
    were "possible" or "likely" on such flags alone."""
    assert detect("Will remote work ever become a reality ? Many firms in the city now think so.") == []
    assert detect("Source : The Company of Biologists\nJoe : 11:58 AM\nPoints : 101\nSustainable Style : Rebuilding") == []
    assert detect("The crowd shouted « Vive la France ! » as the parade passed by the old square.") == []
    assert detect("“He told me, ‘Use this vaccine,’ ” he said on Monday in the capital.") == []
    assert detect("Merkel said „Wir schaffen das“ at a press conference in Berlin in 2015.") == []
    # still flagged: two marks spaced in prose, a German low quote around English words
    assert kinds("Is it over ? The junta says the talks in Bamako will go on for a week ; nobody knows.") == [" ?", " ;"]
    assert detect("He called it „a strategy without a compass“ in his speech.") != []


def test_a_page_s_navigation_guillemets_are_not_quote_marks():
    """Dragnet pages (R104, 113, T78, T147, 248, 459): blog post links, breadcrumbs, menus and
    "Title « Site" separators. One such flag made 46 native English pages "possible" or "likely"."""
    prose = "The minister said on Monday that the talks would go on.\n"
    assert detect(prose + "« Looking To Make Money From Facebook? Expect Them To Make Money From You") == []
    assert detect(prose + "« Marketers with power | Blog Home | \"A fire in South Buffalo!\" »") == []
    assert detect(prose + "Main | Death threats against bloggers are NOT protected speech »") == []
    assert detect(prose + "Home » Blog » JFP 8/8: Garzon: by law, UK must respect Ecuador asylum") == []
    assert detect(prose + "» An Economy for All» Curbing Wall Street» Health Care for All»") == []
    assert detect(prose + "The Silence of The LaMs » Interesting Links 1") == []
    assert detect(prose + "Visto nel Web – 36 « Ok, panico") == []
    assert detect(prose + "»\n") == []
    assert detect("« Older posts\r\nThe minister said on Monday.") == []  # \r\n line ends too
    # a quote mark hugs its words, or stands before lower case: still flagged
    assert len(detect(prose + "They look as if frozen in a kind of \" embrace»,\nand more.")) == 1
    assert len(detect(prose + "The coups called it the plan » of the junta.")) == 1


def test_typing_slips_are_shown_but_not_counted():
    """A mis-oriented curly quote or an acute accent for an apostrophe is flagged, but weighs
    nothing in the score: native English web pages have them (19 of 1,370 Dragnet pages), and
    the machine translations the rates were fitted on do not."""
    from search.translation import detect as score
    from search.translation.flags import count_by_kind, counted

    human = ("Researchers at the university said on Tuesday that the new survey of river birds showed a "
             "steady rise in numbers over the past decade, which they put down to cleaner water. ") * 4
    slips = human + "\n\nAs one reader put it: ”This is the best season we have had in years.” That´s what I love."
    flags = detect(slips)
    assert {f["excerpt"] for f in flags} == {"”T", "t´s"}
    assert not any(counted(f) for f in flags) and "not counted" in flags[0]["detail"]
    assert sum(count_by_kind(flags)) == 0
    assert score(slips)["label"] == score(human)["label"] == "unlikely"
    # the backtick of seed 004 still counts
    assert [counted(f) for f in detect("the regional instability of Mali`s coup")] == [True]


def test_an_excerpt_holds_no_line_break():
    flags = detect("The minister said on Monday that the talks would go on.\n«over, he said.")
    flags += detect("It was the “Five Stages of Fox “\nNext, the talks.")
    assert flags and all("\n" not in f["excerpt"] for f in flags)

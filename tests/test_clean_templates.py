"""Cross-document pass on a generated one-site archive: template lines go, article text stays."""
from __future__ import annotations

import random
from pathlib import Path

from search.clean import clean_text
from search.clean.templates import find_template_lines, line_key, line_keys, strip_template_lines

# lines the per-page classifier cannot know: only their repetition gives them away
HEADER = ["Sahel Observer – independent news from West Africa since 1998",
          "Breaking: fuel shortages continue across the region"]
FOOTER = ["The Sahel Observer is published by Observer Media Group in Dakar and is funded by its readers.",
          "Readers picked these stories this week"]
RELATED = ["Junta extends transition to 2026", "Wagner fighters seen near Timbuktu",
           "ECOWAS lifts sanctions on Bamako", "Gold exports hit record high",
           "Drought threatens millet harvest", "Teachers strike enters third week"]
SUBJECTS = ["The junta", "The ministry", "A regional envoy", "The army spokesman", "Opposition leaders",
            "The central bank", "Aid agencies", "The prime minister"]
VERBS = ["announced", "denied", "confirmed", "questioned", "welcomed", "criticised"]
OBJECTS = ["a new security pact with Moscow", "the arrival of foreign trainers in Gao",
           "plans to hold elections next year", "the suspension of two newspapers",
           "talks with northern armed groups", "a rise in fuel prices across the capital"]
# an article sentence that merely contains the masthead phrase
QUOTING = "A reporter told the Sahel Observer that the convoy was attacked twice before reaching Gao."


def _article(rng: random.Random, n: int) -> list[str]:
    return [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} on day {n}-{i}, "
        f"officials in Bamako said on condition of anonymity."
        for i in range(rng.randint(3, 6))
    ]


def _write_archive(root: Path, pages: int = 24) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for n in range(pages):
        body = _article(rng, n)
        if n == 5:
            body.insert(1, QUOTING)
        related = rng.sample(RELATED, 3)
        lines = [f"Story number {n} about the Sahel", *HEADER, *body, FOOTER[1], *related, FOOTER[0]]
        path = root / f"page{n:02d}.txt"
        path.write_text("\n\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def test_cross_document_pass_removes_site_template(tmp_path):
    paths = _write_archive(tmp_path)
    cleaned = {p.name: clean_text(p.read_text(encoding="utf-8")) for p in paths}
    # the per-page classifier keeps them (nothing marks them as furniture) ...
    for line in [*HEADER, *FOOTER, *RELATED]:
        assert any(line in c.text.split("\n\n") for c in cleaned.values()), line
    templates = find_template_lines(("observer", line_keys(c.text)) for c in cleaned.values())
    keys = templates["observer"]
    # ... the cross-document pass finds them
    for line in [*HEADER, *FOOTER, *RELATED]:
        assert line_key(line) in keys, line
    for name, c in cleaned.items():
        text, removed = strip_template_lines(c.text, keys)
        for line in [*HEADER, *FOOTER, *RELATED]:
            assert line not in text.split("\n\n"), (name, line)
        assert all(r["reason"].startswith("template line") for r in removed)
        assert "officials in Bamako said on condition of anonymity." in text
        assert "\n\n\n" not in text and text == text.strip()
    text5, _ = strip_template_lines(cleaned["page05.txt"].text, keys)
    assert QUOTING in text5


def test_headline_stays_the_title(tmp_path):
    c = clean_text(_write_archive(tmp_path, pages=1)[0].read_text(encoding="utf-8"))
    assert c.title == "Story number 0 about the Sahel"


def test_thresholds_rare_lines_and_small_sources_are_kept():
    docs = [("big", ["footer line", f"unique {i}"] + (["shared by three"] if i < 3 else [])) for i in range(30)]
    docs += [("small", ["footer line", f"only {i}"]) for i in range(6)]
    found = find_template_lines(docs)
    assert found == {"big": {"footer line"}}


def test_long_prose_needs_a_majority_of_pages():
    quote = " ".join(["word"] * 30)
    docs = [("s", [quote if i < 8 else "other", f"page {i}"]) for i in range(20)]  # 40% of pages
    assert find_template_lines(docs) == {"s": {"other"}}
    docs = [("s", [quote, f"other {i}"]) for i in range(20)]
    assert find_template_lines(docs) == {"s": {quote}}


def test_counts_documents_not_repeats_within_one_document():
    docs = [("s", ["menu"] * 50 if i == 0 else [f"x{i}"]) for i in range(20)]
    assert find_template_lines(docs) == {}


def test_line_key_folds_case_digits_punctuation():
    assert line_key("(Visited 12 times, 3 visits today)") == line_key("(visited 7 times, 1 visits today)")
    assert line_keys("A line\n\n\n  \nB-line!") == ["a line", "b line"]


def test_strip_without_keys_leaves_text_untouched():
    text = "One  paragraph.\n\nTwo."
    assert strip_template_lines(text, set()) == (text, [])
    assert strip_template_lines(text, {"three"}) == (text, [])


def test_find_template_lines_consumes_a_generator_once():
    def gen():
        for i in range(12):
            yield "s", ["footer", f"page {i}"]
    assert find_template_lines(gen()) == {"s": {"footer"}}


def test_copies_of_one_article_are_one_document():
    """Six copies of an article in a site's folder: its lines recur in six documents, as a
    footer would; they are one document, and only the site's footer is template."""
    article = [f"paragraph {j} of the story about the junta and the envoys" for j in range(6)]
    docs = [("s", ["site footer", f"headline {i}", f"body of page {i} that is long enough to be its longest line"])
            for i in range(20)]
    docs += [("s", ["site footer", *article]) for _ in range(6)]
    assert find_template_lines(docs) == {"s": {"site footer"}}
    # an edited copy (another headline, one line less) is still that document
    docs.append(("s", ["site footer", "a new headline", *article[:-1]]))
    assert find_template_lines(docs) == {"s": {"site footer"}}


def test_a_tables_rows_of_figures_are_no_template():
    """Query review: "Revs 291.8 mln vs 265.3 mln", its figures folded away, recurred in the
    earnings reports of a 3,000-story Reuters archive like a site's footer and was removed from
    them all: `"291.8 mln"` missed the report that gives it. Rows of figures keep their digits;
    a line that recurs with other counts ("(Visited 12 times)") and a sign-off still go."""
    rng = random.Random(3)
    texts = []
    for i in range(40):
        a, b = rng.randint(100, 999) / 10, rng.randint(100, 999) / 10
        said = " ".join(rng.sample(OBJECTS, 3))  # its own words: no copy of another report
        texts.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} results\n\nThe company said it expects {said}.\n\n"
                     f"Shr {a / 100:.2f} dlrs vs {b / 100:.2f} dlrs\n\n"
                     f"Revs {a} mln vs {b} mln\n\nRevs {a * 4:.1f} mln vs {b * 4:.1f} mln\n\n"
                     f"(Visited {rng.randint(2, 99)} times)\n\nReuter")
    found = find_template_lines(("wire", line_keys(t)) for t in texts)
    kept, removed = strip_template_lines(texts[7], found["wire"])
    assert {r["text"] for r in removed} == {"Reuter", texts[7].split("\n\n")[5]}  # the counter and the sign-off
    assert kept.count("Revs") == 2 and "Shr" in kept

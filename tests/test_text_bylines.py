"""The byline ranker of text captures: which short unit names the authors (invented pages)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse import extract
from newsfuse.extract import extract_or_reject
from newsfuse.extract.text_bylines import names_in
from newsfuse.options import ExtractOptions
from newsfuse.records import Article, Capture, Rejected


def test_names_are_read_between_the_words_with_digits():
    assert names_in("July 24, 2019 by Jane Roe 5 Comments", []) == ("Jane Roe",)
    assert names_in("Von Max Muster | 12.03.2024 | Zuletzt geändert: 13.03.2024", []) == ("Max Muster",)
    assert names_in("Von Max Muster // 1. März 2024", []) == ("Max Muster",)
    assert names_in("Par Jeanne Martin le 07 mai 2024", []) == ("Jeanne Martin",)


def test_one_word_and_long_units_are_no_byline():
    assert names_in("Politics", []) == ()
    assert names_in("The council met on Monday and voted to turn the old pier into a garden for all.", []) == ()


PAGE = """Home
World
Politics
Culture
Harbour town votes to turn old ferry pier into a floating garden
{byline}
14 March 2024
The town council of Eastwick Bay voted on Tuesday evening to turn the disused ferry pier into a floating garden.
Work on the first pontoon beds is to start in May, and the garden should open to visitors next spring.
The mayor said the project would be paid for by a regional grant and by donations from local businesses.
Residents had collected more than two thousand signatures for the plan over the winter months.
Share
Facebook
Contact
Imprint
"""


def test_a_bare_name_line_under_the_headline_is_the_byline():
    article = extract(PAGE.format(byline="Marta Lindqvist").encode(), kind="page-text")
    assert article.authors == ("Marta Lindqvist",)
    assert "Marta Lindqvist" not in article.text


def test_a_page_with_no_byline_names_no_author():
    article = extract(PAGE.replace("{byline}\n", "").encode(), kind="page-text")
    assert article.authors == ()


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_names_in_reads_any_line(line):
    names = names_in(line, [])
    assert isinstance(names, tuple) and all(isinstance(n, str) and n for n in names)


_LINE = st.one_of(
    st.sampled_from(["Home", "Politics", "By Jane Roe", "Jane Roe, John Doe", "Von Max Muster // 1. März 2024",
                     "14 March 2024", "© 2024 Example News", "Share", "Par Jeanne Martin le 07 mai 2024"]),
    st.lists(st.sampled_from(["the", "council", "voted", "Harbour", "on", "Tuesday", "pier", "garden", "2024",
                              "and", "Roe", "Jane", "will", "open", "in", "May."]), min_size=1, max_size=30).map(" ".join),
)


@given(st.lists(_LINE, min_size=1, max_size=40))
@settings(max_examples=100, deadline=None)
def test_any_page_text_gives_a_record_or_a_clear_rejection(lines):
    result = extract_or_reject(Capture("fuzz.txt", "\n".join(lines).encode()), ExtractOptions(kind="page-text"))
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Article):
        assert all(isinstance(name, str) and name for name in result.authors)
    else:
        assert result.code != "internal-error", result.reason

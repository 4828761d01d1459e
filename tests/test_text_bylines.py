"""The byline ranker of text captures: which short unit names the authors (invented pages)."""

from newsfuse import extract
from newsfuse.extract.text_bylines import names_in


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

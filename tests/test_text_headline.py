"""How a print's headline wrapped over several lines is joined (PDF text). Invented fixtures only."""

from __future__ import annotations

import pytest

from newsfuse.extract.text_headline import title_in_print, without_kicker, wrapped_headline

BODY = "The badgers were counted on a cold morning by volunteers of the county trust. " * 3


def test_a_whole_next_line_of_the_running_title_is_joined_not_split():
    # "... Setts" alone is a part of the running title (before " – "), but the next line goes on with it
    paragraphs = ["Menu", "Farmers Report Many More Badgers In", "Old Setts – Then The Council", "Counted Again", BODY]
    title = "Farmers Report Many More Badgers In Old Setts – Then The Council Counted Again"
    assert title_in_print(paragraphs, title) == (["Menu", title, BODY], 1)


def test_a_headline_worded_apart_stops_before_a_date_line():
    paragraphs = ["Menu", "Northern valleys see badger", "numbers rise again", "am 14. März 2023 von Erika Muster", BODY]
    joined, at = title_in_print(paragraphs, "Badger numbers rise again in the northern valleys | County Trust")
    assert at == 1 and joined[1:3] == ["Northern valleys see badger numbers rise again", "am 14. März 2023 von Erika Muster"]


def test_a_cut_running_title_after_a_short_site_part_takes_the_wrapped_lines():
    paragraphs = ["Menu", "Badger Survey Of The Northern", "Valleys Postponed - County Trust",
                  "Asks Volunteers To Register Again", "Body text follows here."]
    joined, at = title_in_print(paragraphs, "TRUST - Badger Survey Of The Northern Valleys Postponed - County Trust As…")
    assert at == 1
    assert joined[1] == ("Badger Survey Of The Northern Valleys Postponed - County Trust "
                         "Asks Volunteers To Register Again")


@pytest.mark.parametrize("units, at, lines", [
    # a line ending in a colon, a dash or a function word goes on, whatever the case of the next line
    (["News", "Trust counts the badgers of the valley:", "Numbers Up Again", "By Jane Roe"], 1, [1, 2]),
    (["News", "Badger numbers rose again in the", "Northern Valleys", BODY], 1, [1, 2]),
    # ... and the picked line goes on from such a line above it
    (["News", "Badger numbers rose again in the", "Northern Valleys", BODY], 2, [1, 2]),
    # a short line ending in a function word ("What we do") is a whole title
    (["What we do", "What Is The County Trust?", BODY], 0, [0]),
])
def test_wrapped_headline_goes_on_after_an_open_end(units, at, lines):
    assert list(wrapped_headline(units, at)) == lines


@pytest.mark.parametrize("units, at, lines", [
    # the line above is long enough to have wrapped and its words are the running title's
    (["News", "The badger count in the northern valleys rose", "Again", BODY], 2, [1, 2]),
    (["News", "The badger count in the northern valleys rose", "Again", BODY], 1, [1, 2]),
    # not a breadcrumb trail, not the headline printed twice
    (["Home | Badgers | Northern Valleys", "The badger count rose again", BODY], 1, [1]),
    (["The badger count in the northern valleys rose again", "The badger count in the northern valleys rose",
      "again", BODY], 1, [1, 2]),
])
def test_wrapped_headline_takes_lines_with_the_running_title_words(units, at, lines):
    page_title = "The badger count in the northern valleys rose again | County Trust"
    assert list(wrapped_headline(units, at, page_title)) == lines


def test_a_headline_run_into_a_longer_paragraph_is_split_out():
    glued = "Home News Archive Badger Numbers Rise In The Northern Valleys 14 March 2023 | Volunteers counted more"
    paragraphs = ["Menu", glued + " setts than last year.", BODY]
    joined, at = title_in_print(paragraphs, "News - Badger Numbers Rise In The Northern Valleys - County Trust")
    assert at == 2
    assert joined[1:4] == ["Home News Archive", "Badger Numbers Rise In The Northern Valleys",
                           "14 March 2023 | Volunteers counted more setts than last year."]


def test_a_headline_going_on_past_the_running_title_is_not_split():
    paragraphs = ["Menu", "Badger Numbers Rise In The Northern Valleys as volunteers count more setts", BODY]
    page_title = "Badger Numbers Rise In The Northern Valleys | County Trust"
    assert title_in_print(paragraphs, page_title) == (paragraphs, None)


def test_the_site_part_of_the_running_title_is_not_split_out():
    paragraphs = ["Menu", "About the Northern Valleys Badger Trust and its volunteers", BODY]
    page_title = "Count day | Northern Valleys Badger Trust"
    assert title_in_print(paragraphs, page_title)[1] is None


@pytest.mark.parametrize("headline, page_title, expected", [
    # the running title sets the kicker apart; the print runs it into the headline without the separator
    ("Badger Survey Badger numbers rise again in the valleys",
     "Badger Survey: Badger numbers rise again in the valleys | County Trust", "Badger numbers rise again in the valleys"),
    ("After the winter Badger numbers rise again", "Winter - Badger numbers rise again", "Badger numbers rise again"),
    # glued without a space, the opening quote stays with the headline
    ('Valley future"We count every sett by hand"', 'Valley future - "We count every sett by hand" | Trust',
     '"We count every sett by hand"'),
    # printed with its separator, or longer than a kicker, or no kicker in the running title: as printed
    ("Badger Survey: Badger numbers rise again", "Badger Survey: Badger numbers rise again | Trust",
     "Badger Survey: Badger numbers rise again"),
    ("Straße: Badger numbers rise", "Straße: Badger numbers rise | Trust", "Straße: Badger numbers rise"),
    ("A long account from the county trust of its Survey Badger numbers rise again",
     "Survey: Badger numbers rise again", "A long account from the county trust of its Survey Badger numbers rise again"),
    ("Badger numbers rise again", "Badger numbers rise again | County Trust", "Badger numbers rise again"),
    ("Badger Survey Badger numbers rise", None, "Badger Survey Badger numbers rise"),
])
def test_a_kicker_run_into_the_headline_is_split_off_by_the_running_title(headline, page_title, expected):
    assert without_kicker(headline, page_title) == expected


@pytest.mark.parametrize("url, at", [
    ("https://valley.example.org/2023/03/14/badgers-return/", 3),  # the slug names the headline
    ("https://valley.example.org/badgers-return.html", 3),
    ("https://valley.example.org/2023/03/14/trust-news/", 1),  # the slug names no part: the masthead stays
    (None, 1),
])
def test_a_masthead_printing_the_site_part_yields_to_the_part_the_url_names(url, at):
    paragraphs = ["Menu", "The Northern Valleys Wildlife Trust", "Home", "Badgers return", BODY]
    page_title = "Badgers return | The Northern Valleys Wildlife Trust"
    assert title_in_print(paragraphs, page_title, url) == (paragraphs, at)

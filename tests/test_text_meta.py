"""Metadata rules of text captures (page text, PDF text): dates, headline. Invented fixtures only."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract.text_headline import title_in_print
from newsfuse.extract.text_meta import dates_in, letters_closed_up, unglue, url_date


@pytest.mark.parametrize("line, days", [
    ("von Erika Muster13.12.2022 - 08:13 Uhr", [date(2022, 12, 13)]),  # name glued to the date
    ("Veröffentlicht am 9. Mai 201910. Mai 2019", [date(2019, 5, 9), date(2019, 5, 10)]),  # two dates glued
    ("4.03.2018von Max Probe", [date(2018, 3, 4)]),  # date glued to the byline after it
    ("2nd August 2017", [date(2017, 8, 2)]),  # ordinal day
    ("14 maja 2021", [date(2021, 5, 14)]),  # Polish genitive month
    ("2021/09/19", [date(2021, 9, 19)]),  # year first, slashes
    ("Aug. 16, 2020", [date(2020, 8, 16)]),
    ("No date here, only 42 apples", []),
])
def test_dates_in(line, days):
    assert dates_in(line) == days


def test_unglue_keeps_ordinary_text():
    assert unglue("Berlin, 3. März 2020") == "Berlin, 3. März 2020"












def test_url_date():
    assert url_date("https://x.example/news/20200131/story/") == "2020-01-31"
    assert url_date("https://x.example/2020/13/40/story") is None


PAGE = """Skip to content
Home
News
Sport
Weather
Most read: Seven Ways To Bake Bread
Otters Return To The River Wensum After Forty Years
By Jane Roe
12 March 2021
Otters have been seen again on the river for the first time in four decades, volunteers said on Friday.
The animals were spotted near the old mill by a group counting birds, who filmed two adults and a cub.
"We could hardly believe our eyes," said one of the volunteers, who has walked the bank for years.
Conservation officers said cleaner water and fewer weirs had made the return possible.
Related stories
Beavers Could Be Next, Say Officers
Newsletter sign-up
"""


def test_headline_ranker_finds_the_headline_among_navigation_and_teasers():
    from newsfuse.extract.text import extract_page_text
    from newsfuse.options import ExtractOptions
    from newsfuse.records import Capture

    article = extract_page_text(Capture("x.txt", PAGE.encode(), None), ExtractOptions())
    assert article.title == "Otters Return To The River Wensum After Forty Years"
    assert article.published == "2021-03-12"


def test_headline_candidates_skip_long_sentences():
    from newsfuse.extract.text_title import candidates

    units = ["Menu", "A Short Headline Here", "This is a long sentence of body text that ends with a period."]
    assert candidates(units, [False, False, True]) == [0, 1]


def test_headline_candidates_skip_a_standfirst_longer_than_a_headline():
    from newsfuse.extract.text_title import candidates

    standfirst = " ".join(["otters"] * 31) + " and more"  # 33 words and no final period: no headline
    units = ["Otters Return To The River", standfirst, "The animals were counted by the volunteers of the trust at dawn on Friday."]
    assert candidates(units, [False, False, True]) == [0]


def test_headline_candidates_skip_a_label_with_an_amount():
    from newsfuse.extract.text_title import candidates

    units = ["Price: 12,99 € (D) Buy", "VAT (21%): 4,92 €", "Winter Tyres Compared For Small Cars",
             "Two Jars For 4,80 € This Week", "The test drove each of the tyres on snow and ice for a week."]
    assert candidates(units, [False, False, False, False, True]) == [2, 3]


def test_headline_candidates_skip_a_list_of_tags_but_not_a_headline_with_commas():
    from newsfuse.extract.text_title import candidates

    units = ["Otters Return To The River", "otters, rivers, Norfolk, wildlife, Wensum", "Sun, sea, sand and otters",
             "Otters, voles, herons, kingfishers: who lives on the Wensum now",
             "The animals were counted by the volunteers of the trust at dawn on Friday."]
    assert candidates(units, [False, False, False, False, True]) == [0, 2, 3]


def test_print_headline_wrapped_into_the_next_paragraph_is_rejoined():
    from newsfuse.extract.text_headline import title_in_print

    paragraphs = ["Menu", "Otters Return To The River Wensum After", "Forty Years The animals were seen on Friday."]
    units, at = title_in_print(paragraphs, "Otters Return To The River Wensum After Forty Years - Daily Example")
    assert at == 1
    assert units == ["Menu", "Otters Return To The River Wensum After Forty Years", "The animals were seen on Friday."]


def test_print_headline_is_not_the_site_name_segment():
    from newsfuse.extract.text_headline import title_in_print

    paragraphs = ["Daily Example", "Otters Return To The River", "Body text."]
    units, at = title_in_print(paragraphs, "Otters Return To The River | Daily Example")
    assert at == 1 and units[1] == "Otters Return To The River"


def test_print_headline_with_the_site_name_before_it():
    from newsfuse.extract.text_headline import title_in_print

    paragraphs = ["Example Blog", "Otters Return To The River", "Body text."]
    assert title_in_print(paragraphs, "Example Blog: Otters Return To The River")[1] == 1


def test_print_headline_absent_from_the_body():
    from newsfuse.extract.text_headline import title_in_print

    paragraphs = ["Menu", "A different visible headline", "Body text."]
    assert title_in_print(paragraphs, "An SEO title nobody sees | Daily Example") == (paragraphs, None)






def test_print_headline_found_by_a_cut_running_title():
    from newsfuse.extract.text_headline import title_in_print

    paragraphs = ["Menu", "Otters Return To The River Wensum After", "Forty Years In Norfolk", "Body text."]
    units, at = title_in_print(paragraphs, "example.org: News / Otters Return To The River Wensum After Fo…")
    assert at == 1 and units[1] == "Otters Return To The River Wensum After Forty Years In Norfolk"


def test_print_headline_with_a_site_name_glued_on_without_separator():
    from newsfuse.extract.text_headline import title_in_print

    paragraphs = ["Menu", "Otters Return To The River", "Body text."]
    page_title = "Otters Return To The River Dailyotter"
    assert title_in_print(paragraphs, page_title, "https://www.dailyotter.de/otters")[1] == 1


def test_headline_without_the_breadcrumb_glued_to_it():
    from newsfuse.extract.text_title import _unglued

    units = ["HomeNewsOtters Return To The River", "Otters Return To The River", "Body"]
    assert _unglued(units, 0) == 1
    assert _unglued(units, 1) == 1
    assert _unglued(["Home › Otters Return To The River", "Otters Return To The River"], 0) == 1
    assert _unglued(["5. Otters Return To The River", "Otters Return To The River"], 0) == 1


TOO_LONG = "Home » Otters return to the river after forty years away » and stay"


@pytest.mark.parametrize(("title", "headline"), [
    ("Home » Film » Otters on Screen", "Otters on Screen"),
    ("You are here: Home / News / 2024 / Otters Return To The River", "Otters Return To The River"),
    ("Letters: Otters | Ferries | Rates", "Letters: Otters | Ferries | Rates"),  # "|" joins a title's parts
    ("Otters / Beavers: who builds better?", "Otters / Beavers: who builds better?"),  # one separator
    (TOO_LONG, TOO_LONG),  # an item too long for a trail
])
def test_a_breadcrumb_trail_taken_for_the_headline_gives_its_last_item(title, headline):
    from newsfuse.extract.text_title import last_crumb
    assert last_crumb(title) == headline


def test_headline_without_a_trail_of_menu_items_glued_to_it_with_a_space():
    from newsfuse.extract.text_title import _unglued
    units = ["News", "Sport", "Home News Otters Return To The River", "Otters Return To The River"]
    assert _unglued(units, 2) == 3
    units = ["Italien", "Spanien", "Italien: Reise- und Sicherheitshinweise", "Reise- und Sicherheitshinweise"]
    assert _unglued(units, 2) == 2  # a kicker set off by a colon is part of the headline


def test_headline_keeps_a_word_of_its_own_that_another_unit_lacks():
    from newsfuse.extract.text_title import _unglued

    assert _unglued(["Easy Pineapple Upside-Down Cake", "Pineapple Upside-Down Cake"], 0) == 0
    assert _unglued(["Rioja Alta, Spain", "Rioja Alta"], 0) == 0
    assert _unglued(["Otters Return To The River Review", "Otters Return To The River"], 0) == 0


def test_byline_after_the_headline_with_a_glued_date():
    from newsfuse.extract.text_meta import byline_near

    units = ["Menu", "Otters Return To The River", "von Erika Muster13.12.2022 - 08:13 Uhr", "Body " * 30]
    assert byline_near(units, [1], []) == (("Erika Muster",), None, 2)


def test_byline_naming_only_an_agency():
    from newsfuse.extract.text_meta import byline_near

    units = ["Otters Return To The River", "By Reuters", "Body " * 30]
    authors, agency, at = byline_near(units, [0], [])
    assert authors == () and agency == "Reuters" and at == 1


def test_no_byline_in_a_sentence_starting_with_a_preposition():
    from newsfuse.extract.text_meta import byline_near

    units = ["Otters Return To The River", "From the river bank, the animals were seen on Friday.", "Body"]
    assert byline_near(units, [0], []) == ((), None, None)




def test_site_from_the_running_title_else_the_host():
    from newsfuse.extract.text_meta import site_of

    assert site_of("Otters Return | Daily Example", "https://www.dailyexample.com/a") == "Daily Example"
    assert site_of("Otters Return", "https://www.dailyexample.com/a") == "dailyexample.com"
    assert site_of("Otters Return To The River - Example Courier", "https://x.example/a") == "Example Courier"
    assert site_of("Otters Return | 02.11.2021", "https://x.example/a") == "x.example"


def test_furniture_trie_matches_like_the_plain_alternation():
    import re

    from newsfuse.extract.text_title import _trie

    phrases = ["cookie", "cookies policy", "con", "consent", "sign up", "sign in"]
    trie, plain = re.compile(_trie(phrases)), re.compile("|".join(map(re.escape, phrases)))
    for text in ["our cookie jar", "give consent", "signal", "please sign in", "icon", "nothing", "sign up!"]:
        assert (trie.search(text) is None) == (plain.search(text) is None), text


def test_headline_far_above_a_late_body_start_is_a_candidate():
    from newsfuse.extract.text_title import REACH, candidates

    headline = "Otters Return To The Quiet River Valley"
    teasers = [f"Teaser number {i} about something else entirely" for i in range(REACH + 5)]
    lead = ("The otters return to the quiet river valley after decades away, "
            "say rangers who counted the river otters this spring.")
    units = ["Menu", headline, *teasers, lead]
    keep = [False] * (len(units) - 1) + [True]
    assert 1 in candidates(units, keep)
    assert 2 not in candidates(units, keep)  # a teaser up there shares nothing with the body


def test_pair_features_of_kicker_headline_and_standfirst():
    from newsfuse.extract.text_title import FEATURES, features

    units = ["SPORT", "Home", "Menu", "News", "Contact", "Weather", "Search", "SPORT",
             "Otters Win The River Cup Again",
             "The otters won the river cup for the third year in a row on Sunday afternoon.",
             "Body text of the article goes on here with many words about otters and the cup and more."]
    keep = [False] * 9 + [True, True]
    x = features(units, keep, None, [7, 8, 9])
    col = {name: x[:, FEATURES.index(name)] for name in ("nav_repeat", "kicker_shape", "next_sentence",
                                                          "next_title_like", "prev_title_like")}
    assert list(col["nav_repeat"]) == [1.0, 0.0, 0.0] and list(col["kicker_shape"]) == [1.0, 0.0, 0.0]
    assert list(col["next_title_like"]) == [1.0, 0.0, 0.0] and list(col["prev_title_like"]) == [0.0, 0.0, 1.0]
    assert list(col["next_sentence"]) == [0.0, 1.0, 1.0]






def test_print_headline_worded_apart_from_the_running_title_is_rejoined():
    paragraphs = ["World", "The river split, floods and family struggles: 9 things we",
                  "learned from the otters' explosive interview", "By Jane Roe", "Body " * 40]
    page_title = "9 things we learned from the otters' interview - Otter News"
    joined, at = title_in_print(paragraphs, page_title)
    assert at == 1
    assert joined[1] == ("The river split, floods and family struggles: 9 things we "
                         "learned from the otters' explosive interview")
    assert joined[2] == "By Jane Roe"


def test_short_lines_sharing_little_with_the_running_title_stay_apart():
    paragraphs = ["Menu", "Rivers of the north", "and their fish", "Body " * 40]
    assert title_in_print(paragraphs, "Otters return to the quiet valley | Otter News") == (paragraphs, None)


def test_print_headline_with_a_date_printed_on_after_it():
    paragraphs = ["Menu", "Otters Return To The Quiet River 02.02.2022 •", "Body " * 40]
    joined, at = title_in_print(paragraphs, "Otters Return To The Quiet River | Otter News")
    assert (at, joined[1], joined[2]) == (1, "Otters Return To The Quiet River", "02.02.2022 •")


@pytest.mark.parametrize("units, at, lines", [
    # a line wrapped in title case after a long first line
    (["Gardening", "How to Keep Otters Happy in the Garden All", "Summer Long in the Shade", "By Jane Roe"], 1, [1, 2]),
    # a last word going on in lower case, and a line before that the picked line goes on from
    (["News", "Otters return to the", "river after forty", "years away", "The otters came back on Monday."], 2, [1, 2, 3]),
    # not a byline, a date line, a price or a sentence
    (["Otters Return To The Quiet River Valley Again", "By Jane Roe"], 0, [0]),
    (["Otters Return To The Quiet River Valley Again", "am 3. Mai 2021 von Jane"], 0, [0]),
    (["Otter Plush Toy With A Very Long Product Name", "ab 24,99 €"], 0, [0]),
    (["Otters Return To The Quiet River Valley Again", "The Otters Came Back On Monday To The River."], 0, [0]),
    # a short line in title case is no wrapped rest (a standfirst or a name)
    (["Otters Return", "Jane Roe"], 0, [0]),
])
def test_wrapped_headline(units, at, lines):
    from newsfuse.extract.text_headline import wrapped_headline

    assert list(wrapped_headline(units, at)) == lines


def test_print_headline_with_a_separator_inside_takes_all_its_lines():
    paragraphs = ["Menu", "Otters Fear The Cold Winter", "– Then The River Froze", "Over Night", "By Jane Roe"]
    title = "Otters Fear The Cold Winter – Then The River Froze Over Night"
    assert title_in_print(paragraphs, title) == (["Menu", title, "By Jane Roe"], 1)


def test_print_headline_past_a_cut_running_title_takes_short_lines_only():
    paragraphs = ["Menu", "Otters Return To The River Wensum After Forty", "Years", "Norwich, 3 May 2021", "Body."]
    joined = ["Menu", "Otters Return To The River Wensum After Forty Years", "Norwich, 3 May 2021", "Body."]
    assert title_in_print(paragraphs, "Otters Return To The River Wensum Af…") == (joined, 1)


def test_letter_spaced_print_lines_are_closed_up_for_their_dates():
    lines = ["M AY 1 6 , 2 0 2 0", "D I E N S TA G , 2 8 . A P R I L 2 0 2 0", "Otters return, 12. Mai 2012"]
    closed = letters_closed_up(lines)
    assert closed == ["MAY 16, 2020", "DIENSTAG, 28. APRIL 2020", "Otters return, 12. Mai 2012"]
    assert [dates_in(line)[0].isoformat() for line in closed] == ["2020-05-16", "2020-04-28", "2012-05-12"]
    plain = ["Otters Return to the River", "By Jane Roe"]
    assert letters_closed_up(plain) is plain


def test_a_date_badge_with_the_weekday_between_day_and_month():
    assert dates_in("31 Donnerstag Okt 2019") == [date(2019, 10, 31)]
    assert dates_in("5 Friday, June 2020") == [date(2020, 6, 5)]
    assert dates_in("31 people in May 2019") == []  # a word that is no weekday


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)), st.booleans())
def test_a_letter_spaced_date_line_reads_as_its_date(day: date, german: bool) -> None:
    months = (["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember"] if german else
              ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"])
    month = months[day.month - 1].upper()
    line = f"{day.day}. {month} {day.year}" if german else f"{month} {day.day}, {day.year}"
    spaced = " ".join(line.replace(" ", ""))  # every character set apart, the word gaps lost
    assert dates_in(letters_closed_up([spaced])[0]) == [day]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abc DE1.,")), max_size=30), max_size=5))
def test_lines_not_letter_spaced_are_left_as_they_are(lines: list[str]) -> None:
    plain = [line for line in lines if line.count(" ") * 5 < len(line) * 2 or len(line) < 8]
    assert letters_closed_up(plain) == plain



_DATE_PIECES = st.sampled_from(["2019", "19", "12", "3", "03", ".", "-", "/", " ", ", ", "May", "Mai", "mars", "diciembre",
                                "Dezember", "Montag", "th", "am", "in", "März", "2.", "Q3", "'19"])


def _dates_without_the_shortcut(text):
    from newsfuse.extract import text_meta

    saved = text_meta._DIGIT_RUN
    text_meta._DIGIT_RUN = re.compile(r"|")  # matches at every position: never fewer than two runs
    try:
        return text_meta.dates_in(text)
    finally:
        text_meta._DIGIT_RUN = saved


@settings(max_examples=400, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=10).map("".join))
def test_the_lone_year_shortcut_of_dates_in_loses_no_date(text):
    """dates_in skips its date shapes for a text with fewer than two runs of digits: every shape in
    VISIBLE_DATES writes two at least. A new shape read from one run ("20190512") would fail here."""
    assert dates_in(text) == _dates_without_the_shortcut(text)

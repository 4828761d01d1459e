"""The date-line ranker of text captures (newsfuse.extract.text_dates). Invented fixtures only."""

from __future__ import annotations

from datetime import date

import numpy as np

from newsfuse.extract.text_dates import (
    FEATURES,
    Candidate,
    candidates,
    features,
    published_at,
    unit_dates,
)
from newsfuse.extract.text_dates_weights import WEIGHTS

BODY = "The otters of the lower river came back this spring, counted by volunteers at dawn."


def test_weights_name_every_feature_of_both_forms():
    for form in ("page-text", "pdf-text"):
        assert set(WEIGHTS[form]) == set(FEATURES)


def test_date_line_under_the_headline():
    units = ["Menu", "Nature", "Otters Return to the River", "By Jane Roe", "12 March 2021", *[BODY] * 8]
    assert published_at(units, 2, 5, 12, None, "page-text") == ("2021-03-12", 4)


def test_comment_dates_after_the_body_lose_to_the_date_line():
    units = ["Otters Return to the River", "4. Mai 2020", *[BODY] * 8, "3 Kommentare",
             "Erika 7. Mai 2020 um 10:12 Uhr - Antworten", "Schön!", "Max 7. Mai 2020 um 11:40 Uhr - Antworten", "Ja."]
    assert published_at(units, 0, 2, 9, None, "page-text") == ("2020-05-04", 1)


def test_published_before_updated_in_one_line():
    units = ["Otters Return to the River", "Published: 3 June 2022 | Updated: 5 June 2022", *[BODY] * 8]
    assert published_at(units, 0, 2, 9, None, "pdf-text")[0] == "2022-06-03"


def test_a_line_starting_with_a_published_label_beats_the_mastheads_date():
    units = ["Thursday, Nov 5th 2020 7PM 6°C 10PM 7°C 5-Day Forecast", "News", "Otters Return to the River",
             "Otters swim again", "By Jane Roe", "Share",
             "Published: 22:00 GMT, 26 September 2020 | Updated: 08:39 GMT, 28 September 2020", *[BODY] * 8]
    assert published_at(units, 2, 7, 14, None, "page-text") == ("2020-09-26", 6)
    told = ["Friday, January 20th 2023", "Otters Return to the River", *[BODY] * 4,
            "This story was first published on 1 June 2017 in the Weekly Example.", *[BODY] * 4]
    assert published_at(told, 1, 2, 11, None, "page-text")[0] == "2023-01-20"  # a sentence, not a label


def test_a_print_date_line_set_letter_spaced():
    units = ["Otters Return to the River", "M AY 1 6 , 2 0 2 0", *[BODY] * 8]
    assert published_at(units, 0, 2, 9, None, "pdf-text") == ("2020-05-16", 1)


def test_url_date_wins_and_the_date_line_is_still_marked():
    units = ["Otters Return to the River", "14 May 2019", *[BODY] * 8]
    assert published_at(units, 0, 2, 9, "https://news.example/2019/05/12/otters/", "pdf-text") == ("2019-05-12", 1)


def test_no_date_shown():
    units = ["Otters Return to the River", *[BODY] * 8]
    assert published_at(units, 0, 1, 8, None, "page-text") == (None, None)


def test_a_date_line_far_below_the_body_when_none_is_near():
    units = ["Otters Return to the River", *[BODY] * 5, *["Archive", "Imprint"] * 10, "Posted 2. April 2018"]
    assert published_at(units, 0, 1, 5, None, "page-text") == ("2018-04-02", 26)


def test_unit_dates_reads_only_the_start_of_a_long_unit():
    assert unit_dates("12.05.2020 " + BODY * 3) == [date(2020, 5, 12)]
    assert unit_dates(BODY * 3 + " 12.05.2020") == []


def test_a_photo_caption_under_the_headline_is_no_date_line():
    caption = ("Volunteers count otters on the lower river at dawn after the spring floods in the valley, "
               "on March 2, 2021. Photo: Jane Roe/Example Images")
    assert 22 <= len(caption.split()) < 25
    assert unit_dates(caption) == []
    units = ["Otters Return to the River", caption, "Otters Return to the River", "March 12 2021, 3:18 p.m.", *[BODY] * 8]
    assert published_at(units, 0, 4, 11, None, "page-text") == ("2021-03-12", 3)


def test_candidates_each_date_of_a_unit_nearest_the_headline_first():
    units = ["Otters Return to the River", "10. Februar 2019 9. Februar 2019", BODY]
    assert candidates(units, 0, 2, 2) == [Candidate(1, date(2019, 2, 10), 0), Candidate(1, date(2019, 2, 9), 1)]


def test_features_first_row_is_the_no_date_option():
    units = ["Otters Return to the River", "Updated 7 April 2021", BODY]
    x = features(units, candidates(units, 0, 2, 2), 0, 2, 2)
    column = {name: n for n, name in enumerate(FEATURES)}
    assert x.shape == (2, len(FEATURES))
    assert x[0, column["none"]] == 1 and np.count_nonzero(x[0]) == 1
    assert x[1, column["updated_only"]] == 1 and x[1, column["after_title"]] == 1


def test_date_line_below_the_headline_wins_over_one_above():
    units = ["Menu", "1. Januar 2020", "A Headline About Otters", "By Jane Roe", "5. März 2021", BODY * 3]
    assert published_at(units, 2, 5, 5, None, "page-text") == ("2021-03-05", 4)


def test_short_date_line_under_the_post():
    units = ["A Headline About Otters", *[BODY] * 12, "12. September 2013", "x"]
    assert published_at(units, 0, 1, 12, None, "page-text") == ("2013-09-12", 13)


def test_date_by_the_body_start_when_the_headline_is_far_above():
    units = ["A Headline About Otters", *["Menu"] * 12, "4 June 2019", BODY * 3]
    assert published_at(units, 0, 14, 14, None, "pdf-text")[0] == "2019-06-04"


def test_date_in_the_headline_unit_counts_after_a_date_line():
    units = ["Otters Return To The River 2021/09/19", BODY * 3]
    assert published_at(units, 0, 1, 1, None, "pdf-text") == ("2021-09-19", 0)
    units = ["Otters Return To The River 2021/09/19", "20 September 2021", BODY * 3]
    assert published_at(units, 0, 2, 2, None, "pdf-text") == ("2021-09-20", 1)


def test_byline_with_date_far_above_the_headline():
    units = ["Menu", "By Jane Roe on Thu, Nov 9, 2023 at 4:00 am", "Photo", "Share", "Tweet", "Print",
             "Mail", "Kicker", "A Headline About Otters", BODY * 3, BODY * 2]
    assert published_at(units, 8, 9, 10, None, "page-text") == ("2023-11-09", 1)


def test_rule_feature_prefers_a_published_date_to_an_updated_one():
    from newsfuse.extract.text_dates import _rule_pick

    units = ["A Headline About Otters", "Updated 7 April 2021", "Jane Roe", "2 April 2021", BODY]
    assert _rule_pick(units, candidates(units, 0, 4, 4), [0, 4], 4) == (3, date(2021, 4, 2))
    units = ["Aktualisiert:", "9. Mai 2020", "A Headline About Otters", "Erschienen am", "2. Mai 2020", BODY]
    assert _rule_pick(units, candidates(units, 2, 5, 5), [2, 5], 5) == (4, date(2020, 5, 2))


def test_rule_feature_takes_no_date_line_from_far_above():
    from newsfuse.extract.text_dates import _rule_pick

    units = ["12 May 2020", *[f"Teaser {i}" for i in range(12)], "A Headline About Otters", BODY]
    assert _rule_pick(units, candidates(units, 13, 14, 14), [13, 14], 14) is None

"""The line model's helpers: word counts for unspaced scripts, and filling gaps in the kept body."""

from __future__ import annotations

import numpy as np

from newsfuse.extract.text_lines import fill_gaps, word_count


def test_word_count_counts_spaced_words():
    assert word_count("The ferry left the harbour at noon.") == 7


def test_word_count_counts_ideographs_in_pairs():
    assert word_count("渡轮中午离开了港口，乘客很多。") >= 6
    assert word_count("港口") == 1  # one token, one ideograph pair: not prose


def _fill(units, probs, keep, barred=None):
    keep = list(keep)
    fill_gaps(keep, np.array(probs), units, barred or [False] * len(units))
    return keep


BODY = "The harbour master closed the port until the wind dropped on Monday."


def test_a_sentence_dropped_between_kept_paragraphs_is_kept():
    units = [BODY, "Ticket prices rose by two euros for every crossing this year.", BODY]
    assert _fill(units, [0.9, 0.2, 0.9], [True, False, True]) == [True, True, True]


def test_gap_filling_leaves_menus_barred_lines_and_unlikely_lines_out():
    units = [BODY, "Home News Sport Weather", "Sign up for our newsletter to get the news.",
             "A line the model is sure about is not body.", BODY]
    keep = _fill(units, [0.9, 0.3, 0.3, 0.01, 0.9], [True, False, False, False, True],
                 [False, False, True, False, False])
    assert keep == [True, False, False, False, True]


def test_only_short_gaps_are_filled():
    units = [BODY] + ["A sentence of the footer that ends with a full stop."] * 6 + [BODY]
    keep = [True] + [False] * 6 + [True]
    assert _fill(units, [0.9] + [0.3] * 6 + [0.9], keep) == keep
    assert _fill(units, [0.9] * 8, [True] * 8) == [True] * 8

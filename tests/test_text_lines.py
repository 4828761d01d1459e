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


def test_members_side_by_side_give_the_mean_of_their_probabilities():
    from newsfuse.extract.text_lines import STAGE2_COLUMNS, LineModel

    rng = np.random.default_rng(0)
    n_x, hidden = 6, 4

    def member(seed: int) -> dict[str, np.ndarray]:
        r = np.random.default_rng(seed)
        out = {}
        for stage, width in (("s1_", n_x), ("s2_", n_x + STAGE2_COLUMNS)):
            out |= {f"{stage}mean": r.normal(size=width), f"{stage}scale": r.uniform(0.5, 2, width),
                    f"{stage}w1": r.normal(size=(width, hidden)), f"{stage}b1": r.normal(size=hidden),
                    f"{stage}w2": r.normal(size=hidden), f"{stage}b2": r.normal(size=1)}
        return out | {"threshold": np.array(0.5)}

    members = [member(s) for s in (1, 2, 3)]
    stacked = {f"m{j}_{k}": v for j, m in enumerate(members) for k, v in m.items() if k != "threshold"}
    x = rng.normal(size=(40, n_x))
    together = LineModel.from_arrays(stacked | {"threshold": np.array(0.5)}).predict(x)
    alone = np.mean([LineModel.from_arrays(m).predict(x) for m in members], axis=0)
    assert np.allclose(together, alone)

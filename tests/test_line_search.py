"""Whole-document line searches give the same answer as matching every line on its own."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract.line_search import (
    Views,
    alternatives,
    line_hits,
    phrase_finder,
    phrase_hits,
    searches,
)
from newsfuse.extract.text_patterns import (
    BYLINE,
    CLOSE_MARK,
    COUNTER,
    CREDIT_FEATURE,
    STRICT_SENTENCE_END,
)


@pytest.mark.parametrize("source,parts", [
    (r"^a|b$", ["^a", "b$"]),
    (r"^(?:x|y)z|\s/\s", ["^(?:x|y)z", r"\s/\s"]),
    (r"[|]a|b\|c", ["[|]a", r"b\|c"]),
    (r"[]|]x|y", ["[]|]x", "y"]),
])
def test_alternatives_split_at_top_level_only(source, parts):
    assert alternatives(source) == parts


def _views(lines: list[str]) -> Views:
    digit = np.array([any(c.isdigit() for c in u) for u in lines])
    sep = np.array(["/" in u or "|" in u for u in lines])
    return Views(lines, {"digit": digit, "sep": sep})


def _per_line(pattern: re.Pattern[str], lines: list[str], limit: int) -> list[float]:
    return [float(bool(pattern.search(u)) and (not limit or len(u) <= limit)) for u in lines]


LINES = ["By Jane Roe", "The council met on Monday.", "x", "Close", "12", "(3)", "A caption / Agency / Agency",
         "Photo: Sam Doe", "a line without an end", "She said: \"It works.\"", "", "by the river we sat."]


@pytest.mark.parametrize("pattern,limit,needs", [
    (BYLINE, 200, None), (CLOSE_MARK, 200, None), (COUNTER, 200, "digit"), (CREDIT_FEATURE, 200, "sep"),
    (STRICT_SENTENCE_END, 0, None),
])
def test_document_search_agrees_with_line_by_line(pattern, limit, needs):
    assert line_hits(searches(pattern, limit, needs), _views(LINES)).tolist() == _per_line(pattern, LINES, limit)


def test_line_start_phrases_match_at_a_word_boundary_only():
    finder = phrase_finder(("^share", "^print"))
    lines = ["Share", "shared values matter", "print this", "We share it."]
    assert phrase_hits(finder, _views(lines), 200).tolist() == [1.0, 0.0, 1.0, 0.0]


def test_substring_phrases_respect_the_line_limit():
    lines = ["Accept cookies", "cookie " * 40, "no"]
    assert phrase_hits(phrase_finder(("cookie",)), _views(lines), 200).tolist() == [1.0, 0.0, 0.0]


_TEXT = st.text(alphabet="abyBY :./©()\"'.!?0123456789x-", max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=12))
def test_anchored_searches_agree_with_line_by_line_on_any_lines(lines):
    lines = [" ".join(u.split()) for u in lines]
    for pattern in (BYLINE, CLOSE_MARK, STRICT_SENTENCE_END):
        assert line_hits(searches(pattern, 200), _views(lines)).tolist() == _per_line(pattern, lines, 200)

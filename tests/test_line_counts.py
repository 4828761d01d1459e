"""Per-line counts taken from a document's code points give what a loop over the lines would."""

from __future__ import annotations

import re
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract.line_counts import (
    LOWER_TO_LATIN,
    CodePoints,
    MarkAtEnd,
    StopWords,
    char_classes,
)
from newsfuse.extract.line_search import PhraseSieve
from newsfuse.extract.text_patterns import (
    CLOSING_MARKS,
    SENTENCE_END,
    SENTENCE_MARKS,
    STOP_WORDS,
    STRICT_SENTENCE_END,
)

LINE = st.text(alphabet="aZ Éé1,.!?:…'\"”)]\t\xa0\u3000İΣ|/-", max_size=30)
LINES = st.lists(LINE, min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_words_are_runs_after_a_space(lines: list[str]) -> None:
    counts = char_classes(CodePoints.of(lines))
    words = [[w for w in line.split(" ") if w] for line in lines]
    assert counts["words"].tolist() == [len(w) for w in words]
    assert counts["titled"].tolist() == [sum(w[0] in "ZÉ" for w in ws) for ws in words]
    assert counts["digit"].tolist() == [line.count("1") for line in lines]
    assert counts["comma"].tolist() == [line.count(",") for line in lines]


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_sentence_ends_are_those_of_the_patterns(lines: list[str]) -> None:
    strict, loose = MarkAtEnd((SENTENCE_MARKS, SENTENCE_MARKS + ":"), CLOSING_MARKS, 16).per_line(
        CodePoints.of(lines))
    assert strict.tolist() == [float(bool(STRICT_SENTENCE_END.search(line[-16:]))) for line in lines]
    assert loose.tolist() == [float(bool(SENTENCE_END.search(line[-16:]))) for line in lines]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["the", "The", "DER", "und", "über", "Über", "x", "thé", "sich,", "dass", "\u212aein", "ΣΤΗ",
                                          " ", "\t", "\xa0", "İ", "ΣΣ", "eine"]), max_size=10).map("".join),
                min_size=1, max_size=6))
def test_stop_words_are_counted_per_line(lines: list[str]) -> None:
    found = StopWords(STOP_WORDS).per_line(CodePoints.of(lines))
    assert found.tolist() == [sum(w in STOP_WORDS for w in line.lower().split()) for line in lines]


def test_no_code_point_past_the_table_has_a_latin_lower_case() -> None:
    letters = set("".join(STOP_WORDS))
    assert not [c for c in range(LOWER_TO_LATIN, sys.maxunicode + 1) if chr(c).lower() in letters]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdé -", max_size=40), st.lists(st.text(alphabet="abcdé -", min_size=1, max_size=5)))
def test_the_sieve_keeps_every_phrase_that_occurs(text: str, phrases: list[str]) -> None:
    possible = PhraseSieve(phrases + ["abc"]).possible(text)
    assert {p for p in phrases if p in text} <= possible


def test_the_sieve_rules_out_phrases_whose_pieces_are_missing() -> None:
    assert PhraseSieve(["cookie", "newsletter", "(c)", "©"]).possible("we use cookies") == {"cookie", "©"}
    assert np.array_equal(StopWords(frozenset(["a"])).per_line(CodePoints.of(["A a b", ""])), [2.0, 0.0])
    assert re.fullmatch(f"[{re.escape(CLOSING_MARKS)}]+", CLOSING_MARKS)

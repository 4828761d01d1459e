"""page_doc's line spacing keeps most lines as they are, and gives what splitting and joining would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract.text_doc import _spaced


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab É1.  \t\xa0\u2009\u3000\u200b\x1f\x85\x0b")), max_size=20))
def test_spacing_is_split_and_join(line: str) -> None:
    assert _spaced(line) == " ".join(line.split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_spacing_is_split_and_join_on_any_text(line: str) -> None:
    assert _spaced(line) == " ".join(line.split())

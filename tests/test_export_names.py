"""Markdown export file names: safe on every filesystem, readable in every script, unique by id."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.export.files import safe_name

ID = "0123456789abcdef"


@pytest.mark.parametrize(("title", "name"), [
    ("Comet breaks apart - and backyard observers saw it first",
     "comet-breaks-apart-and-backyard-observers-saw-it-first-0123456789ab.md"),
    ("Ça va très bien à Köln", "ca-va-tres-bien-a-koln-0123456789ab.md"),
    ("Новости: «Москва» 2024", "новости-москва-2024-0123456789ab.md"),
    ("子どもへの法律ができる", "子どもへの法律ができる-0123456789ab.md"),  # the voicing mark stays on its kana
    ("ﬁnal ﬂight", "final-flight-0123456789ab.md"),
    (None, "untitled-0123456789ab.md"),
    ("?!", "untitled-0123456789ab.md"),
])
def test_a_title_becomes_a_readable_name(title: str | None, name: str) -> None:
    assert safe_name(title, ID) == name


@given(st.text(max_size=400))
def test_any_title_gives_a_safe_name(title: str) -> None:
    name = safe_name(title, ID)
    assert name.endswith("-0123456789ab.md") and len(name.encode()) <= 255
    assert not set(name) & set('/\\:*?"<>|\x00') and not name.startswith(("-", "."))
    assert all(not ch.isspace() for ch in name)

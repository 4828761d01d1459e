"""The document vocabulary answers from the text what the set of all its words would answer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract.reflow import Vocab, glued_forms

WORD = re.compile(r"\w+(?:-\w+)*")
TEXT = st.text(alphabet="ab-_ 1\n\t\xa0\u3000İΣé.", max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(st.text(alphabet="ab-_1İΣé", min_size=1, max_size=5), max_size=10))
def test_membership_is_that_of_all_words(text: str, asked: list[str]) -> None:
    words = set(WORD.findall(text.lower()))
    vocab = Vocab(text)
    for word in list(words) + asked + [w[1:] for w in words] + [w.replace("-", "") for w in words]:
        assert (word in vocab) == (word in words), word
    assert vocab.hyphenated() == {w for w in words if "-" in w}


def test_glued_forms_need_the_glued_spelling_as_a_word_or_a_compound_part() -> None:
    assert glued_forms(Vocab("IT-Sicherheit und ITSicherheit")) == {"itsicherheit": "it-sicherheit"}
    assert glued_forms(Vocab("IT-Sicherheit und ITSicherheits-Gesetz")) == {}  # a longer word
    assert glued_forms(Vocab("IT-Sicherheit und Haus-ITSicherheit")) == {"itsicherheit": "it-sicherheit"}
    assert glued_forms(Vocab("E-Mail, die Email-Adresse")) == {"email": "e-mail"}

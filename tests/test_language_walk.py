"""The numpy walk over py3langid's DFA counts the same n-grams, in the same order, as py3langid's own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import LanguageIdentifier, visit_counts

from newsfuse.extract.language import _identifier, detect_language

TEXTS = ["Der Hafenmeister schloss den Hafen, bis der Wind am Montag nachliess.",
         "The harbour master closed the port until the wind dropped on Monday.",
         "El capitán del puerto cerró el puerto hasta que el viento amainó el lunes.",
         "渡轮中午离开了港口，乘客很多。", "a", ""]


def _stock(text: bytes) -> dict[int, int]:
    identifier = _identifier()
    counts = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, text)
    return dict(counts) if counts else {}


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(str.encode)))
def test_counts_are_py3langids(text: bytes) -> None:
    identifier = _identifier()
    if not hasattr(identifier, "visit_counts"):
        return  # another model: py3langid's own walk is used
    counts = identifier.visit_counts(text)
    assert list(counts.items()) == list(_stock(text).items())


def test_languages_are_py3langids() -> None:
    stock = LanguageIdentifier.from_model_file("data/model.npz.xz", norm_probs=True)
    for text in TEXTS:
        if len(text) >= 40:
            assert detect_language(text) == stock.classify(text)[0]
    for text in TEXTS:
        assert list(_identifier().classify(text)) == list(stock.classify(text))

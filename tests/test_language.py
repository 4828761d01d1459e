"""The language of a body: function words decide the clear cases, py3langid the rest. Invented texts."""

from __future__ import annotations

import pytest

from newsfuse.extract.language import by_function_words, detect_language

GERMAN = ("Der Hafenmeister hat den Hafen am Montag geschlossen, weil der Wind über die Mole schlug. Die Fähre "
          "wird erst nach dem Sturm wieder fahren, sagte er, und auch die Fischer sind mit der Entscheidung "
          "nicht unzufrieden, denn bei diesem Wetter ist es auf dem Wasser zu gefährlich für alle.")
ENGLISH = ("The harbour master closed the port on Monday because the wind was driving waves over the pier. The "
           "ferry will not sail until the storm has passed, he said, and the fishermen who were waiting at the "
           "quay said they would rather stay ashore than risk their boats in this weather.")
DUTCH = ("De havenmeester heeft de haven op maandag gesloten, omdat de wind de golven over de pier joeg. De veerboot "
         "vaart pas weer als de storm voorbij is, zei hij, en ook de vissers zijn het met die beslissing eens, want "
         "bij dit weer is het op het water voor iedereen te gevaarlijk.")
HUNGARIAN = ("A kikötő vezetője hétfőn lezárta a kikötőt, mert a szél a hullámokat a móló fölé hajtotta. A komp csak "
             "a vihar után indul újra, mondta, és a halászok is egyetértenek a döntéssel, mert ilyen időben a vízen "
             "a hajók számára túl veszélyes az út.")


@pytest.mark.parametrize("text, language", [(GERMAN, "de"), (ENGLISH, "en")])
def test_function_words_tell_a_clear_text(text, language):
    assert by_function_words(text) == language
    assert detect_language(text) == language  # py3langid says the same


@pytest.mark.parametrize("text", [
    HUNGARIAN,  # its article "a" is no Portuguese function word here: the classifier decides
    DUTCH,  # its "de" is also Portuguese: not clear enough, and never German
    "Hafen Montag Wind Mole Fähre Sturm Fischer Wetter Wasser " * 5,  # no function words at all
    "Der Hafen und die Fähre",  # too short to count
    " ".join([GERMAN[:150], ENGLISH[:150]]),  # two languages side by side
])
def test_function_words_leave_the_unclear_cases_to_the_classifier(text):
    assert by_function_words(text) is None


def test_the_classifier_tells_the_unclear_ones():
    assert detect_language(HUNGARIAN) == "hu"
    assert detect_language(DUTCH) == "nl"


def test_a_declared_language_goes_to_the_classifier():
    assert detect_language(GERMAN, hint="en") == "de"
    assert detect_language("Der Hafen.", hint="de-DE") == "de"

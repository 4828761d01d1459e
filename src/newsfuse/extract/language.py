"""The language of a body text, as an ISO 639-1 code (py3langid, model shipped in the wheel).

    detect_language(text, hint) -> "de" | "en" | ... | None

The text decides; the page's declared language (``<html lang>``, og:locale, Content-Language) is a hint
that wins only when the text is too short to tell, or when the classifier is unsure and ranks the hint
close behind its first guess. A wrong ``<html lang>`` (a template left at "en") does not override a
clearly German text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d_#@]+")
_NOT_WORDS_NO_AT = re.compile(r"https?://\S+|www\.\S+|[\d_#@]+")  # the same for a text without "@" (faster)
MIN_CHARS = 40  # below this, the text cannot outvote a declared language
SURE = 0.95  # a first guess this likely is taken over a differing hint
CLOSE = 0.05  # a hint ranked at least this likely is taken when the guess is unsure


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The classifier, loaded once per process (read-only afterwards)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def hint_code(hint: str | None) -> str | None:
    """"de-DE", "en_US", "DE" -> "de"; anything that is not a 2-letter code -> None."""
    if not hint:
        return None
    code = hint.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None


def detect_language(text: str, hint: str | None = None, sample: int = 3000) -> str | None:
    """ISO 639-1 code of ``text``; ``hint`` wins when the text is too short or the text is ambiguous."""
    declared = hint_code(hint)
    head = text[: sample * 2]
    words = " ".join((_NOT_WORDS if "@" in head else _NOT_WORDS_NO_AT).sub(" ", head).split())[:sample]
    if len(words) < MIN_CHARS:
        return declared
    identifier = _identifier()
    guess, probability = identifier.classify(words)
    guess = str(guess)
    if len(guess) != 2 and declared:  # not an ISO 639-1 code (e.g. "pcm"): the declared one is
        return declared
    if declared is None or guess == declared or probability >= SURE:
        return guess
    ranked = dict(identifier.rank(words)[:5])
    if ranked.get(declared, 0.0) >= CLOSE or len(words) < 200:
        return declared
    return guess

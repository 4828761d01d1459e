"""The language of a body text, as an ISO 639-1 code (py3langid, model shipped in the wheel).

    detect_language(text, hint) -> "de" | "en" | ... | None
    by_function_words(words) -> "de" | ... | None   the clear cases, told by their function words
    load_classifier()                                 read py3langid's model now (else at its first use)

The text decides; the page's declared language (``<html lang>``, og:locale, Content-Language) is a hint
that wins only when the text is too short to tell, or when the classifier is unsure and ranks the hint
close behind its first guess. A wrong ``<html lang>`` (a template left at "en") does not override a
clearly German text. A text with no declared language whose function words are clearly one
language's (most text captures) is told by them, without the classifier.

py3langid counts a text's byte n-grams by walking a DFA one byte at a time in Python: one step per
byte, each waiting on the last one's look-up in a 40 MB table, which misses the cache when other work
ran in between (most of a classification inside an extraction). The shipped model's DFA forgets where
it started after 6 bytes (checked once over all its states: every 6-byte string leads each of them to
the same state), so the state at each byte is the one reached from the start over the 6 bytes up to
it, and numpy takes those 6 steps for all bytes at once (the look-ups no longer wait on each other).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d_#@]+")
# the same for a text without "@" (faster: every alternative opens with one character, which re skips to)
_NOT_WORDS_NO_AT = re.compile(r"[\d_#@][\d_#@]*|https?://\S+|www\.\S+")
MIN_CHARS = 40  # below this, the text cannot outvote a declared language
SURE = 0.95  # a first guess this likely is taken over a differing hint
CLOSE = 0.05  # a hint ranked at least this likely is taken when the guess is unsure


WALK_BYTES = 6  # the model's DFA forgets its start state after this many bytes ...
WALK_STATES = 104583  # ... checked for the model with this many states (py3langid 0.4); others walk in Python


class _Identifier(LanguageIdentifier):  # type: ignore[misc]  # py3langid is untyped
    """py3langid's classifier with its n-gram counts taken by numpy (the same counts in the same order)."""

    __slots__ = ("_base", "_next", "_out")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._next = np.frombuffer(self.tk_nextmove, dtype=f"u{self.tk_nextmove.itemsize}").astype(np.intp)
        self._base = np.frombuffer(self.tk_row, dtype=f"u{self.tk_row.itemsize}").astype(np.intp) << 8
        self._out = np.array(self.tk_output, dtype=np.intp)

    def _raw_score(self, text: bytes) -> Any:
        visits = self.visit_counts(text)
        if not visits:
            return super()._raw_score(text)  # no feature: its own fallback score
        return self._sparse_score(visits, self.nb_ptc)

    def visit_counts(self, text: bytes) -> dict[int, int]:
        """How often each n-gram feature occurs in ``text``, by first occurrence (py3langid's
        ``visit_counts``)."""
        data = np.frombuffer(text, dtype=np.uint8)
        n = len(data)
        state = np.zeros(n, dtype=np.intp)
        for k in range(min(WALK_BYTES, n) - 1, -1, -1):  # byte i - k, for every byte i at once
            state[k:] = self._next.take(self._base.take(state[k:]) + data[:n - k])
        found = self._out.take(state)
        features, first, counts = np.unique(found[found >= 0], return_index=True, return_counts=True)
        order = np.argsort(first)
        return dict(zip(features[order].tolist(), counts[order].tolist()))


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The classifier, loaded once per process (read-only afterwards)."""
    identifier = _Identifier.from_model_file(MODEL_FILE, norm_probs=True)
    if len(identifier.tk_row) != WALK_STATES or not hasattr(identifier, "_sparse_score"):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)  # another model or API
    return identifier


def load_classifier() -> None:
    """Read py3langid's model now (about a second, once per process) rather than at the first text the
    function words leave undecided: for a worker that should pay it before its clock starts."""
    _identifier()


def hint_code(hint: str | None) -> str | None:
    """"de-DE", "en_US", "DE" -> "de"; anything that is not a 2-letter code -> None."""
    if not hint:
        return None
    code = hint.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None


#: Words of two letters or more frequent in one language's running text (the others listed compete:
#: a Dutch or Portuguese text counts for its own language, not as a weak German or Spanish one).
FUNCTION_WORDS: dict[str, frozenset[str]] = {code: frozenset(words.split()) for code, words in {
    "de": "der die und das ist nicht mit den dem sich auch ein eine einen von zu für auf wird werden sind bei "
          "nach aus wie dass als noch nur über aber wenn im zum zur des hat haben war wurde",
    "en": "the and of to is that with for was are this have from which has were been not but they their will "
          "would can could into about after more there when who what",
    "fr": "le la les et des est une dans sur pour avec par sont qui que pas plus mais ce cette du au aux il elle ne",
    "es": "el la los las del en con por para es son fue que se su sus al como más pero lo una un",
    "nl": "de het een en van is dat die niet met voor zijn op te ook aan er maar om bij naar wordt werd",
    "it": "il la le gli di che non per una con del della nel sono è anche più come ma alla dei",
    "pt": "os as de que do da em um uma para com não por se mais dos das ao como foi",
    "pl": "na do się nie to że jest od za jak po oraz ale czy przez tak",
    "hu": "az és hogy nem egy meg van volt csak már mint vagy után ezt amely",
}.items()}
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {  # each function word: the languages it is one of
    word: tuple(code for code, words in FUNCTION_WORDS.items() if word in words)
    for word in set().union(*FUNCTION_WORDS.values())
}
FUNCTION_HITS = 8  # a language is told by its function words when they occur this often ...
FUNCTION_MARGIN = 3  # ... this many times as often as the next language's ...
FUNCTION_TOKENS = 30  # ... in a sample of at least this many words
_LETTERS = re.compile(r"[^\W\d_]+")


def by_function_words(words: str) -> str | None:
    """The language whose function words dominate ``words``, when one clearly does, else None (the
    classifier decides). Measured against py3langid on the dev set's 2,965 bodies (1,980 text
    captures, 985 HTML pages): it decides 84% of them, in a fraction of the time, and always alike."""
    tokens = _LETTERS.findall(words.lower())
    if len(tokens) < FUNCTION_TOKENS:
        return None
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for token in tokens:
        for code in _LANGUAGES_OF.get(token, ()):
            counts[code] += 1
    best, second = sorted(counts.values(), reverse=True)[:2]
    if best < FUNCTION_HITS or best < FUNCTION_MARGIN * max(1, second):
        return None
    return max(counts, key=counts.__getitem__)


def detect_language(text: str, hint: str | None = None, sample: int = 3000) -> str | None:
    """ISO 639-1 code of ``text``; ``hint`` wins when the text is too short or the text is ambiguous."""
    declared = hint_code(hint)
    head = text[: sample * 2]
    words = " ".join((_NOT_WORDS if "@" in head else _NOT_WORDS_NO_AT).sub(" ", head).split())[:sample]
    if len(words) < MIN_CHARS:
        return declared
    if declared is None:
        plain = by_function_words(words)
        if plain is not None:
            return plain
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

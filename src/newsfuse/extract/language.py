"""The language of a body text, as an ISO 639-1 code (py3langid, model shipped in the wheel)."""

from __future__ import annotations

from py3langid.langid import classify


def detect_language(text: str, hint: str | None = None, sample: int = 3000) -> str | None:
    """ISO 639-1 code of ``text``; ``hint`` (e.g. ``<html lang>``) wins when the text is too short."""
    hint_code = hint.split("-")[0].split("_")[0].lower()[:2] if hint else None
    if len(text.strip()) < 40:
        return hint_code or None
    lang, _score = classify(text[:sample])
    return str(lang)

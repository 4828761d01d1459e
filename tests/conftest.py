"""Shared fixtures: paths to the invented examples and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def example_html() -> bytes:
    return (EXAMPLES / "tidal-barrier.html").read_bytes()

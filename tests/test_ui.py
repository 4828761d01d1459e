"""The progress reporter: the inputs are walked for a total only when a bar is drawn."""

from __future__ import annotations

import sys

from newsfuse.records import Rejected
from newsfuse.ui import Reporter


def test_no_bar_no_walk(monkeypatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    asked: list[bool] = []
    with Reporter(total=lambda: asked.append(True) or 3) as reporter:  # type: ignore[func-returns-value]
        reporter.advance()
    assert asked == [] and reporter.ok == 1


def test_a_bar_counts_to_the_total_it_asked_for(monkeypatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with Reporter(total=lambda: 3) as reporter:
        reporter.advance()
        reporter.reject(Rejected("x.html", "empty capture", "empty"))
        assert reporter._progress is not None
        task = reporter._progress.tasks[0]
        assert (task.total, task.completed) == (3, 2)
    assert Reporter(total=lambda: 3, quiet=True)._progress is None

"""What the CLI tells a person on stderr: a progress bar on a terminal, rejections, a summary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsfuse.records import Rejected


class Reporter:
    """Counts results; shows a progress bar only when stderr is a terminal and not quiet."""

    def __init__(self, total: Callable[[], int | None], quiet: bool = False, what: str = "captures") -> None:
        """``total``: how many results to expect (None: unknown), asked only when a bar is shown (the
        inputs are walked for it)."""
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.quiet = quiet
        self.ok = 0
        self.rejected = 0
        self.what = what
        self._progress: Progress | None = None
        if not quiet and sys.stderr.isatty():
            self._progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                                      MofNCompleteColumn(), TimeRemainingColumn(),
                                      console=self.console, transient=True)
            self._task = self._progress.add_task(what, total=total())

    def __enter__(self) -> Self:
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress:
            self._progress.stop()

    def advance(self) -> None:
        self.ok += 1
        if self._progress:
            self._progress.advance(self._task)

    def reject(self, rejected: Rejected) -> None:
        """A rejected capture is always reported, quiet or not: path and reason."""
        self.rejected += 1
        self.console.print(f"newsfuse: rejected {rejected.path}: {rejected.reason}", markup=False)
        if self._progress:
            self._progress.advance(self._task)

    def summary(self, text: str) -> None:
        if not self.quiet:
            self.console.print(f"newsfuse: {self.ok + self.rejected} {self.what}: {text}", markup=False)

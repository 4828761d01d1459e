"""Per-capture time limits (modelled on resiliparse's ``process_guard``).

``time_limit(seconds)`` raises :class:`TimedOut` inside the block when it runs too long. It uses
``SIGALRM`` and so only arms in the main thread of a process (the CLI, each ``--jobs`` worker,
each Dask worker process); elsewhere it is a no-op and the caller's own limits apply.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsfuse.errors import TimedOut


def _can_arm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, what: str = "capture") -> Iterator[None]:
    """Raise TimedOut if the block takes longer than ``seconds`` (0 disables)."""
    if seconds <= 0 or not _can_arm():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise TimedOut(f"{what} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""Per-capture time limits (modelled on resiliparse's ``process_guard``).

``time_limit(seconds)`` raises :class:`TimedOut` (or the ``error`` given) inside the block when it
runs too long. Limits nest: an inner limit (a PDF page) inside an outer one (the capture) applies
the sooner of the two, the outer limit's own error is raised when it is the one that runs out,
and the outer timer is re-armed with what is left of it when the inner block ends. It uses
``SIGALRM`` and so only arms in the main thread of a process (the CLI, each ``--jobs`` worker, each
Dask worker process); elsewhere it is a no-op and the caller's own limits apply.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from newsfuse.errors import TimedOut


def _can_arm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, what: str = "capture",
               error: Callable[[str], BaseException] = TimedOut) -> Iterator[None]:
    """Raise ``error`` if the block takes longer than ``seconds`` (0 disables)."""
    if seconds <= 0 or not _can_arm():
        yield
        return
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    outer_handler = signal.getsignal(signal.SIGALRM)
    mine = not outer_left or seconds < outer_left
    start = time.monotonic()

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if not mine and callable(outer_handler):
            outer_handler(signum, frame)  # the outer limit ran out first: its error, not ours
        raise error(f"{what} took longer than {seconds:g} s")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds if mine else outer_left)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - start), 1e-3))

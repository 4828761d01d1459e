"""Per-capture time limits (modelled on resiliparse's ``process_guard``).

``time_limit(seconds)`` raises :class:`TimedOut` (or the ``error`` given) inside the block when it
runs too long. Limits nest: an inner limit (a PDF page) inside an outer one (the capture) applies
the sooner of the two, the outer limit's own error is raised when it is the one that runs out,
and the outer timer is re-armed with what is left of it when the inner block ends. In the main
thread of a process (the CLI, each ``--jobs`` worker) it uses ``SIGALRM``. Elsewhere (a Dask
worker runs its tasks in threads) a watchdog timer raises the error in the limited thread at its
next Python instruction (CPython's ``PyThreadState_SetAsyncExc``, as ``stopit`` and
``func_timeout`` do): a call into a C library that runs long is cut when it returns to Python.
"""

from __future__ import annotations

import ctypes
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
    if seconds <= 0:
        yield
        return
    if not _can_arm():
        with _watchdog(seconds, what, error):
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


@contextmanager
def _watchdog(seconds: float, what: str, error: Callable[[str], BaseException]) -> Iterator[None]:
    """:func:`time_limit` off the main thread: a timer thread raises ``error`` in this one. Limits nest
    without re-arming (each has its own timer and error); a limit that ran out as its block ended has
    its exception withdrawn if it was not raised yet."""
    target = threading.get_ident()
    expired = _expired(error, f"{what} took longer than {seconds:g} s")
    lock = threading.Lock()
    armed, fired = [True], [False]

    def fire() -> None:
        with lock:
            if armed[0]:
                fired[0] = True
                _async_raise(target, expired)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            armed[0] = False
            timer.cancel()
            if fired[0]:
                _async_raise(target, None)  # withdraw it if still pending (a no-op once raised)


def _expired(error: Callable[[str], BaseException], message: str) -> type[BaseException]:
    """A subclass of ``error`` whose instances carry ``message`` (an exception raised from another
    thread is given as a class and made without arguments)."""
    base: type[BaseException] = error if isinstance(error, type) else TimedOut

    def made(self: BaseException) -> None:
        BaseException.__init__(self, message)

    return type(base.__name__, (base,), {"__init__": made})


def _async_raise(thread: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exception)
                                               if exception is not None else ctypes.c_void_p(None))

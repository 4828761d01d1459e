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
from dataclasses import dataclass
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


@dataclass(eq=False, slots=True)
class _Limit:
    """One :func:`time_limit` block running off the main thread."""

    deadline: float
    error: type[BaseException]
    timer: threading.Timer | None = None


# The limits running in each thread off the main one, outermost first, and the lock their timers
# take: what SIGALRM's single timer and handler are in the main thread, shared by its nested blocks.
_WATCHED: dict[int, list[_Limit]] = {}
_WATCH_LOCK = threading.Lock()


@contextmanager
def _watchdog(seconds: float, what: str, error: Callable[[str], BaseException]) -> Iterator[None]:
    """:func:`time_limit` off the main thread: a timer thread raises the error in this one. A thread
    holds one pending exception, so whenever a limit runs out the error raised is the outermost
    run-out limit's (a page's limit never hides the capture's). When a block ends, the limits inside
    it that are left (an exception cut their own ending short) are cancelled, what is still pending
    is withdrawn, and an outer limit that ran out meanwhile is raised again unless its error is the
    one on its way out."""
    target = threading.get_ident()
    limit = _Limit(time.monotonic() + seconds, _expired(error, f"{what} took longer than {seconds:g} s"))
    with _WATCH_LOCK:
        stack = _WATCHED.setdefault(target, [])
        stack.append(limit)
        limit.timer = threading.Timer(seconds, _run_out, (target,))
        limit.timer.daemon = True
        limit.timer.start()
    leaving: BaseException | None = None
    try:
        yield
    except BaseException as exc:
        leaving = exc
        raise
    finally:
        with _WATCH_LOCK:
            at = stack.index(limit) if limit in stack else len(stack)
            for inner in stack[at:]:
                if inner.timer is not None:
                    inner.timer.cancel()
            del stack[at:]
            _async_raise(target, None)  # withdraw what is pending (a no-op once raised)
            outer = _outermost_run_out(stack)
            if outer is not None and not isinstance(leaving, outer.error):
                _async_raise(target, outer.error)
            if not stack:
                _WATCHED.pop(target, None)


def _run_out(target: int) -> None:
    """A limit's timer went off: raise the outermost run-out limit's error in ``target``."""
    with _WATCH_LOCK:
        outer = _outermost_run_out(_WATCHED.get(target, []))
        if outer is not None:
            _async_raise(target, outer.error)


def _outermost_run_out(stack: list[_Limit]) -> _Limit | None:
    now = time.monotonic() + 1e-3  # a timer may wake a hair before its deadline reads as passed
    return next((limit for limit in stack if limit.deadline <= now), None)


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

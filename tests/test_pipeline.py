"""The local pipeline: order, --jobs, limits, and hostile input never raising."""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.errors import TimedOut
from newsfuse.extract import extract_or_reject
from newsfuse.limits import time_limit
from newsfuse.options import ExtractOptions
from newsfuse.pipeline import extract_one, extract_paths, extract_stream
from newsfuse.records import Article, Capture, Rejected


def test_jobs_keep_input_order(examples) -> None:
    one = [r.to_dict() for r in extract_paths([str(examples)], jobs=1)]
    two = [r.to_dict() for r in extract_paths([str(examples)], jobs=2)]
    assert one == two and len(one) >= 4


def test_rejections_stay_in_the_stream_in_order(examples) -> None:
    items = [Capture("a", b""), Capture("b", (examples / "comet-survey.html").read_bytes())]
    results = list(extract_stream(items, ExtractOptions()))
    assert isinstance(results[0], Rejected) and results[0].code == "empty"
    assert isinstance(results[1], Article)


def test_time_limit_raises_inside_the_block() -> None:
    with pytest.raises(TimedOut), time_limit(0.05):
        time.sleep(1)


def test_zero_disables_the_time_limit() -> None:
    with time_limit(0):
        time.sleep(0.01)


def test_extract_one_turns_a_timeout_into_a_rejection(monkeypatch) -> None:
    def slow(capture, options):  # type: ignore[no-untyped-def]
        time.sleep(2)

    monkeypatch.setattr("newsfuse.pipeline.extract_or_reject", slow)
    result = extract_one(Capture("slow.html", b"<p>x</p>"), ExtractOptions(timeout=0.05))
    assert isinstance(result, Rejected) and result.code == "timeout" and result.path == "slow.html"


_markup = st.lists(
    st.sampled_from(["<html>", "<p>", "</p>", "<div class='nav'>", "</div>", "<script>", "<!--", "\x00",
                     "<meta charset='klingon'>", "%PDF-1.4", "\f", "\r\n", "é", "Sentence of words here. "]),
    max_size=60,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), _markup.map(str.encode)))
def test_random_bytes_give_a_record_or_a_clear_rejection(data: bytes) -> None:
    result = extract_or_reject(Capture("fuzz", data), ExtractOptions())
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Rejected):
        assert result.reason and result.code != "internal-error", result.reason


class _Inner(Exception):
    pass


def test_an_inner_limit_fires_first_and_the_outer_one_is_rearmed() -> None:
    with pytest.raises(TimedOut), time_limit(0.3, "capture"):
        with pytest.raises(_Inner), time_limit(0.05, "page", error=_Inner):
            time.sleep(1)
        time.sleep(1)  # the capture's own limit still applies after the page's


def test_the_outer_limit_wins_when_it_runs_out_first() -> None:
    with pytest.raises(TimedOut), time_limit(0.05, "capture"), time_limit(5, "page", error=_Inner):
        time.sleep(1)


def _in_thread(block) -> BaseException | None:  # type: ignore[no-untyped-def]
    """Run ``block`` in a thread that is not the main one (as a Dask worker runs a task); what it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            block()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            raised.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    return raised[0] if raised else None


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_off_the_main_thread_the_limit_raises_inside_the_block() -> None:
    def block() -> None:
        with time_limit(0.05):
            _spin(3)

    start = time.monotonic()
    raised = _in_thread(block)
    assert isinstance(raised, TimedOut) and raised.code == "timeout" and "0.05 s" in str(raised)
    assert time.monotonic() - start < 2


def test_off_the_main_thread_limits_nest_and_a_finished_block_leaves_nothing_behind() -> None:
    def inner_first() -> None:
        with pytest.raises(TimedOut), time_limit(0.3, "capture"):
            with pytest.raises(_Inner), time_limit(0.05, "page", error=_Inner):
                _spin(3)
            _spin(3)

    def outer_first() -> None:
        with pytest.raises(TimedOut), time_limit(0.05, "capture"), time_limit(5, "page", error=_Inner):
            _spin(3)

    def outer_cuts_the_inner_short() -> None:
        with pytest.raises(TimedOut), time_limit(0.1, "capture"), time_limit(0.3, "page", error=_Inner):
            _spin(3)
        _spin(0.5)  # past the page's deadline: its timer went with its block, nothing is raised here

    assert _in_thread(inner_first) is None and _in_thread(outer_first) is None
    assert _in_thread(outer_cuts_the_inner_short) is None


def test_off_the_main_thread_a_page_limit_never_hides_the_capture_limit() -> None:
    # a long call into C outlives both limits: when it returns, the capture's error is the one raised,
    # and the page's handler (which skips a slow page) does not swallow it
    def pages() -> None:
        with time_limit(0.2, "capture"):
            for _ in range(3):
                try:
                    with time_limit(0.4, "page", error=_Inner):
                        time.sleep(0.8)
                except _Inner:
                    continue

    start = time.monotonic()
    assert isinstance(_in_thread(pages), TimedOut)
    assert time.monotonic() - start < 2


def test_extract_one_off_the_main_thread_turns_a_timeout_into_a_rejection(monkeypatch) -> None:
    # a Dask worker runs its tasks in threads: the capture time limit must hold there too
    monkeypatch.setattr("newsfuse.pipeline.extract_or_reject", lambda capture, options: _spin(3))
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(
        extract_one(Capture("slow.html", b"<p>x</p>"), ExtractOptions(timeout=0.05))))
    thread.start()
    thread.join(10)
    (result,) = results
    assert isinstance(result, Rejected) and result.code == "timeout" and result.path == "slow.html"

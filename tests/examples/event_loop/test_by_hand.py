"""Running a loop by hand does asyncio.run's work: it sets the loop as the current one and
unsets it, finalizes async generators, waits for the default executor and closes the loop;
a loop never closed is reported as an "unclosed event loop"."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import warnings

import pytest

from examples.event_loop import by_hand


@pytest.fixture
def loops(monkeypatch: pytest.MonkeyPatch) -> list[asyncio.AbstractEventLoop]:
    """Every loop the example creates."""
    created = []
    real_new_event_loop = asyncio.new_event_loop

    def new_event_loop() -> asyncio.AbstractEventLoop:
        created.append(real_new_event_loop())
        return created[-1]

    monkeypatch.setattr(by_hand.asyncio, "new_event_loop", new_event_loop)
    return created


def test_sets_the_loop_then_unsets_it_before_closing(monkeypatch) -> None:
    calls: list[object] = []
    original = asyncio.set_event_loop

    def record(loop):
        calls.append(loop if loop is None else ("closed" if loop.is_closed() else "open"))
        original(loop)

    monkeypatch.setattr(asyncio, "set_event_loop", record)
    assert by_hand.run_by_hand(by_hand.main()) == "done"
    assert calls == ["open", None]


def test_returns_the_result_on_a_new_loop_it_closes(loops) -> None:
    assert by_hand.run_by_hand(by_hand.main()) == "done"
    [loop] = loops
    assert loop.is_closed()


def test_an_async_generator_left_open_is_finalized(loops) -> None:
    finalized = []

    async def ticker():
        try:
            yield 1
            yield 2
        finally:
            finalized.append(True)

    async def leave_it_open():
        ticks = ticker()
        await anext(ticks)
        return ticks  # still referenced, still suspended: only the loop can finalize it

    ticks = by_hand.run_by_hand(leave_it_open())
    assert finalized == [True]
    assert ticks.ag_frame is None


def test_work_left_on_the_default_executor_is_waited_for() -> None:
    threads = []

    def nap() -> None:
        threads.append(threading.current_thread())
        time.sleep(0.2)

    async def leave_a_thread_working() -> None:
        asyncio.get_running_loop().run_in_executor(None, nap)  # not awaited

    by_hand.run_by_hand(leave_a_thread_working())
    [thread] = threads
    assert not thread.is_alive()  # the executor was shut down, and its threads joined


def test_a_forgotten_close_warns_about_the_loop() -> None:
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.sleep(0))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del loop
        gc.collect()
    messages = [str(warning.message) for warning in caught]
    assert any(message.startswith("unclosed event loop") for message in messages), messages

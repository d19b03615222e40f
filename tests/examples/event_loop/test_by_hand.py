"""run_by_hand does asyncio.run's work: run, finalize async generators, close the loop."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from examples.event_loop import by_hand as example


@pytest.fixture
def loops(monkeypatch: pytest.MonkeyPatch) -> list[asyncio.AbstractEventLoop]:
    """Every loop the example creates."""
    created = []
    real_new_event_loop = asyncio.new_event_loop

    def new_event_loop() -> asyncio.AbstractEventLoop:
        created.append(real_new_event_loop())
        return created[-1]

    monkeypatch.setattr(example.asyncio, "new_event_loop", new_event_loop)
    return created


def test_returns_the_result_on_a_new_loop_it_closes(loops) -> None:
    assert example.run_by_hand(example.main()) == "done"
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

    ticks = example.run_by_hand(leave_it_open())
    assert finalized == [True]
    assert ticks.ag_frame is None


def test_work_left_on_the_default_executor_is_waited_for() -> None:
    threads = []

    def nap() -> None:
        threads.append(threading.current_thread())
        time.sleep(0.2)

    async def leave_a_thread_working() -> None:
        asyncio.get_running_loop().run_in_executor(None, nap)  # not awaited

    example.run_by_hand(leave_a_thread_working())
    [thread] = threads
    assert not thread.is_alive()  # the executor was shut down, and its threads joined

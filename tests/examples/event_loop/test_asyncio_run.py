"""asyncio.run() runs main on a fresh loop and closes that loop afterwards."""

from __future__ import annotations

import asyncio

from examples.event_loop import asyncio_run as example


def test_main_runs_on_a_loop_that_run_then_closes() -> None:
    loop = asyncio.run(example.main())
    assert isinstance(loop, asyncio.AbstractEventLoop)
    assert loop.is_closed()
    assert not loop.is_running()


def test_each_run_gets_a_new_loop() -> None:
    assert asyncio.run(example.main()) is not asyncio.run(example.main())


async def test_greet_waits_then_greets() -> None:
    assert await example.greet("event loop", 0) == "hello, event loop"

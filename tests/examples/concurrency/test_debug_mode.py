"""Debug mode logs a blocking step as a WARNING on the asyncio logger; an awaited sleep is fine."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest

from examples.concurrency import debug_mode as example

# A step over this is reported; both naps below last longer, but only one blocks.
THRESHOLD, NAP = 0.25, 0.3


def slow_step_messages(caplog: pytest.LogCaptureFixture, nap) -> list[str]:
    async def under_debug() -> None:
        asyncio.get_running_loop().slow_callback_duration = THRESHOLD
        await asyncio.create_task(nap(NAP))

    with caplog.at_level(logging.WARNING, logger="asyncio"):
        asyncio.run(under_debug(), debug=True)
    return [record.getMessage() for record in caplog.records if record.name == "asyncio"]


def test_blocking_step_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    [message] = slow_step_messages(caplog, example.blocking_nap)
    assert message.startswith("Executing <Task finished name=")
    assert "coro=<blocking_nap() done" in message
    assert re.search(r" took \d+\.\d{3} seconds$", message)


def test_awaited_sleep_is_not_reported(caplog: pytest.LogCaptureFixture) -> None:
    assert slow_step_messages(caplog, asyncio.sleep) == []

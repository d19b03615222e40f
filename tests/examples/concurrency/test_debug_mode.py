"""Debug mode logs a blocking step as a WARNING on the asyncio logger; an awaited sleep is fine."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest


def slow_step_messages(caplog: pytest.LogCaptureFixture, coroutine) -> list[str]:
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        asyncio.run(coroutine, debug=True)
    return [record.getMessage() for record in caplog.records if record.name == "asyncio"]


def test_blocking_step_is_reported(load_example, caplog) -> None:
    example = load_example("debug_mode")
    [message] = slow_step_messages(caplog, example.blocking_nap(0.15))
    assert message.startswith("Executing <Task finished name=")
    assert "coro=<blocking_nap() done" in message
    assert re.search(r" took \d+\.\d{3} seconds$", message)


def test_awaited_sleep_is_not_reported(caplog) -> None:
    assert slow_step_messages(caplog, asyncio.sleep(0.15)) == []

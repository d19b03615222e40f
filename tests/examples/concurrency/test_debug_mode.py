"""Debug mode reports a blocking step by task name; "created at" names whoever called
loop.create_task(), which for asyncio.create_task, gather and TaskGroup is asyncio itself."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from pathlib import Path

import pytest

from examples.concurrency import debug_mode
from survey.paths import ROOT

ASYNCIO_DIR = Path(asyncio.__file__).parent


def slow_step_messages(caplog: pytest.LogCaptureFixture, coroutine, about: str) -> list[str]:
    """Debug mode's reports of slow steps that mention ``about``. On a busy machine any
    step can overrun the limit now and then; only the steps under test must, or must not."""
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        asyncio.run(coroutine, debug=True)
    messages = [record.getMessage() for record in caplog.records if record.name == "asyncio"]
    return [message for message in messages if about in message]


def created_at(message: str) -> Path:
    return Path(re.search(r" created at (\S+):\d+>", message)[1])


async def block() -> None:
    time.sleep(0.15)  # noqa: ASYNC251 - blocking is what debug mode reports


BLOCK = "coro=<block()"


def test_blocking_task_is_reported_by_name(caplog, monkeypatch) -> None:
    monkeypatch.setattr(debug_mode, "DELAY", 0.15)
    [message] = slow_step_messages(caplog, debug_mode.main(), about="name='upload'")
    assert "name='upload' coro=<handle_upload() done" in message
    assert re.search(r" took \d+\.\d{3} seconds$", message)


def test_awaited_sleep_is_not_reported(caplog) -> None:
    assert slow_step_messages(caplog, asyncio.sleep(0.15), about="coro=<sleep(") == []


async def made_by_asyncio() -> None:
    await asyncio.create_task(block())
    await asyncio.gather(block())
    async with asyncio.TaskGroup() as group:
        group.create_task(block())


def test_created_at_points_into_asyncio_for_its_helpers(caplog) -> None:
    messages = slow_step_messages(caplog, made_by_asyncio(), about=BLOCK)
    assert len(messages) == 3
    assert {created_at(message).parent for message in messages} == {ASYNCIO_DIR}


async def made_by_loop() -> None:
    await asyncio.get_running_loop().create_task(block())


def test_created_at_names_the_caller_of_loop_create_task(caplog) -> None:
    [message] = slow_step_messages(caplog, made_by_loop(), about=BLOCK)
    assert created_at(message) == Path(__file__)


def test_page_does_not_promise_the_creating_line() -> None:
    # The slide's notes must say where "created at" really points for these helpers.
    page = (ROOT / "docs" / "concurrency.md").read_text(encoding="utf-8")
    slide = page.split("## Debug mode names the blocking step", 1)[1].split("\n## ", 1)[0]
    assert "inside asyncio itself" in slide


def test_printed_report_is_stable(capsys) -> None:
    handler = debug_mode.PrintSlowSteps(logging.WARNING)
    logging.getLogger("asyncio").addHandler(handler)
    try:
        asyncio.run(debug_mode.main(), debug=True)
    finally:
        logging.getLogger("asyncio").removeHandler(handler)
    out = capsys.readouterr().out
    assert "name='upload'" in out
    assert "created at asyncio/taskgroups.py:…>" in out
    assert out.rstrip().endswith("took ≈ 1 × delay")
    assert str(ROOT) not in out

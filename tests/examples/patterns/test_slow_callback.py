"""Debug mode names the task whose step blocked the loop, and only that one."""

from __future__ import annotations

import asyncio
import logging

import pytest

from examples.patterns import slow_callback as example


def test_only_the_blocking_task_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        asyncio.run(example.main(), debug=True)
    reports = [record.getMessage() for record in caplog.records if record.name == "asyncio"]
    [report] = reports
    assert "name='upload'" in report
    assert "handle_upload()" in report

"""In a TaskGroup one failure cancels the siblings, and the errors come out as an ExceptionGroup."""

from __future__ import annotations

import asyncio

import pytest

from examples.concurrency import task_group as example


async def test_a_failure_cancels_its_sibling_and_raises_a_group() -> None:
    with pytest.raises(ExceptionGroup) as caught:  # noqa: PT012 (the group is the block)
        async with asyncio.TaskGroup() as group:
            failing = group.create_task(example.fetch("orders", 0.01, fails=True))
            # A minute: it can only end this soon by being cancelled.
            sibling = group.create_task(example.fetch("prices", 60))
    assert sibling.cancelled()
    assert failing.exception() is caught.value.exceptions[0]
    [error] = caught.value.exceptions
    assert isinstance(error, ConnectionError)
    assert "orders" in str(error)


async def test_main_handles_the_group_with_except_star(monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = []
    real_fetch = example.fetch

    async def fetch(*args, **kwargs) -> None:
        tasks.append(asyncio.current_task())
        await real_fetch(*args, **kwargs)

    monkeypatch.setattr(example, "fetch", fetch)
    await example.main()  # returns: except* caught the ConnectionError
    failing, sibling = tasks
    assert isinstance(failing.exception(), ConnectionError)
    assert sibling.cancelled()

"""The pre-3.15 idiom ends a TaskGroup early: the searches still running are cancelled,
the one that answered is not, and the private exception never reaches the caller."""

from __future__ import annotations

import asyncio

import pytest

from examples.concurrency import task_group_stop as example


async def test_the_first_answer_ends_the_group_quietly(monkeypatch) -> None:
    lines: list[str] = []
    monkeypatch.setattr(example, "print", lines.append, raising=False)
    await example.main()  # raises if Stop escaped
    assert lines == ["found on shard-b", "cancelled: ['shard-a', 'shard-c']"]
    assert asyncio.all_tasks() == {asyncio.current_task()}


async def test_an_error_of_another_kind_still_propagates(monkeypatch) -> None:
    async def broken(shard: str, delay: float, found: asyncio.Event) -> None:
        raise ConnectionError(shard)

    monkeypatch.setattr(example, "search", broken)
    with pytest.raises(ExceptionGroup) as raised:  # not swallowed with the Stop
        await example.main()
    errors = raised.value.exceptions
    assert all(isinstance(error, ConnectionError) for error in errors)
    assert sorted(str(error) for error in errors) == sorted(example.SHARDS)

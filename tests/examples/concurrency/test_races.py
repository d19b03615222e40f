"""An await between read and write loses every concurrent update; asyncio.Lock keeps them all."""

from __future__ import annotations

import asyncio

import pytest


@pytest.mark.parametrize("deposits", [2, 100])
async def test_read_await_write_keeps_only_one_update(load_example, deposits: int) -> None:
    example = load_example("lost_update")
    account = example.Account()
    await asyncio.gather(*(example.deposit(account, 10) for _ in range(deposits)))
    assert account.balance == 10


@pytest.mark.parametrize("deposits", [2, 100])
async def test_lock_keeps_every_update(load_example, deposits: int) -> None:
    example = load_example("lock")
    account = example.Account()
    await asyncio.gather(*(example.deposit(account, 10) for _ in range(deposits)))
    assert account.balance == 10 * deposits

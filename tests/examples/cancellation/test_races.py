"""An await between read and write loses every concurrent update; asyncio.Lock keeps them all."""

from __future__ import annotations

import asyncio

import pytest

from examples.cancellation import lock, lost_update


@pytest.mark.parametrize("deposits", [2, 100])
async def test_read_await_write_keeps_only_one_update(deposits: int) -> None:
    account = lost_update.Account()
    await asyncio.gather(*(lost_update.deposit(account, 10) for _ in range(deposits)))
    assert account.balance == 10


@pytest.mark.parametrize("deposits", [2, 100])
async def test_lock_keeps_every_update(deposits: int) -> None:
    account = lock.Account()
    await asyncio.gather(*(lock.deposit(account, 10) for _ in range(deposits)))
    assert account.balance == 10 * deposits

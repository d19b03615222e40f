"""Coroutines still race: a read-modify-write with an await in the middle loses updates."""

import asyncio
from dataclasses import dataclass


# --8<-- [start:core]
@dataclass
class Account:
    balance: int = 0


async def deposit(account: Account, amount: int) -> None:
    balance = account.balance  # read
    await asyncio.sleep(0)  # any await: a query, a log write, an HTTP call
    account.balance = balance + amount  # write: overwrites others' deposits


async def main() -> None:
    account = Account()
    await asyncio.gather(*(deposit(account, 10) for _ in range(100)))
    print(f"100 deposits of 10: balance is {account.balance}, expected 1000")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

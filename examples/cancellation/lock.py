"""asyncio.Lock makes a read-await-write one step that no other task can interleave with."""

import asyncio
from dataclasses import dataclass, field


# --8<-- [start:core]
@dataclass
class Account:
    balance: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


async def deposit(account: Account, amount: int) -> None:
    # Other deposits wait at this line until this one has written.
    async with account.lock:
        balance = account.balance
        await asyncio.sleep(0)
        account.balance = balance + amount


async def main() -> None:
    account = Account()
    await asyncio.gather(*(deposit(account, 10) for _ in range(100)))
    print(f"100 deposits of 10: balance is {account.balance}, expected 1000")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""Four deposits, each read-wait-write done alone under the account's Lock."""

import asyncio
from dataclasses import dataclass, field

DELAY = 0.05


# --8<-- [start:core]
@dataclass
class Account:
    balance: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


async def deposit(account: Account, amount: int) -> None:
    async with account.lock:
        balance = account.balance
        await asyncio.sleep(DELAY)  # the ledger is slow to answer
        account.balance = balance + amount


async def main() -> None:
    account = Account()
    await asyncio.gather(*(deposit(account, 10) for _ in range(4)))
    print(f"4 deposits of 10: the balance is {account.balance}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

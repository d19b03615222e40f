"""Four deposits that lose money: each reads the balance, waits, then writes it back."""

import asyncio
from dataclasses import dataclass

DELAY = 0.05


# --8<-- [start:core]
@dataclass
class Account:
    balance: int = 0


async def deposit(account: Account, amount: int) -> None:
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

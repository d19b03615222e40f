"""Swallowing CancelledError breaks whoever cancelled you: here asyncio.timeout() never fires."""

# /// script
# [tool.survey]
# serial = true
# ///

import asyncio
import time

LIMIT = 0.2


# --8<-- [start:core]
async def stubborn_job() -> str:
    try:
        await asyncio.sleep(3 * LIMIT)
    except asyncio.CancelledError:
        print("stubborn_job: cancel ignored")  # wrong: no raise, request lost
    await asyncio.sleep(3 * LIMIT)
    return "finished late"


async def main() -> None:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(LIMIT):
            outcome = await stubborn_job()
    except TimeoutError:
        outcome = "TimeoutError"
    took = round((time.perf_counter() - started) / LIMIT)
    print(f"timeout({LIMIT}): {outcome} after ≈ {took} × the limit")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

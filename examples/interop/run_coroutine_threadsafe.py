"""A plain thread hands a coroutine to the running loop with run_coroutine_threadsafe."""

# /// script
# [tool.survey]
# no-browser = "it starts threads, and Python in a browser has only one"
# ///

import asyncio
import threading

PRICES = {"tea": 2.5, "coffee": 3.25}


# --8<-- [start:core]
async def lookup_price(item: str) -> float:
    await asyncio.sleep(0.05)  # stands in for a call through an async client
    print(f"  looked up {item} on {threading.current_thread().name}")
    return PRICES[item]


def print_report(loop: asyncio.AbstractEventLoop) -> None:
    # Plain code on another thread cannot await: it submits, then blocks.
    for item in PRICES:
        future = asyncio.run_coroutine_threadsafe(lookup_price(item), loop)
        price = future.result(timeout=5)
        print(f"{threading.current_thread().name} got {item} = {price:.2f}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    await asyncio.to_thread(print_report, loop)


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

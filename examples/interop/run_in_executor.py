"""loop.run_in_executor sends blocking calls to an executor you create and size yourself."""

# /// script
# [tool.survey]
# no-browser = "it starts threads, and Python in a browser has only one"
# ///

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

DELAY = 0.3
SENSORS = ("boiler", "pump", "valve", "fan")


# --8<-- [start:core]
def read_sensor(name: str, delay: float) -> str:
    time.sleep(delay)  # a blocking driver call: it holds its thread
    return f"{name}=ok"


async def read_all(workers: int, delay: float = DELAY) -> list[str]:
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        calls = []
        for name in SENSORS:
            calls.append(loop.run_in_executor(pool, read_sensor, name, delay))
        return await asyncio.gather(*calls)
    finally:
        await asyncio.to_thread(pool.shutdown)  # it waits: keep it off the loop


async def main() -> None:
    for workers in (2, 4):
        started = time.perf_counter()
        await read_all(workers)
        took = round((time.perf_counter() - started) / DELAY)
        calls = len(SENSORS)
        print(f"{calls} calls on {workers} threads took ≈ {took} × delay")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

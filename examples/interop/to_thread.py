"""asyncio.to_thread runs blocking calls in worker threads, so they overlap instead of queueing."""

# /// script
# [tool.survey]
# no-browser = "it starts threads, and Python in a browser has only one"
# ///

import asyncio
import time

DELAY = 0.3
SENSORS = ("boiler", "pump", "valve")


# --8<-- [start:core]
def read_sensor(name: str, delay: float) -> str:
    time.sleep(delay)  # a blocking driver call: it holds its thread
    return f"{name}=ok"


async def read_one_by_one(delay: float = DELAY) -> list[str]:
    readings = []
    for name in SENSORS:
        readings.append(await asyncio.to_thread(read_sensor, name, delay))
    return readings


async def read_together(delay: float = DELAY) -> list[str]:
    calls = [asyncio.to_thread(read_sensor, n, delay) for n in SENSORS]
    return await asyncio.gather(*calls)


async def main() -> None:
    for read in (read_one_by_one, read_together):
        started = time.perf_counter()
        readings = await read()
        took = round((time.perf_counter() - started) / DELAY)
        print(f"{read.__name__:<15} {readings} took ≈ {took} × delay")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

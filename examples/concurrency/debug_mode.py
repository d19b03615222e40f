"""Debug mode (python -X dev) reports every step that holds the event loop for more than 100 ms."""

# /// script
# [tool.survey]
# serial = true
# ///

import asyncio
import logging
import time

DELAY = 0.2


# --8<-- [start:core]
class PrintSlowSteps(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        print(f"{record.name} logger, {record.levelname}: {record.msg!r}")


async def blocking_nap(delay: float) -> None:
    time.sleep(delay)


async def main() -> None:
    loop = asyncio.get_running_loop()
    threshold = loop.slow_callback_duration
    print(f"debug mode: {loop.get_debug()}, reports steps over {threshold} s")
    logging.getLogger("asyncio").addHandler(PrintSlowSteps(logging.WARNING))
    naps = [blocking_nap(DELAY), asyncio.sleep(DELAY), blocking_nap(DELAY)]
    await asyncio.gather(*naps)


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

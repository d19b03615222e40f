"""Debug mode names the task whose step blocked the loop, and says how long it took."""

# /// script
# [tool.survey]
# serial = true
# ///

import asyncio
import logging
import os
import re
import textwrap
import time

DELAY = 0.2


# --8<-- [start:core]
def resize_image() -> None:
    time.sleep(DELAY)  # blocking: nothing else on the loop runs meanwhile


async def handle_upload() -> None:
    resize_image()


async def handle_download() -> None:
    await asyncio.sleep(DELAY)  # just as long, but it hands the loop back


async def main() -> None:
    loop = asyncio.get_running_loop()
    limit = loop.slow_callback_duration
    print(f"debug mode: {loop.get_debug()}, warns above {limit} s")
    async with asyncio.TaskGroup() as group:
        group.create_task(handle_download(), name="download")
        group.create_task(handle_upload(), name="upload")


# --8<-- [end:core]


class PrintSlowSteps(logging.Handler):
    """Prints asyncio's slow-step warning so that it reads the same anywhere.

    Paths are shown relative to this checkout or to the standard library,
    asyncio's own line numbers (they differ by version) as "…", and the
    duration in multiples of DELAY.
    """

    def emit(self, record: logging.LogRecord) -> None:
        step, seconds = record.args  # "Executing %s took %.3f seconds"
        step = step.replace(os.getcwd() + os.sep, "")
        stdlib = os.path.dirname(os.__file__) + os.sep
        step = re.sub(
            re.escape(stdlib) + r"(asyncio\S*?\.py):\d+", r"\1:…", step
        )
        took = round(seconds / DELAY)
        message = f"Executing {step} took ≈ {took} × delay"
        print(f"{record.name} {record.levelname}:")
        print(
            textwrap.fill(
                message, 72, initial_indent="  ", subsequent_indent="    "
            )
        )


if __name__ == "__main__":
    logging.getLogger("asyncio").addHandler(PrintSlowSteps(logging.WARNING))
    asyncio.run(main(), debug=True)

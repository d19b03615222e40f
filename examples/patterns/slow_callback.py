"""Debug mode names the task that blocked the loop longer than slow_callback_duration."""

# /// script
# [tool.survey]
# stderr = "merge"
# ///

import asyncio
import logging
import os
import time


# --8<-- [start:core]
def resize_image() -> None:
    time.sleep(0.15)  # blocking: nothing else on the loop runs meanwhile


async def handle_upload() -> None:
    resize_image()


async def handle_download() -> None:
    # Just as long, but it yields to the loop: no warning.
    await asyncio.sleep(0.15)


async def main() -> None:
    loop = asyncio.get_running_loop()
    limit = loop.slow_callback_duration
    print(f"debug mode: {loop.get_debug()}, warns above {limit} s")
    # loop.create_task, so "created at" in the report points at this file
    await loop.create_task(handle_download(), name="download")
    await loop.create_task(handle_upload(), name="upload")


# --8<-- [end:core]


class RelativePaths(logging.Formatter):
    """Shows this checkout's paths relative to it, so the report reads the same anywhere."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(os.getcwd() + os.sep, "")


if __name__ == "__main__":
    report = logging.StreamHandler()
    report.setFormatter(RelativePaths("%(name)s %(levelname)s: %(message)s"))
    logging.getLogger("asyncio").addHandler(report)
    asyncio.run(main(), debug=True)

"""An exception nobody retrieves is reported late, through the loop's exception handler."""

import asyncio
import gc


# --8<-- [start:core]
def report(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    # Installed in place of the default handler, which logs to stderr.
    task = context["future"]
    print(f"handler: {context['message']}")
    print(f"  task {task.get_name()!r} raised {context['exception']!r}")


async def send_receipt() -> None:
    raise ConnectionError("mail server down")


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report)
    task = asyncio.create_task(send_receipt(), name="receipt")
    await asyncio.sleep(0.01)
    print(f"task done: {task.done()}, main carries on")
    del task  # the last reference: nobody will ever see the error
    gc.collect()  # CPython frees it now; the report comes then
    print("main: finished")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

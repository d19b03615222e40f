"""A ContextVar carries a request id into every task and helper without passing it along."""

import asyncio
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")


# --8<-- [start:core]
def log(message: str) -> None:
    # No id parameter: the id comes from the current context.
    print(f"[{request_id.get()}] {message}")


async def load_profile(delay: float) -> None:
    await asyncio.sleep(delay)
    log("profile loaded")


async def handle(request: str, delay: float) -> None:
    request_id.set(request)  # changes this task's copy of the context only
    log("start")
    async with asyncio.TaskGroup() as group:
        # A new task starts with a copy of the current context.
        group.create_task(load_profile(delay))
    log("done")


async def main() -> None:
    await asyncio.gather(handle("req-1", 0.2), handle("req-2", 0.1))
    log("back in main")  # each request ran in a task with its own copy


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

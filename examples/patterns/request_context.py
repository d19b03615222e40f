"""A ContextVar carries a request id into every task and helper without passing it along."""

import asyncio
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")


# --8<-- [start:core]
def log(message: str) -> None:
    print(f"[{request_id.get()}] {message}")  # no parameter: the id comes from the context


async def load_profile(delay: float) -> None:
    await asyncio.sleep(delay)
    log("profile loaded")


async def handle(request: str, delay: float) -> None:
    request_id.set(request)  # changes this task's copy of the context only
    log("start")
    async with asyncio.TaskGroup() as group:
        group.create_task(load_profile(delay))  # a new task copies the current context
    log("done")


async def main() -> None:
    await asyncio.gather(handle("req-1", 0.2), handle("req-2", 0.1))
    log("back in main")  # each request ran in a task with its own copy


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

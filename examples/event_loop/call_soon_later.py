"""Inside the loop: a ready queue run in order, timers by deadline, and the selector."""

import asyncio


# --8<-- [start:core]
async def step(name: str) -> None:
    print(f"task {name}: first step")
    await asyncio.sleep(0)  # back to the end of the ready queue
    print(f"task {name}: second step")


async def main() -> None:
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_later(0.2, print, "timer, 0.2 s")  # into the timer heap
    loop.call_later(0.1, print, "timer, 0.1 s")
    loop.call_soon(print, "call_soon 1")  # onto the ready queue
    task = asyncio.create_task(step("a"))  # its steps are ready callbacks too
    loop.call_soon(print, "call_soon 2")
    # Nothing is ready until the timers are due: the loop sleeps in the
    # selector, which also watches sockets and pipes, until the nearest one.
    loop.call_later(0.3, done.set_result, None)
    print("main: all scheduled, now awaiting")
    await asyncio.gather(done, task)


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""One producer, three consumers: asyncio.Queue with join() and task_done(), and a clean end."""

import asyncio
import time

JOBS = 9
CONSUMERS = 3
DELAY = 0.25


# --8<-- [start:core]
async def consume(queue: asyncio.Queue[int], done: list[int]) -> None:
    while True:
        job = await queue.get()
        try:
            await asyncio.sleep(DELAY)  # the work itself
            done.append(job)
        finally:
            queue.task_done()  # join() counts these, even for failed jobs


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=CONSUMERS)
    done: list[int] = []
    consumers = []
    for _ in range(CONSUMERS):
        consumers.append(asyncio.create_task(consume(queue, done)))
    started = time.perf_counter()
    for job in range(JOBS):
        await queue.put(job)  # waits while the queue is full: back-pressure
    await queue.join()  # every job put so far is marked done
    took = round((time.perf_counter() - started) / DELAY)
    for consumer in consumers:
        consumer.cancel()  # parked in get(), it would wait there forever
    await asyncio.gather(*consumers, return_exceptions=True)
    print(f"{JOBS} jobs on {CONSUMERS} consumers took ≈ {took} × one job")
    print(f"every job done exactly once: {sorted(done) == list(range(JOBS))}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

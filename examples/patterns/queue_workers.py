"""One producer, three consumers: asyncio.Queue with join() and task_done(), and a clean end."""

import asyncio
import time

JOBS = 9
CONSUMERS = 3
DELAY = 0.25


# --8<-- [start:core]
async def produce(queue: asyncio.Queue[int]) -> None:
    for job in range(JOBS):
        await queue.put(job)  # waits while the queue is full: back-pressure on the producer


async def consume(queue: asyncio.Queue[int], done: list[int]) -> None:
    while True:
        job = await queue.get()
        try:
            await asyncio.sleep(DELAY)  # the work itself
            done.append(job)
        finally:
            queue.task_done()  # join() counts these, so call it even if the work fails


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=CONSUMERS)
    done: list[int] = []
    consumers = [asyncio.create_task(consume(queue, done)) for _ in range(CONSUMERS)]
    started = time.perf_counter()
    await produce(queue)
    await queue.join()  # every job put has been marked done
    took = round((time.perf_counter() - started) / DELAY)
    for consumer in consumers:
        consumer.cancel()  # each one is parked in get() and would wait forever
    await asyncio.gather(*consumers, return_exceptions=True)
    print(f"{JOBS} jobs on {CONSUMERS} consumers took ≈ {took} × one job")
    print(f"every job done exactly once: {sorted(done) == list(range(JOBS))}")
    print(f"consumers cancelled: {all(task.cancelled() for task in consumers)}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

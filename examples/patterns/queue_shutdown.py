"""Queue.shutdown() (3.13+) ends the consumers without sentinels or cancellation."""

# /// script
# requires-python = ">=3.13"
# ///

import asyncio

JOBS = 9
CONSUMERS = 3
DELAY = 0.1


# --8<-- [start:core]
async def produce(queue: asyncio.Queue[int]) -> None:
    for job in range(JOBS):
        await queue.put(job)
    # No more puts; get() raises QueueShutDown once the queue is empty.
    queue.shutdown()


async def consume(queue: asyncio.Queue[int], done: list[int]) -> None:
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:
            return  # shut down and drained: this consumer is finished
        await asyncio.sleep(DELAY)
        done.append(job)


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=CONSUMERS)
    done: list[int] = []
    async with asyncio.TaskGroup() as group:
        group.create_task(produce(queue))
        for _ in range(CONSUMERS):
            group.create_task(consume(queue, done))
    print(f"all {CONSUMERS} consumers returned by themselves")
    print(f"every job done exactly once: {sorted(done) == list(range(JOBS))}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

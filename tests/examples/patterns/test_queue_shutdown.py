"""Queue.shutdown() (3.13+): consumers return by themselves once the queue is drained."""

from __future__ import annotations

from tests.examples.newer_python import check_on


def test_consumers_return_without_cancellation_and_every_job_is_done() -> None:
    check_on(
        (3, 13),
        """
        import asyncio
        from examples.patterns import queue_shutdown as example

        example.DELAY = 0

        async def check():
            queue, done = asyncio.Queue(maxsize=example.CONSUMERS), []
            consumers = [
                asyncio.create_task(example.consume(queue, done))
                for _ in range(example.CONSUMERS)
            ]
            await example.produce(queue)
            # No cancel, no sentinel: gather returns only if every consumer did.
            assert await asyncio.gather(*consumers) == [None] * example.CONSUMERS
            assert sorted(done) == list(range(example.JOBS))
            assert queue.empty()

        asyncio.run(check())
        asyncio.run(example.main())
        """,
    )

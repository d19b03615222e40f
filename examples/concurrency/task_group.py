"""TaskGroup: one failing task cancels its siblings; the errors arrive as an ExceptionGroup."""

import asyncio


# --8<-- [start:core]
async def fetch(resource: str, delay: float, fails: bool = False) -> None:
    try:
        await asyncio.sleep(delay)
        if fails:
            raise ConnectionError(f"{resource}: connection reset")
        print(f"{resource}: done")
    except asyncio.CancelledError:
        print(f"{resource}: cancelled")
        raise


async def main() -> None:
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch("orders", 0.2, fails=True))
            group.create_task(fetch("prices", 5.0))
    except* ConnectionError as errors:
        print(f"{type(errors).__name__} caught: {errors.exceptions}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""gather(return_exceptions=True) keeps every outcome; a TaskGroup stops at the first error."""

import asyncio


# --8<-- [start:core]
async def fetch(name: str, delay: float) -> str:
    await asyncio.sleep(delay)
    if name == "prices":
        raise ConnectionError(f"{name}: connection reset")
    print(f"  {name} finished")
    return f"{name}: ok"


async def main() -> None:
    jobs = [("prices", 0.1), ("stock", 0.7), ("reviews", 0.4)]
    print("gather(return_exceptions=True):")
    outcomes = await asyncio.gather(
        *(fetch(name, delay) for name, delay in jobs), return_exceptions=True
    )
    print("  results, in argument order:")
    for outcome in outcomes:
        print(f"    {outcome!r}")
    print("TaskGroup, first error cancels the rest:")
    tasks = []
    try:
        async with asyncio.TaskGroup() as group:
            for name, delay in jobs:
                tasks.append(group.create_task(fetch(name, delay), name=name))
    except* ConnectionError as errors:
        print(f"  raised: {[str(error) for error in errors.exceptions]}")
    print(f"  cancelled: {[t.get_name() for t in tasks if t.cancelled()]}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

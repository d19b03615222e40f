"""A coroutine dropped without being awaited causes a RuntimeWarning; close() avoids it."""

import asyncio
import gc
import warnings


async def brew(drink: str) -> str:
    await asyncio.sleep(0.01)
    return f"a cup of {drink}"


# --8<-- [start:core]
def warnings_from(forget) -> list[str]:
    """Run ``forget`` and return the first line of each warning it caused."""
    with warnings.catch_warnings(record=True) as caught:
        # Record the warning instead of raising it, even under -W error.
        warnings.simplefilter("always")
        forget()
        # The warning is issued when the coroutine object is finalized.
        gc.collect()
    # Only the first line: debug mode adds where the coroutine was created.
    reports = (f"{w.category.__name__}: {w.message}" for w in caught)
    return [report.splitlines()[0] for report in reports]


async def main() -> None:
    print(f"dropped: {warnings_from(lambda: brew('tea'))}")
    print(f"closed:  {warnings_from(lambda: brew('tea').close())}")


# --8<-- [end:core]


if __name__ == "__main__":
    # Collecting garbage is the lesson, not a slow step for debug mode to report.
    asyncio.run(main(), debug=False)

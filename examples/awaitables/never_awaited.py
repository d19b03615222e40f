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
        warnings.simplefilter("always")  # record, rather than raise under -W error
        forget()
        gc.collect()  # the warning comes when the coroutine object is finalized
    return [f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught]


async def main() -> None:
    print(f"dropped: {warnings_from(lambda: brew('tea'))}")
    print(f"closed:  {warnings_from(lambda: brew('tea').close())}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""contextlib.asynccontextmanager turns one async generator into an async context manager."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


# --8<-- [start:core]
@asynccontextmanager
async def connection(host: str) -> AsyncIterator[str]:
    await asyncio.sleep(0.01)
    print(f"connected to {host}")
    try:
        yield host  # the body of the async with block runs here
    finally:
        # Without finally, an error in the block would skip this cleanup.
        await asyncio.sleep(0.01)
        print(f"closed {host}")


async def main() -> None:
    async with connection("db.local") as host:
        print(f"querying {host}")
    try:
        async with connection("cache.local"):
            raise ConnectionResetError
    except ConnectionResetError:
        print("the error still reaches the caller")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

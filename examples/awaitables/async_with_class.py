"""An async context manager awaits while entering and while leaving: __aenter__ and __aexit__."""

import asyncio


# --8<-- [start:core]
class Connection:
    def __init__(self, host: str) -> None:
        self.host = host

    async def __aenter__(self) -> "Connection":
        await asyncio.sleep(0.01)  # a handshake would go here
        print(f"connected to {self.host}")
        return self

    async def __aexit__(self, exc_type, exc, traceback) -> None:
        await asyncio.sleep(0.01)  # a goodbye to the server
        error = exc_type.__name__ if exc_type else None
        print(f"closed {self.host} (error: {error})")


async def main() -> None:
    async with Connection("db.local") as connection:
        print(f"querying {connection.host}")
    try:
        async with Connection("cache.local"):
            raise ConnectionResetError
    except ConnectionResetError:
        print("the error still reaches the caller")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""asyncio.Runner (3.11+) keeps one loop open across several top-level calls."""

import asyncio


# --8<-- [start:core]
async def main() -> asyncio.AbstractEventLoop:
    await asyncio.sleep(0.01)
    return asyncio.get_running_loop()


if __name__ == "__main__":
    same = asyncio.run(main()) is asyncio.run(main())
    print(f"two asyncio.run calls, one loop: {same}")
    with asyncio.Runner() as runner:
        first = runner.run(main())
        second = runner.run(main())
        print(f"two runner.run calls, one loop: {first is second}")
        print(f"closed inside the block: {first.is_closed()}")
    print(f"closed after the block: {first.is_closed()}")
# --8<-- [end:core]

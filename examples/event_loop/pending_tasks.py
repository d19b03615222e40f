"""Tasks still pending when main() returns are cancelled by asyncio.run before the loop closes."""

import asyncio


# --8<-- [start:core]
async def heartbeat() -> None:
    try:
        while True:
            print("heartbeat: thump")
            await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        print("heartbeat: cancelled")
        # Re-raise: swallowing it would make the task look finished.
        raise
    finally:
        print("heartbeat: cleanup runs")


async def main() -> None:
    beat = asyncio.create_task(heartbeat(), name="heartbeat")
    await asyncio.sleep(0)  # let it take its first step
    print(f"main: returning, {beat.get_name()} pending: {not beat.done()}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())
    print("asyncio.run returned")

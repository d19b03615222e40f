"""What asyncio.run does underneath: a new loop, run_until_complete, then cleanup and close."""

import asyncio


async def main() -> str:
    await asyncio.sleep(0.01)
    return "done"


# --8<-- [start:core]
def run_by_hand(coroutine):
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # the thread's current loop while it runs
    try:
        return loop.run_until_complete(coroutine)
    finally:
        # asyncio.run would first cancel any tasks still pending here.
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        asyncio.set_event_loop(None)
        loop.close()  # frees the selector and its file descriptors
        print(f"loop closed: {loop.is_closed()}")


# --8<-- [end:core]


# The point of this module is to do by hand what asyncio.run() would do.
if __name__ == "__main__":
    print(f"result: {run_by_hand(main())}")

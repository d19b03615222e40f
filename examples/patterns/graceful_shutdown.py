"""On SIGTERM or SIGINT, cancel the running work, let it clean up, then let the loop close."""

# /// script
# [tool.survey]
# no-browser = "it handles Unix signals, which a browser page never gets"
# ///

import asyncio
import os
import signal


# --8<-- [start:core]
async def serve(name: str) -> None:
    print(f"{name}: serving")
    try:
        await asyncio.sleep(3600)  # stands in for a long-lived connection
    finally:
        await asyncio.sleep(0.05)  # cleanup may await, say to flush a buffer
        print(f"{name}: closed cleanly")


async def main() -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Unix only: Windows event loops do not support signal handlers.
        loop.add_signal_handler(sig, stop.set)
    tasks = [asyncio.create_task(serve(f"conn-{n}")) for n in range(2)]
    # The demo stops itself, as `kill PID` from another shell would.
    loop.call_later(0.3, os.kill, os.getpid(), signal.SIGTERM)
    await stop.wait()
    print("signal received: cancelling the connections")
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("all connections closed; asyncio.run() now closes the loop")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

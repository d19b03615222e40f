"""On SIGTERM or SIGINT, cancel the running work, let it clean up, then let the loop close."""

import asyncio
import os
import signal


# --8<-- [start:core]
async def serve(name: str) -> None:
    print(f"{name}: serving")
    try:
        await asyncio.sleep(3600)  # stands in for a long-lived connection
    finally:
        await asyncio.sleep(0.05)  # cleanup may await too, e.g. to flush a buffer
        print(f"{name}: closed cleanly")


async def main() -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def on_signal(sig: signal.Signals) -> None:
        print(f"received {sig.name}: shutting down")
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal, sig)  # Unix event loops only
    connections = [asyncio.create_task(serve(f"conn-{n}")) for n in range(2)]
    loop.call_later(0.3, os.kill, os.getpid(), signal.SIGTERM)  # the demo stops itself
    await stop.wait()
    for connection in connections:
        connection.cancel()
    await asyncio.gather(*connections, return_exceptions=True)
    print("all connections closed; asyncio.run() now closes the loop")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""A future is a placeholder for a result that some other code sets later."""

import asyncio


# --8<-- [start:core]
async def main() -> None:
    loop = asyncio.get_running_loop()
    # Not asyncio.Future(): the loop may provide a faster future type.
    parcel = loop.create_future()
    loop.call_later(0.05, parcel.set_result, "a parcel")
    print(f"done before waiting: {parcel.done()}")
    print(f"await: {await parcel}")
    # A done future hands back the same result at once.
    print(f"await again: {await parcel}")
    try:
        parcel.set_result("another parcel")
    except asyncio.InvalidStateError as error:
        print(f"set twice: InvalidStateError: {error}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

"""shield() lets a caller stop waiting without cancelling the work it was waiting for."""

import asyncio


# --8<-- [start:core]
async def save_order(order_id: int) -> int:
    await asyncio.sleep(0.3)
    print(f"order {order_id}: saved")
    return order_id


async def main() -> None:
    saving = asyncio.create_task(save_order(42))  # shield() keeps no reference
    try:
        async with asyncio.timeout(0.1):
            await asyncio.shield(saving)
    except TimeoutError:
        print("request: timed out, but the save carries on")
    print(f"main: order {await saving} is safe")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

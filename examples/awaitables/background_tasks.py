"""Start tasks with asyncio.create_task and keep a reference until each one is done."""

import asyncio

# --8<-- [start:core]
# The loop holds tasks only weakly: this set keeps them alive while they run.
background_tasks: set[asyncio.Task] = set()


async def send_email(to: str, delay: float) -> None:
    await asyncio.sleep(delay)
    print(f"sent to {to}")


def start_in_background(to: str, delay: float) -> asyncio.Task:
    task = asyncio.create_task(send_email(to, delay), name=f"email-{to}")
    background_tasks.add(task)
    # Forget the task once it is done, so the set does not grow forever.
    task.add_done_callback(background_tasks.discard)
    return task


async def main() -> None:
    for to, delay in [("ada", 0.3), ("bo", 0.1), ("cy", 0.2)]:
        start_in_background(to, delay)
    print(f"running: {sorted(task.get_name() for task in background_tasks)}")
    await asyncio.gather(*background_tasks)
    print(f"still referenced: {len(background_tasks)}")


# --8<-- [end:core]


if __name__ == "__main__":
    asyncio.run(main())

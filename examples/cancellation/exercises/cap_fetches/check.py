"""Use the Semaphore so that at most two fetches are in flight at any moment."""

from survey.practice import Run, Verdict, failed, most_at_once, passed

HINTS = (
    "The Semaphore is made and handed to every fetch, but no fetch acquires it.",
    "`async with limit:` takes one of its two places, and gives it back at the block's end.",
    "In fetch(): put the `await asyncio.sleep(DELAY)` inside `async with limit:`.",
)
LIMIT = 2  # as in the exercise's code
FETCHES = 6


def check(run: Run) -> Verdict:
    fetches = [task for task in run.tasks_of("fetch") if task.state == "done"]
    if len(fetches) < FETCHES:
        return failed(
            f"{len(fetches)} of the {FETCHES} fetches ran as tasks to their end."
        )
    # A fetch's last wait is its request, from sending it to its answer.
    at_once = most_at_once(
        task.last_wait() for task in fetches if task.last_wait()
    )
    if at_once > LIMIT:
        return failed(
            f"{at_once} fetches were in flight at once, more than {LIMIT}."
        )
    if at_once < LIMIT:
        return failed(
            f"Only {at_once} fetch was in flight at a time, where {LIMIT} may be."
        )
    return passed(
        f"Never more than {LIMIT} fetches were in flight, and {LIMIT} often were."
    )

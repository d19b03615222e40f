"""Give the query one delay with asyncio.timeout(), so that it is cancelled and main() goes on."""

from survey.practice import Run, Verdict, failed, passed

HINTS = (
    "Awaiting a task waits as long as it takes; a deadline has to come from outside it.",
    "`async with asyncio.timeout(DELAY):` cancels what its block awaits when time is up, "
    "and raises TimeoutError after the block.",
    "Wrap the `print(f'answer: {await query}')` line in `async with asyncio.timeout(DELAY):`, "
    "inside `try:` … `except TimeoutError:`.",
)
DELAY = 0.1  # as in the exercise's code


def check(run: Run) -> Verdict:
    queries = run.tasks_of("slow_query")
    if not queries:
        return failed(
            "slow_query() never ran as a task, so there was nothing to time out."
        )
    query = queries[0]
    if query.state != "cancelled":
        return failed(
            f"The query was {query.state or 'still running'} at the end, not cancelled."
        )
    # Left alone the query takes 8 delays: the margins are for a busy browser.
    lasted = (query.ended - query.created) / DELAY
    if lasted >= 4:
        return failed(
            f"The query was cancelled, but only after {lasted:.1f} delays."
        )
    took = (run.main.ended - run.main.created) / DELAY
    if took >= 6:
        return failed(
            f"The query was cancelled in time, yet main() took {took:.1f} delays."
        )
    return passed(
        f"The query was cancelled after {lasted:.1f} delays and main() went on."
    )

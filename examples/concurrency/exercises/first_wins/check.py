"""Take the first mirror's answer and cancel the other downloads as soon as it arrives."""

from survey.practice import Run, Verdict, failed, passed

HINTS = (
    "`asyncio.wait(pending)` waits for the slow downloads to finish; nobody needs their files.",
    "A task stops when you call its `cancel()` method; waiting for it afterwards is quick.",
    "Before the second wait: `for task in pending: task.cancel()`",
)
DELAY = 0.1  # as in the exercise's code


def check(run: Run) -> Verdict:
    downloads = run.tasks_of("download")
    if len(downloads) < 2:
        return failed(
            "Fewer than two downloads ran as tasks, so none could win a race."
        )
    winners = [task for task in downloads if task.state == "done"]
    losers = [task for task in downloads if task not in winners]
    if len(winners) != 1:
        names = ", ".join(task.name for task in winners)
        return failed(
            f"{len(winners)} downloads ran to the end ({names}); only the first is used."
        )
    late = [
        task
        for task in losers
        if task.state != "cancelled" or task.ended > run.main.ended
    ]
    if late:
        return failed(
            f"{late[0].name} was not cancelled by main(): it ran on after the first answer."
        )
    # Left alone the others run 5 delays more: the margin is for a busy browser.
    lag = (max(task.ended for task in losers) - winners[0].ended) / DELAY
    if lag >= 2:
        return failed(
            f"The others were cancelled, but {lag:.1f} delays after the first answer."
        )
    return passed(
        f"{winners[0].name} answered first, and the other {len(losers)} were cancelled at once."
    )

"""Cancel the heartbeat and wait until it has stopped before main() returns."""

from survey.practice import Run, Verdict, failed, passed

HINTS = (
    "When main() returns, asyncio.run() cancels whatever tasks are left: too late to clean up.",
    "`beating.cancel()` asks the task to stop; it stops at its next await, "
    "so main() must wait for it.",
    "Before the last print: `beating.cancel()`, then `await asyncio.wait([beating])`.",
)


def check(run: Run) -> Verdict:
    beating = run.tasks_of("heartbeat")
    if not beating or len(beating[0].steps) < 2:
        return failed(
            "No heartbeat task ran and beat, so there was nothing to stop."
        )
    heartbeat = beating[0]
    if heartbeat.state != "cancelled":
        return failed(
            f"The heartbeat was {heartbeat.state or 'still running'} at the end."
        )
    if heartbeat.ended > run.main.ended:
        return failed(
            "The heartbeat was still beating when main() returned; asyncio.run() stopped it."
        )
    return passed(
        "main() cancelled the heartbeat and returned only once it had stopped."
    )

"""Run the probes in a TaskGroup, so that the failing one cancels the others at once."""

from survey.practice import Run, Verdict, failed, passed

HINTS = (
    "gather() hands main() the first exception, and leaves the other probes running.",
    "A `TaskGroup` cancels the rest of its tasks when one fails, "
    "then raises an ExceptionGroup.",
    "`async with asyncio.TaskGroup() as group:` with `group.create_task(probe(...))` for each, "
    "and `except* ConnectionError as errors:`.",
)
DELAY = 0.1  # as in the exercise's code


def check(run: Run) -> Verdict:
    probes = run.tasks_of("probe")
    failures = [task for task in probes if task.state == "failed"]
    if len(probes) < 3 or not failures:
        return failed(
            "The three probes did not run as tasks with one of them failing."
        )
    others = [task for task in probes if task.state != "failed"]
    if late := [
        task
        for task in others
        if task.ended is None or task.ended > run.main.ended
    ]:
        return failed(
            f"{', '.join(task.label for task in late)} ran on after main() went on; "
            "only asyncio.run() stopped them as it ended."
        )
    if running := [task for task in others if task.state != "cancelled"]:
        return failed(
            f"{len(running)} probe(s) were not cancelled but ran to their end."
        )
    # Left alone the others run 4 delays more: the margin is for a busy browser.
    lag = (max(task.ended for task in others) - failures[0].ended) / DELAY
    if lag >= 2:
        return failed(
            f"The others were cancelled {lag:.1f} delays after the failure."
        )
    return passed(
        f"One probe failed and its {len(others)} siblings were cancelled at once."
    )

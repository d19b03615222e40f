"""Make the three downloads overlap, so that together they take about one delay."""

from survey.practice import Run, Verdict, failed, lifetime, most_at_once, passed

HINTS = (
    "Each `await download(site)` waits for that download to end before the next starts.",
    "`asyncio.gather()` takes several awaitables, runs them at once, "
    "and returns their results in order.",
    "`for page in await asyncio.gather(*(download(site) for site in SITES)):`",
)
DELAY = 0.2  # as in the exercise's code


def check(run: Run) -> Verdict:
    downloads = run.tasks_of("download")
    if len(downloads) < 3:
        return failed(
            "The downloads ran inside main(), one after another: "
            "none was a task of its own that could wait beside the others."
        )
    if most_at_once(lifetime(task, run) for task in downloads) < 3:
        return failed(
            "The downloads were tasks, but never all three waiting at once."
        )
    took = (run.main.ended - run.main.created) / DELAY
    # Taking turns takes 3 delays; a browser's slower steps add a little to 1.
    if took >= 2.5:
        return failed(
            f"All three waited at once, yet main() took {took:.1f} delays."
        )
    return passed(
        f"All three downloads waited at once; main() took {took:.1f} delays."
    )

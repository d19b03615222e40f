"""Make the reminder ring while the tea brews: run remind() as a task."""

from survey.practice import Run, Verdict, failed, passed

HINTS = (
    "Calling a coroutine function runs none of its body: it returns a coroutine object.",
    "`await remind(...)` would run it, but brewing would wait until it ends; "
    "a task runs beside main().",
    "`reminder = asyncio.create_task(remind('warm the cups'))`, and `await reminder` at the end.",
)


def check(run: Run) -> Verdict:
    reminders = run.tasks_of("remind")
    if not reminders:
        return failed(
            "remind() never ran as a task: its coroutine was made and dropped, "
            "or awaited inside main()."
        )
    reminder = reminders[0]
    if reminder.state != "done":
        return failed(
            f"The reminder task was {reminder.state or 'still running'} at the end."
        )
    if reminder.ended > run.main.ended:
        return failed("The reminder rang only after main() had returned.")
    return passed(
        "remind() ran as a task beside the brewing and ended before main() did."
    )

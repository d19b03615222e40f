"""Let the heartbeat beat while the report loads: nothing may hold the loop."""

from survey.practice import Run, Verdict, failed, passed

HINTS = (
    "The loop runs one step at a time; a step that does not return holds every other task.",
    "`time.sleep()` keeps the thread; which sleep gives the loop back while it waits?",
    "In load_report(): `await asyncio.sleep(LOAD)`",
)
# Half the report's load (LOAD in start.py): far longer than any step that
# gives the loop back takes, even in a busy browser.
HELD = 0.15


def check(run: Run) -> Verdict:
    beating = run.tasks_of("heartbeat")
    if not beating:
        return failed(
            "No heartbeat task ran, so there was nothing to keep beating."
        )
    task, step = run.longest_step()
    if step.d >= HELD:
        return failed(
            f"A step of {task.label} held the loop for {step.d:.2f} s: "
            "no other task could run meanwhile."
        )
    during_main = [s for s in beating[0].steps if s.t < run.main.ended]
    if len(during_main) < 3:
        return failed(
            f"The heartbeat ran only {len(during_main)} times while main() worked."
        )
    return passed(
        f"No step held the loop (the longest took {step.d * 1000:.0f} ms), "
        f"and the heartbeat ran {len(during_main)} times meanwhile."
    )

"""Give the account an asyncio.Lock so that no two deposits read and write at once."""

from survey.practice import Run, Verdict, failed, most_at_once, passed

HINTS = (
    "While one deposit waits for the ledger, another reads the same old balance.",
    "`async with lock:` lets one task at a time through; the others wait at that line.",
    "Add `lock: asyncio.Lock = field(default_factory=asyncio.Lock)` to Account, "
    "and wrap the three lines of deposit() in `async with account.lock:`.",
)
DEPOSITS = 4  # as in the exercise's code


def check(run: Run) -> Verdict:
    deposits = [
        task for task in run.tasks_of("deposit") if task.state == "done"
    ]
    if len(deposits) < DEPOSITS:
        return failed(
            f"{len(deposits)} of the {DEPOSITS} deposits ran as tasks to their end."
        )
    # A deposit's last wait is its ledger wait, from its read to its write.
    at_once = most_at_once(
        task.last_wait() for task in deposits if task.last_wait()
    )
    if at_once > 1:
        return failed(
            f"{at_once} deposits were between their read and their write at once."
        )
    if f"balance is {DEPOSITS * 10}" not in run.stdout:
        return failed(
            f"The deposits took turns, but the balance printed is not {DEPOSITS * 10}."
        )
    return passed(
        f"Each deposit read and wrote alone, and the balance is {DEPOSITS * 10}."
    )

"""Read the last ``mutmut run`` (``nox -s mutate``): the score, and each mutant that lived.

    python -m tools.mutation_score

The score is the share of mutants the tests killed (a hang counts as killed:
the test's time limit caught it) among those that were tried. Mutants that no
selected test reaches are listed apart: they say where the fast tests do not
go, not that a test there is too weak.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path("mutants")
KILLED = {"killed", "timeout"}
NOT_TRIED = {"skipped", "not checked", "check was interrupted by user"}


def statuses() -> dict[str, str]:
    """Each mutant's name and what became of it."""
    found = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        exit_codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        found |= {name: status_by_exit_code[code] for name, code in exit_codes.items()}
    return found


def main() -> None:
    status = statuses()
    if not status:
        raise SystemExit("no mutation results: run `nox -s mutate` first")
    counts = Counter(status.values())
    tried = sum(n for outcome, n in counts.items() if outcome not in NOT_TRIED)
    reached = tried - counts["no tests"]
    killed = sum(counts[outcome] for outcome in KILLED)
    print(", ".join(f"{n} {outcome}" for outcome, n in counts.most_common()))
    print(f"score: {killed}/{tried} = {killed / tried:.1%} of the mutants tried killed")
    print(f"       {killed}/{reached} = {killed / reached:.1%} of those a fast test reaches")
    for outcome in ("survived", "suspicious", "no tests"):
        names = sorted(name for name, seen in status.items() if seen == outcome)
        if names:
            print(f"\n{outcome} ({len(names)}), see one with `mutmut show NAME`:")
            print("\n".join(f"  {name}" for name in names))


if __name__ == "__main__":
    main()

"""Which ``python3.X`` on this machine can run something: each asked once, by starting it.

Being on ``PATH`` proves nothing: pyenv puts a shim there for every version it
has installed, and the shim of a version that is not selected (``pyenv
global``, ``PYENV_VERSION``) only prints "command not found". So a version
counts when its interpreter starts and reports that version; anything else is
an `Interpreter` without a path and with the reason, for a skip that says why.

``SURVEY_PYTHONS`` (versions joined by ``,``) narrows the versions that are
considered at all; ``nox -s mutate`` sets it to its own, since a mutated
package imports what only that session's environment has. Standard library
only: the noxfile uses it before any environment exists.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

SUPPORTED = ("3.11", "3.12", "3.13")
SELECTED = "SURVEY_PYTHONS"
# Filled by the first process that probes (pytest's controller) for its workers.
PROBED = "SURVEY_PYTHONS_PROBED"
# What the probe asks: the real executable (a shim is slow to start on every run) and version.
ASK = "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"


@dataclass(frozen=True)
class Interpreter:
    version: str
    path: str | None  # the interpreter itself, not a shim; None when it cannot run
    reason: str = ""  # why not, for the skip


def version_of_this_python() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


@functools.cache
def probe(version: str) -> Interpreter:
    """``python{version}``, asked once per process (and once per test run, see `share`)."""
    if (selected := os.environ.get(SELECTED)) and version not in selected.split(","):
        return Interpreter(version, None, f"Python {version} is not in {SELECTED}={selected}")
    if version == version_of_this_python():
        return Interpreter(version, sys.executable)
    if (shared := json.loads(os.environ.get(PROBED, "{}"))).get(version):
        return Interpreter(version, *shared[version])
    return start(version)


def start(version: str) -> Interpreter:
    command = shutil.which(f"python{version}")
    if command is None:
        return Interpreter(version, None, f"no python{version} on PATH")
    try:
        answer = subprocess.run(
            [command, "-c", ASK],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Interpreter(version, None, f"{command} did not start: {error}")
    said = answer.stdout.split()
    if answer.returncode or len(said) != 2:
        complaint = (answer.stderr.strip() or f"exit code {answer.returncode}").splitlines()[0]
        return Interpreter(version, None, f"{command} does not start: {complaint}")
    if said[1] != version:
        return Interpreter(version, None, f"{command} is Python {said[1]}, not {version}")
    return Interpreter(version, said[0])


def available(versions: tuple[str, ...] = SUPPORTED) -> list[Interpreter]:
    return [found for version in versions if (found := probe(version)).path]


def share(versions: tuple[str, ...] = SUPPORTED) -> None:
    """Probe now and leave the answers in the environment, for the processes started later
    (pytest-xdist's workers) to read instead of starting every interpreter again."""
    answers = {version: [probe(version).path, probe(version).reason] for version in versions}
    os.environ[PROBED] = json.dumps(answers)

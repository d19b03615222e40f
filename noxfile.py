"""Every workflow of the survey: `nox -l` lists them, `nox -s NAME` runs one."""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = ["3.11", "3.12", "3.13"]
SITE_DIR = "site"
# Material prints a banner about its successor on every build; it is not our news.
QUIET_BUILD = {"NO_MKDOCS_2_WARNING": "1"}
# Pinned: mutant names and the results format change between versions.
MUTMUT = "mutmut==3.8.1"
THIS_VERSION = "import sys; print(f'{sys.version_info.major}.{sys.version_info.minor}')"


def install_groups(session: nox.Session, *groups: str) -> None:
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def install_survey(session: nox.Session) -> None:
    """The core package, editable: mkdocs.yml names its Markdown extension, survey.markdown."""
    session.install("-e", ".")


@nox.session(default=False)
def examples(session: nox.Session) -> None:
    """Run every example and rewrite captured output that changed (`-- --check` to verify)."""
    install_groups(session, "examples", "server")
    session.run("python", "-m", "tools.runner", *session.posargs)


@nox.session(default=False)
def notebooks(session: nox.Session) -> None:
    """Regenerate and execute the section notebooks that changed (`-- --check` to verify)."""
    install_groups(session, "notebooks")
    session.run("python", "-m", "tools.notebooks", *session.posargs)


@nox.session(default=False)
def docs(session: nox.Session) -> None:
    """Build the site strictly into site/: a missing snippet or broken link fails."""
    install_groups(session, "docs")
    install_survey(session)
    session.run("mkdocs", "build", "--strict", "-d", SITE_DIR, *session.posargs, env=QUIET_BUILD)


@nox.session(default=False)
def present(session: nox.Session) -> None:
    """Build the site and present it at http://127.0.0.1:8000 with live runs."""
    install_groups(session, "docs", "server", "examples")
    install_survey(session)
    session.run("mkdocs", "build", "--strict", "-q", "-d", SITE_DIR, env=QUIET_BUILD)
    session.run("python", "-m", "server", *session.posargs)


@nox.session(default=False)
def pdf(session: nox.Session) -> None:
    """Build the site and print the whole deck, one slide a page, to deck.pdf."""
    install_groups(session, "test")
    install_survey(session)
    session.run("python", "-m", "tools.pdf", *session.posargs, env=QUIET_BUILD)


@nox.session(default=False)
def audit(session: nox.Session) -> None:
    """Lighthouse on every page, or on the pages given (needs Node and Chromium; skips without)."""
    install_groups(session, "docs", "server")
    session.run("python", "-m", "tools.audit", *session.posargs, env=QUIET_BUILD)


# The browser tests keep the cores busy (measured on 2 cores: 3 workers 393 s, 4 workers
# 381 s, the CPU idle under 5 % either way), so one worker a core, plus one for the time
# a worker waits on a child process or a server; more only slow every test down alike.
# Each worker drives a browser of its own.
WORKERS = min((os.cpu_count() or 1) + 1, 8)
PARALLEL = [
    *("--numprocesses", str(WORKERS)),
    # A module marked xdist_group runs on one worker, so its fixture runs once; the queue
    # keeps collection order, which puts the browser tests last on every worker.
    *("--dist", "loadgroup", "--no-loadscope-reorder"),
    "--durations=20",
]


@nox.session
def tests(session: nox.Session) -> None:
    """The whole suite: lint, output check, strict build, unit, server and browser tests
    (`-- -n 0` runs them in one process)."""
    install_groups(session, "test")
    install_survey(session)
    if session.posargs:
        session.run("pytest", *PARALLEL, *session.posargs, env=QUIET_BUILD)
        return
    # What an example prints about its own timing ("≈ 3 × delay") holds on a machine that
    # is not also running three other workers' browsers: those tests get the machine alone.
    session.run("pytest", "--numprocesses", "0", "-m", "timed", env=QUIET_BUILD)
    session.run("pytest", *PARALLEL, "-m", "not timed", env=QUIET_BUILD)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff's lint and format checks, and the import contracts between the packages."""
    install_groups(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("lint-imports")


@nox.session(default=False)
def mutate(session: nox.Session) -> None:
    """Mutation testing of server/ and survey/ (mutmut); prints the score and what survived."""
    install_groups(session, "test")
    session.install(MUTMUT)
    # The mutated copy imports mutmut, which only this environment has: the tests that would
    # start other interpreters skip them (tools/interpreters.py), whichever are selected.
    floor = {"SURVEY_PYTHONS": session.run("python", "-c", THIS_VERSION, silent=True).strip()}
    # Two workers: one per core here, and a mutant's tests start processes of their own.
    session.run("mutmut", "run", "--max-children", "2", *session.posargs, env=QUIET_BUILD | floor)
    session.run("python", "-m", "tools.mutation_score")


@nox.session(python=PYTHONS, default=False)
def compat(session: nox.Session) -> None:
    """Check every example's captured output on 3.11, 3.12 and 3.13, where installed."""
    install_groups(session, "examples", "server")
    session.run("python", "-m", "tools.runner", "--check", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Run the benchmarks in benchmarks/, each against a baseline measured in the same run."""
    install_groups(session, "test", "uvloop")
    install_survey(session)
    modules = sorted(path.stem for path in Path("benchmarks").glob("bench_*.py"))
    for module in modules:
        if not session.posargs or any(word in module for word in session.posargs):
            session.run("python", "-m", f"benchmarks.{module}")

"""The pinned Python runtime goes into the site only when it is the pinned one, and a build
without it (no Node, no npm) still succeeds and replays recordings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from survey.launch import FIXED_ENV
from survey.paths import DOCS_DIR
from tools import pyodide_runtime
from tools.harness import build_site

SMALL_RUNTIME = {"pyodide.mjs": b"export {}\n", "pyodide.asm.wasm": b"\0asm"}


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in package whose files the pinned list names, with their real digests."""
    folder = tmp_path / "pyodide"
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"version": pyodide_runtime.VERSION}))
    pinned = {}
    for name, content in SMALL_RUNTIME.items():
        (folder / name).write_bytes(content)
        pinned[name] = pyodide_runtime.sha256(folder / name)
    monkeypatch.setattr(pyodide_runtime, "RUNTIME_FILES", pinned)
    return folder


def test_the_pinned_files_go_into_the_site_with_the_browser_examples(
    package: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert pyodide_runtime.available(package, npm=None)
    pyodide_runtime.install(site, package)
    runtime = site / "assets" / "pyodide"
    assert sorted(path.name for path in runtime.iterdir()) == sorted(SMALL_RUNTIME)
    examples = site / "examples"
    published = {path.relative_to(examples).as_posix() for path in examples.rglob("*.py")}
    assert "event_loop/asyncio_run.py" in published
    assert "interop/to_thread.py" not in published  # it starts threads: replay only
    # An exercise: the code a run starts from and the check that grades it, not the solution.
    assert {
        "cancellation/exercises/deadline/start.py",
        "cancellation/exercises/deadline/check.py",
    } <= published
    assert "cancellation/exercises/deadline/solution.py" not in published


def test_an_altered_file_fails_the_check_and_names_itself(package: Path) -> None:
    (package / "pyodide.asm.wasm").write_bytes(b"\0asm, but not the one pinned")
    with pytest.raises(pyodide_runtime.IntegrityError, match=r"pyodide\.asm\.wasm has SHA-256"):
        pyodide_runtime.available(package, npm=None)


def test_another_version_counts_as_missing(package: Path, capsys) -> None:
    (package / "package.json").write_text(json.dumps({"version": "0.27.0"}))
    assert not pyodide_runtime.available(package, npm=None)
    assert "In-browser runs are off" in capsys.readouterr().out


def test_without_npm_the_build_says_so_in_one_line_and_replays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's start on a machine without Node: no package, no npm on PATH."""
    python_only = tmp_path / "bin"
    python_only.mkdir()
    for tool in ("python3", "python"):
        if found := shutil.which(tool):
            (python_only / tool).symlink_to(found)
    monkeypatch.setenv("PATH", str(python_only))
    monkeypatch.setenv("SURVEY_PYODIDE_PACKAGE", str(tmp_path / "no-such-package"))
    site = tmp_path / "site"

    built = build_site(site)

    assert built.returncode == 0, built.stderr
    told = [line for line in built.stdout.splitlines() if "In-browser runs are off" in line]
    assert len(told) == 1, built.stdout
    assert "no npm" in told[0]
    assert not (site / "assets" / "pyodide").exists()
    assert not (site / "examples").exists()
    page = (site / "event_loop" / "index.html").read_text(encoding="utf-8")
    runs = re.findall(r'data-run="(\w+)"', page)
    assert runs
    assert set(runs) == {"replay"}


def test_the_browser_worker_retypes_none_of_the_captured_environment() -> None:
    # It boots with the page's facts (tests/docs/test_page_facts.py), never its own copy.
    worker = (DOCS_DIR / "assets" / "deck" / "python-worker.js").read_text(encoding="utf-8")
    assert [name for name in FIXED_ENV if name in worker] == []

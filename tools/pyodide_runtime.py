"""Put the pinned Python-in-the-browser runtime into the built site.

The npm package ``pyodide`` (pinned in package.json and package-lock.json,
installed by ``npm ci``) is CPython 3.14 compiled to WebAssembly. The site
needs five of its files to run asyncio code; each is copied into
``site/assets/pyodide/`` only if its SHA-256 is the one recorded below, so a
different runtime cannot reach readers unnoticed. Beside it go the sources of
the examples that can run in a browser (``site/examples/<id>.py``), which a
browser run loads when the reader presses Run.

It is a MkDocs hook (``hooks:`` in mkdocs.yml), so every build gets it: ``nox
-s docs``, ``nox -s present``, the tests and the hosted build. Where the
package is missing and npm is there, the build runs ``npm ci`` first. Where
neither is (a machine without Node), the build still succeeds: it prints one
line, and every Run button on the static site replays a recording instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from survey import exercises
from survey.catalog import discover
from survey.paths import EXAMPLES_DIR, ROOT

VERSION = "314.0.7"
NODE_MODULES_PACKAGE = ROOT / "node_modules" / "pyodide"
# In the built site, beside the deck's modules (python-worker.js imports ../pyodide/).
SITE_SUBDIR = Path("assets") / "pyodide"
RUNTIME_FILES = {
    "pyodide.mjs": "6f1d60f7bf529beb300f0f47983c921d3982363640ba20af0e38efdddbc66109",
    "pyodide.asm.mjs": "f7cdc8ece80678ceb712f8e65ebe6d3a83203a180c399865f49612a051693635",
    "pyodide.asm.wasm": "cc36e3cab04fdfc9a63ff13eb52eae2b911bf46c025cc7b281f394bd3de1d5e6",
    "python_stdlib.zip": "fa1957e5777068fc4f7437f96d860ae2fbe9c19732ba06c84e004ec16dd7dd7a",
    "pyodide-lock.json": "5dc2fc119108bc148c7457dc86e7675b5c87e1cafd420b9c34c1eaef7b36c010",
}
MARKDOWN_EXTENSION = "survey.markdown"
# A browser run records its loop with the recorder every run uses, and reads what
# it writes with the same reader (docs/assets/deck/run_in_browser.py); these
# standard-library-only modules go beside the deck's, as the package `survey`.
SURVEY_MODULES = ("recorder.py", "trace_reader.py", "recording.py", "practice.py")
SURVEY_SUBDIR = Path("assets") / "deck" / "survey"


class IntegrityError(ValueError):
    """A runtime file is not the one this repository pinned."""


def package_dir() -> Path:
    """Where the package is: ``npm ci``'s node_modules, or $SURVEY_PYODIDE_PACKAGE."""
    return Path(os.environ.get("SURVEY_PYODIDE_PACKAGE", NODE_MODULES_PACKAGE))


def installed_version(package: Path) -> str | None:
    try:
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest.get("version")


def missing(package: Path, npm: str | None) -> str | None:
    """Why the pinned package is not at ``package`` (after ``npm ci``, where it can help)."""
    if installed_version(package) == VERSION:
        return None
    if npm is None:
        return f"no pyodide {VERSION} in {package}, and no npm to install it with"
    if package != NODE_MODULES_PACKAGE:
        return f"no pyodide {VERSION} in {package}"
    print(f"Installing pyodide {VERSION}, pinned in package-lock.json: npm ci")
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    installed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if installed_version(package) == VERSION:
        return None
    last_words = installed.stderr.strip().splitlines()[-1:] or ["no message"]
    return f"npm ci did not install pyodide {VERSION} ({last_words[0]})"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def verify(package: Path) -> None:
    """Raise IntegrityError naming the first runtime file that is missing or altered."""
    for name, pinned in RUNTIME_FILES.items():
        path = package / name
        if not path.is_file():
            raise IntegrityError(f"{path} is missing from the pyodide package")
        if (actual := sha256(path)) != pinned:
            raise IntegrityError(f"{path} has SHA-256 {actual}, not the pinned {pinned}")


def available(package: Path, npm: str | None) -> bool:
    """Whether this build can carry the runtime; if not, one line says so."""
    if (problem := missing(package, npm)) is not None:
        print(f"In-browser runs are off: {problem}. The site's Run buttons replay recordings.")
        return False
    verify(package)
    return True


def install(site_dir: Path, package: Path, examples_dir: Path = EXAMPLES_DIR) -> None:
    """Copy the runtime and the examples a browser can run into the built site."""
    runtime = site_dir / SITE_SUBDIR
    runtime.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(package / name, runtime / name)
    survey = site_dir / SURVEY_SUBDIR
    survey.mkdir(parents=True, exist_ok=True)
    for name in SURVEY_MODULES:
        shutil.copyfile(ROOT / "survey" / name, survey / name)
    # An exercise runs its starting code (or the reader's edit of it) and grades
    # the run with its check; its solution reaches the page in the speaker notes.
    for exercise in exercises.discover(examples_dir):
        published = site_dir / "examples" / exercise.start_id
        published.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(exercise.start, published.with_suffix(".py"))
        shutil.copyfile(exercise.check_path, published.parent / "check.py")
    for example in discover(examples_dir):
        if example.options.no_browser is None:
            published = site_dir / "examples" / f"{example.id}.py"
            published.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(example.path, published)


# MkDocs hook events: decide before the pages render, copy once they are written.


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        browser = available(package_dir(), shutil.which("npm"))
    except IntegrityError as problem:
        raise PluginError(f"the pinned Python runtime failed its check: {problem}") from problem
    config.mdx_configs.setdefault(MARKDOWN_EXTENSION, {})["browser"] = browser
    return config


def on_post_build(config: MkDocsConfig) -> None:
    if config.mdx_configs.get(MARKDOWN_EXTENSION, {}).get("browser"):
        install(Path(config.site_dir), package_dir())

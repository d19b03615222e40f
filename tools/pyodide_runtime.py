"""Put the pinned Python-in-the-browser runtime into the built site.

The npm package ``pyodide`` (pinned in package.json and package-lock.json,
installed by ``npm ci``) is CPython 3.14 compiled to WebAssembly. The site
needs five of its files to run asyncio code; each is copied into
``site/assets/pyodide/`` only if its SHA-256 is the one recorded below, so a
different runtime cannot reach readers unnoticed.

It is a MkDocs hook (``hooks:`` in mkdocs.yml), so every build gets it: ``nox
-s docs``, ``nox -s present``, the tests and the hosted build. Where the
package is missing and npm can install it, the build runs ``npm ci`` first.
Where neither is there (a machine without Node), the build still succeeds: it
prints one line, and the pages replay recordings as they did before.

Only the standard library here: MkDocs loads a hook by its file path.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = "314.0.7"
# Where `npm ci` puts the package; SURVEY_PYODIDE_PACKAGE points elsewhere.
PACKAGE_DIR = Path(os.environ.get("SURVEY_PYODIDE_PACKAGE", ROOT / "node_modules" / "pyodide"))
# In the built site, beside the deck's modules (python-worker.js imports ../pyodide/).
SITE_SUBDIR = Path("assets") / "pyodide"
RUNTIME_FILES = {
    "pyodide.mjs": "6f1d60f7bf529beb300f0f47983c921d3982363640ba20af0e38efdddbc66109",
    "pyodide.asm.mjs": "f7cdc8ece80678ceb712f8e65ebe6d3a83203a180c399865f49612a051693635",
    "pyodide.asm.wasm": "cc36e3cab04fdfc9a63ff13eb52eae2b911bf46c025cc7b281f394bd3de1d5e6",
    "python_stdlib.zip": "fa1957e5777068fc4f7437f96d860ae2fbe9c19732ba06c84e004ec16dd7dd7a",
    "pyodide-lock.json": "5dc2fc119108bc148c7457dc86e7675b5c87e1cafd420b9c34c1eaef7b36c010",
}
OFF = "In-browser runs are off"


class IntegrityError(ValueError):
    """A runtime file is not the one this repository pinned."""


def installed_version(package_dir: Path) -> str | None:
    try:
        manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest.get("version")


def ensure_package(package_dir: Path = PACKAGE_DIR, npm: str | None = None) -> str | None:
    """Why the pinned package is not usable (after trying ``npm ci``), or None if it is."""
    if installed_version(package_dir) == VERSION:
        return None
    npm = npm or shutil.which("npm")
    if npm is None or package_dir != ROOT / "node_modules" / "pyodide":
        return f"no pyodide {VERSION} at {package_dir} and no npm to install it"
    print(f"Installing the pinned pyodide {VERSION} with npm ci")
    installed = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if installed.returncode != 0:
        return f"npm ci failed: {installed.stderr.strip().splitlines()[-1:]}"
    if installed_version(package_dir) != VERSION:
        return f"npm ci did not install pyodide {VERSION}"
    return None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def verify(package_dir: Path) -> None:
    """Raise IntegrityError naming the first runtime file that is missing or altered."""
    for name, expected in RUNTIME_FILES.items():
        path = package_dir / name
        if not path.is_file():
            raise IntegrityError(f"{path} is missing from the pyodide package")
        if (actual := sha256(path)) != expected:
            raise IntegrityError(f"{path}: SHA-256 {actual}, pinned {expected}")


def install(site_dir: Path, package_dir: Path = PACKAGE_DIR, npm: str | None = None) -> bool:
    """Copy the verified runtime into ``site_dir``; False (and one printed line) without it."""
    if (problem := ensure_package(package_dir, npm)) is not None:
        print(f"{OFF}: {problem}. The site's Run buttons replay recordings instead.")
        return False
    verify(package_dir)
    destination = site_dir / SITE_SUBDIR
    destination.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(package_dir / name, destination / name)
    return True

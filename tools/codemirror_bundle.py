"""Put the pinned code editor (CodeMirror 6) into the built site, as one checked file.

CodeMirror is some twenty small ES modules that import each other by bare
name (``@codemirror/state``), which a browser cannot resolve alone. Rather
than an import map over copies of them (which every page would need in its
head before its first module script, and twenty requests at the first Edit),
the build makes one ES module of the parts the deck uses: esbuild bundles
``tools/editor/codemirror.mjs`` from the packages pinned in package-lock.json
into ``site/assets/codemirror/codemirror.js``, and the result must have the
SHA-256 recorded below, so a different editor cannot reach readers
unnoticed. The deck's own code stays plain modules with no build step; only
this vendored library is bundled.

A MkDocs hook (``hooks:`` in mkdocs.yml), after ``tools/pyodide_runtime.py``,
which has run ``npm ci`` where npm is there. Without the packages (no npm),
the build still succeeds: it prints one line, and Edit gives a plain text
field instead: only a page with the ``survey-code-editor`` meta element loads
the bundle (docs/assets/deck/edit.js).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from survey.paths import ROOT

ENTRY = ROOT / "tools" / "editor" / "codemirror.mjs"
SITE_FILE = Path("assets") / "codemirror" / "codemirror.js"
# The page's sign that this build carries the bundle (docs/assets/deck/edit.js reads it).
META_NAME = "survey-code-editor"
# esbuild 0.28.2 over the packages in package-lock.json: change either, and
# the build prints the new digest to put here.
BUNDLE_SHA256 = "0ddc27c41f46248def3fec763c4dde2fae6bd7b0237b7748bf041a6b6097dc5b"


class IntegrityError(ValueError):
    """The bundle is not the one this repository pinned."""


def esbuild(node_modules: Path) -> Path | None:
    """The pinned esbuild's own executable (npm installs the one for this platform,
    which needs no Node to run), or None where ``npm ci`` did not install it."""
    return next((path for path in sorted(node_modules.glob("@esbuild/*/bin/esbuild"))), None)


def node_modules_dir() -> Path:
    """``npm ci``'s node_modules, or $SURVEY_NODE_MODULES (a test points it elsewhere)."""
    return Path(os.environ.get("SURVEY_NODE_MODULES", ROOT / "node_modules"))


def bundle(node_modules: Path, destination: Path) -> None:
    """Write the editor bundle to ``destination``; IntegrityError if it is not the pinned one."""
    command = esbuild(node_modules)
    destination.parent.mkdir(parents=True, exist_ok=True)
    arguments = ["--bundle", "--format=esm", "--minify", "--log-level=error"]
    built = subprocess.run(
        [str(command), str(ENTRY), *arguments, f"--outfile={destination}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"NODE_PATH": str(node_modules)},
    )
    if built.returncode != 0:
        raise IntegrityError(f"esbuild could not bundle the editor: {built.stderr.strip()}")
    digest = hashlib.sha256(destination.read_bytes()).hexdigest()
    if digest != BUNDLE_SHA256:
        destination.unlink()
        raise IntegrityError(
            f"the editor bundle has SHA-256 {digest}, not the pinned {BUNDLE_SHA256}"
        )


def available(node_modules: Path, npm: str | None) -> bool:
    """Whether this build can make the bundle (after ``npm ci``, where it can help)."""
    if esbuild(node_modules) is None and npm and node_modules == ROOT / "node_modules":
        print("Installing the code editor, pinned in package-lock.json: npm ci")
        command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run(command, cwd=ROOT, capture_output=True)
    if esbuild(node_modules) is None:
        print(
            "The code editor is off: no esbuild in node_modules (npm ci). Edit gives a text field."
        )
        return False
    return True


# MkDocs hook events: decide before the pages render, bundle once they are written.


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["code_editor"] = available(node_modules_dir(), shutil.which("npm"))
    return config


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Tell the page the bundle is there, so that a build without it never asks for it."""
    if not config.extra.get("code_editor"):
        return output
    meta = f'<meta name="{META_NAME}" content="{SITE_FILE.as_posix()}">'
    return output.replace("</head>", f"{meta}\n</head>", 1)


def on_post_build(config: MkDocsConfig) -> None:
    if not config.extra.get("code_editor"):
        return
    try:
        bundle(node_modules_dir(), Path(config.site_dir) / SITE_FILE)
    except IntegrityError as problem:
        raise PluginError(f"the pinned code editor failed its check: {problem}") from problem

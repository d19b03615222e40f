"""Where the survey's files are, from the project root."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "examples"
DOCS_DIR = ROOT / "docs"
REPLAYS_DIR = DOCS_DIR / "replays"
NOTEBOOKS_DIR = DOCS_DIR / "notebooks"
SITE_DIR = ROOT / "site"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"

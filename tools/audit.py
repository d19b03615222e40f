"""``python -m tools.audit [PATH ...]``: Lighthouse on every page of the site (or on the
given paths, e.g. ``concurrency/``), as ``python -m server`` serves them, mobile and
desktop; prints the scores.

Lighthouse needs Node: where there is none this says so and exits 0. It exits 1 when a
score falls under the project's floors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from survey.paths import ROOT
from tools.harness import build_site, serving

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORM_FACTORS = ["mobile", "desktop"]
FLOORS = {
    ("mobile", "performance"): 90,
    ("desktop", "performance"): 95,
    **{(form, category): 100 for form in FORM_FACTORS for category in CATEGORIES[1:]},
}


def pages_to_audit(site: Path) -> list[str]:
    """Every page of the built site as a path from its root: the home page, then the
    sections and the notebooks in alphabetical order. A floor met on some pages only
    would let the others fall under it unseen."""
    pages = (page.parent.relative_to(site).as_posix() for page in site.glob("**/index.html"))
    return sorted((f"{path}/" if path != "." else "" for path in pages), key=lambda p: (p != "", p))


def lighthouse(npx: str, chrome: str, url: str, form_factor: str, report: Path) -> dict:
    """The four category scores, 0–100, of one Lighthouse run."""
    command = [npx, "--yes", LIGHTHOUSE, url, "--quiet", "--output=json"]
    command += [f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}"]
    command += ["--chrome-flags=--headless=new --no-sandbox"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env=os.environ | {"CHROME_PATH": chrome})
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def table(rows: list[tuple[str, str, dict]]) -> str:
    header = ["page", "form factor", *CATEGORIES]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * 2 + " ---: |" * len(CATEGORIES)]
    for label, form, scores in rows:
        cells = [label, form, *(str(scores[name]) for name in CATEGORIES)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def shortfalls(rows: list[tuple[str, str, dict]]) -> list[str]:
    return [
        f"{label} ({form}): {category} {scores[category]} < {FLOORS[form, category]}"
        for label, form, scores in rows
        for category in CATEGORIES
        if scores[category] < FLOORS[form, category]
    ]


def main(wanted: list[str]) -> int:
    npx, chrome = shutil.which("npx"), shutil.which("chromium") or shutil.which("chromium-browser")
    if not npx or not chrome:
        missing = "Node (npx)" if not npx else "Chromium"
        print(f"audit skipped: Lighthouse needs {missing}, which this machine lacks.")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        built = build_site(site, ROOT / "mkdocs.yml")
        if built.returncode:
            print(built.stderr, file=sys.stderr)
            return built.returncode
        pages = pages_to_audit(site)
        if unknown := sorted(set(wanted) - set(pages)):
            print(f"no such page: {', '.join(unknown)}; the pages are {', '.join(pages)}")
            return 2
        rows = []
        with serving(site, "--warm", "0") as base:
            for path in wanted or pages:
                for form in FORM_FACTORS:
                    report = Path(scratch) / f"{form}-{len(rows)}.json"
                    scores = lighthouse(npx, chrome, f"{base}/{path}", form, report)
                    rows.append((f"/{path}", form, scores))
    print(table(rows))
    if failed := shortfalls(rows):
        print("\nunder the floors:\n  " + "\n  ".join(failed))
        return 1
    print("\nevery score meets its floor.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""``python -m tools.audit``: Lighthouse on the home page, the longest page and the largest
notebook, as ``python -m server`` serves them, mobile and desktop; prints the scores.

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


def pages_to_audit(site: Path) -> dict[str, str]:
    """Label → path: the home page, the heaviest page and the heaviest notebook page."""

    def heaviest(pages: list[Path]) -> str:
        page = max(pages, key=lambda path: path.stat().st_size)
        return page.parent.relative_to(site).as_posix() + "/"

    pages = [page for page in site.glob("*/index.html") if page.parent.name != "notebooks"]
    return {
        "home": "",
        "longest page": heaviest(pages),
        "notebook": heaviest(list(site.glob("notebooks/*/index.html"))),
    }


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


def main() -> int:
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
        rows = []
        with serving(site, "--warm", "0") as base:
            for label, path in pages_to_audit(site).items():
                for form in FORM_FACTORS:
                    report = Path(scratch) / f"{form}-{len(rows)}.json"
                    scores = lighthouse(npx, chrome, f"{base}/{path}", form, report)
                    rows.append((f"{label} (/{path})", form, scores))
    print(table(rows))
    if failed := shortfalls(rows):
        print("\nunder the floors:\n  " + "\n  ".join(failed))
        return 1
    print("\nevery score meets its floor.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The survey wheel declares what its modules import beyond the standard library."""

from __future__ import annotations

import ast
import sys
import tomllib

from survey.paths import ROOT

# A declared requirement's name, and the top-level module it provides.
MODULE_OF = {"markdown": "markdown", "aiohttp": "aiohttp"}


def imported_top_levels() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "survey").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.partition(".")[0])
    return found


def test_every_third_party_import_of_survey_is_a_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        MODULE_OF[requirement.split(">")[0].split("=")[0].strip()]
        for requirement in project["dependencies"]
    }
    third_party = imported_top_levels() - set(sys.stdlib_module_names) - {"survey"}
    assert third_party == declared

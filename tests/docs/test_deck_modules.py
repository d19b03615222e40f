"""The deck's JS keeps each outside dependency behind one module: Material's insides
behind material.js, the channels between windows behind channels.js, element
creation behind dom.js. Read as text: these are rules about where code lives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DECK = Path(__file__).parents[2] / "docs" / "assets" / "deck"
MODULES = sorted(DECK.glob("*.js"))
FULL_LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)

# What only one module may say, and which module that is.
OWNED = {
    "material.js": ["__config", "document$", "location$", ".md-footer", ".md-header", "__search"],
    "channels.js": ["BroadcastChannel", '"async-survey-deck"', '"async-survey-live"'],
    "dom.js": ["createElement"],
}


def code(module: Path) -> str:
    """The module without its full-line comments, which may name what they explain."""
    return FULL_LINE_COMMENT.sub("", module.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("owner", "needle"),
    [(owner, needle) for owner, needles in OWNED.items() for needle in needles],
)
def test_only_its_owner_says_it(owner: str, needle: str) -> None:
    assert (DECK / owner).is_file()
    saying = sorted(module.name for module in MODULES if needle in code(module))
    assert saying == [owner], f"{needle!r} belongs in {owner} alone"


@pytest.mark.parametrize("module", MODULES, ids=[module.name for module in MODULES])
def test_each_module_says_what_it_is_for(module: Path) -> None:
    first = module.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"// {module.name}: "), first

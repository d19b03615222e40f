"""MkDocs hook: a notebook page carries only the part of JupyterLab's stylesheet it can use.

mkdocs-jupyter inlines the whole of JupyterLab's stylesheet, 575 kB, into every notebook
page, and a phone parses it and matches every element of the page against it on each of
the several style recalculations a page load takes. Most of it styles JupyterLab's own
application, which a rendered notebook has none of. This keeps every rule with a selector
whose class names all occur somewhere in the page (its markup or its scripts), drops the
rest, and leaves the kept rules in their order, so the page looks exactly as before.
(Wired in mkdocs.yml under `hooks:`.)
"""

from __future__ import annotations

import re

STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
WORD = re.compile(r"-?[_a-zA-Z][\w-]*")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# A pseudo-class's argument, one level of nesting deep: :not(.a), :is(.a, :not(.b)).
ARGUMENT = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
# Groups whose rules are pruned in turn; any other at-rule (@font-face, @keyframes) stays.
GROUPS = ("@media", "@supports", "@layer", "@container")
AT_RULE = re.compile(r"\s*@")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
TOKEN = re.compile(r"""[{}]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")


def block_end(css: str, start: int) -> int:
    """The index just past the `}` that closes the block opened at ``css[start]``;
    braces inside strings (a data: URL's SVG, a `content`) do not count."""
    depth = 0
    for token in TOKEN.finditer(css, start):
        if token.group() == "{":
            depth += 1
        elif token.group() == "}":
            depth -= 1
            if depth == 0:
                return token.end()
    return len(css)


def can_match(selector: str, words: set[str]) -> bool:
    """Whether every class the selector requires occurs in the page. A class inside a
    pseudo-class's argument (:not(.x)) is not required, so it never counts against."""
    return all(name in words for name in CLASS.findall(ARGUMENT.sub("()", selector)))


def split_selectors(prelude: str) -> list[str]:
    return [part for part in re.split(r",(?![^()]*\))", prelude) if part.strip()]


def prune(css: str, words: set[str]) -> str:
    """``css`` without the style rules that no element of a page with ``words`` can match."""
    kept, index = [], 0
    while index < len(css):
        brace = css.find("{", index)
        semicolon = css.find(";", index)
        if brace == -1:
            kept.append(css[index:])
            break
        if AT_RULE.match(css, index) and -1 < semicolon < brace:
            kept.append(css[index : semicolon + 1])  # @charset, @import: statements
            index = semicolon + 1
            continue
        end = block_end(css, brace)
        prelude = css[index:brace]
        if prelude.strip().startswith(GROUPS):
            inner = prune(css[brace + 1 : end - 1], words)
            if inner.strip():
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.strip().startswith("@") or any(
            can_match(selector, words) for selector in split_selectors(prelude)
        ):
            kept.append(css[index:end])
        index = end
    return "".join(kept)


def prune_page(html: str) -> str:
    """The page with each of its inline stylesheets pruned to what the page can use."""
    words = set(WORD.findall(STYLE.sub("", html)))
    return STYLE.sub(
        lambda m: m.group(1) + prune(COMMENT.sub("", m.group(2)), words) + m.group(3), html
    )


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return prune_page(output)
    return output

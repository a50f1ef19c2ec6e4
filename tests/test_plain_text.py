"""Server text reaches the screen one way only: these rules make the other ways fail the build.

In the TUI, words reach widgets only through `ui/plain.py` (no Textual widget that shows
words is imported elsewhere, no toast but `toast`, no markup); on the command line, every
line goes through `say` (plain text), JSON through `json_dumps`, a build log through
`terminal_log`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parent.parent / "jtui"
# A progress bar draws a bar, a percentage and an ETA: numbers jtui computes, never server text.
TEXTUAL_WIDGETS_WITHOUT_WORDS = {"ProgressBar"}


def sources(package: str) -> Iterator[tuple[str, ast.AST]]:
    for path in sorted((ROOT / package).rglob("*.py")):
        yield str(path.relative_to(ROOT)), ast.parse(path.read_text())


def calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def called(call: ast.Call) -> str:
    target = call.func
    if isinstance(target, ast.Attribute):
        return "." + target.attr
    return target.id if isinstance(target, ast.Name) else ""


def test_the_tui_shows_words_only_through_the_plain_module() -> None:
    found: list[str] = []
    for name, tree in sources("ui"):
        if name == "ui/plain.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "textual.widgets":
                    extra = {a.name for a in node.names} - TEXTUAL_WIDGETS_WITHOUT_WORDS
                    found += [f"{name}: imports {w} from Textual" for w in sorted(extra)]
                elif node.module.startswith(("textual.widgets.", "textual.content", "rich.markup")):
                    found.append(f"{name}: imports {node.module}")
            if isinstance(node, ast.Attribute) and node.attr == "from_markup":
                found.append(f"{name}:{node.lineno}: reads markup")
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Attribute) and target.attr in ("title", "sub_title"):
                        found.append(f"{name}:{node.lineno}: sets a title")
        for call in calls(tree):
            if called(call) == ".notify":
                found.append(f"{name}:{call.lineno}: a toast not through plain.toast")
            for keyword in call.keywords:
                if keyword.arg == "markup":
                    found.append(f"{name}:{call.lineno}: sets markup")
    assert found == []


def test_the_command_line_prints_only_plain_text() -> None:
    allowed_prints = {"cli/common.py": 1, "cli/token_cmd.py": 1, "cli/demo_server.py": 1}
    found: list[str] = []
    for name, tree in sources("cli"):
        prints = [c for c in calls(tree) if called(c) == "print"]
        if len(prints) != allowed_prints.get(name, 0):
            found.append(f"{name}: {len(prints)} print() calls (say() prints plain text)")
        for call in calls(tree):
            if called(call) == ".dumps":
                found.append(f"{name}:{call.lineno}: JSON not through core.text.json_dumps")
            if called(call) == ".write" and name != "cli/build.py":
                found.append(f"{name}:{call.lineno}: writes to a stream directly")
    assert found == []


def test_the_token_print_prints_only_the_token() -> None:
    tree = ast.parse((ROOT / "cli/token_cmd.py").read_text())
    (token_print,) = [c for c in calls(tree) if called(c) == "print"]
    assert ast.unparse(token_print) == "print(token.value.reveal())"

"""The layering rules, checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "module",
    ["jtui.jenkins", "jtui.jenkins.client", "jtui.demo", "jtui.cli.parser", "jtui.__main__"],
)
def test_never_imports_textual(module: str) -> None:
    loaded = modules_after_import(module)
    assert not {name for name in loaded if name == "textual" or name.startswith("textual.")}


def test_help_and_version_need_no_http_library() -> None:
    loaded = modules_after_import("jtui.cli.parser")
    assert "httpx" not in loaded

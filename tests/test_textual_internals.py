"""jtui/ui/internals.py is the one user of Textual's private API; these tests tie it to the
pinned Textual version, so an upgrade that changes what it relies on fails here first."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.tui
ROOT = Path(__file__).resolve().parent.parent

CRASHING_APP = """
from jtui.secret import Secret
from jtui.ui.internals import PrivateApp

class Crashing(PrivateApp):
    def on_mount(self) -> None:
        token = "11deadbeefdeadbeefdeadbeefdeadbeef"  # a local the report must not show
        held = Secret(token)
        raise RuntimeError("boom " + str(held))

Crashing().run(headless=True)
"""


def test_textual_is_the_pinned_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = next(d for d in project["dependencies"] if d.startswith("textual"))
    assert pinned == f"textual=={importlib.metadata.version('textual')}" == "textual==8.2.8"


def test_the_crash_report_shows_no_local_variables() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_APP],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    report = result.stdout + result.stderr
    assert "RuntimeError" in report and "boom ********" in report  # the report is there
    assert "deadbeef" not in report  # but not the locals that held the token
    assert "run jtui --debug" in report  # and where the details can be kept

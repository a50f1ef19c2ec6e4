"""A hostile Jenkins in a real terminal (tmux): its text cannot set the window title, write
the clipboard or clear the screen, whatever screen shows it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .cli_support import Jtui, demo_server
from .test_tmux_e2e import TMUX, Terminal

pytestmark = pytest.mark.e2e


@pytest.fixture
def hostile() -> Iterator[tuple[str, str, str]]:
    with demo_server("--hostile", "--time-scale", "20") as started:
        yield started


def test_hostile_text_does_nothing_to_the_terminal(
    tmp_path: Path, hostile: tuple[str, str, str]
) -> None:
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: CI must install it (.ci/run does)")
        pytest.skip("tmux is not installed here")
    url, _, token = hostile
    jtui = Jtui(tmp_path)
    assert jtui.add_profile("evil", url, "admin", "--token-stdin", stdin=token).returncode == 0
    term = Terminal(TMUX, f"jtui-hostile-{os.getpid()}", tmp_path)
    env = " ".join(f"{k}={v}" for k, v in jtui.env().items() if k.startswith("XDG_"))
    term.start(f"env TERM=xterm-256color {env} {sys.executable} -m jtui", 120, 36)
    try:
        term.run("set-option", "-s", "set-clipboard", "on")  # OSC 52 would fill a buffer
        term.run("set-option", "-g", "allow-rename", "on")
        term.wait_for("Jenkins 2.550")
        term.keys("/")
        term.keys("evil")
        term.wait_for("hostile/evil")
        term.keys("Enter")
        term.wait_for("description")
        term.keys("b")
        term.wait_for("GREETING")
        term.keys("Enter")  # in the first field: submits the form
        shown = term.wait_for("✔ success", timeout=40)  # the build ran, its log shown
        assert "[@click=app.quit]" in shown and "␛]52" in shown
        term.keys("3")
        term.wait_for("evil")  # the stuck item waits on the hostile agent
        title = term.run("display-message", "-p", "#{pane_title}")
        assert "pwned" not in title
        assert term.run("list-buffers") == ""  # nothing reached the clipboard
    finally:
        term.run("kill-server")

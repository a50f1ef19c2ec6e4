"""The tokens issue's acceptance, in a real terminal: rotate from the Tokens screen, then
`jtui check` works with a different token in the config while the old one is rejected."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from jtui.config.profiles import load_config
from jtui.config.secrets import resolve
from jtui.demo import DemoJenkins

from .cli_support import Jtui
from .test_tmux_e2e import TMUX, Terminal

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


def test_rotate_in_tmux_then_check(tmp_path: Path, demo: DemoJenkins) -> None:
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: CI must install it (.ci/run does)")
        pytest.skip("tmux is not installed here")
    jtui = Jtui(tmp_path)
    added = jtui.add_profile(
        "demo",
        demo.url,
        demo.user,
        "--token-stdin",
        stdin=demo.token,
    )
    assert added.returncode == 0, added.stderr
    socket = f"jtui-tokens-{os.getpid()}"
    term = Terminal(TMUX, socket)
    env = " ".join(f"{k}={v}" for k, v in jtui.env().items() if k.startswith("XDG_"))
    term.start(f"env TERM=xterm-256color {env} {sys.executable} -m jtui", 100, 30)
    try:
        term.wait_for("Jenkins 2.550")
        term.keys("4")
        term.wait_for("API token of this window")
        term.wait_for("(checked now)")
        term.keys("R")
        term.wait_for("Rotate the token of profile demo?")
        term.keys("Enter")
        term.wait_for("Which was the old token?")
        term.keys("Enter")
        term.wait_for("revoked the old token")
        term.keys("C-q")
    finally:
        term.run("kill-server")
    check = jtui("check")
    assert check.returncode == 0, check.stderr
    new = resolve(load_config(jtui.config).profiles["demo"].token_source, "admin").reveal()
    assert new != demo.token
    assert httpx.get(demo.url + "api/json", auth=("admin", demo.token)).status_code == 401
    assert httpx.get(demo.url + "api/json", auth=("admin", new)).status_code == 200

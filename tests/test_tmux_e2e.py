"""`jtui --demo` in a real terminal (tmux): from its dashboard of three servers, open a folder,
build a job, see its console; a failed Pipeline's step, tests and artifact."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")


def wait(check: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("the condition never held")


class Terminal:
    def __init__(self, tmux: str, name: str, home: Path | None = None) -> None:
        self.tmux = tmux
        # A server of its own each time: one just killed may still hold a reused name.
        self.socket = f"{name}-{uuid.uuid4().hex[:8]}"
        self.home = home or Path()

    def run(self, *args: str) -> str:
        # Not this process's terminal: a tmux started from an interactive shell (or inside
        # another tmux) would otherwise size its session from that terminal.
        outside = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
        result = subprocess.run(
            [self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            stdin=subprocess.DEVNULL,
            env=outside,
        )
        if result.returncode:
            raise AssertionError(f"tmux {args[0]} failed ({result.returncode}): {result.stderr}")
        return result.stdout

    def start(self, command: str, width: int, height: int) -> None:
        """A detached session of that size, running `command`."""
        self.run("new-session", "-d", "-s", "jtui", "-x", str(width), "-y", str(height), command)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "jtui", *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "jtui")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Terminal]:
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: CI must install it (.ci/run does)")
        pytest.skip("tmux is not installed here")
    width, height, colours = request.param
    term = Terminal(TMUX, f"jtui-test-{os.getpid()}-{width}-{colours}", tmp_path)
    palette = "TERM=xterm-256color" if colours == "256" else "TERM=screen NO_COLOR=1"
    pager = tmp_path / "pager.py"  # a pager that keeps what it is given
    pager.write_text(
        "import shutil, sys\n"
        f"shutil.copyfileobj(sys.stdin.buffer, open({str(tmp_path / 'paged.log')!r}, 'wb'))\n"
    )
    (tmp_path / "tmp").mkdir()
    env = (
        f"env {palette} XDG_CONFIG_HOME={tmp_path}/config "
        f"XDG_STATE_HOME={tmp_path}/state JTUI_CONFIG={tmp_path}/config.toml "
        f"TMPDIR={tmp_path}/tmp PAGER='{sys.executable} {pager}'"
    )
    term.start(f"{env} {sys.executable} -m jtui --demo", width, height)
    try:
        yield term
    finally:
        subprocess.run(
            [TMUX, "-L", term.socket, "kill-server"],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )


def from_the_dashboard_to_the_jobs(terminal: Terminal) -> None:
    """`jtui --demo` opens on its three servers; `2` shows the full one's jobs."""
    shown = terminal.wait_for("3 of 3 servers answering")
    assert all(name in shown for name in ("demo-staging", "demo-legacy", "✔ answering"))
    terminal.keys("2")
    terminal.wait_for("testJob")


@pytest.mark.parametrize(
    "terminal",
    [(80, 24, "256"), (120, 36, "256"), (80, 24, "none")],
    indirect=True,
    ids=["80x24", "120x36", "80x24-NO_COLOR-16-colour-TERM"],
)
def test_open_a_folder_build_and_watch_the_console(terminal: Terminal) -> None:
    from_the_dashboard_to_the_jobs(terminal)
    terminal.wait_for("Jenkins 2.550")
    terminal.keys("/")
    terminal.keys("backend")
    terminal.wait_for("platform/backend")
    terminal.keys("Enter")
    terminal.wait_for("Jenkins › platform › Backend services")  # the breadcrumbs
    shown = terminal.wait_for("api-server")  # and the folder's items, once they arrive
    assert "services/" in shown
    assert "› ▸ folder" in shown or "› ↻" in shown or "› ✔" in shown  # the cursor, colourless
    terminal.keys("Down")
    terminal.keys("b")
    terminal.wait_for("worker  (queued)")
    shown = terminal.wait_for("Building in workspace", timeout=40)  # a console line
    assert "worker #7" in shown
    terminal.keys("v")  # the pager gets the log through a pipe
    paged = terminal.home / "paged.log"
    wait(lambda: paged.exists() and b"Building in workspace" in paged.read_bytes())
    assert b"\x1b]" not in paged.read_bytes()  # colours at most: no other escape
    terminal.wait_for("worker #7")  # back from the pager
    assert list((terminal.home / "tmp").iterdir()) == []  # and no copy of the log left
    terminal.keys("Escape")
    terminal.wait_for("Jenkins › platform › Backend services")  # a key now is not Alt+key
    terminal.keys("3")
    terminal.wait_for("windows-installer")
    terminal.keys("C-q")


@pytest.mark.parametrize("terminal", [(80, 24, "256")], indirect=True, ids=["80x24"])
def test_a_failed_pipeline_its_failed_step_tests_and_an_artifact(terminal: Terminal) -> None:
    """The issue's "done when", keys only: the failed step in two keys from the build, the
    failed tests with the regression marked, an artifact downloaded whole."""
    from_the_dashboard_to_the_jobs(terminal)
    terminal.keys("/")
    terminal.keys("release-train")
    terminal.wait_for("platform/release-train")
    terminal.keys("Enter")
    terminal.wait_for("Started by user Admin")  # the builds, newest first
    terminal.keys("Enter")  # its newest build: failed in Test's windows branch
    terminal.wait_for("✘ Test [✔ linux ✘ windows]")
    terminal.keys("F")
    terminal.wait_for("=== windows › make windows (failure) — script returned exit code 1")
    terminal.keys("T")
    shown = terminal.wait_for("testTimeout")
    assert "NEW testEmpty" in shown and "2 failed (1 new)" in shown
    terminal.keys("Escape")
    terminal.wait_for("=== windows")
    terminal.keys("a")
    terminal.wait_for("reports/")
    terminal.keys("d")
    terminal.wait_for("Download app.tar.gz into")
    into = terminal.home / "downloads"
    into.mkdir()
    terminal.keys("C-u")
    terminal.keys("-l", str(into))
    terminal.keys("Enter")
    terminal.wait_for("Downloaded")
    target = into / "app.tar.gz"
    assert target.stat().st_size == 3 * 1024 * 1024 + 17  # the demo's archive, whole
    assert not (into / "app.tar.gz.part").exists()
    terminal.keys("C-q")


@pytest.mark.parametrize("terminal", [(80, 24, "256")], indirect=True, ids=["80x24"])
def test_a_watched_build_notifies_the_terminal(terminal: Terminal) -> None:
    """`w` on a queued build, then away to another server: when it ends the terminal gets
    BEL (tmux's bell flag) and OSC 9 / OSC 777 wrapped for tmux (seen with pipe-pane)."""
    written = terminal.home / "written.bin"
    terminal.run("pipe-pane", "-O", "-t", "jtui", f"cat >> {written}")
    from_the_dashboard_to_the_jobs(terminal)
    terminal.keys("b")  # testJob, the first row: no parameters, so it is queued at once
    terminal.wait_for("testJob  (queued)")
    terminal.keys("w")
    terminal.wait_for("watching testJob")
    terminal.keys("0")  # the dashboard, away from the build
    terminal.wait_for("3 of 3 servers answering")
    wanted = b"\x1bPtmux;\x1b\x1b]9;jtui: testJob #7 on demo: success\x07\x1b\\"
    wait(lambda: written.exists() and wanted in written.read_bytes(), timeout=60)
    sent = written.read_bytes()
    assert b"\x1bPtmux;\x1b\x1b]777;notify;jtui;testJob #7 on demo: success\x07\x1b\\" in sent
    flags = terminal.run("list-windows", "-t", "jtui", "-F", "#{window_bell_flag}")
    assert flags.strip() == "1"  # the BEL reached tmux
    terminal.wait_for("Build ended")  # and the toast
    terminal.keys("C-q")

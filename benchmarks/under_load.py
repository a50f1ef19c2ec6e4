"""Run a benchmark while a jtui TUI is open on its Dashboard of three servers with a watched build.

Issue 13's final re-measure: every figure again, with the dashboard open on three servers and
a watched build. This starts `jtui --demo` (three demo Jenkins, the Dashboard polling each)
in a real terminal (tmux, 120×36), watches the demo's long-running build from the Dashboard
(`w`, Enter), then runs COMMAND on the same machine and reports what the TUI itself used
meanwhile (CPU, RSS) and that it still showed the Dashboard and the watch at the end.

Run: python benchmarks/under_load.py -- python benchmarks/listing.py --lines 1000:0
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

WIDTH, HEIGHT = 120, 36
WATCHED = "long-soak-test"


class Tmux:
    def __init__(self, tmux: str) -> None:
        self.tmux = tmux
        self.socket = f"jtui-under-load-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        outside = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
        done = subprocess.run(
            [self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=True,
            stdin=subprocess.DEVNULL,
            env=outside,
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "jtui")

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.2)
        raise SystemExit(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_the_dashboard(tmux: Tmux, scratch: Path) -> int:
    """`jtui --demo` on its Dashboard with the long build watched: the TUI's pid."""
    env = (
        f"env TERM=xterm-256color XDG_CONFIG_HOME={scratch}/config XDG_STATE_HOME={scratch}/state "
        f"XDG_CACHE_HOME={scratch}/cache JTUI_CONFIG={scratch}/config.toml"
    )
    command = f"{env} {sys.executable} -m jtui --demo"
    tmux.run("new-session", "-d", "-s", "jtui", "-x", str(WIDTH), "-y", str(HEIGHT), command)
    tmux.wait_for("3 of 3 servers answering")
    tmux.run("send-keys", "-t", "jtui", "w")  # the first server's running builds
    tmux.wait_for("Watch which build")
    tmux.run("send-keys", "-t", "jtui", "Enter")  # the first of them: the long one
    tmux.wait_for(f"watching {WATCHED}")
    return int(tmux.run("display-message", "-p", "-t", "jtui", "#{pane_pid}").strip())


def main() -> None:
    command = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else []
    found = shutil.which("tmux")
    if not command or found is None:
        raise SystemExit("usage: under_load.py -- COMMAND…  (needs tmux)")
    tmux = Tmux(found)
    scratch = Path(tempfile.mkdtemp(prefix="jtui-under-load-"))
    try:
        pid = open_the_dashboard(tmux, scratch)
        print(
            f"under load: jtui --demo (pid {pid}) on its Dashboard of three servers, "
            f"watching {WATCHED}; RSS {rss_mb(pid):.1f} MB",
            flush=True,
        )
        used_before, started = cpu_seconds(pid), time.monotonic()
        result = subprocess.run(command, check=False)
        used, elapsed = cpu_seconds(pid) - used_before, time.monotonic() - started
        state = (scratch / "state" / "jtui" / "state.toml").read_text()
        still = "servers answering" in tmux.screen() and WATCHED in state
        print(
            f"under load: the TUI used {100 * used / elapsed:.1f} % of one core over "
            f"{elapsed:.0f} s, RSS {rss_mb(pid):.1f} MB; Dashboard and watch still there: "
            f"{'yes' if still else 'NO'}"
        )
    finally:
        subprocess.run([found, "-L", tmux.socket, "kill-server"], check=False, capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(result.returncode or (0 if still else 1))


if __name__ == "__main__":
    main()

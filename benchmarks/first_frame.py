"""The TUI's first frame: from launch to a job's name on the screen, as a whole process in a
terminal (a pty, 120×36), against a bare Textual app (Header, Static, Footer) launched the
same way in the same run, alternating (issue: ≤ 2× the bare app with N jobs on the server;
≤ 1.3× with the list cached from the last session).

Run: python benchmarks/first_frame.py [--jobs 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from demo_process import start_demo
from whole_process import as_installed

from jtui.config.profiles import add_profile

MARKER = b"testJob"  # a job at the demo's root
BARE_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Footer, Header, Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Header()\n"
    "        yield Static('testJob')\n"
    "        yield Footer()\n"
    "Bare().run()\n"
)


def first_frame(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from launch until MARKER has been drawn."""
    seconds, child, leader = drawn(argv, env)
    child.kill()
    child.wait()
    os.close(leader)
    return seconds


def drawn(
    argv: list[str], env: dict[str, str], timeout: float = 60
) -> tuple[float, subprocess.Popen[bytes], int]:
    """Launch `argv` in a 120×36 pty; once MARKER is drawn: the seconds it took, the
    process, and the pty's end to keep reading (or the app stops at its next write)."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, stdin=follower, stdout=follower, stderr=follower, start_new_session=True
    )
    os.close(follower)
    seen = b""
    while MARKER not in seen:
        if time.perf_counter() - started > timeout:
            child.kill()
            raise SystemExit(f"{argv[:3]}: no {MARKER!r} in {timeout} s: {seen[-300:]!r}")
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            seen = seen[-200:] + os.read(leader, 65536)
    return time.perf_counter() - started, child, leader


def measure(jobs: int, runs: int) -> dict[str, list[float]]:
    server, url, token = start_demo("--jobs", str(jobs))
    try:
        with tempfile.TemporaryDirectory() as temp:
            home = Path(temp)
            env = as_installed(
                {
                    **os.environ,
                    "XDG_CONFIG_HOME": temp,
                    "XDG_STATE_HOME": temp,
                    "XDG_CACHE_HOME": str(home / "cache"),
                    "TERM": "xterm-256color",
                }
            )
            add_profile(
                home / "jtui" / "config.toml", "demo", {"url": url, "user": "admin", "token": token}
            )
            jtui = [sys.executable, "-m", "jtui"]
            bare = [sys.executable, "-c", BARE_APP]
            figures: dict[str, list[float]] = {
                "bare Textual app": [],
                "jtui": [],
                "jtui, cached": [],
            }
            for _ in range(runs):
                figures["bare Textual app"].append(first_frame(bare, env))
                shutil.rmtree(home / "cache", ignore_errors=True)  # nothing from before
                figures["jtui"].append(first_frame(jtui, env))  # ... and it leaves the cache
                figures["jtui, cached"].append(first_frame(jtui, env))
            return figures
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="10000", help="comma-separated job counts")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for jobs in (int(n) for n in args.jobs.split(",")):
        figures = measure(jobs, args.runs)
        bare = statistics.median(figures["bare Textual app"])
        print(f"\n{jobs:,} jobs, first frame in a 120×36 pty ({args.runs} runs, medians)")
        for name, seconds in figures.items():
            median = statistics.median(seconds)
            print(
                f"  {name:<18} {median:6.3f} s  (min {min(seconds):.3f}, max {max(seconds):.3f})"
                f"  {median / bare:4.2f}× bare"
            )


if __name__ == "__main__":
    main()

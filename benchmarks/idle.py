"""The TUI left open on a 10,000-job server: the CPU it uses and the requests it makes in
60 s once the jobs are on screen (issue: < 2 % of one core, a bounded number of requests).
jtui runs as a whole process in a pty; the demo Jenkins in this one, counting requests.

Run: python benchmarks/idle.py [--jobs 10000] [--seconds 60]
"""

from __future__ import annotations

import argparse
import os
import select
import sys
import tempfile
import time
from pathlib import Path

from first_frame import drawn
from whole_process import as_installed

from jtui.config.profiles import add_profile
from jtui.demo import DemoJenkins


def cpu_seconds(pid: int) -> float:
    """User + system time of a process so far (from /proc: the child is still running)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, DemoJenkins(jobs=args.jobs) as demo:
        fields = {"url": demo.url, "user": demo.user, "token": demo.token}
        add_profile(Path(temp) / "jtui" / "config.toml", "demo", fields)
        env = as_installed(
            {**os.environ, "XDG_CONFIG_HOME": temp, "XDG_STATE_HOME": temp, "TERM": "xterm"}
        )
        env["XDG_CACHE_HOME"] = str(Path(temp) / "cache")
        _, child, leader = drawn([sys.executable, "-m", "jtui"], env)
        try:
            time.sleep(5)  # the first answers and the index, which are not idling
            asked, used = demo.requests.total(), cpu_seconds(child.pid)
            deadline = time.monotonic() + args.seconds
            while (left := deadline - time.monotonic()) > 0:
                if select.select([leader], [], [], min(left, 1.0))[0]:
                    os.read(leader, 65536)  # the app's redraws: read, or it blocks
            requests = demo.requests.total() - asked
            share = (cpu_seconds(child.pid) - used) / args.seconds
        finally:
            child.kill()
            child.wait()
            os.close(leader)
    print(
        f"{args.jobs:,} jobs, the TUI idle on the job list for {args.seconds:.0f} s: "
        f"{share * 100:.2f} % of one core, {requests} requests"
    )


if __name__ == "__main__":
    main()

"""`jtui log` of a finished build's big coloured log, against curl and python-jenkins'
get_build_console_output, each a whole process, alternating (issue: ≥ 100 MB/s, ≤ 6× curl's
wall time on 22 MB, peak RSS < 100 MB at any size, output byte-identical to `consoleText`);
then `jtui log --follow` of a running build: the bytes it was sent against the log's size
(issue: proportional to the new output only, no second download).

Run: python benchmarks/console.py [--sizes 22,110] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from whole_process import run_whole

from jtui.config.profiles import add_profile
from jtui.demo import DemoJenkins

JOB = "testJob"
LINE = (
    "\x1b[32m[INFO]\x1b[0m Compiling module \x1b[1mcore/%06d\x1b[0m: 214 source files,"
    " 0 warnings \x1b[2m(12.4 s)\x1b[0m\n"
)


def coloured_log(megabytes: int) -> bytes:
    """An ordinary coloured build log of about this size (plain SGR colours, LF endings)."""
    lines, size, number = [], 0, 0
    while size < megabytes * 1_000_000:
        line = (LINE % number).encode()
        lines.append(line)
        size += len(line)
        number += 1
    return b"".join(lines) + b"Finished: SUCCESS\n"


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) and the SHA-256 of what it printed."""
    seconds, rss_kb, printed = run_whole(argv, env)
    return seconds, rss_kb, hashlib.sha256(printed).hexdigest()


def finished_log(demo: DemoJenkins, megabytes: int) -> tuple[int, bytes]:
    job = demo.instance.job(JOB)
    number = max(n for n, b in job.builds.items() if not b.building)
    log = coloured_log(megabytes)
    job.builds[number].log = bytearray(log)
    return number, log


def measure_log(megabytes: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as temp, DemoJenkins() as demo:
        env = {**os.environ, "XDG_CONFIG_HOME": temp, "XDG_STATE_HOME": temp}
        fields = {"url": demo.url, "user": demo.user, "token": demo.token}
        add_profile(Path(temp) / "jtui" / "config.toml", "demo", fields)
        number, log = finished_log(demo, megabytes)
        url, auth = f"{demo.url}job/{JOB}/{number}/consoleText", f"{demo.user}:{demo.token}"
        contenders = {
            "jtui log": [sys.executable, "-m", "jtui", "log", JOB, str(number)],
            "curl": ["curl", "-sS", "-u", auth, url],
            "python-jenkins": [
                sys.executable, "-c",
                "import jenkins, sys; sys.stdout.write(jenkins.Jenkins(sys.argv[1],"
                " username=sys.argv[2], password=sys.argv[3])"
                ".get_build_console_output(sys.argv[4], int(sys.argv[5])))",
                demo.url, demo.user, demo.token, JOB, str(number),
            ],
        }  # fmt: skip
        figures: dict[str, list[tuple[float, int, str]]] = {name: [] for name in contenders}
        names = list(contenders)
        for turn in range(runs):
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                figures[name].append(run_once(contenders[name], env))
    wanted = hashlib.sha256(log).hexdigest()
    size_mb = len(log) / 1_000_000
    curl = statistics.median(s for s, _, _ in figures["curl"])
    print(f"\n{size_mb:.1f} MB finished log ({runs} runs, medians)")
    for name, rows in figures.items():
        seconds = statistics.median(s for s, _, _ in rows)
        peak = max(r for _, r, _ in rows) / 1024
        same = all(d == wanted for _, _, d in rows)
        print(
            f"  {name:<15} {seconds:6.3f} s  {size_mb / seconds:7.1f} MB/s  "
            f"{seconds / curl:5.2f}× curl  peak RSS {peak:6.1f} MB  "
            f"{'byte-identical' if same else 'DIFFERS from consoleText'}"
        )


def measure_follow() -> None:
    """Follow a running build to its end; count what the server sent for its console."""
    with tempfile.TemporaryDirectory() as temp, DemoJenkins(time_scale=4) as demo:
        env = {**os.environ, "XDG_CONFIG_HOME": temp, "XDG_STATE_HOME": temp}
        fields = {"url": demo.url, "user": demo.user, "token": demo.token}
        add_profile(Path(temp) / "jtui" / "config.toml", "demo", fields)
        argv = [sys.executable, "-m", "jtui", "build", JOB, "--follow"]
        before = demo.requests.bytes_sent()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        sent = demo.requests.bytes_sent() - before
        job = demo.instance.job(JOB)
        number = max(job.builds)
        size = len(job.builds[number].full_log())
        checks = demo.requests.count(f"job/{JOB}/{number}/consoleText")
        print(
            f"\nbuild --follow: exit {done.returncode}, log {size:,} B, server sent {sent:,} B "
            f"in all (requests, headers, the queue, the build), consoleText fetched {checks}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="22,110", help="MB, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for megabytes in (int(size) for size in args.sizes.split(",")):
        measure_log(megabytes, args.runs)
    measure_follow()


if __name__ == "__main__":
    main()

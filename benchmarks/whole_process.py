"""One contender run as a whole process: its wall time, its own peak RSS and what it printed."""

from __future__ import annotations

import compileall
import subprocess
import tempfile
import time
from pathlib import Path

import jtui

# Measured as installed: pip compiles a package's bytecode, so the peers (from wheels) have
# theirs; an editable jtui under PYTHONDONTWRITEBYTECODE would compile every module each run.
compileall.compile_dir(Path(jtui.__file__).parent, quiet=1)


def run_whole(argv: list[str], env: dict[str, str]) -> tuple[float, int, bytes]:
    """Seconds, peak RSS in KiB and stdout. GNU time reports the child's own peak: a child
    forked from this process would count this process's memory too."""
    env = as_installed(env)
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        measured = ["/usr/bin/time", "-f", "%M", "-o", peak.name, *argv]
        done = subprocess.run(measured, env=env, stdout=out, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(f"{argv[:4]}… failed with {done.returncode}")
        out.seek(0)
        return seconds, int(peak.read().split()[-1]), out.read()


def as_installed(env: dict[str, str]) -> dict[str, str]:
    """`env` without PYTHONDONTWRITEBYTECODE: jtui runs from its bytecode, as installed."""
    return {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}

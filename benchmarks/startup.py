"""Start-up figures for the command line (issue: --help/--version < 0.1 s over a bare
interpreter; `jtui check` on loopback ≤ 0.8× python-jenkins' whoami + version, same run).
Run: python benchmarks/startup.py"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from whole_process import as_installed

from jtui.config.profiles import add_profile
from jtui.demo import DemoJenkins

RUNS = 15


def timed(argv: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, env=as_installed(env), capture_output=True, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    jtui = str(Path(sys.executable).with_name("jtui"))
    with tempfile.TemporaryDirectory() as home, DemoJenkins() as demo:
        env = {**os.environ, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home}
        add_profile(
            Path(home) / "jtui" / "config.toml",
            "demo",
            {"url": demo.url, "user": demo.user, "token": demo.token},
        )
        bare = timed([sys.executable, "-c", "pass"], env)
        figures = {
            "bare interpreter": bare,
            "jtui --version": timed([jtui, "--version"], env),
            "jtui --help": timed([jtui, "--help"], env),
            "jtui check (loopback)": timed([jtui, "check"], env),
            "python-jenkins whoami+version": timed(
                [
                    sys.executable,
                    "-c",
                    "import jenkins, sys; j = jenkins.Jenkins(sys.argv[1], username=sys.argv[2],"
                    " password=sys.argv[3]); print(j.get_whoami()['id'], j.get_version())",
                    demo.url,
                    demo.user,
                    demo.token,
                ],
                env,
            ),
        }
    print(f"median of {RUNS} runs each")
    for name, seconds in figures.items():
        extra = (
            f"  (+{(seconds - bare) * 1000:.0f} ms over bare)" if name != "bare interpreter" else ""
        )
        print(f"{name:<30} {seconds * 1000:7.1f} ms{extra}")
    ratio = figures["jtui check (loopback)"] / figures["python-jenkins whoami+version"]
    print(f"jtui check: {ratio:.2f}× python-jenkins' whoami + version")


if __name__ == "__main__":
    main()

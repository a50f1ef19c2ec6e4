"""Soak: the TUI open for ten minutes on a 10,000-job demo, a build streaming its log and the
queue changing. Reports RSS each minute, requests per minute and worker errors.

Pass: RSS at the end ≤ 1.10 × RSS after the first minute, and no worker error.

Run: python benchmarks/soak.py [--minutes 10]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from demo_process import start_demo

from jtui.config.ledger import TokenLedger
from jtui.config.profiles import Profile
from jtui.config.secrets import SourceKind, TokenSource
from jtui.config.state import StateStore
from jtui.core.home import Home
from jtui.secret import Secret
from jtui.ui.app import JtuiApp
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.jobs import JobsScreen

JOBS = 10_000


class CountingApp(JtuiApp):
    """The app, counting the error toasts its workers cause."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.errors: list[str] = []

    def notify(self, message: str, **options: Any) -> None:
        if options.get("severity") == "error":
            self.errors.append(message)
        super().notify(message, **options)


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match is not None
    return int(match.group(1)) / 1024


def keep_the_queue_changing(url: str, token: str, stop: threading.Event) -> None:
    with httpx.Client(base_url=url, auth=("admin", token)) as client:
        while not stop.wait(7):
            client.post("job/testJob/build")


def requests_so_far(url: str, token: str) -> int:
    answer = httpx.get(url + "__demo/requests", auth=("admin", token))
    total: int = answer.json()["total"]
    return total


async def soak(url: str, token: str, minutes: int) -> bool:
    profile = Profile("soak", url, "admin", TokenSource(SourceKind.INLINE, "", Secret(token)))
    scratch = Path(tempfile.mkdtemp())
    home = Home(scratch / "c.toml", StateStore(scratch / "s.toml"), TokenLedger(scratch / "t"))
    app = CountingApp(home, profile)
    stop = threading.Event()
    threading.Thread(target=keep_the_queue_changing, args=(url, token, stop), daemon=True).start()
    samples: list[tuple[float, float, int]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        while not (isinstance(app.screen, JobsScreen) and app.screen.table.row_count):
            await asyncio.sleep(0.05)
        await app.push_screen(BuildScreen("long-soak-test", number=7))
        started = time.monotonic()
        counted = [requests_so_far(url, token)]
        for minute in range(1, minutes + 1):
            while time.monotonic() - started < minute * 60:
                await pilot.press("3")  # the queue for a while, then the streaming build
                await asyncio.sleep(15)
                await pilot.press("2")
                await asyncio.sleep(15)
            counted.append(requests_so_far(url, token))
            samples.append((minute, rss_mb(), counted[-1]))
            print(f"minute {minute:2}: RSS {samples[-1][1]:6.1f} MB", flush=True)
    stop.set()
    first, last = samples[0], samples[-1]
    per_minute = [later - earlier for earlier, later in itertools.pairwise(counted)]
    growth = last[1] / first[1]
    print(f"requests per minute (the app, and ~9 triggers by the queue feeder): {per_minute}")
    print(f"RSS after minute 1: {first[1]:.1f} MB, at the end: {last[1]:.1f} MB ({growth:.3f}×)")
    print(f"worker errors: {len(app.errors)} {app.errors[:3]}")
    passed = growth <= 1.10 and not app.errors
    print("PASS" if passed else "FAIL")
    return passed


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--minutes", type=int, default=10)
    minutes = options.parse_args().minutes
    server, url, token = start_demo("--jobs", str(JOBS))
    try:
        passed = asyncio.run(soak(url, token, minutes))
    finally:
        server.terminate()
        server.wait()
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()

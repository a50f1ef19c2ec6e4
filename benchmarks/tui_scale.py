"""Scale figures for the TUI, measured inside the app (headless, Textual's test driver).

* N jobs (10,000; `--jobs 1000,50000,…`): the root of the job list on screen, and the full
  index ready for `/`, counted from the moment the app starts (the demo Jenkins runs in its
  own process). Issue: the index ≤ 2 s at 50k jobs.
* The slowest of ten filter keystrokes over the N names (fuzzy match + table update), typed
  five times: the median of the five, and the worst. Issue: < 50 ms at 50k.
* The console view appending a 1,000,000-line coloured log: time and peak RSS.

Run: python benchmarks/tui_scale.py [--jobs 10000,50000] (with --jobs: the job list only)
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()  # before Textual and jtui are imported, as at launch

import asyncio
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from demo_process import start_demo
from textual.app import App, ComposeResult

from jtui.config.ledger import TokenLedger
from jtui.config.profiles import Profile
from jtui.config.secrets import SourceKind, TokenSource
from jtui.config.state import StateStore
from jtui.core.home import Home
from jtui.secret import Secret
from jtui.ui.app import JtuiApp
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.table import VirtualTable

JOBS = 10_000
QUERIES = ("a", "ap", "api", "api-", "api-s", "api-se", "api-ser", "t", "te9", "ops3")
ROUNDS = 5
CONSOLE_LINES = 1_000_000


async def job_list(url: str, token: str) -> dict[str, float]:
    profile = Profile("bench", url, "admin", TokenSource(SourceKind.INLINE, "", Secret(token)))
    home = Path(tempfile.mkdtemp())
    figures: dict[str, float] = {}
    started = time.perf_counter()
    files = Home(
        home / "config.toml", StateStore(home / "state.toml"), TokenLedger(home / "t.toml")
    )
    app = JtuiApp(files, profile)
    async with app.run_test(size=(120, 36)) as pilot:
        while not (isinstance(app.screen, JobsScreen) and app.screen.table.row_count):
            await asyncio.sleep(0.005)
        figures["root on screen (s)"] = time.perf_counter() - started
        figures["root on screen, from process start (s)"] = time.perf_counter() - PROCESS_START
        screen = app.screen
        while screen.fuzzy is None:
            await asyncio.sleep(0.005)
        figures["full index ready (s)"] = time.perf_counter() - started
        figures["jobs indexed"] = len(screen.fuzzy.names)
        screen.action_filter()
        await pilot.pause()
        table = screen.query_one("#items", VirtualTable)
        worst_of_rounds: list[float] = []
        for _ in range(ROUNDS):  # the same ten keystrokes, typed afresh each round
            screen._show_matches("")
            worst = 0.0
            for query in QUERIES:
                begin = time.perf_counter()
                screen.filter_input.value = query  # what a keystroke does: Input.Changed → match
                screen._show_matches(query)
                for y in range(36):  # and draw the visible rows
                    table.render_line(y)
                worst = max(worst, time.perf_counter() - begin)
            worst_of_rounds.append(worst)
            await pilot.pause()  # let the app handle the Changed messages between rounds
        figures["slowest filter keystroke, median of rounds (ms)"] = (
            statistics.median(worst_of_rounds) * 1000
        )
        figures["slowest filter keystroke, worst round (ms)"] = max(worst_of_rounds) * 1000
    return figures


class ConsoleApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ConsoleView()


PALETTE = ("\x1b[32mPASSED\x1b[0m", "\x1b[31mFAILED\x1b[0m", "\x1b[1m> Task\x1b[0m")


def chunks(count: int, per_chunk: int = 5000) -> Iterator[str]:
    """The log as it arrives from Jenkins: a few thousand coloured lines per poll."""
    for start in range(0, count, per_chunk):
        yield "".join(
            f"[{index:07d}] step {index % 97} {PALETTE[index % 3]} some output\n"
            for index in range(start, min(count, start + per_chunk))
        )


async def console() -> dict[str, float]:
    app = ConsoleApp()
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.query_one(ConsoleView)
        begin = time.perf_counter()
        for chunk in chunks(CONSOLE_LINES):
            view.append(chunk)
        await pilot.pause()
        elapsed = time.perf_counter() - begin
        lines = len(view.store)
        view.scroll_to(y=lines // 2, animate=False)  # draw a screenful from the middle
        await pilot.pause()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "console lines": lines,
        "console append (s)": elapsed,
        "peak RSS after the console (MB)": peak,
    }


def main() -> None:
    if sys.argv[1:] == ["--console"]:
        show(asyncio.run(console()))
        return
    wanted = sys.argv[sys.argv.index("--jobs") + 1] if "--jobs" in sys.argv else str(JOBS)
    for jobs in wanted.split(","):
        server, url, token = start_demo("--jobs", jobs)
        try:
            print(f"\n{int(jobs):,} jobs asked of the demo")
            show(asyncio.run(job_list(url, token)))
        finally:
            server.terminate()
            server.wait()
    if "--jobs" in sys.argv:
        return
    # The console in a process of its own, so its peak RSS is not the job list's.
    subprocess.run([sys.executable, __file__, "--console"], check=True)


def show(results: dict[str, float]) -> None:
    for name, value in results.items():
        print(f"{name:<34} {value:10.3f}" if isinstance(value, float) else f"{name:<34} {value}")


if __name__ == "__main__":
    main()

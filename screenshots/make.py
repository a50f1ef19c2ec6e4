"""Regenerate the README's screenshots from the demo Jenkins: python screenshots/make.py

Every screen at 80×24 and 120×36. Writes SVG (Textual's export with each character placed in
its terminal cell, see cells.py) and, when `rsvg-convert` is installed (Debian packages
librsvg2-bin, fonts-dejavu-core and fonts-noto-cjk), PNG beside it.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
import subprocess
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from cells import cell_exact
from textual.pilot import Pilot

from jtui.config.ledger import TokenLedger
from jtui.config.state import StateStore
from jtui.core.demo import demo_profile
from jtui.core.home import Home
from jtui.demo import DemoJenkins
from jtui.ui.app import JtuiApp
from jtui.ui.screens.build import BuildScreen, launch_build
from jtui.ui.screens.help import HelpScreen
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.queue import QueueScreen
from jtui.ui.screens.servers import ServersScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.stage_list import StageList

HERE = Path(__file__).resolve().parent
SIZES = [(80, 24), (120, 36)]
Step = Callable[[Pilot[int]], Awaitable[None]]


async def until(pilot: Pilot[int], check: Callable[[], object], timeout: float = 20) -> None:
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise RuntimeError("the app did not get there")


async def jobs(pilot: Pilot[int]) -> None:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, JobsScreen) and app.screen.table.row_count)
    screen = app.screen
    assert isinstance(screen, JobsScreen)
    await until(pilot, lambda: screen.fuzzy is not None)
    if app.size.width >= 120:
        await until(pilot, lambda: "Last builds" in screen.pane.text)


async def parameters(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    build(pilot, "deploy-service")
    await until(pilot, lambda: isinstance(pilot.app.screen, ParameterForm))
    await pilot.pause(0.3)


async def console(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    await pilot.app.push_screen(BuildScreen("long-soak-test", number=7))
    screen = pilot.app.screen
    await until(pilot, lambda: len(screen.query_one(ConsoleView).store) > 40)
    await pilot.pause(1.0)


async def pipeline(pilot: Pilot[int]) -> None:
    """A failed Pipeline's stages and, after F, its failed step's own log."""
    await jobs(pilot)
    await pilot.app.push_screen(BuildScreen("platform/release-train", number=6))
    screen = pilot.app.screen
    await until(pilot, lambda: screen.query_one(StageList).graph is not None)
    await pilot.press("F")
    console = screen.query_one(ConsoleView)
    await until(pilot, lambda: "exit code 1" in "".join(console.store.chunks()))
    await pilot.pause(0.3)


async def servers(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    await pilot.press("1")
    await until(pilot, lambda: isinstance(pilot.app.screen, ServersScreen))
    await until(pilot, lambda: "demo" in pilot.app.screen.checks)  # type: ignore[attr-defined]


async def queue(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    build(pilot, "platform/backend/worker")
    await until(pilot, lambda: isinstance(pilot.app.screen, BuildScreen))
    await pilot.press("escape")
    await pilot.pause(0.5)
    await pilot.press("3")
    await until(pilot, lambda: isinstance(pilot.app.screen, QueueScreen))
    await until(pilot, lambda: pilot.app.screen.items)  # type: ignore[attr-defined]
    await pilot.pause(0.3)


async def tokens(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    await pilot.press("4")
    await pilot.pause(0.5)


async def finder(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    await pilot.press("slash", *"backnd")
    await pilot.pause(0.3)


async def job(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    await pilot.app.push_screen(JobScreen("flaky-integration"))
    screen = pilot.app.screen
    await until(pilot, lambda: isinstance(screen, JobScreen) and screen.job is not None)
    await pilot.pause(0.3)


async def help_screen(pilot: Pilot[int]) -> None:
    await jobs(pilot)
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))


SHOTS: dict[str, Step] = {
    "jobs": jobs,
    "finder": finder,
    "job": job,
    "parameters": parameters,
    "console": console,
    "pipeline": pipeline,
    "servers": servers,
    "queue": queue,
    "tokens": tokens,
    "help": help_screen,
}


def build(pilot: Pilot[int], job: str) -> None:
    """What `b` does on a job's row."""
    app = pilot.app
    assert isinstance(app, JtuiApp) and isinstance(app.screen, JobsScreen)
    assert app.session is not None
    app.screen.run_task(launch_build(app, app.session, job), "launch")


async def shoot(name: str, step: Step, size: tuple[int, int]) -> Path:
    with DemoJenkins(time_scale=5) as demo, tempfile.TemporaryDirectory() as scratch:
        where = Path(scratch)
        home = Home(
            where / "config.toml", StateStore(where / "state.toml"), TokenLedger(where / "t.toml")
        )
        app = JtuiApp(home, demo_profile(demo))
        async with app.run_test(size=size) as pilot:
            await step(pilot)
            svg = app.export_screenshot(title=f"jtui — {name}")
    path = HERE / f"{name}-{size[0]}x{size[1]}.svg"
    path.write_text(cell_exact(svg))
    return path


def main() -> None:
    converter = shutil.which("rsvg-convert")
    for (name, step), size in itertools.product(SHOTS.items(), SIZES):
        svg = asyncio.run(shoot(name, step, size))
        print(f"wrote {svg.relative_to(HERE.parent)}")
        if converter:
            png = svg.with_suffix(".png")
            subprocess.run([converter, str(svg), "-o", str(png)], check=True)
            print(f"wrote {png.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()

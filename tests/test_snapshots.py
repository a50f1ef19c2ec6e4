"""SVG snapshots of every screen at 80×24 and 120×36 (pytest --snapshot-update to accept).

Everything that could move is pinned: the demo's clock and the app's start at EPOCH, the
demo listens on a fixed port with a fixed token, and latencies are set by the test.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jtui.demo import DemoJenkins
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.servers import ServersScreen, ServerStatus
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.table import VirtualTable

from .ui_support import EPOCH_MS, make_app, wait_until

SIZES = [(80, 24), (120, 36)]
PORT = 47391
TOKEN = "11" + "0123456789abcdef" * 2


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(port=PORT, epoch_ms=EPOCH_MS, token=TOKEN) as jenkins:
        yield jenkins


def rows(app: Any, selector: str) -> list[object]:
    return list(app.screen.query_one(selector, VirtualTable)._keys)


async def loaded(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen) and rows(app, "#items"))
    await wait_until(pilot, lambda: app.session is not None and app.session.version)
    await wait_until(pilot, lambda: app.screen.fuzzy is not None)


async def jobs(pilot: Pilot[Any]) -> None:
    await loaded(pilot)


async def job(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.app.push_screen(JobScreen("deploy-service"))
    await wait_until(pilot, lambda: pilot.app.screen.job is not None)


async def build(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.app.push_screen(BuildScreen("testJob", number=6))
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.build is not None)
    await wait_until(
        pilot, lambda: "Finished: SUCCESS" in "".join(screen.query_one(ConsoleView).store.chunks())
    )


async def parameters(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    pilot.app.screen.launch_build("platform/infra/terraform-plan")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ParameterForm))
    await pilot.pause(0.2)


async def servers(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ServersScreen))
    screen = pilot.app.screen
    await wait_until(pilot, lambda: "demo" in screen.status)
    screen.status["demo"] = ServerStatus("demo", True, "signed in as admin", "2.550", 3.0)
    screen._show()


async def queue(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("3")
    await wait_until(pilot, lambda: rows(pilot.app, "#queue"))


async def tokens(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("4")
    await pilot.pause(0.2)


async def help_screen(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("question_mark")
    await pilot.pause(0.2)


SCREENS: dict[str, Callable[[Pilot[Any]], Awaitable[None]]] = {
    "jobs": jobs,
    "job": job,
    "build": build,
    "parameters": parameters,
    "servers": servers,
    "queue": queue,
    "tokens": tokens,
    "help": help_screen,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Any, demo: DemoJenkins, tmp_path: Path, screen: str, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo, fixed_clock=True)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])

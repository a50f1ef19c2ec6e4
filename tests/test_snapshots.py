"""SVG snapshots of every screen at 80×24 and 120×36 (pytest --snapshot-update to accept).

Everything that could move is pinned: the demo's clock and the app's stand at EPOCH, the demo
has a fixed token, latencies are set by the test, and the app shows the fixed host
`jenkins.demo`, which it reaches through the demo itself as an HTTP proxy (the demo listens on
any free port).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jtui.config.profiles import Profile
from jtui.config.secrets import SourceKind, TokenSource
from jtui.core.clock import FakeClock
from jtui.core.live import Fresh
from jtui.core.servers import Check
from jtui.core.session import Identity
from jtui.demo import DemoJenkins
from jtui.secret import Secret
from jtui.ui.app import JtuiApp
from jtui.ui.screens import tests_view
from jtui.ui.screens.artifacts_view import ArtifactsScreen
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.build_part import BuildPartScreen
from jtui.ui.screens.changes_view import ChangesScreen
from jtui.ui.screens.dashboard import DashboardScreen
from jtui.ui.screens.help import HelpScreen
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.nodes import NodesScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.servers import ServersScreen
from jtui.ui.screens.tokens import TokensScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.stage_list import StageList

from .ui_support import (
    EPOCH,
    EPOCH_MS,
    current,
    frozen_clock,
    keys_of,
    make_app,
    sixteen_colours,
    wait_until,
)

pytestmark = pytest.mark.tui

SIZES = [(80, 24), (120, 36)]
SHOWN_URL = "http://jenkins.demo/"
TOKEN = "11" + "0123456789abcdef" * 2


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoJenkins]:
    with DemoJenkins(epoch_ms=EPOCH_MS, token=TOKEN) as jenkins:
        host, port = jenkins.url.split("//")[1].split("/")[0].split(":")
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", f"http://{host}:{port}")
        yield jenkins


def shown_profile(demo: DemoJenkins) -> Profile:
    token = TokenSource(SourceKind.INLINE, "the built-in demo", Secret(demo.token))
    return Profile("demo", SHOWN_URL, demo.user, token, label="DEMO", color="green", transient=True)


async def loaded(pilot: Pilot[Any]) -> JobsScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen) and keys_of(app))
    await wait_until(pilot, lambda: isinstance(app, JtuiApp) and app.session is not None)
    screen = current(app, JobsScreen)
    await wait_until(pilot, lambda: screen.fuzzy is not None and screen.session is not None)
    await wait_until(pilot, lambda: screen.session is not None and screen.session.identity)
    if isinstance(app, JtuiApp) and isinstance(app.clock, FakeClock):
        await app.clock.advance(0.5)  # the detail pane fetches once the cursor rests
    if app.size.width >= 120:
        await wait_until(pilot, lambda: "Last builds" in screen.pane.text)
    return screen


async def jobs(pilot: Pilot[Any]) -> None:
    await loaded(pilot)


async def job(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.app.push_screen(JobScreen("deploy-service"))
    screen = current(pilot.app, JobScreen)
    await wait_until(pilot, lambda: screen.job is not None)


async def build(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.app.push_screen(BuildScreen("testJob", number=6))
    screen = current(pilot.app, BuildScreen)
    await wait_until(pilot, lambda: screen.build is not None)
    await wait_until(
        pilot, lambda: "Finished: SUCCESS" in "".join(screen.query_one(ConsoleView).store.chunks())
    )


async def failed_step(pilot: Pilot[Any]) -> None:
    """A failed Pipeline: its stage list, and `F` showing the failed step's own log."""
    await loaded(pilot)
    await pilot.app.push_screen(BuildScreen("platform/release-train", number=6))
    screen = current(pilot.app, BuildScreen)
    await wait_until(pilot, lambda: screen.query_one(StageList).graph is not None)
    await pilot.press("F")
    console = screen.query_one(ConsoleView)
    await wait_until(pilot, lambda: "exit code 1" in "".join(console.store.chunks()))


async def build_part(pilot: Pilot[Any], key: str, part: type[BuildPartScreen[Any]]) -> None:
    """One view of release-train #6's results (a failed Pipeline with tests, two artifacts
    and changes), opened with its key from the build view."""
    await loaded(pilot)
    await pilot.app.push_screen(BuildScreen("platform/release-train", number=6))
    build_screen = current(pilot.app, BuildScreen)
    await wait_until(pilot, lambda: build_screen.build is not None)
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, part))
    await wait_until(pilot, lambda: current(pilot.app, part).table.row_count > 0)


async def report_part(pilot: Pilot[Any]) -> None:
    await build_part(pilot, "T", tests_view.TestsScreen)


async def artifacts_part(pilot: Pilot[Any]) -> None:
    await build_part(pilot, "a", ArtifactsScreen)


async def changes_part(pilot: Pilot[Any]) -> None:
    await build_part(pilot, "c", ChangesScreen)


async def parameters(pilot: Pilot[Any]) -> None:
    screen = await loaded(pilot)
    screen.enter_folder("platform/infra")
    await wait_until(pilot, lambda: "platform/infra/terraform-plan" in keys_of(pilot.app))
    screen.table.select_key("platform/infra/terraform-plan")
    await pilot.press("b")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ParameterForm))
    await wait_until(pilot, lambda: pilot.app.focused is not None)


async def servers(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ServersScreen))
    screen = current(pilot.app, ServersScreen)
    await wait_until(pilot, lambda: "demo" in screen.checks)
    checked = Check(Identity("2.550", "admin", anonymous=False), latency_ms=3.0)
    screen.checks["demo"] = Fresh(checked, EPOCH)
    screen.show()


async def queue(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("3")
    await wait_until(pilot, lambda: keys_of(pilot.app, "#queue"))


async def tokens(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("4")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TokensScreen))
    await wait_until(pilot, lambda: current(pilot.app, TokensScreen).rows)


async def nodes_mode(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("5")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NodesScreen))
    await wait_until(pilot, lambda: current(pilot.app, NodesScreen).nodes)


async def dashboard_mode(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("0")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen))
    board = current(pilot.app, DashboardScreen)
    await wait_until(
        pilot,
        lambda: (
            all(isinstance(board.parts.get(k), Fresh) for k in board.parts)
            and len(board.parts) == 2
        ),
    )


async def help_screen(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))


SCREENS: dict[str, Callable[[Pilot[Any]], Awaitable[None]]] = {
    "jobs": jobs,
    "job": job,
    "build": build,
    "failed-step": failed_step,
    "tests": report_part,
    "artifacts": artifacts_part,
    "changes": changes_part,
    "parameters": parameters,
    "servers": servers,
    "queue": queue,
    "tokens": tokens,
    "nodes": nodes_mode,
    "dashboard": dashboard_mode,
    "help": help_screen,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Any, demo: DemoJenkins, tmp_path: Path, screen: str, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo, shown_profile(demo), clock=frozen_clock())
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("colours", ["16-colours", "no-color"])
@pytest.mark.parametrize("screen", ["jobs", "build"])
def test_screen_in_few_colours(
    snap_compare: Any,
    demo: DemoJenkins,
    tmp_path: Path,
    screen: str,
    colours: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a 16-colour terminal shows (the theme's colours brought down to the 16 ANSI ones,
    as the terminal does) and what NO_COLOR shows (greys only): status still by icon and word."""
    if colours == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path, demo, shown_profile(demo), clock=frozen_clock())
    if colours == "16-colours":
        sixteen_colours(app)
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCREENS[screen])

"""How often each screen asks the server, counted by the demo, with the app on a fake clock.

At `refresh_seconds = 5` a visible screen polls twice per 10 s; `r` adds one request per
press, never a second timer; a hidden screen asks nothing; a failing server is asked less and
less often and the screen recovers on its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from jtui.core.clock import FakeClock
from jtui.demo import DemoJenkins
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.queue import QueueScreen
from jtui.ui.widgets.status_bar import status_text

from .ui_support import EPOCH, NotingApp, current, keys_of, make_app, wait_until

pytestmark = pytest.mark.tui
SIZE = (120, 36)
QUEUE = "/queue/api/json"
JOB = "/job/deploy-service/api/json"
TEST_JOB = "/job/testJob/api/json"


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


async def on_queue(pilot: Pilot[int], app: NotingApp, clock: FakeClock) -> None:
    await wait_until(pilot, lambda: "testJob" in keys_of(app))
    await pilot.press("3")
    await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen) and keys_of(app, "#queue"))
    await clock.settle()


async def on_job(pilot: Pilot[int], app: NotingApp, clock: FakeClock) -> None:
    await wait_until(pilot, lambda: "deploy-service" in keys_of(app))
    await app.push_screen(JobScreen("deploy-service"))
    screen = current(app, JobScreen)
    await wait_until(pilot, lambda: screen.job is not None)
    await clock.settle()


SCREENS = {"queue": (on_queue, QUEUE), "job": (on_job, JOB)}


@pytest.mark.parametrize("name", list(SCREENS))
async def test_a_visible_screen_polls_twice_per_ten_seconds(
    tmp_path: Path, demo: DemoJenkins, name: str
) -> None:
    arrive, path = SCREENS[name]
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app, clock)
        before = demo.requests.count(path)
        await clock.advance(10)
        assert demo.requests.count(path) - before == 2
        await clock.advance(30)
        assert demo.requests.count(path) - before == 8


@pytest.mark.parametrize("name", list(SCREENS))
async def test_refresh_five_times_adds_at_most_five_requests(
    tmp_path: Path, demo: DemoJenkins, name: str
) -> None:
    arrive, path = SCREENS[name]
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await arrive(pilot, app, clock)
        before = demo.requests.count(path)
        await pilot.press(*"rrrrr")
        await clock.settle()
        pressed = demo.requests.count(path) - before
        assert 1 <= pressed <= 5
        await clock.advance(10)  # and the screen still polls at its pace, no faster
        assert demo.requests.count(path) - before == pressed + 2


async def test_a_hidden_screen_makes_no_request(tmp_path: Path, demo: DemoJenkins) -> None:
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_queue(pilot, app, clock)
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))
        await clock.settle()
        before = demo.requests.count(QUEUE)
        await clock.advance(60)
        assert demo.requests.count(QUEUE) == before
        await pilot.press("3")  # back on screen after a minute: one request at once
        await wait_until(pilot, lambda: demo.requests.count(QUEUE) == before + 1)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["one pane", "with detail pane"])
async def test_the_jobs_screen_idles_at_six_requests_in_thirty_seconds(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=size) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: "testJob" in keys_of(app) and screen.fuzzy is not None)
        await clock.settle()
        await clock.advance(1)  # the pane's one fetch for the first selection, at 120 columns
        assert demo.requests.count(TEST_JOB) == (1 if size[0] >= 120 else 0)
        before = demo.requests.total()
        await clock.advance(30)
        assert demo.requests.total() - before == 6  # the folder every 5 s; the index waits 60


async def test_the_pane_fetches_once_per_selection_after_the_cursor_rests(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await clock.settle()
        await clock.advance(1)
        before = demo.requests.total()
        await pilot.press("down", "down", "down", "down")  # passing over three jobs
        await clock.settle()
        await clock.advance(0.1)
        assert demo.requests.total() == before  # nothing fetched while the cursor moves
        await clock.advance(1)
        shown = screen.table.current_key
        assert demo.requests.total() == before + 1  # the one it rests on, once
        assert demo.requests.count(f"/job/{shown}/api/json") == 1
        await clock.advance(10)
        assert demo.requests.total() == before + 1 + 2  # then only the folder's own polls


async def test_a_failing_server_is_asked_less_often_and_recovers(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_queue(pilot, app, clock)
        session = app.session
        assert session is not None
        demo.faults.update(sso="html")  # a login page answers instead of Jenkins
        seen = [demo.requests.count(QUEUE)]
        for step in (5, 5, 10, 20):  # t = 5: fails; then retried after 5, 10, 20 s
            await clock.advance(step)
            seen.append(demo.requests.count(QUEUE))
        assert [b - a for a, b in itertools.pairwise(seen)] == [1, 1, 1, 1]
        assert session.health.stale_since is not None
        assert "stale since" in status_text(session).plain
        await clock.advance(39)
        assert demo.requests.count(QUEUE) == seen[-1]  # 40 s until the next attempt
        demo.faults.clear()
        await clock.advance(1)
        assert demo.requests.count(QUEUE) == seen[-1] + 1
        assert session.health.stale_since is None
        assert "updated" in status_text(session).plain
        await clock.advance(5)  # back to every 5 s
        assert demo.requests.count(QUEUE) == seen[-1] + 2

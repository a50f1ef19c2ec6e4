"""The TUI against a server that stops answering: it says so once, keeps the last data,
stays responsive, and goes on when the server is back (the console losing no line)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.core.clock import FakeClock
from jtui.demo import DemoJenkins
from jtui.jenkins.console import clean_console
from jtui.ui.screens.build import BuildScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.status_bar import status_text

from .ui_support import EPOCH, current, keys_of, make_app, wait_until

pytestmark = pytest.mark.tui
RUNNING = ("long-soak-test", 7)


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


async def test_the_tui_says_once_that_the_server_is_gone_and_goes_on_when_it_is_back(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    clock = FakeClock(EPOCH)
    app = make_app(tmp_path, demo, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await app.push_screen(BuildScreen(*RUNNING))
        screen = current(app, BuildScreen)
        console = screen.query_one(ConsoleView)
        await wait_until(pilot, lambda: len(console.store) > 3)
        await clock.settle()
        app.said.clear()
        demo.faults.update(sso="html")
        for _ in range(6):
            await clock.advance(10)
        assert app.session is not None and app.session.health.stale_since is not None
        assert "stale since" in status_text(app.session).plain
        stale_toasts = [said for said in app.said if "is not answering" in said]
        assert len(stale_toasts) == 1  # one toast, however many polls failed
        lines = len(console.store)
        await pilot.press("r")  # still responsive: the key is taken
        demo.faults.clear()
        await asyncio.sleep(0.5)
        await clock.advance(60)
        await wait_until(pilot, lambda: len(console.store) > lines)
        assert any("answers again" in said for said in app.said)
        assert app.session.health.stale_since is None
        shown_text = "".join(console.store.chunks())
        whole = clean_console(await app.session.client.console_text(*RUNNING))
        assert whole.startswith(shown_text)

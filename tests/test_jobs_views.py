"""The Jobs mode showing a view instead of the folder (V), and scanning a multibranch
project (S), with Pilot against the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from jtui.demo import DemoJenkins
from jtui.ui.screens.dialogs import Choice
from jtui.ui.screens.jobs import JobsScreen

from .ui_support import current, keys_of, make_app, wait_until

pytestmark = pytest.mark.tui


async def test_the_jobs_mode_shows_a_view_and_scans_a_multibranch(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        jobs = current(app, JobsScreen)
        await pilot.press("V")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-3")  # teams/ops
        await wait_until(pilot, lambda: keys_of(app) == ["windows-installer", "stuck-pipeline"])
        assert jobs.view is not None and jobs.view.path == "teams/ops"
        await pilot.press("escape")  # back to the folder itself
        await wait_until(pilot, lambda: "testJob" in keys_of(app) and jobs.view is None)
        jobs.table.select_key("webapp")
        await pilot.press("S")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "webapp" in demo.instance.scans)

"""A build's Tests, Artifacts and Changes views, and restarting it from a stage, driven with
Pilot against the demo at 80×24 and 120×36."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from jtui.demo import DemoJenkins
from jtui.demo.artifacts import content
from jtui.ui.plain import Input
from jtui.ui.screens import tests_view
from jtui.ui.screens.artifacts_view import ArtifactsScreen
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.changes_view import ChangesScreen
from jtui.ui.screens.dialogs import Choice, Prompt
from jtui.ui.screens.reader import ReaderScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.stage_list import StageList

from .ui_support import current, keys_of, line_text, make_app, wait_until

pytestmark = pytest.mark.tui
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
JOB = "platform/release-train"  # #6 failed in Test; its tests, artifacts and changes


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


def text_of(view: ConsoleView) -> str:
    return "".join(view.store.chunks())


async def open_build(pilot: Pilot[Any]) -> BuildScreen:
    """release-train #6 in the build view, once loaded."""
    await wait_until(pilot, lambda: "testJob" in keys_of(pilot.app))
    await pilot.app.push_screen(BuildScreen(JOB, number=6))
    build = current(pilot.app, BuildScreen)
    await wait_until(pilot, lambda: build.build is not None)
    return build


@SIZES
async def test_tests_failed_first_and_a_case_read_whole(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        build = await open_build(pilot)
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, tests_view.TestsScreen))
        tests = current(app, tests_view.TestsScreen)
        await wait_until(pilot, lambda: tests.value is not None)
        rows = [line_text(tests.table, row) for row in range(1, 7)]
        assert "✘ failed" in rows[0] and "NEW" in rows[0] and "testEmpty" in rows[0]
        assert "✘ failed" in rows[1] and "5 builds" in rows[1] and "testTimeout" in rows[1]
        assert sum("skipped" in row for row in rows[2:]) == 1
        assert sum("passed" in row for row in rows[2:]) == 3
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        shown = text_of(current(app, ReaderScreen).query_one(ConsoleView))
        assert shown.startswith("expected:<1> but was:<0>")
        assert "at app.ParserTest.testEmpty(ParserTest.java:42)" in shown
        await pilot.press("escape")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is build)


@SIZES
async def test_an_artifact_is_viewed_and_downloaded_byte_identical(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    into = tmp_path / "downloads"
    into.mkdir()
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await open_build(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ArtifactsScreen))
        view = current(app, ArtifactsScreen)
        await wait_until(pilot, lambda: view.table.row_count == 2)
        assert "app.tar.gz" in line_text(view.table, 1) and "dist/" in line_text(view.table, 1)
        await pilot.press("down", "enter")  # the German text report, shown in the app
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = current(app, ReaderScreen).query_one(ConsoleView)
        await wait_until(pilot, lambda: "Ärger in NetTest." in text_of(reader))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is view)
        await pilot.press("up", "d")  # the 3 MiB archive, into a directory we name
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt))
        app.screen.query_one(Input).value = str(into)
        await pilot.press("enter")
        target = into / "app.tar.gz"
        await wait_until(pilot, lambda: target.exists(), timeout=20)
        expected = content(demo.instance.job(JOB).builds[6], "dist/app.tar.gz")
        assert target.read_bytes() == expected
        assert not (into / "app.tar.gz.part").exists()
        await pilot.press("d")  # again: the last directory is offered, and a replace asked
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt))
        assert app.screen.query_one(Input).value == str(into)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        assert "exists. Replace it?" in current(app, Choice).question
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is view)


async def test_changes_list_commits_with_their_files(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_build(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ChangesScreen))
        changes = current(app, ChangesScreen)
        await wait_until(pilot, lambda: changes.value is not None)
        assert changes.value and changes.table.row_count == len(changes.value)
        first = changes.value[0]
        assert first.message.splitlines()[0] in line_text(changes.table, 1)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        shown = text_of(current(app, ReaderScreen).query_one(ConsoleView))
        assert first.author in shown and all(path in shown for path in first.paths)


@SIZES
async def test_restart_a_failed_pipeline_from_a_stage(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        build = await open_build(pilot)
        await wait_until(pilot, lambda: build.query_one(StageList).graph is not None)
        await pilot.press("S")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        choice = current(app, Choice)
        assert [label for _, label in choice.answers] == ["Build", "Test"]
        await pilot.press("right", "enter")  # Test: Build's result is kept
        await wait_until(
            pilot, lambda: isinstance(app.screen, BuildScreen) and app.screen is not build
        )
        restarted = current(app, BuildScreen)
        assert restarted.full_name == JOB and restarted.number is not None
        assert restarted.number > 6
        causes = demo.instance.job(JOB).builds[restarted.number].causes
        assert any(cause.restarted_from == (6, "Test") for cause in causes)

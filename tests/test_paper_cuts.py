"""The paper cuts a new user found, each checked at 80×24 and 120×36 with Pilot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events

from jtui.config.state import StateStore
from jtui.core.tokens import default_token_name
from jtui.demo import DemoJenkins
from jtui.ui.plain import Button, Label, Select, Static, Toggle
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.dialogs import Choice, confirm
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.server_form import ServerForm
from jtui.ui.screens.servers import ServersScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.key_bar import KeyBar
from jtui.ui.widgets.stage_list import StageList
from jtui.ui.widgets.status_bar import StatusBar

from .ui_support import current, keys_of, line_text, make_app, table, wait_until

pytestmark = pytest.mark.tui
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


@SIZES
async def test_the_finder_puts_the_cursor_on_the_best_match_and_shows_whole_names(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None and keys_of(app))
        await pilot.press("down", "down", "down")  # the cursor away from the top
        await pilot.press("slash", *"paymnts")
        await wait_until(pilot, lambda: keys_of(app)[:1] == ["platform/backend/services/payments"])
        assert table(app).cursor == 0  # the best match, not the old row
        assert "platform/backend/services/payments" in line_text(table(app), 1)  # whole
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JobScreen))
        assert current(app, JobScreen).full_name == "platform/backend/services/payments"


@SIZES
async def test_a_mode_key_on_a_screen_opened_on_top_goes_to_that_mode(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await app.push_screen(BuildScreen("testJob", number=6))
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))
        await pilot.press("slash")  # the job finder now, not a console search
        assert current(app, JobsScreen).filtering


@SIZES
async def test_the_footer_fits_and_the_header_spans_the_width(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        for key in ("1", "3", "4", "2"):
            await pilot.press(key)
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            entries = bar.entries
            shown = "  ".join(f"{e.key} {e.description}" for e in entries)
            assert len(entries) <= 7 and cell_len(shown) + 1 <= size[0], shown
            assert entries[-1].description == "Help" and entries[-2].description == "Modes"
            assert app.screen.query_one(StatusBar).size.width == size[0]


@SIZES
async def test_yes_or_no_fields_say_on_or_off(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, ServersScreen))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ServerForm))
        form = app.screen
        verify = form.query_one("#verify", Toggle)
        assert str(verify.label).startswith("on")
        verify.toggle()
        await pilot.pause()
        assert str(verify.label).startswith("off")
        for field in ("#name", "#url", "#user", "#secret"):  # all there without scrolling
            widget = form.query_one(field)
            assert widget.region.bottom <= size[1] and widget.region.height > 0, field


@SIZES
async def test_a_long_choice_is_stacked_and_never_cut(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        answers = [
            (f"u{n}", f"jtui-host-2026120{n}-0930 · used 2026-12-0{n} 09:30") for n in range(6)
        ]
        app.push_screen(Choice("Which was the old token? (most recently used first)", answers))
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.pause()
        for index in range(6):
            button = app.screen.query_one(f"#answer-{index}", Button)
            assert button.region.right <= size[0] and button.region.bottom <= size[1]
            assert cell_len(str(button.label)) <= button.region.width


async def test_the_palette_offers_jtui_actions_and_the_theme_only(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" in titles and "Build" in titles and "Filter" in titles
        for generic in ("Copy selected text", "Focus Next", "Keys", "Screenshot", "Maximize"):
            assert generic not in titles


async def test_a_theme_chosen_is_kept_and_the_config_wins_at_start(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        app.theme = "gruvbox"  # what choosing it in the palette does
        state = StateStore(tmp_path / "state.toml")
        await wait_until(pilot, lambda: state.theme() == "gruvbox")
    again = make_app(tmp_path, demo)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: again.theme == "gruvbox")  # kept for next time
    configured = make_app(tmp_path, demo, theme="nord")
    async with configured.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(configured))
        assert configured.theme == "nord"  # `theme` in config.toml wins


async def test_a_double_click_opens_the_row(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.click("#items", offset=(10, 2))  # the second job: selected
        assert table(app).current_key == keys_of(app)[1]
        assert isinstance(app.screen, JobsScreen)
        await pilot.double_click("#items", offset=(10, 2))
        await wait_until(pilot, lambda: isinstance(app.screen, JobScreen))


def test_new_tokens_say_which_machine_made_them_and_when() -> None:
    from datetime import UTC, datetime

    name = default_token_name(datetime(2026, 12, 2, 9, 30, tzinfo=UTC), "build-box.corp")
    assert re.fullmatch(r"jtui-build-box-20261202-\d{4}", name)


@SIZES
async def test_a_long_question_wraps_inside_its_dialog(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        name = "jtui-build-box-of-the-release-team-20261202-0930"
        app.push_screen(confirm(f"Revoke {name}, the token this profile uses?", "Revoke"))
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.pause()
        title = app.screen.query_one(".dialog-title", Label)
        dialog = app.screen.query_one(".dialog")
        assert title.region.right <= dialog.region.right
        assert title.region.width * title.region.height >= cell_len(str(title.render()))


async def test_the_wheel_scrolls_a_long_list(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None and keys_of(app))
        await pilot.press("slash", "e")  # a list longer than the screen
        await wait_until(pilot, lambda: len(keys_of(app)) > 20)
        rows = table(app)
        assert rows.scroll_offset.y == 0
        for _ in range(3):
            rows.post_message(events.MouseScrollDown(rows, 5, 5, 0, 1, 0, False, False, False))
        await wait_until(pilot, lambda: rows.scroll_offset.y > 0)


async def test_letters_typed_with_the_slash_at_once_are_the_query(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None and keys_of(app))
        for character in "/paymnts":  # as a paste, or tmux send-keys, delivers them
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await wait_until(pilot, lambda: screen.filter_input.value == "paymnts")
        await wait_until(pilot, lambda: keys_of(app)[:1] == ["platform/backend/services/payments"])


@SIZES
async def test_a_failed_pipeline_shows_its_failing_step_in_two_keys(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await app.push_screen(JobScreen("platform/release-train"))
        job = current(app, JobScreen)
        await wait_until(pilot, lambda: job.job is not None and keys_of(app, "#builds"))
        await pilot.press("enter")  # the last build
        await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
        build = current(app, BuildScreen)
        await wait_until(pilot, lambda: build.query_one(StageList).graph is not None)
        await pilot.press("F")  # the failed step, with its reason on top
        console = build.query_one(ConsoleView)
        await wait_until(pilot, lambda: "exit code 1" in "".join(console.store.chunks()))
        shown = "".join(console.store.chunks())
        assert shown.startswith(
            "=== windows › make windows (failure) — script returned exit code 1"
        )
        assert "[linux]" not in shown
        await pilot.press("s")  # the stage list, then one branch's own log
        stages = build.query_one(StageList)
        assert stages.has_focus and stages.region.width > 0
        assert stages.graph is not None
        stages.select_key(next(n.id for n in stages.graph.walk() if n.name == "linux"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "[linux]" in "".join(console.store.chunks()))
        assert "[windows]" not in "".join(console.store.chunks())
        await pilot.press("escape")  # back to the whole console
        await wait_until(pilot, lambda: "Start of Pipeline" in "".join(console.store.chunks()))
        assert build.showing is None


@SIZES
async def test_approve_a_pending_input_from_the_build_view(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        gate = demo.instance.job("platform/release-gate")
        number = max(gate.builds)  # the running one, waiting at "Deploy to prod?"
        await app.push_screen(BuildScreen("platform/release-gate", number=number))
        build = current(app, BuildScreen)
        await wait_until(pilot, lambda: bool(build.pending))
        assert "waiting for input: Deploy to prod?" in line_text_of(build, "#input-banner")
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, ParameterForm))
        form = app.screen
        assert str(form.query_one("#submit", Button).label) == "Ship it"  # the input's own "ok"
        form.query_one("#p0", Select).value = "us"
        await pilot.click("#submit")
        await wait_until(pilot, lambda: not build.pending and isinstance(app.screen, BuildScreen))
        console = build.query_one(ConsoleView)
        await wait_until(
            pilot,
            lambda: "Approved by admin: REGION=us, DRY_RUN=true" in "".join(console.store.chunks()),
        )
        await wait_until(pilot, lambda: not gate.builds[number].building, timeout=20)
        assert gate.builds[number].result == "SUCCESS"  # the build went on


def line_text_of(screen: BuildScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_decline_a_pending_input_aborts_the_build(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        gate = demo.instance.job("platform/release-gate")
        number = max(gate.builds)
        await app.push_screen(BuildScreen("platform/release-gate", number=number))
        build = current(app, BuildScreen)
        await wait_until(pilot, lambda: bool(build.pending))
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        app.screen.query_one("#answer-0", Button).press()
        await wait_until(pilot, lambda: not gate.builds[number].building)
        assert gate.builds[number].result == "ABORTED"

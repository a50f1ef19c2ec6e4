"""Every screen and dialog against a hostile Jenkins: nothing it sends is interpreted, nothing
reaches the terminal raw, nothing crashes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from jtui.demo import DemoJenkins
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.dialogs import Choice, Prompt
from jtui.ui.screens.help import HelpScreen
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.nodes import NodesScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.queue import QueueScreen
from jtui.ui.screens.servers import ServersScreen
from jtui.ui.screens.show_once import ShowOnce
from jtui.ui.screens.tokens import TokensScreen
from jtui.ui.widgets.console import ConsoleView

from .ui_support import NotingApp, current, keys_of, make_app, table, wait_until

pytestmark = pytest.mark.tui
RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2066", "\ud800")
SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20, hostile=True) as jenkins:
        yield jenkins


def looks_harmless(app: NotingApp, where: str, seen: list[str]) -> None:
    """What the screen draws holds no raw control, escape or bidi character."""
    drawn = app.export_screenshot()
    for char in RAW:
        assert char not in drawn, f"{where}: {char!r} reached the screen"
    seen.append(drawn)


async def walk(pilot: Pilot[int], app: NotingApp, demo: DemoJenkins) -> list[str]:
    seen: list[str] = []
    await wait_until(pilot, lambda: "hostile" in keys_of(app))
    looks_harmless(app, "the jobs", seen)
    table(app).select_key("hostile")
    await pilot.press("enter")
    await wait_until(pilot, lambda: "hostile/stuck" in keys_of(app))
    looks_harmless(app, "the hostile folder", seen)
    await pilot.press("slash", *"evil")
    screen = current(app, JobsScreen)
    await wait_until(pilot, lambda: screen.fuzzy is not None and keys_of(app))
    looks_harmless(app, "the fuzzy finder", seen)
    await pilot.press("escape")
    evil = next(str(k) for k in keys_of(app) if str(k).startswith("hostile/evil"))
    table(app).select_key(evil)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, JobScreen) and app.screen.job)
    looks_harmless(app, "the job", seen)
    await pilot.press("b")
    await wait_until(pilot, lambda: isinstance(app.screen, ParameterForm))
    await wait_until(pilot, lambda: app.focused is not None)
    looks_harmless(app, "the build form", seen)
    await pilot.click("#submit")
    await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
    build = current(app, BuildScreen)
    await wait_until(pilot, lambda: build.build is not None and not build.build.is_running, 30)
    console = build.query_one(ConsoleView)
    await wait_until(pilot, lambda: "Finished" in "".join(console.store.chunks()))
    assert "GREETING=" in "".join(console.store.chunks())  # the hostile values, in the log
    looks_harmless(app, "the build", seen)
    await pilot.press("escape", "escape")
    await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))
    await pilot.press("3")
    await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen) and keys_of(app, "#queue"))
    queue = current(app, QueueScreen)
    for key in keys_of(app, "#queue"):  # the detail line shows each item's parameters
        table(app, "#queue").select_key(key)
        await pilot.pause()
        looks_harmless(app, f"queue item {key}", seen)
    assert queue.items
    await pilot.press("4")
    await wait_until(pilot, lambda: isinstance(app.screen, TokensScreen) and app.screen.rows)
    tokens = current(app, TokensScreen)
    looks_harmless(app, "the tokens", seen)
    evil_row = next(i for i, row in enumerate(tokens.rows) if row.name.startswith("token"))
    table(app, "#tokens").select_key(evil_row)
    await pilot.press("x")
    await wait_until(pilot, lambda: isinstance(app.screen, Choice))
    looks_harmless(app, "the revoke question", seen)
    await pilot.press("escape")
    await wait_until(pilot, lambda: isinstance(app.screen, TokensScreen))
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(app.screen, Prompt))
    prompt = current(app, Prompt)
    prompt.query_one("#answer").value = "[@click=app.quit]x[/] \x1b]0;t\x07 \u202eq"  # type: ignore[attr-defined]
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ShowOnce))
    looks_harmless(app, "the new token", seen)
    await pilot.press("escape")
    await wait_until(pilot, lambda: isinstance(app.screen, TokensScreen))
    await pilot.press("5")
    await wait_until(pilot, lambda: isinstance(app.screen, NodesScreen) and app.screen.nodes)
    nodes = current(app, NodesScreen)
    for key in list(nodes.nodes):  # the hostile agent's name, reason and description
        table(app, "#nodes").select_key(key)
        await pilot.pause()
        looks_harmless(app, f"node {key}", seen)
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, Prompt))
    looks_harmless(app, "the offline question", seen)
    await pilot.press("escape")
    await wait_until(pilot, lambda: app.screen is nodes)
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(app.screen, ServersScreen))
    looks_harmless(app, "the servers", seen)
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
    looks_harmless(app, "the help", seen)
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_shows_hostile_text_as_text(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        seen = await walk(pilot, app, demo)
        assert app.is_running  # [@click=app.quit] quit nothing
    shown = "".join(seen)
    assert "[@click=app.quit]" in shown  # markup is shown as the text it is
    assert "␛]52;c;aGFja2Vk␇" in shown  # the clipboard write, drawn, not sent
    assert "⇄evil" in shown  # a bidi override, made visible
    assert not [said for said in app.said if "Error" in said]

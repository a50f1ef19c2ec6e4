"""The Nodes mode, driven with Pilot against the demo: a node taken offline with a reason,
the reason changed, brought back; Enter on a node opens the build it runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.demo import DemoJenkins
from jtui.demo.nodes import Node
from jtui.ui.plain import Input
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.dialogs import Choice, Prompt
from jtui.ui.screens.nodes import NodesScreen

from .ui_support import current, keys_of, line_text, make_app, wait_until

pytestmark = pytest.mark.tui
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


def demo_node(demo: DemoJenkins, name: str) -> Node:
    return next(node for node in demo.instance.nodes if node.name == name)


@SIZES
async def test_take_a_node_offline_change_why_and_bring_it_back(
    tmp_path: Path, demo: DemoJenkins, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.press("5")
        await wait_until(pilot, lambda: isinstance(app.screen, NodesScreen))
        nodes = current(app, NodesScreen)
        await wait_until(pilot, lambda: "linux-agent-2" in nodes.nodes)
        assert "✘ disconnected" in line_text(nodes.table, 5)  # windows-agent-1
        nodes.table.select_key("linux-agent-2")
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt))
        app.screen.query_one(Input).value = "disk full"
        await pilot.press("enter")
        agent = demo_node(demo, "linux-agent-2")
        await wait_until(pilot, lambda: agent.temporarily_offline)
        assert agent.cause is not None and agent.cause.reason == "disk full"
        await wait_until(pilot, lambda: "⊘ offline" in line_text(nodes.table, 3))
        assert "disk full" in line_text(nodes.table, 3)
        await pilot.press("o")  # offline already: the reason, to change
        await wait_until(pilot, lambda: isinstance(app.screen, Prompt))
        assert app.screen.query_one(Input).value == "disk full"
        app.screen.query_one(Input).value = "new disk on order"
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: agent.cause is not None and agent.cause.reason == "new disk on order"
        )
        await pilot.press("O")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("enter")
        await wait_until(pilot, lambda: not agent.offline)


async def test_a_disconnected_agent_is_not_brought_online(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.press("5")
        nodes = current(app, NodesScreen)
        await wait_until(pilot, lambda: "windows-agent-1" in nodes.nodes)
        nodes.table.select_key("windows-agent-1")
        await pilot.press("O")
        await wait_until(pilot, lambda: any("not connected" in said for said in app.said))
        assert app.screen is nodes  # nothing asked


async def test_enter_opens_the_build_a_node_runs(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.press("5")
        nodes = current(app, NodesScreen)
        await wait_until(pilot, lambda: "linux-agent-2" in nodes.nodes)
        nodes.table.select_key("linux-agent-2")  # runs stuck-pipeline #7 alone
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
        build = current(app, BuildScreen)
        assert (build.full_name, build.number) == ("stuck-pipeline", 7)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is nodes)
        nodes.table.select_key("linux-agent-1")  # two builds: which one is asked
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
        assert current(app, BuildScreen).full_name == "platform/release-gate"

"""The server's nodes against the demo over HTTP: listed with what they run, taken offline
with a reason and brought back, only when that changes something; the same through
`jtui nodes` and `jtui node offline|online`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jtui.config.profiles import update_profile
from jtui.core.nodes import find_node
from jtui.demo import DemoJenkins
from jtui.demo.users import READ, User
from jtui.jenkins.client import JenkinsClient
from jtui.jenkins.errors import PermissionDenied
from jtui.jenkins.transport import Credentials
from jtui.secret import Secret

from .cli_support import Jtui

pytestmark = pytest.mark.demo


async def test_nodes_with_their_state_reason_and_builds(client: JenkinsClient) -> None:
    listed = await client.nodes.list()
    by_name = {node.name: node for node in listed.nodes}
    assert list(by_name) == [
        "Built-In Node",
        "linux-agent-1",
        "linux-agent-2",
        "mac-agent-1",
        "windows-agent-1",
    ]
    built_in, mac, windows = (
        by_name["Built-In Node"],
        by_name["mac-agent-1"],
        by_name["windows-agent-1"],
    )
    assert built_in.path_name == "(built-in)" and not built_in.offline
    assert (mac.offline, mac.temporarily_offline, mac.reason) == (True, True, "Xcode 16 upgrade")
    assert windows.disconnected and windows.reason.startswith("Connection was broken")
    running = {b.url for node in listed.nodes for b in node.builds}
    assert any(url.endswith("/job/long-soak-test/7/") for url in running)
    agent_builds = [b.name for b in by_name["linux-agent-1"].builds]
    assert "long-soak-test #7 (Warm-up)" in agent_builds  # a Pipeline's node {} block
    assert listed.total == 4  # the online agents' executors only
    assert listed.busy == sum(node.busy for node in listed.nodes)


async def test_offline_with_a_reason_then_a_new_reason_then_online(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    agent = find_node(await client.nodes.list(), "LINUX-AGENT-2")
    await client.nodes.toggle_offline(agent, "disk full")
    agent = find_node(await client.nodes.list(), "linux-agent-2")
    assert agent.temporarily_offline and agent.reason == "disk full"
    await client.nodes.change_offline_reason(agent, "disk still full")
    agent = find_node(await client.nodes.list(), "linux-agent-2")
    assert agent.reason == "disk still full"
    await client.nodes.toggle_offline(agent)
    agent = find_node(await client.nodes.list(), "linux-agent-2")
    assert not agent.offline and agent.reason == ""


async def test_a_reader_may_not_take_a_node_offline(demo: DemoJenkins) -> None:
    token = "33" + "ef" * 16
    reader = User("reader", "Only Reads", frozenset({READ}))
    reader.add_token("t", token, 0)
    demo.instance.users["reader"] = reader
    async with JenkinsClient(demo.url, Credentials("reader", Secret(token))) as client:
        agent = find_node(await client.nodes.list(), "linux-agent-1")
        with pytest.raises(PermissionDenied):
            await client.nodes.toggle_offline(agent, "mine now")


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def cli(demo: DemoJenkins, tmp_path: Path) -> Jtui:
    env = {"JENKINS_URL": demo.url, "JENKINS_USER_ID": demo.user, "JENKINS_API_TOKEN": demo.token}
    return Jtui(tmp_path, env)


def test_jtui_nodes_json_and_text(cli: Jtui) -> None:
    shown = json.loads(cli("nodes", "--json").stdout)
    mac = next(node for node in shown if node["name"] == "mac-agent-1")
    assert mac == {
        "name": "mac-agent-1",
        "offline": True,
        "temporarily_offline": True,
        "reason": "Xcode 16 upgrade",
        "executors": 1,
        "busy": 0,
        "builds": [],
    }
    text = cli("nodes").stdout
    assert "⊘ offline      mac-agent-1" in text
    assert "✘ disconnected windows-agent-1" in text


def test_jtui_node_offline_and_online_act_only_on_a_change(cli: Jtui) -> None:
    unasked = cli("node", "offline", "linux-agent-2", "--message", "disk full")
    assert unasked.returncode == 2 and "--yes" in unasked.stderr
    done = cli("node", "offline", "linux-agent-2", "--message", "disk full", "--yes")
    assert done.returncode == 0 and "now offline (disk full)" in done.stdout
    again = cli("node", "offline", "linux-agent-2")  # no change: no question, exit 0
    assert again.returncode == 0 and "already offline: disk full" in again.stdout
    reason = cli("node", "offline", "linux-agent-2", "--message", "new disk", "--yes")
    assert reason.returncode == 0 and "reason changed" in reason.stdout
    back = cli("node", "online", "linux-agent-2", "--yes")
    assert back.returncode == 0 and "back online" in back.stdout
    assert "already online" in cli("node", "online", "linux-agent-2").stdout
    broken = cli("node", "online", "windows-agent-1", "--yes")
    assert broken.returncode == 5 and "agent is not connected" in broken.stderr
    missing = cli("node", "offline", "nope", "--yes")
    assert missing.returncode == 2 and "no node 'nope'" in missing.stderr


def test_read_only_profiles_refuse_before_asking(tmp_path: Path, demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    added = jtui.add_profile("demo", demo.url, demo.user, "--token-stdin", stdin=demo.token + "\n")
    assert added.returncode == 0, added.stderr
    update_profile(jtui.config, "demo", {"read_only": True})
    refused = jtui("node", "offline", "linux-agent-2")  # no --yes: refused, not asked
    assert refused.returncode == 5 and "read-only" in refused.stderr
    assert jtui("node", "online", "mac-agent-1").returncode == 5
    assert find_node_offline(demo, "linux-agent-2") is False


def find_node_offline(demo: DemoJenkins, name: str) -> bool:
    return next(node.offline for node in demo.instance.nodes if node.name == name)

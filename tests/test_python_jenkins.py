"""A third-party client, python-jenkins, runs against the demo: it must see a real Jenkins."""

from __future__ import annotations

import time
from typing import Any

import jenkins
import pytest

from jtui.demo import DemoJenkins

pytestmark = pytest.mark.demo


@pytest.fixture
def server(demo: DemoJenkins) -> Any:
    return jenkins.Jenkins(demo.url, username=demo.user, password=demo.token, timeout=10)


def wait_for_executable(server: Any, queue_id: int) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        item: dict[str, Any] = server.get_queue_item(queue_id)
        if item.get("executable"):
            return item
        time.sleep(0.02)
    raise AssertionError(f"queue item {queue_id} never got a build")


def test_version_and_whoami(server: Any, demo: DemoJenkins) -> None:
    # get_version skips python-jenkins' auth setup: on a secured Jenkins it works only once
    # another call has set the credentials, exactly as against a real server.
    assert server.get_whoami()["id"] == demo.user
    assert server.get_version() == demo.instance.version


def test_get_all_jobs_walks_folders(server: Any) -> None:
    jobs = {job["fullname"]: job for job in server.get_all_jobs()}
    assert "platform/backend/services/payments" in jobs
    assert jobs["webapp/feature%2Flogin"]["color"] in ("blue", "red", "yellow", "notbuilt")
    assert "platform" in jobs and "color" not in jobs["platform"]  # folders included
    shallow = {job["fullname"] for job in server.get_all_jobs(folder_depth_per_request=1)}
    assert shallow == set(jobs)


def test_build_follow_console_and_stop(server: Any) -> None:
    queue_id = server.build_job("testJob")
    item = wait_for_executable(server, queue_id)
    number = item["executable"]["number"]
    info = server.get_build_info("testJob", number)
    assert info["queueId"] == queue_id and info["number"] == number
    console = server.get_build_console_output("testJob", number)
    assert console.startswith("Started by user")

    parameterized = server.build_job(
        "platform/infra/terraform-plan", {"WORKSPACE": "prod", "AUTO_APPROVE": "true"}
    )
    number = wait_for_executable(server, parameterized)["executable"]["number"]
    build = server.get_build_info("platform/infra/terraform-plan", number)
    values = {p["name"]: p["value"] for a in build["actions"] for p in a.get("parameters", [])}
    assert values == {"WORKSPACE": "prod", "AUTO_APPROVE": True}

    running = server.get_build_info("long-soak-test", 7)
    assert running["building"] is True
    server.stop_build("long-soak-test", 7)
    stopped = server.get_build_info("long-soak-test", 7)
    assert stopped["building"] is False and stopped["result"] == "ABORTED"


def test_nodes_listed_read_and_taken_offline_and_back(server: Any, demo: DemoJenkins) -> None:
    nodes = {node["name"]: node["offline"] for node in server.get_nodes()}
    assert nodes == {
        "Built-In Node": False,
        "linux-agent-1": False,
        "linux-agent-2": False,
        "mac-agent-1": True,
        "windows-agent-1": True,
    }
    built_in = server.get_node_info("Built-In Node")  # asked as "(master)", as it still works
    assert built_in["_class"] == "hudson.model.Hudson$MasterComputer"
    assert server.node_exists("linux-agent-2") and not server.node_exists("no-such-agent")
    server.disable_node("linux-agent-2", "disk full")
    info = server.get_node_info("linux-agent-2", depth=1)  # the cause's fields: one level down
    assert info["offline"] and info["temporarilyOffline"]
    assert info["offlineCauseReason"] == "disk full"
    assert info["offlineCause"]["description"] == f"Disconnected by {demo.user} : disk full"
    server.enable_node("linux-agent-2")
    assert not server.get_node_info("linux-agent-2")["offline"]
    with_info = {n["name"]: n for n in server.get_nodes_with_info()}
    assert with_info["mac-agent-1"]["temporarilyOffline"] is True
    assert with_info["windows-agent-1"]["temporarilyOffline"] is False  # disconnected

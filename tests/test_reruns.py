"""Running a build again: the same parameters (`jtui rebuild`), or a Declarative Pipeline from
one of its stages (Pipeline: Model Definition's `restart/`), against the demo over HTTP."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from jtui.demo import DemoJenkins
from jtui.demo.users import BUILD, READ, User
from jtui.jenkins.client import JenkinsClient
from jtui.jenkins.errors import RequestRejected
from jtui.jenkins.transport import Credentials
from jtui.secret import Secret

from .cli_support import Jtui

pytestmark = pytest.mark.demo
JOB = "platform/release-train"  # #6 failed in Test; Deploy was skipped


async def started_from(client: JenkinsClient, number: int, stage: str) -> set[int]:
    for _ in range(500):
        found = await client.reruns.restarted_builds(JOB, number, stage)
        if found:
            return found
        await asyncio.sleep(0.02)
    raise AssertionError("no build restarted")


async def test_a_finished_pipeline_restarts_from_a_stage_that_ran(client: JenkinsClient) -> None:
    assert await client.reruns.restartable_stages(JOB, 6) == ("Build", "Test")
    assert await client.reruns.restarted_builds(JOB, 6, "Test") == set()
    await client.reruns.restart_from(JOB, 6, "Test")
    (restarted,) = await started_from(client, 6, "Test")
    assert restarted > 6
    build = await client.build(JOB, restarted)
    assert "Restarted from build #6, stage Test" in [c.description for c in build.causes]


async def test_a_refused_restart_is_an_error_though_jenkins_answers_200(
    client: JenkinsClient,
) -> None:
    with pytest.raises(RequestRejected, match=r"would not restart .* from stage 'Deploy'"):
        await client.reruns.restart_from(JOB, 6, "Deploy")  # skipped: cannot restart there


async def test_no_restart_for_freestyle_running_or_without_build_permission(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    assert await client.reruns.restartable_stages("testJob", 6) is None  # not a Pipeline
    running = await client.inputs.running_builds("platform/release-gate")
    assert await client.reruns.restartable_stages("platform/release-gate", running[0]) is None
    token = "22" + "cd" * 16
    reader = User("reader", "Only Reads", frozenset({READ}))
    reader.add_token("t", token, 0)
    demo.instance.users["reader"] = reader
    async with JenkinsClient(demo.url, Credentials("reader", Secret(token))) as client_of_reader:
        assert await client_of_reader.reruns.restartable_stages(JOB, 6) is None
    builder = User("builder", "Builds", frozenset({READ, BUILD}))
    builder.add_token("t", token, 0)
    demo.instance.users["builder"] = builder
    async with JenkinsClient(demo.url, Credentials("builder", Secret(token))) as client_of_builder:
        assert await client_of_builder.reruns.restartable_stages(JOB, 6) == ("Build", "Test")


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def cli(demo: DemoJenkins, tmp_path: Path) -> Jtui:
    env = {"JENKINS_URL": demo.url, "JENKINS_USER_ID": demo.user, "JENKINS_API_TOKEN": demo.token}
    return Jtui(tmp_path, env)


def test_jtui_rebuild_from_a_stage(cli: Jtui, demo: DemoJenkins) -> None:
    wrong = cli("rebuild", JOB, "6", "--from-stage", "Nope", "--yes")
    assert wrong.returncode == 2
    assert "no stage 'Nope' to restart from (it can: Build, Test)" in wrong.stderr
    unasked = cli("rebuild", JOB, "6", "--from-stage", "test")
    assert unasked.returncode == 2 and "--yes" in unasked.stderr  # a restart always asks
    done = cli("rebuild", JOB, "6", "--from-stage", "test", "--yes")  # any case
    assert done.returncode == 0, done.stderr
    assert "restarting platform/release-train #6 from stage Test" in done.stderr
    train = f"{demo.url}job/platform/job/release-train/"
    match = re.fullmatch(rf"{re.escape(train)}(\d+)/\n", done.stdout)
    assert match and int(match.group(1)) > 6
    freestyle = cli("rebuild", "testJob", "6", "--from-stage", "Build", "--yes")
    assert freestyle.returncode == 5 and "cannot restart from a stage" in freestyle.stderr


def test_jtui_rebuild_with_the_same_parameters(cli: Jtui, demo: DemoJenkins) -> None:
    done = cli("rebuild", "platform/backend/services/payments", "6")
    assert done.returncode == 0, done.stderr
    queued = re.fullmatch(rf"{re.escape(demo.url)}queue/item/(\d+)/\n", done.stdout)
    assert queued
    item = demo.instance.queue[int(queued.group(1))]
    assert [(p.name, p.value) for p in item.params or []] == [("REGION", "eu-1")]
    secret = cli("rebuild", "deploy-service", "6", "--yes")
    assert secret.returncode == 5 and "takes a password" in secret.stderr

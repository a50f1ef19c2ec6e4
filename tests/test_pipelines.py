"""A Pipeline run's stages, failed steps and per-step logs, for every stage API a server may
have, against the demo over loopback HTTP; the same through `jtui stages` and `jtui log`."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import jenkins
import pytest

from jtui.demo import DemoJenkins
from jtui.jenkins.client import JenkinsClient
from jtui.jenkins.errors import JenkinsError, RequestRejected
from jtui.jenkins.pipeline import parse_graph, parse_wfapi, unwrap

from .cli_support import Jtui, demo_server

pytestmark = pytest.mark.demo
JOB = "platform/release-train"  # Build, Test (linux | windows fails), Deploy (skipped)
APIS = ["stages", "pipeline-overview", "pipeline-console", "wfapi"]


async def last_number(client: JenkinsClient) -> int:
    return (await client.build(JOB, "lastBuild")).number


@pytest.mark.parametrize("api", APIS)
async def test_the_stage_graph_from_each_api(
    client: JenkinsClient, demo: DemoJenkins, api: str
) -> None:
    demo.faults.update(stage_api=api)
    number = await last_number(client)
    graph = await client.stages.graph(JOB, number)
    assert graph is not None and graph.source == api and graph.complete
    states = {stage.name: stage.state for stage in graph.stages}
    assert states == {"Build": "success", "Test": "failure", "Deploy": "not_built"}
    test = next(stage for stage in graph.stages if stage.name == "Test")
    if api == "wfapi":
        assert test.children == ()  # Stage View flattens parallel branches
    else:
        assert [(b.name, b.state) for b in test.children] == [
            ("linux", "success"),
            ("windows", "failure"),
        ]
    assert client.stages.source == api  # remembered for the next run


@pytest.mark.parametrize("api", APIS)
async def test_the_failed_step_its_reason_and_its_own_log(
    client: JenkinsClient, demo: DemoJenkins, api: str
) -> None:
    demo.faults.update(stage_api=api)
    number = await last_number(client)
    graph = await client.stages.graph(JOB, number)
    assert graph is not None
    failed = await client.stages.failed_steps(JOB, number, graph)
    assert [(step.name, reason) for step, reason in failed] == [
        ("make windows", "script returned exit code 1")
    ]
    stream = client.stages.step_log(JOB, number, failed[0][0].id)
    polled = await stream.poll()
    text = "".join(event.text for event in polled.events)
    assert not polled.more
    assert "[windows]" in text and "script returned exit code 1" in text
    assert "[linux]" not in text and "Start of Pipeline" not in text  # that step's alone
    assert "\x1b[8mha:" not in text  # console notes removed


async def test_no_stage_api_is_none_and_remembered(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    demo.faults.update(stage_api="none")
    number = await last_number(client)
    before = demo.requests.total()
    assert await client.stages.graph(JOB, number) is None
    assert demo.requests.total() - before == 4  # each API asked once, newest first
    assert await client.stages.graph(JOB, number) is None
    assert demo.requests.total() - before == 4  # and not again


async def test_a_running_step_streams_from_its_own_offset(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    before = await last_number(client)
    await client.trigger(JOB)
    steps: list[Any] = []
    number = before
    for _ in range(500):  # until a step of the new build runs (the demo runs 20× fast)
        number = (await client.build(JOB, "lastBuild")).number
        graph = await client.stages.graph(JOB, number) if number > before else None
        if graph is not None:
            steps = [s for s in await client.stages.steps(JOB, number, graph)]
            steps = [s for s in steps if s.state == "running"]
            if steps:
                break
        await asyncio.sleep(0.01)
    assert steps, "no step was seen running"
    stream = client.stages.step_log(JOB, number, steps[0].id)
    text = ""
    while True:
        polled = await stream.poll()
        text += "".join(event.text for event in polled.events)
        if not polled.more:
            break
    assert text.startswith("+ make")  # from the step's first byte, nothing twice
    assert text.count("+ make") == 1


def test_graph_parsing_is_tolerant() -> None:
    old = {  # Pipeline Graph View < 439 sent durations as words
        "complete": False,
        "stages": [
            {"id": "6", "name": "Build", "state": "running", "totalDurationMillis": "Took 10 sec"},
            {"id": "7", "name": "Odd", "state": "SUCCESS", "children": "not a list"},
            "not a stage",
        ],
    }
    graph = parse_graph(old, "pipeline-console")
    assert [(s.name, s.state, s.duration) for s in graph.stages] == [
        ("Build", "running", None),
        ("Odd", "success", None),
    ]
    with pytest.raises(JenkinsError, match="Error getting console text"):
        unwrap({"status": "error", "message": "Error getting console text"}, "stages/steps")
    wfapi = parse_wfapi(
        {"status": "PAUSED_PENDING_INPUT", "stages": [{"id": "3", "status": "NOT_EXECUTED"}]}
    )
    assert not wfapi.complete and wfapi.stages[0].state == "not_built"


def test_python_jenkins_reads_the_stages(demo: DemoJenkins) -> None:
    demo.faults.update(stage_api="wfapi")  # python-jenkins asks Stage View's API
    server = jenkins.Jenkins(demo.url, username=demo.user, password=demo.token, timeout=10)
    number = server.get_job_info(JOB)["lastBuild"]["number"]
    stages = server.get_build_stages(JOB, number)
    assert [stage["name"] for stage in stages["stages"]] == ["Build", "Test", "Deploy"]
    assert stages["stages"][1]["status"] == "FAILED"


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, demo: DemoJenkins) -> Jtui:
    env = {"JENKINS_URL": demo.url, "JENKINS_USER_ID": demo.user, "JENKINS_API_TOKEN": demo.token}
    return Jtui(tmp_path, env)


def test_jtui_stages_json_and_text(cli: Jtui, demo: DemoJenkins) -> None:
    result = cli("stages", JOB, "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["complete"] is True and shown["source"] == "stages"
    test = shown["stages"][1]
    assert test["name"] == "Test" and test["state"] == "failure"
    assert [(c["name"], c["state"]) for c in test["children"]] == [
        ("linux", "success"),
        ("windows", "failure"),
    ]
    assert shown["stages"][2]["duration_ms"] is None  # skipped: it never ran
    text = cli("stages", JOB)
    assert "✘ failure    windows" in text.stdout
    demo.faults.update(stage_api="wfapi")
    flat = json.loads(cli("stages", JOB, "--json").stdout)
    assert flat["source"] == "wfapi" and flat["stages"][1]["children"] == []


def test_jtui_log_failed_and_stage(cli: Jtui) -> None:
    failed = cli("log", JOB, "--failed", "--color", "never")
    assert failed.returncode == 0, failed.stderr
    first = failed.stdout.splitlines()[0]
    assert first == "=== windows › make windows (failure) — script returned exit code 1"
    assert "[linux]" not in failed.stdout
    linux = cli("log", JOB, "--stage", "linux", "--color", "never")
    assert (
        linux.stdout.startswith("=== linux › make linux (success)")
        and "[windows]" not in linux.stdout
    )
    unknown = cli("log", JOB, "--stage", "nope")
    assert (
        unknown.returncode == 5 and "it has: Build, Test, linux, windows, Deploy" in unknown.stderr
    )
    freestyle = cli("log", "testJob", "--failed")
    assert freestyle.returncode == 5 and "no stage data" in freestyle.stderr
    passing = cli("log", "deploy-service", "--failed")
    assert passing.returncode == 0 and "no step failed" in passing.stderr


# -- JUnit results -------------------------------------------------------------------------


async def test_the_test_report_failed_first_with_regressions(client: JenkinsClient) -> None:
    number = await last_number(client)
    report = await client.results.test_report(JOB, number)
    assert report is not None
    assert (report.total, report.failed, report.skipped, report.passed) == (6, 2, 1, 3)
    first, second = report.cases[:2]
    assert (first.name, first.regression, first.error) == (
        "testEmpty",
        True,
        "expected:<1> but was:<0>",
    )
    assert second.name == "testTimeout" and second.failed and not second.regression
    assert await client.results.test_report("testJob", 6) is None  # no JUnit step


def test_python_jenkins_reads_the_test_report(demo: DemoJenkins) -> None:
    server = jenkins.Jenkins(demo.url, username=demo.user, password=demo.token, timeout=10)
    number = server.get_job_info(JOB)["lastBuild"]["number"]
    report = server.get_build_test_report(JOB, number)
    assert report["failCount"] == 2 and report["passCount"] == 3
    names = [case["name"] for suite in report["suites"] for case in suite["cases"]]
    assert "testEmpty" in names


def test_jtui_tests_json_text_and_no_report(cli: Jtui) -> None:
    failed = cli("tests", JOB, "--failed", "--json")
    assert failed.returncode == 0, failed.stderr
    shown = json.loads(failed.stdout)
    assert (shown["total"], shown["failed"], shown["skipped"], shown["passed"]) == (6, 2, 1, 3)
    assert [(c["name"], c.get("regression", False)) for c in shown["cases"]] == [
        ("testEmpty", True),
        ("testTimeout", False),
    ]
    text = cli("tests", JOB)
    assert text.stdout.splitlines()[0].startswith("6 tests: 2 failed, 1 skipped, 3 passed")
    assert "✘ failed   app.ParserTest.testEmpty  NEW" in text.stdout
    none = cli("tests", "testJob")
    assert none.returncode == 5 and "no test report" in none.stderr


# -- artifacts -------------------------------------------------------------------------------


async def test_artifacts_are_listed_with_urls(client: JenkinsClient) -> None:
    number = await last_number(client)
    found = await client.results.artifacts(JOB, number)
    assert [a.path for a in found] == ["dist/app.tar.gz", "reports/Überblick über den Lauf.txt"]
    assert found[1].name == "Überblick über den Lauf.txt"
    assert found[1].url.endswith("artifact/reports/%C3%9Cberblick%20%C3%BCber%20den%20Lauf.txt")
    many = await client.results.artifacts("platform/nightly-e2e", 6)
    assert len(many) == 25 and many[0].name == "step-00.png"  # displayPath is null past 20


def fetched(demo: DemoJenkins, path: str) -> bytes:
    import httpx

    url = f"{demo.url}job/platform/job/release-train/6/artifact/{path}"
    return httpx.get(url, auth=(demo.user, demo.token)).content


def test_jtui_artifact_downloads_byte_identical_and_resumes(
    cli: Jtui, demo: DemoJenkins, tmp_path: Path
) -> None:
    listed = json.loads(cli("artifacts", JOB, "--json").stdout)
    assert [item["path"] for item in listed] == [
        "dist/app.tar.gz",
        "reports/Überblick über den Lauf.txt",
    ]
    target = tmp_path / "app.tar.gz"
    result = cli("artifact", JOB, "6", "dist/app.tar.gz", "-o", str(target))
    assert result.returncode == 0, result.stderr
    whole = fetched(demo, "dist/app.tar.gz")
    assert len(whole) > 3_000_000 and target.read_bytes() == whole
    again = cli("artifact", JOB, "6", "dist/app.tar.gz", "-o", str(target))
    assert again.returncode == 5 and "--force" in again.stderr  # never over a file unasked
    target.unlink()
    part = tmp_path / "app.tar.gz.part"
    part.write_bytes(b"\0" * 1000)  # an interrupted download, with a marked start
    resumed = cli("artifact", JOB, "6", "dist/app.tar.gz", "-o", str(target))
    assert resumed.returncode == 0, resumed.stderr
    data = target.read_bytes()
    assert data[:1000] == b"\0" * 1000  # kept: only the rest was asked for (Range)
    assert data[1000:] == whole[1000:] and not part.exists()
    text = cli("artifact", JOB, "6", "reports/Überblick über den Lauf.txt", "-o", "-")
    assert text.stdout == "Lauf #6: 6 Tests, 2 fehlgeschlagen.\nÄrger in NetTest.\n"


def test_a_redirect_to_another_host_gets_no_credentials(
    cli: Jtui, demo: DemoJenkins, tmp_path: Path
) -> None:
    demo.faults.update(artifact_host="localhost")  # the store refuses requests with credentials
    target = tmp_path / "app.tar.gz"
    result = cli("artifact", JOB, "6", "dist/app.tar.gz", "-o", str(target))
    assert result.returncode == 0, result.stderr
    demo.faults.update(artifact_host=None)
    assert target.read_bytes() == fetched(demo, "dist/app.tar.gz")


# -- changes -------------------------------------------------------------------------------


async def test_changes_from_pipeline_and_freestyle_builds(client: JenkinsClient) -> None:
    pipeline = await client.results.changes(JOB, await last_number(client))
    freestyle = await client.results.changes("testJob", 6)  # `changeSet`, not `changeSets`
    for found in (pipeline, freestyle):
        assert [(c.author, c.message) for c in found] == [
            ("Alice Example", "Fix the flaky parser test"),
            ("Bob Müller", "Windows: quote paths with spaces"),
        ]
        assert all(c.commit and len(c.commit) == 40 for c in found)
    assert await client.results.changes("deploy-service", 6) == ()


def test_jtui_changes_json(cli: Jtui) -> None:
    shown = json.loads(cli("changes", JOB, "--json").stdout)
    assert [sorted(item) for item in shown] == [["author", "commit", "message"]] * 2
    assert shown[1]["author"] == "Bob Müller"
    text = cli("changes", "testJob")
    assert "Alice Example: Fix the flaky parser test" in text.stdout


# -- input steps -----------------------------------------------------------------------------

GATE = "platform/release-gate"  # waits at "Deploy to prod?" (REGION choice, DRY_RUN boolean)


async def waiting_number(client: JenkinsClient) -> int:
    running = await client.inputs.running_builds(GATE)
    assert running, "the demo's gate should have a running build"
    return running[0]


async def test_a_pending_input_is_listed_and_its_stage_paused(client: JenkinsClient) -> None:
    number = await waiting_number(client)
    (pending,) = await client.inputs.pending(GATE, number)
    assert (pending.id, pending.message, pending.ok) == ("Deploy", "Deploy to prod?", "Ship it")
    assert pending.submitter == "admin,release-managers"
    assert [p.name for p in pending.parameters] == ["REGION", "DRY_RUN"]
    graph = await client.stages.graph(GATE, number)
    assert graph is not None
    assert [(s.name, s.state) for s in graph.stages] == [
        ("Build", "success"),
        ("Approve", "paused"),
    ]


async def test_proceed_sends_every_parameter_and_the_build_goes_on(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    number = await waiting_number(client)
    (pending,) = await client.inputs.pending(GATE, number)
    await client.inputs.proceed(GATE, number, pending, {"REGION": "us"})  # DRY_RUN left out
    log = (await client.console_text(GATE, number)).decode()
    assert "Approved by admin: REGION=us, DRY_RUN=true" in log  # its default, sent by us
    assert await client.inputs.pending(GATE, number) == ()
    with pytest.raises(RequestRejected, match="This input has been already given"):
        await client.inputs.proceed(GATE, number, pending, {})
    for _ in range(400):  # the build goes on to its end (the demo runs 20× fast)
        build = await client.build(GATE, number)
        if not build.is_running:
            break
        await asyncio.sleep(0.02)
    assert build.result is not None and build.result.value == "SUCCESS"


@pytest.mark.parametrize("api", ["wfapi", "stages"])
async def test_old_input_plugins_are_read_through_stage_view(
    client: JenkinsClient, demo: DemoJenkins, api: str
) -> None:
    """Before input 2.9 the InputAction lists no `executions`: Stage View's list stands in,
    and without Stage View nothing can be known (no error)."""
    demo.faults.update(input_executions=False, stage_api=api)
    number = await waiting_number(client)
    found = await client.inputs.pending(GATE, number)
    if api == "stages":
        assert found == ()
        return
    (pending,) = found
    assert (pending.id, pending.message, pending.ok, pending.submitter) == (
        "Deploy",
        "Deploy to prod?",
        "Ship it",
        None,
    )
    assert [(p.kind, p.name) for p in pending.parameters] == [
        ("choice", "REGION"),
        ("boolean", "DRY_RUN"),
    ]
    assert pending.complete({}) == [("REGION", "eu"), ("DRY_RUN", True)]
    await client.inputs.proceed(GATE, number, pending, {"REGION": "us"})
    log = (await client.console_text(GATE, number)).decode()
    assert "Approved by admin: REGION=us, DRY_RUN=true" in log


async def test_only_a_submitter_may_answer(demo: DemoJenkins) -> None:
    from jtui.demo.users import BUILD, READ, User
    from jtui.jenkins.transport import Credentials
    from jtui.secret import Secret

    token = "11" + "ab" * 16
    developer = User("dev", "A Developer", frozenset({READ, BUILD}))
    developer.add_token("t", token, 0)
    demo.instance.users["dev"] = developer
    async with JenkinsClient(demo.url, Credentials("dev", Secret(token))) as dev:
        number = await waiting_number(dev)
        (pending,) = await dev.inputs.pending(GATE, number)
        with pytest.raises(RequestRejected, match="You need to be admin,release-managers"):
            await dev.inputs.proceed(GATE, number, pending, {})
        with pytest.raises(RequestRejected, match="You need to be"):
            await dev.inputs.abort(GATE, number, pending.id)  # nor cancel permission


def test_jtui_input_lists_proceeds_and_aborts(cli: Jtui, demo: DemoJenkins) -> None:
    listed = cli("input", GATE, "--json")
    assert listed.returncode == 0, listed.stderr
    (shown,) = json.loads(listed.stdout)
    assert shown["id"] == "Deploy" and shown["ok"] == "Ship it"
    assert shown["parameters"] == [
        {"name": "REGION", "type": "choice", "default": "eu", "choices": ["eu", "us"]},
        {"name": "DRY_RUN", "type": "boolean", "default": True, "choices": None},
    ]
    unasked = cli("input", GATE, "--proceed", "-p", "REGION=us")
    assert unasked.returncode == 2 and "--yes" in unasked.stderr  # no terminal, no --yes
    wrong = cli("input", GATE, "--proceed", "-p", "NOPE=1", "--yes")
    assert wrong.returncode == 2 and "unknown parameter NOPE" in wrong.stderr
    done = cli("input", GATE, "--proceed", "-p", "REGION=us", "-p", "DRY_RUN=false", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Ship it" in done.stdout
    log = cli("log", GATE, "--color", "never").stdout
    assert "Approved by admin: REGION=us, DRY_RUN=false" in log
    assert json.loads(cli("input", GATE, "--json").stdout) == []  # nothing waits now
    nothing = cli("input", GATE, "--abort", "--yes")
    assert nothing.returncode == 5 and "waits for no input" in nothing.stderr


def test_jtui_input_abort_aborts_the_build(cli: Jtui, demo: DemoJenkins) -> None:
    number = json.loads(cli("stages", GATE, "--json").stdout)  # the newest build: waiting
    assert number["stages"][-1]["state"] == "paused"
    result = cli("input", GATE, "--abort", "--yes")
    assert result.returncode == 0, result.stderr
    log = cli("log", GATE, "--color", "never").stdout
    assert "Rejected by admin" in log and "Finished: ABORTED" in log


def test_the_demo_server_can_have_only_stage_view(tmp_path: Path) -> None:
    with demo_server("--stage-api", "wfapi") as (url, user, token):
        env = {"JENKINS_URL": url, "JENKINS_USER_ID": user, "JENKINS_API_TOKEN": token}
        shown = json.loads(Jtui(tmp_path, env)("stages", JOB, "--json").stdout)
    assert shown["source"] == "wfapi"

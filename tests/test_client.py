"""Every client operation, against the demo Jenkins over real loopback HTTP."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from jtui.demo import DemoJenkins
from jtui.demo.model import Folder
from jtui.jenkins import Credentials, JenkinsClient, StopMode
from jtui.jenkins.console import ConsoleAppend, ConsoleEvent, ConsoleReplace, clean_console
from jtui.jenkins.errors import AuthenticationFailed, NotFound, RequestRejected
from jtui.jenkins.models import BuildResult, ItemKind, QueueItem, QueueRef, QueueState
from jtui.jenkins.parameters import (
    BooleanParameter,
    ChoiceParameter,
    CredentialsParameter,
    FileParameter,
    PasswordParameter,
    RunParameter,
    StringParameter,
    TextParameter,
)
from jtui.secret import Secret

from .conftest import credentials

pytestmark = pytest.mark.demo


async def follow(client: JenkinsClient, ref: QueueRef) -> list[QueueItem]:
    return [item async for item in client.follow_queue(ref, poll_interval=0.01)]


async def stream(client: JenkinsClient, job: str, number: int) -> list[ConsoleEvent]:
    return [event async for event in client.stream_console(job, number, poll_interval=0.02)]


def text_of(events: list[ConsoleEvent]) -> str:
    text = ""
    for event in events:
        text = event.text if isinstance(event, ConsoleReplace) else text + event.text
    return text


async def test_server_info_and_who_am_i(client: JenkinsClient, demo: DemoJenkins) -> None:
    info = await client.server_info()
    assert info.version == demo.instance.version
    assert info.session == demo.instance.session_id
    assert info.use_crumbs and info.use_security
    me = await client.who_am_i()
    assert me.name == demo.user and not me.anonymous


async def test_anonymous_who_am_i(demo: DemoJenkins) -> None:
    async with JenkinsClient(demo.url) as anonymous:
        me = await anonymous.who_am_i()
    assert me.anonymous and me.name == "anonymous"


async def test_all_items_in_one_request(client: JenkinsClient, demo: DemoJenkins) -> None:
    items = await client.all_items()
    names = {item.full_name: item for item in items}
    assert sorted(names) == sorted(_all(demo))
    assert names["platform/backend/services/payments"].kind is ItemKind.PIPELINE
    assert names["webapp"].kind is ItemKind.MULTIBRANCH
    assert names["acme"].kind is ItemKind.ORGANIZATION
    assert names["compat-matrix"].kind is ItemKind.MATRIX
    assert names["java-lib"].kind is ItemKind.MAVEN
    branch = names["webapp/feature%2Flogin"]
    assert branch.display_name == "feature/login" and branch.parent_name == "webapp"
    assert names["platform/backend"].display_name == "Backend services"


async def test_all_items_fetches_deeper_folders_one_by_one(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    shallow = await client.all_items(depth=0)
    deep = await client.all_items(depth=6)
    assert sorted(i.full_name for i in shallow) == sorted(i.full_name for i in deep)
    assert "platform/backend/services/ledger" in {i.full_name for i in shallow}


def _all(demo: DemoJenkins) -> list[str]:
    found: list[str] = []

    def walk(folder: Folder) -> None:
        for child in folder.children.values():
            found.append(child.full_name)
            if isinstance(child, Folder):
                walk(child)

    walk(demo.instance.root)
    return found


async def test_children_of_root_and_folder(client: JenkinsClient) -> None:
    root = {item.name: item for item in await client.children()}
    assert root["testJob"].last_build is not None
    assert root["testJob"].last_build.result is BuildResult.SUCCESS
    assert root["testJob"].health is not None and root["testJob"].health.score == 100
    assert root["platform"].is_folder
    assert root["long-soak-test"].is_building
    services = await client.children("platform/backend/services")
    assert [i.full_name for i in services] == [
        "platform/backend/services/payments",
        "platform/backend/services/ledger",
    ]


async def test_job_detail_with_every_parameter_type(client: JenkinsClient) -> None:
    job = await client.job("deploy-service", builds=3)
    assert job.item.kind is ItemKind.PIPELINE
    assert job.description and "every standard type" in job.description
    kinds = [type(p) for p in job.parameters]
    assert kinds == [
        StringParameter,
        TextParameter,
        BooleanParameter,
        ChoiceParameter,
        PasswordParameter,
        RunParameter,
        FileParameter,
        CredentialsParameter,
    ]
    choice = job.parameters[3]
    assert isinstance(choice, ChoiceParameter) and choice.choices == ("staging", "production")
    boolean = job.parameters[2]
    assert isinstance(boolean, BooleanParameter) and boolean.default is True
    run = job.parameters[5]
    assert isinstance(run, RunParameter) and run.project_name == "testJob"
    assert [b.number for b in job.builds] == [6, 5, 4]
    assert job.builds[0].causes[0].user_id == "admin"


async def test_job_names_with_spaces_non_ascii_and_slashes(client: JenkinsClient) -> None:
    for name in ("Release Notes", "Übersetzung prüfen", "データ同期", "webapp/feature%2Flogin"):
        job = await client.job(name)
        assert job.item.full_name == name
        assert job.item.name == name.rpartition("/")[2]


async def test_build_by_number_and_permalink(client: JenkinsClient) -> None:
    last = await client.build("flaky-integration")
    assert last.number == 6 and not last.is_running
    failed = await client.build("flaky-integration", "lastFailedBuild")
    assert failed.result is BuildResult.FAILURE
    running = await client.build("long-soak-test", "lastBuild")
    assert running.is_running and running.result is None and running.duration is None


async def test_trigger_follow_and_stream_console(client: JenkinsClient) -> None:
    ref = await client.trigger("testJob")
    assert not ref.merged
    states = await follow(client, ref)
    assert states[0].state in (QueueState.WAITING, QueueState.BUILDABLE, QueueState.LEFT)
    final = states[-1]
    assert final.executable is not None and final.executable.number == 7
    events = await stream(client, "testJob", 7)
    assert not any(isinstance(e, ConsoleReplace) for e in events)
    text = text_of(events)
    assert text == clean_console(await client.console_text("testJob", 7))
    assert text.endswith("Finished: SUCCESS\n") and "\r" not in text and "ha:" not in text
    build = await client.build("testJob", 7)
    assert build.result is BuildResult.SUCCESS and build.queue_id == ref.id


async def test_trigger_with_parameters_and_file(client: JenkinsClient, demo: DemoJenkins) -> None:
    ref = await client.trigger(
        "deploy-service",
        {"VERSION": "2.0.0", "DRY_RUN": False, "ENVIRONMENT": "production"},
        files={"CONFIG_FILE": ("override.yaml", b"replicas: 3\n")},
    )
    final = (await follow(client, ref))[-1]
    assert final.executable is not None
    build = await client.build("deploy-service", final.executable.number)
    values = {p.name: p.value for p in build.parameters}
    assert values["VERSION"] == "2.0.0"
    assert values["DRY_RUN"] is False
    assert values["ENVIRONMENT"] == "production"
    assert values["RELEASE_NOTES"] == "Bug fixes."  # defaults fill what was not sent
    assert values["DEPLOY_KEY"] is None  # passwords are never exported
    assert "CONFIG_FILE" in values


async def test_identical_parameterized_trigger_is_merged(client: JenkinsClient) -> None:
    params: dict[str, str | bool] = {"WORKSPACE": "dev", "AUTO_APPROVE": True}
    first = await client.trigger("platform/infra/terraform-plan", params)
    second = await client.trigger("platform/infra/terraform-plan", params)
    assert second.merged and second.id == first.id


async def test_follow_queue_cancelled(client: JenkinsClient) -> None:
    ref = await client.trigger("java-lib")
    await client.cancel_queue_item(ref.id)
    final = (await follow(client, ref))[-1]
    assert final.cancelled and final.executable is None
    with pytest.raises(RequestRejected):
        await client.cancel_queue_item(ref.id)
    with pytest.raises(NotFound):
        await client.cancel_queue_item(987654)


async def test_follow_queue_after_the_item_expired(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    ref = await client.trigger("testJob")
    await follow(client, ref)
    with demo.instance.lock:
        del demo.instance.queue[ref.id]  # what five minutes after leaving does
    final = (await follow(client, ref))[-1]
    assert final.executable is not None and final.executable.number == 7


async def test_queue_lists_waiting_items_with_why(client: JenkinsClient) -> None:
    items = await client.queue()
    stuck = next(i for i in items if i.job_full_name == "windows-installer")
    assert stuck.stuck and stuck.why == "‘windows-agent-1’ is offline"
    assert stuck.state is QueueState.BUILDABLE


async def test_stop_build(client: JenkinsClient) -> None:
    await client.stop_build("long-soak-test", 7)
    build = await client.build("long-soak-test", 7)
    assert build.result is BuildResult.ABORTED and not build.is_running


async def test_term_and_kill_a_pipeline_that_ignores_stop(client: JenkinsClient) -> None:
    await client.stop_build("stuck-pipeline", 7)
    assert (await client.build("stuck-pipeline", 7)).is_running
    await client.stop_build("stuck-pipeline", 7, StopMode.TERM)
    await client.stop_build("stuck-pipeline", 7, StopMode.KILL)
    assert (await client.build("stuck-pipeline", 7)).result is BuildResult.ABORTED
    with pytest.raises(NotFound):
        await client.stop_build("testJob", 6, StopMode.TERM)


async def test_generate_and_revoke_token(client: JenkinsClient, demo: DemoJenkins) -> None:
    token = await client.generate_token("jtui-test")
    assert token.name == "jtui-test" and token.uuid
    assert token.value.reveal() not in repr(token)
    async with JenkinsClient(demo.url, Credentials(demo.user, token.value)) as fresh:
        assert (await fresh.who_am_i()).name == demo.user
        await client.revoke_token(token.uuid)
        with pytest.raises(AuthenticationFailed):
            await fresh.server_info()


async def test_console_stream_survives_dropped_connections() -> None:
    with DemoJenkins(time_scale=8) as demo:
        async with JenkinsClient(demo.url, credentials(demo), retry_delays=(0.01,) * 3) as client:
            ref = await client.trigger("testJob")
            number = (await follow(client, ref))[-1].executable.number  # type: ignore[union-attr]

            async def cut_connections() -> None:
                for _ in range(4):
                    await asyncio.sleep(0.15)
                    demo.faults.reset_next()

            cutter = asyncio.create_task(cut_connections())
            events = await stream(client, "testJob", number)
            await cutter
            assert not any(isinstance(e, ConsoleReplace) for e in events)
            appended = "".join(e.text for e in events if isinstance(e, ConsoleAppend))
            assert appended == clean_console(await client.console_text("testJob", number))


async def test_console_stream_of_a_slow_build_loses_no_partial_line() -> None:
    """Partial lines are skipped by ≥ 2.509 while running; the stream must re-read them."""
    with DemoJenkins(time_scale=4) as demo:
        async with JenkinsClient(demo.url, credentials(demo)) as client:
            ref = await client.trigger("testJob")
            number = (await follow(client, ref))[-1].executable.number  # type: ignore[union-attr]
            events = await stream(client, "testJob", number)
            assert len(events) > 3, "the build should have been followed over several polls"
            # Seamless to its end: consoleText is not downloaded again to check it.
            assert demo.requests.count(f"job/testJob/{number}/consoleText") == 0
            assert not any(isinstance(e, ConsoleReplace) for e in events)
            appended = "".join(e.text for e in events if isinstance(e, ConsoleAppend))
            assert "resolving dependencies \x1b[32mdone" in appended
            assert appended == clean_console(await client.console_text("testJob", number))


async def test_context_path_and_misconfigured_root_url() -> None:
    with DemoJenkins(time_scale=50, context_path="/jenkins") as demo:
        demo.faults.update(root_url="http://wrong-host.invalid:9999/")
        async with JenkinsClient(demo.url, credentials(demo)) as client:
            items = await client.all_items()
            assert "webapp/feature%2Flogin" in {i.full_name for i in items}
            ref = await client.trigger("testJob")
            final = (await follow(client, ref))[-1]
            assert final.executable is not None
            assert final.executable.url_path == "job/testJob/7/"
            assert final.job_full_name == "testJob"
            assert client.url_for(final.executable.url_path) == demo.url + "job/testJob/7/"


async def test_password_login_uses_crumb_and_session_cookie() -> None:
    with DemoJenkins(time_scale=50, password="pw-123") as demo:
        login = Credentials(demo.user, Secret("pw-123"), is_password=True)
        async with JenkinsClient(demo.url, login) as client:
            ref = await client.trigger("testJob")
            with demo.instance.lock:
                demo.instance.sessions = type(demo.instance.sessions)()  # sessions lost
            again = await client.trigger("never-built")  # refused once, re-sent with a new crumb
            assert again.id != ref.id
            token = await client.generate_token("first-token")
            assert token.value.reveal().startswith("11")


class RecordingTransport(httpx.AsyncHTTPTransport):
    """The real transport, noting each request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await super().handle_async_request(request)


async def test_requests_carry_no_cookies_and_parameters_stay_out_of_urls(
    demo: DemoJenkins,
) -> None:
    recorder = RecordingTransport()
    async with JenkinsClient(demo.url, credentials(demo), transport=recorder) as client:
        await client.http.get("crumbIssuer/api/json")  # answers with Set-Cookie
        await client.trigger("platform/infra/terraform-plan", {"WORKSPACE": "prod"})
        await client.who_am_i()
    assert all("cookie" not in r.headers for r in recorder.requests)
    post = next(r for r in recorder.requests if r.method == "POST")
    assert post.url.query == b""
    assert b"WORKSPACE=prod" in post.content
    assert all(r.headers["user-agent"].startswith("jtui/") for r in recorder.requests)
    assert all(r.headers["authorization"].startswith("Basic ") for r in recorder.requests)


def test_generated_instance_has_about_n_jobs() -> None:
    with DemoJenkins(jobs=500) as demo:
        assert 500 <= sum(1 for _ in demo.instance.jobs()) <= 510

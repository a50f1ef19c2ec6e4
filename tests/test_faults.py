"""The fault matrix: the client, the core's follower and the TUI against the demo's faults.

Real sockets need real time, so timeouts are short here (0.2 s); backoff, deadlines and the
resume window run on a fake clock.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from jtui.config.profiles import Profile
from jtui.config.secrets import SourceKind, TokenSource
from jtui.config.state import StateStore
from jtui.core.clock import FakeClock
from jtui.core.follow import FollowEvent, FollowLost, Interrupted, Output, follow_build
from jtui.core.home import Home
from jtui.core.session import Session
from jtui.demo import DemoJenkins
from jtui.demo.model import Job, JobSettings
from jtui.jenkins import JenkinsClient
from jtui.jenkins.console import ConsoleAppend, clean_console
from jtui.jenkins.errors import NotJenkins, RequestTimeout, ServerError, Unreachable
from jtui.secret import Secret

from .conftest import credentials
from .ui_support import EPOCH

pytestmark = pytest.mark.demo
SHORT = 0.2  # seconds without a byte before a request gives up, in these tests
RUNNING = ("long-soak-test", 7)  # a build that runs for an hour of demo time


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


async def chatty_build(demo: DemoJenkins, client: JenkinsClient) -> tuple[str, int]:
    """A build that starts now and, from 0.6 s on, writes a line a millisecond for 1.3 s."""
    settings = JobSettings(duration=40, lines=2000, quiet_period=0)
    with demo.instance.lock:
        root = demo.instance.root
        root.add(Job("chatty", root, settings=settings))
    async for item in client.follow_queue(await client.trigger("chatty"), 0.02):
        if item.executable is not None:
            return "chatty", item.executable.number
    raise AssertionError("the build never started")


def quick_client(demo: DemoJenkins, **options: object) -> JenkinsClient:
    return JenkinsClient(
        demo.url,
        credentials(demo),
        timeout=SHORT,
        retry_delays=(0.01, 0.01),
        **options,  # type: ignore[arg-type]
    )


def profile_of(demo: DemoJenkins, timeout: float = SHORT) -> Profile:
    token = TokenSource(SourceKind.INLINE, "", Secret(demo.token))
    return Profile("demo", demo.url, demo.user, token, timeout_seconds=timeout, transient=True)


def home_in(tmp_path: Path) -> Home:
    return Home(tmp_path / "config.toml", StateStore(tmp_path / "state.toml"))


# -- the client ------------------------------------------------------------------------------


async def test_a_silent_server_times_out_after_three_tries(demo: DemoJenkins) -> None:
    demo.faults.update(silent_count=-1)
    async with quick_client(demo) as client:
        with pytest.raises(RequestTimeout) as caught:
            await client.who_am_i()
    assert demo.requests.count("/whoAmI/api/json") == 3  # retried at most 3 times in all
    assert str(caught.value).startswith(demo.url.split("//")[1].rstrip("/"))
    assert "did not answer" in str(caught.value)


async def test_a_stalled_answer_is_asked_again(demo: DemoJenkins) -> None:
    demo.faults.update(stall_count=1)  # headers and half a body, then silence
    async with quick_client(demo) as client:
        assert (await client.who_am_i()).name == "admin"
    assert demo.requests.count("/whoAmI/api/json") == 2


async def test_a_connect_timeout_is_a_timeout() -> None:
    with socket.socket() as blackhole:  # listens, accepts nothing: the backlog fills up
        blackhole.bind(("127.0.0.1", 0))
        blackhole.listen(0)
        url = f"http://127.0.0.1:{blackhole.getsockname()[1]}/"
        fillers: list[socket.socket] = []
        while True:  # connect until the kernel's queue is full and a connect hangs
            filler = socket.socket()
            filler.settimeout(0.2)
            fillers.append(filler)
            try:
                filler.connect(blackhole.getsockname())
            except TimeoutError:
                break
        try:
            async with JenkinsClient(url, timeout=SHORT, retry_delays=()) as client:
                with pytest.raises((RequestTimeout, Unreachable)):
                    await client.who_am_i()
        finally:
            for filler in fillers:
                filler.close()


async def test_retry_after_is_waited_for_on_the_clock(demo: DemoJenkins) -> None:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    demo.faults.fail_next(503, count=-1, retry_after=30)
    async with quick_client(demo, sleep=sleep) as client:
        with pytest.raises(ServerError) as caught:
            await client.who_am_i()
    assert waited == [5.0, 5.0]  # Retry-After, capped for a GET's own retries
    assert caught.value.retry_after == 30  # the watch that asked waits the full 30 s
    assert "retry after 30 s" in str(caught.value)


async def test_a_login_page_during_a_stream_is_not_read_as_the_log(demo: DemoJenkins) -> None:
    async with quick_client(demo) as client:
        stream = client.console(*RUNNING)
        first = await stream.poll()
        assert first.more and first.events
        demo.faults.update(sso="html")
        with pytest.raises(NotJenkins, match="login page"):
            await stream.poll()


async def test_a_quick_call_has_a_deadline(tmp_path: Path, demo: DemoJenkins) -> None:
    demo.faults.update(silent_count=-1)
    async with await Session.open(profile_of(demo), home_in(tmp_path)) as session:
        with pytest.raises(RequestTimeout, match=r"did not answer within 0.3 s"):
            await session.identify()  # three tries of 0.2 s would take 0.6 s


# -- following a build, on a fake clock ------------------------------------------------------


async def collect(events: AsyncIterator[FollowEvent], into: list[FollowEvent]) -> None:
    async for event in events:
        into.append(event)


def shown(events: list[FollowEvent]) -> str:
    return "".join(
        piece.text
        for event in events
        if isinstance(event, Output)
        for piece in event.events
        if isinstance(piece, ConsoleAppend)
    )


async def test_follow_rides_out_a_cut_of_a_minute_with_no_line_lost_or_repeated(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    clock = FakeClock(EPOCH)
    async with await Session.open(profile_of(demo), home_in(tmp_path), clock=clock) as session:
        name, number = await chatty_build(demo, session.client)
        events: list[FollowEvent] = []
        task = asyncio.create_task(collect(follow_build(session, name, number=number), events))
        await clock.advance(3)
        before = len(shown(events))
        assert before
        demo.faults.update(sso="html")  # an SSO session expired: a login page for 55 s
        await clock.advance(55)
        assert any(isinstance(e, Interrupted) for e in events)
        demo.faults.clear()
        await asyncio.sleep(1.0)  # the demo's build writes on, in real time
        await clock.advance(10)  # within 10 s of the server's return
        assert len(shown(events)) > before
        task.cancel()
        whole = clean_console(await session.client.console_text(name, number))
    assert whole.startswith(shown(events))  # everything, in order, once


async def test_follow_gives_up_after_a_minute_naming_the_command_that_resumes(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    clock = FakeClock(EPOCH)
    async with await Session.open(profile_of(demo), home_in(tmp_path), clock=clock) as session:
        name, number = await chatty_build(demo, session.client)
        events: list[FollowEvent] = []
        task = asyncio.create_task(collect(follow_build(session, name, number=number), events))
        await clock.advance(2)
        demo.faults.update(sso="html")
        await clock.advance(120)
        with pytest.raises(FollowLost) as caught:
            await task
    assert "has not answered for 60 s" in str(caught.value)
    assert f"jtui log chatty {number} --follow" in str(caught.value)


async def test_follow_goes_on_through_a_jenkins_restart(tmp_path: Path, demo: DemoJenkins) -> None:
    clock = FakeClock(EPOCH)
    async with await Session.open(profile_of(demo), home_in(tmp_path), clock=clock) as session:
        name, number = await chatty_build(demo, session.client)
        events: list[FollowEvent] = []
        task = asyncio.create_task(collect(follow_build(session, name, number=number), events))
        await clock.advance(2)
        before_restart = session.client.http.session
        demo.restart(unavailable_for=6)  # 503s for a few tries, then a new X-Jenkins-Session
        await asyncio.sleep(1.0)
        for _ in range(100):  # on until the build has ended, the follower with it
            if task.done():
                break
            await clock.advance(2)
            await asyncio.sleep(0.05)
        await task
        whole = clean_console(await session.client.console_text(name, number))
    assert session.client.http.session != before_restart
    assert shown(events) == whole  # all of it, once

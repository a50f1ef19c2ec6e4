"""Watched builds: watched on one server while the window shows another, told once when
they end (a toast, and BEL + OSC 9 + OSC 777 for the terminal), kept across a restart of
the app; the notification bytes themselves."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.config.profiles import add_profile, load_config
from jtui.config.state import StateStore
from jtui.core.notify import mode_for, notification
from jtui.demo import DemoJenkins
from jtui.jenkins.client import JenkinsClient
from jtui.jenkins.models import QueueRef
from jtui.ui.screens.build import BuildScreen

from .cli_support import Jtui
from .conftest import FAST, credentials
from .ui_support import NotingApp, home_in, wait_until

WATCH_WAIT = 20  # seconds: the watcher looks every 5 s


@pytest.fixture
def two() -> Iterator[tuple[DemoJenkins, DemoJenkins]]:
    with (
        DemoJenkins(time_scale=FAST) as prod,
        DemoJenkins(time_scale=FAST, flavour="staging") as staging,
    ):
        yield prod, staging


def profiles(tmp_path: Path, two: tuple[DemoJenkins, DemoJenkins]) -> None:
    for name, demo in zip(("prod", "staging"), two, strict=True):
        add_profile(
            tmp_path / "config.toml",
            name,
            {"url": demo.url, "user": demo.user, "token": demo.token},
        )


async def queued_build(demo: DemoJenkins, job: str) -> QueueRef:
    async with JenkinsClient(demo.url, credentials(demo)) as client:
        return await client.trigger(job)


@pytest.mark.tui
async def test_a_build_watched_on_one_server_tells_while_another_is_shown(
    tmp_path: Path, two: tuple[DemoJenkins, DemoJenkins]
) -> None:
    profiles(tmp_path, two)
    prod = two[0]
    config = load_config(tmp_path / "config.toml")
    app = NotingApp(home_in(tmp_path), config.profiles["prod"])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.session is not None)
        ref = await queued_build(prod, "testJob")
        await app.push_screen(BuildScreen("testJob", queue_ref=ref))
        await pilot.press("w")
        await wait_until(pilot, lambda: any("watching testJob" in s for s in app.said))
        app.open_profile(config.profiles["staging"])  # the window moves to another server
        await wait_until(
            pilot, lambda: app.session is not None and app.session.profile.name == "staging"
        )
        await wait_until(pilot, lambda: any("on prod: success" in s for s in app.said), WATCH_WAIT)
        (written,) = app.written
        assert written.endswith("\a") and "\x1b]9;jtui: testJob #7 on prod: success\a" in written
        assert "\x1b]777;notify;jtui;testJob #7 on prod: success\a" in written
        assert StateStore(tmp_path / "state.toml").watched() == []  # told once, then gone


@pytest.mark.tui
async def test_the_watch_list_survives_a_restart_and_an_end_meanwhile_is_told_once(
    tmp_path: Path, two: tuple[DemoJenkins, DemoJenkins]
) -> None:
    profiles(tmp_path, two)
    prod, _ = two
    state = StateStore(tmp_path / "state.toml")
    number = max(prod.instance.job("long-soak-test").builds)  # runs for an hour
    state.change_watched(
        [
            {"profile": "prod", "job": "long-soak-test", "number": number},
            {"profile": "prod", "job": "testJob", "number": 6},
        ],  # ended while jtui was closed
        [],
    )
    first = NotingApp(home_in(tmp_path), None, overview=True)
    async with first.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: any("testJob #6 on prod: success" in s for s in first.said))
    assert state.watched() == [{"profile": "prod", "job": "long-soak-test", "number": number}]
    state.change_watched([{"profile": "prod", "job": "testJob", "number": 5}], [])
    again = NotingApp(home_in(tmp_path), None, overview=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: any("testJob #5 on prod" in s for s in again.said))
    assert not any("testJob #6" in s for s in again.said)  # that one was told, once


@pytest.mark.unit
def test_notification_bytes_for_each_mode_and_inside_tmux() -> None:
    words = "deploy\x1b]0;pwned\a; #7 on prod: failure"
    every = notification("jtui", words, "all", {})
    assert every == (
        "\x1b]9;jtui: deploy, #7 on prod: failure\a"
        "\x1b]777;notify;jtui;deploy, #7 on prod: failure\a\a"
    )  # the server's escape sequence is dropped, and `;` cannot start another field
    assert notification("jtui", "x", "bell", {}) == "\a"
    assert notification("jtui", "x", "off", {}) == ""
    assert notification("jtui", "x", "osc", {}) == "\x1b]9;jtui: x\a\x1b]777;notify;jtui;x\a"
    inside = notification("jtui", "x", "osc", {"TMUX": "/tmp/tmux-0/default,1,0"})
    assert inside == (
        "\x1bPtmux;\x1b\x1b]9;jtui: x\a\x1b\\\x1bPtmux;\x1b\x1b]777;notify;jtui;x\a\x1b\\"
    )


@pytest.mark.unit
def test_notify_comes_from_the_profile_else_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    add_profile(path, "prod", {"url": "https://ci.example/", "user": "a", "token": "t"})
    add_profile(
        path, "quiet", {"url": "https://q.example/", "user": "a", "token": "t", "notify": "off"}
    )
    config = load_config(path)
    assert mode_for(config.profiles["prod"], config) == "all"
    assert mode_for(config.profiles["quiet"], config) == "off"


@pytest.mark.demo
def test_jtui_watch_waits_and_exits_by_result(
    tmp_path: Path, two: tuple[DemoJenkins, DemoJenkins]
) -> None:
    prod = two[0]
    env = {"JENKINS_URL": prod.url, "JENKINS_USER_ID": prod.user, "JENKINS_API_TOKEN": prod.token}
    cli = Jtui(tmp_path, env)
    done = cli("watch", "testJob", "6")
    assert (done.returncode, done.stdout) == (0, "testJob #6: SUCCESS\n")
    assert "watching testJob #6" in done.stderr
    failed = cli("watch", "flaky-integration")  # its last build
    assert (failed.returncode, failed.stdout) == (1, "flaky-integration #6: FAILURE\n")
    running = max(prod.instance.job("long-soak-test").builds)  # runs for another minute
    path = f"/job/long-soak-test/{running}/api/json"
    stopper = threading.Thread(target=_stop_once_watched, args=(cli, prod, path, running))
    stopper.start()
    waited = cli("watch", "long-soak-test", str(running))  # waits until the stop ends it
    stopper.join()
    assert (waited.returncode, waited.stdout) == (4, f"long-soak-test #{running}: ABORTED\n")


def _stop_once_watched(cli: Jtui, demo: DemoJenkins, path: str, number: int) -> None:
    deadline = time.monotonic() + 30
    while demo.requests.count(path) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # until `jtui watch` has looked at the running build once
    assert cli("stop", "long-soak-test", str(number), "--yes").returncode == 0

"""Every server at once, against three demo Jenkins, one of them slow, and a dead one: each
polled on its own (the others are on screen in time), the dead one's row saying why;
`jtui dashboard` the same from the shell."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.cli.tui import starts_on_dashboard
from jtui.config.profiles import add_profile, load_config
from jtui.config.state import StateStore
from jtui.core.live import Fresh, Stale
from jtui.demo import DemoJenkins
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.dashboard import DashboardScreen
from jtui.ui.screens.dialogs import Choice
from jtui.ui.screens.jobs import JobsScreen

from .cli_support import Jtui, demo_server
from .conftest import FAST, closed_port
from .ui_support import NotingApp, current, home_in, line_text, wait_until

SLOW_MS = 4000  # the slow server answers each request this late


@pytest.fixture
def three() -> Iterator[list[DemoJenkins]]:
    with (
        DemoJenkins(time_scale=FAST) as prod,
        DemoJenkins(time_scale=FAST) as staging,
        DemoJenkins(time_scale=FAST) as legacy,
    ):
        yield [prod, staging, legacy]


def write_profiles(config: Path, servers: list[DemoJenkins]) -> None:
    for name, demo in zip(("prod", "staging", "legacy"), servers, strict=True):
        add_profile(config, name, {"url": demo.url, "user": demo.user, "token": demo.token})
    dead = f"http://127.0.0.1:{closed_port()}/"
    add_profile(config, "dead", {"url": dead, "user": "admin", "token": "11" + "0" * 32})
    add_profile(
        config, "locked", {"url": dead, "user": "admin", "token_command": "false"}
    )  # a token that cannot be had without a prompt


@pytest.mark.demo
def test_jtui_dashboard_json_every_server_and_exit_5_for_the_dead(
    tmp_path: Path, three: list[DemoJenkins]
) -> None:
    jtui = Jtui(tmp_path)
    write_profiles(jtui.config, three)
    result = jtui("dashboard", "--json")
    assert result.returncode == 5, result.stderr
    rows = {row["profile"]: row for row in json.loads(result.stdout)}
    assert list(rows) == ["prod", "staging", "legacy", "dead", "locked"]
    prod = rows["prod"]
    assert prod["reachable"] is True and prod["error"] is None
    assert {"job": "long-soak-test", "number": 7} in [
        {"job": r["job"], "number": r["number"]} for r in prod["running"]
    ]
    assert {"job": "flaky-integration", "number": 6, "result": "FAILURE"} in prod["failing"]
    assert {"job": "lint-checks", "number": 6, "result": "UNSTABLE"} in prod["failing"]
    assert prod["inputs"] == 1  # platform/release-gate waits at "Deploy to prod?"
    assert prod["offline_nodes"] == 2 and isinstance(prod["queued"], int)
    dead = rows["dead"]
    assert dead["reachable"] is False and "cannot connect" in dead["error"]
    assert [dead[k] for k in ("running", "failing", "queued", "inputs", "offline_nodes")] == [
        None
    ] * 5
    assert rows["locked"]["error"].startswith("token not available")
    text = jtui("dashboard")
    assert "✔ prod" in text.stdout and "✘ dead" in text.stdout


@pytest.mark.tui
async def test_one_slow_and_one_dead_server_never_hold_up_the_others(
    tmp_path: Path, three: list[DemoJenkins]
) -> None:
    write_profiles(tmp_path / "config.toml", three)
    three[2].faults.update(latency_ms=SLOW_MS)  # legacy: every answer 4 s late
    app = NotingApp(home_in(tmp_path), None, overview=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        board = current(app, DashboardScreen)
        started = time.monotonic()
        await wait_until(
            pilot,
            lambda: all(
                isinstance(board.parts.get((name, "activity")), Fresh)
                for name in ("prod", "staging")
            ),
        )
        assert time.monotonic() - started < SLOW_MS / 1000  # not after the slow one
        assert board.parts.get(("legacy", "activity")) is None  # still on its way
        await wait_until(pilot, lambda: isinstance(board.parts.get(("dead", "activity")), Stale))
        assert "✘ down" in line_text(board.table, 4)  # dead: its row says so
        await wait_until(
            pilot, lambda: isinstance(board.parts.get(("legacy", "activity")), Fresh), 30
        )
        locked = board.parts.get(("locked", "activity"))
        assert isinstance(locked, Stale) and "token_command" in locked.reason


@pytest.mark.tui
async def test_enter_switches_the_window_to_that_server(
    tmp_path: Path, three: list[DemoJenkins]
) -> None:
    write_profiles(tmp_path / "config.toml", three)
    app = NotingApp(home_in(tmp_path), None, overview=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        board = current(app, DashboardScreen)
        await wait_until(pilot, lambda: board.table.row_count == 5)
        await wait_until(pilot, lambda: isinstance(board.parts.get(("prod", "activity")), Fresh))
        board.table.select_key("prod")
        await pilot.press("w")  # watch one of prod's running builds
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(s.startswith("watching ") for s in app.said))
        assert StateStore(tmp_path / "state.toml").watched()[0]["profile"] == "prod"
        await wait_until(pilot, lambda: isinstance(board.parts.get(("staging", "activity")), Fresh))
        board.table.select_key("staging")
        await pilot.press("enter")  # its jobs, or one of the builds running or failed there
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        choice = current(app, Choice)
        labels = [label for _, label in choice.answers]
        assert labels[0] == "its jobs" and any(label.startswith("↻ ") for label in labels)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))
        await wait_until(pilot, lambda: app.session is not None)
        assert app.session is not None and app.session.profile.url == three[1].url
        await pilot.press("0")  # and back to every server
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        board.table.select_key("prod")  # another server's running build, opened in place
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        job, number = current(app, Choice).answers[1][1][2:].split(" #")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
        build = current(app, BuildScreen)
        assert (build.full_name, build.number) == (job, int(number))
        assert app.session is not None and app.session.profile.url == three[0].url


@pytest.mark.unit
def test_the_dashboard_comes_first_with_several_servers_and_none_named(tmp_path: Path) -> None:
    config_path = tmp_path / "config.toml"
    add_profile(config_path, "prod", {"url": "https://ci.example/", "user": "a", "token": "t"})
    one = load_config(config_path)
    assert not starts_on_dashboard(one, None, False, {})  # one server: its jobs
    add_profile(config_path, "staging", {"url": "https://st.example/", "user": "a", "token": "t"})
    two = load_config(config_path)
    assert starts_on_dashboard(two, None, False, {})
    assert not starts_on_dashboard(two, "prod", False, {})
    assert not starts_on_dashboard(two, None, False, {"JTUI_PROFILE": "prod"})
    assert not starts_on_dashboard(two, None, True, {})  # --demo


@pytest.mark.e2e
def test_three_demo_server_processes_and_one_killed(tmp_path: Path) -> None:
    jtui = Jtui(tmp_path)
    with contextlib.ExitStack() as stack:
        servers = {
            flavour: stack.enter_context(contextlib.ExitStack())
            for flavour in ("prod", "staging", "legacy")
        }
        for flavour, own in servers.items():
            url, user, token = own.enter_context(demo_server("--flavour", flavour))
            add_profile(jtui.config, flavour, {"url": url, "user": user, "token": token})
        every = jtui("dashboard", "--json")
        assert every.returncode == 0, every.stderr
        rows = {row["profile"]: row for row in json.loads(every.stdout)}
        assert all(row["reachable"] for row in rows.values())
        assert {r["job"] for r in rows["staging"]["failing"]} == {"integration-tests"}
        assert rows["staging"]["inputs"] == 1 and rows["legacy"]["offline_nodes"] == 1
        servers["legacy"].close()  # the legacy controller goes away
        after = jtui("dashboard", "--json")
        assert after.returncode == 5
        rows = {row["profile"]: row for row in json.loads(after.stdout)}
        assert rows["legacy"]["reachable"] is False and rows["legacy"]["queued"] is None
        assert rows["prod"]["reachable"] and rows["staging"]["reachable"]

"""The TUI's flows under Pilot, against the demo Jenkins over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.config.profiles import add_profile, load_config
from jtui.demo import DemoJenkins
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.dialogs import Choice
from jtui.ui.screens.help import HelpScreen
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.queue import QueueScreen
from jtui.ui.screens.server_form import ServerForm
from jtui.ui.screens.servers import ServersScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.table import VirtualTable

from .ui_support import line_text, make_app, wait_until

SIZE = (120, 36)


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


def table(app: object, selector: str = "#items") -> VirtualTable:
    return app.screen.query_one(selector, VirtualTable)  # type: ignore[attr-defined]


def keys_of(app: object, selector: str = "#items") -> list[object]:
    return list(table(app, selector)._keys)


async def test_browse_into_folders_and_back(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "platform" in keys_of(app))
        await wait_until(pilot, lambda: app.session and app.session.version)
        assert app.session is not None and app.session.version == demo.instance.version
        table(app).select_key("platform")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "platform/backend" in keys_of(app))
        crumbs = str(app.screen.query_one("#crumbs").render())
        assert "Jenkins › platform" in crumbs
        table(app).select_key("platform/backend")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "platform/backend/worker" in keys_of(app))
        assert "Backend services" in str(app.screen.query_one("#crumbs").render())
        await pilot.press("backspace")
        await wait_until(pilot, lambda: "platform/infra" in keys_of(app))
        assert table(app).current_key == "platform/backend"  # the cursor comes back
        await pilot.press("escape")
        await wait_until(pilot, lambda: "testJob" in keys_of(app))


async def test_filter_jumps_anywhere(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None)
        await pilot.press("slash", *"paymnts")
        await wait_until(pilot, lambda: keys_of(app)[:1] == ["platform/backend/services/payments"])
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JobScreen))
        assert app.screen.full_name == "platform/backend/services/payments"
        await wait_until(pilot, lambda: len(keys_of(app, "#builds")) == 6)


async def test_parameterized_build_through_the_form_to_the_console(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "platform" in keys_of(app))
        app.screen.enter_folder("platform/infra")  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: "platform/infra/terraform-plan" in keys_of(app))
        table(app).select_key("platform/infra/terraform-plan")
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ParameterForm))
        form = app.screen
        form.query_one("#p0").value = "prod"  # type: ignore[attr-defined]
        form.query_one("#p1").value = True  # type: ignore[attr-defined]
        await pilot.click("#submit")
        await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
        build_screen = app.screen
        assert isinstance(build_screen, BuildScreen)
        await wait_until(pilot, lambda: build_screen.number == 7, timeout=15)
        console = build_screen.query_one(ConsoleView)
        await wait_until(pilot, lambda: "Finished: SUCCESS" in "".join(console.store.chunks()), 20)
        text = "".join(console.store.chunks())
        assert "WORKSPACE=prod" in text and "AUTO_APPROVE=true" in text
        build = build_screen.build
        assert build is not None
        assert {p.name: p.value for p in build.parameters} == {
            "WORKSPACE": "prod",
            "AUTO_APPROVE": True,
        }
        remembered = app.state.last_parameters("demo", "platform/infra/terraform-plan")
        assert remembered == {"WORKSPACE": "prod", "AUTO_APPROVE": True}


async def test_abort_a_running_build(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "long-soak-test" in keys_of(app))
        await app.push_screen(BuildScreen("long-soak-test", number=7))
        screen = app.screen
        await wait_until(pilot, lambda: screen.build is not None)  # type: ignore[attr-defined]
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-0")
        await wait_until(
            pilot,
            lambda: screen.build is not None and not screen.build.is_running,  # type: ignore[attr-defined]
            timeout=15,
        )
        assert screen.build.result.value == "ABORTED"  # type: ignore[attr-defined, union-attr]


async def test_stubborn_pipeline_offers_term_and_kill(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "stuck-pipeline" in keys_of(app))
        await app.push_screen(BuildScreen("stuck-pipeline", number=7))
        screen = app.screen
        await wait_until(pilot, lambda: screen.build is not None)  # type: ignore[attr-defined]
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-0")
        await wait_until(pilot, lambda: screen.stopped)  # type: ignore[attr-defined]
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        labels = [label for _, label in app.screen.answers]  # type: ignore[attr-defined]
        assert labels == ["Abort", "Terminate steps", "Kill build"]
        await pilot.click("#answer-2")
        await wait_until(
            pilot,
            lambda: screen.build is not None and not screen.build.is_running,  # type: ignore[attr-defined]
            timeout=15,
        )


async def test_switch_profile(tmp_path: Path, demo: DemoJenkins) -> None:
    with DemoJenkins(time_scale=20, user="bob") as other:
        config = tmp_path / "config.toml"
        add_profile(config, "first", {"url": demo.url, "user": demo.user, "token": demo.token})
        add_profile(config, "second", {"url": other.url, "user": "bob", "token": other.token})
        profiles = load_config(config).profiles
        app = make_app(tmp_path, None, profiles["first"])
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.session is not None and app.session.user == "admin")
            await pilot.press("p")
            await wait_until(pilot, lambda: app.screen.query("#profiles"))
            await pilot.press("down", "enter")
            await wait_until(pilot, lambda: app.session is not None and app.session.user == "bob")
            assert app.session.profile.name == "second"
            assert load_config(config).default_profile is None  # the session only


async def test_add_a_profile_from_the_servers_screen(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "name")
        form = app.screen  # the first run opens the form
        assert isinstance(form, ServerForm)
        assert "Add new token" in str(form.query_one(".dialog-detail").render())
        form.query_one("#name").value = "local"  # type: ignore[attr-defined]
        form.query_one("#url").value = demo.url  # type: ignore[attr-defined]
        form.query_one("#user").value = demo.user  # type: ignore[attr-defined]
        form.query_one("#secret").value = demo.token  # type: ignore[attr-defined]
        form.query_one("#secret").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None and app.session.user == "admin")
        assert "local" in load_config(tmp_path / "config.toml").profiles
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, ServersScreen))
        servers = app.screen
        await wait_until(pilot, lambda: "local" in servers.status)  # type: ignore[attr-defined]
        assert servers.status["local"].ok  # type: ignore[attr-defined]


async def test_first_run_can_start_the_demo(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "name")
        app.screen.query_one("#demo").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None and app.session.version is not None)
        assert app.session.profile.transient
        assert not (tmp_path / "config.toml").exists()  # the demo profile is never written


async def test_queue_and_cancel(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
        await wait_until(pilot, lambda: keys_of(app, "#queue"))
        item_id = keys_of(app, "#queue")[0]
        assert "offline" in line_text(table(app, "#queue"), 1)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-0")
        await wait_until(pilot, lambda: item_id not in keys_of(app, "#queue"))


async def test_favourites_come_first_and_persist(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "java-lib" in keys_of(app))
        table(app).select_key("java-lib")
        await pilot.press("f")
        await wait_until(pilot, lambda: keys_of(app)[0] == "java-lib")
        assert "★" in line_text(table(app), 1)
    assert app.state.favourites("demo") == {"java-lib"}


async def test_help_lists_the_screen_keys(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        descriptions = {d for _, d in app.screen.keys}  # type: ignore[attr-defined]
        assert {"Filter", "Build", "Favourite", "Servers", "Queue", "Profile"} <= descriptions
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))


async def test_hostile_server_text_is_shown_harmlessly(tmp_path: Path, demo: DemoJenkins) -> None:
    from jtui.demo.model import Job

    with demo.instance.lock:
        root = demo.instance.root
        root.add(Job("evil", root, display_name="[bold]x[/] \x1b]52;c;aGk=\x07\x1b[2J pwn"))
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "evil" in keys_of(app))
        table(app).select_key("evil")
        shown = line_text(table(app), keys_of(app).index("evil") + 1)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "[bold]x[/]" in shown  # markup shown as text, not interpreted
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JobScreen))


async def test_rotate_from_the_tokens_screen(tmp_path: Path, demo: DemoJenkins) -> None:
    import httpx

    from jtui.config.secrets import resolve
    from jtui.ui.screens.tokens import TokensScreen

    config = tmp_path / "config.toml"
    add_profile(config, "demo", {"url": demo.url, "user": demo.user, "token": demo.token})
    app = make_app(tmp_path, None, load_config(config).profiles["demo"])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.session is not None and app.session.user == "admin")
        await pilot.press("4")
        await wait_until(pilot, lambda: isinstance(app.screen, TokensScreen) and app.screen.rows)
        assert [r.name for r in app.screen.rows] == ["demo"]  # type: ignore[attr-defined]
        first = app.session.generation
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        app.screen.query_one("#answer-0").focus()
        await pilot.press("enter")
        # jtui never learnt the old token's uuid: it asks which one it was.
        await wait_until(
            pilot, lambda: isinstance(app.screen, Choice) and "old token" in app.screen.question
        )  # type: ignore[attr-defined]
        app.screen.query_one("#answer-0").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None and app.session.generation > first)
    new = resolve(load_config(config).profiles["demo"].token_source, "admin").reveal()
    assert new != demo.token
    assert httpx.get(demo.url + "api/json", auth=("admin", new)).status_code == 200
    assert httpx.get(demo.url + "api/json", auth=("admin", demo.token)).status_code == 401


async def test_stale_marker_when_the_server_stops_answering(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    from jtui.ui.widgets.status_bar import status_text

    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.session is not None and app.session.refreshed_at)
        assert "updated" in status_text(app.session).plain
        demo.faults.update(sso="html")  # a login page instead of Jenkins, from now on
        await pilot.press("r")
        await wait_until(pilot, lambda: app.session is not None and app.session.stale_since)
        assert "stale since" in status_text(app.session).plain
        demo.faults.clear()
        await pilot.press("r")
        await wait_until(pilot, lambda: app.session is not None and not app.session.stale_since)


async def test_palette_offers_the_screens_actions(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Filter", "Build", "Favourite", "Refresh", "Servers", "Queue", "Profile"} <= titles


async def test_copy_the_build_url(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await app.push_screen(BuildScreen("testJob", number=6))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.clipboard.endswith("/job/testJob/6/"))
        assert app.clipboard == demo.url + "job/testJob/6/"


async def test_reopens_the_last_screen(tmp_path: Path, demo: DemoJenkins) -> None:
    first = make_app(tmp_path, demo)
    async with first.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(first))
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(first.screen, QueueScreen))
    assert first.state.last_screen() == "queue"
    again = make_app(tmp_path, demo)
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: again.session is not None)
        await wait_until(pilot, lambda: isinstance(again.screen, QueueScreen))

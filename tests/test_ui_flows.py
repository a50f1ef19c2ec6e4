"""The TUI's flows under Pilot, against the demo Jenkins over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from textual.widgets import Input, Select

from jtui.config.profiles import add_profile, load_config
from jtui.config.secrets import resolve
from jtui.core.live import Fresh
from jtui.demo import DemoJenkins
from jtui.demo.model import Job
from jtui.ui.app import JtuiApp
from jtui.ui.plain import Toggle
from jtui.ui.screens.build import BuildScreen
from jtui.ui.screens.dashboard import DashboardScreen
from jtui.ui.screens.dialogs import Choice
from jtui.ui.screens.help import HelpScreen
from jtui.ui.screens.job import JobScreen
from jtui.ui.screens.jobs import JobsScreen
from jtui.ui.screens.params import ParameterForm
from jtui.ui.screens.queue import QueueScreen
from jtui.ui.screens.server_form import ServerForm
from jtui.ui.screens.servers import ServersScreen
from jtui.ui.screens.tokens import TokensScreen
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.detail_pane import DetailPane
from jtui.ui.widgets.status_bar import status_text

from .ui_support import current, keys_of, line_text, make_app, table, wait_until

pytestmark = pytest.mark.tui
SIZE = (120, 36)


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=20) as jenkins:
        yield jenkins


def user_is(app: JtuiApp, user: str) -> bool:
    identity = app.session.identity if app.session is not None else None
    return identity is not None and identity.user == user


def console_text(screen: BuildScreen) -> str:
    return "".join(screen.query_one(ConsoleView).store.chunks())


async def test_browse_into_folders_and_back(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "platform" in keys_of(app))
        await wait_until(pilot, lambda: app.session is not None and app.session.identity)
        assert app.session is not None and app.session.identity is not None
        assert app.session.identity.version == demo.instance.version
        table(app).select_key("platform")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "platform/backend" in keys_of(app))
        assert "Jenkins › platform" in str(app.screen.query_one("#crumbs").render())
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
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None)
        await pilot.press("slash", *"paymnts")
        await wait_until(pilot, lambda: keys_of(app)[:1] == ["platform/backend/services/payments"])
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JobScreen))
        assert current(app, JobScreen).full_name == "platform/backend/services/payments"
        await wait_until(pilot, lambda: len(keys_of(app, "#builds")) == 6)


async def test_the_detail_pane_follows_a_new_best_match(tmp_path: Path, demo: DemoJenkins) -> None:
    """The cursor stays on the first row while the filter changes what that row is: the pane
    must describe the new row, not the one that left."""
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None)
        first = table(app).current_key
        await wait_until(pilot, lambda: f"{first}" in screen.pane.text)
        await pilot.press("slash", *"api")
        await wait_until(pilot, lambda: keys_of(app)[:1] == ["platform/backend/api-server"])
        assert table(app).cursor == 0
        # Within the pane's own delay and one request, not at the folder's next 5 s poll
        # (which redraws the pane anyway, and hid this).
        await wait_until(pilot, lambda: "api-server" in screen.pane.text, timeout=3)
        assert f"{first}" not in screen.pane.text


async def test_the_index_is_tried_again_after_a_failure(tmp_path: Path, demo: DemoJenkins) -> None:
    demo.faults.fail_next(500)  # the first request is the folder or the index: one fails
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = current(app, JobsScreen)
        await wait_until(pilot, lambda: screen.fuzzy is not None, timeout=20)
        await wait_until(pilot, lambda: "testJob" in keys_of(app), timeout=20)


async def test_parameterized_build_through_the_form_to_the_console(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "platform" in keys_of(app))
        current(app, JobsScreen).enter_folder("platform/infra")
        await wait_until(pilot, lambda: "platform/infra/terraform-plan" in keys_of(app))
        table(app).select_key("platform/infra/terraform-plan")
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ParameterForm))
        form = current(app, ParameterForm)
        form.query_one("#p0", Select).value = "prod"
        form.query_one("#p1", Toggle).value = True
        await pilot.click("#submit")
        await wait_until(pilot, lambda: isinstance(app.screen, BuildScreen))
        build_screen = current(app, BuildScreen)
        await wait_until(pilot, lambda: build_screen.number == 7, timeout=15)
        await wait_until(pilot, lambda: "Finished: SUCCESS" in console_text(build_screen), 20)
        text = console_text(build_screen)
        assert "WORKSPACE=prod" in text and "AUTO_APPROVE=true" in text
        build = build_screen.build
        assert build is not None
        assert {p.name: p.value for p in build.parameters} == {
            "WORKSPACE": "prod",
            "AUTO_APPROVE": True,
        }
        remembered = app.home.state.last_parameters("demo", "platform/infra/terraform-plan")
        assert remembered == {"WORKSPACE": "prod", "AUTO_APPROVE": True}


async def test_abort_a_running_build(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "long-soak-test" in keys_of(app))
        await app.push_screen(BuildScreen("long-soak-test", number=7))
        screen = current(app, BuildScreen)
        await wait_until(pilot, lambda: screen.build is not None)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-0")
        await wait_until(
            pilot, lambda: screen.build is not None and not screen.build.is_running, timeout=15
        )
        assert screen.build is not None and screen.build.result is not None
        assert screen.build.result.value == "ABORTED"


async def test_stubborn_pipeline_offers_term_and_kill(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "stuck-pipeline" in keys_of(app))
        await app.push_screen(BuildScreen("stuck-pipeline", number=7))
        screen = current(app, BuildScreen)
        await wait_until(pilot, lambda: screen.build is not None)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-0")
        await wait_until(pilot, lambda: screen.stopped)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        labels = [label for _, label in current(app, Choice).answers]
        assert labels == ["Abort", "Terminate steps", "Kill build"]
        await pilot.click("#answer-2")
        await wait_until(
            pilot, lambda: screen.build is not None and not screen.build.is_running, timeout=15
        )


async def test_switch_profile(tmp_path: Path, demo: DemoJenkins) -> None:
    with DemoJenkins(time_scale=20, user="bob") as other:
        config = tmp_path / "config.toml"
        add_profile(config, "first", {"url": demo.url, "user": demo.user, "token": demo.token})
        add_profile(config, "second", {"url": other.url, "user": "bob", "token": other.token})
        profiles = load_config(config).profiles
        app = make_app(tmp_path, None, profiles["first"])
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: user_is(app, "admin"))
            await pilot.press("p")
            await wait_until(pilot, lambda: app.screen.query("#profiles"))
            await pilot.press("down", "enter")
            await wait_until(pilot, lambda: user_is(app, "bob"))
            assert app.session is not None and app.session.profile.name == "second"
            assert load_config(config).default_profile is None  # the session only


async def test_add_a_profile_from_the_servers_screen(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "name")
        form = current(app, ServerForm)  # the first run opens the form
        assert "Add new token" in str(form.query_one(".dialog-detail").render())
        form.query_one("#name", Input).value = "local"
        form.query_one("#url", Input).value = demo.url
        form.query_one("#user", Input).value = demo.user
        form.query_one("#secret", Input).value = demo.token
        form.query_one("#secret").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: user_is(app, "admin"))
        assert "local" in load_config(tmp_path / "config.toml").profiles
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, ServersScreen))
        servers = current(app, ServersScreen)
        await wait_until(pilot, lambda: "local" in servers.checks)
        checked = servers.checks["local"]
        assert isinstance(checked, Fresh) and checked.value.ok


async def test_a_redirected_url_is_offered_before_saving(tmp_path: Path, demo: DemoJenkins) -> None:
    with DemoJenkins(time_scale=20, context_path="/jenkins") as behind:
        app = make_app(tmp_path, None)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "name")
            form = current(app, ServerForm)
            bare = behind.url.removesuffix("jenkins/")  # the server sends / to /jenkins/
            form.query_one("#name", Input).value = "ctx"
            form.query_one("#url", Input).value = bare
            form.query_one("#user", Input).value = behind.user
            form.query_one("#secret", Input).value = behind.token
            form.query_one("#secret").focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, Choice))
            assert behind.url in current(app, Choice).question
            await pilot.press("enter")  # "Use …" is the first answer
            await wait_until(pilot, lambda: user_is(app, "admin"))
        assert load_config(tmp_path / "config.toml").profiles["ctx"].url == behind.url


async def test_first_run_can_start_the_demo(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "name")
        app.screen.query_one("#demo").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None and app.session.identity)
        assert app.session is not None and app.session.profile.transient
        board = current(app, DashboardScreen)  # its three servers first
        await wait_until(pilot, lambda: board.table.row_count == 3)
        assert list(board.table.keys) == ["demo", "demo-staging", "demo-legacy"]
        assert not (tmp_path / "config.toml").exists()  # the demo profiles are never written


async def test_queue_and_cancel(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
        await wait_until(pilot, lambda: keys_of(app, "#queue"))
        item_id = keys_of(app, "#queue")[0]
        assert "windows-installer" in line_text(table(app, "#queue"), 1)
        pane = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: "offline" in pane.text)  # the why, whole, beside
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.click("#answer-0")
        await wait_until(pilot, lambda: item_id not in keys_of(app, "#queue"))


async def test_read_only_profiles_refuse_before_asking(tmp_path: Path, demo: DemoJenkins) -> None:
    config = tmp_path / "config.toml"
    fields = {"url": demo.url, "user": demo.user, "token": demo.token, "read_only": True}
    add_profile(config, "ro", fields)
    app = make_app(tmp_path, None, load_config(config).profiles["ro"])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        table(app).select_key("testJob")
        await pilot.press("b")
        await wait_until(pilot, lambda: bool(app.said))
        assert app.said == ["profile ro is read-only: build refused"]
        assert isinstance(app.screen, JobsScreen)  # no form, no dialog was shown


async def test_favourites_come_first_and_persist(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "java-lib" in keys_of(app))
        table(app).select_key("java-lib")
        await pilot.press("f")
        await wait_until(pilot, lambda: keys_of(app)[0] == "java-lib")
        assert "✦" in line_text(table(app), 1)
    assert app.home.state.favourites("demo") == {"java-lib"}


async def test_help_lists_the_screen_keys(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        descriptions = {d for _, d in current(app, HelpScreen).keys}
        assert {"Filter", "Build", "Favourite", "Servers", "Queue", "Profile"} <= descriptions
        await pilot.press("question_mark")  # the help key closes it again
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))


async def test_keys_remapped_in_the_config(tmp_path: Path, demo: DemoJenkins) -> None:
    app = make_app(tmp_path, demo, keys={"build": "ctrl+b", "queue": "Q"})
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(app))
        table(app).select_key("deploy-service")
        await pilot.press("b")  # the old key is free: nothing happens
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = dict((d, k) for k, d in current(app, HelpScreen).keys)
        assert shown["Build"] == "^b" and shown["Queue"] == "Q"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: isinstance(app.screen, ParameterForm))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, JobsScreen))
        await pilot.press("Q")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))


async def test_hostile_server_text_is_shown_harmlessly(tmp_path: Path, demo: DemoJenkins) -> None:
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
    config = tmp_path / "config.toml"
    add_profile(config, "demo", {"url": demo.url, "user": demo.user, "token": demo.token})
    app = make_app(tmp_path, None, load_config(config).profiles["demo"])
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: user_is(app, "admin"))
        await pilot.press("4")
        await wait_until(pilot, lambda: isinstance(app.screen, TokensScreen) and app.screen.rows)
        assert [r.name for r in current(app, TokensScreen).rows] == ["demo"]
        first = app.session
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, Choice))
        app.screen.query_one("#answer-0").focus()
        await pilot.press("enter")
        # jtui never learnt the old token's uuid: it asks which one it was.
        await wait_until(
            pilot, lambda: isinstance(app.screen, Choice) and "old token" in app.screen.question
        )
        app.screen.query_one("#answer-0").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None and app.session is not first)
        assert app.current_mode == "tokens"  # the rotation is done where it was started
    new = resolve(load_config(config).profiles["demo"].token_source, "admin").reveal()
    assert new != demo.token
    assert httpx.get(demo.url + "api/json", auth=("admin", new)).status_code == 200
    assert httpx.get(demo.url + "api/json", auth=("admin", demo.token)).status_code == 401


async def test_stale_marker_when_the_server_stops_answering(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    app = make_app(tmp_path, demo)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.session is not None and app.session.health.refreshed_at)
        assert "updated" in status_text(app.session).plain
        demo.faults.update(sso="html")  # a login page instead of Jenkins, from now on
        await pilot.press("r")
        await wait_until(pilot, lambda: app.session is not None and app.session.health.stale_since)
        assert "stale since" in status_text(app.session).plain
        assert "answered GET" in status_text(app.session).plain  # and why
        demo.faults.clear()
        await pilot.press("r")
        await wait_until(
            pilot, lambda: app.session is not None and not app.session.health.stale_since
        )


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
    assert first.home.state.last_screen() == "queue"
    again = make_app(tmp_path, demo)
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: again.session is not None)
        await wait_until(pilot, lambda: isinstance(again.screen, QueueScreen))

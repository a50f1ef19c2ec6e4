"""The command line against the demo Jenkins: profiles, check, jobs, build, log, queue…"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.config.profiles import load_config, update_profile
from jtui.demo import DemoJenkins

from .cli_support import Jtui
from .conftest import closed_port

pytestmark = pytest.mark.e2e


@pytest.fixture
def jtui(tmp_path: Path) -> Jtui:
    return Jtui(tmp_path)


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=50, context_path="/jenkins") as jenkins:
        yield jenkins


@pytest.fixture
def added(jtui: Jtui, demo: DemoJenkins) -> Jtui:
    result = jtui.add_profile(
        "demo",
        demo.url,
        demo.user,
        "--token-stdin",
        stdin=demo.token + "\n",
    )
    assert result.returncode == 0, result.stderr
    return jtui


def test_profile_add_checks_and_offers_the_redirected_url(jtui: Jtui, demo: DemoJenkins) -> None:
    root = demo.url.removesuffix("jenkins/")
    refused = jtui.add_profile(
        "demo",
        root,
        demo.user,
        "--token-stdin",
        stdin=demo.token,
    )
    assert refused.returncode == 2
    assert f"redirects to {demo.url}" in refused.stderr
    assert not jtui.config.exists()
    accepted = jtui.add_profile(
        "demo",
        root,
        demo.user,
        "--token-stdin",
        "--yes",
        stdin=demo.token,
    )
    assert accepted.returncode == 0, accepted.stderr
    assert f"Jenkins {demo.instance.version}" in accepted.stdout
    assert load_config(jtui.config).profiles["demo"].url == demo.url


def test_profile_add_refuses_a_bad_token(jtui: Jtui, demo: DemoJenkins) -> None:
    result = jtui.add_profile(
        "demo",
        demo.url,
        demo.user,
        "--token-stdin",
        stdin="11" + "0" * 32,
    )
    assert result.returncode == 5
    assert "HTTP 401" in result.stderr
    assert not jtui.config.exists()


def test_profile_list_default_remove(added: Jtui, demo: DemoJenkins) -> None:
    env_token = added.add_profile(
        "second",
        demo.url,
        demo.user,
        "--token-env",
        "DEMO_TOKEN",
        env={"DEMO_TOKEN": demo.token},
    )
    assert env_token.returncode == 0, env_token.stderr
    listing = json.loads(added("profile", "list", "--json").stdout)
    assert [p["name"] for p in listing] == ["demo", "second"]
    assert listing[1]["token_source"] == "token_env"
    ambiguous = added("check")
    assert ambiguous.returncode == 5 and "several profiles" in ambiguous.stderr
    assert added("profile", "default", "second").returncode == 0
    assert "default" in added("profile", "list").stdout
    refused = added("profile", "remove", "second")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert added("profile", "remove", "second", "--yes").returncode == 0
    assert set(load_config(added.config).profiles) == {"demo"}


def test_check(added: Jtui, demo: DemoJenkins) -> None:
    result = added("check")
    assert result.returncode == 0, result.stderr
    assert f"Jenkins {demo.instance.version}" in result.stdout
    assert re.search(r"user\s+admin", result.stdout)
    assert "config file (token)" in result.stdout
    assert re.search(r"latency\s+\d+ ms", result.stdout)


def test_check_reports_what_is_wrong_with_the_keys(added: Jtui) -> None:
    top = 'theme = "nord"\nnotify = "bell"\n'
    keys = '\n[keys]\nbuild = "r"\nbiuld = "x"\nabort = "ctrl+h"\n'
    added.config.write_text(top + added.config.read_text() + keys)
    result = added("check")
    assert result.returncode == 0, result.stderr
    assert "'r' is both build and refresh on Jobs" in result.stdout
    assert "biuld: no such action" in result.stdout
    assert "abort = 'ctrl+h': terminals send it as Backspace" in result.stdout
    assert "theme" not in result.stdout and "notify" not in result.stdout  # known keys


def test_check_failures_exit_5(added: Jtui, demo: DemoJenkins) -> None:
    demo.faults.update(sso="html")
    result = added("check")
    assert result.returncode == 5
    assert result.stderr.count("\n") == 1 and "login page" in result.stderr


def test_global_options_before_or_after_the_command(added: Jtui, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    assert added("--config", str(other), "check").returncode == 5
    assert added("check", "--config", str(other)).returncode == 5
    assert added("--profile", "demo", "check").returncode == 0
    assert added("check", "--profile", "nope").returncode == 5


def test_env_profile_without_config(jtui: Jtui, demo: DemoJenkins) -> None:
    env = {"JENKINS_URL": demo.url, "JENKINS_USER_ID": demo.user, "JENKINS_API_TOKEN": demo.token}
    result = jtui("check", env=env)
    assert result.returncode == 0, result.stderr
    assert "environment variable JENKINS_API_TOKEN" in result.stdout


def test_jobs_text_and_json(added: Jtui, demo: DemoJenkins) -> None:
    text = added("jobs")
    assert text.returncode == 0
    assert re.search(r"✘ failure\s+flaky-integration", text.stdout)
    assert "platform/backend/services/payments" in text.stdout
    rows = json.loads(added("jobs", "--json").stdout)
    branch = next(r for r in rows if r["full_name"] == "webapp/feature%2Flogin")
    assert branch == {
        "full_name": "webapp/feature%2Flogin",
        "display_name": "feature/login",
        "url": demo.url + "job/webapp/job/feature%252Flogin/",
        "color": branch["color"],
        "kind": "pipeline",
    }
    assert not any(r["kind"] in ("folder", "multibranch", "organization") for r in rows)
    kinds = {r["kind"] for r in json.loads(added("jobs", "--json", "--folders").stdout)}
    assert {"folder", "multibranch", "organization", "matrix", "maven", "freestyle"} <= kinds


def test_build_prints_the_queue_item(added: Jtui, demo: DemoJenkins) -> None:
    result = added("build", "testJob")
    assert result.returncode == 0
    assert re.fullmatch(re.escape(demo.url) + r"queue/item/\d+/\n", result.stdout)


@pytest.mark.parametrize(
    ("job", "code"),
    [("testJob", 0), ("flaky-integration", 0), ("lint-checks", 3), ("java-lib", 0)],
)
def test_build_follow_exits_by_result(added: Jtui, job: str, code: int) -> None:
    result = added("build", job, "--follow")
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith("Started by user")
    assert "Finished:" in result.stdout
    assert "\r" not in result.stdout and "ha:////" not in result.stdout
    assert "\x1b[32m" in result.stdout  # colours kept


def test_build_follow_failure_is_exit_1(added: Jtui, demo: DemoJenkins) -> None:
    with demo.instance.lock:
        demo.instance.job("flaky-integration").next_build_number = 9  # 9 % 3 → FAILURE
    result = added("build", "flaky-integration", "--follow")
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("Finished: FAILURE")


def test_build_with_parameters_and_a_file(added: Jtui, demo: DemoJenkins, tmp_path: Path) -> None:
    upload = tmp_path / "override.yaml"
    upload.write_text("replicas: 3\n")
    result = added(
        "build",
        demo.url + "job/deploy-service/",
        "-p",
        "VERSION=3.1",
        "-p",
        "DRY_RUN=false",
        "-p",
        "ENVIRONMENT=production",
        "-p",
        f"CONFIG_FILE=@{upload}",
        "--follow",
    )
    assert result.returncode == 0, result.stderr
    assert "VERSION=3.1" in result.stdout and "DRY_RUN=false" in result.stdout
    assert "CONFIG_FILE=" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deploy-service", "-p", "DRY_RUN=maybe"], "true or false"),
        (["deploy-service", "-p", "ENVIRONMENT=moon"], "one of: staging, production"),
        (["deploy-service", "-p", "NOPE=1"], "unknown parameter NOPE"),
        (["deploy-service", "-p", "CONFIG_FILE=plain"], "@PATH"),
        (["deploy-service", "-p", "VERSION"], "NAME=VALUE"),
        (["testJob", "-p", "A=1"], "takes no parameters"),
    ],
)
def test_build_usage_errors_exit_2(added: Jtui, args: list[str], message: str) -> None:
    result = added("build", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_build_errors_exit_5(added: Jtui) -> None:
    disabled = added("build", "legacy-nightly")
    assert disabled.returncode == 5 and "is disabled in Jenkins" in disabled.stderr
    display = added("build", "platform/Backend services/worker")
    assert display.returncode == 5
    assert "its full name is 'platform/backend/worker'" in display.stderr
    missing = added("build", "no-such-job")
    assert missing.returncode == 5


def test_cancelled_in_queue_exits_4(added: Jtui, demo: DemoJenkins) -> None:
    with demo.instance.lock:
        demo.instance.job("never-built").settings.quiet_period = 3600
    process = added.popen("build", "never-built", "--follow")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with demo.instance.lock:
            live = [e for e in demo.instance.live_queue() if e.job.name == "never-built"]
        if live:
            break
        time.sleep(0.01)
    assert added("cancel", str(live[0].id), "--yes").returncode == 0
    assert process.wait(timeout=30) == 4


def test_build_timeout(added: Jtui) -> None:
    result = added("build", "long-soak-test", "--follow", "--timeout", "1")
    assert result.returncode == 5
    assert "gave up after 1 s" in result.stderr


def test_read_only_and_confirm_profiles(added: Jtui) -> None:
    update_profile(added.config, "demo", {"read_only": True})
    refused = added("build", "testJob")
    assert refused.returncode == 5 and "read-only" in refused.stderr
    assert added("stop", "long-soak-test", "--yes").returncode == 5
    update_profile(added.config, "demo", {"read_only": False, "confirm": True})
    unconfirmed = added("build", "testJob")
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert added("build", "testJob", "--yes").returncode == 0


def test_log_and_log_follow(added: Jtui) -> None:
    last = added("log", "testJob")
    assert last.returncode == 0 and last.stdout.endswith("Finished: SUCCESS\n")
    numbered = added("log", "lint-checks", "2")
    assert numbered.returncode == 0 and "UNSTABLE" in numbered.stdout
    followed = added("log", "lint-checks", "--follow")
    assert followed.returncode == 3


def test_stop_queue_cancel(added: Jtui, demo: DemoJenkins) -> None:
    assert added("stop", "long-soak-test").returncode == 2  # not confirmed, no terminal
    stopped = added("stop", "long-soak-test", "--yes")
    assert stopped.returncode == 0 and "stopped long-soak-test #7" in stopped.stdout
    assert added("log", "long-soak-test", "--follow").returncode == 4
    queued = json.loads(added("queue", "--json").stdout)
    stuck = next(i for i in queued if i["job"] == "windows-installer")
    assert stuck["stuck"] is True and stuck["why"] == "‘windows-agent-1’ is offline"
    assert "windows-installer" in added("queue").stdout
    assert added("cancel", str(stuck["id"]), "--yes").returncode == 0
    again = added("cancel", str(stuck["id"]), "--yes")
    assert again.returncode == 5 and "was cancelled already" in again.stderr


def test_unreachable_server_exits_5(jtui: Jtui) -> None:
    port = closed_port()
    jtui.config.parent.mkdir(parents=True)
    jtui.config.write_text(
        f'[profiles.gone]\nurl = "http://127.0.0.1:{port}/"\nuser = "u"\ntoken = "t"\n'
    )
    result = jtui("jobs")
    assert result.returncode == 5
    assert f"cannot connect to 127.0.0.1:{port}" in result.stderr


def test_interrupt_exits_130(added: Jtui) -> None:
    process = added.popen("log", "long-soak-test", "--follow")
    assert process.stdout is not None
    process.stdout.readline()  # streaming has begun
    process.send_signal(signal.SIGINT)
    try:
        assert process.wait(timeout=20) == 130
    except subprocess.TimeoutExpired:  # say where it hung (faulthandler dumps the threads)
        process.send_signal(signal.SIGABRT)
        raise AssertionError(f"still running after ^C:\n{process.communicate()[1]}") from None


def test_interrupt_while_the_reader_stopped_reading_exits_130(
    added: Jtui, demo: DemoJenkins
) -> None:
    """^C while a write blocks on a full pipe (`jtui log … | less`, less paused)."""
    job = demo.instance.job("testJob")
    number = max(n for n, build in job.builds.items() if not build.building)
    job.builds[number].log = bytearray(b"a line of the log\n" * 50_000)  # more than a pipe holds
    process = added.popen("log", "testJob", str(number))  # its stdout is never read
    wchan = Path(f"/proc/{process.pid}/wchan")
    deadline = time.monotonic() + 30
    while "pipe_write" not in wchan.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "pipe_write" in wchan.read_text(), "the log should fill the pipe"
    process.send_signal(signal.SIGINT)
    try:
        assert process.wait(timeout=20) == 130
    finally:
        process.kill()


def test_a_piped_log_keeps_its_colours_unless_told_not_to(added: Jtui) -> None:
    assert "\x1b[32m" in added("log", "testJob").stdout  # piped: the log's own colours stay
    assert "\x1b" not in added("log", "testJob", env={"NO_COLOR": "1"}).stdout
    assert "\x1b" not in added("log", "testJob", "--color", "never").stdout
    assert "\x1b[32m" in added("--color", "always", "log", "testJob", env={"NO_COLOR": "1"}).stdout


def test_profile_edit_checks_then_changes(added: Jtui, demo: DemoJenkins) -> None:
    assert added("profile", "edit", "demo", "--read-only").returncode == 0
    assert load_config(added.config).profiles["demo"].read_only
    refused = added("build", "testJob")
    assert refused.returncode == 5 and "read-only" in refused.stderr
    assert added("profile", "edit", "demo", "--no-read-only").returncode == 0
    wrong = added("profile", "edit", "demo", "--token-stdin", stdin="11" + "0" * 32)
    assert wrong.returncode == 5 and "rejected the credentials" in wrong.stderr
    assert not load_config(added.config).profiles["demo"].read_only  # nothing saved
    moved = added(
        "profile", "edit", "demo", "--token-env", "DEMO_TOKEN", env={"DEMO_TOKEN": demo.token}
    )
    assert moved.returncode == 0, moved.stderr
    assert load_config(added.config).profiles["demo"].token_source.kind.value == "token_env"

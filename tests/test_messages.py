"""Every failure is one line that says the cause and the next step, with the right exit code:
2 for what the user typed, 5 for the environment and the server — never 1, never a
traceback."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.config.profiles import update_profile
from jtui.demo import DemoJenkins

from .cli_support import Jtui

pytestmark = pytest.mark.e2e
PASSWORD = "s3cret-pass"


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=50, password=PASSWORD) as jenkins:
        yield jenkins


@pytest.fixture
def jtui(tmp_path: Path) -> Jtui:
    return Jtui(tmp_path)


@pytest.fixture
def added(tmp_path: Path, demo: DemoJenkins) -> Jtui:
    jtui = Jtui(tmp_path)
    result = jtui.add_profile("demo", demo.url, demo.user, "--token-stdin", stdin=demo.token)
    assert result.returncode == 0, result.stderr
    return jtui


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    if stderr.startswith("usage:"):  # argparse: the usage, then one line of error
        return stderr.strip().splitlines()[-1]
    lines = [line for line in stderr.splitlines() if not line.startswith("jtui: warning")]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["build", "legacy-nightly"], 5, "is disabled in Jenkins: enable it there"),
        (["build", "platform"], 2, "is a folder, not a job: build one of its jobs"),
        (["build", "payments"], 5, "give the full name: 'platform/backend/services/payments'"),
        (["build", "platform/Backend services/worker"], 5, "its full name is"),
        (["log", "testJob", "99"], 5, "no build #99 of 'testJob' on"),
        (["log", "nope"], 5, "no job 'nope' on"),
        (["log", ""], 2, "name a job"),
        (["log", "platform/../testJob"], 2, "no empty, '.' or '..' parts"),
        (["log", "testJob", "0"], 2, "a number from 1 up"),
        (["build", "testJob", "--follow", "--timeout", "-1"], 2, "above 0"),
        (["build", "http://ci.example.com/job/testJob/"], 2, "no profile is for that server"),
        (["cancel", "999999", "--yes"], 5, "is not in the queue of"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_each_message_says_what_to_do(added: Jtui, args: list[str], code: int, said: str) -> None:
    result = added(*args)
    assert result.returncode == code, result.stderr
    assert said in one_line(result.stderr)


def test_a_job_url_of_another_server_with_a_profile_named_is_a_usage_error(
    added: Jtui, demo: DemoJenkins
) -> None:
    result = added("--profile", "demo", "build", "http://ci.example.com/job/testJob/")
    assert result.returncode == 2
    assert "is on ci.example.com, not on" in one_line(result.stderr)


def test_a_job_url_picks_the_profile_of_its_server(
    added: Jtui, demo: DemoJenkins, tmp_path: Path
) -> None:
    with DemoJenkins(time_scale=50) as other:
        made = added.add_profile("other", other.url, other.user, "--token-stdin", stdin=other.token)
        assert made.returncode == 0, made.stderr
        update_profile(added.config, "demo", {})  # two profiles, no default
        result = added("build", other.url + "job/testJob/")
        assert result.returncode == 0, result.stderr
        assert "is profile other's server: using it" in result.stderr
        assert other.requests.count("/job/testJob/build", "POST") == 1


def test_a_second_cancel_says_the_item_has_gone(added: Jtui, demo: DemoJenkins) -> None:
    with demo.instance.lock:
        (stuck,) = [e.id for e in demo.instance.live_queue() if e.job.name == "windows-installer"]
    assert added("cancel", str(stuck), "--yes").returncode == 0
    again = added("cancel", str(stuck), "--yes")
    assert again.returncode == 5
    assert f"queue item {stuck} was cancelled already" in one_line(again.stderr)


def test_a_server_that_is_not_jenkins(jtui: Jtui, tmp_path: Path) -> None:
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{web.server_address[1]}/"
        result = jtui.add_profile("web", url, "u", "--token-stdin", stdin="11abc")
    finally:
        web.shutdown()
    assert result.returncode == 5
    assert "it is not Jenkins, or not at this path" in one_line(result.stderr)


def test_https_to_a_plain_http_port(jtui: Jtui, demo: DemoJenkins) -> None:
    url = demo.url.replace("http://", "https://")
    result = jtui.add_profile("tls", url, demo.user, "--token-stdin", stdin=demo.token)
    assert result.returncode == 5
    assert "answers plain HTTP on this port, not HTTPS: use http://" in one_line(result.stderr)


def test_a_wrong_password(jtui: Jtui, demo: DemoJenkins) -> None:
    result = jtui.add_profile("p", demo.url, demo.user, "--password-stdin", stdin="nope\n")
    assert result.returncode == 5
    assert "did not accept the password of 'admin'" in one_line(result.stderr)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("ci.example.com", "it starts with https:// or http://"),
        ("http://host:abc/", "not a valid URL"),
        ("http://[::1/", "Invalid IPv6 URL"),
        ("http://xn--/", "not a valid host name"),
        ("htps://admin:11secret@h/", "put the user and token in the profile"),
    ],
)
def test_a_bad_url_is_a_usage_error_that_never_echoes_credentials(
    jtui: Jtui, url: str, said: str
) -> None:
    result = jtui.add_profile("bad", url, "u", "--token-stdin", stdin="11abc")
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert said in line and "11secret" not in line


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("rotate_after_days = inf", "'rotate_after_days' must be from 1 to 36500"),
        ("refresh_seconds = 0.01", "'refresh_seconds' must be from 1 to 3600"),
        ('url = "http://[::1/"', "not a valid URL"),
    ],
)
def test_a_bad_config_value_is_exit_5(added: Jtui, setting: str, said: str) -> None:
    text = added.config.read_text()
    key = setting.split(" = ")[0]
    kept = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
    added.config.write_text("\n".join([*kept, setting]) + "\n")
    result = added("check")
    assert result.returncode == 5
    assert said in one_line(result.stderr)


def test_a_token_command_that_cannot_run(added: Jtui, tmp_path: Path) -> None:
    script = tmp_path / "not-executable.sh"
    script.write_text("#!/bin/sh\necho 11abc\n")
    update_profile(added.config, "demo", {"token_command": str(script)}, ("token",))
    result = added("check")
    assert result.returncode == 5
    assert "cannot be run: Permission denied" in one_line(result.stderr)


def test_an_unwritable_config_directory(jtui: Jtui, demo: DemoJenkins) -> None:
    jtui.config.parent.parent.mkdir(parents=True)
    jtui.config.parent.write_text("a file where the config directory should be")
    result = jtui.add_profile("demo", demo.url, demo.user, "--token-stdin", stdin=demo.token)
    assert result.returncode == 5
    assert "Not a directory" in one_line(result.stderr)


def sent_key(demo: DemoJenkins) -> object:
    with demo.instance.lock:
        job = demo.instance.job("deploy-service")
        last = job.builds[max(job.builds)]
        return next(p.value for p in last.params if p.name == "DEPLOY_KEY")


def test_password_parameters_from_stdin_or_the_environment(added: Jtui, demo: DemoJenkins) -> None:
    from_stdin = added(
        "build", "deploy-service", "-p", "DEPLOY_KEY=@-", "--follow", stdin="from-stdin\n"
    )
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert sent_key(demo) == "from-stdin"
    from_env = added(
        "build", "deploy-service", "-p", "DEPLOY_KEY=@env:KEY", "--follow", env={"KEY": "from-env"}
    )
    assert from_env.returncode == 0, from_env.stderr
    assert sent_key(demo) == "from-env"
    missing = added("build", "deploy-service", "-p", "DEPLOY_KEY=@env:NOPE")
    assert missing.returncode == 2
    assert "environment variable NOPE is not set" in one_line(missing.stderr)


def test_a_bad_colour_is_a_warning_not_a_crash(added: Jtui) -> None:
    from jtui.ui.widgets.status_bar import badge_style

    update_profile(added.config, "demo", {"color": "reddish"})
    result = added("check")
    assert result.returncode == 0
    assert "color 'reddish' is not a colour" in result.stdout
    assert badge_style("reddish") == badge_style(None)  # the TUI shows no colour instead
    assert badge_style("red") != badge_style(None)

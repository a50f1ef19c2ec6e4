"""A recognisable token, run through every command: it must show up nowhere but the config."""

from __future__ import annotations

import base64
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.config.profiles import update_profile
from jtui.demo import DemoJenkins

from .cli_support import Jtui

pytestmark = pytest.mark.e2e

TOKEN = "11" + "cafe" * 8  # never printed by anything below


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=50, token=TOKEN) as jenkins:
        yield jenkins


def outputs(jtui: Jtui, demo: DemoJenkins, tmp_path: Path) -> list[str]:
    seen: list[str] = []
    vault = tmp_path / "vault.py"  # a stand-in for `pass show …`
    vault.write_text(f"print({TOKEN!r})\n")

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> None:
        result = jtui(*args, stdin=stdin, env=env)
        seen.extend([result.stdout, result.stderr])

    run(
        "profile",
        "add",
        "main",
        "--url",
        demo.url,
        "--user",
        demo.user,
        "--token-stdin",
        stdin=TOKEN,
    )
    run(
        "profile",
        "add",
        "viaenv",
        "--url",
        demo.url,
        "--user",
        demo.user,
        "--token-env",
        "LEAK_TOKEN",
        env={"LEAK_TOKEN": TOKEN},
    )
    run(
        "profile",
        "add",
        "viacmd",
        "--url",
        demo.url,
        "--user",
        demo.user,
        "--token-command",
        f"{sys.executable} {vault}",
    )
    run("profile", "default", "main")
    run("profile", "list")
    run("profile", "list", "--json")
    for profile in ("main", "viaenv", "viacmd"):
        run("--profile", profile, "check", env={"LEAK_TOKEN": TOKEN})
    run("jobs")
    run("jobs", "--json", "--folders")
    run("build", "testJob")
    run("build", "testJob", "--follow")
    run("build", "deploy-service", "-p", "VERSION=1", "--follow")
    run("build", "deploy-service", "-p", "NOPE=1")
    run("build", "legacy-nightly")
    run("log", "testJob")
    run("log", "testJob", "--follow")
    run("queue")
    run("queue", "--json")
    run("stop", "long-soak-test", "--yes")
    run("cancel", "999999", "--yes")
    run("--debug", "check")  # the debug log too: every request, no token
    run("build", "deploy-service", "-p", "VERSION=2", "--follow", env={"JTUI_DEBUG": "1"})
    run("--profile", "viacmd", "token", "list", "--debug")
    update_profile(jtui.config, "main", {"token": TOKEN[:-1] + "0"})  # a wrong token, alike
    run("check")
    run("jobs")
    run("build", "testJob", "--follow")
    run("profile", "remove", "viacmd", "--yes")
    return seen


def test_token_appears_in_no_output_and_no_other_file(tmp_path: Path, demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    seen = outputs(jtui, demo, tmp_path)
    assert any("Finished: SUCCESS" in text for text in seen)  # the commands did run
    for text in seen:
        assert TOKEN not in text
        assert TOKEN[:-1] not in text
    written = [p for p in jtui.written_files() if p not in (jtui.config, tmp_path / "vault.py")]
    for path in written:
        assert TOKEN.encode() not in path.read_bytes(), path
    assert TOKEN[:-1].encode() in jtui.config.read_bytes()  # it is stored where it belongs
    (log,) = [p for p in written if p.name == "jtui.log"]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    logged = log.read_text()
    assert "GET /whoAmI/api/json → 200" in logged and "POST /job/deploy-service" in logged
    assert (
        "Basic " not in logged
        and base64.b64encode(f"admin:{TOKEN}".encode()).decode() not in logged
    )

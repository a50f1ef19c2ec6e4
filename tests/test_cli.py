"""The `jtui` command as a user runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from jtui import __version__

from .cli_support import demo_server as running_demo_server

pytestmark = pytest.mark.e2e

JTUI = [sys.executable, "-m", "jtui"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*JTUI, *args], capture_output=True, text=True, timeout=60)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"jtui {__version__}"


def test_help_lists_the_demo_server() -> None:
    result = run("--help")
    assert result.returncode == 0 and "demo-server" in result.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("jtui")
    assert script.exists(), "pip install -e . should have installed the jtui command"


@pytest.fixture
def demo_server() -> Iterator[tuple[str, str, str]]:
    with running_demo_server("--time-scale", "50") as started:
        yield started


def test_demo_server_banner_and_the_curl_example(demo_server: tuple[str, str, str]) -> None:
    url, user, token = demo_server
    curl = shutil.which("curl")
    assert curl, "curl is needed for the README's example (.ci/run installs it)"
    result = subprocess.run(
        [curl, "-s", "-i", "-X", "POST", f"{url}job/testJob/build", "--user", f"{user}:{token}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    status_line = result.stdout.splitlines()[0]
    assert " 201 " in status_line
    assert re.search(r"(?im)^location: .*/queue/item/\d+/\s*$", result.stdout)
    assert httpx.get(url + "api/json", auth=(user, token)).json()["_class"] == "hudson.model.Hudson"


def test_demo_server_refuses_a_busy_port(demo_server: tuple[str, str, str]) -> None:
    port = demo_server[0].rsplit(":", 1)[1].strip("/")
    result = run("demo-server", "--port", port)
    assert result.returncode == 5
    assert "cannot listen" in result.stderr

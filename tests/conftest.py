"""Shared fixtures: a fresh demo Jenkins per test, and clients for it."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from jtui.demo import DemoJenkins
from jtui.jenkins import Credentials, JenkinsClient
from jtui.secret import Secret

FAST = 50.0  # demo time scale: a 5 s quiet period takes 0.1 s
GROUPS = ("unit", "demo", "tui", "e2e", "lint")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test belongs to exactly one group, so `pytest -m unit` means what it says."""
    for item in items:
        groups = {mark.name for mark in item.iter_markers() if mark.name in GROUPS}
        if len(groups) != 1:
            raise pytest.UsageError(f"{item.nodeid}: give it one of {GROUPS}, not {groups}")


@pytest.fixture(autouse=True)
def private_directories(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's config, state and cache."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in (
        "JTUI_CONFIG",
        "JTUI_PROFILE",
        "JENKINS_URL",
        "JENKINS_USER_ID",
        "JENKINS_API_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=FAST) as jenkins:
        yield jenkins


def credentials(demo: DemoJenkins) -> Credentials:
    return Credentials(demo.user, Secret(demo.token))


@pytest.fixture
async def client(demo: DemoJenkins) -> AsyncIterator[JenkinsClient]:
    async with JenkinsClient(demo.url, credentials(demo), retry_delays=(0.01, 0.01)) as jenkins:
        yield jenkins


@pytest.fixture
def http(demo: DemoJenkins) -> Iterator[httpx.Client]:
    """A plain HTTP client with the demo's token, for checking the demo's raw answers."""
    with httpx.Client(base_url=demo.url, auth=(demo.user, demo.token)) as raw:
        yield raw

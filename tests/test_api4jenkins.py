"""A second third-party client, api4jenkins, against the demo set to have only Stage View:
it finds a pending input through `wfapi/describe`'s links, answers it with the input form's
`submit`, and lists and saves artifacts through `wfapi/artifacts`, as against real Jenkins."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from api4jenkins import Jenkins

from jtui.demo import DemoJenkins

pytestmark = pytest.mark.demo
GATE = "platform/release-gate"  # waits at "Deploy to prod?" (REGION choice, DRY_RUN boolean)


@pytest.fixture
def server(demo: DemoJenkins) -> Any:
    demo.faults.update(stage_api="wfapi")
    return Jenkins(demo.url, auth=auth(demo), timeout=10)


def waiting_build(server: Any) -> Any:
    job = server.get_job(GATE)
    running = [build for build in job.iter() if build.building]
    assert running, "the demo's gate should have a running build"
    return running[0]


def finished(build: Any) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if not build.building:
            return str(build.result)
        time.sleep(0.05)
    raise AssertionError(f"{build.url} never finished")


def test_a_pending_input_is_found_and_submitted(server: Any) -> None:
    build = waiting_build(server)
    action = build.get_pending_input()
    assert action is not None
    assert (action.raw["id"], action.raw["proceedText"]) == ("Deploy", "Ship it")
    assert [i["name"] for i in action.raw["inputs"]] == ["REGION", "DRY_RUN"]
    action.submit(REGION="us", DRY_RUN=False)
    assert "Approved by admin: REGION=us, DRY_RUN=false" in "\n".join(build.console_text())
    assert build.get_pending_input() is None
    assert finished(build) == "SUCCESS"


def test_a_pending_input_is_aborted(server: Any) -> None:
    build = waiting_build(server)
    build.get_pending_input().abort()
    assert finished(build) == "ABORTED"


def test_artifacts_are_listed_and_saved_byte_identical(
    server: Any, demo: DemoJenkins, tmp_path: Path
) -> None:
    job = server.get_job("platform/release-train")
    build = job.get_last_build()
    artifacts = build.artifacts
    assert artifacts, "the demo's release train archives files"
    assert [a.raw["path"] for a in artifacts] == [
        "dist/app.tar.gz",
        "reports/Überblick über den Lauf.txt",
    ]
    for artifact in artifacts:
        target = tmp_path / artifact.name
        artifact.save(str(target))
        assert target.stat().st_size == artifact.raw["size"]
        served = httpx.get(f"{build.url}artifact/{artifact.raw['path']}", auth=auth(demo))
        assert target.read_bytes() == served.content


def auth(demo: DemoJenkins) -> tuple[str, str]:
    return demo.user, demo.token

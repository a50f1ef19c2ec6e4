"""Multibranch scans against the demo: `POST build?delay=0` answers 302 with no queue item,
the scan's log is followed until Jenkins says it is done; `jtui scan`, and `jtui build` on a
multibranch project pointing to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from jtui.demo import DemoJenkins
from jtui.jenkins.client import JenkinsClient
from jtui.jenkins.console import ConsoleAppend

from .cli_support import Jtui

pytestmark = pytest.mark.demo


async def test_a_scan_runs_and_its_log_ends(client: JenkinsClient, demo: DemoJenkins) -> None:
    await client.scan("webapp")
    assert demo.requests.count("/job/webapp/build", "POST") == 1
    stream = client.scan_log("webapp")
    text = ""
    for _ in range(500):
        polled = await stream.poll()
        text += "".join(e.text for e in polled.events if isinstance(e, ConsoleAppend))
        if not polled.more:
            break
    assert text.startswith("Started by user admin\n")
    assert "  Checking branch PR-42\n" in text and text.endswith("Finished: SUCCESS\n")


def test_jtui_scan_follows_and_build_points_to_it(tmp_path: Path, demo: DemoJenkins) -> None:
    env = {"JENKINS_URL": demo.url, "JENKINS_USER_ID": demo.user, "JENKINS_API_TOKEN": demo.token}
    cli = Jtui(tmp_path, env)
    followed = cli("scan", "acme", "--follow", "--color", "never")  # an organization folder
    assert followed.returncode == 0, followed.stderr
    assert followed.stdout.endswith("Finished: SUCCESS\n")
    assert demo.requests.count("/job/acme/computation/logText/progressiveText") >= 1
    wrong = cli("scan", "testJob")
    assert wrong.returncode == 2 and "not a multibranch project" in wrong.stderr
    build = cli("build", "webapp")
    assert build.returncode == 2 and "`jtui scan webapp`" in build.stderr

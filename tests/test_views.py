"""Views against the demo over HTTP: the root's (list views, one recursing into folders, a
nested view), a multibranch project's tabs; `jtui views`, `jtui jobs --view`; python-jenkins'
`get_views` sees them."""

from __future__ import annotations

import json
from pathlib import Path

import jenkins
import pytest

from jtui.core.errors import InvalidInput
from jtui.core.views import find_view
from jtui.demo import DemoJenkins
from jtui.jenkins.client import ITEM_FIELDS, JenkinsClient

from .cli_support import Jtui

pytestmark = pytest.mark.demo


async def test_views_nested_as_paths_and_what_each_shows(client: JenkinsClient) -> None:
    views = await client.views.list()
    assert [v.path for v in views] == [
        "all",
        "backend",
        "release",
        "teams",
        "teams/ops",
        "teams/qa",
    ]
    assert [v.path for v in views if v.primary] == ["all"]
    assert find_view(views, "teams").nested
    ops = await client.views.items(find_view(views, "Teams/Ops"), ITEM_FIELDS)
    assert [item.full_name for item in ops] == ["windows-installer", "stuck-pipeline"]
    backend = await client.views.items(find_view(views, "backend"), ITEM_FIELDS)
    assert "platform/backend/services/payments" in [i.full_name for i in backend]  # recursed
    with pytest.raises(InvalidInput, match="there are: all, backend"):
        find_view(views, "nope")


async def test_a_multibranch_projects_tabs(client: JenkinsClient) -> None:
    tabs = await client.views.list("webapp")
    assert [(t.path, t.primary) for t in tabs] == [
        ("default", True),
        ("change-requests", False),
        ("tags", False),
    ]
    requests = await client.views.items(tabs[1], ITEM_FIELDS)
    assert [item.full_name for item in requests] == ["webapp/PR-42"]
    assert await client.views.items(tabs[2], ITEM_FIELDS) == ()


def test_jtui_views_and_jobs_in_a_view(tmp_path: Path, demo: DemoJenkins) -> None:
    env = {"JENKINS_URL": demo.url, "JENKINS_USER_ID": demo.user, "JENKINS_API_TOKEN": demo.token}
    cli = Jtui(tmp_path, env)
    shown = json.loads(cli("views", "--json").stdout)
    assert {"name": "ops", "path": "teams/ops", "url": f"{demo.url}view/teams/view/ops/"} in shown
    jobs = json.loads(cli("jobs", "--view", "teams/qa", "--json").stdout)
    assert [job["full_name"] for job in jobs] == ["flaky-integration", "lint-checks"]
    nested = cli("jobs", "--view", "teams")
    assert nested.returncode == 2 and "holds views" in nested.stderr
    tabs = cli("jobs", "--view", "default", "--folder", "webapp").stdout
    assert "webapp/main" in tabs and "PR-42" not in tabs


def test_python_jenkins_gets_the_views(demo: DemoJenkins) -> None:
    server = jenkins.Jenkins(demo.url, username=demo.user, password=demo.token, timeout=10)
    names = [view["name"] for view in server.get_views()]
    assert names == ["all", "backend", "release", "teams"]
    assert server.view_exists("release") and not server.view_exists("nope")
    jobs = [job["name"] for job in server.get_jobs(view_name="release")]
    assert jobs == ["release-train", "release-gate", "deploy-service"]

"""Parsing is tolerant of old servers, plugins and partial `tree=` answers."""

from __future__ import annotations

import pytest

from jtui.jenkins.models import Build, Item, ItemKind, QueueItem, QueueState, WhoAmI
from jtui.jenkins.parameters import GenericParameter, parse_definitions, parse_values

pytestmark = pytest.mark.unit


def test_legacy_queue_items_without_class() -> None:
    left = QueueItem.parse(
        {
            "id": 9,
            "cancelled": False,
            "executable": {"number": 3, "url": "http://h/job/x/3/"},
            "task": {"name": "x", "url": "http://h/job/x/"},
        },
        "/",
    )
    assert left.state is QueueState.LEFT and left.executable is not None
    assert left.executable.job_full_name == "x" and left.is_done
    waiting = QueueItem.parse({"id": 1, "timestamp": 5, "task": {}}, "/")
    assert waiting.state is QueueState.WAITING and waiting.job_full_name is None


def test_left_item_without_executable_is_not_done() -> None:
    item = QueueItem.parse(
        {"_class": "hudson.model.Queue$LeftItem", "id": 2, "cancelled": False, "executable": None},
        "/",
    )
    assert item.state is QueueState.LEFT and not item.is_done


def test_pipeline_placeholder_task_has_no_name() -> None:
    item = QueueItem.parse(
        {
            "_class": "hudson.model.Queue$BuildableItem",
            "id": 3,
            "stuck": True,
            "task": {
                "_class": "org.jenkinsci.plugins.workflow.support.steps."
                "ExecutorStepExecution$PlaceholderTask"
            },
        },
        "/",
    )
    assert item.task_name is None and item.job_full_name is None and item.stuck


def test_result_while_building_does_not_mean_finished() -> None:
    build = Build.parse(
        {"number": 4, "building": True, "result": "UNSTABLE", "duration": 0}, "j", "/"
    )
    assert build.is_running and build.duration is None


def test_unknown_item_classes() -> None:
    folderish = Item.parse({"_class": "com.example.Team", "name": "t", "jobs": []}, "", "/")
    assert folderish.kind is ItemKind.FOLDER
    job = Item.parse({"_class": "com.example.Job", "name": "j", "color": "grey_anime"}, "t", "/")
    assert job.kind is ItemKind.OTHER and job.full_name == "t/j" and job.is_building


def test_unknown_parameter_types_are_kept() -> None:
    (param,) = parse_definitions(
        [
            {
                "_class": "hudson.model.ParametersDefinitionProperty",
                "parameterDefinitions": [
                    {
                        "_class": "org.biouno.unochoice.CascadeChoiceParameter",
                        "name": "P",
                        "type": "CascadeChoiceParameter",
                        "defaultParameterValue": {"value": 3},
                    }
                ],
            }
        ]
    )
    assert isinstance(param, GenericParameter)
    assert param.type_name == "CascadeChoiceParameter" and param.default == "3"


def test_values_keep_types_and_hide_passwords() -> None:
    values = parse_values(
        [
            {},
            {
                "parameters": [
                    {"name": "A", "value": True},
                    {"name": "PW"},
                    {"name": "N", "value": 2},
                ]
            },
        ]
    )
    assert [(v.name, v.value) for v in values] == [("A", True), ("PW", None), ("N", 2)]


def test_who_am_i_trusts_anonymous_not_authenticated() -> None:
    me = WhoAmI.parse({"name": "anonymous", "authenticated": True, "anonymous": True})
    assert me.anonymous

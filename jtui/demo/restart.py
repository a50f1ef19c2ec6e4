"""Restarting a Declarative Pipeline from a stage, as Pipeline: Model Definition does.

`<run>/restart/` exists only while restart is enabled (a finished Pipeline run of a buildable
job, and the caller may build): otherwise 404. `restart/api/json` lists the top-level stages
that ran (not those skipped after a failure); `POST restart/restartPipeline?stageName=X`
always answers 200, `{"status": "ok", "data": {"success": "true"|"false", "message"}}`, with
no queue id: the new build says "Restarted from build #N, stage X" among its causes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .protocol import Response, json_response
from .stages import RunView

if TYPE_CHECKING:
    from .instance import Instance
    from .model import Build

RESTART_ACTION = (
    "org.jenkinsci.plugins.pipeline.modeldefinition.actions.RestartDeclarativePipelineAction"
)


def enabled(build: Build, may_build: bool) -> bool:
    job = build.job
    return job.kind == "pipeline" and not build.building and job.is_buildable and may_build


def restartable_stages(build: Build, inst: Instance) -> list[str]:
    run = RunView(build, inst.clock)
    return [stage.name for stage in run.flow if run.state(stage) not in (None, "not_built")]


def describe(build: Build, inst: Instance) -> Response:
    return json_response(
        {
            "_class": RESTART_ACTION,
            "restartEnabled": True,
            "restartableStages": restartable_stages(build, inst),
        }
    )


def answer(success: bool, message: str) -> Response:
    data = {"success": "true" if success else "false", "message": message}
    return json_response({"status": "ok", "data": data})

"""Stage View's (`pipeline-rest-api`) input and artifact endpoints, for a demo set to have
it (`stage_api = "wfapi"`): `wfapi/pendingInputActions`, `wfapi/artifacts`, and the links
`wfapi/describe` adds for them. URLs carry the context path, as the plugin writes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import artifacts
from .params import PARAM_CLASSES

if TYPE_CHECKING:
    from .model import Build


def links(build: Build, prefix: str) -> dict[str, Any]:
    """What `describe`'s `_links` adds: pending inputs while waiting, artifacts once any."""
    run = f"{prefix}{build.url_path}"
    found: dict[str, Any] = {}
    if _waiting(build):
        found["pendingInputActions"] = {"href": f"{run}wfapi/pendingInputActions"}
    if artifacts.names(build):
        found["artifacts"] = {"href": f"{run}wfapi/artifacts"}
    return found


def pending_input_actions(build: Build, prefix: str) -> list[dict[str, Any]]:
    approval = build.job.settings.approval
    if approval is None or not _waiting(build):
        return []
    run = f"{prefix}{build.url_path}"
    inputs = []
    for definition in approval.params:
        default = definition.default_value()
        shape: dict[str, Any] = {"defaultVal": default.value if default else None}
        if definition.kind == "choice":
            shape["choices"] = list(definition.choices)
        inputs.append(
            {
                "type": PARAM_CLASSES[definition.kind].rpartition(".")[2],
                "name": definition.name,
                "description": definition.description or "",
                "definition": shape,
            }
        )
    return [
        {
            "id": approval.id,
            "proceedText": approval.ok,
            "message": approval.message,
            "inputs": inputs,
            "proceedUrl": f"{run}wfapi/inputSubmit?inputId={approval.id}",
            "abortUrl": f"{run}input/{approval.id}/abort",
            "redirectApprovalUrl": f"{run}input/",
        }
    ]


def artifact_list(build: Build, prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "id": f"n{index}",
            "name": path.rpartition("/")[2],
            "path": path,
            "url": f"{prefix}{build.url_path}artifact/{quote(path)}",
            "size": len(artifacts.content(build, path) or b""),
        }
        for index, path in enumerate(artifacts.names(build), start=1)
    ]


def _waiting(build: Build) -> bool:
    return build.building and build.input.state == "waiting"

"""Running a Pipeline again from one of its stages (`client.reruns`).

Pipeline: Model Definition's `restart/` exists only while restart is allowed (a finished
Declarative run, a buildable job, Item.BUILD): a 404 means "not here". Its
`restartPipeline` answers HTTP 200 even when it refuses (`"success": "false"`, a string),
and gives no queue id: the new build is found by its cause, "Restarted from build #N, stage X".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import NotFound, RequestRejected
from .paths import build_path, job_path
from .pipeline import unwrap
from .shapes import dicts, integer

if TYPE_CHECKING:
    from .client import JenkinsClient

CAUSES_TREE = "builds[number,actions[causes[shortDescription]]]{0,10}"


class RerunApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client

    async def restartable_stages(self, full_name: str, number: int) -> tuple[str, ...] | None:
        """The top-level stages the run may restart from; None when it cannot restart."""
        try:
            raw = await self._client.http.get_json(
                build_path(full_name, number) + "restart/api/json"
            )
        except NotFound:
            return None
        if not isinstance(raw, dict) or raw.get("restartEnabled") is False:
            return None
        stages = raw.get("restartableStages")
        return (
            tuple(str(s) for s in stages if isinstance(s, str)) if isinstance(stages, list) else ()
        )

    async def restart_from(self, full_name: str, number: int, stage: str) -> None:
        what = f"restart {full_name} #{number} from stage {stage!r}"
        response = await self._client.http.post(
            build_path(full_name, number) + "restart/restartPipeline",
            {"stageName": stage},
            what=what,
        )
        data = unwrap(self._client.http.json_of(response, what), what)
        if not isinstance(data, dict) or str(data.get("success")).lower() != "true":
            reason = data.get("message") if isinstance(data, dict) else None
            raise RequestRejected(f"Jenkins would not {what}: {reason or 'no reason given'}", 200)

    async def restarted_builds(self, full_name: str, number: int, stage: str) -> set[int]:
        """The job's (newest ten) builds restarted from `number` at `stage`, once started."""
        raw = await self._client.http.get_json(
            job_path(full_name) + "api/json", {"tree": CAUSES_TREE}
        )
        wanted = f"restarted from build #{number}, stage {stage}".casefold()
        found = set()
        for build in dicts(raw.get("builds") if isinstance(raw, dict) else None):
            causes = (c for a in dicts(build.get("actions")) for c in dicts(a.get("causes")))
            restarted = integer(build.get("number"))
            if restarted is not None and any(
                str(c.get("shortDescription", "")).casefold() == wanted for c in causes
            ):
                found.add(restarted)
        return found

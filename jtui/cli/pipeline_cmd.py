"""`jtui stages`: a Pipeline build's stages, as a tree (Pipeline Graph View) or flat (wfapi)."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.display import span, status_of_stage
from ..core.jobs import find_job
from ..core.pipelines import flat, stage_graph
from ..core.text import json_dumps, printable
from ..jenkins.pipeline import StageNode
from .common import EXIT_OK, command, open_session, say


@command
async def run_stages(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name = (await find_job(session, args.job)).item.full_name
        number = args.number or (await session.client.build(name, "lastBuild")).number
        graph = await stage_graph(session, name, number)
        if args.json:
            shown = {
                "complete": graph.complete,
                "source": graph.source,
                "stages": [_json(stage) for stage in graph.stages],
            }
            say(json_dumps(shown))
            return EXIT_OK
        for depth, stage in flat(graph):
            icon, word = status_of_stage(stage.state)
            took = span(stage.duration) if stage.duration is not None else ""
            say(f"{'  ' * depth}{icon} {word:<10} {printable(stage.name)}  {took}".rstrip())
        return EXIT_OK


def _json(stage: StageNode) -> dict[str, Any]:
    duration = stage.duration
    return {
        "id": stage.id,
        "name": stage.name,
        "state": stage.state,
        "duration_ms": int(duration.total_seconds() * 1000) if duration is not None else None,
        "children": [_json(child) for child in stage.children],
    }

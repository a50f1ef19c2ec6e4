"""`jtui stages` (a Pipeline build's stages: a tree, or flat from wfapi) and `jtui tests`."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.display import span, status_of_case, status_of_stage
from ..core.jobs import find_build
from ..core.pipelines import flat, stage_graph
from ..core.reports import test_report
from ..core.text import json_dumps, printable
from ..jenkins.pipeline import StageNode
from ..jenkins.results import TestCase
from .common import EXIT_OK, command, open_session, say


@command
async def run_stages(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        graph = await stage_graph(session, name, number)
        if args.json:
            shown = {
                "complete": graph.complete,
                "source": graph.source,
                "stages": [_json(stage) for stage in graph.stages],
            }
            say(json_dumps(args.pretty, shown))
            return EXIT_OK
        for depth, stage in flat(graph):
            icon, word = status_of_stage(stage.state)
            took = span(stage.duration) if stage.duration is not None else ""
            say(f"{'  ' * depth}{icon} {word:<10} {printable(stage.name)}  {took}".rstrip())
        return EXIT_OK


@command
async def run_tests(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        report = await test_report(session, name, number)
        cases = [case for case in report.cases if case.failed or not args.failed]
        if args.json:
            shown: dict[str, Any] = {
                "total": report.total,
                "failed": report.failed,
                "skipped": report.skipped,
                "passed": report.passed,
                "cases": [_case_json(case) for case in cases],
            }
            say(json_dumps(args.pretty, shown))
            return EXIT_OK
        say(
            f"{report.total} tests: {report.failed} failed, {report.skipped} skipped, "
            f"{report.passed} passed ({printable(name)} #{number})"
        )
        for case in cases:
            icon, word = status_of_case(case.status)
            new = (
                "  NEW"
                if case.regression
                else (f"  failing {case.age} builds" if case.failed else "")
            )
            say(f"{icon} {word:<8} {printable(case.class_name)}.{printable(case.name)}{new}")
            if case.error:
                say(f"    {printable(case.error)}")
        return EXIT_OK


def _case_json(case: TestCase) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "class_name": case.class_name,
        "name": case.name,
        "status": case.status,
        "age": case.age,
        "error": case.error,
    }
    if case.regression:
        shown["regression"] = True
    return shown


def _json(stage: StageNode) -> dict[str, Any]:
    duration = stage.duration
    return {
        "id": stage.id,
        "name": stage.name,
        "state": stage.state,
        "duration_ms": int(duration.total_seconds() * 1000) if duration is not None else None,
        "children": [_json(child) for child in stage.children],
    }

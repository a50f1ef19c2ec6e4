"""`jtui stop`, `jtui queue`, `jtui cancel`."""

from __future__ import annotations

import argparse

from ..core.builds import cancel_queue_item, plan_cancel, plan_stop, stop_build
from ..core.display import ago
from ..core.jobs import find_job
from ..core.text import json_dumps, printable
from .common import EXIT_OK, command, confirm, open_session, say


@command
async def run_stop(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name = (await find_job(session, args.job, builds=0)).item.full_name
        build = await session.client.build(name, args.number or "lastBuild")
        if not build.is_running:
            say(f"{printable(name)} #{build.number} is not running ({build.result})")
            return EXIT_OK
        plan_stop(session, build)
        await confirm(args, f"stop {name} #{build.number} on {session.profile.name}?")
        await stop_build(session, name, build.number)
    say(f"stopped {printable(name)} #{build.number}")
    return EXIT_OK


@command
async def run_queue(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        items = await session.client.queue()
    if args.json:
        rows = [
            {
                "id": item.id,
                "job": item.job_full_name,
                "state": item.state.value,
                "why": item.why,
                "stuck": item.stuck,
                "in_queue_since": item.in_queue_since.isoformat() if item.in_queue_since else None,
                "parameters": {p.name: p.value for p in item.parameters},
            }
            for item in items
        ]
        say(json_dumps(args.pretty, rows))
        return EXIT_OK
    if not items:
        say("the queue is empty")
    for item in items:
        job = printable(item.job_full_name or item.task_name or "(pipeline step)")
        why = printable(item.why or "")
        say(f"{item.id:>6}  {job:<40} {ago(item.in_queue_since):>8}  {why}")
    return EXIT_OK


@command
async def run_cancel(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        plan_cancel(session)
        await confirm(args, f"cancel queue item {args.queue_id} on {session.profile.name}?")
        await cancel_queue_item(session, args.queue_id)
    say(f"cancelled queue item {args.queue_id}")
    return EXIT_OK

"""`jtui stop`, `jtui queue`, `jtui cancel`."""

from __future__ import annotations

import argparse
import json
import sys

from ..connect import client_for
from ..display import ago, safe_text
from .common import (
    EXIT_OK,
    chosen_profile,
    command,
    confirm,
    refuse_if_read_only,
)
from .target import find_job


@command
async def run_stop(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    refuse_if_read_only(profile, "stop")
    async with client_for(profile) as jenkins:
        name = (await find_job(args.job, jenkins)).item.full_name
        build = await jenkins.build(name, args.number or "lastBuild")
        if not build.is_running:
            print(f"{safe_text(name)} #{build.number} is not running ({build.result})")
            return EXIT_OK
        confirm(args, f"stop {name} #{build.number} on {profile.name}?")
        await jenkins.stop_build(name, build.number)
    print(f"stopped {safe_text(name)} #{build.number}")
    return EXIT_OK


@command
async def run_queue(args: argparse.Namespace) -> int:
    async with client_for(chosen_profile(args)) as jenkins:
        items = await jenkins.queue()
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
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not items:
        print("the queue is empty")
    for item in items:
        job = safe_text(item.job_full_name or item.task_name or "(pipeline step)")
        why = safe_text(item.why or "")
        print(f"{item.id:>6}  {job:<40} {ago(item.in_queue_since):>8}  {why}")
    return EXIT_OK


@command
async def run_cancel(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    refuse_if_read_only(profile, "cancel")
    confirm(args, f"cancel queue item {args.queue_id} on {profile.name}?")
    async with client_for(profile) as jenkins:
        await jenkins.cancel_queue_item(args.queue_id)
    print(f"cancelled queue item {args.queue_id}", file=sys.stdout)
    return EXIT_OK

"""What a build left behind: `jtui artifacts`, `jtui artifact` (download one), `jtui changes`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.artifacts import download_to, download_to_stream, list_artifacts, target_in
from ..core.jobs import find_build, find_job
from ..core.text import json_dumps, printable
from .common import EXIT_OK, command, open_session, say


@command
async def run_artifacts(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        found = await list_artifacts(session, name, number)
        if args.json:
            say(
                json_dumps(
                    args.pretty, [{"path": a.path, "name": a.name, "url": a.url} for a in found]
                )
            )
            return EXIT_OK
        if not found:
            say(f"jtui: {printable(name)} #{number} archived no artifact", err=True)
        for artifact in found:
            say(printable(artifact.path))
        return EXIT_OK


@command
async def run_artifact(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name = (await find_job(session, args.job)).item.full_name
        if args.output == "-":
            await download_to_stream(session, name, args.number, args.path, sys.stdout.buffer)
            return EXIT_OK
        target = Path(args.output) if args.output else target_in(Path(), args.path)
        size = await download_to(session, name, args.number, args.path, target, force=args.force)
        say(f"jtui: wrote {printable(str(target))} ({size} bytes)", err=True)
        return EXIT_OK


@command
async def run_changes(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        found = await session.client.results.changes(name, number)
        if args.json:
            shown = [{"commit": c.commit, "author": c.author, "message": c.message} for c in found]
            say(json_dumps(args.pretty, shown))
            return EXIT_OK
        if not found:
            say(f"jtui: {printable(name)} #{number} took in no change", err=True)
        for change in found:
            commit = (change.commit or "-")[:10]
            first = change.message.splitlines()[0] if change.message else ""
            say(f"{commit}  {printable(change.author)}: {printable(first)}")
        return EXIT_OK

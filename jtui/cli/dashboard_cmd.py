"""`jtui dashboard`: every profile's server at once — what runs, what failed in the last
day, the queue, pending inputs, offline nodes."""

from __future__ import annotations

import argparse
from typing import Any

from ..core import servers
from ..core.clock import SYSTEM_CLOCK
from ..core.dashboard import Survey, survey
from ..core.text import json_dumps, printable
from .common import EXIT_ERROR, EXIT_OK, CommandError, command, home_of, say


@command
async def run_dashboard(args: argparse.Namespace) -> int:
    home = home_of(args)
    profiles = await servers.every_profile(home)
    if not profiles:
        raise CommandError("no profiles yet: add one with `jtui profile add`")
    found = await survey(profiles, home, SYSTEM_CLOCK)
    if args.json:
        say(json_dumps(args.pretty, [_json(row) for row in found]))
    else:
        for row in found:
            say(_line(row))
    return EXIT_OK if all(row.reachable for row in found) else EXIT_ERROR


def _line(row: Survey) -> str:
    name = printable(row.profile)
    if row.activity is None or row.failures is None:
        return f"✘ {name:<14} unreachable: {printable(row.error or '')}"
    seen = row.activity
    counts = (
        f"{len(seen.running):>3} running  {len(row.failures):>3} failing  "
        f"{seen.queued:>3} queued  {seen.inputs:>3} inputs  {len(seen.offline_nodes):>2} offline"
    )
    return f"✔ {name:<14} {counts}"


def _json(row: Survey) -> dict[str, Any]:
    seen, failures = row.activity, row.failures
    return {
        "profile": row.profile,
        "reachable": row.reachable,
        "error": row.error,
        "running": None
        if seen is None
        else [{"job": b.job, "number": b.number, "url": b.url} for b in seen.running],
        "failing": None
        if failures is None
        else [{"job": f.job, "number": f.number, "result": f.result} for f in failures],
        "queued": seen.queued if seen else None,
        "inputs": seen.inputs if seen else None,
        "offline_nodes": len(seen.offline_nodes) if seen else None,
    }

"""`jtui views [--folder F] [--json]`: the views of the server or of a folder."""

from __future__ import annotations

import argparse

from ..core.text import json_dumps, printable
from ..core.views import list_views
from .common import EXIT_OK, command, open_session, say


@command
async def run_views(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        views = await list_views(session, args.folder or "")
    if args.json:
        say(
            json_dumps(args.pretty, [{"name": v.name, "path": v.path, "url": v.url} for v in views])
        )
        return EXIT_OK
    for view in views:
        marks = " (nested: holds views)" if view.nested else ""
        marks += " (shown first)" if view.primary else ""
        say(f"{printable(view.path)}{marks}")
    return EXIT_OK

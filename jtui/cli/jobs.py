"""`jtui jobs [--json] [--folders]`: every job of every folder, in one request; with
`--view PATH [--folder F]`, what that view shows."""

from __future__ import annotations

import argparse

from ..core.display import FOLDER, status_of_color
from ..core.text import json_dumps, printable
from .common import EXIT_OK, command, open_session, say


@command
async def run(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        if args.view is not None:
            from ..core.views import find_view, list_views, view_items

            views = await list_views(session, args.folder or "")
            found = await view_items(session, find_view(views, args.view))
        else:
            found = await session.client.all_items()
        items = [i for i in found if args.folders or not i.is_folder]
        if args.json:
            rows = [
                {
                    "full_name": item.full_name,
                    "display_name": item.display_name,
                    "url": session.job_url(item.full_name),
                    "color": item.color,
                    "kind": item.kind.value,
                }
                for item in items
            ]
            say(json_dumps(args.pretty, rows))
            return EXIT_OK
    for item in sorted(items, key=lambda i: i.full_name.casefold()):
        icon, word = (FOLDER, item.kind.value) if item.is_folder else status_of_color(item.color)
        say(f"{icon} {word:<10} {printable(item.full_name)}")
    return EXIT_OK

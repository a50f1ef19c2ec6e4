"""`jtui jobs [--json] [--folders]`: every job of every folder, in one request; with
`--view PATH [--folder F]`, what that view shows."""

from __future__ import annotations

import argparse

from ..core.display import FOLDER, status_of_color
from ..core.session import Session
from ..core.text import json_dumps, printable
from ..jenkins.models import Item
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
            _say_json(session, items, args.pretty)
            return EXIT_OK
    for item in sorted(items, key=lambda i: i.full_name.casefold()):
        icon, word = (FOLDER, item.kind.value) if item.is_folder else status_of_color(item.color)
        say(f"{icon} {word:<10} {printable(item.full_name)}")
    return EXIT_OK


ROWS_AT_ONCE = 1000


def _say_json(session: Session, items: list[Item], pretty: bool) -> None:
    """The items as a JSON array; compact output is written a thousand rows at a time (the
    same text as one `json_dumps`), so 50,000 jobs are never held as rows and text at once."""

    def row(item: Item) -> dict[str, str | None]:
        return {
            "full_name": item.full_name,
            "display_name": item.display_name,
            "url": session.job_url(item.full_name),
            "color": item.color,
            "kind": item.kind.value,
        }

    if pretty:
        say(json_dumps(True, [row(item) for item in items]))
        return
    say("[", end="")
    for start in range(0, len(items), ROWS_AT_ONCE):
        rows = (json_dumps(False, row(item)) for item in items[start : start + ROWS_AT_ONCE])
        say(("" if start == 0 else ", ") + ", ".join(rows), end="")
    say("]")

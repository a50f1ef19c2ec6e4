"""`jtui nodes`, `jtui node offline|online`: the server's nodes, and taking one offline."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.display import status_of_node
from ..core.nodes import (
    Outcome,
    bring_online,
    find_node,
    list_nodes,
    offline_plan,
    online_plan,
    take_offline,
)
from ..core.text import json_dumps, printable
from ..jenkins.nodes import Node
from .common import EXIT_OK, command, confirm, open_session, say


@command
async def run_list(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        nodes = await list_nodes(session)
    if args.json:
        say(json_dumps(args.pretty, [_json(node) for node in nodes.nodes]))
        return EXIT_OK
    for node in nodes.nodes:
        icon, word = status_of_node(node.offline, node.disconnected)
        load = f"{node.busy}/{node.executors}"
        what = node.reason if node.offline else ", ".join(b.name for b in node.builds)
        say(f"{icon} {word:<12} {printable(node.name):<24} {load:>5}  {printable(what)}")
    say(f"{nodes.busy} of {nodes.total} executors busy", err=True)
    return EXIT_OK


@command
async def run_offline(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        node = find_node(await list_nodes(session), args.name)
        if offline_plan(node, args.message) is Outcome.ALREADY_OFFLINE:
            say(f"{printable(node.name)} is already offline: {printable(node.reason)}")
            return EXIT_OK
        session.require_writable("take a node offline")
        why = f" ({args.message})" if args.message else ""
        verb = "change why" if node.offline else "take"
        await confirm(args, f"{verb} {node.name} offline{why} on {session.profile.name}?")
        outcome = await take_offline(session, node, args.message)
    said = "now offline" if outcome is Outcome.TAKEN_OFFLINE else "offline, reason changed"
    say(f"{printable(node.name)}: {said}{printable(why)}")
    return EXIT_OK


@command
async def run_online(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        node = find_node(await list_nodes(session), args.name)
        if online_plan(node) is Outcome.ALREADY_ONLINE:  # a disconnected agent: an error
            say(f"{printable(node.name)} is already online")
            return EXIT_OK
        session.require_writable("bring a node online")
        await confirm(args, f"bring {node.name} back online on {session.profile.name}?")
        await bring_online(session, node)
    say(f"{printable(node.name)}: back online")
    return EXIT_OK


def _json(node: Node) -> dict[str, Any]:
    return {
        "name": node.name,
        "offline": node.offline,
        "temporarily_offline": node.temporarily_offline,
        "reason": node.reason or None,
        "executors": node.executors,
        "busy": node.busy,
        "builds": [build.url for build in node.builds],
    }

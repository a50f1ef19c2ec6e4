"""The server's nodes, for both front ends: list them, find one by name, take it offline
(with a reason) or bring it back, acting only when that changes something."""

from __future__ import annotations

from enum import StrEnum

from ..jenkins.nodes import Node, Nodes
from .errors import CoreError, InvalidInput
from .session import Session

BUILT_IN_NAMES = ("built-in node", "(built-in)", "built-in", "(master)", "master")


class CannotBringOnline(CoreError):
    """The node is offline because its agent is not connected: only launching it helps."""


class Outcome(StrEnum):
    TAKEN_OFFLINE = "taken offline"
    REASON_CHANGED = "reason changed"
    BROUGHT_ONLINE = "brought online"
    ALREADY_OFFLINE = "already offline"
    ALREADY_ONLINE = "already online"


async def list_nodes(session: Session) -> Nodes:
    return await session.client.nodes.list()


def find_node(nodes: Nodes, wanted: str) -> Node:
    """The node named `wanted` (any case; the controller's own by any of its names)."""
    key = wanted.casefold()
    for node in nodes.nodes:
        if node.name.casefold() == key or (
            node.path_name == "(built-in)" and key in BUILT_IN_NAMES
        ):
            return node
    names = ", ".join(node.name for node in nodes.nodes)
    raise InvalidInput(f"no node {wanted!r} (there are: {names})")


def offline_plan(node: Node, message: str | None) -> Outcome:
    """What taking the node offline would do: nothing when it is offline and no new reason
    is given."""
    if node.offline:
        return Outcome.ALREADY_OFFLINE if message is None else Outcome.REASON_CHANGED
    return Outcome.TAKEN_OFFLINE


def online_plan(node: Node) -> Outcome:
    if not node.offline:
        return Outcome.ALREADY_ONLINE
    if node.disconnected:
        raise CannotBringOnline(
            f"{node.name} is offline because its agent is not connected"
            + (f" ({node.reason})" if node.reason else "")
            + ": launch the agent (or fix it) on the server"
        )
    return Outcome.BROUGHT_ONLINE


async def take_offline(session: Session, node: Node, message: str | None) -> Outcome:
    outcome = offline_plan(node, message)
    if outcome is Outcome.ALREADY_OFFLINE:
        return outcome
    session.require_writable("take a node offline")
    if outcome is Outcome.REASON_CHANGED:
        await session.client.nodes.change_offline_reason(node, message or "")
    else:
        await session.client.nodes.toggle_offline(node, message or "")
    return outcome


async def bring_online(session: Session, node: Node) -> Outcome:
    outcome = online_plan(node)
    if outcome is Outcome.BROUGHT_ONLINE:
        session.require_writable("bring a node online")
        await session.client.nodes.toggle_offline(node)
    return outcome

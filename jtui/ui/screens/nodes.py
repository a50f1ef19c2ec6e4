"""The server's nodes: online or why not, executors busy of all, what each runs. Enter opens
a build it runs; `o` takes a node offline with a reason (or changes the reason), `O` brings
it back; both ask first and respect a read-only profile."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...core import nodes
from ...core.live import Fresh, Update
from ...core.session import Session
from ...jenkins.nodes import Node, Nodes
from ..details import node_pane
from ..keys import bindings
from ..plain import Static, line, toast
from ..rows import NODE_COLUMNS, node_row, unavailable
from ..widgets.detail_pane import DetailPane
from ..widgets.table import VirtualTable
from .base import JtuiScreen
from .build import BuildScreen
from .dialogs import Choice, Prompt, confirm


class NodesScreen(JtuiScreen):
    HELP_TITLE = "Nodes"
    BINDINGS = bindings("nodes")

    def __init__(self) -> None:
        super().__init__()
        self.nodes: dict[str, Node] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("Nodes", id="nodes-title", classes="part-title")
        yield Static("", id="nodes-summary", classes="part-summary")
        yield Static("", id="nodes-detail", classes="part-detail narrow-only")
        with Horizontal(classes="panes"):
            yield VirtualTable(NODE_COLUMNS, id="nodes")
            yield DetailPane(id="nodes-pane")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#nodes", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self.nodes = {}
        self._watch_nodes(session)

    @work(group="nodes", exclusive=True, exit_on_error=False)
    async def _watch_nodes(self, session: Session) -> None:
        await self.follow(session.watch(session.client.nodes.list, key="nodes"), self._show)

    def _show(self, update: Update[Nodes]) -> None:
        if not isinstance(update, Fresh):
            if not self.nodes:
                self.table.placeholder = unavailable("the nodes", update)
                self.table.refresh()
            return
        found = update.value
        self.nodes = {node.name: node for node in found.nodes}
        offline = sum(node.offline for node in found.nodes)
        self.query_one("#nodes-summary", Static).update(
            f"{found.busy} of {found.total} executors busy · {offline} nodes offline"
        )
        self.table.placeholder = "no nodes"
        self.table.set_rows([node_row(n) for n in found.nodes], [n.name for n in found.nodes])
        self._highlighted()

    def _current(self) -> Node | None:
        key = self.table.current_key
        return self.nodes.get(key) if isinstance(key, str) else None

    @on(VirtualTable.Highlighted, "#nodes")
    def _highlighted(self) -> None:
        node = self._current()
        detail = line(node.reason or node.description) if node is not None else ""
        self.query_one("#nodes-detail", Static).update(detail)
        self.query_one(DetailPane).show(node_pane(node) if node else self.table.placeholder)

    @on(VirtualTable.Selected, "#nodes")
    def _selected(self) -> None:
        node = self._current()
        if node is not None and node.builds:
            self.run_task(self._open_build(node), "open")

    async def _open_build(self, node: Node) -> None:
        builds = [b for b in node.builds if b.job is not None and b.number is not None]
        if not builds:
            return
        chosen = builds[0]
        if len(builds) > 1:
            question = Choice(
                f"Which build on {line(node.name)}?",
                [(str(i), line(b.name or b.url)) for i, b in enumerate(builds)],
            )
            answer = await self.app.push_screen_wait(question)
            if answer is None:
                return
            chosen = builds[int(answer)]
        assert chosen.job is not None and chosen.number is not None
        await self.app.push_screen(BuildScreen(chosen.job, chosen.number))

    def action_close(self) -> None:
        self.app.exit(0)

    def action_take_offline(self) -> None:
        node = self._current()
        if node is not None and self.session is not None:
            self.run_task(self._take_offline(self.session, node), "node")

    async def _take_offline(self, session: Session, node: Node) -> None:
        session.require_writable("take a node offline")
        name = line(node.name)
        asked = (
            Prompt(f"Why is {name} offline?", node.reason, "the reason", ok="Change reason")
            if node.offline
            else Prompt(
                f"Take {name} offline — why? (optional)",
                placeholder="the reason, shown on the server",
                ok="Take offline",
                allow_empty=True,
            )
        )
        reason = await self.app.push_screen_wait(asked)
        if reason is None:
            return
        outcome = await nodes.take_offline(session, node, reason or None)
        toast(self, f"{node.name}: {outcome.value}")
        self.action_refresh()

    def action_bring_online(self) -> None:
        node = self._current()
        if node is not None and self.session is not None:
            self.run_task(self._bring_online(self.session, node), "node")

    async def _bring_online(self, session: Session, node: Node) -> None:
        if nodes.online_plan(node) is nodes.Outcome.ALREADY_ONLINE:
            toast(self, f"{node.name} is already online")
            return
        session.require_writable("bring a node online")
        asked = confirm(f"Bring {line(node.name)} back online?", "Bring online")
        if await self.app.push_screen_wait(asked) is None:
            return
        await nodes.bring_online(session, node)
        toast(self, f"{node.name}: back online")
        self.action_refresh()

"""A Pipeline run's stages as a list beside its console: parallel branches indented under
their stage, state by icon and word; Enter shows the chosen stage's steps' logs."""

from __future__ import annotations

from rich.text import Text

from ...core.display import span, status_of_stage
from ...core.pipelines import flat
from ...jenkins.pipeline import StageGraph
from ..plain import line
from ..roles import status
from .table import Cell, Column, VirtualTable

COLUMNS = [Column("Stage", minimum=10), Column("State", 12), Column("Took", 7, right=True, drop=1)]


class StageList(VirtualTable):
    DEFAULT_CSS = "StageList { width: 40; height: 1fr; border-right: vkey $foreground 20%; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(COLUMNS, id=id, classes=classes)
        self.graph: StageGraph | None = None

    def show_graph(self, graph: StageGraph) -> None:
        self.graph = graph
        rows: list[list[Cell]] = []
        keys: list[str] = []
        for depth, stage in flat(graph):
            icon, word = status_of_stage(stage.state)
            took = span(stage.duration) if stage.duration is not None else ""
            rows.append([Text("  " * depth + line(stage.name)), status(icon, word), took])
            keys.append(stage.id)
        self.set_rows(rows, keys)

"""A table that renders only the rows on screen, so 10,000 jobs cost what 30 do.

Textual's DataTable builds every row (≈ 2.5 s for 10,000); this one keeps plain row data and
turns a row into a strip only when it is drawn. The cursor row is marked with `›` as well as
highlighted, so it stays visible without colour (NO_COLOR, 16-colour terminals).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..keys import bindings
from ..plain import plain
from ..roles import resolve

Cell = Text | str
RowFactory = Callable[[Hashable], Sequence[Cell]]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: int = 0  # 0: share what is left
    right: bool = False  # right-aligned (numbers, times)
    minimum: int = 8
    drop: int = 0  # when the row is too narrow, columns are left out, highest `drop` first


def layout(columns: Sequence[Column], total: int) -> list[int]:
    """Widths for `columns` in `total` cells (one-cell gaps, two cells for the cursor mark);
    0 for a column left out, so that no value is ever cut: only names shrink."""
    kept = list(columns)

    def needed(shown: list[Column]) -> int:
        return sum(c.width or c.minimum for c in shown) + len(shown) + 1

    for column in sorted((c for c in columns if c.drop), key=lambda c: -c.drop):
        if needed(kept) <= total:
            break
        kept.remove(column)
    fixed = sum(c.width for c in kept if c.width) + len(kept) + 1
    flexible = [c for c in kept if not c.width]
    spare = max(0, total - fixed)
    share = spare // len(flexible) if flexible else 0
    return [(c.width or max(c.minimum, share)) if c in kept else 0 for c in columns]


def render_cells(cells: Sequence[Cell], widths: Sequence[int], columns: Sequence[Column]) -> Text:
    line = Text(no_wrap=True)
    for cell, width, column in zip(cells, widths, columns, strict=False):
        if not width:
            continue
        text = plain(cell, lines=False)  # server text: shown as written, nothing acts
        text.truncate(width, overflow="ellipsis")
        pad = " " * (width - text.cell_len)
        if column.right:
            line.append(pad)
            line.append_text(text)
        else:
            line.append_text(text)
            line.append(pad)
        line.append(" ")
    return line


class VirtualTable(ScrollView, can_focus=True):
    """Rows of cells with a cursor; `Selected` on Enter, `Highlighted` as the cursor moves."""

    COMPONENT_CLASSES = {"virtual-table--cursor", "virtual-table--header"}
    DEFAULT_CSS = """
    VirtualTable { height: 1fr; }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    VirtualTable > .virtual-table--header { text-style: bold; color: $text-muted; }
    """
    BINDINGS = bindings("table")

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        def __init__(self, table: VirtualTable, key: Hashable | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> VirtualTable:
            return self.table

    class Selected(Highlighted):
        pass

    def __init__(
        self, columns: Sequence[Column], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self._keys: list[Hashable] = []
        self._factory: RowFactory = lambda key: ()
        self._widths: tuple[int, list[int]] | None = None
        self._wanted: Hashable | None = None
        self.placeholder = ""

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> tuple[Hashable, ...]:
        return tuple(self._keys)

    @property
    def current_key(self) -> Hashable | None:
        return self._keys[self.cursor] if 0 <= self.cursor < len(self._keys) else None

    def set_columns(self, columns: Sequence[Column]) -> None:
        if list(columns) != self.columns:
            self.columns = list(columns)
            self._widths = None
            self.refresh()

    def set_rows(self, rows: Sequence[Sequence[Cell]], keys: Sequence[Hashable]) -> None:
        """Replace every row; the cursor stays on the same key when it is still there."""
        by_key = dict(zip(keys, rows, strict=True))
        self.set_lazy_rows(keys, by_key.__getitem__)

    def set_lazy_rows(self, keys: Sequence[Hashable], factory: RowFactory) -> None:
        """Rows made only when drawn: `factory(key)` gives a row's cells."""
        shown = self.current_key
        keep = shown if self._wanted is None else self._wanted
        self._keys, self._factory = list(keys), factory
        try:
            position = self._keys.index(keep)  # one scan: a filter's 50,000 keys, each keystroke
            self._wanted = None
        except ValueError:
            position = 0
        self.virtual_size = Size(self.size.width, len(self._keys) + 1)
        cursor = min(position, max(0, len(self._keys) - 1))
        if cursor == self.cursor and self.current_key != shown:
            # Another row under an unmoved cursor (a filter's new best match): say so, as a
            # move would, or the detail pane would go on describing the row that left.
            self.post_message(self.Highlighted(self, self.current_key))
        self.cursor = cursor
        self._scroll_to_cursor()
        self.refresh()

    def select_key(self, key: Hashable) -> None:
        if key in self._keys:
            self.cursor = self._keys.index(key)
            self._scroll_to_cursor()

    def remember_key(self, key: Hashable) -> None:
        """Put the cursor on `key` now, or as soon as a row with that key arrives."""
        if key in self._keys:
            self.select_key(key)
        else:
            self._wanted = key

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_key))

    def _scroll_to_cursor(self) -> None:
        body = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._keys) + 1)
        self._scroll_to_cursor()

    def action_move(self, delta: int) -> None:
        if self._keys:
            self.cursor = max(0, min(len(self._keys) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.action_jump(0)

    def action_last(self) -> None:
        self.action_jump(-1)

    def action_jump(self, index: int) -> None:
        if self._keys:
            self.cursor = index % len(self._keys)

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.Selected(self, self.current_key))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._widths is None or self._widths[0] != width:
            self._widths = (width, layout(self.columns, width - 2))
        widths = self._widths[1]
        if y == 0:
            style = self.get_component_rich_style("virtual-table--header")
            titles = render_cells([c.title for c in self.columns], widths, self.columns)
            return self._strip(Text("  ") + titles, style, width)
        index = self.scroll_offset.y + y - 1
        if index >= len(self._keys):
            if index == 0 and self.placeholder:
                return self._strip(Text("  " + self.placeholder), self.rich_style, width)
            return Strip.blank(width, self.rich_style)
        cells = render_cells(self._factory(self._keys[index]), widths, self.columns)
        if index == self.cursor:  # one style for the whole cursor row: readable on its colour
            style = self.get_component_rich_style("virtual-table--cursor")
            return self._strip(Text("› " + cells.plain), style, width)
        line = resolve(cells, self.app)
        return self._strip(Text("  ") + line, self.rich_style, width)

    def _strip(self, text: Text, style: Style, width: int) -> Strip:
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        return Strip(segments).crop_extend(0, width, style)

    def on_click(self, event: events.Click) -> None:
        """A click selects the row; a double click opens it (as Enter does)."""
        index = self.scroll_offset.y + event.y - 1
        if event.y > 0 and index < len(self._keys):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

"""The footer: the screen's most useful keys, at most seven, always on one line.

The mode keys (1–5) are folded into one entry and help (`?`) is always there; what does not
fit is dropped from the end of the screen's own keys (all of them are in `?` and ctrl+p).
Clicking an entry is pressing its key.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from ...core.keymap import FOOTER_ORDER

MOST = 7
GAP = "  "


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    description: str
    action: str
    node: DOMNode | None
    id: str | None


def _rank(action_id: str | None) -> int:
    return FOOTER_ORDER.index(action_id) if action_id in FOOTER_ORDER else len(FOOTER_ORDER)


def fold_modes(keys: list[str]) -> str:
    """`1-5` for the default mode keys, else each of them: `1/2/3/f5`."""
    if all(len(k) == 1 and k.isdigit() for k in keys) and keys == [
        str(n) for n in range(int(keys[0]), int(keys[0]) + len(keys))
    ]:
        return f"{keys[0]}-{keys[-1]}"
    return "/".join(keys)


def fit(own: list[Entry], fixed: list[Entry], width: int) -> list[Entry]:
    """The screen's own entries first, then the fixed ones (modes, help), trimmed to fit."""
    own = list(own)

    def length(entries: list[Entry]) -> int:
        return sum(cell_len(f"{e.key} {e.description}") for e in entries) + len(GAP) * (
            len(entries) - 1
        )

    while own and (len(own) + len(fixed) > MOST or length(own + fixed) > width - 2):
        own.pop()
    return own + fixed


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self._spans: list[tuple[int, int, Entry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        own: list[Entry] = []
        app_entries: list[Entry] = []
        modes: list[tuple[str, Binding]] = []
        help_entry: Entry | None = None
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.description in seen:
                continue
            if not active.enabled:
                continue  # not on this screen now (a freestyle build has no failed step)
            seen.add(binding.description)
            key = self.app.get_key_display(binding)
            entry = Entry(key, binding.description, binding.action, active.node, binding.id)
            if binding.action.startswith("switch_mode("):
                modes.append((key, binding))
            elif binding.id == "help":
                help_entry = entry
            elif active.node is self.app:
                app_entries.append(entry)
            else:
                own.append(entry)
        fixed: list[Entry] = []
        if modes:
            fixed.append(Entry(fold_modes([k for k, _ in modes]), "Modes", "", None, None))
        if help_entry is not None:
            fixed.append(help_entry)
        ordered = sorted(own + app_entries, key=lambda e: _rank(e.id))
        entries = fit(ordered, fixed, self.size.width or 80)
        if entries != self.entries:
            self.entries = entries
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        text = Text(" ", no_wrap=True, overflow="crop")
        self._spans = []
        for index, entry in enumerate(self.entries):
            if index:
                text.append(GAP)
            start = text.cell_len
            text.append(entry.key, key_style)
            text.append(f" {entry.description}", text_style)
            self._spans.append((start, text.cell_len, entry))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end and entry.action and entry.node is not None:
                self.app.call_later(self.app.run_action, entry.action, entry.node)

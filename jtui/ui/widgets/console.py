"""The console view: a line-API widget over a spooled file, colouring only what is on screen.

A million-line log lives in an anonymous temporary file; memory holds one 8-byte offset per
line and a small cache of rendered lines. ANSI colours are parsed for visible lines only, after
every escape sequence other than colour has been removed (server text is hostile).
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from array import array
from collections.abc import Iterator

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.text import terminal_log
from ..keys import bindings
from ..plain import plain

MAX_LINE_CELLS = 2000  # longer lines are cut when drawn, never when stored
CACHED_LINES = 300  # drawn lines kept: a few screens back and forth, and no more


class LineStore:
    """Lines of text in a temporary file, addressed by number.

    Reads and writes name their offsets (pread/pwrite), so a thread may copy the text out
    (`chunks`) while the view goes on appending.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the view
        self._fd = self._file.fileno()
        self._offsets = array("q", [0])  # where each complete line starts; last: end of data
        self._partial = ""  # text after the last newline: shown, not yet stored
        self.widest = 0

    def __len__(self) -> int:
        return len(self._offsets) - 1 + (1 if self._partial else 0)

    def append(self, text: str) -> None:
        data = self._partial + text
        cut = data.rfind("\n") + 1
        self._partial = data[cut:]
        if not cut:
            self.widest = max(self.widest, min(len(self._partial), MAX_LINE_CELLS))
            return
        chunk = data[:cut].encode("utf-8", "replace")
        base = self._offsets[-1]
        os.pwrite(self._fd, chunk, base)
        offsets, position, widest = self._offsets, chunk.find(b"\n"), self.widest
        previous = 0
        while position != -1:
            offsets.append(base + position + 1)
            widest = max(widest, position - previous)
            previous = position + 1
            position = chunk.find(b"\n", previous)
        self.widest = min(max(widest, len(self._partial)), MAX_LINE_CELLS)

    def line(self, index: int) -> str:
        complete = len(self._offsets) - 1
        if index == complete:
            return self._partial
        start, end = self._offsets[index], self._offsets[index + 1]
        return os.pread(self._fd, end - start - 1, start).decode("utf-8", "replace")

    def chunks(self, size: int = 1 << 20) -> Iterator[str]:
        """The whole text so far, for the pager."""
        end, partial = self._offsets[-1], self._partial
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        done = 0
        while done < end:
            block = os.pread(self._fd, min(size, end - done), done)
            done += len(block)
            yield decoder.decode(block)  # a character cut between blocks is held back
        yield decoder.decode(b"", final=True) + partial

    def find(self, pattern: re.Pattern[str], start: int, step: int) -> int | None:
        """The next line (forwards or backwards, wrapping) whose text matches."""
        count = len(self)
        for offset in range(1, count + 1):
            index = (start + step * offset) % count
            if pattern.search(_plain(self.line(index))):
                return index
        return None

    def close(self) -> None:
        self._file.close()


_COLOUR = re.compile(r"\x1b\[[0-9;:]*m")


def _plain(line: str) -> str:
    return _COLOUR.sub("", line)


class ConsoleView(ScrollView, can_focus=True):
    """Console text that grows; follows the end unless the reader scrolls away."""

    COMPONENT_CLASSES = {"console-view--match"}
    DEFAULT_CSS = """
    ConsoleView { height: 1fr; }
    ConsoleView > .console-view--match { background: $warning 40%; text-style: bold; }
    """
    BINDINGS = bindings("console")

    follow: reactive[bool] = reactive(True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = LineStore()
        self._cache: LRUCache[tuple[int, bool], Strip] = LRUCache(CACHED_LINES)
        self.match_line: int | None = None

    def on_unmount(self) -> None:
        self.store.close()

    def append(self, text: str) -> None:
        last = len(self.store) - 1
        self.store.append(text)
        self._cache.discard((last, False))
        self._cache.discard((last, True))
        self._resize()
        if self.follow:
            self.scroll_end(animate=False, immediate=True, x_axis=False)
        else:
            self.refresh()

    def replace(self, text: str) -> None:
        self.store.close()
        self.store = LineStore()
        self._cache.clear()
        self.match_line = None
        self.append(text)
        self.refresh()

    def _resize(self) -> None:
        self.virtual_size = Size(self.store.widest + 1, len(self.store))

    def watch_follow(self, follow: bool) -> None:
        if follow:
            self.scroll_end(animate=False, immediate=True, x_axis=False)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        at_end = new >= self.max_scroll_y
        if new < old and not at_end and self.follow:
            self.follow = False  # the reader scrolled up: stop following

    def action_toggle_follow(self) -> None:
        self.follow = not self.follow

    def action_move(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 1))

    def action_first(self) -> None:
        self.follow = False
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        self.follow = True

    def search(self, pattern: re.Pattern[str], forward: bool = True) -> bool:
        """Go to the next (or previous) line that matches; False when none does."""
        start = self.match_line if self.match_line is not None else self.scroll_offset.y - 1
        found = self.store.find(pattern, start, 1 if forward else -1)
        if found is None:
            return False
        self.follow = False
        self.match_line = found
        self._cache.clear()
        self.scroll_to(y=max(0, found - self.size.height // 2), animate=False, immediate=True)
        self.refresh()
        return True

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if index >= len(self.store):
            return Strip.blank(width, self.rich_style)
        matched = index == self.match_line
        key = (index, matched)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._draw_line(index, matched)
            self._cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _draw_line(self, index: int, matched: bool) -> Strip:
        raw = self.store.line(index)[: MAX_LINE_CELLS * 2]
        coloured = Text.from_ansi(terminal_log(raw).expandtabs(8), no_wrap=True, end="")
        text = plain(coloured, lines=False)
        text.truncate(MAX_LINE_CELLS)
        base: Style = self.rich_style
        if matched:
            base = base + self.get_component_rich_style("console-view--match")
        segments = [
            Segment(seg.text, base + seg.style if seg.style else base)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        return Strip(segments)

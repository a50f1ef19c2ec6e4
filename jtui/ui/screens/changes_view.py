"""The commits a build took in: commit, author and first line; the whole message and the
files it touched beside (or on Enter)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text

from ...core.build_results import watch_changes
from ...core.live import Watch
from ...core.session import Session
from ...jenkins.results import Change
from ..keys import bindings
from ..plain import Words, line
from ..widgets.table import Cell, Column
from .build_part import BuildPartScreen
from .reader import ReaderScreen

COLUMNS = [
    Column("Commit", 10),
    Column("Author", 16, drop=1),
    Column("Message", minimum=20),
]


class ChangesScreen(BuildPartScreen[tuple[Change, ...]]):
    HELP_TITLE = "Changes"
    BINDINGS = bindings("changes")
    PART = "Changes"
    COLUMNS = COLUMNS

    def watch_of(self, session: Session) -> Watch[tuple[Change, ...]]:
        return watch_changes(session, self.full_name, self.number, self.finished)

    def rows_of(self, value: tuple[Change, ...]) -> tuple[list[Sequence[Cell]], list[Hashable]]:
        return [_row(change) for change in value], list(range(len(value)))

    def summary_of(self, value: tuple[Change, ...]) -> Words:
        authors = len({change.author for change in value})
        return f"{len(value)} commits by {authors} authors" if value else ""

    def empty_text(self, value: tuple[Change, ...]) -> str:
        return "no change: this build took in no new commit"

    def _change(self, key: Hashable | None) -> Change | None:
        found = self.value or ()
        return found[key] if isinstance(key, int) and 0 <= key < len(found) else None

    def detail_of(self, key: Hashable) -> Words:
        change = self._change(key)
        return _whole(change) if change is not None else ""

    def detail_line(self, key: Hashable) -> Words:
        change = self._change(key)
        return Text(line(change.author)) if change is not None else ""

    def open(self, key: Hashable) -> None:
        change = self._change(key)
        if change is not None:
            title = Text(line(change.commit or "a change"), style="bold")
            self.app.push_screen(ReaderScreen(title, _whole(change).plain))


def _row(change: Change) -> list[Cell]:
    first = change.message.splitlines()[0] if change.message.strip() else ""
    return [line((change.commit or "-")[:10]), line(change.author), line(first)]


def _whole(change: Change) -> Text:
    text = Text(f"{line(change.commit or '-')}\n{line(change.author)}\n\n")
    for message_line in change.message.splitlines():
        text.append(line(message_line) + "\n")
    if change.paths:
        text.append("\n" + "\n".join(line(path) for path in change.paths))
    return text

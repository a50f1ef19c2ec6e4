"""The one way text reaches a widget: as plain text, never as Textual markup.

Every widget that shows words is imported from here, not from Textual. Each takes `str` or
`rich.text.Text` and shows it as it is written: brackets stay brackets (`[@click=app.quit]`
is not an action), and every control, escape and bidi control is drawn as a visible glyph
(`core.text.visible`). Toasts go through `toast`. A test checks that nothing in `ui/` goes
around this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import widgets
from textual.app import RenderResult
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.widgets import option_list

from ..core.text import visible
from .roles import resolve

Words = str | Text


def plain(content: Words, lines: bool = True) -> Text:
    """`content` as a Text with nothing that could act; styles of a given Text are kept.

    Without `lines`, newlines and tabs are shown as glyphs too (one line, whatever comes).
    """
    if isinstance(content, str):
        return Text(visible(content, lines))
    shown = content.copy()
    shown.plain = visible(content.plain, lines)  # one glyph per character: spans stay put
    return shown


def line(text: str) -> str:
    """Server text for a single line (a title, a button): newlines shown as glyphs."""
    return visible(text)


class Static(widgets.Static):
    def __init__(self, content: Words = "", **options: Any) -> None:
        self._words = plain(content)
        super().__init__(self._words, markup=False, **options)

    def update(self, content: Words = "", *, layout: bool = True) -> None:  # type: ignore[override]
        self._words = plain(content)
        super().update(self._words, layout=layout)

    def render(self) -> RenderResult:
        return resolve(self._words, self.app)  # roles in the theme's colours (roles.py)


class Label(Static):
    DEFAULT_CSS = "Label { width: auto; height: auto; }"

    def __init__(self, content: Words = "", **options: Any) -> None:
        super().__init__(plain(content, lines=False), **options)


class Button(widgets.Button):
    def __init__(self, label: Words, **options: Any) -> None:
        super().__init__(plain(label, lines=False), **options)


class Toggle(widgets.Checkbox):
    """Yes or no, said in a word, `on` or `off` (a switch shows it by colour alone)."""

    def __init__(self, value: bool, meaning: str = "", **options: Any) -> None:
        self.meaning = meaning
        super().__init__(self._words(value), value, compact=True, **options)

    def _words(self, value: bool) -> Text:
        said = "on " if value else "off"
        return plain(f"{said}  {self.meaning}" if self.meaning else said, lines=False)

    def watch_value(self) -> None:
        super().watch_value()
        self.label = self._words(self.value)


class Input(widgets.Input):
    def __init__(self, value: str = "", placeholder: str = "", **options: Any) -> None:
        super().__init__(line(value), placeholder=line(placeholder), **options)


class TextArea(widgets.TextArea):
    def __init__(self, text: str = "", **options: Any) -> None:
        super().__init__(visible(text, lines=True), **options)


class Select(widgets.Select[str]):
    def __init__(self, options: Iterable[tuple[Words, str]], **settings: Any) -> None:
        super().__init__(
            [(plain(prompt, lines=False), value) for prompt, value in options], **settings
        )


def Option(prompt: Words, id: str | None = None) -> option_list.Option:
    return option_list.Option(plain(prompt, lines=False), id=id)


OptionList = widgets.OptionList


def toast(
    node: DOMNode,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """A notification, shown as plain text."""
    node.app.notify(
        line(message), title=line(title), severity=severity, timeout=timeout, markup=False
    )

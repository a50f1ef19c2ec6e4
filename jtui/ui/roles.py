"""Semantic styles: jtui's own words say what they are, `role("✘ failure", "failure")`, and the
look of each role is one `.role--…` rule in jtui.tcss, in theme variables. A role is resolved
when it is drawn, so a new theme restyles every screen at once."""

from __future__ import annotations

from rich.style import Style
from rich.text import Span, Text
from textual.app import App

ROLES = (
    "success",
    "failure",
    "unstable",
    "running",
    "aborted",
    "disabled",
    "queued",
    "stale",
    "read-only",
    "warning",
    "muted",
    "title",
    "key",
)
COMPONENT_CLASSES = {f"role--{name}" for name in ROLES}
# status words (display.py) → their role
_WORD_ROLE = {
    "not built": "disabled",
    "pending": "queued",
    "reachable": "success",
    "refused": "failure",
    "passed": "success",
    "fixed": "success",
    "failed": "failure",
    "skipped": "disabled",
    "online": "success",
    "offline": "warning",
    "disconnected": "failure",
    "answering": "success",
    "down": "failure",
    "loading": "queued",
}


def role(text: str, name: str) -> Text:
    """`text` in the style of role `name` (one of ROLES)."""
    return Text(text, style=Style(meta={"role": name}))


def status(icon: str, word: str) -> Text:
    """A status as icon and word, styled by what it says."""
    name = _WORD_ROLE.get(word, word)
    return role(f"{icon} {word}", name if name in ROLES else "muted")


def resolve(text: Text, app: App[object]) -> Text:
    """`text` with every role replaced by its style under the app's theme."""
    spans = text.spans
    if not any(_role_of(span.style) for span in spans) and not _role_of(text.style):
        return text
    resolved = text.copy()
    resolved.style = _style(text.style, app)
    resolved.spans = [Span(s.start, s.end, _style(s.style, app)) for s in spans]
    return resolved


def _role_of(style: str | Style) -> str | None:
    if isinstance(style, Style) and style.meta:
        found = style.meta.get("role")
        return found if isinstance(found, str) else None
    return None


def _style(style: str | Style, app: App[object]) -> str | Style:
    name = _role_of(style)
    if name is None:
        return style
    assert isinstance(style, Style)
    try:
        return app.get_component_styles(f"role--{name}").partial_rich_style + style
    except KeyError:  # an app without jtui's stylesheet (a test's): the words, unstyled
        return style

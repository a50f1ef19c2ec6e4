"""Textual's SVG export, redrawn so that every renderer shows it cell for cell as a terminal.

Textual writes a run of text as one `<text textLength=…>` in "Fira Code"; renderers that
ignore `textLength` or trim its non-breaking spaces (librsvg does both) then shift columns,
and a font without CJK shows boxes. Here every character gets its own position, the cell a
terminal gives it (wide characters two), in DejaVu Sans Mono with Noto Sans Mono CJK for
what it lacks: the fonts of Debian's fonts-dejavu-core and fonts-noto-cjk.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len

FONTS = "'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', monospace"
_TEXT = re.compile(
    r'<text class="(?P<cls>[^"]*)" x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" '
    r'textLength="(?P<length>[\d.]+)" clip-path="(?P<clip>[^"]*)">(?P<body>[^<]*)</text>'
)
_SPACES = {" ", "\u00a0"}


def _cell_width(svg: str) -> float:
    """One cell's width: from a run without wide characters (Textual gives a run with them
    the length of its characters, not of its cells)."""
    for match in _TEXT.finditer(svg):
        text = html.unescape(match["body"])
        if text and cell_len(text) == len(text):
            return float(match["length"]) / len(text)
    raise ValueError("no text in this SVG")


def _cells(match: re.Match[str], width: float) -> str:
    text = html.unescape(match["body"])
    x, out = float(match["x"]), []
    for char in text:
        if char not in _SPACES:
            out.append(
                f'<text class="{match["cls"]}" x="{x:.1f}" y="{match["y"]}" '
                f'clip-path="{match["clip"]}">{html.escape(char)}</text>'
            )
        x += width * cell_len(char)
    return "".join(out)


def cell_exact(svg: str) -> str:
    """`svg` (Textual's export) with each character placed in its terminal cell."""
    width = _cell_width(svg)
    placed = _TEXT.sub(lambda match: _cells(match, width), svg)
    return re.sub(r'font-family: "?Fira Code"?(, monospace)?;', f"font-family: {FONTS};", placed)

"""How the screens look, measured: columns aligned in cells whatever the characters, no
status glyph of ambiguous width, a footer of at most seven entries that fits, nothing cut
but names, and roles that stay readable when the colours are downgraded."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.color import Color, ColorSystem

from jtui.core import display
from jtui.core.display import legend, status_of_color
from jtui.ui.roles import status
from jtui.ui.widgets.key_bar import Entry, fit, fold_modes
from jtui.ui.widgets.table import Column, layout, render_cells

NAMES = [
    "plain-job",
    "データ同期",  # wide: two cells a character
    "Übersetzung prüfen",  # combining-free Latin with diacritics
    "e\u0301toile",  # a combining accent: one cell for two code points
    "α→β±°",  # East Asian "ambiguous" (one cell in tmux and most terminals)
    "rocket 🚀 launch",  # an emoji: two cells
    "x" * 200,  # longer than any column
]
COLUMNS = [
    Column("Status", 12),
    Column("Name", minimum=16),
    Column("#", 6, right=True),
    Column("Ended", 8, right=True),
]


@pytest.mark.unit
@pytest.mark.parametrize("width", [60, 80, 118])
def test_columns_start_at_the_same_cell_whatever_the_name(width: int) -> None:
    widths = layout(COLUMNS, width)
    starts: set[tuple[int, int]] = set()
    for name in NAMES:
        line = render_cells([status("✔", "success"), name, "42", "7m ago"], widths, COLUMNS)
        plain = line.plain
        assert cell_len(plain) == sum(widths) + len(widths)  # every row exactly as wide
        number = cell_len(plain[: plain.index("42 ")])
        ended = cell_len(plain[: plain.index("7m ago")])
        starts.add((number, ended))
    assert len(starts) == 1, starts


@pytest.mark.unit
def test_only_names_are_cut_and_values_are_whole() -> None:
    columns = [*COLUMNS, Column("Health", 6, right=True, drop=1)]
    for width in (50, 60, 80):
        widths = layout(columns, width)
        line = render_cells(["✔ success", "y" * 100, "123456", "59m ago", "100%"], widths, columns)
        assert "123456" in line.plain and "59m ago" in line.plain
        assert "…" in line.plain  # the name, and only the name, is shortened
        assert cell_len(line.plain) <= width
    assert layout(columns, 50)[-1] == 0  # too narrow: Health is left out, not cut


@pytest.mark.unit
def test_status_glyphs_are_one_cell_in_every_terminal() -> None:
    glyphs = {entry.split("\u00a0")[0] for entry in legend().split("  ")}
    glyphs |= {display.RUNNING, display.QUEUED, display.PAUSED, display.FOLDER, display.FAVOURITE}
    glyphs |= {status_of_color(color)[0] for color in ("blue", "red", "aborted", None)}
    for glyph in glyphs:
        width = unicodedata.east_asian_width(glyph)
        assert width in ("N", "Na", "H"), f"{glyph!r} U+{ord(glyph):04X} is {width}"
        assert cell_len(glyph) == 1


@pytest.mark.unit
def test_the_footer_folds_the_modes_and_drops_what_does_not_fit() -> None:
    assert fold_modes(["1", "2", "3", "4"]) == "1-4"
    assert fold_modes(["1", "2", "f5", "4"]) == "1/2/f5/4"
    own = [Entry(k, d, "a", None, None) for k, d in [("/", "Filter"), ("b", "Build")] * 5]
    fixed = [Entry("1-4", "Modes", "", None, None), Entry("?", "Help", "help", None, "help")]
    shown = fit(own, fixed, 80)
    assert len(shown) <= 7 and shown[-2:] == fixed
    assert sum(cell_len(f"{e.key} {e.description}") + 2 for e in shown) <= 80
    narrow = fit(own, fixed, 30)
    assert narrow[-2:] == fixed and len(narrow) < len(shown)


# -- colours ------------------------------------------------------------------------------


def luminance(color: Color, system: ColorSystem) -> float:
    red, green, blue = color.downgrade(system).get_truecolor()

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(fore: Color, back: Color, system: ColorSystem) -> float:
    lighter, darker = sorted([luminance(fore, system), luminance(back, system)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.tui
@pytest.mark.parametrize("theme", ["textual-dark", "gruvbox", "tokyo-night"])
async def test_every_role_stays_readable_in_256_and_16_colours(theme: str, tmp_path: Path) -> None:
    """The default theme and the dark ones we name in the README; Textual's light themes and
    nord fall below 4.5:1 for some of their own colours once downgraded."""
    from jtui.core.home import Home
    from jtui.ui.app import JtuiApp
    from jtui.ui.roles import ROLES

    app = JtuiApp(Home(tmp_path / "config.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        background = app.screen.styles.background.rich_color
        for name in ROLES:
            style = app.get_component_styles(f"role--{name}").partial_rich_style
            if style.color is None:
                continue  # the text's own colour (bold only, say)
            fore = style.color if not style.reverse else background
            back = background if not style.reverse else style.color
            for system in (ColorSystem.EIGHT_BIT, ColorSystem.STANDARD):
                ratio = contrast(fore, back, system)
                assert ratio >= 4.5, f"{theme}: {name} {ratio:.2f}:1 in {system.name}"

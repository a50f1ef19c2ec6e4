"""How jtui looks in a real terminal (tmux), read back cell by cell: aligned columns with
wide names, a footer that fits, and only the 16 ANSI colours when that is all there is."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from .test_tmux_e2e import TMUX, Terminal

pytestmark = pytest.mark.e2e


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Terminal]:
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: CI must install it (.ci/run does)")
        pytest.skip("tmux is not installed here")
    term = Terminal(TMUX, f"jtui-looks-{os.getpid()}-{len(str(tmp_path))}", tmp_path)
    yield term
    subprocess.run(
        [TMUX, "-L", term.socket, "kill-server"],
        capture_output=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def launch(term: Terminal, width: int, height: int, settings: str = "") -> None:
    home = term.home
    env = (
        f"env TERM=xterm-256color {settings} XDG_CONFIG_HOME={home}/config "
        f"XDG_STATE_HOME={home}/state JTUI_CONFIG={home}/config.toml"
    )
    term.start(f"{env} {sys.executable} -m jtui --demo", width, height)
    term.wait_for("3 of 3 servers answering")  # the demo's dashboard first
    term.keys("2")


def column_of(row: str, text: str) -> int:
    """The terminal cell where `text` starts in `row` (wide characters count two)."""
    return cell_len(row[: row.index(text)])


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_columns_align_with_wide_names_in_a_real_terminal(
    start: Terminal, size: tuple[int, int]
) -> None:
    launch(start, *size)
    shown = start.wait_for("データ同期")
    start.wait_for("? Help")
    table = [line.split("▏")[0] for line in shown.splitlines()]  # not the detail pane
    rows = {
        name: next(line for line in table if name in line)
        for name in ("testJob", "データ同期", "Übersetzung", "compat-matrix")
    }
    ended = {name: re.search(r"(\d+[mh]|<1m) ago", row) for name, row in rows.items()}
    assert all(ended.values()), rows
    where = {
        name: column_of(row, match.group(0)[-len("ago") :])
        for name, row in rows.items()
        if (match := ended[name])
    }
    assert len(set(where.values())) == 1, (where, rows)  # "ago" ends every row at one cell
    footer = shown.rstrip("\n").splitlines()[-1]
    assert "0-5 Modes" in footer and footer.rstrip().endswith("? Help")  # whole, not cut
    assert cell_len(footer.rstrip()) <= size[0]


def test_sixteen_colours_use_only_the_ansi_colours(start: Terminal) -> None:
    launch(start, 80, 24, "TEXTUAL_COLOR_SYSTEM=standard")
    start.wait_for("testJob")
    start.wait_for("? Help")
    coloured = start.run("capture-pane", "-p", "-e", "-t", "jtui")
    assert "✔ success" in re.sub(r"\x1b\[[0-9;]*m", "", coloured)  # icon and word, as ever
    codes = re.findall(r"\x1b\[([0-9;]*)m", coloured)
    assert codes  # it is in colour
    extended = [code for code in codes if re.search(r"(^|;)[34]8;[25];", code)]
    assert extended == []  # nothing but the 16 colours the terminal's palette defines

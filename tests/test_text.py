"""The three renderings of server text (core/text.py)."""

from __future__ import annotations

import json

import pytest

from jtui.core.text import LogFilter, json_dumps, printable, terminal_log, visible

pytestmark = pytest.mark.unit
HOSTILE = "a\x1b]52;c;aGk=\x07b\x1b[2Jc\x9b31md\u202ee\ud800f\x00g\x7fh\u2028i"


def test_visible_draws_every_control_one_for_one() -> None:
    shown = visible(HOSTILE)
    assert shown == "a␛]52;c;aGk=␇b␛[2Jc⍰31md⇄e⍰f␀g␡h␤i"
    assert len(shown) == len(HOSTILE)  # offsets (and a Text's styles) stay put
    assert visible("one\ntwo\tthree") == "one␊two␉three"
    assert visible("one\ntwo\tthree", lines=True) == "one\ntwo\tthree"
    assert visible("[@click=app.quit]x[/]") == "[@click=app.quit]x[/]"  # not markup's job


def test_printable_removes_them() -> None:
    assert printable(HOSTILE) == "abc31mdefghi"
    assert printable("one\ntwo") == "one two"
    assert printable("one\ntwo", lines=True) == "one\ntwo"


def test_a_log_keeps_its_colours_and_nothing_else() -> None:
    log = "\x1b[1;31mred\x1b[0m \x1b[38;5;8mgrey\x1b[0m \x1b[8msecret\x1b[28m \x1b]0;t\x07x\r\n"
    assert terminal_log(log) == ("\x1b[1;31mred\x1b[0m \x1b[38;5;8mgrey\x1b[0m secret\x1b[28m x\n")
    assert terminal_log("\x1b[1;8;32mhidden\x1b[m") == "\x1b[1;32mhidden\x1b[m"


def test_json_escapes_every_control_and_bidi_override() -> None:
    text = json_dumps(False, {"name": HOSTILE[:-1].replace("\ud800", "")})
    assert text.isascii()
    assert json.loads(text)["name"].startswith("a\x1b]52")


LOG = (
    "\x1b[32mok\x1b[0m \x1b]0;title\x07\x1b[38;5;208mamber\x1b[8mhidden\x1b[0m\r\n"
    "\x1b\x1b[1mbold\x1b[0m \x1bPdcs\x1b\\ é\u202e\x00 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n"
)


@pytest.mark.parametrize("cut", range(len(LOG) + 1))
def test_a_log_read_in_pieces_is_filtered_as_if_whole(cut: int) -> None:
    """An escape sequence cut between two reads is held back until it is whole."""
    pieces = LogFilter()
    shown = pieces.feed(LOG[:cut]) + pieces.feed(LOG[cut:]) + pieces.flush()
    assert shown == terminal_log(LOG)
    assert "\x1b[38;5;208mamber" in shown and "\x1b[8m" not in shown and "title" not in shown

"""The three renderings of server text (core/text.py)."""

from __future__ import annotations

import json
import random

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


RAW = LOG.encode()


@pytest.mark.parametrize("cut", range(len(RAW) + 1))
def test_a_log_read_in_pieces_is_filtered_as_if_whole(cut: int) -> None:
    """An escape sequence or a UTF-8 character cut between two reads is held back until it
    is whole."""
    pieces = LogFilter()
    shown = (pieces.feed(RAW[:cut]) + pieces.feed(RAW[cut:]) + pieces.flush()).decode()
    assert shown == terminal_log(LOG)
    assert "\x1b[38;5;208mamber" in shown and "\x1b[8m" not in shown and "title" not in shown
    assert "é" in shown


def test_ascii_and_text_filters_agree_on_random_hostile_logs() -> None:
    """An ASCII piece is filtered as bytes, anything else as text: the two must agree."""
    rng = random.Random(13)
    alphabet = ["\x1b", "[", "]", "8", ";", "m", "3", "1", "P", "\\", "\x07", "\r", "\n", "a"]
    alphabet += ["\x00", "\x7f", "X", "^", "_", "?", " ", ":", "5", "é"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        ascii_text = text.replace("é", "e")
        text_path = terminal_log("é" + ascii_text)  # a leading é is text whatever follows
        assert "é" + terminal_log(ascii_text) == text_path, repr(ascii_text)
        cut = rng.randint(0, len(text.encode()))
        pieces, raw = LogFilter(), text.encode()
        shown = pieces.feed(raw[:cut]) + pieces.feed(raw[cut:]) + pieces.flush()
        assert shown.decode() == terminal_log(text), (repr(text), cut)

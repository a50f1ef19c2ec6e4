"""Server text is hostile: the one place that says how it may be shown.

Names, descriptions, parameter values, console output, token names and uuids, error pages:
any of it may carry escape sequences (a clipboard write, a window title, a clear screen),
C0/C1 controls, bidi overrides that reorder what is read, or unpaired surrogates. Three
renderings, one per destination:

* `visible` — for the TUI: every such character becomes one visible glyph (␛, ␇, ⍰, ⇄ …),
  one for one, so the text cannot act and nothing hides in it, and offsets stay put.
* `printable` — for plain command-line output: they are removed.
* `terminal_log` — for a build log on a terminal: its colours (SGR, but not "conceal") kept,
  every other escape sequence and control removed.

JSON output escapes them (`json_dumps`).
"""

from __future__ import annotations

import json
import re
from typing import Any

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LINE_BREAKS = "\u2028\u2029"
UNKNOWN = "⍰"  # a C1 control, an unpaired surrogate, a replaced byte

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (title, clipboard, hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b.?"  # any other escape
)
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + BIDI_CONTROLS + LINE_BREAKS + r"]"
)
_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
# One pass over a log, each alternative after one literal ESC (which `re` finds fast). A
# colour without an 8 fails at once (possessive runs: no backtracking), costing no Python
# call; a colour with an 8 (maybe "conceal") is looked at in Python; anything else is
# _ESCAPES, removed; a lone ESC takes the next character with it unless a colour begins there.
_NOT_COLOUR = (
    r"\x1b(?!\[[0-79;:]*+m)(?:\[([0-9;:]*+)m|\[[0-?]*+[ -/]*+[@-~]"
    r"|\][^\x07\x1b]*+(?:\x07|\x1b\\)?|[PX^_][^\x1b]*+(?:\x1b\\)?|(?:(?!\x1b\[[0-9;:]*+m).)?)"
)
_TEXT_NOT_COLOUR = re.compile(_NOT_COLOUR)
_ASCII_NOT_COLOUR = re.compile(_NOT_COLOUR.encode())  # the log's usual case, as bytes
_LOG_CONTROLS = re.compile(  # as _CONTROLS, but ESC: what is left of it begins a colour
    r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff" + BIDI_CONTROLS + LINE_BREAKS + r"]"
)
_ASCII_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x1B), *range(0x1C, 0x20), 0x7F])
_WHOLE_ESCAPE = re.compile(  # a sequence that has all of itself (its final byte, terminator)
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[^\[\]PX^_])"
)


def _glyphs(newlines: bool) -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟
    table[0x7F] = "␡"
    table |= {code: UNKNOWN for code in range(0x80, 0xA0)}
    table |= {code: UNKNOWN for code in range(0xD800, 0xE000)}
    table[0xFFFD] = UNKNOWN  # its width is ambiguous: some terminals draw it two cells wide
    table |= {ord(char): "⇄" for char in BIDI_CONTROLS}
    table |= {ord(char): "␤" for char in LINE_BREAKS}
    if newlines:
        del table[ord("\n")], table[ord("\t")]
    return table


_VISIBLE_LINE = _glyphs(newlines=False)
_VISIBLE_LINES = _glyphs(newlines=True)


def visible(text: str, lines: bool = False) -> str:
    """Every control, escape, bidi control and unpaired surrogate as one visible glyph.

    With `lines`, newlines and tabs are kept as they are.
    """
    return text.translate(_VISIBLE_LINES if lines else _VISIBLE_LINE)


def printable(text: str, lines: bool = False) -> str:
    """Server text for plain output: escape sequences and controls removed.

    Without `lines`, newlines and tabs become spaces.
    """
    cleaned = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return cleaned if lines else cleaned.replace("\n", " ").replace("\t", " ")


def terminal_log(text: str) -> str:
    """A build log for a terminal: colours kept, every other escape and control removed.

    A lone carriage return, which would overwrite the line, goes; so does "conceal" (SGR 8),
    which would hide what the log says. Only colour sequences with an 8 in them, and what
    is removed, are looked at one by one: the rest needs no Python callback (≥ 100 MB/s).
    """
    if text.isascii():  # most of most logs
        return _ascii_log(text.encode("ascii")).decode("ascii")
    if "\x1b" in text:
        text = _TEXT_NOT_COLOUR.sub(_colour_or_nothing, text)
    return _LOG_CONTROLS.sub("", text)


def _ascii_log(data: bytes) -> bytes:
    """`terminal_log` of ASCII bytes (deleting bytes is ~4× faster than a regex over text)."""
    if b"\x1b" in data:
        data = _ASCII_NOT_COLOUR.sub(_ascii_colour_or_nothing, data)
    return data.translate(None, _ASCII_CONTROLS)


def _colour_or_nothing(match: re.Match[str]) -> str:
    colour = match.group(1)
    return "" if colour is None else _colour_only(colour)


def _ascii_colour_or_nothing(match: re.Match[bytes]) -> bytes:
    colour = match.group(1)
    return b"" if colour is None else _colour_only(colour.decode()).encode()


def _utf8_log(data: bytes) -> bytes:
    if data.isascii():
        return _ascii_log(data)
    return terminal_log(data.decode("utf-8", "replace")).encode()


class LogFilter:
    """`terminal_log` over a UTF-8 log read in pieces, bytes in and bytes out: a character
    or an escape sequence cut at the end of one piece is held back until the next completes
    it (else half of it would be text)."""

    HELD_AT_MOST = 4096  # an OSC hyperlink may be long; anything longer is not a sequence

    def __init__(self) -> None:
        self._held = b""

    def feed(self, data: bytes) -> bytes:
        data, self._held = self._held + data, b""
        end = _whole_characters(data)
        start = data.rfind(b"\x1b", max(0, end - self.HELD_AT_MOST), end)
        if start != -1 and not _WHOLE_ESCAPE.match(data, start, end):
            while start and data[start - 1] == 0x1B:  # a lone ESC before takes it along
                start -= 1
            end = start
        data, self._held = data[:end], data[end:]
        return _utf8_log(data)

    def flush(self) -> bytes:
        held, self._held = self._held, b""
        return _utf8_log(held)


def _whole_characters(data: bytes) -> int:
    """Where a UTF-8 character cut at the end of `data` begins (else its length)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:  # a lead byte: are all its continuation bytes here?
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) if back >= needed else len(data) - back
    return len(data)


def _colour_only(parameters: str) -> str:
    """An SGR sequence without "conceal"; extended colours (`38;5;8`) are read as a whole."""
    given = parameters.split(";") if parameters else []
    kept: list[str] = []
    index = 0
    while index < len(given):
        head = given[index].split(":")[0]
        if head in ("38", "48", "58") and ":" not in given[index] and index + 1 < len(given):
            length = {"5": 3, "2": 5}.get(given[index + 1], 1)
            kept += given[index : index + length]
            index += length
            continue
        if not (head and head.lstrip("0") == "8"):
            kept.append(given[index])
        index += 1
    if given and not kept:
        return ""
    return f"\x1b[{';'.join(kept)}m"


def json_dumps(pretty: bool, value: Any) -> str:
    """JSON with every non-ASCII character escaped: no control or bidi override gets out raw.
    Compact unless `pretty`: indenting costs the C encoder (2-3× as long for 10,000 jobs)."""
    return json.dumps(value, ensure_ascii=True, indent=1 if pretty else None)

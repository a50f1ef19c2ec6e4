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
# _ESCAPES but colours (each alternative after one literal ESC, which `re` finds fast); a
# lone ESC takes the next character with it unless a colour begins there.
_NOT_COLOUR = re.compile(
    r"\x1b(?!\[[0-9;:]*m)(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|[PX^_][^\x1b]*(?:\x1b\\)?|(?:(?!\x1b\[[0-9;:]*m).)?)"
)
_SGR_WITH_EIGHT = re.compile(r"\x1b\[([0-9;:]*8[0-9;:]*)m")
_LOG_CONTROLS = re.compile(  # as _CONTROLS, but ESC: what is left of it begins a colour
    r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff" + BIDI_CONTROLS + LINE_BREAKS + r"]"
)
_ASCII_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x1B), *range(0x1C, 0x20), 0x7F])
_WHOLE_ESCAPE = re.compile(  # a sequence that has all of itself (its final byte, terminator)
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[^\[\]PX^_])"
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
    which would hide what the log says. Only colour sequences with an 8 in them are looked
    at one by one: the rest needs no Python callback (≥ 100 MB/s).
    """
    if "\x1b" in text:
        text = _NOT_COLOUR.sub("", text)
    if text.isascii():  # most of most logs: deleting bytes is ~4× a regex over the text
        text = text.encode("ascii").translate(None, _ASCII_CONTROLS).decode("ascii")
    else:
        text = _LOG_CONTROLS.sub("", text)
    if "8" in text and "\x1b" in text:
        text = _SGR_WITH_EIGHT.sub(lambda match: _colour_only(match.group(1)), text)
    return text


class LogFilter:
    """`terminal_log` over a log read in pieces: an escape sequence cut at the end of one
    piece is held back until the next completes it (else half of it would be text)."""

    HELD_AT_MOST = 4096  # an OSC hyperlink may be long; anything longer is not a sequence

    def __init__(self) -> None:
        self._held = ""

    def feed(self, text: str) -> str:
        text, self._held = self._held + text, ""
        start = text.rfind("\x1b", max(0, len(text) - self.HELD_AT_MOST))
        if start != -1 and not _WHOLE_ESCAPE.match(text, start):
            while start and text[start - 1] == "\x1b":  # a lone ESC before takes it along
                start -= 1
            text, self._held = text[:start], text[start:]
        return terminal_log(text)

    def flush(self) -> str:
        held, self._held = self._held, ""
        return terminal_log(held)


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

"""Following a build's console through `logText/progressiveText`, without losing a byte.

The protocol: ask for `?start=<offset>`, get text plus `X-Text-Size` (the next offset) and
`X-More-Data: true` while the build still writes. Its quirks, all handled here:

* the body turns lone LF into CRLF, and since 2.509 it carries console notes
  (`ESC[8mha:<base64>ESC[0m`) that `consoleText` strips;
* since 2.509, while a build runs, the body stops at the last complete line but
  `X-Text-Size` is the whole file's length, so resuming there would skip the start of a
  partly written line: the follower detects the gap and re-reads from the line's start;
* a `start` past the end (a rotated log, another server) gets the whole log again (200) or
  a 416;
* when the stream ends, the text is checked against `consoleText` and repaired if needed.

`ConsoleFollower` is pure (no I/O) so each rule can be tested on its own.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

CONSOLE_NOTE = re.compile(rb"\x1b\[8mha:[A-Za-z0-9+/=]*\x1b\[0m")
_NOTE_START = b"\x1b[8mha:"
_NOTE_END = b"\x1b[0m"


@dataclass(frozen=True, slots=True)
class ConsoleAppend:
    """More console text, to add at the end."""

    text: str


@dataclass(frozen=True, slots=True)
class ConsoleReplace:
    """What was shown so far was wrong (a rotated log, a lost fragment): this is all of it."""

    text: str


ConsoleEvent = ConsoleAppend | ConsoleReplace


def clean_console(raw: bytes) -> str:
    """Raw console bytes → text: CRLF → LF, console notes removed, ANSI colours kept."""
    return CONSOLE_NOTE.sub(b"", raw).replace(b"\r\n", b"\n").decode("utf-8", "replace")


def _held_tail(data: bytes) -> int:
    """Where an unfinished console note or CRLF begins at the end of `data` (else its length)."""
    start = data.rfind(_NOTE_START)
    if start != -1 and data.find(_NOTE_END, start + len(_NOTE_START)) == -1:
        return start
    for size in range(min(len(_NOTE_START) - 1, len(data)), 0, -1):
        if _NOTE_START.startswith(data[-size:]):
            return len(data) - size
    return len(data) - 1 if data.endswith(b"\r") else len(data)


class ConsoleCleaner:
    """Successive raw chunks without console notes and with LF line ends, still bytes,
    holding back a note or CRLF cut in two."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, chunk: bytes) -> bytes:
        data = self._pending + chunk
        cut = _held_tail(data)
        self._pending = data[cut:]
        cleaned = CONSOLE_NOTE.sub(b"", data[:cut])
        return cleaned.replace(b"\r\n", b"\n") if b"\r" in cleaned else cleaned

    def flush(self) -> bytes:
        rest, self._pending = self._pending, b""
        return rest.replace(b"\r\n", b"\n")


class ConsoleDecoder:
    """Cleans successive raw chunks into text, holding back a UTF-8 sequence cut in two too."""

    def __init__(self) -> None:
        self._cleaner = ConsoleCleaner()
        self._utf8 = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, chunk: bytes) -> str:
        return self._utf8.decode(self._cleaner.feed(chunk))

    def flush(self) -> str:
        return self._utf8.decode(self._cleaner.flush(), final=True)


def version_tuple(version: str | None) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in (version or "").split("."):
        digits = re.match(r"\d+", piece)
        if not digits:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def skips_partial_lines(version: str | None) -> bool:
    """Jenkins 2.509 and later advertise the file length while sending only complete lines.

    An unknown version is treated as new: the gap check is harmless when nothing is skipped.
    """
    parsed = version_tuple(version)
    return not parsed or parsed >= (2, 509)


class ConsoleFollower:
    """The state of one console stream: the next offset and a fingerprint of the text shown."""

    def __init__(self, skips_partial_lines: bool = True) -> None:
        self.offset = 0
        self._skips_partial_lines = skips_partial_lines
        self._decoder = ConsoleDecoder()
        self._shown = hashlib.sha256()
        self._shown_bytes = 0
        self._restarting = False
        self.seamless = True  # every answer continued the last: no need to check the end

    def restart(self) -> None:
        """The server refused the offset (416): the next answer, from 0, is the whole log."""
        self.offset = 0
        self._restarting = True

    def feed(self, start: int, size: int, body: bytes, more: bool) -> list[ConsoleEvent]:
        """Take one answer to `?start=<start>`; `self.offset` is then the next start."""
        if self._restarting or size < start:
            # The server ignored our offset and sent everything from the beginning.
            self._restarting, self.seamless = False, False
            self._decoder = ConsoleDecoder()
            self.offset = self._next_offset(0, size, body, more)
            return self._from_whole(self._decoder.feed(body))
        self.offset = self._next_offset(start, size, body, more)
        if not more:  # the last answer: did it bring the log to the size the server gave?
            crlf = body.count(b"\r\n")
            self.seamless = self.seamless and size - start - (len(body) - crlf) in (0, crlf)
        return self._emit(self._decoder.feed(body))

    def finish(self, console_text: bytes) -> list[ConsoleEvent]:
        """The stream has ended: flush, then make the text shown equal `consoleText`."""
        return self.end() + self._from_whole(clean_console(console_text))

    def end(self) -> list[ConsoleEvent]:
        """The stream has ended and there is nothing to check it against: flush."""
        return self._emit(self._decoder.flush())

    def _next_offset(self, start: int, size: int, body: bytes, more: bool) -> int:
        if not (self._skips_partial_lines and more):
            return size
        crlf = body.count(b"\r\n")
        consumed = len(body) - crlf  # the raw log has lone LFs, which Jenkins sends as CRLF
        gap = size - start - consumed
        if gap > 0 and gap != crlf:
            return start + consumed  # a partial line was skipped: read it again later
        return size  # nothing skipped (gap == crlf: the raw log itself had CRLF endings)

    def _emit(self, text: str) -> list[ConsoleEvent]:
        if not text:
            return []
        encoded = text.encode("utf-8", "surrogatepass")
        self._shown.update(encoded)
        self._shown_bytes += len(encoded)
        return [ConsoleAppend(text)]

    def _from_whole(self, text: str) -> list[ConsoleEvent]:
        """Continue from the whole log: append what is new, or replace if it disagrees."""
        encoded = text.encode("utf-8", "surrogatepass")
        head = encoded[: self._shown_bytes]
        if len(head) == self._shown_bytes and hashlib.sha256(head).digest() == self._digest():
            return self._emit(encoded[self._shown_bytes :].decode("utf-8", "replace"))
        self._shown = hashlib.sha256(encoded)
        self._shown_bytes = len(encoded)
        return [ConsoleReplace(text)]

    def _digest(self) -> bytes:
        return self._shown.copy().digest()

"""A terminal notification that reaches the desktop through SSH and tmux: the bell (BEL),
OSC 9 (iTerm2, WezTerm, kitty, Windows Terminal…) and OSC 777 (VTE, foot, Konsole…). Inside
tmux each escape sequence is wrapped for passthrough, or tmux would eat it; the bell goes
as it is (tmux raises its own bell flag and passes it on).

The words are server text (job names): printable only, so nothing in them can end the
sequence early or start another.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..config.profiles import Config, Profile
from .text import printable

BEL = "\a"
TTY = "/dev/tty"


def mode_for(profile: Profile | None, config: Config) -> str:
    """`notify` of the profile, else the config's (`all` by default)."""
    return (profile.notify if profile else None) or config.notify


def notification(title: str, body: str, mode: str, environ: Mapping[str, str]) -> str:
    """What to write to the terminal for `mode` (all, bell, osc, off)."""
    if mode == "off":
        return ""
    title, body = _words(title), _words(body)
    sequences = [f"\x1b]9;{title}: {body}\a", f"\x1b]777;notify;{title};{body}\a"]
    if environ.get("TMUX"):
        sequences = [_through_tmux(sequence) for sequence in sequences]
    osc = "".join(sequences)
    if mode == "bell":
        return BEL
    if mode == "osc":
        return osc
    return osc + BEL


def _words(text: str) -> str:
    # `;` separates OSC 777's fields; the rest is plain once printable.
    return printable(text).replace(";", ",")[:200]


def _through_tmux(sequence: str) -> str:
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def to_tty(text: str) -> None:
    """Straight to the controlling terminal (blocking: run it off the loop); nothing, and no
    error, without one."""
    try:
        with open(TTY, "w", encoding="utf-8") as tty:
            tty.write(text)
    except OSError:
        pass

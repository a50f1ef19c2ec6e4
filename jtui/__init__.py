"""jtui: a keyboard-driven terminal UI for Jenkins."""

__version__ = "0.1.0"

import logging as _logging
import sys as _sys

# httpx imports its own command line (click, rich, pygments: 60+ ms) whenever those happen to
# be installed; jtui never runs it, and httpx falls back to a stub when it cannot be imported.
_sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

# Silent unless --debug gives the log a place to go (never the terminal).
_logging.getLogger("jtui").addHandler(_logging.NullHandler())

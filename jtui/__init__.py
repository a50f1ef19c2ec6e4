"""jtui: a keyboard-driven terminal UI for Jenkins."""

__version__ = "0.1.0"

import logging as _logging

# Silent unless --debug gives the log a place to go (never the terminal).
_logging.getLogger("jtui").addHandler(_logging.NullHandler())

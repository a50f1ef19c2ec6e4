"""jtui: a keyboard-driven terminal UI for Jenkins."""

__version__ = "0.1.0"

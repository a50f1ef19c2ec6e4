"""What can go wrong with jtui's own files and a profile's token source.

Kept apart from the modules that do the work, so front ends can catch these errors without
importing the file machinery.
"""

from __future__ import annotations


class ConfigError(Exception):
    """A config or state file that cannot be read or written; the message names the file."""


class FileLocked(ConfigError):
    """Another jtui kept the file's lock for too long."""


class ProfileError(ConfigError):
    """No usable profile: none configured, an unknown name, or an ambiguous choice."""


class SecretError(Exception):
    """The token could not be obtained; the message says from where and why."""

"""TOML files that jtui reads and rewrites without ever losing or leaking anything.

Every write: take a sidecar lock, re-read the file, apply only this change, serialise with
`tomli_w.dumps`, parse the result back, write a 0600 temp file in the same directory, fsync,
`os.replace`. A file that does not parse is never overwritten; the error names its line.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import tomli_w

from .errors import ConfigError, FileLocked

LOCK_TIMEOUT = 10.0
FILE_MODE = 0o600
DIR_MODE = 0o700
_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")

TomlData = dict[str, Any]


def parse_error(path: Path, error: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(error)
    position = _POSITION.search(message)
    reason = _POSITION.sub("", message).strip()
    if position:
        line, column = position.groups()
        return ConfigError(f"{path}:{line}:{column}: {reason} (the file was left as it is)")
    return ConfigError(f"{path}: {reason} (the file was left as it is)")


def read_toml(path: Path) -> TomlData:
    """The parsed file, or {} when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror}") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (the file was left as it is)") from None
    except tomllib.TOMLDecodeError as error:
        raise parse_error(path, error) from None


def loose_permissions(path: Path) -> str | None:
    """A warning when others may read the file (it can hold tokens)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return f"{path} can be read by other users (mode {stat.S_IMODE(mode):o}): chmod 600 it"
    return None


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive lock on `<path>.lock`, shared by every jtui process."""
    _ensure_directory(path.parent)
    lock_path = path.with_name(path.name + ".lock")
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise FileLocked(f"{path} is locked by another jtui") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(descriptor)


def update_toml(path: Path, change: Callable[[TomlData], None], header: str = "") -> TomlData:
    """Apply `change` to the file's current contents, atomically and under the lock.

    A symlinked file (dotfiles) is written through to its target, which stays a symlink's.
    """
    target = real_file(path)
    try:
        with locked(target):
            data = read_toml(target)
            change(data)
            text = tomli_w.dumps(data)
            tomllib.loads(text)  # never write what we could not read back
            write_atomically(target, (header + text).encode("utf-8"))
            return data
    except OSError as error:  # a read-only directory, a full disk, …
        raise ConfigError(f"cannot write {path}: {error.strerror or error}") from None


def check_writable(path: Path) -> None:
    """Fail now, with the reason, if `update_toml(path, …)` could not succeed later: the file
    does not parse, or its directory cannot be written."""
    target = real_file(path)
    read_toml(target)
    try:
        _ensure_directory(target.parent)
    except OSError as error:
        raise ConfigError(f"cannot write {path}: {error.strerror or error}") from None
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write {path}: its directory is not writable")


def real_file(path: Path) -> Path:
    """The file a (possibly symlinked) path names."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_atomically(path: Path, content: bytes) -> None:
    _ensure_directory(path.parent)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)  # O_CREAT's mode does not apply to an existing temp file
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_directory(path.parent)


def _ensure_directory(directory: Path) -> None:
    if not directory.exists():
        directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(directory, DIR_MODE)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

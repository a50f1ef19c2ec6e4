"""Downloading a build's artifact to a file: never over an existing one unless asked, into
`<file>.part` first (an interrupted download resumes there with `Range`), renamed when whole.
File work runs off the event loop."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..jenkins.results import Artifact
from .errors import CoreError
from .home import off_loop
from .session import Session

Progress = Callable[[int, int | None], None]  # bytes so far, of (if known)
VIEW_LIMIT = 1 << 20  # bytes of a text artifact read to show it in the app


class ArtifactError(CoreError):
    """The artifact could not be written where asked."""


async def list_artifacts(session: Session, name: str, number: int) -> tuple[Artifact, ...]:
    return await session.client.results.artifacts(name, number)


async def directory_for_downloads(typed: str) -> Path:
    """The directory a person typed (`~` expanded); it must exist."""
    directory = Path(typed).expanduser()
    if not await off_loop(directory.is_dir):
        raise ArtifactError(f"{directory} is not a directory")
    return directory


async def exists(target: Path) -> bool:
    return await off_loop(target.exists)


def target_in(directory: Path, path: str) -> Path:
    """Where the artifact at `path` goes in `directory`: its file name, never a way out of
    the directory (the name comes from the server)."""
    name = path.replace("\\", "/").rpartition("/")[2]
    if name in ("", ".", ".."):
        raise ArtifactError(f"{path!r} names no file to write: give a file name")
    return directory / name


async def read_text(
    session: Session, name: str, number: int, path: str, limit: int = VIEW_LIMIT
) -> tuple[str, bool]:
    """A text artifact's start (up to `limit` bytes) and whether that is all of it; a file
    with NUL bytes is binary, not shown."""
    data = bytearray()
    async with session.client.results.download(name, number, path) as download:
        async for chunk in download.response.aiter_bytes(1 << 16):
            data += chunk
            if len(data) > limit:
                break
    whole = len(data) <= limit
    if b"\0" in data[:8192]:
        raise ArtifactError(f"{path} is not text: download it to open it")
    return bytes(data[:limit]).decode("utf-8", "replace"), whole


async def download_to(
    session: Session,
    name: str,
    number: int,
    path: str,
    target: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the artifact to `target`; the number of bytes. A `target.part` left by an
    interrupted download is resumed from its length."""
    if not force and await off_loop(target.exists):
        raise ArtifactError(f"{target} exists: add --force to replace it")
    part = target.with_name(target.name + ".part")
    have = await off_loop(_size, part)
    async with session.client.results.download(name, number, path, have) as download:
        handle = await off_loop(_open, part, append=download.start > 0)
        try:
            written = download.start
            async for chunk in download.response.aiter_bytes(1 << 16):
                await off_loop(handle.write, chunk)
                written += len(chunk)
                if progress is not None:
                    progress(written, download.size)
        finally:
            await off_loop(handle.close)
    if download.size is not None and written != download.size:
        raise ArtifactError(
            f"{path}: got {written} of {download.size} bytes; run it again to resume"
        )
    await off_loop(os.replace, part, target)
    return written


async def download_to_stream(
    session: Session, name: str, number: int, path: str, out: BinaryIO
) -> int:
    """Write the artifact to `out` (stdout): no resume, nothing left on disk."""
    written = 0
    async with session.client.results.download(name, number, path) as download:
        async for chunk in download.response.aiter_bytes(1 << 16):
            await off_loop(out.write, chunk)
            written += len(chunk)
    await off_loop(out.flush)
    return written


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _open(path: Path, *, append: bool) -> BinaryIO:
    return path.open("ab" if append else "wb")

"""A demo build's archived artifacts, and serving one as Jenkins does.

`platform/release-train` archives a 3 MB tarball and a report with a non-ASCII name;
`platform/nightly-e2e` 25 screenshots (over 20: Jenkins then leaves `displayPath` null).
Downloads answer a single `Range: bytes=S-[E]` with 206 and `Content-Range` (suffix and
multiple ranges get the whole file), with `Accept-Ranges`, `Last-Modified` and `nosniff`.
With the `artifact_host` switch set, they redirect (302) to that host as an external
artifact store would (S3's presigned URL), which refuses a request carrying credentials.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from email.utils import formatdate
from typing import TYPE_CHECKING

from .export import Record, record
from .protocol import Response

if TYPE_CHECKING:
    from .model import Build

LIST_CUTOFF = 20
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def names(build: Build) -> list[str]:
    """The build's artifacts, by path relative to its artifact root."""
    if build.building:
        return []
    if build.job.full_name == "platform/release-train":
        return ["dist/app.tar.gz", "reports/Überblick über den Lauf.txt"]
    if build.job.full_name == "platform/nightly-e2e":
        return [f"screenshots/step-{n:02d}.png" for n in range(25)]
    return []


def content(build: Build, path: str) -> bytes | None:
    if path not in names(build):
        return None
    return _content(build.job.full_name, build.number, path)


@functools.lru_cache(maxsize=8)
def _content(job: str, number: int, path: str) -> bytes:
    if path.endswith(".txt"):
        return f"Lauf #{number}: 6 Tests, 2 fehlgeschlagen.\nÄrger in NetTest.\n".encode()
    size = 3 * 1024 * 1024 + 17 if path.endswith(".tar.gz") else 2048
    return _noise(f"{job}#{number}/{path}", size)


def listing(build: Build) -> list[Record]:
    found = names(build)
    many = len(found) > LIST_CUTOFF
    return [
        record(
            "hudson.model.Run$Artifact",
            3,
            displayPath=None if many else path.rpartition("/")[2],
            fileName=path.rpartition("/")[2],
            relativePath=path,
        )
        for path in found
    ]


def serve(data: bytes, name: str, range_header: str | None, modified_ms: int) -> Response:
    kind = "text/plain;charset=UTF-8" if name.endswith(".txt") else "application/octet-stream"
    headers = [
        ("Accept-Ranges", "bytes"),
        ("Last-Modified", formatdate(modified_ms / 1000, usegmt=True)),
        ("X-Content-Type-Options", "nosniff"),
    ]
    match = _RANGE.match(range_header or "")
    if match is None:
        return Response(200, data, kind, headers)
    start = int(match.group(1))
    end = min(int(match.group(2)) if match.group(2) else len(data) - 1, len(data) - 1)
    if start >= len(data):
        return Response(416, b"", None, [*headers, ("Content-Range", f"bytes */{len(data)}")])
    headers.append(("Content-Range", f"bytes {start}-{end}/{len(data)}"))
    return Response(206, data[start : end + 1], kind, headers)


def new_blob_token() -> str:
    return secrets.token_urlsafe(12)


def _noise(seed: str, size: int) -> bytes:
    """Deterministic bytes that do not compress (a tarball's worth)."""
    out = bytearray()
    block = hashlib.sha256(seed.encode()).digest()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])

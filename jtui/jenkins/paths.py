"""Job full names ↔ URL paths, and `tree=` queries.

Jenkins builds each URL segment with `Util.rawEncode(name)`; a multibranch branch `feature/x`
has the item *name* `feature%2Fx`, so its segment is `feature%252Fx`. Only names are used to
build URLs: display names are for people, and `url` fields carry whatever host Jenkins thinks
it has, so only their path is trusted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

# Util.rawEncode leaves these alone besides ASCII letters and digits.
_RAW_SAFE = frozenset("!$&'()*+,-.=@_")
_LEFT_ALONE = re.compile(r"[A-Za-z0-9!$&'()*+,\-.=@_]*")


@functools.lru_cache(maxsize=65536)  # a folder's name recurs in every one of its jobs' URLs
def raw_encode(segment: str) -> str:
    """Percent-encode one item name the way Jenkins' `Util.rawEncode` does."""
    if _LEFT_ALONE.fullmatch(segment):
        return segment
    out: list[str] = []
    for char in segment:
        if (char.isascii() and char.isalnum()) or char in _RAW_SAFE:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def split_full_name(full_name: str) -> list[str]:
    """`a/b/feature%2Fx` → `["a", "b", "feature%2Fx"]` (item names never contain a slash)."""
    parts = [part for part in full_name.strip("/").split("/") if part]
    if not parts:
        raise ValueError("a job name cannot be empty")
    return parts


def job_path(full_name: str) -> str:
    """The path of an item relative to the Jenkins root, with a trailing slash: `job/a/job/b/`."""
    return "".join(f"job/{raw_encode(name)}/" for name in split_full_name(full_name))


def build_path(full_name: str, number: int | str) -> str:
    """The path of a build (or a permalink such as `lastBuild`) relative to the Jenkins root."""
    return f"{job_path(full_name)}{number}/"


def context_path_of(base_url: str) -> str:
    """The context path of a base URL, always with leading and trailing slashes: `/jenkins/`."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def relative_path(url: str, context_path: str) -> str:
    """The path of `url` relative to the Jenkins root, whatever host or port the URL names.

    A misconfigured Jenkins root URL may put another host, or no context path, in `url`
    fields; the path after the context path is what identifies the object.
    """
    path = urlsplit(url).path if "://" in url else url
    if path.startswith(context_path):
        return path[len(context_path) :]
    return path.lstrip("/")


def full_name_from_path(path: str) -> str | None:
    """Recover the full name from an item path such as `view/all/job/a/job/feature%252Fx/7/`.

    `view/<name>/` segments are skipped; anything after the last `job/<name>` pair (a build
    number, `api/json`, …) is ignored. Returns None when the path names no job.
    """
    segments = [segment for segment in path.split("/") if segment]
    names: list[str] = []
    index = 0
    while index < len(segments) - 1:
        kind, value = segments[index], segments[index + 1]
        if kind == "job":
            names.append(unquote(value))
        elif kind != "view" or names:
            break
        index += 2
    return "/".join(names) if names else None


def tree_query(fields: Sequence[str], children: str | None = None, depth: int = 0) -> str:
    """A `tree=` value that asks for `fields` of `depth + 1` nested levels of `children`.

    `tree_query(["name"], "jobs", 1)` → `jobs[name,jobs[name,jobs]]`. The deepest level names
    `children` bare: Jenkins then answers with one `{"_class": …}` stub per child, which tells
    a folder that has more to fetch from an empty one.
    """
    if children is None:
        return ",".join(fields)
    inner = children
    for _ in range(depth + 1):
        inner = f"{children}[{','.join([*fields, inner])}]"
    return inner

"""A multibranch project's (or organization folder's) scan, as branch-api and the folder
plugin serve it: `POST <mbp>/build?delay=0` answers 302 (to the Referer, else `.`), with no
queue item; the log is at `indexing/` (`computation/` for an organization folder), as
`consoleText` and `logText/progressiveText`, whose `X-More-Data` stays set while the scan
runs — and, as in Jenkins, for a folder that was never scanned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .protocol import Response, oops, text

if TYPE_CHECKING:
    from .instance import Instance
    from .model import Folder

SCAN_SECONDS = 4.0  # Jenkins time a scan takes
LOG_DIRS = {"multibranch": "indexing", "organization": "computation"}


@dataclass
class Scan:
    started: int  # ms, the demo's clock
    user: str


def log_dir(folder: Folder) -> str | None:
    return LOG_DIRS.get(folder.kind)


def start(inst: Instance, folder: Folder, user: str) -> None:
    inst.scans[folder.full_name] = Scan(inst.clock.now(), user)


def _lines(inst: Instance, folder: Folder) -> tuple[list[str], bool]:
    """The log so far, and whether the scan still runs (never scanned: nothing, running)."""
    scan = inst.scans.get(folder.full_name)
    if scan is None:
        return [], True
    children = sorted(folder.children)
    every = [
        f"Started by user {scan.user}",
        "Starting branch indexing...",
        "Checking branches...",
        *(f"  Checking branch {name}" for name in children),
        f"Processed {len(children)} branches",
        "Finished branch indexing.",
        "Finished: SUCCESS",
    ]
    elapsed = (inst.clock.now() - scan.started) * inst.clock.time_scale / 1000
    shown = min(len(every), 1 + int(len(every) * elapsed / SCAN_SECONDS))
    return every[:shown], shown < len(every)


def console_text(inst: Instance, folder: Folder) -> Response:
    lines, _ = _lines(inst, folder)
    return text("".join(f"{line}\n" for line in lines).encode())


def progressive_text(inst: Instance, folder: Folder, raw_start: str | None) -> Response:
    try:
        start_at = int(raw_start or "0")
    except ValueError:
        return oops()
    lines, running = _lines(inst, folder)
    log = "".join(f"{line}\r\n" for line in lines).encode()
    headers = [("X-Text-Size", str(len(log)))]
    if running:
        headers.append(("X-More-Data", "true"))
    return text(log[min(start_at, len(log)) :], headers)

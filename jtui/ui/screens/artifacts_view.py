"""A build's artifacts: Enter shows a text one in the app; d downloads the highlighted one
into a directory you choose (asked with the last one filled in), with a progress bar; an
interrupted download resumes where it stopped."""

from __future__ import annotations

import os
from collections.abc import Hashable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import ProgressBar

from ...core import artifacts
from ...core.build_results import watch_artifacts
from ...core.live import Watch
from ...core.session import Session
from ...jenkins.results import Artifact
from ..keys import bindings
from ..plain import Words, line, toast
from ..widgets.table import Cell, Column
from .build_part import BuildPartScreen
from .dialogs import Prompt, confirm
from .reader import ReaderScreen

COLUMNS = [Column("File", minimum=16), Column("Folder", minimum=12, drop=1)]


class ArtifactsScreen(BuildPartScreen[tuple[Artifact, ...]]):
    HELP_TITLE = "Artifacts"
    BINDINGS = bindings("artifacts")
    PART = "Artifacts"
    COLUMNS = COLUMNS
    last_directory: str | None = None  # where the last download went, for the next one

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield ProgressBar(id="download-progress", show_eta=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ProgressBar).display = False

    def watch_of(self, session: Session) -> Watch[tuple[Artifact, ...]]:
        return watch_artifacts(session, self.full_name, self.number, self.finished)

    def rows_of(self, value: tuple[Artifact, ...]) -> tuple[list[Sequence[Cell]], list[Hashable]]:
        return [_row(a) for a in value], list(range(len(value)))

    def summary_of(self, value: tuple[Artifact, ...]) -> Words:
        return f"{len(value)} files · Enter: view (text) · d: download"

    def empty_text(self, value: tuple[Artifact, ...]) -> str:
        return "this build archived no artifact"

    def _artifact(self, key: Hashable | None) -> Artifact | None:
        found = self.value or ()
        return found[key] if isinstance(key, int) and 0 <= key < len(found) else None

    def detail_of(self, key: Hashable) -> Words:
        artifact = self._artifact(key)
        if artifact is None:
            return ""
        return Text(f"{line(artifact.name)}\n\n{line(artifact.path)}\n\n{line(artifact.url)}")

    def open(self, key: Hashable) -> None:
        artifact = self._artifact(key)
        if artifact is None:
            return
        name, number, path = self.full_name, self.number, artifact.path

        async def load(session: Session) -> str:
            text, whole = await artifacts.read_text(session, name, number, path)
            cut = artifacts.VIEW_LIMIT >> 20
            return text if whole else text + f"\n… (the first {cut} MiB: download it for all)"

        title = Text(line(artifact.path), style="bold")
        self.app.push_screen(ReaderScreen(title, load=load))

    def action_download(self) -> None:
        artifact = self._artifact(self.table.current_key)
        if artifact is not None and self.session is not None:
            self.run_task(self._download(self.session, artifact), "download")

    async def _download(self, session: Session, artifact: Artifact) -> None:
        default = ArtifactsScreen.last_directory or os.getcwd()
        typed = await self.app.push_screen_wait(
            Prompt(f"Download {line(artifact.name)} into", default, "a directory")
        )
        if typed is None:
            return
        directory = await artifacts.directory_for_downloads(typed)
        target = artifacts.target_in(directory, artifact.path)
        force = False
        if await artifacts.exists(target):
            question = confirm(f"{target} exists. Replace it?", "Replace")
            if await self.app.push_screen_wait(question) is None:
                return
            force = True
        ArtifactsScreen.last_directory = str(directory)
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        try:
            size = await artifacts.download_to(
                session,
                self.full_name,
                self.number,
                artifact.path,
                target,
                force=force,
                progress=lambda done, whole: bar.update(total=whole, progress=done),
            )
        finally:
            bar.display = False
        toast(self, f"{target} ({_size(size)})", title="Downloaded")


def _row(artifact: Artifact) -> list[Cell]:
    folder = artifact.path.rpartition("/")[0]
    return [line(artifact.name), line(folder + "/" if folder else "")]


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1 << 20:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1 << 20):.1f} MiB"

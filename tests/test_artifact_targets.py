"""Where a downloaded artifact lands: its name comes from the server, so it must never lead
out of the directory the person chose."""

from __future__ import annotations

from pathlib import Path

import pytest

from jtui.core.artifacts import ArtifactError, target_in

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("dist/app.tar.gz", "app.tar.gz"),
        ("reports/Überblick über den Lauf.txt", "Überblick über den Lauf.txt"),
        ("../../etc/passwd", "passwd"),
        ("/etc/cron.d/evil", "evil"),
        ("..\\..\\windows\\evil.dll", "evil.dll"),
    ],
)
def test_only_the_file_name_is_kept(tmp_path: Path, path: str, name: str) -> None:
    target = target_in(tmp_path, path)
    assert target == tmp_path / name
    assert target.parent == tmp_path


@pytest.mark.parametrize("path", ["", "dist/", "..", "a/..", "."])
def test_a_path_naming_no_file_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(ArtifactError, match="names no file"):
        target_in(tmp_path, path)

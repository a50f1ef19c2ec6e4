"""Safe writes: atomic, locked, private, and never over a file that does not parse."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jtui.config.errors import ConfigError
from jtui.config.files import check_writable, loose_permissions, read_toml, update_toml
from jtui.config.profiles import add_profile, load_config

pytestmark = pytest.mark.unit


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_and_directory_are_private(tmp_path: Path) -> None:
    path = tmp_path / "jtui" / "config.toml"
    add_profile(path, "prod", {"url": "https://ci.example.com", "user": "a", "token": "t"})
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert path.read_text().startswith("# jtui configuration")
    assert load_config(path).profiles["prod"].url == "https://ci.example.com/"


def test_an_existing_loose_file_becomes_private_and_was_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('version = 1\n[profiles.a]\nurl = "http://x/"\nuser = "u"\ntoken = "t"\n')
    path.chmod(0o644)
    assert loose_permissions(path) is not None
    assert load_config(path).permission_warning is not None
    add_profile(path, "b", {"url": "http://y/", "user": "u", "token_env": "B_TOKEN"})
    assert mode(path) == 0o600
    assert loose_permissions(path) is None


def test_corrupt_file_is_reported_with_line_and_column_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = b'version = 1\n[profiles.a]\nurl = "http://x/\nuser = "u"\n'
    path.write_bytes(original)
    with pytest.raises(ConfigError, match=r"config\.toml:3:\d+: .*left as it is"):
        add_profile(path, "b", {"url": "http://y/", "user": "u", "token": "t"})
    assert path.read_bytes() == original
    with pytest.raises(ConfigError, match=r":3:"):
        load_config(path)


def test_a_write_that_dies_before_replace_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    add_profile(path, "a", {"url": "http://x/", "user": "u", "token": "t"})
    before = path.read_bytes()

    def power_cut(*_args: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(ConfigError, match=f"cannot write {path}: power cut"):
        add_profile(path, "b", {"url": "http://y/", "user": "u", "token": "t"})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_change_that_cannot_round_trip_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    update_toml(path, lambda data: data.update(a=1))
    before = path.read_bytes()

    def bad(data: dict[str, object]) -> None:
        data["b"] = None  # TOML has no null: tomli_w refuses, nothing is written

    with pytest.raises(TypeError):
        update_toml(path, bad)
    assert path.read_bytes() == before


def test_unknown_keys_survive_a_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'colour_scheme = "dark"\n[profiles.a]\nurl = "http://x/"\nuser = "u"\ntoken = "t"\n'
        "timout = 5\n"
    )
    add_profile(path, "b", {"url": "http://y/", "user": "u", "token": "t"})
    data = read_toml(path)
    assert data["colour_scheme"] == "dark"
    assert data["profiles"]["a"]["timout"] == 5
    assert data["version"] == 1


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from jtui.config.profiles import add_profile
    path, prefix = Path(sys.argv[1]), sys.argv[2]
    for index in range(50):
        add_profile(path, f"{prefix}{index}", {"url": "http://x/", "user": "u", "token": "t"})
    """
)


def test_two_processes_adding_fifty_profiles_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), prefix])
        for prefix in ("left", "right")
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    names = set(load_config(path).profiles)
    assert len(names) == 100
    assert {f"left{i}" for i in range(50)} | {f"right{i}" for i in range(50)} == names


def test_a_symlinked_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "jtui.toml"
    add_profile(target, "a", {"url": "http://x/", "user": "u", "token": "t"})
    link = tmp_path / "config" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    add_profile(link, "b", {"url": "http://y/", "user": "u", "token": "t"})
    assert link.is_symlink()
    assert set(load_config(target).profiles) == {"a", "b"}


def test_an_unwritable_place_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state directory should be")
    path = blocker / "state.toml"
    with pytest.raises(ConfigError, match=f"cannot write {path}: Not a directory"):
        update_toml(path, lambda data: data.update(a=1))
    with pytest.raises(ConfigError, match=f"{path}: Not a directory"):
        check_writable(path)


def test_a_full_disk_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.toml"

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ConfigError, match="No space left on device"):
        update_toml(path, lambda data: data.update(a=1))
    assert not path.exists()


def test_a_corrupt_ledger_is_found_before_a_token_is_made(tmp_path: Path) -> None:
    path = tmp_path / "tokens.toml"
    path.write_text("tokens = [ not toml")
    with pytest.raises(ConfigError, match=r"tokens\.toml:1"):
        check_writable(path)

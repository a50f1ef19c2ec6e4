"""The debug log scrubs every secret this process knows, and every Authorization header."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from jtui.core import debug
from jtui.secret import Secret

pytestmark = pytest.mark.unit


def test_secrets_and_authorization_headers_never_reach_the_log(tmp_path: Path) -> None:
    token = Secret("11" + "5c2ub" * 6)
    path = debug.enable(tmp_path / "log" / "jtui.log")
    log = logging.getLogger("jtui.test")
    log.debug("sending %s", token.reveal())
    log.debug("headers: {'Authorization': 'Basic YWRtaW46MTFzZWNyZXQ='}")
    log.debug("Authorization: Bearer abc.def.ghi")
    try:
        raise RuntimeError(f"boom with {token.reveal()} inside")
    except RuntimeError:
        log.exception("a failure")
    assert debug.active_log() == path
    debug.disable()
    written = path.read_text()
    assert token.reveal() not in written and "YWRtaW46" not in written and "abc.def" not in written
    assert written.count(debug.MASK) >= 4 and "RuntimeError: boom with ********" in written
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_wanted_by_flag_or_environment() -> None:
    assert debug.wanted(True, {})
    assert debug.wanted(False, {"JTUI_DEBUG": "1"})
    assert not debug.wanted(False, {"JTUI_DEBUG": "0"})
    assert not debug.wanted(False, {})

"""TLS with a throw-away CA: ca_bundle, SSL_CERT_FILE, and visibly unverified profiles."""

from __future__ import annotations

import re
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from jtui.config.profiles import add_profile
from jtui.demo import DemoJenkins

from .cli_support import Jtui

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https_demo(authority: trustme.CA) -> Iterator[DemoJenkins]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    with DemoJenkins(time_scale=50, tls=context) as demo:
        yield demo


@pytest.fixture
def ca_file(authority: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "corp-ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


def profile(jtui: Jtui, demo: DemoJenkins, **extra: object) -> None:
    add_profile(
        jtui.config, "corp", {"url": demo.url, "user": demo.user, "token": demo.token, **extra}
    )


def test_untrusted_certificate_says_what_to_do(tmp_path: Path, https_demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    profile(jtui, https_demo)
    result = jtui("check")
    assert result.returncode == 5
    assert "could not be verified" in result.stderr and "ca_bundle" in result.stderr


def test_ca_bundle(tmp_path: Path, https_demo: DemoJenkins, ca_file: Path) -> None:
    jtui = Jtui(tmp_path)
    profile(jtui, https_demo, ca_bundle=str(ca_file))
    result = jtui("check")
    assert result.returncode == 0, result.stderr
    assert "NOT VERIFIED" not in result.stdout


def test_ssl_cert_file_is_honoured(tmp_path: Path, https_demo: DemoJenkins, ca_file: Path) -> None:
    jtui = Jtui(tmp_path)
    profile(jtui, https_demo)
    assert jtui("check", env={"SSL_CERT_FILE": str(ca_file)}).returncode == 0


def test_unverified_profile_works_and_is_flagged(tmp_path: Path, https_demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    profile(jtui, https_demo, verify_tls=False)
    result = jtui("check")
    assert result.returncode == 0, result.stderr
    assert re.search(r"tls\s+NOT VERIFIED", result.stdout)
    assert "TLS certificates are NOT verified" in result.stdout
    assert "TLS NOT VERIFIED" in jtui("profile", "list").stdout


def test_demo_server_serves_https(tmp_path: Path, authority: trustme.CA, ca_file: Path) -> None:
    cert = authority.issue_cert("localhost", "127.0.0.1")
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    jtui = Jtui(tmp_path)
    server = jtui.popen(
        "demo-server", "--port", "0", "--tls-cert", str(cert_file), "--tls-key", str(key_file)
    )
    try:
        assert server.stdout is not None
        url = re.search(r"at (https://\S+)", server.stdout.readline())
        token = re.search(r"token:\s+(\S+)", server.stdout.readline() + server.stdout.readline())
        assert url and token
        add_profile(
            jtui.config,
            "local",
            {
                "url": url.group(1),
                "user": "admin",
                "token": token.group(1),
                "ca_bundle": str(ca_file),
            },
        )
        assert jtui("check").returncode == 0
    finally:
        server.terminate()
        server.wait(timeout=10)

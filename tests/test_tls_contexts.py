"""TLS contexts are made once per process, and none with a CA bundle for a plain-http server."""

from __future__ import annotations

import ssl

import pytest

from jtui.jenkins.tls import context_for

pytestmark = pytest.mark.unit


def test_an_http_server_gets_a_context_that_trusts_nothing() -> None:
    context = context_for("http", True)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.get_ca_certs() == []  # no bundle read; TLS on it would fail, not pass
    assert context_for("http", False) is context


def test_https_contexts_are_made_once_and_verify_as_asked() -> None:
    trusted = context_for("https", True)
    assert trusted is context_for("https", True)
    assert trusted.verify_mode is ssl.CERT_REQUIRED and trusted.get_ca_certs()
    unverified = context_for("https", False)
    assert unverified.verify_mode is ssl.CERT_NONE and not unverified.check_hostname
    own = ssl.create_default_context()
    assert context_for("https", own) is own and context_for("http", own) is own

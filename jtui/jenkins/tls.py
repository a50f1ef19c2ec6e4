"""TLS contexts, each made at most once per process: loading a CA bundle costs tens of
milliseconds, and a plain-http server needs none at all."""

from __future__ import annotations

import functools
import ssl

import httpx


def context_for(scheme: str, verify: ssl.SSLContext | bool) -> ssl.SSLContext:
    """What httpx should be given for a client of a `scheme` server."""
    if isinstance(verify, ssl.SSLContext):
        return verify
    if scheme == "http":
        return _trusting_nothing()
    return _trusted() if verify else _unverified()


@functools.cache
def _trusted() -> ssl.SSLContext:
    """The default roots, as httpx would pick them (SSL_CERT_FILE / SSL_CERT_DIR, certifi)."""
    return httpx.create_ssl_context(verify=True, trust_env=True)


@functools.cache
def _unverified() -> ssl.SSLContext:
    return httpx.create_ssl_context(verify=False)


@functools.cache
def _trusting_nothing() -> ssl.SSLContext:
    """For an http:// client, which never speaks TLS: it verifies but trusts no root, so
    should one ever be asked to, it fails rather than connect unverified."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)

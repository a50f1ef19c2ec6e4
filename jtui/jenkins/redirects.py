"""Where a URL leads a browser: the profile URL a user typed may be redirected (http → https,
a missing context path, a login page)."""

from __future__ import annotations

import asyncio
import ssl

import httpx

from .tls import context_for

PROBE_TIMEOUT = 10.0


async def final_url(url: str, verify: ssl.SSLContext | bool) -> str | None:
    """The URL a GET of `url` ends at after redirects (no query), or None if it stays put or
    cannot be reached (the connection check that follows says why)."""
    # The first https context reads the CA bundle: not on the event loop.
    context = await asyncio.to_thread(context_for, "https", verify)  # it may lead to https
    client = httpx.AsyncClient(follow_redirects=True, verify=context, timeout=PROBE_TIMEOUT)
    async with client as probe:
        try:
            response = await probe.get(url)
        except httpx.HTTPError:
            return None
    if not response.history:
        return None
    return str(response.url.copy_with(query=None, fragment=None))

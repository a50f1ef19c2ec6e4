"""From a profile to a ready client: the token resolved, TLS set up as the profile says."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from pathlib import Path

from ..config.errors import ConfigError
from ..config.profiles import Profile
from ..config.secrets import resolve
from ..jenkins import Credentials, JenkinsClient
from ..jenkins.transport import Sleep


def tls_verify(profile: Profile) -> ssl.SSLContext | bool:
    """False only when the profile says so; `ca_bundle` for a corporate CA.

    With plain `True`, httpx honours SSL_CERT_FILE / SSL_CERT_DIR, then uses certifi.
    """
    if not profile.verify_tls:
        return False
    if profile.ca_bundle:
        bundle = Path(profile.ca_bundle).expanduser()
        try:
            return ssl.create_default_context(cafile=str(bundle))
        except (OSError, ssl.SSLError) as error:
            raise ConfigError(f"profile {profile.name}: ca_bundle {bundle}: {error}") from None
    return True


def client_for(
    profile: Profile, environ: Mapping[str, str] | None = None, sleep: Sleep = asyncio.sleep
) -> JenkinsClient:
    """Resolves the token and reads the CA bundle: call it off the event loop."""
    secret = resolve(profile.token_source, profile.user, environ)
    return JenkinsClient(
        profile.url,
        Credentials(profile.user, secret),
        verify=tls_verify(profile),
        timeout=profile.timeout_seconds,
        sleep=sleep,
    )

"""API tokens: what `generateNewToken` answers, and the paths of the token endpoints.

Both endpoints answer HTTP 200 even when they fail: `{"status": "error", "message": …}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..secret import Secret
from .errors import TokenOperationFailed
from .paths import raw_encode

TOKEN_DESCRIPTOR = "descriptorByName/jenkins.security.ApiTokenProperty/"


def token_endpoint(action: str, user_id: str | None = None) -> str:
    """`generateNewToken`/`revoke` of the caller (`me/…`) or of a user by ID."""
    owner = f"user/{raw_encode(user_id)}/" if user_id else "me/"
    return f"{owner}{TOKEN_DESCRIPTOR}{action}"


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just created. Jenkins shows its value this once and stores only a hash."""

    name: str
    uuid: str
    value: Secret


def parse_new_token(raw: Any) -> NewToken:
    if not isinstance(raw, dict) or raw.get("status") != "ok":
        message = raw.get("message") if isinstance(raw, dict) else None
        raise TokenOperationFailed(f"Jenkins did not create the token: {message or 'no reason'}")
    data = raw.get("data")
    if not isinstance(data, dict) or not data.get("tokenValue") or not data.get("tokenUuid"):
        raise TokenOperationFailed("Jenkins answered the token request without a token")
    return NewToken(
        str(data.get("tokenName", "")), str(data["tokenUuid"]), Secret(data["tokenValue"])
    )

"""API tokens: what `generateNewToken` answers, and the paths of the token endpoints.

Both endpoints answer HTTP 200 even when they fail: `{"status": "error", "message": …}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
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


@dataclass(frozen=True, slots=True)
class ServerToken:
    """A token as the user's security page lists it (there is no JSON API for this)."""

    uuid: str
    name: str
    created: datetime | None
    last_used: datetime | None
    usage: str  # the page's own words, e.g. "Used 3 time(s), last time on …"


_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})")


def _date(text: str) -> datetime | None:
    match = _DATE.search(text)
    if match is None:
        return None
    return datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}").replace(tzinfo=UTC)


class _SecurityPage(HTMLParser):
    """Token cards: `<div class="token-list-item" id="UUID">` with name, creation, usage."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[dict[str, str]] = []
        self.has_list = False
        self._field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        classes = attributes.get("class", "").split()
        if "token-list" in classes:
            self.has_list = True
        if "token-list-item" in classes and attributes.get("id"):
            self.tokens.append({"uuid": attributes["id"]})
        elif "data-token-uuid" in attributes and not any(
            t.get("uuid") == attributes["data-token-uuid"] for t in self.tokens
        ):
            self.tokens.append({"uuid": attributes["data-token-uuid"]})
        for field in ("token-name", "token-creation", "token-use-counter"):
            if field in classes and self.tokens:
                self._field = field
                if attributes.get("title"):
                    self.tokens[-1][field] = attributes["title"]

    def handle_endtag(self, tag: str) -> None:
        self._field = None

    def handle_data(self, data: str) -> None:
        if self._field and self.tokens:
            current = self.tokens[-1]
            current[self._field] = (current.get(self._field, "") + " " + data).strip()


def parse_security_page(page: str) -> tuple[ServerToken, ...] | None:
    """The tokens listed on the page, or None when the page has no token list at all."""
    parser = _SecurityPage()
    parser.feed(page)
    if not parser.has_list and not parser.tokens:
        return None
    return tuple(
        ServerToken(
            uuid=raw["uuid"],
            name=raw.get("token-name", ""),
            created=_date(raw.get("token-creation", "")),
            last_used=_date(raw.get("token-use-counter", "")),
            usage=raw.get("token-use-counter", ""),
        )
        for raw in parser.tokens
    )

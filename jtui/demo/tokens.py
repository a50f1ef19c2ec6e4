"""`generateNewToken`: 200 with `status: ok` and the value once — or 200 with `status: error`."""

from __future__ import annotations

from datetime import UTC, date, datetime

from .instance import Instance
from .protocol import Request, Response, json_response
from .users import User, new_token_value


def generate_token(inst: Instance, user: User, req: Request) -> Response:
    name = req.param("newTokenName") or f"Token created on {datetime.now(UTC).isoformat()}"
    duration = req.param("expirationDuration") or ""
    expiry = "never"
    if duration not in ("", "never"):
        chosen = req.param("tokenExpiration") if duration == "custom" else None
        try:
            when = date.fromisoformat(chosen) if chosen else None
            days = None if chosen else int(duration)
        except ValueError:
            return _json_status_error("Invalid expiration")
        if (when is not None and when <= date.today()) or (days is not None and days <= 0):
            return _json_status_error("The expiration date must be in the future")
        expiry = (when or date.today()).isoformat()
    value = new_token_value()
    token = user.add_token(name, value, inst.clock.now(), inst.new_uuid())
    return json_response(
        {
            "status": "ok",
            "data": {
                "tokenName": token.name,
                "tokenUuid": token.uuid,
                "tokenValue": value,
                "expirationDate": expiry,
                "aboutToExpire": False,
            },
        }
    )


def _json_status_error(message: str) -> Response:
    return json_response({"status": "error", "message": message})

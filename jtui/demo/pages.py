"""The HTML Jenkins (and things in front of it) answer with: error pages, login pages, stubs."""

from __future__ import annotations

import uuid
from html import escape


def jetty_error(status: int, message: str, uri: str) -> str:
    """A servlet container error page (`sendError`), as Jetty renders it."""
    text = escape(message)
    return (
        "<html>\n<head>\n"
        '<meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1"/>\n'
        f"<title>Error {status} {text}</title>\n</head>\n"
        f"<body><h2>HTTP ERROR {status} {text}</h2>\n<table>\n"
        f"<tr><th>URI:</th><td>{escape(uri)}</td></tr>\n"
        f"<tr><th>STATUS:</th><td>{status}</td></tr>\n"
        f"<tr><th>MESSAGE:</th><td>{text}</td></tr>\n"
        "<tr><th>SERVLET:</th><td>Stapler</td></tr>\n"
        "</table>\n</body>\n</html>\n"
    )


def oops() -> str:
    """Jenkins' generic error page: the message is not in it, only a logging ID."""
    return (
        "<!DOCTYPE html><html><head><title>Jenkins</title></head><body>"
        "<h1>Oops!</h1><p>A problem occurred while processing the request.</p>"
        f"<p>Logging ID={uuid.uuid4()}</p></body></html>\n"
    )


def login_required(path: str) -> str:
    """The anonymous 403 page: a meta refresh to the login form, padded like Jenkins pads it."""
    target = "/login?from=" + escape(path.replace("/", "%2F"))
    body = (
        "<html><head><meta http-equiv='refresh' "
        f"content='1;url={target}'/><script id='redirect' data-redirect-url='{target}' "
        "src='/static/redirect.js'></script></head><body style='background-color:white; "
        "color:white;'>\nAuthentication required\n<!--\n-->\n</body></html>"
    )
    return body + " " * 512 + "\n"


def access_denied(user: str, permission: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Access Denied [Jenkins]</title></head><body>"
        f"<h1>Access Denied</h1><p>{escape(user)} is missing the "
        f"{escape(permission.rsplit('.', 1)[-1])} permission</p></body></html>\n"
    )


def jenkins_page(title: str, body: str = "") -> str:
    """Any ordinary Jenkins HTML page (dashboard, job, build, login form)."""
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)} [Jenkins]</title></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )


def failure(message: str) -> str:
    """`hudson.model.Failure` as Jenkins renders it (error.jelly, HTTP 400)."""
    return (
        "<!DOCTYPE html><html><head><title>Jenkins</title></head><body>"
        f'<h1 style="text-align:center">Error</h1><p>{escape(message)}</p></body></html>\n'
    )


def sso_login() -> str:
    """What an SSO proxy in front of Jenkins sends instead of JSON."""
    return (
        "<!DOCTYPE html><html><head><title>Sign in - ACME SSO</title></head><body>"
        "<form method='post' action='https://sso.example.invalid/login'>"
        "<h1>Sign in with your corporate account</h1>"
        "<input name='username'><input name='password' type='password'>"
        "<button>Sign in</button></form></body></html>\n"
    )


def proxy_error(status: int) -> str:
    reasons = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
    reason = reasons.get(status, "Error")
    return (
        f"<html><head><title>{status} {reason}</title></head><body>"
        f"<center><h1>{status} {reason}</h1></center><hr><center>nginx</center></body></html>\n"
    )


def security_page(user_id: str, full_name: str, tokens: list[tuple[str, str, str, str]]) -> str:
    """`/user/<id>/security/`: the only place Jenkins lists a user's API tokens (HTML only).

    `tokens`: (uuid, name, created ISO date, usage text). Modelled on core's
    ApiTokenProperty/config.jelly: a card per token with its uuid as `id`, a `token-name`
    span, and a revoke button carrying `data-token-uuid` and `data-target-url`.
    """
    revoke = f"/user/{escape(user_id)}/descriptorByName/jenkins.security.ApiTokenProperty/revoke"
    cards = "".join(
        f'<div class="token-list-item" id="{escape(uuid)}">'
        f'<div class="token-list-fresh-item"></div>'
        f'<span class="token-name">{escape(name)}</span>'
        f'<span class="token-creation" title="Created on {escape(created)}">'
        f"Created on {escape(created)}</span>"
        f'<span class="token-use-counter">{escape(usage)}</span>'
        f'<a href="#" class="token-revoke" data-token-uuid="{escape(uuid)}" '
        f'data-target-url="{revoke}" data-confirm="Are you sure you want to revoke this token?">'
        f"Revoke</a></div>"
        for uuid, name, created, usage in tokens
    )
    empty = "" if tokens else "There are no registered tokens for this user."
    body = (
        f'<h2>API Token</h2><div class="token-list">{cards}'
        f'<div class="token-list-empty-item">{empty}</div>'
        f'</div><button class="repeatable-add">Add new Token</button>'
    )
    return jenkins_page(f"{full_name} » Security", body)

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

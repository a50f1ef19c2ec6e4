"""The demo Jenkins as a real HTTP server on loopback, and its Python API for tests.

with DemoJenkins(time_scale=50) as jenkins:
    ... jenkins.url, jenkins.user, jenkins.token ...
    jenkins.faults.fail_next(503, retry_after=1)
"""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import json
import secrets
import socket
import ssl
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .. import __version__
from . import artifacts, pages, simulator
from .faults import Faults
from .fleet import seed_flavour
from .hostile import seed_hostile
from .instance import Instance
from .protocol import Caller, Request, Response, container_error, html, json_response
from .requests import RequestLog
from .routes import Routes
from .seed import seed_instance
from .users import ADMINISTER, User, new_token_value

TICK_SECONDS = 0.05
HANG_SECONDS = 120.0  # how long a silent or stalled answer waits before the demo gives up


class DemoJenkins:
    """A simulated Jenkins on a loopback port (0 = any free port)."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        jobs: int | None = None,
        user: str = "admin",
        token: str | None = None,
        password: str | None = None,
        context_path: str = "",
        latency_ms: int = 0,
        time_scale: float = 1.0,
        tls: ssl.SSLContext | None = None,
        epoch_ms: int | None = None,
        hostile: bool = False,
        stage_api: str = "stages",
        flavour: str = "prod",
    ) -> None:
        self.instance = Instance(time_scale=time_scale, epoch_ms=epoch_ms)
        self.faults = Faults(latency_ms, stage_api)
        self.requests = RequestLog()
        self.user = user
        self.token = token or new_token_value()
        self.password = password
        self.context_path = "/" + context_path.strip("/") + "/" if context_path.strip("/") else "/"
        admin = User(user, user.capitalize(), password=password)
        admin.add_token("demo", self.token, self.instance.clock.now(), self.instance.new_uuid())
        with self.instance.lock:
            if flavour == "prod":
                seed_instance(self.instance, admin, jobs)
            else:
                seed_flavour(self.instance, admin, flavour)
            if hostile:
                seed_hostile(self.instance, admin)
        self.routes = Routes(self.instance, lambda: self.faults.settings)
        self._tls = tls
        self._server = _Server((host, port), _Handler)
        self._server.demo = self
        self._server.tls = tls
        self._threads: list[threading.Thread] = []
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        scheme = "https" if self._tls else "http"
        shown = "localhost" if self._tls else str(host)
        return f"{scheme}://{shown}:{port}{self.context_path}"

    def start(self) -> DemoJenkins:
        serve = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="demo-http", daemon=True
        )
        ticker = threading.Thread(target=self._tick_forever, name="demo-clock", daemon=True)
        self._threads = [serve, ticker]
        for thread in self._threads:
            thread.start()
        return self

    def serve_forever(self) -> None:
        """Run in the foreground until interrupted (the `jtui demo-server` command)."""
        ticker = threading.Thread(target=self._tick_forever, name="demo-clock", daemon=True)
        ticker.start()
        try:
            self._server.serve_forever(0.05)
        finally:
            self.stopping.set()
            self._server.server_close()

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> DemoJenkins:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def restart(self, unavailable_for: int = 3) -> None:
        """Jenkins restarting: the next requests get 503, then a new X-Jenkins-Session; the
        builds and their logs carry on."""
        self.faults.fail_next(503, count=unavailable_for)
        with self.instance.lock:
            self.instance.session_id = secrets.token_hex(4)

    def tick(self) -> None:
        with self.instance.lock:
            simulator.tick(self.instance)

    def _tick_forever(self) -> None:
        while not self.stopping.wait(TICK_SECONDS):
            self.tick()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    demo: DemoJenkins
    tls: ssl.SSLContext | None = None

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        if self.tls is None:
            return connection, address
        # The handshake happens on the first read, in the connection's own thread.
        wrapped = self.tls.wrap_socket(connection, server_side=True, do_handshake_on_connect=False)
        return wrapped, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-response is routine (and the reset fault's point)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Jetty(12.0.x)"
    sys_version = ""
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def _handle(self, method: str) -> None:
        demo = self.server.demo
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        settings = demo.faults.settings
        if settings.latency_ms:
            time.sleep(settings.latency_ms / 1000)
        split = urlsplit(self.path)
        if split.path.startswith("/__demo/blob/"):
            self._send(self._blob(split.path.removeprefix("/__demo/blob/")))
            return
        if split.path.startswith("/__demo/"):
            self._send(self._control(split.path, body))
            return
        demo.requests.note(method, split.path.removeprefix(demo.context_path.rstrip("/")))
        if demo.faults.take_silence():
            demo.stopping.wait(HANG_SECONDS)  # answer nothing; the client must give up
            self.close_connection = True
            return
        response = self._faulty(settings.sso) or self._jenkins(method, split, body)
        if demo.faults.take_stall():
            self._stall(response)
            return
        self._send(response, reset=demo.faults.take_reset())

    def _faulty(self, sso: str | None) -> Response | None:
        if sso == "html":
            return html(200, pages.sso_login(), jenkins=False)
        if sso == "redirect":
            target = "https://sso.example.invalid/oauth2/start?rd=" + self.path
            return Response(302, b"", None, [("Location", target)])
        failure = self.server.demo.faults.take_failure()
        if failure is None:
            return None
        status, retry_after = failure
        headers = [("Retry-After", str(retry_after))] if retry_after is not None else []
        return Response(status, pages.proxy_error(status).encode(), "text/html", headers)

    def _jenkins(self, method: str, split: Any, body: bytes) -> Response:
        demo = self.server.demo
        context = demo.context_path
        if not split.path.startswith(context) and split.path + "/" != context:
            if split.path == "/":
                return Response(302, b"", None, [("Location", self._origin() + context)])
            return container_error(404, "Not Found", split.path)
        inst = demo.instance
        with inst.lock:
            simulator.tick(inst)
            caller, session = self._authenticate(inst)
            if caller is None:
                return Response(
                    401, b"", "text/html", [("WWW-Authenticate", 'Basic realm="Jenkins"')]
                )
            form, files, multipart = self._form(body)
            request = Request(
                method=method,
                path=split.path[len(context) :],
                uri=split.path,
                query=parse_qs(split.query, keep_blank_values=True),
                form=form,
                files=files,
                headers=self.headers,
                caller=caller,
                session=session,
                root_url=self._origin() + context,
            )
            if (
                method == "POST"
                and caller.via_token is None
                and not self._crumb_ok(request, multipart)
            ):
                return container_error(
                    403, "No valid crumb was included in the request", split.path
                )
            return demo.routes.dispatch(request)

    def _origin(self) -> str:
        scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        return f"{scheme}://{host}"

    def _authenticate(self, inst: Instance) -> tuple[Caller | None, Any]:
        """Basic header → token, then password; a same-user session cookie skips the header."""
        session = inst.sessions.find(self.headers.get("Cookie"))
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            user = inst.users.get(session.user_id) if session and session.user_id else None
            return Caller(user, None), session
        try:
            user_id, sep, secret = (
                base64.b64decode(header[6:], validate=True).decode().partition(":")
            )
        except (binascii.Error, UnicodeDecodeError):
            return None, session
        if not sep:
            return None, session
        user = inst.users.get(user_id)
        if session is not None and session.user_id == user_id and user is not None:
            # BasicHeaderProcessor: the session already knows this user, so the header (and
            # its token's CSRF exemption) is not even looked at.
            return Caller(user, None), session
        if user is None:
            return None, session
        token = user.token_for(secret)
        if token is not None:
            token.use_count += 1
            token.last_used = inst.clock.now()
            return Caller(user, token), session
        if user.password is not None and secret == user.password:
            return Caller(user, None), session
        return None, session

    def _crumb_ok(self, request: Request, multipart: bool) -> bool:
        value = self.headers.get("Jenkins-Crumb")
        if value is None and not multipart:
            value = request.param("Jenkins-Crumb")
        session = request.session
        inst = self.server.demo.instance
        return bool(
            value and session and value == inst.sessions.crumb(request.caller.name, session)
        )

    def _form(self, body: bytes) -> tuple[dict[str, list[str]], dict[str, tuple[str, bytes]], bool]:
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True), {}, False
        if not content_type.startswith("multipart/form-data"):
            return {}, {}, False
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        form: dict[str, list[str]] = {}
        files: dict[str, tuple[str, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if not isinstance(name, str) or not isinstance(payload, bytes):
                continue
            filename = part.get_filename()
            if filename is not None:
                files[name] = (filename, payload)
            else:
                form.setdefault(name, []).append(payload.decode("utf-8", "replace"))
        return form, files, True

    def _blob(self, token: str) -> Response:
        """The external store's side of a redirected artifact: the URL is the credential;
        a request that also carries Jenkins' credentials is refused (as S3 does)."""
        if self.headers.get("Authorization"):
            return Response(400, b"Only one auth mechanism allowed", "text/plain")
        found = self.server.demo.instance.blobs.get(token)
        if found is None:
            return Response(403, b"Request has expired", "text/plain")
        name, data = found
        return artifacts.serve(data, name, self.headers.get("Range"), 0)

    def _control(self, path: str, body: bytes) -> Response:
        demo = self.server.demo
        with demo.instance.lock:
            caller, _ = self._authenticate(demo.instance)
        if caller is None or caller.user is None or not caller.user.can(ADMINISTER):
            return Response(401, b"", "text/plain", [("WWW-Authenticate", 'Basic realm="Jenkins"')])
        if path == "/__demo/requests":
            return json_response({"total": demo.requests.total()})
        try:
            if path == "/__demo/faults/clear":
                demo.faults.clear()
            elif path == "/__demo/faults" and body:
                changes = json.loads(body)
                if not isinstance(changes, dict):
                    raise ValueError("send a JSON object")
                demo.faults.update(**changes)
            elif path != "/__demo/faults":
                return container_error(404, "Not Found", path)
        except (ValueError, TypeError) as error:
            return Response(400, str(error).encode(), "text/plain")
        return json_response(vars(demo.faults.settings))

    def _send(self, response: Response, reset: bool = False) -> None:
        demo = self.server.demo
        headers = list(response.headers)
        if response.jenkins:
            headers += [
                ("X-Jenkins", demo.instance.version),
                ("X-Jenkins-Session", demo.instance.session_id),
            ]
        if response.content_type:
            headers.append(("Content-Type", response.content_type))
        headers.append(("Content-Length", str(len(response.body))))
        if reset:
            self._reset(response, headers)
            return
        self.send_response(response.status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        body = response.body if self.command != "HEAD" else b""
        self.wfile.write(body)
        head = sum(len(name) + len(value) + 4 for name, value in headers) + 17  # + status line
        demo.requests.sent(head + len(body))

    def _stall(self, response: Response) -> None:
        """Headers and half the body, then silence: the client's idle timeout must fire."""
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body[: len(response.body) // 2])
        self.wfile.flush()
        self.server.demo.stopping.wait(HANG_SECONDS)
        self.close_connection = True

    def _reset(self, response: Response, headers: list[tuple[str, str]]) -> None:
        """Send half of the response, then a TCP RST (SO_LINGER 0) instead of a clean close."""
        head = f"HTTP/1.1 {response.status} {self.responses[response.status][0]}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n"
        raw = head.encode("latin-1") + response.body
        self.wfile.write(raw[: len(raw) // 2])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def banner(demo: DemoJenkins) -> str:
    lines = [
        f"jtui demo Jenkins {demo.instance.version} (jtui {__version__}) at {demo.url}",
        f"  user:  {demo.user}",
        f"  token: {demo.token}",
    ]
    if demo.password:
        lines.append("  password login enabled (crumb + session cookie required for POSTs)")
    lines.append(
        f"  try:   curl -X POST {demo.url}job/testJob/build --user {demo.user}:{demo.token}"
    )
    return "\n".join(lines)

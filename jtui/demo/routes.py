"""The Jenkins endpoints the demo serves, with Jenkins' checks in Jenkins' order."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from . import artifacts, nodes, pages, reports, restart, scans, simulator, wfapi
from .approval import may_answer, parse_answer
from .export import HIGH, Context, Exportable, Prop, export, record
from .faults import FaultSettings
from .instance import Instance
from .logs import console_text, progressive_text
from .model import PERMALINKS, Build, Cause, Folder, Job
from .params import ParameterError, ParamValue, values_from_json
from .protocol import (
    JSON_TYPE,
    Request,
    Response,
    container_error,
    forbidden,
    html,
    json_response,
    oops,
    redirect,
    text,
)
from .queue import QueueEntry
from .stages import GRAPH_APIS, RunView
from .tokens import generate_token
from .tree import MalformedTree, Pruner, parse_tree
from .users import ADMINISTER, BUILD, CANCEL, CONNECT, DISCONNECT, READ
from .views import folder_views

# Paths anonymous callers may read without Overall/Read (Jenkins.ALWAYS_READABLE_PATHS + whoAmI).
ALWAYS_READABLE = ("login", "loginError", "logout", "whoAmI", "error", "oops", "securityRealm")
TOKEN_PATH = re.compile(
    r"^(?:me|user/(?P<user>[^/]+))/descriptorByName/jenkins\.security\.ApiTokenProperty/"
    r"(?P<action>generateNewToken|revoke)$"
)
INPUT_VERBS = ("proceed", "proceedEmpty", "submit", "abort")
DELAY = re.compile(r"^(\d+)\s*(sec|secs|s)?$")


class Routes:
    def __init__(self, instance: Instance, settings: Callable[[], FaultSettings]) -> None:
        self.inst = instance
        self._settings = settings  # the switches: a wrong root URL, the stage API

    def dispatch(self, req: Request) -> Response:
        path = req.path.rstrip("/")
        if path == "api/python" or path.endswith("/api/python"):
            return _python_flavour(
                self._dispatch(dataclasses.replace(req, path=path[:-6] + "json"))
            )
        return self._dispatch(req)

    def _dispatch(self, req: Request) -> Response:
        segments = [unquote(s) for s in req.path.split("/")]
        head = segments[0] if segments else ""
        if head not in ALWAYS_READABLE and not _can(req, READ):
            return forbidden(req.caller, READ, "/" + req.path)
        if head == "view":
            return self._view(req, segments)
        path = req.path.rstrip("/")
        if path in ("", "api/json"):
            return self._root(req, path)
        if path == "login":
            return html(200, pages.jenkins_page("Sign in"))
        if path == "whoAmI/api/json":
            return self._who_am_i(req)
        if path == "crumbIssuer/api/json":
            return self._crumb(req)
        if path == "me/api/json":
            if req.caller.user is None:
                return html(403, pages.login_required("/me/api/json"))
            return self._json(req, req.caller.user)
        if match := TOKEN_PATH.match(path):
            return self._token(req, match.group("action"), match.group("user"))
        if head == "user" and len(segments) >= 3 and segments[2] == "security":
            return self._security(req, segments[1])
        if head == "user" and len(segments) >= 3 and segments[2:4] == ["api", "json"]:
            user = self.inst.users.get(segments[1])
            return self._json(req, user) if user else self._not_found(req)
        if head == "queue":
            return self._queue(req, path)
        if head == "computer":
            return self._computer(req, [s for s in segments[1:] if s])
        if head == "job":
            return self._item(req, segments)
        return self._not_found(req)

    # -- helpers ---------------------------------------------------------------------------

    def _context(self, req: Request) -> Context:
        settings = self._settings()
        return Context(settings.root_url or req.root_url, settings.input_executions)

    def _json(self, req: Request, obj: Exportable) -> Response:
        tree_text = req.param("tree")
        if req.param("jsonp") is not None:
            return container_error(
                403, "jsonp forbidden; implement jenkins.security.SecureRequester", req.uri
            )
        try:
            if tree_text is not None:
                pruner = Pruner.by_tree(parse_tree(tree_text))
            else:
                pruner = Pruner.by_depth(int(req.param("depth") or "0"))
        except (MalformedTree, ValueError):
            return oops()
        return json_response(
            export(obj, pruner, self._context(req)), req.param("pretty") is not None
        )

    def _not_found(self, req: Request) -> Response:
        return container_error(404, "Not Found", req.uri)

    def _root(self, req: Request, path: str) -> Response:
        if path == "":
            names = "".join(f"<li>{c.name}</li>" for c in self.inst.root.jobs())
            return html(200, pages.jenkins_page("Dashboard", f"<ul>{names}</ul>"))
        return self._json(req, self.inst)

    def _who_am_i(self, req: Request) -> Response:
        user = req.caller.user
        who = record(
            "hudson.security.WhoAmI",
            anonymous=user is None,
            authenticated=True,  # true for the anonymous token too
            authorities=["authenticated"] if user else ["anonymous"],
            name=req.caller.name,
        )
        return self._json(req, who)

    def _crumb(self, req: Request) -> Response:
        user_id = req.caller.user.id if req.caller.user else None
        session = req.session or self.inst.sessions.create(user_id)
        crumb = self.inst.sessions.crumb(req.caller.name, session)
        response = json_response(
            {
                "_class": "hudson.security.csrf.DefaultCrumbIssuer",
                "crumb": crumb,
                "crumbRequestField": "Jenkins-Crumb",
            }
        )
        if req.session is None:
            cookie_path = "/" + req.root_url.split("/", 3)[3]
            response.headers.append(
                (
                    "Set-Cookie",
                    f"{self.inst.sessions.cookie_name}={session.id}; Path={cookie_path}; HttpOnly",
                )
            )
        return response

    # -- tokens ----------------------------------------------------------------------------

    def _token(self, req: Request, action: str, user_id: str | None) -> Response:
        if req.method != "POST":
            return _post_only()
        caller = req.caller.user
        target = self.inst.users.get(user_id) if user_id else caller
        if target is None:
            return self._not_found(req) if user_id else html(403, pages.login_required(req.uri))
        if caller is None:
            return html(403, pages.login_required(req.uri))
        if action == "revoke":
            if caller is not target and not caller.can(ADMINISTER):
                return forbidden(req.caller, ADMINISTER, req.uri)
            uuid = req.param("tokenUuid") or ""
            if not uuid or not target.tokens:
                return container_error(400, "Bad Request", req.uri)
            target.revoke(uuid)
            return Response(200)
        if caller is not target:
            return html(403, pages.oops())  # only the user may create their own tokens
        return generate_token(self.inst, target, req)

    def _security(self, req: Request, user_id: str) -> Response:
        user = self.inst.users.get(user_id)
        caller = req.caller.user
        if user is None:
            return self._not_found(req)
        if caller is None or (caller is not user and not caller.can(ADMINISTER)):
            return forbidden(req.caller, ADMINISTER, req.uri)
        rows = []
        for token in user.tokens:
            created = datetime.fromtimestamp(token.created / 1000, UTC).strftime("%Y-%m-%d %H:%M")
            if token.last_used is None:
                usage = "Never used"
            else:
                last = datetime.fromtimestamp(token.last_used / 1000, UTC).strftime(
                    "%Y-%m-%d %H:%M"
                )
                usage = f"Used {token.use_count} time(s), last time on {last}"
            rows.append((token.uuid, token.name, created, usage))
        return html(200, pages.security_page(user.id, user.full_name, rows))

    # -- queue -----------------------------------------------------------------------------

    def _queue(self, req: Request, path: str) -> Response:
        if path == "queue/api/json":
            return self._json(req, _QueueView(self.inst))
        if path == "queue/cancelItem":
            return self._cancel(req, req.param("id"))
        match = re.fullmatch(r"queue/item/(\d+)(/api/json|/cancelQueue)?", path)
        if match is None:
            return self._not_found(req)
        entry = self.inst.queue.get(int(match.group(1)))
        if match.group(2) == "/cancelQueue":
            if req.method != "POST":
                return _post_only()
            if entry is not None:
                simulator.cancel(self.inst, entry.id)
            return Response(204)
        if entry is None:
            return self._not_found(req)
        if match.group(2) == "/api/json":
            return self._json(req, entry)
        details = f"{req.root_url}queue/item/{entry.id}/api/json?tree=cancelled,executable[url]"
        return text(f"Queue item exists. For details check, for example, {details}".encode())

    def _cancel(self, req: Request, raw_id: str | None) -> Response:
        if req.method != "POST":
            return _post_only()
        if raw_id is None or not raw_id.isdigit():
            return oops()
        entry = self.inst.queue.get(int(raw_id))
        if entry is not None and not _can(req, CANCEL):
            return html(422, pages.oops())
        outcome = simulator.cancel(self.inst, int(raw_id))
        if outcome == "missing":
            return html(404, pages.oops())
        if outcome == "started":
            return oops()
        return Response(204)

    # -- views -----------------------------------------------------------------------------

    def _view(self, req: Request, segments: list[str], folder: Folder | None = None) -> Response:
        """`view/a/view/b/…` then nothing (the page), `api/json`, or an item below it."""
        names: list[str] = []
        index = 0
        while index + 1 < len(segments) and segments[index] == "view":
            names.append(segments[index + 1])
            index += 2
        found = folder_views(folder) if folder is not None else self.inst.views
        top = next((v for v in found if v.name == names[0]), None) if names else None
        view = top.find(names[1:]) if top is not None else None
        if view is None:
            if folder is None and not self.inst.views and names[:1] == ["all"]:
                return self.dispatch(_shift(req, 2))  # a server without views: only `all`
            return self._not_found(req)
        rest = [s for s in segments[index:] if s]
        if not rest:
            return html(200, pages.jenkins_page(view.name))
        if rest == ["api", "json"]:
            return self._json(req, view)
        if rest[0] == "job" and folder is None:
            return self.dispatch(_shift(req, index))
        return self._not_found(req)

    # -- multibranch scans -----------------------------------------------------------------

    def _scan_route(self, req: Request, folder: Folder, rest: list[str]) -> Response:
        if rest == ["build"]:
            if req.method != "POST":
                return _post_only()
            refusal = _build_permission(req)
            if refusal is not None:
                return refusal
            if folder.disabled:
                return oops()  # "… cannot be recomputed": a 500
            scans.start(self.inst, folder, req.caller.name)
            return redirect(302, req.headers.get("Referer") or ".")
        if rest[:1] != [scans.log_dir(folder)]:
            return self._not_found(req)
        if rest[1:] == ["consoleText"]:
            return scans.console_text(self.inst, folder)
        if rest[1:] == ["logText", "progressiveText"]:
            return scans.progressive_text(self.inst, folder, req.param("start"))
        return self._not_found(req)

    # -- nodes -----------------------------------------------------------------------------

    def _computer(self, req: Request, rest: list[str]) -> Response:
        if rest == ["api", "json"]:
            return self._json(req, nodes.computer_set(self.inst))
        node = nodes.find(self.inst, rest[0]) if rest else None
        if node is None:
            return self._not_found(req)
        action = rest[1:]
        if action == ["api", "json"]:
            return self._json(req, nodes.computer(self.inst, node))
        if action not in (["toggleOffline"], ["changeOfflineCause"]):
            return self._not_found(req) if action else html(200, pages.jenkins_page(node.name))
        if req.method != "POST":
            return _post_only()
        message = req.param("offlineMessage") or ""
        user = req.caller.name
        now = self.inst.clock.now()
        bring_online = action == ["toggleOffline"] and node.temporarily_offline
        needed = CONNECT if bring_online else DISCONNECT
        if not _can(req, needed):
            return forbidden(req.caller, needed, req.uri)
        if bring_online:
            node.bring_online()
        else:
            node.take_offline(user, message, now)
        simulator.tick(self.inst)
        return redirect(302, ".")

    # -- items -----------------------------------------------------------------------------

    def _item(self, req: Request, segments: list[str]) -> Response:
        names: list[str] = []
        index = 0
        while index + 1 < len(segments) and segments[index] == "job":
            names.append(segments[index + 1])
            index += 2
        item = self.inst.item(names)
        if item is None or not names:
            return self._not_found(req)
        rest = [s for s in segments[index:] if s]
        if not rest:
            return html(200, pages.jenkins_page(item.full_display_name))
        if rest == ["api", "json"]:
            return self._json(req, item)
        if rest[0] == "view" and isinstance(item, Folder):
            return self._view(req, rest, item)
        if isinstance(item, Folder) and scans.log_dir(item) is not None:
            return self._scan_route(req, item, rest)
        if not isinstance(item, Job):
            return self._not_found(req)
        if rest == ["build"]:
            return self._build(req, item)
        if rest == ["buildWithParameters"]:
            return self._build_with_parameters(req, item)
        build = _find_build(item, rest[0])
        if build is None:
            return self._not_found(req)
        return self._build_route(req, build, rest[1:])

    def _build_route(self, req: Request, build: Build, rest: list[str]) -> Response:
        if not rest:
            return html(200, pages.jenkins_page(f"{build.job.full_display_name} #{build.number}"))
        if rest == ["api", "json"]:
            return self._json(req, build)
        if rest == ["consoleText"]:
            return console_text(build)
        if rest[:1] == ["input"] and len(rest) == 3:
            return self._input(req, build, rest[1], rest[2])
        if rest[:1] == ["artifact"] and len(rest) > 1:
            return self._artifact(req, build, "/".join(rest[1:]))
        if rest == ["testReport", "api", "json"] and reports.has_report(build):
            return self._json(req, reports.test_report(build))
        if rest == ["logText", "progressiveText"]:
            return progressive_text(build, req.param("start"))
        if len(rest) == 1 and rest[0] in ("stop", "term", "kill"):
            return self._stop(req, build, rest[0])
        if rest[:1] == ["restart"] and restart.enabled(build, _can(req, BUILD)):
            return self._restart(req, build, rest[1:])
        if build.job.kind == "pipeline":
            answer = self._stage_route(req, build, rest)
            if answer is not None:
                return answer
        return self._not_found(req)

    def _stage_route(self, req: Request, build: Build, rest: list[str]) -> Response | None:
        """The stage API this demo is set to have (`stage_api`), and every step's own log."""
        api, run = self._settings().stage_api, RunView(build, self.inst.clock)
        if rest[:1] == [api] and api in GRAPH_APIS:
            if rest[1:] == ["tree"]:
                return run.tree(api)
            if rest[1:] == ["allSteps"]:
                return run.all_steps()
            if rest[1:] == ["exceptionText"]:
                return run.exception_text(req.param("nodeId"))
        if api == "wfapi" and rest[:1] == ["wfapi"]:
            return self._stage_view(req, build, run, rest[1:])
        if len(rest) >= 3 and rest[:2] == ["execution", "node"]:
            node = rest[2]
            stage, step = run.stage(node), run.step(node)
            if rest[3:] == ["wfapi", "describe"] and api == "wfapi" and stage is not None:
                return json_response(run.describe_stage(stage))
            if rest[3:] == ["log", "logText", "progressiveText"] and step is not None:
                return run.step_log(step, req.param("start"))
        return None

    def _stage_view(self, req: Request, build: Build, run: RunView, rest: list[str]) -> Response:
        prefix = urlsplit(req.root_url).path
        if rest == ["describe"]:
            described = run.describe()
            described["_links"].update(wfapi.links(build, prefix))
            return json_response(described)
        if rest == ["pendingInputActions"]:
            return json_response(wfapi.pending_input_actions(build, prefix))
        if rest == ["artifacts"]:
            return json_response(wfapi.artifact_list(build, prefix))
        if rest == ["inputSubmit"]:
            return self._input(req, build, req.param("inputId") or "", "proceed")
        return self._not_found(req)

    def _restart(self, req: Request, build: Build, rest: list[str]) -> Response:
        if rest == ["api", "json"]:
            return restart.describe(build, self.inst)
        if rest != ["restartPipeline"]:
            return self._not_found(req)
        if req.method != "POST":
            return _post_only()
        stage = req.param("stageName") or ""
        if stage not in restart.restartable_stages(build, self.inst):
            return restart.answer(False, f"{stage} is not a stage this run can restart from")
        user = req.caller.user
        name = user.full_name if user else "anonymous"
        causes = [Cause(req.caller.name, name, (build.number, stage)), Cause(req.caller.name, name)]
        simulator.schedule(self.inst, build.job, build.params or None, causes, 0)
        return restart.answer(True, "ok")

    def _input(self, req: Request, build: Build, input_id: str, verb: str) -> Response:
        """`input/<Id>/proceed`, `proceedEmpty`, `submit`, `abort` (approval.py)."""
        approval = build.job.settings.approval
        if approval is None or approval.id != input_id or verb not in INPUT_VERBS:
            return self._not_found(req)
        if req.method != "POST":
            return _post_only()
        if build.input.state != "waiting":
            return html(400, pages.failure("This input has been already given"))
        user = req.caller.user
        user_id = user.id if user is not None else "anonymous"
        admin = user is not None and user.can(ADMINISTER)
        may_cancel = _can(req, CANCEL)
        if not may_answer(approval, user_id, admin) and not (verb == "abort" and may_cancel):
            return html(400, pages.failure(f"You need to be {approval.submitter} to submit this."))
        if verb == "submit":  # the input page's form: proceed=<ok> or abort=<cancel>; 302
            verb = "abort" if req.param("abort") is not None else "proceed"
            done = self._input(req, build, input_id, verb)
            if done.status != 200:
                return done
            return redirect(302, f"{self._context(req).root_url}{build.url_path}console")
        if verb == "abort":
            simulator.answer_input(self.inst, build, user_id, None)
            return Response(200, b"", None, [], jenkins=True)
        try:
            values = [] if verb == "proceedEmpty" else parse_answer(approval, req.param("json"))
        except (ParameterError, ValueError) as error:
            return container_error(400, str(error), req.uri)
        simulator.answer_input(self.inst, build, user_id, values)
        return Response(200, b"", None, [], jenkins=True)

    def _artifact(self, req: Request, build: Build, path: str) -> Response:
        data = artifacts.content(build, path)
        if data is None:
            return self._not_found(req)
        store = self._settings().artifact_host
        if store is not None:  # an external store: a presigned URL on another host
            token = artifacts.new_blob_token()
            self.inst.blobs[token] = (path.rpartition("/")[2], data)
            port = urlsplit(req.root_url).port
            return redirect(302, f"http://{store}:{port}/__demo/blob/{token}")
        name = path.rpartition("/")[2]
        return artifacts.serve(data, name, req.headers.get("Range"), build.timestamp)

    def _stop(self, req: Request, build: Build, mode: str) -> Response:
        if mode != "stop" and build.job.kind != "pipeline":
            return self._not_found(req)
        if not _can(req, CANCEL):
            return forbidden(req.caller, CANCEL, req.uri)
        if req.method != "POST":
            return _post_only()
        simulator.stop(self.inst, build, mode, req.caller.name)
        referer = req.headers.get("Referer")
        return redirect(302, referer or self._context(req).root_url + build.url_path)

    def _build(self, req: Request, job: Job) -> Response:
        if not job.is_buildable:
            return container_error(409, f"{job.full_name} is not buildable", req.uri)
        if job.params and req.method != "POST":
            return html(200, pages.jenkins_page(f"{job.display_name}: parameters"))
        refusal = _build_permission(req)
        if refusal is not None:
            return refusal
        try:
            delay = _delay(req)
        except ValueError:
            return oops()
        cause = _causes(req)
        if not job.params:
            entry, _merged = simulator.schedule(self.inst, job, None, cause, delay)
            return self._queued(req, entry, 201)
        raw_json = req.param("json")
        if raw_json is None:
            if not req.query and not req.form and not req.files:
                return container_error(400, "Nothing is submitted", req.uri)
            return container_error(400, "This page expects a form submission", req.uri)
        try:
            values = values_from_json(job.params, raw_json)
        except (ValueError, ParameterError):
            return oops()
        entry, merged = simulator.schedule(self.inst, job, values, cause, delay)
        if merged:
            return redirect(302, self._context(req).root_url + job.url_path)
        return self._queued(req, entry, 201)

    def _build_with_parameters(self, req: Request, job: Job) -> Response:
        refusal = _build_permission(req)
        if refusal is not None:
            return refusal
        if not job.is_buildable:
            return container_error(409, f"{job.full_name} is not buildable", req.uri)
        if not job.params:
            return container_error(400, f"{job.full_name} is not parameterized", req.uri)
        try:
            delay = _delay(req)
        except ValueError:
            return oops()
        values: list[ParamValue] = []
        try:
            for definition in job.params:
                given = req.params(definition.name)
                if len(given) > 1:
                    raise ParameterError(
                        f"Illegal number of parameter values for {definition.name}"
                    )
                if definition.kind == "file":
                    if definition.name in req.files:
                        values.append(
                            ParamValue(definition.name, "file", req.files[definition.name][0])
                        )
                    continue
                if given:
                    values.append(definition.from_text(given[0]))
                elif (default := definition.default_value()) is not None:
                    values.append(default)
        except ParameterError:
            return oops()
        entry, merged = simulator.schedule(self.inst, job, values, _causes(req), delay)
        return self._queued(req, entry, 303 if merged else 201)

    def _queued(self, req: Request, entry: QueueEntry, status: int) -> Response:
        # Jenkins builds this Location from its configured root URL, not from the request.
        location = f"{self._context(req).root_url}queue/item/{entry.id}/"
        return Response(status, b"", None, [("Location", location)])


def _causes(req: Request) -> list[Cause]:
    user = req.caller.user
    return [Cause(req.caller.name, user.full_name if user else "anonymous")]


def _can(req: Request, permission: str) -> bool:
    return req.caller.user is not None and req.caller.user.can(permission)


def _shift(req: Request, count: int) -> Request:
    parts = req.path.split("/")
    req.path = "/".join(parts[count:])
    return req


def _post_only() -> Response:
    return Response(
        405,
        pages.jenkins_page("This URL requires POST").encode(),
        "text/html;charset=utf-8",
        [("Allow", "POST")],
        jenkins=True,
    )


def _build_permission(req: Request) -> Response | None:
    if not _can(req, BUILD):
        return forbidden(req.caller, BUILD, req.uri)
    if req.method != "POST":
        return _post_only()
    return None


def _delay(req: Request) -> float | None:
    """`delay=5` is 5 ms (whole seconds are used, so 0); `delay=5sec` is 5 seconds.

    None: no delay given (the job's quiet period applies). Raises ValueError when invalid.
    """
    raw = req.param("delay")
    if raw is None:
        return None
    match = DELAY.match(raw.strip())
    if match is None:
        raise ValueError(raw)
    amount = int(match.group(1))
    return float(amount) if match.group(2) else float(amount // 1000)


def _find_build(job: Job, key: str) -> Build | None:
    if key.isdigit():
        return job.builds.get(int(key))
    predicate = PERMALINKS.get(key)
    return job.last(predicate) if predicate else None


class _QueueView:
    """`/queue/api/json`: the live items (left ones are not listed) and discoverable stubs."""

    class_name = "hudson.model.Queue"

    def __init__(self, inst: Instance) -> None:
        self.inst = inst

    @property
    def props(self) -> list[Prop]:
        return [
            Prop("discoverableItems", lambda o, c: [], HIGH),
            Prop("items", lambda o, c: o.inst.live_queue(), HIGH),
        ]


def _python_flavour(answer: Response) -> Response:
    """What `api/python` answers (jenkinsapi reads it): Stapler's Python flavour, the JSON with
    `True`, `False` and `None` for its literals."""
    if answer.status != 200 or answer.content_type != JSON_TYPE:
        return answer
    data = json.loads(answer.body.decode("utf-8", "replace"))
    body = _python_literal(data).encode("utf-8", "replace")
    return dataclasses.replace(answer, body=body, content_type="text/x-python;charset=UTF-8")


def _python_literal(value: object) -> str:
    if isinstance(value, dict):
        pairs = (f"{json.dumps(key)}:{_python_literal(item)}" for key, item in value.items())
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_python_literal(item) for item in value) + "]"
    if value is None or isinstance(value, bool):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)

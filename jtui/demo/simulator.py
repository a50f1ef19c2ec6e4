"""What happens over time: the queue moves, executors take items, builds write and finish.

Every function here expects the instance lock to be held by the caller.
"""

from __future__ import annotations

from .approval import answered_lines
from .instance import LEFT_ITEM_LIFETIME, START_DELAY, Instance
from .model import Build, Cause, Job
from .nodes import capacity, offline_carrier
from .params import ParamValue
from .queue import QueueEntry, QueueState
from .scripts import finish_lines


def new_build(
    inst: Instance,
    job: Job,
    queue_id: int,
    params: list[ParamValue],
    causes: list[Cause],
    started: int,
) -> Build:
    number = job.next_build_number
    job.next_build_number += 1
    previous = job.last(lambda b: not b.building)
    build = Build(
        job=job,
        number=number,
        queue_id=queue_id,
        timestamp=started,
        params=params,
        causes=causes,
        estimated=previous.duration if previous else -1,
    )
    job.builds[number] = build
    return build


def start(inst: Instance, build: Build) -> None:
    build.log = bytearray()
    inst.running.add(build)
    advance(inst, build, inst.clock.now())


def schedule(
    inst: Instance,
    job: Job,
    params: list[ParamValue] | None,
    causes: list[Cause],
    delay: float | None = None,
) -> tuple[QueueEntry, bool]:
    """Queue a build, or merge into a live item with the same parameters (True)."""
    now = inst.clock.now()
    due = now + inst.clock.span(job.settings.quiet_period if delay is None else delay)
    for entry in inst.live_queue():
        if entry.job is job and entry.same_request(params):
            entry.due = min(entry.due, due)  # Jenkins keeps the earlier of the two due times
            return entry, True
    entry = QueueEntry(inst.take_queue_id(), job, params, causes, now, due)
    inst.queue[entry.id] = entry
    if job.queue_entry is None:
        job.queue_entry = entry
    tick(inst)
    return entry, False


def tick(inst: Instance) -> None:
    now = inst.clock.now()
    for entry in inst.live_queue():
        if entry.state is QueueState.WAITING and entry.due <= now:
            entry.state = QueueState.BUILDABLE
            entry.buildable_since = now
    starting = [e for e in inst.queue.values() if e.state is QueueState.LEFT and _pending(e)]
    busy = len(inst.running) + len(starting)
    for entry in inst.live_queue():
        if entry.state is QueueState.WAITING:
            entry.why = _quiet_why(entry.due - now, inst)
            continue
        if _assign(inst, entry, now, busy, starting):
            busy += 1
            starting.append(entry)
    for entry in starting:
        if entry.starts_at is not None and entry.starts_at <= now:
            entry.build = new_build(
                inst, entry.job, entry.id, entry.params or [], entry.causes, now
            )
            start(inst, entry.build)
    for build in list(inst.running):
        advance(inst, build, now)
    lifetime = inst.clock.span(LEFT_ITEM_LIFETIME)
    for entry in list(inst.queue.values()):
        if entry.left_at is not None and entry.left_at + lifetime <= now:
            del inst.queue[entry.id]


def _pending(entry: QueueEntry) -> bool:
    return entry.build is None and not entry.cancelled


def _quiet_why(remaining_ms: int, inst: Instance) -> str:
    seconds = max(0.0, remaining_ms * inst.clock.time_scale / 1000)
    return f"In the quiet period. Expires in {seconds:.1f} sec"


def _assign(
    inst: Instance, entry: QueueEntry, now: int, busy: int, starting: list[QueueEntry]
) -> bool:
    """Decide a live item's fate this tick; True when it leaves the queue for an executor."""
    job = entry.job
    label = job.settings.label
    if (waits_for := offline_carrier(inst, label)) is not None:
        _wait(entry, QueueState.BUILDABLE, f"‘{waits_for.name}’ is offline", now)
        entry.stuck = True
        return False
    running = job.running()
    if not job.settings.concurrent and (running or any(e.job is job for e in starting)):
        eta = _eta(inst, running[0], now) if running else "N/A"
        number = running[0].number if running else job.next_build_number
        why = f"Build #{number} is already in progress (ETA: {eta})"
        _wait(entry, QueueState.BLOCKED, why, now)
        return False
    if busy >= capacity(inst, None):
        _wait(entry, QueueState.BUILDABLE, "Waiting for next available executor", now)
        return False
    entry.state = QueueState.LEFT
    entry.why = None
    entry.left_at = now
    entry.starts_at = now + inst.clock.span(START_DELAY)
    _release(inst, entry)
    return True


def _wait(entry: QueueEntry, state: QueueState, why: str, now: int) -> None:
    entry.state = state
    entry.why = why
    if entry.buildable_since is None:
        entry.buildable_since = now


def _eta(inst: Instance, build: Build, now: int) -> str:
    if build.estimated < 0:
        return "N/A"
    remaining = (build.timestamp + build.estimated - now) * inst.clock.time_scale / 1000
    return f"{max(0, int(remaining))} sec"


def _release(inst: Instance, entry: QueueEntry) -> None:
    """The job's `queueItem` is its first live item, if any is left."""
    live = [e for e in inst.live_queue() if e.job is entry.job]
    entry.job.queue_entry = live[0] if live else None


def advance(inst: Instance, build: Build, now: int) -> None:
    """Write the log segments that are due; finish the build when its script ends."""
    log = build.full_log()
    scale = inst.clock.time_scale
    elapsed = build.elapsed(now, scale)
    waits_at = build.input_at()
    if waits_at is not None and build.input.state == "not reached" and elapsed >= waits_at:
        build.input.state = "waiting"  # since the moment the script got there
        build.input.since = now - int((elapsed - waits_at) * 1000 / scale)
        elapsed = waits_at
    segments = build.script.segments
    while build.written < len(segments) and segments[build.written].at <= elapsed:
        log += segments[build.written].data
        build.written += 1
    if elapsed >= build.script.duration:
        finish(inst, build, build.script.result)


def answer_input(inst: Instance, build: Build, user: str, values: list[ParamValue] | None) -> None:
    """Proceed (with `values`) or, given None, abort the build's pending input."""
    state, now = build.input, inst.clock.now()
    if state.since is not None:
        state.paused_ms += now - state.since
    state.since, state.by = None, user
    if values is None:
        state.state = "aborted"
        finish(inst, build, "ABORTED", f"Rejected by {user}\n")
        return
    state.state, state.answer = "approved", values
    build.full_log().extend(answered_lines(build))


def finish(inst: Instance, build: Build, result: str, last_words: str = "") -> None:
    log = build.full_log()
    log += last_words.encode() + finish_lines(result)
    build.building = False
    build.result = result
    build.duration = max(1, inst.clock.now() - build.timestamp)
    inst.running.discard(build)


def stop(inst: Instance, build: Build, mode: str, user: str) -> None:
    """`stop`, `term` or `kill` a running build, as Jenkins and Pipeline do."""
    if not build.building:
        return
    if build.job.kind != "pipeline":
        finish(inst, build, "ABORTED", f"Build was aborted\nAborted by {user}\n")
        return
    level = {"stop": 1, "term": 2, "kill": 3}[mode]
    if build.job.settings.ignores_stop and level < 3:
        if level > build.stop_level:
            build.stop_level = level
            hint = (
                f"Aborted by {user}\nClick here to forcibly terminate running steps\n"
                if level == 1
                else "Click here to forcibly kill entire build\n"
            )
            build.full_log().extend(hint.encode())
        return
    if level == 3:
        finish(inst, build, "ABORTED", "Hard kill!\n")
    else:
        finish(inst, build, "ABORTED", f"Aborted by {user}\n[Pipeline] End of Pipeline\n")


def cancel(inst: Instance, queue_id: int) -> str:
    """Cancel a queue item: "ok", "missing" (404) or "started" (500, it already left)."""
    entry = inst.queue.get(queue_id)
    if entry is None:
        return "missing"
    if entry.state is QueueState.LEFT:
        return "started"
    entry.state = QueueState.LEFT
    entry.cancelled = True
    entry.why = None
    entry.left_at = inst.clock.now()
    _release(inst, entry)
    return "ok"

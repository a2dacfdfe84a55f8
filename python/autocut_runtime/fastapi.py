"""The original's ``routes_runtime.py`` and ``main.py`` start-up, for a FastAPI application.

``router`` serves the ``/api/runtime`` paths with the same JSON, status codes and errors as ``autocut serve``:
every request is answered by the core's own API handler. ``lifespan`` does what the original's start-up did —
detect, resolve, start the monitor, save the profile, register callbacks — and stops cleanly on shutdown::

    from fastapi import FastAPI
    from autocut_runtime.fastapi import install

    app = FastAPI()
    install(app, state_dir="data")        # the router under /api/runtime, and the lifespan

Only this module needs FastAPI; the rest of the package works without it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, AsyncIterator, Callable, Iterable, Mapping, Optional

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response, StreamingResponse

from ._configuration import PathLike
from .execution_policy import ExecutionPolicyResolver
from .runtime_monitor import RuntimeMonitor, Transition
from .runtime_profile import RuntimeProfile

log = logging.getLogger("autocut_runtime")

PREFIX = "/api/runtime"

# (path under the prefix, the method that serves it, what it does). Any other method is answered by the core too:
# 405 with Allow, the same as `autocut serve`.
ROUTES = (
    ("/status", "GET", "Everything: profile, policy, monitor, explanation (?lang=en|zh) — the recommended call"),
    ("/profile", "GET", "The runtime profile"),
    ("/policy", "GET", "The execution policy at the monitor's level (?lang=en|zh)"),
    ("/monitor", "GET", "The monitor: level, active rules, thresholds, last sample"),
    ("/monitor/metrics/history", "GET", "Samples over the last minutes (?minutes=0.1 to 1440, default 5)"),
    ("/events", "GET", "Recent level transitions"),
    ("/events/stream", "GET", "Server-Sent Events: hello, sample, transition, policy, profile, task"),
    ("/admit", "GET", "Where one task would run now (?kind=vision|planning|editing&model=)"),
    ("/explanation", "GET", "The explanation as text (?lang=en|zh)"),
    ("/profile/reload", "POST", "Detect the machine again"),
    ("/policy/reload", "POST", "Resolve the policy again"),
    ("/policy/degrade", "POST", "A manual floor one level down (?reason=)"),
    ("/policy/restore", "POST", "Lift the manual floor"),
    ("/monitor/dry-run", "POST", "Rules decide but do not act (?enabled=true|false)"),
    ("/tasks", "POST", "A task outcome {kind, backend, ok, duration_ms, error} for the failure-rate rule"),
)
OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

router = APIRouter(prefix=PREFIX, tags=["runtime"])


def monitor_of(request: Request) -> Optional[RuntimeMonitor]:
    return getattr(request.app.state, "runtime_monitor", None)


async def forward(request: Request) -> Response:
    monitor = monitor_of(request)
    if monitor is None:
        return Response(
            b'{"error":"runtime not started","detail":"the application\'s lifespan has not started the runtime '
            b'monitor (see autocut_runtime.fastapi.install)"}',
            status_code=503,
            media_type="application/json",
        )
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    body = await request.body()
    headers = {name: value for name, value in request.headers.items()}
    if request.method == "GET":  # documents the core keeps: answered in microseconds
        answer = monitor.handle(request.method, target, body, headers)
    else:  # a reload detects the machine again: off the event loop
        answer = await asyncio.to_thread(monitor.handle, request.method, target, body, headers)
    status, content_type, extra, payload, stream = answer
    if stream is not None:
        return StreamingResponse(event_texts(stream), status_code=status, media_type=content_type, headers=dict(extra))
    return Response(payload, status_code=status, media_type=content_type, headers=dict(extra))


async def event_texts(stream: Any) -> AsyncIterator[bytes]:
    """The core's event stream as an async iterator; the listener goes when the client does."""
    loop = asyncio.get_running_loop()
    queue: "asyncio.Queue[bytes]" = asyncio.Queue(maxsize=1024)

    def put(text: bytes) -> None:
        if not queue.full():  # a reader that cannot keep up loses events, never the service's memory
            queue.put_nowait(text)

    def on_event(text: bytes) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is listening any more
            loop.call_soon_threadsafe(put, text)

    close = stream.open(on_event)
    try:
        while True:
            yield await queue.get()
    finally:
        close()


for _path, _method, _summary in ROUTES:
    router.add_api_route(_path, forward, methods=[_method], summary=_summary, response_class=Response)
    router.add_api_route(
        _path, forward, methods=[m for m in OTHER_METHODS if m != _method], include_in_schema=False
    )


def log_transition(transition: Transition) -> None:
    log.warning(
        "runtime level %s → %s (%s): %s", transition.from_level, transition.to_level, transition.rule,
        transition.reason,
    )


def make_lifespan(
    state_dir: Optional[PathLike] = ".",
    config: Optional[Mapping[str, Any]] = None,
    interval_s: float = 5,
    callbacks: Iterable[Callable[[Transition], Any]] = (log_transition,),
    **detect_options: Any,
):
    """The application's lifespan: at start-up detect the machine (``detect_options`` as RuntimeProfile.detect
    takes them), resolve the policy, start the monitor, save ``runtime_profile.json`` in ``state_dir`` and register
    ``callbacks``; at shutdown stop the monitor (which saves the profile again). The profile, the policy and the
    monitor are kept on ``app.state``."""

    @contextlib.asynccontextmanager
    async def run(app: FastAPI) -> AsyncIterator[None]:
        profile = await asyncio.to_thread(RuntimeProfile.detect, config=config, **detect_options)
        monitor = RuntimeMonitor(profile, config=config, interval_s=interval_s, state_dir=state_dir)
        for callback in callbacks:
            monitor.register_degradation_callback(callback)
        await asyncio.to_thread(monitor.start)
        app.state.runtime_profile = profile
        app.state.runtime_monitor = monitor
        app.state.execution_policy = ExecutionPolicyResolver(profile, config).resolve()
        log.info("%s", monitor.explain())
        try:
            yield
        finally:
            await asyncio.to_thread(monitor.stop)
            app.state.runtime_monitor = None

    return run


# With the defaults: ``FastAPI(lifespan=lifespan)`` on FastAPI 0.93 and later.
lifespan = make_lifespan()


def install(app: FastAPI, **options: Any) -> FastAPI:
    """Adds the router and the lifespan (``options`` as make_lifespan takes them) to an existing application, keeping
    any lifespan it already has inside ours."""
    app.include_router(router)
    ours = make_lifespan(**options)
    theirs = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def both(application: FastAPI) -> AsyncIterator[None]:
        async with ours(application):
            async with theirs(application):
                yield

    app.router.lifespan_context = both
    return app

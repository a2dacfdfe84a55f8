"""RuntimeMonitor: samples the machine, degrades the policy under pressure and recovers after it (the original's
``runtime_monitor.py``). The sampling, the rules and the policy all run in the core, on its own thread."""

from __future__ import annotations

import atexit
import dataclasses
import json
import logging
import os
import threading
import urllib.parse
import weakref
from typing import Any, Callable, Dict, List, Mapping, Optional

from . import _core
from ._configuration import PathLike
from .execution_policy import ExecutionPolicy
from .runtime_profile import ProfileClass, RuntimeProfile

log = logging.getLogger("autocut_runtime")


@dataclasses.dataclass(frozen=True)
class Transition:
    """One change of the effective level, as the monitor's event log records it."""

    from_level: ProfileClass
    to_level: ProfileClass
    rule: str  # "vram", "memory", "memory_pressure", "task_failures", "manual", "recovery", …
    reason: str
    time: str  # UTC, ISO 8601
    values: Dict[str, float]  # what was observed when it happened
    applied: bool  # False in dry-run: what would have happened
    policy: ExecutionPolicy  # the policy now in force

    @property
    def degraded(self) -> bool:
        return list(ProfileClass).index(self.to_level) > list(ProfileClass).index(self.from_level)


class APIError(ValueError):
    """A request the core's API refused: ``status`` and the API's ``error`` and ``detail``."""

    def __init__(self, status: int, error: str, detail: str):
        super().__init__(f"{error}: {detail}" if detail else error)
        self.status, self.error, self.detail = status, error, detail


_running: "weakref.WeakSet[RuntimeMonitor]" = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    # The monitor's thread calls into Python: it must be gone before the interpreter is.
    for monitor in list(_running):
        monitor.stop()


class RuntimeMonitor:
    """The live state: the profile, the policy at the monitor's level, the monitor and its rules.

    ``config`` holds settings by their environment names (``AUTOCUT_RULE_VRAM_ENTER_PERCENT``, …, see the core's
    docs/monitor.md); ``state_dir``, when given, is where ``runtime_profile.json`` is kept current.
    """

    def __init__(
        self,
        profile: RuntimeProfile,
        config: Optional[Mapping[str, Any]] = None,
        interval_s: float = 5,
        state_dir: Optional[PathLike] = None,
    ):
        self._profile_source = profile._source.with_overrides(config)
        configuration = self._profile_source.load()
        self._service = _core.Service(
            profile._core, configuration, float(interval_s), os.fspath(state_dir) if state_dir is not None else None
        )
        self._lock = threading.Lock()
        self._started = False

    # -- lifecycle -------------------------------------------------------------------------------------------------

    def start(self) -> "RuntimeMonitor":
        """Starts sampling (and completes a detection left pending) on the core's threads."""
        with self._lock:
            if not self._started:
                self._service.start()
                self._started = True
                _running.add(self)
        return self

    def stop(self) -> None:
        """Stops sampling and saves the profile (when a state_dir was given). Returns once the thread is gone,
        also while a degradation callback runs."""
        with self._lock:
            if self._started:
                self._service.stop()
                self._started = False
                _running.discard(self)

    def __enter__(self) -> "RuntimeMonitor":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    @property
    def is_running(self) -> bool:
        return self._service.running

    # -- reading ---------------------------------------------------------------------------------------------------

    def get_status(self) -> dict:
        """The monitor: level, detected class, manual floor, active rules, the rules' thresholds, the last sample."""
        return self._service.monitor_state()

    def status(self, lang: Optional[str] = None) -> dict:
        """Everything, as ``GET /api/runtime/status``: profile, policy, monitor, explanation."""
        return self._service.status(lang)

    def get_metrics_history(self, minutes: float = 5) -> List[dict]:
        """The samples of the last ``minutes`` (0.1 to 1440), oldest first."""
        return self._call("GET", "/api/runtime/monitor/metrics/history", minutes=minutes)["samples"]

    def get_events(self) -> List[dict]:
        """The recent level transitions, oldest first."""
        return self._call("GET", "/api/runtime/events")["events"]

    def explain(self, lang: Optional[str] = None) -> str:
        """The profile and the policy in plain words."""
        return self._service.status(lang)["explanation"]

    @property
    def current_policy(self) -> ExecutionPolicy:
        return ExecutionPolicy(self._service.policy())

    @property
    def profile(self) -> RuntimeProfile:
        return RuntimeProfile(self._service.profile(), self._profile_source)

    @property
    def level(self) -> ProfileClass:
        return ProfileClass(self._service.monitor_state()["level"])

    @property
    def detection_complete(self) -> bool:
        return self._service.detection_complete

    # -- acting ----------------------------------------------------------------------------------------------------

    def record_task_result(
        self, kind: str, backend: str, ok: bool, duration_ms: float, error: Optional[str] = None
    ) -> None:
        """One task's outcome for the failure-rate rule: kind "vision", "planning" or "editing"; backend as the
        policy names it ("ollama-gpu", "cloud", …)."""
        body = {"kind": kind, "backend": backend, "ok": bool(ok), "duration_ms": duration_ms}
        if error is not None:
            body["error"] = error
        self._call("POST", "/api/runtime/tasks", body=body)

    def degrade(self, reason: str = "manual") -> dict:
        """A manual floor one level down, until restore(). Returns the level and the event."""
        return self._call("POST", "/api/runtime/policy/degrade", reason=reason)

    def restore(self, reason: Optional[str] = None) -> dict:
        """Lifts the manual floor."""
        query = {"reason": reason} if reason else {}
        return self._call("POST", "/api/runtime/policy/restore", **query)

    def reload_profile(self) -> dict:
        """Detects the machine again."""
        return self._call("POST", "/api/runtime/profile/reload")

    def reload_policy(self) -> dict:
        return self._call("POST", "/api/runtime/policy/reload")

    def register_degradation_callback(self, callback: Callable[[Transition], Any]) -> None:
        """``callback(transition)`` once per level transition (both ways), from the monitor's thread (or the one
        that called degrade/restore), holding the GIL only for the call. An exception it raises is logged and the
        monitor goes on."""

        def call(event: dict, core_policy: "_core.Policy") -> None:
            try:
                transition = Transition(
                    from_level=ProfileClass(event["from"]),
                    to_level=ProfileClass(event["to"]),
                    rule=event["rule"],
                    reason=event["reason"],
                    time=event["time"],
                    values=event["values"],
                    applied=event["applied"],
                    policy=ExecutionPolicy(core_policy),
                )
                callback(transition)
            except Exception:  # noqa: BLE001 - a caller's bug must not stop the monitor
                log.exception("degradation callback %r failed; the monitor goes on", callback)

        self._service.subscribe(call)

    # -- the API, for the FastAPI router -----------------------------------------------------------------------------

    def handle(self, method: str, target: str, body: bytes = b"", headers: Optional[Mapping[str, str]] = None):
        """One request of the core's HTTP API: (status, content_type, headers, body, event stream or None)."""
        return self._service.handle(method, target, body, dict(headers or {}))

    def _call(self, method: str, path: str, body: Optional[dict] = None, **query: Any) -> Any:
        target = path + ("?" + urllib.parse.urlencode(query) if query else "")
        payload = json.dumps(body).encode() if body is not None else b""
        status, content_type, _, answer, _ = self._service.handle(method, target, payload, {})
        document = json.loads(answer) if content_type.startswith("application/json") else answer.decode()
        if status >= 400:
            raise APIError(status, document.get("error", ""), document.get("detail", ""))
        return document

"""analyze_scenes_auto: each scene described on the backend the policy chooses (the original's
``visual_analyzer_factory.py``). The analysis worker process does the decoding and the model calls, as for
``autocut analyze``: FFmpeg never enters this process."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from . import _core
from ._configuration import PathLike
from .runtime_monitor import RuntimeMonitor
from .runtime_profile import RuntimeProfile

WORKER_NAME = "autocut-analyze-worker"

ScenesData = Union[None, PathLike, Iterable[Mapping[str, Any]], Mapping[str, Any]]


class AnalysisInterrupted(KeyboardInterrupt):
    """Ctrl-C during analyze_scenes_auto: the job was cancelled; ``result`` holds the scenes already done."""

    def __init__(self, result: dict):
        super().__init__("analysis cancelled; the finished scenes are in .result")
        self.result = result


def worker_program() -> Optional[str]:
    """AUTOCUT_ANALYZE_WORKER, else the worker shipped in this package, else one on PATH."""
    configured = os.environ.get("AUTOCUT_ANALYZE_WORKER")
    if configured:
        return configured
    bundled = Path(__file__).with_name(WORKER_NAME)
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return str(bundled)
    return shutil.which(WORKER_NAME)


def scenes_text(scenes_data: ScenesData) -> Optional[str]:
    """The scenes as the core reads them: a list of {start, end} dicts (the original's form), or a JSON or
    PySceneDetect CSV file by its path. None: the worker finds the scenes itself."""
    if scenes_data is None:
        return None
    if isinstance(scenes_data, (str, os.PathLike)):
        return Path(scenes_data).read_text(encoding="utf-8")
    if isinstance(scenes_data, Mapping):
        return json.dumps(dict(scenes_data))
    return json.dumps([scene_value(scene) for scene in scenes_data])


def scene_value(scene: Any) -> Any:
    """A scene as JSON: a dict as it is; a (start, end) pair with PySceneDetect's FrameTimecodes in seconds."""
    if isinstance(scene, Mapping):
        return dict(scene)
    return [time.get_seconds() if hasattr(time, "get_seconds") else time for time in scene]


def analyze_scenes_auto(
    scenes_data: ScenesData,
    video_path: PathLike,
    use_policy: bool = True,
    monitor: Optional[RuntimeMonitor] = None,
    backend: Optional[str] = None,
    on_scene: Optional[Callable[[dict], Any]] = None,
) -> dict:
    """Describes each scene of ``video_path`` where the policy says, and returns the results.

    The result holds ``state`` ("done", "failed", "cancelled"), ``scenes`` (each with its index, times, backend,
    description, tags and measurements, or its own error), ``summary`` (how many ran where, how many failed, how
    long), ``plan_changes`` and the monitor's ``events`` during the job.

    - ``use_policy``: the scenes not yet started follow the policy as the monitor moves it; False keeps the plan
      the job started with.
    - ``monitor``: a running RuntimeMonitor to report every attempt to (its failure-rate rule can move vision to
      the next backend mid-job); None detects the machine and monitors it for this job alone.
    - ``backend``: only this one ("ollama-gpu", "ollama-cpu", "local-openai", "cloud" or "builtin"), then the
      builtin analyzer.
    - ``on_scene(scene)`` is called on this thread as each scene finishes.

    Ctrl-C cancels the job and raises AnalysisInterrupted, whose ``result`` keeps the finished scenes.
    """
    text = scenes_text(scenes_data)
    video = os.fspath(video_path)
    program = worker_program()
    if monitor is None:
        with RuntimeMonitor(RuntimeProfile.detect()) as own:
            return _run(own, video, text, program, backend, use_policy, on_scene)
    return _run(monitor, video, text, program, backend, use_policy, on_scene)


def _run(monitor, video, text, program, backend, use_policy, on_scene) -> dict:
    result, raised = _core.analyze(monitor._service, video, text, program, backend, use_policy, on_scene)
    if isinstance(raised, KeyboardInterrupt):
        raise AnalysisInterrupted(result) from raised
    if raised is not None:
        raise raised
    return result

"""autocut_runtime: the runtime core of autocut-director for Python applications.

The original's modules by their names — ``RuntimeProfile`` (runtime_profile), ``ExecutionPolicyResolver``
(execution_policy), ``RuntimeMonitor`` (runtime_monitor), ``analyze_scenes_auto`` (visual_analyzer_factory) and,
in ``autocut_runtime.fastapi``, the ``/api/runtime`` router and the application's lifespan — backed by the C++ core
that ``autocut`` runs: the same detection, policy, monitor, wording and JSON.
"""

from ._core import ConfigError, ProfileError
from .execution_policy import ExecutionPolicy, ExecutionPolicyResolver
from .runtime_monitor import APIError, RuntimeMonitor, Transition
from .runtime_profile import ProfileClass, RuntimeProfile
from .visual_analyzer_factory import AnalysisInterrupted, analyze_scenes_auto

__all__ = [
    "APIError",
    "AnalysisInterrupted",
    "ConfigError",
    "ExecutionPolicy",
    "ExecutionPolicyResolver",
    "ProfileClass",
    "ProfileError",
    "RuntimeMonitor",
    "RuntimeProfile",
    "Transition",
    "analyze_scenes_auto",
]
__version__ = "0.1.0"

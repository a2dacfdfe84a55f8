"""ExecutionPolicyResolver: what runs where (the original's ``execution_policy.py``), resolved by the runtime core."""

from __future__ import annotations

from typing import Any, List, Mapping, Optional, Union

from . import _core
from ._document import Section, view
from .runtime_profile import ProfileClass, RuntimeProfile


class ExecutionPolicy:
    """For vision, planning and editing: the backend, model, device, limits and the reasons, at one level."""

    def __init__(self, core_policy: "_core.Policy", profile: Optional[RuntimeProfile] = None):
        self._core = core_policy
        self._profile = profile
        self._document = core_policy.document("en")

    @property
    def level(self) -> ProfileClass:
        return ProfileClass(self._core.level)

    @property
    def detected_class(self) -> ProfileClass:
        return ProfileClass(self._core.detected)

    @property
    def vision(self) -> Section:
        """``.backend``, ``.model``, ``.device``, ``.endpoint``, ``.limits``, ``.reasons``."""
        return view(self._document["vision"])

    @property
    def planning(self) -> Section:
        return view(self._document["planning"])

    @property
    def editing(self) -> Section:
        return view(self._document["editing"])

    @property
    def suggestions(self) -> List[Section]:
        return view(self._document["suggestions"])

    @property
    def history(self) -> List[dict]:
        """The degradations that led to this policy: time, from, to, reason."""
        return self._core.history

    def degrade(self, reason: str = "manual") -> "ExecutionPolicy":
        """The policy one level down (HYBRID stays HYBRID); this one is left as it is."""
        return ExecutionPolicy(self._core.degraded(reason), self._profile)

    def admit(self, kind: str, model: Optional[str] = None) -> dict:
        """Where one task of ``kind`` (vision, planning, editing) would run at this level, and whether it can."""
        return self._core.admit(kind, model)

    def explain(self, lang: Optional[str] = None) -> str:
        """What runs where and why, "en" or "zh" (default: from the locale)."""
        return self._core.explain(lang)

    def to_dict(self, lang: Optional[str] = None) -> dict:
        """The policy document; each reason's "text" in ``lang``."""
        return self._core.document(lang)

    def __repr__(self) -> str:
        return (
            f"<ExecutionPolicy {self._core.level}: vision {self._document['vision']['backend']}, "
            f"planning {self._document['planning']['backend']}, editing {self._document['editing']['backend']}>"
        )


class ExecutionPolicyResolver:
    """Resolves the policy for a profile. ``config`` holds policy settings by their environment names
    (``USE_LOCAL_VISION``, ``LOCAL_VISION_MODEL``, ``AUTOCUT_FIT_FACTOR``, ``AUTOCUT_LEVEL_FLOOR``, …)."""

    def __init__(self, profile: RuntimeProfile, config: Optional[Mapping[str, Any]] = None):
        self.profile = profile
        self._configuration = profile._source.with_overrides(config).load()

    def resolve(self, level: Union[ProfileClass, str, None] = None) -> ExecutionPolicy:
        """The policy at ``level``, or at the detected class under any configured floor."""
        name = level.value if isinstance(level, ProfileClass) else level
        return ExecutionPolicy(_core.Policy.resolve(self.profile._core, self._configuration, name), self.profile)

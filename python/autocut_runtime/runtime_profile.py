"""RuntimeProfile: what this machine is (the original's ``runtime_profile.py``), detected by the runtime core."""

from __future__ import annotations

import enum
import logging
import os
from pathlib import Path
from typing import Any, List, Mapping, Optional

from . import _core
from ._configuration import ConfigurationSource, PathLike
from ._document import Section, view

log = logging.getLogger("autocut_runtime")

ProfileError = _core.ProfileError
ConfigError = _core.ConfigError

PROFILE_FILE_NAME = "runtime_profile.json"


class ProfileClass(str, enum.Enum):
    """The five levels, most local capability first; each value is the level's name."""

    LOCAL_GPU_HIGH = "LOCAL_GPU_HIGH"
    LOCAL_GPU_MID = "LOCAL_GPU_MID"
    LOCAL_GPU_LOW = "LOCAL_GPU_LOW"
    LOCAL_CPU_ONLY = "LOCAL_CPU_ONLY"
    HYBRID = "HYBRID"

    def __str__(self) -> str:
        return self.value


class RuntimeProfile:
    """The machine as the core detected it: CPU, memory (container limits included), GPUs, AI runtimes, editors.

    Fields read as the original's: ``profile.cpu.cores``, ``.threads``, ``.score``; ``profile.memory.total_gb``,
    ``.available_gb``; ``profile.gpu`` (None or the GPU AI work should use); ``profile.profile_class``.
    """

    def __init__(self, core_profile: "_core.Profile", source: ConfigurationSource):
        self._core = core_profile
        self._source = source
        self._document = core_profile.document()

    @classmethod
    def detect(
        cls,
        root: Optional[PathLike] = None,
        ollama_host: Optional[str] = None,
        env_file: Optional[PathLike] = None,
        gpu_reserve_mib: Optional[int] = None,
        config: Optional[Mapping[str, Any]] = None,
        slow_probes: bool = True,
    ) -> "RuntimeProfile":
        """Detects this machine, or the captured one under ``root``, as ``autocut profile`` does.

        ``config`` holds settings by their environment names (``USE_LOCAL_VISION``, ``OPENAI_API_KEY``, …) over
        the ``.env`` file (``env_file``, default ``./.env``) and the environment. Without ``slow_probes`` the AI
        runtimes and ffmpeg are left "pending" (still being checked), never reported absent.
        """
        overrides = dict(config or {})
        if ollama_host is not None:
            overrides["OLLAMA_HOST"] = ollama_host
        if gpu_reserve_mib is not None:
            overrides["AUTOCUT_GPU_RESERVE_MIB"] = gpu_reserve_mib
        source = ConfigurationSource(env_file, overrides, root)
        return cls(_core.Profile.detect(source.load(), slow_probes), source)

    @classmethod
    def load(
        cls,
        path: PathLike = PROFILE_FILE_NAME,
        env_file: Optional[PathLike] = None,
        config: Optional[Mapping[str, Any]] = None,
    ) -> "RuntimeProfile":
        """Reads a saved ``runtime_profile.json``; its conclusions (class, usable memory) are derived again.

        A corrupt, truncated or foreign file raises ProfileError and is kept aside as
        ``runtime_profile.json.corrupt-<time>``, as the CLI does.
        """
        source = ConfigurationSource(env_file, config)
        return cls(_core.Profile.load(os.fspath(path), source.load()), source)

    def save(self, path: PathLike = PROFILE_FILE_NAME) -> Path:
        """Writes the profile atomically; a bad file in its place is kept aside first. Raises ProfileError."""
        message = self._core.save(os.fspath(path))
        if message:
            log.warning("%s", message)
        return Path(path)

    def explain(self, lang: Optional[str] = None) -> str:
        """The profile in plain words, "en" or "zh" (default: from the locale)."""
        return self._core.explain(lang)

    def to_dict(self) -> dict:
        """The runtime_profile.json document."""
        return self._core.document()

    def to_json(self) -> str:
        return self._core.json_text()

    @property
    def profile_class(self) -> ProfileClass:
        return ProfileClass(self._document["profile_class"])

    @property
    def cpu(self) -> Optional[Section]:
        return view(self._document["cpu"])

    @property
    def memory(self) -> Optional[Section]:
        return view(self._document["memory"])

    @property
    def gpu(self) -> Optional[Section]:
        return view(self._document["gpu"])

    @property
    def gpus(self) -> List[Section]:
        return view(self._document["gpus"])

    @property
    def runtimes(self) -> List[Section]:
        return view(self._document["runtimes"])

    @property
    def cloud(self) -> Optional[Section]:
        return view(self._document["cloud"])

    @property
    def editors(self) -> Section:
        return view(self._document["editors"])

    @property
    def container(self) -> Optional[Section]:
        return view(self._document["container"])

    @property
    def pressure(self) -> Optional[Section]:
        return view(self._document["pressure"])

    @property
    def os(self) -> Optional[Section]:
        return view(self._document["os"])

    @property
    def probes(self) -> Section:
        """Each probe's status ("ok", "absent", "failed", "pending"), detail and duration."""
        return view(self._document["probes"])

    @property
    def fingerprint(self) -> str:
        return self._document["fingerprint"]

    @property
    def detected_at(self) -> str:
        return self._document["detected_at"]

    @property
    def nothing_detected(self) -> bool:
        return self._core.nothing_detected

    def __repr__(self) -> str:
        cpu = self._document["cpu"] or {}
        return (
            f"<RuntimeProfile {self._document['profile_class']}: {cpu.get('threads')} threads, "
            f"{len(self._document['gpus'])} GPU(s)>"
        )

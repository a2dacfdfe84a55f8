"""How callers pass settings: the ``.env`` file, the environment, and overrides with the environment's names."""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union

from . import _core

PathLike = Union[str, "os.PathLike[str]"]


def text_value(value: Any) -> str:
    """Python values as the settings' text: True → "true", 0.5 → "0.5"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class ConfigurationSource:
    """What a Configuration was made from, so that a resolver or monitor can add its own overrides to it."""

    def __init__(
        self,
        env_file: Optional[PathLike] = None,
        overrides: Optional[Mapping[str, Any]] = None,
        root: Optional[PathLike] = None,
    ):
        self.env_file = os.fspath(env_file) if env_file is not None else None
        self.overrides = {str(key): text_value(value) for key, value in (overrides or {}).items()}
        self.root = os.fspath(root) if root is not None else None

    def with_overrides(self, overrides: Optional[Mapping[str, Any]]) -> "ConfigurationSource":
        merged = dict(self.overrides)
        merged.update({str(key): text_value(value) for key, value in (overrides or {}).items()})
        return ConfigurationSource(self.env_file, merged, self.root)

    def load(self) -> "_core.Configuration":
        return _core.Configuration(self.env_file, self.overrides, self.root)

"""Read-only attribute views over the core's JSON documents, so ``profile.cpu.cores`` reads as in the original."""

from __future__ import annotations

import copy
from typing import Any, Iterator, Mapping


class Section(Mapping[str, Any]):
    """One object of a document: its fields as attributes and as keys; nested objects are Sections too."""

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, Any]):
        object.__setattr__(self, "_fields", fields)

    def __getattr__(self, name: str) -> Any:
        try:
            return view(self._fields[name])
        except KeyError:
            raise AttributeError(f"{name!r}: not a field here (fields: {', '.join(self._fields)})") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("documents from the runtime core are read-only; change the configuration instead")

    def __getitem__(self, key: str) -> Any:
        return view(self._fields[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __dir__(self) -> list[str]:
        return list(self._fields)

    def __repr__(self) -> str:
        return f"Section({dict(self._fields)!r})"

    def to_dict(self) -> dict[str, Any]:
        """A deep copy, free to change."""
        return copy.deepcopy(dict(self._fields))


def view(value: Any) -> Any:
    if isinstance(value, dict):
        return Section(value)
    if isinstance(value, list):
        return [view(item) for item in value]
    return value

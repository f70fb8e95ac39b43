"""Load knowledge YAML files: the built-in one, then user extensions, validated."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eventdesk.errors import Errors, KnowledgeError

ENV_VAR = "EVENTDESK_KNOWLEDGE"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir() -> Path:
    return Path(__file__).parent / "data"


def _folders() -> list[Path]:
    extra = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [data_dir(), *extra]


def _read(path: Path) -> Any:
    try:
        # libyaml's C loader when PyYAML was built with it: the actor files load ~5x faster
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(Errors.E301.format(path=path, reason=exc)) from exc


@lru_cache(maxsize=None)
def load_all(name: str) -> tuple[tuple[Path, Any], ...]:
    """Every copy of knowledge file `name` (built-in first, then extensions), parsed."""
    found = tuple((p / name, _read(p / name)) for p in _folders() if (p / name).is_file())
    if not found:
        raise KnowledgeError(Errors.E302.format(name=name, folders=[str(f) for f in _folders()]))
    return found


def load(name: str, key: str, validate: Callable[[dict, Path], None] | None = None) -> list[dict]:
    """The concatenated list `key` of every copy of `name`, each entry validated.

    `validate(entry, path)` raises ValueError to reject an entry; the error names the file.
    """
    entries: list[dict] = []
    for path, content in load_all(name):
        items = (content or {}).get(key, [])
        if not isinstance(items, list):
            raise KnowledgeError(Errors.E301.format(path=path, reason=f"'{key}' must be a list"))
        for i, entry in enumerate(items):
            if validate is not None:
                try:
                    validate(entry, path)
                except (ValueError, TypeError, KeyError) as exc:
                    raise KnowledgeError(
                        Errors.E301.format(path=path, reason=f"{key}[{i}]: {exc}")) from exc
            entries.append(entry)
    return entries

"""Lazy public names for packages: a package lists which module defines each name, and the
module is imported on first use, so importing a package loads no model or lexicon."""

from __future__ import annotations

from importlib import import_module
from typing import Callable


def lazy_exports(exports: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` serving `exports` (public name -> defining module)."""

    def __getattr__(name: str) -> object:
        if name in exports:
            return getattr(import_module(exports[name]), name)
        raise AttributeError(name)

    return __getattr__

"""Actors: the registry (knowledge/data/actors.yaml) and the spaCy components that find and resolve them."""

from __future__ import annotations

from importlib import import_module

# public name -> module that defines it; imported on first use so the package loads no model or lexicon
_EXPORTS = {
    "ActorRegistry": "eventdesk.understand.actors.registry",
    "ActorRef": "eventdesk.understand.actors.registry",
    "Actor": "eventdesk.understand.actors.registry",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)

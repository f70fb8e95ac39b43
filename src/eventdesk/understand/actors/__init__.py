"""Actors: the registry (knowledge/data/actors.yaml) and the spaCy components that find and resolve them."""

from __future__ import annotations

from eventdesk.lazy import lazy_exports

_EXPORTS = {
    "ActorRegistry": "eventdesk.understand.actors.registry",
    "ActorRef": "eventdesk.understand.actors.registry",
    "Actor": "eventdesk.understand.actors.registry",
}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(_EXPORTS)

"""Knowledge as data: actors, places, trigger lexicons, hedges, boilerplate cues.

Files live in `knowledge/data/` (YAML). A user extends them by pointing EVENTDESK_KNOWLEDGE
(a path list, like PATH) at folders with files of the same name: their entries are appended
to the built-in ones. Each consumer validates its file against its schema with `load()`.
"""

from eventdesk.knowledge.loader import data_dir, load, load_all

__all__ = ["data_dir", "load", "load_all"]

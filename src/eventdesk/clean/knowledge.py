"""The CLEAN stage's knowledge files, loaded and compiled once per worker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventdesk import knowledge

CUE_KINDS = ("line", "prefix", "phrase", "credit", "end")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def norm_line(text: str) -> str:
    """Lower case, punctuation and runs of spaces folded to one space."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def _check_cue(entry: dict, path: Path) -> None:
    if entry.get("kind") not in CUE_KINDS:
        raise ValueError(f"kind must be one of {CUE_KINDS}")
    if not isinstance(entry.get("text"), str) or not entry["text"].strip():
        raise ValueError("text must be a non-empty string")
    if entry["kind"] == "credit":
        re.compile(entry["text"])


def _check_text(entry: dict, path: Path) -> None:
    if not isinstance(entry.get("text"), str) or not entry["text"].strip():
        raise ValueError("text must be a non-empty string")


def _check_outlet(entry: dict, path: Path) -> None:
    if not entry.get("host") or not entry.get("name"):
        raise ValueError("an outlet needs 'host' and 'name'")


@dataclass(frozen=True)
class CleanKnowledge:
    lines: frozenset[str]
    ends: frozenset[str]
    prefixes: tuple[tuple[str, int], ...]
    phrases: tuple[tuple[str, int], ...]
    credit: re.Pattern
    agencies: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    standfirst_verbs: tuple[str, ...]
    bio_roles: tuple[str, ...]
    not_people: frozenset[str]
    published_cues: tuple[str, ...]
    outlets: dict[str, str]

    def cue(self, text: str, words: int) -> str | None:
        """The kind of boilerplate cue the line matches ("line", "end", ...), or None."""
        key = norm_line(text)
        if key in self.ends:
            return "end"
        if key in self.lines:
            return "line"
        for prefix, max_words in self.prefixes:
            if words <= max_words and key.startswith(prefix):
                return "prefix"
        for phrase, max_words in self.phrases:
            if words <= max_words and phrase in key:
                return "phrase"
        if self.credit.search(text):
            return "credit"
        return None


def _texts(name: str, key: str) -> tuple[str, ...]:
    return tuple(e["text"] for e in knowledge.load(name, key, _check_text))


@lru_cache(maxsize=1)
def load_clean_knowledge() -> CleanKnowledge:
    cues = knowledge.load("boilerplate.yaml", "cues", _check_cue)
    by_kind: dict[str, list[dict]] = {k: [] for k in CUE_KINDS}
    for cue in cues:
        by_kind[cue["kind"]].append(cue)
    conv = "clean_conventions.yaml"
    return CleanKnowledge(
        lines=frozenset(norm_line(c["text"]) for c in by_kind["line"]),
        ends=frozenset(norm_line(c["text"]) for c in by_kind["end"]),
        prefixes=tuple((norm_line(c["text"]) or c["text"], int(c.get("max_words", 12)))
                       for c in by_kind["prefix"]),
        phrases=tuple((norm_line(c["text"]), int(c.get("max_words", 30)))
                      for c in by_kind["phrase"]),
        credit=re.compile("|".join(f"(?:{c['text']})" for c in by_kind["credit"]) or "(?!x)x",
                          re.IGNORECASE),
        agencies=_texts(conv, "agencies"),
        byline_prefixes=_texts(conv, "byline_prefixes"),
        standfirst_verbs=_texts(conv, "standfirst_author_verbs"),
        bio_roles=_texts(conv, "bio_roles"),
        not_people=frozenset(t.lower() for t in _texts(conv, "byline_not_people")),
        published_cues=_texts(conv, "published_cues"),
        outlets={e["host"].lower(): e["name"]
                 for e in knowledge.load("clean_outlets.yaml", "outlets", _check_outlet)},
    )

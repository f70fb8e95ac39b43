"""Words a PDF-to-text conversion broke at a line end ("Septem-ber 11", "cen-tral Gaza"):
joined again, or the date parser, the place resolver and every lexicon miss them; and numbers
a scrape glued to the word before them ("has risen to115 people"): split again.

Written by hand because no cleaning library undoes line-end hyphenation of text that has
lost its lines; the word list is the spaCy model's own vocabulary (its strings.json).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

BROKEN = re.compile(r"\b([A-Za-z]+)-([a-z]+)\b")
# Calibrated on the seeds, dev and dev2: the one page converted from a PDF (dev2 d05) has 16
# hyphenations whose joined form is a word; every other page has at most 3, all real
# compounds ("north-eastern", "so-called", "counter-terrorism"), which must stay.
MIN_BROKEN = 5


@lru_cache(maxsize=2)
def _vocabulary(model: str) -> frozenset[str]:
    """The lower-case strings of the spaCy model package `model` (empty when not installed)."""
    import spacy.util  # only for a page that looks converted from a PDF

    try:
        root = Path(spacy.util.get_package_path(model))
    except (ImportError, OSError, ValueError):
        return frozenset()
    for path in root.glob("*/vocab/strings.json"):
        return frozenset(s.lower() for s in json.loads(path.read_text(encoding="utf-8")))
    return frozenset()


def join_broken_words(text: str, model: str | None = None) -> str:
    """`text` with line-end hyphenations joined ("Unit-ed Nations" -> "United Nations") when
    it holds at least MIN_BROKEN of them; a page with fewer keeps its hyphens."""
    candidates = BROKEN.findall(text)
    if len(candidates) < MIN_BROKEN:
        return text
    from eventdesk.understand.nlp import DEFAULT_MODEL, ENV_MODEL  # the model the pipeline reads with

    words = _vocabulary(model or os.environ.get(ENV_MODEL) or DEFAULT_MODEL)
    if sum((a + b).lower() in words for a, b in candidates) < MIN_BROKEN:
        return text
    return BROKEN.sub(lambda m: m[1] + m[2] if (m[1] + m[2]).lower() in words else m[0], text)


# A lower-case English function word glued to a number of two or more digits: the space an
# inline tag stood for was lost ("risen to115 people"). Names with digits ("F16", "MQ9",
# "COVID19", "G7") start with a capital or are no function word, and stay.
GLUED_NUMBER = re.compile(r"\b(to|of|at|by|in|on|from|than|about|least|and|or|some|over|nearly|killed|killing)(\d{2,}(?:,\d{3})*)\b")


def split_glued_numbers(text: str) -> str:
    """`text` with "to115" read as "to 115"."""
    return GLUED_NUMBER.sub(r"\1 \2", text)

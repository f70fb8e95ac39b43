"""The keys the actor registry (registry.py) matches aliases by: a normalised form, and
whether an alias matches only as written. Both stay importable from registry.py."""

from __future__ import annotations

import re
import unicodedata

# ---- normalisation -------------------------------------------------------------------------
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})


def normalise(text: str) -> str:
    """A case-, accent-, quote- and punctuation-free key: "Hay’at Tahrir al-Sham" -> "hayat tahrir al sham"."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def is_case_sensitive(alias: str) -> bool:
    """Short or all-capital aliases ("IS", "Isis", "SDF") match only as written."""
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= 4 or (bool(letters) and all(c.isupper() for c in letters))

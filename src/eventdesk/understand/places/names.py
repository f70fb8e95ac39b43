"""Match keys for place names written in many transliterations.

Journalists spell the same Arabic, Kurdish or Pashto name in several ways ("Deir ez-Zor",
"Deir el-Zour", "Dayr az Zawr"); GeoNames holds one or two of them. Two keys bridge the gap:

1. `name_key` folds what never distinguishes two places: case, diacritics, apostrophes and
   ayn/hamza marks, hyphens and spaces, the Arabic article in all its assimilated forms
   (al-/el-/ad-/ar-/as-/an-/ash-/at-/az-/ez-/ed-/ul-) wherever it stands, doubled letters,
   the vowel digraphs of English transliteration (ou/oo -> u, ee/ei/ay -> i) and a final
   -ah/-eh (Raqqah/Raqqa).
2. `skeleton_key` keeps the consonants only (vowels and the semi-vowels w/y dropped after the
   first letter), so Dayr az Zawr and Deir ez-Zor meet; it collides more and is used only as a
   fallback whose candidates are then checked with a fuzzy ratio.

Written by hand: unidecode-like folding is a few lines of unicodedata, and no library knows
Arabic-in-English transliteration habits.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "Ħ": "h",
})
# Apostrophes, ayn and hamza marks vanish ("Dar'a" = "Daraa" less one letter, folded below).
_MARKS = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
ARTICLES = frozenset({
    "al", "el", "il", "ad", "ed", "ar", "er", "as", "es", "an", "en", "ash", "esh", "at",
    "et", "az", "ez", "ul", "the",
})
_DIGRAPHS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("ay", "i"), ("dh", "z"),
             ("ph", "f"), ("aa", "a"), ("ii", "i"), ("uu", "u"))
_DOUBLED = re.compile(r"([a-z])\1+")
_SKELETON_DROP = re.compile(r"[aeiouwyh]")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters and digits of `text`, marks removed, punctuation as spaces."""
    text = _MARKS.sub("", text.translate(_FOLD))
    # NFKD splits letters from their accents; the accents (and any other script) are not ASCII.
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", stripped.lower()).strip()


# Basic Latin to Latin Extended-B, spacing modifiers (ayn marks), Latin Extended Additional,
# general punctuation: anything else is another script.
_NOT_LATIN = re.compile(r"[^\u0000-\u02ff\u1e00-\u1eff\u2000-\u206f]")


def plain_name(name: str) -> str:
    """`name` without diacritics and ayn/hamza marks, case kept: "Ālbū Kamāl" -> "Albu Kamal"."""
    text = _MARKS.sub("", name.translate(_FOLD))
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def is_latin(text: str) -> bool:
    """True when `text` is written in Latin script (GeoNames alternates mix scripts)."""
    return _NOT_LATIN.search(text) is None


def _tokens(name: str) -> list[str]:
    tokens = ascii_fold(name).split()
    # "Al" glued by a hyphen became its own token; drop articles wherever they stand, but
    # never the whole name ("As" alone, "Ar" alone stay).
    kept = [t for t in tokens if t not in ARTICLES]
    return kept or tokens


def _fold_token(token: str) -> str:
    for a, b in _DIGRAPHS:
        token = token.replace(a, b)
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 3 and token.endswith(("ah", "eh")):
        token = token[:-1]
    return token


def name_key(name: str) -> str:
    """The exact-lookup key: transliteration-folded, spaces and articles removed."""
    return "".join(_fold_token(t) for t in _tokens(name))


def skeleton_key(name: str) -> str:
    """Consonant skeleton of `name_key` (first letter kept): a collision-prone fallback."""
    return skeleton_of_key(name_key(name))


def skeleton_of_key(key: str) -> str:
    if not key:
        return ""
    return key[0] + _DOUBLED.sub(r"\1", _SKELETON_DROP.sub("", key[1:]))

"""Language of the article text (py3langid: its model ships inside the package)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    import py3langid

    return py3langid


def identify(text: str, max_chars: int = 5000) -> str | None:
    """ISO 639-1 code of `text` (read on the body, not the raw page), None if it is empty."""
    sample = text[:max_chars].strip()
    if not sample:
        return None
    code, _ = _identifier().classify(sample)
    return code


# ISO 639-1 codes of py3langid to jusText stoplist names (the languages both know).
_STOPLISTS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "ko": "Korean", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}


def page_stoplist(raw: str, default: str, max_chars: int = 5000) -> str:
    """The jusText stoplist for the language of a page's longest lines (its prose, not its
    menus), so that stop-word density measures prose in any supported language."""
    lines = sorted((ln[:1000] for ln in raw[: max_chars * 20].splitlines()), key=len,
                   reverse=True)
    sample, size = [], 0
    for line in lines[:40]:
        sample.append(line)
        size += len(line)
        if size >= max_chars:
            break
    code = identify("\n".join(sample), max_chars)
    return _STOPLISTS.get(code or "", default)

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
